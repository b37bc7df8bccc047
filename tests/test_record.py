"""The CPD record in Python: the de-identification check, the course manifest, and exports from a saved record."""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from coprod import enumerate_paths, load_course
from coprod.record import (
    NOSCRIPT,
    TEMPLATE_IDS,
    Record,
    RecordError,
    export,
    fmt_date,
    fmt_hours,
    load_record,
    md_escape,
    module_minutes,
    progress,
    record_from_dict,
    record_manifest,
    scenario_page_minutes,
    show_record,
    view_manifest,
)

ROOT = Path(__file__).resolve().parents[1]
FIXTURE = ROOT / "tests" / "fixtures" / "record.json"
COURSE = load_course([ROOT / "book"])
TODAY = "2026-05-21"


@pytest.fixture(scope="module")
def manifest() -> dict:
    return record_manifest(ROOT)


@pytest.fixture
def record() -> Record:
    return load_record(FIXTURE)


def with_text(record: Record, element_id: str, text: str) -> Record:
    data = copy.deepcopy(record.data)
    data["elements"][element_id] = {
        "kind": "reflection",
        "state": {"text": text, "updated": "2026-05-19T10:00:00Z"},
        "updated": "2026-05-19T10:00:00Z",
    }
    return Record(data)


# ---------------------------------------------------------------- the manifest


def test_manifest_lists_every_module_and_scenario_with_its_time(manifest):
    modules = [p for p in manifest["parts"] if p["kind"] == "module"]
    scenarios = [p for p in manifest["parts"] if p["kind"] == "scenario"]
    assert [p["id"] for p in modules] == sorted(p.stem for p in (ROOT / "book" / "modules").glob("*.md"))
    assert {p["id"] for p in scenarios} == {p.stem for p in (ROOT / "book" / "scenarios").glob("*.md")}
    for p in modules:
        # the page states its time through the front matter's value, so page and record cannot disagree
        page = (ROOT / "book" / "modules" / f"{p['id']}.md").read_text(encoding="utf-8")
        assert "**Time to learn:** about {{ time_to_learn }} minutes" in page, p["id"]
        assert p["minutes"] >= 30, p["id"]
        assert p["label"].startswith("Module ")
    for p in scenarios:
        # the scenario's YAML time and its page's "Time to complete" for one perspective agree
        page_minutes = scenario_page_minutes(ROOT / "book" / "scenarios" / f"{p['id']}.md")
        assert page_minutes == p["minutes"] == COURSE.get(p["id"]).element.time_minutes, p["id"]


def test_manifest_has_every_reflection_and_self_check_of_the_parts(manifest):
    parts = {p["id"] for p in manifest["parts"]}
    for loaded in COURSE.elements.values():
        el = loaded.element
        if el.kind == "reflection" and el.module in parts:
            r = manifest["reflections"][el.id]
            assert (r["prompt"], r["stage"], r["title"], r["part"]) == (
                el.prompt,
                el.stage,
                el.title,
                el.module,
            )
            assert r["href"].endswith(f"#coprod-{el.id}")
        if el.kind == "selfcheck" and el.module in parts:
            assert manifest["selfchecks"][el.id]["questions"] == len(el.questions)
    assert "demo-reflection" not in manifest["reflections"]


def test_manifest_carries_choice_and_dimension_labels(manifest):
    s = COURSE.get("surgery").element
    sc = manifest["scenarios"]["surgery"]
    assert [d["label"] for d in sc["dimensions"]] == [d.label for d in s.dimensions]
    node_id, node = next(iter(s.nodes.items()))
    assert [c["label"] for c in sc["nodes"][node_id]["choices"]] == [c.label for c in node.choices]


# ---------------------------------------------------------------- display object


