"""Rates and shares: a 率 whose numerator and base the sentence names, and a part's share (占…%) of its total."""

from __future__ import annotations

import re

from assistant.documents import Document
from assistant.figures.checks.common import BETWEEN, SCOPE, span_text
from assistant.figures.model import CheckedRelation, CheckResult, Figure, FigureIssue, compatible_units
from assistant.vocabulary import agrees, fmt_number

__all__ = ["check_rates", "check_shares"]

_RATE_LABEL = re.compile(r"(?:率|比例)$")
_FILING = re.compile(r"报送备案|报请备案|报备")
_CLOSED_SYN = re.compile(r"审结|结案")


_SUBJECT = re.compile(r"行政机关|(?:[区市县镇]|[区市县镇]?人民)政府|被诉行政机关")


def _stem(label: str) -> str:
    label = label.rsplit("的", 1)[-1]
    label = _FILING.sub("备案", SCOPE.sub("", label))  # 报备率 ← 报送备案12件
    return _CLOSED_SYN.sub("办结", label)  # 结案率 ← 审结126件


def _numerator_matches(rate_stem: str, num: Figure, den: Figure) -> bool:
    label = _stem(num.label)
    if not rate_stem or len(rate_stem) < 2 or not label:
        return False
    if label == rate_stem:
        return True
    den_label = den.label
    if label.endswith(rate_stem):
        prefix = label[: -len(rate_stem)]
        if _SUBJECT.fullmatch(prefix):
            return True  # 败诉率 ← 行政机关败诉 (负责人出庭应诉 stays apart)
        return len(prefix) >= 1 and prefix in den_label  # 成功率 ← 调解成功 when 调解 is the topic
    if label.startswith(rate_stem):
        rest = label[len(rate_stem) :]
        return len(rest) >= 2 and rest in den_label  # 化解率 ← 化解不稳定问题 of 排查…不稳定问题
    return False


def check_rates(doc: Document, figures: list[Figure], out: CheckResult) -> None:
    for r_i, rate in enumerate(figures):
        if rate.kind != "percent" or rate.approx or not _RATE_LABEL.search(rate.label):
            continue
        if any(ch in rate.label for ch in "和及、与"):
            continue  # 答复率和答复及时率: which one?
        stem = _stem(re.sub(r"(?:率|比例)$", "", rate.label))
        found = None
        for n_i in range(r_i - 1, -1, -1):
            num = figures[n_i]
            if num.sentence_start != rate.sentence_start:
                break
            if num.kind != "count" or not num.exact:
                continue
            dens = [d for d in _denominators(figures, n_i) if _numerator_matches(stem, num, d)]
            if not dens:
                continue
            den = dens[0]
            if BETWEEN.match(num.sentence[den.end - num.sentence_start : num.start - num.sentence_start]):
                break  # 从A压减至B: a difference, checked below
            found = (num, dens)
            break
        if found is None:
            continue
        num, dens = found
        # 收到300件，受理280件，办结252件，办结率90%: either base may be meant; flag only if none fits
        fits = [d for d in dens if agrees(rate.value, num.value / d.value * 100, rate.precision)]
        holds = bool(fits)
        den = fits[0] if fits else dens[0]
        computed = num.value / den.value * 100
        text = span_text(doc, den, rate)
        out.checked.append(CheckedRelation("rate", rate.line, text, rate.value, round(computed, 2), holds))
        if not holds:
            out.issues.append(
                FigureIssue(
                    "rate_mismatch",
                    "error",
                    rate.line,
                    text,
                    rate.value,
                    round(computed, 2),
                    f"{num.label}{fmt_number(num.value)}{num.unit}÷{den.label}{fmt_number(den.value)}{den.unit}"
                    f"={computed:.1f}%，与所写{rate.label}{fmt_number(rate.value)}%不符，请核对。",
                )
            )


_SHARE_LABEL = re.compile(r"^(?:约|仅)?占(?:比|总数|总量|全部)?的?$")


def check_shares(doc: Document, figures: list[Figure], out: CheckResult) -> None:
    """“共100家，其中民营企业80家，占80%”: a part's share of its own total."""
    for r_i in range(1, len(figures)):
        rate, part = figures[r_i], figures[r_i - 1]
        if rate.kind != "percent" or rate.approx or not _SHARE_LABEL.match(rate.label):
            continue
        if part.sentence_start != rate.sentence_start or part.total_start is None or not part.exact:
            continue
        total = next((f for f in figures[r_i - 2 :: -1] if f.start == part.total_start), None)
        if total is None or not total.exact or total.value <= 0 or part.value > total.value:
            continue
        computed = part.value / total.value * 100
        holds = agrees(rate.value, computed, rate.precision)
        text = span_text(doc, total, rate)
        out.checked.append(CheckedRelation("rate", rate.line, text, rate.value, round(computed, 2), holds))
        if not holds:
            out.issues.append(
                FigureIssue(
                    "rate_mismatch",
                    "error",
                    rate.line,
                    text,
                    rate.value,
                    round(computed, 2),
                    f"{part.label}{fmt_number(part.value)}{part.unit}占{total.label}{fmt_number(total.value)}{total.unit}的"
                    f"{computed:.1f}%，与所写{fmt_number(rate.value)}%不符，请核对。",
                )
            )


def _denominators(figures: list[Figure], n_i: int) -> list[Figure]:
    """Possible bases of a rate whose numerator is figures[n_i]: its own total first, then earlier counts."""
    num = figures[n_i]
    out: list[Figure] = []
    if num.total_start is not None and num.total_start < num.start:
        total = next((f for f in figures[n_i - 1 :: -1] if f.start == num.total_start), None) if n_i else None
        if total is not None and total.exact:
            out.append(total)
    for j in range(n_i - 1, -1, -1):
        f = figures[j]
        if f.sentence_start != num.sentence_start:
            break
        if f.kind == "count" and f.exact and compatible_units(f.unit, num.unit) and f not in out:
            out.append(f)
    return [d for d in out if d.value > 0 and d.value >= num.value]
