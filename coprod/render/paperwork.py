"""Workshop paperwork drawn from a plan's data, for A4: sign-in sheet, evaluation form,
certificate of attendance, voting cards, the grid-and-questions handout; and the
plan's agenda as a Markdown table for its page.

Every printable reads the plan (title, length, learning time, breaks,
objectives, scenarios), so a re-timed plan re-times its paperwork.
"""

from __future__ import annotations

import json
import re
from html import escape
from pathlib import Path

from ..content.course import course
from ..content.loader import find_content_root
from ..content.plans import Plan, load_plan, plan_dir
from ..content.schema import Scenario
from .printables import Printable

__all__ = [
    "PAPERWORK",
    "Agenda",
    "agenda_table",
    "clock",
    "hours",
    "show_paperwork",
    "session_questions",
    "show_agenda",
]

PAPERWORK = ("signin", "evaluation", "certificate", "voting-cards", "handout")

#: four voting colours, each with a letter so the card never relies on colour alone
VOTE_CARDS = (
    ("A", "Blue", "#1d4ed8"),
    ("B", "Orange", "#c2410c"),
    ("C", "Green", "#15803d"),
    ("D", "Purple", "#7e22ce"),
)

GRID_LEVELS = ("Professionals alone", "Professionals and users together", "Users or community alone")


def clock(minutes: int) -> str:
    """Minutes from the start as h:mm."""
    return f"{minutes // 60}:{minutes % 60:02d}"


