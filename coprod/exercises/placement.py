"""Exercise 1: where does your service sit? The who-plans by who-delivers grid, the course's reference points and the learner's placement."""

from __future__ import annotations

import textwrap
from dataclasses import dataclass
from pathlib import Path as FilePath

import ipywidgets as widgets

from .common import (
    _WIDE,
    MAX_NAME,
    MAX_TEXT,
    Block,
    Exercise,
    KeptWork,
    Quote,
    WorkFile,
    _box,
    _choice_field,
    _data,
    _html,
    _img,
    _short,
    _svg_open,
    _svg_text,
    _text_field,
    clean_text,
    download_link,
    esc,
    markdown_text,
)

LEVEL_IDS = ("professionals", "both", "users")


@dataclass(frozen=True)
class ReferencePoint:
    """A service from the modules, placed on the who-plans by who-delivers grid, with the module's reasons."""

    id: str
    label: str
    plan: str
    deliver: str
    reasons: tuple[Quote, ...]


def _placement() -> dict:
    return _data("placement.json")


def reference_points() -> list[ReferencePoint]:
    """The reference services (surgery, dementia care, policing, emergency response), numbered in this order."""
    return [
        ReferencePoint(r["id"], r["label"], r["plan"], r["deliver"], tuple(Quote.of(q) for q in r["reasons"]))
        for r in _placement()["references"]
    ]


def _check_level(value: str, what: str) -> str:
    if value not in LEVEL_IDS:
        raise ValueError(f"{what} must be one of {', '.join(LEVEL_IDS)}, not {value!r}")
    return value


def cell_label(plan: str, deliver: str) -> str:
    """The module's name for a cell of the grid, e.g. 'Planned together, professionals deliver (co-planning)'."""
    return _placement()["cells"][f"{_check_level(plan, 'plan')}/{_check_level(deliver, 'deliver')}"]


def cell_notes(plan: str, deliver: str) -> list[Quote]:
    """What the modules say about a cell of the grid."""
    return [Quote.of(q) for q in _placement()["cell_notes"][f"{plan}/{deliver}"]]


def _level(level_id: str) -> dict:
    return next(lv for lv in _placement()["levels"] if lv["id"] == level_id)


