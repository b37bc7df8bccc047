"""coprod: the interactive engine of the co-production course.

Content (scenarios, self-checks, reflection prompts) is YAML validated by a
typed schema; one ES module renders it live in Jupyter (anywidget) and on the
static site (a stand-in for the widget model backed by browser storage).

Layers, each importing only those before it: ``content`` (YAML, schema,
rules, graph) -> ``render`` (HTML and SVG) -> ``widget`` (anywidget), the
record and the exercises -> ``sphinx`` (the book build). Pages and notebooks
import from here (and ``coprod.record`` for the CPD record), never from a
module whose name starts with an underscore.
"""

from . import record
from .content import (
    Course,
    Coverage,
    Problem,
    Reflection,
    Route,
    Scenario,
    SelfCheck,
    Step,
    claims_coverage,
    dimension_profile,
    endings_reachable,
    enumerate_paths,
    find_content_root,
    load_course,
    load_file,
)
from .render import Printable, ScenarioMap, show_agenda, show_map, show_paperwork, show_printable
from .widget import CourseElement, show, show_reflection, show_scenario, show_selfcheck

__all__ = [
    "Course",
    "CourseElement",
    "Coverage",
    "Printable",
    "Problem",
    "Reflection",
    "Route",
    "Scenario",
    "ScenarioMap",
    "SelfCheck",
    "Step",
    "claims_coverage",
    "dimension_profile",
    "endings_reachable",
    "enumerate_paths",
    "find_content_root",
    "load_course",
    "load_file",
    "record",
    "show",
    "show_map",
    "show_agenda",
    "show_paperwork",
    "show_printable",
    "show_reflection",
    "show_scenario",
    "show_selfcheck",
]