def hours(minutes: int) -> str:
    """A learning time in minutes and in hours to one decimal place, rounded half up as the
    course's CPD record rounds them, e.g. '150 minutes (2.5 hours)', '263 minutes (4.4 hours)'."""
    whole, tenth = divmod((minutes + 3) // 6, 10)
    return f"{minutes} minutes ({whole}{f'.{tenth}' if tenth else ''} hour{'' if (whole, tenth) == (1, 0) else 's'})"


def _length(minutes: int) -> str:
    """A session's length in words: '90 minutes', '3 hours', '4 hours 15 minutes'."""
    h, m = divmod(minutes, 60)
    if not h:
        return f"{m} minutes"
    text = f"{h} hour" + ("s" if h > 1 else "")
    return f"{text} {m} minutes" if m else text


def _breaks_text(plan: Plan) -> str:
    if not plan.breaks:
        return "none"
    return "; ".join(
        f"{escape(b.activity)} {clock(s)}–{clock(s + b.minutes)} ({b.minutes} min)" for s, b in plan.breaks
    )


def _facts(plan: Plan) -> str:
    return (
        '<dl class="coprod-paper-facts">'
        f"<dt>Session</dt><dd>{escape(plan.title)}</dd>"
        '<dt>Date</dt><dd class="coprod-paper-blank">&nbsp;</dd>'
        '<dt>Venue or link</dt><dd class="coprod-paper-blank">&nbsp;</dd>'
        '<dt>Start time</dt><dd class="coprod-paper-blank">&nbsp;</dd>'
        f"<dt>Length</dt><dd>{_length(plan.length_minutes)} (the times below count from 0:00, the start)</dd>"
        f"<dt>Learning time</dt><dd>{hours(plan.learning_minutes)} of participatory learning</dd>"
        f"<dt>Not counted</dt><dd>arrival, evaluation; breaks: {_breaks_text(plan)}</dd>"
        "</dl>"
    )


def _signin(plan: Plan) -> str:
    rows = "".join(
        f"<tr><td>{n}</td><td></td><td></td><td></td><td></td><td></td></tr>" for n in range(1, 17)
    )
    return (
        f"<h3>Sign-in sheet: {escape(plan.title)}</h3>{_facts(plan)}"
        "<p>Sign in when you arrive and out when you leave. The facilitator keeps this sheet as the record of "
        "attendance; it is not shared beyond the organisation running the session.</p>"
        '<table class="coprod-paper-table"><colgroup><col class="coprod-paper-no"><col><col>'
        '<col class="coprod-paper-time"><col class="coprod-paper-time"><col></colgroup>'
        '<thead><tr><th scope="col">No.</th><th scope="col">Name</th>'
        '<th scope="col">Role and service</th><th scope="col">Time in</th><th scope="col">Time out</th>'
        f'<th scope="col">Signature</th></tr></thead><tbody>{rows}</tbody></table>'
        "<p>Facilitator(s): ______________________________</p>"
    )


def _evaluation(plan: Plan) -> str:
    scale = "".join(f'<td class="coprod-paper-box">{escape(x)}</td>' for x in ("1", "2", "3", "4", "5"))
    items = "".join(f'<tr><th scope="row">{escape(o)}</th>{scale}</tr>' for o in plan.objectives)
    return (
        f"<h3>Evaluation: {escape(plan.title)}</h3>"
        "<p>Anonymous. Circle one number for each objective: 1 = not at all, 5 = fully.</p>"
        '<table class="coprod-paper-table coprod-paper-eval"><thead><tr><th scope="col">By the end of the session I can…</th>'
        + "".join(f'<th scope="col">{n}</th>' for n in range(1, 6))
        + f"</tr></thead><tbody>{items}</tbody></table>"
        '<p class="coprod-write">The part of the session most useful to my practice, and why:</p>'
        '<p class="coprod-write">One thing I will do differently in the next month:</p>'
        '<p class="coprod-write">What would have made the session better (timing, pace, room, materials):</p>'
        "<p>Did the session leave anything unsettled for you? Speak to the facilitator, or write here:</p>"
        '<p class="coprod-write"></p>'
    )


def _certificate(plan: Plan) -> str:
    objectives = "".join(f"<li>{escape(o)}</li>" for o in plan.objectives)
    return (
        '<section class="coprod-paper-certificate">'
        "<h3>Certificate of attendance</h3>"
        '<p>This is to certify that</p><p class="coprod-paper-line">Name: </p>'
        f"<p>took part throughout {escape(_lower_first(plan.title))} on "
        "<strong>co-production in public services</strong>,</p>"
        '<p class="coprod-paper-line">on (date): </p><p class="coprod-paper-line">at (venue): </p>'
        f"<p>The session gave <strong>{hours(plan.learning_minutes)}</strong> of participatory CPD "
        "(learning with other professionals); arrival, breaks and the evaluation are not counted.</p>"
        f"<p>Its objectives were that participants can:</p><ul>{objectives}</ul>"
        "<p>Participants should check what counts as CPD against the current requirements of their own regulator.</p>"
        '<div class="coprod-paper-sign"><p class="coprod-paper-line">Facilitator (name and signature): </p>'
        '<p class="coprod-paper-line">Organisation: </p></div>'
        "</section>"
    )


def _lower_first(title: str) -> str:
    """'A half-day workshop' -> 'a half-day workshop', to sit inside a sentence."""
    return title[:1].lower() + title[1:] if title[:2] in ("A ", "An") else title


def _voting_cards(plan: Plan) -> str:
    cards = "".join(
        f'<div class="coprod-vote-card" style="background:{colour}">'
        f'<span class="coprod-vote-letter">{letter}</span>'
        f'<span class="coprod-vote-name">{name}<br>choice {i}</span></div>'
        for i, (letter, name, colour) in enumerate(VOTE_CARDS, start=1)
    )
    return (
        f"<h3>Voting cards: {escape(plan.title)}</h3>"
        "<p>One set of four per person: print on card, cut along the edges. Each card carries a letter and a "
        "number as well as a colour, so nobody has to tell colours apart. In Projector view, the choices are "
        "numbered 1 to 4: card A is choice 1, B is 2, C is 3 and D is 4; press that number to add a vote.</p>"
        f'<div class="coprod-vote-sheet">{cards}</div>'
    )


_NUMBERED = re.compile(r"^\d+\.\s+(.+)$")


def _eight_questions(root: Path) -> list[str]:
    """The numbered questions under the section label m3-questions, read from the module page."""
    text = (root / "book" / "modules" / "m3-one-size.md").read_text(encoding="utf-8")
    section = text.split("(m3-questions)=", 1)[1].split("\n(", 1)[0]
    return [m.group(1) for line in section.splitlines() if (m := _NUMBERED.match(line.strip()))]


def session_questions(plan: Plan, root: Path) -> dict[str, list[str]]:
    """The debrief questions of each scenario the plan plays, by scenario title."""
    out = {}
    loaded = course(root)
    for sid in plan.scenarios:
        element = loaded.get(sid).element
        if isinstance(element, Scenario):
            out[element.title] = list(element.debrief_questions)
    return out


def _handout(plan: Plan, root: Path) -> str:
    head = "".join(f'<th scope="col">{escape(x)}</th>' for x in GRID_LEVELS)
    body = "".join(
        f'<tr><th scope="row">{escape(x)}</th>' + '<td class="coprod-paper-cell"></td>' * 3 + "</tr>"
        for x in GRID_LEVELS
    )
    grid = (
        '<table class="coprod-paper-table coprod-paper-grid"><caption>Who plans it (rows) by who delivers it (columns). '
        "Write your scheme in the cell where it actually sits.</caption>"
        f"<thead><tr><td></td>{head}</tr></thead><tbody>{body}</tbody></table>"
    )
    questions = "".join(f"<li>{escape(q)}</li>" for q in _eight_questions(root))
    debrief = "".join(
        f"<h4>{escape(title)}</h4><ul>" + "".join(f"<li>{escape(q)}</li>" for q in qs) + "</ul>"
        for title, qs in session_questions(plan, root).items()
    )
    return (
        f"<h3>Handout: {escape(plan.title)}</h3>"
        "<h4>Who plans, who delivers?</h4>"
        "<p>Think of one scheme in your service that is called co-produced. Who actually planned it? Who actually delivers it?</p>"
        f"{grid}<h4>Eight questions to ask before co-producing a service</h4><ol>{questions}</ol>"
        f"<h4>The session's questions</h4>{debrief}"
        "<h4>If today raised something for you</h4>"
        "<p>Talk to the facilitator at the break or afterwards, or contact (the facilitator writes this in before "
        'copying: your organisation\'s staff support service and how to reach it):</p><p class="coprod-write"></p>'
    )


def show_paperwork(kind: str, plan_id: str, *, root: Path | None = None) -> Printable:
    """One piece of a plan's paperwork as a printable: signin, evaluation, certificate, voting-cards or handout."""
    if kind not in PAPERWORK:
        raise ValueError(f"unknown paperwork '{kind}'; choose one of: {', '.join(PAPERWORK)}")
    root = root or find_content_root()
    path = plan_dir(root) / f"{plan_id}.yml"
    if not path.exists():
        known = sorted(p.stem for p in plan_dir(root).glob("*.yml"))
        raise ValueError(f"no workshop plan '{plan_id}'; the plans are: {', '.join(known)}")
    plan = load_plan(path)
    html = {
        "signin": lambda: _signin(plan),
        "evaluation": lambda: _evaluation(plan),
        "certificate": lambda: _certificate(plan),
        "voting-cards": lambda: _voting_cards(plan),
        "handout": lambda: _handout(plan, root),
    }[kind]()
    return Printable(f"paper-{kind}", html, plan_id)


def _materials(block, root: Path) -> str:
    loaded = course(root)
    parts = []
    if block.scenario:
        parts.append(f"{{ref}}`scenario-{block.scenario}`")
    parts += [f"{{ref}}`{s}`" for s in block.sections]
    parts += [f"reflection *{loaded.get(e).element.title}*" for e in block.elements]
    parts += list(block.materials)
    return "; ".join(parts) or "–"


def agenda_table(plan: Plan, root: Path) -> str:
    """The plan's agenda as the Markdown table its page shows (times, minutes, activity, purpose, how, materials)."""
    lines = ["| Time | Minutes | Activity | Purpose | How | Materials |", "|---|---|---|---|---|---|"]
    for start, b in plan.timed():
        how = " ".join(b.how.split())
        if b.cut_if_late:
            how += f" **✂ Cut here if you are running late:** {' '.join(b.cut_if_late.split())}"
        lines.append(
            f"| {clock(start)}–{clock(start + b.minutes)} | {b.minutes} | {b.activity} | {' '.join(b.purpose.split())} "
            f"| {how} | {_materials(b, root)} |"
        )
    return "\n".join(lines)


class Agenda:
    """A plan's Agenda mode for the projector: the blocks as data, and the scenarios they open."""

    def __init__(self, plan: Plan, scenarios: dict):
        self.plan, self.scenarios = plan, scenarios

    def __repr__(self) -> str:
        return f"<agenda of plan '{self.plan.id}'>"

    def data(self) -> dict:
        return {
            "id": self.plan.id,
            "title": self.plan.title,
            "length_minutes": self.plan.length_minutes,
            "learning_minutes": self.plan.learning_minutes,
            "blocks": [
                {
                    "start": start,
                    "minutes": b.minutes,
                    "kind": b.kind,
                    "activity": b.activity,
                    "purpose": b.purpose,
                    "how": " ".join(b.how.split()),
                    "cut_if_late": b.cut_if_late,
                    "scenario": b.scenario,
                }
                for start, b in self.plan.timed()
            ],
            "scenarios": self.scenarios,
        }

    def html(self) -> str:
        text = json.dumps(self.data(), ensure_ascii=False, sort_keys=True, separators=(",", ":"))
        text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
        return (
            f'<div class="coprod-agenda" data-coprod-module="agenda" data-plan="{escape(self.plan.id)}">'
            '<p class="coprod-agenda-fallback">Agenda mode needs JavaScript in the browser. Without it, run the '
            "session from the agenda table on this page.</p>"
            f'<script type="application/json" class="coprod-agenda-data">{text}</script></div>'
        )

    def _repr_mimebundle_(self, **kwargs):
        return {"text/html": self.html(), "text/plain": repr(self)}


def show_agenda(plan_id: str, *, root: Path | None = None) -> Agenda:
    """Agenda mode for a plan: a button that runs the session on the projector, block by block."""
    from .html import content_data

    root = root or find_content_root()
    path = plan_dir(root) / f"{plan_id}.yml"
    if not path.exists():
        known = sorted(p.stem for p in plan_dir(root).glob("*.yml"))
        raise ValueError(f"no workshop plan '{plan_id}'; the plans are: {', '.join(known)}")
    plan = load_plan(path)
    loaded = course(root)
    used = sorted({b.scenario for b in plan.agenda if b.scenario})
    return Agenda(plan, {sid: content_data(loaded.get(sid).element, {}) for sid in used})
