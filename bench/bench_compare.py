"""The reviewer's Word tools and the comparison with last year: time to annotate and to compare, as ratios to a
plain review measured in the same run, and the follow-through matcher's precision and recall.

Annotate: review + the commented copy written (a seed converted to .docx with python-docx, so the Word path
is measured; and the seed as .txt, which becomes a plain .docx). Compare: `compare_reports` on a 法治政府建设
report against its near copy dated a year later, and on consecutive 政府工作报告 of one district (hundreds of
plan items: the matcher's worst case). Baseline: `review_report` of the same document, loaded once.

    python bench/bench_compare.py [--rounds N] [--json OUT]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from docx import Document as new_docx

from assistant.compare import compare_reports
from assistant.documents import load_document
from assistant.review import annotate, review_report
from bench.bench_review import corpus_dir
from bench.plan_eval import calibrate, cross_validate, load_pairs, score


def _median(fn, rounds: int) -> float:
    times = []
    for _ in range(rounds):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--json", type=Path, default=ROOT / "bench" / "results" / "compare.json")
    args = parser.parse_args()
    corpus = corpus_dir()
    seed = next((corpus / "seeds").glob("000_*.txt"))
    work = Path(tempfile.mkdtemp(prefix="bench-compare-"))
    docx_path = work / "seed000.docx"
    word = new_docx()
    for line in seed.read_text(encoding="utf-8").replace("\r\n", "\n").split("\n"):
        word.add_paragraph(line)
    word.save(str(docx_path))
    result: dict[str, object] = {}
    for name, path in (("txt", seed), ("docx", docx_path)):
        doc = load_document(path)
        plain = _median(lambda doc=doc: review_report(doc), args.rounds)
        target = work / f"{name}_批注.docx"
        annotated = _median(lambda doc=doc, target=target: annotate(doc, review_report(doc), target), args.rounds)
        result[f"annotate_{name}"] = {
            "review_ms": round(plain * 1000, 1),
            "review_and_annotate_ms": round(annotated * 1000, 1),
            "ratio": round(annotated / plain, 2),
        }
    near_text = (corpus / "seeds").glob("002_*.txt").__next__().read_text(encoding="utf-8")
    near = work / "near_2020.txt"
    near.write_text(near_text.replace("2020", "2021").replace("2019", "2020"), encoding="utf-8")
    gov = corpus / "gov-work-reports"
    pairs = {
        "seed002_near_copy": (load_document(near), load_document(next((corpus / "seeds").glob("002_*.txt")))),
        "longgang_2019_2020": (
            load_document(gov / "龙岗区2020年政府工作报告_2020.txt"),
            load_document(gov / "龙岗区2019年政府工作报告_2019.txt"),
        ),
    }
    compare_reports(*pairs["seed002_near_copy"])  # model and dictionaries loaded before timing
    for name, (this, last) in pairs.items():
        plain = _median(lambda this=this: review_report(this), args.rounds)
        both = _median(lambda this=this, last=last: compare_reports(this, last), 1)
        c = compare_reports(this, last)
        result[f"compare_{name}"] = {
            "review_ms": round(plain * 1000, 1),
            "compare_ms": round(both * 1000, 1),
            "ratio": round(both / plain, 1),
            "plans": len(c.plans),
            "followed": c.followed,
            "reused_share": round(c.reused_share, 3),
        }
    labelled = load_pairs(corpus)
    threshold, weight, best = calibrate(labelled)
    result["matcher"] = {
        "shipped": score(labelled).__dict__,
        "best_threshold": threshold,
        "best_overlap_weight": weight,
        "best": best.__dict__,
        "leave_one_pair_out": cross_validate(labelled).__dict__,
    }
    print(json.dumps(result, ensure_ascii=False, indent=2))
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(result, ensure_ascii=False, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
