"""Old binary Word files (.doc, OLE2) through LibreOffice, when it is installed.

python-docx reads only .docx; LibreOffice converts .doc faithfully (numbering included), so a headless
`soffice --convert-to docx` in a private temp dir is the one way in. Without LibreOffice the user gets
the same advice a clerk would: save it as .docx.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

from assistant.errors import UnsupportedFormatError

CONVERT_TIMEOUT_S = 60


def soffice_path() -> str | None:
    """The LibreOffice binary, or None when it is not installed."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert_to_docx(path: Path, timeout: float = CONVERT_TIMEOUT_S, import_filter: str | None = "MS Word 97") -> bytes:
    """The .docx bytes LibreOffice makes of `path`.

    The import filter is named, not guessed: left to guess, LibreOffice imports a damaged file as plain text.
    """
    advice = f"请用 Word/WPS 将 {path.name} 另存为 .docx 后再试"
    soffice = soffice_path()
    if soffice is None:
        raise UnsupportedFormatError(f"{path.name} 是旧版 Word/WPS 文件，本机未安装 LibreOffice 无法自动转换，{advice}")
    with tempfile.TemporaryDirectory(prefix="fazhi-doc-") as tmp:
        work = Path(tmp)
        source = work / ("input.doc" if import_filter else "input.rtf")  # the user's name may be awkward
        shutil.copyfile(path, source)
        # A private profile: a LibreOffice the user has open (or a concurrent conversion) cannot block this one.
        cmd = [
            soffice,
            f"-env:UserInstallation={(work / 'profile').as_uri()}",
            "--headless",
            "--norestore",
            "--nologo",
            *([f"--infilter={import_filter}"] if import_filter else []),
            "--convert-to",
            "docx",
            "--outdir",
            str(work / "out"),
            str(source),
        ]
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
        try:
            proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            _kill_group(proc)
            raise UnsupportedFormatError(f"转换 {path.name} 超时（{timeout:.0f} 秒），{advice}") from None
        converted = work / "out" / (source.stem + ".docx")
        if proc.returncode != 0 or not converted.exists() or converted.stat().st_size == 0:
            raise UnsupportedFormatError(f"LibreOffice 无法转换 {path.name}（文件可能已损坏），{advice}")
        return converted.read_bytes()


def _kill_group(proc: subprocess.Popen[bytes]) -> None:
    """soffice forks soffice.bin: end the whole session it started, not just the launcher."""
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        proc.kill()
    proc.wait()
