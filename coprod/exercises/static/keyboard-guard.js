// Keys typed in an exercise's controls belong to the controls, not to JupyterLab's notebook shortcuts:
// without this, ↓ on a drop-down moves to the next cell and letters typed in command mode create, convert
// or delete cells. Like the course's RangeSlider, the exercise marks itself data-lm-suppress-shortcuts and
// stops a key typed in one of its controls from travelling on to the notebook. The key still does what
// the control does (nothing is prevented), and Escape still goes to the notebook, so a learner can leave.
//
// Two shortcuts a keyboard user needs while in a control are handed to the notebook: Ctrl+S (Cmd+S) saves
// and Ctrl+Shift+C (Cmd+Shift+C) opens the command palette (where "Run All Cells" is). JupyterLab ignores
// every shortcut typed inside a suppressed element, so the same keystroke is sent again from the notebook.
const CONTROL = "select, input, textarea, button, [contenteditable], [tabindex]";

export function passedOn(ev) {
  if (!(ev.ctrlKey || ev.metaKey) || ev.altKey) return false;
  const key = String(ev.key || "").toLowerCase();
  return (key === "s" && !ev.shiftKey) || (key === "c" && ev.shiftKey);
}

function handOn(ev, host) {
  const again = new KeyboardEvent("keydown", {
    key: ev.key,
    code: ev.code,
    ctrlKey: ev.ctrlKey,
    metaKey: ev.metaKey,
    shiftKey: ev.shiftKey,
    bubbles: true,
    cancelable: true,
  });
  // JupyterLab's keyboard layout reads keyCode, which a constructed event cannot set
  Object.defineProperty(again, "keyCode", { get: () => ev.keyCode });
  host.dispatchEvent(again);
}

// An exercise redraws some of its text as the learner works: the "Download" links after each write of the
// work file, a summary after a change. If the link a keyboard user is on is redrawn, the browser drops their
// focus to the top of the page, a dozen Tabs away. So focus is put back on the redrawn link or button: the
// one in the same place with the same file name or the same words.
function sameAs(lost, candidate) {
  if (candidate.tagName !== lost.tag) return false;
  const name = candidate.getAttribute("download");
  return lost.download ? name === lost.download : candidate.textContent.trim() === lost.text;
}

function keepFocus(exercise) {
  let lost = null;
  exercise.addEventListener("focusin", (ev) => {
    const el = ev.target;
    const home = el instanceof Element ? el.closest(".widget-html-content") : null;
    lost = home
      ? { el, home, tag: el.tagName, download: el.getAttribute("download"), text: el.textContent.trim() }
      : null;
  });
  exercise.addEventListener("focusout", (ev) => {
    // the learner moved on (rather than the element being redrawn away): nothing to put back
    const el = ev.target;
    queueMicrotask(() => {
      if (lost && lost.el === el && el.isConnected) lost = null;
    });
  });
  new MutationObserver(() => {
    if (!lost || lost.el.isConnected) return;
    const active = document.activeElement;
    const { home } = lost;
    if ((active && active !== document.body) || !home.isConnected) {
      lost = null;
      return;
    }
    const again = [...home.querySelectorAll("a, button, input, select, textarea")].find((c) => sameAs(lost, c));
    lost = null;
    if (again) again.focus();
  }).observe(exercise, { childList: true, subtree: true });
}

export default {
  render({ el }) {
    let tries = 0;
    const mark = () => {
      const exercise = el.closest(".coprod-ex-widget");
      if (exercise) {
        if (exercise.hasAttribute("data-lm-suppress-shortcuts")) return;
        exercise.setAttribute("data-lm-suppress-shortcuts", "true");
        keepFocus(exercise);
        // capture: a text box's own handler stops its keys before they bubble up to here
        exercise.addEventListener(
          "keydown",
          (ev) => {
            if (!passedOn(ev)) return;
            const host = exercise.parentElement?.closest(".jp-Notebook, .jp-NotebookPanel");
            if (!host) return;
            ev.preventDefault(); // not the browser's own "save page"
            ev.stopPropagation();
            handOn(ev, host);
          },
          true,
        );
        exercise.addEventListener("keydown", (ev) => {
          if (ev.key === "Escape") return;
          if (ev.target instanceof Element && ev.target.closest(CONTROL)) ev.stopPropagation();
        });
        return;
      }
      // the view is attached to the page after it renders; look again shortly
      if (tries++ < 50) setTimeout(mark, 100);
    };
    mark();
  },
};
