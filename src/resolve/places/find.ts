/**
 * Finding: which words of the text name places, before any is resolved. Each finder returns `Toponym`s:
 * - `findByNer`: the tagger's LOC spans, and its ORG/MISC spans whose whole text is a strong place name;
 * - `findByRules`: capitalised token n-grams (longest first) whose spelling is a gazetteer name, kept when the
 *   evidence is strong enough: the kind and size of the place, a cue word ("Hasakeh province", "the city of X"),
 *   a locative word before it ("in", "near"), and never when it looks like part of a longer proper name, a
 *   sentence-initial common word ("May", "Most"), or a demonym;
 * - `findInOrganisations`, `findInHyphenated`: place names inside organisations' names and hyphenated words;
 * - `findVillagesInContainers`: villages the text places in an area it names ("X, Y", "X in Y");
 * - `findDemonyms`, `findCapitalDescriptions`, `findLandmarks`: demonyms as modifiers, "the <demonym> capital",
 *   streets, buildings and sites.
 * `findToponyms` runs them in order, each blocked by the spans the earlier ones took.
 */
import { existsSync } from "node:fs";
import type { Doc, LabeledSpan } from "../../doc/index.js";
import { SpanIndex } from "../../doc/index.js";
import { stripDesignator } from "../geo/designators.js";
import type { Gazetteer } from "../geo/index.js";
import { strictPlaceKey } from "../geo/normalize.js";
import { loadLexicon } from "../../lexicon.js";
import { ClusterTable } from "../../nlp/clusters/index.js";
import { fromRoot } from "../../paths.js";
import {
  cueAround, getLexicons, isAreaName, isCapitalised, isInitialismWord, isNameWord, isWord, MAX_NAME_TOKENS, nameStrength, overlaps,
  strongExactName, tokenRange, type Lexicons, type Toponym,
} from "./toponym.js";

/**
 * Every toponym of the doc, in text order. Reads doc.tokens, doc.sentences, layer "ner" (LOC, and ORG/MISC spans
 * that are place names), and skips spans in layer "metonyms" (capitals and buildings used as actors).
 */
export function findToponyms(doc: Doc, gazetteer: Gazetteer): Toponym[] {
  const lex = getLexicons();
  const metonyms = doc.layer("metonyms");
  // a name the gazetteer has whole, joined by lower-case words, outranks the tagger's pieces of it
  const joined = findJoinedNames(doc, gazetteer, lex).filter((t) => !metonyms.some((m) => overlaps(m, t)));
  const ner = withBareGenitives(doc, gazetteer, lex, joinSplitPlaceSpans(doc, gazetteer, doc.layer("ner"))).filter((s) => !joined.some((t) => overlaps(t, s)));
  // "Negros Occidental" tagged PER: a name of several words that is exactly a province, region or country is
  // that place (people are not named "Santa Cruz Department"); one word ("Georgia", "Jordan") stays a person
  const misread = ner.filter((s) =>
    (s.label === "PER" && /\s/.test(doc.slice(s)) && isAreaName(gazetteer, doc.slice(s))) || ((s.label === "PER" || s.label === "MISC") && placedByText(doc, gazetteer, lex, s)) ||
    (s.label === "ORG" && (inBracketOfAreas(doc, gazetteer, lex, s) || organisationPlacedByText(doc, gazetteer, lex, s))));
  // "Kolda District" with only "Kolda" tagged an organisation: the place, named with its designator where the
  // gazetteer reads the whole ("Kolda State"), else alone ("Kolda LGA")
  const areasNamed = ner.filter((s) => s.label === "ORG" && namedWithAreaWord(doc, gazetteer, lex, s)).map((s): LabeledSpan => {
    const range = tokenRange(doc, s)!;
    const word = doc.tokens[range[1] + 1];
    const whole = doc.text.slice(s.start, word.end);
    return { ...s, end: gazetteer.nameQuality(whole).exact ? word.end : s.end, label: "LOC" };
  });
  misread.push(...areasNamed);
  // "Kolkoa Governor", "Kolkoa LGA": a person's or misc span that is a place's name and a title or the word for
  // its kind of area: the place, the rest of the span left out
  const split: LabeledSpan[] = [];
  for (const s of ner) {
    if ((s.label !== "PER" && s.label !== "MISC") || misread.includes(s)) continue;
    // "in Abu Kolkoa" with only "Kolkoa" tagged a person: the name with the word before it
    const inner = placeInPersonSpan(doc, gazetteer, lex, s) ?? placeWithWordBefore(doc, gazetteer, lex, ner, s);
    if (!inner) continue;
    misread.push(inner);
    split.push(s);
  }
  // "the Kolkoa Market in Seno": a place after "in" at the end of an organisation's span is where it stands;
  // "the Municipality of Kolkoa": the word for a kind of area and the name, all the tagger's span holds
  for (const s of ner) if (s.label === "ORG") {
    const tail = placeAfterIn(doc, gazetteer, lex, s) ?? placeAfterKindOf(doc, gazetteer, lex, s);
    if (tail) misread.push(tail);
  }
  const isMisread = (s: LabeledSpan) => misread.includes(s) || split.includes(s);
  const blocking = ner.filter((s) => (s.label === "PER" && !isMisread(s)) || (s.label === "ORG" && !areasNamed.some((a) => a.start === s.start)) || s.label === "MISC");
  const byNer = findByNer(doc, gazetteer, lex, ner);
  // (a misread name keeps the kind the text gives it: "Kolkoa Township" is a town, "the village of Kolkoa" a village)
  const cueOf = (s: LabeledSpan): Toponym["cue"] => {
    const range = tokenRange(doc, s);
    return range ? cueAround(doc, range[0], range[1], lex) : null;
  };
  const fromNer = [...byNer, ...misread.filter((s) => !byNer.some((t) => t.start === s.start)).map((s): Toponym => ({ start: s.start, end: s.end, surface: doc.slice(s), cue: cueOf(s), fromNer: true, support: 3 }))];
  const nerPlaces = fromNer.map((t) => ({ start: t.start, end: t.end, label: "LOC" }));
  const taken = [...nerPlaces, ...blocking, ...metonyms];
  const persons = ner.filter((s) => s.label === "PER" && !isMisread(s));
  const byRules = findByRules(doc, gazetteer, lex, [...taken, ...joined.map((t) => ({ start: t.start, end: t.end, label: "LOC" }))]);
  const inNames = findInOrganisations(doc, gazetteer, lex, [...joined, ...nerPlaces, ...byRules, ...persons, ...metonyms]);
  const named = [...fromNer, ...byRules, ...inNames].filter((t) => !metonyms.some((m) => overlaps(m, t)));
  const hyphenated = findInHyphenated(doc, gazetteer, lex, [...named, ...persons, ...metonyms]);
  const found = [...joined, ...named, ...hyphenated];
  found.push(...findVillagesInContainers(doc, gazetteer, lex, found, persons));
  const demonyms = findDemonyms(doc, gazetteer, lex, [...found, ...metonyms]);
  const capitals = findCapitalDescriptions(doc, gazetteer, [...found, ...metonyms]);
  const landmarks = findLandmarks(doc, lex, persons, metonyms);
  // a landmark's name holds the place names inside it ("Palm Springs Ferrow Center"); a tagger's place
  // span that is the landmark itself becomes the landmark
  return [...found, ...demonyms.filter((d) => !capitals.some((c) => overlaps(c, d))), ...capitals]
    .filter((t) => !landmarks.some((l) => overlaps(l, t)) && !reduplicated(doc, t) && !namesPeople(gazetteer, lex, t))
    .concat(landmarks)
    .map((t) => withAbbreviationPeriod(doc, gazetteer, t))
    .map((t) => withoutForeignDesignator(gazetteer, t))
    .sort((a, b) => a.start - b.start);
}

