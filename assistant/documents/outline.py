"""THE heading parser: a heading tree from Chinese document numbering.

Numbering kinds, as written in official documents: 第X章/第X部分, 一、, (一), 1./1、, (1), ①.
Levels are not fixed per kind; they follow the order kinds appear in, so a document that goes
一、 → 1. without (一) still nests correctly. Headings are often run in with their paragraph
("1.统筹规划，分解任务。一是…"): the heading is the first sentence. "一是/二是" enumerate inside a
paragraph and are never headings. A restart of the same kind at 一 right under a 一 (seed 003:
"一、工作开展情况" then "一、坚持党的领导") opens a nested level; a closing section (problems,
next steps) in that nested run is lifted back to the outer level.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from assistant.vocabulary import cn_to_int

CN_DIGITS = "零〇一二三四五六七八九十百"
_CN_NUM = f"[{CN_DIGITS}]{{1,4}}"

_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("chapter", re.compile(rf"^(第(?:{_CN_NUM}|\d{{1,3}})(?:章|部分|篇|编))[\s:、.]*(.*)$")),
    ("cn", re.compile(rf"^({_CN_NUM})\s*[、.,，]\s*(.*)$")),
    ("paren_cn", re.compile(rf"^\(\s*({_CN_NUM})\s*\)[\s、.]*(.*)$")),
    ("paren_arabic", re.compile(r"^\(\s*(\d{1,2})\s*\)[\s、.]*(.*)$")),
    ("arabic", re.compile(r"^(\d{1,2})\s*(?:、|\.(?!\d)|,(?!\d)|\s(?=[\u4e00-\u9fff]))\s*(.*)$")),
    ("circled", re.compile(r"^([\u2460-\u2473\u3251-\u325f])\s*[、.]?\s*(.*)$")),
]
_CN_SPACE = re.compile(rf"^({_CN_NUM})\s+([\u4e00-\u9fff].*)$")
_SENTENCE = re.compile(r"[。！？!?；;]|:(?=.)")
_CLOSING = re.compile(
    r"(存在(的)?(主要)?(问题|不足|困难)|问题(和|与|及)不足|困难(和|与)不足|不足(和|与)原因|"
    r"下一?步|下一年|来年|明年|今后|(工作)?(打算|计划|安排|思路|展望)$)"
)
# Unnumbered part titles of work reports ("2014年工作回顾", "2015年工作安排"): always top level.
_TITLE_LINE = re.compile(
    r"^((19|20)\d{2}年(度)?)?(的)?(主要)?(工作回顾|工作安排|工作任务|主要任务|总体要求|主要目标|"
    r"工作部署|重点工作|下一步工作(计划|打算|安排)?|工作打算|存在的(主要)?问题)$"
)
_ENUM_SHI = re.compile(rf"^{_CN_NUM}(是|要|抓|加强|坚持|推进)")
_MAX_HEADING = 80


class _LineLike(Protocol):
    no: int
    text: str


@dataclass
class OutlineNode:
    level: int
    number: str
    heading: str
    line: int
    kind: str
    children: list[OutlineNode] = field(default_factory=list)
    end_line: int = 0

    @property
    def label(self) -> str:
        """The heading as a reader cites it: "一、主要举措和成效", "（三）完善行政决策程序"."""
        return format_heading(self.kind, self.number, self.heading)


def format_heading(kind: str, number: str, heading: str) -> str:
    if kind == "cn":
        return f"{number}、{heading}"
    if kind in ("paren_cn", "paren_arabic"):
        return f"（{number.strip('()')}）{heading}"
    if kind == "arabic":
        return f"{number}.{heading}"
    if kind == "chapter":
        return f"{number} {heading}".strip()
    return f"{number}{heading}"


def match_heading(text: str) -> tuple[str, str, str] | None:
    """(kind, number, rest) if the normalised line starts with heading numbering."""
    if not text or len(text) < 2:
        return None
    first = text[0]
    if not (first in "第(" or first.isdigit() or first in CN_DIGITS or "\u2460" <= first <= "\u325f"):
        return None
    if _ENUM_SHI.match(text):
        return None
    for kind, pattern in _PATTERNS:
        m = pattern.match(text)
        if m:
            number = m.group(1).replace(" ", "")
            rest = m.group(2).strip()
            if kind in ("paren_cn", "paren_arabic"):
                number = f"({number.strip('()')})"
            if kind == "cn" and len(number) > 3:
                return None
            return kind, number, rest
    m = _CN_SPACE.match(text)  # "一 主要举措和成效": a space instead of 、, only on short standalone lines
    if m and len(text) <= 40 and not _SENTENCE.search(text):
        return "cn", m.group(1), m.group(2).strip()
    return None


def heading_text(rest: str) -> str:
    """A standalone heading is the whole line; a run-in heading is its first sentence."""
    rest = rest.strip()
    m = _SENTENCE.search(rest)
    head = rest[: m.start()] if m else rest
    head = head.strip().rstrip("，,、 :")
    if len(head) > _MAX_HEADING:
        cut = max(head.rfind("，", 0, _MAX_HEADING), head.rfind(",", 0, _MAX_HEADING))
        head = head[:cut] if cut > 8 else head[:_MAX_HEADING]
    return head


@dataclass
class _Frame:
    node: OutlineNode
    value: int | None
    restarted: bool = False


def parse_outline(lines: Sequence[_LineLike]) -> list[OutlineNode]:
    """The heading tree of a document's kept lines (normalised text, original line numbers)."""
    roots: list[OutlineNode] = []
    stack: list[_Frame] = []
    pending_number: tuple[str, str, int] | None = None
    for line in lines:
        text = line.text
        if pending_number is not None:
            kind, number, no = pending_number
            pending_number = None
            if text and len(text) <= _MAX_HEADING and match_heading(text) is None:
                _place(OutlineNode(0, number, heading_text(text), no, kind), stack, roots)
                continue
        found = match_heading(text)
        if found is None:
            if len(text) <= 24 and _TITLE_LINE.match(text):
                node = OutlineNode(1, "", text, line.no, "title")
                stack.clear()
                roots.append(node)
                stack.append(_Frame(node, None))
            continue
        kind, number, rest = found
        if not rest:
            pending_number = (kind, number, line.no)  # "一、" alone, title on the next line
            continue
        if kind == "arabic" and _looks_like_figure(rest):
            continue
        _place(OutlineNode(0, number, heading_text(rest), line.no, kind), stack, roots)
    _set_end_lines(roots, lines)
    return roots


