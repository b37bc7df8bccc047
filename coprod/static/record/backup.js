// coprod record, the Backup, Restore and Clear views: download the whole
// record, replace it from a backup file (checked by model.js validateBackup
// first, and only after the learner confirms), and delete it.

import { h } from "../dom.js";
import { isObj } from "../store.js";
import { downloadBackup } from "./actions.js";
import { fmtDate, MAX_FILE_BYTES, plural, summarise, validateBackup } from "./model.js";
import { refreshAll } from "./storage.js";
import { hx, say } from "./ui.js";

export function viewBackup(ctx) {
  const { manifest, store, body, live } = ctx;
  const summary = h("p", { class: "coprod-rec-summary" });
  const status = h("p", { class: "coprod-rec-status", role: "status", "aria-live": "polite" });
  const draw = () => {
    summary.textContent = `Your record in this browser holds ${summarise(store.data)}.`;
  };
  body.replaceChildren(
    summary,
    h(
      "div",
      { class: "coprod-rec-toolbar" },
      h(
        "button",
        {
          type: "button",
          class: "coprod-rec-btn coprod-rec-primary",
          onclick: () => {
            const filename = downloadBackup(manifest, store.data);
            status.textContent = `Downloaded ${filename}. Keep it somewhere private: it holds everything you wrote.`;
          },
        },
        "Download my record (JSON file)",
      ),
    ),
    status,
  );
  draw();
  return draw;
}

export function viewRestore(ctx) {
  const { manifest, store, body, live, idp, level } = ctx;
  const input = h("input", {
    type: "file",
    id: `${idp}-file`,
    accept: ".json,application/json",
    "aria-describedby": `${idp}-file-help`,
  });
  const message = h("div", { class: "coprod-rec-message", tabindex: "-1" });
  const status = h("p", { class: "coprod-rec-status", role: "status", "aria-live": "polite" });
  let pending = null;

  function fail(text) {
    pending = null;
    message.replaceChildren(
      h("p", { class: "coprod-rec-error", role: "alert" }, text, " Nothing in this browser has changed."),
    );
    input.value = "";
  }

  input.addEventListener("change", async () => {
    message.replaceChildren();
    status.textContent = "";
    const file = input.files && input.files[0];
    if (!file) return;
    if (file.size > MAX_FILE_BYTES) return fail("This file is too big to be a course record.");
    let obj;
    try {
      obj = JSON.parse(await file.text());
    } catch (err) {
      return fail("This file is not a course record: it could not be read as a JSON file.");
    }
    const { data, message: problem } = validateBackup(obj, manifest);
    if (!data) return fail(problem);
    pending = structuredClone(data);
    if (!isObj(pending.meta)) pending.meta = {};
    const made = obj.exported ? fmtDate(obj.exported) : "";
    const title = `${idp}-confirm-h`;
    message.replaceChildren(
      h(
        "div",
        { class: "coprod-rec-confirm", role: "group", "aria-labelledby": title },
        h(hx(level, 0), { id: title, tabindex: "-1" }, "Replace your record with this backup?"),
        h("p", {}, `The backup${made ? ` made on ${made}` : ""} holds ${summarise(pending)}.`),
        h("p", {}, `This browser holds ${summarise(store.data)} now. Restoring replaces all of it.`),
        h(
          "div",
          { class: "coprod-rec-toolbar" },
          h(
            "button",
            {
              type: "button",
              class: "coprod-rec-btn coprod-rec-primary",
              onclick: () => {
                store.replaceAll(pending);
                pending = null;
                input.value = "";
                message.replaceChildren();
                refreshAll(ctx.self);
                status.textContent = store.ok
                  ? `Restored. Your record now holds ${summarise(store.data)}.`
                  : `Restored on this page, but this browser could not save it: ${store.problem}`;
                input.focus();
              },
            },
            "Replace my record with this backup",
          ),
          h(
            "button",
            {
              type: "button",
              class: "coprod-rec-btn",
              onclick: () => {
                pending = null;
                input.value = "";
                message.replaceChildren();
                status.textContent = "Cancelled. Nothing has changed.";
                input.focus();
              },
            },
            "Cancel",
          ),
        ),
      ),
    );
    message.querySelector(`#${CSS.escape(title)}`).focus();
  });

  body.replaceChildren(
    h(
      "div",
      { class: "coprod-rec-formrow" },
      h("label", { for: input.id }, "Choose a backup file"),
      h(
        "p",
        { id: `${idp}-file-help`, class: "coprod-rec-help" },
        "A .json file you downloaded from this page. You will be asked before anything is replaced.",
      ),
      input,
    ),
    message,
    status,
  );
  return () => {};
}

