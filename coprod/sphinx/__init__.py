"""Sphinx extension: wires the engine into the book build.

- checks all content at the start of the build and reports each problem as a
  warning at its file and line (so ``-W`` fails the build with a clear message);
- makes pages that show an element depend on its YAML file, and stamps the
  display call with a hash of that file, so ``execute_notebooks: cache``
  re-runs the page when the content changes and never shows a stale version;
- adds the ES module and its CSS only to pages that show an element, and
  drops the widget state myst-nb would embed for a widget manager the site does not load;
- resolves ``coprod-ref:<label>`` links written by the display objects;
- for the learner edition (``COPROD_LEARNER_BUILD=1`` or ``coprod_learner_build``),
  leaves out facilitator notes, model answers and sphinx-exercise solutions.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import re
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms import SphinxTransform
from sphinx.util import logging


from ..content.labels import REF_PREFIX
from ..content.loader import CONTENT_DIRS, find_content_root, load_course

__all__ = ["setup"]

logger = logging.getLogger(__name__)

STATIC = Path(__file__).parents[1] / "static"
TEMPLATES = Path(__file__).parents[1] / "templates"
_CALL = re.compile(r"""^(?P<call>\s*(?:coprod\.)?show(?:_\w+)?\(\s*["'](?P<id>[a-z0-9-]+)["'][^\n]*?\))[ \t]*(?:#[^\n]*)?$""", re.M)
_RECORD_CALL = re.compile(r"""^(?P<call>\s*(?:coprod\._record\.)?show_record\([^\n]*?\))[ \t]*(?:#[^\n]*)?$""", re.M)
_MODULE = re.compile(r'data-coprod-module="([a-z][a-z0-9-]*)"')
_REF = re.compile(re.escape(REF_PREFIX) + r"([A-Za-z0-9_-]+)")


def _course(app: Sphinx):
    if not hasattr(app, "_coprod_course"):
        root = find_content_root(Path(app.srcdir))
        app._coprod_course = load_course([root / d for d in CONTENT_DIRS if (root / d).is_dir()])
    return app._coprod_course


def _check_content(app: Sphinx) -> None:
    for problem in _course(app).problems:
        logger.warning(f"{problem.field + ': ' if problem.field else ''}{problem.message}",
                       location=(str(Path(app.srcdir) / problem.path) if not Path(problem.path).is_absolute() else problem.path, problem.line),
                       type="coprod", subtype="content")


def _stamp_calls(app: Sphinx, docname: str, source: list[str]) -> None:
    text = source[0]
    if "show" not in text:
        return
    elements = _course(app).elements

    def stamp(match: re.Match) -> str:
        loaded = elements.get(match.group("id"))
        if loaded is None:
            return match.group(0)
        app.env.note_dependency(str(loaded.path))
        digest = hashlib.sha256(loaded.path.read_bytes()).hexdigest()[:12]
        return f"{match.group('call')}  # content {digest}"

    source[0] = _CALL.sub(stamp, text)
    if "show_agenda(" in source[0] or "show_paperwork(" in source[0]:
        _stamp_plan_calls(app, source)
    if "show_record(" in source[0]:
        _stamp_record_calls(app, source)


_PLAN_CALL = re.compile(r"""^(?P<call>\s*show_(?:agenda|paperwork)\((?:\s*["'][a-z-]+["']\s*,)?\s*["'](?P<plan>[a-z0-9-]+)["']\s*\))[ \t]*(?:#[^\n]*)?$""", re.M)


def _stamp_plan_calls(app: Sphinx, source: list[str]) -> None:
    # agenda mode and paperwork are drawn from a workshop plan (and the scenarios it plays):
    # re-run the page when the plan or any content changes
    from ..content.plans import plan_dir

    root = find_content_root(Path(app.srcdir))
    watched = [loaded.path for loaded in _course(app).elements.values()]

    def stamp(match: re.Match) -> str:
        plan = plan_dir(root) / f"{match.group('plan')}.yml"
        if not plan.exists():
            return match.group(0)  # the page's own execution will say the plan is unknown
        digest = hashlib.sha256()
        for path in [plan, *watched]:
            app.env.note_dependency(str(path))
            digest.update(path.read_bytes())
        return f"{match.group('call')}  # plan {digest.hexdigest()[:12]}"

    source[0] = _PLAN_CALL.sub(stamp, source[0])


def _stamp_record_calls(app: Sphinx, source: list[str]) -> None:
    # A record page carries a manifest of the whole course (elements, module
    # times read from the pages): re-run it when any of that changes.
    import json

    from .._record import record_manifest

    root = find_content_root(Path(app.srcdir))
    watched = [loaded.path for loaded in _course(app).elements.values()]
    watched += sorted((root / "book").glob("*/*.md")) + [Path(__file__).parents[1] / "_record.py"]
    for path in watched:
        app.env.note_dependency(str(path))
    try:
        manifest = json.dumps(record_manifest(root), sort_keys=True).encode()
    except (OSError, ValueError):
        return  # the page's own execution will report the problem
    digest = hashlib.sha256(manifest).hexdigest()[:12]
    source[0] = _RECORD_CALL.sub(lambda m: f"{m.group('call')}  # record {digest}", source[0])


def _drop_widget_state(app: Sphinx, doctree) -> None:
    # myst-nb embeds the saved widget state (the whole engine again, per element)
    # for a widget manager the site never loads: the page shows text/html instead.
    metadata = getattr(app.env, "nb_metadata", {}).get(app.env.docname, {})
    js_files = metadata.get("js_files", {})
    for key in [k for k in js_files if k.startswith("ipywidgets")]:
        del js_files[key]


#: head scripts that must run before the page's inline scripts use them
_KEEP_BLOCKING = ("documentation_options.js", "doctools.js")  # the search page calls _ready() inline


def _defer_head_scripts(context: dict) -> None:
    # Sphinx and its extensions put plain <script src> tags in the head, which
    # block the first paint; none of them needs to run before the page is parsed.
    for script in context.get("script_files", []):
        filename = getattr(script, "filename", None)
        attributes = getattr(script, "attributes", None)
        if (filename and attributes is not None and not filename.endswith(_KEEP_BLOCKING)
                and attributes.get("type", "text/javascript") == "text/javascript"
                and "async" not in attributes):
            attributes["defer"] = "defer"


def _page_context(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    _defer_head_scripts(context)
    body = context.get("body", "")
    if "coprod-el" in body:
        app.add_js_file("coprod/coprod.js", type="module")
        app.add_css_file("coprod/coprod.css")
    # pages that need another of the package's ES modules say so in their HTML
    for name in sorted(set(_MODULE.findall(body))):
        if (STATIC / f"{name}.js").exists():
            app.add_js_file(f"coprod/{name}.js", type="module")
        if (STATIC / f"{name}.css").exists():
            app.add_css_file(f"coprod/{name}.css")
    if 'role="doc-biblioentry"' in body:
        # Sphinx puts citations (role doc-biblioentry, deprecated in ARIA 1.2) in a
        # role="list", which may only hold list items: axe rates that critical.
        body = context["body"] = body.replace('role="doc-biblioentry"', 'role="listitem"')
    if REF_PREFIX in body:
        labels = app.env.get_domain("std").labels

        def resolve(match: re.Match) -> str:
            label = match.group(1).lower()
            if label not in labels:
                logger.warning(f"content links to unknown section label '{match.group(1)}'",
                               location=pagename, type="coprod", subtype="ref")
                return "#"
            docname, anchor, _title = labels[label]
            uri = app.builder.get_relative_uri(pagename, docname)
            return f"{uri}#{anchor}" if anchor else uri

        context["body"] = _REF.sub(resolve, body)


def _copy_assets(app: Sphinx) -> None:
    # before pages are written, so Sphinx can stamp the files' checksums into the links
    if app.builder.format != "html":
        return
    target = Path(app.outdir) / "_static" / "coprod"
    target.mkdir(parents=True, exist_ok=True)
    for source in sorted(STATIC.glob("*.js")) + sorted(STATIC.glob("*.css")):
        shutil.copyfile(source, target / source.name)


#: classes of the blocks the learner edition leaves out (notebook cells tagged
#: coprod-facilitator or coprod-answer carry them as tag_ classes)
LEARNER_BUILD_DROPS = ("coprod-facilitator", "coprod-answer", "tag_coprod-facilitator", "tag_coprod-answer")


def _learner_build(config) -> bool:
    return bool(config.coprod_learner_build) or os.environ.get("COPROD_LEARNER_BUILD") == "1"


def _configure_learner_build(app: Sphinx, config) -> None:
    if not _learner_build(config):
        return
    config.hide_solutions = True  # sphinx-exercise leaves solutions out
    # the pages' outputs do not change between editions: reuse the main build's cache
    main_cache = Path(app.confdir) / "_build" / ".jupyter_cache"
    if main_cache.is_dir() and not config.nb_execution_cache_path:
        config.nb_execution_cache_path = str(main_cache)


class DropForLearners(SphinxTransform):
    """In the learner edition, remove facilitator notes and model answers, and sections left empty."""

    default_priority = 500

    def apply(self, **kwargs) -> None:
        if not _learner_build(self.config):
            return
        for node in list(self.document.findall(nodes.Element)):
            if node.parent is not None and set(node.get("classes", [])) & set(LEARNER_BUILD_DROPS):
                node.parent.remove(node)
        for section in list(self.document.findall(nodes.section)):
            if section.parent is not None and all(isinstance(c, (nodes.title, nodes.target)) for c in section.children):
                section.parent.remove(section)


_ICON_RULE = re.compile(r'(?:\.fa-[a-z0-9-]+:(?:before|after),?)+\{content:"[^"]*"\}')
_ICON_NAME = re.compile(r"fa-[a-z0-9-]+")


def _purge_icon_css(app: Sphinx, exception: Exception | None) -> None:
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


def _add_templates(app: Sphinx, config) -> None:
    # theme template overrides that fix accessibility faults of the stock theme
    if str(TEMPLATES) not in config.templates_path:
        config.templates_path.insert(0, str(TEMPLATES))


def setup(app: Sphinx) -> dict:
    app.add_config_value("coprod_learner_build", False, "env")
    app.connect("config-inited", _add_templates)
    app.connect("config-inited", _configure_learner_build)
    app.add_transform(DropForLearners)
    app.connect("builder-inited", _check_content)
    app.connect("source-read", _stamp_calls)
    app.connect("doctree-read", _drop_widget_state)
    app.connect("html-page-context", _page_context)
    app.connect("builder-inited", _copy_assets)
    app.connect("build-finished", _purge_icon_css)
    return {"version": "0.1", "parallel_read_safe": True, "parallel_write_safe": True}
