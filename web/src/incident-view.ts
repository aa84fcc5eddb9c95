/**
 * One incident: what, where, when (at the granularity the sources give), casualties low/best/high with each
 * source's own figure, who did it (contested candidates shown as contested), every source article with the
 * supporting words highlighted in its text, and the quotes with their speakers.
 */
import { api, type IncidentDetail, type Report } from "./api.js";
import { typeColor } from "./colors.js";
import { activatable, externalLink, h } from "./dom.js";
import {
  countryName, formatCount, formatDate, granularityLabel, isApproximate, PRECISION_LABELS, placeLabel, typeLabel,
} from "./format.js";
import { renderFlags } from "./flag-form.js";
import { renderHighlighted } from "./highlight.js";
import { actorLink, actorLinks } from "./links.js";
import { renderWhy } from "./why-view.js";

function row(label: string, ...value: (Node | string | null | (Node | string)[])[]): HTMLElement[] {
  return [h("dt", {}, label), h("dd", {}, ...value)];
}

function countCells(c: IncidentDetail["killed"]): HTMLElement[] {
  const cell = (v: number | null | undefined, open = false) => h("td", {}, v === null || v === undefined ? (open ? "open-ended" : "–") : String(v));
  return c ? [cell(c.low), cell(c.best), cell(c.high, true)] : [h("td", { colspan: "3" }, "not reported")];
}

function casualtyTable(incident: IncidentDetail, which: "killed" | "injured"): HTMLElement {
  return h(
    "table",
    { className: "casualties" },
    h("caption", {}, which === "killed" ? "Killed" : "Injured"),
    h("thead", {}, h("tr", {}, h("th", { scope: "col" }, "source"), h("th", { scope: "col" }, "low"), h("th", { scope: "col" }, "best"), h("th", { scope: "col" }, "high"))),
    h(
      "tbody",
      {},
      h("tr", { className: "combined" }, h("th", { scope: "row" }, "all sources"), ...countCells(incident[which])),
      incident.sources.map((s) => h("tr", {}, h("th", { scope: "row" }, s.outlet ?? s.title ?? s.articleId), ...countCells(s[which]))),
    ),
  );
}

function attribution(incident: IncidentDetail): HTMLElement {
  const { status, candidates } = incident.attribution;
  if (status === "contested") {
    return h(
      "span",
      { className: "attribution contested" },
      h("span", { className: "badge contested" }, "contested"),
      " the sources disagree: ",
      candidates.map((c, i) => [i ? " or " : "", h("span", { className: "candidate" }, actorLink(c))]),
    );
  }
  if (candidates.length === 0) return h("span", { className: "attribution" }, status === "unknown" ? "not stated" : status);
  return h("span", { className: "attribution" }, ...actorLinks(candidates, ""), ` (${status})`);
}

async function sourceArticle(source: IncidentDetail["sources"][number], open: (articleId: string) => void): Promise<HTMLElement> {
  const head = h(
    "header",
    { className: "source-head" },
    h("strong", {}, source.outlet ?? "unknown outlet"),
    source.agencies.length ? ` (${source.agencies.join(", ")})` : "",
    source.published ? ` · ${source.published.slice(0, 10)}` : "",
    h("div", { className: "source-title" }, source.title ?? "untitled"),
    h(
      "div",
      { className: "source-figures" },
      `killed: ${formatCount(source.killed)} · injured: ${formatCount(source.injured)}`,
    ),
    h(
      "div",
      { className: "source-links" },
      activatable(h("span", { className: "link-button" }, "Open article view"), () => open(source.articleId)),
      source.url ? [" · ", externalLink(source.url, "original")] : null,
    ),
  );
  let body: HTMLElement;
  let report: Report | null = null;
  try {
    report = await api.article(source.articleId);
  } catch {
    report = null;
  }
  if (report) {
    body = renderHighlighted(
      report.article.text,
      source.evidence.map((e, i) => ({ start: e.start, end: e.end, kind: "evidence" as const, fact: i })),
    );
    body.classList.add("source-text");
    // the text scrolls inside its box: focusable so a keyboard can scroll it, and named for screen readers
    body.tabIndex = 0;
    body.setAttribute("role", "region");
    body.setAttribute("aria-label", `Text of ${source.outlet ?? "the source"}'s article`);
  } else {
    body = h("blockquote", { className: "source-text" }, source.excerpt);
  }
  return h("article", { className: "source", "data-article": source.articleId }, head, body);
}

