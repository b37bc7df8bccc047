"""The exercise notebooks' engine: data, pictures (SVG) and widgets.

The notebooks in ``exercises/`` import everything from here
(``from coprod._exercises import ...``), so no logic sits in a notebook cell.
Their content (reference points, the fictional policy extract, prompts, the
checklist, sample inputs) is JSON in ``exercises/data/``; every sentence taken
from a module names the section it comes from, and a test checks that it is
still there word for word.

Safety rules, kept throughout:

* whatever a learner types, uploads or names is treated as text: escaped
  before it goes into HTML, SVG or Markdown, and never executed;
* pictures are SVG strings made here, so no plotting library is needed;
* outputs are deterministic (no ids, no dates, no memory addresses), so the
  notebooks' marked cells can be compared by nbval.
"""

from __future__ import annotations

import base64
import html
import json
import re
import statistics
import textwrap
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path as FilePath

import anywidget
import ipywidgets as widgets
import traitlets

from .content.graph import Route as Path
from .content.graph import Step, enumerate_paths
from .content.labels import book_labels
from .content.loader import find_content_root
from .content.schema import Scenario
from .record import Record, RecordError, record_from_dict

__all__ = [
    "Agreement",
    "Block",
    "Exercise",
    "PathPosition",
    "Quote",
    "Record",
    "RecordError",
    "ReferencePoint",
    "Stakeholder",
    "agreement_checklist",
    "agreement_checklist_block",
    "agreement_exercise",
    "agreement_gaps",
    "agreement_html",
    "agreement_markdown",
    "agreement_preview",
    "cell_label",
    "download_link",
    "evidence_summary",
    "load_record",
    "locate_path",
    "map_prompts",
    "markdown_text",
    "path_picture",
    "path_report",
    "path_table",
    "grid_table",
    "placement_exercise",
    "placement_svg",
    "placement_table",
    "policy_exercise",
    "policy_extract",
    "policy_extract_block",
    "power_questions",
    "policy_answer_key",
    "profile_distribution",
    "record_attempts",
    "reference_points",
    "sample_agreement",
    "sample_record",
    "sample_stakeholders",
    "scenario_path_exercise",
    "sort_feedback",
    "stakeholder_exercise",
    "stakeholder_report",
    "stakeholder_svg",
]

# ---------------------------------------------------------------- basics

#: the largest record file the upload accepts (a real record is a few kilobytes)
MAX_RECORD_BYTES = 5_000_000
#: learner text is cut to these lengths before it is drawn or written
MAX_NAME = 80
MAX_TEXT = 4000

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")
_WIDE = {"description_width": "initial"}


def clean_text(value: object, limit: int = MAX_TEXT, one_line: bool = False) -> str:
    """Learner text made safe to store: no control characters, trimmed, cut to ``limit``."""
    text = _CONTROL.sub("", str(value if value is not None else "")).replace("\r\n", "\n").replace("\r", "\n")
    if one_line:
        text = " ".join(text.split())
    text = text.strip()
    return text[:limit].rstrip() if len(text) > limit else text


def esc(value: object) -> str:
    """Text for HTML or SVG: escaped, quotes included, control characters removed."""
    return html.escape(_CONTROL.sub("", str(value)), quote=True)


def _lines(value: object) -> list[str]:
    """A text box's content as its non-empty lines (a leading '- ' or '* ' is dropped)."""
    out = []
    for line in clean_text(value).split("\n"):
        line = re.sub(r"^\s*[-*•]\s+", "", line).strip()
        if line:
            out.append(line)
    return out


def _short(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def _root(root: FilePath | None = None) -> FilePath:
    return FilePath(root) if root else find_content_root()


def _data(name: str, root: FilePath | None = None) -> dict:
    path = _root(root) / "exercises" / "data" / name
    return _read_json(str(path), path.stat().st_mtime_ns)


@lru_cache(maxsize=16)
def _read_json(path: str, stamp: int) -> dict:
    return json.loads(FilePath(path).read_text(encoding="utf-8"))


@dataclass(frozen=True)
class Quote:
    """A sentence copied from a module, with the label of the section it comes from."""

    text: str
    source: str

    @classmethod
    def of(cls, data: Mapping) -> Quote:
        return cls(str(data["text"]), str(data["source"]))

    def where(self, root: FilePath | None = None) -> str:
        """'Module 3, Accountability and costs' for the label 'm3-accountability'."""
        return section_name(self.source, root)

    def html(self, root: FilePath | None = None) -> str:
        return f'“{esc(self.text)}” <span class="coprod-ex-source">({esc(self.where(root))})</span>'

    def markdown(self, root: FilePath | None = None) -> str:
        return f"“{markdown_text(self.text)}” ({markdown_text(self.where(root))})"


def section_name(label: str, root: FilePath | None = None) -> str:
    """A section label as a reader would name it: 'Module 1, Kinds of co-production'."""
    try:
        titles = book_labels(_root(root) / "book")
    except (FileNotFoundError, OSError):
        titles = {}
    title = titles.get(label, label)
    match = re.match(r"m(\d)-", label)
    return f"Module {match.group(1)}, {title}" if match else title


class Block:
    """A deterministic piece of output: HTML for notebooks and the site, plain text for nbval and logs."""

    def __init__(self, html_text: str, plain: str):
        self.html_text = html_text
        self.plain = plain

    def _repr_html_(self) -> str:
        return self.html_text

    def __repr__(self) -> str:
        return self.plain

    def __str__(self) -> str:
        return self.plain


def download_link(filename: str, content: str, mime: str, label: str) -> str:
    """An HTML link that saves ``content`` as a file: a data URL, so nothing is sent anywhere."""
    safe_name = re.sub(r"[^A-Za-z0-9._-]+", "-", filename).strip("-.") or "download.txt"
    payload = base64.b64encode(content.encode("utf-8")).decode("ascii")
    return (
        f'<a class="coprod-ex-download" download="{esc(safe_name)}" '
        f'href="data:{esc(mime)};charset=utf-8;base64,{payload}">{esc(label)}</a>'
    )


_MD_ESCAPE = re.compile(r"([\\`*_\[\]#~|])")


def markdown_text(value: object, one_line: bool = False) -> str:
    """Learner text for a Markdown document: shows as typed, but cannot become a link, image, HTML or heading."""
    text = clean_text(value, one_line=one_line)
    out = []
    for line in text.split("\n"):
        # &, < and > as entities: no raw angle bracket survives, whatever renders the file
        line = line.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        line = _MD_ESCAPE.sub(r"\\\1", line)
        # a line that would start a list, quote, heading underline or numbered list
        line = re.sub(r"^(\s*)([-+=])", r"\1\\\2", line)
        line = re.sub(r"^(\s*\d+)([.)])", r"\1\\\2", line)
        out.append(line)
    return "\n".join(out)


#: styles for the exercise widgets and their static renderings, scoped to .coprod-ex
STYLE = """<style>
.coprod-ex{font-size:15px;line-height:1.5;color:#111;max-width:60rem}
.coprod-ex h3{font-size:1.15em;margin:1em 0 .4em}
.coprod-ex h4{font-size:1.02em;margin:.8em 0 .3em}
.coprod-ex table{border-collapse:collapse;margin:.5em 0;font-size:14px}
.coprod-ex th,.coprod-ex td{border:1px solid #999;padding:4px 8px;text-align:left;vertical-align:top}
.coprod-ex th{background:#eef2f6}
.coprod-ex .coprod-ex-source{color:#444;font-size:.92em}
.coprod-ex .coprod-ex-note{background:#fff8e1;border-left:4px solid #b38600;padding:.4em .8em}
.coprod-ex .coprod-ex-good{border-left:4px solid #1b6e20;padding:.2em .6em;background:#eef7ee}
.coprod-ex .coprod-ex-warn{border-left:4px solid #9c4a00;padding:.2em .6em;background:#fdf1e6}
.coprod-ex a.coprod-ex-download{display:inline-block;margin:.3em 1em .3em 0;padding:.3em .8em;border:1px solid #1f4e79;border-radius:4px;color:#1f4e79;background:#fff;text-decoration:none}
.coprod-ex a.coprod-ex-download:focus,.coprod-ex a.coprod-ex-download:hover{background:#1f4e79;color:#fff;outline:2px solid #1f4e79}
.coprod-ex .coprod-ex-doc{background:#fafafa;border:1px solid #bbb;padding:.2em 1em;margin:.5em 0}
.coprod-ex .coprod-ex-doc h4{font-size:1.2em}
.coprod-ex .coprod-ex-doc h5{font-size:1.05em;margin:.8em 0 .3em}
.coprod-ex svg{max-width:100%;height:auto;display:block}
.coprod-ex details{margin:.6em 0}
.coprod-ex-widget .widget-checkbox{height:auto;min-height:var(--jp-widgets-inline-height)}
.coprod-ex-widget .widget-checkbox .widget-label-basic{height:auto;display:flex;align-items:flex-start;gap:.3em}
.coprod-ex-widget .widget-checkbox .widget-label-basic span{flex:1;white-space:normal;overflow:visible;text-overflow:clip;line-height:1.4}
</style>"""


_CELL_STYLE = 'style="text-align:left;vertical-align:top"'


def _box(inner: str) -> str:
    # inline alignment too: JupyterLab right-aligns table cells, and strips <style> from untrusted outputs
    inner = inner.replace("<td>", f"<td {_CELL_STYLE}>").replace("<th scope=", f"<th {_CELL_STYLE} scope=")
    return f'{STYLE}<div class="coprod-ex">{inner}</div>'


def _img(svg: str) -> str:
    """An SVG picture as an image with alternative text: it survives HTML sanitising (untrusted notebooks)."""
    match = re.search(r'aria-label="([^"]*)"', svg)
    alt = match.group(1) if match else "A picture"
    payload = base64.b64encode(svg.encode("utf-8")).decode("ascii")
    return f'<img alt="{alt}" src="data:image/svg+xml;base64,{payload}" style="max-width:100%">'


STATIC_NOTE = (
    '<p class="coprod-ex-note"><strong>The controls appear when the notebook runs.</strong> '
    "Open it in JupyterLab and choose <em>Run</em>, then <em>Run All Cells</em>. Until then, this shows the sample answer.</p>"
)


class Exercise(widgets.VBox):
    """An exercise's controls; outside a live notebook (the built site) its output falls back to static HTML."""

    def __init__(self, children: Sequence[widgets.Widget], static: callable, **kwargs):
        super().__init__(children=list(children), **kwargs)
        self._static = static
        self.add_class("coprod-ex-widget")

    def __repr__(self) -> str:
        return "Exercise controls (run the notebook in JupyterLab to use them)"

    def static_html(self) -> str:
        return _box(STATIC_NOTE + self._static())

    def _repr_mimebundle_(self, **kwargs):
        data = super()._repr_mimebundle_(**kwargs)
        if isinstance(data, tuple):
            data = data[0]
        data = dict(data or {})
        data["text/plain"] = repr(self)
        data["text/html"] = self.static_html()
        return data


class RangeSlider(anywidget.AnyWidget):
    """A 0-to-10 slider that is a native, labelled ``<input type="range">``: it has an accessible name and keys.

    (ipywidgets' own slider draws a handle that screen readers cannot name.)
    """

    _esm = """
export default {
  render({ model, el }) {
    const label = document.createElement("label");
    label.className = "coprod-ex-range";
    // keys typed here belong to the slider, not to JupyterLab's notebook shortcuts
    label.setAttribute("data-lm-suppress-shortcuts", "true");
    label.style.cssText = "display:flex;align-items:center;gap:.8em;margin:.3em 0;font-size:var(--jp-widgets-font-size,13px)";
    const text = document.createElement("span");
    const input = document.createElement("input");
    input.type = "range";
    input.step = "1";
    input.style.cssText = "width:18rem;max-width:60%";
    const shown = document.createElement("output");
    shown.style.cssText = "min-width:2em;font-weight:bold";
    const sync = () => {
      text.textContent = model.get("description");
      input.min = String(model.get("min"));
      input.max = String(model.get("max"));
      input.value = String(model.get("value"));
      shown.textContent = String(model.get("value"));
    };
    input.addEventListener("input", () => { shown.textContent = input.value; });
    // JupyterLab's notebook takes arrow keys for moving between cells, so the slider handles its own keys
    const steps = { ArrowRight: 1, ArrowUp: 1, ArrowLeft: -1, ArrowDown: -1, PageUp: 2, PageDown: -2 };
    input.addEventListener("keydown", (ev) => {
      const lo = model.get("min"), hi = model.get("max");
      let next = null;
      if (ev.key in steps) next = Number(input.value) + steps[ev.key];
      else if (ev.key === "Home") next = lo;
      else if (ev.key === "End") next = hi;
      if (next === null) return;
      ev.preventDefault();
      ev.stopPropagation();
      next = Math.max(lo, Math.min(hi, next));
      input.value = String(next);
      shown.textContent = String(next);
      model.set("value", next);
      model.save_changes();
    });
    input.addEventListener("change", () => { model.set("value", Number(input.value)); model.save_changes(); });
    model.on("change", sync);
    sync();
    label.append(text, input, shown);
    el.append(label);
  },
};
"""
    value = traitlets.Int(5).tag(sync=True)
    min = traitlets.Int(0).tag(sync=True)
    max = traitlets.Int(10).tag(sync=True)
    description = traitlets.Unicode("").tag(sync=True)

    @traitlets.validate("value")
    def _clamp(self, proposal):
        return max(self.min, min(self.max, int(proposal["value"])))


def _html(value: str = "") -> widgets.HTML:
    return widgets.HTML(value=value, layout=widgets.Layout(width="100%"))


def _svg_open(width: int, height: int, label: str, title: str) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" '
        f'role="img" aria-label="{esc(label)}" font-family="sans-serif">'
        f"<title>{esc(title)}</title>"
        f'<rect width="{width}" height="{height}" fill="#ffffff"/>'
    )


