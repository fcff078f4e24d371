"""The structural reading's data and the words it is built from: paragraphs cut into statements and clauses,
what an amount and a change are, and how two labels name the same indicator.

A paragraph (one line of the document) is read in windows: a statement (to the next 。！？), its clauses (to the
next ，；：) and its bracket depth. Every lookup bisects into those windows, so a run-on paragraph costs time in
proportion to its length, not its square.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field

from assistant.documents import Document
from assistant.figures.labels import label_core
from assistant.figures.model import Figure, compatible_units

__all__ = [
    "CLAUSE",
    "COORD",
    "FROM",
    "SCOPE",
    "STATEMENT_END",
    "UP",
    "Breakdown",
    "Change",
    "Para",
    "Ratio",
    "Structure",
    "base_name",
    "bracket_depths",
    "canon",
    "clause_lead",
    "coordinated",
    "is_amount",
    "is_delta",
    "names_same",
    "paragraphs",
    "same_kind",
    "shares_words",
    "tail",
    "unit_family",
]


@dataclass
class Breakdown:
    total: int  # index in the figure list
    parts: list[int]
    how: str  # 其中 | 括号 | 分别 | 顺列 | 其余 | 新增
    exhaustive: bool  # the parts are the whole of the total, so they must add up to it


@dataclass
class Ratio:
    rate: int
    numerator: int
    denominators: list[int]  # nearest first; the rate holds if any of them fits
    how: str  # 占 (a share) | 率 (a named rate)


@dataclass
class Change:
    before: int
    after: int
    stated: int  # the figure stating the change: an amount, a percent or 个百分点
    direction: int  # +1 an increase is said, -1 a decrease, 0 not said
    how: str  # 从…至 | 比上年


@dataclass
class Structure:
    breakdowns: list[Breakdown] = field(default_factory=list)
    ratios: list[Ratio] = field(default_factory=list)
    changes: list[Change] = field(default_factory=list)


STATEMENT_END = re.compile(r"[。！!？?]")


CLAUSE = re.compile(r"[，,；;：:。！!？?]")


_DELTA_LEAD = re.compile(
    r"(?:(?:比|较|同比|环比)[^，,；;。]{0,14}?)?(?:增加|增长|减少|下降|提高|降低|上升|回落|增多|扩大|缩小)了?(?:约|近|超过|逾)?$"
    r"|(?:比|较|同比|环比)[^，,；;。]{0,14}?(?:多|少|增|减|降)了?(?:约|近|超过|逾)?$"
)


_NOT_DELTA = re.compile(r"(?:新|净|新|累计|总|实)增$")


SCOPE = re.compile(r"^(?:全国|全省|全市|全区|全县|全镇|本市|本区|本县|本省|我市|我区|我县|我省|我镇|全|本|该|其|总)")


FROM = re.compile(r"(?:从|由)(?:原来的?|原先的?|原)?[^，,；;。从由]{0,12}$")


UP = re.compile(r"增|提|升|扩|多|超")


COORD = re.compile(r"^[^，,；;。:：()]{0,14}?(?:和|与|及|以及|、)[^，,；;。:：()]{0,4}$")


_GDP = re.compile(r"(?:地区|国内|本地|本市|全市|全区|本区|全省|区域)?生产总值|GDP")


_AGGREGATE = re.compile(r"(?<!生产)(?:总额|总量|总数|总值)$")


def is_amount(f: Figure) -> bool:
    """A count, sum of money or measure that parts can add up to (not a rate, a per-head figure, 倍, or a span of
    years such as 连续三年 that only says for how long)."""
    return (
        f.kind in ("count", "money", "other", "duration")
        and not f.per_unit
        and f.unit not in ("倍", "岁", "年")
        and "/" not in f.unit
    )


def is_delta(f: Figure) -> bool:
    """“比上年增加1500亿元”, "共压缩4840个工作日": the size of a change, not a total or a part."""
    lead = f.lead.rstrip()
    return bool(_DELTA_LEAD.search(lead)) and not _NOT_DELTA.search(lead)


def same_kind(a: Figure, b: Figure) -> bool:
    return a.kind == b.kind and compatible_units(a.unit, b.unit, loose=True)


def canon(name: str) -> str:
    """One spelling per indicator: 地区生产总值/本市生产总值/GDP → 生产总值; 出口总额 → 出口."""
    name = _GDP.sub("生产总值", SCOPE.sub("", name))
    return _AGGREGATE.sub("", name) or name


def base_name(f: Figure) -> str:
    """The label with its scope (全区, 我市) and verb stripped: what indicator it is."""
    return canon(label_core(f.label))


@dataclass
class Para:
    text: str
    base: int  # offset of text in Document.text
    figs: list[int]  # indices into the figure list, in order
    statements: list[int]  # offsets (in text) where statements start
    clauses: list[int]  # offsets where clauses start
    depths: list[tuple[int, int]]  # (offset, bracket depth from there on)
    starts: list[int] = field(default_factory=list)  # offset of each of figs, for bisecting

    def between(self, lo: int, hi: int) -> list[int]:
        """The figures starting in [lo, hi): every window stays local, so a run-on paragraph costs linear time."""
        return self.figs[bisect_left(self.starts, lo) : bisect_left(self.starts, hi)]

    def stmt_range(self, stmt: int) -> tuple[int, int]:
        end = self.statements[stmt + 1] if stmt + 1 < len(self.statements) else len(self.text)
        return self.statements[max(stmt, 0)], end

    def statement(self, pos: int) -> int:
        return bisect_right(self.statements, pos) - 1

    def clause(self, pos: int) -> int:
        return bisect_right(self.clauses, pos) - 1

    def depth(self, pos: int) -> int:
        return self.depths[bisect_right(self.depths, (pos, 1 << 30)) - 1][1]


def bracket_depths(text: str) -> list[tuple[int, int]]:
    """(offset, bracket depth from there on), for bisecting a figure's depth."""
    out, depth = [(0, 0)], 0
    for m in re.finditer(r"[()]", text):
        depth = depth + 1 if m.group(0) == "(" else max(depth - 1, 0)
        out.append((m.end(), depth))
    return out


