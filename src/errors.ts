/** Every error sitrep raises on purpose: a stable code, a message naming the value and the fix. */
export type SitrepErrorCode =
  | "SITREP_INPUT_NOT_FOUND"
  | "SITREP_INPUT_EMPTY"
  | "SITREP_INPUT_BINARY"
  | "SITREP_INPUT_ENCODING"
  | "SITREP_INPUT_TOO_LARGE"
  | "SITREP_INPUT_NO_ARTICLE"
  | "SITREP_BAD_OPTION"
  | "SITREP_STAGE_BAD_RETURN"
  | "SITREP_STAGE_MISSING_REQUIREMENT"
  | "SITREP_LEXICON_INVALID"
  | "SITREP_MODEL_INVALID"
  | "SITREP_GOLD_INVALID"
  | "SITREP_DB"
  | "SITREP_FEED"
  | "SITREP_NOT_FOUND"
  | "SITREP_TIMEOUT";

export class SitrepError extends Error {
  readonly code: SitrepErrorCode;
  readonly statusCode: number;

  constructor(code: SitrepErrorCode, message: string, statusCode = 400) {
    super(message);
    this.name = "SitrepError";
    this.code = code;
    this.statusCode = statusCode;
  }
}

export function isSitrepError(value: unknown): value is SitrepError {
  return value instanceof SitrepError;
}
