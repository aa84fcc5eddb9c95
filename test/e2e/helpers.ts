/**
 * The browser tests' world: a real server (buildApp + listen on 127.0.0.1:0) over a temporary SQLite store
 * filled by the real pipeline from examples/, and Debian's chromium driven by playwright-core.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { FastifyInstance } from "fastify";
import { chromium, type Browser, type Page } from "playwright-core";
import { buildApp } from "../../src/api/app.js";
import { listen } from "../../src/api/server.js";
import { readArticleFile } from "../../src/ingest/read.js";
import { fromRoot } from "../../src/paths.js";
import { createPipeline, type Pipeline } from "../../src/pipeline.js";
import { createStore } from "../../src/store/index.js";
import type { SitrepStore } from "../../src/store/types.js";

export const CHROMIUM = "/usr/bin/chromium";
export const CHROMIUM_ARGS = [
  "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync",
  "--no-first-run",
];
export const SCREENSHOTS = fromRoot("artifacts", "screenshots");

/** Why the browser tests cannot run here, or null. Under CI a missing browser is a failure, not a skip. */
export function browserSkipReason(): string | null {
  if (existsSync(CHROMIUM) || process.env.CI) return null;
  return `no browser at ${CHROMIUM}: run scripts/install-chromium.sh to run the dashboard tests`;
}

/** Every example article: examples/articles/* and examples/stories/<story>/*. */
export function exampleFiles(): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    if (!existsSync(dir)) return;
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (/\.(txt|md|html?)$/.test(name)) out.push(path);
    }
  };
  walk(fromRoot("examples"));
  return out;
}

/** Builds web/dist when it is missing, so the tests run on a fresh clone after `tsc` alone. */
export async function ensureWebBuilt(): Promise<void> {
  if (existsSync(fromRoot("web", "dist", "index.html"))) return;
  const vite = await import("vite");
  await vite.build({ configFile: fromRoot("web", "vite.config.ts"), logLevel: "warn" });
}

/** Outlet and publication date of the multi-outlet stories, from examples/stories/manifest.json. */
function storyArticles(): Map<string, { outlet?: string; published?: string }> {
  const path = fromRoot("examples", "stories", "manifest.json");
  const out = new Map<string, { outlet?: string; published?: string }>();
  if (!existsSync(path)) return out;
  const manifest = JSON.parse(readFileSync(path, "utf8")) as {
    stories: { articles: { file: string; outlet?: string; published?: string }[] }[];
  };
  for (const story of manifest.stories) {
    for (const a of story.articles) {
      out.set(fromRoot("examples", "stories", a.file), { outlet: a.outlet, published: a.published });
    }
  }
  return out;
}

export interface DemoServer {
  url: string;
  app: FastifyInstance;
  store: SitrepStore;
  pipeline: Pipeline;
  articleCount: number;
  close(): Promise<void>;
}

export async function startDemoServer(options: { token?: string } = {}): Promise<DemoServer> {
  await ensureWebBuilt();
  const dir = mkdtempSync(join(tmpdir(), "sitrep-e2e-"));
  const store = await createStore(join(dir, "demo.db"));
  const pipeline = createPipeline();
  const files = exampleFiles();
  const known = storyArticles();
  for (const file of files) {
    const input = { ...readArticleFile(file), ...known.get(file) };
    await store.saveReport(pipeline.extract(input), { origin: file, url: input.url, outlet: input.outlet });
  }
  const app = await buildApp({ store, pipeline, webRoot: fromRoot("web", "dist"), token: options.token });
  const url = await listen(app, { port: 0, host: "127.0.0.1" });
  return {
    url,
    app,
    store,
    pipeline,
    articleCount: files.length,
    close: async () => {
      await app.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function launchBrowser(): Promise<Browser> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
}

/** Waits until the element's text matches, polling from the test (no code evaluated in the page). */
export async function waitForText(locator: { textContent(): Promise<string | null> }, pattern: RegExp, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last: string | null = null;
  while (Date.now() < deadline) {
    last = await locator.textContent();
    if (last !== null && pattern.test(last)) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for text ${pattern}; last seen: ${JSON.stringify(last)}`);
}

/** Collects the page's console errors and uncaught exceptions into `errors`; dialogs are dismissed and noted. */
export function watchPage(page: Page, errors: string[], dialogs: string[] = []): void {
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(m.text());
  });
  page.on("pageerror", (e) => errors.push(`pageerror: ${e.message}`));
  page.on("dialog", (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
}
