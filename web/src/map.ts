/**
 * The map: an offline basemap of country borders (world-atlas, bundled) and every located incident for the
 * filters, clustered with supercluster (no cap: 5,000 incidents are 5,000 points in the index, drawn as the
 * clusters the zoom calls for). A lone town or point is a filled circle sized by casualties; a place known only
 * to the province or country is a large dashed translucent circle, never a pin that looks exact. The other
 * modes colour provinces (admin-1 shapes of Natural Earth, shipped simplified: see admin1.ts) or countries by
 * incidents or killed (choropleth). In the province modes the other provinces of the countries concerned are
 * outlined, and a province the shapes do not know is drawn as a circle at its incidents' mean point.
 */
import L from "leaflet";
import "leaflet/dist/leaflet.css";
import Supercluster, { type ClusterProperties } from "supercluster";
import { feature } from "topojson-client";
import type { GeometryCollection, Topology } from "topojson-specification";
import worldUrl from "world-atlas/countries-50m.json?url";
import { loadAdmin1, type Admin1Index, type Admin1Shape } from "./admin1.js";
import type { MapPoint, MapPoints, RegionCount } from "./api.js";
import { typeColor } from "./colors.js";
import { append, h } from "./dom.js";
import { countryName, isApproximate } from "./format.js";

/** Radius in metres of the circle drawn for a place known only at this precision. */
const AREA_RADIUS_M: Record<number, number> = { 2: 15_000, 3: 80_000, 4: 300_000 };

/** clusters of incidents; countries by incidents or killed; provinces (admin-1) by incidents or killed */
export type MapMode = "clusters" | "incidents" | "killed" | "admin1-incidents" | "admin1-killed";

const measureOf = (mode: MapMode): "incidents" | "killed" => (mode === "killed" || mode === "admin1-killed" ? "killed" : "incidents");
const isProvinceMode = (mode: MapMode): boolean => mode === "admin1-incidents" || mode === "admin1-killed";

export function markerRadius(killed: number | null | undefined): number {
  return Math.min(28, 5 + 3 * Math.sqrt(Math.max(0, killed ?? 0)));
}

function crossesAntimeridian(f: { geometry: GeoJSON.Geometry }): boolean {
  let east = false;
  let west = false;
  const visit = (c: unknown): void => {
    if (Array.isArray(c) && typeof c[0] === "number") {
      if ((c[0] as number) > 170) east = true;
      if ((c[0] as number) < -170) west = true;
    } else if (Array.isArray(c)) c.forEach(visit);
  };
  if ("coordinates" in f.geometry) visit(f.geometry.coordinates);
  return east && west;
}

export interface IncidentMap {
  /** every located incident for the filters, with how many matched and how many have no place */
  show(data: MapPoints): void;
  /** counts per country and province, for the choropleth mode */
  showRegions(regions: { countries: RegionCount[]; admin1: RegionCount[] }): void;
  setMode(mode: MapMode): void;
  readonly mode: MapMode;
  highlight(id: string | null): void;
  invalidate(): void;
}

export interface MapHandlers {
  open(id: string): void;
  /** brushing from the map: a country of the choropleth, a type of the legend */
  filter(change: { country?: string; type?: string }): void;
  /** the mode changed (the caller loads regions when needed) */
  modeChanged(mode: MapMode): void;
}

const approximate = (p: MapPoint) => isApproximate({ precision: p.precision as 1 | 2 | 3 | 4, featureType: "", name: "", lat: p.lat, lon: p.lon, country: null, admin1: null });

function pointLabel(p: MapPoint): string {
  const parts = [p.summary || p.type, p.date ?? "date unknown"];
  if (p.killed !== null) parts.push(`${p.killed} killed`);
  if (approximate(p)) parts.push(p.precision === 4 ? "approximate: country only" : "approximate: province or region only");
  return parts.join(" · ");
}

/** Five classes from light to dark, for the choropleth (readable in light and dark mode). */
const CLASS_COLORS = ["#fde0c5", "#facba6", "#f59e72", "#e6604a", "#b3262e"];

/**
 * Class lower bounds above 1 on a square-root scale (a few hot spots do not wash out the rest), without repeats:
 * values from 1 to the first bound are class 0, and so on.
 */
export function classBreaks(values: number[]): number[] {
  const max = Math.max(1, ...values);
  return [...new Set([1, 2, 3, 4].map((i) => Math.ceil(((i / 5) ** 2) * max)))].filter((b) => b > 1);
}

/** The colour of each class, spread over the scale when there are fewer classes than colours. */
function classColor(cls: number, classes: number): string {
  return CLASS_COLORS[classes <= 1 ? 4 : Math.round((cls * 4) / (classes - 1))];
}

