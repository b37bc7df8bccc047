"""The workshop plans add up, and every course element they name exists.

The plans are data in ``book/workshop/_data/plans/`` (a ``_data`` folder, so the
content checker does not read them as course elements). Each plan page shows the
plan's agenda as a table; while that table is written by hand, it must match the
YAML row for row.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from coprod import load_course
from coprod.content.labels import book_labels

ROOT = Path(__file__).resolve().parents[1]
BOOK = ROOT / "book"
PLANS = BOOK / "workshop" / "_data" / "plans"
LENGTHS = {"90-minutes": 90, "half-day": 180, "full-day": 360}
PLAN_FIELDS = {
    "id",
    "title",
    "length_minutes",
    "objectives",
    "materials",
    "room_variant",
    "online_variant",
    "agenda",
}


def load_plan(plan_id: str) -> dict:
    return YAML(typ="safe").load((PLANS / f"{plan_id}.yml").read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def course():
    return load_course([BOOK])


def referenced_scenarios(plan: dict) -> list[str]:
    ids = list(plan.get("scenarios", []))
    ids += [alt["scenario"] for alt in plan.get("alternative_scenarios", [])]
    ids += [item["scenario"] for item in plan["agenda"] if "scenario" in item]
    return ids


def test_there_are_exactly_the_three_plans():
    assert sorted(p.stem for p in PLANS.glob("*.yml")) == sorted(LENGTHS)


@pytest.mark.parametrize("plan_id", sorted(LENGTHS))
def test_plan_has_its_fields_and_its_length(plan_id: str):
    plan = load_plan(plan_id)
    assert PLAN_FIELDS <= set(plan), f"missing: {sorted(PLAN_FIELDS - set(plan))}"
    assert plan["id"] == plan_id
    assert plan["length_minutes"] == LENGTHS[plan_id]
    assert plan["objectives"] and plan["materials"] and plan["agenda"]
    assert plan["room_variant"].strip() and plan["online_variant"].strip()


@pytest.mark.parametrize("plan_id", sorted(LENGTHS))
def test_agenda_minutes_sum_to_the_plan_length(plan_id: str):
    plan = load_plan(plan_id)
    minutes = [item["minutes"] for item in plan["agenda"]]
    assert all(isinstance(m, int) and not isinstance(m, bool) and m > 0 for m in minutes), minutes
    assert sum(minutes) == plan["length_minutes"]


@pytest.mark.parametrize("plan_id", sorted(LENGTHS))
def test_every_agenda_item_has_activity_purpose_and_how(plan_id: str):
    for number, item in enumerate(load_plan(plan_id)["agenda"], start=1):
        for field in ("activity", "purpose", "how"):
            value = item.get(field)
            assert isinstance(value, str) and value.strip(), f"agenda item {number} needs '{field}'"
        materials = item.get("materials", [])
        assert isinstance(materials, list) and all(isinstance(m, str) and m.strip() for m in materials)


@pytest.mark.parametrize("plan_id", sorted(LENGTHS))
def test_every_referenced_scenario_exists(plan_id: str):
    plan = load_plan(plan_id)
    scenarios = {k for k, v in course().elements.items() if v.element.kind == "scenario"}
    ids = referenced_scenarios(plan)
    assert ids, "a plan should name at least one scenario"
    assert set(ids) <= scenarios, f"unknown scenarios: {sorted(set(ids) - scenarios)}"
    assert set(plan["scenarios"]) == {item["scenario"] for item in plan["agenda"] if "scenario" in item}


@pytest.mark.parametrize("plan_id", sorted(LENGTHS))
def test_every_referenced_element_and_section_exists(plan_id: str):
    plan = load_plan(plan_id)
    elements = set(course().elements)
    named = [e for item in plan["agenda"] for e in item.get("elements", [])]
    assert set(named) <= elements, f"unknown elements: {sorted(set(named) - elements)}"
    sections = [s for item in plan["agenda"] for s in item.get("sections", [])]
    sections += [p["section"] for p in plan.get("pre_reading", [])]
    assert set(sections) <= set(book_labels(BOOK)), (
        f"unknown section labels: {sorted(set(sections) - set(book_labels(BOOK)))}"
    )
    # the learner edition drops the scenarios' facilitator sections, so a link to one would break there
    assert not [s for s in sections if s.endswith("-facilitators")]


def page_agenda_rows(page: Path) -> list[tuple[int, str]]:
    """(minutes, activity) from the page's hand-written agenda table, if it has one."""
    rows = []
    for line in page.read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")] if line.startswith("|") else []
        if len(cells) > 2 and cells[1].isdigit():
            rows.append((int(cells[1]), cells[2]))
    return rows


@pytest.mark.parametrize("plan_id", sorted(LENGTHS))
def test_page_agenda_table_matches_the_plan(plan_id: str):
    page = BOOK / "workshop" / f"{plan_id}.md"
    rows = page_agenda_rows(page)
    if not rows:
        pytest.skip("the page has no hand-written agenda table")
    plan = load_plan(plan_id)
    assert rows == [(item["minutes"], item["activity"]) for item in plan["agenda"]]


# ---- re-timed plans: buffers, evaluation, cut lines, primer, realistic minutes (issue 15)

from coprod.content.plans import PlanError  # noqa: E402
from coprod.content.plans import load_plan as load_typed_plan  # noqa: E402
from coprod.render.paperwork import PAPERWORK, agenda_table, hours, show_paperwork  # noqa: E402


