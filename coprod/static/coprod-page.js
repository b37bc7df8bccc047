// Entry point on the static site: mount every course element the page carries.
// (In Jupyter, anywidget loads coprod.js itself and calls its default render.)
import { mountAll } from "./coprod.js";

if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", () => mountAll());
else mountAll();
