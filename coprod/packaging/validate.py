"""Checks for a package manifest: it parses, every file it names is in the package, every item
points at a resource, and every chapter it launches or links is a page of the built site."""

from __future__ import annotations

import zipfile
from pathlib import Path
from xml.etree import ElementTree as ET

__all__ = ["check_package"]


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def check_package(package: Path, site: Path, base_url: str | None = None) -> list[str]:
    """Problems found in ``package`` (a .zip), as sentences; an empty list means none.

    ``site`` is the built learner edition the chapters must exist in. For web
    links, ``base_url`` is the published learner edition's address.
    """
    problems: list[str] = []
    with zipfile.ZipFile(package) as z:
        names = set(z.namelist())
        if "imsmanifest.xml" not in names:
            return [f"{package.name}: no imsmanifest.xml at the top of the package"]
        try:
            root = ET.fromstring(z.read("imsmanifest.xml"))
        except ET.ParseError as exc:
            return [f"{package.name}: imsmanifest.xml does not parse: {exc}"]
        resources = {r.get("identifier"): r for r in root.iter() if _local(r.tag) == "resource"}
        for el in root.iter():
            tag = _local(el.tag)
            if tag == "item" and el.get("identifierref") and el.get("identifierref") not in resources:
                problems.append(
                    f"item {el.get('identifier')} points at a missing resource {el.get('identifierref')}"
                )
            if tag == "file" and el.get("href") not in names:
                problems.append(f"file {el.get('href')} is named in the manifest but not in the package")
            if tag == "dependency" and el.get("identifierref") not in resources:
                problems.append(f"dependency on a missing resource {el.get('identifierref')}")
        for ident, res in resources.items():
            href = res.get("href")
            if href and href.endswith(".html") and not (Path(site) / href).is_file():
                problems.append(f"resource {ident} launches {href}, which is not a page of the built site")
            for f in res:
                if _local(f.tag) != "file" or not f.get("href", "").endswith(".xml"):
                    continue
                doc = ET.fromstring(z.read(f.get("href"))) if f.get("href") in names else None
                if doc is None:
                    continue
                for url in doc.iter():
                    if _local(url.tag) == "url":
                        problems.extend(_check_link(url.get("href", ""), site, base_url))
    return problems


def _check_link(href: str, site: Path, base_url: str | None) -> list[str]:
    if base_url is None or not href.startswith(base_url):
        return [f"web link {href} is not under the published learner edition {base_url}"]
    page = href[len(base_url) :].split("#", 1)[0]
    if not (Path(site) / page).is_file():
        return [f"web link {href} does not resolve to a page of the built site"]
    return []
