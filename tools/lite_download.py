"""What a learner's first "Run in your browser" downloads and how long it takes: prints the figures.

Serves ``_build/lite`` (``python tools/lite.py`` first) on 127.0.0.1, opens an exercise from the start page
in Chromium with a fresh profile on disk (an ordinary browser's cache, which the start page fills for the
notebook), waits until Python is idle, runs every cell and prints the bytes the server sent, file by file for
the largest, and the seconds taken. Run it twice to see a second start, which the cache serves.

    python tools/lite_download.py                 # exercise 1
    python tools/lite_download.py ex5-co-production-agreement

The browser test (tests/test_lite_browser.py) intercepts every request to block other hosts, which turns the
browser's cache off, so its "MB served" counts the start page's files twice; this script is the measure.
"""

from __future__ import annotations

import argparse
import collections
import functools
import http.server
import socketserver
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from coprod._browser import CHROMIUM_ARGS, chromium_path  # noqa: E402

LITE = ROOT / "_build" / "lite"
IDLE = "() => document.querySelector('.jp-Notebook-ExecutionIndicator')?.dataset.status === 'idle'"


class _Counting(http.server.SimpleHTTPRequestHandler):
    extensions_map = {
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".mjs": "text/javascript",
        ".js": "text/javascript",
        ".wasm": "application/wasm",
        ".json": "application/json",
    }
    sent: list[tuple[str, int]] = []

    def copyfile(self, source, outputfile):
        before = source.tell()
        super().copyfile(source, outputfile)
        type(self).sent.append((self.path.split("?")[0], source.tell() - before))

    def log_message(self, *args):
        pass


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebook", nargs="?", default="ex1-where-does-your-service-sit")
    parser.add_argument(
        "--starts", type=int, default=2, help="starts to measure in the same profile (default 2)"
    )
    args = parser.parse_args()
    if not (LITE / "start.html").exists():
        print("No _build/lite: run python tools/lite.py first.", file=sys.stderr)
        return 1
    from playwright.sync_api import sync_playwright

    server = socketserver.ThreadingTCPServer(
        ("127.0.0.1", 0), functools.partial(_Counting, directory=str(LITE))
    )
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/start.html?path=exercises/{args.notebook}.ipynb"
    print(
        f"JupyterLite site on disk: {sum(p.stat().st_size for p in LITE.rglob('*') if p.is_file()) / 1e6:.1f} MB"
    )
    with tempfile.TemporaryDirectory() as profile, sync_playwright() as p:
        context = p.chromium.launch_persistent_context(
            profile, executable_path=chromium_path(), args=CHROMIUM_ARGS, service_workers="allow"
        )
        for start in range(1, args.starts + 1):
            _Counting.sent = []
            page = context.new_page()
            began = time.monotonic()
            page.goto(url)
            page.wait_for_url("**/notebooks/index.html?path=*", timeout=300_000)
            page.wait_for_selector(".jp-Notebook", timeout=120_000)
            page.wait_for_function(IDLE, timeout=300_000)
            idle = time.monotonic() - began
            page.keyboard.press("Control+Shift+c")
            page.keyboard.type("Run all cells")
            page.keyboard.press("Enter")
            page.wait_for_selector(".coprod-ex-widget", state="visible", timeout=300_000)
            page.wait_for_function(IDLE, timeout=300_000)
            ran = time.monotonic() - began
            sent = _Counting.sent
            total = sum(n for _, n in sent)
            twice = [k for k, v in collections.Counter(path for path, _ in sent).items() if v > 1]
            print(
                f"start {start} of {args.notebook}: Python idle at {idle:.0f} s, every cell run at {ran:.0f} s; "
                f"{total / 1e6:.1f} MB sent in {len(sent)} responses"
                + (f"; sent more than once: {', '.join(twice)}" if twice else "")
            )
            if start == 1:
                by = collections.defaultdict(int)
                for path, n in sent:
                    by[path] += n
                for path, n in sorted(by.items(), key=lambda kv: -kv[1])[:8]:
                    print(f"    {n / 1e6:5.1f} MB  {path}")
            page.close()
        context.close()
    server.shutdown()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
