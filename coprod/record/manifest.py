"""The course manifest: what the record pages need to know about the course, as plain data.

Built from the course's YAML and its pages (titles, times to learn, which
prompts a page shows), cached until a page or the table of contents changes,
and carried in each record page's HTML for ``coprod/static/record.js``.
"""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path

from ruamel.yaml import YAML

from ..content.course import course
from ..content.loader import find_content_root
from ..content.schema import Reflection, Scenario, SelfCheck
from ..privacy import find_identifying
from .model import known_elements
from .templates import STAGE_LABELS, TEMPLATES

__all__ = [
    "fictional_names",
    "module_minutes",
    "page_title",
    "record_manifest",
    "scenario_page_minutes",
    "view_manifest",
]

_FRONT = re.compile(r"\A---\n.*?\n---\n", re.S)
_TITLE = re.compile(r"^#\s+(.+?)\s*$", re.M)
_TIME_TO_COMPLETE = re.compile(
    r"\*\*Time to complete:\*\*\s*(?:alone,\s*)?(?:about\s+)?(?:(\d+)\s*[–-]\s*)?(\d+)\s+minutes"
)
_SHOW = re.compile(r"""show(?:_\w+)?\(\s*["']([a-z0-9-]+)["']""")
_MODULE_TITLE = re.compile(r"^(\d+)\.\s+(.+)$")
_EXERCISE_FILE = re.compile(r"^(ex[1-9])-")
_EXERCISE_MINUTES = re.compile(r"\*\*Time:\*\* about (\d+)")
#: what each exercise writes to the record when it runs on the course's site (coprod/exercises: record=...):
#: exercise 2 has two parts; exercise 3 writes nothing, since what it reads is the record itself
EXERCISE_ENTRIES = {"ex2": ["ex2", "ex2-own-document"], "ex3": []}


def exercises(root: Path) -> list[dict]:
    """The exercise notebooks, in order: id, title, page (from the record pages), minutes and record entries."""
    out = []
    for path in sorted((root / "exercises").glob("ex*.ipynb")):
        match = _EXERCISE_FILE.match(path.name)
        if not match:
            continue
        cells = json.loads(path.read_text(encoding="utf-8")).get("cells", [])
        text = "".join("".join(c.get("source", [])) for c in cells[:2] if c.get("cell_type") == "markdown")
        title = next((line[2:].strip() for line in text.splitlines() if line.startswith("# ")), path.stem)
        minutes = _EXERCISE_MINUTES.search(text)
        ex_id = match.group(1)
        out.append(
            {
                "id": ex_id,
                "title": title,
                "href": f"../../exercises/{path.stem}.html",
                "minutes": int(minutes.group(1)) if minutes else None,
                "entries": EXERCISE_ENTRIES.get(ex_id, [ex_id]),
            }
        )
    return out


def _page_text(path: Path) -> str:
    text = path.read_text(encoding="utf-8")
    return _FRONT.sub("", text, count=1)


def page_title(path: Path) -> str:
    """The page's first level-1 heading."""
    text = re.sub(r"^(```|~~~).*?^\1", "", _page_text(path), flags=re.S | re.M)
    match = _TITLE.search(text)
    if not match:
        raise ValueError(f"{path}: no '# title' heading")
    return match.group(1)


def module_minutes(path: Path) -> int:
    """A module's learning time, from its page's front matter (``myst: substitutions: time_to_learn``).

    The page's own "Time to learn" line shows the same value through the substitution, so the two
    cannot disagree.
    """
    front = _FRONT.match(path.read_text(encoding="utf-8"))
    data = YAML(typ="safe").load(front.group(0).strip("-\n")) if front else None
    value = ((data or {}).get("myst") or {}).get("substitutions", {}).get("time_to_learn")
    if not isinstance(value, int) or isinstance(value, bool) or value <= 0:
        raise ValueError(
            f"{path}: its front matter needs 'myst: substitutions: time_to_learn: N' (a whole number of "
            "minutes); the page's 'Time to learn' line and the CPD record's hours both read it"
        )
    return value


