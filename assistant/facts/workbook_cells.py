"""Reading a 填报表's cells: opening it (refusing another template or version), headers, numbers, dates.

Every problem becomes one Chinese line naming the workbook, the sheet and the cell, collected on the
`CellReader` so a clerk sees all of them at once.
"""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from pathlib import Path
from typing import Any

from assistant.errors import FactsError, FileMissingError, UnsupportedFormatError
from assistant.facts.scalars import number_problem, parse_date
from assistant.facts.workbook_layout import (
    APPROX_CHOICES,
    AREA_NOTES_SHEET,
    BASIC,
    DATA_SHEET,
    MEASURES_SHEET,
    OPTIONS,
    PROBLEMS_SHEET,
    TEMPLATE_MARK,
    TEMPLATE_VERSION,
    Sheet,
)

__all__ = [
    "APPROX_WORDS",
    "SPLIT",
    "CellReader",
    "check_header",
    "open_workbook",
    "cell_date",
    "parse_number",
    "row_cells",
    "cell_text",
]

_NUMBER = re.compile(r"^(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?$")
_NUMBER_WITH_UNIT = re.compile(r"^\d+(\.\d+)?\s*\S+$")
_FULLWIDTH = str.maketrans("０１２３４５６７８９．，％", "0123456789.,%")
SPLIT = re.compile(r"[、，,；;\n]+")
APPROX_WORDS = {**APPROX_CHOICES, "余": "more", "多": "more", "以上": "more", "近": "less", "不足": "less"}
APPROX_WORDS |= {"约": "about", "左右": "about", "more": "more", "less": "less", "about": "about"}


class CellReader:
    """One workbook's sheets as rows of cells, and the errors found reading them."""

    def __init__(self, path: Path, tag_sources: bool) -> None:
        self.path = path
        self.name = path.name
        self.tag_sources = tag_sources
        self.errors: list[str] = []
        self.notes: list[str] = []
        self.sheets: dict[str, list[tuple[Any, ...]]] = {}

    def place(self, sheet: str, cell: str) -> str:
        return f"{self.name} {sheet}!{cell}"

    def error(self, sheet: str, cell: str, message: str) -> None:
        self.errors.append(f"填报表 {self.place(sheet, cell)}：{message}")

    def source(self, written: Any, sheet: str, cell: str) -> str | None:
        text = cell_text(written)
        if text:
            return text
        return self.place(sheet, cell) if self.tag_sources else None


def cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, (dt.datetime, dt.date)):
        return value.strftime("%Y-%m-%d")
    return str(value).strip()


def _cell_value(cell: Any) -> Any:
    """A cell's value; a percentage typed into a %-formatted cell (0.932 shown as 93.2%) as 93.2."""
    value = getattr(cell, "value", cell)
    fmt = getattr(cell, "number_format", "") or ""
    if isinstance(value, (int, float)) and not isinstance(value, bool) and "%" in fmt:
        return ("%", round(value * 100, 10))
    return value


def open_workbook(path: Path, reader: CellReader) -> None:
    from openpyxl import load_workbook

    if not path.is_file():
        raise FileMissingError(f"找不到填报表 {path}")
    if path.suffix.lower() in (".xls", ".et", ".ods"):
        raise UnsupportedFormatError(f"{path.name} 是旧版或其他格式的表格，请在 Excel/WPS 中另存为 .xlsx 后再导入")
    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise FactsError(f"{path.name} 不是 Excel 工作簿（.xlsx），或文件已损坏：{type(exc).__name__}") from None
    try:
        if OPTIONS not in wb.sheetnames:
            raise FactsError(
                f"{path.name} 不是 fazhi 填报表（找不到模板标记）：请用 fazhi facts template 生成填报表后填写，"
                "不要另建工作簿或删除工作表"
            )
        mark = next(wb[OPTIONS].iter_rows(min_row=1, max_row=1, values_only=True), ())
        if not mark or mark[0] != TEMPLATE_MARK:
            raise FactsError(f"{path.name} 的模板标记不对，不是 fazhi 生成的填报表，请用 fazhi facts template 重新生成")
        version = mark[1] if len(mark) > 1 else None
        if version != TEMPLATE_VERSION:
            raise FactsError(
                f"{path.name} 的模板版本为 {version}，本程序读取的是版本 {TEMPLATE_VERSION}："
                "请用 fazhi facts template 生成新的填报表，把内容复制过去后再导入"
            )
        for sheet in (BASIC, *(s.name for s in (MEASURES_SHEET, AREA_NOTES_SHEET, DATA_SHEET, PROBLEMS_SHEET))):
            if sheet not in wb.sheetnames:
                raise FactsError(f"{path.name} 缺少工作表“{sheet}”：请不要删除或改名工作表")
        for name in wb.sheetnames:
            if name != OPTIONS:
                reader.sheets[name] = [tuple(_cell_value(c) for c in row) for row in wb[name].iter_rows()]
    finally:
        wb.close()


def check_header(reader: CellReader, sheet: Sheet) -> bool:
    rows = reader.sheets.get(sheet.name)
    if rows is None:
        return False
    header = rows[0] if rows else ()
    for i, column in enumerate(sheet.columns):
        got = cell_text(header[i]) if i < len(header) else ""
        if got != column.title:
            letter = "ABCDEFGHIJ"[i]
            reader.error(
                sheet.name, f"{letter}1", f"表头应为“{column.title}”，实际为“{got}”（请不要改动表头和列的顺序）"
            )
            return False
    return True


def row_cells(sheet: Sheet, row: tuple[Any, ...]) -> dict[str, Any]:
    cells = list(row) + [None] * (len(sheet.columns) - len(row))
    return {c.title: cells[i] for i, c in enumerate(sheet.columns)}


def parse_number(reader: CellReader, sheet: str, cell: str, value: Any, what: str) -> tuple[float | None, str | None]:
    """(number, unit implied by a %-formatted cell); errors name the cell and quote what was typed."""
    unit = None
    if isinstance(value, tuple):
        unit, value = value
    if isinstance(value, bool) or value is None:
        reader.error(sheet, cell, f"{what}必须是阿拉伯数字，实际为“{cell_text(value)}”")
        return None, None
    written: Any = value
    if not isinstance(value, (int, float)):
        written = str(value).strip().translate(_FULLWIDTH)
        if not _NUMBER.match(written):
            hint = "（数值和单位请分开填写）" if _NUMBER_WITH_UNIT.match(written) else ""
            reader.error(sheet, cell, f"{what}必须是阿拉伯数字，实际为“{str(value).strip()}”{hint}")
            return None, None
    problem = number_problem(written)  # drafted exactly as written, or refused: as in a facts file
    if problem:
        reader.error(sheet, cell, problem)
        return None, None
    number = float(str(written).replace(",", "")) if isinstance(written, str) else float(written)
    if number < 0:
        reader.error(sheet, cell, f"{what}不能是负数（下降、减少请写在指标名称里），实际为 {number:g}")
        return None, None
    return number, unit


def cell_date(value: Any) -> dt.date:
    """A date cell: a real date, an Excel serial day (a date typed into a cell formatted as a number),
    or text read as a facts file reads it (2025-02-26, 2025/2/26, 2025年2月26日); ValueError says why not."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool) and 30000 < value < 80000:
        return dt.date(1899, 12, 30) + dt.timedelta(days=int(value))
    parsed = parse_date(cell_text(value))
    if not isinstance(parsed, dt.date):
        raise ValueError(f"“{cell_text(value)}”不是日期，格式应为 YYYY-MM-DD（如 2025-02-26）")
    return parsed
    return None
