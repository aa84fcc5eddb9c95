/**
 * Flag a wrong merge or a wrong fact: stored on the server with who and when, beside the machine's record
 * (which is never changed). Writing needs the server's token, kept for this browser tab only.
 */
import { api, ApiError, type Flag, type FlagField, type FlagKind, type IncidentDetail } from "./api.js";
import type { Count } from "./api.js";
import { h } from "./dom.js";
import { formatCount } from "./format.js";

const FIELDS: FlagField[] = ["type", "date", "place", "killed", "injured", "actors", "targets", "attribution", "victims"];
const TOKEN_KEY = "sitrep-write-token";
const AUTHOR_KEY = "sitrep-author";

/** The machine's value when the flag was raised, in words: a merge's sources and scores, or the fact. */
function machineWords(f: Flag): string {
  const v = f.machineValue as { sources?: { outlet: string | null; matchScore: number | null }[] } | Count | null;
  if (f.kind === "wrong-merge" && v && "sources" in v && v.sources) {
    return `merged ${v.sources.length} sources: ${v.sources.map((s) => `${s.outlet ?? "unknown outlet"} (${s.matchScore === null ? "founder" : `score ${s.matchScore}`})`).join(", ")}`;
  }
  if (v && typeof v === "object" && "best" in v && "low" in v) return formatCount(v);
  const text = JSON.stringify(v);
  return text.length > 300 ? `${text.slice(0, 300)}…` : text;
}

function flagItem(f: Flag): HTMLElement {
  const what = f.kind === "wrong-merge" ? `wrong merge${f.eventId ? ` (source ${f.eventId.split(":").pop()} of article ${f.eventId.slice(0, 8)}…)` : ""}` : `wrong ${f.field}`;
  return h(
    "li",
    { className: "flag" },
    h("strong", {}, what),
    `: ${f.note}`,
    f.suggested ? ` (suggested: ${f.suggested})` : "",
    h("div", { className: "muted small" }, `${f.author}, ${f.createdAt.replace("T", " ").slice(0, 16)} UTC; the machine said: ${machineWords(f)}`),
  );
}

export async function renderFlags(incident: IncidentDetail): Promise<HTMLElement> {
  const existing = await api.flags(incident.id);
  const list = h("ul", { className: "flags" }, existing.map(flagItem));
  const none = existing.length ? null : h("p", { className: "muted small" }, "No flag yet.");
  const status = h("p", { className: "status", role: "status" });
  const kind = h("select", { name: "kind" }, h("option", { value: "wrong-fact" }, "a fact is wrong"), h("option", { value: "wrong-merge" }, "these sources are not one happening"));
  const field = h("select", { name: "field" }, FIELDS.map((f) => h("option", { value: f }, f)));
  const source = h("select", { name: "eventId" }, h("option", { value: "" }, "the whole merge"), incident.sources.map((s) => h("option", { value: s.eventId }, `${s.outlet ?? "source"}: ${s.title ?? s.eventId}`)));
  const fieldLabel = h("label", {}, "Which fact ", field);
  const sourceLabel = h("label", { hidden: true }, "Which source does not belong ", source);
  kind.addEventListener("change", () => {
    fieldLabel.hidden = kind.value !== "wrong-fact";
    sourceLabel.hidden = kind.value !== "wrong-merge";
  });
  const note = h("textarea", { name: "note", rows: 2, required: true });
  const suggested = h("input", { name: "suggested", type: "text" });
  const author = h("input", { name: "author", type: "text", required: true, autocomplete: "name", value: sessionStorage.getItem(AUTHOR_KEY) ?? "" });
  const token = h("input", { name: "token", type: "password", required: true, autocomplete: "off", value: sessionStorage.getItem(TOKEN_KEY) ?? "" });
  const form = h(
    "form",
    { className: "flag-form", "aria-label": "Flag this incident" },
    h("div", { className: "row" }, h("label", {}, "What is wrong ", kind), fieldLabel, sourceLabel),
    h("label", { className: "block" }, "Why (what the sources say) ", note),
    h("div", { className: "row" }, h("label", {}, "What is right, if known ", suggested), h("label", {}, "Your name ", author), h("label", {}, "Write token ", token)),
    h("button", { type: "submit" }, "Store the flag"),
    status,
  );
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    const k = kind.value as FlagKind;
    sessionStorage.setItem(TOKEN_KEY, token.value);
    sessionStorage.setItem(AUTHOR_KEY, author.value);
    status.textContent = "storing…";
    api
      .addFlag(incident.id, token.value, {
        kind: k,
        ...(k === "wrong-fact" ? { field: field.value as FlagField } : source.value ? { eventId: source.value } : {}),
        note: note.value.trim(),
        ...(suggested.value.trim() ? { suggested: suggested.value.trim() } : {}),
        author: author.value.trim(),
      })
      .then((flag) => {
        list.append(flagItem(flag));
        none?.remove();
        note.value = "";
        suggested.value = "";
        status.textContent = `Flag stored at ${flag.createdAt.slice(11, 16)} UTC; the machine's version is kept.`;
      })
      .catch((err: unknown) => {
        status.textContent = `Not stored: ${err instanceof ApiError || err instanceof Error ? err.message : String(err)}`;
      });
  });
  return h(
    "section",
    { className: "flags-section", "aria-label": "Flags" },
    h("h3", {}, "Flags"),
    none,
    list,
    h("details", {}, h("summary", {}, "Flag a wrong merge or a wrong fact"), form),
  );
}
