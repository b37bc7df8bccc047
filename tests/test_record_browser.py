"""The CPD record pages on the built site, used as a learner would, in Chromium with every other host blocked."""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path

import pytest
from markdown_it import MarkdownIt
from playwright.sync_api import expect
from ruamel.yaml import YAML

from browser_helpers import play_path
from conftest import ROOT, run_axe
from coprod import enumerate_paths, load_course
from coprod._deid import find_identifying
from coprod.record import (
    TEMPLATE_IDS,
    export,
    fmt_hours,
    md_escape,
    progress,
    record_from_dict,
    record_manifest,
    view_manifest,
)

pytestmark = pytest.mark.browser

KEY = "coprod-course:v1"
COURSE = load_course([ROOT / "book"])
FIXTURE = json.loads((ROOT / "tests" / "fixtures" / "record.json").read_text(encoding="utf-8"))
CORPUS = YAML(typ="safe").load((ROOT / "tests" / "deid_corpus.yml").read_text(encoding="utf-8"))
RECORD_PAGES = ["index", "journal", "exports", "statement", "backup"]
NASTY = '<img src=x onerror=alert(1)> <script>alert(2)</script> "quoted" & done'


@pytest.fixture(scope="module")
def manifest() -> dict:
    return record_manifest(ROOT)


@pytest.fixture(autouse=True)
def settled_favicon(request):
    """These tests move between pages quickly; a favicon load cut short by the next page is not a fault."""
    if "page" in request.fixturenames:
        page = request.getfixturevalue("page")
        page.route("**/favicon.svg", lambda route: route.fulfill(status=204, body=""))


def open_record(page, base_url, name: str):
    page.goto(f"{base_url}/book/record/{name}.html")
    page.wait_for_selector(".coprod-rec-js .coprod-rec-body")
    page.wait_for_load_state("networkidle")


def seed(page, base_url, data: dict, name: str = "index") -> None:
    """Put a record into the browser's storage, then open a record page."""
    page.goto(f"{base_url}/book/record/{name}.html")
    page.wait_for_load_state("networkidle")
    page.evaluate("([k, v]) => localStorage.setItem(k, v)", [KEY, json.dumps(data)])
    open_record(page, base_url, name)


def stored(page) -> dict:
    return json.loads(page.evaluate(f"localStorage.getItem('{KEY}')") or "null")


def fixture_data() -> dict:
    return copy.deepcopy(FIXTURE["data"])


def downloaded_text(page, click) -> tuple[str, str]:
    with page.expect_download() as info:
        click()
    download = info.value
    return download.suggested_filename, Path(download.path()).read_text(encoding="utf-8")


def module_of(element_id: str) -> str:
    return COURSE.get(element_id).element.module


def page_of(part: str) -> str:
    folder = (
        "scenarios"
        if COURSE.elements.get(part) and COURSE.get(part).element.kind == "scenario"
        else "modules"
    )
    return f"/book/{folder}/{part}.html"


