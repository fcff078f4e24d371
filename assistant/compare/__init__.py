"""Compare: this year's report beside the same unit's report of the year before.

Three questions a reviewer asks: did the unit do what it planned (each item of last year's 下一年度安排
against this year's measures, with the evidence line), did it copy last year's text (the share of this
year's sentences found in last year's report, the passages longest first), and do the figures it gives
for last year match what last year's report said. Sits above review and store: it reads the review's
sections and runs the store's hybrid retrieval in memory.

Public face: `compare_reports` → `Comparison` (with `PlanMatch`, `ReusedPassage`, `ContinuityCheck`),
`comparison_to_json`, `comparison_appendix` / `attach_comparison` (the review section), `reuse` and
`follow_through` on their own, the matcher's `FOLLOW_THRESHOLD` and `match_score`.
"""

from __future__ import annotations

from assistant.compare.compare import HIGH_REUSE, attach_comparison, compare_reports, comparison_appendix
from assistant.compare.model import (
    AGREES,
    DIFFERS,
    FOLLOWED,
    NOT_FOUND,
    NOT_MENTIONED,
    Comparison,
    ContinuityCheck,
    PlanMatch,
    ReusedPassage,
    comparison_to_json,
)
from assistant.compare.plans import (
    FOLLOW_THRESHOLD,
    OVERLAP_WEIGHT,
    Candidates,
    candidates,
    decide,
    follow_through,
    match_score,
)
from assistant.compare.reuse import reuse
from assistant.compare.sections import PlanItem, measure_lines, plan_items

__all__ = [
    "AGREES",
    "DIFFERS",
    "FOLLOWED",
    "FOLLOW_THRESHOLD",
    "HIGH_REUSE",
    "OVERLAP_WEIGHT",
    "NOT_FOUND",
    "NOT_MENTIONED",
    "Candidates",
    "Comparison",
    "ContinuityCheck",
    "PlanItem",
    "PlanMatch",
    "ReusedPassage",
    "attach_comparison",
    "candidates",
    "compare_reports",
    "comparison_appendix",
    "comparison_to_json",
    "decide",
    "follow_through",
    "match_score",
    "measure_lines",
    "plan_items",
    "reuse",
]
