import { existsSync } from "node:fs";
import type { Doc, LabeledSpan } from "../doc/index.js";
import { loadWordSet } from "../lexicon.js";
import { fromRoot } from "../paths.js";
import { defineStage } from "../stage.js";
import { findActorMentions } from "./actors.js";
import { loadNerTagger, type NerTagger } from "./ner/index.js";
import { findQuoteMarks } from "./quote-marks.js";
import { findTimeExpressions } from "./timex.js";

/** Lowercase prepositions that begin no name: the tagger's span that opens with one is trimmed after it. */
const SPAN_OPENING_PREPOSITIONS = new Set(["in", "at", "near", "on", "from", "into", "inside", "outside", "around", "to", "towards", "toward"]);

/**
 * Where the name in words [start, end) begins: after the lowercase prepositions that open it ("in Kolda" tagged as
 * one name is the sentence's "in" and the name "Kolda"), where a capitalised word follows them.
 */
export function nameStart(words: readonly string[], start: number, end: number): number {
  let first = start;
  // a month right after a day's number is a date's, not the first word of a name: "12 Sep. Kigumo residents" (a
  // day-first date that opens a note) is the date and "Kigumo"
  if (first + 1 < end && first > 0 && /^\d{1,2}$/.test(words[first - 1]) && isMonthName(words[first]) && /^\p{Lu}/u.test(words[first + 1])) first++;
  while (first + 1 < end && SPAN_OPENING_PREPOSITIONS.has(words[first]) && /^\p{Lu}/u.test(words[first + 1])) first++;
  return first;
}

let monthNames: Set<string> | undefined;
/** Whether `word` is a month's name or its abbreviation, with or without a full stop (lexicons/_shared/months.tsv). */
function isMonthName(word: string): boolean {
  monthNames ??= loadWordSet("_shared/months.tsv", "name");
  return monthNames.has(word.replace(/\.$/, "").toLowerCase());
}

/** The NER labels of each token run, as spans over the doc: the statistical layer "ner". */
function tagEntities(doc: Doc, tagger: NerTagger): LabeledSpan[] {
  const sentences = doc.sentences.map((s) => {
    const words: string[] = [];
    for (let t = s.firstToken; t < s.endToken; t++) words.push(doc.tokenText(t));
    return words;
  });
  const spans = tagger.spans(sentences);
  const out: LabeledSpan[] = [];
  spans.forEach((list, si) => {
    const s = doc.sentences[si];
    for (const e of list) {
      const a = doc.tokens[s.firstToken + nameStart(sentences[si], e.startToken, e.endToken)];
      const b = doc.tokens[s.firstToken + e.endToken - 1];
      if (a && b) out.push({ start: a.start, end: b.end, label: e.label, score: e.score });
    }
  });
  return out;
}

export interface RecogniseOptions {
  /** use the trained tagger in models/ner when present */
  ner: boolean;
}

/**
 * Stage 3, recognise: mentions of people, organisations and places (the trained tagger plus the actor
 * lexicon and rules), time expressions and quoted passages, as named span layers.
 */
export const recogniseStage = defineStage<RecogniseOptions>({
  name: "recognise",
  requires: ["tokens", "sentences"],
  assigns: ["ner", "actors", "metonyms", "acronyms", "timex", "quotes"],
  defaults: { ner: true },
  create: (options) => {
    const tagger = options.ner && existsSync(fromRoot("models", "ner")) ? loadNerTagger() : null;
    return (doc: Doc) => {
      if (doc.meta.language !== "en") return doc; // read has warned: no facts from text we cannot read
      const ner = tagger ? tagEntities(doc, tagger) : [];
      const dateline = doc.meta.datelineSpan;
      if (dateline) {
        // "DUMAGUETE CITY --": the place the report was filed from, in capitals the tagger was not trained on
        const kept = ner.filter((s) => s.start >= dateline.end);
        const at = doc.text.indexOf(dateline.place, dateline.start);
        if (at >= 0) kept.unshift({ start: at, end: at + dateline.place.length, label: "LOC", score: 0.9 });
        ner.splice(0, ner.length, ...kept);
      }
      doc.setLayer("ner", ner);
      const { actors, metonyms, acronyms } = findActorMentions(doc);
      doc.setLayer("actors", actors);
      doc.setLayer("metonyms", metonyms);
      doc.setLayer("acronyms", acronyms.flatMap((a) => [
        { ...a.long, label: "long", kb: doc.slice(a.short) },
        { ...a.short, label: "short", kb: doc.slice(a.long) },
      ]));
      doc.setLayer("timex", findTimeExpressions(doc.text, doc.meta.published).map((t) => ({
        start: t.start, end: t.end, label: t.granularity, kb: t.value, attrs: { anchoredTo: t.anchoredTo },
      })));
      doc.setLayer("quotes", findQuoteMarks(doc.text).map((q) => ({
        start: q.start, end: q.end, label: "quote", attrs: { outerStart: String(q.outerStart), outerEnd: String(q.outerEnd) },
      })));
      return doc;
    };
  },
});
