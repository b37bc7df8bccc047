"""Build the exercises' JupyterLite site: the five notebooks running in the browser.

    python tools/lite.py            # build _build/lite if it is missing or out of date
    python tools/lite.py --force    # build it again whatever

The result, ``_build/lite/``, is plain files: JupyterLite's notebook app, the
Pyodide runtime (from the npm package ``pyodide``, pinned in package.json at
the version jupyterlite-pyodide-kernel expects) and every wheel the notebooks
import, so the site makes no request to any other host. The wheels for the
browser are fetched here, at build time, with ``pip download --platform
pyemscripten_<abi>_wasm32`` at the versions installed from requirements.txt, and
Pyodide's lock file is rewritten to list only those local wheels with their
hashes. PyPI fallback is off and every package is preloaded when the kernel
starts, so nothing is installed at run time.

``tools/serve.sh`` copies the result into the published site at
``learner/lite/``, where each exercise page's "Run in your browser" link points.
A build takes about two minutes on two cores; an up-to-date one is skipped in
about a second (the inputs' hash is kept in ``_build/lite/.inputs``).
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.metadata
import json
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

from packaging.markers import Marker
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "_build" / "lite"
WORK = ROOT / "_build" / "lite-work"
PYODIDE_NPM = ROOT / "node_modules" / "pyodide"
START = Path(__file__).resolve().parent / "lite"

#: what the Pyodide kernel imports when it starts (it installs these itself
#: unless they are preloaded), and the course's own package
ROOTS = ["micropip", "piplite", "pyodide-kernel", "ipykernel", "comm", "jedi", "ipython", "coprod"]
#: the kernel's own stand-ins, shipped inside jupyterlite-pyodide-kernel
KERNEL_WHEELS = ["piplite", "pyodide-kernel", "ipykernel", "widgetsnbextension"]
#: what the Pyodide runtime needs of its distribution (no console pages, no type
#: declarations, no source maps, no classic-script loader: the kernel runs in a
#: module worker)
RUNTIME_FILES = ["pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip"]
#: the course files the notebooks read: the course root is found by its
#: _config.yml and book/, exercise data and the modules' pages and scenarios
CONTENT_GLOBS = ["_config.yml", "exercises/*.ipynb", "exercises/data/*.json", "book/**/*.md", "book/**/*.yml"]
#: the inputs whose change means a rebuild
INPUT_GLOBS = [
    *CONTENT_GLOBS,
    "coprod/**/*",  # every file of the package: its code, static files, exercise data and templates
    "pyproject.toml",
    "requirements.txt",
    "package-lock.json",
    "tools/lite.py",
    "tools/lite/*",
]


def say(message: str) -> None:
    print(f"lite: {message}", flush=True)


def inputs_hash() -> str:
    digest = hashlib.sha256()
    files = sorted({p for pattern in INPUT_GLOBS for p in ROOT.glob(pattern) if p.is_file()})
    for path in files:
        if "__pycache__" in path.parts:
            continue
        digest.update(path.relative_to(ROOT).as_posix().encode() + b"\0")
        digest.update(path.read_bytes())
    digest.update(sys.version.encode())
    return digest.hexdigest()


def kernel_constants():
    from jupyterlite_pyodide_kernel import constants

    return constants


def pyodide_lock() -> dict:
    expected = kernel_constants().PYODIDE_VERSION
    package = json.loads((PYODIDE_NPM / "package.json").read_text())
    if package["version"] != expected:
        raise SystemExit(
            f"lite: node_modules/pyodide is {package['version']} but jupyterlite-pyodide-kernel expects "
            f"{expected}: pin pyodide {expected} in package.json and run npm ci"
        )
    return json.loads((PYODIDE_NPM / "pyodide-lock.json").read_text())


def wheel_metadata(path: Path) -> tuple[str, str, list[str], list[str]]:
    """Name, version, requirements and top-level import names of a wheel."""
    with zipfile.ZipFile(path) as whl:
        meta_name = next(n for n in whl.namelist() if n.endswith(".dist-info/METADATA"))
        meta = whl.read(meta_name).decode("utf-8")
        names = whl.namelist()
    headers = meta.split("\n\n", 1)[0].splitlines()
    field = {}
    requires = []
    for line in headers:
        key, _, value = line.partition(": ")
        if key == "Requires-Dist":
            requires.append(value)
        else:
            field.setdefault(key, value)
    imports = sorted(
        {
            n.split("/", 1)[0].removesuffix(".py")
            for n in names
            if not n.split("/", 1)[0].endswith((".dist-info", ".data"))
            and (n.endswith(".py") or "/" in n)
            and not n.startswith("_")
        }
    )
    return field["Name"], field["Version"], requires, imports


def browser_needs(requires: list[str], python: str) -> list[str]:
    """The requirements that apply in the browser (Pyodide reports sys_platform 'emscripten')."""
    env = {
        "sys_platform": "emscripten",
        "platform_system": "Emscripten",
        "platform_machine": "wasm32",
        "os_name": "posix",
        "python_version": ".".join(python.split(".")[:2]),
        "python_full_version": python,
        "implementation_name": "cpython",
        "platform_python_implementation": "CPython",
        "extra": "",
    }
    needed = []
    for text in requires:
        req = Requirement(text)
        if req.marker is None or Marker(str(req.marker)).evaluate(env):
            needed.append(canonicalize_name(req.name))
    return needed


def installed_version(name: str) -> str | None:
    try:
        return importlib.metadata.version(name)
    except importlib.metadata.PackageNotFoundError:
        return None


def fetch_wheels(folder: Path, lock: dict) -> dict[str, Path]:
    """Every wheel the notebooks need, by canonical name, in ``folder``."""
    info = lock["info"]
    python = info["python"]
    platform = f"pyemscripten_{info['abi_version']}_wasm32"
    kernel_pypi = (
        Path(sys.prefix) / "share/jupyter/labextensions/@jupyterlite/pyodide-kernel-extension/static/pypi"
    )
    wheels: dict[str, Path] = {}
    for name in KERNEL_WHEELS:
        found = sorted(kernel_pypi.glob(f"{name.replace('-', '_')}-*.whl"))
        if name == "widgetsnbextension":  # the kernel's stand-in for ipywidgets 8
            found = [p for p in found if "-4." in p.name]
        shutil.copy2(found[-1], folder)
        wheels[name] = folder / found[-1].name

    say("building the course package's wheel")
    # from a copy, so that setuptools leaves no build/ folder in the repository
    source = WORK / "source"
    source.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(ROOT / name, source / name)
    shutil.copytree(ROOT / "coprod", source / "coprod", ignore=shutil.ignore_patterns("__pycache__"))
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "-w", str(folder), str(source)],
        check=True,
    )
    wheels["coprod"] = next(folder.glob("coprod-*.whl"))

    todo = list(ROOTS)
    seen: set[str] = set()
    while todo:
        batch = []
        for name in todo:
            name = canonicalize_name(name)
            if name in seen:
                continue
            seen.add(name)
            if name not in wheels:
                version = installed_version(name) or lock["packages"].get(name, {}).get("version")
                if not version:
                    raise SystemExit(f"lite: no version for {name}: pin it in requirements.txt")
                batch.append(f"{name}=={version}")
        todo = []
        if batch:
            say(f"fetching {len(batch)} wheel(s) for the browser: {' '.join(batch)}")
            subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "pip",
                    "download",
                    "--quiet",
                    "--disable-pip-version-check",
                    "--no-deps",
                    "--only-binary=:all:",
                    "--platform",
                    platform,
                    "--python-version",
                    ".".join(python.split(".")[:2]),
                    "--implementation",
                    "cp",
                    "-d",
                    str(folder),
                    *batch,
                ],
                check=True,
            )
            for spec in batch:
                name = spec.split("==")[0]
                stem = name.replace("-", "_").replace(".", "_")
                found = [
                    p
                    for p in folder.glob("*.whl")
                    if canonicalize_name(p.name.split("-")[0]) == name
                    or p.name.lower().startswith(stem.lower() + "-")
                ]
                wheels[name] = found[0]
        for name in list(seen):
            _, _, requires, _ = wheel_metadata(wheels[name])
            todo += [n for n in browser_needs(requires, python) if n not in seen]
    return wheels


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def write_lock(lock: dict, wheels: dict[str, Path], dest: Path) -> None:
    """Pyodide's lock with only the local wheels, each with its hash and dependencies."""
    python = lock["info"]["python"]
    packages = {}
    for name, path in sorted(wheels.items()):
        dist_name, version, requires, imports = wheel_metadata(path)
        packages[name] = {
            "name": dist_name,
            "version": version,
            "file_name": path.name,
            "install_dir": "site",
            "sha256": sha256(path),
            "package_type": "package",
            "imports": imports,
            "depends": sorted(n for n in browser_needs(requires, python) if n in wheels),
            "unvendored_tests": False,
        }
    dest.write_text(json.dumps({"info": lock["info"], "packages": packages}, indent=1) + "\n")


