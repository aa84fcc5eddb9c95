/**
 * The features of one reading of a place name (a gazetteer candidate) in its article's context: what the
 * learned ranker (`ranker.ts`) weighs to choose among the candidates. Each says something general about a reading
 * (its kind and size, how the name met it, whether the article's countries, areas, cue word and other places
 * agree with it); none names a place.
 */
import type { FeatureType } from "../../report.js";
import { haversineKm } from "./distance.js";
import { areaKey, type PlaceCue } from "./designators.js";

/** A candidate as the features see it. */
export interface CandidateView {
  featureType: FeatureType;
  featureCode: string;
  population: number;
  country: string | null;
  /** its admin1 area's name, when known */
  admin1: string | null;
  /** its county (admin2) name, when known (villages) */
  county: string | null;
  lat: number;
  lon: number;
  /** met by its exact spelling (or a reviewed alias), not only the loose key */
  exact: boolean;
  alias: boolean;
  /** only through its name less a designator word ("Shelby" for "Shelby County") */
  bare: boolean;
  /** met only without the surface's designator word ("Hamilton" the town for "Hamilton County") */
  designatorDropped: boolean;
  /** a curated entry (country, region, composite area) */
  curated: boolean;
  /** a village from the Who's On First tables, outside the GeoNames towns */
  village: boolean;
}

/** The context the features read: a subset of `GeoContext` (gazetteer.ts). */
export interface FeatureContext {
  countries?: string[];
  countryShares?: number[];
  admin1s?: string[];
  /** how often the article names each of `admin1s` (aligned) */
  admin1Counts?: number[];
  near?: { lat: number; lon: number }[];
  /** the area the text places the name in ("X, Y"): its country, admin1 and (optionally) its own name */
  within?: { country: string | null; admin1: string | null; name?: string };
}

/** Feature names, in the order of a model's weights. Adding one here adds a weight; retrain (`npm run train:geo`). */
export const FEATURE_NAMES = [
  "type:country", "type:region", "type:landmark", "type:admin1", "type:admin2", "type:city",
  "logpop:admin1", "logpop:admin2", "logpop:city", "logpop:relative", "size:biggest", "size:biggest-by-tenfold", "size:100k",
  "city:seat-without-population", "city:no-population", "code:capital", "code:admin1-seat", "code:admin2-seat", "code:former-or-part",
  "spelling:loose", "spelling:alias", "spelling:bare-county", "spelling:designator-dropped", "curated",
  "area:city-namesake",
  "article:country-share", "article:top-country", "article:other-country", "article:no-country-known", "article:admin1-named",
  "article:admin1-named*relative-size",
  "cue:province>admin1", "cue:province>admin2", "cue:province>other", "cue:district>admin2", "cue:district>admin1", "cue:district>other",
  "cue:region>region", "cue:region>admin", "cue:region>country", "cue:region>other", "cue:country>country", "cue:country>other",
  "cue:town>city", "cue:town>admin", "cue:town>other",
  "near:25km", "near:100km", "near:300km", "near:far", "near-area:300km", "near-area:far",
  "within:country", "within:admin1", "within:elsewhere",
  "village", "village:area-named", "village:in-top-country",
  "article:top-admin1", "article:admin1-share",
] as const;

export type FeatureName = (typeof FEATURE_NAMES)[number];
const INDEX = new Map<string, number>(FEATURE_NAMES.map((n, i) => [n, i]));

/** Sparse features: indexes into FEATURE_NAMES and their values. */
export interface FeatureVector {
  index: number[];
  value: number[];
}

const WEAK_FEATURE_CODES = new Set(["PPLH", "PPLQ", "PPLW", "PPLX", "PPLCH", "STLMT"]);

function cueFeature(cue: PlaceCue, type: FeatureType): FeatureName {
  const admin = type === "admin1" || type === "admin2";
  switch (cue) {
    case "province":
      return type === "admin1" ? "cue:province>admin1" : type === "admin2" ? "cue:province>admin2" : "cue:province>other";
    case "district":
      return type === "admin2" ? "cue:district>admin2" : type === "admin1" ? "cue:district>admin1" : "cue:district>other";
    case "region":
      return type === "region" ? "cue:region>region" : admin ? "cue:region>admin" : type === "country" ? "cue:region>country" : "cue:region>other";
    case "country":
      return type === "country" ? "cue:country>country" : "cue:country>other";
    case "city":
    case "town":
    case "village":
      return type === "city" ? "cue:town>city" : admin ? "cue:town>admin" : "cue:town>other";
  }
}

