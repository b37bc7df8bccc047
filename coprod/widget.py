"""The live element: the only module that imports anywidget.

One call per element in a notebook cell.

``show("m1-drivers")`` returns a :class:`CourseElement`, an anywidget whose
MIME bundle carries both the live widget view (JupyterLab, Notebook 7, VS Code)
and a ``text/html`` rendering of the same data that the same ES module drives
on the static site. The learner's state is a synced traitlet, so exercises can
read a path, answers or a reflection from Python.
"""

from __future__ import annotations

import re
from pathlib import Path

import anywidget
import traitlets

from .content.course import course
from .content.graph import Step
from .content.labels import book_labels
from .content.loader import find_content_root
from .content.schema import Reflection, Scenario, SelfCheck
from .render.html import content_data, element_html

__all__ = [
    "CourseElement",
    "ExerciseEntry",
    "KeyboardGuard",
    "RangeSlider",
    "show",
    "show_reflection",
    "show_scenario",
    "show_selfcheck",
]

STATIC = Path(__file__).parent / "static"

_IMPORT = re.compile(r'^import \{[^}]*\} from "\./([a-z-]+\.js)";\n', re.M)
_EXPORT = re.compile(r"^export (?=(?:async )?(?:function|const|let|class) )", re.M)


def single_module(entry: Path) -> str:
    """``entry`` with the sibling modules it imports, and the ones they import, inlined once each.

    Each module comes after those it imports, so one scope holds them all; their top-level
    names must therefore differ, and an import may not rename (``as``).
    """
    order: list[str] = []

    def visit(name: str, via: tuple[str, ...]) -> None:
        if name in via:
            raise ValueError(f"import cycle: {' -> '.join((*via, name))}")
        if name in order:
            return
        for _clause, dep in _imports((entry.parent / name).read_text(encoding="utf-8")):
            visit(dep, (*via, name))
        order.append(name)

    text = entry.read_text(encoding="utf-8")
    for _clause, dep in _imports(text):
        visit(dep, (entry.name,))
    parts = [
        f"// ---- inlined from {name}\n"
        + _EXPORT.sub("", _IMPORT.sub("", (entry.parent / name).read_text(encoding="utf-8")))
        for name in order
    ]
    return "\n".join([*parts, _IMPORT.sub("", text)])


def _imports(text: str) -> list[tuple[str, str]]:
    found = [(m.group(0), m.group(1)) for m in _IMPORT.finditer(text)]
    for clause, _name in found:
        if " as " in clause:
            raise ValueError(f"single_module cannot inline a renamed import: {clause.strip()}")
    return found


class CourseElement(anywidget.AnyWidget):
    """A scenario, self-check or reflection prompt, live in Jupyter and static on the site."""

    #: anywidget loads one module from a blob address, where coprod.js's relative
    #: imports (dom.js, projector.js, store.js) cannot resolve: hand it all of them as one module
    _esm = single_module(STATIC / "coprod.js")
    _css = "\n".join(
        (STATIC / name).read_text(encoding="utf-8") for name in ("tokens.css", "coprod.css", "store.css")
    )

    kind = traitlets.Unicode().tag(sync=True)
    element_id = traitlets.Unicode().tag(sync=True)
    content = traitlets.Dict().tag(sync=True)
    #: what the learner has done: a scenario's path, a self-check's answers, a reflection's text
    state = traitlets.Dict().tag(sync=True)
    heading_level = traitlets.Int(3).tag(sync=True)

    def __init__(
        self, element: Scenario | SelfCheck | Reflection, html: str, content: dict, heading_level: int = 3
    ):
        super().__init__(
            kind=element.kind,
            element_id=element.id,
            content=content,
            heading_level=heading_level,
        )
        self.element = element
        self._html = html

    def __repr__(self) -> str:
        return f"<{self.kind} '{self.element_id}': {self.element.title}>"

    def _repr_mimebundle_(self, **kwargs):
        bundle = super()._repr_mimebundle_(**kwargs)
        if bundle is None:  # ipywidgets returns nothing when a widget cannot be shown at all
            return {"text/html": self._html}, {}
        data, metadata = bundle
        data["text/html"] = self._html
        return data, metadata

    # Convenience readers for exercises -------------------------------------------------

    @property
    def path(self) -> list[Step]:
        """A scenario's current path as steps (node id and 0-based choice)."""
        return [Step(node, int(choice)) for node, choice in self.state.get("path", [])]

    @property
    def answers(self) -> dict:
        """A self-check's answers by question id."""
        return dict(self.state.get("answers", {}))

    @property
    def text(self) -> str:
        """A reflection's text as the learner wrote it."""
        return str(self.state.get("text", ""))


def show(element_id: str, heading_level: int = 3, *, root: Path | None = None) -> CourseElement:
    """Display the course element with this id (scenario, self-check or reflection prompt)."""
    root = root or find_content_root()
    loaded = course(root).get(element_id)
    labels = book_labels(root / "book")
    element = loaded.element
    return CourseElement(
        element,
        element_html(element, labels, heading_level),
        content_data(element, labels),
        heading_level,
    )


def _typed(kind: str):
    def show_kind(element_id: str, heading_level: int = 3, *, root: Path | None = None) -> CourseElement:
        widget = show(element_id, heading_level, root=root)
        if widget.kind != kind:
            raise TypeError(f"'{element_id}' is a {widget.kind}, not a {kind}; use show('{element_id}')")
        return widget

    show_kind.__name__ = f"show_{kind}"
    show_kind.__doc__ = f"Display the {kind} with this id."
    return show_kind


show_scenario = _typed("scenario")
show_selfcheck = _typed("selfcheck")
show_reflection = _typed("reflection")


class RangeSlider(anywidget.AnyWidget):
    """A 0-to-10 slider that is a native, labelled ``<input type="range">``: it has an accessible name and keys.

    (ipywidgets' own slider draws a handle that screen readers cannot name.)
    """

    _esm = Path(__file__).parent / "exercises" / "static" / "range-slider.js"
    value = traitlets.Int(5).tag(sync=True)
    min = traitlets.Int(0).tag(sync=True)
    max = traitlets.Int(10).tag(sync=True)
    description = traitlets.Unicode("").tag(sync=True)

    @traitlets.validate("value")
    def _clamp(self, proposal):
        return max(self.min, min(self.max, int(proposal["value"])))


class ExerciseEntry(anywidget.AnyWidget):
    """Invisible: writes an exercise's summary to the course's record in this browser (coprod/static/exercise-entry.js).

    ``entry`` is ``{"title": ..., "text": Markdown}``; an empty text removes the entry. Nothing is written
    when the notebook opens, only when the exercise sets ``entry`` after the learner's own change.
    """

    _esm = single_module(STATIC / "exercise-entry.js")
    exercise = traitlets.Unicode("").tag(sync=True)
    entry = traitlets.Dict().tag(sync=True)


class KeyboardGuard(anywidget.AnyWidget):
    """Invisible: marks the exercise it sits in so that keys typed in its controls never reach the notebook's shortcuts."""

    _esm = Path(__file__).parent / "exercises" / "static" / "keyboard-guard.js"
