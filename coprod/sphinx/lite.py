"""A "Run in your browser" link on each exercise page, to the exercises' JupyterLite site.

On only when the site is published with the JupyterLite build beside it
(``coprod_lite_link`` or ``COPROD_LITE=1``, as ``tools/serve.sh`` builds it).
``tools/lite.py`` builds that site; ``tools/serve.sh`` puts it in the learner
edition's ``lite/`` folder, so it is there when the learner edition is
published on its own, and the full edition links into it.
"""

from __future__ import annotations

import html
import os

from sphinx.application import Sphinx

from .editions import LEARNER_FOLDER

__all__ = ["setup", "LITE_FOLDER", "FIRST_START_SECONDS", "FIRST_START_MEGABYTES", "lite_link"]

#: where the JupyterLite site sits in the learner edition
LITE_FOLDER = "lite"
#: what the first start costs, measured with tools/lite_download.py (README: "Run the exercises in your browser"):
#: 33.0 MB; 21 s on a quiet two-core machine, up to 106 s when it was shared with other work
FIRST_START_SECONDS = "20 to 110"
FIRST_START_MEGABYTES = 33


def _on(config) -> bool:
    return bool(config.coprod_lite_link) or os.environ.get("COPROD_LITE") == "1"


def lite_link(pagename: str, learner: bool) -> str:
    """The paragraph that opens exercise ``pagename`` (e.g. ``exercises/ex1-...``) in the browser."""
    up = "../" * pagename.count("/")
    folder = f"{up}{LITE_FOLDER}" if learner else f"{up}{LEARNER_FOLDER}/{LITE_FOLDER}"
    href = f"{folder}/start.html?path={pagename}.ipynb"
    return (
        f'<p class="coprod-lite"><a class="coprod-lite-link" href="{html.escape(href)}">Run in your browser</a>: '
        "this exercise as a live notebook in this browser tab, with nothing to install and nothing sent "
        f"anywhere. The first start downloads about {FIRST_START_MEGABYTES} MB and takes about "
        f"{FIRST_START_SECONDS} seconds; later starts are quicker.</p>\n"
    )


def _link(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    if app.builder.format != "html" or "body" not in context or not _on(app.config):
        return
    if not pagename.startswith("exercises/ex"):
        return
    learner = bool(app.config.coprod_learner_build) or os.environ.get("COPROD_LEARNER_BUILD") == "1"
    context["body"] = lite_link(pagename, learner) + context["body"]


def setup(app: Sphinx) -> None:
    app.add_config_value("coprod_lite_link", False, "html")
    app.connect("html-page-context", _link)
