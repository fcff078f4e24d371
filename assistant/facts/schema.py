"""The facts file's schema: what a unit actually did in the year, the only source of figures in a draft.

Staff fill one YAML file per report (see corpus/examples/*.yaml). Validation errors point at the
field and the YAML line so a clerk can fix the file without reading Python; the facts' own figures
are checked (parts exceeding totals, rates that don't match) before anything is drafted.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator

from assistant.facts.scalars import number_problem, parse_date
from assistant.vocabulary import LEVEL_NAMES

# A point, problem or figure compiled from several workbooks or reports names them all, in this order.
SOURCE_SEP = "；"

# The level may be written in Chinese: the users' own words, and every name LEVEL_NAMES shows them.
_LEVEL_ALIASES = {
    "省": "province",
    "自治区": "province",
    "市": "city",
    "市级": "city",
    "地级市": "city",
    "州": "city",
    "县": "county",
    "区": "county",
    "县级市": "county",
    "旗": "county",
    "镇": "town",
    "乡": "town",
    "乡镇": "town",
    "街道": "town",
    **{name: level for level, name in LEVEL_NAMES.items()},
}


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class NamedFigure(_Model):
    """One figure the report may state. `name` reads as the phrase before the number
    ("收到行政复议申请" → "收到行政复议申请21件"); `part_of` names the total it breaks down."""

    name: str = Field(min_length=1)
    value: float
    unit: str = ""
    part_of: str | None = None
    approx: Literal["more", "less", "about"] | None = None
    source: str | None = None  # where it was reported: 公安局.xlsx, 公安局.docx:23; several joined by SOURCE_SEP

    @field_validator("value", mode="before")
    @classmethod
    def _numeric(cls, v: Any) -> Any:
        problem = number_problem(v)  # drafted exactly as written, or refused: never a rounded number
        if problem:
            raise ValueError(problem)
        if isinstance(v, bool) or not isinstance(v, (int, float)):
            raise ValueError("必须是阿拉伯数字（如 21 或 99.2），不要带单位或汉字")
        if v < 0:
            raise ValueError("不能是负数（下降、减少请写在名称里，如“败诉率同比下降”）")
        return v


class Point(_Model):
    """A measure, action or plan, in the unit's own words, optionally with the figures it rests on."""

    text: str = Field(min_length=2)
    figures: list[NamedFigure] = Field(default_factory=list)
    source: str | None = None


class Problem(_Model):
    problem: str = Field(min_length=2)
    cause: str | None = None
    source: str | None = None


class Area(_Model):
    """The measures of one 纲要 area (an id or name from corpus/mandates.yaml)."""

    area: str = Field(min_length=1)
    heading: str | None = None
    summary: str | None = None
    points: list[Point] = Field(min_length=1)
    figures: list[NamedFigure] = Field(default_factory=list)

    @field_validator("points", mode="before")
    @classmethod
    def _points(cls, v: Any) -> Any:
        return _coerce_points(v)


class Item(_Model):
    summary: str | None = None
    points: list[Point] = Field(default_factory=list)
    figures: list[NamedFigure] = Field(default_factory=list)

    @field_validator("points", mode="before")
    @classmethod
    def _points(cls, v: Any) -> Any:
        return _coerce_points(v)


class Measures(_Model):
    summary: str | None = None
    areas: list[Area] = Field(min_length=1)


class Shortcomings(_Model):
    summary: str | None = None
    problems: list[Problem] = Field(min_length=1)


class Items(_Model):
    measures: Measures
    shortcomings: Shortcomings
    leaders: Item
    next_year: Item
    other: Item | None = None


class Facts(_Model):
    unit: str = Field(min_length=2)
    level: Literal["province", "city", "county", "town"]
    kind: Literal["government", "department"] = "government"
    year: int = Field(ge=2000, le=2100)
    recipients: list[str] = Field(min_length=1)
    date: dt.date
    title: str | None = None
    signer: str | None = None
    preamble: str | None = None
    items: Items

    @field_validator("recipients", mode="before")
    @classmethod
    def _one_recipient(cls, v: Any) -> Any:
        return [v] if isinstance(v, str) else v

    @field_validator("level", mode="before")
    @classmethod
    def _level_in_chinese(cls, v: Any) -> Any:
        return _LEVEL_ALIASES.get(v.strip(), v) if isinstance(v, str) else v

    @field_validator("date", mode="before")
    @classmethod
    def _date_as_written(cls, v: Any) -> Any:
        return parse_date(v)

    @field_validator("date")
    @classmethod
    def _date_after_year(cls, v: dt.date, info: ValidationInfo) -> dt.date:
        year = info.data.get("year")
        if isinstance(year, int) and v.year < year:
            raise ValueError(f"成文日期 {v} 早于报告年度 {year} 的结束")
        return v

    @property
    def report_title(self) -> str:
        return self.title or f"{self.unit}关于{self.year}年度法治政府建设情况的报告"

    @property
    def signer_name(self) -> str:
        return self.signer or self.unit

    def all_figures(self) -> list[NamedFigure]:
        out: list[NamedFigure] = []
        for area in self.items.measures.areas:
            out += area.figures
            for p in area.points:
                out += p.figures
        for item in (self.items.leaders, self.items.next_year, self.items.other):
            if item is None:
                continue
            out += item.figures
            for p in item.points:
                out += p.figures
        return out

    def point_texts(self) -> list[str]:
        """Every free-text field: their own figures are facts too (the faithfulness check reads them)."""
        return [text for text, _source in self.sourced_texts()]

    def sourced_texts(self) -> list[tuple[str, str | None]]:
        """Every free-text field with where it was reported (None for what the file itself says)."""
        out: list[tuple[str, str | None]] = [
            (t, None) for t in (self.preamble, self.items.measures.summary, self.items.shortcomings.summary) if t
        ]
        for area in self.items.measures.areas:
            out += [(t, None) for t in (area.summary,) if t] + [(p.text, p.source) for p in area.points]
        out += [(p.problem, p.source) for p in self.items.shortcomings.problems]
        out += [(p.cause, p.source) for p in self.items.shortcomings.problems if p.cause]
        for item in (self.items.leaders, self.items.next_year, self.items.other):
            if item is not None:
                out += [(t, None) for t in (item.summary,) if t] + [(p.text, p.source) for p in item.points]
        return out

    def sources(self) -> list[str]:
        """Every workbook or report this file's points and figures were compiled from, in first-seen order."""
        seen: dict[str, None] = {}
        for _text, source in self.sourced_texts():
            seen.update(dict.fromkeys(split_sources(source)))
        for fig in self.all_figures():
            seen.update(dict.fromkeys(split_sources(fig.source)))
        return list(seen)


def split_sources(source: str | None) -> list[str]:
    """ "公安局.docx:23；交通局.docx:7" → both; None → []."""
    return [part.strip() for part in (source or "").split(SOURCE_SEP) if part.strip()]


def join_sources(*sources: str | None) -> str | None:
    """One source field naming each of `sources` once, in order (None when there is none)."""
    parts = list(dict.fromkeys(p for s in sources for p in split_sources(s)))
    return SOURCE_SEP.join(parts) if parts else None


def _coerce_points(v: Any) -> Any:
    if isinstance(v, list):
        return [{"text": p} if isinstance(p, str) else p for p in v]
    return v