def scenario_page_minutes(path: Path) -> int | None:
    """A scenario's 'Time to complete' for one perspective, from its page (the upper end of a range)."""
    match = _TIME_TO_COMPLETE.search(_page_text(path))
    return int(match.group(2)) if match else None


def _toc_files(root: Path) -> list[str]:
    toc = root / "_toc.yml"
    if not toc.exists():
        return []
    found: list[str] = []

    def walk(node):
        if isinstance(node, dict):
            if "file" in node:
                found.append(str(node["file"]).removesuffix(".md"))
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(YAML(typ="safe").load(toc.read_text(encoding="utf-8")))
    return found


def _pages(root: Path, folder: str) -> list[Path]:
    pages = sorted((root / "book" / folder).glob("*.md"))
    order = [f for f in _toc_files(root) if f.startswith(f"book/{folder}/")]
    if order:
        by_doc = {f"book/{folder}/{p.stem}": p for p in pages}
        pages = [by_doc[d] for d in order if d in by_doc]
    return pages


_manifests: dict[tuple, dict] = {}


def record_manifest(root: Path | None = None) -> dict:
    """What the record pages need to know about the course, as plain data (deterministic)."""
    root = root or find_content_root()
    loaded = course(root)
    watched = [root / "_config.yml", root / "_toc.yml", *sorted((root / "book").glob("*/*.md"))]
    watched += sorted((root / "exercises").glob("ex*.ipynb"))
    stamp = (str(root), id(loaded), tuple((str(p), p.stat().st_mtime_ns) for p in watched if p.exists()))
    if stamp not in _manifests:
        _manifests.clear()
        _manifests[stamp] = _build_manifest(root, loaded)
    return copy.deepcopy(_manifests[stamp])


def _build_manifest(root: Path, loaded) -> dict:
    config = YAML(typ="safe").load((root / "_config.yml").read_text(encoding="utf-8")) or {}
    elements = {k: v.element for k, v in loaded.elements.items()}

    parts: list[dict] = []
    for page in _pages(root, "modules"):
        title = page_title(page)
        numbered = _MODULE_TITLE.match(title)
        label = f"Module {numbered.group(1)}: {numbered.group(2)}" if numbered else title
        parts.append(
            {
                "id": page.stem,
                "kind": "module",
                "title": title,
                "label": label,
                "href": f"../modules/{page.stem}.html",
                "minutes": module_minutes(page),
                "page": page,
            }
        )
    for page in _pages(root, "scenarios"):
        element = elements.get(page.stem)
        if not isinstance(element, Scenario):
            continue
        title = page_title(page)
        parts.append(
            {
                "id": page.stem,
                "kind": "scenario",
                "title": title,
                "label": f"Case scenario: {title}",
                "href": f"../scenarios/{page.stem}.html",
                "minutes": element.time_minutes,
                "page": page,
            }
        )

    reflections: dict[str, dict] = {}
    selfchecks: dict[str, dict] = {}
    scenarios: dict[str, dict] = {}
    for part in parts:
        page = part.pop("page")
        on_page = _SHOW.findall(_page_text(page))
        belongs = [i for i in on_page if getattr(elements.get(i), "module", None) == part["id"]]
        belongs += sorted(
            i for i, e in elements.items() if getattr(e, "module", None) == part["id"] and i not in belongs
        )
        part["reflections"] = [i for i in belongs if isinstance(elements[i], Reflection)]
        part["selfchecks"] = [i for i in belongs if isinstance(elements[i], SelfCheck)]
        for rid in part["reflections"]:
            r = elements[rid]
            anchor = f"#coprod-{rid}" if rid in on_page else ""
            reflections[rid] = {
                "id": rid,
                "part": part["id"],
                "title": r.title,
                "stage": r.stage,
                "prompt": r.prompt,
                "href": part["href"] + anchor,
            }
        for cid in part["selfchecks"]:
            c = elements[cid]
            selfchecks[cid] = {"id": cid, "part": part["id"], "title": c.title, "questions": len(c.questions)}
        if part["kind"] == "scenario":
            s = elements[part["id"]]
            scenarios[s.id] = {
                "perspectives": {p.id: p.label for p in s.perspectives},
                # the sides without names, for the exports (a confirmer reads no character as a real person)
                "roles": {
                    p.id: p.role or p.label.partition(",")[2].strip() or p.label for p in s.perspectives
                },
                # minutes to play each side alone, as the page's timings say
                "minutes": {p.id: p.minutes or s.time_minutes for p in s.perspectives},
                "dimensions": [{"id": d.id, "label": d.label} for d in s.dimensions],
                "nodes": {
                    nid: {
                        "speaker": n.speaker,
                        "choices": [
                            {"label": c.label, "next": c.next, "dimensions": dict(c.dimensions)}
                            for c in n.choices
                        ],
                    }
                    for nid, n in s.nodes.items()
                },
                "endings": {eid: {"title": e.title, "kind": e.kind} for eid, e in s.endings.items()},
            }
    notebooks = exercises(root)
    return {
        "version": 1,
        "course": {"title": str(config.get("title", "the course"))},
        # every element the course keeps a learner's work for, including those on reference pages
        # (the demo on "How it works"): a backup holding work on any of them is this course's
        # and each exercise's entries (an exercise run on the course's site writes its summary)
        "elements": {
            **{i: elements[i].kind for i in sorted(elements)},
            **{e: "exercise" for ex in notebooks for e in ex["entries"]},
        },
        "exercises": notebooks,
        "fictional_names": fictional_names(
            root, [elements[p["id"]] for p in parts if p["kind"] == "scenario"]
        ),
        "parts": parts,
        "reflections": reflections,
        "selfchecks": selfchecks,
        "scenarios": scenarios,
        "stages": STAGE_LABELS,
        "templates": TEMPLATES,
    }


