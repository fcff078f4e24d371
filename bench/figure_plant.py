"""Plant one error into each holding relation of the hand-labelled figure-relations dev set, and measure.

The dev set (tests/data/figure_relations/*.yaml, see its README) says, by reading, which figures of a real
report state a relation and with which roles. This module changes one figure of each relation that holds
(a part +3, ×10, swapped digits, a rate moved 3 points) in a copy of its file, choosing the first change —
in an order rotated by a hash of the relation's id — that breaks the relation as labelled. Whether a change
breaks a relation is decided here, from the labels' values, never by the checker under test.

`measure()` runs the checker on each file as published and on each planted copy: a planted error is caught
when a finding (error or warning) on one of the relation's lines states one of its figures and was not there
before; a finding on a holding relation of the unchanged file is a false alarm. Used by
tests/test_figure_relations_dev.py and bench/bench_figure_recall.py.

    python -m bench.figure_plant --out DIR     # writes the planted copies and a manifest.json
"""

from __future__ import annotations

import argparse
import json
import re
import tempfile
import zlib
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import yaml

from assistant.documents import load_document
from assistant.figures import check_relations
from assistant.vocabulary import to_chinese

ROOT = Path(__file__).resolve().parent.parent
DEV_DIR = ROOT / "tests" / "data" / "figure_relations"
KINDS = ("breakdown_sum", "breakdown_bound", "rate", "change")
MUTATIONS = ("plus3", "times10", "swap", "points")

_ARABIC = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?")
_CN_NUM = re.compile(r"[零〇一二两三四五六七八九十百千万亿壹贰叁肆伍陆柒捌玖拾佰仟萬億兩]+")


@dataclass
class Relation:
    id: str
    file: str
    line: int
    kind: str
    quote: str
    figures: list[dict[str, Any]]
    holds: bool
    note: str = ""
    reach: str = "stated"  # stated | implicit (see the dev set's README)

    @property
    def lines(self) -> set[int]:
        return {int(f.get("line", self.line)) for f in self.figures} | {self.line}


@dataclass
class Planted:
    relation: str
    kind: str
    file: str
    line: int  # line of the changed figure
    role: str
    mutation: str
    old: str
    new: str
    text: str  # the whole planted file
    values: tuple[float, ...] = ()  # the relation's figure values after the change


def load_relations(dev_dir: Path = DEV_DIR) -> list[Relation]:
    out: list[Relation] = []
    for path in sorted(dev_dir.glob("*.yaml")):
        for item in yaml.safe_load(path.read_text(encoding="utf-8")) or []:
            out.append(
                Relation(
                    id=str(item["id"]),
                    file=item["file"],
                    line=int(item["line"]),
                    kind=item["kind"],
                    quote=str(item.get("quote", "")),
                    figures=list(item["figures"]),
                    holds=bool(item["holds"]),
                    note=str(item.get("note", "")),
                    reach=str(item.get("reach", "stated")),
                )
            )
    return out


# --- the relation's arithmetic, from the labels ---------------------------------------------------


def _surface(text: str) -> tuple[str, int, int] | None:
    """The written number inside a figure's text: (digits, start, end)."""
    m = _ARABIC.search(text) or _CN_NUM.search(text)
    return (m.group(0), m.start(), m.end()) if m else None


def _precision(fig: dict[str, Any]) -> float:
    """Half the unit of the last written digit, in the labelled value's units; 0 for an exact count."""
    s = _surface(str(fig["text"]))
    value = float(fig["value"])
    if s is None or not s[0][0].isdigit():
        return 0.0 if value.is_integer() and not re.search(r"[万亿]", str(fig["text"])) else abs(value) * 0.05
    digits = s[0].replace(",", "")
    written = float(digits)
    scale = value / written if written else 1.0
    decimals = len(digits.split(".")[1]) if "." in digits else 0
    if decimals == 0 and abs(scale - 1) < 1e-9 and not re.search(r"[%％‰]|个百分点|成", str(fig["text"])):
        return 0.0
    return 0.5 * 10**-decimals * abs(scale)


_MINUTES = {"分钟": 1.0, "小时": 60.0, "天": 1440.0}


