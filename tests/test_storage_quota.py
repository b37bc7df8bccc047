"""A learner who fills the browser's real localStorage quota is warned and loses nothing on the page.

Nothing is faked here: the test takes up almost all of Chromium's own quota for the site under a key
of its own, so the course's next save really fails with QuotaExceededError.
"""

from __future__ import annotations

import json

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

DEMO_PAGE = "/book/reference/how-it-works.html"
KEY = "coprod-course:v1"
FILLER = "quota-filler"
#: characters of quota left free beyond what the course has saved: a few sentences of typing fill it
ROOM = 300
SENTENCE = "We never asked the people who read the letter. "

#: the largest filler value the real quota allows, found by bisection; the course's own key is left alone
FILL_TO_THE_BRIM = """([key, room]) => {
    let lo = 0, hi = 32 * 1024 * 1024, failures = 0;
    while (lo < hi) {
        const mid = Math.ceil((lo + hi) / 2);
        try { localStorage.setItem(key, 'x'.repeat(mid)); lo = mid; }
        catch (err) {
            if (err.name !== 'QuotaExceededError') throw err;
            failures += 1; hi = mid - 1;
        }
    }
    localStorage.setItem(key, 'x'.repeat(lo - room));
    return {max: lo, failures};
}"""


def stored_text(page) -> str | None:
    raw = page.evaluate(f"localStorage.getItem('{KEY}')")
    if not raw:
        return None
    return json.loads(raw)["elements"]["demo-reflection"]["state"]["text"]


def test_real_quota_full_warns_keeps_the_text_and_recovers(page, base_url):
    page.goto(base_url + DEMO_PAGE)
    box = page.locator("#coprod-demo-reflection-text")
    box.wait_for()
    warning = page.locator(".coprod-store-warning")  # one warning for the page
    status = page.locator("#coprod-demo-reflection-status")
    expect(warning).to_be_hidden()

    # a first sentence saves normally
    typed = SENTENCE
    box.fill(typed)
    assert stored_text(page) == typed
    expect(status).to_contain_text("Saved on this device", use_inner_text=True)

    # take up all but ROOM characters of the site's real quota under another key
    filled = page.evaluate(FILL_TO_THE_BRIM, [FILLER, ROOM])
    assert filled["failures"] > 0, "the browser never refused a write: no quota was reached"
    assert filled["max"] > 1_000_000, f"quota is implausibly small for Chromium ({filled['max']} characters)"
    assert stored_text(page) == typed, "filling the quota must not disturb what the course had saved"

    # type a sentence at a time, as a learner would, until a save fails
    for _ in range(ROOM // len(SENTENCE) + 10):
        box.press_sequentially(SENTENCE)
        typed += SENTENCE
        if warning.is_visible():
            break
    else:
        pytest.fail(f"typed {len(typed)} characters with {ROOM} free and no warning appeared")

    expect(warning).to_contain_text("storage for the course is full", use_inner_text=True)
    expect(status).to_contain_text("Not saved in this browser", use_inner_text=True)
    assert box.input_value() == typed, "text typed was lost from the page when saving failed"
    saved = stored_text(page)
    assert saved is not None and typed.startswith(saved) and saved != typed  # the last save that fitted

    # typing more still works and is still kept on the page
    more = "Still writing after the warning."
    box.press_sequentially(more)
    typed += more
    assert box.input_value() == typed
    expect(warning).to_be_visible()
    assert stored_text(page) == saved

    # room again: the next keystroke saves everything and the warning goes away
    page.evaluate(f"localStorage.removeItem('{FILLER}')")
    box.press_sequentially(".")
    typed += "."
    assert stored_text(page) == typed
    expect(warning).to_be_hidden()
    expect(status).to_contain_text("Saved on this device", use_inner_text=True)

    page.reload()
    box = page.locator("#coprod-demo-reflection-text")
    box.wait_for()
    assert box.input_value() == typed
    expect(page.locator(".coprod-store-warning")).to_be_hidden()
