"""Shares and rates beside the counts they are computed from: "其中4955件，占79.9%" (a part of its total),
"占地区生产总值比重达42.9%" (a total named, stated elsewhere in the same part of the report), and named rates
"受理1494项…办结1374项，办结率92%" (the numerator named like the rate)."""

from __future__ import annotations

import re

from assistant.figures.labels import label_core
from assistant.figures.model import Figure, compatible_units
from assistant.figures.structure.model import (
    FROM,
    SCOPE,
    Para,
    Ratio,
    Structure,
    base_name,
    canon,
    is_amount,
    is_delta,
    same_kind,
    shares_words,
)
from assistant.figures.structure.stages import DONE
from assistant.figures.structure.totals import ADDED

__all__ = ["rates", "shares"]


_SHARE_LEAD = re.compile(
    r"占(?P<name>[^，,；;。:：()]{0,24}?)(?:的)?(?:比重|比例|份额)?"
    r"(?:达到?|为|约|超过|已达|(?:提高|提升|上升|增加|下降|降低)(?:到|至)|[升降增]至)?$"
)


_RATE_LABEL = re.compile(r"(?:率|比例)$")


_NOT_A_COUNT_RATE = re.compile(
    r"增长率|增速|增幅|降幅|同比|环比|年均|平均|贡献率|利润率|收益率|税率|汇率|利率|"
    r"出生率|死亡率|失业率|城镇化率|覆盖率|绿化率|森林覆盖|空置率|负债率|赤字率|"
    r"通胀率|CPI|占比|比重|精简率|压减率|压缩率|减少率|下降率|降低率|节约率|缩短率|削减率|"
    r"提升率|提高率"
)  # a change's rate: read with the change


_QUALIFIER = re.compile(r"负责人|领导|干部|一把手|律师|委员|代表|按时|按期|及时|依时|限时|当场|当日|限期")


_REMARK = re.compile(
    r"[，,、]?(?:总量|增速|规模|总额)?(?:居|位居|排名|位列|稳居|跃居)?(?:全国|全省|全市|全区|内地|同类城市|大中城市)"
    r"(?:第[一二三四五六七八九十\d]+(?:位)?|首位|前列|榜首)"
)


_CHANGE_CLAUSE = re.compile(
    r"[，,、]?(?:同比|比上年|比去年|较上年)?(?:增长|下降|增加|减少|提高|降低|上升|回落)了?[^，,；;。]{0,8}?"
    r"\d+(?:\.\d+)?(?:%|％|个百分点|倍)?"
)


_CLAUSE_JOINERS = re.compile(r"^[\s、，,;；:：]*(?:其中|同时|全年|全市|全区|全省)?|[\s]")


_OWN_SCOPE = {
    "central": "全国",
    "province": "全省",
    "city": "全市",
    "county": "全区全县本区本县",
    "town": "全镇全乡全街道",
}


_SCOPE_WORD = re.compile(r"^(?:全国|全省|全市|全区|全县|全镇|全乡|全街道)")


_COPULA = re.compile(
    r"^[\s,，、]*(?:并|且|已|又|再|均)?(?:达到|达|为|增至|升至|提高到|突破|实现|完成|共计|合计|约为)?$"
)


_STATUS = re.compile(r"成功|失败|完成|办结|审结|满意|合格|达标|通过|到位|率")


_FILING = re.compile(r"报送备案|报请备案|报备")


_CLOSED_SYN = re.compile(r"审结|结案")


def _numerator_before(p: Para, figures: list[Figure], r: int, lo: int) -> int | None:
    """The amount a share is of: the nearest earlier amount in the statement, past clauses that only say how
    it changed ("金融业实现增加值1351.14亿元，增长8.4%，占…"); none when another subject comes between
    ("注册企业3553家、其中金融类企业占60%")."""
    lead = figures[r].lead
    at = figures[r].start - p.base - len(lead) + max(lead.rfind("占"), 0)
    for i in reversed(p.between(lo, figures[r].start - p.base)):
        f = figures[i]
        if is_amount(f) and not is_delta(f):
            between = p.text[f.end - p.base : at]
            words = re.sub(r"[^\u4e00-\u9fff]", "", _REMARK.sub("", _CHANGE_CLAUSE.sub("", between)))
            return i if not re.sub(r"^(?:分别|约|仅|已|均|达|为|其)+|(?:分别|约|仅|已|均|达|为)+$", "", words) else None
        if f.kind not in ("percent", "permille", "points") and not is_delta(f):
            return None
    return None


