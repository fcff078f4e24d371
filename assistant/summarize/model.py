"""One row of the batch table as data, and its JSON form (the resumable work file stores these)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from assistant.summarize.indicators import Indicator
from assistant.vocabulary import COVERED, PARTIAL, PRESENT, THIN

__all__ = [
    "AREA_COVERED",
    "SUMMARY_MAX",
    "ItemStatus",
    "Problem",
    "ReportSummary",
    "summary_from_dict",
    "summary_to_dict",
]

SUMMARY_MAX = 300
AREA_COVERED = (COVERED, THIN, PRESENT, PARTIAL)


@dataclass
class ItemStatus:
    id: str
    status: str  # present | partial | missing | n/a
    heading: str | None
    line: int | None
    reason: str


@dataclass
class Problem:
    category: str  # "数字" | "法定内容" | "时间"
    kind: str
    severity: str  # "error" | "warning"
    line: int | None
    quote: str  # the report's own words
    message: str  # one Chinese sentence


@dataclass
class ReportSummary:
    file: str
    sha256: str = ""
    ok: bool = True
    error: str | None = None
    title: str | None = None
    issuer: str | None = None
    level: str | None = None
    year: int | None = None
    doc_type: str | None = None
    script: str | None = None
    is_report: bool = False
    not_report_reason: str | None = None
    score: int | None = None
    items: dict[str, ItemStatus] = field(default_factory=dict)
    areas: dict[str, str] = field(default_factory=dict)  # 纲要 area → status
    problems: list[Problem] = field(default_factory=list)
    figure_problem_count: int = 0
    worst_problem: str | None = None
    indicators: dict[str, Indicator] = field(default_factory=dict)
    summary: str = ""
    llm_summary: str | None = None
    llm_flags: list[str] = field(default_factory=list)
    llm_error: str | None = None
    text_hash: str = ""
    sketch: list[int] = field(default_factory=list)
    duplicate_of: str | None = None
    duplicate_similarity: float | None = None
    previous_file: str | None = None  # the same issuer's report of the year before, in the same batch
    previous_reused_share: float | None = None  # share of this report's sentences found in that one (照搬上年)
    chars: int = 0
    seconds: float = 0.0


def summary_to_dict(row: ReportSummary) -> dict[str, Any]:
    return asdict(row)


def summary_from_dict(data: dict[str, Any]) -> ReportSummary:
    data = dict(data)
    data["items"] = {k: ItemStatus(**v) for k, v in (data.get("items") or {}).items()}
    data["problems"] = [Problem(**p) for p in data.get("problems") or []]
    data["indicators"] = {k: Indicator(**v) for k, v in (data.get("indicators") or {}).items()}
    known = set(ReportSummary.__dataclass_fields__)
    return ReportSummary(**{k: v for k, v in data.items() if k in known})
