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

export default {
  render({ el }) {
    let tries = 0;
    const mark = () => {
      const exercise = el.closest(".coprod-ex-widget");
      if (exercise) {
        if (exercise.hasAttribute("data-lm-suppress-shortcuts")) return;
        exercise.setAttribute("data-lm-suppress-shortcuts", "true");
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
