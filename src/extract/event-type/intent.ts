/**
 * PLOVER's reading of a stated intention (ontology: AGREE "says it intends to cooperate", THREATEN "threatens
 * force, sanctions or other action"): an act someone says they will do has not happened, and what the report
 * tells is the saying. "The ministry will send food aid" is an AGREE, "the army is ready to impose a curfew" a
 * THREATEN. The act stays in the event (it keeps its ACLED reading and is marked hypothetical by the polarity
 * words); only the PLOVER type names the promise or the threat.
 *
 * Only words of intention count, close before the cue: "will", "would", "shall", "plans to", "intends to",
 * "is ready/prepared/willing to", "is set to", "offered/promised/pledged to". Speculation ("could", "may",
 * "might", "if") tells no one's intention, and "threatened to" is told by its own cue. A protest someone says
 * will go on ("protesters would return") is still the protest announced, and a demand or an accusation to come
 * is left as it is.
 */
import type { PloverType } from "../../report.js";

/** Acts that yield or help: saying one will do them is a promise (AGREE). */
const COOPERATIVE: ReadonlySet<PloverType> = new Set(["CONSULT", "AID", "CONCEDE", "COOPERATE", "SUPPORT", "RETREAT", "AGREE"]);
/** Acts of force or pressure: saying one will do them is a threat (THREATEN). */
const HOSTILE: ReadonlySet<PloverType> = new Set(["ASSAULT", "COERCE", "SANCTION", "MOBILIZE"]);

/**
 * The word of intention at the end of the clause before the cue, with at most three words between it and the cue
 * ("will provide", "would soon lift the", "is willing to withdraw"). Bounded: the clause is at most 60 characters.
 */
const INTENT_BEFORE_CUE =
  /\b(?:will|would|shall|'ll|plans? to|planning to|intends? to|intending to|(?:ready|prepared|willing|set|determined) to|(?:offered|offers|promised|promises|pledged|pledges) to)(?:\s+[\p{L}'’-]+){0,3}\s*$/iu;
/** Words that make the intention a condition or a guess, between the intent word and the cue. */
const NOT_INTENT = /\b(?:not|never|no longer|if|unless|could|might|may)\b/i;

/** The PLOVER type a stated intention gives an act of `type`, or null when the clause states none. */
export function statedIntentType(type: PloverType, clauseBefore: string): PloverType | null {
  const clause = clauseBefore.slice(-60);
  const m = INTENT_BEFORE_CUE.exec(clause);
  if (!m || NOT_INTENT.test(m[0])) return null;
  if (COOPERATIVE.has(type)) return type === "AGREE" ? null : "AGREE";
  if (HOSTILE.has(type)) return "THREATEN";
  return null;
}
