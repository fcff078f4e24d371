"""Breakdowns: a 共 total, a “其中” list or “分别为” parts against their sum, when the text states one partition."""

from __future__ import annotations

import re

from assistant.documents import Document
from assistant.figures.checks.common import EPS, SCOPE, scale, span_text, tolerance
from assistant.figures.extract import is_disposal
from assistant.figures.model import CheckedRelation, CheckResult, Figure, FigureIssue
from assistant.vocabulary import fmt_number

__all__ = ["check_breakdowns"]


def check_breakdowns(doc: Document, figures: list[Figure], out: CheckResult) -> None:
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
        tol = tolerance(total) + sum(tolerance(p) for p in ps)
        text = span_text(doc, total, ps[-1])
        unit = total.unit
        label = total.parent or total.label or "总数"
        if s > total.value + tol + EPS:
            if _not_one_partition(total, ps, link):
                continue
            out.checked.append(CheckedRelation("breakdown", total.line, text, total.value, s, False))
            k, w = scale(total)
            terms = "+".join(fmt_number(p.value / k) for p in ps)
            out.issues.append(
                FigureIssue(
                    "breakdown_exceeds_total",
                    "error",
                    total.line,
                    text,
                    total.value,
                    s,
                    f"{label}{'' if '共' in label else '共'}{fmt_number(total.value / k)}{w}{unit}，"
                    f"但所列分项{terms}={fmt_number(s / k)}{w}{ps[0].unit}，"
                    f"超过总数，请核对总数或各分项。",
                )
            )
        elif abs(s - total.value) <= tol + EPS:
            out.checked.append(CheckedRelation("breakdown", total.line, text, total.value, s, True))
        elif link == "分别" and all(p.exact for p in ps) and total.exact:
            out.checked.append(CheckedRelation("breakdown", total.line, text, total.value, s, False))
            out.issues.append(
                FigureIssue(
                    "breakdown_incomplete",
                    "warning",
                    total.line,
                    text,
                    total.value,
                    s,
                    f"“分别为”所列分项合计{fmt_number(s / scale(total)[0])}{scale(total)[1]}{unit}，"
                    f"少于总数{fmt_number(total.value / scale(total)[0])}{scale(total)[1]}{unit}，"
                    f"请补全分项或核对总数。",
                )
            )


_CROSS_CLASS = re.compile(r"女|男|党员|少数民族|学历|研究生|本科|博士|硕士|大专|岁|涉企|涉外|涉及")


def _not_one_partition(total: Figure, ps: list[Figure], link: str | None) -> bool:
    """True when an over-sum is better explained by several lists than by a wrong total."""
    values = [p.value for p in ps]
    if any(v > total.value for v in values):
        return True  # a part larger than the whole: another indicator
    running = 0.0
    for v in values[:-1]:
        running += v
        if abs(running - total.value) < EPS:
            return True  # 受理25件、不予受理5件 (=30) then 审结22件、在办3件
    for j, v in enumerate(values[:-2]):
        run = 0.0
        for w in values[j + 1 :]:
            run += w
            if abs(run - v) < EPS:
                return True  # 审结40件, 维持28件, 撤销12件: a nested list
    labels = [SCOPE.sub("", p.label) for p in ps]
    if link != "seq" and not all(is_disposal(x) for x in labels):
        if any(_CROSS_CLASS.search(x) for x in labels) or len({x[-1:] for x in labels}) > 1:
            return True  # 其中女性28人，研究生25人: several ways to split, not one list
    if link == "seq":
        if not all(is_disposal(x) for x in labels):
            return True  # 排查500宗, 调处480宗, 成功470宗: a funnel, not parts
        if any(a != b and a in b and not _NEGATION.fullmatch(b.replace(a, "", 1)) for a in labels for b in labels):
            return True  # 调处/调处成功: a funnel; 受理/不予受理 are complements
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
