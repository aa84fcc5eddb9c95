import type { Article, Report } from "../report.js";
import { lowerBound } from "./span.js";

/** A token: a half-open character range into `Doc.text`. Text is read through `doc.slice`. */
export interface Token {
  start: number;
  end: number;
}

/** A sentence: its character range and the range of token indexes it covers. */
export interface Sentence {
  start: number;
  end: number;
  firstToken: number;
  /** one past the last token */
  endToken: number;
}

/** A labelled view into the text, as spaCy's `Span`: never a stored substring. */
export interface LabeledSpan {
  start: number;
  end: number;
  label: string;
  /** how sure the producer is, 0..1 */
  score?: number;
  /** the knowledge-base key it links to (canonical actor name, geonames id, normalised time value) */
  kb?: string;
  /** small typed-as-text attributes a producer hands to later stages ({ country: "IQ" }) */
  attrs?: Readonly<Record<string, string>>;
}

/** Article-level metadata, found by `read` and refined by later stages. */
export type ArticleMeta = Omit<Article, "text" | "id"> & {
  id: string | null;
  /** where the dateline ("GAZIANTEP, Turkey (Wire) --") sits in the text, when the article opens with one */
  datelineSpan?: { start: number; end: number; place: string; agency: string | null };
};

/** The facts the extract stages file; each stage adds its own list, later stages read earlier ones. */
export type DocFacts = Pick<Report, "entities" | "places" | "times" | "quotes" | "events" | "amounts">;

export type AlignmentMode = "strict" | "contract" | "expand";

/**
 * The one object that flows through the pipeline: the clean text plus everything found in it.
 * Stages add layers and facts; none rewrites what an earlier stage assigned.
 */
export class Doc {
  readonly text: string;
  readonly meta: ArticleMeta;
  tokens: Token[] = [];
  sentences: Sentence[] = [];
  /** Named span layers, as spaCy's `doc.spans[key]`: "ner", "actors", "toponyms", "numbers", ... */
  readonly spans = new Map<string, LabeledSpan[]>();
  readonly facts: DocFacts = { entities: [], places: [], times: [], quotes: [], events: [], amounts: [] };
  readonly warnings: string[] = [];

  constructor(text: string, meta: ArticleMeta) {
    this.text = text;
    this.meta = meta;
  }

  slice(span: { start: number; end: number }): string {
    return this.text.slice(span.start, span.end);
  }

  tokenText(index: number): string {
    const t = this.tokens[index];
    return t ? this.text.slice(t.start, t.end) : "";
  }

  /** The layer named `key`, empty when no stage assigned it. */
  layer(key: string): LabeledSpan[] {
    return this.spans.get(key) ?? [];
  }

  setLayer(key: string, spans: LabeledSpan[]): void {
    for (const s of spans) {
      if (s.start < 0 || s.end > this.text.length || s.start > s.end) {
        throw new RangeError(`span [${s.start}, ${s.end}) of layer "${key}" is outside the text (length ${this.text.length})`);
      }
    }
    this.spans.set(key, [...spans].sort((a, b) => a.start - b.start || b.end - a.end));
  }

  /** Index of the token containing `offset`, or -1. Binary search: tokens are in order. */
  tokenAt(offset: number): number {
    let lo = 0;
    let hi = this.tokens.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const t = this.tokens[mid];
      if (offset < t.start) hi = mid - 1;
      else if (offset >= t.end) lo = mid + 1;
      else return mid;
    }
    return -1;
  }

  /** Index of the first token starting at or after `offset`. */
  tokenFrom(offset: number): number {
    return lowerBound(this.tokens.length, (i) => this.tokens[i].start < offset);
  }

  /** The sentence containing `offset`, or undefined. */
  sentenceAt(offset: number): Sentence | undefined {
    let lo = 0;
    let hi = this.sentences.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const s = this.sentences[mid];
      if (offset < s.start) hi = mid - 1;
      else if (offset >= s.end) lo = mid + 1;
      else return s;
    }
    return undefined;
  }

  /**
   * A span aligned to token boundaries, as spaCy's `Doc.char_span`: `strict` returns undefined when the
   * offsets fall inside a token, `contract` shrinks to whole tokens inside, `expand` grows to cover them.
   */
  charSpan(start: number, end: number, label = "", mode: AlignmentMode = "strict"): LabeledSpan | undefined {
    const first = this.tokenFrom(start);
    if (mode === "strict") {
      const a = this.tokens[first];
      if (!a || a.start !== start) return undefined;
      let last = first;
      while (last < this.tokens.length && this.tokens[last].end < end) last++;
      const b = this.tokens[last];
      if (!b || b.end !== end) return undefined;
      return { start, end, label };
    }
    if (mode === "contract") {
      let last = first;
      while (last + 1 < this.tokens.length && this.tokens[last + 1].end <= end) last++;
      const a = this.tokens[first];
      const b = this.tokens[last];
      if (!a || !b || a.start >= end || b.end > end) return undefined;
      return { start: a.start, end: b.end, label };
    }
    const i = this.tokenAt(start);
    const j = this.tokenAt(Math.max(start, end - 1));
    const s = i >= 0 ? this.tokens[i].start : start;
    const e = j >= 0 ? this.tokens[j].end : end;
    return { start: s, end: e, label };
  }
}
