"""Connecting to Chroma: a local PersistentClient or a `chroma run` server, damaged files caught first,
the collection checked against the embedding model and passage recipe that wrote it."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from assistant.config import Settings
from assistant.errors import EmbeddingMismatchError, StoreError
from assistant.store.chunks import PASSAGE_RECIPE
from assistant.store.embeddings import Embedder

__all__ = ["HNSW", "REBUILD_HINT", "connect", "forget_client", "get_collection"]

# Chroma's default ef_search (100) returned only ~91% of the exact top 50 on seeds + 120 reports (the
# chunks of one report sit close together), which cost hybrid recall@5 0.07; these give 99.9%.
HNSW = {"space": "cosine", "ef_construction": 200, "ef_search": 400}
REBUILD_HINT = "运行 fazhi store rebuild 可按原文件重建检索库"


def _chroma_settings() -> Any:
    from chromadb.config import Settings as ChromaSettings

    return ChromaSettings(anonymized_telemetry=False, allow_reset=False)


def connect(s: Settings, path: Path | None) -> tuple[Any, Path, str, Path | None]:
    """(client, local cache dir, location for messages, chroma dir or None for a server)."""
    import chromadb

    if path is None and s.chroma_url:
        url = urlparse(s.chroma_url if "://" in s.chroma_url else f"http://{s.chroma_url}")
        host, port = url.hostname or "127.0.0.1", url.port or 8000
        local_dir = s.data_home / "store" / f"server-{host}-{port}"
        try:
            client = chromadb.HttpClient(host=host, port=port, ssl=url.scheme == "https", settings=_chroma_settings())
            client.heartbeat()
        except Exception as exc:
            raise StoreError(
                f"无法连接 Chroma 服务 {s.chroma_url}（{type(exc).__name__}）",
                hint="确认 chroma run 已启动，或取消 FAZHI_CHROMA_URL 使用本地检索库",
            ) from exc
        local_dir.mkdir(parents=True, exist_ok=True)
        return client, local_dir, s.chroma_url, None
    root = Path(path).expanduser() if path else s.store_path
    chroma_dir = root / "chroma"
    try:
        root.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StoreError(f"无法创建检索库目录 {root}（{exc.strerror}）") from exc
    _check_sqlite(chroma_dir)
    try:
        client = chromadb.PersistentClient(path=str(chroma_dir), settings=_chroma_settings())
    except Exception as exc:
        raise StoreError(f"检索库已损坏或无法打开：{chroma_dir}（{type(exc).__name__}）", hint=REBUILD_HINT) from exc
    return client, root, str(root), chroma_dir


def _check_sqlite(chroma_dir: Path) -> None:
    """Chroma panics (not raises) on some damaged files; catch the obvious cases first."""
    db = chroma_dir / "chroma.sqlite3"
    if not db.exists():
        return
    try:
        with open(db, "rb") as fh:
            head = fh.read(16)
    except OSError as exc:
        raise StoreError(f"检索库无法读取：{db}（{exc.strerror}）", hint=REBUILD_HINT) from exc
    if db.stat().st_size and head != b"SQLite format 3\x00":
        raise StoreError(f"检索库已损坏：{db} 不是 SQLite 数据库", hint=REBUILD_HINT)
    try:
        con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
        try:
            row = con.execute("PRAGMA quick_check").fetchone()
        finally:
            con.close()
    except sqlite3.DatabaseError as exc:
        raise StoreError(f"检索库已损坏：{db}（{exc}）", hint=REBUILD_HINT) from exc
    if row and row[0] != "ok":
        raise StoreError(f"检索库已损坏：{db}（{row[0]}）", hint=REBUILD_HINT)


def get_collection(client: Any, name: str, embedder: Embedder, location: str, check_model: bool) -> Any:
    try:
        collection = client.get_or_create_collection(
            name,
            embedding_function=None,
            configuration={"hnsw": HNSW},
            metadata={"embed_model": embedder.name, "passage_recipe": PASSAGE_RECIPE},
        )
    except Exception as exc:
        raise StoreError(
            f"检索库已损坏或无法打开：{location}（{type(exc).__name__}: {exc}）", hint=REBUILD_HINT
        ) from exc
    meta = collection.metadata or {}
    stored = meta.get("embed_model")
    if check_model and stored and stored != embedder.name:
        raise EmbeddingMismatchError(
            f"检索库 {location} 由嵌入模型 {stored} 写入，当前配置的是 {embedder.name}，两者的向量不可混用",
            hint=f"把 FAZHI_EMBED_MODEL/FAZHI_EMBED_BASE_URL 改回 {stored}，或运行 fazhi store rebuild 用当前模型重建",
        )
    recipe = meta.get("passage_recipe", "title+heading+text")  # stores from before the recipe was recorded
    if recipe != PASSAGE_RECIPE and collection.count() == 0:
        keep = {k: v for k, v in meta.items() if not k.startswith("hnsw:")}
        collection.modify(metadata={**keep, "embed_model": embedder.name, "passage_recipe": PASSAGE_RECIPE})
    elif check_model and recipe != PASSAGE_RECIPE:
        raise EmbeddingMismatchError(
            f"检索库 {location} 的段落向量按旧方式（{recipe}）生成，当前版本为 {PASSAGE_RECIPE}，两者不可混用",
            hint="运行 fazhi store rebuild 按当前方式重建（源文件须仍在原位置）",
        )
    return collection


def forget_client(chroma_dir: Path) -> None:
    """Chroma caches one system per directory in a process; a rebuilt directory needs a fresh one."""
    from chromadb.api.shared_system_client import SharedSystemClient

    key = str(chroma_dir)
    system = SharedSystemClient._identifier_to_system.pop(key, None)
    SharedSystemClient._identifier_to_refcount.pop(key, None)
    if system is not None:
        try:
            system.stop()
        except Exception:
            pass