def test_show_record_gives_a_mountable_root_with_manifest_and_fallback(manifest):
    for view in ("progress", "log", "journal", "exports", "backup", "restore", "clear", "statement"):
        data, _meta = show_record(view, 3, root=ROOT)._repr_mimebundle_()
        html = data["text/html"]
        assert html.startswith(
            f'<div class="coprod-record" data-coprod-module="record" data-view="{view}" data-heading="3">'
        )
        assert NOSCRIPT in html and NOSCRIPT in data["text/plain"]
        # not an engine element, so the page loads record.js and not a second copy of coprod.js
        assert "coprod-el" not in html
        script = re.search(
            r'<script type="application/json" class="coprod-rec-data">(.*?)</script>', html, re.S
        ).group(1)
        assert "<" not in script and json.loads(script) == json.loads(
            json.dumps(view_manifest(view, manifest))
        )
    with pytest.raises(ValueError, match="unknown record view"):
        show_record("nonsense", root=ROOT)


def test_journal_fallback_lists_every_prompt_escaped(manifest):
    html = show_record("journal", root=ROOT)._repr_mimebundle_()[0]["text/html"]
    fallback = html[html.index('class="coprod-rec-fallback"') :]
    for r in manifest["reflections"].values():
        assert (
            r["prompt"]
            .replace("&", "&amp;")
            .replace("<", "&lt;")
            .replace('"', "&quot;")
            .replace("'", "&#x27;")
            in fallback
        )


def test_output_is_deterministic():
    first = show_record("exports", root=ROOT)._repr_mimebundle_()[0]["text/html"]
    assert first == show_record("exports", root=ROOT)._repr_mimebundle_()[0]["text/html"]


# ---------------------------------------------------------------- records and progress


def test_fixture_scenario_path_still_reaches_an_ending():
    """If this fails, the surgery scenario changed: update the path in tests/fixtures/record.json."""
    s = COURSE.get("surgery").element
    state = json.loads(FIXTURE.read_text())["data"]["elements"]["surgery"]["state"]
    steps = [tuple(step) for step in state["path"]]
    paths = [
        p for p in enumerate_paths(s, state["perspective"]) if [(x.node, x.choice) for x in p.steps] == steps
    ]
    assert paths, "the fixture's path is no longer a complete path of the surgery scenario"
    assert f"{state['perspective']}:{paths[0].ending}" in state["reached"]


def test_progress_counts_done_parts_and_honest_hours(record, manifest):
    prog = progress(record, manifest)
    status = {p["id"]: p["status"] for p in prog["parts"]}
    assert status["m1-promise"] == status["m2-rhetoric"] == "done"
    assert status["m5-practice"] == "started"  # reflections written, self-check not attempted
    assert status["surgery"] == "done" and status["policing"] == "not-started"
    minutes = {p["id"]: p["minutes"] for p in manifest["parts"]}
    # the surgery workshop was logged against the scenario, so its estimate is not counted again
    estimated = minutes["m1-promise"] + minutes["m2-rhetoric"]
    assert prog["minutes"] == {
        "estimated": estimated,
        "logged_solo": 45,
        "logged_participatory": 90,
        "solo": estimated + 45,
        "participatory": 90,
        "total": estimated + 135,
    }
    assert prog["selfchecks_attempted"] == 2 and prog["reflections_written"] == 9
    assert (prog["first"], prog["last"]) == ("2026-05-10", "2026-05-20")


@pytest.mark.parametrize(
    "minutes,text",
    [
        (0, "0 hours"),
        (1, "0 hours"),
        (3, "0.1 hours"),
        (60, "1 hour"),
        (90, "1.5 hours"),
        (255, "4.3 hours"),
        (2100, "35 hours"),
    ],
)
def test_hours_are_rounded_half_up_to_a_tenth(minutes, text):
    assert fmt_hours(minutes) == text


def test_dates_read_plainly():
    assert fmt_date("2026-05-09T23:10:00.000Z") == "9 May 2026"
    assert fmt_date("not a date") == fmt_date("2026-13-01") == ""


# ---------------------------------------------------------------- exports


