// coprod record, the Exports view: choose a template, choose the reflections,
// fill in and edit the fields, check for identifying details, then download,
// print or copy. The export's text itself is drafted by model.js.

import { markedNodes, mergeSpans } from "../deid.js";
import { h, paras } from "../dom.js";
import { distinctFindings } from "../privacy-note.js";
import { isObj } from "../store.js";
import { copyText, downloadMarkdown, downloadWord } from "./actions.js";
import {
  allWritten,
  emptyFields,
  exportDocument,
  exportPlainText,
  exportValues,
  fieldBody,
  findInText,
  flaggedCount,
  norm,
  plural,
  words,
} from "./model.js";
import { safePersist } from "./storage.js";
import { hx, say } from "./ui.js";

export function viewExports(ctx) {
  const { manifest, store, level, body, live, idp } = ctx;
  const meta = () => {
    store.data.meta ||= {};
    return store.data.meta;
  };
  const drafts = () => {
    const m = meta();
    if (!isObj(m.drafts)) m.drafts = {};
    return m.drafts;
  };
  let tid = manifest.templates.some((t) => t.id === meta().lastExport) ? meta().lastExport : manifest.templates[0].id;

  const templateBox = h(
    "fieldset",
    { class: "coprod-rec-fieldset coprod-rec-step coprod-rec-templates" },
    h("legend", {}, "1. Choose a template"),
  );
  manifest.templates.forEach((t) => {
    const input = h("input", {
      type: "radio",
      name: `${idp}-template`,
      id: `${idp}-t-${t.id}`,
      value: t.id,
      checked: t.id === tid,
      "aria-describedby": `${idp}-t-${t.id}-for`,
      onchange: () => {
        tid = t.id;
        meta().lastExport = tid;
        safePersist(store);
        drawAll();
        say(live, `Template: ${t.name}. The fields below are filled in from your journal.`);
      },
    });
    templateBox.append(
      h(
        "div",
        { class: "coprod-rec-choice" },
        input,
        h("label", { for: input.id }, t.name),
        h("span", { id: `${idp}-t-${t.id}-for`, class: "coprod-rec-meta coprod-rec-for" }, t.for),
      ),
    );
  });

  const pickBox = h("fieldset", { class: "coprod-rec-fieldset coprod-rec-step coprod-rec-pick" });
  const fieldsBox = h("section", { class: "coprod-rec-fields", "aria-labelledby": `${idp}-fields-h` });
  const checkBox = h("section", { class: "coprod-rec-check", "aria-labelledby": `${idp}-check-h` });
  const checkSummary = h("p", { class: "coprod-rec-check-summary", role: "status", "aria-live": "polite" });
  const findings = h("div", { class: "coprod-rec-findings" });
  const personHint = h("p", { class: "coprod-rec-hint" });
  const confirm = h("input", { type: "checkbox", id: `${idp}-confirm` });
  const exportStatus = h("p", { class: "coprod-rec-status", role: "status", "aria-live": "polite" });
  const emptyBox = h("div", { class: "coprod-rec-empty-fields" });
  const printBox = h("div", { class: "coprod-rec-print" });
  const areas = {};

  function draft() {
    const d = drafts();
    if (!isObj(d[tid])) d[tid] = {};
    return d[tid];
  }

  function current() {
    return exportValues(manifest, store.data, tid);
  }

  function drawPick() {
    const written = allWritten(manifest, store.data);
    const { selected } = current();
    pickBox.replaceChildren(h("legend", {}, "2. Choose the reflections to use"));
    if (!written.length) {
      pickBox.append(
        h(
          "p",
          {},
          "You have not written any reflections yet, so the fields start almost empty. Write in the modules or in your journal first, or fill in the fields here.",
        ),
      );
      return;
    }
    const count = h(
      "p",
      { class: "coprod-rec-meta", id: `${idp}-pick-count` },
      `${selected.filter((r) => written.includes(r)).length} of ${written.length} selected.`,
    );
    const setSelected = (ids, message, act) => {
      draft().selected = ids;
      safePersist(store);
      drawPick();
      drawFields(false);
      say(live, message);
      const again = pickBox.querySelector(`button[data-act="${act}"]`);
      if (again) again.focus();
    };
    pickBox.append(
      count,
      h(
        "div",
        { class: "coprod-rec-toolbar" },
        h(
          "button",
          {
            type: "button",
            class: "coprod-rec-btn coprod-rec-small",
            "data-act": "all",
            onclick: () =>
              setSelected(
                [...written],
                "All your reflections are selected; unedited fields are filled in again.",
                "all",
              ),
          },
          "Select all",
        ),
        h(
          "button",
          {
            type: "button",
            class: "coprod-rec-btn coprod-rec-small",
            "data-act": "none",
            onclick: () => setSelected([], "No reflections selected; unedited fields are emptied.", "none"),
          },
          "Select none",
        ),
      ),
    );
    for (const p of manifest.parts) {
      const mine = p.reflections.filter((r) => written.includes(r));
      if (!mine.length) continue;
      const list = h("ul", { class: "coprod-rec-picklist", "aria-label": p.label });
      for (const rid of mine) {
        const r = manifest.reflections[rid];
        const box = h("input", {
          type: "checkbox",
          id: `${idp}-pick-${rid}`,
          checked: selected.includes(rid),
          onchange: () => {
            const now = new Set(current().selected);
            if (box.checked) now.add(rid);
            else now.delete(rid);
            draft().selected = written.filter((x) => now.has(x));
            safePersist(store);
            count.textContent = `${draft().selected.length} of ${written.length} selected.`;
            drawFields(false);
            say(
              live,
              `${box.checked ? "Added" : "Removed"}: ${r.title}. Fields you have not edited are filled in again.`,
            );
          },
        });
        list.append(
          h(
            "li",
            { class: "coprod-rec-choice" },
            box,
            h(
              "label",
              { for: box.id },
              r.title,
              h("span", { class: "coprod-rec-meta" }, ` (${manifest.stages[r.stage].toLowerCase()})`),
            ),
          ),
        );
      }
      pickBox.append(h("p", { class: "coprod-rec-group", "aria-hidden": "true" }, p.label), list);
    }
  }

  function copyButton(label, getText) {
    const done = h("span", { class: "coprod-rec-copied", "aria-hidden": "true" });
    let timer = null;
    const button = h(
      "button",
      {
        type: "button",
        class: "coprod-rec-btn coprod-rec-small",
        "aria-label": `Copy: ${label}`,
        onclick: async () => {
          const ok = await copyText(getText());
          done.textContent = ok ? "Copied" : "Could not copy";
          say(
            live,
            ok
              ? `Copied: ${label}.`
              : "Could not copy. Select the text and press Control and C (Command and C on a Mac).",
          );
          clearTimeout(timer);
          timer = setTimeout(() => (done.textContent = ""), 4000);
        },
      },
      "Copy",
    );
    return [button, done];
  }

  function drawFields(rebuild = true) {
    const { template, values, prefilled } = current();
    const edited = draft().fields || {};
    if (!rebuild) {
      // refill the fields the learner has not edited
      for (const f of template.fields) {
        const a = areas[f.id];
        if (!a || f.kind === "choices" || f.id in edited) continue;
        if (a.value !== norm(values[f.id])) a.value = norm(values[f.id]);
        a.dispatchEvent(new Event("coprod-sync"));
      }
      drawCheck();
      drawPrint();
      return;
    }
    for (const k of Object.keys(areas)) delete areas[k];
    const hid = `${idp}-fields-h`;
    const out = [
      h(hx(level, 0), { id: hid }, `3. Fill in: ${template.name}`),
      h(
        "p",
        { class: "coprod-rec-follows" },
        h("strong", {}, "Template: "),
        `follows ${template.follows}. `,
        h("strong", {}, template.check),
      ),
      h("p", { class: "coprod-rec-meta" }, template.note),
      h(
        "p",
        { class: "coprod-rec-meta" },
        "The fields are filled in from your journal. Edit them here: your edits are kept in this browser for this template, and do not change your journal.",
      ),
    ];
    for (const f of template.fields) {
      const fid = `${idp}-f-${f.id}`;
      if (f.kind === "choices") {
        const chosen = new Set(values[f.id] || []);
        const set = h(
          "fieldset",
          { class: "coprod-rec-fieldset coprod-rec-field", "aria-describedby": `${fid}-help` },
          h("legend", {}, f.label),
          h("p", { id: `${fid}-help`, class: "coprod-rec-help" }, f.help),
        );
        f.options.forEach((o, i) => {
          const box = h("input", {
            type: "checkbox",
            id: `${fid}-${i}`,
            checked: chosen.has(o),
            onchange: () => {
              const now = new Set(current().values[f.id] || []);
              if (box.checked) now.add(o);
              else now.delete(o);
              const d = draft();
              d.fields = { ...(d.fields || {}), [f.id]: f.options.filter((x) => now.has(x)) };
              safePersist(store);
              drawCheck();
              drawPrint();
            },
          });
          // a question under the option (the NMC Code's parts), read out with it
          const prompt = f.prompts?.[o];
          if (prompt) box.setAttribute("aria-describedby", `${box.id}-q`);
          set.append(
            h(
              "div",
              { class: "coprod-rec-choice" },
              box,
              h("label", { for: box.id }, o),
              prompt ? h("span", { id: `${box.id}-q`, class: "coprod-rec-help coprod-rec-for" }, prompt) : null,
            ),
          );
        });
        set.append(
          h(
            "div",
            { class: "coprod-rec-bar" },
            copyButton(f.label, () => fieldBody(f, current().values[f.id])),
          ),
        );
        out.push(set);
        continue;
      }
      const area = h("textarea", {
        id: fid,
        class: "coprod-rec-textarea",
        rows: Math.min(14, Math.max(3, Math.ceil(norm(values[f.id]).length / 80) + 1)),
        "aria-describedby": `${fid}-help ${fid}-state`,
      });
      area.value = norm(values[f.id]);
      areas[f.id] = area;
      const stateNote = h("span", { id: `${fid}-state`, class: "coprod-rec-meta" });
      const reset = h(
        "button",
        {
          type: "button",
          class: "coprod-rec-btn coprod-rec-small",
          onclick: () => {
            const d = draft();
            if (d.fields) delete d.fields[f.id];
            safePersist(store);
            area.value = norm(current().values[f.id]);
            syncState();
            drawCheck();
            drawPrint();
            say(live, `${f.label}: back to the text from your journal.`);
            area.focus();
          },
        },
        "Use the journal text again",
      );
      const syncState = () => {
        const isEdited = f.id in (draft().fields || {});
        stateNote.textContent = `${plural(words(area.value), "word")} · ${isEdited ? "edited by you" : "from your journal"}`;
        reset.hidden = !isEdited || prefilled[f.id] === undefined;
      };
      area.addEventListener("coprod-sync", syncState);
      let timer = null;
      area.addEventListener("input", () => {
        const d = draft();
        d.fields = { ...(d.fields || {}), [f.id]: area.value };
        store.persist();
        syncState();
        clearTimeout(timer);
        timer = setTimeout(() => {
          drawCheck();
          drawPrint();
        }, 400);
      });
      syncState();
      out.push(
        h(
          "div",
          { class: "coprod-rec-field" },
          h("label", { for: fid, class: "coprod-rec-label" }, f.label),
          h("p", { id: `${fid}-help`, class: "coprod-rec-help" }, f.help),
          area,
          h(
            "div",
            { class: "coprod-rec-bar" },
            stateNote,
            h(
              "span",
              { class: "coprod-rec-actions" },
              copyButton(f.label, () => area.value.trim()),
              reset,
            ),
          ),
        ),
      );
    }
    fieldsBox.replaceChildren(...out);
    drawCheck();
  }

  function drawCheck() {
    const { template, values } = current();
    const items = [];
    let n = 0;
    for (const f of template.fields) {
      if (f.kind === "choices") continue;
      const text = fieldBody(f, values[f.id]);
      const found = findInText(manifest, text);
      if (!found.length) continue;
      n += mergeSpans(found).length;
      const kinds = [...new Set(found.map((x) => x.label))];
      items.push(
        h(
          "div",
          { class: "coprod-rec-finding" },
          h(hx(level, 1), {}, f.label),
          h(
            "p",
            {},
            `Looks like ${kinds.join("; ")}: `,
            distinctFindings(found).map((x, i) => [
              i ? ", " : "",
              h("q", {}, x.text),
              x.note ? " (a course character)" : "",
            ]),
          ),
          // a course character's name is flagged like any name, and says so
          found.some((x) => x.note)
            ? h("p", { class: "coprod-rec-help" }, `Marked “a course character”: ${found.find((x) => x.note).note}.`)
            : null,
          h("div", { class: "coprod-rec-marked" }, markedNodes(text, found)),
          areas[f.id]
            ? h(
                "button",
                {
                  type: "button",
                  class: "coprod-rec-btn coprod-rec-small",
                  "aria-label": `Go to the field: ${f.label}`,
                  onclick: () => areas[f.id].focus(),
                },
                "Go to the field",
              )
            : null,
        ),
      );
    }
    const message = n
      ? `${plural(n, "passage")} that may identify someone found. Look at the highlighted text below and change it if it could identify anyone. You can still export.`
      : "No possible identifying details found. The check cannot catch everything: read it through yourself before you share it.";
    if (checkSummary.textContent !== message) checkSummary.textContent = message;
    checkSummary.classList.toggle("coprod-rec-flagged", n > 0);
    const empty = emptyFields(manifest, store.data, tid);
    emptyBox.replaceChildren(
      ...(empty.length
        ? [
            h(
              "p",
              {},
              h(
                "strong",
                {},
                `${plural(empty.length, "field")} ${empty.length === 1 ? "is" : "are"} empty and will not be in the file.`,
              ),
              " Write in ",
              empty.length === 1 ? "it" : "them",
              " above if you want ",
              empty.length === 1 ? "it" : "them",
              " in your record:",
            ),
            h(
              "ul",
              {},
              empty.map((f) => h("li", {}, h("strong", {}, f.label), `: ${f.help}`)),
            ),
          ]
        : [h("p", {}, "Every field has text: all of them will be in the file.")]),
    );
    findings.replaceChildren(...items);
    if (template.first_person) {
      const we =
        Object.values(values)
          .filter((v) => typeof v === "string")
          .join(" ")
          .match(/\b(we|our|us|ours)\b/gi) || [];
      personHint.hidden = false;
      personHint.textContent = we.length
        ? `This template asks you to write "I", not "we". "We", "our" or "us" appears ${plural(we.length, "time")}: say what you did yourself where you can.`
        : 'This template asks you to write "I", not "we". No "we" found.';
    } else {
      personHint.hidden = true;
    }
  }

  function drawConfirm() {
    confirm.checked = !!current().confirmed;
  }
  confirm.addEventListener("change", () => {
    draft().confirmed = confirm.checked;
    safePersist(store);
    drawPrint();
  });

  // the same document the downloads are written from (model.js exportDocument)
  function drawPrint() {
    const d = exportDocument(manifest, store.data, tid);
    const meta = d.meta.filter(([, value]) => value).map(([label, value]) => `${label}: ${value}`);
    const doc = [
      h(hx(level, 0), {}, d.title),
      h("p", { class: "coprod-rec-meta" }, d.note),
      h(
        "p",
        {},
        meta.map((line, i) => [i ? h("br") : null, line]),
      ),
    ];
    for (const section of d.sections) doc.push(h(hx(level, 1), {}, section.heading), ...paras(section.body));
    doc.push(h("hr"), ...d.closing.map((text) => h("p", { class: "coprod-rec-meta" }, text)));
    printBox.replaceChildren(...doc);
  }

  const actions = h(
    "section",
    { class: "coprod-rec-exportbar", "aria-labelledby": `${idp}-export-h` },
    h(hx(level, 0), { id: `${idp}-export-h` }, "5. Export"),
    h(
      "p",
      { class: "coprod-rec-meta" },
      "Nothing is sent anywhere: the download is made in this browser and saved where your browser saves files.",
    ),
    emptyBox,
    h(
      "div",
      { class: "coprod-rec-toolbar" },
      h(
        "button",
        {
          type: "button",
          class: "coprod-rec-btn coprod-rec-primary",
          onclick: () => {
            const filename = downloadMarkdown(manifest, store.data, tid);
            const n = flaggedCount(manifest, current().template, current().values);
            exportStatus.textContent =
              `Downloaded ${filename}.` +
              (n ? ` Remember: ${plural(n, "passage")} flagged above as possibly identifying.` : "");
          },
        },
        "Download as Markdown",
      ),
      h(
        "button",
        {
          type: "button",
          class: "coprod-rec-btn coprod-rec-primary",
          onclick: async (event) => {
            const button = event.currentTarget;
            if (button.getAttribute("aria-busy") === "true") return;
            button.setAttribute("aria-busy", "true");
            exportStatus.textContent = "Making the Word file in this browser…";
            try {
              const filename = await downloadWord(manifest, store.data, tid);
              const n = flaggedCount(manifest, current().template, current().values);
              exportStatus.textContent =
                `Downloaded ${filename}. It opens in Word, and on a phone in the Word or Google Docs app.` +
                (n ? ` Remember: ${plural(n, "passage")} flagged above as possibly identifying.` : "");
            } catch {
              exportStatus.textContent =
                "Could not make the Word file in this browser. Download as Markdown, or print or save as PDF, instead.";
            } finally {
              button.removeAttribute("aria-busy");
            }
          },
        },
        "Download as Word (.docx)",
      ),
      h(
        "button",
        {
          type: "button",
          class: "coprod-rec-btn",
          onclick: () => {
            drawPrint();
            window.print();
          },
        },
        "Print or save as PDF",
      ),
      h(
        "button",
        {
          type: "button",
          class: "coprod-rec-btn",
          onclick: async () => {
            const ok = await copyText(exportPlainText(manifest, store.data, tid));
            exportStatus.textContent = ok
              ? "Copied the whole export as plain text."
              : "Could not copy. Use the Copy button by each field instead.";
          },
        },
        "Copy all as plain text",
      ),
    ),
    exportStatus,
  );

  function drawAll() {
    drawPick();
    drawFields(true);
    drawConfirm();
    drawPrint();
  }

  checkBox.append(
    h(hx(level, 0), { id: `${idp}-check-h` }, "4. Check for details that could identify someone"),
    h(
      "p",
      { class: "coprod-rec-meta" },
      "An account must not identify any patient, service user, family member, member of the public or colleague. This check looks for names after titles, dates of birth, ages with places, NHS, CHI and Medicare-style numbers, postcodes, addresses, phone numbers and email addresses. It warns; it never stops you.",
    ),
    checkSummary,
    personHint,
    findings,
    h(
      "div",
      { class: "coprod-rec-choice" },
      confirm,
      h(
        "label",
        { for: confirm.id },
        "I have read it through: it identifies no patient, service user, family member, member of the public or colleague.",
      ),
    ),
  );
  body.replaceChildren(templateBox, pickBox, fieldsBox, checkBox, actions, printBox);
  drawAll();
  window.addEventListener("beforeprint", drawPrint);
  return () => {
    if (!body.contains(document.activeElement)) drawAll();
  };
}
