"""The four output formats: xlsx read back with openpyxl, csv with BOM, json, and the HTML page rendered
in a real headless Chromium (screenshot kept in tests/artifacts/)."""

from __future__ import annotations

import csv
import json
import re
import shutil
import subprocess
from pathlib import Path

import openpyxl
import pytest

from assistant.cli import main
from assistant.summarize import (
    BatchResult,
    Indicator,
    ItemStatus,
    Problem,
    ReportSummary,
    aggregate,
    display_width,
    mark_duplicates,
    write_outputs,
)
from tests.helpers import CHROME_FLAGS, chromium_path

CHROMIUM = chromium_path()
AREAS = ["健全政府机构职能体系", "健全依法行政制度体系", "健全行政决策制度体系", "健全行政执法工作体系"]


def _row(n: int, statuses: tuple[str, ...], received: float, sketch: list[int]) -> ReportSummary:
    items = {
        item: ItemStatus(
            item,
            status,
            "二、存在的不足和原因" if item == "shortcomings" else None,
            10 + i * 20 if status != "missing" else None,
            "有独立标题" if status == "present" else "只列问题，未分析原因",
        )
        for i, (item, status) in enumerate(zip(("measures", "shortcomings", "leaders", "next_year", "other"), statuses))
    }
    return ReportSummary(
        file=f"/批次/区{n}_2019年度法治政府建设情况报告.txt",
        sha256=f"{n:064d}",
        title=f"第{n}区2019年度法治政府建设情况的报告",
        issuer=f"深圳市第{n}区人民政府",
        level="county",
        year=2019,
        doc_type="rule_of_law_report",
        script="simplified",
        is_report=True,
        score=70 + n,
        items=items,
        areas={a: ("covered" if j <= n % 4 else "absent") for j, a in enumerate(AREAS)},
        problems=[
            Problem(
                "数字",
                "rate_mismatch",
                "error",
                75,
                "排查18宗，已化解17宗，化解率为95%",
                "按17/18计算化解率为94.4%，与所写95%不符。",
            )
        ]
        if n == 1
        else [],
        figure_problem_count=1 if n == 1 else 0,
        worst_problem="第75行：按17/18计算化解率为94.4%，与所写95%不符。" if n == 1 else None,
        indicators={
            "review_received": Indicator(
                "review_received",
                "行政复议·收案",
                received,
                "件",
                f"{received:g}件",
                31,
                f"全年共收到行政复议申请{received:g}件。",
                None,
                1,
            )
        },
        summary=f"2019年，第{n}区全面推进依法行政，法治政府建设取得新成效。全年共收到行政复议申请{received:g}件。",
        text_hash=f"t{n}",
        sketch=sketch,
    )


@pytest.fixture()
def batch() -> BatchResult:
    rows = [
        _row(n, st, rec, list(range(n * 1000, n * 1000 + 128)))
        for n, st, rec in [
            (1, ("present", "partial", "missing", "present", "missing"), 21),
            (2, ("present", "present", "present", "present", "present"), 19),
            (3, ("present", "missing", "partial", "present", "missing"), 25),
            (4, ("partial", "present", "present", "missing", "missing"), 23),
            (5, ("present", "present", "partial", "present", "missing"), 22),
            (6, ("present", "present", "present", "present", "missing"), 640),
        ]
    ]
    dup = _row(7, ("present",) * 5, 21, list(range(1000, 1128)))
    dup.file = "/批次/区1_繁体副本.txt"
    rows.append(dup)
    rows.append(
        ReportSummary(file="/批次/扫描件.pdf", sha256="f" * 64, ok=False, error="PDF 没有可提取的文字（可能是扫描件）")
    )
    mark_duplicates(rows)
    result = BatchResult(rows=rows, work_file=Path("/批次/汇总.work.jsonl"))
    result.aggregate = aggregate(rows)
    return result


def test_aggregate_counts_and_outliers(batch: BatchResult):
    agg = batch.aggregate
    assert agg["totals"] == {
        "files": 8,
        "ok": 7,
        "failed": 1,
        "reports": 6,
        "not_reports": 0,
        "duplicates": 1,
        "figure_problems": 1,
    }
    assert agg["status_counts"]["leaders"] == {"missing": 1, "partial": 2, "present": 3}
    outliers = agg["indicators"]["review_received"]["outliers"]
    assert [Path(o["file"]).name for o in outliers] == ["区6_2019年度法治政府建设情况报告.txt"]
    assert batch.rows[6].duplicate_of.endswith("区1_2019年度法治政府建设情况报告.txt")


