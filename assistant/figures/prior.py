"""What a report says about the year before: the values it gives for last year, stated or implied.

"比上年的36件增长25%", "2022年为36件", "上年为5.5%" state last year's value; "受理45件，同比增长25%",
"败诉率3.2%，比上年下降2.3个百分点", "比上年增加9件" imply it (45 ÷ 1.25 = 36; 3.2 + 2.3 = 5.5; 45 − 9 = 36).
The comparison with last year's own report checks these against what that report actually gave. The
stated pairs come from the structural reading (structure.changes reads them); a lone change after this
year's value is read here, in the same statement only, so a rate is never paired with another clause's amount.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.figures.labels import label_core
from assistant.figures.model import Figure
from assistant.figures.structure import Structure
from assistant.figures.structure.model import STATEMENT_END, is_amount, is_delta

__all__ = ["PriorValue", "prior_year_values"]

_LAST_YEAR = re.compile(r"上年|去年|上一年|同期")
_VS_LAST = re.compile(
    r"(?:同比|(?:比|较)(?:上年|去年|上一年)(?:同期)?|与(?:上年|去年)(?:同期)?相比)[，,]?(?:分别)?"
    r"(?P<verb>增长|增加|上升|提高|提升|增多|扩大|下降|减少|降低|回落|缩小)了?(?:约)?$"
)
_UP = re.compile(r"增|升|提|扩")


@dataclass
class PriorValue:
    label: str  # the indicator, as this year's figure names it
    value: float  # last year's value, stated or implied
    unit: str
    kind: str  # the figure kind of the value (count, money, percent …)
    how: str  # "stated" (比上年的36件, 上年为…) | "implied" (from this year's value and the change stated)
    tolerance: float  # how far the true value may be from `value` at the precision the report wrote
    line: int
    text: str  # the statement, normalised
    current: float | None = None  # this year's value, when the report gives it


def _year_before(f: Figure, year: int | None) -> bool:
    if _LAST_YEAR.search(f.lead):
        return True
    m = re.search(r"((?:19|20)\d\d)年", f.lead)
    return bool(m and year is not None and int(m.group(1)) == year - 1)


def _statement(f: Figure) -> str:
    cut = STATEMENT_END.search(f.sentence, max(0, f.end - f.sentence_start))
    return f.sentence[: cut.end()] if cut else f.sentence


def _name(f: Figure) -> str:
    return label_core(f.label) if f.label else ""


def prior_year_values(figures: list[Figure], year: int | None) -> list[PriorValue]:
    """Every value the report gives for the year before `year` (the year it reports on), in line order.
    `figures` is extract_figures' list, which carries its structural reading."""
    structure = getattr(figures, "structure", None)
    if not isinstance(structure, Structure):
        structure = None
    out: list[PriorValue] = []
    used: set[int] = set()
    for c in structure.changes if structure is not None else []:
        if c.how != "比上年":
            continue
        before, after = figures[c.before], figures[c.after]
        if before.line != after.line or not _year_before(before, year):
            continue
        used.update((c.before, c.after, c.stated))
        name = _name(after) or _name(before)
        out.append(
            PriorValue(
                name, before.value, before.unit, before.kind, "stated", before.precision, before.line,
                _statement(before), after.value,
            )
        )  # fmt: skip
    for i, change in enumerate(figures):
        if i in used or i == 0 or change.approx:
            continue
        m = _VS_LAST.search(change.lead.strip())
        now = figures[i - 1]
        if m is None or now.approx or now.sentence_start != change.sentence_start or now.line != change.line:
            continue
        if change.start - now.end > 24 or is_delta(now):
            continue
        up = bool(_UP.search(m.group("verb")))
        implied = _implied(now, change, up)
        if implied is None:
            continue
        value, tolerance = implied
        out.append(
            PriorValue(
                _name(now), value, now.unit, now.kind, "implied", tolerance, now.line, _statement(now), now.value
            )
        )
    return sorted(out, key=lambda p: p.line)


def _implied(now: Figure, change: Figure, up: bool) -> tuple[float, float] | None:
    """Last year's value from this year's and the change: (value, tolerance at the written precision)."""
    sign = 1 if up else -1
    if now.kind == "percent" and change.kind == "points":
        return now.value - sign * change.value, now.precision + change.precision
    if is_amount(now) and change.kind == "percent":
        if 1 + sign * change.value / 100 <= 0:
            return None
        value = now.value / (1 + sign * change.value / 100)
        corners = [
            (now.value + a * now.precision) / max(1e-9, 1 + sign * (change.value + b * change.precision) / 100)
            for a in (-1, 1)
            for b in (-1, 1)
        ]
        return value, max(abs(c - value) for c in corners)
    if is_amount(now) and change.kind == now.kind and change.unit == now.unit:
        return now.value - sign * change.value, now.precision + change.precision
    return None
