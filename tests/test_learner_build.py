"""The learner edition leaves out facilitator notes, model answers and solutions, which the full site has."""

from __future__ import annotations

from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

HIDDEN = ("coprod-facilitator", "coprod-answer", "Notes for facilitators", 'class="solution')


def html_text(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): p.read_text(encoding="utf-8")
        for p in folder.rglob("*.html")
        if "_static" not in p.parts
    }


def test_learner_edition_has_no_facilitator_notes_answers_or_solutions(site, learner_site):
    full = html_text(site)
    assert any("coprod-facilitator" in t for t in full.values()), (
        "the full site should have facilitator notes"
    )
    learner = html_text(learner_site)
    assert set(learner) == set(full), "the learner edition should have the same pages"
    leaks = [(page, marker) for page, text in learner.items() for marker in HIDDEN if marker in text]
    assert leaks == []
    # the interactive elements are all still there
    assert sum(t.count('class="coprod-el ') for t in learner.values()) == sum(
        t.count('class="coprod-el ') for t in full.values()
    )
