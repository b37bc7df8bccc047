// Keys typed in an exercise's controls belong to the controls, not to JupyterLab's notebook shortcuts:
// without this, ↓ on a drop-down moves to the next cell and letters typed in command mode create, convert
// or delete cells. Like the course's RangeSlider, the exercise marks itself data-lm-suppress-shortcuts and
// stops a key typed in one of its controls from travelling on to the notebook. The key still does what
// the control does (nothing is prevented), and Escape still goes to the notebook, so a learner can leave.
const CONTROL = "select, input, textarea, button, [contenteditable], [tabindex]";

export default {
  render({ el }) {
    let tries = 0;
    const guard = (ev) => {
      if (ev.key === "Escape") return;
      if (ev.target instanceof Element && ev.target.closest(CONTROL)) ev.stopPropagation();
    };
    const mark = () => {
      const exercise = el.closest(".coprod-ex-widget");
      if (exercise) {
        if (exercise.hasAttribute("data-lm-suppress-shortcuts")) return;
        exercise.setAttribute("data-lm-suppress-shortcuts", "true");
        exercise.addEventListener("keydown", guard);
        return;
      }
      // the view is attached to the page after it renders; look again shortly
      if (tries++ < 50) setTimeout(mark, 100);
    };
    mark();
  },
};
