/**
 * Features of a happening's text for the event-type models: its words and word pairs, and what our lexicons
 * see in it (event cues with their PLOVER and ACLED types, the words that make a protest a riot, disaster
 * words, generic actors such as "gunmen" or "protesters", kinds of actor heads, victims). The same function
 * reads training texts and, at extraction, the sentences around an event, so both see the same features.
 * Also here: who acted and who was hit as the common nouns either side of the cue name them (`sidesOfCue`,
 * lexicons/en/actor-kinds.tsv) and the remote weapon an attack is carried out with (`weaponOf`, weapons.tsv),
 * read by the models as features and by ACLED's rules (rules.ts).
 */
import { loadLexicon } from "../../lexicon.js";
import { SitrepError } from "../../errors.js";

interface Matcher {
  re: RegExp;
  features: string[];
}

let matchers: Matcher[] | undefined;

function phrase(words: string): string {
  return words.trim().split(/\s+/).map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("\\s+");
}

function getMatchers(): Matcher[] {
  if (matchers) return matchers;
  const list: Matcher[] = [];
  for (const r of loadLexicon("en/event-cues.tsv", ["pattern", "type", "priority", "role"])) {
    const sub = r.acled_sub || "-";
    list.push({
      re: new RegExp(`\\b(?:${r.pattern})\\b`, "i"),
      features: [`cue:${r.type}`, `cue:${r.type}:${r.mode || "-"}`, `cuesub:${sub}`, `cuecat:${r.category || "-"}`, `cuerole:${r.role}:${sub}`],
    });
  }
  for (const r of loadLexicon("en/event-modifiers.tsv", ["pattern", "applies_to", "acled_event", "acled_sub"])) {
    list.push({ re: new RegExp(`\\b(?:${r.pattern})\\b`, "i"), features: [`mod:${r.acled_sub}`] });
  }
  for (const r of loadLexicon("en/disaster-cues.tsv", ["pattern", "category"])) {
    list.push({ re: new RegExp(`\\b(?:${r.pattern})\\b`, "i"), features: [`disaster:${r.category}`] });
  }
  for (const r of loadLexicon("en/generic-actors.tsv", ["noun", "name", "kind"])) {
    list.push({ re: new RegExp(`\\b${phrase(r.noun)}\\b`, "i"), features: [`actor:${r.kind}`, `actor:${r.kind}:${r.name}`] });
  }
  for (const r of loadLexicon("en/actor-heads.tsv", ["head", "kind"])) {
    list.push({ re: new RegExp(`\\b${phrase(r.head)}\\b`, "i"), features: [`head:${r.kind}`] });
  }
  for (const r of loadLexicon("en/victims.tsv", ["noun", "victims"])) {
    list.push({ re: new RegExp(`\\b${phrase(r.noun)}\\b`, "i"), features: [`victim:${r.victims}`] });
  }
  matchers = list;
  return list;
}

const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}]+)?/gu;

/** Lower-cased words of a text, digits folded to 0 so that numbers do not become features one by one. */
export function words(text: string): string[] {
  return (text.toLowerCase().match(WORD) ?? []).map((w) => w.replace(/\d/g, "0"));
}

/** Kinds of side in an event, as lexicons/en/actor-kinds.tsv names them. */
export type SideKind = "state" | "armed" | "crowd" | "protesters" | "civilians" | "property";
const SIDE_KINDS: readonly SideKind[] = ["state", "armed", "crowd", "protesters", "civilians", "property"];

let kindRe: { re: RegExp; kinds: SideKind[] } | undefined;
/** One regular expression over every row of actor-kinds.tsv, one capture group per row, in the file's order. */
function kindMatcher(): { re: RegExp; kinds: SideKind[] } {
  if (kindRe) return kindRe;
  const rows = loadLexicon("en/actor-kinds.tsv", ["pattern", "kind"]);
  const kinds = rows.map((r) => {
    if (!(SIDE_KINDS as readonly string[]).includes(r.kind)) throw new SitrepError("SITREP_LEXICON_INVALID", `lexicons/en/actor-kinds.tsv: unknown kind "${r.kind}"`);
    return r.kind as SideKind;
  });
  kindRe = { re: new RegExp(rows.map((r) => `\\b(${r.pattern})\\b`).join("|"), "gi"), kinds };
  return kindRe;
}

/** A kind named in a text, with where its words start and end. */
interface KindMatch {
  kind: SideKind;
  start: number;
  end: number;
}

/** The kinds named in a stretch of text with their offsets, in order, without overlaps (the leftmost, then the earlier row wins). */
function kindMatchesIn(text: string): KindMatch[] {
  const { re, kinds } = kindMatcher();
  const out: KindMatch[] = [];
  re.lastIndex = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const row = m.findIndex((g, i) => i > 0 && g !== undefined);
    if (row > 0) out.push({ kind: kinds[row - 1], start: m.index, end: m.index + m[0].length });
  }
  return out;
}

