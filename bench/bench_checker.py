"""Checker benchmark: how often does the faithfulness check catch a changed figure, and how often
does it flag a true one?

Claims come from real sentences of ../shared/corpus (the five seeds and a sample of the work
reports), checked against the figures of their own document (bench/claims.py says how
they are made). Anchor: numguard catches 916/1000 fabricated numbers with 0/200 false flags on
English; our target on Chinese is ≥ 98% caught and ≤ 1% false flags.

    python bench/bench_checker.py [--docs N] [--false N] [--true N] [--seed S] [--json OUT]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from assistant.documents import load_document
from assistant.faithfulness import (
    check_text,
    label_similarity,
    source_figures,
)
from assistant.figures import compatible_units, extract_figures
from bench.claims import Claim, falsifications, rephrasings, replace_in_sentence, swap_numbers

FLAGGED = {"unsupported", "misattributed"}


def corpus_dir() -> Path:
    env = os.environ.get("FAZHI_SHARED")
    return (Path(env) if env else ROOT.parent / "shared") / "corpus"


def pick_documents(corpus: Path, n_reports: int) -> list[Path]:
    seeds = sorted((corpus / "seeds").glob("*.txt"))
    reports = sorted((corpus / "gov-work-reports").glob("*.txt"))
    step = max(1, len(reports) // max(1, n_reports))
    return seeds + reports[::step][:n_reports]


def claims_for_document(path: Path, rng: random.Random) -> tuple[list[Claim], object]:
    doc = load_document(path)
    figs = extract_figures(doc)
    by_sentence: dict[int, list] = defaultdict(list)
    for f in figs:
        by_sentence[f.sentence_start].append(f)
    claims: list[Claim] = []
    for group in by_sentence.values():
        sentence = group[0].sentence.strip()
        if len(sentence) > 240 or len(sentence) < 6:
            continue
        where = f"{path.name}:{group[0].line}"
        claims.append(Claim("true", "sentence", sentence, "", where))
        for f in group:
            for how, new in rephrasings(f):
                text = replace_in_sentence(sentence, f, new_number=new)
                if text:
                    claims.append(Claim("rephrased", how, text, f.text, where))
            for how, new in falsifications(f, rng):
                text = (
                    replace_in_sentence(sentence, f, new_unit=new)
                    if how == "unit"
                    else replace_in_sentence(sentence, f, new_number=new)
                )
                if text:
                    claims.append(Claim("false", how, text, f.text, where))
        for i, a in enumerate(group):
            for b in group[i + 1 :]:
                if (
                    a.value != b.value
                    and compatible_units(a.unit, b.unit)
                    and a.kind == b.kind
                    and a.label
                    and b.label
                    and label_similarity(a.label, b.label) < 0.999
                ):
                    text = swap_numbers(sentence, a, b)
                    if text:
                        claims.append(Claim("misattributed", "swap", text, f"{a.text}⇄{b.text}", where))
    return claims, doc


def verdict(claim: Claim, sources: list) -> tuple[bool, list]:
    result = check_text(claim.text, sources)
    flagged = [m for m in result.mentions if m.status in FLAGGED]
    return bool(flagged), result.mentions


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--docs", type=int, default=20, help="work reports sampled besides the 5 seeds")
    ap.add_argument("--false", type=int, default=1000, help="false claims to check")
    ap.add_argument("--mis", type=int, default=300, help="misattributed claims to check")
    ap.add_argument("--rephrased", type=int, default=600, help="true claims with a number rephrased")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--json", type=Path, default=ROOT / "bench" / "results" / "bench_checker.json")
    ap.add_argument("--show", type=int, default=8, help="examples of misses and false flags to print")
    args = ap.parse_args()

    corpus = corpus_dir()
    if not corpus.is_dir():
        print(f"跳过：找不到语料 {corpus}")
        return 0
    rng = random.Random(args.seed)
    started = time.perf_counter()
    pool: list[tuple[Claim, str]] = []
    sources: dict[str, list] = {}
    for path in pick_documents(corpus, args.docs):
        claims, doc = claims_for_document(path, rng)
        sources[path.name] = source_figures(doc)
        pool += [(c, path.name) for c in claims]
    prep = time.perf_counter() - started

    # A sentence whose own text is flagged cannot tell us anything about its mutations: keep the
    # flag as a false flag, and draw false/misattributed claims only from clean sentences.
    true_claims = [x for x in pool if x[0].kind in ("true", "rephrased")]
    rng.shuffle(true_claims)
    sentences = [x for x in pool if x[0].kind == "true"]
    clean: set[tuple[str, str]] = set()
    stats: dict[str, Counter] = defaultdict(Counter)
    examples: dict[str, list] = defaultdict(list)
    checked = 0
    t0 = time.perf_counter()
    for claim, name in sentences:
        flagged, mentions = verdict(claim, sources[name])
        checked += 1
        if not flagged:
            clean.add((claim.source, name))
    sentence_flags = len(sentences) - len(clean)
    selected_true = [x for x in true_claims if x[0].kind == "rephrased"][: args.rephrased]
    for claim, name in sentences:
        ok = (claim.source, name) in clean
        stats["true"]["n"] += 1
        stats["true"]["flagged"] += 0 if ok else 1
        if not ok and len(examples["false_flag"]) < args.show:
            examples["false_flag"].append(_example(claim, sources[name]))
    for claim, name in selected_true:
        flagged, mentions = verdict(claim, sources[name])
        checked += 1
        stats["rephrased"]["n"] += 1
        stats["rephrased"]["flagged"] += int(flagged)
        stats[f"rephrased:{claim.how}"]["n"] += 1
        stats[f"rephrased:{claim.how}"]["flagged"] += int(flagged)
        if flagged and len(examples["false_flag"]) < 2 * args.show:
            examples["false_flag"].append(_example(claim, sources[name]))
    for kind, limit in (("false", args.false), ("misattributed", args.mis)):
        cands = [x for x in pool if x[0].kind == kind and (x[0].source, x[1]) in clean]
        rng.shuffle(cands)
        for claim, name in cands[:limit]:
            flagged, mentions = verdict(claim, sources[name])
            checked += 1
            key = f"{kind}:{claim.how}"
            for k in (kind, key):
                stats[k]["n"] += 1
                stats[k]["caught"] += int(flagged)
            if flagged and kind == "misattributed":
                stats[kind]["as_misattributed"] += int(any(m.status == "misattributed" for m in mentions))
            if not flagged and len(examples[f"miss_{kind}"]) < args.show:
                examples[f"miss_{kind}"].append(_example(claim, sources[name]))
    elapsed = time.perf_counter() - t0

    fabricated = stats["false"]["n"] + stats["misattributed"]["n"]
    caught = stats["false"]["caught"] + stats["misattributed"]["caught"]
    true_n = stats["true"]["n"] + stats["rephrased"]["n"]
    true_flags = stats["true"]["flagged"] + stats["rephrased"]["flagged"]
    summary = {
        "documents": len(sources),
        "sentences": len(sentences),
        "prepare_s": round(prep, 1),
        "check_s": round(elapsed, 1),
        "claims_per_s": round(checked / elapsed, 1) if elapsed else None,
        "caught": caught,
        "fabricated": fabricated,
        "caught_rate": round(caught / fabricated, 4) if fabricated else None,
        "false_flags": true_flags,
        "true_claims": true_n,
        "false_flag_rate": round(true_flags / true_n, 4) if true_n else None,
        "sentence_false_flags": sentence_flags,
        "by_kind": {k: dict(v) for k, v in sorted(stats.items())},
        "examples": examples,
        "anchor": "numguard (English): 916/1000 caught, 0/200 false flags",
        "target": "≥ 98% caught, ≤ 1% false flags",
    }
    print(
        f"文档 {summary['documents']} 篇，句子 {len(sentences)} 句；准备 {prep:.1f} s，核对 {checked} 条 {elapsed:.1f} s"
    )
    print(f"{'类别':<28}{'数量':>6}{'检出/误报':>10}{'比例':>9}")
    for k, v in sorted(stats.items()):
        hit = v.get("caught", v.get("flagged", 0))
        print(f"{k:<28}{v['n']:>6}{hit:>10}{(hit / v['n'] if v['n'] else 0):>9.1%}")
    print(f"虚构数字检出：{caught}/{fabricated} = {summary['caught_rate']:.1%}（目标 ≥ 98%）")
    print(f"真实陈述误报：{true_flags}/{true_n} = {summary['false_flag_rate']:.1%}（目标 ≤ 1%）")
    print(f"参照：{summary['anchor']}")
    for k, rows in examples.items():
        print(f"\n--- {k} ---")
        for row in rows[: args.show]:
            print(json.dumps(row, ensure_ascii=False))
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(summary, ensure_ascii=False, indent=1), encoding="utf-8")
    ok = (summary["caught_rate"] or 0) >= 0.98 and (summary["false_flag_rate"] or 0) <= 0.01
    print("达标" if ok else "未达标")
    return 0


def _example(claim: Claim, sources: list) -> dict:
    result = check_text(claim.text, sources)
    return {
        "kind": claim.kind,
        "how": claim.how,
        "target": claim.target,
        "text": claim.text[:160],
        "mentions": [
            f"{m.text}|{m.label}|{m.status}|{m.source_text or ''}"[:90]
            for m in result.mentions
            if m.status != "ignored"
        ],
    }


if __name__ == "__main__":
    sys.exit(main())
