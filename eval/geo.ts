/**
 * `sitrep eval geo <file|folder>`: geoparsing, scored two ways on GeoWebNews (GWN.xml), LGL / TR-News and
 * GeoVirus XML (formats in ../shared/corpora/README.md).
 * (a) Geocoding given the gold toponyms: `resolvePlaces` reads each article with the gold spans as the
 *     tagger's LOC layer (and the people the pipeline's tagger found elsewhere as PER), so every gold name is
 *     resolved in the article's context as in production; a gold demonym ("Irish") is geocoded as its country
 *     or region; a gold name that reading leaves without a point (a street, a building the text does not
 *     place) falls back to the article's focus place, and a gold name it did not read at all is resolved on
 *     its own (`resolveWithin`: "University of Oregon" is in Oregon).
 *     Accuracy within 161 km, mean and median error, and the AUC of the log error (Gritta et al. 2018), n.
 * (b) Toponym recognition end to end: the pipeline's `report.places[].mentions` against the gold spans
 *     (exact span match; overlap match in the details). Gold toponyms are the ones the corpus locates (GWN:
 *     every type with coordinates, so metonyms and modifiers count; demonyms, languages, homonyms and
 *     non-toponyms do not). When the pipeline cannot run, our own `resolvePlaces` on a tokenised Doc stands in,
 *     and the result says so.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { basename, join } from "node:path";
import { Doc } from "../src/doc/index.js";
import { SitrepError } from "../src/errors.js";
import { splitSentences, tokenize } from "../src/nlp/tokenize.js";
import { haversineKm, loadGazetteer, type GeoContext, type PlaceCue } from "../src/resolve/geo/index.js";
import { documentFocus, resolvePlaces, resolveWithin } from "../src/resolve/places.js";
import type { Place, Span } from "../src/report.js";
import { FEATURE_NAMES, type FeatureName, type FeatureVector } from "../src/resolve/geo/features.js";
import { observeRankings, trainRanker, useRankerModel, type RankerModel, type RankingInstance } from "../src/resolve/geo/ranker.js";
import { seededRandom, shuffleInPlace } from "../src/random.js";
import { stripDesignator } from "../src/resolve/geo/designators.js";
import type { EvalOptions, EvalResult, EvalTask } from "./types.js";

/** Half the Earth's circumference: the error of a toponym we cannot place at all (Gritta et al.). */
export const MAX_ERROR_KM = 20039;
export const ACCURACY_KM = 161;

export interface GoldToponym {
  start: number;
  end: number;
  name: string;
  type: string | null;
  lat: number | null;
  lon: number | null;
}

export interface GoldArticle {
  id: string;
  file: string;
  line: number;
  text: string;
  published: string | null;
  toponyms: GoldToponym[];
}

/** GWN types that are not toponyms for recognition (they carry no coordinates in the corpus either). */
const NOT_TOPONYMS = new Set(["Literal_Expression", "Non_Lit_Expression", "Non_Toponym", "Demonym", "Language", "Homonym"]);

function decodeXml(s: string): string {
  const cdata = /^\s*<!\[CDATA\[([\s\S]*?)\]\]>\s*$/.exec(s);
  if (cdata) return cdata[1];
  return s.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos);/gi, (_, e: string) => {
    const k = e.toLowerCase();
    if (k === "amp") return "&";
    if (k === "lt") return "<";
    if (k === "gt") return ">";
    if (k === "quot") return '"';
    if (k === "apos") return "'";
    return String.fromCodePoint(k.startsWith("#x") ? parseInt(k.slice(2), 16) : parseInt(k.slice(1), 10));
  });
}

function field(xml: string, tag: string): string | null {
  const m = new RegExp(`<${tag}(?:\\s[^>]*)?>([\\s\\S]*?)</${tag}>`).exec(xml);
  return m ? decodeXml(m[1]).trim() : null;
}

function num(value: string | null): number | null {
  if (value === null || value === "") return null;
  const n = Number(value);
  return Number.isFinite(n) ? n : null;
}