def _minutes(fig: dict[str, Any]) -> float:
    """A duration's value in minutes (2小时 against 30分钟), else the value."""
    unit = next((u for u in _MINUTES if str(fig["text"]).endswith(u)), None)
    return float(fig["value"]) * _MINUTES[unit] if unit else float(fig["value"])


def _percent(fig: dict[str, Any]) -> float:
    text = str(fig["text"])
    v = float(fig["value"])
    if "‰" in text:
        return v / 10
    if text.rstrip().endswith("成") and v <= 10:
        return v * 10
    return v


def holds(kind: str, figures: list[dict[str, Any]]) -> bool:
    """Does the relation hold with these figures, at the precision they are written with?"""
    by: dict[str, list[dict[str, Any]]] = {}
    for f in figures:
        by.setdefault(str(f["role"]), []).append(f)
    eps = 1e-9
    if kind in ("breakdown_sum", "breakdown_bound"):
        total = by["total"][0]
        parts = by.get("part", [])
        s = sum(float(p["value"]) for p in parts)
        tol = _precision(total) + sum(_precision(p) for p in parts)
        if kind == "breakdown_sum":
            return abs(s - float(total["value"])) <= tol + eps
        return s <= float(total["value"]) + tol + eps
    if kind == "rate":
        num, den, rate = by["numerator"][0], by["denominator"][0], by["rate"][0]
        n, d = float(num["value"]), float(den["value"])
        if d <= 0:
            return False
        lo = max(n - _precision(num), 0) / (d + _precision(den)) * 100
        hi = (n + _precision(num)) / max(d - _precision(den), eps) * 100
        r, rp = (
            _percent(rate),
            _precision(rate) * (_percent(rate) / float(rate["value"]) if float(rate["value"]) else 1),
        )
        return lo - rp - eps <= r <= hi + rp + eps
    if kind == "change":
        before, after = by["before"][0], by["after"][0]
        b, a = float(before["value"]), float(after["value"])
        if _minutes(before) != b or _minutes(after) != a:
            b, a = _minutes(before), _minutes(after)
        btol, atol = _precision(before), _precision(after)
        diff = abs(a - b)
        ok = True
        for f in by.get("delta", []):
            ok &= abs(float(f["value"]) - diff) <= btol + atol + _precision(f) + eps
        for f in by.get("points", []):
            ok &= abs(float(f["value"]) - diff) <= btol + atol + _precision(f) + eps
        for f in by.get("pct", []):
            lo = max(diff - btol - atol, 0) / (b + btol) * 100 if b + btol > 0 else 0
            hi = (diff + btol + atol) / max(b - btol, eps) * 100
            ok &= lo - _precision(f) - eps <= float(f["value"]) <= hi + _precision(f) + eps
        return ok
    raise ValueError(f"unknown kind {kind}")


# --- changing one figure ---------------------------------------------------------------------------


def _format_like(written: str, number: float) -> str:
    decimals = len(written.split(".")[1]) if "." in written else 0
    s = f"{number:.{decimals}f}"
    if "," in written:
        whole, _, frac = s.partition(".")
        s = f"{int(whole):,}" + (f".{frac}" if frac else "")
    return s


def _swap(digits: str) -> str | None:
    """Swap the first two adjacent different digits: 91 → 19, 1374 → 3174."""
    chars = list(digits)
    idx = [i for i, c in enumerate(chars) if c.isdigit()]
    for a, b in zip(idx, idx[1:]):
        if chars[a] != chars[b] and not (a == idx[0] and chars[b] == "0"):
            chars[a], chars[b] = chars[b], chars[a]
            return "".join(chars)
    return None


def mutate(fig: dict[str, Any], mutation: str) -> tuple[str, float] | None:
    """The figure's new text and value under `mutation`, or None when it does not apply."""
    text = str(fig["text"])
    s = _surface(text)
    if s is None:
        return None
    written, a, b = s
    value = float(fig["value"])
    arabic = written[0].isdigit()
    number = float(written.replace(",", "")) if arabic else value
    scale = value / number if number else 1.0
    is_pct = any(u in text for u in ("%", "％", "‰", "个百分点", "成"))
    if mutation == "points":
        if not is_pct or not arabic:
            return None
        new_number = number + 3 if number + 3 <= 100 or "个百分点" in text else number - 3
    elif mutation == "plus3":
        new_number = number + 3
    elif mutation == "times10":
        new_number = number * 10
    elif mutation == "swap":
        src = written.replace(",", "") if arabic else str(int(value)) if value.is_integer() else ""
        swapped = _swap(src)
        if not swapped:
            return None
        new_number = float(swapped)
    else:
        raise ValueError(mutation)
    if arabic:
        new_written = _format_like(written, new_number)
    else:
        if not float(new_number).is_integer() or "万" in written or "亿" in written:
            return None
        new_written = to_chinese(int(new_number))
    if new_written == written:
        return None
    return text[:a] + new_written + text[b:], new_number * scale


