"""Exercise 3: your path through a scenario. A learner's record read back: the path taken, where it sits among every path, and what it reached."""

from __future__ import annotations

import json
import statistics
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path as FilePath

import ipywidgets as widgets

from ..content.graph import Route as Path
from ..content.graph import Step, enumerate_paths
from ..content.schema import Scenario
from ..record import Record, RecordError, record_from_dict
from .common import (
    _WIDE,
    COURSE_FILE,
    DATA,
    MAX_NAME,
    MAX_RECORD_BYTES,
    Block,
    Exercise,
    KeptWork,
    WorkError,
    WorkFile,
    _box,
    _course,
    _data,
    _html,
    _img,
    _svg_open,
    _svg_text,
    _text_field,
    clean_text,
    download_link,
    esc,
    markdown_text,
)


@dataclass(frozen=True)
class Attempt:
    """One scenario as the record holds it."""

    scenario_id: str
    perspective: str | None
    steps: tuple[Step, ...]
    reached: tuple[str, ...]
    completed: bool
    updated: str | None


def load_record(source: str | bytes | FilePath | Mapping, name: str | None = None) -> Record:
    """Read a learner's record: a path, an uploaded file's bytes, JSON text or a dict. Never executes anything.

    Accepts what the course site's record pages download (``{format, version, exported, data}``)
    and the raw browser store (``{version: 1, elements, meta}``); the checks are the record
    pages' own (:func:`coprod.record.validate_backup`).
    """
    label = name or "your record"
    if isinstance(source, FilePath):
        label = name or source.name
        try:
            source = source.read_bytes()
        except OSError as exc:
            raise RecordError(f"{label}: cannot read the file ({exc.strerror or exc}).") from None
    if isinstance(source, (bytes, bytearray, memoryview)):
        raw = bytes(source)
        if len(raw) > MAX_RECORD_BYTES:
            raise RecordError(
                f"{label}: this file is too large to be a course record. Check you chose the right file."
            )
        try:
            source = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise RecordError(f"{label}: this file is not a course record (it is not text).") from None
    if isinstance(source, str):
        try:
            source = json.loads(source)
        except json.JSONDecodeError:
            raise RecordError(
                f"{label}: this file is not a course record (it is not valid JSON). On the course site, "
                "download your record again and choose that file."
            ) from None
    # checked against the course's elements as the package carries them, so this runs without the book
    manifest = {"elements": _course()["elements"]}
    return record_from_dict(dict(source) if isinstance(source, Mapping) else source, label, manifest=manifest)


def sample_record_path() -> FilePath:
    return DATA / "sample-record.json"


def sample_record() -> Record:
    """The sample record shipped with the exercises (a fictional learner)."""
    return load_record(sample_record_path(), name="the sample record")


def _scenarios() -> dict[str, Scenario]:
    """The course's scenarios, from the copy shipped with the exercises (validated by the course's schema)."""
    path = DATA / COURSE_FILE
    return _validated_scenarios(str(path), path.stat().st_mtime_ns if path.exists() else 0)


@lru_cache(maxsize=2)
def _validated_scenarios(path: str, stamp: int) -> dict[str, Scenario]:
    return {i: Scenario.model_validate(s) for i, s in _course()["scenarios"].items()}


def _as_steps(path: object) -> tuple[Step, ...]:
    steps = []
    if not isinstance(path, list):
        return ()
    for item in path:
        if isinstance(item, (list, tuple)) and len(item) == 2 and isinstance(item[0], str):
            try:
                steps.append(Step(item[0], int(item[1])))
            except (TypeError, ValueError):
                return tuple(steps)
        else:
            return tuple(steps)
    return tuple(steps)