def _svg_text(
    x: float,
    y: float,
    text: str,
    size: float = 13,
    anchor: str = "start",
    weight: str = "normal",
    fill: str = "#111111",
    style: str = "",
) -> str:
    extra = f' font-style="{style}"' if style else ""
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" font-weight="{weight}" fill="{fill}" '
        f'text-anchor="{anchor}"{extra}>{esc(text)}</text>'
    )


# ================================================================ Exercise 1: where does your service sit?

LEVEL_IDS = ("professionals", "both", "users")


@dataclass(frozen=True)
class ReferencePoint:
    """A service from the modules, placed on the who-plans by who-delivers grid, with the module's reasons."""

    id: str
    label: str
    plan: str
    deliver: str
    reasons: tuple[Quote, ...]


def _placement(root: FilePath | None = None) -> dict:
    return _data("placement.json", root)


def reference_points(root: FilePath | None = None) -> list[ReferencePoint]:
    """The reference services (surgery, dementia care, policing, emergency response), numbered in this order."""
    return [
        ReferencePoint(r["id"], r["label"], r["plan"], r["deliver"], tuple(Quote.of(q) for q in r["reasons"]))
        for r in _placement(root)["references"]
    ]


def _check_level(value: str, what: str) -> str:
    if value not in LEVEL_IDS:
        raise ValueError(f"{what} must be one of {', '.join(LEVEL_IDS)}, not {value!r}")
    return value


def cell_label(plan: str, deliver: str, root: FilePath | None = None) -> str:
    """The module's name for a cell of the grid, e.g. 'Planned together, professionals deliver (co-planning)'."""
    return _placement(root)["cells"][f"{_check_level(plan, 'plan')}/{_check_level(deliver, 'deliver')}"]


def cell_notes(plan: str, deliver: str, root: FilePath | None = None) -> list[Quote]:
    """What the modules say about a cell of the grid."""
    return [Quote.of(q) for q in _placement(root)["cell_notes"][f"{plan}/{deliver}"]]


def _level(level_id: str, root: FilePath | None = None) -> dict:
    return next(lv for lv in _placement(root)["levels"] if lv["id"] == level_id)


def placement_svg(plan: str, deliver: str, service: str = "", root: FilePath | None = None) -> str:
    """The grid with the reference services (numbered) and the learner's service ('You')."""
    _check_level(plan, "plan")
    _check_level(deliver, "deliver")
    data = _placement(root)
    service = clean_text(service, MAX_NAME, one_line=True) or "Your service"
    refs = reference_points(root)
    width, height = 780, 520
    left, top, cw, ch, gap = 190, 74, 190, 118, 6
    out = []
    cells_desc = []
    out.append(_svg_text(left + 1.5 * cw + gap, 22, "Who delivers it?", 16, "middle", "bold"))
    out.append(_svg_text(12, 58, "Who plans it?", 16, weight="bold"))
    for col, level in enumerate(LEVEL_IDS):
        x = left + col * (cw + gap) + cw / 2
        out.append(_svg_text(x, 58, _level(level, root)["short"], 14, "middle", "bold"))
    for row, plan_level in enumerate(LEVEL_IDS):
        y = top + row * (ch + gap)
        row_label = {
            "professionals": ["Professionals", "plan alone"],
            "both": ["Professionals and users", "plan together"],
            "users": ["Users or community", "plan alone"],
        }[plan_level]
        for i, line in enumerate(row_label):
            out.append(_svg_text(12, y + ch / 2 - 6 + i * 18, line, 14, weight="bold"))
        for col, deliver_level in enumerate(LEVEL_IDS):
            x = left + col * (cw + gap)
            key = f"{plan_level}/{deliver_level}"
            centre = key == "both/both"
            mine = plan_level == plan and deliver_level == deliver
            fill = "#fde7a8" if centre else ("#e6eef8" if (row + col) % 2 else "#f2f2f2")
            stroke_w = 3 if mine else 1.5
            stroke = "#b34700" if mine else "#333333"
            out.append(
                f'<rect x="{x}" y="{y}" width="{cw}" height="{ch}" rx="6" fill="{fill}" '
                f'stroke="{stroke}" stroke-width="{stroke_w}"/>'
            )
            for i, line in enumerate(textwrap.wrap(data["cells"][key], 27)[:3]):
                out.append(_svg_text(x + cw / 2, y + 18 + i * 15, line, 12, "middle", fill="#222222"))
            here = [
                (n, r) for n, r in enumerate(refs, 1) if r.plan == plan_level and r.deliver == deliver_level
            ]
            offsets = [-62, 62, -30, 30][: len(here)] if len(here) > 1 else [-58]
            my = y + ch - 32
            for (number, _ref), dx in zip(here, offsets, strict=False):
                cx = x + cw / 2 + dx
                out.append(f'<circle cx="{cx:.1f}" cy="{my:.1f}" r="13" fill="#1f4e79"/>')
                out.append(_svg_text(cx, my + 5, str(number), 13, "middle", "bold", "#ffffff"))
            if mine:
                cx = x + cw / 2
                out.append(
                    f'<circle cx="{cx:.1f}" cy="{my:.1f}" r="19" fill="#b34700" stroke="#ffffff" stroke-width="2"/>'
                )
                out.append(_svg_text(cx, my + 4, "You", 12, "middle", "bold", "#ffffff"))
            if here:
                cells_desc.append(f"{data['cells'][key]}: " + ", ".join(f"{n} {r.label}" for n, r in here))
    legend_y = top + 3 * (ch + gap) + 24
    out.append(f'<circle cx="{left + 12}" cy="{legend_y - 5}" r="11" fill="#b34700"/>')
    out.append(_svg_text(left + 30, legend_y, f"You: {_short(service, 58)}", 13, weight="bold"))
    out.append(f'<circle cx="{left + 12}" cy="{legend_y + 21}" r="10" fill="#1f4e79"/>')
    out.append(_svg_text(left + 30, legend_y + 26, "1 to 5: services from the modules (see the list)", 13))
    out.append(
        _svg_text(
            width - 10,
            height - 8,
            "Grid simplified, after Bovaird (2007), as in Module 1",
            11,
            "end",
            fill="#333333",
        )
    )
    label = (
        f"Who plans by who delivers grid. {service} is in the cell: {cell_label(plan, deliver, root)}. "
        "Services from the modules: " + "; ".join(cells_desc) + "."
    )
    return (
        _svg_open(width, height, label, "Where your service sits: who plans it by who delivers it")
        + "".join(out)
        + "</svg>"
    )


