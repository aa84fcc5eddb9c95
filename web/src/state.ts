/**
 * The view lives in the URL so it can be shared: filters in the query string (?country=SD&from=2024-06-01),
 * the open item in the hash (#incident/<id>, #article/<id>, #actor/<name>, #trends/<interval>/<stack>/<split>,
 * #quality/<issue>, #paste).
 */
import type { Interval, QualityIssue, SplitBy, StackBy } from "./api.js";

export interface Filters {
  from: string;
  to: string;
  country: string;
  type: string;
  actor: string;
  q: string;
}

export const FILTER_KEYS: (keyof Filters)[] = ["from", "to", "country", "type", "actor", "q"];

export type View =
  | { kind: "list" }
  | { kind: "incident"; id: string }
  | { kind: "article"; id: string }
  | { kind: "paste" }
  | { kind: "actor"; name: string }
  | { kind: "trends"; interval: Interval; stack: StackBy; split: SplitBy }
  | { kind: "quality"; issue: QualityIssue };

const INTERVALS: Interval[] = ["day", "week", "month"];
const STACKS: StackBy[] = ["type", "actor"];
const SPLITS: SplitBy[] = ["none", "country", "admin1"];
const pick = <T extends string>(values: T[], v: string | undefined, fallback: T): T => (values.includes(v as T) ? (v as T) : fallback);

export function readFilters(search = window.location.search): Filters {
  const params = new URLSearchParams(search);
  const f = {} as Filters;
  for (const key of FILTER_KEYS) f[key] = params.get(key)?.trim() ?? "";
  return f;
}

export function filtersToSearch(f: Filters): string {
  const params = new URLSearchParams();
  for (const key of FILTER_KEYS) if (f[key]) params.set(key, f[key]);
  const s = params.toString();
  return s ? `?${s}` : "";
}

/** Puts the filters in the address bar (a new history entry, so Back undoes a filter). */
export function writeFilters(f: Filters): void {
  const url = `${window.location.pathname}${filtersToSearch(f)}${window.location.hash}`;
  if (url !== `${window.location.pathname}${window.location.search}${window.location.hash}`) {
    window.history.pushState(null, "", url);
  }
}

export function readView(hash = window.location.hash): View {
  const m = /^#(incident|article)\/(.+)$/.exec(hash);
  if (m) return { kind: m[1] as "incident" | "article", id: decodeURIComponent(m[2]) };
  if (hash === "#paste") return { kind: "paste" };
  const actor = /^#actor\/(.+)$/.exec(hash);
  if (actor) return { kind: "actor", name: decodeURIComponent(actor[1]) };
  if (hash === "#trends" || hash.startsWith("#trends/")) {
    const [, interval, stack, split] = hash.split("/");
    return { kind: "trends", interval: pick(INTERVALS, interval, "week"), stack: pick(STACKS, stack, "type"), split: pick(SPLITS, split, "none") };
  }
  if (hash === "#quality" || hash.startsWith("#quality/")) return { kind: "quality", issue: hash === "#quality/no-place" ? "no-place" : "far-date" };
  return { kind: "list" };
}

export function viewHash(view: View): string {
  switch (view.kind) {
    case "incident":
    case "article":
      return `#${view.kind}/${encodeURIComponent(view.id)}`;
    case "paste":
      return "#paste";
    case "actor":
      return `#actor/${encodeURIComponent(view.name)}`;
    case "trends":
      return `#trends/${view.interval}/${view.stack}/${view.split}`;
    case "quality":
      return `#quality/${view.issue}`;
    default:
      return "";
  }
}

export function openView(view: View): void {
  const hash = viewHash(view);
  if (hash) {
    if (window.location.hash !== hash) window.location.hash = hash; // hashchange routes
    else window.dispatchEvent(new Event("sitrep:view"));
    return;
  }
  window.history.pushState(null, "", `${window.location.pathname}${window.location.search}`);
  window.dispatchEvent(new Event("sitrep:view"));
}
