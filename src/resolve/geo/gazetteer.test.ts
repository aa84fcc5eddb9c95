import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { countryPoint, KeyIndex } from "./gazetteer.js";
import { haversineKm, loadGazetteer } from "./index.js";

const g = loadGazetteer();
const near = (m: { lat: number; lon: number } | null, lat: number, lon: number, km = 50): boolean =>
  m !== null && haversineKm(m.lat, m.lon, lat, lon) <= km;

describe("transliteration-robust resolution", () => {
  const cases: [string[], string, number, number][] = [
    [["Hasakeh", "Hasaka", "Al-Hasakah", "Hassakeh"], "SY", 36.5, 40.75],
    [["Raqqa", "Ar Raqqah", "Rakka"], "SY", 35.95, 39.0],
    [["Kharkiv", "Kharkov"], "UA", 49.98, 36.25],
    [["Mosul", "Al Mawsil"], "IQ", 36.34, 43.12],
    [["Kyiv", "Kiev"], "UA", 50.45, 30.52],
  ];
  for (const [spellings, country, lat, lon] of cases) {
    test(`${spellings.join(" / ")} is the same place`, () => {
      for (const s of spellings) {
        const m = g.resolve(s);
        assert.equal(m?.country, country, s);
        assert.ok(near(m, lat, lon), `${s} -> ${m?.name} ${m?.lat},${m?.lon}`);
      }
    });
  }

  test("an exonym spells the name of the city and of the province named after it: bare, it is the city", () => {
    // the province outnumbers the city's people; the alias must not go to it alone
    for (const [exonym, lat, lon] of [["Kharkov", 49.98, 36.25], ["Lugansk", 48.57, 39.32], ["Lvov", 49.84, 24.02]] as const) {
      const m = g.resolve(exonym);
      assert.equal(m?.featureType, "city", exonym);
      assert.ok(near(m, lat, lon, 10), `${exonym} -> ${m?.name} ${m?.lat},${m?.lon}`);
    }
    assert.equal(g.resolve("Kharkov region")?.featureType, "admin1");
  });

  test("an abbreviation names one entry, the most populous of its name (the state, not a town)", () => {
    assert.equal(g.resolve("Tex.")?.featureType, "admin1");
    assert.equal(g.resolve("Ala.")?.featureType, "admin1");
    assert.equal(g.resolve("J&K")?.name, "Jammu and Kashmir");
    // a Russian spelling of a Belarusian city
    assert.equal(g.resolve("Gomel")?.name, "Homyel'");
    // an exonym of a province: "Babylon province" is Iraq's Babil
    assert.equal(g.resolve("Babylon province")?.name, "Babil");
  });

  test("Raqqa does not resolve to Iraq, nor Iraq to Raqqa", () => {
    assert.equal(g.resolve("Raqqa")?.country, "SY");
    assert.equal(g.resolve("Iraq")?.featureType, "country");
    assert.ok(!g.candidates("Raqqa").some((m) => m.featureType === "country"));
  });

  test("a name written without the space between its syllables, or with one, is the other spelling where none bears it as written", () => {
    assert.equal(g.resolve("Mongyawng", { countries: ["MM"] })?.name, "Möng Yawng");
    const joined = g.candidates("Mongyawng").find((m) => m.name === "Möng Yawng");
    assert.ok(joined, "found through the spelling with a space");
    // a name some entry bears as written keeps only its own readings
    assert.ok(!g.candidates("Newcastle").some((m) => m.name === "New Castle"));
  });

  test("the measured false-merge rate of the loose key stays low", () => {
    const r = g.falseMerges(100_000);
    assert.ok(r.names > 5000);
    assert.ok(r.resolvedRate < 0.03, `resolved false merges ${r.resolvedRate}`);
  });

  test("with no context, a variant spelling of a big town beats an exact seat of unrecorded size: 'Guma' is Goma", { todo: "a near tie under the learned ranker (models/geo/ranker.json, retrained with GeoContext.namedCountries): Guma, CN 0.41 against Goma 0.39; see notes of issue 15" }, () => {
    assert.equal(g.resolve("Guma")?.country, "CD");
  });

  test("with no country known, a name some town bears exactly is that town, not a big look-alike that sounds otherwise", () => {
    // small towns of unrecorded or modest size beside cities of 100,000+ that only spell alike
    for (const [name, country, lookAlike] of [["Tielen", "BE", "Tallinn"], ["Mediouna", "MA", "Medina"], ["Kankia", "NG", "Çankaya"]] as const) {
      assert.equal(g.resolve(name)?.country, country, name);
      assert.ok(!g.candidates(name).some((m) => m.name === lookAlike), `${name} keeps ${lookAlike} as a candidate`);
    }
    // a well-known place that sounds the same stays a reading ("Rakka" above is Raqqa), and a country known
    // leaves the choice to the ranker
    assert.ok(g.candidates("Rakka").some((m) => m.country === "SY"));
    assert.ok(g.rank("Tielen", { countries: ["EE"], namedCountries: ["EE"], countryShares: [1] }).some((m) => m.name === "Tallinn"));
    // a country known only from a people's name ("Estonian troops") is no country the article names
    assert.ok(!g.rank("Tielen", { countries: ["EE"], namedCountries: [], countryShares: [1] }).some((m) => m.name === "Tallinn"));
  });

  test("a variant spelling is read only as a place in the article's countries: 'Guma' in a Nigerian story is not Goma", () => {
    assert.notEqual(g.resolve("Guma", { countries: ["NG"] })?.country, "CD");
    assert.equal(g.resolve("Latin", { countries: ["US"] }), null, "nor 'Latin' a Ukrainian village");
    assert.equal(g.resolve("Kharkov", { countries: ["UA"] })?.country, "UA", "a transliteration in the article's country stays");
  });

  test("a name nothing in the world has is null", () => {
    assert.equal(g.resolve("Qwxzzyville"), null);
    assert.deepEqual(g.candidates("Qwxzzyville"), []);
  });
});

