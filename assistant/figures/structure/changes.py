"""Changes between two values of one indicator: "从8045个工作日压缩至3205个工作日，共压缩4840个工作日",
"压缩75%至30分钟", "2023年45件，2022年为36件，比上年增加9件", a target against last year's actual stated
earlier in the report, and a result against its plan a line or two before."""

from __future__ import annotations

import re

from assistant.figures.labels import CHANGE_BETWEEN, CHANGE_VERB, label_core
from assistant.figures.model import Figure, compatible_units
from assistant.figures.structure.model import (
    FROM,
    UP,
    Change,
    Para,
    Structure,
    canon,
    is_amount,
    is_delta,
    names_same,
    shares_words,
)

__all__ = ["STATED_LEAD", "changes", "stated_changes", "targets"]


_CHANGE_STATED = re.compile(
    rf"(?:{CHANGE_VERB}|降幅|增幅|提速比|压缩比|精简率|压减率|压缩率|减幅|节约率|下降率|降低率)"
)


STATED_LEAD = re.compile(
    rf"^(?:共|累计|总|整体|合计|同比|相应|分别|大幅|进一步|(?:比|较)(?:上年|去年|上一年|上年同期|同期))?(?:{CHANGE_VERB}(?:率|比例?|幅度)?|降幅|增幅|减幅|提速比|压缩比)"
    r"(?:了|达到?|为|约|近|超过|逾)*$"
)


_DURATIONS = {"分钟": 1 / 60, "小时": 1.0, "个小时": 1.0, "天": 24.0, "日": 24.0, "个工作日": None, "工作日": None}


_EARLIER = re.compile(r"上年|去年|上一年|同期|(?:19|20)\d\d年")


_PLAN = re.compile(
    r"(?:比|较)(?:年初|全年|年度)?(?:计划|目标|预期|任务)[^，,；;。]{0,4}?(?:增多|多出?|超出?|增加)了?$"
    r"|超(?:过|出)?(?:年初|全年|年度)?(?:计划|目标|任务)(?:数)?$"
)


_TIME_WORDS = re.compile(
    r"上年|去年|上一年|同期|(?:19|20)\d\d年度?|全年|今年|本年|当年|比|较|与|相比|为|是|达|的|[，,、\s]"
)


_THIS_YEAR = re.compile(r"全年|今年|本年|当年")


_TARGET = re.compile(r"预期目标|主要目标|目标是|目标为|力争|预计|计划|安排|任务是")


_REAL_TERMS = re.compile(r"生产总值|GDP|增加值")  # growth at comparable prices: not amount over amount


_CUMULATIVE = re.compile(r"累计|年均|五年|5年|十年|“十[一二三四五]五”|期间|以来")


def _convert(value: float, unit: str, to: str) -> float | None:
    if unit == to:
        return value
    a, b = _DURATIONS.get(unit), _DURATIONS.get(to)
    return value * a / b if a and b else None


def _comparable(a: Figure, b: Figure) -> bool:
    if a.kind == "duration" and b.kind == "duration":
        return _convert(1.0, a.unit, b.unit) is not None
    return a.kind == b.kind and compatible_units(a.unit, b.unit)


def changes(p: Para, figures: list[Figure], out: Structure) -> None:
    """“从8045个工作日压缩至3205个工作日，共压缩4840个工作日，提速比60.16%”; "压缩75%至30分钟"."""
    figs = p.figs
    for x, a in enumerate(figs):
        before = figures[a]
        if before.approx or before.kind not in ("count", "money", "duration", "other", "percent"):
            continue
        rest = [i for i in figs[x + 1 : x + 5] if figures[i].sentence_start == before.sentence_start]
        if not rest:
            continue
        b = rest[0]
        after = figures[b]
        gap = p.text[before.end - p.base : after.start - p.base]
        mid = CHANGE_BETWEEN.match(gap)
        if mid and not after.approx and _comparable(before, after):
            if FROM.search(before.lead) or len(gap) <= 16:
                verb = mid.group("verb")
                for stated in _stated_after(p, figures, rest[1:3], before, after):
                    out.changes.append(Change(a, b, stated, 1 if UP.search(verb) else -1, "从…至"))
            continue
        # 压缩75%至30分钟: the percent stands between the two values
        if after.kind in ("percent", "permille") and len(rest) > 1 and _CHANGE_STATED.search(after.lead[-6:]):
            c = rest[1]
            last = figures[c]
            link = p.text[after.end - p.base : last.start - p.base]
            if re.fullmatch(r"(?:到|至|为)", link) and _comparable(before, last) and not last.approx:
                up = 1 if UP.search(after.lead[-6:]) else -1
                out.changes.append(Change(a, c, b, up, "从…至"))


