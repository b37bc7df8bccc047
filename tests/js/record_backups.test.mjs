// Restoring a backup: every file in tests/fixtures/backups/ is checked by the record
// pages' own validateBackup (model.js) against the course in expected.json, and must be
// accepted or refused with exactly the message written there. tests/test_record_backups.py
// checks the same files with model.py's validate_backup, so the two sides cannot drift.
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { test } from "node:test";

import { validateBackup } from "../../coprod/static/record/model.js";

const DIR = new URL("../fixtures/backups/", import.meta.url);
const expected = JSON.parse(readFileSync(new URL("expected.json", DIR), "utf-8"));
const files = readdirSync(DIR)
  .filter((f) => f.endsWith(".json") && f !== "expected.json")
  .sort();

test("every backup fixture has its expected result, and every expected result its file", () => {
  assert.deepEqual(files, Object.keys(expected.files).sort());
  assert.ok(files.length >= 40);
});

for (const name of files) {
  test(`restore of ${name}`, () => {
    const obj = JSON.parse(readFileSync(new URL(name, DIR), "utf-8"));
    const before = JSON.stringify(obj);
    const { data, message } = validateBackup(obj, expected.course);
    assert.equal(message, expected.files[name]);
    assert.equal(data === null, message !== "");
    assert.equal(JSON.stringify(obj), before, "checking a backup changes nothing in it");
  });
}
