"""The retrieval store: past reports and policy texts in ChromaDB, hybrid search with citations.

Chroma (local PersistentClient, or a shared `chroma run` server when FAZHI_CHROMA_URL is set) is the
source of truth: vectors, chunk texts and metadata. The BM25 index and the sources manifest are
derived caches kept next to it (for a server: under FAZHI_HOME/store/server-<host>-<port>). The
collection's metadata records the embedding model and a revision that changes with every ingest, so
a reader notices when its keyword cache is stale and brings it up to date by id difference.
"""

from __future__ import annotations

import contextlib
import json
import shutil
import time
import uuid
from pathlib import Path
from typing import Any

from assistant.config import Settings, get_settings
from assistant.documents import clean_line, to_simplified
from assistant.errors import StoreError
from assistant.store.chroma import REBUILD_HINT, connect, forget_client, get_collection
from assistant.store.chunks import index_text
from assistant.store.embeddings import Embedder, get_embedder
from assistant.store.fusion import rrf_fuse
from assistant.store.ingest import ingest_paths
from assistant.store.keyword import KeywordIndex
from assistant.store.manifest import ingest_lock, load_manifest, save_manifest
from assistant.store.types import Hit, IngestSummary, SearchFilters

CANDIDATES = 50
MODES = ("hybrid", "dense", "keyword")


def normalize_query(query: str) -> str:
    """Queries are read like documents: simplified script, half-width digits and brackets."""
    return clean_line(to_simplified(query.strip()))


class Store:
    """One retrieval store (a Chroma collection + its keyword index). Open with `Store.open()`."""

    def __init__(
        self,
        client: Any,
        collection: Any,
        local_dir: Path,
        embedder: Embedder,
        settings: Settings,
        location: str,
        chroma_dir: Path | None,
    ) -> None:
        self.client = client
        self.collection = collection
        self.local_dir = local_dir
        self.embedder = embedder
        self.settings = settings
        self.location = location  # a directory or a server URL, for messages
        self.chroma_dir = chroma_dir  # None in server mode
        self._keyword: KeywordIndex | None = None
        self._checked_at = 0.0

    # -- opening -----------------------------------------------------------------------------
    @classmethod
    def open(cls, settings: Settings | None = None, path: Path | None = None, *, check_model: bool = True) -> Store:
        s = settings or get_settings()
        embedder = get_embedder(s)
        with _open_lock(s, path):
            client, local_dir, location, chroma_dir = connect(s, path)
            collection = get_collection(client, s.collection, embedder, location, check_model)
        return cls(client, collection, local_dir, embedder, s, location, chroma_dir)

    # -- revision and keyword cache --------------------------------------------------------------
    def revision(self) -> str | None:
        try:
            meta = self.client.get_collection(self.settings.collection, embedding_function=None).metadata
        except Exception as exc:
            raise StoreError(f"检索库读取失败：{self.location}（{exc}）", hint=REBUILD_HINT) from exc
        return (meta or {}).get("revision")

    def set_revision(self, revision: str) -> None:
        meta = dict(self.collection.metadata or {})
        meta["revision"] = revision
        self.collection.modify(metadata=meta)

    def keyword(self, *, refresh: bool = True) -> KeywordIndex:
        """The BM25 index, synced with Chroma when the collection's revision moved."""
        if self._keyword is None:
            self._keyword = KeywordIndex.load(self.local_dir / "keyword")
        if refresh and time.monotonic() - self._checked_at > 1.0:
            rev = self.revision()
            if rev != self._keyword.revision or rev is None:
                self.sync_keyword(rev)
            self._checked_at = time.monotonic()
        return self._keyword

    def sync_keyword(self, revision: str | None = None) -> None:
        """Bring the keyword index to the ids in Chroma: tokenise what is missing, drop what is gone."""
        kw = self._keyword if self._keyword is not None else KeywordIndex.load(self.local_dir / "keyword")
        self._keyword = kw
        ids = set(self._all_ids())
        missing = [cid for cid in ids if cid not in kw]
        kw.remove([cid for cid in kw.ids if cid not in ids])
        for i in range(0, len(missing), 500):
            got = self.collection.get(ids=missing[i : i + 500], include=["documents", "metadatas"])
            kw.add(
                (cid, _index_text_of(doc, meta), meta)
                for cid, doc, meta in zip(got["ids"], got["documents"], got["metadatas"])
            )
        try:
            kw.save(revision)
        except OSError:
            pass  # a read-only cache still serves this process

    def _all_ids(self) -> list[str]:
        out: list[str] = []
        total = self.collection.count()
        for offset in range(0, total, 5000):
            out.extend(self.collection.get(include=[], limit=5000, offset=offset)["ids"])
        return out

    # -- queries -----------------------------------------------------------------------------
    def count(self) -> int:
        return int(self.collection.count())

    def sources(self) -> list[dict[str, Any]]:
        """Ingested documents with chunk counts and metadata (from the manifest and the keyword index)."""
        counts = self.keyword().sources()
        manifest = load_manifest(self.local_dir)
        out = []
        for src in sorted(set(counts) | set(manifest)):
            row = {"source": src, "chunks": counts.get(src, 0)}
            row.update({k: v for k, v in manifest.get(src, {}).items() if k != "source"})
            out.append(row)
        return out

    def search(
        self,
        query: str,
        k: int = 5,
        *,
        mode: str = "hybrid",
        filters: SearchFilters | None = None,
        tokens: list[str] | None = None,
    ) -> list[Hit]:
        """Top-k chunks for `query`. hybrid = reciprocal-rank fusion of dense and BM25 rankings.

        `tokens`: the normalised query already tokenised (keyword.tokenize_ahead), else done here."""
        if mode not in MODES:
            raise StoreError(f"未知的检索方式 {mode}（可选 {'、'.join(MODES)}）")
        q = normalize_query(query)
        if not q or k <= 0:
            return []
        n = max(CANDIDATES, 4 * k)
        dense = self._dense(q, n, filters) if mode in ("hybrid", "dense") else []
        sparse = self.keyword().search(q, n, filters, tokens) if mode in ("hybrid", "keyword") else []
        if mode == "dense":
            ranked = dense[:k]
        elif mode == "keyword":
            ranked = sparse[:k]
        else:
            ranked = rrf_fuse(dense, sparse)[:k]
        return self._hits(ranked)

    def _dense(self, q: str, n: int, filters: SearchFilters | None) -> list[tuple[str, float]]:
        total = self.count()
        if total == 0:
            return []
        vec = self.embedder.embed_query(q)
        where = filters.chroma_where() if filters else None
        post = filters is not None and bool(filters.issuer)
        try:
            res = self.collection.query(
                query_embeddings=[vec.tolist()],
                n_results=min(n * (4 if post else 1), total),
                where=where,
                include=["distances", "metadatas"] if post else ["distances"],
            )
        except Exception as exc:
            raise StoreError(f"向量检索失败：{exc}", hint=REBUILD_HINT) from exc
        ids, dists = res["ids"][0], res["distances"][0]
        metas = res["metadatas"][0] if post else [None] * len(ids)
        return [
            (cid, 1.0 - float(d))
            for cid, d, m in zip(ids, dists, metas)
            if filters is None or not post or filters.accepts(m or {})
        ][:n]

    def _hits(self, ranked: list[tuple[str, float]]) -> list[Hit]:
        if not ranked:
            return []
        got = self.collection.get(ids=[cid for cid, _ in ranked], include=["documents", "metadatas"])
        by_id = {cid: (doc, meta) for cid, doc, meta in zip(got["ids"], got["documents"], got["metadatas"])}
        hits = []
        for cid, score in ranked:
            if cid not in by_id:
                continue  # deleted by a concurrent ingest between ranking and fetching
            doc, meta = by_id[cid]
            hits.append(hit_from_record(doc, meta, score))
        return hits

    # -- writing -----------------------------------------------------------------------------
    def ingest(
        self, paths: list[Path], kind: str = "report", progress: bool = False, on_file: Any = None
    ) -> IngestSummary:
        return ingest_paths(self, [Path(p) for p in paths], kind=kind, progress=progress, on_file=on_file)

    def rebuild(self, progress: bool = False) -> IngestSummary:
        return rebuild_store(self.settings, self.chroma_dir.parent if self.chroma_dir else None, progress=progress)

    def new_revision(self, prefix: str = "") -> str:
        return f"{prefix}{uuid.uuid4().hex[:16]}"


