"""Do the figures add up? Every relation the text states, checked at the precision it is written with.

figures.structure reads which figures the text relates (a total and its parts, a share or rate and its
counts, a change between two values); the modules here do the arithmetic, plus the 纠错率 of review outcome
lists, and the 合计, 占比 and 率 columns of statistics tables. A written number agrees within half the unit
of its last digit (99% accepts 98.5–99.49; 1.2万 accepts 11,500–12,499), and a sum's tolerance is the sum
of its terms'. Every relation checked is returned as a CheckedRelation with its figures, held or not, so a
reviewer sees what was verified and not only what failed.
"""

from assistant.documents import Document
from assistant.figures.checks.breakdowns import check_breakdown
from assistant.figures.checks.changes import check_change
from assistant.figures.checks.correction_rates import check_correction_rates
from assistant.figures.checks.rates import check_ratio
from assistant.figures.checks.table_rates import check_table_rates
from assistant.figures.checks.table_totals import check_tables
from assistant.figures.extract import extract_figures
from assistant.figures.model import CheckResult, Figure, FigureIssue
from assistant.figures.structure import Structure, read_structure

__all__ = ["check_figures", "check_relations"]


def check_relations(doc: Document, figures: list[Figure] | None = None) -> CheckResult:
    """Every checkable relation in the document: the issues and the list of what was checked."""
    if figures is None:
        figures = extract_figures(doc)
    structure = getattr(figures, "structure", None)
    if not isinstance(structure, Structure):
        structure = read_structure(doc, figures)
    out = CheckResult()
    for b in structure.breakdowns:
        check_breakdown(doc, figures, b, out)
    for q in structure.ratios:
        check_ratio(doc, figures, q, out)
    check_correction_rates(doc, figures, out)
    for c in structure.changes:
        check_change(doc, figures, c, out)
    check_tables(doc, out)  # 合计 rows and columns of statistics tables
    check_table_rates(doc, out)  # 占比 and 率 columns of statistics tables
    _dedupe(out)
    out.issues.sort(key=lambda i: i.line)
    out.checked.sort(key=lambda c: c.line)
    return out


def _dedupe(out: CheckResult) -> None:
    """One finding per passage and value: a relation read two ways is reported once."""
    seen: set[tuple[int, str, float, float]] = set()
    issues = []
    for i in out.issues:
        key = (i.line, i.kind, round(i.stated, 6), round(i.expected, 6))
        if key not in seen:
            seen.add(key)
            issues.append(i)
    out.issues = issues


def check_figures(doc: Document, figures: list[Figure] | None = None) -> list[FigureIssue]:
    """The figure issues a reviewer should see (errors and warnings), in line order."""
    return check_relations(doc, figures).issues
