"""Facts: the YAML file of what a unit did in the year — schema, loading with line-numbered errors, self-checks,
and where facts come from besides a hand-written file: the Excel 填报表 and the reports units submit.

Public face: `load_facts` / `parse_facts`, `check_facts`, the schema models (`Facts`, `NamedFigure`, `Point`,
`Area`, …, with `split_sources` / `join_sources` for their `source` fields), how a fact reads in a report
(`phrase_figure`, `figures_clause`, `point_sentence`, `states_figure`, `clean`, `format_value`, `RATE_UNITS`),
`number_problem` (why a value cannot be drafted exactly as written), `parse_date` (a date as staff write it), writing a facts file (`dump_facts`,
`write_facts`), the 填报表 (`write_template`, `export_workbook`, `import_workbooks`, `read_workbook`) and facts
from submitted reports (`facts_from_reports`, `report_paths`).
"""

from __future__ import annotations

from assistant.facts.checks import check_facts
from assistant.facts.dump import dump_facts, write_facts
from assistant.facts.load import load_facts, parse_facts
from assistant.facts.phrasing import (
    RATE_UNITS,
    clean,
    figures_clause,
    format_value,
    phrase_figure,
    point_sentence,
    states_figure,
)
from assistant.facts.reports import RECIPIENTS_PLACEHOLDER, facts_from_reports, report_paths
from assistant.facts.scalars import number_problem, parse_date
from assistant.facts.schema import (
    SOURCE_SEP,
    Area,
    Facts,
    Item,
    Items,
    Measures,
    NamedFigure,
    Point,
    Problem,
    Shortcomings,
    join_sources,
    split_sources,
)
from assistant.facts.workbook_read import import_workbooks, read_workbook
from assistant.facts.workbook_write import export_workbook, write_template

__all__ = [
    "RECIPIENTS_PLACEHOLDER",
    "RATE_UNITS",
    "SOURCE_SEP",
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
    "dump_facts",
    "export_workbook",
    "facts_from_reports",
    "figures_clause",
    "format_value",
    "import_workbooks",
    "join_sources",
    "load_facts",
    "number_problem",
    "parse_date",
    "parse_facts",
    "phrase_figure",
    "point_sentence",
    "read_workbook",
    "report_paths",
    "split_sources",
    "states_figure",
    "write_facts",
    "write_template",
]
