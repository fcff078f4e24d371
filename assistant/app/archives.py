"""A .zip upload: checked whole before a byte is written, then extracted flat with its sizes enforced.

An archive is only a list of claims until it is read: 3,000 entries, a name like ../../x or C:\\x, a
declared size that is not the real one. So the central directory is checked first (entry count, the
readable entries against the upload limits, every name, the declared sizes), and only then are the
readable entries extracted — into a folder the caller throws away if anything goes wrong on the way
(uploads.accept_uploads stages them), counting the bytes actually written against what was declared.
"""

from __future__ import annotations

import re
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from assistant.errors import InputError

ENTRIES_PER_ALLOWED_FILE = 20  # an archive may hold folders and other files besides the reports
_CHUNK = 1 << 16
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_DRIVE = re.compile(r"^[A-Za-z]:")


@dataclass(frozen=True)
class Entry:
    info: zipfile.ZipInfo
    name: str  # the member's name, decoded (UTF-8 flag or GBK from Windows' zip)


@dataclass(frozen=True)
class Limits:
    max_files: int  # readable entries (reports) per upload
    file_bytes: int  # one extracted file
    total_bytes: int  # all extracted files together


def entry_name(info: zipfile.ZipInfo) -> str:
    if info.flag_bits & 0x800:
        return info.filename
    try:
        return info.filename.encode("cp437").decode("gb18030")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return info.filename


def _unsafe_name(name: str) -> str | None:
    if _CONTROL.search(name):
        return "含有控制字符"
    path = name.replace("\\", "/")
    if path.startswith("/") or _DRIVE.match(path):
        return "是绝对路径"
    if ".." in PurePosixPath(path).parts:
        return "含有 ../，指向压缩包之外"
    if any(len(part.encode("utf-8")) > 255 for part in PurePosixPath(path).parts):
        return "文件名过长"
    return None


def _short(name: str) -> str:
    shown = _CONTROL.sub("?", name)
    return shown if len(shown) <= 60 else shown[:57] + "…"


def check_archive(src: Path, suffixes: set[str], limits: Limits) -> list[Entry]:
    """The readable entries of a .zip, or InputError saying why the whole upload is refused.

    Reads only the central directory: nothing is extracted or written here."""
    try:
        with zipfile.ZipFile(src) as archive:
            members = [i for i in archive.infolist() if not i.is_dir()]
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError) as exc:
        raise InputError("压缩包已损坏，无法解压。") from exc
    cap = limits.max_files * ENTRIES_PER_ALLOWED_FILE
    if len(members) > cap:
        raise InputError(f"压缩包内条目过多：{len(members)} 个（上限 {cap} 个），已拒绝，未解压任何文件。")
    readable: list[Entry] = []
    for info in members:
        name = entry_name(info)
        problem = _unsafe_name(name)
        if problem:
            raise InputError(f"压缩包内文件名「{_short(name)}」{problem}，已拒绝，未解压任何文件。")
        base = PurePosixPath(name.replace("\\", "/")).name
        if base.startswith(".") or "__MACOSX" in name or Path(base).suffix.lower() not in suffixes:
            continue
        if info.flag_bits & 0x1:
            raise InputError(f"压缩包内文件「{_short(base)}」设有密码，无法读取，请解除密码后重新打包。")
        if info.file_size > limits.file_bytes:
            raise InputError(
                f"压缩包内文件「{_short(base)}」解压后 {info.file_size / 1048576:.1f} MB，"
                f"超过上限 {limits.file_bytes // 1048576} MB，已拒绝。"
            )
        readable.append(Entry(info, name))
    if not readable:
        raise InputError("压缩包里没有可读取的报告文件（.txt/.docx/.pdf/.html）。")
    if len(readable) > limits.max_files:
        raise InputError(
            f"压缩包内文件过多：最多 {limits.max_files} 个，实际 {len(readable)} 个，已拒绝，未解压任何文件。"
        )
    declared = sum(e.info.file_size for e in readable)
    if declared > limits.total_bytes:
        raise InputError(f"压缩包解压后超过 {limits.total_bytes // 1048576} MB，已拒绝，未解压任何文件。")
    return readable


def extract_entries(src: Path, targets: list[tuple[Entry, Path]], limits: Limits) -> None:
    """Write each checked entry to its path, stopping at the first byte past what was declared.

    On InputError the caller removes what was written (the destinations sit in its staging folder)."""
    total = 0
    try:
        with zipfile.ZipFile(src) as archive:
            for entry, dest in targets:
                written = 0
                with archive.open(entry.info) as fin, open(dest, "wb") as fout:
                    while chunk := fin.read(_CHUNK):
                        written += len(chunk)
                        total += len(chunk)
                        if written > entry.info.file_size or written > limits.file_bytes:
                            raise InputError(
                                f"压缩包内文件「{_short(entry.name)}」的实际大小与声明不符，已拒绝，未保存任何文件。"
                            )
                        if total > limits.total_bytes:
                            raise InputError(
                                f"压缩包解压后超过 {limits.total_bytes // 1048576} MB，已拒绝，未保存任何文件。"
                            )
                        fout.write(chunk)
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, RuntimeError) as exc:
        raise InputError("压缩包已损坏或使用了不支持的压缩方式，已拒绝，未保存任何文件。") from exc
