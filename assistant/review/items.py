"""Which of the five mandated items a report contains, decided from its outline and pointing at lines.

Real reports vary the order (leaders first is common), combine items under one heading
("存在问题及下步打算"), organise measures by 纲要 area without a "主要举措和成效" heading, and often
mention the first-responsible-person duty only as one paragraph inside the measures. The outline's
top-level sections are classified by heading; unclassified sections are thematic measures; whatever
has no heading of its own is looked for in the body, and then counts as `partial`.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from assistant.documents import Document, OutlineNode, iter_nodes
from assistant.mandates import MandateItem, Mandates, compiled, heading_names_item
from assistant.vocabulary import MISSING, PARTIAL, PRESENT

_YEAR = re.compile(r"((?:19|20)\d{2})\s*年")
_QUOTE_MAX = 36


@dataclass
class ItemVerdict:
    id: str
    status: str  # present | partial | missing
    heading: str | None
    line: int | None
    reason: str  # one Chinese sentence
    title: str = ""
    required: bool = True
    evidence: list[int] = field(default_factory=list)
    second_opinion: str | None = None


@dataclass
class Zones:
    """Line ranges (inclusive, original line numbers) of each item's sections, plus the preamble."""

    ranges: dict[str, list[tuple[int, int]]] = field(default_factory=dict)
    nodes: dict[str, list[OutlineNode]] = field(default_factory=dict)
    thematic: list[OutlineNode] = field(default_factory=list)

    def add(self, item_id: str, node: OutlineNode) -> None:
        self.ranges.setdefault(item_id, []).append((node.line, node.end_line or node.line))
        self.nodes.setdefault(item_id, []).append(node)

    def contains(self, item_id: str, line: int) -> bool:
        return any(a <= line <= b for a, b in self.ranges.get(item_id, []))


def _label(node: OutlineNode) -> str:
    label = getattr(node, "label", None)
    return label if isinstance(label, str) and label else node.heading


def top_sections(outline: list[OutlineNode]) -> list[OutlineNode]:
    """The report's own top-level sections: title nodes are unwrapped into their children."""
    nodes: list[OutlineNode] = []
    for node in outline:
        if node.kind == "title":
            nodes.extend(top_sections(node.children))
        else:
            nodes.append(node)
    return nodes


class ItemMatcher:
    """Compiled heading patterns and body markers for one report year."""

    def __init__(self, mandates: Mandates, year: int | None) -> None:
        self.year = year
        self.items = {item.id: item for item in mandates.items}
        self.body = {i.id: [compiled(p, year, re.M) for p in i.body_markers] for i in mandates.items}
        self.subheading_items = set(mandates.subheading_items)

    def heading_items(self, heading: str) -> set[str]:
        heading = heading.strip().rstrip("。.;；:：,，!！")
        found = {item_id for item_id, item in self.items.items() if heading_names_item(item, heading, self.year)}
        if "next_year" in found and self.year is not None:
            years = [int(y) for y in _YEAR.findall(heading)]
            if years and max(years) < self.year and not re.search(r"下一|下步|明年", heading):
                found.discard("next_year")
        if found & {"leaders", "other"}:
            found.discard("measures")
        return found

    def body_hit(self, item_id: str, text: str) -> re.Match[str] | None:
        for pattern in self.body[item_id]:
            match = pattern.search(text)
            if match:
                return match
        return None


def classify(doc: Document, matcher: ItemMatcher) -> Zones:
    """Assign every top-level section to the item(s) its heading names, the rest to thematic measures."""
    zones = Zones()
    last_named: set[str] = set()
    for node in top_sections(doc.outline):
        found = matcher.heading_items(node.heading)
        if found:
            for item_id in sorted(found):
                zones.add(item_id, node)
            last_named = found
        elif last_named & {"shortcomings", "next_year"} and not last_named & {"measures"}:
            for item_id in sorted(last_named):
                zones.ranges.setdefault(item_id, []).append((node.line, node.end_line or node.line))
        else:
            zones.thematic.append(node)
            zones.ranges.setdefault("measures", []).append((node.line, node.end_line or node.line))
    return zones


def _quote(doc: Document, line_no: int, match: re.Match[str] | None = None) -> str:
    """A short excerpt of the original line (what the reviewer sees in the file) around a match."""
    original = doc.original_line(line_no).strip()
    if match is None or len(original) <= _QUOTE_MAX:
        return original[:_QUOTE_MAX] + ("…" if len(original) > _QUOTE_MAX else "")
    normalised = next((ln.text for ln in doc.lines if ln.no == line_no), original)
    source = original if len(original) == len(normalised.strip()) else normalised.strip()
    # start at the clause that ends with the match, so the quote shows what decided the verdict
    cut = max(source.rfind(mark, 0, max(match.end() - 4, 0)) for mark in "。；;，,：:")
    if cut >= 0 and match.end() - cut <= _QUOTE_MAX - 4:
        start = cut + 1
    else:
        start = max(0, min(match.start(), match.end() - (_QUOTE_MAX - 8)))
    end = min(len(source), start + _QUOTE_MAX)
    return ("…" if start else "") + source[start:end] + ("…" if end < len(source) else "")


