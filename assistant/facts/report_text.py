"""The words of a submitted report as points of a facts file: segments, sentences, punctuation, "我局".

A report's paragraph often carries a run-in heading and several enumerated measures ("1.组织学习，提高
意识。一是……二是……"); each enumerated measure becomes one point, so the county's draft numbers
them itself. Text is taken as the report words it (simplified script), with Chinese punctuation
restored where the normalised text uses ASCII for parsing, and the reporting unit's "我局/我区" named,
because in the compiling unit's report "我区" would mean the wrong government. Nothing else is changed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = [
    "Span",
    "cause_start",
    "cause_words",
    "is_plan",
    "is_signature",
    "plan_lead",
    "is_preface",
    "prose",
    "self_terms",
    "sentences",
    "split_enumerated",
    "strip_run_in",
]

_ORDINAL = re.compile(
    r"^\s*(第[一二三四五六七八九十百]+[章节部分]|[(（][一二三四五六七八九十\d]{1,3}[)）]|[一二三四五六七八九十]{1,3}[、.．]"
    r"|\d{1,2}[、.．](?!\d)|[①-⑳])\s*"
)
_SIGNATURE = re.compile(
    r"^(\d{4}年\d{1,2}月\d{1,2}日|.{2,30}(人民政府|办公室|委员会|局|厅|办事处|街道|镇|乡|县|区|市))$"
)
_ENUM = re.compile(r"(?:^|(?<=[。；;，,：:!！?？]))\s*(其?)([一二三四五六七八九十]{1,3})是")
_ORDER = "一二三四五六七八九十"
_SENTENCE_END = re.compile(r"[。；;！!？?]")
_PREFACE = re.compile(r"报告如下|汇报如下|(如下|以下(几|[一二三四五六七八九十])个?方面)[：:。]?$|[：:]$")
_PLAN = re.compile(r"^\s*(下一步|下步|今后|明年|下一年度?)[,，]?")
_CAUSE_ANNOUNCED = re.compile(
    r"^(究其原因|主要原因|原因|根源|(造成|导致|产生|出现)[^，。；]{0,30}?的(主要|根本|深层次)?原因)"
    r"(主要)?(是|在于|有)?[：:，,\s]*(是|在于)?[：:，,\s]*"
)
_CAUSE_LEAD = re.compile(r"^\s*(这|这些|以上|上述)?(问题)?(主要)?(是)?(由于|因为|源于|究其原因|原因)")
# ASCII punctuation the normaliser uses for parsing, back to Chinese prose (not inside numbers: 1,234 10:30)
_TO_PROSE = [
    (re.compile(r"\("), "（"),
    (re.compile(r"\)"), "）"),
    (re.compile(r"(?<!\d),|,(?!\d)"), "，"),
    (re.compile(r";"), "；"),
    (re.compile(r"(?<!\d):|:(?!\d)"), "："),
    (re.compile(r"!"), "！"),
    (re.compile(r"\?"), "？"),
]
_SELF_SUFFIXES = (
    ("街道办事处", ("我街道", "本街道")),
    ("街道", ("我街道", "本街道")),
    ("委员会", ("我委", "本委")),
    ("办公室", ("我办", "本办")),
    ("局", ("我局", "本局")),
    ("厅", ("我厅", "本厅")),
    ("委", ("我委", "本委")),
    ("办", ("我办", "本办")),
    ("中心", ("我中心", "本中心")),
    ("区", ("我区",)),
    ("县", ("我县",)),
    ("市", ("我市",)),
    ("镇", ("我镇", "本镇")),
    ("乡", ("我乡", "本乡")),
)


@dataclass(frozen=True)
class Span:
    """A piece of a line: offsets relative to the line's normalised text."""

    start: int
    end: int


def prose(text: str) -> str:
    """Normalised text with Chinese punctuation: (一) → （一）, ASCII commas between words → ，."""
    if not re.search(r"[(),;:!?]", text):
        return text
    for pattern, replacement in _TO_PROSE:
        text = pattern.sub(replacement, text)
    return text


