/** The dashboard: filters, map, timeline and a side panel (list, incident, article or paste box), all in the URL. */
import "./style.css";
import { api, type IncidentSummary } from "./api.js";
import { renderArticle } from "./article-view.js";
import { h } from "./dom.js";
import { countryName } from "./format.js";
import { renderIncident } from "./incident-view.js";
import { renderList } from "./list-view.js";
import { createMap } from "./map.js";
import { renderPaste } from "./paste-view.js";
import { FILTER_KEYS, openView, readFilters, readView, writeFilters, type Filters } from "./state.js";
import { createTimeline } from "./timeline.js";

const PAGE = 200;
const MAP_LIMIT = 1000;

const panel = document.getElementById("panel") as HTMLElement;
const form = document.getElementById("filters") as HTMLFormElement;
const field = (name: keyof Filters) => form.elements.namedItem(name) as HTMLInputElement | HTMLSelectElement;

const map = createMap(document.getElementById("map") as HTMLElement, (id) => openView({ kind: "incident", id }));
const timeline = createTimeline(document.getElementById("timeline") as HTMLElement, (range) => {
  const f = readFilters();
  applyFilters({ ...f, from: range?.from ?? "", to: range?.to ?? "" });
});

let listItems: IncidentSummary[] = [];
let listTotal = 0;
let loadToken = 0;

function showError(where: HTMLElement, err: unknown): void {
  where.replaceChildren(h("p", { className: "error", role: "alert" }, `Could not load: ${err instanceof Error ? err.message : String(err)}`));
}

function fillForm(f: Filters): void {
  for (const key of FILTER_KEYS) field(key).value = f[key];
}

function applyFilters(f: Filters): void {
  writeFilters(f);
  fillForm(f);
  void loadData();
  if (readView().kind !== "list") openView({ kind: "list" });
}

function exportLinks(f: Filters): HTMLElement {
  return h(
    "div",
    { className: "exports" },
    "Export: ",
    (["csv", "geojson", "ndjson"] as const).map((fmt, i) => [i ? " · " : "", h("a", { href: api.exportUrl(f, fmt), download: `sitrep-incidents.${fmt}` }, fmt.toUpperCase())]),
  );
}

function renderListPanel(): void {
  const f = readFilters();
  renderList(panel, { total: listTotal, limit: PAGE, offset: 0, items: listItems }, listItems, {
    open: (id) => openView({ kind: "incident", id }),
    more: () => {
      void api.incidents(f, PAGE, listItems.length).then((page) => {
        listItems = [...listItems, ...page.items];
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
    const [page, mapPage, buckets] = await Promise.all([
      api.incidents(f, PAGE),
      api.incidents(f, MAP_LIMIT),
      api.timeline(undated),
    ]);
    if (token !== loadToken) return;
    listItems = page.items;
    listTotal = page.total;
    map.show(mapPage.items);
    timeline.draw(buckets, { from: f.from, to: f.to });
    document.body.dataset.loaded = "true";
    if (readView().kind === "list") renderListPanel();
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
}

async function route(): Promise<void> {
  const view = readView();
  document.body.dataset.view = view.kind;
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
void loadFacets().catch(() => undefined);
void loadData().then(() => route());
