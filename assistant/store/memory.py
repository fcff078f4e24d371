"""Hybrid retrieval over a few hundred passages held in memory: two reports compared side by side.

The same machinery as the store — BM25 over jieba tokens with the domain dictionary (keyword.KeywordIndex),
the configured embedder's passage and query vectors, reciprocal-rank fusion — without a Chroma collection:
comparing this year's report with last year's needs neither persistence nor a server. Each hit keeps its
raw cosine and BM25 score besides the fused one, because ranks only order candidates; whether the best
one is a match at all is an absolute question, decided on those raw scores by the caller.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np

from assistant.store.embeddings import Embedder, get_embedder
from assistant.store.fusion import rrf_fuse
from assistant.store.keyword import KeywordIndex, tokenize
from assistant.store.store import normalize_query

__all__ = ["MemoryHit", "MemoryIndex"]


@dataclass
class MemoryHit:
    index: int  # position of the passage in the list the index was built from
    fused: float  # reciprocal-rank fusion score
    cosine: float  # dense similarity of query and passage (e5 query/passage vectors)
    bm25: float  # BM25 score of the passage for the query (0 when no query term occurs in it)
    overlap: float  # share of the query's distinct terms that occur in the passage


class MemoryIndex:
    """Passages indexed once (vectors embedded in batches, tokens counted), then searched by hybrid ranking."""

    def __init__(self, passages: list[str], embedder: Embedder | None = None) -> None:
        self.passages = [normalize_query(p) for p in passages]
        self.embedder = embedder or get_embedder()
        self.keyword = KeywordIndex(Path("<memory>"))  # never saved: the directory is not touched
        self.keyword.add((str(i), text, {}) for i, text in enumerate(self.passages))
        self.terms = [set(tokenize(text)) for text in self.passages]
        self.vectors = (
            self.embedder.embed_passages(self.passages)
            if self.passages
            else np.zeros((0, self.embedder.dim), dtype=np.float32)
        )

    def __len__(self) -> int:
        return len(self.passages)

    def search(self, query: str, k: int = 5) -> list[MemoryHit]:
        """The k best passages for `query`, fused from the dense and the BM25 ranking, with their raw scores."""
        return self.search_many([query], k)[0]

    def search_many(self, queries: list[str], k: int = 5) -> list[list[MemoryHit]]:
        """`search` for each query, the query vectors embedded in one batch."""
        normalised = [normalize_query(q) for q in queries]
        wanted = [q for q in normalised if q]
        if not wanted or not self.passages:
            return [[] for _ in queries]
        vectors = dict(zip(wanted, self.embedder.embed_queries(wanted)))
        return [self._search(q, vectors[q], k) if q else [] for q in normalised]

    def _search(self, q: str, vector: np.ndarray, k: int) -> list[MemoryHit]:
        n = min(len(self.passages), max(50, 4 * k))
        cosines = self.vectors @ vector
        order = np.argsort(-cosines)[:n]
        dense = [(int(i), float(cosines[i])) for i in order]
        q_terms = tokenize(q)
        sparse = [(int(cid), score) for cid, score in self.keyword.search(q, n, tokens=q_terms)]
        bm25 = dict(sparse)
        wanted = set(q_terms)
        out = []
        for i, fused in rrf_fuse(dense, sparse)[:k]:
            overlap = len(wanted & self.terms[i]) / len(wanted) if wanted else 0.0
            out.append(MemoryHit(i, fused, float(cosines[i]), bm25.get(i, 0.0), overlap))
        return out
