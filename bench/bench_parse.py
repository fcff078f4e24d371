"""Parse throughput of the document pipeline over the 120 work reports (load → normalise → outline → meta).

Figures: whole-folder time (target < 10 s on 2 cores), chars/s, median and p95 ms per report, reports/min,
peak traced memory, and, as the baseline in the same run, the time for just reading + decoding the files.
Also: boilerplate removed per reason on seeds + reports, and the largest accepted input (just under the
size limit) to show nothing hangs. Writes bench/results/bench_parse.json.
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import tempfile
import time
import tracemalloc
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from assistant.documents import (
    MAX_BYTES,
    load_document,
    read_document_text,
)


def corpus() -> Path:
    env = os.environ.get("FAZHI_SHARED")
    return (Path(env) if env else ROOT.parent / "shared") / "corpus"


def main() -> int:
    base = corpus()
    reports = sorted((base / "gov-work-reports").glob("*.txt"))
    seeds = sorted((base / "seeds").glob("*.txt"))
    if not reports:
        print(f"跳过：找不到语料 {base}")
        return 0
    load_document(seeds[0] if seeds else reports[0])  # warm: OpenCC dictionary, regexes

    started = time.perf_counter()
    chars = 0
    for p in reports:
        chars += len(read_document_text(p)[0])
    baseline = time.perf_counter() - started

    per: list[float] = []
    types: Counter[str] = Counter()
    started = time.perf_counter()
    for p in reports:
        t0 = time.perf_counter()
        doc = load_document(p)
        per.append(time.perf_counter() - t0)
        types[doc.meta.doc_type] += 1
    total = time.perf_counter() - started

    tracemalloc.start()
    for p in reports:
        load_document(p)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()

    removed: Counter[str] = Counter()
    kept = 0
    for p in [*seeds, *reports]:
        doc = load_document(p)
        kept += len(doc.lines)
        removed.update(r.reason for r in doc.removed_lines)

    with tempfile.TemporaryDirectory() as tmp:
        big = Path(tmp) / "big.txt"
        unit = (reports[0].read_text(encoding="utf-8") + "\n").encode("utf-8")
        big.write_bytes(unit * max(1, (MAX_BYTES - 1024) // len(unit)))
        t0 = time.perf_counter()
        big_doc = load_document(big)
        big_seconds = time.perf_counter() - t0
        big_mb = big.stat().st_size / 1048576
        big_lines = len(big_doc.lines)

    per_ms = sorted(x * 1000 for x in per)
    result = {
        "reports": len(reports),
        "chars": chars,
        "total_s": round(total, 3),
        "read_decode_baseline_s": round(baseline, 3),
        "pipeline_over_baseline": round(total / baseline, 2) if baseline else None,
        "chars_per_s": round(chars / total),
        "median_ms": round(statistics.median(per_ms), 2),
        "p95_ms": round(per_ms[int(0.95 * (len(per_ms) - 1))], 2),
        "reports_per_min": round(len(reports) / total * 60),
        "peak_traced_mb": round(peak / 1048576, 1),
        "max_rss_mb": round(_max_rss_mb(), 1),
        "doc_types": dict(types),
        "removed_lines_by_reason": dict(removed),
        "kept_lines": kept,
        "largest_input_mb": round(big_mb, 1),
        "largest_input_s": round(big_seconds, 2),
        "largest_input_lines": big_lines,
        "target_total_s": 10,
        "meets_target": total < 10,
    }
    print(
        f"解析 {len(reports)} 份工作报告（{chars:,} 字）：共 {total:.2f} 秒（目标 < 10 秒）；"
        f"仅读取解码 {baseline:.2f} 秒，全流程为其 {result['pipeline_over_baseline']} 倍"
    )
    print(
        f"吞吐 {result['chars_per_s']:,} 字/秒，中位数 {result['median_ms']} 毫秒/份，p95 {result['p95_ms']} 毫秒，"
        f"{result['reports_per_min']:,} 份/分钟；峰值内存（tracemalloc）{result['peak_traced_mb']} MB，"
        f"进程 RSS {result['max_rss_mb']} MB"
    )
    print(f"文档类型：{dict(types)}；去除无关行：{dict(removed)}（保留 {kept} 行）")
    print(f"上限附近的大文件 {big_mb:.1f} MB：{big_seconds:.2f} 秒，{big_lines:,} 行")
    out = ROOT / "bench" / "results"
    out.mkdir(parents=True, exist_ok=True)
    (out / "bench_parse.json").write_text(json.dumps(result, ensure_ascii=False, indent=2), encoding="utf-8")
    return 0 if total < 10 else 1


def _max_rss_mb() -> float:
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


if __name__ == "__main__":
    sys.exit(main())
