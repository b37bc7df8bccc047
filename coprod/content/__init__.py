"""Everything knowable from the course's YAML alone: schema, loader, rules, graph walks, labels, coverage.

Imports neither anywidget nor Sphinx, so the checker, the record and the
Sphinx process can use it without a widget stack.
"""

from .course import course
from .coverage import Coverage, claims_coverage
from .graph import Route, Step, dimension_profile, endings_reachable, enumerate_paths, reachable
from .labels import book_labels
from .loader import CONTENT_DIRS, Course, LoadedElement, find_content_root, load_course, load_file
from .problems import Problem
from .schema import Reflection, Scenario, SelfCheck

__all__ = [
    "CONTENT_DIRS",
    "Course",
    "Coverage",
    "LoadedElement",
    "Problem",
    "Reflection",
    "Route",
    "Scenario",
    "SelfCheck",
    "Step",
    "book_labels",
    "claims_coverage",
    "course",
    "dimension_profile",
    "endings_reachable",
    "enumerate_paths",
    "find_content_root",
    "load_course",
    "load_file",
    "reachable",
]
