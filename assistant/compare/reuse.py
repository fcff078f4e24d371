"""Reuse: how much of this year's report is last year's text, and which passages.

A sentence of this year's report (≥ MIN_CHARS once normalised) counts as reused when it stands anywhere
in last year's report. Normalised means simplified script, half-width, without spaces and punctuation,
and every digit read as one symbol: a report copied with its years and counts updated is still copied,
which is what a reviewer asks about. Consecutive reused sentences make one passage.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from assistant.compare.model import ReusedPassage
from assistant.documents import Document

__all__ = ["MIN_CHARS", "Sentence", "reuse", "sentences", "squash"]

MIN_CHARS = 20
MAX_PASSAGES = 20
_SENTENCE_END = re.compile(r"(?<=[。！？!?；;])")
_NOISE = re.compile(r"[\s\W_]+", re.UNICODE)
_DIGITS = re.compile(r"\d")


@dataclass
class Sentence:
    line: int
    text: str  # normalised line text (Document line text), as written in that line
    key: str  # squashed form compared between the reports


def squash(text: str) -> str:
    """The form two reports' sentences are compared in: no spaces or punctuation, every digit as 0."""
    return _DIGITS.sub("0", _NOISE.sub("", text))


def sentences(doc: Document, lines: set[int] | None = None) -> list[Sentence]:
    """Sentences of the document (of `lines` only, when given), cut at 。！？；."""
    out = []
    for ln in doc.lines:
        if lines is not None and ln.no not in lines:
            continue
        for part in _SENTENCE_END.split(ln.text):
            part = part.strip()
            if part:
                out.append(Sentence(ln.no, part, squash(part)))
    return out


def _squashed_text(doc: Document) -> tuple[str, list[int], list[int]]:
    """Last year's report squashed into one string, with each line's start offset in it."""
    parts, starts, numbers = [], [], []
    pos = 0
    for ln in doc.lines:
        key = squash(ln.text)
        starts.append(pos)
        numbers.append(ln.no)
        parts.append(key)
        pos += len(key) + 1
    return "\n".join(parts), starts, numbers


def reuse(this: Document, last: Document) -> tuple[float, int, int, list[ReusedPassage]]:
    """(share of this year's long sentences found in last year's report, their count, how many were found,
    the reused passages longest first)."""
    haystack, starts, numbers = _squashed_text(last)
    long = [s for s in sentences(this) if len(s.key) >= MIN_CHARS]
    found: list[tuple[Sentence, int | None]] = []
    for s in long:
        at = haystack.find(s.key)
        if at >= 0:
            found.append((s, numbers[bisect.bisect_right(starts, at) - 1]))
    passages: list[ReusedPassage] = []
    run: list[tuple[Sentence, int | None]] = []
    reused = {id(s) for s, _ in found}
    where = dict((id(s), line) for s, line in found)

    def close() -> None:
        if run:
            text = "".join(s.text for s, _ in run)
            passages.append(ReusedPassage(text, run[0][0].line, run[0][1], sum(len(s.key) for s, _ in run)))
            run.clear()

    for s in long:
        if id(s) in reused:
            run.append((s, where[id(s)]))
        else:
            close()
    close()
    passages.sort(key=lambda p: -p.chars)
    share = len(found) / len(long) if long else 0.0
    return share, len(long), len(found), passages[:MAX_PASSAGES]
