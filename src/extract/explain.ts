/**
 * `sitrep extract --explain` for what the extract stage decided: per event, what made it one happening (the event
 * model), its type and roles (the type classifier and role ranker), and whether it is a record; per quote, who was
 * chosen as the speaker and the candidates weighed. Read from the report's trace fields, so it shows exactly what
 * the report says.
 */
import type { Event, Quote, Report } from "../report.js";

const score = (s: number | undefined): string => (s === undefined ? "" : `, score ${Number(s.toFixed(3))}`);

function recordStatus(e: Event): string {
  const not = [e.negated && "negated", e.hypothetical && "hypothetical", e.background && "background", e.generic && "generic"].filter(Boolean);
  return not.length ? `not a record (${not.join(", ")})` : "a record";
}

function explainEvent(e: Event, report: Report): string {
  const name = (id: string) => report.entities.find((x) => x.id === id)?.name ?? id;
  const lines = [
    `  ${e.id} ${e.type}${e.mode ? ` (${e.mode})` : ""}${e.acled ? ` / ${e.acled.eventType}: ${e.acled.subEventType}` : ""}${e.category ? ` [${e.category}]` : ""}: ${recordStatus(e)}`,
  ];
  if (e.decidedBy) lines.push(`    happening: ${e.decidedBy}${score(e.score)}; ${e.evidence.length} evidence span(s)`);
  const d = e.decisions;
  if (d) {
    lines.push(`    type: decided by ${d.type.decidedBy}${score(d.type.score)}`);
    if (d.actors) lines.push(`    actors [${e.actors.map(name).join(", ") || "none"}]: decided by ${d.actors.decidedBy}${score(d.actors.score)}`);
    if (d.targets) lines.push(`    targets [${e.targets.map(name).join(", ") || "none"}]: decided by ${d.targets.decidedBy}${score(d.targets.score)}`);
    if (d.place) lines.push(`    place [${report.places.find((p) => p.id === e.place)?.name ?? "none"}]: decided by ${d.place.decidedBy}${score(d.place.score)}`);
  }
  return lines.join("\n");
}

function explainQuote(q: Quote, i: number, report: Report): string {
  const who = q.speaker ? report.entities.find((x) => x.id === q.speaker)?.name ?? q.speaker : q.speakerText ?? "nobody";
  const head = `  q${i + 1} "${q.text.length > 60 ? `${q.text.slice(0, 57)}...` : q.text}": ${who} (${q.speakerKind ?? "?"})` +
    `${q.decidedBy ? `, decided by ${q.decidedBy}` : ""}${score(q.score)}`;
  const candidates = (q.speakerCandidates ?? []).map((c) => `      ${c.score.toFixed(3)} ${c.text} (${c.kind})`);
  return [head, ...candidates].join("\n");
}

export function explainExtraction(report: Report): string {
  const out: string[] = [];
  if (report.events.length) out.push("events:", ...report.events.map((e) => explainEvent(e, report)));
  if (report.quotes.length) out.push("quotes:", ...report.quotes.map((q, i) => explainQuote(q, i, report)));
  return out.length ? `${out.join("\n")}\n` : "";
}