/**
 * "Masai herders": a people's name (lexicons/en/community-homelands.tsv) that no place bears by that very spelling
 * and that the text does not call a place ("Masai village") names the people, whatever town elsewhere spells
 * alike. (One that a place bears, "Turkana" or "Kisii", may well be that place: a story of a people's raid is
 * often told of their county.)
 */
function namesPeople(g: Gazetteer, lex: Lexicons, t: Toponym): boolean {
  return !t.demonym && t.cue === null && lex.peoples.has(t.surface) && !g.nameQuality(t.surface).exact && !g.isVillageName(t.surface);
}

/**
 * "Boda boda riders": a word said twice, the second time in lower case, is a common noun (reduplication),
 * capitalised only where it opens a sentence, whatever place shares its spelling.
 */
function reduplicated(doc: Doc, t: { start: number; end: number; surface: string }): boolean {
  const n = t.surface.length;
  return !/\s/.test(t.surface) && /[\s-]/.test(doc.text.charAt(t.end)) && doc.text.slice(t.end + 1, t.end + 1 + n) === t.surface.toLowerCase() &&
    !/\p{L}/u.test(doc.text.charAt(t.end + 1 + n));
}

/**
 * A name the tagger calls a person or a misc name that the text itself puts as a place, and that the gazetteer
 * has by that exact spelling: after "in", "near", "at" ("an attack in Kolkoa"), with a cue word ("the village of
 * Kolkoa", "Kolkoa district"), or in a bracket that places the name before it ("Kolkoa (Kolkoa, Seno)"), and that
 * the gazetteer or the villages have by that exact spelling. Names of small places the tagger has never seen read
 * to it as surnames; people are not attacked "in" someone.
 */
