// coprod DOM helpers, shared by the course's elements (coprod.js, projector.js),
// the record pages (record/) and agenda mode: one copy of each. Imports nothing,
// so widget.py can inline it into the one module anywidget loads.
//
// Rule: text from content or from the learner is only ever inserted with text
// nodes or form values (never innerHTML); h() does exactly that.

export function h(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key === "class") node.className = value;
    else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else if (key === "text") node.textContent = value;
    else if (key === "value")
      node.value = value; // a property: never parsed as HTML
    else node.setAttribute(key, value === true ? "" : String(value));
  }
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

// Plain text with blank-line paragraph breaks, as <p> elements.
export function paras(text, cls) {
  return String(text || "")
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => h("p", { class: cls }, p));
}

// An id-safe form of a content id.
export function slug(s) {
  return String(s).replace(/[^A-Za-z0-9_-]/g, "-");
}

// A polite live region for screen readers; each view has one.
export function announcer(cls = "coprod-sr-only") {
  return h("p", { class: cls, role: "status", "aria-live": "polite" });
}

// An engine button: primary (filled) or secondary.
export function button(label, onclick, primary = false) {
  return h(
    "button",
    { type: "button", class: `coprod-btn ${primary ? "coprod-primary" : "coprod-secondary"}`, onclick },
    label,
  );
}
