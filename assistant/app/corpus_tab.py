"""语料库 tab: add past reports and policy texts to the store, search it with filters, see counts."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import gradio as gr

from assistant.app import services, uploads
from assistant.errors import InputError
from assistant.store import SearchFilters
from assistant.vocabulary import DOC_TYPE_NAMES, KIND_NAMES, LEVEL_NAMES, doc_type_name, kind_name, level_name

LEVELS: dict[str, str | None] = {"全部": None, **{name: level for level, name in LEVEL_NAMES.items()}}
KINDS: dict[str, str | None] = {"全部": None, **{name: kind for kind, name in KIND_NAMES.items()}}
DOC_TYPES: dict[str, str | None] = {"全部": None, **{name: kind for kind, name in DOC_TYPE_NAMES.items()}}
# Hits in the order hybrid retrieval ranks them: the rank is what a user can read (a fused RRF score is not).
HIT_HEADERS = ["排名", "来源文件", "所在标题", "年度", "层级", "文种", "原文"]
HIT_WIDTHS: list[str | int] = ["6%", "15%", "22%", "6%", "7%", "10%", "34%"]
SOURCE_HEADERS = ["文件", "类型", "文种", "年度", "层级", "段落数"]
SOURCE_WIDTHS: list[str | int] = ["34%", "12%", "22%", "9%", "11%", "12%"]


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


def year_of(value: Any, name: str) -> int | None:
    """A year filter as typed: empty or 不限 means no limit; else a four-digit year."""
    text = str(value if value is not None else "").strip().removesuffix("年")
    if text in ("", "不限", "0"):
        return None
    if not re.fullmatch(r"(19|20)\d\d(\.0)?", text):
        raise InputError(f"{name}应写四位数字的年份，如 2020；不限年度请留空。")
    return int(float(text))


def make_filters(year_from: Any, year_to: Any, level: str, doc_type: str, kind: str) -> Any:
    first, last = year_of(year_from, "起始年度"), year_of(year_to, "截止年度")
    if first and last and first > last:
        raise InputError(f"起始年度 {first} 晚于截止年度 {last}，请调换后再检索。")
    filters = SearchFilters(
        year_from=first,
        year_to=last,
        level=[chosen] if (chosen := LEVELS.get(level)) else None,
        doc_type=[dt] if (dt := DOC_TYPES.get(doc_type)) else None,
        kind=[k] if (k := KINDS.get(kind)) else None,
    )
    return None if filters.is_empty() else filters


def _doc_type(meta: dict[str, Any]) -> str:
    """A report's document type by name; a policy text is cited, not reviewed, so it has none to show."""
    return "—" if meta.get("kind") == "policy" else doc_type_name(meta.get("doc_type"))


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
                level_name(meta.get("level")),
                _doc_type(meta),
                hit.text[:300],
            ]
        )
    return rows


def search(query: str, k: float, year_from: Any, year_to: Any, level: str, doc_type: str, kind: str) -> list[list[Any]]:
    try:
        if not query or not query.strip():
            raise InputError("请输入检索内容，例如「行政复议案件办理情况」。")
        store = services.get_store()
        filters = make_filters(year_from, year_to, level, doc_type, kind)
        hits = store.search(query.strip(), k=int(k or 5), mode="hybrid", filters=filters)
    except Exception as exc:
        raise services.failure(exc) from None
    if not hits:
        services.inform("没有找到相关段落，可放宽筛选条件。")
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
                kind_name(s.get("kind")),
                _doc_type(s),
                s.get("year") or "",
                level_name(s.get("level")),
                s.get("chunks", s.get("n_chunks", "")),
            ]
        )
    if not sources:
        return "检索库还是空的：在左侧上传往年报告或政策文件，导入后即可检索、供撰写时引用。", rows
    return f"检索库共 {len(sources)} 个文件、{count} 个段落。", rows


def upload(files: Any, kind_label: str) -> tuple[str, str, list[list[Any]]]:
    try:
        message = ingest_files(files, kind_label)
    except Exception as exc:
        raise services.failure(exc) from None
    counts, rows = sources_table()
    return message, counts, rows


def build() -> tuple[gr.Markdown, gr.Dataframe]:
    """The tab; returns (counts, sources), which the app fills when the page loads."""
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
            sources = services.result_table(
                SOURCE_HEADERS, "已收录文件", SOURCE_WIDTHS, "corpus-sources", max_height=300
            )
            refresh = gr.Button("刷新", size="sm", elem_id="corpus-refresh")
    gr.Markdown("#### 检索")
    with gr.Row():
        query = gr.Textbox(label="检索内容", placeholder="如：行政复议案件办理情况", scale=4, elem_id="corpus-query")
        k = gr.Slider(1, 20, value=5, step=1, label="条数", scale=1)
    with gr.Row():
        # Textboxes, not gr.Number: an empty Number shows 0, and a year filter of 0 means nothing to a user
        year_from = gr.Textbox(label="起始年度", placeholder="不限，如 2020", max_lines=1, elem_id="corpus-year-from")
        year_to = gr.Textbox(label="截止年度", placeholder="不限，如 2024", max_lines=1, elem_id="corpus-year-to")
        level = gr.Dropdown(list(LEVELS), value="全部", label="层级")
        doc_type = gr.Dropdown(list(DOC_TYPES), value="全部", label="文种")
        kind_filter = gr.Dropdown(list(KINDS), value="全部", label="类型")
    search_btn = gr.Button("检索", variant="primary", elem_id="corpus-search")
    hits = services.result_table(HIT_HEADERS, "检索结果（按相关程度排序）", HIT_WIDTHS, "corpus-hits")
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
    return counts, sources
