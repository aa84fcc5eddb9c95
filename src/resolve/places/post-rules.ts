/**
 * Post-rules: what the text says about a name once every name has its own reading. Each rule states something
 * general about how texts place names, and marks what it decides (`decidedBy`):
 * - "pair": two names that explain each other ("X, Y": the area after a comma holds the town before it;
 *   "X or Y" beside a state is a state);
 * - "same-name": one name, one place within an article;
 * - misplaced namesakes: a small town read for a name that the text puts in an area far from it, or abroad in an
 *   article about a country whose villages we hold (or any article set wholly in one country that names two
 *   places or more there), is most often a village the gazetteer lacks: it is left unlocated (and then placed by
 *   "container" where the text places it); so is a small town guessed among namesakes that all lie far from the
 *   story's towns (`isStrayNamesake`);
 * - "container": a name the gazetteer lacks, placed inside the place the text puts it in ("X, Y", "X in Y",
 *   "Y's X"), at that place's point with its precision;
 * - "inside-name": a building the text does not place, placed by the town its name holds; a district named after
 *   a town and a direction ("Kolda South") at that town's point, and "Kolda Town" as the town Kolda;
 * - coordinated streets: names written together before one plural street word ("Elm and Maple streets") or
 *   joined by a slash before "intersection" ("the Elm/Maple intersection") are streets, left unlocated.
 */
import type { Doc, Sentence } from "../../doc/index.js";
import type { Gazetteer, GeoContext, GeoMatch } from "../geo/index.js";
import { strictPlaceKey } from "../geo/normalize.js";
import { areaKey, stripDesignator } from "../geo/designators.js";
import { haversineKm } from "../geo/distance.js";
import { unobserved } from "../geo/ranker.js";
import { actorAreas, AREA_TYPES, isContainerGap, nextNameOutside } from "./context.js";
import { capitalOf, decided, institutionSite, placedAt, placeInsideName } from "./readings.js";
import { getLexicons, type Toponym } from "./toponym.js";

/**
 * Applies the post-rules to `resolved` (each toponym with its reading, in text order), in place. `contexts` holds
 * each name's article context; `qualifiedAt` the mentions the text places itself ("Ashby, Leicestershire").
 */
