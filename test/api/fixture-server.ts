/** Serves the dashboard on the development fixture store (see fixture-store.ts): `npx tsx test/api/fixture-server.ts [port]`. */
import { buildApp } from "../../src/api/app.js";
import { listen } from "../../src/api/server.js";
import { packageRoot } from "../../src/paths.js";
import type { Report } from "../../src/report.js";
import { createFixtureStore, fixtureReports } from "./fixture-store.js";

const reports = fixtureReports(packageRoot());
const store = createFixtureStore(reports);
// The paste box needs an extractor; until the real pipeline runs, echo a fixture report with the pasted text.
const pipeline = {
  extract: (input: { text?: string; html?: string; title?: string }): Report => ({
    ...reports[0],
    article: { ...reports[0].article, id: "pasted", title: input.title ?? null, text: input.text ?? input.html ?? "" },
    entities: [], places: [], times: [], quotes: [], events: [],
  }),
};
const app = await buildApp({ store, pipeline, token: "dev" });
console.log(await listen(app, { port: Number(process.argv[2] ?? 8787) }));