def tab_to(page, predicate: str, limit: int = 250) -> None:
    """Press Tab until the focused element satisfies the JS predicate (given `el`)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"(() => {{ const el = document.activeElement; return !!el && ({predicate}); }})()"):
            return
    raise AssertionError(f"could not reach an element with Tab: {predicate}")


# ---------------------------------------------------------------- the built pages


def test_built_record_pages_carry_the_current_manifest(site, manifest):
    """A stale manifest means the record pages were not re-run after a content or engine change."""
    for name in RECORD_PAGES:
        html = (site / "book" / "record" / f"{name}.html").read_text(encoding="utf-8")
        found = re.findall(
            r'data-view="([a-z]+)"[^>]*><script type="application/json" class="coprod-rec-data">(.*?)</script>',
            html,
            re.S,
        )
        assert found, name
        for view, text in found:
            assert json.loads(text) == view_manifest(view, manifest), (
                f"book/record/{name}: the built manifest is out of date; rebuild the page"
            )


# ---------------------------------------------------------------- the main flow, through the real pages

WRITTEN = {
    "m1-reflect-drivers": "At a ward meeting we were asked to co-produce the discharge leaflet, but only staff would finish it.",
    "m2-reflect-next-document": "I will ask at the nursing forum what evidence the next strategy rests on.",
    "m5-reflect-learning": "Partnership asks me to say plainly what is fixed and why, and to let go of the rest.",
    "surgery-one-change": "I will redesign the pre-operative session with patients; the clinical content stays with us.",
}


def test_work_done_on_course_pages_shows_in_progress_journal_and_every_export(page, base_url, manifest):
    for rid, text in WRITTEN.items():
        page.goto(base_url + page_of(module_of(rid)))
        page.locator(f"#coprod-{rid}-text").fill(text)
    # a self-check attempted in module 1
    check = COURSE.get("m1-check").element
    single = next(q for q in check.questions if q.type == "single")
    page.goto(base_url + page_of("m1-promise"))
    box = page.locator(f"#coprod-m1-check-{single.id}")
    box.get_by_label(next(o for o in single.options if o.correct).text, exact=True).check()
    box.get_by_role("button", name="Check answer").click()
    # a scenario played to an ending
    surgery = COURSE.get("surgery").element
    path = sorted(enumerate_paths(surgery, surgery.perspectives[0].id), key=lambda p: p.decisions)[0]
    page.goto(base_url + page_of("surgery"))
    play_path(page, surgery, path)
    data = stored(page)

    # the journal: every reflection in its group, with its prompt, and the scenario's debrief
    open_record(page, base_url, "journal")
    for rid, text in WRITTEN.items():
        assert page.locator(f"#coprod-rec-journal-{rid}-text").input_value() == text
        r = manifest["reflections"][rid]
        assert page.get_by_label(r["prompt"]).input_value() == text
        part = next(p for p in manifest["parts"] if p["id"] == r["part"])
        section = page.locator(f"section[aria-labelledby='coprod-rec-journal-part-{part['id']}']")
        expect(section.get_by_role("heading", name=part["label"])).to_be_visible()
    debrief = page.locator(
        "section[aria-labelledby='coprod-rec-journal-part-surgery'] .coprod-rec-debrief"
    ).inner_text()
    for step in path.steps:
        assert surgery.nodes[step.node].choices[step.choice].label in debrief
    assert surgery.endings[path.ending].title in debrief
    # the journal is evidence a learner may print: no dimension sums in it
    for d in surgery.dimensions:
        assert d.label not in debrief

    # progress: done parts and the hours the course estimates for them
    open_record(page, base_url, "index")
    prog = progress(data, manifest)
    rows = {p["id"]: p for p in prog["parts"]}
    assert rows["m1-promise"]["status"] == rows["surgery"]["status"] == "done"
    table = page.locator("table.coprod-rec-parts")
    expect(table.get_by_role("row", name=re.compile("Module 1"))).to_contain_text("Done", use_inner_text=True)
    expect(table.get_by_role("row", name=re.compile("Module 3"))).to_contain_text(
        "Not started", use_inner_text=True
    )
    hours = page.locator("table.coprod-rec-hours").inner_text()
    minutes = {p["id"]: p["minutes"] for p in manifest["parts"]}
    assert prog["minutes"]["total"] == minutes["m1-promise"] + minutes["surgery"]
    assert fmt_hours(prog["minutes"]["total"]) in hours

    # every export carries the reflections (as its template maps them) and the debrief
    open_record(page, base_url, "exports")
    for t in manifest["templates"]:
        page.get_by_label(t["name"], exact=True).check()
        name, md = downloaded_text(page, page.get_by_role("button", name="Download as Markdown").click)
        assert name.startswith(t["id"]) and name.endswith(".md")
        assert md.startswith(f"# {md_escape(t['name'])}\n") and "current version" in md
        assert md_escape(surgery.endings[path.ending].title) in md
        sources = [src for f in t["fields"] for src in f["source"].split("|")]
        stages = {s for src in sources if src.startswith("stages:") for s in src[7:].split(",")}
        for rid, text in WRITTEN.items():
            if manifest["reflections"][rid]["stage"] in stages:
                assert md_escape(text) in md, (t["id"], rid)
        # the same text as the notebook function writes from the same record
        assert md == export(
            record_from_dict(stored(page)),
            t["id"],
            today=re.search(r"(\d{4}-\d{2}-\d{2})", name).group(1),
            root=ROOT,
        )


def test_editing_in_the_journal_shows_on_the_module_page(page, base_url):
    seed(page, base_url, fixture_data(), "journal")
    area = page.locator("#coprod-rec-journal-m1-reflect-drivers-text")
    area.fill("Rewritten in the journal.")
    page.wait_for_function(
        f"JSON.parse(localStorage.getItem('{KEY}')).elements['m1-reflect-drivers'].state.text === 'Rewritten in the journal.'"
    )
    assert (
        "Saved on this device" in page.locator("#coprod-rec-journal-m1-reflect-drivers-status").inner_text()
    )
    page.goto(base_url + page_of("m1-promise"))
    assert page.locator("#coprod-m1-reflect-drivers-text").input_value() == "Rewritten in the journal."
    # the rest of the element's state is kept
    assert stored(page)["elements"]["m1-reflect-kinds"]["state"]["revealed"] is True


def test_the_journal_flags_what_may_identify_someone_before_it_is_printed(page, base_url):
    seed(page, base_url, fixture_data(), "journal")
    area = page.locator("#coprod-rec-journal-m1-reflect-drivers-text")
    note = page.locator("#coprod-rec-journal-m1-reflect-drivers-privacy")
    expect(note).to_be_hidden()
    area.fill("Mr Malik in bay 2 said the plan was made without him.")
    expect(note).to_be_visible()
    expect(note).to_contain_text("“Mr Malik”")
    # before printing, the page names the reflections that may identify someone
    warn = page.locator(".coprod-record .coprod-rec-privacy.coprod-rec-noprint")
    expect(warn).to_be_visible()
    expect(warn).to_contain_text("may identify someone")
    # a course character's name alone says so
    area.fill("In the scenario Gloria Campbell wanted to go out for the paper.")
    expect(note).to_contain_text("(a course character)")


def test_an_exercises_summary_shows_in_the_journal_and_progress_as_text(page, base_url, manifest):
    data = fixture_data()
    summary = (
        "# Where my service sits: Memory clinic <img src=x onerror=alert(1)>\n\n- Who plans it: Mr Malik in bay 2"
        "\n\n**Service:** our team's \\*own\\* words\n\n- [x] 1. What kind of service is this?\n- [ ] 2. Who counts?"
        "\n\n## Review\n\n- *Not written yet.*"
    )
    data["elements"]["ex1"] = {
        "kind": "exercise",
        "state": {"title": "Exercise 1: Where does your service sit?", "text": summary},
        "updated": "2026-12-06T07:55:00.000Z",
    }
    seed(page, base_url, data, "journal")
    entry = page.locator("[data-exercise=ex1]")
    expect(entry.get_by_role("heading", name="Exercise 1: Where does your service sit?")).to_be_visible()
    # the learner's text as written, lines kept, nothing in it run or turned into markup
    expect(entry.locator(".coprod-rec-exercise")).to_contain_text("Who plans it: Mr Malik in bay 2")
    assert entry.locator("img").count() == 0
    assert "<img src=x" in entry.locator(".coprod-rec-exercise").inner_text()
    # its Markdown shown as a heading and a list, below the exercise's own heading
    inner = entry.locator(".coprod-rec-exercise").get_by_role("heading").first
    expect(inner).to_contain_text("Where my service sits: Memory clinic")
    title_level = int(entry.locator(".coprod-rec-entry-title").evaluate("h => h.tagName.slice(1)"))
    assert int(inner.evaluate("h => h.tagName.slice(1)")) == title_level + 1
    expect(entry.locator(".coprod-rec-exercise li")).to_have_count(4)
    # the exercises' labels in bold, a learner's own asterisks as typed, ticks in words
    expect(entry.locator(".coprod-rec-exercise strong")).to_have_text("Service:")
    expect(entry.locator(".coprod-rec-exercise")).to_contain_text("our team's *own* words")
    expect(entry.locator(".coprod-rec-exercise li").nth(1)).to_have_text(
        "Ticked: 1. What kind of service is this?"
    )
    expect(entry.locator(".coprod-rec-exercise li").nth(2)).to_have_text("Not ticked: 2. Who counts?")
    # the exercise's own italics (an empty section's "Not written yet.") without their asterisks
    expect(entry.locator(".coprod-rec-exercise li em")).to_have_text("Not written yet.")
    # the same check as a reflection's, and the warning before printing names the exercise
    expect(entry.locator(".coprod-rec-privacy")).to_contain_text("“Mr Malik”")
    warn = page.locator(".coprod-record .coprod-rec-privacy.coprod-rec-noprint")
    expect(warn).to_contain_text("1 exercise summary")
    expect(warn).to_contain_text("Exercise 1: Where does your service sit?")
    # printed with the journal
    assert "Who plans it: Mr Malik" in page.locator(".coprod-rec-print").inner_text()
    open_record(page, base_url, "index")
    rows = page.locator(".coprod-rec-exercises tbody tr")
    expect(rows).to_have_count(len(manifest["exercises"]))
    expect(rows.first).to_contain_text("In your journal, saved 6 December 2026")
    expect(rows.nth(1)).to_contain_text("Not yet")
    expect(rows.nth(2)).to_contain_text("it reads your record")
    expect(page.locator(".coprod-rec-exercises")).to_contain_text("exercise 1 about 15 minutes")
    assert run_axe(page) == []


def test_journal_link_opens_the_prompt_on_its_page(page, base_url):
    seed(page, base_url, fixture_data(), "journal")
    page.locator("article[data-reflection='m1-reflect-kinds']").get_by_role("link").click()
    page.wait_for_selector("#coprod-m1-reflect-kinds .coprod-live")
    assert page.url.endswith("/book/modules/m1-promise.html#coprod-m1-reflect-kinds")


def test_unanswered_prompts_can_be_shown_and_answered_in_the_journal(page, base_url, manifest):
    seed(page, base_url, fixture_data(), "journal")
    assert page.locator("#coprod-rec-journal-policing-analysis-text").count() == 0
    page.get_by_label(re.compile("Also show the prompts you have not answered yet")).check()
    area = page.locator("#coprod-rec-journal-policing-analysis-text")
    area.fill("Written first in the journal.")
    page.wait_for_function(
        f"JSON.parse(localStorage.getItem('{KEY}')).elements['policing-analysis']?.state.text === 'Written first in the journal.'"
    )
    assert stored(page)["elements"]["policing-analysis"]["kind"] == "reflection"


def test_another_tab_writing_a_reflection_updates_the_journal(context, base_url):
    journal = context.new_page()
    seed(journal, base_url, fixture_data(), "journal")
    other = context.new_page()
    other.goto(base_url + page_of("m2-rhetoric"))
    other.locator("#coprod-m2-reflect-encounter-text").fill("Written in another tab.")
    journal.wait_for_function(
        "document.querySelector('#coprod-rec-journal-m2-reflect-encounter-text').value === 'Written in another tab.'"
    )


# ---------------------------------------------------------------- progress and the log


def test_logging_time_counts_solo_and_participatory_and_replaces_an_estimate(page, base_url, manifest):
    seed(page, base_url, {"version": 1, "elements": {}, "meta": {}}, "index")
    form = page.get_by_role("form", name="Log time you spent")
    form.get_by_role("button", name="Add to my log").click()
    assert page.locator("#coprod-rec-log-what").evaluate("el => el === document.activeElement")
    expect(form).to_contain_text("Say briefly what you did.", use_inner_text=True)
    expect(form).to_contain_text("Enter a whole number of minutes", use_inner_text=True)
    assert page.locator("#coprod-rec-log-what").get_attribute("aria-invalid") == "true"
    assert stored(page)["meta"] == {}

    form.get_by_label("What you did").fill("Ward team workshop on the surgery scenario")
    form.get_by_label("Time spent, in minutes").fill("90")
    form.get_by_label(re.compile("With other professionals")).check()
    form.get_by_label("Part of the course it covers (optional)").select_option("surgery")
    form.get_by_role("button", name="Add to my log").click()
    form.get_by_label("What you did").fill("Further reading on the Mental Capacity Act")
    form.get_by_label("Time spent, in minutes").fill("45")
    form.get_by_label(re.compile("On my own")).check()
    form.get_by_role("button", name="Add to my log").click()

    log = stored(page)["meta"]["log"]
    assert [(e["minutes"], e["mode"], e.get("part")) for e in log] == [
        (90, "participatory", "surgery"),
        (45, "solo", None),
    ]
    hours = page.locator("table.coprod-rec-hours")  # redrawn on the same page, no reload
    expect(hours.get_by_role("row", name=re.compile("logged with others"))).to_contain_text(
        "1.5 hours", use_inner_text=True
    )
    expect(page.locator("table.coprod-rec-log")).to_contain_text("45", use_inner_text=True)

    # a finished scenario whose time was logged is not counted again
    data = stored(page)
    data["elements"]["surgery"] = copy.deepcopy(FIXTURE["data"]["elements"]["surgery"])
    seed(page, base_url, data, "index")
    parts = page.locator("table.coprod-rec-parts")
    assert (
        "replaced by the time you logged for it"
        in parts.get_by_role("row", name=re.compile("planned operation")).inner_text()
    )
    expect(page.get_by_role("row", name=re.compile("estimate for the parts"))).to_contain_text(
        "0 hours", use_inner_text=True
    )

    page.get_by_role("button", name=re.compile("Remove: .*Further reading")).click()
    assert [e["what"] for e in stored(page)["meta"]["log"]] == ["Ward team workshop on the surgery scenario"]
    assert page.evaluate("document.activeElement.tagName") == "BUTTON"


# ---------------------------------------------------------------- exports


def test_js_and_python_exports_agree_on_the_fixture(page, base_url):
    seed(page, base_url, fixture_data(), "exports")
    for template in TEMPLATE_IDS:
        js = page.evaluate(
            """async ([tid, key]) => {
                const src = document.querySelector('script[src*="coprod/record.js"]').src;
                const m = await import(src.replace(/record\\.js.*$/, 'record/model.js'));
                const manifest = JSON.parse(document.querySelector('script.coprod-rec-data').textContent);
                return m.exportMarkdown(manifest, JSON.parse(localStorage.getItem(key)), tid, {today: '2026-05-21'});
            }""",
            [template, KEY],
        )
        assert js == export(record_from_dict(FIXTURE), template, today="2026-05-21", root=ROOT), template


def test_fields_are_prefilled_editable_copyable_and_kept(context, base_url, manifest):
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=base_url)
    page = context.new_page()
    seed(page, base_url, fixture_data(), "exports")
    page.get_by_label("Reflective account (Gibbs cycle)", exact=True).check()
    feelings = page.get_by_label("Feelings", exact=True)
    assert FIXTURE["data"]["elements"]["m1-reflect-expertise"]["state"]["text"] in feelings.input_value()
    feelings.fill("I felt uneasy, and said so to my manager.")
    field = feelings.locator("xpath=..")
    expect(field).to_contain_text("edited by you", use_inner_text=True)
    field.get_by_role("button", name="Copy: Feelings").click()
    field.locator(".coprod-rec-copied", has_text="Copied").wait_for()
    assert page.evaluate("navigator.clipboard.readText()") == "I felt uneasy, and said so to my manager."
    page.wait_for_function(
        "document.querySelector('.coprod-record[data-view=exports]').innerText.includes('Copied: Feelings')"
    )

    # unticking a reflection refills only the fields not edited
    page.get_by_role("checkbox", name=re.compile("^Where have you met the word")).uncheck()
    assert (
        FIXTURE["data"]["elements"]["m1-reflect-drivers"]["state"]["text"]
        not in page.get_by_label("Description", exact=True).input_value()
    )
    assert feelings.input_value() == "I felt uneasy, and said so to my manager."
    page.reload()
    page.wait_for_selector(".coprod-rec-js .coprod-rec-body")
    assert page.get_by_label("Reflective account (Gibbs cycle)", exact=True).is_checked()
    assert (
        page.get_by_label("Feelings", exact=True).input_value() == "I felt uneasy, and said so to my manager."
    )
    page.get_by_role("button", name="Use the journal text again").click()
    assert (
        FIXTURE["data"]["elements"]["m1-reflect-expertise"]["state"]["text"]
        in page.get_by_label("Feelings", exact=True).input_value()
    )
    # and the journal itself was never changed
    assert (
        stored(page)["elements"]["m1-reflect-expertise"]
        == FIXTURE["data"]["elements"]["m1-reflect-expertise"]
    )


def test_identifying_details_are_highlighted_but_export_goes_ahead(page, base_url):
    data = fixture_data()
    data["elements"]["m1-reflect-drivers"]["state"]["text"] = (
        "I discussed it with Mrs Patel (DOB 14/02/1938) at 14 Mill Lane, LS6 2QT. Later, thinking over what "
        "the whole course asked of me as a ward nurse, I saw that Dr Ellis from the scenario is fine."
    )
    seed(page, base_url, data, "exports")
    page.get_by_label("Reflective account (Gibbs cycle)", exact=True).check()
    summary = page.locator(".coprod-rec-check-summary")
    assert summary.get_attribute("role") == "status"
    assert summary.inner_text().startswith("5 passages that may identify someone found")
    marks = page.locator(".coprod-rec-finding mark")
    # the drafted activity sentence names sides by role, never a character; the learner's own
    # mention of a course character is flagged like any name, and says it is a character
    expect(page.locator(".coprod-rec-finding").first).to_contain_text("Dr Ellis (a course character)")
    expect(page.locator(".coprod-rec-finding").first).to_contain_text("fine if you mean the scenario")
    assert marks.all_inner_texts() == [
        "Mrs Patel",
        "DOB 14/02/1938",
        "14 Mill Lane",
        "LS6 2QT",
        "Dr Ellis",
    ]
    # the marks hold text nodes only
    assert page.evaluate(
        "[...document.querySelectorAll('.coprod-rec-finding mark')].every(m => m.childNodes.length === 1 && m.firstChild.nodeType === 3)"
    )
    page.get_by_role("button", name="Go to the field: Description").click()
    assert page.evaluate("document.activeElement.id") == "coprod-rec-exports-f-description"
    _name, md = downloaded_text(page, page.get_by_role("button", name="Download as Markdown").click)
    assert "flagged 5 passages that might identify someone" in md
    expect(page.locator(".coprod-rec-exportbar")).to_contain_text(
        "Remember: 5 passages flagged", use_inner_text=True
    )


def test_first_person_hint_for_hcpc(page, base_url):
    seed(page, base_url, fixture_data(), "exports")
    page.get_by_label("HCPC CPD profile: statement (one activity)", exact=True).check()
    hint = page.locator(".coprod-rec-hint")
    assert hint.is_visible() and 'write "I", not "we"' in hint.inner_text()
    assert re.search(r"appears \d+ times?", hint.inner_text())


def test_print_of_an_export_is_the_export_alone(page, base_url):
    seed(page, base_url, fixture_data(), "exports")
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    page.emulate_media(media="print")
    doc = page.locator(".coprod-rec-print")
    expect(doc).to_be_visible()
    assert "NMC reflective account" in doc.inner_text() and "Sam Taylor" in doc.inner_text()
    expect(page.locator("fieldset.coprod-rec-templates")).to_be_hidden()
    expect(page.get_by_role("heading", name="How to use them")).to_be_hidden()
    expect(page.locator(".bd-sidebar-primary")).to_be_hidden()


# ---------------------------------------------------------------- de-identification: JS and Python agree


def test_js_check_flags_the_same_as_python_on_the_corpus(page, base_url):
    open_record(page, base_url, "exports")
    texts = [i["text"] for i in CORPUS["identifying"]] + list(CORPUS["innocent"])
    js = page.evaluate(
        """async (texts) => {
            const src = document.querySelector('script[src*="coprod/record.js"]').src.replace(/record\\.js.*$/, 'deid.js');
            const m = await import(src);
            return texts.map(t => m.findIdentifying(t).map(f => [f.id, f.kind, f.text]));
        }""",
        texts,
    )
    py = [[[f.id, f.kind, f.text] for f in find_identifying(t)] for t in texts]
    assert js == py
    assert all(js[: len(CORPUS["identifying"])]) and not any(js[len(CORPUS["identifying"]) :])


# ---------------------------------------------------------------- backup, restore, clear


def test_backup_clear_and_restore_give_identical_data(page, base_url, tmp_path):
    seed(page, base_url, fixture_data(), "backup")
    before = stored(page)
    name, text = downloaded_text(
        page, page.get_by_role("button", name="Download my record (JSON file)").click
    )
    assert re.fullmatch(r"coprod-record-\d{4}-\d{2}-\d{2}\.json", name)
    backup = json.loads(text)
    assert backup["format"] == "coprod-course-record" and backup["version"] == 1 and backup["data"] == before
    (tmp_path / name).write_text(text, encoding="utf-8")

    page.get_by_role("button", name="Delete all my course data from this browser").click()
    confirm = page.get_by_role("group", name="Delete everything?")
    assert page.evaluate("document.activeElement.textContent") == "Delete everything?"
    confirm.get_by_role("button", name="Cancel").click()
    assert stored(page) == before
    page.get_by_role("button", name="Delete all my course data from this browser").click()
    page.get_by_role("button", name="Yes, delete everything").click()
    assert stored(page) is None
    expect(page.locator(".coprod-record[data-view=clear]")).to_contain_text("Deleted.", use_inner_text=True)
    expect(page.locator(".coprod-record[data-view=backup]")).to_contain_text(
        "holds 0 reflections", use_inner_text=True
    )
    open_record(page, base_url, "journal")
    expect(page.locator(".coprod-record")).to_contain_text(
        "You have not written any reflections yet", use_inner_text=True
    )

    open_record(page, base_url, "backup")
    page.get_by_label("Choose a backup file").set_input_files(str(tmp_path / name))
    group = page.get_by_role("group", name="Replace your record with this backup?")
    assert "made on" in group.inner_text() and "9 reflections" in group.inner_text()
    group.get_by_role("button", name="Replace my record with this backup").click()
    assert stored(page) == before
    expect(page.locator(".coprod-record[data-view=restore]")).to_contain_text(
        "Restored.", use_inner_text=True
    )


@pytest.mark.parametrize(
    "content,message",
    [
        ("this is not json", "could not be read as a JSON file"),
        ('{"format": "another-tool", "version": 1, "data": {}}', "not a backup of this course"),
        (
            '{"format": "coprod-course-record", "version": 3, "data": {"version": 3, "elements": {}}}',
            "different version",
        ),
        (
            '{"format": "coprod-course-record", "version": 1, "data": {"version": 1, "elements": {"m1-reflect-drivers": 5}}}',
            "damaged",
        ),
    ],
)
def test_a_bad_backup_is_refused_and_nothing_is_lost(page, base_url, tmp_path, content, message):
    seed(page, base_url, fixture_data(), "backup")
    before = stored(page)
    bad = tmp_path / "backup.json"
    bad.write_text(content)
    page.get_by_label("Choose a backup file").set_input_files(str(bad))
    alert = page.locator(".coprod-record[data-view=restore] [role=alert]")
    alert.wait_for()
    assert message in alert.inner_text() and "Nothing in this browser has changed." in alert.inner_text()
    assert stored(page) == before
    assert page.get_by_role("button", name="Replace my record with this backup").count() == 0


def test_shared_computer_notice_is_on_the_record_pages(page, base_url):
    for name in ("index", "backup"):
        open_record(page, base_url, name)
        assert re.search(r"On a shared computer", page.locator("article").inner_text())


# ---------------------------------------------------------------- storage trouble


def test_storage_full_warns_and_loses_nothing_typed(context, base_url):
    context.add_init_script(
        f"""if (!window.__seeded) {{
          window.__seeded = true;
          localStorage.setItem('{KEY}', {json.dumps(json.dumps(fixture_data()))});
          const real = Storage.prototype.setItem;
          Storage.prototype.setItem = function (k, v) {{
            if (k === '{KEY}') throw new DOMException('full', 'QuotaExceededError');
            return real.call(this, k, v);
          }};
        }}"""
    )
    page = context.new_page()
    open_record(page, base_url, "journal")
    area = page.locator("#coprod-rec-journal-m1-reflect-drivers-text")
    area.fill("Typed while the storage is full.")
    warning = page.locator(".coprod-store-warning")
    assert warning.is_visible() and "storage for the course is full" in warning.inner_text()
    assert warning.get_attribute("role") == "alert"
    assert area.input_value() == "Typed while the storage is full."
    assert (
        "kept on this page only" in page.locator("#coprod-rec-journal-m1-reflect-drivers-status").inner_text()
    )
    _name, text = downloaded_text(
        page, warning.get_by_role("button", name="Download a backup of your work").click
    )
    assert (
        json.loads(text)["data"]["elements"]["m1-reflect-drivers"]["state"]["text"]
        == "Typed while the storage is full."
    )


def test_storage_unavailable_warns_and_keeps_working(context, base_url):
    context.add_init_script(
        "Object.defineProperty(window, 'localStorage', {get() { throw new DOMException('blocked', 'SecurityError'); }});"
    )
    page = context.new_page()
    open_record(page, base_url, "statement")
    warning = page.locator(".coprod-store-warning")
    assert warning.is_visible() and "not letting the course save" in warning.inner_text()
    page.get_by_label("Your name, as it should appear on the statement").fill("Sam Taylor")
    expect(page.locator(".coprod-rec-statement")).to_contain_text("Sam Taylor", use_inner_text=True)
    open_record(page, base_url, "journal")
    page.get_by_label(re.compile("Also show the prompts")).check()
    area = page.locator("#coprod-rec-journal-m1-reflect-drivers-text")
    area.fill("Kept in the page")
    assert area.input_value() == "Kept in the page"


# ---------------------------------------------------------------- script-like text


def test_script_like_text_stays_text_in_every_view_and_export(page, base_url):
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    data = fixture_data()
    data["elements"]["m1-reflect-drivers"]["state"]["text"] = NASTY
    data["meta"]["name"] = NASTY
    data["meta"]["log"].append(
        {"id": "e9", "date": "2026-05-19", "what": NASTY, "minutes": 30, "mode": "participatory"}
    )
    data["meta"]["drafts"]["nmc-reflective-account"]["fields"]["code"] = NASTY
    seed(page, base_url, data, "index")
    for name in RECORD_PAGES:
        open_record(page, base_url, name)
        assert page.locator("img[src='x']").count() == 0
        assert page.locator(".coprod-record script:not(.coprod-rec-data)").count() == 0
    open_record(page, base_url, "index")
    expect(page.locator("table.coprod-rec-log")).to_contain_text(NASTY, use_inner_text=True)
    open_record(page, base_url, "journal")
    assert page.locator("#coprod-rec-journal-m1-reflect-drivers-text").input_value() == NASTY
    assert NASTY in page.locator(".coprod-rec-print").text_content()
    open_record(page, base_url, "statement")
    expect(page.locator(".coprod-rec-statement")).to_contain_text(NASTY, use_inner_text=True)
    open_record(page, base_url, "exports")
    for t in TEMPLATE_IDS:
        page.locator(f"#coprod-rec-exports-t-{t}").check()
        assert NASTY in page.locator(".coprod-rec-print").text_content()
        _name, md = downloaded_text(page, page.get_by_role("button", name="Download as Markdown").click)
        assert re.search(r"(?<!\\)<", md) is None, "a < in the Markdown is not escaped"
        assert md_escape(NASTY) in md
        html = MarkdownIt("commonmark", {"html": True}).render(md)
        assert "<img" not in html and "<script" not in html
    assert page.locator("img[src='x']").count() == 0
    assert dialogs == []


# ---------------------------------------------------------------- statement


def test_statement_has_name_parts_hours_date_and_says_it_is_self_declared(page, base_url, manifest):
    data = fixture_data()
    del data["meta"]["name"]
    seed(page, base_url, data, "statement")
    page.get_by_label("Your name, as it should appear on the statement").fill("Sam Taylor")
    doc = page.locator(".coprod-rec-statement")
    text = doc.inner_text()
    assert "Sam Taylor took part in the online CPD course" in text
    assert manifest["course"]["title"] in text
    prog = progress(data, manifest)
    for label in prog["modules_done"]:
        assert label in text
    titles = {p["id"]: p["title"] for p in manifest["parts"]}
    for part in prog["parts"]:
        if part["kind"] == "scenario" and part["status"] == "done":
            assert titles[part["id"]] in text
    assert "Module 5" not in text  # started, not completed
    assert fmt_hours(prog["minutes"]["total"]) in text and "1.5 hours" in text
    assert re.search(r"Date of this statement: \d{1,2} [A-Z][a-z]+ \d{4}\.", text)
    assert "This is a self-declared record of participation, not accreditation." in text
    assert stored(page)["meta"]["name"] == "Sam Taylor"


def test_statement_prints_alone_on_a4(page, base_url, tmp_path):
    from pypdf import PdfReader

    seed(page, base_url, fixture_data(), "statement")
    pdf = tmp_path / "statement.pdf"
    page.pdf(path=str(pdf), format="A4")
    reader = PdfReader(str(pdf))
    text = " ".join(p.extract_text() for p in reader.pages)
    assert len(reader.pages) == 1
    assert "Statement of participation" in text and "Sam Taylor" in text and "not accreditation" in text
    assert "as it should appear" not in text and "Search" not in text and "What it says" not in text
    box = reader.pages[0].mediabox
    assert abs(float(box.width) - 595.3) < 2 and abs(float(box.height) - 841.9) < 2  # A4 in points


def test_a_course_pdf_of_an_empty_browser_prints_the_page_and_fallback(page, base_url, tmp_path):
    from pypdf import PdfReader

    open_record(page, base_url, "journal")
    pdf = tmp_path / "journal.pdf"
    page.pdf(path=str(pdf), format="A4")
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(str(pdf)).pages).split())
    assert "How it works" in text and "JavaScript is needed to show it" in text


# ---------------------------------------------------------------- accessibility and keyboard


@pytest.mark.parametrize("name", RECORD_PAGES)
def test_record_pages_have_no_accessibility_violations(page, base_url, name):
    open_record(page, base_url, name)
    assert run_axe(page) == []
    seed(page, base_url, fixture_data(), name)
    assert run_axe(page) == []
    # and in dark mode, where the theme paints cell outputs as light cards
    page.evaluate("() => { localStorage.setItem('mode', 'dark'); localStorage.setItem('theme', 'dark'); }")
    open_record(page, base_url, name)
    page.wait_for_function("document.documentElement.dataset.theme === 'dark'")
    page.wait_for_timeout(500)  # the theme's colour transition
    assert run_axe(page) == []


def test_record_states_have_no_accessibility_violations(page, base_url, tmp_path):
    data = fixture_data()
    data["elements"]["m1-reflect-kinds"]["state"]["text"] = "We met Mrs Patel at 14 Mill Lane."
    seed(page, base_url, data, "exports")
    page.get_by_label("HCPC CPD profile: statement (one activity)", exact=True).check()
    assert page.locator(".coprod-rec-finding mark").count() >= 2
    assert run_axe(page, ".coprod-record") == []
    open_record(page, base_url, "index")
    page.get_by_role("button", name="Add to my log").click()
    assert run_axe(page, ".coprod-record[data-view=log]") == []
    open_record(page, base_url, "backup")
    page.get_by_role("button", name="Delete all my course data from this browser").click()
    bad = tmp_path / "bad.json"
    bad.write_text("nope")
    page.get_by_label("Choose a backup file").set_input_files(str(bad))
    page.locator(".coprod-rec-error[role=alert]").wait_for()
    assert run_axe(page) == []
    good = tmp_path / "good.json"
    good.write_text(json.dumps(FIXTURE))
    page.get_by_label("Choose a backup file").set_input_files(str(good))
    page.get_by_role("group", name="Replace your record with this backup?").wait_for()
    assert run_axe(page) == []


def test_keyboard_alone_edits_the_journal_exports_and_backs_up(page, base_url):
    seed(page, base_url, fixture_data(), "journal")
    tab_to(page, "el.id === 'coprod-rec-journal-m2-reflect-encounter-text'")
    page.keyboard.press("End")
    page.keyboard.type(" Typed by keyboard.")
    page.wait_for_function(
        f"JSON.parse(localStorage.getItem('{KEY}')).elements['m2-reflect-encounter'].state.text.endsWith(' Typed by keyboard.')"
    )

    open_record(page, base_url, "exports")
    tab_to(page, "el.name === 'coprod-rec-exports-template'")
    for _ in range(6):
        page.keyboard.press("ArrowDown")
    assert page.locator("#coprod-rec-exports-t-gibbs").is_checked()
    tab_to(page, "el.textContent === 'Select none'")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.textContent") == "Select none", (
        "focus lost after Select none"
    )
    assert page.locator("#coprod-rec-exports-f-feelings").input_value() == ""
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.textContent") == "Select all"
    tab_to(page, "el.id === 'coprod-rec-exports-confirm'")
    page.keyboard.press("Space")
    tab_to(page, "el.textContent === 'Download as Markdown'")
    name, md = downloaded_text(page, lambda: page.keyboard.press("Enter"))
    assert (
        name.startswith("gibbs-")
        and "Typed by keyboard." in md
        and ("I read the account through and confirm" in md or "I reviewed each of them and confirm" in md)
    )

    open_record(page, base_url, "backup")
    tab_to(page, "el.textContent === 'Download my record (JSON file)'")
    _name, text = downloaded_text(page, lambda: page.keyboard.press("Enter"))
    assert json.loads(text)["data"] == stored(page)
    tab_to(page, "el.textContent === 'Delete all my course data from this browser'")
    page.keyboard.press("Enter")
    tab_to(page, "el.textContent === 'Yes, delete everything'")
    page.keyboard.press("Enter")
    assert stored(page) is None
    # Deleting is asynchronous (the exercises' browser storage is deleted too):
    # focus stays on the status, which says "Deleting…" and then the outcome.
    page.wait_for_function("document.activeElement.textContent.startsWith('Deleted.')")


def test_log_form_works_by_keyboard(page, base_url):
    seed(page, base_url, {"version": 1, "elements": {}, "meta": {}}, "index")
    tab_to(page, "el.id === 'coprod-rec-log-what'")
    page.keyboard.type("Team debrief on the policing scenario")
    page.keyboard.press("Tab")
    page.keyboard.type("60")
    page.keyboard.press("Tab")  # to the first radio
    page.keyboard.press("ArrowDown")  # selects the second: participatory
    tab_to(page, "el.textContent === 'Add to my log'")
    page.keyboard.press("Enter")
    assert stored(page)["meta"]["log"][0]["mode"] == "participatory"
    assert page.evaluate("document.activeElement.id") == "coprod-rec-log-what"


def test_without_javascript_each_page_says_what_is_needed(browser, base_url):
    ctx = browser.new_context(java_script_enabled=False)
    page = ctx.new_page()
    for name in RECORD_PAGES:
        page.goto(f"{base_url}/book/record/{name}.html")
        assert (
            "Your record is kept in this browser; JavaScript is needed to show it."
            in page.locator(".coprod-record").first.inner_text()
        )
    page.goto(f"{base_url}/book/record/journal.html")
    assert COURSE.get("m1-reflect-drivers").element.prompt in page.locator(".coprod-record").inner_text()
    ctx.close()
