"""`fazhi eval [CASES] [--backend …] [--json] [--drafts DIR]`: score drafting on the eval cases."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Optional

import typer

from assistant.errors import InputError
from assistant.evaluation import (
    DEFAULT_CASES,
    CaseScore,
    evaluate,
    load_cases,
    render_table,
    run_to_json,
    write_results,
)


def eval_command(
    cases: Path = typer.Argument(Path("eval/cases"), help="评测用例目录（每个用例一个子目录）"),
    backend: Optional[str] = typer.Option(None, "--backend", help="composer | openai | local（默认按配置）"),
    drafts: Optional[Path] = typer.Option(
        None, "--drafts", help="不现场撰写，改为评测该目录中的草稿（<用例名>.md 等）"
    ),
    only: list[str] = typer.Option([], "--case", help="只评测名称以此开头的用例，可重复"),
    as_json: bool = typer.Option(False, "--json", help="输出 JSON"),
    results: Optional[Path] = typer.Option(None, "--results", help="结果目录（默认 eval/results）"),
) -> None:
    """逐个用例撰写（或读取已有草稿）并打分：数据准确率、召回率、张冠李戴率、法定部分覆盖、篇幅。"""
    if backend and backend not in ("composer", "openai", "local"):
        raise InputError(f"未知的撰写方式 {backend}（可选 composer、openai、local）")
    if drafts is not None and backend:
        raise InputError("--drafts 评测已有草稿，不能同时指定 --backend")
    root = cases if cases.exists() or cases != Path("eval/cases") else DEFAULT_CASES

    def progress(score: CaseScore) -> None:
        state = (
            f"错误：{score.error}"
            if score.error
            else (f"准确率 {score.precision if score.precision is not None else '—'}，召回率 {score.recall}")
        )
        print(f"  {score.case}：{state}（{score.seconds:.1f} s）", file=sys.stderr, flush=True)

    run = evaluate(
        load_cases(root, only or None), backend=backend, drafts=drafts, on_case=None if as_json else progress
    )
    path = write_results(run, results)
    if as_json:
        typer.echo(json.dumps(run_to_json(run), ensure_ascii=False, indent=2))
        return
    typer.echo(render_table(run))
    typer.echo(f"结果已写入 {path}")


def register(app: typer.Typer) -> None:
    app.command("eval")(eval_command)
