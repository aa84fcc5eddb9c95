import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { PLOVER_TYPES } from "../../report.js";
import { decideWithoutCue, useEventTypeModels } from "./index.js";
import { ACLED_CODES } from "./labels.js";
import type { LinearModel } from "./model.js";

/** A model that gives every text the same label, far ahead of the others (each feature adds to it). */
function always(labels: readonly string[], label: string): LinearModel {
  const bits = 4;
  const weights = new Float32Array((1 << bits) * labels.length);
  const k = labels.indexOf(label);
  for (let row = 0; row < 1 << bits; row++) weights[row * labels.length + k] = 10;
  return { labels: [...labels], bits, weights };
}

describe("texts no cue reads", () => {
  test("a crime the ACLED model reads is filed only when the text names one", () => {
    useEventTypeModels({ plover: always(PLOVER_TYPES, "COERCE"), acled: always(ACLED_CODES, "ORG_CRIME") }, { ploverMargin: 1e9, cueBonus: 1e9, fallbackShare: 2, noCueShare: 0.9 });
    const smuggling = decideWithoutCue("Customs officers stopped a lorry smuggling cigarettes across the northern border on Sunday.");
    assert.equal(smuggling?.category, "crime");
    assert.equal(smuggling?.acled, null);
    assert.equal(decideWithoutCue("The town council set next year's budget for the harbour and the schools on Sunday."), null);
    useEventTypeModels(null);
  });

  test("a text that names a crime reports it when the model reads no happening it is sure of", () => {
    useEventTypeModels({ plover: always(PLOVER_TYPES, "COERCE"), acled: always(ACLED_CODES, "DIPLO") }, { ploverMargin: 1e9, cueBonus: 1e9, fallbackShare: 2, noCueShare: 0.9 });
    assert.equal(decideWithoutCue("Border guards stopped two men carrying forty kilograms of contraband tobacco on Sunday.")?.category, "crime");
    assert.equal(decideWithoutCue("The ministers of two neighbouring states spoke about river water on Sunday."), null);
    useEventTypeModels(null);
  });

  test("a model sure of political violence keeps it over the crime words", () => {
    useEventTypeModels({ plover: always(PLOVER_TYPES, "ASSAULT"), acled: always(ACLED_CODES, "PROPERTY_DISTRUCT") }, { ploverMargin: 1e9, cueBonus: 1e9, fallbackShare: 2, noCueShare: 0.9 });
    assert.equal(decideWithoutCue("Raiders drove off the stolen cattle of three herding families on Sunday.")?.acled?.subEventType, "Looting/property destruction");
    useEventTypeModels(null);
  });
});
