/** First-order Viterbi over BIO tags with the BIO constraint (I-X only after B-X or I-X) built in. */
import { TAG_COUNT, allowedTransition } from "./tags.js";

const NEG = -1e30;
const L = TAG_COUNT;

/** ALLOWED[p * L + n] (p = L is the sentence start) */
const ALLOWED = new Uint8Array((L + 1) * L);
for (let p = 0; p <= L; p++) {
  for (let n = 0; n < L; n++) ALLOWED[p * L + n] = p === L ? (allowedTransition(0, n) ? 1 : 0) : allowedTransition(p, n) ? 1 : 0;
}

/** PREDECESSORS[y]: the tags p that may come before tag y (the start row L excluded) */
const PREDECESSORS: Int32Array[] = [];
for (let y = 0; y < L; y++) {
  const list: number[] = [];
  for (let p = 0; p < L; p++) if (ALLOWED[p * L + y]) list.push(p);
  PREDECESSORS.push(Int32Array.from(list));
}

// reused between calls: tagging allocates nothing per sentence
let scratchScore = new Float64Array(256 * L);
let scratchBack = new Int32Array(256 * L);

/**
 * Best tag sequence for `n` tokens given emission scores (n x L, row-major) and transition scores
 * ((L + 1) x L: row L scores the first tag). Writes tag indexes into `out[at..at + n)`.
 */
export function viterbi(n: number, emissions: Float32Array, trans: Float32Array, out: Int32Array, at = 0): void {
  if (n === 0) return;
  if (scratchScore.length < n * L) {
    scratchScore = new Float64Array(n * L * 2);
    scratchBack = new Int32Array(n * L * 2);
  }
  const score = scratchScore;
  const back = scratchBack;
  for (let y = 0; y < L; y++) score[y] = ALLOWED[L * L + y] ? emissions[y] + trans[L * L + y] : NEG;
  for (let i = 1; i < n; i++) {
    const base = i * L;
    const prevBase = base - L;
    for (let y = 0; y < L; y++) {
      let best = NEG;
      let arg = 0;
      const prev = PREDECESSORS[y];
      for (let k = 0; k < prev.length; k++) {
        const p = prev[k];
        const s = score[prevBase + p] + trans[p * L + y];
        if (s > best) {
          best = s;
          arg = p;
        }
      }
      score[base + y] = best + emissions[base + y];
      back[base + y] = arg;
    }
  }
  let best = NEG;
  let arg = 0;
  const last = (n - 1) * L;
  for (let y = 0; y < L; y++) {
    if (score[last + y] > best) {
      best = score[last + y];
      arg = y;
    }
  }
  for (let i = n - 1; i >= 0; i--) {
    out[at + i] = arg;
    arg = back[i * L + arg];
  }
}
