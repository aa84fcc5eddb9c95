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
import { span } from "../doc/index.js";
import { loadLexicon, loadWordSet } from "../lexicon.js";
import type { Place, Span } from "../report.js";
import { loadCueWords, stripDesignator, type CueWord } from "./geo/designators.js";
import { loadGazetteer, type Gazetteer, type GeoContext, type GeoMatch, type PlaceCue } from "./geo/index.js";

interface Lexicons {
  stopwords: Set<string>;
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
    lexicons = {
      stopwords: loadWordSet("en/place-stopwords.tsv"),
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

/** Lower-case words that may stand inside a multi-word place name ("Isle of Man", "Ras al Ain"). */
const CONNECTORS = new Set(["of", "de", "del", "da", "do", "dos", "la", "le", "les", "al", "el", "ez", "ar", "as", "ash", "an", "ad", "at", "and", "upon", "on", "the", "du", "des", "di", "di", "y", "en", "sur", "am"]);
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
}

const isCapitalised = (word: string): boolean => /^\p{Lu}/u.test(word);
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

/** How strongly the best reading of a name says "place" on its own: 3 strong, 2 medium, 1 weak. */
function nameStrength(match: GeoMatch, exact: boolean): number {
  const big = match.featureType === "country" || match.featureType === "region" || match.featureType === "landmark";
  if (big) return exact ? 3 : 2;
  if (match.featureType === "admin1") return exact ? 3 : 2;
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
    if (taken.some((t) => overlaps(t, { start: startChar, end: endChar }))) return null;
    const quality = g.nameQuality(surface);
    if (!quality.loose) return null;
    if (lex.stopwords.has(surface.toLowerCase().replace(/\.$/, ""))) return null;
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
        inner = isWord(w) && (isNameWord(w) || CONNECTORS.has(w));
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
    if (s.label === "LOC") {
      // a lone direction word tagged LOC ("Western", "Southern") names no place we could locate
      if (lex.modifiers.has(surface.toLowerCase())) continue;
      if (g.demonymPlace(surface) && !g.nameQuality(surface).exact) continue; // "Iraqi": people, not a place
      out.push({ start: s.start, end: s.end, surface, cue, fromNer: true, support: 3 });
    } else if (s.label === "ORG" || s.label === "MISC") {
      const match = g.resolve(surface);
      if (match && nameStrength(match, g.nameQuality(surface).exact) >= 3 && !g.demonymPlace(surface)) {
        out.push({ start: s.start, end: s.end, surface, cue, fromNer: true, support: 1 });
      }
    }
  }
  return out;
}

/**
 * "the Georgian capital", "the Syrian capital": the capital city of that country, named by description. The
 * mention covers the words; the surface resolved is the capital's name.
 */
