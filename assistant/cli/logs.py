"""Where messages that are not for the user go: library log records and warnings into a log file.

pypdf says "Ignoring wrong pointing object 2 0" on a damaged PDF, other libraries warn about their own
deprecations; printed on a clerk's terminal that is English noise between Chinese lines. Python
prints such records on stderr only while no handler is configured, so the CLI configures one: every
record and warning goes to FAZHI_HOME/logs/fazhi.log, and only fazhi's own notes for the user (the
`fazhi.note` logger, Chinese by rule) reach the terminal, as "提示：…". With FAZHI_DEBUG=1 everything
is printed too.
"""

from __future__ import annotations

import logging
import os
import sys
import time
from pathlib import Path

from assistant import DEFAULT_HOME

NOTE_LOGGER = "fazhi.note"
LOG_NAME = "fazhi.log"


def log_file() -> Path:
    home = os.environ.get("FAZHI_HOME") or DEFAULT_HOME
    return Path(os.path.expanduser(home)) / "logs" / LOG_NAME


class _Route(logging.Handler):
    """Notes to stderr (looked up at each record, so a redirected stderr is honoured); all to the file."""

    def __init__(self, debug: bool) -> None:
        super().__init__(logging.DEBUG if debug else logging.WARNING)
        self.debug = debug

    def emit(self, record: logging.LogRecord) -> None:
        try:
            message = record.getMessage()
            if record.name == NOTE_LOGGER or record.name.startswith(NOTE_LOGGER + "."):
                print(f"提示：{message}", file=sys.stderr, flush=True)
            elif self.debug:
                print(f"[{record.name}] {message}", file=sys.stderr, flush=True)
            stamp = time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(record.created))
            line = f"{stamp} {record.levelname} {record.name}: {message}\n"
            if record.exc_info:
                line += logging.Formatter().formatException(record.exc_info) + "\n"
            path = log_file()
            path.parent.mkdir(parents=True, exist_ok=True)
            with path.open("a", encoding="utf-8") as fh:
                fh.write(line)
        except Exception:  # a log that cannot be written must not become a message of its own
            pass


def route_library_output(debug: bool = False) -> None:
    """Install the routing once per process (the CLI calls it before every command)."""
    root = logging.getLogger()
    if any(isinstance(h, _Route) for h in root.handlers):
        return
    root.addHandler(_Route(debug))
    if debug:
        root.setLevel(logging.DEBUG)
    logging.captureWarnings(True)  # warnings.warn(...) → the "py.warnings" logger → the file
