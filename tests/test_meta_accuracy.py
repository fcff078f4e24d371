"""Metadata accuracy against the hand labels: 26 report openings, the 5 seeds, the 120 work reports.

The bar (issue 14): doc_type, year and level each ≥ 95% over the three sets together, and on the
openings alone (the development set); no work report and no seed may be taken for another genre.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.meta_eval import DOCUMENT_LABELS, FieldScore, format_scores, labelled_files, score_set

BAR = 0.95
BAR_FIELDS = ("doc_type", "year", "level")


@pytest.fixture(scope="module")
def scores(shared_corpus: Path) -> dict[str, dict[str, FieldScore]]:
    files = labelled_files(shared_corpus, DOCUMENT_LABELS)
    assert [len(files[s]) for s in ("openings", "seeds", "work_reports")] == [26, 5, 120]
    per_set = {name: score_set(items) for name, items in files.items()}
    print("\n" + format_scores(per_set))
    return per_set


@pytest.mark.parametrize("field", BAR_FIELDS)
def test_each_field_meets_the_bar_over_all_sets(scores: dict[str, dict[str, FieldScore]], field: str) -> None:
    right = sum(s[field].right for s in scores.values())
    total = sum(s[field].total for s in scores.values())
    misses = [m for s in scores.values() for m in s[field].misses]
    assert total == 151
    assert right / total >= BAR, f"{field}: {right}/{total}; misses: {misses}"


@pytest.mark.parametrize("field", (*BAR_FIELDS, "is_department"))
def test_each_field_meets_the_bar_on_the_openings(scores: dict[str, dict[str, FieldScore]], field: str) -> None:
    score = scores["openings"][field]
    assert score.total == 26
    assert score.accuracy >= BAR, f"{field}: {score.right}/{score.total}; misses: {score.misses}"


def test_no_work_report_or_seed_changes_genre(scores: dict[str, dict[str, FieldScore]]) -> None:
    assert scores["work_reports"]["doc_type"].misses == []
    assert scores["seeds"]["doc_type"].misses == []  # seed 001 is labelled work_plan


def test_issuer_is_measured_and_the_joint_report_keeps_both(scores: dict[str, dict[str, FieldScore]]) -> None:
    """Issuer is not under the bar (labels add city prefixes only the source page gives) but must not regress."""
    assert scores["seeds"]["issuer"].accuracy == 1.0
    assert scores["openings"]["issuer"].right >= 19
    assert scores["work_reports"]["issuer"].right >= 72
    assert not any(key.startswith("openings/027") for key, _, _ in scores["openings"]["issuer"].misses)
