"""The engine on the built site, used as a learner would, in Chromium with every other host blocked."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from playwright.sync_api import expect

from browser_helpers import play_path, scenario
from conftest import run_axe
from coprod import enumerate_paths, load_file

pytestmark = pytest.mark.browser

DEMO_PAGE = "/book/reference/how-it-works.html"
DEMO = load_file(Path(__file__).resolve().parents[1] / "book/reference/demo/demo-scenario.yml")[0].element
KEY = "coprod-course:v1"


def open_demo(page, base_url):
    page.goto(base_url + DEMO_PAGE)
    page.wait_for_selector("#coprod-demo-clinic-letter .coprod-live")


def stored(page) -> dict:
    return json.loads(page.evaluate(f"localStorage.getItem('{KEY}')") or "{}")


@pytest.mark.parametrize(
    "path",
    [p for persp in DEMO.perspectives for p in enumerate_paths(DEMO, persp.id)],
    ids=lambda p: f"{p.perspective}-{p.ending}",
)
def test_demo_scenario_plays_to_every_ending(page, base_url, path):
    open_demo(page, base_url)
    play_path(page, DEMO, path)
    st = stored(page)["elements"]["demo-clinic-letter"]["state"]
    assert [tuple(s) for s in st["path"]] == [(s.node, s.choice) for s in path.steps]
    assert f"{path.perspective}:{path.ending}" in st["reached"]


def test_back_restart_and_resume(page, base_url):
    open_demo(page, base_url)
    root = scenario(page, "demo-clinic-letter")
    root.get_by_role("button", name="Play as The clinic manager").click()
    root.locator('.coprod-choice[data-choice="0"]').click()
    root.get_by_role("button", name="Continue").click()
    expect(root).to_contain_text("policy says that paragraph must be there", use_inner_text=True)
    root.get_by_role("button", name="Back one step").click()
    expect(root).to_contain_text("How do you go about rewriting it?", use_inner_text=True)
    root.locator('.coprod-choice[data-choice="0"]').click()
    root.get_by_role("button", name="Continue").click()
    page.reload()
    root = scenario(page, "demo-clinic-letter")
    expect(root, "did not resume after reload").to_contain_text(
        "policy says that paragraph must be there", use_inner_text=True
    )
    root.get_by_role("button", name="Restart").click()
    expect(root.get_by_role("button", name="Play as A patient")).to_be_visible()


def test_ending_debrief_shows_path_dimensions_and_other_endings(page, base_url):
    open_demo(page, base_url)
    root = scenario(page, "demo-clinic-letter")
    root.get_by_role("button", name="Play as The clinic manager").click()
    root.locator('.coprod-choice[data-choice="1"]').click()
    root.get_by_role("button", name="See how it ends").click()
    text = root.inner_text()
    assert "A letter written for patients" in text
    assert "Rewrite it yourself and send it out" in text  # the path
    assert (
        "User voice" in text and "−1" in text and "+2" in text
    )  # each decision on the dimensions (a true minus sign)
    assert "A letter written together" in text and "Asked, then ignored" in text  # endings not reached
    assert "When is it right to rewrite something yourself" in text


def test_self_check_right_and_wrong_answers_get_matching_feedback(page, base_url):
    open_demo(page, base_url)
    q = page.locator("#coprod-demo-check-q-planning")
    q.get_by_label("Co-planning").check()
    q.get_by_role("button", name="Check answer").click()
    expect(q).to_contain_text("You got this one right.", use_inner_text=True)
    expect(q).to_contain_text("Right. They shape the service before it is delivered.", use_inner_text=True)
    expect(q).to_contain_text("Planning and delivery are the two stages", use_inner_text=True)
    q.get_by_role("button", name="Try again").click()
    q.get_by_label("Co-delivery").check()
    q.get_by_role("button", name="Check answer").click()
    expect(q).to_contain_text("Not quite this time.", use_inner_text=True)
    expect(q).to_contain_text(
        "Co-delivery is taking part in providing the service itself", use_inner_text=True
    )
    expect(page.locator("#coprod-demo-check")).to_contain_text(
        "Your score: 0 of 3 right (1 answered so far)", use_inner_text=True
    )

    sort = page.locator("#coprod-demo-check-q-sort")
    sort.get_by_label("Patients rewrite the clinic letter").select_option(label="Co-planning")
    sort.get_by_label("A patient does breathing exercises before surgery").select_option(label="Co-planning")
    sort.get_by_role("button", name="Check answer").click()
    expect(sort).to_contain_text("Not quite: it belongs under Co-delivery.", use_inner_text=True)


def test_reflection_is_kept_across_reloads_and_reveals_others(page, base_url):
    open_demo(page, base_url)
    box = page.get_by_label("Think of one letter or leaflet your service sends out.")
    box.fill("Our discharge letter was written years ago by a manager who has left.")
    expect(page.locator("#coprod-demo-reflection-status")).to_contain_text(
        "Saved on this device", use_inner_text=True
    )
    page.reload()
    box = page.get_by_label("Think of one letter or leaflet your service sends out.")
    assert box.input_value() == "Our discharge letter was written years ago by a manager who has left."
    page.get_by_role("button", name="Compare with other answers").click()
    expect(page.locator("#coprod-demo-reflection-others")).to_be_visible()


def test_a_reflection_that_may_identify_someone_is_flagged_and_kept_as_written(page, base_url):
    open_demo(page, base_url)
    box = page.get_by_label("Think of one letter or leaflet your service sends out.")
    note = page.locator("#coprod-demo-reflection-privacy")
    box.fill("Our discharge letter confused the patient in the ward last week.")
    expect(page.locator("#coprod-demo-reflection-status")).to_contain_text("Saved on this device")
    expect(note).to_be_hidden()
    text = "Mrs McLeod in bed 4 (CHI 1203456789) could not follow our discharge letter."
    box.fill(text)
    expect(note).to_be_visible()
    expect(note).to_contain_text("“Mrs McLeod”")
    expect(note).to_contain_text("1203456789")
    # read with the box by a screen reader, and nothing is blocked or changed
    assert "demo-reflection-privacy" in (box.get_attribute("aria-describedby") or "")
    page.reload()
    assert page.get_by_label("Think of one letter or leaflet your service sends out.").input_value() == text
    expect(page.locator("#coprod-demo-reflection-privacy")).to_be_visible()


def test_others_said_waits_until_the_learner_has_written(page, base_url):
    open_demo(page, base_url)
    page.get_by_role("button", name="Compare with other answers").click()
    expect(page.locator("#coprod-demo-reflection-others")).to_be_hidden()
    expect(page.locator("#coprod-demo-reflection")).to_contain_text(
        "Write a few sentences of your own first", use_inner_text=True
    )


def test_script_like_text_stays_text(page, base_url):
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    open_demo(page, base_url)
    nasty = '<img src=x onerror=alert(1)> <script>alert(2)</script> "quoted" & done'
    box = page.get_by_label("Think of one letter or leaflet your service sends out.")
    box.fill(nasty)
    page.reload()
    box = page.get_by_label("Think of one letter or leaflet your service sends out.")
    assert box.input_value() == nasty
    page.get_by_role("button", name="Compare with other answers").click()
    assert page.locator("img[src='x']").count() == 0
    assert dialogs == []


def test_scenario_can_be_completed_with_the_keyboard_alone(page, base_url):
    open_demo(page, base_url)
    active = "document.activeElement ? (document.activeElement.innerText || '') : ''"

    def tab_to(text: str, limit: int = 150) -> None:
        for _ in range(limit):
            page.keyboard.press("Tab")
            if page.evaluate(active).strip().startswith(text):
                return
        raise AssertionError(f"could not reach '{text}' with Tab")

    tab_to("Play as The clinic manager")
    page.keyboard.press("Enter")
    tab_to("Ask three patients to rewrite it with you")
    page.keyboard.press("Enter")
    tab_to("Continue")
    page.keyboard.press("Enter")
    tab_to("Keep their draft and add the paragraph back")
    page.keyboard.press("Space")
    tab_to("See how it ends")
    page.keyboard.press("Enter")
    heading = scenario(page, "demo-clinic-letter").get_by_role("heading", name="A letter written together")
    expect(heading).to_be_visible()
    assert page.evaluate("document.activeElement.textContent") == "A letter written together", (
        "focus not moved to the ending"
    )


def test_storage_unavailable_warns_and_keeps_working(context, base_url):
    context.add_init_script(
        "Object.defineProperty(window, 'localStorage', {get() { throw new DOMException('blocked', 'SecurityError'); }});"
    )
    page = context.new_page()
    open_demo(page, base_url)
    warning = page.locator(".coprod-store-warning")  # one warning for the page
    assert warning.is_visible() and "not letting the course save" in warning.inner_text()
    box = page.get_by_label("Think of one letter or leaflet your service sends out.")
    box.fill("Still here in memory")
    assert box.input_value() == "Still here in memory"
    expect(page.locator("#coprod-demo-reflection-status")).to_contain_text(
        "kept on this page only", use_inner_text=True
    )


def test_storage_full_warns_and_loses_nothing_typed(context, base_url):
    context.add_init_script(
        f"""const real = Storage.prototype.setItem;
        Storage.prototype.setItem = function (k, v) {{
          if (k === '{KEY}' && v.length > 400) throw new DOMException('full', 'QuotaExceededError');
          return real.call(this, k, v);
        }};"""
    )
    page = context.new_page()
    open_demo(page, base_url)
    box = page.get_by_label("Think of one letter or leaflet your service sends out.")
    long_text = "A long reflection that no longer fits in storage. " * 12
    box.fill(long_text)
    warning = page.locator(".coprod-store-warning")  # one warning for the page
    assert warning.is_visible() and "storage for the course is full" in warning.inner_text()
    assert box.input_value() == long_text


def test_older_storage_format_is_migrated(context, base_url):
    legacy = json.dumps({"reflections": {"demo-reflection": "Written in the first prototype"}})
    context.add_init_script(
        f"if (!localStorage.getItem('{KEY}')) localStorage.setItem('coprod-course', {json.dumps(legacy)});"
    )
    page = context.new_page()
    open_demo(page, base_url)
    box = page.get_by_label("Think of one letter or leaflet your service sends out.")
    assert box.input_value() == "Written in the first prototype"
    assert stored(page)["elements"]["demo-reflection"]["state"]["text"] == "Written in the first prototype"
    assert page.evaluate("localStorage.getItem('coprod-course')") is None


def test_demo_page_has_no_accessibility_violations(page, base_url):
    open_demo(page, base_url)
    violations = run_axe(page)
    assert violations == [], violations
    # and in the states a learner reaches
    root = scenario(page, "demo-clinic-letter")
    root.get_by_role("button", name="Play as The clinic manager").click()
    root.locator('.coprod-choice[data-choice="1"]').click()
    assert run_axe(page, "#coprod-demo-clinic-letter") == []
    root.get_by_role("button", name="See how it ends").click()
    q = page.locator("#coprod-demo-check-q-planning")
    q.get_by_label("Co-delivery").check()
    q.get_by_role("button", name="Check answer").click()
    assert run_axe(page, "#coprod-demo-clinic-letter") == []
    assert run_axe(page, "#coprod-demo-check") == []


def test_without_javascript_the_fallback_reads_as_a_document(browser, base_url):
    ctx = browser.new_context(java_script_enabled=False)
    page = ctx.new_page()
    page.goto(base_url + DEMO_PAGE)
    text = page.locator("#coprod-demo-clinic-letter").inner_text()
    assert "Decision 1: Clinic manager" in text and "Ending A" in text and "Coaching:" in text
    check = page.locator("#coprod-demo-check").inner_text()
    assert check.index("Answers and feedback") > check.index("Sort each activity")
    ctx.close()


def test_print_shows_the_fallback_not_the_player(page, base_url):
    open_demo(page, base_url)
    page.emulate_media(media="print")
    expect(page.locator("#coprod-demo-clinic-letter .coprod-fallback")).to_be_visible()
    expect(page.locator("#coprod-demo-clinic-letter .coprod-live")).to_be_hidden()


def test_projector_view_runs_a_scenario_by_keyboard_alone(page, base_url):
    open_demo(page, base_url)
    opener = scenario(page, "demo-clinic-letter").get_by_role("button", name="Projector view for a group")
    opener.focus()
    page.keyboard.press("Enter")
    dialog = page.get_by_role("dialog")
    expect(dialog).to_be_visible()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Close projector view"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Play as The clinic manager"
    page.keyboard.press("Enter")
    expect(dialog).to_contain_text("How do you go about rewriting it?", use_inner_text=True)
    expect(dialog).to_contain_text("Ask three patients to rewrite it with you", use_inner_text=True)
    expect(dialog).to_contain_text(
        "Rewrite it yourself and send it out", use_inner_text=True
    )  # all choices visible
    for key in ("1", "1", "2"):
        page.keyboard.press(key)
    counts = dialog.locator(".coprod-proj-count").all_inner_texts()
    assert counts == ["2", "1"]
    page.keyboard.press("d")
    expect(dialog).to_contain_text("Who should be in the room", use_inner_text=True)
    page.keyboard.press("f")  # follow the leading choice
    expect(dialog).not_to_contain_text("Two patients come", use_inner_text=True)  # not revealed yet
    page.keyboard.press("r")
    assert "Two patients come" in dialog.inner_text() and "Coaching" in dialog.inner_text()
    page.keyboard.press("n")
    expect(dialog).to_contain_text("policy says that paragraph must be there", use_inner_text=True)
    page.keyboard.press("2")
    page.keyboard.press("f")
    page.keyboard.press("r")
    assert run_axe(page, ".coprod-projector") == []
    page.keyboard.press("ArrowRight")
    expect(dialog).to_contain_text("Ending: Asked, then ignored", use_inner_text=True)
    page.keyboard.press("ArrowLeft")
    expect(dialog).to_contain_text("policy says that paragraph must be there", use_inner_text=True)
    page.keyboard.press("Escape")
    assert page.get_by_role("dialog").count() == 0
    assert page.evaluate("document.activeElement.textContent") == "Projector view for a group"
    assert "demo-clinic-letter" not in (page.evaluate(f"localStorage.getItem('{KEY}')") or "")


def test_a_second_tab_sees_work_done_in_the_first(context, base_url):
    first, second = context.new_page(), context.new_page()
    for tab in (first, second):
        open_demo(tab, base_url)
    second.get_by_label("Think of one letter or leaflet your service sends out.").fill(
        "Written in the other tab"
    )
    first.wait_for_function(
        "document.querySelector('#coprod-demo-reflection-text').value === 'Written in the other tab'"
    )
    # and the first tab's next change keeps the second tab's work
    first.locator("#coprod-demo-check-q-planning").get_by_label("Co-planning").check()
    assert stored(first)["elements"]["demo-reflection"]["state"]["text"] == "Written in the other tab"


def test_unreadable_saved_data_is_kept_aside_not_overwritten(context, base_url):
    context.add_init_script(
        f"if (!sessionStorage.getItem('seeded')) {{ sessionStorage.setItem('seeded', '1'); localStorage.setItem('{KEY}', '{{not json'); }}"
    )
    page = context.new_page()
    open_demo(page, base_url)
    page.get_by_label("Think of one letter or leaflet your service sends out.").fill("New work")
    aside = json.loads(page.evaluate(f"localStorage.getItem('{KEY}:unreadable')"))
    assert [entry["value"] for entry in aside] == ["{not json"]  # kept aside, with the date it was set aside
    assert stored(page)["elements"]["demo-reflection"]["state"]["text"] == "New work"
