"""Fixes to the stock theme: accessibility faults, render-blocking scripts, unused CSS, meta descriptions."""

from __future__ import annotations

import html
import json
import os
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
    "fix_citation_roles",
    "purge_theme_css",
]

TEMPLATES = Path(__file__).parents[1] / "templates"


def add_templates(app: Sphinx, config) -> None:
    # theme template overrides that fix accessibility faults of the stock theme
    if str(TEMPLATES) not in config.templates_path:
        config.templates_path.insert(0, str(TEMPLATES))


#: head scripts that must run before the page's inline scripts use them
_KEEP_BLOCKING = ("documentation_options.js", "doctools.js")  # the search page calls _ready() inline


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


def _node_modules(app: Sphinx) -> Path | None:
    # the repository's node_modules (npm ci), next to the package or the book
    for root in (Path(__file__).parents[2], Path(app.srcdir)):
        if (root / "node_modules" / "purgecss").is_dir():
            return root / "node_modules"
    return None


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
    result = subprocess.run(
        [node, str(PURGE_SCRIPT), str(out), *sheets],
        capture_output=True,
        text=True,
        env={**os.environ, "COPROD_NODE_MODULES": str(modules)},
        timeout=300,
    )
    if result.returncode != 0:
        raise RuntimeError(f"PurgeCSS failed: {result.stderr.strip()[-2000:]}")
    sizes = json.loads(result.stdout.strip().splitlines()[-1])
    for sheet, (before, after) in sizes.items():
        logger.info(f"coprod: {sheet} trimmed from {before // 1024} KB to {after // 1024} KB")


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
