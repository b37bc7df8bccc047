"""Statements of law: every one has a dated source, the scenarios teach the law of December 2026, the law page lists it all."""

from __future__ import annotations

import datetime
import re
import subprocess
import sys
from pathlib import Path

import pytest

from coprod import enumerate_paths, load_file
from coprod.content.graph import reachable
from coprod.content.law import law_sources, law_warnings
from coprod.render.law import law_note_html, law_page_html

ROOT = Path(__file__).resolve().parents[1]
SCENARIOS = ROOT / "book" / "scenarios"
ALL = ["surgery", "dementia-care", "policing", "emergency"]
BUILD_DAY = datetime.date(2026, 12, 5)


def scenario(name: str):
    loaded, problems = load_file(SCENARIOS / f"{name}.yml")
    assert problems == [], [str(p) for p in problems]
    return loaded.element


def start_of(s, perspective: str) -> str:
    return next(p.start for p in s.perspectives if p.id == perspective)


def choices_citing(s, nodes, url_part: str):
    """(node id, choice) pairs among ``nodes`` whose coaching cites a source at an address containing ``url_part``."""
    return [
        (node_id, c)
        for node_id in nodes
        if node_id in s.nodes
        for c in s.nodes[node_id].choices
        if any(url_part in s.sources[i].url for i in c.law)
    ]


def test_deprivation_of_liberty_decision_is_reachable_from_the_managers_start():
    s = scenario("dementia-care")
    seen = reachable(s, [start_of(s, "manager")])
    decisions = [
        n
        for n in seen
        if n in s.nodes and "deprivation of" in s.nodes[n].text and "liberty" in s.nodes[n].text
    ]
    assert decisions, "no scene reachable by the manager asks about deprivation of liberty"
    node = s.nodes[decisions[0]]
    cited = {s.sources[i].url for c in node.choices for i in c.law}
    # taught as the law stands after [2026] UKSC 16, with s.4A and Schedule A1
    assert any("uksc-2025-0042" in u for u in cited)
    assert any(u.endswith("/section/4A") for u in cited)
    assert any("schedule/A1" in u for u in cited)
    assert len(node.choices) >= 2


def test_every_managers_path_meets_the_deprivation_of_liberty_decision_and_every_ending_says_how_it_was_answered():
    s = scenario("dementia-care")
    paths = enumerate_paths(s, "manager")
    assert paths
    missed = [path.ending for path in paths if "p-dol" not in {step.node for step in path.steps}]
    assert missed == [], (
        f"manager's paths that never meet the deprivation of liberty decision end in {missed}"
    )
    for ending in {path.ending for path in paths}:
        assert "How was deprivation of liberty answered?" in s.endings[ending].text, ending
    # the decision is framed on the authorisation Gloria already has (Cheshire West applied when she moved in)
    dol = s.nodes["p-dol"]
    for must in ("standard authorisation", "condition", "representative", "Cheshire West"):
        assert must in dol.text, must
    cited = {i for c in dol.choices for i in c.law}
    assert {"mca-s39d", "mca-s21a", "mca-sch-a1-p107"} <= cited


def test_urgent_authorisation_is_stated_with_its_limits():
    s = scenario("dementia-care")
    note = " ".join(" ".join(st.text.split()) for st in s.setting.law_note)
    for must in (
        "at most seven days (paragraph 78(2)",
        "(paragraph 77)",
        "(paragraph 84)",
        "up to seven more days",
    ):
        assert must in note, must


def test_contentment_and_consent_agree_between_the_discussion_and_the_law_note():
    s = scenario("dementia-care")
    note = " ".join(" ".join(st.text.split()) for st in s.setting.law_note)
    assert "the person's compliance or lack of objection" in note  # Cheshire West, before June 2026
    assert "relies on commentary" in note and "could not read the judgment" in note
    question = " ".join(s.nodes["p-dol"].discussion)
    assert "positive" in question and "contentment" in question
    assert "positive indication of contentment" in note


def test_attorney_ending_says_an_attorney_cannot_authorise_a_deprivation_of_liberty():
    s = scenario("dementia-care")
    ending = s.endings["e-attorney"]
    assert "attorney cannot do is authorise a deprivation of liberty" in ending.text
    assert any(s.sources[i].url.endswith("/section/4A") for i in ending.law)


