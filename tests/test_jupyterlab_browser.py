"""An exercise notebook used the way a learner uses it: in JupyterLab, in Chromium.

Starts JupyterLab on 127.0.0.1 (a free port, no token or password) over a
temporary copy of exercises/, opens exercise 1, runs every cell from the Run
menu, changes a control and checks that the picture follows. The browser may
not reach any other host. The server is stopped at the end.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK = "ex1-where-does-your-service-sit.ipynb"
IDLE = "() => [...document.querySelectorAll('.jp-StatusBar-TextItem')].some(e => /\\bIdle\\b/.test(e.textContent))"


LIVE_NOTEBOOK = "live-element.ipynb"


def _live_element_notebook() -> dict:
    """A notebook that shows the demo scenario as a live widget, then reads the learner's path."""

    def cell(source: str) -> dict:
        return {"cell_type": "code", "metadata": {}, "execution_count": None, "outputs": [], "source": source}

    return {
        "nbformat": 4,
        "nbformat_minor": 5,
        "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}},
        "cells": [
            # a page's element reads the course from the book (the exercises need no repository)
            cell(
                "from pathlib import Path\nfrom coprod import show\n"
                f'w = show("demo-clinic-letter", root=Path({str(ROOT)!r}))\nw'
            ),
            cell('print("PATH", [(s.node, s.choice) for s in w.path])'),
        ],
    }


