/**
 * Counting people, per happening: how many were killed and how many injured, read from every sentence that
 * tells the frame, not only from numbered phrases. "A six-year-old boy was shot and killed" is one killed with
 * no number in it; "double homicide" is two; an age is never a count. Each candidate figure (0, 1, 2, the
 * numbered figures of the frame, the people named dying) is scored by a linear model over named features and
 * the best wins; trained on GVDB's per-victim outcomes (`npm run train:counts`, models/frames/counts.json).
 */
import type { Doc } from "../../doc/index.js";
import type { Count } from "../../report.js";
import type { Frame } from "./features.js";
import { scoreFeatures, type LinearModel } from "./model.js";
import { addsToEarlier, findCasualties, OTHER_DEATH, REACTION, sentenceCount } from "../casualties.js";

export type Outcome = "killed" | "injured";

/** What a frame's sentences say about one outcome, as evidence for the count. */
export interface CountEvidence {
  /** the numbered figures the casualty patterns found, best values */
  numbered: number[];
  /** sentences of the frame whose words say someone died (or was hurt) */
  sentences: number;
  /** ... of them, those with a singular subject ("a man was", "he died", "the victim") */
  singular: number;
  /** distinct people (entity ids) named in those sentences */
  named: number;
  /** "double" 2, "triple" 3 before a killing word; 0 when none */
  multiple: number;
  /** the headline or the first sentence says it */
  lead: boolean;
  /** a sentence says people were shot (hit), which counts the dead among them ("three shot, one fatally") */
  hit: boolean;
  /** sentences that say someone was hurt and that no one died: a wound, a hospital, a condition (injured only) */
  survived: number;
  /** ... of them, those that give a condition or a recovery ("in stable condition", "expected to survive") */
  condition: number;
  /** two people were hit: "both victims", "double shooting", "a second victim", "a man and a woman were shot" */
  pair: boolean;
  /** people named in the survivors' sentences and in no sentence that tells a death (injured only): a man taken to a
   * hospital who died there is no survivor */
  survivorsNamed: number;
  /** the total the text itself states, last told ("a total of 12 dead"): it sums up the figures it reports
   * (killed only); null when none */
  settled: number | null;
  /** tolls a later sentence tells over the one told before ("3 guards were also killed", "another 5 died"): they
   * add to it (killed only; 0 when none) */
  addedOver: number;
  /** the numbered figures of the sentences that tell no such added toll */
  base: number[];
  /** tolls of different sides told in different sentences ("killing two guards. Nine rebels were killed"):
   * their sum, each side's largest figure, when every numbered sentence names its side and they are not all one
   * (killed only; null otherwise) */
  sides: number | null;
}

const HIT = /\b(?:was|were|been|being)\s+shot\b(?!\s+(?:and\s+)?(?:killed|dead|(?:later\s+)?died))/i;

