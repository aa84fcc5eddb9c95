/**
 * One happening told with cues of two kinds: "police fired tear gas at the protesters and arrested ten", "the
 * militants attacked the base, then withdrew", "rioters looted shops". Framing (cluster.ts) merges mentions only
 * within a PLOVER type, so each kind of cue founds a frame of its own; this pass folds a frame into a frame of
 * another kind when the text tells them as parts of one happening: in the same or the next sentence, not set
 * apart ("another", "separately"), with no date or place that differ. The kept frame is the leading one (`leads`:
 * its type and parties stand); the other's mentions, evidence and casualties join it.
 *
 * The weights are hand-set (models/frames/fold.json): no gold in ../shared/corpora marks mentions of different
 * types as one happening within an article. Frames are compared with the few told just before them, so the work
 * grows with the number of frames.
 */
import type { Count, Span } from "../../report.js";
import { combineReportedCounts } from "../casualties.js";
import { compareTimes, comparePlaces, ownPlace, type Frame, type FrameContext } from "./features.js";
import { committedModel, scoreFeatures, type LinearModel } from "./model.js";

/** Kinds of happening whose cues can tell parts of one happening. */
export const FOLDABLE = ["PROTEST", "ASSAULT", "COERCE", "RETREAT"];
/** Kinds that follow a happening (arrests, looting, a withdrawal): they never decide its kind. */
const SECONDARY = new Set(["COERCE", "RETREAT"]);
/** ACLED sub-event types of a secondary kind that are happenings of their own (see `leads`). */
const OUTCOMES = new Set(["Disrupted weapons use", "Government regains territory", "Non-state actor overtakes territory"]);

/**
 * Which of two frames is the happening's: a protest or an attack over what follows it (arrests, looting, a
 * withdrawal); between a protest and an attack, the one the text tells first, and within one sentence the
 * protest (ACLED's reading: a demonstration met with force is a protest). Two outcomes are not "what follows":
 * a weapon seized, defused or found ("Disrupted weapons use") and territory changing hands. ACLED codes them as
 * events of their own, so they lead when the text tells them first (a seizure "at a raid"), and follow an attack
 * the text tells before them (weapons seized after an attack on a post).
 */
function leads(a: Frame, b: Frame): boolean {
  const outcome = (f: Frame) => OUTCOMES.has(f.event.acled?.subEventType ?? "");
  const secondary = (f: Frame) => (SECONDARY.has(f.family) && !outcome(f) ? 1 : 0);
  if (secondary(a) !== secondary(b)) return secondary(a) < secondary(b);
  const first = (f: Frame) => f.mentions.reduce((min, m) => Math.min(min, m.sentence), Infinity);
  if (first(a) !== first(b)) return first(a) < first(b);
  if (outcome(a) || outcome(b)) {
    const at = (f: Frame) => f.mentions.reduce((min, m) => Math.min(min, m.event.evidence[0]?.start ?? Infinity), Infinity);
    return at(a) <= at(b);
  }
  return FOLDABLE.indexOf(a.family) <= FOLDABLE.indexOf(b.family);
}

/** How many earlier frames a frame is compared with. */
const RECENT = 6;

const asserted = (f: Frame): boolean => !f.event.negated && !f.event.hypothetical;

/** The named features of "frames `a` (told first) and `b` are one happening told with two kinds of cue". */
export function foldFeatures(a: Frame, b: Frame, ctx: FrameContext): string[] {
  const out = ["bias", `pair:${[a.family, b.family].sort().join("+")}`];
  const sa = new Set(a.mentions.map((m) => m.sentence));
  const same = b.mentions.some((m) => sa.has(m.sentence));
  const next = !same && b.mentions.some((m) => sa.has(m.sentence - 1) || sa.has(m.sentence + 1));
  out.push(same ? "gap:0" : next ? "gap:1" : "gap:2+");
  // "another" or "separately" in a later sentence sets the later frame apart; within one sentence it does not
  if (b.mentions.some((m) => m.another && !sa.has(m.sentence))) out.push("another");
  if (a.mentions.every((m) => m.legal) || b.mentions.every((m) => m.legal)) out.push("legal");
  const ea = a.event;
  const eb = b.event;
  if (ea.time && eb.time) out.push(`time:${compareTimes(ctx.time(ea.time)?.value, ctx.time(eb.time)?.value)}`);
  const pa = ownPlace(ea);
  const pb = ownPlace(eb);
  if (pa && pb) out.push(`place:${comparePlaces(ctx.place(pa), ctx.place(pb))}`);
  const shared = eb.actors.some((x) => ea.actors.includes(x) || ea.targets.includes(x)) || eb.targets.some((x) => ea.targets.includes(x) || ea.actors.includes(x));
  if (shared) out.push("party:shared");
  return out;
}

