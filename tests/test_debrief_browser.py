"""Debriefs describe what a path did without grading people; the think-first prompts work alone and by keyboard."""

from __future__ import annotations

import re

import pytest

from browser_helpers import play_path, scenario
from conftest import COURSE, run_axe
from coprod import enumerate_paths

pytestmark = pytest.mark.browser

BANDS = {
    2: "+2 strongly towards",
    1: "+1 towards",
    0: "0 neither",
    -1: "−1 against",
    -2: "−2 strongly against",
}


def longest_path(s, perspective: str):
    return max(enumerate_paths(s, perspective), key=lambda p: p.decisions)


def test_professional_debrief_shows_each_decision_on_the_lens_and_names_the_players_role(page, base_url):
    s = COURSE.get("dementia-care").element
    manager = s.perspectives[0]
    path = longest_path(s, manager.id)
    page.goto(f"{base_url}/book/scenarios/dementia-care.html")
    play_path(page, s, path)
    root = scenario(page, "dementia-care")
    text = " ".join(root.inner_text().split())
    assert "this course's own lens on co-production" in text and "you can argue with them" in text
    assert "null" not in text.split()  # an ending without legal sources adds nothing, not the word "null"
    assert "sum" not in text.lower().split("your path", 1)[1].split("endings you did not reach")[0]
    steps = root.locator("li.coprod-path-step")
    assert steps.count() == len(path.steps)
    who = manager.label.split(",")[0]
    for n, step in enumerate(path.steps):
        choice = s.nodes[step.node].choices[step.choice]
        item = steps.nth(n)
        line = " ".join(item.locator(".coprod-path-choice").inner_text().split())
        assert line.startswith(f"Decision {n + 1}, {who} chose:"), line
        speaker = s.nodes[step.node].speaker
        if speaker not in ("Narrator", who):
            assert speaker not in line
        values = [" ".join(v.split()) for v in item.locator(".coprod-dim-value").all_inner_texts()]
        expected = [
            BANDS[choice.dimensions[d.id]] if d.id in choice.dimensions else "not touched"
            for d in s.dimensions
        ]
        assert values == expected
    assert run_axe(page, "#coprod-dementia-care") == []


@pytest.mark.parametrize(("name", "perspective"), [("dementia-care", "daughter"), ("surgery", "patient")])
def test_resident_patient_and_relative_debriefs_score_no_one(page, base_url, name, perspective):
    s = COURSE.get(name).element
    path = longest_path(s, perspective)
    page.goto(f"{base_url}/book/scenarios/{name}.html")
    play_path(page, s, path)
    root = scenario(page, name)
    assert root.locator(".coprod-dims").count() == 0
    text = " ".join(root.inner_text().split())
    assert "scores no one" in text and "whose voice was heard, and who decided" in text
    last = s.nodes[path.steps[-1].node].choices[path.steps[-1].choice]
    assert " ".join(last.consequence.split())[:40] in " ".join(
        root.locator(".coprod-path-did").last.inner_text().split()
    )


def test_think_first_prompts_open_and_close_by_keyboard_and_are_remembered(browser, base_url):
    ctx = browser.new_context(viewport={"width": 390, "height": 844})
    page = ctx.new_page()
    try:
        s = COURSE.get("surgery").element
        page.goto(f"{base_url}/book/scenarios/surgery.html")
        root = scenario(page, "surgery")
        root.get_by_role("button", name=f"Play as {s.perspectives[0].label}").click()
        think = root.locator("details.coprod-think")
        assert think.evaluate("d => d.open") is False  # closed by default on a phone
        prompt = s.nodes[s.perspectives[0].start].discussion[0]
        assert not root.get_by_text(prompt).is_visible()
        think.locator("summary").focus()
        page.keyboard.press("Enter")
        assert think.evaluate("d => d.open") is True
        assert root.get_by_text(prompt).is_visible()
        page.reload()
        think = scenario(page, "surgery").locator("details.coprod-think")
        assert think.evaluate("d => d.open") is True  # remembered once opened
        think.locator("summary").focus()
        page.keyboard.press("Space")
        assert think.evaluate("d => d.open") is False
        assert run_axe(page, "#coprod-surgery") == []
    finally:
        ctx.close()


