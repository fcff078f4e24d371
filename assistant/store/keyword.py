"""Keyword search: BM25 (bm25s) over jieba tokens, with the domain's terms in jieba's dictionary.

Dense vectors blur exact terms ("负责人出庭应诉率" vs "出庭应诉率" are different indicators), BM25 keeps
them. The index is a cache derived from the Chroma collection: token ids per chunk id are persisted
next to the Chroma data, so after an ingest only new chunks are tokenised, and a store changed by
another process (or a shared server) is brought up to date by id difference.
"""

from __future__ import annotations

import json
import logging
import os
import re
import shutil
import threading
import warnings
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import numpy as np

from assistant.store.types import SearchFilters

# fmt: off
DOMAIN_TERMS = (
    "法治政府", "法治政府建设", "依法行政", "行政复议", "行政应诉", "行政诉讼", "负责人出庭应诉",
    "出庭应诉", "出庭应诉率", "规范性文件", "备案审查", "合法性审查", "公平竞争审查", "重大行政决策",
    "放管服", "双随机一公开", "双随机", "一公开", "行政执法", "三项制度", "行政执法公示", "全过程记录",
    "法制审核", "重大执法决定法制审核", "执法全过程记录", "行政处罚", "行政许可", "行政强制", "行政检查",
    "权责清单", "权力清单", "责任清单", "负面清单", "营商环境", "政务服务", "政务公开", "信息公开",
    "法律顾问", "公职律师", "第一责任人", "述法", "学法", "普法", "谁执法谁普法", "人民调解",
    "矛盾纠纷", "信访", "纠错率", "败诉率", "审结率", "调解成功率", "案卷评查", "执法证件",
    "法治督察", "依法治区", "依法治县", "依法治市", "依法治镇", "法治建设", "不足和原因", "下一年度",
    "主要举措", "存在问题", "下一步", "工作打算", "党政主要负责人", "行政复议体制改革", "一网通办",
    "互联网+政务服务", "证明事项告知承诺制", "综合行政执法", "柔性执法", "包容审慎监管", "信用监管",
    "法治化营商环境", "行政争议", "府院联动", "法治宣传教育", "七五普法", "八五普法", "民法典",
)
STOPWORDS = frozenset(
    "的 了 和 与 及 在 是 对 等 并 为 将 把 被 中 上 下 个 有 也 就 都 而 或 其 之 以 于 由 从 向 到 "
    "着 这 那 我 我们 你 他 她 它 一个 进行 开展 工作 不断 加强 推进 积极 进一步 全面 有关 相关".split()
)
# fmt: on
_PUNCT = re.compile(r"^[\W_]+$", re.UNICODE)

_lock = threading.Lock()
_tokenizer: Any = None


def _jieba() -> Any:
    global _tokenizer
    with _lock:
        if _tokenizer is None:
            with warnings.catch_warnings():  # jieba 0.42 has invalid escape sequences in its regexes
                warnings.simplefilter("ignore", DeprecationWarning)
                warnings.simplefilter("ignore", SyntaxWarning)
                import jieba
                import jieba.finalseg

            jieba.setLogLevel(logging.WARNING)
            tok = jieba.Tokenizer()
            for term in DOMAIN_TERMS:
                tok.add_word(term, freq=200000)
            _tokenizer = tok
    return _tokenizer


def tokenize(text: str) -> list[str]:
    """Search-mode jieba tokens (long words and their parts), lower-cased, punctuation and stopwords dropped."""
    out = []
    for tok in _jieba().cut_for_search(text):
        tok = tok.strip().lower()
        if not tok or tok in STOPWORDS or _PUNCT.match(tok):
            continue
        out.append(tok)
    return out


