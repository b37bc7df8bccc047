// coprod record: the learner's CPD record, built from what the course keeps in
// this browser (store.js). The entry module the record pages load: it mounts
// each <div class="coprod-record" data-view="..."> (with a JSON manifest of the
// course written by coprod/record/manifest.py) with its view from record/.
//
//   record/model.js     pure calculations (hours, exports, backup checks); mirrors coprod/record/model.py
//   record/storage.js   the record's use of store.js, and the registry of mounted views
//   record/actions.js   clipboard, downloads and printing
//   record/ui.js        the announcer and heading levels
//   record/<view>.js    progress, log, journal, exports, backup (with restore and clear), statement
//
// Rules: learner text is only ever inserted as text nodes or form values
// (never innerHTML); nothing is sent anywhere.

import { h } from "./dom.js";
import { afterPrint, beforePrint } from "./record/actions.js";
import { viewBackup, viewClear, viewRestore } from "./record/backup.js";
import { viewExports } from "./record/exports.js";
import { viewJournal } from "./record/journal.js";
import { viewLog } from "./record/log.js";
import { viewProgress } from "./record/progress.js";
import { viewStatement } from "./record/statement.js";
import { getStore, pageWarning, refreshAll, register } from "./record/storage.js";
import { announcer } from "./record/ui.js";

const VIEWS = {
  progress: viewProgress,
  log: viewLog,
  journal: viewJournal,
  exports: viewExports,
  backup: viewBackup,
  restore: viewRestore,
  clear: viewClear,
  statement: viewStatement,
};

export function mountRecords(scope = document) {
  const store = getStore();
  for (const root of scope.querySelectorAll(".coprod-record[data-view]:not([data-coprod-mounted])")) {
    const view = root.getAttribute("data-view");
    const dataNode = root.querySelector("script.coprod-rec-data");
    if (!VIEWS[view] || !dataNode) continue;
    let manifest;
    try {
      manifest = JSON.parse(dataNode.textContent);
    } catch (err) {
      continue; // the readable fallback stays visible
    }
    root.setAttribute("data-coprod-mounted", "");
    const level = Math.max(2, Math.min(5, Number(root.getAttribute("data-heading")) || 2));
    const live = announcer();
    const body = h("div", { class: "coprod-rec-body" });
    const host = h("div", { class: "coprod-rec-live" });
    pageWarning(store, root, manifest.course.title);
    host.append(body, live);
    root.append(host);
    root.classList.add("coprod-rec-js");
    const ctx = { manifest, store, level, body, live, idp: `coprod-rec-${view}`, self: null };
    const entry = { root, refresh: null };
    ctx.self = entry;
    entry.refresh = VIEWS[view](ctx);
    register(entry);
  }
}

if (typeof document !== "undefined" && !globalThis.__coprodNoAutoMount) {
  getStore().onChange(() => refreshAll());
  window.addEventListener("beforeprint", beforePrint);
  window.addEventListener("afterprint", afterPrint);
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", () => mountRecords());
  else mountRecords();
}
