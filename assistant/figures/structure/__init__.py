"""The structural reading: which figures of a report the text relates, and how.

Reports state relations in a few grammatical shapes, whatever the subject: a total and its parts (其中,
brackets, 分别, complements, remainders, running totals, case stages), a share or rate beside its counts, and
a change between two values. This package finds those shapes from the words that mark them and where the
figures stand (statement, clause, bracket depth); figures.checks does the arithmetic. A shape it cannot read
unambiguously is not returned: a relation left out costs a reviewer less than a false alarm.
"""

from __future__ import annotations

from assistant.documents import Document
from assistant.figures.labels import label_core
from assistant.figures.model import Figure
from assistant.figures.structure.changes import changes, stated_changes, targets
from assistant.figures.structure.lists import brackets, qizhong, respectively, sequences
from assistant.figures.structure.model import Breakdown, Change, Ratio, Structure, bracket_depths, paragraphs
from assistant.figures.structure.ratios import rates, shares
from assistant.figures.structure.totals import (
    above,
    counted_headings,
    enumerated,
    parallel_changes,
    periods,
    running_totals,
    stock_then_new,
    subsets,
)

__all__ = ["Breakdown", "Change", "Ratio", "Structure", "bracket_depths", "link_parts", "read_structure"]


def read_structure(doc: Document, figures: list[Figure]) -> Structure:
    """Every relation the text states among `figures` (extract_figures order)."""
    out = Structure()
    paras = paragraphs(doc, figures)
    for k, p in enumerate(paras):
        if not p.figs:
            continue
        brackets(p, figures, out)
        qizhong(paras, k, figures, out)
        respectively(p, figures, out)
        taken = {i for b in out.breakdowns for i in b.parts}
        sequences(p, figures, out, taken)
        running_totals(p, figures, out, taken)
        subsets(p, figures, out, taken)
        stock_then_new(p, figures, out, taken)
        enumerated(p, figures, out)
        periods(p, figures, out)
        above(p, figures, out)
        changes(p, figures, out)
        stated_changes(paras, k, figures, out)
        targets(paras, k, figures, out)
    counted_headings(doc, figures, out)
    para_of = {i: p for p in paras for i in p.figs}
    for b in [b for b in out.breakdowns if b.exhaustive]:
        parallel_changes(para_of[b.total], figures, b, out)
    unique: dict[tuple[int, int, int], Change] = {}
    for c in out.changes:
        unique.setdefault((c.before, c.after, c.stated), c)
    out.changes = list(unique.values())
    total_of: dict[int, int] = {}
    for b in out.breakdowns:
        for i in b.parts:
            total_of.setdefault(i, b.total)
    for k, p in enumerate(paras):
        if p.figs:
            shares(paras, k, figures, out, total_of, doc.meta.level)
            rates(paras, k, figures, out, total_of)
    return out


def link_parts(doc: Document, figures: list[Figure]) -> Structure:
    """Set each part's total (part_of, total_start, link, parent) from the breakdowns the text states, and a
    named rate's numerator under its one base ("排查矛盾纠纷263件，调解成功257件，调解成功率97.7%": the 257 are
    of the 263), for the readers that follow the links (faithfulness, facts from reports)."""
    structure = read_structure(doc, figures)
    links = [(b.total, b.parts, b.how) for b in structure.breakdowns]
    links += [
        (q.denominators[0], [q.numerator], "率") for q in structure.ratios if q.how == "率" and len(q.denominators) == 1
    ]
    for t, parts, how in links:
        total = figures[t]
        core = label_core(total.label) if total.label else None
        for i in parts:
            f = figures[i]
            if f.part_of is None:
                f.part_of, f.total_start, f.link, f.parent = t, total.start, how, core
        if total.parent is None:
            total.parent = core
    return structure