def _targets(rel: Relation) -> list[int]:
    """Which figures may change, most telling first: parts of a breakdown, the rate, the later values."""
    roles = {
        "breakdown_sum": ("part",),
        "breakdown_bound": ("part",),
        "rate": ("rate", "numerator", "denominator"),
        "change": ("after", "pct", "delta", "points", "before"),
    }
    order = roles[rel.kind]
    return sorted(
        (i for i, f in enumerate(rel.figures) if f["role"] in order), key=lambda i: order.index(rel.figures[i]["role"])
    )


def _find_figure(line: str, text: str, start: int) -> int:
    """The first place of `text` at or after `start` that is a whole number, not the tail of a longer one."""
    digitlike = "0123456789.,零〇一二两三四五六七八九十百千万亿"
    pos = line.find(text, start)
    while pos > 0 and line[pos - 1] in digitlike and text[:1] in digitlike:
        pos = line.find(text, pos + 1)
    return pos if pos >= 0 else line.find(text, start)  # "40.151件": an item number glued on


def _locate(lines: list[str], rel: Relation, index: int) -> tuple[int, int]:
    """(line index, column) of figure `index` of the relation in the file's lines."""
    fig = rel.figures[index]
    line_no = int(fig.get("line", rel.line))
    line = lines[line_no - 1]
    pos = line.find(rel.quote) if rel.quote and line_no == rel.line else -1
    cursor = max(pos, 0)
    for j, other in enumerate(rel.figures):
        if int(other.get("line", rel.line)) != line_no:
            continue
        found = _find_figure(line, str(other["text"]), cursor)
        if found < 0:
            found = _find_figure(line, str(other["text"]), 0)
        if found < 0:
            raise ValueError(f"{rel.id}: {other['text']!r} not on line {line_no}")
        if j == index:
            return line_no - 1, found
        cursor = found + len(str(other["text"]))
    raise ValueError(f"{rel.id}: figure {index} not located")


def plant(rel: Relation, original: str) -> Planted | None:
    """One planted error for a holding relation, or None when no listed change breaks it. Which change and which
    figure come first is rotated by a hash of the relation's id, so adding relations changes no other plant."""
    if not rel.holds:
        return None
    position = zlib.crc32(rel.id.encode("utf-8"))
    lines = original.split("\n")
    targets = _targets(rel)
    kinds = MUTATIONS[position % len(MUTATIONS) :] + MUTATIONS[: position % len(MUTATIONS)]
    rotated = targets[position % len(targets) :] + targets[: position % len(targets)] if targets else []
    for mutation in kinds:
        for idx in rotated:
            changed = mutate(rel.figures[idx], mutation)
            if changed is None:
                continue
            new_text, new_value = changed
            figures = [dict(f) for f in rel.figures]
            figures[idx] = {**figures[idx], "text": new_text, "value": new_value}
            if holds(rel.kind, figures):
                continue
            li, col = _locate(lines, rel, idx)
            old = str(rel.figures[idx]["text"])
            lines2 = list(lines)
            lines2[li] = lines2[li][:col] + new_text + lines2[li][col + len(old) :]
            return Planted(
                rel.id,
                rel.kind,
                rel.file,
                li + 1,
                str(rel.figures[idx]["role"]),
                mutation,
                old,
                new_text,
                "\n".join(lines2),
                tuple(float(f["value"]) for f in figures),
            )
    return None


