"""Figures engine throughput over the 120 work reports: load → normalise → extract → check, end to end.

Figures: figures extracted per second (extraction + checks only), reports/minute end to end in one
process and with 2 worker processes (target ≥ 200 reports/min on 2 cores), ms per report for each
stage, and, as the baseline in the same run, load + normalise alone (what extraction adds on top).
Also counts what the checker found: figures, relations checked and held, issues by severity.
Writes bench/results/bench_figures.json.
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from assistant.documents import load_document
from assistant.figures import (
    check_relations,
    extract_figures,
)


def corpus() -> Path:
    env = os.environ.get("FAZHI_SHARED")
    return (Path(env) if env else ROOT.parent / "shared") / "corpus"


def _end_to_end(path: str) -> tuple[int, int, int]:
    doc = load_document(path)
    figures = extract_figures(doc)
    result = check_relations(doc, figures)
    return len(figures), len(result.checked), len(result.issues)


def main() -> int:
    reports = sorted((corpus() / "gov-work-reports").glob("*.txt"))
    if not reports:
        print(f"跳过：找不到语料 {corpus()}")
        return 0
    _end_to_end(str(reports[0]))  # warm: OpenCC dictionary, regexes

    started = time.perf_counter()
    docs = [load_document(p) for p in reports]
    load_s = time.perf_counter() - started

    extract_ms, check_ms = [], []
    n_figures = n_checked = n_held = n_errors = n_warnings = 0
    for doc in docs:
        t0 = time.perf_counter()
        figures = extract_figures(doc)
        t1 = time.perf_counter()
        result = check_relations(doc, figures)
        t2 = time.perf_counter()
        extract_ms.append((t1 - t0) * 1000)
        check_ms.append((t2 - t1) * 1000)
        n_figures += len(figures)
        n_checked += len(result.checked)
        n_held += sum(c.holds for c in result.checked)
        n_errors += sum(i.severity == "error" for i in result.issues)
        n_warnings += sum(i.severity == "warning" for i in result.issues)
    analyse_s = (sum(extract_ms) + sum(check_ms)) / 1000

    started = time.perf_counter()
    for p in reports:
        _end_to_end(str(p))
    serial_s = time.perf_counter() - started

    started = time.perf_counter()
    with ProcessPoolExecutor(max_workers=2) as pool:
        list(pool.map(_end_to_end, [str(p) for p in reports], chunksize=4))
    parallel_s = time.perf_counter() - started

    out = {
        "reports": len(reports),
        "chars": sum(len(d.text) for d in docs),
        "figures": n_figures,
        "relations_checked": n_checked,
        "relations_held": n_held,
        "errors": n_errors,
        "warnings": n_warnings,
        "baseline_load_normalise_s": round(load_s, 3),
        "extract_check_s": round(analyse_s, 3),
        "figures_per_s": round(n_figures / analyse_s),
        "extract_ms_median": round(statistics.median(extract_ms), 2),
        "extract_ms_p95": round(sorted(extract_ms)[int(0.95 * (len(extract_ms) - 1))], 2),
        "check_ms_median": round(statistics.median(check_ms), 2),
        "end_to_end_serial_s": round(serial_s, 3),
        "reports_per_min_serial": round(len(reports) / serial_s * 60),
        "end_to_end_2proc_s": round(parallel_s, 3),
        "reports_per_min_2proc": round(len(reports) / parallel_s * 60),
        "extraction_vs_load_ratio": round(analyse_s / load_s, 2),
        "target_reports_per_min": 200,
    }
    out["meets_target"] = max(out["reports_per_min_serial"], out["reports_per_min_2proc"]) >= 200
    print(
        f"{out['reports']} 篇报告，{out['figures']} 个数字，核对 {n_checked} 组关系（{n_held} 组一致），"
        f"错误 {n_errors}，提示 {n_warnings}"
    )
    print(
        f"基线（读取+规范化）{load_s:.2f} s；抽取+核对 {analyse_s:.2f} s（为基线的 {out['extraction_vs_load_ratio']} 倍），"
        f"{out['figures_per_s']} 个数字/秒"
    )
    print(
        f"端到端：单进程 {serial_s:.2f} s = {out['reports_per_min_serial']} 篇/分钟；"
        f"2 进程 {parallel_s:.2f} s = {out['reports_per_min_2proc']} 篇/分钟（目标 ≥ 200）"
    )
    results = ROOT / "bench" / "results"
    results.mkdir(parents=True, exist_ok=True)
    (results / "bench_figures.json").write_text(json.dumps(out, ensure_ascii=False, indent=2), encoding="utf-8")
    return 0 if out["meets_target"] else 1


if __name__ == "__main__":
    sys.exit(main())
