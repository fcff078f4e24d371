"""A report's figures as the named figures of a point: the engine's labels, values as written, 其中 links.

The figures engine has already read the whole report (labels, approximations, which figure is part of
which total); a point takes the figures inside its own span. Values keep the unit as the report writes
it (307961万元, not 3079610000元) so the facts file reads like the report, and a 其中 link is kept when
its total lies in the same point — the facts file can only name a total of the same point.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable

from assistant.facts.phrasing import RATE_UNITS
from assistant.facts.scalars import number_problem
from assistant.facts.schema import NamedFigure
from assistant.figures import Figure, compatible_units, split_scale

__all__ = ["figure_name", "point_figures", "written_value"]

_SCALED = ("万亿", "亿", "千万", "万", "千")
_LEADING = re.compile(r"^(其中|其余|以及|并且|并|和|及|与|、|，|,)+")
_TRAILING = re.compile(r"(共计|合计|累计|达到|共|达|为|约|近|超过|逾|的)+$")
_APPROX = {"more": "more", "less": "less", "about": "about"}


def written_value(fig: Figure) -> tuple[float, str]:
    """(value, unit) as the report writes them: "2.86万户" → (2.86, "万户"), "99.2%" → (99.2, "%")."""
    surface = fig.text.replace(" ", "")
    for prefix in _SCALED:
        unit = prefix + fig.unit
        if fig.unit and unit in surface:
            _, scale = split_scale(unit)
            return round(fig.value / scale, 10), unit
    return float(fig.value), fig.unit


def figure_name(label: str) -> str:
    """The engine's label as a facts name: without connectives around it or a quote left open."""
    name = label.strip().strip("，,、；;：:。 ")
    if name.count("“") != name.count("”"):
        name = name.replace("“", "").replace("”", "")
    if name.count("《") != name.count("》"):
        name = name.replace("《", "").replace("》", "")
    name = _TRAILING.sub("", _LEADING.sub("", name))
    return name.strip("（）() ")


def _is_rate(unit: str) -> bool:
    return unit in RATE_UNITS


def point_figures(
    figures: list[Figure],
    start: int,
    end: int,
    source: str,
    rename: Callable[[str], str] = str,
    starts: list[int] | None = None,
) -> list[NamedFigure]:
    """The named figures of the text between offsets `start` and `end` of the report; `rename` is
    what the point's text went through ("我区" → "澄海区"), so names read as the point does. `starts`
    (the figures' start offsets, when in order) lets a caller with many points find them by bisection."""
    if starts is not None:
        lo, hi = bisect.bisect_left(starts, start), bisect.bisect_left(starts, end)
        inside = [i for i in range(lo, hi) if figures[i].end <= end]
    else:
        inside = [i for i, f in enumerate(figures) if start <= f.start and f.end <= end]
    names: dict[int, str] = {}
    used: dict[str, int] = {}
    out: dict[int, NamedFigure] = {}
    for i in inside:
        fig = figures[i]
        name = rename(figure_name(fig.label or ""))
        value, unit = written_value(fig)
        if fig.approx == "several" or len(name) < 2 or not unit or value < 0 or number_problem(value):
            continue  # 数十件, a bare number, a label the engine could not read: the text states them
        used[name] = used.get(name, 0) + 1
        if used[name] > 1:  # two figures of one name in a point ("罚没款金额" of two kinds of cases)
            name = f"{name}（{used[name]}）"
        names[i] = name
        approx = _APPROX.get(fig.approx or "")
        out[i] = NamedFigure(name=name, value=value, unit=unit, approx=approx, source=source)  # type: ignore[arg-type]
    for i, named in out.items():
        total = figures[i].part_of
        if total is None or total not in names or _is_rate(named.unit) or _is_rate(out[total].unit):
            continue
        if compatible_units(split_scale(named.unit)[0], split_scale(out[total].unit)[0]):
            out[i] = named.model_copy(update={"part_of": names[total]})
    return [out[i] for i in inside if i in out]
