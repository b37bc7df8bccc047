"""Every module and scenario page works in the built site as a learner uses it."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from browser_helpers import play_path, scenario
from conftest import COURSE, MODULE_PAGES, SCENARIO_IDS
from coprod import enumerate_paths

pytestmark = pytest.mark.browser

MODULES = MODULE_PAGES
SCENARIOS = SCENARIO_IDS


def shortest_path_to_each_ending(s):
    chosen = {}
    for p in s.perspectives:
        for path in sorted(enumerate_paths(s, p.id), key=lambda x: x.decisions):
            chosen.setdefault((p.id, path.ending), path)
    return list(chosen.values())


@pytest.mark.parametrize("name", SCENARIOS)
def test_every_ending_is_reached_in_every_perspective(page, base_url, name):
    s = COURSE.get(name).element
    page.goto(f"{base_url}/book/scenarios/{name}.html")
    for path in shortest_path_to_each_ending(s):
        play_path(page, s, path)
        scenario(page, name).get_by_role("button", name="Restart").click()
    reached = page.evaluate("JSON.parse(localStorage.getItem('coprod-course:v1'))")["elements"][name][
        "state"
    ]["reached"]
    expected = {f"{p.perspective}:{p.ending}" for p in shortest_path_to_each_ending(s)}
    assert set(reached) == expected


@pytest.mark.parametrize("module", MODULES)
def test_module_self_check_and_reflection_work(page, base_url, module):
    page.goto(f"{base_url}/book/modules/{module}.html")
    checks = [
        e.element
        for e in COURSE.elements.values()
        if e.element.kind == "selfcheck" and e.element.module == module
    ]
    reflections = [
        e.element
        for e in COURSE.elements.values()
        if e.element.kind == "reflection" and e.element.module == module
    ]
    assert len(checks) == 1 and len(checks[0].questions) >= 5
    assert len(reflections) >= 2 and len({r.stage for r in reflections}) >= 2

    check = checks[0]
    single = next(q for q in check.questions if q.type == "single")
    box = page.locator(f"#coprod-{check.id}-{single.id}")
    right = next(o for o in single.options if o.correct)
    box.get_by_label(right.text, exact=True).check()
    box.get_by_role("button", name="Check answer").click()
    expect(box).to_contain_text("You got this one right.", use_inner_text=True)
    assert right.feedback[:40] in " ".join(box.inner_text().split())

    first = reflections[0]
    area = page.locator(f"#coprod-{first.id}-text")
    area.fill("A reflection written on the module page.")
    page.reload()
    assert (
        page.locator(f"#coprod-{first.id}-text").input_value() == "A reflection written on the module page."
    )
