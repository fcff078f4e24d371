"""Write a batch result as .xlsx, .csv (UTF-8 with BOM), .json or .html (see html)."""

from __future__ import annotations

import csv
import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from assistant.errors import InputError
from assistant.summarize.batch import BatchResult
from assistant.summarize.indicators import SPECS
from assistant.summarize.model import summary_to_dict
from assistant.summarize.outputs.common import overview_header, overview_row, with_llm
from assistant.summarize.outputs.html import write_html
from assistant.summarize.outputs.xlsx import write_xlsx
from assistant.vocabulary import ITEM_NAMES

FORMATS = (".xlsx", ".csv", ".json", ".html")


def to_json(result: BatchResult) -> dict[str, Any]:
    reports = []
    for row in result.rows:
        data = summary_to_dict(row)
        data.pop("sketch", None)
        reports.append(data)
    return {
        "generated_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "indicators": {spec.key: spec.title for spec in SPECS},
        "items": dict(ITEM_NAMES),
        "aggregate": result.aggregate,
        "reports": reports,
    }


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
        write_xlsx(result, out)
    elif suffix == ".csv":
        write_csv(result, out)
    elif suffix == ".json":
        write_json(result, out)
    else:
        write_html(result, out)
    return out
