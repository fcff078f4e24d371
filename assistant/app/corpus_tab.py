"""语料库 tab: add past reports and policy texts to the store, search it with filters, see counts."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import gradio as gr

from assistant.app import services, uploads
from assistant.errors import InputError
from assistant.store import SearchFilters
from assistant.vocabulary import DOC_TYPE_NAMES, LEVEL_NAMES

LEVELS: dict[str, str | None] = {"全部": None, **{name: level for level, name in LEVEL_NAMES.items()}}
KINDS = {"全部": None, "往年报告": "report", "政策文件": "policy"}
DOC_TYPES: dict[str, str | None] = {"全部": None, **{name: kind for kind, name in DOC_TYPE_NAMES.items()}}
HIT_HEADERS = ["#", "来源文件", "所在标题", "年度", "层级", "得分", "原文"]
SOURCE_HEADERS = ["文件", "类型", "年度", "层级", "段落数"]


def ingest_files(files: Any, kind_label: str) -> str:
    paths = uploads.accept_uploads(files, suffixes=uploads.REPORT_SUFFIXES, folder="corpus")
    kind = KINDS.get(kind_label) or "report"
    store = services.get_store()
    with services.write_lock():
        summary = store.ingest(paths, kind=kind)
    return f"导入完成：{_summary_text(summary, len(paths))}；检索库现有 {store.count()} 个段落。"


def _summary_text(summary: Any, n: int) -> str:
    parts = [
        f"{summary.files or n} 个文件",
        f"新增 {summary.added} 个",
        f"更新 {summary.updated} 个",
        f"写入 {summary.chunks} 个段落",
    ]
    if summary.skipped:
        parts.append(f"未变化跳过 {summary.skipped} 个")
    if summary.failed:
        reasons = "；".join(f"{Path(str(p)).name}：{r}" for p, r in summary.failed[:5])
        parts.append(f"失败 {len(summary.failed)} 个（{reasons}）")
    return "，".join(parts)


def make_filters(year_from: float | None, year_to: float | None, level: str, doc_type: str, kind: str) -> Any:
    filters = SearchFilters(
        year_from=int(year_from) if year_from else None,
        year_to=int(year_to) if year_to else None,
        level=[chosen] if (chosen := LEVELS.get(level)) else None,
        doc_type=[dt] if (dt := DOC_TYPES.get(doc_type)) else None,
        kind=[k] if (k := KINDS.get(kind)) else None,
    )
    return None if filters.is_empty() else filters


def hit_rows(hits: list[Any]) -> list[list[Any]]:
    rows = []
    for n, hit in enumerate(hits, 1):
        meta = hit.meta or {}
        rows.append(
            [
                n,
                Path(str(hit.source)).name,
                " > ".join(hit.heading_path or []),
                meta.get("year") or "",
                meta.get("level") or "",
                round(float(hit.score), 4),
                hit.text[:300],
            ]
        )
    return rows


def search(
    query: str, k: float, year_from: float | None, year_to: float | None, level: str, doc_type: str, kind: str
) -> list[list[Any]]:
    try:
        if not query or not query.strip():
            raise InputError("请输入检索内容，例如「行政复议案件办理情况」。")
        store = services.get_store()
        filters = make_filters(year_from, year_to, level, doc_type, kind)
        hits = store.search(query.strip(), k=int(k or 5), mode="hybrid", filters=filters)
    except Exception as exc:
        raise gr.Error(services.user_message(exc), print_exception=False) from None
    if not hits:
        gr.Info("没有找到相关段落，可放宽筛选条件。")
    return hit_rows(hits)


def sources_table() -> tuple[str, list[list[Any]]]:
    try:
        store = services.get_store()
        sources = store.sources()
        count = store.count()
    except Exception as exc:
        return f"检索库不可用：{services.user_message(exc)}", []
    rows = []
    for s in sources:
        rows.append(
            [
                Path(str(s.get("source", ""))).name,
                s.get("kind", ""),
                s.get("year") or "",
                s.get("level") or "",
                s.get("chunks", s.get("n_chunks", "")),
            ]
        )
    return f"检索库共 {len(sources)} 个文件、{count} 个段落。", rows


def upload(files: Any, kind_label: str) -> tuple[str, str, list[list[Any]]]:
    try:
        message = ingest_files(files, kind_label)
    except Exception as exc:
        raise gr.Error(services.user_message(exc), print_exception=False) from None
    counts, rows = sources_table()
    return message, counts, rows


def build() -> None:
    with gr.Row():
        with gr.Column(scale=2):
            gr.Markdown("#### 导入语料\n往年报告作为撰写范例，政策文件作为依据条款。同一文件重复导入会自动跳过。")
            files = gr.File(
                label="上传文件（.docx / .pdf / .txt / .html）", file_count="multiple", elem_id="corpus-files"
            )
            kind = gr.Radio(["往年报告", "政策文件"], value="往年报告", label="类型", elem_id="corpus-kind")
            ingest_btn = gr.Button("导入检索库", variant="primary", elem_id="corpus-ingest")
            ingest_msg = gr.Markdown(elem_id="corpus-ingest-msg")
        with gr.Column(scale=3):
            counts = gr.Markdown(elem_id="corpus-counts")
            sources = gr.Dataframe(
                headers=SOURCE_HEADERS, label="已收录文件", interactive=False, max_height=300, elem_id="corpus-sources"
            )
            refresh = gr.Button("刷新", size="sm")
    gr.Markdown("#### 检索")
    with gr.Row():
        query = gr.Textbox(label="检索内容", placeholder="如：行政复议案件办理情况", scale=4, elem_id="corpus-query")
        k = gr.Slider(1, 20, value=5, step=1, label="条数", scale=1)
    with gr.Row():
        year_from = gr.Number(label="起始年度", precision=0, value=None)
        year_to = gr.Number(label="截止年度", precision=0, value=None)
        level = gr.Dropdown(list(LEVELS), value="全部", label="层级")
        doc_type = gr.Dropdown(list(DOC_TYPES), value="全部", label="文种")
        kind_filter = gr.Dropdown(list(KINDS), value="全部", label="类型")
    search_btn = gr.Button("检索", variant="primary", elem_id="corpus-search")
    hits = gr.Dataframe(headers=HIT_HEADERS, label="检索结果", interactive=False, wrap=True, elem_id="corpus-hits")
    search_btn.click(
        search, inputs=[query, k, year_from, year_to, level, doc_type, kind_filter], outputs=hits, api_name="search"
    )
    query.submit(
        search,
        inputs=[query, k, year_from, year_to, level, doc_type, kind_filter],
        outputs=hits,
        api_visibility="private",
    )
    ingest_btn.click(upload, inputs=[files, kind], outputs=[ingest_msg, counts, sources], api_name="ingest")
    refresh.click(sources_table, outputs=[counts, sources], api_name="sources")
