"""Word comments (批注) anchored on the exact words of a paragraph, leaving its text and formatting as they were.

A comment's range must start and end on run boundaries (python-docx's `add_comment`), but the words a
finding is about usually sit inside a run. The run is split there: the copy keeps the run's properties
(rPr) and the text is cut between the two, so the paragraph reads and looks the same. Images, fields and
other zero-width content stay in the first part, so nothing is duplicated. Tracked insertions and deletions
are not part of the paragraph's text (python-docx and our loader read the text without them) and are left
alone; a quote that cannot be found exactly is anchored on the whole paragraph.
"""

from __future__ import annotations

import copy
from typing import Any

from assistant.documents import clean_line, to_simplified

__all__ = ["add_anchored_comment", "find_span", "text_runs"]

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
_ONE_CHAR = {"tab": "\t", "br": "\n", "cr": "\n", "noBreakHyphen": "-", "ptab": "\t"}


def _piece_len(el: Any) -> int:
    """Characters this run child adds to the paragraph's text (python-docx's reading)."""
    tag = el.tag.rsplit("}", 1)[-1]
    if tag == "t":
        return len(el.text or "")
    return 1 if tag in _ONE_CHAR else 0


def text_runs(paragraph: Any) -> list[Any]:
    """The w:r elements whose text makes up paragraph.text, in order (runs inside hyperlinks included)."""
    return list(paragraph._p.xpath("./w:r | ./w:hyperlink/w:r"))


def _run_len(r: Any) -> int:
    return sum(_piece_len(el) for el in r if el.tag != _W + "rPr")


def _keep(r: Any, lo: int, hi: int | None) -> None:
    """Cut run `r` down to its characters [lo, hi) (hi None: to the end). Zero-width content (an image, a
    field) at the cut stays with the first part (hi given), so nothing is duplicated or lost."""
    pos = 0
    for el in list(r):
        if el.tag == _W + "rPr":
            continue
        n = _piece_len(el)
        end = pos + n
        if n == 0:
            if not (pos <= hi if hi is not None else pos > lo):
                r.remove(el)
        else:
            a, b = max(pos, lo), min(end, hi if hi is not None else end)
            if a >= b:
                r.remove(el)
            elif el.tag == _W + "t" and (a, b) != (pos, end):
                el.text = (el.text or "")[a - pos : b - pos]
                el.set(_SPACE, "preserve")
        pos = end


def _split(r: Any, k: int) -> Any:
    """Split run `r` at character k (0 < k < its length); returns the second part, placed right after it."""
    second = copy.deepcopy(r)
    _keep(r, 0, k)
    _keep(second, k, None)
    r.addnext(second)
    return second


def _runs_for(paragraph: Any, start: int, end: int) -> list[Any]:
    """The runs covering paragraph.text[start:end], split so the range falls on run boundaries."""
    pos = 0
    for r in text_runs(paragraph):
        n = _run_len(r)
        if pos < start < pos + n:
            _split(r, start - pos)
            break
        pos += n
    pos, out = 0, []
    for r in text_runs(paragraph):
        n = _run_len(r)
        if pos < end < pos + n:
            _split(r, end - pos)
            n = end - pos
        if n and pos >= start and pos + n <= end:
            out.append(r)
        pos += n
        if pos >= end:
            break
    return out


def find_span(text: str, quote: str) -> tuple[int, int] | None:
    """Where `quote` stands in `text`: as written, or as both read once normalised (simplified script,
    half-width digits) when normalising keeps the text's length; a quote cut with "…" matches its start."""
    quote = quote.strip().rstrip("…").strip()
    if len(quote) < 2:
        return None
    i = text.find(quote)
    if i >= 0:
        return i, i + len(quote)
    lead = len(text) - len(text.lstrip())
    norm, norm_quote = clean_line(to_simplified(text)), clean_line(to_simplified(quote))
    if len(norm) == len(text.strip()) and norm_quote:
        i = norm.find(norm_quote)
        if i >= 0:
            return lead + i, lead + i + len(norm_quote)
    return None


def add_anchored_comment(
    document: Any, paragraphs: list[Any], quote: str | None, text: str, author: str, initials: str
) -> tuple[Any, bool]:
    """Add a comment on `quote` in the first of `paragraphs` that holds it, else on the whole first paragraph
    with text. Returns (the paragraph it is anchored on, whether the exact words were found)."""
    from docx.text.run import Run

    chosen, span = None, None
    if quote:
        for p in paragraphs:
            span = find_span(p.text, quote)
            if span:
                chosen = p
                break
    if chosen is None:
        chosen = next((p for p in paragraphs if p.text.strip()), paragraphs[0])
        span = None
    runs = _runs_for(chosen, *span) if span else [r for r in text_runs(chosen) if _run_len(r)]
    if not runs:  # an empty paragraph (or one of images only): an empty run carries the anchor
        runs = [chosen.add_run("")._r]
    document.add_comment([Run(r, chosen) for r in runs], text=text, author=author, initials=initials)
    return chosen, span is not None
