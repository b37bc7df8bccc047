"""``{coprod-fields} <Model>``: a table of a content model's fields, generated from the schema at build time."""

from __future__ import annotations

from docutils import nodes
from sphinx.util.docutils import SphinxDirective

from ..render.fields import MODELS, field_table

__all__ = ["FieldTable"]


class FieldTable(SphinxDirective):
    """The author guide's field reference: one model's fields, what they are for and what to write."""

    required_arguments = 1

    def run(self) -> list[nodes.Node]:
        model = self.arguments[0]
        if model not in MODELS:
            raise self.error(f"coprod-fields: no content model {model!r}; known: {', '.join(MODELS)}")
        return self.parse_text_to_nodes("\n".join(field_table(model)))
