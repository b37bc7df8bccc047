// The record's pure model and the store's merge and checks, under node's own test runner.
// The course manifest comes from the Python side (coprod.record.record_manifest), so both
// sides are tested against the same course.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { test } from "node:test";

import {
  computeProgress,
  debriefText,
  deidStatement,
  emptyFields,
  exportDocument,
  exportMarkdown,
  exportPlainText,
  fmtHours,
  summarise,
  validateBackup,
} from "../../coprod/static/record/model.js";
import { merge, sanitise } from "../../coprod/static/store.js";

const ROOT = new URL("../../", import.meta.url);
const python = process.env.PYTHON || "python";
const manifest = JSON.parse(
  execFileSync(
    python,
    ["-c", "import json; from coprod.record import record_manifest; print(json.dumps(record_manifest()))"],
    {
      cwd: ROOT,
      encoding: "utf-8",
    },
  ),
);
const fixture = JSON.parse(readFileSync(new URL("tests/fixtures/record.json", ROOT), "utf-8"));
const clone = (x) => structuredClone(x);

test("hours are rounded to a tenth and never shown in exponent form", () => {
  assert.equal(fmtHours(60), "1 hour");
  assert.equal(fmtHours(90), "1.5 hours");
  assert.equal(fmtHours(0), "0 hours");
});

