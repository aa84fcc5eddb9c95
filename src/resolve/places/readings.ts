/**
 * Readings that are not the gazetteer's reading of a whole name: a name the gazetteer lacks placed by a name
 * inside it ("University of Oregon" -> Oregon), an international organisation at its seat, an
 * institution in its country's capital, a landmark's own entry. Each says which part decided it (`decided`).
 */
import { haversineKm } from "../geo/distance.js";
import type { FeatureType, PlaceDecider, Precision } from "../../report.js";
import { loadCueWords, stripDesignator } from "../geo/designators.js";
import type { Gazetteer, GeoContext, GeoMatch } from "../geo/index.js";
import { strictPlaceKey } from "../geo/normalize.js";
import { getLexicons, isCapitalised, nameStrength } from "./toponym.js";

/** The smallest town a landmark's name may mean ("Lake Charles", "Mount Vernon"); a smaller one is a hamlet
 *  that shares a street's or a square's name ("Jefferson Square"). */
export const LANDMARK_TOWN_MIN_POPULATION = 5000;

/**
 * A landmark's own gazetteer entry, by its exact name: a landmark ("Capitol Hill"), a region ("Lake Chad"), a
 * division ("Mount Lebanon"), or a town of some size ("Lake Charles", "Mount Vernon"); a hamlet or a
 * neighbourhood that shares a street's or a square's name ("Jefferson Square") is not the landmark.
 */
export function landmarkEntry(g: Gazetteer, surface: string): GeoMatch | null {
  const match = g.resolveExact(surface);
  if (!match) return null;
  if (match.featureType === "city" || match.featureType === "other") return match.population >= LANDMARK_TOWN_MIN_POPULATION ? match : null;
  return match;
}


/** `match` as decided by `by` (a post-rule, not the ranker's own reading). */
export const decided = (match: GeoMatch | null, by: PlaceDecider): GeoMatch | null => (match ? { ...match, decidedBy: by } : null);

/**
 * A place named `name` that the text or its name puts at `area`: that area's point, with at least the precision
 * "near a town" (2), and no GeoNames id or population of its own.
 */
export function placedAt(area: GeoMatch, name: string, featureType: FeatureType): GeoMatch {
  return { ...area, name, geonameId: null, featureType, precision: Math.max(2, area.precision) as Precision, population: 0 };
}

/** The capital town of a country, as the gazetteer has it. */
export function capitalOf(g: Gazetteer, country: string): GeoMatch | null {
  const capital = g.country(country)?.capital[0];
  const seat = capital ? g.resolveExact(capital, { countries: [country] }) : null;
  return seat && seat.country === country ? seat : null;
}

/** Where an institution named `surface` stands, by the words of `lexicons/en/institution-sites.tsv`. */
export function institutionSite(surface: string): "capital" | "abroad" | undefined {
  return getLexicons().institutionSites.find(({ pattern }) => pattern.test(surface))?.site;
}

/**
 * Resolves a name the tagger calls a place: the gazetteer's reading of it, else (for a name it lacks) the
 * seat of an international organisation ("Council of Europe"), else the place named inside it ("University of
 * Oregon" -> Oregon, "Quebec City" -> Quebec; see `placeInsideName`).
 */
