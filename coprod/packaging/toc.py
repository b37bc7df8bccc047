"""The book's structure for packaging: parts and chapters in ``_toc.yml`` order, with titles from the built pages."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from pathlib import Path

from ruamel.yaml import YAML

__all__ = ["Chapter", "Part", "read_toc"]

_H1 = re.compile(r"<h1[^>]*>(.*?)</h1>", re.S)
_TAG = re.compile(r"<[^>]+>")


@dataclass
class Chapter:
    docname: str  # e.g. book/modules/m1-promise
    title: str

    @property
    def href(self) -> str:
        return f"{self.docname}.html"

    @property
    def ident(self) -> str:
        return re.sub(r"[^A-Za-z0-9_-]", "-", self.docname)


@dataclass
class Part:
    caption: str
    chapters: list[Chapter] = field(default_factory=list)


def page_title(site: Path, docname: str) -> str:
    """The chapter's first heading on the built page (the title a learner sees)."""
    page = site / f"{docname}.html"
    if not page.exists():
        raise FileNotFoundError(
            f"{page}: not in the built site; build the learner edition first (bash tools/learner-build.sh)"
        )
    match = _H1.search(page.read_text(encoding="utf-8"))
    text = _TAG.sub("", match.group(1)) if match else docname
    return " ".join(html.unescape(text).replace("#", "").split())


def read_toc(toc: Path, site: Path) -> tuple[Chapter, list[Part]]:
    """The root chapter and the parts of ``_toc.yml``, each chapter titled from ``site``."""
    data = YAML(typ="safe").load(toc.read_text(encoding="utf-8"))
    root = Chapter(data["root"], page_title(site, data["root"]))
    parts = []
    for part in data.get("parts", []):
        chapters = [Chapter(c["file"], page_title(site, c["file"])) for c in part.get("chapters", [])]
        parts.append(Part(part.get("caption", ""), chapters))
    return root, parts
