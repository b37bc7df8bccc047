// coprod record, what the buttons do beyond the page: copying to the
// clipboard, downloads made in this browser (nothing is sent anywhere) and
// printing only the record's document.

import { h } from "../dom.js";
import { download } from "../store.js";
import { exportDocument, exportMarkdown, hasRecord, localToday } from "./model.js";
import { anyMounted, backupObject, getStore } from "./storage.js";

export async function copyText(text) {
  try {
    if (navigator.clipboard && window.isSecureContext) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch (err) {
    // fall through to the older way
  }
  const back = document.activeElement;
  const area = h("textarea", { class: "coprod-rec-offscreen", readonly: true, "aria-hidden": "true", tabindex: "-1" });
  area.value = text;
  document.body.append(area);
  area.select();
  let ok = false;
  try {
    ok = document.execCommand("copy");
  } catch (err) {
    ok = false;
  }
  area.remove();
  if (back && back.focus) back.focus();
  return ok;
}

// The whole record as a JSON backup file; returns the file's name.
export function downloadBackup(manifest, data) {
  const filename = `coprod-record-${localToday()}.json`;
  download(filename, JSON.stringify(backupObject(manifest, data), null, 2), "application/json");
  return filename;
}

// One export as a Markdown file; returns the file's name.
export function downloadMarkdown(manifest, data, templateId) {
  const text = exportMarkdown(manifest, data, templateId);
  const filename = `${templateId}-${localToday()}.md`;
  download(filename, text, "text/markdown;charset=utf-8");
  return filename;
}

// One export as a Word file; resolves to the file's name. The Word module and
// the docx library it loads are fetched from this site only now, when asked.
export async function downloadWord(manifest, data, templateId) {
  const { DOCX_TYPE, exportDocx } = await import("./docx.js");
  const blob = await exportDocx(exportDocument(manifest, data, templateId));
  const filename = `${templateId}-${localToday()}.docx`;
  download(filename, blob, DOCX_TYPE);
  return filename;
}

// Printing: when this browser holds a record, print only the record's
// document (.coprod-rec-print); with no record (or for the course's PDF),
// print the page's text with each view's readable fallback.
export function beforePrint() {
  const store = getStore();
  if (anyMounted() && hasRecord(store.data) && document.querySelector(".coprod-rec-print")) {
    document.documentElement.classList.add("coprod-rec-printing");
  }
}

export function afterPrint() {
  document.documentElement.classList.remove("coprod-rec-printing");
}
