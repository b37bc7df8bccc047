// Entry point on the static site: mount every course element the page carries.
// (In Jupyter, anywidget loads coprod.js itself and calls its default render.)
import { mountAll } from "./coprod.js";
import { fillStory } from "./story.js";

const mount = () => mountAll(document, fillStory);
if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", mount);
else mount();
