/**
 * What two event frames have in common, part by part (time, place, participants, counts, type), as named binary
 * features for the learned matcher, plus the few contradictions that rule a pair out whatever the weights say.
 * Feature names are generic states ("place:near"), never text from an article.
 */
import { actorStrength, dateStrength, placeStrength, sameActor, targetStrength, typeRelation } from "../compat.js";
import type { ActorRef, EventProfile } from "../profile.js";

/** The five parts of an event frame that the matcher compares; each contributes to the score on its own. */
export const MATCH_PARTS = ["time", "place", "participants", "counts", "type"] as const;
export type MatchPart = (typeof MATCH_PARTS)[number];

/** Why a pair cannot be one happening, whatever else agrees. */
export type Veto = "same-article" | "other-type" | "other-country" | "places-apart" | "dates-apart" | "perpetrators-differ";

export interface PartState {
  part: MatchPart;
  /** the active features of this part, e.g. ["place:near"]; empty when the part says nothing either way */
  features: string[];
}

export interface PairFeatures {
  veto: Veto | null;
  parts: PartState[];
}

/** Time states where both sides are dated to days (or a week) that meet. */
const DAY_DATED = new Set(["time:same-day", "time:same-day-one-published", "time:same-publication-day", "time:publication-slack", "time:overlap"]);

function timeFeatures(a: EventProfile, b: EventProfile): string[] | Veto {
  if (!a.start || !b.start) return a.start || b.start ? ["time:one-side"] : ["time:neither"];
  const strength = dateStrength(a, b);
  if (strength === null) return "dates-apart";
  const year = a.granularity === "year" || b.granularity === "year";
  if (strength === 1) return ["time:same-day"];
  if (strength === 0.8) return a.dateSource === "event" || b.dateSource === "event" ? ["time:same-day-one-published"] : ["time:same-publication-day"];
  if (strength === 0.4) return ["time:publication-slack"];
  return [year ? "time:same-year" : "time:overlap"];
}

/** Where two ledes are set, compared when a side has no place of its own. */
function settingFeatures(a: EventProfile, b: EventProfile): string[] {
  const x = a.setting ?? (a.place ? [a.place] : []);
  const y = b.setting ?? (b.place ? [b.place] : []);
  if (x.length === 0 || y.length === 0) return [];
  const strengths = x.flatMap((p) => y.map((q) => placeStrength(p, q)));
  if (strengths.some((s) => s !== null && s >= 0.6)) return ["place:setting-shared"];
  return strengths.every((s) => s === null) ? ["place:setting-differ"] : [];
}

/**
 * Whether two places that contradict are named where the other's story is set (its headline and lead): outlets
 * geocode one happening differently (a town to its namesake abroad, a village to the city nearby). A place abroad
 * is excused when one lead names the other's place; two places in one country only when each lead names the
 * other's (a story set in a city and a strike on a town near it name the city both, the town once).
 */
function placesExcused(a: EventProfile, b: EventProfile, otherCountry: boolean): boolean {
  const within = (p: EventProfile["place"], setting: EventProfile["setting"]) =>
    p !== null && (setting ?? []).some((q) => (placeStrength(p, q) ?? 0) >= 0.6);
  return otherCountry ? within(a.place, b.setting) || within(b.place, a.setting) : within(a.place, b.setting) && within(b.place, a.setting);
}

/** How much of two sets is shared (Jaccard), in five named states; null when a side is empty. */
function overlapState(a: readonly string[], b: readonly string[]): "none" | "few" | "some" | "many" | "most" | null {
  if (a.length === 0 || b.length === 0) return null;
  const x = new Set(a);
  let shared = 0;
  for (const v of new Set(b)) if (x.has(v)) shared++;
  const j = shared / (x.size + new Set(b).size - shared);
  return shared === 0 ? "none" : j < 0.1 ? "few" : j < 0.2 ? "some" : j < 0.35 ? "many" : "most";
}

/** The words of a context key that tell one name from another (longer than two letters). */
function keyWords(key: string): string[] {
  return key.split(" ").filter((w) => w.length > 2);
}

/** Whether `key` is among `keys` word for word: all its words in one of them ("kowalczyk" in "marta kowalczyk"). */
function namedIn(key: string, keys: readonly string[]): boolean {
  const words = keyWords(key);
  if (words.length === 0) return false;
  return keys.some((k) => {
    const other = keyWords(k);
    return words.every((w) => other.includes(w)) || (other.length > 0 && other.every((w) => words.includes(w)));
  });
}

