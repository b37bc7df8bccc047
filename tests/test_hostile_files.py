"""Hostile and mistaken content files: the checker never hangs or crashes, and says what to fix where.

``tests/hostile/`` holds the files (bad encodings, alias bombs, deep nesting,
invisible text, wrong types, broken graphs); ``expected.yml`` beside them
holds the first problem each must produce, line and field included.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from coprod import load_course, load_file

HOSTILE = Path(__file__).parent / "hostile"
EXPECTED: dict[str, str] = dict(YAML(typ="safe").load(HOSTILE / "expected.yml"))


def test_the_corpus_is_large_and_every_file_has_an_expectation():
    files = sorted(p.name for p in HOSTILE.glob("*.yml") if p.name != "expected.yml")
    assert len(files) >= 60
    assert sorted(EXPECTED) == files


@pytest.mark.parametrize("name", sorted(EXPECTED), ids=lambda n: n.removesuffix(".yml"))
def test_hostile_file_gets_its_message_at_its_line(name: str, monkeypatch):
    monkeypatch.chdir(HOSTILE)
    _loaded, problems = load_file(Path(name))
    assert problems, f"{name} was accepted"
    first = problems[0]
    assert f"{first.line}: {first.field + ': ' if first.field else ''}{first.message}" == EXPECTED[name]
    assert str(first).startswith(f"{name}:{first.line}: ")
    assert "\n" not in str(first) and len(str(first)) < 400


def test_alias_bomb_is_refused_without_expanding(tmp_path: Path):
    # run in a child process so that a regression shows as a timeout, not a hung test session
    code = f"from pathlib import Path; from coprod import load_file; print(load_file(Path({str(HOSTILE / 'r-alias-bomb.yml')!r}))[1][0])"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert "aliases (*name) expand to far more values than the file holds" in result.stdout


def _big_scenario(nodes: int) -> str:
    lines = [
        "kind: scenario",
        "id: big",
        "title: Big",
        "summary: S",
        "time_minutes: 30",
        "setting:",
        "  service: S",
        "  jurisdiction: England",
        "perspectives:",
        "  - id: p",
        "    label: P",
        "    description: D",
        "    start: n0",
        "dimensions:",
        "  - id: d",
        "    label: D",
        "nodes:",
    ]
    for i in range(nodes):
        following = f"n{i + 1}" if i + 1 < nodes else "end1"
        lines += [
            f"  n{i}:",
            "    text: |",
            "      " + "A long scene about the service. " * 40,
            "    choices:",
            f"      - label: Go on {i}",
            f"        next: {following}",
            "        consequence: " + "C" * 300,
            "        feedback: " + "F" * 300,
            "        dimensions: {d: 1}",
            f"      - label: Stop {i}",
            "        next: end2",
            "        consequence: C",
            "        feedback: F",
        ]
    lines += [
        "endings:",
        "  end1: {title: E1, kind: good, text: T}",
        "  end2: {title: E2, kind: bad, text: T}",
    ]
    return "\n".join(lines) + "\n"


def test_a_large_valid_scenario_is_read_in_full(tmp_path: Path):
    path = tmp_path / "big.yml"
    path.write_text(_big_scenario(600))
    loaded, problems = load_file(path)
    assert problems == []
    assert len(loaded.element.nodes) == 600


def _book(tmp_path: Path, see: str, module: str) -> Path:
    book = tmp_path / "book"
    (book / "modules").mkdir(parents=True)
    (book / "modules" / "m1.md").write_text("# Module 1\n\n(m1-section)=\n## A section\n")
    scenario = (HOSTILE / "s-bool-weight.yml").read_text().replace("{voice: true}", "{voice: 1}")
    scenario = scenario.replace(
        "        feedback: F\n        dimensions",
        f"        see: {see}\n        feedback: F\n        dimensions",
    )
    (book / "s1.yml").write_text(scenario)
    (book / "r.yml").write_text(
        f"kind: reflection\nid: r1\nmodule: {module}\ntitle: T\nstage: feelings\nprompt: P\nguidance: G\n"
    )
    return book


def test_links_that_the_build_would_break_are_reported(tmp_path: Path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    course = load_course([_book(tmp_path, see="m9-missing", module="m7")])
    shown = sorted(str(p) for p in course.problems)
    assert shown == [
        "book/r.yml:3: module: 'm7' is neither a page of the book nor a scenario; use the page's file name "
        "without '.md' (e.g. 'm1-promise') or the scenario's id",
        "book/s1.yml:24: nodes.n1.choices[0].see: no section labelled 'm9-missing' in the book; "
        "add '(m9-missing)=' above the heading or use an existing label",
    ]


def test_links_to_existing_sections_pages_and_scenarios_pass(tmp_path: Path):
    assert load_course([_book(tmp_path, see="m1-section", module="m1")]).problems == []
    assert load_course([_book(tmp_path / "again", see="m1-section", module="s1")]).problems == []
