import type { Doc } from "../doc/index.js";
import { defineStage } from "../stage.js";
import { resolveEntities } from "./entities.js";
import { resolvePlaces } from "./places.js";
import { resolveTimes } from "./times.js";

/**
 * Stage 4, resolve: mentions become facts. Actor mentions merge into entities, toponyms are geocoded into
 * places, time expressions become time references.
 */
export const resolveStage = defineStage({
  name: "resolve",
  requires: ["ner", "actors", "metonyms", "timex"],
  assigns: ["facts.entities", "facts.places", "facts.times"],
  defaults: {},
  create: () => (doc: Doc) => {
    if (doc.meta.language !== "en") return doc;
    // places first: the country an article is about names its unnamed "government" and "army"
    doc.facts.places.push(...resolvePlaces(doc));
    doc.facts.entities.push(...resolveEntities(doc, doc.facts.places));
    doc.facts.times.push(...resolveTimes(doc));
    return doc;
  },
});
