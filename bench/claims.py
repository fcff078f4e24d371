"""Claims for measuring the faithfulness check, generated from real report sentences.

From a sentence with figures we make claims whose truth we know: true (the sentence itself, and the
same sentence with a number rephrased: 21 → 二十一, 12000 → 1.2万, 99.2% → 99%), false (one number
changed: ±1 in the last digit, ×10, two digits swapped, the unit changed) and misattributed (two
labels' numbers of the same unit swapped). The benchmark and the tests use the same generator.
Numbers are located with assistant.figures; this module only writes numbers, it parses none.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from assistant.figures import find_numbers
from assistant.vocabulary import to_chinese

_UNIT_SWAP = {
    "件": "人",
    "宗": "人",
    "起": "人",
    "人": "件",
    "名": "件",
    "人次": "件",
    "位": "件",
    "项": "人",
    "个": "人",
    "次": "人",
    "场": "人",
    "条": "人",
    "份": "人",
    "家": "人",
    "户": "件",
    "元": "人",
    "天": "件",
    "个工作日": "件",
    "%": "个百分点",
    "个百分点": "%",
    "批": "人",
    "期": "人",
}


@dataclass
class Claim:
    kind: str  # "true" | "rephrased" | "false" | "misattributed"
    how: str  # "sentence" | "cn_numeral" | "wan" | "round" | "plus_one" | "times_ten" | "digit_swap" | "unit" | "swap"
    text: str
    target: str  # the surface the claim changed ("" for the sentence itself)
    source: str  # where the sentence comes from (file:line)


def _fmt(value: float, decimals: int) -> str:
    return f"{value:.{decimals}f}" if decimals else str(int(round(value)))


def _decimals(surface: str) -> int:
    digits = surface.rstrip("%‰个百分点万亿元")
    return len(digits.split(".", 1)[1]) if "." in digits else 0


def _arabic_core(surface: str) -> str | None:
    core = surface.rstrip("%‰").replace("个百分点", "")
    return core if core and all(ch.isdigit() or ch in ".," for ch in core) else None


def number_span(fig) -> tuple[int, int, str] | None:
    """(start, end, surface) of the number inside the figure's surface text."""
    toks = find_numbers(fig.text)
    if not toks:
        return None
    tok = toks[0]
    return tok.start, tok.end, tok.text


def rephrasings(fig) -> list[tuple[str, str]]:
    """Other ways to write the same figure at a precision its value supports."""
    span = number_span(fig)
    if not span:
        return []
    _, _, surface = span
    core = _arabic_core(surface)
    out: list[tuple[str, str]] = []
    if core is not None and "." not in core and "," not in core:
        n = int(core)
        pct = surface.endswith("%")
        if 0 < n < 100000 and not pct:
            out.append(("cn_numeral", to_chinese(n)))
        if n >= 10000 and n % 1000 == 0 and not pct:
            out.append(("wan", f"{n / 10000:g}万"))
        if pct and 0 < n <= 100:
            out.append(("cn_numeral", "百分之" + to_chinese(n)))
    elif core is not None and "." in core and "," not in core and surface.endswith("%"):
        out.append(("round", f"{round(float(core)):d}%"))
    elif core is not None and "," in core:
        out.append(("round", core.replace(",", "")))
    return [(how, new) for how, new in out if new != surface]


def falsifications(fig, rng: random.Random) -> list[tuple[str, str]]:
    """Changed surfaces for the number (and unit) of a figure: each is a different claim."""
    span = number_span(fig)
    if not span:
        return []
    start, end, surface = span
    core = _arabic_core(surface)
    out: list[tuple[str, str]] = []
    suffix = surface[len(surface.rstrip("%‰")) :] if surface.endswith(("%", "‰")) else ""
    if core is not None and "," not in core:
        dec = _decimals(core)
        value = float(core)
        step = 10**-dec
        delta = step if rng.random() < 0.5 or value - step <= 0 else -step
        out.append(("plus_one", _fmt(value + delta, dec) + suffix))
        if not suffix or value * 10 <= 100:
            out.append(("times_ten", _fmt(value * 10, dec) + suffix))
        digits = [
            i for i in range(len(core) - 1) if core[i].isdigit() and core[i + 1].isdigit() and core[i] != core[i + 1]
        ]
        if digits:
            i = rng.choice(digits)
            swapped = core[:i] + core[i + 1] + core[i] + core[i + 2 :]
            if not swapped.startswith("0"):
                out.append(("digit_swap", swapped + suffix))
    elif core is None and not surface[0].isdigit() and fig.value == int(fig.value) and fig.value < 100000:
        n = int(fig.value)
        out.append(("plus_one", to_chinese(n + 1)))
        out.append(("times_ten", to_chinese(n * 10)))
    unit_new = _UNIT_SWAP.get(fig.unit)
    return [(how, new) for how, new in out if new != surface] + ([("unit", unit_new)] if unit_new else [])


def replace_in_sentence(sentence: str, fig, new_number: str | None = None, new_unit: str | None = None) -> str | None:
    """The sentence with one figure's number (or unit) replaced; None when the surface is ambiguous."""
    if sentence.count(fig.text) != 1:
        return None
    span = number_span(fig)
    if not span:
        return None
    start, end, _ = span
    text = fig.text
    if new_number is not None:
        text = text[:start] + new_number + text[end:]
    if new_unit is not None:
        if not fig.unit or not text.endswith(fig.unit):
            return None
        text = text[: -len(fig.unit)] + new_unit
    return sentence.replace(fig.text, text, 1)


def swap_numbers(sentence: str, a, b) -> str | None:
    """Swap the numbers of two figures in the sentence (their labels stay): a misattribution."""
    if sentence.count(a.text) != 1 or sentence.count(b.text) != 1 or a.text in b.text or b.text in a.text:
        return None
    sa, sb = number_span(a), number_span(b)
    if not sa or not sb:
        return None
    new_a = a.text[: sa[0]] + sb[2] + a.text[sa[1] :]
    new_b = b.text[: sb[0]] + sa[2] + b.text[sb[1] :]
    marker = "\x00"
    return sentence.replace(a.text, marker, 1).replace(b.text, new_b, 1).replace(marker, new_a, 1)
