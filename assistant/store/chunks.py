"""Chunks: the retrievable pieces of a document, cut along its outline.

A drafter asks for "the 行政复议 paragraph of a county report", so a chunk is one lowest-level section
(or the intro text of a section with subsections), split at sentence ends only when it is longer than
~600 characters. A chunk never cuts a sentence or a figure, and carries everything a citation needs:
the heading path, the document's metadata, the original-text span and the figures it states.
"""

from __future__ import annotations

import hashlib
import math
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from assistant.documents import Document, OutlineNode
from assistant.figures import Figure, extract_figures

TARGET_CHARS = 600
MIN_CHARS = 80  # shorter runs (bare headings) join the following subsection
MAX_SENTENCE_CHARS = 900  # longer "sentences" (tables, run-on lists) are cut at ；then ，
EMBED_LEAD_CHARS = 128  # how much of a chunk's text its dense vector sees (see embed_text)
PASSAGE_RECIPE = f"heading+lead{EMBED_LEAD_CHARS}"  # stored with the collection: vectors differ per recipe
HEADING_SEP = " > "
_SENTENCE_END = re.compile(r"[。！？!?]+[”’」』)）]*")
_CLAUSE_END = re.compile(r"[；;]+|[，,、]+")
_LEAD_END = re.compile(r"[。！？!?；;]+[”’」』)）]*")
KINDS = ("report", "policy")


@dataclass
class Chunk:
    id: str
    text: str  # normalised text (simplified, parse-friendly) — what the drafter reads
    source: str  # document path
    heading_path: list[str]  # "一、主要举措和成效", "（三）完善行政决策程序"
    meta: dict[str, Any]  # document meta + kind, title, file, line_start/end, quote (original text)
    span: tuple[int, int]  # [start, end) offsets in Document.original
    figures: list[dict[str, Any]] = field(default_factory=list)

    @property
    def heading(self) -> str:
        return HEADING_SEP.join(self.heading_path)


def index_text(title: str | None, heading_path: list[str], text: str) -> str:
    """What BM25 sees: title and heading path give a split-off part its context."""
    head = HEADING_SEP.join(heading_path)
    prefix = " | ".join(p for p in (title or "", head) if p)
    return f"{prefix}\n{text}" if prefix else text


def chunk_index_text(chunk: Chunk) -> str:
    return index_text(chunk.meta.get("title"), chunk.heading_path, chunk.text)


def lead(text: str, limit: int = EMBED_LEAD_CHARS) -> str:
    """The opening of `text` up to `limit` characters, ending at a sentence or clause end when one
    falls in the second half (a cut mid-phrase adds noise tokens and no topic)."""
    if len(text) <= limit:
        return text
    head = text[:limit]
    ends = [m.end() for m in _LEAD_END.finditer(head)]
    return head[: ends[-1]] if ends and ends[-1] >= limit // 2 else head


def embed_text(chunk: Chunk) -> str:
    """What the dense vector sees: the heading path and the lead of the text, not all of it.

    e5 mean-pools its tokens, so the figures and lists filling a 600-character passage average its
    topic away, while a 公文 section states its point in the heading and first sentence (总—分). The
    document title is left to BM25: shared by every chunk of a report, it pulls them together in
    vector space. BM25 still indexes every character. Chosen on eval/retrieval/dev_queries.yaml
    (bench/README.md): dense recall@5 there 0.85 with the title, 0.89 without; embedding, 85% of
    ingest, is ~4× faster than for whole passages.
    """
    return index_text(None, chunk.heading_path, lead(chunk.text))


def _owners(doc: Document) -> dict[int, OutlineNode]:
    """Original line number → deepest outline node containing it (children paint over parents)."""
    owner: dict[int, OutlineNode] = {}

    def paint(nodes: list[OutlineNode]) -> None:
        for node in nodes:
            for no in range(node.line, node.end_line + 1):
                owner[no] = node
            paint(node.children)

    paint(doc.outline)
    return owner


def _segments(doc: Document) -> list[tuple[int, list[Any]]]:
    """Runs of consecutive kept lines owned by the same (deepest) section, as (path line, lines).

    A run that is little more than a heading ("一、主要举措和成效" before its subsections) is merged
    into the next run when that run is inside it, so no chunk is a bare heading.
    """
    owner = _owners(doc)
    runs: list[tuple[int, list[Any], Any]] = []
    last: object = object()
    for line in doc.lines:
        node = owner.get(line.no)
        if not line.text.strip():
            continue
        if runs and node is last:
            runs[-1][1].append(line)
        else:
            runs.append((line.no, [line], node))
            last = node
    merged: list[tuple[int, list[Any]]] = []
    carry: list[Any] = []
    for i, (path_line, lines, node) in enumerate(runs):
        lines = carry + lines
        carry = []
        nxt = runs[i + 1] if i + 1 < len(runs) else None
        if (
            nxt is not None
            and node is not None
            and sum(len(ln.text) for ln in lines) < MIN_CHARS
            and node.line <= nxt[0] <= node.end_line
        ):
            carry = lines
            continue
        merged.append((path_line, lines))
    return merged


def _units(lines: list[Any], protected: list[tuple[int, int]]) -> list[tuple[int, int, int]]:
    """Sentence units as (line index, start, end) in Line.text; never split inside a figure."""

    def inside_figure(line, pos: int) -> bool:
        off = line.start + pos
        return any(s < off < e for s, e in protected)

    units: list[tuple[int, int, int]] = []
    for li, line in enumerate(lines):
        text = line.text
        cuts = [m.end() for m in _SENTENCE_END.finditer(text) if not inside_figure(line, m.end())]
        start = 0
        for cut in [*cuts, len(text)]:
            if cut <= start:
                continue
            if cut - start > MAX_SENTENCE_CHARS:
                units.extend(_split_long(li, line, start, cut, inside_figure))
            else:
                units.append((li, start, cut))
            start = cut
    return units