def placement_svg(plan: str, deliver: str, service: str = "") -> str:
    """The grid with the reference services (numbered) and the learner's service ('You')."""
    _check_level(plan, "plan")
    _check_level(deliver, "deliver")
    data = _placement()
    service = clean_text(service, MAX_NAME, one_line=True) or "Your service"
    refs = reference_points()
    width, height = 780, 520
    left, top, cw, ch, gap = 190, 74, 190, 118, 6
    out = []
    cells_desc = []
    out.append(_svg_text(left + 1.5 * cw + gap, 22, "Who delivers it?", 16, "middle", "bold"))
    out.append(_svg_text(12, 58, "Who plans it?", 16, weight="bold"))
    for col, level in enumerate(LEVEL_IDS):
        x = left + col * (cw + gap) + cw / 2
        out.append(_svg_text(x, 58, _level(level)["short"], 14, "middle", "bold"))
    for row, plan_level in enumerate(LEVEL_IDS):
        y = top + row * (ch + gap)
        row_label = {
            "professionals": ["Professionals", "plan alone"],
            "both": ["Professionals and users", "plan together"],
            "users": ["Users or community", "plan alone"],
        }[plan_level]
        for i, line in enumerate(row_label):
            out.append(_svg_text(12, y + ch / 2 - 6 + i * 18, line, 14, weight="bold"))
        for col, deliver_level in enumerate(LEVEL_IDS):
            x = left + col * (cw + gap)
            key = f"{plan_level}/{deliver_level}"
            centre = key == "both/both"
            mine = plan_level == plan and deliver_level == deliver
            fill = "#fde7a8" if centre else ("#e6eef8" if (row + col) % 2 else "#f2f2f2")
            stroke_w = 3 if mine else 1.5
            stroke = "#b34700" if mine else "#333333"
            out.append(
                f'<rect x="{x}" y="{y}" width="{cw}" height="{ch}" rx="6" fill="{fill}" '
                f'stroke="{stroke}" stroke-width="{stroke_w}"/>'
            )
            for i, line in enumerate(textwrap.wrap(data["cells"][key], 27)[:3]):
                out.append(_svg_text(x + cw / 2, y + 18 + i * 15, line, 12, "middle", fill="#222222"))
            here = [
                (n, r) for n, r in enumerate(refs, 1) if r.plan == plan_level and r.deliver == deliver_level
            ]
            offsets = [-62, 62, -30, 30][: len(here)] if len(here) > 1 else [-58]
            my = y + ch - 32
            for (number, _ref), dx in zip(here, offsets, strict=False):
                cx = x + cw / 2 + dx
                out.append(f'<circle cx="{cx:.1f}" cy="{my:.1f}" r="13" fill="#1f4e79"/>')
                out.append(_svg_text(cx, my + 5, str(number), 13, "middle", "bold", "#ffffff"))
            if mine:
                cx = x + cw / 2
                out.append(
                    f'<circle cx="{cx:.1f}" cy="{my:.1f}" r="19" fill="#b34700" stroke="#ffffff" stroke-width="2"/>'
                )
                out.append(_svg_text(cx, my + 4, "You", 12, "middle", "bold", "#ffffff"))
            if here:
                cells_desc.append(f"{data['cells'][key]}: " + ", ".join(f"{n} {r.label}" for n, r in here))
    legend_y = top + 3 * (ch + gap) + 24
    out.append(f'<circle cx="{left + 12}" cy="{legend_y - 5}" r="11" fill="#b34700"/>')
    out.append(_svg_text(left + 30, legend_y, f"You: {_short(service, 58)}", 13, weight="bold"))
    out.append(f'<circle cx="{left + 12}" cy="{legend_y + 21}" r="10" fill="#1f4e79"/>')
    out.append(_svg_text(left + 30, legend_y + 26, "1 to 5: services from the modules (see the list)", 13))
    out.append(
        _svg_text(
            width - 10,
            height - 8,
            "Grid simplified, after Bovaird (2007), as in Module 1",
            11,
            "end",
            fill="#333333",
        )
    )
    label = (
        f"Who plans by who delivers grid. {service} is in the cell: {cell_label(plan, deliver)}. "
        "Services from the modules: " + "; ".join(cells_desc) + "."
    )
    return (
        _svg_open(width, height, label, "Where your service sits: who plans it by who delivers it")
        + "".join(out)
        + "</svg>"
    )


def _reference_rows() -> list[tuple[int, ReferencePoint, str]]:
    return [(n, r, cell_label(r.plan, r.deliver)) for n, r in enumerate(reference_points(), 1)]


def _reference_list_html() -> str:
    items = []
    for _n, ref, cell in _reference_rows():
        reasons = " ".join(q.html() for q in ref.reasons)
        items.append(f"<li><strong>{esc(ref.label)}</strong>: {esc(cell)}. {reasons}</li>")
    return "<ol>" + "".join(items) + "</ol>"


def placement_table() -> Block:
    """The reference services: where each sits and the modules' reasons (deterministic; for a checked cell)."""
    rows = []
    plain = ["Reference services on the grid (who plans / who delivers):"]
    for n, ref, cell in _reference_rows():
        plan_short = _level(ref.plan)["short"]
        deliver_short = _level(ref.deliver)["short"]
        reasons = " ".join(q.html() for q in ref.reasons)
        rows.append(
            f"<tr><td>{n}</td><td>{esc(ref.label)}</td><td>{esc(plan_short)}</td><td>{esc(deliver_short)}</td>"
            f"<td>{esc(cell)}</td><td>{reasons}</td></tr>"
        )
        plain.append(f"{n}. {ref.label}: plans: {plan_short}; delivers: {deliver_short} ({cell})")
        plain.extend(f"   “{q.text}” ({q.where()})" for q in ref.reasons)
    table = (
        "<table><caption>Services from the modules, placed on the grid with the modules' reasons</caption>"
        "<thead><tr><th scope='col'>No.</th><th scope='col'>Service</th><th scope='col'>Who plans</th>"
        "<th scope='col'>Who delivers</th><th scope='col'>Cell</th><th scope='col'>Why, in the modules' words</th></tr></thead>"
        "<tbody>" + "".join(rows) + "</tbody></table>"
    )
    return Block(_box(table), "\n".join(plain))


