/**
 * Reportable or not: a frame is a record when it tells one particular happening. Marked, not dropped, so the
 * report keeps the evidence and the store and exports leave the marked ones out:
 * - `generic`: every mention states a rate or habit ("are shot every week", "each year"), or only names a charge,
 *   trial or case ("charged with assault"), with no date, place or casualties of its own;
 * - `background`: the frame's date lies more than BACKGROUND_DAYS before the article's publication date (an older
 *   attack recalled as context).
 * These are hand rules for now: there is no gold for them in ../shared/corpora (see the issue-12 notes).
 */
import type { Doc } from "../../doc/index.js";
import type { Frame } from "./features.js";

export const BACKGROUND_DAYS = 60;

const HABITUAL = /\b(?:every|each|per|a)\s+(?:day|week|month|year)\b|\bannually\b|\bon average\b|\bso far this year\b|\b(?:statistics|rate of|rates of)\b/i;

function dayNumber(value: string): number | null {
  const m = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?/.exec(value);
  if (!m) return null;
  return Date.UTC(Number(m[1]), m[2] ? Number(m[2]) - 1 : 11, m[3] ? Number(m[3]) : 28) / 86_400_000;
}

export function markReportability(frames: readonly Frame[], doc: Doc): void {
  const published = doc.meta.published ? dayNumber(doc.meta.published) : null;
  for (const frame of frames) {
    const e = frame.event;
    if (e.negated || e.hypothetical) continue;
    const sentenceText = (i: number) => {
      const s = doc.sentences[i];
      return s ? doc.text.slice(s.start, s.end) : "";
    };
    const specific = e.time !== null || e.casualties !== null;
    if (frame.mentions.every((m) => HABITUAL.test(sentenceText(m.sentence))) && e.time === null) {
      e.generic = true;
      e.decidedBy = "reportable: rate or habit, not one happening";
    } else if (frame.mentions.every((m) => m.legal) && !specific && e.place === null) {
      e.generic = true;
      e.decidedBy = "reportable: names a charge or case, not a happening";
    }
    const time = e.time ? doc.facts.times.find((t) => t.id === e.time) : undefined;
    const day = time ? dayNumber(time.value) : null;
    if (published !== null && day !== null && published - day > BACKGROUND_DAYS) {
      e.background = true;
      e.decidedBy = `reportable: dated ${time?.value}, more than ${BACKGROUND_DAYS} days before publication`;
    }
  }
}
