"""Shared fixtures: the built site served on 127.0.0.1, and Chromium pages that may not leave it."""

from __future__ import annotations

import functools
import http.server
import json
import os
import socketserver
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from hypothesis import settings

from coprod._browser import CHROMIUM_ARGS, chromium_path
from coprod.content import course

#: Hypothesis profiles: "dev" is quick to run while working, "ci" searches harder.
#: CI (the CI variable set) uses "ci"; choose with HYPOTHESIS_PROFILE=dev|ci.
settings.register_profile("dev", max_examples=20)
settings.register_profile("ci", max_examples=150)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE") or ("ci" if os.environ.get("CI") else "dev"))

ROOT = Path(__file__).resolve().parents[1]
BOOK = ROOT / "book"
SITE = ROOT / "_build" / "html"
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"

#: the course's content, loaded once for every test module that reads it
COURSE = course(ROOT)
#: the course's case scenarios (each has a page of its own under book/scenarios/), in id order
SCENARIO_IDS = sorted(
    el_id
    for el_id, loaded in COURSE.elements.items()
    if loaded.element.kind == "scenario" and loaded.path.parent == BOOK / "scenarios"
)
#: the module pages, in order
MODULE_PAGES = sorted(p.stem for p in (BOOK / "modules").glob("m[0-9]*.md"))


#: the configuration of the small books that tests build of their own
FIXTURE_BOOK_CONFIG = """\
title: Fixture book
only_build_toc_files: true
execute:
  execute_notebooks: cache
  allow_errors: false
sphinx:
  extra_extensions: [coprod.sphinx]
  config:
    nb_execution_raise_on_error: true
    nb_mime_priority_overrides: [[html, text/html, 5]]
    nb_ipywidgets_js: {}
    html_context: {default_mode: auto}
"""


def build_book(root: Path, *extra: str) -> subprocess.CompletedProcess:
    """Build a book strictly, as the README does."""
    return subprocess.run(
        [
            str(Path(sys.executable).parent / "jupyter-book"),
            "build",
            str(root),
            "-n",
            "-W",
            "--keep-going",
            *extra,
        ],
        cwd=root,
        capture_output=True,
        text=True,
    )


@pytest.fixture(scope="session")
def site() -> Path:
    """The built course; built here if the test command did not build it first."""
    if not (SITE / "index.html").exists():
        result = build_book(ROOT)
        assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-4000:]
    return SITE


LEARNER = ROOT / "_build" / "learner" / "_build" / "html"


@pytest.fixture(scope="session")
def learner_site() -> Path:
    """The learner edition, built once per test run with tools/learner-build.sh if it is not built yet.

    The script builds strictly (-n -W) and from scratch (--all); the learner-edition and
    packaging tests share this one build (building it twice took a minute of CI's time).
    """
    if not (LEARNER / "index.html").exists():
        result = subprocess.run(
            ["bash", str(ROOT / "tools" / "learner-build.sh")], cwd=ROOT, capture_output=True, text=True
        )
        assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return LEARNER


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep test output readable
        pass


def serve(folder: Path):
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    return server


@pytest.fixture(scope="session")
def base_url(site: Path):
    server = serve(site)
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        yield b
        b.close()


class PageWatch:
    """What a page did that a learner would not want: outside requests, console errors, failed loads."""

    def __init__(self, page, base_url: str):
        self.page = page
        self.outside: list[str] = []
        self.errors: list[str] = []
        self.failed: list[str] = []
        page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: self.errors.append(str(e)))
        # a request cut off because the test navigated on (net::ERR_ABORTED) is not a failed load
        page.on(
            "requestfailed",
            lambda r: (
                self.failed.append(r.url)
                if r.url.startswith(base_url) and "ERR_ABORTED" not in (r.failure or "")
                else None
            ),
        )
        page.on("response", lambda r: self.failed.append(f"{r.status} {r.url}") if r.status >= 400 else None)

        def route(route):
            url = route.request.url
            if url.startswith(base_url) or url.startswith("data:") or url.startswith("blob:"):
                route.continue_()
            else:
                self.outside.append(url)
                route.abort()

        page.route("**/*", route)

    def assert_clean(self):
        assert self.outside == [], f"requests to other hosts: {self.outside}"
        assert self.errors == [], f"console errors: {self.errors}"
        assert self.failed == [], f"failed requests: {self.failed}"


@pytest.fixture
def context(browser):
    ctx = browser.new_context(viewport={"width": 1100, "height": 900})
    yield ctx
    ctx.close()


@pytest.fixture
def page(context, base_url):
    pg = context.new_page()
    watch = PageWatch(pg, base_url)
    pg.watch = watch
    yield pg
    watch.assert_clean()


def run_axe(page, selector: str | None = None, also: tuple[str, ...] = ()) -> list[dict]:
    """axe-core's violations on the page (or inside one element); `also` switches on rules axe leaves off."""
    assert AXE.exists(), "axe-core is missing: run 'npm ci' (the test command does)"
    page.add_script_tag(path=str(AXE))
    context = f"document.querySelector({selector!r})" if selector else "document"
    rules = json.dumps({rule: {"enabled": True} for rule in also})
    return page.evaluate(
        f"""async () => {{
            const r = await axe.run({context}, {{resultTypes: ['violations'], rules: {rules}}});
            return r.violations.map(v => ({{id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))}}));
        }}"""
    )


def fill_story(data, page_html: str):
    """What the static site's fillStory (coprod/static/story.js) does: put a scenario's texts back from its fallback."""
    from html.parser import HTMLParser

    texts: dict[str, str] = {}

    class Reader(HTMLParser):
        def __init__(self):
            super().__init__(convert_charrefs=True)
            self.open: list[tuple[str, str, list[str]]] = []  # (tag, key, parts)
            self.depth = 0

        def handle_starttag(self, tag, attrs):
            key = dict(attrs).get("data-t")
            if key is not None:
                self.open.append((tag, key, []))
            elif self.open and self.open[-1][0] == "div" and tag == "p":
                self.open[-1][2].append("")

        def handle_endtag(self, tag):
            if self.open and tag == self.open[-1][0]:
                kind, key, parts = self.open.pop()
                texts[key] = "\n\n".join(parts) if kind == "div" else "".join(parts)

        def handle_data(self, text):
            if self.open:
                parts = self.open[-1][2]
                if self.open[-1][0] == "div":
                    parts[-1] += text
                else:
                    parts.append(text)

    Reader().feed(page_html)

    def fill(value):
        if isinstance(value, list):
            return [fill(v) for v in value]
        if isinstance(value, dict):
            if set(value) == {"$t"}:
                return texts[str(value["$t"])]
            return {k: fill(v) for k, v in value.items()}
        return value

    return fill(data)


def site_pages() -> list[str]:
    """Every page of the built book a reader can open (not the root redirect, assets or sources)."""
    if not SITE.exists():
        return ["book/intro.html"]  # the site fixture builds it; the list is read at collection
    # lite/ is the JupyterLite site for the exercises: its own app, tested by test_lite_browser
    skip = {"_sources", "_static", "_images", "jupyter_execute", ".doctrees", "lite"}
    return sorted(
        str(p.relative_to(SITE))
        for p in SITE.rglob("*.html")
        if not (set(p.relative_to(SITE).parts) & skip)
        and not any(part.startswith(".") for part in p.relative_to(SITE).parts)
        and 'http-equiv="Refresh"' not in p.read_text(encoding="utf-8")[:300]  # the root redirect
    )
