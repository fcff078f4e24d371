"""`fazhi summarize PATH... --out FILE.xlsx|.csv|.json|.html` — the batch comparison table."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    Task,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.text import Text

from assistant.config import get_settings
from assistant.errors import InputError
from assistant.summarize import FORMATS, ReportSummary, collect_paths, run_batch, work_file_for, write_outputs


class RateColumn(ProgressColumn):
    """Reports per second over the recent window rich keeps for the task."""

    def render(self, task: Task) -> Text:
        speed = task.finished_speed or task.speed
        return Text(f"{speed:.1f} 份/秒" if speed else "-- 份/秒", style="cyan")


def summarize(
    paths: list[Path] = typer.Argument(..., help="报告文件或文件夹（文件夹内全部文件）"),
    out: Path = typer.Option(..., "--out", "-o", help="输出文件：.xlsx、.csv、.json 或 .html"),
    workers: Optional[int] = typer.Option(None, "--workers", "-w", min=1, help="并行进程数，默认 CPU 核数"),
    resume: bool = typer.Option(False, "--resume", help="续跑：跳过工作文件中已完成的报告（按内容哈希）"),
    llm: bool = typer.Option(False, "--llm", help="另用大模型写摘要，并核查其中的数字"),
) -> None:
    """批量汇总：每份报告一行（法定内容、数字问题、关键指标、摘要），并给出汇总对照。"""
    if out.suffix.lower() not in FORMATS:
        raise InputError(f"不支持的输出格式 {out.suffix or '（无扩展名）'}，请用 .xlsx、.csv、.json 或 .html")
    files = collect_paths(paths, exclude=[out.with_suffix(ext) for ext in FORMATS])
    if not files:
        raise InputError("没有找到要汇总的文件")
    if llm:
        if get_settings().llm_backend == "composer":
            raise InputError("使用 --llm 需要先配置模型：FAZHI_LLM_BASE_URL 或 FAZHI_LLM_GGUF")
        if get_settings().llm_backend == "local":
            workers = 1  # one local model server, not one per worker process
    work_file = work_file_for(out)
    console = Console(stderr=True)
    columns = [
        TextColumn("[bold]汇总"),
        BarColumn(),
        MofNCompleteColumn(),
        RateColumn(),
        TextColumn("剩余"),
        TimeRemainingColumn(),
        TextColumn("已用"),
        TimeElapsedColumn(),
    ]
    failed: list[str] = []
    with Progress(*columns, console=console, transient=False, disable=not console.is_terminal) as progress:
        task = progress.add_task("summarize", total=None)

        def on_total(total: int, reused: int) -> None:
            # Reused rows are not counted so the rate and ETA reflect real work.
            progress.update(task, total=total - reused)
            if reused:
                console.print(f"续跑：工作文件中已有 {reused} 份，跳过。")

        def on_row(row: ReportSummary) -> None:
            progress.advance(task)
            if not row.ok:
                failed.append(f"{Path(row.file).name}：{row.error}")

        result = run_batch(files, work_file, workers=workers, resume=resume, llm=llm, on_total=on_total, on_row=on_row)
    for line in failed:
        console.print(f"[yellow]未能处理[/yellow] {line}")
    if result.interrupted:
        console.print(
            f"已中断：已完成 {result.processed + result.reused} 份，保存在 {work_file}；"
            "加 --resume 重新运行即可从中断处继续。"
        )
        raise typer.Exit(130)
    write_outputs(result, out)
    totals = result.aggregate["totals"]
    if result.processed:
        speed = f"本次处理 {result.processed} 份，{result.processed / result.elapsed * 60:.0f} 份/分钟"
    else:
        speed = "全部取自工作文件"
    if result.reused and result.processed:
        speed += f"，另有 {result.reused} 份取自工作文件"
    typer.echo(
        f"已写出 {out}：{totals['files']} 个文件，年度报告 {totals['reports']} 份，不是年度报告 "
        f"{totals['not_reports']} 份，失败 {totals['failed']} 个，重复 {totals['duplicates']} 个；"
        f"用时 {result.elapsed:.1f} 秒（{speed}）。工作文件：{work_file}"
    )


def register(app: typer.Typer) -> None:
    app.command("summarize")(summarize)
