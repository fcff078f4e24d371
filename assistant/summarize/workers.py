"""Batch worker processes that die with their parent, and a work file only one run writes at a time.

`kill -9` of `fazhi summarize` gives the parent no chance to stop its pool: forked workers would go on
for minutes, holding the work file open, while the user starts `--resume`. So each worker asks the
kernel to kill it when its parent dies (prctl PR_SET_PDEATHSIG on Linux), checks it was not orphaned
before that took effect, and keeps a watchdog thread that exits when its parent changes (any POSIX
system); it also closes its inherited copy of the work file, which only the parent writes.
The parent holds an exclusive lock on the work file for the run, so a second run on the same output
is told so instead of interleaving lines with the first.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import fcntl  # POSIX only, like the fork-based pool this module serves
import os
import signal
import sys
import threading
import time
from typing import IO, Any

from assistant.errors import InputError

_PR_SET_PDEATHSIG = 1
WATCHDOG_SECONDS = 0.5


def init_worker(parent_pid: int, inherited_fds: tuple[int, ...] = ()) -> None:
    """Pool initializer: ignore Ctrl-C (the parent decides), die with the parent, drop its files."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    for fd in inherited_fds:
        try:
            os.close(fd)
        except OSError:
            pass
    _die_with_parent(parent_pid)


def _die_with_parent(parent_pid: int) -> None:
    if sys.platform.startswith("linux"):
        try:
            libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
            libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        except (OSError, AttributeError):
            pass  # the watchdog below still ends us, a moment later
    if os.getppid() != parent_pid:  # the parent died before the kernel was told to watch it
        os._exit(1)
    threading.Thread(target=_watchdog, args=(parent_pid,), daemon=True, name="fazhi-parent-watchdog").start()


def _watchdog(parent_pid: int) -> None:
    while True:
        time.sleep(WATCHDOG_SECONDS)
        if os.getppid() != parent_pid:
            os._exit(1)


def lock_work_file(fh: IO[Any], path: os.PathLike[str] | str) -> None:
    """Take the run's exclusive lock on its open work file, or say which run holds it."""
    try:
        fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        raise InputError(f"工作文件 {path} 正被另一个汇总进程使用；请等它结束后再运行，或换一个输出文件名。") from None
