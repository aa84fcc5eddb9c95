/** Links between views: any actor name in the app opens that actor's page. */
import { h } from "./dom.js";

export function actorLink(name: string): HTMLElement {
  return h("a", { href: `#actor/${encodeURIComponent(name)}`, className: "actor-link" }, name);
}

/** Names as links, separated by commas; `empty` when there are none. */
export function actorLinks(names: string[], empty: string): (HTMLElement | string)[] {
  if (names.length === 0) return [empty];
  return names.flatMap((n, i) => (i ? [", ", actorLink(n)] : [actorLink(n)]));
}
