"""Key indicators a 司法局 compares across reports, picked from the figures engine's labels.

No number parsing here: every value comes from `assistant.figures.extract_figures`. A figure counts
for an indicator when its label (or the clause just before the number) names the action — 收到, 审结,
败诉, 出庭… — and the domain word (复议, 诉讼, 规范性文件…) appears in its label, parent, sentence or
section. Figures whose own label names the action win over clause matches, then document order.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.figures import Figure

_CLAUSE_BREAK = re.compile(r"[，,；;。：:、！？!?]")


@dataclass(frozen=True)
class IndicatorSpec:
    key: str
    group: str
    name: str
    kinds: tuple[str, ...]
    domain: str  # regex searched in label + parent + sentence + section
    action: str  # regex searched in label (first pass) or the clause before the number
    exclude: str = ""  # regex that disqualifies a label/clause
    units: tuple[str, ...] = ()  # allowed units for counts (empty: any)
    prefer: str = ""  # among label matches, labels matching this come first
    exclude_after: str = ""  # regex that disqualifies the words after the number (to the next ，；。)

    @property
    def title(self) -> str:
        return f"{self.group}·{self.name}"


_RATE = r"率|比例|比重"
_CASES = ("件", "宗", "起", "个", "宗次", "件次")
_MEDIATE = r"(?<!协)调解|调处"
SPECS: tuple[IndicatorSpec, ...] = (
    IndicatorSpec(
        "review_received",
        "行政复议",
        "收案",
        ("count",),
        r"复议",
        r"收到|受理|新收|收案|接收|申请",
        r"不予受理|审结|办结|结案|纠错|维持|驳回|撤销|在办|转送|告知|终止|撤回|调解|和解|确认|变更|"
        r"责令|上年|结转|诉讼|" + _RATE,
        _CASES,
    ),
    IndicatorSpec(
        "review_closed", "行政复议", "审结", ("count",), r"复议", r"审结|办结|结案", r"诉讼|" + _RATE, _CASES
    ),
    IndicatorSpec("review_correction_rate", "行政复议", "纠错率", ("percent",), r"复议|纠错", r"纠错率"),
    IndicatorSpec(
        "litigation_cases",
        "行政诉讼",
        "案件数",
        ("count",),
        r"诉讼|应诉|被告",
        r"行政诉讼|应诉案件|被告|诉讼案件|一审|起诉",
        r"出庭|败诉|胜诉|审结|办结|复议|" + _RATE,
        _CASES,
    ),
    IndicatorSpec(
        "litigation_lost",
        "行政诉讼",
        "败诉",
        ("count", "percent"),
        r"诉讼|应诉|败诉",
        r"败诉",
        r"胜诉",
        _CASES + ("%",),
    ),
    IndicatorSpec(
        "leader_appearance_count",
        "负责人出庭应诉",
        "次数",
        ("count",),
        r"负责人",
        r"出庭",
        _RATE,
        _CASES + ("次", "人次"),
    ),
    IndicatorSpec(
        "leader_appearance_rate",
        "负责人出庭应诉",
        "出庭率",
        ("percent",),
        r"负责人",
        r"负责人出庭.*率|负责人.*出庭应诉率",
    ),
    IndicatorSpec(
        "normative_review",
        "规范性文件",
        "审查",
        ("count",),
        r"规范性文件",
        r"审查|审核",
        r"备案|报备|清理|废止|" + _RATE,
        ("件", "份", "个", "部", "项"),
    ),
    IndicatorSpec(
        "normative_filing",
        "规范性文件",
        "备案",
        ("count", "percent"),
        r"规范性文件",
        r"备案|报备",
        "",
        ("件", "份", "个", "部", "项", "%"),
    ),
    IndicatorSpec(
        "major_decisions",
        "重大行政决策",
        "数量",
        ("count",),
        r"重大(行政)?决策",
        r"重大(行政)?决策",
        r"听证|" + _RATE,
        ("项", "件", "个"),
    ),
    IndicatorSpec(
        "counsel_opinions",
        "法律顾问",
        "意见份数",
        ("count",),
        r"法律顾问|法律意见|公职律师",
        r"法律意见|法律顾问意见|审查意见|意见书|出具",
        r"人数|" + _RATE,
        ("份", "件", "条", "次", "个"),
    ),
    IndicatorSpec(
        "enforcement_penalties",
        "行政执法",
        "处罚",
        ("count",),
        r"执法|处罚",
        r"处罚",
        r"罚没|罚款|金额|事项|案卷|程序|指引|裁量|清单|" + _RATE,
        _CASES + ("家",),
        exclude_after=r"案卷|评查|事项",
    ),
    IndicatorSpec(
        "enforcement_inspections",
        "行政执法",
        "检查",
        ("count",),
        r"执法|监管|双随机|抽查",
        r"检查|抽查|巡查",
        r"整改|问题|隐患|检验|孕前|体检|婚检|督查|书面|" + _RATE,
        ("次", "家", "家次", "户", "户次", "批次", "宗", "件", "个", "人次"),
    ),
    IndicatorSpec(
        "mediation_count",
        "矛盾纠纷调解",
        "调解数",
        ("count",),
        _MEDIATE,
        _MEDIATE + r"|排查",
        r"成功|化解|调解室|委员会|站点?|调解员|工作室|" + _RATE,
        ("件", "宗", "起", "宗次", "件次"),
    ),
    IndicatorSpec(
        "mediation_success_rate",
        "矛盾纠纷调解",
        "成功率",
        ("percent",),
        _MEDIATE,
        r"成功率|调处率|化解率",
        prefer=r"调解成功率|调解.*成功率",
    ),
)
# A figure stated as a goal ("力争调解成功率达到75%以上") is a plan, not a result.
_TARGET = re.compile(r"力争|争取|确保|目标|预计|计划|要求")
SPEC_BY_KEY = {spec.key: spec for spec in SPECS}
_KINDS = {kind for spec in SPECS for kind in spec.kinds}
_MONEY_UNITS = ("元", "万元", "亿元")


@dataclass
class Indicator:
    key: str
    title: str
    value: float
    unit: str
    text: str  # surface form, e.g. "21件"
    line: int  # 1-based original line
    sentence: str  # the sentence it came from (≤ 160 chars)
    approx: str | None
    candidates: int  # how many figures matched this indicator (the first is reported)


def clause_before(figure: Figure) -> str:
    """The sentence text from the last clause break up to the figure's surface form."""
    sentence, text = figure.sentence, figure.text
    pos = sentence.find(text) if text else -1
    head = sentence[:pos] if pos >= 0 else ""
    parts = _CLAUSE_BREAK.split(head)
    return parts[-1] if parts else ""


