"""The exercises run in the browser from the JupyterLite site, with no other host reachable.

Serves ``_build/lite`` (built by ``python tools/lite.py`` first if it is missing
or out of date) on 127.0.0.1, opens an exercise from its start page as a learner
follows the "Run in your browser" link, waits for Python to start, runs every
cell from the Run menu and checks that the exercise's widgets render with no
error. Every request that is not to 127.0.0.1, from the page, its workers or
the site's service worker, is aborted and counted as a failure.

A cold start takes 20-110 s on two shared cores, so CI runs one exercise
(exercise 1); ``pytest -m lite_all`` runs all five. Intercepting requests turns
the browser's cache off, so the "MB served" this test prints counts the start
page's downloads twice: ``python tools/lite_download.py`` measures what a
learner's browser downloads.
"""

from __future__ import annotations

import functools
import http.server
import re
import socketserver
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from playwright.sync_api import expect

from conftest import run_axe

pytestmark = [pytest.mark.browser, pytest.mark.slow]

ROOT = Path(__file__).resolve().parents[1]
LITE = ROOT / "_build" / "lite"
EXERCISES = sorted(p.name for p in (ROOT / "exercises").glob("ex*.ipynb"))
#: one exercise in the default run; the others under the opt-in marker
PARAMS = [
    pytest.param(name, marks=[] if name.startswith("ex1-") else [pytest.mark.lite_all]) for name in EXERCISES
]


class _Handler(http.server.SimpleHTTPRequestHandler):
    # the types a static host gives these files, whatever this machine's mime.types says
    extensions_map = {
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".mjs": "text/javascript",
        ".js": "text/javascript",
        ".wasm": "application/wasm",
        ".json": "application/json",
    }

    #: bytes sent, to report what a first start downloads
    sent = 0

    def copyfile(self, source, outputfile):
        before = source.tell()
        super().copyfile(source, outputfile)
        type(self).sent += source.tell() - before

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def lite_url():
    """The JupyterLite site on 127.0.0.1, built first if it is missing or out of date."""
    subprocess.run([sys.executable, str(ROOT / "tools" / "lite.py")], check=True, cwd=ROOT)
    server = socketserver.ThreadingTCPServer(
        ("127.0.0.1", 0), functools.partial(_Handler, directory=str(LITE))
    )
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


@pytest.fixture
def lite_context(browser):
    # a fresh context each time: a cold start, nothing cached, no service worker yet
    context = browser.new_context(viewport={"width": 1280, "height": 1000}, service_workers="allow")
    outside: list[str] = []

    def route(r):
        url = r.request.url
        if url.startswith("http://127.0.0.1:") or url.startswith(("data:", "blob:")):
            r.continue_()
        else:
            outside.append(url)
            r.abort()

    # context.route also sees the requests of dedicated workers (the kernel) and
    # of service workers (JupyterLite's), which page.route does not
    context.route("**/*", route)
    context.outside = outside
    yield context
    context.close()


@pytest.mark.parametrize("notebook", PARAMS)
def test_an_exercise_runs_in_the_browser_with_no_other_host(lite_context, lite_url, notebook):
    page = lite_context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    started = time.monotonic()
    _Handler.sent = 0
    page.goto(f"{lite_url}/start.html?path=exercises/{notebook}")

    # the start page says what the first start costs and shows its progress
    first = page.locator("#first-start")
    expect(first).to_contain_text("seconds", use_inner_text=True)
    assert page.get_by_role("progressbar").count() == 1
    assert re.search(r"downloads about \d+ MB", first.inner_text())
    page.wait_for_url("**/notebooks/index.html?path=*", timeout=120_000)

    # Python has started when the kernel indicator is idle
    page.wait_for_selector(".jp-Notebook", timeout=60_000)
    page.wait_for_function(
        "() => document.querySelector('.jp-Notebook-ExecutionIndicator')?.dataset.status === 'idle'",
        timeout=150_000,
    )
    cold = time.monotonic() - started

    page.locator(".lm-MenuBar-itemLabel", has_text="Run").first.click()
    page.locator(".lm-Menu-itemLabel", has_text="Run All Cells").first.click()
    try:
        page.wait_for_selector(".coprod-ex-widget", state="visible", timeout=240_000)
        page.wait_for_function(
            """() => {
                const prompts = [...document.querySelectorAll('.jp-CodeCell .jp-InputPrompt')];
                return prompts.length > 0 && prompts.every(p => /\\[\\d+\\]/.test(p.textContent));
            }""",
            timeout=240_000,
        )
    except Exception:
        page.screenshot(path=str(ROOT / "_build" / f"lite-failed-{notebook}.png"))
        prompts = page.locator(".jp-CodeCell .jp-InputPrompt").all_inner_texts()
        outputs = page.locator(".jp-OutputArea-output").all_inner_texts()
        raise AssertionError(
            f"the cells did not all run: prompts {prompts}; kernel "
            f"{page.locator('.jp-Notebook-ExecutionIndicator').get_attribute('data-status')}; "
            f"outputs {[o[:300] for o in outputs]}; other hosts {lite_context.outside}"
        ) from None
    done = time.monotonic() - started
    # the cold start as a learner meets it: start page opened to every cell run
    print(
        f"{notebook}: kernel idle at {cold:.0f} s, every cell run at {done:.0f} s after the start page opened; "
        f"{_Handler.sent / 1e6:.1f} MB served (with the browser's cache off)"
    )

    outputs = page.locator(".jp-OutputArea-output")
    text = "\n".join(outputs.all_inner_texts())
    assert "Traceback" not in text, text
    assert page.locator(".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']").count() == 0
    assert "Error displaying widget" not in text
    # the exercise's controls are there and usable
    widget = page.locator(".coprod-ex-widget").first
    assert widget.locator("select, input, textarea, button").count() > 0
    # on a phone the controls are shown whole: no output put in a box that scrolls on its own
    # (Notebook 7's auto-scroll, off in the site's settings) and no control box scrolling sideways
    page.set_viewport_size({"width": 390, "height": 844})
    page.wait_for_timeout(500)
    assert page.locator(".jp-Cell.jp-mod-outputsScrolled").count() == 0
    sideways = page.evaluate(
        """() => [...document.querySelectorAll('.coprod-ex-widget *')].filter(e => {
            const s = getComputedStyle(e);
            return ['auto', 'scroll'].includes(s.overflowX) && e.scrollWidth > e.clientWidth + 1;
        }).map(e => `${e.className} ${e.scrollWidth}>${e.clientWidth}`)"""
    )
    assert sideways == [], sideways
    page.set_viewport_size({"width": 1280, "height": 1000})

    if notebook.startswith("ex1-"):
        _work_survives_closing_and_reopening(page)

    # the files it needed came from this site: no service worker from elsewhere
    for worker in lite_context.service_workers:
        assert worker.url.startswith(lite_url), worker.url
    assert lite_context.outside == [], f"requests to other hosts: {lite_context.outside}"
    assert errors == [], f"page errors: {errors}"