export function applyPostRules(doc: Doc, gazetteer: Gazetteer, resolved: Reading[], contexts: Map<string, GeoContext>, qualifiedAt: Set<number>): void {
  const lex = getLexicons();
  readPairsOfNames(doc, gazetteer, resolved);
  readNestedReadings(doc, gazetteer, resolved, contexts);
  // one name, one town: "HOLLIS, N.H." says which Hollis the story's other "Hollis"es are
  const qualified = new Map<string, GeoMatch>();
  for (const i of qualifiedAt) if (resolved[i].match?.featureType === "city") qualified.set(strictPlaceKey(resolved[i].toponym.surface), resolved[i].match!);
  for (let i = 0; i < resolved.length; i++) {
    const town = qualified.get(strictPlaceKey(resolved[i].toponym.surface));
    if (town && !qualifiedAt.has(i) && resolved[i].match?.featureType === "city") resolved[i] = { ...resolved[i], match: decided(town, "same-name") };
  }
  // "Kolda Town" is the town Kolda itself, whatever the text places in it ("the Sabo area in Kolda Town")
  for (let i = 0; i < resolved.length; i++) {
    const { toponym, match } = resolved[i];
    if (match || toponym.landmark || toponym.demonym || !isTownName(toponym.surface)) continue;
    const base = gazetteer.resolveExact(DIRECTED_NAME.exec(toponym.surface)![1], { ...contexts.get(toponym.surface), cue: "town" });
    if (base?.featureType === "city") resolved[i] = { ...resolved[i], match: decided(base, "inside-name"), inferred: true };
  }
  dropMisplacedNamesakes(doc, gazetteer, resolved, contexts);
  readInActorAreas(doc, gazetteer, resolved, contexts);
  // streets named together ("Elm and Maple streets"): streets, whatever towns share their names
  for (const r of resolved) {
    if (r.match && !r.inferred && !r.toponym.demonym && isCoordinatedStreet(doc.text, r.toponym)) {
      r.toponym = { ...r.toponym, landmark: true, unsupported: false };
      r.match = null;
    }
  }
  // a small town guessed among namesakes far from all the story's towns: a local place the gazetteer lacks
  const strays = resolved.map((_, i) => isStrayNamesake(doc, gazetteer, resolved, contexts, i));
  strays.forEach((stray, i) => stray && (resolved[i] = { ...resolved[i], match: null }));
  // a quarter of a town read as a town far from all the story's towns: a quarter the gazetteer lacks
  const quarters = resolved.map((_, i) => isQuarterNamesake(doc, resolved, i));
  quarters.forEach((quarter, i) => quarter && (resolved[i] = { ...resolved[i], match: null }));
  // a name the gazetteer lacks, placed by the text inside a place it has ("Pellow Marsh, Kent", "Quarry Lane in
  // Tarnow", "Ostrava's Vitkov Hall"). It gets that place's point, with that place's precision (at least 2):
  // where it lies, not a point of its own
  // right to left, so that a chain places each name in the next: "Kolkoa village (Seno township, Sahel)"
  for (let i = resolved.length - 1; i >= 0; i--) {
    if (resolved[i].match) continue;
    const area = placedInside(doc, gazetteer, resolved, i);
    if (area) resolved[i] = { ...resolved[i], match: decided(placedAt(area, resolved[i].toponym.surface, resolved[i].toponym.landmark ? "landmark" : "other"), "container"), inferred: true };
  }
  // a district named after its main place and a direction ("Kolda South", "Seno East") that the gazetteer lacks
  // and the text does not place lies around that place: its point, with precision 2 at least
  for (let i = 0; i < resolved.length; i++) {
    const { toponym, match } = resolved[i];
    const directed = match || toponym.landmark || toponym.demonym ? null : DIRECTED_NAME.exec(toponym.surface);
    // ("Kolda Town" was read as the town Kolda before the containers)
    if (!directed || directed[2] === "Town") continue;
    const base = gazetteer.resolveExact(directed[1], contexts.get(toponym.surface));
    // with the kind of district named ("Kolda West Sub-County"), the district lies in the province of that name too
    if (base && (base.featureType === "city" || base.featureType === "admin2" || (base.featureType === "admin1" && directed[3] !== undefined))) {
      resolved[i] = { ...resolved[i], match: decided(placedAt(base, toponym.surface, "other"), "inside-name"), inferred: true };
    }
  }
  // a building or site the text does not place is placed by the town its name holds ("Tarnow Exhibition Hall");
  // not a street, most often named after a place elsewhere
  for (let i = 0; i < resolved.length; i++) {
    const { toponym, match } = resolved[i];
    if (match || !toponym.landmark || toponym.surface.split(/\s+/).some((w) => lex.streets.has(w))) continue;
    const inner = placeInsideName(gazetteer, toponym.surface, contexts.get(toponym.surface) ?? {}, true);
    if (inner) resolved[i] = { ...resolved[i], match: decided(placedAt(inner, toponym.surface, "landmark"), "inside-name"), inferred: true };
  }
  // a name the gazetteer lacks that the text calls a place of some kind ("Kolkoa village", "Kolkoa town"), in
  // a sentence whose only located places are one province or one district: the place lies there ("residents of
  // Kolkoa village protested ..., officials in Seno County said"). It gets the area's point and
  // precision, as a name placed inside the area does; not where the sentence names a town (the place may lie by
  // the town or anywhere between) or two areas; nor a name without a kind word, which may be no place at all (a
  // car, an ocean, a firm: in news beside a state's name these outnumber villages)
  const soleAreas = soleAreaBySentence(doc, resolved);
  for (let i = 0; i < resolved.length; i++) {
    if (resolved[i].match || resolved[i].toponym.demonym || resolved[i].toponym.cue === null) continue;
    const sentence = doc.sentenceAt(resolved[i].toponym.start);
    const area = sentence ? soleAreas.get(sentence) : undefined;
    if (area) resolved[i] = { ...resolved[i], match: decided(placedAt(area, resolved[i].toponym.surface, resolved[i].toponym.landmark ? "landmark" : "other"), "sentence-area"), inferred: true };
  }
  // one name, one place within an article: the other mentions of a name placed so ("Pellow Marsh" before
  // "Pellow Marsh, Kent") share that place
  const placedByName = new Map<string, GeoMatch>();
  for (const r of resolved) if (r.inferred && r.match && !placedByName.has(strictPlaceKey(r.toponym.surface))) placedByName.set(strictPlaceKey(r.toponym.surface), r.match);
  for (let i = 0; i < resolved.length; i++) {
    if (resolved[i].match) continue;
    const placed = placedByName.get(strictPlaceKey(resolved[i].toponym.surface));
    if (placed) resolved[i] = { ...resolved[i], match: decided(placed, "same-name"), inferred: true };
  }
}

/** A name of one or two capitalised words and a direction after it ("Kolda South"), or "Town" ("Kolda Town"); a
 *  direction may carry the word for the kind of district it names ("Kolda South Sub-County", "Kolda West
 *  constituency"). */
const DIRECTED_NAME = /^(\p{Lu}[\p{L}'’-]*(?:\s+\p{Lu}[\p{L}'’-]*)?)\s+(North|South|East|West|Town)(?:\s+([Ss]ub[- ]?[Cc]ounty|[Cc]onstituency|[Dd]istrict|[Dd]ivision|[Ww]ard|[Tt]ownship|LGA))?$/u;

/** "Kolda Town": a town's name and the word "Town", which name the town itself. */
const isTownName = (surface: string): boolean => DIRECTED_NAME.exec(surface)?.[2] === "Town";

/**
 * A name the text places in an area ("X, Y", "X (Y)", "X village (Y district, Z)", "X in Y", "X area of Y") whose
 * own reading does not lie in the area's reading: the two names explain each other, and a pair of readings one of
 * which holds the other is read before two unrelated ones ("San Pedro (Valle)" is the San Pedro of the province
 * Valle wherever bigger namesakes of either lie). The area's readings are taken best first, and for each the
 * name's best reading inside it, villages of that country included; both names are then "pair". Only a province,
 * a district or a region of one country is an area here (a country says too little, a town is not a container);
 * not a name in a list ("Kolkoa, Seno and Dori"), and not where the area's own reading already holds the name's.
 */
