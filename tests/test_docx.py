"""The Word export (coprod/static/record/docx.js) opened as Word opens it: a zip whose
word/document.xml holds the title, one heading per field and the learner's words."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

from browser_helpers import docx_paragraphs

ROOT = Path(__file__).resolve().parents[1]
NODE = shutil.which("node")
DOCX_LIB = ROOT / "node_modules" / "docx"

pytestmark = pytest.mark.skipif(NODE is None or not DOCX_LIB.is_dir(), reason="needs node and 'npm ci'")


def make_docx(tmp_path: Path, doc: dict) -> Path:
    out = tmp_path / "export.docx"
    subprocess.run(
        [NODE, str(ROOT / "tests" / "js" / "make_docx.mjs"), str(out)],
        input=json.dumps(doc),
        text=True,
        check=True,
        cwd=ROOT,
        timeout=120,
    )
    return out


LEARNER = "I asked Mr X what mattered to him & wrote it <down> before the round.\nThen I told the team."


def test_the_word_file_has_a_title_a_heading_per_field_and_the_learners_words(tmp_path: Path):
    doc = {
        "title": "NMC reflective account",
        "note": "Follows the NMC's written reflective account form for revalidation.",
        "meta": [
            ["Course", "Co-production in public services"],
            ["Name", ""],
            ["Prepared", "5 December 2026"],
        ],
        "sections": [
            {"heading": "What you learnt from it", "body": LEARNER + "\n\nA second \u0007paragraph."},
            {"heading": "How you changed your practice", "body": "   "},
            {"heading": "Themes of the Code", "body": "Prioritise people; Section 16: raising concerns"},
        ],
        "closing": [
            "The course's automatic check flagged nothing that looks identifying.",
            "A self-declared record.",
        ],
    }
    path = make_docx(tmp_path, doc)
    paras = docx_paragraphs(path)
    assert paras[0] == ("Title", "NMC reflective account")
    headings = [text for style, text in paras if style == "Heading1"]
    assert headings == ["What you learnt from it", "Themes of the Code"]  # the empty field is left out
    texts = [text for _style, text in paras]
    assert LEARNER in texts  # one paragraph, its line break kept, & and < > intact
    assert "A second paragraph." in texts  # the control character dropped, the rest kept
    assert "Course: Co-production in public services" in texts
    assert not any(t.startswith("Name:") for t in texts)  # no empty name line
    assert texts[-2:] == doc["closing"]
    whole = "\n".join(texts)
    assert "(left blank)" not in whole and "left blank" not in whole.lower()
    with zipfile.ZipFile(path) as z:
        core = z.read("docProps/core.xml").decode()
        styles = z.read("word/styles.xml").decode()
    assert "<dc:title>NMC reflective account</dc:title>" in core
    assert 'w:lang w:val="en-GB"' in styles
    assert re.search(r'w:ascii="Arial"', styles)