function placedByText(doc: Doc, g: Gazetteer, lex: Lexicons, s: LabeledSpan): boolean {
  const surface = doc.slice(s);
  const range = tokenRange(doc, s);
  if (!range || !(g.nameQuality(surface).exact || g.isVillageName(surface)) || lex.stopwords.has(surface.toLowerCase())) return false;
  // a name the text gives elsewhere as a person's surname ("Ana Kolda said ... Kolda and Dori") is that person,
  // unless the word for a kind of area follows it ("Kolda state")
  if (s.label === "PER" && personNameWords(doc).has(surface) && !lex.cuesAfter.has(doc.tokenText(range[1] + 1).toLowerCase())) return false;
  if (/^['’]s\b/.test(doc.text.slice(s.end, s.end + 3))) return false; // "in Kolkoa's words"
  const prev = doc.tokenText(range[0] - 1).toLowerCase();
  if (placedBefore(doc, lex, range[0]) || cueAround(doc, range[0], range[1], lex) !== null || followedAsPlace(doc, range[1], g, range[0])) return true;
  if (betweenPlaces(doc, g, lex, range[0], range[1]) || inPlacedList(doc, g, lex, range[0], range[1])) return true;
  if (afterKindAndComma(doc, g, lex, range[0], surface)) return true;
  // the last of a list of places: "in Seno, Dori and Kolkoa" (people are not listed with towns)
  if (/^(?:and|or|,)$/.test(prev) && doc.layer("ner").some((o) => o.label === "LOC" && /^\s*(?:,|and|or)\s*$/.test(doc.text.slice(o.end, s.start)) && g.nameQuality(doc.slice(o)).exact)) return true;
  // or the first, before such a name: "between Kolkoa and Dori"
  if (doc.layer("ner").some((o) => o.label === "LOC" && /^\s*(?:,|and|or)\s*$/.test(doc.text.slice(s.end, o.start)) && g.nameQuality(doc.slice(o)).exact)) return true;
  if (inBracket(doc, s)) return true;
  return bracketOfAreas(doc, g, s.end);
}

const personWordsOf = new WeakMap<Doc, Set<string>>();
/** The last words (surnames) of the names of several words the tagger calls people, once per doc. */
function personNameWords(doc: Doc): Set<string> {
  let words = personWordsOf.get(doc);
  if (!words) {
    words = new Set<string>();
    for (const o of doc.layer("ner")) {
      if (o.label !== "PER") continue;
      const parts = doc.slice(o).split(/\s+/);
      if (parts.length > 1) words.add(parts[parts.length - 1]);
    }
    personWordsOf.set(doc, words);
  }
  return words;
}

/**
 * A name the tagger cut after its first word ("in Abu Kolkoa" with only "Kolkoa" tagged a person): the span with the
 * capitalised word before it, when the whole is a name the gazetteer or the villages hold by that exact spelling
 * and the text puts it as a place ("in", "the village of", "the X area"). Not across a sentence start or into
 * another tagger's span.
 */
function placeWithWordBefore(doc: Doc, g: Gazetteer, lex: Lexicons, ner: readonly LabeledSpan[], s: LabeledSpan): LabeledSpan | null {
  const range = tokenRange(doc, s);
  if (!range) return null;
  const k = range[0] - 1;
  const word = doc.tokenText(k);
  if (k < 1 || !isWord(word) || !isCapitalised(word) || doc.tokens[range[0]].start - doc.tokens[k].end !== 1) return null;
  const lower = word.toLowerCase();
  if (lex.stopwords.has(lower) || lex.cuesBefore.has(lower)) return null;
  if (doc.sentenceAt(doc.tokens[k].start)?.firstToken === k || /^['’]s\b/.test(doc.text.slice(s.end, s.end + 3))) return null;
  const name = doc.text.slice(doc.tokens[k].start, s.end);
  if (!(g.nameQuality(name).exact || g.isVillageName(name))) return null;
  // a direction before a name ("northern Kolkoa", "West of Kolkoa") says which part of it or where from it,
  // unless the whole is the name of a province or district the gazetteer has by that exact spelling ("West
  // Kolkoa Hills district")
  if ((lex.modifiers.has(lower) || lex.prepositions.has(lower)) && !isAreaName(g, name)) return null;
  if (!(placedBefore(doc, lex, k) || cueAround(doc, k, range[1], lex) !== null || followedAsPlace(doc, range[1], g, k))) return null;
  // (last, as it reads the tagger's spans: few names get this far)
  if (ner.some((o) => o !== s && o.start < doc.tokens[k].end && doc.tokens[k].start < o.end)) return null;
  return { start: doc.tokens[k].start, end: s.end, label: "LOC" };
}

/**
 * The place after "in" that ends an organisation's span as the tagger bounds it: "the Kolkoa Traders Market in
 * Seno", "the Seed Company in Seno": the tagger joined a building or a body and the place it stands in. The name
 * must be one the gazetteer has by that exact spelling, not a demonym or a common word.
 */
function placeAfterIn(doc: Doc, g: Gazetteer, lex: Lexicons, s: LabeledSpan): LabeledSpan | null {
  const range = tokenRange(doc, s);
  if (!range) return null;
  for (let j = range[1] - 1; j > range[0] && range[1] - j <= MAX_NAME_TOKENS; j--) {
    if (doc.tokenText(j) !== "in") continue;
    for (let k = j + 1; k <= range[1]; k++) if (!isWord(doc.tokenText(k)) || !isNameWord(doc.tokenText(k))) return null;
    const start = doc.tokens[j + 1].start;
    const name = doc.text.slice(start, s.end);
    if (lex.stopwords.has(name.toLowerCase()) || g.demonymPlace(name) || isInitialismWord(name.replace(/\s+/g, "")) || !g.nameQuality(name).exact) return null;
    // "in Sector 9", "in Ward (No. 7)": a numbered part of a town, whatever place shares the word
    if (/^\s*\(?\s*(?:No\.?\s*)?\d/.test(doc.text.slice(s.end, s.end + 12))) return null;
    return { start, end: s.end, label: "LOC" };
  }
  return null;
}

let newsVocabulary: ClusterTable | undefined;
/**
 * Whether news writes the word in lower case (the vocabulary of the word clusters the shipped tagger reads,
 * learned from unlabelled news, shared with it): "Man", "Split", "Mobile" open a sentence as common words;
 * "Kabul", "China" are never written so.
 */
function commonLowerCaseWord(word: string): boolean {
  const file = fromRoot("models", "ner", "clusters.tsv");
  newsVocabulary ??= existsSync(file) ? ClusterTable.loadShared(file) : ClusterTable.empty();
  return word !== word.toLowerCase() && newsVocabulary.has(word.toLowerCase());
}

let titleWords: Set<string> | undefined;
/** Whether `word` is a capitalised title ("Governor", "MP", "Senator": lexicons/en/titles.tsv). */
function isTitleWord(word: string): boolean {
  titleWords ??= new Set(loadLexicon("en/titles.tsv", ["title"]).map((r) => r.title.toLowerCase()));
  return isCapitalised(word) && titleWords.has(word.toLowerCase());
}

/**
 * An organisation's span that is only the word for a kind of area, "of" and a name the gazetteer has by that exact
 * spelling: "the Municipality of Kolkoa", "the District of Kolkoa" (the tagger reads an area named so as the body
 * that governs it). The place is the name, with the kind word as its cue. Not when more words follow the name
 * ("the City of Kolkoa Council" is the body).
 */
function placeAfterKindOf(doc: Doc, g: Gazetteer, lex: Lexicons, s: LabeledSpan): LabeledSpan | null {
  const range = tokenRange(doc, s);
  if (!range || range[1] - range[0] < 2 || doc.tokenText(range[0] + 1) !== "of" || !lex.cuesBefore.has(doc.tokenText(range[0]).toLowerCase())) return null;
  for (let k = range[0] + 2; k <= range[1]; k++) if (!isWord(doc.tokenText(k)) || !isNameWord(doc.tokenText(k))) return null;
  const start = doc.tokens[range[0] + 2].start;
  const name = doc.text.slice(start, s.end);
  if (lex.stopwords.has(name.toLowerCase()) || g.demonymPlace(name) || !g.nameQuality(name).exact) return null;
  return { start, end: s.end, label: "LOC" };
}

/**
 * "San Luis" and "Potosi" tagged as two places a space apart, where the gazetteer has "San Luis Potosi" by that
 * exact spelling: one place, as written (the tagger cuts a long name it has not seen whole). So are two spans of
 * any kind but an organisation's with a number between them, where the gazetteer has the whole ("North" and
 * "Parganas" of "North 24 Parganas": the tagger cuts a name at its digits). A comma between, or any other word,
 * keeps them two ("Kolda, Senegal").
 */
function joinSplitPlaceSpans(doc: Doc, g: Gazetteer, spans: readonly LabeledSpan[]): LabeledSpan[] {
  const out: LabeledSpan[] = [];
  for (const s of spans) {
    const last = out[out.length - 1];
    const gap = last ? doc.text.slice(last.end, s.start) : "";
    const joins = last !== undefined && (
      (last.label === "LOC" && s.label === "LOC" && gap === " ") ||
      (last.label !== "ORG" && s.label !== "ORG" && /^ \d{1,3} $/.test(gap)));
    if (joins && g.nameQuality(doc.text.slice(last.start, s.end)).exact) {
      out[out.length - 1] = { ...last, end: s.end, label: "LOC" };
      continue;
    }
    out.push(s);
  }
  return out;
}

/**
 * "Dakars harbour", "Senegals northern border": a well-known place's name (a country, a province or region, a city of
 * 100,000 or more) with a bare "s", a possessive written without its apostrophe, where the word itself names no
 * place and is no people's plural ("Iraqis"), nor a word the tagger calls an organisation or a person ("Hamas"). The
 * tagger's place or misc span that begins with such a word becomes the place's name alone (the rest, "harbour", is
 * what of it); an untagged one is added.
 */
function withBareGenitives(doc: Doc, g: Gazetteer, lex: Lexicons, spans: readonly LabeledSpan[]): LabeledSpan[] {
  const genitives: LabeledSpan[] = [];
  for (let i = 0; i < doc.tokens.length; i++) {
    const word = doc.tokenText(i);
    // (a family is "the Jordans"; a possessive stands before what it owns)
    if (!/^\p{Lu}\p{Ll}{2,}s$/u.test(word) || doc.tokenText(i - 1).toLowerCase() === "the" || !isWord(doc.tokenText(i + 1))) continue;
    const stem = word.slice(0, -1);
    if (lex.stopwords.has(stem.toLowerCase()) || g.nameQuality(word).loose || g.demonymPlace(stem) || g.demonymPlace(word) || !strongExactName(g, stem)) continue;
    // a name the tagger knows as an organisation's or a person's ("Hamas", "Georges Simenon")
    if (spans.some((s) => (s.label === "ORG" || s.label === "PER") && s.start <= doc.tokens[i].start && doc.tokens[i].end <= s.end)) continue;
    genitives.push({ start: doc.tokens[i].start, end: doc.tokens[i].end - 1, label: "LOC" });
  }
  if (genitives.length === 0) return [...spans];
  const out = spans.filter((s) => !genitives.some((t) => t.start === s.start) && !genitives.some((t) => s.start < t.start && t.end <= s.end && s.label === "LOC"));
  for (const t of genitives) if (!out.some((s) => s.start <= t.start && t.end <= s.end)) out.push(t);
  return out.sort((a, b) => a.start - b.start);
}

/** Words for a kind of area that are also surnames ("Canton", "Parish", "Town"). */
const SURNAME_KINDS = new Set(["canton", "parish", "town", "city", "state", "county"]);
/**
 * The place's name at the start of a span the tagger calls a person or a misc name, when a title or the word for
 * a kind of area follows it inside the span: "Kolkoa Governor" ("the Kolkoa Governor's Office"), "Kolkoa MP",
 * "Kolkoa LGA", "Kolkoa Division". Nobody's name is a place's and then a title: the office is that place's.
 * The name must be one the gazetteer has by that exact spelling (the villages too before a kind of area), not
 * a demonym ("French President") or a common word; the span is the name alone, with the kind word where that
 * may be part of a place's own name ("Kolkoa County", "Kolkoa Township").
 */
function placeInPersonSpan(doc: Doc, g: Gazetteer, lex: Lexicons, s: LabeledSpan): LabeledSpan | null {
  const range = tokenRange(doc, s);
  if (!range || range[0] === range[1]) return null;
  for (let t = range[0] + 1; t <= range[1]; t++) {
    const word = doc.tokenText(t);
    // (not the kind words that are also surnames for a person's span: "Maria Canton", "John Parish")
    const kind = s.label === "PER" && SURNAME_KINDS.has(word.toLowerCase()) ? undefined : lex.cuesAfter.get(word.toLowerCase());
    const title = isTitleWord(word);
    if (!kind && !title) continue;
    // the kind of area ends the span ("Kolkoa LGA"), a title may have a name after it ("Kolkoa Senator Ana Diallo")
    if (kind && t !== range[1]) return null;
    // a name the tagger cut after a capitalised word before it ("Kolkoa [Sadar Upazila]") is not this name
    const before = doc.tokenText(range[0] - 1);
    if (kind && isWord(before) && isCapitalised(before) && doc.sentenceAt(s.start)?.firstToken !== range[0]) return null;
    const end = doc.tokens[t - 1].end;
    const name = doc.text.slice(s.start, end);
    if (lex.stopwords.has(name.toLowerCase()) || g.demonymPlace(name) || isInitialismWord(name.replace(/\s+/g, ""))) return null;
    if (!(g.nameQuality(name).exact || (kind && g.isVillageName(name)))) return null;
    // a country is no township or district ("Chad Township" is not the country)
    if (kind && g.resolveExact(name)?.featureType === "country") return null;
    // a kind word that may be part of a place's own name stays with it, read as a place span of the tagger's
    // would be ("Kolkoa Township" at its seat where the villages hold it; "Lincoln Township" is not the town
    // Lincoln; "Kolkoa County"); one that never is ("LGA", "Division") is left out
    const own = kind && (stripDesignator(doc.text.slice(s.start, doc.tokens[t].end)) !== null || kind === "town" || kind === "city");
    return { start: s.start, end: own ? doc.tokens[t].end : end, label: "LOC" };
  }
  return null;
}

/** Whether span `s` is one of the comma-separated parts of a bracket ("(Kolkoa, Seno)", "(Seno district)"). */
function inBracket(doc: Doc, s: { start: number; end: number }): boolean {
  return /\(\s*(?:[^()\s,]+(?:\s+[^()\s,]+){0,3},\s*)?$/u.test(doc.text.slice(Math.max(0, s.start - 40), s.start)) && /^(?:\s+\p{Ll}+)?\s*[,)]/u.test(doc.text.slice(s.end, s.end + 16));
}

/**
 * A name the tagger calls an organisation inside a bracket right after a place's name, that lists the areas it
 * lies in: "Kolkoa (Seno, Sahel)", "Kolkoa village (Seno district, Sahel)". Such a bracket holds areas, and the
 * tagger, which reads area names as the bodies that govern them, calls them organisations. Only a name the
 * gazetteer or the villages have by that exact spelling, not in capitals ("(UNHCR)"), after a capitalised name
 * (with a kind word between at most).
 */
function inBracketOfAreas(doc: Doc, g: Gazetteer, lex: Lexicons, s: LabeledSpan): boolean {
  const surface = doc.slice(s);
  if (!(g.nameQuality(surface).exact || g.isVillageName(surface)) || lex.stopwords.has(surface.toLowerCase()) || isInitialismWord(surface.replace(/\s+/g, ""))) return false;
  if (!inBracket(doc, s)) return false;
  const open = doc.text.lastIndexOf("(", s.start);
  if (!/\p{Lu}[\p{L}'’-]*(?:\s+\p{Ll}+)?\s*$/u.test(doc.text.slice(Math.max(0, open - 40), open))) return false;
  // a bracket after an organisation's or a person's name holds its short name or a party: "National Alliance (Nasa)";
  // but one of two parts or more that is a province or district of the gazetteer lists areas whatever stands
  // before it ("Kolkoa (Seno, Sahel)" with "Kolkoa" tagged a person)
  if (isAreaName(g, surface) && /^[^()]*,[^()]*\)/.test(doc.text.slice(open + 1, open + 90))) return true;
  // nor a name the text itself calls a place ("the village of Kolkoa (Kolokoa)": the bracket gives another
  // spelling or its area)
  const before = doc.layer("ner").find((o) => (o.label === "ORG" || o.label === "PER") && o.end <= open && /^\s*$/.test(doc.text.slice(o.end, open)));
  const range = before ? tokenRange(doc, before) : null;
  return !before || (range !== null && cueAround(doc, range[0], range[1], lex) !== null);
}

/**
 * Whether a bracket right after position `end` names the areas a place lies in: "Kolkoa (Seno)", "Kolkoa (Seno
 * district, Sahel)": each of its parts, split at commas, a name of at most four words, one of them an area the
 * gazetteer has by that exact name (a province, district or country), with its designator word or without. A
 * person's bracket holds a party, an age or a role, not a province.
 */
function bracketOfAreas(doc: Doc, g: Gazetteer, end: number): boolean {
  const bracket = /^\s*\(([^()]{2,80})\)/u.exec(doc.text.slice(end, end + 90));
  if (!bracket) return false;
  const parts = bracket[1].split(",").map((p) => p.trim());
  if (!parts.every((p) => /^\p{Lu}[\p{L}'’.-]*(?:[\s-]+[\p{L}'’.-]+){0,3}$/u.test(p))) return false;
  return parts.some((p) => isAreaName(g, p) || isAreaName(g, stripCueWord(p)));
}

/** A name without a kind word after it ("Seno district" -> "Seno", "Apa LGA" -> "Apa"); the name itself else. */
function stripCueWord(name: string): string {
  const words = name.split(/\s+/);
  return words.length > 1 && getLexicons().cuesAfter.has(words[words.length - 1].toLowerCase()) ? words.slice(0, -1).join(" ") : name;
}

/**
 * An organisation's span that is a place named with the word for its kind of area after it: "Kolda district",
 * "Kolda County", "Kolda LGA" (the tagger calls such names organisations: they govern). The name must be one the
 * gazetteer or the villages have by that exact spelling, and no capitalised word may follow the area word ("the
 * Kolda District Council" is the organisation).
 */
function namedWithAreaWord(doc: Doc, g: Gazetteer, lex: Lexicons, s: LabeledSpan): boolean {
  const surface = doc.slice(s);
  const range = tokenRange(doc, s);
  if (!range || !(g.nameQuality(surface).exact || g.isVillageName(surface)) || lex.stopwords.has(surface.toLowerCase())) return false;
  const cue = lex.cuesAfter.get(doc.tokenText(range[1] + 1).toLowerCase());
  if (!cue || cue === "country" || cue === "city" || cue === "town") return false;
  const after = doc.tokenText(range[1] + 2);
  return !(isWord(after) && isCapitalised(after));
}

/**
 * A name the tagger calls an organisation that the text puts as a place, held by the gazetteer or the villages
 * by that exact spelling, not written in capitals ("in NATO"): with the word for a kind of place before it ("the
 * village of Kolkoa"), its people or land after it ("Kolkoa residents", "the Kolkoa area"), or as one of two
 * names "between" which something lies; or, a one-word name the gazetteer has, after "in", "near", "at"
 * ("protests in Kolkoa") or "the area of" (organisations' names are most often several words: "in the Kolkoa
 * Traders Union").
 */
function organisationPlacedByText(doc: Doc, g: Gazetteer, lex: Lexicons, s: LabeledSpan): boolean {
  const surface = doc.slice(s);
  const range = tokenRange(doc, s);
  if (!range || isInitialismWord(surface.replace(/\s+/g, "")) || lex.stopwords.has(surface.toLowerCase())) return false;
  const exact = g.nameQuality(surface).exact;
  if (!exact && !g.isVillageName(surface)) return false;
  if (/^['’]s\b/.test(doc.text.slice(s.end, s.end + 3))) return false;
  // "the village of Kolkoa": an organisation is no village, town or district; nor does it lie "between" places
  // or have residents
  const cueBefore = doc.tokenText(range[0] - 1) === "of" && lex.cuesBefore.has(doc.tokenText(range[0] - 2).toLowerCase());
  if (cueBefore || surroundingsOf(doc, lex, range[0]) || betweenPlaces(doc, g, lex, range[0], range[1]) || inPlacedList(doc, g, lex, range[0], range[1])) return true;
  if (afterKindAndComma(doc, g, lex, range[0], surface)) return true;
  // (a village's name the tagger joined to a building's: "the Las Flores market" is that market's name)
  if (exact && followedAsPlace(doc, range[1], g, range[0])) return true;
  // "Kolkoa (Seno, Sahel)": a bracket that lists the areas a one-word name lies in (an organisation's bracket
  // holds its short name or its seat, seldom two areas, nor a province of the gazetteer)
  if (range[0] === range[1] && bracketOfAreas(doc, g, s.end)) return true;
  // "the Kolkoa Senator", "the Kolkoa MP": the office of a town or area of some size (a company's name may be a
  // hamlet's: "the Equity Chairman")
  if (range[0] === range[1] && isTitleWord(doc.tokenText(range[1] + 1)) && strongExactName(g, surface, 2)) return true;
  // "in Kolkoa" only for a one-word name the gazetteer has ("in the Kolkoa Traders Union" is the organisation;
  // most villages are not in the gazetteer, and organisations act "in" places too), or a name of several words
  // the gazetteer has whole that no organisation's or building's word ends or fills ("fell in Qasr Kolkoa": no
  // "the", no "Union", "Market" or "Committee")
  if (!exact || !placedBefore(doc, lex, range[0])) return false;
  if (range[0] === range[1]) return true;
  if (doc.tokenText(range[0] - 1).toLowerCase() === "the") return false;
  for (let k = range[0]; k <= range[1]; k++) {
    const w = doc.tokenText(k);
    if (isOrganisationWord(w) || lex.landmarks.has(w) || lex.facilities.has(w.toLowerCase())) return false;
  }
  return true;
}

let organisationWords: Set<string> | undefined;
/** Whether `word` tells an organisation ("Union", "Committee", "Army": lexicons/en/org-heads.tsv and org-keywords.tsv). */
function isOrganisationWord(word: string): boolean {
  organisationWords ??= new Set([
    ...loadLexicon("en/org-heads.tsv", ["head"]).map((r) => r.head.toLowerCase()),
    ...loadLexicon("en/org-keywords.tsv", ["word"]).map((r) => r.word.toLowerCase()),
  ]);
  return organisationWords.has(word.toLowerCase());
}

/** The words for a part of a town or land that a direction names ("the West Zone", "the East End"). */
const DIRECTED_PART_WORDS = new Set(["zone", "sector", "side", "end", "quarter"]);

/** The words for what lies around a place, before "of" and its name ("the area of", "the outskirts of"). */
const SURROUNDING_WORDS = new Set(["area", "outskirts", "vicinity", "environs", "surroundings"]);

/**
 * Whether the words before token `first` put the name there as where something is or happened: a placing word
 * ("in Kolkoa", "near Kolkoa"), or the word for a place's surroundings and "of" ("in the area of Kolkoa", "on the
 * outskirts of Kolkoa"); a lower-case word of direction or part may stand between ("in rural Kolkoa", "near
 * northern Kolkoa"), as it does before any place's name.
 */
function placedBefore(doc: Doc, lex: Lexicons, first: number): boolean {
  return PLACING_WORDS.has(doc.tokenText(wordBefore(doc, lex, first)).toLowerCase()) || surroundingsOf(doc, lex, first);
}

/** The token before a name, over a lower-case word of direction or part ("in rural Kolkoa"). */
function wordBefore(doc: Doc, lex: Lexicons, first: number): number {
  const word = doc.tokenText(first - 1);
  return /^\p{Ll}/u.test(word) && lex.modifiers.has(word) ? first - 2 : first - 1;
}

/**
 * Whether the words before token `first` are the word for a place's surroundings or people and "of": "the area
 * of Kolkoa", "the outskirts of", "the countryside of", "the residents of", "outside of". An organisation or a
 * person has none of these.
 */
function surroundingsOf(doc: Doc, lex: Lexicons, first: number): boolean {
  const k = wordBefore(doc, lex, first);
  if (doc.tokenText(k) !== "of") return false;
  const before = doc.tokenText(k - 1).toLowerCase();
  return SURROUNDING_WORDS.has(before) || (placeFollowers().get(before) ?? "site") !== "site" || before === "outside" || before === "inside";
}

let followers: Map<string, string> | undefined;
/**
 * Whether the word written right after token `last` makes the name from token `first` a place: its people
 * ("Kolkoa residents", "Kolkoa villagers"), the land around it ("the Kolkoa area") or a building or site that
 * stands there ("the Kolkoa market"): lexicons/en/place-followers.tsv. A person or an organisation has none of
 * them. Lower case only: "Bay Area" is a name of its own. Never a demonym ("Chadian police": whose, not where);
 * before the word for people only a name the gazetteer has exactly ("Dogon villagers" are a people); before a
 * site's word not a name the tagger calls a person's ("the Nkrumah university" is named after someone).
 */
function followedAsPlace(doc: Doc, last: number, g: Gazetteer, first: number): boolean {
  const kind = placeFollowers().get(doc.tokenText(last + 1));
  if (!kind) return false;
  const name = doc.text.slice(doc.tokens[first].start, doc.tokens[last].end);
  if (g.demonymPlace(name)) return false;
  if (kind === "people") return g.nameQuality(name).exact;
  if (kind === "site") return !doc.layer("ner").some((o) => o.label === "PER" && o.start < doc.tokens[last].end && doc.tokens[first].start < o.end);
  return true;
}

function placeFollowers(): Map<string, string> {
  followers ??= new Map(loadLexicon("en/place-followers.tsv", ["word", "kind"]).map((r) => [r.word, r.kind]));
  return followers;
}

/**
 * Whether the name at tokens `first`..`last` is one of a pair "between Kolkoa and Seno" (or a way's ends, "the axis
 * Kolkoa - Seno") whose other member is a name of one to three capitalised words, both held by the gazetteer or
 * the villages by that exact spelling: what lies between two such names is a stretch of land. Not people: names
 * before a plural noun ("between Kolkoa and Seno herders"), a name the tagger reads as a people's ("between
 * Fulani and Dogon"), a surname the article gives a person elsewhere, or two names the tagger calls people that
 * are both towns of the gazetteer ("between Maria and David": given names are towns too; the names of villages
 * the tagger has never seen read to it as people's, so one of the two must be a village's only).
 */
function betweenPlaces(doc: Doc, g: Gazetteer, lex: Lexicons, first: number, last: number): boolean {
  const ner = doc.layer("ner");
  const tagged = (a: number, b: number, label: string): boolean => ner.some((o) => o.label === label && o.start < doc.tokens[b].end && doc.tokens[a].start < o.end);
  const known = (a: number, b: number, by: "between" | "way"): boolean => {
    if (a < 0 || b < a) return false;
    for (let k = a; k <= b; k++) if (!isWord(doc.tokenText(k)) || !isCapitalised(doc.tokenText(k))) return false;
    if (by === "between" && tagged(a, b, "MISC")) return false;
    const name = doc.text.slice(doc.tokens[a].start, doc.tokens[b].end);
    if (lex.stopwords.has(name.toLowerCase()) || g.demonymPlace(name) || (a === b && personNameWords(doc).has(name))) return false;
    return g.nameQuality(name).exact || g.isVillageName(name);
  };
  // not a person's name that is also a town's
  const placeLike = (a: number, b: number): boolean => !tagged(a, b, "PER") || !g.nameQuality(doc.text.slice(doc.tokens[a].start, doc.tokens[b].end)).exact;
  // "between Kolkoa and Seno herders": names before a plural noun name people ("herders", "communities")
  const beforePeople = (b: number): boolean => {
    const next = doc.tokenText(b + 1);
    return /^\p{Ll}+s$/u.test(next) && !placeFollowers().has(next) && !lex.prepositions.has(next) && !lex.cuesAfter.has(next);
  };
  const opens = (k: number): "between" | "way" | null =>
    doc.tokenText(k).toLowerCase() === "between" ? "between" : lex.routePairs.has(doc.tokenText(k).toLowerCase()) ? "way" : null;
  const joins = (k: number, by: "between" | "way"): boolean => (by === "between" ? doc.tokenText(k) === "and" : /^[-–]$/.test(doc.tokenText(k)));
  // the first member: the other follows "and" (or the dash)
  const by = opens(first - 1);
  if (by && joins(last + 1, by)) {
    if (!known(first, last, by)) return false;
    let end = last + 2;
    while (end + 1 < doc.tokens.length && end + 1 - (last + 2) < 3 && isWord(doc.tokenText(end + 1)) && isCapitalised(doc.tokenText(end + 1))) end++;
    for (let b = end; b >= last + 2; b--) if (known(last + 2, b, by)) return !beforePeople(b) && (placeLike(first, last) || placeLike(last + 2, b));
    return false;
  }
  // the second member: the other follows "between" (or the word for a way)
  if (beforePeople(last)) return false;
  const b = first - 2;
  for (let a = b; a >= Math.max(0, b - 2); a--) {
    const opener = opens(a - 1);
    if (opener && joins(first - 1, opener) && known(first, last, opener) && known(a, b, opener)) return placeLike(first, last) || placeLike(a, b);
  }
  return false;
}

/**
 * Whether the name at tokens `first`..`last` is a later item of a list whose first item the text places: "in Kolkoa,
 * Seno Bas, Dori and Tillia", "in the areas of Kolkoa, Umm Seno and Abu Dori". The name must be one the
 * gazetteer or the villages hold by that exact spelling (not a surname the article gives a person, nor a people's
 * name); the items before it are names of one to three capitalised words, eight at most. Not after a placing word
 * that opens the sentence: "In Paris, Smith and Jones said" is no list.
 */
function inPlacedList(doc: Doc, g: Gazetteer, lex: Lexicons, first: number, last: number): boolean {
  const name = doc.text.slice(doc.tokens[first].start, doc.tokens[last].end);
  if (lex.stopwords.has(name.toLowerCase()) || g.demonymPlace(name) || (first === last && personNameWords(doc).has(name))) return false;
  if (!(g.nameQuality(name).exact || g.isVillageName(name))) return false;
  const capitalised = (k: number): boolean => isWord(doc.tokenText(k)) && isCapitalised(doc.tokenText(k)) && !lex.prepositions.has(doc.tokenText(k).toLowerCase());
  let start = first;
  for (let items = 0; items < 8; items++) {
    let sep = start - 1;
    const word = doc.tokenText(sep);
    if (word !== "," && word !== "and" && word !== "or") break;
    if (word !== "," && doc.tokenText(sep - 1) === ",") sep--; // "X, Y, and Z"
    // the item before: one to three capitalised words before the separator
    let a = sep - 1;
    if (!capitalised(a)) return false;
    while (a - 1 >= 0 && sep - 1 - (a - 1) < 3 && capitalised(a - 1)) a--;
    start = a;
  }
  if (start === first || !placedBefore(doc, lex, start)) return false;
  const opener = wordBefore(doc, lex, start);
  return doc.sentenceAt(doc.tokens[start].start)?.firstToken !== (doc.tokenText(opener) === "of" ? opener - 2 : opener);
}

/**
 * "Kolkoa district, Helmand", "Kolkoa village, Sahel": a province or country (by the gazetteer's exact reading) right
 * after the word for a kind of place and a comma is the area that place lies in. Not a district's or a county's
 * name, which surnames share ("in Kolkoa district, Smith said").
 */
function afterKindAndComma(doc: Doc, g: Gazetteer, lex: Lexicons, first: number, surface: string): boolean {
  if (doc.tokenText(first - 1) !== "," || !lex.cuesAfter.has(doc.tokenText(first - 2))) return false;
  const reading = g.resolveExact(surface);
  return reading !== null && (reading.featureType === "admin1" || reading.featureType === "country") && !lex.stopwords.has(surface.toLowerCase());
}

/** The words before a name that put it as where something is or happened. */
const PLACING_WORDS = new Set(["in", "near", "at", "outside", "inside", "around"]);

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
    const prev = doc.tokenText(first - 1);
    // "the West Zone", "the North Side", "the East End": a direction and the word for a part of a town or land
    // name that part; the word alone (a town abroad may bear it) names nothing here
    if (first === last && DIRECTED_PART_WORDS.has(surface.toLowerCase()) && lex.modifiers.has(prev.toLowerCase())) return null;
    const cue = cueAround(doc, first, last, lex);
    let strength = nameStrength(match, quality.exact);
    let support = 0;
    if (cue) support += 2;
    if (lex.locatives.has(prev.toLowerCase()) || lex.modifiers.has(prev.toLowerCase())) support += 1;
    // "Kolkoa residents", "the Kolkoa area": the name's people or land after it, for a name that is a town or an
    // area of some size by that exact spelling (a surname shares a hamlet's or a county's bare name: "Jones
    // residents", "the Smith area")
    else if (quality.exact && followedAsPlace(doc, last, g, first) && nameStrength(match, true, surface) >= 2 && !isSentenceStart(first)) support += 1;
    const singleWord = first === last;
    const sentenceInitial = isSentenceStart(first);
    const allCaps = surface === surface.toUpperCase() && /\p{Lu}{2}/u.test(surface);
    if (sentenceInitial && singleWord && strength < 3) strength -= 1;
    // a sentence's first word that news writes in lower case is capitalised by its place alone ("Man found dead"):
    // a place only where the text says so
    if (sentenceInitial && singleWord && support === 0 && commonLowerCaseWord(surface)) return null;
    // acronyms name organisations ("NATO") unless they spell a big place or a reviewed short form ("US", "UK")
    if (allCaps && singleWord && strength < 3) return null;
    // a variant spelling ("Hassakeh") is a place only where the text says so: cue or locative word before it.
    // Without that, given names meet cities ("Mike"/Mecca, "Zara"/Zaria)
    if (!quality.exact && support === 0) return null;
    // a designator after a country is an organisation ("Chile Ministry", "Peru State"): not a place name
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
    if (!found && word.includes("-") && isCapitalised(word) && !takenIndex.overlaps(doc.tokens[i].start, doc.tokens[i].end) && isAreaNamedWhole(g, word)) {
      // a district the villages hold by the whole hyphenated name ("Kolda-East" district, written "Kolda (East)"
      // there) is that district, not the place of its first part
      out.push({ start: doc.tokens[i].start, end: doc.tokens[i].end, surface: word, cue: cueAround(doc, i, i, lex), fromNer: false, support: 2 });
    } else if (!found && word.includes("-")) {
      // "Kharkiv-based", "U.S.-led", "Syria-Iraq": the capitalised parts of a hyphenated word; a direction word
      // is part of the name it follows ("Kolda-East" district), never a place of its own
      let offset = doc.tokens[i].start;
      for (const part of word.split("-")) {
        if (isCapitalised(part) && part.length > 1 && !lex.modifiers.has(part.toLowerCase())) {
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

/**
 * Names of several capitalised words joined by lower-case ones ("Villa de los Santos", "Ras al Ain",
 * "Bergen op Zoom") or a possessive ("Cox's Bazar") that the gazetteer has whole by that exact spelling. A tagger often cuts such a name at the
 * lower-case word into two places ("Villa" and "Santos") or a person and a place; the whole name is the one the
 * text gives. Longest first; it must hold at least one joining word (names without one are the other finders').
 */
function findJoinedNames(doc: Doc, g: Gazetteer, lex: Lexicons): Toponym[] {
  const out: Toponym[] = [];
  for (const sentence of doc.sentences) {
    let i = sentence.firstToken;
    while (i < sentence.endToken) {
      const word = doc.tokenText(i);
      let taken = 0;
      // "in al Kolkoa", "near el Fasher": an article written in lower case begins the name, unless it joins the
      // name before it ("Ras al Ain")
      const article = lex.articles.has(word) && isCapitalised(doc.tokenText(i + 1)) && !(i > sentence.firstToken && isWord(doc.tokenText(i - 1)) && isCapitalised(doc.tokenText(i - 1)));
      // ("State of X", "District of X": the word for the kind of area is a cue before the name, not part of it)
      if (article || (isWord(word) && isCapitalised(word) && !lex.prepositions.has(word.toLowerCase()) && !lex.cuesBefore.has(word.toLowerCase()))) {
        for (let last = Math.min(i + MAX_NAME_TOKENS, sentence.endToken) - 1; last >= i + (article ? 1 : 2) && !taken; last--) {
          if (!isNameWord(doc.tokenText(last))) continue;
          let joins = article ? 1 : 0;
          let inner = true;
          for (let k = i + 1; k < last && inner; k++) {
            const w = doc.tokenText(k);
            // (a possessive joins too: "Cox's Bazar", "King's Lynn")
            if (lex.connectors.has(w) || ((w === "'s" || w === "’s") && doc.tokens[k].start === doc.tokens[k - 1].end)) joins++;
            else inner = isWord(w) && isNameWord(w);
          }
          if (!inner || joins === 0) continue;
          const surface = doc.text.slice(doc.tokens[i].start, doc.tokens[last].end);
          const cue = cueAround(doc, i, last, lex);
          // a village's name (the gazetteer lacks most) where the text puts it as a place: "in rural Tell al Kolkoa"
          const known = (g.nameQuality(surface).exact && g.resolve(surface) !== null) ||
            (g.isVillageName(surface) && (placedBefore(doc, lex, i) || cue !== null || followedAsPlace(doc, last, g, i)));
          if (!known) continue;
          out.push({ start: doc.tokens[i].start, end: doc.tokens[last].end, surface, cue, fromNer: false, support: 2 });
          taken = last - i + 1;
        }
      }
      i += Math.max(1, taken);
    }
  }
  return out;
}

/** Whether a province or district bears `word` whole, as the gazetteer or the villages write it ("Kolda (East)"). */
function isAreaNamedWhole(g: Gazetteer, word: string): boolean {
  // (ranking only a name some entry or village bears: most hyphenated words are "Kolkoa-based" and the like)
  if (!g.nameQuality(word).exact && !g.isVillageName(word)) return false;
  const whole = g.resolveExact(word);
  return whole !== null && (whole.featureType === "admin1" || whole.featureType === "admin2") && strictPlaceKey(whole.name) === strictPlaceKey(word);
}

/** The parts of a hyphenated name ("Kolda-Velingara") when each is a place's exact name and the whole is none;
 *  an article joined to a name ("Al-Azim") is no place of its own. */
function hyphenatedPlaces(g: Gazetteer, lex: Lexicons, surface: string, start: number, oneKnown = false): { start: number; end: number; surface: string }[] | null {
  if (!/^[\p{L}\p{M}'’.]+(?:-[\p{L}\p{M}'’.]+)+$/u.test(surface) || g.nameQuality(surface).exact) return null;
  const parts: { start: number; end: number; surface: string }[] = [];
  let at = start;
  let known = 0;
  for (const part of surface.split("-")) {
    if (part.length < 2 || !isCapitalised(part) || lex.connectors.has(part.toLowerCase())) return null;
    if (g.nameQuality(part).exact || g.isVillageName(part)) known++;
    // a part the gazetteer lacks only where a road is named after the two places it links ("the Kolda-Seno
    // road"), and only a word of some length that is no common word and no other spelling of a known place
    // ("the Trans-Canada highway": "Trans" is a prefix, and reads as a French town)
    else if (!oneKnown || part.length < 4 || lex.stopwords.has(part.toLowerCase()) || g.nameQuality(part).loose) return null;
    parts.push({ start: at, end: at + part.length, surface: part });
    at += part.length + 1;
  }
  return parts.length > 1 && (known === parts.length || (known > 0 && parts.length === 2)) ? parts : null;
}

/**
 * A tagger's place span of several words that no place bears whole, which is a town's name and then the name of
 * the province, region or country it lies in, the comma left out: "Ensenada Baja California", "Kolda Senegal". The
 * town's name must be one the gazetteer has by that exact spelling, with a reading in that area's country.
 */
function townAndArea(doc: Doc, g: Gazetteer, lex: Lexicons, first: number, last: number): { start: number; end: number }[] | null {
  if (last === first || g.nameQuality(doc.text.slice(doc.tokens[first].start, doc.tokens[last].end)).loose) return null;
  for (let k = first; k < last; k++) {
    const town = doc.text.slice(doc.tokens[first].start, doc.tokens[k].end);
    const area = doc.text.slice(doc.tokens[k + 1].start, doc.tokens[last].end);
    if (!isAreaName(g, area) || !g.nameQuality(town).exact || lex.stopwords.has(town.toLowerCase()) || lex.modifiers.has(town.toLowerCase())) continue;
    const within = g.resolveExact(area);
    if (!within || within.featureType === "admin2" || within.featureType === "region") continue;
    const inside = within.country ? g.resolve(town, { countries: [within.country] }) : null;
    if (!inside || inside.country !== within.country) continue;
    return [{ start: doc.tokens[first].start, end: doc.tokens[k].end }, { start: doc.tokens[k + 1].start, end: doc.tokens[last].end }];
  }
  return null;
}

/** Tagger spans that are toponyms: every LOC, and ORG/MISC spans whose whole text is a strong place name. */
function findByNer(doc: Doc, g: Gazetteer, lex: Lexicons, spans: readonly LabeledSpan[]): Toponym[] {
  const out: Toponym[] = [];
  for (const s of spans) {
    const surface = doc.slice(s);
    const range = tokenRange(doc, s);
    const cue = range ? cueAround(doc, range[0], range[1], lex) : null;
    // a lone direction word ("Western", "Southern") names no place we could locate
    if (lex.modifiers.has(surface.toLowerCase())) continue;
    if (s.label === "LOC") {
      // "Iraqi": people, not a place; "Canadian" too, though a small town in Texas has that name
      if (g.demonymPlace(surface) && !strongExactName(g, surface)) continue;
      // "the Kolda-Velingara road", "the axis Kolda-Velingara": two places joined by a hyphen, each a place the
      // gazetteer or the villages have by that exact spelling, where the whole is no place's name
      const pair = range && (lex.routePairs.has(doc.tokenText(range[1] + 1).toLowerCase()) || lex.routePairs.has(doc.tokenText(range[0] - 1).toLowerCase()))
        ? hyphenatedPlaces(g, lex, surface, s.start, range !== null && lex.roads.includes(doc.tokenText(range[1] + 1))) : null;
      if (pair) {
        for (const part of pair) out.push({ ...part, cue: null, fromNer: true, support: 3 });
        continue;
      }
      // "in Ensenada Baja California": a town and the province or country it lies in, without the comma
      const split = range ? townAndArea(doc, g, lex, range[0], range[1]) : null;
      if (split) {
        for (const part of split) out.push({ ...part, surface: doc.slice(part), cue: null, fromNer: true, support: 3 });
        continue;
      }
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



/**
 * The place names inside an organisation's name, as the tagger bounds it: "The Denver Ledger", "Air Tonga",
 * "Idaho Board of Fisheries", "Fisheries Board of Mauritius", "Kildare County Archives". Each is a
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
          // "Vermont State Troopers", "Idaho Board of Fisheries": the designator-like word belongs to the
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

/** The words between a village's name and the area the text puts it in. */
const CONTAINING = new Set([",", "(", "in", "of"]);

/**
 * Villages the text places in a named area: "Novoselivka, Kharkiv", "Novoselivka (Kharkiv)", "Novoselivka in
 * Kharkiv" or "Novoselivka of Kharkiv" (the name before a comma, an opening bracket, "in" or "of" and a place
 * name), when a village of that name lies in a province or county of that name (`Gazetteer.villageInside`). The
 * tagger most often misses such names or calls them organisations; the container vouches for them. Not over a
 * person.
 */
function findVillagesInContainers(doc: Doc, g: Gazetteer, lex: Lexicons, found: Toponym[], persons: { start: number; end: number }[]): Toponym[] {
  const out: Toponym[] = [];
  for (const container of found) {
    const at = doc.tokenFrom(container.start);
    // "X, Y", "X (Y", and "X in Y", "X of Y": the villages index must then hold X inside Y
    if (at < 2 || !CONTAINING.has(doc.tokenText(at - 1))) continue;
    // "X village, Y": a kind word between the name and the comma
    const last = lex.cuesAfter.has(doc.tokenText(at - 2).toLowerCase()) ? at - 3 : at - 2;
    for (let n = 3; n >= 1; n--) {
      const first = last + 1 - n;
      if (first < 0) continue;
      let words = true;
      for (let k = first; k <= last && words; k++) words = isWord(doc.tokenText(k)) && isNameWord(doc.tokenText(k));
      if (!words) continue;
      const start = doc.tokens[first].start;
      const end = doc.tokens[last].end;
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
 * "Lake Whitmore", "Palais des Sports"), or one continued by "of ..." ("Museum of Paper Kites", "Harbourside
 * Museum of Asia"). Whatever the tagger called the span: a person's name inside is the landmark's namesake ("Percy French
 * Hotel"), and a span the tagger calls a person because its first word is also a given name ("Orchard Avenue",
 * "Lake Whitmore") is still a street or a lake; only where the landmark word is itself a personal name ("Park",
 * "Lane") does the tagger's PER win. Not when a verb of saying follows ("the Hollis Center said": the
 * organisation speaks). The place names inside belong to the landmark's name.
 */
function findLandmarks(doc: Doc, lex: Lexicons, persons: { start: number; end: number }[], metonyms: { start: number; end: number }[]): Toponym[] {
  const out: Toponym[] = [];
  const n = doc.tokens.length;
  const text = (k: number): string => (k >= 0 && k < n ? doc.tokenText(k) : "");
  const placeSpans = doc.layer("ner").filter((s) => s.label === "LOC");
  const nameLike = (w: string): boolean => isWord(w) ? isCapitalised(w) : /^\d+(?:st|nd|rd|th)?$/i.test(w);
  const sameSentence = (a: number, b: number): boolean => doc.sentenceAt(doc.tokens[a].start) === doc.sentenceAt(doc.tokens[b].start);
  // "Traders of Kolkoa Market", "Residents of Kolkoa Estate": a sentence's first word is capitalised by its
  // place, and before "of" it is most often who is at the landmark; it begins the landmark's name only where it
  // is itself a landmark or facility word ("University of Kolkoa Hospital")
  const opensWithCommonWord = (j: number): boolean =>
    doc.sentenceAt(doc.tokens[j].start)?.firstToken === j && !lex.landmarks.has(text(j)) && !lex.facilities.has(text(j).toLowerCase());
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
        // inner connectors and possessives: "Museum of Paper Kites", "St Jude's Church"; not a place's possessive,
        // which puts the landmark in that place ("Brooklyn's Kingsway Arena")
        else if (w === "'s" || w === "’s") {
          if (!nameLike(text(j - 1)) || placeSpans.some((p) => overlaps(p, doc.tokens[j - 1]))) break;
        } else if (!(lex.connectors.has(w) && nameLike(text(j - 1)) && !opensWithCommonWord(j - 1))) break;
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
        // "Palais des Sports", "Rue de la Paix"; not "Mount Lebanon on Tuesday"
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
 * "the Georgian capital", "the Peruvian capital": the capital city of that country, named by description. The
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
 * Demonyms used as modifiers ("Iraqi engineers", "the French treasury", "a Norwegian Embassy letter"): each is a
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
    // "English is heard at home", "lessons in English are": the language, not the country
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
 * A designator word after a name that the place's own name lacks ("Kildare County" where the gazetteer's county is
 * "Kildare", "Vermont State"): the mention is the name alone, the word its cue, as a lower-case "province" after
 * a name is. Where the place's own name has the word ("Plateau State", "Greene County"), it stays in the mention.
 */
function withoutForeignDesignator(g: Gazetteer, t: Toponym): Toponym {
  if (t.landmark || t.demonym) return t;
  const stripped = stripDesignator(t.surface);
  if (!stripped || !t.surface.startsWith(stripped.bare) || !isCapitalised(t.surface.slice(stripped.bare.length).trim())) return t;
  const own = g.resolveExact(t.surface);
  if (!own || own.featureType === "city" || strictPlaceKey(own.name) !== strictPlaceKey(stripped.bare)) return t;
  return { ...t, end: t.start + stripped.bare.length, surface: stripped.bare, cue: t.cue ?? stripped.cue };
}
