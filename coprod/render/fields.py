"""The author guide's field reference, generated from the content schema.

Each table lists a model's fields with what they are for (the field's docstring
in :mod:`coprod.content.schema`), whether they are required and what to write,
so the guide cannot fall out of step with what the checker accepts.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from ..content.schema import ID_PATTERN, json_schema

ID_WORDS = "an id: lowercase letters, digits and single hyphens"

__all__ = ["MODELS", "field_rows", "field_table"]

#: the models the guide documents, in the order an author meets them
MODELS = (
    "Reflection",
    "SelfCheck",
    "SingleQuestion",
    "MultipleQuestion",
    "SortQuestion",
    "Option",
    "SortCategory",
    "SortItem",
    "Scenario",
    "Setting",
    "LawStatement",
    "LegalSource",
    "Dimension",
    "Perspective",
    "Node",
    "Choice",
    "Ending",
)


@cache
def _defs() -> dict[str, Any]:
    return json_schema()["$defs"]


def _name(ref: str) -> str:
    return ref.rsplit("/", 1)[-1]


def _what(prop: dict[str, Any]) -> str:
    """What to write, in words, from a property's JSON Schema."""
    if "anyOf" in prop:
        kinds = [_what(p) for p in prop["anyOf"] if p.get("type") != "null"]
        return kinds[0] if len(kinds) == 1 else ", ".join(kinds[:-1]) + " or " + kinds[-1]
    if "const" in prop:
        return f"`{prop['const']}`"
    if "enum" in prop:
        return ", ".join(f"`{v}`" for v in prop["enum"])
    if "$ref" in prop:
        return f"*{_name(prop['$ref'])}* (its own table)"
    if "oneOf" in prop:
        kinds = [f"*{_name(p['$ref'])}*" for p in prop["oneOf"]]
        return ", ".join(kinds[:-1]) + " or " + kinds[-1] + " (their own tables)"
    kind = prop.get("type")
    if kind == "string":
        return (
            ID_WORDS
            if prop.get("pattern") == ID_PATTERN
            else ("a label of letters, digits, `-` and `_`" if "pattern" in prop else "text")
        )
    if kind == "integer":
        low, high = prop.get("minimum"), prop.get("maximum")
        return (
            f"a whole number from {low} to {high}"
            if low is not None and high is not None
            else "a whole number"
        )
    if kind == "boolean":
        return "`true` or `false`"
    if kind == "array":
        least = prop.get("minItems")
        items = _what(prop.get("items", {}))
        return f"a list, each {items}" + (f"; at least {least}" if least else "")
    if kind == "object":
        values = list(prop.get("patternProperties", {}).values()) or [prop.get("additionalProperties")]
        value = values[0]
        return f"`id: ...` lines, each with {_what(value)}" if isinstance(value, dict) else "a mapping"
    return "see the example"


def field_rows(model: str) -> list[tuple[str, str, str, str]]:
    """(field, what it is for, required?, what to write) for each field of ``model``."""
    schema = _defs()[model]
    required = set(schema.get("required", []))
    rows = []
    for field, prop in schema["properties"].items():
        if field in required:
            need = "yes"
        elif prop.get("default") not in (None, [], {}):
            default = prop["default"]
            need = f"no (default `{str(default).lower() if isinstance(default, bool) else default}`)"
        else:
            need = "no"
        rows.append((f"`{field}`", prop.get("description", ""), need, _what(prop)))
    return rows


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def field_table(model: str) -> list[str]:
    """A Markdown table of ``model``'s fields."""
    lines = ["| Field | What it is for | Required? | What to write |", "|---|---|---|---|"]
    lines += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in field_rows(model)]
    return lines
