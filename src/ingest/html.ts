import { Readability } from "@mozilla/readability";
import { parseHTML } from "linkedom";
import { SitrepError } from "../errors.js";

/** What an HTML page yields: the article body as paragraphs, and what the page says about itself. */
export interface HtmlArticle {
  title: string | null;
  paragraphs: string[];
  published: string | null;
  byline: string | null;
  url: string | null;
  siteName: string | null;
}

const BLOCKS = "p, h2, h3, h4, li, blockquote, pre";

/**
 * Strips boilerplate with Mozilla's Readability on a linkedom DOM (12x faster than jsdom here).
 * Returns null when the page holds no article (a nav page, an error page, a feed index).
 */
export function readHtml(html: string, where = "input"): HtmlArticle | null {
  const depth = nestingDepth(html);
  if (depth > MAX_HTML_DEPTH) {
    throw new SitrepError("SITREP_INPUT_NO_ARTICLE", `${where}: the HTML nests elements ${depth} deep (more than ${MAX_HTML_DEPTH}): not a page an article is published in`);
  }
  // Readability's work grows with depth times size; past a news page's depth the page is read as a fragment.
  if (depth > READABILITY_DEPTH) return fragmentArticle(html);
  try {
    return readPage(html);
  } catch (err) {
    // Readability fails on some malformed trees (a null element where it expects one): read the text instead.
    if (err instanceof TypeError || err instanceof RangeError) return fragmentArticle(html);
    throw err;
  }
}

/** Real news pages nest a few dozen elements deep; these bounds sit far above them. */
export const READABILITY_DEPTH = 200;
export const MAX_HTML_DEPTH = 2000;

/** Elements that hold nothing, or that close themselves when a sibling opens: they never deepen the tree. */
const NO_DEPTH = new Set([
  "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr", "p", "li",
  "dt", "dd", "tr", "td", "th", "option", "thead", "tbody", "tfoot", "!doctype",
]);

/** The deepest nesting of elements, by one pass over the tags (comments and scripts count as text). */
export function nestingDepth(html: string): number {
  const tag = /<(\/?)([A-Za-z!][^\s/>]*)[^>]*>/g;
  let depth = 0;
  let max = 0;
  for (let m = tag.exec(html); m; m = tag.exec(html)) {
    const name = m[2].toLowerCase();
    if (NO_DEPTH.has(name) || name.startsWith("!") || m[0].endsWith("/>")) continue;
    if (m[1]) depth = Math.max(0, depth - 1);
    else if (++depth > max) max = depth;
  }
  return max;
}

function fragmentArticle(html: string): HtmlArticle | null {
  const paragraphs = htmlFragmentParagraphs(html);
  if (paragraphs.join(" ").length < 80) return null;
  return { title: null, paragraphs, published: null, byline: null, url: null, siteName: null };
}

/** A fragment ("<p>...</p>", "<script>") gets the html and body elements a parser leaves out for it. */
function asDocument(html: string): string {
  return /<html[\s>]/i.test(html.slice(0, 4096)) ? html : `<!DOCTYPE html><html><head></head><body>${html}</body></html>`;
}

function readPage(html: string): HtmlArticle | null {
  const { document } = parseHTML(asDocument(html));
  if (!document.documentElement || !document.body) return null;
  const published = findPublished(document);
  const canonical = document.querySelector('link[rel="canonical"]')?.getAttribute("href") ?? null;
  const h1 = clean(document.querySelector("article h1, h1")?.textContent ?? "");
  // Readability wants a document whose body exists; linkedom gives one even for fragments.
  const parsed = new Readability(document as unknown as ConstructorParameters<typeof Readability>[0], { charThreshold: 200 }).parse();
  if (!parsed || !parsed.content) return null;
  const { document: body } = parseHTML(`<html><body>${parsed.content}</body></html>`);
  const paragraphs: string[] = [];
  for (const el of body.querySelectorAll(BLOCKS)) {
    // nested blocks (p inside li) are read once, through the innermost
    if (el.querySelector(BLOCKS)) continue;
    const text = clean(el.textContent ?? "");
    if (text) paragraphs.push(text);
  }
  if (paragraphs.length === 0) {
    const text = clean(parsed.textContent ?? "");
    if (text) paragraphs.push(...text.split(/\n+/).map(clean).filter(Boolean));
  }
  if (paragraphs.join(" ").length < 80) return null;
  return {
    title: h1 || clean(parsed.title ?? "") || null,
    paragraphs,
    published,
    byline: cleanByline(clean(document.querySelector('[rel="author"], .author, [itemprop="author"]')?.textContent ?? "") || (parsed.byline ?? "")),
    url: canonical,
    siteName: parsed.siteName ? clean(parsed.siteName) : null,
  };
}

/**
 * The paragraphs of an HTML fragment that is all article (a feed item's content): no boilerplate to strip, so
 * no Readability, which would judge a short fragment to hold no article at all.
 */
export function htmlFragmentParagraphs(html: string): string[] {
  try {
    const { document } = parseHTML(asDocument(html));
    const body = document.body;
    if (!body) return [];
    for (const el of body.querySelectorAll("script, style, noscript, template, iframe, object")) el.remove();
    const paragraphs: string[] = [];
    for (const el of body.querySelectorAll(BLOCKS)) {
      if (el.querySelector(BLOCKS)) continue;
      const text = clean(el.textContent ?? "");
      if (text) paragraphs.push(text);
    }
    if (paragraphs.length > 0) return paragraphs;
    const text = clean(body.textContent ?? "");
    return text ? [text] : [];
  } catch (err) {
    if (err instanceof RangeError) return [];
    throw err;
  }
}

/** "By Achieng Ouma · June 19, 2024" -> "Achieng Ouma": the names, without "By", separators and dates. */
function cleanByline(raw: string): string | null {
  const first = clean(raw).split(/\s+[·|•–—]\s+|\s+-\s+/)[0].replace(/^by\s+/i, "").trim();
  if (!first || /\d{4}/.test(first) || first.split(/\s+/).length > 8) return null;
  return first;
}

function clean(s: string): string {
  return s.replace(/[\s\u00a0]+/g, " ").trim();
}

interface QueryableDocument {
  querySelector(selector: string): { getAttribute(name: string): string | null; textContent: string | null } | null;
}

function findPublished(document: QueryableDocument): string | null {
  const candidates = [
    document.querySelector('meta[property="article:published_time"]')?.getAttribute("content"),
    document.querySelector('meta[name="date"]')?.getAttribute("content"),
    document.querySelector('meta[itemprop="datePublished"]')?.getAttribute("content"),
    document.querySelector("time[datetime]")?.getAttribute("datetime"),
  ];
  for (const c of candidates) {
    const m = c ? /^(\d{4}-\d{2}-\d{2})/.exec(c.trim()) : null;
    if (m) return m[1];
  }
  return null;
}
