"""Review a submitted report against the mandated items, the 纲要 areas and its own figures.

The deterministic verdicts here are the record a 司法局 reviewer signs off: each points at the line
that decided it and says why in one Chinese sentence. Document type comes first, so a work plan or
a 政府工作报告 is named as such instead of being listed as a report missing four sections.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from assistant.documents import Document, Meta, iter_nodes, load_document
from assistant.figures import Figure, FigureIssue, check_figures
from assistant.mandates import Mandates, load_mandates
from assistant.review.areas import heading_names_area, keywords_in
from assistant.review.items import ItemVerdict, Zones, judge_items
from assistant.vocabulary import (
    ABSENT,
    COVERED,
    DISCLOSURE_REPORT,
    GOV_WORK_REPORT,
    MISSING,
    PARTIAL,
    PRESENT,
    RULE_OF_LAW_REPORT,
    THIN,
    WORK_PLAN,
    WORK_SUMMARY,
)

WEAK_CONFIDENCE = 0.8  # below this a report's basis is stated even when its title names it
_BASIS_CUES = 3  # cues quoted in that one line

__all__ = [
    "Appendix",
    "AreaCoverage",
    "ItemVerdict",
    "Review",
    "TimingNote",
    "review_file",
    "review_report",
    "section_ranges",
]


@dataclass
class AreaCoverage:
    area: str  # the area's name as the 纲要 words it
    status: str  # covered | thin | absent
    lines: list[int]  # evidence lines (original, 1-based)
    id: str = ""
    keywords: list[str] = field(default_factory=list)


@dataclass
class TimingNote:
    kind: str  # year_unknown | date_unknown | date_before_year | date_in_year | on_time | late
    severity: str  # info | warning
    message: str


@dataclass
class Appendix:
    """A finding a higher layer attaches to a review (the comparison with last year's report): every
    renderer shows it as one more section, and the JSON carries `data` under `key`."""

    key: str  # the review JSON's key for `data`, e.g. "previous"
    title: str  # the section's heading, e.g. "与上年报告对照"
    data: dict[str, Any]
    paragraphs: list[str] = field(default_factory=list)  # prose, one finding per paragraph
    tables: list[tuple[str, list[str], list[list[str]]]] = field(default_factory=list)  # (caption, header, rows)
    fixes: list[str] = field(default_factory=list)  # what the unit should correct, for the closing list


@dataclass
class Review:
    file: str
    meta: Meta
    is_report: bool
    not_report_reason: str | None
    mandated: list[ItemVerdict]
    coverage: list[AreaCoverage]
    figure_issues: list[FigureIssue]
    timing: list[TimingNote]
    score: int
    framework: str | None = None  # which 纲要 the coverage is measured against
    second_opinion_model: str | None = None
    notes: list[str] = field(default_factory=list)
    report_basis: str | None = None  # why a document its title does not name was taken as a report
    appendices: list[Appendix] = field(default_factory=list)

    @property
    def missing(self) -> list[ItemVerdict]:
        return [v for v in self.mandated if v.required and v.status == MISSING]


def not_report_reason(meta: Meta) -> str | None:
    """Why this is not an annual rule-of-law report, or None when it is one."""
    if meta.doc_type == RULE_OF_LAW_REPORT:
        return None
    title = f"《{meta.title}》" if meta.title else "该文件"
    basis = _cited(meta, meta.doc_type)
    if meta.doc_type == WORK_PLAN:
        return (
            f"{title}是一份工作方案（部署今后要做的工作），不是对上一年度的情况报告，"
            f"因此不按五项法定内容逐项审查{basis}。"
        )
    if meta.doc_type == GOV_WORK_REPORT:
        return (
            f"{title}是向人民代表大会所作的政府工作报告（政府全面工作），不是专项的法治政府建设情况报告，"
            f"因此不按五项法定内容逐项审查{basis}。"
        )
    if meta.doc_type == DISCLOSURE_REPORT:
        return (
            f"{title}是政府信息公开工作年度报告（按《政府信息公开条例》编制），不是法治政府建设情况报告，"
            f"因此不按五项法定内容逐项审查{basis}。"
        )
    if meta.doc_type == WORK_SUMMARY:
        return (
            f"{title}是一份工作总结，没有写明是法治政府建设情况报告，因此未按五项法定内容逐项审查{basis}；"
            f"如确为年度报告，可用 --as-report 逐项审查。"
        )
    return (
        f"{title}的标题和正文都没有法治政府建设年度报告的特征（如“现将……情况报告如下”、五项法定内容的标题），"
        f"因此未按五项法定内容逐项审查。"
    )


def report_basis(meta: Meta) -> str | None:
    """One line saying why a document was taken as a report when its title does not say so (or the
    evidence is weak): a reviewer should know the type was inferred. None when the title names it."""
    if meta.doc_type != RULE_OF_LAW_REPORT:
        return None
    by_title = any(e.signal == "title_names_report" for e in meta.doc_type_evidence)
    if by_title and meta.doc_type_confidence >= WEAK_CONFIDENCE:
        return None
    cues = [e for e in meta.doc_type_evidence if e.genre == RULE_OF_LAW_REPORT][:_BASIS_CUES]
    said = "；".join(e.label + (f"（第{e.line}行）" if e.line else "") for e in cues)
    head = "标题写明是年度报告，但依据不多" if by_title else "标题未写明是法治政府建设年度报告"
    return f"{head}，根据正文按年度报告审查（置信度 {meta.doc_type_confidence:.2f}）：{said}。"


def _cited(meta: Meta, genre: str) -> str:
    """ "（依据：第3行，开头称呼“各位代表”）" for the first line cue of `genre`, or ""."""
    for e in meta.doc_type_evidence:
        if e.genre == genre and e.line is not None:
            return f"（依据：第{e.line}行，{e.label}）"
    return ""


def _coverage(
    doc: Document, mandates: Mandates, zones: Zones, year: int | None
) -> tuple[list[AreaCoverage], str | None]:
    area_set = mandates.area_set(year)
    if area_set is None:
        return [], None

    def allowed(no: int) -> bool:
        if zones.ranges.get("measures"):
            return zones.contains("measures", no)
        return not zones.contains("shortcomings", no) and not zones.contains("next_year", no)

    lines = [ln for ln in doc.lines if allowed(ln.no)]
    headings = {n.line: n.heading for n in iter_nodes(doc.outline) if allowed(n.line)}
    rules = mandates.coverage
    result = []
    for area in area_set.areas:
        found = [(ln.no, keywords_in(ln.text, area)) for ln in lines]
        hits = [no for no, words_here in found if words_here]
        words = sorted({k for _, words_here in found for k in words_here})
        # a section headed with the area's name (or one of its keywords) is devoted to it
        devoted = sorted(no for no, h in headings.items() if heading_names_area(h, area))
        status = COVERED if devoted or len(hits) >= rules.covered_min_lines else (THIN if hits else ABSENT)
        evidence = (devoted + [no for no in hits if no not in devoted])[: rules.max_evidence_lines]
        result.append(AreaCoverage(area.name, status, sorted(evidence), area.id, words))
    return result, area_set.name


def _parse_date(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def timing_notes(meta: Meta, mandates: Mandates) -> list[TimingNote]:
    """Report year against the document date; a date after the publication deadline is a warning."""
    rules = mandates.timing
    notes: list[TimingNote] = []
    date = _parse_date(meta.date)
    if meta.year is None:
        notes.append(TimingNote("year_unknown", "warning", "未能识别报告所属年度，请在标题中写明“XXXX年度”。"))
    if date is None:
        notes.append(TimingNote("date_unknown", "info", "未能识别成文日期，无法核对报送和公开时限。"))
    if meta.year is None or date is None:
        return notes
    deadline = dt.date(meta.year + 1, rules.publish_deadline_month, rules.publish_deadline_day)
    if date.year < meta.year:
        notes.append(
            TimingNote(
                "date_before_year",
                "warning",
                f"成文日期 {date.isoformat()} 早于报告年度 {meta.year} 年，年度或日期可能有误。",
            )
        )
    elif date.year == meta.year:
        notes.append(
            TimingNote(
                "date_in_year", "info", f"成文日期 {date.isoformat()} 在 {meta.year} 年度结束之前，全年数据可能不完整。"
            )
        )
    elif date >= deadline:
        notes.append(
            TimingNote(
                "late",
                "warning",
                f"成文日期 {date.isoformat()} 晚于 {deadline.year}年{deadline.month}月{deadline.day}日，"
                f"超过年度报告应于次年{deadline.month}月{deadline.day}日前公开的时限。",
            )
        )
    else:
        notes.append(
            TimingNote(
                "on_time", "info", f"成文日期 {date.isoformat()} 在次年{deadline.month}月{deadline.day}日公开时限之前。"
            )
        )
    return notes


def score_review(
    mandated: list[ItemVerdict], coverage: list[AreaCoverage], figure_issues: list[FigureIssue], mandates: Mandates
) -> int:
    """Present earns an item's weight, partial half; coverage and figure problems adjust the rest."""
    weights = {item.id: item.weight for item in mandates.items}
    total = sum(
        weights[v.id] * (1.0 if v.status == PRESENT else 0.5 if v.status == PARTIAL else 0.0)
        for v in mandated
        if v.required
    )
    rules = mandates.score
    if coverage:
        credit = sum(1.0 if c.status == COVERED else 0.5 if c.status == THIN else 0.0 for c in coverage)
        total += rules.coverage_points * credit / len(coverage)
    penalty = sum(
        rules.figure_error_penalty if i.severity == "error" else rules.figure_warning_penalty for i in figure_issues
    )
    total -= min(penalty, rules.figure_penalty_cap)
    return int(round(max(0.0, min(100.0, total))))


def review_report(
    doc: Document, mandates: Mandates | None = None, *, as_report: bool = False, figures: list[Figure] | None = None
) -> Review:
    """The full deterministic review of one loaded document.

    `as_report` reviews the five items even when the document type says otherwise (a report titled
    "工作总结" that the type detector does not recognise); the detected type is kept in a note.
    `figures` lets a caller that already extracted them (batch summaries) skip a second extraction.
    """
    mandates = mandates or load_mandates()
    meta = doc.meta
    notes: list[str] = []
    figure_issues = list(check_figures(doc, figures))
    reason = not_report_reason(meta)
    if reason is not None and not as_report:
        return Review(doc.path, meta, False, reason, [], [], figure_issues, [], 0, notes=notes)
    if reason is not None:
        notes.append(f"按要求仍按年度报告审查；文件类型识别结果：{reason}")
    basis = report_basis(meta)
    timing = timing_notes(meta, mandates)
    mandated, zones = judge_items(doc, mandates, meta.year)
    coverage, framework = _coverage(doc, mandates, zones, meta.year)
    score = score_review(mandated, coverage, figure_issues, mandates)
    return Review(
        doc.path,
        meta,
        True,
        None,
        mandated,
        coverage,
        figure_issues,
        timing,
        score,
        framework,
        notes=notes,
        report_basis=basis,
    )


def section_ranges(doc: Document, mandates: Mandates | None = None) -> dict[str, list[tuple[int, int]]]:
    """The line ranges (inclusive, original lines) of each mandated item's sections, as the review reads them:
    "measures", "shortcomings", "next_year" … (what a comparison with last year's report needs to know)."""
    mandates = mandates or load_mandates()
    return judge_items(doc, mandates, doc.meta.year)[1].ranges


def review_file(path: str, mandates: Mandates | None = None, *, as_report: bool = False) -> Review:
    """Load and review one file (raises the loader's InputError subclasses for unreadable files)."""
    return review_report(load_document(path), mandates, as_report=as_report)
