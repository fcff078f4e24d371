"""Facts from submitted reports: what departments and towns reported, as the compiling unit's facts file.

A county's 司法局 collects its departments' and towns' own 法治政府建设 reports and compiles the
county's report from them. Each report is read as review reads it — which lines are measures,
problems, leaders' duties and next year's plans (review.judge_items), which 纲要 area a measure
serves (review.classify_area) — and its figures as the figures engine reads them (labels and 其中
links). Every point, problem and figure records its file and line; nothing is added that the report
does not say; identical points from two reports merge, others stay apart.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from assistant.documents import SUPPORTED, Document, OutlineNode, iter_nodes, load_document
from assistant.errors import FactsError, FazhiError, FileMissingError
from assistant.facts.merge import Piece, merge_pieces
from assistant.facts.phrasing import clean
from assistant.facts.report_figures import point_figures
from assistant.facts.report_text import (
    Span,
    cause_start,
    cause_words,
    is_plan,
    is_preface,
    is_signature,
    plan_lead,
    prose,
    self_terms,
    sentences,
    split_enumerated,
    strip_run_in,
)
from assistant.facts.schema import Facts, Point, Problem
from assistant.figures import Figure, extract_figures
from assistant.mandates import Area, Mandates, compiled, load_mandates
from assistant.review import Zones, classify_area, judge_items
from assistant.vocabulary import PARTIAL, RULE_OF_LAW_REPORT, WORK_SUMMARY, doc_type_name

__all__ = ["RECIPIENTS_PLACEHOLDER", "facts_from_reports", "read_report", "report_paths"]

RECIPIENTS_PLACEHOLDER = "【请填写主送机关】"
OTHER_AREA = "其他工作"  # measures no 纲要 area's words name
_MIN_POINT = 6  # characters: shorter pieces are fragments ("三是"), not measures
_ITEM_ORDER = ("leaders", "other", "shortcomings", "next_year", "measures")  # a line in two zones goes to the first


@dataclass
class _Segment:
    item: str
    line: int
    start: int  # offsets in Document.text
    end: int
    headings: list[str] = field(default_factory=list)


def report_paths(paths: Sequence[Path | str]) -> list[Path]:
    """Files, and the readable files of folders (recursively, sorted), each once."""
    out: dict[Path, None] = {}
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUPPORTED)
            out.update(dict.fromkeys(p for p in found if not p.name.startswith((".", "~$"))))
        elif path.is_file():
            out[path] = None
        else:
            raise FileMissingError(f"找不到 {path}")
    return list(out)


def _line_items(doc: Document, zones: Zones) -> dict[int, str]:
    """Each line's item: the zones review found, a line in two (存在问题及下步打算) going to the earlier of
    _ITEM_ORDER (its plans are split off by sentence later)."""
    items: dict[int, str] = {}
    for item in reversed(_ITEM_ORDER):
        for a, b in zones.ranges.get(item, []):
            for no in range(a, b + 1):
                items[no] = item
    return items


def _subsection(doc: Document, line: int | None) -> OutlineNode | None:
    return next((n for n in iter_nodes(doc.outline) if n.line == line), None) if line else None


def _segments(doc: Document, mandates: Mandates) -> list[_Segment]:
    verdicts, zones = judge_items(doc, mandates, doc.meta.year)
    by_id = {v.id: v for v in verdicts}
    items = _line_items(doc, zones)
    for key in ("leaders", "other"):  # a sub-heading of its own inside the measures (review's reading)
        node = _subsection(doc, by_id[key].line) if key in by_id and by_id[key].heading else None
        if node is not None and items.get(node.line) == "measures":
            items.update(dict.fromkeys(range(node.line, node.end_line + 1), key))
    nodes = {n.line: n for n in iter_nodes(doc.outline)}
    leaders_marks = [compiled(p, doc.meta.year) for p in mandates.item("leaders").body_markers]
    leaders_in_measures = by_id.get("leaders") is not None and by_id["leaders"].status == PARTIAL
    out: list[_Segment] = []
    for ln in doc.lines:
        item = items.get(ln.no)
        if item is None:
            continue
        node = nodes.get(ln.no)
        body = strip_run_in(ln.text, node.heading if node else None)
        if is_signature(ln.text):
            continue
        if not ln.text[body:].strip():
            if node is not None and (node.children or node.end_line > node.line):
                continue  # a heading: it classifies what follows, it is no point itself
            body = strip_run_in(ln.text, None)  # "2、落实……有待加强" — a list item is its own content
        spans = split_enumerated(ln.text, body)
        if len(spans) == 1 and node is not None:  # one measure: its run-in heading says what it is
            spans = [Span(strip_run_in(ln.text, None), len(ln.text))]
        headings = doc.section_path(ln.no)
        for span in spans:
            text = ln.text[span.start : span.end]
            if len(text.strip()) < _MIN_POINT or is_preface(text):
                continue
            seg_item = item
            if item == "measures" and leaders_in_measures and any(p.search(text) for p in leaders_marks):
                seg_item = "leaders"
            out.append(_Segment(seg_item, ln.no, ln.start + span.start, ln.start + span.end, headings))
    return out


class _ReportReader:
    """One report → a Piece of the compiled facts."""

    def __init__(self, doc: Document, areas: list[Area], mandates: Mandates, name: str) -> None:
        self.doc = doc
        self.name = name
        self.areas = areas
        self.piece = Piece(name)
        self.figures: list[Figure] = extract_figures(doc)  # in the engine's order: part_of indexes it
        starts = [f.start for f in self.figures]
        self.starts = starts if all(a <= b for a, b in zip(starts, starts[1:])) else None
        markers = mandates.item("shortcomings").cause_markers
        self.strong = [re.compile(p) for p in markers.strong] if markers else []
        self.terms = self_terms(doc.meta.issuer)
        self._section_areas: dict[str, Area | None] = {}
        self._line_areas: dict[int, Area | None] = {}
        self._line_index = {ln.no: i for i, ln in enumerate(doc.lines)}

    def words(self, start: int, end: int) -> str:
        return self.named(clean(prose(self.doc.text[start:end])))

    def named(self, text: str) -> str:
        """The report unit's "我局/我区" as its name: in the compiled report "我区" is another government."""
        if self.terms:
            words, name = self.terms
            for word in words:
                text = text.replace(word, name)
        return text

    def source(self, line: int) -> str:
        return f"{self.name}:{line}"

    def point(self, seg: _Segment, start: int, end: int) -> Point | None:
        text = self.words(start, end)
        if len(text) < _MIN_POINT:
            return None
        figures = point_figures(self.figures, start, end, self.source(seg.line), rename=self.named, starts=self.starts)
        return Point(text=text, figures=figures, source=self.source(seg.line))

    def area_of(self, seg: _Segment) -> str:
        """The 纲要 area of the paragraph the segment stands in: an author groups the measures of one
        paragraph ("组织学习，提高意识。一是……二是……") under one purpose; its section decides when its
        own words name no area."""
        if seg.line not in self._line_areas:
            line = self.doc.lines[self._line_index[seg.line]]
            area = classify_area(line.text, seg.headings, self.areas)
            if area is None:
                key = "\n".join(seg.headings)
                if key not in self._section_areas:
                    self._section_areas[key] = classify_area(key + "\n" + self._section_text(seg.line), [], self.areas)
                area = self._section_areas[key]
            self._line_areas[seg.line] = area
        area = self._line_areas[seg.line]
        return area.name if area else OTHER_AREA

    def _section_text(self, line: int) -> str:
        inner = None
        for node in iter_nodes(self.doc.outline):
            if node.line <= line <= node.end_line:
                inner = node
        return self.doc.section_text(inner) if inner is not None else ""

    def add(self, seg: _Segment) -> None:
        spans = sentences(self.doc.text, Span(seg.start, seg.end))
        plans = [s for s in spans if is_plan(self.doc.text[s.start : s.end])]
        if plans and seg.item != "next_year":  # "下一步，将……" is next year's work wherever it stands
            first = plans[0]
            lead = plan_lead(self.doc.text[first.start : seg.end])
            point = self.point(seg, first.start + lead, seg.end)
            if point is not None:
                self.piece.item("next_year").points.append(point)
            seg = _Segment(seg.item, seg.line, seg.start, first.start, seg.headings)
            spans = [s for s in spans if s.end <= first.start]
        if seg.item == "shortcomings":
            self.problem(seg, spans)
        elif seg.item == "measures":
            point = self.point(seg, seg.start, seg.end)
            if point is not None:
                self.piece.area(self.area_of(seg)).points.append(point)
        else:
            point = self.point(seg, seg.start, seg.end)
            if point is not None:
                self.piece.item(seg.item).points.append(point)

    def problem(self, seg: _Segment, spans: list[Span]) -> None:
        """A problem and, from the first sentence or clause that gives one, its cause."""
        cut = next((at for s in spans if (at := cause_start(self.doc.text, s, self.strong)) is not None), None)
        text = self.words(seg.start, cut if cut is not None else seg.end)
        cause = cause_words(self.words(cut, seg.end)) if cut is not None else None
        problems = self.piece.problems
        if len(text) < _MIN_POINT:
            if cause and problems:  # a paragraph of causes explains the problem before it
                last = problems[-1]
                problems[-1] = last.model_copy(update={"cause": "；".join(c for c in (last.cause, cause) if c)})
            return
        problems.append(Problem(problem=text, cause=cause or None, source=self.source(seg.line)))


