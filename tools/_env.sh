# Sourced by the other scripts: use the active virtual environment, or make and
# use .venv in the repository, and install the pinned requirements into it.
if [ -z "${VIRTUAL_ENV:-}" ]; then
  if [ ! -x .venv/bin/python ]; then
    python3 -m venv .venv
  fi
  # shellcheck disable=SC1091
  . .venv/bin/activate
fi
python -m pip install --quiet --disable-pip-version-check -r requirements.txt
