"""The content checker: every broken file gets the message an author needs, at the right line."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from coprod import load_course, load_file

BROKEN = Path(__file__).parent / "broken"
ROOT = Path(__file__).resolve().parents[1]


def _expectation(path: Path) -> str:
    first = path.read_text(encoding="utf-8").splitlines()[0]
    match = re.match(r"# expect: (.*)$", first)
    assert match, f"{path.name} must start with '# expect: <line>: <message>'"
    return match.group(1)


@pytest.mark.parametrize("path", sorted(BROKEN.glob("*.yml")), ids=lambda p: p.stem)
def test_broken_file_is_reported_with_file_line_and_field(path: Path):
    element, problems = load_file(path)
    shown = [str(p) for p in problems]
    expected = _expectation(path)
    assert problems, f"{path.name} was accepted"
    assert any(expected in s for s in shown), f"expected '{expected}' in:\n" + "\n".join(shown)
    assert all(s.startswith(f"{p.path}:{p.line}:") for s, p in zip(shown, problems, strict=True))


def test_every_course_file_is_valid():
    course = load_course([ROOT / d for d in ("book", "exercises") if (ROOT / d).is_dir()])
    assert [str(p) for p in course.problems] == []
    kinds = {loaded.element.kind for loaded in course.elements.values()}
    assert kinds == {"scenario", "selfcheck", "reflection"}


def test_duplicate_id_across_files_names_both_places(tmp_path: Path):
    text = "kind: reflection\nid: same\nmodule: m\ntitle: T\nstage: feelings\nprompt: P\nguidance: G\n"
    (tmp_path / "a.yml").write_text(text)
    (tmp_path / "b.yml").write_text(text)
    course = load_course([tmp_path])
    assert len(course.problems) == 1
    message = str(course.problems[0])
    assert "b.yml:2: id: 'same' is already used by" in message and "a.yml:2" in message


def test_checker_command_prints_every_problem_and_exits_1():
    files = [str(BROKEN / "two-correct.yml"), str(BROKEN / "unknown-target.yml")]
    result = subprocess.run([sys.executable, "-m", "coprod", "check", *files], capture_output=True, text=True)
    assert result.returncode == 1
    assert "two-correct.yml:9:" in result.stdout and "unknown-target.yml:15:" in result.stdout
    # both files use the id "broken", which is a third problem
    assert "3 problem(s)" in result.stderr


def test_checker_command_passes_on_the_course():
    result = subprocess.run(
        [sys.executable, "-m", "coprod", "check"], capture_output=True, text=True, cwd=ROOT
    )
    assert result.returncode == 0, result.stdout
    assert result.stdout.startswith("all content valid")


def test_checker_names_a_missing_path():
    result = subprocess.run(
        [sys.executable, "-m", "coprod", "check", "no/such.yml"], capture_output=True, text=True
    )
    assert result.returncode == 2 and "no/such.yml: no such file" in result.stderr


def test_the_committed_json_schema_is_current():
    # authors' editors validate YAML against this file; a schema change must regenerate it
    result = subprocess.run(
        [sys.executable, "-m", "coprod", "schema"], capture_output=True, text=True, check=True
    )
    committed = (ROOT / "coprod" / "content" / "content.schema.json").read_text(encoding="utf-8")
    assert result.stdout == committed, "run: python -m coprod schema --out coprod/content/content.schema.json"


def test_the_json_schema_rejects_what_the_checker_rejects():
    jsonschema = pytest.importorskip("jsonschema")
    import json

    from ruamel.yaml import YAML

    schema = json.loads((ROOT / "coprod" / "content" / "content.schema.json").read_text(encoding="utf-8"))
    good = YAML(typ="safe").load((ROOT / "book" / "reference" / "demo" / "demo-reflection.yml").read_text())
    jsonschema.validate(good, schema)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({**good, "stage": "reflection"}, schema)
