/**
 * Money: "€350 million ($420 million)" is 350000000 EUR with 420000000 USD as its alternative; the purpose
 * ("for reconstruction"), the donor (who gives: the sentence's acting entity) and the recipient ("to Iraq").
 */
import type { Doc } from "../doc/index.js";
import { span } from "../doc/index.js";
import type { Amount } from "../report.js";
import { escapeRegExp, loadLexicon } from "../lexicon.js";
import { documentFocus } from "../resolve/places.js";
import { entityMentions, mentionBefore, type EntityMention } from "./mentions.js";

interface Money {
  value: number;
  currency: string;
  /** the currency word as written, lower-cased ("shillings", "€") */
  written: string;
  start: number;
  end: number;
}

let byCountry: Map<string, Map<string, string>> | undefined;
/** The code a shared currency word has in `country` ("shillings" in UG is UGX), or null. */
function localCurrency(written: string, country: string | null): string | null {
  if (!country) return null;
  if (!byCountry) {
    byCountry = new Map();
    for (const r of loadLexicon("_shared/currency-by-country.tsv", ["word", "country", "code"])) {
      const m = byCountry.get(r.word) ?? new Map<string, string>();
      m.set(r.country, r.code);
      byCountry.set(r.word, m);
    }
  }
  return byCountry.get(written)?.get(country) ?? null;
}

let moneyRe: RegExp | undefined;
let codes: Map<string, string> | undefined;

const SCALE: Record<string, number> = { thousand: 1e3, k: 1e3, million: 1e6, mn: 1e6, m: 1e6, billion: 1e9, bn: 1e9, b: 1e9, trillion: 1e12, tn: 1e12 };


function money(): { re: RegExp; codes: Map<string, string> } {
  if (moneyRe && codes) return { re: moneyRe, codes };
  const rows = loadLexicon("en/currencies.tsv", ["surface", "code", "symbol"]);
  codes = new Map(rows.map((r) => [r.surface.toLowerCase(), r.code]));
  const byLength = (a: string, b: string) => b.length - a.length;
  const symbols = rows.filter((r) => r.symbol === "yes").map((r) => r.surface).sort(byLength).map(escapeRegExp).join("|");
  const words = rows.filter((r) => r.symbol === "no").map((r) => r.surface).sort(byLength).map(escapeRegExp).join("|");
  const num = String.raw`\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?`;
  const scale = String.raw`(?:\s*(?<scale>thousand|million|billion|trillion|mn|bn|tn|m|b|k)\b)?`;
  moneyRe = new RegExp(
    String.raw`(?:(?<sym>${symbols})\s?(?<n1>${num})${scale.replace("scale", "s1")}|(?<n2>${num})${scale.replace("scale", "s2")}\s+(?<word>${words})\b)`,
    "giu",
  );
  return { re: moneyRe, codes };
}

/** Every sum of money in `text`. */
export function findMoney(text: string): Money[] {
  const { re, codes: table } = money();
  const out: Money[] = [];
  re.lastIndex = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const g = m.groups ?? {};
    const n = Number((g.n1 ?? g.n2).replace(/,/g, ""));
    const scale = (g.s1 ?? g.s2)?.toLowerCase();
    const currency = table.get((g.sym ?? g.word).toLowerCase());
    if (!currency || !Number.isFinite(n)) continue;
    out.push({ value: Math.round(n * (scale ? SCALE[scale] : 1)), currency, written: (g.sym ?? g.word).toLowerCase(), start: m.index, end: m.index + m[0].length });
  }
  return out;
}

const PURPOSE = /^\s*(?:in\s+(?<inAid>(?:[a-z-]+\s+)?(?:aid|assistance|funding|loans?|grants?|support))|(?:for|to fund|to finance|to support|towards)\s+(?:the\s+)?(?<purpose>[a-z][a-z -]{2,60}?))(?=\s+(?:for|in|to|this|next|over|by|from|on)\b|[,.;]|$)/i;
const TIME_WORDS = /^(?:this|next|last|the coming)\s+(?:year|month|week)|^\d{4}$/i;

/** Builds the report's amounts: money with alternatives in brackets, purpose, donor and recipient. */
export function extractAmounts(doc: Doc): Amount[] {
  const country = documentFocus(doc.facts.places)?.country ?? null;
  const found = findMoney(doc.text).map((m) => ({ ...m, currency: localCurrency(m.written, country) ?? m.currency }));
  const mentions = entityMentions(doc);
  const out: Amount[] = [];
  const used = new Set<number>();
  found.forEach((m, i) => {
    if (used.has(i)) return;
    const alternatives: Money[] = [];
    let end = m.end;
    // "€350 million ($420 million)": the bracketed sum is the same money in another currency
    for (let j = i + 1; j < found.length; j++) {
      const between = doc.text.slice(end, found[j].start);
      if (!/^\s*[(\[]?\s*(?:about|around|roughly|some|or|approximately|equivalent to)?\s*$/i.test(between)) break;
      alternatives.push(found[j]);
      used.add(j);
      end = found[j].end;
      const close = /^\s*[)\]]/.exec(doc.text.slice(end));
      if (close) end += close[0].length;
    }
    const sentence = doc.sentenceAt(m.start);
    const sentenceEnd = sentence?.end ?? doc.text.length;
    let purpose: string | null = null;
    let rest = doc.text.slice(end, sentenceEnd);
    for (let hops = 0; hops < 3 && purpose === null; hops++) {
      const p = PURPOSE.exec(rest);
      if (!p?.groups) break;
      const candidate = (p.groups.inAid ?? p.groups.purpose ?? "").trim();
      if (candidate && !TIME_WORDS.test(candidate)) purpose = candidate;
      rest = rest.slice(p[0].length);
    }
    const donor = donorOf(doc, mentions, m.start, sentence?.start ?? 0);
    const recipientMatch = /\b(?:to|for)\s+(?:the\s+)?(?<np>[\p{Lu}][\p{L}-]*(?:\s+[\p{Lu}][\p{L}-]*){0,3})/u.exec(doc.text.slice(end, sentenceEnd));
    let recipient: string | null = null;
    if (recipientMatch?.groups) {
      const at = end + (recipientMatch.index ?? 0) + recipientMatch[0].length - recipientMatch.groups.np.length;
      recipient = mentions.find((x) => x.start >= at && x.start < at + recipientMatch.groups!.np.length)?.entity.id ?? null;
    }
    out.push({
      value: m.value,
      currency: m.currency,
      alternatives: alternatives.map((a) => ({ value: a.value, currency: a.currency })),
      purpose,
      donor,
      recipient,
      evidence: [span(doc, m.start, end)],
    });
  });
  return out;
}

function donorOf(doc: Doc, mentions: EntityMention[], at: number, sentenceStart: number): string | null {
  const m = mentionBefore(mentions, sentenceStart, at, (x) => x.entity.kind !== "civilians" && x.entity.kind !== "media");
  return m?.entity.id ?? null;
}
