"""报告审查 tab: upload reports, see the verdict, the five mandated items, figure problems and
纲要 coverage, and download the Markdown/HTML review — the same review_report() as `fazhi review`."""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import gradio as gr

from assistant.app import services, uploads
from assistant.documents import load_document
from assistant.mandates import load_mandates
from assistant.review import Review, review_report, review_to_html, review_to_markdown, verdict_line
from assistant.vocabulary import COVERAGE_NAMES, ITEM_NAMES, STATUS_MARKS, STATUS_NAMES

ITEM_HEADERS = ["文件", "法定内容", "状态", "对应标题", "行", "说明"]
FIGURE_HEADERS = ["文件", "行", "严重程度", "问题", "原文"]
COVERAGE_HEADERS = ["文件", "纲要领域", "覆盖", "依据"]


@dataclass
class ReviewResult:
    summary: str = ""
    items: list[list[Any]] = field(default_factory=list)
    figures: list[list[Any]] = field(default_factory=list)
    coverage: list[list[Any]] = field(default_factory=list)
    downloads: list[str] = field(default_factory=list)


def review_paths(paths: list[Path]) -> ReviewResult:
    """Review each file; a file that fails is reported in the summary and the rest go on."""
    mandates = load_mandates()
    out = ReviewResult()
    blocks: list[str] = []
    for path in paths:
        name = path.name
        try:
            doc = load_document(path)
            r = review_report(doc, mandates)
        except Exception as exc:  # one bad file never stops the others
            blocks.append(f"### {html.escape(name)}\n⚠ 无法审查：{services.user_message(exc)}")
            continue
        blocks.append(_verdict(name, r))
        out.items += [_item_row(name, v) for v in r.mandated]
        out.figures += [
            [name, i.line, "错误" if i.severity == "error" else "提示", i.message, i.text] for i in r.figure_issues
        ]
        out.coverage += [_coverage_row(name, c) for c in r.coverage]
        out.downloads += _write_downloads(path, r)
    out.summary = "\n\n".join(blocks)
    return out


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


def _write_downloads(path: Path, r: Review) -> list[str]:
    out_dir = uploads.exports_dir() / path.parent.name
    out_dir.mkdir(parents=True, exist_ok=True)
    md = out_dir / f"{path.stem}_审查.md"
    md.write_text(review_to_markdown(r), encoding="utf-8")
    page = out_dir / f"{path.stem}_审查.html"
    page.write_text(review_to_html(r), encoding="utf-8")
    return [str(md), str(page)]


def run_review(files: Any) -> tuple[str, list[Any], list[Any], list[Any], list[str] | None]:
    try:
        paths = uploads.accept_uploads(files, suffixes=uploads.REPORT_SUFFIXES)
        result = review_paths(paths)
    except Exception as exc:
        raise gr.Error(services.user_message(exc), print_exception=False) from None
    return (result.summary, result.items, result.figures, result.coverage, result.downloads or None)


def build() -> None:
    gr.Markdown("上传一份或多份报告（.docx / .pdf / .txt / .html），检查五项法定内容、数字问题和纲要覆盖情况。")
    with gr.Row():
        files = gr.File(
            label="上传报告（.docx / .pdf / .txt / .html）", file_count="multiple", elem_id="review-files", scale=3
        )
        run = gr.Button("开始审查", variant="primary", elem_id="review-run", scale=1)
    summary = gr.Markdown(elem_id="review-summary")
    items = gr.Dataframe(
        headers=ITEM_HEADERS, label="五项法定内容", interactive=False, wrap=True, elem_id="review-items"
    )
    figures = gr.Dataframe(
        headers=FIGURE_HEADERS, label="数字问题（原句与行号）", interactive=False, wrap=True, elem_id="review-figures"
    )
    coverage = gr.Dataframe(
        headers=COVERAGE_HEADERS,
        label="纲要（2021—2025年）领域覆盖",
        interactive=False,
        wrap=True,
        elem_id="review-coverage",
    )
    downloads = gr.File(
        label="下载审查意见（Markdown / HTML）", file_count="multiple", interactive=False, elem_id="review-downloads"
    )
    run.click(run_review, inputs=files, outputs=[summary, items, figures, coverage, downloads], api_name="review")
