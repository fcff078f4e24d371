"""`make check-office`: draft the county example as .docx, convert it to PDF with LibreOffice headless
and render page 1 to PNG, so anyone can look at the 公文 layout (bench/results/office/).

Needs `soffice` (libreoffice-writer, libreoffice-calc) and `pdftoppm` (poppler-utils): when one is missing it
says what it would install with apt-get and why, and asks first (`--yes`, i.e. `make check-office YES=1`, does
not ask; without a terminal it does not install). Fonts named by
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

# What each missing tool needs from Debian, and why `make check-office` wants it.
PACKAGES = {
    "soffice": (["libreoffice-writer", "libreoffice-calc"], "把 Word/Excel 转成 PDF 的 LibreOffice"),
    "pdftoppm": (["poppler-utils"], "把 PDF 页面转成 PNG 图片的 poppler"),
}
FONTS = ["fonts-wqy-zenhei"]  # a CJK font, so the PDF shows Chinese instead of boxes


def _install(tool: str, assume_yes: bool) -> bool:
    """Install a missing tool with apt-get — only after saying what and why, and asking (or YES=1)."""
    packages, why = PACKAGES[tool]
    command = ["apt-get", "install", "-y", "--no-install-recommends", *packages, *FONTS]
    print(f"检查版式需要{why}（{tool}），本机没有安装。", flush=True)
    print(f"可以用 apt-get 安装（LibreOffice 下载约 100 MB、占用约 250 MB 磁盘，需要几分钟）：\n  {' '.join(command)}")
    if not shutil.which("apt-get") or os.geteuid() != 0:
        print("当前用户不能用 apt-get 安装：请让管理员运行上面的命令，再执行 make check-office。")
        return False
    if not assume_yes:
        if not sys.stdin.isatty():
            print("不在终端中运行，不自动安装：确认后运行 make check-office YES=1，或先手动安装。")
            return False
        if input("现在安装吗？[y/N] ").strip().lower() not in ("y", "yes", "是"):
            print("未安装，已退出。")
            return False
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    print("== apt-get update", flush=True)
    subprocess.run(["apt-get", "update"], env=env, check=False)
    print(f"== {' '.join(command)}", flush=True)
    return subprocess.run(command, env=env, check=False).returncode == 0


def _need(tool: str, assume_yes: bool) -> str:
    """The tool's path; offers to install its Debian package when it is missing."""
    path = shutil.which(tool)
    if not path and _install(tool, assume_yes):
        path = shutil.which(tool)
    if not path:
        sys.exit(f"缺少 {tool}：请先运行 apt-get install -y {' '.join(PACKAGES[tool][0])}")
    return path


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    assume_yes = "--yes" in args
    args = [a for a in args if a != "--yes"]
    soffice = _need("soffice", assume_yes)
    pdftoppm = _need("pdftoppm", assume_yes)
    from assistant.drafting import draft_report, write_docx
    from assistant.facts import load_facts

    OUT.mkdir(parents=True, exist_ok=True)
    name = args[0] if args else "county"
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

    print(json.dumps(check_summary_xlsx(), ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
