/** Paste an article, extract it on the server (nothing is stored), and see its brief and highlights. */
import { api } from "./api.js";
import { h } from "./dom.js";
import { renderArticle } from "./article-view.js";

export function renderPaste(panel: HTMLElement, handlers: { back: () => void }): void {
  const text = h("textarea", { name: "text", rows: 12, required: true, placeholder: "Paste the article text here", "aria-label": "Article text" });
  const title = h("input", { type: "text", name: "title", placeholder: "optional", "aria-label": "Title" });
  const published = h("input", { type: "date", name: "published", "aria-label": "Published" });
  const status = h("p", { className: "status", role: "status" });
  const result = h("div", { className: "paste-result" });
  const button = h("button", { type: "submit", className: "primary" }, "Extract");
  const form = h(
    "form",
    { className: "paste-form", "aria-label": "Paste an article" },
    h("label", { className: "block" }, "Article text", text),
    h("div", { className: "row" }, h("label", {}, "Title ", title), h("label", {}, "Published ", published)),
    h("div", { className: "row" }, button, status),
  );
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    if (!text.value.trim()) {
      status.textContent = "Paste some text first.";
      return;
    }
    button.disabled = true;
    status.textContent = "Extracting…";
    result.replaceChildren();
    api
      .extract({ text: text.value, ...(title.value ? { title: title.value } : {}), ...(published.value ? { published: published.value } : {}) })
      .then((report) => {
        status.textContent = `Found ${report.events.length} event${report.events.length === 1 ? "" : "s"}.`;
        result.replaceChildren(renderArticle(report));
      })
      .catch((err: Error) => {
        status.textContent = `Could not extract: ${err.message}`;
      })
      .finally(() => {
        button.disabled = false;
      });
  });
  panel.replaceChildren(
    h("button", { type: "button", className: "back", onclick: handlers.back }, "← all incidents"),
    h("h2", { className: "panel-title" }, "Paste an article"),
    h("p", { className: "muted" }, "The text is read by the same pipeline as stored articles; nothing is saved."),
    form,
    result,
  );
  text.focus();
}
