/**
 * Place finding where the tagger misses a name or calls it something else, and the text itself says "place":
 * each rule with the sentences it must find and the ones it must leave alone. Sentences are invented; the names
 * are real places the gazetteer or the villages hold.
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import type { LabeledSpan } from "../../doc/index.js";
import type { Place } from "../../report.js";
import { resolvePlaces } from "../places.js";
import { docOf } from "../test-doc.js";

/** The span of the `nth` occurrence of `word` in `text`. */
function spanOf(text: string, word: string, label: string, nth = 0): LabeledSpan {
  let at = -1;
  for (let i = 0; i <= nth; i++) at = text.indexOf(word, at + 1);
  assert.ok(at >= 0, `"${word}" in the test sentence`);
  return { start: at, end: at + word.length, label };
}

const mentioned = (places: Place[]) => places.flatMap((p) => p.mentions.map((m) => m.text));
const placeFor = (places: Place[], surface: string) => places.find((p) => p.mentions.some((m) => m.text === surface));
const placesOf = (text: string, ner: [string, string][]) => resolvePlaces(docOf(text, { ner: ner.map(([word, label]) => spanOf(text, word, label)) }));

describe("a name before its people or its land", () => {
  test("'Ruiru residents', 'the Gourcy area': a place, whatever the tagger called the name", () => {
    // (one country a story: a town of another country's name in a story about Burkina Faso is set aside)
    assert.equal(placeFor(placesOf("Ruiru residents blocked a road on Friday.", [["Ruiru", "PER"]]), "Ruiru")?.country, "KE");
    assert.equal(placeFor(placesOf("Traders in the Gourcy area closed their shops.", [["Gourcy", "ORG"]]), "Gourcy")?.country, "BF");
  });

  test("an untagged name the gazetteer has exactly, before 'residents', is a place; another spelling is not", () => {
    assert.equal(placeFor(placesOf("Nakuru residents marched to the county offices.", []), "Nakuru")?.country, "KE");
    // "Sosio" is only a look-alike of towns abroad: the word after it does not make it one of them
    assert.deepEqual(mentioned(placesOf("Sosio villagers marched to the county offices.", [])), []);
  });

  test("'the residents of X', 'the countryside of X', 'in rural X': the place, even a village the tagger calls an organisation", () => {
    assert.equal(placeFor(placesOf("A well was dug for the residents of Molo.", [["Molo", "MISC"]]), "Molo")?.country, "KE");
    assert.ok(placeFor(placesOf("Maize fields dried up in the countryside of Njabini.", [["Njabini", "ORG"]]), "Njabini"));
    const rural = placesOf("Looters took the harvest in rural Elburgon on Monday.", [["Elburgon", "PER"]]);
    assert.equal(placeFor(rural, "Elburgon")?.country, "KE");
  });

  test("not a people's name before the word for people: 'Dogon villagers', 'Somali residents'", () => {
    assert.deepEqual(mentioned(placesOf("Aid reached Dogon villagers on Monday.", [["Dogon", "ORG"]])), []);
    // (Ethiopia's Somali region is no reading of the people's name here)
    const refugees = placesOf("Aid reached Somali residents on Monday.", [["Somali", "MISC"]]);
    assert.notEqual(placeFor(refugees, "Somali")?.featureType, "admin1");
    assert.equal(placeFor(placesOf("Aid reached Malian residents on Monday.", [["Malian", "MISC"]]), "Malian")?.featureType, "country");
  });

  test("a capitalised 'Area' is part of a name, not the word for a place's land", () => {
    const places = placesOf("The Gourcy Area Committee met on Monday.", [["Gourcy Area Committee", "ORG"]]);
    assert.equal(placeFor(places, "Gourcy"), undefined);
  });
});

