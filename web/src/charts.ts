/**
 * Small SVG charts for trends: stacked bars and a line with a band, over consecutive periods, drawn in a
 * fixed viewBox that scales with its box. Dragging across a chart selects periods (the brush), which the caller
 * turns into the date filters; every chart carries a text alternative.
 */
const SVG = "http://www.w3.org/2000/svg";

export function svg<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Record<string, string | number>, text?: string): SVGElementTagNameMap[K] {
  const el = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  if (text !== undefined) el.textContent = text;
  return el;
}

export interface Series {
  key: string;
  color: string;
  values: number[];
}

export interface ChartOptions {
  periods: string[];
  width?: number;
  height?: number;
  /** what the chart shows, for screen readers */
  label: string;
  /** called with the first and last period selected by dragging, or null for a click */
  onBrush?: (range: { first: number; last: number } | null) => void;
  /** compact: no axis labels (small multiples) */
  compact?: boolean;
}

const M = { left: 36, right: 8, top: 8, bottom: 20 };
const MC = { left: 4, right: 4, top: 4, bottom: 4 };

function frame(o: ChartOptions, max: number) {
  const width = o.width ?? 600;
  const height = o.height ?? 160;
  const m = o.compact ? MC : M;
  const plotW = width - m.left - m.right;
  const plotH = height - m.top - m.bottom;
  const n = Math.max(1, o.periods.length);
  const step = plotW / n;
  const x = (i: number) => m.left + i * step;
  const y = (v: number) => m.top + plotH - (v / Math.max(1, max)) * plotH;
  const root = svg("svg", { viewBox: `0 0 ${width} ${height}`, class: "chart", role: "img", "aria-label": o.label, preserveAspectRatio: "none" });
  root.appendChild(svg("title", {}, o.label));
  if (!o.compact) {
    const axis = svg("g", { class: "chart-axis" });
    axis.appendChild(svg("line", { x1: m.left, x2: width - m.right, y1: m.top + plotH, y2: m.top + plotH }));
    axis.appendChild(svg("text", { x: m.left - 4, y: m.top + 8, "text-anchor": "end" }, String(Math.round(max))));
    axis.appendChild(svg("text", { x: m.left - 4, y: m.top + plotH, "text-anchor": "end" }, "0"));
    const ticks = Math.min(o.periods.length, 5);
    for (let t = 0; t < ticks; t++) {
      const i = Math.round((t * (o.periods.length - 1)) / Math.max(1, ticks - 1));
      axis.appendChild(svg("text", { x: x(i) + step / 2, y: height - 5, "text-anchor": t === 0 ? "start" : t === ticks - 1 ? "end" : "middle" }, o.periods[i] ?? ""));
    }
    root.appendChild(axis);
  }
  return { root, x, y, step, plotH, m, width, height };
}

/**
 * Brushing: press, drag, release over `root`. `at` turns a pointer's x into a unit (a day, a period index),
 * `draw` shows the selection between two units, `done` gets the first and last unit, or null for a click.
 */
export function dragSelect(
  root: SVGSVGElement,
  at: (clientX: number) => number,
  draw: (a: number, b: number) => void,
  done: (range: { first: number; last: number } | null) => void,
): void {
  let start: number | null = null;
  let startX = 0;
  root.addEventListener("pointerdown", (e) => {
    start = at(e.clientX);
    startX = e.clientX;
    root.setPointerCapture(e.pointerId);
  });
  root.addEventListener("pointermove", (e) => {
    if (start === null) return;
    const end = at(e.clientX);
    draw(Math.min(start, end), Math.max(start, end));
  });
  root.addEventListener("pointerup", (e) => {
    if (start === null) return;
    const end = at(e.clientX);
    const s = start;
    start = null;
    if (Math.abs(e.clientX - startX) < 4) done(null);
    else done({ first: Math.min(s, end), last: Math.max(s, end) });
  });
}

function addBrush(root: SVGSVGElement, o: ChartOptions, f: { x: (i: number) => number; step: number; m: { left: number; top: number }; plotH: number; width: number }): void {
  const onBrush = o.onBrush;
  if (!onBrush) return;
  const brush = svg("rect", { class: "chart-brush", y: f.m.top, height: f.plotH, x: 0, width: 0 });
  root.appendChild(brush);
  const indexAt = (clientX: number): number => {
    const box = root.getBoundingClientRect();
    const vx = ((clientX - box.left) / box.width) * f.width;
    return Math.max(0, Math.min(o.periods.length - 1, Math.floor((vx - f.m.left) / f.step)));
  };
  dragSelect(root, indexAt, (a, b) => {
    brush.setAttribute("x", String(f.x(a)));
    brush.setAttribute("width", String((b - a + 1) * f.step));
  }, onBrush);
}

/** Bars per period, the series stacked in the order given. */
export function stackedBars(series: Series[], o: ChartOptions): SVGSVGElement {
  const totals = o.periods.map((_, i) => series.reduce((s, x) => s + (x.values[i] ?? 0), 0));
  const f = frame(o, Math.max(1, ...totals));
  const bars = svg("g", { class: "chart-bars" });
  o.periods.forEach((period, i) => {
    let acc = 0;
    for (const s of series) {
      const v = s.values[i] ?? 0;
      if (v === 0) continue;
      const rect = svg("rect", { x: f.x(i) + f.step * 0.08, width: Math.max(0.5, f.step * 0.84), y: f.y(acc + v), height: Math.max(0.5, f.y(acc) - f.y(acc + v)), fill: s.color });
      rect.appendChild(svg("title", {}, `${period}: ${v} ${s.key}`));
      bars.appendChild(rect);
      acc += v;
    }
  });
  f.root.appendChild(bars);
  addBrush(f.root, o, f);
  return f.root;
}

/** A line of best values over a band from low to high; periods whose high is open are marked with a caret. */
export function bandLine(values: { low: number[]; best: number[]; high: number[]; open?: boolean[] }, o: ChartOptions & { color: string }): SVGSVGElement {
  const f = frame(o, Math.max(1, ...values.high, ...values.best));
  const mid = (i: number) => f.x(i) + f.step / 2;
  const n = o.periods.length;
  if (n > 0) {
    const top = values.high.map((v, i) => `${mid(i)},${f.y(v)}`);
    const bottom = values.low.map((v, i) => `${mid(i)},${f.y(v)}`).reverse();
    f.root.appendChild(svg("polygon", { points: [...top, ...bottom].join(" "), class: "chart-band", fill: o.color }));
    f.root.appendChild(svg("polyline", { points: values.best.map((v, i) => `${mid(i)},${f.y(v)}`).join(" "), class: "chart-line", stroke: o.color }));
    values.best.forEach((v, i) => {
      if (v === 0 && values.high[i] === 0) return;
      const dot = svg("circle", { cx: mid(i), cy: f.y(v), r: o.compact ? 1.5 : 2.5, fill: o.color });
      dot.appendChild(svg("title", {}, `${o.periods[i]}: ${v} killed (range ${values.low[i]}–${values.high[i]}${values.open?.[i] ? "+, open-ended" : ""})`));
      f.root.appendChild(dot);
      if (values.open?.[i] && !o.compact) f.root.appendChild(svg("text", { x: mid(i), y: f.y(values.high[i]) - 2, "text-anchor": "middle", class: "chart-open" }, "+"));
    });
  }
  addBrush(f.root, o, f);
  return f.root;
}