def _stated_after(p: Para, figures: list[Figure], cands: list[int], before: Figure, after: Figure) -> list[int]:
    """The figures right after "从A…至B" that state its size: "共压缩4840个工作日，总提速比达到60.16%"."""
    out: list[int] = []
    prev = after
    for c in cands:
        f = figures[c]
        between = p.text[prev.end - p.base : f.start - p.base]
        if len(between) > 14 or re.search(r"[“”]|从|由|分别|其中|占|年均|平均|同比|比(?:上年|去年)", between):
            break
        if f.approx or re.search(r"年均|平均|每年", f.label):
            break
        if not STATED_LEAD.match(re.sub(r"^[\s、，,;；:：和及并]+", "", f.lead)):
            break  # "时限压缩40%": another subject's change
        same = (f.kind == before.kind and _comparable(before, f)) if before.kind != "percent" else f.kind == "points"
        if not (same or f.kind == "percent" and before.kind != "percent"):
            break
        out.append(c)
        prev = f
    return out


def stated_changes(paras: list[Para], k: int, figures: list[Figure], out: Structure) -> None:
    """A change whose earlier value stands apart from the later one: "在2022年完成1708亿元高基数的情况下，全年完成
    1870亿元、增长9.5%"; "2023年受理45件，2022年为36件，比上年增加9件"; "败诉率为3.2%，上年为5.5%，同比下降2.3个
    百分点"; and a result against its plan a line or two before: "再创建20所普惠制幼儿园" … "创建普惠制幼儿园35所，
    比年初计划增多15所"."""
    p = paras[k]
    for x, c in enumerate(p.figs):
        stated = figures[c]
        lead = re.sub(r"^[\s、，,;；:：和及并]+", "", stated.lead)
        plan = _PLAN.search(lead)
        if not plan and not STATED_LEAD.match(lead) or x == 0 or stated.approx:
            continue
        y = p.figs[x - 1]
        near = figures[y]
        if not _is_value(near) or near.approx or p.statement(near.start - p.base) != p.statement(stated.start - p.base):
            continue
        if plan:
            before = _plan_value(paras, k, figures, y)
            if before is not None and is_amount(near) and stated.unit == near.unit:
                out.changes.append(Change(before, y, c, 1, "比计划"))
            continue
        other = _other_year(p, figures, x - 1)
        if other is None:
            continue
        earlier, later = (y, other) if _when(near) < _when(figures[other]) else (other, y)
        if not _fits_change(figures[earlier], stated):
            continue
        out.changes.append(Change(earlier, later, c, 1 if UP.search(lead) else -1, "比上年"))


def _is_value(f: Figure) -> bool:
    return is_amount(f) or f.kind == "percent"


def _fits_change(value: Figure, stated: Figure) -> bool:
    if value.kind == "percent":
        return stated.kind == "points"
    return stated.kind in ("percent", "permille") or stated.kind == value.kind and stated.unit == value.unit


def _when(f: Figure) -> int:
    """When a value is of, from the words before it: 上年/去年 → -1; a year → the year; 全年/今年 or nothing → 9999."""
    if re.search(r"上年|去年|上一年|同期", f.lead):
        return -1
    m = re.search(r"((?:19|20)\d\d)年", f.lead)
    return int(m.group(1)) if m and not _THIS_YEAR.search(f.lead[m.end() :]) else 9999


