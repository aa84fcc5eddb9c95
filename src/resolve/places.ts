/**
 * Places: where a place is decided. One way through, each step its own module:
 * 1. finding (`places/find.ts`): which words name places (the tagger's spans, our gazetteer rules, demonyms,
 *    landmarks), as `Toponym`s;
 * 2. candidates (`geo/gazetteer.ts`, `lookup`, plus village readings from `geo/villages.ts`): the gazetteer's
 *    readings of each name;
 * 3. features (`geo/features.ts`): what is known of each reading in its article's context (`places/context.ts`:
 *    the article's countries and areas from a first, context-free pass, and the area "X, Y" puts a name in);
 * 4. ranker (`geo/ranker.ts`, weights in models/geo/ranker.json): the choice among the readings, decidedBy
 *    "ranker"; names the gazetteer lacks may be read by a name inside them (`places/readings.ts`);
 * 5. post-rules (`places/post-rules.ts`): pairs of names, one name one place, a name placed in its container;
 * 6. merging: mentions of one place become one `Place`, with `decidedBy` and `score` saying who decided it.
 */
import type { Doc } from "../doc/index.js";
import { span } from "../doc/index.js";
import type { Place, Span } from "../report.js";
import { loadGazetteer, type Gazetteer, type GeoContext, type GeoMatch } from "./geo/index.js";
import { articleContext, enclosingArea } from "./places/context.js";
import { findToponyms } from "./places/find.js";
import { applyPostRules, type Reading } from "./places/post-rules.js";
import { decided, directedPart, landmarkEntry, resolveWithin } from "./places/readings.js";
import type { Toponym } from "./places/toponym.js";

export { documentFocus } from "./places/focus.js";
export { placeInsideName, resolveWithin } from "./places/readings.js";

/**
 * Finds and resolves every toponym in the doc (see the module comment). Returns Places with ids "p1", "p2"...
 * and all their mentions merged; it does not mutate the doc.
 */
export function resolvePlaces(doc: Doc, gazetteer: Gazetteer = loadGazetteer()): Place[] {
  const toponyms = findToponyms(doc, gazetteer);
  // `insideNames`: a tagger's name the gazetteer lacks may be placed by a name inside it (`resolveWithin`); the
  // first, context-free pass that gives the article's context reads names as they are
  const resolveOne = (t: Toponym, ctx: GeoContext, insideNames: boolean): GeoMatch | null =>
    t.landmark ? decided(landmarkEntry(gazetteer, t.surface), "landmark") : t.demonym ? decided(gazetteer.demonymPlace(t.surface), "demonym")
      : t.fromNer && insideNames ? resolveWithin(gazetteer, t.surface, { ...ctx, cue: t.cue })
      // (a province named with a direction, "Kolkoa-North", says which country the story is in from the first pass)
      : gazetteer.resolve(t.surface, { ...ctx, cue: t.cue }) ?? directedPart(gazetteer, t.surface, { ...ctx, cue: t.cue });
  const first = toponyms.map((toponym) => ({ toponym, match: resolveOne(toponym, {}, false) }));
  const contexts = new Map<string, GeoContext>();
  const contextWithout = articleContext(first, (surface) => gazetteer.nameQuality(surface).exact, doc.text, doc.layer("actors"));
  const resolved: Reading[] = [];
  /** the mentions the text places itself: "Ashby, Leicestershire" */
  const qualifiedAt = new Set<number>();
  for (const [i, { toponym }] of first.entries()) {
    let context = contexts.get(toponym.surface);
    if (!context) {
      context = contextWithout(toponym.surface);
      contexts.set(toponym.surface, context);
    }
    const within = enclosingArea(doc, gazetteer, first, i);
    if (within) {
      context = { ...context, within };
      qualifiedAt.add(i);
    }
    resolved.push({ toponym, match: resolveOne(toponym, context, true), inferred: false });
  }
  applyPostRules(doc, gazetteer, resolved, contexts, qualifiedAt);
  return mergePlaces(doc, resolved);
}

/** Mentions of one place (one name and point) become one Place, in order of first mention. */
function mergePlaces(doc: Doc, resolved: Reading[]): Place[] {
  const places = new Map<string, Place>();
  for (const { toponym, match } of resolved) {
    // "Walmart", "Godolphin", "HD": one word the tagger alone calls a place, that no gazetteer entry, no
    // locative word ("in", "at") and no enclosing place supports, is most often a company, a person or a title
    if (!match && toponym.unsupported) continue;
    const mention: Span = span(doc, toponym.start, toponym.end);
    const key = match ? `${match.name}|${match.lat}|${match.lon}` : `?${toponym.surface.toLowerCase()}`;
    const place = places.get(key);
    if (place) {
      place.mentions.push(mention);
      continue;
    }
    places.set(key, {
      id: `p${places.size + 1}`,
      name: match?.name ?? toponym.surface,
      geonameId: match?.geonameId ?? null,
      lat: match?.lat ?? null,
      lon: match?.lon ?? null,
      country: match?.country ?? null,
      admin1: match?.admin1 ?? null,
      featureType: match?.featureType ?? (toponym.landmark ? "landmark" : "other"),
      // a name we cannot locate: only the tagger vouches for it, and it is most often a street or a building
      precision: match?.precision ?? 1,
      mentions: [mention],
      decidedBy: match ? match.decidedBy ?? "ranker" : "unlocated",
      score: match ? Math.round(match.score * 1000) / 1000 : 0,
    });
  }
  return [...places.values()];
}

