/**
 * Actor mentions found by rule and lexicon, the part of "recognise" that needs no statistics:
 * the conflict-actor lexicon (lexicons/_shared/actors.tsv), acronyms defined in the text
 * ("Syrian Democratic Forces (SDF)"), "<demonym|country> <forces|government|...>" groups, "<X>-led coalition",
 * titled people ("SDF spokesman Gabriel Kino") and capitals standing for governments ("Berlin has earmarked").
 */
import type { Doc, LabeledSpan } from "../doc/index.js";
import type { EntityKind } from "../report.js";
import { loadLexicon } from "../lexicon.js";
import { loadGazetteer } from "../resolve/geo/index.js";
import { tokenize } from "./tokenize.js";

export interface ActorRow {
  name: string;
  kind: EntityKind;
  country: string | null;
  aliases: string[];
  metonym: boolean;
  /** where an armed group or a state's forces fight (ISO2), for the place resolver's article context */
  activeIn: string[];
}

interface AliasEntry {
  row: ActorRow;
  words: string[];
  /** short all-capital acronyms match in capitals only ("IS" is not "is") */
  caseSensitive: boolean;
}

interface ActorIndex {
  rows: ActorRow[];
  byName: Map<string, ActorRow>;
  /** first word (lower-cased) -> aliases starting with it, longest first */
  byFirstWord: Map<string, AliasEntry[]>;
}

let index: ActorIndex | undefined;

function words(s: string): string[] {
  return tokenize(s).map((t) => s.slice(t.start, t.end));
}

/** The conflict-actor lexicon, indexed for longest-match lookup. */
export function actorLexicon(): ActorIndex {
  if (index) return index;
  const rows: ActorRow[] = loadLexicon("_shared/actors.tsv", ["name", "kind"]).map((r) => ({
    name: r.name,
    kind: r.kind as EntityKind,
    country: r.country || null,
    aliases: r.aliases ? r.aliases.split("|").map((a) => a.trim()).filter(Boolean) : [],
    metonym: r.metonym === "yes",
    activeIn: r.active_in ? r.active_in.split("|").filter(Boolean) : [],
  }));
  const byFirstWord = new Map<string, AliasEntry[]>();
  const byName = new Map<string, ActorRow>();
  for (const row of rows) {
    byName.set(row.name.toLowerCase(), row);
    for (const surface of [row.name, ...row.aliases]) {
      byName.set(surface.toLowerCase(), byName.get(surface.toLowerCase()) ?? row);
      const w = words(surface);
      if (w.length === 0) continue;
      const entry = { row, words: w, caseSensitive: /^[\p{Lu}.]{1,5}$/u.test(surface) };
      const key = w[0].toLowerCase();
      const list = byFirstWord.get(key) ?? [];
      list.push(entry);
      list.sort((a, b) => b.words.length - a.words.length);
      byFirstWord.set(key, list);
    }
  }
  index = { rows, byName, byFirstWord };
  return index;
}

interface WordLists {
  generic: { words: string[]; name: string; kind: EntityKind; unidentified: boolean }[];
  titles: { words: string[] }[];
  orgHeads: Map<string, EntityKind>;
  actorHeads: { words: string[]; kind: EntityKind; name: string }[];
  speech: Set<string>;
}
let lists: WordLists | undefined;
export function actorWordLists(): WordLists {
  lists ??= {
    generic: loadLexicon("en/generic-actors.tsv", ["noun", "name", "kind", "unidentified"])
      .map((r) => ({ words: r.noun.split(" "), name: r.name, kind: r.kind as EntityKind, unidentified: r.unidentified === "yes" }))
      .sort((a, b) => b.words.length - a.words.length),
    titles: loadLexicon("en/titles.tsv", ["title"]).map((r) => ({ words: r.title.split(" ") })).sort((a, b) => b.words.length - a.words.length),
    orgHeads: new Map(loadLexicon("en/org-heads.tsv", ["head", "kind"]).map((r) => [r.head, r.kind as EntityKind])),
    actorHeads: loadLexicon("en/actor-heads.tsv", ["head", "kind", "name"])
      .map((r) => ({ words: r.head.split(" "), kind: r.kind as EntityKind, name: r.name }))
      .sort((a, b) => b.words.length - a.words.length),
    speech: new Set(loadLexicon("en/speech-cues.tsv", ["cue"]).map((r) => r.cue)),
  };
  return lists;
}

const CONNECTORS = new Set(["of", "for", "to", "the", "and", "al", "de", "du", "des", "la", "el", "on", "in", "against", "&"]);
const isCapitalised = (w: string) => /^[\p{Lu}]/u.test(w);
const isAcronym = (w: string) => /^[\p{Lu}][\p{Lu}\d.&-]{1,9}$/u.test(w) && /[\p{Lu}].*[\p{Lu}]|^[\p{Lu}]{2,}/u.test(w);

