"""``coprod-ref:<label>`` links written by the display objects, resolved to built pages.

Content names a section with ``see: m3-specialist``; the element's HTML (a raw
node in the doctree, from the notebook output) carries ``coprod-ref:m3-specialist``.
A post-transform resolves each against the standard domain's labels, on the
doctree, before any page is written.
"""

from __future__ import annotations

import re

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util import logging

from ..content.labels import REF_PREFIX

__all__ = ["ResolveContentLinks"]

logger = logging.getLogger(__name__)
_REF = re.compile(re.escape(REF_PREFIX) + r"([A-Za-z0-9_-]+)")


class ResolveContentLinks(SphinxPostTransform):
    """Rewrite ``coprod-ref:`` addresses in raw HTML nodes to the section's page and anchor."""

    default_priority = 900
    formats = ("html",)

    def run(self, **kwargs) -> None:
        labels = self.env.get_domain("std").labels  # type: ignore[attr-defined]
        docname = self.env.docname
        for node in list(self.document.findall(nodes.raw)):
            text = node.astext()
            if REF_PREFIX not in text or "html" not in node.get("format", ""):
                continue

            def resolve(match: re.Match, node=node) -> str:
                label = match.group(1).lower()
                if label not in labels:
                    logger.warning(
                        f"content links to unknown section label '{match.group(1)}'",
                        location=node,
                        type="coprod",
                        subtype="ref",
                    )
                    return "#"
                target, anchor, _title = labels[label]
                uri = self.app.builder.get_relative_uri(docname, target)
                return f"{uri}#{anchor}" if anchor else uri

            new = _REF.sub(resolve, text)
            node.replace_self(nodes.raw("", new, format=node["format"]))
