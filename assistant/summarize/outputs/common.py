"""What every output format shows of a row: the overview columns, status words, areas, problems."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from assistant.summarize.indicators import SPECS
from assistant.summarize.model import AREA_COVERED, ReportSummary
from assistant.vocabulary import (
    ITEM_IDS,
    ITEM_NAMES,
    MISSING,
    SEVERITY_NAMES,
    doc_type_name,
    level_name,
    status_name,
)

OPTIONAL_ABSENT = "无"


def _name(path: str) -> str:
    return Path(path).name


def area_names(rows: list[ReportSummary]) -> list[str]:
    names: list[str] = []
    for row in rows:
        for area in row.areas:
            if area not in names:
                names.append(area)
    return names


def areas_covered(row: ReportSummary) -> str:
    if not row.areas:
        return ""
    covered = sum(1 for s in row.areas.values() if s in AREA_COVERED)
    return f"{covered}/{len(row.areas)}"


def duplicate_note(row: ReportSummary) -> str:
    if not row.duplicate_of:
        return ""
    sim = "" if row.duplicate_similarity in (None, 1.0) else f"（相似度 {row.duplicate_similarity:.0%}）"
    return f"与 {_name(row.duplicate_of)} 重复{sim}"


def reuse_note(row: ReportSummary) -> str:
    """ "62%（对照 龙岗区2019年….txt）": the share of this report's sentences found in the issuer's previous one."""
    if row.previous_reused_share is None or not row.previous_file:
        return ""
    return f"{row.previous_reused_share:.0%}（对照 {_name(row.previous_file)}）"


def item_status_text(row: ReportSummary, item: str) -> str:
    """The status word (已写明/不完整/缺失/不适用); a missing `other` item is "无", since it is optional."""
    if item not in row.items:
        return ""
    status = row.items[item].status
    if item == "other" and status == MISSING:
        return OPTIONAL_ABSENT
    return status_name(status)


def overview_header(with_llm: bool) -> list[str]:
    head = ["序号", "文件", "标题", "发文机关", "层级", "年度", "文种", "年度报告"]
    head += [ITEM_NAMES[i] for i in ITEM_IDS]
    head += [
        "评分",
        "数字问题数",
        "最严重的数字问题",
        "纲要领域覆盖",
        "重复",
        "照搬上年",
        "错误/不是报告的原因",
        "摘要",
    ]
    if with_llm:
        head += ["LLM摘要", "LLM摘要数字核查"]
    return head


def overview_row(n: int, row: ReportSummary, with_llm: bool) -> list[Any]:
    items = [item_status_text(row, i) for i in ITEM_IDS]
    reason = row.error or ("" if row.is_report else (row.not_report_reason or ""))
    values = [
        n,
        _name(row.file),
        row.title or "",
        row.issuer or "",
        level_name(row.level),
        row.year or "",
        doc_type_name(row.doc_type),
        ("是" if row.is_report else "否") if row.ok else "",
        *items,
        row.score if row.score is not None else "",
        row.figure_problem_count if row.ok else "",
        row.worst_problem or "",
        areas_covered(row),
        duplicate_note(row),
        reuse_note(row),
        reason,
        row.summary,
    ]
    if with_llm:
        flags = "；".join(row.llm_flags) if row.llm_flags else ("通过" if row.llm_summary else "")
        values += [row.llm_summary or row.llm_error or "", flags]
    return values


def indicator_header() -> list[str]:
    return ["序号", "文件", "发文机关", "年度"] + [spec.title for spec in SPECS]


def problem_rows(rows: list[ReportSummary]) -> list[list[Any]]:
    out: list[list[Any]] = []
    for row in rows:
        if not row.ok:
            out.append([_name(row.file), "文件", "错误", "", "", row.error or ""])
        for p in row.problems:
            out.append(
                [
                    _name(row.file),
                    p.category,
                    SEVERITY_NAMES.get(p.severity, p.severity),
                    p.line or "",
                    p.quote,
                    p.message,
                ]
            )
    return out


def with_llm(rows: list[ReportSummary]) -> bool:
    return any(r.llm_summary or r.llm_error for r in rows)
