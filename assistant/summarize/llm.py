"""The optional abstractive summary (`--llm`): a model rewrites the report's key content, and every
figure it writes is checked against the report by the faithfulness check. Unsupported or
misattributed figures are flagged on the row, never silently kept as fact."""

from __future__ import annotations

from typing import Any

from assistant.config import Settings, get_settings
from assistant.documents import Document
from assistant.errors import FazhiError
from assistant.faithfulness import check_text, source_figures
from assistant.llm import LLM, get_llm
from assistant.prompts import render
from assistant.summarize.model import SUMMARY_MAX, ReportSummary
from assistant.vocabulary import ITEM_IDS, ITEM_NAMES, status_name

FLAGGED = ("unsupported", "misattributed")
EXCERPT_CHARS = 3000


def build_messages(row: ReportSummary, doc: Document, settings: Settings) -> list[dict[str, str]]:
    """The prompt, with as much of the report's opening as the model's context leaves room for
    (counting one token per Chinese character, which over-estimates for most tokenizers)."""
    items = [{"name": ITEM_NAMES[i], "status": status_name(row.items[i].status)} for i in ITEM_IDS if i in row.items]
    indicators = [{"title": ind.title, "text": ind.text, "sentence": ind.sentence} for ind in row.indicators.values()]
    fields: dict[str, Any] = dict(
        title=row.title or "（无标题）",
        issuer=row.issuer or "（不详）",
        year=row.year or "（不详）",
        items=items,
        indicators=indicators,
        extract=row.summary or "（无）",
        limit=SUMMARY_MAX,
    )
    fixed = len(render("summarize_report", excerpt="", **fields))
    budget = settings.llm_context - settings.llm_max_tokens - fixed - 200
    excerpt = (doc.text or "")[: max(0, min(EXCERPT_CHARS, budget))]
    return [{"role": "user", "content": render("summarize_report", excerpt=excerpt or "（略）", **fields)}]


def flag_figures(text: str, doc: Document) -> list[str]:
    """Chinese notes for every figure in `text` the report does not support."""
    result = check_text(text, source_figures(doc))
    flags = []
    for m in result.mentions:
        if m.status in FLAGGED:
            why = "原文无此数字" if m.status == "unsupported" else f"原文中该数字属于其他指标（{m.source_text or ''}）"
            flags.append(f"“{m.text}”{why}")
    return flags


def add_llm_summary(row: ReportSummary, doc: Document, llm: LLM | None = None) -> None:
    """Fill row.llm_summary and row.llm_flags; a model failure is recorded on the row, not raised."""
    settings = get_settings()
    try:
        llm = llm or get_llm(settings)
        if llm is None:
            row.llm_error = "未配置模型（FAZHI_LLM_BASE_URL 或 FAZHI_LLM_GGUF），未生成 LLM 摘要"
            return
        llm.max_continuations = 0  # a summary cut at max_tokens is still a summary
        text = llm.complete_text(build_messages(row, doc, settings)).strip()
        row.llm_summary = text[: SUMMARY_MAX * 2]
        row.llm_flags = flag_figures(row.llm_summary, doc)
    except FazhiError as err:
        row.llm_error = str(err)
