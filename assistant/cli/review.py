"""`fazhi review FILE... [--json|--md|--html] [--out PATH] [--annotate OUT] [--previous LAST] [--strict]`.

Exit 0 whatever the findings (a report missing items is a result, not a failure); `--strict` exits 2
when a required item is missing or a file is not an annual report. A file that cannot be read is
reported and the rest are still reviewed; the run then exits 1. `--out X.docx` writes the formal 审查意见
in 公文 format; `--annotate` writes each submitted document back with a Word comment per finding;
`--previous` compares the one report with the same unit's report of the year before.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import typer

from assistant.compare import attach_comparison, compare_reports
from assistant.documents import SUPPORTED, Document, load_document
from assistant.errors import FazhiError, InputError
from assistant.mandates import Mandates, load_mandates
from assistant.review import (
    Review,
    add_second_opinions,
    annotate,
    llm_configured,
    review_report,
    review_to_html,
    review_to_json,
    review_to_markdown,
    reviews_to_html,
    write_opinion_docx,
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


def annotated_path(out: Path, source: Path, single: bool, used: set[Path]) -> Path:
    """Where a file's annotated copy goes: OUT itself for one file named .docx, else OUT/<name>_批注.docx."""
    if single and out.suffix.lower() == ".docx":
        return out
    target = out / f"{source.stem}_批注.docx"
    k = 2
    while target in used:  # 报告.txt and 报告.docx in one batch
        target = out / f"{source.stem}_批注{k}.docx"
        k += 1
    used.add(target)
    return target


def _compare(doc: Document, review: Review, previous: Path, mandates: Mandates) -> None:
    last = load_document(previous)
    attach_comparison(review, compare_reports(doc, last, mandates))


def review_command(
    paths: list[Path] = typer.Argument(
        ..., metavar="FILE", help="要审查的报告文件（.txt .md .html .docx .pdf）或文件夹，可多个"
    ),
    as_json: bool = typer.Option(False, "--json", help="输出 JSON（多个文件时为数组）"),
    as_md: bool = typer.Option(False, "--md", help="输出 Markdown（默认）"),
    as_html: bool = typer.Option(False, "--html", help="输出可打印的 HTML"),
    out: Path | None = typer.Option(
        None, "--out", "-o", help="写入文件而不是打印；以 .docx 结尾时写成公文格式的审查意见（多个报告合为一份）"
    ),
    annotate_out: Path | None = typer.Option(
        None, "--annotate", help="写出带批注的报告副本（.docx；多个文件时为文件夹，每个报告一份）"
    ),
    previous: Path | None = typer.Option(
        None, "--previous", help="同一单位上一年度的报告：核对计划落实、照搬比例和上年数字（只审查一个报告时可用）"
    ),
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
    if previous is not None and len(files) != 1:
        raise typer.BadParameter("只能与一个本年报告一起使用（批量对照请用 fazhi summarize）", param_hint="--previous")
    reviews: list[Review] = []
    errors: list[tuple[str, str]] = []
    used: set[Path] = set()
    for path in files:
        try:
            doc = load_document(path)
            review = review_report(doc, mandates, as_report=as_report)
            if ask_model:
                add_second_opinions(doc, review, mandates=mandates)
            if previous is not None:
                _compare(doc, review, previous, mandates)
            if annotate_out is not None:
                target, _ = annotate(doc, review, annotated_path(annotate_out, path, len(files) == 1, used))
                print(f"已写入批注稿 {target}", file=sys.stderr)
        except FazhiError as err:
            if len(files) == 1:
                raise
            errors.append((str(path), str(err)))
            print(f"错误：{path}：{err}", file=sys.stderr)
            continue
        reviews.append(review)
    if not reviews:
        raise InputError(f"{len(errors)} 个文件都未能审查")
    if out is not None and out.suffix.lower() == ".docx":
        write_opinion_docx(reviews, out, errors)
        print(f"已写入 {out}（公文格式审查意见，{len(reviews)} 份报告）", file=sys.stderr)
    elif out is not None:
        text = _render(reviews, errors, fmt)
        try:
            out.parent.mkdir(parents=True, exist_ok=True)
            out.write_text(text, encoding="utf-8")
        except OSError as exc:
            raise InputError(f"无法写入 {out}：{exc.strerror or exc}") from exc
        print(f"已写入 {out}（{len(reviews)} 份审查意见）", file=sys.stderr)
    else:
        text = _render(reviews, errors, fmt)
        sys.stdout.write(text)
        sys.stdout.flush()
    if errors:
        raise typer.Exit(code=1)
    if strict and any(r.missing or not r.is_report for r in reviews):
        raise typer.Exit(code=2)


def register(app: typer.Typer) -> None:
    app.command("review")(review_command)
