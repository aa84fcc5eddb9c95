import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, test } from "node:test";
import { isSitrepError } from "../errors.js";
import { decodeText, detectLanguage, readArticle, readArticleFile } from "./read.js";

const dir = mkdtempSync(join(tmpdir(), "sitrep-read-"));
const file = (name: string, data: string | Uint8Array) => {
  const path = join(dir, name);
  writeFileSync(path, data);
  return path;
};
const codeOf = (f: () => unknown) => {
  try {
    f();
  } catch (err) {
    return isSitrepError(err) ? err.code : `not a SitrepError: ${String(err)}`;
  }
  return "no error";
};

describe("article structure from plain text", () => {
  const doc = readArticle({
    text: [
      "Rebels seize river port",
      "March 3, 2024Rebel fighters took the port of Kisangani on Saturday, residents said.",
      "Read more: Who are the rebels?",
      "'A long siege'",
      "The army said it would counter-attack.",
      "ab/cd (AFP, Reuters)",
    ].join("\n"),
  });

  test("the first line is the headline", () => assert.equal(doc.meta.title, "Rebels seize river port"));
  test("a date glued to the first sentence is the publication date, and the body starts after it", () => {
    assert.equal(doc.meta.published, "2024-03-03");
    assert.ok(doc.text.startsWith("Rebel fighters took the port"));
  });
  test("'Read more:' lines are related links, not body", () => {
    assert.deepEqual(doc.meta.related, ["Who are the rebels?"]);
    assert.ok(!doc.text.includes("Read more"));
  });
  test("a short line without sentence punctuation is a subhead", () => assert.deepEqual(doc.meta.subheads, ["'A long siege'"]));
  test("the credit line gives authors' initials and agencies", () => {
    assert.deepEqual(doc.meta.credits.agencies, ["AFP", "Reuters"]);
    assert.deepEqual(doc.meta.credits.authors, ["ab", "cd"]);
  });
  test("the id is a stable hash of the text", () => {
    assert.equal(doc.meta.id, readArticle({ text: doc.meta.title + "\nMarch 3, 2024\n" + doc.text }).meta.id);
  });
});

describe("datelines and credits", () => {
  const doc = readArticle({ text: "Clash in the hills\nGOMA, Congo (Wire) -- Fighting resumed on Monday near the town.\nReporting by Amani Bisimwa; Editing by Clara Holt" });
  test("the dateline's agency is credited and the dateline is marked", () => {
    assert.deepEqual(doc.meta.credits.agencies, ["Wire"]);
    assert.equal(doc.meta.datelineSpan?.place, "GOMA");
  });
  test("'Reporting by' and 'Editing by' give contributors with their roles", () => {
    assert.deepEqual(doc.meta.credits.contributors, [{ name: "Amani Bisimwa", role: "reporter" }, { name: "Clara Holt", role: "editor" }]);
  });
});

describe("HTML and Markdown", () => {
  test("HTML boilerplate is stripped and the page's own date and headline are used", () => {
    const body = "<p>" + "Security forces detained four reporters at a checkpoint outside the capital on Thursday. ".repeat(4) + "</p>";
    const html = `<html><head><meta property="article:published_time" content="2024-02-08T10:00:00Z"></head><body>
      <nav><a href="/">Home</a><a href="/world">World</a></nav>
      <article><h1>Reporters held at checkpoint</h1>${body}<p>Their lawyer said they were released without charge.</p></article>
      <footer>Share on social media. Copyright.</footer></body></html>`;
    const doc = readArticle({ html });
    assert.equal(doc.meta.title, "Reporters held at checkpoint");
    assert.equal(doc.meta.published, "2024-02-08");
    assert.ok(doc.text.includes("released without charge"));
    assert.ok(!doc.text.includes("Copyright"));
  });

  test("an HTML page without an article is an error, not an empty report", () => {
    assert.equal(codeOf(() => readArticle({ html: "<html><body><nav><a href='/'>Home</a></nav></body></html>" })), "SITREP_INPUT_NO_ARTICLE");
  });

  test("Markdown headings, links and emphasis are removed; the first heading is the headline", () => {
    const doc = readArticle({ text: "# Troops withdraw\n\nThe **last** convoy left [the base](https://example.org) on Monday.\n\nOfficials confirmed it.", format: "markdown" });
    assert.equal(doc.meta.title, "Troops withdraw");
    assert.equal(doc.text, "The last convoy left the base on Monday.\nOfficials confirmed it.");
  });
});

describe("bad input: a clear error that says what and where", () => {
  test("an empty file", () => assert.equal(codeOf(() => readArticleFile(file("empty.txt", ""))), "SITREP_INPUT_EMPTY"));
  test("only white space", () => assert.equal(codeOf(() => readArticle({ text: " \n\t " })), "SITREP_INPUT_EMPTY"));
  test("a missing file", () => assert.equal(codeOf(() => readArticleFile(join(dir, "nope.txt"))), "SITREP_INPUT_NOT_FOUND"));
  test("binary data", () => {
    const path = file("image.png", new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 13, 1, 2, 3]));
    assert.equal(codeOf(() => readArticle(readArticleFile(path))), "SITREP_INPUT_BINARY");
  });
  test("text that is not UTF-8 names the byte and line", () => {
    const bytes = new Uint8Array([...Buffer.from("Caf"), 0xe9, ...Buffer.from(" in Goma\n")]);
    assert.throws(() => decodeText(bytes, "latin1.txt"), /latin1\.txt: not valid UTF-8 \(byte 0xe9 at offset 3, line 1\)/);
  });
  test("a file larger than an article can be is refused before it is read", () => {
    const path = join(dir, "huge.txt");
    writeFileSync(path, Buffer.alloc(50 * 1024 * 1024, 0x61));
    assert.equal(codeOf(() => readArticleFile(path)), "SITREP_INPUT_TOO_LARGE");
  });
  test("a publication date that is not ISO", () => assert.equal(codeOf(() => readArticle({ text: "Some text here.", published: "yesterday" })), "SITREP_BAD_OPTION"));
});

describe("language", () => {
  test("English is English, also in a short text", () => assert.equal(detectLanguage("Gunmen abducted 20 villagers in Zamfara state on Sunday.").code, "en"));
  test("a short line in another script is still recognised", () => assert.notEqual(detectLanguage("Сегодня в Харькове прогремели взрывы, сообщили местные власти города.").code, "en"));
  test("a Spanish article is Spanish and extraction warns instead of guessing", () => {
    const doc = readArticle({ text: "Al menos seis personas murieron el jueves en combates entre el Ejército y disidentes de las FARC en el sur del país, informaron las autoridades locales." });
    assert.equal(doc.meta.language, "es");
    assert.match(doc.warnings.join(" "), /Spanish \(es\).*English only/);
  });
});
