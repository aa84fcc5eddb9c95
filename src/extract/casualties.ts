/**
 * Casualty counts in a sentence: killed and injured, each as low/best/high (ACLED: best is the most
 * conservative figure, "at least 23" is 23/23/open, "20 to 30" is 20/20/30, "dozens" 12/12/open),
 * with the victim type ("civilians", "soldiers").
 */
import type { Count } from "../report.js";
import { escapeRegExp, loadLexicon } from "../lexicon.js";

export interface CasualtyMention {
  kind: "killed" | "injured";
  count: Count;
  victims: string | null;
  /** a toll over one told before it: "another 5", "4 more" */
  additive: boolean;
  /** "were also killed": over another toll of the same sentence, if it tells one */
  also: boolean;
  /** over the other tolls of its own sentence only, if it tells any: "1 died later", "his wife later died" (a death after
   * the others), "along with two guards", "plus 2 drivers" (people told with the dead); a later sentence's "the victim
   * later died" retells a death, and "died along with two guards" without a toll before it is the guards only */
  overInSentence?: boolean;
  /** one person brought in by "a"/"an" ("a clerk was gunned down and a porter was stabbed to death"): a new person, not
   * one told by another toll of the sentence */
  newPerson?: boolean;
  start: number;
  end: number;
}

/**
 * Whether every `kind` toll of a sentence is told over one told before ("another 5", "4 more", "3 guards were also
 * killed"): the sentence then adds to the happening's toll instead of restating it. False when it tells none.
 */
export function addsToEarlier(tolls: readonly CasualtyMention[], kind: CasualtyMention["kind"]): boolean {
  return tolls.some((c) => c.kind === kind) && tolls.every((c) => c.kind !== kind || c.additive || c.also);
}

interface Tables {
  numbers: Map<string, Count>;
  numberPattern: string;
  victims: Map<string, string>;
  victimPattern: string;
}
let tables: Tables | undefined;


function getTables(): Tables {
  if (tables) return tables;
  const numberRows = loadLexicon("en/numbers.tsv", ["word", "low", "best"]);
  const numbers = new Map<string, Count>(numberRows.map((r) => [r.word, { low: Number(r.low), best: Number(r.best), high: r.high ? Number(r.high) : null }]));
  const victimRows = loadLexicon("en/victims.tsv", ["noun", "victims"]);
  const byLength = (a: string, b: string) => b.length - a.length;
  tables = {
    numbers,
    numberPattern: [...numbers.keys()].sort(byLength).map(escapeRegExp).join("|"),
    victims: new Map(victimRows.map((r) => [r.noun, r.victims])),
    victimPattern: victimRows.map((r) => r.noun).sort(byLength).map(escapeRegExp).join("|"),
  };
  return tables;
}

/** a time told between the verb's parts ("was on Sunday night shot dead", "were in the early hours killed", "were
 * Friday afternoon shot dead", as wires write it) */
const WHEN = String.raw`(?:\s+(?:on|in|at|during|late|early|last)\s+(?:the\s+)?(?:[\p{L}-]+\s+){0,2}?(?:night|morning|afternoon|evening|hours|dawn|day|weekend|monday|tuesday|wednesday|thursday|friday|saturday|sunday)|\s+(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|yesterday)(?:\s+(?:morning|afternoon|evening|night))?)`;
const DIGITS = String.raw`\d{1,3}(?:,\d{3})+|\d+`;
/** "6-year-old", "15 year old", "in his 20s": an age, never a count */
const AGE = String.raw`\d{1,3}[\s-]+(?:year|month|week)s?[\s-]+old`;
/** one person: the common nouns, and nouns whose ending names a doer ("informer", "activist", "civilian", "agent"; not
 * "number": "an undisclosed number of" counts no one person) */
const ONE_PERSON = String.raw`(?:(?:village|community|clan|district|family|household|school)\s+head|bodyguard|man|woman|boy|girl|victim|child|teen|teenager|toddler|infant|baby|driver|officer|soldier|journalist|person|resident|student|suspect|father|mother|son|daughter|husband|wife|brother|sister|youth|colonel|captain|sergeant|chief|guard|cadre|member|policeman|policewoman|chairman|elder|official|nurse|priest|imam|cleric|herdsman|fisherman|gunman|thief|neighbou?r|cousin|uncle|aunt|nephew|niece|friend|relative|grandson|granddaughter|grandmother|grandfather|\p{Ll}{2,}(?:(?<!numb)er|or|ist|ian|ant|(?<!m)ent)|\p{Ll}{3,}man)`;
const KILLED = String.raw`shot and killed|(?:shot|stabbed|wounded|injured|hit) and (?:later )?died|shot to death|stabbed to death|beaten to death|burned to death|fatally (?:shot|wounded|stabbed|injured|beaten|assaulted|attacked|hit|struck|burned|burnt|hacked)|gunned down|pronounced dead|shot dead|(?:found|discovered) (?:dead|hanged|murdered|slain|beheaded)|assassinated|(?:crushed|stoned|hacked|burnt) to death|(?:burnt|burned) alive|lynched|beheaded|decapitated|killed|dead|died|die|deaths?|fatalit(?:y|ies)|lost their lives|lost (?:his|her) life|slain|perished|succumbed|murdered|executed|massacred`;
const INJURED = String.raw`shot and (?:wounded|injured)|wounded|injured|hurt|injuries|injuring|wounding|hospitali[sz]ed|shot(?! at)`;

/**
 * A death named as what people react to ("over the death of", "justice for", "to avenge a comrade's death", "following
 * the killing of"): another happening, not this one's toll. The phrase runs to the end of its clause.
 */
export const REACTION = /\b(?:(?:justice|compensation|accountability)\s+for|(?:to\s+)?(?:honou?r(?:ing)?|commemorat(?:e|ing)|in\s+memory\s+of|(?:a\s+)?tribute\s+to|(?:a\s+)?vigil\s+for|(?:the\s+)?funeral\s+(?:of|for))\s|(?:in\s+)?(?:revenge|retaliation|reprisal|vengeance|protest|anger|outrage)\s+(?:for|over|against|at)\s+the\s+(?:recent\s+|alleged\s+)?(?:death|killing|murder|lynching|assassination)s?\s+of|to (?:avenge|revenge)|for\s+(?:the\s+)?(?:recent\s+)?(?:deaths|killings|murders)\b|(?:over|against|condemn(?:ed|ing|s)?|denounc(?:ed|ing|es?)|mourn(?:ed|ing|s)?|following|protest(?:ed|ing|s)?)\s+the\s+(?:[\p{L}-]+\s+){0,3}?(?:death|killing|murder|lynching|assassination)s?\s+of)\b[^.;,]{0,80}/giu;

/** animals: a figure of them is no toll ("killed a dozen sheep") */
const ANIMALS = String.raw`(?:cows?|cattle|goats?|sheep|camels?|livestock|animals?|donkeys?|horses?|dogs?|chickens?|pigs?|oxen|ox|bulls?|calves|poultry|birds?|elephants?|heads?\s+of\s+cattle)(?!\s+(?:rustl|raid|thie|herd|trad|keep|farm|own|breed)\p{L}*)`;

/** An earlier happening told as a time before this one ("two days after gunmen killed 20 villagers", "the raid came
 * after rebels shot six guards"), to the end of its clause: its dead are not this happening's numbered toll. (The counting
 * model still reads such a sentence: a follow-up story dates itself by its own happening, "a month after the guard
 * was killed, ...".) */
const SPAN_AFTER = String.raw`(?:(?:just|only|a\s+few|several|some|a|one|two|three|four|five|six|seven|\d{1,2})\s+)?(?:days?|weeks?|months?|hours?)\s+after\b`;
export const EARLIER_HAPPENING = new RegExp(
  [
    // (not "died two weeks after she was stabbed": the death is the hit's own). The lookahead first: the lookbehind,
    // which reads back 40 characters, then runs only where "N days after" starts, not at every word (30 times faster)
    String.raw`\b(?=${SPAN_AFTER})(?<!\b(?:died|dies|die|succumbed|death|passed\s+away)\b[^;]{0,40})${SPAN_AFTER}[^.;,]{0,120}`,
    String.raw`\b(?:came|comes|come|followed|follows)\s+(?:just\s+|only\s+|shortly\s+|soon\s+)?after\b[^.;,]{0,120}`,
  ].join("|"),
  "giu",
);

/**
 * Deaths that are not this happening's toll: a report someone denies ("the mayor denied claims that 9 people were
 * killed"), a death of natural causes or of an illness, and animals killed ("killed a dozen sheep", "40 goats were killed").
 */
