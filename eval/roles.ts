/**
 * `sitrep eval roles <WikiEvents dev.jsonl | RAMS dev.jsonlines>`: who acted, against whom, and where, for the
 * events the gold annotates: argument F1 with head match, per role, as the literature scores them.
 *
 * Roles compared (gold role -> ours): actor = attacker, killer, injurer, perpetrator, jailer, demonstrator;
 * target = target, victim, detainee; place = place (RAMS roles drop their "evtNNNargNN" prefix).
 * Each gold event is matched to the report event whose cue word overlaps its trigger, else to the event nearest
 * its trigger in the same sentence; a gold event with no such event loses all its arguments (recall).
 * Predicted arguments are those of the matched events: every actor and target entity, and the place.
 * A predicted argument is right when one of its mentions contains the gold argument's head word (its last
 * word, or the word before "of"); each gold argument is matched once.
 * Text: the gold tokens joined by spaces, sentence by sentence (WikiEvents keeps its sentence text).
 */
import { readFileSync } from "node:fs";
import { SitrepError } from "../src/errors.js";
import type { Report, Span } from "../src/report.js";
import { fixed, formatTable, prf, round, type PRF } from "./metrics.js";
import type { EvalOptions, EvalResult, EvalTask } from "./types.js";

export type RoleClass = "actor" | "target" | "place";
export const ROLE_CLASSES: readonly RoleClass[] = ["actor", "target", "place"];

const GOLD_ROLE: Readonly<Record<string, RoleClass>> = {
  attacker: "actor",
  killer: "actor",
  injurer: "actor",
  perpetrator: "actor",
  jailer: "actor",
  demonstrator: "actor",
  target: "target",
  victim: "target",
  detainee: "target",
  place: "place",
};

/** Our class of a gold role name ("Attacker", "evt011arg01attacker"), or null for roles we do not fill. */
export function roleClassOf(goldRole: string): RoleClass | null {
  const name = goldRole.toLowerCase().replace(/^evt\d+arg\d+/, "");
  return GOLD_ROLE[name] ?? null;
}

export interface GoldArgument {
  role: RoleClass;
  /** the head word's characters in the document text */
  head: { start: number; end: number };
}

export interface GoldEvent {
  trigger: { start: number; end: number };
  arguments: GoldArgument[];
}

export interface RoleDocument {
  id: string;
  line: number;
  text: string;
  events: GoldEvent[];
}

interface Tokenised {
  text: string;
  /** character span of every token, in document order */
  tokens: { start: number; end: number; word: string }[];
}

/** Gold tokens joined by spaces into the text the pipeline reads, with each token's characters. */
export function joinSentences(sentences: string[][]): Tokenised {
  const tokens: Tokenised["tokens"] = [];
  let text = "";
  for (const sentence of sentences) {
    if (text) text += " ";
    sentence.forEach((word, i) => {
      if (i > 0) text += " ";
      tokens.push({ start: text.length, end: text.length + word.length, word });
      text += word;
    });
  }
  return { text, tokens };
}

/** The head of a token span: the word before the first "of", else the last word that is not punctuation. */
export function headToken(words: readonly string[], from: number, to: number): number {
  for (let i = from + 1; i <= to; i++) if (words[i]?.toLowerCase() === "of") return i - 1;
  for (let i = to; i > from; i--) if (/[\p{L}\p{N}]/u.test(words[i] ?? "")) return i;
  return from;
}

interface RamsRecord {
  doc_key?: string;
  sentences?: string[][];
  evt_triggers?: [number, number, unknown][];
  gold_evt_links?: [[number, number], [number, number], string][];
}

/** Each line of a JSON-lines file that parses and passes `valid`; a line that does not is an error naming file and line. */
export function readJsonLines<T>(source: string, file: string, expected: string, valid: (r: T) => boolean): { records: { r: T; line: number }[]; errors: string[] } {
  const records: { r: T; line: number }[] = [];
  const errors: string[] = [];
  source.split("\n").forEach((text, i) => {
    if (!text.trim()) return;
    let r: T;
    try {
      r = JSON.parse(text) as T;
    } catch {
      errors.push(`${file}:${i + 1}: not valid JSON`);
      return;
    }
    if (valid(r)) records.push({ r, line: i + 1 });
    else errors.push(`${file}:${i + 1}: expected ${expected}`);
  });
  return { records, errors };
}

