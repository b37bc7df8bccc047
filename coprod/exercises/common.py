"""What every exercise shares: learner text made safe, quotes, output blocks, the widget base and the data.

Safety rules, kept throughout the exercises:

* whatever a learner types, uploads or names is treated as text: escaped
  before it goes into HTML, SVG or Markdown, and never executed;
* pictures are SVG strings made here, so no plotting library is needed;
* outputs are deterministic (no ids, no dates, no memory addresses), so the
  notebooks' marked cells can be compared by nbval.
"""

from __future__ import annotations

import asyncio
import base64
import html
import json
import os
import re
import sys
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path as FilePath

import ipywidgets as widgets

from ..widget import (  # anywidgets: coprod.widget is the only module importing anywidget
    ExerciseEntry,
    KeyboardGuard,
)

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
    "Open it in JupyterLab and choose <em>Run</em>, then <em>Run All Cells</em>. Until then, this is only a picture "
    "of the exercise.</p>"
)

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"

#: In Jupyter an exercise is two outputs: this picture, then the live controls. While the controls are live the
#: picture is hidden; once they are gone (the notebook closed and reopened: "Loading widget..." or "Error
#: displaying widget: model not found") the controls' output is hidden and the picture shows. Plain CSS, so it
#: works in JupyterLab, Notebook 7 and JupyterLite without a kernel; the book shows only the picture.
FALLBACK_CSS = (
    "<style>"
    ".jp-OutputArea-child:has(.coprod-ex-fallback):has(+ .jp-OutputArea-child .coprod-ex-widget){display:none}"
    ".jp-OutputArea-child:has(.coprod-ex-fallback) + .jp-OutputArea-child:not(:has(.coprod-ex-widget))"
    "{display:none}"
    "</style>"
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
        self._picture = None  # the handle of the picture shown above the controls in Jupyter
        self.add_class("coprod-ex-widget")
        for child in children:
            if isinstance(child, KeptWork):
                child.after_write = self.refresh_picture

    def __repr__(self) -> str:
        return "Exercise controls (run the notebook in JupyterLab to use them)"

    def static_html(self) -> str:
        return (
            FALLBACK_CSS + '<div class="coprod-ex-fallback">' + _box(STATIC_NOTE + self._static()) + "</div>"
        )

    def _ipython_display_(self, **kwargs):
        """Two outputs: the static picture, then the live controls (see :data:`FALLBACK_CSS`)."""
        from IPython.display import display

        self._picture = display(
            {"text/html": self.static_html(), "text/plain": repr(self)}, raw=True, display_id=True
        )
        data = super()._repr_mimebundle_(**kwargs)
        if isinstance(data, tuple):
            data = data[0]
        if data and WIDGET_VIEW in data:
            display({WIDGET_VIEW: data[WIDGET_VIEW]}, raw=True)

    def refresh_picture(self) -> None:
        """Redraw the picture above the controls, so a notebook saved now and reopened shows the learner's work."""
        if self._picture is not None:
            self._picture.update({"text/html": self.static_html(), "text/plain": repr(self)}, raw=True)

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

    def _hide(self) -> None:
        self.question.value = ""
        self.answers.layout.display = "none"

    def _close(self, _button=None) -> None:
        self._hide()
        # the answer buttons are hidden now: without this a keyboard user's focus falls to the top of the page
        self.button.focus()

    def _confirm(self, _button=None) -> None:
        self._hide()
        self._on_yes()
        self.button.focus()


# ---------------------------------------------------------------- the learner's work, kept as they work

#: the largest work file the exercises read back (exercise 3's holds the learner's record, a few kilobytes)
MAX_WORK_BYTES = MAX_RECORD_BYTES
#: what a work file says it is
WORK_FORMAT = "coprod-exercise-work"
WORK_VERSION = 1
#: set to 0 to keep nothing (``tools/run_exercises.py`` does, so stored outputs never hold anyone's work)
KEEP_ENV = "COPROD_KEEP_WORK"
#: the longest summary an exercise writes to the course's record (store.js MAX_TEXT)
MAX_RECORD_TEXT = 100000
#: the seconds between two writes of a work file while the learner types
WRITE_EVERY = 1.0


class WorkError(ValueError):
    """A work file that cannot be used; its message is one plain sentence for the learner."""


def _text_field(work: Mapping, key: str, limit: int = MAX_TEXT, one_line: bool = False) -> str | None:
    """A text field of a work file, cleaned; None if absent. Anything but text is refused."""
    if key not in work:
        return None
    value = work[key]
    if not isinstance(value, str):
        raise WorkError(f"its '{key}' is not text")
    return clean_text(value, limit, one_line=one_line)


def _choice_field(work: Mapping, key: str, allowed: Sequence[str]) -> str | None:
    """A field of a work file that must be one of ``allowed``; None if absent."""
    if key not in work:
        return None
    value = work[key]
    if not isinstance(value, str) or value not in allowed:
        raise WorkError(f"its '{key}' is not one of the exercise's choices")
    return value


def _later(delay: float, callback: Callable[[], None]) -> bool:
    """Run ``callback`` after ``delay`` seconds on the kernel's event loop; False where there is none."""
    try:
        loop = asyncio.get_running_loop()
    except RuntimeError:
        if sys.platform != "emscripten":  # Pyodide's loop runs on the browser's timers, even between messages
            return False
        loop = asyncio.get_event_loop()
    loop.call_later(delay, callback)
    return True


class WorkFile:
    """One exercise's answers as a small JSON file in the working folder (the notebook's folder).

    In JupyterLab the file sits beside the notebook on disk; in JupyterLite the kernel's working folder is the
    browser's own storage, so the file is kept there. The file is data only: it is read with ``json`` and checked
    field by field by the exercise's ``check``; nothing in it is ever run. A file that cannot be used is moved
    aside, never deleted, and never stops the notebook.
    """

    def __init__(self, exercise: str, check: Callable[[Mapping], dict], keep: bool | FilePath = True):
        self.exercise = exercise
        self.check = check
        self.folder = None if isinstance(keep, bool) else FilePath(keep)
        self.enabled = keep is not False and os.environ.get(KEEP_ENV, "1") != "0"
        self._pending: dict | None = None
        #: called after each write (the exercise redraws its picture)
        self.on_write: Callable[[], None] | None = None
        self._last = 0.0
        self._scheduled = False

    @property
    def name(self) -> str:
        return f"{self.exercise}-my-work.json"

    @property
    def path(self) -> FilePath:
        return (self.folder or FilePath.cwd()) / self.name

    def document(self, work: Mapping) -> str:
        """The work as the file holds it (and as the learner downloads it)."""
        return (
            json.dumps(
                {
                    "format": WORK_FORMAT,
                    "version": WORK_VERSION,
                    "exercise": self.exercise,
                    "work": dict(work),
                },
                ensure_ascii=False,
                indent=1,
            )
            + "\n"
        )

    def parse(self, raw: bytes | str, label: str) -> dict:
        """The work in a file's bytes, checked; :class:`WorkError` says in one sentence why not."""
        if isinstance(raw, bytes):
            if len(raw) > MAX_WORK_BYTES:
                raise WorkError(f"{label} is too large to be work from this exercise.")
            try:
                raw = raw.decode("utf-8-sig")
            except UnicodeDecodeError:
                raise WorkError(f"{label} is not work from this exercise (it is not text).") from None
        try:
            data = json.loads(raw)
        except (ValueError, RecursionError):
            raise WorkError(f"{label} is not work from this exercise (it is not a JSON file).") from None
        if (
            not isinstance(data, dict)
            or data.get("format") != WORK_FORMAT
            or not isinstance(data.get("work"), dict)
        ):
            raise WorkError(f"{label} is not a work file from the course's exercises.")
        if data.get("exercise") != self.exercise:
            other = clean_text(data.get("exercise"), 20, one_line=True)
            raise WorkError(f"{label} holds work from exercise {other}, not from this one ({self.exercise}).")
        if data.get("version") != WORK_VERSION:
            raise WorkError(f"{label} was made by another version of the course; this one cannot read it.")
        try:
            return self.check(data["work"])
        except WorkError as exc:
            raise WorkError(f"{label} cannot be used: {exc}.") from None
        except Exception:  # whatever a foreign file holds, the notebook goes on
            raise WorkError(
                f"{label} cannot be used: some of its answers are not ones this exercise offers."
            ) from None

    def read(self) -> tuple[dict | None, str]:
        """The kept work, if any, and a sentence for the learner when the file could not be used (it is moved aside)."""
        if not self.enabled:
            return None, ""
        path = self.path
        try:
            raw = path.read_bytes()
        except FileNotFoundError:
            return None, ""
        except OSError as exc:
            return (
                None,
                f"Your kept work in {self.name} could not be read ({exc.strerror or exc}), so the exercise starts afresh.",
            )
        try:
            return self.parse(raw, self.name), ""
        except WorkError as exc:
            return None, f"{exc} The exercise starts afresh; {self.set_aside()}, and nothing in it was lost."

    def set_aside(self) -> str:
        """Move the work file aside (never delete it) and say where it went, for a sentence to the learner."""
        path = self.path
        for n in range(1, 100):
            target = path.with_name(f"{self.exercise}-my-work.damaged-{n}.json")
            if not target.exists():
                try:
                    path.rename(target)
                except OSError:
                    break
                return f"it is kept as {target.name}"
        return "it was left where it was"

    def save(self, work: Mapping) -> None:
        """Keep ``work``: at once, or, while the learner is typing, at most once a second (the last change wins)."""
        if not self.enabled:
            return
        self._pending = dict(work)
        wait = self._last + WRITE_EVERY - time.monotonic()
        if wait <= 0:
            self.flush()
        elif not self._scheduled:
            self._scheduled = _later(wait, self.flush)
            if not self._scheduled:
                self.flush()

    def flush(self) -> None:
        """Write any work not yet written."""
        self._scheduled = False
        if self._pending is None:
            return
        work, self._pending = self._pending, None
        self._last = time.monotonic()
        try:
            self.path.write_text(self.document(work), encoding="utf-8")
        except OSError:
            pass  # a read-only folder: the work stays in the notebook and in the download link
        if self.on_write is not None:
            self.on_write()

    def forget(self) -> None:
        """Delete the kept work (after the learner confirmed 'Start again')."""
        self._pending = None
        try:
            self.path.unlink()
        except OSError:
            pass


class KeptWork(widgets.VBox):
    """The line above an exercise that says where its work is kept, with Start again, Download and Load."""

    def __init__(
        self,
        store: WorkFile,
        get: Callable[[], dict],
        put: Callable[[dict], None],
        fresh: Callable[[], None],
        record: tuple[str, Callable[[], str]] | None = None,
    ):
        """``record``: the exercise's title and its summary as Markdown (what it offers as a download), for the
        course's record in the browser (:class:`ExerciseEntry`), written after each write of the work file."""
        self.store, self._get, self._put, self._fresh = store, get, put, fresh
        self._quiet = True  # nothing is kept while the exercise is being built, until restore()
        #: called after each write of the work file (the exercise redraws its picture)
        self.after_write: Callable[[], None] | None = None
        self._record = record
        self.entry = (
            ExerciseEntry(exercise=store.exercise, layout=widgets.Layout(display="none"))
            if record is not None and store.enabled
            else None
        )
        store.on_write = self._written
        self.note = _html(
            _box(
                f'<p class="coprod-ex-note">Your answers are kept as you work, in <strong>{esc(store.name)}</strong> '
                "beside this notebook (in the browser version, in this browser's storage), and come back when you run "
                "the notebook again. To start afresh, press <strong>Start again</strong>."
                + (
                    " Opened with <em>Run in your browser</em> from the course's site, the exercise also puts a summary "
                    "of your work in your CPD record in this browser (its journal lists it)."
                    if record is not None
                    else ""
                )
                + "</p>"
                if store.enabled
                else '<p class="coprod-ex-note">Your answers are not kept here: download them to keep them.</p>'
            )
        )
        self.restart = ConfirmButton(
            "Start again",
            "Go back to how the exercise starts? Your answers here, and the kept file, will be gone.",
            "Yes, start again",
            self._start_again,
            tooltip="Clears your answers and the kept file (asks first)",
        )
        self.link = widgets.HTML(layout=widgets.Layout(width="auto"))
        self.upload = widgets.FileUpload(
            accept=".json,application/json",
            multiple=False,
            description="Load my work (.json)",
            layout=widgets.Layout(width="max-content"),
            tooltip="Choose a file you downloaded with 'Download my work'",
        )
        self.status = _html()
        self.upload.observe(self._uploaded, names="value")
        super().__init__(
            [
                self.note,
                widgets.HBox(
                    [self.restart, self.link, self.upload],
                    layout=widgets.Layout(flex_flow="row wrap", align_items="flex-start", grid_gap="0 1rem"),
                ),
                self.status,
                *([self.entry] if self.entry is not None else []),
            ]
        )

    def _written(self) -> None:
        """After the work file is written: the record's entry, then the picture."""
        if self.entry is not None and self._record is not None:
            title, summary = self._record
            try:
                text = clean_text(summary(), MAX_RECORD_TEXT)
            except Exception:  # a summary that cannot be made leaves the record as it was
                text = None
            if text is not None:
                self.entry.entry = {"title": title, "text": text}
        if self.after_write is not None:
            self.after_write()

    def say(self, text: str, good: bool = False) -> None:
        cls = "coprod-ex-good" if good else "coprod-ex-warn"
        role = "status" if good else "alert"
        self.status.value = _box(f'<p class="{cls}" role="{role}">{esc(text)}</p>') if text else ""

    def changed(self, _change=None) -> None:
        """After any change: keep the work and refresh the download link."""
        if self._quiet:
            return
        work = self._get()
        self.store.save(work)
        self._link(work)

    def _link(self, work: Mapping) -> None:
        self.link.value = _box(
            download_link(self.store.name, self.store.document(work), "application/json", "Download my work")
        )

    def quietly(self, fill: Callable[[], None]) -> None:
        """Run ``fill`` (which sets the controls) without keeping what it sets, then refresh the download link."""
        self._quiet = True
        try:
            fill()
        finally:
            self._quiet = False
        self._link(self._get())

    def restore(self) -> None:
        """Bring back the kept work, if any; say so, or say why a damaged file was put aside."""
        work, problem = self.store.read()
        if work is not None:
            try:
                self.quietly(lambda: self._put(work))
            except Exception:  # checked, yet the controls refused it: start afresh, keep the file aside
                self.quietly(self._fresh)
                where = self.store.set_aside()
                self.say(
                    f"Your kept work in {self.store.name} could not be shown, so the exercise starts afresh; {where}."
                )
                return
            self.say(f"Your work from {self.store.name} is back.", good=True)
        else:
            self.quietly(lambda: None)
            if problem:
                self.say(problem)

    def _start_again(self) -> None:
        self.store.forget()
        self.quietly(self._fresh)
        if self.entry is not None:
            self.entry.entry = {"title": self._record[0] if self._record else "", "text": ""}
        if self.after_write is not None:
            self.after_write()
        self.say("Started again from the beginning; the kept file is deleted.", good=True)

    def _uploaded(self, change) -> None:
        files = change["new"]
        if not files:
            return
        item = files[0]
        name = clean_text(item.get("name", "your file"), MAX_NAME, one_line=True) or "your file"
        try:
            work = self.store.parse(bytes(item["content"]), name)
        except WorkError as exc:
            self.say(f"{exc} Nothing was changed.")
            return
        self._put(work)
        self.changed()
        self.upload.value = ()  # the same file can be chosen again
        self.say(f"Loaded your work from {name}.", good=True)
