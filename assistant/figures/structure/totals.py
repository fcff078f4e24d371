"""Totals a list is within without a 其中: running totals (新增…，总数达…), subsets (N条河流中仍有M条), a stock
and the year's additions, lists that span statements (包括 categories, quarters, 上述), counted headings, and
the changes of parts that add up like the parts."""

from __future__ import annotations

import re

from assistant.documents import Document
from assistant.figures.labels import is_disposal
from assistant.figures.model import Figure, compatible_units
from assistant.figures.structure.model import (
    UP,
    Breakdown,
    Para,
    Structure,
    clause_lead,
    is_amount,
    is_delta,
    names_same,
    shares_words,
)
from assistant.vocabulary import cn_to_int

__all__ = [
    "ADDED",
    "above",
    "counted_headings",
    "enumerated",
    "parallel_changes",
    "periods",
    "running_totals",
    "stock_then_new",
    "subsets",
]


_RUNNING = re.compile(
    r"(?:(?:总数|总量|累计|总计|共有|共计|(?<![公一])共(?![同享建治产青识性商]))[^，,；;。]{0,12}?"
    r"(?:达到?|为|增至|至|已达)?|^[、，,\s]*总[^，,；;。部]{1,4}?(?:达到?|为|增至|已达)?)$"
)
# "普惠性幼儿园增加至114所": the thing the additions were of, grown to its new total (it must be named).
_GROWN_TO = re.compile(r"(?:增加|增长|扩大)(?:至|到)$|增至$")


_BARE_RUNNING = re.compile(r"[、，,\s]*(?:累计|总数|总量)(?:达到?|为)?")
ADDED = re.compile(
    r"新增|新建|新登记|新引进|新认定|净增|新开|新设|新改扩建|建成|完成|改造|引进|创建|增加|培育|开通|落地|纳入|接入|"
    r"打造|认定|推出|新认|新获|获批|开工|投用|新注册|入驻|加装|新招|招引|组建|开办|投入|投资|发放"
)
_LEADING_ADDED = re.compile(rf"^(?:\d{{4}}年)?新?(?:{ADDED.pattern})")


_REDUCTION = re.compile(r"压缩|压减|精简|削减|缩减|减少|降低|缩短|下降|提速|节约|节省")


def running_totals(p: Para, figures: list[Figure], out: Structure, taken: set[int]) -> None:
    """“新增高新技术企业24家，总数达到72家”; "新建28个、改造提升23个，公园总数达到150个": the year's
    additions are within the running total stated right after them. The additions say they are
    (新增, 建成, 引进…); the total names nothing but the total (总数, 累计, 共) or the additions' own thing
    (公园总数), or the thing grown to its new total ("普惠性幼儿园增加至114所", whose additions must be of it); a
    bare 累计 takes the count right before it. A comparison between ("是上年增量的3倍") is passed over.
    "续建7484套，累计建成5485套" and "完成67个项目治理，累计11个社区" are other counts."""
    for x, b in enumerate(p.figs):
        total = figures[b]
        grown = bool(_GROWN_TO.search(total.lead)) and not _RUNNING.search(total.lead)
        if not (grown or _RUNNING.search(total.lead)) or not is_amount(total) or total.approx or is_delta(total):
            continue
        if _REDUCTION.search(total.lead) or grown and "从" in total.lead:
            continue  # "共压缩2850个工作日": the size of a change, not a running total; "从A增至B" is a change
        named = re.sub(
            r"总数|总量|累计|总计|共有|共计|共|总|达到|达|为|增加|增长|扩大|增至|增|至|到|已|[，,、\s]", "", total.label
        )
        named = re.sub(r"^(?:全[区市县省镇]|辖区|我[区市县])", "", named)
        if grown and len(named) < 2:
            continue
        stmt = p.statement(total.start - p.base)
        parts: list[int] = []
        for y in range(x - 1, -1, -1):
            a = p.figs[y]
            f = figures[a]
            between = p.text[f.end - p.base : (figures[parts[0]] if parts else total).start - p.base]
            if p.statement(f.start - p.base) != stmt or re.search(r"[；;]|其中", between):
                break
            if f.kind in ("percent", "permille", "points", "ratio") or is_delta(f):
                if parts:
                    break  # "集聚730家，增加46%，新增30家，总数61家": 730 is another count
                continue  # "新增2513家，是上年增量的3倍以上，累计达8037家": the comparison between is passed over
            if (
                not (is_amount(f) and f.kind == total.kind and compatible_units(f.unit, total.unit))
                or a in taken
                or f.total_marker
                or f.approx
                or _RUNNING.search(f.lead)
            ):
                break
            said = f.lead + f.label
            right_before = not parts and y == x - 1 and bool(_BARE_RUNNING.fullmatch(total.lead))
            if not (ADDED.search(said) or named and names_same(named, said) or right_before):
                break  # right_before: "省级“专精特新”企业23家，累计达31家": 累计 counts what was just counted
            if re.search(r"[从由]$", f.lead):
                break  # "床位从3000张增加到5000张": the value it grew from, not an addition
            if grown and _names_other(named, f.label):
                break  # "新开办3所幼儿园，新创建16所普惠性幼儿园，普惠性幼儿园增加至114所": the 3 are not all 普惠性
            parts.insert(0, a)
        if not parts:
            continue
        if named and not any(names_same(named, figures[a].label + figures[a].lead) for a in parts):
            continue
        out.breakdowns.append(Breakdown(b, parts, "新增", False))


