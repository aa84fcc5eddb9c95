/**
 * Analysts' flags: raise one on an incident (a wrong merge, a wrong fact) with the write token; read an
 * incident's flags; export them all beside the incident export. The incident itself is never changed.
 */
import { csvCell } from "../../export/index.js";
import { storeDb } from "../../store/analytics.js";
import { addFlag, listFlags, type Flag } from "../../store/flags.js";
import { requireToken } from "../plugins/auth.js";
import { FlagExportQuerySchema, FlagSchema, NewFlagSchema } from "../schemas/analyst.js";
import { errorResponses, IdParamsSchema } from "../schemas/common.js";
import type { ApiInstance } from "../type-provider.js";
import { Type } from "@sinclair/typebox";

const FLAG_CSV_COLUMNS = ["id", "incident_id", "event_id", "kind", "field", "note", "suggested", "machine_value", "author", "created_at"] as const;

function flagCsvLine(f: Flag): string {
  const values = [f.id, f.incidentId, f.eventId ?? "", f.kind, f.field ?? "", f.note, f.suggested ?? "", JSON.stringify(f.machineValue), f.author, f.createdAt];
  // every cell is text: escaped (and guarded against spreadsheet formulas) as the incident export's notes are
  return values.map((v) => csvCell("notes", v)).join(",") + "\r\n";
}

export async function flagRoutes(app: ApiInstance): Promise<void> {
  const db = () => storeDb(app.sitrep.store).db;

  app.post(
    "/incidents/:id/flags",
    {
      onRequest: requireToken(app.sitrep.token),
      schema: {
        summary: "Flag a wrong merge or a wrong fact of an incident (stored with who and when; the incident is not changed)",
        tags: ["flags"],
        security: [{ bearerAuth: [] }],
        params: IdParamsSchema,
        body: NewFlagSchema,
        response: { 201: FlagSchema, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      const flag = await addFlag(db(), { ...request.body, incidentId: request.params.id });
      return reply.status(201).send(flag);
    },
  );

  app.get(
    "/incidents/:id/flags",
    {
      schema: {
        summary: "The flags raised on one incident, oldest first",
        tags: ["flags"],
        params: IdParamsSchema,
        response: { 200: Type.Array(FlagSchema), ...errorResponses(400) },
      },
    },
    async (request) => listFlags(db(), request.params.id),
  );

  app.get(
    "/flags",
    {
      schema: {
        summary: "Every flag, oldest first",
        tags: ["flags"],
        querystring: Type.Object({}, { additionalProperties: false }),
        response: { 200: Type.Array(FlagSchema), ...errorResponses(400) },
      },
    },
    async () => listFlags(db()),
  );

  app.get(
    "/flags/export",
    {
      schema: {
        summary: "Every flag as a download (NDJSON or CSV), to go with the incident export",
        tags: ["flags", "export"],
        querystring: FlagExportQuerySchema,
        response: {
          200: {
            description: "the flags, oldest first",
            content: { "application/x-ndjson": { schema: { type: "string" } }, "text/csv": { schema: { type: "string" } } },
          },
          ...errorResponses(400),
        },
      },
    },
    async (request, reply) => {
      const flags = await listFlags(db());
      const format = request.query.format ?? "ndjson";
      const body = format === "csv"
        ? FLAG_CSV_COLUMNS.join(",") + "\r\n" + flags.map(flagCsvLine).join("")
        : flags.map((f) => JSON.stringify(f) + "\n").join("");
      return reply
        .type(format === "csv" ? "text/csv; charset=utf-8" : "application/x-ndjson; charset=utf-8")
        .header("content-disposition", `attachment; filename="sitrep-flags.${format}"`)
        .send(body);
    },
  );
}
