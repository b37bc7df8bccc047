"""SCORM 1.2 and Common Cartridge packages of the learner edition, and the SCORM run in a real runtime.

The runtime is scorm-again (npm, pinned in package.json), installed as
window.API on a small harness page that frames the chapter, as a learning
platform does. No learning platform (Moodle, Totara, Canvas) runs in these tests.
"""

from __future__ import annotations

import shutil
import zipfile
from xml.etree import ElementTree as ET

import pytest
from playwright.sync_api import expect
from ruamel.yaml import YAML

from browser_helpers import play_path
from conftest import ROOT, PageWatch, run_axe, serve
from coprod import enumerate_paths, load_course
from coprod.packaging.cartridge import build_cartridge
from coprod.packaging.scorm import build_scorm
from coprod.packaging.validate import check_package

RUNTIME = ROOT / "node_modules" / "scorm-again" / "dist" / "scorm12.js"
TOC = ROOT / "_toc.yml"
BASE = "https://learning.example.org/coproduction/learner/"
TITLE = "Co-production in public services"
#: every test here needs the learner edition (conftest's learner_site builds it if missing)
pytestmark = pytest.mark.slow

ALLOWED = {"cmi.core.lesson_status", "cmi.core.session_time", "cmi.core.exit"}


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


@pytest.fixture(scope="module")
def packages(learner_site, tmp_path_factory):
    out = tmp_path_factory.mktemp("packages")
    scorm = build_scorm(learner_site, TOC, out / "course-scorm12.zip", TITLE)
    cc = build_cartridge(
        learner_site, TOC, ROOT / "book" / "instructors" / "assignments.md", out / "course.imscc", TITLE, BASE
    )
    return scorm, cc


def toc_parts():
    data = YAML(typ="safe").load(TOC.read_text(encoding="utf-8"))
    return data["root"], [(p["caption"], [c["file"] for c in p["chapters"]]) for p in data["parts"]]


def test_scorm_manifest_parses_and_every_file_and_chapter_exists(packages, learner_site):
    scorm, _ = packages
    assert check_package(scorm, learner_site) == []


def test_scorm_organisation_mirrors_the_table_of_contents(packages):
    scorm, _ = packages
    manifest = ET.fromstring(zipfile.ZipFile(scorm).read("imsmanifest.xml"))
    org = next(e for e in manifest.iter() if _local(e.tag) == "organization")
    items = [e for e in org if _local(e.tag) == "item"]
    root, parts = toc_parts()
    assert items[0].get("parameters") == f"?sco={root}"
    got = []
    for group in items[1:]:
        caption = next(e.text for e in group if _local(e.tag) == "title")
        got.append(
            (caption, [e.get("parameters").removeprefix("?sco=") for e in group if _local(e.tag) == "item"])
        )
    assert got == parts
    scos = [
        e
        for e in manifest.iter()
        if _local(e.tag) == "resource"
        and e.get("{http://www.adlnet.org/xsd/adlcp_rootv1p2}scormtype") == "sco"
    ]
    assert len(scos) == 1 + sum(len(c) for _, c in parts)
    # one schema version, as platforms read it
    assert [e.text for e in manifest.iter() if _local(e.tag) == "schemaversion"] == ["1.2"]


def test_validation_reports_a_missing_file(packages, learner_site, tmp_path):
    scorm, _ = packages
    broken = tmp_path / "broken.zip"
    with zipfile.ZipFile(scorm) as src, zipfile.ZipFile(broken, "w") as dst:
        for item in src.infolist():
            if item.filename != "book/modules/m1-promise.html":
                dst.writestr(item, src.read(item.filename))
    problems = check_package(broken, learner_site)
    assert any("book/modules/m1-promise.html" in p and "not in the package" in p for p in problems)


def test_scorm_package_makes_no_request_to_another_host(packages):
    scorm, _ = packages
    with zipfile.ZipFile(scorm) as z:
        for name in z.namelist():
            if name.endswith((".html", ".js", ".css")):
                text = z.read(name).decode("utf-8", "ignore")
                for attr in ('src="http', "src='http", 'href="http', "url(http"):
                    if attr.startswith("href"):
                        continue  # ordinary links to read elsewhere are not requests
                    assert attr not in text, f"{name} loads something from another host"


