// coprod record, the Progress view: what the learner has done, the hours
// and how each figure was reached; a module can be marked read here.

import { h } from "../dom.js";
import { isObj } from "../store.js";
import { exerciseEntries } from "./journal.js";
import {
  activityDates,
  computeProgress,
  fmtDate,
  fmtHours,
  localToday,
  partOf,
  reachedTitles,
  stateOf,
} from "./model.js";
import { safePersist } from "./storage.js";
import { say } from "./ui.js";

export function viewProgress(ctx) {
  const { manifest, store, level, body } = ctx;
  // The exercises: what each kept in this record when run on the course's site. Their time is not counted:
  // the course cannot tell when an exercise is finished, so the learner logs it.
  function exerciseTable() {
    const list = manifest.exercises || [];
    if (!list.length) return null;
    const kept = exerciseEntries(manifest, store.data);
    return h(
      "div",
      { class: "coprod-rec-exercises" },
      h(
        "table",
        { class: "coprod-rec-table" },
        h("caption", {}, "Exercises"),
        h("thead", {}, h("tr", {}, h("th", { scope: "col" }, "Exercise"), h("th", { scope: "col" }, "In this record"))),
        h(
          "tbody",
          {},
          list.map((ex) => {
            const mine = kept.filter((x) => x.exercise.id === ex.id);
            const last = mine
              .map((x) => String(x.updated).slice(0, 10))
              .sort()
              .pop();
            const held = !ex.entries.length
              ? "Keeps nothing here (it reads your record)"
              : mine.length
                ? `In your journal, saved ${fmtDate(last)}`
                : "Not yet";
            return h(
              "tr",
              { class: mine.length ? "coprod-rec-done" : "coprod-rec-not-started" },
              h("th", { scope: "row" }, h("a", { href: ex.href }, ex.title)),
              h("td", {}, held),
            );
          }),
        ),
      ),
      h(
        "p",
        { class: "coprod-rec-meta" },
        "An exercise you run with “Run in your browser” on its page puts a summary of your work here. " +
          "Its time is not in the course's estimate, because the course cannot tell when an exercise is finished: " +
          `log the time you spent below (the pages suggest ${list
            .filter((ex) => ex.minutes)
            .map((ex) => `${ex.title.split(":")[0].toLowerCase()} about ${ex.minutes} minutes`)
            .join(", ")}).`,
      ),
    );
  }

  function draw() {
    const prog = computeProgress(manifest, store.data);
    const m = prog.minutes;
    const statusText = { done: "Done", started: "Started", "not-started": "Not started" };
    const rows = prog.parts.map((p) => {
      const part = partOf(manifest, p.id);
      const did = [];
      if (p.kind === "scenario") {
        const titles = reachedTitles(manifest, p.id, stateOf(store.data, p.id));
        did.push(titles.length ? `Endings reached: ${titles.join("; ")}` : "No ending reached yet");
      } else if (p.selfchecks) {
        did.push(p.attempted ? "Self-check attempted" : "Self-check not attempted");
      }
      if (p.reflections) did.push(`${p.written} of ${p.reflections} reflections written`);
      return h(
        "tr",
        { class: `coprod-rec-${p.status}` },
        h("th", { scope: "row" }, h("a", { href: part.href }, p.label)),
        h("td", {}, statusText[p.status]),
        h("td", {}, did.join(". ") + "."),
        h(
          "td",
          {},
          p.earned ? `${p.earned} minutes: ${p.how}` : p.how ? p.how : "Nothing yet",
          p.kind === "module" && !p.logged
            ? h(
                "div",
                { class: "coprod-rec-choice" },
                h("input", {
                  type: "checkbox",
                  id: `${ctx.idp}-read-${p.id}`,
                  checked: p.read,
                  onchange: (event) => {
                    store.data.meta ||= {};
                    const meta = store.data.meta;
                    if (!isObj(meta.read)) meta.read = {};
                    if (event.target.checked) meta.read[p.id] = localToday();
                    else delete meta.read[p.id];
                    safePersist(store);
                    draw();
                    say(
                      ctx.live,
                      event.target.checked
                        ? `${p.label} marked read: its time counts.`
                        : `${p.label} no longer marked read.`,
                    );
                    const again = document.getElementById(`${ctx.idp}-read-${p.id}`);
                    if (again) again.focus();
                  },
                }),
                h(
                  "label",
                  { for: `${ctx.idp}-read-${p.id}` },
                  "I have read this module",
                  h("span", { class: "coprod-rec-sr-only" }, `: ${p.label}`),
                ),
              )
            : null,
        ),
      );
    });
    body.replaceChildren(
      h(
        "div",
        { class: "coprod-rec-print coprod-rec-visible" },
        h("p", { class: "coprod-rec-print-only coprod-rec-print-title" }, "My CPD record: progress"),
        h(
          "p",
          { class: "coprod-rec-print-only coprod-rec-meta" },
          `${manifest.course.title} · printed ${fmtDate(localToday())}`,
        ),
        h(
          "p",
          { class: "coprod-rec-summary" },
          `You have done ${prog.modules_done.length} of ${prog.modules} modules and ${prog.scenarios_done.length} of ${prog.scenarios} case scenarios, ` +
            `attempted ${prog.selfchecks_attempted} of ${prog.selfchecks} self-checks and written ${prog.reflections_written} of ${prog.reflections} reflections.`,
        ),
        h(
          "table",
          { class: "coprod-rec-table coprod-rec-hours" },
          h("caption", {}, "Your hours"),
          h(
            "thead",
            {},
            h(
              "tr",
              {},
              h("th", { scope: "col" }, "Time"),
              h("th", { scope: "col" }, "Solo or participatory"),
              h("th", { scope: "col" }, "Hours"),
            ),
          ),
          h(
            "tbody",
            {},
            h(
              "tr",
              {},
              h("th", { scope: "row" }, "The course's estimate for the parts you have done"),
              h("td", {}, "Solo"),
              h("td", {}, fmtHours(m.estimated)),
            ),
            h(
              "tr",
              {},
              h("th", { scope: "row" }, "Time you logged on your own"),
              h("td", {}, "Solo"),
              h("td", {}, fmtHours(m.logged_solo)),
            ),
            h(
              "tr",
              {},
              h("th", { scope: "row" }, "Time you logged with others"),
              h("td", {}, "Participatory"),
              h("td", {}, fmtHours(m.logged_participatory)),
            ),
          ),
          h(
            "tfoot",
            {},
            h(
              "tr",
              {},
              h("th", { scope: "row" }, "Total"),
              h("td", {}, `${fmtHours(m.solo)} solo, ${fmtHours(m.participatory)} participatory`),
              h("td", {}, fmtHours(m.total)),
            ),
          ),
        ),
        h(
          "table",
          { class: "coprod-rec-table coprod-rec-parts" },
          h("caption", {}, "Modules and case scenarios"),
          h(
            "thead",
            {},
            h(
              "tr",
              {},
              h("th", { scope: "col" }, "Part"),
              h("th", { scope: "col" }, "Status"),
              h("th", { scope: "col" }, "What you have done"),
              h("th", { scope: "col" }, "Time counted, and how"),
            ),
          ),
          h("tbody", {}, rows),
        ),
        exerciseTable(),
        h(
          "ul",
          { class: "coprod-rec-how" },
          h(
            "li",
            {},
            `The course's estimate, ${fmtHours(m.estimated)}: each module's time to learn once you mark it read or attempt its self-check and write a reflection, plus each scenario's time for every side you played to an ending; a part you logged time for counts your logged time instead.`,
          ),
          h("li", {}, `Logged on your own, ${fmtHours(m.logged_solo)}: the sum of the solo entries in your log below.`),
          h(
            "li",
            {},
            `Logged with others, ${fmtHours(m.logged_participatory)}: the sum of the participatory entries in your log below; only this counts as participatory or interactive time.`,
          ),
        ),
        prog.first ? h("p", { class: "coprod-rec-meta" }, activityDates(prog)) : null,
      ),
    );
  }
  draw();
  return () => {
    if (!body.contains(document.activeElement)) draw();
  };
}
