/**
 * `sitrep eval acled <export.csv>`: ACLED export rows, each row's `notes` read as an article published on its
 * `event_date`; the event sitrep reports is compared with the row.
 *
 * Reader: ACLED's CSV export (UTF-8, often with a BOM; `event_date` as "01 December 2023", "1-Dec-23" or
 * "2023-12-01"). Required columns: event_date, event_type, sub_event_type, latitude, longitude, notes, fatalities.
 *
 * Prediction: the report's main event, i.e. among the non-negated events that have an ACLED type, one that is news
 * (not background: an older happening recalled) over one that is not, then one that reports deaths over one that
 * does not (the happening a report leads with is the deadliest it tells), then the most confident (ties to the
 * earliest evidence); "none" when there is none. Figures (accuracy over rows):
 * - event type and sub-event type: the same name (case and punctuation ignored);
 * - fatalities: the main event's `casualties.killed.best` (0 when absent) equals `fatalities`;
 * - place: the main event's place has coordinates within 50 km of the row's latitude/longitude;
 * - date: the main event's time has a day value (YYYY-MM-DD) equal to `event_date`. The row's `event_date` is
 *   also the publication date the note is read with (so "on 14 March" and "on Monday" find their year and week),
 *   but never the event's date: a note that states no day scores no date. Also reported: the share of notes that
 *   state a day, and date exact over those (the text-only ceiling and the figure within it).
 * Also reported: whether ANY place in the report lies within 50 km (geocoding apart from event linking).
 */
import { parse } from "csv-parse/sync";
import { SitrepError } from "../src/errors.js";
import type { Event, Report } from "../src/report.js";
import { accuracy, classify, fixed, formatConfusion, formatLabelScores, formatTable, readGoldText, round } from "./metrics.js";
import type { EvalOptions, EvalResult, EvalTask } from "./types.js";
import { haversineKm } from "../src/resolve/geo/distance.js";
import { closeSpellings, phoneticForm } from "../src/resolve/geo/normalize.js";
import { loadGazetteer } from "../src/resolve/geo/index.js";
import { acledPoint, gazetteerSeats, type ProvinceSeat } from "../src/export/acled.js";

export interface AcledRow {
  line: number;
  id: string;
  date: string;
  eventType: string;
  subEventType: string;
  fatalities: number;
  lat: number;
  lon: number;
  notes: string;
  /** the coded location and the district and province it lies in, as the export names them ("" when absent) */
  location: string;
  admin2: string;
  admin1: string;
}

const REQUIRED = ["event_date", "event_type", "sub_event_type", "latitude", "longitude", "notes", "fatalities"];
const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

/** "01 December 2023", "1-Dec-23" or "2023-12-01" to "2023-12-01"; null when it is none of these. */
export function parseAcledDate(value: string): string | null {
  const v = value.trim();
  const pad = (n: number): string => String(n).padStart(2, "0");
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v);
  if (iso) return v;
  const m = /^(\d{1,2})[\s-]+([A-Za-z]+)[\s-]+(\d{2}|\d{4})$/.exec(v);
  if (!m) return null;
  const month = MONTHS.indexOf(m[2].slice(0, 3).toLowerCase());
  const day = Number(m[1]);
  if (month < 0 || day < 1 || day > 31) return null;
  // two-digit years: ACLED starts in 1997, so 97-99 are the 1990s and the rest this century
  const year = m[3].length === 4 ? Number(m[3]) : Number(m[3]) >= 90 ? 1900 + Number(m[3]) : 2000 + Number(m[3]);
  return `${year}-${pad(month + 1)}-${pad(day)}`;
}

