"""`fazhi parse FILE [--json]`: metadata and heading outline of one document."""

from __future__ import annotations

import json
from pathlib import Path

import typer

from assistant.documents import Document, OutlineNode, load_document, to_json
from assistant.vocabulary import doc_type_name, level_name

_REASONS = {
    "navigation": "网页导航",
    "web_chrome": "网页元素",
    "spam": "垃圾广告",
    "footer": "页脚",
    "script": "脚本",
    "blank_run": "空行",
}


def parse_command(
    file: Path = typer.Argument(..., help="要解析的文件（.txt .md .html .docx .pdf）"),
    as_json: bool = typer.Option(False, "--json", help="输出 JSON"),
) -> None:
    """解析文档：显示元数据（标题、发文机关、年度、类型等）和标题层级。"""
    doc = load_document(file)
    if as_json:
        typer.echo(json.dumps(to_json(doc), ensure_ascii=False, indent=2))
        return
    typer.echo(render_text(doc))


def render_text(doc: Document) -> str:
    m = doc.meta
    dept = {True: "（部门）", False: "", None: ""}[m.is_department]
    issuer = "、".join(m.issuers) + "（联合发文）" if len(m.issuers) > 1 else m.issuer or "（未识别）"
    rows = [
        f"文件：{doc.path}（编码 {doc.encoding}）",
        f"标题：{m.title or '（未识别）'}",
        f"发文机关：{issuer}{dept}",
        f"层级：{level_name(m.level, '（未识别）')}",
        f"报告年度：{m.year or '（未识别）'}",
        f"成文日期：{m.date or '（未识别）'}",
        f"主送机关：{'、'.join(m.recipients) if m.recipients else '（无）'}",
        f"字体：{'繁体' if m.script == 'traditional' else '简体'}",
        f"文档类型：{doc_type_name(m.doc_type)}（置信度 {m.doc_type_confidence:.2f}）",
        *[
            f"  依据：{e.label}" + (f"（第 {e.line} 行：{e.text}）" if e.line else f"（{e.text}）")
            for e in m.doc_type_evidence
            if e.genre == m.doc_type
        ],
        "",
        "标题层级：" if doc.outline else "标题层级：（未识别到编号标题）",
    ]
    for node in doc.outline:
        _render_node(node, rows, 1)
    if doc.removed_lines:
        counts: dict[str, int] = {}
        for r in doc.removed_lines:
            counts[r.reason] = counts.get(r.reason, 0) + 1
        summary = "，".join(f"{_REASONS.get(k, k)} {v} 行" for k, v in counts.items())
        rows += ["", f"已去除无关内容：{summary}"]
    return "\n".join(rows)


def _render_node(node: OutlineNode, rows: list[str], depth: int) -> None:
    rows.append(f"{'  ' * depth}{node.label}  （第 {node.line} 行）")
    for child in node.children:
        _render_node(child, rows, depth + 1)


def register(app: typer.Typer) -> None:
    app.command("parse")(parse_command)
