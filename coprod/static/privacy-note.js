// A warn-only note under a text box: what in the learner's text may identify
// someone. The check itself (deid.js, with its pattern file) is passed in by the
// page, so that this module stays free of imports the notebook widget cannot
// inline; without a check (in Jupyter) the note never shows.

import { h } from "./dom.js";

// Each stretch of text once, though two patterns may match it (an NHS and a CHI number).
export function distinctFindings(found) {
  return found.filter((x, i) => found.findIndex((y) => y.text === x.text) === i);
}

export function privacyNote(id, check, className = "coprod-warning coprod-privacy") {
  const el = h("p", { id, class: className, hidden: true });
  function update(text) {
    const found = check ? check(String(text || "")) : [];
    if (!found.length) {
      el.hidden = true;
      el.textContent = "";
      return;
    }
    const quoted = distinctFindings(found).map((x) => `“${x.text}”${x.note ? " (a course character)" : ""}`);
    const shown = quoted.slice(0, 6).join(", ") + (quoted.length > 6 ? ` and ${quoted.length - 6} more` : "");
    el.textContent =
      `This may identify someone: ${shown}. Anything you share as a record must identify nobody, ` +
      "so change it if it could. This is a check, not a block: your text is saved as you wrote it.";
    el.hidden = false;
  }
  return { el, update };
}
