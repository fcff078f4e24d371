"""`fazhi review FILE... [--json|--md|--html] [--out PATH] [--strict]`: review submitted reports.

Exit 0 whatever the findings (a report missing items is a result, not a failure); `--strict` exits 2
when a required item is missing or a file is not an annual report. A file that cannot be read is
reported and the rest are still reviewed; the run then exits 1.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import typer

from assistant.documents import SUPPORTED, load_document
from assistant.errors import FazhiError, InputError
from assistant.mandates import load_mandates
from assistant.review import (
    Review,
    add_second_opinions,
    llm_configured,
    review_report,
    review_to_html,
    review_to_json,
    review_to_markdown,
    reviews_to_html,
)


def _render(reviews: list[Review], errors: list[tuple[str, str]], fmt: str) -> str:
    if fmt == "json":
        objects = [review_to_json(r) for r in reviews] + [{"file": f, "error": m} for f, m in errors]
        payload = objects[0] if len(objects) == 1 and not errors else objects
        return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"
    if fmt == "html":
        return review_to_html(reviews[0]) if len(reviews) == 1 and not errors else reviews_to_html(reviews, errors)
    text = "\n---\n\n".join(review_to_markdown(r) for r in reviews)
    if errors:
        text += "\n## 未能审查的文件\n\n" + "\n".join(f"- {f}：{m}" for f, m in errors) + "\n"
    return text


def expand_paths(paths: list[Path]) -> list[Path]:
    """Files as given; a folder stands for the readable documents directly inside it (and .doc, to be told why not)."""
    wanted = set(SUPPORTED) | {".doc"}
    out: list[Path] = []
    for path in paths:
        if path.is_dir():
            out += sorted(p for p in path.iterdir() if p.is_file() and p.suffix.lower() in wanted)
        else:
            out.append(path)
    return out


def review_command(
    paths: list[Path] = typer.Argument(
        ..., metavar="FILE", help="要审查的报告文件（.txt .md .html .docx .pdf）或文件夹，可多个"
    ),
    as_json: bool = typer.Option(False, "--json", help="输出 JSON（多个文件时为数组）"),
    as_md: bool = typer.Option(False, "--md", help="输出 Markdown（默认）"),
    as_html: bool = typer.Option(False, "--html", help="输出可打印的 HTML"),
    out: Path | None = typer.Option(None, "--out", "-o", help="写入文件而不是打印"),
    strict: bool = typer.Option(False, "--strict", help="有法定内容缺失（或不是年度报告）时退出码为 2"),
    mandates_path: Path | None = typer.Option(None, "--mandates", help="法定内容要求文件（默认 FAZHI_MANDATES）"),
    as_report: bool = typer.Option(False, "--as-report", help="未识别为年度报告的文件（如“工作总结”）也逐项审查"),
    second_opinion: bool | None = typer.Option(
        None, "--second-opinion/--no-second-opinion", help="对“不完整”的结论请模型复核（默认：配置了模型服务时开启）"
    ),
) -> None:
    """审查法治政府建设年度报告：五项法定内容、纲要领域覆盖、数字前后一致、报送时间。"""
    if sum([as_json, as_md, as_html]) > 1:
        raise InputError("--json、--md、--html 只能选一个")
    fmt = "json" if as_json else "html" if as_html else "md"
    mandates = load_mandates(mandates_path)
    ask_model = llm_configured() if second_opinion is None else second_opinion
    files = expand_paths(paths)
    if not files:
        raise InputError(f"{'、'.join(map(str, paths))} 中没有可审查的文件")
    reviews: list[Review] = []
    errors: list[tuple[str, str]] = []
    for path in files:
        try:
            doc = load_document(path)
            review = review_report(doc, mandates, as_report=as_report)
            if ask_model:
                add_second_opinions(doc, review, mandates=mandates)
        except FazhiError as err:
            if len(files) == 1:
                raise
            errors.append((str(path), str(err)))
            print(f"错误：{path}：{err}", file=sys.stderr)
            continue
        reviews.append(review)
    if not reviews:
        raise InputError(f"{len(errors)} 个文件都未能审查")
    text = _render(reviews, errors, fmt)
    if out is not None:
        try:
            out.parent.mkdir(parents=True, exist_ok=True)
            out.write_text(text, encoding="utf-8")
        except OSError as exc:
            raise InputError(f"无法写入 {out}：{exc.strerror or exc}") from exc
        print(f"已写入 {out}（{len(reviews)} 份审查意见）", file=sys.stderr)
    else:
        sys.stdout.write(text)
        sys.stdout.flush()
    if errors:
        raise typer.Exit(code=1)
    if strict and any(r.missing or not r.is_report for r in reviews):
        raise typer.Exit(code=2)


def register(app: typer.Typer) -> None:
    app.command("review")(review_command)
