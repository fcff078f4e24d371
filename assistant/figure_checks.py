"""Do the figures add up? Breakdowns, rates and differences, checked at the written precision.

Precision over recall: a relation is checked only when the text states it unambiguously (a 共
total with its parts, a “其中” list, a rate whose numerator is named like the rate, a “从A…至B，
共…C” difference). Different indicators sharing a unit (负责人出庭应诉 vs 出庭应诉率), different
scopes and partial 其中 lists are never flagged. Every relation that was checked is returned as a
CheckedRelation, held or not, so callers can show what was verified.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from assistant.figures import CHANGE_BETWEEN as _BETWEEN
from assistant.figures import Figure, compatible_units, extract_figures, is_disposal

if TYPE_CHECKING:
    from assistant.documents import Document

__all__ = ["FigureIssue", "CheckedRelation", "CheckResult", "check_figures", "check_relations"]

_EPS = 1e-9


@dataclass
class FigureIssue:
    kind: str          # breakdown_exceeds_total | breakdown_incomplete | rate_mismatch | difference_mismatch
                       # | table_total_mismatch | year_on_year_mismatch
    severity: str      # error | warning
    line: int
    text: str
    stated: float
    expected: float
    message: str


@dataclass
class CheckedRelation:
    kind: str          # breakdown | rate | difference | difference_rate | table_total
    line: int
    text: str
    stated: float
    expected: float
    holds: bool


@dataclass
class CheckResult:
    issues: list[FigureIssue] = field(default_factory=list)
    checked: list[CheckedRelation] = field(default_factory=list)


def _fmt(v: float) -> str:
    if abs(v - round(v)) < 1e-9:
        return str(int(round(v)))
    return f"{v:.2f}".rstrip("0").rstrip(".")


def _scale(f: Figure) -> tuple[float, str]:
    """856.3万元 is quoted back as 856.3万元, not 8563000元."""
    for ch, factor in (("亿", 1e8), ("万", 1e4)):
        if ch in f.text and f.unit and ch not in f.unit:
            return factor, ch
    return 1.0, ""


def _amount(f: Figure) -> str:
    k, w = _scale(f)
    return f"{_fmt(f.value / k)}{w}{f.unit}"


def _tol(f: Figure) -> float:
    return 0.0 if f.exact else f.precision


def _span_text(doc: "Document", first: Figure, last: Figure, limit: int = 120) -> str:
    """The checked passage as written in the original (traditional stays traditional) where lines align."""
    start = first.start
    floor = max(first.sentence_start, first.start - 40)
    while start > floor and doc.text[start - 1] not in "，,；;。:：()（）\n":
        start -= 1
    text = doc.text[start:last.end]
    if first.line == last.line:
        line = next((ln for ln in doc.lines if ln.no == first.line), None)
        if line is not None:
            original = line.original.strip()
            if len(original) == len(line.text):
                text = original[start - line.start:last.end - line.start]
    return text if len(text) <= limit else text[: limit - 1] + "…"


# --- breakdowns --------------------------------------------------------------------------------

def _breakdowns(doc: "Document", figures: list[Figure], out: CheckResult) -> None:
    at = {f.start: i for i, f in enumerate(figures)}
    parts: dict[int, list[int]] = {}
    for i, f in enumerate(figures):
        if f.total_start is not None and f.total_start in at:
            parts.setdefault(at[f.total_start], []).append(i)
    for t_i, p_is in parts.items():
        total = figures[t_i]
        ps = [figures[i] for i in p_is]
        link = ps[0].link
        if total.approx or any(p.approx for p in ps) or (link == "seq" and len(ps) < 2):
            continue
        if any(p.kind != total.kind for p in ps):
            continue
        s = sum(p.value for p in ps)
        tol = _tol(total) + sum(_tol(p) for p in ps)
        text = _span_text(doc, total, ps[-1])
        unit = total.unit
        label = total.parent or total.label or "总数"
        if s > total.value + tol + _EPS:
            if _not_one_partition(total, ps, link):
                continue
            out.checked.append(CheckedRelation("breakdown", total.line, text, total.value, s, False))
            k, w = _scale(total)
            terms = "+".join(_fmt(p.value / k) for p in ps)
            out.issues.append(FigureIssue(
                "breakdown_exceeds_total", "error", total.line, text, total.value, s,
                f"{label}{'' if '共' in label else '共'}{_fmt(total.value / k)}{w}{unit}，"
                f"但所列分项{terms}={_fmt(s / k)}{w}{ps[0].unit}，"
                f"超过总数，请核对总数或各分项。"))
        elif abs(s - total.value) <= tol + _EPS:
            out.checked.append(CheckedRelation("breakdown", total.line, text, total.value, s, True))
        elif link == "分别" and all(p.exact for p in ps) and total.exact:
            out.checked.append(CheckedRelation("breakdown", total.line, text, total.value, s, False))
            out.issues.append(FigureIssue(
                "breakdown_incomplete", "warning", total.line, text, total.value, s,
                f"“分别为”所列分项合计{_fmt(s / _scale(total)[0])}{_scale(total)[1]}{unit}，"
                f"少于总数{_fmt(total.value / _scale(total)[0])}{_scale(total)[1]}{unit}，"
                f"请补全分项或核对总数。"))


_CROSS_CLASS = re.compile(r"女|男|党员|少数民族|学历|研究生|本科|博士|硕士|大专|岁|涉企|涉外|涉及")


def _not_one_partition(total: Figure, ps: list[Figure], link: str | None) -> bool:
    """True when an over-sum is better explained by several lists than by a wrong total."""
    values = [p.value for p in ps]
    if any(v > total.value for v in values):
        return True                           # a part larger than the whole: another indicator
    running = 0.0
    for v in values[:-1]:
        running += v
        if abs(running - total.value) < _EPS:
            return True                       # 受理25件、不予受理5件 (=30) then 审结22件、在办3件
    for j, v in enumerate(values[:-2]):
        run = 0.0
        for w in values[j + 1:]:
            run += w
            if abs(run - v) < _EPS:
                return True                   # 审结40件, 维持28件, 撤销12件: a nested list
    labels = [_SCOPE.sub("", p.label) for p in ps]
    if link != "seq" and not all(is_disposal(x) for x in labels):
        if any(_CROSS_CLASS.search(x) for x in labels) or len({x[-1:] for x in labels}) > 1:
            return True                       # 其中女性28人，研究生25人: several ways to split, not one list
    if link == "seq":
        if not all(is_disposal(x) for x in labels):
            return True                       # 排查500宗, 调处480宗, 成功470宗: a funnel, not parts
        if any(a != b and a in b and not _NEGATION.fullmatch(b.replace(a, "", 1)) for a in labels for b in labels):
            return True                       # 调处/调处成功: a funnel; 受理/不予受理 are complements
        if _stages_nest(labels):
            return True
    return False


_NEGATION = re.compile(r"不予|未予|不|未")
_ACCEPTED = re.compile(r"^(?:受理|立案)(?:的)?(?:案件|申请)?$")
_CLOSED = re.compile(r"^(?:审结|办结|结案)(?:的)?(?:案件|申请)?$")
_LATER = re.compile(r"在办|未结|未办结|办理中|审理中|审结|办结|结案")
_OUTCOME = re.compile(r"维持|撤销|变更|确认违法|责令履行|驳回|终止|调解|和解|撤回|撤诉|败诉|胜诉|裁定|判决")


def _stages_nest(labels: list[str]) -> bool:
    """收到236件，受理212件，审结205件: 审结 is inside 受理 (and 维持 inside 审结), not beside it."""
    accepted = any(_ACCEPTED.match(x) for x in labels)
    closed = any(_CLOSED.match(x) for x in labels)
    later = any(_LATER.search(x) or _OUTCOME.search(x) for x in labels if not _ACCEPTED.match(x))
    outcome = any(_OUTCOME.search(x) for x in labels)
    return (accepted and later) or (closed and outcome)


# --- rates -------------------------------------------------------------------------------------

_RATE_LABEL = re.compile(r"(?:率|比例)$")
_SCOPE = re.compile(r"^(?:全区|全市|全县|全镇|全省|区|市|县|镇|我区|我市|我县|我镇|各级|各类|共|已|累计|其中|依时|及时|"
                    r"依法|当年|年内|全年|经|均|全部)+")
_FILING = re.compile(r"报送备案|报请备案|报备")
_CLOSED_SYN = re.compile(r"审结|结案")


_SUBJECT = re.compile(r"行政机关|(?:[区市县镇]|[区市县镇]?人民)政府|被诉行政机关")


def _stem(label: str) -> str:
    label = label.rsplit("的", 1)[-1]
    label = _FILING.sub("备案", _SCOPE.sub("", label))       # 报备率 ← 报送备案12件
    return _CLOSED_SYN.sub("办结", label)                    # 结案率 ← 审结126件


def _numerator_matches(rate_stem: str, num: Figure, den: Figure) -> bool:
    label = _stem(num.label)
    if not rate_stem or len(rate_stem) < 2 or not label:
        return False
    if label == rate_stem:
        return True
    den_label = den.label
    if label.endswith(rate_stem):
        prefix = label[: -len(rate_stem)]
        if _SUBJECT.fullmatch(prefix):
            return True                                       # 败诉率 ← 行政机关败诉 (负责人出庭应诉 stays apart)
        return len(prefix) >= 1 and prefix in den_label      # 成功率 ← 调解成功 when 调解 is the topic
    if label.startswith(rate_stem):
        rest = label[len(rate_stem):]
        return len(rest) >= 2 and rest in den_label           # 化解率 ← 化解不稳定问题 of 排查…不稳定问题
    return False


def _rates(doc: "Document", figures: list[Figure], out: CheckResult) -> None:
    for r_i, rate in enumerate(figures):
        if rate.kind != "percent" or rate.approx or not _RATE_LABEL.search(rate.label):
            continue
        if any(ch in rate.label for ch in "和及、与"):
            continue                                            # 答复率和答复及时率: which one?
        stem = _stem(re.sub(r"(?:率|比例)$", "", rate.label))
        found = None
        for n_i in range(r_i - 1, -1, -1):
            num = figures[n_i]
            if num.sentence_start != rate.sentence_start:
                break
            if num.kind != "count" or not num.exact:
                continue
            dens = [d for d in _denominators(figures, n_i) if _numerator_matches(stem, num, d)]
            if not dens:
                continue
            den = dens[0]
            if _BETWEEN.match(num.sentence[den.end - num.sentence_start:num.start - num.sentence_start]):
                break                                           # 从A压减至B: a difference, checked below
            found = (num, dens)
            break
        if found is None:
            continue
        num, dens = found
        # 收到300件，受理280件，办结252件，办结率90%: either base may be meant; flag only if none fits
        fits = [d for d in dens if abs(num.value / d.value * 100 - rate.value) <= rate.precision + 1e-6]
        holds = bool(fits)
        den = fits[0] if fits else dens[0]
        computed = num.value / den.value * 100
        text = _span_text(doc, den, rate)
        out.checked.append(CheckedRelation("rate", rate.line, text, rate.value, round(computed, 2), holds))
        if not holds:
            out.issues.append(FigureIssue(
                "rate_mismatch", "error", rate.line, text, rate.value, round(computed, 2),
                f"{num.label}{_fmt(num.value)}{num.unit}÷{den.label}{_fmt(den.value)}{den.unit}"
                f"={computed:.1f}%，与所写{rate.label}{_fmt(rate.value)}%不符，请核对。"))


_SHARE_LABEL = re.compile(r"^(?:约|仅)?占(?:比|总数|总量|全部)?的?$")


def _shares(doc: "Document", figures: list[Figure], out: CheckResult) -> None:
    """“共100家，其中民营企业80家，占80%”: a part's share of its own total."""
    for r_i in range(1, len(figures)):
        rate, part = figures[r_i], figures[r_i - 1]
        if rate.kind != "percent" or rate.approx or not _SHARE_LABEL.match(rate.label):
            continue
        if part.sentence_start != rate.sentence_start or part.total_start is None or not part.exact:
            continue
        total = next((f for f in figures[r_i - 2::-1] if f.start == part.total_start), None)
        if total is None or not total.exact or total.value <= 0 or part.value > total.value:
            continue
        computed = part.value / total.value * 100
        holds = abs(computed - rate.value) <= rate.precision + 1e-6
        text = _span_text(doc, total, rate)
        out.checked.append(CheckedRelation("rate", rate.line, text, rate.value, round(computed, 2), holds))
        if not holds:
            out.issues.append(FigureIssue(
                "rate_mismatch", "error", rate.line, text, rate.value, round(computed, 2),
                f"{part.label}{_fmt(part.value)}{part.unit}占{total.label}{_fmt(total.value)}{total.unit}的"
                f"{computed:.1f}%，与所写{_fmt(rate.value)}%不符，请核对。"))