def strip_run_in(text: str, heading: str | None) -> int:
    """Where the body of a line starts: after its ordinal and its run-in heading ("1.统筹规划,分解任务。")."""
    m = _ORDINAL.match(text)
    start = m.end() if m else 0
    if heading and text[start:].startswith(heading):
        end = start + len(heading)
        while end < len(text) and text[end] in "。.；;，,：: ":
            end += 1
        return end
    return start


def split_enumerated(text: str, start: int = 0) -> list[Span]:
    """The line's body as [intro, 一是…, 二是…] when it enumerates at least two measures in order (or
    one after a lead-in ending "如下："); else the whole body as one span. The intro is returned even when empty (start == end)."""
    marks = []
    expected = 1
    for m in _ENUM.finditer(text, start):
        n = _ORDER.find(m.group(2)) + 1 if len(m.group(2)) == 1 else 0
        if n == expected:
            marks.append(m.start(1) if m.group(1) else m.start(2))
            expected += 1
    lone_after_preface = len(marks) == 1 and is_preface(text[start : marks[0]])
    if len(marks) < 2 and not lone_after_preface:  # "……如下：一是" with 二是 on the next line splits too
        return [Span(start, len(text))]
    bounds = [start, *marks, len(text)]
    return [Span(a, b) for a, b in zip(bounds, bounds[1:])]


def sentences(text: str, span: Span) -> list[Span]:
    """The sentences of a span (ending at 。；！？, punctuation kept)."""
    out, at = [], span.start
    for m in _SENTENCE_END.finditer(text, span.start, span.end):
        if text[at : m.end()].strip():
            out.append(Span(at, m.end()))
        at = m.end()
    if text[at : span.end].strip():
        out.append(Span(at, span.end))
    return out


def is_preface(text: str) -> bool:
    """ "现将有关情况报告如下：", "主要表现在以下四个方面：" — a lead-in, not a measure or a problem."""
    return bool(_PREFACE.search(text.strip().rstrip("。")))


def is_signature(text: str) -> bool:
    """A report's closing lines: the unit's name and the date ("汕头市澄海区人民政府", "2019年12月16日")."""
    return bool(_SIGNATURE.match(text.strip())) and not re.search(r"[，。；,;]", text)


def is_plan(sentence: str) -> bool:
    """ "下一步，将……": next year's work, wherever a report puts it."""
    return bool(_PLAN.match(sentence))


def plan_lead(text: str) -> int:
    """Where a plan's words start after its "下一步，" (the draft's own lead says that once)."""
    m = _PLAN.match(text)
    return m.end() if m else 0


def cause_start(text: str, sentence: Span, strong: list[re.Pattern[str]]) -> int | None:
    """Where a sentence starts giving a cause, or None: the whole sentence when it opens with 由于/因为,
    else the clause holding a strong marker ("……仅2名，主要原因是乡镇编制紧张" → at 主要原因是)."""
    words = text[sentence.start : sentence.end]
    if _CAUSE_LEAD.match(words):
        return sentence.start
    hits = [m.start() for m in (p.search(words) for p in strong) if m]
    if not hits:
        return None
    at = min(hits)
    clause = max(words.rfind(mark, 0, at) for mark in "，,；;：:")
    if clause >= 0 and at - clause <= 8:  # "，造成该问题的主要原因是" starts at its clause
        at = clause + 1
    return sentence.start + at


def cause_words(text: str) -> str:
    """A cause without the words that announce it: "究其原因，是对村干部……" → "对村干部……"."""
    return _CAUSE_ANNOUNCED.sub("", text, count=1).strip() or text


def self_terms(issuer: str | None) -> tuple[tuple[str, ...], str] | None:
    """The words a report's unit calls itself by, and its name to put in their place:
    "汕头市澄海区人民政府" → (("我区",), "澄海区"); "云溪县公安局" → (("我局", "本局"), "云溪县公安局")."""
    if not issuer:
        return None
    name = issuer.removesuffix("人民政府").removesuffix("政府")
    for suffix, terms in _SELF_SUFFIXES:
        if name.endswith(suffix):
            short = re.sub(r"^.{2,6}?[省市](?=.{2,}[区县市])", "", name) if suffix in ("区", "县", "市") else name
            return terms, short
    return None
