"""Compiling one facts file from several sources: department workbooks, or submitted reports.

Each source is read into a `Piece` (what it contributes, every value with the place it was read
from). Merging keeps each point, problem and figure with its source; merges duplicates only when they
are identical; orders the 纲要 areas as the 纲要 does; and reports disagreement — two workbooks naming
different report years, two departments both giving an area-level "罚没款" — as an error naming both
places, instead of choosing one.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError

from assistant.errors import FactsError
from assistant.facts.load import describe_error
from assistant.facts.schema import Facts, NamedFigure, Point, Problem, join_sources
from assistant.facts.workbook_layout import BASIC_FIELDS, area_choices
from assistant.mandates import match_area

__all__ = ["AreaPiece", "ItemPiece", "Piece", "fail", "merge_pieces"]

Placed = tuple[Any, str]  # a value and where it was read ("公安局.xlsx 基本信息!B5")
OPTION_NAMES = {
    "unit": "--unit",
    "level": "--level",
    "kind": "--kind",
    "year": "--year",
    "recipients": "--recipients",
    "date": "--date",
}


@dataclass
class AreaPiece:
    area: str
    points: list[Point] = field(default_factory=list)
    figures: list[tuple[NamedFigure, str]] = field(default_factory=list)  # area-level, with their places
    heading: Placed | None = None
    summary: Placed | None = None


@dataclass
class ItemPiece:
    points: list[Point] = field(default_factory=list)
    figures: list[tuple[NamedFigure, str]] = field(default_factory=list)


@dataclass
class Piece:
    """What one workbook or report contributes."""

    name: str  # the file name messages use
    basics: dict[str, Placed] = field(default_factory=dict)  # facts field (or summary.<item>) → value, place
    areas: list[AreaPiece] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    items: dict[str, ItemPiece] = field(default_factory=dict)  # leaders | next_year | other
    notes: list[str] = field(default_factory=list)  # warnings for the user, one Chinese line each

    @property
    def empty(self) -> bool:
        has_items = any(i.points or i.figures for i in self.items.values())
        has_basics = any(v is not None for v, _ in self.basics.values())
        return not (self.areas or self.problems or has_items or has_basics)

    def area(self, name: str) -> AreaPiece:
        for a in self.areas:
            if a.area == name:
                return a
        self.areas.append(AreaPiece(name))
        return self.areas[-1]

    def item(self, key: str) -> ItemPiece:
        return self.items.setdefault(key, ItemPiece())


def fail(errors: list[str]) -> FactsError:
    """One FactsError for a list of Chinese messages: the first, a count of the rest, all in details."""
    more = f"（另有 {len(errors) - 1} 处错误）" if len(errors) > 1 else ""
    err = FactsError(errors[0] + more)
    err.details = list(errors)
    return err


def _comparable(value: Any) -> Any:
    if isinstance(value, list):
        return tuple(value)
    if isinstance(value, dt.datetime):
        return value.date()
    return value


def _single(label: str, values: list[Placed], errors: list[str]) -> Any:
    """The one value several sources agree on; disagreement is an error naming each place."""
    given = [(v, place) for v, place in values if v is not None and v != "" and v != []]
    distinct = list(dict.fromkeys(_comparable(v) for v, _ in given))
    if len(distinct) > 1:
        said = "；".join(f"{place} 为“{_shown(v)}”" for v, place in given)
        errors.append(f"{label}不一致：{said}。请统一后重新导入。")
        return None
    return given[0][0] if given else None


def _shown(value: Any) -> str:
    if isinstance(value, (list, tuple)):
        return "、".join(map(str, value))
    return str(value)


def _figure_key(fig: NamedFigure) -> tuple[Any, ...]:
    return (fig.name, fig.value, fig.unit, fig.part_of, fig.approx)


def _point_key(point: Point) -> tuple[Any, ...]:
    return (point.text, tuple(_figure_key(f) for f in point.figures))


def _merge_points(points: list[Point]) -> list[Point]:
    """Identical points (same words, same figures) from several sources become one naming them all."""
    out: list[Point] = []
    index: dict[tuple[Any, ...], int] = {}
    for point in points:
        key = _point_key(point)
        if key in index:
            kept = out[index[key]]
            figures = [
                f.model_copy(update={"source": join_sources(f.source, g.source)})
                for f, g in zip(kept.figures, point.figures)
            ]
            out[index[key]] = kept.model_copy(
                update={"source": join_sources(kept.source, point.source), "figures": figures}
            )
            continue
        index[key] = len(out)
        out.append(point)
    return out


def _merge_figures(label: str, placed: list[tuple[NamedFigure, str]], errors: list[str]) -> list[NamedFigure]:
    """Figures of a whole area or item from several sources: identical ones merge; one name with two
    values cannot be told apart in the draft ("罚没款100万元，罚没款200万元") and is an error."""
    out: list[NamedFigure] = []
    places: dict[str, list[str]] = {}
    for fig, place in placed:
        same = next((i for i, f in enumerate(out) if _figure_key(f) == _figure_key(fig)), None)
        if same is not None:
            out[same] = out[same].model_copy(update={"source": join_sources(out[same].source, fig.source)})
            continue
        if fig.name in places:
            where = "、".join(places[fig.name] + [place])
            errors.append(
                f"{label}的数据“{fig.name}”在 {where} 各填了不同的数值，草稿中无法区分；"
                "请把它们挂到各自的要点上（填写要点序号），或改用不同的指标名称。"
            )
        places.setdefault(fig.name, []).append(place)
        out.append(fig)
    return out


def _area_order(pieces: list[Piece], year: int | None, gangyao_order: bool) -> list[tuple[str, list[AreaPiece]]]:
    """Areas grouped across sources by the 纲要 area they name; in the 纲要's order when compiling."""
    choices = area_choices(year)
    groups: dict[str, tuple[str, list[AreaPiece]]] = {}
    rank: dict[str, int] = {}
    for piece in pieces:
        for area in piece.areas:
            spec = match_area(area.area, choices)
            key = spec.id if spec else area.area.strip()
            if key not in groups:
                groups[key] = (area.area, [])
                rank[key] = choices.index(spec) if spec else len(choices) + len(rank)
            groups[key][1].append(area)
    keys = sorted(groups, key=lambda k: rank[k]) if gangyao_order else list(groups)
    return [groups[k] for k in keys]