@pytest.mark.parametrize("template", TEMPLATE_IDS)
def test_every_export_names_its_template_and_carries_the_reflections(record, manifest, template):
    md = export(record, template, today=TODAY, root=ROOT)
    t = next(x for x in manifest["templates"] if x["id"] == template)
    first = md.splitlines()
    assert first[0] == f"# {md_escape(t['name'])}"
    assert "current version" in t["check"] and md_escape(t["check"]) in md
    assert f"Follows {md_escape(t['follows'])}" in md
    assert "Prepared: 21 May 2026" in md and "Name: Sam Taylor" in md
    filled = [
        f
        for f in t["fields"]
        if f["source"]
        or (record.data["meta"].get("drafts", {}).get(template, {}).get("fields", {}).get(f["id"]))
        or f.get("from")  # ticks carried from another template's draft (the fixture has them)
    ]
    for f in t["fields"]:
        # a field with text is in the file; an empty one is left out (the page names it), never "(left blank)"
        assert (f"## {md_escape(f['label'])}" in md) == (f in filled) or f["source"].startswith("stages:"), (
            template,
            f["id"],
        )
    assert "left blank" not in md and "My choices" not in md and "touched" not in md
    assert md.count("automatic check") == 1
    # the activity names the course, and the scenario's debrief travels with it
    assert "online CPD course" in md
    assert "A self-declared record, not accreditation." in md
    action_plans = [r for r in record.written() if manifest["reflections"][r]["stage"] == "action-plan"]
    if any(f["source"] == "stages:action-plan" or "action-plan" in f["source"] for f in t["fields"]):
        for r in action_plans:
            assert md_escape(record.reflection(r)) in md


def test_nmc_account_uses_the_learner_draft_and_debrief(record):
    md = export(record, "nmc-reflective-account", today=TODAY, root=ROOT)
    assert "Prioritise people: the account is about listening to patients" in md
    assert "\n\nPrioritise people; Practise effectively\n" in md
    # one plain sentence about the scenario, from every ending reached: no choices listed, no scores
    assert "In the course's fictional case scenario" in md
    assert "I worked through the case as the consultant surgeon," in md and "Okafor" not in md
    assert "Postponed, and honest" in md
    assert "My choices" not in md and "touched" not in md and "+1" not in md and "-1" not in md
    assert "User voice" not in md
    # one statement about identifying details, nothing contradicting it
    assert md.count("automatic check") == 1
    # the debrief names course characters, which the check flags (with a note) like any name
    assert "I read the account through and confirm" in md or "I reviewed each of them and confirm" in md
    assert "Not yet reviewed" not in md and "Review them" not in md


def test_nmc_log_has_hours_and_participatory_hours(record, manifest):
    md = export(record, "nmc-cpd-log", today=TODAY, root=ROOT)
    total = progress(record, manifest)["minutes"]["total"]
    assert f"## Number of hours\n\n{md_escape(fmt_hours(total))}\n" in md
    assert "## Of which participatory hours\n\n1\\.5 hours" not in md  # "1.5" is not a list item: no escape
    assert "## Of which participatory hours\n\n1.5 hours\n" in md
    assert "With others: Ward team workshop on the surgery scenario (14 May 2026, 1.5 hours)." in md
    assert "10 May 2026 to 20 May 2026" in md


def test_nmc_log_names_the_parts_of_the_code_the_learner_ticks(record):
    md = export(
        record,
        "nmc-cpd-log",
        fields={"code": ["Section 16: raising concerns", "Prioritise people"]},
        today=TODAY,
        root=ROOT,
    )
    # in the Code's own order, whatever order they were ticked in
    assert "## Parts of the Code most relevant\n\nPrioritise people; Section 16: raising concerns\n" in md
    # not ticked here: it starts from the parts ticked for the NMC reflective account
    untouched = export(record, "nmc-cpd-log", today=TODAY, root=ROOT)
    assert "## Parts of the Code most relevant\n\nPrioritise people; Practise effectively\n" in untouched
    # nothing ticked anywhere: the field is left out of the file, never written as blank
    data = copy.deepcopy(record.data)
    data["meta"]["drafts"] = {}
    bare = export(Record(data), "nmc-cpd-log", today=TODAY, root=ROOT)
    assert "Parts of the Code most relevant" not in bare and "left blank" not in bare