/** The kinds named in a stretch of text, in order, without overlaps (the leftmost, then the earlier row wins). */
export function kindsIn(text: string): SideKind[] {
  return kindMatchesIn(text).map((m) => m.kind);
}

/**
 * A noun that only completes another with "of" ("the cousins of a shepherd", "the home of a farmer") is not the side
 * itself; a word of number or grouping before "of" ("a group of gunmen", "dozens of soldiers") leaves it the side.
 */
const OF_COMPLEMENT =
  /(?<![\p{L}-])(?!(?:groups?|numbers?|bands?|gangs?|crowds?|mobs?|units?|teams?|squads?|camps?|sides?|factions?|wings?|sections?|batch(?:es)?|dozens|scores|hundreds|thousands|some|several|many|most|all|each|none|one|two|three|four|five|six|seven|eight|nine|ten|\d+|members?|kind|type)\s)[\p{L}'’-]+\s+of\s+(?:(?:a|an|the|his|her|their)\s+)?(?:[\p{L}-]+\s+){0,2}$/iu;

/**
 * Who acted before an active cue: the nearest kind before it, unless that noun only completes another with "of"
 * ("the cousins of a shepherd beat", "fans of a singer stoned"); then the kind of the noun it
 * completes when that noun names one, else none (the roles' entities decide).
 */
function actorBefore(before: string): SideKind[] {
  const matches = kindMatchesIn(before).filter((m) => m.kind !== "property");
  const last = matches[matches.length - 1];
  if (!last) return [];
  if (!OF_COMPLEMENT.test(before.slice(0, last.start))) return [last.kind];
  const prev = matches[matches.length - 2];
  const head = prev && /^\s+of\s+(?:(?:a|an|the|his|her|their)\s+)?(?:[\p{L}-]+\s+){0,2}$/u.test(before.slice(prev.end, last.start)) ? prev : null;
  return head ? [head.kind] : [];
}

/** Words that open a clause after the cue's object ("who", "when", "after"): who was hit is named before them. */
const CLAUSE_AFTER_OBJECT = /\b(?:who|which|when|while|whilst|after|before|as|because|since|following)\b/i;

export interface Sides {
  /** who acted: the nearest kind before an active cue, or the kinds after a passive cue's "by" */
  actor: SideKind[];
  /** who was hit: the first kind after an active cue (past "with" or "on"), or the nearest before a passive one */
  target: SideKind[];
}

/**
 * Who acted and who was hit, read from the common nouns of the cue's sentence ("armed men attacked two farmers",
 * "a trader was shot by gunmen"): a few words either side of the cue, no parse. `cueAt` is the cue's offset in
 * `text`; the sentence is cut at the nearest full stop either side.
 */
export function sidesOfCue(text: string, cueAt: number): Sides {
  const stopBefore = text.lastIndexOf(". ", cueAt - 1);
  const from = stopBefore < 0 ? 0 : stopBefore + 2;
  const stop = text.indexOf(". ", cueAt);
  const to = stop < 0 ? text.length : stop;
  const cueWord = /^[\p{L}-]+/u.exec(text.slice(cueAt, to))?.[0] ?? "";
  const before = text.slice(from, cueAt);
  const after = text.slice(cueAt + cueWord.length, to);
  // "were killed by", "was shot" (a cue that starts at its auxiliary), and words that name harm without a doer
  // ("the victim died", "deaths"): who was hit is before the cue
  // (a noun cue may stand a few words from its "by": "hit in a shooting outside the old market hall by two gunmen")
  const passive = /\b(?:was|were|been|being|is|are|got)\s+(?:\w+\s+)?$/i.test(before) || /^\s*(?:[\w-]+\s+){0,5}?by\b/i.test(after) ||
    /^(?:died|dead|deaths?|casualties|was|were|been|being|is|are|got)$/i.test(cueWord);
  const beforeKinds = kindsIn(before);
  const acting = (kinds: SideKind[]): SideKind[] => kinds.filter((k) => k !== "property");
  const nearestBefore = beforeKinds.length ? [beforeKinds[beforeKinds.length - 1]] : [];
  if (passive) {
    const by = /\bby\b/i.exec(after);
    return { actor: by ? acting(kindsIn(after.slice(by.index))).slice(0, 1) : [], target: nearestBefore };
  }
  // (the object comes before a clause that tells more: "shot dead three men who tried to flee when the army came")
  const clause = CLAUSE_AFTER_OBJECT.exec(after);
  return { actor: actorBefore(before), target: kindsIn(clause ? after.slice(0, clause.index) : after).slice(0, 1) };
}

/** Who acted and who was hit by the common nouns around the cue, when the input says where the cue is (`at` in the
 * document, `textStart` where the text starts in it); no sides otherwise. */
export function sidesOfInput(input: { text: string; at?: number; textStart?: number }): Sides {
  if (input.at === undefined || input.textStart === undefined) return { actor: [], target: [] };
  const at = input.at - input.textStart;
  return at >= 0 && at < input.text.length ? sidesOfCue(input.text, at) : { actor: [], target: [] };
}

/** weapons.tsv's label for weapons fired at close range (small arms, machine guns) */
export const DIRECT_FIRE = "Armed clash";

let directFireRe: RegExp | undefined;
/** Whether the text names a weapon fired at close range (weapons.tsv rows of `DIRECT_FIRE`), anywhere in it. */
export function namesDirectFire(text: string): boolean {
  directFireRe ??= new RegExp(
    `\\b(?:${loadLexicon("en/weapons.tsv", ["pattern", "acled_sub"]).filter((r) => r.acled_sub === DIRECT_FIRE).map((r) => r.pattern).join("|")})\\b`,
    "i",
  );
  return directFireRe.test(text);
}

let weaponRes: { re: RegExp; sub: string }[] | undefined;
/** The ACLED sub-event of the remote weapon an attack is carried out "with" in this text (weapons.tsv), or null. */
export function weaponOf(text: string): string | null {
  weaponRes ??= loadLexicon("en/weapons.tsv", ["pattern", "acled_sub"]).filter((r) => r.acled_sub !== DIRECT_FIRE).map((r) => ({
    re: new RegExp(`\\b(?:(?:with|using|by means of)\\s+(?:[\\w-]+\\s+){0,3}(?:${r.pattern})|(?:${r.pattern})\\s+attacks?)\\b`, "i"),
    sub: r.acled_sub,
  }));
  return weaponRes.find((w) => w.re.test(text))?.sub ?? null;
}

/** How many words either side of the cue the models read as the cue's context. */
const CONTEXT_WORDS = 3;

/**
 * The words at and around the cue: the cue word itself, the words just before and after it by distance ("L1:",
 * "R1:") and as a bag on each side ("left:", "right:"). They tell "grenade launchers" from "a grenade", "a clash
 * between two villages" from "a clash with troops". `at` is the cue's offset in `text`; the sentence bounds the
 * context.
 */
export function cueContextFeatures(text: string, at: number): string[] {
  if (at < 0 || at >= text.length) return [];
  const stopBefore = Math.max(text.lastIndexOf(". ", at - 1), text.lastIndexOf("\n", at - 1));
  const stopAfter = [text.indexOf(". ", at), text.indexOf("\n", at)].filter((i) => i >= 0);
  const before = words(text.slice(stopBefore < 0 ? 0 : stopBefore + 1, at)).slice(-CONTEXT_WORDS);
  const rest = words(text.slice(at, stopAfter.length ? Math.min(...stopAfter) : text.length));
  const cue = rest[0];
  if (!cue) return [];
  const after = rest.slice(1, 1 + CONTEXT_WORDS);
  const out = [`cueword:${cue}`];
  before.forEach((w, i) => out.push(`L${before.length - i}:${w}`, `left:${w}`, `left:${w}>${cue}`));
  after.forEach((w, i) => out.push(`R${i + 1}:${w}`, `right:${w}`, `right:${cue}<${w}`));
  return out;
}

/** The feature strings of one text. `extra` adds what the caller knows beyond the text (e.g. the actors' kinds). */
export function eventTypeFeatures(text: string, extra: readonly string[] = []): string[] {
  const out = new Set<string>(textFeatures(text));
  for (const f of extra) out.add(f);
  return [...out];
}

/** the last window's text features: the events of one sentence share their window and are typed one after another */
let lastWindow: { text: string; features: readonly string[] } | null = null;

/**
 * The features of the text alone (its words, word pairs and every lexicon row it matches), kept for the last
 * window so that each window's hundreds of lexicon patterns run once.
 */
function textFeatures(text: string): readonly string[] {
  if (lastWindow?.text === text) return lastWindow.features;
  const out = new Set<string>(["bias"]);
  const ws = words(text);
  for (let i = 0; i < ws.length; i++) {
    out.add(`w:${ws[i]}`);
    if (i + 1 < ws.length) out.add(`b:${ws[i]}_${ws[i + 1]}`);
  }
  for (const m of getMatchers()) if (m.re.test(text)) for (const f of m.features) out.add(f);
  lastWindow = { text, features: [...out] };
  return lastWindow.features;
}