def record_attempts(record: Record) -> list[Attempt]:
    """The scenarios in a record that have a path or a reached ending, in the record's order."""
    scenarios = _scenarios()
    out = []
    for element_id, entry in record.elements.items():
        if not isinstance(entry, Mapping) or entry.get("kind") != "scenario":
            continue
        state = entry.get("state") if isinstance(entry.get("state"), Mapping) else {}
        steps = _as_steps(state.get("path", []))
        reached = tuple(str(r) for r in state.get("reached", []) if isinstance(r, str))
        perspective = state.get("perspective") if isinstance(state.get("perspective"), str) else None
        scenario = scenarios.get(element_id)
        if perspective is None and scenario and steps:  # records from the first prototype had no perspective
            perspective = next((p.id for p in scenario.perspectives if p.start == steps[0].node), None)
        if not steps and not reached:
            continue
        out.append(
            Attempt(
                str(element_id),
                perspective,
                steps,
                reached,
                bool(state.get("completed")),
                entry.get("updated") if isinstance(entry.get("updated"), str) else None,
            )
        )
    return out


@dataclass(frozen=True)
class Spread:
    """How one dimension's totals are spread over every path, and where a value sits among them."""

    values: tuple[int, ...]
    yours: int

    @property
    def lower(self) -> int:
        return sum(v < self.yours for v in self.values)

    @property
    def same(self) -> int:
        return sum(v == self.yours for v in self.values)

    @property
    def higher(self) -> int:
        return sum(v > self.yours for v in self.values)

    @property
    def low(self) -> int:
        return min(self.values)

    @property
    def high(self) -> int:
        return max(self.values)

    @property
    def median(self) -> float:
        return statistics.median(self.values)

    def counts(self) -> Counter:
        return Counter(self.values)


def profile_distribution(
    scenario: Scenario, perspective: str, paths: Sequence[Path] | None = None
) -> dict[str, Counter]:
    """For each dimension, how many complete paths end with each total."""
    from ..content.graph import dimension_profile

    paths = enumerate_paths(scenario, perspective) if paths is None else paths
    out: dict[str, Counter] = {d.id: Counter() for d in scenario.dimensions}
    for p in paths:
        for dim, value in dimension_profile(scenario, p.steps).items():
            out.setdefault(dim, Counter())[value] += 1
    return out


@dataclass
class PathPosition:
    """Where a learner's path sits among every path through a scenario in one perspective."""

    scenario: Scenario
    perspective: str
    steps: tuple[Step, ...]
    paths: list[Path]
    profile: dict[str, int]
    spreads: dict[str, Spread]
    complete: bool
    ending: str | None
    index: int | None
    problem: str | None = None
    open_paths: list[Path] = field(default_factory=list)
    #: how many paths (or, for an unfinished path, distinct first decisions) the spreads compare with
    compared: int = 0

    @property
    def professional(self) -> bool:
        """False for residents, patients and family members: their side is never scored."""
        return next(p.professional for p in self.scenario.perspectives if p.id == self.perspective)

    @property
    def perspective_label(self) -> str:
        return next(p.label for p in self.scenario.perspectives if p.id == self.perspective)

    def ending_counts(self) -> Counter:
        return Counter(p.ending for p in self.paths)


def _follow(
    scenario: Scenario, perspective: str, steps: Sequence[Step]
) -> tuple[int, str | None, str | None]:
    """How many steps are valid, the ending reached (if any), and what is wrong (if anything)."""
    start = next(p.start for p in scenario.perspectives if p.id == perspective)
    expected = start
    for i, step in enumerate(steps):
        if step.node != expected:
            return (
                i,
                None,
                (
                    f"step {i + 1} of your path is at '{step.node}', but the scenario leads to '{expected}' there; "
                    "the scenario may have changed since you played it"
                ),
            )
        node = scenario.nodes.get(step.node)
        if node is None:
            return i, None, f"step {i + 1} names a decision '{step.node}' this scenario does not have"
        if not 0 <= step.choice < len(node.choices):
            return (
                i,
                None,
                f"step {i + 1} names choice {step.choice + 1}, but that decision has {len(node.choices)} choices",
            )
        expected = node.choices[step.choice].next
        if expected in scenario.endings:
            if i != len(steps) - 1:
                return (
                    i + 1,
                    expected,
                    "your path goes on after an ending; only the part up to the ending is used",
                )
            return i + 1, expected, None
    return len(steps), None, None


