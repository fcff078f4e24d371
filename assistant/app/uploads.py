"""Uploads: the only way a file reaches the web app.

Gradio hands us a path inside its upload cache (which we point at FAZHI_HOME/uploads/cache). We
accept a path only if it resolves inside that cache, check every file (and every entry of a .zip,
archives.py) against the size, count and name rules before writing anything, stage the copies and
move them under FAZHI_HOME/uploads/<batch>/ with sanitised names only when all passed. Nothing a user
types is ever opened as a path, and a refused upload leaves nothing behind.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
import time
import uuid
from pathlib import Path

from assistant.app import archives
from assistant.config import Settings, get_settings
from assistant.errors import InputError, UnsupportedFormatError

REPORT_SUFFIXES = {".txt", ".docx", ".pdf", ".html", ".htm", ".md"}
FACTS_SUFFIXES = {".yaml", ".yml"}
_SAFE = re.compile(r"[^\w\u4e00-\u9fff.\-（）()]+")


def uploads_root(settings: Settings | None = None) -> Path:
    return (settings or get_settings()).data_home / "uploads"


def gradio_cache_dir(settings: Settings | None = None) -> Path:
    return uploads_root(settings) / "cache"


def exports_dir(settings: Settings | None = None) -> Path:
    """Where generated downloads (docx, md, html, xlsx) are written before Gradio serves them."""
    path = (settings or get_settings()).data_home / "exports"
    path.mkdir(parents=True, exist_ok=True)
    return path


def point_gradio_at_home(settings: Settings | None = None) -> Path:
    """Gradio stores uploads in GRADIO_TEMP_DIR; keep them under FAZHI_HOME."""
    cache = gradio_cache_dir(settings)
    cache.mkdir(parents=True, exist_ok=True)
    os.environ["GRADIO_TEMP_DIR"] = str(cache)
    return cache


KEEP_SECONDS = 24 * 3600
KEPT_FOLDERS = {"cache", "corpus"}


def prune_old(settings: Settings | None = None, keep_seconds: float = KEEP_SECONDS) -> int:
    """Remove upload batches and exports older than a day (the corpus folder is kept: the store
    names its documents by that path; Gradio cleans its own cache). Returns folders removed."""
    settings = settings or get_settings()
    cutoff = time.time() - keep_seconds
    removed = 0
    for root in (uploads_root(settings), settings.data_home / "exports"):
        if not root.is_dir():
            continue
        for child in root.iterdir():
            if child.name in KEPT_FOLDERS:
                continue
            try:
                if child.stat().st_mtime < cutoff:
                    shutil.rmtree(child) if child.is_dir() else child.unlink()
                    removed += 1
            except OSError:
                continue
    return removed


def safe_name(name: str) -> str:
    base = Path(name).name
    stem, suffix = os.path.splitext(base)
    stem = _SAFE.sub("_", stem).strip("._") or "file"
    return f"{stem[:80]}{suffix.lower()[:10]}"


def _upload_path(item: object) -> tuple[Path, str]:
    """The (cache path, original name) of one value from a gr.File component."""
    if isinstance(item, (str, Path)):
        return Path(item), Path(item).name
    path = getattr(item, "path", None) or getattr(item, "name", None)
    if isinstance(item, dict):
        path = item.get("path") or item.get("name")
    if not path:
        raise InputError("无法识别上传的文件。")
    orig = getattr(item, "orig_name", None) or (item.get("orig_name") if isinstance(item, dict) else None)
    return Path(path), orig or Path(path).name


def _inside(path: Path, root: Path) -> bool:
    try:
        path.resolve().relative_to(root.resolve())
        return True
    except ValueError:
        return False


def accept_uploads(
    files: object,
    *,
    suffixes: set[str] | None = None,
    settings: Settings | None = None,
    allow_zip: bool = False,
    folder: str | None = None,
) -> list[Path]:
    """Validate and copy uploaded files; returns the copies under FAZHI_HOME/uploads/<batch>/.

    Everything is checked before anything is written (each file's origin, size and type; a .zip's
    entries, names and declared sizes), then copied or extracted into a staging folder and only moved
    into place when all of it succeeded: a refused upload leaves nothing behind.

    With `folder`, files go to FAZHI_HOME/uploads/<folder>/ under their own (sanitised) name and
    replace an earlier upload of the same name: the corpus keys documents by path, so uploading a
    report again updates it instead of adding a second copy."""
    settings = settings or get_settings()
    items = [f for f in (files if isinstance(files, (list, tuple)) else [files]) if f]
    if not items:
        raise InputError("请先上传文件。")
    if len(items) > settings.ui_max_files:
        raise InputError(f"一次最多上传 {settings.ui_max_files} 个文件，本次上传了 {len(items)} 个。")
    limits = upload_limits(settings)
    prune_old(settings)
    plan = [_check_upload(item, suffixes, allow_zip, settings, limits) for item in items]
    count = sum(1 if entries is None else len(entries) for _, _, entries in plan)
    if count > settings.ui_max_files:
        raise InputError(
            f"压缩包内文件过多：最多 {settings.ui_max_files} 个，实际 {count} 个，已拒绝，未保存任何文件。"
        )
    root = uploads_root(settings)
    root.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".staging-", dir=root))
    try:
        staged = _stage(plan, staging, limits)
        return _place(staged, root / (safe_name(folder) if folder else uuid.uuid4().hex[:12]), keep_names=bool(folder))
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def upload_limits(settings: Settings) -> archives.Limits:
    one = settings.ui_max_upload_mb * 1024 * 1024
    return archives.Limits(max_files=settings.ui_max_files, file_bytes=one, total_bytes=5 * one)


Planned = tuple[Path, str, list[archives.Entry] | None]


def _check_upload(
    item: object, suffixes: set[str] | None, allow_zip: bool, settings: Settings, limits: archives.Limits
) -> Planned:
    """(cache path, original name, the zip's readable entries or None) — or InputError; writes nothing."""
    src, orig = _upload_path(item)
    if not _inside(src, gradio_cache_dir(settings)) or not src.is_file():
        raise InputError(f"文件「{safe_name(orig)}」不是通过上传得到的，已拒绝。")
    size = src.stat().st_size
    if size > limits.file_bytes:
        raise InputError(
            f"文件「{safe_name(orig)}」有 {size / 1048576:.1f} MB，超过上限 {settings.ui_max_upload_mb} MB。"
        )
    suffix = Path(orig).suffix.lower()
    if allow_zip and suffix == ".zip":
        return src, orig, archives.check_archive(src, suffixes or REPORT_SUFFIXES, limits)
    if suffixes and suffix not in suffixes:
        allowed = "、".join(sorted(suffixes))
        raise UnsupportedFormatError(
            f"不支持的文件类型「{suffix or '无扩展名'}」（{safe_name(orig)}），可上传：{allowed}。"
        )
    return src, orig, None


def _stage(plan: list[Planned], staging: Path, limits: archives.Limits) -> list[tuple[Path, str]]:
    """Copy or extract every planned file into `staging`: (staged path, its final name)."""
    staged: list[tuple[Path, str]] = []
    for src, orig, entries in plan:
        if entries is None:
            target = _unique(staging / safe_name(orig))
            shutil.copyfile(src, target)
            staged.append((target, safe_name(orig)))
            continue
        targets = []
        for entry in entries:
            target = _unique(staging / safe_name(entry.name))
            target.touch()  # reserve the name before the next entry's _unique looks
            targets.append((entry, target))
        archives.extract_entries(src, targets, limits)
        staged += [(target, safe_name(entry.name)) for entry, target in targets]
    return staged


def _place(staged: list[tuple[Path, str]], batch: Path, *, keep_names: bool) -> list[Path]:
    """Move staged files into the batch folder (a new one, or the corpus folder by name)."""
    created = not batch.exists()
    batch.mkdir(parents=True, exist_ok=True)
    accepted: list[Path] = []
    try:
        for path, name in staged:
            dest = batch / name if keep_names else _unique(batch / name)
            if keep_names and dest.is_file() and dest.read_bytes() == path.read_bytes():
                accepted.append(dest)  # unchanged: keep the mtime so the store skips it quickly
                continue
            os.replace(path, dest)
            accepted.append(dest)
    except OSError as exc:
        if created:
            shutil.rmtree(batch, ignore_errors=True)
        raise InputError(f"无法保存上传的文件：{exc.strerror or type(exc).__name__}") from exc
    return accepted


def _unique(path: Path) -> Path:
    n = 1
    candidate = path
    while candidate.exists():
        candidate = path.with_name(f"{path.stem}_{n}{path.suffix}")
        n += 1
    return candidate
