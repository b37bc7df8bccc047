// Inline each built page's critical CSS and load its stylesheets without
// blocking the first paint, with Beasties (pinned in package.json).
//
//   node critical.mjs <site folder> <cache folder> <folder relative to the site to skip>...
//
// Runs after PurgeCSS has trimmed the theme's stylesheets. A book page is a page
// that links the theme's stylesheet; other HTML (redirects, the in-browser
// notebooks) is left alone. For each page Beasties inlines the rules that match
// the page's own markup, and turns every screen stylesheet into one that loads
// with media="print" and switches to its own media when loaded (a <noscript>
// link keeps the full styles for readers without JavaScript). Rules that apply
// to states scripts set at run time before the stylesheets arrive are always
// inlined: dark mode (the theme sets data-theme on <html> from a script in the
// head, so a dark rule counts when the element it styles is on the page) and
// the course's own elements, which its scripts build. Stylesheets for
// print only are not touched. Prints a JSON line: {pages done, pages kept as
// they were, median bytes inlined, bundles}.
import { createHash } from "node:crypto";
import { mkdir, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join, relative, resolve, sep } from "node:path";

// the repository's node_modules, named by the build (ES imports ignore NODE_PATH)
const require = createRequire(join(process.env.COPROD_NODE_MODULES ?? "node_modules", "_"));
const Beasties = require("beasties");

