"""The faithfulness check: is every figure in a text backed by its sources?

Each figure the figures engine finds in the text is matched against source figures (facts YAML files
and documents) by value at the precision the text writes it (99% accepts 99.2), by unit family (件 ≈ 宗,
1.2万元 = 12000元) and by label (see labels). The status a reviewer acts on:
supported · misattributed (the value exists, but for another indicator — the subtle error) ·
unsupported (no source has it) · derived_ok (a sum, difference or rate of figures the text states) ·
ignored (years, dates, list numbers: not claims). Deterministic, no LLM judge.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from assistant.documents import Document, load_document, parse_text
from assistant.errors import FazhiError, InputError
from assistant.faithfulness.labels import context_labels, is_informative, label_similarity
from assistant.faithfulness.sources import SourceFigure, fmt_value, source_figures, unit_family, units_compatible
from assistant.figures import Figure, extract_figures, find_numbers

STATUSES = ("supported", "misattributed", "unsupported", "derived_ok", "ignored")
SUPPORT_MIN = 0.45  # label similarity at which a value match counts as the same indicator
BETTER_MARGIN = 0.3  # another source's label this much closer (with another value) → misattributed


@dataclass
class Mention:
    text: str
    line: int
    value: float
    unit: str
    label: str
    status: str
    source: str | None
    source_text: str | None
    reason: str = ""
    origin: str | None = None  # where the facts file's figure was first reported (a workbook cell, a report line)


@dataclass
class FaithfulnessResult:
    mentions: list[Mention]
    counts: dict[str, int] = field(default_factory=dict)
    precision: float | None = None


# ---------------------------------------------------------------- sources


@dataclass
class _Src:
    fig: SourceFigure
    base: float
    fam: str
    tol: float
    label: str


def _prep_source(sf: SourceFigure) -> _Src:
    fam, factor = unit_family(sf.unit)
    return _Src(sf, sf.value * factor, fam, sf.precision * factor, sf.context or sf.label)


# ---------------------------------------------------------------- matching


def _value_matches(m_base: float, m_tol: float, approx: str | None, src: _Src) -> bool:
    eps = 1e-9 * max(1.0, abs(m_base))
    v = src.base
    if approx and approx == src.fig.approx:
        return abs(v - m_base) <= m_tol + eps
    if approx == "more":  # 20余件 / 超过20件: the true value is above, within the next round step
        step = max(2 * m_tol, _round_step(m_base))
        return m_base - eps <= v <= m_base + step + eps
    if approx == "less":  # 近/不足/不到 20, 近千: a little below, never above (近千 ≠ 1350)
        return m_base * 0.8 - eps <= v <= m_base + min(m_tol, 0.5) + eps
    if approx == "several":  # 数十/几百/数千: some tens/hundreds/thousands, 2–9 of the magnitude
        return 2 * m_base - eps <= v < 10 * m_base
    if approx == "about":
        return abs(v - m_base) <= max(m_tol, 0.05 * abs(m_base)) + eps
    return abs(v - m_base) <= m_tol + eps


def _round_step(value: float) -> float:
    """The step a round number leaves open: 20 → 10, 300 → 100, 1.2万 → 1000."""
    if value <= 0 or not float(value).is_integer():
        return 0.0
    step, v = 1.0, int(value)
    while v % 10 == 0 and v:
        v //= 10
        step *= 10
    return step


@dataclass
class _M:
    fig: Any
    base: float
    fam: str
    tol: float
    mention: Mention
    label: str


def _status_for(m: _M, sources: list[_Src]) -> tuple[str, _Src | None, str]:
    same_unit = [s for s in sources if units_compatible(m.fam, s.fam)]
    hits = [s for s in same_unit if _value_matches(m.base, m.tol, m.fig.approx, s)]
    if not hits:
        return "unsupported", None, "来源中没有这个数值"
    label = m.label or m.fig.parent or ""
    if not is_informative(label):
        return "supported", hits[0], "数值与来源一致（文中未写明指标）"
    scored = sorted(((label_similarity(label, s.label), s) for s in hits), key=lambda t: -t[0])
    best_sim, best = scored[0]
    hit_ids = {id(s) for s in hits}
    best_other = max((label_similarity(label, s.label) for s in same_unit if id(s) not in hit_ids), default=0.0)
    if best_sim >= 0.999 or (best_sim >= SUPPORT_MIN and best_other < 0.999 and best_other < best_sim + BETTER_MARGIN):
        return "supported", best, "数值、单位和指标均与来源一致"
    return "misattributed", best, f"来源中的 {_fmt_value(best)} 属于“{best.label or '其他指标'}”，不是“{label}”"


def _fmt_value(s: _Src) -> str:
    return f"{fmt_value(s.fig.value)}{s.fig.unit}"


_RATE_WORDS = re.compile(r"率|占|比重|比例|提速比|百分之|增长|下降|提高|降低|增幅|降幅|压缩|减少")
_CHANGE_WORDS = re.compile(r"压缩|减少|下降|降低|增加|增长|提高|节约|缩短|净增|多|少|相差|差|提升|扩大")


def _derived(m: _M, index: int, items: list[_M]) -> str | None:
    """A sum, difference or rate of supported figures in the same paragraph, of a kind the text
    states (a total marked 共/合计, a rate named …率/占, a change named 压缩/增长), at the written precision."""
    eps = 1e-9 * max(1.0, abs(m.base))

    def ok(v: float) -> bool:
        return abs(v - m.base) <= m.tol + eps

    operands = [o for o in items if o is not m and o.fig.line == m.fig.line and o.mention.status == "supported"]
    label = m.label or ""
    if m.fam in {"%", "‰"}:
        if not _RATE_WORDS.search(label):
            return None
        scale = 100.0 if m.fam == "%" else 1000.0
        counts = [o for o in operands if o.fam not in {"%", "‰", "pp"}]
        for a in counts:
            for b in counts:
                if a is b or not units_compatible(a.fam, b.fam) or b.base == 0:
                    continue
                if ok(a.base / b.base * scale):
                    return f"{a.fig.text}÷{b.fig.text}"
                if ok((b.base - a.base) / b.base * scale):
                    return f"({b.fig.text}−{a.fig.text})÷{b.fig.text}"
        return None
    if m.fam == "pp":
        if not _CHANGE_WORDS.search(label):
            return None
        rates = [o for o in operands if o.fam == "%" and label_similarity(label, o.label) >= SUPPORT_MIN]
        for a in rates:
            for b in rates:
                if a is not b and ok(a.base - b.base):
                    return f"{a.fig.text}−{b.fig.text}"
        return None
    same = [o for o in operands if units_compatible(m.fam, o.fam) and o.fam not in {"%", "‰", "pp"}]
    parts = [o for o in same if o.fig.part_of == index]
    if getattr(m.fig, "total_marker", False) and len(parts) >= 2 and ok(sum(o.base for o in parts)):
        return "＋".join(o.fig.text for o in parts)
    total_i = m.fig.part_of
    if total_i is not None and 0 <= total_i < len(items) and items[total_i].mention.status == "supported":
        total = items[total_i]
        siblings = [o for o in same if o.fig.part_of == total_i]
        if siblings and ok(total.base - sum(o.base for o in siblings)):
            return f"{total.fig.text}−" + "−".join(o.fig.text for o in siblings)
    if _CHANGE_WORDS.search(label):
        for i, a in enumerate(same):
            for b in same[i + 1 :]:
                if ok(abs(a.base - b.base)):
                    return f"{a.fig.text}−{b.fig.text}" if a.base > b.base else f"{b.fig.text}−{a.fig.text}"
    return None


def check_text(text: str, sources: list[SourceFigure]) -> FaithfulnessResult:
    """Give every figure in `text` a status against `sources` (see module docstring)."""
    if not isinstance(text, str):
        raise InputError("待检查的文本必须是字符串")
    if not text.strip():
        return _result([])
    return check_document(parse_text(text), sources)


def check_document(doc: Document, sources: list[SourceFigure]) -> FaithfulnessResult:
    """The check over a loaded Document; line numbers are the document's original lines."""
    found = extract_figures(doc)
    return check_figures(found, sources, _non_claims(doc, found))


