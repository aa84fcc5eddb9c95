/**
 * Toponyms: found (from the "ner" layer and by our own gazetteer rules), resolved with the article's context,
 * and merged into report Places.
 *
 * Finding without a tagger: capitalised token n-grams (longest first) whose spelling is a gazetteer name,
 * kept when the evidence is strong enough: the kind and size of the place, a cue word ("Hasakeh province",
 * "the city of X"), a locative word before it ("in", "near"), and never when it looks like part of a longer
 * proper name ("Jordan Peterson", "Washington Post"), a sentence-initial common word ("May", "Most"), or a demonym.
 * Resolving: a first pass without context gives the article's countries and admin1 areas; the second pass
 * resolves every toponym with them.
 */
import type { Doc, LabeledSpan } from "../doc/index.js";
import { span, SpanIndex } from "../doc/index.js";
import { escapeRegExp, loadLexicon, loadWordSet } from "../lexicon.js";
import type { FeatureType, Place, PlaceDecider, Precision, Span } from "../report.js";
import { loadCueWords, stripDesignator, type CueWord } from "./geo/designators.js";
import { loadGazetteer, type Gazetteer, type GeoContext, type GeoMatch, type PlaceCue } from "./geo/index.js";
import { strictPlaceKey } from "./geo/normalize.js";
import { haversineKm } from "./geo/distance.js";

interface Lexicons {
  stopwords: Set<string>;
  facilities: Set<string>;
  /** landmark words as written ("Street", "St."), each with where it stands in a name: end, start, of */
  landmarks: Map<string, Set<string>>;
  /** landmark words that make a name a street ("Street", "Avenue"): a street is not located by a place in its name */
  streets: Set<string>;
  /** "streets" (plural), "intersection" (junction): words that make the bare names beside them streets */
  streetJunctions: Map<string, "plural" | "junction">;
  /** landmark words that are also personal names ("Park", "Lane") */
  landmarkNames: Set<string>;
  /** lower-case words inside place names ("Isle of Man", "Ras al Ain") */
  connectors: Set<string>;
  /** particles that continue a name a landmark word begins ("Palais des Sports") */
  particles: Set<string>;
  /** words after a language's name that make it the language ("English is spoken") */
  languageFollowers: Set<string>;
  /** denominations: "the Catholic Church" named by them alone is the institution */
  denominations: Set<string>;
  /** verbs of saying: "the Carter Center said" is an organisation speaking, not a building */
  actingVerbs: Set<string>;
  languages: Set<string>;
  /** strict key of an international organisation's name -> its seat (town and country) */
  organisationSeats: Map<string, { seat: string; country: string }>;
  /** "capitol", "statehouse": a state's seat of government after "state" (lower case) */
  seatBuildings: Set<string>;
  /** "ministry" -> capital, "embassy" -> abroad: where a country's institution stands, as whole-word patterns */
  institutionSites: { pattern: RegExp; site: "capital" | "abroad" }[];
  modifiers: Set<string>;
  heads: Set<string>;
  prepositions: Set<string>;
  locatives: Set<string>;
  cuesAfter: Map<string, PlaceCue>;
  cuesBefore: Map<string, PlaceCue>;
}

let lexicons: Lexicons | undefined;
function getLexicons(): Lexicons {
  if (!lexicons) {
    const preps = loadLexicon("en/place-prepositions.tsv", ["word", "locative"]);
    const cues: CueWord[] = loadCueWords();
    const landmarkWords = loadLexicon("en/landmark-words.tsv", ["word", "position"]);
    const connectors = loadLexicon("en/name-connectors.tsv", ["word", "place", "landmark"]);
    lexicons = {
      stopwords: loadWordSet("en/place-stopwords.tsv"),
      facilities: loadWordSet("en/facility-words.tsv"),
      landmarks: new Map(landmarkWords.map((r) => [r.word, new Set(r.position.split(","))])),
      streets: new Set(loadLexicon("en/street-words.tsv", ["word"]).map((r) => r.word)),
      streetJunctions: new Map(loadLexicon("en/street-junction-words.tsv", ["word", "role"]).map((r) => [r.word, r.role === "plural" ? "plural" : "junction"])),
      landmarkNames: new Set(landmarkWords.filter((r) => r.person === "yes").map((r) => r.word)),
      connectors: new Set(connectors.filter((r) => r.place === "yes").map((r) => r.word)),
      particles: new Set(connectors.filter((r) => r.landmark === "yes").map((r) => r.word)),
      languageFollowers: loadWordSet("en/language-followers.tsv"),
      actingVerbs: loadWordSet("en/speech-cues.tsv", "cue"),
      denominations: loadWordSet("en/denominations.tsv"),
      languages: new Set(loadLexicon("_shared/languages.tsv", ["iso3", "iso1", "name"]).map((r) => r.name.toLowerCase())),
      organisationSeats: new Map(
        loadLexicon("_shared/organisation-seats.tsv", ["name", "seat", "country"]).flatMap((r) =>
          [r.name, ...(r.variants ? r.variants.split("|") : [])].map((n): [string, { seat: string; country: string }] => [strictPlaceKey(n), { seat: r.seat, country: r.country }]),
        ),
      ),
      seatBuildings: loadWordSet("en/seat-buildings.tsv"),
      institutionSites: loadLexicon("en/institution-sites.tsv", ["word", "site"]).map((r) => ({ pattern: new RegExp(`\\b${escapeRegExp(r.word)}\\b`, "i"), site: r.site === "abroad" ? "abroad" : "capital" })),
      modifiers: loadWordSet("en/place-modifiers.tsv"),
      heads: loadWordSet("en/place-heads.tsv"),
      prepositions: new Set(preps.map((r) => r.word.toLowerCase())),
      locatives: new Set(preps.filter((r) => r.locative === "yes").map((r) => r.word.toLowerCase())),
      cuesAfter: new Map(cues.filter((c) => c.position !== "before").map((c) => [c.word, c.cue])),
      cuesBefore: new Map(cues.filter((c) => c.position !== "after").map((c) => [c.word, c.cue])),
    };
  }
  return lexicons;
}

const MAX_NAME_TOKENS = 6;

/** A toponym found in the text, before resolution. */
interface Toponym {
  start: number;
  end: number;
  surface: string;
  cue: PlaceCue | null;
  /** from the tagger (LOC, or an ORG/MISC span that is a place name) or from our rules */
  fromNer: boolean;
  /** evidence that it is a place at all, beyond its name (cue, locative word) */
  support: number;
  /** a demonym used as a modifier ("Iraqi forces"): a mention of its country or region */
  demonym?: boolean;
  /** a single word only the tagger calls a place, with no cue or locative word: dropped unless the gazetteer knows it */
  unsupported?: boolean;
  /** a street, building or site ("Linden Street", "Kingsway Arena"): located only by the place the text puts it in */
  landmark?: boolean;
  /** a village found by the area the text places it in ("Novoselivka, Kharkiv") */
  contained?: boolean;
  /** a bare name the text makes a street ("Maple" in "Maple and Cedar streets"): no gazetteer reading */
  street?: boolean;
}

const isCapitalised = (word: string): boolean => /^\p{Lu}/u.test(word);
/** Two letters or more, all capitals ("US", "UAE"). */
const isInitialismWord = (word: string): boolean => {
  const letters = word.replace(/[^\p{L}]/gu, "");
  return letters.length >= 2 && letters === letters.toUpperCase() && letters !== letters.toLowerCase();
};
/** A word that can end a name: capitalised, or an article-prefixed part ("ez-Zor", "al-Hasakah"). */
const isNameWord = (word: string): boolean => isCapitalised(word) || /^\p{Ll}{1,3}-\p{Lu}/u.test(word);
const isWord = (word: string): boolean => /^[\p{L}\p{M}]/u.test(word);

function overlaps(a: { start: number; end: number }, b: { start: number; end: number }): boolean {
  return a.start < b.end && b.start < a.end;
}

