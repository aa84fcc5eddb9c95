/**
 * `sitrep extract --explain`, places: for each place of the report, who decided it and with what score, and
 * the candidates the ranker weighed for its mentions (the last ranking of each name, which is the one made with
 * the article's context), best first, with their probabilities and the features that fired.
 */
import type { Place } from "../report.js";
import { FEATURE_NAMES } from "./geo/features.js";
import { observeRankings, rankerModel, type RankingObserver } from "./geo/ranker.js";

type Ranking = Parameters<RankingObserver>[1];

/** Starts recording the ranker's decisions; the returned function stops and gives the last ranking of each name. */
export function recordPlaceRankings(): () => Map<string, Ranking> {
  const last = new Map<string, Ranking>();
  observeRankings((surface, candidates) => last.set(surface, candidates));
  return () => {
    observeRankings(null);
    return last;
  };
}

/** The explanation of the report's places, as lines of text. */
export function explainPlaces(places: readonly Place[], rankings: Map<string, Ranking>, maxCandidates = 5): string {
  const { weights } = rankerModel();
  const lines = ["places:"];
  for (const p of places) {
    const where = p.lat !== null && p.lon !== null ? `${p.lat.toFixed(4)},${p.lon.toFixed(4)}` : "no point";
    lines.push(`  ${p.id} ${p.name} (${p.country ?? "-"}, ${p.featureType}, precision ${p.precision}, ${where}): decided by ${p.decidedBy ?? "?"}, score ${p.score ?? "?"}`);
    for (const surface of new Set(p.mentions.map((m) => m.text))) {
      const ranking = rankings.get(surface);
      if (!ranking) {
        lines.push(`    "${surface}": no gazetteer candidates`);
        continue;
      }
      lines.push(`    "${surface}": ${ranking.length} candidate${ranking.length === 1 ? "" : "s"}`);
      for (const c of ranking.slice(0, maxCandidates)) {
        const fired = c.features.index.map((f, k) => `${FEATURE_NAMES[f]}${c.features.value[k] === 1 ? "" : `=${+c.features.value[k].toFixed(2)}`}(${(weights[f] * c.features.value[k]).toFixed(2)})`);
        lines.push(`      ${c.score.toFixed(3)} ${c.name} (${c.country ?? "-"}) ${c.lat.toFixed(2)},${c.lon.toFixed(2)}  ${fired.join(" ")}`);
      }
      if (ranking.length > maxCandidates) lines.push(`      ... ${ranking.length - maxCandidates} more`);
    }
  }
  return `${lines.join("\n")}\n`;
}
