"""What every exercise shares: learner text made safe, quotes, output blocks, the widget base and the data.

Safety rules, kept throughout the exercises:

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
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path as FilePath

import ipywidgets as widgets

from ..widget import KeyboardGuard  # an anywidget: coprod.widget is the only module that imports anywidget

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


#: the exercises' data: JSON shipped inside the package, so a notebook runs wherever the package is installed
DATA = FilePath(__file__).parent / "data"
#: the range slider's ES module and the exercises' stylesheet, shipped beside the data
STATIC = FilePath(__file__).parent / "static"
#: what the exercises need from the book (section titles, the scenarios), copied by ``python tools/run_exercises.py``
COURSE_FILE = "course.json"


class ExerciseSetupError(RuntimeError):
    """Something the exercises need is missing; shown in a notebook as one sentence, without a traceback."""

    def _render_traceback_(self) -> list[str]:  # IPython shows this instead of the traceback
        return [str(self)]


def _data(name: str) -> dict:
    path = DATA / name
    try:
        return _read_json(str(path), path.stat().st_mtime_ns)
    except (OSError, ValueError):
        raise ExerciseSetupError(
            f"The exercise data file {name} is missing or damaged in your copy of the course package; "
            "reinstall the package (pip install --force-reinstall coprod from the course's folder) and run the notebook again."
        ) from None


@lru_cache(maxsize=16)
def _read_json(path: str, stamp: int) -> dict:
    return json.loads(FilePath(path).read_text(encoding="utf-8"))


def _course() -> dict:
    return _data(COURSE_FILE)


@dataclass(frozen=True)
class Quote:
    """A sentence copied from a module, with the label of the section it comes from."""

    text: str
    source: str

    @classmethod
    def of(cls, data: Mapping) -> Quote:
        return cls(str(data["text"]), str(data["source"]))

    def where(self) -> str:
        """'Module 3, Accountability and costs' for the label 'm3-accountability'."""
        return section_name(self.source)

    def html(self) -> str:
        return f'“{esc(self.text)}” <span class="coprod-ex-source">({esc(self.where())})</span>'

    def markdown(self) -> str:
        return f"“{markdown_text(self.text)}” ({markdown_text(self.where())})"


def section_name(label: str) -> str:
    """A section label as a reader would name it: 'Module 1, Kinds of co-production'."""
    title = _course()["sections"].get(label, label)
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
STYLE = "<style>\n" + (STATIC / "exercises.css").read_text(encoding="utf-8") + "</style>"


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
    """An exercise's controls; outside a live notebook (the built site) its output falls back to static HTML.

    Every exercise carries a :class:`KeyboardGuard`, so drop-downs, check boxes, text boxes and buttons work
    by keyboard in JupyterLab without creating, converting or deleting cells.
    """

    def __init__(self, children: Sequence[widgets.Widget], static: callable, **kwargs):
        guard = KeyboardGuard(layout=widgets.Layout(display="none"))
        super().__init__(children=[*children, guard], **kwargs)
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


class ConfirmButton(widgets.VBox):
    """A button for something that throws the learner's text away: it asks first, and does nothing on 'No'."""

    def __init__(
        self, description: str, question: str, yes: str, on_yes: Callable[[], None], tooltip: str = ""
    ):
        self.button = widgets.Button(
            description=description, layout=widgets.Layout(width="max-content"), tooltip=tooltip
        )
        self.question = _html()
        self.yes = widgets.Button(
            description=yes, button_style="danger", layout=widgets.Layout(width="max-content")
        )
        self.no = widgets.Button(
            description="No, keep what I wrote", layout=widgets.Layout(width="max-content")
        )
        self.answers = widgets.HBox([self.yes, self.no], layout=widgets.Layout(display="none"))
        self._text = question
        self._on_yes = on_yes
        super().__init__([self.button, self.question, self.answers])
        self.button.on_click(self._ask)
        self.yes.on_click(self._confirm)
        self.no.on_click(self._close)

    def _ask(self, _button=None) -> None:
        self.question.value = _box(f'<p class="coprod-ex-warn" role="alert">{esc(self._text)}</p>')
        self.answers.layout.display = "flex"

    def _close(self, _button=None) -> None:
        self.question.value = ""
        self.answers.layout.display = "none"

    def _confirm(self, _button=None) -> None:
        self._close()
        self._on_yes()
