/**
 * NER features. A token's features come in two kinds:
 * - word-type features (its spelling, shape, affixes, clusters; and, from its neighbours at offsets -2..+2,
 *   their lower-cased form, shape and clusters) depend only on word strings, so they are hashed once per word
 *   type (`WordInfo`) and, at tagging time, their weights are summed once per type and cached;
 * - position features (sentence-initial, headline, bigrams, gazetteer matches, document-level evidence,
 *   first-stage predictions) are hashed per token from the numbers in `WordInfo`, without building strings.
 */
import { hashContinue, hashString, mix, mix3 } from "./hash.js";
import type { ClusterTable } from "../clusters/index.js";
import type { Gazetteer } from "./gazetteer.js";

// Template numbers: part of the model, never renumber (append new ones).
const T = {
  bias: 1, first: 2, firstLower: 3, head: 4, headShape: 5, biLeft: 6, biRight: 7, cls3: 8, gaz: 9, gazPrev: 10,
  gazNext: 11, docCase: 12, s1: 13, s1Prev: 14, s1Next: 15, agg: 16, aggAny: 17, hist: 18, offset: 20,
  afterQuote: 30, gazLen: 31, s1Bigram: 32,
} as const;

export const enum CapClass {
  Lower = 0, Initial = 1, AllCaps = 2, Mixed = 3, Digit = 4, Punct = 5, Other = 6,
}

export interface WordInfo {
  /** dense number of this word type in its extractor's cache (see FeatureExtractor.generation), for per-type tables */
  id: number;
  word: string;
  lowerWord: string;
  lower: number;
  shape: number;
  cls: CapClass;
  /** features of the token itself (offset 0) */
  own: readonly number[];
  /** value hashes used when this word is a neighbour at offset -1 or +1 */
  near: readonly number[];
  /** value hashes used at offset -2 or +2 */
  far: readonly number[];
}

/** "d" for a digit 0-9, "X" for an upper-case letter, "x" for a lower-case one, else the character itself */
function shapeChar(ch: string): string {
  const c = ch.charCodeAt(0);
  // ASCII answered without case-mapping calls: most words in English news are ASCII
  if (c < 128) return c >= 48 && c <= 57 ? "d" : c >= 65 && c <= 90 ? "X" : c >= 97 && c <= 122 ? "x" : ch;
  return ch !== ch.toLowerCase() ? "X" : ch !== ch.toUpperCase() ? "x" : ch;
}

function capClass(w: string): CapClass {
  let upper = 0;
  let lower = 0;
  let digit = 0;
  let other = 0;
  for (const ch of w) {
    const c = shapeChar(ch);
    if (c === "d") digit++;
    else if (c === "X") upper++;
    else if (c === "x") lower++;
    else other++;
  }
  if (upper + lower === 0) return digit > 0 ? CapClass.Digit : other > 0 ? CapClass.Punct : CapClass.Other;
  if (upper === 0) return CapClass.Lower;
  if (lower === 0) return CapClass.AllCaps;
  const first = w[0];
  if (first !== first.toLowerCase() && upper === 1) return CapClass.Initial;
  return CapClass.Mixed;
}

/** "Blackburn" -> "Xx", "1996-08-22" -> "d-d-d", "U.S." -> "X.X." */
export function shortShape(w: string): string {
  let out = "";
  let last = "";
  for (const ch of w) {
    const c = shapeChar(ch);
    if (c !== last) out += c;
    last = c;
  }
  return out;
}

/** Runs capped at two: "Blackburn" -> "Xxx", "IBM" -> "XXX"... short words keep their exact shape. */
export function longShape(w: string): string {
  let out = "";
  let last = "";
  let run = 0;
  for (const ch of w) {
    const c = shapeChar(ch);
    run = c === last ? run + 1 : 1;
    if (run <= 3) out += c;
    last = c;
  }
  return out;
}

/** The word-type features, as strings (for tests and debugging); hashed into WordInfo. */
export function wordFeatureStrings(word: string, clusters: ClusterTable): { own: string[]; near: string[]; far: string[] } {
  const lower = word.toLowerCase();
  const sShape = shortShape(word);
  const own = [`w=${word}`, `l=${lower}`, `s=${sShape}`, `S=${longShape(word)}`, `c=${capClass(word)}`];
  const chars = [...word];
  for (let k = 1; k <= 4 && k < chars.length; k++) {
    own.push(`p${k}=${chars.slice(0, k).join("")}`);
    own.push(`x${k}=${chars.slice(chars.length - k).join("")}`);
  }
  if (chars.length > 12) own.push("long");
  if (word.includes("-")) own.push("hyphen");
  if (/\d/.test(word) && /\p{L}/u.test(word)) own.push("alnum");
  const cl = clusters.lookup(word);
  const near = [`l=${lower}`, `s=${sShape}`];
  const far = [`l=${lower}`];
  if (cl) {
    cl.forEach((id, level) => {
      own.push(`k${level}=${id}`);
      near.push(`k${level}=${id}`);
      if (level === 1) far.push(`k${level}=${id}`);
    });
  } else {
    own.push("k=none");
    near.push("k=none");
  }
  return { own, near, far };
}

