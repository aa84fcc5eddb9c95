import { createStore } from "../src/store/index.js";
import { buildApp } from "../src/api/app.js";
const store = await createStore(process.argv[2]);
const app = await buildApp({ store, webRoot: false });
const some = (await store.listIncidents({ limit: 1, country: "SY" })).items[0].id;
const urls = [
  "/api/incidents?limit=50", "/api/incidents?limit=50&offset=950", "/api/incidents?country=SY&limit=50",
  "/api/incidents?from=2023-03-01&to=2023-03-31&limit=50", "/api/incidents?bbox=-100,-30,-80,-20&limit=50",
  "/api/incidents?actor=shabaab&limit=50", "/api/incidents?type=Air%2Fdrone%20strike&limit=50", "/api/incidents?q=hospital%20convoy&limit=50",
  "/api/events?country=UA&from=2023-01-01&to=2023-01-31", `/api/incidents/${some}`, "/api/timeline", "/api/timeline?country=IQ", "/api/facets"];
for (const url of urls) {
  const ms = [];
  for (let i = 0; i < 12; i++) { const t = performance.now(); const r = await app.inject({ url }); if (r.statusCode !== 200) throw new Error(url + r.body); ms.push(performance.now() - t); }
  ms.sort((a, b) => a - b);
  console.log(ms[6].toFixed(1).padStart(8), ms[11].toFixed(1).padStart(8), url);
}
await app.close(); await store.close();
