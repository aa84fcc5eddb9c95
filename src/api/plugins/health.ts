/**
 * `GET /healthz` (the store answers) and `GET /metrics` (Prometheus text format 0.0.4): requests by route and
 * status, their durations as a histogram, and the process's memory and event-loop delay.
 */
import type { FastifyInstance, FastifySchema } from "fastify";
import { monitorEventLoopDelay } from "node:perf_hooks";

const BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

interface Series {
  count: number;
  sum: number;
  buckets: number[];
}

const label = (v: string) => v.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n");

export function registerHealth(app: FastifyInstance): void {
  const requests = new Map<string, number>();
  const durations = new Map<string, Series>();
  const loop = monitorEventLoopDelay({ resolution: 20 });
  loop.enable();
  app.addHook("onClose", async () => loop.disable());

  app.addHook("onResponse", async (request, reply) => {
    const route = request.routeOptions.url ?? "unmatched";
    const key = `method="${label(request.method)}",route="${label(route)}",status="${reply.statusCode}"`;
    requests.set(key, (requests.get(key) ?? 0) + 1);
    const seconds = reply.elapsedTime / 1000;
    const dkey = `method="${label(request.method)}",route="${label(route)}"`;
    const s = durations.get(dkey) ?? { count: 0, sum: 0, buckets: BUCKETS.map(() => 0) };
    s.count++;
    s.sum += seconds;
    BUCKETS.forEach((b, i) => {
      if (seconds <= b) s.buckets[i]++;
    });
    durations.set(dkey, s);
  });

  app.get("/healthz", { schema: { hide: true } as FastifySchema }, async (_request, reply) => {
    try {
      await app.sitrep.store.listArticles({ limit: 1 });
      return { status: "ok", store: app.sitrep.store.dialect };
    } catch {
      return reply.status(503).send({ status: "unavailable", store: app.sitrep.store.dialect });
    }
  });

  app.get("/metrics", { schema: { hide: true } as FastifySchema }, async (_request, reply) => {
    const lines: string[] = [];
    lines.push("# HELP sitrep_http_requests_total HTTP requests answered, by route and status.", "# TYPE sitrep_http_requests_total counter");
    for (const [key, n] of requests) lines.push(`sitrep_http_requests_total{${key}} ${n}`);
    lines.push("# HELP sitrep_http_request_duration_seconds Time to answer, by route.", "# TYPE sitrep_http_request_duration_seconds histogram");
    for (const [key, s] of durations) {
      BUCKETS.forEach((b, i) => lines.push(`sitrep_http_request_duration_seconds_bucket{${key},le="${b}"} ${s.buckets[i]}`));
      lines.push(`sitrep_http_request_duration_seconds_bucket{${key},le="+Inf"} ${s.count}`);
      lines.push(`sitrep_http_request_duration_seconds_sum{${key}} ${s.sum}`, `sitrep_http_request_duration_seconds_count{${key}} ${s.count}`);
    }
    const mem = process.memoryUsage();
    lines.push("# HELP process_resident_memory_bytes Resident memory.", "# TYPE process_resident_memory_bytes gauge", `process_resident_memory_bytes ${mem.rss}`);
    lines.push("# HELP nodejs_heap_used_bytes V8 heap in use.", "# TYPE nodejs_heap_used_bytes gauge", `nodejs_heap_used_bytes ${mem.heapUsed}`);
    lines.push("# HELP process_uptime_seconds Seconds since the process started.", "# TYPE process_uptime_seconds gauge", `process_uptime_seconds ${process.uptime()}`);
    lines.push(
      "# HELP nodejs_eventloop_delay_p99_seconds 99th percentile event-loop delay since start.", "# TYPE nodejs_eventloop_delay_p99_seconds gauge",
      `nodejs_eventloop_delay_p99_seconds ${loop.percentile(99) / 1e9}`,
    );
    return reply.type("text/plain; version=0.0.4; charset=utf-8").send(lines.join("\n") + "\n");
  });
}
