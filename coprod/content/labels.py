"""Section labels of the book, read from its MyST pages, so content can link to a section by label.

Content files name a section with ``see: m3-specialist``. The display objects
turn that into a link whose address is ``coprod-ref:m3-specialist`` and whose
text is the section's title; the Sphinx extension rewrites the address to the
built page at build time.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

__all__ = ["REF_PREFIX", "book_labels", "ref_href"]

REF_PREFIX = "coprod-ref:"
_LABEL = re.compile(r"^\(([A-Za-z0-9_-]+)\)=\s*$")
_HEADING = re.compile(r"^#{1,6}\s+(.+?)\s*$")


def ref_href(label: str) -> str:
    return REF_PREFIX + label


@lru_cache(maxsize=8)
def _scan(root: str, stamp: tuple) -> dict[str, str]:
    labels: dict[str, str] = {}
    for page in sorted(Path(root).rglob("*.md")):
        if "_build" in page.parts:
            continue
        lines = page.read_text(encoding="utf-8").splitlines()
        for i, line in enumerate(lines):
            match = _LABEL.match(line)
            if not match:
                continue
            title = match.group(1)
            for following in lines[i + 1 : i + 4]:
                heading = _HEADING.match(following)
                if heading:
                    title = heading.group(1)
                    break
            labels[match.group(1)] = title
    return labels


def book_labels(book: Path) -> dict[str, str]:
    """Every ``(label)=`` in the book's Markdown pages, with the title of the heading it labels."""
    pages = sorted(p for p in book.rglob("*.md") if "_build" not in p.parts)
    stamp = tuple((str(p), p.stat().st_mtime_ns) for p in pages)
    return _scan(str(book), stamp)
