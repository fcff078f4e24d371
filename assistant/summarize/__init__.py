"""Batch summaries: one row per report (verdicts, figure problems, key indicators, an extractive summary),
run in parallel and resumable, written as one comparison table.

Public face: `summarise_file`, `run_batch`, `collect_paths`, `work_file_for`, `load_work_file`,
`write_outputs` / `FORMATS`, and the row dataclasses.
"""

from __future__ import annotations

from assistant.summarize.batch import (
    BatchResult,
    aggregate,
    collect_paths,
    load_work_file,
    mark_duplicates,
    run_batch,
    work_file_for,
)
from assistant.summarize.indicators import SPECS, Indicator, find_indicators
from assistant.summarize.model import SUMMARY_MAX, ItemStatus, Problem, ReportSummary
from assistant.summarize.outputs import FORMATS, display_width, write_outputs
from assistant.summarize.summary import (
    extractive_summary,
    sketch_similarity,
    summarise_document,
    summarise_file,
    text_fingerprint,
)

__all__ = [
    "FORMATS",
    "SPECS",
    "SUMMARY_MAX",
    "BatchResult",
    "Indicator",
    "ItemStatus",
    "Problem",
    "ReportSummary",
    "aggregate",
    "collect_paths",
    "display_width",
    "extractive_summary",
    "find_indicators",
    "load_work_file",
    "mark_duplicates",
    "run_batch",
    "sketch_similarity",
    "summarise_document",
    "summarise_file",
    "text_fingerprint",
    "work_file_for",
    "write_outputs",
]
