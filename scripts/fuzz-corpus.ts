/**
 * A hostile input corpus, generated (never stored): truncations, byte flips, invalid UTF-8, UTF-16, NULs, 10 MB
 * single lines, deep HTML, entity bombs, malformed CSV, NDJSON and RSS/Atom, XML external entities and entity
 * expansion in feeds, huge numbers, 10,000-deep nesting, binary noise and stored reports with absurd counts.
 * The same seed gives the same files. Used by scripts/fuzz.ts (`npm run fuzz`).
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { seededRandom } from "../src/random.js";

/** Articles we write, the seeds every mutation starts from. */
const ARTICLES = [
  "Two soldiers were killed when gunmen attacked a checkpoint outside Tarsa on Monday, the army said in a statement.\n\nResidents said the attackers fled towards the hills. \"We heard shooting for an hour,\" said Amara Okafor, a trader.",
  "Protesters marched through the centre of Selvo on Tuesday to demand the release of detained journalists. Police fired tear gas and arrested 14 people, according to a rights group.",
  "A drone strike hit a market in Orem on 12 March 2024, killing at least 11 civilians and wounding dozens, local officials said. No group claimed the attack.",
  "The government and the rebel alliance signed a ceasefire agreement in the capital on Friday, mediators said, after three weeks of talks.",
];

export interface FuzzFile {
  name: string;
  bytes: Uint8Array;
}

const enc = (s: string) => new TextEncoder().encode(s);

