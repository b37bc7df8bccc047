"""An IMS Common Cartridge 1.3 for Moodle, Canvas and Blackboard.

A module per part of the book, a web link per chapter to the published learner
edition (its address is a parameter), and the suggested assignments as
assignment items (Common Cartridge 1.3 is the first version with an assignment
type). Markers' notes ("What a strong answer does") are left out.
"""

from __future__ import annotations

import html
import re
import zipfile
from pathlib import Path
from xml.etree import ElementTree as ET

from .toc import read_toc

__all__ = ["build_cartridge", "read_assignments"]

CC = "http://www.imsglobal.org/xsd/imsccv1p3/imscp_v1p1"
LOM = "http://ltsc.ieee.org/xsd/imsccv1p3/LOM/resource"
LOMM = "http://ltsc.ieee.org/xsd/imsccv1p3/LOM/manifest"
WL = "http://www.imsglobal.org/xsd/imsccv1p3/imswl_v1p3"
ASSIGN = "http://www.imsglobal.org/xsd/imscc_extensions/assignment"

# a MyST label is written as an empty span just before its section's heading
_SECTION = re.compile(r'<span id="([^"]+)"></span>\s*<h\d[^>]*>(.*?)<', re.S)
_HEADING = re.compile(r"^\((instructor-assignment-[a-z-]+)\)=\n## (.+)$", re.M)
_ROLE = re.compile(r"\{(ref|term)\}`([^`<]*?)(?:\s*<([^>]+)>)?`")


def _anchors(site: Path) -> dict[str, tuple[str, str]]:
    """Section label -> (page, heading text) across the built site."""
    found: dict[str, tuple[str, str]] = {}
    for page in sorted(site.rglob("*.html")):
        rel = page.relative_to(site).as_posix()
        if rel.startswith("_"):
            continue
        for ident, title in _SECTION.findall(page.read_text(encoding="utf-8")):
            found.setdefault(ident, (rel, " ".join(html.unescape(title).split())))
    return found


def _markdown_to_html(text: str, anchors: dict[str, tuple[str, str]], base_url: str) -> str:
    def role(m: re.Match) -> str:
        kind, label, target = m.group(1), m.group(2).strip(), m.group(3)
        if kind == "term":
            return html.escape(label)
        where = anchors.get(target or label)
        if where is None:
            return html.escape(label)
        page, title = where
        return f'<a href="{html.escape(base_url + page)}#{html.escape(target or label)}">{html.escape(title)}</a>'

    out = []
    for para in [p.strip() for p in text.split("\n\n") if p.strip()]:
        pieces, i = [], 0
        for m in _ROLE.finditer(para):
            pieces.append(html.escape(para[i : m.start()]))
            pieces.append(role(m))
            i = m.end()
        pieces.append(html.escape(para[i:]))
        body = "".join(pieces)
        body = re.sub(r"\*\*(.+?)\*\*", r"<strong>\1</strong>", body)
        body = re.sub(r"(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])", r"<em>\1</em>", body)
        out.append(f"<p>{body}</p>")
    return "\n".join(out)


def read_assignments(source: Path) -> list[tuple[str, str, str]]:
    """(label, title, task text in MyST) for each assignment, without markers' notes."""
    text = source.read_text(encoding="utf-8")
    heads = list(_HEADING.finditer(text))
    result = []
    for n, head in enumerate(heads):
        end = heads[n + 1].start() if n + 1 < len(heads) else len(text)
        body = text[head.end() : end]
        body = body.split("```", 1)[0]  # markers' notes and anything after them stay out
        body = re.split(r"\n\(", body, maxsplit=1)[0]
        result.append((head.group(1), head.group(2).strip(), body.strip()))
    return result


def _xml(root: ET.Element) -> bytes:
    ET.indent(root)
    return ET.tostring(root, encoding="UTF-8", xml_declaration=True)


