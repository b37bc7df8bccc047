"""Exercise 2: reading policy critically. Sorting a policy extract's sentences into kinds of claim, with feedback and a summary."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
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
    WorkError,
    WorkFile,
    _box,
    _data,
    _html,
    _text_field,
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


def _questions_for_the_author(h: list[str], md: list[str], data: dict, question: str) -> None:
    """The summary's close, for the course's extract and the learner's own: the leaps, the author's questions, theirs."""
    h.append(f"</ul><p>Check the leaps: {Quote.of(data['leaps']).html()}</p>")
    md += ["", f"Check the leaps: {Quote.of(data['leaps']).markdown()}", ""]
    h.append(f"<h4>Questions to put to the author</h4><p>{Quote.of(data['author_questions']).html()}</p>")
    md += ["## Questions to put to the author", "", Quote.of(data["author_questions"]).markdown(), ""]
    mine = clean_text(question)
    if mine:
        h.append(f"<p><strong>Your question:</strong> {esc(mine)}</p>")
        md += ["My question:", "", markdown_text(mine), ""]


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
    _questions_for_the_author(h, md, data, question)
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


def _answers_field(work: Mapping, ids: Sequence[str] | None) -> dict[str, str] | None:
    """The sorted sentences in a work file: sentence id to kind, each from the exercise's lists; None if absent."""
    if "answers" not in work:
        return None
    answers = work["answers"]
    kinds = {k["id"] for k in _policy()["kinds"]}
    if not isinstance(answers, dict) or not all(
        isinstance(k, str) and isinstance(v, str) and v in kinds and (ids is None or k in ids)
        for k, v in answers.items()
    ):
        raise WorkError("its sorted sentences are not the exercise's sentences and kinds")
    return dict(answers)


def policy_work(work) -> dict:
    """Exercise 2's kept sort, checked: each sentence's kind and the learner's question for the author."""
    out = {
        "answers": _answers_field(work, [s.id for s in policy_extract()]),
        "question": _text_field(work, "question", MAX_TEXT),
    }
    return {k: v for k, v in out.items() if v is not None}


def policy_exercise(
    answers: Mapping[str, str] | None = None, question: str = "", keep: bool | FilePath = True
) -> Exercise:
    """Exercise 2: sort the fictional extract's sentences, get feedback, then see what evidence it would need.

    ``keep``: True keeps the sort in ``ex2-my-work.json`` in the working folder and brings it back; a folder
    keeps it there; False keeps nothing.
    """
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
    start = {"answers": dict(answers), "question": question}

    def put(work: dict) -> None:
        if "answers" in work:
            for sid, picker in pickers.items():
                picker.value = work["answers"].get(sid, "")
        question_box.value = work.get("question", question_box.value)

    def fresh() -> None:
        state["shown"] = False
        put(start)

    kept = KeptWork(
        WorkFile("ex2", policy_work, keep),
        lambda: {"answers": current(), "question": question_box.value},
        put,
        fresh,
        record=(
            "Exercise 2: Reading policy critically (the course's fictional extract)",
            lambda: evidence_summary(current(), question_box.value)[1],
        ),
    )
    for picker in pickers.values():
        picker.observe(kept.changed, names="value")
    question_box.observe(refresh, names="value")
    question_box.observe(kept.changed, names="value")
    show_button.on_click(show)
    kept.restore()
    refresh()
    exercise = Exercise(
        [kept, head, *rows, progress, question_box, show_button, summary], lambda: _extract_html()
    )
    exercise.kept = kept
    exercise.pickers, exercise.notes, exercise.summary, exercise.show_button = (
        pickers,
        notes,
        summary,
        show_button,
    )
    exercise.question = question_box
    return exercise


# ---------------------------------------------------------------- the learner's own document

#: a pasted document is cut to this many sentences (a page or two of a strategy)
MAX_OWN_SENTENCES = 40
_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"'”’)]*\s+(?=[\"'“‘(A-Z0-9])")

