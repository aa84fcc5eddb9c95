/**
 * Entities: every actor mention merged into one real-world actor. Lexicon names and aliases, acronyms defined
 * in the text, surnames ("Nauert" = "Heather Nauert", in either order), definite descriptions ("the coalition"),
 * with roles from titles and appositions, and affiliations from "US-backed".
 */
import type { Doc, LabeledSpan } from "../doc/index.js";
import { span, SpanSet } from "../doc/index.js";
import type { Entity, EntityKind, Place } from "../report.js";
import { documentFocus } from "./places.js";
import { actorLexicon, actorWordLists, NAME_WORD } from "../nlp/actors.js";
import { loadGazetteer } from "./geo/index.js";
import { escapeRegExp, loadLexicon } from "../lexicon.js";

interface Draft {
  key: string;
  name: string;
  kind: EntityKind;
  country: string | null;
  aliases: Set<string>;
  roles: Set<string>;
  affiliations: Set<string>;
  mentions: { start: number; end: number }[];
  first: number;
}

const NOT_NAME = /^(?:The|A|An|But|And|However|Although|While|When|After|Before|In|On|At|It|He|She|They|We|This|That|These|Those|Last|Next|Read|More|Mr|Mrs|Ms|Dr|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|June|July|August|September|October|November|December)$/;


let communityNames: Map<string, string> | undefined;
function communities(): Map<string, string> {
  communityNames ??= new Map(loadLexicon("en/communities.tsv", ["adjective", "name"]).map((r) => [r.adjective, r.name]));
  return communityNames;
}

let titleSet: Set<string> | undefined;
function titleWords(): Set<string> {
  titleSet ??= new Set(actorWordLists().titles.filter((t) => t.words.length === 1).map((t) => t.words[0]));
  return titleSet;
}

let roleModifiers: Set<string> | undefined;

