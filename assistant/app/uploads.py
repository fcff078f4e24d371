"""Uploads: the only way a file reaches the web app.

Gradio hands us a path inside its upload cache (which we point at FAZHI_HOME/uploads/cache). We
accept a path only if it resolves inside that cache, copy it under FAZHI_HOME/uploads/<batch>/
with a sanitised name, and enforce the size and count limits with Chinese messages. Nothing a user
types is ever opened as a path.
"""

from __future__ import annotations

import os
import re
import shutil
import time
import uuid
import zipfile
from pathlib import Path

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

    With `folder`, files go to FAZHI_HOME/uploads/<folder>/ under their own (sanitised) name and
    replace an earlier upload of the same name: the corpus keys documents by path, so uploading a
    report again updates it instead of adding a second copy."""
    settings = settings or get_settings()
    items = [f for f in (files if isinstance(files, (list, tuple)) else [files]) if f]
    if not items:
        raise InputError("请先上传文件。")
    if len(items) > settings.ui_max_files:
        raise InputError(f"一次最多上传 {settings.ui_max_files} 个文件，本次上传了 {len(items)} 个。")
    cache = gradio_cache_dir(settings)
    limit = settings.ui_max_upload_mb * 1024 * 1024
    prune_old(settings)
    batch = uploads_root(settings) / (safe_name(folder) if folder else uuid.uuid4().hex[:12])
    batch.mkdir(parents=True, exist_ok=True)
    accepted: list[Path] = []
    for item in items:
        src, orig = _upload_path(item)
        if not _inside(src, cache) or not src.is_file():
            raise InputError(f"文件「{safe_name(orig)}」不是通过上传得到的，已拒绝。")
        size = src.stat().st_size
        if size > limit:
            raise InputError(
                f"文件「{safe_name(orig)}」有 {size / 1048576:.1f} MB，超过上限 {settings.ui_max_upload_mb} MB。"
            )
        suffix = Path(orig).suffix.lower()
        if allow_zip and suffix == ".zip":
            accepted.extend(_unzip(src, batch, suffixes or REPORT_SUFFIXES, settings))
            continue
        if suffixes and suffix not in suffixes:
            allowed = "、".join(sorted(suffixes))
            raise UnsupportedFormatError(
                f"不支持的文件类型「{suffix or '无扩展名'}」（{safe_name(orig)}），可上传：{allowed}。"
            )
        dest = batch / safe_name(orig) if folder else _unique(batch / safe_name(orig))
        if folder and dest.is_file() and dest.read_bytes() == src.read_bytes():
            accepted.append(dest)  # unchanged: keep the mtime so the store skips it quickly
            continue
        shutil.copyfile(src, dest)
        accepted.append(dest)
    if len(accepted) > settings.ui_max_files:
        raise InputError(f"压缩包内文件过多：最多 {settings.ui_max_files} 个，实际 {len(accepted)} 个。")
    return accepted


def _unique(path: Path) -> Path:
    n = 1
    candidate = path
    while candidate.exists():
        candidate = path.with_name(f"{path.stem}_{n}{path.suffix}")
        n += 1
    return candidate


def _zip_name(info: zipfile.ZipInfo) -> str:
    if info.flag_bits & 0x800:
        return info.filename
    try:
        return info.filename.encode("cp437").decode("gb18030")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return info.filename


def _unzip(src: Path, batch: Path, suffixes: set[str], settings: Settings) -> list[Path]:
    """Extract the readable files of a .zip flat into `batch`; member paths are never trusted."""
    limit = settings.ui_max_upload_mb * 1024 * 1024
    out: list[Path] = []
    try:
        archive = zipfile.ZipFile(src)
    except zipfile.BadZipFile as exc:
        raise InputError("压缩包已损坏，无法解压。") from exc
    with archive:
        members = [i for i in archive.infolist() if not i.is_dir()]
        total = sum(i.file_size for i in members)
        if total > 5 * limit:
            raise InputError(f"压缩包解压后超过 {5 * settings.ui_max_upload_mb} MB，已拒绝。")
        for info in members:
            name = _zip_name(info)
            if Path(name).name.startswith(".") or "__MACOSX" in name:
                continue
            if Path(name).suffix.lower() not in suffixes:
                continue
            if info.file_size > limit:
                raise InputError(f"压缩包内文件「{safe_name(name)}」超过上限 {settings.ui_max_upload_mb} MB。")
            dest = _unique(batch / safe_name(name))
            with archive.open(info) as fin, open(dest, "wb") as fout:
                shutil.copyfileobj(fin, fout)
            out.append(dest)
    if not out:
        raise InputError("压缩包里没有可读取的报告文件（.txt/.docx/.pdf/.html）。")
    return out
