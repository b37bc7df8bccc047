"""Benchmark the course against a stock Jupyter Book 1 site built in the same run, and print the figures.

    python tools/benchmark.py            # everything (needs npm for Lighthouse)
    python tools/benchmark.py --no-lighthouse

It copies the repository's tracked files and a fresh `jupyter-book create`
template into .bench/, builds both (clean, no change, one page edited), serves
each with gzip on 127.0.0.1, loads every page in Chromium and weighs what it
fetched, runs Lighthouse's mobile audit (three times by default, giving the
median) on a page of every kind and every scenario, and on three stock pages, and times how
long a scenario choice takes to paint its consequence. It prints a Markdown
report and writes it to .bench/latest.md. Timings are figures to read, not
tests: they vary from run to run.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import json
import os
import shutil
import socketserver
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

from coprod._browser import CHROMIUM_ARGS, chromium_path

ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT / ".bench"
JB = str(Path(sys.executable).parent / "jupyter-book")
LIGHTHOUSE = "lighthouse@13.5.0"
TEXT_TYPES = (".html", ".js", ".css", ".json", ".svg", ".txt", ".map", ".inv")


# ---------------------------------------------------------------- builds


def timed(cmd: list[str], cwd: Path) -> float:
    start = time.perf_counter()
    result = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit(f"failed: {' '.join(cmd)}\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}")
    return time.perf_counter() - start


def copy_course(target: Path) -> None:
    files = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True).stdout.split(
        b"\0"
    )
    for name in filter(None, files):
        src = ROOT / name.decode()
        if src.is_file():
            dest = target / name.decode()
            dest.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dest)


def build_times(book: Path, edit: Path, strict: bool) -> dict[str, float]:
    flags = ["-n", "-W", "--keep-going"] if strict else []
    clean = timed([JB, "build", str(book), *flags], book)
    again = timed([JB, "build", str(book), *flags], book)
    with edit.open("a", encoding="utf-8") as handle:
        handle.write("\nA sentence added by the benchmark to time a one-page rebuild.\n")
    one = timed([JB, "build", str(book), *flags], book)
    return {"clean build": clean, "no-change rebuild": again, "one-page-edit rebuild": one}


def notebook_times(book: Path) -> dict[str, float]:
    try:
        from jupyter_cache import get_cache
    except ImportError:
        return {}
    times = {}
    cache = get_cache(str(book / "_build" / ".jupyter_cache"))
    for record in cache.list_cache_records():
        seconds = (record.data or {}).get("execution_seconds")
        if seconds is not None:
            times[Path(record.uri).name if record.uri else str(record.pk)] = seconds
    return times


# ---------------------------------------------------------------- serving with gzip


def serve(folder: Path):
    class Handler(http.server.SimpleHTTPRequestHandler):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, directory=str(folder), **kwargs)

        def log_message(self, *args):
            pass

        def send_head(self):  # gzip text files when the browser accepts it, as a real host would
            path = Path(self.translate_path(self.path))
            if path.is_dir():
                path = path / "index.html"
            if (
                path.suffix in TEXT_TYPES
                and path.is_file()
                and "gzip" in self.headers.get("Accept-Encoding", "")
            ):
                body = gzip.compress(path.read_bytes(), 9)
                self.send_response(200)
                self.send_header("Content-Type", self.guess_type(str(path)))
                self.send_header("Content-Encoding", "gzip")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                from io import BytesIO

                return BytesIO(body)
            return super().send_head()

    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


# ---------------------------------------------------------------- weighing pages


def site_pages(site: Path) -> list[str]:
    skip = {"_static", "_sources", "_images", "jupyter_execute"}
    return sorted(
        str(p.relative_to(site))
        for p in site.rglob("*.html")
        if not set(p.relative_to(site).parts) & skip
        and not p.name.startswith(".")
        and "Refresh" not in p.read_text(errors="ignore")[:200]
    )


def _keep_local(route, *, base: str, outside: list[str]) -> None:
    """Let requests to the served site through; count and abort any to another host."""
    if route.request.url.startswith(base):
        route.continue_()
    else:
        outside.append(route.request.url)
        route.abort()


def weigh(browser, base: str, pages: list[str]) -> dict[str, dict]:
    results = {}
    for path in pages:
        context = browser.new_context()
        page = context.new_page()
        responses = []
        outside = []
        page.on("response", lambda response, responses=responses: responses.append(response))

        # keyword-only: Playwright passes (route, request) to a handler with two positional parameters
        page.route("**/*", functools.partial(_keep_local, base=base, outside=outside))
        page.goto(f"{base}/{path}", timeout=120_000)
        page.wait_for_load_state("networkidle", timeout=120_000)
        bodies: dict[str, bytes] = {}
        for response in responses:  # read bodies after the load, not inside the event handler
            try:
                bodies[response.url] = response.body()
            except Exception:
                bodies[response.url] = b""
        raw = sum(len(b) for b in bodies.values())
        zipped = sum(
            len(gzip.compress(b, 6)) if u.split("?")[0].endswith(TEXT_TYPES) or u.endswith("/") else len(b)
            for u, b in bodies.items()
        )
        results[path] = {"raw": raw, "gzip": zipped, "requests": len(bodies), "outside": len(outside)}
        context.close()
    return results


def summarise(weights: dict[str, dict]) -> dict:
    raws = [w["raw"] for w in weights.values()]
    return {
        "pages": len(weights),
        "median raw KB": statistics.median(raws) / 1024,
        "worst raw KB": max(raws) / 1024,
        "worst page": max(weights, key=lambda p: weights[p]["raw"]),
        "median gzip KB": statistics.median(w["gzip"] for w in weights.values()) / 1024,
        "median requests": statistics.median(w["requests"] for w in weights.values()),
        "worst requests": max(w["requests"] for w in weights.values()),
        "requests to other hosts": sum(w["outside"] for w in weights.values()),
    }


# ---------------------------------------------------------------- lighthouse


def lighthouse(url: str) -> dict[str, float] | str:
    """Lighthouse's mobile audit (simulated slow 4G, 4x CPU slowdown): four category scores, LCP and TBT."""
    env = dict(os.environ, CHROME_PATH=chromium_path() or "")
    out = BENCH / "lh.json"
    out.unlink(missing_ok=True)
    cmd = [
        "npx",
        "--yes",
        LIGHTHOUSE,
        url,
        "--quiet",
        "--output=json",
        f"--output-path={out}",
        "--only-categories=performance,accessibility,best-practices,seo",
        f"--chrome-flags={' '.join(CHROMIUM_ARGS)}",
    ]
    result = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=300)
    if result.returncode != 0 or not out.exists():
        return "failed: " + (result.stderr.strip().splitlines() or ["no output"])[-1][:120]
    report = json.loads(out.read_text())
    scores: dict[str, float] = {
        name: round((cat.get("score") or 0) * 100) for name, cat in report["categories"].items()
    }
    audits = report["audits"]
    scores["lcp s"] = audits["largest-contentful-paint"]["numericValue"] / 1000
    scores["tbt ms"] = audits["total-blocking-time"]["numericValue"]
    return scores


