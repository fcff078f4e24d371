"""`fazhi draft FACTS.yaml`: a report drafted from a facts file, streamed, written as .md / .docx / .json."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Optional

import typer

from assistant.config import get_settings
from assistant.drafting import draft_report, draft_to_json, draft_to_markdown, plan_sections, write_docx
from assistant.errors import InputError, LLMError
from assistant.facts import check_facts, load_facts

OUT_SUFFIXES = (".md", ".docx", ".json")


def draft(
    facts_file: Path = typer.Argument(..., help="事实文件（YAML），示例见 corpus/examples/"),
    section: Optional[str] = typer.Option(
        None, "--section", help="只撰写某一部分，如 measures、measures.disputes、leaders"
    ),
    backend: Optional[str] = typer.Option(None, "--backend", help="composer（模板，默认）| openai | local"),
    out: Optional[Path] = typer.Option(None, "--out", help="输出文件：.md、.docx 或 .json；不指定则输出到屏幕"),
    repair: bool = typer.Option(False, "--repair", help="数据核对不通过的部分重新生成一次"),
    quiet: bool = typer.Option(False, "--quiet", help="不在屏幕上实时显示生成过程"),
) -> None:
    """根据事实文件撰写法治政府建设年度报告（逐部分生成，所有数据均经核对）。"""
    if backend and backend not in ("composer", "openai", "local"):
        raise InputError(f"未知的撰写方式 {backend}（可选 composer、openai、local）")
    if out is not None and out.suffix.lower() not in OUT_SUFFIXES:
        raise InputError(f"输出文件 {out.name} 的格式不支持，请使用 .md、.docx 或 .json")
    if out is not None:
        _check_writable(out)
    facts = load_facts(facts_file)
    chosen = backend or get_settings().llm_backend
    stream = not quiet and chosen != "composer"
    shown = check_facts(facts)
    for w in shown:
        typer.echo(f"提示：{w}", err=True)
    current: dict[str, str | None] = {"id": None}
    headings = {s.id: s.heading for s in plan_sections(facts)}

    def on_text(section_id: str, text: str) -> None:
        if current["id"] != section_id:
            current["id"] = section_id
            print(f"\n【{headings.get(section_id, section_id)}】", file=sys.stderr, flush=True)
        print(text, end="", file=sys.stderr, flush=True)

    result = draft_report(facts, backend=backend, section=section, repair=repair, on_text=on_text if stream else None)
    if stream:
        print(file=sys.stderr)
    if out is None:
        typer.echo(draft_to_markdown(result))
    else:
        suffix = out.suffix.lower()
        try:
            out.parent.mkdir(parents=True, exist_ok=True)
            if suffix == ".docx":
                write_docx(result, out)
            elif suffix == ".json":
                out.write_text(json.dumps(draft_to_json(result), ensure_ascii=False, indent=2), encoding="utf-8")
            else:
                out.write_text(draft_to_markdown(result), encoding="utf-8")
        except OSError as exc:
            raise InputError(f"无法写入输出文件 {out}：{_os_reason(exc)}") from exc
        done = sum(1 for s in result.sections if s.status == "ok")
        flagged = sum(len(s.flags) for s in result.sections)
        typer.echo(
            f"已写入 {out}（{done}/{len(result.sections)} 部分完整，撰写方式：{result.backend}"
            + (f"，模型：{result.model}" if result.model else "")
            + f"，待核对数据 {flagged} 处）"
        )
    for w in result.warnings:
        if w in shown:
            continue
        typer.echo(f"提示：{w}", err=True)
    unfinished = result.unfinished()
    if unfinished:
        named = [f"{s.heading}（{UNFINISHED_WORDS[s.status]}）" for s in unfinished if s.status != "skipped"]
        skipped = sum(s.status == "skipped" for s in unfinished)
        listed = "；".join(named + ([f"其后 {skipped} 个部分未生成"] if skipped else []))
        kept = f"已保存到 {out}" if out is not None else "已输出"
        raise LLMError(f"{len(unfinished)} 个部分不完整：{listed}。完成的部分和已生成的文字{kept}。")


UNFINISHED_WORDS = {"truncated": "被截断", "incomplete": "回答中断", "failed": "未生成"}


def _os_reason(exc: OSError) -> str:
    if isinstance(exc, PermissionError):
        return "没有写入权限"
    if isinstance(exc, IsADirectoryError):
        return "这是一个文件夹"
    if isinstance(exc, (FileNotFoundError, NotADirectoryError)):
        return "路径不存在，或无法在此创建文件"
    if isinstance(exc, FileExistsError):
        return "所在文件夹的路径上有同名文件"
    return exc.strerror or type(exc).__name__


def _check_writable(out: Path) -> None:
    """Fail before drafting (a model run can take minutes), not after it."""
    if out.is_dir():
        raise InputError(f"无法写入输出文件 {out}：这是一个文件夹")
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InputError(f"无法写入输出文件 {out}：{_os_reason(exc)}") from exc
    if not os.access(out.parent, os.W_OK) or (out.exists() and not os.access(out, os.W_OK)):
        raise InputError(f"无法写入输出文件 {out}：没有写入权限")


def register(app: typer.Typer) -> None:
    app.command("draft")(draft)