def hit_from_record(doc: str, meta: dict[str, Any], score: float) -> Hit:
    meta = dict(meta or {})
    heading_path = json.loads(meta.pop("heading_path", "[]") or "[]")
    meta["figures"] = json.loads(meta.get("figures") or "[]")
    span = (int(meta.pop("span_start", 0)), int(meta.pop("span_end", 0)))
    return Hit(
        text=doc or "",
        source=str(meta.get("source", "")),
        heading_path=heading_path,
        score=float(score),
        meta=meta,
        span=span,
    )


def _index_text_of(doc: str, meta: dict[str, Any]) -> str:
    return index_text(meta.get("title"), json.loads(meta.get("heading_path") or "[]"), doc or "")


def _open_lock(s: Settings, path: Path | None) -> Any:
    """Two processes opening a new local store at once: one of them got Chroma's InternalError."""
    if path is None and s.chroma_url:
        return contextlib.nullcontext()  # a server serialises itself
    root = Path(path).expanduser() if path else s.store_path
    try:
        root.mkdir(parents=True, exist_ok=True)
    except OSError:
        return contextlib.nullcontext()  # connect() reports the bad path
    return ingest_lock(root, timeout=60, name="open.lock")


def rebuild_store(settings: Settings | None = None, path: Path | None = None, progress: bool = False) -> IngestSummary:
    """Recreate the store from the source files listed in its manifest, with the current model.

    The way out of a corrupt Chroma directory or a store written by another embedding model.
    """
    s = settings or get_settings()
    remote = path is None and bool(s.chroma_url)
    root = Path(path).expanduser() if path else s.store_path
    local_dir = root
    if remote:
        client, local_dir, _, _ = connect(s, None)
    with ingest_lock(local_dir):
        manifest = load_manifest(local_dir)
        if remote:
            try:
                client.delete_collection(s.collection)
            except Exception:
                pass
        else:
            chroma_dir = root / "chroma"
            forget_client(chroma_dir)
            if chroma_dir.exists():
                shutil.rmtree(chroma_dir)
        shutil.rmtree(local_dir / "keyword", ignore_errors=True)
        save_manifest(local_dir, {})
    store = Store.open(s, path)
    by_kind: dict[str, list[Path]] = {}
    missing: list[tuple[str, str]] = []
    for src, row in manifest.items():
        p = Path(src)
        if p.exists():
            by_kind.setdefault(row.get("kind", "report"), []).append(p)
        else:
            missing.append((src, "源文件已不存在，无法重建"))
    summary = IngestSummary()
    for kind, files in by_kind.items():
        part = store.ingest(files, kind=kind, progress=progress)
        for key in ("files", "added", "updated", "skipped", "chunks", "embedded", "chars"):
            setattr(summary, key, getattr(summary, key) + getattr(part, key))
        summary.failed.extend(part.failed)
        summary.seconds += part.seconds
    summary.failed.extend(missing)
    summary.files += len(missing)
    return summary
