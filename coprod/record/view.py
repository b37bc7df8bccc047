"""A record page's view: the HTML that ``coprod/static/record.js`` mounts, with a readable fallback.

On the site, the record pages call :func:`show_record`, whose ``text/html``
carries the part of the course manifest the view needs and what a reader
without JavaScript can use (the parts and their times, the reflection prompts,
the export templates' headings).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from html import escape
from pathlib import Path

from .manifest import record_manifest, view_manifest

__all__ = ["NOSCRIPT", "VIEWS", "RecordView", "record_html", "show_record"]

VIEWS = ("progress", "log", "journal", "exports", "backup", "restore", "clear", "statement")
NOSCRIPT = "Your record is kept in this browser; JavaScript is needed to show it."


def _json_script(data: dict) -> str:
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return f'<script type="application/json" class="coprod-rec-data">{text}</script>'


def _minutes(m: int) -> str:
    return f"{m} minutes"


def _fallback(view: str, manifest: dict, h: int) -> str:
    hx = f"h{min(h, 6)}"
    out = [f'<p class="coprod-rec-note"><strong>{NOSCRIPT}</strong> ']
    parts = manifest["parts"]
    if view == "progress":
        out.append("Here are the course's parts and the time each is expected to take.</p>")
        out.append(
            '<table class="coprod-rec-table"><caption>Parts of the course</caption><thead><tr>'
            '<th scope="col">Part</th><th scope="col">Expected time</th></tr></thead><tbody>'
        )
        out += [
            f'<tr><td><a href="{escape(p["href"])}">{escape(p["label"])}</a></td><td>{_minutes(p["minutes"])}</td></tr>'
            for p in parts
        ]
        out.append("</tbody></table>")
    elif view == "journal":
        out.append("Here are the course's reflection prompts, so you can answer them on paper.</p>")
        for p in parts:
            if not p["reflections"]:
                continue
            out.append(f"<{hx}>{escape(p['label'])}</{hx}><ol>")
            for rid in p["reflections"]:
                r = manifest["reflections"][rid]
                out.append(
                    f"<li><p><strong>{escape(r['title'])}</strong> "
                    f"({escape(manifest['stages'][r['stage']])})</p><p>{escape(r['prompt'])}</p></li>"
                )
            out.append("</ol>")
    elif view == "exports":
        out.append("Here are the templates the exports follow and their headings.</p>")
        for t in manifest["templates"]:
            out.append(
                f"<{hx}>{escape(t['name'])}</{hx}><p>{escape(t['for'])}. Follows {escape(t['follows'])}. "
                f"{escape(t['check'])}</p><ul>"
            )
            out += [f"<li>{escape(f['label'])}</li>" for f in t["fields"]]
            out.append("</ul>")
    elif view == "statement":
        out.append("The statement is made from what you did in the course in this browser.</p>")
    else:
        out.append("</p>")
    return "".join(out)


@dataclass
class RecordView:
    """One view of the learner's record, for a record page (static HTML driven by record.js)."""

    view: str
    html: str
    manifest: dict = field(repr=False)

    def _repr_mimebundle_(self, **kwargs):
        text = f"Your CPD record ({self.view}): {NOSCRIPT}"
        return {"text/html": self.html, "text/plain": text}, {}

    def __repr__(self) -> str:
        return f"<record view '{self.view}'>"


def record_html(view: str, manifest: dict, heading_level: int = 2) -> str:
    if view not in VIEWS:
        raise ValueError(f"unknown record view '{view}'; choose one of: {', '.join(VIEWS)}")
    return (
        f'<div class="coprod-record" data-coprod-module="record" data-view="{view}" data-heading="{heading_level}">'
        f"{_json_script(view_manifest(view, manifest))}"
        f'<div class="coprod-rec-fallback">{_fallback(view, manifest, heading_level)}</div></div>'
    )


def show_record(view: str, heading_level: int = 2, *, root: Path | None = None) -> RecordView:
    """A view of the learner's record: progress, log, journal, exports, backup, restore, clear or statement."""
    manifest = record_manifest(root)
    return RecordView(view, record_html(view, manifest, heading_level), manifest)
