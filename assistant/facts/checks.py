"""The facts' own figures checked before anything is drafted: parts within totals, rates matching their parts.

Drafting goes on regardless; the warnings tell staff what to fix in the file.
"""

from __future__ import annotations

from assistant.documents import parse_text
from assistant.facts.phrasing import RATE_UNITS, figures_clause, point_sentence
from assistant.facts.schema import Facts
from assistant.figures import check_figures
from assistant.vocabulary import ITEM_NAMES, agrees


def _decimals(value: float) -> int:
    text = repr(float(value))
    return 0 if text.endswith(".0") else len(text.split(".")[1]) if "." in text else 0


def _structural_checks(facts: Facts) -> list[str]:
    """part_of relations the file states explicitly: parts within totals, rates matching their parts."""
    warnings: list[str] = []
    # One group per point (and the area/item-level list): that is where part_of resolves and where the
    # composer writes "其中"; the same name in two points ("审结" of 复议 and of 诉讼) is two indicators.
    groups = []
    for holder in [*facts.items.measures.areas, facts.items.leaders, facts.items.next_year, facts.items.other]:
        if holder is not None:
            groups += [g for g in [holder.figures, *(p.figures for p in holder.points)] if g]
    everything = {f.name: f for f in facts.all_figures()}
    for figs in groups:
        seen: dict[str, float] = {}
        for f in figs:
            if f.name in seen and seen[f.name] != f.value:
                warnings.append(
                    f"数据“{f.name}”在同一要点中出现两次且数值不同（{seen[f.name]:g} 和 {f.value:g}），请统一。"
                )
            seen.setdefault(f.name, f.value)
        by_name = {f.name: f for f in figs}
        for f in figs:
            if f.part_of and f.part_of not in by_name:
                where = "同一要点" if f.part_of in everything else "事实文件"
                warnings.append(f"数据“{f.name}”的 part_of 指向“{f.part_of}”，但{where}中没有这项数据。")
        for total in figs:
            parts = [f for f in figs if f.part_of == total.name and f.unit not in RATE_UNITS and f.unit == total.unit]
            if parts and total.approx is None:
                s = sum(p.value for p in parts)
                if s > total.value + 1e-9:
                    names = "、".join(f"{p.name}{p.value:g}{p.unit}" for p in parts)
                    warnings.append(
                        f"数据自检：{names} 合计 {s:g}{total.unit}，超过总数“{total.name}”{total.value:g}{total.unit}。"
                    )
        for rate in figs:
            if rate.unit != "%" or not rate.part_of or rate.approx:
                continue
            num = by_name.get(rate.part_of)
            den = by_name.get(num.part_of) if num and num.part_of else None
            if not num or not den or not den.value or num.unit != den.unit:
                continue
            expected = num.value / den.value * 100
            if not agrees(rate.value, expected, 0.5 * 10 ** -_decimals(rate.value)):
                warnings.append(
                    f"数据自检：“{rate.name}”写为{rate.value:g}%，但{num.name}{num.value:g}{num.unit}÷"
                    f"{den.name}{den.value:g}{den.unit}={expected:.2f}%。"
                )
    return warnings


def _engine_checks(facts: Facts, known_rates: set[float] | None = None) -> list[str]:
    """The figures engine over the facts as they will read in the draft (catches issues inside point texts)."""
    lines: list[str] = []
    sources: list[str | None] = []  # where each line's point was reported, for the compiler to look up
    for area in facts.items.measures.areas:
        lines += [point_sentence(p) + "。" for p in area.points]
        sources += [p.source for p in area.points]
        if area.figures:
            lines.append(figures_clause(area.figures) + "。")
            sources.append(None)
    for item in (facts.items.leaders, facts.items.next_year, facts.items.other):
        if item is not None:
            lines += [point_sentence(p) + "。" for p in item.points]
            sources += [p.source for p in item.points]
    doc = parse_text("\n".join(lines), path="<facts>")
    known = {round(v, 6) for v in known_rates or ()}
    out = []
    for issue in check_figures(doc):
        if (issue.kind == "breakdown_exceeds_total" and "其中" in issue.text) or (
            issue.kind == "rate_mismatch" and round(issue.stated, 6) in known
        ):
            continue
        source = sources[issue.line - 1] if 0 < issue.line <= len(sources) else None
        out.append(f"数据自检：{issue.message}（“{issue.text}”" + (f"，出处：{source}）" if source else "）"))
    return out


def check_facts(facts: Facts) -> list[str]:
    """Warnings (Chinese, one line each) to show before drafting; drafting goes on regardless."""
    warnings = _structural_checks(facts)
    stated_rates = {
        f.value for f in facts.all_figures() if f.unit == "%" and any(f"“{f.name}”写为" in w for w in warnings)
    }
    for w in _engine_checks(facts, stated_rates):
        if w not in warnings:
            warnings.append(w)
    uncaused = [str(i) for i, p in enumerate(facts.items.shortcomings.problems, start=1) if not p.cause]
    if uncaused:
        warnings.append(f"存在的不足第{'、'.join(uncaused)}项没有写原因（规定要求写明“不足和原因”）。")
    for key in ("leaders", "next_year"):
        label, item = ITEM_NAMES[key], getattr(facts.items, key)
        if not item.summary and not item.points and not item.figures:
            warnings.append(f"{label}（items.{key}）没有填写内容，草稿中此部分只有概括性表述，请补充具体要点。")
    return warnings