def _looks_like_figure(rest: str) -> bool:
    """ "2 个百分点…", "12 月…" after a bare number are quantities, not headings."""
    return bool(re.match(r"^(月|日|年|个|项|件|%|万|亿|倍|家|人|名|次|天|小时)", rest))


def _place(node: OutlineNode, stack: list[_Frame], roots: list[OutlineNode]) -> None:
    """Attach `node` where its numbering says: sibling of the frame whose sequence it continues, else child."""
    value = cn_to_int(node.number)
    same = [i for i, f in enumerate(stack) if f.node.kind == node.kind]
    target: int | None = None  # index in stack of the frame this node replaces (becomes sibling)
    restarted = False
    if same:
        expecting = [i for i in same if (v := stack[i].value) is not None and value == v + 1]
        deepest = same[-1]
        if expecting:
            target = expecting[-1]
            restarted = stack[target].restarted
            if restarted and _CLOSING.search(node.heading) and target > 0:
                outer = [i for i in same if i < target]
                if outer:
                    target, restarted = outer[-1], stack[outer[-1]].restarted
        elif (
            value == 1
            and deepest == len(stack) - 1
            and stack[deepest].value == 1
            and not stack[deepest].node.children
            and not stack[deepest].restarted
        ):
            target = None  # restart right under a 一: nest
            restarted = True
        else:
            target = deepest
            restarted = stack[target].restarted
    if target is not None:
        del stack[target:]
    parent = stack[-1].node if stack else None
    node.level = len(stack) + 1
    (parent.children if parent else roots).append(node)
    stack.append(_Frame(node, value, restarted))


def _set_end_lines(roots: list[OutlineNode], lines: Sequence[_LineLike]) -> None:
    if not lines:
        return
    numbers = [ln.no for ln in lines]
    last = numbers[-1]

    def previous_kept(no: int) -> int:
        i = bisect.bisect_left(numbers, no) - 1
        return numbers[i] if i >= 0 else no

    def walk(nodes: list[OutlineNode], end: int) -> None:
        for i, node in enumerate(nodes):
            node_end = previous_kept(nodes[i + 1].line) if i + 1 < len(nodes) else end
            node.end_line = max(node.line, node_end)
            walk(node.children, node.end_line)

    walk(roots, last)


def iter_nodes(nodes: list[OutlineNode]) -> Iterator[OutlineNode]:
    """All nodes, depth first, in document order."""
    for node in nodes:
        yield node
        yield from iter_nodes(node.children)


def outline_to_dicts(nodes: list[OutlineNode]) -> list[dict[str, Any]]:
    return [
        {
            "level": n.level,
            "number": n.number,
            "heading": n.heading,
            "line": n.line,
            "kind": n.kind,
            "end_line": n.end_line,
            "children": outline_to_dicts(n.children),
        }
        for n in nodes
    ]
