/**
 * Checks a report against an `examples/articles/<slug>.facts.json` answer key (schema in examples/README.md):
 * one named fact per line, so tests and the score script can say exactly which facts are read right.
 */
import type { Count, Entity, Report } from "../../src/report.js";
import { haversineKm } from "../../src/resolve/geo/distance.js";
import { isIncidentWorthy } from "../../src/incidents/profile.js";

export interface FactKey {
  published?: string;
  publishedGiven?: boolean;
  title?: string;
  language?: string;
  agencies?: string[];
  entities?: { name: string; kind?: string; aliases?: string[]; roles?: string[] }[];
  places?: { name: string; country?: string; lat?: number; lon?: number; featureType?: string }[];
  times?: { text: string; value: string }[];
  quotes?: { fragment: string; speaker: string | null }[];
  events?: {
    type: string; mode?: string | null; acledEventType?: string; acledSubEventType?: string; place?: string | null;
    date?: string | null; killed?: Count | null; injured?: Count | null; victims?: string | null; actors?: string[];
    attribution?: string; candidates?: string[]; negated?: boolean; hypothetical?: boolean; cue?: string;
  }[];
  amounts?: { value: number; currency: string; alternatives?: { value: number; currency: string }[]; purpose?: string | null; donor?: string | null }[];
}

export interface FactResult {
  id: string;
  ok: boolean;
  detail: string;
}

const low = (s: unknown) => String(s ?? "").toLowerCase().normalize("NFD").replace(/\p{M}/gu, "");

function km(a: { lat: number; lon: number }, b: { lat: number; lon: number }): number {
  return haversineKm(a.lat, a.lon, b.lat, b.lon);
}

/** The report entity a key name means: same name or alias, either way round. */
export function findEntity(report: Report, names: string[]): Entity | undefined {
  const wanted = names.map(low).filter(Boolean);
  return report.entities.find((e) => {
    const have = [e.name, ...e.aliases].map(low);
    return wanted.some((w) => have.some((h) => h === w || (w.length > 3 && h.length > 3 && (h.endsWith(` ${w}`) || w.endsWith(` ${h}`)))));
  });
}

type KeyEvent = NonNullable<FactKey["events"]>[number];

/** The report's event that an answer key's event means: same type and polarity, its cue, then the best fit. */
export function matchKeyEvent(report: Report, k: KeyEvent, placeOk: (name: string, placeId: string | null) => boolean): Report["events"][number] | undefined {
  const candidates = report.events.filter((e) => e.type === k.type && e.negated === (k.negated ?? false));
  const byCue = k.cue ? candidates.filter((e) => e.evidence.some((s) => low(s.text).includes(low(k.cue)))) : candidates;
  const scored = (byCue.length ? byCue : candidates).map((e) => {
    let score = 0;
    if (k.killed && e.casualties?.killed?.best === k.killed.best) score += 2;
    if (k.acledSubEventType && e.acled?.subEventType === k.acledSubEventType) score += 1;
    if (k.place && placeOk(k.place, e.place)) score += 1;
    return { e, score };
  }).sort((a, b) => b.score - a.score);
  return scored[0]?.e;
}

/**
 * The report's incident-worthy events that no event of the answer key means: records an analyst would not file
 * (the key lists every event a careful analyst files). Named by type and cue, so a list of them can be a ratchet.
 */
export function extraEvents(slug: string, report: Report, key: FactKey): string[] {
  const matched = new Set((key.events ?? []).map((k) => matchKeyEvent(report, k, (name, placeId) => placeMatches(key, report, name, placeId))).filter((e) => !!e));
  return report.events
    .filter((e) => !matched.has(e) && isIncidentWorthy(e))
    .map((e) => `${slug}: extra ${e.type} "${e.evidence[0]?.text ?? ""}"`);
}

function placeMatches(key: FactKey, report: Report, name: string, placeId: string | null): boolean {
  const k = key.places?.find((p) => p.name === name);
  const p = report.places.find((x) => x.id === placeId);
  if (!k || !p) return false;
  if (k.lat !== undefined && k.lon !== undefined && p.lat !== null && p.lon !== null) return km({ lat: k.lat, lon: k.lon }, { lat: p.lat, lon: p.lon }) <= 50;
  return p.country === k.country && low(p.name).includes(low(name).replace(/^(?:north|south|east|west)\s+/, "").slice(0, 4));
}