#: words that often mark a kind: used only to suggest a second look, never to mark the learner wrong
_CUES = (
    (
        re.compile(
            r"\b(must|should|shall|will be (?:required|expected|rolled out)|are required to|is required to|we will"
            r"|(?:services|teams|staff|partners|commissioners) will)\b",
            re.I,
        ),
        "prescription",
        "tells someone to act",
    ),
    (
        re.compile(
            r"(\b(research|evidence|data|evaluation|survey|study|studies|figures?)\b.*\b(shows?|showed|found|finds|suggests?)\b"
            r"|\d+\s*(%|per ?cent|out of)|\bwe know\b|\b(?:is|are|has been|have been) proven\b"
            # a said effect, not a hoped-for one ('reduce readmissions', not 'we aim to reduce readmissions')
            r"|(?<!\bto )(?<!\bwill )(?<!\bcan )(?<!\bmay )(?<!\band )\b(?:reduces?|reduced|improves?|improved|"
            r"increases?|increased|prevents?|prevented|leads? to|led to|results? in|resulted in)\b)",
            re.I,
        ),
        "evidence",
        "says something has been shown or counted",
    ),
    (
        re.compile(r"\b(we believe|our vision|we value|we aspire|our ambition|we want)\b", re.I),
        "aspiration",
        "states a value or a hope",
    ),
)

OWN_QUESTIONS = {
    "aspiration": (
        "Could any data show it wrong? If so, it is an evidence claim as well, and needs a source. If not, ask "
        "whether you share it, and what it would commit your organisation to do."
    ),
    "evidence": "Data could show it wrong, so it needs a source. Does the document name one? Ask what was measured: activity, experience or outcomes.",
    "prescription": "It tells someone to act. Ask who is told, who is left out, and what it will cost in staff time and in unpaid time.",
}


#: a full stop that does not end a sentence: a title, a short form ('approx. 3.5 WTE', 'p. 4', 'Jan. 2025'),
#: or an initial ('N.H.S.', 'J. Smith')
_ABBREVIATION = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Dr|Prof|St|No|Nos|Cllr|Rev|Hon|e\.g|i\.e|etc|vs|cf|al|approx|c|ca|p|pp|para|paras|"
    r"fig|figs|ref|vol|ch|sec|inc|incl|est|dept|govt|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)"
    r"|(?<![A-Za-z])(?-i:[A-Z]))\.$",
    re.I,
)


def _split_sentences(text: str) -> list[str]:
    found: list[str] = []
    for line in clean_text(text, 40_000).split("\n"):
        line = re.sub(r"^\s*(?:[-*•]|\d+[.)])\s+", "", line).strip()
        pieces: list[str] = []
        for piece in (s.strip() for s in _SENTENCE_END.split(line) if s.strip()):
            if pieces and _ABBREVIATION.search(pieces[-1]):
                pieces[-1] += " " + piece  # 'Mr. Smith' is one sentence
            else:
                pieces.append(piece)
        found += pieces
    return found


def own_sentences(text: str) -> list[PolicySentence]:
    """A pasted document as numbered sentences (one a line, or split at full stops); the course has no reading of them.

    At most :data:`MAX_OWN_SENTENCES`; each is cut to 600 characters.
    """
    return [
        PolicySentence(n, f"own{n}", clean_text(s, 600, one_line=True), "", "", "")
        for n, s in enumerate(_split_sentences(text)[:MAX_OWN_SENTENCES], 1)
    ]


def own_feedback(sentence: PolicySentence, chosen: str | None) -> str | None:
    """What to ask of a sentence the learner sorted: the quick test's question for that kind, and any cue to look again."""
    if not chosen:
        return None
    labels = _kind_labels()
    if chosen not in labels:
        raise ValueError(f"unknown kind {chosen!r}; use one of {', '.join(labels)}")
    message = f"You read it as {_article(labels[chosen])}. {OWN_QUESTIONS[chosen]}"
    for pattern, kind, what in _CUES:
        match = pattern.search(sentence.text)
        if match and kind != chosen:
            word = match.group(0).strip()
            message += f" Look again at “{word}”: it often marks {_article(labels[kind])} (a sentence that {what}). A sentence can be both."
            break
    return message