def _reference_rows(root: FilePath | None = None) -> list[tuple[int, ReferencePoint, str]]:
    return [(n, r, cell_label(r.plan, r.deliver, root)) for n, r in enumerate(reference_points(root), 1)]


def _reference_list_html(root: FilePath | None = None) -> str:
    items = []
    for _n, ref, cell in _reference_rows(root):
        reasons = " ".join(q.html(root) for q in ref.reasons)
        items.append(f"<li><strong>{esc(ref.label)}</strong>: {esc(cell)}. {reasons}</li>")
    return "<ol>" + "".join(items) + "</ol>"


def placement_table(root: FilePath | None = None) -> Block:
    """The reference services: where each sits and the modules' reasons (deterministic; for a checked cell)."""
    rows = []
    plain = ["Reference services on the grid (who plans / who delivers):"]
    for n, ref, cell in _reference_rows(root):
        plan_short = _level(ref.plan, root)["short"]
        deliver_short = _level(ref.deliver, root)["short"]
        reasons = " ".join(q.html(root) for q in ref.reasons)
        rows.append(
            f"<tr><td>{n}</td><td>{esc(ref.label)}</td><td>{esc(plan_short)}</td><td>{esc(deliver_short)}</td>"
            f"<td>{esc(cell)}</td><td>{reasons}</td></tr>"
        )
        plain.append(f"{n}. {ref.label}: plans: {plan_short}; delivers: {deliver_short} ({cell})")
        plain.extend(f"   “{q.text}” ({q.where(root)})" for q in ref.reasons)
    table = (
        "<table><caption>Services from the modules, placed on the grid with the modules' reasons</caption>"
        "<thead><tr><th scope='col'>No.</th><th scope='col'>Service</th><th scope='col'>Who plans</th>"
        "<th scope='col'>Who delivers</th><th scope='col'>Cell</th><th scope='col'>Why, in the modules' words</th></tr></thead>"
        "<tbody>" + "".join(rows) + "</tbody></table>"
    )
    return Block(_box(table), "\n".join(plain))


def grid_table(root: FilePath | None = None) -> Block:
    """The grid cell by cell: its name, what the modules say about it, and the numbered services in it."""
    refs = list(enumerate(reference_points(root), 1))
    rows, plain = [], ["The grid, cell by cell (who plans / who delivers):"]
    for plan in LEVEL_IDS:
        for deliver in LEVEL_IDS:
            notes = cell_notes(plan, deliver, root)
            here = [f"{n}. {r.label}" for n, r in refs if r.plan == plan and r.deliver == deliver]
            rows.append(
                f"<tr><td>{esc(_level(plan, root)['short'])}</td><td>{esc(_level(deliver, root)['short'])}</td>"
                f"<td>{esc(cell_label(plan, deliver, root))}</td><td>{' '.join(q.html(root) for q in notes)}</td>"
                f"<td>{esc('; '.join(here))}</td></tr>"
            )
            plain.append(
                f"- {_level(plan, root)['short']} / {_level(deliver, root)['short']}: {cell_label(plan, deliver, root)}"
                + (f" [{'; '.join(here)}]" if here else "")
            )
            plain.extend(f"    “{q.text}” ({q.where(root)})" for q in notes)
    table = (
        "<table><caption>The grid, cell by cell, with what the modules say about each kind</caption><thead><tr>"
        "<th scope='col'>Who plans</th><th scope='col'>Who delivers</th><th scope='col'>Kind</th>"
        "<th scope='col'>What the modules say</th><th scope='col'>Services from the modules</th></tr></thead>"
        "<tbody>" + "".join(rows) + "</tbody></table>"
    )
    return Block(_box(table), "\n".join(plain))


def placement_summary(
    service: str, plan: str, deliver: str, why: str = "", root: FilePath | None = None
) -> str:
    """The learner's placement as a short Markdown note, to keep."""
    data = _placement(root)
    name = markdown_text(clean_text(service, MAX_NAME, one_line=True) or "My service", one_line=True)
    lines = [
        f"# Where my service sits: {name}",
        "",
        f"- Who plans it: {_level(plan, root)['plan']}",
        f"- Who delivers it: {_level(deliver, root)['deliver']}",
        f"- Kind of co-production: {cell_label(plan, deliver, root)}",
        "",
    ]
    if clean_text(why):
        lines += ["## Why I placed it there", "", markdown_text(why), ""]
    lines += ["## What the modules say about this kind", ""]
    lines += [f"- {q.markdown(root)}" for q in cell_notes(plan, deliver, root)]
    lines += ["", "## Questions to take away", ""]
    lines += [f"- {Quote.of(q).markdown(root)}" for q in data["questions"]]
    lines += [
        "",
        "Made with exercise 1 of the co-production course. The placement is your judgement, not a score.",
    ]
    return "\n".join(lines) + "\n"


def _placement_result_html(service: str, plan: str, deliver: str, why: str, root: FilePath | None) -> str:
    cell = cell_label(plan, deliver, root)
    name = clean_text(service, MAX_NAME, one_line=True) or "Your service"
    same = [r.label for r in reference_points(root) if r.plan == plan and r.deliver == deliver]
    near = (
        f"<p>In the same cell: {esc(', '.join(same))}. Is your service like them, or only similar on paper?</p>"
        if same
        else "<p>None of the services from the modules sits in this cell.</p>"
    )
    notes = "".join(f"<li>{q.html(root)}</li>" for q in cell_notes(plan, deliver, root))
    questions = "".join(f"<li>{Quote.of(q).html(root)}</li>" for q in _placement(root)["questions"])
    summary = placement_summary(service, plan, deliver, why, root)
    links = download_link(
        "my-service-placement.svg",
        placement_svg(plan, deliver, service, root),
        "image/svg+xml",
        "Download the picture (SVG)",
    ) + download_link(
        "my-service-placement.md", summary, "text/markdown", "Download your placement as a note (Markdown)"
    )
    return (
        f"<h3>Your placement: {esc(name)}</h3>"
        f"<p><strong>{esc(cell)}</strong>.</p>{near}"
        f"<h4>What the modules say about this kind</h4><ul>{notes}</ul>"
        f"<h4>Questions to take away</h4><ul>{questions}</ul>"
        f"<p>{links}</p>"
    )


def placement_exercise(
    service: str | None = None,
    plan: str | None = None,
    deliver: str | None = None,
    why: str | None = None,
    root: FilePath | None = None,
) -> Exercise:
    """Exercise 1: place your service by who plans and who delivers it, beside services from the modules."""
    data = _placement(root)
    sample = data["sample"]
    service = sample["service"] if service is None else service
    plan = _check_level(sample["plan"] if plan is None else plan, "plan")
    deliver = _check_level(sample["deliver"] if deliver is None else deliver, "deliver")
    why = sample["why"] if why is None else why
    full = widgets.Layout(width="100%", max_width="46rem")
    name_box = widgets.Text(
        value=service,
        description="Your service:",
        placeholder="e.g. memory clinic follow-up",
        style=_WIDE,
        layout=full,
    )
    plan_box = widgets.Dropdown(
        options=[(lv["plan"], lv["id"]) for lv in data["levels"]],
        value=plan,
        description="Who plans it?",
        style=_WIDE,
        layout=full,
    )
    deliver_box = widgets.Dropdown(
        options=[(lv["deliver"], lv["id"]) for lv in data["levels"]],
        value=deliver,
        description="Who delivers it?",
        style=_WIDE,
        layout=full,
    )
    why_box = widgets.Textarea(
        value=why,
        description="Why there?",
        placeholder="A sentence or two (optional)",
        style=_WIDE,
        layout=widgets.Layout(width="100%", max_width="46rem", height="4.5em"),
    )
    picture = _html()
    result = _html()

    def draw(_change=None):
        picture.value = _box(placement_svg(plan_box.value, deliver_box.value, name_box.value, root))
        result.value = _box(
            _placement_result_html(name_box.value, plan_box.value, deliver_box.value, why_box.value, root)
        )

    for box in (name_box, plan_box, deliver_box, why_box):
        box.observe(draw, names="value")
    draw()
    intro = _html(
        _box(
            "<p>Choose who plans your service and who delivers it. Think of one service, or one person's care: "
            f"{Quote.of(data['levels_note']).html(root)}</p>"
        )
    )
    legend = _html(
        _box("<h3>The numbered services, and why they sit where they do</h3>" + _reference_list_html(root))
    )
    exercise = Exercise(
        [intro, name_box, plan_box, deliver_box, why_box, picture, legend, result],
        lambda: (
            _img(placement_svg(plan_box.value, deliver_box.value, name_box.value, root))
            + _reference_list_html(root)
        ),
    )
    exercise.service, exercise.plan, exercise.deliver, exercise.why = name_box, plan_box, deliver_box, why_box
    exercise.picture, exercise.result = picture, result
    return exercise


