import type { Sentence, Token } from "../doc/index.js";
import { loadLexicon } from "../lexicon.js";

/**
 * A rule tokenizer close to the CoNLL-2003 / Penn conventions the NER model is trained on:
 * punctuation split off, possessive 's and n't split, hyphenated words and dotted acronyms kept whole.
 */

interface Abbreviations {
  /** lower-case words that keep a following period */
  keep: Set<string>;
  /** those of them that may also end a sentence */
  final: Set<string>;
}

let abbreviations: Abbreviations | undefined;
function getAbbreviations(): Abbreviations {
  if (!abbreviations) {
    const rows = loadLexicon("en/abbreviations.tsv", ["word"]);
    abbreviations = {
      keep: new Set(rows.map((r) => r.word)),
      final: new Set(rows.filter((r) => r.sentence_final === "yes").map((r) => r.word)),
    };
  }
  return abbreviations;
}

// Alternatives, tried in order at each position (sticky).
const TOKEN = new RegExp(
  [
    String.raw`(?<url>https?:\/\/[^\s<>"]+[^\s<>"'.,;:!?)\]])`,
    String.raw`(?<acronym>(?:\p{Lu}\.){2,}(?:-\p{L}+)*)`,
    String.raw`(?<number>\d+(?:[.,:/]\d+)*(?:st|nd|rd|th|s|m|bn|km|kg)?(?![\p{L}\d]))`,
    String.raw`(?<word>[\p{L}\p{M}\p{N}]+(?:[-'’&.][\p{L}\p{M}\p{N}]+)*)`,
    String.raw`(?<dots>\.{2,}|…)`,
    String.raw`(?<dashes>-{2,})`,
    String.raw`(?<other>\S)`,
  ].join("|"),
  "uy",
);

/** Splits `text` into tokens with character offsets. */
export function tokenize(text: string): Token[] {
  const { keep } = getAbbreviations();
  const tokens: Token[] = [];
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 10 || c === 9 || c === 13 || c === 160 || (c >= 0x2000 && c <= 0x200b) || c === 0x3000) {
      i++;
      continue;
    }
    TOKEN.lastIndex = i;
    const m = TOKEN.exec(text);
    if (!m || !m.groups) {
      tokens.push({ start: i, end: i + 1 });
      i++;
      continue;
    }
    const g = m.groups;
    let end = i + m[0].length;
    if (g.word !== undefined) {
      const w = g.word;
      // possessive and negation clitics are their own tokens, as in the training data
      const clitic = /(?:['’][sS]|[nN]['’][tT])$/.exec(w);
      if (clitic && clitic.index > 0) {
        tokens.push({ start: i, end: i + clitic.index });
        tokens.push({ start: i + clitic.index, end });
        i = end;
        continue;
      }
      if (text[end] === "." && (keep.has(w.toLowerCase()) || /^\p{Lu}$/u.test(w))) end++;
    }
    tokens.push({ start: i, end });
    i = end;
  }
  return tokens;
}

const ENDERS = new Set([".", "!", "?", "…", "..."]);
const CLOSERS = new Set(['"', "'", "”", "’", ")", "]", "»"]);

/**
 * Groups tokens into sentences: a line break always ends one; `.`, `!`, `?` end one when the next token
 * opens a new sentence (capital, digit, quote or bracket). Closing quotes stay with their sentence.
 */
export function splitSentences(text: string, tokens: Token[]): Sentence[] {
  const { final } = getAbbreviations();
  const sentences: Sentence[] = [];
  let first = 0;
  const close = (lastExclusive: number) => {
    if (lastExclusive <= first) return;
    sentences.push({
      start: tokens[first].start,
      end: tokens[lastExclusive - 1].end,
      firstToken: first,
      endToken: lastExclusive,
    });
    first = lastExclusive;
  };
  for (let t = 0; t < tokens.length; t++) {
    const next = tokens[t + 1];
    if (!next) break;
    const between = text.slice(tokens[t].end, next.start);
    if (between.includes("\n")) {
      close(t + 1);
      continue;
    }
    const word = text.slice(tokens[t].start, tokens[t].end);
    let isEnd = ENDERS.has(word);
    if (!isEnd && word.endsWith(".") && word.length > 1) {
      // "Inc." or "U.S." at a sentence end: only when followed by a clear sentence opener on the same line
      const bare = word.slice(0, -1).toLowerCase();
      isEnd = final.has(bare);
    }
    if (!isEnd) continue;
    // absorb closing quotes and brackets glued to the period
    let last = t;
    while (tokens[last + 1] && tokens[last + 1].start === tokens[last].end && CLOSERS.has(text[tokens[last + 1].start])) last++;
    const after = tokens[last + 1];
    if (!after) break;
    if (text.slice(tokens[last].end, after.start).includes("\n")) {
      close(last + 1);
      t = last;
      continue;
    }
    if (after.start === tokens[last].end) continue; // "3.5" style or glued text: not a boundary
    const opener = text[after.start];
    if (/[\p{Lu}\d"“'‘(\[«]/u.test(opener)) {
      close(last + 1);
      t = last;
    }
  }
  close(tokens.length);
  return sentences;
}
