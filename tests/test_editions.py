"""Each page of the two editions served side by side links to the same page in the other edition."""

from __future__ import annotations

import posixpath
import re
from types import SimpleNamespace

import pytest

from coprod.sphinx import editions


def link_for(pagename: str, learner: bool, on: bool = True) -> str | None:
    app = SimpleNamespace(
        builder=SimpleNamespace(format="html"),
        config=SimpleNamespace(coprod_edition_links=on, coprod_learner_build=learner),
    )
    context = {"body": "<h1>Page</h1>"}
    editions._link(app, pagename, "page.html", context, None)
    match = re.search(r'<p class="coprod-edition">.*?href="([^"]+)"', context["body"])
    return match.group(1) if match else None


@pytest.mark.parametrize(
    "pagename", ["index", "book/intro", "book/modules/m1-promise", "book/workshop/printables/surgery"]
)
def test_counterpart_links_resolve_in_the_published_layout(pagename, monkeypatch):
    monkeypatch.delenv("COPROD_LEARNER_BUILD", raising=False)
    # full edition at the root, learner edition under learner/
    full_page = f"{pagename}.html"
    to_learner = posixpath.normpath(
        posixpath.join(posixpath.dirname(full_page), link_for(pagename, learner=False))
    )
    assert to_learner == f"learner/{pagename}.html"
    learner_page = f"learner/{pagename}.html"
    to_full = posixpath.normpath(
        posixpath.join(posixpath.dirname(learner_page), link_for(pagename, learner=True))
    )
    assert to_full == full_page


def test_no_link_unless_the_editions_are_published_together(monkeypatch):
    monkeypatch.delenv("COPROD_LEARNER_BUILD", raising=False)
    assert link_for("book/intro", learner=False, on=False) is None
