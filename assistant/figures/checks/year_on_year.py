"""Year-on-year changes stated with both years' figures: "受理45件，比上年的36件增长25%".

Reports state this year's figure, last year's, and the change between them in one clause, and the
change is where arithmetic slips (45 over 36 is +25%, not +30%; 36 → 45 is an increase, not a fall).
Only that one shape is checked: the two figures of the same kind and unit, joined by 比/较 + 上年/去年/
20xx年, followed directly by the change verb and the change (a percent, or a count in the same unit;
个百分点 when the figures are percents). A 同比 change without last year's figure states nothing to
check, and is left alone.
"""

from __future__ import annotations

import re

from assistant.documents import Document
from assistant.figures.checks.changes import change_rate_holds
from assistant.figures.checks.common import amount, span_text, tolerance
from assistant.figures.model import CheckedRelation, CheckResult, Figure, FigureIssue, compatible_units
from assistant.vocabulary import fmt_number

_JOIN = re.compile(r"^[，,]?\s*(?:比|较|同比|与)(?:上年|去年|上一年|上年度|20\d\d年)(?:同期)?(?:的|相比[，,]?)?$")
_VERB = re.compile(r"^[，,]?\s*(?:同比)?(?P<verb>增长|增加|上升|提高|提升|多|下降|减少|降低|回落|少)了?$")
_UP = ("增长", "增加", "上升", "提高", "提升", "多")
_EPS = 1e-9


def check_year_on_year(doc: Document, figures: list[Figure], out: CheckResult) -> None:
    for i in range(len(figures) - 2):
        now, last, change = figures[i : i + 3]
        s0 = now.sentence_start
        if not (now.sentence_start == last.sentence_start == change.sentence_start):
            continue
        if (
            now.kind != last.kind
            or not compatible_units(now.unit, last.unit)
            or now.approx
            or last.approx
            or change.approx
            or now.per_unit
            or last.per_unit
        ):
            continue
        if not _JOIN.match(now.sentence[now.end - s0 : last.start - s0]):
            continue
        m = _VERB.match(now.sentence[last.end - s0 : change.start - s0])
        if not m:
            continue
        up = m.group("verb") in _UP
        diff, diff_tol = now.value - last.value, tolerance(now) + tolerance(last)
        if now.kind == "percent":
            if change.kind != "points":
                continue  # 比上年提高5%: relative or absolute? not stated, not checked
            expected, unit_text = abs(diff), "个百分点"
            holds = abs(change.value - expected) <= diff_tol + tolerance(change) + _EPS
        elif change.kind == "percent" and last.value > 0:
            expected, unit_text = abs(diff) / last.value * 100, "%"
            holds = change_rate_holds(last, abs(diff), diff_tol, change)
        elif change.kind == now.kind and compatible_units(change.unit, now.unit):
            expected, unit_text = abs(diff), change.unit
            holds = abs(change.value - expected) <= diff_tol + tolerance(change) + _EPS
        else:
            continue
        direction_ok = abs(diff) <= diff_tol or (diff > 0) == up
        text = span_text(doc, now, change)
        out.checked.append(
            CheckedRelation("year_on_year", change.line, text, change.value, round(expected, 2), holds and direction_ok)
        )
        if holds and direction_ok:
            continue
        trend = "增加" if diff > 0 else "减少"
        said = f"{m.group('verb')}{fmt_number(change.value)}{unit_text}"
        out.issues.append(
            FigureIssue(
                "year_on_year_mismatch",
                "error",
                change.line,
                text,
                change.value,
                round(expected, 2),
                f"本年{amount(now)}、上年{amount(last)}，实为{trend}{fmt_number(round(expected, 2))}{unit_text}，"
                f"与所写“{said}”不符，请核对。",
            )
        )