function classLabels(breaks: number[]): string[] {
  const lows = [1, ...breaks];
  return lows.map((lo, i) => {
    const next = lows[i + 1];
    if (next === undefined) return `${lo}+`;
    return next - 1 === lo ? String(lo) : `${lo}–${next - 1}`;
  });
}

export function createMap(el: HTMLElement, handlers: MapHandlers): IncidentMap {
  const map = L.map(el, { worldCopyJump: true, minZoom: 1, maxZoom: 12, zoomSnap: 0.5, attributionControl: true });
  map.attributionControl.setPrefix(false);
  map.attributionControl.addAttribution("Borders: Natural Earth (public domain), countries via world-atlas");
  map.setView([15, 20], 2);
  const basemap = L.layerGroup().addTo(map);
  const choropleth = L.layerGroup();
  const provinces = L.layerGroup();
  const incidents = L.layerGroup().addTo(map);
  const highlightLayer = L.layerGroup().addTo(map);
  let countryLayers: L.GeoJSON[] = [];
  let mode: MapMode = "clusters";
  let index = new Supercluster<MapPoint, Record<string, never>>({ radius: 48, maxZoom: 11 });
  let byId = new Map<string, MapPoint>();
  let lastRegions: { countries: RegionCount[]; admin1: RegionCount[] } | null = null;
  let highlighted: string | null = null;
  let admin1: Admin1Index | null = null;
  /** provinces of the last painting that no shape matched, drawn as circles (the legend says how many) */
  let unshaped = 0;
  /** the values the provinces were filled by, for the legend's classes */
  let provinceValues: number[] = [];
  /** set when a province mode is chosen: the next painting frames the filled provinces */
  let frameProvinces = false;

  fetch(worldUrl)
    .then((r) => r.json() as Promise<Topology>)
    .then((topology) => {
      const countries = feature(topology, topology.objects.countries as GeometryCollection);
      // Antarctica is dropped (no incidents there, and it wraps the whole globe); countries cut by the
      // antimeridian (Russia, Fiji) are shifted east so no ring draws a line across the whole map.
      countries.features = countries.features.filter((f) => f.id !== "010");
      const crossing = new Set(countries.features.filter(crossesAntimeridian).map((f) => f.id));
      const options = (shift: boolean): L.GeoJSONOptions => ({
        style: { className: "basemap-country", weight: 0.6 },
        ...(shift ? { coordsToLatLng: (c: number[]) => L.latLng(c[1], c[0] < 0 ? c[0] + 360 : c[0]) } : {}),
        onEachFeature: (f, layer) => {
          layer.on("click", () => {
            const region = lastRegions?.countries.find((c) => c.numeric === String(f.id));
            if (mode !== "clusters" && region) handlers.filter({ country: region.key });
          });
        },
      });
      countryLayers = [
        L.geoJSON({ ...countries, features: countries.features.filter((f) => !crossing.has(f.id)) } as GeoJSON.FeatureCollection, options(false)),
        L.geoJSON({ type: "FeatureCollection", features: countries.features.filter((f) => crossing.has(f.id)) } as GeoJSON.FeatureCollection, options(true)),
      ];
      for (const layer of countryLayers) layer.addTo(basemap);
      paintCountries();
    })
    .catch(() => el.setAttribute("data-basemap", "failed"));

  // ------------------------------------------------------------------ controls: mode, legend, what is not shown
  const modeControl = new L.Control({ position: "topright" });
  const modeSelect = h(
    "select",
    { "aria-label": "What the map shows", className: "map-mode" },
    h("option", { value: "clusters" }, "Incidents (clustered)"),
    h("option", { value: "admin1-incidents" }, "Provinces by incidents"),
    h("option", { value: "admin1-killed" }, "Provinces by killed"),
    h("option", { value: "incidents" }, "Countries by incidents"),
    h("option", { value: "killed" }, "Countries by killed"),
  );
  modeSelect.addEventListener("change", () => setMode(modeSelect.value as MapMode));
  modeControl.onAdd = () => {
    const box = h("div", { className: "map-control" }, h("label", {}, h("span", { className: "sr-only" }, "Map shows"), modeSelect));
    L.DomEvent.disableClickPropagation(box);
    return box;
  };
  modeControl.addTo(map);

  const legendControl = new L.Control({ position: "bottomleft" });
  // a disclosure: open on a wide screen, closed on a phone, where it would cover most of the map
  const legendBox = h("div", { className: "map-legend-body" });
  const legendDetails = h(
    "details",
    { className: "map-legend", open: !window.matchMedia("(max-width: 900px)").matches },
    h("summary", {}, "Legend"),
    legendBox,
  );
  legendControl.onAdd = () => {
    L.DomEvent.disableClickPropagation(legendDetails);
    L.DomEvent.disableScrollPropagation(legendDetails);
    return legendDetails;
  };
  legendControl.addTo(map);
  let legendInfo: { types: Map<string, number>; total: number; unlocated: number } = { types: new Map(), total: 0, unlocated: 0 };

  function drawLegend(): void {
    const { types, total, unlocated } = legendInfo;
    legendBox.replaceChildren();
    const typeItems = [...types.entries()].sort((a, b) => b[1] - a[1]).map(([type, n]) =>
      h(
        "li",
        {},
        h("button", { type: "button", className: "legend-type", title: `Filter by ${type}`, onclick: () => handlers.filter({ type }) },
          h("span", { className: "legend-dot", style: `background:${typeColor(type)}` }), ` ${type} (${n})`),
      ),
    );
    const provinceMode = isProvinceMode(mode);
    const measure = measureOf(mode);
    const countries = lastRegions?.countries ?? [];
    const breaks = classBreaks(provinceMode ? provinceValues : countries.map((c) => (measure === "killed" ? c.killed : c.incidents)));
    append(legendBox,
      mode === "clusters"
        ? h(
            "div",
            {},
            h("ul", { className: "legend-types", "aria-label": "Event types: choose one to filter" }, typeItems),
            h("div", {}, h("span", { className: "legend-cluster" }, "12"), " cluster of incidents (choose to zoom in)"),
            h("div", {}, h("span", { className: "legend-point" }), " town or point (size: killed)"),
            h("div", {}, h("span", { className: "legend-area" }), " approximate: province or country only"),
          )
        : h(
            "div",
            {},
            h("div", {}, `${measure === "killed" ? "Killed (best)" : "Incidents"} per ${provinceMode ? "province" : "country"}`),
            h(
              "div",
              { className: "legend-scale" },
              classLabels(breaks).map((label, i, all) =>
                h("span", { className: "legend-class" }, h("span", { className: "legend-swatch", style: `background:${classColor(i, all.length)}` }), ` ${label}`),
              ),
            ),
            provinceMode ? h("div", {}, h("span", { className: "legend-admin1-empty" }), " province without incidents") : null,
            provinceMode && unshaped > 0
              ? h("div", {}, h("span", { className: "legend-province" }), ` province without a shape (${unshaped}): circle area by value`)
              : null,
            provinceMode ? h("div", { className: "legend-source" }, "Province borders: Natural Earth 1:10m, simplified") : null,
          ),
      total > 0 || unlocated > 0
        ? h("div", { className: "map-coverage" }, `${total - unlocated} of ${total} incidents on the map`, unlocated ? `; ${unlocated} without a place are listed but not drawn` : "")
        : null,
    );
  }

  // ------------------------------------------------------------------ clusters and points
  function keyboardButton(layer: L.Path, label: string, open: () => void): void {
    const node = layer.getElement();
    if (!node) return;
    node.setAttribute("tabindex", "0");
    node.setAttribute("role", "button");
    node.setAttribute("aria-label", label);
    node.addEventListener("keydown", (e) => {
      const key = (e as KeyboardEvent).key;
      if (key === "Enter" || key === " ") {
        e.preventDefault();
        open();
      }
    });
  }

  function drawClusters(): void {
    incidents.clearLayers();
    if (mode !== "clusters") return;
    const b = map.getBounds();
    const west = Math.max(-180, b.getWest());
    const east = Math.min(180, b.getEast());
    const bbox: [number, number, number, number] = east - west >= 360 || b.getWest() < -180 || b.getEast() > 180
      ? [-180, Math.max(-85, b.getSouth()), 180, Math.min(85, b.getNorth())]
      : [west, Math.max(-85, b.getSouth()), east, Math.min(85, b.getNorth())];
    const zoom = Math.round(map.getZoom());
    for (const c of index.getClusters(bbox, zoom)) {
      const [lon, lat] = c.geometry.coordinates;
      const props = c.properties as Partial<ClusterProperties> & Partial<MapPoint>;
      if (props.cluster) {
        const n = props.point_count ?? 0;
        const size = Math.round(28 + Math.min(26, 6 * Math.log10(n)));
        const marker = L.marker([lat, lon], {
          icon: L.divIcon({ html: h("span", {}, props.point_count_abbreviated ?? String(n)), className: "cluster-icon", iconSize: [size, size] }),
          keyboard: true,
          title: `${n} incidents here: zoom in`,
        });
        const zoomIn = () => map.setView([lat, lon], Math.min(index.getClusterExpansionZoom(props.cluster_id!), 12));
        marker.on("click", zoomIn);
        marker.addTo(incidents);
        const element = marker.getElement();
        element?.setAttribute("aria-label", `${n} incidents clustered here: press Enter to zoom in`);
        element?.setAttribute("role", "button");
        // Leaflet's own keyboard click listens for "keypress", which browsers no longer send for every key: Enter
        // and Space are handled here, as on the single markers
        element?.addEventListener("keydown", (e) => {
          if (e.key === "Enter" || e.key === " ") {
            e.preventDefault();
            zoomIn();
          }
        });
        continue;
      }
      const p = props as MapPoint;
      const color = typeColor(p.type);
      const layer: L.Path = approximate(p)
        ? L.circle([lat, lon], {
            radius: AREA_RADIUS_M[p.precision] ?? AREA_RADIUS_M[3], color, weight: 1.5, dashArray: "6 5", fillColor: color,
            fillOpacity: 0.12, className: "incident-area",
          })
        : L.circleMarker([lat, lon], {
            radius: markerRadius(p.killed), color: "#ffffff", weight: 1.2, fillColor: color, fillOpacity: 0.85, className: "incident-point",
          });
      const label = pointLabel(p);
      // an element, not a string: Leaflet would put a string in with innerHTML
      layer.bindTooltip(h("div", { className: "map-tip" }, label), { sticky: true, direction: "top" });
      layer.on("click", () => handlers.open(p.id));
      layer.addTo(incidents);
      keyboardButton(layer, label, () => handlers.open(p.id));
    }
    drawHighlight();
  }

  function drawHighlight(): void {
    highlightLayer.clearLayers();
    const p = highlighted ? byId.get(highlighted) : undefined;
    if (!p) return;
    L.circleMarker([p.lat, p.lon], { radius: 16, color: "#111", weight: 3, fill: false, interactive: false, className: "highlight-ring" }).addTo(highlightLayer);
  }

  // ------------------------------------------------------------------ choropleth and province symbols
  function paintCountries(): void {
    const regions = lastRegions;
    const values = new Map<string, number>();
    const countryMode = mode === "incidents" || mode === "killed";
    if (regions && countryMode) for (const c of regions.countries) if (c.numeric) values.set(c.numeric, mode === "killed" ? c.killed : c.incidents);
    const breaks = classBreaks([...values.values()]);
    for (const layer of countryLayers) {
      layer.eachLayer((l) => {
        const f = (l as L.GeoJSON).feature as GeoJSON.Feature | undefined;
        const v = f ? values.get(String(f.id)) : undefined;
        const path = l as L.Path;
        if (v === undefined || v === 0) {
          path.getElement()?.classList.remove("choropleth-filled");
          path.getElement()?.removeAttribute("style");
          return;
        }
        const cls = breaks.filter((b) => v >= b).length;
        const fill = classColor(cls, breaks.length + 1);
        path.getElement()?.classList.add("choropleth-filled");
        path.getElement()?.setAttribute("style", `fill:${fill};fill-opacity:0.9`);
        const name = countryName(regions?.countries.find((c) => c.numeric === String(f?.id))?.key);
        path.unbindTooltip();
        path.bindTooltip(`${name}: ${v} ${mode === "killed" ? "killed" : "incidents"}`, { sticky: true });
      });
    }
    paintProvinces();
  }

  function provinceLabel(name: string, country: string | null, v: number): string {
    return `${name}${country ? `, ${countryName(country)}` : ""}: ${v} ${measureOf(mode) === "killed" ? "killed" : `incident${v === 1 ? "" : "s"}`}`;
  }

  /**
   * Province modes: each province with a value filled by its class, the other provinces of the same countries
   * outlined; a province no shape matches is a circle at its incidents' mean point.
   */
  function paintProvinces(): void {
    choropleth.clearLayers();
    provinces.clearLayers();
    unshaped = 0;
    provinceValues = [];
    const regions = lastRegions;
    if (!regions || !isProvinceMode(mode)) return;
    const value = (r: RegionCount) => (measureOf(mode) === "killed" ? r.killed : r.incidents);
    const shaped = new Map<Admin1Shape, number>();
    const circles: RegionCount[] = [];
    for (const r of regions.admin1) {
      const shape = admin1?.find(r.country, r.key);
      if (shape) shaped.set(shape, (shaped.get(shape) ?? 0) + value(r));
      else circles.push(r);
    }
    provinceValues = [...shaped.values()];
    const breaks = classBreaks(provinceValues);
    const countries = new Set(regions.admin1.map((r) => r.country).filter((c): c is string => c !== null));
    for (const country of countries) {
      for (const shape of admin1?.ofCountry(country) ?? []) {
        const v = shaped.get(shape) ?? 0;
        if (v === 0) {
          L.geoJSON(shape.feature, { interactive: false, style: { className: "admin1-shape", weight: 0.6, fill: false } }).addTo(choropleth);
          continue;
        }
        const cls = breaks.filter((b) => v >= b).length;
        const layer = L.geoJSON(shape.feature, {
          style: { className: "admin1-shape admin1-filled", weight: 0.8, fillColor: classColor(cls, breaks.length + 1), fillOpacity: 0.9 },
        }).addTo(choropleth);
        const label = provinceLabel(shape.name, country, v);
        layer.eachLayer((l) => {
          const path = l as L.Path;
          path.bindTooltip(h("div", { className: "map-tip" }, label), { sticky: true });
          keyboardButton(path, label, () => path.openTooltip());
        });
        layer.on("click", () => handlers.filter({ country }));
      }
    }
    const max = Math.max(1, ...circles.map(value));
    for (const r of circles) {
      const v = value(r);
      if (r.lat === null || r.lon === null || v === 0) continue;
      unshaped++;
      const label = provinceLabel(r.key, r.country, v);
      const circle = L.circleMarker([r.lat, r.lon], { radius: 4 + 22 * Math.sqrt(v / max), className: "province-symbol", weight: 1 });
      circle.bindTooltip(h("div", { className: "map-tip" }, label), { sticky: true });
      circle.addTo(provinces);
      keyboardButton(circle, label, () => circle.openTooltip());
    }
    el.dataset.admin1Shapes = String(choropleth.getLayers().length);
    const filled = L.featureGroup(choropleth.getLayers().filter((l) => (l as L.GeoJSON).options.interactive !== false));
    if (frameProvinces && admin1 && filled.getLayers().length > 0) {
      map.fitBounds(filled.getBounds().pad(0.15), { maxZoom: 7, animate: false });
      frameProvinces = false;
    }
  }

  function setMode(next: MapMode): void {
    mode = next;
    modeSelect.value = next;
    el.dataset.mode = next;
    if (next === "clusters") {
      choropleth.remove();
      provinces.remove();
    } else {
      choropleth.addTo(map);
      provinces.addTo(map);
    }
    paintCountries();
    drawClusters();
    drawLegend();
    frameProvinces = isProvinceMode(next);
    handlers.modeChanged(next);
    if (isProvinceMode(next) && !admin1) {
      loadAdmin1()
        .then((index) => {
          admin1 = index;
          paintProvinces();
          drawLegend();
        })
        .catch(() => el.setAttribute("data-admin1", "failed"));
    }
  }

  map.on("moveend", drawClusters);

  let fitted = "";
  return {
    show(data) {
      byId = new Map(data.points.map((p) => [p.id, p]));
      index = new Supercluster<MapPoint, Record<string, never>>({ radius: 48, maxZoom: 11 });
      index.load(data.points.map((p) => ({ type: "Feature", properties: p, geometry: { type: "Point", coordinates: [p.lon, p.lat] } })));
      const types = new Map<string, number>();
      for (const p of data.points) types.set(p.type, (types.get(p.type) ?? 0) + 1);
      legendInfo = { types, total: data.total, unlocated: data.unlocated };
      el.dataset.points = String(data.points.length);
      // Each new set of results is framed; the reader's own panning is kept between loads of the same set.
      const key = `${data.points.length}:${data.points[0]?.id ?? ""}:${data.points[data.points.length - 1]?.id ?? ""}`;
      if (data.points.length > 0 && key !== fitted) {
        const lats = data.points.map((p) => p.lat);
        const lons = data.points.map((p) => p.lon);
        const bounds = L.latLngBounds([Math.min(...lats), Math.min(...lons)], [Math.max(...lats), Math.max(...lons)]);
        map.fitBounds(bounds.pad(0.3), { maxZoom: 6, animate: false });
      }
      fitted = key;
      drawClusters();
      drawLegend();
    },
    showRegions(regions) {
      lastRegions = regions;
      paintCountries();
      drawLegend();
    },
    setMode,
    get mode() {
      return mode;
    },
    highlight(id) {
      highlighted = id;
      drawHighlight();
      const p = id ? byId.get(id) : undefined;
      if (p && !map.getBounds().contains([p.lat, p.lon])) map.panTo([p.lat, p.lon]);
    },
    invalidate() {
      map.invalidateSize();
    },
  };
}
