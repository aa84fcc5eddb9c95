import type { Doc } from "./doc/index.js";
import { SCHEMA, type Report } from "./report.js";

/** The `sitrep/1` report of a finished Doc: a plain, JSON-ready object. */
export function toReport(doc: Doc): Report {
  const { meta } = doc;
  return {
    schema: SCHEMA,
    article: {
      id: meta.id ?? "",
      title: meta.title,
      published: meta.published,
      ...(meta.url ? { url: meta.url } : {}),
      ...(meta.outlet ? { outlet: meta.outlet } : {}),
      credits: {
        authors: [...meta.credits.authors],
        agencies: [...meta.credits.agencies],
        ...(meta.credits.contributors ? { contributors: meta.credits.contributors.map((c) => ({ ...c })) } : {}),
      },
      ...(meta.dateline ? { dateline: meta.dateline } : {}),
      subheads: [...meta.subheads],
      related: [...meta.related],
      language: meta.language,
      text: doc.text,
    },
    entities: doc.facts.entities,
    places: doc.facts.places,
    times: doc.facts.times,
    quotes: doc.facts.quotes,
    events: doc.facts.events,
    amounts: doc.facts.amounts,
    warnings: [...doc.warnings],
  };
}
