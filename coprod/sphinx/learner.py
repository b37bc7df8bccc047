"""The learner edition: the same book without facilitator notes, model answers or solutions.

Turned on by ``COPROD_LEARNER_BUILD=1`` or the ``coprod_learner_build`` setting.
"""

from __future__ import annotations

import os
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms import SphinxTransform

__all__ = ["LEARNER_BUILD_DROPS", "DropForLearners", "configure_learner_build", "is_learner_build"]

#: classes of the blocks the learner edition leaves out (notebook cells tagged
#: coprod-facilitator or coprod-answer carry them as tag_ classes)
LEARNER_BUILD_DROPS = ("coprod-facilitator", "coprod-answer", "tag_coprod-facilitator", "tag_coprod-answer")


def is_learner_build(config) -> bool:
    return bool(config.coprod_learner_build) or os.environ.get("COPROD_LEARNER_BUILD") == "1"


def configure_learner_build(app: Sphinx, config) -> None:
    if not is_learner_build(config):
        return
    config.hide_solutions = True  # sphinx-exercise leaves solutions out
    # the pages' outputs do not change between editions: reuse the main build's cache
    main_cache = Path(app.confdir) / "_build" / ".jupyter_cache"
    if main_cache.is_dir() and not config.nb_execution_cache_path:
        config.nb_execution_cache_path = str(main_cache)


class DropForLearners(SphinxTransform):
    """In the learner edition, remove facilitator notes and model answers, and sections left empty."""

    default_priority = 500

    def apply(self, **kwargs) -> None:
        if not is_learner_build(self.config):
            return
        for node in list(self.document.findall(nodes.Element)):
            if node.parent is not None and set(node.get("classes", [])) & set(LEARNER_BUILD_DROPS):
                node.parent.remove(node)
        for section in list(self.document.findall(nodes.section)):
            if section.parent is not None and all(
                isinstance(c, (nodes.title, nodes.target)) for c in section.children
            ):
                section.parent.remove(section)