/** The cue word next to tokens [first, last]: "Hasakeh province", "the city of Hasakeh", "Idlib countryside". */
function cueAround(doc: Doc, first: number, last: number, lex: Lexicons): PlaceCue | null {
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
function tokenRange(doc: Doc, s: { start: number; end: number }): [number, number] | null {
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
function nameStrength(match: GeoMatch, exact: boolean, surface?: string): number {
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

/** Whether the resolved name of `surface` keeps its comma part ("Washington, D.C." but not "Paris, France"). */
function strictName(g: Gazetteer, surface: string): boolean {
  const m = g.resolve(surface);
  return m !== null && m.name.includes(",");
}

/** Finds toponyms with the gazetteer alone (see the module comment). */
function findByRules(doc: Doc, g: Gazetteer, lex: Lexicons, taken: LabeledSpan[]): Toponym[] {
  const out: Toponym[] = [];
  const takenIndex = new SpanIndex(taken);
  const sentenceStarts = new Set(doc.sentences.map((s) => s.firstToken));
  const endOfSentence = new Map<number, number>();
  for (const s of doc.sentences) for (let t = s.firstToken; t < s.endToken; t++) endOfSentence.set(t, s.endToken);
  const isSentenceStart = (t: number): boolean => {
    let k = t;
    while (k > 0 && !sentenceStarts.has(k) && /^["“‘'(\[]$/.test(doc.tokenText(k - 1))) k--;
    return sentenceStarts.has(k) || k === 0;
  };

  // one sense per discourse: a word seen as part of a longer capitalised name ("Mary Smith", "Jordan Peterson")
  // is that name elsewhere in the article too, unless a cue or a locative word says "place"
  const nameParts = new Set<string>();
  for (let t = 0; t + 1 < doc.tokens.length; t++) {
    const a = doc.tokenText(t);
    const b = doc.tokenText(t + 1);
    if (!isWord(a) || !isWord(b) || !isCapitalised(a) || !isCapitalised(b)) continue;
    if ((endOfSentence.get(t) ?? 0) !== (endOfSentence.get(t + 1) ?? -1)) continue;
    if (doc.tokens[t + 1].start - doc.tokens[t].end > 1) continue;
    if (g.nameQuality(`${a} ${b}`).exact) continue;
    const aFree = lex.prepositions.has(a.toLowerCase()) || lex.modifiers.has(a.toLowerCase()) || isSentenceStart(t);
    const bFree = lex.heads.has(b.toLowerCase()) || lex.cuesAfter.has(b.toLowerCase());
    if (!bFree && !(g.nameQuality(b).exact && !lex.stopwords.has(b.toLowerCase()) && g.resolve(b)!.population >= 100_000)) nameParts.add(a);
    if (!aFree && !lex.heads.has(a.toLowerCase())) nameParts.add(b);
  }

  const tryName = (first: number, last: number, startChar: number, endChar: number): Toponym | null => {
    const surface = doc.text.slice(startChar, endChar);
    if (takenIndex.overlaps(startChar, endChar)) return null;
    const quality = g.nameQuality(surface);
    if (!quality.loose) return null;
    // "Us" is a pronoun, "US" a country: a stopword in capitals counts only when it is no country's short name
    if (lex.stopwords.has(surface.toLowerCase().replace(/\.$/, "")) && !(isInitialismWord(surface) && g.countryByName(surface))) return null;
    // a demonym ("Iraqi", "Syrian", "European") names people, not a place
    if (g.demonymPlace(surface) && !g.nameQuality(surface).exact) return null;
    const match = g.resolve(surface);
    if (!match) return null;
    const cue = cueAround(doc, first, last, lex);
    let strength = nameStrength(match, quality.exact);
    let support = 0;
    if (cue) support += 2;
    const prev = doc.tokenText(first - 1);
    if (lex.locatives.has(prev.toLowerCase()) || lex.modifiers.has(prev.toLowerCase())) support += 1;
    const singleWord = first === last;
    const sentenceInitial = isSentenceStart(first);
    const allCaps = surface === surface.toUpperCase() && /\p{Lu}{2}/u.test(surface);
    if (sentenceInitial && singleWord && strength < 3) strength -= 1;
    // acronyms name organisations ("NATO") unless they spell a big place or a reviewed short form ("US", "UK")
    if (allCaps && singleWord && strength < 3) return null;
    // a variant spelling ("Hassakeh") is a place only where the text says so: cue or locative word before it.
    // Without that, given names meet cities ("Mike"/Mecca, "Zara"/Zaria)
    if (!quality.exact && support === 0) return null;
    // a designator after a country is an organisation ("U.S. Department", "Iraq State"): not a place name
    if (match.featureType === "country" && stripDesignator(surface)) return null;
    // part of a longer proper name: a capitalised word right after ("Jordan Peterson") or before ("Michael Jordan")
    const next = doc.tokenText(last + 1);
    const sentenceEnd = endOfSentence.get(last) ?? doc.tokens.length;
    if (last + 1 < sentenceEnd && isWord(next) && isCapitalised(next) && !lex.heads.has(next.toLowerCase()) && !lex.cuesAfter.has(next.toLowerCase())) {
      const nextIsPlace = g.nameQuality(next).exact && !lex.stopwords.has(next.toLowerCase());
      if (!nextIsPlace && !allCaps) return null;
    }
    if (first > 0 && !isSentenceStart(first) && isWord(prev) && isCapitalised(prev)) {
      const p = prev.toLowerCase();
      if (!lex.prepositions.has(p) && !lex.modifiers.has(p) && !lex.cuesBefore.has(p)) return null;
    }
    if (singleWord && support === 0 && nameParts.has(surface)) return null;
    if (strength + support < 2) return null;
    return { start: startChar, end: endChar, surface, cue, fromNer: false, support };
  };

  let i = 0;
  while (i < doc.tokens.length) {
    const word = doc.tokenText(i);
    if (!isWord(word) || !isCapitalised(word)) {
      i++;
      continue;
    }
    const sentenceEnd = endOfSentence.get(i) ?? doc.tokens.length;
    let found: Toponym | null = null;
    let foundLast = i;
    const isModifier = lex.modifiers.has(word.toLowerCase());
    // "The", "In" at a sentence start begin a name only when the whole name has them ("The Hague")
    const isFunctionWord = lex.prepositions.has(word.toLowerCase());
    for (let n = Math.min(MAX_NAME_TOKENS, sentenceEnd - i); n >= 1 && !found; n--) {
      const last = i + n - 1;
      const lastWord = doc.tokenText(last);
      if (!isWord(lastWord) || !isNameWord(lastWord)) continue;
      if (n === 1 && isModifier) continue;
      if (isFunctionWord && !g.nameQuality(doc.text.slice(doc.tokens[i].start, doc.tokens[last].end)).exact) continue;
      let inner = true;
      for (let k = i + 1; k < last && inner; k++) {
        const w = doc.tokenText(k);
        inner = isWord(w) && (isNameWord(w) || lex.connectors.has(w));
      }
      if (!inner) continue;
      found = tryName(i, last, doc.tokens[i].start, doc.tokens[last].end);
      foundLast = last;
    }
    if (!found && word.includes("-")) {
      // "Kharkiv-based", "U.S.-led", "Syria-Iraq": the capitalised parts of a hyphenated word
      let offset = doc.tokens[i].start;
      for (const part of word.split("-")) {
        if (isCapitalised(part) && part.length > 1) {
          const t = tryName(i, i, offset, offset + part.length);
          if (t) out.push(t);
        }
        offset += part.length + 1;
      }
    }
    if (found && doc.tokenText(foundLast + 1) === "," && foundLast + 2 < doc.tokens.length) {
      // "Washington, D.C.", "Paris, Texas": the comma form when the gazetteer has it as one name
      const wider = doc.text.slice(found.start, doc.tokens[foundLast + 2].end);
      if (g.nameQuality(wider).exact && isCapitalised(doc.tokenText(foundLast + 2)) && strictName(g, wider)) {
        found = { ...found, end: doc.tokens[foundLast + 2].end, surface: wider };
        foundLast += 2;
      }
    }
    if (found && i > 0 && lex.modifiers.has(doc.tokenText(i - 1).toLowerCase())) {
      // "eastern Euphrates", "South Ossetia": a modifier that is part of a known region's name
      const wider = doc.text.slice(doc.tokens[i - 1].start, found.end);
      if (g.nameQuality(wider).exact) found = { ...found, start: doc.tokens[i - 1].start, surface: wider };
    }
    if (found) {
      out.push(found);
      i = foundLast + 1;
    } else i++;
  }
  return out;
}

/** Tagger spans that are toponyms: every LOC, and ORG/MISC spans whose whole text is a strong place name. */
function findByNer(doc: Doc, g: Gazetteer, lex: Lexicons): Toponym[] {
  const out: Toponym[] = [];
  for (const s of doc.layer("ner")) {
    const surface = doc.slice(s);
    const range = tokenRange(doc, s);
    const cue = range ? cueAround(doc, range[0], range[1], lex) : null;
    // a lone direction word ("Western", "Southern") names no place we could locate
    if (lex.modifiers.has(surface.toLowerCase())) continue;
    if (s.label === "LOC") {
      // "Iraqi": people, not a place; "Canadian" too, though a small town in Texas has that name
      if (g.demonymPlace(surface) && !strongExactName(g, surface)) continue;
      const prev = range ? doc.tokenText(range[0] - 1).toLowerCase() : "";
      const unsupported = range !== null && range[0] === range[1] && cue === null && !lex.locatives.has(prev);
      out.push({ start: s.start, end: s.end, surface, cue, fromNer: true, support: 3, unsupported });
    } else if (s.label === "ORG" || s.label === "MISC") {
      if (lex.stopwords.has(surface.toLowerCase())) continue; // "the Centre" (the central government)
      const match = g.resolve(surface);
      if (match && nameStrength(match, g.nameQuality(surface).exact, surface) >= 3 && !g.demonymPlace(surface)) {
        out.push({ start: s.start, end: s.end, surface, cue, fromNer: true, support: 1 });
      }
    }
  }
  return out;
}

/** Whether the exact reading of `surface` is a country, first- or second-level division, or region. */
function isAreaName(g: Gazetteer, surface: string): boolean {
  const match = g.resolveExact(surface);
  return match !== null && (match.featureType === "country" || match.featureType === "admin1" || match.featureType === "admin2" || match.featureType === "region");
}

/** The smallest town a landmark's name may mean ("Lake Charles", "Mount Vernon"); a smaller one is a hamlet
 *  that shares a street's or a square's name ("Jefferson Square"). */
const LANDMARK_TOWN_MIN_POPULATION = 5000;

/**
 * A landmark's own gazetteer entry, by its exact name: a landmark ("Capitol Hill"), a region ("Lake Chad"), a
 * division ("Mount Lebanon"), or a town of some size ("Lake Charles", "Mount Vernon"); a hamlet or a
 * neighbourhood that shares a street's or a square's name ("Jefferson Square") is not the landmark.
 */
function landmarkEntry(g: Gazetteer, surface: string): GeoMatch | null {
  const match = g.resolveExact(surface);
  if (!match) return null;
  if (match.featureType === "city" || match.featureType === "other") return match.population >= LANDMARK_TOWN_MIN_POPULATION ? match : null;
  return match;
}

/** Whether the exact reading of `surface` is a place in its own right (a country, region, admin1 or big city). */
function strongExactName(g: Gazetteer, surface: string, min = 3): boolean {
  const match = g.resolveExact(surface);
  return match !== null && nameStrength(match, true, surface) >= min;
}

/**
 * The place names inside an organisation's name, as the tagger bounds it: "The Washington Post", "Air Malta",
 * "Ohio Department of Education", "Development Bank of Namibia", "Summit County Executive". Each is a
 * mention of the place (geoparsing corpora count them), not where anything happened: the event extractor does
 * not take a place mention inside an organisation's name as an event's place. Only names that are places on
 * their own (a country, admin area, region or city of 100,000+, a county with its designator), and never
 * stopwords, direction words or demonyms (those are found as demonyms).
 */
function findInOrganisations(doc: Doc, g: Gazetteer, lex: Lexicons, taken: { start: number; end: number }[]): Toponym[] {
  const out: Toponym[] = [];
  const takenIndex = new SpanIndex(taken);
  for (const s of doc.layer("ner")) {
    if (s.label !== "ORG" && s.label !== "MISC") continue;
    if (takenIndex.overlapping(s.start, s.end).some((t) => t.start <= s.start && s.end <= t.end)) continue; // the whole span is a place already
    const range = tokenRange(doc, s);
    if (!range) continue;
    const [first, last] = range;
    // "Nevada Pacific University", "Cork Magistrate's Court": the place name belongs to the facility's name
    let facility = false;
    for (let k = first; k <= last && !facility; k++) facility = lex.facilities.has(doc.tokenText(k).toLowerCase());
    if (facility) continue;
    let i = first;
    while (i <= last) {
      const word = doc.tokenText(i);
      let found: { end: number; last: number } | null = null;
      if (isWord(word) && isCapitalised(word) && !lex.prepositions.has(word.toLowerCase())) {
        for (let n = Math.min(MAX_NAME_TOKENS, last - i + 1); n >= 1 && !found; n--) {
          const k = i + n - 1;
          if (!isWord(doc.tokenText(k)) || !isNameWord(doc.tokenText(k))) continue;
          let inner = true;
          for (let j = i + 1; j < k && inner; j++) inner = isWord(doc.tokenText(j)) && (isNameWord(doc.tokenText(j)) || lex.connectors.has(doc.tokenText(j)));
          if (!inner) continue;
          const start = doc.tokens[i].start;
          const end = doc.tokens[k].end;
          if (start === s.start && end === s.end) continue;
          const surface = doc.text.slice(start, end);
          const lower = surface.toLowerCase();
          if (lex.stopwords.has(lower) || lex.modifiers.has(lower) || g.demonymPlace(surface)) continue;
          // "Vermont State Police", "Ohio Department of Education": the designator-like word belongs to the
          // organisation unless it is part of the place's own name ("Plateau State", "Greene County")
          const stripped = stripDesignator(surface);
          if (stripped && strictPlaceKey(g.resolveExact(surface)?.name ?? "") !== strictPlaceKey(surface)) continue;
          if (!strongExactName(g, surface)) continue;
          if (takenIndex.overlaps(start, end)) continue;
          found = { end, last: k };
          out.push({ start, end, surface, cue: cueAround(doc, i, k, lex), fromNer: false, support: 1 });
        }
      }
      i = found ? found.last + 1 : i + 1;
    }
  }
  return out;
}

/**
 * Villages the text places in a named area: "Novoselivka, Kharkiv" or "Novoselivka (Kharkiv)" (the name before a
 * comma or an opening bracket and a place name),
 * when a village of that name lies in a province or county of that name (`Gazetteer.villageInside`). The tagger
 * most often misses such names or calls them organisations; the container vouches for them. Not over a person.
 */
function findVillagesInContainers(doc: Doc, g: Gazetteer, found: Toponym[], persons: { start: number; end: number }[]): Toponym[] {
  const out: Toponym[] = [];
  for (const container of found) {
    const at = doc.tokenFrom(container.start);
    if (at < 2 || (doc.tokenText(at - 1) !== "," && doc.tokenText(at - 1) !== "(")) continue;
    for (let n = 3; n >= 1; n--) {
      const first = at - 1 - n;
      if (first < 0) continue;
      let words = true;
      for (let k = first; k < at - 1 && words; k++) words = isWord(doc.tokenText(k)) && isNameWord(doc.tokenText(k));
      if (!words) continue;
      const start = doc.tokens[first].start;
      const end = doc.tokens[at - 2].end;
      if ([...found, ...persons, ...out].some((t) => overlaps(t, { start, end }))) continue;
      const surface = doc.text.slice(start, end);
      if (!g.villageInside(surface, container.surface)) continue;
      out.push({ start, end, surface, cue: null, fromNer: false, support: 2, contained: true });
      break;
    }
  }
  return out;
}

/**
 * Streets, buildings and sites: a run of capitalised words ended by a landmark word ("Linden Street", "2700
 * North Ninth Street", "Midway International Airport", "Morrow Bay Hotel"), begun by one ("Hotel Vltava",
 * "Lake Whitmore", "Palais des Sports"), or one continued by "of ..." ("Museum of Paper Kites", "SM Mall of
 * Asia"). Whatever the tagger called the span: a person's name inside is the landmark's namesake ("Percy French
 * Hotel"), and a span the tagger calls a person because its first word is also a given name ("Orchard Avenue",
 * "Lake Whitmore") is still a street or a lake; only where the landmark word is itself a personal name ("Park",
 * "Lane") does the tagger's PER win. Not when a verb of saying follows ("the Carter Center said": the
 * organisation speaks). The place names inside belong to the landmark's name.
 */
function findLandmarks(doc: Doc, lex: Lexicons, persons: { start: number; end: number }[], metonyms: { start: number; end: number }[]): Toponym[] {
  const out: Toponym[] = [];
  const n = doc.tokens.length;
  const text = (k: number): string => (k >= 0 && k < n ? doc.tokenText(k) : "");
  const placeSpans = doc.layer("ner").filter((s) => s.label === "LOC");
  const nameLike = (w: string): boolean => isWord(w) ? isCapitalised(w) : /^\d+(?:st|nd|rd|th)?$/i.test(w);
  const sameSentence = (a: number, b: number): boolean => doc.sentenceAt(doc.tokens[a].start) === doc.sentenceAt(doc.tokens[b].start);
  for (let k = 0; k < n; k++) {
    const positions = lex.landmarks.get(text(k));
    if (!positions) continue;
    if (text(k) === "St." && isWord(text(k + 1)) && isCapitalised(text(k + 1))) continue; // "St. Louis": Saint
    let first = k;
    let last = k;
    if (positions.has("end") || positions.has("of")) {
      // leftwards over name words and inner connectors, never starting on a connector or "The"
      let j = k - 1;
      while (j >= 0 && k - j < MAX_NAME_TOKENS && sameSentence(j, k)) {
        const w = text(j);
        // a capitalised article, or a preposition capitalised by the sentence start, is not part of the name
        // ("From Kestrel Parade"); mid-sentence, "North Ninth Street" keeps its direction word
        const opensSentence = doc.sentenceAt(doc.tokens[j].start)?.firstToken === j;
        if (nameLike(w) && w !== "The" && !(opensSentence && lex.prepositions.has(w.toLowerCase()))) first = j;
        // inner connectors and possessives: "Museum of Paper Kites", "St Mary's Church"; not a place's possessive,
        // which puts the landmark in that place ("Brooklyn's Kingsway Arena")
        else if (w === "'s" || w === "’s") {
          if (!nameLike(text(j - 1)) || placeSpans.some((p) => overlaps(p, doc.tokens[j - 1]))) break;
        } else if (!(lex.connectors.has(w) && nameLike(text(j - 1)))) break;
        j--;
      }
    }
    if (positions.has("of") && text(k + 1) === "of" && nameLike(text(k + 2)) && isWord(text(k + 2))) {
      last = k + 2;
      while (last + 1 < n && last - k < MAX_NAME_TOKENS && isWord(text(last + 1)) && isCapitalised(text(last + 1))) last++;
    }
    if (first === k && last === k && positions.has("start")) {
      let j = k + 1;
      while (j < n && j - k <= MAX_NAME_TOKENS) {
        const w = text(j);
        if (isWord(w) && isCapitalised(w) && !lex.landmarks.has(w)) last = j;
        // "Palais des Sports", "Rue de la Paix"; not "Mount Lebanon on Sunday"
        else if (!(lex.particles.has(w) && isWord(text(j + 1)) && isCapitalised(text(j + 1)))) break;
        j++;
      }
    }
    if (first === k && last === k) continue; // the word alone ("the Park", "Street") names nothing
    let denominational = last === k;
    for (let j = first; j < k && denominational; j++) denominational = lex.denominations.has(text(j).toLowerCase());
    if (denominational) continue; // "the Catholic Church", "the Orthodox Church": the institution
    if (!positions.has("end") && last === k) continue; // "Lake" before lower-case words
    const start = doc.tokens[first].start;
    const end = doc.tokens[last].end;
    if (lex.landmarkNames.has(text(k)) && persons.some((p) => overlaps(p, doc.tokens[k]))) continue;
    if (metonyms.some((m) => overlaps(m, { start, end }))) continue;
    const next = text(last + 1).toLowerCase();
    const afterNext = text(last + 2).toLowerCase();
    if (lex.actingVerbs.has(next) || ((next === "has" || next === "have" || next === "had") && lex.actingVerbs.has(afterNext))) continue;
    const surface = doc.text.slice(start, end);
    if (!out.some((t) => t.start === start && t.end === end)) out.push({ start, end, surface, cue: null, fromNer: false, support: 2, landmark: true });
    k = last;
  }
  return out;
}

/**
 * Place names and demonyms joined to other words by hyphens: "Berlin-based", "Doha-based",
 * "Amsterdam-London", "Australian-led", "anti-Russian". Found whatever span the tagger put the word in (it
 * labels "Berlin-based" MISC). A name of several words ends in the hyphenated word ("Doha-based").
 */
function findInHyphenated(doc: Doc, g: Gazetteer, lex: Lexicons, taken: { start: number; end: number }[]): Toponym[] {
  const out: Toponym[] = [];
  const takenIndex = new SpanIndex(taken);
  for (let i = 0; i < doc.tokens.length; i++) {
    const word = doc.tokenText(i);
    if (!word.includes("-") || !isWord(word)) continue;
    let offset = doc.tokens[i].start;
    const parts = word.split("-");
    parts.forEach((part, p) => {
      const start = offset;
      offset += part.length + 1;
      if (part.length < 2 || !isCapitalised(part) || lex.modifiers.has(part.toLowerCase())) return;
      const end = start + part.length;
      const candidates: { start: number; surface: string }[] = [];
      // a name of several words ending here ("Doha-based"): only for the first part
      if (p === 0) {
        for (let k = i - 1; k >= Math.max(0, i - 3); k--) {
          const w = doc.tokenText(k);
          if (!isWord(w) || !isCapitalised(w)) break;
          candidates.push({ start: doc.tokens[k].start, surface: doc.text.slice(doc.tokens[k].start, end) });
        }
        candidates.reverse();
      }
      candidates.push({ start, surface: part });
      for (const c of candidates) {
        if (takenIndex.overlaps(c.start, end)) continue;
        if (lex.stopwords.has(c.surface.toLowerCase())) continue;
        const demonym = g.demonymPlace(c.surface) !== null && !strongExactName(g, c.surface);
        if (!demonym && !strongExactName(g, c.surface, 2)) continue;
        out.push({ start: c.start, end, surface: c.surface, cue: null, fromNer: false, support: 1, demonym });
        break;
      }
    });
  }
  return out;
}

/**
 * "the Georgian capital", "the Syrian capital": the capital city of that country, named by description. The
 * mention covers the words; the surface resolved is the capital's name.
 */
function findCapitalDescriptions(doc: Doc, g: Gazetteer, taken: { start: number; end: number }[]): Toponym[] {
  const out: Toponym[] = [];
  const takenIndex = new SpanIndex(taken);
  const re = /\bthe\s+(\p{Lu}[\p{L}-]+)\s+capital\b(?!\s+(?:city\s+)?of\b)/gu;
  for (let m = re.exec(doc.text); m; m = re.exec(doc.text)) {
    const country = g.countryByName(m[1]);
    const capital = country?.capital[0];
    if (!country || !capital) continue;
    const start = m.index + 4;
    const end = m.index + m[0].length;
    if (takenIndex.overlaps(start, end)) continue;
    out.push({ start, end, surface: capital, cue: "city", fromNer: false, support: 3 });
  }
  return out;
}

/**
 * Demonyms used as modifiers ("Iraqi forces", "the French government", "a Russian Embassy statement"): each is a
 * mention of its country (or region: "European"), the way geoparsing corpora count them. Not a plural noun
 * ("the Iraqis": people) and not a word standing alone before punctuation ("speaks English": a language).
 * Tagger spans do not block them: taggers label these words MISC or put them inside organisation names.
 */
function findDemonyms(doc: Doc, g: Gazetteer, lex: Lexicons, taken: { start: number; end: number }[]): Toponym[] {
  const out: Toponym[] = [];
  const takenIndex = new SpanIndex(taken);
  const isDemonym = (word: string): boolean => isWord(word) && isCapitalised(word) && g.demonymPlace(word) !== null && !strongExactName(g, word);
  for (let i = 0; i < doc.tokens.length; i++) {
    const word = doc.tokenText(i);
    // the exact name of a place in its own right wins ("Jordan"); a small town that shares a demonym's spelling
    // ("Canadian", Texas) does not
    if (!isDemonym(word)) continue;
    // a plural: "Iraqis", unless the singular ends in s itself ("Swiss")
    if (word.endsWith("s") && g.demonymPlace(word.slice(0, -1))) continue;
    const next = doc.tokenText(i + 1);
    if (!isWord(next)) continue;
    // "English is spoken at home", "the teaching of English has": the language, not the country
    if (lex.languages.has(word.toLowerCase()) && (lex.languageFollowers.has(next) || lex.prepositions.has(next))) continue;
    // "African American", "Irish Americans": an identity made of two demonyms names people, not a place
    if (isDemonym(next) || (i > 0 && isDemonym(doc.tokenText(i - 1)) && doc.tokens[i].start - doc.tokens[i - 1].end === 1)) continue;
    let t = { start: doc.tokens[i].start, end: doc.tokens[i].end };
    let surface = word;
    // "Central American", "North American": the demonym of a region whose name has two words
    if (i > 0 && doc.tokens[i].start - doc.tokens[i - 1].end === 1 && isWord(doc.tokenText(i - 1)) && isCapitalised(doc.tokenText(i - 1))) {
      const wider = `${doc.tokenText(i - 1)} ${word}`;
      const region = g.demonymPlace(wider);
      if (region && region.featureType === "region") {
        t = { start: doc.tokens[i - 1].start, end: t.end };
        surface = wider;
      }
    }
    if (takenIndex.overlaps(t.start, t.end)) continue;
    out.push({ start: t.start, end: t.end, surface, cue: null, fromNer: false, support: 0, demonym: true });
  }
  return out;
}

/**
 * "Calif." and "Va." keep their period: it is part of the abbreviation, even where it also ends the sentence.
 * "Plateau state" keeps its designator where the division's own name has it ("Plateau State"), whatever its case.
 */
function withAbbreviationPeriod(doc: Doc, g: Gazetteer, t: Toponym): Toponym {
  if (doc.text[t.end] === "." && g.isDottedAbbreviation(`${t.surface}.`)) return { ...t, end: t.end + 1, surface: `${t.surface}.` };
  const next = /^ (\p{Ll}+)\b/u.exec(doc.text.slice(t.end, t.end + 20))?.[1];
  if (next && !t.demonym && stripDesignator(`${t.surface} ${next}`)) {
    const wider = `${t.surface} ${next}`;
    const own = g.resolveExact(wider);
    if (own && own.featureType !== "city" && strictPlaceKey(own.name) === strictPlaceKey(wider)) return { ...t, end: t.end + 1 + next.length, surface: wider };
  }
  return t;
}

/**
 * The article's countries (most salient first) and admin1 areas, from a first, context-free resolution.
 * Leave-one-out: the mentions of the name being resolved do not vote, so an ambiguous name ("Georgia")
 * cannot confirm its own first reading.
 */
function articleContext(resolved: { toponym: Toponym; match: GeoMatch | null }[]): (exclude: string) => GeoContext {
  // the name however it is written: a dateline's "ALEXANDRIA" is the "Alexandria" of the story
  const weight = new Map<string, number>();
  /** name key -> its mentions' own weights by country, subtracted when that name is the one being resolved */
  const own = new Map<string, Map<string, number>>();
  const admin1s = new Map<string, Set<string>>();
  /** town points (each once) -> the name keys that placed a town there */
  const points = new Map<string, { lat: number; lon: number; keys: Set<string> }>();
  resolved.forEach(({ toponym, match }, i) => {
    if (!match?.country || match.score < 0.5) return;
    const key = strictPlaceKey(toponym.surface);
    const w = (match.featureType === "country" ? 1 : 0.7) * (1 + 1 / (1 + i)); // earlier mentions weigh a bit more
    weight.set(match.country, (weight.get(match.country) ?? 0) + w);
    const mine = own.get(key) ?? new Map<string, number>();
    mine.set(match.country, (mine.get(match.country) ?? 0) + w);
    own.set(key, mine);
    if (match.featureType === "admin1") {
      const area = `${match.country}/${match.name}`;
      admin1s.set(area, (admin1s.get(area) ?? new Set()).add(key));
    }
    if (!toponym.demonym && match.featureType === "city") {
      const at = `${match.lat},${match.lon}`;
      const held = points.get(at) ?? { lat: match.lat, lon: match.lon, keys: new Set<string>() };
      held.keys.add(key);
      points.set(at, held);
    }
  });
  // the nearest few towns are what the distance features read: the first MAX_NEAR distinct points keep the
  // work per name bounded, so resolving grows linearly with the article
  const near = [...points.values()].slice(0, MAX_NEAR);
  return (exclude: string): GeoContext => {
    const excluded = strictPlaceKey(exclude);
    const mine = own.get(excluded);
    const totals = [...weight.entries()].map(([c, w]): [string, number] => [c, w - (mine?.get(c) ?? 0)]).filter(([, w]) => w > 1e-9);
    const ranked = totals.sort((a, b) => b[1] - a[1]).slice(0, 4);
    const total = totals.reduce((a, [, w]) => a + w, 0);
    const areas = [...admin1s.entries()].filter(([, keys]) => keys.size > 1 || !keys.has(excluded)).map(([a]) => a);
    const nearby = near.filter((p) => p.keys.size > 1 || !p.keys.has(excluded)).map(({ lat, lon }) => ({ lat, lon }));
    return { countries: ranked.map(([c]) => c), countryShares: ranked.map(([, w]) => w / total), admin1s: areas, near: nearby };
  };
}

/** The most town points of an article the distance features compare a reading with. */
const MAX_NEAR = 64;

/**
 * The area the text puts toponym `i` in: "Ashby, Leicestershire", "Houma, La.", "Venice, Italy" (the next toponym,
 * after a comma alone, when it resolves to a country, admin area or region; or to a town, for a village the text
 * places in a named area: the town's province), else null.
 */
function enclosingArea(doc: Doc, g: Gazetteer, resolved: { toponym: Toponym; match: GeoMatch | null }[], i: number): GeoContext["within"] | null {
  const here = resolved[i].toponym;
  const next = resolved[i + 1];
  if (!next || next.toponym.demonym || !next.match) return null;
  // "X, Y" or "X (Y)": the text names the area X lies in
  if (!/^\s*[,(]\s*$/.test(doc.text.slice(here.end, next.toponym.start))) return null;
  // of the container's readings, one that holds a reading of this name: "Phagwara (Punjab)" is the Indian
  // Punjab, where a Phagwara is, whatever Punjab the name alone would be
  const inner = g.candidates(here.surface);
  const holds = (area: GeoMatch): boolean =>
    inner.some((x) => x.country === area.country && (area.featureType === "country" || (area.featureType === "admin1" ? x.admin1 === area.name : x.admin1 === area.admin1)));
  const m = holds(next.match) ? next.match : g.candidates(next.toponym.surface).find((c) => AREA_TYPES.has(c.featureType) && holds(c)) ?? next.match;
  if (m.featureType === "landmark" || m.featureType === "other" || (m.featureType === "city" && !here.contained)) return null;
  return { country: m.country, admin1: m.featureType === "admin1" ? m.name : m.admin1, name: next.toponym.surface };
}

/**
 * The located place the text puts unresolved toponym `i` in: the next toponym after a comma ("Castle Combe,
 * Kent"), after "in"/"at"/"near" ("Harbor Avenue in Santa Cruz", "the CHU in Rennes"), after an apposition
 * ("Tarvelli, a market town in Karnataka"), or the toponym
 * just before with a possessive ("Brooklyn's Kingsway Arena"). A town, admin area or region; not a country,
 * which says too little about where a street or a building is, except for an embassy ("the embassy in the Holy
 * See") or a country's capital named as such ("in the U.S. capital"): that capital.
 */
function placedInside(doc: Doc, g: Gazetteer, resolved: { toponym: Toponym; match: GeoMatch | null; inferred: boolean }[], i: number): GeoMatch | null {
  const usable = (r: { match: GeoMatch | null; inferred: boolean; toponym: Toponym } | undefined): GeoMatch | null =>
    r && r.match && !r.inferred && !r.toponym.demonym && r.match.featureType !== "country" && r.match.lat !== null ? r.match : null;
  const here = resolved[i].toponym;
  const next = resolved[i + 1];
  const between = doc.text.slice(here.end, next?.toponym.start ?? here.end);
  // "at Green Grocer in Modesto", "at Green Grocer on Friday, March 3, 2023, in Modesto": a date may come between
  const locative = /^\s+(?:on\s+(?:[\p{L}\d.]+,?\s+){1,6})?(?:in|at|near|outside)\s+(?:the\s+)?$/iu.test(between);
  // "Tarvelli, a market town in Karnataka": an apposition that says where the place is
  const apposition = /^\s*,\s+(?:a|an)\s+(?:[\p{Ll}-]+\s+){1,4}(?:in|near|outside)\s+(?:the\s+)?$/u.test(between);
  if (next && usable(next) && (/^\s*,\s*$/.test(between) || locative || apposition)) return usable(next);
  // "the Turkish Embassy in the U.S. capital", "the embassy in the Holy See": embassies stand in capitals
  const country = next?.match?.featureType === "country" && !next.inferred ? next.match.country : null;
  if (country && locative && (institutionSite(here.surface) === "abroad" || /^\s+capital\b/i.test(doc.text.slice(next.toponym.end)))) {
    const seat = capitalOf(g, country);
    if (seat) return seat;
  }
  const prev = resolved[i - 1];
  if (prev && usable(prev) && /^['’]s\s+$/.test(doc.text.slice(prev.toponym.end, here.start))) return usable(prev);
  return null;
}

const NAME = String.raw`\p{Lu}[\p{L}'’.-]*`;
const STREET_CONTEXT = {
  /** after the first of two names: "Bourbon[ and Dauphine streets]", "Chartres[/Franklin intersection]" */
  andNameWord: new RegExp(String.raw`^\s*(?:and|&)\s+${NAME}\s+(\p{Ll}+)`, "u"),
  slashNameWord: new RegExp(String.raw`^\s*\/\s*${NAME}\s+(\p{Ll}+)`, "u"),
  /** around the second: "[Bourbon and ]Dauphine[ streets]", "[Chartres/]Franklin[ intersection]" */
  nameAnd: new RegExp(String.raw`${NAME}\s+(?:and|&)\s+$`, "u"),
  nameSlash: new RegExp(String.raw`${NAME}\s*\/\s*$`, "u"),
  word: /^\s+(\p{Ll}+)/u,
  /** "the corner of Royal and Franklin": before either name, and after the first */
  wordOf: new RegExp(String.raw`\b(\p{Ll}+)\s+of\s+(?:${NAME}\s+(?:and|&)\s+)?$`, "u"),
  and: /\s(?:and|&)\s+$/,
  andName: new RegExp(String.raw`^\s+(?:and|&)\s+${NAME}`, "u"),
};

/**
 * Whether the text around a bare name makes it a street: "Maple and Cedar streets" (either name), "the
 * Chartres/Franklin intersection" (either), "the corner of Royal and Franklin" (either).
 */
function namesStreet(doc: Doc, t: { start: number; end: number }, lex: Lexicons): boolean {
  const after = doc.text.slice(t.end, t.end + 60);
  const before = doc.text.slice(Math.max(0, t.start - 60), t.start);
  const next = (role: "plural" | "junction", re: RegExp): boolean => {
    const word = re.exec(after)?.[1]?.toLowerCase();
    return word !== undefined && lex.streetJunctions.get(word) === role;
  };
  const c = STREET_CONTEXT;
  if (next("plural", c.andNameWord) || next("junction", c.slashNameWord)) return true;
  if ((c.nameAnd.test(before) && next("plural", c.word)) || (c.nameSlash.test(before) && next("junction", c.word))) return true;
  const corner = c.wordOf.exec(before);
  return corner !== null && lex.streetJunctions.get(corner[1]) === "junction" && (c.and.test(before) || c.andName.test(after));
}

/**
 * "Oregon State", "Ohio State": a US state's name with "State" capitalised after it is the state's
 * university (its teams, most often), a name that holds the state's; the mention is the state's name alone. Not
 * where "State" is part of the division's own name ("Plateau State", "Plateau State").
 */
function universityOfState(g: Gazetteer, t: Toponym): Toponym {
  const m = /^(.+) State$/u.exec(t.surface);
  if (!m || t.landmark || t.demonym || g.resolveExact(t.surface)?.name === t.surface) return t;
  const state = g.resolveExact(m[1], { countries: ["US"] });
  if (state?.featureType !== "admin1" || state.country !== "US") return t;
  return { ...t, end: t.start + m[1].length, surface: m[1], cue: null, support: 1 };
}

/** The kinds of place that hold others: the area after "Ashby, " or beside "Oregon or ". */
const AREA_TYPES: ReadonlySet<string> = new Set(["country", "admin1", "admin2", "region"]);
/** How far from its point a county's towns may lie, and a region's of one country: GeoMatch carries no admin2,
 *  so membership of a county or region is judged by distance */
const ADMIN2_REACH_KM = 100;
const REGION_REACH_KM = 120;

/** Whether place `x` lies in `area`, as far as the gazetteer can tell (true when it cannot tell). */
function liesIn(x: GeoMatch, area: GeoMatch): boolean {
  if (area.country && x.country !== area.country) return false;
  switch (area.featureType) {
    case "country":
      return true;
    case "admin1":
      return x.admin1 === area.name;
    case "admin2":
      return (!area.admin1 || !x.admin1 || x.admin1 === area.admin1) && haversineKm(x.lat, x.lon, area.lat, area.lon) <= ADMIN2_REACH_KM;
    default:
      // a region of one country, within reach of its point; a region across countries cannot be judged
      return !area.country || area.precision >= 4 || haversineKm(x.lat, x.lon, area.lat, area.lon) <= REGION_REACH_KM;
  }
}

type Reading = { toponym: Toponym; match: GeoMatch | null; inferred: boolean };

/**
 * Pairs of names that explain each other, read after each name is resolved on its own:
 * - "Spokane, Washington": the area after a comma is the one that holds the town before it (the state, not
 *   the capital), when the name has such a reading;
 * - "Ashby, Leicestershire": a town the gazetteer places outside the area the text puts it in is another place of
 *   that name, so it is left unresolved (and then placed in that area, see `placedInside`); not in a list
 *   ("Aleppo, Idlib province and Hama"), and not a city of 100,000+, which a list names more often than a
 *   wrong area;
 * - "Oregon or Nevada": a name joined by "and"/"or" to an admin1 area is read as the admin1 area of
 *   that country with that very name when there is one.
 */
function readPairsOfNames(doc: Doc, g: Gazetteer, resolved: Reading[]): void {
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
      const inList = after !== undefined && /^\s*(?:,|and|or)\s*$/i.test(between(next, after));
      const elsewhere = area !== null && area.country !== null && town.country !== area.country;
      if (area && AREA_TYPES.has(area.featureType) && !liesIn(town, area) && !inList && (elsewhere || town.population < 100_000)) {
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

/**
 * "the state Capitol": the building of the state the article names (the first admin1 of its context), placed at
 * that state's seat, and so are the article's other mentions of it ("the Capitol"); unplaced when the article
 * names no state.
 */
function placeStateBuildings(doc: Doc, g: Gazetteer, resolved: Reading[], contexts: Map<string, GeoContext>): void {
  const lex = getLexicons();
  const building = resolved.find(({ toponym: t }) => lex.seatBuildings.has(t.surface.toLowerCase()) && /\bstate\s+$/i.test(doc.text.slice(Math.max(0, t.start - 12), t.start)));
  if (!building) return;
  const surface = building.toponym.surface;
  const state = (contexts.get(surface)?.admin1s ?? [])[0]; // "US/Oklahoma"
  const seat = state ? g.seatOf(state.slice(0, 2), state.slice(3)) : null;
  const match = seat ? decided(placedAt(seat, surface, "landmark"), "state-building") : null;
  for (let i = 0; i < resolved.length; i++) if (resolved[i].toponym.surface === surface) resolved[i] = { ...resolved[i], match, inferred: match !== null };
}

/**
 * Finds and resolves every toponym in the doc. Reads doc.tokens, doc.sentences, layer "ner" (LOC, and ORG/MISC
 * spans that are place names), and skips spans in layer "metonyms" (capitals and buildings used as actors).
 * Returns Places with ids "p1", "p2"... and all their mentions merged; it does not mutate the doc.
 */
export function resolvePlaces(doc: Doc, gazetteer: Gazetteer = loadGazetteer()): Place[] {
  const lex = getLexicons();
  const metonyms = doc.layer("metonyms");
  // "Negros Occidental" tagged PER: a name of several words that is exactly a province, region or country is
  // that place (people are not named "Santa Cruz Department"); one word ("Georgia", "Jordan") stays a person
  const misread = doc.layer("ner").filter((s) => s.label === "PER" && /\s/.test(doc.slice(s)) && isAreaName(gazetteer, doc.slice(s)));
  const isMisread = (s: LabeledSpan) => misread.includes(s);
  const blocking = doc.layer("ner").filter((s) => (s.label === "PER" && !isMisread(s)) || s.label === "ORG" || s.label === "MISC");
  const fromNer = [...findByNer(doc, gazetteer, lex), ...misread.map((s): Toponym => ({ start: s.start, end: s.end, surface: doc.slice(s), cue: null, fromNer: true, support: 3 }))];
  const nerPlaces = fromNer.map((t) => ({ start: t.start, end: t.end, label: "LOC" }));
  const taken = [...nerPlaces, ...blocking, ...metonyms];
  const persons = doc.layer("ner").filter((s) => s.label === "PER" && !isMisread(s));
  const byRules = findByRules(doc, gazetteer, lex, taken);
  const inNames = findInOrganisations(doc, gazetteer, lex, [...nerPlaces, ...byRules, ...persons, ...metonyms]);
  const named = [...fromNer, ...byRules, ...inNames].filter((t) => !metonyms.some((m) => overlaps(m, t)));
  const hyphenated = findInHyphenated(doc, gazetteer, lex, [...named, ...persons, ...metonyms]);
  const found = [...named, ...hyphenated];
  found.push(...findVillagesInContainers(doc, gazetteer, found, persons));
  const demonyms = findDemonyms(doc, gazetteer, lex, [...found, ...metonyms]);
  const capitals = findCapitalDescriptions(doc, gazetteer, [...found, ...metonyms]);
  const landmarks = findLandmarks(doc, lex, persons, metonyms);
  // a landmark's name holds the place names inside it ("Miami Beach Convention Center"); a tagger's place
  // span that is the landmark itself becomes the landmark
  const toponyms = [...found, ...demonyms.filter((d) => !capitals.some((c) => overlaps(c, d))), ...capitals]
    .filter((t) => !landmarks.some((l) => overlaps(l, t)))
    .concat(landmarks)
    .map((t) => withAbbreviationPeriod(doc, gazetteer, t))
    .map((t) => universityOfState(gazetteer, t))
    .sort((a, b) => a.start - b.start);

  // "Maple and Cedar streets": streets, located only by their setting, whatever towns share their names
  for (const t of toponyms) if (!t.landmark && !t.demonym && namesStreet(doc, t, lex)) Object.assign(t, { landmark: true, street: true, unsupported: false });
  // `insideNames`: a tagger's name the gazetteer lacks may be placed by a name inside it (`resolveWithin`); the
  // first, context-free pass that gives the article's context reads names as they are
  const resolveOne = (t: Toponym, ctx: GeoContext, insideNames: boolean): GeoMatch | null =>
    t.street ? null : t.landmark ? decided(landmarkEntry(gazetteer, t.surface), "landmark") : t.demonym ? decided(gazetteer.demonymPlace(t.surface), "demonym")
      : t.fromNer && insideNames ? resolveWithin(gazetteer, t.surface, { ...ctx, cue: t.cue }) : gazetteer.resolve(t.surface, { ...ctx, cue: t.cue });
  const first = toponyms.map((toponym) => ({ toponym, match: resolveOne(toponym, {}, false) }));
  const contexts = new Map<string, GeoContext>();
  const contextWithout = articleContext(first);
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
  readPairsOfNames(doc, gazetteer, resolved);
  // one name, one town: "ALEXANDRIA, La." says which Alexandria the story's other "Alexandria"s are
  const qualified = new Map<string, GeoMatch>();
  for (const i of qualifiedAt) if (resolved[i].match?.featureType === "city") qualified.set(strictPlaceKey(resolved[i].toponym.surface), resolved[i].match!);
  for (let i = 0; i < resolved.length; i++) {
    const town = qualified.get(strictPlaceKey(resolved[i].toponym.surface));
    if (town && !qualifiedAt.has(i) && resolved[i].match?.featureType === "city") resolved[i] = { ...resolved[i], match: decided(town, "same-name") };
  }
  placeStateBuildings(doc, gazetteer, resolved, contexts);
  // a name the gazetteer lacks, placed by the text inside a place it has: "Castle Combe, Wiltshire", "Collins Avenue
  // in Miami Beach", "Brooklyn's Kingsway Arena". It gets that place's point, with that place's precision (at
  // least 2): where it lies, not a point of its own
  for (let i = 0; i < resolved.length; i++) {
    if (resolved[i].match) continue;
    const area = placedInside(doc, gazetteer, resolved, i);
    if (area) resolved[i] = { ...resolved[i], match: decided(placedAt(area, resolved[i].toponym.surface, resolved[i].toponym.landmark ? "landmark" : "other"), "container"), inferred: true };
  }
  // a building or site the text does not place is placed by the town its name holds ("Miami Beach Convention
  // Center", "Dallas Love Field"); not a street, most often named after a place elsewhere
  for (let i = 0; i < resolved.length; i++) {
    const { toponym, match } = resolved[i];
    if (match || !toponym.landmark || toponym.street || toponym.surface.split(/\s+/).some((w) => lex.streets.has(w))) continue;
    const inner = placeInsideName(gazetteer, toponym.surface, contexts.get(toponym.surface) ?? {}, true);
    if (inner) resolved[i] = { ...resolved[i], match: decided(placedAt(inner, toponym.surface, "landmark"), "inside-name"), inferred: true };
  }
  // one name, one place within an article: the other mentions of a name placed so ("Little Brook" before
  // "Little Brook, Suffolk") share that place
  for (let i = 0; i < resolved.length; i++) {
    if (resolved[i].match) continue;
    const key = strictPlaceKey(resolved[i].toponym.surface);
    const placed = resolved.find((r) => r.inferred && r.match && strictPlaceKey(r.toponym.surface) === key);
    if (placed) resolved[i] = { ...resolved[i], match: decided(placed.match, "same-name"), inferred: true };
  }
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

/** `match` as decided by `by` (a post-rule, not the ranker's own reading). */
const decided = (match: GeoMatch | null, by: PlaceDecider): GeoMatch | null => (match ? { ...match, decidedBy: by } : null);

/**
 * A place named `name` that the text or its name puts at `area`: that area's point, with at least the precision
 * "near a town" (2), and no GeoNames id or population of its own.
 */
function placedAt(area: GeoMatch, name: string, featureType: FeatureType): GeoMatch {
  return { ...area, name, geonameId: null, featureType, precision: Math.max(2, area.precision) as Precision, population: 0 };
}

/** The capital town of a country, as the gazetteer has it. */
function capitalOf(g: Gazetteer, country: string): GeoMatch | null {
  const capital = g.country(country)?.capital[0];
  const seat = capital ? g.resolveExact(capital, { countries: [country] }) : null;
  return seat && seat.country === country ? seat : null;
}

/** Where an institution named `surface` stands, by the words of `lexicons/en/institution-sites.tsv`. */
function institutionSite(surface: string): "capital" | "abroad" | undefined {
  return getLexicons().institutionSites.find(({ pattern }) => pattern.test(surface))?.site;
}

/**
 * Resolves a name the tagger calls a place: the gazetteer's reading of it, else (for a name it lacks) the
 * seat of an international organisation ("United Nations"), else the place named inside it ("University of
 * California" -> California, "Quebec City" -> Quebec; see `placeInsideName`).
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
  // "Western Canada", "northern Syria": the part of a place that a direction names lies in that place
  const [first, ...rest] = surface.trim().split(/\s+/);
  if (rest.length > 0 && lex.modifiers.has(first.toLowerCase())) {
    const area = g.resolve(rest.join(" "), ctx);
    if (area && (area.featureType === "country" || area.featureType === "admin1" || area.featureType === "region")) return area;
  }
  // "Jefferson Township", "Lake County": a name ending in a kind of place is that place, which the gazetteer
  // lacks; the place its first word names elsewhere is another one
  const kind = rest.length > 0 ? rest[rest.length - 1].toLowerCase() : "";
  if (loadCueWords().some((c) => c.word === kind && c.position !== "before" && c.cue !== "city")) return null;
  return organisationSeat(g, surface) ?? placeInsideName(g, surface, ctx);
}

/** "the United Nations" -> New York: the seat of an international organisation named as a place (a reviewed list). */
function organisationSeat(g: Gazetteer, surface: string): GeoMatch | null {
  const row = getLexicons().organisationSeats.get(strictPlaceKey(surface.replace(/^the\s+/i, "")));
  const seat = row ? g.resolveExact(row.seat, { countries: [row.country] }) : null;
  return seat && seat.country === row?.country ? decided(placedAt({ ...seat, score: seat.score * 0.5 }, surface, "landmark"), "organisation-seat") : null;
}

/**
 * The place named inside a name the gazetteer lacks: "University of California" -> California, "Dulles Embassy
 * Tokyo" -> Tokyo; else the place of a demonym in it ("European Commission" -> Europe), an institution standing
 * in the capital ("Turkish Foreign Ministry" -> Moscow), or nothing for an embassy ("the British Embassy" is
 * anywhere but Britain). Inner names are tried longest first, then right to left, and must be places on their
 * own (`townsOnly`: towns, for a building, which a state or country names for its reach more often than its
 * site: "Nevada Pacific University"); the result is near that place, so its precision is at least 2.
 */
export function placeInsideName(g: Gazetteer, surface: string, ctx: GeoContext = {}, townsOnly = false): GeoMatch | null {
  const lex = getLexicons();
  const words = surface.split(/\s+/).filter((w) => w !== "");
  // a street is most often named after a place elsewhere ("Albert St.", "Cumberland Avenue")
  if (words.some((w) => lex.streets.has(w))) return null;
  const site = institutionSite(surface);
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
      // not the country of an embassy ("Embassy of the Republic of Chile"), which stands in another
      if (site === "abroad" && m.featureType === "country") continue;
      // a county only by its full name ("Franklin County Heritage Center", not "Cumberland Avenue")
      if (m.featureType === "admin2" && stripDesignator(part) === null) continue;
      // a building named after a county or state is not placed by it, nor by a town in that name's words
      if (townsOnly && m.featureType !== "city") return null;
      // only a name that is a place on its own ("California", "Tokyo"), not a word that a small town shares
      // with the name's generic nouns ("Court", "Airport", "Hall"); nor a continent or ocean, which names a
      // building for its reach, not its site ("Grand Mall of Europe", "Nevada Pacific University")
      if (nameStrength(m, true, part) >= 3 && !(m.featureType === "region" && m.precision === 4)) return near(m);
    }
  }
  if (townsOnly || !byDemonym || words.length < 2 || site === "abroad") return null;
  const seat = site === "capital" && byDemonym.featureType === "country" && byDemonym.country ? capitalOf(g, byDemonym.country) : null;
  if (seat) return placedAt(near(seat), surface, "other");
  return near(byDemonym);
}

/**
 * The article's focus: its most-mentioned located town (else admin area, else country) in the country the
 * article names most, the first mention breaking ties. A fallback location for names the gazetteer lacks
 * (streets, buildings), used by the geo eval. Ties go to the place named more often, then to the bigger by
 * `sizeOf` (the geo eval gives population; by default all are equal and the first named wins).
 */
export function documentFocus(places: Place[], sizeOf: (place: Place) => number = () => 0): Place | null {
  const located = places.filter((p) => p.lat !== null && p.lon !== null);
  const byCountry = new Map<string, number>();
  for (const p of located) if (p.country) byCountry.set(p.country, (byCountry.get(p.country) ?? 0) + p.mentions.length);
  const top = [...byCountry.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
  const inTop = located.filter((p) => top === undefined || p.country === top);
  // a place's support: its own mentions and those of the other towns within 100 km of it, so that the focus
  // is where the article's towns cluster, not a lone town named once more (areas do not vote: their points are
  // conventions, not where things are; nor do streets and buildings placed in a town, which repeat its point)
  const votes = (q: Place): boolean => q.precision <= 2 && q.featureType !== "landmark" && q.featureType !== "other";
  const support = (p: Place): number =>
    inTop.reduce((sum, q) => (q === p || (votes(q) && p.precision <= 2 && haversineKm(p.lat!, p.lon!, q.lat!, q.lon!) <= 100) ? sum + q.mentions.length : sum), 0);
  for (const maxPrecision of [2, 3, 4]) {
    const pool = inTop.filter((p) => p.precision <= maxPrecision && p.featureType !== "landmark" && p.featureType !== "other");
    if (pool.length === 0) continue;
    // ties go to the place named more often, then to the bigger place (`sizeOf`, e.g. its population)
    const scored = pool.map((p) => ({ p, s: support(p), n: p.mentions.length, size: sizeOf(p) }));
    return scored.reduce((best, x) => (x.s > best.s || (x.s === best.s && (x.n > best.n || (x.n === best.n && x.size > best.size))) ? x : best)).p;
  }
  return null;
}

