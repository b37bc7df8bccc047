"""Deterministic HTML and SVG drawn from the content: element fallbacks, branch maps, printables."""

from .html import content_data, element_html, json_script
from .map import ScenarioMap, show_map
from .paperwork import show_agenda, show_paperwork
from .printables import Printable, show_printable

__all__ = [
    "Printable",
    "ScenarioMap",
    "content_data",
    "element_html",
    "json_script",
    "show_map",
    "show_agenda",
    "show_paperwork",
    "show_printable",
]
