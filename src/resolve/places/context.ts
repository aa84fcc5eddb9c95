/**
 * The article's context, what the ranker reads beside a name's own readings: the countries and admin1 areas
 * of a first, context-free pass (`articleContext`), and the area the text puts a name in ("X, Y":
 * `enclosingArea`).
 */
import type { Doc, LabeledSpan } from "../../doc/index.js";
import type { Gazetteer, GeoContext, GeoMatch } from "../geo/index.js";
import { strictPlaceKey } from "../geo/normalize.js";
import { loadCueWords, stripDesignator } from "../geo/designators.js";
import { getLexicons, namesCurrencyAt, type Toponym } from "./toponym.js";
import { escapeRegExp, loadLexicon } from "../../lexicon.js";

/**
 * The article's countries (most salient first) and admin1 areas, from a first, context-free resolution.
 * Leave-one-out: the mentions of the name being resolved do not vote, so an ambiguous name ("Georgia")
 * cannot confirm its own first reading.
 */
export function articleContext(resolved: { toponym: Toponym; match: GeoMatch | null }[], exactName: (surface: string) => boolean = () => true, text = "", actors: readonly LabeledSpan[] = []): (exclude: string) => GeoContext {
  // the name however it is written: a dateline's "ALEXANDRIA" is the "Alexandria" of the story
  // the countries whose clock the story tells time by ("doors open at 9 a.m. ET") start with a small vote: a
  // reader takes a town in a story timed in Eastern Time as the American namesake, not the British one
  // so do the armed groups and forces the story names, by where they fight: a story of an ambush by a group active
  // only in the Sahel, naming a village and no country, is about a village of the Sahel
  // (where they fight, not whose they are: unlike a demonym's, their countries count as countries the story names)
  // and so do the peoples it names, by where they live: a raid between two pastoralist peoples of one country is
  // a story of that country (like a demonym's, not a country the story names: a people is named abroad too)
  const weight = timeZoneVotes(text);
  for (const [country, vote] of communityVotes(text)) weight.set(country, (weight.get(country) ?? 0) + vote);
  const fought = actorVotes(actors);
  for (const [country, vote] of fought) weight.set(country, (weight.get(country) ?? 0) + vote);
  /** name key -> its mentions' own weights by country, subtracted when that name is the one being resolved */
  const own = new Map<string, Map<string, number>>();
  /** the same, of the mentions that are place names, not demonyms ("Turkish forces" say whose forces, not where) */
  const named = new Map<string, number>(fought);
  const ownNamed = new Map<string, Map<string, number>>();
  const admin1s = new Map<string, Set<string>>();
  /** mentions of each admin1 area, and of each area by each name key (taken out for that name) */
  const admin1Mentions = new Map<string, number>();
  const admin1Own = new Map<string, number>();
  // (the provinces the story's actors are active in: no name of the story, so no name's leave-one-out takes them out)
  for (const [area, vote] of actorAreas(actors)) {
    admin1s.set(area, new Set([ACTOR_KEY]));
    admin1Mentions.set(area, vote);
  }
  /** town points (each once) -> the name keys that placed a town there */
  const points = new Map<string, { lat: number; lon: number; keys: Set<string> }>();
  resolved.forEach(({ toponym, match }, i) => {
    if (!match?.country || match.score < 0.5) return;
    // "the US dollar" names money, not what the article is about: a Beirut story on the exchange rate is not a US one
    if (text && namesCurrencyAt(text, toponym.end)) return;
    const key = mentionKey(toponym.surface, match);
    const w = (match.featureType === "country" ? 1 : 0.7) * (1 + 1 / (1 + i)); // earlier mentions weigh a bit more
    weight.set(match.country, (weight.get(match.country) ?? 0) + w);
    const mine = own.get(key) ?? new Map<string, number>();
    mine.set(match.country, (mine.get(match.country) ?? 0) + w);
    own.set(key, mine);
    // a name read only as a variant spelling ("Kolkoa" as a Kolokoa abroad) does not make its country one the
    // article names: other variant spellings there are not preferred for it
    if (!toponym.demonym && exactName(toponym.surface)) {
      named.set(match.country, (named.get(match.country) ?? 0) + w);
      const mineNamed = ownNamed.get(key) ?? new Map<string, number>();
      mineNamed.set(match.country, (mineNamed.get(match.country) ?? 0) + w);
      ownNamed.set(key, mineNamed);
    }
    if (match.featureType === "admin1") {
      const area = `${match.country}/${match.name}`;
      admin1s.set(area, (admin1s.get(area) ?? new Set()).add(key));
      admin1Mentions.set(area, (admin1Mentions.get(area) ?? 0) + 1);
      admin1Own.set(`${area}|${key}`, (admin1Own.get(`${area}|${key}`) ?? 0) + 1);
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
    const excluded = new Set(keysOf(exclude));
    const ownSum = (held: Map<string, Map<string, number>>, c: string): number => [...excluded].reduce((sum, k) => sum + (held.get(k)?.get(c) ?? 0), 0);
    const mine = (keys: Set<string>): boolean => [...keys].every((k) => excluded.has(k));
    const totals = [...weight.entries()].map(([c, w]): [string, number] => [c, w - ownSum(own, c)]).filter(([, w]) => w > 1e-9);
    const ranked = totals.sort((a, b) => b[1] - a[1]).slice(0, 4);
    const total = totals.reduce((a, [, w]) => a + w, 0);
    const kept = [...admin1s.entries()].filter(([, keys]) => !mine(keys));
    const areas = kept.map(([a]) => a);
    const admin1Counts = kept.map(([a]) => (admin1Mentions.get(a) ?? 0) - [...excluded].reduce((sum, k) => sum + (admin1Own.get(`${a}|${k}`) ?? 0), 0));
    const nearby = near.filter((p) => !mine(p.keys)).map(({ lat, lon }) => ({ lat, lon }));
    const namedCountries = [...named.entries()].filter(([c, w]) => w - ownSum(ownNamed, c) > 1e-9).map(([c]) => c);
    return { countries: ranked.map(([c]) => c), countryShares: ranked.map(([, w]) => w / total), namedCountries, admin1s: areas, admin1Counts, near: nearby };
  };
}

/** A time-zone abbreviation after a clock time: "9 a.m. ET", "10:45 p.m. PDT", "16:00 BST" (group 1 the zone). */
const CLOCK_ZONE = /\b\d{1,2}(?::\d{2})?\s*(?:a\.m\.|p\.m\.|am\b|pm\b|(?<=:\d{2}))\s*\(?([A-Z]{2,4})\b/g;

/** The vote of one clock time, shared among the zone's countries; at most `MAX_ZONE_TIMES` times count. */
const ZONE_VOTE = 0.5;
const MAX_ZONE_TIMES = 2;

let zones: Map<string, string[]> | undefined;

/** The countries of the time zones the text tells clock times in, each with its (small) vote. */
export function timeZoneVotes(text: string): Map<string, number> {
  zones ??= new Map(loadLexicon("en/time-zones.tsv", ["zone", "countries"]).map((r) => [r.zone, r.countries.split("|")]));
  const votes = new Map<string, number>();
  let times = 0;
  for (const m of text.matchAll(CLOCK_ZONE)) {
    const countries = zones.get(m[1]);
    if (!countries || times >= MAX_ZONE_TIMES) continue;
    times++;
    for (const c of countries) votes.set(c, (votes.get(c) ?? 0) + ZONE_VOTE / countries.length);
  }
  return votes;
}

/** The vote of one people, shared among the countries it lives in; at most `MAX_VOTING_COMMUNITIES` count. */
const COMMUNITY_VOTE = 0.5;
const MAX_VOTING_COMMUNITIES = 2;

let peoplePattern: RegExp | undefined;

/** The countries of the peoples the text names (`peoples` of the lexicons), each people's vote shared among them. */
export function communityVotes(text: string): Map<string, number> {
  const { peoples } = getLexicons();
  if (peoples.size === 0) return new Map();
  // one alternation of literal names between word boundaries: a single pass over the text
  peoplePattern ??= new RegExp(`(?<![\\p{L}\\p{M}'’-])(?:${[...peoples.keys()].sort((a, b) => b.length - a.length).map(escapeRegExp).join("|")})(?![\\p{L}\\p{M}'’-])`, "gu");
  const votes = new Map<string, number>();
  const seen = new Set<string[]>();
  for (const m of text.matchAll(peoplePattern)) {
    const countries = peoples.get(m[0])!;
    if (seen.has(countries)) continue;
    if (seen.size >= MAX_VOTING_COMMUNITIES) break;
    seen.add(countries);
    for (const c of countries) votes.set(c, (votes.get(c) ?? 0) + COMMUNITY_VOTE / countries.length);
  }
  return votes;
}

/** The vote of one armed group or force, shared among the countries it fights in; at most `MAX_VOTING_ACTORS` count. */
const ACTOR_VOTE = 0.5;
const MAX_VOTING_ACTORS = 2;
/** The key the actors' provinces are held under in place of a name's (no name is written so). */
const ACTOR_KEY = "\u0000actors";

/**
 * The countries the story's armed groups and forces fight in (`activeIn` of the actors layer), each with its small
 * vote; an actor active in provinces ("UA/Donetsk") votes for their country.
 */
export function actorVotes(actors: readonly LabeledSpan[]): Map<string, number> {
  const votes = new Map<string, number>();
  for (const places of votingActors(actors)) {
    for (const p of places) votes.set(p.split("/")[0], (votes.get(p.split("/")[0]) ?? 0) + ACTOR_VOTE / places.length);
  }
  return votes;
}

/**
 * The provinces the story's actors are active in, where the lexicon narrows an actor to some ("UA/Donetsk": a
 * monitoring mission or a breakaway force of one region), as "CC/Name" with each its small vote: read like the
 * provinces the story names, less than one mention of one.
 */
export function actorAreas(actors: readonly LabeledSpan[]): Map<string, number> {
  const votes = new Map<string, number>();
  for (const places of votingActors(actors)) {
    for (const p of places) if (p.includes("/")) votes.set(p, (votes.get(p) ?? 0) + ACTOR_VOTE / places.length);
  }
  return votes;
}

/** The `activeIn` places of the first `MAX_VOTING_ACTORS` distinct actors that have some. */
function votingActors(actors: readonly LabeledSpan[]): string[][] {
  const out: string[][] = [];
  const seen = new Set<string>();
  for (const a of actors) {
    const places = a.attrs?.activeIn?.split("|").filter(Boolean) ?? [];
    if (places.length === 0 || seen.has(a.kb ?? "") || seen.size >= MAX_VOTING_ACTORS) continue;
    seen.add(a.kb ?? "");
    out.push(places);
  }
  return out;
}

/**
 * A mention as leave-one-out counts it: without its designator word, so that "Sabe District" (read in the first
 * pass as a namesake abroad) cannot vote for the country of "Sabe" it names too; but whole where the place read
 * bears the whole name, kind word and all ("Kolkoa County" the county so named): that is a reading of its own,
 * evidence for the country of the town "Kolkoa" beside it, as any other name is.
 */
function mentionKey(surface: string, match: GeoMatch): string {
  const whole = strictPlaceKey(surface);
  return stripDesignator(surface) && strictPlaceKey(match.name) === whole ? whole : nameKey(surface);
}

/** The keys whose mentions a name being resolved leaves out: its own, written whole or without its kind word. */
const keysOf = (surface: string): string[] => [...new Set([strictPlaceKey(surface), nameKey(surface)])];

const nameKey = (surface: string): string => strictPlaceKey(stripDesignator(surface)?.bare ?? surface);

/** The most town points of an article the distance features compare a reading with. */
const MAX_NEAR = 64;

/**
 * The area the text puts toponym `i` in: "Ashby, Leicestershire", "Houma, La.", "Venice, Italy" (the next toponym,
 * after a comma alone, when it resolves to a country, admin area or region; or to a town, for a village the text
 * places in a named area: the town's province), else null.
 */
export function enclosingArea(doc: Doc, g: Gazetteer, resolved: { toponym: Toponym; match: GeoMatch | null }[], i: number): GeoContext["within"] | null {
  const here = resolved[i].toponym;
  const k = nextNameOutside(doc, resolved, i);
  const next = resolved[k];
  if (!next || next.toponym.demonym || !next.match) return null;
  // "X, Y" or "X (Y)", "X village, Y", "X town (Y, Z)": the text names the area X lies in
  if (k === i + 1 && !isContainerGap(doc.text.slice(here.end, next.toponym.start))) return null;
  // of the container's readings, one that holds a reading of this name: "Phagwara (Punjab)" is the Indian
  // Punjab, where a Phagwara is, whatever Punjab the name alone would be
  // its readings by its very spelling where it has some: a variant spelling ("Kolkoa" for a Kolokoa abroad)
  // must not pick the container's reading abroad
  const exact = g.candidates(here.surface, true);
  const inner = exact.length > 0 ? exact : g.candidates(here.surface);
  const holds = (area: GeoMatch): boolean =>
    inner.some((x) => x.country === area.country && (area.featureType === "country" || (area.featureType === "admin1" ? x.admin1 === area.name : x.admin1 === area.admin1)));
  const m = holds(next.match) ? next.match : g.candidates(next.toponym.surface).find((c) => AREA_TYPES.has(c.featureType) && holds(c)) ?? next.match;
  if (!holds(m)) {
    // no town of the name lies there, but a village of the area the container names does ("Kolkoa, Sahel":
    // the Kolkoa of Sahel province, whatever Kolkoa is better known elsewhere)
    const village = g.villageInside(here.surface, next.toponym.surface);
    if (village) return { country: village.country, admin1: village.admin1, name: next.toponym.surface };
  }
  if (m.featureType === "landmark" || m.featureType === "other" || (m.featureType === "city" && !here.contained)) return null;
  return { country: m.country, admin1: m.featureType === "admin1" ? m.name : m.admin1, name: next.toponym.surface };
}

/**
 * The index of the name after toponym `i` that may hold it: the next one, or, where the bracket after the name
 * opens with the name again and a comma ("Kolkoa (Kolkoa, Seno)": the district named after its town, then the
 * province), the one after that; the repeated name says only that the town gives its district its name.
 */
export function nextNameOutside(doc: Doc, resolved: readonly { toponym: Toponym }[], i: number): number {
  const here = resolved[i].toponym;
  const next = resolved[i + 1]?.toponym;
  const after = resolved[i + 2]?.toponym;
  if (!next || !after || strictPlaceKey(next.surface) !== strictPlaceKey(here.surface)) return i + 1;
  return /^\s*\(\s*$/.test(doc.text.slice(here.end, next.start)) && /^\s*,\s*$/.test(doc.text.slice(next.end, after.start)) ? i + 2 : i + 1;
}

/** The kinds of place that hold others: the area after "Ashby, " or beside "Oregon or ". */
export const AREA_TYPES: ReadonlySet<string> = new Set(["country", "admin1", "admin2", "region"]);

let containerGap: RegExp | undefined;

/**
 * Whether the text between two names puts the first inside the second: a comma or an opening bracket, after at
 * most a word that says what kind of place the first is ("Kolkoa, Sahel", "Kolkoa village, Sahel", "Kolkoa
 * town (Sahel)"; the words of lexicons/en/place-cues.tsv that stand after a name).
 */
export function isContainerGap(between: string): boolean {
  if (!containerGap) {
    const words = loadCueWords().filter((c) => c.position !== "before").map((c) => c.word.replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replace(/\s+/g, "\\s+"));
    containerGap = new RegExp(`^(?:\\s+(?:${words.join("|")}))?\\s*[,(]\\s*$`, "i");
  }
  return containerGap.test(between);
}