/** Words of the doc, for rule matching. */
function docWords(doc: Doc): string[] {
  return doc.tokens.map((t) => doc.text.slice(t.start, t.end));
}

function spanOf(doc: Doc, first: number, endToken: number, label: string, kb: string, attrs?: Record<string, string>, score = 0.9): LabeledSpan {
  return { start: doc.tokens[first].start, end: doc.tokens[endToken - 1].end, label, kb, attrs, score };
}

/** Lexicon matches: longest alias first, acronyms case-sensitive. */
function matchLexicon(doc: Doc, w: string[]): LabeledSpan[] {
  const { byFirstWord } = actorLexicon();
  const out: LabeledSpan[] = [];
  for (let i = 0; i < w.length; i++) {
    const candidates = byFirstWord.get(w[i].toLowerCase());
    if (!candidates) continue;
    for (const c of candidates) {
      const n = c.words.length;
      if (i + n > w.length) continue;
      let ok = true;
      let anyCap = false;
      for (let k = 0; k < n && ok; k++) {
        const have = w[i + k];
        ok = c.caseSensitive ? have === c.words[k] : have.toLowerCase() === c.words[k].toLowerCase();
        if (isCapitalised(have)) anyCap = true;
      }
      if (!ok || !anyCap) continue;
      // "IS" inside a run of capitals ("IS THIS") is a headline, not the group
      if (c.caseSensitive && n === 1 && c.words[0].length <= 2 && (/^\p{Lu}{2,}$/u.test(w[i - 1] ?? "") || /^\p{Lu}{2,}$/u.test(w[i + 1] ?? ""))) continue;
      const attrs = { ...(c.row.country ? { country: c.row.country } : {}), ...(c.row.activeIn.length ? { activeIn: c.row.activeIn.join("|") } : {}) };
      out.push(spanOf(doc, i, i + n, c.row.kind, c.row.name, Object.keys(attrs).length ? attrs : undefined, 0.95));
      i += n - 1;
      break;
    }
  }
  return out;
}

export interface AcronymDefinition {
  long: LabeledSpan;
  short: LabeledSpan;
}

/** "Syrian Democratic Forces (SDF)": the capitalised words before the brackets whose initials spell the acronym. */
export function findAcronymDefinitions(doc: Doc): AcronymDefinition[] {
  const w = docWords(doc);
  const out: AcronymDefinition[] = [];
  for (let i = 2; i + 2 < w.length; i++) {
    if (w[i] !== "(" || w[i + 2] !== ")" || !isAcronym(w[i + 1])) continue;
    const letters = w[i + 1].replace(/[^\p{Lu}]/gu, "");
    const initials: string[] = [];
    let first = -1;
    for (let j = i - 1; j >= 0 && i - j <= 10; j--) {
      const word = w[j];
      if (CONNECTORS.has(word.toLowerCase())) continue;
      if (!isCapitalised(word)) break;
      initials.unshift(...word.split("-").filter((p) => /^\p{Lu}/u.test(p)).map((p) => p[0]));
      if (initials.join("") === letters || (initials.length >= letters.length && initials.slice(-letters.length).join("") === letters)) {
        first = j;
        break;
      }
    }
    if (first < 0) continue;
    const long = spanOf(doc, first, i, "organization", doc.text.slice(doc.tokens[first].start, doc.tokens[i - 1].end));
    out.push({ long, short: spanOf(doc, i + 1, i + 2, "organization", long.kb ?? "") });
  }
  return out;
}

/**
 * "<Iraqi|Iraq's|US> <forces|government|troops>", "<Saudi|US>-led coalition": group actors named by
 * their country. kb is the canonical name ("Iraqi forces"), attrs.country the ISO code.
 */
function matchCountryGroups(doc: Doc, w: string[]): LabeledSpan[] {
  const gaz = loadGazetteer();
  const { actorHeads } = actorWordLists();
  const out: LabeledSpan[] = [];
  for (let i = 0; i < w.length; i++) {
    const word = w[i];
    if (!isCapitalised(word)) continue;
    const led = /^(.+)-(led|backed)$/.exec(word);
    if (led && w[i + 1]?.toLowerCase() === "coalition" && led[2] === "led") {
      const country = gaz.countryByName(led[1]);
      out.push(spanOf(doc, i, i + 2, "military", `${led[1]}-led coalition`, country ? { country: country.code } : undefined, 0.85));
      i += 1;
      continue;
    }
    const country = gaz.countryByName(word);
    if (!country) continue;
    let j = i + 1;
    if (w[j] === "'s" || w[j] === "’s") j++;
    for (const head of actorHeads) {
      const n = head.words.length;
      if (head.words.every((hw, k) => w[j + k]?.toLowerCase() === hw)) {
        const demonym = country.demonyms[0] ?? word;
        const name = `${/^\p{Lu}/u.test(word) && j === i + 1 && word !== country.name ? word : demonym} ${head.name}`;
        out.push(spanOf(doc, i, j + n, head.kind, name, { country: country.code }, 0.85));
        i = j + n - 1;
        break;
      }
    }
  }
  return out;
}

