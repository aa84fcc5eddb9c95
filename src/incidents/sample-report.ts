/**
 * Builds a valid `sitrep/1` report from a compact description of its events: for tests of merging and the
 * store that must not depend on the extraction pipeline, and for synthesising store benchmarks.
 */
import { createHash } from "node:crypto";
import {
  SCHEMA, type Count, type Entity, type EntityKind, type Event, type FeatureType, type Granularity, type Place,
  type PloverType, type Precision, type Quote, type Report, type Span, type TimeRef,
} from "../report.js";

export interface SampleActor {
  name: string;
  kind?: EntityKind;
  country?: string | null;
  aliases?: string[];
}

export interface SamplePlace {
  name: string;
  lat?: number | null;
  lon?: number | null;
  country?: string | null;
  admin1?: string | null;
  featureType?: FeatureType;
  precision?: Precision;
  geonameId?: number | null;
}

export interface SampleEvent {
  type?: PloverType;
  mode?: string | null;
  /** [event type, sub-event type] */
  acled?: [string, string] | null;
  place?: SamplePlace;
  /** TIMEX3-style value: "2018-05-01", "2018-W17", "2018-04" */
  date?: string;
  actors?: (string | SampleActor)[];
  targets?: (string | SampleActor)[];
  killed?: number | Count;
  injured?: number | Count;
  victims?: string;
  negated?: boolean;
  hypothetical?: boolean;
  attribution?: "stated" | "claimed" | "contested" | "unknown";
}

export interface SampleReport {
  id?: string;
  title?: string;
  /** the body; one sentence per event is written when absent */
  text?: string;
  published?: string | null;
  outlet?: string;
  url?: string;
  agencies?: string[];
  events: SampleEvent[];
  quotes?: { text: string; speaker?: string; cue?: string }[];
}

function granularityOf(value: string): Granularity {
  if (/^\d{4}-\d{2}-\d{2}/.test(value)) return "day";
  if (/^\d{4}-W\d{2}$/.test(value)) return "week";
  if (/^\d{4}-\d{2}$/.test(value)) return "month";
  if (/^\d{4}$/.test(value)) return "year";
  return "other";
}

function asCount(v: number | Count | undefined): Count | null {
  if (v === undefined) return null;
  return typeof v === "number" ? { low: v, best: v, high: v } : v;
}

function asActor(a: string | SampleActor): SampleActor {
  return typeof a === "string" ? { name: a } : a;
}

