"""The Sphinx extension, in process on tiny fixture books (sphinx.testing), one concern at a time."""

from __future__ import annotations

from io import StringIO
from pathlib import Path

import pytest
from sphinx.testing.util import SphinxTestApp

CONF = 'extensions = ["myst_parser", "coprod.sphinx"]\nhtml_theme = "basic"\n'


def _book(tmp_path: Path, pages: dict[str, str], yml: dict[str, str] | None = None) -> Path:
    src = tmp_path / "src"
    (src / "book").mkdir(parents=True)
    (src / "_config.yml").write_text("title: fixture\n")  # marks the content root
    (src / "conf.py").write_text(CONF)
    for name, text in pages.items():
        (src / name).write_text(text)
    for name, text in (yml or {}).items():
        (src / "book" / name).write_text(text)
    return src


def _build(src: Path, **overrides) -> tuple[SphinxTestApp, str]:
    warnings = StringIO()
    app = SphinxTestApp("html", srcdir=src, warning=warnings, confoverrides=overrides)
    try:
        app.build()
    finally:
        app.cleanup()
    return app, warnings.getvalue()


INDEX = """# Home

```{toctree}
other
```

```{raw} html
<a class="see" href="coprod-ref:far-section">read on</a> <a class="bad" href="coprod-ref:nowhere">lost</a>
```
"""
OTHER = "# Other\n\n(far-section)=\n## Far section\n\nText.\n"


def test_content_links_resolve_to_the_labelled_section_and_unknown_labels_warn(tmp_path: Path):
    app, warnings = _build(_book(tmp_path, {"index.md": INDEX, "other.md": OTHER}))
    html = (Path(app.outdir) / "index.html").read_text()
    assert '<a class="see" href="other.html#far-section">' in html
    assert '<a class="bad" href="#">' in html
    assert "content links to unknown section label 'nowhere'" in warnings


def test_a_broken_content_file_is_a_warning_at_its_file_and_line(tmp_path: Path):
    broken = "kind: reflection\nid: r1\nmodule: index\ntitle: T\nstage: feeling\nprompt: P\nguidance: G\n"
    _app, warnings = _build(_book(tmp_path, {"index.md": "# Home\n"}, {"r1.yml": broken}))
    assert "r1.yml:5: WARNING: stage: 'feeling' is not allowed" in warnings


def test_engine_files_are_added_only_to_pages_that_show_an_element(tmp_path: Path):
    element = '```{raw} html\n<div class="coprod-el"></div>\n```\n'
    pages = {"index.md": "# Home\n\n```{toctree}\nother\n```\n", "other.md": "# Other\n\n" + element}
    app, _warnings = _build(_book(tmp_path, pages))
    assert "coprod/coprod-page.js" in (Path(app.outdir) / "other.html").read_text()
    assert "coprod/coprod" not in (Path(app.outdir) / "index.html").read_text()
    assert (
        "coprod/layout.css" in (Path(app.outdir) / "index.html").read_text()
    )  # phone layout fixes go everywhere
    assert (Path(app.outdir) / "_static" / "coprod" / "coprod.js").exists()


@pytest.mark.skipif(
    not (Path(__file__).parents[1] / "node_modules" / "docx").is_dir(), reason="needs 'npm ci'"
)
def test_the_word_library_is_served_from_the_site_with_its_licence(tmp_path: Path):
    app, _warnings = _build(_book(tmp_path, {"index.md": "# Home\n"}))
    vendor = Path(app.outdir) / "_static" / "coprod" / "vendor"
    library = (vendor / "docx.mjs").read_text(encoding="utf-8")
    assert "Packer" in library and "\nimport " not in library  # self-contained: no bare imports to resolve
    licence = (vendor / "docx.mjs.LICENSE.txt").read_text(encoding="utf-8")
    assert "npm package docx 9." in licence and "MIT License" in licence


@pytest.mark.parametrize("learner", [False, True])
def test_the_learner_edition_leaves_out_facilitator_notes(tmp_path: Path, learner: bool):
    page = (
        "# Home\n\nFor everyone.\n\n```{note}\n:class: coprod-facilitator\nFor the facilitator only.\n```\n"
    )
    app, _warnings = _build(_book(tmp_path, {"index.md": page}), coprod_learner_build=learner)
    html = (Path(app.outdir) / "index.html").read_text()
    assert "For everyone." in html
    assert ("For the facilitator only." in html) is not learner


def test_the_author_guide_lists_each_field_from_the_schema(tmp_path: Path):
    page = "# Guide\n\n```{coprod-fields} Choice\n```\n\n```{coprod-fields} Nonsense\n```\n"
    app, warnings = _build(_book(tmp_path, {"index.md": page}))
    html = (Path(app.outdir) / "index.html").read_text()
    assert "<table" in html and "<code" in html
    # a field's row carries its docstring from the schema and what to write
    assert "the id of the node or ending it leads to" in html
    assert "a whole number from -2 to 2" in html
    assert "no content model 'Nonsense'" in warnings


def test_pages_showing_an_element_are_read_again_when_the_rendering_code_changes(tmp_path: Path, monkeypatch):
    from coprod.sphinx import content

    reflection = (
        "kind: reflection\nid: r1\nmodule: index\ntitle: T\nstage: feelings\nprompt: P\nguidance: G\n"
    )
    page = '# Home\n\n```{toctree}\nother\n```\n\n```python\nshow("r1")\n```\n'
    src = _book(tmp_path, {"index.md": page, "other.md": "# Other\n"}, {"r1.yml": reflection})

    def read_pages() -> list[str]:
        app = SphinxTestApp("html", srcdir=src, warning=StringIO())
        read: list[str] = []
        app.connect("source-read", lambda _app, docname, _source: read.append(docname))
        try:
            app.build()
        finally:
            app.cleanup()
        return sorted(read)

    assert read_pages() == ["index", "other"]
    assert read_pages() == []  # nothing changed
    monkeypatch.setattr(content, "_render_code", lambda: b"a new renderer")
    assert read_pages() == ["index"]  # only the page that shows an element