@dataclass
class Measurement:
    """Per kind: planted errors caught / planted, relations no change could break, findings on holding
    relations, and the real errors of the published text found / labelled."""

    planted: Counter[str] = field(default_factory=Counter)
    caught: Counter[str] = field(default_factory=Counter)
    unplantable: Counter[str] = field(default_factory=Counter)
    alarms: Counter[str] = field(default_factory=Counter)
    real: Counter[str] = field(default_factory=Counter)
    real_found: Counter[str] = field(default_factory=Counter)
    misses: list[str] = field(default_factory=list)
    alarm_notes: list[str] = field(default_factory=list)

    def recall(self, kind: str | None = None) -> float:
        planted = self.planted[kind] if kind else sum(self.planted.values())
        caught = self.caught[kind] if kind else sum(self.caught.values())
        return caught / planted if planted else float("nan")

    def table(self) -> str:
        rows = [f"{'关系类型':14}{'植入':>6}{'检出':>6}{'检出率':>8}{'无法植入':>8}{'误报':>6}{'原文错误检出':>10}"]
        for kind in [*KINDS, None]:
            name = kind or "合计"
            real = (
                f"{self.real_found[kind]}/{self.real[kind]}"
                if kind
                else f"{sum(self.real_found.values())}/{sum(self.real.values())}"
            )
            planted = self.planted[kind] if kind else sum(self.planted.values())
            caught = self.caught[kind] if kind else sum(self.caught.values())
            unplantable = self.unplantable[kind] if kind else sum(self.unplantable.values())
            alarms = self.alarms[kind] if kind else sum(self.alarms.values())
            rows.append(
                f"{name:16}{planted:>7}{caught:>7}{self.recall(kind):>9.1%}{unplantable:>9}{alarms:>7}{real:>12}"
            )
        return "\n".join(rows)


def _about(issue: Any, values: list[float]) -> bool:
    """A finding is about a relation when the value it says was stated is one of the relation's figures."""
    return any(abs(issue.stated - v) <= 1e-6 * max(1.0, abs(v)) for v in values)


def measure(corpus: Path, reach: str | None = "stated", dev_dir: Path = DEV_DIR) -> Measurement:
    """Recall and false alarms of the checker on the dev set (relations of `reach`, or all when None)."""

    def findings(path: Path) -> list[Any]:
        return [i for i in check_relations(load_document(path)).issues if i.severity in ("error", "warning")]

    out = Measurement()
    published: dict[str, list[Any]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for rel in load_relations(dev_dir):
            if reach and rel.reach != reach:
                continue
            path = corpus / rel.file
            if rel.file not in published:
                published[rel.file] = findings(path)
            values = [float(f["value"]) for f in rel.figures]
            here = [i for i in published[rel.file] if i.line in rel.lines and _about(i, values)]
            if not rel.holds:
                out.real[rel.kind] += 1
                out.real_found[rel.kind] += bool(here)
                continue
            if here:
                out.alarms[rel.kind] += 1
                out.alarm_notes.append(f"{rel.id} {rel.file}:{rel.line} {here[0].message}")
            planted = plant(rel, path.read_text(encoding="utf-8"))
            if planted is None:
                out.unplantable[rel.kind] += 1
                continue
            copy = Path(tmp) / rel.id / Path(rel.file).name
            copy.parent.mkdir()
            copy.write_text(planted.text, encoding="utf-8")
            out.planted[rel.kind] += 1
            before = {(i.line, i.kind, i.stated) for i in published[rel.file]}
            new = [
                i
                for i in findings(copy)
                if i.line in rel.lines
                and (i.line, i.kind, i.stated) not in before
                and _about(i, [*values, *planted.values])
            ]
            if new:
                out.caught[rel.kind] += 1
            else:
                out.misses.append(
                    f"{rel.id} {rel.kind} {planted.mutation} {planted.old}→{planted.new}: {rel.quote[:60]}"
                )
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    ap.add_argument("--out", type=Path, required=True)
    args = ap.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    manifest = []
    for rel in load_relations():
        p = plant(rel, (args.corpus / rel.file).read_text(encoding="utf-8"))
        if p is None:
            continue
        name = f"{rel.id}{Path(rel.file).suffix}"
        (args.out / name).write_text(p.text, encoding="utf-8")
        manifest.append({**{k: v for k, v in asdict(p).items() if k != "text"}, "copy": name})
    (args.out / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")
    print(f"{len(manifest)} planted copies in {args.out}")


if __name__ == "__main__":
    main()
