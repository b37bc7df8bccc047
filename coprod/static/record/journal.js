// coprod record, the Journal view: every reflection the learner wrote,
// editable in place (saved as they type, merged with other tabs by store.js),
// each scenario's debrief, and a printable journal.

import { h, paras } from "../dom.js";
import { privacyNote } from "../privacy-note.js";
import { isObj } from "../store.js";
import {
  allWritten,
  debriefText,
  findInText,
  fmtDate,
  localToday,
  norm,
  plural,
  scenarioDebrief,
  stateOf,
  textOf,
  words,
} from "./model.js";
import { bindText, refreshAll } from "./storage.js";
import { hx, say } from "./ui.js";

// The exercises' summaries this browser holds (an exercise run on the course's site writes one), in the
// course's order: [{id, exercise, title, text, updated}]. Exercise 3 writes none: it reads the record.
export function exerciseEntries(manifest, data) {
  const out = [];
  for (const ex of manifest.exercises || []) {
    for (const id of ex.entries || []) {
      const el = (data.elements || {})[id];
      if (!el || el.kind !== "exercise" || !isObj(el.state) || typeof el.state.text !== "string") continue;
      if (!el.state.text.trim()) continue;
      const title = typeof el.state.title === "string" && el.state.title ? el.state.title : ex.title;
      out.push({ id, exercise: ex, title, text: el.state.text, updated: el.updated || "" });
    }
  }
  return out;
}