def _denominators(figures: list[Figure], n_i: int) -> list[Figure]:
    """Possible bases of a rate whose numerator is figures[n_i]: its own total first, then earlier counts."""
    num = figures[n_i]
    out: list[Figure] = []
    if num.total_start is not None and num.total_start < num.start:
        total = next((f for f in figures[n_i - 1::-1] if f.start == num.total_start), None) if n_i else None
        if total is not None and total.exact:
            out.append(total)
    for j in range(n_i - 1, -1, -1):
        f = figures[j]
        if f.sentence_start != num.sentence_start:
            break
        if f.kind == "count" and f.exact and compatible_units(f.unit, num.unit) and f not in out:
            out.append(f)
    return [d for d in out if d.value > 0 and d.value >= num.value]


# --- differences -------------------------------------------------------------------------------

_DIFF_LABEL = re.compile(r"压缩|压减|精简|减少|缩短|节省|节约|下降|降低|增加|提高|提升|增长|提速|降幅|增幅")
_NOT_SAME_SUBJECT = re.compile(r"[、“”]|从|由|分别|其中|是|比(?:上年|去年|上一年|全国|全省|全市)|相比|较|占|年均|平均|同比|(?<!达)到|至")
_AVG = re.compile(r"年均|平均|每年|同比|环比")


