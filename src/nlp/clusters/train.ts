/**
 * Learns a ClusterTable from tokenized unlabelled text: distributional vectors (PPMI of the commonest left and
 * right neighbours, randomly projected to `dims`), spherical k-means into the finest level, then k-means over
 * those centroids (weighted by cluster size) for each coarser level, so levels nest like Brown-cluster prefixes.
 */
import { ClusterTable } from "./index.js";
import { seededRandom } from "../../random.js";

export interface ClusterTrainOptions {
  /** cluster counts, coarse to fine, e.g. [16, 64, 256, 1024] */
  levels: number[];
  /** words clustered: the most frequent (default 50,000) */
  vocabulary?: number;
  /** words seen fewer times are left out (default 4) */
  minCount?: number;
  /** context words: the most frequent (default 1,000) */
  contexts?: number;
  /** projected dimensions (default 64) */
  dims?: number;
  /** k-means iterations at the finest level (default 10) */
  iterations?: number;
  seed: number;
  log?: (line: string) => void;
}


function gaussian(random: () => number): number {
  const u = Math.max(random(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}

function normalize(v: Float32Array, dims: number, n: number): void {
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let d = 0; d < dims; d++) s += v[i * dims + d] ** 2;
    const inv = s > 0 ? 1 / Math.sqrt(s) : 0;
    for (let d = 0; d < dims; d++) v[i * dims + d] *= inv;
  }
}

/** Spherical k-means: returns the cluster of each point and the unit centroids. */
export function kmeans(points: Float32Array, weights: Float32Array, n: number, dims: number, k: number, iterations: number, random: () => number): { assign: Int32Array; centroids: Float32Array } {
  k = Math.min(k, n);
  const centroids = new Float32Array(k * dims);
  // distinct random points as seeds
  const picked = new Set<number>();
  while (picked.size < k) picked.add(Math.floor(random() * n));
  [...picked].forEach((p, c) => centroids.set(points.subarray(p * dims, p * dims + dims), c * dims));
  const assign = new Int32Array(n).fill(-1);
  for (let it = 0; it < iterations; it++) {
    let changed = 0;
    for (let i = 0; i < n; i++) {
      let best = -Infinity;
      let arg = 0;
      const off = i * dims;
      for (let c = 0; c < k; c++) {
        const co = c * dims;
        let s = 0;
        for (let d = 0; d < dims; d++) s += points[off + d] * centroids[co + d];
        if (s > best) {
          best = s;
          arg = c;
        }
      }
      if (assign[i] !== arg) changed++;
      assign[i] = arg;
    }
    centroids.fill(0);
    const sizes = new Float64Array(k);
    for (let i = 0; i < n; i++) {
      const co = assign[i] * dims;
      sizes[assign[i]] += weights[i];
      for (let d = 0; d < dims; d++) centroids[co + d] += weights[i] * points[i * dims + d];
    }
    for (let c = 0; c < k; c++) {
      if (sizes[c] === 0) {
        // an empty cluster takes a random point
        const p = Math.floor(random() * n);
        centroids.set(points.subarray(p * dims, p * dims + dims), c * dims);
      }
    }
    normalize(centroids, dims, k);
    if (changed === 0) break;
  }
  return { assign, centroids };
}