export function readNestedReadings(doc: Doc, g: Gazetteer, resolved: Reading[], contexts: Map<string, GeoContext>): void {
  for (let i = 0; i < resolved.length; i++) {
    const here = resolved[i];
    const { toponym, match } = here;
    if (!match || here.inferred || match.decidedBy || toponym.demonym || toponym.landmark || match.featureType === "country") continue;
    const j = containerIndex(doc, resolved, i);
    if (j === null) continue;
    const there = resolved[j];
    const area = there.match;
    if (!area || there.inferred || there.toponym.demonym || there.toponym.landmark || area.featureType === "country") continue;
    // readings of one country and province are taken to agree (a district's or a town's reach is only guessed)
    const province = area.featureType === "admin1" ? area.name : area.admin1;
    if (liesIn(match, area) || (match.country === area.country && (!province || !match.admin1 || areaKey(province) === areaKey(match.admin1)))) continue;
    const ctx = contexts.get(toponym.surface) ?? {};
    // the area's readings best first; then its readings in the countries of the name's own readings (a
    // district among the villages of a country: "Kolkoa (Seno)" where Seno is a town abroad and a district there)
    const countries = [...new Set(g.candidates(toponym.surface).map((m) => m.country).filter((c): c is string => c !== null && g.coversVillagesOf(c)))];
    const holders = [...g.candidates(there.toponym.surface), ...unobserved(() => countries.flatMap((c) => g.rank(there.toponym.surface, { countries: [c], countryShares: [1] })))];
    const pairs = holders.flatMap((holder) => {
      // by the name's own spelling: a loose variant of both names is too weak a pair
      if ((holder.featureType !== "admin1" && holder.featureType !== "admin2") || areaKey(holder.name) !== areaKey(there.toponym.surface)) return [];
      const within: GeoContext = { ...ctx, countries: [holder.country!], countryShares: [1], namedCountries: [holder.country!], within: { country: holder.country, admin1: holder.featureType === "admin1" ? holder.name : holder.admin1 } };
      const inside = unobserved(() => g.rank(toponym.surface, within)).find((m) => (m.featureType === "city" || m.featureType === "admin2") && m.lat !== null && areaKey(m.name) === areaKey(toponym.surface) && liesIn(m, holder));
      return inside ? [{ holder, inside }] : [];
    });
    // a pair that moves the name to another country first (its reading was the namesake), else one that moves
    // the area; within one country the rules after this one place the name in its area (`dropMisplacedNamesakes`)
    const pair = pairs.find((p) => p.inside.country !== match.country) ?? pairs.find((p) => p.holder.country !== area.country);
    if (!pair) continue;
    resolved[i] = { ...here, match: decided(pair.inside, "pair") };
    resolved[j] = { ...there, match: decided(pair.holder, "pair") };
  }
}

/**
 * The index of the name the text puts name `i` in: the next name after a comma or a bracket (a kind word
 * between at most: "Kolkoa village (Seno"), after "in" ("Kolkoa in Seno") or a word for a part of a place and
 * "of" ("Kolkoa area of Seno"); not the first of a list ("Kolkoa, Seno and Dori"); else null.
 */
