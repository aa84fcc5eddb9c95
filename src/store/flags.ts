/**
 * Analysts' flags on incidents: "these sources are not one happening" (wrong-merge) or "this fact is wrong"
 * (wrong-fact). Each flag keeps who raised it, when, and a copy of the machine's value at that moment, and no flag
 * ever changes the incident itself: the machine's version is never lost.
 */
import { randomUUID } from "node:crypto";
import type { Kysely, Selectable } from "kysely";
import { SitrepError } from "../errors.js";
import { incidentSummaryFrom } from "./rows.js";
import type { Database } from "./schema.js";
import type { IncidentSummary } from "./types.js";

export const FLAG_KINDS = ["wrong-merge", "wrong-fact"] as const;
export type FlagKind = (typeof FLAG_KINDS)[number];

/** The facts of an incident a wrong-fact flag can name. */
export const FLAG_FIELDS = ["type", "date", "place", "killed", "injured", "actors", "targets", "attribution", "victims"] as const;
export type FlagField = (typeof FLAG_FIELDS)[number];

export interface NewFlag {
  incidentId: string;
  kind: FlagKind;
  /** wrong-merge: the source event that does not belong (optional: the whole merge may be wrong) */
  eventId?: string;
  /** wrong-fact: which fact */
  field?: FlagField;
  note: string;
  suggested?: string;
  author: string;
}

export interface Flag {
  id: string;
  incidentId: string;
  eventId: string | null;
  kind: FlagKind;
  field: FlagField | null;
  note: string;
  suggested: string | null;
  /** the machine's value when the flag was raised (the fact, or the merge: its sources and scores) */
  machineValue: unknown;
  author: string;
  createdAt: string;
}

function machineFact(incident: IncidentSummary, field: FlagField): unknown {
  if (field === "type") return { type: incident.type, mode: incident.mode, acled: incident.acled };
  if (field === "date") return { date: incident.date, granularity: incident.granularity };
  return incident[field];
}

/** Stores a flag; the incident (and the event, for a wrong merge) must exist. */
let lastIdMs = -1;
let sameMsCount = 0;

/**
 * A UUID-shaped id that sorts in the order flags were raised: the millisecond, then a counter within it, then
 * randomness. Flags are listed by time and then id, so two raised in one millisecond keep the order they came in.
 */
function timeOrderedId(now: Date): string {
  const ms = now.getTime();
  sameMsCount = ms === lastIdMs ? sameMsCount + 1 : 0;
  lastIdMs = ms;
  const hex = ms.toString(16).padStart(12, "0") + sameMsCount.toString(16).padStart(4, "0") + randomUUID().replace(/-/g, "").slice(0, 16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

export async function addFlag(db: Kysely<Database>, flag: NewFlag, now = new Date()): Promise<Flag> {
  const row = await db.selectFrom("incidents").selectAll().where("id", "=", flag.incidentId).executeTakeFirst();
  if (!row) throw new SitrepError("SITREP_NOT_FOUND", `no incident with id "${flag.incidentId}"`, 404);
  const incident = incidentSummaryFrom(row);
  let machineValue: unknown;
  if (flag.kind === "wrong-fact") {
    if (!flag.field) throw new SitrepError("SITREP_BAD_OPTION", `a wrong-fact flag needs "field", one of ${FLAG_FIELDS.join(", ")}`, 400);
    machineValue = machineFact(incident, flag.field);
  } else {
    const members = await db
      .selectFrom("events")
      .select(["id", "article_id", "outlet", "match_score"])
      .where("incident_id", "=", flag.incidentId)
      .orderBy("id")
      .execute();
    if (flag.eventId && !members.some((m) => m.id === flag.eventId)) {
      throw new SitrepError("SITREP_BAD_OPTION", `event "${flag.eventId}" is not a source of incident "${flag.incidentId}"`, 400);
    }
    machineValue = {
      sources: members.map((m) => ({ eventId: m.id, articleId: m.article_id, outlet: m.outlet, matchScore: m.match_score === null ? null : Number(m.match_score) })),
    };
  }
  const stored: Flag = {
    id: timeOrderedId(now),
    incidentId: flag.incidentId,
    eventId: flag.kind === "wrong-merge" ? flag.eventId ?? null : null,
    kind: flag.kind,
    field: flag.kind === "wrong-fact" ? flag.field ?? null : null,
    note: flag.note,
    suggested: flag.suggested ?? null,
    machineValue,
    author: flag.author,
    createdAt: now.toISOString(),
  };
  await db
    .insertInto("flags")
    .values({
      id: stored.id,
      incident_id: stored.incidentId,
      event_id: stored.eventId,
      kind: stored.kind,
      field: stored.field,
      note: stored.note,
      suggested: stored.suggested,
      machine_value: JSON.stringify(machineValue),
      author: stored.author,
      created_at: stored.createdAt,
    })
    .execute();
  return stored;
}

/** Flags, oldest first; of one incident when `incidentId` is given. */
export async function listFlags(db: Kysely<Database>, incidentId?: string): Promise<Flag[]> {
  let q = db.selectFrom("flags").selectAll();
  if (incidentId !== undefined) q = q.where("incident_id", "=", incidentId);
  const rows = await q.orderBy("created_at").orderBy("id").execute();
  return rows.map(flagFromRow);
}

type FlagRow = Selectable<Database["flags"]>;

function flagFromRow(r: FlagRow): Flag {
  return {
    id: r.id,
    incidentId: r.incident_id,
    eventId: r.event_id,
    kind: r.kind as FlagKind,
    field: r.field as FlagField | null,
    note: r.note,
    suggested: r.suggested,
    machineValue: JSON.parse(r.machine_value) as unknown,
    author: r.author,
    createdAt: r.created_at,
  };
}
