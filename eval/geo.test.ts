import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { haversineKm } from "../src/resolve/geo/index.js";
import { aucOfLogError, geocodingScores, indexOfWord, MAX_ERROR_KM, parseGeoXml, spanScores } from "./geo.js";

describe("km math", () => {
  test("haversine: one degree of latitude is about 111.2 km; the same point is 0", () => {
    assert.ok(Math.abs(haversineKm(0, 0, 1, 0) - 111.195) < 0.01);
    assert.equal(haversineKm(35, 40, 35, 40), 0);
  });
  test("haversine: antipodes are half the circumference (mean radius), just under the scorer's cap", () => {
    const km = haversineKm(0, 0, 0, 180);
    assert.ok(Math.abs(km - 20015.1) < 1);
    assert.ok(km <= MAX_ERROR_KM);
  });
  test("haversine across the antimeridian is short", () => {
    assert.ok(haversineKm(0, 179.5, 0, -179.5) < 112);
  });
});

describe("geocodingScores", () => {
  test("accuracy within 161 km, mean and median on invented errors", () => {
    const s = geocodingScores([0, 10, 160, 200, 1000]);
    assert.equal(s.acc161, 3 / 5);
    assert.equal(s.meanKm, 274);
    assert.equal(s.medianKm, 160);
    assert.equal(s.n, 5);
  });
  test("the median of an even count is the mean of the middle two", () => {
    assert.equal(geocodingScores([1, 3, 5, 100]).medianKm, 4);
  });
  test("no toponyms: zeros, not NaN", () => {
    assert.deepEqual(geocodingScores([]), { acc161: 0, meanKm: 0, medianKm: 0, auc: 0, n: 0 });
  });
});

describe("aucOfLogError", () => {
  test("perfect geocoding is 0, every toponym at the antipode is 1", () => {
    assert.equal(aucOfLogError([0, 0, 0]), 0);
    assert.ok(Math.abs(aucOfLogError([MAX_ERROR_KM, MAX_ERROR_KM]) - 1) < 1e-12);
  });
  test("trapezoid over sorted ln(1 + km), normalised by ln(20039) and n - 1 steps", () => {
    const errors = [100, 0, 10];
    const logs = [0, Math.log(11), Math.log(101)];
    const expected = ((logs[0] + logs[1]) / 2 + (logs[1] + logs[2]) / 2) / (Math.log(1 + MAX_ERROR_KM) * 2);
    assert.ok(Math.abs(aucOfLogError(errors) - expected) < 1e-12);
  });
  test("errors beyond the antipode are capped", () => {
    assert.equal(aucOfLogError([50000]), 1);
  });
});

describe("spanScores", () => {
  const gold = [{ start: 0, end: 5 }, { start: 10, end: 15 }];
  test("exact matching counts each gold span once", () => {
    assert.deepEqual(spanScores(gold, [{ start: 0, end: 5 }, { start: 0, end: 5 }, { start: 11, end: 15 }]), { tp: 1, fp: 2, fn: 1 });
  });
  test("overlap matching accepts a shared character", () => {
    assert.deepEqual(spanScores(gold, [{ start: 11, end: 15 }], true), { tp: 1, fp: 0, fn: 1 });
  });
});

describe("parseGeoXml", () => {
  test("reads the GeoWebNews layout, entities decoded before offsets apply", () => {
    const xml = [
      "<articles>",
      '\t<article file="7">',
      "\t\t<text>Rain in &quot;Oslo&quot; and Bergen.</text>",
      "\t\t<toponyms>",
      "\t\t\t<toponym><extractedName>Oslo</extractedName><type>Literal</type><start>9</start><end>13</end><latitude>59.91</latitude><longitude>10.75</longitude></toponym>",
      "\t\t\t<toponym><extractedName>Bergen</extractedName><type>Literal</type><start>19</start><end>25</end><latitude>60.39</latitude><longitude>5.32</longitude></toponym>",
      "\t\t</toponyms>",
      "\t</article>",
      "</articles>",
    ].join("\n");
    const { articles, errors } = parseGeoXml(xml, "mini.xml");
    assert.deepEqual(errors, []);
    assert.equal(articles[0].id, "7");
    assert.deepEqual(articles[0].toponyms.map((t) => [t.name, t.lat]), [["Oslo", 59.91], ["Bergen", 60.39]]);
  });

  test("reads the LGL / TR-News layout: CDATA text, gaztag coordinates, toponyms without gaztag, dltime", () => {
    const xml = `<articles><article docid="42"><title>t</title><dltime>2009-03-20 12:24:52</dltime>
<text><![CDATA[Floods near Alexandria & Pineville.]]></text><toponyms>
<toponym><start>12</start><end>22</end><phrase>Alexandria</phrase><gaztag geonameid="4314550"><fcode>PPL</fcode><lat>31.3113</lat><lon>-92.4451</lon></gaztag></toponym>
<toponym><phrase> Pineville </phrase><end>34</end><start>25</start></toponym>
</toponyms></article></articles>`;
    const { articles, errors } = parseGeoXml(xml, "lgl.xml");
    assert.deepEqual(errors, []);
    assert.equal(articles[0].published, "2009-03-20");
    assert.deepEqual(articles[0].toponyms.map((t) => [t.name, t.lat, t.lon]), [["Alexandria", 31.3113, -92.4451], ["Pineville", null, null]]);
  });

  test("reads the GeoVirus layout", () => {
    const xml = "<articles><article><source>u</source><text>Cases rose in Pandi.</text><locations><location><name>Pandi</name><start>14</start><end>19</end><lat>14.87</lat><lon>120.95</lon><page>p</page></location></locations></article></articles>";
    const { articles } = parseGeoXml(xml, "gv.xml");
    assert.deepEqual(articles[0].toponyms.map((t) => [t.name, t.lon]), [["Pandi", 120.95]]);
  });

  test("gold problems name file and line, and the bad toponym is dropped", () => {
    const xml = [
      "<articles>",
      "<article><text>Snow in Oslo.</text><locations>",
      "<location><name>Oslo</name><start>8</start><end>40</end><lat>59.9</lat><lon>10.7</lon></location>",
      "<location><name>Oslo</name><start>8</start><end>12</end><lat>95</lat><lon>10.7</lon></location>",
      "<location><name>Bergen</name><start>8</start><end>12</end><lat>60</lat><lon>5</lon></location>",
      "</locations></article></articles>",
    ].join("\n");
    const { articles, errors } = parseGeoXml(xml, "bad.xml");
    assert.equal(errors.length, 3);
    assert.match(errors[0], /^bad\.xml:3: .*outside the text/);
    assert.match(errors[1], /^bad\.xml:4: .*out of range/);
    assert.match(errors[2], /^bad\.xml:5: .*reads "Oslo"/);
    assert.equal(articles[0].toponyms.length, 1);
  });
});

describe("realigning mentions onto the gold text", () => {
  test("finds whole words only: 'European' is not the start of 'Europeans'", () => {
    const text = "Europeans met. The European Commission spoke.";
    assert.equal(indexOfWord(text, "European", 0), text.indexOf("European Commission"));
    assert.equal(indexOfWord(text, "Calif.", 0), -1);
    assert.equal(indexOfWord("in Fresno, Calif. today", "Calif.", 0), 11);
  });
});
