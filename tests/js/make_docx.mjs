// Writes one export as a .docx with the course's own module (coprod/static/record/docx.js)
// and the docx library from node_modules, for tests/test_docx.py to open with zipfile.
//   node tests/js/make_docx.mjs OUT.docx < export.json
import { readFileSync, writeFileSync } from "node:fs";
import * as docx from "docx";

import { exportDocx } from "../../coprod/static/record/docx.js";

const doc = JSON.parse(readFileSync(0, "utf-8"));
const blob = await exportDocx(doc, docx);
writeFileSync(process.argv[2], Buffer.from(await blob.arrayBuffer()));