describe("two names 'between' which something lies", () => {
  test("'between Dablo and Pissila': both villages, whatever the tagger called them", () => {
    const places = placesOf("A new road runs between Dablo and Pissila.", [["Dablo", "PER"], ["Pissila", "ORG"]]);
    assert.equal(placeFor(places, "Dablo")?.country, "BF");
    assert.equal(placeFor(places, "Pissila")?.country, "BF");
  });

  test("the ends of a way written with a spaced dash: 'the axis Gayeri - Pama'", () => {
    const places = placesOf("A bridge washed away on the axis Gayeri - Pama on Monday.", [["Gayeri", "MISC"], ["Pama", "PER"]]);
    assert.equal(placeFor(places, "Gayeri")?.country, "BF");
    assert.equal(placeFor(places, "Pama")?.country, "BF");
  });

  test("not two given names that are also towns: 'between Maria and David'", () => {
    assert.deepEqual(mentioned(placesOf("A quarrel between Maria and David ended in court.", [["Maria", "PER"], ["David", "PER"]])), []);
  });

  test("not people: names before a plural noun, names the tagger reads as a people's, a surname given in full elsewhere", () => {
    const herders = placesOf("Clashes broke out between Dablo and Pissila herders on Sunday.", [["Dablo", "PER"], ["Pissila", "PER"]]);
    assert.deepEqual(mentioned(herders), []);
    const peoples = placesOf("Clashes broke out between Fulani and Dogon on Sunday.", [["Fulani", "MISC"], ["Dogon", "MISC"]]);
    assert.deepEqual(mentioned(peoples), []);
    const text = "Awa Dablo leads the council. A quarrel between Dablo and Pissila followed.";
    const people = resolvePlaces(docOf(text, { ner: [spanOf(text, "Awa Dablo", "PER"), spanOf(text, "Dablo", "PER", 1), spanOf(text, "Pissila", "PER")] }));
    assert.equal(placeFor(people, "Dablo"), undefined);
  });
});

describe("a later item of a list the text places", () => {
  test("'in Hulugho, Sangailu and Dadaab': a village after names the gazetteer lacks, the first placed by 'in'", () => {
    const text = "Heavy rain cut roads in Hulugho, Sangailu and Dadaab last week.";
    const places = placesOf(text, [["Hulugho", "LOC"], ["Sangailu", "PER"], ["Dadaab", "PER"]]);
    assert.equal(placeFor(places, "Dadaab")?.country, "KE");
  });

  test("not after a placing word that opens the sentence, nor after 'with'", () => {
    assert.equal(placeFor(placesOf("In Hulugho, Hassan and Maria spoke.", [["Hulugho", "LOC"], ["Hassan", "PER"], ["Maria", "PER"]]), "Maria"), undefined);
    assert.equal(placeFor(placesOf("Talks were held with Hulugho, Hassan and Maria.", [["Hulugho", "LOC"], ["Hassan", "PER"], ["Maria", "PER"]]), "Maria"), undefined);
  });
});

describe("a one-word name the tagger calls an organisation, before a bracket of the areas it lies in", () => {
  test("'Gourcy (Zondoma, Nord)' is a place; 'the Alliance (Nasa)' is not", () => {
    const places = placesOf("Gunmen burned a school in Toeghin village, Gourcy (Zondoma, Nord) on Monday.", [["Toeghin", "LOC"], ["Gourcy", "ORG"]]);
    assert.equal(placeFor(places, "Gourcy")?.country, "BF");
    assert.deepEqual(mentioned(placesOf("Leaders of the Alliance (Nasa) met on Monday.", [["Alliance", "ORG"], ["Nasa", "ORG"]])), []);
  });
});

describe("the areas a place lies in, after its name", () => {
  test("a province in a bracket of two parts, even after a name the tagger calls a person: 'Derai (Sunamganj, Sylhet)'", () => {
    const places = placesOf("Floods cut the road to Derai (Sunamganj, Sylhet) on Friday.", [["Derai", "PER"], ["Sunamganj", "ORG"], ["Sylhet", "LOC"]]);
    assert.equal(placeFor(places, "Sunamganj")?.country, "BD");
  });

  test("a province after the word for a kind of place and a comma: 'Nad Ali district, Helmand'; not a county's name", () => {
    const places = placesOf("A new school opened in Nad Ali district, Helmand last week.", [["Nad Ali", "LOC"], ["Helmand", "PER"]]);
    assert.equal(placeFor(places, "Helmand")?.featureType, "admin1");
    const smith = placesOf("In Kolkoa district, Smith said the road was closed.", [["Kolkoa", "LOC"], ["Smith", "PER"]]);
    assert.equal(placeFor(smith, "Smith"), undefined);
  });
});

