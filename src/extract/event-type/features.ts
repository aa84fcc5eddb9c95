/**
 * Features of a happening's text for the event-type models: its words and word pairs, and what our lexicons
 * see in it (event cues with their PLOVER and ACLED types, the words that make a protest a riot, disaster
 * words, generic actors such as "gunmen" or "protesters", kinds of actor heads, victims). The same function
 * reads training texts and, at extraction, the sentences around an event, so both see the same features.
 */
import { loadLexicon } from "../../lexicon.js";

interface Matcher {
  re: RegExp;
  features: string[];
}

let matchers: Matcher[] | undefined;

function phrase(words: string): string {
  return words.trim().split(/\s+/).map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("\\s+");
}

function getMatchers(): Matcher[] {
  if (matchers) return matchers;
  const list: Matcher[] = [];
  for (const r of loadLexicon("en/event-cues.tsv", ["pattern", "type", "priority", "role"])) {
    const sub = r.acled_sub || "-";
    list.push({
      re: new RegExp(`\\b(?:${r.pattern})\\b`, "i"),
      features: [`cue:${r.type}`, `cue:${r.type}:${r.mode || "-"}`, `cuesub:${sub}`, `cuecat:${r.category || "-"}`, `cuerole:${r.role}:${sub}`],
    });
  }
  for (const r of loadLexicon("en/event-modifiers.tsv", ["pattern", "applies_to", "acled_event", "acled_sub"])) {
    list.push({ re: new RegExp(`\\b(?:${r.pattern})\\b`, "i"), features: [`mod:${r.acled_sub}`] });
  }
  for (const r of loadLexicon("en/disaster-cues.tsv", ["pattern", "category"])) {
    list.push({ re: new RegExp(`\\b(?:${r.pattern})\\b`, "i"), features: [`disaster:${r.category}`] });
  }
  for (const r of loadLexicon("en/generic-actors.tsv", ["noun", "name", "kind"])) {
    list.push({ re: new RegExp(`\\b${phrase(r.noun)}\\b`, "i"), features: [`actor:${r.kind}`, `actor:${r.kind}:${r.name}`] });
  }
  for (const r of loadLexicon("en/actor-heads.tsv", ["head", "kind"])) {
    list.push({ re: new RegExp(`\\b${phrase(r.head)}\\b`, "i"), features: [`head:${r.kind}`] });
  }
  for (const r of loadLexicon("en/victims.tsv", ["noun", "victims"])) {
    list.push({ re: new RegExp(`\\b${phrase(r.noun)}\\b`, "i"), features: [`victim:${r.victims}`] });
  }
  matchers = list;
  return list;
}

const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}]+)?/gu;

/** Lower-cased words of a text, digits folded to 0 so that numbers do not become features one by one. */
export function words(text: string): string[] {
  return (text.toLowerCase().match(WORD) ?? []).map((w) => w.replace(/\d/g, "0"));
}

/** The feature strings of one text. `extra` adds what the caller knows beyond the text (e.g. the actors' kinds). */
export function eventTypeFeatures(text: string, extra: readonly string[] = []): string[] {
  const out = new Set<string>(["bias"]);
  const ws = words(text);
  for (let i = 0; i < ws.length; i++) {
    out.add(`w:${ws[i]}`);
    if (i + 1 < ws.length) out.add(`b:${ws[i]}_${ws[i + 1]}`);
  }
  for (const m of getMatchers()) if (m.re.test(text)) for (const f of m.features) out.add(f);
  for (const f of extra) out.add(f);
  return [...out];
}
