/**
 * Place-name keys. Two levels:
 * - `strictPlaceKey`: spelling-faithful (case, diacritics, punctuation and "St."/"Saint" folded); an equal
 *   strict key is an exact name match.
 * - `normalizePlaceName`: the transliteration-robust key, which also drops Arabic articles (al-, el-, ar-,
 *   ash-, ...), folds digraphs and consonant shifts (kh/k, q/k, w/v, ou/u, dj/j, ph/f, th/t), drops a final
 *   "h" after a vowel, collapses doubled letters and maps every vowel to one class. It keeps the consonant
 *   skeleton *and* the vowel positions, which is what keeps Raqqa ("raka") apart from Iraq ("arak").
 * A loose match is always weaker evidence than a strict one (see the scorer in gazetteer.ts).
 */

/** Arabic definite articles, as separate tokens or hyphen prefixes, with their sun-letter assimilations. */
const ARTICLES = new Set(["al", "el", "ar", "as", "ash", "at", "ath", "ad", "adh", "an", "az", "ad", "ed", "es", "er", "ez", "en", "et", "ul", "il"]);

/** Abbreviations that name the same word in GeoNames' spelling. */
const ABBREVIATIONS = new Map([["st", "saint"], ["ste", "sainte"], ["ft", "fort"], ["mt", "mount"], ["pt", "port"]]);

/** Lower-case words without diacritics, apostrophes or punctuation. */
export function placeWords(surface: string): string[] {
  const plain = surface
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .replace(/[ıİ]/g, "i")
    .replace(/[łŁ]/g, "l")
    .replace(/[øØ]/g, "o")
    .replace(/[đĐ]/g, "d")
    .replace(/ß/g, "ss")
    .replace(/[æÆ]/g, "ae")
    .toLowerCase()
    .replace(/['’‘`ʿʾʼ]/g, "");
  return plain
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w !== "")
    .map((w) => ABBREVIATIONS.get(w) ?? w);
}

export function strictPlaceKey(surface: string): string {
  return placeWords(surface).join(" ");
}

const CONSONANT_SHIFTS: [RegExp, string][] = [
  [/sch/g, "sh"],
  [/tch/g, "ch"],
  [/dzh/g, "j"],
  [/dj/g, "j"],
  [/zh/g, "j"],
  [/kh/g, "k"],
  [/gh/g, "g"],
  [/ph/g, "f"],
  [/th/g, "t"],
  [/dh/g, "d"],
  [/ck/g, "k"],
  [/q/g, "k"],
  [/c(?=[eiy])/g, "s"],
  [/c/g, "k"],
  [/w/g, "v"],
  [/ou/g, "u"],
  [/ee/g, "i"],
  [/oo/g, "u"],
  [/y/g, "i"],
  // "aw"/"av" before a consonant is a diphthong (Zawr/Zor, Mawsil/Mosul)
  [/[aeiou]v(?=[^aeiou]|$)/g, "u"],
];

function looseWord(word: string): string {
  let w = word;
  for (const [from, to] of CONSONANT_SHIFTS) w = w.replace(from, to);
  w = w.replace(/([aeiou])h$/, "$1"); // Hasakah / Hasaka, Hamah / Hama
  if (w.length > 3) w = w.replace(/e$/, "a"); // the Arabic feminine ending: Hasakeh / Hasaka
  return w;
}

/** Articles dropped, consonant shifts folded, doubled letters collapsed; vowels kept (e/i and o/u merged). */
export function phoneticForm(surface: string): string {
  let form = phoneticForms.get(surface);
  if (form === undefined) {
    // (the same names are compared again and again, in every article: a bounded memo)
    if (phoneticForms.size >= PHONETIC_MEMO) phoneticForms.clear();
    form = computePhoneticForm(surface);
    phoneticForms.set(surface, form);
  }
  return form;
}

const PHONETIC_MEMO = 50_000;
const phoneticForms = new Map<string, string>();

function computePhoneticForm(surface: string): string {
  let words = placeWords(surface);
  const content = words.filter((w) => !ARTICLES.has(w));
  if (content.length > 0) words = content;
  return words
    .map(looseWord)
    .join("")
    .replace(/(.)\1+/g, "$1")
    .replace(/e/g, "i")
    .replace(/o/g, "u")
    .replace(/(.)\1+/g, "$1");
}

/** The transliteration-robust key (see the module comment): the phonetic form with one vowel class. */
export function normalizePlaceName(surface: string): string {
  return phoneticForm(surface).replace(/[aeiou]+/g, "a");
}

/**
 * Whether two names that share the loose key are close enough to be spellings of one name: their phonetic
 * forms differ by at most one edit per five letters (none below five). The loose key alone, with every vowel alike, would let
 * "Russian" meet "Rawson" and "Houston" meet "Hayastan"; this keeps Hasakeh/Al-Hasakah, Rakka/Ar Raqqah,
 * Kharkov/Kharkiv together.
 */
export function closeSpellings(a: string, b: string): boolean {
  const x = phoneticForm(a);
  const y = phoneticForm(b);
  const budget = Math.floor(Math.max(x.length, y.length) / 5);
  return editDistance(x, y, budget) <= budget;
}

/** Levenshtein distance, stopping early once it exceeds `limit`. */
export function editDistance(a: string, b: string, limit = Infinity): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      best = Math.min(best, cur[j]);
    }
    if (best > limit) return limit + 1;
    prev = cur;
  }
  return prev[b.length];
}

/** A town named for the river or sea it stands on, by its everyday short form: "Burton upon Trent" -> "Burton",
 *  "Clacton-on-Sea" -> "Clacton", "Frankfurt am Main" -> "Frankfurt", "Aix-en-Provence" -> "Aix". */
const ON_A_RIVER = /^(\p{Lu}[\p{L}'’.]+(?:[- ]\p{Lu}[\p{L}'’.]+)?)[- ](?:on|upon|under|am|an der|sur|en)[- ]\p{Lu}/u;

/** The names an entry is indexed under: its own, the part before a comma ("Washington, D.C."), the name
 *  without its designator word ("Raqqa Governorate" -> "Raqqa"), a town's short form ("Clacton-on-Sea" -> "Clacton"). */
export function indexNamesOf(name: string, isAdmin: boolean, stripDesignatorOf: (name: string) => string | null): string[] {
  const names = [name];
  if (!isAdmin && name.includes(",")) names.push(name.slice(0, name.indexOf(",")));
  const short = isAdmin ? null : ON_A_RIVER.exec(name);
  if (short && short[1].length >= 3) names.push(short[1]);
  if (isAdmin) {
    const bare = stripDesignatorOf(name);
    if (bare) names.push(bare);
  }
  return names;
}

/** The strict and loose keys of a list of names, deduplicated; loose keys shorter than 3 letters are dropped. */
export function keysOf(names: string[]): { strict: string[]; loose: string[] } {
  const strict = new Set<string>();
  const loose = new Set<string>();
  for (const n of names) {
    const s = strictPlaceKey(n);
    if (s === "") continue;
    strict.add(s);
    const l = normalizePlaceName(n);
    if (l.length >= 3) loose.add(l);
  }
  return { strict: [...strict], loose: [...loose] };
}