/**
 * Whether one article's most mentioned name is named in the other ("one") or each article's in the other ("both"):
 * a short report of a story names few of its people, its protagonist among them, which Jaccard alone reads as "few
 * shared".
 */
function topNamed(a: readonly string[], b: readonly string[]): "one" | "both" | null {
  const ab = a.length > 0 && namedIn(a[0], b);
  const ba = b.length > 0 && namedIn(b[0], a);
  return ab && ba ? "both" : ab || ba ? "one" : null;
}

/**
 * What two ledes' articles name alike: people and organisations, places, years (see `articleContext`): the share
 * of both lists (Jaccard), and whether each article's most mentioned name or place is named in the other.
 */
function contextFeatures(a: EventProfile, b: EventProfile, kind: "names" | "places" | "years"): string[] {
  if (!a.context || !b.context) return [];
  const x = a.context[kind];
  const y = b.context[kind];
  const state = overlapState(x, y);
  if (state === null) return [];
  if (kind === "years") return [state === "none" ? "time:article-years-differ" : state === "most" ? "time:article-years-shared" : "time:article-years-overlap"];
  const part = kind === "names" ? "participants" : "place";
  const out = [`${part}:article-${kind}-${state}`];
  const top = topNamed(x, y);
  if (top) out.push(`${part}:article-top-${kind}-${top}`);
  return out;
}

function placeFeatures(a: EventProfile, b: EventProfile): string[] | Veto {
  if (!a.place || !b.place) return [a.place || b.place ? "place:one-side" : "place:neither", ...settingFeatures(a, b)];
  const strength = placeStrength(a.place, b.place);
  if (strength === null) {
    const otherCountry = Boolean(a.place.country && b.place.country && a.place.country !== b.place.country);
    if (placesExcused(a, b, otherCountry)) return ["place:apart-setting-shared"];
    return otherCountry ? "other-country" : "places-apart";
  }
  if (strength >= 1) return ["place:same"];
  if (strength >= 0.8) return ["place:near"];
  if (strength >= 0.6) return ["place:same-area"];
  if (strength >= 0.5) return ["place:same-region"];
  return ["place:same-country"];
}

/** Shared and unshared named participants of one kind: "person" or any organisation. */
function namedOverlap(a: ActorRef[], b: ActorRef[], label: string): string[] {
  if (a.length === 0 || b.length === 0) return [];
  const sharedA = a.filter((x) => b.some((y) => sameActor(x, y) === true)).length;
  if (sharedA === 0) return [`participants:${label}-differ`];
  const sharedB = b.filter((y) => a.some((x) => sameActor(x, y) === true)).length;
  const out = [`participants:${label}-shared`];
  if (sharedA >= 2) out.push(`participants:${label}s-shared`);
  // The same protagonist in two different happenings (a boxer's two fights): the others named differ on both sides.
  if (sharedA < a.length && sharedB < b.length) out.push(`participants:${label}-others-differ`);
  return out;
}

function participantFeatures(a: EventProfile, b: EventProfile): string[] {
  const out: string[] = [];
  const actors = actorStrength(a.actors, b.actors, a.targets, b.targets);
  // A battle has two sides and outlets name either one as the actor: different names there prove nothing.
  const battle = a.acled?.eventType === "Battles" && b.acled?.eventType === "Battles";
  if (actors === 1) out.push("participants:actor-shared");
  else if (actors === null && !battle) out.push("participants:actors-differ");
  const targets = targetStrength(a.targets, b.targets);
  if (targets === 1) out.push("participants:target-shared");
  else if (targets < 0.5) out.push("participants:targets-differ");
  const isPerson = (r: ActorRef) => r.kind === "person";
  const pa = a.participants ?? [];
  const pb = b.participants ?? [];
  out.push(...namedOverlap(pa.filter(isPerson), pb.filter(isPerson), "person"));
  out.push(...namedOverlap(pa.filter((r) => !isPerson(r)), pb.filter((r) => !isPerson(r)), "organisation"));
  return out;
}