def _split_long(li: int, line, start: int, end: int, inside_figure) -> list[tuple[int, int, int]]:
    """A run-on "sentence" over MAX_SENTENCE_CHARS: cut at clause punctuation near the target size."""
    out = []
    clause_ends = [m.end() for m in _CLAUSE_END.finditer(line.text, start, end) if not inside_figure(line, m.end())]
    pos = start
    for cut in clause_ends:
        if cut - pos >= TARGET_CHARS and end - cut > TARGET_CHARS // 4:
            out.append((li, pos, cut))
            pos = cut
    out.append((li, pos, end))
    return out


def _pack(units: list[tuple[int, int, int]], total: int) -> list[list[tuple[int, int, int]]]:
    """Greedy packing towards equal parts of ~TARGET_CHARS; a part holds whole sentences."""
    if total <= TARGET_CHARS * 1.15:
        return [units]
    target = total / math.ceil(total / TARGET_CHARS)
    parts: list[list[Any]] = [[]]
    size = 0
    for u in units:
        n = u[2] - u[1]
        if parts[-1] and size + n > target * 1.1 and size >= target * 0.4:
            parts.append([])
            size = 0
        parts[-1].append(u)
        size += n
    return parts


class _OriginalIndex:
    """Maps (line number, offset in Line.text) to an offset in Document.original."""

    def __init__(self, doc: Document) -> None:
        self.original = doc.original
        self.starts: list[int] = [0]
        for m in re.finditer("\n", doc.original):
            self.starts.append(m.end())

    def offset(self, line, pos: int) -> int:
        idx = line.no - 1
        if idx >= len(self.starts):
            return len(self.original)
        base = self.starts[idx]
        raw = line.original.rstrip("\r\n")
        lead = len(raw) - len(raw.lstrip())
        body = raw.strip()
        if len(body) == len(line.text) or not line.text:
            return base + lead + min(pos, len(body))
        return base + lead + round(pos * len(body) / len(line.text))


def _quote(part: list[tuple[int, int, int]], run: list[Any], orig: _OriginalIndex) -> str:
    """The original wording of the kept lines (boilerplate lines inside the span are left out)."""
    pieces: dict[int, list[int]] = {}
    for li, s, e in part:
        lo_hi = pieces.setdefault(li, [s, e])
        lo_hi[0], lo_hi[1] = min(lo_hi[0], s), max(lo_hi[1], e)
    out = []
    for li, (s, e) in pieces.items():
        a, b = orig.offset(run[li], s), orig.offset(run[li], e)
        out.append(orig.original[a:b].strip())
    return "\n".join(out)


def _figures_of(doc: Document) -> list[Figure]:
    try:
        return list(extract_figures(doc))
    except Exception:
        return []


def _figure_dict(f: Figure) -> dict[str, Any]:
    return {
        "text": f.text,
        "value": f.value,
        "unit": f.unit,
        "label": f.label,
        "kind": f.kind,
        "line": f.line,
        "approx": f.approx,
    }


def _doc_meta(doc: Document, kind: str) -> dict[str, Any]:
    m = doc.meta
    meta = {
        "title": m.title,
        "issuer": m.issuer,
        "level": m.level,
        "year": m.year,
        "date": m.date,
        "doc_type": m.doc_type,
        "script": m.script,
        "kind": kind,
        "file": Path(doc.path).name if doc.path != "<text>" else "<text>",
    }
    return {k: v for k, v in meta.items() if v is not None}


def chunk_document(doc: Document, kind: str = "report") -> list[Chunk]:
    """Cut `doc` into outline-following chunks (see module docstring)."""
    figures = _figures_of(doc)
    protected = [(f.start, f.end) for f in figures]
    orig = _OriginalIndex(doc)
    base_meta = _doc_meta(doc, kind)
    chunks: list[Chunk] = []
    seen: dict[str, int] = {}
    for path_line, run in _segments(doc):
        heading_path = doc.section_path(path_line)
        units = _units(run, protected)
        total = sum(e - s for _, s, e in units)
        for part in _pack(units, total):
            if not part:
                continue
            pieces: list[str] = []
            prev_line = None
            for li, s, e in part:
                piece = run[li].text[s:e]
                if prev_line is not None and li != prev_line:
                    pieces.append("\n")
                pieces.append(piece)
                prev_line = li
            text = "".join(pieces).strip()
            if not text:
                continue
            first, last = part[0], part[-1]
            t_start = run[first[0]].start + first[1]
            t_end = run[last[0]].start + last[2]
            span = (orig.offset(run[first[0]], first[1]), orig.offset(run[last[0]], last[2]))
            quote = _quote(part, run, orig)
            # the id changes exactly when what gets embedded changes (title, headings or text)
            key = f"{doc.path}\x00{index_text(base_meta.get('title'), heading_path, text)}"
            dup = seen.get(key, 0)
            seen[key] = dup + 1
            cid = hashlib.sha1(f"{key}\x00{dup}".encode()).hexdigest()[:24]
            meta = dict(base_meta)
            meta.update(
                {
                    "line_start": run[first[0]].no,
                    "line_end": run[last[0]].no,
                    "section": HEADING_SEP.join(heading_path),
                    "quote": quote,
                }
            )
            figs = [_figure_dict(f) for f in figures if t_start <= f.start < t_end]
            chunks.append(
                Chunk(
                    id=cid,
                    text=text,
                    source=doc.path,
                    heading_path=list(heading_path),
                    meta=meta,
                    span=span,
                    figures=figs,
                )
            )
    return chunks
