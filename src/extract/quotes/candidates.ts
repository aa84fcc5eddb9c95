/**
 * Who might have said a quote: the candidates the speaker model ranks. For each quoted passage, within a
 * bounded window (two sentences before it to one after, inside its paragraph, or the end of the previous
 * paragraph when the quote opens its own), every entity mention, personal pronoun, unnamed-speaker phrase
 * ("a police spokesman", "the victim's father") and capitalised name beside a speech verb that the recogniser
 * missed; then the previous quote's speaker, and "nobody". Everything is found by binary search and bounded
 * scans, so a document's quotes cost time in proportion to its length.
 */
import type { Doc, LabeledSpan } from "../../doc/index.js";
import { lowerBound } from "../../doc/index.js";
import type { Entity } from "../../report.js";
import { actorWordLists } from "../../nlp/actors.js";
import { loadLexicon } from "../../lexicon.js";
import { entityMentions, type EntityMention } from "../mentions.js";

export type CandidateKind = "entity" | "pronoun" | "nominal" | "name" | "previous" | "none";

export interface SpeakerCandidate {
  kind: CandidateKind;
  /** the words in the text (for "previous": those of the earlier quote's speaker; for "none": empty) */
  start: number;
  end: number;
  text: string;
  /** the entity meant: the mention's, the pronoun's antecedent, the previous speaker's; null when unnamed */
  entity: Entity | null;
  /** for a pronoun: how its antecedent was chosen */
  resolvedBy?: "previous-speaker" | "nearest-compatible";
}

/** One quote of the "quotes" layer, placed in its sentences and paragraph. */
export interface QuoteSite {
  start: number;
  end: number;
  outerStart: number;
  outerEnd: number;
  firstSentence: number;
  lastSentence: number;
  paragraphStart: number;
  paragraphEnd: number;
  /** where candidates are looked for */
  windowStart: number;
  windowEnd: number;
}

/** What the previous quote's decision hands to the next one. */
export interface PreviousSpeaker {
  candidate: SpeakerCandidate;
  /** the quote it spoke */
  site: QuoteSite;
}

export const PRONOUNS = new Set(["he", "she", "they", "it", "we", "i"]);
const MAX_REACH = 600;

let nounSet: Set<string> | undefined;
/** Nouns that head an unnamed speaker: speaker-nouns.tsv and the one-word titles. */
export function speakerNouns(): Set<string> {
  nounSet ??= new Set([
    ...loadLexicon("en/speaker-nouns.tsv", ["noun"]).map((r) => r.noun),
    ...loadLexicon("en/titles.tsv", ["title"]).map((r) => r.title).filter((t) => !t.includes(" ") && !t.endsWith(".")),
  ]);
  return nounSet;
}

let cueSet: Set<string> | undefined;
/** Words that tie a quote to a speaker: speech-cues.tsv and quote-cues.tsv. */
export function speechCues(): Set<string> {
  cueSet ??= new Set([...actorWordLists().speech, ...loadLexicon("en/quote-cues.tsv", ["cue"]).map((r) => r.cue)]);
  return cueSet;
}

/** Positions of a document that every quote's search reads: built once, looked up by binary search. */
export class QuoteDocIndex {
  readonly mentions: EntityMention[];
  readonly quotes: LabeledSpan[];
  private readonly outerStarts: number[];
  private readonly outerEnds: number[];
  private readonly paragraphStarts: number[];
  /** for each token: the mention covering it, or -1 */
  private readonly tokenMention: Int32Array;

  constructor(readonly doc: Doc) {
    this.mentions = entityMentions(doc);
    this.quotes = doc.layer("quotes");
    this.outerStarts = this.quotes.map((q) => Number(q.attrs?.outerStart ?? q.start - 1));
    this.outerEnds = this.quotes.map((q) => Number(q.attrs?.outerEnd ?? q.end + 1));
    this.paragraphStarts = [0];
    for (let i = doc.text.indexOf("\n"); i >= 0; i = doc.text.indexOf("\n", i + 1)) this.paragraphStarts.push(i + 1);
    this.tokenMention = new Int32Array(doc.tokens.length).fill(-1);
    this.mentions.forEach((m, k) => {
      for (let t = doc.tokenFrom(m.start); t < doc.tokens.length && doc.tokens[t].start < m.end; t++) this.tokenMention[t] = k;
    });
  }

