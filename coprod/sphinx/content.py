"""Content in the build: every problem as a warning at its file and line, and stamps that re-run edited pages.

Pages that show an element depend on its YAML file, and the display call is
stamped with a hash of that file and of the rendering code, so
``execute_notebooks: cache`` re-runs the page when either changes and never
shows a stale version.
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.util import logging

from ..content.loader import CONTENT_DIRS, Course, find_content_root, load_course

__all__ = ["check_content", "course_of", "merge_element_pages", "rerun_on_new_render_code", "stamp_calls"]

logger = logging.getLogger(__name__)

_CALL = re.compile(
    r"""^(?P<call>\s*(?:coprod\.)?show(?:_\w+)?\(\s*["'](?P<id>[a-z0-9-]+)["'][^\n]*?\))[ \t]*(?:#[^\n]*)?$""",
    re.M,
)
_RECORD_CALL = re.compile(
    r"""^(?P<call>\s*(?:coprod\.record\.)?show_(?:record|code_parts)\([^\n]*?\))[ \t]*(?:#[^\n]*)?$""", re.M
)


def _record_sources() -> list[Path]:
    """The Python files of the CPD record (the package coprod.record) and the NMC Code data it shows."""
    package = Path(__file__).parents[1]
    return sorted((package / "record").glob("*.py")) + [package / "static" / "nmc-code.json"]


def _render_code() -> bytes:
    """The code that turns an element into a page's HTML: a change to it re-runs the pages that show elements."""
    here = Path(__file__).parents[1]
    files = sorted((here / "render").glob("*.py")) + [here / "widget.py", here / "content" / "schema.py"]
    return b"".join(p.read_bytes() for p in files if p.exists())


def course_of(app: Sphinx) -> Course:
    """The course's content, loaded once per build."""
    if not hasattr(app, "_coprod_course"):
        root = find_content_root(Path(app.srcdir))
        app._coprod_course = load_course([root / d for d in CONTENT_DIRS if (root / d).is_dir()])  # type: ignore[attr-defined]
    return app._coprod_course  # type: ignore[attr-defined]


def check_content(app: Sphinx) -> None:
    for problem in course_of(app).problems:
        # problems name files relative to the working directory, as an author types them
        path = str((Path.cwd() / problem.path).resolve())
        logger.warning(
            f"{problem.field + ': ' if problem.field else ''}{problem.message}",
            location=f"{path}:{problem.line}",
            type="coprod",
            subtype="content",
        )


def stamp_calls(app: Sphinx, docname: str, source: list[str]) -> None:
    text = source[0]
    if "show" not in text:
        return
    elements = course_of(app).elements
    code = _render_code()
    if _CALL.search(text):
        _element_pages(app.env).add(docname)

    def stamp(match: re.Match) -> str:
        loaded = elements.get(match.group("id"))
        if loaded is None:
            return match.group(0)
        app.env.note_dependency(str(loaded.path))
        digest = hashlib.sha256(loaded.path.read_bytes() + code).hexdigest()[:12]
        return f"{match.group('call')}  # content {digest}"

    source[0] = _CALL.sub(stamp, text)
    if "show_agenda(" in source[0] or "show_paperwork(" in source[0]:
        _stamp_plan_calls(app, source)
    if "show_record(" in source[0] or "show_code_parts(" in source[0]:
        _stamp_record_calls(app, source)


_PLAN_CALL = re.compile(
    r"""^(?P<call>\s*show_(?:agenda|paperwork)\((?:\s*["'][a-z-]+["']\s*,)?\s*["'](?P<plan>[a-z0-9-]+)["']\s*\))[ \t]*(?:#[^\n]*)?$""",
    re.M,
)


def _stamp_plan_calls(app: Sphinx, source: list[str]) -> None:
    # agenda mode and paperwork are drawn from a workshop plan (and the scenarios it plays):
    # re-run the page when the plan or any content changes
    from ..content.plans import plan_dir

    root = find_content_root(Path(app.srcdir))
    watched = [loaded.path for loaded in course_of(app).elements.values()]

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
    from ..record import record_manifest

    root = find_content_root(Path(app.srcdir))
    watched = [loaded.path for loaded in course_of(app).elements.values()]
    watched += sorted((root / "book").glob("*/*.md")) + _record_sources()
    for path in watched:
        app.env.note_dependency(str(path))
    try:
        manifest = json.dumps(record_manifest(root), sort_keys=True).encode()
    except (OSError, ValueError):
        return  # the page's own execution will report the problem
    # the record code decides what each view's manifest holds: a change to it re-runs the pages too
    code = b"".join(p.read_bytes() for p in _record_sources())
    digest = hashlib.sha256(manifest + code).hexdigest()[:12]
    source[0] = _RECORD_CALL.sub(lambda m: f"{m.group('call')}  # record {digest}", source[0])


def _element_pages(env) -> set[str]:
    if not hasattr(env, "coprod_element_pages"):
        env.coprod_element_pages = set()
    return env.coprod_element_pages


def rerun_on_new_render_code(app: Sphinx, env, added: set, changed: set, removed: set) -> list[str]:
    """Pages that show an element are read again when the rendering code has changed since the last build."""
    digest = hashlib.sha256(_render_code()).hexdigest()
    previous = getattr(env, "coprod_render_digest", None)
    env.coprod_render_digest = digest
    if previous is None or previous == digest:
        return []
    return sorted(_element_pages(env) - removed)


def merge_element_pages(app: Sphinx, env, docnames: set, other) -> None:
    # parallel reading: each worker's pages join the main environment's
    _element_pages(env).update(_element_pages(other) & set(docnames))
