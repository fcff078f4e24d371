"""Reciprocal-rank fusion of a dense and a BM25 ranking: the one way hybrid search combines them.

Scores of the two lists are not comparable (cosine vs BM25), ranks are: each item earns 1/(RRF_K + rank)
from every list it is in. Equal fused scores go to the BM25 order, the stronger list on both query sets.
"""

from __future__ import annotations

from typing import TypeVar

__all__ = ["RRF_K", "rrf_fuse"]

RRF_K = 60
Key = TypeVar("Key")


def rrf_fuse(dense: list[tuple[Key, float]], sparse: list[tuple[Key, float]]) -> list[tuple[Key, float]]:
    """(key, fused score), best first, over the keys of both rankings (each best first)."""
    fused: dict[Key, float] = {}
    for ranking in (dense, sparse):
        for rank, (key, _) in enumerate(ranking):
            fused[key] = fused.get(key, 0.0) + 1.0 / (RRF_K + rank + 1)
    kw_rank = {key: rank for rank, (key, _) in enumerate(sparse)}
    return sorted(fused.items(), key=lambda kv: (-kv[1], kw_rank.get(kv[0], len(kw_rank))))
