// A scenario's story is sent once: its long texts are in the page's readable
// fallback (marked data-t="n"), and the player's data holds {"$t": n} in their
// place (coprod/render/html.py). fillStory puts the texts back before the
// player mounts. It only runs on the static site; in Jupyter the widget gets
// the whole data.

function textOf(node) {
  // a block's paragraphs, joined as blank-line breaks (the player splits them again)
  if (node.tagName === "DIV") return Array.from(node.children, (p) => p.textContent).join("\n\n");
  return node.textContent;
}

export function fillStory(content, el) {
  const texts = new Map();
  for (const node of el.querySelectorAll(".coprod-fallback [data-t]")) texts.set(node.dataset.t, textOf(node));
  const fill = (value) => {
    if (Array.isArray(value)) return value.map(fill);
    if (value === null || typeof value !== "object") return value;
    const keys = Object.keys(value);
    if (keys.length === 1 && keys[0] === "$t") {
      const text = texts.get(String(value.$t));
      // a page whose fallback lost a text keeps showing the fallback, which is complete
      if (text === undefined) throw new Error(`the story's text ${value.$t} is missing from the page`);
      return text;
    }
    for (const key of keys) value[key] = fill(value[key]);
    return value;
  };
  return fill(content);
}