def grid_table() -> Block:
    """The grid cell by cell: its name, what the modules say about it, and the numbered services in it."""
    refs = list(enumerate(reference_points(), 1))
    rows, plain = [], ["The grid, cell by cell (who plans / who delivers):"]
    for plan in LEVEL_IDS:
        for deliver in LEVEL_IDS:
            notes = cell_notes(plan, deliver)
            here = [f"{n}. {r.label}" for n, r in refs if r.plan == plan and r.deliver == deliver]
            rows.append(
                f"<tr><td>{esc(_level(plan)['short'])}</td><td>{esc(_level(deliver)['short'])}</td>"
                f"<td>{esc(cell_label(plan, deliver))}</td><td>{' '.join(q.html() for q in notes)}</td>"
                f"<td>{esc('; '.join(here))}</td></tr>"
            )
            plain.append(
                f"- {_level(plan)['short']} / {_level(deliver)['short']}: {cell_label(plan, deliver)}"
                + (f" [{'; '.join(here)}]" if here else "")
            )
            plain.extend(f"    “{q.text}” ({q.where()})" for q in notes)
    table = (
        "<table><caption>The grid, cell by cell, with what the modules say about each kind</caption><thead><tr>"
        "<th scope='col'>Who plans</th><th scope='col'>Who delivers</th><th scope='col'>Kind</th>"
        "<th scope='col'>What the modules say</th><th scope='col'>Services from the modules</th></tr></thead>"
        "<tbody>" + "".join(rows) + "</tbody></table>"
    )
    return Block(_box(table), "\n".join(plain))


def placement_summary(service: str, plan: str, deliver: str, why: str = "") -> str:
    """The learner's placement as a short Markdown note, to keep."""
    data = _placement()
    name = markdown_text(clean_text(service, MAX_NAME, one_line=True) or "My service", one_line=True)
    lines = [
        f"# Where my service sits: {name}",
        "",
        f"- Who plans it: {_level(plan)['plan']}",
        f"- Who delivers it: {_level(deliver)['deliver']}",
        f"- Kind of co-production: {cell_label(plan, deliver)}",
        "",
    ]
    if clean_text(why):
        lines += ["## Why I placed it there", "", markdown_text(why), ""]
    lines += ["## What the modules say about this kind", ""]
    lines += [f"- {q.markdown()}" for q in cell_notes(plan, deliver)]
    lines += ["", "## Questions to take away", ""]
    lines += [f"- {Quote.of(q).markdown()}" for q in data["questions"]]
    lines += [
        "",
        "Made with exercise 1 of the co-production course. The placement is your judgement, not a score.",
    ]
    return "\n".join(lines) + "\n"


def _placement_result_html(service: str, plan: str, deliver: str, why: str) -> str:
    cell = cell_label(plan, deliver)
    name = clean_text(service, MAX_NAME, one_line=True) or "Your service"
    same = [r.label for r in reference_points() if r.plan == plan and r.deliver == deliver]
    near = (
        f"<p>In the same cell: {esc(', '.join(same))}. Is your service like them, or only similar on paper?</p>"
        if same
        else "<p>None of the services from the modules sits in this cell.</p>"
    )
    notes = "".join(f"<li>{q.html()}</li>" for q in cell_notes(plan, deliver))
    questions = "".join(f"<li>{Quote.of(q).html()}</li>" for q in _placement()["questions"])
    summary = placement_summary(service, plan, deliver, why)
    links = download_link(
        "my-service-placement.svg",
        placement_svg(plan, deliver, service),
        "image/svg+xml",
        "Download the picture (SVG)",
    ) + download_link(
        "my-service-placement.md", summary, "text/markdown", "Download your placement as a note (Markdown)"
    )
    return (
        f"<h3>Your placement: {esc(name)}</h3>"
        f"<p><strong>{esc(cell)}</strong>.</p>{near}"
        f"<h4>What the modules say about this kind</h4><ul>{notes}</ul>"
        f"<h4>Questions to take away</h4><ul>{questions}</ul>"
        f"<p>{links}</p>"
    )


