"""Plain data the store hands out: search hits, filters and ingest summaries."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class Hit:
    text: str  # normalised (simplified) chunk text
    source: str  # document path
    heading_path: list[str]
    score: float  # RRF score (hybrid), cosine similarity (dense) or BM25 score (keyword)
    meta: dict[str, Any]  # title, issuer, level, year, doc_type, kind, file, line_start/end, quote, figures
    span: tuple[int, int]  # [start, end) in the source's original text

    @property
    def heading(self) -> str:
        return " > ".join(self.heading_path)

    @property
    def quote(self) -> str:
        """The original wording (traditional script kept) for a citation."""
        return self.meta.get("quote") or self.text

    def citation(self) -> str:
        """「file」heading（第 a–b 行） — how drafts and chat cite a hit."""
        name = self.meta.get("title") or self.meta.get("file") or self.source
        where = f"第{self.meta['line_start']}–{self.meta['line_end']}行" if "line_start" in self.meta else ""
        parts = [f"《{name}》", self.heading, where]
        return " ".join(p for p in parts if p)


@dataclass
class SearchFilters:
    year_from: int | None = None
    year_to: int | None = None
    level: list[str] | None = None
    doc_type: list[str] | None = None
    kind: list[str] | None = None
    issuer: str | None = None  # substring of the issuer, e.g. "澄海"

    def is_empty(self) -> bool:
        return not (self.year_from or self.year_to or self.level or self.doc_type or self.kind or self.issuer)

    def chroma_where(self) -> dict[str, Any] | None:
        """The part Chroma can filter itself (issuer substrings are applied afterwards)."""
        clauses: list[dict[str, Any]] = []
        if self.year_from:
            clauses.append({"year": {"$gte": int(self.year_from)}})
        if self.year_to:
            clauses.append({"year": {"$lte": int(self.year_to)}})
        for key in ("level", "doc_type", "kind"):
            values = getattr(self, key)
            if values:
                clauses.append({key: {"$in": list(values)}})
        if not clauses:
            return None
        return clauses[0] if len(clauses) == 1 else {"$and": clauses}

    def accepts(self, meta: dict[str, Any]) -> bool:
        year = meta.get("year")
        if self.year_from and (not isinstance(year, int) or year < self.year_from):
            return False
        if self.year_to and (not isinstance(year, int) or year > self.year_to):
            return False
        for key in ("level", "doc_type", "kind"):
            values = getattr(self, key)
            if values and meta.get(key) not in values:
                return False
        return not self.issuer or self.issuer in (meta.get("issuer") or "") + (meta.get("title") or "")


@dataclass
class IngestSummary:
    files: int = 0  # files looked at
    added: int = 0  # files newly ingested
    updated: int = 0  # files whose content changed and were replaced
    skipped: int = 0  # unchanged files
    failed: list[tuple[str, str]] = field(default_factory=list)  # (path, Chinese reason)
    chunks: int = 0  # chunks written (new or changed)
    embedded: int = 0  # chunks actually sent to the embedding model
    chars: int = 0  # characters of the documents processed
    seconds: float = 0.0
    timings: dict[str, float] = field(default_factory=dict)  # parse / chunk / embed / write / keyword

    def to_dict(self) -> dict[str, Any]:
        return {
            "files": self.files,
            "added": self.added,
            "updated": self.updated,
            "skipped": self.skipped,
            "failed": [{"path": p, "reason": r} for p, r in self.failed],
            "chunks": self.chunks,
            "embedded": self.embedded,
            "chars": self.chars,
            "seconds": round(self.seconds, 3),
            "timings": {k: round(v, 3) for k, v in self.timings.items()},
        }
