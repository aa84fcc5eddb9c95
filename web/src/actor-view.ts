/**
 * One actor: its incidents over time (and on the map, through the caller), its event types, whom it acted
 * against and who acted against it, the other names sources gave it, and what its spokespeople said.
 */
import { api, type ActorProfile } from "./api.js";
import { stackedBars } from "./charts.js";
import { h } from "./dom.js";
import { actorLink } from "./links.js";
import { incidentItem } from "./list-view.js";

function monthsBetween(first: string, last: string): string[] {
  const out: string[] = [];
  let [y, m] = first.split("-").map(Number);
  const [ly, lm] = last.split("-").map(Number);
  while (y < ly || (y === ly && m <= lm)) {
    out.push(`${y}-${String(m).padStart(2, "0")}`);
    m++;
    if (m > 12) {
      m = 1;
      y++;
    }
  }
  return out;
}

function counts(title: string, items: { name: string; count: number }[], link: boolean): HTMLElement {
  return h(
    "section",
    { className: "actor-counts" },
    h("h3", {}, title),
    items.length
      ? h("ul", {}, items.map((i) => h("li", {}, link ? actorLink(i.name) : i.name, h("span", { className: "muted" }, ` (${i.count})`))))
      : h("p", { className: "muted" }, "none recorded"),
  );
}

export async function renderActor(
  panel: HTMLElement,
  name: string,
  handlers: { back: () => void; open: (id: string) => void },
): Promise<ActorProfile> {
  const a = await api.actor(name);
  const months = a.months.length ? monthsBetween(a.months[0].month, a.months[a.months.length - 1].month) : [];
  const perMonth = new Map(a.months.map((m) => [m.month, m.count]));
  panel.replaceChildren(
    h("button", { type: "button", className: "back", onclick: handlers.back }, "← all incidents"),
    h(
      "article",
      { className: "actor-view", "data-actor": a.name },
      h("h2", { className: "panel-title" }, a.name),
      h(
        "p",
        {},
        `${a.incidents} incident${a.incidents === 1 ? "" : "s"}: ${a.asActor} as the actor, ${a.asTarget} as the target.`,
        a.aliases.length ? [" Also called: ", h("span", { className: "aliases" }, a.aliases.join(", ")), "."] : " No other names recorded.",
      ),
      months.length
        ? [
            h("h3", {}, "Incidents per month"),
            stackedBars([{ key: "incidents", color: "#5c7a99", values: months.map((m) => perMonth.get(m) ?? 0) }], {
              periods: months, height: 120, label: `${a.name}: incidents per month from ${months[0]} to ${months[months.length - 1]}`,
            }),
          ]
        : null,
      h(
        "section",
        { className: "actor-counts" },
        h("h3", {}, "Event types"),
        h("ul", {}, a.types.map((t) => h("li", {}, t.type, h("span", { className: "muted" }, ` (${t.count})`)))),
      ),
      h("div", { className: "actor-columns" }, counts("Acted against", a.targets, true), counts("Acted against by", a.attackedBy, true)),
      h("h3", {}, "What its spokespeople said"),
      a.quotes.length
        ? h(
            "ul",
            { className: "quotes" },
            a.quotes.map((q) =>
              h("li", {}, h("q", {}, q.text), h("span", { className: "speaker" }, ` — ${q.speaker}, ${q.role}`), q.published ? h("span", { className: "muted" }, ` · ${q.published.slice(0, 10)}`) : null),
            ),
          )
        : h("p", { className: "muted" }, "No quote by this actor or a person speaking for it."),
      h("h3", {}, `Latest incidents${a.latest.length < a.incidents ? ` (${a.latest.length} of ${a.incidents})` : ""}`),
      h("ul", { className: "incident-list", "aria-label": `Incidents of ${a.name}` }, a.latest.map((i) => incidentItem(i, handlers.open))),
    ),
  );
  return a;
}
