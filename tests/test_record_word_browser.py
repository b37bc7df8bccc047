"""The Word download of every export, from the built exports page in Chromium.

The .docx is opened as Word opens it (zipfile, word/document.xml): the same fields, headings, learner's
words, hours and one statement about identifying details as the Markdown, no "(left blank)", no scores.
The docx library is fetched from the course's own site, and only when the learner asks for a Word file.
"""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from browser_helpers import docx_paragraphs, docx_sections
from conftest import ROOT, run_axe
from coprod.record import export_document, export_markdown, record_manifest

pytestmark = pytest.mark.browser

KEY = "coprod-course:v1"
FIXTURE = json.loads((ROOT / "tests" / "fixtures" / "record.json").read_text(encoding="utf-8"))
MANIFEST = record_manifest(ROOT)
SCORE = re.compile(r"[+-]\d\b|My choices|touched|User voice")
TRICKY = 'I wrote "it matters" & <kept> it:\nline two of the same paragraph.\n\nA second paragraph, Siobhán’s idea.'


@pytest.fixture(autouse=True)
def settled_favicon(request):
    if "page" in request.fixturenames:
        request.getfixturevalue("page").route(
            "**/favicon.svg", lambda route: route.fulfill(status=204, body="")
        )


def seeded(page, base_url, data: dict) -> None:
    page.goto(f"{base_url}/book/record/exports.html")
    page.wait_for_load_state("networkidle")
    page.evaluate("([k, v]) => localStorage.setItem(k, v)", [KEY, json.dumps(data)])
    page.goto(f"{base_url}/book/record/exports.html")
    page.wait_for_selector(".coprod-rec-js .coprod-rec-body")
    page.wait_for_load_state("networkidle")


def download(page, button: str) -> tuple[str, bytes]:
    with page.expect_download() as info:
        page.get_by_role("button", name=button).click()
    return info.value.suggested_filename, Path(info.value.path()).read_bytes()


def as_paragraphs(text: str) -> str:
    """A field's text as the Word file holds it: paragraphs at blank lines, trailing spaces trimmed."""
    paras = re.split(r"\n[ \t]*\n+", text.strip())
    return "\n\n".join("\n".join(line.rstrip() for line in p.split("\n")) for p in paras if p.strip())


def stored(page) -> dict:
    return json.loads(page.evaluate(f"localStorage.getItem('{KEY}')"))


def test_every_template_downloads_as_a_word_file_with_the_same_fields_as_the_markdown(page, base_url):
    data = copy.deepcopy(FIXTURE["data"])
    rid = next(r for r in data["elements"] if "text" in data["elements"][r].get("state", {}))
    data["elements"][rid]["state"]["text"] = TRICKY
    fetched: list[str] = []
    page.on("request", lambda r: fetched.append(r.url))
    seeded(page, base_url, data)
    assert not any(u.endswith("/vendor/docx.mjs") for u in fetched), "the library loads only when asked for"

    carried = 0
    for t in MANIFEST["templates"]:
        # a fresh load per template: Chromium stops a page's downloads after ten
        page.goto(f"{base_url}/book/record/exports.html")
        page.wait_for_selector(".coprod-rec-js .coprod-rec-body")
        page.get_by_label(t["name"], exact=True).check()
        md_name, md_bytes = download(page, "Download as Markdown")
        name, blob = download(page, "Download as Word (.docx)")
        assert name == md_name[: -len(".md")] + ".docx"
        assert page.locator(".coprod-rec-status").inner_text().startswith(f"Downloaded {name}.")
        today = re.search(r"(\d{4}-\d{2}-\d{2})", name).group(1)
        record = stored(page)
        assert md_bytes.decode("utf-8") == export_markdown(MANIFEST, record, t["id"], today=today)
        expected = export_document(MANIFEST, record, t["id"], today=today)

        paras = docx_paragraphs(blob)
        texts = [text for _style, text in paras]
        assert paras[0] == ("Title", t["name"])
        assert expected["note"] in texts and f"Course: {MANIFEST['course']['title']}" in texts
        assert f"Prepared: {expected['meta'][2][1]}" in texts
        sections = docx_sections(paras)
        # the same fields, in the same order, with the same text as the Markdown is written from
        assert list(sections) == [s["heading"] for s in expected["sections"]], t["id"]
        for s in expected["sections"]:
            got = sections[s["heading"]]
            if s is expected["sections"][-1]:
                got = got.rsplit("\n\n", len(expected["closing"]))[0]  # the closing follows the last field
            assert got == as_paragraphs(s["body"]), (t["id"], s["heading"])
        assert texts[-len(expected["closing"]) :] == expected["closing"]
        whole = "\n".join(texts)
        assert "left blank" not in whole.lower() and not SCORE.search(whole)
        assert whole.count("automatic check") == 1
        carried += any(TRICKY in body for body in sections.values())
    assert carried, "the learner's text with quotes, & and < >, a line break and two paragraphs, intact"
    assert all(u.startswith(base_url) for u in fetched if u.endswith("/vendor/docx.mjs"))  # from this site


