"""Figures in tables: labels from the row and column headers, and 合计 rows and columns checked.

A statistics table reaches us as one line per row, cells tab-separated (.docx and HTML, see
documents.loading) or as markdown pipe rows. Read as prose, “行政复议\t45\t38\t84.4%” gives bare numbers
without a unit or a label, so the figures of a table are read here instead: the first row of a run of rows
with the same cell count is the column header, the first text column the row header, and each numeric
cell is labelled “<row header><column header>” (a year column goes in front: “2023年行政复议”). A header
such as “金额（万元）” or “数量（件）”, or a 单位 column, gives bare numbers their unit. A two-level header
(行政复议 merged over 收案|结案) names columns “行政复议收案”. Rows whose cell count differs from the header
(a rowspan in HTML) end the table: those lines are read as prose.

A 合计/总计 row (or column) is the sum of the others. It is checked only when the table is fully
understood: one header row, no 小计 or 其中 rows, every part a plain number, one unit, no rates. Anything
else yields labels but no check, because a false alarm on a table costs a reviewer more than a missed one.
Each cell is its own “sentence” (sentence_start = the cell), so the prose checks never pair two cells.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from assistant.documents import Document, Line
from assistant.figures.model import UNIT_KIND, Figure
from assistant.figures.numbers import find_numbers, not_a_quantity

__all__ = ["Cell", "Column", "Table", "Value", "find_tables", "table_figures", "value_at"]

_MAX_CELL = 40
_MD_SEP = re.compile(r"^\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?$")
_YEAR = re.compile(r"^(?:19|20)\d{2}(?:年度?)?(?:上半年|下半年)?$")
_SKIP_COL = re.compile(r"^(?:序号|编号|排名|名次|备注|说明|附注)$")
_UNIT_COL = re.compile(r"^(?:计量)?单位$")
_HEADER_UNIT = re.compile(r"^(?P<name>.*?)[(（](?:单位[:：]?)?(?P<u>[^()（）]{1,4})[)）]$")
TOTAL = re.compile(r"^(?:全[区市县省镇]|总)?(?:合计|总计|共计|总数|总共|汇总)$")
NESTED = re.compile(r"^(?:其中|小计|内含|含[:：])|小计$")
NOT_ADDITIVE = re.compile(r"率|比例|占比|比重|平均|人均|户均|同比|环比|增长|增减|增幅|降幅|下降|排名|名次|每|标准|单价")
_PER_HEAD = re.compile(r"每|人均|户均|平均|标准|单价")
_SPACE = re.compile(r"\s+")


@dataclass
class Cell:
    text: str  # normalised text of the cell, spaces trimmed
    start: int  # offsets in Document.text
    end: int

    @property
    def name(self) -> str:
        return _SPACE.sub("", self.text)


@dataclass
class Value:
    value: float
    precision: float
    unit: str
    kind: str
    exact: bool
    approx: str | None  # 45余, 3千多: a figure, but never summed


@dataclass
class Column:
    name: str  # header without its unit: 收案数, 金额, 2023年
    unit: str = ""  # from the header: 件, 元, %
    scale: float = 1.0  # 万元 → 1e4
    role: str = "value"  # value | label | skip | unit
    year: bool = False
    total: bool = False


@dataclass
class Table:
    lines: list[int]  # original line of each row, header first
    rows: list[list[Cell]]
    header_lines: list[int] = field(default_factory=list)  # two for a two-level header
    columns: list[Column] = field(default_factory=list)
    label_col: int | None = None
    unit_col: int | None = None

    def row_name(self, r: int) -> str:
        """The row header; when its cell is empty, a text cell to its left (合计 merged over 序号 and 单位)."""
        if self.label_col is None:
            return ""
        for cell in reversed(self.rows[r][: self.label_col + 1]):
            if cell.name and (cell_value(cell.name, Column("")) is None or _YEAR.match(cell.name)):
                return cell.name
        return ""

    def row_text(self, r: int) -> str:
        return " | ".join(c.text for c in self.rows[r])

    def quoted(self, doc: Document, r: int) -> str:
        """The row as written (traditional stays traditional), cells joined by “ | ”."""
        original = doc.original_line(self.lines[r]).strip()
        return original.replace("\t", " | ") if "\t" in original else original


# --- rows and tables ---------------------------------------------------------------------------


def _trimmed(text: str, a: int, b: int, base: int) -> Cell:
    raw = text[a:b]
    lead = len(raw) - len(raw.lstrip())
    return Cell(raw.strip(), base + a + lead, base + a + lead + len(raw.strip()))


def _row_cells(ln: Line) -> list[Cell] | str | None:
    """The cells of a table row ("sep" for a markdown |---| row), or None for any other line."""
    text = ln.text
    if text.startswith("|") and text.count("|") >= 2:
        if _MD_SEP.match(text):
            return "sep"
        bars = [i for i, ch in enumerate(text) if ch == "|"]
        if bars[-1] != len(text) - 1:
            bars.append(len(text))
        cells = [_trimmed(text, a + 1, b, ln.start) for a, b in zip(bars, bars[1:])]
    elif "\t" in ln.original:
        body = ln.original.strip()
        if len(body) != len(text):  # markdown marks or dropped characters: offsets would not align
            return None
        lead = ln.original[: len(ln.original) - len(ln.original.lstrip())].count("\t")
        trail = ln.original[len(ln.original.rstrip()) :].count("\t")
        cuts = [-1] + [i for i, ch in enumerate(body) if ch == "\t"] + [len(body)]
        cells = [Cell("", ln.start, ln.start)] * lead
        cells += [_trimmed(text, a + 1, b, ln.start) for a, b in zip(cuts, cuts[1:])]
        cells += [Cell("", ln.start + len(text), ln.start + len(text))] * trail
    else:
        return None
    if len(cells) < 2 or any(len(c.text) > _MAX_CELL or "。" in c.text for c in cells):
        return None  # prose that happens to hold a tab: read as prose
    return cells


def _gap_is_blank(doc: Document, a: int, b: int) -> bool:
    return all(not (s := doc.original_line(n).strip()) or _MD_SEP.match(s) for n in range(a + 1, b))


def find_tables(doc: Document) -> list[Table]:
    """Runs of at least two rows with the same cell count whose first row reads as a header."""
    runs: list[tuple[list[int], list[list[Cell]]]] = []
    lines: list[int] = []
    rows: list[list[Cell]] = []
    prev_no = 0
    for ln in doc.lines:
        cells = _row_cells(ln)
        if cells == "sep" and rows:
            prev_no = ln.no
            continue
        joined = isinstance(cells, list) and rows and len(cells) == len(rows[0]) and _gap_is_blank(doc, prev_no, ln.no)
        if not joined:
            if len(rows) >= 2:
                runs.append((lines, rows))
            lines, rows = [], []
        if isinstance(cells, list):
            lines.append(ln.no)
            rows.append(cells)
        prev_no = ln.no
    if len(rows) >= 2:
        runs.append((lines, rows))
    tables = [_understand(Table(lines, rows)) for lines, rows in runs]
    return [t for t in tables if t is not None]


def _understand(table: Table) -> Table | None:
    """Column roles and units from the header row; None when the first row is not a header."""
    if not _is_header(table.rows[0]):
        return None  # a number in the first row: no header to label by
    table.header_lines = table.lines[:1]
    if len(table.rows) > 2 and any(not c.name for c in table.rows[0][1:]) and _is_header(table.rows[1]):
        group, merged = "", []  # 行政复议 over 收案|结案 → 行政复议收案, 行政复议结案
        for top, sub in zip(table.rows[0], table.rows[1]):
            group = top.name or group
            m = _HEADER_UNIT.match(group)
            base, unit = (m.group("name"), group[len(m.group("name")) :]) if m else (group, "")
            name = (
                group
                if not sub.name or sub.name == group
                else base + sub.name + ("" if _HEADER_UNIT.match(sub.name) else unit)
            )  # 行政复议(件)/收案 → 行政复议收案(件)
            merged.append(Cell(name, top.start, top.end))
        table.header_lines = table.lines[:2]
        table.rows, table.lines = [merged] + table.rows[2:], table.lines[:1] + table.lines[2:]
    columns: list[Column] = []
    for cell in table.rows[0]:
        name, unit, scale = _header_unit(cell.name)
        col = Column(name, unit, scale, year=bool(_YEAR.match(name)), total=bool(TOTAL.match(name)))
        if _SKIP_COL.match(name):
            col.role = "skip"
        elif _UNIT_COL.match(name) and _holds_units(table, len(columns)):  # 单位 = 件/万元, not 甲镇
            col.role, table.unit_col = "unit", len(columns)
        columns.append(col)
    table.columns = columns
    for j, col in enumerate(columns):  # the last of the leading text columns names the row (片区 | 镇街 → 镇街)
        if (
            col.role == "value"
            and not col.year
            and not col.unit
            and all(cell_value(row[j].name, col) is None or _YEAR.match(row[j].name) for row in table.rows[1:])
        ):
            col.role, table.label_col = "label", j
        elif table.label_col is not None and col.role == "value":
            break
    return table


def _holds_units(table: Table, j: int) -> bool:
    names = [row[j].name for row in table.rows[1:] if j < len(row) and row[j].name]
    return bool(names) and all(_unit_scale(n) is not None for n in names)


def _is_header(row: list[Cell]) -> bool:
    return any(c.name for c in row) and all(cell_value(c.name, Column("")) is None or _YEAR.match(c.name) for c in row)


def _header_unit(name: str) -> tuple[str, str, float]:
    """金额(万元) → (金额, 元, 1e4); 纠错率(%) → (纠错率, %, 1)."""
    m = _HEADER_UNIT.match(name)
    unit = _unit_scale(m.group("u")) if m else None
    return (m.group("name"), *unit) if m and unit else (name, "", 1.0)


def _unit_scale(u: str) -> tuple[str, float] | None:
    """件 → (件, 1); 万元 → (元, 1e4); % → (%, 1); anything else None."""
    if u in ("%", "‰") or u in UNIT_KIND:
        return u, 1.0
    if len(u) > 1 and u[0] in "万亿千" and u[1:] in UNIT_KIND:
        return u[1:], {"万": 1e4, "亿": 1e8, "千": 1e3}[u[0]]
    return None


# --- cell values -------------------------------------------------------------------------------


def cell_value(text: str, col: Column, row_unit: str = "") -> Value | None:
    """The quantity a cell holds when it is a number and at most a unit (45, 45件, 84.4%, 856.3万元)."""
    toks = find_numbers(text)
    if len(toks) != 1 or toks[0].start != 0:
        return None
    n = toks[0].number
    rest = text[toks[0].end :]
    if n.unit in ("%", "‰", "个百分点"):
        if rest:
            return None
        kind = {"%": "percent", "‰": "permille", "个百分点": "points"}[n.unit]
        return Value(n.value, n.precision, n.unit, kind, False, n.approx)
    if n.unit == "fraction":
        return None
    unit, scale = (rest, 1.0) if rest else (col.unit, col.scale) if col.unit else _unit_scale(row_unit) or ("", 1.0)
    if unit in ("%", "‰"):
        return Value(n.value, n.precision, unit, "percent" if unit == "%" else "permille", False, n.approx)
    if unit and unit not in UNIT_KIND:
        return None
    kind = UNIT_KIND.get(unit, "count")
    exact = n.exact and scale == 1.0
    return Value(n.value * scale, n.precision * scale, unit, kind, exact, n.approx)


def value_at(table: Table, r: int, j: int) -> Value | None:
    col = table.columns[j]
    if col.role != "value":
        return None
    row_unit = table.rows[r][table.unit_col].name if table.unit_col is not None else ""
    return cell_value(table.rows[r][j].name, col, row_unit)


def _label(table: Table, r: int, j: int) -> str:
    row, col = table.row_name(r), table.columns[j]
    if col.total and TOTAL.match(row):
        return col.name  # the corner cell: 合计, not 合计合计
    return (f"{col.name}{row}" if col.year else f"{row}{col.name}")[-24:]


# --- figures -----------------------------------------------------------------------------------

ProseFigures = Callable[[str, int, int, list[str]], list[Figure]]


def table_figures(doc: Document, prose: ProseFigures) -> dict[int, list[Figure]]:
    """Figures of every table row, keyed by original line; `prose` reads cells that are not a plain number."""
    out: dict[int, list[Figure]] = {}
    for table in find_tables(doc):
        out.update({no: [] for no in table.header_lines})
        for r in range(1, len(table.rows)):
            figs: list[Figure] = []
            line_text = table.row_text(r)
            section = doc.section_path(table.lines[r])
            for j, cell in enumerate(table.rows[r]):
                if not cell.text or table.columns[j].role in ("skip", "unit", "label"):
                    continue
                v = value_at(table, r, j)
                label = _label(table, r, j)
                if v is not None and _not_a_quantity(v, cell.name, table.row_name(r), table.columns[j].name):
                    continue
                if v is None:
                    for f in prose(cell.text, cell.start, table.lines[r], []):
                        f.label = f"{label}{f.label}"[-24:] if f.label != label else label
                        figs.append(f)
                    continue
                figs.append(
                    Figure(
                        value=v.value,
                        unit=v.unit,
                        label=label,
                        parent=None,
                        approx=v.approx,
                        kind=v.kind,
                        text=cell.text,
                        sentence=line_text,
                        line=table.lines[r],
                        start=cell.start,
                        end=cell.end,
                        section=section,
                        precision=v.precision,
                        exact=v.exact,
                        sentence_start=cell.start,
                        per_unit=bool(_PER_HEAD.search(table.columns[j].name)),
                    )
                )
            out[table.lines[r]] = figs
    return out


def _not_a_quantity(v: Value, cell: str, row: str, col: str) -> bool:
    """联系电话 | 12345678: a bare code, not a count; the prose rules see it with its header before it."""
    if v.unit:
        return False
    if v.exact and len(cell) >= 7 and cell.isdigit():
        return True  # 8-digit phone, postcode-like codes, ID numbers
    return any(
        not_a_quantity(probe, find_numbers(probe)[-1])
        for probe in (row + cell, col + cell)
        if find_numbers(probe) and find_numbers(probe)[-1].end == len(probe)
    )
