"""Retrieval eval: recall@k of the drafter queries in eval/retrieval/queries.yaml, per search mode.

Shared by the CI test (seeds + a fixed distractor subset) and bench/bench_store.py (all 120 work
reports), so both report the same figure the same way.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from assistant.store import Store

ROOT = Path(__file__).resolve().parent.parent
QUERIES_FILE = ROOT / "eval" / "retrieval" / "queries.yaml"
DEV_QUERIES_FILE = ROOT / "eval" / "retrieval" / "dev_queries.yaml"  # for choosing, never for judging


@dataclass
class ModeResult:
    mode: str
    recall: float
    hits: int
    total: int
    misses: list[dict[str, Any]] = field(default_factory=list)


def load_queries(path: Path = QUERIES_FILE) -> dict[str, Any]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _matches(hit: Any, expected: list[dict[str, str]]) -> bool:
    name = Path(hit.source).name
    return any(name.startswith(str(e["seed"])) and str(e["section"]) in hit.heading for e in expected)


def evaluate(
    store: Store, spec: dict[str, Any] | None = None, modes: tuple[str, ...] = ("hybrid", "dense", "keyword")
) -> list[ModeResult]:
    spec = spec or load_queries()
    k = int(spec.get("k", 5))
    results = []
    for mode in modes:
        found, misses = 0, []
        for q in spec["queries"]:
            hits = store.search(q["query"], k=k, mode=mode)
            if any(_matches(h, q["expected"]) for h in hits):
                found += 1
            else:
                misses.append(
                    {"query": q["query"], "top": [f"{Path(h.source).name[:24]} {h.heading[:40]}" for h in hits[:3]]}
                )
        total = len(spec["queries"])
        results.append(ModeResult(mode, found / total if total else 0.0, found, total, misses))
    return results


def format_results(results: list[ModeResult], k: int = 5) -> str:
    names = {"hybrid": "混合检索 (RRF)", "dense": "仅向量", "keyword": "仅 BM25"}
    lines = [f"recall@{k}:"]
    for r in results:
        lines.append(f"  {names.get(r.mode, r.mode):<14} {r.recall:.3f}  ({r.hits}/{r.total})")
    return "\n".join(lines)
