"""`make check-office`: draft the county example as .docx, convert it to PDF with LibreOffice headless
and render page 1 to PNG, so anyone can look at the 公文 layout (bench/results/office/).

Needs `soffice` (apt-get install libreoffice-writer) and `pdftoppm` (poppler-utils); fonts named by
GB/T 9704 (方正小标宋简体, 仿宋_GB2312, 楷体_GB2312) are substituted when not installed, which the script
reports from `pdffonts`. Not part of `make test`.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
OUT = ROOT / "bench" / "results" / "office"


from check_office_xlsx import _convert, check_summary_xlsx


def _install(package: str) -> None:
    if shutil.which("apt-get") and os.geteuid() == 0:
        print(f"正在安装 {package}（apt-get）…", flush=True)
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        subprocess.run(["apt-get", "update", "-qq"], env=env, check=False)
        subprocess.run(
            ["apt-get", "install", "-y", "-qq", "--no-install-recommends", package, "fonts-wqy-zenhei"],
            env=env,
            check=False,
        )


def _need(tool: str, package: str) -> str:
    """The tool's path; installs its Debian package first when missing and we are root."""
    path = shutil.which(tool)
    if not path:
        _install(package)
        path = shutil.which(tool)
    if not path:
        sys.exit(f"缺少 {tool}：请先运行 apt-get install -y {package}")
    return path


def main() -> int:
    soffice = _need("soffice", "libreoffice-writer")
    pdftoppm = _need("pdftoppm", "poppler-utils")
    from assistant.drafting import draft_report, write_docx
    from assistant.facts import load_facts

    OUT.mkdir(parents=True, exist_ok=True)
    name = sys.argv[1] if len(sys.argv) > 1 else "county"
    facts = load_facts(ROOT / "corpus" / "examples" / f"{name}.yaml")
    docx = write_docx(draft_report(facts, backend="composer"), OUT / f"{name}.docx")
    convert_s = _convert(soffice, docx, "pdf", OUT)
    pdf = OUT / f"{name}.pdf"
    subprocess.run(
        [pdftoppm, "-png", "-r", "80", "-f", "1", "-l", "1", "-singlefile", str(pdf), str(OUT / f"{name}-page1")],
        check=True,
        timeout=120,
    )
    pages = fonts = None
    if shutil.which("pdfinfo"):
        info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
        pages = next((int(ln.split()[-1]) for ln in info.splitlines() if ln.startswith("Pages:")), None)
        size = next((ln.split(":", 1)[1].strip() for ln in info.splitlines() if ln.startswith("Page size:")), None)
    if shutil.which("pdffonts"):
        fonts = [
            ln.split()[0]
            for ln in subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True).stdout.splitlines()[2:]
        ]
    result = {
        "docx": str(docx),
        "pdf": str(pdf),
        "png": str(OUT / f"{name}-page1.png"),
        "pages": pages,
        "page_size": size if pages else None,
        "embedded_fonts": fonts,
        "convert_seconds": round(convert_s, 1),
    }
    (OUT / f"{name}.json").write_text(json.dumps(result, ensure_ascii=False, indent=2), encoding="utf-8")
    print(json.dumps(result, ensure_ascii=False, indent=2))
    if not Path("/usr/lib/libreoffice/program/scalc").exists():
        _install("libreoffice-calc")

    print(json.dumps(check_summary_xlsx(), ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
