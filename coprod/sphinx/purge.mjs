// Trim the theme's stylesheets of the built site with PurgeCSS (pinned in package.json).
//
//   node purge.mjs <site folder> <stylesheet relative to the site>...
//
// Content is every built page and every script under _static (except the icon
// library and the search index, which name things no page shows), so classes
// that the theme's and the course's scripts add at run time are found in the
// scripts' own text. The safelist keeps what is built from pieces at run time
// or chosen by attributes. Prints a JSON line: {file: [bytes before, after]}.
import { readFile, readdir, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { join } from "node:path";

// the repository's node_modules, named by the build (ES imports ignore NODE_PATH)
const require = createRequire(join(process.env.COPROD_NODE_MODULES ?? "node_modules", "_"));
const { PurgeCSS } = require("purgecss");

const [site, ...sheets] = process.argv.slice(2);
const SKIP_DIRS = new Set(["_sources", "_images", ".doctrees", "jupyter_execute"]);
const SKIP_SCRIPTS = new Set(["fontawesome.js", "searchindex.js"]);

async function walk(folder, out = []) {
  for (const entry of await readdir(folder, { withFileTypes: true })) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) {
      if (!SKIP_DIRS.has(entry.name)) await walk(path, out);
    } else if (entry.name.endsWith(".html") || (entry.name.endsWith(".js") && !SKIP_SCRIPTS.has(entry.name))) {
      out.push(path);
    }
  }
  return out;
}

const content = await walk(site);
const results = await new PurgeCSS().purge({
  content,
  css: sheets.map((sheet) => join(site, sheet)),
  // keep @font-face, @keyframes and custom properties: cheap, and used from other sheets
  fontFace: false,
  keyframes: false,
  variables: false,
  rejected: false,
  safelist: {
    standard: [
      /^coprod-/, // the course's engine builds its class names at run time
      /^show$/, /^showing$/, /^hiding$/, /^collapsing$/, /^collapse$/, /^active$/, /^open$/, /^fade$/,
      /^dropdown/, /^tooltip/, /^bs-tooltip/, /^popover/, /^bs-popover/, /^modal/, /^offcanvas/,
      /^search/, /^highlighted$/, /^highlight/, /^toggle/, /^tippy/, /^sd-/, /^exercise/, /^solution/,
      /^admonition/, /^pst-/, /^bd-/, /^primary-toggle$/, /^secondary-toggle$/, /^sidebar/, /^theme-switch/,
      /^dark/, /^light/, /^scrolled$/, /^no-js$/, /^kbd$/,
    ],
    // selectors chosen by an attribute or a state the scripts set (dark mode, open details, ARIA)
    greedy: [/data-theme/, /data-mode/, /data-bs-/, /aria-/, /details/, /\[open\]/, /:checked/, /dialog/],
  },
});

const sizes = {};
for (const result of results) {
  const before = (await readFile(result.file, "utf8")).length;
  await writeFile(result.file, result.css, "utf8");
  sizes[result.file.slice(site.length + 1)] = [before, result.css.length];
}
console.log(JSON.stringify(sizes));
