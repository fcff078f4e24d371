"""Document type by weighing named cues from the title and the body, with the lines that decided it.

Many published 法治政府建设 reports have no title line (the web page showed it only in its header), so
the type cannot rest on the title alone. Each genre this project meets has its own formulas: a report
opens with 现将……情况报告如下 and is organised by the mandated items (主要举措和成效, 存在的不足, 第一
责任人, 下一年度安排); a 工作方案 sets 工作目标, 任务分工 and 保障措施 and tells 各部门要……; a 政府工作报告
addresses 各位代表 at 本次大会; a 政府信息公开工作年度报告 follows the disclosure regulation's tables; a
工作总结 says 总结如下. Every cue is a `Signal` in doc_type_signals.SIGNALS: a name, a label, the genre it
speaks for, a weight and where it is looked for. A genre's score is the sum of the weights of its cues found (each cue
counts once); the highest score wins if it reaches `MIN_SCORE`, otherwise the type is "other".

Item headings such as 存在的问题 or 下一步工作安排 also close a 工作总结 or a 政府工作报告, so the cues marked
`needs_topic` only count for a report when the document is about the rule of law (its title, its
opening or the density of rule-of-law vocabulary says so). A title naming another genre outweighs
the body's item headings unless the body carries the report's own formula and items (a 司法局's
"2022年度工作总结" with 存在的问题 stays a 工作总结; `fazhi review --as-report` still reviews it).

Confidence is 1 − exp(−margin / 4), where margin is the winner's score minus the runner-up's (for
"other": how far the best genre stays below `MIN_SCORE`): a title plus opening formula gives ~0.99,
a titleless report with its formula and one item heading ~0.9, a lone weak cue ~0.5.
"""

from __future__ import annotations

import bisect
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from assistant.documents.doc_type_signals import (
    RULE_OF_LAW,
    SIGNAL_LABELS,
    SIGNALS,
    TOPIC,
    VOCABULARY_SIGNAL,
    Signal,
)
from assistant.documents.outline import match_heading
from assistant.vocabulary import (
    DISCLOSURE_REPORT,
    DOC_TYPES,
    GOV_WORK_REPORT,
    OTHER_DOCUMENT,
    RULE_OF_LAW_REPORT,
    WORK_SUMMARY,
)

MIN_SCORE = 4.0  # a genre needs at least this much evidence
_NOTE = re.compile(r"[(（][^()（）]{1,8}[)）]$")
_OPENING_LINES = 12  # the opening: lines before the first heading, at most this many
_MARGIN_SCALE = 4.0
_DENSITY_CHARS = 60_000  # vocabulary density is measured on the first this-many characters
_DENSITY_MIN_CHARS = 400  # a shorter text is measured as if this long: two words in a note are not a topic
_EVIDENCE_CHARS = 60
_HEADING_CHARS = 40  # a heading cue is looked for in the first this-many characters of a heading line

# Rule-of-law vocabulary per 1,000 characters: measured 12–40 on the 26 report openings and the seeds,
# under 2 on 119 of the 120 政府工作报告 (11 on the one page that holds only the site's navigation).
_VOCABULARY = re.compile(
    r"法治政府|依法行政|法治建设|法治思想|依法治(?:国|省|市|区|县|镇|理)|法治(?:宣传|意识|思维|环境|保障|化)|"
    r"行政执法|执法(?:人员|监督|检查|证)|行政复议|行政诉讼|行政应诉|出庭应诉|规范性文件|合法性(?:审查|审核)|"
    r"重大行政决策|法律顾问|公职律师|普法|学法|述法|法制审核|行政处罚|行政许可|权责清单|法律法规"
)
TOPIC_DENSITY = 4.0  # ≥ this many rule-of-law terms per 1,000 characters: the document is about rule of law
DENSE_DENSITY = 10.0  # dense: worth more than a mere topic


class LineLike(Protocol):
    no: int
    text: str


@dataclass
class DocTypeEvidence:
    line: int | None  # 1-based original line; None when the cue is in the file name or page fields
    text: str
    signal: str
    genre: str  # the doc_type the cue speaks for

    @property
    def label(self) -> str:
        return SIGNAL_LABELS.get(self.signal, self.signal)


@dataclass
class DocTypeDecision:
    doc_type: str
    confidence: float
    evidence: list[DocTypeEvidence] = field(default_factory=list)  # the cues that fired, winner's first
    scores: dict[str, float] = field(default_factory=dict)
    density: float = 0.0  # rule-of-law terms per 1,000 characters

    def named_by_title(self) -> bool:
        """Did a title cue decide it (as opposed to the body alone)?"""
        return any(e.signal.startswith("title_") and e.genre == self.doc_type for e in self.evidence)


def vocabulary_density(text: str) -> float:
    """Rule-of-law terms per 1,000 characters of `text`."""
    sample = text[:_DENSITY_CHARS]
    return 1000 * len(_VOCABULARY.findall(sample)) / max(len(sample), _DENSITY_MIN_CHARS)