def locate_path(scenario: Scenario, perspective: str, steps: Iterable[Step]) -> PathPosition:
    """Enumerate every path in ``perspective`` and find where the learner's path sits on each dimension."""
    from ..content.graph import dimension_profile

    steps = tuple(steps)
    paths = enumerate_paths(scenario, perspective)
    valid, ending, problem = _follow(scenario, perspective, steps)
    used = steps[:valid]
    profile = dimension_profile(scenario, used)
    complete = ending is not None
    index = None
    if complete:
        index = next((i for i, p in enumerate(paths) if p.steps == used), None)
    open_paths = [] if complete else [p for p in paths if p.steps[: len(used)] == used]
    # totals are sums, so they grow with the number of decisions: compare like with like. A finished path
    # is compared with the finished paths of the same length; an unfinished one with every distinct way
    # of making the same number of decisions.
    k = len(used)
    if complete:
        same_length = [p.steps for p in paths if len(p.steps) == k]
    else:
        same_length = list(dict.fromkeys(p.steps[:k] for p in paths if len(p.steps) >= k))
    profiles = [dimension_profile(scenario, s) for s in same_length] or [profile]
    spreads = {d.id: Spread(tuple(pr[d.id] for pr in profiles), profile[d.id]) for d in scenario.dimensions}
    return PathPosition(
        scenario,
        perspective,
        used,
        paths,
        profile,
        spreads,
        complete,
        ending,
        index,
        problem,
        open_paths,
        len(same_length),
    )


def _signed(value: float) -> str:
    text = f"{value:g}" if isinstance(value, float) else str(value)
    return f"+{text}" if value > 0 else text.replace("-", "−")


_WORDS = {2: "strongly towards", 1: "towards", 0: "neither", -1: "against", -2: "strongly against"}


def _paths_data() -> dict:
    return _data("paths.json")


def dimension_direction(dimension_id: str) -> str:
    """Which way a dimension runs: 'higher: ...; lower: ...' (the course's own reading)."""
    d = _paths_data()["directions"].get(dimension_id)
    return f"higher: {d['plus']}; lower: {d['minus']}" if d else "the scenario does not say which way it runs"


def moving_together(scenario: Scenario) -> tuple[int, int]:
    """(choices that move all their dimensions the same way, choices that move two or more dimensions)."""
    same = many = 0
    for node in scenario.nodes.values():
        for choice in node.choices:
            moved = [v for v in choice.dimensions.values() if v]
            if len(moved) >= 2:
                many += 1
                same += all(v > 0 for v in moved) or all(v < 0 for v in moved)
    return same, many


