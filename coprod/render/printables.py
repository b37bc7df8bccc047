"""Printables for workshops, drawn from the content files: scenario cards, handouts, facilitator copies, answer sheets.

Each is HTML for a book page, styled by ``printables.css`` for clean A4 pages.
Participant versions carry no consequences, coaching or answers; facilitator
versions are wrapped in ``coprod-facilitator`` so the learner edition leaves
them out.
"""

from __future__ import annotations

from html import escape
from pathlib import Path

from ..content.course import course
from ..content.graph import reachable
from ..content.loader import find_content_root
from ..content.schema import Scenario, SelfCheck
from .html import paras, scenario_numbering
from .law import law_note_html

__all__ = ["Printable", "show_printable"]

KINDS = ("cards", "handout", "facilitator", "answers")


def _cards(s: Scenario) -> str:
    names = scenario_numbering(s)
    out = []
    for label, nodes in _reachable_by_perspective(s):
        for node_id in nodes:
            node = s.nodes[node_id]
            out.append(
                f'<section class="coprod-card"><p class="coprod-card-head">{escape(s.title)} · '
                f"{escape(label)} · {names[node_id]}</p>"
                f"<p><strong>{escape(node.speaker)}</strong></p>{paras(node.text)}"
                '<p><strong>What do you do?</strong></p><ol type="A">'
                + "".join(f"<li>{escape(c.label)}</li>" for c in node.choices)
                + "</ol></section>"
            )
    return "".join(out)


def _reachable_by_perspective(s: Scenario) -> list[tuple[str, list[str]]]:
    """Each perspective's label with the decisions it can reach, in the order of their numbers."""
    names = scenario_numbering(s)
    order = {name: int(label.split()[-1]) for name, label in names.items() if name in s.nodes}
    return [
        (p.label, sorted((n for n in reachable(s, [p.start]) if n in s.nodes), key=order.__getitem__))
        for p in s.perspectives
    ]


def _handout(s: Scenario) -> str:
    names = scenario_numbering(s)
    out = [
        f"<h3>{escape(s.title)}: participant handout</h3>{paras(s.summary)}",
        f"<p><em>{escape(s.setting.service)} · {escape(s.setting.jurisdiction)}</em></p>",
    ]
    for label, nodes in _reachable_by_perspective(s):
        out.append(f"<h4>Playing as {escape(label)}</h4>")
        for node_id in nodes:
            node = s.nodes[node_id]
            out.append(
                f'<section class="coprod-print-node"><p><strong>{names[node_id]} · {escape(node.speaker)}</strong></p>'
                f'{paras(node.text)}<ol type="A">'
                + "".join(f"<li>{escape(c.label)}</li>" for c in node.choices)
                + '</ol><p class="coprod-write">Our choice and why:</p></section>'
            )
    return "".join(out)


def _facilitator(s: Scenario) -> str:
    names = scenario_numbering(s)
    out = [
        f"<h3>{escape(s.title)}: facilitator copy</h3>",
        f"<p><strong>Law and guidance:</strong></p>{law_note_html(s)}",
    ]
    for label, nodes in _reachable_by_perspective(s):
        out.append(f"<h4>Playing as {escape(label)}</h4>")
        for node_id in nodes:
            node = s.nodes[node_id]
            items = "".join(
                f"<li><strong>{escape(c.label)}</strong> → {names[c.next]}"
                f"<br><em>What happens:</em> {escape(c.consequence)}<br><em>Coaching:</em> {escape(c.feedback)}</li>"
                for c in node.choices
            )
            discussion = "".join(f"<li>{escape(q)}</li>" for q in node.discussion)
            out.append(
                f'<section class="coprod-print-node"><p><strong>{names[node_id]} · {escape(node.speaker)}</strong></p>'
                f'{paras(node.text)}<ol type="A">{items}</ol>'
                + (f"<p><em>For discussion:</em></p><ul>{discussion}</ul>" if discussion else "")
                + "</section>"
            )
    out.append("<h4>Endings</h4>")
    for ending_id, e in s.endings.items():
        out.append(
            f'<section class="coprod-print-node"><p><strong>{names[ending_id]}: {escape(e.title)}</strong> '
            f"({escape(e.kind)})</p>{paras(e.text)}</section>"
        )
    if s.debrief_questions:
        out.append(
            "<h4>Debrief questions</h4><ul>"
            + "".join(f"<li>{escape(q)}</li>" for q in s.debrief_questions)
            + "</ul>"
        )
    return '<div class="coprod-facilitator">' + "".join(out) + "</div>"


def _answers(sc: SelfCheck) -> str:
    out = [f"<h3>{escape(sc.title)}: answer sheet</h3><ol>"]
    for q in sc.questions:
        out.append(f"<li><p>{escape(q.prompt)}</p><ul>")
        if q.type == "sort":
            cats = {c.id: c.label for c in q.categories}
            out.extend(
                f"<li>{escape(i.text)}: <strong>{escape(cats[i.category])}</strong></li>" for i in q.items
            )
        else:
            out.extend(
                f"<li>{escape(o.text)}{' <strong>(correct)</strong>' if o.correct else ''}</li>"
                for o in q.options
            )
        out.append(f"</ul><p><em>Why:</em> {escape(q.explanation)}</p></li>")
    out.append("</ol>")
    return '<div class="coprod-facilitator">' + "".join(out) + "</div>"


class Printable:
    """One printable, as HTML for a book page."""

    def __init__(self, kind: str, html: str, name: str):
        self.kind, self._html, self.name = kind, html, name

    def __repr__(self) -> str:
        return f"<printable {self.kind} of '{self.name}'>"

    def html(self) -> str:
        # a piece of workshop paperwork prints on its own sheets (printables.css)
        paper = " coprod-paper" if self.kind.startswith("paper-") else ""
        return (
            f'<div class="coprod-printable coprod-printable-{self.kind}{paper}" data-coprod-module="printables">'
            f"{self._html}</div>"
        )

    def _repr_mimebundle_(self, **kwargs):
        return {"text/html": self.html(), "text/plain": repr(self)}


def show_printable(kind: str, element_id: str, *, root: Path | None = None) -> Printable:
    """``cards``, ``handout`` or ``facilitator`` for a scenario; ``answers`` for a self-check."""
    if kind not in KINDS:
        raise ValueError(f"unknown printable '{kind}'; choose one of: {', '.join(KINDS)}")
    element = course(root or find_content_root()).get(element_id).element
    if kind == "answers":
        if not isinstance(element, SelfCheck):
            raise TypeError(f"answer sheets are for self-checks; '{element_id}' is a {element.kind}")
        return Printable(kind, _answers(element), element_id)
    if not isinstance(element, Scenario):
        raise TypeError(f"{kind} are for scenarios; '{element_id}' is a {element.kind}")
    builder = {"cards": _cards, "handout": _handout, "facilitator": _facilitator}[kind]
    return Printable(kind, builder(element), element_id)
