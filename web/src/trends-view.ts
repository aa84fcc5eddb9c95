/**
 * Trends for the current filters: killed (best, with the low-high band) and incidents per day, week or month,
 * stacked by type or actor, and small multiples by country or province. Dragging across a chart sets the
 * date filters; choosing a type, an actor or a country panel sets that filter: the map and the list follow.
 */
import { api, type Interval, type SplitBy, type StackBy, type Trends } from "./api.js";
import { bandLine, stackedBars, type Series } from "./charts.js";
import { typeColor } from "./colors.js";
import { h } from "./dom.js";
import { countryName } from "./format.js";
import type { Filters } from "./state.js";

/** Colours for actors (types have their own): distinct, and readable on light and dark backgrounds. */
const ACTOR_COLORS = ["#1565c0", "#c62828", "#2e7d32", "#ef6c00", "#6a1b9a", "#00838f", "#ad1457", "#827717", "#78909c"];

export function periodEnd(start: string, interval: Interval): string {
  const t = Date.parse(`${start}T00:00:00Z`);
  if (interval === "day") return start;
  if (interval === "week") return new Date(t + 6 * 86_400_000).toISOString().slice(0, 10);
  const d = new Date(t);
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).toISOString().slice(0, 10);
}

export interface TrendsHandlers {
  options(o: { interval: Interval; stack: StackBy; split: SplitBy }): void;
  filter(change: Partial<Filters>): void;
}

function select<T extends string>(name: string, label: string, value: T, options: [T, string][], onChange: (v: T) => void): HTMLElement {
  const el = h("select", { name }, options.map(([v, text]) => h("option", { value: v, selected: v === value }, text)));
  el.addEventListener("change", () => onChange(el.value as T));
  return h("label", {}, `${label} `, el);
}

function dataTable(t: Trends, caption: string): HTMLElement {
  return h(
    "details",
    { className: "chart-table" },
    h("summary", {}, "Show the figures as a table"),
    h(
      "table",
      { className: "figures" },
      h("caption", {}, caption),
      h("thead", {}, h("tr", {}, h("th", { scope: "col" }, "period from"), h("th", { scope: "col" }, "incidents"), h("th", { scope: "col" }, "killed (best)"), h("th", { scope: "col" }, "low"), h("th", { scope: "col" }, "high"))),
      h(
        "tbody",
        {},
        t.periods.map((p, i) =>
          h("tr", {}, h("th", { scope: "row" }, p), h("td", {}, String(t.incidents[i])), h("td", {}, String(t.killed.best[i])), h("td", {}, String(t.killed.low[i])), h("td", {}, `${t.killed.high[i]}${t.openHigh[i] ? "+" : ""}`)),
        ),
      ),
    ),
  );
}

