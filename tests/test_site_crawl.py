"""Every page of the built site: nothing from other hosts, no console errors, no failed loads, no axe violations."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from conftest import ROOT, PageWatch, run_axe, site_pages
from coprod.packaging.toc import read_toc

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("path", site_pages())
def test_page_is_self_contained_clean_and_accessible(page, base_url, path):
    page.goto(f"{base_url}/{path}")
    page.wait_for_load_state("load")
    violations = run_axe(page)
    assert violations == [], violations
    # no script's missing value reaches the reader as the words "null", "undefined" or "NaN"
    shown = page.locator("main").inner_text()
    leaked = [w for w in ("null", "undefined", "NaN") if re.search(rf"(?<![\w-]){w}(?![\w-])", shown)]
    assert leaked == [], f"{path} shows {leaked}"
    # page.watch (see conftest) fails the test on other hosts, console errors or failed requests


#: a page of every kind, and every scenario: the pages Lighthouse's phone audit is run on
PHONE_PAGES = [
    "book/intro.html",
    "book/modules/m3-one-size.html",
    *(f"book/scenarios/{name}.html" for name in ("surgery", "dementia-care", "policing", "emergency")),
    "book/record/index.html",
    "book/workshop/half-day.html",
]


@pytest.mark.parametrize("path", PHONE_PAGES)
def test_page_is_accessible_on_a_phone(browser, base_url, path):
    # as Lighthouse's mobile audit sees it: a phone's screen, touch, the page as loaded; at this
    # size axe also checks that nothing lies over a button or link a thumb must reach
    context = browser.new_context(
        viewport={"width": 412, "height": 823}, device_scale_factor=1.75, is_mobile=True, has_touch=True
    )
    try:
        page = context.new_page()
        watch = PageWatch(page, base_url)
        page.goto(f"{base_url}/{path}")
        page.wait_for_load_state("networkidle")
        # target-size (WCAG 2.2), which Lighthouse runs and axe leaves off by default
        assert run_axe(page, also=("target-size",)) == []
        watch.assert_clean()
    finally:
        context.close()


#: what a browser with storage switched off does: merely reading either store throws
BLOCK_STORAGE = """
for (const name of ['localStorage', 'sessionStorage']) {
  Object.defineProperty(window, name, {configurable: true, get() { throw new DOMException('blocked', 'SecurityError'); }});
}
"""
STORAGE_WARNING = "not letting the course save"


@pytest.mark.parametrize("path", site_pages())
def test_page_is_quiet_with_storage_blocked(browser, base_url, path):
    """A shared work PC that blocks storage: no uncaught error, and the course says so once, not once per element."""
    context = browser.new_context(viewport={"width": 1100, "height": 900})
    context.add_init_script(BLOCK_STORAGE)
    try:
        page = context.new_page()
        watch = PageWatch(page, base_url)
        page.goto(f"{base_url}/{path}")
        page.wait_for_load_state("networkidle")
        assert page.evaluate("document.documentElement.dataset.mode") in ("auto", "light", "dark")
        watch.assert_clean()  # uncaught errors (the theme's SecurityErrors) and console errors
        # a page that keeps the learner's work says once that it cannot, however many elements it has;
        # a page that keeps nothing says nothing
        keeps_work = page.locator(".coprod-el, .coprod-record").count() > 0
        warnings = page.get_by_role("alert").filter(has_text=STORAGE_WARNING)
        expect(warnings).to_have_count(1 if keeps_work else 0)
    finally:
        context.close()


def test_theme_switch_works_for_the_page_with_storage_blocked(browser, base_url):
    context = browser.new_context()
    context.add_init_script(BLOCK_STORAGE)
    try:
        page = context.new_page()
        watch = PageWatch(page, base_url)
        page.goto(f"{base_url}/book/intro.html")
        page.wait_for_load_state("networkidle")
        before = page.evaluate("document.documentElement.dataset.theme")
        page.locator("button.theme-switch-button:visible").first.click()
        page.wait_for_function(f"document.documentElement.dataset.theme !== {before!r}")
        watch.assert_clean()
    finally:
        context.close()


def test_root_redirects_to_start_here(page, base_url):
    page.goto(f"{base_url}/index.html")
    page.wait_for_url("**/book/intro.html")
    assert page.locator("h1").first.inner_text().startswith("Start here")


def test_crawl_covers_the_whole_book(site):
    """The crawl fails loudly if it would visit fewer pages than the table of contents lists."""
    root, parts = read_toc(ROOT / "_toc.yml", site)
    in_toc = {root.href} | {chapter.href for part in parts for chapter in part.chapters}
    crawled = set(site_pages())
    missing = sorted(in_toc - crawled)
    assert not missing, f"the crawl would skip {len(missing)} page(s) of the table of contents: {missing}"
    assert len(crawled) >= len(in_toc), (
        f"crawl covers {len(crawled)} pages; the table of contents lists {len(in_toc)}"
    )


def test_search_finds_course_pages(page, base_url):
    page.goto(f"{base_url}/search.html?q=capacity")
    page.wait_for_selector("#search-results ul.search li", timeout=20_000)
    expect(page.locator("#search-results")).to_contain_text("One size does not fit all", use_inner_text=True)