/** The features of `c`, one of `all` (the readings of the same name), in context `ctx` with cue word `cue`. */
export function candidateFeatures(c: CandidateView, all: readonly CandidateView[], ctx: FeatureContext, cue: PlaceCue | null): FeatureVector {
  const out: FeatureVector = { index: [], value: [] };
  const put = (name: FeatureName, value = 1): void => {
    if (value === 0) return;
    out.index.push(INDEX.get(name)!);
    out.value.push(value);
  };
  const logPop = Math.log10(c.population + 1);
  put(`type:${c.featureType === "other" ? "landmark" : c.featureType}` as FeatureName);
  if (c.featureType === "admin1") put("logpop:admin1", logPop);
  else if (c.featureType === "admin2") put("logpop:admin2", logPop);
  else if (c.featureType === "city") put("logpop:city", logPop);
  const biggest = Math.max(...all.map((o) => Math.log10(o.population + 1)));
  // how far below the biggest reading of the name this one is: the better-known namesake is most often meant.
  // A reading of the very spelling is measured against the others of that spelling and the well-known places
  // that spell alike (a city of 100,000+, which a variant spelling may well mean), not a small place that only
  // spells alike: that is another name
  const peers = c.exact ? all.filter((o) => o.exact || o.population >= 100_000) : all;
  put("logpop:relative", logPop - Math.max(...peers.map((o) => Math.log10(o.population + 1))));
  // the best-known town of the name: the biggest of its towns (a county's people are not a town's), by a wide
  // margin, a town of 100,000+ (news names such towns bare)
  if (c.featureType === "city") {
    const others = all.filter((o) => o !== c && o.featureType === "city").map((o) => Math.log10(o.population + 1));
    const second = Math.max(...others);
    if (others.length > 0 && logPop > second) {
      put("size:biggest");
      if (logPop - second >= 1) put("size:biggest-by-tenfold");
    }
  }
  if (c.featureType === "city" && c.population >= 100_000) put("size:100k");
  if (c.featureType === "city") {
    if (c.population === 0 && /^PPLA\d?$/.test(c.featureCode)) put("city:seat-without-population");
    // a town whose size nobody recorded is seldom the one news means
    else if (c.population === 0 && !c.village) put("city:no-population");
    if (c.featureCode === "PPLC") put("code:capital");
    else if (c.featureCode === "PPLA") put("code:admin1-seat");
    else if (c.featureCode === "PPLA2") put("code:admin2-seat");
    if (WEAK_FEATURE_CODES.has(c.featureCode)) put("code:former-or-part");
  }
  if (!c.exact) put("spelling:loose");
  if (c.alias) put("spelling:alias");
  if (c.bare && c.featureType === "admin2" && cue === null) put("spelling:bare-county");
  if (c.designatorDropped) put("spelling:designator-dropped");
  if (c.curated) put("curated");
  // a division that shares its name with a town of some size of its country, inside it or not (a city that is
  // a division of its own lies outside the province named after it), or a district with its own seat (a town
  // of known size): the bare name is most often the town
  const seat = (o: CandidateView): boolean => c.featureType === "admin2" && o.featureCode === "PPLA2" && o.population > 0 && o.admin1 === c.admin1;
  if ((c.featureType === "admin1" || c.featureType === "admin2") && cue === null &&
    all.some((o) => o.featureType === "city" && o.country === c.country && (o.population >= 20000 || seat(o)))) put("area:city-namesake");

  const countries = ctx.countries ?? [];
  const rank = c.country ? countries.indexOf(c.country) : -1;
  if (countries.length === 0) put("article:no-country-known");
  else if (rank >= 0) {
    put("article:country-share", ctx.countryShares?.[rank] ?? (rank === 0 ? 1 : 0.5 / rank));
    if (rank === 0) put("article:top-country");
  } else put("article:other-country");
  const admin1Key = c.admin1 ? `${c.country}/${areaKey(c.admin1)}` : null;
  if (admin1Key && ctx.admin1s && c.featureType !== "admin1" && ctx.admin1s.some((a) => `${a.slice(0, 3)}${areaKey(a.slice(3))}` === admin1Key)) {
    put("article:admin1-named");
    // a state the article names pulls its towns less when a namesake elsewhere is much bigger
    put("article:admin1-named*relative-size", logPop - biggest);
    // the area the article names most (alone): a story about one state names it more than the others
    const counts = ctx.admin1Counts ?? [];
    const k = ctx.admin1s.findIndex((a) => `${a.slice(0, 3)}${areaKey(a.slice(3))}` === admin1Key);
    if (k >= 0 && counts[k] !== undefined && counts.every((n, j) => j === k || n < counts[k])) put("article:top-admin1");
    // its share of the article's mentions of areas: a state named four times outweighs one named once in passing
    // (without counts, each area named counts once)
    const mentions = ctx.admin1Counts ?? ctx.admin1s.map(() => 1);
    const total = mentions.reduce((a, b) => a + b, 0);
    if (k >= 0 && total > 0) put("article:admin1-share", (mentions[k] ?? 0) / total);
  }
  if (cue) put(cueFeature(cue, c.featureType));
  if (ctx.near?.length && c.featureType !== "country") {
    let d = Infinity;
    for (const p of ctx.near) d = Math.min(d, haversineKm(c.lat, c.lon, p.lat, p.lon));
    // a town's point is where it is; an area's is a convention somewhere inside it, so only far counts for one
    if (c.featureType === "city" || c.featureType === "admin2") put(d <= 25 ? "near:25km" : d <= 100 ? "near:100km" : d <= 300 ? "near:300km" : "near:far");
    else if (d > 300) put(d <= 1000 ? "near-area:300km" : "near-area:far");
  }
  if (ctx.within && c.featureType !== "country") {
    const inCountry = ctx.within.country !== null && c.country === ctx.within.country;
    const inAdmin1 = ctx.within.admin1 !== null && c.admin1 !== null && areaKey(c.admin1) === areaKey(ctx.within.admin1);
    if (inCountry && c.exact) put("within:country");
    if (inAdmin1) put("within:admin1");
    if (!inCountry && !inAdmin1) put("within:elsewhere");
  }
  if (c.village) {
    put("village");
    // its county or province named by the article (a province it names, the container "X, Y")
    const areas = [ctx.within?.name, ctx.within?.admin1, ...(ctx.admin1s ?? []).filter((a) => a.startsWith(`${c.country}/`)).map((a) => a.slice(3))];
    const keys = new Set(areas.filter((a): a is string => !!a).map(areaKey));
    if ((c.county && keys.has(areaKey(c.county))) || (c.admin1 && keys.has(areaKey(c.admin1)))) put("village:area-named");
    if (rank === 0) put("village:in-top-country");
  }
  return out;
}

