"""Exercise 2: reading policy critically. Sorting a policy extract's sentences into kinds of claim, with feedback and a summary."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import ipywidgets as widgets

from .common import (
    _WIDE,
    Block,
    Exercise,
    Quote,
    _box,
    _data,
    _html,
    clean_text,
    download_link,
    esc,
    markdown_text,
)


@dataclass(frozen=True)
class PolicySentence:
    number: int
    id: str
    text: str
    kind: str
    feedback: str
    need: str
    also: str | None = None
    offers: str | None = None
    speaks_to: tuple[str, ...] = ()
    need_quote: Quote | None = None


@dataclass(frozen=True)
class Feedback:
    """What the sorter says about one sentence: whether it matches the course's reading, and why."""

    accepted: bool
    message: str


def _policy() -> dict:
    return _data("policy.json")


def policy_extract() -> list[PolicySentence]:
    """The fictional extract's sentences, numbered from 1, with the course's reading of each."""
    return [
        PolicySentence(
            n,
            s["id"],
            s["text"],
            s["kind"],
            s["feedback"],
            s["need"],
            s.get("also"),
            s.get("offers"),
            tuple(s.get("speaks_to", [])),
            Quote.of(s["need_quote"]) if s.get("need_quote") else None,
        )
        for n, s in enumerate(_policy()["sentences"], 1)
    ]


def _kind_labels() -> dict[str, str]:
    return {k["id"]: k["label"] for k in _policy()["kinds"]}


def sort_feedback(sentence: PolicySentence, chosen: str | None) -> Feedback | None:
    """Feedback on sorting ``sentence`` as ``chosen`` ('aspiration', 'evidence' or 'prescription'); None if unsorted."""
    if not chosen:
        return None
    labels = _kind_labels()
    if chosen not in labels:
        raise ValueError(f"unknown kind {chosen!r}; use one of {', '.join(labels)}")
    if chosen == sentence.kind:
        return Feedback(True, f"Yes: {labels[chosen].lower()}. {sentence.feedback}")
    if chosen == sentence.also:
        return Feedback(
            True,
            f"Partly: it is both {_article(labels[chosen])} and {_article(labels[sentence.kind])}. "
            f"{sentence.feedback}",
        )
    return Feedback(
        False, f"Not quite: the course reads this as {_article(labels[sentence.kind])}. {sentence.feedback}"
    )


def _and(items: Sequence[str]) -> str:
    """'a', 'a and b', 'a, b and c'."""
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _article(label: str) -> str:
    return ("an " if label[0].lower() in "aeiou" else "a ") + label.lower()


def _extract_html() -> str:
    data = _policy()
    items = "".join(f"<li>{esc(s.text)}</li>" for s in policy_extract())
    return (
        f'<p class="coprod-ex-note"><strong>{esc(data["fictional_note"])}</strong></p>'
        f"<h3>{esc(data['title'])}</h3><ol>{items}</ol>"
    )


def policy_extract_block() -> Block:
    """The extract itself, numbered (deterministic; for a checked cell)."""
    data = _policy()
    plain = [data["fictional_note"], data["title"]]
    plain += [f"{s.number}. {s.text}" for s in policy_extract()]
    return Block(_box(_extract_html()), "\n".join(plain))


def _answer_count(answers: Mapping[str, str], sentences: Sequence[PolicySentence]) -> tuple[int, int]:
    done = [s for s in sentences if answers.get(s.id)]
    agreed = [s for s in done if answers[s.id] in (s.kind, s.also)]
    return len(done), len(agreed)


