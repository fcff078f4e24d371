"""Write a batch result as .xlsx, .csv (UTF-8 with BOM), .json or .html (see summarize_html)."""

from __future__ import annotations

import csv
import json
import unicodedata
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from assistant.errors import InputError
from assistant.summarize import (AREA_COVERED, DOC_TYPE_NAMES, ITEM_IDS, ITEM_NAMES, LEVEL_NAMES, STATUS_NAMES,
                                 ReportSummary, summary_to_dict)
from assistant.summarize_batch import BatchResult
from assistant.summarize_indicators import SPECS

FORMATS = (".xlsx", ".csv", ".json", ".html")
OPTIONAL_ABSENT = "无"
SEVERITY_NAMES = {"error": "错误", "warning": "提示"}


def display_width(text: str) -> int:
    """Columns a string takes in a spreadsheet: CJK and full-width characters count double."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _name(path: str) -> str:
    return Path(path).name


def area_names(rows: list[ReportSummary]) -> list[str]:
    names: list[str] = []
    for row in rows:
        for area in row.areas:
            if area not in names:
                names.append(area)
    return names


def _areas_covered(row: ReportSummary) -> str:
    if not row.areas:
        return ""
    covered = sum(1 for s in row.areas.values() if s in AREA_COVERED)
    return f"{covered}/{len(row.areas)}"


def _duplicate(row: ReportSummary) -> str:
    if not row.duplicate_of:
        return ""
    sim = "" if row.duplicate_similarity in (None, 1.0) else f"（相似度 {row.duplicate_similarity:.0%}）"
    return f"与 {_name(row.duplicate_of)} 重复{sim}"


def item_status_text(row: ReportSummary, item: str) -> str:
    """"缺失"/"部分"/"具备"/"不适用"; a missing `other` item is "无", since it is optional."""
    if item not in row.items:
        return ""
    status = row.items[item].status
    if item == "other" and status == "missing":
        return OPTIONAL_ABSENT
    return STATUS_NAMES.get(status, status)


def overview_header(with_llm: bool) -> list[str]:
    head = ["序号", "文件", "标题", "发文机关", "层级", "年度", "文种", "年度报告"]
    head += [ITEM_NAMES[i] for i in ITEM_IDS]
    head += ["评分", "数字问题数", "最严重的数字问题", "纲要领域覆盖", "重复", "错误/不是报告的原因", "摘要"]
    if with_llm:
        head += ["LLM摘要", "LLM摘要数字核查"]
    return head


def overview_row(n: int, row: ReportSummary, with_llm: bool) -> list[Any]:
    items = [item_status_text(row, i) for i in ITEM_IDS]
    reason = row.error or ("" if row.is_report else (row.not_report_reason or ""))
    values = [n, _name(row.file), row.title or "", row.issuer or "", LEVEL_NAMES.get(row.level or "", row.level or ""),
              row.year or "", DOC_TYPE_NAMES.get(row.doc_type or "", row.doc_type or ""),
              ("是" if row.is_report else "否") if row.ok else "", *items,
              row.score if row.score is not None else "", row.figure_problem_count if row.ok else "",
              row.worst_problem or "", _areas_covered(row), _duplicate(row), reason, row.summary]
    if with_llm:
        flags = "；".join(row.llm_flags) if row.llm_flags else ("通过" if row.llm_summary else "")
        values += [row.llm_summary or row.llm_error or "", flags]
    return values


def indicator_header() -> list[str]:
    return ["序号", "文件", "发文机关", "年度"] + [spec.title for spec in SPECS]


def problem_rows(rows: list[ReportSummary]) -> list[list[Any]]:
    out = []
    for row in rows:
        if not row.ok:
            out.append([_name(row.file), "文件", "错误", "", "", row.error or ""])
        for p in row.problems:
            out.append([_name(row.file), p.category, SEVERITY_NAMES.get(p.severity, p.severity),
                        p.line or "", p.quote, p.message])
    return out


def with_llm(rows: list[ReportSummary]) -> bool:
    return any(r.llm_summary or r.llm_error for r in rows)


def to_json(result: BatchResult) -> dict:
    reports = []
    for row in result.rows:
        data = summary_to_dict(row)
        data.pop("sketch", None)
        reports.append(data)
    return {"generated_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
            "indicators": {spec.key: spec.title for spec in SPECS},
            "items": dict(ITEM_NAMES), "aggregate": result.aggregate, "reports": reports}


def write_json(result: BatchResult, out: Path) -> None:
    out.write_text(json.dumps(to_json(result), ensure_ascii=False, indent=1), encoding="utf-8")


def write_csv(result: BatchResult, out: Path) -> None:
    llm = with_llm(result.rows)
    header = overview_header(llm)
    for spec in SPECS:
        header += [spec.title, f"{spec.title}（行）"]
    with out.open("w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(header)
        for n, row in enumerate(result.rows, 1):
            values = overview_row(n, row, llm)
            for spec in SPECS:
                ind = row.indicators.get(spec.key)
                values += [f"{ind.value:g}{ind.unit}", ind.line] if ind else ["", ""]
            writer.writerow(values)


def write_outputs(result: BatchResult, out: Path) -> Path:
    suffix = out.suffix.lower()
    if suffix not in FORMATS:
        raise InputError(f"不支持的输出格式 {out.suffix or '（无扩展名）'}，请用 .xlsx、.csv、.json 或 .html")
    out.parent.mkdir(parents=True, exist_ok=True)
    if suffix == ".xlsx":
        from assistant.summarize_xlsx import write_xlsx

        write_xlsx(result, out)
    elif suffix == ".csv":
        write_csv(result, out)
    elif suffix == ".json":
        write_json(result, out)
    else:
        from assistant.summarize_html import write_html

        write_html(result, out)
    return out