export const OTHER_DEATH = new RegExp(
  [
    // ("a youth suspected of joining a raid that killed six was stoned to death": the raid's dead are not this
    // happening's; the phrase ends before a finite verb)
    String.raw`\b(?:accused|suspected|convicted)\s+of\s+(?:having\s+)?\p{L}+ing\b[^.;,]{0,80}?(?=\s(?:was|were|is|are|has|have|had)\b|[.;,]|$)`,
    // ("a mob burned the houses of cultists who killed a trader earlier that day", "to protest clashes that killed four
    // students last month": a killing told in a relative clause with a time before the happening is an earlier one)
    String.raw`\b(?:who|that|which)\s+(?:had\s+)?(?:allegedly\s+|reportedly\s+)?(?:killed|murdered|shot\s+dead|lynched|beheaded|executed|hacked\s+to\s+death|stabbed\s+to\s+death)\b[^.;,]{0,60}?\b(?:earlier|previously|last\s+(?:night|week|month|year)|the\s+(?:day|week|month|year)\s+before|(?:a|one|two|three|four|five|six|several|a\s+few|\d{1,2})\s+(?:days?|weeks?|months?|years?)\s+(?:ago|earlier|before))\b`,
    String.raw`\b(?:dismiss(?:ed|es|ing)?|den(?:ied|ies|y|ying)|reject(?:ed|s|ing)?|refut(?:ed|es|e|ing)|disput(?:ed|es|e|ing))\s+(?:the\s+)?(?:earlier\s+|initial\s+)?(?:reports?|claims?|rumou?rs?|allegations?|accounts?)\b[^.;]{0,120}`,
    String.raw`\b(?:died|dies|die|death)\s+(?:of|from)\s+(?:natural\s+causes|(?:an?\s+|the\s+)?(?:illness|disease|sickness|heart\s+attack|stroke|cancer|covid(?:-19)?|coronavirus|old\s+age|hunger|exhaustion|cholera|malaria))\b`,
    String.raw`\bkill(?:ed|ing|s)?\s+(?:about\s+|around\s+|some\s+|over\s+|more\s+than\s+|at\s+least\s+)?(?:(?:[\d,]+|several|many|dozens|hundreds|some|one|two|three|four|five|six|seven|eight|nine|ten|\p{L}+teen|\p{L}+ty)[\s-]+)?(?:(?!(?:by|and|or|while|when|as|after|before|during|with|in|at|on|for|from|of|to|the|a|an|his|her|their)\b)\p{L}+(?<!ing)\s+)?(?:${ANIMALS})\b`,
    String.raw`\b(?:${ANIMALS})\s+(?:were|was|have\s+been|had\s+been|are)\s+(?:\p{L}+\s+)?(?:killed|slaughtered|dead)\b`,
  ].join("|"),
  "giu",
);

/** The spans of `text` that name a death as what people react to (REACTION), a death of another kind (OTHER_DEATH),
 * or an earlier happening's (EARLIER_HAPPENING). */
export function reactionSpans(text: string): [number, number][] {
  return [...text.matchAll(REACTION), ...text.matchAll(OTHER_DEATH), ...text.matchAll(EARLIER_HAPPENING)].map((m) => [m.index!, m.index! + m[0].length]);
}

/** a person told by a role in a group ("a leader of the union", "a member of the council"): a closed list, since
 * "the murder of a man" is no person */
const OF_HEAD = String.raw`(?:leader|member|head|chief|commander|son|daughter|wife|husband|brother|sister|father|mother|official|officer|resident|owner|supporter|activist|worker|employee|student|teacher|founder|chairman|secretary|president|mayor|councillor|councilor)`;

/** one person named by a bare noun, as in headlines ("crowd beats alleged pickpocket"): a closed list, since a bare word
 * after a killing verb is more often something else ("killed after", "killed over") */
const BARE_PERSON = String.raw`(?:man|woman|boy|girl|child|teen|teenager|soldier|officer|policeman|civilian|farmer|herder|herdsman|trader|student|teacher|pastor|priest|imam|elder|chief|driver|rider|suspect|criminal|thief|robber|rapist|butcher|guard|villager|resident|journalist|worker|employee|person|youth|cleric|leader|commander|informer|councillor|councilor|official|operator|shopkeeper|businessman|vendor|fisherman|miner|activist|refugee|owner|insurgent|militant|rebel|fighter|gangster|bandit|lawyer|doctor|nurse|environmentalist)`;


const ANIMALS_AFTER = new RegExp(String.raw`^\s+(?:[\p{L}-]+\s+)?(?:${ANIMALS})\b`, "iu");

/** words that follow a number without naming people: "two days later he was killed" counts no one */
/** a noun that names people by its ending or itself ("drivers", "policemen", "colleagues" is not: such a word is read
 * as people only where nothing else could be meant) */
const PEOPLE_ENDING = /(?:ers|ors|men|ists|ians|ants|ards|ees|people|persons|others|children|relatives|colleagues|friends|sons|daughters|brothers|sisters|wives|husbands|aides|escorts|staff|youths)$/i;
const NOT_PEOPLE_WORDS = "along|together|addition|plus|near|outside|inside|during|across|around|behind|escaped?|escapes|survived?|survives|cheated|days?|weeks?|months?|years?|hours?|minutes?|times?|rounds?|shots?|bullets?|houses?|homes?|vehicles?|cars?|trucks?|attacks?|raids?|incidents?|clashes|explosions?|blasts?|mines?|landmines?|bombs?|grenades?|shells?|rockets?|missiles?|drones?|of|after|before|later|earlier|ago|when|as|and|but|he|she|they|it|we|you|i|who|which|that|were|was|had|have|are|is|been|died|dies|killed|dead|wounded|injured|hurt|shot|lynched|slain|murdered|executed|arrested|abducted|kidnapped|captured|missing|attacked|fled|the|in|on|at|by|to|from|for|with|into|involving|his|her|their|its";
const NOT_PEOPLE = new RegExp(`^(?:${NOT_PEOPLE_WORDS})$`, "i");

/** A pattern that only a text with a certain word can match, and that word: the pattern runs only where the word is,
 * since every pattern run over a whole text costs time (the extraction bench) */
const NEEDS = new WeakMap<RegExp, RegExp>();
function gated(re: RegExp, need: RegExp): RegExp {
  NEEDS.set(re, need);
  return re;
}

/**
 * Patterns whose `one` may be a name ("Ana Ruiz was killed") or a described person ("the boy"), each with its
 * described-only form. They need the `i` flag for their other words, and with it \p{Lu} matches any letter, so that
 * "when armed militants later killed" would read "armed militants" as a name: a `one` that is not upper case is read
 * again, at the same place, as a described person only (checked without the flag).
 */
const DESCRIBED_ONLY = new WeakMap<RegExp, RegExp>();
function named(pattern: (one: string) => string, nameOrDescribed: string, described: string): RegExp {
  const re = new RegExp(pattern(nameOrDescribed), "giud");
  DESCRIBED_ONLY.set(re, new RegExp(pattern(described), "iudy"));
  return re;
}
/** every word of a name starts upper case (no `i` flag: \p{Lu} is upper case only) */
const NAME = /^\p{Lu}[\p{L}'’-]*(?:\s+\p{Lu}[\p{L}'’-]*)*$/u;
/** a name of two words or more at the end of the words read */
const NAME_AT_END = /\s\p{Lu}[\p{L}'’-]+(?:\s+\p{Lu}[\p{L}'’-]+){1,3}$/u;

