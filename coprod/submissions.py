"""Submission files: what a learner hands in from the course, and the marker's view of a folder of them.

A submission file is JSON written by the learner's browser (``static/submission.js``)::

    {"format": "coprod-submission", "version": 1,
     "cover": {"name": ..., "course": ..., "item": ..., "item_title": ..., "note": ...},
     "created": "<ISO time>",
     "elements": {"<element id>": {"kind": ..., "state": {...}}}}

``elements`` holds only what the learner chose to include. Nothing here sends
anything anywhere; it reads files from a folder the marker chose.
"""

from __future__ import annotations

import html
import json
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from .content.graph import Step, dimension_profile

__all__ = [
    "FORMAT",
    "Submission",
    "SubmissionForm",
    "class_figures",
    "load_submissions",
    "marking_view",
    "rubric_criteria",
    "show_submission_form",
    "submission_items",
]

FORMAT = "coprod-submission"


@dataclass
class Submission:
    path: Path
    cover: dict
    elements: dict = field(default_factory=dict)


def load_submissions(folder: Path) -> tuple[list[Submission], list[str]]:
    """Every submission file in ``folder`` (``*.json``), and a sentence for each file that could not be read."""
    folder = Path(folder)
    if not folder.is_dir():
        raise FileNotFoundError(
            f"{folder}: no such folder. Save the learners' submission files into one folder and give its path."
        )
    subs, problems = [], []
    for path in sorted(folder.glob("*.json")):
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            problems.append(f"{path.name}: not a readable JSON file ({exc}); left out")
            continue
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            problems.append(
                f'{path.name}: not a course submission file (it has no "format": "{FORMAT}"); left out'
            )
            continue
        cover = data.get("cover") if isinstance(data.get("cover"), dict) else {}
        elements = data.get("elements") if isinstance(data.get("elements"), dict) else {}
        if not str(cover.get("name", "")).strip():
            problems.append(f"{path.name}: the cover sheet has no name; included as 'name not given'")
        subs.append(Submission(path, cover, elements))
    return subs, problems


def rubric_criteria(rubric: Path) -> list[str]:
    """The criteria of the marking rubric's table (``| **1. Description and focus** (15%) | ...``)."""
    rows = re.findall(
        r"^\| \*\*(\d+\. [^*]+)\*\*( \(\d+%\))?", Path(rubric).read_text(encoding="utf-8"), re.M
    )
    if not rows:
        raise ValueError(f"{rubric}: no rubric criteria found (rows starting '| **1. ...**')")
    return [name + weight for name, weight in rows]


def _scenario_steps(state: dict) -> list[Step]:
    steps = []
    for pair in state.get("path") or []:
        if isinstance(pair, (list, tuple)) and len(pair) == 2 and isinstance(pair[1], int):
            steps.append(Step(str(pair[0]), pair[1]))
    return steps


def class_figures(subs: list[Submission], course) -> dict:
    """Counts across the class, with no names: endings reached and dimensions the paths came back to.

    ``endings``: {scenario title: Counter(ending title -> learners)};
    ``dimensions``: {scenario title: Counter(dimension label -> learners whose path weighted it)}.
    """
    endings: dict[str, Counter] = {}
    dimensions: dict[str, Counter] = {}
    for sub in subs:
        for element_id, entry in sub.elements.items():
            if (
                not isinstance(entry, dict)
                or entry.get("kind") != "scenario"
                or element_id not in course.elements
            ):
                continue
            scenario = course.get(element_id).element
            state = entry.get("state") or {}
            seen = set()
            for key in state.get("reached") or []:
                ending_id = str(key).split(":", 1)[-1]
                if ending_id in scenario.endings and ending_id not in seen:
                    seen.add(ending_id)
                    endings.setdefault(scenario.title, Counter())[scenario.endings[ending_id].title] += 1
            try:
                profile = dimension_profile(
                    scenario,
                    [
                        s
                        for s in _scenario_steps(state)
                        if s.node in scenario.nodes and 0 <= s.choice < len(scenario.nodes[s.node].choices)
                    ],
                )
            except (KeyError, IndexError):
                profile = {}
            labels = {d.id: d.label for d in scenario.dimensions}
            for dim, weight in profile.items():
                if weight > 0:
                    dimensions.setdefault(scenario.title, Counter())[labels.get(dim, dim)] += 1
    return {"endings": endings, "dimensions": dimensions}


def _e(text) -> str:
    return html.escape(str(text))


