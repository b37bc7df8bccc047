"""A content edit shows in the next build, with execution cached and no cache cleared by hand."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import FIXTURE_BOOK_CONFIG, build_book

pytestmark = pytest.mark.slow


PAGE = """\
---
jupytext:
  text_representation:
    extension: .md
    format_name: myst
kernelspec:
  display_name: Python 3
  language: python
  name: python3
---
# Fixture page

```{code-cell} ipython3
:tags: [remove-input]
from coprod import show
show("fresh-prompt")
```
"""

ELEMENT = """\
kind: reflection
id: fresh-prompt
module: index
title: Fixture
stage: description
prompt: {prompt}
guidance: Write a line.
"""


def test_editing_yaml_shows_in_the_next_build(tmp_path: Path):
    (tmp_path / "_config.yml").write_text(FIXTURE_BOOK_CONFIG)
    (tmp_path / "_toc.yml").write_text("format: jb-book\nroot: book/index\n")
    book = tmp_path / "book"
    book.mkdir()
    (book / "index.md").write_text(PAGE)
    element = book / "fresh.yml"
    element.write_text(ELEMENT.format(prompt="The first version of the prompt"))
    html = tmp_path / "_build" / "html" / "book" / "index.html"

    first = build_book(tmp_path)
    assert first.returncode == 0, first.stdout[-3000:] + first.stderr[-3000:]
    assert "The first version of the prompt" in html.read_text()

    element.write_text(ELEMENT.format(prompt="The second version of the prompt"))
    second = build_book(tmp_path)
    assert second.returncode == 0, second.stdout[-3000:] + second.stderr[-3000:]
    page = html.read_text()
    assert "The second version of the prompt" in page
    assert "The first version of the prompt" not in page

    # and a build with no change re-reads (so re-executes) nothing
    third = build_book(tmp_path)
    assert "0 added, 0 changed, 0 removed" in third.stdout
    assert "The second version of the prompt" in html.read_text()