def path_picture(position: PathPosition) -> str:
    """One column per decision, one row per dimension: each decision's own figure (−2 to +2), never a sum.

    The scenarios' debrief shows each decision on its own for the same reason: a total grows with the
    number of decisions, so a longer path would look 'better'. Empty for a resident's, patient's or
    family member's side, which the course does not score.
    """
    sc = position.scenario
    if not position.professional or not sc.dimensions or not position.steps:
        return ""
    dims = sc.dimensions
    k = len(position.steps)
    left, col, row_h, top = 210, 64, 46, 44
    width = left + col * k + 20
    height = top + row_h * len(dims) + 16
    out = [
        _svg_text(
            12, 18, "Each decision on its own, from −2 (strongly against) to +2 (strongly towards).", 13
        ),
        _svg_text(12, 34, "Not added up: a longer path is not a better one.", 13, fill="#333333"),
    ]
    desc = []
    for c in range(k):
        out.append(
            _svg_text(left + col * (c + 0.5), top + 2, f"Decision {c + 1}", 11, "middle", fill="#333333")
        )
    for r, dim in enumerate(dims):
        y = top + 12 + r * row_h
        mid = y + row_h / 2
        out.append(_svg_text(12, mid + 5, dim.label, 13, weight="bold"))
        words = []
        for c, step in enumerate(position.steps):
            choice = sc.nodes[step.node].choices[step.choice]
            v = choice.dimensions.get(dim.id, 0)
            cx = left + col * (c + 0.5)
            out.append(
                f'<line x1="{cx - 26:.1f}" y1="{mid:.1f}" x2="{cx + 26:.1f}" y2="{mid:.1f}" stroke="#999999"/>'
            )
            if v:
                w = 13 * abs(v)
                x = cx if v > 0 else cx - w
                fill = "#1f4e79" if v > 0 else "#b34700"
                out.append(f'<rect x="{x:.1f}" y="{mid - 9:.1f}" width="{w:.1f}" height="18" fill="{fill}"/>')
            out.append(_svg_text(cx, mid + 22, _signed(v), 11, "middle", fill="#333333"))
            words.append(f"decision {c + 1} {_WORDS.get(v, _signed(v))}")
        desc.append(f"{dim.label} ({dimension_direction(dim.id)}): " + ", ".join(words))
    label = (
        f"Your {k} decision{'s' if k != 1 else ''} in {sc.title} as {position.perspective_label}, each on its own. "
        + ". ".join(desc)
        + "."
    )
    return _svg_open(width, height, label, "Your path, decision by decision") + "".join(out) + "</svg>"


def _compared_with(position: PathPosition) -> str:
    k = len(position.steps)
    if position.complete:
        return f"the {position.compared} finished path{'s' if position.compared != 1 else ''} of {k} decision{'s' if k != 1 else ''}"
    first = "the first decision" if k == 1 else f"the first {k} decisions"
    return f"the {position.compared} different ways of making {first}"


def path_table(position: PathPosition) -> tuple[str, str]:
    """The dimensions table as (HTML, plain text): totals compared only with paths of the same length."""
    among = _compared_with(position)
    rows = []
    plain = [
        f"Compared with {among}.",
        f"{'Dimension':<26} {'You':>4}  {'Range':>9}  {'Middle':>6}  lower/same/higher   which way it runs",
    ]
    for dim in position.scenario.dimensions:
        s = position.spreads[dim.id]
        rng = f"{_signed(s.low)} to {_signed(s.high)}"
        direction = dimension_direction(dim.id)
        rows.append(
            f"<tr><th scope='row'>{esc(dim.label)}</th><td>{esc(direction)}</td><td>{esc(_signed(s.yours))}</td>"
            f"<td>{esc(rng)}</td><td>{esc(_signed(s.median))}</td><td>{s.lower}</td><td>{s.same}</td>"
            f"<td>{s.higher}</td></tr>"
        )
        plain.append(
            f"{dim.label:<26} {_signed(s.yours):>4}  {rng:>9}  {_signed(s.median):>6}  "
            f"{s.lower}/{s.same}/{s.higher}   {direction}"
        )
    caption = "Your path so far" if not position.complete else "Your path"
    html_table = (
        f"<table><caption>{caption}: totals compared with {esc(among)}</caption><thead><tr>"
        "<th scope='col'>Dimension</th><th scope='col'>Which way it runs</th><th scope='col'>Your total</th>"
        "<th scope='col'>Range</th><th scope='col'>Middle</th><th scope='col'>Paths lower</th>"
        "<th scope='col'>Paths the same</th><th scope='col'>Paths higher</th></tr></thead><tbody>"
        + "".join(rows)
        + "</tbody></table>"
    )
    return html_table, "\n".join(plain)


