"""The .xlsx workbook a reviewer works in: 总表, 指标, 问题清单, 纲要领域, 统计.

Fills for 缺失/部分/错误 are conditional-formatting rules, not static colours, so they follow the
rows when the reviewer sorts or filters.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.formatting.rule import CellIsRule, FormulaRule
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from assistant.summarize.batch import BatchResult
from assistant.summarize.indicators import SPECS
from assistant.summarize.outputs.common import (
    area_names,
    indicator_header,
    overview_header,
    overview_row,
    problem_rows,
    with_llm,
)
from assistant.vocabulary import ITEM_IDS, ITEM_NAMES, display_width, status_name

RED = PatternFill("solid", start_color="F8CBAD", end_color="F8CBAD")
YELLOW = PatternFill("solid", start_color="FFE699", end_color="FFE699")
GREEN = PatternFill("solid", start_color="C6EFCE", end_color="C6EFCE")
GREY = PatternFill("solid", start_color="E7E6E6", end_color="E7E6E6")
PINK = PatternFill("solid", start_color="FFC7CE", end_color="FFC7CE")
HEADER = PatternFill("solid", start_color="DDEBF7", end_color="DDEBF7")
WRAP_AT = 40  # columns wider than this wrap instead of growing


def _sheet(wb: Workbook, title: str, header: list[str], rows: list[list[Any]], *, freeze: str = "A2") -> Worksheet:
    ws = wb.create_sheet(title)
    ws.append(header)
    for row in rows:
        ws.append(row)
    for cell in ws[1]:
        cell.font = Font(bold=True)
        cell.fill = HEADER
        cell.alignment = Alignment(vertical="center", wrap_text=True)
    ws.freeze_panes = freeze
    if rows:
        ws.auto_filter.ref = f"A1:{get_column_letter(len(header))}{len(rows) + 1}"
    _fit_widths(ws, header, rows)
    # Printing (or PDF export): A4 landscape, all columns on one page width, header on every page.
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.print_title_rows = "1:1"
    return ws


def _fit_widths(ws: Worksheet, header: list[str], rows: list[list[Any]]) -> None:
    for col, title in enumerate(header, 1):
        widest = display_width(str(title))
        for row in rows[:500]:
            value = row[col - 1] if col - 1 < len(row) else ""
            widest = max(widest, display_width(str(value if value is not None else "")))
        letter = get_column_letter(col)
        ws.column_dimensions[letter].width = min(widest, WRAP_AT) + 2
        if widest > WRAP_AT:
            for cell in ws[letter][1:]:
                cell.alignment = Alignment(wrap_text=True, vertical="top")


def _status_rules(ws: Worksheet, cells: str) -> None:
    ws.conditional_formatting.add(
        cells, CellIsRule(operator="equal", formula=[f'"{status_name("missing")}"'], fill=RED)
    )
    ws.conditional_formatting.add(
        cells, CellIsRule(operator="equal", formula=[f'"{status_name("partial")}"'], fill=YELLOW)
    )
    ws.conditional_formatting.add(
        cells, CellIsRule(operator="equal", formula=[f'"{status_name("present")}"'], fill=GREEN)
    )
    ws.conditional_formatting.add(cells, CellIsRule(operator="equal", formula=[f'"{status_name("n/a")}"'], fill=GREY))
    for status, fill in (("covered", GREEN), ("thin", YELLOW), ("absent", RED)):
        ws.conditional_formatting.add(
            cells, CellIsRule(operator="equal", formula=[f'"{status_name(status)}"'], fill=fill)
        )


def _overview(wb: Workbook, result: BatchResult) -> None:
    llm = with_llm(result.rows)
    header = overview_header(llm)
    rows = [overview_row(n, r, llm) for n, r in enumerate(result.rows, 1)]
    ws = _sheet(wb, "总表", header, rows, freeze="C2")
    last = len(rows) + 1
    if not rows:
        return
    first_item = header.index(ITEM_NAMES[ITEM_IDS[0]]) + 1
    last_item = header.index(ITEM_NAMES[ITEM_IDS[-1]]) + 1
    _status_rules(ws, f"{get_column_letter(first_item)}2:{get_column_letter(last_item)}{last}")
    err = get_column_letter(header.index("错误/不是报告的原因") + 1)
    problems = get_column_letter(header.index("数字问题数") + 1)
    whole = f"A2:{get_column_letter(len(header))}{last}"
    failed = get_column_letter(header.index("年度报告") + 1)
    ws.conditional_formatting.add(whole, FormulaRule(formula=[f'AND(LEN(${err}2)>0,${failed}2="")'], fill=PINK))
    ws.conditional_formatting.add(
        f"{problems}2:{problems}{last}", CellIsRule(operator="greaterThan", formula=["0"], fill=RED)
    )
    if llm:
        flags = get_column_letter(header.index("LLM摘要数字核查") + 1)
        ws.conditional_formatting.add(
            f"{flags}2:{flags}{last}", FormulaRule(formula=[f'AND(LEN({flags}2)>0,{flags}2<>"通过")'], fill=RED)
        )


def _indicators(wb: Workbook, result: BatchResult) -> None:
    outliers = {
        (o["file"], key)
        for key, info in result.aggregate.get("indicators", {}).items()
        for o in info.get("outliers", [])
    }
    rows = []
    for n, r in enumerate(result.rows, 1):
        values: list[Any] = [n, Path(r.file).name, r.issuer or "", r.year or ""]
        values += [r.indicators[s.key].value if s.key in r.indicators else None for s in SPECS]
        rows.append(values)
    ws = _sheet(wb, "指标", indicator_header(), rows, freeze="C2")
    for row_no, r in enumerate(result.rows, 2):
        for col, spec in enumerate(SPECS, 5):
            ind = r.indicators.get(spec.key)
            if not ind:
                continue
            cell = ws.cell(row=row_no, column=col)
            cell.number_format = "0.0#" if ind.unit in ("%", "‰") else "#,##0.##"
            note = f"第{ind.line}行：{ind.sentence}" + (
                f"（另有{ind.candidates - 1}处候选）" if ind.candidates > 1 else ""
            )
            cell.comment = Comment(note, "fazhi", width=320, height=120)
            if (r.file, spec.key) in outliers:
                cell.fill = YELLOW
    for col, spec in enumerate(SPECS, 5):
        ws.column_dimensions[get_column_letter(col)].width = max(display_width(spec.title) + 2, 10)


def _problems(wb: Workbook, result: BatchResult) -> None:
    rows = problem_rows(result.rows)
    ws = _sheet(wb, "问题清单", ["文件", "类别", "严重程度", "行", "原文", "说明"], rows, freeze="B2")
    if rows:
        last = len(rows) + 1
        ws.conditional_formatting.add(f"C2:C{last}", CellIsRule(operator="equal", formula=['"错误"'], fill=RED))
        ws.conditional_formatting.add(f"C2:C{last}", CellIsRule(operator="equal", formula=['"提示"'], fill=YELLOW))


def _areas(wb: Workbook, result: BatchResult) -> None:
    names = area_names(result.rows)
    rows = []
    for r in result.rows:
        if r.ok and r.is_report:
            rows.append([Path(r.file).name, r.issuer or ""] + [status_name(r.areas.get(a, "")) for a in names])
    ws = _sheet(wb, "纲要领域", ["文件", "发文机关"] + names, rows, freeze="C2")
    if rows and names:
        _status_rules(ws, f"C2:{get_column_letter(len(names) + 2)}{len(rows) + 1}")


def _stats(wb: Workbook, result: BatchResult) -> None:
    agg = result.aggregate
    rows: list[list[Any]] = [["合计", k, v, ""] for k, v in _totals_cn(agg.get("totals", {}))]
    for item, counts in agg.get("status_counts", {}).items():
        for status, n in counts.items():
            rows.append(["法定内容", ITEM_NAMES.get(item, item), n, status_name(status)])
    for area, n in agg.get("area_counts", {}).items():
        rows.append(["纲要领域覆盖", area, n, "份报告涉及"])
    for info in agg.get("indicators", {}).values():
        rows.append(
            ["指标", info["title"], info["count"], f"中位数 {info['median']:g}，范围 {info['min']:g}–{info['max']:g}"]
        )
        for o in info["outliers"]:
            rows.append(["异常值", info["title"], o["value"], f"{Path(o['file']).name}：{o['reason']}"])
    _sheet(wb, "统计", ["类别", "项目", "数量/数值", "说明"], rows)


def _totals_cn(totals: dict[str, Any]) -> list[tuple[str, Any]]:
    names = {
        "files": "文件数",
        "ok": "成功处理",
        "failed": "处理失败",
        "reports": "年度报告（不含重复）",
        "not_reports": "不是年度报告",
        "duplicates": "重复文件",
        "figure_problems": "数字问题合计",
    }
    return [(names.get(k, k), v) for k, v in totals.items()]


def write_xlsx(result: BatchResult, out: Path) -> None:
    wb = Workbook()
    wb.remove(wb.active)
    _overview(wb, result)
    _indicators(wb, result)
    _problems(wb, result)
    _areas(wb, result)
    _stats(wb, result)
    wb.save(out)
