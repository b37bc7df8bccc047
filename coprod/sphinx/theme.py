"""Fixes to the stock theme: accessibility faults, render-blocking scripts, unused CSS, meta descriptions."""

from __future__ import annotations

import html
import json
import logging as pylogging
import os
import re
import shutil
import subprocess
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.util import logging

logger = logging.getLogger(__name__)

__all__ = [
    "TEMPLATES",
    "add_meta_description",
    "add_templates",
    "defer_head_scripts",
    "defer_sphinx_options",
    "fix_citation_roles",
    "inline_critical_css",
    "purge_theme_css",
    "subset_icon_fonts",
]

TEMPLATES = Path(__file__).parents[1] / "templates"


def add_templates(app: Sphinx, config) -> None:
    # theme template overrides that fix accessibility faults of the stock theme
    if str(TEMPLATES) not in config.templates_path:
        config.templates_path.insert(0, str(TEMPLATES))


#: head scripts the page's inline scripts use at once: defer_head_scripts leaves them blocking, and
#: defer_sphinx_options defers them on every page but the search page, which calls _ready() inline
_KEEP_BLOCKING = ("documentation_options.js", "doctools.js")


def defer_head_scripts(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    # Sphinx and its extensions put plain <script src> tags in the head, which
    # block the first paint; none of them needs to run before the page is parsed.
    for script in context.get("script_files", []):
        filename = getattr(script, "filename", None)
        attributes = getattr(script, "attributes", None)
        if (
            filename
            and attributes is not None
            and not filename.endswith(_KEEP_BLOCKING)
            and attributes.get("type", "text/javascript") == "text/javascript"
            and "async" not in attributes
        ):
            attributes["defer"] = "defer"


def defer_sphinx_options(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    """Also defer Sphinx's own two head scripts on every page but the search page.

    documentation_options.js and doctools.js block the first paint only because
    small inline scripts (the theme's ``DOCUMENTATION_OPTIONS.pagename = ...``)
    use them at once. Those inline scripts become modules, which run after the
    page is parsed, in order with the deferred scripts, so they still find
    DOCUMENTATION_OPTIONS. The search page calls them inline and keeps them as they are.
    Runs last (a late priority), once the theme has added its inline scripts.
    """
    if pagename == "search":
        return
    from sphinx.builders.html._assets import _JavaScript

    scripts = context.get("script_files", [])
    for index, script in enumerate(scripts):
        filename = getattr(script, "filename", None)
        attributes = dict(getattr(script, "attributes", None) or {})
        priority = getattr(script, "priority", 500)
        if filename and str(filename).endswith(_KEEP_BLOCKING) and "defer" not in attributes:
            attributes["defer"] = "defer"
        elif not filename and "DOCUMENTATION_OPTIONS" in attributes.get("body", ""):
            attributes["type"] = "module"
        else:
            continue
        # a copy for this page: the builder puts the shared list back after each page
        scripts[index] = _JavaScript(filename, priority=priority, **attributes)


def fix_citation_roles(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    body = context.get("body", "")
    if 'role="doc-biblioentry"' in body:
        # Sphinx puts citations (role doc-biblioentry, deprecated in ARIA 1.2) in a
        # role="list", which may only hold list items: axe rates that critical.
        context["body"] = body.replace('role="doc-biblioentry"', 'role="listitem"')


#: the theme's stylesheets, trimmed after the build (the render-blocking ones first)
THEME_SHEETS = (
    "_static/styles/pydata-sphinx-theme.css",
    "_static/styles/sphinx-book-theme.css",
    "_static/styles/theme.css",
)
PURGE_SCRIPT = Path(__file__).with_name("purge.mjs")


def _node_modules(app: Sphinx, package: str = "purgecss") -> Path | None:
    # the repository's node_modules (npm ci), next to the package or the book
    for root in (Path(__file__).parents[2], Path(app.srcdir)):
        if (root / "node_modules" / package).is_dir():
            return root / "node_modules"
    return None


def _run_node(tool: str, command: list[str], modules: Path, timeout: int) -> dict:
    """Run one of the build's node scripts; its last line of output is a JSON summary."""
    result = subprocess.run(
        command,
        capture_output=True,
        text=True,
        env={**os.environ, "COPROD_NODE_MODULES": str(modules)},
        timeout=timeout,
    )
    if result.returncode != 0:
        raise RuntimeError(f"{tool} failed: {result.stderr.strip()[-2000:]}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def purge_theme_css(app: Sphinx, exception: Exception | None) -> None:
    """Trim the theme's stylesheets to the rules the built pages and scripts can use.

    PurgeCSS (pinned in package.json) reads every built page and script; the
    safelist in purge.mjs keeps what scripts add at run time (dark mode,
    dropdowns, search, the sidebars, the course's own elements).
    """
    if exception or app.builder.format != "html":
        return
    out = Path(app.outdir)
    sheets = [sheet for sheet in THEME_SHEETS if (out / sheet).exists()]
    modules = _node_modules(app)
    node = shutil.which("node")
    if not sheets:
        return
    if modules is None or node is None:
        logger.info("coprod: the theme's stylesheets are not trimmed (run 'npm ci' to install PurgeCSS)")
        return
    sizes = _run_node("PurgeCSS", [node, str(PURGE_SCRIPT), str(out), *sheets], modules, timeout=300)
    for sheet, (before, after) in sizes.items():
        logger.info(f"coprod: {sheet} trimmed from {before // 1024} KB to {after // 1024} KB")


#: the icon fonts the theme ships (Font Awesome 6): about 300 KB, of which the pages draw some thirty glyphs
ICON_FONTS = Path("_static") / "vendor" / "fontawesome" / "webfonts"
_PRIVATE_USE = range(0xE000, 0xF900)  # where icon fonts put their glyphs
_ESCAPE = re.compile(r"\\([0-9a-fA-F]{4,6})")


def _icon_codepoints(out: Path) -> set[int]:
    """The private-use characters the site's stylesheets draw (as CSS escapes or as characters)."""
    found: set[int] = set()
    for sheet in out.rglob("*.css"):
        if sheet.relative_to(out).parts[0] in NOT_BOOK_PAGES:
            continue
        text = sheet.read_text(encoding="utf-8", errors="replace")
        found.update(int(code, 16) for code in _ESCAPE.findall(text))
        found.update(map(ord, text))
    return {code for code in found if code in _PRIVATE_USE}


def subset_icon_fonts(app: Sphinx, exception: Exception | None) -> None:
    """Cut the theme's icon fonts down to the glyphs the site's stylesheets use (fontTools).

    Runs after PurgeCSS, so the stylesheets hold only the icon rules that a page
    or a script can use; each font is subset from the theme's own copy, so an
    icon added later is found on the next build. A phone then fetches about
    3 KB of icons instead of 156 KB before it can draw the header.
    """
    if exception or app.builder.format != "html":
        return
    out = Path(app.outdir)
    fonts = sorted(p for p in (out / ICON_FONTS).glob("*") if p.suffix in (".woff2", ".ttf"))
    if not fonts:
        return
    try:
        from fontTools import subset
    except ImportError:
        logger.info("coprod: the icon fonts are not subset (install fonttools and brotli)")
        return
    codepoints = _icon_codepoints(out)
    if not codepoints:
        return
    pylogging.getLogger("fontTools").setLevel(pylogging.WARNING)  # it reports every table it prunes
    originals = _theme_static_dir()
    before = after = 0
    for font_file in fonts:
        original = originals / ICON_FONTS.relative_to("_static") / font_file.name if originals else None
        source = original if original and original.exists() else font_file
        options = subset.Options()
        options.flavor = "woff2" if font_file.suffix == ".woff2" else None
        options.layout_features = ["*"]
        font = subset.load_font(str(source), options)
        subsetter = subset.Subsetter(options)
        subsetter.populate(unicodes=codepoints)
        subsetter.subset(font)
        before += source.stat().st_size
        subset.save_font(font, str(font_file), options)
        after += font_file.stat().st_size
    logger.info(
        f"coprod: icon fonts cut to the {len(codepoints)} glyphs the stylesheets use "
        f"({before // 1024} KB to {after // 1024} KB)"
    )


def _theme_static_dir() -> Path | None:
    try:
        import pydata_sphinx_theme
    except ImportError:
        return None
    folder = Path(pydata_sphinx_theme.__file__).parent / "theme" / "pydata_sphinx_theme" / "static"
    return folder if folder.is_dir() else None


CRITICAL_SCRIPT = Path(__file__).with_name("critical.mjs")
#: folders of the built site that are not book pages (the in-browser notebooks)
NOT_BOOK_PAGES = ("lite",)


def inline_critical_css(app: Sphinx, exception: Exception | None) -> None:
    """Inline each book page's critical CSS and load its stylesheets without blocking the first paint.

    Beasties (pinned in package.json) runs after PurgeCSS: it inlines the rules
    that match the page's markup (and the dark-mode and course rules that
    scripts need at once), and loads every screen stylesheet asynchronously,
    with a <noscript> link for readers without JavaScript.
    """
    if exception or app.builder.format != "html":
        return
    out = Path(app.outdir)
    if not (out / THEME_SHEETS[0]).exists():
        return  # not the book's theme: no book pages
    modules = _node_modules(app, "beasties")
    node = shutil.which("node")
    if modules is None or node is None:
        logger.info("coprod: critical CSS is not inlined (run 'npm ci' to install Beasties)")
        return
    kept = str(Path(app.doctreedir) / "coprod-critical")
    summary = _run_node(
        "Beasties", [node, str(CRITICAL_SCRIPT), str(out), kept, *NOT_BOOK_PAGES], modules, timeout=900
    )
    logger.info(
        f"coprod: critical CSS inlined in {summary['pages']} pages (median {summary['median'] // 1024} KB), "
        f"{summary['kept']} kept from the last build, {summary['bundles']} stylesheet bundles"
    )


_ONE_LINE = "In one line:"


def _promise(doctree) -> str:
    """The page's one-line promise ("In one line: ..."), else its first full paragraph."""
    from docutils import nodes

    first = ""
    for paragraph in doctree.findall(nodes.paragraph):
        text = " ".join(paragraph.astext().split())
        if text.startswith(_ONE_LINE):
            return text[len(_ONE_LINE) :].strip()
        if not first and len(text) >= 60:
            first = text
    return first


def _shorten(text: str, limit: int = 160) -> str:
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:")
    return cut + "…"


_FALLBACK = {
    "search": "Search the co-production course: modules, scenarios, workshop plans and the glossary.",
    "genindex": "Index of the terms used in the co-production course.",
}


def add_meta_description(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    # search engines and link previews show this; Lighthouse's SEO audit asks for one per page
    text = _promise(doctree) if doctree is not None else ""
    text = text or _FALLBACK.get(pagename.rsplit("/", 1)[-1], "")
    text = text[:1].upper() + text[1:]
    metatags = context.get("metatags", "")
    if text and 'name="description"' not in metatags:
        context["metatags"] = (
            metatags + f'\n<meta name="description" content="{html.escape(_shorten(text))}" />'
        )
