"""The record's model: pure calculations over a learner's stored data and the course manifest.

Every function here has a namesake in ``coprod/static/record/model.js`` (the
record pages in the browser) that must give the same result; the names are the
same in snake_case. The tests compare the two sides on the same inputs
(tests/fixtures/record.json, tests/fixtures/backups/, tests/js/).

=====================  =====================  ==========================================
model.py               model.js               what
=====================  =====================  ==========================================
words                  words                  words in a text
plural                 plural                 "1 entry", "2 entries"
local_today            localToday             today's date, ISO
fmt_hours              fmtHours               minutes as "2.5 hours"
fmt_date               fmtDate                ISO date as "12 May 2026"
norm                   norm                   CRLF to LF
state_of               stateOf                an element's stored state
text_of                textOf                 a reflection's text
attempted              attempted              whether a self-check was tried
scenario_ending        scenarioEnding         the ending the current path reaches
scenario_debrief       scenarioDebrief        the current path's choices and ending
signed                 signed                 +2, 0, -1
reached_titles         reachedTitles          titles of the endings reached
debrief_text           debriefText            one export sentence for a scenario
sides_played           sidesPlayed            perspectives played to an ending
compute_progress       computeProgress        what is done, and the hours
date_range             dateRange              "1 May 2026 to 3 May 2026"
activity_dates         activityDates          "Activity recorded from ... to ..."
all_written            allWritten             reflections with text, course order
hours_how              hoursHow               one line on how the hours were reached
source_text            sourceText             one template source's text
prefill                prefill                each field's text from the journal
md_escape              mdEscape               text as Markdown that shows the same
export_values          exportValues           template, values and choices of an export
field_body             fieldBody              a field's text as exported
find_in_text           findInText             de-identification findings in a text
deid_statement         deidStatement          the export's one statement on identifying details
SELF_DECLARED          SELF_DECLARED          the export's closing line
flagged_count          flaggedCount           passages flagged in an export
export_document        exportDocument         one export as data: title, fields, closing
export_markdown        exportMarkdown         the Markdown download
empty_fields           emptyFields            fields an export leaves out
export_plain_text      exportPlainText        the export as plain text
validate_backup        validateBackup         whether a file is a backup of this course
known_elements         knownElements          this course's element ids and kinds
summarise              summarise              "2 reflections, 1 scenario played, ..."
part_of                partOf                 a part of the course by id
has_record             hasRecord              whether the browser holds any of it
MAX_FILE_BYTES         MAX_FILE_BYTES         the largest backup file read
store.element_problem  elementProblem         (store.js) what is wrong with a stored element
store.log_problem      logProblem             (store.js) what is wrong with a logged session
passages               mergeSpans().length    (deid.js) separate stretches flagged
=====================  =====================  ==========================================

``element_problem`` and ``log_problem`` (store.js's checks of stored data) are in
:mod:`coprod.record.store`, with the helpers that reproduce JavaScript's own
behaviour where it shows in a result.
"""

from __future__ import annotations

import math
import re
from datetime import date

from ..privacy import find_identifying
from .store import (
    BACKUP_FORMAT,
    KINDS,
    MAX_MINUTES,
    MAX_TEXT,
    MODES,
    element_problem,
    js_keys,
    js_len,
    js_slice,
    js_string,
    log_problem,
    participatory_sessions,
)

__all__ = [
    "BACKUP_FORMAT",
    "KINDS",
    "MAX_FILE_BYTES",
    "MAX_MINUTES",
    "MAX_TEXT",
    "MODES",
    "SELF_DECLARED",
    "activity_dates",
    "all_written",
    "attempted",
    "compute_progress",
    "date_range",
    "debrief_text",
    "deid_statement",
    "element_problem",
    "empty_fields",
    "export_document",
    "export_markdown",
    "export_plain_text",
    "export_values",
    "field_body",
    "find_in_text",
    "flagged_count",
    "fmt_date",
    "fmt_hours",
    "has_record",
    "hours_how",
    "known_elements",
    "local_today",
    "log_problem",
    "md_escape",
    "norm",
    "part_of",
    "passages",
    "plural",
    "prefill",
    "reached_titles",
    "scenario_debrief",
    "scenario_ending",
    "sides_played",
    "signed",
    "source_text",
    "state_of",
    "summarise",
    "text_of",
    "validate_backup",
    "words",
]

