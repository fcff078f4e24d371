"""How a fact reads in a report: a named figure as "收到行政复议申请86件", a point with its figures, 其中 lists.

The composer writes drafts with these, the model is given facts already phrased by them, and the facts'
own check reads the facts as they will stand in the draft; one phrasing for all three.
"""

from __future__ import annotations

import re
from collections import defaultdict
from decimal import Decimal

from assistant.facts.schema import NamedFigure, Point
from assistant.figures import find_numbers, split_scale

__all__ = ["RATE_UNITS", "clean", "figures_clause", "format_value", "phrase_figure", "point_sentence", "states_figure"]

RATE_UNITS = {"%", "‰", "个百分点"}
_ORDINAL = re.compile(
    r"^(其?[一二三四五六七八九十]+是|[（(][一二三四五六七八九十\d]+[)）]|\d+(?:[.．](?!\d)|、)|[一二三四五六七八九十]+、)\s*"
)


def clean(text: str) -> str:
    """A clause without its own ordinal or closing punctuation: the templates number and end it."""
    return re.sub(r"[。；;，,：:\s]+$", "", _ORDINAL.sub("", text.strip()))


def format_value(value: float) -> str:
    """The figure as written in a report: 21, 93.2, 2416.5, 0.1234567, 12.6万 (only when exact).

    The digits are the shortest decimal that reads back as the same float (repr), which for a value
    of at most 15 significant digits (the facts schema refuses more) is the number as the clerk wrote it.
    """
    exact = Decimal(repr(float(value)))
    if abs(exact) >= 100000 and exact == exact.to_integral_value() and exact % 1000 == 0:
        return _plain(exact / 10000) + "万"
    return _plain(exact)


def _plain(number: Decimal) -> str:
    return format(number.normalize(), "f")


def phrase_figure(fig: NamedFigure) -> str:
    """`name` + value + unit, with the facts' qualifier: 收到行政复议申请86件, 罚没款2416.5万元, 1200余件."""
    num = format_value(fig.value)
    unit = fig.unit
    if fig.approx == "more":
        return f"{fig.name}{num}余{unit}" if unit not in RATE_UNITS else f"{fig.name}超过{num}{unit}"
    if fig.approx == "less":
        return f"{fig.name}近{num}{unit}"
    if fig.approx == "about":
        return f"{fig.name}约{num}{unit}"
    return f"{fig.name}{num}{unit}"


def figures_clause(figures: list[NamedFigure]) -> str:
    """Figures in standard phrasing: totals, then 其中 their parts, a rate after what it measures."""
    if not figures:
        return ""
    names = {f.name for f in figures}
    parts: dict[str, list[NamedFigure]] = defaultdict(list)
    rates: dict[str, list[NamedFigure]] = defaultdict(list)
    roots: list[NamedFigure] = []
    for f in figures:
        if f.part_of and f.part_of in names and f.part_of != f.name:
            (rates if f.unit in RATE_UNITS else parts)[f.part_of].append(f)
        else:
            roots.append(f)
    done: set[int] = set()

    def say(f: NamedFigure) -> str:
        done.add(id(f))
        return phrase_figure(f)

    def inline(f: NamedFigure) -> str:
        text = say(f)
        if rates[f.name]:  # a rate follows what it measures: 审结69件（审结率93.2%）
            text += "（" + "、".join(say(r) for r in rates[f.name]) + "）"
        return text

    def detail(f: NamedFigure, lead: str) -> str:
        text = lead + "、".join(inline(k) for k in parts[f.name]) if parts[f.name] else ""
        for k in parts[f.name]:
            if parts[k.name]:
                text += f"；{k.name}的{format_value(k.value)}{k.unit}中，" + detail(k, "")
        return text

    def clause(f: NamedFigure) -> str:
        if rates[f.name] and not parts[f.name]:
            return say(f) + "，" + "、".join(say(r) for r in rates[f.name])
        head = inline(f)
        rest = detail(f, "其中")
        return f"{head}，{rest}" if rest else head

    out = [clause(f) for f in roots]
    out += [phrase_figure(f) for f in figures if id(f) not in done]
    return ("；" if any("其中" in c or "中，" in c for c in out) else "，").join(out)


_CLAUSE_END = re.compile(r"[，,；;。：:！？!?]")
_AFTER_NUMBER = re.compile(r"^\s*[多余]?")


def states_figure(text: str, fig: NamedFigure) -> bool:
    """Whether the text already says this figure: its value in its unit (1.2万元 = 12000元), in a clause
    that names it. A point copied from a report carries its figures in its words; saying them again
    after it ("…审结21件，审结21件") would be wrong, and leaving one out of the draft worse."""
    base_unit, scale = split_scale(fig.unit)
    target = fig.value * scale
    name = clean(fig.name)
    for tok in find_numbers(text):
        if abs(tok.number.value - target) > 1e-9 * max(1.0, abs(target)):
            continue
        if fig.unit in RATE_UNITS or tok.number.unit:
            if tok.number.unit != fig.unit:
                continue
        elif base_unit:
            after = text[tok.end :]
            qualifier = _AFTER_NUMBER.match(after)
            if not after.startswith(base_unit, qualifier.end() if qualifier else 0):
                continue
        before = _CLAUSE_END.split(text[: tok.start])[-1]
        if name in text or name[-2:] in before or (len(before) >= 2 and before[-2:] in name):
            return True
    return False


def point_sentence(point: Point) -> str:
    text = clean(point.text)
    clause = figures_clause([f for f in point.figures if not states_figure(text, f)])
    if clause and clause.startswith(text):  # "县长出庭应诉" + "县长出庭应诉3次": say it once
        return clause
    return f"{text}，{clause}" if clause else text
