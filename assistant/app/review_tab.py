"""报告审查 tab: upload reports, see the verdict, the five mandated items, figure problems and
纲要 coverage, and download the review — the same review_report() as `fazhi review`: Markdown/HTML, the
formal 审查意见 (.docx, 公文 format, one for all uploads) and each report back with Word comments. An
optional 上年报告 is compared with each report (plans followed, text reused, last year's figures)."""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import gradio as gr

from assistant.app import services, uploads
from assistant.compare import Comparison, attach_comparison, compare_reports
from assistant.documents import Document, load_document
from assistant.mandates import load_mandates
from assistant.review import (
    Review,
    annotate,
    review_report,
    review_to_html,
    review_to_markdown,
    verdict_line,
    write_opinion_docx,
)
from assistant.vocabulary import COVERAGE_NAMES, ITEM_NAMES, STATUS_MARKS, STATUS_NAMES

ITEM_HEADERS = ["文件", "法定内容", "状态", "对应标题", "行", "说明"]
FIGURE_HEADERS = ["文件", "行", "严重程度", "问题", "原文"]
COVERAGE_HEADERS = ["文件", "纲要领域", "覆盖", "依据"]
PLAN_HEADERS = ["文件", "上年行", "上年计划", "本年情况", "本年依据"]
PLAN_STATUS = {"followed": "✓ 已落实", "not_mentioned": "✗ 未提及"}
# The 说明 column carries the reasons: give it the room, keep file, status and line narrow.
ITEM_WIDTHS: list[str | int] = ["13%", "12%", "9%", "24%", "5%", "37%"]
FIGURE_WIDTHS: list[str | int] = ["13%", "5%", "8%", "40%", "34%"]
COVERAGE_WIDTHS: list[str | int] = ["18%", "42%", "12%", "28%"]
PLAN_WIDTHS: list[str | int] = ["13%", "6%", "30%", "31%", "20%"]


@dataclass
class ReviewResult:
    summary: str = ""
    items: list[list[Any]] = field(default_factory=list)
    figures: list[list[Any]] = field(default_factory=list)
    coverage: list[list[Any]] = field(default_factory=list)
    plans: list[list[Any]] = field(default_factory=list)
    downloads: list[str] = field(default_factory=list)
    reviewed: int = 0  # files reviewed as reports (their figures were checked)

    @property
    def figures_note(self) -> str:
        """One line instead of an empty table, as the CLI says it."""
        if self.figures:
            return f"数字问题：共 {len(self.figures)} 处，见下表（原句与行号）。"
        if self.reviewed:
            return "数字问题：未发现数字前后矛盾。"
        return ""


def review_paths(paths: list[Path], previous: Path | None = None) -> ReviewResult:
    """Review each file (and compare it with `previous`, last year's report, when given); a file that fails
    is reported in the summary and the rest go on."""
    mandates = load_mandates()
    out = ReviewResult()
    blocks: list[str] = []
    reviews: list[Review] = []
    errors: list[tuple[str, str]] = []
    last: Document | None = None
    if previous is not None:
        try:
            last = load_document(previous)
        except Exception as exc:
            blocks.append(
                f"### 上年报告 {html.escape(previous.name)}\n⚠ 无法读取，未作对照：{services.user_message(exc)}"
            )
    for path in paths:
        name = path.name
        try:
            doc = load_document(path)
            r = review_report(doc, mandates)
            comparison = compare_reports(doc, last, mandates) if last is not None else None
            if comparison is not None:
                attach_comparison(r, comparison)
                out.plans += _plan_rows(name, comparison)
            out.downloads += _write_downloads(path, doc, r)
        except Exception as exc:  # one bad file never stops the others
            message = services.user_message(exc)
            blocks.append(f"### {html.escape(name)}\n⚠ 无法审查：{message}")
            errors.append((name, message))
            continue
        reviews.append(r)
        blocks.append(_verdict(name, r) + (_comparison_line(comparison) if comparison is not None else ""))
        out.reviewed += 1
        out.items += [_item_row(name, v) for v in r.mandated]
        out.figures += [
            [name, i.line, "错误" if i.severity == "error" else "提示", i.message, i.text] for i in r.figure_issues
        ]
        out.coverage += [_coverage_row(name, c) for c in r.coverage]
    if reviews:
        folder = uploads.exports_dir() / paths[0].parent.name
        out.downloads.insert(0, str(write_opinion_docx(reviews, folder / "审查意见.docx", errors)))
    out.summary = "\n\n".join(blocks)
    return out


def _comparison_line(c: Comparison) -> str:
    differs = sum(k.status == "differs" for k in c.continuity)
    plans = f"上年计划{len(c.plans)}项，已落实{c.followed}项" if c.plans else "上年报告中没有找到下一年度安排"
    return (
        f"\n- 与上年报告对照（{html.escape(Path(c.file).name)}）：照搬比例 {c.reused_share:.0%}；{plans}；"
        f"上年数字{len(c.continuity)}处，不一致{differs}处"
    )


