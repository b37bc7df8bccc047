// coprod record: an export as a Word document (.docx), made in this browser.
//
// The document is built by the `docx` library (MIT; pinned in package.json),
// whose self-contained browser build the book build copies from node_modules
// into _static/coprod/vendor/docx.mjs with its licence. It is loaded only when
// the learner asks for a Word file (a dynamic import), from the course's own
// site: no request goes to any other host, and nothing is sent anywhere.
//
// Input: the same export the Markdown download writes, as plain data:
//   { title, note, meta: [[label, value], ...],
//     sections: [{ heading, body }], closing: [text, ...] }
// Output: a Blob of a .docx with a title, plain styles (one sans-serif font,
// 12 pt, real Word headings for each field) that Word and the phone apps open.

export const DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
export const LIBRARY_URL = new URL("../vendor/docx.mjs", import.meta.url).href;

let loading = null;

// The library, loaded once, on first use.
export function loadDocx() {
  loading ||= import(LIBRARY_URL).catch((err) => {
    loading = null;
    throw err;
  });
  return loading;
}

// Characters XML 1.0 cannot hold (control characters other than tab and line
// breaks, lone surrogates, U+FFFE and U+FFFF): a pasted one would make Word
// refuse the whole file, so they are dropped.
function xmlChar(ch) {
  const c = ch.codePointAt(0);
  if (c < 0x20) return c === 0x09 || c === 0x0a || c === 0x0d;
  if (c >= 0xd800 && c <= 0xdfff) return false; // a lone surrogate (pairs come whole from the iterator)
  return c !== 0xfffe && c !== 0xffff;
}

export function xmlSafe(text) {
  return Array.from(String(text ?? "").replace(/\r\n?/g, "\n"))
    .filter(xmlChar)
    .join("");
}

// A field's text as paragraphs (split at blank lines), each a list of lines.
export function paragraphsOf(text) {
  return xmlSafe(text)
    .trim()
    .split(/\n[ \t]*\n+/)
    .map((p) => p.split("\n").map((line) => line.replace(/\s+$/, "")))
    .filter((lines) => lines.some((line) => line.trim()));
}

const FONT = "Arial";
const GREY = "404040";

function lineRuns(lib, lines, run = {}) {
  return lines.map((line, i) => new lib.TextRun({ text: line, break: i ? 1 : 0, ...run }));
}

// The Document for one export (exported for tests; most callers want exportDocx).
export function exportDocument(lib, doc) {
  const children = [
    new lib.Paragraph({ heading: lib.HeadingLevel.TITLE, children: [new lib.TextRun(xmlSafe(doc.title))] }),
  ];
  if (doc.note)
    children.push(
      new lib.Paragraph({ children: [new lib.TextRun({ text: xmlSafe(doc.note), italics: true, color: GREY })] }),
    );
  for (const [label, value] of doc.meta || []) {
    if (!String(value ?? "").trim()) continue;
    children.push(
      new lib.Paragraph({
        spacing: { after: 60 },
        children: [new lib.TextRun({ text: `${xmlSafe(label)}: `, bold: true }), new lib.TextRun(xmlSafe(value))],
      }),
    );
  }
  for (const section of doc.sections || []) {
    const paras = paragraphsOf(section.body);
    if (!paras.length) continue; // an empty field is named on the page, never written as "(left blank)"
    children.push(
      new lib.Paragraph({ heading: lib.HeadingLevel.HEADING_1, children: [new lib.TextRun(xmlSafe(section.heading))] }),
    );
    for (const lines of paras) children.push(new lib.Paragraph({ children: lineRuns(lib, lines) }));
  }
  if ((doc.closing || []).length) {
    children.push(
      new lib.Paragraph({
        border: { top: { style: lib.BorderStyle.SINGLE, size: 6, color: "808080", space: 8 } },
        spacing: { before: 360 },
        children: lineRuns(lib, paragraphsOf(doc.closing[0]).flat(), { color: GREY }),
      }),
    );
    for (const text of doc.closing.slice(1))
      children.push(new lib.Paragraph({ children: lineRuns(lib, paragraphsOf(text).flat(), { color: GREY }) }));
  }
  const cm = (n) => Math.round(n * 567); // twentieths of a point
  return new lib.Document({
    title: xmlSafe(doc.title),
    description: xmlSafe(doc.note || ""),
    creator: "",
    lastModifiedBy: "",
    styles: {
      default: {
        document: {
          run: { font: FONT, size: 24, language: { value: "en-GB" } },
          paragraph: { spacing: { after: 160, line: 300 } },
        },
        title: { run: { font: FONT, size: 36, bold: true, color: "000000" }, paragraph: { spacing: { after: 200 } } },
        heading1: {
          run: { font: FONT, size: 28, bold: true, color: "000000" },
          paragraph: { spacing: { before: 320, after: 120 }, keepNext: true },
        },
      },
    },
    sections: [
      {
        properties: {
          page: {
            size: { width: cm(21), height: cm(29.7) },
            margin: { top: cm(2), bottom: cm(2), left: cm(2), right: cm(2) },
          },
        },
        children,
      },
    ],
  });
}

// The export as a .docx Blob. `lib` is the docx module; by default the copy
// served beside this file, loaded now if it is not loaded yet.
export async function exportDocx(doc, lib = null) {
  const docx = lib || (await loadDocx());
  const blob = await docx.Packer.toBlob(exportDocument(docx, doc));
  return blob.type === DOCX_TYPE ? blob : new Blob([blob], { type: DOCX_TYPE });
}