/** A report whose every id, span and cross-reference is consistent, as the pipeline would produce. */
export function sampleReport(spec: SampleReport): Report {
  const entities: Entity[] = [];
  const places: Place[] = [];
  const times: TimeRef[] = [];
  const events: Event[] = [];
  const sentences: string[] = [];
  let offset = 0;
  const spanOf = (sentence: string, words: string): Span => {
    const at = sentence.indexOf(words);
    const start = offset + Math.max(0, at);
    return { start, end: start + (at < 0 ? sentence.length : words.length), text: at < 0 ? sentence : words };
  };
  const entityId = (a: SampleActor): string => {
    const hit = entities.find((e) => e.name === a.name);
    if (hit) return hit.id;
    const e: Entity = {
      id: `e${entities.length + 1}`, name: a.name, kind: a.kind ?? (a.name.toLowerCase() === "civilians" ? "civilians" : "armed_group"),
      aliases: a.aliases ?? [], roles: [], country: a.country ?? null, affiliations: [], mentions: [],
    };
    entities.push(e);
    return e.id;
  };

  for (const ev of spec.events) {
    const actors = (ev.actors ?? []).map(asActor);
    const targets = (ev.targets ?? []).map(asActor);
    const killed = asCount(ev.killed);
    const injured = asCount(ev.injured);
    const what = ev.acled?.[1] ?? (ev.type ?? "ASSAULT").toLowerCase();
    const sentence = [
      actors.length ? `${actors.map((a) => a.name).join(" and ")} carried out` : "There was",
      `a ${what}`,
      targets.length ? `against ${targets.map((t) => t.name).join(" and ")}` : "",
      ev.place ? `in ${ev.place.name}` : "",
      ev.date ? `on ${ev.date}` : "",
      killed ? `, killing ${killed.best}` : "",
      injured ? `and injuring ${injured.best}` : "",
    ].filter((s) => s !== "").join(" ").replace(/ ,/g, ",") + ".";

    let placeId: string | null = null;
    if (ev.place) {
      const p = ev.place;
      const mention = spanOf(sentence, p.name);
      const existing = places.find((x) => x.name === p.name);
      if (existing) {
        existing.mentions.push(mention);
        placeId = existing.id;
      } else {
        placeId = `p${places.length + 1}`;
        places.push({
          id: placeId, name: p.name, geonameId: p.geonameId ?? null, lat: p.lat ?? null, lon: p.lon ?? null, country: p.country ?? null,
          admin1: p.admin1 ?? null, featureType: p.featureType ?? "city", precision: p.precision ?? 1, mentions: [mention],
        });
      }
    }
    let timeId: string | null = null;
    if (ev.date) {
      timeId = `t${times.length + 1}`;
      times.push({ id: timeId, value: ev.date, granularity: granularityOf(ev.date), anchoredTo: "absolute", mentions: [spanOf(sentence, ev.date)] });
    }
    const actorIds = actors.map((a) => {
      const id = entityId(a);
      entities.find((e) => e.id === id)!.mentions.push(spanOf(sentence, a.name));
      return id;
    });
    const targetIds = targets.map((t) => {
      const id = entityId(t);
      entities.find((e) => e.id === id)!.mentions.push(spanOf(sentence, t.name));
      return id;
    });
    events.push({
      id: `v${events.length + 1}`,
      type: ev.type ?? "ASSAULT",
      mode: ev.mode ?? null,
      acled: ev.acled ? { eventType: ev.acled[0], subEventType: ev.acled[1] } : null,
      actors: actorIds,
      targets: targetIds,
      place: placeId,
      time: timeId,
      casualties: killed || injured || ev.victims ? { killed, injured, victims: ev.victims ?? null } : null,
      attribution: { status: ev.attribution ?? (actorIds.length ? "stated" : "unknown"), candidates: actorIds },
      negated: ev.negated ?? false,
      hypothetical: ev.hypothetical ?? false,
      evidence: [spanOf(sentence, sentence)],
      confidence: 0.9,
    });
    sentences.push(sentence);
    offset += sentence.length + 1;
  }

  const quotes: Quote[] = [];
  for (const q of spec.quotes ?? []) {
    const sentence = `"${q.text}," ${q.speaker ?? "an official"} ${q.cue ?? "said"}.`;
    const start = offset + 1;
    quotes.push({
      text: q.text, evidence: [{ start, end: start + q.text.length, text: q.text }],
      speaker: q.speaker ? entityId({ name: q.speaker, kind: "person" }) : null, speakerText: q.speaker ?? null,
      cue: q.cue ?? "said", confidence: 0.9,
    });
    sentences.push(sentence);
    offset += sentence.length + 1;
  }

  const text = spec.text ?? sentences.join(" ");
  return {
    schema: SCHEMA,
    article: {
      id: spec.id ?? createHash("sha256").update(`${spec.title ?? ""}\n${text}`).digest("hex"),
      title: spec.title ?? null,
      published: spec.published ?? null,
      ...(spec.url ? { url: spec.url } : {}),
      ...(spec.outlet ? { outlet: spec.outlet } : {}),
      credits: { authors: [], agencies: spec.agencies ?? [] },
      subheads: [],
      related: [],
      language: "en",
      text,
    },
    entities,
    places,
    times,
    quotes,
    events,
    amounts: [],
    warnings: [],
  };
}
