"""A link on every page to the same page in the other edition (full or learner).

On only when the two editions are published side by side (``coprod_edition_links``
or ``COPROD_EDITION_LINKS=1``, as ``tools/serve.sh`` builds them): the full
edition at the site's root and the learner edition under ``learner/``.
"""

from __future__ import annotations

import os

from sphinx.application import Sphinx

__all__ = ["setup", "LEARNER_FOLDER"]

#: where the learner edition sits under the full edition's root
LEARNER_FOLDER = "learner"


def _on(config) -> bool:
    return bool(config.coprod_edition_links)


def _read_environment(app: Sphinx, config) -> None:
    # through the config value, so that switching the links on or off rewrites every page
    if os.environ.get("COPROD_EDITION_LINKS") == "1":
        config.coprod_edition_links = True


def _link(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    if app.builder.format != "html" or "body" not in context or not _on(app.config):
        return
    up = "../" * pagename.count("/")
    learner = bool(app.config.coprod_learner_build) or os.environ.get("COPROD_LEARNER_BUILD") == "1"
    if learner:
        note = (
            "Learner edition. Facilitators and markers: the "
            f'<a href="{up}../{pagename}.html">full edition of this page</a> adds facilitator notes, model answers and solutions.'
        )
    else:
        note = (
            "Full edition, for facilitators and markers: it includes facilitator notes, model answers and solutions. "
            f'Give learners the <a href="{up}{LEARNER_FOLDER}/{pagename}.html">learner edition of this page</a>.'
        )
    context["body"] = f'<p class="coprod-edition">{note}</p>\n' + context["body"]


def setup(app: Sphinx) -> None:
    app.add_config_value("coprod_edition_links", False, "html")
    app.connect("config-inited", _read_environment)
    app.connect("html-page-context", _link)
