"""The exercise notebooks' engine (coprod.exercises) and the notebooks themselves.

The notebooks run under nbval (``pytest --nbval-lax exercises``); these tests
check the functions they call, that every sentence the exercises attribute to
a module is still in that module word for word, that learner text is escaped
everywhere it is shown or written, and that the stored notebooks are clean.
"""

from __future__ import annotations

import base64
import json
import re
from datetime import datetime, timezone
from pathlib import Path

import nbformat
import pytest

from coprod import Step, load_file
from coprod.exercises import (
    Agreement,
    Quote,
    RecordError,
    Stakeholder,
    agreement_exercise,
    agreement_gaps,
    agreement_html,
    agreement_markdown,
    cell_label,
    download_link,
    evidence_summary,
    grid_table,
    load_record,
    locate_path,
    map_prompts,
    markdown_text,
    own_policy_exercise,
    path_picture,
    path_report,
    path_table,
    placement_exercise,
    placement_svg,
    placement_table,
    policy_exercise,
    policy_extract,
    profile_distribution,
    record_attempts,
    reference_points,
    sample_agreement,
    sample_record,
    sample_stakeholders,
    scenario_path_exercise,
    sort_feedback,
    stakeholder_exercise,
    stakeholder_svg,
)
from coprod.exercises.paths import _scenarios
from coprod.exercises.placement import placement_summary

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "coprod" / "exercises" / "data"
NOTEBOOKS = sorted((ROOT / "exercises").glob("*.ipynb"))
DEMO = ROOT / "book" / "reference" / "demo" / "demo-scenario.yml"
NASTY = '<script>alert("x")</script> & [link](javascript:alert(1)) <img src=x onerror=alert(1)>'