export async function renderIncident(
  panel: HTMLElement,
  id: string,
  handlers: { back: () => void; openArticle: (id: string) => void },
): Promise<IncidentDetail> {
  const incident = await api.incident(id);
  const place = incident.place;
  const sources = h("div", { className: "sources" }, h("p", { className: "loading" }, "loading the source articles…"));
  const why = h("div", { className: "why-slot" });
  const flags = h("div", { className: "flags-slot" });
  // why-merged and flags load beside the sources; a failure there leaves the rest of the incident readable
  void renderWhy(incident.id).then((el) => why.replaceChildren(el)).catch((err: unknown) => why.replaceChildren(h("p", { className: "error" }, `Why merged: ${String(err)}`)));
  void renderFlags(incident).then((el) => flags.replaceChildren(el)).catch((err: unknown) => flags.replaceChildren(h("p", { className: "error" }, `Flags: ${String(err)}`)));
  panel.replaceChildren(
    h("button", { type: "button", className: "back", onclick: handlers.back }, "← all incidents"),
    h(
      "article",
      { className: "incident-detail", "data-id": incident.id },
      h("h2", { className: "panel-title" }, h("span", { className: "type-swatch", style: `background:${typeColor(incident.type)}` }), incident.summary || typeLabel(incident)),
      h(
        "dl",
        { className: "facts" },
        ...row("Type", typeLabel(incident)),
        ...row("Date", formatDate(incident.date, incident.granularity), h("span", { className: "muted" }, ` (${granularityLabel(incident.granularity)})`)),
        ...row(
          "Place",
          placeLabel(place),
          place ? h("span", { className: isApproximate(place) ? "badge approx" : "muted" }, ` ${PRECISION_LABELS[place.precision]}`) : null,
          place?.lat !== null && place?.lat !== undefined && place.lon !== null ? h("span", { className: "muted" }, ` · ${place.lat.toFixed(3)}, ${place.lon.toFixed(3)}`) : null,
        ),
        ...row("Country", countryName(place?.country) || "unknown"),
        ...row("Actors", actorLinks(incident.actors, "not stated")),
        ...row("Targets", actorLinks(incident.targets, "not stated")),
        ...row("Attribution", attribution(incident)),
        ...row("Victims", incident.victims ?? "not stated"),
        ...row("Sources", String(incident.sourceCount)),
      ),
      h("section", { className: "casualty-tables" }, casualtyTable(incident, "killed"), casualtyTable(incident, "injured")),
      why,
      flags,
      h("h3", {}, "Quotes"),
      incident.quotes.length
        ? h(
            "ul",
            { className: "quotes" },
            incident.quotes.map((q) =>
              h("li", {}, h("q", {}, q.text), h("span", { className: "speaker" }, ` — ${q.speaker ?? "speaker not stated"}${q.cue ? ` (${q.cue})` : ""}`)),
            ),
          )
        : h("p", { className: "muted" }, "No quotes about this incident."),
      h("h3", {}, "Source articles, supporting words highlighted"),
      sources,
    ),
  );
  const articles = await Promise.all(incident.sources.map((s) => sourceArticle(s, handlers.openArticle)));
  sources.replaceChildren(...articles);
  // Bring each source's first highlighted words into view inside its own scroll box.
  for (const a of articles) {
    const box = a.querySelector<HTMLElement>(".source-text");
    const mark = box?.querySelector<HTMLElement>("mark");
    if (box && mark) box.scrollTop = Math.max(0, mark.offsetTop - box.offsetTop - 24);
  }
  return incident;
}
