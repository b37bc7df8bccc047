"""The engine's files on the built site, added only to the pages that use them."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.util import logging

__all__ = ["STATIC", "VENDOR", "add_page_assets", "copy_assets", "copy_vendor", "drop_widget_state"]

logger = logging.getLogger(__name__)

STATIC = Path(__file__).parents[1] / "static"
#: third-party browser builds served from the site's own _static/coprod/vendor/,
#: copied from node_modules (npm ci, pinned in package.json) with their licences:
#: (package, file in the package, name on the site, licence file in the package)
VENDOR = (("docx", "dist/index.mjs", "docx.mjs", "LICENSE"),)
_MODULE = re.compile(r'data-coprod-module="([a-z][a-z0-9-]*)"')


def drop_widget_state(app: Sphinx, doctree) -> None:
    # myst-nb embeds the saved widget state (the whole engine again, per element)
    # for a widget manager the site never loads: the page shows text/html instead.
    metadata = getattr(app.env, "nb_metadata", {}).get(app.env.docname, {})
    js_files = metadata.get("js_files", {})
    for key in [k for k in js_files if k.startswith("ipywidgets")]:
        del js_files[key]


def add_page_assets(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    body = context.get("body", "")
    app.add_css_file("coprod/layout.css")  # small layout fixes every page needs on a phone (no engine code)
    modules = sorted(set(_MODULE.findall(body)))
    if "coprod-el" in body or modules:
        app.add_css_file("coprod/tokens.css")  # the course's colours, before any stylesheet that uses them
    if "coprod-el" in body:
        app.add_js_file("coprod/coprod-page.js", type="module")
        app.add_css_file("coprod/coprod.css")
    if "coprod-el" in body or modules:
        app.add_css_file("coprod/store.css")  # every engine module runs store.js, which may show its warning
    # pages that need another of the package's ES modules say so in their HTML
    for name in modules:
        if (STATIC / f"{name}.js").exists():
            app.add_js_file(f"coprod/{name}.js", type="module")
        if (STATIC / f"{name}.css").exists():
            app.add_css_file(f"coprod/{name}.css")


def copy_assets(app: Sphinx) -> None:
    # before pages are written, so Sphinx can stamp the files' checksums into the links
    if app.builder.format != "html":
        return
    target = Path(app.outdir) / "_static" / "coprod"
    target.mkdir(parents=True, exist_ok=True)
    # the ES modules keep their folders (record.js imports ./record/model.js, which imports ../store.js)
    for source in sorted(p for p in STATIC.rglob("*") if p.suffix in (".js", ".css", ".json")):
        out = target / source.relative_to(STATIC)
        out.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, out)
    copy_vendor(app, target / "vendor")


def _node_modules(app: Sphinx) -> Path | None:
    for root in (Path(__file__).parents[2], Path(app.srcdir)):
        if (root / "node_modules").is_dir():
            return root / "node_modules"
    return None


def copy_vendor(app: Sphinx, target: Path) -> None:
    """Copy each vendored browser build and its licence; say what is missing.

    Only the Word download needs these, and only when a learner asks for it: a site
    built without ``npm ci`` still works, and its record page says the Word file is
    not available and offers Markdown and print instead.
    """
    modules = _node_modules(app)
    target.mkdir(parents=True, exist_ok=True)
    for package, path, name, licence in VENDOR:
        source = modules / package / path if modules else None
        if source is None or not source.is_file():
            logger.info(
                f"coprod: {package} not found in node_modules (run 'npm ci'); the Word download is off"
            )
            continue
        shutil.copyfile(source, target / name)
        licence_text = (modules / package / licence).read_text(encoding="utf-8")
        version = json.loads((modules / package / "package.json").read_text(encoding="utf-8"))["version"]
        (target / f"{name}.LICENSE.txt").write_text(
            f"{name} is the browser build of the npm package {package} {version} ({path}).\n\n{licence_text}",
            encoding="utf-8",
        )
