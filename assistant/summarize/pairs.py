"""Consecutive years of one issuer in a batch: how much of each report is last year's text (照搬上年).

A folder of a district's reports over several years is the common batch; the reviewer's first question
about the later ones is whether they were written anew. Pairs are the same issuer in years N−1 and N;
the share is compare.reuse's (sentences of 20+ characters, digits not counted) and needs both texts, so
the two files are read again once the batch is done.
"""

from __future__ import annotations

from pathlib import Path

from assistant.compare import reuse
from assistant.documents import load_document
from assistant.errors import FazhiError
from assistant.summarize.model import ReportSummary

__all__ = ["mark_reuse"]


def mark_reuse(rows: list[ReportSummary]) -> None:
    """Set previous_file and previous_reused_share on each row whose issuer has a report of the year before."""
    by_key: dict[tuple[str, int], ReportSummary] = {}
    for row in rows:
        row.previous_file, row.previous_reused_share = None, None
        if row.ok and row.issuer and row.year:  # a near copy dated a year later is the case in point
            by_key.setdefault((row.issuer, row.year), row)
    for (issuer, year), row in by_key.items():
        last = by_key.get((issuer, year - 1))
        if last is None:
            continue
        try:
            share = reuse(load_document(Path(row.file)), load_document(Path(last.file)))[0]
        except FazhiError:
            continue  # a file changed or went away since it was summarised: no share rather than a wrong one
        row.previous_file, row.previous_reused_share = last.file, round(share, 4)