def test_exports_with_hours_say_how_the_hours_were_reached_in_minutes(record, manifest):
    prog = progress(record, manifest)
    for tid in ("nmc-cpd-log", "paramedicine-board", "ahpra-nmba"):
        md = export(record, tid, today=TODAY, root=ROOT)
        assert f"In all, {prog['minutes']['total']} minutes, of which 90 with others." in md, tid
        assert "Module 1: The promise of co-production, 60" in md, tid
        assert "time I logged on my own, 45 minutes" in md, tid


def test_the_paramedicine_board_activity_names_each_group_session(record):
    md = export(record, "paramedicine-board", today=TODAY, root=ROOT)
    activity = md.split("## Activity\n\n")[1].split("\n## ")[0]
    assert (
        "With other practitioners: Ward team workshop on the surgery scenario (14 May 2026, 1.5 hours)."
        in activity
    )
    # and the evidence an auditor can ask for names the session's attendance record
    assert "For each group session: its attendance record" in md.split("## Evidence kept")[1]
    # the course's characters are not named as if they were real people
    assert "the consultant surgeon" in activity and "Okafor" not in activity


def test_reflections_can_be_chosen_and_fields_overridden(record):
    md = export(
        record,
        "gibbs",
        reflections=["m1-reflect-drivers"],
        fields={"conclusion": "My own conclusion."},
        today=TODAY,
        root=ROOT,
    )
    assert record.reflection("m1-reflect-drivers") in md
    assert record.reflection("m5-reflect-plan") not in md
    assert "## Conclusion\n\nMy own conclusion.\n" in md
    assert (
        "## Action plan" not in md and "left blank" not in md
    )  # empty fields are named on the page, not in the file
    assert "in particular: Module 1: The promise of co-production." in md


def test_identifying_text_is_counted_in_the_export(record):
    risky = with_text(record, "m1-reflect-drivers", "Mrs Patel (DOB 14/02/1938) told me at 14 Mill Lane.")
    md = export(risky, "gibbs", today=TODAY, root=ROOT)
    assert "passages that might identify someone. Not yet reviewed by the author" in md
    reviewed = export(risky, "gibbs", today=TODAY, root=ROOT, confirmed=True)
    assert "passages that might identify someone. I reviewed each of them and confirm" in reviewed
    assert "Not yet reviewed" not in reviewed and reviewed.count("automatic check") == 1


NASTY = "<img src=x onerror=alert(1)> <script>alert(2)</script> [link](javascript:alert(3)) **bold** & done"


def test_script_like_text_stays_text_in_every_export(record):
    nasty = with_text(record, "m1-reflect-drivers", NASTY)
    nasty.data["meta"]["name"] = "<b>Sam</b>"
    md_parser = MarkdownIt("commonmark", {"html": True})
    for template in TEMPLATE_IDS:
        md = export(nasty, template, reflections=["m1-reflect-drivers"], fields=None, today=TODAY, root=ROOT)
        html = md_parser.render(md)
        assert "<img" not in html and "<script" not in html and "<b>Sam" not in html, template
        assert 'href="javascript' not in html and "<strong>bold" not in html
        if template in ("gibbs", "ahpra-nmba", "college-of-policing"):
            assert "&lt;img src=x onerror=alert(1)&gt;" in html, template


@pytest.mark.parametrize(
    "text",
    [
        "1. first\n2) second",
        "- a dash\n+ a plus\n* a star",
        "# not a heading\n#hashtag",
        "Title\n===\nand\n---",
        "> quoted",
        "a_b_c and *stars* and `code`",
        "<!-- comment -->",
        "1.5 hours, 4.3 hours",
        "back\\slash",
        "| a | b |",
    ],
)
def test_markdown_escaping_renders_the_same_text(text):
    html = MarkdownIt("commonmark", {"html": True}).render(md_escape(text))
    plain = (
        re.sub(r"<[^>]+>", "", html)
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
        .replace("&quot;", '"')
    )
    assert " ".join(plain.split()) == " ".join(text.split())
    assert html.startswith("<p>")


