"""Drafting benchmarks (figures go to bench/README.md; raw numbers to bench/results/draft.json).

1. composer: wall time per full report for each example facts file (target < 1 s), median of 5 runs,
   with the faithfulness check included; the figure check must find no unsupported figure.
2. prompt tokens per section against the budget (FAZHI_LLM_CONTEXT − FAZHI_LLM_MAX_TOKENS), with
   exemplars retrieved from a temporary store of ../shared/corpus/seeds (when present).
3. local server (Gemma 3 270M GGUF, llama.cpp on loopback): time to first token and total per section
   for three sections (skipped when llama-cpp-python is not installed).
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
RESULTS = ROOT / "bench" / "results"
EXAMPLES = ROOT / "corpus" / "examples"


def bench_composer() -> dict:
    from assistant.drafting import draft_report
    from assistant.facts import load_facts

    out = {}
    for name in ("county", "town", "department"):
        facts = load_facts(EXAMPLES / f"{name}.yaml")
        draft_report(facts, backend="composer")  # warm-up: jieba dictionary, templates
        times = []
        for _ in range(5):
            started = time.perf_counter()
            d = draft_report(facts, backend="composer")
            times.append(time.perf_counter() - started)
        bad = sum(s.figures.get("unsupported", 0) + s.figures.get("misattributed", 0) for s in d.sections)
        chars = sum(len(s.text) for s in d.sections)
        out[name] = {
            "median_s": round(statistics.median(times), 3),
            "max_s": round(max(times), 3),
            "sections": len(d.sections),
            "chars": chars,
            "unsupported_or_misattributed": bad,
            "supported": sum(s.figures.get("supported", 0) for s in d.sections),
        }
        print(
            f"composer {name}: {out[name]['median_s']:.3f} s/报告（{len(d.sections)} 部分，{chars} 字，"
            f"核对通过 {out[name]['supported']} 处，不符 {bad} 处）"
        )
    return out


def _seed_store(tmp: Path):
    shared = ROOT.parent / "shared" / "corpus" / "seeds"
    if not shared.is_dir():
        return None
    from assistant.config import reload_settings
    from assistant.store import Store

    os.environ["FAZHI_STORE_DIR"] = str(tmp / "store")
    store = Store.open(reload_settings())
    store.ingest(sorted(shared.glob("*.txt")), kind="report")
    return store


def bench_prompts(store) -> dict:
    from assistant.config import get_settings
    from assistant.drafting import build_prompt, plan_sections, retrieve
    from assistant.facts import load_facts

    facts = load_facts(EXAMPLES / "county.yaml")
    out = {}
    for context in (2048, 4096, 8192):
        max_tokens = min(get_settings().llm_max_tokens, context // 4)
        rows = []
        for sec in plan_sections(facts):
            if sec.item == "measures" and sec.level == 1:
                continue
            refs = retrieve(store, facts, sec) if store is not None else []
            p = build_prompt(facts, sec, refs, context=context, max_tokens=max_tokens)
            rows.append(
                {
                    "id": sec.id,
                    "prompt_tokens": p.prompt_tokens,
                    "budget": p.budget,
                    "references": len(p.references),
                    "dropped": p.dropped,
                }
            )
        worst = max(r["prompt_tokens"] for r in rows)
        holds = all(r["prompt_tokens"] <= r["budget"] for r in rows)
        out[str(context)] = {
            "max_tokens": max_tokens,
            "sections": rows,
            "max_prompt_tokens": worst,
            "budget_holds": holds,
        }
        print(
            f"context {context}: 预算 {rows[0]['budget']} tokens，最大提示 {worst} tokens，"
            f"平均参考材料 {statistics.mean(r['references'] for r in rows):.1f} 条，预算{'满足' if holds else '超出'}"
        )
    return out


def bench_local() -> dict | None:
    import importlib.util

    if importlib.util.find_spec("llama_cpp") is None:
        print("local: 未安装 llama-cpp-python，跳过")
        return None
    from assistant.config import reload_settings
    from assistant.drafting import draft_report
    from assistant.facts import load_facts
    from assistant.llm import get_llm, stop_shared_server

    os.environ.update({"FAZHI_LLM_GGUF": "gemma3-270m", "FAZHI_LLM_MAX_TOKENS": "128", "FAZHI_LLM_CONTEXT": "4096"})
    settings = reload_settings()
    facts = load_facts(EXAMPLES / "county.yaml")
    started = time.perf_counter()
    llm = get_llm(settings, "local")
    startup = time.perf_counter() - started
    llm.max_continuations = 0
    rows = []
    try:
        for sid in ("measures.disputes", "shortcomings", "leaders"):
            d = draft_report(facts, section=sid, llm=llm, settings=settings, store=None)
            s = d.sections[0]
            rows.append(
                {
                    "id": sid,
                    "ttft_s": round(s.first_token_seconds or 0, 2),
                    "total_s": round(s.seconds, 2),
                    "prompt_tokens": s.prompt_tokens,
                    "chars": len(s.text),
                    "flags": len(s.flags),
                }
            )
            print(
                f"local {sid}: 首字 {rows[-1]['ttft_s']} s，总计 {rows[-1]['total_s']} s，"
                f"提示 {s.prompt_tokens} tokens，输出 {len(s.text)} 字，待核对数据 {len(s.flags)} 处"
            )
    finally:
        stop_shared_server()
    return {"startup_s": round(startup, 2), "max_tokens": 128, "sections": rows}


def main() -> int:
    RESULTS.mkdir(parents=True, exist_ok=True)
    results = {"composer": bench_composer()}
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["FAZHI_HOME"] = tmp
        store = _seed_store(Path(tmp))
        results["prompts"] = bench_prompts(store)
        results["prompts"]["store"] = "seeds" if store is not None else "none"
        results["local"] = bench_local()
    (RESULTS / "draft.json").write_text(json.dumps(results, ensure_ascii=False, indent=2), encoding="utf-8")
    slow = [n for n, r in results["composer"].items() if r["median_s"] >= 1.0]
    unfaithful = [n for n, r in results["composer"].items() if r["unsupported_or_misattributed"]]
    return 1 if slow or unfaithful else 0


if __name__ == "__main__":
    sys.exit(main())