# ================================================================ Exercise 2: reading policy critically


@dataclass(frozen=True)
class PolicySentence:
    number: int
    id: str
    text: str
    kind: str
    feedback: str
    need: str
    also: str | None = None
    offers: str | None = None
    speaks_to: tuple[str, ...] = ()
    need_quote: Quote | None = None


@dataclass(frozen=True)
class Feedback:
    """What the sorter says about one sentence: whether it matches the course's reading, and why."""

    accepted: bool
    message: str


def _policy(root: FilePath | None = None) -> dict:
    return _data("policy.json", root)


def policy_extract(root: FilePath | None = None) -> list[PolicySentence]:
    """The fictional extract's sentences, numbered from 1, with the course's reading of each."""
    return [
        PolicySentence(
            n,
            s["id"],
            s["text"],
            s["kind"],
            s["feedback"],
            s["need"],
            s.get("also"),
            s.get("offers"),
            tuple(s.get("speaks_to", [])),
            Quote.of(s["need_quote"]) if s.get("need_quote") else None,
        )
        for n, s in enumerate(_policy(root)["sentences"], 1)
    ]


def _kind_labels(root: FilePath | None = None) -> dict[str, str]:
    return {k["id"]: k["label"] for k in _policy(root)["kinds"]}


def sort_feedback(
    sentence: PolicySentence, chosen: str | None, root: FilePath | None = None
) -> Feedback | None:
    """Feedback on sorting ``sentence`` as ``chosen`` ('aspiration', 'evidence' or 'prescription'); None if unsorted."""
    if not chosen:
        return None
    labels = _kind_labels(root)
    if chosen not in labels:
        raise ValueError(f"unknown kind {chosen!r}; use one of {', '.join(labels)}")
    if chosen == sentence.kind:
        return Feedback(True, f"Yes: {labels[chosen].lower()}. {sentence.feedback}")
    if chosen == sentence.also:
        return Feedback(
            True,
            f"Partly: it is both {_article(labels[chosen])} and {_article(labels[sentence.kind])}. "
            f"{sentence.feedback}",
        )
    return Feedback(
        False, f"Not quite: the course reads this as {_article(labels[sentence.kind])}. {sentence.feedback}"
    )


def _and(items: Sequence[str]) -> str:
    """'a', 'a and b', 'a, b and c'."""
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _article(label: str) -> str:
    return ("an " if label[0].lower() in "aeiou" else "a ") + label.lower()


def _extract_html(root: FilePath | None = None) -> str:
    data = _policy(root)
    items = "".join(f"<li>{esc(s.text)}</li>" for s in policy_extract(root))
    return (
        f'<p class="coprod-ex-note"><strong>{esc(data["fictional_note"])}</strong></p>'
        f"<h3>{esc(data['title'])}</h3><ol>{items}</ol>"
    )


def policy_extract_block(root: FilePath | None = None) -> Block:
    """The extract itself, numbered (deterministic; for a checked cell)."""
    data = _policy(root)
    plain = [data["fictional_note"], data["title"]]
    plain += [f"{s.number}. {s.text}" for s in policy_extract(root)]
    return Block(_box(_extract_html(root)), "\n".join(plain))


def _answer_count(answers: Mapping[str, str], sentences: Sequence[PolicySentence]) -> tuple[int, int]:
    done = [s for s in sentences if answers.get(s.id)]
    agreed = [s for s in done if answers[s.id] in (s.kind, s.also)]
    return len(done), len(agreed)


def evidence_summary(
    answers: Mapping[str, str] | None = None, question: str = "", root: FilePath | None = None
) -> tuple[str, str]:
    """What evidence the extract would need, as (HTML, Markdown). ``answers`` maps sentence id to the learner's kind."""
    answers = dict(answers or {})
    data = _policy(root)
    sentences = policy_extract(root)
    labels = _kind_labels(root)
    done, agreed = _answer_count(answers, sentences)
    h: list[str] = []
    md: list[str] = [
        "# What evidence would this document need?",
        "",
        f"Extract: {data['title']}",
        "",
        data["fictional_note"],
        "",
    ]
    tally = f"You sorted {done} of {len(sentences)} sentences; {agreed} match the course's reading."
    h.append(f"<p>{esc(tally)}</p>")
    md += [tally, ""]

    claims = [s for s in sentences if s.kind == "evidence" or s.also == "evidence"]
    h.append("<h4>What the extract offers as evidence</h4><ul>")
    md += ["## What the extract offers as evidence", ""]
    for s in claims:
        offers = s.offers or "a claim that something worked, with no measure or source given"
        h.append(f"<li>Sentence {s.number}: {esc(offers)}.</li>")
        md.append(f"- Sentence {s.number}: {offers}.")
    h.append(f"</ul><p>{Quote.of(data['measures']).html(root)}</p>")
    md += ["", Quote.of(data["measures"]).markdown(root), ""]

    h.append(
        "<h4>The three kinds of evidence</h4><table><thead><tr><th scope='col'>Kind</th>"
        "<th scope='col'>What the extract offers</th><th scope='col'>What Module 2 says</th></tr></thead><tbody>"
    )
    md += ["## The three kinds of evidence", ""]
    for kind in data["evidence_kinds"]:
        numbers = [s.number for s in sentences if kind["id"] in s.speaks_to]
        offered = (
            "claimed in sentence"
            + ("s " if len(numbers) > 1 else " ")
            + _and([str(n) for n in numbers])
            + ", not shown"
            if numbers
            else "nothing"
        )
        quote = Quote.of(kind["quote"])
        h.append(
            f"<tr><th scope='row'>{esc(kind['label'])}</th><td>{esc(offered)}</td><td>{quote.html(root)}</td></tr>"
        )
        md.append(f"- {kind['label']}: {offered}. {quote.markdown(root)}")
    h.append("</tbody></table>")
    md.append("")

    h.append("<h4>Sentence by sentence: what it would need</h4><ul>")
    md += ["## Sentence by sentence: what it would need", ""]
    for s in sentences:
        mine = answers.get(s.id)
        note = ""
        if mine and mine not in (s.kind, s.also):
            note = f" (you sorted it as {_article(labels[mine])})"
        extra_html = f" {s.need_quote.html(root)}" if s.need_quote else ""
        extra_md = f" {s.need_quote.markdown(root)}" if s.need_quote else ""
        h.append(
            f"<li><strong>{s.number}. {esc(labels[s.kind])}</strong>{esc(note)}: “{esc(s.text)}” "
            f"<br>{esc(s.need)}{extra_html}</li>"
        )
        md.append(f"- {s.number}. {labels[s.kind]}{note}: “{s.text}” {s.need}{extra_md}")
    h.append(f"</ul><p>Check the leaps: {Quote.of(data['leaps']).html(root)}</p>")
    md += ["", f"Check the leaps: {Quote.of(data['leaps']).markdown(root)}", ""]

    h.append(f"<h4>Questions to put to the author</h4><p>{Quote.of(data['author_questions']).html(root)}</p>")
    md += ["## Questions to put to the author", "", Quote.of(data["author_questions"]).markdown(root), ""]
    mine = clean_text(question)
    if mine:
        h.append(f"<p><strong>Your question:</strong> {esc(mine)}</p>")
        md += ["My question:", "", markdown_text(mine), ""]
    md.append("Made with exercise 2 of the co-production course. The extract is fictional.")
    return "".join(h), "\n".join(md) + "\n"


def policy_answer_key(root: FilePath | None = None) -> Block:
    """The course's sorting, folded away inside a details element (deterministic; for a checked cell)."""
    labels = _kind_labels(root)
    rows = []
    plain = ["The course's sorting:"]
    for s in policy_extract(root):
        kind = labels[s.kind] + (f" (with {_article(labels[s.also])})" if s.also else "")
        rows.append(f"<tr><td>{s.number}</td><td>{esc(kind)}</td><td>{esc(s.feedback)}</td></tr>")
        plain.append(f"{s.number}. {kind}")
    body = (
        "<details><summary>Show the course's sorting (open it after you have tried)</summary>"
        "<table><thead><tr><th scope='col'>Sentence</th><th scope='col'>Kind</th><th scope='col'>Why</th></tr></thead>"
        "<tbody>" + "".join(rows) + "</tbody></table></details>"
    )
    return Block(_box(body), "\n".join(plain))