def change_rate_holds(base: Figure, diff: float, diff_tol: float, rate: Figure) -> bool:
    """Whether `rate` (a percent) is diff/base at the precision all three were written with."""
    lo = max(diff - diff_tol, 0) / (base.value + _tol(base)) * 100
    hi = (diff + diff_tol) / max(base.value - _tol(base), _EPS) * 100
    return lo - rate.precision - 1e-6 <= rate.value <= hi + rate.precision + 1e-6


def _differences(doc: "Document", figures: list[Figure], out: CheckResult) -> None:
    for a_i in range(len(figures) - 1):
        a, b = figures[a_i], figures[a_i + 1]
        if a.sentence_start != b.sentence_start or a.kind not in ("count", "money", "duration", "other", "percent"):
            continue
        if a.approx or b.approx or not compatible_units(a.unit, b.unit) or a.kind != b.kind:
            continue
        s0 = a.sentence_start
        before = a.sentence[: a.start - s0]
        clause = re.split(r"[，,；;：:]", before)[-1]
        if not re.search(r"(?:从|由)[^，,]{0,10}$", clause):
            continue
        if not _BETWEEN.match(a.sentence[a.end - s0:b.start - s0]):
            continue
        diff = abs(a.value - b.value)
        diff_tol = _tol(a) + _tol(b)
        prev = b
        for c in figures[a_i + 2:a_i + 4]:
            between = a.sentence[prev.end - s0:c.start - s0]
            if c.sentence_start != s0 or len(between) > 14 or _NOT_SAME_SUBJECT.search(between):
                break
            if c.approx or _AVG.search(c.label) or not _DIFF_LABEL.search(c.label):
                break
            text = _span_text(doc, a, c)
            same = (c.kind == a.kind and compatible_units(c.unit, a.unit)) if a.kind != "percent" \
                else c.kind == "points"
            if same and prev is b:
                holds = abs(c.value - diff) <= diff_tol + _tol(c) + _EPS
                out.checked.append(CheckedRelation("difference", c.line, text, c.value, diff, holds))
                if not holds:
                    out.issues.append(FigureIssue(
                        "difference_mismatch", "error", c.line, text, c.value, diff,
                        f"从{_amount(a)}到{_amount(b)}相差{_fmt(diff / _scale(c)[0])}{_scale(c)[1]}{c.unit}，"
                        f"与所写{_amount(c)}不符，请核对。"))
                prev = c
                continue
            if c.kind == "percent" and a.kind != "percent" and a.value > 0:
                expected = diff / a.value * 100
                holds = change_rate_holds(a, diff, diff_tol, c)
                out.checked.append(CheckedRelation("difference_rate", c.line, text, c.value,
                                                   round(expected, 2), holds))
                if not holds:
                    out.issues.append(FigureIssue(
                        "difference_mismatch", "error", c.line, text, c.value, round(expected, 2),
                        f"从{_amount(a)}到{_amount(b)}变化{expected:.2f}%，"
                        f"与所写{c.label}{_fmt(c.value)}%不符，请核对。"))
            break


def check_relations(doc: "Document", figures: list[Figure] | None = None) -> CheckResult:
    """Every checkable relation in the document: the issues and the list of what was checked."""
    from assistant.correction_rates import check_correction_rates
    from assistant.figure_tables import check_tables
    from assistant.year_on_year import check_year_on_year

    if figures is None:
        figures = extract_figures(doc)
    out = CheckResult()
    _breakdowns(doc, figures, out)
    _rates(doc, figures, out)
    _shares(doc, figures, out)
    check_correction_rates(doc, figures, out)
    _differences(doc, figures, out)
    check_year_on_year(doc, figures, out)                   # 45件，比上年的36件增长25%
    check_tables(doc, out)                                  # 合计 rows and columns of statistics tables
    out.issues.sort(key=lambda i: i.line)
    out.checked.sort(key=lambda c: c.line)
    return out


def check_figures(doc: "Document", figures: list[Figure] | None = None) -> list[FigureIssue]:
    """The figure issues a reviewer should see (errors and warnings), in line order."""
    return check_relations(doc, figures).issues