export function checkFacts(slug: string, report: Report, key: FactKey): FactResult[] {
  const out: FactResult[] = [];
  const add = (id: string, ok: boolean, detail = "") => out.push({ id: `${slug}: ${id}`, ok, detail });
  const entityByKeyName = (name: string) => {
    const k = key.entities?.find((e) => e.name === name);
    return findEntity(report, [name, ...(k?.aliases ?? [])]);
  };
  const placeOk = (name: string, placeId: string | null) => placeMatches(key, report, name, placeId);

  if (key.published) add(`published ${key.published}`, String(report.article.published ?? "").startsWith(key.published), String(report.article.published));
  if (key.title) add("title", report.article.title === key.title, String(report.article.title));
  if (key.language) add(`language ${key.language}`, report.article.language === key.language, report.article.language);
  for (const a of key.agencies ?? []) add(`agency ${a}`, report.article.credits.agencies.map(low).includes(low(a)), report.article.credits.agencies.join(","));
  if (key.language && key.language !== "en") return out;

  for (const k of key.entities ?? []) {
    const e = findEntity(report, [k.name, ...(k.aliases ?? [])]);
    add(`entity ${k.name}`, !!e, e ? e.name : "not found");
    if (k.kind) add(`entity ${k.name} is ${k.kind}`, e?.kind === k.kind, String(e?.kind));
    for (const role of k.roles ?? []) {
      add(`entity ${k.name} role "${role}"`, !!e?.roles.some((r) => low(r).includes(low(role)) || low(role).includes(low(r))), (e?.roles ?? []).join("; "));
    }
  }
  for (const k of key.places ?? []) {
    const p = report.places.find((x) => {
      if (k.lat !== undefined && k.lon !== undefined && x.lat !== null && x.lon !== null) return km({ lat: k.lat, lon: k.lon }, { lat: x.lat, lon: x.lon }) <= 50;
      if (k.featureType === "country") return x.featureType === "country" && x.country === k.country;
      return x.country === k.country && x.mentions.some((m) => low(m.text).includes(low(k.name)) || low(k.name).includes(low(m.text)));
    });
    add(`place ${k.name}`, !!p, p ? `${p.name} ${p.lat},${p.lon}` : "not found");
  }
  for (const k of key.times ?? []) add(`time "${k.text}" = ${k.value}`, report.times.some((t) => t.value === k.value), report.times.map((t) => t.value).join(","));
  for (const k of key.quotes ?? []) {
    const q = report.quotes.find((x) => low(x.text).includes(low(k.fragment)));
    add(`quote "${k.fragment}"`, !!q);
    if (k.speaker) {
      const e = entityByKeyName(k.speaker);
      add(`quote "${k.fragment}" by ${k.speaker}`, !!q && !!e && q.speaker === e.id, q ? `speaker ${report.entities.find((x) => x.id === q.speaker)?.name ?? q.speakerText}` : "no quote");
    }
  }
  (key.events ?? []).forEach((k, i) => {
    const label = `event ${i + 1} ${k.type}${k.cue ? ` "${k.cue}"` : ""}`;
    const e = matchKeyEvent(report, k, placeOk);
    add(label, !!e);
    if (!e) return;
    if (k.acledSubEventType) add(`${label} ACLED ${k.acledSubEventType}`, e.acled?.subEventType === k.acledSubEventType, String(e.acled?.subEventType));
    if (k.mode) add(`${label} mode ${k.mode}`, e.mode === k.mode, String(e.mode));
    if (k.place) add(`${label} place ${k.place}`, placeOk(k.place, e.place), String(report.places.find((p) => p.id === e.place)?.name));
    if (k.date) add(`${label} date ${k.date}`, report.times.find((t) => t.id === e.time)?.value === k.date, String(report.times.find((t) => t.id === e.time)?.value));
    if (k.killed) add(`${label} killed ${k.killed.best}`, e.casualties?.killed?.best === k.killed.best, JSON.stringify(e.casualties?.killed));
    if (k.injured) add(`${label} injured ${k.injured.best}`, e.casualties?.injured?.best === k.injured.best, JSON.stringify(e.casualties?.injured));
    if (k.attribution) add(`${label} attribution ${k.attribution}`, e.attribution.status === k.attribution, e.attribution.status);
    for (const c of k.candidates ?? []) {
      const ent = entityByKeyName(c);
      add(`${label} candidate ${c}`, !!ent && e.attribution.candidates.includes(ent.id));
    }
    for (const a of k.actors ?? []) {
      const ent = entityByKeyName(a);
      add(`${label} actor ${a}`, !!ent && e.actors.includes(ent.id), e.actors.map((id) => report.entities.find((x) => x.id === id)?.name).join(","));
    }
    if (k.hypothetical) add(`${label} hypothetical`, e.hypothetical);
  });
  (key.amounts ?? []).forEach((k) => {
    const a = report.amounts.find((x) => x.value === k.value && x.currency === k.currency);
    add(`amount ${k.value} ${k.currency}`, !!a);
    for (const alt of k.alternatives ?? []) add(`amount ${k.value} ${k.currency} = ${alt.value} ${alt.currency}`, !!a?.alternatives.some((b) => b.value === alt.value && b.currency === alt.currency));
    if (k.purpose) add(`amount ${k.value} ${k.currency} for ${k.purpose}`, !!a?.purpose && (low(a.purpose).includes(low(k.purpose)) || low(k.purpose).includes(low(a.purpose))), String(a?.purpose));
    if (k.donor) {
      const ent = entityByKeyName(k.donor);
      add(`amount ${k.value} ${k.currency} from ${k.donor}`, !!a && !!ent && a.donor === ent.id, String(report.entities.find((x) => x.id === a?.donor)?.name));
    }
  });
  return out;
}
