"""Two learners' journeys through the built course in Chromium, ending with the file they would hand over.

The nurse plays two surgery paths (both sides), writes reflections and exports the NMC reflective account;
the paramedic plays the emergency scenario, logs a group session and exports for the Paramedicine Board of
Australia. The downloaded files must carry the learner's words in the right fields, no scores, no
"(left blank)", the right hours and one consistent statement about identifying details.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from browser_helpers import docx_paragraphs, docx_sections, play_path
from conftest import ROOT, run_axe
from coprod import enumerate_paths, load_course
from coprod.record import fmt_hours, md_escape, record_manifest

pytestmark = pytest.mark.browser

COURSE = load_course([ROOT / "book"])
MANIFEST = record_manifest(ROOT)
MINUTES = {p["id"]: p["minutes"] for p in MANIFEST["parts"]}
SCORE = re.compile(r"[+-]\d\b|My choices|touched|User voice")


@pytest.fixture(autouse=True)
def settled_favicon(request):
    if "page" in request.fixturenames:
        request.getfixturevalue("page").route(
            "**/favicon.svg", lambda route: route.fulfill(status=204, body="")
        )


def shortest(scenario: str, side: str):
    sc = COURSE.get(scenario).element
    return sc, sorted(enumerate_paths(sc, side), key=lambda p: p.decisions)[0]


def section(md: str, label: str) -> str:
    """The text under one '## label' heading of the Markdown export."""
    m = re.search(rf"^## {re.escape(md_escape(label))}\n\n(.*?)(?=^## |^---$)", md, re.S | re.M)
    assert m, f"no field '{label}' in the file"
    return m.group(1)


def export_file(page, template_name: str) -> tuple[str, str]:
    page.get_by_label(template_name, exact=True).check()
    with page.expect_download() as info:
        page.get_by_role("button", name="Download as Markdown").click()
    return info.value.suggested_filename, Path(info.value.path()).read_text(encoding="utf-8")


def word_file(page) -> dict[str, str]:
    """The current export downloaded as a Word file: the text under each of its headings."""
    with page.expect_download() as info:
        page.get_by_role("button", name="Download as Word (.docx)").click()
    assert info.value.suggested_filename.endswith(".docx")
    sections = docx_sections(docx_paragraphs(Path(info.value.path())))
    whole = "\n".join(sections.values())
    assert not SCORE.search(whole) and "left blank" not in whole and whole.count("automatic check") == 1
    return sections


def test_nurse_two_surgery_paths_reflections_and_nmc_reflective_account(page, base_url):
    feelings = "I was uneasy that the consent talk happened in a rush, with the patient's questions left for the ward."
    analysis = "The line falls where the patient's priorities change the plan: the timing of surgery was his to weigh."
    plan = "From January I will book ten minutes with each patient before pre-assessment to ask what matters to them."
    for side in ("surgeon", "patient"):
        page.goto(base_url + "/book/scenarios/surgery.html")
        sc, path = shortest("surgery", side)
        if side == "patient":
            page.locator("#coprod-surgery .coprod-live").get_by_role("button", name="Restart").click()
        play_path(page, sc, path)
    page.locator("#coprod-surgery-leave-it-to-you-text").fill(feelings)
    page.locator("#coprod-surgery-where-the-line-falls-text").fill(analysis)
    page.locator("#coprod-surgery-one-change-text").fill(plan)
    page.goto(
        base_url + "/book/modules/m1-promise.html"
    )  # read a module, then mark it read on the progress page

    page.goto(base_url + "/book/record/index.html")
    page.get_by_label("I have read this module").first.check()
    hours = page.locator(".coprod-rec-how").inner_text()
    # each side at the time its page gives: the surgeon's and the patient's
    side_minutes = MANIFEST["scenarios"]["surgery"]["minutes"]
    expected = MINUTES["m1-promise"] + side_minutes["surgeon"] + side_minutes["patient"]
    assert f"The course's estimate, {fmt_hours(expected)}" in hours
    assert "every side you played to an ending" in hours

    page.goto(base_url + "/book/record/exports.html")
    page.get_by_label("NMC reflective account", exact=True).check()
    page.get_by_label("Prioritise people", exact=True).check()
    code = "Prioritise people: I will ask each patient what matters to them before the plan is set."
    page.locator("#coprod-rec-exports-f-code").fill(code)
    page.get_by_label(re.compile("^I have read it through")).check()
    page.locator(".coprod-rec-empty-fields", has_text="Every field has text").wait_for()
    name, md = export_file(page, "NMC reflective account")
    assert name.startswith("nmc-reflective-account-")

    nature = section(md, "What the CPD activity, feedback or experience was")
    # the sides by role in the course's fictional case: a confirmer reads no character as a real patient
    assert "fictional case scenario" in nature and "as the consultant surgeon, and as the patient" in nature
    assert "Okafor" not in nature and "Birch" not in nature
    assert md_escape(feelings) in section(md, "What you learnt from it")
    assert md_escape(analysis) in section(md, "What you learnt from it")
    assert md_escape(plan) in section(md, "How you changed or improved your practice as a result")
    assert md_escape(code) in section(md, "How this is relevant to the Code")
    assert "Prioritise people" in section(md, "Parts of the Code this account relates to")
    word = word_file(page)  # the same account as a Word file
    assert code in word["How this is relevant to the Code"]
    assert plan in word["How you changed or improved your practice as a result"]
    assert feelings in word["What you learnt from it"] and analysis in word["What you learnt from it"]
    assert word["Parts of the Code this account relates to"].startswith("Prioritise people")
    assert not SCORE.search(md) and "left blank" not in md
    assert md.count("automatic check") == 1
    # the drafted sentence names no character, so nothing is flagged; her confirmation reads as such
    assert "flagged nothing that looks identifying. I read the account through and confirm" in md
    assert run_axe(page, ".coprod-record[data-view=exports]") == []


def test_paramedic_emergency_group_session_and_paramedicine_board_record(page, base_url):
    feelings = "I felt torn between getting the patient to hospital and hearing what he wanted at home."
    plan = "At the next station debrief I will ask crews how they record what a patient said he wanted."
    page.goto(base_url + "/book/scenarios/emergency.html")
    sc, path = shortest("emergency", "paramedic")
    play_path(page, sc, path)
    page.locator("#coprod-emergency-feelings-text").fill(feelings)
    page.locator("#coprod-emergency-action-plan-text").fill(plan)

    page.goto(base_url + "/book/record/index.html")
    form = page.get_by_role("form", name="Log time you spent")
    form.get_by_label("What you did").fill("Station workshop on the emergency scenario with two crews")
    form.get_by_label("Time spent, in minutes").fill("120")
    form.get_by_label(re.compile("With other professionals")).check()
    form.get_by_label("Part of the course it covers (optional)").select_option("emergency")
    form.get_by_role("button", name="Add to my log").click()

    page.goto(base_url + "/book/record/exports.html")
    assert (
        "a paramedic in Australia uses the Paramedicine Board of Australia record"
        in page.locator("article").inner_text()
    )
    page.get_by_label("Paramedicine Board of Australia CPD record", exact=True).check()
    empty = page.locator(".coprod-rec-empty-fields").inner_text()
    assert "empty and will not be in the file" in empty and "Why I chose it" in empty
    page.locator("#coprod-rec-exports-f-need").fill(
        "Older patients at home often refuse transport and I want to handle that better."
    )
    _name, md = export_file(page, "Paramedicine Board of Australia CPD record")

    assert "Paramedicine Board of Australia" in md and "at least 8 of them" in md
    hours = section(md, "CPD hours").strip()
    assert hours.startswith(md_escape(fmt_hours(120)) + "\n")  # the session replaces the estimate
    assert (
        "How the hours were reached:" in hours and "In all, 120 minutes, of which 120 with others." in hours
    )
    assert section(md, "Of which interactive hours (with other practitioners)").strip() == md_escape(
        fmt_hours(120)
    )
    assert md_escape(feelings) in section(
        md, "What I learnt and how it improves patient outcomes and experiences"
    )
    assert md_escape(plan) in section(
        md, "What I learnt and how it improves patient outcomes and experiences"
    )
    # the group session an auditor asks about is named in the activity, with its date and time
    assert "With other practitioners: Station workshop on the emergency scenario with two crews (" in section(
        md, "Activity"
    )
    assert "2 hours)." in section(md, "Activity")
    assert not SCORE.search(md) and "left blank" not in md
    assert md.count("automatic check") == 1 and "Not yet reviewed by the author" in md
    assert "Ahpra / NMBA" not in md
    word = word_file(page)
    assert word["CPD hours"].startswith(fmt_hours(120))
    assert word["Of which interactive hours (with other practitioners)"].startswith(fmt_hours(120))
    assert plan in word["What I learnt and how it improves patient outcomes and experiences"]
