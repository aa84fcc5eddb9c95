/** The incident list: one focusable item per incident; Enter or a click opens it. */
import type { IncidentSummary, Page } from "./api.js";
import { typeColor } from "./colors.js";
import { append, h } from "./dom.js";
import { formatCount, formatDate, isApproximate, placeLabel, typeLabel } from "./format.js";

/**
 * An incident in a list: a link to its view inside a list item (a list keeps its list semantics, and a link is
 * operable from the keyboard without help). `open` is kept for callers that also react to the choice.
 */
export function incidentItem(i: IncidentSummary, open: (id: string) => void): HTMLElement {
  const link = h(
    "a",
    { className: "incident-link", href: `#incident/${encodeURIComponent(i.id)}` },
    h("span", { className: "type-swatch", style: `background:${typeColor(i.type)}` }),
    h(
      "div",
      { className: "incident-body" },
      h("div", { className: "incident-summary" }, i.summary || typeLabel(i)),
      h(
        "div",
        { className: "incident-meta" },
        `${formatDate(i.date, i.granularity)} · ${placeLabel(i.place)}`,
        i.place && isApproximate(i.place) ? h("span", { className: "badge approx" }, "approx. place") : null,
      ),
      h(
        "div",
        { className: "incident-meta" },
        typeLabel(i),
        i.killed ? ` · killed ${formatCount(i.killed)}` : "",
        ` · ${i.sourceCount} source${i.sourceCount === 1 ? "" : "s"}`,
      ),
    ),
  );
  link.addEventListener("click", (e) => {
    // a click with a modifier opens a new tab or window, as links do
    if (e.ctrlKey || e.metaKey || e.shiftKey || e.button !== 0) return;
    e.preventDefault();
    open(i.id);
  });
  return h("li", { className: "incident-item", "data-id": i.id, "data-type": i.type }, link);
}

export function renderList(
  panel: HTMLElement,
  page: Page<IncidentSummary>,
  items: IncidentSummary[],
  handlers: { open: (id: string) => void; more: () => void; exportLinks: HTMLElement },
): void {
  // A lower bound (a text query matching many articles) says so, and there is always more to show.
  const count = `${page.total} incident${page.total === 1 ? "" : "s"}`;
  const heading = h("h2", { className: "panel-title" }, page.totalAtLeast ? `At least ${count}` : count);
  const list = h("ul", { className: "incident-list", "aria-label": "Incidents" }, items.map((i) => incidentItem(i, handlers.open)));
  panel.replaceChildren();
  append(
    panel,
    h("div", { className: "panel-head" }, heading, handlers.exportLinks),
    items.length ? list : h("p", { className: "empty" }, "No incident matches these filters."),
    page.totalAtLeast
      ? h("button", { type: "button", className: "more", onclick: handlers.more }, "Show more")
      : items.length < page.total ? h("button", { type: "button", className: "more", onclick: handlers.more }, `Show more (${page.total - items.length} left)`) : null,
  );
}