def own_evidence_summary(
    sentences: Sequence[PolicySentence], answers: Mapping[str, str], question: str = "", title: str = ""
) -> tuple[str, str]:
    """The same summary as for the worked example, for the learner's own sentences, as (HTML, Markdown)."""
    data = _policy()
    labels = _kind_labels()
    name = clean_text(title, MAX_NAME, one_line=True) or "my document"
    sorted_ = [s for s in sentences if answers.get(s.id)]
    h = [f"<p>{esc(f'You sorted {len(sorted_)} of {len(sentences)} sentences from {name}.')}</p>"]
    md = [
        "# What evidence would this document need?",
        "",
        f"Document: {markdown_text(name, one_line=True)}",
        "",
    ]
    md += [f"You sorted {len(sorted_)} of {len(sentences)} sentences.", ""]
    claims = [s for s in sorted_ if answers[s.id] == "evidence"]
    h.append("<h4>What the document offers as evidence</h4><ul>")
    md += ["## What the document offers as evidence", ""]
    for s in claims:
        h.append(
            f"<li>Sentence {s.number}: “{esc(s.text)}” Which source does it name, and what was measured?</li>"
        )
        md.append(
            f"- Sentence {s.number}: “{markdown_text(s.text, one_line=True)}” Which source does it name, and what was measured?"
        )
    if not claims:
        h.append("<li>No sentence sorted as an evidence claim yet.</li>")
        md.append("- No sentence sorted as an evidence claim yet.")
    h.append(f"</ul><p>{Quote.of(data['measures']).html()}</p>")
    md += ["", Quote.of(data["measures"]).markdown(), ""]
    h.append("<h4>The three kinds of evidence: which does the document speak to?</h4><ul>")
    md += ["## The three kinds of evidence: which does the document speak to?", ""]
    for kind in data["evidence_kinds"]:
        quote = Quote.of(kind["quote"])
        h.append(f"<li><strong>{esc(kind['label'])}.</strong> {quote.html()}</li>")
        md.append(f"- {kind['label']}. {quote.markdown()}")
    h.append("</ul><h4>Sentence by sentence: what to ask</h4><ul>")
    md += ["", "## Sentence by sentence: what to ask", ""]
    for s in sentences:
        kind = answers.get(s.id)
        ask = f"{labels[kind]}: {OWN_QUESTIONS[kind]}" if kind else "Not sorted yet."
        h.append(f"<li><strong>{s.number}.</strong> “{esc(s.text)}” <br>{esc(ask)}</li>")
        md.append(f"- {s.number}. “{markdown_text(s.text, one_line=True)}” {ask}")
    _questions_for_the_author(h, md, data, question)
    md.append("Made with exercise 2 of the co-production course, on sentences the learner chose.")
    return "".join(h), "\n".join(md) + "\n"


OWN_STATIC = (
    "<p>When the notebook runs, paste sentences from your own organisation's strategy or plan here, "
    "sort them as you sorted the worked example, and download the same summary for your document.</p>"
)


#: the most a learner can paste and have kept (a page or two of a strategy)
MAX_PASTE = 20_000


def own_policy_work(work) -> dict:
    """Exercise 2's kept sort of the learner's own document, checked: what they pasted, its title, the sort."""
    out = {
        "text": _text_field(work, "text", MAX_PASTE),
        "title": _text_field(work, "title", MAX_NAME, one_line=True),
        "answers": _answers_field(work, [f"own{n}" for n in range(1, MAX_OWN_SENTENCES + 1)]),
        "question": _text_field(work, "question", MAX_TEXT),
    }
    return {k: v for k, v in out.items() if v is not None}


