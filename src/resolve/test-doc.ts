/** A tokenised Doc of `text` with the given layers (e.g. a tagger's "ner" spans), for the resolver's tests. */
import { Doc, type LabeledSpan } from "../doc/index.js";
import { splitSentences, tokenize } from "../nlp/tokenize.js";

export function docOf(text: string, layers: Record<string, LabeledSpan[]> = {}): Doc {
  const doc = new Doc(text, { id: null, title: null, published: null, credits: { authors: [], agencies: [] }, subheads: [], related: [], language: "en" });
  doc.tokens = tokenize(text);
  doc.sentences = splitSentences(text, doc.tokens);
  for (const [key, spans] of Object.entries(layers)) doc.setLayer(key, spans);
  return doc;
}
