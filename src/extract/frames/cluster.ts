/**
 * Same happening, one frame: mentions are read in text order and each joins the open frame of its family that
 * the same-happening model scores highest, when that score is above zero, or founds a frame of its own. Only the
 * last few frames of a family stay open, so the work grows with the number of mentions, not their square.
 */
import type { Count, Event } from "../../report.js";
import { combineReportedCounts } from "../casualties.js";
import { familyOf, mergeFeatures, type EventMention, type Frame, type FrameContext } from "./features.js";
import { scoreFeatures, type LinearModel } from "./model.js";

/** How many frames of one family a mention is compared with: the most recent ones. */
export const OPEN_FRAMES = 6;

/** Folds a later mention's event into the frame's event: evidence united, casualties combined, gaps filled. */
export function absorb(target: Event, e: Event): void {
  const killed = [target.casualties?.killed, e.casualties?.killed].filter((c): c is Count => !!c);
  const injured = [target.casualties?.injured, e.casualties?.injured].filter((c): c is Count => !!c);
  if (killed.length || injured.length) {
    target.casualties = {
      killed: combineReportedCounts(killed),
      injured: combineReportedCounts(injured),
      victims: target.casualties?.victims ?? e.casualties?.victims ?? null,
    };
  }
  // the frame keeps its ACLED type unless it has none, or a later mention names the means it lacked ("the attack
  // ... a car bomb"): a word that only reports harm ("killing five") has no mode and never retypes the frame
  const hadMode = target.mode !== null;
  target.mode ??= e.mode;
  if (!target.acled || (e.acled && e.mode && !hadMode)) target.acled = e.acled ?? target.acled;
  target.time ??= e.time;
  target.place ??= e.place;
  for (const a of e.actors) if (!target.actors.includes(a)) target.actors.push(a);
  for (const t of e.targets) if (!target.targets.includes(t) && !target.actors.includes(t)) target.targets.push(t);
  if (target.attribution.status === "unknown" && e.attribution.status !== "unknown") target.attribution = e.attribution;
  target.evidence.push(...e.evidence.slice(1));
  target.confidence = Math.max(target.confidence, e.confidence);
}

/** The best open frame for `m` and its score, or null when none scores above zero. */
export function bestFrame(m: EventMention, open: readonly Frame[], model: LinearModel, ctx: FrameContext): { frame: Frame; score: number } | null {
  let best: { frame: Frame; score: number } | null = null;
  for (const f of open) {
    const score = scoreFeatures(model, mergeFeatures(m, f, ctx));
    if (score > 0 && (!best || score > best.score)) best = { frame: f, score };
  }
  return best;
}

/** Groups mentions into frames; negated and hypothetical mentions stay their own, and join nothing. */
export function frameMentions(mentions: readonly EventMention[], model: LinearModel, ctx: FrameContext, familyFor: (e: Event) => string = familyOf): Frame[] {
  const frames: Frame[] = [];
  const openByFamily = new Map<string, Frame[]>();
  for (const m of mentions) {
    const asserted = !m.event.negated && !m.event.hypothetical;
    const family = familyFor(m.event);
    const open = openByFamily.get(family) ?? [];
    const best = asserted ? bestFrame(m, open, model, ctx) : null;
    if (best) {
      absorb(best.frame.event, m.event);
      best.frame.mentions.push(m);
      best.frame.event.decidedBy = "frames: same happening";
      best.frame.event.score = Math.round(best.score * 1000) / 1000;
      // the frame just told moves to the end: it is the freshest
      open.splice(open.indexOf(best.frame), 1);
      open.push(best.frame);
      continue;
    }
    const frame: Frame = { event: m.event, mentions: [m], family };
    frames.push(frame);
    if (!asserted) continue;
    m.event.decidedBy ??= "frames: new happening";
    open.push(frame);
    if (open.length > OPEN_FRAMES) open.shift();
    openByFamily.set(family, open);
  }
  return frames;
}
