"""Review benchmark: reports reviewed per minute over the five seeds + the 120 work reports, no LLM.

A 司法局 reviewer runs `fazhi review` over a spring's worth of reports at once; the target is
≥ 200 reports/minute on this 2-core machine. Measured in one process, sequentially (one core), as
the CLI does it: load (decode, normalise, outline, meta) + review (items, coverage, figures, timing).
Baseline in the same run: load alone, so the review's own cost is reported as a ratio. Also checked
on the way: the four seed reports match labels.yaml and no work report is judged a rule-of-law report.

    python bench/bench_review.py [--rounds N] [--json OUT]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from assistant.documents import load_document
from assistant.mandates import load_mandates
from assistant.review import (
    review_report,
    review_to_html,
    review_to_json,
    review_to_markdown,
)

TARGET_PER_MINUTE = 200


def corpus_dir() -> Path:
    env = os.environ.get("FAZHI_SHARED")
    return (Path(env) if env else ROOT.parent / "shared") / "corpus"


def _label_agreement(corpus: Path) -> tuple[int, int]:
    import yaml

    labels = yaml.safe_load((corpus / "labels.yaml").read_text(encoding="utf-8"))
    agree = total = 0
    for key, label in labels.items():
        if not key.startswith("seeds/") or "mandated" not in label:
            continue
        verdicts = {v.id: v for v in review_report(load_document(corpus / key)).mandated}
        for item_id, spec in label["mandated"].items():
            total += 1
            got = verdicts.get(item_id)
            agree += bool(got and got.status == spec["status"] and ("line" not in spec or got.line == spec["line"]))
    return agree, total


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3, help="passes over the corpus (best is reported)")
    parser.add_argument("--json", type=Path, default=ROOT / "bench" / "results" / "bench_review.json")
    args = parser.parse_args()
    corpus = corpus_dir()
    if not corpus.is_dir():
        print(f"跳过：找不到语料 {corpus}")
        return 0
    files = sorted((corpus / "seeds").glob("*.txt")) + sorted((corpus / "gov-work-reports").glob("*.txt"))
    chars = sum(len(p.read_text(encoding="utf-8")) for p in files)
    mandates = load_mandates()
    review_report(load_document(files[0]), mandates)  # warm imports and caches

    load_rounds, full_rounds, render_rounds, per_file = [], [], [], []
    judged_reports = []
    for _ in range(args.rounds):
        started = time.perf_counter()
        docs = [load_document(p) for p in files]
        load_rounds.append(time.perf_counter() - started)

        started = time.perf_counter()
        times = []
        for path in files:
            t0 = time.perf_counter()
            review = review_report(load_document(path), mandates)
            times.append(time.perf_counter() - t0)
            if "gov-work-reports" in str(path) and review.is_report:
                judged_reports.append(path.name)
        full_rounds.append(time.perf_counter() - started)
        per_file = times

        reviews = [review_report(d, mandates) for d in docs]
        started = time.perf_counter()
        for r in reviews:
            json.dumps(review_to_json(r), ensure_ascii=False)
            review_to_markdown(r)
            review_to_html(r)
        render_rounds.append(time.perf_counter() - started)

    tracemalloc.start()
    for path in files:
        review_report(load_document(path), mandates)
    peak_mb = tracemalloc.get_traced_memory()[1] / 1e6
    tracemalloc.stop()

    agree, total = _label_agreement(corpus)
    best_full, best_load = min(full_rounds), min(load_rounds)
    per_minute = len(files) / best_full * 60
    result = {
        "files": len(files),
        "chars": chars,
        "rounds": args.rounds,
        "load_seconds": round(best_load, 3),
        "load_and_review_seconds": round(best_full, 3),
        "review_only_seconds": round(best_full - best_load, 3),
        "reports_per_minute": round(per_minute, 1),
        "reports_per_second": round(len(files) / best_full, 2),
        "median_ms_per_report": round(statistics.median(per_file) * 1000, 2),
        "p95_ms_per_report": round(sorted(per_file)[int(len(per_file) * 0.95) - 1] * 1000, 2),
        "review_cost_vs_load": round(best_full / best_load, 2),
        "render_json_md_html_seconds": round(min(render_rounds), 3),
        "peak_traced_mb": round(peak_mb, 1),
        "seed_label_agreement": f"{agree}/{total}",
        "work_reports_judged_rule_of_law": len(set(judged_reports)),
        "target_reports_per_minute": TARGET_PER_MINUTE,
        "meets_target": per_minute >= TARGET_PER_MINUTE,
    }
    print(
        f"审查 {len(files)} 份（{chars / 1e6:.1f} 百万字）：加载+审查 {best_full:.2f} s，"
        f"{per_minute:.0f} 份/分钟（目标 ≥ {TARGET_PER_MINUTE}），中位 {result['median_ms_per_report']} ms/份，"
        f"p95 {result['p95_ms_per_report']} ms/份"
    )
    print(
        f"基线（仅加载解析）{best_load:.2f} s；审查总耗时为基线的 {result['review_cost_vs_load']} 倍；"
        f"三种格式输出 {result['render_json_md_html_seconds']} s；峰值内存 {peak_mb:.1f} MB"
    )
    print(
        f"种子报告逐项与 labels.yaml 一致：{agree}/{total}；被判为法治政府建设年度报告的政府工作报告："
        f"{result['work_reports_judged_rule_of_law']}/120"
    )
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(result, ensure_ascii=False, indent=2), encoding="utf-8")
    ok = result["meets_target"] and agree == total and not judged_reports
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