def test_xlsx_reads_back(batch: BatchResult, tmp_path: Path):
    out = write_outputs(batch, tmp_path / "汇总.xlsx")
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames[:3] == ["总表", "指标", "问题清单"]
    ws = wb["总表"]
    header = [c.value for c in ws[1]]
    assert header[:4] == ["序号", "文件", "标题", "发文机关"] and "第一责任人履职情况" in header
    assert ws.freeze_panes == "C2" and ws.auto_filter.ref == f"A1:{ws.cell(1, len(header)).column_letter}9"
    leaders = header.index("第一责任人履职情况") + 1
    assert [ws.cell(r, leaders).value for r in range(2, 8)] == [
        "缺失",
        "已写明",
        "不完整",
        "已写明",
        "不完整",
        "已写明",
    ]
    assert ws.cell(2, header.index("其他需要报告的情况") + 1).value == "无"  # optional item: not a defect
    assert ws.cell(9, header.index("错误/不是报告的原因") + 1).value.startswith("PDF 没有可提取的文字")
    assert "重复" in ws.cell(8, header.index("重复") + 1).value
    # Conditional fills (not static colours) for 缺失/部分 and for failed rows.
    rules = [(str(rng.sqref), r.formula) for rng in ws.conditional_formatting for r in rng.rules]
    assert any('"缺失"' in f[0] for _, f in rules if f) and any('"不完整"' in f[0] for _, f in rules if f)
    assert any("LEN(" in f[0] for _, f in rules if f)
    # Widths fit Chinese: a title longer than its column wraps, and its row is tall enough to show it whole.
    title = display_width("第1区2019年度法治政府建设情况的报告")
    assert ws.column_dimensions["C"].width < title and ws["C2"].alignment.wrap_text
    assert ws.row_dimensions[2].height >= 2 * 14.5
    ind = wb["指标"]
    assert ind.cell(1, 5).value == "行政复议·收案" and ind.cell(2, 5).value == 21
    assert ind.cell(2, 5).comment.text.startswith("第31行：")
    probs = wb["问题清单"]
    first = [c.value for c in probs[2]]
    assert first[:4] == ["区1_2019年度法治政府建设情况报告.txt", "数字", "错误", 75]
    assert first[4] == "排查18宗，已化解17宗，化解率为95%" and "94.4%" in first[5]
    assert probs.freeze_panes == "B2" and probs.auto_filter.ref


def test_xlsx_prints_legibly(batch: BatchResult, tmp_path: Path):
    """The 总表 is too wide for one page at a legible size: it prints landscape at 100 % across pages, with
    序号/文件 and the header row on every page; a narrow sheet is fitted to its page width."""
    wb = openpyxl.load_workbook(write_outputs(batch, tmp_path / "汇总.xlsx"))
    ws = wb["总表"]
    assert ws.page_setup.orientation == "landscape" and int(ws.page_setup.paperSize) == int(ws.PAPERSIZE_A4)
    assert not ws.sheet_properties.pageSetUpPr.fitToPage and int(ws.page_setup.scale) == 100
    assert ws.print_title_rows == "$1:$1" and ws.print_title_cols == "$A:$B"
    assert ws.page_setup.pageOrder == "overThenDown" and "&P" in ws.oddFooter.center.text
    header = [c.value for c in ws[1]]
    leaders = ws.cell(1, header.index("第一责任人履职情况") + 1)
    assert ws.column_dimensions[leaders.column_letter].width < display_width(leaders.value)  # the header wraps
    assert leaders.alignment.wrap_text and ws.row_dimensions[1].height >= 2 * 14.5
    stats = wb["统计"]
    assert stats.page_setup.orientation == "portrait" and stats.sheet_properties.pageSetUpPr.fitToPage
    assert stats.page_setup.fitToWidth == 1 and stats.page_setup.fitToHeight == 0 and stats.print_title_rows


def test_csv_has_bom_and_reads_back(batch: BatchResult, tmp_path: Path):
    out = write_outputs(batch, tmp_path / "汇总.csv")
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(raw.decode("utf-8-sig").splitlines()))
    assert rows[0][:3] == ["序号", "文件", "标题"] and len(rows) == 9
    assert "行政复议·收案" in rows[0] and rows[1][rows[0].index("行政复议·收案")] == "21件"


def test_json_has_reports_and_aggregate(batch: BatchResult, tmp_path: Path):
    data = json.loads(write_outputs(batch, tmp_path / "汇总.json").read_text(encoding="utf-8"))
    assert len(data["reports"]) == 8 and "sketch" not in data["reports"][0]
    assert data["reports"][0]["indicators"]["review_received"]["line"] == 31
    assert data["aggregate"]["totals"]["duplicates"] == 1


def test_unknown_output_format_is_a_clear_error(tmp_path: Path, capsys):
    rc = main(["summarize", str(tmp_path), "--out", str(tmp_path / "汇总.docx")])
    assert rc == 1 and "不支持的输出格式" in capsys.readouterr().err


def _chromium(args: list[str], tmp_path: Path) -> subprocess.CompletedProcess:
    profile = tmp_path / "chrome-profile"
    return subprocess.run(
        [CHROMIUM, "--headless", *CHROME_FLAGS, f"--user-data-dir={profile}", *args],
        capture_output=True,
        text=True,
        timeout=90,
    )


