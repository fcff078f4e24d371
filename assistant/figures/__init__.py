"""Figures: every number in a report as structured data, and whether the numbers add up.

Public face: `extract_figures` / `extract_figures_text`, `check_figures` / `check_relations`, the
`Figure`, `FigureIssue`, `CheckedRelation`, `CheckResult` dataclasses, the number parser
(`parse_number`, `find_numbers`), `compatible_units`, `split_scale` (万元 → 元 × 10000), and what a report
says of the year before (`prior_year_values`). Table reading and the individual checks are
private modules.
"""

from __future__ import annotations

from assistant.figures.checks import check_figures, check_relations
from assistant.figures.extract import extract_figures, extract_figures_text
from assistant.figures.model import CheckedRelation, CheckResult, Figure, FigureIssue, compatible_units, split_scale
from assistant.figures.numbers import ParsedNumber, find_numbers, not_a_quantity, parse_number
from assistant.figures.prior import PriorValue, prior_year_values

__all__ = [
    "CheckResult",
    "CheckedRelation",
    "Figure",
    "FigureIssue",
    "ParsedNumber",
    "PriorValue",
    "check_figures",
    "check_relations",
    "compatible_units",
    "extract_figures",
    "extract_figures_text",
    "find_numbers",
    "not_a_quantity",
    "parse_number",
    "prior_year_values",
    "split_scale",
]