def _other_year(p: Para, figures: list[Figure], x: int) -> int | None:
    """The other year's value of the indicator figures[p.figs[x]] measures, in its statement: one of the two must
    say which year it is."""
    f = figures[p.figs[x]]
    stmt = p.statement(f.start - p.base)
    for y in range(x - 1, -1, -1):
        g = figures[p.figs[y]]
        if p.statement(g.start - p.base) != stmt:
            return None
        if g.unit != f.unit or g.kind != f.kind or not _is_value(g):
            continue
        if (
            g.approx
            or _when(g) == _when(f)
            or 9999 not in (_when(g), _when(f))
            and -1 not in (_when(g), _when(f))
            and abs(_when(g) - _when(f)) != 1
        ):
            return None
        if _EARLIER.search(f.lead + g.lead) and (
            shares_words(label_core(g.label), label_core(f.label))
            or not _TIME_WORDS.sub("", f.lead)
            or not _TIME_WORDS.sub("", g.lead)
        ):
            return p.figs[y]
        return None
    return None


def targets(paras: list[Para], k: int, figures: list[Figure], out: Structure) -> None:
    """“主要预期目标：社会消费品零售总额692亿元，增长10%” against last year's "社会消费品零售总额629.1亿元" stated
    earlier in the report: a target's growth is over last year's actual. GDP and value added grow at comparable
    prices, so their amounts are not compared."""
    p = paras[k]
    if not p.figs or not (_TARGET.search(p.text) or _target_heading(paras, k)):
        return
    for x, c in enumerate(p.figs[1:], 1):
        stated, b = figures[c], p.figs[x - 1]
        after = figures[b]
        if stated.kind != "percent" or stated.approx or not is_amount(after) or after.approx:
            continue
        if not re.fullmatch(r"[\s，,、]*(?:同比)?(?:增长|下降)", stated.lead) or _REAL_TERMS.search(after.label):
            continue
        name = _indicator(after)
        if len(name) < 4 or not (_TARGET.search(p.text[: after.start - p.base]) or _target_heading(paras, k)):
            continue
        earlier = [
            i
            for q in range(k)
            if not _TARGET.search(paras[q].text)
            for i in paras[q].figs
            if _indicator(figures[i]) == name
            and figures[i].unit == after.unit
            and not figures[i].approx
            and not is_delta(figures[i])
            and not _CUMULATIVE.search(figures[i].lead)
        ]
        if earlier and len({figures[i].value for i in earlier}) == 1:
            up = 1 if "增长" in stated.lead else -1
            out.changes.append(Change(earlier[-1], b, c, up, "比上年"))


def _target_heading(paras: list[Para], k: int) -> bool:
    """Whether paragraph k is an item of a list of targets: "主要预期目标是：" then "——社会消费品零售总额…" lines."""
    for q in range(k - 1, max(k - 12, -1), -1):
        text = paras[q].text.strip()
        if _TARGET.search(text) and text.endswith((":", "：")):
            return True
        if not text.startswith(("—", "-", "（", "(")) and len(text) > 60:
            return False
    return False


def _indicator(f: Figure) -> str:
    return canon(re.sub(r"^[—\-\s、，,]+|\s", "", label_core(f.label)))


def _plan_value(paras: list[Para], k: int, figures: list[Figure], b: int) -> int | None:
    """The planned figure a result is compared with: the nearest earlier figure of its unit, in this paragraph or
    the two before, that names the same thing."""
    after = figures[b]
    for q in range(k, max(k - 3, -1), -1):
        for i in reversed(paras[q].figs):
            f = figures[i]
            if f.start >= after.start or f.unit != after.unit or f.kind != after.kind or f.approx:
                continue
            if names_same(re.sub(r"^(?:再|共|又|新)", "", after.label), f.label) and f.value <= after.value * 10:
                return i
    return None