function findCapitalDescriptions(doc: Doc, g: Gazetteer, taken: { start: number; end: number }[]): Toponym[] {
  const out: Toponym[] = [];
  const re = /\bthe\s+(\p{Lu}[\p{L}-]+)\s+capital\b(?!\s+(?:city\s+)?of\b)/gu;
  for (let m = re.exec(doc.text); m; m = re.exec(doc.text)) {
    const country = g.countryByName(m[1]);
    const capital = country?.capital[0];
    if (!country || !capital) continue;
    const start = m.index + 4;
    const end = m.index + m[0].length;
    if (taken.some((t) => overlaps(t, { start, end }))) continue;
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
function findDemonyms(doc: Doc, g: Gazetteer, taken: { start: number; end: number }[]): Toponym[] {
  const out: Toponym[] = [];
  for (let i = 0; i < doc.tokens.length; i++) {
    const word = doc.tokenText(i);
    if (!isWord(word) || !isCapitalised(word)) continue;
    if (g.nameQuality(word).exact || !g.demonymPlace(word)) continue;
    // a plural: "Iraqis", unless the singular ends in s itself ("Swiss")
    if (word.endsWith("s") && g.demonymPlace(word.slice(0, -1))) continue;
    const next = doc.tokenText(i + 1);
    if (!isWord(next)) continue;
    const t = doc.tokens[i];
    if (taken.some((s) => overlaps(s, t))) continue;
    out.push({ start: t.start, end: t.end, surface: word, cue: null, fromNer: false, support: 0, demonym: true });
  }
  return out;
}

/**
 * The article's countries (most salient first) and admin1 areas, from a first, context-free resolution.
 * Leave-one-out: the mentions of the name being resolved do not vote, so an ambiguous name ("Georgia")
 * cannot confirm its own first reading.
 */
function articleContext(resolved: { toponym: Toponym; match: GeoMatch | null }[], exclude: string): GeoContext {
  const weight = new Map<string, number>();
  const admin1s = new Set<string>();
  resolved.forEach(({ toponym, match }, i) => {
    if (toponym.surface === exclude) return;
    if (!match?.country || match.score < 0.5) return;
    const w = (match.featureType === "country" ? 1 : 0.7) * (1 + 1 / (1 + i)); // earlier mentions weigh a bit more
    weight.set(match.country, (weight.get(match.country) ?? 0) + w);
    if (match.featureType === "admin1") admin1s.add(`${match.country}/${match.name}`);
  });
  const ranked = [...weight.entries()].sort((a, b) => b[1] - a[1]).slice(0, 4);
  const total = [...weight.values()].reduce((a, b) => a + b, 0);
  return { countries: ranked.map(([c]) => c), countryShares: ranked.map(([, w]) => w / total), admin1s: [...admin1s] };
}

/**
 * The area the text puts toponym `i` in: "Croft, Yorkshire", "Slidell, La.", "Venice, Italy" (the next toponym,
 * after a comma alone, when it resolves to a country, admin area or region), else null.
 */
function enclosingArea(doc: Doc, resolved: { toponym: Toponym; match: GeoMatch | null }[], i: number): GeoContext["within"] | null {
  const here = resolved[i].toponym;
  const next = resolved[i + 1];
  if (!next || next.toponym.demonym || !next.match) return null;
  if (!/^\s*,\s*$/.test(doc.text.slice(here.end, next.toponym.start))) return null;
  const m = next.match;
  if (m.featureType === "city" || m.featureType === "landmark" || m.featureType === "other") return null;
  return { country: m.country, admin1: m.featureType === "admin1" ? m.name : m.admin1 };
}

/**
 * Finds and resolves every toponym in the doc. Reads doc.tokens, doc.sentences, layer "ner" (LOC, and ORG/MISC
 * spans that are place names), and skips spans in layer "metonyms" (capitals and buildings used as actors).
 * Returns Places with ids "p1", "p2"... and all their mentions merged; it does not mutate the doc.
 */
export function resolvePlaces(doc: Doc, gazetteer: Gazetteer = loadGazetteer()): Place[] {
  const lex = getLexicons();
  const metonyms = doc.layer("metonyms");
  const blocking = doc.layer("ner").filter((s) => s.label === "PER" || s.label === "ORG" || s.label === "MISC");
  const fromNer = findByNer(doc, gazetteer, lex);
  const nerPlaces = fromNer.map((t) => ({ start: t.start, end: t.end, label: "LOC" }));
  const taken = [...nerPlaces, ...blocking, ...metonyms];
  const named = [...fromNer, ...findByRules(doc, gazetteer, lex, taken)].filter((t) => !metonyms.some((m) => overlaps(m, t)));
  const demonyms = findDemonyms(doc, gazetteer, [...named, ...metonyms]);
  const capitals = findCapitalDescriptions(doc, gazetteer, [...named, ...metonyms]);
  const toponyms = [...named, ...demonyms.filter((d) => !capitals.some((c) => overlaps(c, d))), ...capitals].sort((a, b) => a.start - b.start);

  const resolveOne = (t: Toponym, ctx: GeoContext): GeoMatch | null =>
    t.demonym ? gazetteer.demonymPlace(t.surface) : t.fromNer ? resolveWithin(gazetteer, t.surface, { ...ctx, cue: t.cue }) : gazetteer.resolve(t.surface, { ...ctx, cue: t.cue });
  const first = toponyms.map((toponym) => ({ toponym, match: toponym.demonym ? gazetteer.demonymPlace(toponym.surface) : gazetteer.resolve(toponym.surface, { cue: toponym.cue }) }));
  const contexts = new Map<string, GeoContext>();
  const places = new Map<string, Place>();
  for (const [i, { toponym }] of first.entries()) {
    let context = contexts.get(toponym.surface);
    if (!context) {
      context = articleContext(first, toponym.surface);
      contexts.set(toponym.surface, context);
    }
    const within = enclosingArea(doc, first, i);
    if (within) context = { ...context, within };
    // a name the gazetteer lacks may contain one it has ("Dulles International Airport"): near that place
    const match = resolveOne(toponym, context);
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
      featureType: match?.featureType ?? "other",
      // a name we cannot locate: only the tagger vouches for it, and it is most often a street or a building
      precision: match?.precision ?? 1,
      mentions: [mention],
    });
  }
  return [...places.values()];
}

