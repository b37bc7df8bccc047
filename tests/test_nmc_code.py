"""The NMC Code parts a learner can tick: one data file, every part sourced to the NMC's
own site with the date it was checked, shown on the exports page with its prompt."""

from __future__ import annotations

import json

from coprod.record.nmc_code import CODE_FILE, code_parts, code_table_html, load_code

THEMES = ["Prioritise people", "Practise effectively", "Preserve safety", "Promote professionalism and trust"]


def test_the_four_themes_are_there_in_the_codes_order_each_with_a_prompt():
    parts = code_parts()
    assert [p["label"] for p in parts if p["kind"] == "theme"] == THEMES
    for p in parts:
        assert p["prompt"].endswith((".", "?")) and len(p["prompt"].split()) >= 12


def test_every_part_names_an_nmc_page_and_the_day_it_was_checked():
    data = load_code()
    assert data["code"]["checked"] == "2026-12-05"
    assert data["code"]["url"].startswith("https://www.nmc.org.uk/")
    for p in data["parts"]:
        assert p["source"].startswith("https://www.nmc.org.uk/"), p["id"]
        assert p["checked"] == "2026-12-05", p["id"]


def test_a_section_is_named_by_number_and_short_title():
    sections = [p for p in code_parts() if p["kind"] == "section"]
    assert sections, "at least one section of the Code checked against the NMC's own text"
    for p in sections:
        assert p["label"].startswith(f"Section {p['number']}: ")


def test_the_page_table_shows_each_part_its_prompt_and_the_date_checked():
    html = code_table_html()
    for p in code_parts():
        assert p["label"] in html
    assert html.count("5 December 2026") >= len(code_parts()) + 1
    assert "could not find the NMC" in html  # says plainly what was not checked


def test_the_file_is_plain_json_the_browser_can_import():
    assert json.loads(CODE_FILE.read_text(encoding="utf-8"))["parts"]


def test_a_change_to_the_code_data_re_runs_the_page_that_shows_it(monkeypatch):
    """The exports page's cells are stamped with a digest of the data: edit the file, the page runs again."""
    from pathlib import Path
    from types import SimpleNamespace

    from coprod.sphinx.content import stamp_calls

    root = Path(__file__).resolve().parents[1]
    app = SimpleNamespace(srcdir=str(root), env=SimpleNamespace(note_dependency=lambda path: None))

    def stamped() -> str:
        source = ["from coprod.record import show_code_parts\nshow_code_parts()\n"]
        stamp_calls(app, "book/record/exports", source)
        return source[0]

    before = stamped()
    assert "show_code_parts()  # record " in before
    real = Path.read_bytes
    monkeypatch.setattr(
        Path, "read_bytes", lambda self: real(self) + (b" " if self.name == CODE_FILE.name else b"")
    )
    assert stamped() != before