def policy_exercise(
    answers: Mapping[str, str] | None = None, question: str = "", root: FilePath | None = None
) -> Exercise:
    """Exercise 2: sort the fictional extract's sentences, get feedback, then see what evidence it would need."""
    data = _policy(root)
    sentences = policy_extract(root)
    answers = dict(answers or {})
    options = [("Choose…", "")] + [(k["label"], k["id"]) for k in data["kinds"]]
    rows: list[widgets.Widget] = []
    pickers: dict[str, widgets.Dropdown] = {}
    notes: dict[str, widgets.HTML] = {}
    progress = _html()
    summary = _html()
    show_button = widgets.Button(
        description="Show what evidence this document would need",
        button_style="primary",
        layout=widgets.Layout(width="max-content"),
        tooltip="Shows a summary of the evidence the extract would need",
    )
    question_box = widgets.Textarea(
        value=question,
        description="Your question for the author:",
        placeholder="The one question you would most like the author to answer",
        style=_WIDE,
        layout=widgets.Layout(width="100%", max_width="46rem", height="4.5em"),
    )
    state = {"shown": False}

    def current() -> dict[str, str]:
        return {sid: box.value for sid, box in pickers.items() if box.value}

    def refresh(_change=None):
        chosen = current()
        for s in sentences:
            fb = sort_feedback(s, chosen.get(s.id), root)
            if fb is None:
                notes[s.id].value = ""
            else:
                cls = "coprod-ex-good" if fb.accepted else "coprod-ex-warn"
                notes[s.id].value = _box(f'<p class="{cls}">{esc(fb.message)}</p>')
        done, agreed = _answer_count(chosen, sentences)
        progress.value = _box(
            f"<p><strong>Sorted {done} of {len(sentences)}</strong>; {agreed} match the course's reading.</p>"
        )
        if done == len(sentences):
            state["shown"] = True
        if state["shown"]:
            inner, md = evidence_summary(chosen, question_box.value, root)
            link = download_link(
                "evidence-needed.md", md, "text/markdown", "Download this summary (Markdown)"
            )
            summary.value = _box(
                "<h3>What evidence would this document need?</h3>" + inner + f"<p>{link}</p>"
            )
        else:
            summary.value = ""

    def show(_button=None):
        state["shown"] = True
        refresh()

    quick = Quote.of(data["quick_test"])
    head = _html(
        _box(
            _extract_html(root)
            + f"<p><strong>A quick test from Module 2:</strong> {quick.html(root)}</p>"
            + "<p>Now sort each sentence with its drop-down list. Feedback appears as soon as you choose.</p>"
        )
    )
    for s in sentences:
        text = _html(_box(f"<p><strong>Sentence {s.number}.</strong> {esc(s.text)}</p>"))
        picker = widgets.Dropdown(
            options=options,
            value=answers.get(s.id, ""),
            description=f"Sentence {s.number} is",
            tooltip=s.text,
            style=_WIDE,
            layout=widgets.Layout(width="22rem"),
        )
        picker.observe(refresh, names="value")
        pickers[s.id] = picker
        notes[s.id] = _html()
        rows.append(
            widgets.VBox(
                [text, picker, notes[s.id]],
                layout=widgets.Layout(
                    border_left="4px solid #c8d3de", padding="0 0 0 10px", margin="0 0 8px 0"
                ),
            )
        )
    question_box.observe(refresh, names="value")
    show_button.on_click(show)
    refresh()
    exercise = Exercise(
        [head, *rows, progress, question_box, show_button, summary], lambda: _extract_html(root)
    )
    exercise.pickers, exercise.notes, exercise.summary, exercise.show_button = (
        pickers,
        notes,
        summary,
        show_button,
    )
    exercise.question = question_box
    return exercise


# ================================================================ Exercise 3: your path through a scenario


@dataclass(frozen=True)
class Attempt:
    """One scenario as the record holds it."""

    scenario_id: str
    perspective: str | None
    steps: tuple[Step, ...]
    reached: tuple[str, ...]
    completed: bool
    updated: str | None


def load_record(
    source: str | bytes | FilePath | Mapping, name: str | None = None, *, root: FilePath | None = None
) -> Record:
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
    return record_from_dict(dict(source) if isinstance(source, Mapping) else source, label, root=_root(root))


def sample_record_path(root: FilePath | None = None) -> FilePath:
    return _root(root) / "exercises" / "data" / "sample-record.json"


def sample_record(root: FilePath | None = None) -> Record:
    """The sample record shipped with the exercises (a fictional learner)."""
    return load_record(sample_record_path(root), name="the sample record", root=root)


def _scenarios(root: FilePath | None = None) -> dict[str, Scenario]:
    from .content.course import course

    return {i: e.element for i, e in course(_root(root)).elements.items() if e.element.kind == "scenario"}


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


def record_attempts(record: Record, root: FilePath | None = None) -> list[Attempt]:
    """The scenarios in a record that have a path or a reached ending, in the record's order."""
    scenarios = _scenarios(root)
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
    from .content.graph import dimension_profile

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
    from .content.graph import dimension_profile

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


def _report_parts(
    record: Record, scenario_id: str, root: FilePath | None = None
) -> tuple[str, str, str, str]:
    """(HTML, plain text, SVG, Markdown) of where the learner's path in ``scenario_id`` sits."""
    scenarios = _scenarios(root)
    attempts = {a.scenario_id: a for a in record_attempts(record, root)}
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


def _static_report(record: Record, scenario_id: str | None, root: FilePath | None = None) -> str:
    if not scenario_id:
        return ""
    html_out, _plain, svg, _md = _report_parts(record, scenario_id, root)
    return html_out.replace(svg, _img(svg)) if svg else html_out


def path_report(
    record: Record | None = None,
    scenario_id: str | None = None,
    root: FilePath | None = None,
    picture: bool = True,
) -> Block:
    """Where the record's path through a scenario sits: text, picture (unless ``picture=False``) and tables."""
    record = record or sample_record(root)
    if scenario_id is None:
        attempts = record_attempts(record, root)
        if not attempts:
            return Block(
                _box("<p>This record has no scenario paths yet.</p>"),
                "This record has no scenario paths yet.",
            )
        scenario_id = attempts[0].scenario_id
    html_out, plain, svg, _md = _report_parts(record, scenario_id, root)
    shown = (
        _static_report(record, scenario_id, root)
        if picture
        else (html_out.replace(svg, "") if svg else html_out)
    )
    return Block(_box(shown), plain)


def scenario_path_exercise(record: Record | None = None, root: FilePath | None = None) -> Exercise:
    """Exercise 3: load a record (upload or sample), choose a scenario, see where the path sits."""
    state = {"record": record or sample_record(root)}
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
        scenarios = _scenarios(root)
        attempts = record_attempts(rec, root)
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
        html_out, _plain, svg, md = _report_parts(state["record"], chooser.value, root)
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
            state["record"] = load_record(bytes(item["content"]), name=name, root=root)
        except RecordError as exc:
            status.value = _box(f'<p class="coprod-ex-warn" role="alert">{esc(exc)}</p>')
            return
        fill()

    def sample(_button=None):
        state["record"] = sample_record(root)
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
        lambda: _static_report(state["record"], chooser.value, root),
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


# ================================================================ Exercise 4: who holds the power?


@dataclass(frozen=True)
class Stakeholder:
    """A person, group or organisation on the map: influence over decisions and involvement in the work, 0 to 10."""

    name: str
    influence: int
    involvement: int
    group: str = "other"

    def __post_init__(self):
        object.__setattr__(self, "name", clean_text(self.name, MAX_NAME, one_line=True))
        for what in ("influence", "involvement"):
            value = int(getattr(self, what))
            if not 0 <= value <= 10:
                raise ValueError(f"{what} must be from 0 to 10, not {value}")
            object.__setattr__(self, what, value)


GROUP_COLOURS = {
    "users": "#0b5d91",
    "carers": "#00704f",
    "community": "#7a4f00",
    "professionals": "#5b3490",
    "managers": "#a11c1c",
    "several": "#222222",
    "other": "#555555",
}


def _power(root: FilePath | None = None) -> dict:
    return _data("stakeholders.json", root)


def _groups(root: FilePath | None = None) -> dict[str, str]:
    return {g["id"]: g["label"] for g in _power(root)["groups"]}


def sample_stakeholders(root: FilePath | None = None) -> tuple[str, list[Stakeholder]]:
    """The sample initiative and its stakeholders (fictional)."""
    sample = _power(root)["sample"]
    return sample["initiative"], [
        Stakeholder(s["name"], s["influence"], s["involvement"], s["group"]) for s in sample["stakeholders"]
    ]


def _quadrant(s: Stakeholder) -> str:
    return ("high" if s.influence >= 5 else "low") + "-" + ("high" if s.involvement >= 5 else "low")


_CLUSTER = [(0, 0), (26, 0), (-26, 0), (13, -23), (-13, -23), (13, 23), (-13, 23), (39, -23), (-39, 23)]


def _label_spot(cx: float, cy: float, width: float, taken: list, frame: tuple) -> tuple[float, float, str]:
    """Where a dot's label goes: beside it, right or left, nudged up or down until it overlaps nothing drawn so far."""
    fx0, fy0, fx1, fy1 = frame
    best = None
    for dy in (0, -16, 16, -32, 32, -48, 48, -64, 64):
        for side in (1, -1):
            x = cx + 16 * side
            left, right = (x, x + width) if side > 0 else (x - width, x)
            box = (left, cy + dy - 9, right, cy + dy + 5)
            inside = left >= fx0 + 2 and right <= fx1 - 2 and box[1] >= fy0 and box[3] <= fy1
            clear = not any(
                box[0] < t[2] and t[0] < box[2] and box[1] < t[3] and t[1] < box[3] for t in taken
            )
            if inside and clear:
                taken.append(box)
                return x, cy + dy + 4.5, "start" if side > 0 else "end"
            if best is None and inside:
                best = (x, cy + dy + 4.5, "start" if side > 0 else "end", box)
    x, y, anchor, box = best or (cx + 16, cy + 4.5, "start", (cx + 16, cy - 9, cx + 16 + width, cy + 5))
    taken.append(box)
    return x, y, anchor