def evidence_summary(answers: Mapping[str, str] | None = None, question: str = "") -> tuple[str, str]:
    """What evidence the extract would need, as (HTML, Markdown). ``answers`` maps sentence id to the learner's kind."""
    answers = dict(answers or {})
    data = _policy()
    sentences = policy_extract()
    labels = _kind_labels()
    done, agreed = _answer_count(answers, sentences)
    h: list[str] = []
    md: list[str] = [
        "# What evidence would this document need?",
        "",
        f"Extract: {data['title']}",
        "",
        data["fictional_note"],
        "",
    ]
    tally = f"You sorted {done} of {len(sentences)} sentences; {agreed} match the course's reading."
    h.append(f"<p>{esc(tally)}</p>")
    md += [tally, ""]

    claims = [s for s in sentences if s.kind == "evidence" or s.also == "evidence"]
    h.append("<h4>What the extract offers as evidence</h4><ul>")
    md += ["## What the extract offers as evidence", ""]
    for s in claims:
        offers = s.offers or "a claim that something worked, with no measure or source given"
        h.append(f"<li>Sentence {s.number}: {esc(offers)}.</li>")
        md.append(f"- Sentence {s.number}: {offers}.")
    h.append(f"</ul><p>{Quote.of(data['measures']).html()}</p>")
    md += ["", Quote.of(data["measures"]).markdown(), ""]

    h.append(
        "<h4>The three kinds of evidence</h4><table><thead><tr><th scope='col'>Kind</th>"
        "<th scope='col'>What the extract offers</th><th scope='col'>What Module 2 says</th></tr></thead><tbody>"
    )
    md += ["## The three kinds of evidence", ""]
    for kind in data["evidence_kinds"]:
        numbers = [s.number for s in sentences if kind["id"] in s.speaks_to]
        offered = (
            "claimed in sentence"
            + ("s " if len(numbers) > 1 else " ")
            + _and([str(n) for n in numbers])
            + ", not shown"
            if numbers
            else "nothing"
        )
        quote = Quote.of(kind["quote"])
        h.append(
            f"<tr><th scope='row'>{esc(kind['label'])}</th><td>{esc(offered)}</td><td>{quote.html()}</td></tr>"
        )
        md.append(f"- {kind['label']}: {offered}. {quote.markdown()}")
    h.append("</tbody></table>")
    md.append("")

    h.append("<h4>Sentence by sentence: what it would need</h4><ul>")
    md += ["## Sentence by sentence: what it would need", ""]
    for s in sentences:
        mine = answers.get(s.id)
        note = ""
        if mine and mine not in (s.kind, s.also):
            note = f" (you sorted it as {_article(labels[mine])})"
        extra_html = f" {s.need_quote.html()}" if s.need_quote else ""
        extra_md = f" {s.need_quote.markdown()}" if s.need_quote else ""
        h.append(
            f"<li><strong>{s.number}. {esc(labels[s.kind])}</strong>{esc(note)}: “{esc(s.text)}” "
            f"<br>{esc(s.need)}{extra_html}</li>"
        )
        md.append(f"- {s.number}. {labels[s.kind]}{note}: “{s.text}” {s.need}{extra_md}")
    h.append(f"</ul><p>Check the leaps: {Quote.of(data['leaps']).html()}</p>")
    md += ["", f"Check the leaps: {Quote.of(data['leaps']).markdown()}", ""]

    h.append(f"<h4>Questions to put to the author</h4><p>{Quote.of(data['author_questions']).html()}</p>")
    md += ["## Questions to put to the author", "", Quote.of(data["author_questions"]).markdown(), ""]
    mine = clean_text(question)
    if mine:
        h.append(f"<p><strong>Your question:</strong> {esc(mine)}</p>")
        md += ["My question:", "", markdown_text(mine), ""]
    md.append("Made with exercise 2 of the co-production course. The extract is fictional.")
    return "".join(h), "\n".join(md) + "\n"


def policy_answer_key() -> Block:
    """The course's sorting, folded away inside a details element (deterministic; for a checked cell)."""
    labels = _kind_labels()
    rows = []
    plain = ["The course's sorting:"]
    for s in policy_extract():
        kind = labels[s.kind] + (f" (with {_article(labels[s.also])})" if s.also else "")
        rows.append(f"<tr><td>{s.number}</td><td>{esc(kind)}</td><td>{esc(s.feedback)}</td></tr>")
        plain.append(f"{s.number}. {kind}")
    body = (
        "<details><summary>Show the course's sorting (open it after you have tried)</summary>"
        "<table><thead><tr><th scope='col'>Sentence</th><th scope='col'>Kind</th><th scope='col'>Why</th></tr></thead>"
        "<tbody>" + "".join(rows) + "</tbody></table></details>"
    )
    return Block(_box(body), "\n".join(plain))


