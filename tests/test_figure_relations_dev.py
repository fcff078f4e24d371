"""The figure checker measured on the hand-labelled relations of real reports (tests/data/figure_relations).

One error is planted into each relation that holds (bench/figure_plant.py); the checker must catch at least
90% of them in every kind, and raise nothing on the relations as published. The relations the text states
(`reach: stated`) are the bar; those a reader links from knowledge or layout (`implicit`) are reported by
bench/bench_figure_recall.py, not asserted.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from bench.figure_plant import DEV_DIR, KINDS, holds, load_relations, measure

ROLES = {
    "breakdown_sum": {"total", "part"},
    "breakdown_bound": {"total", "part"},
    "rate": {"numerator", "denominator", "rate"},
    "change": {"before", "after", "delta", "pct", "points"},
}


def test_dev_set_is_well_formed() -> None:
    relations = load_relations()
    assert len(relations) >= 150
    assert len({r.id for r in relations}) == len(relations)
    for r in relations:
        assert r.kind in KINDS and r.reach in ("stated", "implicit"), r.id
        assert {f["role"] for f in r.figures} <= ROLES[r.kind], r.id
    raw = [item for path in sorted(DEV_DIR.glob("*.yaml")) for item in yaml.safe_load(path.read_text("utf-8"))]
    assert all("holds" in item and "quote" in item for item in raw)


def test_labels_agree_with_their_own_arithmetic() -> None:
    """`holds` as labelled by reading is what the labelled values give at their written precision."""
    wrong = [r.id for r in load_relations() if holds(r.kind, r.figures) != r.holds]
    assert wrong == []


def test_every_labelled_figure_is_on_its_line(shared_corpus: Path) -> None:
    missing = []
    for r in load_relations():
        lines = (shared_corpus / r.file).read_text(encoding="utf-8").split("\n")
        missing += [(r.id, f["text"]) for f in r.figures if str(f["text"]) not in lines[int(f.get("line", r.line)) - 1]]
    assert missing == []


@pytest.mark.corpus
def test_planted_errors_are_caught_and_published_relations_raise_nothing(shared_corpus: Path) -> None:
    m = measure(shared_corpus)
    print("\n" + m.table())
    assert sum(m.alarms.values()) == 0, m.alarm_notes
    for kind in KINDS:
        assert m.planted[kind] >= 15, kind
        assert m.recall(kind) >= 0.9, (kind, m.misses)
    assert sum(m.real_found.values()) >= 4  # of the 7 inconsistencies the published texts really have
