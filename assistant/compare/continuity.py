"""Continuity: what this year's report says last year's figures were, against what last year's report said.

"比上年的36件增长25%" claims last year had 36; last year's report is the record. Each value this year's
report gives for the year before (figures.prior_year_values: stated, or implied by a change) is matched to
last year's figure of the same indicator — same kind and unit, the labels naming the same indicator
(faithfulness.label_similarity) — and agrees when it is within the precision both were written at.
Last year's own figures about its year before are not candidates.
"""

from __future__ import annotations

from assistant.compare.model import AGREES, DIFFERS, NOT_FOUND, ContinuityCheck
from assistant.documents import Document
from assistant.faithfulness import label_similarity
from assistant.figures import Figure, PriorValue, compatible_units, extract_figures, prior_year_values
from assistant.vocabulary import fmt_number

__all__ = ["LABEL_MATCH", "continuity"]

LABEL_MATCH = 0.75  # label similarity at which two figures name the same indicator


def _own_year(figures: list[Figure], year: int | None) -> list[Figure]:
    """Last year's figures about its own year: not its statements about the year before, not changes."""
    about_before = {(p.line, p.value) for p in prior_year_values(figures, year) if p.how == "stated"}
    return [
        f
        for f in figures
        if not f.approx
        and f.kind not in ("points",)
        and (f.line, f.value) not in about_before
        and not any(
            w in f.lead for w in ("同比", "比上年", "较上年", "比去年", "较去年", "增长", "下降", "增加", "减少")
        )
    ]


def _best(prior: PriorValue, candidates: list[Figure]) -> tuple[Figure | None, float]:
    best, best_score = None, 0.0
    for f in candidates:
        if f.kind != prior.kind or not compatible_units(f.unit, prior.unit):
            continue
        score = label_similarity(prior.label, f.label)
        if score > best_score or (
            score == best_score and best is not None and abs(f.value - prior.value) < abs(best.value - prior.value)
        ):
            best, best_score = f, score
    return (best, best_score) if best_score >= LABEL_MATCH else (None, best_score)


def continuity(this: Document, last: Document) -> list[ContinuityCheck]:
    """One check per value this year's report gives for last year."""
    priors = prior_year_values(extract_figures(this), this.meta.year)
    if not priors:
        return []
    candidates = _own_year(extract_figures(last), last.meta.year)
    out = []
    for p in priors:
        f, _ = _best(p, candidates)
        said = f"{fmt_number(p.value)}{p.unit}"
        if f is None:
            out.append(
                ContinuityCheck(
                    p.label, p.line, p.text, p.value, p.unit, p.how, NOT_FOUND,
                    message=f"本年报告称上年“{p.label}”为{said}，上年报告中没有找到这一指标。",
                )
            )  # fmt: skip
            continue
        holds = abs(f.value - p.value) <= p.tolerance + f.precision + 1e-9
        status = AGREES if holds else DIFFERS
        how = "写明" if p.how == "stated" else "按本年数和变化幅度推算"
        message = f"本年报告{how}上年“{p.label}”为{said}，上年报告第{f.line}行为{f.text}" + (
            "，一致。" if holds else "，不一致，请核对口径或数字。"
        )
        out.append(
            ContinuityCheck(
                p.label, p.line, p.text, round(p.value, 4), p.unit, p.how, status, f.value, f.line, f.sentence, message
            )
        )
    return out
