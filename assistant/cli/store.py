"""`fazhi ingest`, `fazhi search`, `fazhi store info|rebuild`: thin shells over assistant.store."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any, Optional

import typer

from assistant.errors import InputError
from assistant.store import (
    LEVELS,
    Hit,
    IngestSummary,
    SearchFilters,
    Store,
    normalize_query,
    rebuild_store,
    tokenize_ahead,
)
from assistant.vocabulary import doc_type_name, level_name

store_app = typer.Typer(help="检索库管理：查看状态、重建。", no_args_is_help=True)

_STORE_HELP = "检索库目录（默认 FAZHI_HOME/store；设置 FAZHI_CHROMA_URL 时使用共享服务）"


def _open(store: Optional[Path]) -> Store:
    return Store.open(path=store)


def parse_years(value: str | None) -> tuple[int | None, int | None]:
    """ "2019" → (2019, 2019); "2016-2020" → range; "2018-" / "-2020" → open range."""
    if not value:
        return None, None
    m = re.fullmatch(r"\s*(\d{4})?\s*(?:(-|–|~|至)\s*(\d{4})?)?\s*", value)
    if not m or not (m.group(1) or m.group(3)):
        raise InputError(f"年份格式不正确：{value}（示例：2019 或 2016-2020）")
    lo = int(m.group(1)) if m.group(1) else None
    hi = int(m.group(3)) if m.group(3) else (lo if not m.group(2) else None)
    if lo and hi and lo > hi:
        raise InputError(f"年份范围不正确：{value}")
    return lo, hi


def _print_summary(summary: IngestSummary) -> None:
    typer.echo(
        f"共 {summary.files} 个文件：新导入 {summary.added}，更新 {summary.updated}，"
        f"未变化跳过 {summary.skipped}，失败 {len(summary.failed)}；写入 {summary.chunks} 个片段"
        f"（新嵌入 {summary.embedded} 个），{summary.chars} 字，用时 {summary.seconds:.1f} 秒。"
    )
    if summary.seconds > 0 and summary.chars:
        typer.echo(
            f"速度：{summary.chars / summary.seconds:.0f} 字/秒，"
            f"{(summary.added + summary.updated) / summary.seconds:.2f} 文件/秒"
        )
    for path, reason in summary.failed:
        typer.echo(f"  失败：{path} —— {reason}", err=True)


def hit_to_json(hit: Hit) -> dict[str, Any]:
    m = hit.meta
    return {
        "text": hit.text,
        "source": hit.source,
        "heading": hit.heading,
        "score": round(hit.score, 6),
        "year": m.get("year"),
        "level": m.get("level"),
        "doc_type": m.get("doc_type"),
        "kind": m.get("kind"),
        "issuer": m.get("issuer"),
        "title": m.get("title"),
        "lines": [m.get("line_start"), m.get("line_end")],
        "span": list(hit.span),
        "quote": hit.quote,
        "figures": m.get("figures", []),
    }


def ingest(
    paths: list[Path] = typer.Argument(..., help="文件或文件夹（可多个）"),
    store: Optional[Path] = typer.Option(None, "--store", help=_STORE_HELP),
    kind: str = typer.Option("report", "--kind", help="文档类别：report（往年报告）或 policy（政策文件）"),
    as_json: bool = typer.Option(False, "--json", help="以 JSON 输出导入摘要"),
) -> None:
    """导入报告或政策文件到检索库（可重复执行：未变化的文件会跳过）。"""
    if kind not in ("report", "policy"):
        raise InputError(f"--kind 只能是 report 或 policy，收到 {kind}")
    if all(not p.exists() for p in paths):
        missing = "、".join(str(p) for p in paths)
        raise InputError(f"路径不存在：{missing}")
    s = _open(store)
    summary = s.ingest(list(paths), kind=kind, progress=not as_json)
    if summary.files == 0:
        raise InputError("没有找到可导入的文件：" + "；".join(f"{p}（{r}）" for p, r in summary.failed))
    if as_json:
        typer.echo(json.dumps(summary.to_dict(), ensure_ascii=False, indent=2))
    else:
        _print_summary(summary)
    if summary.failed:
        raise typer.Exit(1)


def search(
    query: str = typer.Argument(..., help="检索内容，如“行政复议案件办理情况”"),
    store: Optional[Path] = typer.Option(None, "--store", help=_STORE_HELP),
    k: int = typer.Option(5, "-k", "--top", min=1, max=100, help="返回条数"),
    year: Optional[str] = typer.Option(None, "--year", help="年份或范围：2019、2016-2020、2018-"),
    level: Optional[list[str]] = typer.Option(None, "--level", help="层级：" + "/".join(LEVELS) + "（可多次）"),
    doc_type: Optional[list[str]] = typer.Option(None, "--doc-type", help="文档类型，如 rule_of_law_report"),
    kind: Optional[list[str]] = typer.Option(None, "--kind", help="report 或 policy"),
    issuer: Optional[str] = typer.Option(None, "--issuer", help="发文单位包含的文字，如“澄海”"),
    mode: str = typer.Option("hybrid", "--mode", help="hybrid（默认）、dense 或 keyword"),
    as_json: bool = typer.Option(False, "--json", help="以 JSON 输出"),
) -> None:
    """在检索库中查找相关段落（向量 + 关键词融合），附出处。"""
    for lv in level or []:
        if lv not in LEVELS:
            raise InputError(f"未知层级 {lv}（可选 {'、'.join(LEVELS)}）")
    # jieba's dictionary loads in a forked child while Chroma opens here (see keyword.tokenize_ahead)
    tokens = tokenize_ahead(normalize_query(query)) if mode != "dense" else None
    lo, hi = parse_years(year)
    filters = SearchFilters(
        year_from=lo, year_to=hi, level=level or None, doc_type=doc_type or None, kind=kind or None, issuer=issuer
    )
    opened = _open(store)
    hits = opened.search(query, k=k, mode=mode, filters=filters, tokens=tokens() if tokens else None)
    if as_json:
        typer.echo(json.dumps({"query": query, "hits": [hit_to_json(h) for h in hits]}, ensure_ascii=False, indent=2))
        return
    if not hits:
        empty = opened.count() == 0
        typer.echo("检索库是空的，请先运行 fazhi ingest 导入往年报告或政策文件。" if empty else "没有找到相关段落。")
        return
    for i, h in enumerate(hits, 1):
        m = h.meta
        year = f"{m['year']}年" if m.get("year") else ""
        facts = "，".join(x for x in (year, level_name(m.get("level")), doc_type_name(m.get("doc_type"))) if x)
        typer.echo(f"[{i}] {h.citation()}（{facts}）")
        text = h.text if len(h.text) <= 300 else h.text[:300] + "…"
        typer.echo("    " + text.replace("\n", "\n    "))


@store_app.command("info")
def info(
    store: Optional[Path] = typer.Option(None, "--store", help=_STORE_HELP),
    as_json: bool = typer.Option(False, "--json", help="以 JSON 输出"),
) -> None:
    """显示检索库位置、嵌入模型、片段数与已导入的文件。"""
    s = _open(store)
    sources = s.sources()
    data = {
        "location": s.location,
        "embed_model": s.embedder.name,
        "passage_recipe": (s.collection.metadata or {}).get("passage_recipe"),
        "chunks": s.count(),
        "files": len(sources),
        "sources": sources,
    }
    if as_json:
        typer.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    typer.echo(
        f"检索库：{s.location}\n嵌入模型：{s.embedder.name}（段落向量：{data['passage_recipe']}）\n"
        f"片段数：{data['chunks']}\n文件数：{len(sources)}"
    )
    for row in sources:
        extra = "，".join(str(row[k]) for k in ("kind", "year", "level") if row.get(k))
        typer.echo(f"  {row.get('title') or Path(row['source']).name}  {row['chunks']} 段（{extra}）  {row['source']}")


@store_app.command("rebuild")
def rebuild(
    store: Optional[Path] = typer.Option(None, "--store", help=_STORE_HELP),
) -> None:
    """按已导入文件清单用当前嵌入模型重建检索库（检索库损坏或更换模型后使用）。"""
    summary = rebuild_store(path=store, progress=True)
    if summary.files == 0:
        typer.echo("检索库已清空；清单中没有可重新导入的文件，请用 fazhi ingest 重新导入。")
        return
    _print_summary(summary)
    if summary.failed:
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    app.command("ingest")(ingest)
    app.command("search")(search)
    app.add_typer(store_app, name="store")