def test_cartridge_has_a_module_per_part_links_to_the_learner_edition_and_the_assignments(
    packages, learner_site
):
    _, cc = packages
    assert check_package(cc, learner_site, BASE) == []
    z = zipfile.ZipFile(cc)
    manifest = ET.fromstring(z.read("imsmanifest.xml"))
    assert [e.text for e in manifest.iter() if _local(e.tag) == "schemaversion"] == ["1.3.0"]
    top = next(e for e in manifest.iter() if _local(e.tag) == "item" and e.get("identifier") == "root")
    modules = [next(t.text for t in m if _local(t.tag) == "title") for m in top if _local(m.tag) == "item"]
    _, parts = toc_parts()
    assert modules == ["Start", *[c for c, _ in parts], "Assignments"]
    types = [r.get("type") for r in manifest.iter() if _local(r.tag) == "resource"]
    assert types.count("imswl_xmlv1p3") == 1 + sum(len(c) for _, c in parts)
    assert types.count("assignment_xmlv1p0") == 5
    m1 = ET.fromstring(z.read("weblinks/book-modules-m1-promise.xml"))
    assert (
        next(e for e in m1.iter() if _local(e.tag) == "url").get("href")
        == BASE + "book/modules/m1-promise.html"
    )
    texts = " ".join(z.read(n).decode() for n in z.namelist() if n.endswith("assignment.xml"))
    assert "A critical reflection on co-production in your service" in texts
    assert (
        "What a strong answer does" not in texts and "strong answer" not in texts
    )  # markers' notes stay out


def test_cartridge_refuses_a_base_address_that_is_not_a_web_address(learner_site, tmp_path):
    with pytest.raises(ValueError, match="published learner edition"):
        build_cartridge(
            learner_site,
            TOC,
            ROOT / "book" / "instructors" / "assignments.md",
            tmp_path / "x.imscc",
            TITLE,
            "learner/",
        )


HARNESS = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Test platform</title>
<script src="scorm12.js"></script>
<script>
  // As a learning platform does: one SCORM API object per launch, holding the
  // learner's stored record for this SCO, and the SCO in a frame.
  const sco = new URLSearchParams(location.search).get("sco");
  const key = "test-lms:" + sco;
  window.calls = [];
  window.API = new Scorm12API({ autocommit: false, logLevel: 5 });
  const stored = localStorage.getItem(key);
  if (stored) window.API.loadFromJSON(JSON.parse(stored));
  API.on("LMSInitialize", () => calls.push(["LMSInitialize"]));
  API.on("LMSSetValue.cmi.*", (el, value) => calls.push(["LMSSetValue", el, String(value)]));
  API.on("LMSCommit", () => calls.push(["LMSCommit"]));
  API.on("LMSFinish", () => {
    calls.push(["LMSFinish"]);
    localStorage.setItem(key, JSON.stringify({ core: { lesson_status: API.cmi.core.lesson_status } }));
  });
  window.closeChapter = () => { document.getElementById("sco").src = "about:blank"; };
