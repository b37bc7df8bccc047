#!/usr/bin/env bash
# Install what the course needs, check its content, build it strictly and
# serve it at http://127.0.0.1:${PORT:-8000}/ (Ctrl+C stops the server).
set -euo pipefail
cd "$(dirname "$0")/.."
. tools/_env.sh
python -m coprod check
jupyter-book build . -n -W --keep-going
port="${PORT:-8000}"
echo "Serving the course at http://127.0.0.1:${port}/ (Ctrl+C to stop)"
exec python -m http.server --bind 127.0.0.1 --directory _build/html "$port"
