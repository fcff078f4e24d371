"""The eval harness: draft every case (or read drafts written elsewhere) and score figures, coverage, length.

Public face: `load_cases`, `evaluate`, `score_text`, `render_table`, `run_to_json`, `write_results` and
their dataclasses. Deterministic scores, no LLM judge.
"""

from __future__ import annotations

from assistant.evaluation.evaluation import (
    DEFAULT_CASES,
    DEFAULT_RESULTS,
    Case,
    CaseScore,
    EvalRun,
    draft_text,
    evaluate,
    load_cases,
    render_table,
    run_to_json,
    score_text,
    summarize,
    text_defects,
    write_results,
)

__all__ = [
    "DEFAULT_CASES",
    "DEFAULT_RESULTS",
    "Case",
    "CaseScore",
    "EvalRun",
    "draft_text",
    "evaluate",
    "load_cases",
    "render_table",
    "run_to_json",
    "score_text",
    "summarize",
    "text_defects",
    "write_results",
]
