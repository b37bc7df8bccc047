"""Sphinx extension: wires the engine into the book build.

``setup()`` only registers. The handlers live in one module per concern:
:mod:`.content` (checking and cache stamps), :mod:`.assets` (the engine's
files on the pages that use them), :mod:`.links` (``coprod-ref:`` links),
:mod:`.law` (law notes and the list of sources), :mod:`.fields` (the author guide's field reference), :mod:`.learner` (the learner edition) and :mod:`.theme` (fixes to the stock
theme).
"""

from __future__ import annotations

from sphinx.application import Sphinx

from .assets import add_page_assets, copy_assets, drop_widget_state
from .content import check_content, merge_element_pages, rerun_on_new_render_code, stamp_calls
from .fields import FieldTable
from .law import LawNote, LawSources, report_stale_sources
from .learner import DropForLearners, configure_learner_build
from .links import ResolveContentLinks
from .theme import (
    add_meta_description,
    add_templates,
    defer_head_scripts,
    defer_sphinx_options,
    fix_citation_roles,
    inline_critical_css,
    purge_theme_css,
    subset_icon_fonts,
)

__all__ = ["setup"]


def setup(app: Sphinx) -> dict:
    app.add_config_value("coprod_learner_build", False, "env")
    app.add_transform(DropForLearners)
    app.add_post_transform(ResolveContentLinks)
    app.add_directive("law-note", LawNote)
    app.add_directive("law-sources", LawSources)
    app.add_directive("coprod-fields", FieldTable)
    # events in the order Sphinx fires them
    app.connect("config-inited", add_templates)
    app.connect("config-inited", configure_learner_build)
    app.connect("builder-inited", check_content)
    app.connect("builder-inited", report_stale_sources)
    app.connect("builder-inited", copy_assets)
    app.connect("env-get-outdated", rerun_on_new_render_code)
    app.connect("source-read", stamp_calls)
    app.connect("env-merge-info", merge_element_pages)
    app.connect("doctree-read", drop_widget_state)
    app.connect("html-page-context", defer_head_scripts)
    app.connect("html-page-context", defer_sphinx_options, priority=900)
    app.connect("html-page-context", add_page_assets)
    app.connect("html-page-context", fix_citation_roles)
    app.connect("html-page-context", add_meta_description)
    app.connect("build-finished", purge_theme_css)
    # after PurgeCSS (a later priority runs later): the icon fonts keep the glyphs the trimmed sheets use
    app.connect("build-finished", subset_icon_fonts, priority=550)
    app.connect("build-finished", inline_critical_css, priority=600)
    # links between the full and learner editions; "Run in your browser" on the exercise pages
    from . import editions, lite

    editions.setup(app)
    lite.setup(app)
    return {"version": "0.2", "parallel_read_safe": True, "parallel_write_safe": True}
