/**
 * Incidents per day, stacked by type, drawn as SVG. Dragging across it selects a date range (the brush), which
 * becomes the from/to filters and so narrows the map and the list.
 */
import type { TimelineBucket } from "./api.js";
import { dragSelect } from "./charts.js";
import { typeColor } from "./colors.js";

const SVG = "http://www.w3.org/2000/svg";
const DAY = 86_400_000;
const MARGIN = { left: 30, right: 10, top: 8, bottom: 22 };

function svg<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Record<string, string | number>): SVGElementTagNameMap[K] {
  const el = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  return el;
}

const toDay = (iso: string): number => Date.parse(`${iso.slice(0, 10)}T00:00:00Z`);
const toIso = (t: number): string => new Date(t).toISOString().slice(0, 10);

export interface Timeline {
  draw(buckets: TimelineBucket[], selection: { from: string; to: string }): void;
}

export function createTimeline(el: HTMLElement, onBrush: (range: { from: string; to: string } | null) => void): Timeline {
  let last: { buckets: TimelineBucket[]; selection: { from: string; to: string } } = { buckets: [], selection: { from: "", to: "" } };
  const observer = new ResizeObserver(() => render());
  observer.observe(el);

  function render(): void {
    const { buckets, selection } = last;
    el.replaceChildren();
    const width = Math.max(200, el.clientWidth);
    const height = Math.max(80, el.clientHeight || 120);
    const total = buckets.reduce((n, b) => n + b.count, 0);
    const label = buckets.length
      ? `Timeline: ${total} dated incidents per day from ${buckets[0].date} to ${buckets[buckets.length - 1].date}, stacked by type; drag to select dates`
      : "Timeline: no dated incidents for these filters";
    const root = svg("svg", { width, height, class: "timeline-svg", role: "img", "aria-label": label });
    const days = buckets.map((b) => toDay(b.date)).filter((t) => !Number.isNaN(t));
    if (days.length === 0) {
      const t = svg("text", { x: width / 2, y: height / 2, "text-anchor": "middle", class: "timeline-empty" });
      t.textContent = "no dated incidents for these filters";
      root.appendChild(t);
      el.appendChild(root);
      return;
    }
    let min = Math.min(...days);
    let max = Math.max(...days);
    if (selection.from) min = Math.min(min, toDay(selection.from));
    if (selection.to) max = Math.max(max, toDay(selection.to));
    min -= DAY;
    max += DAY;
    const plotW = width - MARGIN.left - MARGIN.right;
    const plotH = height - MARGIN.top - MARGIN.bottom;
    const x = (t: number) => MARGIN.left + ((t - min) / (max - min + DAY)) * plotW;
    const dayWidth = Math.max(1, (plotW * DAY) / (max - min + DAY) - 1);

    // stack counts per day
    const perDay = new Map<number, TimelineBucket[]>();
    for (const b of buckets) {
      const t = toDay(b.date);
      if (Number.isNaN(t)) continue;
      perDay.set(t, [...(perDay.get(t) ?? []), b]);
    }
    const maxCount = Math.max(1, ...[...perDay.values()].map((bs) => bs.reduce((s, b) => s + b.count, 0)));
    const y = (n: number) => (n / maxCount) * plotH;

    const axis = svg("g", { class: "timeline-axis" });
    const ticks = Math.min(6, Math.max(2, Math.floor(plotW / 120)));
    for (let i = 0; i <= ticks; i++) {
      const t = min + ((max - min) * i) / ticks;
      const label = svg("text", { x: x(t), y: height - 6, "text-anchor": "middle" });
      label.textContent = toIso(Math.round(t / DAY) * DAY);
      axis.appendChild(label);
    }
    const yLabel = svg("text", { x: 4, y: MARGIN.top + 8 });
    yLabel.textContent = String(maxCount);
    axis.appendChild(yLabel);
    axis.appendChild(svg("line", { x1: MARGIN.left, x2: width - MARGIN.right, y1: MARGIN.top + plotH, y2: MARGIN.top + plotH }));
    root.appendChild(axis);

    const bars = svg("g", { class: "timeline-bars" });
    for (const [t, bs] of perDay) {
      let acc = 0;
      for (const b of [...bs].sort((p, q) => p.type.localeCompare(q.type))) {
        const rect = svg("rect", {
          x: x(t),
          y: MARGIN.top + plotH - y(acc + b.count),
          width: dayWidth,
          height: Math.max(1, y(b.count)),
          fill: typeColor(b.type),
        });
        const title = svg("title", {});
        title.textContent = `${b.date}: ${b.count} ${b.type}`;
        rect.appendChild(title);
        bars.appendChild(rect);
        acc += b.count;
      }
    }
    root.appendChild(bars);

    const brush = svg("rect", { class: "timeline-brush", y: MARGIN.top, height: plotH, x: 0, width: 0 });
    if (selection.from || selection.to) {
      const a = x(selection.from ? toDay(selection.from) : min);
      const b = x((selection.to ? toDay(selection.to) : max) + DAY);
      brush.setAttribute("x", String(a));
      brush.setAttribute("width", String(Math.max(2, b - a)));
    }
    root.appendChild(brush);

    // Brushing: press, drag, release. A click without a drag clears the selection.
    const dayAt = (clientX: number): number => {
      const box = root.getBoundingClientRect();
      const px = Math.min(Math.max(clientX - box.left, MARGIN.left), width - MARGIN.right);
      return min + Math.floor(((px - MARGIN.left) / plotW) * ((max - min + DAY) / DAY)) * DAY;
    };
    dragSelect(root, dayAt, (first, last) => {
      brush.setAttribute("x", String(x(first)));
      brush.setAttribute("width", String(Math.max(2, x(last + DAY) - x(first))));
    }, (range) => onBrush(range ? { from: toIso(range.first), to: toIso(range.last) } : null));
    el.appendChild(root);
  }

  return {
    draw(buckets, selection) {
      last = { buckets, selection };
      render();
    },
  };
}
