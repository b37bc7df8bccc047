"""Running a session from the projector: Agenda mode, the Projector view's fixes, the paperwork pages.

In Chromium at 1366x768 (a common projector laptop), with every other host blocked.
"""

from __future__ import annotations

import unicodedata
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
    assert active_text(room) == "Resume Agenda mode: A half-day workshop"
    room.keyboard.press("Enter")  # closing and starting again comes back to the same block
    assert active_text(room) == f"{play + 1} of {len(plan.agenda)} · {block.activity}"


def test_agenda_mode_keeps_the_rooms_place_in_a_scenario_while_the_facilitator_checks_the_timer(
    room, base_url
):
    room.goto(f"{base_url}/book/workshop/half-day.html")
    for _press in range(1, 4):  # a skip link near the top of the page
        room.keyboard.press("Tab")
        if active_text(room) == "Skip to Agenda mode: A half-day workshop":
            break
    else:
        pytest.fail(f"three Tab presses reached '{active_text(room)}'")
    room.keyboard.press("Enter")
    assert room.locator(".coprod-agenda-view").is_visible()
    while "play the surgeon" not in active_text(room):
        room.keyboard.press("n")
    room.keyboard.press("t")
    room.keyboard.press("p")
    projector = room.locator(".coprod-projector:not(.coprod-agenda-view):not([hidden])")
    room.keyboard.press("1")
    for key in ("1", "1", "2", "f", "n", "2"):
        room.keyboard.press(key)
    where = room.locator("#coprod-proj-surgery-title").inner_text()
    tallies = counts(projector)
    assert "decision 2" in where and "Timer" in projector.locator(".coprod-agenda-mini").inner_text()
    room.keyboard.press("Escape")  # back to the agenda to see the timer
    assert room.locator(".coprod-agenda-clock").is_visible()
    room.keyboard.press("p")  # and back to the room's place, tallies and all
    assert room.locator("#coprod-proj-surgery-title").inner_text() == where
    assert counts(projector) == tallies
    room.keyboard.press("b")
    assert counts(projector)[:2] == ["2", "1"]  # the first decision's votes, kept too


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


#: The smallest type the Projector view uses, in CSS px: kept readable from the back of a room.
FLOOR_PX = 16


@pytest.mark.parametrize("scenario_id", ["surgery", "policing", "emergency", "dementia-care"])
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
                    size = dialog.evaluate("d => parseFloat(getComputedStyle(d).fontSize)")
                    assert size >= FLOOR_PX, f"{step.node} is set in {size}px type"
                    # a scene too long for the screen at the floor is shown in pages of whole paragraphs
                    # (policing's s-4, the sergeant's own duties, at 1366x768): each page fits too
                    more = dialog.get_by_role("button", name="More of the scene")
                    if more.count():
                        pages = int(more.inner_text().rsplit(" of ", 1)[1])
                        for _ in range(pages - 1):
                            room.keyboard.press("m")
                            overflow = dialog.evaluate("d => d.scrollHeight - d.clientHeight")
                            assert overflow <= 0, f"{step.node}: a page overflows by {overflow}px at 1366x768"
                    labels = dialog.locator(".coprod-proj-label")
                    assert labels.count() == len(scenario.nodes[step.node].choices)
                    for i in range(labels.count()):
                        box = labels.nth(i).bounding_box()
                        assert box and box["y"] >= 0 and box["y"] + box["height"] <= PROJECTOR["height"]
                room.keyboard.press(str(step.choice + 1))
                room.keyboard.press("f")
                room.keyboard.press("n")
    assert seen == set(scenario.nodes)


def test_short_scenes_get_larger_type_than_long_ones(room, base_url):
    """The type is sized to the screen, not fixed at the floor: a short scene is set larger."""
    dialog = open_projector(room, base_url, "surgery")
    room.keyboard.press("1")
    sizes = []
    for _ in range(3):
        sizes.append(dialog.evaluate("d => parseFloat(getComputedStyle(d).fontSize)"))
        room.keyboard.press("1")
        room.keyboard.press("f")
        room.keyboard.press("n")
    assert max(sizes) >= 1.2 * FLOOR_PX and len(set(sizes)) > 1, sizes


def test_a_scene_too_long_for_a_small_screen_is_shown_in_pages_with_its_choices(browser, base_url):
    """On a smaller screen (1366x600) the first policing scene does not fit at the floor: it is
    paged by whole paragraphs, every choice stays on screen, and M walks through the whole scene."""
    scenario = COURSE.get("policing").element
    first = scenario.nodes[scenario.perspectives[0].start]
    ctx = browser.new_context(viewport={"width": 1366, "height": 600})
    page_ = ctx.new_page()
    try:
        dialog = open_projector(page_, base_url, "policing")
        page_.keyboard.press("1")
        more = dialog.get_by_role("button", name="More of the scene")
        assert more.count() == 1
        pages = int(more.inner_text().rsplit(" of ", 1)[1])
        shown = []
        for n in range(1, pages + 1):
            assert f"page {n} of {pages}" in dialog.locator(".coprod-proj-story").inner_text()
            assert dialog.evaluate("d => d.scrollHeight - d.clientHeight") <= 0
            assert dialog.evaluate("d => parseFloat(getComputedStyle(d).fontSize)") >= FLOOR_PX
            assert dialog.locator(".coprod-proj-label").count() == len(first.choices)
            shown += dialog.locator(".coprod-proj-para:visible").all_inner_texts()
            page_.keyboard.press("m")
        assert "page 1 of" in dialog.locator(".coprod-proj-story").inner_text()  # round to the start
        assert " ".join(shown).split() == first.text.split()
        assert page_.locator("[role=status]").filter(has_text=f"page 1 of {pages}").count() == 1
        assert run_axe(page_, ".coprod-projector") == []
    finally:
        ctx.close()


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


@pytest.mark.parametrize("plan_id", ["90-minutes", "half-day", "full-day"])
def test_paperwork_prints_each_piece_on_its_own_a4_sheets_and_nothing_else(page, base_url, plan_id, tmp_path):
    """Printed to A4 as the page tells the facilitator to: one piece per sheet, in order, the
    handout on two at most; no page title, contents or notes to the facilitator on them."""
    from pypdf import PdfReader

    plan = load_plan(PLANS / f"{plan_id}.yml")
    page.goto(f"{base_url}/book/workshop/printables/paperwork-{plan_id}.html")
    out = tmp_path / "paperwork.pdf"
    page.pdf(
        path=str(out),
        format="A4",
        print_background=True,
        margin=dict.fromkeys(("top", "bottom", "left", "right"), "15mm"),
    )
    sheets = [
        unicodedata.normalize("NFKC", p.extract_text()) for p in PdfReader(str(out)).pages
    ]  # 'ﬁ' -> 'fi'
    firsts = ["Sign-in sheet", "Evaluation:", "Certificate of attendance", "Voting cards:", "Handout:"]
    assert 5 <= len(sheets) <= 6, [s[:40] for s in sheets]
    for sheet, first in zip(sheets, firsts, strict=False):
        assert sheet.lstrip().startswith(first), sheet[:80]
    assert all("Paperwork:" not in s and "Print this page from your browser" not in s for s in sheets)
    assert "16" in sheets[0] and "Signature" in sheets[0]
    assert "Facilitator (name and signature)" in sheets[2] and "Organisation" in sheets[2]
    assert plan.title.lower() in sheets[2].lower().replace("\n", " ")