/**
 * Resolves a name, or else the place named inside it: "University of California" -> California, "Dulles
 * Embassy Tokyo" -> Tokyo, "Quebec City" -> Quebec. Inner names are tried longest first, then right to left,
 * skipping stopwords and demonyms, and must be places on their own (a country, admin area, region or city of
 * 100,000+); the result is a point near that place, so its precision is at least 2 ("near a town").
 */
export function resolveWithin(g: Gazetteer, surface: string, ctx: GeoContext = {}): GeoMatch | null {
  const whole = g.resolve(surface, ctx);
  if (whole && !(whole.featureType === "admin1" && getLexicons().modifiers.has(surface.split(/\s+/)[0].toLowerCase()) && !g.nameQuality(surface).exact)) return whole;
  const lex = getLexicons();
  const words = surface.split(/\s+/).filter((w) => w !== "");
  for (let n = words.length - 1; n >= 1; n--) {
    for (let i = words.length - n; i >= 0; i--) {
      const part = words.slice(i, i + n).join(" ").replace(/^[^\p{L}]+|[^\p{L}.]+$/gu, "");
      const lower = part.toLowerCase();
      if (!isCapitalised(part) || lex.stopwords.has(lower) || lex.prepositions.has(lower) || lex.modifiers.has(lower)) continue;
      if (g.demonymPlace(part) && n === 1) continue;
      if (!g.nameQuality(part).exact) continue;
      const m = g.resolve(part, ctx);
      // only a name that is a place on its own ("California", "Tokyo"), not a word that a small town shares
      // with the name's generic nouns ("Court", "Airport", "Hall")
      if (m && nameStrength(m, true) >= 3) return { ...m, precision: Math.max(2, m.precision) as GeoMatch["precision"], score: m.score * 0.5 };
    }
  }
  return null;
}

/**
 * The article's focus: its most-mentioned located town (else admin area, else country) in the country the
 * article names most, the first mention breaking ties. A fallback location for names the gazetteer lacks
 * (streets, buildings), used by the geo eval.
 */
export function documentFocus(places: Place[]): Place | null {
  const located = places.filter((p) => p.lat !== null && p.lon !== null);
  const byCountry = new Map<string, number>();
  for (const p of located) if (p.country) byCountry.set(p.country, (byCountry.get(p.country) ?? 0) + p.mentions.length);
  const top = [...byCountry.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
  for (const maxPrecision of [2, 3, 4]) {
    const pool = located.filter((p) => p.precision <= maxPrecision && (top === undefined || p.country === top));
    if (pool.length === 0) continue;
    return pool.reduce((best, p) => (p.mentions.length > best.mentions.length ? p : best));
  }
  return null;
}