def paragraphs(doc: Document, figures: list[Figure]) -> list[Para]:
    by_line: dict[int, list[int]] = {}
    for i, f in enumerate(figures):
        by_line.setdefault(f.line, []).append(i)
    out: list[Para] = []
    for ln in doc.lines:
        idx = by_line.get(ln.no)
        text = ln.text
        statements = [0] + [m.end() for m in STATEMENT_END.finditer(text)]
        statements += [
            s for f in (idx or []) for s in (figures[f].sentence_start - ln.start,) if len(text) > 400
        ]  # run-on text: the extractor's cuts bound every window
        clauses = [0] + [m.end() for m in CLAUSE.finditer(text)]
        figs = idx or []
        out.append(
            Para(
                text,
                ln.start,
                figs,
                sorted(set(statements)),
                clauses,
                bracket_depths(text),
                [figures[i].start - ln.start for i in figs],
            )
        )
    return out


def clause_lead(p: Para, f: Figure) -> str:
    """The clause's text before the figure, without the words that join list items."""
    start = p.clauses[p.clause(f.start - p.base)]
    lead = p.text[start : f.start - p.base]
    return re.sub(r"^[\s、，,;；:：]*(?:其中|以及|及|和|与|另有|还有)?[\s、，,:：]*", "", lead)


def tail(p: Para, f: Figure) -> str:
    """The rest of the figure's clause after it."""
    end = p.clauses[p.clause(f.end - p.base) + 1] if p.clause(f.end - p.base) + 1 < len(p.clauses) else len(p.text)
    return p.text[f.end - p.base : end] if not clause_lead(p, f) else ""


def coordinated(p: Para, figures: list[Figure], idx: list[int]) -> bool:
    """Figures joined by 和/、/及 within one clause: "175项重要举措和38项年度重点任务"."""
    return all(
        p.clause(figures[a].start - p.base) == p.clause(figures[b].start - p.base)
        and COORD.match(p.text[figures[a].end - p.base : figures[b].start - p.base])
        for a, b in zip(idx, idx[1:])
    )


def unit_family(f: Figure) -> str:
    return "count" if f.kind == "count" else f.unit


def names_same(named: str, text: str) -> bool:
    """“淘汰转型低端企业” names what "淘汰低端企业20家" counts (its first and last words are there); "取消职权"
    does not name "清理行政职权4011项"."""
    return len(named) < 2 or named[:2] in text and named[-2:] in text


def shares_words(a: str, b: str) -> bool:
    """Two labels name the same thing when they share a two-character word."""
    return any(a[i : i + 2] in b for i in range(len(a) - 1))
