"""A SCORM 1.2 package of the learner edition: one SCO per chapter, organised as ``_toc.yml``.

The package holds a copy of the built learner site. Each chapter page gets one
small script (``sco.js``) that finds the platform's SCORM API, marks the
chapter incomplete when it opens and completed when the learner reaches its
end or finishes its interactive elements, and reports the session time. It
sends nothing the learner wrote. The published site itself is left unchanged.
"""

from __future__ import annotations

import os
import re
import shutil
import zipfile
from pathlib import Path
from xml.etree import ElementTree as ET

from .toc import Chapter, read_toc

__all__ = ["build_scorm", "SCO_SCRIPT"]

SCO_SCRIPT = Path(__file__).with_name("sco.js")
CP = "http://www.imsproject.org/xsd/imscp_rootv1p1p2"
ADLCP = "http://www.adlnet.org/xsd/adlcp_rootv1p2"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
#: files of the built site a platform does not need
_SKIP = {".buildinfo", ".doctrees", "_sources", ".jupyter_cache", "jupyter_execute", "reports"}
SCRIPT_PATH = "_static/coprod/scorm-sco.js"
_EDITION = re.compile(r'<p class="coprod-edition">.*?</p>\n?', re.S)


def _copy_site(site: Path, target: Path) -> list[str]:
    files = []
    for path in sorted(site.rglob("*")):
        rel = path.relative_to(site)
        if not path.is_file() or rel.parts[0] in _SKIP:
            continue
        out = target / rel
        out.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, out)
        files.append(rel.as_posix())
    return files


def _add_reporting(page: Path, chapter: Chapter) -> None:
    text = page.read_text(encoding="utf-8")
    if "</head>" not in text:
        raise ValueError(f"{page}: no </head>; is this a built page?")
    script = os.path.relpath(SCRIPT_PATH, Path(chapter.docname).parent.as_posix() or ".").replace(os.sep, "/")
    tag = f'<meta name="coprod-sco" content="{chapter.docname}">\n<script src="{script}" defer></script>\n'
    # the link to the full edition points outside the package: a platform's learners do not need it
    text = _EDITION.sub("", text)
    page.write_text(text.replace("</head>", tag + "</head>", 1), encoding="utf-8")


def manifest(title: str, root: Chapter, parts, files: list[str]) -> ET.ElementTree:
    ET.register_namespace("", CP)
    ET.register_namespace("adlcp", ADLCP)
    ET.register_namespace("xsi", XSI)
    m = ET.Element(
        f"{{{CP}}}manifest",
        {
            "identifier": "coprod-course-scorm12",
            "version": "1.0",
            f"{{{XSI}}}schemaLocation": f"{CP} imscp_rootv1p1p2.xsd {ADLCP} adlcp_rootv1p2.xsd",
        },
    )
    meta = ET.SubElement(m, f"{{{CP}}}metadata")
    ET.SubElement(meta, f"{{{CP}}}schema").text = "ADL SCORM"
    ET.SubElement(meta, f"{{{CP}}}schemaversion").text = "1.2"
    orgs = ET.SubElement(m, f"{{{CP}}}organizations", {"default": "course"})
    org = ET.SubElement(orgs, f"{{{CP}}}organization", {"identifier": "course"})
    ET.SubElement(org, f"{{{CP}}}title").text = title
    resources = ET.SubElement(m, f"{{{CP}}}resources")
    chapters: list[Chapter] = []

    def item(parent, chapter: Chapter) -> None:
        node = ET.SubElement(
            parent,
            f"{{{CP}}}item",
            {
                "identifier": f"item-{chapter.ident}",
                "identifierref": f"res-{chapter.ident}",
                "parameters": f"?sco={chapter.docname}",
            },
        )
        ET.SubElement(node, f"{{{CP}}}title").text = chapter.title
        chapters.append(chapter)

    item(org, root)
    for n, part in enumerate(parts, 1):
        group = ET.SubElement(org, f"{{{CP}}}item", {"identifier": f"part-{n}"})
        ET.SubElement(group, f"{{{CP}}}title").text = part.caption
        for chapter in part.chapters:
            item(group, chapter)
    for chapter in chapters:
        res = ET.SubElement(
            resources,
            f"{{{CP}}}resource",
            {
                "identifier": f"res-{chapter.ident}",
                "type": "webcontent",
                f"{{{ADLCP}}}scormtype": "sco",
                "href": chapter.href,
            },
        )
        ET.SubElement(res, f"{{{CP}}}file", {"href": chapter.href})
        ET.SubElement(res, f"{{{CP}}}dependency", {"identifierref": "site"})
    shared = ET.SubElement(
        resources,
        f"{{{CP}}}resource",
        {"identifier": "site", "type": "webcontent", f"{{{ADLCP}}}scormtype": "asset"},
    )
    own = {c.href for c in chapters}
    for f in files:
        if f not in own:
            ET.SubElement(shared, f"{{{CP}}}file", {"href": f})
    tree = ET.ElementTree(m)
    ET.indent(tree)
    return tree


def build_scorm(site: Path, toc: Path, out: Path, title: str) -> Path:
    """Write ``out`` (a .zip) from the built learner ``site``; returns its path.

    The unzipped package is left beside it (``out`` without ``.zip``) for inspection and tests.
    """
    site, out = Path(site), Path(out)
    root, parts = read_toc(Path(toc), site)
    folder = out.with_suffix("")
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    files = _copy_site(site, folder)
    (folder / SCRIPT_PATH).parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(SCO_SCRIPT, folder / SCRIPT_PATH)
    files.append(SCRIPT_PATH)
    for chapter in [root, *(c for p in parts for c in p.chapters)]:
        _add_reporting(folder / chapter.href, chapter)
    manifest(title, root, parts, files).write(
        folder / "imsmanifest.xml", encoding="UTF-8", xml_declaration=True
    )
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.write(folder / "imsmanifest.xml", "imsmanifest.xml")  # first, as some platforms expect
        for f in sorted(files):
            z.write(folder / f, f)
    return out
