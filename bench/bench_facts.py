"""Facts-from-reports benchmark: a county compiles its facts file from 30 submitted reports.

`fazhi facts from-reports` reads each report as review and the figures engine do (items, 纲要 areas,
figures with 其中 links), splits measures, problems and plans, and merges them with their sources. The
target is < 10 s for 30 reports on this 2-core machine. Two sets of 30:

- reports: the 30 real 法治政府建设 reports we have — the 4 seed reports and the 26 report openings;
- scale:   the 4 seed reports and 26 政府工作报告 read as reports (--as-report), ~0.4 M characters: the
           length of a real spring's submissions, and more.

Baseline in the same run: loading the same 30 files (decode, normalise, outline, metadata), so the
compiling's own cost is a ratio. Also checked: the composer's draft from the first set states its
figures, and every one of them is found in the submitted reports (faithfulness against the files).

    python bench/bench_facts.py [--rounds N] [--json OUT]
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from assistant.documents import load_document
from assistant.drafting import draft_report
from assistant.facts import facts_from_reports
from assistant.faithfulness import check_text, source_figures

TARGET_SECONDS = 10.0
REPORTS = 30


def corpus_dir() -> Path:
    env = os.environ.get("FAZHI_SHARED")
    return (Path(env) if env else ROOT.parent / "shared") / "corpus"


def _sets(corpus: Path) -> dict[str, tuple[list[Path], bool, int]]:
    seeds = [p for p in sorted((corpus / "seeds").glob("*.txt")) if not p.name.startswith("001_")]  # 001: a plan
    openings = sorted((corpus / "openings").glob("*.txt"))
    work = sorted((corpus / "gov-work-reports").glob("*.txt"))
    return {
        "reports": ((seeds + openings)[:REPORTS], False, 2019),
        "scale": ((seeds + work)[:REPORTS], True, 2020),
    }


def _measure(files: list[Path], as_report: bool, year: int, rounds: int) -> dict[str, object]:
    def build():  # type: ignore[no-untyped-def]
        return facts_from_reports(
            files, unit="示例县人民政府", level="县", year=year, recipients=["示例市人民政府"], as_report=as_report
        )

    build()  # warm imports and caches
    loads, builds = [], []
    for _ in range(rounds):
        started = time.perf_counter()
        for path in files:
            load_document(path)
        loads.append(time.perf_counter() - started)
        started = time.perf_counter()
        facts, notes = build()
        builds.append(time.perf_counter() - started)
    points = sum(len(a.points) for a in facts.items.measures.areas)
    return {
        "files": len(files),
        "chars": sum(len(p.read_text(encoding="utf-8")) for p in files),
        "load_seconds": round(min(loads), 3),
        "facts_seconds": round(min(builds), 3),
        "ratio_to_load": round(min(builds) / min(loads), 2),
        "areas": len(facts.items.measures.areas),
        "points": points,
        "figures": len(facts.all_figures()),
        "problems": len(facts.items.shortcomings.problems),
        "plans": len(facts.items.next_year.points),
        "notes": len(notes),
        "facts": facts,
    }


def _traceability(facts: object, files: list[Path]) -> tuple[int, int, float]:
    started = time.perf_counter()
    draft = draft_report(facts, backend="composer")  # type: ignore[arg-type]
    seconds = time.perf_counter() - started
    body = "\n".join(s.text for s in draft.sections)
    result = check_text(body, source_figures(files))
    claims = [m for m in result.mentions if m.status != "ignored"]
    found = [m for m in claims if m.status in ("supported", "derived_ok")]
    return len(claims), len(found), seconds


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3, help="passes over each set (best is reported)")
    parser.add_argument("--json", type=Path, default=ROOT / "bench" / "results" / "bench_facts.json")
    args = parser.parse_args()
    corpus = corpus_dir()
    if not corpus.is_dir():
        print(f"跳过：找不到语料 {corpus}")
        return 0
    results: dict[str, object] = {"target_seconds": TARGET_SECONDS}
    ok = True
    for name, (files, as_report, year) in _sets(corpus).items():
        r = _measure(files, as_report, year, args.rounds)
        facts = r.pop("facts")
        label = "份法治政府建设报告" if name == "reports" else "份报告（含 26 篇政府工作报告，按报告处理）"
        print(
            f"[{name}] {r['files']} {label}，{int(r['chars']) / 1e4:.1f} 万字："
            f"汇编事实文件 {r['facts_seconds']} s（目标 < {TARGET_SECONDS:g} s），仅加载 {r['load_seconds']} s，"
            f"为加载的 {r['ratio_to_load']} 倍；{r['areas']} 个领域、{r['points']} 条要点、{r['figures']} 个数据、"
            f"{r['problems']} 条不足、{r['plans']} 条安排"
        )
        if name == "reports":
            claims, found, seconds = _traceability(facts, files)
            r |= {"draft_figures": claims, "draft_figures_found_in_reports": found, "draft_seconds": round(seconds, 3)}
            print(f"[{name}] 起草 {seconds:.2f} s；草稿中的数据 {claims} 个，在报送的报告原文中找到 {found} 个")
            ok &= claims >= 15 and found == claims
        ok &= float(r["facts_seconds"]) < TARGET_SECONDS  # type: ignore[arg-type]
        results[name] = r
    results["meets_target"] = ok
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(results, ensure_ascii=False, indent=2), encoding="utf-8")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
