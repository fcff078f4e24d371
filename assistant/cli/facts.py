"""`fazhi facts template|export|import|from-reports`: facts files from where the figures really are.

Staff do not write YAML: a 司法局 sends its departments and towns a 填报表 (Excel), or collects their own
reports, and compiles its report from them. These commands turn either into a facts file `fazhi draft`
drafts from, and a facts file back into a workbook for editing. Output is written in one piece (a
temporary file renamed into place): a failure never leaves half a file.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Optional

import typer

from assistant.errors import FactsError, InputError
from assistant.facts import (
    Facts,
    check_facts,
    export_workbook,
    facts_from_reports,
    import_workbooks,
    load_facts,
    parse_date,
    write_facts,
    write_template,
)

HELP = "事实文件：生成 Excel 填报表、导出/导入填报表、从各单位报送的报告汇编事实文件。"
facts_app = typer.Typer(help=HELP, no_args_is_help=True)

_KINDS = {
    "government": "government",
    "政府": "government",
    "department": "department",
    "部门": "department",
    "政府部门": "department",
}
_SPLIT = re.compile(r"[、，,；;]+")


def _suffix(path: Path, allowed: tuple[str, ...], what: str) -> None:
    if path.suffix.lower() not in allowed:
        raise InputError(f"{what} {path.name} 的格式不对，请使用 {' 或 '.join(allowed)} 结尾的文件名")


def _kind(value: Optional[str]) -> Optional[str]:
    if value is None:
        return None
    if value.strip() not in _KINDS:
        raise InputError(f"单位类型 {value} 不对，可选：政府（government）、部门（department）")
    return _KINDS[value.strip()]


def _date(value: Optional[str]) -> Optional[dt.date]:
    if not value:
        return None
    try:
        parsed = parse_date(value)
    except ValueError as exc:
        raise InputError(f"成文日期 {exc}") from None
    return parsed if isinstance(parsed, dt.date) else None


def _recipients(value: Optional[str]) -> Optional[list[str]]:
    if not value:
        return None
    return [r.strip() for r in _SPLIT.split(value) if r.strip()]


def _details(err: FactsError) -> None:
    """Every bad cell or conflict on its own line (the last line, from main, repeats the first)."""
    if len(err.details) > 1:
        typer.echo(f"共 {len(err.details)} 处需要修改：", err=True)
        for line in err.details:
            typer.echo(f"  - {line}", err=True)


def _summary(facts: Facts, out: Path, origin: str) -> None:
    areas = facts.items.measures.areas
    points = sum(len(a.points) for a in areas)
    typer.echo(
        f"已写入 {out}（{origin}）：{len(areas)} 个纲要领域、{points} 条举措要点、{len(facts.all_figures())} 个数据、"
        f"{len(facts.items.shortcomings.problems)} 条不足；可用 fazhi draft {out.name} 起草报告。"
    )
    for warning in check_facts(facts):
        typer.echo(f"提示：{warning}", err=True)


@facts_app.command("template")
def template(
    out: Path = typer.Option(..., "--out", help="要生成的填报表，如 填报表.xlsx"),
    year: Optional[int] = typer.Option(None, "--year", help="报告年度：决定“纲要领域”下拉列表用哪一版纲要（默认最新）"),
) -> None:
    """生成空白 Excel 填报表（说明、基本信息、主要举措、数据、不足和原因、第一责任人、下一年度安排、其他）。"""
    _suffix(out, (".xlsx",), "填报表")
    write_template(out, year)
    typer.echo(f"已生成填报表 {out}：请各单位按“说明”工作表填写，收回后用 fazhi facts import 汇总。")


@facts_app.command("export")
def export(
    facts_file: Path = typer.Argument(..., help="事实文件（YAML）"),
    out: Path = typer.Option(..., "--out", help="导出的填报表（.xlsx）"),
) -> None:
    """把事实文件导出为填报表，便于在 Excel 中修改后再导入（导入后内容不变）。"""
    _suffix(out, (".xlsx",), "填报表")
    facts = load_facts(facts_file)
    export_workbook(facts, out)
    typer.echo(f"已导出 {out}：{len(facts.all_figures())} 个数据；修改后用 fazhi facts import {out.name} 导回。")


@facts_app.command("import")
def import_command(
    workbooks: list[Path] = typer.Argument(..., help="填好的填报表，可多个（每个部门或乡镇一个）"),
    out: Path = typer.Option(..., "--out", help="要写入的事实文件（.yaml）"),
    unit: Optional[str] = typer.Option(None, "--unit", help="报告单位（填报表中未填或不一致时指定）"),
    level: Optional[str] = typer.Option(None, "--level", help="层级：省、市、县、乡镇（或 province/city/county/town）"),
    kind: Optional[str] = typer.Option(None, "--kind", help="单位类型：政府 或 部门"),
    year: Optional[int] = typer.Option(None, "--year", help="报告年度"),
    recipients: Optional[str] = typer.Option(None, "--recipients", help="主送机关，多个用顿号分隔"),
    date: Optional[str] = typer.Option(None, "--date", help="成文日期，如 2025-02-26"),
) -> None:
    """导入一个或多个填报表，合并为一个事实文件；每条要点和数据注明来自哪个填报表。"""
    _suffix(out, (".yaml", ".yml"), "事实文件")
    overrides = {
        "unit": unit,
        "level": level,
        "kind": _kind(kind),
        "year": year,
        "recipients": _recipients(recipients),
        "date": _date(date),
    }
    try:
        facts, notes = import_workbooks(list(workbooks), overrides)
    except FactsError as err:
        _details(err)
        raise
    names = "、".join(p.name for p in workbooks)
    write_facts(facts, out, header=[f"由 fazhi facts import 从填报表 {names} 汇总（{dt.date.today().isoformat()}）"])
    for note in notes:
        typer.echo(f"提示：{note}", err=True)
    _summary(facts, out, f"{len(workbooks)} 个填报表")


@facts_app.command("from-reports")
def from_reports(
    paths: list[Path] = typer.Argument(..., help="各单位报送的报告（.docx .pdf .txt .html .md）或所在文件夹"),
    unit: str = typer.Option(..., "--unit", help="汇编后的报告单位，如 云溪县人民政府"),
    level: str = typer.Option(..., "--level", help="层级：省、市、县、乡镇（或 province/city/county/town）"),
    year: int = typer.Option(..., "--year", help="报告年度"),
    out: Path = typer.Option(..., "--out", help="要写入的事实文件（.yaml）"),
    kind: str = typer.Option("government", "--kind", help="单位类型：政府 或 部门"),
    recipients: Optional[str] = typer.Option(None, "--recipients", help="主送机关，多个用顿号分隔"),
    date: Optional[str] = typer.Option(None, "--date", help="成文日期（默认今天）"),
    as_report: bool = typer.Option(False, "--as-report", help="文件类型不像年度报告时也照常提取"),
) -> None:
    """从各部门、乡镇报送的报告汇编事实文件：举措按纲要领域归类，数据、问题和原因、下一年度安排逐条注明出处。"""
    _suffix(out, (".yaml", ".yml"), "事实文件")
    try:
        facts, notes = facts_from_reports(
            paths,
            unit=unit,
            level=level,
            year=year,
            kind=_kind(kind) or "government",
            recipients=_recipients(recipients),
            date=_date(date),
            as_report=as_report,
        )
    except FactsError as err:
        _details(err)
        raise
    used = facts.sources()
    reports = len({s.rpartition(":")[0] or s for s in used})
    write_facts(
        facts, out, header=[f"由 fazhi facts from-reports 从 {reports} 份报告汇编（{dt.date.today().isoformat()}）"]
    )
    for note in notes:
        typer.echo(f"提示：{note}", err=True)
    _summary(facts, out, f"{reports} 份报告")


def register(app: typer.Typer) -> None:
    app.add_typer(facts_app, name="facts")
