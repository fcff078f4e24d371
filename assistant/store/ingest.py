"""Ingest: files → documents → chunks → embeddings → Chroma + keyword index.

Idempotent and resumable: chunk ids are content hashes, a file counts as done only when Chroma
holds all of its chunks with the file's hash, chunks already present are not embedded again, and
chunks are written in small batches, so a killed run loses at most one batch. One process writes
at a time (a file lock next to the data); readers never block.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Any, Protocol

from assistant.documents import SUPPORTED, Document, load_document
from assistant.errors import FazhiError, InputError
from assistant.store.chunks import KINDS, Chunk, chunk_document, chunk_index_text, embed_text
from assistant.store.embeddings import Embedder
from assistant.store.keyword import KeywordIndex
from assistant.store.manifest import file_hash, ingest_lock, load_manifest, save_manifest
from assistant.store.types import IngestSummary

WRITE_BATCH = 64


class Store(Protocol):
    """What ingest needs of a store (assistant.store.store.Store is one): no import of it, no cycle."""

    collection: Any
    embedder: Embedder
    local_dir: Path
    _checked_at: float

    def keyword(self, *, refresh: bool = True) -> KeywordIndex: ...

    def set_revision(self, revision: str) -> None: ...

    def new_revision(self, prefix: str = "") -> str: ...


def supported_suffixes() -> set[str]:
    return set(SUPPORTED)


def expand_paths(paths: list[Path]) -> tuple[list[Path], list[tuple[str, str]]]:
    """Files to ingest (folders walked, sorted) and (path, reason) for inputs that give none."""
    suffixes = supported_suffixes()
    files: list[Path] = []
    failed: list[tuple[str, str]] = []
    seen: set[Path] = set()
    for p in paths:
        if not p.exists():
            failed.append((str(p), "路径不存在"))
            continue
        if p.is_dir():
            found = sorted(
                f
                for f in p.rglob("*")
                if f.is_file()
                and f.suffix.lower() in suffixes
                and not any(part.startswith(".") for part in f.relative_to(p).parts)
            )
            if not found:
                failed.append((str(p), f"文件夹中没有可导入的文件（支持 {' '.join(sorted(suffixes))}）"))
            candidates = found
        else:
            candidates = [p]
        for f in candidates:
            r = f.resolve()
            if r not in seen:
                seen.add(r)
                files.append(r)
    return files, failed


def _chroma_meta(chunk: Chunk, fhash: str, n_chunks: int) -> dict[str, Any]:
    meta = {k: v for k, v in chunk.meta.items() if isinstance(v, (str, int, float, bool))}
    meta.update(
        {
            "source": chunk.source,
            "file_hash": fhash,
            "n_chunks": n_chunks,
            "heading_path": json.dumps(chunk.heading_path, ensure_ascii=False),
            "figures": json.dumps(chunk.figures, ensure_ascii=False),
            "span_start": int(chunk.span[0]),
            "span_end": int(chunk.span[1]),
        }
    )
    return meta


def _prepare(path: Path, kind: str) -> tuple[str, Document, list[Chunk] | None, float, float]:
    """Hash, load and chunk one file (runs one file ahead of the embedder, in a thread)."""
    fhash = file_hash(path)
    t0 = time.perf_counter()
    doc = load_document(path)
    t1 = time.perf_counter()
    chunks = chunk_document(doc, kind=kind)
    return fhash, doc, chunks, t1 - t0, time.perf_counter() - t1


def _is_complete(store: Store, source: str, fhash: str) -> bool:
    got = store.collection.get(where={"source": source}, include=["metadatas"])
    metas = got["metadatas"] or []
    return bool(metas) and all(m.get("file_hash") == fhash for m in metas) and len(metas) == metas[0].get("n_chunks")


def _write_file(store: Store, chunks: list[Chunk], fhash: str, summary: IngestSummary) -> None:
    """Embed what is new, relabel what is unchanged, then drop the file's stale chunks."""
    source = chunks[0].source
    existing = set(store.collection.get(where={"source": source}, include=[])["ids"])
    metas = {c.id: _chroma_meta(c, fhash, len(chunks)) for c in chunks}
    kept = [c for c in chunks if c.id in existing]
    new = [c for c in chunks if c.id not in existing]
    if kept:
        store.collection.update(ids=[c.id for c in kept], metadatas=[metas[c.id] for c in kept])
    for i in range(0, len(new), WRITE_BATCH):
        batch = new[i : i + WRITE_BATCH]
        texts = [embed_text(c) for c in batch]
        t0 = time.perf_counter()
        vecs = store.embedder.embed_passages(texts)
        t1 = time.perf_counter()
        store.collection.upsert(
            ids=[c.id for c in batch],
            embeddings=vecs.tolist(),
            documents=[c.text for c in batch],
            metadatas=[metas[c.id] for c in batch],
        )
        summary.timings["embed"] = summary.timings.get("embed", 0.0) + t1 - t0
        summary.timings["write"] = summary.timings.get("write", 0.0) + time.perf_counter() - t1
        summary.embedded += len(batch)
    stale = list(existing - set(metas))
    if stale:
        store.collection.delete(ids=stale)
    t0 = time.perf_counter()
    kw = store.keyword(refresh=False)
    kw.remove(stale)
    kw.add((c.id, chunk_index_text(c), {**metas[c.id]}) for c in chunks)
    summary.timings["keyword"] = summary.timings.get("keyword", 0.0) + time.perf_counter() - t0
    summary.chunks += len(chunks)


