/**
 * Why these sources are one incident: each source event matched against every other member with the incident
 * matcher, showing the parts (type, place, date, actors, targets, casualties) and the score, beside what the
 * source itself says.
 */
import { SitrepError } from "../../errors.js";
import { explainMatch, MATCH_THRESHOLD, type EventProfile, type Match, type MatchExplanation } from "../../incidents/index.js";
import { storeDb } from "../../store/analytics.js";
import { profileFromRow } from "../../store/rows.js";
import { WhySchema } from "../schemas/analyst.js";
import { errorResponses, IdParamsSchema } from "../schemas/common.js";
import type { ApiInstance } from "../type-provider.js";

/** The one call into the matcher: how well `event` matches `member`, part by part, or the veto that rules it out. */
export function explainPair(event: EventProfile, member: EventProfile): MatchExplanation {
  return explainMatch(event, member);
}

export async function whyRoutes(app: ApiInstance): Promise<void> {
  app.get(
    "/incidents/:id/why",
    {
      schema: {
        summary: "Why the sources were merged: per source, its best match with another source, the parts and the score",
        tags: ["incidents"],
        params: IdParamsSchema,
        response: { 200: WhySchema, ...errorResponses(400, 404) },
      },
    },
    async (request) => {
      const { db } = storeDb(app.sitrep.store);
      const id = request.params.id;
      const rows = await db
        .selectFrom("events")
        .leftJoin("articles", "articles.id", "events.article_id")
        .selectAll("events")
        .select(["articles.title", "articles.published"])
        .where("events.incident_id", "=", id)
        .orderBy("events.published_day")
        .orderBy("events.id")
        .execute();
      if (rows.length === 0) {
        const exists = await db.selectFrom("incidents").select("id").where("id", "=", id).executeTakeFirst();
        if (!exists) throw new SitrepError("SITREP_NOT_FOUND", `no incident with id "${id}"`, 404);
      }
      const members = rows.map(profileFromRow);
      const sources = rows.map((row, i) => {
        const event = members[i];
        let best: { withEventId: string; withOutlet: string | null; score: number; parts: Match["parts"]; reasons: Match["reasons"] } | null = null;
        const contradicts: { eventId: string; veto: string }[] = [];
        members.forEach((other, j) => {
          if (j === i) return;
          const { match: m, veto } = explainPair(event, other);
          if (!m) contradicts.push({ eventId: other.key, veto: veto ?? "unknown" });
          else if (!best || m.score > best.score) best = { withEventId: other.key, withOutlet: other.outlet, score: m.score, parts: m.parts, reasons: m.reasons };
        });
        return {
          eventId: row.id,
          articleId: row.article_id,
          outlet: row.outlet,
          title: row.title,
          published: row.published,
          founder: row.match_score === null,
          storedScore: row.match_score === null ? null : Number(row.match_score),
          what: {
            type: event.acled ? `${event.type} · ${event.acled.subEventType}` : event.type,
            date: event.start,
            dateEnd: event.end,
            place: event.place?.name ?? null,
            actors: event.actors.map((a) => a.name),
            targets: event.targets.map((a) => a.name),
            killed: event.killed,
          },
          best,
          contradicts,
        };
      });
      return { incidentId: id, threshold: MATCH_THRESHOLD, sources };
    },
  );
}