def test_unknown_template_is_a_clear_error(record):
    with pytest.raises(KeyError, match="no export template 'rcn'"):
        export(record, "rcn", root=ROOT)


# ---------------------------------------------------------------- loading and validating


def test_load_record_reads_the_backup_and_the_bare_store_value(record, tmp_path):
    assert record.name == "Sam Taylor" and len(record.log) == 2 and record.exported.startswith("2026-05-20")
    bare = tmp_path / "bare.json"
    bare.write_text(json.dumps(record.data))
    assert load_record(bare).data == record.data


@pytest.mark.parametrize(
    "content,message",
    [
        ("not json at all", "not valid JSON"),
        ("[]", "does not hold a course record"),
        ('{"format": "something-else", "version": 1, "data": {}}', "not a backup of this course"),
        (
            '{"format": "coprod-course-record", "version": 2, "data": {"version": 2, "elements": {}}}',
            "different version",
        ),
        ('{"version": 1, "meta": {}}', "no list of your work"),
        ('{"version": 1, "elements": {"m1-check": {"kind": "quiz", "state": {}}}}', "entry for 'm1-check'"),
        (
            '{"version": 1, "elements": {"Bad Id": {"kind": "reflection", "state": {}}}}',
            "not from this course",
        ),
        (
            '{"version": 1, "elements": {}, "meta": {"log": [{"minutes": "lots", "mode": "solo"}]}}',
            "time you logged",
        ),
        (
            '{"version": 1, "elements": {}, "meta": {"log": [{"minutes": 30, "mode": "group"}]}}',
            "time you logged",
        ),
        ('{"version": 1, "elements": {}, "meta": {"name": 42}}', "name is not short text"),
    ],
)
def test_bad_files_are_refused_with_a_plain_message(tmp_path, content, message):
    path = tmp_path / "bad.json"
    path.write_text(content)
    with pytest.raises(RecordError, match=re.escape(message)):
        load_record(path)


def test_record_from_dict_keeps_the_data_as_it_was():
    data = json.loads(FIXTURE.read_text())
    assert record_from_dict(copy.deepcopy(data)).data == data["data"]


# ---------------------------------------------------------------- freshness under cached execution

FRONT = """\
---
jupytext:
  text_representation:
    extension: .md
    format_name: myst
kernelspec:
  display_name: Python 3
  language: python
  name: python3
---
"""

MODULE_PAGE = (
    FRONT.replace("kernelspec:\n", "myst:\n  substitutions:\n    time_to_learn: {minutes}\nkernelspec:\n")
    + """
# 1. A module

**Time to learn:** about {{{{ time_to_learn }}}} minutes.

```{{code-cell}} ipython3
:tags: [remove-input]
from coprod import show
show("fresh-reflection")
```
"""
)

RECORD_PAGE = (
    FRONT
    + """
# Journal

```{code-cell} ipython3
:tags: [remove-input]
from coprod.record import show_record
show_record("journal")
```
"""
)

REFLECTION = """\
kind: reflection
id: fresh-reflection
module: m1
title: Fixture
stage: description
prompt: {prompt}
guidance: Write a line.
"""


