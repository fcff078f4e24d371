"""Rates and shares: a rate against the counts figures.structure tied to it, at the written precision.

The rate holds when any of its possible bases fits (收到300件，受理280件，办结252件，办结率84%: 252 of 300). A
share or rate read across paragraphs is a warning to check years and scope, not an error.
"""

from __future__ import annotations

from assistant.documents import Document
from assistant.figures.checks.common import amount, apart, roles, span_text, tolerance
from assistant.figures.model import CheckedRelation, CheckResult, Figure, FigureIssue
from assistant.figures.structure import Ratio
from assistant.vocabulary import EPS, fmt_number

__all__ = ["check_ratio"]


def _fits(num: Figure, den: Figure, rate: Figure) -> bool:
    lo = max(num.value - tolerance(num), 0) / (den.value + tolerance(den)) * 100
    hi = (num.value + tolerance(num)) / max(den.value - tolerance(den), EPS) * 100
    per = 10 if rate.kind == "permille" else 1
    r, p = rate.value / per, rate.precision / per
    return lo - p - 1e-6 <= r <= hi + p + 1e-6


def check_ratio(doc: Document, figures: list[Figure], q: Ratio, out: CheckResult) -> None:
    rate, num = figures[q.rate], figures[q.numerator]
    dens = [figures[d] for d in q.denominators if figures[d].value > 0]
    if not dens or rate.approx or num.approx:
        return
    fits = [d for d in dens if _fits(num, d, rate)]
    den = fits[0] if fits else dens[0]
    computed = num.value / den.value * 100
    first = min((den, num), key=lambda f: f.start)
    text = span_text(doc, first if first.line == rate.line else num, rate)
    found = roles(("numerator", num), ("denominator", den), ("rate", rate))
    out.checked.append(CheckedRelation("rate", rate.line, text, rate.value, round(computed, 2), bool(fits), found))
    if fits:
        return
    severity, where = apart(num, den, rate)
    if q.how == "占":
        message = (
            f"{num.label or '该项'}{amount(num)}占{den.label or '总数'}{amount(den)}的{computed:.1f}%，"
            f"与所写{fmt_number(rate.value)}{'‰' if rate.kind == 'permille' else '%'}不符，请核对。"
        )
    else:
        message = (
            f"{num.label}{amount(num)}÷{den.label}{amount(den)}={computed:.1f}%，"
            f"与所写{rate.label}{fmt_number(rate.value)}%不符，请核对。"
        )
    out.issues.append(
        FigureIssue("rate_mismatch", severity, rate.line, text, rate.value, round(computed, 2), message + where)
    )