export function readRams(source: string, file: string): { docs: RoleDocument[]; errors: string[] } {
  const { records, errors } = readJsonLines<RamsRecord>(source, file, '"sentences", "evt_triggers" and "gold_evt_links" (a RAMS record)', (r) =>
    Array.isArray(r.sentences) && Array.isArray(r.evt_triggers) && Array.isArray(r.gold_evt_links),
  );
  const docs = records.map(({ r, line }): RoleDocument => {
    const { text, tokens } = joinSentences(r.sentences!);
    const words = tokens.map((t) => t.word);
    const charsOf = (from: number, to: number) => ({ start: tokens[from].start, end: tokens[to].end });
    const events: GoldEvent[] = r.evt_triggers!.map(([from, to]) => ({
      trigger: charsOf(from, to),
      arguments: r.gold_evt_links!.flatMap(([trigger, [af, at], role]): GoldArgument[] => {
        const cls = roleClassOf(role);
        if (trigger[0] !== from || !cls) return [];
        const h = headToken(words, af, at);
        return [{ role: cls, head: charsOf(h, h) }];
      }),
    }));
    return { id: r.doc_key ?? `line ${line}`, line, text, events };
  });
  return { docs, errors };
}

interface WikiEventsRecord {
  doc_id?: string;
  sentences?: [[string, number, number][], string][];
  entity_mentions?: { id: string; start: number; end: number }[];
  event_mentions?: { trigger: { start: number; end: number }; arguments: { entity_id: string; role: string }[] }[];
}

export function readWikiEvents(source: string, file: string): { docs: RoleDocument[]; errors: string[] } {
  const { records, errors } = readJsonLines<WikiEventsRecord>(source, file, '"sentences", "entity_mentions" and "event_mentions" (a WikiEvents document)', (r) =>
    Array.isArray(r.sentences) && Array.isArray(r.entity_mentions) && Array.isArray(r.event_mentions),
  );
  const docs = records.map(({ r, line }): RoleDocument => {
    const { text, tokens } = joinSentences(r.sentences!.map(([toks]) => toks.map(([w]) => w)));
    const words = tokens.map((t) => t.word);
    const mentions = new Map(r.entity_mentions!.map((m) => [m.id, m]));
    const events: GoldEvent[] = [];
    for (const ev of r.event_mentions!) {
      const last = Math.max(ev.trigger.start, ev.trigger.end - 1);
      if (!tokens[ev.trigger.start] || !tokens[last]) {
        errors.push(`${file}:${line}: a trigger outside the document's tokens`);
        continue;
      }
      const args: GoldArgument[] = [];
      for (const a of ev.arguments) {
        const cls = roleClassOf(a.role);
        const m = mentions.get(a.entity_id);
        if (!cls || !m || !tokens[m.end - 1]) continue;
        const h = headToken(words, m.start, m.end - 1);
        args.push({ role: cls, head: { start: tokens[h].start, end: tokens[h].end } });
      }
      events.push({ trigger: { start: tokens[ev.trigger.start].start, end: tokens[last].end }, arguments: args });
    }
    return { id: r.doc_id ?? `line ${line}`, line, text, events };
  });
  return { docs, errors };
}

type ReportEvent = Report["events"][number];

/** The report event that stands for a gold trigger: its cue overlaps the trigger, else the nearest in its sentence. */
export function matchEvent(report: Pick<Report, "events">, trigger: { start: number; end: number }): ReportEvent | null {
  let best: { event: ReportEvent; distance: number } | null = null;
  for (const e of report.events) {
    const cue = e.evidence[0]; // then the sentences that report it
    if (cue && cue.start < trigger.end && trigger.start < cue.end) return e;
    const sentences = e.evidence.slice(1);
    if (!sentences.some((s) => s.start <= trigger.start && trigger.end <= s.end)) continue;
    const distance = Math.abs((e.evidence[0]?.start ?? 0) - trigger.start);
    if (!best || distance < best.distance) best = { event: e, distance };
  }
  return best?.event ?? null;
}

/** Mentions of each argument the event fills, by role. */
export function predictedArguments(report: Pick<Report, "entities" | "places">, event: ReportEvent): Record<RoleClass, Span[][]> {
  const mentionsOf = (id: string): Span[] => report.entities.find((e) => e.id === id)?.mentions ?? [];
  const place = event.place ? report.places.find((p) => p.id === event.place) : undefined;
  return {
    actor: event.actors.map(mentionsOf),
    target: event.targets.map(mentionsOf),
    place: place ? [place.mentions] : [],
  };
}

export interface RoleCounts {
  tp: number;
  predicted: number;
  gold: number;
}

