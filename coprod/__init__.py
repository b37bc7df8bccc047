"""coprod: the interactive engine of the co-production course.

Content (scenarios, self-checks, reflection prompts) is YAML validated by a
typed schema; one ES module renders it live in Jupyter (anywidget) and on the
static site (a stand-in for the widget model backed by browser storage).
"""

from ._coverage import Coverage, claims_coverage
from ._display import CourseElement, show, show_reflection, show_scenario, show_selfcheck
from ._graph import Path, Step, dimension_profile, endings_reachable, enumerate_paths
from ._map import ScenarioMap, show_map
from ._printables import Printable, show_printable
from ._loader import Course, Problem, find_content_root, load_course, load_file
from ._schema import Reflection, Scenario, SelfCheck

__all__ = [
    "Course",
    "Coverage",
    "CourseElement",
    "Path",
    "Step",
    "Problem",
    "Reflection",
    "Scenario",
    "SelfCheck",
    "claims_coverage",
    "dimension_profile",
    "endings_reachable",
    "enumerate_paths",
    "find_content_root",
    "load_course",
    "load_file",
    "show",
    "show_reflection",
    "show_scenario",
    "show_map",
    "show_printable",
    "Printable",
    "show_selfcheck",
    "ScenarioMap",
]
