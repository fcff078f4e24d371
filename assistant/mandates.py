"""The mandated-content schema (corpus/mandates.yaml), validated so a province's own copy fails loudly.

A reviewer who points FAZHI_MANDATES at a broken file must get one clear Chinese error naming the
field, not a KeyError halfway through reviewing fifty reports.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator
from pydantic_core import ErrorDetails

from assistant.config import get_settings
from assistant.errors import ConfigError
from assistant.vocabulary import ITEM_IDS


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def _check_regexes(patterns: list[str]) -> list[str]:
    for pattern in patterns:
        try:
            re.compile(expand_years(pattern, None))
        except re.error as exc:
            raise ValueError(f"正则表达式无效：{pattern}（{exc}）") from exc
    return patterns


class CauseMarkers(_Model):
    strong: list[str] = Field(default_factory=list)
    weak: list[str] = Field(default_factory=list)

    @field_validator("strong", "weak")
    @classmethod
    def _regexes(cls, value: list[str]) -> list[str]:
        return _check_regexes(value)


class MandateItem(_Model):
    id: str
    title: str
    wording: str
    required: bool = True
    weight: int = Field(ge=0, le=100)
    heading_patterns: list[str] = Field(min_length=1)
    heading_exclude_patterns: list[str] = Field(default_factory=list)
    body_markers: list[str] = Field(default_factory=list)
    cause_markers: CauseMarkers | None = None
    heading_names_causes: str | None = None
    partial_means: str
    thematic: bool = False

    @field_validator("heading_patterns", "heading_exclude_patterns", "body_markers")
    @classmethod
    def _regexes(cls, value: list[str]) -> list[str]:
        return _check_regexes(value)


class Area(_Model):
    id: str
    name: str
    keywords: list[str] = Field(min_length=1)


class AreaSet(_Model):
    id: str
    name: str
    years: tuple[int, int]
    areas: list[Area] = Field(min_length=1)


class CoverageRules(_Model):
    covered_min_lines: int = Field(default=2, ge=1)
    max_evidence_lines: int = Field(default=5, ge=1)


class TimingRules(_Model):
    publish_deadline_month: int = Field(default=4, ge=1, le=12)
    publish_deadline_day: int = Field(default=1, ge=1, le=31)
    due_quarter_end_month: int = Field(default=3, ge=1, le=12)


class ScoreRules(_Model):
    coverage_points: int = Field(default=10, ge=0, le=100)
    figure_error_penalty: int = Field(default=3, ge=0)
    figure_warning_penalty: int = Field(default=1, ge=0)
    figure_penalty_cap: int = Field(default=10, ge=0)


class Mandates(_Model):
    version: int = 1
    name: str
    source: str
    report_names: list[str] = Field(default_factory=list)
    items: list[MandateItem]
    subheading_items: list[str] = Field(default_factory=list)
    areas: list[AreaSet] = Field(default_factory=list)
    coverage: CoverageRules = Field(default_factory=CoverageRules)
    timing: TimingRules = Field(default_factory=TimingRules)
    score: ScoreRules = Field(default_factory=ScoreRules)
    path: str = ""

    @model_validator(mode="after")
    def _five_items(self) -> Mandates:
        ids = [item.id for item in self.items]
        if sorted(ids) != sorted(ITEM_IDS):
            raise ValueError(f"items 必须恰好包含 {', '.join(ITEM_IDS)}，实际为 {', '.join(ids)}")
        unknown = set(self.subheading_items) - set(ITEM_IDS)
        if unknown:
            raise ValueError(f"subheading_items 含未知项：{', '.join(sorted(unknown))}")
        return self

    def item(self, item_id: str) -> MandateItem:
        for item in self.items:
            if item.id == item_id:
                return item
        raise KeyError(item_id)

    def area_set(self, year: int | None) -> AreaSet | None:
        """The 纲要 a report about `year` is measured against (the newest one when the year is unknown)."""
        if not self.areas:
            return None
        if year is not None:
            for area_set in self.areas:
                if area_set.years[0] <= year <= area_set.years[1]:
                    return area_set
            if year > max(s.years[1] for s in self.areas):
                return max(self.areas, key=lambda s: s.years[1])
            if year < min(s.years[0] for s in self.areas):
                return min(self.areas, key=lambda s: s.years[0])
        return max(self.areas, key=lambda s: s.years[1])


def expand_years(pattern: str, year: int | None) -> str:
    """Fill {Y} (report year) and {Y1} (next year) in a schema pattern."""
    this = str(year) if year else r"\d{4}"
    nxt = str(year + 1) if year else r"\d{4}"
    return pattern.replace("{Y1}", nxt).replace("{Y}", this)


@lru_cache(maxsize=1024)
def compiled(pattern: str, year: int | None, flags: int = 0) -> re.Pattern[str]:
    """A schema pattern with its years filled in, compiled once."""
    return re.compile(expand_years(pattern, year), flags)


def match_area(key: str, areas: Sequence[Area]) -> Area | None:
    """The 纲要 area a facts file or a workbook names: by id or name, else by a name containing (or
    contained in) the key ("行政执法" → 健全行政执法工作体系)."""
    key = key.strip()
    for area in areas:
        if key in (area.id, area.name):
            return area
    for area in areas:
        if key and (key in area.name or area.name in key):
            return area
    return None


def heading_names_item(item: MandateItem, heading: str, year: int | None = None) -> bool:
    """Does `heading` name `item`: one of its heading patterns matches and none of its excludes does."""
    return any(compiled(p, year).search(heading) for p in item.heading_patterns) and not any(
        compiled(p, year).search(heading) for p in item.heading_exclude_patterns
    )


def _location(err: ErrorDetails) -> str:
    return ".".join(str(part) for part in err.get("loc", ())) or "(根)"


def load_mandates(path: Path | None = None) -> Mandates:
    """The schema at `path`, else FAZHI_MANDATES (Settings.mandates), else corpus/mandates.yaml."""
    target = Path(path) if path else Path(get_settings().mandates).expanduser()
    if not target.is_file():
        raise ConfigError(f"找不到法定内容要求文件 {target}", hint="检查 FAZHI_MANDATES")
    return _load_cached(str(target.resolve()), target.stat().st_mtime_ns)


@lru_cache(maxsize=8)
def _load_cached(path: str, mtime_ns: int) -> Mandates:
    """Parsed once per file version: edits to a provincial copy are picked up without a restart."""
    target = Path(path)
    try:
        data = yaml.safe_load(target.read_text(encoding="utf-8"))
    except UnicodeDecodeError as exc:
        raise ConfigError(f"法定内容要求文件 {target.name} 不是 UTF-8 编码") from exc
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"第 {mark.line + 1} 行" if mark else "某处"
        raise ConfigError(f"法定内容要求文件 {target.name} {where} YAML 格式错误") from exc
    if not isinstance(data, dict):
        raise ConfigError(f"法定内容要求文件 {target.name} 应为 YAML 映射（键: 值）")
    data.setdefault("path", str(target))
    try:
        return Mandates.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        message = str(first.get("msg", "")).removeprefix("Value error, ")
        raise ConfigError(f"法定内容要求文件 {target.name} 字段 {_location(first)} 无效：{message}") from exc
