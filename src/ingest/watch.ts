/**
 * `sitrep watch`: polls feeds and ingests what is new. Conditional requests (ETag / Last-Modified) keep an
 * unchanged feed to one 304; a failing feed is retried later and later (exponential backoff, capped). The
 * validators are kept only when every item of the feed was stored (or was there already): a feed with an item
 * that failed is fetched whole again next time, so the item is retried. Items seen stored are not extracted again.
 * All of it (validators, failures, next poll, the keys of stored items) lives in the store: a restarted watcher, or
 * a second one on the same database, sends the same conditional request and skips the items already stored.
 */
import { SitrepError } from "../errors.js";
import type { SitrepStore, StoredFeedState } from "../store/types.js";
import { createExtractor, defaultWorkerCount } from "./extractor.js";
import { ingestItems, type IngestProgress, type IngestSummary } from "./index.js";
import { itemsFromFeed, type IngestItem } from "./sources.js";

/** A feed's state between polls; the store keeps it (see src/store/feeds.ts), so it survives a restart. */
export type FeedState = StoredFeedState;

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

/** Reads a feed's state from the store. A feed that failed keeps its backoff across a restart; one that did not is
 * polled at once (a conditional request costs one 304 when nothing changed). `--once` always polls. */
async function loadState(store: SitrepStore, url: string, once: boolean): Promise<FeedState> {
  const stored = await store.feedState(url);
  if (!stored) return { url, failures: 0, nextAt: 0 };
  return { ...stored, nextAt: once || stored.failures === 0 ? 0 : stored.nextAt };
}

/** Polls until aborted (or once); returns the feeds' states. */
export async function watchFeeds(urls: string[], options: WatchOptions): Promise<FeedState[]> {
  if (urls.length === 0) throw new SitrepError("SITREP_BAD_OPTION", "sitrep watch needs at least one feed URL");
  for (const u of urls) {
    if (!/^https?:\/\//i.test(u)) throw new SitrepError("SITREP_BAD_OPTION", `"${u}" is not an http(s) feed URL`);
  }
  const interval = options.intervalSeconds ?? 300;
  const maxBackoff = options.maxBackoffSeconds ?? 3600;
  const { store } = options;
  const states: FeedState[] = [];
  for (const url of [...new Set(urls)]) states.push(await loadState(store, url, options.once === true));
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
          const keys = result.items.map(itemKey).filter((k): k is string => k !== undefined);
          const seen = await store.storedFeedItems(state.url, keys);
          const fresh = result.items.filter((item) => {
            const key = itemKey(item);
            return key === undefined || !seen.has(key);
          });
          const keyBySource = new Map(fresh.map((item) => [item.source, itemKey(item)]));
          const storedKeys: string[] = [];
          summary = await ingestItems(fresh, {
            store, extractor,
            onProgress: (p) => {
              const key = keyBySource.get(p.source);
              if (key && p.status !== "failed") storedKeys.push(key);
              options.onProgress?.(p);
            },
          });
          await store.recordFeedItems(state.url, storedKeys);
          if (summary.failed > 0) {
            // Without the validators the next poll gets the whole feed again, and the failed items are retried.
            state.etag = undefined;
            state.lastModified = undefined;
          }
        }
        state.nextAt = Date.now() + nextDelaySeconds(interval, state.failures, maxBackoff) * 1000;
        state.lastPolledAt = new Date().toISOString();
        state.lastStatus = result.status;
        await store.saveFeedState(state);
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