_NAME_WORD = re.compile(r"\b[A-Z][a-z]+(?:['-][A-Z][a-z]+)?\b")
_TITLE_NAME = re.compile(r"^(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof)\.?[ ]+(.+)$")


def fictional_names(root: Path, scenarios: list[Scenario]) -> list[str]:
    """Names of the course's own characters, which the de-identification check does not flag after a title.

    The names in the scenarios' people (perspectives and speakers), and every name the check would
    flag in the course's own text (scenario YAML, module and scenario pages): "Dr Ellis", "Mrs Akhtar".
    """
    names: set[str] = set()
    texts: list[str] = []
    for s in scenarios:
        people = [p.label for p in s.perspectives] + [n.speaker for n in s.nodes.values()]
        for label in people:
            names.update(_NAME_WORD.findall(label.split(",")[0]))
        texts += people + [s.summary] + [e.title + " " + e.text for e in s.endings.values()]
        for n in s.nodes.values():
            texts.append(n.text)
            texts += [c.label + " " + c.consequence + " " + c.feedback for c in n.choices]
    for folder in ("modules", "scenarios"):
        texts += [p.read_text(encoding="utf-8") for p in sorted((root / "book" / folder).glob("*.md"))]
    for text in texts:
        for f in find_identifying(text):
            match = _TITLE_NAME.match(f.text) if f.kind == "name" else None
            if match:
                names.add(match.group(1))
    return sorted(names)


def view_manifest(view: str, manifest: dict) -> dict:
    """The part of the manifest a view needs (a page with three views should not carry the course three times)."""
    if view in ("journal", "exports"):
        return manifest
    if view in ("backup", "restore", "clear"):
        # restore checks a backup's entries against the course's own (id: kind)
        return {
            "version": manifest["version"],
            "course": manifest["course"],
            "elements": known_elements(manifest),
        }
    # progress, log, statement: the parts and their times, and scenario endings by title
    return {
        "version": manifest["version"],
        "course": manifest["course"],
        "parts": manifest["parts"],
        "exercises": manifest.get("exercises", []),
        "stages": manifest["stages"],
        "scenarios": {
            sid: {
                "perspectives": sc["perspectives"],
                "roles": sc["roles"],
                "minutes": sc["minutes"],
                "endings": sc["endings"],
            }
            for sid, sc in manifest["scenarios"].items()
        },
    }
