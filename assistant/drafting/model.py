"""A draft as data: sections with their figure counts, flags and citations; as JSON and Markdown."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

__all__ = ["STATUS_NOTES", "Citation", "Draft", "DraftSection", "draft_to_json", "draft_to_markdown", "sources_line"]


@dataclass
class Citation:
    n: int
    source: str
    heading: str


@dataclass
class DraftSection:
    id: str
    heading: str
    text: str
    citations: list[Citation] = field(default_factory=list)
    figures: dict[str, int] = field(default_factory=dict)  # supported / unsupported / misattributed / derived_ok
    level: int = 1
    flags: list[str] = field(default_factory=list)  # one Chinese line per suspect figure
    status: str = "ok"  # ok | truncated (hit max tokens) | incomplete (cut off) | failed | skipped
    prompt_tokens: int | None = None
    budget: int | None = None
    seconds: float = 0.0
    first_token_seconds: float | None = None
    repaired: bool = False
    sources: list[str] = field(default_factory=list)  # workbooks / report lines its facts were compiled from


@dataclass
class Draft:
    sections: list[DraftSection]
    backend: str
    model: str | None
    warnings: list[str]
    title: str = ""
    opening: str = ""
    closing: str = ""

    @property
    def complete(self) -> bool:
        """Every section written to its end: a cut-off one is not a finished report."""
        return all(s.status == "ok" for s in self.sections)

    def unfinished(self) -> list[DraftSection]:
        """Sections a person must still write or finish, in report order."""
        return [s for s in self.sections if s.status != "ok"]


STATUS_NOTES = {
    "truncated": "此部分不完整：模型输出达到长度上限被截断，以上是已生成的文字，请补写结尾",
    "incomplete": "此部分不完整：模型的回答中途中断，以上是已生成的文字，请补写结尾",
    "failed": "此部分未能生成：模型调用失败",
    "skipped": "此部分未能生成：前一部分失败后停止",
}


def sources_line(sources: list[str]) -> str:
    """ "公安局.docx 第12、15行；[公安局.xlsx] 主要举措!C5": report lines grouped by file."""
    grouped: dict[str, list[str]] = {}
    for src in sources:
        name, sep, line = src.rpartition(":")
        if sep and line.isdigit():
            grouped.setdefault(name, []).append(line)
        else:
            grouped.setdefault(src, [])
    return "；".join(f"{name} 第{'、'.join(lines)}行" if lines else name for name, lines in grouped.items())


def draft_to_json(d: Draft) -> dict[str, Any]:
    return {
        "title": d.title,
        "opening": d.opening,  # 主送机关 and the opening paragraph, one per line ("" for a single section)
        "closing": d.closing,  # 特此报告。/ 署名 / 成文日期
        "sections": [
            {
                "id": s.id,
                "heading": s.heading,
                "level": s.level,
                "text": s.text,
                "status": s.status,
                "citations": [{"n": c.n, "source": c.source, "heading": c.heading} for c in s.citations],
                "figures": {k: s.figures.get(k, 0) for k in ("supported", "unsupported", "misattributed")},
                "flags": s.flags,
                "prompt_tokens": s.prompt_tokens,
                "repaired": s.repaired,
                "sources": s.sources,
            }
            for s in d.sections
        ],
        "backend": d.backend,
        "model": d.model,
        "warnings": d.warnings,
    }


def draft_to_markdown(d: Draft) -> str:
    out = [f"# {d.title}", ""]
    if d.opening:
        out += [p + "\n" for p in d.opening.splitlines()]
    for s in d.sections:
        out += [("## " if s.level == 1 else "### ") + s.heading, ""]
        if s.status in ("failed", "skipped"):
            out += [f"> （{STATUS_NOTES[s.status]}）", ""]
            continue
        out += [p + "\n" for p in s.text.splitlines() if p.strip()]
        if s.status in STATUS_NOTES:
            out += [f"> （{STATUS_NOTES[s.status]}）", ""]
        if s.flags:
            out += ["> 数据核对：" + "；".join(s.flags), ""]
        if s.citations:
            out += ["> 参考：" + "；".join(f"[{c.n}] {Path(c.source).name} {c.heading}" for c in s.citations), ""]
        if s.sources:
            out += ["> 材料来源：" + sources_line(s.sources), ""]
    if d.closing:
        out += [p + "\n" for p in d.closing.splitlines()]
    if d.warnings:
        out += ["---", "", "**提示**", ""] + [f"- {w}" for w in d.warnings]
    return "\n".join(out).rstrip() + "\n"
