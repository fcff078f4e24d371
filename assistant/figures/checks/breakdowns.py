"""Breakdowns: a total against its parts, as figures.structure read them.

A list the text makes whole (complements, remainders, 分别为 after a total, case stages, counted headings) must
add up to its total; any other list must not exceed it. When parts that may overlap (其中女性28人，研究生25人;
其中36项全国领先，23项全省复制推广) add up to more than their total, only a part larger than the total on its
own is an error.
"""

from __future__ import annotations

import re

from assistant.documents import Document
from assistant.figures.checks.common import EPS, roles, scale, span_text, tolerance
from assistant.figures.model import CheckedRelation, CheckResult, Figure, FigureIssue
from assistant.figures.structure import Breakdown
from assistant.vocabulary import fmt_number

__all__ = ["check_breakdown"]

_OVERLAP = re.compile(
    r"女|男|党员|少数民族|学历|研究生|本科|博士|硕士|大专|岁|涉企|涉外|涉及|领先|推广|复制|获评|入选|荣获|评为|首创|首批|同时|兼"
)
_JOINERS = re.compile(r"^[\s、，,;；:：]*(?:其中|以及|及|和|与)?[\s、，,:：]*")


def _may_overlap(parts: list[Figure]) -> bool:
    """Parts named by what they are (行政许可事项454项，公共服务事项252项) split the total; parts told by what
    happened to them (其中36项全国领先，23项全省复制推广) or by cross-cutting traits (女性, 研究生) may overlap."""
    if any(_OVERLAP.search(p.label) or _OVERLAP.search(p.lead) for p in parts):
        return True
    return sum(1 for p in parts if not _JOINERS.sub("", p.lead)) >= 2


def check_breakdown(doc: Document, figures: list[Figure], b: Breakdown, out: CheckResult) -> None:
    total = figures[b.total]
    parts = [figures[i] for i in b.parts]
    if total.approx or any(p.approx for p in parts) or not parts:
        return
    s = sum(p.value for p in parts)
    tol = tolerance(total) + sum(tolerance(p) for p in parts)
    first = min([*parts, total], key=lambda f: f.start)
    last = max([*parts, total], key=lambda f: f.end)
    text = span_text(doc, first, last)
    k, w = scale(total)
    label = total.parent or total.label or "总数"
    found = roles(("total", total), *(("part", p) for p in parts))
    biggest = max(parts, key=lambda p: p.value)
    if s > total.value + tol + EPS:
        if _may_overlap(parts) and not b.exhaustive:
            if biggest.value <= total.value + tolerance(total) + tolerance(biggest) + EPS:
                out.checked.append(
                    CheckedRelation("breakdown", total.line, text, total.value, biggest.value, True, found)
                )
                return
            s, parts = biggest.value, [biggest]
        out.checked.append(CheckedRelation("breakdown", total.line, text, total.value, s, False, found))
        terms = "+".join(fmt_number(p.value / k) for p in parts)
        said = (
            f"其中{fmt_number(s / k)}{w}{parts[0].unit}"
            if len(parts) == 1
            else f"所列分项{terms}={fmt_number(s / k)}{w}{parts[0].unit}"
        )
        out.issues.append(
            FigureIssue(
                "breakdown_exceeds_total",
                "error",
                total.line,
                text,
                total.value,
                s,
                f"{label}{'' if '共' in label else '共'}{fmt_number(total.value / k)}{w}{total.unit}，但{said}，"
                "超过总数，请核对总数或各分项。",
            )
        )
    elif abs(s - total.value) <= tol + EPS or not b.exhaustive:
        out.checked.append(CheckedRelation("breakdown", total.line, text, total.value, s, True, found))
    else:
        out.checked.append(CheckedRelation("breakdown", total.line, text, total.value, s, False, found))
        terms = "+".join(fmt_number(p.value / k) for p in parts)
        out.issues.append(
            FigureIssue(
                "breakdown_incomplete",
                "error",
                total.line,
                text,
                total.value,
                s,
                f"{label}{fmt_number(total.value / k)}{w}{total.unit}，但各分项{terms}={fmt_number(s / k)}{w}"
                f"{parts[0].unit}，少于总数，请核对总数或各分项。",
            )
        )