def stakeholder_svg(
    stakeholders: Sequence[Stakeholder], initiative: str = "", root: FilePath | None = None
) -> str:
    """The map: involvement across, influence up; numbered dots coloured by group, names beside them."""
    quads = _power(root)["quadrants"]
    groups = _groups(root)
    width, height = 760, 600
    x0, x1, y0, y1 = 90, 720, 60, 520
    sx = (x1 - x0) / 10
    sy = (y1 - y0) / 10
    title = clean_text(initiative, MAX_NAME, one_line=True) or "Your initiative"
    out = [_svg_text(x0, 24, _short(title, 80), 15, weight="bold")]
    out.append(
        f'<rect x="{x0}" y="{y0}" width="{x1 - x0}" height="{y1 - y0}" fill="#fbfbfb" stroke="#333333" stroke-width="1.5"/>'
    )
    xm, ym = x0 + 5 * sx, y0 + 5 * sy
    out.append(f'<line x1="{xm}" y1="{y0}" x2="{xm}" y2="{y1}" stroke="#777777" stroke-dasharray="6 4"/>')
    out.append(f'<line x1="{x0}" y1="{ym}" x2="{x1}" y2="{ym}" stroke="#777777" stroke-dasharray="6 4"/>')
    for key, (qx, qy, anchor) in {
        "high-low": (x0 + 8, y0 + 18, "start"),
        "high-high": (x1 - 8, y0 + 18, "end"),
        "low-low": (x0 + 8, y1 - 10, "start"),
        "low-high": (x1 - 8, y1 - 10, "end"),
    }.items():
        out.append(_svg_text(qx, qy, quads[key], 12, anchor, fill="#444444", style="italic"))
    for v in range(0, 11):
        out.append(_svg_text(x0 + v * sx, y1 + 18, str(v), 11, "middle", fill="#333333"))
        out.append(_svg_text(x0 - 10, y1 - v * sy + 4, str(v), 11, "end", fill="#333333"))
    out.append(
        _svg_text(
            (x0 + x1) / 2,
            y1 + 40,
            "Involvement in the work (0 none, 10 fully involved)",
            14,
            "middle",
            "bold",
        )
    )
    out.append(
        f'<text x="24" y="{(y0 + y1) / 2:.1f}" font-size="14" font-weight="bold" fill="#111111" text-anchor="middle" '
        f'transform="rotate(-90 24 {(y0 + y1) / 2:.1f})">Influence over decisions (0 none, 10 decisive)</text>'
    )
    seen: Counter = Counter()
    desc = []
    dots = []
    for number, s in enumerate(stakeholders, 1):
        key = (s.influence, s.involvement)
        dx, dy = _CLUSTER[seen[key] % len(_CLUSTER)]  # several at one spot sit round it
        seen[key] += 1
        dots.append((number, s, x0 + s.involvement * sx + dx, y1 - s.influence * sy + dy))
    taken = [(cx - 13, cy - 13, cx + 13, cy + 13) for _n, _s, cx, cy in dots]
    for number, s, cx, cy in dots:
        colour = GROUP_COLOURS.get(s.group, GROUP_COLOURS["other"])
        out.append(
            f'<circle cx="{cx:.1f}" cy="{cy:.1f}" r="12" fill="{colour}" stroke="#ffffff" stroke-width="1.5"/>'
        )
        out.append(_svg_text(cx, cy + 4.5, str(number), 12, "middle", "bold", "#ffffff"))
        text = _short(s.name, 28)
        x, y, anchor = _label_spot(cx, cy, len(text) * 6.6, taken, (x0, y0, x1, y1))
        if abs(y - (cy + 4.5)) > 1:  # a label moved away from its dot gets a line back to it
            out.append(
                f'<line x1="{x:.1f}" y1="{y - 4:.1f}" x2="{cx:.1f}" y2="{cy:.1f}" stroke="#666666" stroke-width="1"/>'
            )
        out.append(_svg_text(x, y, text, 12, anchor, fill="#111111"))
        desc.append(
            f"{number} {s.name} ({groups.get(s.group, 'someone else')}): influence {s.influence}, involvement {s.involvement}"
        )
    label = f"Stakeholder map for {title}: involvement across, influence up. " + (
        "; ".join(desc) + "." if desc else "No one is on the map yet."
    )
    return _svg_open(width, height, label, "Who holds the power? A stakeholder map") + "".join(out) + "</svg>"


@dataclass(frozen=True)
class Prompt:
    """A question for the learner about their map, with what on the map raised it and the module's words."""

    id: str
    title: str
    lens: str
    observation: str
    question: str
    quotes: tuple[Quote, ...]


def _names(people: Sequence[Stakeholder]) -> str:
    names = [p.name for p in people]
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def map_prompts(stakeholders: Sequence[Stakeholder], root: FilePath | None = None) -> list[Prompt]:
    """Questions from Needham (as the post reads her), Lee and Dunston and Module 3, raised by what is on the map."""
    texts = _power(root)["prompts"]
    people = list(stakeholders)
    out: list[Prompt] = []

    def add(pid: str, observation: str):
        t = texts[pid]
        out.append(
            Prompt(
                pid,
                t["title"],
                t["lens"],
                observation,
                t["question"],
                tuple(Quote.of(q) for q in t["quotes"]),
            )
        )

    top = [p for p in people if p.influence >= 7]
    if top:
        add("who-decides", f"Most influence on your map: {_names(sorted(top, key=lambda p: -p.influence))}.")
    elif people:
        add(
            "who-decides",
            "No one on your map has high influence (7 or more). Someone still decides in the end: who?",
        )
    else:
        add(
            "who-decides",
            "Your map is empty. Add the people and groups involved, starting with whoever decides.",
        )

    workers = [p for p in people if p.involvement >= 6 and p.influence <= 4]
    if workers:
        add("handed-risk", f"Much involvement but little influence: {_names(workers)}.")

    lay = [p for p in people if p.group in ("users", "carers")]
    staff = [p for p in people if p.group in ("professionals", "managers")]
    top_staff = [p for p in top if p.group in ("professionals", "managers")]
    if top and len(top_staff) == len(top) and lay and all(p.influence <= 4 for p in lay):
        add(
            "power-gap",
            "Everyone with high influence is a professional or manager, and no user or carer has more than 4.",
        )

    if staff:
        add("care-control", f"Staff on your map: {_names(staff)}.")

    users = [p for p in people if p.group == "users"]
    if people and len(users) <= 1:
        add(
            "flattened-users",
            "People who use the service appear as " + ("one dot." if users else "no dot at all."),
        )
    professionals = [p for p in people if p.group == "professionals"]
    if len(professionals) == 1:
        add("flattened-staff", f"All the front-line staff are one dot: {professionals[0].name}.")

    both = [p for p in people if p.group == "several"]
    add(
        "both-sides",
        f"You put {_names(both)} in more than one group."
        if both
        else "Everyone on your map is in one group only.",
    )
    count = len(people)
    add("missing", f"{count} {'person or group' if count == 1 else 'people and groups'} on your map so far.")
    add("reconfigure", "")
    return out


def _prompts_html(prompts: Sequence[Prompt], root: FilePath | None = None) -> str:
    parts = []
    for p in prompts:
        quotes = " ".join(q.html(root) for q in p.quotes)
        parts.append(
            f"<h4>{esc(p.title)}</h4><p><em>{esc(p.lens)}.</em> {esc(p.observation) or 'On any map:'}</p>"
            f"<p><strong>Ask:</strong> {esc(p.question)}</p><p>{quotes}</p>"
        )
    return "".join(parts)


def _stakeholder_list(stakeholders: Sequence[Stakeholder], root: FilePath | None = None) -> tuple[str, str]:
    groups = _groups(root)
    quads = _power(root)["quadrants"]
    if not stakeholders:
        return "<p>No one on the map yet.</p>", "No one on the map yet."
    rows, plain = [], []
    for n, s in enumerate(stakeholders, 1):
        group = groups.get(s.group, "Someone else")
        rows.append(
            f"<tr><td>{n}</td><td>{esc(s.name)}</td><td>{esc(group)}</td><td>{s.influence}</td>"
            f"<td>{s.involvement}</td><td>{esc(quads[_quadrant(s)])}</td></tr>"
        )
        plain.append(f"{n}. {s.name} ({group}): influence {s.influence}, involvement {s.involvement}")
    table = (
        "<table><caption>Who is on the map</caption><thead><tr><th scope='col'>No.</th><th scope='col'>Who</th>"
        "<th scope='col'>Group</th><th scope='col'>Influence</th><th scope='col'>Involvement</th>"
        "<th scope='col'>Where</th></tr></thead><tbody>" + "".join(rows) + "</tbody></table>"
    )
    return table, "\n".join(plain)


def stakeholder_markdown(
    initiative: str, stakeholders: Sequence[Stakeholder], notes: str = "", root: FilePath | None = None
) -> str:
    groups = _groups(root)
    lines = [
        f"# Who holds the power? {markdown_text(clean_text(initiative, MAX_NAME, one_line=True) or 'My initiative', one_line=True)}",
        "",
        "## Who is on the map",
        "",
    ]
    for n, s in enumerate(stakeholders, 1):
        lines.append(
            f"{n}. {markdown_text(s.name, one_line=True)} ({groups.get(s.group, 'Someone else')}): "
            f"influence {s.influence}, involvement {s.involvement}"
        )
    lines += ["", "## Questions for my map", ""]
    for p in map_prompts(stakeholders, root):
        lines += [
            f"### {p.title}",
            "",
            f"*{p.lens}.* {markdown_text(p.observation)}".rstrip(),
            "",
            f"Ask: {p.question}",
            "",
        ]
        lines += [f"> {q.markdown(root)}" for q in p.quotes] + [""]
    if clean_text(notes):
        lines += ["## My notes", "", markdown_text(notes), ""]
    lines.append("Made with exercise 4 of the co-production course.")
    return "\n".join(lines) + "\n"


def stakeholder_report(
    stakeholders: Sequence[Stakeholder] | None = None,
    initiative: str | None = None,
    root: FilePath | None = None,
) -> Block:
    """The map's list and its prompts (deterministic; for a checked cell)."""
    if stakeholders is None or initiative is None:
        sample_initiative, sample_people = sample_stakeholders(root)
        stakeholders = sample_people if stakeholders is None else stakeholders
        initiative = sample_initiative if initiative is None else initiative
    table, plain = _stakeholder_list(stakeholders, root)
    prompts = map_prompts(stakeholders, root)
    text = [clean_text(initiative, MAX_NAME, one_line=True), plain, "", "Questions raised by this map:"]
    text += [f"- {p.title}: {p.observation or 'on any map'}" for p in prompts]
    return Block(
        _box(
            f"<h3>{esc(initiative)}</h3>{table}<h3>Questions for this map</h3>{_prompts_html(prompts, root)}"
        ),
        "\n".join(text),
    )


