// coprod record, the Log view: time the learner spent beyond the course's own
// estimate, solo or participatory, added through a form and listed in a table.

import { h } from "../dom.js";
import { isObj } from "../store.js";
import { fmtDate, localToday, partOf, plural } from "./model.js";
import { safePersist } from "./storage.js";
import { say } from "./ui.js";

export function viewLog(ctx) {
  const { manifest, store, level, body, live, idp } = ctx;
  const err = {};
  const field = (id, label, input, help) => {
    err[id] = h("p", { id: `${idp}-${id}-err`, class: "coprod-rec-error", hidden: true });
    input.id = `${idp}-${id}`;
    const described = [help ? `${idp}-${id}-help` : null, `${idp}-${id}-err`].filter(Boolean).join(" ");
    input.setAttribute("aria-describedby", described);
    return h(
      "div",
      { class: "coprod-rec-formrow" },
      h("label", { for: input.id }, label),
      help ? h("p", { id: `${idp}-${id}-help`, class: "coprod-rec-help" }, help) : null,
      input,
      err[id],
    );
  };
  const date = h("input", { type: "date", required: true, value: localToday() });
  const what = h("input", { type: "text", required: true, maxlength: 300, autocomplete: "off" });
  const minutes = h("input", { type: "number", required: true, min: 1, max: 1440, step: 1, inputmode: "numeric" });
  const modeName = `${idp}-mode`;
  const modeSolo = h("input", { type: "radio", name: modeName, id: `${idp}-mode-solo`, value: "solo" });
  const modePart = h("input", { type: "radio", name: modeName, id: `${idp}-mode-part`, value: "participatory" });
  err.mode = h("p", { id: `${idp}-mode-err`, class: "coprod-rec-error", hidden: true });
  const part = h(
    "select",
    {},
    h("option", { value: "" }, "None: time beyond the course's own parts"),
    manifest.parts.map((p) => h("option", { value: p.id }, p.label)),
  );
  const form = h(
    "form",
    { class: "coprod-rec-form", novalidate: true, "aria-label": "Log time you spent" },
    field("date", "Date", date),
    field(
      "what",
      "What you did",
      what,
      "For example: a team workshop on the policing scenario; further reading on the Mental Capacity Act. Leave out names of people.",
    ),
    field("minutes", "Time spent, in minutes", minutes),
    h(
      "fieldset",
      { class: "coprod-rec-fieldset", "aria-describedby": `${idp}-mode-err` },
      h("legend", {}, "On your own or with others?"),
      h(
        "div",
        { class: "coprod-rec-choice" },
        modeSolo,
        h("label", { for: modeSolo.id }, "On my own (solo): reading, study, writing"),
      ),
      h(
        "div",
        { class: "coprod-rec-choice" },
        modePart,
        h(
          "label",
          { for: modePart.id },
          "With other professionals (participatory): a workshop, a group discussion, an online session",
        ),
      ),
      err.mode,
    ),
    field(
      "part",
      "Part of the course it covers (optional)",
      part,
      "If you choose a part, this time replaces the course's estimate for it, so the same time is not counted twice.",
    ),
    h(
      "div",
      { class: "coprod-rec-toolbar" },
      h("button", { type: "submit", class: "coprod-rec-btn coprod-rec-primary" }, "Add to my log"),
    ),
  );
  const listBox = h("div", { class: "coprod-rec-print coprod-rec-visible" });

  function setError(key, input, message) {
    err[key].textContent = message;
    err[key].hidden = !message;
    for (const i of input) {
      if (message) i.setAttribute("aria-invalid", "true");
      else i.removeAttribute("aria-invalid");
    }
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const problems = [];
    const d = date.value;
    setError("date", [date], fmtDate(d) ? "" : "Enter the date, for example 12/05/2026.");
    if (!fmtDate(d)) problems.push(date);
    const w = what.value.trim();
    setError("what", [what], w ? "" : "Say briefly what you did.");
    if (!w) problems.push(what);
    const n = Number(minutes.value);
    const okMinutes = minutes.value.trim() !== "" && Number.isInteger(n) && n >= 1 && n <= 1440;
    setError("minutes", [minutes], okMinutes ? "" : "Enter a whole number of minutes from 1 to 1440.");
    if (!okMinutes) problems.push(minutes);
    const mode = modeSolo.checked ? "solo" : modePart.checked ? "participatory" : "";
    setError("mode", [modeSolo, modePart], mode ? "" : "Choose on your own or with others.");
    if (!mode) problems.push(modeSolo);
    if (problems.length) {
      say(live, `The entry was not added: ${plural(problems.length, "answer")} to correct.`);
      problems[0].focus();
      return;
    }
    store.data.meta ||= {};
    const meta = store.data.meta;
    meta.log = Array.isArray(meta.log) ? meta.log : [];
    const entry = {
      id: "e" + Date.now().toString(36) + Math.random().toString(36).slice(2, 6),
      date: d,
      what: w,
      minutes: n,
      mode,
    };
    if (part.value) entry.part = part.value;
    meta.log.push(entry);
    safePersist(store);
    what.value = "";
    minutes.value = "";
    modeSolo.checked = false;
    modePart.checked = false;
    part.value = "";
    draw();
    say(live, `Added to your log: ${w}, ${n} minutes, ${mode}.`);
    what.focus();
  });

  function remove(entry, index) {
    const log = store.data.meta.log;
    const at = log.indexOf(entry);
    if (at < 0) return;
    log.splice(at, 1);
    safePersist(store);
    draw();
    say(live, `Removed from your log: ${entry.what}.`);
    const buttons = listBox.querySelectorAll("button");
    const target = buttons[Math.min(index, buttons.length - 1)] || listBox.querySelector("[tabindex='-1']");
    if (target) target.focus();
  }

  function draw() {
    const log = ((store.data.meta || {}).log || []).filter(isObj);
    if (!log.length) {
      listBox.replaceChildren(
        h("p", { class: "coprod-rec-empty", tabindex: "-1" }, "You have not logged any time yet."),
      );
      return;
    }
    const sorted = [...log].sort((a, b) => String(a.date).localeCompare(String(b.date)));
    listBox.replaceChildren(
      h(
        "table",
        { class: "coprod-rec-table coprod-rec-log" },
        h("caption", {}, "Time you have logged"),
        h(
          "thead",
          {},
          h(
            "tr",
            {},
            h("th", { scope: "col" }, "Date"),
            h("th", { scope: "col" }, "What you did"),
            h("th", { scope: "col" }, "Minutes"),
            h("th", { scope: "col" }, "Solo or participatory"),
            h("th", { scope: "col" }, "Part of the course"),
            h(
              "th",
              { scope: "col", class: "coprod-rec-noprint" },
              h("span", { class: "coprod-rec-sr-only" }, "Remove"),
            ),
          ),
        ),
        h(
          "tbody",
          {},
          sorted.map((e, i) =>
            h(
              "tr",
              {},
              h("td", {}, fmtDate(e.date)),
              h("td", {}, String(e.what || "")),
              h("td", {}, String(e.minutes)),
              h("td", {}, e.mode === "participatory" ? "Participatory" : "Solo"),
              h("td", {}, e.part && partOf(manifest, e.part) ? partOf(manifest, e.part).label : "None"),
              h(
                "td",
                { class: "coprod-rec-noprint" },
                h(
                  "button",
                  {
                    type: "button",
                    class: "coprod-rec-btn coprod-rec-small",
                    onclick: () => remove(e, i),
                    "aria-label": `Remove: ${fmtDate(e.date)}, ${e.what}`,
                  },
                  "Remove",
                ),
              ),
            ),
          ),
        ),
      ),
    );
  }
  body.replaceChildren(form, listBox);
  draw();
  return draw;
}