def test_denise_can_ask_for_support_for_herself():
    s = scenario("dementia-care")
    seen = reachable(s, [start_of(s, "daughter")])
    found = choices_citing(s, seen, "ukpga/2014/23/section/10")
    assert found, "no choice on Denise's paths cites the Care Act 2014 carer's assessment"
    assert any("carer's assessment" in c.label + c.consequence + c.feedback for _, c in found)


def test_the_home_gets_something_wrong_and_puts_it_right_on_denises_path():
    s = scenario("dementia-care")
    seen = reachable(s, [start_of(s, "daughter")])
    assert any("our mistake" in s.nodes[n].text for n in seen if n in s.nodes)


def test_partnership_decision_is_reachable_from_the_sergeants_start_with_what_each_agency_did():
    s = scenario("policing")
    seen = reachable(s, [start_of(s, "sergeant")])
    found = choices_citing(s, seen, "ukpga/2014/12/section/43")
    assert found, "no partnership decision reachable from the sergeant's start cites the ASB Act 2014"
    node_id, _ = found[0]
    report = " ".join(c.consequence for c in s.nodes[node_id].choices)
    for agency in ("Priya", "Eastfield Homes", "Carol", "section 59"):
        assert agency in report, f"the report-back does not say what {agency} did"


def test_policing_law_note_states_accountability_as_it_is_now():
    s = scenario("policing")
    note = " ".join(st.text for st in s.setting.law_note)
    for must in (
        "Mayor's Office for Policing and Crime",
        "City of London",
        "13 November 2025",
        "no Act passed",
    ):
        assert must in " ".join(note.split()), must


@pytest.mark.parametrize("name", ALL)
def test_every_statement_of_law_has_a_dated_source(name):
    s = scenario(name)
    assert s.setting.law_note, f"{name} has no law note"
    for statement in s.setting.law_note:
        assert statement.sources, statement.text[:60]
    for source_id, source in s.sources.items():
        assert re.fullmatch(r"\d{4}-(0[1-9]|1[0-2])(-\d{2})?", str(source.checked)), (
            source_id,
            source.checked,
        )
        assert source.url.startswith("https://")


@pytest.mark.parametrize("name", ["dementia-care", "policing"])
def test_no_coaching_cites_law_without_a_source(name):
    unsourced = [m for _, m in law_warnings(scenario(name), BUILD_DAY) if "names no source" in m]
    assert unsourced == []


