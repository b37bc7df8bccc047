"""HTML for statements of law: a scenario's law note, and the course's page of every legal source."""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable
from html import escape

from ..content.labels import ref_href
from ..content.law import LAW_PAGE_LABEL, STALE_AFTER_MONTHS, law_sources, months_since
from ..content.schema import LegalSource, Scenario

__all__ = ["cited_sources_html", "law_note_html", "law_page_html", "law_source_anchor"]


def _source_line(source: LegalSource, today: _dt.date) -> str:
    age = months_since(source.checked, today)
    stale = ""
    if age is not None and age > STALE_AFTER_MONTHS:
        stale = (
            f' <strong class="coprod-law-stale">Checked {age} months before this edition was built: '
            "read it again before relying on it.</strong>"
        )
    return (
        f'<a href="{escape(source.url)}">{escape(source.title)}</a> '
        f'<span class="coprod-law-meta">({escape(source.jurisdiction)}; checked {escape(str(source.checked))})</span>'
        + stale
    )


def law_source_anchor(s: Scenario, source_id: str) -> str:
    """The id of a source's entry in the scenario's law note on the scenario's own page."""
    return f"coprod-{s.id}-law-{source_id}"


def cited_sources_html(ids: list[str], s: Scenario, today: _dt.date | None = None) -> str:
    """The sources a piece of coaching, a scene or an ending states law from ('' if none).

    Each is named by its title and linked to its entry in the scenario's law note on the
    same page, which gives its address, jurisdiction and the date it was checked once
    (written after every choice, those came to a fifth of a scenario page's bytes).
    """
    cited = [i for i in dict.fromkeys(ids) if i in s.sources]
    if not cited:
        return ""
    del today  # the date is given once, in the law note
    return (
        '<p class="coprod-law-sources">Law and guidance here: see '
        + "; ".join(f'<a href="#{law_source_anchor(s, i)}">{escape(s.sources[i].title)}</a>' for i in cited)
        + " (in the law note above)</p>"
    )


def _cited_by_story(s: Scenario) -> list[str]:
    """The ids of the sources the scenario's choices and endings cite, in the order they first appear."""
    ids: list[str] = []
    for node in s.nodes.values():
        for choice in node.choices:
            ids.extend(choice.law)
    for ending in s.endings.values():
        ids.extend(ending.law)
    return [i for i in dict.fromkeys(ids) if i in s.sources]


def law_note_html(s: Scenario, today: _dt.date | None = None, *, anchors: bool = False) -> str:
    """The scenario's law note: each statement with its sources and when they were checked, and a link to the law page.

    With `anchors`, each source's first entry carries the id the choices' and endings' law
    lines link to, and the sources only they cite are listed after the statements.
    """
    today = today or _dt.date.today()
    placed: set[str] = set()

    def line(source_id: str) -> str:
        text = _source_line(s.sources[source_id], today)
        if not anchors or source_id in placed:
            return text
        placed.add(source_id)
        return f'<span id="{law_source_anchor(s, source_id)}">{text}</span>'

    story_only = [
        i
        for i in _cited_by_story(s)
        if anchors and not any(i in st.sources for st in s.setting.law_note or [])
    ]
    if not s.setting.law_note and not story_only:
        return '<div class="coprod-law-note"><p>No law turns on this scenario.</p></div>'
    out = ['<div class="coprod-law-note">']
    if s.setting.law_note:
        out.append("<ul>")
        for statement in s.setting.law_note:
            sources = "; ".join(line(i) for i in statement.sources if i in s.sources)
            out.append(
                f'<li><p>{escape(statement.text)}</p><p class="coprod-law-sources">Source: {sources}</p></li>'
            )
        out.append("</ul>")
    if story_only:
        out.append("<p>Also relied on in the choices and endings below:</p><ul>")
        out.extend(f'<li><p class="coprod-law-sources">{line(i)}</p></li>' for i in story_only)
        out.append("</ul>")
    out.append(
        f"<p>Every statement of law in the course, with its source and the date it was checked, is listed in "
        f'<a href="{ref_href(LAW_PAGE_LABEL)}">Law and guidance in this course</a>.</p></div>'
    )
    return "".join(out)


def law_page_html(scenarios: Iterable[Scenario], today: _dt.date | None = None) -> str:
    """Every legal source the scenarios cite, by jurisdiction, with the statements that rely on it."""
    today = today or _dt.date.today()
    out = []
    # a statement that rests on several sources is given in full once, under the first of
    # them; under the others it is named by its opening words and linked (a phone reader
    # should not scroll past the same paragraph seven times)
    shown: dict[tuple[str, str], str] = {}
    for jurisdiction, uses in law_sources(scenarios).items():
        out.append(f'<section class="coprod-law-jurisdiction"><h2>{escape(jurisdiction)}</h2><ul>')
        for use in uses:
            out.append(f'<li class="coprod-law-source"><p>{_source_line(use.source, today)}</p>')
            notes = [c for c in use.citations if c.where == "Law note"]
            others = [c for c in use.citations if c.where != "Law note"]
            if notes:
                out.append("<ul>")
                for c in notes:
                    key = (c.scenario.id, c.text)
                    title = escape(c.scenario.title)
                    if key in shown:
                        opening = " ".join(c.text.split()[:10])
                        out.append(
                            f"<li><p><em>{title}</em>: the statement beginning “{escape(opening)}…”, "
                            f'<a href="#{shown[key]}">given in full above</a>.</p></li>'
                        )
                        continue
                    shown[key] = anchor = f"coprod-law-statement-{len(shown) + 1}"
                    out.append(f'<li id="{anchor}"><p><em>{title}</em>: {escape(c.text)}</p></li>')
                out.append("</ul>")
            if others:
                by_scenario: dict[str, list[str]] = {}
                for c in others:
                    by_scenario.setdefault(c.scenario.title, []).append(f"{c.where.lower()} “{c.text}”")
                parts = "; ".join(
                    f"<em>{escape(title)}</em>: {len(places)} place{'s' if len(places) != 1 else ''}"
                    for title, places in by_scenario.items()
                )
                out.append(
                    f'<p class="coprod-law-meta">Also relied on in the coaching and endings of {parts}.</p>'
                )
            out.append("</li>")
        out.append("</ul></section>")
    return "".join(out)