export function trainClusters(sentences: Iterable<readonly string[]>, options: ClusterTrainOptions): ClusterTable {
  const log = options.log;
  const random = seededRandom(options.seed);
  const dims = options.dims ?? 64;
  // 1. ids and counts
  const idOf = new Map<string, number>();
  const words: string[] = [];
  const counts: number[] = [];
  const corpus: Int32Array[] = [];
  let tokens = 0;
  for (const s of sentences) {
    const ids = new Int32Array(s.length);
    s.forEach((w, i) => {
      let id = idOf.get(w);
      if (id === undefined) {
        id = words.push(w) - 1;
        idOf.set(w, id);
        counts.push(0);
      }
      counts[id]++;
      ids[i] = id;
    });
    tokens += s.length;
    corpus.push(ids);
  }
  const byFreq = words.map((_, i) => i).sort((a, b) => counts[b] - counts[a] || (words[a] < words[b] ? -1 : 1));
  const minCount = options.minCount ?? 4;
  const vocab = byFreq.slice(0, options.vocabulary ?? 50_000).filter((i) => counts[i] >= minCount);
  const nCtx = Math.min(options.contexts ?? 1000, byFreq.length);
  const vIndex = new Int32Array(words.length).fill(-1);
  vocab.forEach((w, i) => (vIndex[w] = i));
  const cIndex = new Int32Array(words.length).fill(-1);
  byFreq.slice(0, nCtx).forEach((w, i) => (cIndex[w] = i));
  log?.(`clusters: ${tokens} tokens, ${words.length} types, clustering ${vocab.length}`);

  // 2. co-occurrence counts with the left (0..nCtx) and right (nCtx..2nCtx) neighbour, as sorted pair keys
  const width = 2 * nCtx + 2; // + sentence boundary on each side
  const keys: number[] = [];
  for (const ids of corpus) {
    for (let i = 0; i < ids.length; i++) {
      const v = vIndex[ids[i]];
      if (v < 0) continue;
      const left = i > 0 ? cIndex[ids[i - 1]] : 2 * nCtx;
      const right = i + 1 < ids.length ? cIndex[ids[i + 1]] : 2 * nCtx;
      if (left >= 0) keys.push(v * width + (left === 2 * nCtx ? 2 * nCtx : left));
      if (right >= 0) keys.push(v * width + (right === 2 * nCtx ? 2 * nCtx + 1 : nCtx + right));
    }
  }
  const sorted = Float64Array.from(keys).sort();
  // 3. PPMI (context counts smoothed by ^0.75), projected on random gaussian directions
  const pairCount: { v: number; c: number; n: number }[] = [];
  const rowTotal = new Float64Array(vocab.length);
  const colTotal = new Float64Array(width);
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j < sorted.length && sorted[j] === sorted[i]) j++;
    const v = Math.floor(sorted[i] / width);
    const c = sorted[i] - v * width;
    pairCount.push({ v, c, n: j - i });
    rowTotal[v] += j - i;
    colTotal[c] += j - i;
    i = j;
  }
  let colSmoothed = 0;
  for (let c = 0; c < width; c++) colSmoothed += colTotal[c] ** 0.75;
  const total = sorted.length;
  const projection = new Float32Array(width * dims);
  for (let i = 0; i < projection.length; i++) projection[i] = gaussian(random);
  const vectors = new Float32Array(vocab.length * dims);
  for (const { v, c, n } of pairCount) {
    const pmi = Math.log((n * colSmoothed) / (rowTotal[v] * colTotal[c] ** 0.75));
    if (pmi <= 0) continue;
    const off = v * dims;
    const po = c * dims;
    for (let d = 0; d < dims; d++) vectors[off + d] += pmi * projection[po + d];
  }
  normalize(vectors, dims, vocab.length);
  void total;

  // 4. finest level, then coarser levels over the centroids
  const levels = [...options.levels].sort((a, b) => a - b);
  const finest = levels[levels.length - 1];
  log?.(`clusters: k-means into ${finest}`);
  const ones = new Float32Array(vocab.length).fill(1);
  const fine = kmeans(vectors, ones, vocab.length, dims, finest, options.iterations ?? 10, random);
  const sizes = new Float32Array(fine.centroids.length / dims);
  for (const a of fine.assign) sizes[a]++;
  // coarse[level][fineCluster]
  const maps: Int32Array[] = [];
  let points = fine.centroids;
  let weights = sizes;
  let current = Int32Array.from({ length: sizes.length }, (_, i) => i); // fine cluster -> cluster at current level
  maps[levels.length - 1] = current;
  for (let l = levels.length - 2; l >= 0; l--) {
    const k = levels[l];
    const n = points.length / dims;
    const r = kmeans(points, weights, n, dims, k, 20, random);
    const next = Int32Array.from(current, (c) => r.assign[c]);
    const w = new Float32Array(r.centroids.length / dims);
    r.assign.forEach((a, i) => (w[a] += weights[i]));
    points = r.centroids;
    weights = w;
    current = next;
    maps[l] = current;
  }
  const ids = new Map<string, Uint16Array>();
  vocab.forEach((w, i) => ids.set(words[w], Uint16Array.from(maps, (m) => m[fine.assign[i]])));
  return new ClusterTable(levels, ids);
}
