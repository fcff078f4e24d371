"""Differences: “从A压缩至B，共压缩C” and the change rate, checked at the written precision."""

from __future__ import annotations

import re

from assistant.documents import Document
from assistant.figures.checks.common import BETWEEN, EPS, amount, scale, span_text, tolerance
from assistant.figures.model import CheckedRelation, CheckResult, Figure, FigureIssue, compatible_units
from assistant.vocabulary import fmt_number

__all__ = ["change_rate_holds", "check_differences"]

_DIFF_LABEL = re.compile(r"压缩|压减|精简|减少|缩短|节省|节约|下降|降低|增加|提高|提升|增长|提速|降幅|增幅")
_NOT_SAME_SUBJECT = re.compile(
    r"[、“”]|从|由|分别|其中|是|比(?:上年|去年|上一年|全国|全省|全市)|相比|较|占|年均|平均|同比|(?<!达)到|至"
)
_AVG = re.compile(r"年均|平均|每年|同比|环比")


def change_rate_holds(base: Figure, diff: float, diff_tol: float, rate: Figure) -> bool:
    """Whether `rate` (a percent) is diff/base at the precision all three were written with."""
    lo = max(diff - diff_tol, 0) / (base.value + tolerance(base)) * 100
    hi = (diff + diff_tol) / max(base.value - tolerance(base), EPS) * 100
    return lo - rate.precision - 1e-6 <= rate.value <= hi + rate.precision + 1e-6


def check_differences(doc: Document, figures: list[Figure], out: CheckResult) -> None:
    for a_i in range(len(figures) - 1):
        a, b = figures[a_i], figures[a_i + 1]
        if a.sentence_start != b.sentence_start or a.kind not in ("count", "money", "duration", "other", "percent"):
            continue
        if a.approx or b.approx or not compatible_units(a.unit, b.unit) or a.kind != b.kind:
            continue
        s0 = a.sentence_start
        before = a.sentence[: a.start - s0]
        clause = re.split(r"[，,；;：:]", before)[-1]
        if not re.search(r"(?:从|由)[^，,]{0,10}$", clause):
            continue
        if not BETWEEN.match(a.sentence[a.end - s0 : b.start - s0]):
            continue
        diff = abs(a.value - b.value)
        diff_tol = tolerance(a) + tolerance(b)
        prev = b
        for c in figures[a_i + 2 : a_i + 4]:
            between = a.sentence[prev.end - s0 : c.start - s0]
            if c.sentence_start != s0 or len(between) > 14 or _NOT_SAME_SUBJECT.search(between):
                break
            if c.approx or _AVG.search(c.label) or not _DIFF_LABEL.search(c.label):
                break
            text = span_text(doc, a, c)
            same = (
                (c.kind == a.kind and compatible_units(c.unit, a.unit)) if a.kind != "percent" else c.kind == "points"
            )
            if same and prev is b:
                holds = abs(c.value - diff) <= diff_tol + tolerance(c) + EPS
                out.checked.append(CheckedRelation("difference", c.line, text, c.value, diff, holds))
                if not holds:
                    out.issues.append(
                        FigureIssue(
                            "difference_mismatch",
                            "error",
                            c.line,
                            text,
                            c.value,
                            diff,
                            f"从{amount(a)}到{amount(b)}相差{fmt_number(diff / scale(c)[0])}{scale(c)[1]}{c.unit}，"
                            f"与所写{amount(c)}不符，请核对。",
                        )
                    )
                prev = c
                continue
            if c.kind == "percent" and a.kind != "percent" and a.value > 0:
                expected = diff / a.value * 100
                holds = change_rate_holds(a, diff, diff_tol, c)
                out.checked.append(CheckedRelation("difference_rate", c.line, text, c.value, round(expected, 2), holds))
                if not holds:
                    out.issues.append(
                        FigureIssue(
                            "difference_mismatch",
                            "error",
                            c.line,
                            text,
                            c.value,
                            round(expected, 2),
                            f"从{amount(a)}到{amount(b)}变化{expected:.2f}%，"
                            f"与所写{c.label}{fmt_number(c.value)}%不符，请核对。",
                        )
                    )
            break
