/**
 * A report's article text with every fact highlighted and colour-keyed (legend with toggles); clicking or
 * pressing Enter on a highlight shows the fact(s) it supports. Also the brief: one line per event.
 */
import type { Report } from "./api.js";
import { HIGHLIGHT_KINDS, HIGHLIGHT_LABELS, typeColor, type HighlightKind } from "./colors.js";
import { externalLink, h } from "./dom.js";
import { countryName, formatCount, formatDate, PRECISION_LABELS } from "./format.js";
import { renderHighlighted, type Highlight } from "./highlight.js";

interface Fact {
  kind: HighlightKind;
  describe: () => HTMLElement;
}

type ReportEvent = Report["events"][number];

function names(report: Report, ids: string[]): string {
  return ids.map((id) => report.entities.find((e) => e.id === id)?.name ?? id).join(", ");
}

/** One line a person reads for an event: "ASSAULT (drone) · Air/drone strike — El Fasher, 10 June 2024 — killed 12". */
export function eventLine(report: Report, e: ReportEvent): string {
  const place = report.places.find((p) => p.id === e.place);
  const time = report.times.find((t) => t.id === e.time);
  const parts = [`${e.type}${e.mode ? ` (${e.mode})` : ""}${e.acled ? ` · ${e.acled.subEventType || e.acled.eventType}` : ""}`];
  const where = [place?.name, time ? formatDate(time.value, time.granularity) : null].filter(Boolean).join(", ");
  if (where) parts.push(where);
  if (e.casualties?.killed) parts.push(`killed ${formatCount(e.casualties.killed)}`);
  if (e.casualties?.injured) parts.push(`injured ${formatCount(e.casualties.injured)}`);
  if (e.actors.length) parts.push(`by ${names(report, e.actors)}`);
  if (e.attribution.status === "contested") parts.push(`contested: ${names(report, e.attribution.candidates).replace(/, /g, " or ")}`);
  if (e.negated) parts.push("(denied / did not happen)");
  if (e.hypothetical) parts.push("(threatened or possible, not reported as happened)");
  return parts.join(" — ");
}

type ReportQuote = Report["quotes"][number];

/** "Ava Marlowe", "Ava Marlowe ("she")", "a police spokesman (unnamed)", or "not stated". Plain text: kv() escapes it. */
function speakerLabel(report: Report, q: ReportQuote): string {
  const name = q.speaker ? names(report, [q.speaker]) : null;
  if (name && q.speakerKind === "pronoun" && q.speakerText) return `${name} ("${q.speakerText}")`;
  if (name) return name;
  if (q.speakerText) return q.speakerKind === "unnamed" ? `${q.speakerText} (unnamed)` : q.speakerText;
  return "not stated";
}

function kv(pairs: [string, string | null | undefined][]): HTMLElement {
  return h("dl", { className: "fact-kv" }, pairs.filter(([, v]) => v).map(([k, v]) => [h("dt", {}, k), h("dd", {}, v ?? "")]));
}

function collectFacts(report: Report): { facts: Fact[]; highlights: Highlight[] } {
  const facts: Fact[] = [];
  const highlights: Highlight[] = [];
  const add = (kind: HighlightKind, spans: { start: number; end: number }[], describe: () => HTMLElement) => {
    const index = facts.push({ kind, describe }) - 1;
    for (const s of spans) highlights.push({ start: s.start, end: s.end, kind, fact: index });
  };
  for (const e of report.entities) {
    add("entity", e.mentions, () =>
      kv([["actor", e.name], ["kind", e.kind], ["also written", e.aliases.join(", ")], ["roles", e.roles.join("; ")], ["country", countryName(e.country)]]),
    );
  }
  for (const p of report.places) {
    add("place", p.mentions, () =>
      kv([
        ["place", p.name], ["type", p.featureType], ["admin1", p.admin1], ["country", countryName(p.country)],
        ["coordinates", p.lat !== null && p.lon !== null ? `${p.lat.toFixed(3)}, ${p.lon.toFixed(3)}` : "unknown"],
        ["precision", PRECISION_LABELS[p.precision]],
      ]),
    );
  }
  for (const t of report.times) {
    add("time", t.mentions, () => kv([["time", formatDate(t.value, t.granularity)], ["value", t.value], ["granularity", t.granularity], ["anchored to", t.anchoredTo]]));
  }
  for (const a of report.amounts) {
    add("amount", a.evidence, () =>
      kv([["amount", `${a.value.toLocaleString("en")} ${a.currency}`], ["purpose", a.purpose], ["donor", a.donor ? names(report, [a.donor]) : null], ["recipient", a.recipient ? names(report, [a.recipient]) : null]]),
    );
  }
  for (const q of report.quotes) {
    add("quote", q.evidence, () =>
      kv([
        ["quote", q.text],
        ["speaker", speakerLabel(report, q)],
        ["cue", q.cue],
        ["confidence", q.confidence.toFixed(2)],
        ["decided by", q.decidedBy],
        ["candidates", q.speakerCandidates?.map((c) => `${c.text || "nobody"} (${c.score.toFixed(1)})`).join(", ")],
      ]),
    );
  }
  for (const e of report.events) {
    add("event", e.evidence, () =>
      h("div", {}, h("p", { className: "event-line" }, eventLine(report, e)), kv([["attribution", `${e.attribution.status}${e.attribution.candidates.length ? `: ${names(report, e.attribution.candidates)}` : ""}`], ["targets", names(report, e.targets)], ["victims", e.casualties?.victims], ["confidence", e.confidence.toFixed(2)]])),
    );
  }
  return { facts, highlights };
}