def _endings_table(position: PathPosition, reached: Sequence[str] = ()) -> tuple[str, str]:
    sc = position.scenario
    counts = position.ending_counts()
    seen = {r.split(":", 1)[1] for r in reached if r.startswith(position.perspective + ":")}
    rows, plain = [], ["Endings (paths reaching each):"]
    for eid, n in ((e, counts[e]) for e in sc.endings if counts.get(e)):
        ending = sc.endings[eid]
        marks = []
        if eid == position.ending:
            marks.append("your path")
        elif eid in seen:
            marks.append("reached on an earlier play")
        if not position.complete and any(p.ending == eid for p in position.open_paths):
            marks.append("still open to you")
        mark = "; ".join(marks)
        rows.append(
            f"<tr><td>{esc(ending.title)}</td><td>{esc(ending.kind)}</td><td>{n}</td><td>{esc(mark)}</td></tr>"
        )
        plain.append(f"- {ending.title} ({ending.kind}): {n}" + (f" [{mark}]" if mark else ""))
    table = (
        "<table><caption>Endings in this perspective, and how many paths reach each</caption><thead><tr>"
        "<th scope='col'>Ending</th><th scope='col'>Kind</th><th scope='col'>Paths</th><th scope='col'>You</th>"
        "</tr></thead><tbody>" + "".join(rows) + "</tbody></table>"
    )
    return table, "\n".join(plain)


def _attempt_title(attempt: Attempt, scenarios: Mapping[str, Scenario]) -> str:
    sc = scenarios.get(attempt.scenario_id)
    if sc is None:
        return f"{attempt.scenario_id} (not in this version of the course)"
    who = next((p.label for p in sc.perspectives if p.id == attempt.perspective), "no side chosen")
    return f"{sc.title}, as {who}"


def _report_parts(record: Record, scenario_id: str) -> tuple[str, str, str, str]:
    """(HTML, plain text, SVG, Markdown) of where the learner's path in ``scenario_id`` sits."""
    scenarios = _scenarios()
    attempts = {a.scenario_id: a for a in record_attempts(record)}
    attempt = attempts.get(scenario_id)
    if attempt is None:
        msg = f"{record.source or 'This record'} has no path through '{scenario_id}'."
        return f"<p>{esc(msg)}</p>", msg, "", msg + "\n"
    sc = scenarios.get(scenario_id)
    if sc is None:
        msg = f"The scenario '{scenario_id}' in {record.source or 'this record'} is not in this version of the course."
        return f"<p>{esc(msg)}</p>", msg, "", msg + "\n"
    if attempt.perspective not in {p.id for p in sc.perspectives}:
        msg = f"{record.source or 'This record'} does not say which side of '{sc.title}' was played, so the path cannot be placed."
        return f"<p>{esc(msg)}</p>", msg, "", msg + "\n"
    pos = locate_path(sc, attempt.perspective, attempt.steps)
    n = len(pos.paths)
    lines = [f"{sc.title}, played as {pos.perspective_label}."]
    if pos.complete:
        ending = sc.endings[pos.ending]
        same_end = pos.ending_counts()[pos.ending]
        lines.append(
            f"Your path took {len(pos.steps)} decisions and reached the ending “{ending.title}” ({ending.kind}). "
            f"It is one of {n} possible paths in this perspective; {same_end} of them reach the same ending."
        )
        if pos.index is None:
            lines.append(
                "Your path visits a decision twice, so it is not in the list of paths that never repeat a decision; it is compared with them anyway."
            )
    else:
        endings = [
            f"“{sc.endings[e].title}”" for e in sc.endings if any(p.ending == e for p in pos.open_paths)
        ]
        k = len(pos.steps)
        lines.append(
            f"You have not reached an ending yet: your path so far has {k} decision{'s' if k != 1 else ''}. "
            f"{len(pos.open_paths)} of the {n} possible paths continue from where you stopped, "
            f"towards {len(endings)} ending{'s' if len(endings) != 1 else ''}: {'; '.join(endings) if endings else 'none'}."
        )
    if pos.problem:
        lines.append(f"Note: {pos.problem}.")
    lines.append(
        "Each path counts once, however likely it is: these are routes through the story, not other learners."
    )
    endings_html, endings_plain = _endings_table(pos, attempt.reached)
    if pos.professional and sc.dimensions:
        lines.append(_paths_data()["lens"])
        same, many = moving_together(sc)
        if many:
            lines.append(
                f"In this scenario, {same} of the {many} choices that move two or more dimensions move them all "
                "the same way, so the rows often rise and fall together: read them as one leaning seen "
                f"{len(sc.dimensions)} ways, not as separate scores, and a high total is not a mark."
            )
        lines.append(
            "The picture shows each of your decisions on its own. The table adds them up, so it compares your "
            f"totals only with {_compared_with(pos)}: a longer path would otherwise look higher."
        )
        table_html, table_plain = path_table(pos)
        svg = path_picture(pos)
    else:
        who = pos.perspective_label.split(",")[0]
        lines.append(
            f"This story was seen from {who}'s side, so the course scores no one here: "
            "look at the endings and the debrief questions instead."
        )
        table_html, table_plain, svg = "", "", ""
    debrief = "".join(f"<li>{esc(q)}</li>" for q in sc.debrief_questions)
    html_out = (
        "".join(f"<p>{esc(line)}</p>" for line in lines)
        + svg
        + table_html
        + endings_html
        + (f"<h3>Questions from the scenario's debrief</h3><ul>{debrief}</ul>" if debrief else "")
    )
    plain = "\n".join(lines + ["", table_plain, "", endings_plain])
    md = (
        "\n".join(
            [f"# My path: {markdown_text(sc.title, one_line=True)}", ""]
            + [markdown_text(line) for line in lines]
            + ["", "```text", table_plain, "", endings_plain, "```", ""]
            + (
                ["## Questions from the scenario's debrief", ""]
                + [f"- {markdown_text(q)}" for q in sc.debrief_questions]
                if sc.debrief_questions
                else []
            )
            + ["", "Made with exercise 3 of the co-production course."]
        )
        + "\n"
    )
    return html_out, plain, svg, md


