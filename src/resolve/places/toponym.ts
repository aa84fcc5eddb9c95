/**
 * What the place finders and rules share: the lexicons they read, the `Toponym` (a name found in the text,
 * before it is resolved), and the word tests and name strengths the finders weigh.
 */
import type { Doc } from "../../doc/index.js";
import { escapeRegExp, loadLexicon, loadWordSet } from "../../lexicon.js";
import { loadCueWords, stripDesignator, type CueWord } from "../geo/designators.js";
import type { Gazetteer, GeoMatch, PlaceCue } from "../geo/index.js";
import { strictPlaceKey } from "../geo/normalize.js";

export interface Lexicons {
  stopwords: Set<string>;
  facilities: Set<string>;
  /** landmark words as written ("Street", "St."), each with where it stands in a name: end, start, of */
  landmarks: Map<string, Set<string>>;
  /** landmark words that make a name a street ("Street", "Avenue"): a street is not located by a place in its name */
  streets: Set<string>;
  /** landmark words that are also personal names ("Park", "Lane") */
  landmarkNames: Set<string>;
  /** lower-case words inside place names ("Isle of Man", "Ras al Ain") */
  connectors: Set<string>;
  /** particles that continue a name a landmark word begins ("Palais des Sports") */
  particles: Set<string>;
  /** lower-case articles that may begin a place's name ("al Kolkoa", "el Fasher") */
  articles: Set<string>;
  /** words after a language's name that make it the language ("English is heard") */
  languageFollowers: Set<string>;
  /** denominations: "the Catholic Church" named by them alone is the institution */
  denominations: Set<string>;
  /** verbs of saying: "the Hollis Center said" is an organisation speaking, not a building */
  actingVerbs: Set<string>;
  languages: Set<string>;
  /** strict key of an international organisation's name -> its seat (town and country) */
  organisationSeats: Map<string, { seat: string; country: string }>;
  /** "ministry" -> capital, "embassy" -> abroad: where a country's institution stands, as whole-word patterns */
  institutionSites: { pattern: RegExp; site: "capital" | "abroad" }[];
  modifiers: Set<string>;
  heads: Set<string>;
  prepositions: Set<string>;
  locatives: Set<string>;
  cuesAfter: Map<string, PlaceCue>;
  cuesBefore: Map<string, PlaceCue>;
  /** words beside two hyphen-joined names that make them two places ("the X-Y road", "the axis X-Y") */
  routePairs: Set<string>;
  /** words for a road named after the places it links ("road", "bypass"): lexicons/en/route-words.tsv */
  roads: string[];
  /** peoples, clans and castes, as written, with the countries they live in: lexicons/en/community-homelands.tsv */
  peoples: Map<string, string[]>;
}

let lexicons: Lexicons | undefined;
export function getLexicons(): Lexicons {
  if (!lexicons) {
    const preps = loadLexicon("en/place-prepositions.tsv", ["word", "locative"]);
    const cues: CueWord[] = loadCueWords();
    const landmarkWords = loadLexicon("en/landmark-words.tsv", ["word", "position"]);
    const connectors = loadLexicon("en/name-connectors.tsv", ["word", "place", "landmark", "begins"]);
    const routes = loadLexicon("en/route-words.tsv", ["word", "road", "pair"]);
    lexicons = {
      stopwords: loadWordSet("en/place-stopwords.tsv"),
      facilities: loadWordSet("en/facility-words.tsv"),
      landmarks: new Map(landmarkWords.map((r) => [r.word, new Set(r.position.split(","))])),
      streets: new Set(loadLexicon("en/street-words.tsv", ["word"]).map((r) => r.word)),
      landmarkNames: new Set(landmarkWords.filter((r) => r.person === "yes").map((r) => r.word)),
      connectors: new Set(connectors.filter((r) => r.place === "yes").map((r) => r.word)),
      particles: new Set(connectors.filter((r) => r.landmark === "yes").map((r) => r.word)),
      articles: new Set(connectors.filter((r) => r.begins === "yes").map((r) => r.word)),
      languageFollowers: loadWordSet("en/language-followers.tsv"),
      actingVerbs: loadWordSet("en/speech-cues.tsv", "cue"),
      denominations: loadWordSet("en/denominations.tsv"),
      languages: new Set(loadLexicon("_shared/languages.tsv", ["iso3", "iso1", "name"]).map((r) => r.name.toLowerCase())),
      organisationSeats: new Map(
        loadLexicon("_shared/organisation-seats.tsv", ["name", "seat", "country"]).flatMap((r) =>
          [r.name, ...(r.variants ? r.variants.split("|") : [])].map((n): [string, { seat: string; country: string }] => [strictPlaceKey(n), { seat: r.seat, country: r.country }]),
        ),
      ),
      institutionSites: loadLexicon("en/institution-sites.tsv", ["word", "site"]).map((r) => ({ pattern: new RegExp(`\\b${escapeRegExp(r.word)}\\b`, "i"), site: r.site === "abroad" ? "abroad" : "capital" })),
      modifiers: loadWordSet("en/place-modifiers.tsv"),
      heads: loadWordSet("en/place-heads.tsv"),
      prepositions: new Set(preps.map((r) => r.word.toLowerCase())),
      locatives: new Set(preps.filter((r) => r.locative === "yes").map((r) => r.word.toLowerCase())),
      cuesAfter: new Map(cues.filter((c) => c.position !== "before").map((c) => [c.word, c.cue])),
      cuesBefore: new Map(cues.filter((c) => c.position !== "after").map((c) => [c.word, c.cue])),
      routePairs: new Set(routes.filter((r) => r.pair === "yes").map((r) => r.word)),
      roads: routes.filter((r) => r.road === "yes").map((r) => r.word),
      // (the names of one row share its array of countries: a people named twice votes once)
      peoples: new Map(loadLexicon("en/community-homelands.tsv", ["names", "countries"]).flatMap((r) => {
        const countries = r.countries.split("|");
        return r.names.split("|").map((name): [string, string[]] => [name, countries]);
      })),
    };
  }
  return lexicons;
}

