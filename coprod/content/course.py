"""The course's content, loaded once per set of file versions (for pages, notebooks and the record)."""

from __future__ import annotations

from pathlib import Path

from .loader import CONTENT_DIRS, Course, find_content_root, load_course

__all__ = ["course"]

_cache: dict[tuple, Course] = {}


def course(root: Path | None = None) -> Course:
    """The course's content, loaded once per set of file versions. Raises if any file has a problem."""
    root = root or find_content_root()
    files = sorted(
        p
        for d in CONTENT_DIRS
        if (root / d).is_dir()
        for p in (root / d).rglob("*.y*ml")
        if "_build" not in p.parts
    )
    stamp = (str(root), tuple((str(p), p.stat().st_mtime_ns) for p in files))
    if stamp not in _cache:
        loaded = load_course([root / d for d in CONTENT_DIRS if (root / d).is_dir()])
        if loaded.problems:
            listing = "\n".join(str(p) for p in loaded.problems)
            raise ValueError(f"the course content has {len(loaded.problems)} problem(s):\n{listing}")
        _cache.clear()
        _cache[stamp] = loaded
    return _cache[stamp]