def lighthouse_median(url: str, runs: int) -> dict[str, float] | str:
    """The median of each figure over `runs` audits (single runs swing by several points)."""
    results = [lighthouse(url) for _ in range(max(1, runs))]
    good = [r for r in results if isinstance(r, dict)]
    if not good:
        return results[-1]
    return {key: statistics.median(r[key] for r in good) for key in good[0]}


# ---------------------------------------------------------------- interaction timing


def choice_to_paint(browser, base: str, rounds: int = 40) -> float:
    page = browser.new_page()
    page.goto(f"{base}/book/reference/how-it-works.html")
    page.wait_for_selector("#coprod-demo-clinic-letter .coprod-live")
    root = page.locator("#coprod-demo-clinic-letter .coprod-live")
    root.get_by_role("button", name="Play as The clinic manager").click()
    times = []
    for _ in range(rounds):
        ms = page.evaluate("""() => new Promise(resolve => {
            const button = document.querySelector('#coprod-demo-clinic-letter .coprod-choice[data-choice="0"]');
            const start = performance.now();
            button.click();
            requestAnimationFrame(() => requestAnimationFrame(() => resolve(performance.now() - start)));
        })""")
        times.append(ms)
        root.get_by_role("button", name="Back one step").click()
    page.close()
    return statistics.median(times)