def placement_work(work) -> dict:
    """Exercise 1's kept answers, checked: the service's name, who plans, who delivers and why."""
    out: dict = {
        "service": _text_field(work, "service", MAX_NAME, one_line=True),
        "plan": _choice_field(work, "plan", LEVEL_IDS),
        "deliver": _choice_field(work, "deliver", LEVEL_IDS),
        "why": _text_field(work, "why", MAX_TEXT),
    }
    return {k: v for k, v in out.items() if v is not None}


def placement_exercise(
    service: str | None = None,
    plan: str | None = None,
    deliver: str | None = None,
    why: str | None = None,
    keep: bool | FilePath = True,
) -> Exercise:
    """Exercise 1: place your service by who plans and who delivers it, beside services from the modules.

    ``keep``: True keeps the learner's answers in ``ex1-my-work.json`` in the working folder and brings them
    back; a folder keeps them there; False keeps nothing.
    """
    data = _placement()
    sample = data["sample"]
    service = sample["service"] if service is None else service
    plan = _check_level(sample["plan"] if plan is None else plan, "plan")
    deliver = _check_level(sample["deliver"] if deliver is None else deliver, "deliver")
    why = sample["why"] if why is None else why
    full = widgets.Layout(width="100%", max_width="46rem")
    name_box = widgets.Text(
        value=service,
        description="Your service:",
        placeholder="e.g. memory clinic follow-up",
        style=_WIDE,
        layout=full,
    )
    plan_box = widgets.Dropdown(
        options=[(lv["plan"], lv["id"]) for lv in data["levels"]],
        value=plan,
        description="Who plans it?",
        style=_WIDE,
        layout=full,
    )
    deliver_box = widgets.Dropdown(
        options=[(lv["deliver"], lv["id"]) for lv in data["levels"]],
        value=deliver,
        description="Who delivers it?",
        style=_WIDE,
        layout=full,
    )
    why_box = widgets.Textarea(
        value=why,
        description="Why there?",
        placeholder="A sentence or two (optional)",
        style=_WIDE,
        layout=widgets.Layout(width="100%", max_width="46rem", height="4.5em"),
    )
    picture = _html()
    result = _html()

    def draw(_change=None):
        picture.value = _box(placement_svg(plan_box.value, deliver_box.value, name_box.value))
        result.value = _box(
            _placement_result_html(name_box.value, plan_box.value, deliver_box.value, why_box.value)
        )

    boxes = {"service": name_box, "plan": plan_box, "deliver": deliver_box, "why": why_box}
    start = {"service": service, "plan": plan, "deliver": deliver, "why": why}

    def put(work: dict) -> None:
        for key, box in boxes.items():
            if key in work:
                box.value = work[key]

    kept = KeptWork(
        WorkFile("ex1", placement_work, keep),
        lambda: {key: box.value for key, box in boxes.items()},
        put,
        lambda: put(start),
        record=(
            "Exercise 1: Where does your service sit?",
            lambda: placement_summary(name_box.value, plan_box.value, deliver_box.value, why_box.value),
        ),
    )
    for box in boxes.values():
        box.observe(draw, names="value")
        box.observe(kept.changed, names="value")
    kept.restore()
    draw()
    intro = _html(
        _box(
            "<p>Choose who plans your service and who delivers it. Think of one service, or one person's care: "
            f"{Quote.of(data['levels_note']).html()}</p>"
        )
    )
    legend = _html(
        _box("<h3>The numbered services, and why they sit where they do</h3>" + _reference_list_html())
    )
    exercise = Exercise(
        [kept, intro, name_box, plan_box, deliver_box, why_box, picture, legend, result],
        lambda: (
            _img(placement_svg(plan_box.value, deliver_box.value, name_box.value)) + _reference_list_html()
        ),
    )
    exercise.service, exercise.plan, exercise.deliver, exercise.why = name_box, plan_box, deliver_box, why_box
    exercise.picture, exercise.result = picture, result
    exercise.kept = kept
    return exercise
