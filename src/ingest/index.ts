/**
 * Ingest: articles in, reports and incidents stored. Worker threads extract (every core); this thread writes
 * them in batches (a few transactions per batch, see store/save.ts), so a rerun after a crash stores what is
 * missing and nothing twice. Incidents do not depend on the order or the batching (store/clustering.ts).
 * One bad item is recorded (its file, the item, the reason: in the summary and in the store) and the run goes on.
 */
import { performance } from "node:perf_hooks";
import { SitrepError } from "../errors.js";
import type { Report } from "../report.js";
import type { ArticleSource, SaveResult, SitrepStore } from "../store/types.js";
import { createExtractor, defaultWorkerCount, type Extractor } from "./extractor.js";
import { describeFailure, expandPaths, type IngestItem } from "./sources.js";

export { expandPaths, itemsFromContent, itemsFromFeed, itemsFromFile, itemsFromUrl, type IngestItem } from "./sources.js";
export { createExtractor, defaultWorkerCount, type Extractor } from "./extractor.js";

export type IngestStatus = "stored" | "duplicate" | "failed";

export interface IngestProgress {
  /** items finished so far, and how many there are */
  done: number;
  total: number;
  source: string;
  status: IngestStatus;
  articleId?: string;
  events?: number;
  /** why it failed */
  message?: string;
}

export interface IngestOptions {
  store: SitrepStore;
  /** extraction threads; default every core; 0 extracts in this thread */
  workers?: number;
  /** print progress: the CLI passes true and reads onProgress; the library itself prints nothing */
  progress?: boolean;
  onProgress?(progress: IngestProgress): void;
  /** an extractor to reuse across calls (watch keeps one); closed by its owner, not here */
  extractor?: Extractor;
  /** articles stored per batch (default 200) */
  batchSize?: number;
}

/** Most articles per write; a batch is also written once its oldest article has waited this long. */
export const DEFAULT_BATCH_SIZE = 200;
const BATCH_WAIT_MS = 2000;

/** "feed.ndjson:12" -> file "feed.ndjson", item "line 12"; "a.json[3]" -> item "[3]". */
export function splitSource(source: string): { source: string; item: string | null } {
  const m = /^(.*?)(?::(\d+)|\[(\d+)\])$/.exec(source);
  if (!m || m[1] === "" || /^[a-z]+$/i.test(m[1])) return { source, item: null };
  return { source: m[1], item: m[2] ? `line ${m[2]}` : `[${m[3]}]` };
}

/** Errors that say the database itself is gone: no point trying the next item. */
function storeUnreachable(err: unknown): boolean {
  const code = (err as { code?: unknown }).code;
  return typeof code === "string" && (/^(ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENOTFOUND|EPIPE|SQLITE_(CANTOPEN|FULL|IOERR|READONLY).*)$/.test(code) || code.startsWith("08") || code === "57P01");
}

export interface IngestSummary {
  total: number;
  stored: number;
  duplicates: number;
  failed: number;
  /** events in the newly stored articles */
  events: number;
  /** distinct incidents the new articles' events belong to at the end of the run */
  incidents: number;
  errors: { source: string; message: string }[];
  seconds: number;
}

type Prepared =
  | { item: IngestItem; report: Report; source: ArticleSource }
  | { item: IngestItem; duplicate: string }
  | { item: IngestItem; error: string };

function sourceOf(item: IngestItem): ArticleSource {
  const input = item.kind === "input" ? item.input : undefined;
  return { url: input?.url, outlet: input?.outlet, origin: item.source };
}

async function prepare(item: IngestItem, store: SitrepStore, extractor: () => Extractor): Promise<Prepared> {
  try {
    if (item.kind === "error") return { item, error: `${item.source}: ${item.message}` };
    if (item.kind === "report") return { item, report: item.report, source: sourceOf(item) };
    // An input that carries its id can be skipped before the (costly) extraction.
    if (item.kind === "input" && item.input.id && (await store.hasArticle(item.input.id))) return { item, duplicate: item.input.id };
    const report = await extractor().extract(item.kind === "file" ? { kind: "file", path: item.path } : { kind: "input", input: item.input });
    return { item, report, source: sourceOf(item) };
  } catch (err) {
    return { item, error: describeFailure(item.source, err) };
  }
}