def _names_other(named: str, label: str) -> bool:
    """The addition names a thing of its own that is not the total's (幼儿园 is not 普惠性幼儿园: it may be more)."""
    thing = _LEADING_ADDED.sub("", label)
    return len(thing) >= 2 and not names_same(named, thing)


_SUBSET_LEAD = re.compile(
    r"(?:中|其中)(?:仍|还|已|共|尚|只|仅)*有$|^[\s,，]*(?:已有|已经有|现已有|目前已有)$"
    r"|^[^，,；;。、]{2,16}已(?:经)?[\u4e00-\u9fff]{1,4}$"
)  # "64家有改制任务的农信社已申筹58家"


def subsets(p: Para, figures: list[Figure], out: Structure, taken: set[int]) -> None:
    """“全市310条河流中仍有80条为黑臭水体”; "针对107个易涝点…，已有35个易涝点整治完工": a count of some of the
    things just counted. Case-handling stages (受理25件，已办结30件) are left alone: closing includes last
    year's cases."""
    for a in p.figs:
        part = figures[a]
        lead = clause_lead(p, part) if not re.search(r"中(?:仍|还|已|共|尚|只|仅)*有$", part.lead) else part.lead
        if a in taken or not _SUBSET_LEAD.search(lead) or not is_amount(part) or part.approx:
            continue
        if is_disposal(part.label) or is_delta(part):
            continue
        stmt = p.statement(part.start - p.base)
        before = [
            i
            for i in p.between(p.statements[stmt], part.start - p.base)
            if is_amount(figures[i]) and not is_delta(figures[i])
        ]
        if not before:
            continue
        t = before[-1]
        same_clause = p.clause(figures[t].start - p.base) == p.clause(part.start - p.base)
        if "已" in lead and not re.search(r"^[\s,，]*(?:已有|已经有|现已有|目前已有)$|中", lead) and not same_clause:
            continue  # "N家…已申筹M家" reads as a subset only within one clause
        if figures[t].unit == part.unit and not figures[t].approx:
            out.breakdowns.append(Breakdown(t, [a], "其中", False))


_STOCK = re.compile(r"(?:达到?|总数|总量|共有|拥有|实有|累计)$")


_NEW = re.compile(r"^[\s,，、]*(?:全年|年内|其中)?(?:新增|新登记|新设立|新设|新注册|新引进|新认定|净增)")


def stock_then_new(p: Para, figures: list[Figure], out: Structure, taken: set[int]) -> None:
    """“商事主体达422.6万户，新登记56.5万户”: the year's additions after the stock they belong to."""
    for a, b in zip(p.figs, p.figs[1:]):
        stock, new = figures[a], figures[b]
        if b in taken or not (_STOCK.search(stock.lead) and _NEW.search(new.lead)):
            continue
        if not (is_amount(stock) and is_amount(new)) or stock.approx or new.approx or stock.unit != new.unit:
            continue
        if p.clause(new.start - p.base) - p.clause(stock.start - p.base) != 1:
            continue
        named = _NEW.sub("", new.label)
        if named and not shares_words(named, stock.lead + stock.label):
            continue
        out.breakdowns.append(Breakdown(a, [b], "新增", False))


_ENUM = re.compile(r"(?P<main>主要)?(?:包括|包含|分为|涵盖)[：:]?(?P<names>[^。；;：:]{2,80}?)[。；;]")


_NAME_SPLIT = re.compile(r"[、，,]|和|及|与|以及")


_PERIODS = (
    ("第一季度", "第二季度", "第三季度", "第四季度"),
    ("一季度", "二季度", "三季度", "四季度"),
    ("上半年", "下半年"),
)


_ABOVE = re.compile(r"^[\s,，、]*(?:上述|前述|以上各项|以上几项)(?:[^，,；;。]{0,8})?$")


