/**
 * Data quality in sight: events dated far from their article's publication (a history paragraph read as news,
 * a misread year) and events without a place, counted for the current filters and listed.
 */
import { api, type QualityIssue, type QualityReport } from "./api.js";
import { h } from "./dom.js";
import { formatDate, placeLabel } from "./format.js";
import type { Filters } from "./state.js";

function days(n: number | null): string {
  if (n === null) return "";
  const abs = Math.abs(n);
  const text = abs >= 730 ? `${Math.round(abs / 365)} years` : `${abs} days`;
  return n < 0 ? `${text} before publication` : `${text} after publication`;
}

export async function renderQuality(
  panel: HTMLElement,
  filters: Filters,
  issue: QualityIssue,
  handlers: { issue: (i: QualityIssue) => void; openIncident: (id: string) => void; openArticle: (id: string) => void },
): Promise<QualityReport> {
  const r = await api.quality(filters, issue);
  const tab = (value: QualityIssue, label: string, n: number) =>
    h("button", { type: "button", className: `tab${value === issue ? " selected" : ""}`, "aria-pressed": value === issue ? "true" : "false", onclick: () => handlers.issue(value) }, `${label} (${n})`);
  const rows = r.page.items.map((e) =>
    h(
      "tr",
      {},
      h("td", {}, e.title ?? "untitled", h("div", { className: "muted" }, e.published ? `published ${e.published.slice(0, 10)}` : "publication date unknown")),
      h("td", {}, e.type),
      h("td", {}, e.date ? formatDate(e.date, null) : "date unknown", e.daysFromPublication !== null ? h("div", { className: "muted" }, days(e.daysFromPublication)) : null),
      h("td", {}, placeLabel(e.place)),
      h(
        "td",
        {},
        e.incidentId ? h("button", { type: "button", className: "link-button", onclick: () => handlers.openIncident(e.incidentId!) }, "incident") : null,
        e.incidentId ? " · " : null,
        h("button", { type: "button", className: "link-button", onclick: () => handlers.openArticle(e.articleId) }, "article"),
      ),
    ),
  );
  panel.replaceChildren(
    h(
      "article",
      { className: "quality-view" },
      h("h2", { className: "panel-title" }, "Data quality"),
      h(
        "p",
        {},
        `Of ${r.counts.events} events for these filters, ${r.counts.farDate} are dated more than ${r.farDays} days from their article's publication and ${r.counts.noPlace} have no place. `,
        "They stay in the record; check them in their article.",
      ),
      h("div", { className: "tabs", role: "group", "aria-label": "Which events to list" }, tab("far-date", "Dated far from publication", r.counts.farDate), tab("no-place", "Without a place", r.counts.noPlace)),
      rows.length
        ? h(
            "table",
            { className: "quality-table" },
            h("caption", { className: "sr-only" }, issue === "far-date" ? "Events dated far from publication" : "Events without a place"),
            h("thead", {}, h("tr", {}, ["article", "type", "event date", "place", "open"].map((c) => h("th", { scope: "col" }, c)))),
            h("tbody", {}, rows),
          )
        : h("p", { className: "empty" }, "None for these filters."),
      r.page.total > r.page.items.length ? h("p", { className: "muted" }, `Showing ${r.page.items.length} of ${r.page.total}.`) : null,
    ),
  );
  return r;
}