@pytest.fixture(autouse=True)
def _work_folder(tmp_path, monkeypatch):
    """Each test in its own working folder, where the exercises keep the learner's work."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("COPROD_KEEP_WORK", raising=False)
    return tmp_path


def demo():
    loaded, problems = load_file(DEMO)
    assert problems == []
    return loaded.element


# ---------------------------------------------------------------- sentences taken from the modules


def _quotes(node, where: str):
    if isinstance(node, dict):
        if set(node) >= {"text", "source"} and isinstance(node["text"], str):
            yield where, Quote.of(node)
        for key, value in node.items():
            yield from _quotes(value, f"{where}.{key}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _quotes(value, f"{where}[{i}]")


# course.json is the copy of the book's titles and scenarios, not sentences the exercises quote
QUOTES = [
    q
    for f in sorted(DATA.glob("*.json"))
    if f.name != "course.json"
    for q in _quotes(json.loads(f.read_text("utf-8")), f.name)
]


def _normalise(text: str) -> str:
    text = re.sub(r"\{term\}`([^`<]*?)\s*<[^>]*>`", r"\1", text)  # {term}`words <entry>`
    text = re.sub(r"\{term\}`([^`]*)`", r"\1", text)
    text = re.sub(r"\{[a-z:]+\}`[^`]*`", "", text)  # {ref}, {footcite:p}
    text = text.replace("**", "").replace("*", "")
    return " ".join(text.split())


def _section_text(label: str) -> str:
    for page in (ROOT / "book").rglob("*.md"):
        lines = page.read_text(encoding="utf-8").splitlines()
        for i, line in enumerate(lines):
            if line.strip() == f"({label})=":
                end = next(
                    (j for j in range(i + 1, len(lines)) if re.match(r"^\([A-Za-z0-9_-]+\)=\s*$", lines[j])),
                    len(lines),
                )
                return _normalise("\n".join(lines[i + 1 : end]))
    raise AssertionError(f"no section labelled ({label})= in book/")


def test_there_are_quotes_from_every_module_the_exercises_draw_on():
    sources = {q.source.split("-")[0] for _w, q in QUOTES}
    assert {"m1", "m2", "m3", "m4"} <= sources


@pytest.mark.parametrize("where,quote", QUOTES, ids=[f"{w}:{q.text[:30]}" for w, q in QUOTES])
def test_every_quoted_sentence_is_still_in_its_module_section(where: str, quote: Quote):
    assert quote.text in _section_text(quote.source), (
        f"{where}: this sentence is no longer in section ({quote.source})= of the modules word for word; "
        f"copy the module's current sentence into exercises/data, then run: python tools/run_exercises.py\n{quote.text}"
    )


def test_quotes_name_their_module_and_section():
    quote = Quote("x", "m3-accountability")
    assert quote.where() == "Module 3, Accountability and costs"


# ---------------------------------------------------------------- exercise 1: placement


def test_reference_points_cover_the_four_services_each_with_reasons_from_the_modules():
    points = reference_points()
    ids = " ".join(p.id for p in points)
    for service in ("surgery", "dementia", "policing", "emergency"):
        assert service in ids
    for point in points:
        assert point.reasons and all(q.source.startswith(("m1-", "m3-")) for q in point.reasons)
        assert cell_label(point.plan, point.deliver)


def test_placement_reasons_are_listed_with_their_cells_and_sources():
    table = placement_table()
    policing = next(p for p in reference_points() if p.id == "policing")
    assert "Planned together, professionals deliver (co-planning)" in table.plain
    assert policing.reasons[0].text in table.plain and "(Module 1, Kinds of co-production)" in table.plain
    assert table.html_text.count("<tr>") == len(reference_points()) + 1


def test_the_grid_table_has_nine_cells_with_the_modules_notes():
    table = grid_table()
    assert table.html_text.count("<tr>") == 10
    assert "Full co-production" in table.plain and "Bovaird counts as full co-production" in table.plain


def test_placement_picture_marks_the_learners_cell_and_escapes_their_words():
    svg = placement_svg("users", "users", NASTY)
    assert svg.startswith("<svg") and svg.endswith("</svg>")
    assert "<script" not in svg and "<img" not in svg and "&lt;script&gt;" in svg
    assert "is in the cell: Community self-help: no professional role" in svg
    assert svg.count(">You<") == 1
    assert svg != placement_svg("both", "professionals", NASTY)
    with pytest.raises(ValueError):
        placement_svg("everyone", "users", "")


def test_placement_exercise_redraws_when_a_control_changes():
    ex = placement_exercise()
    before = ex.picture.value
    ex.plan.value = "users"
    assert ex.picture.value != before
    assert "Users lead the plan, both deliver" in ex.result.value  # sample delivers 'both'
    ex.service.value = NASTY
    assert "<script" not in ex.picture.value + ex.result.value
    assert "Download the picture (SVG)" in ex.result.value


def test_placement_note_is_markdown_with_the_learners_words_escaped():
    note = placement_summary("Clinic *one*", "both", "professionals", "Because <b>we</b> said so")
    assert note.startswith("# Where my service sits: Clinic \\*one\\*")
    assert "Because &lt;b&gt;we&lt;/b&gt; said so" in note
    assert "Co-planning is about power over decisions." in note


# ---------------------------------------------------------------- exercise 2: policy sorter


def test_the_extract_is_marked_fictional_and_uses_all_three_kinds():
    sentences = policy_extract()
    assert {s.kind for s in sentences} == {"aspiration", "evidence", "prescription"}
    data = json.loads((DATA / "policy.json").read_text("utf-8"))
    assert data["fictional_note"].startswith("Fictional.")


@pytest.mark.parametrize("kind", ["aspiration", "evidence", "prescription"])
def test_the_sorter_gives_feedback_on_every_choice_for_every_sentence(kind: str):
    for sentence in policy_extract():
        fb = sort_feedback(sentence, kind)
        assert fb.message.endswith(sentence.feedback)
        if kind == sentence.kind:
            assert fb.accepted and fb.message.startswith("Yes")
        elif kind == sentence.also:
            assert fb.accepted and fb.message.startswith("Partly: it is both")
        else:
            assert not fb.accepted and fb.message.startswith("Not quite: the course reads this as")


def test_a_forecast_that_data_could_refute_is_accepted_as_evidence_as_the_quick_test_says():
    """Sentence 3 predicts results (better services, lower cost); the quick test calls that an evidence claim."""
    data = json.loads((DATA / "policy.json").read_text("utf-8"))
    assert data["quick_test"]["text"].startswith(
        "Could data show the sentence to be wrong? Then it is an evidence claim"
    )
    forecast = next(s for s in policy_extract() if s.text.startswith("Co-production will strengthen"))
    assert sort_feedback(forecast, "evidence").message.startswith("Yes: evidence claim.")
    assert sort_feedback(forecast, "aspiration").message.startswith("Partly: it is both")
    html, _ = evidence_summary({})
    assert f"Sentence {forecast.number}: a forecast of three results" in html


def test_the_sorter_says_nothing_until_a_choice_and_rejects_unknown_kinds():
    sentence = policy_extract()[0]
    assert sort_feedback(sentence, "") is None
    with pytest.raises(ValueError):
        sort_feedback(sentence, "opinion")


def test_evidence_summary_names_the_gaps_and_escapes_the_learners_question():
    answers = {s.id: "aspiration" for s in policy_extract()}
    html, md = evidence_summary(answers, NASTY)
    assert "<script" not in html and "&lt;script&gt;" in html
    assert "&lt;script&gt;" in md and "<script" not in md and "[link](" not in md and "\\[link\\]" in md
    assert "Feasibility" in html and "nothing" in html
    assert "(you sorted it as an aspiration)" in html
    assert "Who would take part, and who would not?" in md


def test_the_policy_exercise_shows_the_summary_when_every_sentence_is_sorted():
    ex = policy_exercise()
    assert ex.summary.value == ""
    for sentence in policy_extract():
        ex.pickers[sentence.id].value = sentence.kind
    assert "What evidence would this document need?" in ex.summary.value
    assert "Yes:" in ex.notes[policy_extract()[0].id].value


def test_a_learners_own_document_is_split_into_sentences_and_sorted_the_same_way():
    from coprod.exercises import own_feedback, own_policy_exercise, own_sentences

    text = (
        "Our vision is a borough where everyone thrives. Research shows that 80% of residents want more say.\n"
        "- All services must involve residents by 2027.\n"
        "We thank Mr. Okoro and the panel. " + NASTY
    )
    sentences = own_sentences(text)
    assert [s.text[:20] for s in sentences[:4]] == [
        "Our vision is a boro",
        "Research shows that ",
        "All services must in",
        "We thank Mr. Okoro a",
    ]
    must = sentences[2]
    assert own_feedback(must, "prescription").startswith(
        "You read it as a prescription. It tells someone to act."
    )
    assert "Look again at “must”: it often marks a prescription" in own_feedback(must, "aspiration")
    ex = own_policy_exercise(text, "Borough plan")
    assert len(ex.state["pickers"]) == len(sentences)
    ex.state["pickers"]["own2"].value = "evidence"
    ex.question.value = NASTY
    summary = ex.summary.value
    assert (
        "Sentence 2: “Research shows that 80% of residents want more say.” Which source does it name"
        in summary
    )
    assert "<script" not in summary and "&lt;script&gt;" in summary
    assert 'download="evidence-needed-my-document.md"' in summary
    payload = re.search(
        r'download="evidence-needed-my-document.md" href="data:text/markdown;charset=utf-8;base64,([^"]+)"',
        summary,
    )
    md = base64.b64decode(payload.group(1)).decode("utf-8")
    assert (
        "Document: Borough plan" in md
        and "<script" not in md
        and "Who would take part, and who would not?" in md
    )


def test_short_forms_and_initials_do_not_cut_a_sentence_in_two():
    from coprod.exercises import own_sentences

    text = (
        "The service is supported by approx. 3.5 WTE peer support workers. We serve c. 200 people "
        "(see p. 4 and Fig. 2). It started in Jan. 2025 with the N.H.S. trust board. Dr. J. Smith chairs it. "
        "The plan is in annex b. It ends there."
    )
    assert [s.text for s in own_sentences(text)] == [
        "The service is supported by approx. 3.5 WTE peer support workers.",
        "We serve c. 200 people (see p. 4 and Fig. 2).",
        "It started in Jan. 2025 with the N.H.S. trust board.",
        "Dr. J. Smith chairs it.",
        "The plan is in annex b.",
        "It ends there.",
    ]


def test_own_feedback_asks_rather_than_agrees_and_cues_said_effects_and_commitments():
    from coprod.exercises import own_feedback, own_sentences

    known, will, hope = own_sentences(
        "We know that co-produced care plans reduce readmissions.\n"
        "We will co-produce every care plan by 2027.\n"
        "We aim to reduce waiting times and improve experience."
    )
    said = own_feedback(known, "aspiration")
    # the learner's reading is questioned, never confirmed: data could show this sentence wrong
    assert "No data could show it wrong" not in said and "Could any data show it wrong?" in said
    assert "Look again at “We know”: it often marks an evidence claim" in said
    assert "Look again at “We will”: it often marks a prescription" in own_feedback(will, "aspiration")
    # a hoped-for effect is not taken for a said one
    assert "Look again" not in own_feedback(hope, "aspiration")
    effect = own_sentences("Peer support reduces admissions.")[0]
    assert "Look again at “reduces”: it often marks an evidence claim" in own_feedback(effect, "prescription")


def test_pasting_nothing_says_what_to_do_and_a_long_document_is_cut_with_a_note():
    from coprod.exercises import own_policy_exercise

    ex = own_policy_exercise()
    ex.use.click()
    assert "Paste at least one sentence first." in ex.rows.children[0].value
    ex.paste.value = " ".join(f"Sentence number {i} is here." for i in range(60))
    ex.use.click()
    assert len(ex.state["pickers"]) == 40 and "Only the first 40 sentences" in ex.rows.children[0].value


# ---------------------------------------------------------------- exercise 3: paths


def test_every_path_is_enumerated_and_the_learners_path_is_found_among_them():
    pos = locate_path(demo(), "manager", [Step("start", 0), Step("draft", 1)])
    assert len(pos.paths) == 3 and pos.complete and pos.ending == "token" and pos.problem is None
    assert pos.paths[pos.index].steps == (Step("start", 0), Step("draft", 1))
    assert pos.profile == {"voice": 0, "accountability": 1}
    voice = pos.spreads["voice"]  # compared with the two finished paths of two decisions
    assert sorted(voice.values) == [0, 3] and (voice.lower, voice.same, voice.higher) == (0, 1, 1)
    acc = pos.spreads["accountability"]
    assert (acc.lower, acc.same, acc.higher, acc.low, acc.high) == (0, 1, 1, 1, 2)


def test_profile_distribution_counts_each_total_over_every_path():
    dist = profile_distribution(demo(), "manager")
    assert dist["voice"] == {3: 1, 0: 1, -1: 1}
    assert dist["accountability"] == {2: 2, 1: 1}
    assert all(sum(c.values()) == 3 for c in dist.values())


def test_an_unfinished_path_is_compared_with_the_paths_still_open():
    pos = locate_path(demo(), "manager", [Step("start", 0)])
    assert not pos.complete and pos.ending is None
    assert sorted(p.ending for p in pos.open_paths) == ["together", "token"]


def test_a_path_that_no_longer_fits_the_scenario_is_reported_not_crashed_on():
    pos = locate_path(demo(), "manager", [Step("start", 0), Step("nowhere", 0)])
    assert pos.problem and "step 2" in pos.problem and pos.steps == (Step("start", 0),)
    pos = locate_path(demo(), "manager", [Step("start", 7)])
    assert "choice 8" in pos.problem


def test_the_picture_shows_each_decision_on_its_own_and_the_table_says_which_way_each_dimension_runs():
    pos = locate_path(demo(), "manager", [Step("start", 0), Step("draft", 1)])
    svg = path_picture(pos)
    assert "Decision 1" in svg and "Decision 2" in svg and "total" not in svg
    assert "User voice (higher: the person who uses the service is heard more" in svg
    assert "decision 1 strongly towards" in svg
    html, plain = path_table(pos)
    assert "<caption>Your path: totals compared with the 2 finished paths of 2 decisions</caption>" in html
    assert "User voice" in plain and "higher: it is clearer who answers for the decision" in plain


def test_a_finished_path_is_compared_only_with_finished_paths_of_the_same_length():
    pos = locate_path(demo(), "manager", [Step("start", 1)])  # the one path of a single decision
    assert pos.complete and pos.compared == 1
    assert pos.spreads["voice"].values == (pos.profile["voice"],)


def test_an_unfinished_path_is_compared_with_the_same_number_of_decisions_not_with_finished_totals():
    pos = locate_path(demo(), "manager", [Step("start", 0)])
    assert not pos.complete and pos.compared == 2  # the two ways of making the first decision
    voice = pos.spreads["voice"]
    assert sorted(voice.values) == [-1, 2] and voice.yours == 2  # not the finished totals -1, 0 and 3
    assert "the 2 different ways of making the first decision" in path_table(pos)[0]


def test_every_dimension_of_every_scenario_says_which_way_it_runs():
    from coprod.content.course import course
    from coprod.exercises.paths import dimension_direction

    for loaded in course(ROOT).elements.values():
        if loaded.element.kind == "scenario":
            for dim in loaded.element.dimensions:
                assert dimension_direction(dim.id).startswith("higher: "), (loaded.element.id, dim.id)


def test_a_residents_or_relatives_side_is_not_scored():
    sc = _scenarios()["surgery"]
    patient = next(p for p in sc.perspectives if p.id == "patient" and not p.professional)
    state = {"perspective": "patient", "path": [[patient.start, 0]], "reached": [], "completed": False}
    record = load_record(
        {"version": 1, "meta": {}, "elements": {"surgery": {"kind": "scenario", "state": state}}}
    )
    report = path_report(record, "surgery")
    assert "so the course scores no one here" in str(report)
    assert "Range" not in str(report) and "<svg" not in report.html_text and "<img" not in report.html_text


def test_the_sample_record_fits_the_current_scenarios():
    record = sample_record()
    attempts = record_attempts(record)
    assert {a.scenario_id for a in attempts} == {"surgery", "dementia-care"}
    for attempt in attempts:
        pos = locate_path(_scenarios()[attempt.scenario_id], attempt.perspective, attempt.steps)
        assert pos.problem is None, (
            f"coprod/exercises/data/sample-record.json no longer fits {attempt.scenario_id}: {pos.problem}; "
            "give the sample a valid path, then run: python tools/run_exercises.py"
        )
        assert pos.complete == attempt.completed


def test_records_are_read_in_both_formats_and_anything_else_is_refused():
    raw = json.loads((DATA / "sample-record.json").read_text("utf-8"))
    assert raw["format"] == "coprod-course-record"
    assert load_record(raw["data"]).elements.keys() == load_record(raw).elements.keys()
    assert load_record(json.dumps(raw).encode()).elements
    for bad, message in [
        (b"not json", "not valid JSON"),
        (b"[]", "does not hold a course record"),
        (b'{"version": 2, "elements": {}}', "version"),
        (b"\xff\xfe\x00", "not text"),
        (b" " * 6_000_000, "too large"),
    ]:
        with pytest.raises(RecordError, match=message):
            load_record(bad, name="upload.json")


def test_a_record_without_a_perspective_is_read_from_its_first_step():
    data = {
        "version": 1,
        "meta": {},
        "elements": {
            "demo-clinic-letter": {"kind": "scenario", "state": {"path": [["start", 1]]}, "updated": None},
            "demo-reflection": {"kind": "reflection", "state": {"text": "hello"}, "updated": None},
        },
    }
    attempts = record_attempts(load_record(data))
    assert [(a.scenario_id, a.perspective, a.steps) for a in attempts] == [
        ("demo-clinic-letter", "manager", (Step("start", 1),))
    ]


def test_the_path_report_is_deterministic_text_and_tables():
    first, second = path_report(picture=False), path_report(picture=False)
    assert first.plain == second.plain and first.html_text == second.html_text
    assert "<svg" not in first.html_text and "<img" not in first.html_text
    assert "played as" in first.plain and "possible paths in this perspective" in first.plain
    assert "<img alt=" in path_report().html_text


def test_the_path_exercise_reads_an_upload_and_explains_a_bad_one():
    ex = scenario_path_exercise()
    assert "surgery" in [v for _label, v in ex.chooser.options]
    upload = {
        "name": "<b>mine</b>.json",
        "type": "application/json",
        "size": 8,
        "content": memoryview(b"not json"),
        "last_modified": datetime(2026, 1, 1, tzinfo=timezone.utc),
    }
    ex.upload.value = (upload,)
    assert "not valid JSON" in ex.status.value and "<b>mine" not in ex.status.value
    good = (DATA / "sample-record.json").read_bytes()
    ex.upload.value = ({**upload, "name": "record.json", "content": memoryview(good), "size": len(good)},)
    assert "record.json" in ex.status.value and "2 scenarios" in ex.status.value
    ex.chooser.value = "dementia-care"
    assert "You have not reached an ending yet" in ex.report.value


# ---------------------------------------------------------------- exercise 4: stakeholder map


def test_the_map_draws_every_stakeholder_numbered_and_escaped():
    people = [
        Stakeholder(NASTY, 9, 1, "managers"),
        Stakeholder("Carers", 2, 8, "carers"),
        Stakeholder("Same", 2, 8, "carers"),
    ]
    svg = stakeholder_svg(people, "Initiative <i>")
    assert "<script" not in svg and "<i>" not in svg and "&lt;i&gt;" in svg
    for n in (1, 2, 3):
        assert f">{n}</text>" in svg
    assert "influence 9, involvement 1" in svg
    assert "No one is on the map yet." in stakeholder_svg([], "")


def test_stakeholder_values_are_checked_and_names_cleaned():
    with pytest.raises(ValueError):
        Stakeholder("x", 11, 0)
    assert Stakeholder("  a\n\tb\x00 ", 1, 1).name == "a b"


def test_map_prompts_follow_what_the_map_shows():
    _initiative, people = sample_stakeholders()
    ids = [p.id for p in map_prompts(people)]
    assert ids[0] == "who-decides" and ids[-1] == "reconfigure"
    assert {"handed-risk", "power-gap", "care-control", "flattened-users", "missing"} <= set(ids)
    lenses = " ".join(p.lens for p in map_prompts(people))
    assert "Needham, as the post reads her" in lenses and "Lee and Dunston" in lenses
    balanced = [
        Stakeholder("Young carers", 8, 8, "users"),
        Stakeholder("Parents", 6, 3, "users"),
        Stakeholder("Nurse who is also a carer", 5, 5, "several"),
    ]
    ids = [p.id for p in map_prompts(balanced)]
    assert "handed-risk" not in ids and "power-gap" not in ids and "flattened-users" not in ids
    both = next(p for p in map_prompts(balanced) if p.id == "both-sides")
    assert "Nurse who is also a carer" in both.observation
    empty = map_prompts([])
    assert empty[0].observation.startswith("Your map is empty")


def test_the_map_exercise_adds_removes_and_clears():
    ex = stakeholder_exercise()
    start = len(ex.people)
    ex.add.click()
    assert len(ex.people) == start and "Type who they are first" in ex.message.value
    ex.name.value, ex.influence.value, ex.involvement.value, ex.group.value = NASTY, 3, 9, "users"
    before = ex.picture.value
    ex.add.click()
    assert len(ex.people) == start + 1 and ex.picture.value != before
    assert "<script" not in ex.picture.value + ex.listing.value + ex.message.value
    ex.undo.click()
    assert len(ex.people) == start
    ex.clear.button.click()  # asks first: nothing is removed until the learner says yes
    assert len(ex.people) == start and "Remove everyone from the map?" in ex.clear.question.value
    ex.clear.no.click()
    assert len(ex.people) == start and ex.clear.question.value == ""
    ex.clear.button.click()
    ex.clear.yes.click()
    assert ex.people == [] and "Your map is empty" in ex.prompts.value


def test_the_downloaded_map_gives_every_name_in_full():
    long_name = "Community mental health crisis response team, including the out-of-hours service"
    _initiative, people = sample_stakeholders()
    svg = stakeholder_svg([*people, Stakeholder(long_name, 5, 5, "staff")], "My initiative")
    assert "…" in svg  # the label beside the dot is shortened to fit
    assert "Key: every name in full" in svg
    key_text = " ".join(re.findall(r">([^<]*)</text>", svg.split("Key: every name in full", 1)[1]))
    assert long_name in " ".join(key_text.split())


# ---------------------------------------------------------------- exercise 5: agreement


def test_the_agreement_document_has_every_section_and_the_module_3_checklist():
    md = agreement_markdown(sample_agreement())
    for heading in (
        "Who is involved, and their roles",
        "Decisions we share",
        "Decisions we do not share, and why",
        "Who answers for what",
        "Costs, and who bears them",
        "How a partner can step back",
        "What we will record",
        "Before we start: the questions from Module 3",
        "Still to settle",
    ):
        assert f"## {heading}" in md
    assert md.count("- [x] ") == 5 and md.count("- [ ] ") == 3
    assert "- Partners' expenses: Paid in full" in md
    assert "Not yet discussed: How much involvement do these people want" in md


def test_learner_text_in_the_agreement_cannot_become_html_links_or_headings():
    agreement = Agreement(
        initiative=NASTY,
        shared=NASTY + "\n# not a heading\n+ not nested\n1. not a list\n- typed bullet\n\n",
        roles="**bold?**",
        ticked=(0, 99),
    )
    md = agreement_markdown(agreement)
    assert "<script" not in md and "<img" not in md and "[link](" not in md
    assert "&lt;script&gt;" in md and "\\[link\\]" in md
    assert "- \\# not a heading" in md and "- \\+ not nested" in md and "- 1\\. not a list" in md
    assert "- typed bullet" in md
    assert "\\*\\*bold?\\*\\*" in md
    html = agreement_html(agreement, standalone=True)
    assert html.startswith("<!DOCTYPE html>") and "<script" not in html and "<img" not in html
    assert "&lt;script&gt;" in html


def test_agreement_gaps_list_empty_sections_and_unticked_questions():
    gaps = agreement_gaps(Agreement())
    assert "Nothing written yet under 'Decisions we share'." in gaps
    assert sum(g.startswith("Not yet discussed") for g in gaps) == 8
    assert "Partners' expenses: not decided yet." in gaps


def test_the_document_lists_every_section_still_holding_sample_text():
    whole = agreement_gaps(sample_agreement())
    assert whole[0] == "This is the sample agreement: every section still holds the sample's words."
    half = sample_agreement()
    half.initiative = "A new leaflet for the memory clinic"
    half.costs = "Staff time: one hour a week\nPartners' time: about two hours a month each, for four months"
    gaps = agreement_gaps(half)
    assert "Still the sample's words under 'Costs, and who bears them': replace them with your own." in gaps
    assert not any("'What we are co-producing'" in g for g in gaps)
    assert "Still the sample's words under 'Costs, and who bears them'" in agreement_markdown(half)


def test_partners_time_is_a_choice_shown_in_the_document_and_open_until_made():
    md = agreement_markdown(sample_agreement())
    assert "- Partners' time: Unpaid: partners give their time, and are told so before they agree" in md
    assert "unpaid" not in sample_agreement().costs.lower()
    assert "Partners' time: paid or unpaid, not decided yet." in agreement_gaps(Agreement())
    ex = agreement_exercise()
    options = dict(ex.fields["partner_time"].options)
    assert set(options.values()) == {"paid", "unpaid", "undecided"}


def test_every_sample_box_is_marked_and_the_mark_goes_when_the_learner_replaces_it():
    ex = agreement_exercise()
    boxes = {k: w for k, w in ex.fields.items() if k not in ("expenses", "partner_time")}
    assert all(w.description.endswith(" (sample)") for w in boxes.values())
    ex.fields["service"].value = "Community mental health team"
    assert not ex.fields["service"].description.endswith("(sample)")
    assert ex.fields["roles"].description.endswith("(sample)")


def test_start_with_an_empty_form_asks_first_and_keeps_the_text_on_no():
    ex = agreement_exercise()
    ex.fields["service"].value = "My own team"
    ex.empty.button.click()
    assert "What you have typed in this form will be gone" in ex.empty.question.value
    ex.empty.no.click()
    assert ex.fields["service"].value == "My own team" and ex.empty.question.value == ""
    ex.empty.button.click()
    ex.empty.yes.click()
    assert all(w.value in ("", "undecided") for w in ex.fields.values())
    assert ex.current().ticked == () and not any(
        w.description.endswith("(sample)") for w in ex.fields.values()
    )
    assert "Nothing written yet under &#x27;Decisions we share&#x27;." in ex.output.value


def test_the_agreement_exercise_rebuilds_the_document_and_offers_downloads():
    ex = agreement_exercise()
    ex.fields["shared"].value = NASTY
    assert "<script" not in ex.output.value and "&lt;script&gt;" in ex.output.value
    assert 'download="co-production-agreement.md"' in ex.output.value
    assert 'download="co-production-agreement.html"' in ex.output.value
    ex.checks[1].value = True
    assert 1 in ex.current().ticked


# ---------------------------------------------------------------- shared helpers


def test_download_links_carry_the_text_and_a_safe_file_name():
    link = download_link('../../evil "name".md', "Café <b>", "text/markdown", "Save <it>")
    assert 'download="evil-name-.md"' in link and "Save &lt;it&gt;" in link
    payload = re.search(r"base64,([A-Za-z0-9+/=]+)", link).group(1)
    assert base64.b64decode(payload).decode("utf-8") == "Café <b>"


def test_markdown_text_shows_as_typed():
    assert markdown_text("a_b *c* `d` <e> & #f ~g~") == "a\\_b \\*c\\* \\`d\\` &lt;e&gt; &amp; \\#f \\~g\\~"
    assert markdown_text("> quote\n+ plus\n3) three") == "&gt; quote\n\\+ plus\n3\\) three"


def test_every_exercise_falls_back_to_static_html_without_ids():
    for ex in (
        placement_exercise(),
        policy_exercise(),
        scenario_path_exercise(),
        stakeholder_exercise(),
        agreement_exercise(),
    ):
        bundle = ex._repr_mimebundle_()
        assert "application/vnd.jupyter.widget-view+json" in bundle
        static = bundle["text/html"]
        assert "Run All Cells" in static and "<svg" not in static
        assert not re.search(r"0x[0-9a-f]{6,}|model_id", static)
        assert bundle["text/plain"].startswith("Exercise controls")


# ---------------------------------------------------------------- running without the repository


def test_the_packaged_copy_of_the_book_is_current():
    from coprod.exercises.snapshot import snapshot_text

    shipped = (DATA / "course.json").read_text(encoding="utf-8")
    assert shipped == snapshot_text(ROOT), (
        "coprod/exercises/data/course.json no longer matches the book (a section title or a scenario changed); "
        "run: python tools/run_exercises.py"
    )


def test_every_exercise_runs_outside_the_repository(tmp_path, monkeypatch):
    """A notebook opened anywhere the package is installed (JupyterLite, a hub, a laptop) shows what it shows here."""
    makers = (
        placement_exercise,
        policy_exercise,
        scenario_path_exercise,
        stakeholder_exercise,
        agreement_exercise,
    )
    here = [make().static_html() for make in makers] + [
        str(path_report(picture=False)),
        grid_table().html_text,
    ]
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("COPROD_ROOT", raising=False)
    away = [make().static_html() for make in makers] + [
        str(path_report(picture=False)),
        grid_table().html_text,
    ]
    assert away == here
    assert "played as Ms Grace Okafor" in away[-2]  # the scenarios come with the package
    assert "(Module 1, " in away[-1]  # and so do the titles of the sections the quotes come from


def test_every_file_the_exercises_read_is_declared_package_data():
    """An installed package (not this folder) must carry the data, the slider module and the stylesheet."""
    import fnmatch

    import tomllib

    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = config["tool"]["setuptools"]["package-data"]["coprod.exercises"]
    package = ROOT / "coprod" / "exercises"
    needed = sorted(
        p.relative_to(package).as_posix() for p in package.rglob("*") if p.is_file() and p.suffix != ".py"
    )
    needed = [n for n in needed if "__pycache__" not in n]
    assert {"data/course.json", "static/range-slider.js", "static/exercises.css"} <= set(needed)
    missed = [n for n in needed if not any(fnmatch.fnmatch(n, pattern) for pattern in patterns)]
    assert missed == [], f"add these to [tool.setuptools.package-data] in pyproject.toml: {missed}"


def test_missing_data_is_one_sentence_saying_what_to_do(tmp_path, monkeypatch):
    import coprod.exercises.common as common
    from coprod.exercises import ExerciseSetupError

    monkeypatch.setattr(common, "DATA", tmp_path)
    with pytest.raises(ExerciseSetupError) as caught:
        placement_exercise()
    shown = caught.value._render_traceback_()  # what IPython prints instead of a traceback
    assert len(shown) == 1 and "placement.json" in shown[0] and "reinstall" in shown[0]
    assert "Traceback" not in shown[0] and "COPROD_ROOT" not in shown[0]


# ---------------------------------------------------------------- the notebooks as files


def test_there_are_five_exercise_notebooks_and_no_content_files_in_exercises():
    assert len(NOTEBOOKS) >= 5
    assert list((ROOT / "exercises").rglob("*.y*ml")) == []


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_each_notebook_starts_with_its_goal_time_result_and_how_to_use_it(path: Path):
    nb = nbformat.read(path, as_version=4)
    first = nb.cells[0]
    assert first.cell_type == "markdown" and first.source.startswith("# Exercise ")
    for needed in (
        "**Goal:**",
        "**Time:**",
        "**What you will have at the end:**",
        "## How to use this notebook if you have never used Jupyter",
        "**Run** menu",
        "**Run All Cells**",
        "Nothing you type leaves your computer",
        "**Run in your browser**",
    ):
        assert needed in first.source, f"{path.name}: first cell lacks {needed!r}"
    assert nb.metadata["kernelspec"]["name"] == "python3"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_each_notebook_keeps_its_logic_in_the_package_and_its_outputs_clean(path: Path):
    nb = nbformat.read(path, as_version=4)
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert any(c.source.startswith("# NBVAL_CHECK_OUTPUT") for c in code)
    for cell in code:
        lines = [ln for ln in cell.source.splitlines() if ln.strip() and not ln.startswith("#")]
        assert len(lines) <= 2, (
            f"{path.name}: logic belongs in the coprod.exercises package, not in a cell:\n{cell.source}"
        )
        assert all(
            ln.startswith("from coprod.exercises import ") or re.fullmatch(r"\w+\([\w=, \"'-]*\)", ln)
            for ln in lines
        ), cell.source
        if not all(ln.startswith("from ") for ln in lines):
            assert cell.outputs, f"{path.name}: run python tools/run_exercises.py to store the outputs"
        text = json.dumps(cell.outputs)
        assert "widget-view+json" not in text and "model_id" not in text
        assert not re.search(r"0x[0-9a-fA-F]{6,}", text)
        assert not re.search(r"/(work|tmp|home|root|Users)/", text), (
            f"{path.name}: an output holds a local path"
        )
        assert all(o.get("output_type") != "error" and o.get("name") != "stderr" for o in cell.outputs)
    assert "widgets" not in nb.metadata


def _call(line: str):
    """The object a notebook line such as ``placement_exercise()`` or ``path_report(picture=False)`` makes."""
    import ast

    import coprod.exercises as exercises

    call = ast.parse(line, mode="eval").body
    assert isinstance(call, ast.Call) and isinstance(call.func, ast.Name) and not call.args
    kwargs = {k.arg: ast.literal_eval(k.value) for k in call.keywords}
    return getattr(exercises, call.func.id)(**kwargs)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_the_stored_outputs_are_what_the_package_makes_now(path: Path):
    """The site shows the stored outputs (the book does not re-run exercises), so they must be current."""
    nb = nbformat.read(path, as_version=4)
    for cell in (c for c in nb.cells if c.cell_type == "code" and c.outputs):
        line = next(ln for ln in cell.source.splitlines() if ln.strip() and not ln.startswith(("#", "from ")))
        made = _call(line)
        html = made.static_html() if hasattr(made, "static_html") else made._repr_html_()
        stored = cell.outputs[-1]["data"]
        assert stored["text/html"] == html and stored["text/plain"] == repr(made), (
            f"{path.name}: the stored output of `{line}` is out of date; run: python tools/run_exercises.py"
        )


# ---------------------------------------------------------------- the learner's work, kept as they work


def _upload(widget, name: str, content: bytes) -> None:
    widget.value = (
        {
            "name": name,
            "type": "application/json",
            "size": len(content),
            "last_modified": datetime(2026, 1, 1, tzinfo=timezone.utc),
            "content": memoryview(content),
        },
    )


def _downloaded(kept) -> bytes:
    payload = re.search(
        r'download="[^"]+" href="data:application/json;charset=utf-8;base64,([A-Za-z0-9+/=]+)"',
        kept.link.value,
    )
    return base64.b64decode(payload.group(1))


def test_exercise_1_keeps_the_learners_answers_and_brings_them_back_next_time(tmp_path):
    ex = placement_exercise()
    assert not (tmp_path / "ex1-my-work.json").exists()  # opening and running writes nothing
    assert "ex1-my-work.json" in ex.kept.note.value and "Start again" in ex.kept.note.value
    ex.service.value = "Memory café"
    ex.plan.value = "users"
    ex.why.value = "Volunteers run it.\nprint('not run')"
    ex.kept.store.flush()
    kept = json.loads((tmp_path / "ex1-my-work.json").read_text("utf-8"))
    assert kept["exercise"] == "ex1" and kept["work"]["plan"] == "users"

    again = placement_exercise()  # the notebook run again after closing and reopening
    assert (again.service.value, again.plan.value) == ("Memory café", "users")
    assert again.why.value == "Volunteers run it.\nprint('not run')"  # kept as text, never run
    assert "is back" in again.kept.status.value
    assert "Memory café" in again.picture.value


def test_typing_writes_at_most_once_a_second_and_the_last_change_wins(tmp_path, monkeypatch):
    import asyncio

    ex = placement_exercise()
    writes = []
    real = ex.kept.store.flush

    def counted():
        writes.append(ex.kept.store._pending)
        real()

    monkeypatch.setattr(ex.kept.store, "flush", counted)

    async def typing():  # as in a kernel: the changes arrive while its event loop runs
        for text in ("M", "Me", "Mem", "Memo"):
            ex.service.value = text
        assert len(writes) == 1  # the first change at once, the rest wait
        await asyncio.sleep(1.3)

    asyncio.run(typing())
    assert [w["service"] for w in writes] == ["M", "Memo"]
    assert json.loads((tmp_path / "ex1-my-work.json").read_text("utf-8"))["work"]["service"] == "Memo"


@pytest.mark.parametrize(
    "content,why",
    [
        (b"{not json", "not a JSON file"),
        (b"\xff\xfe\x00", "not text"),
        (b"[1, 2, 3]", "not a work file from the course"),
        (
            json.dumps(
                {"format": "coprod-exercise-work", "version": 1, "exercise": "ex4", "work": {}}
            ).encode(),
            "from exercise ex4",
        ),
        (
            json.dumps(
                {"format": "coprod-exercise-work", "version": 9, "exercise": "ex1", "work": {}}
            ).encode(),
            "another version",
        ),
        (
            json.dumps(
                {
                    "format": "coprod-exercise-work",
                    "version": 1,
                    "exercise": "ex1",
                    "work": {"plan": "everyone"},
                }
            ).encode(),
            "is not one of the exercise",
        ),
        (
            json.dumps(
                {
                    "format": "coprod-exercise-work",
                    "version": 1,
                    "exercise": "ex1",
                    "work": {"service": ["x"]},
                }
            ).encode(),
            "is not text",
        ),
    ],
)
def test_a_damaged_or_foreign_work_file_is_put_aside_and_the_exercise_starts_afresh(tmp_path, content, why):
    (tmp_path / "ex1-my-work.json").write_bytes(content)
    ex = placement_exercise()
    sample = placement_exercise(keep=False)
    assert (ex.service.value, ex.plan.value) == (sample.service.value, sample.plan.value)
    assert why in ex.kept.status.value and "kept as ex1-my-work.damaged-1.json" in ex.kept.status.value
    assert (tmp_path / "ex1-my-work.damaged-1.json").read_bytes() == content  # nothing lost
    assert not (tmp_path / "ex1-my-work.json").exists()


def test_start_again_asks_first_then_clears_the_answers_and_the_kept_file(tmp_path):
    ex = placement_exercise()
    ex.service.value = "Memory café"
    ex.kept.store.flush()
    ex.kept.restart.button.click()
    assert "will be gone" in ex.kept.restart.question.value
    ex.kept.restart.no.click()
    assert ex.service.value == "Memory café" and (tmp_path / "ex1-my-work.json").exists()
    ex.kept.restart.button.click()
    ex.kept.restart.yes.click()
    assert ex.service.value == placement_exercise(keep=False).service.value
    assert not (tmp_path / "ex1-my-work.json").exists()
    assert placement_exercise().service.value != "Memory café"


def test_download_my_work_then_load_it_back_elsewhere_and_a_bad_file_changes_nothing(tmp_path):
    ex = placement_exercise(keep=tmp_path / "first")
    (tmp_path / "first").mkdir()
    ex.service.value = "Carers' group"
    ex.deliver.value = "users"
    file = _downloaded(ex.kept)
    assert json.loads(file)["work"]["service"] == "Carers' group"

    other = placement_exercise(keep=False)
    _upload(other.kept.upload, "policy.json", b'{"format": "something else"}')
    assert (
        "not a work file from the course" in other.kept.status.value
        and "Nothing was changed" in other.kept.status.value
    )
    assert other.service.value != "Carers' group"
    _upload(other.kept.upload, "ex1-my-work.json", file)
    assert (other.service.value, other.deliver.value) == ("Carers' group", "users")
    assert "Loaded your work" in other.kept.status.value


def test_nothing_is_kept_when_keeping_is_off(tmp_path, monkeypatch):
    monkeypatch.setenv("COPROD_KEEP_WORK", "0")
    ex = placement_exercise()
    ex.service.value = "Memory café"
    ex.kept.store.flush()
    assert list(tmp_path.iterdir()) == []
    assert "not kept here" in ex.kept.note.value


def _change_ex2(ex):
    ex.pickers["s1"].value = "evidence"
    ex.question.value = "Who was asked?"
    return lambda again: (again.pickers["s1"].value, again.question.value) == ("evidence", "Who was asked?")


def _change_ex2_own(ex):
    ex.paste.value = "We believe in people. The survey found 40% were unhappy."
    ex.use.click()
    ex.state["pickers"]["own2"].value = "evidence"
    return lambda again: (
        len(again.state["sentences"]) == 2 and again.state["pickers"]["own2"].value == "evidence"
    )


def _change_ex3(ex):
    good = json.dumps(sample_record().data).encode()
    _upload(ex.upload, "my-record.json", good)
    ex.chooser.value = "dementia-care"
    return lambda again: (
        again.state["record"].source == "my-record.json" and again.chooser.value == "dementia-care"
    )


def _change_ex4(ex):
    ex.name.value = "Carers' forum"
    ex.influence.value = 2
    ex.add.click()
    ex.notes.value = "Few carers decide."
    return lambda again: (
        again.people[-1] == Stakeholder("Carers' forum", 2, 5, "users")
        and again.notes.value == "Few carers decide."
    )


def _change_ex5(ex):
    ex.fields["service"].value = "Community mental health team"
    ex.fields["partner_time"].value = "paid"
    ex.checks[1].value = True
    return lambda again: (
        again.fields["service"].value == "Community mental health team"
        and again.fields["partner_time"].value == "paid"
        and 1 in again.current().ticked
        and "Community mental health team" in again.output.value
    )


@pytest.mark.parametrize(
    "make,change,name",
    [
        (policy_exercise, _change_ex2, "ex2"),
        (own_policy_exercise, _change_ex2_own, "ex2-own-document"),
        (scenario_path_exercise, _change_ex3, "ex3"),
        (stakeholder_exercise, _change_ex4, "ex4"),
        (agreement_exercise, _change_ex5, "ex5"),
    ],
    ids=["ex2", "ex2-own", "ex3", "ex4", "ex5"],
)
def test_every_exercise_keeps_the_learners_work_and_brings_it_back(tmp_path, make, change, name):
    ex = make()
    same = change(ex)
    ex.kept.store.flush()
    assert (tmp_path / f"{name}-my-work.json").is_file()
    again = make()
    assert same(again), f"{name}: the kept work did not come back"
    fresh = make(keep=False)
    assert not same(fresh)
    # the downloaded file loads into a fresh copy of the exercise
    _upload(fresh.kept.upload, "mine.json", _downloaded(ex.kept))
    assert same(fresh) and "Loaded your work" in fresh.kept.status.value


_IN_THE_RECORD = {
    "ex2": "Who was asked?",
    "ex2-own-document": "The survey found 40% were unhappy.",
    "ex4": "Few carers decide.",
    "ex5": "Community mental health team",
}


@pytest.mark.parametrize(
    "make,change,name",
    [
        (placement_exercise, lambda ex: setattr(ex.service, "value", "Memory café <b>x</b>"), "ex1"),
        (policy_exercise, _change_ex2, "ex2"),
        (own_policy_exercise, _change_ex2_own, "ex2-own-document"),
        (scenario_path_exercise, _change_ex3, "ex3"),
        (stakeholder_exercise, _change_ex4, "ex4"),
        (agreement_exercise, _change_ex5, "ex5"),
    ],
    ids=["ex1", "ex2", "ex2-own", "ex3", "ex4", "ex5"],
)
def test_the_learners_work_reaches_the_course_record_and_start_again_takes_it_out(
    tmp_path, make, change, name
):
    ex = make()
    entry = ex.kept.entry
    if name == "ex3":  # it reads the learner's record: writing into that record would go round in circles
        assert entry is None
        return
    assert entry.exercise == name and entry.entry == {}  # opening the notebook writes nothing
    change(ex)
    ex.kept.store.flush()
    assert entry.entry["title"].startswith(f"Exercise {name[2]}")
    assert _IN_THE_RECORD.get(name, "Memory café") in entry.entry["text"]  # the exercise's own Markdown
    ex.kept.restart.button.click()
    ex.kept.restart.yes.click()
    assert entry.entry["text"] == ""  # the record page removes an entry with no text
    assert make(keep=False).kept.entry is None  # nothing kept, nothing sent to the record


@pytest.mark.parametrize(
    "make,name,work",
    [
        (
            stakeholder_exercise,
            "ex4",
            {"stakeholders": [{"name": "A", "influence": 11, "involvement": 2, "group": "users"}]},
        ),
        (
            stakeholder_exercise,
            "ex4",
            {"stakeholders": [{"name": "A", "influence": 1, "involvement": 2, "group": "gods"}]},
        ),
        (
            stakeholder_exercise,
            "ex4",
            {"stakeholders": [{"name": "x", "influence": 1, "involvement": 1, "group": "users"}] * 31},
        ),
        (agreement_exercise, "ex5", {"ticked": [0, 99]}),
        (agreement_exercise, "ex5", {"partner_time": "whatever"}),
        (policy_exercise, "ex2", {"answers": {"s1": "__import__('os')"}}),
        (scenario_path_exercise, "ex3", {"record": {"version": 1, "elements": "no"}}),
    ],
)
def test_kept_work_out_of_bounds_is_refused_in_one_sentence_and_changes_nothing(tmp_path, make, name, work):
    ex = make(keep=False)
    before = ex.kept._get()
    doc = {"format": "coprod-exercise-work", "version": 1, "exercise": name, "work": work}
    _upload(ex.kept.upload, "bad.json", json.dumps(doc).encode())
    assert "bad.json cannot be used" in ex.kept.status.value and "Nothing was changed" in ex.kept.status.value
    assert ex.kept._get() == before


def test_in_jupyter_an_exercise_is_its_picture_then_its_live_controls(monkeypatch):
    """Reopened without a kernel, the picture shows instead of "model not found" (CSS hides whichever is not live)."""
    import IPython.display

    shown = []

    class Handle:
        def update(self, data, raw=False):
            shown.append(data)

    def display(data, raw=False, display_id=None):
        shown.append(data)
        return Handle() if display_id else None

    monkeypatch.setattr(IPython.display, "display", display)
    ex = placement_exercise()
    ex._ipython_display_()
    picture, live = shown
    assert picture["text/html"] == ex.static_html() and 'class="coprod-ex-fallback"' in picture["text/html"]
    assert ".jp-OutputArea-child:has(.coprod-ex-fallback)" in picture["text/html"]
    assert list(live) == ["application/vnd.jupyter.widget-view+json"]
    # as the learner works, the picture follows, so a notebook saved and reopened shows their work
    ex.service.value = "Memory café"
    ex.kept.store.flush()
    assert (
        "Memory café"
        in base64.b64decode(
            re.search(r'src="data:image/svg\+xml;base64,([^"]+)"', shown[-1]["text/html"]).group(1)
        ).decode()
    )


def test_the_samples_choices_are_marked_and_listed_until_the_learner_makes_them():
    from coprod.exercises.agreement import sample_choices

    half = sample_agreement()
    half.costs = "Staff time: one hour a week"
    assert sample_choices(half) == ["Partners' time", "Partners' expenses"]
    assert "Partners' time: still the sample's choice; choose your own." in agreement_markdown(half)
    assert sample_choices(Agreement()) == []  # 'Not decided yet' is never the sample's decision
    ex = agreement_exercise()
    assert ex.fields["partner_time"].description.endswith("(sample)")
    ex.fields["partner_time"].value = "paid"
    assert not ex.fields["partner_time"].description.endswith("(sample)")
    ex.fields["partner_time"].value = "unpaid"  # back to the sample's, but now the learner's own choice
    assert not ex.fields["partner_time"].description.endswith("(sample)")
    assert "Partners&#x27; time: still the sample" not in ex.output.value
    assert "Partners&#x27; expenses: still the sample" in ex.output.value
    ex.kept.store.flush()
    again = agreement_exercise()  # kept: the choice stays the learner's
    assert not again.fields["partner_time"].description.endswith("(sample)")
    assert again.fields["expenses"].description.endswith("(sample)")


NASTY_WORK = [
    None,
    [],
    "text",
    {"answers": [1]},
    {"stakeholders": {"name": "x"}},
    {"stakeholders": [{"name": "x", "influence": True, "involvement": 1, "group": "users"}]},
    {"ticked": "0,1"},
    {"ticked": [True]},
    {"record": [1, 2]},
    {"record": {"version": 1, "elements": {"x": {"kind": "scenario", "state": {"path": "nope"}}}}},
    {"service": None, "plan": 3, "why": {"a": 1}},
    {"text": 1, "title": ["t"]},
    {"initiative": "x" * 100_000, "notes": NASTY},
]


@pytest.mark.parametrize("work", NASTY_WORK, ids=range(len(NASTY_WORK)))
@pytest.mark.parametrize(
    "make,name",
    [
        (placement_exercise, "ex1"),
        (policy_exercise, "ex2"),
        (own_policy_exercise, "ex2-own-document"),
        (scenario_path_exercise, "ex3"),
        (stakeholder_exercise, "ex4"),
        (agreement_exercise, "ex5"),
    ],
    ids=["ex1", "ex2", "ex2-own", "ex3", "ex4", "ex5"],
)
def test_no_kept_file_breaks_an_exercise(tmp_path, make, name, work):
    doc = {"format": "coprod-exercise-work", "version": 1, "exercise": name, "work": work}
    (tmp_path / f"{name}-my-work.json").write_text(json.dumps(doc), encoding="utf-8")
    ex = make()  # never raises: the work comes back, or the file is put aside with a sentence
    status = ex.kept.status.value
    assert "is back" in status or "damaged-1.json" in status
    assert "<script" not in status and "<script" not in "".join(
        w.value for w in ex.children if isinstance(w, type(ex.kept.note)) and isinstance(w.value, str)
    )
