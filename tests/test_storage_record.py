"""Learner writing is never lost or hidden by the browser's storage: the cases found in issue 11 (items 8-11).

Each test uses the built site in Chromium, the way a learner would, with the browser's real localStorage.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest
from playwright.sync_api import expect

from conftest import ROOT, run_axe

pytestmark = pytest.mark.browser

KEY = "coprod-course:v1"
FIXTURE = json.loads((ROOT / "tests" / "fixtures" / "record.json").read_text(encoding="utf-8"))
MODULE = "/book/modules/m1-promise.html"
RID = "m1-reflect-drivers"
SAVED = "Saved before the storage filled up: the leaflet was finished by staff alone."

#: fill the site's real quota to the brim under a key of the test's own
FILL = """(key) => {
    let lo = 0, hi = 32 * 1024 * 1024;
    while (lo < hi) {
        const mid = Math.ceil((lo + hi) / 2);
        try { localStorage.setItem(key, 'x'.repeat(mid)); lo = mid; }
        catch (err) { hi = mid - 1; }
    }
    localStorage.setItem(key, 'x'.repeat(lo));
    return lo;
}"""


@pytest.fixture(autouse=True)
def settled_favicon(request):
    if "page" in request.fixturenames:
        request.getfixturevalue("page").route(
            "**/favicon.svg", lambda route: route.fulfill(status=204, body="")
        )


def fixture_data() -> dict:
    return copy.deepcopy(FIXTURE["data"])


def open_record(page, base_url, name: str):
    page.goto(f"{base_url}/book/record/{name}.html")
    page.wait_for_selector(".coprod-rec-js .coprod-rec-body")


def seed(page, base_url, items: dict, name: str = "index") -> None:
    page.goto(f"{base_url}/book/record/{name}.html")
    page.evaluate(
        "(items) => { for (const [k, v] of Object.entries(items)) localStorage.setItem(k, v); }", items
    )
    open_record(page, base_url, name)


def stored(page) -> dict | None:
    return json.loads(page.evaluate(f"localStorage.getItem('{KEY}')") or "null")


def course_keys(page) -> list[str]:
    return page.evaluate("Object.keys(localStorage).filter(k => k.startsWith('coprod'))")


def downloaded(page, click) -> str:
    with page.expect_download() as info:
        click()
    return Path(info.value.path()).read_text(encoding="utf-8")


# ---------------------------------------------------------------- 8. storage full, then a reload


def test_full_storage_then_reload_shows_the_saved_text_and_a_true_backup(page, base_url):
    page.goto(base_url + MODULE)
    page.locator(f"#coprod-{RID}-text").fill(SAVED)
    assert stored(page)["elements"][RID]["state"]["text"] == SAVED
    page.evaluate(FILL, "someone-elses-data")
    page.reload()

    area = page.locator(f"#coprod-{RID}-text")
    area.wait_for()
    assert area.input_value() == SAVED, "the saved reflection must show after a reload with the storage full"
    expect(page.locator("body")).not_to_contain_text("switched off or blocked", use_inner_text=True)

    open_record(page, base_url, "journal")
    assert page.locator(f"#coprod-rec-journal-{RID}-text").input_value() == SAVED
    open_record(page, base_url, "backup")
    text = downloaded(page, page.get_by_role("button", name="Download my record (JSON file)").click)
    assert json.loads(text)["data"]["elements"][RID]["state"]["text"] == SAVED


def test_a_failed_write_keeps_what_is_stored_and_warns_once_per_page(page, base_url):
    page.goto(base_url + MODULE)
    page.locator(f"#coprod-{RID}-text").fill(SAVED)
    page.evaluate(FILL, "someone-elses-data")
    area = page.locator(f"#coprod-{RID}-text")
    area.press_sequentially(" More words that do not fit.")
    other = page.locator("#coprod-m1-reflect-kinds-text")
    other.fill("A second reflection on the same page.")
    warnings = page.locator("[role=alert]:visible", has_text="storage for the course is full")
    assert warnings.count() == 1, "one warning for the page, not one per element"
    text = warnings.first.inner_text()
    assert "Download a backup" in text and "free" in text.lower()
    # what was stored before the failed write is still there
    assert stored(page)["elements"][RID]["state"]["text"] == SAVED
    assert area.input_value() == SAVED + " More words that do not fit."
    page.evaluate("localStorage.removeItem('someone-elses-data')")


# ---------------------------------------------------------------- 9. two tabs on one reflection


def test_two_tabs_writing_the_same_reflection_lose_nothing(context, base_url):
    one = context.new_page()
    two = context.new_page()
    for p in (one, two):
        p.goto(base_url + MODULE)
        p.locator(f"#coprod-{RID}-text").wait_for()
    a = one.locator(f"#coprod-{RID}-text")
    b = two.locator(f"#coprod-{RID}-text")
    b.focus()
    a.focus()
    a.press_sequentially("Written in tab one.")
    # tab one's words have reached the browser's storage before tab two types
    two.wait_for_function(f"(localStorage.getItem({KEY!r}) || '').includes('Written in tab one.')")
    b.press_sequentially("Written in tab two.")  # tab two's box was focused all along

    # both versions are somewhere the learner can see them, on both pages
    for p in (one, two):
        panel = p.locator(f"#coprod-{RID} .coprod-conflict")
        panel.wait_for()
        both = panel.inner_text() + p.locator(f"#coprod-{RID}-text").input_value()
        assert "Written in tab one." in both and "Written in tab two." in both
    assert run_axe(two, f"#coprod-{RID}") == []
    # the learner chooses to keep both
    two.locator(f"#coprod-{RID} .coprod-conflict").get_by_role("button", name="Keep both").click()
    text = stored(two)["elements"][RID]["state"]["text"]
    assert "Written in tab one." in text and "Written in tab two." in text
    assert "conflict" not in stored(two)["elements"][RID]["state"]
    one.wait_for_function(
        f"document.querySelector('#coprod-{RID} .coprod-conflict') === null || document.querySelector('#coprod-{RID} .coprod-conflict').hidden"
    )


def test_another_tab_edit_merges_with_this_tab_log(context, base_url):
    one = context.new_page()
    seed(one, base_url, {KEY: json.dumps(fixture_data())}, "index")
    two = context.new_page()
    two.goto(base_url + MODULE)
    two.locator("#coprod-m1-reflect-kinds-text").fill("Changed in another tab.")
    one.wait_for_function("document.body.innerText.includes('reflections')")
    data = stored(one)
    assert data["elements"]["m1-reflect-kinds"]["state"]["text"] == "Changed in another tab."
    assert data["meta"]["log"] == fixture_data()["meta"]["log"]


# ---------------------------------------------------------------- 10. delete everything


def test_delete_everything_leaves_no_course_key_and_says_so(page, base_url):
    legacy = json.dumps({"reflections": {RID: "Old prototype text."}})
    seed(
        page,
        base_url,
        {KEY: json.dumps(fixture_data()), "coprod-course": legacy, f"{KEY}:unreadable": "{broken"},
        "backup",
    )
    # the exercises' browser version (JupyterLite, same site) keeps the learner's notebooks in IndexedDB
    databases = """async (names) => {
        for (const name of names) {
            await new Promise((ok) => {
                const r = indexedDB.open(name);
                r.onupgradeneeded = () => r.result.createObjectStore("files");
                r.onsuccess = () => { r.result.close(); ok(); };
            });
        }
        return (await indexedDB.databases()).map((d) => d.name).sort();
    }"""
    lite = ["JupyterLite Storage", "JupyterLite Storage - ./"]
    assert page.evaluate(databases, [*lite, "another-app"]) == [
        "JupyterLite Storage",
        "JupyterLite Storage - ./",
        "another-app",
    ]
    page.get_by_role("button", name="Delete all my course data from this browser").click()
    page.get_by_role("button", name="Yes, delete everything").click()
    expect(page.locator(".coprod-record[data-view=clear]")).to_contain_text(
        "Nothing from this course is stored in this browser now"
    )
    assert course_keys(page) == []
    # the exercises' work is gone with the record; another site's database on this origin is not touched
    assert page.evaluate(databases, []) == ["another-app"]
    page.goto(base_url + MODULE)
    assert page.locator(f"#coprod-{RID}-text").input_value() == ""
    assert course_keys(page) == []


# ---------------------------------------------------------------- 11. restore and damaged data


def backup(data: dict) -> str:
    return json.dumps(
        {"format": "coprod-course-record", "version": 1, "exported": "2026-12-01T10:00:00Z", "data": data}
    )


def _misshapen() -> dict:
    d = fixture_data()
    d["elements"]["surgery"]["state"]["reached"] = "all of them"
    return d


def _absurd() -> dict:
    d = fixture_data()
    d["meta"]["log"][0]["minutes"] = 1e308
    return d


def _foreign() -> dict:
    return {
        "version": 1,
        "elements": {"budget-planning-intro": {"kind": "reflection", "state": {"text": "x"}}},
        "meta": {},
    }


@pytest.mark.parametrize(
    "make,why",
    [
        (_foreign, "not from this course"),
        (_misshapen, "surgery"),
        (_absurd, "minutes"),
    ],
)
def test_restore_of_a_bad_backup_changes_nothing_and_says_why(page, base_url, tmp_path, make, why):
    seed(page, base_url, {KEY: json.dumps(fixture_data())}, "backup")
    before = stored(page)
    path = tmp_path / "backup.json"
    path.write_text(backup(make()), encoding="utf-8")
    page.get_by_label("Choose a backup file").set_input_files(str(path))
    alert = page.locator(".coprod-record[data-view=restore] [role=alert]")
    alert.wait_for()
    assert why in alert.inner_text() and "Nothing in this browser has changed" in alert.inner_text()
    assert stored(page) == before
    assert page.get_by_role("button", name="Replace my record with this backup").count() == 0


def test_damaged_stored_data_is_kept_aside_and_never_breaks_a_page(page, base_url):
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    damaged = fixture_data()
    damaged["elements"]["surgery"]["state"]["reached"] = 7
    damaged["meta"]["log"].append(
        {"id": "x", "date": "2026-12-01", "what": "big", "minutes": 1e308, "mode": "solo"}
    )
    seed(page, base_url, {KEY: json.dumps(damaged)}, "index")
    text = page.locator(".coprod-record[data-view=progress]").inner_text()
    assert "e+" not in text and "Infinity" not in text
    assert errors == []
    aside = page.evaluate(f"localStorage.getItem('{KEY}:unreadable')")
    assert aside and "1e+308" in aside

    # a record whose elements is not an object: typing still saves, and the old value is kept aside
    page.evaluate(f"localStorage.setItem('{KEY}', JSON.stringify({{version: 1, elements: [], meta: {{}}}}))")
    page.goto(base_url + MODULE)
    page.locator(f"#coprod-{RID}-text").fill("Typed after damage.")
    assert stored(page)["elements"][RID]["state"]["text"] == "Typed after damage."
    assert errors == []
