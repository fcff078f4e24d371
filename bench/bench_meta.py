"""Metadata accuracy (doc_type, year, level, is_department, issuer) per set, before → after.

Sets: the 26 report openings (development set), the 5 seeds and the 120 work reports, against the hand
labels (see bench/meta_eval.py). "Before" is the same measurement run on another git revision in a
temporary worktree (default: BASELINE_REF, the last commit before document-type and level detection
read the body; `--baseline REF` for another, `--baseline none` to skip). Also times the metadata
step. Writes bench/results/bench_meta.json.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from assistant.documents import Meta
from bench.meta_eval import FIELDS, SETS, FieldScore, format_scores, labelled_files, score_set

BASELINE_REF = "6c1f1de"  # main before issue 14

# Runs in a subprocess on a given checkout (this one or the baseline's), so both are measured the
# same way. Variants: "file" loads the file; "untitled" drops the title lines (lines naming a 报告 with
# no sentence end) to see what the body alone gives; "unnamed" parses the text without its file name.
_DUMP = """
import json, sys
try:
    from assistant.documents import load_document, parse_text, read_document_text
except ImportError:
    from assistant.documents import load_document, parse_text
    from assistant.loading import read_document_text
out = {}
for key, (path, variant) in json.load(sys.stdin).items():
    if variant == "file":
        m = load_document(path).meta
    else:
        text = read_document_text(path)[0]
        if variant == "untitled":
            text = "\\n".join(s for i, s in enumerate(text.split("\\n"))
                              if i >= 8 or not (("报告" in s or "報告" in s) and "。" not in s))
        m = parse_text(text).meta
    out[key] = {"doc_type": m.doc_type, "year": m.year, "level": m.level, "is_department": m.is_department,
                "issuer": m.issuer, "issuers": list(getattr(m, "issuers", None) or ([m.issuer] if m.issuer else []))}
print(json.dumps(out, ensure_ascii=False))
"""
# set name → (labelled set, variant)
MEASURED = {
    "openings": ("openings", "file"),
    "seeds": ("seeds", "file"),
    "work_reports": ("work_reports", "file"),
    "openings_untitled": ("openings", "untitled"),
    "work_reports_unnamed": ("work_reports", "unnamed"),
}


def corpus() -> Path:
    env = os.environ.get("FAZHI_SHARED")
    return (Path(env) if env else ROOT.parent / "shared") / "corpus"


def measure(tree: Path, jobs: dict[str, tuple[Path, str]]) -> dict[str, Meta]:
    """Metadata as the checkout at `tree` detects it, for each job key → (file, variant)."""
    proc = subprocess.run(
        [sys.executable, "-c", _DUMP],
        cwd=tree,
        capture_output=True,
        text=True,
        timeout=900,
        input=json.dumps({k: [str(p), v] for k, (p, v) in jobs.items()}),
        env={**os.environ, "PYTHONPATH": str(tree)},
    )
    if proc.returncode:
        raise RuntimeError(proc.stderr.strip()[-300:])
    return {k: Meta(**v) for k, v in json.loads(proc.stdout).items()}


def baseline(ref: str, jobs: dict[str, tuple[Path, str]]) -> dict[str, Meta] | None:
    """`measure` on revision `ref` in a temporary worktree; None when it cannot be checked out or run."""
    with tempfile.TemporaryDirectory() as tmp:
        tree = Path(tmp) / "baseline"
        added = subprocess.run(
            ["git", "-C", str(ROOT), "worktree", "add", "--detach", str(tree), ref], capture_output=True, text=True
        )
        if added.returncode:
            print(f"跳过基线：无法检出 {ref}（{added.stderr.strip()[:120]}）")
            return None
        try:
            return measure(tree, jobs)
        except (RuntimeError, subprocess.TimeoutExpired) as exc:
            print(f"跳过基线：{ref} 运行失败（{exc}）")
            return None
        finally:
            subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(tree)], capture_output=True)


def _scores(files: dict, metas: dict[str, Meta]) -> dict[str, dict[str, FieldScore]]:
    return {
        name: score_set(files[labelled], lambda p, n=name: metas[f"{n}:{p}"])
        for name, (labelled, _) in MEASURED.items()
    }


def _table(per_set: dict[str, dict[str, FieldScore]]) -> dict[str, dict[str, list[int]]]:
    return {name: {f: [s.right, s.total] for f, s in scores.items()} for name, scores in per_set.items()}


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--baseline", default=BASELINE_REF, help="git revision to compare against, or none")
    args = parser.parse_args()
    base = corpus()
    if not (base / "openings" / "labels.yaml").exists():
        print(f"跳过：找不到语料 {base}")
        return 0
    files = labelled_files(base)
    jobs = {
        f"{name}:{item.path}": (item.path, variant)
        for name, (labelled, variant) in MEASURED.items()
        for item in files[labelled]
    }
    started = time.perf_counter()
    for name in SETS:
        score_set(files[name])  # in-process: the time of loading + detection
    seconds = time.perf_counter() - started
    after = _scores(files, measure(ROOT, jobs))
    metas = baseline(args.baseline, jobs) if args.baseline.lower() != "none" else None
    before = _scores(files, metas) if metas else None
    n_files = sum(len(files[name]) for name in SETS)
    print(
        f"元数据识别准确率（{n_files} 份：报告开头 26、种子 5、政府工作报告 120；加载+识别共 {seconds:.2f} 秒）；"
        f"{'基线 ' + args.baseline + ' → 当前' if before else '当前'}"
    )
    for name in MEASURED:
        cells = []
        for f in FIELDS:
            now, was = after[name][f], before[name][f] if before else None
            if now.total:
                cells.append(f"{f} " + (f"{was.right}→" if was else "") + f"{now.right}/{now.total}")
        print(f"  {name:<22}" + "；".join(cells))
    print(format_scores({name: after[name] for name in SETS}, misses=("doc_type", "year", "level", "is_department")))
    for name in ("openings_untitled", "work_reports_unnamed"):
        for f in ("doc_type", "year", "level", "is_department"):
            for key, expected, got in after[name][f].misses:
                print(f"  miss ({name}) {f}: {key}: expected {expected!r}, got {got!r}")
    result = {
        "files": n_files,
        "seconds": round(seconds, 2),
        "after": _table(after),
        "baseline_ref": args.baseline if before else None,
        "before": _table(before) if before else None,
    }
    out = ROOT / "bench" / "results"
    out.mkdir(parents=True, exist_ok=True)
    (out / "bench_meta.json").write_text(json.dumps(result, ensure_ascii=False, indent=2), encoding="utf-8")
    pooled = {
        f: sum(after[n][f].right for n in SETS) / sum(after[n][f].total for n in SETS)
        for f in ("doc_type", "year", "level")
    }
    return 0 if min(pooled.values()) >= 0.95 else 1


if __name__ == "__main__":
    sys.exit(main())
