"""Writing the 填报表: the empty template staff fill, or a facts file exported for editing in Excel.

Both are the same workbook (workbook_layout), so whatever is exported imports back unchanged. The
template guides without a manual: Chinese instructions first, dropdowns for the 纲要 area, level,
unit and 约数, number-only cells that refuse “六十四件”, frozen headers, widths that fit Chinese text,
and a hidden sheet with the lists and the template version.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from assistant.facts.dump import atomic_write
from assistant.facts.schema import Facts, Item, NamedFigure
from assistant.facts.workbook_layout import (
    APPROX_CHOICES,
    AREA_NOTES_SHEET,
    BASIC,
    BASIC_FIELDS,
    DATA_SHEET,
    INSTRUCTIONS,
    INSTRUCTIONS_TEXT,
    ITEM_SHEETS,
    KIND_CHOICES,
    LEVEL_CHOICES,
    MEASURES_SHEET,
    OPTIONS,
    POINT_SHEETS,
    PROBLEMS_SHEET,
    TEMPLATE_MARK,
    TEMPLATE_VERSION,
    UNIT_CHOICES,
    Sheet,
    area_choices,
)
from assistant.mandates import load_mandates
from assistant.vocabulary import LEVEL_NAMES, display_width

__all__ = ["export_workbook", "write_template"]

_HEADER_FILL = "DDEBF7"
_REQUIRED_FILL = "FFF2CC"
_EXTRA_ROWS = 50  # blank prepared rows after exported content, for what staff add


def _approx_word(approx: str | None) -> str | None:
    return next((word for word, value in APPROX_CHOICES.items() if value == approx), None) if approx else None


def _number(value: float) -> int | float:
    return int(value) if float(value).is_integer() else float(value)


class _Rows:
    """The rows of each table sheet, gathered from the facts before anything is written."""

    def __init__(self) -> None:
        self.tables: dict[str, list[list[Any]]] = {sheet.name: [] for sheet in POINT_SHEETS}

    def figure(self, section: str, number: int | None, fig: NamedFigure) -> None:
        self.tables[DATA_SHEET.name].append(
            [section, number, fig.name, _number(fig.value), fig.unit, fig.part_of, _approx_word(fig.approx), fig.source]
        )


def _collect(facts: Facts) -> _Rows:
    rows = _Rows()
    n = 0
    for area in facts.items.measures.areas:
        if area.heading is not None or area.summary is not None:
            rows.tables[AREA_NOTES_SHEET.name].append([area.area, area.heading, area.summary])
        for point in area.points:
            n += 1
            rows.tables[MEASURES_SHEET.name].append([n, area.area, point.text, point.source])
            for fig in point.figures:
                rows.figure(area.area, n, fig)
        for fig in area.figures:
            rows.figure(area.area, None, fig)
    for i, problem in enumerate(facts.items.shortcomings.problems, 1):
        rows.tables[PROBLEMS_SHEET.name].append([i, problem.problem, problem.cause, problem.source])
    for key, sheet in ITEM_SHEETS.items():
        item: Item | None = getattr(facts.items, key)
        if item is None:
            continue
        for i, point in enumerate(item.points, 1):
            rows.tables[sheet.name].append([i, point.text, point.source])
            for fig in point.figures:
                rows.figure(sheet.name, i, fig)
        for fig in item.figures:
            rows.figure(sheet.name, None, fig)
    return rows


def _basic_values(facts: Facts) -> dict[str, Any]:
    items = facts.items
    values: dict[str, Any] = {
        "unit": facts.unit,
        "level": LEVEL_NAMES.get(facts.level, facts.level),
        "kind": next(word for word, kind in KIND_CHOICES.items() if kind == facts.kind),
        "year": facts.year,
        "recipients": "、".join(facts.recipients),
        "date": facts.date,
        "title": facts.title,
        "signer": facts.signer,
        "preamble": facts.preamble,
        "summary.measures": items.measures.summary,
        "summary.shortcomings": items.shortcomings.summary,
        "summary.leaders": items.leaders.summary,
        "summary.next_year": items.next_year.summary,
        "summary.other": items.other.summary if items.other is not None else None,
    }
    return values


def _put(ws: Any, row: int, col: int, value: Any) -> Any:
    cell = ws.cell(row=row, column=col, value=value)
    if isinstance(value, str) and value.startswith("="):  # text, never a formula
        cell.data_type = "s"
    return cell


def _header(ws: Any, titles: list[str]) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill

    fill = PatternFill("solid", start_color=_HEADER_FILL, end_color=_HEADER_FILL)
    for col, title in enumerate(titles, 1):
        cell = _put(ws, 1, col, title)
        cell.font = Font(bold=True)
        cell.fill = fill
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    ws.freeze_panes = "A2"
    ws.row_dimensions[1].height = 30


def _print_setup(ws: Any) -> None:
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.print_title_rows = "1:1"


def _validation(ws: Any, cells: str, kind: str | None, *, title: str, prompt: str, error: str, **kw: Any) -> None:
    from openpyxl.worksheet.datavalidation import DataValidation

    dv = DataValidation(type=kind, allow_blank=True, showInputMessage=True, showErrorMessage=True, **kw)
    dv.promptTitle, dv.prompt = title[:32], prompt[:255]
    dv.errorTitle, dv.error = "填写有误", error[:255]
    dv.add(cells)
    ws.add_data_validation(dv)


def _options_sheet(wb: Any, areas: list[str], sections: list[str], year: int | None) -> dict[str, str]:
    """The hidden lists the dropdowns read, with the template mark; returns each list's range."""
    ws = wb.create_sheet(OPTIONS)
    _put(ws, 1, 1, TEMPLATE_MARK)
    _put(ws, 1, 2, TEMPLATE_VERSION)
    _put(ws, 1, 3, year)
    lists = {
        "area": ("纲要领域", areas),
        "section": ("所属部分", sections),
        "level": ("层级", list(LEVEL_CHOICES)),
        "kind": ("单位类型", list(KIND_CHOICES)),
        "unit": ("单位", list(UNIT_CHOICES)),
        "approx": ("约数", list(APPROX_CHOICES)),
    }
    ranges = {}
    for col, (key, (title, values)) in enumerate(lists.items(), 1):
        letter = "ABCDEFGHIJ"[col - 1]
        _put(ws, 2, col, title)
        for row, value in enumerate(values, 3):
            _put(ws, row, col, value)
        ranges[key] = f"'{OPTIONS}'!${letter}$3:${letter}${max(3, 2 + len(values))}"
    ws.sheet_state = "hidden"
    return ranges