def power_questions(root: FilePath | None = None) -> Block:
    """Every question the map can raise, with its lens and the modules' words: a printable list."""
    texts = _power(root)["prompts"]
    parts, plain = [], ["Questions for any stakeholder map:"]
    for t in texts.values():
        quotes = [Quote.of(q) for q in t["quotes"]]
        parts.append(
            f"<li><strong>{esc(t['title'])}</strong> <em>({esc(t['lens'])})</em><br>{esc(t['question'])}<br>"
            + " ".join(q.html(root) for q in quotes)
            + "</li>"
        )
        plain.append(f"- {t['title']} ({t['lens']}): {t['question']}")
        plain.extend(f"    “{q.text}” ({q.where(root)})" for q in quotes)
    return Block(_box("<ol>" + "".join(parts) + "</ol>"), "\n".join(plain))


MAX_STAKEHOLDERS = 30


def stakeholder_exercise(
    initiative: str | None = None,
    stakeholders: Sequence[Stakeholder] | None = None,
    root: FilePath | None = None,
) -> Exercise:
    """Exercise 4: add stakeholders (name, group, two sliders, Add) and see the map and its questions."""
    sample_initiative, sample_people = sample_stakeholders(root)
    people: list[Stakeholder] = list(sample_people if stakeholders is None else stakeholders)
    full = widgets.Layout(width="100%", max_width="46rem")
    initiative_box = widgets.Text(
        value=sample_initiative if initiative is None else initiative,
        description="The initiative:",
        placeholder="What is being co-produced, and where",
        style=_WIDE,
        layout=full,
    )
    name_box = widgets.Text(
        value="",
        description="Who are they?",
        placeholder="A person, group or organisation (no real names of people who use services)",
        style=_WIDE,
        layout=full,
    )
    group_box = widgets.Dropdown(
        options=[(label, gid) for gid, label in _groups(root).items()],
        value="users",
        description="Which group?",
        style=_WIDE,
        layout=full,
    )
    influence = RangeSlider(value=5, description="Influence over decisions (0 to 10):")
    involvement = RangeSlider(value=5, description="Involvement in the work (0 to 10):")
    fit = widgets.Layout(width="max-content")
    add = widgets.Button(
        description="Add to the map",
        button_style="primary",
        icon="plus",
        tooltip="Adds this stakeholder to the map",
        layout=fit,
    )
    undo = widgets.Button(
        description="Remove the last one", tooltip="Removes the stakeholder added last", layout=fit
    )
    clear = widgets.Button(
        description="Start an empty map", tooltip="Removes everyone from the map", layout=fit
    )
    notes = widgets.Textarea(
        value="",
        description="Your notes:",
        placeholder="What the map shows you (optional)",
        style=_WIDE,
        layout=widgets.Layout(width="100%", max_width="46rem", height="4.5em"),
    )
    message = _html()
    picture = _html()
    listing = _html()
    prompts_out = _html()

    def draw(_change=None):
        picture.value = _box(stakeholder_svg(people, initiative_box.value, root))
        table, _plain = _stakeholder_list(people, root)
        md = stakeholder_markdown(initiative_box.value, people, notes.value, root)
        links = download_link(
            "stakeholder-map.svg",
            stakeholder_svg(people, initiative_box.value, root),
            "image/svg+xml",
            "Download the map (SVG)",
        ) + download_link(
            "stakeholder-map.md", md, "text/markdown", "Download the list and questions (Markdown)"
        )
        listing.value = _box(table + f"<p>{links}</p>")
        prompts_out.value = _box(
            "<h3>Questions for your map</h3>" + _prompts_html(map_prompts(people, root), root)
        )

    def say(text: str, good: bool = True):
        cls = "coprod-ex-good" if good else "coprod-ex-warn"
        message.value = _box(f'<p class="{cls}" role="status">{esc(text)}</p>')

    def on_add(_button=None):
        name = clean_text(name_box.value, MAX_NAME, one_line=True)
        if not name:
            say("Type who they are first, in the 'Who are they?' box.", False)
            return
        if len(people) >= MAX_STAKEHOLDERS:
            say(f"The map holds up to {MAX_STAKEHOLDERS}. Remove someone first.", False)
            return
        people.append(Stakeholder(name, influence.value, involvement.value, group_box.value))
        name_box.value = ""
        say(
            f"Added {len(people)}. {name}: influence {influence.value}, involvement {involvement.value}. "
            "Set the sliders for the next one before you add them."
        )
        draw()

    def on_undo(_button=None):
        if people:
            gone = people.pop()
            say(f"Removed {gone.name}.")
            draw()
        else:
            say("The map is already empty.", False)

    def on_clear(_button=None):
        people.clear()
        say("The map is empty. Add the first stakeholder above.")
        draw()

    add.on_click(on_add)
    undo.on_click(on_undo)
    clear.on_click(on_clear)
    initiative_box.observe(draw, names="value")
    notes.observe(draw, names="value")
    draw()
    intro = _html(
        _box(
            "<p>The map starts with a fictional sample. Press <strong>Start an empty map</strong> to map your own "
            "initiative, then add each person or group: who they are, their group, how much influence they have over "
            "decisions and how involved they are in the work. Then press <strong>Add to the map</strong>.</p>"
        )
    )
    exercise = Exercise(
        [
            intro,
            initiative_box,
            widgets.HTML("<h3 style='margin:.8em 0 .2em'>Add someone to the map</h3>"),
            name_box,
            group_box,
            influence,
            involvement,
            widgets.HBox([add, undo, clear]),
            message,
            picture,
            listing,
            notes,
            prompts_out,
        ],
        lambda: (
            _img(stakeholder_svg(people, initiative_box.value, root)) + _stakeholder_list(people, root)[0]
        ),
    )
    exercise.people = people
    exercise.initiative, exercise.name, exercise.group = initiative_box, name_box, group_box
    exercise.influence, exercise.involvement = influence, involvement
    exercise.add, exercise.undo, exercise.clear, exercise.notes = add, undo, clear, notes
    exercise.picture, exercise.listing, exercise.prompts, exercise.message = (
        picture,
        listing,
        prompts_out,
        message,
    )
    return exercise


# ================================================================ Exercise 5: a co-production agreement


@dataclass
class Agreement:
    """What the learner writes in the agreement form. List fields are text with one item a line."""

    initiative: str = ""
    service: str = ""
    date: str = ""
    review: str = ""
    roles: str = ""
    shared: str = ""
    not_shared: str = ""
    accountability: str = ""
    costs: str = ""
    expenses: str = "undecided"
    step_back: str = ""
    record: str = ""
    ticked: tuple[int, ...] = ()


def _agreement_data(root: FilePath | None = None) -> dict:
    return _data("agreement.json", root)


def sample_agreement(root: FilePath | None = None) -> Agreement:
    """The fictional sample agreement (Priya's team from Module 2, redesigning a letter)."""
    s = dict(_agreement_data(root)["sample"])
    s["ticked"] = tuple(s.get("ticked", ()))
    return Agreement(**s)


def agreement_checklist(root: FilePath | None = None) -> list[Quote]:
    """The eight questions from Module 3, 'Questions to ask before co-producing a service'."""
    return [Quote.of(q) for q in _agreement_data(root)["checklist"]]


def agreement_gaps(agreement: Agreement, root: FilePath | None = None) -> list[str]:
    """What the agreement still leaves open: empty sections and checklist questions not yet discussed."""
    data = _agreement_data(root)
    gaps = [
        f"Nothing written yet under '{s['heading']}'."
        for s in data["sections"]
        if not _lines(getattr(agreement, s["id"]))
    ]
    if agreement.expenses == "undecided":
        gaps.append("Partners' expenses: not decided yet.")
    for i, q in enumerate(agreement_checklist(root)):
        if i not in agreement.ticked:
            gaps.append(f"Not yet discussed: {q.text}")
    return gaps


def agreement_markdown(agreement: Agreement, root: FilePath | None = None) -> str:
    """The agreement as a Markdown document. Everything the learner typed is escaped: it shows as typed and cannot run."""
    data = _agreement_data(root)
    expenses = {e["id"]: e["label"] for e in data["expenses"]}

    def one(value: str, fallback: str) -> str:
        text = clean_text(value, MAX_NAME * 2, one_line=True)
        return markdown_text(text, one_line=True) if text else fallback

    out = [
        f"# Co-production agreement: {one(agreement.initiative, 'untitled initiative')}",
        "",
        f"- **Service:** {one(agreement.service, 'not stated')}",
        f"- **Date agreed:** {one(agreement.date, 'not stated')}",
        f"- **We will review this agreement:** {one(agreement.review, 'not stated')}",
        "",
    ]
    for section in data["sections"]:
        out += [f"## {section['heading']}", ""]
        items = _lines(getattr(agreement, section["id"]))
        out += [f"- {markdown_text(item, one_line=True)}" for item in items] or ["- *Not written yet.*"]
        if section["id"] == "costs":
            out.append(f"- Partners' expenses: {expenses.get(agreement.expenses, expenses['undecided'])}")
        out.append("")
    out += ["## Before we start: the questions from Module 3", ""]
    for i, q in enumerate(agreement_checklist(root)):
        mark = "x" if i in agreement.ticked else " "
        out.append(f"- [{mark}] {i + 1}. {q.text}")
    out += ["", f"*The questions are from {section_name('m3-questions', root)}.*", ""]
    gaps = agreement_gaps(agreement, root)
    out += ["## Still to settle", ""]
    out += (
        [f"- {g}" for g in gaps]
        if gaps
        else ["- Nothing: every section is written and every question discussed."]
    )
    out += [
        "",
        "---",
        "",
        "Made with exercise 5 of the co-production course. Review it with everyone named above.",
    ]
    return "\n".join(out) + "\n"


