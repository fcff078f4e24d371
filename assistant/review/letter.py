"""The formal 审查意见 as a Word file in 公文 format: what a 司法局 signs and sends back to the units.

One document for any number of reports: a summary table first (one row per report), then one section
per report — its conclusion, the five items (status, where, why), figure problems quoted from the report,
纲要 coverage, timing, what the comparison with last year found (when attached), and a closing list of
what to fix. Files that could not be read are listed at the end. The page and type are assistant.word's
(GB/T 9704), the same as a drafted report's.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from assistant.review.render import fix_list, verdict_line
from assistant.review.review import Review
from assistant.vocabulary import COVERAGE_NAMES, SEVERITY_NAMES, STATUS_NAMES, to_chinese
from assistant.word import (
    BODY_FONT,
    add_body,
    add_heading,
    add_paragraph,
    add_table,
    add_title,
    new_document,
    save_docx,
    text_width,
)

__all__ = ["build_opinion", "write_opinion_docx"]

SUMMARY_HEADER = ["序号", "报告", "年度", "结论", "得分"]
SUMMARY_WIDTHS_MM = [14.0, 52.0, 16.0, 58.0, 16.0]


def _name(r: Review) -> str:
    return r.meta.title or Path(r.file).stem


def _summary_rows(reviews: list[Review]) -> list[list[str]]:
    rows = []
    for k, r in enumerate(reviews, 1):
        year = str(r.meta.year) if r.meta.year else "—"
        score = str(r.score) if r.is_report else "—"
        rows.append([str(k), _name(r), year, verdict_line(r).split("；得分")[0], score])
    return rows


def _items(doc: Any, r: Review) -> None:
    add_heading(doc, "（二）法定内容", 2)
    for k, v in enumerate(r.mandated, 1):
        status = "未单列（非必备）" if not v.required and v.status == "missing" else STATUS_NAMES[v.status]
        where = f"（第{v.line}行“{v.heading}”）" if v.line is not None and v.heading else ""
        add_body(doc, f"{k}. {v.title}：{status}{where}。{v.reason}")


def _figures(doc: Any, r: Review, numeral: str) -> None:
    add_heading(doc, f"（{numeral}）数字核对", 2)
    if not r.figure_issues:
        add_body(doc, "未发现数字前后矛盾。")
    for k, i in enumerate(r.figure_issues, 1):
        severity = SEVERITY_NAMES.get(i.severity, "提示")
        add_body(doc, f"{k}. 第{i.line}行【{severity}】“{i.text}”：{i.message}")


def _coverage(doc: Any, r: Review, numeral: str) -> None:
    add_heading(doc, f"（{numeral}）纲要领域覆盖", 2)
    covered = sum(c.status == "covered" for c in r.coverage)
    add_body(doc, f"对照{r.framework}，已涉及{covered}/{len(r.coverage)}个领域。")
    for status in ("absent", "thin"):
        areas = [c for c in r.coverage if c.status == status]
        if areas:
            said = "、".join(c.area + (f"（第{c.lines[0]}行）" if c.lines else "") for c in areas)
            add_body(doc, f"{COVERAGE_NAMES[status]}：{said}。")


def _report(doc: Any, r: Review, k: int) -> None:
    add_heading(doc, f"{to_chinese(k)}、{_name(r)}", 1)
    add_heading(doc, "（一）审查结论", 2)
    issuer = "、".join(r.meta.issuers) if len(r.meta.issuers) > 1 else r.meta.issuer or "发文单位未识别"
    add_body(doc, f"{issuer}，{f'{r.meta.year}年度' if r.meta.year else '年度未识别'}。{verdict_line(r)}")
    if r.report_basis:
        add_body(doc, f"文种判断：{r.report_basis}")
    numerals = iter("二三四五六七八九十")
    if r.is_report:
        _items(doc, r)
        next(numerals)
    _figures(doc, r, next(numerals))
    if r.is_report and r.coverage:
        _coverage(doc, r, next(numerals))
    if r.is_report:
        add_heading(doc, f"（{next(numerals)}）报送时间", 2)
        for t in r.timing or []:
            add_body(doc, f"【{SEVERITY_NAMES.get(t.severity, t.severity)}】{t.message}")
    for a in r.appendices:
        add_heading(doc, f"（{next(numerals)}）{a.title}", 2)
        for para in a.paragraphs:
            add_body(doc, para)
        for caption, header, rows in a.tables:
            add_body(doc, caption)
            add_table(doc, header, rows)
    add_heading(doc, f"（{next(numerals)}）需要修改的内容", 2)
    fixes = fix_list(r)
    if not fixes:
        add_body(doc, "无需修改。")
    for n, fix in enumerate(fixes, 1):
        add_body(doc, f"{n}. {fix}")


def build_opinion(
    reviews: list[Review], errors: list[tuple[str, str]] | None = None, *, date: dt.date | None = None
) -> Any:
    """The python-docx Document of the 审查意见 for `reviews` (tests read it back without touching disk)."""
    doc = new_document()
    n = len(reviews)
    add_title(doc, "法治政府建设年度报告审查意见" if n == 1 else f"关于{n}份法治政府建设年度报告的审查意见")
    add_body(
        doc,
        f"对报送的{n}份法治政府建设年度报告，逐份审查了五项法定内容是否齐全、数字是否前后一致、"
        "《法治政府建设实施纲要》各领域的覆盖情况和报送公开时限，意见如下。",
    )
    add_body(doc, "审查结果一览：")
    add_table(doc, SUMMARY_HEADER, _summary_rows(reviews), SUMMARY_WIDTHS_MM)
    for k, r in enumerate(reviews, 1):
        _report(doc, r, k)
    if errors:
        add_heading(doc, f"{to_chinese(n + 1)}、未能审查的文件", 1)
        for path, message in errors:
            add_body(doc, f"{Path(path).name}：{message}")
    day = date or dt.date.today()
    stamp = f"{day.year}年{day.month}月{day.day}日"
    add_paragraph(doc, "", BODY_FONT, indent=False)
    signer = "（审查单位）"
    room = max(0.0, 64 + (text_width(stamp) - text_width(signer)) * 8)
    add_paragraph(doc, signer, BODY_FONT, align="right", indent=False, right_indent_pt=room)
    add_paragraph(doc, stamp, BODY_FONT, align="right", indent=False, right_indent_pt=64)
    return doc


def write_opinion_docx(reviews: list[Review], path: Path | str, errors: list[tuple[str, str]] | None = None) -> Path:
    return save_docx(build_opinion(reviews, errors), path)