def own_policy_exercise(text: str = "", title: str = "", keep: bool | FilePath = True) -> Exercise:
    """Exercise 2 on the learner's own document: paste sentences, sort them, get the same summary and download.

    ``keep``: True keeps what the learner pasted and their sort in ``ex2-own-document-my-work.json`` in the
    working folder and brings it back; a folder keeps it there; False keeps nothing.
    """
    data = _policy()
    options = [("Choose…", "")] + [(k["label"], k["id"]) for k in data["kinds"]]
    paste = widgets.Textarea(
        value=text,
        description="Sentences from your document:",
        placeholder="Paste a paragraph or two, or one sentence a line",
        style=_WIDE,
        layout=widgets.Layout(width="100%", max_width="46rem", height="9em"),
    )
    name = widgets.Text(
        value=title,
        description="Its title (optional):",
        style=_WIDE,
        layout=widgets.Layout(width="100%", max_width="46rem"),
    )
    use = widgets.Button(
        description="Sort these sentences",
        button_style="primary",
        layout=widgets.Layout(width="max-content"),
        tooltip="Splits what you pasted into sentences to sort",
    )
    rows = widgets.VBox([])
    progress = _html()
    summary = _html()
    question_box = widgets.Textarea(
        description="Your question for the author:",
        placeholder="The one question you would most like the author to answer",
        style=_WIDE,
        layout=widgets.Layout(width="100%", max_width="46rem", height="4.5em"),
    )
    state: dict = {"sentences": [], "pickers": {}, "notes": {}}

    def current() -> dict[str, str]:
        return {sid: box.value for sid, box in state["pickers"].items() if box.value}

    def refresh(_change=None):
        chosen = current()
        for s in state["sentences"]:
            message = own_feedback(s, chosen.get(s.id))
            state["notes"][s.id].value = (
                _box(f'<p class="coprod-ex-note">{esc(message)}</p>') if message else ""
            )
        sentences = state["sentences"]
        if not sentences:
            progress.value = summary.value = ""
            return
        progress.value = _box(f"<p><strong>Sorted {len(chosen)} of {len(sentences)}</strong>.</p>")
        inner, md = own_evidence_summary(sentences, chosen, question_box.value, name.value)
        link = download_link(
            "evidence-needed-my-document.md", md, "text/markdown", "Download this summary (Markdown)"
        )
        summary.value = _box("<h3>What evidence would this document need?</h3>" + inner + f"<p>{link}</p>")

    def split(_button=None):
        sentences = own_sentences(paste.value)
        state["sentences"], state["pickers"], state["notes"] = sentences, {}, {}
        children: list[widgets.Widget] = []
        if not sentences:
            children.append(
                _html(_box('<p class="coprod-ex-warn" role="alert">Paste at least one sentence first.</p>'))
            )
        elif len(_split_sentences(paste.value)) > MAX_OWN_SENTENCES:
            children.append(
                _html(
                    _box(
                        f'<p class="coprod-ex-note">Only the first {MAX_OWN_SENTENCES} sentences are shown.</p>'
                    )
                )
            )
        for s in sentences:
            picker = widgets.Dropdown(
                options=options,
                value="",
                description=f"Sentence {s.number} is",
                style=_WIDE,
                layout=widgets.Layout(width="22rem"),
            )
            picker.observe(refresh, names="value")
            picker.observe(kept.changed, names="value")
            state["pickers"][s.id] = picker
            state["notes"][s.id] = _html()
            children.append(
                widgets.VBox(
                    [
                        _html(_box(f"<p><strong>Sentence {s.number}.</strong> {esc(s.text)}</p>")),
                        picker,
                        state["notes"][s.id],
                    ],
                    layout=widgets.Layout(
                        border_left="4px solid #c8d3de", padding="0 0 0 10px", margin="0 0 8px 0"
                    ),
                )
            )
        rows.children = children
        refresh()

    def put(work: dict) -> None:
        paste.value = work.get("text", paste.value)
        name.value = work.get("title", name.value)
        question_box.value = work.get("question", question_box.value)
        if "text" in work:
            split()
        for sid, kind in work.get("answers", {}).items():
            if sid in state["pickers"]:
                state["pickers"][sid].value = kind

    kept = KeptWork(
        WorkFile("ex2-own-document", own_policy_work, keep),
        lambda: {
            "text": paste.value,
            "title": name.value,
            "answers": current(),
            "question": question_box.value,
        },
        put,
        lambda: put({"text": text, "title": title, "answers": {}, "question": ""}),
        record=(
            "Exercise 2: Reading policy critically (your own document)",
            lambda: (
                own_evidence_summary(state["sentences"], current(), question_box.value, name.value)[1]
                if state["sentences"]
                else ""
            ),
        ),
    )
    use.on_click(split)
    use.on_click(kept.changed)
    question_box.observe(refresh, names="value")
    name.observe(refresh, names="value")
    for box in (paste, name, question_box):
        box.observe(kept.changed, names="value")
    intro = _html(
        _box(
            "<p>Paste sentences from a strategy, plan or report your own organisation has published. The notebook "
            "splits them into sentences for you to sort; it sends nothing anywhere. The course has "
            "no answer for your document, so the feedback asks the quick test's questions of your reading. Do not "
            "paste anything confidential or the names of people who use services.</p>"
        )
    )
    if text:
        split()
    kept.restore()
    exercise = Exercise(
        [kept, intro, paste, name, use, rows, progress, question_box, summary], lambda: OWN_STATIC
    )
    exercise.kept = kept
    exercise.paste, exercise.title, exercise.use, exercise.rows, exercise.summary = (
        paste,
        name,
        use,
        rows,
        summary,
    )
    exercise.question = question_box
    exercise.state = state
    return exercise
