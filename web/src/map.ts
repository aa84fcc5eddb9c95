/**
 * The map: an offline basemap of country borders (world-atlas, bundled) and one symbol per incident.
 * Towns and points are filled circles sized by casualties; a place known only to the province or country is a
 * large dashed translucent circle labelled "approximate", never a pin that looks exact.
 */
import L from "leaflet";
import "leaflet/dist/leaflet.css";
import { feature } from "topojson-client";
import type { GeometryCollection, Topology } from "topojson-specification";
import worldUrl from "world-atlas/countries-50m.json?url";
import type { IncidentSummary } from "./api.js";
import { typeColor } from "./colors.js";
import { h } from "./dom.js";
import { formatCount, formatDate, isApproximate, PRECISION_LABELS, placeLabel, typeLabel } from "./format.js";

/** Radius in metres of the circle drawn for a place known only at this precision. */
const AREA_RADIUS_M: Record<number, number> = { 2: 15_000, 3: 80_000, 4: 300_000 };

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
  show(incidents: IncidentSummary[]): void;
  highlight(id: string | null): void;
  invalidate(): void;
}

function tooltipFor(i: IncidentSummary): HTMLElement {
  // An element, not a string: Leaflet would put a string in with innerHTML.
  return h(
    "div",
    { className: "map-tip" },
    h("strong", {}, i.summary || typeLabel(i)),
    h("div", {}, `${formatDate(i.date, i.granularity)} · ${placeLabel(i.place)}`),
    h("div", {}, `killed: ${formatCount(i.killed)}`),
    i.place && isApproximate(i.place) ? h("div", { className: "approx-note" }, `approximate location: ${PRECISION_LABELS[i.place.precision]}`) : null,
  );
}

export function createMap(el: HTMLElement, onOpen: (id: string) => void): IncidentMap {
  const map = L.map(el, { worldCopyJump: true, minZoom: 1, maxZoom: 12, zoomSnap: 0.5, attributionControl: true });
  map.attributionControl.setPrefix(false);
  map.attributionControl.addAttribution("Borders: Natural Earth via world-atlas");
  map.setView([15, 20], 2);
  const basemap = L.layerGroup().addTo(map);
  const incidents = L.featureGroup().addTo(map);
  const layers = new Map<string, L.CircleMarker | L.Circle>();

  fetch(worldUrl)
    .then((r) => r.json() as Promise<Topology>)
    .then((topology) => {
      const countries = feature(topology, topology.objects.countries as GeometryCollection);
      // Antarctica is dropped (no incidents there, and it wraps the whole globe); countries cut by the
      // antimeridian (Russia, Fiji) are shifted east so no ring draws a line across the whole map.
      countries.features = countries.features.filter((f) => f.id !== "010");
      const crossing = new Set(countries.features.filter(crossesAntimeridian).map((f) => f.id));
      L.geoJSON(countries, {
        interactive: false,
        style: { color: "#8a99a6", weight: 0.6, fillColor: "#f4f1ea", fillOpacity: 1 },
        filter: (f) => !crossing.has(f.id),
      }).addTo(basemap);
      L.geoJSON(
        { type: "FeatureCollection", features: countries.features.filter((f) => crossing.has(f.id)) } as GeoJSON.FeatureCollection,
        {
          interactive: false,
          coordsToLatLng: (c) => L.latLng(c[1], c[0] < 0 ? c[0] + 360 : c[0]),
          style: { color: "#8a99a6", weight: 0.6, fillColor: "#f4f1ea", fillOpacity: 1 },
        },
      ).addTo(basemap);
    })
    .catch(() => el.setAttribute("data-basemap", "failed"));

  const legend = new L.Control({ position: "bottomleft" });
  legend.onAdd = () =>
    h(
      "div",
      { className: "map-legend" },
      h("div", {}, h("span", { className: "legend-dot" }), " town or point (size: killed)"),
      h("div", {}, h("span", { className: "legend-area" }), " approximate: province or country only"),
    );
  legend.addTo(map);

  const typeColorOf = (layer: L.Circle) => String(layer.options.fillColor ?? "#546e7a");
  let fitted = "";
  return {
    show(list) {
      incidents.clearLayers();
      layers.clear();
      for (const i of list) {
        const p = i.place;
        if (!p || p.lat === null || p.lon === null) continue;
        const color = typeColor(i.type);
        const approximate = isApproximate(p);
        const layer = approximate
          ? L.circle([p.lat, p.lon], {
              radius: AREA_RADIUS_M[p.precision] ?? AREA_RADIUS_M[3],
              color,
              weight: 1.5,
              dashArray: "6 5",
              fillColor: color,
              fillOpacity: 0.12,
              className: "incident-area",
            })
          : L.circleMarker([p.lat, p.lon], {
              radius: markerRadius(i.killed?.best),
              color: "#ffffff",
              weight: 1.2,
              fillColor: color,
              fillOpacity: 0.85,
              className: "incident-point",
            });
        layer.bindTooltip(tooltipFor(i), { sticky: true, direction: "top" });
        layer.on("click", () => onOpen(i.id));
        layer.addTo(incidents);
        layers.set(i.id, layer);
        // keyboard users reach markers too: each is a focusable button that Enter or Space opens
        const el = layer.getElement();
        if (el) {
          el.setAttribute("tabindex", "0");
          el.setAttribute("role", "button");
          el.setAttribute("aria-label", tooltipFor(i).textContent ?? i.summary);
          el.addEventListener("keydown", (e) => {
            const key = (e as KeyboardEvent).key;
            if (key === "Enter" || key === " ") {
              e.preventDefault();
              onOpen(i.id);
            }
          });
        }
      }
      // Each new set of results is framed; the reader's own panning is kept between loads of the same set.
      const key = list.map((i) => i.id).join(",");
      if (layers.size > 0 && key !== fitted) map.fitBounds(incidents.getBounds().pad(0.3), { maxZoom: 6 });
      fitted = key;
    },
    highlight(id) {
      for (const [key, layer] of layers) {
        const on = key === id;
        layer.setStyle({ weight: on ? 3.5 : layer instanceof L.Circle ? 1.5 : 1.2, color: on ? "#111" : layer instanceof L.Circle ? typeColorOf(layer) : "#ffffff" });
        if (on) {
          layer.bringToFront();
          const ll = layer.getLatLng();
          if (!map.getBounds().contains(ll)) map.panTo(ll);
        }
      }
    },
    invalidate() {
      map.invalidateSize();
    },
  };
}