</script></head>
<body><main><h1>Test platform</h1>
<iframe id="sco" title="Chapter" style="width:1000px;height:760px"></iframe></main>
<script>document.getElementById("sco").src = "package/" + sco + ".html?sco=" + sco;</script>
</body></html>
"""


@pytest.fixture
def platform(packages, tmp_path):
    scorm, _ = packages
    assert RUNTIME.exists(), "scorm-again is missing: run 'npm ci'"
    with zipfile.ZipFile(scorm) as z:
        z.extractall(tmp_path / "package")
    shutil.copyfile(RUNTIME, tmp_path / "scorm12.js")
    (tmp_path / "harness.html").write_text(HARNESS, encoding="utf-8")
    server = serve(tmp_path)
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


@pytest.mark.browser
def test_a_chapter_reports_completion_and_session_time_to_a_scorm_runtime_and_keeps_writing_local(
    browser, platform
):
    course = load_course([ROOT / "book"])
    s = course.get("surgery").element
    path = min(enumerate_paths(s, s.perspectives[0].id), key=lambda p: p.decisions)
    context = browser.new_context(viewport={"width": 1100, "height": 900})
    page = context.new_page()
    watch = PageWatch(page, platform)
    page.goto(f"{platform}/harness.html?sco=book/scenarios/surgery")
    frame = page.frame_locator("#sco")
    frame.locator("#coprod-surgery .coprod-live").wait_for()
    chapter = page.frame(url=lambda u: "surgery.html" in u)
    page.wait_for_function("calls.some(c => c[0] === 'LMSInitialize')")
    assert page.evaluate("API.LMSGetValue('cmi.core.lesson_status')") == "incomplete"

    # the learner writes a reflection: it must stay in the browser
    secret = "On the ward on Tuesday I felt the patient was not heard"
    box = chapter.locator("textarea").first
    box.fill(secret)
    play_path(chapter, s, path)
    page.wait_for_function("API.LMSGetValue('cmi.core.lesson_status') === 'completed'")
    expect(chapter.locator("#coprod-sco-status")).to_contain_text("recorded as complete", use_inner_text=True)
    assert run_axe(chapter, "#coprod-sco-status") == []

    page.evaluate("closeChapter()")
    page.wait_for_function("calls.some(c => c[0] === 'LMSFinish')")
    calls = page.evaluate("calls")
    names = [c[0] for c in calls]
    assert names[0] == "LMSInitialize" and names[-1] == "LMSFinish"
    sets = [c for c in calls if c[0] == "LMSSetValue"]
    assert {c[1] for c in sets} <= ALLOWED, "the chapter sent something other than status and time"
    assert ["LMSSetValue", "cmi.core.lesson_status", "completed"] in sets
    session = [c[2] for c in sets if c[1] == "cmi.core.session_time"]
    assert len(session) == 1 and session[0].count(":") == 2
    assert not any(secret[:20] in c[2] for c in sets)
    assert int(page.evaluate("API.LMSGetLastError()")) == 0

    # reopen: the platform restores the record, and the chapter does not undo it
    page.goto(f"{platform}/harness.html?sco=book/scenarios/surgery")
    page.wait_for_function("calls.some(c => c[0] === 'LMSInitialize')")
    assert page.evaluate("API.LMSGetValue('cmi.core.lesson_status')") == "completed"
    assert not any(c[0] == "LMSSetValue" and c[1] == "cmi.core.lesson_status" for c in page.evaluate("calls"))
    watch.assert_clean()
    context.close()


@pytest.mark.browser
def test_a_chapter_reached_by_a_link_inside_another_stays_silent(browser, platform):
    context = browser.new_context(viewport={"width": 1100, "height": 900})
    page = context.new_page()
    page.goto(f"{platform}/harness.html?sco=book/modules/m1-promise")
    page.wait_for_function("calls.some(c => c[0] === 'LMSInitialize')")
    # reaching the end of the page completes the chapter
    chapter = page.frame(url=lambda u: "m1-promise.html" in u)
    chapter.locator(".prev-next-area").scroll_into_view_if_needed()
    page.wait_for_function("API.LMSGetValue('cmi.core.lesson_status') === 'completed'")
    # the "next" link opens Module 2 in the same frame: it must not report as Module 1
    chapter.locator(".prev-next-area a.right-next").click()
    page.wait_for_function("calls.some(c => c[0] === 'LMSFinish')")
    page.wait_for_function(
        "document.getElementById('sco').contentWindow.location.pathname.endsWith('m2-rhetoric.html')"
    )
    next_chapter = page.frame(url=lambda u: "m2-rhetoric.html" in u)
    next_chapter.wait_for_load_state("load")
    assert (
        next_chapter.locator('meta[name="coprod-sco"]').get_attribute("content") == "book/modules/m2-rhetoric"
    )
    assert sum(1 for c in page.evaluate("calls") if c[0] == "LMSInitialize") == 1
    context.close()


def test_scorm_pages_carry_no_link_out_of_the_package_to_the_full_edition(packages):
    scorm, _ = packages
    with zipfile.ZipFile(scorm) as z:
        pages = [n for n in z.namelist() if n.endswith(".html")]
        assert not [n for n in pages if 'class="coprod-edition"' in z.read(n).decode("utf-8")]