def _non_claims(doc: Document, found: list[Figure]) -> list[Mention]:
    """Numbers the figures engine does not count as figures: years, dates, list and document numbers."""
    taken: dict[int, list[tuple[int, int]]] = {}
    for f in found:
        taken.setdefault(f.line, []).append((f.start, f.end))
    out = []
    for ln in doc.lines:
        for tok in find_numbers(ln.text):
            start, end = ln.start + tok.start, ln.start + tok.end
            if any(s < end and start < e for s, e in taken.get(ln.no, [])):
                continue
            out.append(
                Mention(
                    text=tok.text,
                    line=ln.no,
                    value=float(tok.number.value),
                    unit=tok.number.unit,
                    label="",
                    status="ignored",
                    source=None,
                    source_text=None,
                    reason="年份、日期、序号或无单位的数字，不作为数据核对",
                )
            )
    return out


def check_figures(
    found: list[Figure], sources: list[SourceFigure], ignored: list[Mention] | None = None
) -> FaithfulnessResult:
    """The check over figures already extracted; `ignored` are non-claims reported alongside."""
    prepared = [_prep_source(s) for s in sources]
    items: list[_M] = []
    for fig, ctx in zip(found, context_labels(found)):
        fam, factor = unit_family(fig.unit)
        mention = Mention(
            text=fig.text,
            line=fig.line,
            value=float(fig.value),
            unit=fig.unit or "",
            label=fig.label or "",
            status="",
            source=None,
            source_text=None,
        )
        items.append(_M(fig, float(fig.value) * factor, fam, float(fig.precision) * factor, mention, ctx))
    for m in items:
        if m.mention.status:
            continue
        status, src, reason = _status_for(m, prepared)
        m.mention.status, m.mention.reason = status, reason
        if src is not None:
            m.mention.source, m.mention.source_text = src.fig.source, src.fig.text
            m.mention.origin = src.fig.origin
    for i, m in enumerate(items):
        if m.mention.status not in {"unsupported", "misattributed"}:
            continue
        how = _derived(m, i, items)
        if how:
            m.mention.status, m.mention.reason = "derived_ok", f"由文中数据推算：{how}"
            m.mention.source, m.mention.source_text, m.mention.origin = None, how, None
    mentions = [m.mention for m in items] + list(ignored or [])
    mentions.sort(key=lambda m: m.line)
    return _result(mentions)


