"""行政复议纠错率: (撤销 + 变更 + 确认违法 + 责令履行) ÷ 审结, checked against the outcome list before it.

Counties count 纠错 differently: 直接纠错率 takes only the four corrective outcomes; 综合纠错率 and many
plain 纠错率 figures also count 调解/和解 settlements (and the 终止 cases they end in). Every reading
and every base written before the rate (审结, 受理, 收到) is tried; a rate is flagged only when none fits.
"""

from __future__ import annotations

import re
from itertools import product

from assistant.documents import Document
from assistant.figures.checks.common import span_text
from assistant.figures.model import CheckedRelation, CheckResult, Figure, FigureIssue
from assistant.vocabulary import agrees, fmt_number

__all__ = ["check_correction_rates"]

_RATE = re.compile(r"^(?:全[区市县镇省]|我[区市县镇])?(?:行政)?(?:复议)?(?:案件)?的?(?P<kind>直接|综合)?纠错率$")
_DIRECT = re.compile(r"撤销|变更|确认违法|确认无效|责令履行")
_SETTLED = re.compile(r"调解|和解")
_ENDED = re.compile(r"终止")
_PENDING = re.compile(r"在办|未结|未办结|办理中|审理中|正在办理|正在审理")


def _outcome_group(figures: list[Figure], r_i: int) -> tuple[Figure, list[Figure]] | None:
    """The nearest breakdown on the rate's line whose parts include a corrective outcome."""
    rate = figures[r_i]
    by_start = {f.start: f for f in figures}
    for j in range(r_i - 1, -1, -1):
        f = figures[j]
        if f.line != rate.line:
            return None
        if f.total_start is None or f.total_start not in by_start:
            continue
        parts = [g for g in figures[:r_i] if g.total_start == f.total_start]
        if any(_DIRECT.search(p.label) for p in parts):
            return by_start[f.total_start], parts
    return None


def _bases(figures: list[Figure], r_i: int, total: Figure, parts: list[Figure]) -> list[tuple[str, float]]:
    """审结 (the total less its 在办 part, or the total), or a larger count written before it (受理)."""
    label = total.label or "审结"
    out = [(label, total.value)]
    pending = sum(p.value for p in parts if _PENDING.search(p.label))
    if 0 < pending < total.value:
        out.insert(
            0,
            (
                f"已办结（{label}减{'、'.join(p.label for p in parts if _PENDING.search(p.label))}）",
                total.value - pending,
            ),
        )  # 办理30件，其中…在办5件: 25 cases were decided
    for f in figures[:r_i]:
        if (
            f.line == total.line
            and f.start < total.start
            and f.kind == "count"
            and f.exact
            and f.unit == total.unit
            and f.value > total.value
            and f.total_start is None
        ):
            out.append((f.label, f.value))  # 受理98件 … 审结90件: the rate may be over 受理
    return out


def check_correction_rates(doc: Document, figures: list[Figure], out: CheckResult) -> None:
    done = {(c.line, c.stated) for c in out.checked if c.kind == "rate"}
    for r_i, rate in enumerate(figures):
        m = _RATE.match(rate.label)  # 行政诉讼纠错率 is another indicator
        if rate.kind != "percent" or rate.approx or not m or (rate.line, rate.value) in done:
            continue
        group = _outcome_group(figures, r_i)
        if group is None:
            continue
        total, parts = group
        if not total.exact or total.value <= 0 or not all(p.exact for p in parts):
            continue
        direct = sum(p.value for p in parts if _DIRECT.search(p.label))
        settled = sum(p.value for p in parts if _SETTLED.search(p.label) and not _DIRECT.search(p.label))
        ended = sum(p.value for p in parts if _ENDED.search(p.label))
        nums = (
            [direct]
            if m.group("kind") == "直接"
            else [direct, direct + settled, direct + ended, direct + settled + ended]
        )
        bases = _bases(figures, r_i, total, parts)
        fits = [(n, b) for n, b in product(nums, bases) if agrees(rate.value, n / b[1] * 100, rate.precision)]
        n, (base_label, base) = fits[0] if fits else (direct, bases[0])
        computed = round(n / base * 100, 2)
        text = span_text(doc, total, rate, limit=160)
        out.checked.append(CheckedRelation("rate", rate.line, text, rate.value, computed, bool(fits)))
        if not fits:
            terms = "+".join(f"{p.label}{fmt_number(p.value)}" for p in parts if _DIRECT.search(p.label))
            also = "" if m.group("kind") == "直接" else "（计入调解、和解、终止后也对不上）"
            out.issues.append(
                FigureIssue(
                    "rate_mismatch",
                    "error",
                    rate.line,
                    text,
                    rate.value,
                    computed,
                    f"纠错（{terms}={fmt_number(direct)}{total.unit}）÷{base_label}{fmt_number(base)}{total.unit}"
                    f"={computed:.1f}%{also}，与所写{rate.label}{fmt_number(rate.value)}%不符，请核对。",
                )
            )
