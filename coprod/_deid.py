"""The de-identification check in Python: flags text that looks as if it could identify a person.

This mirrors ``DEID_PATTERNS`` in ``coprod/static/deid.js``, which the record
pages run in the browser; the two lists must stay the same (a unit test
compares them, and a browser test runs both over ``tests/deid_corpus.yml``).
It warns, it never decides: a match means "look again", and text with no
match may still identify someone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["DEID_PATTERNS", "Finding", "find_identifying"]

# (id, kind, label, flags, source): copy changes from deid.js exactly.
DEID_PATTERNS: list[tuple[str, str, str, str, str]] = [
    (
        "title-name", "name", "a title followed by a name", "",
        r"""\b(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof)\.?[ ]+(?!(?:Men|Right|Whippy|Blobby|Teams)\b)[A-Z](?:[a-z]+|'[A-Z][a-z]+)(?:-[A-Z][a-z]+)?""",
    ),
    (
        "dob-keyword", "dob", "a date of birth", "i",
        r"""\b(?:DOB|D\.O\.B\.?|date of birth|born(?:[ ]+on)?)[ ]*[:,-]?[ ]*(?:[0-9]{1,2}[/.-][0-9]{1,2}[/.-][0-9]{2,4}|[0-9]{1,2}(?:st|nd|rd|th)?[ ]+(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?,?[ ]+[0-9]{2,4}|(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?[ ]+[0-9]{1,2}(?:st|nd|rd|th)?,?[ ]+[0-9]{4})|\bborn[ ]+in[ ]+19[0-9]{2}\b""",
    ),
    (
        "dob-numeric", "dob", "a date that may be a date of birth", "",
        r"""(?<![0-9/.-])(?:0?[1-9]|[12][0-9]|3[01])[/.-](?:0?[1-9]|1[0-2])[/.-]19[0-9]{2}(?![0-9])""",
    ),
    (
        "age-place", "age-place", "an age with a place", "",
        r"""(?:\b[Aa]ged[ ]+[0-9]{1,3}\b(?![ ]*(?:and\b|or\b|to\b|plus\b|[-–+]))|\b[0-9]{1,3}[ -]?(?:year|yr)s?[ -]?old\b|\b[0-9]{1,3}[ ]?(?:yo|y/o)\b)[^.!?\n]{0,60}?\b(?:from|in|of|at|near)[ ]+(?:the[ ]+)?(?!(?:England|Scotland|Wales|Ireland|Northern|Britain|Great|United|Australia|New|Victoria|Queensland|Tasmania|Europe|Trust|January|February|March|April|May|June|July|August|September|October|November|December|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b)[A-Z][a-z]+""",
    ),
    (
        "age-place-comma", "age-place", "an age with a place", "",
        r""",[ ]*[0-9]{1,3}[ ]*,[ ]*(?:from|of|in)[ ]+[A-Z][a-z]+""",
    ),
    (
        "nhs-number", "nhs", "an NHS number", "",
        r"""(?<![0-9A-Za-z])[0-9]{3}[ -]?[0-9]{3}[ -]?[0-9]{4}(?![0-9A-Za-z])""",
    ),
    (
        "chi-number", "chi", "a CHI number", "",
        r"""(?<![0-9A-Za-z])(?:0[1-9]|[12][0-9]|3[01])(?:0[1-9]|1[0-2])[0-9]{2}[ -]?[0-9]{4}(?![0-9A-Za-z])""",
    ),
    (
        "medicare-number", "medicare", "a Medicare-style number", "",
        r"""(?<![0-9A-Za-z])[2-6][0-9]{3}[ -]?[0-9]{5}[ -]?[0-9](?:[ -]?[0-9])?(?![0-9A-Za-z])""",
    ),
    (
        "postcode", "postcode", "a postcode", "",
        r"""\b(?:[A-Z]{1,2}[0-9][A-Z0-9]?[ ]?[0-9][ABD-HJLNP-UW-Z]{2}|[a-z]{1,2}[0-9][a-z0-9]?[ ][0-9][abd-hjlnp-uw-z]{2})\b""",
    ),
    (
        "street-address", "address", "a street address", "",
        r"""\b[0-9]{1,4}[A-Za-z]?,?[ ]+(?:[A-Z][a-z']+[ ]+){1,3}(?:Street|St|Road|Rd|Avenue|Ave|Lane|Close|Crescent|Drive|Court|Place|Terrace|Way|Gardens|Grove|Square|Walk|Row|Mews|Parade|Hill)\b""",
    ),
    (
        "flat-number", "address", "a street address", "",
        r"""\bFlat[ ]+[0-9]{1,4}[A-Za-z]?\b""",
    ),
    (
        "phone", "phone", "a phone number", "",
        r"""(?<![0-9A-Za-z+])(?:0[1-9][0-9]{2,3}[ -]?[0-9]{3}[ -]?[0-9]{3,4}|0[1-9][0-9][ -]?[0-9]{4}[ -]?[0-9]{4}|0[1-9][0-9]{3}[ -]?[0-9]{6}|0[2378][ -]?[0-9]{4}[ -]?[0-9]{4})(?![0-9A-Za-z])|\+44[ ]?(?:\(0\)[ ]?)?[1-9][0-9]{2,4}[ -]?[0-9]{3,4}[ -]?[0-9]{3,4}(?![0-9])|\+61[ ]?(?:[2378][ -]?[0-9]{4}[ -]?[0-9]{4}|4[0-9]{2}[ -]?[0-9]{3}[ -]?[0-9]{3})(?![0-9])""",
    ),
    (
        "email", "email", "an email address", "",
        r"""[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}""",
    ),
]

_COMPILED = [
    (pid, kind, label, re.compile(source, re.ASCII | (re.IGNORECASE if "i" in flags else 0)))
    for pid, kind, label, flags, source in DEID_PATTERNS
]


@dataclass(frozen=True)
class Finding:
    """One stretch of text that looks identifying."""

    id: str
    kind: str
    label: str
    start: int
    end: int
    text: str


def find_identifying(text: str) -> list[Finding]:
    """Every match of every pattern in ``text``, in order of position (longer first at the same place)."""
    found = [
        Finding(pid, kind, label, m.start(), m.end(), m.group(0))
        for pid, kind, label, rx in _COMPILED
        for m in rx.finditer(text or "")
    ]
    return sorted(found, key=lambda f: (f.start, -f.end))