/** Hashes of the prefixes of feature strings, so a feature's hash is carried on over the word in place. */
const PREFIX = {
  w: hashString("w="), l: hashString("l="), s: hashString("s="), S: hashString("S="),
  c: [0, 1, 2, 3, 4, 5, 6].map((k) => hashString(`c=${k}`)),
  p: [0, 1, 2, 3, 4].map((k) => hashString(`p${k}=`)), x: [0, 1, 2, 3, 4].map((k) => hashString(`x${k}=`)),
  long: hashString("long"), hyphen: hashString("hyphen"), alnum: hashString("alnum"), noCluster: hashString("k=none"),
};
/** the word-type features' hashes, and what they were made from */
export interface WordHashes {
  own: number[];
  near: number[];
  far: number[];
  lower: string;
  shortShape: string;
  cls: CapClass;
}

const clusterHashes = new Map<number, number>();
/** hash of `k${level}=${id}` */
function clusterHash(level: number, id: number): number {
  const key = level * 0x10000 + id;
  let h = clusterHashes.get(key);
  if (h === undefined) clusterHashes.set(key, (h = hashString(`k${level}=${id}`)));
  return h;
}

/**
 * The hashes of `wordFeatureStrings(word)`, in the same order, computed without building the strings (the
 * cost of a word never seen before is most of the cost of tagging unseen text).
 */
export function wordFeatureHashes(word: string, clusters: ClusterTable): WordHashes {
  const lower = word.toLowerCase();
  const sShape = shortShape(word);
  const cls = capClass(word);
  const lHash = hashContinue(PREFIX.l, lower, 0, lower.length);
  const sHash = hashContinue(PREFIX.s, sShape, 0, sShape.length);
  const lShape = longShape(word);
  const own = [hashContinue(PREFIX.w, word, 0, word.length), lHash, sHash, hashContinue(PREFIX.S, lShape, 0, lShape.length), PREFIX.c[cls]];
  // affixes and length count code points, as the strings do; a word without surrogate pairs (nearly all) is
  // sliced by UTF-16 unit directly
  let points = 0;
  let astral = false;
  for (let i = 0; i < word.length; i++) {
    const c = word.charCodeAt(i);
    const next = i + 1 < word.length ? word.charCodeAt(i + 1) : 0;
    if (c >= 0xd800 && c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
      astral = true;
      i++;
    }
    points++;
  }
  if (!astral) {
    const n = word.length;
    for (let k = 1; k <= 4 && k < n; k++) {
      own.push(hashContinue(PREFIX.p[k], word, 0, k));
      own.push(hashContinue(PREFIX.x[k], word, n - k, n));
    }
  } else {
    const chars = [...word];
    for (let k = 1; k <= 4 && k < chars.length; k++) {
      const p = chars.slice(0, k).join("");
      const x = chars.slice(chars.length - k).join("");
      own.push(hashContinue(PREFIX.p[k], p, 0, p.length));
      own.push(hashContinue(PREFIX.x[k], x, 0, x.length));
    }
  }
  if (points > 12) own.push(PREFIX.long);
  if (word.includes("-")) own.push(PREFIX.hyphen);
  if (/\d/.test(word) && /\p{L}/u.test(word)) own.push(PREFIX.alnum);
  const cl = clusters.lookup(word);
  const near = [lHash, sHash];
  const far = [lHash];
  if (cl) {
    for (let level = 0; level < cl.length; level++) {
      const h = clusterHash(level, cl[level]);
      own.push(h);
      near.push(h);
      if (level === 1) far.push(h);
    }
  } else {
    own.push(PREFIX.noCluster);
    near.push(PREFIX.noCluster);
  }
  return { own, near, far, lower, shortShape: sShape, cls };
}

/** Tokens outside the sentence. */
function boundaryInfo(tag: string): WordInfo {
  const h = hashString(tag);
  return { id: -1, word: tag, lowerWord: tag, lower: h, shape: h, cls: CapClass.Other, own: [], near: [h], far: [h] };
}
const BOS = boundaryInfo("<s>");
const EOS = boundaryInfo("</s>");

