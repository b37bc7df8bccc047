"""The part of the course the exercises need, copied from the book into the package's data.

The notebooks must run wherever the package is installed (JupyterLite, a hub,
a laptop), without the repository. What they need from the book, the titles of
the sections their quotes come from and the scenarios a learner's record can
hold, is written to ``data/course.json`` by ``python tools/run_exercises.py``;
a test fails when that copy no longer matches the book.
"""

from __future__ import annotations

import json
from pathlib import Path

from ..content.course import course
from ..content.labels import book_labels
from .common import COURSE_FILE, DATA

__all__ = ["course_snapshot", "snapshot_text", "write_snapshot"]


def course_snapshot(root: Path) -> dict:
    """Section titles (label to title), every scenario (as its schema's JSON) and every element's kind, from the course at ``root``."""
    scenarios = {
        element_id: loaded.element.model_dump(mode="json", by_alias=True, exclude_unset=True)
        for element_id, loaded in sorted(course(root).elements.items())
        if loaded.element.kind == "scenario"
    }
    # every element a learner's record can hold work for, with its kind: what a record file is checked against
    elements = {
        element_id: loaded.element.kind for element_id, loaded in sorted(course(root).elements.items())
    }
    return {
        "sections": dict(sorted(book_labels(root / "book").items())),
        "scenarios": scenarios,
        "elements": elements,
    }


def snapshot_text(root: Path) -> str:
    return json.dumps(course_snapshot(root), ensure_ascii=False, indent=1) + "\n"


def write_snapshot(root: Path) -> Path:
    """Write the copy into the package's data folder; returns its path."""
    path = DATA / COURSE_FILE
    path.write_text(snapshot_text(root), encoding="utf-8")
    return path