/**
 * Reads GWN, LGL/TR-News or GeoVirus XML. Problems in the gold (offsets that do not cover the name,
 * coordinates out of range) are returned as errors naming file and line, and the toponym is dropped.
 */
export function parseGeoXml(xml: string, file: string): { articles: GoldArticle[]; errors: string[] } {
  const articles: GoldArticle[] = [];
  const errors: string[] = [];
  const lineAt = (offset: number): number => {
    let line = 1;
    for (let i = xml.indexOf("\n"); i !== -1 && i < offset; i = xml.indexOf("\n", i + 1)) line++;
    return line;
  };
  const articleRe = /<article(\s[^>]*)?>([\s\S]*?)<\/article>/g;
  let m: RegExpExecArray | null;
  let index = 0;
  while ((m = articleRe.exec(xml))) {
    const attrs = m[1] ?? "";
    const body = m[2];
    const bodyOffset = m.index + m[0].indexOf(">") + 1;
    const id = /(?:file|docid)="([^"]*)"/.exec(attrs)?.[1] ?? String(index);
    index++;
    const textMatch = /<text>([\s\S]*?)<\/text>/.exec(body);
    if (!textMatch) {
      errors.push(`${file}:${lineAt(m.index)}: article ${id} has no <text>`);
      continue;
    }
    const rawText = textMatch[1];
    const cdata = /^<!\[CDATA\[([\s\S]*?)\]\]>$/.exec(rawText.trim());
    const text = cdata ? cdata[1] : decodeXml(rawText);
    const published = field(body, "dltime")?.slice(0, 10) ?? null;
    const toponyms: GoldToponym[] = [];
    const itemRe = /<(toponym|location)>([\s\S]*?)<\/\1>/g;
    let t: RegExpExecArray | null;
    while ((t = itemRe.exec(body))) {
      const item = t[2];
      const where = `${file}:${lineAt(bodyOffset + t.index)}`;
      const start = num(field(item, "start"));
      const end = num(field(item, "end"));
      const name = field(item, "extractedName") ?? field(item, "phrase") ?? field(item, "name") ?? "";
      const lat = num(field(item, "latitude") ?? field(item, "lat"));
      const lon = num(field(item, "longitude") ?? field(item, "lon"));
      if (start === null || end === null || start < 0 || end > text.length || start >= end) {
        errors.push(`${where}: toponym "${name}" has offsets [${start}, ${end}) outside the text (length ${text.length})`);
        continue;
      }
      if (name && text.slice(start, end) !== name) {
        errors.push(`${where}: toponym "${name}" but the text at [${start}, ${end}) reads "${text.slice(start, end)}"`);
      }
      if ((lat !== null && (lat < -90 || lat > 90)) || (lon !== null && (lon < -180 || lon > 180))) {
        errors.push(`${where}: toponym "${name}" has coordinates out of range (${lat}, ${lon})`);
        continue;
      }
      toponyms.push({ start, end, name: text.slice(start, end), type: field(item, "type"), lat, lon });
    }
    articles.push({ id, file, line: lineAt(m.index), text, published, toponyms });
  }
  return { articles, errors };
}

