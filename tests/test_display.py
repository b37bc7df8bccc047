"""Display objects: both renderings from one call, deterministic output, content escaped."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from html import escape
from pathlib import Path

import pytest

from conftest import SCENARIO_IDS
from coprod import CourseElement, load_course, show, show_map, show_reflection, show_scenario

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


def test_a_scenario_page_carries_its_story_once():
    """The long texts are in the readable fallback only; the player's data points at them."""
    course = load_course([ROOT / "book"])
    for sid in SCENARIO_IDS:
        scenario = course.get(sid).element
        html = bundle(show(sid, root=ROOT))["text/html"]
        data = json.loads(re.search(r'class="coprod-data">(.*?)</script>', html).group(1))
        for node_id, node in scenario.nodes.items():
            first = next(p for p in node.text.split("\n\n") if p.strip()).strip()
            assert html.count(escape(first)) == 1, f"{sid}/{node_id}: scene text sent more than once"
            ref = data["nodes"][node_id]["text"]["$t"]
            assert f'<div data-t="{ref}"><p>{escape(first)}</p>' in html
            for i, choice in enumerate(node.choices):
                ref = data["nodes"][node_id]["choices"][i]["feedback"]["$t"]
                assert f'<span data-t="{ref}">{escape(choice.feedback)}</span>' in html
        for ending_id in scenario.endings:
            assert set(data["endings"][ending_id]["text"]) == {"$t"}


def test_the_live_widget_gets_one_module_with_every_import_inlined_once(tmp_path: Path):
    """anywidget loads coprod.js from a blob address, where its relative imports cannot resolve."""
    from coprod.widget import STATIC

    esm = CourseElement._esm
    assert not re.search(r"^\s*import\s", esm, re.M), "a relative import would not resolve in Jupyter"
    inlined = re.findall(r"^// ---- inlined from (\S+)$", esm, re.M)
    assert sorted(inlined) == sorted(set(inlined))
    imported = set(re.findall(r'from "\./([a-z-]+\.js)"', (STATIC / "coprod.js").read_text(encoding="utf-8")))
    assert imported <= set(inlined)
    # one scope holds them all: a name declared twice, or an import the inlining missed, fails to parse
    path = tmp_path / "coprod-widget.mjs"
    path.write_text(esm, encoding="utf-8")
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed")
    result = subprocess.run([node, "--check", str(path)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "export default { render }" in esm
