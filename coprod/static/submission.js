// The submission form (book/record/submit.md): a cover sheet and the learner's
// chosen work, saved as a file on their own device. Nothing is sent anywhere.
// Learner text is only ever inserted with text nodes.

const FORMAT = "coprod-submission";

// The one place this file reads the course's storage (key and shape as
// documented in CONTRIBUTING: {version, elements: {id: {kind, state}}}).
export function readCourseElements(storage = window.localStorage) {
  try {
    const data = JSON.parse(storage.getItem("coprod-course:v1") || "null");
    return (data && typeof data === "object" && data.elements) || {};
  } catch (err) {
    return null; // unreadable: say so rather than submit nothing silently
  }
}

function h(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key === "text") node.textContent = value;
    else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value === true ? "" : String(value));
  }
  for (const child of children.flat()) if (child !== null && child !== undefined) node.append(child);
  return node;
}

function hasWork(entry) {
  const state = (entry && entry.state) || {};
  if (entry.kind === "reflection") return String(state.text || "").trim() !== "";
  if (entry.kind === "scenario") return (state.path || []).length > 0 || (state.reached || []).length > 0;
  if (entry.kind === "selfcheck") return Object.keys(state.answers || {}).length > 0;
  return false;
}

function slug(text) {
  return (
    String(text)
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-|-$/g, "")
      .slice(0, 40) || "learner"
  );
}

function render(root) {
  const data = JSON.parse(root.querySelector(".coprod-submission-data").textContent);
  root.querySelector(".coprod-submission-fallback")?.remove();
  const elements = readCourseElements();
  const status = h("p", { role: "status", class: "coprod-submission-status" });
  const alert = h("p", { role: "alert", class: "coprod-submission-alert" });
  if (elements === null) {
    alert.textContent =
      "Your saved work in this browser could not be read, so nothing can be included. Nothing has been changed. Try a backup file from Your CPD record.";
  }
  const stored = Object.entries(elements || {}).filter(([, entry]) => entry && hasWork(entry));
  const field = (id, label, control, hint) =>
    h(
      "div",
      { class: "coprod-submission-field" },
      h("label", { for: id, text: label }),
      hint ? h("p", { id: `${id}-hint`, class: "coprod-submission-hint", text: hint }) : null,
      control,
    );
  const name = h("input", {
    id: "sub-name",
    type: "text",
    autocomplete: "name",
    required: true,
    "aria-describedby": "sub-name-hint",
  });
  const course = h("input", { id: "sub-course", type: "text", "aria-describedby": "sub-course-hint" });
  const item = h(
    "select",
    { id: "sub-item" },
    data.items.map((it) => h("option", { value: it.id, text: it.title })),
  );
  const note = h("textarea", { id: "sub-note", rows: "3" });
  const choices = h("div", { class: "coprod-submission-choices" });

  function fillChoices() {
    const chosen = data.items.find((it) => it.id === item.value) || { elements: [] };
    choices.replaceChildren();
    if (!stored.length) {
      choices.append(
        h("p", { text: "There is no saved work in this browser yet. Work through a chapter, then come back." }),
      );
      return;
    }
    for (const [id, entry] of stored) {
      const box = h("input", {
        type: "checkbox",
        id: `sub-el-${id}`,
        value: id,
        checked: chosen.elements.includes(id),
      });
      const label = `${data.titles[id] || id} (${entry.kind === "selfcheck" ? "self-check" : entry.kind})`;
      choices.append(
        h("div", { class: "coprod-submission-choice" }, box, h("label", { for: `sub-el-${id}`, text: label })),
      );
    }
  }
  item.addEventListener("change", fillChoices);
  fillChoices();

  function save(event) {
    event.preventDefault();
    alert.textContent = "";
    status.textContent = "";
    if (!name.value.trim()) {
      alert.textContent = "Write your name on the cover sheet first: your marker needs it to know whose work this is.";
      name.focus();
      return;
    }
    const picked = [...choices.querySelectorAll("input:checked")].map((b) => b.value);
    if (!picked.length) {
      alert.textContent = "Tick at least one piece of work to include.";
      return;
    }
    const chosen = data.items.find((it) => it.id === item.value);
    const submission = {
      format: FORMAT,
      version: 1,
      created: new Date().toISOString(),
      cover: {
        name: name.value.trim(),
        course: course.value.trim(),
        item: chosen.id,
        item_title: chosen.title,
        note: note.value.trim(),
      },
      elements: Object.fromEntries(picked.map((id) => [id, { kind: elements[id].kind, state: elements[id].state }])),
    };
    const blob = new Blob([JSON.stringify(submission, null, 2)], { type: "application/json" });
    const link = h("a", {
      href: URL.createObjectURL(blob),
      download: `submission-${slug(chosen.id)}-${slug(name.value)}.json`,
    });
    document.body.append(link);
    link.click();
    link.remove();
    status.textContent = `Saved a submission file with ${picked.length} piece(s) of work to your device. Nothing has been sent: hand the file in the way your course asks.`;
  }

  const form = h(
    "form",
    { class: "coprod-submission-form", novalidate: true, onsubmit: save },
    h(
      "fieldset",
      {},
      h("legend", { text: "Cover sheet" }),
      field("sub-name", "Your name", name, "As your course knows you. It goes only into the file you save."),
      field("sub-course", "Course or module", course, "For example the module code your tutor gave you."),
      field("sub-item", "Submitted for", item),
      field("sub-note", "A note for your marker (optional)", note),
    ),
    h("fieldset", {}, h("legend", { text: "What to include" }), choices),
    alert,
    h("button", { type: "submit", class: "coprod-primary", text: "Save submission file" }),
    status,
  );
  root.append(form);
}

for (const root of document.querySelectorAll(".coprod-submission")) render(root);
