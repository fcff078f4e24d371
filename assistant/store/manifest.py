"""The store's on-disk bookkeeping: the sources manifest (what `rebuild` re-ingests) and the writer lock."""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import os
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from assistant.errors import StoreError

__all__ = ["LOCK_TIMEOUT", "MANIFEST", "file_hash", "ingest_lock", "load_manifest", "save_manifest"]

LOCK_TIMEOUT = 1800.0
MANIFEST = "sources.json"


@contextlib.contextmanager
def ingest_lock(
    local_dir: Path, on_wait: Callable[[], None] | None = None, timeout: float = LOCK_TIMEOUT, name: str = "ingest.lock"
) -> Iterator[None]:
    """Exclusive writer lock: a second `fazhi ingest` waits instead of interleaving writes.
    With name="open.lock", it serialises opening the store (Chroma's first-run setup is not
    safe against a second process doing the same)."""
    local_dir.mkdir(parents=True, exist_ok=True)
    fh = open(local_dir / name, "a+")  # noqa: SIM115 - held for the lock, closed in finally
    try:
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            if on_wait:
                on_wait()
            deadline = time.monotonic() + timeout
            while True:
                try:
                    fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if time.monotonic() > deadline:
                        raise StoreError(f"另一个进程占用检索库超过 {int(timeout)} 秒：{local_dir}") from None
                    time.sleep(0.2)
        yield
    finally:
        with contextlib.suppress(OSError):
            fcntl.flock(fh, fcntl.LOCK_UN)
        fh.close()


def load_manifest(local_dir: Path) -> dict[str, dict[str, Any]]:
    try:
        data = json.loads((local_dir / MANIFEST).read_text(encoding="utf-8"))
        return data if isinstance(data, dict) else {}
    except (OSError, ValueError):
        return {}


def save_manifest(local_dir: Path, manifest: dict[str, dict[str, Any]]) -> None:
    tmp = local_dir / (MANIFEST + ".tmp")
    tmp.write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")
    os.replace(tmp, local_dir / MANIFEST)


def file_hash(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()[:32]