def classify(
    lines: Sequence[LineLike], title: str | None, title_line: int | None = None, path: str = "<text>"
) -> DocTypeDecision:
    """Score every genre's cues over the title, opening, headings and lines; the best genre wins."""
    opening = _opening(lines)
    pools = {
        "opening": _Pool(opening),
        "lines": _Pool(list(lines)),
        "headings": _Pool([ln for ln in lines if ln.no != title_line and _is_heading(ln.text)], _HEADING_CHARS),
    }
    density = vocabulary_density(pools["lines"].text)
    titles = _title_candidates(title, title_line, path)
    topic = (
        density >= TOPIC_DENSITY
        or any(TOPIC.search(t) for _, t in titles)
        or any(TOPIC.search(ln.text) for ln in opening)
    )
    scores = {genre: 0.0 for genre in DOC_TYPES if genre != OTHER_DOCUMENT}
    evidence: list[DocTypeEvidence] = []
    for signal in SIGNALS:
        if signal.needs_topic and not topic:
            continue
        if signal.genre == WORK_SUMMARY and signal.scope == "title" and titles and re.search(RULE_OF_LAW, titles[0][1]):
            continue  # "法治政府建设工作总结" is the report under another name
        hit = _find(signal, titles, pools)
        if hit is not None:
            scores[signal.genre] += signal.weight
            evidence.append(DocTypeEvidence(hit[0], _clip(hit[1]), signal.name, signal.genre))
    if density >= TOPIC_DENSITY:
        weight = 3.0 if density >= DENSE_DENSITY else 2.0
        scores[RULE_OF_LAW_REPORT] += weight
        evidence.append(
            DocTypeEvidence(None, f"法治词汇密度 {density:.1f} 个/千字", VOCABULARY_SIGNAL, RULE_OF_LAW_REPORT)
        )
    ranked = sorted(scores.items(), key=lambda kv: kv[1], reverse=True)
    (best, top), (_, second) = ranked[0], ranked[1]
    if top >= MIN_SCORE and top > second:
        doc_type, margin = best, top - second
    else:
        doc_type, margin = OTHER_DOCUMENT, max(MIN_SCORE - top, 0.0)
    confidence = round(1 - math.exp(-margin / _MARGIN_SCALE), 2)
    evidence.sort(key=lambda e: (e.genre != doc_type, not e.signal.startswith("title_"), e.line is None, e.line or 0))
    return DocTypeDecision(
        doc_type, confidence, evidence, {k: round(v, 1) for k, v in scores.items()}, round(density, 1)
    )


def _opening(lines: Sequence[LineLike]) -> list[LineLike]:
    """The lines before the first numbered heading (at most _OPENING_LINES), plus that heading's line
    when a whole page was flattened into one line."""
    out: list[LineLike] = []
    for ln in lines[:_OPENING_LINES]:
        out.append(ln)
        if match_heading(ln.text):
            break
    return out


def _is_heading(text: str) -> bool:
    return bool(match_heading(text)) or (len(text) <= 30 and not re.search(r"[，。；]", text))


def _title_candidates(title: str | None, title_line: int | None, path: str) -> list[tuple[int | None, str]]:
    out: list[tuple[int | None, str]] = []
    if title:
        out.append((title_line, _NOTE.sub("", title)))  # 实施办法（节选）, 工作方案（试行）
    if path and path != "<text>":
        stem = re.sub(r"_(?:19|20)\d{2}年?$", "", Path(path).stem)
        if re.search(r"[\u4e00-\u9fff]{4}", stem) and stem != title:
            out.append((None, f"文件名：{stem}"))
    return out


@dataclass
class _Pool:
    """Lines joined once, so each cue is one regex search over the pool; `clip` keeps only the start of
    each line (a run-in heading's paragraph is not part of the heading)."""

    lines: list[LineLike]
    clip: int | None = None
    text: str = ""
    starts: list[int] = field(default_factory=list)

    def __post_init__(self) -> None:
        parts, offset = [], 0
        for ln in self.lines:
            part = ln.text[: self.clip] if self.clip else ln.text
            self.starts.append(offset)
            parts.append(part)
            offset += len(part) + 1
        self.text = "\n".join(parts)

    def line_of(self, offset: int) -> LineLike:
        return self.lines[bisect.bisect_right(self.starts, offset) - 1]


def _find(
    signal: Signal, titles: list[tuple[int | None, str]], pools: dict[str, _Pool]
) -> tuple[int | None, str] | None:
    if signal.scope == "title":
        for no, text in titles:
            name = text.removeprefix("文件名：")
            # a file name only speaks for the genres it can name unambiguously
            if signal.pattern.search(name) and (
                no is not None
                or not text.startswith("文件名：")
                or signal.genre in (GOV_WORK_REPORT, DISCLOSURE_REPORT)
            ):
                return no, text
        return None
    pool = pools[signal.scope]
    first: LineLike | None = None
    seen: set[str] = set()
    hit_lines: set[int] = set()
    for m in signal.pattern.finditer(pool.text):
        ln = pool.line_of(m.start())
        if signal.distinct:
            if m.group(0) in seen:
                continue
            seen.add(m.group(0))
            hits = len(seen)
        else:
            hit_lines.add(ln.no)
            hits = len(hit_lines)
        first = first or ln
        if hits >= signal.min_hits:
            return first.no, first.text
    return None


def _clip(text: str) -> str:
    return text if len(text) <= _EVIDENCE_CHARS else text[:_EVIDENCE_CHARS] + "…"