/** Reads an ACLED export; a row that cannot be read is reported with file and line and left out. */
export function readAcledCsv(source: string, file: string): { rows: AcledRow[]; errors: string[] } {
  let records: { record: Record<string, string>; line: number }[];
  try {
    records = (parse(source, { bom: true, columns: true, skip_empty_lines: true, relax_column_count: true, info: true }) as {
      record: Record<string, string>;
      info: { lines: number };
    }[]).map(({ record, info }) => ({ record, line: info.lines }));
  } catch (err) {
    const line = (err as { lines?: number }).lines;
    throw new SitrepError("SITREP_GOLD_INVALID", `${file}${line ? `:${line}` : ""}: not a readable CSV (${(err as Error).message})`);
  }
  if (records.length > 0) {
    const missing = REQUIRED.filter((c) => !(c in records[0].record));
    if (missing.length) throw new SitrepError("SITREP_GOLD_INVALID", `${file}:1: header lacks ${missing.map((c) => `"${c}"`).join(", ")} (expected an ACLED export)`);
  }
  const rows: AcledRow[] = [];
  const errors: string[] = [];
  for (const { record: r, line } of records) {
    const where = `${file}:${line}`;
    const date = parseAcledDate(r.event_date ?? "");
    const lat = Number(r.latitude);
    const lon = Number(r.longitude);
    const fatalities = Number(r.fatalities);
    if (!date) errors.push(`${where}: event_date "${r.event_date}" is not like "01 December 2023" or "1-Dec-23"`);
    else if (!r.latitude || !r.longitude || !Number.isFinite(lat) || !Number.isFinite(lon)) errors.push(`${where}: latitude/longitude are not numbers`);
    else if (r.fatalities === "" || !Number.isInteger(fatalities)) errors.push(`${where}: fatalities "${r.fatalities}" is not a whole number`);
    else if (!r.notes?.trim()) errors.push(`${where}: empty notes`);
    else {
      rows.push({
        line, id: r.event_id_cnty ?? String(line), date, eventType: r.event_type, subEventType: r.sub_event_type, fatalities, lat, lon, notes: r.notes,
        location: r.location ?? "", admin2: r.admin2 ?? "", admin1: r.admin1 ?? "",
      });
    }
  }
  return { rows, errors };
}

export { haversineKm } from "../src/resolve/geo/distance.js";

export interface AcledPrediction {
  eventType: string;
  subEventType: string;
  fatalities: number;
  /** coordinates of the main event's place, when it has one */
  place: { lat: number; lon: number } | null;
  /** the main event's time value ("2023-12-01"), when it has one */
  date: string | null;
  /** every place of the report that has coordinates */
  allPlaces: { lat: number; lon: number }[];
  /** whether the note states a day at all (any time of the report with a day value): without one, only a date
   * taken from outside the text could be right */
  statesDay: boolean;
}

/**
 * What sitrep says about the row's event: its main ACLED event, with place and time looked up; the place where
 * ACLED would code it, as `sitrep export --format acled` writes it (a province's events at its capital: `acledPoint`).
 */
export function acledPrediction(report: Pick<Report, "events" | "places" | "times">, seatOf: ProvinceSeat = gazetteerSeats): AcledPrediction {
  const startOf = (e: Event): number => (e.evidence.length ? Math.min(...e.evidence.map((s) => s.start)) : Number.MAX_SAFE_INTEGER);
  // news before background, a happening with deaths before one without, then confidence
  const rank = (e: Event): number[] => [e.background ? 0 : 1, (e.casualties?.killed?.best ?? 0) > 0 ? 1 : 0, e.confidence];
  const outranks = (a: Event, b: Event): boolean => {
    const [ra, rb] = [rank(a), rank(b)];
    const k = ra.findIndex((x, i) => x !== rb[i]);
    return k >= 0 ? ra[k] > rb[k] : startOf(a) < startOf(b);
  };
  let main: Event | null = null;
  for (const e of report.events) {
    if (e.negated || !e.acled) continue;
    if (!main || outranks(e, main)) main = e;
  }
  const withCoordinates = report.places.filter((p) => p.lat !== null && p.lon !== null).map((p) => ({ lat: p.lat!, lon: p.lon! }));
  const statesDay = report.times.some((t) => /^\d{4}-\d{2}-\d{2}/.test(t.value));
  if (!main) return { eventType: "none", subEventType: "none", fatalities: 0, place: null, date: null, allPlaces: withCoordinates, statesDay };
  const place = report.places.find((p) => p.id === main!.place);
  const time = report.times.find((t) => t.id === main!.time);
  return {
    eventType: main.acled!.eventType,
    subEventType: main.acled!.subEventType,
    fatalities: main.casualties?.killed?.best ?? 0,
    place: place && place.lat !== null && place.lon !== null ? acledPoint({ ...place, lat: place.lat, lon: place.lon }, seatOf) : null,
    date: time ? time.value : null,
    allPlaces: withCoordinates,
    statesDay,
  };
}

