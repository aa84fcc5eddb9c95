/**
 * The ten-second brief of a report: what happened, where, when, casualties and who said what,
 * each with the words that support it. Plain text for terminals and logs.
 */
import type { Count, Entity, Event, Report } from "./report.js";

function count(c: Count | null): string | null {
  if (!c) return null;
  if (c.high === null) return c.low === c.best ? `at least ${c.best}` : `${c.best} (at least ${c.low})`;
  if (c.low === c.high) return String(c.best);
  return `${c.best} (${c.low}-${c.high})`;
}

function clip(s: string, n: number): string {
  const flat = s.replace(/\s+/g, " ").trim();
  return flat.length > n ? `${flat.slice(0, n - 1)}…` : flat;
}

const PRECISION = { 1: "town", 2: "near a town", 3: "province/region", 4: "country" } as const;

function describeEvent(report: Report, e: Event, names: Map<string, Entity>): string[] {
  const place = report.places.find((p) => p.id === e.place);
  const time = report.times.find((t) => t.id === e.time);
  const who = (ids: string[]) => ids.map((id) => names.get(id)?.name ?? id).join(", ");
  const head = [
    `${e.type}${e.mode ? ` (${e.mode})` : ""}`,
    e.acled ? e.acled.subEventType : null,
    place ? `${place.name}${place.country ? `, ${place.country}` : ""} [${PRECISION[place.precision]}]` : "place not stated",
    time ? time.value : "date not stated",
  ].filter(Boolean).join(" · ");
  const lines = [head];
  const facts: string[] = [];
  if (e.actors.length) facts.push(`by ${who(e.actors)}`);
  if (e.targets.length) facts.push(`against ${who(e.targets)}`);
  if (e.attribution.status === "contested") facts.push(`perpetrator contested: ${e.attribution.candidates.map((id) => names.get(id)?.name ?? id).join(" or ")}`);
  if (e.attribution.status === "claimed") facts.push(`claimed by ${who(e.attribution.candidates)}`);
  if (e.attribution.status === "unknown" && e.type === "ASSAULT") facts.push("perpetrator not stated");
  const killed = count(e.casualties?.killed ?? null);
  const injured = count(e.casualties?.injured ?? null);
  if (killed) facts.push(`${killed} killed${e.casualties?.victims ? ` (${e.casualties.victims})` : ""}`);
  if (injured) facts.push(`${injured} injured`);
  if (e.negated) facts.push("NEGATED");
  if (e.hypothetical) facts.push("not (yet) happened");
  if (facts.length) lines.push(facts.join(" · "));
  const words = e.evidence[1] ?? e.evidence[0];
  if (words) lines.push(`“${clip(words.text, 220)}”`);
  return lines;
}

export function formatBrief(report: Report): string {
  const a = report.article;
  const names = new Map(report.entities.map((e) => [e.id, e]));
  const out: string[] = [];
  out.push(a.title ?? "(no headline)");
  out.push([a.published ? `published ${a.published}` : "publication date unknown", a.credits.agencies.join(", ") || null, a.language].filter(Boolean).join(" · "));
  out.push("");
  // what a reader needs first: deaths and injuries, then what happened for sure, then the rest
  const weight = (e: (typeof report.events)[number]) =>
    (e.casualties?.killed?.best ?? 0) * 10 + (e.casualties?.injured?.best ?? 0) + (e.hypothetical ? -1000 : 0) + e.confidence;
  const events = report.events.filter((e) => !e.negated).sort((x, y) => weight(y) - weight(x));
  out.push(events.length ? "What happened" : "What happened: no events found");
  events.slice(0, 8).forEach((e, i) => {
    describeEvent(report, e, names).forEach((line, k) => out.push(`${k === 0 ? ` ${i + 1}.` : "   "} ${line}`));
  });
  if (report.quotes.length) {
    out.push("", "Who said what");
    for (const q of report.quotes.slice(0, 8)) {
      const speaker = q.speaker ? names.get(q.speaker) : undefined;
      const role = speaker?.roles[0] ? ` (${speaker.roles[0]})` : "";
      out.push(` - ${speaker?.name ?? q.speakerText ?? "unattributed"}${role}: “${clip(q.text, 160)}”`);
    }
  }
  if (report.amounts.length) {
    out.push("", "Money");
    for (const m of report.amounts) {
      const alt = m.alternatives.map((x) => `${x.value.toLocaleString("en-US")} ${x.currency}`).join(", ");
      const donor = m.donor ? names.get(m.donor)?.name : null;
      out.push(` - ${m.value.toLocaleString("en-US")} ${m.currency}${alt ? ` (= ${alt})` : ""}${m.purpose ? ` for ${m.purpose}` : ""}${donor ? `, from ${donor}` : ""}`);
    }
  }
  if (report.places.length) out.push("", `Places: ${report.places.map((p) => p.name).join("; ")}`);
  if (report.warnings.length) out.push("", ...report.warnings.map((w) => `Warning: ${w}`));
  return `${out.join("\n")}\n`;
}