def build_cartridge(site: Path, toc: Path, assignments: Path, out: Path, title: str, base_url: str) -> Path:
    """Write the cartridge ``out`` (.imscc); chapters link to ``base_url`` + page."""
    if not re.match(r"^https?://", base_url):
        raise ValueError(
            f"--base-url must be the published learner edition's address, starting http:// or https:// (got {base_url!r})"
        )
    base_url = base_url.rstrip("/") + "/"
    site = Path(site)
    root_chapter, parts = read_toc(Path(toc), site)
    anchors = _anchors(site)
    ET.register_namespace("", CC)
    ET.register_namespace("lomm", LOMM)
    m = ET.Element(f"{{{CC}}}manifest", {"identifier": "coprod-course-cc"})
    meta = ET.SubElement(m, f"{{{CC}}}metadata")
    ET.SubElement(meta, f"{{{CC}}}schema").text = "IMS Common Cartridge"
    ET.SubElement(meta, f"{{{CC}}}schemaversion").text = "1.3.0"
    lom = ET.SubElement(meta, f"{{{LOMM}}}lom")
    general = ET.SubElement(lom, f"{{{LOMM}}}general")
    t = ET.SubElement(general, f"{{{LOMM}}}title")
    ET.SubElement(t, f"{{{LOMM}}}string").text = title
    orgs = ET.SubElement(m, f"{{{CC}}}organizations")
    org = ET.SubElement(orgs, f"{{{CC}}}organization", {"identifier": "org", "structure": "rooted-hierarchy"})
    top = ET.SubElement(org, f"{{{CC}}}item", {"identifier": "root"})
    resources = ET.SubElement(m, f"{{{CC}}}resources")
    files: dict[str, bytes] = {}

    def add(parent, ident: str, label: str, rtype: str, path: str, content: bytes) -> None:
        item = ET.SubElement(
            parent, f"{{{CC}}}item", {"identifier": f"i-{ident}", "identifierref": f"r-{ident}"}
        )
        ET.SubElement(item, f"{{{CC}}}title").text = label
        res = ET.SubElement(resources, f"{{{CC}}}resource", {"identifier": f"r-{ident}", "type": rtype})
        ET.SubElement(res, f"{{{CC}}}file", {"href": path})
        files[path] = content

    def weblink(parent, chapter) -> None:
        ET.register_namespace("", WL)
        link = ET.Element(f"{{{WL}}}webLink")
        ET.SubElement(link, f"{{{WL}}}title").text = chapter.title
        ET.SubElement(link, f"{{{WL}}}url", {"href": base_url + chapter.href, "target": "_blank"})
        content = _xml(link)
        ET.register_namespace("", CC)
        add(parent, chapter.ident, chapter.title, "imswl_xmlv1p3", f"weblinks/{chapter.ident}.xml", content)

    groups = [("Start", [root_chapter])] + [(p.caption, p.chapters) for p in parts]
    for n, (caption, chapters) in enumerate(groups, 1):
        module = ET.SubElement(top, f"{{{CC}}}item", {"identifier": f"module-{n}"})
        ET.SubElement(module, f"{{{CC}}}title").text = caption
        for chapter in chapters:
            weblink(module, chapter)
    module = ET.SubElement(top, f"{{{CC}}}item", {"identifier": "module-assignments"})
    ET.SubElement(module, f"{{{CC}}}title").text = "Assignments"
    for label, name, body in read_assignments(Path(assignments)):
        ET.register_namespace("", ASSIGN)
        a = ET.Element(f"{{{ASSIGN}}}assignment", {"identifier": label})
        ET.SubElement(a, f"{{{ASSIGN}}}title").text = name
        ET.SubElement(a, f"{{{ASSIGN}}}text", {"texttype": "text/html"}).text = _markdown_to_html(
            body, anchors, base_url
        )
        ET.SubElement(a, f"{{{ASSIGN}}}gradable").text = "true"
        formats = ET.SubElement(a, f"{{{ASSIGN}}}submission_formats")
        ET.SubElement(formats, f"{{{ASSIGN}}}format", {"type": "file"})
        content = _xml(a)
        ET.register_namespace("", CC)
        add(module, label, name, "assignment_xmlv1p0", f"{label}/assignment.xml", content)
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("imsmanifest.xml", _xml(m))
        for path, content in files.items():
            z.writestr(path, content)
    return out