/** Counts for one document: each predicted argument matched to at most one gold argument of its role. */
export function scoreDocument(doc: RoleDocument, report: Pick<Report, "events" | "entities" | "places">): Record<RoleClass, RoleCounts> {
  const counts = Object.fromEntries(ROLE_CLASSES.map((r) => [r, { tp: 0, predicted: 0, gold: 0 }])) as Record<RoleClass, RoleCounts>;
  const seen = new Set<ReportEvent>();
  for (const g of doc.events) {
    for (const a of g.arguments) counts[a.role].gold++;
    const e = matchEvent(report, g.trigger);
    if (!e) continue;
    const predicted = predictedArguments(report, e);
    for (const role of ROLE_CLASSES) {
      const golds = g.arguments.filter((a) => a.role === role);
      const used = new Set<GoldArgument>();
      // an event matched by two gold triggers counts its arguments once
      if (!seen.has(e)) counts[role].predicted += predicted[role].length;
      for (const mentions of predicted[role]) {
        const hit = golds.find((a) => !used.has(a) && mentions.some((m) => m.start <= a.head.start && a.head.end <= m.end));
        if (hit) {
          used.add(hit);
          counts[role].tp++;
        }
      }
    }
    seen.add(e);
  }
  return counts;
}

function readGold(target: string): { format: "wikievents" | "rams"; docs: RoleDocument[]; errors: string[] } {
  let source: string;
  try {
    source = readFileSync(target, "utf8");
  } catch (err) {
    throw new SitrepError("SITREP_GOLD_INVALID", `${target}: cannot read the gold file (${(err as NodeJS.ErrnoException).code ?? "error"})`);
  }
  const first = source.slice(0, source.indexOf("\n") < 0 ? source.length : source.indexOf("\n"));
  if (first.includes('"gold_evt_links"')) return { format: "rams", ...readRams(source, target) };
  if (first.includes('"event_mentions"')) return { format: "wikievents", ...readWikiEvents(source, target) };
  throw new SitrepError("SITREP_GOLD_INVALID", `${target}:1: neither RAMS (JSON lines with "gold_evt_links") nor WikiEvents (JSON lines with "event_mentions")`);
}

async function run(target: string, options: EvalOptions): Promise<EvalResult> {
  const gold = readGold(target);
  const docs = gold.docs.slice(0, options.limit ?? undefined);
  const { createPipeline } = await import("../src/pipeline.js");
  const pipeline = createPipeline();
  const total = Object.fromEntries(ROLE_CLASSES.map((r) => [r, { tp: 0, predicted: 0, gold: 0 }])) as Record<RoleClass, RoleCounts>;
  const pipelineErrors: string[] = [];
  let matched = 0;
  let goldEvents = 0;
  for (const doc of docs) {
    try {
      const report = pipeline.extract({ text: doc.text });
      const counts = scoreDocument(doc, report);
      for (const r of ROLE_CLASSES) for (const k of ["tp", "predicted", "gold"] as const) total[r][k] += counts[r][k];
      goldEvents += doc.events.length;
      matched += doc.events.filter((g) => matchEvent(report, g.trigger)).length;
    } catch (err) {
      pipelineErrors.push(`${doc.id}: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  const scores = Object.fromEntries(ROLE_CLASSES.map((r) => [r, prf(total[r].tp, total[r].predicted - total[r].tp, total[r].gold - total[r].tp)])) as Record<RoleClass, PRF>;
  const all = ROLE_CLASSES.reduce((a, r) => ({ tp: a.tp + total[r].tp, predicted: a.predicted + total[r].predicted, gold: a.gold + total[r].gold }), { tp: 0, predicted: 0, gold: 0 });
  const overall = prf(all.tp, all.predicted - all.tp, all.gold - all.tp);
  const table = [
    `${gold.format === "rams" ? "RAMS" : "WikiEvents"} argument roles (head match): ${docs.length} documents, ${goldEvents} gold events, ${matched} matched to a report event`,
    formatTable(
      ["role", "p", "r", "f1", "gold", "predicted"],
      [...ROLE_CLASSES.map((r) => [r, fixed(scores[r].p), fixed(scores[r].r), fixed(scores[r].f1), String(total[r].gold), String(total[r].predicted)]),
        ["all", fixed(overall.p), fixed(overall.r), fixed(overall.f1), String(all.gold), String(all.predicted)]],
      ["left", "right", "right", "right", "right", "right"],
    ),
    "",
    "actor = attacker/killer/injurer/perpetrator/jailer/demonstrator; target = target/victim/detainee; place = place" +
      (pipelineErrors.length ? `; the pipeline failed on ${pipelineErrors.length}` : ""),
  ].join("\n");
  return {
    task: "roles",
    table,
    summary: {
      actor_f1: round(scores.actor.f1),
      target_f1: round(scores.target.f1),
      place_f1: round(scores.place.f1),
      f1: round(overall.f1),
      events_matched: matched,
      n: docs.length,
    },
    details: { format: gold.format, counts: total, pipelineErrors },
    goldErrors: gold.errors,
  };
}

export const task: EvalTask = {
  name: "roles",
  description: "event arguments: actor, target and place F1 (head match) on WikiEvents or RAMS",
  defaultTarget: "wikievents/dev.jsonl",
  extraTargets: ["rams/dev.jsonlines"],
  run,
};