let actorVerbs: Set<string> | undefined;
/** Verbs after which a capital or a country is an actor (lexicons/en/actor-verbs.tsv). */
function isActorVerb(word: string): boolean {
  actorVerbs ??= new Set(loadLexicon("en/actor-verbs.tsv", ["verb"]).map((r) => r.verb));
  return actorVerbs.has(word.toLowerCase());
}

/** A capital city that acts or speaks stands for its government ("Berlin has earmarked", "Washington will"). */
function matchCapitalMetonyms(doc: Doc, w: string[]): LabeledSpan[] {
  const gaz = loadGazetteer();
  const out: LabeledSpan[] = [];
  for (let i = 0; i < w.length - 1; i++) {
    if (!isCapitalised(w[i])) continue;
    if (i > 0 && /^(?:in|at|to|from|near|of|outside|into|via|around)$/i.test(w[i - 1])) continue;
    if (!isActorVerb(w[i + 1])) continue;
    const country = gaz.isCapital(w[i]);
    if (!country) continue;
    const demonym = country.demonyms[0] ?? country.name;
    out.push(spanOf(doc, i, i + 1, "government", `${demonym} government`, { country: country.code, metonym: "capital" }, 0.8));
  }
  return out;
}

function titleAt(w: string[], i: number): number {
  const { titles } = actorWordLists();
  for (const t of titles) {
    if (t.words.every((tw, k) => w[i + k]?.toLowerCase() === tw)) return t.words.length;
  }
  return 0;
}

