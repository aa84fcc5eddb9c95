/**
 * `sitrep watch`: polls feeds and ingests what is new. Conditional requests (ETag / Last-Modified) keep an
 * unchanged feed to one 304; a failing feed is retried later and later (exponential backoff, capped). The
 * validators are kept only when every item of the feed was stored (or was there already): a feed with an item
 * that failed is fetched whole again next time, so the item is retried. Items seen stored are not extracted again.
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
  /** keys (guid, else link) of the items stored or found already stored */
  seen: Set<string>;
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
export async function pollFeed(state: FeedState, fetchImpl: typeof fetch = fetch, feedOptions: { followLinks?: boolean } = {}): Promise<PollResult> {
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
  const items = await itemsFromFeed(body, state.url, { ...feedOptions, fetchImpl });
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
  /** read each item's linked page instead of the feed's text */
  followLinks?: boolean;
  onPoll?(url: string, result: PollResult, summary: IngestSummary | null): void;
  onProgress?(p: IngestProgress): void;
}

/** Waits, or stops waiting when aborted; the abort listener goes with the wait, so polls do not pile them up. */
function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const onAbort = () => {
      clearTimeout(t);
      resolve();
    };
    const t = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

/** The key of a feed item: its guid (the item's id), else its link. */
function itemKey(item: IngestItem): string | undefined {
  return item.kind === "input" ? item.input.id ?? item.input.url : undefined;
}

/** Polls until aborted (or once); returns the feeds' states. */
export async function watchFeeds(urls: string[], options: WatchOptions): Promise<FeedState[]> {
  if (urls.length === 0) throw new SitrepError("SITREP_BAD_OPTION", "sitrep watch needs at least one feed URL");
  for (const u of urls) {
    if (!/^https?:\/\//i.test(u)) throw new SitrepError("SITREP_BAD_OPTION", `"${u}" is not an http(s) feed URL`);
  }
  const interval = options.intervalSeconds ?? 300;
  const maxBackoff = options.maxBackoffSeconds ?? 3600;
  const states: FeedState[] = urls.map((url) => ({ url, failures: 0, nextAt: 0, seen: new Set<string>() }));
  const extractor = createExtractor(options.workers ?? defaultWorkerCount());
  try {
    while (!options.signal?.aborted) {
      const due = states.filter((s) => s.nextAt <= Date.now());
      for (const state of due) {
        if (options.signal?.aborted) break;
        const result = await pollFeed(state, options.fetchImpl, { followLinks: options.followLinks });
        let summary: IngestSummary | null = null;
        if (result.status === "failed") state.failures++;
        else state.failures = 0;
        if (result.status === "changed") {
          const fresh = result.items.filter((item) => {
            const key = itemKey(item);
            return key === undefined || !state.seen.has(key);
          });
          const keyBySource = new Map(fresh.map((item) => [item.source, itemKey(item)]));
          summary = await ingestItems(fresh, {
            store: options.store, extractor,
            onProgress: (p) => {
              const key = keyBySource.get(p.source);
              if (key && p.status !== "failed") state.seen.add(key);
              options.onProgress?.(p);
            },
          });
          if (summary.failed > 0) {
            // Without the validators the next poll gets the whole feed again, and the failed items are retried.
            state.etag = undefined;
            state.lastModified = undefined;
          }
        }
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