def _first_body_hit(
    doc: Document, matcher: ItemMatcher, item_id: str, allowed: Callable[[int], bool]
) -> tuple[int, re.Match[str]] | None:
    for ln in doc.lines:
        if not allowed(ln.no):
            continue
        match = matcher.body_hit(item_id, ln.text)
        if match:
            return ln.no, match
    return None


def _section_of(doc: Document, line: int, parent: bool = False) -> str:
    """Where a line sits, as a reader finds it: the innermost two enclosing headings."""
    path = doc.section_path(line)[:-1] if parent else doc.section_path(line)
    if not path:
        return "正文"
    return "的".join(f"“{heading}”" for heading in path[-2:])


def _named(item: MandateItem, zones: Zones) -> list[OutlineNode]:
    return zones.nodes.get(item.id, [])


def judge_measures(doc: Document, item: MandateItem, zones: Zones, matcher: ItemMatcher) -> ItemVerdict:
    named = _named(item, zones)
    if named:
        node = named[0]
        extra = f"，其后 {len(zones.thematic)} 个按领域分节的部分一并计入" if zones.thematic else ""
        return ItemVerdict(
            item.id, PRESENT, _label(node), node.line, f"第{node.line}行“{_label(node)}”单列了主要举措和成效{extra}。"
        )
    if zones.thematic:
        first, last = zones.thematic[0], zones.thematic[-1]
        span = f"“{_label(first)}”至“{_label(last)}”" if first is not last else f"“{_label(first)}”"
        return ItemVerdict(
            item.id,
            PRESENT,
            _label(first),
            first.line,
            f"未设“主要举措和成效”总标题，但{span}按工作领域分{len(zones.thematic)}节叙述举措，视为已写明。",
        )
    claimed = [r for ranges in zones.ranges.values() for r in ranges]
    hit = _first_body_hit(doc, matcher, item.id, lambda no: not any(a <= no <= b for a, b in claimed))
    if hit:
        no, match = hit
        return ItemVerdict(
            item.id,
            PARTIAL,
            None,
            no,
            f"没有主要举措和成效的标题或分节，举措只散见于正文（第{no}行“{_quote(doc, no, match)}”）。",
        )
    return ItemVerdict(item.id, MISSING, None, None, "没有找到上一年度主要举措和成效的内容。")


def _cause_lines(doc: Document, item: MandateItem, zones: Zones, strong: bool) -> list[tuple[int, re.Match[str]]]:
    markers = item.cause_markers.strong if strong else item.cause_markers.weak  # type: ignore[union-attr]
    patterns = [re.compile(p) for p in markers]
    found = []
    for ln in doc.lines:
        if zones.contains(item.id, ln.no):
            match = next((m for m in (p.search(ln.text) for p in patterns) if m), None)
            if match:
                found.append((ln.no, match))
    return found


def _problem_count(node: OutlineNode, doc: Document) -> int:
    if node.children:
        return len(node.children)
    text = "\n".join(ln.text for ln in doc.lines if node.line < ln.no <= (node.end_line or node.line))
    enumerated = len(re.findall(r"[一二三四五六七八九十]是", text))
    return max(enumerated, 1)


def judge_shortcomings(doc: Document, item: MandateItem, zones: Zones, matcher: ItemMatcher) -> ItemVerdict:
    named = _named(item, zones)
    if named:
        node = named[0]
        label = _label(node)
        if item.cause_markers is None:
            return ItemVerdict(item.id, PRESENT, label, node.line, f"第{node.line}行“{label}”单列了存在的不足。")
        strong_hits = _cause_lines(doc, item, zones, strong=True)
        strong = [no for no, _ in strong_hits]
        weak = [no for no, _ in _cause_lines(doc, item, zones, strong=False)]
        heading_claims = bool(item.heading_names_causes and re.search(item.heading_names_causes, node.heading))
        problems = _problem_count(node, doc)
        evidence = sorted(set(strong + weak))
        if strong:
            reason = f"第{node.line}行“{label}”单列了问题，并分析了原因（第{strong[0]}行“{_quote(doc, strong[0], strong_hits[0][1])}”）。"
            return ItemVerdict(item.id, PRESENT, label, node.line, reason, evidence=evidence)
        if len(weak) >= 2 and (heading_claims or len(weak) >= math.ceil(problems / 2)):
            reason = f"第{node.line}行“{label}”单列了问题，原因写在第{'、'.join(map(str, weak[:4]))}行。"
            return ItemVerdict(item.id, PRESENT, label, node.line, reason, evidence=evidence)
        if weak:
            reason = (
                f"第{node.line}行“{label}”列出了{problems}项问题，原因只在第{weak[0]}行顺带提及，"
                f"没有系统分析不足的原因。"
            )
            return ItemVerdict(item.id, PARTIAL, label, node.line, reason, evidence=evidence)
        reason = f"第{node.line}行“{label}”只列出问题，没有分析原因（规定要求写明“不足和原因”）。"
        return ItemVerdict(item.id, PARTIAL, label, node.line, reason)
    hit = _first_body_hit(doc, matcher, item.id, lambda no: not zones.contains("next_year", no))
    if hit:
        no, match = hit
        return ItemVerdict(
            item.id,
            PARTIAL,
            None,
            no,
            f"没有单列存在的不足，只在{_section_of(doc, no)}中提到（第{no}行“{_quote(doc, no, match)}”）。",
        )
    return ItemVerdict(item.id, MISSING, None, None, "没有找到存在的不足和原因。")


