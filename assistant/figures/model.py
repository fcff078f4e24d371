"""The figures' data: a Figure as extracted, the unit vocabulary, and what checking them returns.

Units belong to families (人/名/人次 count people; 件/宗/起 count cases) so that a breakdown in 宗 can
be checked against a total in 件; prose extraction and table reading share this one vocabulary.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

__all__ = [
    "CheckResult",
    "CheckedRelation",
    "Figure",
    "FigureIssue",
    "FigureList",
    "UNIT_KIND",
    "compatible_units",
    "split_scale",
    "unit_family",
]


@dataclass
class Figure:
    value: float
    unit: str
    label: str
    parent: str | None
    approx: str | None
    kind: str
    text: str
    sentence: str
    line: int
    start: int
    end: int
    section: list[str]
    precision: float
    exact: bool = False  # an unscaled integer count: compare without tolerance
    sentence_start: int = 0  # offset of `sentence` in Document.text
    total_marker: bool = False  # written as a total: 共/合计/总计/累计
    part_of: int | None = field(default=None, repr=False)  # index (in the extraction list) of its total
    total_start: int | None = field(default=None, repr=False)  # Document.text offset of that total
    link: str | None = None  # how it joins its total: 其中 | 括号 | 分别 | 顺列 | 其余 | 新增 | …
    per_unit: bool = False  # 每人每月、人均、标准: a rate per head, never summed
    lead: str = ""  # the clause's words right before the number (≤ 40 characters, normalised)
    depth: int = 0  # how many brackets enclose it


class FigureList(list[Figure]):
    """The figures of a document, carrying the structural reading made when they were linked, so checking
    them does not read the text again."""

    structure: Any = None


# --- units ---------------------------------------------------------------------------------------

_DURATION = ["个工作日", "工作日", "个小时", "小时", "分钟", "个月", "天", "周", "年", "日"]
_MONEY = ["美元", "港元", "欧元", "元"]
_COUNT = [
    "人次",
    "家次",
    "批次",
    "户次",
    "架次",
    "场次",
    "车次",
    "航次",
    "班次",
    "课时",
    "宗次",
    "件",
    "宗",
    "项",
    "条",
    "份",
    "个",
    "家",
    "人",
    "名",
    "批",
    "次",
    "起",
    "场",
    "期",
    "位",
    "户",
    "所",
    "座",
    "辆",
    "台",
    "套",
    "间",
    "栋",
    "处",
    "部",
    "篇",
    "本",
    "册",
    "张",
    "支",
    "只",
    "头",
    "类",
    "种",
    "笔",
    "单",
    "轮",
    "封",
    "例",
    "艘",
    "株",
    "棵",
    "块",
    "门",
    "节",
    "堂",
    "幅",
    "首",
    "盏",
    "案",
    "卷",
    "届",
    "区",
    "县",
    "大",
    "万",
]
_MEASURE = [
    "平方公里",
    "平方千米",
    "平方米",
    "立方米",
    "公里",
    "千米",
    "公顷",
    "公斤",
    "千克",
    "米",
    "亩",
    "吨",
    "标箱",
    "千瓦时",
    "千瓦",
    "兆瓦",
    "岁",
    "床",
    "倍",
    "番",
]
UNIT_KIND = {u: "duration" for u in _DURATION}
UNIT_KIND.update({u: "money" for u in _MONEY})
UNIT_KIND.update({u: "count" for u in _COUNT if u != "万"})
UNIT_KIND.update({u: "other" for u in _MEASURE})
UNIT_KIND["倍"] = UNIT_KIND["番"] = "ratio"
_PERSON = {"人", "名", "人次", "位"}
_CASE = {"件", "宗", "起", "宗次"}


def unit_family(unit: str) -> str:
    if unit in _PERSON:
        return "person"
    if unit in _CASE:
        return "case"
    return unit


# Scale prefixes a written unit may carry ("万元", "亿元", "万人次"), longest first.
_SCALES = (("万亿", 1e12), ("千万", 1e7), ("百万", 1e6), ("亿", 1e8), ("万", 1e4), ("千", 1e3))


def split_scale(unit: str) -> tuple[str, float]:
    """ "万元" → ("元", 10000.0), "万人次" → ("人次", 10000.0): comparing 1.2万元 with 12000元 needs both."""
    unit = (unit or "").strip()
    for prefix, scale in _SCALES:
        if unit.startswith(prefix) and len(unit) > len(prefix):
            return unit[len(prefix) :], scale
    return unit, 1.0


def compatible_units(a: str, b: str, *, loose: bool = False) -> bool:
    """Same unit, or the same family (人/名/人次; 件/宗/起); loose also lets 个 stand for any count unit."""
    if a == b or unit_family(a) == unit_family(b):
        return True
    if loose and "个" in (a, b):
        other = b if a == "个" else a
        return UNIT_KIND.get(other) == "count" and other not in _PERSON
    return False


@dataclass
class FigureIssue:
    kind: str  # breakdown_exceeds_total | breakdown_incomplete | rate_mismatch | difference_mismatch
    # | table_total_mismatch | year_on_year_mismatch
    severity: str  # error | warning
    line: int
    text: str
    stated: float
    expected: float
    message: str


@dataclass
class CheckedRelation:
    kind: str  # breakdown | rate | difference | difference_rate | table_total | year_on_year
    line: int
    text: str
    stated: float
    expected: float
    holds: bool
    figures: list[dict[str, object]] = field(default_factory=list)  # {role, text, value, line}


@dataclass
class CheckResult:
    issues: list[FigureIssue] = field(default_factory=list)
    checked: list[CheckedRelation] = field(default_factory=list)
