// The de-identification check in JavaScript (coprod/static/deid.js) against the
// corpus, and against the Python side (coprod/privacy), which reads the same
// pattern file: both must find exactly the same stretches of text.
// Run with: node --test tests/js/   (needs the project's Python on PATH, or PYTHON=...)

import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import { CHARACTER_NOTE, findIdentifying } from "../../coprod/static/deid.js";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));

// The corpus keeps one sentence a line in two forms: `- {kind: K, text: "..."}` and `- "..."`
// (YAML double-quoted strings use JSON's escapes for what the corpus contains).
function loadCorpus() {
  const out = {};
  let section = null;
  for (const line of readFileSync(ROOT + "tests/deid_corpus.yml", "utf8").split("\n")) {
    const head = /^([a-z_]+):\s*$/.exec(line);
    if (head) {
      section = out[head[1]] = [];
      continue;
    }
    const item = /^ {2}- \{kind: ([a-z-]+), text: (".*")\}\s*$/.exec(line);
    const plain = /^ {2}- (".*")\s*$/.exec(line);
    if (item) section.push({ kind: item[1], text: JSON.parse(item[2]) });
    else if (plain) section.push(JSON.parse(plain[1]));
    else assert.ok(/^\s*(#.*)?$/.test(line), `a corpus line this parser does not read: ${line}`);
  }
  return out;
}

const CORPUS = loadCorpus();
// some of the course's character names (and a title, which never counts as one), for the notes
const NAMES = ["Campbell", "Doyle", "Malik", "Okafor", "Jean", "Arthur", "Ms"];
const texts = (s) => CORPUS[s].map((i) => (typeof i === "string" ? i : i.text));

test("the corpus has at least 150 identifying and 150 innocent sentences", () => {
  assert.ok(CORPUS.identifying.length + CORPUS.held_out_identifying.length >= 150);
  assert.ok(CORPUS.innocent.length + CORPUS.held_out_innocent.length >= 150);
});

test("JavaScript finds exactly what Python finds in every corpus sentence", () => {
  const all = ["identifying", "innocent", "held_out_identifying", "held_out_innocent"].flatMap(texts);
  const python = process.env.PYTHON || "python";
  const script =
    `NAMES = ${JSON.stringify(NAMES)}\n` +
    "import json,sys\nfrom coprod.privacy import find_identifying\n" +
    "print(json.dumps([[[f.id, f.start, f.end, f.text, f.note] for f in find_identifying(t, NAMES)] for t in json.load(sys.stdin)]))";
  const py = JSON.parse(
    execFileSync(python, ["-c", script], { input: JSON.stringify(all), cwd: ROOT, encoding: "utf8" }),
  );
  const js = all.map((t) => findIdentifying(t, NAMES).map((f) => [f.id, f.start, f.end, f.text, f.note]));
  assert.equal(js.length, py.length);
  for (let i = 0; i < all.length; i++) assert.deepEqual(js[i], py[i], all[i]);
});

test("recall and false alarms meet the targets in JavaScript too", () => {
  for (const pre of ["", "held_out_"]) {
    const missed = CORPUS[pre + "identifying"].filter((i) => !findIdentifying(i.text).some((f) => f.kind === i.kind));
    const alarms = texts(pre + "innocent").filter((t) => findIdentifying(t).length);
    const recall = 1 - missed.length / CORPUS[pre + "identifying"].length;
    const falseRate = alarms.length / CORPUS[pre + "innocent"].length;
    console.log(
      `deid.js ${pre ? "held-out" : "tuning"} corpus: recall ${(100 * recall).toFixed(1)}%, false alarms ${(100 * falseRate).toFixed(1)}%`,
    );
    assert.ok(recall >= 0.95, `recall ${recall}; missed: ${missed.map((i) => i.text).join(" | ")}`);
    assert.ok(falseRate <= 0.05, `false alarms ${falseRate}: ${alarms.join(" | ")}`);
  }
});

test("a course character's name is flagged, with the note unless a bed, number or date is beside it", () => {
  const found = findIdentifying("In the scenario Mrs Campbell wanted to walk, unlike Mrs Hughes", ["Campbell", "Ms"]);
  const campbell = found.find((f) => f.text === "Mrs Campbell");
  assert.equal(campbell.note, CHARACTER_NOTE);
  assert.equal(found.find((f) => f.text === "Mrs Hughes").note, "");
  // beside a bed it is a patient: flagged, and never "fine if you mean the scenario"
  const ward = findIdentifying("Mrs Campbell, the lady in bed 4", ["Campbell"]);
  assert.ok(ward.some((f) => f.text === "Mrs Campbell"));
  assert.ok(ward.every((f) => f.note === ""));
  assert.deepEqual(
    findIdentifying("Mrs McLeod").map((f) => f.text),
    ["Mrs McLeod"],
  );
});