@pytest.mark.slow
@pytest.mark.skipif(CHROMIUM is None, reason="需要 /usr/bin/chromium（apt-get install chromium）")
def test_html_renders_in_headless_chromium(batch: BatchResult, tmp_path: Path, artifacts_dir: Path):
    out = write_outputs(batch, tmp_path / "汇总.html")
    page = out.read_text(encoding="utf-8")
    assert "<script" not in page and "http://" not in page.replace("http://www.w3.org/2000/svg", "")
    dom = _chromium(["--dump-dom", out.as_uri()], tmp_path)
    assert dom.returncode == 0, dom.stderr[-500:]
    # The heatmap: 6 reports (duplicates included, failures not) × (5 items + 4 areas).
    assert len(re.findall(r"<rect ", dom.stdout)) == 7 * 9
    assert "覆盖热力图" in dom.stdout and "排查18宗，已化解17宗，化解率为95%" in dom.stdout
    shot = artifacts_dir / "summarize_report.png"
    shot.unlink(missing_ok=True)
    res = _chromium([f"--screenshot={shot}", "--window-size=1400,1800", out.as_uri()], tmp_path)
    assert res.returncode == 0 and shot.exists(), res.stderr[-500:]
    from PIL import Image

    img = Image.open(shot).convert("RGB")
    assert img.size == (1400, 1800)
    colours = {c for _, c in img.getcolors(maxcolors=1 << 20)}
    assert {(0x4C, 0xAF, 0x50), (0xE5, 0x39, 0x35), (0xFF, 0xC1, 0x07)} <= colours  # heatmap cells drawn


@pytest.mark.corpus
def test_cli_writes_all_four_outputs_for_the_seeds(seeds: dict[str, Path], tmp_path: Path, artifacts_dir: Path):
    folder = Path(next(iter(seeds.values()))).parent
    for ext in ("xlsx", "csv", "json", "html"):
        out = tmp_path / f"seeds.{ext}"
        rc = main(["summarize", str(folder), "--out", str(out), "--workers", "2", "--resume"])
        assert rc == 0 and out.stat().st_size > 1000, ext
    wb = openpyxl.load_workbook(tmp_path / "seeds.xlsx")
    assert wb["总表"].max_row == 6
    data = json.loads((tmp_path / "seeds.json").read_text(encoding="utf-8"))
    assert {r["doc_type"] for r in data["reports"]} == {"rule_of_law_report", "work_plan"}
    shutil.copy(tmp_path / "seeds.html", artifacts_dir / "summarize_seeds.html")


@pytest.mark.corpus
def test_cli_on_the_120_work_reports(work_reports: list[Path], tmp_path: Path):
    folder = work_reports[0].parent
    rc = main(["summarize", str(folder), "--out", str(tmp_path / "work.xlsx"), "--workers", "2"])
    assert rc == 0
    for ext in ("csv", "json", "html"):  # the same work file: only the writing is repeated
        assert main(["summarize", str(folder), "--out", str(tmp_path / f"work.{ext}"), "--resume"]) == 0
    data = json.loads((tmp_path / "work.json").read_text(encoding="utf-8"))
    rows = data["reports"]
    assert len(rows) == 120 and all(r["ok"] for r in rows)
    # 政府工作报告 are a different genre: none is scored as an annual rule-of-law report.
    assert not any(r["is_report"] for r in rows)
    assert {r["doc_type"] for r in rows} == {"gov_work_report"}
    assert data["aggregate"]["totals"]["duplicates"] == 0
    ws = openpyxl.load_workbook(tmp_path / "work.xlsx")["指标"]
    noted = [c for row in ws.iter_rows(min_row=2, min_col=5) for c in row if c.value is not None]
    assert noted and all(c.comment and c.comment.text.startswith("第") for c in noted)


def test_outputs_written_into_the_input_folder_are_not_read_back(seeds: dict[str, Path], tmp_path: Path):
    folder = tmp_path / "报送材料"
    folder.mkdir()
    for sid in ("002", "004"):
        shutil.copy(seeds[sid], folder / seeds[sid].name)
    (folder / "说明.html").write_text("<html><body><p>报送说明：共两份报告。</p></body></html>", encoding="utf-8")
    assert main(["summarize", str(folder), "--out", str(folder / "汇总.xlsx"), "--workers", "1"]) == 0
    assert main(["summarize", str(folder), "--out", str(folder / "汇总.json"), "--resume"]) == 0
    data = json.loads((folder / "汇总.json").read_text(encoding="utf-8"))
    names = sorted(Path(r["file"]).name for r in data["reports"])
    assert names == sorted([seeds["002"].name, seeds["004"].name, "说明.html"])  # a real .html input stays
    assert (folder / "汇总.work.jsonl").exists()
