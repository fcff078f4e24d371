"""The facts file: what a unit actually did in the year, the only source of figures in a draft.

Staff fill one YAML file per report (see corpus/examples/*.yaml). Validation errors point at the
field and the YAML line so a clerk can fix the file without reading Python; the facts' own figures
are checked (parts exceeding totals, rates that don't match) before anything is drafted.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, ValidationInfo, field_validator

from assistant.errors import FactsError, FileMissingError
from assistant.mandates import ITEM_NAMES

LEVEL_NAMES = {"province": "省级", "city": "市级", "county": "县级", "town": "乡镇"}
_LEVEL_ALIASES = {"省": "province", "省级": "province", "自治区": "province", "市": "city", "市级": "city",
                  "地级市": "city", "州": "city", "县": "county", "县级": "county", "区": "county", "县级市": "county",
                  "旗": "county", "镇": "town", "乡": "town", "乡镇": "town", "街道": "town"}
ITEM_IDS = ("measures", "shortcomings", "leaders", "next_year", "other")


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

    @field_validator("value", mode="before")
    @classmethod
    def _numeric(cls, v: Any) -> Any:
        if isinstance(v, bool) or not isinstance(v, (int, float)):
            raise ValueError("必须是阿拉伯数字（如 21 或 99.2），不要带单位或汉字")
        if v < 0:
            raise ValueError("不能是负数（下降、减少请写在名称里，如“败诉率同比下降”）")
        return v


class Point(_Model):
    """A measure, action or plan, in the unit's own words, optionally with the figures it rests on."""

    text: str = Field(min_length=2)
    figures: list[NamedFigure] = Field(default_factory=list)


class Problem(_Model):
    problem: str = Field(min_length=2)
    cause: str | None = None


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
        texts = [t for t in (self.preamble, self.items.measures.summary, self.items.shortcomings.summary) if t]
        for area in self.items.measures.areas:
            texts += [t for t in (area.summary,) if t] + [p.text for p in area.points]
        texts += [p.problem for p in self.items.shortcomings.problems]
        texts += [p.cause for p in self.items.shortcomings.problems if p.cause]
        for item in (self.items.leaders, self.items.next_year, self.items.other):
            if item is not None:
                texts += [t for t in (item.summary,) if t] + [p.text for p in item.points]
        return texts


def _coerce_points(v: Any) -> Any:
    if isinstance(v, list):
        return [{"text": p} if isinstance(p, str) else p for p in v]
    return v


# ---------------------------------------------------------------- loading with line numbers

_FIELD_NAMES = {
    "unit": "报告单位", "level": "层级", "kind": "单位类型", "year": "年度", "recipients": "主送机关",
    "date": "成文日期", "items": "报告内容", **ITEM_NAMES,
    "areas": "纲要领域", "area": "领域", "points": "要点", "figures": "数据", "name": "名称", "value": "数值",
    "unit_": "单位", "problems": "问题", "problem": "问题", "cause": "原因", "text": "内容",
}

_MESSAGES = {
    "missing": "缺少必填项", "extra_forbidden": "不认识的字段（拼写错误？）", "literal_error": "取值不在允许范围内",
    "int_parsing": "必须是整数", "float_parsing": "必须是数字", "string_too_short": "内容为空或太短",
    "too_short": "至少需要一项", "date_from_datetime_parsing": "日期格式应为 YYYY-MM-DD",
    "date_parsing": "日期格式应为 YYYY-MM-DD", "date_type": "日期格式应为 YYYY-MM-DD",
    "string_type": "必须是文字", "list_type": "必须是列表（每项以 - 开头）", "model_type": "必须是键值结构",
    "greater_than_equal": "数值太小", "less_than_equal": "数值太大",
}

_YAML_HINTS = (
    ("mapping values are not allowed", "此处不应出现“名称: 值”，多半是缩进不对，或值里含有英文冒号（请给值加引号）"),
    ("could not find expected ':'", "缺少“: ”（冒号后要有空格）"),
    ("cannot start any token", "含有不能出现的字符（如 Tab 缩进或行首的 @、`），请改用空格缩进或给值加引号"),
    ("expected ',' or ']'", "方括号 [ ] 没有闭合"),
    ("expected ',' or '}'", "花括号 { } 没有闭合"),
    ("found unexpected end of stream", "引号没有闭合"),
    ("did not find expected key", "缩进不一致"),
    ("did not find expected '-' indicator", "列表项（- 开头）缩进不一致"),
    ("found duplicate anchor", "锚点重复"),
)


