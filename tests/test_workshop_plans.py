"""The workshop plans add up, and every course element they name exists.

The plans are data in ``book/workshop/_data/plans/`` (a ``_data`` folder, so the
content checker does not read them as course elements). Each plan page shows the
plan's agenda as a table; while that table is written by hand, it must match the
YAML row for row.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from coprod import load_course

ROOT = Path(__file__).resolve().parents[1]
BOOK = ROOT / "book"
PLANS = BOOK / "workshop" / "_data" / "plans"
LENGTHS = {"90-minutes": 90, "half-day": 180, "full-day": 360}
PLAN_FIELDS = {"id", "title", "length_minutes", "objectives", "materials", "room_variant", "online_variant", "agenda"}
LABEL = re.compile(r"^\(([A-Za-z0-9_-]+)\)=\s*$", re.M)


def load_plan(plan_id: str) -> dict:
    return YAML(typ="safe").load((PLANS / f"{plan_id}.yml").read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def course():
    return load_course([BOOK])


@lru_cache(maxsize=1)
def book_labels() -> frozenset[str]:
    found: set[str] = set()
    for page in BOOK.rglob("*.md"):
        if "_build" not in page.parts:
            found.update(LABEL.findall(page.read_text(encoding="utf-8")))
    return frozenset(found)


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
    assert set(sections) <= book_labels(), f"unknown section labels: {sorted(set(sections) - book_labels())}"
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