MAX_FILE_BYTES = 5 * 1024 * 1024
MONTHS = tuple(
    "January February March April May June July August September October November December".split()
)

# ---------------------------------------------------------------- small pieces


def words(text: object) -> int:
    return len(str(text or "").split())


def plural(n: int, one: str, many: str | None = None) -> str:
    return f"{n} {one if n == 1 else many or one + 's'}"


def local_today() -> str:
    return date.today().isoformat()


def fmt_hours(minutes: int | float) -> str:
    """Minutes as hours to one decimal place, rounded half up: 150 -> '2.5 hours'."""
    try:
        whole_minutes = math.floor(float(minutes) + 0.5) if math.isfinite(float(minutes)) else 0
    except (TypeError, ValueError):
        whole_minutes = 0
    tenths = (whole_minutes + 3) // 6
    whole, frac = divmod(tenths, 10)
    text = f"{whole}" if frac == 0 else f"{whole}.{frac}"
    return f"{text} hour" if tenths == 10 else f"{text} hours"


def fmt_date(iso: str) -> str:
    """'2026-05-12' (or a full timestamp) -> '12 May 2026'."""
    match = re.match(r"^([0-9]{4})-([0-9]{2})-([0-9]{2})", str(iso or ""))
    if not match:
        return ""
    y, m, d = (int(g) for g in match.groups())
    if not 1 <= m <= 12:
        return ""
    return f"{d} {MONTHS[m - 1]} {y}"


def norm(text: object) -> str:
    """``String(text || "")`` with CRLF as LF."""
    falsy = text is None or text is False or text == "" or (isinstance(text, (int, float)) and not text)
    return "" if falsy else js_string(text).replace("\r\n", "\n")


def state_of(data: dict, element_id: str) -> dict:
    el = (data.get("elements") or {}).get(element_id)
    return el["state"] if isinstance(el, dict) and isinstance(el.get("state"), dict) else {}


def text_of(data: dict, rid: str) -> str:
    return norm(state_of(data, rid).get("text")).strip()


def attempted(data: dict, cid: str) -> bool:
    st = state_of(data, cid)
    checked: dict = st["checked"] if isinstance(st.get("checked"), dict) else {}
    answers: dict = st["answers"] if isinstance(st.get("answers"), dict) else {}
    return any(bool(v) for v in checked.values()) or len(answers) > 0


def part_of(manifest: dict, pid: str) -> dict | None:
    return next((p for p in manifest["parts"] if p["id"] == pid), None)


# ---------------------------------------------------------------- scenarios


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
        for dim, w in (choice.get("dimensions") or {}).items():
            if dim in totals:
                totals[dim] += w
    return {
        "perspective": sc["perspectives"][st["perspective"]],
        "choices": choices,
        "ending": sc["endings"][ending],
        "dimensions": [{"label": d["label"], "value": totals[d["id"]]} for d in sc["dimensions"]],
    }


def signed(v: int) -> str:
    return f"+{v}" if v > 0 else str(v)


def _reached(st: dict) -> list[tuple[str, str]]:
    """(perspective, ending) for each 'perspective:ending' the state records."""
    reached: list = st["reached"] if isinstance(st.get("reached"), list) else []
    return [(p, e) for p, sep, e in (js_string(r).partition(":") for r in reached) if sep]


def reached_titles(manifest: dict, sid: str, st: dict) -> list[str]:
    endings = (manifest["scenarios"].get(sid) or {}).get("endings", {})
    return [endings[e]["title"] for _p, e in _reached(st) if e in endings]