export function renderBrief(report: Report): HTMLElement {
  const counts = `${report.entities.length} actors · ${report.places.length} places · ${report.times.length} times · ${report.quotes.length} quotes · ${report.amounts.length} amounts`;
  return h(
    "section",
    { className: "brief", "aria-label": "Brief" },
    h("h3", {}, "Brief"),
    report.events.length
      ? h("ol", { className: "brief-events" }, report.events.map((e) => h("li", {}, h("span", { className: "type-swatch", style: `background:${typeColor(e.type)}` }), eventLine(report, e))))
      : h("p", { className: "muted" }, "No event found in this text."),
    h("p", { className: "muted" }, counts),
    report.warnings.length ? h("ul", { className: "warnings" }, report.warnings.map((w) => h("li", {}, w))) : null,
  );
}

export function renderArticle(report: Report, handlers: { back?: () => void } = {}): HTMLElement {
  const { facts, highlights } = collectFacts(report);
  const detail = h("aside", { className: "fact-detail", "aria-live": "polite" }, h("p", { className: "muted" }, "Click or press Enter on a highlight to see its fact."));
  const hidden = new Set<HighlightKind>();
  let textEl = build();

  function build(): HTMLElement {
    return renderHighlighted(
      report.article.text,
      highlights.filter((x) => !hidden.has(x.kind)),
      {
        underline: new Set<HighlightKind>(["event", "quote"]),
        onSelect: (covering, mark) => {
          document.querySelectorAll(".hl.selected").forEach((m) => m.classList.remove("selected"));
          mark.classList.add("selected");
          const seen = new Set<number>();
          detail.replaceChildren(
            h("h4", {}, `“${mark.textContent ?? ""}”`),
            ...covering
              .filter((c) => !seen.has(c.fact) && seen.add(c.fact))
              .map((c) => h("div", { className: `fact fact-${c.kind}` }, h("span", { className: `legend-chip hl-${c.kind}` }, HIGHLIGHT_LABELS[c.kind]), facts[c.fact].describe())),
          );
        },
      },
    );
  }

  const legend = h(
    "div",
    { className: "legend", role: "group", "aria-label": "Highlight legend: untick to hide a kind" },
    HIGHLIGHT_KINDS.map((kind) => {
      const box = h("input", { type: "checkbox", checked: true, "data-kind": kind });
      box.addEventListener("change", () => {
        if (box.checked) hidden.delete(kind);
        else hidden.add(kind);
        const next = build();
        textEl.replaceWith(next);
        textEl = next;
      });
      const n = highlights.filter((x) => x.kind === kind).length;
      return h("label", { className: "legend-item" }, box, h("span", { className: `legend-chip hl hl-${kind}`, "data-kind": kind }, HIGHLIGHT_LABELS[kind]), ` ${n}`);
    }),
  );

  const a = report.article;
  return h(
    "article",
    { className: "article-view", "data-article": a.id },
    handlers.back ? h("button", { type: "button", className: "back", onclick: handlers.back }, "← back") : null,
    h("h2", { className: "panel-title" }, a.title ?? "Untitled article"),
    h(
      "p",
      { className: "muted" },
      [a.outlet, a.published?.slice(0, 10), a.credits.agencies.length ? `(${a.credits.agencies.join(", ")})` : null, a.language].filter(Boolean).join(" · "),
      a.url ? [" · ", externalLink(a.url, "original")] : null,
    ),
    renderBrief(report),
    legend,
    h("div", { className: "article-layout" }, textEl, detail),
  );
}