// The exercises' browser version (JupyterLite, published on the same site) keeps the learner's notebooks,
// work files and settings in IndexedDB databases whose names begin "JupyterLite Storage". They are course
// data too, so "delete everything" deletes them. Resolves to how many were deleted and how many are
// waiting for an open exercise tab to close; null where the browser cannot list its databases.
export const LITE_STORAGE_PREFIX = "JupyterLite Storage";
export async function clearLiteStorage(idb = globalThis.indexedDB) {
  if (!idb || typeof idb.databases !== "function") return null;
  let names;
  try {
    names = (await idb.databases()).map((d) => d.name).filter((n) => n?.startsWith(LITE_STORAGE_PREFIX));
  } catch (_err) {
    return null;
  }
  const results = await Promise.all(
    names.map(
      (name) =>
        new Promise((resolve) => {
          const req = idb.deleteDatabase(name);
          req.onsuccess = () => resolve("deleted");
          req.onerror = () => resolve("failed");
          // an open exercise tab holds it; the browser deletes it once that tab closes
          req.onblocked = () => resolve("blocked");
        }),
    ),
  );
  return {
    deleted: results.filter((r) => r === "deleted").length,
    waiting: results.filter((r) => r === "blocked").length,
    failed: results.filter((r) => r === "failed").length,
  };
}

// What "delete everything" says once done: `left` stored items the browser kept, `lite` from clearLiteStorage.
function deletedMessage(left, lite) {
  const kept = left + (lite ? lite.failed : 0);
  if (kept) {
    return `This browser would not delete all of it: ${plural(kept, "stored item")} from this course ${kept === 1 ? "is" : "are"} still there. Clear this site's data in your browser's settings to remove ${kept === 1 ? "it" : "them"}.`;
  }
  if (lite?.waiting) {
    return "Deleted, except your exercise work in the browser version: an exercise is open in another tab. It is deleted as soon as you close that tab.";
  }
  if (lite === null) {
    return "Deleted your record. This browser cannot list what the browser version of the exercises keeps: if you used it, clear this site's data in your browser's settings to remove that work too.";
  }
  return "Deleted. Nothing from this course is stored in this browser now.";
}

export function viewClear(ctx) {
  const { manifest, store, body, live, idp, level } = ctx;
  const status = h("p", { class: "coprod-rec-status", role: "status", "aria-live": "polite", tabindex: "-1" });
  const panel = h("div", { class: "coprod-rec-message" });
  const start = h(
    "button",
    {
      type: "button",
      class: "coprod-rec-btn coprod-rec-danger",
      "aria-expanded": "false",
      onclick: () => {
        const title = `${idp}-confirm-h`;
        start.setAttribute("aria-expanded", "true");
        panel.replaceChildren(
          h(
            "div",
            { class: "coprod-rec-confirm", role: "group", "aria-labelledby": title },
            h(hx(level, 0), { id: title, tabindex: "-1" }, "Delete everything?"),
            h(
              "p",
              {},
              `This deletes ${summarise(store.data)}, your name, your export drafts and any exercise work saved in the browser version of the exercises from this browser. It cannot be undone. Close any other course pages and exercise tabs first, or they may save their part again.`,
            ),
            h(
              "div",
              { class: "coprod-rec-toolbar" },
              h(
                "button",
                {
                  type: "button",
                  class: "coprod-rec-btn",
                  onclick: () => {
                    downloadBackup(manifest, store.data);
                    say(live, "Backup downloaded. You can now delete everything, or cancel.");
                  },
                },
                "Download a backup first",
              ),
              h(
                "button",
                {
                  type: "button",
                  class: "coprod-rec-btn coprod-rec-danger",
                  onclick: async () => {
                    const left = store.clearAll();
                    panel.replaceChildren();
                    start.setAttribute("aria-expanded", "false");
                    refreshAll(ctx.self);
                    status.textContent = "Deleting…";
                    status.focus();
                    status.textContent = deletedMessage(left.length, await clearLiteStorage());
                  },
                },
                "Yes, delete everything",
              ),
              h(
                "button",
                {
                  type: "button",
                  class: "coprod-rec-btn",
                  onclick: () => {
                    panel.replaceChildren();
                    start.setAttribute("aria-expanded", "false");
                    status.textContent = "Cancelled. Nothing has been deleted.";
                    start.focus();
                  },
                },
                "Cancel",
              ),
            ),
          ),
        );
        panel.querySelector(`#${CSS.escape(title)}`).focus();
      },
    },
    "Delete all my course data from this browser",
  );
  body.replaceChildren(h("div", { class: "coprod-rec-toolbar" }, start), panel, status);
  return () => {};
}