export const MAX_NAME_TOKENS = 6;

/** A toponym found in the text, before resolution. */
export interface Toponym {
  start: number;
  end: number;
  surface: string;
  cue: PlaceCue | null;
  /** from the tagger (LOC, or an ORG/MISC span that is a place name) or from our rules */
  fromNer: boolean;
  /** evidence that it is a place at all, beyond its name (cue, locative word) */
  support: number;
  /** a demonym used as a modifier ("Iraqi engineers"): a mention of its country or region */
  demonym?: boolean;
  /** a single word only the tagger calls a place, with no cue or locative word: dropped unless the gazetteer knows it */
  unsupported?: boolean;
  /** a street, building or site ("Linden Street", "Kingsway Arena"): located only by the place the text puts it in */
  landmark?: boolean;
  /** a village found by the area the text places it in ("Novoselivka, Kharkiv") */
  contained?: boolean;
}

export const isCapitalised = (word: string): boolean => /^\p{Lu}/u.test(word);
/** Two letters or more, all capitals ("US", "UAE"). */
export const isInitialismWord = (word: string): boolean => {
  const letters = word.replace(/[^\p{L}]/gu, "");
  return letters.length >= 2 && letters === letters.toUpperCase() && letters !== letters.toLowerCase();
};
/** A word that can end a name: capitalised, or an article-prefixed part ("ez-Zor", "al-Hasakah"). */
export const isNameWord = (word: string): boolean => isCapitalised(word) || /^\p{Ll}{1,3}-\p{Lu}/u.test(word);
export const isWord = (word: string): boolean => /^[\p{L}\p{M}]/u.test(word);

let currencyWords: Set<string> | undefined;

/** Whether `word` is a currency's word, singular or plural ("dollar", "dollars", "lira"): lexicons/en/currencies.tsv. */
function isCurrencyWord(word: string): boolean {
  currencyWords ??= new Set(loadLexicon("en/currencies.tsv", ["surface", "code", "symbol"]).filter((r) => r.symbol !== "yes").map((r) => r.surface.split(/\s+/).pop()!.toLowerCase()));
  const w = word.toLowerCase();
  return w !== "" && (currencyWords.has(w) || currencyWords.has(`${w}s`));
}

/** Whether the place name ending at `end` names a currency ("the US dollar", "Egyptian pounds"), not a place. */
export function namesCurrencyAt(text: string, end: number): boolean {
  return isCurrencyWord(/^\s+(\p{L}+)/u.exec(text.slice(end, end + 24))?.[1] ?? "");
}

export function overlaps(a: { start: number; end: number }, b: { start: number; end: number }): boolean {
  return a.start < b.end && b.start < a.end;
}

/** The cue word next to tokens [first, last]: "Hasakeh province", "the city of Hasakeh", "Idlib countryside". */
export function cueAround(doc: Doc, first: number, last: number, lex: Lexicons): PlaceCue | null {
  const next = doc.tokenText(last + 1).toLowerCase();
  const after = lex.cuesAfter.get(next);
  if (after) return after;
  const prev = doc.tokenText(first - 1).toLowerCase();
  const prev2 = doc.tokenText(first - 2).toLowerCase();
  if (prev === "of") {
    const before = lex.cuesBefore.get(prev2);
    if (before) return before;
  }
  if ((prev === "with" || prev === "of") && (prev2 === "border" || prev2 === "borders")) return "country";
  return null;
}

/** The token index range of a character span, or null when it does not fall on tokens. */
export function tokenRange(doc: Doc, s: { start: number; end: number }): [number, number] | null {
  const first = doc.tokenFrom(s.start);
  let last = first;
  while (last + 1 < doc.tokens.length && doc.tokens[last + 1].end <= s.end) last++;
  if (!doc.tokens[first] || doc.tokens[first].start >= s.end) return null;
  return [first, last];
}

/**
 * How strongly the best reading of a name says "place" on its own: 3 strong, 2 medium, 1 weak. A county or
 * district counts when named in full: with its designator ("Summit County") or, for a populous one, by its
 * own name ("Hampshire"); not by a bare name that only its designator-less form shares ("Shelby").
 */
export function nameStrength(match: GeoMatch, exact: boolean, surface?: string): number {
  const big = match.featureType === "country" || match.featureType === "region" || match.featureType === "landmark";
  if (big) return exact ? 3 : 2;
  if (match.featureType === "admin1") return exact ? 3 : 2;
  if (match.featureType === "admin2" && exact && surface !== undefined && strictPlaceKey(surface) === strictPlaceKey(match.name)) {
    return stripDesignator(surface) !== null || match.population >= 100_000 ? 3 : 2;
  }
  if (match.featureType === "city") {
    if (match.population >= 100_000) return exact ? 3 : 2;
    if (match.population >= 5_000) return exact ? 2 : 1;
  }
  return 1;
}


/** Whether the exact reading of `surface` is a country, first- or second-level division, or region. */
export function isAreaName(g: Gazetteer, surface: string): boolean {
  const match = g.resolveExact(surface);
  return match !== null && (match.featureType === "country" || match.featureType === "admin1" || match.featureType === "admin2" || match.featureType === "region");
}


/** Whether the exact reading of `surface` is a place in its own right (a country, region, admin1 or big city). */
export function strongExactName(g: Gazetteer, surface: string, min = 3): boolean {
  const match = g.resolveExact(surface);
  return match !== null && nameStrength(match, true, surface) >= min;
}