def _learner_page(sub: Submission, course, criteria: list[str]) -> str:
    c = sub.cover
    parts = [
        f'<section class="learner"><h2>{_e(c.get("name") or "name not given")}</h2>',
        f"<p>Course: {_e(c.get('course', ''))}. Submitted for: {_e(c.get('item_title') or c.get('item', ''))}. "
        f"File: {_e(sub.path.name)}.</p>",
    ]
    if c.get("note"):
        parts.append(f"<p>Note from the learner: {_e(c['note'])}</p>")
    for element_id, entry in sub.elements.items():
        if not isinstance(entry, dict):
            continue
        state = entry.get("state") or {}
        known = course.elements.get(element_id)
        title = getattr(known.element, "title", element_id) if known else element_id
        if entry.get("kind") == "reflection" and str(state.get("text", "")).strip():
            prompt = getattr(known.element, "prompt", "") if known else ""
            parts.append(f"<h3>{_e(title)}</h3><p><em>{_e(prompt)}</em></p>")
            parts.extend(f"<p>{_e(p.strip())}</p>" for p in str(state["text"]).split("\n\n") if p.strip())
        elif entry.get("kind") == "scenario" and known:
            scenario = known.element
            reached = [
                scenario.endings[k.split(":", 1)[-1]].title
                for k in state.get("reached") or []
                if k.split(":", 1)[-1] in scenario.endings
            ]
            parts.append(
                f"<h3>{_e(scenario.title)}</h3><p>Endings reached: {_e('; '.join(reached) or 'none')}.</p>"
            )
    parts.append(
        '<table class="rubric"><caption>Rubric</caption><thead><tr><th scope="col">Criterion</th>'
        '<th scope="col">Not yet</th><th scope="col">Developing</th><th scope="col">Secure</th>'
        '<th scope="col">Excellent</th><th scope="col">Comment</th></tr></thead><tbody>'
    )
    for criterion in criteria:
        parts.append(f'<tr><th scope="row">{_e(criterion)}</th>' + "<td>☐</td>" * 4 + "<td></td></tr>")
    parts.append("</tbody></table></section>")
    return "\n".join(parts)


def marking_view(subs: list[Submission], course, criteria: list[str]) -> str:
    """An HTML document: class figures (no names) first, then one page per learner with the rubric."""
    figures = class_figures(subs, course)
    out = [
        '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Marking view</title>',
        "<style>body{font-family:sans-serif;max-width:50rem;margin:auto;line-height:1.45}"
        "section.learner{break-before:page}table{border-collapse:collapse;width:100%}"
        "th,td{border:1px solid #555;padding:.3rem;text-align:left;vertical-align:top}</style></head><body>",
        f"<h1>Marking view: {len(subs)} submission(s)</h1>",
        "<h2>The class, without names</h2>",
    ]
    for heading, key in (("Endings reached", "endings"), ("Dimensions the paths came back to", "dimensions")):
        out.append(f"<h3>{heading}</h3>")
        if not figures[key]:
            out.append("<p>No scenario in these submissions.</p>")
        for scenario, counts in sorted(figures[key].items()):
            rows = "".join(f"<tr><td>{_e(k)}</td><td>{n}</td></tr>" for k, n in counts.most_common())
            out.append(
                f'<table><caption>{_e(scenario)}</caption><thead><tr><th scope="col">{"Ending" if key == "endings" else "Dimension"}'
                f'</th><th scope="col">Learners</th></tr></thead><tbody>{rows}</tbody></table>'
            )
    out.extend(
        _learner_page(s, course, criteria)
        for s in sorted(subs, key=lambda s: str(s.cover.get("name", "")).lower())
    )
    out.append("</body></html>")
    return "\n".join(out)


def _chapter_title(root: Path, slug: str) -> str:
    for page in sorted((root / "book").rglob(f"{slug}.md")):
        match = re.search(r"^# (.+)$", page.read_text(encoding="utf-8"), re.M)
        if match:
            return match.group(1).strip()
    return slug


def submission_items(root: Path) -> dict:
    """What a learner can submit for: each chapter with its elements, and each suggested assignment."""
    from .content.loader import load_course
    from .packaging.cartridge import read_assignments

    course = load_course([root / "book"])
    chapters: dict[str, dict] = {}
    titles: dict[str, str] = {}
    for element_id, loaded in course.elements.items():
        element = loaded.element
        slug = element_id if element.kind == "scenario" else getattr(element, "module", None)
        if not slug:
            continue
        titles[element_id] = getattr(element, "title", element_id)
        chapters.setdefault(slug, {"title": _chapter_title(root, slug), "elements": []})["elements"].append(
            element_id
        )
    items = [
        {"id": slug, "title": c["title"], "elements": sorted(c["elements"])}
        for slug, c in sorted(chapters.items())
    ]
    assignments = [
        {"id": label, "title": f"Assignment: {title}", "elements": []}
        for label, title, _ in read_assignments(root / "book" / "instructors" / "assignments.md")
    ]
    return {"items": items + assignments, "titles": titles}


class SubmissionForm:
    """The learner's submission form: a cover sheet and a choice of what to include, saved as a file."""

    def __init__(self, root: Path | None = None):
        from .content.loader import find_content_root

        self.data = submission_items(Path(root) if root else find_content_root())

    def _repr_html_(self) -> str:
        payload = json.dumps(self.data, sort_keys=True).replace("</", "<\\/")
        return (
            '<div class="coprod-submission" data-coprod-module="submission">'
            f'<script type="application/json" class="coprod-submission-data">{payload}</script>'
            '<p class="coprod-submission-fallback">This form reads your work from this browser\'s storage, '
            "so it needs JavaScript. Open this page in the browser you used for the course.</p></div>"
        )


def show_submission_form(root: Path | None = None) -> SubmissionForm:
    return SubmissionForm(root)