def enumerated(p: Para, figures: list[Figure], out: Structure) -> None:
    """“预计完成75亿元，主要包括：城市更新、房地产和技术改造。其中城市更新…47亿元。房地产…26亿元。技术改造…2亿元。”:
    the categories a total is said to include, each then given its own figure."""
    for m in _ENUM.finditer(p.text):
        names = [re.sub(r"[（(].*?[）)]|等$|项目$", "", x).strip() for x in _NAME_SPLIT.split(m.group("names"))]
        names = [x for x in names if len(x) >= 2]
        stmt = p.statement(m.start())
        before = p.between(p.statements[stmt], m.start())
        if len(names) < 2 or not before or not is_amount(figures[before[-1]]) or is_delta(figures[before[-1]]):
            continue
        t = before[-1]
        parts = []
        for k in range(stmt + 1, min(len(p.statements), stmt + 8)):
            start = p.statements[k]
            head = re.sub(r"^[\s,，:：]*(?:其中|另外)?[\s,，:：]*", "", p.text[start : start + 30])
            if not any(head.startswith(x[:4]) for x in names):
                continue
            end = p.statements[k + 1] if k + 1 < len(p.statements) else len(p.text)
            first = next((i for i in p.between(start, end) if is_amount(figures[i]) and not is_delta(figures[i])), None)
            if first is not None and figures[first].unit == figures[t].unit and figures[first].kind == figures[t].kind:
                parts.append(first)
        if len(parts) >= 2:
            whole = len(parts) == len(names) and not m.group("main") and "等" not in m.group("names")
            out.breakdowns.append(Breakdown(t, parts, "分项", whole))


def periods(p: Para, figures: list[Figure], out: Structure) -> None:
    """“计划完成260个。第一季度开工50个，第二季度开工60个，第三季度…，第四季度…”: parts that cover the year."""
    for names in _PERIODS:
        parts: list[int] = []
        for name in names:
            i = next((i for i in p.figs if name in figures[i].lead and is_amount(figures[i])), None)
            if (
                i is None
                or parts
                and (figures[i].start < figures[parts[-1]].start or figures[i].unit != figures[parts[0]].unit)
            ):
                break
            parts.append(i)
        else:
            before = [
                i
                for i in p.figs
                if figures[i].start < figures[parts[0]].start
                and is_amount(figures[i])
                and not is_delta(figures[i])
                and figures[i].unit == figures[parts[0]].unit
            ]
            if before:
                out.breakdowns.append(Breakdown(before[-1], parts, "分期", True))


def above(p: Para, figures: list[Figure], out: Structure) -> None:
    """“财政赤字比去年增加1万亿元，同时发行1万亿元抗疫特别国债。……上述2万亿元”: 上述 sums what was just listed."""
    for t in p.figs:
        total = figures[t]
        if not _ABOVE.search(total.lead) or not is_amount(total) or total.approx:
            continue
        stmt = p.statement(total.start - p.base)
        lo = p.statements[max(stmt - 2, 0)]
        parts = [
            i
            for i in p.between(lo, total.start - p.base)
            if is_amount(figures[i]) and figures[i].unit == total.unit and figures[i].kind == total.kind
        ]
        if len(parts) >= 2 and not any(figures[i].approx for i in parts):
            out.breakdowns.append(Breakdown(t, parts, "上述", True))


_COUNTED = re.compile(
    r"^(?P<num>[一二三四五六七八九十]+[、.])?[^。；;，,]{1,40}?[（(](?P<all>共)?\d+(?:项|个|件|条|类)[)）]$"
)


def counted_headings(doc: Document, figures: list[Figure], out: Structure) -> None:
    """“2017年民生实事项目（共178项）” over "一、优质教育（17项）" "二、医疗卫生（12项）"…: the sections' counts
    add up to the count of the whole."""
    at = {f.line: i for i, f in reversed(list(enumerate(figures))) if f.depth}
    total: int | None = None
    parts: list[int] = []
    expected = 1
    for ln in doc.lines:
        m = _COUNTED.match(ln.text.strip())
        if not m or ln.no not in at:
            continue
        if m.group("all"):
            if total is not None and len(parts) >= 2:
                out.breakdowns.append(Breakdown(total, parts, "分节", True))
            total, parts, expected = at[ln.no], [], 1
        elif total is not None and m.group("num") and cn_to_int(m.group("num")[:-1]) == expected:
            parts.append(at[ln.no])
            expected += 1
    if total is not None and len(parts) >= 2:
        out.breakdowns.append(Breakdown(total, parts, "分节", True))


def parallel_changes(p: Para, figures: list[Figure], b: Breakdown, out: Structure) -> None:
    """“赤字1.62万亿元，比去年增加2700亿元。其中，中央赤字1.12万亿元，增加1700亿元；地方赤字5000亿元，增加1000亿元”:
    when parts are the whole and each says how it changed, the changes add up like the parts."""
    found = [_delta_after(p, figures, i) for i in [b.total, *b.parts]]
    deltas = [d for d in found if d is not None]
    if len(deltas) == len(found) and len({UP.search(figures[d].lead) is not None for d in deltas}) == 1:
        out.breakdowns.append(Breakdown(deltas[0], deltas[1:], "增减", True))


def _delta_after(p: Para, figures: list[Figure], i: int) -> int | None:
    f = figures[i]
    later = p.between(f.start - p.base + 1, len(p.text))[:1]
    nxt = later[0] if later else None
    if nxt is None or p.text[f.end - p.base : figures[nxt].start - p.base].count("，") > 1:
        return None
    g = figures[nxt]
    return nxt if is_delta(g) and g.unit == f.unit and g.kind == f.kind else None