def _run_all(page) -> None:
    page.locator(".lm-MenuBar-itemLabel", has_text="Run").first.click()
    page.locator(".lm-Menu-itemLabel", has_text="Run All Cells").first.click()


def _kernel_idle(page) -> None:
    page.wait_for_function(
        "() => document.querySelector('.jp-Notebook-ExecutionIndicator')?.dataset.status === 'idle'",
        timeout=150_000,
    )


def _work_survives_closing_and_reopening(page) -> None:
    """A learner types, saves, closes the tab, comes back: the exercise shows as they left it, then their work."""
    mine = "Memory café, kept in this browser"
    service = page.get_by_label("Your service:")
    expect(page.locator(".coprod-ex-widget").first).to_contain_text("ex1-my-work.json", use_inner_text=True)
    service.fill(mine)
    page.get_by_label("Who plans it?").select_option(label="Users or community plan it alone")
    picture = page.locator(".coprod-ex-widget svg[role=img]").first
    expect(picture).to_have_attribute(
        "aria-label", re.compile("^Who plans by who delivers grid. Memory café")
    )
    # the kept file reaches the browser's storage (written at most a second after the last change), and
    # a summary reaches the course's record in this browser (the same site: the record pages read it)
    page.wait_for_function(
        """() => {
            const kept = JSON.parse(localStorage.getItem('coprod-course:v1') || '{}');
            const ex1 = (kept.elements || {}).ex1;
            return ex1 && ex1.kind === 'exercise' && ex1.state.text.includes('Memory café, kept in this browser')
                && ex1.state.text.includes('Users or community plan it alone');
        }""",
        timeout=15_000,
    )
    page.wait_for_timeout(1_500)
    page.locator(".lm-MenuBar-itemLabel", has_text="File").first.click()
    page.locator(".lm-Menu-itemLabel", has_text=re.compile(r"^Save")).first.click()
    expect(page.locator(".jp-NotebookPanel")).not_to_have_class(re.compile("jp-mod-dirty"))

    page.reload()  # as a learner closing the tab and opening the notebook again
    page.wait_for_selector(".jp-Notebook", timeout=60_000)
    _kernel_idle(page)
    # before anything runs: the picture of the exercise, never an error where the controls were
    expect(page.locator(".coprod-ex-fallback").first).to_be_visible(timeout=30_000)
    # the picture was redrawn as the learner worked: it shows their service, not the sample's
    expect(page.locator(".coprod-ex-fallback img[alt*='Memory café, kept in this browser']")).to_have_count(1)
    shown = page.locator(".jp-Notebook").inner_text()  # what is on screen (hidden outputs are left out)
    assert "model not found" not in shown and "Loading widget" not in shown, shown[:2000]

    _run_all(page)
    page.wait_for_function(
        """() => [...document.querySelectorAll('.coprod-ex-widget')].some(w => /is back/.test(w.textContent))""",
        timeout=240_000,
    )
    _kernel_idle(page)
    expect(page.get_by_label("Your service:")).to_have_value(mine)
    expect(page.get_by_label("Who plans it?")).to_have_value("Users or community plan it alone")
    # live again: the controls show and the picture above them is hidden
    expect(page.locator(".coprod-ex-fallback").first).to_be_hidden()


def test_the_sites_own_address_lists_the_exercises_and_downloads_nothing(lite_context, lite_url):
    # a learner who opens the browser version's address itself (a bookmark, a link shared in a workshop)
    # gets the five exercises to choose from, not JupyterLite's missing front page or an empty notebook
    page = lite_context.new_page()
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(f"{lite_url}/")
    page.wait_for_url("**/start.html")
    expect(page.get_by_role("heading", level=1)).to_have_text("The course's exercises in your browser")
    links = page.get_by_role("region", name="Choose an exercise").get_by_role("link")
    expect(links).to_have_count(len(EXERCISES))
    assert links.first.inner_text().startswith("Exercise 1")
    hrefs = [links.nth(i).get_attribute("href") for i in range(len(EXERCISES))]
    assert hrefs == [f"start.html?path=exercises%2F{name}" for name in EXERCISES]
    assert not page.get_by_role("progressbar").is_visible()
    assert not [url for url in requested if "/static/pyodide/" in url], "it started the 33 MB download"
    assert run_axe(page) == []
    # and each link starts its exercise
    links.first.click()
    page.wait_for_url(re.compile(r"/start\.html\?path=exercises%2Fex1-"))
    expect(page.locator("#first-start")).to_be_visible()