def _static_report(record: Record, scenario_id: str | None) -> str:
    if not scenario_id:
        return ""
    html_out, _plain, svg, _md = _report_parts(record, scenario_id)
    return html_out.replace(svg, _img(svg)) if svg else html_out


def path_report(
    record: Record | None = None,
    scenario_id: str | None = None,
    picture: bool = True,
) -> Block:
    """Where the record's path through a scenario sits: text, picture (unless ``picture=False``) and tables."""
    record = record or sample_record()
    if scenario_id is None:
        attempts = record_attempts(record)
        if not attempts:
            return Block(
                _box("<p>This record has no scenario paths yet.</p>"),
                "This record has no scenario paths yet.",
            )
        scenario_id = attempts[0].scenario_id
    html_out, plain, svg, _md = _report_parts(record, scenario_id)
    shown = (
        _static_report(record, scenario_id) if picture else (html_out.replace(svg, "") if svg else html_out)
    )
    return Block(_box(shown), plain)


def path_work(work) -> dict:
    """Exercise 3's kept view, checked: the learner's record (checked as an upload is) or the sample, and the scenario."""
    out: dict = {"scenario": _text_field(work, "scenario", 80, one_line=True)}
    if work.get("record") is not None:
        source = _text_field(work, "source", MAX_NAME, one_line=True) or "your record"
        try:
            out["record"] = load_record(dict(work["record"]), name=source)
        except (RecordError, TypeError, ValueError) as exc:
            raise WorkError(f"the record in it cannot be read ({exc})") from None
    elif "record" in work:
        out["record"] = None  # the sample
    return {k: v for k, v in out.items() if v is not None or k == "record"}


