/**
 * Feature hashing: every feature is a 32-bit hash built from a template number and value hashes, so tagging
 * needs no string->index map and string building happens once per word type, never per token.
 */

const FNV_OFFSET = 0x811c9dc5;

/** FNV-1a over UTF-16 code units. */
export function hashString(s: string): number {
  return hashContinue(FNV_OFFSET, s, 0, s.length);
}

/**
 * FNV-1a carried on from `state` (a hash of some prefix) over `s[from..to)`: hashContinue(hashString(a), b, 0,
 * b.length) equals hashString(a + b), without building the joined string.
 */
export function hashContinue(state: number, s: string, from: number, to: number): number {
  let h = state;
  for (let i = from; i < to; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Combines two 32-bit values into one well-spread hash (murmur3 finaliser). */
export function mix(a: number, b: number): number {
  let h = Math.imul(a ^ 0x9e3779b9, 0x85ebca6b) ^ b;
  h = Math.imul(h ^ (h >>> 15), 0x2c1b3c6d);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

export function mix3(a: number, b: number, c: number): number {
  return mix(mix(a, b), c);
}