/** A word that can be part of a person's name: "Kino", "W.", "al-Assad". */
export const NAME_WORD = /^\p{Lu}[\p{Ll}\p{M}'’-]+(?:-\p{Lu}[\p{Ll}\p{M}]+)?$|^\p{Lu}\.$|^(?:al|el|bin|ibn|van|von|de|da|abu|abdel)(?:-\p{L}[\p{Ll}\p{M}-]*)?$/u;

/** "<title> <Capitalised Name>": people introduced by a title or role word. */
function matchTitledPeople(doc: Doc, w: string[], taken: (i: number) => boolean): LabeledSpan[] {
  const out: LabeledSpan[] = [];
  for (let i = 0; i < w.length; i++) {
    const n = titleAt(w, i);
    if (!n) continue;
    let j = i + n;
    const first = j;
    while (j < w.length && j - first < 4 && NAME_WORD.test(w[j]) && !taken(j) && !titleAt(w, j)) j++;
    // a person needs a name of two words, or one word that is not a common capitalised word after a title
    if (j - first >= 2 || (j - first === 1 && w[first].length > 2 && !/^(?:The|A|An|Of|In|On)$/.test(w[first]))) {
      if (j - first === 1 && CONNECTORS.has(w[first].toLowerCase())) continue;
      out.push(spanOf(doc, first, j, "person", doc.text.slice(doc.tokens[first].start, doc.tokens[j - 1].end), { titleStart: String(i), titleEnd: String(i + n) }, 0.8));
      // "reporters Hanna Girma and Yonas Bekele": a plural title covers the names joined to the first
      if (/s$/i.test(w[i + n - 1]) && /^(?:and|,)$/.test(w[j] ?? "")) {
        let k = j + 1;
        while (k < w.length && k - (j + 1) < 4 && NAME_WORD.test(w[k]) && !taken(k)) k++;
        if (k - (j + 1) >= 2) {
          out.push(spanOf(doc, j + 1, k, "person", doc.text.slice(doc.tokens[j + 1].start, doc.tokens[k - 1].end), { titleStart: String(i), titleEnd: String(i + n) }, 0.75));
          j = k;
        }
      }
      i = j - 1;
    }
  }
  return out;
}

/** "gunmen", "protesters", "villagers": actors news names by a common noun (lexicons/en/generic-actors.tsv). */
function matchGenericActors(doc: Doc, w: string[]): LabeledSpan[] {
  const { generic } = actorWordLists();
  const out: LabeledSpan[] = [];
  for (let i = 0; i < w.length; i++) {
    for (const g of generic) {
      if (!g.words.every((gw, k) => w[i + k]?.toLowerCase() === gw)) continue;
      out.push(spanOf(doc, i, i + g.words.length, g.kind, g.name, { generic: "yes", unidentified: g.unidentified ? "yes" : "no" }, 0.6));
      i += g.words.length - 1;
      break;
    }
  }
  return out;
}

const LOCATIVE = /^(?:in|at|to|from|near|of|outside|inside|into|via|around|across|within|throughout|towards?|through|over|along|between|borders?|bordering|entered|crossed|fled|visited|reached)$/i;

/** The word before a list of names ("Cuba, Norway, Mexico and Venezuela"): what governs the whole list. */
function wordBeforeList(w: string[], i: number): string | undefined {
  let k = i - 1;
  while (k >= 1 && (w[k] === "," || /^(?:and|or)$/i.test(w[k])) && isCapitalised(w[k - 1])) k -= 2;
  return w[k];
}

/**
 * "Germany pledged", "Cuba, Norway and Mexico act as guarantors", "Chad's army": a country named other than as
 * a location is an actor (kind country), besides being a place.
 */
function matchActingCountries(doc: Doc, w: string[]): LabeledSpan[] {
  const gaz = loadGazetteer();
  const out: LabeledSpan[] = [];
  for (let i = 0; i < w.length - 1; i++) {
    if (!isCapitalised(w[i])) continue;
    const before = wordBeforeList(w, i);
    if (before !== undefined && LOCATIVE.test(before)) continue;
    let n = 1;
    let country = gaz.countryByName(w[i]);
    // two-word names ("South Sudan", "United Kingdom")
    const two = i + 1 < w.length ? gaz.countryByName(`${w[i]} ${w[i + 1]}`) : null;
    if (two && isCapitalised(w[i + 1])) {
      country = two;
      n = 2;
    }
    if (!country || country.demonyms.map((d) => d.toLowerCase()).includes(w[i].toLowerCase())) continue;
    // a country at a sentence's start is only an actor when a verb or a list follows, not "Syria 's north"
    // an adverb between the country and its verb ("Germany separately pledged") is skipped
    const next = /ly$/.test(w[i + n] ?? "") ? w[i + n + 1] ?? "" : w[i + n] ?? "";
    if (before === undefined || /^[.!?"“]$/.test(before)) {
      if (!isActorVerb(next) && !/ed$/.test(next) && next !== "," && !/^(?:and|act|acts|has|have)$/.test(next)) continue;
    }
    out.push(spanOf(doc, i, i + n, "country", country.name, { country: country.code }, 0.75));
  }
  return out;
}

/**
 * Every actor mention the rules and lexicons find, as the "actors" layer: label = entity kind,
 * kb = canonical name, attrs.country when known, attrs.activeIn (|-separated) where the lexicon says where it fights. Metonymic capitals also go to the "metonyms" layer.
 */
export function findActorMentions(doc: Doc): { actors: LabeledSpan[]; metonyms: LabeledSpan[]; acronyms: AcronymDefinition[] } {
  const w = docWords(doc);
  const lexicon = matchLexicon(doc, w);
  const groups = matchCountryGroups(doc, w);
  const capitals = matchCapitalMetonyms(doc, w);
  const acronyms = findAcronymDefinitions(doc);
  const covered = new Set<number>();
  const all: LabeledSpan[] = [];
  const add = (s: LabeledSpan) => {
    const first = doc.tokenAt(s.start);
    const last = doc.tokenAt(s.end - 1);
    for (let k = first; k <= last; k++) if (covered.has(k)) return;
    for (let k = first; k <= last; k++) covered.add(k);
    all.push(s);
  };
  // longer, more specific matches first
  [...lexicon, ...groups, ...capitals].sort((a, b) => b.end - b.start - (a.end - a.start)).forEach(add);
  for (const a of acronyms) {
    add(a.long);
    add(a.short);
  }
  matchTitledPeople(doc, w, (i) => covered.has(i)).forEach(add);
  matchActingCountries(doc, w).forEach(add);
  // a generic noun right after a named actor is that actor ("M23 rebels", "Houthi fighters")
  for (const g of matchGenericActors(doc, w)) {
    const first = doc.tokenAt(g.start);
    if (first > 0 && covered.has(first - 1) && /^\p{Lu}/u.test(w[first - 1])) continue;
    add(g);
  }
  // the dateline says where the report was filed and by whom, not who acted: only its agency is an actor
  const dateline = doc.meta.datelineSpan;
  if (dateline) {
    for (let k = all.length - 1; k >= 0; k--) if (all[k].start < dateline.end) all.splice(k, 1);
    if (dateline.agency) {
      const at = doc.text.indexOf(dateline.agency, dateline.start);
      if (at >= 0 && at < dateline.end) all.unshift({ start: at, end: at + dateline.agency.length, label: "media", kb: dateline.agency, score: 0.9 });
    }
  }
  const metonyms = [
    ...capitals,
    ...lexicon.filter((s) => actorLexicon().byName.get((s.kb ?? "").toLowerCase())?.metonym),
  ];
  return { actors: all.sort((a, b) => a.start - b.start), metonyms, acronyms };
}
