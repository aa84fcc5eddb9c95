/**
 * The event's place: which of the report's places is where an event happened. The one place `event.place` is
 * decided; the choice and its score go into `event.decisions.place` (`sitrep extract --explain`).
 *
 * - "sentence": the places named in the event's own sentence, scored by how the text attaches them (a locative
 *   word before the name, closeness to the cue, the most specific place, a located place over one we cannot
 *   locate; not the area that qualifies the name before it, "X, Y"; less for a reading the geocoder doubts);
 * - "paragraph": a sentence that names no place continues the story told before it ("Gunmen attacked a convoy
 *   near Kolda. Two soldiers died."): the place of the last event before it in its paragraph (where we cannot
 *   locate that place, the located place its sentence names best); with no event before it there, the place an
 *   earlier sentence of the paragraph puts something "in", "at", "near" or "on the outskirts of", else the one
 *   the paragraph's next sentence does ("Two herders were killed. The raid took place near Kolda.").
 * - "story": a happening neither places, once its mentions are framed (`storyPlaceChoice`), is where the report
 *   tells its story: the first town or area below a country it names and locates, read among the report's other
 *   places ("Bandits shot two herders. LOCATION: Seno district."). A report is written about the places it names;
 *   an event it does not place happened, most likely, at the first.
 * A country or its people named before a noun ("Malian troops") says whose, not where: never a candidate unless a
 * locative word puts it as the place.
 */
import type { Doc, Sentence } from "../../doc/index.js";
import type { Decision, Place, Span } from "../../report.js";
import { isContainerGap } from "../../resolve/places/context.js";
import { getLexicons, namesCurrencyAt } from "../../resolve/places/toponym.js";
import { areaKey, loadCueWords } from "../../resolve/geo/designators.js";
import { haversineKm } from "../../resolve/geo/distance.js";
import { eventPlaceFeatures } from "./features.js";
import { eventPlaceModel, scoreEventPlace } from "./model.js";

/** A word that puts a place after it as where something happened: "in", "at", "near" (up to two words between,
 *  a possessive among them: "in northern Senegal's Kolda region"). */
