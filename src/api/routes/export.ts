/** Downloads of the incident record in each export profile (see src/export/formats.ts). */
import { Readable } from "node:stream";
import { Type } from "@sinclair/typebox";
import { EXPORT_FORMATS, exportIncidents, FILE_NAMES, MEDIA_TYPES } from "../../export/index.js";
import { toQueryFilter } from "../filters.js";
import { errorResponses, FilterProperties, MAX_OFFSET, StringEnum } from "../schemas/common.js";
import type { ApiInstance } from "../type-provider.js";

const ExportQuerySchema = Type.Object(
  {
    format: StringEnum(EXPORT_FORMATS, "acled (ACLED's 31 columns), ucdp (UCDP GED), plover (POLECAT-shaped NDJSON), geojson, ndjson or csv (sitrep's columns)"),
    include_uncoded: Type.Optional(Type.Boolean({ description: "acled: also export incidents ACLED does not code" })),
    ...FilterProperties,
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_OFFSET, description: "at most this many incidents" })),
  },
  { additionalProperties: false },
);

export async function exportRoutes(app: ApiInstance): Promise<void> {
  app.get(
    "/export",
    {
      schema: {
        summary: "Download the incidents matching the filters, each with the analysts' flags on it (a flags column or array)",
        tags: ["export"],
        querystring: ExportQuerySchema,
        response: {
          200: {
            description: "the export, streamed",
            content: Object.fromEntries(
              EXPORT_FORMATS.map((f) => [MEDIA_TYPES[f].split(";")[0], { schema: { type: "string" } }]),
            ),
          },
          ...errorResponses(400),
        },
      },
    },
    async (request, reply) => {
      const { format, include_uncoded: includeUncoded, ...raw } = request.query;
      const filter = toQueryFilter(raw);
      // Read the first chunk before answering, so a store error becomes a clean error reply, not a cut stream.
      const chunks = exportIncidents(app.sitrep.store, filter, format, { includeUncoded });
      const first = await chunks.next();
      async function* all(): AsyncGenerator<string> {
        if (!first.done) yield first.value;
        yield* chunks;
      }
      return reply
        .type(MEDIA_TYPES[format])
        .header("content-disposition", `attachment; filename="${FILE_NAMES[format]}"`)
        .send(Readable.from(all()));
    },
  );
}