@pytest.mark.slow
def test_record_pages_follow_content_edits_under_cached_execution(tmp_path: Path):
    from conftest import FIXTURE_BOOK_CONFIG, build_book

    (tmp_path / "_config.yml").write_text(FIXTURE_BOOK_CONFIG)
    (tmp_path / "_toc.yml").write_text(
        "format: jb-book\nroot: book/modules/m1\nchapters:\n  - file: book/record/journal\n"
    )
    (tmp_path / "book" / "modules" / "m1").mkdir(parents=True)
    (tmp_path / "book" / "record").mkdir()
    module = tmp_path / "book" / "modules" / "m1.md"
    module.write_text(MODULE_PAGE.format(minutes=30))
    element = tmp_path / "book" / "modules" / "m1" / "reflect.yml"
    element.write_text(REFLECTION.format(prompt="The first version of the prompt"))
    (tmp_path / "book" / "record" / "journal.md").write_text(RECORD_PAGE)
    html = tmp_path / "_build" / "html" / "book" / "record" / "journal.html"

    def manifest_in_page() -> dict:
        text = re.search(r'class="coprod-rec-data">(.*?)</script>', html.read_text(), re.S).group(1)
        return json.loads(text)

    first = build_book(tmp_path)
    assert first.returncode == 0, first.stdout[-3000:] + first.stderr[-3000:]
    assert (
        manifest_in_page()["reflections"]["fresh-reflection"]["prompt"] == "The first version of the prompt"
    )

    element.write_text(REFLECTION.format(prompt="The second version of the prompt"))
    module.write_text(MODULE_PAGE.format(minutes=45))
    second = build_book(tmp_path)
    assert second.returncode == 0, second.stdout[-3000:] + second.stderr[-3000:]
    assert (
        manifest_in_page()["reflections"]["fresh-reflection"]["prompt"] == "The second version of the prompt"
    )
    assert manifest_in_page()["parts"][0]["minutes"] == 45


def test_a_module_marked_read_and_each_scenario_side_count_their_hours(manifest):
    minutes = {p["id"]: p["minutes"] for p in manifest["parts"]}
    sc = manifest["scenarios"]["surgery"]
    ending = next(iter(sc["endings"]))
    data = {
        "version": 1,
        "elements": {
            "surgery": {
                "kind": "scenario",
                "state": {"reached": [f"{side}:{ending}" for side in sc["perspectives"]]},
            },
        },
        "meta": {"read": {"m1-promise": "2026-12-05", "m3-one-size": "2026-12-05"}},
    }
    prog = progress(data, manifest)
    rows = {p["id"]: p for p in prog["parts"]}
    assert rows["m1-promise"]["status"] == rows["m3-one-size"]["status"] == "done"
    assert "marked it read" in rows["m1-promise"]["how"]
    # every side played counts, each at the time the page gives for it (surgeon 20, nurse 15, patient 10)
    assert sorted(sc["minutes"].values()) == [10, 15, 20]
    assert rows["surgery"]["earned"] == 45
    assert "15 minutes as the ward's staff nurse" in rows["surgery"]["how"]
    assert prog["minutes"]["estimated"] == minutes["m1-promise"] + minutes["m3-one-size"] + 45


def test_damaged_scenario_state_counts_nothing_and_breaks_nothing(manifest):
    data = {
        "version": 1,
        "elements": {"surgery": {"kind": "scenario", "state": {"reached": "all"}}},
        "meta": {},
    }
    assert progress(data, manifest)["minutes"]["estimated"] == 0


def test_a_module_without_its_time_in_front_matter_gets_a_message_naming_what_to_write(tmp_path):
    page = tmp_path / "m9.md"
    page.write_text("---\njupytext: {}\n---\n# 9. A module\n\n**Time to learn:** about 60 minutes\n")
    with pytest.raises(ValueError, match="myst: substitutions: time_to_learn: N"):
        module_minutes(page)


def test_every_export_of_model_js_has_its_namesake_in_model_py():
    """The two models mirror each other name for name (camelCase in JavaScript, snake_case in Python)."""
    from coprod.record import model

    js = (ROOT / "coprod" / "static" / "record" / "model.js").read_text(encoding="utf-8")
    exported = re.findall(r"^export (?:function|const) (\w+)", js, re.M)
    exported += [n.strip() for n in re.findall(r"^export \{([^}]*)\}", js, re.M)[0].split(",")]

    def snake(name: str) -> str:
        return name if name.isupper() or "_" in name else re.sub(r"(?<!^)([A-Z])", r"_\1", name).lower()

    missing = [n for n in exported if snake(n) not in model.__all__]
    assert missing == []
    assert len(exported) >= 35