export interface AcledScores {
  n: number;
  eventType: number;
  subEventType: number;
  fatalities: number;
  place50km: number;
  anyPlace50km: number;
  date: number;
  /** share of rows whose note states a day (the ceiling of `date` for a reader of the text alone) */
  statesDay: number;
  /** date exact over the rows whose note states a day */
  dateWhereStated: number;
  /** share of rows whose note names the coded location, its district or its province in any spelling
   * (`namesCodedPlace`): with none of them named, only another place the note names could be near, so this is
   * about the ceiling of `anyPlace50km` for a reader of the text alone */
  namesCodedPlace: number;
  /** any place within 50 km over the rows whose note names the coded location, its district or its province */
  anyPlaceWhereNamed: number;
  /** share of rows a reader of the text could place within 50 km (`placeableFromText`), when the pairs say: the
   * ceiling of `anyPlace50km` */
  placeCeiling: number | null;
}

const foldWords = (s: string): string => ` ${s.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase().replace(/[^a-z0-9]+/g, " ").trim()} `;
const COMPASS = new Set(["north", "south", "east", "west", "central", "northern", "southern", "eastern", "western"]);

/** The forms of a coded name a note could use: the name without its bracketed part, and, for hyphenated names
 * ("Al-Hasakeh", "Shan-North"), each part of four letters or more other than a compass word. Generous on
 * purpose: the share it gives is an upper bound, never an underestimate. */
function nameForms(name: string): string[] {
  const bare = name.replace(/\(.*?\)/g, " ").trim();
  if (!bare) return [];
  const parts = bare.split(/[-\u2010-\u2015]/).map((p) => foldWords(p).trim()).filter((p) => p.replace(/ /g, "").length >= 4 && !COMPASS.has(p));
  return [...new Set([foldWords(bare).trim(), ...parts])].filter((f) => f.length > 0);
}

/**
 * Whether the note names the coded location, its district (admin2) or its province (admin1): as whole words, or
 * as a run of one to four of its words that is another spelling of one of them (`closeSpellings`, the
 * gazetteer's test of transliterations: "Qalqiliyah" for "Qalqilyah", "Arbinda" for "Aribinda").
 */
export function namesCodedPlace(row: Pick<AcledRow, "notes" | "location" | "admin2" | "admin1">): boolean {
  const text = foldWords(row.notes);
  const forms = [row.location, row.admin2, row.admin1].flatMap(nameForms);
  if (forms.some((form) => text.includes(` ${form} `))) return true;
  const words = text.trim().split(" ");
  const lengths = forms.map((form) => phoneticForm(form).length);
  for (let i = 0; i < words.length; i++) {
    for (let n = 1; n <= 4 && i + n <= words.length; n++) {
      const run = words.slice(i, i + n).join(" ");
      const length = phoneticForm(run).length;
      // (a spelling close enough differs by at most a fifth of its letters: only runs of about the same length)
      if (forms.some((form, k) => Math.abs(lengths[k] - length) <= lengths[k] / 5 && closeSpellings(run, form))) return true;
    }
  }
  return false;
}

/** What a gazetteer gives for a name: its readings' points and kinds (`Gazetteer.candidates`). */
export type Readings = (surface: string) => readonly { lat: number | null; lon: number | null; featureType: string }[];

