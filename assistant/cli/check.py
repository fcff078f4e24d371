"""`fazhi check TEXT_FILE --source FILE... [--json]`: is every figure in the text backed by a source?"""

from __future__ import annotations

import json
from pathlib import Path

import typer

from assistant.errors import InputError
from assistant.faithfulness import FaithfulnessResult, check_files, result_to_json
from assistant.vocabulary import FIGURE_STATUS_NAMES

_COLOURS = {"supported": "green", "derived_ok": "green", "misattributed": "red", "unsupported": "red", "ignored": "dim"}


def check_command(
    text_file: Path = typer.Argument(..., help="要核对的文本（草稿或报告：.txt .md .docx .html .pdf）"),
    source: list[Path] = typer.Option([], "--source", "-s", help="数据来源：事实文件（.yaml）或文档，可重复"),
    as_json: bool = typer.Option(False, "--json", help="输出 JSON"),
    show_ignored: bool = typer.Option(False, "--all", help="同时列出不核对的数字（年份、日期、序号）"),
) -> None:
    """逐个核对文本中的数字：是否有来源、是否张冠李戴、是否由来源数据推算而来。"""
    if not source:
        raise InputError("请至少用 --source 指定一个数据来源（事实文件或文档）")
    result = check_files(text_file, source)
    if as_json:
        typer.echo(json.dumps(result_to_json(result), ensure_ascii=False, indent=2))
        return
    _render(text_file, result, show_ignored)


def _render(path: Path, result: FaithfulnessResult, show_ignored: bool) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console(highlight=False)
    c = result.counts
    claims = sum(v for k, v in c.items() if k != "ignored")
    if not claims:
        console.print(
            f"[bold]{path.name}[/bold]：文中没有需要核对的数据（不核对的年份、日期、序号 {c['ignored']} 个）。"
        )
        return
    console.print(
        f"[bold]{path.name}[/bold]：核对 {claims} 个数据——有据 {c['supported']}，推算有据 {c['derived_ok']}，"
        f"张冠李戴 {c['misattributed']}，无来源 {c['unsupported']}；准确率 {result.precision:.1%}。"
    )
    table = Table(show_lines=False)
    for col, kw in (
        ("行", {"justify": "right"}),
        ("数字", {}),
        ("指标", {"overflow": "fold"}),
        ("结论", {}),
        ("来源", {"overflow": "fold"}),
        ("说明", {"overflow": "fold"}),
    ):
        table.add_column(col, **kw)  # type: ignore[arg-type]
    for m in result.mentions:
        if m.status == "ignored" and not show_ignored:
            continue
        name, color = FIGURE_STATUS_NAMES[m.status], _COLOURS[m.status]
        src = (m.source or m.source_text or "") + (f"（原始出处：{m.origin}）" if m.origin else "")
        note = "" if m.status == "supported" else m.reason
        table.add_row(str(m.line), m.text, m.label or "—", f"[{color}]{name}[/{color}]", src, note)
    console.print(table)
    bad = c["misattributed"] + c["unsupported"]
    console.print("[green]所有数据均有来源。[/green]" if not bad else f"[red]{bad} 个数据需要核对。[/red]")


def register(app: typer.Typer) -> None:
    app.command("check")(check_command)
