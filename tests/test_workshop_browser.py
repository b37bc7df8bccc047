"""Running a session from the projector: Agenda mode, the Projector view's fixes, the paperwork pages.

In Chromium at 1366x768 (a common projector laptop), with every other host blocked.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import run_axe
from coprod import enumerate_paths, load_course
from coprod.content.plans import load_plan

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[1]
PLANS = ROOT / "book" / "workshop" / "_data" / "plans"
COURSE = load_course([ROOT / "book"])
PROJECTOR = {"width": 1366, "height": 768}


@pytest.fixture
def room(browser, base_url):
    """A page at projector size, watched like the shared page fixture."""
    from conftest import PageWatch

    ctx = browser.new_context(viewport=PROJECTOR)
    pg = ctx.new_page()
    watch = PageWatch(pg, base_url)
    yield pg
    watch.assert_clean()
    ctx.close()


def active_text(page) -> str:
    return page.evaluate("document.activeElement ? document.activeElement.textContent : ''")


def open_projector(page, base_url, scenario_id: str):
    page.goto(f"{base_url}/book/scenarios/{scenario_id}.html")
    page.wait_for_selector(f"#coprod-{scenario_id} .coprod-live")
    page.locator(f"#coprod-{scenario_id} .coprod-live").get_by_role(
        "button", name="Projector view for a group"
    ).click()
    return page.locator(".coprod-projector")


def counts(dialog) -> list[str]:
    return dialog.locator(".coprod-proj-count").all_inner_texts()


def test_agenda_mode_runs_the_half_day_plan_by_keyboard_and_opens_a_projector_view(room, base_url):
    plan = load_plan(PLANS / "half-day.yml")
    room.goto(f"{base_url}/book/workshop/half-day.html")
    start = room.get_by_role("button", name="Start Agenda mode: A half-day workshop")
    start.focus()
    room.keyboard.press("Enter")
    agenda = room.get_by_role("dialog")
    assert active_text(room) == f"1 of {len(plan.agenda)} · Arrival, sign-in and log-in"
    assert "0:00–0:10 · 10 minutes · not learning time" in agenda.inner_text()
    assert "Welcome, purpose and ground rules (8 minutes)" in agenda.inner_text()
    assert run_axe(room, ".coprod-agenda-view") == []
    # the timer counts down the block's minutes
    room.keyboard.press("t")
    room.wait_for_function(
        "document.querySelector('.coprod-agenda-clock').textContent === '9:58'", timeout=5000
    )
    play = next(i for i, b in enumerate(plan.agenda) if b.scenario and "perspective" in b.activity)
    for _ in range(play):
        room.keyboard.press("n")
    block = plan.agenda[play]
    assert active_text(room) == f"{play + 1} of {len(plan.agenda)} · {block.activity}"
    assert room.locator(".coprod-agenda-clock").inner_text() == f"{block.minutes}:00"
    assert "Cut here if you are running late" in agenda.inner_text()
    assert room.locator("[role=status]").filter(has_text=f"Block {play + 1} of").count() == 1
    room.keyboard.press("p")
    projector = room.get_by_role("dialog", name="A planned operation")
    assert projector.count() == 1 and room.locator(".coprod-agenda-view").is_hidden()
    room.keyboard.press("1")  # number key picks the first perspective
    assert "decision 1" in room.locator("#coprod-proj-surgery-title").inner_text()
    assert run_axe(room, ".coprod-projector:not([hidden]):not(.coprod-agenda-view)") == []
    room.keyboard.press("Escape")
    assert room.locator(".coprod-agenda-view").is_visible()
    assert active_text(room) == f"{play + 1} of {len(plan.agenda)} · {block.activity}"
    assert room.locator("[role=status]").filter(has_text="Back to the agenda").count() == 1
    room.keyboard.press("Escape")
    assert room.get_by_role("dialog").count() == 0
    assert active_text(room) == "Start Agenda mode: A half-day workshop"


def test_tallies_are_kept_per_decision_when_going_back_and_forward(room, base_url):
    dialog = open_projector(room, base_url, "surgery")
    room.keyboard.press("1")
    for key in ("1", "1", "2"):
        room.keyboard.press(key)
    first = counts(dialog)
    assert first[:2] == ["2", "1"]
    room.keyboard.press("f")
    room.keyboard.press("n")
    room.keyboard.press("2")
    second = counts(dialog)
    assert second[1] == "1"
    room.keyboard.press("b")  # back to replay the minority choice
    assert counts(dialog) == first
    assert dialog.locator(".coprod-proj-followed").count() == 1
    room.keyboard.press("ArrowRight")  # forward again along the followed choice
    assert counts(dialog) == second


def test_number_keys_pick_the_perspective_on_the_first_screen(room, base_url):
    scenario = COURSE.get("surgery").element
    open_projector(room, base_url, "surgery")
    room.keyboard.press("2")
    assert (
        room.locator("#coprod-proj-surgery-title").inner_text()
        == f"{scenario.perspectives[1].label} · decision 1"
    )


def test_key_overlay_opens_with_question_mark_and_escape_hides_it_first(room, base_url):
    dialog = open_projector(room, base_url, "surgery")
    assert dialog.locator(".coprod-proj-keys").evaluate("e => parseFloat(getComputedStyle(e).fontSize)") >= 16
    room.keyboard.press("?")
    help_ = dialog.get_by_role("region", name="Keys")
    assert help_.is_visible() and "remove a vote" in help_.inner_text()
    assert run_axe(room, ".coprod-projector") == []
    room.keyboard.press("Escape")
    assert help_.is_hidden() and dialog.is_visible()


#: Not met yet (issue 15): the longest scenes of these scenarios still overflow the projector at
#: 1366x768 by 9-52 px at the 16 px floor; they need shorter scene text or a two-column layout.
_TOO_LONG = pytest.mark.xfail(
    strict=True, reason="longest scenes overflow 1366x768 at the 16 px floor (issue 15)"
)


@pytest.mark.parametrize(
    "scenario_id",
    ["surgery"] + [pytest.param(s, marks=_TOO_LONG) for s in ("policing", "emergency", "dementia-care")],
)
def test_every_decision_and_all_its_choices_fit_at_1366x768_without_scrolling(room, base_url, scenario_id):
    scenario = COURSE.get(scenario_id).element
    dialog = open_projector(room, base_url, scenario_id)
    seen: set[str] = set()
    for n, perspective in enumerate(scenario.perspectives, start=1):
        for path in enumerate_paths(scenario, perspective.id):
            if {s.node for s in path.steps} <= seen:
                continue
            room.keyboard.press("Escape")
            room.locator(f"#coprod-{scenario_id} .coprod-live").get_by_role(
                "button", name="Projector view for a group"
            ).click()
            room.keyboard.press(str(n))
            for step in path.steps:
                if step.node not in seen:
                    seen.add(step.node)
                    overflow = dialog.evaluate("d => d.scrollHeight - d.clientHeight")
                    assert overflow <= 0, f"{step.node} overflows by {overflow}px at 1366x768"
                room.keyboard.press(str(step.choice + 1))
                room.keyboard.press("f")
                room.keyboard.press("n")
    assert seen == set(scenario.nodes)


def test_skip_link_reaches_projector_view_in_a_few_key_presses(room, base_url):
    room.goto(f"{base_url}/book/scenarios/surgery.html")
    room.wait_for_selector("#coprod-surgery .coprod-live")
    for _press in range(1, 4):
        room.keyboard.press("Tab")
        if active_text(room).startswith("Skip to Projector view"):
            break
    else:
        pytest.fail(f"three Tab presses reached '{active_text(room)}'")
    room.keyboard.press("Enter")
    assert room.get_by_role("dialog").is_visible()
    room.keyboard.press("Escape")
    assert active_text(room).startswith("Skip to Projector view")


@pytest.mark.parametrize("plan_id", ["90-minutes", "half-day", "full-day"])
def test_paperwork_page_shows_every_piece_and_is_accessible(page, base_url, plan_id):
    plan = load_plan(PLANS / f"{plan_id}.yml")
    page.goto(f"{base_url}/book/workshop/printables/paperwork-{plan_id}.html")
    text = page.locator("main").inner_text()
    for heading in (
        "Sign-in sheet",
        "Evaluation",
        "Certificate of attendance",
        "Voting cards",
        "Who plans, who delivers?",
    ):
        assert heading in text
    assert f"{plan.learning_minutes} minutes" in text
    assert run_axe(page) == []
