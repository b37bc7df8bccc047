#!/usr/bin/env bash
# Install what the course needs, check its content, build both editions strictly
# and serve them at http://127.0.0.1:${PORT:-8000}/ (Ctrl+C stops the server):
# the full edition (facilitators and markers) at / and the learner edition
# (no facilitator notes, model answers or solutions) at /learner/. Every page
# links to the same page in the other edition. _build/site is what to publish.
# The exercises' JupyterLite site (tools/lite.py, built only when missing or out
# of date) goes in learner/lite/, where each exercise page's "Run in your
# browser" link points.
set -euo pipefail
cd "$(dirname "$0")/.."
. tools/_env.sh
python -m coprod check
# the Pyodide runtime for the exercises in the browser comes from npm (package.json)
[ -f node_modules/pyodide/package.json ] || npm ci --no-audit --no-fund --silent
python tools/lite.py
COPROD_LITE=1 COPROD_EDITION_LINKS=1 jupyter-book build . -n -W --keep-going
COPROD_LITE=1 COPROD_EDITION_LINKS=1 COPROD_LEARNER_BUILD=1 jupyter-book build . -n -W --keep-going --all --path-output _build/learner
rm -rf _build/site
cp -r _build/html _build/site
cp -r _build/learner/_build/html _build/site/learner
cp -r _build/lite _build/site/learner/lite
port="${PORT:-8000}"
echo "Serving the full edition at http://127.0.0.1:${port}/ and the learner edition at http://127.0.0.1:${port}/learner/ (Ctrl+C to stop)"
exec python -m http.server --bind 127.0.0.1 --directory _build/site "$port"