def test_a_source_checked_over_a_year_ago_is_a_warning_not_a_problem(tmp_path):
    text = (SCENARIOS.parent.parent / "tests" / "broken" / "law-source-bad-date.yml").read_text()
    text = text.replace("checked: Dec 2026", "checked: 2025-10").split("\n", 1)[1]
    path = tmp_path / "old.yml"
    path.write_text(text)
    loaded, problems = load_file(path)
    assert problems == []
    assert law_warnings(loaded.element, datetime.date(2026, 10, 1)) == []
    stale = law_warnings(loaded.element, datetime.date(2026, 11, 1))
    assert [loc for loc, _ in stale] == [("sources", "mca-s4a", "checked")]
    assert "13 months" in stale[0][1]
    result = subprocess.run(
        [sys.executable, "-m", "coprod", "check", str(path)], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout
    assert "old.yml:28: sources.mca-s4a.checked: warning:" in result.stderr


def test_law_page_lists_every_source_with_its_date_and_flags_old_ones():
    scenarios = [scenario(n) for n in ALL]
    html = law_page_html(scenarios, BUILD_DAY)
    for s in scenarios:
        for source in s.sources.values():
            assert source.url.replace("&", "&amp;") in html, source.url
            assert f"checked {source.checked}" in html
    assert "read it again" not in html
    later = law_page_html(scenarios, datetime.date(2028, 1, 5))
    assert later.count("read it again before relying on it") == sum(
        len(u) for u in law_sources(scenarios).values()
    )
    assert "<h2>England and Wales</h2>" in html and "<h2>United Kingdom</h2>" in html


def test_law_page_gives_each_statement_in_full_once_and_links_to_it_from_its_other_sources():
    from html import escape

    scenarios = [scenario(n) for n in ALL]
    html = law_page_html(scenarios, BUILD_DAY)
    many = [
        (s, st)
        for s in scenarios
        for st in s.setting.law_note or []
        if len({s.sources[i].url for i in st.sources if i in s.sources}) > 1
    ]
    assert many, "some statement rests on several sources"
    for _s, st in many:
        assert html.count(escape(st.text)) == 1, st.text[:60]
    for target in re.findall(r'<a href="#(coprod-law-statement-\d+)">given in full above</a>', html):
        assert f'id="{target}"' in html


def test_law_note_links_to_the_law_page():
    html = law_note_html(scenario("dementia-care"), BUILD_DAY)
    assert 'href="coprod-ref:law-and-guidance"' in html
    assert "[2026] UKSC 16" in html and "checked 2026-12" in html


def test_built_law_page_lists_every_source():
    page = ROOT / "_build" / "html" / "book" / "reference" / "law.html"
    if not page.exists():
        pytest.skip("build the book first (jupyter-book build .)")
    html = page.read_text(encoding="utf-8")
    for name in ALL:
        for source in scenario(name).sources.values():
            assert source.url.replace("&", "&amp;") in html, source.url
    dementia = (ROOT / "_build" / "html" / "book" / "scenarios" / "dementia-care.html").read_text(
        encoding="utf-8"
    )
    assert (
        'href="../reference/law.html#law-and-guidance"' in dementia
        or 'href="../reference/law.html"' in dementia
    )


# --- policing: the law a sergeant and a council officer would check (issue 13, cold-read fixes) ---


def test_policing_time_sensitive_statements_say_as_at_which_source_and_when_checked():
    s = scenario("policing")
    note = " ".join(" ".join(st.text.split()) for st in s.setting.law_note)
    assert "As at 16 May 2025" in note  # the mayors with commissioner functions, from the written answer
    assert "as at 28 January 2026" in note  # the latest source on abolition
    assert "checked 2026-12-05" in note
    # each of those statements cites only the source it is dated to
    dated = {st.sources[0]: st.text for st in s.setting.law_note if len(st.sources) == 1}
    assert "16 May 2025" in s.sources["mayors-pcc"].title and "16 May 2025" in dated["mayors-pcc"]
    assert "2026-01-28" in s.sources["lords-2026-01-28"].url


def test_policing_secondary_sources_are_named_as_secondary():
    s = scenario("policing")
    for source_id, source in s.sources.items():
        if "parallelparliament" in source.url or "wiltshire.police.uk" in source.url:
            assert "secondary" in source.title, source_id
    # the Code of Ethics is cited from the College's own page, not only a force's summary
    assert any(
        src.url.startswith("https://www.college.police.uk/ethics/code-of-ethics")
        for src in s.sources.values()
    )


def test_community_protection_notice_is_taught_with_its_age_and_warning_limits():
    s = scenario("policing")
    note = " ".join(" ".join(st.text.split()) for st in s.setting.law_note if "asb-s43" in st.sources)
    assert "aged 16 or over" in note and "written warning" in note
    partner = s.nodes["s-partner"]
    plan = partner.choices[0]
    text = " ".join((plan.consequence + " " + plan.feedback).split())
    assert "cannot be given to anyone under 16" in text
    assert "only to someone aged 16 or over" in text
    # the riders who are 15 are not the ones given a notice
    assert "Dean a community protection notice" in text and "Dean, who is 18" in partner.text


def test_pcso_powers_depend_on_designation_and_the_road_seizure_power_is_named():
    s = scenario("policing")
    note = " ".join(" ".join(st.text.split()) for st in s.setting.law_note)
    assert "only if the chief officer has designated them" in note
    assert any(src.url.endswith("ukpga/1988/52/section/165A") for src in s.sources.values())
    assert "rta-s165a" in s.nodes["s-partner"].choices[0].law


def test_residents_who_disagree_are_pointed_to_a_complaint_not_to_the_panel():
    s = scenario("policing")
    choice = next(c for c in s.nodes["s-5"].choices if c.next == "e-override")
    assert "police and crime panel" not in choice.label
    assert "complaint to the force" in choice.label
    assert {"iopc-reviews", "complaints-regs-32"} <= set(choice.law)
    assert "iopc-reviews" in s.endings["e-override"].law


def test_sergeant_does_more_than_refer_the_grey_car_report():
    s = scenario("policing")
    scene = " ".join(s.nodes["s-4"].text.split())
    for duty in ("intelligence report", "briefed", "not the only girl"):
        assert duty in scene, duty


def test_law_page_and_module_3_date_the_abolition_of_commissioners():
    intro = (ROOT / "book" / "reference" / "law.md").read_text()
    assert "13 November 2025" in intro and "set out to abolish" not in intro
    m3 = " ".join((ROOT / "book" / "modules" / "m3-one-size.md").read_text().split())
    para = m3[m3.index("Policing shows another.") :][:1800]
    for must in (
        "Mayor's Office for Policing and Crime",
        "City of London",
        "13 November 2025",
        "28 January 2026",
    ):
        assert must in para, must


def test_a_source_can_be_dated_to_the_day_and_an_impossible_day_is_refused(tmp_path):
    text = (ROOT / "tests" / "broken" / "law-source-bad-date.yml").read_text().split("\n", 1)[1]
    for checked, ok in (('"2026-12-05"', True), ("2026-12-05", True), ('"2026-02-30"', False)):
        path = tmp_path / "dated.yml"
        path.write_text(text.replace("checked: Dec 2026", f"checked: {checked}"))
        loaded, problems = load_file(path)
        assert (problems == []) is ok, (checked, [str(p) for p in problems])
        if ok:
            assert "checked 2026-12-05" in law_page_html([loaded.element], BUILD_DAY)
            assert law_warnings(loaded.element, datetime.date(2027, 12, 31)) == []
            assert law_warnings(loaded.element, datetime.date(2028, 1, 1))  # 13 months on


def test_denise_learns_what_a_representative_is_for_and_can_step_back():
    s = scenario("dementia-care")
    seen = reachable(s, [start_of(s, "daughter")])
    found = choices_citing(s, seen, "DH_085476")  # the DoLS Code of Practice, paragraph 7.2
    assert len(found) >= 2, "Denise's paths never meet the representative's role"
    labels = " ".join(c.label for _, c in found)
    assert "representative" in labels and "someone else" in labels


def test_vehicle_seizure_is_taught_as_amended_in_2026_without_a_warning_first():
    """Section 59(4) and (5) (the warning before seizure) were repealed from 29 June 2026: the
    scenario must not teach the old rule, and says where the change comes from."""
    s = scenario("policing")
    note = [" ".join(st.text.split()) for st in s.setting.law_note]
    s59 = [t for t in note if "Section 59 of the Police Reform Act 2002" in t]
    assert s59 and all("must normally warn" not in t for t in s59)
    change = [st for st in s.setting.law_note if "cpa-2026-circular" in st.sources]
    assert change and "29 June 2026" in change[0].text and "no warning" in change[0].text
    assert s.sources["cpa-2026-circular"].url.startswith("https://www.gov.uk/")
    plan = s.nodes["s-partner"].choices[0]
    coaching = " ".join(plan.feedback.split())
    assert "usually after a warning" not in coaching and "need not warn" in coaching
    assert "cpa-2026-circular" in plan.law


def test_ron_can_be_told_about_the_anti_social_behaviour_case_review():
    s = scenario("policing")
    review = [st for st in s.setting.law_note if "asb-case-review" in st.sources]
    assert review and "locally set threshold" in " ".join(review[0].text.split())
    hand_on = s.nodes["s-partner"].choices[2]
    assert "case review" in hand_on.feedback and "asb-case-review" in hand_on.law


def test_capacity_decision_starts_from_short_retention_and_foreseeable_consequences():
    """Cold read F1: s.3(3) and s.3(4) are stated where the manager records Gloria's capacity."""
    s = scenario("dementia-care")
    note = " ".join(" ".join(st.text.split()) for st in s.setting.law_note)
    assert "(s.3(3))" in note and "(s.3(4))" in note
    for c in s.nodes["p-3"].choices[:2]:  # has capacity; lacks capacity
        assert any(s.sources[i].url.endswith("/section/3") for i in c.law), c.label
        assert "short period only" in " ".join(c.feedback.split()), c.label
    assert "reasonably foreseeable consequences" in " ".join(s.nodes["p-2"].text.split())


def test_every_managers_path_meets_the_checks_after_saturday_and_they_name_who_must_be_told():
    """Cold read F2 and F7: the police were called, and every manager's path, the 'Agree' one
    included, passes the checks, whose careful choice notifies CQC under reg 18(2)(f)."""
    s = scenario("dementia-care")
    assert "rang the police" in s.nodes["p-1"].text
    paths = enumerate_paths(s, "manager")
    missed = [p.ending for p in paths if "p-checks" not in {step.node for step in p.steps}]
    assert missed == []
    careful = s.nodes["p-checks"].choices[0]
    urls = {s.sources[i].url for i in careful.law}
    assert any("uksi/2009/3112/regulation/18" in u for u in urls)
    assert any("ukpga/2014/23/section/42" in u for u in urls)
    assert "CQC" in careful.label and "safeguarding" in careful.label


def test_shared_ending_holds_whether_or_not_denise_stepped_down_as_representative():
    """Cold read F3: the ending reached after 'find someone else' must not say she stayed on."""
    s = scenario("dementia-care")
    step_down = next(c for c in s.nodes["c-rpr"].choices if "someone else" in c.label)
    assert "e-shared" in reachable(s, [step_down.next])
    text = " ".join(s.endings["e-shared"].text.split())
    assert "Denise is still her representative" not in text
    assert "paid representative" in text


def test_denise_can_disagree_with_the_capacity_assessment_without_breaking_down():
    """Cold read F9: a lawful, non-hostile route that does not end in e-breakdown."""
    s = scenario("dementia-care")
    routes = [
        c
        for c in s.nodes["c-2"].choices
        if c.next != "e-breakdown" and any(s.sources[i].url.endswith("/section/15") for i in c.law)
    ]
    assert routes, "Denise has no way to contest the assessment except a complaint"
    assert "assessment" in routes[0].label and "advocate" in routes[0].label


def test_a_manager_who_skips_the_checks_is_brought_back_to_them_before_anything_else():
    """Second cold read N1: on the 'take the photocopy on trust' path the GP, CQC's police
    notification and the LPA check all happen before the DoLS question, so later scenes that
    rely on them (the LPA summaries at p-4, a defensible record at e-shared) stay true."""
    s = scenario("dementia-care")
    trust = next(i for i, c in enumerate(s.nodes["p-checks"].choices) if "on trust" in c.label)
    paths = [
        p
        for p in enumerate_paths(s, "manager")
        if any(st.node == "p-checks" and st.choice == trust for st in p.steps)
    ]
    assert paths
    for p in paths:
        order = [st.node for st in p.steps]
        assert "p-catchup" in order and order.index("p-catchup") < order.index("p-dol"), p.ending
    for c in s.nodes["p-catchup"].choices:
        urls = {s.sources[i].url for i in c.law}
        assert any("uksi/2009/3112/regulation/18" in u for u in urls), c.label
        assert "GP" in c.label and "CQC" in c.label and "LPA" in c.label, c.label
        assert "registered and valid" in " ".join(c.consequence.split()), c.label
    assert "access codes Denise sent" in " ".join(s.nodes["p-4"].text.split())


def test_denise_sees_the_capacity_assessment_only_after_gloria_is_asked():
    """Second cold read N2 and N7: Gloria can decide, so the home asks her before sharing her
    assessment; and Denise is not sent to an advocate the course says she may no longer have."""
    s = scenario("dementia-care")
    route = next(c for c in s.nodes["c-2"].choices if "disagree" in c.label)
    text = " ".join(route.consequence.split())
    assert "May she?" in text and text.index("May she?") < text.index("prints it")
    coaching = " ".join(route.feedback.split())
    assert "asked Gloria before sharing it" in coaching
    assert "s.39D" in coaching and any(s.sources[i].url.endswith("/section/39D") for i in route.law)
    assert "if Mum still has one" in route.label


@pytest.mark.parametrize("name", ["dementia-care", "policing"])
def test_a_choices_law_line_names_its_source_and_links_to_its_entry_on_the_same_page(name):
    from coprod.render.html import _scenario_fallback

    s = scenario(name)
    html = _scenario_fallback(s, 2, {})
    choice = next(c for n in s.nodes.values() for c in n.choices if c.law)
    src = choice.law[0]
    target = f"coprod-{name}-law-{src}"
    assert f'<a href="#{target}">' in html
    assert html.count(f'id="{target}"') == 1
    entry = html[html.index(f'id="{target}"') :]
    assert s.sources[src].url.replace("&", "&amp;") in entry.split("</span>")[0]
    for line in re.findall(r'<p class="coprod-law-sources">Law and guidance here: (.*?)</p>', html):
        for href in re.findall(r'href="#([^"]+)"', line):
            assert f'id="{href}"' in html, href