function containerIndex(doc: Doc, resolved: Reading[], i: number): number | null {
  const k = nextNameOutside(doc, resolved, i);
  const next = resolved[k];
  if (!next) return null;
  if (k > i + 1) return k;
  const between = doc.text.slice(resolved[i].toponym.end, next.toponym.start);
  const bracketed = /\($/.test(between.trim());
  if (!(isContainerGap(between) || /^\s+in\s+$/i.test(between) || PART_OF.test(between))) return null;
  const after = resolved[i + 2];
  if (!bracketed && after && LIST_GAP.test(doc.text.slice(next.toponym.end, after.toponym.start))) return null;
  return i + 1;
}

/** A town this size or more is one news names bare whatever country the article is about. */
const WELL_KNOWN_TOWN = 100_000;
/** The ranker's score below which its reading of a name is a guess among namesakes, which the text may overrule. */
const DOUBTED_READING = 0.5;

/**
 * Readings the ranker chose that are small towns or districts elsewhere than the text or the article puts the
 * name: the name is most often a village read as its namesake in another country or province. Its reading
 * where the text or the article puts it is taken ("home-reading") where the gazetteer has one; else it is left
 * unlocated (and `placedInside` then puts it in the area the text names). That is where
 * - the text places the name in a located area none of whose readings holds the reading ("Kolkoa (Seno, Sahel)"
 *   read as a hamlet in Italy while Seno is in Burkina Faso, in a country the article is not about; or, for a
 *   variant spelling, as a Kolokoa of Burkina Faso 300 km from the town Seno), or
 * - the text does not place it, its country is none of the article's countries, and the article's first
 *   country, where the text names an area or a town no smaller, is one whose villages we hold ("an attack in
 *   Kolkoa" in a story about Burkina Faso), or, for any other country, the only country of the story, where the
 *   text names two such places: the gazetteer's towns are not all its places.
 * Not a capital, nor a town of 100,000+ (news names such towns bare; unless only spelt like the name and placed by
 * the text in another country), nor a name the text places in its own country ("Kolkoa, Italy").
 */
export function dropMisplacedNamesakes(doc: Doc, g: Gazetteer, resolved: Reading[], contexts: Map<string, GeoContext>): void {
  const replaced = new Map<number, GeoMatch | null>();
  for (let i = 0; i < resolved.length; i++) {
    const { toponym } = resolved[i];
    const match = rankedTown(resolved[i]);
    if (!match) continue;
    const wellKnown = isWellKnown(g, toponym.surface, match);
    if (wellKnown && namedAs(toponym.surface, match)) continue;
    const ctx = contexts.get(toponym.surface) ?? {};
    const countries = ctx.countries ?? [];
    /** the name's best reading (a town or a district) that `fits`, else null */
    const homeReading = (within: GeoContext, fits: (m: GeoMatch) => boolean): GeoMatch | null =>
      decided(g.rank(toponym.surface, within).find((m) => (m.featureType === "city" || m.featureType === "admin2") && fits(m)) ?? null, "home-reading");
    const container = placedInside(doc, g, resolved, i);
    // a capital or a town of 100,000+ is named bare, whatever the article is about; but not by a name that only
    // spells like it, where the text puts the name in a place of another country ("the Joogou area in Kitale Town")
    if (wellKnown && !(container?.country && container.country !== match.country && !readByItsSpelling(g, toponym.surface, match))) continue;
    if (container?.country) {
      // the container may itself be misread: only where none of its readings holds the name's reading
      const holds = (area: GeoMatch): boolean => liesIn(match, area);
      if (holds(container)) continue;
      // but where another reading of the name lies in the container as read, in the same country, that one is
      // meant ("Nayrab in Idleb": the Nayrab of Idleb, not the one across the border in Aleppo)
      const inContainer = container.country === match.country && container.featureType !== "city"
        ? homeReading({ ...ctx, within: { country: container.country, admin1: container.featureType === "admin1" ? container.name : container.admin1 } }, (m) => liesIn(m, container) && (m.lat !== match.lat || m.lon !== match.lon))
        : null;
      if (inContainer) {
        replaced.set(i, inContainer);
        continue;
      }
      if (g.candidates(container.name).some(holds)) continue;
      // a city that gives its province its name ("X, Donetsk") stands for either after a comma: the province,
      // which holds the city, is the area the name must lie in; not in a list of towns ("X, Donetsk and Y")
      const [next, after] = [resolved[i + 1], resolved[i + 2]];
      const inList = next !== undefined && after !== undefined && LIST_GAP.test(doc.text.slice(next.toponym.end, after.toponym.start));
      const area = container.featureType === "city" && !inList ? provinceNamedAfter(g, container) ?? container : container;
      // abroad, in a country the article is not about; or, for a variant spelling, in the same country far from
      // the town a bracket puts it by ("Kolkoa (Seno)" read as a Kolokoa 300 km from Seno; "Kolkoa, Seno and Dori"
      // is a list)
      const bracketed = BRACKET_AFTER.test(doc.text.slice(toponym.end, toponym.end + 30));
      const variant = strictPlaceKey(match.name) !== strictPlaceKey(toponym.surface);
      const within = { ...ctx, within: { country: container.country, admin1: container.featureType === "admin1" ? container.name : container.admin1 } };
      if (container.country !== match.country ? !countries.includes(match.country) : container.featureType === "city" && bracketed && variant) {
        replaced.set(i, homeReading(within, (m) => liesIn(m, container)));
        continue;
      }
      // in its own country but outside the area the text puts it in, as a bracket of areas ("Kolkoa village
      // (Seno district, Sahel)") or an area after a comma ("Kolkoa, Sahel") does: its reading inside that area
      // where the gazetteer or the villages have one; else, where the reading lies in another province than
      // that area, a namesake there, and the name takes the area's point (`placedInside`). A district's extent
      // is judged by distance, so a reading in its province is kept. Not a town a comma puts by another town:
      // "Kolkoa, Seno and Dori" is a list
      const partOf = next !== undefined && PART_OF.test(doc.text.slice(toponym.end, next.toponym.start));
      if (container.country === match.country && (bracketed || partOf || AREA_TYPES.has(area.featureType))) {
        const home = homeReading(within, (m) => liesIn(m, area));
        const province = container.featureType === "admin1" ? container.name : container.admin1;
        // a town's parts lie within its reach, whatever the province; a reading that is only a variant spelling of
        // the name ("Kolkoa" read as a Kolokoa) is another place where it lies out of the area's reach
        // (nor a village the village file puts in another county than the district the text names)
        if (home || container.featureType === "city" || (province && match.admin1 && areaKey(province) !== areaKey(match.admin1)) || !g.nameQuality(toponym.surface).exact ||
          (match.county && container.featureType === "admin2")) replaced.set(i, home);
      }
      continue;
    }
    if (countries.includes(match.country)) continue;
    // the article's first country, where another name of the text is an area, or a town no smaller than this
    // reading (a smaller namesake abroad does not outvote it); a country's own name or a demonym says whose,
    // not where
    const home = countries[0];
    if (!home) continue;
    const key = strictPlaceKey(toponym.surface);
    const atHome = resolved.filter((r) => r.match !== null && r.match.country === home && r.match.featureType !== "country" && !r.toponym.demonym &&
      strictPlaceKey(r.toponym.surface) !== key && (AREA_TYPES.has(r.match.featureType) || r.match.population >= match.population));
    // the gazetteer stops at towns of 1,000 people, so a suburb or a township it lacks is read as a namesake
    // abroad; beyond the countries whose villages we hold, only in a story set wholly in one country that places
    // two names or more there (one name may be misread itself, and the country with it)
    const homeNames = new Set(atHome.map((r) => strictPlaceKey(r.toponym.surface))).size;
    if (!g.coversVillagesOf(home) && (countries.length > 1 || homeNames < 2)) continue;
    if (atHome.length > 0) replaced.set(i, homeReading({ ...ctx, countries: [home], countryShares: [1], namedCountries: [home] }, (m) => m.country === home));
  }
  for (const [i, reading] of replaced) resolved[i] = { ...resolved[i], match: reading };
}

/** The ranker's own reading of a name as a town or a district (no rule decided it; no demonym, no landmark), else null. */
function rankedTown({ toponym, match, inferred }: Reading): (GeoMatch & { country: string }) | null {
  if (!match || inferred || match.decidedBy || toponym.demonym || toponym.landmark || !match.country) return null;
  return match.featureType === "city" || match.featureType === "admin2" ? { ...match, country: match.country } : null;
}

/** A capital or a town of 100,000+: news names such towns bare, whatever the article is about. */
const isWellKnown = (g: Gazetteer, surface: string, match: GeoMatch): boolean => match.population >= WELL_KNOWN_TOWN || g.isCapital(surface) !== null;

/** Whether `match` is a reading of `surface` by its very spelling (or a reviewed alias), not only a loose one. */
function readByItsSpelling(g: Gazetteer, surface: string, match: GeoMatch): boolean {
  // (a village's reading is found by its own name only; an index entry by any of its names)
  return namedAs(surface, match) || match.county !== undefined ||
    g.candidates(surface, true).some((c) => c.lat === match.lat && c.lon === match.lon && c.name === match.name);
}

/** Whether `surface` (less its designator word) is the very name of `match`. */
const namedAs = (surface: string, match: GeoMatch): boolean => strictPlaceKey(match.name) === strictPlaceKey(stripDesignator(surface)?.bare ?? surface);

/**
 * A bare town's name told with an actor active in a few provinces only (a monitoring mission along one front, a
 * breakaway force of one region: `active_in` "CC/Province" in actors.tsv): where the ranker read it in another
 * province of that country, the name's reading in one of the actor's provinces, where the gazetteer or its
 * villages have one by that very spelling ("near Lozove" in a monitors' report is the Lozove on their front, not
 * a bigger one elsewhere). Not a name the text places itself ("X, Y", "X (Y)"), a name an earlier rule decided, a
 * town of 100,000+ or a capital, nor in a text that names a province of its own outside the actor's.
 */
function readInActorAreas(doc: Doc, g: Gazetteer, resolved: Reading[], contexts: Map<string, GeoContext>): void {
  const areas = [...actorAreas(doc.layer("actors")).keys()].map((a) => ({ country: a.slice(0, a.indexOf("/")), name: a.slice(a.indexOf("/") + 1) }));
  if (areas.length === 0) return;
  const ofActor = (country: string | null, admin1: string | null): boolean =>
    admin1 !== null && areas.some((a) => a.country === country && areaKey(a.name) === areaKey(admin1));
  // the text's own provinces: a story that names one outside the actor's is told there
  if (resolved.some((r) => r.match?.featureType === "admin1" && !r.toponym.demonym && !ofActor(r.match.country, r.match.name))) return;
  for (let i = 0; i < resolved.length; i++) {
    const { toponym } = resolved[i];
    const match = rankedTown(resolved[i]);
    if (!match || isWellKnown(g, toponym.surface, match)) continue;
    if (!areas.some((a) => a.country === match.country) || ofActor(match.country, match.admin1) || placedInside(doc, g, resolved, i)) continue;
    const ctx = contexts.get(toponym.surface) ?? {};
    const key = strictPlaceKey(toponym.surface);
    let best: GeoMatch | null = null;
    for (const area of areas) {
      if (area.country !== match.country) continue;
      const found = g.rank(toponym.surface, { ...ctx, within: { country: area.country, admin1: area.name } })
        .find((m) => (m.featureType === "city" || m.featureType === "admin2") && ofActor(m.country, m.admin1) && strictPlaceKey(m.name) === key);
      if (found && (!best || found.score > best.score)) best = found;
    }
    if (best) resolved[i] = { ...resolved[i], match: decided(best, "home-reading") };
  }
}

/** A town smaller than this, read far from all the story's other towns, is a guess among namesakes (`isStrayNamesake`). */
const STRAY_TOWN_MAX_POPULATION = 20_000;
/** How far from every other town of the story such a reading lies. */
const STRAY_KM = 500;

/**
 * A small town the ranker guessed among several of the name, none of them near the story: the story names
 * at least two other towns, the reading lies more than 500 km from each of them, and the name has another town
 * reading elsewhere, so the text did not say which was meant (a "Maple Grove" market in a story set around two
 * neighbouring towns is a local place the gazetteer lacks, not whichever Maple Grove the ranker liked best a
 * thousand kilometres away). Not where the text places the name ("X, Y", "X in Y"). Left unlocated.
 */
function isStrayNamesake(doc: Doc, g: Gazetteer, resolved: Reading[], contexts: Map<string, GeoContext>, i: number): boolean {
  const { toponym, match, inferred } = resolved[i];
  if (!match || inferred || match.decidedBy || toponym.demonym || toponym.landmark || match.featureType !== "city") return false;
  if (match.population >= STRAY_TOWN_MAX_POPULATION || g.isCapital(toponym.surface) || placedInside(doc, g, resolved, i)) return false;
  const near = contexts.get(toponym.surface)?.near ?? [];
  if (near.length < 2 || near.some((p) => haversineKm(p.lat, p.lon, match.lat, match.lon) <= STRAY_KM)) return false;
  return g.candidates(toponym.surface, true).some((m) => m.featureType === "city" && haversineKm(m.lat, m.lon, match.lat, match.lon) > 25);
}

/** A word after a name that makes it a quarter of a town: "the Elm Hill neighbourhood", "Elm Hill ward". */
const QUARTER_AFTER = /^\s+(?:neighbou?rhoods?|suburbs?|wards?|quarters?|estates?|colony)\b/i;
/** How far from each of the story's other towns and districts a town reading of a quarter's name lies to be a namesake. */
const QUARTER_KM = 50;

/**
 * A name the text calls a quarter of a town ("the Elm Hill neighbourhood", "Elm Hill suburb", "in Elm Hill ward,
 * Oxmouth") read as a town more than 50 km from every other town or district the story names: a quarter lies in
 * or by the story's town, so a town of its name elsewhere is a namesake and the quarter one the gazetteer lacks
 * (placed by its container where the text gives one). Not where the story names no other town or district.
 */
function isQuarterNamesake(doc: Doc, resolved: Reading[], i: number): boolean {
  const { toponym, match, inferred } = resolved[i];
  if (!match || inferred || toponym.demonym || toponym.landmark || match.featureType !== "city" || match.lat === null || match.lon === null) return false;
  if (!QUARTER_AFTER.test(doc.text.slice(toponym.end, toponym.end + 24))) return false;
  const key = strictPlaceKey(toponym.surface);
  const towns = resolved.flatMap((r) => r.match && r.match.lat !== null && r.match.lon !== null && (r.match.featureType === "city" || r.match.featureType === "admin2") &&
    !r.toponym.demonym && strictPlaceKey(r.toponym.surface) !== key ? [r.match] : []);
  return towns.length > 0 && towns.every((t) => haversineKm(t.lat!, t.lon!, match.lat!, match.lon!) > QUARTER_KM);
}

/**
 * The located place the text puts unresolved toponym `i` in: the next toponym after a comma ("Pellow Marsh,
 * Kent"), after "in"/"at"/"near" ("Quarry Lane in Tarnow"), or the toponym just before with a possessive
 * ("Ostrava's Vitkov Hall"), or the first place the gazetteer has in a bracket after it ("Kolkoa (Seno district,
 * Sahel)"). A town, admin area or region; not a country,
 * which says too little about where a street or a building is, except for an embassy ("the embassy in Peru") or a
 * country's capital named as such ("in the Chilean capital"): that capital.
 */
export function placedInside(doc: Doc, g: Gazetteer, resolved: { toponym: Toponym; match: GeoMatch | null; inferred: boolean }[], i: number): GeoMatch | null {
  // a place itself placed in an area it is part of ("Seno township, Sahel") places the name before it in turn, and
  // so does a town named with the word "Town" ("Kolda Town": the town Kolda)
  const usable = (r: { match: GeoMatch | null; inferred: boolean; toponym: Toponym } | undefined): GeoMatch | null =>
    r && r.match && (!r.inferred || r.match.decidedBy === "container" || isTownName(r.toponym.surface)) && !r.toponym.demonym && r.match.featureType !== "country" && r.match.lat !== null ? r.match : null;
  const here = resolved[i].toponym;
  const next = resolved[i + 1];
  const between = doc.text.slice(here.end, next?.toponym.start ?? here.end);
  // "the kiosk in Tarnow", "a stall at the Dunmore market"
  const locative = /^\s+(?:in|at|near|outside)\s+(?:the\s+)?$/iu.test(between);
  if (next && usable(next) && (isContainerGap(between) || locative || PART_OF.test(between) || PART_IN.test(between))) return usable(next);
  // "the Chilean Embassy in the US capital", "the embassy in Peru": embassies stand in capitals
  const country = next?.match?.featureType === "country" && !next.inferred ? next.match.country : null;
  if (country && locative && (institutionSite(here.surface) === "abroad" || /^\s+capital\b/i.test(doc.text.slice(next.toponym.end)))) {
    const seat = capitalOf(g, country);
    if (seat) return seat;
  }
  const prev = resolved[i - 1];
  if (prev && usable(prev) && /^['’]s\s+$/.test(doc.text.slice(prev.toponym.end, here.start))) return usable(prev);
  // "X (Y district, Z)": a bracket right after the name (a kind word between at most) lists the areas it lies
  // in, smallest first; the first of them the gazetteer places, where the one before it is a name it lacks
  const bracket = BRACKET_AFTER.exec(doc.text.slice(here.end, here.end + 30));
  if (bracket) {
    const close = doc.text.indexOf(")", here.end + bracket[0].length);
    for (let j = i + 1; j < resolved.length && close >= 0 && resolved[j].toponym.start < close; j++) {
      const area = usable(resolved[j]);
      if (area) return area;
    }
  }
  return null;
}

/**
 * For each sentence, the one province or district it places (its names read directly or placed in an area), when
 * it locates no town and no other area; the smaller where a district and the province that holds it are both
 * named. One pass over the names: each name's sentence is found by a binary search.
 */
function soleAreaBySentence(doc: Doc, resolved: { toponym: Toponym; match: GeoMatch | null; inferred: boolean }[]): Map<Sentence, GeoMatch | null> {
  const located = new Map<Sentence, { areas: GeoMatch[]; other: boolean }>();
  for (const { toponym, match, inferred } of resolved) {
    if (!match || match.lat === null || toponym.demonym || (inferred && match.decidedBy !== "container")) continue;
    if (match.featureType === "country" || match.featureType === "region") continue;
    const sentence = doc.sentenceAt(toponym.start);
    if (!sentence) continue;
    const held = located.get(sentence) ?? { areas: [], other: false };
    if (match.featureType !== "admin1" && match.featureType !== "admin2") held.other = true;
    else if (!held.areas.some((a) => a.lat === match.lat && a.lon === match.lon)) held.areas.push(match);
    located.set(sentence, held);
  }
  const out = new Map<Sentence, GeoMatch | null>();
  for (const [sentence, { areas, other }] of located) {
    const districts = areas.filter((a) => a.featureType === "admin2");
    const provinces = areas.filter((a) => a.featureType === "admin1");
    const district = districts.length === 1 && provinces.every((p) => p.country === districts[0].country && (districts[0].admin1 === null || districts[0].admin1 === p.name)) ? districts[0] : null;
    out.set(sentence, other ? null : district ?? (districts.length === 0 && provinces.length === 1 ? provinces[0] : null));
  }
  return out;
}

/** The words for a part of a place, as written between two names ("Kolkoa area of Seno"). */
const PLACE_PART_WORDS = String.raw`(?:area|neighbou?rhood|quarter|suburb|outskirts|locality|ward|sector)`;
/** The word for a part of a place and "of" between two names: "Kolkoa area of Seno", "Kolkoa neighbourhood of the
 *  Seno" put the first inside the second. */
const PART_OF = new RegExp(String.raw`^\s+${PLACE_PART_WORDS}\s+of\s+(?:the\s+)?$`, "iu");
/** The same with "in" ("Kolkoa area in Seno"): the first lies in the second, which may be a town's part as well as
 *  its whole, so only the place of a name the gazetteer lacks or reads abroad */
const PART_IN = new RegExp(String.raw`^\s+${PLACE_PART_WORDS}\s+in\s+(?:the\s+)?$`, "iu");

/** An opening bracket after a name, with at most one lowercase word between ("Kolkoa village (..."). */
const BRACKET_AFTER = /^(?:\s+\p{Ll}+)?\s*\(/u;

/** How far from its point a county's towns may lie, and a region's of one country: GeoMatch carries no admin2,
 *  so membership of a county or region is judged by distance */
const ADMIN2_REACH_KM = 100;
const REGION_REACH_KM = 120;

/** How far from a province's point its towns may lie where the gazetteer gives a town no province. */
const PROVINCE_REACH_KM = 200;
/** How far from a province's point a town the gazetteer puts in the next province may still lie in it: provinces
 *  are redrawn (the gazetteer keeps a town's former province), and a town by the border is named with either */
const BORDER_REACH_KM = 150;

/** A town of the province's country that the gazetteer puts in another province, within reach of the province's
 *  point: a town by the border, whose province the gazetteer may hold from before a redrawing. */
function nearBorderOf(x: GeoMatch, area: GeoMatch): boolean {
  return x.country === area.country && haversineKm(x.lat, x.lon, area.lat, area.lon) <= BORDER_REACH_KM;
}

/** Whether place `x` lies in `area`, as far as the gazetteer can tell (true when it cannot tell). */
function liesIn(x: GeoMatch, area: GeoMatch): boolean {
  if (area.country && x.country !== area.country) return false;
  switch (area.featureType) {
    case "country":
      return true;
    case "admin1":
      // "Cabo Delgado" is the admin1 of its towns, "Cabo Delgado Province" the area's own entry; a town the
      // gazetteer gives no province is judged by distance from the province's point
      if (x.admin1 === null) return haversineKm(x.lat, x.lon, area.lat, area.lon) <= PROVINCE_REACH_KM;
      return areaKey(x.admin1) === areaKey(area.name) || nearBorderOf(x, area);
    case "admin2":
      // a second-level entry named like its own province is that province ("Sud-Kivu" in Sud-Kivu): its towns
      // are the province's, however far from its point
      if (area.admin1 && areaKey(area.admin1) === areaKey(area.name)) return !x.admin1 || areaKey(x.admin1) === areaKey(area.admin1) || nearBorderOf(x, area);
      // a village whose county the village file names lies in that county, whatever the distance ("Seno" is the
      // index's "Seno Province")
      if (x.county) return areaKey(x.county) === areaKey(area.name);
      // provinces by their key: a village's "Kolda" is the index's "Kolda Region"
      return (!area.admin1 || !x.admin1 || areaKey(x.admin1) === areaKey(area.admin1)) && haversineKm(x.lat, x.lon, area.lat, area.lon) <= ADMIN2_REACH_KM;
    default:
      // a region of one country, within reach of its point; a region across countries cannot be judged
      return !area.country || area.precision >= 4 || haversineKm(x.lat, x.lon, area.lat, area.lon) <= REGION_REACH_KM;
  }
}

/** The province named like a city and holding it (Donetsk Oblast for Donetsk), or null. */
function provinceNamedAfter(g: Gazetteer, city: GeoMatch): GeoMatch | null {
  if (!city.admin1 || areaKey(city.admin1) !== areaKey(city.name)) return null;
  return g.candidates(city.name).find((c) => c.featureType === "admin1" && c.country === city.country && areaKey(c.name) === areaKey(city.name)) ?? null;
}

/** What stands between two names of a list: a comma, "and" or "or" ("Homs, Hama and Idlib"). */
const LIST_GAP = /^\s*(?:,|and|or)\s*$/i;

/** An area's name without its designator word and spelling differences ("Chin State" and "Chin" are one key). */
const NAME_WORD = String.raw`\p{Lu}[\p{L}'’.-]*`;
/** the words for where two streets meet */
const CROSSING = "intersection|crossing|junction|corner";
let streetPlurals: Set<string> | undefined;

/**
 * Whether the name at `t` is one of several streets the text names with one plural street word or a crossing:
 * "Elm and Maple streets" (either name), "the Elm/Maple intersection", "at the corner of Elm/Maple". A street
 * shares its name with towns elsewhere ("Victoria Street"), so neither name is that town.
 */
export function isCoordinatedStreet(text: string, t: { start: number; end: number }): boolean {
  streetPlurals ??= new Set([...getLexicons().streets].filter((w) => /^\p{L}+$/u.test(w)).map((w) => `${w.toLowerCase()}s`));
  const after = text.slice(t.end, t.end + 80);
  const before = text.slice(Math.max(0, t.start - 40), t.start);
  const plural = (word: string | undefined): boolean => word !== undefined && streetPlurals!.has(word.toLowerCase());
  // the first name: "Elm and Maple streets", "Elm, Oak and Maple avenues"
  const first = new RegExp(String.raw`^(?:\s*,\s*${NAME_WORD})*\s*(?:,\s*)?(?:and|&)\s+${NAME_WORD}(?:\s+${NAME_WORD})?\s+(\p{L}+)`, "u").exec(after);
  if (first && plural(first[1])) return true;
  // the last name: "Elm and Maple streets"
  const last = /^\s+(\p{L}+)/u.exec(after);
  if (last && plural(last[1]) && new RegExp(String.raw`${NAME_WORD}\s*(?:,|and|&)\s*$`, "u").test(before)) return true;
  // a crossing: "Elm/Maple intersection", "the corner of Elm/Maple"
  if (new RegExp(String.raw`^/${NAME_WORD}(?:\s+${NAME_WORD})?\s+(?:${CROSSING})\b`, "u").test(after)) return true;
  if (new RegExp(String.raw`${NAME_WORD}/$`, "u").test(before) && new RegExp(String.raw`^\s+(?:${CROSSING})\b`, "iu").test(after)) return true;
  return false;
}

export type Reading = { toponym: Toponym; match: GeoMatch | null; inferred: boolean };

/**
 * Pairs of names that explain each other, read after each name is resolved on its own:
 * - "Spokane, Washington": the area after a comma is the one that holds the town before it (the state, not
 *   the capital), when the name has such a reading;
 * - "Ashby, Leicestershire": a town the gazetteer places outside the area the text puts it in is another place of
 *   that name, so it is left unresolved (and then placed in that area, see `placedInside`); not in a list
 *   ("Homs, Hama province and Idlib"), and not a city of 100,000+, which a list names more often than a
 *   wrong area, unless the ranker doubted that reading (below `DOUBTED_READING`: a borough of a far capital
 *   read for a town that shares its name, "Kolkoa, Sahel");
 * - "Oregon or Nevada": a name joined by "and"/"or" to an admin1 area is read as the admin1 area of
 *   that country with that very name when there is one.
 */
export function readPairsOfNames(doc: Doc, g: Gazetteer, resolved: Reading[]): void {
  const between = (a: Reading, b: Reading): string => doc.text.slice(a.toponym.end, b.toponym.start);
  const isPoint = (m: GeoMatch | null): m is GeoMatch => m !== null && !AREA_TYPES.has(m.featureType);
  const areaReading = (surface: string, holds: (c: GeoMatch) => boolean): GeoMatch | null =>
    g.candidates(surface).find((c) => AREA_TYPES.has(c.featureType) && c.precision >= 3 && holds(c)) ?? null;
  for (let i = 0; i + 1 < resolved.length; i++) {
    const here = resolved[i];
    const next = resolved[i + 1];
    if (here.toponym.demonym || next.toponym.demonym || here.inferred || next.inferred) continue;
    const gap = between(here, next);
    if (/^\s*,\s*$/.test(gap) && isPoint(here.match)) {
      const town = here.match;
      if (!next.match || !AREA_TYPES.has(next.match.featureType) || !liesIn(town, next.match)) {
        const holder = areaReading(next.toponym.surface, (c) => liesIn(town, c));
        if (holder) resolved[i + 1] = { ...next, match: decided(holder, "pair") };
      }
      const area = resolved[i + 1].match;
      const after = resolved[i + 2];
      const inList = after !== undefined && LIST_GAP.test(between(next, after));
      const elsewhere = area !== null && area.country !== null && town.country !== area.country;
      if (area && AREA_TYPES.has(area.featureType) && !liesIn(town, area) && !inList && (elsewhere || town.population < 100_000 || town.score < DOUBTED_READING)) {
        resolved[i] = { ...here, match: null };
      }
      continue;
    }
    if (/^\s+(?:and|or)\s+$/i.test(gap) && here.match && next.match) {
      const [a, b] = [here.match, next.match];
      if (a.featureType === "admin1" && b.featureType !== "admin1") {
        const same = areaReading(next.toponym.surface, (c) => c.featureType === "admin1" && c.country === a.country && strictPlaceKey(c.name) === strictPlaceKey(next.toponym.surface));
        if (same) resolved[i + 1] = { ...next, match: decided(same, "pair") };
      } else if (b.featureType === "admin1" && a.featureType !== "admin1") {
        const same = areaReading(here.toponym.surface, (c) => c.featureType === "admin1" && c.country === b.country && strictPlaceKey(c.name) === strictPlaceKey(here.toponym.surface));
        if (same) resolved[i] = { ...here, match: decided(same, "pair") };
      }
    }
  }
}