def _unique_named(paras: list[Para], k: int, figures: list[Figure], near: Figure, name: str) -> int | None:
    """The one figure in this part of the report that the text names `name` ("战略性新兴产业增加值占地区生产总值
    比重提升至39.6%" … "战略性新兴产业增加值1.21万亿元"); none when it is named more than once."""
    part = near.section[:1]
    found = [
        i
        for q in range(max(k - 30, 0), min(k + 31, len(paras)))
        for i in paras[q].figs[:300]
        if figures[i].section[:1] == part
        and is_amount(figures[i])
        and not figures[i].approx
        and not is_delta(figures[i])
        and name in (canon(label_core(figures[i].label)), canon(_subject(paras[q], figures[i])))
    ]
    return found[0] if len(found) == 1 else None


def _count_before(p: Para, figures: list[Figure], n: int) -> int | None:
    """“236个重点项目，按进度完成215项，占91.5%”: with no 其中, the share is of the count before it."""
    num = figures[n]
    stmt = p.statement(num.start - p.base)
    for i in reversed(p.between(p.statements[stmt], num.start - p.base)):
        f = figures[i]
        if is_amount(f) and not is_delta(f) and same_kind(f, num):
            return i if not f.approx else None
    return None


def _named(name: str) -> str:
    name = re.sub(r"(?:的|比重|比例|份额)$", "", name.strip())
    return canon(re.sub(r"^(?:新区|本地|辖区)", "", name)) if SCOPE.sub("", name) else ""


def _wider_scope(name: str, level: str | None) -> bool:
    """A share of 全市/全省 in a report of a lower level is of a total the report does not state."""
    m = _SCOPE_WORD.match(name)
    return m is not None and (level is None or m.group(0) not in _OWN_SCOPE.get(level, ""))


def shares(
    paras: list[Para], k: int, figures: list[Figure], out: Structure, total_of: dict[int, int], level: str | None = None
) -> None:
    """“其中4955件，占79.9%”; "占地区生产总值比重达42.9%": a part over the total it is a share of. The part is
    the figure the 占 clause is about: in the clause itself when the clause names its own subject
    ("研发经费支出2800亿元、占…"), else the clause before ("其中4955件，占79.9%"). A total named only by its
    scope ("占全市的29.3%") is not stated in the text."""
    p = paras[k]
    for r in p.figs:
        rate = figures[r]
        m = _SHARE_LEAD.search(rate.lead)
        if rate.kind not in ("percent", "permille") or not m or rate.approx:
            continue
        at = rate.start - p.base - len(rate.lead) + m.start()
        n = _numerator_before(p, figures, r, p.statements[p.statement(at)])
        if n is None:
            subject = _CLAUSE_JOINERS.sub("", p.text[p.clauses[p.clause(at)] : at])
            n = _unique_named(paras, k, figures, rate, canon(subject)) if len(subject) >= 4 else None
        if n is None:
            continue
        raw = re.sub(r"(?:的|比重|比例|份额)$", "", m.group("name").strip())
        if _wider_scope(raw, level):
            continue  # "占全市完成总量的80%" in a district report: not stated here
        name = _named(raw)
        if not raw:
            d = total_of.get(n, _count_before(p, figures, n))
            if d is not None:
                out.ratios.append(Ratio(r, n, [d], "占"))
            continue
        if len(name) < 2 or ADDED.fullmatch(name) or DONE.fullmatch(name):
            continue
        d = _named_figure(paras, k, figures, n, name)
        if d is not None:
            out.ratios.append(Ratio(r, n, [d], "占"))


def _named_figure(paras: list[Para], k: int, figures: list[Figure], n: int, name: str) -> int | None:
    """The nearest earlier figure the text names `name` (地区生产总值, 出口总额, 前海), of the numerator's kind and
    unit, in the same part of the report (a share in the 工作回顾 is not of a total in the 工作安排)."""
    num = figures[n]
    part = num.section[:1]
    for q in range(k, max(k - 31, -1), -1):
        para = paras[q]
        window = (
            para.between(max(0, num.start - para.base - 2000), num.start - para.base) if q == k else para.figs[-300:]
        )
        if q != k and window and figures[window[0]].section[:1] != part:
            break
        for i in reversed(window):
            f = figures[i]
            if i == n or not is_amount(f) or f.approx or is_delta(f) or FROM.search(f.lead[-12:]):
                continue  # "从2020年的2.83万亿元提高到…": the earlier of two values
            if f.kind != num.kind or f.unit != num.unit:
                continue
            for base in (base_name(f), canon(_subject(para, f))):
                if base and (base.endswith(name) or name.endswith(base) and len(base) >= 2 or name in base):
                    return i
    return None