# ---------------------------------------------------------------- report


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--no-lighthouse", action="store_true", help="skip the Lighthouse audits (they need npm)"
    )
    parser.add_argument(
        "--reuse", action="store_true", help="reuse the builds of the last run (no build times)"
    )
    parser.add_argument(
        "--runs",
        type=int,
        default=3,
        help="Lighthouse runs per page; the report gives the median of each figure (default 3)",
    )
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    course, stock = BENCH / "course", BENCH / "stock"
    times_file = BENCH / "build-times.json"
    if args.reuse and times_file.exists():
        course_builds, stock_builds = json.loads(times_file.read_text())
    else:
        shutil.rmtree(BENCH, ignore_errors=True)
        copy_course(course)
        subprocess.run([JB, "create", str(stock)], check=True, capture_output=True)
        print("building the course and the stock book (clean, no change, one page edited)…", file=sys.stderr)
        course_builds = build_times(course, course / "book" / "modules" / "m2-rhetoric.md", strict=True)
        stock_builds = build_times(stock, stock / "markdown.md", strict=False)
        times_file.write_text(json.dumps([course_builds, stock_builds]))
    course_nb = notebook_times(course)
    stock_nb = notebook_times(stock)

    engine_js = (ROOT / "coprod" / "static" / "coprod.js").read_bytes()
    engine_css = (ROOT / "coprod" / "static" / "coprod.css").read_bytes()

    course_server, course_base = serve(course / "_build" / "html")
    stock_server, stock_base = serve(stock / "_build" / "html")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        course_weights = weigh(browser, course_base, site_pages(course / "_build" / "html"))
        stock_weights = weigh(browser, stock_base, site_pages(stock / "_build" / "html"))
        paint_ms = choice_to_paint(browser, course_base)
        browser.close()

    # one page of every kind a learner or facilitator opens, and the stock book's pages
    lh_pages = {
        "course: Start here": f"{course_base}/book/intro.html",
        "course: module (Module 3)": f"{course_base}/book/modules/m3-one-size.html",
        **{
            f"course: scenario ({name})": f"{course_base}/book/scenarios/{name}.html"
            for name in ("surgery", "dementia-care", "policing", "emergency")
        },
        "course: record page (Your CPD record)": f"{course_base}/book/record/index.html",
        "course: workshop page (half-day plan, agenda and projector view)": f"{course_base}/book/workshop/half-day.html",
        "stock: home (intro)": f"{stock_base}/intro.html",
        "stock: text page (markdown)": f"{stock_base}/markdown.html",
        "stock: notebook page": f"{stock_base}/notebooks.html",
    }
    lh = (
        {}
        if args.no_lighthouse
        else {name: lighthouse_median(url, args.runs) for name, url in lh_pages.items()}
    )
    course_server.shutdown()
    stock_server.shutdown()

    cs, ss = summarise(course_weights), summarise(stock_weights)
    median_raw = statistics.median(w["raw"] for w in course_weights.values())
    heaviest = max(course_weights, key=lambda p: course_weights[p]["raw"])
    over = sorted(
        (p for p in course_weights if course_weights[p]["raw"] > 1.1 * median_raw),
        key=lambda p: -course_weights[p]["raw"],
    )
    over_text = ", ".join(f"{p} ({course_weights[p]['raw'] / median_raw:.2f})" for p in over) or "none"
    demo = course_weights.get("book/reference/how-it-works.html", {})
    plain = course_weights.get("book/reference/glossary.html", {})
    ci_file = ROOT / "_build" / "ci-seconds.txt"
    ci_seconds = int(ci_file.read_text()) if ci_file.exists() else None

    lines = [
        f"Benchmark of {time.strftime('%Y-%m-%d')} on {os.cpu_count()} cores.",
        "",
        "| measure | stock Jupyter Book 1 | this course |",
        "|---|---|---|",
    ]
    for key in ("clean build", "no-change rebuild", "one-page-edit rebuild"):
        lines.append(f"| {key} | {stock_builds[key]:.1f} s | {course_builds[key]:.1f} s |")
    for key in (
        "pages",
        "median raw KB",
        "worst raw KB",
        "median gzip KB",
        "median requests",
        "worst requests",
        "requests to other hosts",
    ):
        fmt = (lambda v: f"{v:,.0f}") if isinstance(cs[key], (int, float)) else str
        lines.append(f"| {key} | {fmt(ss[key])} | {fmt(cs[key])} |")
    lines.append(f"| worst page | {ss['worst page']} | {cs['worst page']} |")
    lines += [
        "",
        "| page weight | figure |",
        "|---|---|",
        f"| heaviest page | {heaviest}: {course_weights[heaviest]['raw'] / 1024:,.0f} KB "
        f"= {course_weights[heaviest]['raw'] / median_raw:.2f} × the median page (target: at most 1.10) |",
        f"| pages over 1.1 × the median | {over_text} |",
        f"| demo page (three elements) | {demo.get('raw', 0) / 1024:,.0f} KB, {demo.get('requests', 0)} requests |",
        f"| plain text page (glossary) | {plain.get('raw', 0) / 1024:,.0f} KB, {plain.get('requests', 0)} requests |",
        f"| engine front end (coprod.js + coprod.css) | {(len(engine_js) + len(engine_css)) / 1024:.1f} KB raw, "
        f"{(len(gzip.compress(engine_js, 9)) + len(gzip.compress(engine_css, 9))) / 1024:.1f} KB gzipped |",
        f"| scenario choice to painted consequence (median of 40) | {paint_ms:.1f} ms |",
        f"| the last full test run (bash tools/test.sh) | {f'{ci_seconds / 60:.1f} minutes' if ci_seconds else 'not run on this checkout'} |",
    ]
    if lh:
        lines += [
            "",
            f"| Lighthouse (mobile, simulated slow 4G; median of {args.runs} runs) "
            "| performance | accessibility | best practices | SEO | LCP | TBT |",
            "|---|---|---|---|---|---|---|",
        ]
        for name, scores in lh.items():
            if isinstance(scores, dict):
                lines.append(
                    f"| {name} | {scores.get('performance')} | {scores.get('accessibility')} | "
                    f"{scores.get('best-practices')} | {scores.get('seo')} | {scores['lcp s']:.1f} s | {scores['tbt ms']:.0f} ms |"
                )
            else:
                lines.append(f"| {name} | {scores} | | | | | |")
    lines += ["", "| notebook execution | seconds |", "|---|---|"]
    lines += [f"| course: {name} | {sec:.1f} |" for name, sec in sorted(course_nb.items())]
    lines += [f"| stock: {name} | {sec:.1f} |" for name, sec in sorted(stock_nb.items())]
    report = "\n".join(lines)
    (BENCH / "latest.md").write_text(report + "\n")
    print(report)


if __name__ == "__main__":
    main()