// An exercise's summary is the Markdown the exercise wrote (coprod/exercises: markdown_text escapes the
// learner's words). Shown as headings, lists and paragraphs made of text nodes: nothing in it becomes a
// link, an image or markup. Headings sit two levels below the exercise's own title.
const MD_ESCAPE = /\\([\\`*_[\]#~|+=.)-])/g;
function mdText(s) {
  return s.replace(MD_ESCAPE, "$1").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
}
// **bold** (the exercises' labels) as <strong>, *italic* (their "Not written yet.") as <em>; everything
// else as text. A learner's own asterisks are escaped by the exercise (\*), so they never open a run.
function mdEm(s) {
  return s.split(/(?<!\\)\*([^*]+?)(?<!\\)\*/).map((part, i) => (i % 2 ? h("em", {}, mdText(part)) : mdText(part)));
}
function mdInline(s) {
  return s
    .split(/(?<!\\)\*\*(.+?)(?<!\\)\*\*/)
    .flatMap((part, i) => (i % 2 ? [h("strong", {}, mdText(part))] : mdEm(part)));
}
function mdItem(line) {
  const text = line.replace(/^\s*[-*]\s+/, "");
  const box = /^\[( |x|X)\]\s+/.exec(text);
  if (!box) return h("li", {}, mdInline(text));
  return h("li", {}, box[1] === " " ? "Not ticked: " : "Ticked: ", mdInline(text.slice(box[0].length)));
}
export function summaryBlocks(text, level) {
  const out = [];
  for (const block of String(text).split(/\n\s*\n/)) {
    const lines = block.split("\n").filter((l) => l.trim());
    if (!lines.length) continue;
    const heading = /^(#{1,6})\s+(.*)$/.exec(lines[0]);
    if (heading && lines.length === 1) {
      out.push(h(hx(level, 1 + heading[1].length), { class: "coprod-rec-exercise-h" }, mdInline(heading[2])));
    } else if (lines.every((l) => /^\s*[-*]\s+/.test(l))) {
      out.push(h("ul", {}, lines.map(mdItem)));
    } else {
      out.push(h("p", { class: "coprod-rec-exercise-text" }, mdInline(lines.join("\n"))));
    }
  }
  return out;
}

function timeNow() {
  return new Date().toLocaleTimeString("en-GB", { hour: "2-digit", minute: "2-digit" });
}

// The scenario's debrief in the journal: one sentence naming every side played
// (by role) and every ending reached, then the last path's choices. Never the
// dimensions' sums: the journal is evidence a learner may print and show.
function debriefBox(manifest, part, st, level) {
  const d = scenarioDebrief(manifest, part.id, st);
  const sentence = debriefText(manifest, part, st);
  const box = h("div", { class: "coprod-rec-debrief" }, h(hx(level, 1), {}, "Your scenario debrief"));
  box.append(h("p", {}, sentence || "You have not reached an ending in this scenario yet."));
  if (!d) {
    if (sentence) box.append(h("p", { class: "coprod-rec-meta" }, "Your last path does not reach an ending yet."));
    return box;
  }
  const role = (manifest.scenarios[part.id]?.roles || {})[st.perspective] || d.perspective;
  box.append(
    h("p", {}, `Your last path, as ${role}. Your choices:`),
    h(
      "ol",
      { class: "coprod-rec-path" },
      d.choices.map((c) => h("li", {}, c)),
    ),
    h("p", {}, "The ending: ", h("strong", {}, d.ending.title), ` (${d.ending.kind}).`),
  );
  return box;
}

export function viewJournal(ctx) {
  const { manifest, store, level, body, live, idp } = ctx;
  let showAll = false;
  const groups = h("div", { class: "coprod-rec-groups" });
  const printBox = h("div", { class: "coprod-rec-print" });
  const summary = h("p", { class: "coprod-rec-summary" });
  const toggle = h("input", {
    type: "checkbox",
    id: `${idp}-all`,
    onchange: () => {
      showAll = toggle.checked;
      draw();
      say(live, showAll ? "Showing every prompt, answered or not." : "Showing only the reflections you have written.");
    },
  });
  const toggleLabel = h("label", { for: toggle.id });
  const binders = []; // text boxes waiting to be bound once they are on the page
  const bound = [];

  // before the journal is printed or shared: how many reflections may identify someone
  const printWarn = h("p", { class: "coprod-rec-privacy coprod-rec-noprint", hidden: true });

  function drawPrint() {
    const written = allWritten(manifest, store.data);
    const flagged = written
      .filter((rid) => findInText(manifest, textOf(store.data, rid)).length)
      .map((rid) => manifest.reflections[rid].title);
    const exercises = exerciseEntries(manifest, store.data);
    const flaggedEx = exercises.filter((x) => findInText(manifest, x.text).length).map((x) => x.title);
    const n = flagged.length + flaggedEx.length;
    printWarn.hidden = !n;
    printWarn.textContent = n
      ? `${flagged.length ? plural(flagged.length, "reflection") : ""}${flagged.length && flaggedEx.length ? " and " : ""}${
          flaggedEx.length ? plural(flaggedEx.length, "exercise summary", "exercise summaries") : ""
        } may identify someone: ${[...flagged, ...flaggedEx].join("; ")}. Look at the note under each before you print or share your journal; ` +
        "a printed journal is evidence you may show, and it must identify nobody."
      : "";
    const doc = [
      h(hx(level, 0), {}, "My reflective journal"),
      h("p", { class: "coprod-rec-meta" }, `${manifest.course.title} · printed ${fmtDate(localToday())}`),
    ];
    for (const p of manifest.parts) {
      const mine = p.reflections.filter((r) => written.includes(r));
      if (!mine.length) continue;
      doc.push(h(hx(level, 1), {}, p.label));
      if (p.kind === "scenario") {
        const t = debriefText(manifest, p, stateOf(store.data, p.id));
        if (t) doc.push(h("p", { class: "coprod-rec-meta" }, t));
      }
      for (const rid of mine) {
        const r = manifest.reflections[rid];
        doc.push(
          h(hx(level, 2), {}, r.title),
          h("p", { class: "coprod-rec-prompt" }, r.prompt),
          ...paras(textOf(store.data, rid)),
        );
      }
    }
    if (!written.length) doc.push(h("p", {}, "No reflections written yet."));
    if (exercises.length) {
      doc.push(h(hx(level, 1), {}, "Exercises"));
      for (const x of exercises) {
        doc.push(
          h(hx(level, 2), {}, x.title),
          x.updated ? h("p", { class: "coprod-rec-meta" }, `Last saved ${fmtDate(x.updated)}`) : null,
          ...summaryBlocks(x.text, level + 1),
        );
      }
    }
    printBox.replaceChildren(...doc.filter(Boolean));
  }

  function entry(rid) {
    const r = manifest.reflections[rid];
    const el = store.element(rid);
    const st = (el && el.state) || {};
    const id = `${idp}-${rid}`;
    const area = h("textarea", {
      id: `${id}-text`,
      class: "coprod-rec-textarea",
      rows: 7,
      "aria-describedby": `${id}-status ${id}-count ${id}-privacy`,
    });
    area.value = norm(st.text || "");
    // the journal is what a learner prints as evidence: the same warn-only check as the exports
    const privacy = privacyNote(`${id}-privacy`, (text) => findInText(manifest, text), "coprod-rec-privacy");
    privacy.update(area.value);
    const status = h("p", { id: `${id}-status`, class: "coprod-rec-status", role: "status", "aria-live": "polite" });
    const count = h("span", { id: `${id}-count`, class: "coprod-rec-meta" }, plural(words(area.value), "word"));
    const edited = el && el.updated ? fmtDate(el.updated) : "";
    status.textContent = st.text
      ? "Saved on this device."
      : "Not written yet. What you type here is saved on this device and shows on the module page too.";
    let quiet = null;
    const onSave = () => {
      count.textContent = plural(words(area.value), "word");
      status.setAttribute("aria-live", "off");
      status.textContent = store.ok
        ? `Saved on this device at ${timeNow()}.`
        : "Not saved in this browser: kept on this page only.";
      clearTimeout(quiet);
      quiet = setTimeout(() => {
        privacy.update(area.value);
        status.setAttribute("aria-live", "polite");
        drawPrint();
        refreshAll(ctx.self);
      }, 1200);
    };
    binders.push({ area, bind: () => bindText(store, rid, area, { onSave, live }) });
    return h(
      "article",
      { class: "coprod-rec-entry", "aria-labelledby": `${id}-title`, "data-reflection": rid },
      h(hx(level, 1), { id: `${id}-title`, class: "coprod-rec-entry-title" }, r.title),
      h(
        "p",
        { class: "coprod-rec-meta" },
        `Gibbs stage: ${manifest.stages[r.stage].toLowerCase()}` + (edited ? ` · last edited ${edited}` : ""),
      ),
      h("label", { for: area.id, class: "coprod-rec-prompt" }, r.prompt),
      area,
      h("div", { class: "coprod-rec-bar" }, status, count),
      privacy.el,
      h(
        "p",
        { class: "coprod-rec-meta" },
        h(
          "a",
          { href: r.href, "aria-label": `See this prompt on its page: ${r.title}` },
          "See this prompt on its page",
        ),
      ),
    );
  }

  // What the exercises wrote, read-only: the learner changes it in the exercise itself.
  function exerciseSection(exercises) {
    const hid = `${idp}-exercises`;
    return h(
      "section",
      { class: "coprod-rec-part", "aria-labelledby": hid },
      h(hx(level, 0), { id: hid }, "Exercises"),
      h(
        "p",
        { class: "coprod-rec-meta" },
        "What each exercise kept when you ran it with “Run in your browser” on this site, in this browser. " +
          "To change it, open the exercise again: your work comes back there.",
      ),
      exercises.map((x) => {
        const id = `${idp}-${x.id}`;
        const privacy = privacyNote(`${id}-privacy`, (text) => findInText(manifest, text), "coprod-rec-privacy");
        privacy.update(x.text);
        return h(
          "article",
          { class: "coprod-rec-entry", "aria-labelledby": `${id}-title`, "data-exercise": x.id },
          h(hx(level, 1), { id: `${id}-title`, class: "coprod-rec-entry-title" }, x.title),
          x.updated ? h("p", { class: "coprod-rec-meta" }, `Last saved ${fmtDate(x.updated)}`) : null,
          h("div", { class: "coprod-rec-exercise" }, summaryBlocks(x.text, level)),
          privacy.el,
          h(
            "p",
            { class: "coprod-rec-meta" },
            h(
              "a",
              { href: x.exercise.href, "aria-label": `Open the exercise: ${x.exercise.title}` },
              "Open the exercise",
            ),
          ),
        );
      }),
    );
  }

  function draw() {
    const written = allWritten(manifest, store.data);
    const total = manifest.parts.reduce((n, p) => n + p.reflections.length, 0);
    const partsWith = manifest.parts.filter((p) => p.reflections.some((r) => written.includes(r))).length;
    summary.textContent = written.length
      ? `You have written ${plural(written.length, "reflection")} in ${plural(partsWith, "part")} of the course. Edit them here: changes are saved as you type and show on the module pages too.`
      : "You have not written any reflections yet. Each module and scenario has reflection prompts; what you write there appears here, and you can also write here.";
    toggleLabel.textContent = `Also show the prompts you have not answered yet (${total - written.length})`;
    const sections = [];
    for (const p of manifest.parts) {
      const shown = p.reflections.filter((r) => showAll || written.includes(r));
      if (!shown.length) continue;
      const hid = `${idp}-part-${p.id}`;
      sections.push(
        h(
          "section",
          { class: "coprod-rec-part", "aria-labelledby": hid },
          h(hx(level, 0), { id: hid }, p.label),
          h(
            "p",
            { class: "coprod-rec-meta" },
            h(
              "a",
              {
                href: p.href,
                "aria-label": `${p.kind === "scenario" ? "Open the scenario" : "Open the module"}: ${p.label}`,
              },
              p.kind === "scenario" ? "Open the scenario" : "Open the module",
            ),
          ),
          p.kind === "scenario" ? debriefBox(manifest, p, stateOf(store.data, p.id), level) : null,
          shown.map(entry),
        ),
      );
    }
    const exercises = exerciseEntries(manifest, store.data);
    if (exercises.length) sections.push(exerciseSection(exercises));
    groups.replaceChildren(...sections);
    bound.length = 0;
    for (const b of binders.splice(0)) bound.push(b.bind());
    drawPrint();
  }

  body.replaceChildren(
    summary,
    printWarn,
    h("div", { class: "coprod-rec-choice coprod-rec-toggle" }, toggle, toggleLabel),
    groups,
    printBox,
  );
  draw();
  return () => {
    // a box being written in is never redrawn: it is refreshed in place, and
    // keeps both versions if another tab changed the same reflection
    if (!body.contains(document.activeElement) || document.activeElement === toggle) draw();
    else for (const b of bound) b.refresh();
  };
}
