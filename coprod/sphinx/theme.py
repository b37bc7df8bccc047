"""Fixes to the stock theme: accessibility faults, render-blocking scripts, unused icon rules."""

from __future__ import annotations

import re
from pathlib import Path

from sphinx.application import Sphinx

__all__ = ["TEMPLATES", "add_templates", "defer_head_scripts", "fix_citation_roles", "purge_icon_css"]

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
        if (filename and attributes is not None and not filename.endswith(_KEEP_BLOCKING)
                and attributes.get("type", "text/javascript") == "text/javascript"
                and "async" not in attributes):
            attributes["defer"] = "defer"


def fix_citation_roles(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    body = context.get("body", "")
    if 'role="doc-biblioentry"' in body:
        # Sphinx puts citations (role doc-biblioentry, deprecated in ARIA 1.2) in a
        # role="list", which may only hold list items: axe rates that critical.
        context["body"] = body.replace('role="doc-biblioentry"', 'role="listitem"')


_ICON_RULE = re.compile(r'(?:\.fa-[a-z0-9-]+:(?:before|after),?)+\{content:"[^"]*"\}')
_ICON_NAME = re.compile(r"fa-[a-z0-9-]+")


def purge_icon_css(app: Sphinx, exception: Exception | None) -> None:
    """Drop the theme stylesheet's rules for the ~1,900 Font Awesome icons no page uses.

    The stylesheet blocks the first paint; these rules are about a third of it
    gzipped. Icons named anywhere in the built pages or scripts are kept.
    """
    if exception or app.builder.format != "html":
        return
    out = Path(app.outdir)
    css = out / "_static" / "styles" / "pydata-sphinx-theme.css"
    if not css.exists():
        return
    used: set[str] = set()
    for path in [*out.rglob("*.html"), *(out / "_static").rglob("*.js")]:
        if path.name != "fontawesome.js":
            used.update(_ICON_NAME.findall(path.read_text(encoding="utf-8", errors="ignore")))

    def keep(match: re.Match) -> str:
        names = re.findall(r"\.(fa-[a-z0-9-]+):", match.group(0))
        return match.group(0) if any(name in used for name in names) else ""

    text = css.read_text(encoding="utf-8")
    css.write_text(_ICON_RULE.sub(keep, text), encoding="utf-8")
