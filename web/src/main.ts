/**
 * The dashboard: filters, map, timeline and a side panel (list, incident, article, actor, trends, data quality
 * or paste box), all in the URL. The filters drive every view; the map, the charts and the legends set filters.
 */
import "./style.css";
import { api, type IncidentSummary, type Page } from "./api.js";
import { renderActor } from "./actor-view.js";
import { renderArticle } from "./article-view.js";
import { h } from "./dom.js";
import { countryName } from "./format.js";
import { renderIncident } from "./incident-view.js";
import { renderList } from "./list-view.js";
import { createMap } from "./map.js";
import { renderPaste } from "./paste-view.js";
import { renderQuality } from "./quality-view.js";
import { FILTER_KEYS, openView, readFilters, readView, writeFilters, type Filters, type View } from "./state.js";
import { createTimeline } from "./timeline.js";
import { renderTrends } from "./trends-view.js";

const PAGE = 200;

const panel = document.getElementById("panel") as HTMLElement;
const form = document.getElementById("filters") as HTMLFormElement;
const field = (name: keyof Filters) => form.elements.namedItem(name) as HTMLInputElement | HTMLSelectElement;

const map = createMap(document.getElementById("map") as HTMLElement, {
  open: (id) => openView({ kind: "incident", id }),
  filter: (change) => applyFilters({ ...readFilters(), ...change }),
  modeChanged: (mode) => {
    if (mode !== "clusters") void api.regions(readFilters()).then((r) => map.showRegions(r)).catch(() => undefined);
  },
});
const timeline = createTimeline(document.getElementById("timeline") as HTMLElement, (range) => {
  const f = readFilters();
  applyFilters({ ...f, from: range?.from ?? "", to: range?.to ?? "" });
});

let listItems: IncidentSummary[] = [];
let listTotal = 0;
/** the list's total is a lower bound (see Page.totalAtLeast) */
let listAtLeast = false;
let loadToken = 0;
/** the actor whose incidents the map shows (on an actor's page), or null: the map shows the filters */
let mapShowsActor: string | null = null;

function showError(where: HTMLElement, err: unknown): void {
  where.replaceChildren(h("p", { className: "error", role: "alert" }, `Could not load: ${err instanceof Error ? err.message : String(err)}`));
}

function fillForm(f: Filters): void {
  for (const key of FILTER_KEYS) field(key).value = f[key];
}

/** Views that show the filtered record and so stay open when the filters change. */
const FOLLOWS_FILTERS = new Set<View["kind"]>(["list", "trends", "quality"]);

function applyFilters(f: Filters): void {
  writeFilters(f);
  fillForm(f);
  void loadData();
  if (!FOLLOWS_FILTERS.has(readView().kind)) openView({ kind: "list" });
}

function exportLinks(f: Filters): HTMLElement {
  return h(
    "div",
    { className: "exports" },
    "Export: ",
    (["csv", "geojson", "ndjson"] as const).map((fmt, i) => [i ? " · " : "", h("a", { href: api.exportUrl(f, fmt), download: `sitrep-incidents.${fmt}` }, fmt.toUpperCase())]),
    " · flags: ",
    (["csv", "ndjson"] as const).map((fmt, i) => [i ? " · " : "", h("a", { href: api.flagsExportUrl(fmt), download: `sitrep-flags.${fmt}`, className: "flags-export" }, fmt.toUpperCase())]),
  );
}

function renderListPanel(): void {
  const f = readFilters();
  const shown: Page<IncidentSummary> = { total: listTotal, limit: PAGE, offset: 0, items: listItems };
  renderList(panel, listAtLeast ? { ...shown, totalAtLeast: true } : shown, listItems, {
    open: (id) => openView({ kind: "incident", id }),
    more: () => {
      void api.incidents(f, PAGE, listItems.length).then((page) => {
        listItems = [...listItems, ...page.items];
        // A lower bound grows as pages are read, and becomes exact at the last one.
        if (listAtLeast) [listTotal, listAtLeast] = [page.total, page.totalAtLeast === true];
        renderListPanel();
      });
    },
    exportLinks: exportLinks(f),
  });
}

/** Filters changed: reload the map, the list and the timeline. */
async function loadData(): Promise<void> {
  const token = ++loadToken;
  const f = readFilters();
  const { from: _from, to: _to, ...undated } = f;
  try {
    const view = readView();
    // the map is drawn as soon as its points arrive, without waiting for the list and the timeline
    const mapDrawn = view.kind === "actor" // an actor's page draws that actor's incidents itself
      ? Promise.resolve()
      : api.mapPoints(f).then((points) => {
          if (token !== loadToken) return;
          map.show(points);
          mapShowsActor = null;
        });
    const [page, buckets] = await Promise.all([api.incidents(f, PAGE), api.timeline(undated), mapDrawn]);
    if (token !== loadToken) return;
    listItems = page.items;
    listTotal = page.total;
    listAtLeast = page.totalAtLeast === true;
    if (map.mode !== "clusters") map.showRegions(await api.regions(f));
    timeline.draw(buckets, { from: f.from, to: f.to });
    document.body.dataset.loaded = "true";
    if (view.kind === "list") renderListPanel();
    else if (view.kind === "trends" || view.kind === "quality") void route();
  } catch (err) {
    if (token === loadToken) showError(panel, err);
  }
}

