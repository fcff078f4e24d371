"""`fazhi figures FILE [--json]`: every figure with its label, and the figures that do not add up."""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path
from typing import Any

import typer

from assistant.documents import Document, load_document
from assistant.figures import CheckedRelation, CheckResult, Figure, FigureIssue, check_relations, extract_figures

_KINDS = {
    "count": "计数",
    "percent": "百分比",
    "permille": "千分比",
    "points": "百分点",
    "money": "金额",
    "duration": "时长",
    "ratio": "比例",
    "other": "其他",
}
_APPROX = {"more": "以上/余", "less": "不到/近", "about": "约", "several": "数/几"}
_RELATIONS = {
    "breakdown": "分项合计",
    "rate": "比率",
    "difference": "差值",
    "difference_rate": "变化幅度",
    "table_total": "表格合计",
    "year_on_year": "同比变化",
    "table_rate": "表格比率",
}


def _value(v: float) -> str:
    if float(v).is_integer():
        return f"{int(v):,}"
    return f"{v:,.4f}".rstrip("0").rstrip(".")


def figures_command(
    file: Path = typer.Argument(..., help="要分析的文件（.txt .md .html .docx .pdf）"),
    as_json: bool = typer.Option(False, "--json", help="输出 JSON"),
    issues_only: bool = typer.Option(False, "--issues", help="只显示核对出的问题"),
) -> None:
    """抽取报告中的全部数字（数值、单位、指标、上级指标、约数），并核对分项合计、比率和差值。"""
    doc = load_document(file)
    figures = extract_figures(doc)
    result = check_relations(doc, figures)
    if as_json:
        typer.echo(
            json.dumps(figures_to_json(doc, figures, result.issues, result.checked), ensure_ascii=False, indent=2)
        )
        return
    _render(doc.path, figures, result, issues_only)


def _render(path: str, figures: list[Figure], result: CheckResult, issues_only: bool) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console(highlight=False)
    console.print(
        f"[bold]{path}[/bold]：共抽取 {len(figures)} 个数字，核对 {len(result.checked)} 组关系，"
        f"发现 {sum(i.severity == 'error' for i in result.issues)} 个错误、"
        f"{sum(i.severity == 'warning' for i in result.issues)} 个提示。"
    )
    if figures and not issues_only:
        table = Table(title="数字一览", show_lines=False)
        for col, kw in (
            ("行", {"justify": "right"}),
            ("数值", {"justify": "right"}),
            ("单位", {}),
            ("类型", {}),
            ("指标", {"overflow": "fold"}),
            ("上级指标", {"overflow": "fold"}),
            ("约数", {}),
            ("原文", {}),
        ):
            table.add_column(col, **kw)  # type: ignore[arg-type]
        for f in figures:
            table.add_row(
                str(f.line),
                _value(f.value),
                f.unit,
                _KINDS.get(f.kind, f.kind),
                f.label or "—",
                f.parent or "",
                _APPROX.get(f.approx or "", ""),
                f.text,
            )
        console.print(table)
    if result.checked and not issues_only:
        table = Table(title="已核对的关系")
        for col in ("行", "关系", "所写", "推算", "结果", "原文"):
            table.add_column(col, overflow="fold")
        for c in result.checked:
            table.add_row(
                str(c.line),
                _RELATIONS.get(c.kind, c.kind),
                _value(c.stated),
                _value(c.expected),
                "[green]一致[/green]" if c.holds else "[red]不一致[/red]",
                c.text,
            )
        console.print(table)
    if result.issues:
        table = Table(title="需要核对的数字")
        for col in ("行", "级别", "所写", "推算", "说明", "原文"):
            table.add_column(col, overflow="fold")
        for i in result.issues:
            level = "[red]错误[/red]" if i.severity == "error" else "[yellow]提示[/yellow]"
            table.add_row(str(i.line), level, _value(i.stated), _value(i.expected), i.message, i.text)
        console.print(table)
    elif not issues_only or not result.issues:
        console.print("[green]未发现数字不一致。[/green]")


def register(app: typer.Typer) -> None:
    app.command("figures")(figures_command)


def figure_to_json(f: Figure) -> dict[str, Any]:
    return {
        "value": f.value,
        "unit": f.unit,
        "label": f.label,
        "parent": f.parent,
        "approx": f.approx,
        "kind": f.kind,
        "line": f.line,
        "text": f.text,
        "section": f.section,
    }


def figures_to_json(
    doc: Document, figures: list[Figure], issues: list[FigureIssue], checked: list[CheckedRelation] | None = None
) -> dict[str, Any]:
    """The `fazhi figures --json` object; `checked` lists the relations that were verified."""
    out: dict[str, Any] = {
        "file": doc.path,
        "figures": [figure_to_json(f) for f in figures],
        "issues": [asdict(i) for i in issues],
    }
    if checked is not None:
        out["checked"] = [asdict(c) for c in checked]
    return out