def scenario_path_exercise(record: Record | None = None, keep: bool | FilePath = True) -> Exercise:
    """Exercise 3: load a record (upload or sample), choose a scenario, see where the path sits.

    ``keep``: True keeps the learner's uploaded record and chosen scenario in ``ex3-my-work.json`` in the
    working folder and brings them back; a folder keeps them there; False keeps nothing.
    """
    state = {"record": record or sample_record(), "mine": record is not None}
    upload = widgets.FileUpload(
        accept=".json,application/json",
        multiple=False,
        description="Upload your record (.json)",
        layout=widgets.Layout(width="max-content"),
        tooltip="Choose the record file you exported from the course site",
    )
    use_sample = widgets.Button(
        description="Use the sample record",
        layout=widgets.Layout(width="max-content"),
        tooltip="Shows a fictional learner's record",
    )
    status = _html()
    chooser = widgets.Dropdown(
        options=[],
        description="Scenario:",
        style=_WIDE,
        layout=widgets.Layout(width="100%", max_width="46rem"),
    )
    report = _html()

    def fill():
        rec = state["record"]
        scenarios = _scenarios()
        attempts = record_attempts(rec)
        chooser.unobserve(show, names="value")
        chooser.options = [(_attempt_title(a, scenarios), a.scenario_id) for a in attempts]
        chooser.value = attempts[0].scenario_id if attempts else None
        chooser.observe(show, names="value")
        count = f"{len(attempts)} scenario{'s' if len(attempts) != 1 else ''} with a path"
        status.value = _box(f"<p>Showing <strong>{esc(rec.source)}</strong>: {esc(count)}.</p>")
        if not attempts:
            status.value = _box(
                f"<p>Showing <strong>{esc(rec.source)}</strong>. It has no scenario paths yet: play a scenario on "
                "the course site, export your record again, then upload it here.</p>"
            )
        show()

    def show(_change=None):
        if not chooser.value:
            report.value = ""
            return
        html_out, _plain, svg, md = _report_parts(state["record"], chooser.value)
        links = ""
        if svg:
            links = download_link(
                f"my-path-{chooser.value}.svg", svg, "image/svg+xml", "Download the picture (SVG)"
            )
            links += download_link(
                f"my-path-{chooser.value}.md", md, "text/markdown", "Download the summary (Markdown)"
            )
        report.value = _box(html_out + (f"<p>{links}</p>" if links else ""))

    def uploaded(change):
        files = change["new"]
        if not files:
            return
        item = files[0]
        name = clean_text(item.get("name", "your file"), MAX_NAME, one_line=True)
        try:
            state["record"] = load_record(bytes(item["content"]), name=name)
        except RecordError as exc:
            status.value = _box(f'<p class="coprod-ex-warn" role="alert">{esc(exc)}</p>')
            return
        state["mine"] = True
        fill()
        kept.changed()

    def sample(_button=None):
        state["record"], state["mine"] = sample_record(), False
        fill()
        kept.changed()

    def get() -> dict:
        rec = state["record"]
        return {
            "record": rec.data if state["mine"] else None,
            "source": rec.source if state["mine"] else "",
            "scenario": chooser.value or "",
        }

    def put(work: dict) -> None:
        if "record" in work:
            state["mine"] = work["record"] is not None
            state["record"] = work["record"] if work["record"] is not None else sample_record()
            fill()
        if work.get("scenario") in [value for _label, value in chooser.options]:
            chooser.value = work["scenario"]

    kept = KeptWork(WorkFile("ex3", path_work, keep), get, put, lambda: put({"record": record}))
    upload.observe(uploaded, names="value")
    use_sample.on_click(sample)
    chooser.observe(show, names="value")
    chooser.observe(kept.changed, names="value")
    intro = _html(
        _box(
            "<p>To get your record: on the course site, open <em>Your CPD record</em>, go to its backup page and press "
            "<strong>Download my record (JSON file)</strong>. Then upload that file here. The notebook only reads it "
            "and sends it nowhere. To try the exercise first, use the sample record (a fictional learner's).</p>"
        )
    )
    fill()
    kept.restore()
    exercise = Exercise(
        [kept, intro, widgets.HBox([upload, use_sample]), status, chooser, report],
        lambda: _static_report(state["record"], chooser.value),
    )
    exercise.upload, exercise.use_sample, exercise.chooser, exercise.report, exercise.status = (
        upload,
        use_sample,
        chooser,
        report,
        status,
    )
    exercise.state = state
    exercise.kept = kept
    return exercise
