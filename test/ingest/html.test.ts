/** HTML no page can stall or crash: nesting is bounded, fragments and malformed trees are read as text. */
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { isSitrepError } from "../../src/errors.js";
import { MAX_HTML_DEPTH, nestingDepth, readHtml } from "../../src/ingest/html.js";
import { readArticle } from "../../src/ingest/read.js";

const PARAGRAPH = "<p>Engineers reopened the river bridge in Tarsa on Monday after two weeks of repairs, the district office said in a statement.</p>";

describe("hostile HTML", () => {
  test("nesting depth is counted in one pass; void and self-closing elements do not deepen it", () => {
    assert.equal(nestingDepth("<html><body><div><p>a<br><img src=x><p>b</div></body></html>"), 3);
    assert.equal(nestingDepth(`${"<div>".repeat(50)}x${"</div>".repeat(50)}`), 50);
  });

  test("a page nested deeper than any news page is refused with one line naming the input", () => {
    const deep = `<html><body>${"<div>".repeat(MAX_HTML_DEPTH + 1)}${PARAGRAPH}${"</div>".repeat(MAX_HTML_DEPTH + 1)}</body></html>`;
    assert.throws(() => readArticle({ html: deep, path: "deep.html" }), (err: unknown) =>
      isSitrepError(err) && err.code === "SITREP_INPUT_NO_ARTICLE" && /^deep\.html: the HTML nests elements \d+ deep/.test(err.message) && !err.message.includes("\n"));
  });

  test("a page deeper than Readability handles well is still read, as text", () => {
    const page = readHtml(`<html><body>${"<div>".repeat(300)}${PARAGRAPH}${"</div>".repeat(300)}</body></html>`);
    assert.match(page?.paragraphs.join(" ") ?? "", /river bridge in Tarsa/);
  });

  test("a script-only fragment is 'no article', not a crash", () => {
    assert.equal(readHtml("<script>x</script>"), null);
  });
});
