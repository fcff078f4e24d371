"""The reviewer's copy: the submitted document with one Word comment (批注) per finding, where it belongs.

A 司法局 reviewer works in Word and sends the unit its own file back with comments. Each figure problem
is anchored on the words it quotes; a missing item at the heading it should stand before (or after), or
at the document's start; a partial item on its heading; 纲要 coverage and the deadline on the title.
A .docx keeps everything it had (text, formatting, tables, numbering, images, tracked changes, earlier
comments) and gains only the comments; any other input becomes a plain .docx with one paragraph per line
of the file, so the line numbers the review cites are paragraph numbers.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from assistant.documents import Document, convert_to_docx, line_paragraphs, open_docx
from assistant.review.review import Review
from assistant.vocabulary import COVERAGE_NAMES, SEVERITY_NAMES, fmt_number
from assistant.word import add_anchored_comment, save_docx

__all__ = ["AUTHOR", "INITIALS", "Note", "annotate", "review_notes"]

AUTHOR = "fazhi 审查"
INITIALS = "FZ"


@dataclass
class Note:
    """One comment: the line it belongs on, the words to anchor it to (None: the whole paragraph), its text."""

    line: int
    quote: str | None
    text: str
    kind: str  # figure | item | coverage | timing | document


def _title_line(doc: Document) -> int:
    """The line holding the title (its first line when broken across two), else the first line."""
    title = doc.meta.title or ""
    for ln in doc.lines[:20]:
        if title and ln.text and (ln.text in title or title in ln.text):
            return ln.no
    return doc.lines[0].no


def _item_notes(r: Review, doc: Document) -> list[Note]:
    notes = []
    for k, v in enumerate(r.mandated):
        if not v.required or v.status == "present":
            continue
        if v.status == "partial" and v.line is not None:
            notes.append(Note(v.line, None, f"法定内容不完整：“{v.title}”。{v.reason}", "item"))
            continue
        later = next((w for w in r.mandated[k + 1 :] if w.line is not None), None)
        earlier = next((w for w in reversed(r.mandated[:k]) if w.line is not None), None)
        if later is not None and later.line is not None:
            where, line = f"应在“{later.heading or later.title}”之前单列", later.line
        elif earlier is not None and earlier.line is not None:
            where, line = f"应在“{earlier.heading or earlier.title}”部分之后单列", earlier.line
        else:
            where, line = "报告应单列此部分", _title_line(doc)
        status = "缺失" if v.status == "missing" else "不完整"
        notes.append(Note(line, None, f"法定内容{status}：“{v.title}”，{where}。{v.reason}", "item"))
    return notes


def _figure_text(issue: Any) -> str:
    severity = SEVERITY_NAMES.get(issue.severity, "提示")
    return (
        f"数字问题（{severity}）：原文“{issue.text}”，所写 {fmt_number(issue.stated)}，"
        f"按前后数字应为 {fmt_number(issue.expected)}。{issue.message}"
    )


def review_notes(r: Review, doc: Document) -> list[Note]:
    """Every finding of the review as a comment, in document order (title comments first)."""
    title = _title_line(doc)
    if not r.is_report:
        head = [Note(title, None, f"文件类型：{r.not_report_reason}", "document")]
        return head + [Note(i.line, i.text, _figure_text(i), "figure") for i in r.figure_issues]
    notes: list[Note] = []
    weak = [c for c in r.coverage if c.status != "covered"]
    if weak:
        parts = []
        for status in ("absent", "thin"):
            areas = [c for c in weak if c.status == status]
            if areas:
                said = "、".join(c.area + (f"（第{c.lines[0]}行）" if c.lines else "") for c in areas)
                parts.append(f"{COVERAGE_NAMES[status]}：{said}")
        notes.append(Note(title, None, f"纲要领域覆盖（{r.framework}）：" + "；".join(parts) + "。", "coverage"))
    if r.timing:
        said = "".join(f"【{SEVERITY_NAMES.get(t.severity, t.severity)}】{t.message}" for t in r.timing)
        notes.append(Note(title, None, "报送时间：" + said, "timing"))
    notes += _item_notes(r, doc)
    notes += [Note(i.line, i.text, _figure_text(i), "figure") for i in r.figure_issues]
    return sorted(notes, key=lambda n: (n.line != title, n.line))


def _plain_docx(doc: Document) -> Any:
    """A plain .docx with one paragraph per line of the original file (blank lines kept)."""
    from docx import Document as new_docx

    out = new_docx()
    for line in doc.original.split("\n"):
        out.add_paragraph(line.rstrip("\r"))
    return out


def _source_docx(doc: Document) -> tuple[Any, bool]:
    """(python-docx Document, whether it is the submitted Word file itself)."""
    path = Path(doc.path)
    if doc.encoding == "docx":
        return open_docx(path.read_bytes(), path.name), True
    if doc.encoding in ("doc", "rtf"):
        data = convert_to_docx(path, import_filter="MS Word 97" if doc.encoding == "doc" else None)
        return open_docx(data, path.name), True
    return _plain_docx(doc), False


def annotate(doc: Document, r: Review, out: Path | str) -> tuple[Path, int]:
    """Write the commented copy to `out` (.docx); returns its path and how many comments were anchored on the
    exact words they quote."""
    document, is_word = _source_docx(doc)
    if is_word:
        by_line = line_paragraphs(document)
    else:
        by_line = {i: [p] for i, p in enumerate(document.paragraphs, 1)}
    exact = 0
    for note in review_notes(r, doc):
        paragraphs = by_line.get(note.line) or by_line.get(_title_line(doc)) or document.paragraphs[:1]
        if not paragraphs:
            paragraphs = [document.add_paragraph()]
        _, found = add_anchored_comment(document, paragraphs, note.quote, note.text, AUTHOR, INITIALS)
        exact += found
    return save_docx(document, out), exact
