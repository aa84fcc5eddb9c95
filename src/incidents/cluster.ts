/**
 * Incidents as a function of the set of events, never of their arrival order or of how the work was split.
 *
 * Two events are *linked* when they may be one happening (same block, dates within reach) and the pair matcher
 * (match.ts) scores them at or above the threshold. Links are symmetric, so the connected components of the link
 * graph depend only on the set of events. Each component is then split into incidents by average linkage over all its
 * pairs (clusterComponent): a chain of single links does not make one incident of two happenings whose other pairs
 * disagree. Events are visited in a canonical order (earliest date, then earliest report, then key) and an
 * incident's id comes from its first member in that order, so a recomputation that changes nothing changes no id.
 *
 * A block is a country (blockOf): links never cross blocks, so the store recomputes one block at a time under one
 * lock, and a candidate query reads only that block's rows near the event's dates.
 */
import { createHash } from "node:crypto";
import { PUBLISHED_LAG_DAYS } from "./compat.js";
import { addDays, dayNumber, daysBetween } from "./dates.js";
import { matchLinkage, matchScore, MATCH_THRESHOLD, type IncidentMembers, type PairScorer } from "./match.js";
import { isIncidentWorthy, profileEvents, type EventProfile } from "./profile.js";
import type { Event, Report } from "../report.js";

/** A stable incident id from the key of its first event in canonical order. */
export function incidentIdFor(foundingEventKey: string): string {
  return `inc-${createHash("sha256").update(foundingEventKey).digest("hex").slice(0, 16)}`;
}

/**
 * Slack (days) on both sides when comparing two events' dates for candidacy: a report dated by its publication may
 * tell of a happening a few days before (PUBLISHED_LAG_DAYS); dateStrength then decides exactly.
 */
export const LINK_SLACK_DAYS = PUBLISHED_LAG_DAYS;
/**
 * Events spanning more days than this (a year, a season) are too vague to date a link: like undated ones, they may
 * link to any event of their block, and the matcher's time features (the same year, a year that does not meet) weigh
 * the dates with the rest.
 */
export const MAX_LINK_SPAN_DAYS = 31;
/** Events spanning at most this many days are "short": their candidates start within a few days of them. */
export const SHORT_SPAN_DAYS = 2;

/** How wide an event's date interval is: 0 short (a day or two) or undated, 1 up to a month, 2 longer (vague). */
export type DateWidth = 0 | 1 | 2;

export function dateWidth(p: Pick<EventProfile, "start" | "end">): DateWidth {
  if (!p.start || !p.end) return 0;
  const span = daysBetween(p.start, p.end);
  return span <= SHORT_SPAN_DAYS ? 0 : span <= MAX_LINK_SPAN_DAYS ? 1 : 2;
}

/**
 * The block an event is clustered in: the country of its town (a place at precision 1 or 2); where it has none, the
 * country most of its article's places are in (the lede's context), else the country of the first place its
 * article's lead names (the lede's setting), else the country of its coarser place; "" when none says. A place
 * named only as a country or a sea ("France", "the Gulf of Aden") is often where an outlet's story is told from, not
 * where it happened: two reports of one happening then agree on their articles' country, not on that place. Types
 * are not blocks: outlets label one happening differently, and how the labels relate is a feature the matcher
 * weighs. A `type` is accepted and ignored, for callers written when blocks were (type, country).
 */
export function blockOf(p: Pick<EventProfile, "place"> & Partial<Pick<EventProfile, "setting" | "context" | "type">>): string {
  const town = p.place && p.place.precision <= 2 ? p.place.country : null;
  return town ?? p.context?.country ?? p.setting?.find((q) => q.country)?.country ?? p.place?.country ?? "";
}

/**
 * Events a report contributes to incidents: not negated, not hypothetical, and not flagged as background or generic
 * (fields the extractor may add; read defensively so that reports without them keep working).
 */
export function joinsIncidents(event: Event): boolean {
  const flags = event as Event & { background?: unknown; generic?: unknown };
  return isIncidentWorthy(event) && flags.background !== true && flags.generic !== true;
}

/**
 * The date range of dated candidates a stored event's query must read, per width, so that every event dated to a
 * month or less that may link to `p` is found: short candidates start at most SHORT_SPAN_DAYS + slack before it,
 * month-long ones up to a month. Null for vague events (see `isVague`): their candidates are their whole block. Every
 * event may also link to the vague events of its block.
 */
export function candidateStartRange(p: EventProfile, width: DateWidth): [string, string] | null {
  if (!p.start || !p.end || isVague(p) || width === 2) return null;
  const back = (width === 0 ? SHORT_SPAN_DAYS : MAX_LINK_SPAN_DAYS) + LINK_SLACK_DAYS;
  return [addDays(p.start, -back), addDays(p.end, LINK_SLACK_DAYS)];
}

/** Whether two events could be one happening at all, before scoring: a symmetric test the store's queries mirror. */
export function mayLink(a: EventProfile, b: EventProfile): boolean {
  if (a.articleId === b.articleId || blockOf(a) !== blockOf(b)) return false;
  return mayLinkDates(a, b);
}

