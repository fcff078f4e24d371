"""Facts: the YAML file of what a unit did in the year — schema, loading with line-numbered errors, self-checks.

Public face: `load_facts` / `parse_facts`, `check_facts`, the schema models (`Facts`, `NamedFigure`, `Point`,
`Area`, …) and how a fact reads in a report (`phrase_figure`, `figures_clause`, `point_sentence`, `clean`,
`format_value`, `RATE_UNITS`), and `number_problem`: why a value cannot be drafted exactly as written.
"""

from __future__ import annotations

from assistant.facts.checks import check_facts
from assistant.facts.load import load_facts, parse_facts
from assistant.facts.phrasing import RATE_UNITS, clean, figures_clause, format_value, phrase_figure, point_sentence
from assistant.facts.scalars import number_problem
from assistant.facts.schema import Area, Facts, Item, Items, Measures, NamedFigure, Point, Problem, Shortcomings

__all__ = [
    "RATE_UNITS",
    "Area",
    "Facts",
    "Item",
    "Items",
    "Measures",
    "NamedFigure",
    "Point",
    "Problem",
    "Shortcomings",
    "check_facts",
    "clean",
    "figures_clause",
    "format_value",
    "load_facts",
    "number_problem",
    "parse_facts",
    "phrase_figure",
    "point_sentence",
]