const PLACE_PREPOSITION = /\b(?:in|at|near|outside|on|across|into|around|of|from)\s+(?:the\s+)?(?:[\p{L}-]+(?:['’]s)?\s+){0,2}$/iu;

/** A locative word, then a capitalised name (a word for its kind may follow) and an opening bracket: "in Brindle
 *  (", "at Brindle village (". */
const BRACKET_AFTER_PLACED_NAME = /\b(?:in|at|near)\s+(?:the\s+)?(?:\p{Lu}[\p{L}'’-]*\s+){1,3}(?:\p{Ll}+\s+)?\(\s*$/u;

/** "from" before a name, with "the" or the word for a place's kind and "of" between: "from Kolda", "from the
 *  town of Kolda". */
const ORIGIN = /\bfrom\s+(?:the\s+)?(?:(?:village|town|city|district|area|region|province|neighbo(?:u)?rhood)\s+of\s+(?:the\s+)?)?$/i;

export interface PlaceChoice {
  place: Place;
  decision: Decision;
}

/** The place mentions of `sentence` that can say where something happened, each with its place. */
export function mentionsIn(doc: Doc, sentence: Sentence, places: readonly Place[]): { place: Place; mention: Span }[] {
  // a place named inside an organisation's name ("The Washington Post", "Air France") is a mention of the place,
  // not where anything happened
  const organisations = doc.layer("ner").filter((s) => (s.label === "ORG" || s.label === "MISC") && s.end > sentence.start && s.start < sentence.end);
  const out: { place: Place; mention: Span }[] = [];
  for (const place of places) {
    for (const m of place.mentions) {
      if (m.start < sentence.start || m.end > sentence.end) continue;
      // (but not a name the tagger calls an organisation that is only the place and the word for its kind after
      // it: "Kolda Region", "Kolda County"; nor a road the tagger calls one: "the Kolda-Seno road"; nor an
      // organisation's building a locative word puts something at: "outside the Kolda Press Club" is in Kolda)
      if (!namesRoadAfter(doc.text.slice(m.end, m.end + 60)) &&
        organisations.some((o) => o.start <= m.start && m.end <= o.end && o.end - o.start > m.end - m.start && !onlyKindAfter(doc.text.slice(o.start, m.start), doc.text.slice(m.end, o.end)) &&
          !SITE_BEFORE.test(doc.text.slice(Math.max(sentence.start, o.start - 24), o.start)))) continue;
      // "the US dollar", "Egyptian pounds": a place's name before a currency names the money, not where
      if (namesCurrencyAt(doc.text, m.end)) continue;
      // a country or its people's name before a noun ("Malian troops", "the Kenya police") says whose, not
      // where; unless a locative word puts it as the place ("in Mali on Monday")
      if (ownerNotPlace(doc, sentence, place, m)) continue;
      out.push({ place, mention: m });
    }
  }
  return out;
}

/** Words that put something at a building right after them: "at", "outside", "in front of" ("the" between at most). */
const SITE_BEFORE = /\b(?:at|outside|inside|in front of)\s+(?:the\s+)?$/i;

let kindAfter: RegExp | undefined;

/** Whether an organisation's span is only a place's name (`before` and `after` it in the span) and a word after it
 *  for its kind ("County", "Region", "District": lexicons/en/place-cues.tsv). */
function onlyKindAfter(before: string, after: string): boolean {
  if (before.trim() !== "") return false;
  if (!kindAfter) {
    const words = loadCueWords().filter((c) => c.position !== "before").map((c) => c.word.replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replace(/\s+/g, "\\s+"));
    kindAfter = new RegExp(`^\\s+(?:${words.join("|")})$`, "i");
  }
  return kindAfter.test(after);
}

/** Whether the mention `m` of a country, or a demonym, modifies the noun after it rather than placing anything. */
function ownerNotPlace(doc: Doc, sentence: Sentence, place: Place, m: Span): boolean {
  if (place.precision !== 4 && place.decidedBy !== "demonym") return false;
  // "at" before a people's name aims at them ("fired at Senegalese troops"); it places only a country's name
  const locative = place.decidedBy === "demonym" ? /\b(?:in|near|across|throughout|inside|outside)\s+(?:the\s+)?(?:\p{Ll}+\s+)?$/u : /\b(?:in|at|near|across|throughout|inside|outside)\s+(?:the\s+)?(?:\p{Ll}+\s+)?$/u;
  if (locative.test(doc.text.slice(Math.max(sentence.start, m.start - 32), m.start))) return false;
  return /^\s+\p{Ll}/u.test(doc.text.slice(m.end, m.end + 3));
}

/** How the text attaches a place mention as where something happened (the distance to a cue aside); `others` are
 *  the sentence's place mentions. */
function attachment(doc: Doc, sentence: Sentence, place: Place, m: Span, others: readonly { place?: Place; mention: Span }[], doubtful: ReadonlySet<Place> = new Set()): number {
  const before = doc.text.slice(sentence.start, m.start);
  let score = 0;
  // the area that qualifies the name before it ("Kolkoa, Sahel", "Kolkoa village (Seno, Sahel)") says which
  // Kolkoa, not where it happened: the place it qualifies is the more specific ("Kolkoa" over "Sahel" in "Kolkoa,
  // Sahel"); areas in a chain are listed smallest first, so each one further along holds the ones before
  // it and says less of where: "Kolkoa village (Seno township, Sahel region)" is in Kolkoa, Seno, then Sahel
  score -= 6 * qualifierDepth(doc, m, others, doubtful);
  // a place read from a name it is part of ("the Kolkoa Road"), or a reading the geocoder doubts, says less
  if (place.decidedBy === "inside-name") score -= 6;
  // so does a name that is part of a road's ("the Kolda bypass", "the Kolda-Seno highway"): a road runs between
  // places, and the town it is named after says less of where than a place the sentence puts it in
  if (namesRoadAfter(doc.text.slice(m.end, m.end + 60))) score -= 10;
  if (place.decidedBy === "ranker") score -= 3 * (1 - (place.score ?? 1));
  if (PLACE_PREPOSITION.test(before)) score += 5;
  // the area in brackets after a name that a locative word puts as the place, where that name is none we read as
  // a place ("in Brindle (Oxmouth district, ...)" with Brindle unknown): the area is where it happened, as far as
  // we can tell
  else {
    const at = before.search(BRACKET_AFTER_PLACED_NAME);
    if (at >= 0 && !others.some((o) => o.mention.start >= sentence.start + at && o.mention.end <= m.start)) score += 5;
  }
  if (/\bborder with\s+(?:the\s+)?$/i.test(before)) score -= 8; // a reference point, not where it happened
  // "from" says where someone or something came from ("militiamen from Kolda", "youths from the village of
  // Kolda"), not where it happened: it attaches nothing; "to" says where they went, less than where it happened
  if (ORIGIN.test(before)) score -= 7;
  else if (/\bto\s+(?:the\s+)?$/i.test(before)) score -= 2;
  score += (4 - place.precision) * 3; // the most specific place named
  // of two areas, a district is more specific than the province that holds it ("Kolda district, Casamance")
  if (place.featureType === "admin2") score += 2;
  // a street or building we cannot locate ("the Indus Highway on the outskirts of Dera Ismail Khan") says
  // less about where it happened than the town named beside it
  if (place.lat === null) score -= 10;
  return score;
}

let roadNamedAfter: RegExp | undefined;

/** Whether `after`, the text after a place's name, names a road after it: the word for a road
 *  (lexicons/en/route-words.tsv), other names joined by hyphens between at most ("Kolda bypass", "Kolda-Seno
 *  highway", "Kolda - Seno main road"); not one that a capitalised word continues ("Kolda Road Authority"). */
function namesRoadAfter(after: string): boolean {
  roadNamedAfter ??= new RegExp(
    `^(?:\\s*[-–]\\s*\\p{Lu}[\\p{L}'’]*)*\\s+(?:main\\s+|national\\s+|ring\\s+)?(?:${getLexicons().roads.map((w) => `[${w[0].toUpperCase()}${w[0]}]${w.slice(1)}`).join("|")})\\b(?!\\s+\\p{Lu})`,
    "u",
  );
  return roadNamedAfter.test(after);
}

/** How many names before mention `m` qualify one another in a chain that ends at it: 0 for a name not after a
 *  comma or a bracket that places a name before it, 1 for "Sahel" in "Kolkoa, Sahel", 2 for "Sahel" in "Kolkoa
 *  (Seno, Sahel)". A link holds neither where the name before holds the one after it (`broaderThan`: a town in
 *  brackets after a country or a province, "in western Senegal (Kolda)", "across Casamance (Kolda)", says where
 *  in it, not what holds it), nor where the name before is a reading we doubt (`doubtful`: a namesake misread
 *  cannot be the specific place). */
export function qualifierDepth(doc: Doc, m: Span, others: readonly { place?: Place; mention: Span }[], doubtful: ReadonlySet<Place> = new Set()): number {
  return Math.max(chainDepth(doc, m, others, doubtful), bracketDepth(doc, m, others, doubtful) ?? 0);
}

/** A bracket's items before a name in it: each up to 60 characters, no bracket, ending in a comma. */
const BRACKET_ITEMS = /^(?:[^,()]{1,60},\s*)*$/u;

/**
 * How deep inside a bracket of areas after a name mention `m` stands, whether or not we read the bracket's other
 * items as places: null outside one, 1 for the first item of "Kolkoa village (Seno, Sahel)", 2 for the second. Such a
 * bracket lists the areas the name before it lies in, smallest first, so each item holds the ones before it
 * ("Tallago town (Sebba Sadar, Sahel)" is in Sahel whether or not "Sebba Sadar" is a place we know). Not a
 * bracket after a country or a province that holds the name (`broaderThan`: "in western Senegal (Kolda)"), nor
 * one that does not follow a word ("(Kolda)" at the start of a line).
 */
function bracketDepth(doc: Doc, m: Span, others: readonly { place?: Place; mention: Span }[], doubtful: ReadonlySet<Place>): number | null {
  const from = Math.max(0, m.start - 200);
  const before = doc.text.slice(from, m.start);
  const open = before.lastIndexOf("(");
  if (open < 0 || !/\p{L}\s*$/u.test(before.slice(0, open))) return null;
  const inside = before.slice(open + 1);
  if (!BRACKET_ITEMS.test(inside)) return null;
  const here = others.find((o) => o.mention === m)?.place;
  // the name the bracket follows, with at most words for its kind between
  let head: { place?: Place; mention: Span } | null = null;
  for (const o of others) if (o.mention.end <= from + open && (!head || o.mention.end > head.mention.end)) head = o;
  const adjacent = head !== null && /^(?:\s+\p{Ll}+){0,2}\s*$/u.test(doc.text.slice(head.mention.end, from + open));
  // "Kolda city (Kolda region)": the name read again for its area is no other place
  if (adjacent && head?.place && here && (head.place === here || broaderThan(head.place, here))) return 0;
  const items = inside.split(",").length - 1;
  // the bracket's first item is the most specific place we can locate where the name before it is none we
  // locate ("Kolkoa village (Seno, Sahel)" with Kolkoa unknown), or one read as a likely namesake (as in
  // `chainDepth`)
  const specific = adjacent && head?.place && head.place.lat !== null && !doubtful.has(head.place);
  return items + (specific ? 1 : 0);
}

/** The chain of names the text links by commas and brackets ending at mention `m` (see `qualifierDepth`). */
function chainDepth(doc: Doc, m: Span, others: readonly { place?: Place; mention: Span }[], doubtful: ReadonlySet<Place>): number {
  let depth = 0;
  let here = others.find((o) => o.mention === m) ?? { mention: m };
  for (;;) {
    let previous: (typeof others)[number] | null = null;
    for (const o of others) if (o.mention.end <= here.mention.start && (!previous || o.mention.end > previous.mention.end)) previous = o;
    if (!previous || !isContainerGap(doc.text.slice(previous.mention.end, here.mention.start))) return depth;
    if (previous.place && (doubtful.has(previous.place) || (here.place && (previous.place === here.place || broaderThan(previous.place, here.place))))) return depth;
    depth++;
    here = previous;
  }
}

/** Whether `a` is a country and `b` is not, or `a` a province (admin1) and `b` a town: an area that holds `b`,
 *  which a bracket or comma after `a` does not qualify but places inside it. */
function broaderThan(a: Place, b: Place): boolean {
  return (a.featureType === "country" && b.featureType !== "country") || (a.featureType === "admin1" && b.featureType === "city");
}

function best(scored: { place: Place; score: number }[]): { place: Place; score: number } | null {
  let top: { place: Place; score: number } | null = null;
  for (const s of scored) if (!top || s.score > top.score) top = s;
  return top;
}

/**
 * Where the event whose cue is `cue` (in sentence `si` of the doc) happened, among `places`; `earlier` are the
 * events found before it, in order (their sentence and place). Null when its sentence names no place and no
 * earlier event of its paragraph has one.
 */
export function chooseEventPlace(doc: Doc, si: number, cue: { start: number; end: number }, places: readonly Place[], earlier: readonly { sentence: number; place: string | null }[] = []): PlaceChoice | null {
  const sentence = doc.sentences[si];
  const home = homeCountry(places);
  const mentions = mentionsIn(doc, sentence, places);
  const model = eventPlaceModel();
  const scored = model
    ? mentions.map((m) => ({ place: m.place, score: scoreEventPlace(eventPlaceFeatures(m, { doc, sentence, cue, mentions, home }, ruleScore(doc, sentence, cue, m, mentions, places)), model) }))
    : mentions.map((m) => ({ place: m.place, score: ruleScore(doc, sentence, cue, m, mentions, places) }));
  const decidedBy = model ? "sentence-model" : "sentence";
  // a place we cannot locate ("outside the Riverside Lodge", a village the gazetteer lacks) is where it happened,
  // but a located place its sentence attaches ("in the Kolda market of Seno", "(Seno district)"), or the located
  // story told before it, says where that is; with neither, that place. Not a located name the sentence does
  // not attach: "Kenya" in "Kenya Wildlife Service rangers shot a man outside the Riverside Lodge"
  const own = best(scored);
  // a reading abroad, apart from all the report's other places (`misreadAbroad`: "Virginia" read from a person's
  // name in a story of Nairobi), is more likely a namesake misread than where it happened: the paragraph's place,
  // else the story's (decided after framing), says where
  if (own && own.place.lat !== null && misreadAbroad(own.place, places)) return paragraphPlace(doc, si, sentence, places, earlier);
  if (own && own.place.lat !== null) return { place: own.place, decision: { decidedBy, score: round(own.score) } };
  const attached = best(scored.filter((s, k) => s.place.lat !== null && attachedAsPlace(doc, sentence, mentions[k].mention, mentions)));
  if (attached) return { place: attached.place, decision: { decidedBy, score: round(attached.score) } };
  const located = paragraphPlace(doc, si, sentence, places, earlier);
  if (located) return located;
  return own ? { place: own.place, decision: { decidedBy, score: round(own.score) } } : null;
}

/**
 * The place of a happening that, framed and folded, still has none: the report's story place (see the module),
 * or null. Decided after the frames, so that a sentence's own place told later of the same happening always wins;
 * the same for every such happening of the report, so its caller asks once.
 */
export function storyPlaceChoice(doc: Doc, places: readonly Place[]): PlaceChoice | null {
  const story = storyPlace(doc, places);
  return story ? { place: story, decision: { decidedBy: "story", score: STORY_SCORE } } : null;
}

/** The score of a place taken from the report as a whole: below any the event's own sentence or paragraph gives. */
const STORY_SCORE = 0.3;

/**
 * The report's story place (see the module): of its located places below a country, not read from inside
 * another name, not a reading apart from all its other places (`strayReading`), the one it names first where a
 * mention of it can place something (`mentionsIn`, sentence by sentence: not "the Kolda Times", not "Malian");
 * null when there is none.
 */
function storyPlace(doc: Doc, places: readonly Place[]): Place | null {
  const eligible = places.filter((p) => p.lat !== null && p.precision < 4 && p.decidedBy !== "demonym" && p.decidedBy !== "inside-name" && !strayReading(p, places));
  // mentions in the order of the text; the first that `mentionsIn` keeps in its sentence decides (most often the first)
  const order = eligible.flatMap((place) => place.mentions.map((mention) => ({ place, mention }))).sort((a, b) => a.mention.start - b.mention.start);
  for (const { place, mention } of order) {
    const sentence = doc.sentenceAt(mention.start);
    if (sentence && mention.end <= sentence.end && mentionsIn(doc, sentence, [place]).some((m) => m.mention === mention)) return place;
  }
  return null;
}

/** Whether the sentence attaches mention `m` as where something is: a locative word before it, or the area
 *  that holds the name before it ("X (Y district)", "X, Y", "X sector area (Y district)"). */
function attachedAsPlace(doc: Doc, sentence: Sentence, m: Span, mentions: readonly { mention: Span }[]): boolean {
  if (PLACE_PREPOSITION.test(doc.text.slice(sentence.start, m.start))) return true;
  // an item of a bracket of areas after a name ("X upazila (Y, Z)")
  if (bracketDepth(doc, m, mentions, new Set()) !== null) return true;
  let previous: Span | null = null;
  for (const o of mentions) if (o.mention.end <= m.start && (!previous || o.mention.end > previous.end)) previous = o.mention;
  if (previous === null) return false;
  const gap = doc.text.slice(previous.end, m.start);
  // "X sector area (Y district, Z)": a bracket after the name and the words for its kind lists where it lies
  return isContainerGap(gap) || /^(?:\s+\p{Ll}+){0,3}\s*\(\s*$/u.test(gap);
}

/** The place of an event whose sentence names no located place, from the paragraph before it (see the module). */
function paragraphPlace(doc: Doc, si: number, sentence: Sentence, places: readonly Place[], earlier: readonly { sentence: number; place: string | null }[]): PlaceChoice | null {
  // the event told last before it in its paragraph, that has a place
  const paragraphStart = doc.text.lastIndexOf("\n", sentence.start) + 1;
  for (let k = earlier.length - 1; k >= 0; k--) {
    const e = earlier[k];
    if (e.sentence >= si) continue;
    if (doc.sentences[e.sentence].start < paragraphStart) break;
    const place = places.find((p) => p.id === e.place);
    if (place && place.lat !== null) return { place, decision: { decidedBy: "paragraph", score: 1 } };
    // its place we cannot locate ("a shop in Barrio Sol Nuevo"): the located place its sentence names best
    const there = mentionsIn(doc, doc.sentences[e.sentence], places);
    const found = best(there.filter((m) => m.place.lat !== null).map((m) => ({ place: m.place, score: attachment(doc, doc.sentences[e.sentence], m.place, m.mention, there) })));
    if (found) return { place: found.place, decision: { decidedBy: "paragraph", score: round(found.score) } };
  }
  // no event told before it: where an earlier sentence of its paragraph says something is, "in", "at" or "near"
  // a place (the lead's "On Monday, in Kolda, ..."), not a place it only mentions ("north of Kolda")
  for (let j = si - 1; j >= 0 && doc.sentences[j].start >= paragraphStart; j--) {
    const found = situatedIn(doc, j, places);
    if (found) return found;
  }
  // nor in one before it: where the paragraph's next sentence says something is, as a note that tells the
  // happening first and then where it was ("Two herders were killed. The raid took place near Kolda.")
  const paragraphEnd = doc.text.indexOf("\n", sentence.end);
  const next = doc.sentences[si + 1];
  if (next && (paragraphEnd < 0 || next.start < paragraphEnd)) return situatedIn(doc, si + 1, places);
  return null;
}

/** The place sentence `j` says something is "in", "at" or "near" (or on the outskirts of), located; else null. */
function situatedIn(doc: Doc, j: number, places: readonly Place[]): PlaceChoice | null {
  const there = mentionsIn(doc, doc.sentences[j], places);
  const placedIn = there.filter((m) => m.place.lat !== null && SITUATING.test(doc.text.slice(Math.max(doc.sentences[j].start, m.mention.start - 16), m.mention.start)));
  const found = best(placedIn.map((m) => ({ place: m.place, score: attachment(doc, doc.sentences[j], m.place, m.mention, there) })));
  return found ? { place: found.place, decision: { decidedBy: "paragraph", score: round(found.score) } } : null;
}

/** "in", "at", "near", "outside", "in front of" right before a name (with "the" between at most), or the word for
 *  a part of a place before "of" ("on the outskirts of X", "in the area of X", "the village of X"): the name says
 *  where something is. */
const SITUATING = /\b(?:(?:in|at|near|outside|in front of)\s+(?:the\s+)?|(?:outskirts|area|vicinity|village|town|city|district|locality)\s+of\s+)$/i;

/** The rules' score of candidate `m` (the ranker's baseline, and the choice when no model is committed); `places`
 *  are the report's places, when given (see `strayReading`). */
export function ruleScore(doc: Doc, sentence: Sentence, cue: { start: number; end: number }, m: { place: Place; mention: Span }, mentions: readonly { place: Place; mention: Span }[], places?: readonly Place[]): number {
  const doubtful = places ? doubtfulReadings(doc, mentions, places) : new Set<Place>();
  let score = 10 - Math.min(9, Math.abs(m.mention.start - cue.end) / 40) + attachment(doc, sentence, m.place, m.mention, mentions, doubtful);
  if (doubtful.has(m.place)) score -= STRAY_PENALTY;
  // a place told after the cue inside a relative clause ("... who were stranded in X") or inside what a protest
  // is against or about ("protested against a mill owner's plan to sell land in X") says where that other thing is, not
  // where this happened
  if (m.mention.start > cue.end && ELSEWHERE_CLAUSE.test(doc.text.slice(cue.end, m.mention.start))) score -= 4;
  return score;
}

/**
 * Whether `place` is read in a country the report neither names nor tells anything else in, while its other
 * places, two towns or areas at least, all lie in one other country, together (`strayReading`): "Virginia" read
 * from a person's name in a story of two Nairobi estates. A town whose country the report names ("Batumi ...
 * from Turkey", "Kolda, Senegal") is no such misreading, nor one in a report of several countries.
 */
function misreadAbroad(place: Place, places: readonly Place[]): boolean {
  if (!place.country || place.precision === 4) return false;
  const others = places.filter((q) => q !== place && q.lat !== null && q.country && q.decidedBy !== "demonym");
  if (others.some((q) => q.country === place.country)) return false;
  // (two towns or areas at least tell the story's country: a single other place may as well be the one misread,
  // and a town and its country's name, "in solidarity with Lowport, Farland", make no cluster)
  if (others.filter((q) => q.precision < 4).length < 2 || new Set(others.map((q) => q.country)).size !== 1) return false;
  return strayReading(place, places);
}

/** What a reading apart from the report's other places loses: more than a place we cannot locate (-10), since
 *  a wrong point is worse than none, and more than a specific place wins over the area that qualifies it. */
const STRAY_PENALTY = 12;

/**
 * The places of a sentence's mentions whose reading is likely a namesake misread: one the sentence puts inside a
 * located area, no more specific than it, of another country ("Brindle district of Oxmouth", "Brindle (Oxmouth)"
 * with Brindle read abroad);
 * or one that lies apart from every other place of the report (`strayReading`) where another town or area of
 * the sentence lies among them ("Kolda" read as a town abroad beside "(Seno district, Sahel)").
 */
export function doubtfulReadings(doc: Doc, mentions: readonly { place: Place; mention: Span }[], places: readonly Place[]): Set<Place> {
  const out = new Set<Place>();
  const settled = mentions.some((o) => o.place.lat !== null && o.place.featureType !== "country" && !strayReading(o.place, places));
  for (const m of mentions) {
    if (m.place.lat === null || !m.place.country) continue;
    if (settled && strayReading(m.place, places)) out.add(m.place);
    // the area the sentence puts it in: the next name, after a comma or bracket, "in" or "of" (a word or two for
    // its kind between: "Brindle town in Oxmouth", "the Brindle prison of Oxmouth city")
    let next: { place: Place; mention: Span } | null = null;
    for (const o of mentions) if (o.mention.start >= m.mention.end && (!next || o.mention.start < next.mention.start)) next = o;
    if (!next || next.place.lat === null || !next.place.country || next.place.decidedBy === "demonym" || next.place.decidedBy === "container" || next.place.precision < m.place.precision) continue;
    const gap = doc.text.slice(m.mention.end, next.mention.start);
    if (!isContainerGap(gap) && !/^(?:\s+\p{Ll}+){0,2}\s+(?:in|of)\s+(?:the\s+)?$/u.test(gap)) continue;
    // unless the geocoder is clearly surer of the name than of the area (then the area is the one misread)
    if (next.place.country !== m.place.country && (m.place.score ?? 1) - (next.place.score ?? 1) < 0.2) out.add(m.place);
  }
  return out;
}

/** How far apart two places of one report may lie and still be read as telling of one area (km). */
const SAME_AREA_KM = 150;

/**
 * Whether `place`, located, lies apart from every other place the report names (a demonym aside). A report's
 * places cluster where its story happens; a reading far from all of them ("Brindle in Oxmouth" with Brindle read as
 * a namesake a thousand km off) is more likely a namesake than the place meant. A town or area is apart when no
 * other town or area of its country lies in its admin1 area or within SAME_AREA_KM of it (a country named
 * beside it says too little: a town abroad and its country's name alone do not make a cluster); a country is apart when no
 * other place of the report lies in it. A report with no other located place has nothing to stray from.
 */
export function strayReading(place: Place, places: readonly Place[]): boolean {
  if (place.lat === null || place.lon === null || !place.country) return false;
  const others = places.filter((q) => q !== place && q.lat !== null && q.lon !== null && q.country && q.decidedBy !== "demonym");
  if (others.length === 0) return false;
  if (place.featureType === "country") return !others.some((q) => q.country === place.country);
  const area = place.admin1 ? areaKey(place.admin1) : "";
  return !others.some(
    (q) => q.country === place.country && q.featureType !== "country" && ((area !== "" && q.admin1 !== null && areaKey(q.admin1) === area) || haversineKm(place.lat!, place.lon!, q.lat!, q.lon!) <= SAME_AREA_KM),
  );
}

/** Words that open a clause or a phrase about something other than the cue's own happening. */
const ELSEWHERE_CLAUSE = /\b(?:that|which|who|whom|whose|against|over|demanding|denouncing|condemning)\b/i;

/** The country the article's place names (not its demonyms) name most often, by mentions; null when none. */
export function homeCountry(places: readonly Place[]): string | null {
  const count = new Map<string, number>();
  for (const p of places) if (p.country && p.decidedBy !== "demonym") count.set(p.country, (count.get(p.country) ?? 0) + p.mentions.length);
  let top: string | null = null;
  for (const [c, n] of count) if (top === null || n > count.get(top)!) top = c;
  return top;
}

const round = (x: number): number => Math.round(x * 1000) / 1000;
