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
import type { Doc, LabeledSpan } from "../../doc/index.js";
import { SpanIndex } from "../../doc/index.js";
import { stripDesignator } from "../geo/designators.js";
import type { Gazetteer } from "../geo/index.js";
import { strictPlaceKey } from "../geo/normalize.js";
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
  const ner = doc.layer("ner").filter((s) => !joined.some((t) => overlaps(t, s)));
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
  const isMisread = (s: LabeledSpan) => misread.includes(s);
  const blocking = ner.filter((s) => (s.label === "PER" && !isMisread(s)) || (s.label === "ORG" && !areasNamed.some((a) => a.start === s.start)) || s.label === "MISC");
  const byNer = findByNer(doc, gazetteer, lex, ner);
  const fromNer = [...byNer, ...misread.filter((s) => !byNer.some((t) => t.start === s.start)).map((s): Toponym => ({ start: s.start, end: s.end, surface: doc.slice(s), cue: null, fromNer: true, support: 3 }))];
  const nerPlaces = fromNer.map((t) => ({ start: t.start, end: t.end, label: "LOC" }));
  const taken = [...nerPlaces, ...blocking, ...metonyms];
  const persons = ner.filter((s) => s.label === "PER" && !isMisread(s));
  const byRules = findByRules(doc, gazetteer, lex, [...taken, ...joined.map((t) => ({ start: t.start, end: t.end, label: "LOC" }))]);
  const inNames = findInOrganisations(doc, gazetteer, lex, [...nerPlaces, ...byRules, ...persons, ...metonyms]);
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
    .filter((t) => !landmarks.some((l) => overlaps(l, t)))
    .concat(landmarks)
    .map((t) => withAbbreviationPeriod(doc, gazetteer, t))
    .map((t) => withoutForeignDesignator(gazetteer, t))
    .sort((a, b) => a.start - b.start);
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
  // a name the text gives elsewhere as a person's surname ("Ana Kolda said ... Kolda and Dori") is that person
  if (s.label === "PER" && personNameWords(doc).has(surface)) return false;
  if (/^['’]s\b/.test(doc.text.slice(s.end, s.end + 3))) return false; // "in Kolkoa's words"
  const prev = doc.tokenText(range[0] - 1).toLowerCase();
  if (PLACING_WORDS.has(prev) || cueAround(doc, range[0], range[1], lex) !== null) return true;
  // "in the area of Kolkoa", "on the outskirts of Kolkoa": the word for a place's surroundings before "of"
  if (prev === "of" && SURROUNDING_WORDS.has(doc.tokenText(range[0] - 2).toLowerCase())) return true;
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
  // a bracket after an organisation's or a person's name holds its short name or a party: "National Alliance (Nasa)"
  return !doc.layer("ner").some((o) => (o.label === "ORG" || o.label === "PER") && o.end <= open && /^\s*$/.test(doc.text.slice(o.end, open)));
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
 * A one-word name the tagger calls an organisation that the text puts as where something happened: after "in",
 * "near", "at" ("protests in Kolkoa"), or "the area of", and that the gazetteer has by that exact spelling as a
 * town or an area; not one written in capitals ("in NATO"), nor a name of several words (organisations' names
 * are most often several words: "in the Kolkoa Traders Union").
 */
function organisationPlacedByText(doc: Doc, g: Gazetteer, lex: Lexicons, s: LabeledSpan): boolean {
  const surface = doc.slice(s);
  const range = tokenRange(doc, s);
  if (!range || range[0] !== range[1] || isInitialismWord(surface) || !g.nameQuality(surface).exact || lex.stopwords.has(surface.toLowerCase())) return false;
  if (/^['’]s\b/.test(doc.text.slice(s.end, s.end + 3))) return false;
  const prev = doc.tokenText(range[0] - 1).toLowerCase();
  return PLACING_WORDS.has(prev) || (prev === "of" && SURROUNDING_WORDS.has(doc.tokenText(range[0] - 2).toLowerCase()));
}

/** The words for what lies around a place, before "of" and its name ("the area of", "the outskirts of"). */
const SURROUNDING_WORDS = new Set(["area", "outskirts", "vicinity", "environs", "surroundings"]);

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
    if (!found && word.includes("-")) {
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
 * "Bergen op Zoom") that the gazetteer has whole by that exact spelling. A tagger often cuts such a name at the
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
      // ("State of X", "District of X": the word for the kind of area is a cue before the name, not part of it)
      if (isWord(word) && isCapitalised(word) && !lex.prepositions.has(word.toLowerCase()) && !lex.cuesBefore.has(word.toLowerCase())) {
        for (let last = Math.min(i + MAX_NAME_TOKENS, sentence.endToken) - 1; last >= i + 2 && !taken; last--) {
          if (!isNameWord(doc.tokenText(last))) continue;
          let joins = 0;
          let inner = true;
          for (let k = i + 1; k < last && inner; k++) {
            const w = doc.tokenText(k);
            if (lex.connectors.has(w)) joins++;
            else inner = isWord(w) && isNameWord(w);
          }
          if (!inner || joins === 0) continue;
          const surface = doc.text.slice(doc.tokens[i].start, doc.tokens[last].end);
          if (!g.nameQuality(surface).exact || g.resolve(surface) === null) continue;
          out.push({ start: doc.tokens[i].start, end: doc.tokens[last].end, surface, cue: cueAround(doc, i, last, lex), fromNer: false, support: 2 });
          taken = last - i + 1;
        }
      }
      i += Math.max(1, taken);
    }
  }
  return out;
}

/** The parts of a hyphenated name ("Kolda-Velingara") when each is a place's exact name and the whole is none;
 *  an article joined to a name ("Al-Azim") is no place of its own. */
function hyphenatedPlaces(g: Gazetteer, lex: Lexicons, surface: string, start: number): { start: number; end: number; surface: string }[] | null {
  if (!/^[\p{L}\p{M}'’.]+(?:-[\p{L}\p{M}'’.]+)+$/u.test(surface) || g.nameQuality(surface).exact) return null;
  const parts: { start: number; end: number; surface: string }[] = [];
  let at = start;
  for (const part of surface.split("-")) {
    if (part.length < 2 || !isCapitalised(part) || lex.connectors.has(part.toLowerCase()) || !(g.nameQuality(part).exact || g.isVillageName(part))) return null;
    parts.push({ start: at, end: at + part.length, surface: part });
    at += part.length + 1;
  }
  return parts.length > 1 ? parts : null;
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
        ? hyphenatedPlaces(g, lex, surface, s.start) : null;
      if (pair) {
        for (const part of pair) out.push({ ...part, cue: null, fromNer: true, support: 3 });
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
