"""This year's report beside the same unit's report of the year before: follow-through, reuse, continuity.

The result is attached to this year's review as an Appendix, so every output of the review (JSON,
Markdown, HTML, the Word 审查意见) carries it without the review knowing about comparisons.
"""

from __future__ import annotations

from assistant.compare.continuity import continuity
from assistant.compare.model import (
    CONTINUITY_NAMES,
    DIFFERS,
    NOT_MENTIONED,
    PLAN_STATUS_NAMES,
    Comparison,
    comparison_to_json,
)
from assistant.compare.plans import follow_through
from assistant.compare.reuse import reuse
from assistant.documents import Document
from assistant.mandates import Mandates
from assistant.review import Appendix, Review
from assistant.store import Embedder

__all__ = ["HIGH_REUSE", "attach_comparison", "compare_reports", "comparison_appendix"]

HIGH_REUSE = 0.5  # above this share of reused sentences the reviewer is asked to have the report rewritten
TITLE = "与上年报告对照"


def compare_reports(
    this: Document, last: Document, mandates: Mandates | None = None, *, embedder: Embedder | None = None
) -> Comparison:
    notes = []
    if this.meta.year and last.meta.year and this.meta.year - last.meta.year != 1:
        notes.append(f"两份报告的年度为{last.meta.year}年和{this.meta.year}年，不是相邻年度，请确认上年报告是否选对。")
    if this.meta.issuer and last.meta.issuer and this.meta.issuer != last.meta.issuer:
        notes.append(f"两份报告的发文单位不同（{last.meta.issuer}、{this.meta.issuer}），请确认是同一单位的报告。")
    share, total, found, passages = reuse(this, last)
    plans, plan_notes = follow_through(this, last, mandates, embedder=embedder)
    return Comparison(
        file=last.path,
        this_file=this.path,
        this_year=this.meta.year,
        last_year=last.meta.year,
        reused_share=share,
        sentences=total,
        reused_sentences=found,
        reused_passages=passages,
        plans=plans,
        continuity=continuity(this, last),
        notes=notes + plan_notes,
    )


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def comparison_appendix(c: Comparison) -> Appendix:
    """The comparison as a section every review renderer shows, with the fixes it asks for."""
    last = f"{c.last_year}年度报告" if c.last_year else "上年报告"
    paras = [
        f"对照{last}：本年报告{c.sentences}个20字以上的句子中，{c.reused_sentences}个与上年报告相同"
        f"（照搬比例{c.reused_share:.0%}，数字不计）。",
    ]
    if c.plans:
        paras.append(
            f"上年报告“下一年度安排”共{len(c.plans)}项，本年报告中有对应举措的{c.followed}项，未提及的{len(c.plans) - c.followed}项。"
        )
    differs = [k for k in c.continuity if k.status == DIFFERS]
    if c.continuity:
        paras.append(f"本年报告提到的上年数字{len(c.continuity)}处，与上年报告不一致的{len(differs)}处。")
    paras += c.notes
    tables = []
    if c.plans:
        rows = [
            [
                f"第{p.line}行", _short(p.plan), PLAN_STATUS_NAMES[p.status],
                f"第{p.evidence_line}行：{_short(p.evidence or '')}" if p.evidence_line else "—",
            ]
            for p in c.plans
        ]  # fmt: skip
        tables.append(("上年计划的落实情况", ["上年位置", "上年计划", "本年情况", "本年依据"], rows))
    if c.reused_passages:
        rows = [
            [f"第{p.line}行", f"第{p.last_line}行" if p.last_line else "—", str(p.chars), _short(p.text, 80)]
            for p in c.reused_passages[:10]
        ]
        tables.append(("与上年相同的段落（按长度排列）", ["本年位置", "上年位置", "字数", "内容"], rows))
    if c.continuity:
        rows = [[f"第{k.line}行", k.indicator, CONTINUITY_NAMES[k.status], k.message] for k in c.continuity]
        tables.append(("上年数字前后对照", ["本年位置", "指标", "结果", "说明"], rows))
    fixes = []
    if c.reused_share >= HIGH_REUSE:
        fixes.append(f"本年报告有{c.reused_share:.0%}的句子与上年报告相同，请据实重写本年度的情况。")
    missing = [p for p in c.plans if p.status == NOT_MENTIONED]
    if missing:
        fixes.append(
            f"说明上年计划中{len(missing)}项未提及事项的落实情况（如第{missing[0].line}行“{_short(missing[0].plan, 30)}”）。"
        )
    fixes += [f"核对第{k.line}行的上年数字：{k.message}" for k in differs]
    return Appendix("previous", TITLE, comparison_to_json(c), paras, tables, fixes)


def attach_comparison(review: Review, c: Comparison) -> Review:
    review.appendices = [a for a in review.appendices if a.key != "previous"] + [comparison_appendix(c)]
    return review
