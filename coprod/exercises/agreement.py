"""Exercise 5: a co-production agreement. A form for the agreement, the checklist from the modules and the finished document."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path as FilePath

import ipywidgets as widgets

from .common import (
    _WIDE,
    MAX_NAME,
    Block,
    ConfirmButton,
    Exercise,
    KeptWork,
    Quote,
    WorkError,
    WorkFile,
    _box,
    _choice_field,
    _data,
    _html,
    _lines,
    _text_field,
    clean_text,
    download_link,
    esc,
    markdown_text,
    section_name,
)


@dataclass
class Agreement:
    """What the learner writes in the agreement form. List fields are text with one item a line."""

    initiative: str = ""
    service: str = ""
    date: str = ""
    review: str = ""
    roles: str = ""
    shared: str = ""
    not_shared: str = ""
    accountability: str = ""
    costs: str = ""
    expenses: str = "undecided"
    partner_time: str = "undecided"
    step_back: str = ""
    record: str = ""
    ticked: tuple[int, ...] = ()
    #: the choices (``expenses``, ``partner_time``) the learner has made themselves; the others are the sample's
    chosen: tuple[str, ...] = ()


def _agreement_data() -> dict:
    return _data("agreement.json")


def sample_agreement() -> Agreement:
    """The fictional sample agreement (Priya's team from Module 2, redesigning a letter)."""
    s = dict(_agreement_data()["sample"])
    s["ticked"] = tuple(s.get("ticked", ()))
    return Agreement(**s)


def agreement_checklist() -> list[Quote]:
    """The eight questions from Module 3, 'Questions to ask before co-producing a service'."""
    return [Quote.of(q) for q in _agreement_data()["checklist"]]


#: the form's one-line fields, with the names the document gives them
_ONE_LINE = {
    "initiative": "What we are co-producing",
    "service": "Service",
    "date": "Date agreed",
    "review": "We will review this agreement",
}


def sample_text(agreement: Agreement) -> list[str]:
    """Where the agreement still holds the sample's words: a field left as it was, or a section with a sample line."""
    sample = sample_agreement()
    found = [
        name
        for field_id, name in _ONE_LINE.items()
        if clean_text(getattr(agreement, field_id))
        and clean_text(getattr(agreement, field_id)) == clean_text(getattr(sample, field_id))
    ]
    for section in _agreement_data()["sections"]:
        theirs = set(_lines(getattr(sample, section["id"])))
        if theirs & set(_lines(getattr(agreement, section["id"]))):
            found.append(section["heading"])
    return found


#: the form's two choices, with the names the document gives them
_CHOICES = {"partner_time": "Partners' time", "expenses": "Partners' expenses"}


def sample_choices(agreement: Agreement) -> list[str]:
    """The choices still as the sample made them: a decision the learner has not taken (never 'Not decided yet')."""
    sample = sample_agreement()
    return [
        name
        for field_id, name in _CHOICES.items()
        if field_id not in agreement.chosen
        and getattr(agreement, field_id) != "undecided"
        and getattr(agreement, field_id) == getattr(sample, field_id)
    ]


def agreement_gaps(agreement: Agreement) -> list[str]:
    """What the agreement still leaves open: sample text, empty sections and checklist questions not yet discussed."""
    data = _agreement_data()
    held = sample_text(agreement)
    if len(held) == len(_ONE_LINE) + len(data["sections"]):
        gaps = ["This is the sample agreement: every section still holds the sample's words."]
    else:
        gaps = [f"Still the sample's words under '{name}': replace them with your own." for name in held]
    gaps += [f"{name}: still the sample's choice; choose your own." for name in sample_choices(agreement)]
    gaps += [
        f"Nothing written yet under '{s['heading']}'."
        for s in data["sections"]
        if not _lines(getattr(agreement, s["id"]))
    ]
    if agreement.expenses == "undecided":
        gaps.append("Partners' expenses: not decided yet.")
    if agreement.partner_time == "undecided":
        gaps.append("Partners' time: paid or unpaid, not decided yet.")
    for i, q in enumerate(agreement_checklist()):
        if i not in agreement.ticked:
            gaps.append(f"Not yet discussed: {q.text}")
    return gaps


def agreement_markdown(agreement: Agreement) -> str:
    """The agreement as a Markdown document. Everything the learner typed is escaped: it shows as typed and cannot run."""
    data = _agreement_data()
    expenses = {e["id"]: e["label"] for e in data["expenses"]}
    paid = {e["id"]: e["label"] for e in data["partner_time"]}

    def one(value: str, fallback: str) -> str:
        text = clean_text(value, MAX_NAME * 2, one_line=True)
        return markdown_text(text, one_line=True) if text else fallback

    out = [
        f"# Co-production agreement: {one(agreement.initiative, 'untitled initiative')}",
        "",
        f"- **Service:** {one(agreement.service, 'not stated')}",
        f"- **Date agreed:** {one(agreement.date, 'not stated')}",
        f"- **We will review this agreement:** {one(agreement.review, 'not stated')}",
        "",
    ]
    for section in data["sections"]:
        out += [f"## {section['heading']}", ""]
        items = _lines(getattr(agreement, section["id"]))
        out += [f"- {markdown_text(item, one_line=True)}" for item in items] or ["- *Not written yet.*"]
        if section["id"] == "costs":
            out.append(f"- Partners' time: {paid.get(agreement.partner_time, paid['undecided'])}")
            out.append(f"- Partners' expenses: {expenses.get(agreement.expenses, expenses['undecided'])}")
        out.append("")
    out += ["## Before we start: the questions from Module 3", ""]
    for i, q in enumerate(agreement_checklist()):
        mark = "x" if i in agreement.ticked else " "
        out.append(f"- [{mark}] {i + 1}. {q.text}")
    out += ["", f"*The questions are from {section_name('m3-questions')}.*", ""]
    gaps = agreement_gaps(agreement)
    out += ["## Still to settle", ""]
    out += (
        [f"- {g}" for g in gaps]
        if gaps
        else ["- Nothing: every section is written and every question discussed."]
    )
    out += [
        "",
        "---",
        "",
        "Made with exercise 5 of the co-production course. Review it with everyone named above.",
    ]
    return "\n".join(out) + "\n"


def agreement_html(agreement: Agreement, standalone: bool = False) -> str:
    """The agreement as readable HTML (a preview, or a whole page to download). Learner text is escaped."""
    data = _agreement_data()
    expenses = {e["id"]: e["label"] for e in data["expenses"]}
    paid = {e["id"]: e["label"] for e in data["partner_time"]}

    def one(value: str, fallback: str) -> str:
        text = clean_text(value, MAX_NAME * 2, one_line=True)
        return esc(text) if text else f"<em>{esc(fallback)}</em>"

    title = clean_text(agreement.initiative, MAX_NAME * 2, one_line=True) or "untitled initiative"
    h1, h2 = ("h1", "h2") if standalone else ("h4", "h5")  # the preview sits under an h3
    out = [
        f"<{h1}>Co-production agreement: {esc(title)}</{h1}><ul>",
        f"<li><strong>Service:</strong> {one(agreement.service, 'not stated')}</li>",
        f"<li><strong>Date agreed:</strong> {one(agreement.date, 'not stated')}</li>",
        f"<li><strong>We will review this agreement:</strong> {one(agreement.review, 'not stated')}</li></ul>",
    ]
    for section in data["sections"]:
        items = [f"<li>{esc(item)}</li>" for item in _lines(getattr(agreement, section["id"]))]
        if section["id"] == "costs":
            items.append(
                f"<li>Partners' time: {esc(paid.get(agreement.partner_time, paid['undecided']))}</li>"
            )
            items.append(
                f"<li>Partners' expenses: {esc(expenses.get(agreement.expenses, expenses['undecided']))}</li>"
            )
        out.append(
            f"<{h2}>{esc(section['heading'])}</{h2}><ul>{''.join(items) or '<li><em>Not written yet.</em></li>'}</ul>"
        )
    out.append(f"<{h2}>Before we start: the questions from Module 3</{h2}><ul>")
    for i, q in enumerate(agreement_checklist()):
        done = i in agreement.ticked
        out.append(
            f"<li>{'☑' if done else '☐'} {i + 1}. {esc(q.text)} <em>({'discussed' if done else 'not yet discussed'})</em></li>"
        )
    out.append(f"</ul><p><em>The questions are from {esc(section_name('m3-questions'))}.</em></p>")
    gaps = agreement_gaps(agreement)
    out.append(
        f"<{h2}>Still to settle</{h2}><ul>"
        + (
            "".join(f"<li>{esc(g)}</li>" for g in gaps)
            or "<li>Nothing: every section is written and every question discussed.</li>"
        )
        + "</ul>"
    )
    out.append(
        "<p>Made with exercise 5 of the co-production course. Review it with everyone named above.</p>"
    )
    body = "".join(out)
    if not standalone:
        return body
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f"<title>Co-production agreement: {esc(title)}</title>"
        "<style>body{font-family:sans-serif;max-width:45rem;margin:2rem auto;padding:0 1rem;line-height:1.5}"
        "li{margin:.2rem 0}</style></head><body>" + body + "</body></html>\n"
    )