def copy_contents(files: Path) -> None:
    for pattern in CONTENT_GLOBS:
        for path in ROOT.glob(pattern):
            if "_build" in path.parts or ".ipynb_checkpoints" in path.parts:
                continue
            target = files / path.relative_to(ROOT)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, target)


def lite_config(preload: list[str]) -> dict:
    return {
        "jupyter-lite-schema-version": 0,
        "jupyter-config-data": {
            "appName": "Co-production course exercises",
            "disabledExtensions": [
                # nothing here reaches another host, but these are not needed by
                # the exercises and each adds to the first load
                "@jupyterlite/application-extension:share-file",
            ],
            # the exercises' controls are taller than the notebook's 300-pixel output box; without
            # this, their cell scrolls inside the page (a box within a page, hard on a phone)
            "settingsOverrides": {
                "@jupyter-notebook/notebook-extension:scroll-output": {"autoScrollOutputs": False}
            },
            "litePluginSettings": {
                "@jupyterlite/pyodide-kernel-extension:kernel": {
                    "disablePyPIFallback": True,
                    "loadPyodideOptions": {"packages": preload},
                }
            },
        },
    }


def build() -> None:
    lock = pyodide_lock()
    shutil.rmtree(WORK, ignore_errors=True)
    lite_dir = WORK / "lite"
    wheel_dir = WORK / "wheels"
    pyodide_dir = lite_dir / "static" / "pyodide"
    for folder in (wheel_dir, pyodide_dir, lite_dir / "files"):
        folder.mkdir(parents=True)

    wheels = fetch_wheels(wheel_dir, lock)
    for name in RUNTIME_FILES:
        shutil.copy2(PYODIDE_NPM / name, pyodide_dir / name)
    for path in wheels.values():
        shutil.copy2(path, pyodide_dir / path.name)
    write_lock(lock, wheels, pyodide_dir / "pyodide-lock.json")
    copy_contents(lite_dir / "files")
    (lite_dir / "jupyter-lite.json").write_text(json.dumps(lite_config(sorted(wheels)), indent=2) + "\n")

    say("running jupyter lite build (its log: _build/lite-build.log)")
    shutil.rmtree(OUT, ignore_errors=True)
    log = ROOT / "_build" / "lite-build.log"
    with log.open("w") as out:
        result = subprocess.run(
            [
                sys.executable,
                "-m",
                "jupyterlite_core",
                "build",
                "--lite-dir",
                str(lite_dir),
                "--output-dir",
                str(OUT),
                "--contents",
                str(lite_dir / "files"),
                "--apps",
                "notebooks",
                "--no-sourcemaps",
                "--no-unused-shared-packages",
            ],
            cwd=lite_dir,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    if result.returncode:
        print(log.read_text()[-4000:], file=sys.stderr)
        raise SystemExit(f"lite: jupyter lite build failed (exit {result.returncode})")
    # the start page, and a front page in place of JupyterLite's, which opens its "lab" app,
    # which this site does not build (the notebook app reads its settings from the front page)
    for path in START.iterdir():
        shutil.copy2(path, OUT / path.name)
    write_start_facts()
    shutil.rmtree(WORK, ignore_errors=True)


def exercise_titles() -> list[dict[str, str]]:
    """Each exercise notebook's path in the site and the title of its first heading."""
    listing = []
    for notebook in sorted((ROOT / "exercises").glob("ex*.ipynb")):
        cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
        first = "".join(cells[0]["source"]).strip().splitlines()[0] if cells else notebook.stem
        listing.append({"path": f"exercises/{notebook.name}", "title": first.lstrip("# ").strip()})
    return listing


def write_start_facts() -> None:
    """The files the start page fetches before it opens the notebook, with their sizes; the exercises."""
    (OUT / "exercises.json").write_text(json.dumps(exercise_titles(), indent=1) + "\n")
    pyodide = OUT / "static" / "pyodide"
    lock = json.loads((pyodide / "pyodide-lock.json").read_text())
    files = [f"static/pyodide/{n}" for n in RUNTIME_FILES] + [
        f"static/pyodide/{p['file_name']}" for p in lock["packages"].values()
    ]
    listing = [{"url": f, "bytes": (OUT / f).stat().st_size} for f in files]
    (OUT / "start-files.json").write_text(json.dumps(listing, indent=1) + "\n")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--force", action="store_true", help="build even if _build/lite is up to date")
    args = parser.parse_args(argv)
    stamp = OUT / ".inputs"
    digest = inputs_hash()
    if not args.force and stamp.is_file() and stamp.read_text().strip() == digest:
        say("_build/lite is up to date")
        return 0
    build()
    stamp.write_text(digest + "\n")
    say(f"built _build/lite ({site_megabytes():.1f} MB)")
    return 0


def site_megabytes() -> float:
    return sum(p.stat().st_size for p in OUT.rglob("*") if p.is_file()) / 1e6


if __name__ == "__main__":
    sys.exit(main())
