"""CLI start-up: how long `fazhi` takes before it does anything, as ratios to a bare Python start.

Each command runs as a fresh process (page cache and bytecode caches warm after a first untimed run: the
normal case for a clerk running commands one after another), N times, median reported. The baseline is
`python -c pass` with the same interpreter in the same run. Targets (issue 15): `fazhi --help` ≤ 10×,
`fazhi parse <seed>` ≤ 15×, `fazhi search` on an existing store ≤ 2 s cold with the query itself
< 100 ms in process.

    python bench/bench_cli.py [--runs N] [--json OUT]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

QUERY = "行政复议案件办理情况"


def _fazhi() -> list[str]:
    script = Path(sys.executable).with_name("fazhi")
    return [str(script)] if script.exists() else [sys.executable, "-m", "assistant"]


def _timed(cmd: list[str], runs: int, env: dict[str, str], cwd: Path) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        proc = subprocess.run(cmd, capture_output=True, env=env, cwd=cwd)
        times.append(time.perf_counter() - started)
        if proc.returncode != 0:
            raise SystemExit(f"{' '.join(cmd)} failed ({proc.returncode}): {proc.stderr.decode()[-400:]}")
    return statistics.median(times)


def _seed() -> Path:
    seeds = sorted((ROOT.parent / "shared" / "corpus" / "seeds").glob("002_*.txt"))
    return seeds[0] if seeds else ROOT / "corpus" / "samples" / "qinglan_county_2024.txt"


def _in_process_query(home: Path, runs: int) -> dict[str, float]:
    os.environ["FAZHI_HOME"] = str(home)
    from assistant.config import reload_settings
    from assistant.store import Store

    reload_settings()
    started = time.perf_counter()
    store = Store.open()
    store.search(QUERY, k=5)
    first = time.perf_counter() - started
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        store.search(QUERY, k=5)
        times.append(time.perf_counter() - t0)
    return {
        "open_and_first_query_s": round(first, 3),
        "query_median_ms": round(statistics.median(times) * 1000, 1),
        "query_p95_ms": round(sorted(times)[int(0.95 * (len(times) - 1))] * 1000, 1),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--json", type=Path, default=ROOT / "bench" / "results" / "cli.json")
    args = parser.parse_args()
    fazhi = _fazhi()
    home = Path(tempfile.mkdtemp(prefix="fazhi-bench-cli-"))
    # As on a user's machine: bytecode cached (this workplace sets PYTHONDONTWRITEBYTECODE, which would make
    # every start recompile each imported module), and one untimed run first writes the caches.
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"} | {"FAZHI_HOME": str(home)}
    cwd = Path(tempfile.gettempdir())  # outside the repository, as an installed fazhi runs
    try:
        samples = ROOT / "corpus" / "samples"
        subprocess.run([*fazhi, "ingest", str(samples)], check=True, capture_output=True, env=env, cwd=cwd)
        for warm in (["--help"], ["parse", str(_seed())], ["search", QUERY]):
            subprocess.run([*fazhi, *warm], check=True, capture_output=True, env=env, cwd=cwd)
        base = _timed([sys.executable, "-c", "pass"], args.runs, env, cwd)
        rows = {
            "help": _timed([*fazhi, "--help"], args.runs, env, cwd),
            "parse": _timed([*fazhi, "parse", str(_seed())], args.runs, env, cwd),
            "search": _timed([*fazhi, "search", QUERY], max(3, args.runs // 2), env, cwd),
        }
        query = _in_process_query(home, 50)
    finally:
        shutil.rmtree(home, ignore_errors=True)
    out = {
        "baseline_python_s": round(base, 4),
        "help_s": round(rows["help"], 4),
        "help_ratio": round(rows["help"] / base, 1),
        "parse_s": round(rows["parse"], 4),
        "parse_ratio": round(rows["parse"] / base, 1),
        "parse_file": _seed().name,
        "search_cold_s": round(rows["search"], 3),
        "search_ratio": round(rows["search"] / base, 1),
        **query,
        "cpus": os.cpu_count(),
        "load_average": [round(x, 2) for x in os.getloadavg()],
    }
    print(f"基线 python -c pass：{base * 1000:.0f} ms（负载 {out['load_average'][0]}）")
    print(f"fazhi --help：{rows['help'] * 1000:.0f} ms = {out['help_ratio']}×（目标 ≤ 10×）")
    print(f"fazhi parse {out['parse_file']}：{rows['parse'] * 1000:.0f} ms = {out['parse_ratio']}×（目标 ≤ 15×）")
    print(f"fazhi search（已有检索库，冷启动）：{rows['search']:.2f} s（目标 ≤ 2 s）")
    print(
        f"进程内检索：中位 {query['query_median_ms']} ms，p95 {query['query_p95_ms']} ms（目标 < 100 ms）；"
        f"打开检索库并首次检索 {query['open_and_first_query_s']} s"
    )
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(out, ensure_ascii=False, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
