"""Statements of law in the content: their sources, the checks on them, and the list the law page shows.

A scenario lists its legal sources once, under ``sources:`` (title, url,
jurisdiction, and ``checked:`` the month, ``YYYY-MM``, or the day, ``YYYY-MM-DD``). Its law note is a list of statements,
each citing source ids; coaching, scenes and endings that state law cite the
sources they draw on in a ``law:`` list. The rules here report a statement of
law with no source, an unknown source id and a malformed date as problems, and
a source checked more than :data:`STALE_AFTER_MONTHS` months before the build,
or coaching that cites an Act with no ``law:`` list, as warnings that do not
fail the build.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from .schema import LegalSource, Scenario

__all__ = [
    "LAW_PAGE_LABEL",
    "STALE_AFTER_MONTHS",
    "Citation",
    "SourceUse",
    "check_law",
    "law_sources",
    "law_warnings",
    "months_since",
]

#: the label of the course's page "Law and guidance in this course"
LAW_PAGE_LABEL = "law-and-guidance"
#: a source checked longer ago than this is flagged for re-checking
STALE_AFTER_MONTHS = 12

#: the month a source was checked, optionally with the day
_MONTH = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])(?:-(0[1-9]|[12]\d|3[01]))?$")
#: words that show a text states law: an Act, a section, a regulation, a schedule, a judgment
_CITES_LAW = re.compile(
    r"\b(?:(?:[A-Z][A-Za-z()]* )+Act \d{4}|ss?\.\s?\d+[A-Z]?\b|section \d+|[Rr]egulation \d+|"
    r"Schedule A1|\[\d{4}\] UKSC \d+)"
)

Add = Callable[[tuple, str], None]


def _month(value: object) -> tuple[int, int] | None:
    if isinstance(value, _dt.date):  # an unquoted YYYY-MM-DD in YAML is read as a date
        return (value.year, value.month)
    match = _MONTH.match(value) if isinstance(value, str) else None
    if match and match.group(3):
        try:
            _dt.date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
        except ValueError:
            return None
    return (int(match.group(1)), int(match.group(2))) if match else None


def months_since(checked: object, today: _dt.date) -> int | None:
    """Whole months from a ``YYYY-MM`` or ``YYYY-MM-DD`` date to ``today`` (None if the date is malformed)."""
    month = _month(checked)
    if month is None:
        return None
    return (today.year * 12 + today.month) - (month[0] * 12 + month[1])


def _all_law_lists(s: Scenario) -> Iterable[tuple[tuple, list[str]]]:
    for i, statement in enumerate(s.setting.law_note or []):
        yield ("setting", "law_note", i, "sources"), statement.sources
    for node_id, node in s.nodes.items():
        yield ("nodes", node_id, "law"), node.law
        for c, choice in enumerate(node.choices):
            yield ("nodes", node_id, "choices", c, "law"), choice.law
    for ending_id, ending in s.endings.items():
        yield ("endings", ending_id, "law"), ending.law


def check_law(s: Scenario, add: Add) -> None:
    """Problems: a statement of law with no source, a source id that does not exist, a malformed source."""
    known = sorted(s.sources)
    for source_id, source in s.sources.items():
        loc = ("sources", source_id)
        if not source.url.startswith("https://"):
            add(
                (*loc, "url"),
                f"{source.url!r} is not a web address; give the page's full address, starting https://",
            )
        if _month(source.checked) is None:
            shown = source.checked.isoformat() if isinstance(source.checked, _dt.date) else source.checked
            add(
                (*loc, "checked"),
                f"{shown!r} is not a date: write the day you checked the source as YYYY-MM-DD, or the month as "
                "YYYY-MM, in quotes if you like (e.g. checked: 2026-12-05)",
            )
    for i, statement in enumerate(s.setting.law_note or []):
        if not statement.sources:
            add(
                ("setting", "law_note", i),
                "a statement of law needs a source: add 'sources:' with the id of at least one entry under the "
                "scenario's 'sources:' (title, url, jurisdiction, checked: YYYY-MM-DD)",
            )
    for loc, ids in _all_law_lists(s):
        for n, source_id in enumerate(ids):
            if source_id not in s.sources:
                add(
                    (*loc, n),
                    f"no source '{source_id}' under the scenario's 'sources:'; known sources: "
                    + (", ".join(known) or "none (add a 'sources:' mapping)"),
                )


def law_warnings(s: Scenario, today: _dt.date) -> list[tuple[tuple, str]]:
    """Warnings that do not fail a build: sources due for re-checking, and coaching that cites law unsourced."""
    found: list[tuple[tuple, str]] = []
    for source_id, source in s.sources.items():
        age = months_since(source.checked, today)
        if age is not None and age > STALE_AFTER_MONTHS:
            found.append(
                (
                    ("sources", source_id, "checked"),
                    f"'{source.title}' was checked {age} months before this build ({source.checked}); "
                    "read it again and update 'checked:'",
                )
            )

    def unsourced(loc: tuple, text: str, law: list[str]) -> None:
        match = _CITES_LAW.search(text)
        if match and not law:
            found.append(
                (loc, f"states law ('{match.group(0)}') but names no source; add 'law: [source-id]'")
            )

    for node_id, node in s.nodes.items():
        unsourced(("nodes", node_id, "text"), node.text, node.law)
        for c, choice in enumerate(node.choices):
            unsourced(("nodes", node_id, "choices", c, "feedback"), choice.feedback, choice.law)
    for ending_id, ending in s.endings.items():
        unsourced(("endings", ending_id, "text"), ending.text, ending.law)
    return found


@dataclass(frozen=True)
class Citation:
    """One place in a scenario that states law from a source."""

    scenario: Scenario
    where: str  # 'Law note', 'Coaching', 'Scene', 'Ending'
    text: str  # the statement itself for a law note; the choice, scene or ending title otherwise


@dataclass(frozen=True)
class SourceUse:
    """A legal source and every statement in the course that relies on it."""

    source: LegalSource
    citations: tuple[Citation, ...]


def law_sources(scenarios: Iterable[Scenario]) -> dict[str, list[SourceUse]]:
    """Every source cited in the scenarios, by jurisdiction (sorted), with the statements that cite it.

    A source listed by several scenarios (same address) appears once, with all their citations.
    """
    by_url: dict[str, tuple[LegalSource, list[Citation]]] = {}
    for s in scenarios:
        cited: dict[str, list[Citation]] = {k: [] for k in s.sources}

        def cite(ids: list[str], where: str, text: str, cited=cited, s=s) -> None:
            for source_id in ids:
                if source_id in cited:
                    cited[source_id].append(Citation(s, where, text))

        for statement in s.setting.law_note or []:
            cite(statement.sources, "Law note", statement.text)
        for node in s.nodes.values():
            cite(node.law, "Scene", node.text.split("\n", 1)[0])
            for choice in node.choices:
                cite(choice.law, "Coaching", choice.label)
        for ending in s.endings.values():
            cite(ending.law, "Ending", ending.title)
        for source_id, source in s.sources.items():
            entry = by_url.setdefault(source.url, (source, []))
            entry[1].extend(cited[source_id])
    grouped: dict[str, list[SourceUse]] = {}
    for source, citations in by_url.values():
        grouped.setdefault(source.jurisdiction, []).append(SourceUse(source, tuple(citations)))
    return {j: sorted(grouped[j], key=lambda u: u.source.title.lower()) for j in sorted(grouped)}
