"""Which Chromium to drive, and how: shared by the PDF command, the tests and the benchmark."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

__all__ = ["CHROMIUM_ARGS", "chromium_path"]

#: headless, sandbox-free (CI runs as root) and silent: no background requests to anyone
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def chromium_path() -> str | None:
    """``$COPROD_CHROMIUM``, else Debian's Chromium where present; None lets Playwright use its own build."""
    explicit = os.environ.get("COPROD_CHROMIUM")
    if explicit:
        return explicit
    for candidate in ("/usr/bin/chromium", "/usr/bin/chromium-browser"):
        if Path(candidate).exists():
            return candidate
    return shutil.which("chromium")
