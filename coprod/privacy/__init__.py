"""The de-identification check: flags text that looks as if it could identify a person.

The patterns live in one file, ``coprod/static/deid-patterns.json``, which this
module and ``coprod/static/deid.js`` (the record pages in the browser) both
read, so the two cannot drift apart. It warns, it never decides: a match means
"look again", and text with no match may still identify someone.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path

__all__ = ["CHARACTER_NOTE", "DEID_PATTERNS", "PATTERN_FILE", "Finding", "find_identifying"]

PATTERN_FILE = Path(__file__).resolve().parent.parent / "static" / "deid-patterns.json"
_SPEC = json.loads(PATTERN_FILE.read_text(encoding="utf-8"))
_MACRO = re.compile(r"\{\{(\w+)(\|lower)?\}\}")

CHARACTER_NOTE: str = _SPEC["character_note"]


def _expand(source: str) -> str:
    """Replace {{key}} by its definition or list, as deid.js does, until none is left."""
    for _ in range(10):

        def one(m: re.Match) -> str:
            key, lower = m.group(1), m.group(2)
            value = _SPEC["defines"][key] if key in _SPEC["defines"] else "|".join(_SPEC["lists"][key])
            return value.lower() if lower else value

        new = _MACRO.sub(one, source)
        if new == source:
            return new
        source = new
    raise ValueError("deid-patterns.json: macros nest too deeply")


#: every pattern with its source expanded: dicts with id, kind, label, flags, source
DEID_PATTERNS: list[dict] = [{**p, "source": _expand(p["source"])} for p in _SPEC["patterns"]]
_COMPILED = [
    (p, re.compile(p["source"], re.ASCII | (re.IGNORECASE if "i" in p["flags"] else 0)))
    for p in DEID_PATTERNS
]
_SPLIT = re.compile(_SPEC["word_split"])
_NOT_CHARACTERS = {w.lower() for w in _SPEC["lists"]["titles"] + _SPEC["lists"]["ranks"]}


@dataclass(frozen=True)
class Finding:
    """One stretch of text that looks identifying; ``note`` says when it matches a course character."""

    id: str
    kind: str
    label: str
    start: int
    end: int
    text: str
    note: str = ""


#: name patterns that carry a place (a bed or bay): never "fine if you mean the scenario"
_NAME_WITH_PLACE = {"name-bed", "bed-name"}


def _character_words(names: Iterable[str] | None) -> set[str]:
    return {n.strip().lower() for n in names or () if n and n.strip().lower() not in _NOT_CHARACTERS}


def find_identifying(text: str, character_names: Iterable[str] | None = None) -> list[Finding]:
    """Every match of every pattern in ``text``, in order of position (longer first at the same place).

    ``character_names``: the course's character names (from the scenarios). They are flagged like any
    other name; a name finding that contains one carries ``CHARACTER_NOTE``, unless a bed, number, date or
    other identifying detail is near it (the pattern file's ``character_note_rule``).
    """
    characters = _character_words(character_names)
    found, character = [], set()
    for p, rx in _COMPILED:
        for m in rx.finditer(text or ""):
            f = Finding(p["id"], p["kind"], p["label"], m.start(), m.end(), m.group(0))
            found.append(f)
            if (
                p["kind"] == "name"
                and p["id"] not in _NAME_WITH_PLACE
                and characters & {w.lower() for w in _SPLIT.split(m.group(0)) if w}
            ):
                character.add(f)
    # the note only where nothing else identifying is in or near the name (see character_note_rule)
    near = _SPEC["character_note_distance"]
    others = [(f.start, f.end) for f in found if f.kind != "name" or f.id in _NAME_WITH_PLACE]
    others += [m.span() for m in re.finditer(_SPEC["character_note_context"], text or "", re.I | re.A)]
    out = [
        replace(f, note=CHARACTER_NOTE)
        if f in character and not any(start < f.end + near and end > f.start - near for start, end in others)
        else f
        for f in found
    ]
    return sorted(out, key=lambda f: (f.start, -f.end))