def test_a_relatives_debrief_asks_its_own_questions_before_the_practitioners(page, base_url):
    s = COURSE.get("dementia-care").element
    daughter = next(p for p in s.perspectives if p.id == "daughter")
    assert daughter.debrief_questions, "the daughter's side has questions written to her"
    page.goto(f"{base_url}/book/scenarios/dementia-care.html")
    play_path(page, s, longest_path(s, daughter.id))
    root = scenario(page, "dementia-care")
    who = daughter.label.split(",")[0]
    own = root.get_by_role("heading", name=f"Questions to think about, from {who}'s side")
    shared = root.get_by_role("heading", name="Questions the course asks practitioners")
    assert own.is_visible() and shared.is_visible()
    text = " ".join(root.inner_text().split())
    first = " ".join(daughter.debrief_questions[0].split())
    assert text.index(first) < text.index("Questions the course asks practitioners")
    assert run_axe(page, "#coprod-dementia-care") == []


def test_the_nurses_debrief_asks_a_nurses_questions(page, base_url):
    s = COURSE.get("surgery").element
    nurse = next(p for p in s.perspectives if p.id == "nurse")
    page.goto(f"{base_url}/book/scenarios/surgery.html")
    play_path(page, s, longest_path(s, nurse.id))
    root = scenario(page, "surgery")
    assert root.get_by_role("heading", name="Questions to think about, from Tom Kelly's side").is_visible()
    assert root.get_by_role("heading", name="Questions about the whole story").is_visible()
    assert "revalidation" in root.inner_text()


def _built_pages() -> list[str]:
    from conftest import SITE

    return sorted(
        str(p.relative_to(SITE))
        for p in SITE.rglob("*.html")
        if not {"_static", "_sources", "_images"} & set(p.relative_to(SITE).parts)
    )


def test_no_page_is_wider_than_a_phone(browser, base_url):
    pages = _built_pages()
    assert len(pages) > 20, "the book is built"
    ctx = browser.new_context(viewport={"width": 390, "height": 844})
    page = ctx.new_page()
    wide = []
    try:
        for url in pages:
            page.goto(f"{base_url}/{url}")
            width, viewport = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
            if width > viewport:
                wide.append(f"{url} is {width - viewport}px wider than the phone")
    finally:
        ctx.close()
    assert wide == []


@pytest.mark.parametrize("side", ["primary", "secondary"])
def test_the_visible_sidebar_button_opens_the_sidebar_on_a_phone(browser, base_url, side):
    ctx = browser.new_context(viewport={"width": 390, "height": 844})
    page = ctx.new_page()
    try:
        page.goto(f"{base_url}/book/scenarios/surgery.html")
        buttons = [b for b in page.locator(f".{side}-toggle").all() if b.is_visible()]
        assert len(buttons) == 1, "one sidebar button is shown on a phone"
        dialog = page.locator(f"#pst-{side}-sidebar-modal")
        assert dialog.evaluate("d => d.open") is False
        buttons[0].focus()
        page.keyboard.press("Enter")
        page.wait_for_function(f"document.querySelector('#pst-{side}-sidebar-modal').open")
        if side == "primary":
            assert dialog.get_by_role("link", name=re.compile("The promise of co-production")).is_visible()
        page.keyboard.press("Escape")
        assert dialog.evaluate("d => d.open") is False
    finally:
        ctx.close()


def test_branch_map_puts_its_text_version_first_on_a_phone(browser, base_url):
    ctx = browser.new_context(viewport={"width": 390, "height": 844})
    page = ctx.new_page()
    try:
        page.goto(f"{base_url}/book/scenarios/surgery.html")
        part = page.locator(".coprod-map-part").first
        summary = part.locator("details > summary")
        svg_box = part.locator(".coprod-map-scroll")
        assert summary.bounding_box()["y"] < svg_box.bounding_box()["y"]
        # and in keyboard order: the text version is reached before the map that scrolls sideways
        summary.focus()
        page.keyboard.press("Tab")
        assert page.evaluate(
            "document.activeElement.classList.contains('coprod-map-scroll')"
            " && document.activeElement.closest('.coprod-map-part') === document.querySelector('.coprod-map-part')"
        )
    finally:
        ctx.close()


def test_module_1_grid_is_readable_on_a_phone(browser, base_url):
    ctx = browser.new_context(viewport={"width": 390, "height": 844})
    page = ctx.new_page()
    try:
        page.goto(f"{base_url}/book/modules/m1-promise.html")
        assert not page.locator("img.coprod-fig-wide").is_visible()
        phone = page.locator("img.coprod-fig-phone")
        assert phone.is_visible()
        shown, natural = phone.evaluate("i => [i.getBoundingClientRect().width, i.naturalWidth]")
        svg = page.request.get(phone.evaluate("i => i.src")).text()
        smallest = min(float(s) for s in re.findall(r'font-size="([0-9.]+)"', svg))
        assert smallest * shown / natural >= 12, f"smallest text is {smallest * shown / natural:.1f}px"
    finally:
        ctx.close()