def _node_line(root: yaml.Node | None, loc: tuple[Any, ...]) -> int | None:
    """Follow a pydantic error location through the composed YAML tree to a 1-based line."""
    node = root
    line = node.start_mark.line + 1 if node is not None else None
    for key in loc:
        if isinstance(node, yaml.MappingNode):
            nxt = next((v for k, v in node.value if getattr(k, "value", None) == key), None)
        elif isinstance(node, yaml.SequenceNode) and isinstance(key, int) and key < len(node.value):
            nxt = node.value[key]
        else:
            nxt = None
        if nxt is None:
            break
        node = nxt
        line = node.start_mark.line + 1
    return line


def _field_path(loc: tuple[Any, ...]) -> str:
    parts = []
    for key in loc:
        if isinstance(key, int):
            parts.append(f"第{key + 1}项")
        elif key in ("function-after", "function-before"):
            continue
        else:
            parts.append(f"{key}（{_FIELD_NAMES.get(key, key)}）" if key in _FIELD_NAMES else str(key))
    return ".".join(parts) if parts else "文件"


def _error_message(err: dict, root: yaml.Node | None, path: Path) -> str:
    loc = tuple(k for k in err["loc"] if k not in ("function-after", "function-before"))
    line = _node_line(root, loc)
    typ = err["type"]
    msg = _MESSAGES.get(typ)
    if typ == "value_error":
        msg = str(err.get("ctx", {}).get("error", err["msg"]))
    elif typ == "literal_error":
        expected = str(err.get("ctx", {}).get("expected", "")).replace("' or '", "、").replace("', '", "、").strip("'")
        if loc and loc[-1] == "level":
            expected = "province（省级）、city（市级）、county（县级）、town（乡镇），也可写 省、市、县、区、镇、乡、街道"
        msg = f"取值不在允许范围内，可选：{expected}"
    msg = msg or err["msg"]
    where = f"第{line}行" if line else "（行号未知）"
    return f"事实文件 {path.name} {where}：{_field_path(loc)} {msg}"


def parse_facts(text: str, path: Path | str = "<facts>") -> Facts:
    """Validate facts YAML text; a FactsError names the field and the line."""
    path = Path(path)
    try:
        root = yaml.compose(text)
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"第{mark.line + 1}行：" if mark else "："
        problem = str(getattr(exc, "problem", None) or exc).splitlines()[0]
        hint = next((cn for en, cn in _YAML_HINTS if en in problem), "请检查缩进、冒号和括号")
        raise FactsError(f"事实文件 {path.name} {where}YAML 格式错误，{hint}（{problem}）") from exc
    if not isinstance(data, dict):
        raise FactsError(f"事实文件 {path.name} 应是键值结构（unit: …、year: …），实际为空或格式不对")
    try:
        return Facts.model_validate(data)
    except ValidationError as exc:
        errors = exc.errors()
        first = _error_message(errors[0], root, path)
        more = f"（另有 {len(errors) - 1} 处错误）" if len(errors) > 1 else ""
        err = FactsError(first + more)
        err.details = [_error_message(e, root, path) for e in errors]  # type: ignore[attr-defined]
        raise err from None


def load_facts(path: Path | str) -> Facts:
    path = Path(path)
    if not path.is_file():
        raise FileMissingError(f"找不到事实文件 {path}")
    from assistant.errors import DecodeError
    from assistant.loading import decode_bytes

    # Windows editors save 记事本/WPS text as GBK ("ANSI") or UTF-16: read those too rather than refuse.
    try:
        text, _encoding = decode_bytes(path.read_bytes(), path.name)
    except DecodeError:
        raise FactsError(f"事实文件 {path.name} 不是文本文件（或编码无法识别），请另存为 UTF-8 编码的 .yaml") from None
    return parse_facts(text, path)


# ---------------------------------------------------------------- checking the facts' own figures

def _decimals(value: float) -> int:
    text = repr(float(value))
    return 0 if text.endswith(".0") else len(text.split(".")[1]) if "." in text else 0


