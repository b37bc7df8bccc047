"""The PDF command prints the built course and each printable, offline, with the text a reader needs."""

from __future__ import annotations

import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
from pypdf import PdfReader

from conftest import COURSE, ROOT, SCENARIO_IDS

pytestmark = pytest.mark.slow


def text_of(pdf: Path) -> str:
    # NFKC folds the ligatures the PDF's fonts use ("ﬁ") back into letters
    raw = " ".join(page.extract_text() for page in PdfReader(str(pdf)).pages)
    return " ".join(unicodedata.normalize("NFKC", raw).split())


@pytest.fixture(scope="module")
def pdfs(site, tmp_path_factory):
    out = tmp_path_factory.mktemp("pdf")
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "coprod",
            "pdf",
            "--site",
            str(site),
            "--toc",
            str(ROOT / "_toc.yml"),
            "--out",
            str(out),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    return out


def test_course_pdf_has_every_module_title_and_every_scenario_choice(pdfs):
    text = text_of(pdfs / "course.pdf")
    for title in (
        "1. The promise of co-production",
        "2. Rhetoric and the chalkface",
        "3. One size does not fit all",
        "4. Critical voices",
        "5. Co-production in practice",
    ):
        assert title in text, title
    for name in SCENARIO_IDS:
        scenario = COURSE.get(name).element
        for node in scenario.nodes.values():
            for choice in node.choices:
                assert " ".join(choice.label.split())[:60] in text, f"{name}: {choice.label}"


def test_each_printable_has_its_own_pdf(pdfs):
    names = sorted(p.name for p in (pdfs / "printables").glob("*.pdf"))
    pages = sorted(
        p.stem + ".pdf" for p in (ROOT / "book" / "workshop" / "printables").glob("*.md") if p.stem != "index"
    )
    assert names == pages
    assert {"answer-sheets.pdf", *(f"{s}.pdf" for s in SCENARIO_IDS)} <= set(names)
    cards = text_of(pdfs / "printables" / "surgery.pdf")
    assert "What do you do?" in cards and "Facilitator copy" in cards