def _instructions(ws: Any, framework: str) -> None:
    from openpyxl.styles import Alignment, Font

    ws.title = INSTRUCTIONS
    _put(ws, 1, 1, "法治政府建设年度报告填报表 · 填写说明").font = Font(bold=True, size=16)
    for i, line in enumerate(INSTRUCTIONS_TEXT, 1):
        cell = _put(ws, i + 2, 1, f"{i}. {line}")
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    last = len(INSTRUCTIONS_TEXT) + 4
    _put(ws, last, 1, f"纲要领域按{framework}。").alignment = Alignment(wrap_text=True)
    _put(ws, last + 1, 1, f"模板版本：{TEMPLATE_VERSION}（由 fazhi facts template 生成，请勿删除任何工作表）")
    ws.column_dimensions["A"].width = 120


def _basic_sheet(wb: Any, values: dict[str, Any], ranges: dict[str, str]) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill

    ws = wb.create_sheet(BASIC)
    _header(ws, ["项目", "填写内容", "说明"])
    required = PatternFill("solid", start_color=_REQUIRED_FILL, end_color=_REQUIRED_FILL)
    for row, field in enumerate(BASIC_FIELDS, 2):
        label = _put(ws, row, 1, field.label)
        if field.required:
            label.fill = required
            label.font = Font(bold=True)
        value = _put(ws, row, 2, values.get(field.key))
        value.alignment = Alignment(wrap_text=True, vertical="top")
        if field.key == "date":
            value.number_format = "yyyy-mm-dd"
        _put(ws, row, 3, field.note).alignment = Alignment(wrap_text=True, vertical="top")
    rows = {f.key: row for row, f in enumerate(BASIC_FIELDS, 2)}
    for key, title, prompt, error in (
        ("level", "层级", "从列表选择", "请从列表中选择层级"),
        ("kind", "单位类型", "政府或政府部门", "请选择“政府”或“政府部门”"),
    ):
        _validation(ws, f"B{rows[key]}", "list", formula1=ranges[key], title=title, prompt=prompt, error=error)
    _validation(
        ws,
        f"B{rows['year']}",
        "whole",
        operator="between",
        formula1="2000",
        formula2="2100",
        title="报告年度",
        prompt="四位数字，如 2024",
        error="报告年度应为四位数字，如 2024",
    )
    ws.column_dimensions["A"].width = 28
    ws.column_dimensions["B"].width = 60
    ws.column_dimensions["C"].width = 64
    _print_setup(ws)