export async function renderTrends(
  panel: HTMLElement,
  filters: Filters,
  o: { interval: Interval; stack: StackBy; split: SplitBy },
  handlers: TrendsHandlers,
): Promise<Trends> {
  const t = await api.trends(filters, o);
  const brush = (range: { first: number; last: number } | null) => {
    if (!range) handlers.filter({ from: "", to: "" });
    else handlers.filter({ from: t.periods[range.first], to: periodEnd(t.periods[range.last], t.interval) });
  };
  // the server uses a longer interval when the asked one would give too many periods
  const unit = t.interval;
  const series: Series[] = t.stacks.map((s, i) => ({
    key: s.key, values: s.counts, color: o.stack === "type" ? typeColor(s.key) : ACTOR_COLORS[Math.min(i, ACTOR_COLORS.length - 1)],
  }));
  const totalKilled = t.killed.best.reduce((a, b) => a + b, 0);
  const totalIncidents = t.incidents.reduce((a, b) => a + b, 0);
  const range = t.periods.length ? `${t.periods[0]} to ${periodEnd(t.periods[t.periods.length - 1], unit)}` : "no dates";
  const controls = h(
    "form",
    { className: "trend-controls", "aria-label": "Chart options", onsubmit: (e: Event) => e.preventDefault() },
    select("interval", "Per", o.interval, [["day", "day"], ["week", "week"], ["month", "month"]], (interval) => handlers.options({ ...o, interval })),
    select("stack", "Stack by", o.stack, [["type", "event type"], ["actor", "actor"]], (stack) => handlers.options({ ...o, stack })),
    select("split", "Small multiples", o.split, [["none", "none"], ["country", "by country"], ["admin1", "by province"]], (split) => handlers.options({ ...o, split })),
  );
  const legend = h(
    "ul",
    { className: "chart-legend", "aria-label": o.stack === "type" ? "Event types: choose one to filter" : "Actors: choose one to filter" },
    series.map((s) =>
      h(
        "li",
        {},
        s.key === "other" || s.key === "actor not stated"
          ? h("span", {}, h("span", { className: "legend-dot", style: `background:${s.color}` }), ` ${s.key}`)
          : h("button", { type: "button", className: "legend-type", onclick: () => handlers.filter(o.stack === "type" ? { type: s.key } : { actor: s.key }) },
              h("span", { className: "legend-dot", style: `background:${s.color}` }), ` ${s.key}`),
      ),
    ),
  );
  const panels = t.panels.length
    ? h(
        "section",
        { className: "multiples", "aria-label": `Small multiples by ${o.split === "country" ? "country" : "province"}` },
        h("h3", {}, `Incidents (bars) and killed (line) by ${o.split === "country" ? "country" : "province"}, same periods`),
        h(
          "ul",
          { className: "multiples-grid" },
          t.panels.map((p) => {
            const name = o.split === "country" ? countryName(p.key) || p.key : p.key;
            const label = `${name}: ${p.total} incidents, ${p.killed.reduce((a, b) => a + b, 0)} killed`;
            const bars = stackedBars([{ key: "incidents", color: "#5c7a99", values: p.incidents }], { periods: t.periods, width: 200, height: 60, compact: true, label: `${label}, incidents per ${unit}` });
            const line = bandLine({ low: p.killed, best: p.killed, high: p.killed }, { periods: t.periods, width: 200, height: 40, compact: true, color: "#b3262e", label: `${label}, killed per ${unit}` });
            const head = o.split === "country" && p.key !== "unknown"
              ? h("button", { type: "button", className: "link-button", onclick: () => handlers.filter({ country: p.key }) }, label)
              : h("span", {}, label);
            return h("li", { className: "multiple" }, h("div", { className: "multiple-head" }, head), bars, line);
          }),
        ),
      )
    : null;
  panel.replaceChildren(
    h(
      "article",
      { className: "trends-view" },
      h("h2", { className: "panel-title" }, "Trends"),
      h("p", { className: "muted" }, `${totalIncidents} dated incidents, ${totalKilled} killed (best), ${range}${t.undated ? `; ${t.undated} undated incidents not charted` : ""}. Drag across a chart to set the dates.`),
      controls,
      t.interval !== o.interval ? h("p", { className: "muted small" }, `Drawn per ${t.interval}: per ${o.interval}, these dates give too many bars. Narrow the dates (drag across a chart) for ${o.interval}s.`) : null,
      h("h3", {}, `Killed per ${unit}: best, with the low–high band`),
      bandLine({ ...t.killed, open: t.openHigh }, {
        periods: t.periods, color: "#b3262e", onBrush: brush,
        label: `Killed per ${unit}, ${range}: ${totalKilled} in all (best figures), the band from the sum of lows to the sum of highs`,
      }),
      h("p", { className: "muted small" }, "+ marks a period where a source gave an open-ended figure (\"at least\"): the band's top is a floor there."),
      h("h3", {}, `Incidents per ${unit}, stacked by ${o.stack === "type" ? "event type" : "actor"}`),
      stackedBars(series, {
        periods: t.periods, onBrush: brush,
        label: `Incidents per ${unit}, ${range}: ${totalIncidents} in all, stacked by ${o.stack}`,
      }),
      o.stack === "actor" ? h("p", { className: "muted small" }, "An incident with two actors counts once for each.") : null,
      legend,
      dataTable(t, `Incidents and killed per ${unit}`),
      panels,
    ),
  );
  return t;
}
