"""The parts of the NMC Code a learner can tick in the NMC reflective account.

The data live in one file, ``coprod/static/nmc-code.json``: this module reads it
for the export templates (so the record page and its exports name the same parts)
and for the table on the exports page, with each part's source and the date it
was checked. Nothing here adds a reference of its own.
"""

from __future__ import annotations

import html
import json
from functools import cache
from pathlib import Path

__all__ = ["CODE_FILE", "code_parts", "code_table_html", "load_code", "show_code_parts"]

CODE_FILE = Path(__file__).resolve().parents[1] / "static" / "nmc-code.json"


@cache
def load_code() -> dict:
    """The data file, checked for the fields the page and the export use."""
    data = json.loads(CODE_FILE.read_text(encoding="utf-8"))
    seen: set[str] = set()
    for part in data["parts"]:
        for key in ("id", "kind", "label", "prompt", "source", "source_title", "checked"):
            if not str(part.get(key, "")).strip():
                raise ValueError(f"{CODE_FILE.name}: part {part.get('id', '?')!r} has no {key}")
        if part["kind"] not in ("theme", "section"):
            raise ValueError(f"{CODE_FILE.name}: part {part['id']!r}: kind must be theme or section")
        if part["kind"] == "section" and not part["label"].startswith(f"Section {part.get('number', '?')}:"):
            raise ValueError(
                f"{CODE_FILE.name}: part {part['id']!r}: a section's label starts 'Section <number>:'"
            )
        if part["label"] in seen:
            raise ValueError(f"{CODE_FILE.name}: two parts are labelled {part['label']!r}")
        seen.add(part["label"])
    return data


def code_parts() -> list[dict]:
    """The tickable parts, in order: label (what the export names), prompt, source, checked."""
    return [dict(p) for p in load_code()["parts"]]


def _date(iso: str) -> str:
    year, month, day = (int(x) for x in iso.split("-"))
    months = "January February March April May June July August September October November December".split()
    return f"{day} {months[month - 1]} {year}"


def _link(url: str, text: str) -> str:
    return f'<a href="{html.escape(url)}">{html.escape(text)}</a>'


def code_table_html() -> str:
    """The parts as a table for the exports page: what to tick, what to write, where it was checked."""
    data = load_code()
    code = data["code"]
    e = html.escape
    rows = []
    for p in data["parts"]:
        rows.append(
            "<tr>"
            f"<td><strong>{e(p['label'])}</strong><br><small>Checked against "
            f"{_link(p['source'], p['source_title'])}, {e(_date(p['checked']))}</small></td>"
            f"<td>{e(p['prompt'])}</td>"
            "</tr>"
        )
    return (
        '<div class="coprod-nmc-code">'
        f"<p>For the NMC reflective account, tick the parts of the Code below that your account relates to; "
        f"the export names each one you tick. Each has a prompt for the box "
        f"<em>How this is relevant to the Code</em>. Source: {e(code['publisher'])}, <em>{e(code['title'])}</em>, "
        f"{_link(code['url'], code['url'])}, checked {e(_date(code['checked']))}. "
        f"{e(code['next']['says'])} ({_link(code['next']['url'], 'NMC news, 22 December 2025')}, checked "
        f"{e(_date(code['next']['checked']))}.)</p>"
        '<div class="pst-scrollable-table-container"><table class="table coprod-nmc-code-table"><thead><tr><th scope="col">You can tick</th>'
        '<th scope="col">What to write about</th></tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table></div>"
        f"<p>{e(data['not_listed'])}</p>"
        "</div>"
    )


class CodeParts:
    """The table in a notebook cell or a built page (text/html, with a plain-text fallback)."""

    def __init__(self):
        self.html = code_table_html()

    def _repr_mimebundle_(self, **kwargs):
        text = "; ".join(p["label"] for p in code_parts())
        return {"text/html": self.html, "text/plain": f"NMC Code parts you can tick: {text}"}, {}


def show_code_parts() -> CodeParts:
    """The table for a page: ``show_code_parts()`` in a hidden code cell."""
    return CodeParts()