def _table_sheet(wb: Any, sheet: Sheet, rows: list[list[Any]], ranges: dict[str, str]) -> None:
    from openpyxl.styles import Alignment

    ws = wb.create_sheet(sheet.name)
    _header(ws, [c.title for c in sheet.columns])
    numbered = sheet.columns[0].title == "序号"
    total = max(sheet.rows, len(rows) + _EXTRA_ROWS)
    widest = [display_width(c.title) for c in sheet.columns]
    for r in range(total):
        values = rows[r] if r < len(rows) else ([r + 1] if numbered else [])
        for col, value in enumerate(values, 1):
            if value is not None and value != "":
                _put(ws, r + 2, col, value)
                widest[col - 1] = max(widest[col - 1], display_width(str(value)))
    for col, column in enumerate(sheet.columns, 1):
        letter = "ABCDEFGHIJ"[col - 1]
        width = column.width if column.wrap else max(column.width, min(widest[col - 1] + 2, 60))
        ws.column_dimensions[letter].width = width
        if column.wrap:
            for (cell,) in ws.iter_rows(min_row=2, max_row=total + 1, min_col=col, max_col=col):
                cell.alignment = Alignment(wrap_text=True, vertical="top")
    last = total + 1
    _sheet_validations(ws, sheet, last, ranges)
    _print_setup(ws)


# Per column title: (validation type, list key or bounds, stop on error?, error message). A list with
# a warning lets staff keep an area or unit of their own after confirming.
_RULES: dict[str, tuple[str, str, bool, str]] = {
    "序号": ("whole", ">=1", True, "序号应为正整数，请勿改动"),
    "要点序号": ("whole", ">=1", True, "要点序号应为正整数（该部分工作表中要点的序号）"),
    "数值": ("decimal", ">=0", True, "数值必须是阿拉伯数字（如 86 或 99.2），不带单位、不写汉字"),
    "纲要领域": ("list", "area", False, "不在列表中：确定要填写列表以外的领域吗？"),
    "所属部分": ("list", "section", False, "不在列表中：确定要填写列表以外的部分吗？"),
    "单位": ("list", "unit", False, "不在列表中：确定使用这个单位吗？"),
    "约数": ("list", "approx", True, "请从列表中选择；确数不填"),
}


def _sheet_validations(ws: Any, sheet: Sheet, last: int, ranges: dict[str, str]) -> None:
    """Every column explains itself when selected; numbers and lists are checked as they are typed."""
    for col in sheet.columns:
        letter = sheet.letter(col.title)
        cells = f"{letter}2:{letter}{last}"
        prompt = col.note or col.title
        rule = _RULES.get(col.title)
        if rule is None:
            _validation(ws, cells, None, title=col.title, prompt=prompt, error="")
            continue
        kind, spec, stop, error = rule
        style = {} if stop else {"errorStyle": "warning"}
        if kind == "list":
            _validation(ws, cells, kind, formula1=ranges[spec], title=col.title, prompt=prompt, error=error, **style)
        else:
            bound = spec.removeprefix(">=")
            _validation(
                ws,
                cells,
                kind,
                operator="greaterThanOrEqual",
                formula1=bound,
                title=col.title,
                prompt=prompt,
                error=error,
            )


def _build(facts: Facts | None, year: int | None) -> Any:
    from openpyxl import Workbook

    year = facts.year if facts is not None else year
    areas = area_choices(year)
    wb = Workbook()
    area_set = load_mandates().area_set(year)
    _instructions(wb.active, area_set.name if area_set else "《法治政府建设实施纲要》")
    area_names = [a.name for a in areas]
    sections = area_names + [sheet.name for sheet in ITEM_SHEETS.values()]
    ranges = _options_sheet(wb, area_names, sections, year)
    _basic_sheet(wb, _basic_values(facts) if facts is not None else {}, ranges)
    rows = _collect(facts) if facts is not None else _Rows()
    for sheet in POINT_SHEETS:
        _table_sheet(wb, sheet, rows.tables[sheet.name], ranges)
    wb.move_sheet(OPTIONS, offset=len(wb.sheetnames))
    wb.active = 0
    return wb


def write_template(path: Path, year: int | None = None) -> None:
    """An empty 填报表 for the 纲要 in force in `year` (the newest when None)."""
    wb = _build(None, year)
    atomic_write(Path(path), lambda tmp: wb.save(tmp))


def export_workbook(facts: Facts, path: Path) -> None:
    """The facts as a filled 填报表 (what `import` reads back into the same facts)."""
    wb = _build(facts, None)
    atomic_write(Path(path), lambda tmp: wb.save(tmp))
