"""Submission files: the learner saves one in the browser (nothing sent), the marker's notebook reads a folder of them."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from playwright.sync_api import expect

from conftest import ROOT, run_axe
from coprod import load_course
from coprod.submissions import class_figures, load_submissions, marking_view, rubric_criteria

COURSE = load_course([ROOT / "book"])
RUBRIC = ROOT / "book" / "instructors" / "rubric.md"
RECORD = json.loads((ROOT / "tests" / "fixtures" / "record.json").read_text(encoding="utf-8"))["data"]


def submission(name: str, elements: dict, item: str = "surgery") -> dict:
    return {
        "format": "coprod-submission",
        "version": 1,
        "created": "2026-12-01T10:00:00Z",
        "cover": {"name": name, "course": "MSc Professional Practice", "item": item, "item_title": item},
        "elements": elements,
    }


def scenario_state(ending: str) -> dict:
    s = COURSE.get("surgery").element
    from coprod import enumerate_paths

    route = next(r for p in s.perspectives for r in enumerate_paths(s, p.id) if r.ending == ending)
    return {
        "kind": "scenario",
        "state": {
            "perspective": route.perspective,
            "path": [[st.node, st.choice] for st in route.steps],
            "reached": [f"{route.perspective}:{ending}"],
            "completed": True,
        },
    }


@pytest.fixture
def folder(tmp_path) -> Path:
    """Sample submissions as the browser writes them, plus two files a marker might drop in by mistake."""
    s = COURSE.get("surgery").element
    endings = list(s.endings)
    reflection = RECORD["elements"]["surgery-leave-it-to-you"]
    samples = {
        "a.json": submission(
            "Sam Taylor", {"surgery": scenario_state(endings[0]), "surgery-leave-it-to-you": reflection}
        ),
        "b.json": submission("Alex <b>Morgan</b>", {"surgery": scenario_state(endings[0])}),
        "c.json": submission("Jo Patel", {"surgery": scenario_state(endings[-1])}),
    }
    for name, data in samples.items():
        (tmp_path / name).write_text(json.dumps(data), encoding="utf-8")
    (tmp_path / "broken.json").write_text("{not json", encoding="utf-8")
    (tmp_path / "backup.json").write_text(json.dumps({"format": "coprod-course-record"}), encoding="utf-8")
    return tmp_path


def test_unreadable_and_foreign_files_are_named_and_left_out(folder):
    subs, problems = load_submissions(folder)
    assert sorted(s.cover["name"] for s in subs) == ["Alex <b>Morgan</b>", "Jo Patel", "Sam Taylor"]
    assert any(p.startswith("broken.json: not a readable JSON file") for p in problems)
    assert any(p.startswith("backup.json: not a course submission file") for p in problems)
    assert (folder / "broken.json").read_text() == "{not json"  # nothing changed


def test_class_figures_count_endings_and_dimensions_without_names(folder):
    subs, _ = load_submissions(folder)
    s = COURSE.get("surgery").element
    figures = class_figures(subs, COURSE)
    endings = figures["endings"][s.title]
    first, last = list(s.endings)[0], list(s.endings)[-1]
    assert endings[s.endings[first].title] == 2 and endings[s.endings[last].title] == 1
    assert figures["dimensions"][s.title], "the paths' dimensions should be counted"
    assert "Sam" not in json.dumps({k: {t: dict(c) for t, c in v.items()} for k, v in figures.items()})


def test_marking_view_has_a_page_per_learner_with_the_rubric_and_escapes_learner_text(folder):
    subs, _ = load_submissions(folder)
    criteria = rubric_criteria(RUBRIC)
    assert criteria[0].startswith("1. Description and focus") and len(criteria) == 5
    view = marking_view(subs, COURSE, criteria)
    assert view.count('<section class="learner">') == 3
    assert '<th scope="col">Ending</th>' in view and '<th scope="col">Dimension</th>' in view
    assert view.count("<caption>Rubric</caption>") == 3
    assert "Alex &lt;b&gt;Morgan&lt;/b&gt;" in view and "<b>Morgan</b>" not in view
    assert RECORD["elements"]["surgery-leave-it-to-you"]["state"]["text"][:40] in view
    names_at = min(view.index(n) for n in ("Sam Taylor", "Jo Patel"))
    assert view.index("Endings reached") < names_at  # the class figures come first, without names


def test_a_missing_folder_says_what_to_do(tmp_path):
    with pytest.raises(FileNotFoundError, match="Save the learners' submission files into one folder"):
        load_submissions(tmp_path / "nowhere")


def test_marking_notebook_runs_under_nbval_on_sample_submissions(folder):
    env = dict(os.environ, COPROD_SUBMISSIONS=str(folder), COPROD_ROOT=str(ROOT))
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "--nbval-lax",
            "-p",
            "no:cacheprovider",
            "-q",
            str(ROOT / "book" / "instructors" / "marking.ipynb"),
        ],
        cwd=folder,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
    view = (folder / "marking.html").read_text(encoding="utf-8")
    assert "Jo Patel" in view and "Rubric" in view


@pytest.mark.browser
def test_learner_saves_a_submission_file_and_nothing_is_sent(page, base_url):
    page.goto(f"{base_url}/book/record/submit.html")
    page.evaluate("data => localStorage.setItem('coprod-course:v1', JSON.stringify(data))", RECORD)
    page.reload()
    form = page.locator(".coprod-submission-form")
    form.get_by_label("Submitted for").select_option("surgery")
    # the chosen chapter's work is ticked, other chapters' is not
    assert form.locator("#sub-el-surgery").is_checked()
    assert not form.locator("#sub-el-m1-reflect-drivers").is_checked()
    form.get_by_role("button", name="Save submission file").click()
    expect(form.get_by_role("alert")).to_contain_text("Write your name", use_inner_text=True)
    form.get_by_label("Your name").fill("Sam Taylor")
    form.get_by_label("Course or module").fill("PGCert module 7")
    with page.expect_download() as info:
        form.get_by_role("button", name="Save submission file").click()
    saved = json.loads(Path(info.value.path()).read_text(encoding="utf-8"))
    assert saved["format"] == "coprod-submission"
    assert saved["cover"]["name"] == "Sam Taylor" and saved["cover"]["item"] == "surgery"
    assert "surgery" in saved["elements"] and "m1-reflect-drivers" not in saved["elements"]
    expect(form.get_by_role("status")).to_contain_text("Nothing has been sent", use_inner_text=True)
    assert run_axe(page, ".coprod-submission") == []
