"""The learner's CPD record: progress, reflective journal, exports, backup and completion statement.

On the site, the record pages call :func:`show_record`, whose ``text/html``
carries a manifest of the course (modules, scenarios, reflection prompts,
times, export templates) and a readable fallback; ``coprod/static/record.js``
renders each view from the learner's browser storage.

In a notebook, :func:`load_record` reads a backup file the learner downloaded
and :func:`export` writes any of the exports as Markdown, the same text the
record pages produce::

    from coprod._record import load_record, export, TEMPLATE_IDS
    record = load_record("coprod-record-2026-05-12.json")
    print(export(record, "nmc-reflective-account"))

The functions marked "mirrors record.js" must give the same results as their
JavaScript namesakes; a browser test compares the two on a fixture record.
"""

from __future__ import annotations

import copy
import json
import math
import re
from dataclasses import dataclass, field
from datetime import date
from html import escape
from pathlib import Path

from ruamel.yaml import YAML

from ._deid import find_identifying
from .content.course import course
from .content.loader import find_content_root
from .content.schema import GIBBS_STAGES, ID_PATTERN, Reflection, Scenario, SelfCheck

__all__ = [
    "BACKUP_FORMAT",
    "RecordError",
    "Record",
    "RecordView",
    "TEMPLATES",
    "TEMPLATE_IDS",
    "VIEWS",
    "export",
    "load_record",
    "progress",
    "record_from_dict",
    "record_manifest",
    "show_record",
    "view_manifest",
]

BACKUP_FORMAT = "coprod-course-record"
KINDS = ("reflection", "selfcheck", "scenario")
MODES = ("solo", "participatory")
VIEWS = ("progress", "log", "journal", "exports", "backup", "restore", "clear", "statement")
STAGE_LABELS = {s: s.replace("-", " ").capitalize() for s in GIBBS_STAGES}
MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)

# ---------------------------------------------------------------- export templates
#
# Each field is prefilled from a source (mirrors record.js):
#   "stages:a,b"  the selected reflections written at those Gibbs stages, in course order
#   "activity"    a sentence naming the course and the parts the selected reflections come from,
#                 then the debrief of each of those scenarios
#   "a|b"         both, one after the other
#   "dates"       the first and last dates of anything in the record
#   "hours"       total hours; "hours_participatory" the participatory part
#   "method"      how the learning was done, with the participatory sessions logged
#   "evidence"    what the learner can keep as evidence
#   ""            left for the learner
# A "choices" field is a set of tick boxes (the NMC Code's four themes).

NMC_THEMES = [
    "Prioritise people",
    "Practise effectively",
    "Preserve safety",
    "Promote professionalism and trust",
]
_LEARNT = "stages:feelings,evaluation,analysis,conclusion"


def _f(
    fid: str, label: str, source: str, help: str, kind: str = "text", options: list[str] | None = None
) -> dict:
    out = {"id": fid, "label": label, "source": source, "help": help, "kind": kind}
    if options:
        out["options"] = options
    return out


