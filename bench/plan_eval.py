"""Precision and recall of the follow-through matcher on the hand-labelled plan items (tests and benchmarks).

tests/data/plan_followthrough.yaml labels plan items of real report pairs as carried out (with the lines
that carry them out) or not. A plan predicted as followed counts as right only when its evidence line is
one of the labelled lines; a wrong line is a false positive and, for a followed plan, a miss as well.
`calibrate` searches the threshold (and the weight of shared terms) that maximises F1 on the set.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from assistant.compare import FOLLOW_THRESHOLD, OVERLAP_WEIGHT, Candidates, candidates, decide, plan_items
from assistant.compare.reuse import squash
from assistant.documents import load_document

LABELS = ROOT / "tests" / "data" / "plan_followthrough.yaml"


@dataclass
class Labelled:
    pair: str
    line: int
    starts: str
    followed: bool
    evidence: set[int]
    index: int  # position of the item in the pair's plan items


@dataclass
class Scores:
    precision: float
    recall: float
    f1: float
    tp: int
    fp: int
    fn: int
    items: int


def load_pairs(corpus: Path) -> list[tuple[Candidates, list[Labelled]]]:
    """Each labelled pair with the matcher's candidates (computed once: scoring a threshold is then free)."""
    data = yaml.safe_load(LABELS.read_text(encoding="utf-8"))
    out = []
    for pair in data["pairs"]:
        last, this = load_document(corpus / pair["last"]), load_document(corpus / pair["this"])
        items = plan_items(last)
        chosen, labelled = [], []
        for item in pair["items"]:
            key = squash(item["starts"])
            plan = next((p for p in items if p.line == item["line"] and squash(p.text).startswith(key)), None)
            if plan is None:
                raise ValueError(f"{pair['last']} 第{item['line']}行没有以“{item['starts']}”开头的计划项")
            labelled.append(
                Labelled(
                    pair["last"], item["line"], item["starts"], item["followed"], set(item["evidence"]), len(chosen)
                )
            )
            chosen.append(plan)
        out.append((candidates(this, last, items=chosen), labelled))  # each item is matched on its own
    return out


def score(
    pairs: list[tuple[Candidates, list[Labelled]]],
    threshold: float = FOLLOW_THRESHOLD,
    overlap_weight: float = OVERLAP_WEIGHT,
) -> Scores:
    tp = fp = fn = n = 0
    for found, labelled in pairs:
        matches = decide(found, threshold, overlap_weight)
        for lab in labelled:
            n += 1
            m = matches[lab.index]
            predicted = m.status == "followed"
            right = predicted and lab.followed and m.evidence_line in lab.evidence
            tp += right
            fp += predicted and not right
            fn += lab.followed and not right
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return Scores(round(precision, 3), round(recall, 3), round(f1, 3), tp, fp, fn, n)


def calibrate(pairs: list[tuple[Candidates, list[Labelled]]]) -> tuple[float, float, Scores]:
    """(threshold, overlap weight, scores) with the best F1; ties go to the higher threshold (fewer false claims)."""
    best: tuple[float, float, Scores] | None = None
    for weight in (0.0, 0.05, 0.1, 0.15, 0.2, 0.3):
        for step in range(80, 111):
            threshold = step / 100
            s = score(pairs, threshold, weight)
            if best is None or (s.f1, threshold) > (best[2].f1, best[0]):
                best = (threshold, weight, s)
    assert best is not None
    return best


def cross_validate(pairs: list[tuple[Candidates, list[Labelled]]]) -> Scores:
    """Leave one pair out: calibrate on the others, score the one left out; the counts added up."""
    tp = fp = fn = n = 0
    for k in range(len(pairs)):
        threshold, weight, _ = calibrate(pairs[:k] + pairs[k + 1 :])
        s = score(pairs[k : k + 1], threshold, weight)
        tp, fp, fn, n = tp + s.tp, fp + s.fp, fn + s.fn, n + s.items
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return Scores(round(precision, 3), round(recall, 3), round(f1, 3), tp, fp, fn, n)


if __name__ == "__main__":
    corpus = ROOT.parent / "shared" / "corpus"
    pairs = load_pairs(corpus)
    print("current:", score(pairs))
    print("best:", calibrate(pairs))
    print("leave one pair out:", cross_validate(pairs))