const [site, cache, ...skipped] = process.argv.slice(2);
const SKIP_DIRS = new Set(["_static", "_sources", "_images", ".doctrees", "jupyter_execute"]);
const skip = new Set(skipped.map((folder) => resolve(site, folder)));
const BOOK_PAGE = "_static/styles/pydata-sphinx-theme.css";
// link media values that are screen styles (the rest, e.g. print, are left as they are)
const SCREEN_MEDIA = new Set(["", "all", "screen"]);
const THEME_ATTRIBUTE = /\[data-(?:theme|mode)\s*=\s*["']?[\w-]*["']?\s*\]/g;

class PageBeasties extends Beasties {
  page = "";
  sheets = new Map();

  // a page links its stylesheets relative to itself: read them from there, once
  async getCssAsset(href) {
    const file = resolve(dirname(this.page), href.split(/[?#]/)[0]);
    if (!file.startsWith(resolve(site) + sep) || !file.endsWith(".css")) return undefined;
    if (!this.sheets.has(file)) this.sheets.set(file, await readFile(file, "utf8"));
    return this.sheets.get(file);
  }

  // a dark-mode rule is critical when the element it styles is on the page
  // (the theme sets data-theme on <html> from a script, so the built page has neither mode)
  // (Beasties looks for matches inside <html>, so <html>'s own rules stand for the page's body)
  normalizeCssSelector(selector) {
    const normal = super.normalizeCssSelector(selector.replace(THEME_ATTRIBUTE, ""));
    return normal === "html" ? "body" : normal;
  }

  async fetchStylesheet(link, document) {
    const media = (link.getAttribute("media") ?? "").trim().toLowerCase();
    if (!SCREEN_MEDIA.has(media)) return undefined;
    const fetched = await super.fetchStylesheet(link, document);
    // the critical rules are merged into the first such <style>: named, so tests can find it
    fetched?.style.setAttribute("id", "critical-css");
    return fetched;
  }
}

const beasties = new PageBeasties({
  path: site,
  preload: "media",
  noscriptFallback: true,
  reduceInlineStyles: false, // the pages' own <style> blocks stay as written
  mergeStylesheets: true,
  compress: true,
  keyframes: "critical",
  inlineFonts: true, // the icon font's @font-face, so icons do not show as boxes until the stylesheet arrives
  preloadFonts: false,
  logLevel: "error", // not the selectors it cannot evaluate: they load with the full stylesheet
  allowRules: [/\.coprod-/],
});

async function walk(folder, out = []) {
  for (const entry of await readdir(folder, { withFileTypes: true })) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) {
      if (!SKIP_DIRS.has(entry.name) && !skip.has(resolve(path))) await walk(path, out);
    } else if (entry.name.endsWith(".html")) {
      out.push(path);
    }
  }
  return out;
}

// ---- one stylesheet per page instead of a dozen
// Each stylesheet that arrives after the first paint makes the browser restyle the
// whole page, a long task on a long scenario page. The page's screen stylesheets
// are joined, in their order, into one file (one per distinct set of sheets), with
// @import followed and url()s pointing from the new place, so it restyles once.

const BUNDLE_DIR = join(site, "_static", "styles");
const LINK = /<link\b[^>]*>/g;
const ATTRIBUTE = /([\w-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))/g;
const IMPORT = /@import\s+(?:url\(\s*)?["']?([^"')\s]+)["']?\s*\)?\s*;/g;
const CSS_URL = /url\(\s*(["']?)([^"')]+)\1\s*\)/g;
const bundles = new Map(); // joined file list -> bundle file

function attributes(tag) {
  return Object.fromEntries([...tag.matchAll(ATTRIBUTE)].map((m) => [m[1].toLowerCase(), m[2] ?? m[3] ?? m[4]]));
}

// a stylesheet's text with its @imports in place and its url()s relative to the bundle's folder
async function flatten(file, seen = new Set()) {
  if (seen.has(file)) return "";
  seen.add(file);
  let css = await readFile(file, "utf8");
  const imports = [];
  css = css.replace(IMPORT, (_, href) => {
    imports.push(resolve(dirname(file), href));
    return "";
  });
  const rebased = css.replace(CSS_URL, (whole, quote, href) => {
    if (/^(?:[a-z][\w+.-]*:|\/|#)/i.test(href)) return whole; // data:, absolute, fragment
    const target = relative(BUNDLE_DIR, resolve(dirname(file), href)).split(sep).join("/");
    return `url(${quote}${target}${quote})`;
  });
  let imported = "";
  for (const child of imports) imported += await flatten(child, seen);
  return `${imported}\n${rebased}`;
}

async function bundle(page, html) {
  const head = html.indexOf("</head>");
  const links = [...html.matchAll(LINK)].filter((m) => {
    if (m.index > head) return false;
    const attrs = attributes(m[0]);
    return (
      /\bstylesheet\b/i.test(attrs.rel ?? "") &&
      SCREEN_MEDIA.has((attrs.media ?? "").trim().toLowerCase()) &&
      !/^(?:[a-z][\w+.-]*:|\/\/)/i.test(attrs.href ?? "")
    );
  });
  if (links.length < 2) return html;
  const first = links[0].index;
  const last = links.at(-1).index + links.at(-1)[0].length;
  if (/<style\b/i.test(html.slice(first, last))) return html; // rules between them: keep their order as is
  const files = links.map((m) => resolve(dirname(page), attributes(m[0]).href.split(/[?#]/)[0]));
  const key = files.join("\n");
  if (!bundles.has(key)) {
    let css = "";
    for (const file of files) css += await flatten(file);
    const name = `coprod-${createHash("sha256").update(css).digest("hex").slice(0, 12)}.css`;
    await writeFile(join(BUNDLE_DIR, name), css, "utf8");
    bundles.set(key, join(BUNDLE_DIR, name));
  }
  const href = relative(dirname(page), bundles.get(key)).split(sep).join("/");
  let out = "";
  let at = 0;
  for (const [index, link] of links.entries()) {
    out += html.slice(at, link.index);
    if (index === 0) out += `<link rel="stylesheet" href="${href}">`;
    at = link.index + link[0].length;
  }
  return out + html.slice(at);
}

// ---- every page, every build, from the page as Sphinx wrote it
// Sphinx rewrites only the pages whose sources changed; the others are as this
// script left them last time. Each page as Sphinx wrote it is kept in the cache
// folder, and all pages are done again from there whenever a stylesheet (or this
// script) has changed, so no page keeps critical CSS or a bundle from an older build.

async function cssFiles(folder, out = []) {
  for (const entry of await readdir(folder, { withFileTypes: true })) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) await cssFiles(path, out);
    else if (entry.name.endsWith(".css") && !BUNDLE.test(entry.name)) out.push(path);
  }
  return out.sort();
}

const BUNDLE = /^coprod-[0-9a-f]{12}\.css$/;
const stampHash = createHash("sha256").update(await readFile(new URL(import.meta.url), "utf8"));
for (const file of await cssFiles(join(site, "_static"))) {
  stampHash.update(relative(site, file)).update(await readFile(file));
}
const stamp = stampHash.digest("hex");
const stampFile = join(cache, "stamp");
const lastStamp = await readFile(stampFile, "utf8").catch(() => "");

const inlined = [];
let kept = 0;
for (const page of await walk(site)) {
  const now = await readFile(page, "utf8");
  const cached = join(cache, relative(site, page));
  let html;
  if (now.includes('id="critical-css"')) {
    // done by an earlier build and not rewritten since
    if (stamp === lastStamp) {
      kept += 1;
      continue;
    }
    html = await readFile(cached, "utf8").catch(() => null);
    if (html === null) throw new Error(`${relative(site, page)} was processed before but is not in the cache: build again from clean`);
  } else {
    if (!now.includes(BOOK_PAGE)) continue;
    html = now;
    await mkdir(dirname(cached), { recursive: true });
    await writeFile(cached, html, "utf8");
  }
  html = await bundle(resolve(page), html);
  beasties.page = resolve(page);
  // Beasties marks <html> as the part of the page it read; the mark is of no use to readers
  const out = (await beasties.process(html)).replace(/(<html\b[^>]*?) data-beasties-container(="")?/, "$1");
  inlined.push(Math.max(0, ...[...out.matchAll(/<style id="critical-css">([^]*?)<\/style>/g)].map((style) => style[1].length)));
  await writeFile(page, out, "utf8");
}

// bundles no page links any more
const linked = new Set();
for (const page of await walk(site)) {
  for (const m of (await readFile(page, "utf8")).matchAll(/coprod-[0-9a-f]{12}\.css/g)) linked.add(m[0]);
}
for (const name of await readdir(BUNDLE_DIR).catch(() => [])) {
  if (BUNDLE.test(name) && !linked.has(name)) await rm(join(BUNDLE_DIR, name));
}
await mkdir(cache, { recursive: true });
await writeFile(stampFile, stamp, "utf8");
inlined.sort((a, b) => a - b);
console.log(JSON.stringify({ pages: inlined.length, kept, median: inlined[inlined.length >> 1] ?? 0, bundles: bundles.size }));
