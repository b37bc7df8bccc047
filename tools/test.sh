#!/usr/bin/env bash
# Install everything the tests need, then run every test in two stages.
#   fast:  lint, formatting, types, content check, unit tests (stops here on failure)
#   full:  the strict book build, notebook tests and browser tests
# Extra arguments go to pytest in both stages, e.g. `bash tools/test.sh -k scenario`.
set -euo pipefail
cd "$(dirname "$0")/.."
started=$(date +%s)
. tools/_env.sh

# npm packages at the versions package-lock.json pins: axe-core (accessibility
# checks) and biome (the JavaScript linter and formatter)
npm ci --no-audit --no-fund --silent

# A browser for Playwright: Debian's Chromium where there is one (installed
# with apt-get when we are root, as in CI); otherwise Playwright's own build.
if ! command -v chromium >/dev/null 2>&1 && [ ! -x /usr/bin/chromium ]; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    python -m playwright install chromium
  fi
fi

echo "== fast stage: lint, types, content, unit tests"
ruff check .
ruff format --check .
npx --no-install biome ci coprod/static coprod/exercises/static tools/lite tests
mypy
python -m coprod check
python -m pytest -m "not browser and not slow" "$@"
# the JavaScript modules' own tests (node's built-in runner), e.g. the
# de-identification check against the corpus and the Python side
node --test tests/js/

echo "== full stage: strict build, notebooks, browser tests"
jupyter-book build . -n -W --keep-going
# --nbval-lax runs every notebook and compares the outputs of cells marked
# NBVAL_CHECK_OUTPUT with the outputs stored in the notebook
if compgen -G "exercises/*.ipynb" >/dev/null; then python -m pytest --nbval-lax exercises "$@"; fi
# the exercises' JupyterLite site (skipped when up to date); the browser test
# runs exercise 1 in it, and all five only with `pytest -m lite_all`
python tools/lite.py
# the learner edition, built once here rather than by whichever test process asks first
rm -rf _build/learner
bash tools/learner-build.sh
# two processes (pytest-xdist), each taking whole test files so a file's fixtures are set up once
python -m pytest -n 2 --dist loadfile -m "(browser or slow) and not lite_all" tests "$@"
echo "$(( $(date +%s) - started ))" > _build/ci-seconds.txt
