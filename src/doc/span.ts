import type { Span } from "../report.js";
import type { Doc } from "./doc.js";

/**
 * The first index in [0, n) where `before(i)` is false, for a `before` that is true up to some index and false
 * after it (a lower bound by binary search): the first token, span or mention at or after an offset.
 */
export function lowerBound(n: number, before: (i: number) => boolean): number {
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (before(mid)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** A report `Span` (with its words) for `[start, end)` of the doc's text. */
export function span(doc: Doc, start: number, end: number): Span {
  return { start, end, text: doc.text.slice(start, end) };
}

/**
 * Answers "does any of these spans overlap [start, end)?" without scanning them all: the spans sorted by start,
 * with the running maximum of their ends, so that a scan back from the last span starting before `end` stops
 * as soon as no earlier span can reach `start`. Building is n log n; a query is log n plus the spans it meets.
 */
export class SpanIndex<T extends { start: number; end: number }> {
  private readonly sorted: T[];
  private readonly maxEnd: number[];

  constructor(spans: readonly T[]) {
    this.sorted = [...spans].sort((a, b) => a.start - b.start || a.end - b.end);
    this.maxEnd = [];
    let max = -Infinity;
    for (const s of this.sorted) this.maxEnd.push((max = Math.max(max, s.end)));
  }

  /** The spans that overlap [start, end), in order of their start. */
  overlapping(start: number, end: number): T[] {
    const lo = lowerBound(this.sorted.length, (i) => this.sorted[i].start < end);
    const out: T[] = [];
    for (let i = lo - 1; i >= 0 && this.maxEnd[i] > start; i--) {
      if (this.sorted[i].end > start) out.push(this.sorted[i]);
    }
    return out.reverse();
  }

  overlaps(start: number, end: number): boolean {
    return this.overlapping(start, end).length > 0;
  }
}

/**
 * A growing set of spans that answers "does any overlap [start, end)?": kept sorted by start, with the longest
 * span's length, so a query looks only at spans starting within that length before `start`. For names and other
 * short spans that is a handful; an insert moves the array's tail (native memmove), not a scan in JavaScript.
 */
export class SpanSet {
  private readonly starts: number[] = [];
  private readonly ends: number[] = [];
  private longest = 0;

  add(s: { start: number; end: number }): void {
    const i = this.firstStartAtOrAfter(s.start);
    this.starts.splice(i, 0, s.start);
    this.ends.splice(i, 0, s.end);
    this.longest = Math.max(this.longest, s.end - s.start);
  }

  overlaps(start: number, end: number): boolean {
    for (let i = this.firstStartAtOrAfter(start - this.longest); i < this.starts.length && this.starts[i] < end; i++) {
      if (this.ends[i] > start) return true;
    }
    return false;
  }

  private firstStartAtOrAfter(x: number): number {
    return lowerBound(this.starts.length, (i) => this.starts[i] < x);
  }
}