def _subheading(doc: Document, matcher: ItemMatcher, item_id: str) -> OutlineNode | None:
    top = {id(n) for n in top_sections(doc.outline)}
    for node in iter_nodes(doc.outline):
        if id(node) not in top and item_id in matcher.heading_items(node.heading):
            return node
    return None


def judge_leaders(doc: Document, item: MandateItem, zones: Zones, matcher: ItemMatcher) -> ItemVerdict:
    named = _named(item, zones)
    if named:
        node = named[0]
        return ItemVerdict(
            item.id,
            PRESENT,
            _label(node),
            node.line,
            f"第{node.line}行“{_label(node)}”单列了党政主要负责人履行第一责任人职责的情况。",
        )
    if item.id in matcher.subheading_items:
        sub = _subheading(doc, matcher, item.id)
        if sub is not None:
            return ItemVerdict(
                item.id,
                PRESENT,
                _label(sub),
                sub.line,
                f"在{_section_of(doc, sub.line, parent=True)}下以小标题“{_label(sub)}”（第{sub.line}行）单列。",
            )
    hit = _first_body_hit(
        doc, matcher, item.id, lambda no: not zones.contains("shortcomings", no) and not zones.contains("next_year", no)
    )
    if hit:
        no, match = hit
        return ItemVerdict(
            item.id,
            PARTIAL,
            None,
            no,
            f"没有单列，只在{_section_of(doc, no)}中提到（第{no}行“{_quote(doc, no, match)}”）。",
        )
    later = _first_body_hit(doc, matcher, item.id, lambda no: True)
    if later:
        return ItemVerdict(
            item.id,
            MISSING,
            None,
            None,
            f"没有报告上一年度履职情况；第{later[0]}行只在问题或下一步安排中提到第一责任人。",
        )
    return ItemVerdict(item.id, MISSING, None, None, "没有找到党政主要负责人履行推进法治建设第一责任人职责的情况。")


def judge_next_year(doc: Document, item: MandateItem, zones: Zones, matcher: ItemMatcher) -> ItemVerdict:
    named = _named(item, zones)
    if named:
        node = named[0]
        return ItemVerdict(
            item.id, PRESENT, _label(node), node.line, f"第{node.line}行“{_label(node)}”单列了下一年度的工作安排。"
        )
    last_line = doc.lines[-1].no if doc.lines else 0
    tail_start = last_line - 2
    hit = _first_body_hit(doc, matcher, item.id, lambda no: not zones.contains("measures", no) or no >= tail_start)
    if hit:
        no, match = hit
        return ItemVerdict(
            item.id,
            PARTIAL,
            None,
            no,
            f"没有单列下一年度安排，只在{_section_of(doc, no)}中带过（第{no}行“{_quote(doc, no, match)}”）。",
        )
    return ItemVerdict(item.id, MISSING, None, None, "没有找到下一年度推进法治政府建设的主要安排。")


def judge_other(doc: Document, item: MandateItem, zones: Zones, matcher: ItemMatcher) -> ItemVerdict:
    named = _named(item, zones)
    if not named and item.id in matcher.subheading_items:
        sub = _subheading(doc, matcher, item.id)
        named = [sub] if sub is not None else []
    if named:
        node = named[0]
        return ItemVerdict(
            item.id, PRESENT, _label(node), node.line, f"第{node.line}行“{_label(node)}”单列了其他需要报告的情况。"
        )
    return ItemVerdict(item.id, MISSING, None, None, "未单列“其他需要报告的情况”（非必备项，不扣分）。")


_JUDGES = {
    "measures": judge_measures,
    "shortcomings": judge_shortcomings,
    "leaders": judge_leaders,
    "next_year": judge_next_year,
    "other": judge_other,
}


def judge_items(doc: Document, mandates: Mandates, year: int | None) -> tuple[list[ItemVerdict], Zones]:
    """One verdict per mandated item, in the schema's order."""
    matcher = ItemMatcher(mandates, year)
    zones = classify(doc, matcher)
    verdicts = []
    for item in mandates.items:
        verdict = _JUDGES[item.id](doc, item, zones, matcher)
        verdict.title = item.title
        verdict.required = item.required
        verdicts.append(verdict)
    return verdicts, zones
