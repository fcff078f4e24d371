"""Do the figures add up? Breakdowns, rates and differences, checked at the written precision.

Precision over recall: a relation is checked only when the text states it unambiguously (a 共
total with its parts, a “其中” list, a rate whose numerator is named like the rate, a “从A…至B，
共…C” difference). Different indicators sharing a unit (负责人出庭应诉 vs 出庭应诉率), different
scopes and partial 其中 lists are never flagged. Every relation that was checked is returned as a
CheckedRelation, held or not, so callers can show what was verified.
"""

from assistant.documents import Document
from assistant.figures.checks.breakdowns import check_breakdowns
from assistant.figures.checks.changes import check_differences
from assistant.figures.checks.correction_rates import check_correction_rates
from assistant.figures.checks.rates import check_rates, check_shares
from assistant.figures.checks.table_totals import check_tables
from assistant.figures.checks.year_on_year import check_year_on_year
from assistant.figures.extract import extract_figures
from assistant.figures.model import CheckResult, Figure, FigureIssue

__all__ = ["check_figures", "check_relations"]


def check_relations(doc: Document, figures: list[Figure] | None = None) -> CheckResult:
    """Every checkable relation in the document: the issues and the list of what was checked."""
    if figures is None:
        figures = extract_figures(doc)
    out = CheckResult()
    check_breakdowns(doc, figures, out)
    check_rates(doc, figures, out)
    check_shares(doc, figures, out)
    check_correction_rates(doc, figures, out)
    check_differences(doc, figures, out)
    check_year_on_year(doc, figures, out)  # 45件，比上年的36件增长25%
    check_tables(doc, out)  # 合计 rows and columns of statistics tables
    out.issues.sort(key=lambda i: i.line)
    out.checked.sort(key=lambda c: c.line)
    return out


def check_figures(doc: Document, figures: list[Figure] | None = None) -> list[FigureIssue]:
    """The figure issues a reviewer should see (errors and warnings), in line order."""
    return check_relations(doc, figures).issues
