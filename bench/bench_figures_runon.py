"""`fazhi figures` on run-on text: cost must grow with the text, not with the square of a sentence.

PDF extractions and scraped pages give text with few line breaks or none. Two pairs, each timed end to end
(the CLI as a user runs it, median of 3) and reported as a ratio:
- ~3 MB of the 120 work reports written as one line, against the same text with its line breaks (goal ≤ 2×);
- ~0.4 MB of "共收到…21件，受理20件，不予受理1件，" clauses joined by commas with no sentence end, against the
  same clauses each ending in 。 (goal ≤ 3×).
Writes bench/results/bench_figures_runon.json.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CLAUSE = "共收到行政复议申请21件，受理20件，不予受理1件，"


def _corpus() -> Path:
    env = os.environ.get("FAZHI_SHARED")
    return (Path(env) if env else ROOT.parent / "shared") / "corpus"


def _time(path: Path, runs: int = 3) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "assistant.cli", "figures", "--issues", str(path)],
            cwd=ROOT,
            check=True,
            stdout=subprocess.DEVNULL,
        )
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> int:
    corpus = _corpus() / "gov-work-reports"
    results: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as tmp:
        d = Path(tmp)
        n = 400_000 // len(CLAUSE.encode("utf-8"))
        (d / "endless.txt").write_text(CLAUSE * n, encoding="utf-8")
        (d / "punctuated.txt").write_text((CLAUSE[:-1] + "。") * n, encoding="utf-8")
        pairs = [("endless.txt", "punctuated.txt", 3.0)]
        if corpus.is_dir():
            text = "\n".join(p.read_text(encoding="utf-8") for p in sorted(corpus.glob("*.txt")))
            text = text.encode("utf-8")[:3_000_000].decode("utf-8", "ignore")
            (d / "lined.txt").write_text(text, encoding="utf-8")
            (d / "one_line.txt").write_text(text.replace("\n", ""), encoding="utf-8")
            pairs.insert(0, ("one_line.txt", "lined.txt", 2.0))
        for hard, easy, goal in pairs:
            t_hard, t_easy = _time(d / hard), _time(d / easy)
            ratio = t_hard / t_easy
            results[f"{hard} / {easy}"] = round(ratio, 2)
            size = (d / hard).stat().st_size / 1e6
            print(
                f"{hard}（{size:.1f} MB）{t_hard:.2f} 秒，{easy} {t_easy:.2f} 秒：{ratio:.2f} 倍（目标 ≤ {goal:g} 倍）"
            )
    out = ROOT / "bench" / "results" / "bench_figures_runon.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
