"""Every page of the built site: nothing from other hosts, no console errors, no failed loads, no axe violations."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import SITE, run_axe

pytestmark = pytest.mark.browser


def site_pages() -> list[str]:
    if not SITE.exists():
        return ["book/intro.html"]  # the site fixture builds it; the list is read at collection
    skip = {"_sources", "_static", "_images", "jupyter_execute", ".doctrees"}
    return sorted(
        str(p.relative_to(SITE))
        for p in SITE.rglob("*.html")
        if not (set(p.relative_to(SITE).parts) & skip)
        and not any(part.startswith(".") for part in p.relative_to(SITE).parts)
        and 'http-equiv="Refresh"' not in p.read_text(encoding="utf-8")[:300]  # the root redirect
    )


@pytest.mark.parametrize("path", site_pages())
def test_page_is_self_contained_clean_and_accessible(page, base_url, path):
    page.goto(f"{base_url}/{path}")
    page.wait_for_load_state("load")
    violations = run_axe(page)
    assert violations == [], violations
    # page.watch (see conftest) fails the test on other hosts, console errors or failed requests


def test_root_redirects_to_start_here(page, base_url):
    page.goto(f"{base_url}/index.html")
    page.wait_for_url("**/book/intro.html")
    assert page.locator("h1").first.inner_text().startswith("Start here")


def test_crawl_covers_the_whole_book():
    pages = site_pages()
    assert "book/intro.html" in pages and "book/reference/how-it-works.html" in pages
    assert len([p for p in pages if p.startswith("book/modules/")]) == 5


def test_search_finds_course_pages(page, base_url):
    page.goto(f"{base_url}/search.html?q=capacity")
    page.wait_for_selector("#search-results ul.search li", timeout=20_000)
    assert "One size does not fit all" in page.locator("#search-results").inner_text()
