"""Helpers shared by test files: where headless Chromium is and the flags every test runs it with."""

from __future__ import annotations

import shutil
from pathlib import Path

# Common to the selenium app test and the --dump-dom/--screenshot output test; each adds its --headless.
CHROME_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def chromium_path() -> str | None:
    """The chromium binary (Debian: /usr/bin/chromium), or None when it is not installed."""
    found = shutil.which("chromium") or "/usr/bin/chromium"
    return found if Path(found).exists() else None
