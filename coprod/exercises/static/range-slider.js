export default {
  render({ model, el }) {
    const label = document.createElement("label");
    label.className = "coprod-ex-range";
    // keys typed here belong to the slider, not to JupyterLab's notebook shortcuts
    label.setAttribute("data-lm-suppress-shortcuts", "true");
    label.style.cssText =
      "display:flex;align-items:center;gap:.8em;margin:.3em 0;font-size:var(--jp-widgets-font-size,13px)";
    const text = document.createElement("span");
    const input = document.createElement("input");
    input.type = "range";
    input.step = "1";
    input.style.cssText = "width:18rem;max-width:60%";
    const shown = document.createElement("output");
    shown.style.cssText = "min-width:2em;font-weight:bold";
    const sync = () => {
      text.textContent = model.get("description");
      input.min = String(model.get("min"));
      input.max = String(model.get("max"));
      input.value = String(model.get("value"));
      shown.textContent = String(model.get("value"));
    };
    input.addEventListener("input", () => {
      shown.textContent = input.value;
    });
    // JupyterLab's notebook takes arrow keys for moving between cells, so the slider handles its own keys
    const steps = { ArrowRight: 1, ArrowUp: 1, ArrowLeft: -1, ArrowDown: -1, PageUp: 2, PageDown: -2 };
    input.addEventListener("keydown", (ev) => {
      const lo = model.get("min"),
        hi = model.get("max");
      let next = null;
      if (ev.key in steps) next = Number(input.value) + steps[ev.key];
      else if (ev.key === "Home") next = lo;
      else if (ev.key === "End") next = hi;
      if (next === null) return;
      ev.preventDefault();
      ev.stopPropagation();
      next = Math.max(lo, Math.min(hi, next));
      input.value = String(next);
      shown.textContent = String(next);
      model.set("value", next);
      model.save_changes();
    });
    input.addEventListener("change", () => {
      model.set("value", Number(input.value));
      model.save_changes();
    });
    model.on("change", sync);
    sync();
    label.append(text, input, shown);
    el.append(label);
  },
};