def agreement_preview(agreement: Agreement | None = None) -> Block:
    """The agreement (the sample by default) as a readable page; its plain text is the Markdown document."""
    agreement = agreement or sample_agreement()
    return Block(
        _box(f'<div class="coprod-ex-doc">{agreement_html(agreement)}</div>'),
        agreement_markdown(agreement),
    )


def agreement_checklist_block() -> Block:
    """Module 3's eight questions as a printable list (deterministic; for a checked cell)."""
    questions = agreement_checklist()
    where = section_name("m3-questions")
    html_list = "<ol>" + "".join(f"<li>☐ {esc(q.text)}</li>" for q in questions) + "</ol>"
    plain = [f"Questions to ask before co-producing a service ({where}):"]
    plain += [f"{i}. {q.text}" for i, q in enumerate(questions, 1)]
    return Block(_box(f"<p>From {esc(where)}:</p>{html_list}"), "\n".join(plain))


#: a long answer in the form (a section of the agreement) is cut to this many characters when kept
MAX_SECTION = 4000


def agreement_work(work) -> dict:
    """Exercise 5's kept form, checked: every box as text, the two choices from their lists, the ticked questions."""
    data = _agreement_data()
    out: dict = {}
    for key in _ONE_LINE:
        out[key] = _text_field(work, key, MAX_NAME * 2, one_line=True)
    for section in data["sections"]:
        out[section["id"]] = _text_field(work, section["id"], MAX_SECTION)
    out["expenses"] = _choice_field(work, "expenses", [e["id"] for e in data["expenses"]])
    out["partner_time"] = _choice_field(work, "partner_time", [e["id"] for e in data["partner_time"]])
    if "ticked" in work:
        ticked = work["ticked"]
        count = len(data["checklist"])
        if not isinstance(ticked, list) or not all(
            isinstance(i, int) and not isinstance(i, bool) and 0 <= i < count for i in ticked
        ):
            raise WorkError(f"its ticked questions are not numbers from 0 to {count - 1}")
        out["ticked"] = tuple(sorted(set(ticked)))
    if "chosen" in work:
        chosen = work["chosen"]
        if not isinstance(chosen, list) or not all(isinstance(c, str) and c in _CHOICES for c in chosen):
            raise WorkError("its list of choices made is not the form's two choices")
        out["chosen"] = tuple(c for c in _CHOICES if c in chosen)
    return {k: v for k, v in out.items() if v is not None}


