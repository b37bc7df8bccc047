#!/usr/bin/env bash
# Build the learner edition: the same course without facilitator notes, model
# answers or exercise solutions, into _build/learner/_build/html.
# Run it after tools/serve.sh or tools/test.sh (it reuses their execution cache).
set -euo pipefail
cd "$(dirname "$0")/.."
. tools/_env.sh
COPROD_LEARNER_BUILD=1 jupyter-book build . -n -W --keep-going --all --path-output _build/learner
echo "Learner edition: _build/learner/_build/html/index.html"