def policy_exercise(answers: Mapping[str, str] | None = None, question: str = "") -> Exercise:
    """Exercise 2: sort the fictional extract's sentences, get feedback, then see what evidence it would need."""
    data = _policy()
    sentences = policy_extract()
    answers = dict(answers or {})
    options = [("Choose…", "")] + [(k["label"], k["id"]) for k in data["kinds"]]
    rows: list[widgets.Widget] = []
    pickers: dict[str, widgets.Dropdown] = {}
    notes: dict[str, widgets.HTML] = {}
    progress = _html()
    summary = _html()
    show_button = widgets.Button(
        description="Show what evidence this document would need",
        button_style="primary",
        layout=widgets.Layout(width="max-content"),
        tooltip="Shows a summary of the evidence the extract would need",
    )
    question_box = widgets.Textarea(
        value=question,
        description="Your question for the author:",
        placeholder="The one question you would most like the author to answer",
        style=_WIDE,
        layout=widgets.Layout(width="100%", max_width="46rem", height="4.5em"),
    )
    state = {"shown": False}

    def current() -> dict[str, str]:
        return {sid: box.value for sid, box in pickers.items() if box.value}

    def refresh(_change=None):
        chosen = current()
        for s in sentences:
            fb = sort_feedback(s, chosen.get(s.id))
            if fb is None:
                notes[s.id].value = ""
            else:
                cls = "coprod-ex-good" if fb.accepted else "coprod-ex-warn"
                notes[s.id].value = _box(f'<p class="{cls}">{esc(fb.message)}</p>')
        done, agreed = _answer_count(chosen, sentences)
        progress.value = _box(
            f"<p><strong>Sorted {done} of {len(sentences)}</strong>; {agreed} match the course's reading.</p>"
        )
        if done == len(sentences):
            state["shown"] = True
        if state["shown"]:
            inner, md = evidence_summary(chosen, question_box.value)
            link = download_link(
                "evidence-needed.md", md, "text/markdown", "Download this summary (Markdown)"
            )
            summary.value = _box(
                "<h3>What evidence would this document need?</h3>" + inner + f"<p>{link}</p>"
            )
        else:
            summary.value = ""

    def show(_button=None):
        state["shown"] = True
        refresh()

    quick = Quote.of(data["quick_test"])
    head = _html(
        _box(
            _extract_html()
            + f"<p><strong>A quick test from Module 2:</strong> {quick.html()}</p>"
            + "<p>Now sort each sentence with its drop-down list. Feedback appears as soon as you choose.</p>"
        )
    )
    for s in sentences:
        text = _html(_box(f"<p><strong>Sentence {s.number}.</strong> {esc(s.text)}</p>"))
        picker = widgets.Dropdown(
            options=options,
            value=answers.get(s.id, ""),
            description=f"Sentence {s.number} is",
            tooltip=s.text,
            style=_WIDE,
            layout=widgets.Layout(width="22rem"),
        )
        picker.observe(refresh, names="value")
        pickers[s.id] = picker
        notes[s.id] = _html()
        rows.append(
            widgets.VBox(
                [text, picker, notes[s.id]],
                layout=widgets.Layout(
                    border_left="4px solid #c8d3de", padding="0 0 0 10px", margin="0 0 8px 0"
                ),
            )
        )
    question_box.observe(refresh, names="value")
    show_button.on_click(show)
    refresh()
    exercise = Exercise([head, *rows, progress, question_box, show_button, summary], lambda: _extract_html())
    exercise.pickers, exercise.notes, exercise.summary, exercise.show_button = (
        pickers,
        notes,
        summary,
        show_button,
    )
    exercise.question = question_box
    return exercise