async function loadFacets(): Promise<void> {
  const facets = await api.facets();
  const country = field("country") as HTMLSelectElement;
  const type = field("type") as HTMLSelectElement;
  const f = readFilters();
  country.append(
    ...facets.countries
      .map((c) => ({ ...c, name: countryName(c.code) }))
      .sort((a, b) => a.name.localeCompare(b.name))
      .map((c) => h("option", { value: c.code }, `${c.name} (${c.count})`)),
  );
  type.append(...facets.types.map((t) => h("option", { value: t.type }, `${t.type} (${t.count})`)));
  document.getElementById("actor-options")?.append(...facets.actors.slice(0, 200).map((a) => h("option", { value: a.name })));
  fillForm(f);
  // (the choices arrive after the first view: a script or a test that reads the filter form waits for this)
  document.body.dataset.filtersLoaded = "true";
}

function markNav(view: View): void {
  for (const a of document.querySelectorAll<HTMLAnchorElement>(".nav a")) {
    const current = a.dataset.view === view.kind || (a.dataset.view === "list" && ["incident", "article"].includes(view.kind));
    if (current) a.setAttribute("aria-current", "page");
    else a.removeAttribute("aria-current");
  }
}

async function route(): Promise<void> {
  const view = readView();
  document.body.dataset.view = view.kind;
  markNav(view);
  // leaving an actor's page, the map shows the filters again
  if (view.kind !== "actor" && mapShowsActor !== null) void loadData();
  try {
    if (view.kind === "incident") {
      map.highlight(view.id);
      await renderIncident(panel, view.id, {
        back: () => openView({ kind: "list" }),
        openArticle: (id) => openView({ kind: "article", id }),
      });
    } else if (view.kind === "article") {
      const report = await api.article(view.id);
      panel.replaceChildren(renderArticle(report, { back: () => history.back() }));
    } else if (view.kind === "paste") {
      renderPaste(panel, { back: () => openView({ kind: "list" }) });
    } else if (view.kind === "actor") {
      map.highlight(null);
      const profile = await renderActor(panel, view.name, { back: () => openView({ kind: "list" }), open: (id) => openView({ kind: "incident", id }) });
      map.show(profile.map);
      mapShowsActor = profile.name;
    } else if (view.kind === "trends") {
      await renderTrends(panel, readFilters(), { interval: view.interval, stack: view.stack, split: view.split }, {
        options: (o) => openView({ kind: "trends", ...o }),
        filter: (change) => applyFilters({ ...readFilters(), ...change }),
      });
    } else if (view.kind === "quality") {
      await renderQuality(panel, readFilters(), view.issue, {
        issue: (issue) => openView({ kind: "quality", issue }),
        openIncident: (id) => openView({ kind: "incident", id }),
        openArticle: (id) => openView({ kind: "article", id }),
      });
    } else {
      map.highlight(null);
      renderListPanel();
    }
    panel.scrollTop = 0;
    if (view.kind !== "paste") panel.focus({ preventScroll: true });
    // on a phone the panel sits below the map: bring the opened incident or article into view
    if (view.kind !== "list" && window.matchMedia("(max-width: 900px)").matches) panel.scrollIntoView({ block: "start" });
  } catch (err) {
    showError(panel, err);
  }
}

form.addEventListener("submit", (e) => {
  e.preventDefault();
  const f = {} as Filters;
  for (const key of FILTER_KEYS) f[key] = field(key).value.trim();
  applyFilters(f);
});
(field("country") as HTMLSelectElement).addEventListener("change", () => form.requestSubmit());
(field("type") as HTMLSelectElement).addEventListener("change", () => form.requestSubmit());
document.getElementById("reset-filters")?.addEventListener("click", () => applyFilters({ from: "", to: "", country: "", type: "", actor: "", q: "" }));
// the skip link moves focus without touching the hash (which names the open view)
document.getElementById("skip-link")?.addEventListener("click", (e) => {
  e.preventDefault();
  panel.focus();
});
// the nav links keep the filters: only the hash changes
for (const a of document.querySelectorAll<HTMLAnchorElement>(".nav a")) {
  a.addEventListener("click", (e) => {
    e.preventDefault();
    const kind = a.dataset.view;
    openView(kind === "trends" ? { kind: "trends", interval: "week", stack: "type", split: "none" } : kind === "quality" ? { kind: "quality", issue: "far-date" } : { kind: "list" });
  });
}
document.getElementById("paste-open")?.addEventListener("click", () => openView({ kind: "paste" }));
window.addEventListener("hashchange", () => void route());
window.addEventListener("sitrep:view", () => void route());
window.addEventListener("popstate", () => {
  fillForm(readFilters());
  void loadData();
  void route();
});
window.addEventListener("resize", () => map.invalidate());

fillForm(readFilters());
// the filter choices come after the first view: they are not needed to see it
void loadData()
  .then(() => route())
  .finally(() => void loadFacets().catch(() => undefined));