/**
 * `main` takes in `other`: mentions, evidence (every span, once), casualties, its time and place where main has
 * none. Into a protest, a frame that only tells what the protest is about (a death protested over, a killing
 * told as earlier) brings no casualties: its dead are not the protest's toll.
 */
function fold(main: Frame, other: Frame): void {
  const t = main.event;
  const e = other.event;
  const joins = !(main.family === "PROTEST" && other.mentions.every((m) => m.cause));
  const killed = [t.casualties?.killed, joins ? e.casualties?.killed : null].filter((c): c is Count => !!c);
  const injured = [t.casualties?.injured, joins ? e.casualties?.injured : null].filter((c): c is Count => !!c);
  if (killed.length || injured.length) {
    t.casualties = {
      killed: combineReportedCounts(killed),
      injured: combineReportedCounts(injured),
      victims: t.casualties?.victims ?? e.casualties?.victims ?? null,
    };
  }
  t.time ??= e.time;
  t.place ??= e.place;
  // the parties stay the main happening's: the police who arrest or disperse are not the attackers or marchers
  const seen = new Set(t.evidence.map((s: Span) => `${s.start}:${s.end}`));
  for (const s of e.evidence) {
    if (seen.has(`${s.start}:${s.end}`)) continue;
    seen.add(`${s.start}:${s.end}`);
    t.evidence.push(s);
  }
  main.mentions.push(...other.mentions);
}

/**
 * Folds frames of different foldable kinds that are one happening; returns the frames left, in their order.
 * Each frame is compared with the RECENT asserted frames before it; it folds into (or takes in) the one scoring
 * highest above zero.
 */
export function foldAcrossTypes(frames: readonly Frame[], model: LinearModel, ctx: FrameContext): Frame[] {
  const kept: Frame[] = [];
  const slot = new Map<Frame, number>();
  const recent: Frame[] = [];
  const keep = (f: Frame) => {
    slot.set(f, kept.length);
    kept.push(f);
  };
  for (const f of frames) {
    if (!asserted(f) || !FOLDABLE.includes(f.family)) {
      keep(f);
      continue;
    }
    let best: { frame: Frame; score: number } | null = null;
    for (const g of recent) {
      if (g.family === f.family) continue;
      const score = scoreFeatures(model, foldFeatures(g, f, ctx));
      if (score > 0 && (!best || score > best.score)) best = { frame: g, score };
    }
    if (!best) {
      keep(f);
      recent.push(f);
      if (recent.length > RECENT) recent.shift();
      continue;
    }
    const g = best.frame;
    // the leading frame is the happening's (its type stands)
    const [main, other] = leads(f, g) ? [f, g] : [g, f];
    fold(main, other);
    main.event.decidedBy = `frames: one happening told as ${other.family} and ${main.family}`;
    main.event.score = Math.round(best.score * 1000) / 1000;
    if (main === f) {
      // f takes g's place, in the report's order and among the recent frames
      const at = slot.get(g);
      if (at !== undefined) {
        kept[at] = f;
        slot.set(f, at);
      }
      recent[recent.indexOf(g)] = f;
    }
  }
  return kept;
}

const committedFold = committedModel("fold.json", "the cross-type fold weights are missing");
/** Puts a fold model in place of the committed one (tests). */
export const useFoldModel = committedFold.use;
/** models/frames/fold.json, read once. */
export const foldModel = committedFold.get;