def clause_after(figure: Figure) -> str:
    """The sentence text after the figure up to the next ，；。 (enumerations with 、 stay together)."""
    sentence, text = figure.sentence, figure.text
    pos = sentence.find(text) if text else -1
    return re.split(r"[，,；;。]", sentence[pos + len(text) :])[0] if pos >= 0 else ""


@dataclass
class _Fig:
    """A figure's text views, computed once for all specs."""

    fig: Figure
    kind: str
    unit: str
    label: str
    before: str
    after: str
    domain: str
    is_target: bool


def _views(fig: Figure) -> _Fig:
    before = clause_before(fig)
    domain = " ".join([fig.label, fig.parent or "", fig.sentence, " ".join(fig.section)])
    return _Fig(fig, fig.kind, fig.unit, fig.label, before, clause_after(fig), domain, bool(_TARGET.search(before)))


def _eligible(spec: IndicatorSpec, f: _Fig) -> bool:
    if f.kind not in spec.kinds or f.is_target:
        return False
    if spec.units and f.kind == "count" and f.unit not in spec.units:
        return False
    if spec.exclude_after and re.search(spec.exclude_after, f.after):
        return False
    return not (spec.kinds == ("count",) and f.unit in _MONEY_UNITS)


def _matches(spec: IndicatorSpec, text: str, domain_text: str) -> bool:
    if not re.search(spec.action, text):
        return False
    if spec.exclude and re.search(spec.exclude, text):
        return False
    return bool(re.search(spec.domain, domain_text))


def find_indicators(figures: list[Figure]) -> dict[str, Indicator]:
    """Map indicator key → the first figure that measures it (label matches before clause matches)."""
    found: dict[str, Indicator] = {}
    views = [_views(fig) for fig in figures if fig.kind in _KINDS]
    for spec in SPECS:
        strong: list[_Fig] = []
        weak: list[_Fig] = []
        for f in views:
            if not _eligible(spec, f):
                continue
            if _matches(spec, f.label, f.domain):
                strong.append(f)
            elif _matches(spec, f.before, f.domain):
                weak.append(f)
        if spec.prefer:
            strong.sort(key=lambda f: 0 if re.search(spec.prefer, f.label) else 1)
        chosen = strong + weak
        if not chosen:
            continue
        fig = chosen[0].fig
        found[spec.key] = Indicator(
            key=spec.key,
            title=spec.title,
            value=float(fig.value),
            unit=fig.unit,
            text=fig.text,
            line=fig.line,
            sentence=fig.sentence[:160],
            approx=fig.approx,
            candidates=len(chosen),
        )
    return found