  private surnames: Map<string, Entity> | undefined;

  /** The person whose surname a mention is, when the recogniser typed that mention as something else. */
  personBySurname(m: EntityMention): Entity | null {
    if (!this.surnames) {
      this.surnames = new Map();
      for (const e of this.doc.facts.entities) {
        const parts = e.name.split(/\s+/);
        if (e.kind === "person" && parts.length > 1) this.surnames.set(parts[parts.length - 1], e);
      }
    }
    return this.surnames.get(this.doc.text.slice(m.start, m.end)) ?? null;
  }

  mentionAtToken(t: number): EntityMention | null {
    const k = this.tokenMention[t];
    return k >= 0 ? this.mentions[k] : null;
  }

  /** Index of the sentence holding `offset` (or the last one starting before it). */
  sentenceIndex(offset: number): number {
    const ss = this.doc.sentences;
    let lo = 0;
    let hi = ss.length - 1;
    let best = 0;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (ss[mid].start <= offset) {
        best = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return best;
  }

  paragraphIndex(offset: number): number {
    return lastAtOrBefore(this.paragraphStarts, offset);
  }

  paragraphStart(p: number): number {
    return this.paragraphStarts[Math.max(0, p)];
  }

  paragraphEnd(p: number): number {
    return p + 1 < this.paragraphStarts.length ? this.paragraphStarts[p + 1] - 1 : this.doc.text.length;
  }

  /** Whether `offset` lies inside a quote's marks. */
  insideQuote(offset: number): boolean {
    const k = lastAtOrBefore(this.outerStarts, offset);
    return k >= 0 && offset >= this.outerStarts[k] && offset < this.outerEnds[k];
  }

  outer(k: number): { start: number; end: number } {
    return { start: this.outerStarts[k], end: this.outerEnds[k] };
  }

  /** Mentions starting in [from, to), in text order. */
  mentionsIn(from: number, to: number): EntityMention[] {
    const out: EntityMention[] = [];
    const lo = lowerBound(this.mentions.length, (i) => this.mentions[i].start < from);
    for (let k = lo; k < this.mentions.length && this.mentions[k].start < to; k++) out.push(this.mentions[k]);
    return out;
  }

  site(k: number): QuoteSite {
    const q = this.quotes[k];
    const { start: outerStart, end: outerEnd } = this.outer(k);
    const firstSentence = this.sentenceIndex(outerStart);
    const lastSentence = this.sentenceIndex(Math.max(outerStart, outerEnd - 1));
    const paragraph = this.paragraphIndex(q.start);
    const paragraphStart = this.paragraphStart(paragraph);
    const paragraphEnd = this.paragraphEnd(paragraph);
    const ss = this.doc.sentences;
    const opensParagraph = this.doc.text.slice(paragraphStart, outerStart).trim() === "";
    const reachBack = opensParagraph && paragraph > 0 ? this.paragraphStart(paragraph - 1) : paragraphStart;
    const windowStart = Math.max(reachBack, ss[Math.max(0, firstSentence - 2)]?.start ?? 0, outerStart - MAX_REACH);
    const windowEnd = Math.min(paragraphEnd, ss[Math.min(ss.length - 1, lastSentence + 1)]?.end ?? this.doc.text.length, outerEnd + MAX_REACH);
    return { start: q.start, end: q.end, outerStart, outerEnd, firstSentence, lastSentence, paragraphStart, paragraphEnd, windowStart, windowEnd };
  }
}

function lastAtOrBefore(sorted: readonly number[], value: number): number {
  return lowerBound(sorted.length, (i) => sorted[i] <= value) - 1;
}

const LEFT_OF_NOUN = /^(?:a|an|the|one|another|two|three|several|some|many|his|her|their|its|our|my|your|this|that|these|those)$/i;
const NOT_IN_PHRASE =
  /^(?:and|or|but|that|who|whom|which|what|when|where|while|as|of|to|in|on|at|for|with|by|from|about|than|like|he|she|they|it|we|i|you|is|are|was|were|be|being|been|has|have|had|not|also|could|would|should|will|can|may|might|must|do|does|did)$/i;
const FUNCTION_CAPITALS =
  /^(?:The|A|An|It|This|That|These|Those|But|And|He|She|They|We|I|You|In|On|At|If|When|While|As|So|Yet|Or|According|After|Before|Since|Until|Although|Though|Because|However|Meanwhile|Then|There|Here|What|Why|How|Who|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|June|July|August|September|October|November|December)$/;

const isCapitalised = (s: string): boolean => /^\p{Lu}/u.test(s);
const isWord = (s: string): boolean => /^[\p{L}][\p{L}'’.-]*$/u.test(s);

/** The candidates of one quote, in text order, then "previous" (when there is one) and "none". */
export function quoteCandidates(index: QuoteDocIndex, site: QuoteSite, previous: PreviousSpeaker | null): SpeakerCandidate[] {
  const { doc } = index;
  const out: SpeakerCandidate[] = [];
  const taken = new Set<number>();
  const usable = (start: number) => !(start >= site.outerStart && start < site.outerEnd) && !index.insideQuote(start);
  for (const m of index.mentionsIn(site.windowStart, site.windowEnd)) {
    if (m.end > site.windowEnd || !usable(m.start) || taken.has(m.start)) continue;
    // "Port Authority spokeswoman Abena Osei": the organisation names whom the speaker speaks for
    if (m.entity.kind !== "person" && nearbyMention(index, doc.tokenFrom(m.end), 1)?.entity.kind === "person") continue;
    taken.add(m.start);
    out.push({ kind: "entity", start: m.start, end: m.end, text: doc.text.slice(m.start, m.end), entity: m.entity });
  }
  const cues = speechCues();
  const nouns = speakerNouns();
  const first = doc.tokenFrom(site.windowStart);
  for (let t = first; t < doc.tokens.length && doc.tokens[t].end <= site.windowEnd; t++) {
    const tok = doc.tokens[t];
    if (!usable(tok.start) || index.mentionAtToken(t)) continue;
    const word = doc.tokenText(t);
    const lower = word.toLowerCase();
    if (PRONOUNS.has(lower)) {
      if (lower === "i" && word !== "I") continue;
      const resolved = resolveSpeakerPronoun(index, lower, tok.start, previous, t);
      out.push({ kind: "pronoun", start: tok.start, end: tok.end, text: word, entity: resolved?.entity ?? null, resolvedBy: resolved?.by });
      continue;
    }
    const nextWord = t + 1 < doc.tokens.length ? doc.tokenText(t + 1) : "";
    // a noun before "'s" owns the head that follows ("the victim's father"); one before a name is its title
    const possessor = /^['’]s$/.test(nextWord);
    const title = t + 1 < doc.tokens.length && index.mentionAtToken(t + 1) !== null && isCapitalised(nextWord);
    if (nouns.has(lower) && !possessor && !title) {
      const start = nominalStart(index, t, site.windowStart);
      // a bare singular role ("where he is president") names nobody unless a person stands in apposition
      const bare = start === tok.start && !/s$/.test(lower);
      if (!bare || appositivePerson(index, tok.end) || personBeforeApposition(index, start)) addNominal(start, tok.end);
      continue;
    }
    if (cues.has(lower)) {
      for (const name of [nameRun(index, t + 1, 1, site.windowEnd), nameRun(index, t - 1, -1, site.windowStart)]) {
        if (name && usable(name.start) && !taken.has(name.start)) {
          taken.add(name.start);
          out.push({ kind: "name", start: name.start, end: name.end, text: doc.text.slice(name.start, name.end), entity: null });
        }
      }
      // "the company's statement said", "said the harbour pilot": any noun phrase as subject of the cue
      const subject = subjectBefore(index, t, site.windowStart);
      if (subject && usable(subject.start)) addNominal(subject.start, subject.end);
      const inverted = subjectAfter(index, t, site.windowEnd);
      if (inverted && usable(inverted.start)) addNominal(inverted.start, inverted.end);
    }
  }
  function addNominal(start: number, end: number): void {
    if (taken.has(start) || taken.has(-end - 1)) return;
    taken.add(start);
    taken.add(-end - 1);
    out.push({ kind: "nominal", start, end, text: doc.text.slice(start, end), entity: appositivePerson(index, end) ?? personBeforeApposition(index, start) });
  }
  out.sort((a, b) => a.start - b.start);
  if (previous && previous.candidate.kind !== "none") {
    const p = previous.candidate;
    out.push({ kind: "previous", start: p.start, end: p.end, text: p.text, entity: p.entity });
  }
  out.push({ kind: "none", start: -1, end: -1, text: "", entity: null });
  return out;
}

/** "the victim's father", "a senior police spokesman": back from the head noun over its modifiers. */
function nominalStart(index: QuoteDocIndex, head: number, floor: number): number {
  const { doc } = index;
  let start = doc.tokens[head].start;
  for (let t = head - 1, steps = 0; t >= 0 && steps < 5 && doc.tokens[t].start >= floor; t--, steps++) {
    const w = doc.tokenText(t);
    if (w === "'s" || w === "’s") {
      start = doc.tokens[t].start;
      continue;
    }
    if (!isWord(w) || NOT_IN_PHRASE.test(w) || speechCues().has(w.toLowerCase()) || index.insideQuote(doc.tokens[t].start)) break;
    start = doc.tokens[t].start;
    if (LEFT_OF_NOUN.test(w)) break;
  }
  return start;
}

const AUXILIARY = /^(?:has|had|have|also|later|then|once|again|\p{L}+ly)$/iu;

/** The noun phrase right before speech verb `cue` whose head no mention or pronoun covers. */
function subjectBefore(index: QuoteDocIndex, cue: number, floor: number): { start: number; end: number } | null {
  const { doc } = index;
  let head = cue - 1;
  while (head > 0 && AUXILIARY.test(doc.tokenText(head)) && cue - head < 3) head--;
  if (head < 0 || doc.tokens[head].start < floor) return null;
  const w = doc.tokenText(head);
  if (!isWord(w) || NOT_IN_PHRASE.test(w) || PRONOUNS.has(w.toLowerCase()) || index.mentionAtToken(head) || isCapitalised(w)) return null;
  if (speechCues().has(w.toLowerCase())) return null;
  // a subject opens with a determiner or a name ("Mensah's office said"), or its noun names speakers:
  // "effectively bar any parent" is no speaker
  const start = nominalStart(index, head, floor);
  const opener = doc.tokenText(doc.tokenFrom(start));
  if (!LEFT_OF_NOUN.test(opener) && !isCapitalised(opener) && !speakerNouns().has(w.toLowerCase())) return null;
  return { start, end: doc.tokens[head].end };
}

/** "said the harbour pilot", "wrote one reader": a determiner right after the cue opens the speaker's phrase. */
function subjectAfter(index: QuoteDocIndex, cue: number, limit: number): { start: number; end: number } | null {
  const { doc } = index;
  const first = cue + 1;
  if (first >= doc.tokens.length || !LEFT_OF_NOUN.test(doc.tokenText(first)) || /^(?:that|this|these|those)$/i.test(doc.tokenText(first))) return null;
  let end = -1;
  for (let t = first + 1; t < doc.tokens.length && t < first + 6 && doc.tokens[t].end <= limit; t++) {
    const w = doc.tokenText(t);
    if (/^['’]s$/.test(w)) continue;
    if (!isWord(w) || NOT_IN_PHRASE.test(w) || index.insideQuote(doc.tokens[t].start)) break;
    if (index.mentionAtToken(t) && !(t + 1 < doc.tokens.length && /^['’]s$/.test(doc.tokenText(t + 1)))) return null;
    end = doc.tokens[t].end;
  }
  return end > 0 ? { start: doc.tokens[first].start, end } : null;
}

/** Capitalised words next to a speech verb that no mention covers ("Osei said", "said Mensah"). */
function nameRun(index: QuoteDocIndex, from: number, step: 1 | -1, limit: number): { start: number; end: number } | null {
  const { doc } = index;
  let t = from;
  let start = -1;
  let end = -1;
  for (let n = 0; n < 4 && t >= 0 && t < doc.tokens.length; n++, t += step) {
    const tok = doc.tokens[t];
    if (step === 1 ? tok.end > limit : tok.start < limit) break;
    const w = doc.tokenText(t);
    if (!isCapitalised(w) || !isWord(w) || index.mentionAtToken(t) || PRONOUNS.has(w.toLowerCase())) break;
    if (FUNCTION_CAPITALS.test(w)) break;
    if (start < 0 || tok.start < start) start = tok.start;
    if (tok.end > end) end = tok.end;
  }
  // "said Colonel Abena Mensah": capitals that run into a name are its title, not another speaker
  if (t >= 0 && t < doc.tokens.length && index.mentionAtToken(t)) return null;
  return start >= 0 ? { start, end } : null;
}

const PERSON_PRONOUNS = new Set(["he", "she"]);
const CONTINUING_CUES = /^(?:added|adding|adds|continued|continues|went|goes|concluded|explained|insisted)$/;

/**
 * Who a pronoun before or after a quote refers to. "He added" and any he/she right by a quote whose previous
 * quote had a person speaker nearby mean that speaker; otherwise the nearest person before it (for he/she), or
 * the nearest group (for they/it/we). Gender is read from an honorific (Mr, Mrs, Ms) when the text gives one.
 */
export function resolveSpeakerPronoun(
  index: QuoteDocIndex,
  pronoun: string,
  offset: number,
  previous: PreviousSpeaker | null,
  token: number,
): { entity: Entity; by: "previous-speaker" | "nearest-compatible" } | null {
  const { doc } = index;
  const person = PERSON_PRONOUNS.has(pronoun);
  if (pronoun === "i") return null;
  const fits = (e: Entity): boolean => {
    if (!person) return e.kind !== "person" && e.kind !== "civilians";
    if (e.kind !== "person") return false;
    const g = entityGender(doc, e);
    return g === null || (g === "male") === (pronoun === "he");
  };
  const prevEntity = previous?.candidate.entity;
  if (prevEntity && fits(prevEntity) && offset - previous.site.outerEnd < 1200) {
    const next = token + 1 < doc.tokens.length ? doc.tokenText(token + 1).toLowerCase() : "";
    const nearestOther = nearestFitting(index, offset, fits);
    if (CONTINUING_CUES.test(next) || !nearestOther || nearestOther.entity.id === prevEntity.id) return { entity: prevEntity, by: "previous-speaker" };
    // a person named since the last quote is the likelier antecedent only when it stands as a subject
    if (nearestOther.start < previous.site.outerEnd) return { entity: prevEntity, by: "previous-speaker" };
    return { entity: nearestOther.entity, by: "nearest-compatible" };
  }
  const nearest = nearestFitting(index, offset, fits);
  return nearest ? { entity: nearest.entity, by: "nearest-compatible" } : null;
}

const LOOK_BACK = 1500;
const NOT_SUBJECT_BEFORE = /\b(?:of|for|with|against|to|from|about|by|on|at|in|into|than)\s+(?:the\s+)?$/i;

/** The last fitting mention before `offset` (within a bounded distance), not one after a preposition. */
function nearestFitting(index: QuoteDocIndex, offset: number, fits: (e: Entity) => boolean): EntityMention | null {
  const list = index.mentionsIn(Math.max(0, offset - LOOK_BACK), offset);
  for (let k = list.length - 1; k >= 0; k--) {
    const m = list[k];
    const entity = fits(m.entity) ? m.entity : index.personBySurname(m);
    if (!entity || !fits(entity) || index.insideQuote(m.start)) continue;
    if (NOT_SUBJECT_BEFORE.test(index.doc.text.slice(Math.max(0, m.start - 20), m.start))) continue;
    if (/^['’]s\b/.test(index.doc.text.slice(m.end, m.end + 3))) continue;
    return entity === m.entity ? m : { ...m, entity };
  }
  return null;
}

const genderCache = new WeakMap<Entity, "male" | "female" | null>();

/** "Mr Smith" is male and "Mrs Smith", "Ms Smith" female, when any mention is written so. */
export function entityGender(doc: Doc, e: Entity): "male" | "female" | null {
  if (genderCache.has(e)) return genderCache.get(e) ?? null;
  let g: "male" | "female" | null = null;
  for (const m of e.mentions.slice(0, 20)) {
    const before = doc.text.slice(Math.max(0, m.start - 6), m.start);
    if (/\bMr\.?\s+$/.test(before)) g = "male";
    else if (/\b(?:Mrs|Ms|Miss)\.?\s+$/.test(before)) g = "female";
    if (g) break;
  }
  genderCache.set(e, g);
  return g;
}

/** A mention reached from token `from` stepping by `step` over at most three lower-case words ending in a title. */
export function nearbyMention(index: QuoteDocIndex, from: number, step: 1 | -1): EntityMention | null {
  const { doc } = index;
  for (let t = from, n = 0; t >= 0 && t < doc.tokens.length && n < 4; t += step, n++) {
    const m = index.mentionAtToken(t);
    // only across a title: "Port Authority spokeswoman Abena Osei", not "coalition member Ruritania said"
    if (m) return n > 0 && speakerNouns().has(doc.tokenText(t - step).toLowerCase()) ? m : null;
    if (!/^\p{Ll}[\p{Ll}-]*$/u.test(doc.tokenText(t))) return null;
  }
  return null;
}

/**
 * "the spokesman, Kofi Mensah, said", "the spokesman of the port authority, Kofi Mensah", "its spokesperson,
 * who goes by Kofi Mensah, said": a person named in apposition right after an unnamed speaker's phrase is who
 * it is (within a few words, before any clause ends).
 */
export function appositivePerson(index: QuoteDocIndex, end: number): Entity | null {
  const { doc } = index;
  for (let t = doc.tokenFrom(end), n = 0; t + 1 < doc.tokens.length && n < 10; t++, n++) {
    const w = doc.tokenText(t);
    if (w === ",") {
      // a title may stand before the name ("ASP Kofi Mensah")
      for (let k = t + 1; k < t + 3 && k < doc.tokens.length; k++) {
        const m = index.mentionAtToken(k);
        if (m) return m.entity.kind === "person" && m.start === doc.tokens[k].start ? m.entity : null;
        if (!/^\p{Lu}/u.test(doc.tokenText(k))) break;
      }
      // "its spokesperson, who goes by the name Kofi Mensah, said": the apposition closes on the name
      for (let k = t + 1; k < t + 14 && k < doc.tokens.length; k++) {
        const w2 = doc.tokenText(k);
        if (w2 === ",") {
          const m = index.mentionAtToken(k - 1);
          return m && m.entity.kind === "person" && m.end === doc.tokens[k - 1].end ? m.entity : null;
        }
        if (/^["“”.;:!?]$/.test(w2)) break;
      }
      return null;
    }
    if (/^["“”.;:!?]$/.test(w) || index.insideQuote(doc.tokens[t].start) || speechCues().has(w.toLowerCase())) return null;
  }
  return null;
}

/** "Abena Mensah, spokesman of the port authority": the person the phrase stands in apposition to. */
function personBeforeApposition(index: QuoteDocIndex, start: number): Entity | null {
  const { doc } = index;
  const comma = doc.tokenFrom(start) - 1;
  if (comma < 1 || doc.tokenText(comma) !== ",") return null;
  const m = index.mentionAtToken(comma - 1);
  return m && m.entity.kind === "person" && m.end === doc.tokens[comma - 1].end ? m.entity : null;
}