export function resolveWithin(g: Gazetteer, surface: string, ctx: GeoContext = {}): GeoMatch | null {
  const lex = getLexicons();
  const whole = g.resolve(surface, ctx);
  // "August", "Valley": a word that is almost never a place in news text, whose only readings are small towns,
  // names something we cannot locate (a restaurant, a region's nickname) even where the tagger calls it a place
  const commonWord = /^\p{Lu}\p{Ll}+$/u.test(surface.trim()) && lex.stopwords.has(surface.trim().toLowerCase());
  if (commonWord && (!whole || (whole.featureType === "city" && whole.population < 20_000))) return null;
  // "Jefferson Square", "Union Station": a landmark's name that a hamlet shares names the landmark (as in
  // `landmarkEntry`, a town must be of some size to be meant by such a name)
  const landmarkWorded = lex.landmarks.get(surface.trim().split(/\s+/).pop() ?? "")?.has("end") ?? false;
  if (landmarkWorded && whole && whole.featureType === "city" && whole.population < LANDMARK_TOWN_MIN_POPULATION) return placeInsideName(g, surface, ctx);
  if (whole && !(whole.featureType === "admin1" && lex.modifiers.has(surface.split(/\s+/)[0].toLowerCase()) && !g.nameQuality(surface).exact)) return whole;
  // "Western Canada", "southern Chad": the part of a place that a direction names lies in that place; so does
  // a province or district with a direction after a hyphen that the gazetteer lacks ("Kolkoa-South" state)
  const [first, ...rest] = surface.trim().split(/\s+/);
  if (rest.length > 0 && lex.modifiers.has(first.toLowerCase())) {
    const area = g.resolve(rest.join(" "), ctx);
    if (area && (area.featureType === "country" || area.featureType === "admin1" || area.featureType === "region")) return area;
  }
  const part = directedPart(g, surface, ctx);
  if (part) return part;
  // "Jefferson Township", "Lake County": a name ending in a kind of place is that place, which the gazetteer
  // lacks; the place its first word names elsewhere is another one
  const kind = rest.length > 0 ? rest[rest.length - 1].toLowerCase() : "";
  // "Puebla City": a name ending in "City" that the gazetteer lacks is the town of the name before it, when that
  // name has a town among its readings (not the state or province it shares the name with); a "Township" or
  // "County" is another place (below)
  const townWord = loadCueWords().find((c) => c.word === kind && c.position !== "before" && c.cue === "city");
  if (townWord) {
    const town = g.resolve([first, ...rest.slice(0, -1)].join(" "), { ...ctx, cue: townWord.cue });
    if (town?.featureType === "city") return decided(town, "inside-name");
  }
  // but in a story about a country whose villages we hold, a township is named after its seat, the town or village
  // of that name there (Myanmar's townships): the text's "X Township" is found at X, the name inside it
  // (or the second-level area of that name the villages hold, where the name's best reading is one: the township
  // itself, read as an area)
  if (kind === "township") {
    const seat = g.resolve([first, ...rest.slice(0, -1)].join(" "), { ...ctx, cue: "town" });
    if ((seat?.featureType === "city" || seat?.featureType === "admin2") && seat.country && g.coversVillagesOf(seat.country) && (ctx.countries ?? []).includes(seat.country)) return decided(seat, "inside-name");
  }
  if (loadCueWords().some((c) => c.word === kind && c.position !== "before" && c.cue !== "city")) return null;
  return organisationSeat(g, surface) ?? placeInsideName(g, surface, ctx);
}

/**
 * A province or district with a direction after a hyphen that the gazetteer lacks ("Kolkoa-South" state): a part of
 * that area, read as the area (decidedBy "inside-name"); else null. Where the gazetteer has the whole name it is
 * the gazetteer's reading (`resolve`).
 */
