"""Exercise 4: who holds the power? A stakeholder map (influence by interest), prompts about it and a downloadable report."""

from __future__ import annotations

import textwrap
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path as FilePath

import ipywidgets as widgets

from ..widget import RangeSlider  # an anywidget: coprod.widget is the only module that imports anywidget
from .common import (
    _WIDE,
    MAX_NAME,
    MAX_TEXT,
    Block,
    ConfirmButton,
    Exercise,
    KeptWork,
    Quote,
    WorkError,
    WorkFile,
    _box,
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


@dataclass(frozen=True)
class Stakeholder:
    """A person, group or organisation on the map: influence over decisions and involvement in the work, 0 to 10."""

    name: str
    influence: int
    involvement: int
    group: str = "other"

    def __post_init__(self):
        object.__setattr__(self, "name", clean_text(self.name, MAX_NAME, one_line=True))
        for what in ("influence", "involvement"):
            value = int(getattr(self, what))
            if not 0 <= value <= 10:
                raise ValueError(f"{what} must be from 0 to 10, not {value}")
            object.__setattr__(self, what, value)


GROUP_COLOURS = {
    "users": "#0b5d91",
    "carers": "#00704f",
    "community": "#7a4f00",
    "professionals": "#5b3490",
    "managers": "#a11c1c",
    "several": "#222222",
    "other": "#555555",
}


def _power() -> dict:
    return _data("stakeholders.json")


def _groups() -> dict[str, str]:
    return {g["id"]: g["label"] for g in _power()["groups"]}


def sample_stakeholders() -> tuple[str, list[Stakeholder]]:
    """The sample initiative and its stakeholders (fictional)."""
    sample = _power()["sample"]
    return sample["initiative"], [
        Stakeholder(s["name"], s["influence"], s["involvement"], s["group"]) for s in sample["stakeholders"]
    ]


def _quadrant(s: Stakeholder) -> str:
    return ("high" if s.influence >= 5 else "low") + "-" + ("high" if s.involvement >= 5 else "low")


_CLUSTER = [(0, 0), (26, 0), (-26, 0), (13, -23), (-13, -23), (13, 23), (-13, 23), (39, -23), (-39, 23)]


def _label_spot(cx: float, cy: float, width: float, taken: list, frame: tuple) -> tuple[float, float, str]:
    """Where a dot's label goes: beside it, right or left, nudged up or down until it overlaps nothing drawn so far."""
    fx0, fy0, fx1, fy1 = frame
    best = None
    for dy in (0, -16, 16, -32, 32, -48, 48, -64, 64):
        for side in (1, -1):
            x = cx + 16 * side
            left, right = (x, x + width) if side > 0 else (x - width, x)
            box = (left, cy + dy - 9, right, cy + dy + 5)
            inside = left >= fx0 + 2 and right <= fx1 - 2 and box[1] >= fy0 and box[3] <= fy1
            clear = not any(
                box[0] < t[2] and t[0] < box[2] and box[1] < t[3] and t[1] < box[3] for t in taken
            )
            if inside and clear:
                taken.append(box)
                return x, cy + dy + 4.5, "start" if side > 0 else "end"
            if best is None and inside:
                best = (x, cy + dy + 4.5, "start" if side > 0 else "end", box)
    x, y, anchor, box = best or (cx + 16, cy + 4.5, "start", (cx + 16, cy - 9, cx + 16 + width, cy + 5))
    taken.append(box)
    return x, y, anchor


def stakeholder_svg(stakeholders: Sequence[Stakeholder], initiative: str = "") -> str:
    """The map: involvement across, influence up; numbered dots coloured by group, names beside them."""
    quads = _power()["quadrants"]
    groups = _groups()
    width, height = 760, 600
    x0, x1, y0, y1 = 90, 720, 60, 520
    sx = (x1 - x0) / 10
    sy = (y1 - y0) / 10
    title = clean_text(initiative, MAX_NAME, one_line=True) or "Your initiative"
    out = [_svg_text(x0, 24, _short(title, 80), 15, weight="bold")]
    out.append(
        f'<rect x="{x0}" y="{y0}" width="{x1 - x0}" height="{y1 - y0}" fill="#fbfbfb" stroke="#333333" stroke-width="1.5"/>'
    )
    xm, ym = x0 + 5 * sx, y0 + 5 * sy
    out.append(f'<line x1="{xm}" y1="{y0}" x2="{xm}" y2="{y1}" stroke="#777777" stroke-dasharray="6 4"/>')
    out.append(f'<line x1="{x0}" y1="{ym}" x2="{x1}" y2="{ym}" stroke="#777777" stroke-dasharray="6 4"/>')
    for key, (qx, qy, anchor) in {
        "high-low": (x0 + 8, y0 + 18, "start"),
        "high-high": (x1 - 8, y0 + 18, "end"),
        "low-low": (x0 + 8, y1 - 10, "start"),
        "low-high": (x1 - 8, y1 - 10, "end"),
    }.items():
        out.append(_svg_text(qx, qy, quads[key], 12, anchor, fill="#444444", style="italic"))
    for v in range(0, 11):
        out.append(_svg_text(x0 + v * sx, y1 + 18, str(v), 11, "middle", fill="#333333"))
        out.append(_svg_text(x0 - 10, y1 - v * sy + 4, str(v), 11, "end", fill="#333333"))
    out.append(
        _svg_text(
            (x0 + x1) / 2,
            y1 + 40,
            "Involvement in the work (0 none, 10 fully involved)",
            14,
            "middle",
            "bold",
        )
    )
    out.append(
        f'<text x="24" y="{(y0 + y1) / 2:.1f}" font-size="14" font-weight="bold" fill="#111111" text-anchor="middle" '
        f'transform="rotate(-90 24 {(y0 + y1) / 2:.1f})">Influence over decisions (0 none, 10 decisive)</text>'
    )
    seen: Counter = Counter()
    desc = []
    dots = []
    for number, s in enumerate(stakeholders, 1):
        key = (s.influence, s.involvement)
        dx, dy = _CLUSTER[seen[key] % len(_CLUSTER)]  # several at one spot sit round it
        seen[key] += 1
        dots.append((number, s, x0 + s.involvement * sx + dx, y1 - s.influence * sy + dy))
    taken = [(cx - 13, cy - 13, cx + 13, cy + 13) for _n, _s, cx, cy in dots]
    for number, s, cx, cy in dots:
        colour = GROUP_COLOURS.get(s.group, GROUP_COLOURS["other"])
        out.append(
            f'<circle cx="{cx:.1f}" cy="{cy:.1f}" r="12" fill="{colour}" stroke="#ffffff" stroke-width="1.5"/>'
        )
        out.append(_svg_text(cx, cy + 4.5, str(number), 12, "middle", "bold", "#ffffff"))
        text = _short(s.name, 28)
        x, y, anchor = _label_spot(cx, cy, len(text) * 6.6, taken, (x0, y0, x1, y1))
        if abs(y - (cy + 4.5)) > 1:  # a label moved away from its dot gets a line back to it
            out.append(
                f'<line x1="{x:.1f}" y1="{y - 4:.1f}" x2="{cx:.1f}" y2="{cy:.1f}" stroke="#666666" stroke-width="1"/>'
            )
        out.append(_svg_text(x, y, text, 12, anchor, fill="#111111"))
        desc.append(
            f"{number} {s.name} ({groups.get(s.group, 'someone else')}): influence {s.influence}, involvement {s.involvement}"
        )
    # the names beside the dots are shortened to fit; the key under the map gives every name in full
    key_y = y1 + 72
    if stakeholders:
        out.append(_svg_text(x0, key_y, "Key: every name in full", 13, weight="bold"))
    for number, s in enumerate(stakeholders, 1):
        entry = f"{number}. {s.name} ({groups.get(s.group, 'someone else')})"
        for line in textwrap.wrap(entry, 95, subsequent_indent="    ") or [entry]:
            key_y += 18
            out.append(_svg_text(x0, key_y, line, 12, fill="#111111"))
    height = max(height, key_y + 20)
    label = f"Stakeholder map for {title}: involvement across, influence up. " + (
        "; ".join(desc) + "." if desc else "No one is on the map yet."
    )
    return _svg_open(width, height, label, "Who holds the power? A stakeholder map") + "".join(out) + "</svg>"


@dataclass(frozen=True)
class Prompt:
    """A question for the learner about their map, with what on the map raised it and the module's words."""

    id: str
    title: str
    lens: str
    observation: str
    question: str
    quotes: tuple[Quote, ...]


def _names(people: Sequence[Stakeholder]) -> str:
    names = [p.name for p in people]
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def map_prompts(stakeholders: Sequence[Stakeholder]) -> list[Prompt]:
    """Questions from Needham (as the post reads her), Lee and Dunston and Module 3, raised by what is on the map."""
    texts = _power()["prompts"]
    people = list(stakeholders)
    out: list[Prompt] = []

    def add(pid: str, observation: str):
        t = texts[pid]
        out.append(
            Prompt(
                pid,
                t["title"],
                t["lens"],
                observation,
                t["question"],
                tuple(Quote.of(q) for q in t["quotes"]),
            )
        )

    top = [p for p in people if p.influence >= 7]
    if top:
        add("who-decides", f"Most influence on your map: {_names(sorted(top, key=lambda p: -p.influence))}.")
    elif people:
        add(
            "who-decides",
            "No one on your map has high influence (7 or more). Someone still decides in the end: who?",
        )
    else:
        add(
            "who-decides",
            "Your map is empty. Add the people and groups involved, starting with whoever decides.",
        )

    workers = [p for p in people if p.involvement >= 6 and p.influence <= 4]
    if workers:
        add("handed-risk", f"Much involvement but little influence: {_names(workers)}.")

    lay = [p for p in people if p.group in ("users", "carers")]
    staff = [p for p in people if p.group in ("professionals", "managers")]
    top_staff = [p for p in top if p.group in ("professionals", "managers")]
    if top and len(top_staff) == len(top) and lay and all(p.influence <= 4 for p in lay):
        add(
            "power-gap",
            "Everyone with high influence is a professional or manager, and no user or carer has more than 4.",
        )

    if staff:
        add("care-control", f"Staff on your map: {_names(staff)}.")

    users = [p for p in people if p.group == "users"]
    if people and len(users) <= 1:
        add(
            "flattened-users",
            "People who use the service appear as " + ("one dot." if users else "no dot at all."),
        )
    professionals = [p for p in people if p.group == "professionals"]
    if len(professionals) == 1:
        add("flattened-staff", f"All the front-line staff are one dot: {professionals[0].name}.")

    both = [p for p in people if p.group == "several"]
    add(
        "both-sides",
        f"You put {_names(both)} in more than one group."
        if both
        else "Everyone on your map is in one group only.",
    )
    count = len(people)
    add("missing", f"{count} {'person or group' if count == 1 else 'people and groups'} on your map so far.")
    add("reconfigure", "")
    return out


def _prompts_html(prompts: Sequence[Prompt]) -> str:
    parts = []
    for p in prompts:
        quotes = " ".join(q.html() for q in p.quotes)
        parts.append(
            f"<h4>{esc(p.title)}</h4><p><em>{esc(p.lens)}.</em> {esc(p.observation) or 'On any map:'}</p>"
            f"<p><strong>Ask:</strong> {esc(p.question)}</p><p>{quotes}</p>"
        )
    return "".join(parts)


def _stakeholder_list(stakeholders: Sequence[Stakeholder]) -> tuple[str, str]:
    groups = _groups()
    quads = _power()["quadrants"]
    if not stakeholders:
        return "<p>No one on the map yet.</p>", "No one on the map yet."
    rows, plain = [], []
    for n, s in enumerate(stakeholders, 1):
        group = groups.get(s.group, "Someone else")
        rows.append(
            f"<tr><td>{n}</td><td>{esc(s.name)}</td><td>{esc(group)}</td><td>{s.influence}</td>"
            f"<td>{s.involvement}</td><td>{esc(quads[_quadrant(s)])}</td></tr>"
        )
        plain.append(f"{n}. {s.name} ({group}): influence {s.influence}, involvement {s.involvement}")
    table = (
        "<table><caption>Who is on the map</caption><thead><tr><th scope='col'>No.</th><th scope='col'>Who</th>"
        "<th scope='col'>Group</th><th scope='col'>Influence</th><th scope='col'>Involvement</th>"
        "<th scope='col'>Where</th></tr></thead><tbody>" + "".join(rows) + "</tbody></table>"
    )
    return table, "\n".join(plain)


def stakeholder_markdown(initiative: str, stakeholders: Sequence[Stakeholder], notes: str = "") -> str:
    groups = _groups()
    lines = [
        f"# Who holds the power? {markdown_text(clean_text(initiative, MAX_NAME, one_line=True) or 'My initiative', one_line=True)}",
        "",
        "## Who is on the map",
        "",
    ]
    for n, s in enumerate(stakeholders, 1):
        lines.append(
            f"{n}. {markdown_text(s.name, one_line=True)} ({groups.get(s.group, 'Someone else')}): "
            f"influence {s.influence}, involvement {s.involvement}"
        )
    lines += ["", "## Questions for my map", ""]
    for p in map_prompts(stakeholders):
        lines += [
            f"### {p.title}",
            "",
            f"*{p.lens}.* {markdown_text(p.observation)}".rstrip(),
            "",
            f"Ask: {p.question}",
            "",
        ]
        lines += [f"> {q.markdown()}" for q in p.quotes] + [""]
    if clean_text(notes):
        lines += ["## My notes", "", markdown_text(notes), ""]
    lines.append("Made with exercise 4 of the co-production course.")
    return "\n".join(lines) + "\n"


def stakeholder_report(
    stakeholders: Sequence[Stakeholder] | None = None,
    initiative: str | None = None,
) -> Block:
    """The map's list and its prompts (deterministic; for a checked cell)."""
    if stakeholders is None or initiative is None:
        sample_initiative, sample_people = sample_stakeholders()
        stakeholders = sample_people if stakeholders is None else stakeholders
        initiative = sample_initiative if initiative is None else initiative
    table, plain = _stakeholder_list(stakeholders)
    prompts = map_prompts(stakeholders)
    text = [clean_text(initiative, MAX_NAME, one_line=True), plain, "", "Questions raised by this map:"]
    text += [f"- {p.title}: {p.observation or 'on any map'}" for p in prompts]
    return Block(
        _box(f"<h3>{esc(initiative)}</h3>{table}<h3>Questions for this map</h3>{_prompts_html(prompts)}"),
        "\n".join(text),
    )


def power_questions() -> Block:
    """Every question the map can raise, with its lens and the modules' words: a printable list."""
    texts = _power()["prompts"]
    parts, plain = [], ["Questions for any stakeholder map:"]
    for t in texts.values():
        quotes = [Quote.of(q) for q in t["quotes"]]
        parts.append(
            f"<li><strong>{esc(t['title'])}</strong> <em>({esc(t['lens'])})</em><br>{esc(t['question'])}<br>"
            + " ".join(q.html() for q in quotes)
            + "</li>"
        )
        plain.append(f"- {t['title']} ({t['lens']}): {t['question']}")
        plain.extend(f"    “{q.text}” ({q.where()})" for q in quotes)
    return Block(_box("<ol>" + "".join(parts) + "</ol>"), "\n".join(plain))


MAX_STAKEHOLDERS = 30


def stakeholder_work(work) -> dict:
    """Exercise 4's kept map, checked: the initiative, up to 30 stakeholders with values from 0 to 10, the notes."""
    out: dict = {
        "initiative": _text_field(work, "initiative", MAX_NAME * 2, one_line=True),
        "notes": _text_field(work, "notes", MAX_TEXT),
    }
    if "stakeholders" in work:
        people = work["stakeholders"]
        if not isinstance(people, list) or len(people) > MAX_STAKEHOLDERS:
            raise WorkError(f"its stakeholders are not a list of at most {MAX_STAKEHOLDERS}")
        groups = _groups()
        kept = []
        for person in people:
            if not isinstance(person, dict):
                raise WorkError("a stakeholder in it is not a name with two values")
            name = _text_field(person, "name", MAX_NAME, one_line=True)
            values = [person.get(k) for k in ("influence", "involvement")]
            if not name or not all(type(v) is int and 0 <= v <= 10 for v in values):
                raise WorkError("a stakeholder in it has no name, or a value outside 0 to 10")
            if person.get("group") not in groups:
                raise WorkError("a stakeholder in it is in a group this exercise does not offer")
            kept.append(Stakeholder(name, values[0], values[1], person["group"]))
        out["stakeholders"] = kept
    return {k: v for k, v in out.items() if v is not None}


def stakeholder_exercise(
    initiative: str | None = None,
    stakeholders: Sequence[Stakeholder] | None = None,
    keep: bool | FilePath = True,
) -> Exercise:
    """Exercise 4: add stakeholders (name, group, two sliders, Add) and see the map and its questions.

    ``keep``: True keeps the map in ``ex4-my-work.json`` in the working folder and brings it back; a folder
    keeps it there; False keeps nothing.
    """
    sample_initiative, sample_people = sample_stakeholders()
    people: list[Stakeholder] = list(sample_people if stakeholders is None else stakeholders)
    full = widgets.Layout(width="100%", max_width="46rem")
    initiative_box = widgets.Text(
        value=sample_initiative if initiative is None else initiative,
        description="The initiative:",
        placeholder="What is being co-produced, and where",
        style=_WIDE,
        layout=full,
    )
    name_box = widgets.Text(
        value="",
        description="Who are they?",
        placeholder="A person, group or organisation (no real names of people who use services)",
        style=_WIDE,
        layout=full,
    )
    group_box = widgets.Dropdown(
        options=[(label, gid) for gid, label in _groups().items()],
        value="users",
        description="Which group?",
        style=_WIDE,
        layout=full,
    )
    influence = RangeSlider(value=5, description="Influence over decisions (0 to 10):")
    involvement = RangeSlider(value=5, description="Involvement in the work (0 to 10):")
    fit = widgets.Layout(width="max-content")
    add = widgets.Button(
        description="Add to the map",
        button_style="primary",
        icon="plus",
        tooltip="Adds this stakeholder to the map",
        layout=fit,
    )
    undo = widgets.Button(
        description="Remove the last one", tooltip="Removes the stakeholder added last", layout=fit
    )
    notes = widgets.Textarea(
        value="",
        description="Your notes:",
        placeholder="What the map shows you (optional)",
        style=_WIDE,
        layout=widgets.Layout(width="100%", max_width="46rem", height="4.5em"),
    )
    message = _html()
    picture = _html()
    listing = _html()
    prompts_out = _html()

    def draw(_change=None):
        picture.value = _box(stakeholder_svg(people, initiative_box.value))
        table, _plain = _stakeholder_list(people)
        md = stakeholder_markdown(initiative_box.value, people, notes.value)
        links = download_link(
            "stakeholder-map.svg",
            stakeholder_svg(people, initiative_box.value),
            "image/svg+xml",
            "Download the map (SVG)",
        ) + download_link(
            "stakeholder-map.md", md, "text/markdown", "Download the list and questions (Markdown)"
        )
        listing.value = _box(table + f"<p>{links}</p>")
        prompts_out.value = _box("<h3>Questions for your map</h3>" + _prompts_html(map_prompts(people)))

    def say(text: str, good: bool = True):
        cls = "coprod-ex-good" if good else "coprod-ex-warn"
        message.value = _box(f'<p class="{cls}" role="status">{esc(text)}</p>')

    def on_add(_button=None):
        name = clean_text(name_box.value, MAX_NAME, one_line=True)
        if not name:
            say("Type who they are first, in the 'Who are they?' box.", False)
            return
        if len(people) >= MAX_STAKEHOLDERS:
            say(f"The map holds up to {MAX_STAKEHOLDERS}. Remove someone first.", False)
            return
        people.append(Stakeholder(name, influence.value, involvement.value, group_box.value))
        name_box.value = ""
        say(
            f"Added {len(people)}. {name}: influence {influence.value}, involvement {involvement.value}. "
            "Set the sliders for the next one before you add them."
        )
        draw()

    def on_undo(_button=None):
        if people:
            gone = people.pop()
            say(f"Removed {gone.name}.")
            draw()
        else:
            say("The map is already empty.", False)

    def on_clear():
        people.clear()
        say("The map is empty. Add the first stakeholder above.")
        draw()
        kept.changed()

    clear = ConfirmButton(
        "Start an empty map",
        "Remove everyone from the map? The people you have added will be gone; your notes stay.",
        "Yes, empty the map",
        on_clear,
        tooltip="Removes everyone from the map (asks first)",
    )
    start_initiative, start_people = initiative_box.value, list(people)

    def get() -> dict:
        return {
            "initiative": initiative_box.value,
            "stakeholders": [
                {"name": p.name, "influence": p.influence, "involvement": p.involvement, "group": p.group}
                for p in people
            ],
            "notes": notes.value,
        }

    def put(work: dict) -> None:
        if "stakeholders" in work:
            people[:] = work["stakeholders"]
        initiative_box.value = work.get("initiative", initiative_box.value)
        notes.value = work.get("notes", notes.value)
        draw()

    kept = KeptWork(
        WorkFile("ex4", stakeholder_work, keep),
        get,
        put,
        lambda: put({"initiative": start_initiative, "stakeholders": start_people, "notes": ""}),
        record=(
            "Exercise 4: Who holds the power?",
            lambda: stakeholder_markdown(initiative_box.value, people, notes.value),
        ),
    )
    add.on_click(on_add)
    undo.on_click(on_undo)
    add.on_click(kept.changed)
    undo.on_click(kept.changed)
    for box in (initiative_box, notes):
        box.observe(draw, names="value")
        box.observe(kept.changed, names="value")
    kept.restore()
    draw()
    intro = _html(
        _box(
            "<p>The map starts with a fictional sample. Press <strong>Start an empty map</strong> to map your own "
            "initiative, then add each person or group: who they are, their group, how much influence they have over "
            "decisions and how involved they are in the work. Then press <strong>Add to the map</strong>.</p>"
        )
    )
    exercise = Exercise(
        [
            kept,
            intro,
            initiative_box,
            widgets.HTML("<h3 style='margin:.8em 0 .2em'>Add someone to the map</h3>"),
            name_box,
            group_box,
            influence,
            involvement,
            widgets.HBox([add, undo, clear]),
            message,
            picture,
            listing,
            notes,
            prompts_out,
        ],
        lambda: _img(stakeholder_svg(people, initiative_box.value)) + _stakeholder_list(people)[0],
    )
    exercise.people = people
    exercise.kept = kept
    exercise.initiative, exercise.name, exercise.group = initiative_box, name_box, group_box
    exercise.influence, exercise.involvement = influence, involvement
    exercise.add, exercise.undo, exercise.clear, exercise.notes = add, undo, clear, notes
    exercise.picture, exercise.listing, exercise.prompts, exercise.message = (
        picture,
        listing,
        prompts_out,
        message,
    )
    return exercise
