import type { Doc } from "../doc/index.js";
import { defineStage } from "../stage.js";
import { extractAmounts } from "./amounts.js";
import { extractEvents } from "./events.js";
import { extractQuotes } from "./quotes.js";

/** Stage 5, extract: who said what, what happened, and who paid for what. */
export const extractStage = defineStage({
  name: "extract",
  requires: ["facts.entities", "facts.places", "facts.times", "quotes"],
  assigns: ["facts.quotes", "facts.events", "facts.amounts"],
  defaults: {},
  create: () => (doc: Doc) => {
    if (doc.meta.language !== "en") return doc;
    doc.facts.quotes.push(...extractQuotes(doc));
    doc.facts.events.push(...extractEvents(doc));
    doc.facts.amounts.push(...extractAmounts(doc));
    return doc;
  },
});