def debrief_text(manifest: dict, part: dict, st: dict) -> str:
    """One plain sentence for an export: the sides played (by role, never a character's name) and the endings reached, never scores."""
    sc = manifest["scenarios"].get(part["id"], {})
    endings = sc.get("endings", {})
    roles = sc.get("roles", {})
    pairs = [(p, e) for p, e in _reached(st) if e in endings]
    if not pairs:
        return ""
    sides = list(dict.fromkeys(roles[p] for p, _e in pairs if p in roles))
    titles = list(dict.fromkeys(endings[e]["title"] for _p, e in pairs))
    out = f"In the course's fictional case scenario “{part['title']}” I worked through the case"
    if sides:
        out += " as " + ", and as ".join(sides) + ","
    if len(titles) == 1:
        return out + f" and reached the ending “{titles[0]}”."
    return out + f" and reached {len(titles)} different endings: " + "; ".join(f"“{t}”" for t in titles) + "."


def sides_played(manifest: dict, sid: str, st: dict) -> list[str]:
    """The perspectives of a scenario played to an ending, in the order first reached."""
    sc = manifest["scenarios"].get(sid, {})
    out: list[str] = []
    for p, e in _reached(st):
        if e in sc.get("endings", {}) and p in sc.get("perspectives", {}) and p not in out:
            out.append(p)
    return out


# ---------------------------------------------------------------- progress and hours


