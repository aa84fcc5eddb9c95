/**
 * Quotes: every quoted passage with its speaker. The cue sits next to the closing mark ('"...," said X',
 * '"..." X told DPA'), before the opening mark ('X said it was unclear "if ..."'), or the sentence says
 * "according to X". A quote with no cue of its own continues the previous speaker of the same or the
 * preceding paragraph, with lower confidence.
 */
import type { Doc, LabeledSpan } from "../doc/index.js";
import { span } from "../doc/index.js";
import type { Quote } from "../report.js";
import { actorWordLists } from "../nlp/actors.js";
import { entityMentions, mentionAfter, mentionBefore, resolvePronoun, type EntityMention } from "./mentions.js";

interface Attribution {
  mention: EntityMention | null;
  speakerStart: number;
  speakerEnd: number;
  cue: string;
  confidence: number;
}

const PRONOUN = /^(?:he|she|they|it)$/i;

function cueWords(): Set<string> {
  return actorWordLists().speech;
}

/** After the closing mark: ', said X' / ', X said' / ' X told Y' / ', according to X'. */
function attributeAfter(doc: Doc, mentions: EntityMention[], from: number, to: number): Attribution | null {
  const tail = doc.text.slice(from, to);
  const cues = cueWords();
  const inverted = /^[\s,.;:!?]*["”']?\s*(?<cue>[a-z]+)\s+(?<rest>.*)$/su.exec(tail);
  if (inverted?.groups && cues.has(inverted.groups.cue)) {
    const at = from + tail.length - inverted.groups.rest.length;
    const m = mentionAfter(mentions, at, Math.min(to, at + 80));
    if (m && m.start - at < 40) return { mention: m, speakerStart: m.start, speakerEnd: m.end, cue: inverted.groups.cue, confidence: 0.9 };
    const pron = /^(he|she|they)\b/i.exec(inverted.groups.rest);
    if (pron) return pronounAttribution(doc, mentions, at, pron[1], inverted.groups.cue);
  }
  // "..." SDF spokesman Gabriel Kino told DPA: the first speech verb within a dozen words, its subject before it
  const words = [...tail.matchAll(/[\p{L}'’]+/gu)].slice(0, 14);
  for (const w of words) {
    if (!cues.has(w[0].toLowerCase())) continue;
    const lead = /^[\s,.;:!?"”']*/.exec(tail)?.[0].length ?? 0;
    // "Jean-Baptiste Kasereka, a civil society leader in Lubero, told DW": the apposition is not the speaker
    const np = tail.slice(lead, w.index).replace(/\s+(?:has|had|have|was|is|also|later|then)\s*$/i, "").replace(/,\s+(?:a|an|the)\s+[^,;"“”]+,\s*$/, "").trim();
    if (!np || /[,;:"“”]/.test(np)) break;
    // "... and denied that ...": a verb of a new clause, not an attribution ("and" is nobody)
    if (!/\p{Lu}/u.test(np) && !PRONOUN.test(np)) break;
    const npStart = from + lead;
    const npEnd = npStart + np.length;
    if (PRONOUN.test(np)) return pronounAttribution(doc, mentions, npStart, np, w[0].toLowerCase());
    const m = lastMentionIn(mentions, npStart, npEnd);
    return { mention: m, speakerStart: npStart, speakerEnd: npEnd, cue: w[0].toLowerCase(), confidence: m ? 0.9 : 0.5 };
  }
  const according = /according to\s+(?<np>[^,.;"“”]{2,100})/iu.exec(tail);
  if (according?.groups) {
    const npStart = from + (according.index ?? 0) + according[0].length - according.groups.np.length;
    const npEnd = npStart + according.groups.np.trimEnd().length;
    const m = lastMentionIn(mentions, npStart, npEnd);
    return { mention: m, speakerStart: npStart, speakerEnd: npEnd, cue: "according to", confidence: m ? 0.85 : 0.5 };
  }
  return null;
}

/** The head of a noun phrase is its last name: "State Department spokeswoman Heather Nauert" is Nauert. */
function lastMentionIn(mentions: EntityMention[], start: number, end: number): EntityMention | null {
  let best: EntityMention | null = null;
  for (const m of mentions) if (m.start >= start && m.end <= end + 1 && (!best || m.end > best.end)) best = m;
  return best;
}

function pronounAttribution(doc: Doc, mentions: EntityMention[], at: number, pronoun: string, cue: string): Attribution {
  const m = resolvePronoun(doc, mentions, pronoun, at);
  return { mention: m, speakerStart: at, speakerEnd: at + pronoun.length, cue, confidence: m ? 0.75 : 0.4 };
}

/** Before the opening mark, in the same sentence: 'X said: "...' or 'X said it was unclear "if ...'. */
function attributeBefore(doc: Doc, mentions: EntityMention[], from: number, to: number): Attribution | null {
  const head = doc.text.slice(from, to);
  const cues = cueWords();
  const words = [...head.matchAll(/[\p{L}']+/gu)];
  for (let k = words.length - 1; k >= 0; k--) {
    const w = words[k][0];
    if (!cues.has(w.toLowerCase())) continue;
    const cueAt = from + (words[k].index ?? 0);
    const prevWord = words[k - 1]?.[0];
    if (prevWord && PRONOUN.test(prevWord)) return pronounAttribution(doc, mentions, from + (words[k - 1].index ?? 0), prevWord, w.toLowerCase());
    const m = mentionBefore(mentions, from, cueAt, (x) => cueAt - x.end < 60);
    if (m) return { mention: m, speakerStart: m.start, speakerEnd: m.end, cue: w.toLowerCase(), confidence: 0.8 };
    const after = mentionAfter(mentions, cueAt + w.length, to, (x) => x.start - cueAt < 30);
    if (after) return { mention: after, speakerStart: after.start, speakerEnd: after.end, cue: w.toLowerCase(), confidence: 0.75 };
    // "..., saying it marked the ...": a participle's speaker is the subject of the sentence
    if (/ing$/.test(w)) {
      const subject = mentionAfter(mentions, from, cueAt, (x) => !/\b(?:in|at|of|for|with|from|to|against|on)\s+(?:the\s+)?$/i.test(doc.text.slice(from, x.start)));
      if (subject) return { mention: subject, speakerStart: subject.start, speakerEnd: subject.end, cue: w.toLowerCase(), confidence: 0.7 };
    }
    // "Clinton says": a capitalised name right before the cue that the recogniser did not mark
    const name = /((?:\p{Lu}[\p{L}'’.-]+\s+){0,2}\p{Lu}[\p{L}'’-]+)\s+(?:\w+\s+)?$/u.exec(doc.text.slice(from, cueAt));
    if (name && !/^(?:The|A|An|It|This|That|But|And|He|She|They|We|I)$/.test(name[1])) {
      const at = from + name.index;
      return { mention: mentionByName(doc, mentions, name[1]), speakerStart: at, speakerEnd: at + name[1].length, cue: w.toLowerCase(), confidence: 0.6 };
    }
  }
  return null;
}

/** The entity a bare name means: a person whose name ends with it ("Clinton" is "Hillary Clinton"). */
function mentionByName(doc: Doc, mentions: EntityMention[], name: string): EntityMention | null {
  const last = name.split(/\s+/).pop() ?? name;
  return mentions.find((m) => m.entity.kind === "person" && m.entity.name.split(/\s+/).pop() === last) ?? null;
}

/** Builds the report's quotes from the "quotes" layer and the resolved entities. */
export function extractQuotes(doc: Doc): Quote[] {
  const mentions = entityMentions(doc);
  const out: Quote[] = [];
  let previous: { quote: Quote; paragraphEnd: number; end: number } | null = null;
  for (const q of doc.layer("quotes")) {
    const outerStart = Number(q.attrs?.outerStart ?? q.start - 1);
    const outerEnd = Number(q.attrs?.outerEnd ?? q.end + 1);
    const first = doc.sentenceAt(outerStart) ?? doc.sentenceAt(q.start);
    const last = doc.sentenceAt(Math.max(q.start, outerEnd - 1)) ?? first;
    const sentenceStart = first?.start ?? q.start;
    const sentenceEnd = last?.end ?? q.end;
    const paragraphStart = doc.text.lastIndexOf("\n", q.start) + 1;
    // quotes inside the same sentence after this one end the search window
    const nextQuote = doc.layer("quotes").find((o) => o.start > q.end && o.start < sentenceEnd);
    const afterEnd = nextQuote ? Number(nextQuote.attrs?.outerStart ?? nextQuote.start) : sentenceEnd;
    const prevQuote = [...doc.layer("quotes")].reverse().find((o) => o.end < q.start && o.end > sentenceStart);
    const beforeStart = prevQuote ? Number(prevQuote.attrs?.outerEnd ?? prevQuote.end) : sentenceStart;

    const attribution = attributeAfter(doc, mentions, outerEnd, afterEnd) ?? attributeBefore(doc, mentions, beforeStart, outerStart) ??
      speakerLabel(doc, mentions, q) ?? introducedBefore(doc, mentions, paragraphStart, outerStart);
    let quote: Quote;
    if (attribution) {
      quote = {
        text: doc.slice(q),
        evidence: [span(doc, q.start, q.end)],
        speaker: attribution.mention?.entity.id ?? null,
        speakerText: doc.text.slice(attribution.speakerStart, attribution.speakerEnd).trim() || null,
        cue: attribution.cue,
        confidence: attribution.confidence,
      };
    } else if (previous && previous.quote.speaker && (paragraphStart <= previous.end || paragraphStart <= previous.paragraphEnd + 1)) {
      quote = { ...continuation(doc, q), speaker: previous.quote.speaker, speakerText: previous.quote.speakerText, cue: previous.quote.cue, confidence: 0.6 };
    } else {
      quote = { ...continuation(doc, q), speaker: null, speakerText: null, cue: null, confidence: 0.3 };
    }
    out.push(quote);
    const paragraphEnd = doc.text.indexOf("\n", q.end);
    previous = { quote, paragraphEnd: paragraphEnd < 0 ? doc.text.length : paragraphEnd, end: q.end };
  }
  return out;
}

/** Transcripts: "PENCE: Well, look, ..." names its speaker in capitals before a colon. */
function speakerLabel(doc: Doc, mentions: EntityMention[], q: LabeledSpan): Attribution | null {
  const m = /^([\p{Lu}][\p{Lu}.'’-]+(?:\s[\p{Lu}][\p{Lu}.'’-]+)?):\s/u.exec(doc.text.slice(q.start, q.end));
  if (!m) return null;
  const label = m[1].toLowerCase();
  const who = mentions.find((x) => x.entity.kind === "person" && x.entity.name.toLowerCase().split(/\s+/).includes(label));
  return { mention: who ?? null, speakerStart: q.start, speakerEnd: q.start + m[1].length, cue: "said", confidence: who ? 0.8 : 0.4 };
}

/** A quote that opens its paragraph after "Caddell continued:" or "He said:" belongs to that speaker. */
function introducedBefore(doc: Doc, mentions: EntityMention[], paragraphStart: number, outerStart: number): Attribution | null {
  if (doc.text.slice(paragraphStart, outerStart).trim() !== "" || paragraphStart < 2) return null;
  const prevEnd = paragraphStart - 1;
  const prevStart = doc.text.lastIndexOf("\n", prevEnd - 1) + 1;
  const line = doc.text.slice(prevStart, prevEnd);
  if (!/:\s*$/.test(line)) return null;
  const found = attributeBefore(doc, mentions, prevStart, prevEnd);
  return found ? { ...found, confidence: Math.min(found.confidence, 0.75) } : null;
}

function continuation(doc: Doc, q: LabeledSpan): Pick<Quote, "text" | "evidence"> {
  return { text: doc.slice(q), evidence: [span(doc, q.start, q.end)] };
}
