// coprod record, the Statement view: a printable, self-declared statement of
// participation with the learner's name, what they completed and the hours.

import { h } from "../dom.js";
import { activityDates, computeProgress, fmtDate, fmtHours, localToday, partOf } from "./model.js";
import { hx } from "./ui.js";

export function viewStatement(ctx) {
  const { manifest, store, level, body, live, idp } = ctx;
  const nameInput = h("input", {
    type: "text",
    id: `${idp}-name`,
    autocomplete: "name",
    maxlength: 120,
    "aria-describedby": `${idp}-name-help`,
  });
  nameInput.value = String((store.data.meta || {}).name || "");
  const saved = h("span", { class: "coprod-rec-meta", role: "status", "aria-live": "polite" });
  const doc = h("article", {
    class: "coprod-rec-print coprod-rec-visible coprod-rec-statement",
    "aria-labelledby": `${idp}-st-h`,
  });
  nameInput.addEventListener("input", () => {
    store.data.meta ||= {};
    const meta = store.data.meta;
    meta.name = nameInput.value;
    store.persist();
    draw();
  });
  nameInput.addEventListener("change", () => {
    saved.textContent = store.ok ? "Name saved on this device." : "Name kept on this page only.";
  });

  function draw() {
    const prog = computeProgress(manifest, store.data);
    const m = prog.minutes;
    const name = String((store.data.meta || {}).name || "").trim();
    const list = (items, none) =>
      items.length
        ? h(
            "ul",
            {},
            items.map((x) => h("li", {}, x)),
          )
        : h("p", {}, none);
    doc.replaceChildren(
      h(hx(level, 0), { id: `${idp}-st-h` }, "Statement of participation"),
      h(
        "p",
        { class: "coprod-rec-st-lead" },
        name ? h("strong", {}, name) : h("span", { class: "coprod-rec-blank" }, "(your name)"),
        ` took part in the online CPD course “${manifest.course.title}”.`,
      ),
      h(hx(level, 1), {}, "Modules completed"),
      list(prog.modules_done, "None yet."),
      h(hx(level, 1), {}, "Case scenarios completed"),
      list(
        prog.parts.filter((p) => p.kind === "scenario" && p.status === "done").map((p) => partOf(manifest, p.id).title),
        "None yet.",
      ),
      h(
        "p",
        {},
        `Self-checks attempted: ${prog.selfchecks_attempted} of ${prog.selfchecks}. Reflections written: ${prog.reflections_written} of ${prog.reflections}.`,
      ),
      h(hx(level, 1), {}, "Hours"),
      h(
        "table",
        { class: "coprod-rec-table" },
        h("caption", { class: "coprod-rec-sr-only" }, "Hours"),
        h(
          "tbody",
          {},
          h(
            "tr",
            {},
            h("th", { scope: "row" }, "Course's estimate for the parts completed (solo)"),
            h("td", {}, fmtHours(m.estimated)),
          ),
          h(
            "tr",
            {},
            h("th", { scope: "row" }, "Time logged by the learner, solo"),
            h("td", {}, fmtHours(m.logged_solo)),
          ),
          h(
            "tr",
            {},
            h("th", { scope: "row" }, "Time logged by the learner, participatory"),
            h("td", {}, fmtHours(m.logged_participatory)),
          ),
          h(
            "tr",
            {},
            h("th", { scope: "row" }, "Total"),
            h("td", {}, `${fmtHours(m.total)} (${fmtHours(m.solo)} solo, ${fmtHours(m.participatory)} participatory)`),
          ),
        ),
      ),
      // replaceChildren() writes null as the text "null": nothing at all when nothing is recorded yet
      ...(prog.first ? [h("p", {}, activityDates(prog))] : []),
      h("p", {}, `Date of this statement: ${fmtDate(localToday())}.`),
      h(
        "p",
        { class: "coprod-rec-disclaimer" },
        h("strong", {}, "This is a self-declared record of participation, not accreditation. "),
        "The learner made it in their own browser from their own use of the course. The course does not assess, verify or accredit it, and the hours are the course's estimates plus time the learner logged.",
      ),
      h("p", { class: "coprod-rec-sign" }, "Signed: ______________________________"),
    );
  }

  body.replaceChildren(
    h(
      "div",
      { class: "coprod-rec-formrow coprod-rec-noprint" },
      h("label", { for: nameInput.id }, "Your name, as it should appear on the statement"),
      h(
        "p",
        { id: `${idp}-name-help`, class: "coprod-rec-help" },
        "Saved in this browser with the rest of your record. Leave it empty to write your name by hand.",
      ),
      nameInput,
      saved,
    ),
    h(
      "div",
      { class: "coprod-rec-toolbar coprod-rec-noprint" },
      h(
        "button",
        { type: "button", class: "coprod-rec-btn coprod-rec-primary", onclick: () => window.print() },
        "Print or save as PDF",
      ),
    ),
    doc,
  );
  draw();
  return () => {
    if (document.activeElement !== nameInput) {
      nameInput.value = String((store.data.meta || {}).name || "");
      draw();
    }
  };
}
