// Entry point on the static site: mount every course element the page carries.
// (In Jupyter, anywidget loads coprod.js itself and calls its default render.)
import { mountAll } from "./coprod.js";
import { findIdentifying } from "./deid.js";
import { fillStory } from "./story.js";

// reflection boxes warn (never block) when the text may identify someone
const mount = () => mountAll(document, fillStory, { checkText: (text) => findIdentifying(text) });
if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", mount);
else mount();