function countFeatures(a: EventProfile, b: EventProfile): string[] {
  const out: string[] = [];
  for (const [label, x, y] of [["killed", a.killed, b.killed], ["injured", a.injured, b.injured]] as const) {
    if (!x || !y) {
      if (x || y) out.push(`counts:${label}-one-side`);
      continue;
    }
    const hi = Math.max(x.best, y.best);
    const lo = Math.min(x.best, y.best);
    // Tolls rise as reports come in: close figures agree, far-apart ones only weaken the match.
    if (lo === hi) out.push(`counts:${label}-same`);
    else if (lo / hi >= 0.5) out.push(`counts:${label}-close`);
    else out.push(`counts:${label}-differ`);
  }
  return out;
}

/** ACLED event types of armed violence, which a peaceful protest never is. */
const ARMED_VIOLENCE = new Set(["Battles", "Explosions/Remote violence"]);

function protestAndArmedViolence(a: EventProfile, b: EventProfile): boolean {
  const x = a.acled?.eventType ?? "";
  const y = b.acled?.eventType ?? "";
  return (x === "Protests" && ARMED_VIOLENCE.has(y)) || (y === "Protests" && ARMED_VIOLENCE.has(x));
}

function typeFeatures(a: EventProfile, b: EventProfile): string[] | Veto {
  const relation = typeRelation(a, b);
  // A protest and armed violence (an air strike, a clash) both coded in ACLED's scheme: two happenings. Other
  // ACLED-incompatible labels are weighed by the model (type:other-acled) with the rest, not ruled out: outlets tell
  // one story by different sides of it (a raid told as a clash by one, as the arrests by another; a riot as a clash).
  if (relation === "other-acled" && protestAndArmedViolence(a, b)) return "other-type";
  // ACLED labels that agree may still sit under different PLOVER types: that weighs on its own.
  const acled = relation === "same-subtype" || relation === "same-acled-type" || relation === "compatible-acled";
  return acled && a.type !== b.type ? [`type:${relation}`, "type:other-plover"] : [`type:${relation}`];
}

/** Kinds that carry out violence and are named as its perpetrator. */
const ARMED_KINDS = new Set(["armed_group", "military", "government"]);

/**
 * Two outlets that each state a different armed perpetrator of an attack contradict each other (outside battles,
 * where either side may be named as the actor).
 */
function perpetratorsDiffer(a: EventProfile, b: EventProfile): boolean {
  if (a.attribution.status !== "stated" || b.attribution.status !== "stated") return false;
  if (a.acled?.eventType === "Battles" || b.acled?.eventType === "Battles") return false;
  const armed = (refs: ActorRef[]) => refs.filter((r) => r.kind !== null && ARMED_KINDS.has(r.kind));
  const x = armed(a.actors);
  const y = armed(b.actors);
  return x.length > 0 && y.length > 0 && actorStrength(x, y, a.targets, b.targets) === null;
}

/** The features of a pair of events, or the contradiction that rules it out. */
export function pairFeatures(a: EventProfile, b: EventProfile): PairFeatures {
  if (a.articleId === b.articleId) return { veto: "same-article", parts: [] };
  const type = typeFeatures(a, b);
  if (typeof type === "string") return { veto: type, parts: [] };
  const place = placeFeatures(a, b);
  if (typeof place === "string") return { veto: place, parts: [] };
  const timeOwn = timeFeatures(a, b);
  if (typeof timeOwn === "string") return { veto: timeOwn, parts: [] };
  const time = [...timeOwn, ...contextFeatures(a, b, "years")];
  if (perpetratorsDiffer(a, b)) return { veto: "perpetrators-differ", parts: [] };
  // Reports dated to days that meet weigh every other part differently from undated ones (where the participants
  // must carry the match): each feature gets a twin for such pairs, learned from dated news.
  const dated = time.some((f) => DAY_DATED.has(f));
  const withTwin = (features: string[]) => (dated ? features.flatMap((f) => [f, `${f}-dated`]) : features);
  return {
    veto: null,
    parts: [
      { part: "time", features: time },
      { part: "place", features: withTwin([...place, ...contextFeatures(a, b, "places")]) },
      { part: "participants", features: withTwin([...participantFeatures(a, b), ...contextFeatures(a, b, "names")]) },
      { part: "counts", features: withTwin(countFeatures(a, b)) },
      { part: "type", features: withTwin(type) },
    ],
  };
}