def _plan_rows(name: str, c: Comparison) -> list[list[Any]]:
    return [
        [
            name,
            p.line,
            p.plan,
            PLAN_STATUS.get(p.status, p.status),
            f"第{p.evidence_line}行：{p.evidence}" if p.evidence_line else "",
        ]
        for p in c.plans
    ]


def _verdict(name: str, r: Review) -> str:
    title = r.meta.title or name
    head = f"### {html.escape(name)}\n**{html.escape(title)}**"
    if not r.is_report:
        return f"{head}\n\n⚠ **这不是法治政府建设年度报告**：{r.not_report_reason or ''}"
    bad = any(v.status != "present" for v in r.mandated if v.required) or any(
        i.severity == "error" for i in r.figure_issues
    )
    lines = [head, "", f"{'⚠' if bad else '✓'} **审查结论**：{verdict_line(r)}"]
    if r.report_basis:
        lines.append(f"- 文种判断：{r.report_basis}")
    for note in r.timing:
        lines.append(f"- 时限：{note.message}")
    return "\n".join(lines)


def _item_row(name: str, v: Any) -> list[Any]:
    status = f"{STATUS_MARKS.get(v.status, '')} {STATUS_NAMES.get(v.status, v.status)}"
    if v.status == "missing" and not v.required:
        status = "— 未单列（非必备）"
    return [name, ITEM_NAMES.get(v.id, v.id), status, v.heading or "", v.line or "", v.reason]


def _coverage_row(name: str, c: Any) -> list[Any]:
    lines = "、".join(str(n) for n in c.lines[:5])
    return [name, c.area, COVERAGE_NAMES.get(c.status, c.status), f"第 {lines} 行" if lines else ""]


def _write_downloads(path: Path, doc: Document, r: Review) -> list[str]:
    out_dir = uploads.exports_dir() / path.parent.name
    out_dir.mkdir(parents=True, exist_ok=True)
    md = out_dir / f"{path.stem}_审查.md"
    md.write_text(review_to_markdown(r), encoding="utf-8")
    page = out_dir / f"{path.stem}_审查.html"
    page.write_text(review_to_html(r), encoding="utf-8")
    commented, _ = annotate(doc, r, out_dir / f"{path.stem}_批注.docx")
    return [str(commented), str(md), str(page)]


def run_review(files: Any, previous: Any = None) -> tuple[str, list[Any], str, Any, list[Any], Any, list[str] | None]:
    try:
        paths = uploads.accept_uploads(files, suffixes=uploads.REPORT_SUFFIXES)
        last = uploads.accept_uploads([previous], suffixes=uploads.REPORT_SUFFIXES)[0] if previous else None
        result = review_paths(paths, last)
    except Exception as exc:
        raise services.failure(exc) from None
    # empty tables are not shown: the figures say so in one line, plans only with last year's report
    figures = gr.update(value=result.figures, visible=bool(result.figures))
    plans = gr.update(value=result.plans, visible=bool(result.plans))
    return (
        result.summary,
        result.items,
        result.figures_note,
        figures,
        result.coverage,
        plans,
        result.downloads or None,
    )


def build() -> None:
    gr.Markdown("上传一份或多份报告（.docx / .pdf / .txt / .html），检查五项法定内容、数字问题和纲要覆盖情况。")
    with gr.Row():
        files = gr.File(
            label="上传报告（.docx / .pdf / .txt / .html）", file_count="multiple", elem_id="review-files", scale=3
        )
        previous = gr.File(
            label="上年报告（可选：同一单位上一年度的报告，核对计划落实、照搬比例和上年数字）",
            file_count="single",
            elem_id="review-previous",
            scale=2,
        )
        run = gr.Button("开始审查", variant="primary", elem_id="review-run", scale=1)
    summary = gr.Markdown(elem_id="review-summary")
    items = services.result_table(ITEM_HEADERS, "五项法定内容", ITEM_WIDTHS, "review-items")
    figures_note = gr.Markdown(elem_id="review-figures-note")
    figures = services.result_table(
        FIGURE_HEADERS, "数字问题（原句与行号）", FIGURE_WIDTHS, "review-figures", visible=False
    )
    coverage = services.result_table(
        COVERAGE_HEADERS, "纲要（2021—2025年）领域覆盖", COVERAGE_WIDTHS, "review-coverage"
    )
    plans = services.result_table(PLAN_HEADERS, "上年计划的落实情况", PLAN_WIDTHS, "review-plans", visible=False)
    downloads = gr.File(
        label="下载：审查意见（公文格式 .docx）、带批注的报告（.docx）、Markdown / HTML",
        file_count="multiple",
        interactive=False,
        elem_id="review-downloads",
    )
    run.click(
        run_review,
        inputs=[files, previous],
        outputs=[summary, items, figures_note, figures, coverage, plans, downloads],
        api_name="review",
    )