let patterns: RegExp[] | undefined;
function getPatterns(): RegExp[] {
  if (patterns) return patterns;
  const { numberPattern, victimPattern } = getTables();
  const num = String.raw`(?:${DIGITS}|${numberPattern})(?:[\s-]+(?:${numberPattern}))?`;
  const mod = String.raw`(?:at least|at the least|more than|over|nearly|almost|about|around|some|up to|as many as|fewer than|less than|at most|roughly|approximately|an estimated|a total of|a further|another)`;
  // a figure; `p` prefixes its group names, so that one pattern may hold two figures ("four rebels and two soldiers")
  const figure = (p: string) => String.raw`(?<${p}mod>${mod}\s+)?(?:between\s+(?<${p}a>${num})\s+(?:and|to)\s+(?<${p}b>${num})|(?<${p}n>${num})(?:\s*(?:to|-|–|or)\s*(?<${p}c>${num}))?)(?![\s-]+(?:(?:years?|months?|weeks?)[\s-]+old|(?:years?|months?|weeks?|days?|hours?|minutes?)\b))`;
  const count = figure("");
  // ("4 Valley Front fighters", "12 police and villagers"; "four rebels and two soldiers" is two groups, so no
  // figure inside)
  // ("2 Border Guard (BGF) soldiers": an abbreviation in brackets is part of the name; "a number of soldiers" is no
  // one soldier: UNKNOWN_TOLL)
  const victim = String.raw`(?:(?:(?!(?:${numberPattern})\b|[\d,.]+\s|number\s+of\b)[\p{L}\d][\p{L}\d/-]*(?:\s+\([\p{Lu}\d/-]{2,12}\))?\s+){0,3}?(?<v>${victimPattern}))`;
  // "7 soldiers and allied mercenaries were killed", "9 police and militia members": a second group without a figure
  // of its own is counted in the first; "5 guards escorting a convoy were killed", "7 fishermen working on Lake X
  // have been killed": what they were doing or where, before a passive
  const doing = String.raw`(?:\s+(?:\p{Ll}+ing|\p{Ll}+ed\s+(?:to|in|at|with|for))\s+(?:a|an|the|their|his|her|its)\s+(?:[\p{L}-]+\s+){0,2}?[\p{L}-]+(?=\s+(?:were|was|have been|has been|had been|are|is)\s)|\s+\p{Ll}+ing\s+(?:in|at|on|near|along|around|from)\s+(?:the\s+)?(?:[\p{L}-]+\s+){0,2}?[\p{L}-]+(?=\s+(?:were|was|have been|has been|had been|are|is)\s))?`;
  const victimMore = String.raw`(?:\s+and\s+(?:(?!(?:${numberPattern})\b|\d)[\p{L}-]+\s+){0,3}?(?:${victimPattern}|\p{Ll}+(?:ers|ists|ians|men|aries))\b)?${doing}`;
  // people named by a noun the victims lexicon lacks ("two night watchmen"): checked against NOT_PEOPLE
  const word = String.raw`(?!(?:were|was|are|is|been|being|had|have|has|who|that|and)\b)[\p{L}-]+`;

  // the same, refusing in the pattern itself the words that name no people, so that an optional second group
  // backs off instead of losing the whole toll ("killed 5 militants and 2 days later")
  const notPeople = String.raw`(?!(?:${NOT_PEOPLE_WORDS})\b)`;
  const peopleNoun = (p: string) => String.raw`(?<${p}g>(?:${notPeople}${word}\s+)?${notPeople}${word})`;
  // the same before the outcome: two words, three where the noun stands alone ("two local council officials were
  // killed"), never words that name no people, so that the pattern backs off to another reading
  const someone = (p: string, words = 2) => String.raw`(?<${p}g>(?:${notPeople}${word}\s+){0,${words - 1}}?${notPeople}${word})`;
  // "3 civilians, including a commander, were killed": the part told inside does not end the phrase
  // ("five people, among them a girl, were killed"; "3 herders, two brothers and a cousin, were killed": an apposition)
  // ("1 person (a farmer) was killed": an aside in brackets)
  // (the part ends before a verb: "12 police officers including a sergeant were killed and 5 others were wounded" is no
  // part that runs on to "were killed")
  // ("2 people, including a teacher, and a farmer, were killed": a list of parts with a comma before its "and")
  const including = String.raw`(?:,?\s+(?:including|among (?:them|whom|which))\s+(?:(?!\b(?:were|was|are|is|have|has|had|died)\b)(?:[^,.;]|,\s+and\s)){1,60}?,?|,\s+(?:a|an|the|his|her|their)\s+[^,.;]{1,60}?,|\s*\([^().;]{1,120}\))?`;
  // "were kidnapped and killed", "attacked and killed", "hit and killed": what was done before the outcome
  // ("were stabbed, beaten and beheaded", "were bound and later executed")
  // ("was shot in the neck and died", "was struck by a rocket and killed": where the hit struck, or what struck, between;
  // "trod on a mine and died": what was stepped on or driven over)
  const how = String.raw`(?:(?:\p{L}+(?:ed|en)|hit|struck|shot|cut)(?:\s+in\s+the\s+(?:head|chest|neck|back|stomach|abdomen|leg|legs|arm|arms|face|forehead|eye|thigh|side)|\s+by\s+(?:a|an|the)\s+(?:[\p{L}-]+\s+)?(?:bullets?|shells?|bomb|blast|explosion|mine|landmine|rocket|grenade|vehicle|car|truck)|\s+(?:on\s+|over\s+)?(?:a|an|the)\s+(?:[\p{L}-]+\s+)?(?:mine|landmine|bomb|explosive|device))?(?:,\s+\p{L}+(?:ed|en)(?:\s+(?:away|off|out|up|down))?)*,?\s+and\s+(?:then\s+|later\s+)?(?:found\s+)?(?:(?:summarily|brutally)\s+)?)?`;
  // ("were reported to have been killed"; "were on Sunday night shot dead": a time told between)
  const aux = String.raw`(?:\s+(?:who|that))?(?:\s+(?:were|was|have been|has been|had been|are|is|being|had|have|has))?(?:\s+(?:(?:reported|believed|said|feared|thought|understood|known)\s+to\s+have(?:\s+been)?|reportedly|reported|allegedly|confirmed|believed|feared|later|also|found|summarily|brutally|then)){0,3}${WHEN}?(?:\s+(?:severely|seriously|critically|badly|gravely|slightly|lightly))?`;
  // one person described by a noun ("the boy", "a 6-year-old girl", "a leader of the union")
  // ("a suspected rebel field commander": up to three words before the noun)
  // ("a man from the village", "a captain from the army": where the person comes from, before the verb)
  const described = String.raw`(?:he|she|(?:the|a|an|one|another)\s+(?:${AGE}\s+|[\p{L}-]+\s+){0,3}?(?:${OF_HEAD}\s+of\s+(?:the\s+)?[^,.;()]{1,40}?(?:\s+\([^()]{1,20}\))?|${ONE_PERSON}(?:\s+from\s+(?:the\s+)?(?:${word}\s+){0,2}?${word}(?=\s+(?:was|is|had\s+been|has\s+been)\s))?))`;
  // (the person starts a clause, or follows a time word: "two weeks later he was wounded", or "that" or a verb of
  // telling that opens a reported clause: "police said the guard was shot dead", "it was learned the clerk was killed")
  const onePerson = (one: string) => String.raw`(?:^|[.;:]\s+|,\s+|\b(?:when|after|as|and|later|then)\s+|\b(?<tell>that|said|says|learned|learnt|confirmed|reported)\s+)(?<one>${one})(?:,\s+(?:a|an|the)\s+[^,]{1,60},|,\s+(?:believed|said|thought|reported|alleged)\s+to\s+be\s+[^,]{1,60},|,\s*\d{1,3},|,\s+\p{Lu}[\p{L}'’.-]*(?:\s+\p{Lu}[\p{L}'’.-]*){0,3},)?\s+(?:was|is|had been|has been|later|who was)${WHEN}?\s+(?:reportedly\s+|also\s+|allegedly\s+)?(?:later\s+)?(?:found\s+)?${how}(?<k>${KILLED}|${INJURED})\b`;
  patterns = [
    // "23 civilians were killed", "at least 12 people died", "five soldiers wounded", "5 killed", "two night watchmen were stabbed to death"
    new RegExp(String.raw`\b${count}(?:\s+(?:${victim}${victimMore}|others|more|${someone("", 3)}${doing}))?${including}${aux}\s+${how}(?<k>${KILLED}|${INJURED})\b`, "giud"),
    // "four rebels and two soldiers were killed": two groups, one toll ("4 people (a driver among them) as well as
    // 2 guards were killed")
    // ("three rebels, five guards, and two civilians were killed": three groups)
    new RegExp(String.raw`\b${count}\s+(?:${victim}|${someone("")})${including}(?:,\s+${figure("t")}\s+(?:(?:[\p{L}\d-]+\s+){0,2}?(?<tv>${victimPattern})|${someone("t")}),?)?(?:\s+and|,?\s+as\s+well\s+as)\s+(?:other\s+|another\s+)?${figure("s")}\s+(?:(?:[\p{L}\d-]+\s+){0,2}?(?<sv>${victimPattern})|${someone("s")})${including}${aux}\s+${how}(?<k>${KILLED}|${INJURED})\b`, "giud"),
    // "the commander and his driver were killed", "the driver and three passengers were wounded": one person and another, or a group
    // ("a leader of the union and 3 others were killed": one told by a role in a group)
    new RegExp(String.raw`\b(?<one1>(?:the|a|an|his|her|their)\s+(?:${word}\s+){0,2}?(?:${OF_HEAD}\s+of\s+(?:the\s+)?(?:[\p{L}'’-]+\s+){0,2}?[\p{L}'’-]+|(?:\p{L}+-)?(?:${ONE_PERSON}|${victimPattern})\b))\s+and\s+(?:(?<one2>(?:his|her|their|the|a|an)\s+(?:(?:${AGE}|${word})\s+){0,2}?${word})|${figure("s")}\s+(?:(?:[\p{L}\d-]+\s+){0,2}?(?<sv>${victimPattern})|${someone("s")}))\s+(?:were|are|have been|had been)\s+(?:reportedly\s+|later\s+)?${how}(?<k>${KILLED}|${INJURED})\b`, "giud"),
    // "killing at least 12 civilians", "killed 5 and wounded 7", "left 3 dead", "raiders kill eleven herders", "shot dead six robbers"
    // ("killed 3 guards and 4 raiders", "killed a chief in addition to 3 of his guards": two groups, one toll; "killed 4 guards, and 3 workers of a firm were also
    // killed": a group with a verb of its own is the next toll, not the second group)
    new RegExp(String.raw`\b(?<k>killing|killed|kills|kill|lynch(?:es|ed)?(?:\s+to\s+death|\s+and\s+(?:burned|burnt|beat|beaten|stoned|hacked|stabbed|mutilated|beheaded))?|(?:stones?|beats?|hacks?|burns?|stabs?) to death|shot dead|shooting dead|shot and killed|gunned down|gunning down|guns? down|(?:hacked|stabbed|beat|beaten|stoned|burned|burnt|clubbed|shot) to death|slit the throats? of|executed|assassinat(?:ed|es|e|ing)|massacred|murdered|lynched|wounding|wounded|injuring|injured|left)\s+(?:(?:the|his|her|their)\s+)?${count}(?:\s+(?:${victim}|${peopleNoun("")})(?:\s*\([^().;]{1,30}\))?(?:,\s+${figure("t")}\s+(?:(?:[\p{L}\d-]+\s+){0,2}?(?<tv>${victimPattern})|${peopleNoun("t")})(?=,?\s+and\s))?(?:,?\s+(?:and|(?<conn>along\s+with|together\s+with|in\s+addition\s+to|as\s+well\s+as))\s+(?:(?:his|her|their)\s+)?${figure("s")}\s+(?:of\s+(?:his|her|their|the)\s+)?(?:(?:[\p{L}\d-]+\s+){0,2}?(?<sv>${victimPattern})|${peopleNoun("s")})(?!\s+(?:(?:were|was|are|had been|have been)\s+)?(?:wounded|injured|hurt|shot)\b)(?![^.;,]{0,60}?\s(?:were|was|are|had been|have been)\s+(?:also\s+)?(?:killed|wounded|injured|hurt|shot)\b)|,?\s+and\s+(?<one2>(?:the|his|her|their|a|an)\s+(?:(?!(?:${numberPattern})\b)${word}\s+){0,2}?(?:${ONE_PERSON}|${victimPattern}))\b(?!\s+(?:were|was|are|is|had|have|and)\b))?)?(?<after>\s+(?:dead|wounded|injured))?\b`, "giud"),
    // "the army lost 12 soldiers", "losing three of its men": a side's losses are its dead
    new RegExp(String.raw`\b(?<k>lost|loses|losing)\s+${count}\s+(?:of\s+(?:its|their|his|our)\s+)?(?:(?:[\p{L}-]+\s+){0,2}?(?<v>${victimPattern})|(?<g>men|members|personnel|officers|comrades))\b(?!\s+(?:to|as)\s+(?:capture|injur|wound|arrest|defect))`, "giud"),
    // "the death toll rose to 40", "a toll of 12 dead", "the number of people killed ... has risen to seven"
    new RegExp(String.raw`\b(?<k>death toll|toll|casualty toll)\s+(?:\w+\s+){0,3}?(?:to|at|of|reached|is|was)\s+${count}`, "giud"),
    // ("the death toll from Sunday's raid on a village in the north has risen to 11": what the toll is of, told
    // between, up to a verb of rising)
    gated(new RegExp(String.raw`\b(?<k>death toll)\s+(?:from|in|of)\s+[^.;]{0,140}?\b(?:has\s+|had\s+)?(?:rose|risen|rises|climbed|reached|increased|stood at|stands at)\s+(?:to\s+)?${count}`, "giud"), /\bdeath toll\s/i),
    new RegExp(String.raw`\b(?:the\s+)?number of (?:people |those |civilians |persons )?(?<k>killed|dead|injured|wounded)\b[^.;]{0,140}?\b(?:has |had |have )?(?:rose|risen|rises|climbed|reached|increased|stood at|stands at)\s+(?:to\s+)?${count}`, "giud"),
    // "Two members of the Asayish, the Kurdish-led security force, were killed"
    // ("Two Kurdish civilians from a border town were killed": a people's name before the noun too, told by its ending)
    new RegExp(String.raw`\b${count}\s+(?:(?:alleged|suspected|presumed|local|senior|armed|former|civilian|private|foreign|government|security|aid|\p{L}{2,}(?:ish|ian|ese|an|i))\s+){0,2}?(?:members?|officers?|fighters?|soldiers|employees|staff|workers|residents|people|persons|civilians|villagers|supporters|activists)\s+(?:of|from)\s+(?:the\s+)?[^,.;]{1,60}?(?:,[^,.;]{1,80},)?${aux}\s+${how}(?<k>${KILLED}|${INJURED})\b`, "giud"),
    // one named or described person: "Ana Ruiz, a 6-year-old girl, was shot and killed", "the boy later died",
    // "a clerk, John Okello, was killed"
    named(onePerson, String.raw`(?!(?:${numberPattern})\s+of\b)\p{Lu}[\p{L}'’-]+(?:\s+\p{Lu}[\p{L}'’-]+){1,3}|${described}`, described),
    // a headline that starts with a bare noun: "Man found dead in a farm", "Trader killed in a raid"
    new RegExp(String.raw`(?:^|[.;:!?]\s+)(?<one>${BARE_PERSON})\s+(?:(?:found|reportedly|allegedly)\s+)?(?<k>${KILLED})\b`, "giud"),
    // "a 6-year-old boy died", "the woman died after being stabbed": a person's death without a number ("beat a thief
    // who later died")
    new RegExp(String.raw`\b(?<one>he|she|(?:the|a|an|one|another)\s+(?:${AGE}\s+|[\p{L}-]+\s+){0,2}?${ONE_PERSON})(?:,\s*\d{1,3},)?(?:,?\s+who)?\s+(?:later\s+)?(?<k>died|dies|succumbed|succumbs)\b`, "giud"),
    // headline style, a bare singular noun after the verb: "crowd stones alleged robber", "bandits kill trader",
    // "gunmen kill Tuareg trader" (a people's name may qualify it; the noun itself is lower case)
    new RegExp(String.raw`\b(?<k>kills|kill|killed|lynch(?:es|ed)?|murder(?:s|ed)?|behead(?:s|ed))\s+(?!(?:suspects?|convicts?|accused|defendants?)\b)(?!(?:a|an|the|his|her|their|its|this|that|these|those|some|any|no|all|both|each|every|several|many|more|most|other|another|over|after|before|during|in|on|at|by|for|with|and|or|to|from|of|him|her|them|himself|herself|themselves|people|${numberPattern})\b)(?<one>(?:(?!(?:while|when|whereas|as|after|before|and|or|but|a|an|the|another|including|among|${numberPattern})\b)\p{L}[\p{Ll}-]*\s+){0,3}?${BARE_PERSON})\b(?!['’-])`, "gud"),
    // "2 of the raiders were killed", "two of the hostages died": a figure of a group told before, its own toll
    // (checked below: "one of those who died" is a part)
    new RegExp(String.raw`\b${count}\s+(?<of>of\s+(?:the|those|these))\s+(?:(?<ofhurt>injured|wounded)|${victim}|${peopleNoun("")})${aux}\s+${how}(?<k>${KILLED}|${INJURED})\b`, "giud"),
    // "a shell hit three farmers; one of them died": a figure of the people just told, its own toll (an aside in
    // brackets between)
    gated(new RegExp(String.raw`\b${count}\s+(?<of>of\s+them)(?:\s*\([^().;]{1,80}\))?${aux}\s+${how}(?<k>${KILLED}|${INJURED})\b`, "giud"), /\bof\s+them\b/i),
    // "the two injured officers later died": the wounded told before, dead now, over the toll of the dead
    gated(new RegExp(String.raw`\bthe\s+(?!(?:a|an)\b)${count}\s+(?<ofhurt>injured|wounded)(?:\s+(?:${victim}|${peopleNoun("")}))?\s+(?:later\s+|also\s+|subsequently\s+)?(?<k>died|succumbed)\b`, "giud"), /\b(?:injured|wounded)\s/i),
    // "captured two thieves and killed them", "abducted 3 traders before executing them": the people taken are the dead
    new RegExp(String.raw`\b(?:abducted|captured|kidnapped|seized|arrested|detained|dragged|caught|grabbed)\s+${count}\s+(?:${victim}|${peopleNoun("")})\s+(?:[^.;]{0,40}?\s)?(?:and|before|then)\s+(?:later\s+|then\s+)?(?<k>(?:killed|killing|executed|executing|beheaded|beheading|lynched|lynching|shot dead|shooting dead)\s+them|(?:burned|burnt|burning|beat|beating|stoned|stoning|hacked|hacking)\s+them\s+(?:alive|to death))\b`, "giud"),
    // "burnt the trader to death", "stabbed two guards to death", "beat a man from the market to death": the victim between
    // (case kept: a name is upper case)
    new RegExp(String.raw`\b(?<k>beat|beats|beaten|beating|beat up|stone|stones|stoned|stoning|stab|stabs|hack|hacks|burn|burns|stabbed|stabbing|hacked|hacking|burnt|burned|burning|clubbed|strangled|kicked|lynched|shot)\s+(?:(?<one>(?:a|an|the|one)\s+(?:${AGE}\s+|[\p{L}-]+\s+){0,2}?${ONE_PERSON}|(?:${AGE}\s+)?\p{Lu}[\p{L}'’-]+(?:\s+\p{Lu}[\p{L}'’-]+){1,2})|${count}\s+(?:${victim}|${peopleNoun("")}))(?:\s+(?:with|from)\s+(?:[\p{L}-]+\s+){0,2}?[\p{L}-]+)?\s+to death\b`, "gud"),
    // "killing a farmer and his son", "shot dead the chief and two aides", "killing a guard and another police officer": one
    // person and another, or a group, after the verb
    new RegExp(String.raw`\b(?<k>(?:shot|shooting|stabbed|stabbing)\s+and\s+(?:killed|killing)|killing|killed|kills|kill|shot dead|shooting dead|executed|executing|murdered|murdering|assassinated)\s+(?<one1>(?:the|a|an|one)\s+(?:${word}\s+){0,2}?(?:${ONE_PERSON}|${victimPattern}))\s+(?:and|along\s+with|together\s+with|as\s+well\s+as|in\s+addition\s+to)\s+(?:(?<one2>(?:his|her|their|another)\s+(?:(?!(?:${numberPattern})\b)${word}\s+){0,2}?(?:${ONE_PERSON}|${victimPattern}))(?!\s+(?:and|,))|(?:his\s+|her\s+|their\s+)?${figure("s")}\s+(?:others|(?:[\p{L}\d-]+\s+){0,2}?(?<sv>${victimPattern})|${peopleNoun("s")}))\b`, "giud"),
    // "killed a family of five", "a family of four was killed": the family's figure is the toll
    gated(new RegExp(String.raw`\b(?<k>killing|killed|kills|kill|massacred|murdered|executed|wiping out|wiped out)\s+(?:a|an|the|an entire|a whole)\s+(?<fam>family)\s+of\s+${count}\b`, "giud"), /\bfamily\s+of\s/i),
    gated(new RegExp(String.raw`\b(?:a|an|the)\s+(?:whole\s+|entire\s+)?(?<fam>family)\s+of\s+${count}\s+(?:was|were|has been|have been|had been)\s+(?:reportedly\s+|later\s+|all\s+)?${how}(?<k>${KILLED})\b`, "giud"), /\bfamily\s+of\s/i),
    // "killing both drivers", "an elderly couple was killed": two people
    gated(new RegExp(String.raw`\b(?<k>killing|killed|kills|kill|massacred|murdered|executed|lynched|shot dead|gunned down)\s+(?:(?<pair>both)\s+(?:of\s+)?(?:the\s+|their\s+)?(?:${victim}|${peopleNoun("")})|(?:a|an|the)\s+(?:[\p{L}-]+\s+)?(?<pair2>couple)\b(?!\s+of\b))`, "giud"), /\b(?:both|couple)\b/i),
    // "both men were killed", "both of them (brothers) were shot dead", "both died": two people
    gated(new RegExp(String.raw`(?:^|[.;:,]\s+|\b(?:and|but|said|that)\s+)(?<pair>both)(?:\s+of\s+them|\s+(?:the\s+|their\s+)?(?:[\p{L}-]+\s+)?(?:men|women|boys|girls|victims|brothers|sisters|children|${victimPattern}))?(?:\s*\([^().;]{1,60}\))?(?:\s+(?:were|have been|had been|later|reportedly))*\s+${how}(?<k>${KILLED})\b`, "giud"), /\bboth\b/i),
    gated(new RegExp(String.raw`\b(?:a|an|the)\s+(?:[\p{L}-]+\s+)?(?<pair>couple)\s+(?:was|were|has been|have been|had been)\s+(?:reportedly\s+|later\s+)?${how}(?<k>${KILLED})\b`, "giud"), /\bcouple\b/i),
    // "Ana Ruiz and three others were killed": a named person and a group, one toll
    gated(new RegExp(String.raw`(?<one1>\p{Lu}[\p{L}'’-]+(?:\s+\p{Lu}[\p{L}'’-]+){1,3})(?:,\s+(?:a|an|the)\s+[^,.;]{1,60},)?\s+and\s+${figure("s")}\s+(?:other|others)(?:\s+(?:people|persons|civilians|victims|men|women))?\s+(?:were|are|have been|had been)\s+(?:reportedly\s+|later\s+)?${how}(?<k>${KILLED}|${INJURED})\b`, "gud"), /\band\s+(?:\S+\s+){1,3}others?\b/i),
    // "killed the mayor, her driver and a guard": a list of people after the verb, each one
    new RegExp(String.raw`\b(?<k>(?:shot|shooting|stabbed|stabbing)\s+and\s+(?:killed|killing)|killing|killed|kills|kill|shot dead|shooting dead|executed|executing|murdered|murdering|assassinated|assassinating)\s+(?<list>(?:the|a|an|his|her|their|one)\s+(?:${word}\s+){0,2}?(?:${ONE_PERSON}|${victimPattern})(?:,\s+(?:the|a|an|his|her|their|one)\s+(?:${word}\s+){0,2}?(?:${ONE_PERSON}|${victimPattern})){1,6},?\s+and\s+(?:the|a|an|his|her|their|one)\s+(?:${word}\s+){0,2}?(?:${ONE_PERSON}|${victimPattern}))\b`, "giud"),
    // "the mayor, her husband, a cousin and a driver were killed": a list of people, each one
    new RegExp(String.raw`\b(?<list>(?:the|a|an|his|her|their|one)\s+(?:${word}\s+){0,2}?(?:${ONE_PERSON}|${victimPattern})(?:,\s+(?:the|a|an|his|her|their|one)\s+(?:${word}\s+){0,2}?(?:${ONE_PERSON}|${victimPattern})){1,6},?\s+and\s+(?:the|a|an|his|her|their|one)\s+(?:${word}\s+){0,2}?(?:${ONE_PERSON}|${victimPattern}))\s+(?:were|are|have been|had been)\s+(?:reportedly\s+|later\s+|all\s+)?${how}(?<k>${KILLED}|${INJURED})\b`, "giud"),
    // "his body was found by the roadside", "the body of a trader was recovered", "her body and the body of her driver were
    // found": a body found is one dead (a body told by "his", "her" or a person after "of"; "the body" alone may be a
    // council: "the body was found to have erred")
    new RegExp(String.raw`\b(?<one1>(?:[Hh]is|[Hh]er)\s+body|[Tt]he\s+body\s+of\s+(?:(?:the|a|an|his|her|their)\s+(?:(?:${AGE}|${word})\s+){0,2}?(?:${ONE_PERSON}|${victimPattern})|\p{Lu}[\p{L}'’-]+(?:\s+\p{Lu}[\p{L}'’-]+){0,3}))(?:\s+and\s+(?<one2>(?:the\s+)?body\s+of\s+(?:(?:the|a|an|his|her|their)\s+(?:(?:${AGE}|${word})\s+){0,2}?(?:${ONE_PERSON}|${victimPattern})|\p{Lu}[\p{L}'’-]+(?:\s+\p{Lu}[\p{L}'’-]+){0,3})))?\s+(?:was|were|has been|have been|had been|is|are)\s+(?:(?:later|reportedly|then|also|allegedly)\s+)?(?<k>found|discovered|recovered|retrieved|dumped)\b(?!\s+(?:to|guilty|liable)\b)`, "gud"),
    // "the bodies of three fishermen were found": bodies are the dead
    new RegExp(String.raw`\b(?<k>bodies|corpses)\s+of\s+(?!(?:a|an)\s)${count}(?:\s+(?:${victim}|${peopleNoun("")}))?`, "giud"),
    // "troops shot three of the kidnappers dead", "shot an intruder, who later died": the shot who died
    new RegExp(String.raw`\b(?<k>shot|shoots|shooting)\s+${count}\s+(?:of\s+the\s+)?(?:${victim}|${peopleNoun("")})(?:(?<after>\s+dead)|,?\s+who\s+(?:later\s+)?(?<died>died|succumbed)(?!\s+(?:of|from)\s+natural))\b`, "giud"),
    // "causing the death of a marcher", "led to the deaths of 3 people"; the killing named as a noun is the same
    // ("resulted in the killing of 9 guards", "the rebels claimed the killing of 4 soldiers")
    new RegExp(String.raw`\b(?:leading|led|lead|leads|resulting|resulted|results|causing|caused|causes|claim(?:ed|ing|s)?)\s+(?:to\s+|in\s+)?(?:the\s+)?(?<k>deaths?|killings?)\s+of\s+${count}(?:\s+(?:${victim}|${peopleNoun("")}))`, "giud"),
    // "4 fatalities", "three civilian deaths", "Three dead.": a count of deaths with no verb
    new RegExp(String.raw`\b${count}\s+(?:[\p{L}-]+\s+)?(?<k>fatalit(?:y|ies)|deaths|dead)\b`, "giud"),
    // "3 more bodies were recovered", "nine corpses": bodies are the dead
    new RegExp(String.raw`\b${count}\s+(?:more\s+|other\s+)?(?:[\p{L}-]+\s+)?(?<k>bodies|corpses)\b`, "giud"),
    // "the strike, killing and wounding an undisclosed number of guards", "the gang killed an undetermined number of herders", "the shelling caused
    // fatalities": deaths told without a figure are, by ACLED's rule for a number of dead not given, 10 (UNKNOWN_TOLL)
    gated(new RegExp(String.raw`\b(?<k>killing|killed|kills|kill)(?:\s+and\s+(?:injuring|wounding|injured|wounded))?\s+(?:an?\s+)?(?<unknown>(?:(?:unknown|unspecified|undetermined|undisclosed|unconfirmed|unclear)\s+)?number)\s+of\b|\b(?<k2>incurr(?:ed|ing)|inflict(?:ed|ing)|caus(?:ed|ing)|result(?:ed|ing)\s+in)\s+(?:(?:heavy|several|many|some)\s+)?(?<unknownn>fatalities)\b`, "giud"), /\b(?:number\s+of|fatalities)\b/i),
    // "two porters were killed, as was their driver": one more of the same outcome, over the toll before it
    gated(new RegExp(String.raw`\b(?<k>killed|dead|died|slain|wounded|injured)(?:\s+(?:in|at|on|during|near)\s+(?:a|an|the|his|her|their)\s+(?:[\p{L}-]+\s+){0,2}?[\p{L}-]+)?\s*,\s+(?<asw>as\s+(?:was|were))\s+(?:(?<one>(?:a|an|the|his|her|their)\s+(?:${word}\s+){0,2}?(?:${ONE_PERSON}|${victimPattern}))\b|${count}\s+(?:of\s+the\s+)?(?:${victim}|${peopleNoun("")}))`, "giud"), /,\s+as\s+(?:was|were)\s/i),
    // "the mayor died along with two porters and a cook", "5 traders were killed in a bar plus 2 drivers": the
    // people told with the dead died with them, over the toll before in the sentence (a group named by a noun of people:
    // "along with 40 rifles" is no toll; nor a group whose own fate a relative clause tells)
    gated(new RegExp(String.raw`\b(?<k>${KILLED})\b(?:\s+(?:in|at|on|near|inside|outside)\s+(?:a|an|the|his|her|their)\s+(?:[\p{L}-]+\s+){0,2}?[\p{L}-]+)?,?\s+(?<asw2>(?:along|together)\s+with|plus)\s+(?:(?<one>(?:his|her|their|a|an|another)\s+(?:${word}\s+){0,2}?(?:${ONE_PERSON}|${victimPattern}))\b|${count}\s+(?:others|${victim}|(?<g>(?:[\p{L}-]+\s+)?\p{L}+(?:ers|ors|men|ists|ians|ants|ards))))(?:,?\s+and\s+(?<one2>(?:his|her|their|a|an|another)\s+(?:${word}\s+){0,2}?(?:${ONE_PERSON}|${victimPattern}))\b)?(?![^.;]{0,30}\b(?:who|which|that)\b)`, "giud"), /\b(?:along\s+with|together\s+with|plus)\s/i),
    // "the blast killed him": one person, told before, dead ("killed her husband" is read by the patterns of a noun)
    gated(new RegExp(String.raw`\b(?<k>killed|killing|murdered|murdering|assassinated|assassinating|lynched|lynching)\s+(?<one>him|her(?=\s*(?:[.,;:!?)]|$)|\s+(?:and|on|in|at|with|after|before|as|when|while|during|near|inside|outside|by|for|from|instantly|immediately|later|too|also)\b))\b`, "giud"), /\b(?:him|her)\b/i),
    // "12 dead and 30 wounded" second half; "30 others were wounded"
    new RegExp(String.raw`\band\s+${count}(?:\s+(?:others|more))?${aux}\s+(?<k>${INJURED}|${KILLED})\b`, "giud"),
  ];
  return patterns;
}

