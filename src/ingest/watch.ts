/**
 * `sitrep watch`: polls feeds and ingests what is new. Conditional requests (ETag / Last-Modified) keep an
 * unchanged feed to one 304; a failing feed is retried later and later (exponential backoff, capped).
 * Items already stored are skipped by the store itself (same text, same id), so overlap between polls is harmless.
 */
import { SitrepError } from "../errors.js";
import type { SitrepStore } from "../store/types.js";
import { createExtractor, defaultWorkerCount } from "./extractor.js";
import { ingestItems, type IngestProgress, type IngestSummary } from "./index.js";
import { itemsFromFeed, type IngestItem } from "./sources.js";

export interface FeedState {
  url: string;
  etag?: string;
  lastModified?: string;
  /** consecutive failed polls */
  failures: number;
  /** when to poll next, ms since the epoch */
  nextAt: number;
}

export type PollResult =
  | { status: "changed"; items: IngestItem[] }
  | { status: "not-modified" }
  | { status: "failed"; message: string };

/** Seconds to wait before the next poll: the interval, doubled per consecutive failure, at most `maxSeconds`. */
export function nextDelaySeconds(intervalSeconds: number, failures: number, maxSeconds: number): number {
  return Math.min(maxSeconds, intervalSeconds * 2 ** Math.min(failures, 20));
}

/** One conditional GET of a feed; updates the state's validators when the feed changed. */
export async function pollFeed(state: FeedState, fetchImpl: typeof fetch = fetch): Promise<PollResult> {
  const headers: Record<string, string> = { "user-agent": "sitrep-watch", accept: "application/rss+xml, application/atom+xml, application/xml;q=0.9, */*;q=0.5" };
  if (state.etag) headers["if-none-match"] = state.etag;
  if (state.lastModified) headers["if-modified-since"] = state.lastModified;
  let res: Response;
  try {
    res = await fetchImpl(state.url, { headers, signal: AbortSignal.timeout(30_000) });
  } catch (err) {
    return { status: "failed", message: `${state.url}: cannot fetch (${(err as Error).message})` };
  }
  if (res.status === 304) return { status: "not-modified" };
  if (!res.ok) return { status: "failed", message: `${state.url}: HTTP ${res.status} ${res.statusText}` };
  const body = await res.text();
  const items = await itemsFromFeed(body, state.url);
  if (items.length === 1 && items[0].kind === "error" && items[0].source === state.url) return { status: "failed", message: `${state.url}: ${items[0].message}` };
  state.etag = res.headers.get("etag") ?? undefined;
  state.lastModified = res.headers.get("last-modified") ?? undefined;
  return { status: "changed", items };
}

export interface WatchOptions {
  store: SitrepStore;
  intervalSeconds?: number;
  maxBackoffSeconds?: number;
  workers?: number;
  /** poll every feed once and return */
  once?: boolean;
  signal?: AbortSignal;
  fetchImpl?: typeof fetch;
  onPoll?(url: string, result: PollResult, summary: IngestSummary | null): void;
  onProgress?(p: IngestProgress): void;
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const t = setTimeout(resolve, ms);
    signal?.addEventListener("abort", () => { clearTimeout(t); resolve(); }, { once: true });
  });
}

/** Polls until aborted (or once); returns the feeds' states. */
export async function watchFeeds(urls: string[], options: WatchOptions): Promise<FeedState[]> {
  if (urls.length === 0) throw new SitrepError("SITREP_BAD_OPTION", "sitrep watch needs at least one feed URL");
  for (const u of urls) {
    if (!/^https?:\/\//i.test(u)) throw new SitrepError("SITREP_BAD_OPTION", `"${u}" is not an http(s) feed URL`);
  }
  const interval = options.intervalSeconds ?? 300;
  const maxBackoff = options.maxBackoffSeconds ?? 3600;
  const states: FeedState[] = urls.map((url) => ({ url, failures: 0, nextAt: 0 }));
  const extractor = createExtractor(options.workers ?? defaultWorkerCount());
  try {
    while (!options.signal?.aborted) {
      const due = states.filter((s) => s.nextAt <= Date.now());
      for (const state of due) {
        if (options.signal?.aborted) break;
        const result = await pollFeed(state, options.fetchImpl);
        let summary: IngestSummary | null = null;
        if (result.status === "failed") state.failures++;
        else state.failures = 0;
        if (result.status === "changed") summary = await ingestItems(result.items, { store: options.store, extractor, onProgress: options.onProgress });
        state.nextAt = Date.now() + nextDelaySeconds(interval, state.failures, maxBackoff) * 1000;
        options.onPoll?.(state.url, result, summary);
      }
      if (options.once) break;
      const wait = Math.max(0, Math.min(...states.map((s) => s.nextAt)) - Date.now());
      await sleep(wait, options.signal);
    }
  } finally {
    await extractor.close();
  }
  return states;
}