describe("a place's name inside a span the tagger calls a person", () => {
  test("before a title: 'the Mardin Governor's Office' is in Mardin; 'Governor Ana Diallo' names no place", () => {
    const places = placesOf("The Mardin Governor's Office reopened the bridge. Governor Ana Diallo spoke.", [["Mardin Governor", "PER"], ["Office", "ORG"], ["Governor Ana Diallo", "PER"]]);
    assert.deepEqual(mentioned(places), ["Mardin"]);
    assert.equal(placeFor(places, "Mardin")?.country, "TR");
  });

  test("not a name the tagger cut after a capitalised word: 'Kolkoa [Sadar Upazila]' is no place 'Sadar'", () => {
    const places = placesOf("Workers marched in Kolkoa Sadar Upazila on Monday.", [["Kolkoa", "LOC"], ["Sadar Upazila", "PER"]]);
    assert.equal(placeFor(places, "Sadar"), undefined);
  });

  test("before the word for its kind of area: 'Kajuru LGA', 'Molo Division'", () => {
    assert.equal(placeFor(placesOf("Gunmen raided two farms in Kajuru LGA.", [["Kajuru LGA", "PER"]]), "Kajuru")?.country, "NG");
    assert.equal(placeFor(placesOf("Police patrolled Molo Division.", [["Molo Division", "MISC"]]), "Molo")?.country, "KE");
  });

  test("cut after its first word: 'in Abu Kammash' with only 'Kammash' tagged; not without a word that places it", () => {
    const places = placesOf("A new bakery opened in Abu Kammash on Monday.", [["Kammash", "PER"]]);
    assert.equal(placeFor(places, "Abu Kammash")?.country, "LY");
    const person = placesOf("Reporters met Abu Kammash on Monday.", [["Kammash", "PER"]]);
    assert.equal(placeFor(person, "Abu Kammash"), undefined);
  });

  test("cut after a direction that begins a district's own name: 'South Garo Hills district'; not 'northern Kolkoa'", () => {
    const district = placesOf("A trader was robbed in a village (South Garo Hills district, Meghalaya).", [["Garo Hills", "PER"]]);
    assert.equal(placeFor(district, "South Garo Hills")?.featureType, "admin2");
    // "West Kammash" is no area's name: the direction says where, and the tagger's person stays one
    const direction = placesOf("A new bakery opened in West Kammash on Monday.", [["Kammash", "PER"]]);
    assert.equal(placeFor(direction, "West Kammash"), undefined);
  });
});

describe("streets, buildings and sites", () => {
  test("a sentence's first word before 'of' is who is at the landmark, not part of its name: 'Traders of Gikomba Market'", () => {
    assert.deepEqual(mentioned(placesOf("Traders of Gikomba Market closed their stalls on Monday.", [])), ["Gikomba Market"]);
    assert.deepEqual(mentioned(placesOf("University of Nairobi Hospital staff went on strike on Monday.", [])).filter((m) => m.includes("Hospital")), ["University of Nairobi Hospital"]);
  });
});

describe("names with lower-case words", () => {
  test("an article written in lower case begins the name: 'near al Malikiyah', 'near el Fasher'", () => {
    const places = placesOf("A drone struck a farm near al Malikiyah in Hasakeh province.", [["Malikiyah", "PER"], ["Hasakeh", "LOC"]]);
    assert.equal(placeFor(places, "al Malikiyah")?.country, "SY");
    assert.equal(placeFor(placesOf("Troops moved near el Fasher.", [["Fasher", "LOC"]]), "el Fasher")?.country, "SD");
    // a movement's name is no place
    assert.deepEqual(mentioned(placesOf("The al Qaeda leader spoke on Monday.", [])), []);
  });

  test("a Persian 'e' joins a name: 'Kut e Abdollah'", () => {
    const places = placesOf("Floods reached Kut e Abdollah on Tuesday.", [["Kut", "LOC"], ["Abdollah", "PER"]]);
    assert.deepEqual(mentioned(places), ["Kut e Abdollah"]);
    assert.equal(places[0].country, "IR");
  });
});

describe("names joined by a possessive", () => {
  test("'Cox's Bazar' is one place, whatever the tagger made of its pieces", () => {
    const text = "Shops were looted in Cox's Bazar on Monday.";
    const places = placesOf(text, [["Cox", "LOC"], ["Bazar", "PER"]]);
    assert.deepEqual(mentioned(places), ["Cox's Bazar"]);
    assert.equal(places[0].country, "BD");
  });
});