def agreement_html(agreement: Agreement, root: FilePath | None = None, standalone: bool = False) -> str:
    """The agreement as readable HTML (a preview, or a whole page to download). Learner text is escaped."""
    data = _agreement_data(root)
    expenses = {e["id"]: e["label"] for e in data["expenses"]}

    def one(value: str, fallback: str) -> str:
        text = clean_text(value, MAX_NAME * 2, one_line=True)
        return esc(text) if text else f"<em>{esc(fallback)}</em>"

    title = clean_text(agreement.initiative, MAX_NAME * 2, one_line=True) or "untitled initiative"
    h1, h2 = ("h1", "h2") if standalone else ("h4", "h5")  # the preview sits under an h3
    out = [
        f"<{h1}>Co-production agreement: {esc(title)}</{h1}><ul>",
        f"<li><strong>Service:</strong> {one(agreement.service, 'not stated')}</li>",
        f"<li><strong>Date agreed:</strong> {one(agreement.date, 'not stated')}</li>",
        f"<li><strong>We will review this agreement:</strong> {one(agreement.review, 'not stated')}</li></ul>",
    ]
    for section in data["sections"]:
        items = [f"<li>{esc(item)}</li>" for item in _lines(getattr(agreement, section["id"]))]
        if section["id"] == "costs":
            items.append(
                f"<li>Partners' expenses: {esc(expenses.get(agreement.expenses, expenses['undecided']))}</li>"
            )
        out.append(
            f"<{h2}>{esc(section['heading'])}</{h2}><ul>{''.join(items) or '<li><em>Not written yet.</em></li>'}</ul>"
        )
    out.append(f"<{h2}>Before we start: the questions from Module 3</{h2}><ul>")
    for i, q in enumerate(agreement_checklist(root)):
        done = i in agreement.ticked
        out.append(
            f"<li>{'☑' if done else '☐'} {i + 1}. {esc(q.text)} <em>({'discussed' if done else 'not yet discussed'})</em></li>"
        )
    out.append(f"</ul><p><em>The questions are from {esc(section_name('m3-questions', root))}.</em></p>")
    gaps = agreement_gaps(agreement, root)
    out.append(
        f"<{h2}>Still to settle</{h2}><ul>"
        + (
            "".join(f"<li>{esc(g)}</li>" for g in gaps)
            or "<li>Nothing: every section is written and every question discussed.</li>"
        )
        + "</ul>"
    )
    out.append(
        "<p>Made with exercise 5 of the co-production course. Review it with everyone named above.</p>"
    )
    body = "".join(out)
    if not standalone:
        return body
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f"<title>Co-production agreement: {esc(title)}</title>"
        "<style>body{font-family:sans-serif;max-width:45rem;margin:2rem auto;padding:0 1rem;line-height:1.5}"
        "li{margin:.2rem 0}</style></head><body>" + body + "</body></html>\n"
    )


def agreement_preview(agreement: Agreement | None = None, root: FilePath | None = None) -> Block:
    """The agreement (the sample by default) as a readable page; its plain text is the Markdown document."""
    agreement = agreement or sample_agreement(root)
    return Block(
        _box(f'<div class="coprod-ex-doc">{agreement_html(agreement, root)}</div>'),
        agreement_markdown(agreement, root),
    )


def agreement_checklist_block(root: FilePath | None = None) -> Block:
    """Module 3's eight questions as a printable list (deterministic; for a checked cell)."""
    questions = agreement_checklist(root)
    where = section_name("m3-questions", root)
    html_list = "<ol>" + "".join(f"<li>☐ {esc(q.text)}</li>" for q in questions) + "</ol>"
    plain = [f"Questions to ask before co-producing a service ({where}):"]
    plain += [f"{i}. {q.text}" for i, q in enumerate(questions, 1)]
    return Block(_box(f"<p>From {esc(where)}:</p>{html_list}"), "\n".join(plain))


def agreement_exercise(agreement: Agreement | None = None, root: FilePath | None = None) -> Exercise:
    """Exercise 5: a structured form that produces a Markdown agreement to download."""
    data = _agreement_data(root)
    start = agreement if agreement is not None else sample_agreement(root)
    full = widgets.Layout(width="100%", max_width="46rem")
    tall = widgets.Layout(width="100%", max_width="46rem", height="7em")
    fields: dict[str, widgets.Widget] = {
        "initiative": widgets.Text(
            value=start.initiative,
            description="What are you co-producing?",
            placeholder="e.g. a new leaflet, a service plan, a group",
            style=_WIDE,
            layout=full,
        ),
        "service": widgets.Text(
            value=start.service, description="Service or team:", style=_WIDE, layout=full
        ),
        "date": widgets.Text(value=start.date, description="Date agreed:", style=_WIDE, layout=full),
        "review": widgets.Text(
            value=start.review, description="When will you review it?", style=_WIDE, layout=full
        ),
    }
    children: list[widgets.Widget] = [
        _html(
            _box(
                "<p>The form starts with a fictional sample, based on Priya's team in Module 2. Replace it with your own. "
                "Write one item a line. Do not write the names of people who use services.</p>"
            )
        ),
        fields["initiative"],
        fields["service"],
        fields["date"],
        fields["review"],
    ]
    for section in data["sections"]:
        quotes = " ".join(Quote.of(q).html(root) for q in section["quotes"])
        children.append(
            _html(
                _box(
                    f"<h3>{esc(section['heading'])}</h3><p>{esc(section['label'])} {esc(section['hint'])}</p>"
                    f"<p class='coprod-ex-source'>{quotes}</p>"
                )
            )
        )
        box = widgets.Textarea(
            value=getattr(start, section["id"]),
            description=section["heading"] + ":",
            placeholder=section["hint"],
            style=_WIDE,
            layout=tall,
        )
        fields[section["id"]] = box
        children.append(box)
        if section["id"] == "costs":
            fields["expenses"] = widgets.Dropdown(
                options=[(e["label"], e["id"]) for e in data["expenses"]],
                value=start.expenses,
                description="Partners' expenses:",
                style=_WIDE,
                layout=full,
            )
            children.append(fields["expenses"])
    children.append(
        _html(
            _box(
                f"<h3>Before we start: the questions from Module 3</h3><p>Tick each question you have discussed with "
                f"everyone involved. ({esc(section_name('m3-questions', root))}.)</p>"
            )
        )
    )
    checks = []
    for i, q in enumerate(agreement_checklist(root)):
        box = widgets.Checkbox(
            value=i in start.ticked,
            description=f"{i + 1}. {q.text}",
            indent=False,
            layout=widgets.Layout(width="100%", max_width="46rem"),
        )
        checks.append(box)
    children.append(widgets.VBox(checks, layout=widgets.Layout(margin="0 0 0 .5rem")))
    make = widgets.Button(
        description="Make the agreement document",
        button_style="primary",
        icon="file-text",
        layout=widgets.Layout(width="max-content"),
        tooltip="Builds the document from the form",
    )
    save = widgets.Button(
        description="Save a copy next to this notebook",
        layout=widgets.Layout(width="max-content"),
        tooltip="Writes co-production-agreement.md in the notebook's folder",
    )
    output = _html()
    saved = _html()
    children += [widgets.HBox([make, save]), saved, output]

    def current() -> Agreement:
        values = {k: w.value for k, w in fields.items()}
        return Agreement(**values, ticked=tuple(i for i, c in enumerate(checks) if c.value))

    def build(_change=None):
        now = current()
        md = agreement_markdown(now, root)
        links = download_link(
            "co-production-agreement.md", md, "text/markdown", "Download the agreement (Markdown)"
        )
        links += download_link(
            "co-production-agreement.html",
            agreement_html(now, root, standalone=True),
            "text/html",
            "Download it as a web page (HTML)",
        )
        output.value = _box(
            "<h3>Your agreement</h3>"
            "<p>The Markdown file is plain text that opens in any text editor; its # and * marks are headings and bold "
            "type for programs that understand Markdown. The web page opens in any browser, where you can print it or "
            f"copy it into a word processor.</p><p>{links}</p>"
            f'<div class="coprod-ex-doc">{agreement_html(now, root)}</div>'
        )

    def write(_button=None):
        target = FilePath.cwd() / "co-production-agreement.md"
        try:
            target.write_text(agreement_markdown(current(), root), encoding="utf-8")
        except OSError as exc:
            saved.value = _box(
                f'<p class="coprod-ex-warn">Could not save the file: {esc(exc.strerror or exc)}.</p>'
            )
            return
        saved.value = _box(
            '<p class="coprod-ex-good" role="status">Saved as <strong>co-production-agreement.md</strong> in the same '
            "folder as this notebook. Find it in the file browser on the left; saving again replaces it.</p>"
        )

    for w in [*fields.values(), *checks]:
        w.observe(build, names="value")
    make.on_click(build)
    save.on_click(write)
    build()
    exercise = Exercise(
        children,
        lambda: (
            f'<h3>The agreement document</h3><div class="coprod-ex-doc">{agreement_html(current(), root)}</div>'
        ),
    )
    exercise.fields, exercise.checks, exercise.make, exercise.save, exercise.output = (
        fields,
        checks,
        make,
        save,
        output,
    )
    exercise.current = current
    return exercise