/** Undated, or dated only to more than a month (a year): its dates cannot pick its candidates. */
export function isVague(p: Pick<EventProfile, "start" | "end">): boolean {
  return !p.start || !p.end || dateWidth(p) === 2;
}

/**
 * The date part of mayLink: two events dated to a month or less meet with a few days of slack. A vague event
 * (undated, or dated to a year) may be one happening with any other of its block (a report with no publication
 * date, telling only the year): the matcher weighs the dates (`time:one-side`, `time:same-year`, a year that does not
 * meet) with the rest.
 */
export function mayLinkDates(a: Pick<EventProfile, "start" | "end">, b: Pick<EventProfile, "start" | "end">): boolean {
  if (isVague(a) || isVague(b)) return true;
  return daysBetween(b.end!, a.start!) <= LINK_SLACK_DAYS && daysBetween(a.end!, b.start!) <= LINK_SLACK_DAYS;
}

/** The canonical order: earliest start, then earliest report, then key. Undated events come last. */
export function canonicalCompare(a: EventProfile, b: EventProfile): number {
  const as = a.start ?? "\uffff";
  const bs = b.start ?? "\uffff";
  if (as !== bs) return as < bs ? -1 : 1;
  const ap = a.published ?? "\uffff";
  const bp = b.published ?? "\uffff";
  if (ap !== bp) return ap < bp ? -1 : 1;
  return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
}

/** Linked: may be one happening and the matcher says they are. Scored in key order so the answer is symmetric. */
export function linked(a: EventProfile, b: EventProfile, threshold = MATCH_THRESHOLD, scorer: PairScorer = matchScore): boolean {
  if (!mayLink(a, b)) return false;
  const [x, y] = a.key < b.key ? [a, b] : [b, a];
  const score = scorer(x, y);
  return score !== null && score >= threshold;
}

/** Items by key, keys in first-seen order. */
export function groupBy<T, K>(items: T[], key: (item: T) => K): Map<K, T[]> {
  const out = new Map<K, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = out.get(k);
    if (list) list.push(item);
    else out.set(k, [item]);
  }
  return out;
}

/** Connected components of the link graph over `profiles`, each in canonical order, the components ordered too. */
export function linkComponents(profiles: EventProfile[], threshold = MATCH_THRESHOLD, scorer: PairScorer = matchScore): EventProfile[][] {
  const parent = profiles.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]];
    return i;
  };
  const union = (i: number, j: number) => {
    const ri = find(i);
    const rj = find(j);
    if (ri !== rj) parent[Math.max(ri, rj)] = Math.min(ri, rj);
  };
  // Sweep each block in start order: an event meets only those starting a few days before it (a month for events
  // that span up to a month), so each width keeps its own list and is looked back into only as far as it can reach.
  const n = profiles.length;
  const startDay = new Float64Array(n);
  const endDay = new Float64Array(n);
  const width = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const p = profiles[i];
    if (p.start && p.end) {
      startDay[i] = dayNumber(p.start) ?? Number.NaN;
      endDay[i] = dayNumber(p.end) ?? Number.NaN;
      width[i] = dateWidth(p);
    }
  }
  const reach = [SHORT_SPAN_DAYS + LINK_SLACK_DAYS, MAX_LINK_SPAN_DAYS + LINK_SLACK_DAYS];
  const byBlock = groupBy(profiles.map((_, i) => i), (i) => blockOf(profiles[i]));
  for (const indices of byBlock.values()) {
    const vague = indices.filter((i) => isVague(profiles[i]));
    const dated = indices.filter((i) => !isVague(profiles[i]))
      .sort((i, j) => (profiles[i].start! < profiles[j].start! ? -1 : profiles[i].start! > profiles[j].start! ? 1 : i - j));
    for (let x = 0; x < vague.length; x++) {
      for (let y = 0; y < x; y++) if (linked(profiles[vague[x]], profiles[vague[y]], threshold, scorer)) union(vague[x], vague[y]);
      for (const y of dated) if (linked(profiles[vague[x]], profiles[y], threshold, scorer)) union(vague[x], y);
    }
    // Each pair once: x meets the events of each width that come before it in start order.
    const seen: number[][] = [[], []];
    for (const i of dated) {
      for (let w = 0; w < 2; w++) {
        const list = seen[w];
        const earliest = startDay[i] - reach[w];
        for (let y = list.length - 1; y >= 0 && startDay[list[y]] >= earliest; y--) {
          const j = list[y];
          // mayLinkDates on day numbers, before anything else is compared
          if (startDay[i] - endDay[j] > LINK_SLACK_DAYS || startDay[j] - endDay[i] > LINK_SLACK_DAYS) continue;
          if (linked(profiles[i], profiles[j], threshold, scorer)) union(i, j);
        }
      }
      seen[width[i]].push(i);
    }
  }
  const groups = groupBy(profiles.map((_, i) => i), find);
  const components = [...groups.values()].map((g) => g.map((i) => profiles[i]).sort(canonicalCompare));
  return components.sort((a, b) => canonicalCompare(a[0], b[0]));
}

