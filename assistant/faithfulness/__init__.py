"""Faithfulness: is every figure in a text backed by its sources (facts files, documents)? No LLM judge.

Public face: `check_text`, `check_document`, `check_figures`, `check_files`, `source_figures`,
`result_to_json`, the `SourceFigure` / `Mention` / `FaithfulnessResult` dataclasses, `STATUSES` and
`label_similarity` (how two figure labels are compared).
"""

from __future__ import annotations

from assistant.faithfulness.check import (
    STATUSES,
    FaithfulnessResult,
    Mention,
    check_document,
    check_figures,
    check_files,
    check_text,
    result_to_json,
)
from assistant.faithfulness.labels import label_similarity
from assistant.faithfulness.sources import SourceFigure, source_figures

__all__ = [
    "STATUSES",
    "FaithfulnessResult",
    "Mention",
    "SourceFigure",
    "check_document",
    "check_figures",
    "check_files",
    "check_text",
    "label_similarity",
    "result_to_json",
    "source_figures",
]
