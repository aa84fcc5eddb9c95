/**
 * Article text with facts highlighted. Spans may overlap (a place inside an event's sentence), so the text is
 * cut at every span boundary and each piece is one text node wrapped in a <mark> that lists every fact
 * covering it. Built from text nodes only: the article's own markup, if any, is shown, never run.
 */
import { h } from "./dom.js";
import type { HighlightKind } from "./colors.js";

export interface Highlight {
  start: number;
  end: number;
  kind: HighlightKind;
  /** index into the caller's fact list, handed back on click */
  fact: number;
}

export interface HighlightOptions {
  /** called with the highlights covering the clicked piece, innermost first */
  onSelect?: (covering: Highlight[], mark: HTMLElement) => void;
  /** kinds drawn as an underline instead of a background (long spans such as event sentences) */
  underline?: ReadonlySet<HighlightKind>;
}

/** The valid highlights, clipped to the text, in order. */
function clean(text: string, highlights: Highlight[]): Highlight[] {
  return highlights
    .map((x) => ({ ...x, start: Math.max(0, x.start), end: Math.min(text.length, x.end) }))
    .filter((x) => Number.isInteger(x.start) && Number.isInteger(x.end) && x.start < x.end);
}

export function renderHighlighted(text: string, highlights: Highlight[], options: HighlightOptions = {}): HTMLElement {
  const container = h("div", { className: "article-text" });
  const spans = clean(text, highlights);
  const cuts = new Set<number>([0, text.length]);
  for (const s of spans) {
    cuts.add(s.start);
    cuts.add(s.end);
  }
  const points = [...cuts].sort((a, b) => a - b);
  // Sweep: spans sorted by start; the active set changes only at cut points.
  const byStart = [...spans].sort((a, b) => a.start - b.start);
  let next = 0;
  let active: Highlight[] = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const a = points[i];
    const b = points[i + 1];
    while (next < byStart.length && byStart[next].start <= a) active.push(byStart[next++]);
    active = active.filter((s) => s.end > a);
    const piece = text.slice(a, b);
    const covering = active.filter((s) => s.start <= a && s.end >= b);
    if (covering.length === 0) {
      container.appendChild(document.createTextNode(piece));
      continue;
    }
    // innermost first: the shortest span decides the colour
    covering.sort((x, y) => x.end - x.start - (y.end - y.start));
    const underline = options.underline ?? new Set<HighlightKind>();
    const fill = covering.find((c) => !underline.has(c.kind));
    const kinds = [...new Set(covering.map((c) => c.kind))];
    const mark = h("mark", {
      className: ["hl", ...kinds.map((k) => `hl-${k}`)].join(" "),
      "data-kind": fill?.kind ?? "none",
      "data-kinds": kinds.join(" "),
      title: kinds.join(", "),
    });
    mark.textContent = piece;
    if (options.onSelect) {
      const select = () => options.onSelect?.(covering, mark);
      mark.tabIndex = 0;
      mark.setAttribute("role", "button");
      mark.addEventListener("click", select);
      mark.addEventListener("keydown", (e) => {
        if (e.key === "Enter" || e.key === " ") {
          e.preventDefault();
          select();
        }
      });
    }
    container.appendChild(mark);
  }
  return container;
}
