"""Metadata accuracy against hand labels: report openings, seeds and the 120 work reports.

Shared by the accuracy test and bench/bench_meta.py so both measure the same thing the same way
(code only tests and benchmarks use lives in bench/, outside the package).
The labels were made by reading the files, never by running this code: the openings' metadata is in
../shared/corpus/openings/labels.yaml, the seeds' in ../shared/corpus/labels.yaml, and issuers plus the
work reports' metadata in tests/data/document_meta_labels.yaml.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from assistant.documents import Meta, load_document

ROOT = Path(__file__).resolve().parent.parent
DOCUMENT_LABELS = ROOT / "tests" / "data" / "document_meta_labels.yaml"
FIELDS = ("doc_type", "year", "level", "is_department", "issuer")
SETS = ("openings", "seeds", "work_reports")


@dataclass
class LabelledFile:
    key: str  # path relative to the corpus, as the label files name it
    path: Path
    label: dict[str, Any]  # field → expected value (only the fields that were labelled)


@dataclass
class FieldScore:
    name: str
    right: int = 0
    total: int = 0
    misses: list[tuple[str, Any, Any]] = field(default_factory=list)  # (file, expected, got)

    @property
    def accuracy(self) -> float:
        return self.right / self.total if self.total else 1.0


def labelled_files(corpus: Path, labels_file: Path = DOCUMENT_LABELS) -> dict[str, list[LabelledFile]]:
    """Every labelled file of the three sets, with its labels merged from the label files."""
    documents = yaml.safe_load(labels_file.read_text(encoding="utf-8"))
    seeds = yaml.safe_load((corpus / "labels.yaml").read_text(encoding="utf-8"))
    openings = yaml.safe_load((corpus / "openings" / "labels.yaml").read_text(encoding="utf-8"))
    out: dict[str, list[LabelledFile]] = {name: [] for name in SETS}
    for name, label in sorted(openings.items()):
        key = f"openings/{name}"
        merged = {k: label[k] for k in ("doc_type", "year", "level", "is_department") if k in label}
        extra = documents.get(key, {})
        if "issuers" in extra:
            merged["issuers"] = list(extra["issuers"])
        elif "issuer" in extra:
            merged["issuer"] = extra["issuer"]
        out["openings"].append(LabelledFile(key, corpus / key, merged))
    for key, label in sorted(seeds.items()):
        if key.startswith("seeds/"):
            merged = {k: label[k] for k in ("doc_type", "year", "level", "issuer") if k in label}
            out["seeds"].append(LabelledFile(key, corpus / key, merged))
    for key, label in sorted(documents.items()):
        if key.startswith("gov-work-reports/"):
            merged = {k: label[k] for k in FIELDS if k in label}
            out["work_reports"].append(LabelledFile(key, corpus / key, merged))
    return out


def _expected_and_got(name: str, label: dict[str, Any], meta: Meta) -> tuple[Any, Any] | None:
    if name == "issuer" and "issuers" in label:
        return label["issuers"], list(meta.issuers)
    if name not in label:
        return None
    return label[name], getattr(meta, name)


def score_set(files: list[LabelledFile], detect: Callable[[Path], Meta] | None = None) -> dict[str, FieldScore]:
    """Per-field accuracy over one set; `detect` defaults to the whole loading pipeline."""
    detect = detect or (lambda p: load_document(p).meta)
    scores = {name: FieldScore(name) for name in FIELDS}
    for item in files:
        meta = detect(item.path)
        for name in FIELDS:
            pair = _expected_and_got(name, item.label, meta)
            if pair is None:
                continue
            expected, got = pair
            score = scores[name]
            score.total += 1
            if expected == got:
                score.right += 1
            else:
                score.misses.append((item.key, expected, got))
    return scores


def combined(per_set: dict[str, dict[str, FieldScore]]) -> dict[str, FieldScore]:
    """The three sets pooled: the figure the ≥ 95% bar is set on."""
    pooled = {name: FieldScore(name) for name in FIELDS}
    for scores in per_set.values():
        for name, s in scores.items():
            pooled[name].right += s.right
            pooled[name].total += s.total
            pooled[name].misses += s.misses
    return pooled


def format_scores(per_set: dict[str, dict[str, FieldScore]], *, misses: tuple[str, ...] = FIELDS) -> str:
    """A plain table of right/total per field and set, then the misses of the `misses` fields."""
    sets = {**per_set, "all": combined(per_set)}
    rows = ["field          " + "".join(f"{name:>16}" for name in sets)]
    for name in FIELDS:
        cells = "".join(f"{s[name].right:>6}/{s[name].total:<4}{s[name].accuracy:>5.0%}" for s in sets.values())
        rows.append(f"{name:<15}{cells}")
    for name in misses:
        for key, expected, got in sets["all"][name].misses:
            rows.append(f"  miss {name}: {key}: expected {expected!r}, got {got!r}")
    return "\n".join(rows)
