"""The .xlsx workbook a reviewer works in: 总表, 指标, 问题清单, 纲要领域, 统计.

Fills for 缺失/部分/错误 are conditional-formatting rules, not static colours, so they follow the
rows when the reviewer sorts or filters.
"""

from __future__ import annotations

import math
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
WRAP_AT = 30  # columns whose text is wider than this wrap instead of growing
PARAGRAPH_AT = 60  # …but a column of paragraphs (摘要) gets twice the room, or each row would be pages tall
HEADER_AT = 10  # a long header wraps over a short column ("第一责任人履职情况" over 已写明/缺失)
# What an A4 page holds at 100 %, in column-width units, with the 1 cm side margins set below.
PAGE_WIDTH = {"portrait": 100, "landscape": 150}
MIN_SCALE = 0.8  # fit a sheet to the page width only when its text stays at least this large (11 pt → 9 pt)


def _sheet(
    wb: Workbook, title: str, header: list[str], rows: list[list[Any]], *, freeze: str = "A2", key_columns: int = 1
) -> Worksheet:
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
    print_setup(ws, key_columns)
    return ws


def _fit_widths(ws: Worksheet, header: list[str], rows: list[list[Any]]) -> None:
    for col, title in enumerate(header, 1):
        widest = min(display_width(str(title)), HEADER_AT)
        for row in rows[:500]:
            value = row[col - 1] if col - 1 < len(row) else ""
            widest = max(widest, display_width(str(value if value is not None else "")))
        letter = get_column_letter(col)
        ws.column_dimensions[letter].width = min(widest, PARAGRAPH_AT if widest > 4 * WRAP_AT else WRAP_AT) + 2
        for cell in ws[letter][1:]:  # long text wraps; every row reads from the top of its cells
            cell.alignment = Alignment(wrap_text=widest > WRAP_AT, vertical="top")
    _fit_heights(ws)


LINE_HEIGHT = 14.5  # points per line of 11 pt text
CJK_UNITS = 1.75  # a Chinese character takes about 1.75 column-width units (display_width counts 2)
MAX_HEIGHT = 400.0  # Excel's limit is 409 points


def _fit_heights(ws: Worksheet) -> None:
    """Row heights for wrapped text: spreadsheet programs print a row at its stored height, so a wrapped header
    or title would show one line and hide the rest."""
    widths = {c: (ws.column_dimensions[c].width or 9) - 2 for c in ws.column_dimensions}
    for row in ws.iter_rows():
        lines = 1
        for cell in row:
            if cell.value is None or not (cell.alignment and cell.alignment.wrap_text):
                continue
            per_line = max(widths.get(cell.column_letter, 7), 1)
            paragraphs = str(cell.value).split("\n")  # each paragraph of the cell wraps on its own
            need = [math.ceil(display_width(part) * CJK_UNITS / 2 / per_line) for part in paragraphs]
            lines = max(lines, sum(max(n, 1) for n in need))
        if lines > 1:
            ws.row_dimensions[row[0].row].height = min(lines * LINE_HEIGHT, MAX_HEIGHT)


def print_setup(ws: Worksheet, key_columns: int = 1) -> None:
    """Printing (or PDF export) that stays legible: a sheet that fits the page at ≥ 80 % is fitted to its width
    (portrait when narrow, landscape otherwise); a wider one prints landscape at full size across pages, with
    its key columns (序号, 文件) and header row repeated on every page. Page numbers in the footer."""
    letters = [get_column_letter(c) for c in range(1, ws.max_column + 1)]
    total = sum(ws.column_dimensions[c].width or 9 for c in letters)
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "portrait" if total <= PAGE_WIDTH["portrait"] else "landscape"
    fits = total <= PAGE_WIDTH[ws.page_setup.orientation] / MIN_SCALE
    ws.sheet_properties.pageSetUpPr.fitToPage = fits
    if fits:
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0
    else:
        ws.page_setup.scale = 100
        ws.page_setup.pageOrder = "overThenDown"  # a row's other columns on the next sheet of paper
        ws.print_title_cols = f"A:{letters[key_columns - 1]}"
    ws.print_title_rows = "1:1"
    ws.page_margins.left = ws.page_margins.right = 0.4  # inches: 1 cm
    ws.page_margins.top = ws.page_margins.bottom = 0.6
    ws.print_options.gridLines = True
    ws.oddFooter.center.text = "&A　第 &P 页，共 &N 页"


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
    ws = _sheet(wb, "总表", header, rows, freeze="C2", key_columns=2)
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
    ws = _sheet(wb, "指标", indicator_header(), rows, freeze="C2", key_columns=2)
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
        ws.column_dimensions[get_column_letter(col)].width = max(min(display_width(spec.title), 14) + 2, 10)
    print_setup(ws, key_columns=2)  # again: the indicator columns were resized


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
    ws = _sheet(wb, "纲要领域", ["文件", "发文机关"] + names, rows, freeze="C2", key_columns=1)
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
