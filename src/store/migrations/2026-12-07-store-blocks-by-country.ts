/**
 * Blocks became countries (src/incidents/cluster.ts blockOf: types are weighed by the matcher, not kept apart).
 * Events stored when a block was "type|country" get their new block here, computed by the same blockOf from the
 * stored profile. Their incidents stay as they were until their block is next recomputed (a new event in it) or
 * `sitrep recluster` rebuilds all: then reports of one happening filed under two types may merge.
 */
import type { Kysely, Migration } from "kysely";
import { blockOf } from "../../incidents/cluster.js";
import { profileFromRow } from "../rows.js";
import type { Database, EventRow } from "../schema.js";

const PAGE = 5_000;

export function storeBlocksByCountry(): Migration {
  return {
    async up(db: Kysely<Database>) {
      let after = "";
      for (;;) {
        const rows = (await db.selectFrom("events").selectAll().where("block", "is not", null).where("id", ">", after)
          .orderBy("id").limit(PAGE).execute()) as EventRow[];
        if (rows.length === 0) break;
        const idsByBlock = new Map<string, string[]>();
        for (const row of rows) {
          const block = blockOf(profileFromRow(row));
          if (block === row.block) continue;
          idsByBlock.set(block, [...(idsByBlock.get(block) ?? []), row.id]);
        }
        for (const [block, ids] of idsByBlock) await db.updateTable("events").set({ block }).where("id", "in", ids).execute();
        after = rows[rows.length - 1].id;
      }
    },
    async down() {
      // the old blocks are not kept; `sitrep recluster` after a downgrade recomputes what the old code needs
    },
  };
}