def _basics(
    pieces: list[Piece], overrides: dict[str, Any], defaults: dict[str, Any], errors: list[str]
) -> dict[str, Any]:
    data: dict[str, Any] = {}
    for spec in BASIC_FIELDS:
        if overrides.get(spec.key) not in (None, "", []):
            data[spec.key] = overrides[spec.key]
            continue
        values = [p.basics[spec.key] for p in pieces if spec.key in p.basics]
        value = _single(spec.label, values, errors)
        if value is None and defaults.get(spec.key) not in (None, "", []):
            value = defaults[spec.key]
        if value is None and spec.required:
            places = "、".join(dict.fromkeys(place for _, place in values))
            option = OPTION_NAMES.get(spec.key)
            hint = f"请在 {places} 填写" if places else "请填写"
            hint += f"，或用 {option} 指定" if option else ""
            errors.append(f"{spec.label}未填写：{hint}。")
        data[spec.key] = value
    return data


def merge_pieces(
    pieces: list[Piece],
    overrides: dict[str, Any] | None = None,
    *,
    gangyao_order: bool,
    what: str = "填报表",
    defaults: dict[str, Any] | None = None,
) -> Facts:
    """One Facts from the pieces; every disagreement and every missing required part is an error.
    `overrides` win over what the sources say; `defaults` fill only what none of them says."""
    errors: list[str] = []
    basics = _basics(pieces, overrides or {}, defaults or {}, errors)
    year = basics.get("year") if isinstance(basics.get("year"), int) else None
    areas = []
    for written, group in _area_order(pieces, year, gangyao_order):
        entry: dict[str, Any] = {"area": written}
        heading = _single(f"领域“{written}”的小标题", [a.heading for a in group if a.heading], errors)
        summary = _single(f"领域“{written}”的概述", [a.summary for a in group if a.summary], errors)
        entry |= {k: v for k, v in (("heading", heading), ("summary", summary)) if v is not None}
        entry["points"] = _merge_points([p for a in group for p in a.points])
        entry["figures"] = _merge_figures(f"领域“{written}”", [f for a in group for f in a.figures], errors)
        if entry["points"]:
            areas.append(entry)
        elif entry["figures"] or heading or summary:
            errors.append(f"领域“{written}”有小标题、概述或数据，却没有要点：请在主要举措中为它填写至少一条要点。")
    names = "、".join(p.name for p in pieces)
    if not areas and not errors:
        errors.append(f"{what} {names} 中没有任何“主要举措”要点，无法起草。")
    problems: list[Problem] = []
    seen: dict[tuple[str, str | None], int] = {}
    for problem in (p for piece in pieces for p in piece.problems):
        said = (problem.problem, problem.cause)
        if said in seen:
            kept = problems[seen[said]]
            problems[seen[said]] = kept.model_copy(update={"source": join_sources(kept.source, problem.source)})
        else:
            seen[said] = len(problems)
            problems.append(problem)
    if not problems and not errors:
        errors.append(f"{what} {names} 中没有填写“存在的不足和原因”，无法起草（规定要求写明不足和原因）。")
    items: dict[str, Any] = {
        "measures": {"summary": basics.pop("summary.measures"), "areas": areas},
        "shortcomings": {"summary": basics.pop("summary.shortcomings"), "problems": problems},
    }
    for key, label in (("leaders", "第一责任人"), ("next_year", "下一年度安排"), ("other", "其他")):
        parts = [p.items[key] for p in pieces if key in p.items]
        summary = basics.pop(f"summary.{key}")
        points = _merge_points([pt for g in parts for pt in g.points])
        figures = _merge_figures(f"“{label}”", [f for g in parts for f in g.figures], errors)
        if key == "other" and not (points or figures or summary):
            continue
        items[key] = {"summary": summary, "points": points, "figures": figures}
    if errors:
        raise fail(errors)
    data = {k: v for k, v in basics.items() if v is not None} | {"items": items}
    try:
        return Facts.model_validate(data)
    except ValidationError as exc:
        raise fail([f"汇总结果不符合事实文件的格式：{describe_error(e)}" for e in exc.errors()]) from None
