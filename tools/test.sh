#!/usr/bin/env bash
# Install everything the tests need, then run every test: content checks,
# unit tests, the strict book build, notebook tests and browser tests.
set -euo pipefail
cd "$(dirname "$0")/.."
. tools/_env.sh

# axe-core for the accessibility checks, at the version package-lock.json pins
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

python -m coprod check
jupyter-book build . -n -W --keep-going
# --nbval-lax runs every notebook and compares the outputs of cells marked
# NBVAL_CHECK_OUTPUT with the outputs stored in the notebook
paths=(tests)
if compgen -G "exercises/*.ipynb" >/dev/null; then paths+=(exercises); fi
python -m pytest --nbval-lax "${paths[@]}" "$@"
node --test tests/js/  # the record model and the store, under node's own test runner