/** Per-sentence context shared by the position features. */
export interface SentenceContext {
  infos: WordInfo[];
  headline: boolean;
  /** per token: bit set of gazetteer lists, times 2 plus 1 when the token begins the match; 0 outside */
  gaz: Int32Array;
  /** per token: length of its gazetteer match (0 outside) */
  gazLen: Int32Array;
}

export interface DocumentContext {
  sentences: SentenceContext[];
  /** lower-cased word -> how it is written mid-sentence in the document: 1 lower, 2 capitalised, 3 both */
  caseSeen: Map<number, number>;
}

export class FeatureExtractor {
  private readonly cache = new Map<string, WordInfo>();
  /** bumped whenever the cache is emptied (and WordInfo ids start again from 0) */
  generation = 0;

  constructor(
    readonly clusters: ClusterTable,
    readonly gazetteer: Gazetteer,
    /** word types kept before the cache is emptied (between documents) */
    readonly cacheLimit = 500_000,
  ) {}

  info(word: string): WordInfo {
    let hit = this.cache.get(word);
    if (hit) return hit;
    const f = wordFeatureHashes(word, this.clusters);
    const own = f.own;
    for (let k = 0; k < own.length; k++) own[k] = mix(T.offset, own[k]);
    hit = {
      id: this.cache.size,
      word,
      lowerWord: f.lower,
      lower: hashString(f.lower),
      shape: hashString(f.shortShape),
      cls: f.cls,
      own,
      near: f.near,
      far: f.far,
    };
    this.cache.set(word, hit);
    return hit;
  }

  document(sentences: readonly (readonly string[])[]): DocumentContext {
    // bound memory on endless streams; emptied only between documents, so one document's ids are one generation's
    if (this.cache.size >= this.cacheLimit) {
      this.cache.clear();
      this.generation++;
    }
    const caseSeen = new Map<number, number>();
    const ctx: SentenceContext[] = sentences.map((words) => {
      const infos = words.map((w) => this.info(w));
      let letters = 0;
      let caps = 0;
      for (const inf of infos) {
        if (inf.cls === CapClass.Punct || inf.cls === CapClass.Digit || inf.cls === CapClass.Other) continue;
        if (inf.word.length < 2) continue;
        letters++;
        if (inf.cls === CapClass.AllCaps) caps++;
      }
      const headline = letters > 0 && caps / letters >= 0.8;
      const gaz = new Int32Array(words.length);
      const gazLen = new Int32Array(words.length);
      for (const m of this.gazetteer.match(words, infos.map((inf) => inf.lowerWord))) {
        for (let t = m.start; t < m.end; t++) {
          gaz[t] = m.lists * 2 + (t === m.start ? 1 : 0);
          gazLen[t] = m.end - m.start;
        }
      }
      if (!headline) {
        for (let t = 1; t < infos.length; t++) {
          const c = infos[t].cls;
          const bit = c === CapClass.Lower ? 1 : c === CapClass.Initial ? 2 : 0;
          if (bit) caseSeen.set(infos[t].lower, (caseSeen.get(infos[t].lower) ?? 0) | bit);
        }
      }
      return { infos, headline, gaz, gazLen };
    });
    return { sentences: ctx, caseSeen };
  }

  /** Hashes of every word-type feature of token i (own and neighbours'), appended to out. */
  typeFeatures(s: SentenceContext, i: number, out: number[]): void {
    const infos = s.infos;
    for (const h of infos[i].own) out.push(h);
    for (let k = -2; k <= 2; k++) {
      if (k === 0) continue;
      const j = i + k;
      this.neighbourFeatures(j < 0 ? BOS : j >= infos.length ? EOS : infos[j], k, out);
    }
  }

  /** Hashes of the features word `info` gives a token when it stands at offset k from it (k in -2..2, not 0). */
  neighbourFeatures(info: WordInfo, k: number, out: number[]): void {
    const vals = k === -1 || k === 1 ? info.near : info.far;
    const t = T.offset + k + 3;
    for (const v of vals) out.push(mix(t, v));
  }

  /** The stand-in word before the first ("<s>") or after the last ("</s>") token of a sentence. */
  boundary(tag: "<s>" | "</s>"): WordInfo {
    return tag === "<s>" ? BOS : EOS;
  }