test("each side of a scenario played to an ending counts its time", () => {
  const sc = manifest.scenarios.surgery;
  const ending = Object.keys(sc.endings)[0];
  const sides = Object.keys(sc.perspectives);
  const data = {
    version: 1,
    elements: { surgery: { kind: "scenario", state: { reached: sides.map((s) => `${s}:${ending}`) } } },
    meta: {},
  };
  // each side at the time the page gives for it, as model.py counts it
  const perSide = sides.map((s) => sc.minutes[s]);
  assert.deepEqual(
    [...perSide].sort((a, b) => a - b),
    [10, 15, 20],
  );
  const prog = computeProgress(manifest, data);
  assert.equal(prog.minutes.estimated, 45);
  assert.match(prog.parts.find((p) => p.id === "surgery").how, /15 minutes as the ward's staff nurse/);
});

test("a module marked read counts; damaged scenario state counts nothing", () => {
  const m1 = manifest.parts.find((p) => p.id === "m1-promise");
  const data = {
    version: 1,
    elements: { surgery: { kind: "scenario", state: { reached: 7 } } },
    meta: { read: { "m1-promise": "2026-12-05" } },
  };
  assert.equal(computeProgress(manifest, data).minutes.estimated, m1.minutes);
});

test("the scenario sentence names sides and endings, never choices or scores", () => {
  const part = manifest.parts.find((p) => p.id === "surgery");
  const text = debriefText(manifest, part, fixture.data.elements.surgery.state);
  assert.match(text, /^In the course's fictional case scenario “.+” I worked through the case as the /);
  // by role, never by a character's name that a confirmer could take for a real person
  for (const name of Object.values(manifest.scenarios.surgery.perspectives)) assert.ok(!text.includes(name), name);
  assert.doesNotMatch(text, /choices|touched|\+\d|-\d/);
});

test("an export has no scores, no '(left blank)' and one de-identification statement", () => {
  for (const t of manifest.templates) {
    const md = exportMarkdown(manifest, fixture.data, t.id, { today: "2026-12-05" });
    assert.doesNotMatch(md, /left blank|My choices|touched/, t.id);
    assert.equal(md.split("automatic check").length - 1, 1, t.id);
  }
  assert.match(deidStatement(true, 2), /flagged 2 passages .* I reviewed each of them and confirm/);
  assert.match(deidStatement(false, 0), /flagged nothing .* Not yet reviewed by the author/);
});

test("restore refuses a foreign, misshapen or absurd backup and says why", () => {
  const wrap = (data) => ({ format: "coprod-course-record", version: 1, data });
  assert.equal(validateBackup(wrap(fixture.data), manifest).message, "");
  const foreign = { version: 1, elements: { "budget-intro": { kind: "reflection", state: { text: "x" } } }, meta: {} };
  assert.match(validateBackup(wrap(foreign), manifest).message, /not from this course/);
  // work on the demo of "How it works" (a reference page, not a part of the record) is this course's too
  const demo = clone(fixture.data);
  demo.elements["demo-reflection"] = { kind: "reflection", state: { text: "trying it out" } };
  assert.equal(validateBackup(wrap(demo), manifest).message, "");
  const misshapen = clone(fixture.data);
  misshapen.elements.surgery.state.reached = "all";
  assert.match(validateBackup(wrap(misshapen), manifest).message, /surgery/);
  const absurd = clone(fixture.data);
  absurd.meta.log[0].minutes = 1e308;
  assert.match(validateBackup(wrap(absurd), manifest).message, /minutes/);
});

test("damaged stored data is set aside, the rest kept", () => {
  const { data, aside } = sanitise({
    version: 1,
    elements: { a: { kind: "scenario", state: { reached: 5 } }, b: { kind: "reflection", state: { text: "kept" } } },
    meta: { log: [{ minutes: 1e308, mode: "solo" }] },
  });
  assert.deepEqual(Object.keys(data.elements), ["b"]);
  assert.ok(aside.elements.a && aside.log.length === 1);
  assert.deepEqual(data.meta.log, []);
  assert.ok(sanitise({ elements: [] }).aside);
});

test("a reflection changed in two tabs keeps both versions", () => {
  const base = {
    version: 1,
    elements: { r: { kind: "reflection", state: { text: "start" }, updated: "1" } },
    meta: {},
  };
  const mine = clone(base);
  mine.elements.r.state.text = "mine";
  const theirs = clone(base);
  theirs.elements.r.state.text = "theirs";
  const out = merge(base, mine, theirs);
  assert.equal(out.elements.r.state.text, "mine");
  assert.equal(out.elements.r.state.conflict.text, "theirs");
});

test("another tab's log entry and this tab's are both kept", () => {
  const base = { version: 1, elements: {}, meta: { log: [] } };
  const mine = { ...base, meta: { log: [{ id: "a", minutes: 5, mode: "solo" }] } };
  const theirs = { ...base, meta: { log: [{ id: "b", minutes: 6, mode: "solo" }] } };
  assert.deepEqual(
    merge(base, mine, theirs).meta.log.map((e) => e.id),
    ["b", "a"],
  );
});

// The same calculations in Python (coprod/record/model.py) on the same record and course:
// the two sides must agree to the character.
const pythonSide = JSON.parse(
  execFileSync(
    python,
    [
      "-c",
      `
import json, sys
from coprod.record import model, record_manifest
m = record_manifest()
data = json.load(open("tests/fixtures/record.json", encoding="utf-8"))["data"]
today = "2026-12-05"
out = {
    "progress": model.compute_progress(m, data),
    "markdown": {t["id"]: model.export_markdown(m, data, t["id"], today=today) for t in m["templates"]},
    "document": {t["id"]: model.export_document(m, data, t["id"], today=today) for t in m["templates"]},
    "plain": {t["id"]: model.export_plain_text(m, data, t["id"], today=today) for t in m["templates"]},
    "empty": {t["id"]: [f["id"] for f in model.empty_fields(m, data, t["id"])] for t in m["templates"]},
    "summary": model.summarise(data),
    "hours": [model.fmt_hours(n) for n in (0, 2, 3, 57, 60, 89.5, 90, 150, 1e6)],
}
print(json.dumps(out))
`,
    ],
    { cwd: ROOT, encoding: "utf-8" },
  ),
);

test("hours, progress and every export agree with the Python model on the fixture", () => {
  const opts = { today: "2026-12-05" };
  assert.deepEqual(computeProgress(manifest, fixture.data), pythonSide.progress);
  assert.deepEqual(
    [0, 2, 3, 57, 60, 89.5, 90, 150, 1e6].map((n) => fmtHours(n)),
    pythonSide.hours,
  );
  assert.equal(summarise(fixture.data), pythonSide.summary);
  for (const t of manifest.templates) {
    assert.equal(exportMarkdown(manifest, fixture.data, t.id, opts), pythonSide.markdown[t.id], t.id);
    assert.deepEqual(exportDocument(manifest, fixture.data, t.id, opts), pythonSide.document[t.id], t.id);
    assert.equal(exportPlainText(manifest, fixture.data, t.id, opts), pythonSide.plain[t.id], t.id);
    assert.deepEqual(
      emptyFields(manifest, fixture.data, t.id).map((f) => f.id),
      pythonSide.empty[t.id],
      t.id,
    );
  }
});