const OUTCOME_WORDS: Record<Outcome, RegExp> = {
  killed: /\b(?:killed|killing|died|dies|dead|death|deaths|fatal(?:ly)?|homicides?|murder(?:ed|s)?|slain|assassinated|executed|beheaded|lynched|gunned down|pronounced dead|bod(?:y|ies)|lost (?:his|her) life|succumbed)\b/i,
  injured: /\b(?:injur(?:ed|y|ies)|wounded|wounds?|hospitali[sz]ed|hospital|shot|grazed|condition|survive[sd]?|recovering|treated)\b/i,
};
const SINGULAR = /\b(?:a|an|the|one)\s+(?:[\p{L}\d-]+\s+){0,3}?(?:man|woman|boy|girl|teen|teenager|child|person|victim|driver|officer|suspect|resident|student|father|mother|son|daughter|husband|wife|brother|sister|toddler|infant|baby)\b|\b(?:he|she|him|her)\b/iu;
/** a killing phrase in which "shot" or "wound" tells the death, not a survivor's injury */
const KILLING_PHRASE = /\b(?:shot (?:and killed|dead|to death)|(?:shot|stabbed|wounded|injured|hit) and (?:later )?died|fatally (?:shot|wounded)|died (?:of|from) (?:his|her|their|a|the)?\s*(?:gunshot )?(?:wounds?|injuries))\b/gi;
/** the sentence says no one was hurt ("no one was injured", "not hurt", "unharmed") */
const UNHURT = /\b(?:no(?:\s+one|body)?\b[^.;]{0,30}?\b(?:injur|hurt|wound)|(?:not|n't)\s+(?:been\s+)?(?:injured|hurt|wounded|struck|hit)|unharmed|uninjured)/i;
const CONDITION = /\b(?:(?:critical|stable|serious|fair|good|grave|guarded)\b[^.;]{0,20}?\bcondition|non[- ]?life[- ]?threatening|expected to (?:survive|recover|be (?:ok|okay|fine))|is recovering|(?:was|were) released from|treated and released|survived)\b/i;
const PAIR = /\b(?:both (?:victims|men|women|were|are|of them|people|teens)|double shooting|two victims|a second (?:victim|man|woman|person)|the other (?:victim|man|woman|person)|(?:a|an|the)\s+(?:[\p{L}\d-]+\s+){0,3}?(?:man|woman|boy|girl|teen|teenager)\s+and\s+(?:a|an|the)\s+(?:[\p{L}\d-]+\s+){0,3}?(?:man|woman|boy|girl|teen|teenager)\s+were\s+(?:shot|wounded|injured|hit))\b/iu;
/** "a total of 12 dead", "the death toll later rose to 14" (an update of the toll told before): the total the text states. (Coders' remarks on how a toll was coded, in ACLED's notes,
 * are not read: they are the answer key of its fields, and real news has none.) */
const SETTLED_TOTAL = /\btotal\s+(?:of\s+)?(\d{1,5})\s+(?:fatalit\w*|deaths|dead|killed)\b|\bdeath\s+toll\s+(?:(?:later|has|had|then|since|further)\s+)*(?:rose|risen|climbed|increased)\s+to\s+(\d{1,5})\b/gi;
/**
 * Death words that tell no death of this happening: a death denied ("no deaths were reported", "nobody was
 * killed", "nearly killed"), a death not told apart from other harm ("killed or injured", "killing and wounding"), a killing someone is accused or held for ("arrested for the murder of a trader", "on suspicion of
 * murder": an earlier crime), and nouns that only name a kind of thing ("death certificates", "the death penalty").
 * Read as blanks, like a death people react to.
 */
const NOT_A_DEATH = new RegExp(
  [
    String.raw`\b(?:no|zero)\s+(?:(?:reported|known|immediate|confirmed|further|other|human)\s+)?(?:deaths?|fatalit(?:y|ies)|casualties|loss\s+of\s+life)(?:\s+(?:or|and|nor)\s+(?:deaths?|fatalit(?:y|ies)|casualties|injur(?:y|ies)))?\b`,
    String.raw`\b(?:no\s+one|nobody|none)\s+(?:(?:was|were|has\s+been|had\s+been|is)\s+)?(?:killed|died|dead|hurt)\b`,
    String.raw`\bwithout\s+(?:any\s+)?(?:casualties|fatalities|deaths|loss\s+of\s+life)\b`,
    String.raw`\b(?:accused|suspected|convicted|charged|arrested|held|jailed|sentenced|tried|wanted|detained|indicted|acquitted|cleared)\s+(?:of|for|in|with|over)\s+(?:the\s+)?(?:alleged\s+|attempted\s+)?(?:murder|killing|death|assassination|lynching)s?\b(?:\s+of\b[^.;,]{0,60})?`,
    // ("suspected of rape and murder": the crime named with another)
    String.raw`\b(?:accused|suspected|convicted|charged|arrested|held|jailed|sentenced|tried|wanted|detained|indicted)\s+(?:of|for|with)\s+\p{L}+\s+and\s+(?:murder|killing)s?\b`,
    String.raw`\bon\s+(?:the\s+)?suspicion\s+of\s+(?:murder|killing)\b`,
    // ("arrested on charges of murder": the crime as a charge)
    String.raw`\bon\s+(?:a\s+)?charges?\s+of\s+(?:\p{L}+\s+and\s+)?(?:murder|killing)\b`,
    // ("a murder suspect", "the murder trial": a crime named as what a person or a proceeding is about)
    String.raw`\b(?:murder|killing|homicide)\s+(?:suspects?|convicts?|accused|defendants?|cases?|charges?|trials?|probes?|investigations?|inquir(?:y|ies)|inquests?)\b`,
    String.raw`\bdeath\s+(?:certificates?|penalty|sentences?|threats?|row|warrants?|anniversary|squads?)\b`,
    String.raw`\b(?:nearly|almost)\s+(?:killed|died|dead|lynched|beaten\s+to\s+death)\b`,
    String.raw`\bkill(?:ed|ing)(?:\s*,\s*(?:injur|wound)\p{L}*)?\s+(?:or|and\/or)\s+(?:injur|wound|captur|arrest)\p{L}*`,
    // ("killing and injuring 3 soldiers": one figure for both, how many died is not told)
    String.raw`\bkill(?:ed|ing)\s+and\s+(?:injur|wound)\p{L}*`,
  ].join("|"),
  "giu",
);

/** a sentence that tells another source's figure: "another source says", "conflicting reports", "other accounts give" */
const ALTERNATIVE_SOURCE = /\b(?:(?:one|another|a\s+second|a\s+different|some|other)\s+(?:local\s+)?(?:sources?|reports?|accounts?|outlets?)\s+(?:indicat|suggest|say|said|put|give|gave|hold|report|claim|cite|state)\w*|(?:a\s+)?conflicting\s+(?:reports?|accounts?|sources?))\b/i;

function sentenceText(doc: Doc, i: number): string {
  const s = doc.sentences[i];
  return s ? doc.text.slice(s.start, s.end) : "";
}

const MULTIPLE = /\b(double|triple|quadruple)\s+(?:homicide|murder|killing|fatal|shooting death)/i;

/** Reads, for each frame, the evidence for its killed and injured counts: one pass over the sentences. */
export function countEvidence(doc: Doc, frames: readonly Frame[], frameOfSentence: readonly (Frame | null)[]): Map<Frame, Record<Outcome, CountEvidence>> {
  const out = new Map<Frame, Record<Outcome, CountEvidence>>();
  const empty = (): CountEvidence => ({ numbered: [], sentences: 0, singular: 0, named: 0, multiple: 0, lead: false, hit: false, survived: 0, condition: 0, pair: false, survivorsNamed: 0, settled: null, addedOver: 0, base: [], sides: null });
  // the sentences that tell some happening, of whatever kind (one pass, for the lead's toll below)
  const tellsHappening = new Set(frames.flatMap((f) => f.mentions.map((m) => m.sentence)));
  for (const f of frames) {
    const ev = { killed: empty(), injured: empty() };
    // a figure told as another source's ("another source says five died", "conflicting reports give six") is an
    // alternative for the same people, not a larger toll: the figure told first stands when there is one (ACLED's
    // conservative reading)
    const own = f.mentions.filter((m) => !ALTERNATIVE_SOURCE.test(sentenceText(doc, m.sentence)));
    const firsthand = own.some((m) => m.stated.killed !== null) ? own : f.mentions;
    for (const m of f.mentions) {
      if (m.stated.killed !== null && firsthand.includes(m)) ev.killed.numbered.push(m.stated.killed);
      if (m.stated.injured !== null) ev.injured.numbered.push(m.stated.injured);
    }
    // a later sentence whose every killed toll is over one told before adds to it
    const sentences = [...new Set(f.mentions.filter((m) => m.stated.killed !== null).map((m) => m.sentence))].sort((a, b) => a - b);
    const added = new Set<number>();
    for (const si of sentences.slice(1)) {
      const s = doc.sentences[si];
      const tolls = findCasualties(doc.text.slice(s.start, s.end));
      if (addsToEarlier(tolls, "killed")) {
        added.add(si);
        ev.killed.addedOver += tolls.reduce((n, c) => n + (c.kind === "killed" ? c.count.best : 0), 0);
      }
    }
    for (const m of f.mentions) if (m.stated.killed !== null && !added.has(m.sentence)) ev.killed.base.push(m.stated.killed);
    // a lead that tells the toll before any cue word ("Three bodies were found in a forest. The attackers are not
    // known."): the sentences before the frame's first that it owns (sentenceFrames) and that tell no happening of their
    // own give their figure too
    const first = Math.min(...f.mentions.map((m) => m.sentence));
    for (let si = 0; si < first; si++) {
      // (a sentence that tells a happening of its own, of whatever kind, is that one's: "rioted after a
      // student was killed")
      if (frameOfSentence[si] !== f || tellsHappening.has(si)) continue;
      const s = doc.sentences[si];
      const lead = sentenceCount(findCasualties(doc.text.slice(s.start, s.end)).filter((c) => c.kind === "killed" && !c.additive));
      if (lead) {
        ev.killed.numbered.push(lead.best);
        ev.killed.base.push(lead.best);
      }
    }
    // sides told apart across sentences add up, as within one (README, Counts): every numbered sentence names its side
    const side = new Map<number, { victims: string | null; killed: number }>();
    for (const m of f.mentions) {
      if (m.stated.killed === null || added.has(m.sentence) || side.has(m.sentence)) continue;
      // a sentence names its side when all its killed tolls name the same one ("people" names none)
      const s = doc.sentences[m.sentence];
      const named = new Set(findCasualties(doc.text.slice(s.start, s.end)).filter((c) => c.kind === "killed").map((c) => c.victims));
      const only = named.size === 1 ? [...named][0] : null;
      side.set(m.sentence, { victims: only === "people" ? null : only, killed: m.stated.killed });
    }
    const told = [...side.values()];
    const bySide = new Map<string, number>();
    for (const t of told) if (t.victims) bySide.set(t.victims, Math.max(bySide.get(t.victims) ?? 0, t.killed));
    if (told.length > 1 && told.every((t) => t.victims) && bySide.size > 1) ev.killed.sides = [...bySide.values()].reduce((a, b) => a + b, 0);
    out.set(f, ev);
  }
  const named = new Map<Frame, Record<Outcome, Set<string>>>();
  const survivorNames = new Map<Frame, Set<string>>();
  const persons = doc.facts.entities.filter((e) => e.kind === "person");
  doc.sentences.forEach((s, i) => {
    const frame = frameOfSentence[i];
    if (!frame) return;
    // a death people react to ("over the death of") is another happening's, not this one's
    // (nor an earlier happening, a denied report, a death of illness, animals killed)
    const text = doc.text.slice(s.start, s.end).replace(REACTION, (x) => " ".repeat(x.length)).replace(OTHER_DEATH, (x) => " ".repeat(x.length)).replace(NOT_A_DEATH, (x) => " ".repeat(x.length));
    const ev = out.get(frame);
    if (!ev) return;
    // a survivor: hurt in a sentence that tells no death (a killing phrase's "shot" or "wounds" is the death)
    const died = OUTCOME_WORDS.killed.test(text);
    const hurt = text.replace(KILLING_PHRASE, " ");
    if (!died && !UNHURT.test(hurt) && OUTCOME_WORDS.injured.test(hurt)) {
      ev.injured.survived++;
      if (CONDITION.test(hurt)) ev.injured.condition++;
      const names = survivorNames.get(frame) ?? new Set<string>();
      for (const p of persons) if (p.mentions.some((x) => x.start >= s.start && x.end <= s.end)) names.add(p.id);
      survivorNames.set(frame, names);
    }
    if (PAIR.test(text)) ev.injured.pair = true;
    for (const t of text.matchAll(SETTLED_TOTAL)) ev.killed.settled = Number(t[1] ?? t[2]);
    for (const outcome of ["killed", "injured"] as const) {
      if (!OUTCOME_WORDS[outcome].test(outcome === "injured" ? hurt : text)) continue;
      const e = ev[outcome];
      e.sentences++;
      if (SINGULAR.test(text)) e.singular++;
      if (i === 0) e.lead = true;
      if (HIT.test(text)) e.hit = true;
      const m = outcome === "killed" ? MULTIPLE.exec(text) : null;
      if (m) e.multiple = Math.max(e.multiple, { double: 2, triple: 3, quadruple: 4 }[m[1].toLowerCase() as "double"] ?? 0);
      const names = named.get(frame) ?? { killed: new Set<string>(), injured: new Set<string>() };
      for (const p of persons) if (p.mentions.some((x) => x.start >= s.start && x.end <= s.end)) names[outcome].add(p.id);
      named.set(frame, names);
      e.named = names[outcome].size;
    }
  });
  for (const [frame, names] of survivorNames) {
    const dead = named.get(frame)?.killed ?? new Set<string>();
    const ev = out.get(frame);
    if (ev) ev.injured.survivorsNamed = [...names].filter((id) => !dead.has(id)).length;
  }
  return out;
}

/** The figures worth considering for one outcome of one frame. */
export function candidateCounts(e: CountEvidence, alsoKilled = 0): number[] {
  // a stated figure is never read as nobody, unless the people it counts were killed ("three shot, one fatally")
  const set = new Set<number>([...(e.numbered.some((n) => n > 0) ? [] : [0]), 1, 2, ...e.numbered]);
  if (alsoKilled > 0 && e.hit && e.numbered.length) set.add(Math.max(0, Math.max(...e.numbered) - alsoKilled));
  if (e.named > 0) set.add(e.named);
  if (e.multiple > 0) set.add(e.multiple);
  if (e.pair && alsoKilled < 2) set.add(2 - alsoKilled);
  return [...set].sort((a, b) => a - b);
}

function bucket(n: number): string {
  return n >= 3 ? "3+" : String(n);
}

/**
 * The named features of "this frame's outcome count is `v`". They say how `v` relates to the evidence (the
 * largest stated figure, the people named, "double"), so that a stated figure wins over the commonest value;
 * the value itself is a feature only where no figure is stated.
 */
export function countFeatures(outcome: Outcome, e: CountEvidence, v: number, alsoKilled = 0): string[] {
  const p = outcome[0];
  const max = e.numbered.length ? Math.max(...e.numbered) : null;
  const min = e.numbered.length ? Math.min(...e.numbered) : null;
  const lessKilled = alsoKilled > 0 && e.hit && max !== null && v === Math.max(0, max - alsoKilled) ? [`${p}:v=max-killed`, `${p}:v=max-killed&v=${bucket(v)}`] : [];
  // how the survivors' sentences relate to v: they are what "injured" rests on when no figure is stated
  const dead = alsoKilled > 0 ? "k" : "0";
  // (only where no figure is stated: a stated figure is the count's evidence, and the value alone must not outvote it)
  const hurt = outcome !== "injured" ? [] : max !== null ? (e.pair && v === Math.max(0, 2 - alsoKilled) ? [`${p}:v=pair-killed&numbered`] : [])
    : [
        `${p}:v=${bucket(v)}&surv=${bucket(e.survived)}`,
        `${p}:v=${bucket(v)}&surv=${bucket(e.survived)}&dead=${dead}`,
        `${p}:v=${bucket(v)}&cond=${bucket(e.condition)}`,
        `${p}:v=${bucket(v)}&pair=${e.pair}&dead=${dead}`,
        `${p}:v=${bucket(v)}&survNamed=${bucket(e.survivorsNamed)}&dead=${dead}`,
        ...(e.pair && v === Math.max(0, 2 - alsoKilled) ? [`${p}:v=pair-killed`] : []),
      ];
  if (v === 0 && lessKilled.length) return [`${p}:v=0`, ...lessKilled, ...hurt];
  if (v === 0) return [`${p}:v=0`, `${p}:v=0&sent=${bucket(e.sentences)}`, `${p}:v=0&sing=${bucket(e.singular)}`, `${p}:v=0&numbered=${max === null ? "none" : "some"}`, ...hurt];
  const out: string[] = [...hurt];
  if (max !== null && min !== null) {
    if (v === max) out.push(`${p}:v=max`, `${p}:v=max&n=${bucket(e.numbered.length)}`);
    else if (v === min) out.push(`${p}:v=min`);
    else out.push(v > max ? `${p}:v>max` : `${p}:v<max`);
  } else {
    out.push(`${p}:unnumbered&v=${bucket(v)}`, `${p}:unnumbered&v=${bucket(v)}&sing=${bucket(e.singular)}`, `${p}:unnumbered&v=${bucket(v)}&sent=${bucket(e.sentences)}`);
  }
  if (e.named > 0) out.push(v === e.named ? `${p}:v=named` : `${p}:v!=named`);
  if (e.multiple > 0) out.push(v === e.multiple ? `${p}:v=multiple` : `${p}:v!=multiple`);
  if (e.lead) out.push(`${p}:v>0&lead`);
  return [...out, ...lessKilled];
}

/** The count the model prefers, as a Count (a numbered figure keeps its own low and high). */
export function chooseCount(model: LinearModel, outcome: Outcome, e: CountEvidence, numbered: Count | null, alsoKilled = 0): { count: Count | null; score: number } {
  // the total the text states is the count: no choice to make
  if (e.settled !== null) return { count: e.settled > 0 ? { low: e.settled, best: e.settled, high: e.settled } : null, score: 1 };
  // tolls told over one told before add up (README, Counts): the largest other figure and the added ones; so do
  // tolls of different sides told in different sentences
  if ((e.addedOver > 0 && e.base.length) || e.sides !== null) {
    const v = (e.sides ?? Math.max(...e.base)) + e.addedOver;
    return { count: { low: v, best: v, high: v }, score: 1 };
  }
  let best = { v: 0, score: -Infinity };
  for (const v of candidateCounts(e, alsoKilled)) {
    const score = scoreFeatures(model, countFeatures(outcome, e, v, alsoKilled));
    if (score > best.score) best = { v, score };
  }
  if (best.v === 0) return { count: null, score: best.score };
  // the frame's combined figure keeps its range when the choice lies in it ("seven, nine by another count")
  if (numbered && numbered.low <= best.v && (numbered.high === null || best.v <= numbered.high)) return { count: { ...numbered, best: best.v }, score: best.score };
  return { count: { low: best.v, best: best.v, high: best.v }, score: best.score };
}

/** Which frame each sentence tells: a frame's own sentences, else the violent frame told last before it. */
export function sentenceFrames(doc: Doc, frames: readonly Frame[], counts: (f: Frame) => boolean): (Frame | null)[] {
  const of: (Frame | null)[] = new Array(doc.sentences.length).fill(null);
  const owned: (Frame | null)[] = new Array(doc.sentences.length).fill(null);
  for (const f of frames) {
    if (!counts(f)) continue;
    for (const m of f.mentions) owned[m.sentence] ??= f;
  }
  let current: Frame | null = null;
  for (let i = 0; i < of.length; i++) {
    if (owned[i]) current = owned[i];
    of[i] = owned[i] ?? current;
  }
  // sentences before the first frame (a headline that tells it without a cue) belong to it, unless a protest or a riot
  // (a frame not counted) tells them: its sentence tells the deaths it is about ("students rioted after a classmate was
  // killed. They stoned cars.")
  const first = of.find((f) => f !== null) ?? null;
  const protesting = new Set<number>();
  for (const f of frames) {
    if (counts(f) || !(f.family === "PROTEST" || f.event.acled?.eventType === "Riots" || f.event.acled?.eventType === "Protests")) continue;
    for (const m of f.mentions) protesting.add(m.sentence);
  }
  for (let i = 0; i < of.length && of[i] === null; i++) if (!protesting.has(i)) of[i] = first;
  return of;
}
