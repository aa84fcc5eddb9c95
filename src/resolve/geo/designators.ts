/** Words that name the kind of a place ("province", "city of"), read from lexicons/en/place-cues.tsv. */
import { createHash } from "node:crypto";
import { loadLexicon } from "../../lexicon.js";
import { KEY_VERSION } from "./format.js";
import { strictPlaceKey } from "./normalize.js";

export type PlaceCue = "province" | "city" | "district" | "region" | "country" | "town" | "village";

export interface CueWord {
  word: string;
  cue: PlaceCue;
  /** where it stands: after the name ("Hasakeh province"), before ("the city of Hasakeh"), or both */
  position: "after" | "before" | "both";
  /** it can be part of an admin area's own name ("Raqqa Governorate"), so it is stripped to match */
  designator: boolean;
}

const CUES = new Set<string>(["province", "city", "district", "region", "country", "town", "village"]);
let cueWords: CueWord[] | undefined;

export function loadCueWords(): CueWord[] {
  if (!cueWords) {
    cueWords = loadLexicon("en/place-cues.tsv", ["word", "cue", "position"]).map((r) => {
      if (!CUES.has(r.cue)) throw new Error(`lexicons/en/place-cues.tsv: unknown cue "${r.cue}" for "${r.word}"`);
      return { word: r.word.toLowerCase(), cue: r.cue as PlaceCue, position: r.position as CueWord["position"], designator: r.designator === "yes" };
    });
  }
  return cueWords;
}

let designators: Map<string, PlaceCue> | undefined;
function designatorMap(): Map<string, PlaceCue> {
  designators ??= new Map(loadCueWords().filter((c) => c.designator).map((c) => [c.word, c.cue]));
  return designators;
}

/** "Raqqa Governorate" -> Raqqa (province); "Governorate of Raqqa" -> Raqqa; null when there is nothing to strip. */
export function stripDesignator(name: string): { bare: string; cue: PlaceCue } | null {
  const words = name.trim().split(/\s+/);
  if (words.length < 2) return null;
  const map = designatorMap();
  const lastCue = map.get(words[words.length - 1].toLowerCase().replace(/[.,]$/, ""));
  if (lastCue) return { bare: words.slice(0, -1).join(" "), cue: lastCue };
  const firstCue = map.get(words[0].toLowerCase());
  if (firstCue && words.length >= 3 && words[1].toLowerCase() === "of") return { bare: words.slice(2).join(" "), cue: firstCue };
  return null;
}

/** An area's name as a key, without the word for its kind: "Kolda" and "Kolda Region" are one province. */
export function areaKey(name: string): string {
  return strictPlaceKey(stripDesignator(name)?.bare ?? name);
}

/** Identifies the key rules and designator list an index was built with (see KEY_VERSION). */
export function keyFingerprint(): string {
  const words = [...designatorMap().keys()].sort().join(",");
  return `v${KEY_VERSION}-${createHash("sha1").update(words).digest("hex").slice(0, 10)}`;
}