def test_nmc_code_parts_ticked_are_named_in_the_markdown_and_the_word_file(page, base_url):
    seeded(page, base_url, copy.deepcopy(FIXTURE["data"]))
    page.get_by_label("NMC reflective account", exact=True).check()
    parts = page.get_by_role("group", name="Parts of the Code this account relates to")
    for box in parts.get_by_role("checkbox").all():  # start from none ticked (the fixture's draft ticks one)
        box.uncheck()
    for label in ("Prioritise people", "Section 16: raising concerns"):
        box = parts.get_by_label(label, exact=True)
        # the question under each part is read out with it
        question = page.locator(f"#{box.get_attribute('aria-describedby')}").inner_text()
        assert question.endswith((".", "?")) and len(question.split()) > 10
        box.check()
    code = "Under Prioritise people I now ask what matters first; under section 16 I know whom I would tell."
    page.locator("#coprod-rec-exports-f-code").fill(code)
    _md_name, md_bytes = download(page, "Download as Markdown")
    _name, blob = download(page, "Download as Word (.docx)")
    md = md_bytes.decode("utf-8")
    ticked = "Prioritise people; Section 16: raising concerns"
    assert re.search(r"^## Parts of the Code this account relates to\n\n(.*)$", md, re.M).group(1) == ticked
    sections = docx_sections(docx_paragraphs(blob))
    assert sections["Parts of the Code this account relates to"] == ticked
    assert code in sections["How this is relevant to the Code"]
    assert list(sections).index("Parts of the Code this account relates to") < list(sections).index(
        "How this is relevant to the Code"
    )
    # the page says where each part was checked, and when
    table = page.locator(".coprod-nmc-code").inner_text()
    assert "Section 16: raising concerns" in table and "checked 5 December 2026" in table
    assert run_axe(page, ".coprod-record[data-view=exports]") == []
    assert run_axe(page, ".coprod-nmc-code") == []


def test_at_phone_width_the_word_button_is_in_reach_and_works(browser, base_url):
    context = browser.new_context(viewport={"width": 375, "height": 740}, is_mobile=True, has_touch=True)
    try:
        page = context.new_page()
        seeded(page, base_url, copy.deepcopy(FIXTURE["data"]))
        page.get_by_label("Reflective account (Gibbs cycle)", exact=True).check()
        button = page.get_by_role("button", name="Download as Word (.docx)")
        button.scroll_into_view_if_needed()
        box = button.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 375 and box["height"] >= 24
        name, blob = download(page, "Download as Word (.docx)")
        assert name.startswith("gibbs-") and docx_paragraphs(blob)[0] == (
            "Title",
            "Reflective account (Gibbs cycle)",
        )
    finally:
        context.close()


def test_when_the_word_library_cannot_load_the_page_says_what_to_use_instead(context, base_url):
    page = context.new_page()  # no request watch: the failed load is the point of this test
    page.route("**/vendor/docx.mjs", lambda route: route.fulfill(status=404, body="gone"))
    seeded(page, base_url, copy.deepcopy(FIXTURE["data"]))
    page.get_by_role("button", name="Download as Word (.docx)").click()
    status = page.locator(".coprod-rec-status")
    status.filter(has_text="Could not make the Word file").wait_for()
    expect(status).to_contain_text(
        "Download as Markdown, or print or save as PDF, instead", use_inner_text=True
    )
    _name, md = download(page, "Download as Markdown")  # the other ways still work
    assert md.startswith(b"# ")
