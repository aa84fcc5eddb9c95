/** One colour per PLOVER type, the same on the map, the timeline, the list and the legend. */
export const TYPE_COLORS: Record<string, string> = {
  ASSAULT: "#c62828",
  COERCE: "#6a1b9a",
  PROTEST: "#ef6c00",
  MOBILIZE: "#5d4037",
  THREATEN: "#ad1457",
  SANCTION: "#4e342e",
  ACCUSE: "#827717",
  REJECT: "#558b2f",
  REQUEST: "#00838f",
  RETREAT: "#37474f",
  AID: "#2e7d32",
  COOPERATE: "#1565c0",
  CONCEDE: "#0277bd",
  SUPPORT: "#00695c",
  CONSULT: "#283593",
  AGREE: "#4527a0",
};

export function typeColor(type: string): string {
  return TYPE_COLORS[type] ?? "#546e7a";
}

/** Highlight categories in the article view, with their legend labels. */
export const HIGHLIGHT_KINDS = ["entity", "place", "time", "amount", "quote", "event"] as const;
export type HighlightKind = (typeof HIGHLIGHT_KINDS)[number] | "evidence";

export const HIGHLIGHT_LABELS: Record<HighlightKind, string> = {
  entity: "actors and people",
  place: "places",
  time: "times",
  amount: "amounts",
  quote: "quotes",
  event: "events",
  evidence: "supporting words",
};