TEMPLATES: list[dict] = [
    {
        "id": "nmc-reflective-account",
        "name": "NMC reflective account",
        "for": "Nurses, midwives and nursing associates registered with the NMC (UK)",
        "follows": "the NMC's written reflective account form for revalidation",
        "check": "The NMC may change its form: check this against the current version on the NMC's revalidation pages before you use it.",
        "note": "Revalidation asks for five written reflective accounts in each three-year period. You discuss "
        "them with a colleague and your confirmer sees them; they are not uploaded to the NMC. "
        "An account must not identify anyone.",
        "first_person": False,
        "fields": [
            _f(
                "nature",
                "What the CPD activity, feedback or experience was",
                "activity|stages:description",
                "Name the activity and say briefly what happened. A scenario debrief counts as part of the activity.",
            ),
            _f(
                "learnt",
                "What you learnt from it",
                _LEARNT,
                "What you now understand, or see differently, and why.",
            ),
            _f(
                "changed",
                "How you changed or improved your practice as a result",
                "stages:action-plan",
                "What you do differently now, or will do, and by when.",
            ),
            _f(
                "code",
                "How this is relevant to the Code",
                "",
                "Take one theme you tick below and say what you did, or will do, that meets it: for example, "
                "under Prioritise people, how you listened to what mattered to a patient and acted on it; under "
                "Practise effectively, how you shared information in a way the person could use.",
            ),
            _f(
                "themes",
                "Themes of the Code this account relates to",
                "",
                "Tick all that apply.",
                "choices",
                NMC_THEMES,
            ),
        ],
    },
    {
        "id": "nmc-cpd-log",
        "name": "NMC CPD log entry",
        "for": "Nurses, midwives and nursing associates registered with the NMC (UK)",
        "follows": "the NMC's record of continuing professional development for revalidation",
        "check": "The NMC may change its template: check this against the current version on the NMC's revalidation pages before you use it.",
        "note": "Revalidation asks for 35 hours of CPD in three years, at least 20 of them participatory. "
        "Participatory means learning with other professionals, in person or online. Working through "
        "this course on your own is not participatory; a workshop or group discussion you logged is.",
        "first_person": False,
        "fields": [
            _f("dates", "Dates", "dates", "When you did the learning."),
            _f("method", "CPD method", "method", "For example: online course, workshop, group discussion."),
            _f(
                "topic",
                "Topic and how it relates to your practice",
                "activity",
                "What the learning was about and why it matters in your role.",
            ),
            _f("hours", "Number of hours", "hours", "Your hours, as on your progress page."),
            _f(
                "participatory",
                "Of which participatory hours",
                "hours_participatory",
                "Only time spent learning with other professionals.",
            ),
            _f("code", "Part of the Code most relevant", "", "Name the part or theme of the Code."),
            _f("evidence", "Evidence you keep", "evidence", "What you could show if asked."),
        ],
    },
    {
        "id": "hcpc-statement",
        "name": "HCPC CPD profile: statement (one activity)",
        "for": "Professionals registered with the HCPC (UK), for the statement in a CPD profile",
        "follows": "the statement part of an HCPC CPD profile, for one activity written in the first person",
        "check": "The HCPC may change its guidance: check this against the current version of its guidance on completing a CPD profile before you use it.",
        "note": "A profile's statement describes a few activities: what each was, what you learnt, how it "
        "improved the quality of your work and how it benefited service users. The whole statement "
        "has a word limit (1,500 words in the guidance this course read). Write 'I', not 'we'.",
        "first_person": True,
        "fields": [
            _f(
                "activity",
                "The activity: what I did",
                "activity|stages:description",
                "Describe what you did, in the first person.",
            ),
            _f("learnt", "What I learnt", _LEARNT, "What you now understand, or see differently."),
            _f(
                "quality",
                "How it improved the quality of my work",
                "stages:action-plan",
                "What you do differently, with an example if you have one.",
            ),
            _f(
                "users",
                "How it benefited the people who use my service",
                "",
                "Be specific about who benefits and how you know.",
            ),
            _f("evidence", "Evidence", "evidence", "What you could send with the profile."),
        ],
    },
    {
        "id": "college-of-policing",
        "name": "College of Policing CPD summary",
        "for": "Police officers and staff in England and Wales",
        "follows": "the College of Policing's four-stage CPD cycle (self-awareness, planning, action, reflection) "
        "and the CPD summary you share with your line manager",
        "check": "The College may change its guidance: check this against the current version of the College of Policing's CPD guidance, and your force's PDR form, before you use it.",
        "note": "The CPD summary is the part you share with your line manager, and it can feed your PDR. "
        "Keep sensitive information out of it: no names, addresses or details of cases.",
        "first_person": False,
        "fields": [
            _f(
                "awareness",
                "Self-awareness: why I needed this development",
                "stages:description",
                "Where the question came up in your work.",
            ),
            _f(
                "planning",
                "Planning: what I set out to learn",
                "",
                "The learning need you identified and what you chose to do about it.",
            ),
            _f("action", "Action: what I did", "activity", "The learning you did, with dates and time."),
            _f(
                "reflection",
                "Reflection: what I learnt and how it affects my practice",
                _LEARNT,
                "What you understand now and what difference it makes to your work.",
            ),
            _f("public", "Benefit to the public", "", "How the people you serve gain from it."),
            _f("next", "Next steps", "stages:action-plan", "What you will do next, and by when."),
            _f("time", "Dates and time spent", "dates_hours", "When, and how many hours."),
        ],
    },
    {
        "id": "ahpra-nmba",
        "name": "Ahpra / NMBA CPD plan and record",
        "for": "Practitioners registered with Ahpra (Australia), including nurses and midwives (NMBA)",
        "follows": "the planned approach to CPD in the Ahpra and NMBA standards: a learning need, a plan, "
        "the activity, and a reflection on its value to practice, with dates, hours and outcomes",
        "check": "Boards revise their standards: check this against the current version of your National Board's CPD registration standard before you use it.",
        "note": "Boards ask you to keep CPD records and evidence for a set number of years; check your "
        "Board's standard for how long and which categories of CPD apply to you.",
        "first_person": False,
        "fields": [
            _f(
                "need",
                "Learning need (as I assessed it against the standards for my practice)",
                "stages:description",
                "What gap or question in your practice led you here.",
            ),
            _f("plan", "Learning plan or goal", "", "What you planned to learn and how."),
            _f("activity", "Activity", "activity", "What you did."),
            _f("dates", "Date(s)", "dates", "When you did it."),
            _f("hours", "Hours", "hours", "Your hours, as on your progress page."),
            _f(
                "type", "Type of CPD", "", "Use your Board's categories, for example an educational activity."
            ),
            _f(
                "outcome",
                "Outcome: reflection on the value to my practice",
                "stages:feelings,evaluation,analysis,conclusion,action-plan",
                "What you learnt and how it has changed, or will change, your practice.",
            ),
            _f(
                "evidence", "Evidence kept", "evidence", "What you keep to show the activity and its outcome."
            ),
        ],
    },
    {
        "id": "paramedicine-board",
        "name": "Paramedicine Board of Australia CPD record",
        "for": "Paramedics registered in Australia (the Paramedicine Board of Australia, through Ahpra); not nurses, midwives or doctors",
        "follows": "the Paramedicine Board of Australia's registration standard for continuing professional development "
        "(in effect from 17 May 2018): at least 30 hours of CPD each registration year, at least 8 of them "
        "in an interactive setting with other practitioners (standard listed at "
        "https://www.paramedicineboard.gov.au/Professional-standards/Registration-standards.aspx, checked 5 December 2026)",
        "check": "The Board revises its standards and guidelines: check this against the current version of its CPD "
        "registration standard and guidelines on the Paramedicine Board's website before you use it.",
        "note": "Your hours below come from your record. Interactive hours are only the participatory time you logged: "
        "a workshop, team discussion or group session with other practitioners. Working through this course on "
        "your own counts towards the 30 hours but not towards the 8 interactive hours.",
        "first_person": False,
        "fields": [
            _f(
                "activity",
                "Activity",
                "activity",
                "What you did: the course, and any group session you logged.",
            ),
            _f("dates", "Date(s)", "dates", "When you did it."),
            _f("hours", "CPD hours", "hours", "Your hours, as on your progress page."),
            _f(
                "interactive",
                "Of which interactive hours (with other practitioners)",
                "hours_participatory",
                "Only time you logged as learning with other practitioners.",
            ),
            _f(
                "need",
                "Why I chose it: the learning need in my practice",
                "stages:description",
                "Which situation in your practice made this worth your time? Think of a job where a patient or family wanted a say.",
            ),
            _f(
                "outcome",
                "What I learnt and how it improves patient outcomes and experiences",
                _LEARNT + ",action-plan",
                "Name one thing you will do differently with patients or families, and how you will know it helped.",
            ),
            _f(
                "evidence", "Evidence kept", "evidence", "What you keep to show the activity and its outcome."
            ),
        ],
    },
    {
        "id": "gibbs",
        "name": "Reflective account (Gibbs cycle)",
        "for": "Anyone, including social workers, paramedics and students, where a Gibbs account is asked for",
        "follows": "Gibbs' reflective cycle (1988): description, feelings, evaluation, analysis, conclusion, action plan",
        "check": "Employers, universities and professional bodies adapt the cycle: if yours has its own template, "
        "check the headings against its current version before you use it.",
        "note": "Each heading is prefilled from the reflections you wrote at that stage of the cycle.",
        "first_person": False,
        "fields": [
            _f("context", "Context: the learning activity", "activity", "What this reflection is about."),
            *[
                _f(stage, STAGE_LABELS[stage], f"stages:{stage}", help)
                for stage, help in [
                    ("description", "What happened?"),
                    ("feelings", "What were you thinking and feeling?"),
                    ("evaluation", "What was good and bad about the experience?"),
                    ("analysis", "What sense can you make of it?"),
                    ("conclusion", "What else could you have done?"),
                    ("action-plan", "If it arose again, what would you do?"),
                ]
            ],
        ],
    },
]
TEMPLATE_IDS = tuple(t["id"] for t in TEMPLATES)

