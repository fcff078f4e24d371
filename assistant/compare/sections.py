"""Where a report plans and where it reports: last year's 下一年度安排 items and this year's measures.

The review's reading of the five items comes first (a 法治政府建设 report heads them "下一年度工作安排",
"主要举措和成效"). A report headed otherwise — a 政府工作报告's "2019年工作回顾" and "2020年主要工作" — is read
from its top-level headings: review words (回顾, 举措, 成效) mark the measures; plan words (下一步, 明年,
安排, 打算, 思路) or a later year than the review's mark the plans.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.documents import Document, OutlineNode, iter_nodes
from assistant.mandates import Mandates
from assistant.review import section_ranges

__all__ = ["PlanItem", "measure_lines", "plan_items"]

_PLAN = re.compile(r"下一年|下一步|明年|今后|来年|新的一年|安排|打算|思路|计划|展望|设想|努力方向|重点任务|主要任务")
_REVIEW = re.compile(r"回顾|举措|成效|做法|开展情况|工作情况|进展|落实情况|取得|成绩|过去")
_OTHER = re.compile(r"其他|问题|不足|困难|责任人")
_NOTES = re.compile(r"^(?:名词解释|注释|注[:：]|附[:：件])")
_YEAR = re.compile(r"((?:19|20)\d\d)年")
# an item's own enumerator inside a paragraph: 一是…；二是…, 第一，…
_ENUM = re.compile(r"(?=(?:[一二三四五六七八九十]+是|第[一二三四五六七八九十]+[，,、]))")
_SENTENCE = re.compile(r"(?<=[。；;！!？?])")
MIN_ITEM_CHARS = 12
LONG_LINE = 160  # a plan paragraph longer than this is cut into its sentences
SHORT_HEADING = 40


@dataclass
class PlanItem:
    text: str
    line: int
    heading: str | None  # the sub-heading it stands under


def _top(outline: list[OutlineNode]) -> list[OutlineNode]:
    out: list[OutlineNode] = []
    for node in outline:
        out += _top(node.children) if node.kind == "title" else [node]
    return out


def _ranges_by_headings(doc: Document) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """(plan ranges, measure ranges) from the top-level headings alone. Of headings naming years ("关于2019年
    工作", "关于2020年工作"), the earliest is the review and later ones the plans; top sections after the first
    plan section that name no review (a 政府工作报告's "加强政府自身建设") go on planning."""
    tops = _top(doc.outline)
    years = [int(m.group(1)) for n in tops for m in [_YEAR.search(n.heading)] if m]
    review_years = [int(m.group(1)) for n in tops if _REVIEW.search(n.heading) for m in [_YEAR.search(n.heading)] if m]
    first = min(review_years or years or [0])
    plans: list[tuple[int, int]] = []
    measures: list[tuple[int, int]] = []
    for n in tops:
        year = _YEAR.search(n.heading)
        later = bool(year and len(set(years)) > 1 and int(year.group(1)) > first)
        span = (n.line, n.end_line or n.line)
        if _REVIEW.search(n.heading) or (year and int(year.group(1)) == first and len(set(years)) > 1):
            measures.append(span)
        elif _PLAN.search(n.heading) or later or (plans and not _OTHER.search(n.heading)):
            plans.append(span)
    return plans, measures


def _ranges(doc: Document, mandates: Mandates | None) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    zones = section_ranges(doc, mandates)
    plans, measures = zones.get("next_year", []), zones.get("measures", [])
    by_plans, by_measures = _ranges_by_headings(doc)
    if not plans:
        plans = by_plans
    if by_measures and (not measures or any(a <= p[0] <= b for a, b in measures for p in plans)):
        measures = by_measures  # the review's measures swallowed the plans: the headings tell them apart
    measures = [(a, b) for a, b in measures if not any(p[0] <= a and b <= p[1] for p in plans)]
    return plans, measures


def measure_lines(doc: Document, mandates: Mandates | None = None) -> set[int]:
    """Lines of this year's measures (the whole report less its plans, shortcomings … when none is headed)."""
    plans, measures = _ranges(doc, mandates)
    if measures:
        return {ln.no for ln in doc.lines if any(a <= ln.no <= b for a, b in measures)}
    zones = section_ranges(doc, mandates)
    other = plans + zones.get("shortcomings", []) + zones.get("next_year", [])
    return {ln.no for ln in doc.lines if not any(a <= ln.no <= b for a, b in other)}


def _pieces(text: str) -> list[str]:
    parts = [p for p in _ENUM.split(text) if p.strip()]
    if len(parts) <= 1 and len(text) > LONG_LINE:
        parts = _SENTENCE.split(text)
    return [p.strip() for p in parts if len(p.strip()) >= MIN_ITEM_CHARS]


def plan_items(doc: Document, mandates: Mandates | None = None) -> list[PlanItem]:
    """The items of last year's plan section: each paragraph, cut at its own 一是/二是 (or, when long, at its
    sentences); a short sub-heading with paragraphs under it is their context, not an item of its own."""
    plans, _ = _ranges(doc, mandates)
    if not plans:
        return []
    heading_lines = {n.line: n for n in iter_nodes(doc.outline)}
    tops = {a for a, _ in plans}
    items: list[PlanItem] = []
    current: str | None = None
    lines = [ln for ln in doc.lines if any(a <= ln.no <= b for a, b in plans)]
    for k, ln in enumerate(lines):
        if _NOTES.match(ln.text):
            break  # the glossary a 政府工作报告 appends is not a plan
        if ln.no in tops:
            continue
        node = heading_lines.get(ln.no)
        body_follows = k + 1 < len(lines) and lines[k + 1].no not in heading_lines
        if node is not None and len(ln.text) <= SHORT_HEADING and body_follows:
            current = ln.text
            continue
        for piece in _pieces(ln.text):
            items.append(PlanItem(piece, ln.no, current))
    return items