export function directedPart(g: Gazetteer, surface: string, ctx: GeoContext = {}): GeoMatch | null {
  const directed = /^(\p{Lu}[\p{L}'’ ]+)-(\p{L}+)$/u.exec(surface.trim());
  if (!directed || !getLexicons().modifiers.has(directed[2].toLowerCase())) return null;
  const area = g.resolveExact(directed[1], ctx);
  return area && (area.featureType === "admin1" || area.featureType === "admin2") ? decided(area, "inside-name") : null;
}

/** "the Council of Europe" -> Strasbourg: the seat of an international organisation named as a place (a reviewed list). */
export function organisationSeat(g: Gazetteer, surface: string): GeoMatch | null {
  const row = getLexicons().organisationSeats.get(strictPlaceKey(surface.replace(/^the\s+/i, "")));
  const seat = row ? g.resolveExact(row.seat, { countries: [row.country] }) : null;
  return seat && seat.country === row?.country ? decided(placedAt({ ...seat, score: seat.score * 0.5 }, surface, "landmark"), "organisation-seat") : null;
}

/**
 * Whether town reading `town` of `name` is the story's own town: within 100 km of another town the story names
 * (a building named after a person who shares a far town's name, "Carnegie Library", is not placed there), or
 * the only town of that spelling, in a story that names no country; or, for a public building or site
 * (`publicSite`: "Kolda Hospital", "Kolda University", "Kolda Airport", which are named after their town, where a
 * family's farm or firm is named after its people), the only town of that spelling, in a country the story names.
 */
function opensWithLocalTown(g: Gazetteer, name: string, town: GeoMatch, ctx: GeoContext, publicSite: boolean): boolean {
  const onlyTown = g.candidates(name, true).every((c) => c.featureType !== "city" || c.country === town.country);
  const named = ctx.namedCountries ?? [];
  if (named.length === 0) return onlyTown;
  if ((ctx.near ?? []).some((p) => haversineKm(p.lat, p.lon, town.lat, town.lon) <= LOCAL_TOWN_KM)) return true;
  return publicSite && onlyTown && town.country !== null && named.includes(town.country);
}
const LOCAL_TOWN_KM = 100;

/**
 * The place named inside a name the gazetteer lacks: "University of Oregon" -> Oregon, "Harbour Office
 * Tokyo" -> Tokyo; else the place of a demonym in it ("European Fisheries Agency" -> Europe), an institution
 * standing in the capital ("Russian Transport Ministry" -> Moscow), or nothing for an embassy ("the Norwegian
 * Embassy" is anywhere but Norway). Inner names are tried longest first, then right to left, and must be places on their
 * own (`townsOnly`: towns, for a building, which a state or country names for its reach more often than its
 * site: "Nevada Pacific University"); the result is near that place, so its precision is at least 2.
 */
export function placeInsideName(g: Gazetteer, surface: string, ctx: GeoContext = {}, townsOnly = false): GeoMatch | null {
  const lex = getLexicons();
  const words = surface.split(/\s+/).filter((w) => w !== "");
  // a street is most often named after a place elsewhere ("Albert St.", "Cumberland Avenue")
  if (words.some((w) => lex.streets.has(w))) return null;
  const site = institutionSite(surface);
  const publicSite = lex.facilities.has(words[words.length - 1]?.toLowerCase() ?? "");
  const near = (m: GeoMatch): GeoMatch => ({ ...m, precision: Math.max(2, m.precision) as Precision, score: m.score * 0.5, decidedBy: "inside-name" });
  let byDemonym: GeoMatch | null = null;
  for (let n = words.length - 1; n >= 1; n--) {
    for (let i = words.length - n; i >= 0; i--) {
      const part = words.slice(i, i + n).join(" ").replace(/^[^\p{L}]+|[^\p{L}.]+$/gu, "");
      const lower = part.toLowerCase();
      if (!isCapitalised(part) || lex.stopwords.has(lower) || lex.prepositions.has(lower) || lex.modifiers.has(lower)) continue;
      if (g.demonymPlace(part) && n === 1) {
        byDemonym ??= g.demonymPlace(part);
        continue;
      }
      if (!g.nameQuality(part).exact) continue;
      const m = g.resolve(part, ctx);
      if (!m) continue;
      // not the country of an embassy ("Embassy of Chile"), which stands in another
      if (site === "abroad" && m.featureType === "country") continue;
      // a county only by its full name ("Franklin County Heritage Center", not "Cumberland Avenue")
      if (m.featureType === "admin2" && stripDesignator(part) === null) continue;
      // a building named after a county or state is not placed by it, nor by a town in that name's words
      if (townsOnly && m.featureType !== "city") return null;
      // only a name that is a place on its own ("California", "Tokyo"), not a word that a small town shares
      // with the name's generic nouns ("Court", "Airport", "Hall"); nor a continent or ocean, which names a
      // building for its reach, not its site ("Harbourside Museum of Asia", "Oregon Pacific University")
      if (nameStrength(m, true, part) >= 3 && !(m.featureType === "region" && m.precision === 4)) return near(m);
      // a building named after the town it stands in ("Kolda Regional Hospital", "Kolda University") opens with
      // that town's name: a town of some size (5,000+) will do, where the story names the town's country, or
      // names no country and no town of that spelling lies in another
      if (townsOnly && i === 0 && m.featureType === "city" && nameStrength(m, true, part) >= 2 && opensWithLocalTown(g, part, m, ctx, publicSite)) return near(m);
    }
  }
  if (townsOnly || !byDemonym || words.length < 2 || site === "abroad") return null;
  const seat = site === "capital" && byDemonym.featureType === "country" && byDemonym.country ? capitalOf(g, byDemonym.country) : null;
  if (seat) return placedAt(near(seat), surface, "other");
  return near(byDemonym);
}