@pytest.mark.parametrize("plan_id", sorted(LENGTHS))
def test_plan_follows_the_schema_with_buffers_evaluation_primer_and_cut_lines(plan_id: str):
    plan = load_typed_plan(PLANS / f"{plan_id}.yml")
    kinds = [b.kind for b in plan.agenda]
    assert sum(b.minutes for b in plan.agenda) == plan.length_minutes
    assert kinds[0] == "arrival" and plan.agenda[0].minutes >= 5
    assert kinds.count("evaluation") == 1 and plan.agenda[kinds.index("evaluation")].minutes >= 5
    assert [b.minutes for b in plan.agenda if b.kind == "primer"] == [3]
    assert sum(1 for b in plan.agenda if b.cut_if_late) >= 1
    # learning time leaves out arrival, breaks and evaluation
    not_learning = sum(b.minutes for b in plan.agenda if b.kind in ("arrival", "break", "evaluation"))
    assert plan.learning_minutes == plan.length_minutes - not_learning


@pytest.mark.parametrize("plan_id", sorted(LENGTHS))
def test_main_perspectives_get_four_to_five_minutes_a_decision_and_a_cut_line(plan_id: str):
    from coprod import enumerate_paths

    plan = load_typed_plan(PLANS / f"{plan_id}.yml")
    for block in plan.agenda:
        if block.scenario and "perspective" in block.activity and "play" in block.activity.lower():
            scenario = course().get(block.scenario).element
            named = [p for p in scenario.perspectives if p.id in block.activity.lower()]
            played = named[0] if named else scenario.perspectives[0]  # "the main perspective"
            longest = max(len(route.steps) for route in enumerate_paths(scenario, played.id))
            assert block.minutes >= 4 * longest, (
                f"{block.activity}: {block.minutes} min for {longest} decisions"
            )
            assert block.cut_if_late, f"{block.activity} needs a cut line"


def test_a_plan_that_does_not_add_up_is_rejected_with_its_file_and_sums(tmp_path):
    text = (
        (PLANS / "half-day.yml")
        .read_text(encoding="utf-8")
        .replace("length_minutes: 180", "length_minutes: 175")
    )
    bad = tmp_path / "half-day.yml"
    bad.write_text(text, encoding="utf-8")
    with pytest.raises(PlanError, match=r"half-day\.yml.*add up to 180, not length_minutes 175"):
        load_typed_plan(bad)


def test_a_plan_without_an_evaluation_block_is_rejected(tmp_path):
    text = (
        (PLANS / "90-minutes.yml").read_text(encoding="utf-8").replace("kind: evaluation", "kind: activity")
    )
    bad = tmp_path / "90-minutes.yml"
    bad.write_text(text, encoding="utf-8")
    with pytest.raises(PlanError, match="evaluation block"):
        load_typed_plan(bad)


@pytest.mark.parametrize("plan_id", sorted(LENGTHS))
def test_page_table_is_the_one_drawn_from_the_plan(plan_id: str):
    page = (BOOK / "workshop" / f"{plan_id}.md").read_text(encoding="utf-8")
    table = page.split("% agenda-table-start\n", 1)[1].split("\n% agenda-table-end", 1)[0]
    assert table == agenda_table(load_typed_plan(PLANS / f"{plan_id}.yml"), ROOT)
    assert "Cut here if you are running late" in table


@pytest.mark.parametrize("plan_id", sorted(LENGTHS))
def test_page_states_the_learning_time_the_plan_gives(plan_id: str):
    plan = load_typed_plan(PLANS / f"{plan_id}.yml")
    page = (BOOK / "workshop" / f"{plan_id}.md").read_text(encoding="utf-8")
    assert f"{plan.learning_minutes} minutes" in page


@pytest.mark.parametrize("plan_id", sorted(LENGTHS))
@pytest.mark.parametrize("kind", PAPERWORK)
def test_every_paperwork_printable_renders_from_the_plan(plan_id: str, kind: str):
    plan = load_typed_plan(PLANS / f"{plan_id}.yml")
    html = show_paperwork(kind, plan_id, root=ROOT).html()
    if kind in ("signin", "evaluation", "handout"):
        assert plan.title in html
    if kind == "certificate":  # inside a sentence: 'took part throughout a half-day workshop on ...'
        assert f"throughout {plan.title[0].lower()}{plan.title[1:]} on" in html
    if kind in ("signin", "certificate"):
        assert hours(plan.learning_minutes) in html
    if kind == "signin":
        for _start, block in plan.breaks:
            assert f"({block.minutes} min)" in html
    if kind in ("evaluation", "certificate"):
        from html import escape

        assert all(escape(o) in html for o in plan.objectives)
    if kind == "voting-cards":
        # letter and number as well as colour: never colour alone
        for letter, number in zip("ABCD", "1234", strict=True):
            assert f'coprod-vote-letter">{letter}<' in html and f"choice {number}" in html
    if kind == "handout":
        assert "Who plans it" in html and html.count("<li>") >= 8
        for sid in plan.scenarios:
            for q in course().get(sid).element.debrief_questions:
                from html import escape

                assert escape(q) in html


def test_unknown_paperwork_or_plan_gets_a_clear_message():
    with pytest.raises(ValueError, match="choose one of"):
        show_paperwork("menu", "half-day", root=ROOT)
    with pytest.raises(ValueError, match="the plans are: 90-minutes, full-day, half-day"):
        show_paperwork("signin", "two-day", root=ROOT)


@pytest.mark.parametrize("minutes", [60, 90, 150, 263, 327])
def test_paperwork_gives_hours_as_the_cpd_record_does(minutes: int):
    """The certificate and the learner's CPD record must never disagree about the same session."""
    from coprod._record import fmt_hours

    assert hours(minutes) == f"{minutes} minutes ({fmt_hours(minutes)})"
