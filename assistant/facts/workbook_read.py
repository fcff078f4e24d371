"""Reading filled 填报表 back into facts: every error names the workbook, the sheet and the cell.

A clerk fixes a workbook from the message alone ("数据!D7：数值必须是阿拉伯数字，实际为“六十四件”"), so
nothing is guessed: text in a number cell, a figure pointing at a point that does not exist, a
workbook made from another template version — each is reported with its place, all at once, and
nothing is written until every workbook reads cleanly.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from assistant.errors import FactsError
from assistant.facts.merge import Piece, fail, merge_pieces
from assistant.facts.schema import Facts, NamedFigure, Point, Problem
from assistant.facts.workbook_cells import (
    APPROX_WORDS,
    SPLIT,
    CellReader,
    cell_date,
    cell_text,
    check_header,
    open_workbook,
    parse_number,
    row_cells,
)
from assistant.facts.workbook_layout import (
    APPROX_CHOICES,
    AREA_NOTES_SHEET,
    BASIC,
    BASIC_FIELDS,
    DATA_SHEET,
    ITEM_SHEETS,
    KIND_CHOICES,
    MEASURES_SHEET,
    PROBLEMS_SHEET,
    SECTION_ITEMS,
    Sheet,
    area_choices,
)
from assistant.mandates import match_area

__all__ = ["import_workbooks", "read_workbook"]


def _basic(reader: CellReader, piece: Piece) -> None:
    rows = reader.sheets[BASIC]
    for n, spec in enumerate(BASIC_FIELDS, 2):
        row = rows[n - 1] if n - 1 < len(rows) else ()
        label = cell_text(row[0]) if row else ""
        if label != spec.label:
            reader.error(BASIC, f"A{n}", f"应为“{spec.label}”，实际为“{label}”（请不要增删或调换基本信息的行）")
            continue
        raw = row[1] if len(row) > 1 else None
        raw = raw[1] if isinstance(raw, tuple) else raw
        value: Any = cell_text(raw) or None
        cell = f"B{n}"
        if value is not None and spec.key == "year":
            text = value.removesuffix("年度").removesuffix("年")
            if not (text.isdigit() and len(text) == 4 and 2000 <= int(text) <= 2100):
                reader.error(BASIC, cell, f"报告年度必须是四位数字的年份，如 2024，实际为“{value}”")
                continue
            value = int(text)
        elif value is not None and spec.key == "date":
            try:
                value = cell_date(raw)
            except ValueError as exc:
                reader.error(BASIC, cell, f"成文日期{exc}")
                continue
        elif value is not None and spec.key == "kind":
            if value not in KIND_CHOICES and value not in KIND_CHOICES.values():
                reader.error(BASIC, cell, f"单位类型应为“政府”或“政府部门”，实际为“{value}”")
                continue
            value = KIND_CHOICES.get(value, value)
        elif value is not None and spec.key == "recipients":
            value = [r.strip() for r in SPLIT.split(value) if r.strip()]
        elif value is not None and spec.key == "unit" and len(value) < 2:
            reader.error(BASIC, cell, f"报告单位应写全称，实际为“{value}”")
            continue
        piece.basics[spec.key] = (value, reader.place(BASIC, cell))


def _points(reader: CellReader, piece: Piece, sheet: Sheet, section: str | None) -> dict[int, Point]:
    """Points of 主要举措 (section None: each row names its area) or of an item sheet, by 序号."""
    numbered: dict[int, Point] = {}
    first_row: dict[int, int] = {}
    text_title = sheet.columns[2 if section is None else 1].title
    for n, row in enumerate(reader.sheets.get(sheet.name, [])[1:], 2):
        cells = row_cells(sheet, row)
        text = cell_text(cells[text_title])
        area = cell_text(cells.get("纲要领域")) if section is None else section
        source = cell_text(cells[sheet.columns[-1].title])
        if not text and not (section is None and area) and not source:
            continue
        text_cell = f"{sheet.letter(text_title)}{n}"
        if not text:
            reader.error(sheet.name, text_cell, f"{text_title}未填写" + (f"（已选领域“{area}”）" if area else ""))
            continue
        if len(text) < 2:
            reader.error(sheet.name, text_cell, f"{text_title}太短：“{text}”")
            continue
        if not area:
            reader.error(sheet.name, f"B{n}", "请选择这条要点所属的纲要领域")
            continue
        point = Point(text=text, source=reader.source(source, sheet.name, text_cell))
        if section is None:
            piece.area(area).points.append(point)
        else:
            piece.item(SECTION_ITEMS[section]).points.append(point)
        number = cells["序号"]
        if number is None or cell_text(number) == "":
            continue
        value, _ = parse_number(reader, sheet.name, f"A{n}", number, "序号")
        if value is None:
            continue
        if int(value) in numbered:
            reader.error(sheet.name, f"A{n}", f"序号 {int(value)} 与第{first_row[int(value)]}行重复")
            continue
        numbered[int(value)], first_row[int(value)] = point, n
    return numbered


def _area_notes(reader: CellReader, piece: Piece) -> None:
    sheet = AREA_NOTES_SHEET
    for n, row in enumerate(reader.sheets[sheet.name][1:], 2):
        cells = row_cells(sheet, row)
        area, heading, summary = (cell_text(cells[c.title]) for c in sheet.columns)
        if not (area or heading or summary):
            continue
        if not area:
            reader.error(sheet.name, f"A{n}", "请选择这一行所说的纲要领域")
            continue
        target = piece.area(area)
        if heading:
            target.heading = (heading, reader.place(sheet.name, f"B{n}"))
        if summary:
            target.summary = (summary, reader.place(sheet.name, f"C{n}"))


def _problems(reader: CellReader, piece: Piece) -> None:
    sheet = PROBLEMS_SHEET
    for n, row in enumerate(reader.sheets[sheet.name][1:], 2):
        cells = row_cells(sheet, row)
        problem, cause, source = (cell_text(cells[c.title]) for c in sheet.columns[1:])
        if not (problem or cause or source):
            continue
        if len(problem) < 2:
            reader.error(sheet.name, f"B{n}", "存在的不足未填写" + (f"（原因为“{cause[:20]}”）" if cause else ""))
            continue
        piece.problems.append(
            Problem(problem=problem, cause=cause or None, source=reader.source(source, sheet.name, f"B{n}"))
        )


class _Targets:
    """Where a 数据 row can attach: numbered points per section, area-level and item-level lists."""

    def __init__(self, piece: Piece, measures: dict[int, Point], items: dict[str, dict[int, Point]]) -> None:
        self.piece = piece
        self.measures = measures
        self.items = items
        self.point_area = {id(p): a.area for a in piece.areas for p in a.points}
        self.choices = area_choices(None)

    def same_area(self, a: str, b: str) -> bool:
        spec_a, spec_b = match_area(a, self.choices), match_area(b, self.choices)
        return a.strip() == b.strip() or (spec_a is not None and spec_a is spec_b)


def _figure(reader: CellReader, n: int, cells: dict[str, Any]) -> NamedFigure | None:
    sheet, letter = DATA_SHEET.name, DATA_SHEET.letter
    name = cell_text(cells["指标名称"])
    raw_value = cells["数值"]
    if not name:
        reader.error(sheet, f"{letter('指标名称')}{n}", f"指标名称未填写（数值为“{cell_text(raw_value)}”）")
        return None
    if raw_value is None or cell_text(raw_value) == "":
        reader.error(sheet, f"{letter('数值')}{n}", f"数值未填写（指标“{name}”）")
        return None
    value, implied_unit = parse_number(reader, sheet, f"{letter('数值')}{n}", raw_value, "数值")
    if value is None:
        return None
    unit = cell_text(cells["单位"]) or implied_unit or ""
    if not unit:
        unit_cell = reader.place(sheet, f"{letter('单位')}{n}")
        reader.notes.append(f"填报表 {unit_cell}：指标“{name}”没有填写单位。")
    approx_text = cell_text(cells["约数"])
    approx = APPROX_WORDS.get(approx_text) if approx_text and approx_text != "无" else None
    if approx_text and approx_text != "无" and approx is None:
        choices = "、".join(APPROX_CHOICES)
        reader.error(sheet, f"{letter('约数')}{n}", f"约数应为 {choices} 之一（确数不填），实际为“{approx_text}”")
        return None
    part_of = cell_text(cells["其中（所属总数）"]) or None
    source = reader.source(cells["来源（可不填）"], sheet, f"{letter('数值')}{n}")
    return NamedFigure(name=name, value=value, unit=unit, part_of=part_of, approx=approx, source=source)  # type: ignore[arg-type]


def _data(reader: CellReader, piece: Piece, targets: _Targets) -> None:
    sheet = DATA_SHEET
    # each figure with the list its part_of must name a figure of (read once all rows are in)
    groups: list[tuple[NamedFigure, list[Any], str, int]] = []
    for n, row in enumerate(reader.sheets[sheet.name][1:], 2):
        cells = row_cells(sheet, row)
        if all(cell_text(v[1] if isinstance(v, tuple) else v) == "" for v in cells.values()):
            continue
        section = cell_text(cells["所属部分"])
        number_text = cell_text(cells["要点序号"])
        fig = _figure(reader, n, cells)
        if fig is None:
            continue
        item = SECTION_ITEMS.get(section)
        if number_text:
            number, _ = parse_number(reader, sheet.name, f"B{n}", cells["要点序号"], "要点序号")
            if number is None:
                continue
            pool = targets.items.get(item, {}) if item else targets.measures
            sheet_name = section if item else MEASURES_SHEET.name
            point = pool.get(int(number))
            if point is None:
                reader.error(sheet.name, f"B{n}", f"{sheet_name}中没有序号为 {int(number)} 的要点")
                continue
            area = targets.point_area.get(id(point))
            if not item and section and area is not None and not targets.same_area(section, area):
                reader.error(
                    sheet.name, f"A{n}", f"所属部分“{section}”与主要举措第 {int(number)} 号要点的领域“{area}”不一致"
                )
                continue
            point.figures.append(fig)
            groups.append((fig, point.figures, "同一要点", n))
        elif item:
            piece.item(item).figures.append((fig, reader.place(sheet.name, f"C{n}")))
            groups.append((fig, piece.item(item).figures, f"“{section}”的整体数据", n))
        elif section:
            area_piece = next((a for a in piece.areas if a.points and targets.same_area(a.area, section)), None)
            if area_piece is None:
                reader.error(
                    sheet.name, f"A{n}", f"“{section}”在主要举措中没有要点：请先填写该领域的要点，或填写要点序号"
                )
                continue
            area_piece.figures.append((fig, reader.place(sheet.name, f"C{n}")))
            groups.append((fig, area_piece.figures, "同一领域的整体数据", n))
        else:
            reader.error(
                sheet.name, f"A{n}", "请选择所属部分（纲要领域、第一责任人、下一年度安排或其他），或填写要点序号"
            )
    col = sheet.letter("其中（所属总数）")
    for fig, members, scope, n in groups:
        names = {(m[0] if isinstance(m, tuple) else m).name for m in members}
        if fig.part_of and fig.part_of not in names:
            reader.notes.append(
                f"填报表 {reader.place(sheet.name, f'{col}{n}')}：“{fig.part_of}”在{scope}中找不到"
                "（“其中”只在同一要点的数据之间对应）。"
            )


def read_workbook(path: Path | str, *, tag_sources: bool = False) -> Piece:
    """One filled 填报表 as a Piece; raises FactsError listing every bad cell (details: all of them)."""
    path = Path(path)
    reader = CellReader(path, tag_sources)
    open_workbook(path, reader)
    headers_ok = all(
        [check_header(reader, s) for s in (MEASURES_SHEET, AREA_NOTES_SHEET, DATA_SHEET, PROBLEMS_SHEET)]
        + [check_header(reader, s) for s in ITEM_SHEETS.values() if s.name in reader.sheets]
    )
    if not headers_ok:
        raise fail(reader.errors)
    piece = Piece(path.name)
    _basic(reader, piece)
    measures = _points(reader, piece, MEASURES_SHEET, None)
    items = {
        key: _points(reader, piece, sheet, sheet.name)
        for key, sheet in ITEM_SHEETS.items()
        if sheet.name in reader.sheets
    }
    _area_notes(reader, piece)
    _problems(reader, piece)
    _data(reader, piece, _Targets(piece, measures, items))
    if reader.errors:
        raise fail(reader.errors)
    piece.notes = reader.notes
    return piece


def import_workbooks(
    paths: list[Path], overrides: dict[str, Any] | None = None, defaults: dict[str, Any] | None = None
) -> tuple[Facts, list[str]]:
    """Facts from one or several filled 填报表, and the warnings to show.

    Several workbooks (one per department or town) merge: each point and figure keeps the workbook
    (and cell) it came from, areas follow the 纲要's order, identical points merge, and basic
    information that differs between workbooks is an error naming each cell. One workbook reads back
    exactly as exported: sources only where its 来源 column has them. `overrides` (the command line's
    --unit, --year …) win over the workbooks; `defaults` fill what no workbook says."""
    if not paths:
        raise FactsError("请至少指定一个填报表（.xlsx）")
    several = len(paths) > 1
    pieces, errors = [], []
    for path in paths:
        try:
            piece = read_workbook(path, tag_sources=several)
        except FactsError as exc:
            errors += exc.details or [str(exc)]
            continue
        if piece.empty:
            errors.append(f"填报表 {piece.name} 还没有填写（基本信息、主要举措、不足和原因等都是空的）")
        pieces.append(piece)
    if errors:
        raise fail(errors)
    facts = merge_pieces(pieces, overrides, gangyao_order=several, defaults=defaults)
    return facts, [note for piece in pieces for note in piece.notes]
