import type { Doc } from "../doc/index.js";
import { defineStage } from "../stage.js";
import { splitSentences, tokenize } from "./tokenize.js";

/** Stage 2, segment: tokens and sentences. */
export const segmentStage = defineStage({
  name: "segment",
  requires: ["text"],
  assigns: ["tokens", "sentences"],
  defaults: {},
  create: () => (doc: Doc) => {
    doc.tokens = tokenize(doc.text);
    doc.sentences = splitSentences(doc.text, doc.tokens);
    return doc;
  },
});
