/**
 * Why these sources are one incident: per source, what it says (type, date, place, participants, killed) and
 * its best match with another source, part by part, against the threshold; a source that contradicts another
 * member is said so.
 */
import { api, type MatchParts, type WhyMerged } from "./api.js";
import { h } from "./dom.js";
import { formatCount } from "./format.js";

const PARTS: [keyof MatchParts, string][] = [
  ["date", "time"], ["place", "place"], ["actors", "actors"], ["targets", "targets"], ["casualties", "counts"], ["type", "type"],
];

function meter(value: number, label: string): HTMLElement {
  return h(
    "span",
    { className: "part-meter" },
    h("meter", { min: 0, max: 1, low: 0.3, high: 0.8, optimum: 1, value: value.toFixed(2), "aria-label": label }),
    ` ${value.toFixed(2)}`,
  );
}

export async function renderWhy(id: string): Promise<HTMLElement> {
  const why: WhyMerged = await api.why(id);
  const single = why.sources.length < 2;
  return h(
    "section",
    { className: "why-merged", "aria-label": "Why these sources were merged" },
    h("h3", {}, "Why merged"),
    single
      ? h("p", { className: "muted" }, "One source: nothing was merged.")
      : h(
          "p",
          { className: "muted small" },
          `Each source against its closest other source. Parts score 0 to 1; the score is their weighted sum (weights: ${PARTS.map(([k, l]) => `${l} ${why.weights[k]}`).join(", ")}); sources join at ${why.threshold} or more.`,
        ),
    single
      ? null
      : h(
          "ol",
          { className: "why-sources" },
          why.sources.map((s) => {
            const what = [
              s.what.type,
              s.what.date ? (s.what.dateEnd && s.what.dateEnd !== s.what.date ? `${s.what.date} to ${s.what.dateEnd}` : s.what.date) : "no date",
              s.what.place ?? "no place",
              s.what.actors.length ? `by ${s.what.actors.join(", ")}` : "actor not stated",
              s.what.targets.length ? `against ${s.what.targets.join(", ")}` : null,
              `killed ${formatCount(s.what.killed)}`,
            ].filter(Boolean).join(" · ");
            const best = s.best;
            return h(
              "li",
              { className: "why-source", "data-event": s.eventId },
              h(
                "div",
                { className: "why-head" },
                h("strong", {}, s.outlet ?? "unknown outlet"),
                s.published ? ` · ${s.published.slice(0, 10)}` : "",
                " · ",
                s.founder ? "founded the incident" : `joined with score ${s.storedScore ?? "?"}`,
                best ? h("span", { className: best.score >= why.threshold ? "why-score pass" : "why-score fail" }, best.score.toFixed(2)) : null,
              ),
              h("div", { className: "muted small" }, what),
              best
                ? [
                    h("div", { className: "small" }, `closest other source: ${best.withOutlet ?? best.withEventId}`),
                    h("ul", { className: "why-parts", "aria-label": `Parts of the match with ${best.withOutlet ?? "the closest source"}` }, PARTS.map(([k, l]) => h("li", {}, h("span", { className: "part-name" }, l), meter(best.parts[k], `${l} ${best.parts[k].toFixed(2)}`)))),
                  ]
                : h("p", { className: "small" }, "matches no other source"),
              s.contradicts.length ? h("div", { className: "badge contested" }, `cannot be the same happening as ${s.contradicts.length} other source${s.contradicts.length === 1 ? "" : "s"}`) : null,
            );
          }),
        ),
  );
}