def _subject(p: Para, f: Figure) -> str:
    """What a figure counts when its clause only says "达到4926.9亿元": the clause before names it
    ("深圳本市生产总值连续跨越3000、4000亿元台阶，达到4926.9亿元")."""
    c = p.clause(f.start - p.base)
    lead = p.text[p.clauses[c] : f.start - p.base]
    upto = re.search(r"(?:从|由)[^从由]*(?:增加|提高|增长|上升|扩大|下降|减少|降低)?(?:到|至)[^从由]{0,8}$", lead)
    if upto:  # "全社会研发投入由333.3亿元增加到709.3亿元": the later value
        return re.split(r"从|由", lead)[0]
    if c == 0 or not _COPULA.match(lead):
        return ""
    before = p.text[p.clauses[c - 1] : p.clauses[c]]
    return re.split(r"[\d一二三四五六七八九十百千万亿]|突破|跨越|连续|增长|达", before, maxsplit=1)[0]


def rates(paras: list[Para], k: int, figures: list[Figure], out: Structure, total_of: dict[int, int]) -> None:
    """“受理1494项，办结1374项，办结率92%”: a named rate over the counts named like it."""
    p = paras[k]
    for r in p.figs:
        rate = figures[r]
        if rate.kind != "percent" or rate.approx or not _RATE_LABEL.search(rate.label):
            continue
        if _NOT_A_COUNT_RATE.search(rate.label) or any(ch in rate.label for ch in "和及、与"):
            continue
        stem = SCOPE.sub("", re.sub(r"(?:率|比例)$", "", rate.label.rsplit("的", 1)[-1]))
        if len(stem) < 2:
            continue
        stmt = p.statement(rate.start - p.base)
        lo = p.statements[max(stmt - 1, 0)]
        rate_clause = p.clause(rate.start - p.base)
        cands = p.between(lo, rate.start - p.base)
        context = "".join(figures[i].label for i in cands)
        n = next(
            (
                i
                for i in reversed(cands)
                if is_amount(figures[i])
                and not figures[i].approx
                and p.clause(figures[i].start - p.base) < rate_clause
                and not is_delta(figures[i])
                and _stem_matches(stem, figures[i], context)
            ),
            None,
        )
        if n is None:
            continue
        num = figures[n]
        dens = [total_of[n]] if n in total_of else []
        for i in reversed([i for i in cands if figures[i].start < num.start]):
            f = figures[i]
            if (
                is_amount(f)
                and not f.approx
                and not is_delta(f)
                and f.kind == num.kind
                and compatible_units(f.unit, num.unit)
                and i not in dens
            ):
                dens.append(i)
            if len(dens) >= 3:
                break
        dens = [d for d in dens if figures[d].value > 0 and not figures[d].approx]
        prefix = _stem(num.label)[: -len(_stem(stem))] if _stem(num.label).endswith(_stem(stem)) else ""
        qualified = _QUALIFIER.search(prefix)
        if qualified and qualified.group(0) not in stem:
            dens = [d for d in dens if qualified.group(0) in figures[d].label]
        if len(prefix) >= 4:
            # "重大执法决定法制审核137件，审核率100%": the rate is over the set the numerator names
            dens = [d for d in dens if shares_words(prefix, figures[d].label)]
        if dens:
            out.ratios.append(Ratio(r, n, dens, "率"))


def _stem(label: str) -> str:
    label = SCOPE.sub("", label.rsplit("的", 1)[-1])
    label = _FILING.sub("备案", label)
    return _CLOSED_SYN.sub("办结", label)


def _stem_matches(stem: str, f: Figure, context: str = "") -> bool:
    """办结率 ← 办结1374项; 成功率 ← 调解成功340件; 就业率 ← 帮扶就业1294人; 化解率 ← 化解不稳定问题17宗.
    A qualifier the rate does not carry makes another indicator (出庭应诉率 ← 负责人出庭应诉; 报备率 ← 按时报送备案),
    unless the base counts the same qualified thing (负责人应出庭案件50件，负责人出庭应诉48件，出庭应诉率…);
    `context` is the base's label."""
    stem = _stem(stem)
    for label in {_stem(f.label), _stem(label_core(f.label))}:
        if not label:
            continue
        if label == stem:
            return True
        if label.startswith(stem) and len(label) - len(stem) <= 8 and not _STATUS.match(label[len(stem) :]):
            return True  # 化解率 ← 化解矛盾纠纷, not 调解率 ← 调解成功
        if label.endswith(stem):
            qualifier = _QUALIFIER.search(label[: -len(stem)])
            return not qualifier or qualifier.group(0) in stem or qualifier.group(0) in context
    return False