def _result(mentions: list[Mention]) -> FaithfulnessResult:
    counts = {s: 0 for s in STATUSES}
    for m in mentions:
        counts[m.status] += 1
    claims = sum(counts[s] for s in STATUSES if s != "ignored")
    good = counts["supported"] + counts["derived_ok"]
    return FaithfulnessResult(mentions, counts, round(good / claims, 4) if claims else None)


def result_to_json(result: FaithfulnessResult) -> dict[str, Any]:
    """The `fazhi check --json` object."""
    keys = ("text", "line", "value", "unit", "label", "status", "source", "source_text", "reason", "origin")
    return {
        "mentions": [{k: asdict(m)[k] for k in keys} for m in result.mentions],
        "counts": dict(result.counts),
        "precision": result.precision,
    }


def check_files(text_path: Path, source_paths: list[Path]) -> FaithfulnessResult:
    """`fazhi check`: read the text (any format the loader reads), collect sources, check.

    Line numbers refer to the text file as stored."""
    if not source_paths:
        raise InputError("请至少用 --source 指定一个数据来源（事实文件或文档）")
    sources: list[SourceFigure] = []
    for path in source_paths:
        try:
            sources += source_figures(Path(path))
        except FazhiError as exc:
            raise type(exc)(f"数据来源 {Path(path).name} 无法使用：{exc}") from exc
        except (OSError, ValueError) as exc:
            raise InputError(f"无法读取数据来源 {path}：{exc}") from exc
    return check_document(load_document(text_path), sources)
