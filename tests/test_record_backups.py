"""Restoring a backup, checked in Python as the record pages check it in the browser.

Every file in tests/fixtures/backups/ must be accepted, or refused with exactly the
message in expected.json, by model.py's validate_backup; tests/js/record_backups.test.mjs
checks the same files with model.js's validateBackup, so the two sides cannot drift.
"""

from __future__ import annotations

import copy
import json

import pytest

from conftest import ROOT
from coprod.record import RecordError, load_record, record_from_dict, validate_backup

BACKUPS = ROOT / "tests" / "fixtures" / "backups"
EXPECTED = json.loads((BACKUPS / "expected.json").read_text(encoding="utf-8"))
FILES = sorted(p.name for p in BACKUPS.glob("*.json") if p.name != "expected.json")


def test_every_backup_fixture_has_its_expected_result_and_every_result_its_file():
    assert sorted(EXPECTED["files"]) == FILES
    assert len(FILES) >= 40


@pytest.mark.parametrize("name", FILES)
def test_restore_gives_the_same_answer_as_the_record_pages(name):
    obj = json.loads((BACKUPS / name).read_text(encoding="utf-8"))
    before = copy.deepcopy(obj)
    data, message = validate_backup(obj, EXPECTED["course"])
    assert message == EXPECTED["files"][name]
    assert (data is None) == (message != "")
    assert obj == before  # checking a backup changes nothing in it


@pytest.mark.parametrize("name", [n for n in FILES if EXPECTED["files"][n]])
def test_a_refused_backup_is_refused_in_a_notebook_with_the_same_words(name):
    obj = json.loads((BACKUPS / name).read_text(encoding="utf-8"))
    with pytest.raises(RecordError) as err:
        record_from_dict(obj, name, manifest=EXPECTED["course"])
    assert str(err.value) == f"{name}: {EXPECTED['files'][name]}"


def test_load_record_checks_the_file_against_this_course(tmp_path):
    # the fixtures' course is not this one: its entries are refused as foreign
    path = tmp_path / "backup.json"
    path.write_text((BACKUPS / "good.json").read_text(encoding="utf-8"), encoding="utf-8")
    with pytest.raises(RecordError, match="not from this course"):
        load_record(path, root=ROOT)


def test_work_on_the_demo_of_a_reference_page_belongs_to_this_course(tmp_path):
    data = json.loads((ROOT / "tests" / "fixtures" / "record.json").read_text(encoding="utf-8"))
    data["data"]["elements"]["demo-reflection"] = {"kind": "reflection", "state": {"text": "trying it out"}}
    path = tmp_path / "backup.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    assert load_record(path, root=ROOT).reflection("demo-reflection") == "trying it out"
