/**
 * Building DOM without HTML strings. Every piece of article data reaches the page as a text node
 * (`textContent`), never through `innerHTML`: article text is untrusted.
 */
type Leaf = Node | string | number | null | undefined | false;
export type Child = Leaf | Child[];
type Attrs = Record<string, string | number | boolean | undefined | null | EventListener>;

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (typeof value === "function") el.addEventListener(key.replace(/^on/, "").toLowerCase(), value);
    else if (key === "className") el.className = String(value);
    else if (key === "href") setSafeHref(el as HTMLAnchorElement, String(value));
    else el.setAttribute(key, value === true ? "" : String(value));
  }
  append(el, ...children);
  return el;
}

export function append(parent: Node, ...children: Child[]): void {
  for (const child of children.flat(Infinity as 1) as Leaf[]) {
    if (child === null || child === undefined || child === false) continue;
    parent.appendChild(typeof child === "object" ? child : document.createTextNode(String(child)));
  }
}

export function clear(el: Element): void {
  el.replaceChildren();
}

/** Only http(s) links and the app's own hash links are made clickable: `javascript:` and the like never are. */
export function isSafeUrl(url: string): boolean {
  if (url.startsWith("#")) return true;
  try {
    const parsed = new URL(url, window.location.href);
    return parsed.protocol === "http:" || parsed.protocol === "https:";
  } catch {
    return false;
  }
}

function setSafeHref(a: HTMLAnchorElement, url: string): void {
  if (isSafeUrl(url)) a.setAttribute("href", url);
}

/** A link to an outside page, or plain text when the URL is not http(s). */
export function externalLink(url: string | null | undefined, label: string): HTMLElement {
  if (!url || !isSafeUrl(url) || url.startsWith("#")) return h("span", { className: "url-text" }, label);
  return h("a", { href: url, target: "_blank", rel: "noopener noreferrer" }, label);
}

/** Makes a list item act like a button: focusable, Enter or Space opens it. */
export function activatable(el: HTMLElement, open: () => void): HTMLElement {
  el.tabIndex = 0;
  el.setAttribute("role", el.getAttribute("role") ?? "button");
  el.addEventListener("click", open);
  el.addEventListener("keydown", (e) => {
    if (e.key === "Enter" || e.key === " ") {
      e.preventDefault();
      open();
    }
  });
  return el;
}
