/**
 * Why these sources are one incident: per source, what it says (type, date, place, participants, killed) and
 * its best match with another source, part by part, against the threshold; a source that contradicts another
 * member is said so.
 */
import { api, type MatchParts, type WhyMerged } from "./api.js";
import { h } from "./dom.js";
import { formatCount } from "./format.js";

/** The matcher's parts (MATCH_PARTS in src/incidents/matcher/features.ts), in the order an analyst reads them. */
const PARTS: [keyof MatchParts, string][] = [
  ["time", "time"], ["place", "place"], ["participants", "participants"], ["counts", "counts"], ["type", "type"],
];

/** A part's contribution in log-odds: "+1.20" argues for one happening, "-0.80" for two; what it saw in a tooltip. */
function contribution(value: number, features: string[], label: string): HTMLElement {
  const sign = value > 0 ? "+" : "";
  const said = features.length ? features.join(", ") : "nothing either way";
  return h(
    "span",
    { className: value > 0 ? "part-for" : value < 0 ? "part-against" : "part-none", title: said, "aria-label": `${label} ${sign}${value.toFixed(2)}: ${said}` },
    ` ${sign}${value.toFixed(2)}`,
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
          `Each source against its closest other source. Each part adds for (+) or against (-) one happening, in log-odds, as the matcher learned from pairs of reports; the score is the resulting probability, and sources join at ${why.threshold} or more.`,
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
                    h("ul", { className: "why-parts", "aria-label": `Parts of the match with ${best.withOutlet ?? "the closest source"}` }, PARTS.map(([k, l]) => h("li", {}, h("span", { className: "part-name" }, l), contribution(best.parts[k], best.reasons.find((r) => r.part === k)?.features ?? [], l)))),
                  ]
                : h("p", { className: "small" }, "matches no other source"),
              s.contradicts.length ? h("div", { className: "badge contested" }, `cannot be the same happening as ${s.contradicts.length} other source${s.contradicts.length === 1 ? "" : "s"} (${[...new Set(s.contradicts.map((c) => c.veto))].join(", ")})`) : null,
            );
          }),
        ),
  );
}