def _structural_checks(facts: Facts) -> list[str]:
    """part_of relations the file states explicitly: parts within totals, rates matching their parts."""
    from assistant.composer import RATE_UNITS

    warnings: list[str] = []
    # One group per point (and the area/item-level list): that is where part_of resolves and where the
    # composer writes "其中"; the same name in two points ("审结" of 复议 and of 诉讼) is two indicators.
    groups = []
    for holder in [*facts.items.measures.areas, facts.items.leaders, facts.items.next_year, facts.items.other]:
        if holder is not None:
            groups += [g for g in [holder.figures, *(p.figures for p in holder.points)] if g]
    everything = {f.name: f for f in facts.all_figures()}
    for figs in groups:
        seen: dict[str, float] = {}
        for f in figs:
            if f.name in seen and seen[f.name] != f.value:
                warnings.append(f"数据“{f.name}”在同一要点中出现两次且数值不同（{seen[f.name]:g} 和 {f.value:g}），请统一。")
            seen.setdefault(f.name, f.value)
        by_name = {f.name: f for f in figs}
        for f in figs:
            if f.part_of and f.part_of not in by_name:
                where = "同一要点" if f.part_of in everything else "事实文件"
                warnings.append(f"数据“{f.name}”的 part_of 指向“{f.part_of}”，但{where}中没有这项数据。")
        for total in figs:
            parts = [f for f in figs if f.part_of == total.name and f.unit not in RATE_UNITS and f.unit == total.unit]
            if parts and total.approx is None:
                s = sum(p.value for p in parts)
                if s > total.value + 1e-9:
                    names = "、".join(f"{p.name}{p.value:g}{p.unit}" for p in parts)
                    warnings.append(f"数据自检：{names} 合计 {s:g}{total.unit}，超过总数“{total.name}”{total.value:g}{total.unit}。")
        for rate in figs:
            if rate.unit != "%" or not rate.part_of or rate.approx:
                continue
            num = by_name.get(rate.part_of)
            den = by_name.get(num.part_of) if num and num.part_of else None
            if not num or not den or not den.value or num.unit != den.unit:
                continue
            expected = num.value / den.value * 100
            tolerance = 0.5 * 10 ** -_decimals(rate.value) + 1e-9
            if abs(expected - rate.value) > tolerance:
                warnings.append(f"数据自检：“{rate.name}”写为{rate.value:g}%，但{num.name}{num.value:g}{num.unit}÷"
                                f"{den.name}{den.value:g}{den.unit}={expected:.2f}%。")
    return warnings


def _engine_checks(facts: Facts, known_rates: set[float] | None = None) -> list[str]:
    """The figures engine over the facts as they will read in the draft (catches issues inside point texts)."""
    try:
        from assistant.composer import figures_clause, point_sentence
        from assistant.documents import parse_text
        from assistant.figure_checks import check_figures
    except ImportError:
        return []
    lines = []
    for area in facts.items.measures.areas:
        lines += [point_sentence(p) + "。" for p in area.points]
        if area.figures:
            lines.append(figures_clause(area.figures) + "。")
    for item in (facts.items.leaders, facts.items.next_year, facts.items.other):
        if item is not None:
            lines += [point_sentence(p) + "。" for p in item.points]
    doc = parse_text("\n".join(lines), path="<facts>")
    known = {round(v, 6) for v in known_rates or ()}
    return [f"数据自检：{issue.message}（“{issue.text}”）" for issue in check_figures(doc)
            if (issue.kind != "breakdown_exceeds_total" or "其中" not in issue.text)
            and not (issue.kind == "rate_mismatch" and round(issue.stated, 6) in known)]


def check_facts(facts: Facts) -> list[str]:
    """Warnings (Chinese, one line each) to show before drafting; drafting goes on regardless."""
    warnings = _structural_checks(facts)
    stated_rates = {f.value for f in facts.all_figures() if f.unit == "%" and any(f"“{f.name}”写为" in w for w in warnings)}
    for w in _engine_checks(facts, stated_rates):
        if w not in warnings:
            warnings.append(w)
    for i, p in enumerate(facts.items.shortcomings.problems, start=1):
        if not p.cause:
            warnings.append(f"存在的不足第{i}项没有写原因（规定要求写明“不足和原因”）。")
    for key in ("leaders", "next_year"):
        label, item = ITEM_NAMES[key], getattr(facts.items, key)
        if not item.summary and not item.points and not item.figures:
            warnings.append(f"{label}（items.{key}）没有填写内容，草稿中此部分只有概括性表述，请补充具体要点。")
    return warnings
