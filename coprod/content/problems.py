"""What is wrong with a content file: the ``Problem`` type and how a field's place is written.

Rules elsewhere return ``(location, message)`` pairs; the loader turns them
into problems with the file and line, so the rules never import the loader.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

__all__ = ["Problem", "format_loc"]


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with a content file, with where and what to do."""

    path: str
    line: int
    field: str
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}"
        return f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"


def format_loc(loc: Sequence[str | int]) -> str:
    """``('nodes', 'n1', 'choices', 2, 'next')`` -> ``nodes.n1.choices[2].next``."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out
