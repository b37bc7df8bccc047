"""Print the built site to PDF with Chromium, offline: the whole course, and each printable.

Jupyter Book's ``pdfhtml`` builder wants a browser download and fails with
sphinx-exercise, so this prints the pages the site already has, in the order
of ``_toc.yml``, with every dropdown open, and joins them with pypdf.
"""

from __future__ import annotations

import functools
import http.server
import shutil
import socketserver
import threading
from pathlib import Path

from ruamel.yaml import YAML

from ._browser import CHROMIUM_ARGS, chromium_path

__all__ = ["print_site", "toc_pages"]

_OPEN_EVERYTHING = """() => {
  document.querySelectorAll('details').forEach(d => { d.open = true; });
  document.querySelectorAll('.toggle-hidden').forEach(e => e.classList.remove('toggle-hidden'));
}"""


def toc_pages(toc_file: Path) -> list[str]:
    """The pages of a Jupyter Book ``_toc.yml`` in reading order, as paths without suffix."""
    toc = YAML(typ="safe").load(toc_file.read_text(encoding="utf-8"))
    pages = [toc["root"]]

    def walk(entries):
        for entry in entries or []:
            if "file" in entry:
                pages.append(entry["file"])
            walk(entry.get("sections"))
            walk(entry.get("chapters"))

    for part in toc.get("parts", []):
        walk(part.get("chapters"))
    walk(toc.get("chapters"))
    return pages


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def print_site(site: Path, toc_file: Path, out: Path) -> list[Path]:
    """Write ``course.pdf`` and ``printables/<page>.pdf`` into ``out``; return the files written."""
    from playwright.sync_api import sync_playwright
    from pypdf import PdfWriter

    pages = toc_pages(toc_file)
    missing = [p for p in pages if not (site / f"{p}.html").exists()]
    if missing:
        raise FileNotFoundError(f"build the site first; missing pages: {', '.join(missing)}")
    out.mkdir(parents=True, exist_ok=True)
    (out / "pages").mkdir(exist_ok=True)
    (out / "printables").mkdir(exist_ok=True)
    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    written: list[Path] = []
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
            page = browser.new_page()
            page.route("**/*", lambda r: r.continue_() if r.request.url.startswith(base) else r.abort())
            per_page = []
            for name in pages:
                page.goto(f"{base}/{name}.html")
                page.wait_for_load_state("load")
                page.evaluate(_OPEN_EVERYTHING)
                target = out / "pages" / (name.replace("/", "__") + ".pdf")
                page.pdf(
                    path=str(target),
                    format="A4",
                    print_background=True,
                    margin={"top": "15mm", "bottom": "15mm", "left": "15mm", "right": "15mm"},
                )
                per_page.append(target)
                if "/printables/" in f"/{name}" and not name.endswith("/index"):
                    copy = out / "printables" / f"{Path(name).name}.pdf"
                    shutil.copyfile(target, copy)
                    written.append(copy)
            browser.close()
    finally:
        server.shutdown()
    writer = PdfWriter()
    for part in per_page:
        writer.append(str(part))
    whole = out / "course.pdf"
    with whole.open("wb") as handle:
        writer.write(handle)
    written.insert(0, whole)
    return written
