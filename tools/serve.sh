#!/usr/bin/env bash
# Install what the course needs, check its content, build both editions strictly
# and serve them at http://127.0.0.1:${PORT:-8000}/ (Ctrl+C stops the server):
# the full edition (facilitators and markers) at / and the learner edition
# (no facilitator notes, model answers or solutions) at /learner/. Every page
# links to the same page in the other edition. _build/site is what to publish.
set -euo pipefail
cd "$(dirname "$0")/.."
. tools/_env.sh
python -m coprod check
COPROD_EDITION_LINKS=1 jupyter-book build . -n -W --keep-going
COPROD_EDITION_LINKS=1 COPROD_LEARNER_BUILD=1 jupyter-book build . -n -W --keep-going --all --path-output _build/learner
rm -rf _build/site
cp -r _build/html _build/site
cp -r _build/learner/_build/html _build/site/learner
port="${PORT:-8000}"
echo "Serving the full edition at http://127.0.0.1:${port}/ and the learner edition at http://127.0.0.1:${port}/learner/ (Ctrl+C to stop)"
exec python -m http.server --bind 127.0.0.1 --directory _build/site "$port"
