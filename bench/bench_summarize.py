"""Batch summaries over the 120 work reports: reports/minute with 1 and 2 workers (target ≥ 300/min
with 2, no LLM), peak memory, resume overhead, output writing time.

Each configuration runs in a fresh subprocess so its peak RSS is its own. The baseline, measured in
the same run, is the bare pipeline (load → figures → review) in one process; summarising adds
indicators, the extractive summary and the fingerprint on top.
Writes bench/results/summarize.json.
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
CORPUS = ROOT.parent / "shared" / "corpus" / "gov-work-reports"
RESULTS = ROOT / "bench" / "results"
TARGET_PER_MIN = 300


def _peak_mb() -> float:
    """Peak RSS of this process (the runner, or the only process with 1 worker)."""
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def _worker_peak_mb() -> float:
    """Peak RSS of the largest worker process that has exited (0 when none was used)."""
    return round(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024, 1)


def _baseline(paths: list[Path]) -> dict:
    from assistant.documents import load_document
    from assistant.figures import extract_figures
    from assistant.review import review_report

    started = time.perf_counter()
    for p in paths:
        doc = load_document(p)
        extract_figures(doc)
        review_report(doc)
    elapsed = time.perf_counter() - started
    return {"seconds": round(elapsed, 2), "per_min": round(len(paths) / elapsed * 60, 1), "peak_mb": _peak_mb()}


def _batch(paths: list[Path], workers: int) -> dict:
    from assistant.summarize import load_work_file, run_batch, write_outputs

    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp) / "bench.work.jsonl"
        result = run_batch(paths, work, workers=workers)
        full = result.elapsed
        # Resume with everything done: the cost of hashing and reading the work file.
        again = run_batch(paths, work, workers=workers, resume=True)
        # Resume after a "crash" halfway: half the lines kept.
        lines = work.read_text(encoding="utf-8").splitlines()
        work.write_text("\n".join(lines[: len(lines) // 2]) + "\n", encoding="utf-8")
        kept = len(load_work_file(work))
        half = run_batch(paths, work, workers=workers, resume=True)
        writes = {}
        for ext in ("xlsx", "csv", "json", "html"):
            started = time.perf_counter()
            out = write_outputs(result, Path(tmp) / f"bench.{ext}")
            writes[ext] = {"seconds": round(time.perf_counter() - started, 3), "kb": out.stat().st_size // 1024}
    failed = sum(not r.ok for r in result.rows)
    return {
        "workers": workers,
        "reports": len(paths),
        "failed": failed,
        "seconds": round(full, 2),
        "per_min": round(len(paths) / full * 60, 1),
        "peak_mb": _peak_mb(),
        "worker_peak_mb": _worker_peak_mb(),
        "resume_all_done_seconds": round(again.elapsed, 3),
        "resume_all_done_ratio": round(again.elapsed / full, 4),
        "resume_half": {
            "kept": kept,
            "processed": half.processed,
            "seconds": round(half.elapsed, 2),
            "ratio_to_full": round(half.elapsed / full, 3),
        },
        "write": writes,
    }


def _one(mode: str) -> None:
    paths = sorted(CORPUS.glob("*.txt"))
    data = _baseline(paths) if mode == "baseline" else _batch(paths, int(mode))
    print(json.dumps(data, ensure_ascii=False))


def main() -> int:
    if len(sys.argv) > 2 and sys.argv[1] == "--one":
        _one(sys.argv[2])
        return 0
    if not CORPUS.is_dir():
        print(f"跳过：找不到语料 {CORPUS}")
        return 0
    results = {}
    for mode in ("baseline", "1", "2"):
        proc = subprocess.run([sys.executable, __file__, "--one", mode], capture_output=True, text=True, cwd=ROOT)
        if proc.returncode:
            print(proc.stderr[-2000:])
            return 1
        results[mode] = json.loads(proc.stdout.strip().splitlines()[-1])
    base, one, two = results["baseline"], results["1"], results["2"]
    print(f"基线（载入+数字+审查，单进程）：{base['per_min']} 份/分钟，峰值内存 {base['peak_mb']} MB")
    for r in (one, two):
        print(
            f"汇总 {r['workers']} 进程：{r['reports']} 份 {r['seconds']} 秒 = {r['per_min']} 份/分钟"
            f"（基线的 {r['per_min'] / base['per_min']:.2f} 倍），峰值内存 主进程 {r['peak_mb']} MB"
            f"{'、单个工作进程 ' + str(r['worker_peak_mb']) + ' MB' if r['workers'] > 1 else ''}，失败 {r['failed']}"
        )
        print(
            f"  续跑（全部已完成）{r['resume_all_done_seconds']} 秒 = 全量的 {r['resume_all_done_ratio']:.1%}；"
            f"续跑一半 {r['resume_half']['seconds']} 秒 = 全量的 {r['resume_half']['ratio_to_full']:.0%}"
        )
        print("  写出：" + "，".join(f"{k} {v['seconds']} 秒/{v['kb']} KB" for k, v in r["write"].items()))
    speedup = two["per_min"] / one["per_min"]
    load = os.getloadavg()[0]
    results["loadavg_1min"] = round(load, 1)
    print(f"（运行时 1 分钟平均负载 {load:.1f}，共 {os.cpu_count()} 核：负载高于核数时并行加速无从体现）")
    print(
        f"2 进程 / 1 进程 = {speedup:.2f} 倍；目标 ≥ {TARGET_PER_MIN} 份/分钟："
        f"{'达到' if two['per_min'] >= TARGET_PER_MIN else '未达到'}"
    )
    RESULTS.mkdir(parents=True, exist_ok=True)
    results["speedup_2_vs_1"] = round(speedup, 2)
    results["target_per_min"] = TARGET_PER_MIN
    (RESULTS / "summarize.json").write_text(json.dumps(results, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