def compute_progress(manifest: dict, data: dict) -> dict:
    """What is done and the hours, as the Progress page shows them."""
    meta = data.get("meta") or {}
    log = [e for e in meta.get("log") or [] if isinstance(e, dict)]
    linked = {e.get("part") for e in log if e.get("part")}
    read: dict = meta["read"] if isinstance(meta.get("read"), dict) else {}
    parts = []
    for p in manifest["parts"]:
        written = [r for r in p["reflections"] if text_of(data, r)]
        tried = [c for c in p["selfchecks"] if attempted(data, c)]
        sides = 0
        if p["kind"] == "scenario":
            st = state_of(data, p["id"])
            sc = manifest["scenarios"].get(p["id"], {})
            played = sides_played(manifest, p["id"], st)
            done = (sides := len(played)) > 0
            started = (
                done or bool(st.get("perspective")) or (isinstance(st.get("path"), list) and bool(st["path"]))
            )
            roles, mins = sc.get("roles") or {}, sc.get("minutes") or {}
            each = [(mins.get(s) or p["minutes"], roles.get(s, s)) for s in played]
            earned = sum(m for m, _r in each)
            how = (
                "; ".join(f"{m} minutes as {r}" for m, r in each) + " (each side played to an ending)"
                if done
                else ""
            )
        else:
            worked = (
                (not p["selfchecks"] or bool(tried))
                and (not p["reflections"] or bool(written))
                and bool(p["selfchecks"] or p["reflections"])
            )
            done = worked or bool(read.get(p["id"]))
            started = bool(written or tried)
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
        started = started or bool(written or tried)
        parts.append(
            {
                "id": p["id"],
                "kind": p["kind"],
                "label": p["label"],
                "minutes": p["minutes"],
                "status": "done" if done else "started" if started else "not-started",
                "written": len(written),
                "reflections": len(p["reflections"]),
                "attempted": len(tried),
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
            day
            for el in (data.get("elements") or {}).values()
            if isinstance(el, dict) and (day := str(el.get("updated") or "")[:10]) and fmt_date(day)
        ]
        + [day for e in log if fmt_date(day := str(e.get("date") or "")[:10])]
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


def date_range(first: str, last: str) -> str:
    if not first:
        return ""
    return fmt_date(first) if first == last else f"{fmt_date(first)} to {fmt_date(last)}"


def activity_dates(prog: dict) -> str:
    if prog["first"] == prog["last"]:
        return f"Activity recorded on {fmt_date(prog['first'])}."
    return f"Activity recorded from {fmt_date(prog['first'])} to {fmt_date(prog['last'])}."


# ---------------------------------------------------------------- drafting an export


def all_written(manifest: dict, data: dict) -> list[str]:
    return [r for p in manifest["parts"] for r in p["reflections"] if text_of(data, r)]


def _session_text(e: dict) -> str:
    return f"{str(e.get('what') or '').strip()} ({fmt_date(str(e.get('date') or ''))}, {fmt_hours(e['minutes'])})"


def hours_how(prog: dict) -> str:
    """One line, in minutes so that nothing is lost to rounding: how the hours were reached."""
    m = prog["minutes"]
    counted = [p for p in prog["parts"] if p["earned"]]
    course = f"the course's estimates for what I completed, {m['estimated']} minutes"
    sides = {
        p["id"]: f", {plural(p['sides'], 'side')} played" if p["kind"] == "scenario" else "" for p in counted
    }
    if counted:
        course += " (" + "; ".join(f"{p['label']}{sides[p['id']]}, {p['earned']}" for p in counted) + ")"
    return (
        f"How the hours were reached: {course}; time I logged on my own, {m['logged_solo']} minutes; "
        f"time I logged with others, {m['logged_participatory']} minutes. In all, {m['total']} minutes, "
        f"of which {m['participatory']} with others."
    )


def source_text(manifest: dict, data: dict, src: str, chosen: list[str], prog: dict) -> str:
    """The text one of a field's sources gives (see the sources in templates.py)."""
    title = manifest["course"]["title"]
    if src.startswith("stages:"):
        # in the order the stages are named, then in course order
        return "\n\n".join(
            text_of(data, r)
            for stage in src[7:].split(",")
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
                d = debrief_text(manifest, p, state_of(data, p["id"]))
                if d:
                    text += "\n\n" + d
        return text
    if src == "sessions":
        sessions = participatory_sessions(data)
        if not sessions:
            return ""
        return "With other practitioners: " + "; ".join(_session_text(e) for e in sessions) + "."
    if src == "dates":
        return date_range(prog["first"], prog["last"])
    if src == "hours":
        return fmt_hours(prog["minutes"]["total"])
    if src == "hours_how":
        return hours_how(prog)
    if src == "hours_participatory":
        return fmt_hours(prog["minutes"]["participatory"])
    if src == "dates_hours":
        when = date_range(prog["first"], prog["last"])
        return (f"{when}. " if when else "") + (
            f"{fmt_hours(prog['minutes']['total'])} in all, "
            f"of which {fmt_hours(prog['minutes']['participatory'])} with others."
        )
    if src == "method":
        text = "Online course, worked through on my own: reading, self-checks, case scenarios and reflective writing."
        sessions = participatory_sessions(data)
        if sessions:
            text += " With others: " + "; ".join(_session_text(e) for e in sessions) + "."
        return text
    if src == "evidence":
        text = f"My reflective journal and a self-declared completion statement printed from the course record of “{title}”, kept by me."
        return text + (
            " For each group session: its attendance record or a note from whoever ran it."
            if participatory_sessions(data)
            else ""
        )
    return ""


def prefill(manifest: dict, data: dict, template: dict, selected: list[str]) -> dict[str, object]:
    """Each field's text from the journal (a list of ticked options for a choices field).

    A field's source may join several with "|": "activity|stages:description".
    """
    chosen = [r for r in all_written(manifest, data) if r in selected]
    prog = compute_progress(manifest, data)
    out: dict[str, object] = {}
    for f in template["fields"]:
        if f["kind"] == "choices":
            # a choices field may start from another template's ticks ("from": "template-id:field-id")
            tid, _sep, fid = str(f.get("from") or "").partition(":")
            drafts = (data.get("meta") or {}).get("drafts") or {}
            ticked = ((drafts.get(tid) or {}).get("fields") or {}).get(fid) if tid else None
            out[f["id"]] = [o for o in f["options"] if isinstance(ticked, list) and o in ticked]
            continue
        texts = [source_text(manifest, data, src, chosen, prog) for src in f["source"].split("|") if src]
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


def export_values(
    manifest: dict,
    data: dict,
    template_id: str,
    *,
    selected: list[str] | None = None,
    fields: dict | None = None,
    name: str | None = None,
    today: str | None = None,
    confirmed: bool | None = None,
) -> dict:
    """The template, its field values and the other choices for one export.

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
        selected = all_written(manifest, data)
    values = prefill(manifest, data, template, selected)
    prefilled = dict(values)
    values.update({k: v for k, v in (draft.get("fields") or {}).items() if k in values})
    values.update({k: v for k, v in (fields or {}).items() if k in values})
    return {
        "template": template,
        "selected": selected,
        "values": values,
        "prefilled": prefilled,
        "confirmed": bool(draft.get("confirmed")) if confirmed is None else confirmed,
        "name": (meta.get("name") or "") if name is None else name,
        "today": today or local_today(),
    }


def field_body(f: dict, value: object) -> str:
    """A field's text as it is exported ('' for an empty field)."""
    if f["kind"] == "choices":
        ticked = value if isinstance(value, list) else []
        return "; ".join(o for o in f["options"] if o in ticked)
    return norm(value).strip()


def find_in_text(manifest: dict, text: str) -> list:
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


SELF_DECLARED = "Made with the course's own record tool from the learner's own notes. A self-declared record, not accreditation."
_NO_ONE = "identifies no patient, service user, family member, member of the public or colleague"


def deid_statement(confirmed: bool, flagged: int) -> str:
    """The one statement an export makes about identifying details."""
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


def flagged_count(manifest: dict, template: dict, values: dict) -> int:
    return sum(
        passages(find_in_text(manifest, field_body(f, values.get(f["id"]))))
        for f in template["fields"]
        if f["kind"] != "choices"
    )


def export_document(manifest: dict, data: dict, template_id: str, **opts) -> dict:
    """One export as plain data, the single source of every download (Markdown and Word).

    Its title, the line on the template it follows, the course, name and date, one
    section per field that has text (an empty field is named on the page before
    download, never written into the file) and the closing statements.
    """
    v = export_values(manifest, data, template_id, **opts)
    template, values = v["template"], v["values"]
    sections = []
    for f in template["fields"]:
        body = field_body(f, values.get(f["id"]))
        if body:
            sections.append({"id": f["id"], "heading": f["label"], "body": body})
    name = str(v["name"])
    return {
        "title": template["name"],
        "note": f"Follows {template['follows']}. {template['check']}",
        "meta": [
            ["Course", manifest["course"]["title"]],
            ["Name", name if name.strip() else ""],
            ["Prepared", fmt_date(v["today"])],
        ],
        "sections": sections,
        "closing": [deid_statement(v["confirmed"], flagged_count(manifest, template, values)), SELF_DECLARED],
    }


def export_markdown(manifest: dict, data: dict, template_id: str, **opts) -> str:
    """The Markdown the record's Download button gives (options as for :func:`export_values`)."""
    doc = export_document(manifest, data, template_id, **opts)
    lines = [f"# {md_escape(doc['title'])}", ""]
    lines += [f"*{md_escape(doc['note'])}*", ""]
    for label, value in doc["meta"]:
        if label == "Prepared":
            lines += [f"{label}: {value}", ""]
        elif value:
            lines.append(f"{label}: {md_escape(value)}  ")
    for section in doc["sections"]:
        lines += [f"## {md_escape(section['heading'])}", "", md_escape(section["body"]), ""]
    lines += ["---", ""]
    for text in doc["closing"]:
        lines += [md_escape(text), ""]
    return "\n".join(lines)


def empty_fields(manifest: dict, data: dict, template_id: str, **opts) -> list[dict]:
    """The fields an export would leave out because nothing fills them."""
    v = export_values(manifest, data, template_id, **opts)
    return [f for f in v["template"]["fields"] if not field_body(f, v["values"].get(f["id"]))]


def export_plain_text(manifest: dict, data: dict, template_id: str, **opts) -> str:
    """The same export as plain text, for pasting into a form."""
    v = export_values(manifest, data, template_id, **opts)
    template, values = v["template"], v["values"]
    out = [
        template["name"],
        f"Follows {template['follows']}. {template['check']}",
        f"Course: {manifest['course']['title']}",
    ]
    if str(v["name"]).strip():
        out.append(f"Name: {v['name']}")
    out += [f"Prepared: {fmt_date(v['today'])}", ""]
    for f in template["fields"]:
        body = field_body(f, values.get(f["id"]))
        if body:
            out += [f["label"], body, ""]
    out.append(deid_statement(v["confirmed"], flagged_count(manifest, template, values)))
    return "\n".join(out)


# ---------------------------------------------------------------- backups


def known_elements(manifest: dict) -> dict[str, str] | None:
    """Every element id this course keeps state for, with its kind (None if the manifest does not say)."""
    if isinstance(manifest.get("elements"), dict):
        return manifest["elements"]
    if not isinstance(manifest.get("parts"), list):
        return None
    known: dict[str, str] = {}
    for p in manifest["parts"]:
        if p["kind"] == "scenario":
            known[p["id"]] = "scenario"
        known.update({r: "reflection" for r in p["reflections"]})
        known.update({c: "selfcheck" for c in p["selfchecks"]})
    known.update({r: "reflection" for r in manifest.get("reflections", {})})
    return known


def _is_one(v: object) -> bool:
    return not isinstance(v, bool) and isinstance(v, (int, float)) and v == 1


def validate_backup(obj: object, manifest: dict | None = None) -> tuple[dict | None, str]:
    """(store data, '') for a usable backup of this course, or (None, what is wrong).

    Checks the format's name, that every element is one this course has (by id and
    kind, when ``manifest`` is given), the shape of every entry and every number's bounds.
    """
    other_version = (
        "This backup was made by a different version of the course record, which this page cannot read."
    )
    if not isinstance(obj, dict):
        return None, "This file does not hold a course record."
    data: object = obj
    if "format" in obj:
        if obj["format"] != BACKUP_FORMAT:
            return None, "This file is not a backup of this course's record."
        if not _is_one(obj.get("version")):
            return None, other_version
        data = obj.get("data")
    if not isinstance(data, dict) or not isinstance(data.get("elements"), dict):
        return None, "This file is not a backup of this course's record: it has no list of your work."
    if not _is_one(data.get("version")):
        return None, other_version
    known = known_elements(manifest) if manifest else None
    ids = js_keys(data["elements"])
    if known is not None:
        foreign = [i for i in ids if i not in known]
        if foreign and len(foreign) == len(ids):
            return None, (
                f"This backup is not from this course: none of its {plural(len(ids), 'entry', 'entries')} "
                f"(for example '{js_slice(foreign[0], 60)}') is part of this course."
            )
        if foreign:
            return None, (
                "This backup is not from this course, or from a different edition of it: it holds work on "
                f"'{js_slice(foreign[0], 60)}', which this course does not have."
            )
    for key in ids:
        el = data["elements"][key]
        problem = element_problem(key, el)
        if problem:
            return (
                None,
                f"This backup is damaged: the entry for '{js_slice(key, 60)}' is not usable ({problem}).",
            )
        if known is not None and known[key] != el["kind"]:
            return None, (
                f"This backup is not from this course: '{js_slice(key, 60)}' is a {el['kind']} there "
                f"but a {known[key]} here."
            )
    meta = data.get("meta", {})
    if not isinstance(meta, dict):
        return None, "This backup is damaged: its details section is not in the expected shape."
    log = meta.get("log", [])
    if not isinstance(log, list):
        return None, "This backup is damaged: the time you logged is not a list."
    for e in log:
        problem = log_problem(e)
        if problem:
            return None, f"This backup is damaged: in the time you logged, {problem}."
    if "name" in meta and (not isinstance(meta["name"], str) or js_len(meta["name"]) > 200):
        return None, "This backup is damaged: the name is not short text."
    if "drafts" in meta and not isinstance(meta["drafts"], dict):
        return None, "This backup is damaged: the export drafts are not in the expected shape."
    return data, ""


def summarise(data: dict) -> str:
    els = [e for e in (data.get("elements") or {}).values() if isinstance(e, dict)]
    refl = sum(
        1 for e in els if e.get("kind") == "reflection" and norm((e.get("state") or {}).get("text")).strip()
    )
    scen = sum(1 for e in els if e.get("kind") == "scenario")
    checks = sum(1 for e in els if e.get("kind") == "selfcheck")
    log = len((data.get("meta") or {}).get("log") or [])
    return (
        f"{plural(refl, 'reflection')}, {plural(scen, 'scenario')} played, "
        f"{plural(checks, 'self-check')} and {plural(log, 'logged session')}"
    )


def has_record(data: dict) -> bool:
    """Whether the data holds anything of the learner's (printing shows the record's own document only then)."""
    meta = data.get("meta") or {}
    return (
        len(data.get("elements") or {}) > 0
        or bool(str(meta.get("name") or "").strip())
        or len(meta.get("log") or []) > 0
        or len(meta.get("drafts") or {}) > 0
    )
