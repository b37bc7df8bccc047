"""The course's colours come from one file, tokens.css, and every stylesheet uses only colours it defines."""

from __future__ import annotations

import re

from conftest import ROOT

STATIC = ROOT / "coprod" / "static"
USED = re.compile(r"var\(\s*(--coprod-[a-z0-9-]+)")
SET = re.compile(r"(--coprod-[a-z0-9-]+)\s*:")


def test_every_colour_a_stylesheet_uses_is_defined_in_tokens():
    defined = set(SET.findall((STATIC / "tokens.css").read_text(encoding="utf-8")))
    for sheet in sorted(STATIC.glob("*.css")):
        used = set(USED.findall(sheet.read_text(encoding="utf-8")))
        assert used <= defined, (
            f"{sheet.name} uses {sorted(used - defined)}, which tokens.css does not define"
        )


def test_the_light_and_dark_palettes_are_set_only_in_tokens():
    # a stylesheet may override a token for one view that is always light (the projector) or for print,
    # but the element and record roots no longer carry their own copies of the palette
    for name in ("coprod.css", "record.css", "store.css"):
        text = (STATIC / name).read_text(encoding="utf-8")
        assert not re.search(r"^\.coprod-(el|record) \{[^}]*--coprod-[a-z-]+\s*:", text, re.M), (
            f"{name} copies the palette"
        )
        assert (
            'html[data-theme="dark"] .coprod-el {' not in text
            and 'html[data-theme="dark"] .coprod-record {' not in text
        )


def test_the_live_widget_carries_the_tokens():
    from coprod.widget import CourseElement

    css = str(CourseElement._css)
    assert css.index("--coprod-accent:") < css.index(".coprod-el {")