export function* fuzzFiles(seed = 17): Generator<FuzzFile> {
  const rand = seededRandom(seed);
  const int = (n: number) => Math.floor(rand() * n);
  const pick = <T>(xs: T[]): T => xs[int(xs.length)];
  const article = () => pick(ARTICLES);
  const html = (body: string) => `<!DOCTYPE html><html><head><title>Report</title></head><body><article><h1>Report</h1>${body}</article></body></html>`;
  const rss = (items: string) => `<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>${items}</channel></rss>`;
  const item = (text: string, i: number) => `<item><title>Story ${i}</title><link>http://news.example/${i}</link><pubDate>Mon, 01 Jul 2024 09:00:00 GMT</pubDate><description><![CDATA[<p>${text}</p>]]></description></item>`;
  let n = 0;
  const name = (kind: string, ext: string) => `${String(n++).padStart(4, "0")}-${kind}.${ext}`;

  // truncations of text, HTML, feeds, CSV and NDJSON
  for (let i = 0; i < 120; i++) {
    const whole = [article(), html(`<p>${article()}</p>`), rss(item(article(), 1) + item(article(), 2)), `title,text\nA,"${article()}"\n`, JSON.stringify({ title: "A", text: article() })][i % 5];
    const ext = ["txt", "html", "rss", "csv", "ndjson"][i % 5];
    yield { name: name("truncated", ext), bytes: enc(whole).subarray(0, 1 + int(whole.length)) };
  }
  // byte flips
  for (let i = 0; i < 160; i++) {
    const bytes = enc([article(), html(`<p>${article()}</p>`), rss(item(article(), 1))][i % 3]);
    for (let k = 0; k <= int(8); k++) bytes[int(bytes.length)] = int(256);
    yield { name: name("flipped", ["txt", "html", "xml"][i % 3]), bytes };
  }
  // invalid UTF-8 sequences
  for (let i = 0; i < 80; i++) {
    const text = enc(article());
    const bad = [[0xc3, 0x28], [0xa0, 0xa1], [0xe2, 0x28, 0xa1], [0xf0, 0x28, 0x8c, 0xbc], [0xff], [0xed, 0xa0, 0x80]][i % 6];
    const at = int(text.length);
    yield { name: name("bad-utf8", "txt"), bytes: new Uint8Array([...text.subarray(0, at), ...bad, ...text.subarray(at)]) };
  }
  // UTF-16, with and without a byte-order mark, both byte orders
  for (let i = 0; i < 40; i++) {
    const s = article();
    const le = new Uint8Array(s.length * 2);
    for (let k = 0; k < s.length; k++) {
      const c = s.charCodeAt(k);
      le[2 * k] = i % 2 ? c >> 8 : c & 255;
      le[2 * k + 1] = i % 2 ? c & 255 : c >> 8;
    }
    const bom = i % 4 < 2 ? (i % 2 ? [0xfe, 0xff] : [0xff, 0xfe]) : [];
    yield { name: name("utf16", "txt"), bytes: new Uint8Array([...bom, ...le]) };
  }
  // NUL bytes early and late
  for (let i = 0; i < 60; i++) {
    const long = (article() + "\n\n").repeat(i % 2 ? 200 : 1);
    const at = i % 2 ? long.length - 10 : int(long.length);
    yield { name: name("nul", ["txt", "html", "ndjson"][i % 3]), bytes: enc(long.slice(0, at) + "\u0000" + long.slice(at)) };
  }
  // single lines: 10 MB (over the limit), 1 MB and 256 KB without a break
  yield { name: name("line-10mb", "txt"), bytes: enc("killed ".repeat(1_500_000)) };
  yield { name: name("line-1mb", "txt"), bytes: enc("word ".repeat(210_000)) };
  yield { name: name("line-256kb", "txt"), bytes: enc(`${article()} `.repeat(Math.ceil(262_144 / 200)).slice(0, 262_144)) };
  // deep HTML
  for (const depth of [100, 1000, 5000, 10000, 10000, 50000]) {
    yield { name: name(`deep-html-${depth}`, "html"), bytes: enc(html(`${"<div>".repeat(depth)}<p>${article()}</p>${"</div>".repeat(depth)}`)) };
    yield { name: name(`unclosed-html-${depth}`, "html"), bytes: enc(html(`${"<span><b>".repeat(depth)}${article()}`)) };
  }
  // entity bombs in HTML
  for (let i = 0; i < 20; i++) {
    const entity = ["&amp;", "&#x1F4A3;", "&#99999999;", "&nbsp;", "&notanentity;", "&#0;"][i % 6];
    yield { name: name("entities", "html"), bytes: enc(html(`<p>${article()} ${entity.repeat(2000 * (1 + (i % 5)))}</p>`)) };
  }
  // malformed CSV
  for (let i = 0; i < 80; i++) {
    const rows = [
      `title,text\n"unclosed,${article()}\n`,
      `text\n${'"'.repeat(1 + int(50))}${article()}\n`,
      `a,b,c\n1,2\n3,4,5,6\n`,
      `title,text,published\nX,"${article()}",4/5/2017\nY,"${article()}",2024-13-40\n`,
      `title,text\nX,${"x,".repeat(5000)}\n`,
      `\uFEFFtitle;text\nX;${article()}\n`,
      `title,text\nBig,"${article().repeat(2000)}"\n`,
      `title,text\nNum,"99999999999999999999999999 people were killed"\n`,
    ][i % 8];
    yield { name: name("csv", "csv"), bytes: enc(rows) };
  }
  // malformed NDJSON, huge numbers, deep nesting
  for (let i = 0; i < 100; i++) {
    const lines = [
      `{"text": "${article()}"}\n{"text": \n{"title": "x"}\n`,
      `{"text": "${article()}", "published": "9999-99-99"}\n`,
      `{"text": ${"1".repeat(400)}}\n`,
      `{"text": "${article()}", "id": 1e400}\n`,
      `${"[".repeat(10000)}${"]".repeat(10000)}\n`,
      `${'{"a":'.repeat(10000)}1${"}".repeat(10000)}\n`,
      `{"schema": "sitrep/1", "article": {"id": "x"}, "events": "no"}\n`,
      `{"text": "${"\\u0000".repeat(100)}${article()}"}\n`,
      `"just a string"\n42\nnull\n`,
      `{"text": "${article()}"}\r\n{"html": "<script>x</script>"}\r\n`,
    ][i % 10];
    yield { name: name("ndjson", "ndjson"), bytes: enc(lines) };
  }
  // malformed feeds, external entities, entity expansion
  for (let i = 0; i < 100; i++) {
    const docs = [
      rss(item(article(), 1)).slice(0, -20),
      `<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><rss version="2.0"><channel><title>&xxe;</title>${item("&xxe; " + article(), 1)}</channel></rss>`,
      `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;"><!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;"><!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">]><rss version="2.0"><channel><title>&lol5;</title>${item(article(), 1)}</channel></rss>`,
      `<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>A</title><entry><title>T</title><summary>${article()}</summary></entry><entry>`,
      rss(Array.from({ length: 200 }, (_, k) => item(article(), k)).join("")),
      rss(`<item><title>${"<b>".repeat(5000)}</title></item>`),
      rss(item(`${"<div>".repeat(10000)}${article()}`, 1)),
      `<rss><channel><item><description>${article()}</description></item>`,
      rss(`<item><title>x</title><pubDate>not a date</pubDate><description>${article()}</description></item>`),
      `<?xml version="1.0" encoding="UTF-16"?><rss version="2.0"><channel><title>x</title>${item(article(), 1)}</channel></rss>`,
    ][i % 10];
    yield { name: name("feed", ["rss", "xml", "atom"][i % 3]), bytes: enc(docs) };
  }
  // huge numbers in text
  for (let i = 0; i < 60; i++) {
    const figure = ["1e308", "99999999999999999999999", "2147483648", "1.8e309", "-5", "0.000001", "9,999,999,999,999", "twelve billion billion"][i % 8];
    yield { name: name("numbers", "txt"), bytes: enc(`${figure} people were killed and ${figure} were wounded in Tarsa on Monday, officials said. ${article()}`) };
  }
  // stored reports with absurd counts
  for (let i = 0; i < 20; i++) {
    const count = ["1e309", "2147483648", "-1", "1.5", "9007199254740993"][i % 5];
    yield {
      name: name("report", "ndjson"),
      bytes: enc(`{"schema":"sitrep/1","article":{"id":"fuzz-${i}","title":"t","published":"2024-05-01","credits":{"authors":[],"agencies":[]},"subheads":[],"related":[],"language":"en","text":"x"},"entities":[],"places":[],"times":[],"quotes":[],"events":[{"id":"ev1","type":"ASSAULT","mode":null,"acled":null,"actors":[],"targets":[],"place":null,"time":null,"casualties":{"killed":{"low":${count},"best":${count},"high":null},"injured":null,"victims":null},"attribution":{"status":"unknown","candidates":[]},"negated":false,"hypothetical":false,"evidence":[],"confidence":0.5}],"amounts":[],"warnings":[]}\n`),
    };
  }
  // binary noise and markdown oddities
  for (let i = 0; i < 70; i++) yield { name: name("noise", ["txt", "html", "md"][i % 3]), bytes: new Uint8Array(Array.from({ length: 64 + int(4000) }, () => int(256))) };
  for (let i = 0; i < 40; i++) {
    const md = [`# ${"#".repeat(500)}\n${article()}`, `${"> ".repeat(5000)}${article()}`, `${"* ".repeat(3000)}x\n${article()}`, `[${"[".repeat(5000)}](x)\n${article()}`][i % 4];
    yield { name: name("markdown", "md"), bytes: enc(md) };
  }
  // pathological prose shapes
  for (let i = 0; i < 40; i++) {
    const shape = [`"a" 'b' `.repeat(3000), `Lt. Col. A. B. of the U.N. `.repeat(1500), `Amara Okafor, `.repeat(3000), `3 were killed. `.repeat(3000), "Troops moved.\n\n".repeat(3000)][i % 5];
    yield { name: name("shape", "txt"), bytes: enc(shape) };
  }
}

export function writeFuzzCorpus(dir: string, seed = 17): number {
  mkdirSync(dir, { recursive: true });
  let count = 0;
  for (const f of fuzzFiles(seed)) {
    writeFileSync(join(dir, f.name), f.bytes);
    count++;
  }
  return count;
}