def agreement_exercise(agreement: Agreement | None = None, keep: bool | FilePath = True) -> Exercise:
    """Exercise 5: a structured form that produces a Markdown agreement to download.

    ``keep``: True keeps the form in ``ex5-my-work.json`` in the working folder and brings it back; a folder
    keeps it there; False keeps nothing.
    """
    data = _agreement_data()
    sample = sample_agreement()
    start = agreement if agreement is not None else sample
    full = widgets.Layout(width="100%", max_width="46rem")
    tall = widgets.Layout(width="100%", max_width="46rem", height="7em")
    fields: dict[str, widgets.Widget] = {
        "initiative": widgets.Text(
            value=start.initiative,
            description="What are you co-producing?",
            placeholder="e.g. a new leaflet, a service plan, a group",
            style=_WIDE,
            layout=full,
        ),
        "service": widgets.Text(
            value=start.service, description="Service or team:", style=_WIDE, layout=full
        ),
        "date": widgets.Text(value=start.date, description="Date agreed:", style=_WIDE, layout=full),
        "review": widgets.Text(
            value=start.review, description="When will you review it?", style=_WIDE, layout=full
        ),
    }
    empty = ConfirmButton(
        "Start with an empty form",
        "Empty every box and untick every question? What you have typed in this form will be gone.",
        "Yes, empty the form",
        lambda: fill(Agreement()),
        tooltip="Clears the sample (asks first)",
    )
    children: list[widgets.Widget] = [
        _html(
            _box(
                "<p>The form starts with a fictional sample, based on Priya's team in Module 2. Every box that still "
                "holds the sample's words, and each list until you choose in it, says <strong>(sample)</strong>, and the document lists them under "
                "<em>Still to settle</em>. Replace them with your own, or start with an empty form. "
                "Write one item a line. Do not write the names of people who use services.</p>"
            )
        ),
        empty,
        fields["initiative"],
        fields["service"],
        fields["date"],
        fields["review"],
    ]
    for section in data["sections"]:
        quotes = " ".join(Quote.of(q).html() for q in section["quotes"])
        children.append(
            _html(
                _box(
                    f"<h3>{esc(section['heading'])}</h3><p>{esc(section['label'])} {esc(section['hint'])}</p>"
                    f"<p class='coprod-ex-source'>{quotes}</p>"
                )
            )
        )
        box = widgets.Textarea(
            value=getattr(start, section["id"]),
            description=section["heading"] + ":",
            placeholder=section["hint"],
            style=_WIDE,
            layout=tall,
        )
        fields[section["id"]] = box
        children.append(box)
        if section["id"] == "costs":
            fields["expenses"] = widgets.Dropdown(
                options=[(e["label"], e["id"]) for e in data["expenses"]],
                value=start.expenses,
                description="Partners' expenses:",
                style=_WIDE,
                layout=full,
            )
            fields["partner_time"] = widgets.Dropdown(
                options=[(e["label"], e["id"]) for e in data["partner_time"]],
                value=start.partner_time,
                description="Partners' time:",
                style=_WIDE,
                layout=full,
            )
            children.append(fields["partner_time"])
            children.append(fields["expenses"])
    children.append(
        _html(
            _box(
                f"<h3>Before we start: the questions from Module 3</h3><p>Tick each question you have discussed with "
                f"everyone involved. ({esc(section_name('m3-questions'))}.)</p>"
            )
        )
    )
    checks = []
    for i, q in enumerate(agreement_checklist()):
        box = widgets.Checkbox(
            value=i in start.ticked,
            description=f"{i + 1}. {q.text}",
            indent=False,
            layout=widgets.Layout(width="100%", max_width="46rem"),
        )
        checks.append(box)
    children.append(widgets.VBox(checks, layout=widgets.Layout(margin="0 0 0 .5rem")))
    make = widgets.Button(
        description="Make the agreement document",
        button_style="primary",
        icon="file-text",
        layout=widgets.Layout(width="max-content"),
        tooltip="Builds the document from the form",
    )
    save = widgets.Button(
        description="Save a copy next to this notebook",
        layout=widgets.Layout(width="max-content"),
        tooltip="Writes co-production-agreement.md in the notebook's folder",
    )
    output = _html()
    saved = _html()
    children += [widgets.HBox([make, save]), saved, output]

    chosen: set[str] = set(start.chosen)
    filling = {"now": False}

    def current() -> Agreement:
        values = {k: w.value for k, w in fields.items()}
        return Agreement(
            **values,
            ticked=tuple(i for i, c in enumerate(checks) if c.value),
            chosen=tuple(k for k in _CHOICES if k in chosen),
        )

    def choose(field_id: str) -> Callable[[dict], None]:
        def chose(_change: dict) -> None:
            if not filling["now"]:
                chosen.add(field_id)

        return chose

    def build(_change=None):
        now = current()
        md = agreement_markdown(now)
        links = download_link(
            "co-production-agreement.md", md, "text/markdown", "Download the agreement (Markdown)"
        )
        links += download_link(
            "co-production-agreement.html",
            agreement_html(now, standalone=True),
            "text/html",
            "Download it as a web page (HTML)",
        )
        output.value = _box(
            "<h3>Your agreement</h3>"
            "<p>The Markdown file is plain text that opens in any text editor; its # and * marks are headings and bold "
            "type for programs that understand Markdown. The web page opens in any browser, where you can print it or "
            f"copy it into a word processor.</p><p>{links}</p>"
            f'<div class="coprod-ex-doc">{agreement_html(now)}</div>'
        )

    def write(_button=None):
        target = FilePath.cwd() / "co-production-agreement.md"
        try:
            target.write_text(agreement_markdown(current()), encoding="utf-8")
        except OSError as exc:
            saved.value = _box(
                f'<p class="coprod-ex-warn">Could not save the file: {esc(exc.strerror or exc)}.</p>'
            )
            return
        saved.value = _box(
            '<p class="coprod-ex-good" role="status">Saved as <strong>co-production-agreement.md</strong> in the same '
            "folder as this notebook: in JupyterLab's file browser on the left, or with <strong>File</strong>, "
            "<strong>Open…</strong>. Saving again replaces it.</p>"
        )

    labels = {k: w.description for k, w in fields.items()}

    def mark_sample(_change=None):
        """'(sample)' after the label of every box that still holds the sample's words."""
        now = current()
        held_choices = sample_choices(now)
        for field_id, w in fields.items():
            if field_id in _CHOICES:
                w.description = labels[field_id] + (" (sample)" if _CHOICES[field_id] in held_choices else "")
                continue
            mine = _lines(getattr(now, field_id))
            theirs = set(_lines(getattr(sample, field_id)))
            held = bool(mine) and bool(theirs & set(mine))
            w.description = labels[field_id] + (" (sample)" if held else "")

    def fill(new: Agreement):
        filling["now"] = True
        try:
            chosen.clear()
            chosen.update(new.chosen)
            for field_id, w in fields.items():
                w.value = getattr(new, field_id)
            for i, c in enumerate(checks):
                c.value = i in new.ticked
        finally:
            filling["now"] = False
        mark_sample()
        build()

    def get() -> dict:
        now = current()
        work = {k: getattr(now, k) for k in fields}
        work["ticked"] = list(now.ticked)
        work["chosen"] = list(now.chosen)
        return work

    def put(work: dict) -> None:
        now = current()
        values = {k: getattr(now, k) for k in fields} | {"ticked": now.ticked, "chosen": now.chosen}
        values.update(work)
        fill(Agreement(**values))

    kept = KeptWork(
        WorkFile("ex5", agreement_work, keep),
        get,
        put,
        lambda: fill(start),
        record=("Exercise 5: A co-production agreement", lambda: agreement_markdown(current())),
    )
    for field_id in _CHOICES:  # first, so the document and the kept work know the learner chose
        fields[field_id].observe(choose(field_id), names="value")
    for w in [*fields.values(), *checks]:
        w.observe(build, names="value")
        w.observe(kept.changed, names="value")
    for w in fields.values():
        w.observe(mark_sample, names="value")
    kept.restore()
    mark_sample()
    make.on_click(build)
    save.on_click(write)
    build()
    exercise = Exercise(
        [kept, *children],
        lambda: (
            f'<h3>The agreement document</h3><div class="coprod-ex-doc">{agreement_html(current())}</div>'
        ),
    )
    exercise.fields, exercise.checks, exercise.make, exercise.save, exercise.output = (
        fields,
        checks,
        make,
        save,
        output,
    )
    exercise.current = current
    exercise.empty = empty
    exercise.kept = kept
    return exercise
