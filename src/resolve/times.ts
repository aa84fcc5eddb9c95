import type { Doc } from "../doc/index.js";
import { span } from "../doc/index.js";
import type { Granularity, TimeRef } from "../report.js";

/** Time references: one per normalised value, every mention of it kept (ids t1, t2, ...). */
export function resolveTimes(doc: Doc): TimeRef[] {
  const byValue = new Map<string, TimeRef>();
  for (const t of doc.layer("timex")) {
    const value = t.kb ?? "";
    if (!value) continue;
    let ref = byValue.get(value);
    if (!ref) {
      ref = {
        id: `t${byValue.size + 1}`,
        value,
        granularity: t.label as Granularity,
        anchoredTo: (t.attrs?.anchoredTo as TimeRef["anchoredTo"]) ?? "other",
        mentions: [],
      };
      byValue.set(value, ref);
    }
    ref.mentions.push(span(doc, t.start, t.end));
  }
  return [...byValue.values()];
}
