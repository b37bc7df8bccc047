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

from .._record import Record, RecordError, record_from_dict
from ..content.graph import Route as Path
from ..content.graph import Step, enumerate_paths
from ..content.schema import Scenario
from .common import (
    _WIDE,
    COURSE_FILE,
    DATA,
    MAX_NAME,
    MAX_RECORD_BYTES,
    Block,
    Exercise,
    _box,
    _course,
    _html,
    _img,
    _short,
    _svg_open,
    _svg_text,
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
    pages' own (:func:`coprod._record.validate_backup`).
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
    return record_from_dict(dict(source) if isinstance(source, Mapping) else source, label)


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
    profiles = [dimension_profile(scenario, p.steps) for p in paths]
    spreads = {d.id: Spread(tuple(pr[d.id] for pr in profiles), profile[d.id]) for d in scenario.dimensions}
    return PathPosition(
        scenario, perspective, used, paths, profile, spreads, complete, ending, index, problem, open_paths
    )


def _signed(value: float) -> str:
    text = f"{value:g}" if isinstance(value, float) else str(value)
    return f"+{text}" if value > 0 else text.replace("-", "−")


def path_picture(position: PathPosition) -> str:
    """One row per dimension: how many paths end with each total (bars), and the learner's total (orange, 'You')."""
    sc = position.scenario
    dims = sc.dimensions
    values = [v for s in position.spreads.values() for v in s.values] + list(position.profile.values())
    lo, hi = (min(values), max(values)) if values else (0, 0)
    lo, hi = min(lo, 0), max(hi, 0)
    width, left, right, row_h, top = 780, 200, 20, 92, 34
    height = top + row_h * len(dims) + 26
    span = max(hi - lo, 1)
    step = (width - left - right) / (span + 1)
    bar_w = max(min(step * 0.7, 26), 3)
    tick_every = 1 if span <= 20 else 2 if span <= 40 else 5
    n = len(position.paths)
    yours = "your path" if position.complete else "your path so far"
    out = [
        _svg_text(
            left,
            20,
            f"Bars: how many of the {n} paths end with each total. Orange: {yours}.",
            13,
            fill="#333333",
        )
    ]
    desc = []
    for r, dim in enumerate(dims):
        spread = position.spreads[dim.id]
        counts = spread.counts()
        most = max(counts.values()) if counts else 1
        y0 = top + r * row_h
        base = y0 + 52
        out.append(_svg_text(12, y0 + 34, _short(dim.label, 26), 14, weight="bold"))
        out.append(
            f'<line x1="{left}" y1="{base}" x2="{width - right}" y2="{base}" stroke="#333333" stroke-width="1"/>'
        )
        for v in range(lo, hi + 1):
            x = left + (v - lo + 0.5) * step
            c = counts.get(v, 0)
            mine = v == spread.yours
            if c:
                hgt = max(40 * c / most, 2)
                fill = "#b34700" if mine else "#4f7cab"
                out.append(
                    f'<rect x="{x - bar_w / 2:.1f}" y="{base - hgt:.1f}" width="{bar_w:.1f}" height="{hgt:.1f}" fill="{fill}"/>'
                )
            if (v - lo) % tick_every == 0 or v == 0:
                out.append(_svg_text(x, base + 15, _signed(v), 11, "middle", fill="#333333"))
        x = left + (spread.yours - lo + 0.5) * step
        out.append(f'<path d="M{x:.1f},{base + 19} l-7,11 h14 z" fill="#b34700"/>')
        anchor = "start" if x < width - 140 else "end"
        dx = 10 if anchor == "start" else -10
        out.append(
            _svg_text(x + dx, base + 30, f"You: {_signed(spread.yours)}", 12, anchor, "bold", "#b34700")
        )
        desc.append(
            f"{dim.label}: your total {spread.yours}; paths range from {spread.low} to {spread.high}; "
            f"{spread.lower} lower, {spread.same} the same, {spread.higher} higher"
        )
    label = (
        f"Where your path sits among all {n} paths through {sc.title} as {position.perspective_label}. "
        + ". ".join(desc)
        + "."
    )
    return (
        _svg_open(width, height, label, "Your path among all paths, dimension by dimension")
        + "".join(out)
        + "</svg>"
    )


def path_table(position: PathPosition) -> tuple[str, str]:
    """The dimensions table as (HTML, plain text)."""
    n = len(position.paths)
    rows = []
    plain = [f"{'Dimension':<26} {'You':>4}  {'Range':>9}  {'Middle':>6}  lower/same/higher (of {n})"]
    for dim in position.scenario.dimensions:
        s = position.spreads[dim.id]
        rng = f"{_signed(s.low)} to {_signed(s.high)}"
        rows.append(
            f"<tr><th scope='row'>{esc(dim.label)}</th><td>{esc(_signed(s.yours))}</td><td>{esc(rng)}</td>"
            f"<td>{esc(_signed(s.median))}</td><td>{s.lower}</td><td>{s.same}</td><td>{s.higher}</td></tr>"
        )
        plain.append(
            f"{dim.label:<26} {_signed(s.yours):>4}  {rng:>9}  {_signed(s.median):>6}  {s.lower}/{s.same}/{s.higher}"
        )
    caption = "Your path so far" if not position.complete else "Your path"
    html_table = (
        f"<table><caption>{caption}, dimension by dimension, among all {n} paths</caption><thead><tr>"
        "<th scope='col'>Dimension</th><th scope='col'>Your total</th><th scope='col'>Range of all paths</th>"
        "<th scope='col'>Middle path</th><th scope='col'>Paths lower</th><th scope='col'>Paths the same</th>"
        "<th scope='col'>Paths higher</th></tr></thead><tbody>" + "".join(rows) + "</tbody></table>"
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
        lines.append(
            f"You have not reached an ending yet: your path so far has {len(pos.steps)} decisions. "
            f"{len(pos.open_paths)} of the {n} possible paths continue from where you stopped, "
            f"towards {len(endings)} ending{'s' if len(endings) != 1 else ''}: {'; '.join(endings) if endings else 'none'}."
        )
    if pos.problem:
        lines.append(f"Note: {pos.problem}.")
    lines.append(
        "Each path counts once, however likely it is: these are routes through the story, not other learners."
    )
    table_html, table_plain = path_table(pos)
    endings_html, endings_plain = _endings_table(pos, attempt.reached)
    svg = path_picture(pos)
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


def scenario_path_exercise(record: Record | None = None) -> Exercise:
    """Exercise 3: load a record (upload or sample), choose a scenario, see where the path sits."""
    state = {"record": record or sample_record()}
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
        fill()

    def sample(_button=None):
        state["record"] = sample_record()
        fill()

    upload.observe(uploaded, names="value")
    use_sample.on_click(sample)
    chooser.observe(show, names="value")
    intro = _html(
        _box(
            "<p>To get your record: on the course site, open <em>Your CPD record</em>, go to its backup page and press "
            "<strong>Download my record (JSON file)</strong>. Then upload that file here. The notebook only reads it "
            "and sends it nowhere. To try the exercise first, use the sample record (a fictional learner's).</p>"
        )
    )
    fill()
    exercise = Exercise(
        [intro, widgets.HBox([upload, use_sample]), status, chooser, report],
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
    return exercise