def _reason(exc: BaseException) -> str:
    if isinstance(exc, FazhiError):
        return str(exc)
    return f"{type(exc).__name__}: {exc}"


def ingest_paths(
    store: Store,
    paths: list[Path],
    kind: str = "report",
    progress: bool = False,
    on_file: Callable[[Path, str, IngestSummary], None] | None = None,
) -> IngestSummary:
    """Ingest files and folders; one bad file is reported in the summary and skipped."""
    if kind not in KINDS:
        raise InputError(f"未知的文档类别 {kind}（可选 {'、'.join(KINDS)}）")
    started = time.perf_counter()
    summary = IngestSummary()
    files, failed = expand_paths(paths)
    summary.failed.extend(failed)
    summary.files = len(files)
    if not files:
        summary.seconds = time.perf_counter() - started
        return summary
    bar = _ProgressBar(len(files)) if progress else None
    try:
        with ingest_lock(store.local_dir, on_wait=(bar.waiting if bar else None)):
            store._checked_at = 0.0
            store.keyword()  # brings the keyword index up to date if another process wrote meanwhile
            store.set_revision(store.new_revision("ingesting-"))
            manifest = load_manifest(store.local_dir)
            with ThreadPoolExecutor(max_workers=1) as pool:
                futures: list[Future[Any] | None] = [None] * len(files)

                def submit(i: int) -> None:
                    if i < len(files):
                        futures[i] = pool.submit(_ingest_prepare, store, files[i], kind)

                submit(0)
                for i, path in enumerate(files):
                    submit(i + 1)
                    future = futures[i]
                    assert future is not None
                    status = _ingest_one(store, path, kind, future.result(), summary, manifest)
                    futures[i] = None
                    if bar:
                        bar.advance(path, status)
                    if on_file:
                        on_file(path, status, summary)
            t0 = time.perf_counter()
            rev = store.new_revision()
            store.keyword(refresh=False).save(rev)
            store.set_revision(rev)
            save_manifest(store.local_dir, manifest)
            summary.timings["keyword"] = summary.timings.get("keyword", 0.0) + time.perf_counter() - t0
    finally:
        if bar:
            bar.stop()
    summary.seconds = time.perf_counter() - started
    return summary


def _ingest_prepare(store: Store, path: Path, kind: str) -> Any:
    try:
        fhash = file_hash(path)
        if _is_complete(store, str(path), fhash):
            return ("skip", fhash)
        return ("ok", _prepare(path, kind))
    except Exception as exc:
        return ("error", exc)


def _ingest_one(
    store: Store, path: Path, kind: str, prepared: Any, summary: IngestSummary, manifest: dict[str, dict[str, Any]]
) -> str:
    state, payload = prepared
    source = str(path)
    if state == "skip":
        summary.skipped += 1
        manifest.setdefault(source, {"hash": payload, "kind": kind})
        return "skipped"
    if state == "error":
        summary.failed.append((source, _reason(payload)))
        return "failed"
    fhash, doc, chunks, t_parse, t_chunk = payload
    summary.timings["parse"] = summary.timings.get("parse", 0.0) + t_parse
    summary.timings["chunk"] = summary.timings.get("chunk", 0.0) + t_chunk
    if not chunks:
        summary.failed.append((source, "没有可检索的正文"))
        return "failed"
    try:
        _write_file(store, chunks, fhash, summary)
    except FazhiError as exc:
        summary.failed.append((source, str(exc)))
        return "failed"
    summary.chars += len(doc.text)
    updated = source in manifest and manifest[source].get("hash") != fhash
    if updated:
        summary.updated += 1
    else:
        summary.added += 1
    m = doc.meta
    manifest[source] = {
        "hash": fhash,
        "kind": kind,
        "chunks": len(chunks),
        "title": m.title,
        "issuer": m.issuer,
        "level": m.level,
        "year": m.year,
        "doc_type": m.doc_type,
        "chars": len(doc.text),
    }
    save_manifest(store.local_dir, manifest)
    return "updated" if updated else "added"


class _ProgressBar:
    """rich progress on stderr with files/s; quiet when stderr is not a terminal-capable console."""

    def __init__(self, total: int) -> None:
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, ProgressColumn, TextColumn, TimeElapsedColumn
        from rich.text import Text

        class _Rate(ProgressColumn):
            def render(self, task: Any) -> Text:
                speed = task.finished_speed or task.speed
                return Text(f"{speed:.2f} 文件/秒" if speed else "– 文件/秒")

        self.progress = Progress(
            TextColumn("[bold]导入"),
            BarColumn(),
            MofNCompleteColumn(),
            _Rate(),
            TimeElapsedColumn(),
            TextColumn("{task.fields[name]}"),
            console=Console(stderr=True),
            transient=False,
        )
        self.task = self.progress.add_task("ingest", total=total, name="")
        self.progress.start()

    def waiting(self) -> None:
        self.progress.console.print("另一个导入进程正在写入此检索库，等待其完成…")

    def advance(self, path: Path, status: str) -> None:
        self.progress.update(self.task, advance=1, name=f"{path.name[:30]} {_STATUS.get(status, status)}")

    def stop(self) -> None:
        self.progress.stop()


_STATUS = {"added": "已导入", "updated": "已更新", "skipped": "未变化", "failed": "失败"}
