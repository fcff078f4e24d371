"""The Document every analyser reads: original text for citations, normalised lines, outline, metadata.

Pipeline: load (loading) → simplify + unify width per line, drop boilerplate with reasons
(normalize) → heading tree (outline) → metadata (meta).
Line numbers are always 1-based lines of the decoded original, so a citation can quote it exactly.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from assistant.documents.loading import read_document_text
from assistant.documents.meta import Meta, detect_meta, meta_to_json, page_fields
from assistant.documents.normalize import clean_line, count_converted, find_boilerplate, to_simplified
from assistant.documents.outline import OutlineNode, format_heading, iter_nodes, parse_outline
from assistant.errors import EmptyDocumentError, InputError

_CJK = re.compile(r"[\u4e00-\u9fff]")

__all__ = ["Document", "Line", "Meta", "OutlineNode", "RemovedLine", "load_document", "parse_text", "to_json"]


MAX_LINES = 300_000


@dataclass(slots=True)
class RemovedLine:
    line: int
    text: str
    reason: str


@dataclass(slots=True)
class Line:
    no: int
    original: str
    text: str
    start: int


@dataclass
class Document:
    path: str
    encoding: str
    original: str
    lines: list[Line]
    removed_lines: list[RemovedLine]
    text: str
    outline: list[OutlineNode]
    meta: Meta
    _starts: list[int] = field(default_factory=list, repr=False, compare=False)
    _original_lines: list[str] | None = field(default=None, repr=False, compare=False)
    _numbers: list[int] = field(default_factory=list, repr=False, compare=False)

    def line_at(self, offset: int) -> int:
        """Offset in .text → 1-based original line number."""
        if not self.lines:
            return 1
        if not self._starts:
            self._starts = [ln.start for ln in self.lines]
        i = bisect.bisect_right(self._starts, max(0, offset)) - 1
        return self.lines[max(0, i)].no

    def original_line(self, no: int) -> str:
        """The original (decoded) text of line `no`; "" outside the file."""
        if self._original_lines is None:
            self._original_lines = self.original.split("\n")
        if 1 <= no <= len(self._original_lines):
            return self._original_lines[no - 1].rstrip("\r")
        return ""

    def section_path(self, line: int) -> list[str]:
        """Headings enclosing `line`, outermost first, e.g. ["一、主要举措和成效", "（三）完善行政决策程序"]."""
        path: list[str] = []
        nodes = self.outline
        while nodes:
            for node in nodes:
                if node.line <= line <= node.end_line:
                    path.append(format_heading(node.kind, node.number, node.heading))
                    nodes = node.children
                    break
            else:
                break
        return path

    def section_text(self, node: OutlineNode) -> str:
        """Normalised text of the section, heading line included."""
        if not self._numbers:
            self._numbers = [ln.no for ln in self.lines]
        lo = bisect.bisect_left(self._numbers, node.line)
        hi = bisect.bisect_right(self._numbers, node.end_line)
        return "\n".join(ln.text for ln in self.lines[lo:hi])

    def headings(self) -> list[OutlineNode]:
        """All outline nodes, depth first in document order."""
        return list(iter_nodes(self.outline))


def load_document(path: str | Path) -> Document:
    """The whole pipeline for a file. Raises FazhiError subclasses for unusable input."""
    text, encoding = read_document_text(path)
    doc = parse_text(text, path=str(path), encoding=encoding)
    return doc


def parse_text(original: str, path: str = "<text>", encoding: str = "utf-8") -> Document:
    """The pipeline for a string (chat messages, drafts, tests)."""
    original = original.replace("\r\n", "\n").replace("\r", "\n")
    if original.startswith("\ufeff"):
        original = original[1:]
    n_lines = original.count("\n") + 1
    if n_lines > MAX_LINES:
        raise InputError(
            f"{Path(path).name if path != '<text>' else '文本'} 有 {n_lines:,} 行，"
            f"超过上限 {MAX_LINES:,} 行，不像是一份报告"
        )
    simplified = to_simplified(original)
    raw_lines = original.split("\n")
    simple_lines = simplified.split("\n")
    cleaned = [clean_line(s) for s in simple_lines]
    reasons = find_boilerplate(cleaned)
    lines: list[Line] = []
    removed: list[RemovedLine] = []
    offset = 0
    for i, (raw, clean) in enumerate(zip(raw_lines, cleaned)):
        if not clean:
            continue
        reason = reasons.get(i)
        if reason:
            removed.append(RemovedLine(i + 1, raw.strip(), reason))
            continue
        lines.append(Line(i + 1, raw, clean, offset))
        offset += len(clean) + 1
    name = Path(path).name if path != "<text>" else "文本"
    if not lines:
        if removed:
            raise EmptyDocumentError(f"{name} 只有网页导航、页脚等无关内容，没有正文")
        raise EmptyDocumentError(f"{name} 没有文字内容")
    text = "\n".join(ln.text for ln in lines)
    outline = parse_outline(lines)
    fields = page_fields([cleaned[r.line - 1] for r in removed if r.reason == "web_chrome"])
    meta = detect_meta(lines, script=_script(original, simplified), path=path, fields=fields)
    return Document(
        path=str(path),
        encoding=encoding,
        original=original,
        lines=lines,
        removed_lines=removed,
        text=text,
        outline=outline,
        meta=meta,
    )


def _script(original: str, simplified: str) -> str:
    changed = count_converted(original, simplified)
    cjk = len(_CJK.findall(simplified[:50_000]))
    return "traditional" if changed >= 20 and changed > 0.05 * max(cjk, 1) else "simplified"


def to_json(doc: Document) -> dict[str, Any]:
    """The `fazhi parse --json` object."""
    return {
        "file": doc.path,
        "encoding": doc.encoding,
        "meta": meta_to_json(doc.meta),
        "outline": [_node_json(n) for n in doc.outline],
        "removed_lines": [{"line": r.line, "text": r.text, "reason": r.reason} for r in doc.removed_lines],
    }


def _node_json(node: OutlineNode) -> dict[str, Any]:
    return {
        "level": node.level,
        "number": node.number,
        "heading": node.heading,
        "line": node.line,
        "kind": node.kind,
        "end_line": node.end_line,
        "children": [_node_json(c) for c in node.children],
    }
