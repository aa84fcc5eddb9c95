/**
 * Quoted passages: the text between quotation marks, paragraph by paragraph. Straight double quotes pair in
 * order; curly quotes pair by direction; a quote left open at a paragraph's end runs to the paragraph's end,
 * as news style opens a continuing quote on the next paragraph without closing the first.
 * British-style single quotes count when they enclose a clause (three words or more) that a speech cue follows.
 * A lone "« " that nothing closes is a title separator ("Headline « Site"), not a quote.
 */
export interface QuoteMark {
  /** the words inside the marks */
  start: number;
  end: number;
  /** the marks themselves included */
  outerStart: number;
  outerEnd: number;
}

const OPEN = new Set(["“", "«", "„"]);
const CLOSE = new Set(["”", "»", "“"]);

export function findQuoteMarks(text: string): QuoteMark[] {
  const out: QuoteMark[] = [];
  let paraStart = 0;
  while (paraStart <= text.length) {
    let paraEnd = text.indexOf("\n", paraStart);
    if (paraEnd < 0) paraEnd = text.length;
    scanParagraph(text, paraStart, paraEnd, out);
    paraStart = paraEnd + 1;
  }
  return out;
}

function push(out: QuoteMark[], text: string, open: number, close: number, hasCloseMark: boolean): void {
  let start = open + 1;
  let end = close;
  while (start < end && /\s/.test(text[start])) start++;
  while (end > start && /\s/.test(text[end - 1])) end--;
  if (end - start < 2) return;
  out.push({ start, end, outerStart: open, outerEnd: hasCloseMark ? close + 1 : close });
}

function scanParagraph(text: string, from: number, to: number, out: QuoteMark[]): void {
  let open = -1;
  let openChar = "";
  let found = false;
  for (let i = from; i < to; i++) {
    const c = text[i];
    if (open < 0) {
      // "Headline « Site name": a guillemet with a space after it and none closing it in the paragraph separates
      // a page title from the site's name; it opens no quote
      if (c === "«" && text[i + 1] === " " && !text.slice(i, to).includes("»")) continue;
      if (c === '"' || OPEN.has(c)) {
        open = i;
        openChar = c;
      }
    } else if ((openChar === '"' && c === '"') || (openChar !== '"' && (CLOSE.has(c) || c === '"'))) {
      push(out, text, open, i, true);
      found = true;
      open = -1;
    }
  }
  if (open >= 0) {
    push(out, text, open, to, false);
    found = true;
  }
  if (!found) scanSingleQuotes(text, from, to, out);
}

const SINGLE = /(^|[\s(—–-])['‘]([^'‘’]*?\S)['’](?=[\s,.;:!?)—–-]|$)/g;

function scanSingleQuotes(text: string, from: number, to: number, out: QuoteMark[]): void {
  const para = text.slice(from, to);
  SINGLE.lastIndex = 0;
  for (let m = SINGLE.exec(para); m; m = SINGLE.exec(para)) {
    const inner = m[2];
    if (inner.split(/\s+/).length < 3) continue;
    const open = from + m.index + m[1].length;
    const close = open + 1 + inner.length;
    const after = text.slice(close + 1, Math.min(to, close + 60));
    const before = text.slice(Math.max(from, open - 60), open);
    if (!/^[,.]?\s*(?:\p{Lu}[\p{L}.-]*\s+){0,4}(?:said|says|told|added|warned|stated|insisted|explained)\b|^[,.]?\s*(?:he|she|they|it)\s+(?:said|says|told|added)\b/iu.test(after.trim()) && !/(?:said|says|told|added)\s*[:,]?\s*$/i.test(before)) continue;
    out.push({ start: open + 1, end: close, outerStart: open, outerEnd: close + 1 });
  }
}
