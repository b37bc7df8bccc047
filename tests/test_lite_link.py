"""Each exercise page's "Run in your browser" link reaches the JupyterLite site's start page."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import parse_qs, urljoin, urlparse

import pytest

from coprod.sphinx.lite import lite_link

ROOT = Path(__file__).resolve().parents[1]
PAGES = sorted(f"exercises/{p.stem}" for p in (ROOT / "exercises").glob("ex*.ipynb"))
SITE = "http://127.0.0.1:8000/"


def _href(paragraph: str) -> str:
    return re.search(r'href="([^"]+)"', paragraph).group(1).replace("&amp;", "&")


@pytest.mark.parametrize("pagename", PAGES)
def test_both_editions_link_to_the_one_lite_site_and_the_page_s_own_notebook(pagename):
    full = urljoin(SITE + pagename + ".html", _href(lite_link(pagename, learner=False)))
    learner = urljoin(SITE + "learner/" + pagename + ".html", _href(lite_link(pagename, learner=True)))
    assert full == learner
    url = urlparse(full)
    # tools/serve.sh copies _build/lite to learner/lite/
    assert url.path == "/learner/lite/start.html"
    notebook = parse_qs(url.query)["path"][0]
    assert (ROOT / notebook).is_file()
    # the start page only opens the course's notebooks
    start = (ROOT / "tools" / "lite" / "start.js").read_text()
    pattern = re.search(r"/\^(.+?)\$/", start).group(1).replace("\\/", "/").replace("\\.", ".")
    assert re.fullmatch(pattern, notebook)


def test_the_link_says_what_the_first_start_costs():
    text = re.sub("<[^>]+>", "", lite_link(PAGES[0], learner=True))
    assert text.startswith("Run in your browser")
    assert re.search(r"downloads about \d+ MB and takes about [\d to]+ seconds", text)