#: the lab's notebook folder, where the exercises keep a learner's work between the tests
_LAB: dict[str, Path] = {}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    """A JupyterLab server over a copy of exercises/; yields its base URL and stops it afterwards."""
    lab_exe = Path(sys.executable).parent / "jupyter-lab"
    if not lab_exe.exists():
        pytest.skip("JupyterLab is not installed in this environment")
    base = tmp_path_factory.mktemp("lab")
    notebooks = base / "notebooks"
    _LAB["notebooks"] = notebooks
    shutil.copytree(ROOT / "exercises", notebooks, ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    (notebooks / LIVE_NOTEBOOK).write_text(json.dumps(_live_element_notebook()))
    config = base / "config"
    (config / "labconfig").mkdir(parents=True)
    # no news pop-up (it would ask to fetch from the internet)
    (config / "labconfig" / "page_config.json").write_text(
        json.dumps(
            {
                "disabledExtensions": {"@jupyterlab/apputils-extension:announcements": True},
                "buildCheck": False,
                "buildAvailable": False,
            }
        )
    )
    # nothing the test does not need: no language-server scan, no terminals
    (config / "jupyter_server_config.json").write_text(
        json.dumps(
            {"ServerApp": {"jpserver_extensions": {"jupyter_lsp": False, "jupyter_server_terminals": False}}}
        )
    )
    port = _free_port()
    env = {
        # no COPROD_ROOT: the copied notebooks must run without the repository
        **{k: v for k, v in os.environ.items() if k != "COPROD_ROOT"},
        "JUPYTER_CONFIG_DIR": str(config),
        "JUPYTER_DATA_DIR": str(base / "data"),
        "JUPYTER_RUNTIME_DIR": str(base / "runtime"),
    }
    log = (base / "lab.log").open("w")
    server = subprocess.Popen(
        [
            str(lab_exe),
            "--no-browser",
            "--ServerApp.open_browser=False",
            "--allow-root",
            "--ServerApp.ip=127.0.0.1",
            f"--ServerApp.port={port}",
            "--ServerApp.port_retries=0",
            "--ServerApp.token=",
            "--ServerApp.password=",
            f"--ServerApp.root_dir={notebooks}",
            f"--LabApp.workspaces_dir={base / 'workspaces'}",
            f"--LabApp.user_settings_dir={base / 'settings'}",
        ],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"{url}/api/status", timeout=2) as response:
                    if response.status == 200:
                        break
            except OSError:
                pass
            if server.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("JupyterLab did not start:\n" + (base / "lab.log").read_text()[-3000:])
            time.sleep(0.3)
        yield url
    finally:
        server.terminate()  # the server shuts its kernels down on SIGTERM
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        log.close()


def test_a_learner_runs_exercise_1_and_the_picture_follows_the_controls(browser, lab):
    context = browser.new_context(viewport={"width": 1280, "height": 1000})
    page = context.new_page()
    outside, errors = [], []
    page.on("pageerror", lambda e: errors.append(str(e)))

    def route(r):
        url = r.request.url
        if url.startswith(lab) or url.startswith(("data:", "blob:")):
            r.continue_()
        else:
            outside.append(url)
            r.abort()

    page.route("**/*", route)
    try:
        page.goto(f"{lab}/lab/tree/{NOTEBOOK}?reset")
        page.wait_for_selector(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook", timeout=60_000)
        page.wait_for_function(IDLE, timeout=60_000)

        # a learner reads the first cell, then uses the Run menu
        assert (
            page.get_by_role(
                "heading", name="How to use this notebook if you have never used Jupyter"
            ).count()
            == 1
        )
        page.locator(".lm-MenuBar-itemLabel", has_text="Run").first.click()
        page.locator(".lm-Menu-itemLabel", has_text="Run All Cells").first.click()
        page.wait_for_selector(".coprod-ex-widget", state="attached", timeout=60_000)
        page.wait_for_function(IDLE, timeout=60_000)

        plan = page.get_by_label("Who plans it?")
        deliver = page.get_by_label("Who delivers it?")
        plan.scroll_into_view_if_needed()
        picture = page.locator(".coprod-ex-widget svg[role=img]").first
        before = picture.get_attribute("aria-label")
        assert "is in the cell: Users help deliver a professional plan (co-delivery)" in before

        plan.select_option(label="Users or community plan it alone")
        deliver.select_option(label="Users or community deliver it")
        page.wait_for_function(
            "() => document.querySelector('.coprod-ex-widget svg[role=img]')"
            ".getAttribute('aria-label').includes('is in the cell: Community self-help')",
            timeout=20_000,
        )
        page.get_by_label("Your service:").fill("Memory café <b>run by volunteers</b>")
        page.get_by_label("Your service:").press("Tab")
        page.wait_for_function(
            "() => document.querySelector('.coprod-ex-widget svg[role=img]').getAttribute('aria-label')"
            ".startsWith('Who plans by who delivers grid. Memory café <b>run by volunteers</b> is in')",
            timeout=20_000,
        )
        widget = page.locator(".coprod-ex-widget").first
        assert widget.locator("b").count() == 0  # the learner's text is shown, not obeyed
        expect(widget).to_contain_text(
            "Your placement: Memory café <b>run by volunteers</b>", use_inner_text=True
        )
        assert (
            widget.get_by_role("link", name="Download the picture (SVG)")
            .get_attribute("href")
            .startswith("data:image/svg+xml")
        )
        # the checked table under the controls came out too
        assert page.locator("caption", has_text="The grid, cell by cell").count() == 1
        assert outside == [], f"requests to other hosts: {outside}"
        assert errors == [], f"page errors: {errors}"
    finally:
        context.close()


def test_the_engine_runs_live_in_jupyterlab_and_python_reads_the_path(browser, lab):
    """The same ES module as the site, as an anywidget view: play, then read the path from the kernel."""
    context = browser.new_context(viewport={"width": 1280, "height": 1000})
    page = context.new_page()
    errors, console = [], []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: console.append(f"{m.type}: {m.text}"))
    page.route(
        "**/*", lambda r: r.continue_() if r.request.url.startswith((lab, "data:", "blob:")) else r.abort()
    )
    try:
        page.goto(f"{lab}/lab/tree/{LIVE_NOTEBOOK}?reset")
        page.wait_for_selector(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook", timeout=60_000)
        page.wait_for_function(IDLE, timeout=60_000)
        page.locator(".lm-MenuBar-itemLabel", has_text="Run").first.click()
        page.locator(".lm-Menu-itemLabel", has_text="Run All Cells").first.click()
        live = page.locator(".coprod-live.coprod-scenario")
        live.wait_for(timeout=60_000)
        page.wait_for_function(IDLE, timeout=60_000)
        live.get_by_role("button", name="Play as The clinic manager").click()
        live.locator('.coprod-choice[data-choice="0"]').click()
        expect(live).to_contain_text("Two patients come", use_inner_text=True)
        # run the second cell again: the kernel now holds the learner's path
        second = page.locator(".jp-Notebook .jp-CodeCell").nth(1)
        second.locator(".cm-content").click()
        page.keyboard.press("Shift+Enter")
        page.wait_for_function(
            "() => [...document.querySelectorAll('.jp-OutputArea-output')].some(e => e.textContent.includes(\"PATH [('start', 0)]\"))",
            timeout=30_000,
        )
        assert errors == [], f"page errors: {errors}"
        # anywidget warns in the console when a module uses its deprecated API (a named render export)
        noisy = [line for line in console if "anywidget" in line.lower() or "deprecat" in line.lower()]
        assert noisy == [], f"warnings about the widget module: {noisy}"
    finally:
        context.close()


def _open_and_run(page, lab: str, notebook: str) -> None:
    # each journey starts from the sample, not from what an earlier test left kept beside the notebook
    for kept in _LAB["notebooks"].glob("*-my-work*.json"):
        kept.unlink()
    page.goto(f"{lab}/lab/tree/{notebook}?reset")
    page.wait_for_selector(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook", timeout=60_000)
    page.wait_for_function(IDLE, timeout=60_000)
    page.locator(".lm-MenuBar-itemLabel", has_text="Run").first.click()
    page.locator(".lm-Menu-itemLabel", has_text="Run All Cells").first.click()
    page.wait_for_selector(".coprod-ex-widget[data-lm-suppress-shortcuts]", state="attached", timeout=60_000)
    page.wait_for_function(IDLE, timeout=60_000)


def _cells(page) -> list[str]:
    """Each cell's type, in order: what a stray shortcut would change."""
    return page.eval_on_selector_all(
        ".jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook .jp-Cell",
        "cells => cells.map(c => c.classList.contains('jp-MarkdownCell') ? 'markdown' : 'code')",
    )


# keys that, in command mode, would add (a, b), convert (m, y) or cut (x) a cell, or move to the next one (↓)
STRAY = ["a", "b", "m", "y", "x", "ArrowDown", "ArrowUp"]


def _answer_by_keyboard(page, asking: str, answer: str) -> None:
    """Press the button that asks first, then the answer, by keyboard; focus goes back to the asking button
    (the answer buttons are hidden again), not to the top of the page."""
    page.get_by_role("button", name=asking, exact=True).focus()
    page.keyboard.press("Enter")
    reply = page.get_by_role("button", name=answer)
    reply.wait_for(timeout=20_000)
    reply.focus()
    page.keyboard.press("Enter")
    page.wait_for_function(f"document.activeElement?.textContent.trim() === {asking!r}", timeout=10_000)


def test_exercise_1_by_keyboard_changes_the_controls_and_never_the_notebook(browser, lab):
    context = browser.new_context(viewport={"width": 1280, "height": 1000})
    page = context.new_page()
    try:
        _open_and_run(page, lab, NOTEBOOK)
        before = _cells(page)
        plan = page.get_by_label("Who plans it?")
        plan.focus()
        start = plan.input_value()
        page.keyboard.press("ArrowDown")
        assert plan.input_value() != start  # ↓ changed the drop-down, not the cell
        for key in STRAY:
            page.keyboard.press(key)
        assert page.evaluate("document.activeElement.tagName") == "SELECT"
        page.keyboard.press("Tab")  # on to the next control, by keyboard
        page.keyboard.press("Tab")
        page.keyboard.type("Memory café")
        for key in STRAY:
            page.keyboard.press(key)
        assert _cells(page) == before, "a key typed in the exercise reached the notebook"
        # Ctrl+S, typed without leaving the text box, saves the notebook (JupyterLab ignores shortcuts typed
        # inside the exercise, so the guard hands this one to the notebook)
        saved = _LAB["notebooks"] / NOTEBOOK
        stamp = saved.stat().st_mtime_ns
        page.keyboard.press("Control+s")
        page.wait_for_function(
            "() => !document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden).jp-mod-dirty')",
            timeout=10_000,
        )
        for _ in range(50):
            if saved.stat().st_mtime_ns != stamp:
                break
            page.wait_for_timeout(200)
        assert saved.stat().st_mtime_ns != stamp, "Ctrl+S in the exercise did not save the notebook"
        assert page.evaluate("document.activeElement.tagName") in (
            "INPUT",
            "TEXTAREA",
        )  # still where they were
        # and Ctrl+Shift+C opens the command palette, where "Run All Cells" is
        page.keyboard.press("Control+Shift+c")
        expect(page.locator(".lm-CommandPalette-input")).to_be_focused(timeout=5_000)
        page.keyboard.press("Escape")
        assert _cells(page) == before
    finally:
        context.close()


def test_exercise_5_by_keyboard_ticks_chooses_and_keeps_the_text_and_the_notebook(browser, lab):
    context = browser.new_context(viewport={"width": 1280, "height": 1000})
    page = context.new_page()
    try:
        _open_and_run(page, lab, "ex5-co-production-agreement.ipynb")
        before = _cells(page)
        # the checklist reads as a list: every box in one column, each question starting beside its box
        lefts = page.eval_on_selector_all(
            ".coprod-ex-widget input[type=checkbox]",
            "boxes => boxes.map(b => b.getBoundingClientRect().left)",
        )
        assert len(lefts) == 8 and max(lefts) - min(lefts) < 2, lefts
        first = page.locator(".coprod-ex-widget input[type=checkbox]").nth(1)
        first.focus()
        ticked = first.is_checked()
        page.keyboard.press("Space")
        assert first.is_checked() != ticked
        for key in STRAY:
            page.keyboard.press(key)
        time_box = page.get_by_label("Partners' time:")
        time_box.focus()
        was = time_box.input_value()
        page.keyboard.press("ArrowDown")
        assert time_box.input_value() != was
        _answer_by_keyboard(page, "Start with an empty form", "No, keep what I wrote")
        for key in STRAY:
            page.keyboard.press(key)
        assert "locality team" in page.get_by_label("Service or team: (sample)").input_value()
        assert _cells(page) == before, "a key typed in the exercise reached the notebook"
        # and after "Yes", too
        _answer_by_keyboard(page, "Start with an empty form", "Yes, empty the form")
    finally:
        context.close()


def test_focus_stays_on_a_download_link_the_exercise_redraws_and_on_start_again(browser, lab):
    """A keyboard user on a link the exercise redraws (after a change), or answering Start again's question,
    stays where they were: the browser would otherwise drop their focus to the top of the page."""
    context = browser.new_context(viewport={"width": 1280, "height": 1000})
    page = context.new_page()
    link = 'a[download="my-service-placement.md"]'
    try:
        _open_and_run(page, lab, NOTEBOOK)
        # the learner changes "Why there?" and at once tabs on to the note's download link; the kernel then
        # redraws the result, link and all, while the link has focus
        page.get_by_label("Why there?").evaluate(
            """(box, link) => {
                box.value += ' Redrawn.';
                box.dispatchEvent(new Event('input', { bubbles: true }));
                const a = document.querySelector(link);
                a.dataset.before = 'yes';
                a.focus();
            }""",
            link,
        )
        page.wait_for_function(
            f"document.querySelector('{link}') && !document.querySelector('{link}[data-before]')"
        )
        assert page.evaluate("document.activeElement.getAttribute('download')") == "my-service-placement.md"
        _answer_by_keyboard(page, "Start again", "No, keep what I wrote")
        assert "Redrawn." in page.get_by_label("Why there?").input_value()
    finally:
        context.close()


@pytest.mark.parametrize(
    "notebook",
    [
        "ex2-reading-policy-critically.ipynb",
        "ex3-your-path-through-a-scenario.ipynb",
        "ex4-who-holds-the-power.ipynb",
    ],
)
def test_the_other_exercises_keep_keys_in_their_controls(browser, lab, notebook):
    context = browser.new_context(viewport={"width": 1280, "height": 1000})
    page = context.new_page()
    try:
        _open_and_run(page, lab, notebook)
        before = _cells(page)
        # the notebook's first drop-down list (ex3's list of scenarios in the sample record has two)
        choose = page.locator(".coprod-ex-widget select").first
        choose.focus()
        was = choose.input_value()
        page.keyboard.press("ArrowDown")
        assert choose.input_value() != was
        for key in STRAY:
            page.keyboard.press(key)
        # a text box where there is one (ex3 has none: it reads a file), then a button, by keyboard
        boxes = page.locator(".coprod-ex-widget textarea, .coprod-ex-widget input[type=text]")
        if boxes.count():
            boxes.first.focus()
            page.keyboard.type("mab")
            assert "mab" in boxes.first.input_value()
        page.locator(".coprod-ex-widget button").first.focus()
        page.keyboard.press("Enter")
        page.wait_for_function(IDLE, timeout=30_000)
        for key in STRAY:
            page.keyboard.press(key)
        assert _cells(page) == before, "a key typed in the exercise reached the notebook"
    finally:
        context.close()