/** The error figures of a list of distances in km (Gritta et al. 2018). */
export function geocodingScores(errorsKm: number[]): { acc161: number; meanKm: number; medianKm: number; auc: number; n: number } {
  const n = errorsKm.length;
  if (n === 0) return { acc161: 0, meanKm: 0, medianKm: 0, auc: 0, n: 0 };
  const sorted = [...errorsKm].sort((a, b) => a - b);
  const within = sorted.filter((e) => e < ACCURACY_KM).length;
  const mean = sorted.reduce((a, b) => a + b, 0) / n;
  const median = n % 2 ? sorted[(n - 1) / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  return { acc161: within / n, meanKm: mean, medianKm: median, auc: aucOfLogError(sorted), n };
}

/**
 * Area under the curve of ln(1 + error) over the toponyms sorted by error, by the trapezoid rule on unit
 * steps, normalised by ln(20039) and the n - 1 steps: 0 is perfect, 1 is every toponym on the far side of
 * the Earth (Gritta et al. 2018, "What's missing in geographical parsing?"). A single toponym scores its own
 * normalised log error.
 */
export function aucOfLogError(errorsKm: number[]): number {
  const logs = [...errorsKm].sort((a, b) => a - b).map((e) => Math.log(1 + Math.min(e, MAX_ERROR_KM)));
  const norm = Math.log(1 + MAX_ERROR_KM);
  if (logs.length === 0) return 0;
  if (logs.length === 1) return logs[0] / norm;
  let area = 0;
  for (let i = 1; i < logs.length; i++) area += (logs[i - 1] + logs[i]) / 2;
  return area / (norm * (logs.length - 1));
}

/** Span-level precision, recall and F1 of predicted against gold spans; `overlap` counts any shared character. */
export function spanScores(gold: { start: number; end: number }[], predicted: { start: number; end: number }[], overlap = false): { tp: number; fp: number; fn: number } {
  const used = new Set<number>();
  let tp = 0;
  for (const p of predicted) {
    const j = gold.findIndex((g, k) => !used.has(k) && (overlap ? g.start < p.end && p.start < g.end : g.start === p.start && g.end === p.end));
    if (j >= 0) {
      used.add(j);
      tp++;
    }
  }
  return { tp, fp: predicted.length - tp, fn: gold.length - tp };
}

const prf = (tp: number, fp: number, fn: number) => {
  const p = tp + fp ? tp / (tp + fp) : 0;
  const r = tp + fn ? tp / (tp + fn) : 0;
  return { p, r, f1: p + r ? (2 * p * r) / (p + r) : 0 };
};

function goldFiles(target: string): string[] {
  let stat;
  try {
    stat = statSync(target);
  } catch {
    throw new SitrepError("SITREP_INPUT_NOT_FOUND", `geo eval: "${target}" does not exist: give GWN.xml, an LGL/TR-News/GeoVirus XML file, or a folder of them`);
  }
  if (stat.isFile()) return [target];
  const xml = readdirSync(target).filter((f) => f.endsWith(".xml")).sort().map((f) => join(target, f));
  if (xml.length === 0) throw new SitrepError("SITREP_GOLD_INVALID", `geo eval: no .xml gold file in "${target}"`);
  return xml;
}

/** The pipeline's reading of an article: its places, and the people its tagger found (offsets into the gold text). */
type PlacesOf = (article: GoldArticle) => { places: Place[]; persons: { start: number; end: number }[]; via: string };

/**
 * Our own resolvePlaces on a tokenised Doc: the stand-in when the pipeline cannot run, and the reading that
 * geocodes gold toponyms. With `goldLoc`, the tagger's layer holds those toponyms as LOC, plus the people the
 * pipeline's tagger found elsewhere (`persons`), as in production: "Ashley Sutton" is a driver, not a town.
 */
export function placesByResolver(article: GoldArticle, goldLoc: GoldToponym[] = [], persons: { start: number; end: number }[] = []): Place[] {
  const doc = new Doc(article.text, { id: article.id, title: null, published: article.published, credits: { authors: [], agencies: [] }, subheads: [], related: [], language: "en" });
  doc.tokens = tokenize(article.text);
  doc.sentences = splitSentences(article.text, doc.tokens);
  if (goldLoc.length) {
    const people = persons.filter((p) => !goldLoc.some((t) => t.start < p.end && p.start < t.end));
    doc.setLayer("ner", [...goldLoc.map((t) => ({ start: t.start, end: t.end, label: "LOC" })), ...people.map((p) => ({ start: p.start, end: p.end, label: "PER" }))].sort((a, b) => a.start - b.start));
  }
  return resolvePlaces(doc);
}

/** The next occurrence of `word` in `text` from `from` that is a whole word there ("European" not in "Europeans"). */
export function indexOfWord(text: string, word: string, from: number): number {
  const wordy = /[\p{L}\p{N}]/u;
  const checkBefore = wordy.test(word[0] ?? "");
  const checkAfter = wordy.test(word[word.length - 1] ?? "");
  for (let at = text.indexOf(word, from); at >= 0; at = text.indexOf(word, at + 1)) {
    if (checkBefore && at > 0 && wordy.test(text[at - 1])) continue;
    if (checkAfter && at + word.length < text.length && wordy.test(text[at + word.length])) continue;
    return at;
  }
  return -1;
}

/** Maps mention offsets from a normalised copy of the text onto the original, in reading order, word for word. */
export function alignPlaces<T extends { mentions: Span[] }>(places: T[], original: string): T[] {
  const all = places.flatMap((p, i) => p.mentions.map((m) => ({ i, m }))).sort((a, b) => a.m.start - b.m.start);
  const moved = places.map((p) => ({ ...p, mentions: [] as Span[] }));
  let cursor = 0;
  for (const { i, m } of all) {
    const at = indexOfWord(original, m.text, cursor);
    if (at < 0) continue;
    moved[i].mentions.push({ start: at, end: at + m.text.length, text: m.text });
    cursor = at + m.text.length;
  }
  return moved.filter((p) => p.mentions.length > 0);
}

async function makePlacesOf(): Promise<{ placesOf: PlacesOf; note: string | null }> {
  try {
    const { createPipeline } = await import("../src/pipeline.js");
    const pipeline = createPipeline();
    return {
      placesOf: (a) => {
        const report = pipeline.extract({ text: a.text, published: a.published } as Parameters<typeof pipeline.extract>[0]);
        const people = report.entities.filter((e) => e.kind === "person");
        const spans = (list: { mentions: Span[] }[]) => list.flatMap((e) => e.mentions.map((m) => ({ start: m.start, end: m.end })));
        if (report.article.text === a.text) return { places: report.places, persons: spans(people), via: "pipeline" };
        // the reader normalised the text (whitespace, quotes): carry each mention over to the gold text by
        // finding its words in order; mentions that cannot be found are dropped
        return { places: alignPlaces(report.places, a.text), persons: spans(alignPlaces(people, a.text)), via: "pipeline (realigned)" };
      },
      note: null,
    };
  } catch (err) {
    return { placesOf: (a) => ({ places: placesByResolver(a), persons: [], via: "resolvePlaces" }), note: `pipeline unavailable (${(err as Error).message.split("\n")[0]}): recognition scored with resolvePlaces on a tokenised Doc` };
  }
}

export const task: EvalTask = {
  name: "geo",
  description: "geocoding given gold toponyms (acc@161 km, mean/median km, AUC) and toponym recognition P/R/F1",
  defaultTarget: "geowebnews/GWN.xml",
  async run(target: string, options: EvalOptions): Promise<EvalResult> {
    const gazetteer = loadGazetteer();
    const goldErrors: string[] = [];
    let articles: GoldArticle[] = [];
    for (const file of goldFiles(target)) {
      const parsed = parseGeoXml(readFileSync(file, "utf8"), basename(file));
      articles.push(...parsed.articles);
      goldErrors.push(...parsed.errors);
    }
    if (options.limit) articles = articles.slice(0, options.limit);
    const { placesOf, note } = await makePlacesOf();
    // --cv k: each article is read with the ranker trained on the other folds' articles, never on its own
    const foldOf = options.cv ? articleFolds(articles, options.cv) : null;
    const foldModels = foldOf ? crossValidationModels(articles, foldOf, options.cv!) : null;

    const errorsKm: number[] = [];
    const byType = new Map<string, number[]>();
    const worst: { article: string; name: string; predicted: string; km: number; gold: [number, number]; focus: string; candidates: string[] }[] = [];
    let fellBack = 0;
    const fallbackKm: number[] = [];
    const recog = { tp: 0, fp: 0, fn: 0 };
    const recogOverlap = { tp: 0, fp: 0, fn: 0 };
    // the same, with gold demonyms ("Irish", "European" as modifiers) left out: sitrep does not report them as places
    const recogNoDemonyms = { tp: 0, fp: 0, fn: 0 };
    const missedTypes = new Map<string, number>();
    const goldTypes = new Map<string, number>();
    const vias = new Map<string, number>();
    for (const [articleIndex, article] of articles.entries()) {
      if (foldModels) useRankerModel(foldModels[foldOf![articleIndex]]);
      // (b) recognition, and our own reading of the article as context for (a)
      let places: Place[];
      let persons: { start: number; end: number }[] = [];
      let readBy: string;
      try {
        const out = placesOf(article);
        places = out.places;
        persons = out.persons;
        readBy = out.via;
      } catch {
        places = placesByResolver(article);
        readBy = "resolvePlaces";
      }
      vias.set(readBy, (vias.get(readBy) ?? 0) + 1);
      const gold = article.toponyms.filter((t) => t.lat !== null && !NOT_TOPONYMS.has(t.type ?? ""));
      const predicted = places.flatMap((p) => p.mentions);
      const exact = spanScores(gold, predicted);
      const loose = spanScores(gold, predicted, true);
      const placeNames = gold.filter((t) => !(gazetteer.demonymPlace(t.name) && !gazetteer.nameQuality(t.name).exact));
      const noDemonyms = spanScores(placeNames, predicted);
      for (const k of ["tp", "fp", "fn"] as const) {
        recog[k] += exact[k];
        recogOverlap[k] += loose[k];
        recogNoDemonyms[k] += noDemonyms[k];
      }
      for (const g of gold) {
        const type = g.type ?? "toponym";
        goldTypes.set(type, (goldTypes.get(type) ?? 0) + 1);
        if (!predicted.some((p) => p.start === g.start && p.end === g.end)) missedTypes.set(type, (missedTypes.get(type) ?? 0) + 1);
      }

      // (a) geocoding the gold toponyms: resolvePlaces reads the article with the gold spans as its tagger's LOC
      // layer, so each gold name is resolved with the article's context (the other places, leave-one-out) as
      // in production; no metonyms layer, so capitals used as actors still say where the article is
      // the last ranking of each name, to say of a miss which readings were on offer
      const rankings = new Map<string, { name: string; country: string | null; lat: number; lon: number; score: number; features: FeatureVector }[]>();
      observeRankings((surface, candidates) => rankings.set(surface, candidates));
      let reading: Place[];
      try {
        reading = placesByResolver(article, gold, persons);
      } finally {
        observeRankings(null);
      }
      const located = reading.filter((p) => p.country && p.lat !== null);
      const weight = new Map<string, number>();
      for (const p of located) weight.set(p.country!, (weight.get(p.country!) ?? 0) + p.mentions.length);
      const ranked = [...weight.entries()].sort((a, b) => b[1] - a[1]).slice(0, 4);
      const total = ranked.reduce((a, [, w]) => a + w, 0) || 1;
      const admin1Places = located.filter((p) => p.featureType === "admin1");
      const admin1s = admin1Places.map((p) => `${p.country}/${p.name}`);
      const admin1Counts = admin1Places.map((p) => p.mentions.length);
      const focus = documentFocus(reading, (p) => (p.country ? gazetteer.resolveExact(p.name, { countries: [p.country] })?.population ?? 0 : 0));
      for (const g of gold) {
        const doc = article.text;
        const after = /^\s+(\p{L}+)/u.exec(doc.slice(g.end, g.end + 30))?.[1]?.toLowerCase() ?? "";
        const cue: PlaceCue | null = after === "province" || after === "governorate" || after === "state" ? "province" : after === "county" || after === "district" ? "district" : null;
        // a demonym in the gold ("Irish", "Omani" as modifiers) is geocoded as its country
        const ctx = { countries: ranked.map(([c]) => c), countryShares: ranked.map(([, w]) => w / total), admin1s, admin1Counts, cue };
        // our reading's answer for this name when it has one, located or not ("Royal Street": a street it cannot
        // place, so the article's focus below); a gold name it did not read is resolved on its own
        const inReading = reading.find((p) => p.mentions.some((m) => m.start === g.start && m.end === g.end));
        const fromReading = inReading?.lat != null && inReading.lon != null ? { name: inReading.name, lat: inReading.lat, lon: inReading.lon, country: inReading.country, featureType: inReading.featureType } : null;
        const match = gazetteer.demonymPlace(g.name) ?? (inReading ? fromReading : resolveWithin(gazetteer, g.name, ctx));
        let lat: number | null = match?.lat ?? null;
        let lon: number | null = match?.lon ?? null;
        let label = match ? `${match.name} (${match.country ?? "-"}, ${match.featureType})` : "";
        const near = lat === null ? focus : null;
        if (lat === null && near && near.lat !== null && near.lon !== null) {
          lat = near.lat;
          lon = near.lon;
          label = `focus: ${near.name}`;
          fellBack++;
        }
        const km = lat === null || lon === null ? MAX_ERROR_KM : haversineKm(g.lat!, g.lon!, lat, lon);
        errorsKm.push(km);
        if (label.startsWith("focus:")) fallbackKm.push(km);
        const list = byType.get(g.type ?? "toponym") ?? [];
        list.push(km);
        byType.set(g.type ?? "toponym", list);
        if (km >= ACCURACY_KM) {
          const seen = (rankings.get(g.name) ?? []).slice(0, 8).map((c) => {
            const features = c.features.index.map((f, k) => `${FEATURE_NAMES[f]}${c.features.value[k] === 1 ? "" : `=${c.features.value[k].toFixed(2)}`}`).join(" ");
            return `${c.name} (${c.country ?? "-"}) ${Math.round(haversineKm(g.lat!, g.lon!, c.lat, c.lon))} km p=${c.score.toFixed(3)} [${features}]`;
          });
          worst.push({ article: `${article.file}#${article.id}`, name: g.name, predicted: label || "(none)", km: Math.round(km), gold: [g.lat!, g.lon!], focus: focus?.lat != null && focus.lon != null ? `${focus.name} ${Math.round(haversineKm(g.lat!, g.lon!, focus.lat, focus.lon))} km` : "none", candidates: seen });
        }
      }
    }

    if (foldModels) useRankerModel(undefined);
    const geo = geocodingScores(errorsKm);
    const merges = gazetteer.falseMerges(100_000);
    const villageMerges = gazetteer.villageMerges(100_000);
    const r = prf(recog.tp, recog.fp, recog.fn);
    const ro = prf(recogOverlap.tp, recogOverlap.fp, recogOverlap.fn);
    const rn = prf(recogNoDemonyms.tp, recogNoDemonyms.fp, recogNoDemonyms.fn);
    const via = [...vias].map(([k, n]) => `${k} (${n} articles)`).join(" + ") || "none";
    const lines = [
      ...(options.cv ? [`ranker cross-validated: ${options.cv} folds of articles, each scored with the model trained on the others`] : []),
      `geocoding given gold toponyms (n=${geo.n}, ${fellBack} fell back to the article focus)`,
      `  acc@161km ${geo.acc161.toFixed(3)}  mean ${geo.meanKm.toFixed(0)} km  median ${geo.medianKm.toFixed(1)} km  AUC ${geo.auc.toFixed(3)}`,
      `  of which focus fallbacks: acc@161km ${geocodingScores(fallbackKm).acc161.toFixed(3)} (n=${fallbackKm.length})`,
      ...[...byType.entries()].sort((a, b) => b[1].length - a[1].length).map(([type, km]) => {
        const s = geocodingScores(km);
        return `  ${type.padEnd(22)} n=${String(s.n).padStart(4)}  acc@161 ${s.acc161.toFixed(3)}  median ${s.medianKm.toFixed(1)} km`;
      }),
      `toponym recognition via ${via}: exact P ${r.p.toFixed(3)} R ${r.r.toFixed(3)} F1 ${r.f1.toFixed(3)}  (overlap F1 ${ro.f1.toFixed(3)})  tp=${recog.tp} fp=${recog.fp} fn=${recog.fn}`,
      `  without gold demonyms (n=${recogNoDemonyms.tp + recogNoDemonyms.fn}): P ${rn.p.toFixed(3)} R ${rn.r.toFixed(3)} F1 ${rn.f1.toFixed(3)}`,
      ...[...goldTypes.entries()].sort((a, b) => b[1] - a[1]).map(([type, n]) => `  ${type.padEnd(22)} recall ${(1 - (missedTypes.get(type) ?? 0) / n).toFixed(3)} of ${n}`),
      `false merges of the transliteration key over ${merges.names} notable names (countries, admin1, regions, towns of 100,000+): ` +
        `${(merges.rate * 100).toFixed(1)}% meet another place >161 km away as a candidate, ${(merges.resolvedRate * 100).toFixed(1)}% resolve to it`,
      `villages (exact spellings only, never the transliteration key) over ${villageMerges.names} notable names of their countries: ` +
        `${(villageMerges.rate * 100).toFixed(1)}% also name a village >161 km away, ${(villageMerges.resolvedRate * 100).toFixed(1)}% resolve to one in an article about that country`,
      ...(note ? [`note: ${note}`] : []),
      ...(goldErrors.length ? [`${goldErrors.length} gold problems (see goldErrors)`] : []),
    ];
    return {
      task: "geo",
      table: lines.join("\n"),
      summary: { acc161: geo.acc161, mean_km: geo.meanKm, median_km: geo.medianKm, auc: geo.auc, p: r.p, r: r.r, f1: r.f1, n: geo.n },
      details: {
        recognitionVia: via,
        note,
        overlap: ro,
        withoutDemonyms: rn,
        fellBackToFocus: fellBack,
        falseMerges: merges,
        villageMerges,
        worst: worst.sort((a, b) => b.km - a.km).slice(0, 1000),
      },
      goldErrors,
    };
  },
};

/** Each article's fold (0..k-1): articles shuffled by a fixed seed, then dealt round. */
export function articleFolds(articles: readonly GoldArticle[], k: number): number[] {
  const random = seededRandom(33);
  const order = articles.map((_, i) => i);
  shuffleInPlace(order, random);
  const folds = new Array<number>(articles.length);
  order.forEach((article, position) => (folds[article] = position % k));
  return folds;
}

/**
 * The ranker's training decisions in gold articles: each article is read with its gold toponyms as the tagger's
 * places, and every ranking of a gold name (in any pass: with and without the article's context) becomes one
 * decision whose answer is the candidate nearest the gold point, when that one is within 161 km of it.
 */
export function rankingInstances(articles: readonly GoldArticle[]): RankingInstance[] {
  const instances: RankingInstance[] = [];
  for (const article of articles) {
    const gold = article.toponyms.filter((t) => t.lat !== null && t.lon !== null && !NOT_TOPONYMS.has(t.type ?? ""));
    const points = new Map<string, { lat: number; lon: number }>();
    for (const t of gold) if (!points.has(t.name)) points.set(t.name, { lat: t.lat!, lon: t.lon! });
    observeRankings((surface, candidates) => {
      const point = points.get(surface);
      if (!point || candidates.length < 2) return;
      // the answer is the candidate nearest the gold point (all those within 161 km as answers did worse under
      // cross-validation: 0.937 against 0.942 within 161 km)
      const km = candidates.map((c) => haversineKm(point.lat, point.lon, c.lat, c.lon));
      const nearest = km.indexOf(Math.min(...km));
      // every ranking counts, repeated ones too: a name ranked more often (named more often) weighs more
      if (km[nearest] < ACCURACY_KM) instances.push({ candidates: candidates.map((c) => c.features), targets: [nearest], group: article.id, surface });
    });
    try {
      placesByResolver(article, gold);
    } finally {
      observeRankings(null);
    }
  }
  return instances;
}

/**
 * Decisions the gazetteer labels itself, `limit` of each kind, drawn by a fixed seed (group "gazetteer", never
 * held out): an admin area that shares its name with a town of its country is the area when a cue word says so
 * ("the province of X", "X district") and the town when the cue says town ("the city of X"); a town read inside
 * its own admin1 area ("X, Y") is the one in Y, whatever its namesakes elsewhere. News articles hold few cue
 * words and few "X, Y"; these teach those features what they mean.
 */
export function gazetteerInstances(limit = 300): RankingInstance[] {
  const g = loadGazetteer();
  const random = seededRandom(15);
  const rows = [...g.rows()].filter((r) => r.country !== null);
  const out: RankingInstance[] = [];
  let cues = 0;
  let containers = 0;
  const ranked = (name: string, ctx: GeoContext): { features: FeatureVector; name: string; country: string | null }[] => {
    let seen: { features: FeatureVector; name: string; country: string | null }[] = [];
    observeRankings((_, candidates) => (seen = candidates));
    try {
      g.rank(name, ctx);
    } finally {
      observeRankings(null);
    }
    return seen;
  };
  const has = (c: { features: FeatureVector }, name: FeatureName) => c.features.index.includes(FEATURE_NAMES.indexOf(name));
  for (let i = rows.length - 1; i > 0 && (cues < limit || containers < limit); i--) {
    const j = Math.floor(random() * (i + 1));
    [rows[i], rows[j]] = [rows[j], rows[i]];
    const row = rows[i];
    if (row.featureType !== "city" && cues < limit) {
      const areaCue: PlaceCue = row.featureType === "admin1" ? "province" : "district";
      // the area's name without its designator word ("Nwoya" for "Nwoya District"): the word is the cue here
      const bare = stripDesignator(row.name)?.bare ?? row.name;
      for (const cue of [areaCue, "city"] as const) {
        const candidates = ranked(bare, { countries: [row.country!], cue });
        const wanted: FeatureName = cue === "city" ? "type:city" : row.featureType === "admin1" ? "type:admin1" : "type:admin2";
        const target = candidates.findIndex((c) => c.country === row.country && has(c, wanted));
        if (target >= 0 && candidates.some((c, k) => k !== target && c.country === row.country)) {
          out.push({ candidates: candidates.map((c) => c.features), targets: [target], group: "gazetteer", surface: bare });
          cues++;
        }
      }
    } else if (row.featureType === "city" && row.admin1 && containers < limit) {
      const candidates = ranked(row.name, { within: { country: row.country, admin1: row.admin1 } });
      const inside = candidates.findIndex((c) => c.name === row.name && has(c, "within:admin1") && has(c, "type:city"));
      if (inside >= 0 && candidates.some((c, k) => k !== inside && has(c, "type:city") && !has(c, "within:admin1"))) {
        out.push({ candidates: candidates.map((c) => c.features), targets: [inside], group: "gazetteer", surface: row.name });
        containers++;
      }
    }
  }
  return out;
}

/**
 * The ranker trained on `articles` (and the gazetteer's own decisions) in rounds: the decisions depend on the
 * article context that the model itself helps build (the first pass's countries), so the first round collects
 * them with a model of zero weights (the biggest reading wins every tie) and each later round with the previous
 * round's model. Leaves the model it trained in use.
 */
export function trainInRounds(articles: readonly GoldArticle[], rounds = 2, log: (line: string) => void = () => {}): RankerModel {
  let model: RankerModel = { weights: new Float64Array(FEATURE_NAMES.length), meta: {} };
  // drawn with the zero model too, never with whatever model is in use (the committed one, another fold's):
  // which reading is the target among equals depends on their order, so training must not depend on it
  useRankerModel(model);
  const gazetteerDecisions = gazetteerInstances();
  for (let round = 1; round <= rounds; round++) {
    useRankerModel(model);
    const instances = [...rankingInstances(articles), ...gazetteerDecisions];
    model = trainRanker(instances);
    model.meta = { ...model.meta, round, articles: articles.length };
    log(`round ${round}: ${instances.length} decisions from ${articles.length} articles`);
  }
  useRankerModel(model);
  return model;
}

/** One model per fold, each trained (in rounds, from zero) on the other folds' articles only. */
function crossValidationModels(articles: readonly GoldArticle[], foldOf: number[], k: number): RankerModel[] {
  const models = Array.from({ length: k }, (_, fold) => trainInRounds(articles.filter((_, i) => foldOf[i] !== fold)));
  useRankerModel(undefined);
  return models;
}