def tokenize_ahead(text: str) -> Callable[[], list[str]]:
    """Tokenise `text` in a forked child while this process goes on (opening Chroma, ~1 s).

    jieba's dictionary takes ~0.7 s to load; a one-off `fazhi search` spends it on the second core instead
    of after opening the store. Call this before importing anything that starts threads (chromadb). The
    returned function gives the tokens; should the child fail, it tokenises here.
    """
    if not hasattr(os, "fork"):
        return lambda: tokenize(text)
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: tokenise, write, leave without running the parent's cleanup
        code = 1
        try:
            os.close(read_end)
            with os.fdopen(write_end, "wb") as out:
                out.write(json.dumps(tokenize(text), ensure_ascii=False).encode("utf-8"))
            code = 0
        finally:
            os._exit(code)
    os.close(write_end)

    def tokens() -> list[str]:
        with os.fdopen(read_end, "rb") as pipe:
            data = pipe.read()
        _, status = os.waitpid(pid, 0)
        try:
            if status == 0:
                return list(json.loads(data.decode("utf-8")))
        except ValueError:
            pass
        return tokenize(text)

    return tokens


_COLUMNS = ("source", "level", "doc_type", "kind", "issuer")


class KeywordIndex:
    """BM25 over cached token ids; `meta` columns make filtered search a mask, not a post-filter."""

    def __init__(self, directory: Path) -> None:
        self.dir = directory
        self.revision: str | None = None
        self.vocab: dict[str, int] = {}
        self.ids: list[str] = []
        self.tokens: list[np.ndarray] = []
        self.years: list[int] = []
        self.columns: dict[str, list[str]] = {c: [] for c in _COLUMNS}
        self._pos: dict[str, int] = {}
        self._bm25: Any = None
        self._lock = threading.Lock()

    # -- persistence -------------------------------------------------------------------------
    @classmethod
    def load(cls, directory: Path) -> KeywordIndex:
        idx = cls(directory)
        meta_file, arr_file = directory / "keyword.json", directory / "keyword.npz"
        if not (meta_file.exists() and arr_file.exists()):
            return idx
        try:
            meta = json.loads(meta_file.read_text(encoding="utf-8"))
            with np.load(arr_file, allow_pickle=False) as arrs:
                flat, offsets, years = arrs["tokens"], arrs["offsets"], arrs["years"]
                if str(arrs["revision"]) != str(meta["revision"]):
                    raise ValueError("keyword files from two different saves")
            idx.revision = meta["revision"]
            idx.vocab = meta["vocab"]
            idx.ids = meta["ids"]
            idx.columns = {c: meta["columns"][c] for c in _COLUMNS}
            idx.years = years.tolist()
            idx.tokens = [flat[offsets[i] : offsets[i + 1]] for i in range(len(idx.ids))]
            if len(idx.years) != len(idx.ids):
                raise ValueError("length mismatch")
        except (OSError, ValueError, KeyError, json.JSONDecodeError):
            return cls(directory)  # a damaged cache is rebuilt from Chroma, never trusted
        idx._pos = {cid: i for i, cid in enumerate(idx.ids)}
        return idx

    def save(self, revision: str | None) -> None:
        self.revision = revision
        self.dir.mkdir(parents=True, exist_ok=True)
        lengths = np.array([len(t) for t in self.tokens], dtype=np.int64)
        offsets = np.concatenate([[0], np.cumsum(lengths)]).astype(np.int64)
        flat = np.concatenate(self.tokens).astype(np.int32) if self.tokens else np.zeros(0, np.int32)
        tmp_arr, tmp_meta = self.dir / "keyword.tmp.npz", self.dir / "keyword.json.tmp"
        with open(tmp_arr, "wb") as fh:
            np.savez(
                fh,
                tokens=flat,
                offsets=offsets,
                years=np.array(self.years, dtype=np.int32),
                revision=np.array(str(revision)),
            )
        tmp_meta.write_text(
            json.dumps(
                {"revision": revision, "vocab": self.vocab, "ids": self.ids, "columns": self.columns},
                ensure_ascii=False,
            ),
            encoding="utf-8",
        )
        os.replace(tmp_arr, self.dir / "keyword.npz")
        os.replace(tmp_meta, self.dir / "keyword.json")
        self._save_bm25(revision)

    # -- updates -----------------------------------------------------------------------------
    def __len__(self) -> int:
        return len(self.ids)

    def __contains__(self, cid: str) -> bool:
        return cid in self._pos

    def _token_ids(self, tokens: Iterable[str], grow: bool) -> np.ndarray:
        out = []
        for tok in tokens:
            tid = self.vocab.get(tok)
            if tid is None and grow:
                tid = self.vocab[tok] = len(self.vocab)
            if tid is not None:
                out.append(tid)
        return np.array(out, dtype=np.int32)

    def add(self, items: Iterable[tuple[str, str, dict[str, Any]]]) -> None:
        """(chunk id, index text, chunk metadata); an existing id is replaced."""
        for cid, text, meta in items:
            toks = self._token_ids(tokenize(text), grow=True)
            year = meta.get("year")
            row = (toks, year if isinstance(year, int) else -1, [str(meta.get(c) or "") for c in _COLUMNS])
            if cid in self._pos:
                i = self._pos[cid]
                self.tokens[i], self.years[i] = row[0], row[1]
                for c, v in zip(_COLUMNS, row[2]):
                    self.columns[c][i] = v
            else:
                self._pos[cid] = len(self.ids)
                self.ids.append(cid)
                self.tokens.append(row[0])
                self.years.append(row[1])
                for c, v in zip(_COLUMNS, row[2]):
                    self.columns[c].append(v)
        self._bm25 = None

    def remove(self, ids: Iterable[str]) -> None:
        drop = {cid for cid in ids if cid in self._pos}
        if not drop:
            return
        keep = [i for i, cid in enumerate(self.ids) if cid not in drop]
        self.ids = [self.ids[i] for i in keep]
        self.tokens = [self.tokens[i] for i in keep]
        self.years = [self.years[i] for i in keep]
        self.columns = {c: [v[i] for i in keep] for c, v in self.columns.items()}
        self._pos = {cid: i for i, cid in enumerate(self.ids)}
        self._bm25 = None

    # -- search ------------------------------------------------------------------------------
    def _retriever(self) -> Any:
        with self._lock:
            if self._bm25 is None and self.ids:
                self._bm25 = self._load_bm25() or build_bm25(self.tokens, len(self.vocab))
            return self._bm25

    def _load_bm25(self) -> Any:
        """The persisted BM25 matrix, if it was saved for exactly this revision (read without bm25s)."""
        folder = self.dir / "bm25"
        try:
            if self.revision is None or (folder / "revision").read_text() != str(self.revision):
                return None
            loaded = LoadedScores.load(folder)
        except (OSError, ValueError, KeyError):
            return None
        return loaded if loaded is not None and loaded.num_docs == len(self.ids) else None

    def _save_bm25(self, revision: str | None) -> None:
        retriever = self._retriever()
        if isinstance(retriever, LoadedScores):  # read-only view of the saved matrix: rebuild to save it again
            retriever = build_bm25(self.tokens, len(self.vocab))
        folder, tmp = self.dir / "bm25", self.dir / "bm25.tmp"
        shutil.rmtree(tmp, ignore_errors=True)
        if retriever is None:
            shutil.rmtree(folder, ignore_errors=True)
            return
        retriever.vocab_dict = {}
        retriever.save(tmp, show_progress=False)
        (tmp / "revision").write_text(str(revision))
        shutil.rmtree(folder, ignore_errors=True)
        os.replace(tmp, folder)

    def mask(self, filters: SearchFilters | None) -> np.ndarray | None:
        if filters is None or filters.is_empty():
            return None
        n = len(self.ids)
        keep = np.ones(n, dtype=bool)
        years = np.array(self.years, dtype=np.int32)
        if filters.year_from:
            keep &= years >= filters.year_from
        if filters.year_to:
            keep &= (years <= filters.year_to) & (years >= 0)
        for key in ("level", "doc_type", "kind"):
            values = getattr(filters, key)
            if values:
                keep &= np.isin(np.array(self.columns[key], dtype=object), list(values))
        if filters.issuer:
            keep &= np.array([filters.issuer in v for v in self.columns["issuer"]], dtype=bool)
        return keep

    def search(
        self, query: str, k: int, filters: SearchFilters | None = None, tokens: list[str] | None = None
    ) -> list[tuple[str, float]]:
        """Top-k (chunk id, BM25 score) with score > 0; `tokens` are the query's, if already tokenised."""
        retriever = self._retriever()
        qids = self._token_ids(tokenize(query) if tokens is None else tokens, grow=False)
        if retriever is None or qids.size == 0:
            return []
        scores = retriever.get_scores_from_ids(sorted(set(qids.tolist())))
        mask = self.mask(filters)
        if mask is not None:
            scores = np.where(mask, scores, 0.0)
        k = min(k, scores.shape[0])
        top = np.argpartition(-scores, k - 1)[:k]
        top = top[np.argsort(-scores[top])]
        return [(self.ids[i], float(scores[i])) for i in top if scores[i] > 0]

    def sources(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for src in self.columns["source"]:
            counts[src] = counts.get(src, 0) + 1
        return counts


class LoadedScores:
    """A saved bm25s (Lucene) matrix read with numpy alone, scored as bm25s scores it.

    Importing bm25s pulls in scipy (~0.5 s), which every `fazhi search` would pay; ingest still builds and
    saves the matrix with bm25s, in bm25s's own file layout.
    """

    def __init__(self, data: np.ndarray, indices: np.ndarray, indptr: np.ndarray, num_docs: int, dtype: str) -> None:
        self.data, self.indices, self.indptr = data, indices, indptr
        self.num_docs = num_docs
        self.dtype = np.dtype(dtype)

    @classmethod
    def load(cls, folder: Path) -> LoadedScores | None:
        params = json.loads((folder / "params.index.json").read_text(encoding="utf-8"))
        if params.get("method") != "lucene" or (folder / "nonoccurrence_array.index.npy").exists():
            return None  # a variant with non-occurrence scores: not what build_bm25 writes
        arrays = [
            np.load(folder / f"{name}.csc.index.npy", allow_pickle=False) for name in ("data", "indices", "indptr")
        ]
        return cls(arrays[0], arrays[1], arrays[2], int(params["num_docs"]), params.get("dtype", "float32"))

    def get_scores_from_ids(self, query_token_ids: list[int]) -> np.ndarray:
        ids = np.asarray(query_token_ids, dtype=np.int64)
        scores = np.zeros(self.num_docs, dtype=self.dtype)
        for start, end in zip(self.indptr[ids], self.indptr[ids + 1]):
            np.add.at(scores, self.indices[start:end], self.data[start:end])
        return scores


def build_bm25(tokens: list[np.ndarray], n_vocab: int, k1: float = 1.5, b: float = 0.75) -> Any:
    """A bm25s (Lucene variant) index built with array operations from per-document token ids.

    bm25s's own builder walks Python lists: ~4 minutes for 100k chunks on this machine; the same
    matrix computed here with numpy takes seconds. Scoring and persistence stay bm25s's.
    """
    import bm25s

    n_docs = len(tokens)
    lengths = np.fromiter((len(t) for t in tokens), dtype=np.int64, count=n_docs)
    flat = np.concatenate(tokens).astype(np.int64) if n_docs else np.zeros(0, np.int64)
    doc_of = np.repeat(np.arange(n_docs, dtype=np.int64), lengths)
    pairs, tf = np.unique(flat * max(n_docs, 1) + doc_of, return_counts=True)
    term, doc = pairs // max(n_docs, 1), pairs % max(n_docs, 1)
    df = np.bincount(term, minlength=n_vocab).astype(np.float64)
    idf = np.log(1.0 + (n_docs - df + 0.5) / (df + 0.5))
    avg_len = float(lengths.mean()) if n_docs and lengths.mean() > 0 else 1.0
    tfc = tf / (k1 * ((1 - b) + b * lengths[doc] / avg_len) + tf)
    retriever = bm25s.BM25(k1=k1, b=b, method="lucene")
    retriever.scores = {
        "data": (idf[term] * tfc).astype(np.float32),
        "indices": doc.astype(np.int32),
        "indptr": np.concatenate([[0], np.cumsum(np.bincount(term, minlength=n_vocab))]).astype(np.int32),
        "num_docs": n_docs,
    }
    retriever.vocab_dict = {}
    retriever.nonoccurrence_array = None
    return retriever
