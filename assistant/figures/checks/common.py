"""What every check shares: tolerances at the written precision, amounts quoted as written, passages."""

from __future__ import annotations

from bisect import bisect_left

from assistant.documents import Document, Line
from assistant.figures.model import Figure
from assistant.vocabulary import fmt_number

__all__ = ["EPS", "amount", "apart", "roles", "scale", "span_text", "tolerance"]

EPS = 1e-9


def scale(f: Figure) -> tuple[float, str]:
    """856.3万元 is quoted back as 856.3万元, not 8563000元."""
    for ch, factor in (("万亿", 1e12), ("亿", 1e8), ("万", 1e4)):
        if ch in f.text and f.unit and ch not in f.unit:
            return factor, ch
    return 1.0, ""


def amount(f: Figure) -> str:
    k, w = scale(f)
    return f"{fmt_number(f.value / k)}{w}{f.unit}"


def tolerance(f: Figure) -> float:
    return 0.0 if f.exact else f.precision


def span_text(doc: Document, first: Figure, last: Figure, limit: int = 120) -> str:
    """The checked passage as written in the original (traditional stays traditional) where lines align."""
    start = first.start
    floor = max(first.sentence_start, first.start - 40)
    while start > floor and doc.text[start - 1] not in "，,；;。:：()（）\n":
        start -= 1
    end = max(last.end, first.end)
    text = doc.text[start:end]
    if first.line == last.line:
        line = _line(doc, first.line)
        if line is not None:
            original = line.original.strip()
            if len(original) == len(line.text):
                text = original[start - line.start : end - line.start]
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _line(doc: Document, no: int) -> Line | None:
    """The kept line numbered `no` (lines are in order, so a bisect finds it)."""
    i = bisect_left(doc.lines, no, key=lambda ln: ln.no)
    return doc.lines[i] if i < len(doc.lines) and doc.lines[i].no == no else None


def roles(*pairs: tuple[str, Figure]) -> list[dict[str, object]]:
    """The figures of a checked relation, for `fazhi figures --json`: what was verified, with what."""
    return [{"role": role, "text": f.text, "value": f.value, "line": f.line} for role, f in pairs]


def apart(*figs: Figure) -> tuple[str, str]:
    """A relation read across paragraphs (a share of a GDP stated lines before, a target against last year's
    figure) may compare different years or scopes: a prompt to check, not an error."""
    lines = sorted({f.line for f in figs})
    if len(lines) == 1:
        return "error", ""
    return "warning", f"（数字分处第{'、'.join(map(str, lines))}行，请核对年份和口径）"
