/**
 * Features of a speaker candidate, as strings the model hashes. What they say: the candidate's kind (a person
 * over an organisation over a country; a pronoun; an unnamed "police spokesman"), its side of the quote and its
 * distance in tokens and sentences, its rank among the candidates on that side, the words and punctuation
 * between it and the quote marks ('"...," X said', 'X said: "..."', 'X: "..."', "according to X") with the
 * speech verb named, whether a speech verb follows or precedes it (its subject, also across an apposition),
 * and whether it is the previous quote's speaker. Quote-level layout features are conjoined with the kind, so
 * "nobody" and "the previous speaker" learn when a quote has no cue of its own.
 */
import type { Doc } from "../../doc/index.js";
import type { Entity } from "../../report.js";
import { nearbyMention, speakerNouns, speechCues, type PreviousSpeaker, type QuoteDocIndex, type QuoteSite, type SpeakerCandidate } from "./candidates.js";

export function kindClass(c: SpeakerCandidate): string {
  if (c.kind === "entity" || c.kind === "previous") return `${c.kind === "previous" ? "prev-" : ""}${entityClass(c.entity)}`;
  if (c.kind === "pronoun") return `pro-${c.text.toLowerCase()}`;
  return c.kind;
}

function entityClass(e: Entity | null): string {
  if (!e) return "unnamed";
  switch (e.kind) {
    case "person":
      return "person";
    case "country":
      return "country";
    case "civilians":
      return "civilians";
    case "other":
      return "other";
    default:
      return "org";
  }
}

const bucket = (n: number, edges: readonly number[]): string => {
  for (const e of edges) if (n <= e) return `<=${e}`;
  return `>${edges[edges.length - 1]}`;
};