let objectAfterPattern: RegExp | undefined;
/** An object right after the outcome verb ("killed the", "killed ten"): the figure before the verb acted. */
function objectAfter(): RegExp {
  // ("lynched and beat two men": a second verb before the object)
  objectAfterPattern ??= new RegExp(String.raw`^(?:\s+and\s+\p{L}+(?:ed|t))?\s+(?:the|his|her|their|its|him|them|\d|${getTables().numberPattern})\b`, "iu");
  return objectAfterPattern;
}

/** "1 killed 3 injured": a figure after the outcome verb that is the next toll, not its object */
const NEXT_TOLL = /^\s+\d{1,4}\s+(?:injured|wounded|hurt)\b/i;

const MONTH_BEFORE = /\b(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?\s*$/i;

/** A figure's count from the groups named with prefix `p` ("" or "s"). */
function figureCount(g: Record<string, string | undefined>, p: string): Count | null {
  let count: Count | null;
  if (g[`${p}a`] && g[`${p}b`]) {
    const a = numberValue(g[`${p}a`]);
    const b = numberValue(g[`${p}b`]);
    count = a && b ? { low: a.low, best: a.best, high: b.high ?? b.best } : null;
  } else {
    const n = numberValue(g[`${p}n`]);
    const c = numberValue(g[`${p}c`]);
    count = n && c ? { low: n.low, best: n.best, high: c.high ?? c.best } : n;
  }
  return count ? applyModifier(count, g[`${p}mod`]) : null;
}

function numberValue(s: string | undefined): Count | null {
  if (!s) return null;
  const { numbers } = getTables();
  const t = s.trim().toLowerCase();
  if (/^[\d,]+$/.test(t)) {
    const v = Number(t.replace(/,/g, ""));
    return { low: v, best: v, high: v };
  }
  const direct = numbers.get(t);
  if (direct) return direct;
  // "twenty three", "twenty-three"
  const parts = t.split(/[\s-]+/).map((p) => numbers.get(p));
  if (parts.every((p) => p && p.high !== null)) {
    const v = parts.reduce((acc, p) => acc + (p as Count).best, 0);
    return { low: v, best: v, high: v };
  }
  return null;
}

function applyModifier(count: Count, mod: string | undefined): Count {
  const m = mod?.trim().toLowerCase();
  if (!m) return count;
  if (/^(?:at least|at the least|more than|over|a further|another)$/.test(m)) return { low: count.low, best: count.best, high: null };
  if (/^(?:fewer than|less than|at most|up to|as many as)$/.test(m)) return { low: Math.min(1, count.low), best: count.best, high: count.best };
  return count; // about, nearly, some: the figure as reported
}

/** Every killed/injured count in `text` (offsets relative to `offset`). Counts after "including" are parts, not totals. */
export function findCasualties(text: string, offset = 0): CasualtyMention[] {
  const { victims } = getTables();
  const out: CasualtyMention[] = [];
  /** where each toll's figure starts, and whether its verb came first, by its index in `out` */
  const figureOf = new Map<number, { at: number; verbFirst: boolean }>();
  const reactions = reactionSpans(text);
  for (const re of getPatterns()) {
    if (NEEDS.get(re)?.test(text) === false) continue;
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      // a match refused below may hide a shorter one that starts inside it ("in a school, 1 woman and 1 child were
      // killed"): after a refusal the next try starts one character on (after a toll, at its end)
      re.lastIndex = m.index + 1;
      // a name is upper case: else the same place is read as a described person only (DESCRIBED_ONLY)
      const describedOnly = DESCRIBED_ONLY.get(re);
      // ("police said Ana Ruiz was found dead": the name is the words from the last lower-case one on)
      if (describedOnly && m.groups?.one && !NAME.test(m.groups.one) && !NAME_AT_END.test(m.groups.one)) {
        describedOnly.lastIndex = m.index;
        const again = describedOnly.exec(text);
        if (!again) continue;
        m = again;
      }
      const g = m.groups ?? {};
      // a noun outside the victims lexicon must name people, not time or things ("two days later")
      if ([g.g, g.sg, g.tg].some((w) => w !== undefined && w.split(/\s+/).some((x) => NOT_PEOPLE.test(x)))) continue;
      // "shot" after an unknown word is more often the shot than the people ("a single shot"): only a plural names people
      if (/^shot$/i.test(g.k ?? "") && g.g && !g.after && !g.died && !/(?:s|men|people|children)$/i.test(g.g)) continue;
      // "one of the traders who died": a part of a total told elsewhere, like "including"
      const figureEnd = m.indices?.groups?.n?.[1] ?? m.indices?.groups?.b?.[1];
      // ("killed three of them" is the toll: the verb comes first)
      // ("2 of the raiders were killed" is a toll: a finite verb after the group, no "who")
      // (an aside in brackets is no relative clause of the toll: "one of them (a man who sold fish) died")
      const ownToll = g.of !== undefined && !/\b(?:who|that|which)\b/i.test(m[0].replace(/\([^()]*\)/g, " ")) && /\s(?:were|was|are|is|have been|has been|had been)\s|\s(?:died|succumbed|die|dies)$/i.test(m[0]);
      if (figureEnd !== undefined && !ownToll && !((m.indices?.groups?.k?.[0] ?? Infinity) < figureEnd) && /^\s+of\s+(?:the|those|them|whom|these)\b/i.test(text.slice(figureEnd, figureEnd + 20))) continue;
      // a bare number after a month or a year is a date, not a toll ("on 3 May 2020 killed")
      const figureAt = m.indices?.groups?.n?.[0];
      const kAt = m.indices?.groups?.k?.[0];
      const verbFirst = (m.indices?.groups?.k?.[0] ?? Infinity) < (figureAt ?? -1);
      if (!g.v && !g.g && g.n && figureAt !== undefined && (/^(?:1[89]|20)\d\d$/.test(g.n) || (!verbFirst && MONTH_BEFORE.test(text.slice(Math.max(0, figureAt - 12), figureAt))))) continue;
      // a death people react to is another happening's ("marched over the killing of a driver shot by police")
      const kAtAll = m.indices?.groups?.k?.[0] ?? m.index;
      if (reactions.some(([a, b]) => (m.index >= a && m.index < b) || (kAtAll >= a && kAtAll < b))) continue;
      // a list of people counts each ("the mayor, her husband and a driver")
      const listed = g.list ? g.list.split(/,\s+and\s+|,\s+|\s+and\s+/).length : 0;
      let count: Count | null = g.unknown || g.unknownn ? UNKNOWN_TOLL : listed ? { low: listed, best: listed, high: listed } : g.pair || g.pair2 ? { low: 2, best: 2, high: 2 } : g.one || g.one1 ? { low: 1, best: 1, high: 1 } : figureCount(g, "");
      if (!count) continue;
      // a figure after "by" counts who acted ("seized by three youths and beaten to death")
      if (figureAt !== undefined && !verbFirst && /\bby\s+$/i.test(text.slice(Math.max(0, figureAt - 4), figureAt))) continue;
      // a figure of animals is no toll ("killed two cows")
      if (figureEnd !== undefined && ANIMALS_AFTER.test(text.slice(figureEnd, figureEnd + 30))) continue;
      // "two gunmen killed a man": the figure counts who acted; a passive or a verb without an object counts the dead
      // ("two of them died the next day": a verb that takes no object)
      if (figureEnd !== undefined && kAt !== undefined && kAt > figureEnd && !/^(?:died|dies|die|dead|succumbed|succumbs|perished)$/i.test(g.k ?? "") && !/\s(?:were|was|are|is|been|being|have|has|had)\s/i.test(text.slice(figureEnd, kAt) + " ") &&
        objectAfter().test(text.slice(m.index + m[0].length, m.index + m[0].length + 16)) && !NEXT_TOLL.test(text.slice(m.index + m[0].length, m.index + m[0].length + 24))) continue;
      // "a couple" is two people, read by its own pattern
      if (/^an?$/i.test(g.n ?? "") && /\bcouple$/i.test(g.g ?? "")) continue;
      if (g.one && /^(?:a|an|the)\s+(?:[\p{L}-]+\s+)?couple$/iu.test(g.one)) continue;
      // "a crowd of traders lynched a thief": a body of people named by its figure acts, unless the verb is passive
      if (/^an?$/i.test(g.n ?? "") && !verbFirst && figureEnd !== undefined && /^\s+(?:mob|crowd|group|gang|band|unit|squad|team|convoy|party)\s+of\s/i.test(text.slice(figureEnd, figureEnd + 12)) && !/\s(?:was|were|has been|have been|had been|is|are)\s/i.test(m[0])) continue;
      // "a patrol boat later killed": "a" before a word outside the victims lexicon is one thing acting, unless passive
      if (/^an?$/i.test(g.n ?? "") && g.g && !verbFirst && !/\s(?:was|has been|had been|is)\s/i.test(m[0])) continue;
      // "a report of a person shot": "a" with a bare "shot" names a call or a report more often than a victim
      if (/^an?$/i.test(g.n ?? "") && /^shot$/i.test(g.k ?? "") && figureEnd !== undefined && kAt !== undefined && kAt > figureEnd && !/\s(?:was|has been|had been|is)\s/i.test(text.slice(figureEnd, kAt) + " ")) continue;
      // "a family were shot": one group, not one person
      if (/^(?:an?|one)$/i.test(g.n ?? "") && !g.sn && !g.sa && figureEnd !== undefined && kAt !== undefined && kAt > figureEnd && /\s(?:were|are|have been)\s/i.test(text.slice(figureEnd, kAt))) continue;
      // a figure glued to digits before it is part of a date or a time ("on 12/05 after the death", "at 14:30")
      if (figureAt !== undefined && /\d[/:.]$/.test(text.slice(Math.max(0, figureAt - 2), figureAt))) continue;
      // an age is never a count: "under the age of 10", "aged 9"
      if (figureAt !== undefined && /\b(?:ages?\s+of|aged|age)\s*$/i.test(text.slice(Math.max(0, figureAt - 16), figureAt))) continue;
      // a plural figure with a singular verb is not the subject ("a farmer with three sons was shot"; a verb is lower
      // case, "6 RVF militants" names a group; "a family of five was killed" is one noun of many people)
      // (a figure that starts the sentence is its subject whatever the verb: "Five persons has been killed")
      if (!g.one && !g.fam && count.best > 1 && !g.sn && !g.sa && figureEnd !== undefined && kAt !== undefined && kAt > figureEnd && /\s(?:was|is|has been)\s/.test(text.slice(figureEnd, kAt)) && !/(?:^|[.;:!?]\s*)$/.test(text.slice(0, m.index))) continue;
      // a figure right before its outcome word ("5 killed") must be a number: "a shot", "one shot" and "many wounded" are not tolls
      if (figureEnd !== undefined && kAt !== undefined && kAt > figureEnd && /^\s*$/.test(text.slice(figureEnd, kAt))) {
        if (/^shot$/i.test(g.k ?? "") || /^an?$/i.test(g.n ?? "") || (!g.mod && count.high === null)) continue;
        // "40 wounded people": the outcome word describes the people, as in a figure told again; the phrase is left to the others
        if (/^\s+(?:people|persons|civilians|patients|victims)\b/i.test(text.slice(m.index + m[0].length, m.index + m[0].length + 12))) continue;
      }
      if (g.sn || g.sa || g.one2 || g.tn || g.ta) {
        // two groups in one toll add up ("four rebels and two soldiers were killed"), and a third told between them
        let second = g.one2 ? { low: 1, best: 1, high: 1 } : g.sn || g.sa ? figureCount(g, "s") : null;
        if ((g.sn || g.sa || g.one2) && !second) continue;
        // ("killed 4 rebels along with 30 rifles": after "along with" or "in addition to", only a noun of people is more dead)
        if (g.conn && g.sg && !PEOPLE_ENDING.test(g.sg)) second = null;
        const third = g.tn || g.ta ? figureCount(g, "t") : null;
        for (const more of [second, third]) if (more) count = addCounts(count, more);
      }
      const k = (g.k ?? "").toLowerCase();
      let after = (g.after ?? (g.died ? "dead" : "")).trim().toLowerCase();
      // "1 killed 3 injured": after a killing verb, a figure and a word of injury are the next toll, not the killing's
      // object (only "left" and a verb of injury take their outcome after the figure)
      if (/^(?:wounded|injured)$/.test(after) && g.after && !/^(?:left|wound|injur)/.test(k)) continue;
      if (k === "left" && !after) {
        // "left 3 police personnel injured": the outcome word comes after a longer noun phrase; none, no count
        const tail = /^[^,.;:]{0,60}?\b(dead|killed|wounded|injured|hurt)\b/i.exec(text.slice(m.index + m[0].length));
        if (!tail) continue;
        after = tail[1].toLowerCase();
      }
      // "shot" says hit, not killed: an injury unless a killing word says more
      const injured = /wound|injur|hurt|hospitali|^shot$/.test(after || k) && !(k === "left" && after === "dead") && !/\bto death$/i.test(m[0]);
      // ("police said the guard was shot": a hurt person in a reported clause is left to the counting model, which reads
      // the article's other sentences about the same people; a death so told is a toll)
      if (injured && g.tell) continue;
      // "was found shot" tells a body found, not a survivor: no injury (a killing word after "found" is a death)
      if (injured && kAt !== undefined && /\bfound\s+$/i.test(text.slice(Math.max(0, kAt - 8), kAt))) continue;
      const before = text.slice(Math.max(0, m.index - 60), m.index);
      if (/\b(?:including|included|include|includes|among them|of whom|among whom)\s*$/i.test(before)) continue;
      // ("the dead included a boy and three guards who were killed": a figure later in the list is a part too)
      // ("3 died, including 2 guards who reportedly were shot and 1 driver who was stabbed": a part told with a
      // relative clause of its own before the next)
      if (figureAt === m.index && /\b(?:including|included|include|includes)\s+(?:(?!(?:were|was|are|is|have|has|had|been)\b)[^\s.;:]+\s+){1,6}?(?:(?:who|that|which)\s+[^.;:()]{0,80}?\s+)?and\s*$/i.test(text.slice(Math.max(0, m.index - 160), m.index))) continue;
      // "tried to lynch a thief", "planned to kill two": an attempt or an intent, not a toll ("a mob used machetes
      // to kill 8" is one)
      if ((verbFirst || kAt === m.index) && /\b(?:tr(?:y|ies|ied|ying)|attempt(?:s|ed|ing)?|threat(?:en|ens|ened|ening)|plan(?:s|ned|ning)?|plott(?:ed|ing)|wanted|sought|intend(?:s|ed|ing)?)\s+to\s*$/i.test(before)) continue;
      // a killing someone is accused of is not this happening's toll ("gunmen accused of killing 5 people were shot")
      if (/\b(?:accused of|suspected of|charged with|convicted of|blamed for|responsible for|arrested for|wanted for|(?:suspected|accused|alleged)\s+to\s+have|(?:suspected|accused|convicted)\s+of\s+having)\s*$/i.test(before)) continue;
      // "a man who had killed his wife": what someone did before, not this happening's toll
      if (/\bwho\s+(?:had|has|have)\s+(?:allegedly\s+|reportedly\s+)?$/i.test(verbFirst || kAt === m.index || kAt === undefined ? before : text.slice(Math.max(0, kAt - 40), kAt))) continue;
      if (/\b(?:not|no|neither|nobody|none)\b[^.]{0,30}$/i.test(before + m[0].slice(0, Math.max(0, m[0].search(/\b(?:was|were|been)\b/))))) continue;
      // "nearly killed", "almost lynched": no death; "killed or injured", "killed, wounded or captured": how many died is
      // not told
      if (kAt !== undefined && /\b(?:nearly|almost)\s+$/i.test(text.slice(Math.max(0, kAt - 8), kAt))) continue;
      if (!injured && kAt !== undefined && /^(?:\s*,\s*[\p{L}]+)?\s+or\s+(?:injured|wounded|hurt|captured|arrested|missing|abducted)\b/iu.test(text.slice(kAt + (g.k ?? "").length, kAt + (g.k ?? "").length + 30))) continue;
      const victimWord = (g.v ?? g.sv)?.toLowerCase();
      if (figureAt !== undefined) figureOf.set(out.length, { at: figureAt, verbFirst });
      out.push({
        kind: injured ? "injured" : "killed",
        count,
        victims: victimWord ? victims.get(victimWord) ?? null : null,
        // ("two of the wounded later died": deaths over the toll told, since the wounded were not counted dead)
        // ("two others later died", "while two others succumbed": people beyond those told before; of the dead only, since
        // "1 killed, 3 others injured" tells the others apart from the dead; "three others were feared dead" is no confirmed death)
        // ("a third soldier died later": one more person than those told before)
        additive: g.ofhurt !== undefined || (!verbFirst && /^an?\s+(?:second|third|fourth|fifth|sixth)\s/i.test(m[0])) || /^(?:another|a further)$/i.test(g.mod?.trim() ?? "") || /^more\b/i.test(figureEnd !== undefined && kAt !== undefined && kAt > figureEnd ? text.slice(figureEnd, kAt).trim() : "") ||
          // ("killing 3 more guards", "the bodies of two more victims": the verb first, "more" after the figure)
          (verbFirst && figureEnd !== undefined && /^\s+more\b/i.test(text.slice(figureEnd, figureEnd + 6))) ||
          (!injured && !g.sn && !g.sa && figureEnd !== undefined && kAt !== undefined && kAt > figureEnd && /^others\b/i.test(text.slice(figureEnd, kAt).trim()) && !/\b(?:feared|believed|thought|presumed|unconfirmed)\b/i.test(text.slice(figureEnd, kAt))),
        overInSentence: g.asw !== undefined || g.asw2 !== undefined || (!injured && /\b(?:later|subsequently)\b/i.test(text.slice(figureAt ?? m.index, kAt !== undefined && kAt > (figureAt ?? m.index) ? kAt + (g.k ?? "").length + 10 : m.index + m[0].length))),
        // (not a death told as an earlier happening, "after gunmen killed a guard, ...", nor as what someone is believed to
        // have done, "a man they believe killed a child")
        newPerson: count.best === 1 && count.high === 1 && !g.one2 && !g.sn && !g.sa && (/^an?$/i.test(g.n ?? "") || /^an?\s/i.test(g.one ?? g.one1 ?? "")) &&
          !/\b(?:after|before|following|since|because)\b[^,;]*$/i.test(before) && !/\b(?:believed?|believes|suspect(?:s|ed)?|thinks?|thought|says?|said|claim(?:s|ed)?)\s*$/i.test(before),
        // ("the driver was also killed": a person told without a figure, "also" before the verb)
        also: /\balso\b/i.test(figureEnd !== undefined && kAt !== undefined && kAt > figureEnd ? text.slice(figureEnd, kAt) : figureAt === undefined && kAt !== undefined && kAt > m.index ? text.slice(m.index, kAt) : "") || (!verbFirst && /\balso\s+$/i.test(before)),
        start: offset + m.index,
        end: offset + m.index + m[0].length,
      });
      re.lastIndex = m.index + m[0].length;
    }
  }
  // one count per place in the text: the longest match wins, and one figure is one toll however many patterns read it:
  // the reading whose verb comes first ("left 3 police personnel injured" over "3 police personnel injured", "killed 3
  // civilians, including a child and injured 30" over "3 civilians, including a child and injured"), else the one that
  // names the victims, else the longer
  const order = out.map((_, i) => i).sort((a, b) => out[a].start - out[b].start || out[b].end - out[a].end);
  const sorted = order.map((i) => out[i]);
  const figures = order.map((i) => figureOf.get(i));
  const better = (j: number, i: number): boolean => {
    const [o, c, fo, fc] = [sorted[j], sorted[i], figures[j]!, figures[i]!];
    if (fo.verbFirst !== fc.verbFirst) return fo.verbFirst;
    if ((o.victims !== null) !== (c.victims !== null)) return o.victims !== null;
    return o.end - o.start > c.end - c.start || (o.end - o.start === c.end - c.start && j < i);
  };
  const kept = sorted.filter((c, i) => !sorted.some((o, j) => j !== i && ((o.start <= c.start && o.end >= c.end && (o.end - o.start > c.end - c.start || j < i)) || (figures[i] !== undefined && figures[i]?.at === figures[j]?.at && better(j, i)))));
  // a toll in brackets right after another is a detail of it ("killed 12 rebels (5 bodies found)")
  return kept.filter((c) => !kept.some((o) => o !== c && o.kind === c.kind && o.end <= c.start && /^\s*\([^()]*$/.test(text.slice(o.end - offset, c.start - offset)) && text.indexOf(")", c.start - offset) >= 0));
}

/** "They then shot them dead", "the kidnappers executed them": a killing of the people a sentence before told as taken */
const KILLED_THEM = /\b(?:they|the\s+(?:gunmen|kidnappers|abductors|captors|attackers|assailants|militants|bandits|rebels|insurgents|fighters))\s+(?:(?:later|then|subsequently|reportedly|allegedly)\s+)*(?<k>killed|executed|beheaded|shot\s+dead|murdered)\s+(?:all\s+(?:of\s+)?)?them\b/i;
/** the last "abducted 9 soldiers", "kidnapped three traders" of a sentence, to the end of its clause */
const TAKEN = /\b(?:abducted|captured|kidnapped|seized|detained)\s+[^.;,]{1,80}/gi;

/**
 * The toll of a sentence that kills, by a pronoun, the people the sentence before told as taken ("Gunmen abducted 9
 * soldiers. They then shot them dead."): the figure of those taken, placed on the killing words; none when the sentence
 * tells no such killing or the one before no figure of people taken.
 */
export function tollOfTakenBefore(previous: string, text: string, offset = 0): CasualtyMention[] {
  const kill = KILLED_THEM.exec(text);
  if (!kill) return [];
  const taken = [...previous.matchAll(TAKEN)].pop();
  if (!taken) return [];
  // (the taken people only: the words up to where or when they were taken)
  const people = taken[0].split(/\s(?:from|in|at|near|on|outside|inside|along|during|while|who|after|before|as|and)\s/i)[0].trim();
  const tolls = findCasualties(`${people} and killed them`).filter((c) => c.kind === "killed");
  if (tolls.length !== 1) return [];
  return [{ ...tolls[0], start: offset + kill.index, end: offset + kill.index + kill[0].length }];
}

/**
 * Deaths reported without a figure ("the strike, killing and wounding an undisclosed number of guards", "the gang killed an undetermined number of
 * villagers", "the shelling caused fatalities"): ACLED codes a number of dead not given as 10; at least one died.
 */
export const UNKNOWN_TOLL: Count = { low: 1, best: 10, high: null };

/** Two tolls of different people as one: the sum, open at the top if either is. */
export function addCounts(a: Count, b: Count): Count {
  return { low: a.low + b.low, best: a.best + b.best, high: a.high === null || b.high === null ? null : a.high + b.high };
}

/**
 * One sentence's tolls of one kind as one count: reports of the same people combine conservatively
 * (`combineReportedCounts`), a toll that sums the others is their total; tolls of different sides ("7 soldiers were killed, and 4 rebels were also killed") and
 * tolls over one told before ("4 more", "another 5", "were also killed" after a toll) add up.
 */
export function sentenceCount(list: readonly CasualtyMention[]): Count | null {
  const over = (c: CasualtyMention) => c.additive || ((c.also || c.overInSentence) && list.some((o) => !o.additive && !o.also && !o.overInSentence));
  let base = list.filter((c) => !over(c));
  // people each brought in by "a"/"an" are as many people ("a guard was shot dead and a driver was stabbed"): their
  // sum is one report of the toll
  const persons = base.filter((c) => c.newPerson);
  if (persons.length >= 2) {
    const together: CasualtyMention = { ...persons[0], count: persons.map((c) => c.count).reduce(addCounts), victims: persons.every((c) => c.victims === persons[0].victims) ? persons[0].victims : null, newPerson: false };
    base = [together, ...base.filter((c) => !c.newPerson)];
  }
  const added = list.filter(over);
  const sides = new Set(base.map((c) => c.victims));
  const sum = (counts: Count[]): Count | null => (counts.length === 0 ? null : counts.reduce(addCounts));
  // sides are told apart only when every toll names its side ("people" names none)
  const distinct = sides.size > 1 && !sides.has(null) && !sides.has("people");
  // a toll that is the sum of the others is their total ("killed 17 villagers: 14 were shot while 3 died of burns"):
  // it stands, not its smallest part
  const total = base.length >= 3 ? base.find((c) => base.reduce((n, o) => n + (o === c ? 0 : o.count.best), 0) === c.count.best) : undefined;
  const first = total ? total.count : distinct ? sum([...sides].map((v) => combineReportedCounts(base.filter((c) => c.victims === v).map((c) => c.count))!)) : combineReportedCounts(base.map((c) => c.count));
  return sum([first, ...added.map((c) => c.count)].filter((c): c is Count => !!c));
}

/**
 * Combines one article's reports of one count: low the lowest, best the most conservative (ACLED), high the
 * highest (open if any is). Across articles, incidents use the UCDP rule instead (src/incidents/combine.ts).
 */
export function combineReportedCounts(counts: Count[]): Count | null {
  if (counts.length === 0) return null;
  const low = Math.min(...counts.map((c) => c.low));
  const best = Math.min(...counts.map((c) => c.best));
  const highs = counts.map((c) => c.high);
  const high = highs.some((h) => h === null) ? null : Math.max(...(highs as number[]));
  return { low, best, high };
}