# ---------------------------------------------------------------- the course manifest

_FRONT = re.compile(r"\A---\n.*?\n---\n", re.S)
_TITLE = re.compile(r"^#\s+(.+?)\s*$", re.M)
_TIME_TO_LEARN = re.compile(r"\*\*Time to learn:\*\*\s*about\s+(\d+)\s+minutes")
_TIME_TO_COMPLETE = re.compile(
    r"\*\*Time to complete:\*\*\s*(?:alone,\s*)?(?:about\s+)?(?:(\d+)\s*[–-]\s*)?(\d+)\s+minutes"
)
_SHOW = re.compile(r"""show(?:_\w+)?\(\s*["']([a-z0-9-]+)["']""")
_MODULE_TITLE = re.compile(r"^(\d+)\.\s+(.+)$")


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
    """A module's 'Time to learn' from its page."""
    match = _TIME_TO_LEARN.search(_page_text(path))
    if not match:
        raise ValueError(f"{path}: no '**Time to learn:** about N minutes' line; the record needs it")
    return int(match.group(1))


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
    watched = [root / "_config.yml", root / "_toc.yml"] + sorted((root / "book").glob("*/*.md"))
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
    return {
        "version": 1,
        "course": {"title": str(config.get("title", "the course"))},
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


def course_findings(manifest: dict, text: str) -> list:
    """The de-identification findings in ``text``; those that match a course character carry a note saying so."""
    return list(find_identifying(text, manifest.get("fictional_names") or []))


def passages(findings: list) -> int:
    """How many separate stretches of text the findings cover (overlapping findings count once)."""
    count, end = 0, -1
    for f in sorted(findings, key=lambda f: (f.start, -f.end)):
        if f.start >= end:
            count += 1
        end = max(end, f.end) if f.start < end else f.end
    return count


# ---------------------------------------------------------------- the learner's record


class RecordError(ValueError):
    """A file that is not a usable course record; the message says why, in plain words."""


@dataclass
class Record:
    """A learner's record as saved in the browser: ``{version, elements, meta}``."""

    data: dict
    exported: str | None = None
    source: str = ""

    @property
    def elements(self) -> dict:
        return self.data.get("elements", {})

    @property
    def meta(self) -> dict:
        return self.data.get("meta", {})

    @property
    def name(self) -> str:
        return str(self.meta.get("name") or "")

    @property
    def log(self) -> list[dict]:
        return list(self.meta.get("log") or [])

    def reflection(self, element_id: str) -> str:
        """The text the learner wrote for one reflection prompt ('' if none)."""
        el = self.elements.get(element_id) or {}
        return str((el.get("state") or {}).get("text") or "") if el.get("kind") == "reflection" else ""

    def written(self) -> dict[str, str]:
        """Every reflection with text, by element id."""
        return {k: self.reflection(k) for k in self.elements if self.reflection(k).strip()}

    def __repr__(self) -> str:
        return f"<Record: {len(self.written())} reflections, {len(self.log)} log entries{', ' + self.name if self.name else ''}>"


def validate_backup(obj: object) -> tuple[dict | None, str]:
    """(store data, "") for a usable backup, or (None, what is wrong). Mirrors record.js validateBackup."""
    other_version = (
        "This backup was made by a different version of the course record, which this page cannot read."
    )
    if not isinstance(obj, dict):
        return None, "This file does not hold a course record."
    data = obj
    if "format" in obj:
        if obj.get("format") != BACKUP_FORMAT:
            return None, "This file is not a backup of this course's record."
        if obj.get("version") != 1 or isinstance(obj.get("version"), bool):
            return None, other_version
        data = obj.get("data")
    if not isinstance(data, dict) or not isinstance(data.get("elements"), dict):
        return None, "This file is not a backup of this course's record: it has no list of your work."
    if data.get("version") != 1 or isinstance(data.get("version"), bool):
        return None, other_version
    for key, el in data["elements"].items():
        if (
            not re.fullmatch(ID_PATTERN, key)
            or not isinstance(el, dict)
            or el.get("kind") not in KINDS
            or not isinstance(el.get("state"), dict)
        ):
            return (
                None,
                f"This backup is damaged: the entry for '{str(key)[:60]}' is not in the expected shape.",
            )
    meta = data.get("meta", {})
    if not isinstance(meta, dict):
        return None, "This backup is damaged: its details section is not in the expected shape."
    log = meta.get("log", [])
    if not isinstance(log, list) or not all(
        isinstance(e, dict)
        and isinstance(e.get("minutes"), (int, float))
        and not isinstance(e.get("minutes"), bool)
        and math.isfinite(e["minutes"])
        and e["minutes"] >= 0
        and e.get("mode") in MODES
        for e in log
    ):
        return None, "This backup is damaged: the time you logged is not in the expected shape."
    if "name" in meta and not isinstance(meta["name"], str):
        return None, "This backup is damaged: the name is not text."
    return data, ""


def record_from_dict(obj: object, source: str = "") -> Record:
    data, problem = validate_backup(obj)
    if data is None:
        raise RecordError(f"{source + ': ' if source else ''}{problem}")
    data.setdefault("meta", {})
    exported = obj.get("exported") if isinstance(obj, dict) and "format" in obj else None
    return Record(data, exported, source)


def load_record(path: str | Path) -> Record:
    """Read a record a learner downloaded from the Backup page (or the raw browser storage value)."""
    path = Path(path)
    try:
        obj = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise RecordError(f"{path}: cannot read the file: {exc}") from None
    except json.JSONDecodeError as exc:
        raise RecordError(
            f"{path}: not a course record (not valid JSON: {exc.msg}, line {exc.lineno})"
        ) from None
    return record_from_dict(obj, str(path))


# ---------------------------------------------------------------- shared calculations (mirror record.js)


def fmt_hours(minutes: int | float) -> str:
    """Minutes as hours to one decimal place, rounded half up: 150 -> '2.5 hours'."""
    tenths = (int(round(minutes)) + 3) // 6
    whole, frac = divmod(tenths, 10)
    text = f"{whole}" if frac == 0 else f"{whole}.{frac}"
    return f"{text} hour" if tenths == 10 else f"{text} hours"


def fmt_date(iso: str) -> str:
    """'2026-05-12' (or a full timestamp) -> '12 May 2026'."""
    match = re.match(r"^(\d{4})-(\d{2})-(\d{2})", iso or "")
    if not match:
        return ""
    y, m, d = (int(g) for g in match.groups())
    if not 1 <= m <= 12:
        return ""
    return f"{d} {MONTHS[m - 1]} {y}"


def _state(data: dict, element_id: str) -> dict:
    el = data.get("elements", {}).get(element_id) or {}
    return el.get("state") or {} if isinstance(el, dict) else {}


def _text(data: dict, rid: str) -> str:
    return str(_state(data, rid).get("text") or "").replace("\r\n", "\n").strip()


def _attempted(data: dict, cid: str) -> bool:
    st = _state(data, cid)
    return any(v for v in (st.get("checked") or {}).values()) or bool(st.get("answers"))


def scenario_ending(manifest: dict, sid: str, st: dict) -> str | None:
    """The ending the scenario's current path leads to, if it leads to one."""
    sc = manifest["scenarios"].get(sid)
    path = st.get("path") or []
    if not sc or not path or st.get("perspective") not in sc["perspectives"]:
        return None
    try:
        node_id, index = path[-1]
        nxt = sc["nodes"][node_id]["choices"][int(index)]["next"]
    except (KeyError, IndexError, TypeError, ValueError):
        return None
    return nxt if nxt in sc["endings"] else None


def scenario_debrief(manifest: dict, sid: str, st: dict) -> dict | None:
    """The current path's choices, ending and dimension totals, or None if it does not reach an ending."""
    ending = scenario_ending(manifest, sid, st)
    if not ending:
        return None
    sc = manifest["scenarios"][sid]
    totals = {d["id"]: 0 for d in sc["dimensions"]}
    choices = []
    for node_id, index in st["path"]:
        choice = sc["nodes"][node_id]["choices"][int(index)]
        choices.append(choice["label"])
        for dim, w in choice["dimensions"].items():
            if dim in totals:
                totals[dim] += w
    return {
        "perspective": sc["perspectives"][st["perspective"]],
        "choices": choices,
        "ending": sc["endings"][ending],
        "dimensions": [{"label": d["label"], "value": totals[d["id"]]} for d in sc["dimensions"]],
    }


def _sentence(text: str) -> str:
    text = text.strip()
    return text if text[-1:] in (".", "!", "?") else text + "."


def _signed(v: int) -> str:
    return f"+{v}" if v > 0 else str(v)


def debrief_text(manifest: dict, part: dict, st: dict) -> str:
    """One plain sentence for an export: the sides played and the endings reached, never scores.

    Mirrors record.js debriefText.
    """
    sc = manifest["scenarios"].get(part["id"], {})
    endings = sc.get("endings", {})
    perspectives = sc.get("perspectives", {})
    pairs = [
        str(r).split(":", 1)
        for r in (st.get("reached") if isinstance(st.get("reached"), list) else [])
        if ":" in str(r)
    ]
    pairs = [(p, e) for p, e in pairs if e in endings]
    if not pairs:
        return ""
    sides = list(dict.fromkeys(perspectives[p] for p, _e in pairs if p in perspectives))
    titles = list(dict.fromkeys(endings[e]["title"] for _p, e in pairs))
    out = f"In the case scenario “{part['title']}” I worked through the case"
    if sides:
        out += " as " + ", and as ".join(sides) + ","
    if len(titles) == 1:
        return out + f" and reached the ending “{titles[0]}”."
    return out + f" and reached {len(titles)} different endings: " + "; ".join(f"“{t}”" for t in titles) + "."


def _sides_played(manifest: dict, sid: str, st: dict) -> list[str]:
    """The perspectives of a scenario played to an ending, in the order first reached."""
    sc = manifest["scenarios"].get(sid, {})
    reached = st.get("reached") if isinstance(st.get("reached"), list) else []
    out = []
    for r in reached:
        p, _, e = str(r).partition(":")
        if e in sc.get("endings", {}) and p in sc.get("perspectives", {}) and p not in out:
            out.append(p)
    return out


def progress(record: Record | dict, manifest: dict | None = None) -> dict:
    """What is done and the hours, as the Progress page shows them. Mirrors record.js computeProgress."""
    data = record.data if isinstance(record, Record) else record
    manifest = manifest or record_manifest()
    meta = data.get("meta") or {}
    log = [e for e in meta.get("log") or [] if isinstance(e, dict)]
    linked = {e.get("part") for e in log if e.get("part")}
    read = meta.get("read") if isinstance(meta.get("read"), dict) else {}
    parts = []
    for p in manifest["parts"]:
        written = [r for r in p["reflections"] if _text(data, r)]
        attempted = [c for c in p["selfchecks"] if _attempted(data, c)]
        sides = 0
        if p["kind"] == "scenario":
            st = _state(data, p["id"])
            sides = len(_sides_played(manifest, p["id"], st))
            done = sides > 0
            started = done or bool(st.get("perspective")) or bool(st.get("path"))
            earned = p["minutes"] * sides
            how = f"{p['minutes']} minutes for each side played to an ending ({sides})" if done else ""
        else:
            worked = (
                (not p["selfchecks"] or bool(attempted))
                and (not p["reflections"] or bool(written))
                and bool(p["selfchecks"] or p["reflections"])
            )
            done = worked or bool(read.get(p["id"]))
            started = bool(written or attempted)
            earned = p["minutes"] if done else 0
            how = (
                "the module's time to learn: you marked it read"
                if read.get(p["id"]) and not worked
                else "the module's time to learn: self-check attempted and a reflection written"
                if done
                else ""
            )
        if p["id"] in linked:
            earned, how = 0, "replaced by the time you logged for it"
        started = started or bool(written or attempted)
        parts.append(
            {
                "id": p["id"],
                "kind": p["kind"],
                "label": p["label"],
                "minutes": p["minutes"],
                "status": "done" if done else "started" if started else "not-started",
                "written": len(written),
                "reflections": len(p["reflections"]),
                "attempted": len(attempted),
                "selfchecks": len(p["selfchecks"]),
                "logged": p["id"] in linked,
                "read": bool(read.get(p["id"])),
                "sides": sides,
                "earned": earned,
                "how": how,
            }
        )
    estimated = sum(p["earned"] for p in parts)
    logged_solo = sum(e["minutes"] for e in log if e.get("mode") == "solo")
    logged_part = sum(e["minutes"] for e in log if e.get("mode") == "participatory")
    dates = sorted(
        [
            fmt_iso
            for el in (data.get("elements") or {}).values()
            if isinstance(el, dict) and (fmt_iso := str(el.get("updated") or "")[:10]) and fmt_date(fmt_iso)
        ]
        + [str(e.get("date"))[:10] for e in log if fmt_date(str(e.get("date") or ""))]
    )
    return {
        "parts": parts,
        "modules_done": [p["label"] for p in parts if p["kind"] == "module" and p["status"] == "done"],
        "scenarios_done": [p["label"] for p in parts if p["kind"] == "scenario" and p["status"] == "done"],
        "modules": sum(1 for p in parts if p["kind"] == "module"),
        "scenarios": sum(1 for p in parts if p["kind"] == "scenario"),
        "selfchecks_attempted": sum(p["attempted"] for p in parts),
        "selfchecks": sum(p["selfchecks"] for p in parts),
        "reflections_written": sum(p["written"] for p in parts),
        "reflections": sum(p["reflections"] for p in parts),
        "minutes": {
            "estimated": estimated,
            "logged_solo": logged_solo,
            "logged_participatory": logged_part,
            "solo": estimated + logged_solo,
            "participatory": logged_part,
            "total": estimated + logged_solo + logged_part,
        },
        "first": dates[0] if dates else "",
        "last": dates[-1] if dates else "",
    }


def _date_range(first: str, last: str) -> str:
    if not first:
        return ""
    return fmt_date(first) if first == last else f"{fmt_date(first)} to {fmt_date(last)}"


def _source_text(manifest: dict, data: dict, src: str, chosen: list[str], prog: dict) -> str:
    title = manifest["course"]["title"]
    if src.startswith("stages:"):
        # in the order the stages are named, then in course order
        return "\n\n".join(
            _text(data, r)
            for stage in src.split(":", 1)[1].split(",")
            for r in chosen
            if manifest["reflections"][r]["stage"] == stage
        )
    if src == "activity":
        parts = [
            p for p in manifest["parts"] if any(manifest["reflections"][r]["part"] == p["id"] for r in chosen)
        ]
        text = f"I worked through the online CPD course “{title}”"
        text += f", in particular: {'; '.join(p['label'] for p in parts)}." if parts else "."
        for p in parts:
            if p["kind"] == "scenario":
                d = debrief_text(manifest, p, _state(data, p["id"]))
                if d:
                    text += "\n\n" + d
        return text
    if src == "dates":
        return _date_range(prog["first"], prog["last"])
    if src == "hours":
        return fmt_hours(prog["minutes"]["total"])
    if src == "hours_participatory":
        return fmt_hours(prog["minutes"]["participatory"])
    if src == "dates_hours":
        when = _date_range(prog["first"], prog["last"])
        return (f"{when}. " if when else "") + (
            f"{fmt_hours(prog['minutes']['total'])} in all, "
            f"of which {fmt_hours(prog['minutes']['participatory'])} with others."
        )
    if src == "method":
        text = "Online course, worked through on my own: reading, self-checks, case scenarios and reflective writing."
        sessions = [
            e
            for e in (data.get("meta") or {}).get("log") or []
            if isinstance(e, dict) and e.get("mode") == "participatory"
        ]
        if sessions:
            text += (
                " With others: "
                + "; ".join(
                    f"{str(e.get('what') or '').strip()} ({fmt_date(str(e.get('date') or ''))}, {fmt_hours(e['minutes'])})"
                    for e in sessions
                )
                + "."
            )
        return text
    if src == "evidence":
        return f"My reflective journal and a self-declared completion statement printed from the course record of “{title}”, kept by me."
    return ""


def prefill(manifest: dict, data: dict, template: dict, selected: list[str]) -> dict[str, object]:
    """Each field's text from the journal (a list of ticked options for a choices field). Mirrors record.js.

    A field's source may join several with "|": "activity|stages:description".
    """
    order = [r for p in manifest["parts"] for r in p["reflections"]]
    chosen = [r for r in order if r in selected and _text(data, r)]
    prog = progress(data, manifest)
    out: dict[str, object] = {}
    for f in template["fields"]:
        if f["kind"] == "choices":
            out[f["id"]] = []
            continue
        texts = [_source_text(manifest, data, src, chosen, prog) for src in f["source"].split("|") if src]
        out[f["id"]] = "\n\n".join(t for t in texts if t)
    return out


_MD_INLINE = re.compile(r"([\\`*_\[\]<>&|~])")
# what makes a line a heading, list item, rule or setext underline
_MD_LINE_RULES = [
    re.compile(r"^([ \t]*)([=-]+[ \t]*)$", re.M),
    re.compile(r"^([ \t]*)(#+)(?=[ \t]|$)", re.M),
    re.compile(r"^([ \t]*)([+-])(?=[ \t]|$)", re.M),
    re.compile(r"^([ \t]*[0-9]+)([.)])(?=[ \t]|$)", re.M),
]


def md_escape(text: str) -> str:
    """Plain text as Markdown that renders as the same text (no HTML, links or emphasis)."""
    text = str(text).replace("\r\n", "\n").strip()
    text = _MD_INLINE.sub(r"\\\1", text)
    for rule in _MD_LINE_RULES:
        text = rule.sub(r"\1\\\2", text)
    return text


def export_markdown(
    manifest: dict,
    data: dict,
    template_id: str,
    *,
    selected: list[str] | None = None,
    fields: dict | None = None,
    name: str | None = None,
    today: str | None = None,
    confirmed: bool | None = None,
) -> str:
    """The Markdown the record's Download button gives. Mirrors record.js exportMarkdown.

    ``selected``, ``fields`` and ``confirmed`` default to what the learner saved for this
    template in the browser (``meta.drafts``), then to every written reflection and the
    journal's text. ``today`` is an ISO date.
    """
    template = next((t for t in manifest["templates"] if t["id"] == template_id), None)
    if template is None:
        raise KeyError(
            f"no export template '{template_id}'; choose one of: {', '.join(t['id'] for t in manifest['templates'])}"
        )
    meta = data.get("meta") or {}
    draft = (meta.get("drafts") or {}).get(template_id) or {}
    if selected is None:
        selected = draft.get("selected")
    if selected is None:
        selected = [r for p in manifest["parts"] for r in p["reflections"] if _text(data, r)]
    values = prefill(manifest, data, template, selected)
    values.update({k: v for k, v in (draft.get("fields") or {}).items() if k in values})
    values.update({k: v for k, v in (fields or {}).items() if k in values})
    if confirmed is None:
        confirmed = bool(draft.get("confirmed"))
    name = (meta.get("name") or "") if name is None else name
    today = today or date.today().isoformat()

    lines = [f"# {md_escape(template['name'])}", ""]
    lines += [f"*Follows {md_escape(template['follows'])}. {md_escape(template['check'])}*", ""]
    lines.append(f"Course: {md_escape(manifest['course']['title'])}  ")
    if str(name).strip():
        lines.append(f"Name: {md_escape(name)}  ")
    lines += [f"Prepared: {fmt_date(today)}", ""]
    flagged = 0
    for f in template["fields"]:
        value = values.get(f["id"])
        if f["kind"] == "choices":
            ticked = [o for o in f["options"] if o in (value or [])]
            body = "; ".join(ticked)
        else:
            body = str(value or "").replace("\r\n", "\n").strip()
            flagged += passages(course_findings(manifest, body))
        if body:  # an empty field is named on the page before download, not written into the file
            lines += [f"## {md_escape(f['label'])}", "", md_escape(body), ""]
    lines += ["---", ""]
    lines += [md_escape(deid_statement(confirmed, flagged)), ""]
    lines += [md_escape(SELF_DECLARED), ""]
    return "\n".join(lines)


SELF_DECLARED = "Made with the course's own record tool from the learner's own notes. A self-declared record, not accreditation."
_NO_ONE = "identifies no patient, service user, family member, member of the public or colleague"


def deid_statement(confirmed: bool, flagged: int) -> str:
    """The one statement an export makes about identifying details. Mirrors record.js deidStatement."""
    found = (
        f"The course's automatic check flagged {flagged} passage{'s' if flagged != 1 else ''} that might identify someone."
        if flagged
        else "The course's automatic check flagged nothing that looks identifying."
    )
    if not confirmed:
        return (
            found
            + " Not yet reviewed by the author: check that nothing here identifies anyone before you share it."
        )
    if flagged:
        return found + f" I reviewed each of them and confirm that this account {_NO_ONE}."
    return found + f" I read the account through and confirm that it {_NO_ONE}."


def export(
    record: Record,
    template: str,
    reflections: list[str] | None = None,
    fields: dict | None = None,
    *,
    name: str | None = None,
    today: str | None = None,
    confirmed: bool | None = None,
    root: Path | None = None,
) -> str:
    """One of the record's exports as Markdown: ``template`` is one of :data:`TEMPLATE_IDS`.

    ``reflections`` picks which reflections feed it (element ids; default: what the learner
    picked in the browser, else all they wrote); ``fields`` overrides field text by field id.
    """
    return export_markdown(
        record_manifest(root),
        record.data,
        template,
        selected=reflections,
        fields=fields,
        name=name,
        today=today,
        confirmed=confirmed,
    )


# ---------------------------------------------------------------- the display object

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


def known_elements(manifest: dict) -> dict[str, str]:
    """Every element id this course keeps state for, with its kind."""
    known: dict[str, str] = {}
    for p in manifest["parts"]:
        if p["kind"] == "scenario":
            known[p["id"]] = "scenario"
        known.update({r: "reflection" for r in p["reflections"]})
        known.update({c: "selfcheck" for c in p["selfchecks"]})
    known.update({r: "reflection" for r in manifest.get("reflections", {})})
    return known


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
        "stages": manifest["stages"],
        "scenarios": {
            sid: {"perspectives": sc["perspectives"], "endings": sc["endings"]}
            for sid, sc in manifest["scenarios"].items()
        },
    }


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