/** One incident as clustering leaves it: its members in canonical order and the score each joined with. */
export interface ClusteredIncident extends IncidentMembers {
  /** member key -> the score it joined with; absent for the founding member */
  scores: Map<string, number>;
}

/**
 * The bound on a matching pair's log-odds in the average: one very confident pair cannot outvote several that
 * disagree. What a pair that does not match weighs against is the model's linkage (`Linkage`, tuned with its
 * threshold on held-out data): a doubt (a score under the threshold) at most `doubt`, a contradiction (a veto, dates
 * out of reach) `contradiction`.
 */
export const PAIR_LOGODDS_BOUND = 3;

const logit = (p: number) => Math.log(p / (1 - p));

/**
 * Splits one component into incidents by average linkage: every pair of its events weighs in (the matcher's
 * log-odds, clipped; a doubt and a contradiction count against as the model's linkage says; two events of one
 * article never merge), and the two groups whose pairs agree most on average merge while that average says "one
 * happening". A chain of single links does not glue two happenings together when most of their pairs disagree.
 * Deterministic: ties go to the groups that come first in canonical order, so the result depends only on the set
 * of events.
 */
export function clusterComponent(component: EventProfile[], threshold = MATCH_THRESHOLD, scorer: PairScorer = matchScore): ClusteredIncident[] {
  // A lone event is its own incident (what the loops below give for n = 1): most components of a store are single
  // reports, and ingest clusters one per new event, so this skips their pair matrices.
  if (component.length === 1) return [{ id: incidentIdFor(component[0].key), members: [component[0]], scores: new Map() }];
  const events = [...component].sort(canonicalCompare);
  const n = events.length;
  const cut = logit(threshold);
  const clip = PAIR_LOGODDS_BOUND;
  const { doubt, contradiction } = matchLinkage();
  // w[i][j]: log-odds that events i and j are one happening; NaN: never (one article).
  const w = events.map(() => new Float64Array(n));
  const score = events.map(() => new Float64Array(n));
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      let v: number;
      let s = 0;
      if (events[i].articleId === events[j].articleId) v = Number.NaN;
      else if (!mayLinkDates(events[i], events[j])) v = -contradiction;
      else {
        const [x, y] = events[i].key < events[j].key ? [events[i], events[j]] : [events[j], events[i]];
        const m = scorer(x, y);
        s = m ?? 0;
        v = m !== null ? Math.max(-doubt, Math.min(clip, logit(Math.min(Math.max(m, 1e-6), 1 - 1e-6)) - cut)) : -contradiction;
      }
      w[i][j] = w[j][i] = v;
      score[i][j] = score[j][i] = s;
    }
  }
  // Groups as member lists (canonical indices, ascending); sums of pair weights between live groups.
  const groups: (number[] | null)[] = events.map((_, i) => [i]);
  const sum = events.map((_, i) => Float64Array.from(w[i]));
  for (;;) {
    let bi = -1;
    let bj = -1;
    let best = 0;
    for (let i = 0; i < n; i++) {
      const gi = groups[i];
      if (!gi) continue;
      for (let j = i + 1; j < n; j++) {
        const gj = groups[j];
        if (!gj) continue;
        const total = sum[i][j];
        if (Number.isNaN(total)) continue;
        const avg = total / (gi.length * gj.length);
        if (avg >= 0 && (bi < 0 || avg > best)) {
          bi = i;
          bj = j;
          best = avg;
        }
      }
    }
    if (bi < 0) break;
    // Group bj joins group bi (bi < bj: the group whose first member comes first keeps its place).
    groups[bi] = [...groups[bi]!, ...groups[bj]!].sort((x, y) => x - y);
    groups[bj] = null;
    for (let k = 0; k < n; k++) {
      if (k === bi || !groups[k]) continue;
      sum[bi][k] = sum[k][bi] = sum[bi][k] + sum[bj][k];
    }
  }
  const incidents: ClusteredIncident[] = [];
  for (const g of groups) {
    if (!g) continue;
    const members = g.map((i) => events[i]);
    const scores = new Map<string, number>();
    // The score each later member joined with: its best match with a member before it in canonical order.
    for (let a = 1; a < g.length; a++) {
      let s = 0;
      for (let b = 0; b < a; b++) s = Math.max(s, score[g[a]][g[b]]);
      scores.set(events[g[a]].key, s);
    }
    incidents.push({ id: incidentIdFor(members[0].key), members, scores });
  }
  return incidents;
}

/** Incidents over a set of events, whatever order it comes in. */
export function clusterProfiles(profiles: EventProfile[], threshold = MATCH_THRESHOLD): ClusteredIncident[] {
  return linkComponents(profiles, threshold).flatMap((c) => clusterComponent(c, threshold));
}

/** Incidents across reports, leaving out negated, hypothetical, background and generic events. */
export function clusterReports(reports: Report[], threshold = MATCH_THRESHOLD): ClusteredIncident[] {
  const profiles = reports.flatMap((r) => profileEvents(r).filter((_, i) => joinsIncidents(r.events[i])));
  return clusterProfiles(profiles, threshold);
}
