"""What comparing this year's report with the same unit's report of the year before finds, and its JSON."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

__all__ = ["Comparison", "ContinuityCheck", "PlanMatch", "ReusedPassage", "comparison_to_json"]

FOLLOWED, NOT_MENTIONED = "followed", "not_mentioned"
PLAN_STATUS_NAMES = {FOLLOWED: "已落实（有对应举措）", NOT_MENTIONED: "未提及"}
AGREES, DIFFERS, NOT_FOUND = "agrees", "differs", "not_found"
CONTINUITY_NAMES = {AGREES: "一致", DIFFERS: "不一致", NOT_FOUND: "上年报告未写"}


@dataclass
class PlanMatch:
    plan: str  # the plan item as last year's report wrote it
    line: int  # its line in last year's report
    status: str  # followed | not_mentioned
    evidence_line: int | None  # the line of this year's report that carries it out
    evidence: str | None = None  # that sentence
    score: float = 0.0  # the match score the decision was taken on
    heading: str | None = None  # the plan's sub-heading in last year's report, when it has one


@dataclass
class ReusedPassage:
    text: str  # as this year's report has it
    line: int  # first line in this year's report
    last_line: int | None  # where last year's report has it
    chars: int  # its length (normalised characters)


@dataclass
class ContinuityCheck:
    indicator: str
    line: int  # this year's line
    text: str  # this year's statement
    stated: float  # the value this year's report gives for last year
    unit: str
    how: str  # stated | implied
    status: str  # agrees | differs | not_found
    last_value: float | None = None  # what last year's report gave
    last_line: int | None = None
    last_text: str | None = None
    message: str = ""


@dataclass
class Comparison:
    file: str  # last year's report
    this_file: str
    this_year: int | None
    last_year: int | None
    reused_share: float  # share of this year's sentences (≥ 20 characters, normalised) found in last year's
    sentences: int  # how many such sentences this year's report has
    reused_sentences: int
    reused_passages: list[ReusedPassage] = field(default_factory=list)
    plans: list[PlanMatch] = field(default_factory=list)
    continuity: list[ContinuityCheck] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def followed(self) -> int:
        return sum(p.status == FOLLOWED for p in self.plans)


def comparison_to_json(c: Comparison) -> dict[str, Any]:
    """The `previous` object of `fazhi review --previous --json`."""
    return {
        "file": c.file,
        "this_year": c.this_year,
        "last_year": c.last_year,
        "reused_share": round(c.reused_share, 4),
        "sentences": c.sentences,
        "reused_sentences": c.reused_sentences,
        "reused_passages": [asdict(p) for p in c.reused_passages],
        "plans": [asdict(p) for p in c.plans],
        "plans_followed": c.followed,
        "continuity": [asdict(k) for k in c.continuity],
        "notes": list(c.notes),
    }