/** Role words before a name: "SDF spokesman", "German Development Minister", "army spokesman Brigadier". */
function roleBefore(doc: Doc, titleToken: number, nameToken: number): string {
  roleModifiers ??= new Set(loadLexicon("en/role-modifiers.tsv", ["word"]).map((r) => r.word));
  const { titles } = actorWordLists();
  const titleWords = new Set(titles.map((t) => t.words[t.words.length - 1]));
  let first = titleToken;
  for (let k = titleToken - 1; k >= 0 && titleToken - k <= 6; k--) {
    const w = doc.tokenText(k);
    const sameSentence = doc.sentenceAt(doc.tokens[k].start) === doc.sentenceAt(doc.tokens[titleToken].start);
    if (!sameSentence) break;
    const fits = (/^[\p{Lu}]/u.test(w) && !NOT_NAME.test(w)) || roleModifiers.has(w.toLowerCase()) || titleWords.has(w.toLowerCase()) || w === "'s" || w === "’s";
    if (!fits) break;
    first = k;
  }
  while (first < titleToken && /^['’]s$/.test(doc.tokenText(first))) first++;
  return doc.text.slice(doc.tokens[first].start, doc.tokens[nameToken - 1].end);
}

/**
 * "Brett McGurk, the US envoy for the global coalition against IS", "Brian Otieno, a 23-year-old graduate,",
 * "Mahamat Saleh, who runs a grocery": the apposition or relative clause after a person's name is a role.
 */
function appositionAfter(doc: Doc, end: number, requireTitle = true): string | null {
  const rest = doc.text.slice(end, end + 160);
  const relative = /^,\s+who\s+(?:is|was|has been)?\s*(?:(?:the|a|an)\s+)?([^,.;:"“”()]{3,90}?)(?=[,.;:"“”()]|$)/.exec(rest);
  if (relative && !requireTitle) return relative[1].trim();
  const m = /^,\s+(?:(?:the|a|an)\s+)?([^,.;:"“”()]{3,120}?)(?=[,.;:"“”()]|\s+(?:said|told|says)\b|$)/.exec(rest);
  if (!m) return null;
  const role = m[1].trim();
  if (role.split(/\s+/).length > 14 || /^(?:said|told|says|and|but|who|which|where|when)\b/i.test(role)) return null;
  const { titles } = actorWordLists();
  const lower = role.toLowerCase();
  const hasTitle = titles.some((t) => lower.split(/\s+/).some((w) => w === t.words[t.words.length - 1]));
  // without a title word, only a described person ("a 23-year-old graduate") counts, not any phrase
  if (!hasTitle && (requireTitle || !/^(?:a|an|the)\s/i.test(rest.slice(2).trimStart()))) return null;
  return role;
}

/** "the army's spokesman in North Kivu, Lieutenant Colonel Patrick Mbuyi": the role set before the name. */
function appositionBefore(doc: Doc, start: number): string | null {
  const head = doc.text.slice(Math.max(0, start - 160), start);
  // titles glued to the name ("Lieutenant Colonel") are skipped; the role phrase ends at a comma before them
  const m = /(?:^|[.;:,(]\s*|\n)(?:the\s+)([^,.;:"“”()\n]{3,90}),\s+(?:[\p{Lu}][\p{L}.]*\s+){0,3}$/u.exec(head);
  if (!m) return null;
  const role = m[1].trim();
  const { titles } = actorWordLists();
  const words = role.toLowerCase().split(/\s+/);
  return titles.some((t) => words.includes(t.words[t.words.length - 1])) ? role : null;
}

/**
 * People the tagger may have missed: a capitalised name next to a speech verb ("said Brett McGurk",
 * "Nauert said") or followed by an apposition with a title.
 */
function ruleBasedPeople(doc: Doc, taken: SpanSet): LabeledSpan[] {
  const { speech } = actorWordLists();
  const out: LabeledSpan[] = [];
  const n = doc.tokens.length;
  const isTaken = (i: number) => taken.overlaps(doc.tokens[i].start, doc.tokens[i].end);
  const nameRun = (from: number, step: 1 | -1): [number, number] | null => {
    let i = from;
    const run: number[] = [];
    while (i >= 0 && i < n && run.length < 4 && NAME_WORD.test(doc.tokenText(i)) && !NOT_NAME.test(doc.tokenText(i)) && !isTaken(i)) {
      run.push(i);
      i += step;
    }
    if (run.length === 0) return null;
    const a = Math.min(...run);
    const b = Math.max(...run) + 1;
    return [a, b];
  };
  for (let i = 0; i < n; i++) {
    const w = doc.tokenText(i).toLowerCase();
    if (speech.has(w)) {
      const after = nameRun(i + 1, 1);
      if (after && (after[1] - after[0] >= 2 || doc.tokenText(after[1]) === "," )) {
        out.push({ start: doc.tokens[after[0]].start, end: doc.tokens[after[1] - 1].end, label: "PER", score: 0.7 });
      }
      const before = nameRun(i - 1, -1);
      if (before) out.push({ start: doc.tokens[before[0]].start, end: doc.tokens[before[1] - 1].end, label: "PER", score: 0.6 });
    }
  }
  for (let i = 0; i + 1 < n; i++) {
    const run = nameRun(i, 1);
    if (!run) continue;
    if (run[1] - run[0] >= 2 && appositionAfter(doc, doc.tokens[run[1] - 1].end)) {
      out.push({ start: doc.tokens[run[0]].start, end: doc.tokens[run[1] - 1].end, label: "PER", score: 0.7 });
    }
    i = run[1] - 1;
  }
  return out;
}

let keywords: { re: RegExp; kind: EntityKind; rank: number }[] | undefined;

/** The kind an organisation's name tells: strong keywords ("Liberation"), then the head word ("Ministry"). */
export function kindFromName(rawName: string): EntityKind {
  const name = rawName.replace(/[’‘]/g, "'");
  keywords ??= loadLexicon("en/org-keywords.tsv", ["word", "kind", "rank"]).map((r) => ({
    re: new RegExp(`(?:^|[\\s-])${escapeRegExp(r.word)}(?:$|[\\s-])`, "i"),
    kind: r.kind as EntityKind,
    rank: Number(r.rank),
  }));
  const strong = keywords.find((k) => k.rank === 1 && k.re.test(name));
  if (strong) return strong.kind;
  const { orgHeads } = actorWordLists();
  // the head of "Armed Forces of the Philippines" is "Forces": the last word before "of"
  const words = name.toLowerCase().split(/\s+(?:of|for|to|on)\s+/)[0].split(/\s+/);
  const head = orgHeads.get(words[words.length - 1]) ?? orgHeads.get(words[0]);
  if (head) return head;
  return keywords.find((k) => k.rank === 2 && k.re.test(name))?.kind ?? "organization";
}

/** Resolves the doc's actor mentions into entities (ids e1, e2, ... in order of first mention). */
export function resolveEntities(doc: Doc, places: Place[] = []): Entity[] {
  const focus = documentFocus(places);
  const lexicon = actorLexicon();
  const gaz = loadGazetteer();
  const drafts = new Map<string, Draft>();
  const taken = new SpanSet();

  const upsert = (key: string, name: string, kind: EntityKind, country: string | null, m: { start: number; end: number }): Draft => {
    let d = drafts.get(key);
    if (!d) {
      d = { key, name, kind, country, aliases: new Set(), roles: new Set(), affiliations: new Set(), mentions: [], first: m.start };
      drafts.set(key, d);
    }
    d.aliases.add(doc.slice(m).replace(/^the\s+/i, ""));
    if (!d.mentions.some((x) => x.start === m.start && x.end === m.end)) d.mentions.push({ start: m.start, end: m.end });
    d.first = Math.min(d.first, m.start);
    taken.add(m);
    return d;
  };

  // acronyms defined in the text: both forms name the lexicon actor when either is known
  const acronymKey = new Map<string, string>();
  // ("Armed Forces of the Philippines (AFP)" is not the news agency): the long form decides
  for (const a of doc.layer("acronyms")) {
    const surface = doc.slice(a);
    const long = a.label === "long" ? surface : a.kb ?? surface;
    const short = a.label === "short" ? surface : a.kb ?? surface;
    let row = lexicon.byName.get(long.toLowerCase());
    // "Tehreek-e-Taliban Pakistan (TTP)" is the lexicon's "Tehrik-i-Taliban Pakistan": same acronym, a shared name word
    const byShort = lexicon.byName.get(short.toLowerCase());
    if (!row && byShort && sharesNameWord(long, [byShort.name, ...byShort.aliases])) row = byShort;
    acronymKey.set(surface, row?.name ?? long);
  }

  for (const m of doc.layer("actors")) {
    const surface = doc.slice(m);
    const row = lexicon.byName.get((m.kb ?? "").toLowerCase());
    const key = acronymKey.get(surface) ?? row?.name ?? m.kb ?? surface;
    const known = lexicon.byName.get(key.toLowerCase());
    if (m.label === "person") {
      const d = upsert(`person:${surface}`, surface, "person", null, m);
      const titleToken = Number(m.attrs?.titleStart);
      const titleEnd = Number(m.attrs?.titleEnd);
      if (Number.isFinite(titleToken)) d.roles.add(roleBefore(doc, titleToken, Number.isFinite(titleEnd) ? titleEnd : doc.tokenAt(m.start)));
      continue;
    }
    if (m.attrs?.generic === "yes") {
      // "the rebels" after "M23" is M23; with no named group before it, the unnamed group itself
      const named = m.attrs.unidentified === "yes" && m.label === "armed_group"
        ? [...drafts.values()].filter((d) => d.kind === "armed_group" && !d.key.startsWith("generic:") && d.first < m.start).pop()
        : undefined;
      // the state's own forces and government, unnamed: the country the article is about
      const state = (m.label === "government" || m.label === "military") && focus?.country ? gaz.country(focus.country) : null;
      if (state) {
        const demonym = state.demonyms[0] ?? state.name;
        const stateKey = m.label === "government" && key === "government" ? `government:${state.code}` : `${m.label}:${state.code}:${key}`;
        const existing = drafts.get(stateKey);
        upsert(stateKey, existing?.name ?? `${demonym} ${key}`, m.label as EntityKind, state.code, m);
        continue;
      }
      const d = named ? upsert(named.key, named.name, named.kind, named.country, m) : upsert(`generic:${key}`, key, m.label as EntityKind, null, m);
      if (!named && m.attrs.unidentified === "yes") d.roles.add("unidentified");
      continue;
    }
    const definedInText = acronymKey.has(surface) && !lexicon.byName.get(acronymKey.get(surface)!.toLowerCase());
    const kind = definedInText ? kindFromName(key) : known?.kind ?? (m.label === "organization" ? kindFromName(key) : (m.label as EntityKind));
    const country = definedInText ? m.attrs?.country ?? null : known?.country ?? m.attrs?.country ?? null;
    // one government per country, whatever stood for it: "the German government", "Berlin", "the White House"
    const isGovernment = kind === "government" && country !== null && /government$/i.test(known?.name ?? key);
    // "Iraqi forces" here and "the troops" there are one force: keyed by country and head noun
    const stateForce = !known && !isGovernment && country !== null && (kind === "military" || kind === "government") && / /.test(key)
      ? `${kind}:${country}:${key.split(" ").slice(1).join(" ")}`
      : null;
    const d = upsert(isGovernment ? `government:${country}` : stateForce ?? key, definedInText ? key : known?.name ?? key, kind, country, m);
    if (isGovernment && known) d.name = known.name;
  }

  // statistical mentions the rules did not cover, then rule-based people
  const placeSpans = new Set(places.flatMap((p) => p.mentions.map((x) => `${x.start}:${x.end}`)));
  const extra = [...doc.layer("ner").filter((s) => s.label === "PER" || s.label === "ORG"), ...ruleBasedPeople(doc, taken)];
  for (const m of extra.sort((a, b) => a.start - b.start)) {
    if (taken.overlaps(m.start, m.end)) continue;
    let surface = doc.slice(m);
    const possessive = /['’]s$/.exec(surface);
    if (possessive) surface = surface.slice(0, -2);
    const mention = { start: m.start, end: m.start + surface.length };
    if (m.label === "PER") {
      if (gaz.countryByName(surface) || /^[\p{Lu}\d.-]+$/u.test(surface)) continue; // "Iraqi", "US": not people
      // a span the resolver read as a place ("Negros Occidental", a province the tagger took for a name)
      if (placeSpans.has(`${m.start}:${m.end}`)) continue;
      // "Officer Kashif Mehmood": the tagger took the title in; it is the role, not the name
      const words = surface.split(/\s+/);
      let lead = 0;
      while (lead < words.length - 1 && titleWords().has(words[lead].toLowerCase())) lead++;
      if (lead > 0) {
        const name = words.slice(lead).join(" ");
        const at = m.start + surface.length - name.length;
        const d = upsert(`person:${name}`, name, "person", null, { start: at, end: at + name.length });
        d.roles.add(roleBefore(doc, doc.tokenAt(m.start), doc.tokenAt(at)));
        continue;
      }
      upsert(`person:${surface}`, surface, "person", null, mention);
    } else {
      const row = lexicon.byName.get(surface.toLowerCase());
      const agency = doc.meta.credits.agencies.some((a) => a.toLowerCase() === surface.toLowerCase());
      upsert(row?.name ?? surface, row?.name ?? surface, row?.kind ?? (agency ? "media" : kindFromName(surface)), row?.country ?? null, mention);
    }
  }

  // credited reporters and editors are people of the report, though the credit line is not body text
  for (const c of doc.meta.credits.contributors ?? []) {
    if (c.name.split(/\s+/).length < 2 || [...drafts.values()].some((d) => d.name === c.name)) continue;
    drafts.set(`person:${c.name}`, { key: `person:${c.name}`, name: c.name, kind: "person", country: null, aliases: new Set(), roles: new Set([c.role]), affiliations: new Set(), mentions: [], first: doc.text.length });
  }
  mergeSurnames(drafts);
  addAppositions(doc, drafts);
  linkDefiniteDescriptions(doc, drafts, taken);
  linkTitleReferences(doc, drafts, taken);
  addAffiliations(doc, drafts, gaz);

  const ordered = [...drafts.values()].sort((a, b) => a.first - b.first);
  const idOf = new Map(ordered.map((d, i) => [d.key, `e${i + 1}`]));
  return ordered.map((d, i) => ({
    id: `e${i + 1}`,
    name: d.name,
    kind: d.kind,
    aliases: [...d.aliases].filter((a) => a !== d.name),
    roles: [...d.roles],
    country: d.country,
    affiliations: [...d.affiliations].map((k) => idOf.get(k)).filter((x): x is string => !!x),
    mentions: d.mentions.sort((a, b) => a.start - b.start).map((m) => span(doc, m.start, m.end)),
  }));
}

function sharesNameWord(a: string, names: string[]): boolean {
  const words = (s: string) => s.toLowerCase().split(/[\s-]+/).filter((x) => x.length >= 4);
  const mine = new Set(words(a));
  return names.some((n) => words(n).some((x) => mine.has(x)));
}

/** "Nauert" and "Heather Nauert" are one person, whichever comes first; the fuller name wins. */
function mergeSurnames(drafts: Map<string, Draft>): void {
  const people = [...drafts.values()].filter((d) => d.kind === "person");
  const full = people.filter((d) => d.name.split(/\s+/).length >= 2);
  for (const d of people) {
    const parts = d.name.split(/\s+/);
    const target = full.find((f) => f !== d && (parts.length === 1
      ? f.name.split(/\s+/).pop() === d.name
      : f.name.endsWith(` ${d.name}`) && f.name.length > d.name.length));
    if (!target) continue;
    d.mentions.forEach((m) => target.mentions.push(m));
    d.aliases.forEach((a) => target.aliases.add(a));
    d.roles.forEach((r) => target.roles.add(r));
    target.first = Math.min(target.first, d.first);
    drafts.delete(d.key);
  }
}

function addAppositions(doc: Doc, drafts: Map<string, Draft>): void {
  for (const d of drafts.values()) {
    if (d.kind !== "person") continue;
    for (const m of d.mentions) {
      const role = appositionAfter(doc, m.end, false);
      if (role) d.roles.add(role);
      const before = appositionBefore(doc, m.start);
      if (before) d.roles.add(before);
    }
  }
}

const DEFINITE = /\b[Tt]he\s+((?:[a-z-]+\s+){0,2}?)(coalition|group|militia|movement|alliance|organisation|organization|agency|army|observatory)\b/g;

/** "the coalition", "the militant group": the nearest earlier entity whose name ends in that head. */
function linkDefiniteDescriptions(doc: Doc, drafts: Map<string, Draft>, taken: SpanSet): void {
  DEFINITE.lastIndex = 0;
  for (let m = DEFINITE.exec(doc.text); m; m = DEFINITE.exec(doc.text)) {
    const start = m.index + m[0].indexOf(m[1] || m[2]);
    const end = m.index + m[0].length;
    if (taken.overlaps(start, end)) continue;
    const head = m[2].toLowerCase();
    let best: Draft | null = null;
    let bestAt = -1;
    for (const d of drafts.values()) {
      const nameHasHead = d.name.toLowerCase().includes(head) || [...d.aliases].some((a) => a.toLowerCase().includes(head));
      const fitsGroup = head === "group" && (d.kind === "armed_group" || d.kind === "organization");
      if (!nameHasHead && !fitsGroup) continue;
      const before = d.mentions.filter((x) => x.end <= start).map((x) => x.start);
      const at = before.length ? Math.max(...before) : -1;
      if (at > bestAt) {
        best = d;
        bestAt = at;
      }
    }
    if (best) best.mentions.push({ start: m.index, end });
  }
}

/**
 * "the spokesman said", "the minister added": a title alone refers to the person last named with that title.
 * Only titles a person in the article carries are linked, and only forward from that person's first mention.
 */
function linkTitleReferences(doc: Doc, drafts: Map<string, Draft>, taken: SpanSet): void {
  const people = [...drafts.values()].filter((d) => d.kind === "person" && d.roles.size > 0);
  if (people.length === 0) return;
  const titles = [...titleWords()].filter((t) => /^[a-z-]+$/.test(t)).join("|");
  const re = new RegExp(`\\b[Tt]he\\s+((?:[a-z]+\\s+)?(?:${titles}))\\b(?!\\s+(?:of|for)\\b)`, "g");
  for (let m = re.exec(doc.text); m; m = re.exec(doc.text)) {
    const start = m.index;
    const end = m.index + m[0].length;
    if (taken.overlaps(start, end)) continue;
    const title = m[1].split(/\s+/).pop() ?? m[1];
    let best: Draft | null = null;
    let bestAt = -1;
    for (const d of people) {
      if (![...d.roles].some((r) => r.toLowerCase().split(/\s+/).includes(title))) continue;
      const before = d.mentions.filter((x) => x.end <= start).map((x) => x.start);
      const at = before.length ? Math.max(...before) : -1;
      if (at > bestAt) {
        best = d;
        bestAt = at;
      }
    }
    if (best) best.mentions.push({ start, end });
  }
}

/** "US-backed Coastal Defence Forces": the backer becomes an affiliation; "UK-based" sets the country. */
function addAffiliations(doc: Doc, drafts: Map<string, Draft>, gaz: ReturnType<typeof loadGazetteer>): void {
  for (const d of [...drafts.values()]) {
    for (const m of d.mentions) {
      const before = doc.text.slice(Math.max(0, m.start - 40), m.start);
      const backed = /(?:^|\s)(?:the\s+)?([\p{Lu}][\p{L}.]*)-(backed|led|based|allied|funded|supported|dominated)\s+(?:[\p{L}-]+\s+)?$/u.exec(before);
      if (!backed) continue;
      // a community adjective ("Kurdish") wins over a country some gazetteer files it under
      const community = communities().get(backed[1]);
      const country = community ? null : gaz.countryByName(backed[1]);
      if (community && backed[2] !== "based") {
        // "the Kurdish-led militia": the community it belongs to, as an entity of its own
        const key = `community:${community}`;
        let c = drafts.get(key);
        const at = m.start - before.length + backed.index + backed[0].indexOf(backed[1]);
        if (!c) {
          c = { key, name: community, kind: "other", country: null, aliases: new Set(), roles: new Set(), affiliations: new Set(), mentions: [], first: at };
          drafts.set(key, c);
        }
        if (!c.mentions.some((x) => x.start === at)) c.mentions.push({ start: at, end: at + backed[1].length });
        c.aliases.add(backed[1]);
        c.first = Math.min(c.first, at);
        d.affiliations.add(key);
        continue;
      }
      if (!country) continue;
      if (backed[2] === "based") {
        d.country ??= country.code;
        continue;
      }
      if (backed[2] === "led" && d.country === null) d.country = country.code;
      if (backed[2] === "backed" || backed[2] === "funded" || backed[2] === "supported" || backed[2] === "allied") {
        const key = `country:${country.code}`;
        let c = drafts.get(key);
        if (!c) {
          c = { key, name: country.name, kind: "country", country: country.code, aliases: new Set(), roles: new Set(), affiliations: new Set(), mentions: [], first: m.start };
          drafts.set(key, c);
        }
        const at = m.start - before.length + backed.index + backed[0].indexOf(backed[1]);
        c.mentions.push({ start: at, end: at + backed[1].length });
        c.aliases.add(backed[1]);
        c.first = Math.min(c.first, at);
        d.affiliations.add(key);
      }
    }
  }
}
