"""Check that the `fazhi summarize` workbook opens in LibreOffice: summarise the seeds (or given paths)
to .xlsx, convert it headless to .csv (the 总表 sheet, read back as UTF-8) and to .pdf (page 1 rendered
to PNG when pdftoppm is there). Results in bench/results/office/summary.*.

`check_summary_xlsx()` is what bench/check_office.py can call; run alone: `python bench/check_office_xlsx.py`.
Needs `soffice` (apt-get install libreoffice-calc); exits 0 with a message when it is not installed.
"""

from __future__ import annotations

import csv
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
OUT = ROOT / "bench" / "results" / "office"
SEEDS = ROOT.parent / "shared" / "corpus" / "seeds"


def _convert(soffice: str, src: Path, target: str, outdir: Path) -> float:
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(
            [
                soffice,
                f"-env:UserInstallation=file://{profile}",
                "--headless",
                "--convert-to",
                target,
                "--outdir",
                str(outdir),
                str(src),
            ],
            check=True,
            capture_output=True,
            timeout=300,
        )
    return round(time.perf_counter() - started, 1)


def check_summary_xlsx(paths: list[Path] | None = None, out_dir: Path = OUT) -> dict:
    """Write the summary workbook, convert it with LibreOffice, and report what came back."""
    soffice = shutil.which("soffice")
    if not soffice:
        return {"skipped": "缺少 soffice：请先运行 apt-get install -y libreoffice-calc"}
    from assistant.summarize import collect_paths, run_batch, work_file_for, write_outputs

    out_dir.mkdir(parents=True, exist_ok=True)
    xlsx = out_dir / "summary.xlsx"
    files = collect_paths(paths or [SEEDS])
    result = run_batch(files, work_file_for(xlsx), workers=1)
    write_outputs(result, xlsx)
    # "csv:Text - txt - csv (StarCalc):44,34,76" = comma, double quote, UTF-8; first sheet only.
    (out_dir / "summary.csv").unlink(missing_ok=True)
    csv_s = _convert(soffice, xlsx, "csv:Text - txt - csv (StarCalc):44,34,76", out_dir)
    if not (out_dir / "summary.csv").exists():
        return {"ok": False, "error": "LibreOffice 未能打开 .xlsx（是否缺少 libreoffice-calc？）", "xlsx": str(xlsx)}
    with (out_dir / "summary.csv").open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))
    pdf_s = _convert(soffice, xlsx, "pdf", out_dir)
    png = None
    if shutil.which("pdftoppm"):
        subprocess.run(
            [
                "pdftoppm",
                "-png",
                "-r",
                "70",
                "-f",
                "1",
                "-l",
                "1",
                "-singlefile",
                str(out_dir / "summary.pdf"),
                str(out_dir / "summary-page1"),
            ],
            check=True,
            timeout=120,
        )
        png = str(out_dir / "summary-page1.png")
    ok = bool(rows) and rows[0][:3] == ["序号", "文件", "标题"] and len(rows) == len(result.rows) + 1
    return {
        "ok": ok,
        "xlsx": str(xlsx),
        "rows_read_back": len(rows) - 1,
        "rows_written": len(result.rows),
        "header": rows[0][:8] if rows else [],
        "csv_seconds": csv_s,
        "pdf_seconds": pdf_s,
        "pdf": str(out_dir / "summary.pdf"),
        "png": png,
    }


def main() -> int:
    result = check_summary_xlsx([Path(p) for p in sys.argv[1:]] or None)
    print(json.dumps(result, ensure_ascii=False, indent=2))
    if "skipped" in result:
        return 0
    (OUT / "summary.json").write_text(json.dumps(result, ensure_ascii=False, indent=2), encoding="utf-8")
    return 0 if result["ok"] else 1


if __name__ == "__main__":
    sys.exit(main())
