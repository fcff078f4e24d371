"""Changes: a change stated between two values of one indicator, in size and direction, at the written precision.

figures.structure reads the change (“从A压缩至B，共压缩C，提速比D%”, “2023年45件，2022年为36件，比上年增加9件”,
a target against last year's actual); this checks it: an amount or 个百分点 against the difference, a percent
against the difference over the earlier value, and the verb's direction against the values'. Durations are
compared in one unit (2小时 against 30分钟 is 120分钟).
"""

from __future__ import annotations

import re

from assistant.documents import Document
from assistant.figures.checks.common import EPS, amount, apart, roles, scale, span_text, tolerance
from assistant.figures.model import CheckedRelation, CheckResult, Figure, FigureIssue
from assistant.figures.structure import Change
from assistant.vocabulary import fmt_number

__all__ = ["change_rate_holds", "check_change"]

_DURATION_HOURS = {"分钟": 1 / 60, "小时": 1.0, "个小时": 1.0, "天": 24.0, "日": 24.0}


def change_rate_holds(base: Figure, diff: float, diff_tol: float, rate: Figure) -> bool:
    """Whether `rate` (a percent) is diff/base at the precision all three were written with."""
    lo = max(diff - diff_tol, 0) / (base.value + tolerance(base)) * 100
    hi = (diff + diff_tol) / max(base.value - tolerance(base), EPS) * 100
    return lo - rate.precision - 1e-6 <= rate.value <= hi + rate.precision + 1e-6


def _in_unit_of(f: Figure, ref: Figure) -> tuple[float, float]:
    """f's value and tolerance in ref's unit."""
    if f.unit == ref.unit or f.kind != "duration":
        return f.value, tolerance(f)
    k = _DURATION_HOURS.get(f.unit, 1.0) / _DURATION_HOURS.get(ref.unit, 1.0)
    return f.value * k, tolerance(f) * k


_VERB = re.compile(r"(增长|增加|上升|提高|提升|增多|多|下降|减少|降低|回落|少|压缩|压减|精简|缩短|提速)")


def check_change(doc: Document, figures: list[Figure], c: Change, out: CheckResult) -> None:
    if c.how == "比上年":
        _year_on_year(doc, figures, c, out)
        return
    before, after, stated = figures[c.before], figures[c.after], figures[c.stated]
    b_val, b_tol = _in_unit_of(before, after)
    diff = after.value - b_val
    diff_tol = b_tol + tolerance(after)
    first = min((before, after, stated), key=lambda f: f.start)
    text = span_text(doc, first, max((before, after, stated), key=lambda f: f.end))
    found = roles(("before", before), ("after", after), ("stated", stated))
    wrong_way = bool(c.direction) and abs(diff) > diff_tol and (diff > 0) != (c.direction > 0)
    severity, where = apart(before, after, stated)
    trend = "增加" if diff > 0 else "减少"
    if stated.kind in ("percent", "permille") and before.kind != "percent":
        if b_val <= 0:
            return
        expected = round(abs(diff) / b_val * 100, 2)
        base = Figure(**{**before.__dict__, "value": b_val, "precision": b_tol, "exact": b_tol == 0})
        holds = change_rate_holds(base, abs(diff), diff_tol, stated) and not wrong_way
        kind = "difference_rate"
        message = f"从{amount(before)}到{amount(after)}{trend}{expected:.2f}%，与所写{fmt_number(stated.value)}%不符"
    else:
        s_val, s_tol = _in_unit_of(stated, after)
        expected = abs(diff)
        holds = abs(s_val - expected) <= diff_tol + s_tol + EPS and not wrong_way
        kind = "difference"
        k, w = scale(stated)
        unit = "个百分点" if stated.kind == "points" else stated.unit
        said = fmt_number(stated.value) + unit if stated.kind == "points" else amount(stated)
        message = f"从{amount(before)}到{amount(after)}相差{fmt_number(expected / k)}{w}{unit}，与所写{said}不符"
    out.checked.append(CheckedRelation(kind, stated.line, text, stated.value, expected, holds, found))
    if not holds:
        out.issues.append(
            FigureIssue(
                "difference_mismatch",
                severity,
                stated.line,
                text,
                stated.value,
                expected,
                f"{message}，请核对。{where}",
            )
        )


def _year_on_year(doc: Document, figures: list[Figure], c: Change, out: CheckResult) -> None:
    """This year's figure against last year's: "45件，比上年的36件增长25%" (45 over 36 is +25%, and a rise)."""
    last, now, change = figures[c.before], figures[c.after], figures[c.stated]
    diff, diff_tol = now.value - last.value, tolerance(now) + tolerance(last)
    if now.kind == "percent":
        expected, unit_text = abs(diff), "个百分点"
        holds = abs(change.value - expected) <= diff_tol + tolerance(change) + EPS
    elif change.kind in ("percent", "permille"):
        if last.value <= 0:
            return
        expected, unit_text = abs(diff) / last.value * 100, "%"
        holds = change_rate_holds(last, abs(diff), diff_tol, change)
    else:
        expected, unit_text = abs(diff), change.unit
        holds = abs(change.value - expected) <= diff_tol + tolerance(change) + EPS
    direction_ok = abs(diff) <= diff_tol or (diff > 0) == (c.direction > 0)
    first = min((last, now, change), key=lambda f: f.start)
    text = span_text(doc, first, max((last, now, change), key=lambda f: f.end))
    found = roles(("before", last), ("after", now), ("stated", change))
    ok = holds and direction_ok
    out.checked.append(CheckedRelation("year_on_year", change.line, text, change.value, round(expected, 2), ok, found))
    if ok:
        return
    severity, where = apart(last, now, change)
    verbs = _VERB.findall(change.lead)
    said = f"{verbs[-1] if verbs else ''}{fmt_number(change.value)}{unit_text}"
    out.issues.append(
        FigureIssue(
            "year_on_year_mismatch",
            severity,
            change.line,
            text,
            change.value,
            round(expected, 2),
            f"本年{amount(now)}、上年{amount(last)}，实为{'增加' if diff > 0 else '减少'}"
            f"{fmt_number(round(expected, 2))}{unit_text}，与所写“{said}”不符，请核对。{where}",
        )
    )
