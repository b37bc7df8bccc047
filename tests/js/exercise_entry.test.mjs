// An exercise run on the course's site writes its summary to the course's store (exercise-entry.js), and
// the record pages read it back (journal.js exerciseEntries): what a learner did in a notebook reaches
// their journal, "Start again" takes it out, and a damaged entry never breaks the record.
import assert from "node:assert/strict";
import { test } from "node:test";

import { putEntry } from "../../coprod/static/exercise-entry.js";
import { exerciseEntries } from "../../coprod/static/record/journal.js";
import { memoryStorage, STORE_KEY, Store } from "../../coprod/static/store.js";

const MANIFEST = {
  exercises: [
    { id: "ex1", title: "Exercise 1: Where does your service sit?", href: "ex1.html", minutes: 15, entries: ["ex1"] },
    { id: "ex2", title: "Exercise 2", href: "ex2.html", minutes: 15, entries: ["ex2", "ex2-own-document"] },
    { id: "ex3", title: "Exercise 3", href: "ex3.html", minutes: 10, entries: [] },
  ],
};

function fresh() {
  const storage = memoryStorage();
  return { storage, store: new Store(storage) };
}

test("an exercise's summary is kept in the course's store and listed in the course's order", () => {
  const { storage, store } = fresh();
  assert.ok(putEntry(store, "ex2-own-document", { title: "Exercise 2 (own)", text: "# My strategy\n\n- sentence" }));
  assert.ok(putEntry(store, "ex1", { title: "Exercise 1", text: "# Where my service sits: Memory clinic" }));
  const saved = JSON.parse(storage.getItem(STORE_KEY));
  assert.equal(saved.elements.ex1.kind, "exercise");
  assert.equal(saved.elements.ex1.state.text, "# Where my service sits: Memory clinic");
  const listed = exerciseEntries(MANIFEST, new Store(storage).data);
  assert.deepEqual(
    listed.map((x) => [x.id, x.exercise.id]),
    [
      ["ex1", "ex1"],
      ["ex2-own-document", "ex2"],
    ],
  );
});

test("an empty summary (after Start again) removes the entry, and only exercise names are written", () => {
  const { storage, store } = fresh();
  putEntry(store, "ex1", { title: "Exercise 1", text: "kept" });
  assert.ok(putEntry(store, "ex1", { title: "Exercise 1", text: "" }));
  assert.equal(JSON.parse(storage.getItem(STORE_KEY)).elements.ex1, undefined);
  assert.equal(putEntry(store, "m1-reflect", { title: "x", text: "not an exercise" }), false);
  assert.equal(store.element("m1-reflect"), undefined);
});

test("a learner's summary is stored as text, whatever it holds", () => {
  const { store } = fresh();
  const text = '<img src=x onerror="alert(1)"> [link](javascript:alert(1))';
  putEntry(store, "ex1", { title: "Exercise 1", text });
  assert.equal(exerciseEntries(MANIFEST, store.data)[0].text, text);
});

test("a damaged exercise entry is set aside, not shown and not thrown away", () => {
  const storage = memoryStorage();
  storage.setItem(
    STORE_KEY,
    JSON.stringify({ version: 1, meta: {}, elements: { ex1: { kind: "exercise", state: { text: 42 } } } }),
  );
  const store = new Store(storage);
  assert.deepEqual(exerciseEntries(MANIFEST, store.data), []);
  assert.match(storage.getItem(`${STORE_KEY}:unreadable`), /"ex1"/);
});