describe("short forms and composite areas", () => {
  test("a short word in capitals is an initialism, never the town it spells: WA, OAS, CHU", () => {
    assert.deepEqual(g.candidates("OAS"), []);
    assert.deepEqual(g.candidates("CHU"), []);
    assert.equal(g.resolve("WA", { countries: ["AU"] })?.name, "Western Australia");
    assert.equal(g.resolve("WA", { countries: ["US"] })?.name, "Washington");
    assert.equal(g.resolve("BC")?.name, "British Columbia");
    assert.equal(g.resolve("UK")?.country, "GB");
  });

  test("a name a place bears whole, kind word and all, is that place, not a place that bears it only without the kind word", () => {
    // "Kent County" is a county of several US states; Kent the county of England is called Kent
    const readings = g.candidates("Kent County");
    assert.ok(readings.length > 0);
    assert.ok(readings.every((m) => m.name === "Kent County"), readings.map((m) => `${m.name} (${m.country})`).join(", "));
    // the bare name keeps all its readings
    assert.ok(g.candidates("Kent").some((m) => m.country === "GB"));
  });

  test("a county's bare name is a town before it is the county: Shelby, but Shelby County", { todo: "the learned ranker (models/geo/ranker.json) does not yet weigh this as the hand score did: see notes of issue 15" }, () => {
    assert.equal(g.resolve("Shelby")?.featureType, "city");
    assert.equal(g.resolve("Shelby County")?.featureType, "admin2");
  });

  test("composite areas: Yorkshire is the English county, its point among its members'", () => {
    const m = g.resolve("Yorkshire");
    assert.equal(m?.country, "GB");
    assert.equal(m?.precision, 3);
    assert.ok(near(m, 53.96, -1.08, 80), `${m?.lat},${m?.lon}`); // York
    assert.equal(g.resolve("Cheshire", { countries: ["GB"] })?.country, "GB");
  });

  test("a town named for its river or the sea answers to its everyday short form: Clacton, Burton, Frankfurt", () => {
    assert.equal(g.resolve("Clacton")?.name, "Clacton-on-Sea");
    assert.equal(g.resolve("Burton", { countries: ["GB"] })?.name, "Burton upon Trent");
    assert.equal(g.resolve("Frankfurt")?.name, "Frankfurt am Main");
  });

  test("reviewed abbreviations keep their period", () => {
    assert.ok(g.isDottedAbbreviation("Calif."));
    assert.ok(!g.isDottedAbbreviation("Calif"));
  });
});

