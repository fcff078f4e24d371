"""合计 rows and columns of statistics tables against the sum of their parts (tables read by figures.tables).

Checked only when the whole table was understood: one header row, no 小计 or 其中 rows, every part a plain
number of one unit, no rates. A false alarm on a table costs a reviewer more than a missed one.
"""

from __future__ import annotations

from assistant.documents import Document
from assistant.figures.model import CheckedRelation, CheckResult, FigureIssue, compatible_units
from assistant.figures.tables import NESTED, NOT_ADDITIVE, TOTAL, Column, Table, Value, find_tables, value_at
from assistant.vocabulary import agrees, fmt_number

__all__ = ["check_tables"]


def _additive(table: Table, j: int) -> bool:
    col = table.columns[j]
    return col.role == "value" and not NOT_ADDITIVE.search(col.name) and col.unit not in ("%", "‰")


def _sum_holds(total: Value, parts: list[Value]) -> tuple[bool, float] | None:
    """(holds, sum) when total and parts are plain numbers of one unit; None when not checkable."""
    if total.approx or any(p.approx for p in parts) or total.kind in ("percent", "permille", "points"):
        return None
    if any(p.kind != total.kind or not compatible_units(p.unit, total.unit) for p in parts):
        return None
    s = sum(p.value for p in parts)
    tol = (0.0 if total.exact else total.precision) + sum(0.0 if p.exact else p.precision for p in parts)
    return agrees(total.value, s, tol), s


def _show(v: float, col: Column, unit: str) -> str:
    return f"{fmt_number(v / col.scale)}{'万' if col.scale == 1e4 else '亿' if col.scale == 1e8 else ''}{unit}"


def check_tables(doc: Document, out: CheckResult) -> None:
    """合计 rows against the sum of the rows above (or below), 合计 columns against the row's other columns."""
    for t in find_tables(doc):
        names = [t.row_name(r) for r in range(1, len(t.rows))]
        if t.label_col is None or any(NESTED.search(n) for n in names) or any(NESTED.search(c.name) for c in t.columns):
            continue  # 小计/其中 rows: parts nest, the sum is not one level
        totals = [r for r in range(1, len(t.rows)) if TOTAL.match(t.row_name(r))]
        if len(totals) == 1 and totals[0] in (1, len(t.rows) - 1):
            r_t = totals[0]
            part_rows = [r for r in range(1, len(t.rows)) if r != r_t]
            for j in range(len(t.columns)):
                if _additive(t, j) and len(part_rows) >= 2:
                    terms = _listed([f"{t.row_name(r)}{t.rows[r][j].name}" for r in part_rows])
                    _check_sum(
                        doc,
                        out,
                        t,
                        r_t,
                        j,
                        [(r, j) for r in part_rows],
                        f"表格“{t.columns[j].name}”列的“{t.row_name(r_t)}”",
                        f"各行（{terms}）",
                    )
        total_cols = [j for j, c in enumerate(t.columns) if c.total and c.role == "value"]
        if len(total_cols) != 1:
            continue
        j_t = total_cols[0]
        part_cols = [j for j in range(len(t.columns)) if j != j_t and _additive(t, j)]
        if len(part_cols) < 2:
            continue
        for r in range(1, len(t.rows)):
            terms = _listed([f"{t.columns[j].name}{t.rows[r][j].name}" for j in part_cols])
            _check_sum(
                doc,
                out,
                t,
                r,
                j_t,
                [(r, j) for j in part_cols],
                f"表格“{t.row_name(r)}”行的“{t.columns[j_t].name}”",
                f"各列（{terms}）",
            )


def _listed(terms: list[str], limit: int = 8) -> str:
    """The parts a message names: a long statistics table is summed, not recited."""
    return "、".join(terms) if len(terms) <= limit else "、".join(terms[: limit - 1]) + f"……{terms[-1]}共{len(terms)}项"


def _check_sum(
    doc: Document,
    out: CheckResult,
    t: Table,
    r: int,
    j: int,
    parts_at: list[tuple[int, int]],
    what: str,
    parts_named: str,
) -> None:
    """One 合计 cell (row r, column j) against its parts; recorded as checked, an issue when it does not hold."""
    total = value_at(t, r, j)
    parts = [value_at(t, pr, pj) for pr, pj in parts_at]
    if total is None or any(p is None for p in parts):
        return
    res = _sum_holds(total, parts)  # type: ignore[arg-type]
    if res is None:
        return
    holds, s = res
    col, text = t.columns[j], t.quoted(doc, r)
    out.checked.append(CheckedRelation("table_total", t.lines[r], text, total.value, s, holds))
    if not holds:
        out.issues.append(
            FigureIssue(
                "table_total_mismatch",
                "error",
                t.lines[r],
                text,
                total.value,
                s,
                f"{what}为{_show(total.value, col, total.unit)}，但{parts_named}相加为{_show(s, col, total.unit)}，"
                "两者不符，请核对合计或各分项。",
            )
        )