/** A token's shape between a candidate and its quote: the speech verb itself, punctuation, or its case. */
function tokenShape(doc: Doc, t: number, cues: Set<string>): string {
  const w = doc.tokenText(t);
  const lower = w.toLowerCase();
  if (cues.has(lower)) return `V:${lower}`;
  if (/^["“”„«»]$/.test(w)) return "Q";
  if (/^['‘’]$/.test(w)) return "q";
  if (!/\p{L}/u.test(w)) return w;
  if (lower === "according" || lower === "to" || lower === "that" || lower === "and" || lower === "in" || lower === "a" || lower === "the") return lower;
  return /^\p{Lu}/u.test(w) ? "C" : "w";
}

/** Tokens strictly between offsets a < b, as shapes: all when few, else the first three and last three. */
function betweenShape(doc: Doc, a: number, b: number, cues: Set<string>): { shape: string; count: number } {
  const first = doc.tokenFrom(a);
  const last = doc.tokenFrom(b);
  const count = Math.max(0, last - first);
  const shapes: string[] = [];
  if (count <= 6) for (let t = first; t < last; t++) shapes.push(tokenShape(doc, t, cues));
  else {
    for (let t = first; t < first + 3; t++) shapes.push(tokenShape(doc, t, cues));
    shapes.push("…");
    for (let t = last - 3; t < last; t++) shapes.push(tokenShape(doc, t, cues));
  }
  return { shape: shapes.join(" "), count };
}

/** The quote's own layout, shared by all its candidates. */
export function quoteLayout(index: QuoteDocIndex, site: QuoteSite): string[] {
  const { doc } = index;
  const cues = speechCues();
  const before = doc.text.slice(Math.max(site.paragraphStart, site.outerStart - 3), site.outerStart).replace(/\s+/g, " ");
  const lastInside = doc.text.slice(Math.max(site.start, site.end - 1), site.end);
  const afterTok = doc.tokenFrom(site.outerEnd);
  const beforeTok = doc.tokenFrom(site.outerStart) - 1;
  const next = afterTok < doc.tokens.length && doc.tokens[afterTok].start < site.paragraphEnd ? tokenShape(doc, afterTok, cues) : "EOP";
  const next2 = afterTok + 1 < doc.tokens.length && doc.tokens[afterTok + 1].start < site.paragraphEnd ? tokenShape(doc, afterTok + 1, cues) : "EOP";
  const prev = beforeTok >= 0 && doc.tokens[beforeTok].start >= site.paragraphStart ? tokenShape(doc, beforeTok, cues) : "BOP";
  const words = doc.text.slice(site.start, site.end).split(/\s+/).length;
  const opens = doc.text.slice(site.paragraphStart, site.outerStart).trim() === "";
  const closes = doc.text.slice(site.outerEnd, site.paragraphEnd).trim() === "";
  let hasCue = false;
  const ss = doc.sentences;
  const from = doc.tokenFrom(Math.max(site.windowStart, ss[site.firstSentence]?.start ?? 0));
  const to = Math.min(ss[site.lastSentence]?.end ?? doc.text.length, site.windowEnd);
  for (let t = from; t < doc.tokens.length && doc.tokens[t].end <= to && !hasCue; t++) {
    const tok = doc.tokens[t];
    if (tok.start >= site.outerStart && tok.start < site.outerEnd) continue;
    if (!index.insideQuote(tok.start) && cues.has(doc.tokenText(t).toLowerCase())) hasCue = true;
  }
  return [
    `q-prevtok=${prev}`,
    `q-nexttok=${next}`,
    `q-next2=${next} ${next2}`,
    `q-before=${before.trim().slice(-1) || "none"}`,
    `q-lastinside=${/\p{L}/u.test(lastInside) ? "w" : lastInside}`,
    `q-len=${bucket(words, [3, 8, 20, 40])}`,
    `q-opens=${opens}`,
    `q-closes=${closes}`,
    `q-opens-closes=${opens}-${closes}`,
    `q-cue=${hasCue}`,
    `q-cue-opens=${hasCue}-${opens}`,
  ];
}

/** All feature strings of one candidate. `candidates` are the quote's, in text order (for ranks). */
export function candidateFeatures(
  index: QuoteDocIndex,
  site: QuoteSite,
  c: SpeakerCandidate,
  rank: { side: number; sameKind: number },
  layout: readonly string[],
  previous: PreviousSpeaker | null,
): string[] {
  const kc = kindClass(c);
  const f: string[] = [`k=${kc}`];
  const withLayout = (prefix: string) => {
    for (const l of layout) f.push(`${prefix}|${l}`);
  };
  if (c.kind === "none" || c.kind === "previous") {
    withLayout(kc);
    withLayout(c.kind);
    if (c.kind === "previous" && previous) {
      const gap = index.paragraphIndex(site.start) - index.paragraphIndex(previous.site.start);
      f.push(`prev-para-gap=${bucket(gap, [0, 1, 2])}`);
      f.push(`prev-sent-gap=${bucket(site.firstSentence - previous.site.lastSentence, [0, 1, 2, 4])}`);
      f.push(`prev-kind=${previous.candidate.kind}`);
      for (const l of layout) f.push(`prev-gap${bucket(gap, [0, 1])}|${l}`);
    }
    return f;
  }
  const { doc } = index;
  const cues = speechCues();
  const nouns = speakerNouns();
  const side = c.end <= site.outerStart ? "B" : "A";
  const candSentence = index.sentenceIndex(c.start);
  const dSent = side === "B" ? candSentence - site.firstSentence : candSentence - site.lastSentence;
  const between = side === "B" ? betweenShape(doc, c.end, site.outerStart, cues) : betweenShape(doc, site.outerEnd, c.start, cues);
  const ks = `${kc}|${side}`;
  f.push(`side=${side}`, `ks=${ks}`);
  f.push(`dsent=${dSent}`, `ks-dsent=${ks}|${dSent}`);
  f.push(`dtok=${side}${bucket(between.count, [0, 1, 2, 3, 5, 9, 19])}`, `ks-dtok=${ks}|${bucket(between.count, [0, 1, 2, 3, 5, 9, 19])}`);
  f.push(`rank=${side}${Math.min(rank.side, 3)}`, `ks-rank=${ks}|${Math.min(rank.side, 3)}`, `ks-rank-kind=${ks}|${Math.min(rank.sameKind, 3)}`);
  f.push(`between=${side}|${between.shape}`, `ks-between=${ks}|${between.shape}`);
  if (between.count <= 6) f.push(`between-dsent=${side}|${dSent}|${between.shape}`);

  const firstTok = doc.tokenFrom(c.start);
  const afterTok = doc.tokenFrom(c.end);
  const prevWord = firstTok > 0 ? doc.tokenText(firstTok - 1) : "<s>";
  const nextWord = afterTok < doc.tokens.length ? doc.tokenText(afterTok) : "</s>";
  const next2 = afterTok + 1 < doc.tokens.length ? doc.tokenText(afterTok + 1).toLowerCase() : "</s>";
  const prevLower = prevWord.toLowerCase();
  const nextLower = nextWord.toLowerCase();
  f.push(`prevw=${prevLower}`, `nextw=${nextLower}`, `ks-prevw=${ks}|${prevLower}`, `ks-nextw=${ks}|${nextLower}`);
  f.push(`next2=${nextLower} ${next2}`);
  const nextCue = cues.has(nextLower) || (/ly$/.test(nextLower) && cues.has(next2)) || (/^(?:has|had|have|also|later|then|was|is)$/.test(nextLower) && cues.has(next2));
  const prevCue = cues.has(prevLower);
  f.push(`subj-cue=${nextCue}`, `ks-subj-cue=${ks}|${nextCue}`, `after-cue=${prevCue}`, `ks-after-cue=${ks}|${prevCue}`);
  if (nextCue) f.push(`ks-subj-of=${ks}|${cues.has(nextLower) ? nextLower : next2}`);
  if (prevCue) f.push(`ks-obj-of=${ks}|${prevLower}`);
  // "Smith, a senior aide to the governor, said": the cue after an apposition
  if (nextWord === ",") {
    for (let t = afterTok + 1, n = 0; t < doc.tokens.length && n < 14; t++, n++) {
      const w = doc.tokenText(t);
      if (w === "," && t + 1 < doc.tokens.length) {
        const after = doc.tokenText(t + 1).toLowerCase();
        if (cues.has(after)) f.push(`appos-cue`, `ks-appos-cue=${ks}`);
        break;
      }
      if (/^["“”.;:]$/.test(w)) break;
    }
  }
  // "according to X", "according to Port Authority spokeswoman X": over the words of its title
  for (let t = firstTok - 1, n = 0; t > 0 && n < 6; t--, n++) {
    const w = doc.tokenText(t);
    if (/^to$/i.test(w) && /^according$/i.test(doc.tokenText(t - 1))) {
      f.push(`according`, `ks-according=${ks}`, `according-gap=${Math.min(n, 2)}`);
      break;
    }
    if (!/^\p{Ll}+$/u.test(w) && !index.mentionAtToken(t)) break;
  }
  if (nouns.has(prevLower)) f.push(`title-before`, `ks-title-before=${ks}`);
  // "Port Authority spokeswoman Abena Osei": the organisation modifies the person who speaks for it
  const personAfter = nearbyMention(index, afterTok, 1);
  if (personAfter && personAfter.entity.kind === "person" && c.entity?.kind !== "person") f.push(`modifies-person`, `ks-modifies-person=${ks}`);
  const orgBefore = nearbyMention(index, firstTok - 1, -1);
  if (orgBefore && orgBefore.entity.kind !== "person" && c.entity?.kind === "person") f.push(`org-title-before`, `ks-org-title-before=${ks}`);
  if (/^(?:of|for|with|against|to|from|about|by|on|at|in|into|than)$/.test(prevLower)) f.push(`after-prep`, `ks-after-prep=${ks}`);
  if (/^['’]s$/.test(nextWord) || /['’]s?$/.test(c.text)) f.push(`possessive`, `ks-possessive=${ks}`);
  const sentence = doc.sentences[candSentence];
  if (sentence && doc.tokenFrom(sentence.start) === firstTok) f.push(`sent-initial`, `ks-sent-initial=${ks}`);
  if (c.kind === "nominal") {
    const head = c.text.split(/\s+/).pop()?.toLowerCase() ?? "";
    f.push(`nom-head=${head}`, `nom-det=${c.text.split(/\s+/)[0].toLowerCase()}`);
    if (c.entity) f.push(`nom-names-person`, `ks-nom-names-person=${ks}`);
  }
  if (c.kind === "pronoun") f.push(`pro-resolved=${c.entity ? entityClass(c.entity) : "none"}`, `pro-by=${c.resolvedBy ?? "none"}`);
  const prevEntity = previous?.candidate.entity;
  if (prevEntity && c.entity && prevEntity.id === c.entity.id) f.push(`same-as-prev`, `ks-same-as-prev=${ks}`);
  if (previous && previous.candidate.kind !== "none" && previous.candidate.text.toLowerCase() === c.text.toLowerCase()) f.push(`same-words-as-prev=${kc}`);
  for (const l of layout) f.push(`${side}|${l}`, `${ks}|${l}`);
  return f;
}

