"""Law and guidance in the build: the law note of a scenario and the course's list of legal sources.

``{law-note} <scenario-id>`` shows a scenario's law note with its sources and
the dates they were checked; ``{law-sources}`` lists every source the
scenarios cite, by jurisdiction. Both are drawn from the YAML at build time.
Sources due for re-checking are reported without failing a strict build.
"""

from __future__ import annotations

import datetime

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from ..content.loader import warnings_of
from ..content.schema import Scenario
from ..render.law import law_note_html, law_page_html
from .content import course_of

__all__ = ["LawNote", "LawSources", "report_stale_sources"]

logger = logging.getLogger(__name__)


def report_stale_sources(app: Sphinx) -> None:
    # reported, not warned: a strict build must not fail because time has passed;
    # the law page shows readers the same dates
    for line in warnings_of(course_of(app), datetime.date.today()):
        logger.info(line, color="darkred")


class LawSources(SphinxDirective):
    """``{law-sources}``: every legal source the scenarios cite, by jurisdiction, drawn from the YAML at build time."""

    def run(self) -> list[nodes.Node]:
        found = []
        for loaded in sorted(course_of(self.env.app).elements.values(), key=lambda item: str(item.path)):
            if isinstance(loaded.element, Scenario):
                self.env.note_dependency(str(loaded.path))
                found.append(loaded.element)
        return [nodes.raw("", law_page_html(found), format="html")]


class LawNote(SphinxDirective):
    """``{law-note} <scenario-id>``: the scenario's law note with its sources, dates and a link to the law page."""

    required_arguments = 1

    def run(self) -> list[nodes.Node]:
        try:
            loaded = course_of(self.env.app).get(self.arguments[0])
        except KeyError as exc:
            raise self.error(str(exc.args[0])) from None
        if not isinstance(loaded.element, Scenario):
            raise self.error(f"'{self.arguments[0]}' is a {loaded.element.kind}, not a scenario")
        self.env.note_dependency(str(loaded.path))
        return [nodes.raw("", law_note_html(loaded.element), format="html")]