/**
 * Whether a reader of the note alone could put some place within 50 km of the coded point: the note names the
 * coded location in some spelling (counted whether or not any gazetteer has it), or names its district or
 * province and some reading of that name lies within 50 km, or some run of one to four words starting with a
 * capital has a reading, other than a country, within 50 km (an oracle: it knows which reading is right). An
 * upper bound of `anyPlace50km` for any reader using these readings.
 */
export function placeableFromText(row: Pick<AcledRow, "notes" | "location" | "admin2" | "admin1" | "lat" | "lon">, readings: Readings): boolean {
  const near = (surface: string, countries: boolean): boolean =>
    readings(surface).some((m) => m.lat !== null && m.lon !== null && (countries || m.featureType !== "country") && haversineKm(row.lat, row.lon, m.lat, m.lon) <= 50);
  const only = (which: "location" | "admin2" | "admin1"): boolean => namesCodedPlace({ notes: row.notes, location: "", admin2: "", admin1: "", [which]: row[which] });
  if (only("location")) return true;
  for (const which of ["admin2", "admin1"] as const) {
    const bare = row[which].replace(/\(.*?\)/g, " ").trim();
    if (bare && only(which) && [bare, ...bare.split("-")].some((form) => near(form, true))) return true;
  }
  const words = row.notes.split(/[^\p{L}\p{M}'’-]+/u).filter(Boolean);
  for (let i = 0; i < words.length; i++) {
    if (!/^\p{Lu}/u.test(words[i])) continue;
    for (let k = 1; k <= 4 && i + k <= words.length; k++) if (near(words.slice(i, i + k).join(" "), false)) return true;
  }
  return false;
}

const same = (a: string, b: string): boolean => a.toLowerCase().replace(/[^a-z0-9]/g, "") === b.toLowerCase().replace(/[^a-z0-9]/g, "");

export function scoreAcledRow(gold: AcledRow, pred: AcledPrediction): Record<"eventType" | "subEventType" | "fatalities" | "place50km" | "anyPlace50km" | "date", boolean> {
  const near = (p: { lat: number; lon: number }): boolean => haversineKm(gold.lat, gold.lon, p.lat, p.lon) <= 50;
  return {
    eventType: same(gold.eventType, pred.eventType),
    subEventType: same(gold.subEventType, pred.subEventType),
    fatalities: gold.fatalities === pred.fatalities,
    place50km: pred.place !== null && near(pred.place),
    anyPlace50km: pred.allPlaces.some(near),
    date: pred.date !== null && pred.date.slice(0, 10) === gold.date,
  };
}

export function scoreAcled(pairs: readonly { gold: AcledRow; pred: AcledPrediction; placeable?: boolean }[]): AcledScores {
  const hits = pairs.map(({ gold, pred }) => scoreAcledRow(gold, pred));
  const share = (key: keyof ReturnType<typeof scoreAcledRow>): number => accuracy(hits.filter((h) => h[key]).length, hits.length);
  const stated = pairs.map((p, i) => ({ stated: p.pred.statesDay, date: hits[i].date })).filter((x) => x.stated);
  const named = pairs.flatMap((p, i) => (namesCodedPlace(p.gold) ? [i] : []));
  return {
    n: pairs.length,
    eventType: share("eventType"),
    subEventType: share("subEventType"),
    fatalities: share("fatalities"),
    place50km: share("place50km"),
    anyPlace50km: share("anyPlace50km"),
    date: share("date"),
    statesDay: accuracy(stated.length, pairs.length),
    dateWhereStated: accuracy(stated.filter((x) => x.date).length, stated.length),
    namesCodedPlace: accuracy(named.length, pairs.length),
    anyPlaceWhereNamed: accuracy(named.filter((i) => hits[i].anyPlace50km).length, named.length),
    placeCeiling: pairs.length > 0 && pairs.every((p) => p.placeable !== undefined) ? accuracy(pairs.filter((p) => p.placeable).length, pairs.length) : null,
  };
}

async function run(target: string, options: EvalOptions): Promise<EvalResult> {
  const source = readGoldText(target);
  const { rows: all, errors: goldErrors } = readAcledCsv(source, target);
  const rows = all.slice(0, options.limit ?? undefined);
  const { createPipeline } = await import("../src/pipeline.js");
  const pipeline = createPipeline();
  const pipelineErrors: string[] = [];
  const empty: AcledPrediction = { eventType: "none", subEventType: "none", fatalities: 0, place: null, date: null, allPlaces: [], statesDay: false };
  const g = loadGazetteer();
  const readings: Readings = (surface) => g.candidates(surface);
  const pairs = rows.map((gold) => {
    let pred = empty;
    try {
      pred = acledPrediction(pipeline.extract({ text: gold.notes, published: gold.date }));
    } catch (err) {
      pipelineErrors.push(`${gold.id}: ${err instanceof Error ? err.message : String(err)}`);
    }
    return { gold, pred, placeable: placeableFromText(gold, readings) };
  });
  const s = scoreAcled(pairs);
  const eventTypes = classify(pairs.map(({ gold, pred }) => ({ gold: gold.eventType, pred: pred.eventType })));
  const table = [
    formatTable(
      ["field", "accuracy"],
      [
        ["event type", fixed(s.eventType)],
        ["sub-event type", fixed(s.subEventType)],
        ["fatalities exact", fixed(s.fatalities)],
        ["event place within 50 km", fixed(s.place50km)],
        ["any place within 50 km", fixed(s.anyPlace50km)],
        ["date exact", fixed(s.date)],
        ["notes that state a day", fixed(s.statesDay)],
        ["date exact, notes that state a day", fixed(s.dateWhereStated)],
        ["notes that name the coded place, its district or province", fixed(s.namesCodedPlace)],
        ["any place within 50 km, notes that name one of them", fixed(s.anyPlaceWhereNamed)],
        ["ceiling of any place within 50 km (a reader of the text)", s.placeCeiling === null ? "-" : fixed(s.placeCeiling)],
      ],
      ["left", "right"],
    ),
    "",
    "event type (rows gold, columns predicted)",
    formatConfusion(eventTypes),
    "",
    formatLabelScores(classify(pairs.map(({ gold, pred }) => ({ gold: gold.subEventType, pred: pred.subEventType }))).perLabel),
    "",
    `${s.n} rows; the main event is, among non-negated events with an ACLED type, news before background, one with deaths before one without, then the most confident` +
      (pipelineErrors.length ? `; the pipeline failed on ${pipelineErrors.length}` : ""),
  ].join("\n");
  return {
    task: "acled",
    table,
    summary: {
      event_type: round(s.eventType),
      sub_event_type: round(s.subEventType),
      fatalities: round(s.fatalities),
      place_50km: round(s.place50km),
      any_place_50km: round(s.anyPlace50km),
      date: round(s.date),
      date_where_stated: round(s.dateWhereStated),
      names_coded_place: round(s.namesCodedPlace),
      any_place_where_named: round(s.anyPlaceWhereNamed),
      ...(s.placeCeiling === null ? {} : { place_ceiling: round(s.placeCeiling) }),
      n: s.n,
    },
    details: {
      scores: s,
      rows: pairs.map(({ gold, pred }) => ({
        id: gold.id,
        line: gold.line,
        ...scoreAcledRow(gold, pred),
        gold: { eventType: gold.eventType, subEventType: gold.subEventType },
        predicted: { ...pred, allPlaces: undefined },
      })),
      eventTypes,
      subEventTypes: classify(pairs.map(({ gold, pred }) => ({ gold: gold.subEventType, pred: pred.subEventType }))),
      pipelineErrors,
    },
    goldErrors,
  };
}

export const task: EvalTask = {
  name: "acled",
  description: "ACLED export rows: event type, sub-event type, fatalities, place within 50 km, date",
  // ACLED rows of years other than 2023, for measuring and tuning only: no model is trained on them
  defaultTarget: "acled-dev/notes.csv",
  run,
};
