// The Word export module (coprod/static/record/docx.js) under node's own test runner,
// with the docx library from node_modules (the same file the build copies to the site).
import assert from "node:assert/strict";
import { test } from "node:test";
import * as docx from "docx";

import { DOCX_TYPE, exportDocx, paragraphsOf, xmlSafe } from "../../coprod/static/record/docx.js";

const sample = {
  title: "NMC reflective account",
  note: "Follows the NMC's written reflective account form.",
  meta: [
    ["Course", "Co-production"],
    ["Name", ""],
    ["Prepared", "5 December 2026"],
  ],
  sections: [
    { heading: "What you learnt", body: "First paragraph.\n\nSecond & <last>." },
    { heading: "Empty", body: "  " },
  ],
  closing: ["The check flagged nothing.", "A self-declared record."],
};

test("an export becomes a Word file: a zip with the Word type", async () => {
  const blob = await exportDocx(sample, docx);
  assert.equal(blob.type, DOCX_TYPE);
  const bytes = new Uint8Array(await blob.arrayBuffer());
  assert.deepEqual([...bytes.slice(0, 2)], [0x50, 0x4b]); // "PK": a zip, as .docx files are
  assert.ok(bytes.length > 2000);
});

test("text is split into paragraphs at blank lines and keeps its single line breaks", () => {
  assert.deepEqual(paragraphsOf("a\nb\n\n\nc  \n"), [["a", "b"], ["c"]]);
  assert.deepEqual(paragraphsOf(" \n \n"), []);
  assert.deepEqual(paragraphsOf("x\r\ny"), [["x", "y"]]);
});

test("characters a Word file cannot hold are dropped, everything else is kept", () => {
  assert.equal(xmlSafe("a\u0000b\u0007c\u000Bd"), "abcd");
  assert.equal(xmlSafe("bad \uD800 surrogate"), "bad  surrogate");
  assert.equal(xmlSafe("Siobhán 😀 <&> “quotes”\ttab"), "Siobhán 😀 <&> “quotes”\ttab");
});

test("a failed load of the library is reported, and a later call can try again", async () => {
  const { loadDocx } = await import("../../coprod/static/record/docx.js");
  // in the source tree there is no vendor copy (the build makes it), so the import fails
  await assert.rejects(loadDocx());
  await assert.rejects(loadDocx());
});