describe("the headquarters sub-district of a district: 'X Sadar'", () => {
  test("'Jhenaidah Sadar' tagged as a person is the district Jhenaidah", () => {
    const places = placesOf("Journalists protested in front of the press club (Jhenaidah Sadar, Khulna).", [["Jhenaidah Sadar", "PER"], ["Khulna", "LOC"]]);
    assert.equal(placeFor(places, "Jhenaidah")?.country, "BD");
  });
});

describe("a well-known place's name with a possessive 's' written without its apostrophe", () => {
  test("'Mombasas old town', 'Ugandas border': the place", () => {
    const places = placesOf("Shops stayed shut in Mombasas old town on Monday. Traders crossed Ugandas border with Kenya.", [["Mombasas", "LOC"], ["Ugandas", "MISC"]]);
    assert.deepEqual(mentioned(places), ["Mombasa", "Uganda", "Kenya"]);
  });

  test("not an organisation's name, a family, or a people's plural: 'Hamas', 'the Jordans', 'Iraqis'", () => {
    const text = "Hamas issued a statement on Monday. The Jordans and Iraqis came.";
    assert.deepEqual(mentioned(placesOf(text, [["Hamas", "ORG"], ["Jordans", "MISC"], ["Iraqis", "MISC"]])), []);
  });
});

describe("places the tagger joined to something else", () => {
  test("'the Municipality of Jerez': the word for a kind of area and the name; not 'the Municipality of Jerez Council'", () => {
    const places = placesOf("A new clinic opened in the Municipality of Jerez, Zacatecas, on Monday.", [["Municipality of Jerez", "ORG"], ["Zacatecas", "LOC"]]);
    assert.equal(placeFor(places, "Jerez")?.country, "MX");
    const council = placesOf("Members of the Municipality of Jerez Council met.", [["Municipality of Jerez Council", "ORG"]]);
    assert.equal(placeFor(council, "Jerez"), undefined);
  });


  test("a place after 'in' ends an organisation's span: 'the Central Seed Store in Kasserine'", () => {
    const places = placesOf("Workers protested outside the Central Seed Store in Kasserine on Monday.", [["Central Seed Store in Kasserine", "ORG"]]);
    assert.equal(placeFor(places, "Kasserine")?.country, "TN");
  });

  test("not a numbered part of a town that shares a word with a place: 'the Central Canteen in Sector 9'", () => {
    const places = placesOf("Cooks of the Central Canteen in Sector 9 met.", [["Central Canteen in Sector", "ORG"]]);
    assert.equal(placeFor(places, "Sector"), undefined);
  });

  test("a town and its province in one place span, the comma left out: 'Ensenada Baja California'; not a name the gazetteer has whole", () => {
    const places = placesOf("Heavy rain flooded streets in Ensenada Baja California on Friday.", [["Ensenada Baja California", "LOC"]]);
    assert.deepEqual(mentioned(places), ["Ensenada", "Baja California"]);
    assert.equal(placeFor(places, "Ensenada")?.featureType, "city");
    assert.deepEqual(mentioned(placesOf("Rain fell across South Sudan on Friday.", [["South Sudan", "LOC"]])), ["South Sudan"]);
  });

  test("a road named after two places, one of which the gazetteer lacks: both are places", () => {
    const places = placesOf("A landslide closed the Zorbala-Masnaa road on Monday.", [["Zorbala-Masnaa", "LOC"]]);
    assert.deepEqual(mentioned(places), ["Zorbala", "Masnaa"]);
    assert.equal(placeFor(places, "Masnaa")?.country, "LB");
    // not without a word for a road: one name the gazetteer lacks
    assert.deepEqual(mentioned(placesOf("Farmers in Zorbala-Masnaa protested.", [["Zorbala-Masnaa", "LOC"]])), ["Zorbala-Masnaa"]);
  });
});

describe("words that share a place's spelling but name none", () => {
  test("a word said twice, the second time in lower case, is a common noun: 'Boda boda riders'; 'Bora Bora' is a place", () => {
    assert.deepEqual(mentioned(placesOf("Boda boda riders blocked the road on Monday.", [["Boda", "LOC"]])), []);
    assert.deepEqual(mentioned(placesOf("Tourists flew to Bora Bora on Monday.", [["Bora Bora", "LOC"]])), ["Bora Bora"]);
  });
});