/** Extracts and stores every item; one bad item is reported, recorded and skipped; an unreachable store stops the run. */
export async function ingestItems(items: IngestItem[], options: IngestOptions): Promise<IngestSummary> {
  const t0 = performance.now();
  const { store } = options;
  let owned: Extractor | undefined;
  const extractor = (): Extractor => options.extractor ?? (owned ??= createExtractor(options.workers ?? defaultWorkerCount()));
  const summary: IngestSummary = { total: items.length, stored: 0, duplicates: 0, failed: 0, events: 0, incidents: 0, errors: [], seconds: 0 };
  const storedIds: string[] = [];
  let done = 0;
  const report = (p: Omit<IngestProgress, "done" | "total">) => options.onProgress?.({ ...p, done: ++done, total: items.length });

  const fail = (source: string, message: string) => {
    summary.failed++;
    summary.errors.push({ source, message });
    failures.push({ ...splitSource(source), reason: message });
    report({ source, status: "failed", message });
  };
  const failures: { source: string; item: string | null; reason: string }[] = [];
  const stored = (prepared: { item: IngestItem; report: Report }, saved: SaveResult) => {
    const source = prepared.item.source;
    if (saved.duplicate) {
      summary.duplicates++;
      report({ source, status: "duplicate", articleId: saved.articleId });
      return;
    }
    summary.stored++;
    summary.events += prepared.report.events.length;
    storedIds.push(saved.articleId);
    report({ source, status: "stored", articleId: saved.articleId, events: prepared.report.events.length });
  };

  let batch: { item: IngestItem; report: Report; source: ArticleSource }[] = [];
  let batchStarted = 0;
  const flush = async (): Promise<void> => {
    if (batch.length === 0) return;
    const items = batch;
    batch = [];
    try {
      const saved = await store.saveReports(items.map(({ report, source }) => ({ report, source })));
      items.forEach((p, i) => stored(p, saved[i]));
    } catch (err) {
      if (storeUnreachable(err) || items.length === 1) {
        if (storeUnreachable(err)) {
          throw new SitrepError("SITREP_DB", `storing ${items[0].item.source} failed: ${(err as Error).message}; articles stored before it are kept`);
        }
        fail(items[0].item.source, `cannot store it: ${(err as Error).message}`);
        return;
      }
      // One article spoils the batch: store them one by one, so that only that one fails.
      for (const p of items) {
        batch = [p];
        await flush();
      }
    }
  };
  const write = async (prepared: Prepared): Promise<void> => {
    const source = prepared.item.source;
    if ("error" in prepared) return fail(source, prepared.error);
    if ("duplicate" in prepared) {
      summary.duplicates++;
      report({ source, status: "duplicate", articleId: prepared.duplicate });
      return;
    }
    if (batch.length === 0) batchStarted = performance.now();
    batch.push(prepared);
    if (batch.length >= (options.batchSize ?? DEFAULT_BATCH_SIZE) || performance.now() - batchStarted > BATCH_WAIT_MS) await flush();
  };

  try {
    // Extraction runs ahead in the pool; writes follow input order (which no longer decides the incidents).
    const ahead = Math.max(2, 2 * (options.workers ?? defaultWorkerCount()));
    const window: Promise<Prepared>[] = [];
    for (const item of items) {
      window.push(prepare(item, store, extractor));
      if (window.length >= ahead) await write(await window.shift()!);
    }
    while (window.length > 0) await write(await window.shift()!);
    await flush();
  } finally {
    await owned?.close();
    await store.recordIngestErrors(failures).catch(() => undefined);
  }
  // Counted at the end: an incident that gains members in a later batch is re-derived under a new id.
  summary.incidents = storedIds.length === 0 ? 0 : (await store.incidentIdsOf(storedIds)).size;
  summary.seconds = (performance.now() - t0) / 1000;
  return summary;
}

/** Ingests files, folders (walked), "-" (stdin) and feed URLs. */
export async function ingestPaths(paths: string[], options: IngestOptions): Promise<IngestSummary> {
  if (paths.length === 0) throw new SitrepError("SITREP_BAD_OPTION", "nothing to ingest: name files, folders, feed URLs or - for stdin");
  return ingestItems(await expandPaths(paths), options);
}

/** Stores reports that are already extracted (from `sitrep extract`, or built by a program). */
export async function ingestReports(reports: Report[], options: Pick<IngestOptions, "store" | "onProgress" | "batchSize">): Promise<IngestSummary> {
  return ingestItems(reports.map((report, i) => ({ kind: "report", source: report.article.url ?? `report ${i + 1}`, report })), { ...options, workers: 0 });
}