def read_report(doc: Document, *, areas: list[Area], mandates: Mandates, name: str | None = None) -> Piece:
    """One report's measures by area, problems with causes, leaders' duties, plans and other matters."""
    reader = _ReportReader(doc, areas, mandates, name or Path(doc.path).name)
    for seg in _segments(doc, mandates):
        reader.add(seg)
    if not reader.figures and not reader.piece.empty:
        reader.piece.notes.append(
            f"{reader.name}：没有找到任何数据（数字），已照常提取举措和问题，请核实是否漏报数据。"
        )
    return reader.piece


def facts_from_reports(
    paths: Sequence[Path | str],
    *,
    unit: str,
    level: str,
    year: int,
    kind: str = "government",
    recipients: list[str] | None = None,
    date: dt.date | None = None,
    as_report: bool = False,
    mandates: Mandates | None = None,
) -> tuple[Facts, list[str]]:
    """The compiling unit's facts from its departments' and towns' reports, and notes for the user
    (reports skipped and why, reports without figures, placeholders to fill). A report that cannot be
    read, or is not an annual report, is named in the notes and skipped; none usable is an error."""
    mandates = mandates or load_mandates()
    area_set = mandates.area_set(year)
    areas = list(area_set.areas) if area_set else []
    notes: list[str] = []
    pieces: list[Piece] = []
    files = report_paths(paths)
    if not files:
        raise FactsError("没有找到可读取的报告文件（.txt .docx .pdf .html .md）")
    for path in files:
        try:
            doc = load_document(path)
        except FazhiError as exc:
            notes.append(f"{path.name}：无法读取，已跳过（{exc}）")
            continue
        if not as_report and doc.meta.doc_type not in (RULE_OF_LAW_REPORT, WORK_SUMMARY):
            notes.append(
                f"{path.name}：是{doc_type_name(doc.meta.doc_type)}，不是法治政府建设年度报告，已跳过"
                "（确为报告时可加 --as-report）"
            )
            continue
        if doc.meta.year is not None and doc.meta.year != year:
            notes.append(
                f"{path.name}：报告的是{doc.meta.year}年度，与汇编的{year}年度不一致，请核对是否报错了年份或文件。"
            )
        piece = read_report(doc, areas=areas, mandates=mandates, name=path.name)
        if piece.empty:
            notes.append(f"{path.name}：没有读出任何举措、问题或工作安排（不像一份年度报告），已跳过。")
            continue
        notes += piece.notes
        pieces.append(piece)
    if not pieces:
        raise FactsError("所给文件中没有可用的年度报告：" + "；".join(notes))
    if not recipients:
        notes.append(f"未指定主送机关（--recipients），事实文件中暂写为“{RECIPIENTS_PLACEHOLDER}”，请补上。")
    overrides = {
        "unit": unit,
        "level": level,
        "kind": kind,
        "year": year,
        "recipients": recipients or [RECIPIENTS_PLACEHOLDER],
        "date": date or dt.date.today(),
    }
    return merge_pieces(pieces, overrides, gangyao_order=True, what="报告"), notes