describe("disambiguation", () => {
  test("the admin hierarchy: 'Hasakeh province' is the governorate, bare 'Hasakeh' the city", () => {
    assert.equal(g.resolve("Hasakeh province")?.featureType, "admin1");
    assert.equal(g.resolve("Hasakeh")?.featureType, "city");
    assert.equal(g.resolve("Raqqa Governorate")?.featureType, "admin1");
  });

  test("a cue word picks the feature type", () => {
    assert.equal(g.resolve("Raqqa", { cue: "province" })?.featureType, "admin1");
    assert.equal(g.resolve("Raqqa", { cue: "city" })?.featureType, "city");
  });

  test("Washington in news is the US capital, not the state", { todo: "the learned ranker (models/geo/ranker.json) does not yet weigh this as the hand score did: see notes of issue 15" }, () => {
    const m = g.resolve("Washington");
    assert.equal(m?.country, "US");
    assert.ok(near(m, 38.9, -77.04), `${m?.name}`);
    assert.equal(g.resolve("Washington state")?.featureType, "admin1");
  });

  test("the article's country context decides between namesakes", () => {
    assert.equal(g.resolve("Georgia")?.featureType, "country");
    assert.equal(g.resolve("Georgia", { countries: ["US"] })?.featureType, "admin1");
    assert.equal(g.resolve("Tripoli")?.country, "LY");
    assert.equal(g.resolve("Tripoli", { countries: ["LB"] })?.country, "LB");
    assert.equal(g.resolve("Birmingham", { countries: ["US"] })?.country, "US");
  });

  test("population prior: the big Paris, not a small namesake", () => {
    assert.equal(g.resolve("Paris")?.country, "FR");
  });

  test("a state the article names does not outweigh a city known nationwide: Louisville beside Mississippi is Kentucky's", () => {
    assert.equal(g.resolve("Louisville", { countries: ["US"], admin1s: ["US/Mississippi"] })?.admin1, "Kentucky");
    assert.equal(g.resolve("Portland", { countries: ["US"], admin1s: ["US/Texas"] })?.admin1, "Oregon");
    assert.equal(g.resolve("Jackson", { countries: ["US"], admin1s: ["US/Tennessee"] })?.admin1, "Tennessee", "but it decides between towns of a size");
  });

  test("candidates lists every reading, best first, with scores between 0 and 1", () => {
    const c = g.candidates("Springfield");
    assert.ok(c.length > 3);
    for (const m of c) assert.ok(m.score >= 0 && m.score <= 1);
    assert.ok(c[0].score >= c[1].score);
  });
});

describe("precision and feature types", () => {
  test("countries, admin areas, regions and towns carry their precision", () => {
    assert.equal(g.resolve("Syria")?.precision, 4);
    assert.equal(g.resolve("Texas")?.precision, 3);
    assert.equal(g.resolve("Gaza Strip")?.precision, 3);
    assert.equal(g.resolve("Damascus")?.precision, 1);
  });
  test("reviewed regions resolve: eastern Euphrates, Donbas, Sahel, Kurdistan Region, Idlib countryside", () => {
    for (const [name, type] of [["eastern Euphrates", "region"], ["Donbas", "region"], ["Donbass", "region"], ["Sahel", "region"], ["Kurdistan Region", "region"], ["Idlib countryside", "region"], ["Darfur", "region"]] as const) {
      assert.equal(g.resolve(name)?.featureType, type, name);
    }
    assert.equal(g.resolve("Tigray")?.featureType, "admin1");
  });
  test("admin1 areas have derived coordinates inside their country", () => {
    const m = g.resolve("Al-Hasakah Governorate");
    assert.equal(m?.country, "SY");
    assert.ok(near(m, 36.5, 40.7, 150));
  });
  test("an admin1 point is the middle of the area, not of its towns: British Columbia is not at Vancouver", () => {
    const bc = g.resolve("British Columbia");
    assert.ok(bc !== null && bc.lat > 52 && bc.lat < 57, `${bc?.lat}`);
    assert.ok(!near(bc, 49.25, -123.12, 300));
  });
  test("the seat of an admin1 area is its capital town", () => {
    assert.equal(g.seatOf("US", "Oklahoma")?.name, "Oklahoma City");
    assert.equal(g.seatOf("US", "Nowhere"), null);
  });
});

