"""Recall and false alarms of the figure checker on the hand-labelled relations of real reports.

One error is planted into each relation that holds (bench/figure_plant.py); the table gives, per kind,
planted errors caught / planted, relations no listed change could break, findings raised on the relations
as published (false alarms) and the published texts' own inconsistencies found. Relations the text states
are the bar (tests/test_figure_relations_dev.py asserts ≥ 90% per kind, 0 false alarms); relations a reader
links from knowledge or layout are reported beside them. Writes bench/results/bench_figure_recall.json.
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.figure_plant import KINDS, Measurement, measure


def _corpus() -> Path:
    env = os.environ.get("FAZHI_SHARED")
    return (Path(env) if env else ROOT.parent / "shared") / "corpus"


def _row(m: Measurement) -> dict[str, object]:
    return {
        kind: {
            "planted": m.planted[kind],
            "caught": m.caught[kind],
            "recall": round(m.recall(kind), 4) if m.planted[kind] else None,
            "unplantable": m.unplantable[kind],
            "false_alarms": m.alarms[kind],
            "real_errors_found": f"{m.real_found[kind]}/{m.real[kind]}",
        }
        for kind in KINDS
    }


def main() -> int:
    corpus = _corpus()
    if not corpus.is_dir():
        print(f"跳过：没有真实语料 {corpus}")
        return 0
    started = time.perf_counter()
    stated = measure(corpus, "stated")
    implicit = measure(corpus, "implicit")
    seconds = time.perf_counter() - started
    print("文中写明的关系（stated）：\n" + stated.table())
    print("\n需读者自行关联的关系（implicit）：\n" + implicit.table())
    if stated.misses:
        print("\n未检出：\n" + "\n".join(stated.misses))
    print(f"\n用时 {seconds:.1f} 秒")
    out = ROOT / "bench" / "results" / "bench_figure_recall.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(
        json.dumps(
            {"stated": _row(stated), "implicit": _row(implicit), "misses": stated.misses, "seconds": seconds},
            ensure_ascii=False,
            indent=1,
        ),
        encoding="utf-8",
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
