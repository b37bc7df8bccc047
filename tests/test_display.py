"""Display objects: both renderings from one call, deterministic output, content escaped."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from coprod import CourseElement, show, show_map, show_reflection, show_scenario

ROOT = Path(__file__).resolve().parents[1]


def bundle(widget: CourseElement) -> dict:
    data, _meta = widget._repr_mimebundle_()
    return data


def test_one_call_gives_the_widget_view_and_the_static_html():
    data = bundle(show("demo-clinic-letter", root=ROOT))
    assert "application/vnd.jupyter.widget-view+json" in data
    assert data["text/html"].startswith(
        '<div class="coprod-el coprod-scenario-el" id="coprod-demo-clinic-letter"'
    )
    assert data["text/plain"] == "<scenario 'demo-clinic-letter': Demo: rewriting the clinic letter>"


def test_output_is_deterministic():
    first = bundle(show("demo-check", root=ROOT))
    second = bundle(show("demo-check", root=ROOT))
    assert first["text/html"] == second["text/html"]
    assert first["text/plain"] == second["text/plain"]
    assert not re.search(r"0x[0-9a-f]{6,}", first["text/plain"] + first["text/html"])


def test_embedded_data_round_trips_and_cannot_close_its_script(tmp_path: Path):
    (tmp_path / "_config.yml").write_text("title: t\n")
    (tmp_path / "book").mkdir()
    (tmp_path / "book" / "m.md").write_text("# The page the prompt belongs to\n")
    (tmp_path / "book" / "r.yml").write_text(
        "kind: reflection\nid: nasty\nmodule: m\ntitle: '</script><script>alert(1)</script>'\n"
        "stage: feelings\nprompt: 'Is <b>this</b> & that escaped?'\nguidance: g\n"
    )
    html = bundle(show("nasty", root=tmp_path))["text/html"]
    assert "</script><script>" not in html
    assert "<b>this</b>" not in html and "Is &lt;b&gt;this&lt;/b&gt; &amp; that escaped?" in html
    data = json.loads(re.search(r'class="coprod-data">(.*?)</script>', html).group(1))
    assert data["title"] == "</script><script>alert(1)</script>"


def test_section_links_carry_the_section_title():
    data = show("demo-clinic-letter", root=ROOT).content
    see = data["nodes"]["start"]["choices"][0]["see"]
    assert see == {"href": "coprod-ref:demo-elements", "title": "A scenario"}


def test_learner_state_is_readable_from_python():
    scenario = show_scenario("demo-clinic-letter", root=ROOT)
    scenario.state = {"perspective": "manager", "path": [["start", 0], ["draft", 1]]}
    assert [(s.node, s.choice) for s in scenario.path] == [("start", 0), ("draft", 1)]
    reflection = show_reflection("demo-reflection", root=ROOT)
    reflection.state = {"text": "What I wrote"}
    assert reflection.text == "What I wrote"


def test_typed_show_refuses_the_wrong_kind():
    with pytest.raises(TypeError, match="'demo-check' is a selfcheck, not a scenario"):
        show_scenario("demo-check", root=ROOT)


def test_unknown_id_lists_the_known_ones():
    with pytest.raises(KeyError, match="no content element with id 'nope'; known ids: .*demo-check"):
        show("nope", root=ROOT)


def test_map_has_a_picture_with_a_title_and_a_text_version():
    html = show_map("demo-clinic-letter", root=ROOT)._repr_mimebundle_()["text/html"]
    assert html.count("<svg") == 2  # one per perspective
    assert '<title id="coprod-map-demo-clinic-letter-manager">Map for The clinic manager: ' in html
    assert "Text version of the map for A patient" in html
    assert "Ask three patients to rewrite it with you → Decision 2" in html
    # each perspective's text version comes before its picture: first on a phone, to a screen
    # reader and in keyboard order, ahead of a map that scrolls sideways
    for part in html.split('<div class="coprod-map-part">')[1:]:
        assert part.index("<summary>Text version of the map") < part.index("<figure")