  /** Hashes of the position features of token i (not stage-two ones), appended to out. */
  positionFeatures(doc: DocumentContext, s: SentenceContext, i: number, out: number[]): void {
    const infos = s.infos;
    const cur = infos[i];
    const prev = i > 0 ? infos[i - 1] : BOS;
    const next = i + 1 < infos.length ? infos[i + 1] : EOS;
    out.push(T.bias);
    if (i === 0) {
      out.push(mix(T.first, cur.shape), mix(T.firstLower, cur.lower));
    } else if (prev.cls === CapClass.Punct) {
      out.push(mix(T.afterQuote, mix(prev.lower, cur.cls)));
    }
    if (s.headline) out.push(mix(T.head, cur.lower), mix(T.headShape, mix(cur.cls, i === 0 ? 1 : 0)));
    out.push(mix3(T.biLeft, prev.lower, cur.lower), mix3(T.biRight, cur.lower, next.lower));
    out.push(mix3(T.cls3, prev.cls * 16 + cur.cls, next.cls));
    const g = s.gaz[i];
    if (g) {
      const bits = g >> 1;
      const begin = g & 1;
      for (let b = 0; b < 30; b++) {
        if (bits & (1 << b)) {
          out.push(mix(T.gaz, b * 2 + begin));
          out.push(mix(T.gazLen, b * 8 + Math.min(s.gazLen[i], 4) * 2 + begin));
        }
      }
    } else {
      if (i > 0 && s.gaz[i - 1]) out.push(mix(T.gazPrev, s.gaz[i - 1] >> 1));
      if (i + 1 < infos.length && s.gaz[i + 1]) out.push(mix(T.gazNext, s.gaz[i + 1] >> 1));
    }
    if ((i === 0 || s.headline) && (cur.cls === CapClass.Initial || cur.cls === CapClass.AllCaps)) {
      out.push(mix(T.docCase, doc.caseSeen.get(cur.lower) ?? 0));
    }
  }

  /**
   * Second-stage (non-local) features of token i from first-stage tags `first` (tag indexes per token of the
   * whole document): its own and neighbours' first-stage tags, and how the other occurrences of the same
   * word in the document were tagged (Ratinov and Roth's context aggregation and prediction history).
   */
  stageTwoFeatures(s: SentenceContext, i: number, tags: Int32Array, agg: DocumentAggregates, index: number, out: number[]): void {
    const tag = tags[index];
    const prevTag = i > 0 ? tags[index - 1] : 15;
    const nextTag = i + 1 < s.infos.length ? tags[index + 1] : 15;
    out.push(mix(T.s1, tag), mix(T.s1Prev, prevTag), mix(T.s1Next, nextTag), mix(T.s1Bigram, prevTag * 16 + tag));
    const cur = s.infos[i];
    if (cur.cls === CapClass.Lower || cur.cls === CapClass.Punct || cur.cls === CapClass.Other) return;
    const counts = agg.counts.get(cur.lower);
    if (!counts) return;
    // all occurrences minus this one
    const own = typeOf(tag);
    let total = 0;
    let best = -1;
    let bestCount = 0;
    for (let t = 0; t < 5; t++) {
      const c = counts[t] - (t === own ? 1 : 0);
      total += c;
      if (c > 0) out.push(mix(T.aggAny, t));
      if (c > bestCount) {
        bestCount = c;
        best = t;
      }
    }
    if (total > 0) out.push(mix(T.agg, best * 4 + Math.min(3, Math.floor((bestCount / total) * 3.999))));
    const earlier = agg.firstType.get(cur.lower);
    if (earlier !== undefined && agg.firstIndex.get(cur.lower)! < index) out.push(mix(T.hist, earlier));
  }
}

function typeOf(tag: number): number {
  return tag === 0 ? 0 : ((tag - 1) >> 1) + 1;
}

/** Per document: how first-stage tagging labelled each capitalised word type (counts by type 0=O..4). */
export interface DocumentAggregates {
  counts: Map<number, Int32Array>;
  /** type of the first occurrence that got an entity type, and its token index */
  firstType: Map<number, number>;
  firstIndex: Map<number, number>;
}

export function aggregate(doc: DocumentContext, tags: Int32Array): DocumentAggregates {
  const counts = new Map<number, Int32Array>();
  const firstType = new Map<number, number>();
  const firstIndex = new Map<number, number>();
  let index = 0;
  for (const s of doc.sentences) {
    for (const inf of s.infos) {
      if (inf.cls !== CapClass.Lower && inf.cls !== CapClass.Punct && inf.cls !== CapClass.Other) {
        let c = counts.get(inf.lower);
        if (!c) counts.set(inf.lower, (c = new Int32Array(5)));
        const t = typeOf(tags[index]);
        c[t]++;
        if (t !== 0 && !firstType.has(inf.lower)) {
          firstType.set(inf.lower, t);
          firstIndex.set(inf.lower, index);
        }
      }
      index++;
    }
  }
  return { counts, firstType, firstIndex };
}