describe("countries, demonyms and capitals", () => {
  test("countryByName takes names, short forms and demonyms", () => {
    assert.equal(g.countryByName("Iraq")?.code, "IQ");
    assert.equal(g.countryByName("Iraqi")?.code, "IQ");
    assert.equal(g.countryByName("Syrian")?.code, "SY");
    assert.equal(g.countryByName("U.S.")?.code, "US");
    assert.equal(g.countryByName("Britain")?.code, "GB");
    assert.equal(g.countryByName("German")?.code, "DE");
    assert.equal(g.countryByName("Indian")?.code, "IN");
    assert.equal(g.countryByName("Hasakeh"), null);
  });
  test("a former state is its successor: 'Soviet Union', 'USSR' -> Russia", () => {
    assert.equal(g.resolve("Soviet Union")?.country, "RU");
    assert.equal(g.countryByName("USSR")?.code, "RU");
  });
  test("a demonym of an area smaller than a country is that area: 'English' -> England, 'Texan' -> Texas", () => {
    assert.equal(g.demonymPlace("English")?.name, "England");
    assert.equal(g.demonymPlace("Texan")?.featureType, "admin1");
    assert.equal(g.countryByName("English")?.code, "GB", "while its country stays the UK");
  });
  test("isCapital knows capitals, including Washington without D.C.", () => {
    assert.equal(g.isCapital("Berlin")?.code, "DE");
    assert.equal(g.isCapital("Washington")?.code, "US");
    assert.equal(g.isCapital("Moscow")?.code, "RU");
    assert.equal(g.isCapital("Aleppo"), null);
  });
  test("country() by ISO code", () => {
    const sy = g.country("sy");
    assert.equal(sy?.name, "Syria");
    assert.ok(sy?.capital.includes("Damascus"));
    assert.equal(g.country("XX"), null);
  });
});

describe("country points", () => {
  test("a country is GeoNames' own feature: its id and its point (Japan's is at Tokyo, not the islands' middle)", () => {
    const japan = g.resolve("Japan");
    assert.equal(japan?.geonameId, 1861060);
    assert.ok(near(japan, 35.69, 139.75, 5));
    assert.ok(near(g.resolve("Libya"), 28, 17, 5));
  });
  test("fallback for a country without a GeoNames point: the reference point is kept where the mainland centroid agrees with it", () => {
    assert.deepEqual(countryPoint([52, 20], [52.1, 19.4]), [52, 20]);
  });
  test("where they disagree by 150 km or more, the midpoint of the two", () => {
    assert.deepEqual(countryPoint([38, -97], [40, -99]), [39, -98]);
  });
  test("no centroid: the reference point", () => {
    assert.deepEqual(countryPoint([25, 17], undefined), [25, 17]);
  });
});

describe("the key index of the gazetteer's rows", () => {
  const lines = ["aleppo|halab\taleppo\tP", "yaczf\t\tP", "glbpp\tglbpp\tP", "aleppo\t\tP"];
  const index = (column: 0 | 1): KeyIndex => {
    const keys = new KeyIndex(lines, column);
    lines.forEach((line, row) => {
      const t1 = line.indexOf("\t");
      const t2 = line.indexOf("\t", t1 + 1);
      keys.addRow(row, line, column === 0 ? 0 : t1 + 1, column === 0 ? t1 : t2);
    });
    keys.seal();
    return keys;
  };

  test("finds every row with a key, in row order, then the entries added by name", () => {
    const strict = index(0);
    assert.deepEqual(strict.get("aleppo"), [0, 3]);
    assert.deepEqual(strict.get("halab"), [0]);
    strict.add("halab", 7);
    assert.deepEqual(strict.get("halab"), [0, 7]);
    assert.equal(strict.get("homs"), undefined);
    assert.equal(strict.has("aleppo"), true);
  });

  test("checks the key itself, not only its hash: 'yaczf' and 'glbpp' share one", () => {
    const strict = index(0);
    assert.deepEqual(strict.get("yaczf"), [1]);
    assert.deepEqual(strict.get("glbpp"), [2]);
  });

  test("reads its own column only", () => {
    const loose = index(1);
    assert.deepEqual(loose.get("aleppo"), [0]);
    assert.equal(loose.get("halab"), undefined);
  });
});

describe("countries named as a union of two", () => {
  test("each part names the country: 'Nevis', 'Herzegovina'", () => {
    const nevis = g.resolve("Nevis");
    assert.equal(nevis?.featureType, "country");
    assert.equal(nevis?.country, "KN");
    assert.equal(g.resolve("Herzegovina")?.country, "BA");
  });

  test("a part that is already a place of that country keeps its own reading; a territory's parts are not indexed", () => {
    assert.equal(g.resolve("Barbuda")?.featureType, "admin1");
    assert.equal(g.resolve("São Tomé")?.featureType, "city");
    // Wallis and Futuna is no sovereign country
    assert.notEqual(g.resolve("Futuna")?.featureType, "country");
  });
});
