"""Share and rate columns of statistics tables against the columns they are computed from.

A 占比 column is each row's value over the 合计 row's value in the value column right before it (类别 | 件数 |
占比: 维持 | 30 | 62.5%); a rate column is one value column over another, named like it (受理 | 办结 | 办结率:
办结 ÷ 受理). Checked only when the table was understood (one header row, no 小计 or 其中 rows) and the columns
are found without a guess: exactly one value column fits each role.
"""

from __future__ import annotations

import re

from assistant.documents import Document
from assistant.figures.checks.common import EPS
from assistant.figures.model import CheckedRelation, CheckResult, FigureIssue
from assistant.figures.tables import NESTED, TOTAL, Table, Value, find_tables, value_at
from assistant.vocabulary import fmt_number

__all__ = ["check_table_rates"]

_SHARE = re.compile(r"占比|比例|比重|^占")
_RATE = re.compile(r"^(?P<stem>.{1,8}?)率$")
_BASE = re.compile(r"受理|收案|收到|收件|应|总数|合计|件数|案件数|数量")
_RATE_NAME = re.compile(r"[（(]?%[）)]?$")


def _fits(num: Value, den: Value, rate: Value) -> bool:
    lo = max(num.value - _tol(num), 0) / (den.value + _tol(den)) * 100
    hi = (num.value + _tol(num)) / max(den.value - _tol(den), EPS) * 100
    return lo - rate.precision - 1e-6 <= rate.value <= hi + rate.precision + 1e-6


def _tol(v: Value) -> float:
    return 0.0 if v.exact else v.precision


def _percent_column(t: Table, j: int) -> bool:
    col = t.columns[j]
    return col.role == "value" and (
        col.unit == "%"
        or any((v := value_at(t, r, j)) is not None and v.kind == "percent" for r in range(1, len(t.rows)))
    )


def _amount_column(t: Table, j: int) -> bool:
    col = t.columns[j]
    return col.role == "value" and not _percent_column(t, j) and not _SHARE.search(col.name) and not col.year


def check_table_rates(doc: Document, out: CheckResult) -> None:
    for t in find_tables(doc):
        names = [t.row_name(r) for r in range(1, len(t.rows))]
        if t.label_col is None or any(NESTED.search(n) for n in names):
            continue
        for j, col in enumerate(t.columns):
            if not _percent_column(t, j):
                continue
            name = _RATE_NAME.sub("", col.name)
            if _SHARE.search(name):
                _shares(doc, out, t, j)
            elif (m := _RATE.match(name)) is not None:
                _rates(doc, out, t, j, m.group("stem"))


def _shares(doc: Document, out: CheckResult, t: Table, j: int) -> None:
    """占比 over the 合计 row, of the value column right before it."""
    base = j - 1
    while base >= 0 and t.columns[base].role != "value":
        base -= 1
    totals = [r for r in range(1, len(t.rows)) if TOTAL.match(t.row_name(r))]
    if base < 0 or not _amount_column(t, base) or len(totals) != 1:
        return
    total = value_at(t, totals[0], base)
    if total is None or total.approx or total.value <= 0:
        return
    for r in range(1, len(t.rows)):
        if r == totals[0]:
            continue
        part, rate = value_at(t, r, base), value_at(t, r, j)
        if part is None or rate is None or part.approx or rate.approx:
            continue
        _record(
            doc,
            out,
            t,
            r,
            part,
            total,
            rate,
            f"表格“{t.row_name(r)}”行{t.columns[base].name}{fmt_number(part.value)}÷合计{fmt_number(total.value)}",
        )


def _rates(doc: Document, out: CheckResult, t: Table, j: int, stem: str) -> None:
    """X率 as the X column over its base column (受理, 收案, 应…), when exactly one of each is in the table."""
    amounts = [k for k in range(len(t.columns)) if k != j and _amount_column(t, k)]
    nums = [k for k in amounts if t.columns[k].name.startswith(stem) or stem.endswith(t.columns[k].name)]
    dens = [k for k in amounts if k not in nums and _BASE.search(t.columns[k].name)]
    if len(nums) != 1 or len(dens) != 1:
        return
    for r in range(1, len(t.rows)):
        num, den, rate = value_at(t, r, nums[0]), value_at(t, r, dens[0]), value_at(t, r, j)
        if num is None or den is None or rate is None or num.approx or den.approx or rate.approx or den.value <= 0:
            continue
        _record(
            doc,
            out,
            t,
            r,
            num,
            den,
            rate,
            f"表格“{t.row_name(r)}”行{t.columns[nums[0]].name}{fmt_number(num.value)}÷"
            f"{t.columns[dens[0]].name}{fmt_number(den.value)}",
        )


def _record(doc: Document, out: CheckResult, t: Table, r: int, num: Value, den: Value, rate: Value, what: str) -> None:
    computed = round(num.value / den.value * 100, 2)
    holds = _fits(num, den, rate)
    text = t.quoted(doc, r)
    figures: list[dict[str, object]] = [
        {"role": role, "text": fmt_number(v.value), "value": v.value, "line": t.lines[r]}
        for role, v in (("numerator", num), ("denominator", den), ("rate", rate))
    ]
    out.checked.append(CheckedRelation("table_rate", t.lines[r], text, rate.value, computed, holds, figures))
    if not holds:
        out.issues.append(
            FigureIssue(
                "rate_mismatch",
                "error",
                t.lines[r],
                text,
                rate.value,
                computed,
                f"{what}={computed:.1f}%，与表中所写{fmt_number(rate.value)}%不符，请核对。",
            )
        )
