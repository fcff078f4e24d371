"""What the 撰写助手 shows beside the chat: the figure check with highlights, the exemplars with
their sources, the backend line. Plain functions from a Draft to Markdown/HTML strings."""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from assistant.app import services
from assistant.faithfulness import check_text, source_figures
from assistant.vocabulary import FIGURE_STATUS_NAMES, ITEM_NAMES

STATUS_CLASS = {
    "supported": "fig-supported",
    "derived_ok": "fig-supported",
    "unsupported": "fig-unsupported",
    "misattributed": "fig-misattributed",
}


@dataclass
class FigureCheck:
    html: str
    counts: dict[str, int] = field(default_factory=dict)
    summary: str = ""


def request_heading(req: Any) -> str:
    names = {"all": "全文", **ITEM_NAMES}
    if req.item == "measures" and req.area and not getattr(req, "whole", False):
        return str(req.area)
    return names.get(req.item, req.topic or req.item)


def streaming_text(texts: dict[str, str]) -> str:
    return "\n\n".join(t.strip() for t in texts.values() if t.strip())


def draft_text(draft: Any) -> str:
    parts = []
    for s in draft.sections:
        text = s.text.strip() or "（此部分未能生成）"
        parts.append(f"**{s.heading}**\n\n{text}" if s.heading else text)
    return "\n\n".join(parts)


def figure_check(draft: Any, facts: Any) -> FigureCheck:
    """Check every figure of the draft against the facts; highlight each one in the text."""
    sources = source_figures(facts)
    blocks: list[str] = []
    counts: dict[str, int] = {}
    for s in draft.sections:
        result = check_text(s.text, sources)
        for k, v in (result.counts or {}).items():
            counts[k] = counts.get(k, 0) + v
        body = highlight(s.text, result.mentions)
        blocks.append(f"<h4>{html.escape(s.heading or '')}</h4><div class='fazhi-draft'>{body}</div>")
    ok = counts.get("supported", 0) + counts.get("derived_ok", 0)
    bad = counts.get("unsupported", 0)
    mis = counts.get("misattributed", 0)
    names = FIGURE_STATUS_NAMES
    summary = (
        f"数字核对：{names['supported']} {ok} 处，{names['unsupported']} {bad} 处，{names['misattributed']} {mis} 处。"
    )
    legend = (
        "<p class='fazhi-note'><span class='fig-supported'>绿色</span>＝数字来自您的输入；"
        "<span class='fig-unsupported'>红色</span>＝输入中没有，须核实或删除；"
        "<span class='fig-misattributed'>橙色</span>＝数值存在但指标不符。</p>"
    )
    verdict = "✓" if not (bad or mis) else "⚠"
    page = f"<div id='figure-check'><p><b>{verdict} {html.escape(summary)}</b></p>{legend}{''.join(blocks)}</div>"
    return FigureCheck(page, counts, summary)


def highlight(text: str, mentions: list[Any]) -> str:
    """The text, escaped, with each checked figure wrapped in a span of its status."""
    out, cursor = [], 0
    for m in mentions:
        cls = STATUS_CLASS.get(m.status)
        if not cls or not m.text:
            continue
        at = text.find(m.text, cursor)
        if at < 0:
            continue
        tip = FIGURE_STATUS_NAMES.get(m.status, m.status)
        if m.source_text:
            tip += f"：{m.source_text}"
        elif m.reason:
            tip += f"：{m.reason}"
        if getattr(m, "origin", None):
            tip += f"（出处：{m.origin}）"
        out.append(html.escape(text[cursor:at]))
        out.append(f"<span class='{cls}' title='{html.escape(tip, quote=True)}'>{html.escape(m.text)}</span>")
        cursor = at + len(m.text)
    out.append(html.escape(text[cursor:]))
    return "".join(out).replace("\n", "<br>")


def exemplars(draft: Any, req: Any, facts: Any) -> str:
    """The exemplars the draft cites ([n] → file and heading); else what the store offers as style."""
    cited = []
    for s in draft.sections:
        for c in getattr(s, "citations", None) or []:
            cited.append(f"[{c.n}] {Path(str(c.source)).name} — {c.heading or '（无标题）'}")
    if cited:
        return "#### 引用的范例\n" + "\n".join(f"- {html.escape(line)}" for line in dict.fromkeys(cited))
    query = request_heading(req) if req.item != "measures" else f"{request_heading(req)} {req.content[:60]}"
    try:
        hits = services.get_store().search(query, k=3)
    except Exception as exc:
        return f"#### 参考范例\n检索库不可用：{services.user_message(exc)}"
    if not hits:
        return "#### 参考范例\n检索库中暂无相关范例（可在「语料库」页导入往年报告）。"
    lines = ["#### 参考范例（供借鉴写法，数字不可照搬）"]
    for n, h in enumerate(hits, 1):
        where = " > ".join(h.heading_path or []) or "（无标题）"
        snippet = h.text.strip().replace("\n", " ")[:120]
        lines.append(
            f"- [{n}] **{html.escape(Path(str(h.source)).name)}** — {html.escape(where)}\n  > {html.escape(snippet)}…"
        )
    return "\n".join(lines)


def backend_line(draft: Any) -> str:
    model = f"（{draft.model}）" if getattr(draft, "model", None) else ""
    origin = "规则模板生成，数字全部来自输入" if draft.backend == "composer" else "由语言模型生成，请逐句核对"
    return f"**撰写后端**：{draft.backend}{model} — {origin}"


def final_text(draft: Any, check: FigureCheck, start: Any = None) -> str:
    if draft.sections and not any(s.text.strip() for s in draft.sections):
        reasons = " ".join(getattr(draft, "warnings", None) or []) or "模型没有返回内容。"
        return f"⚠ 撰写失败：{reasons}\n\n可在左上角把「撰写后端」改为 composer（离线模板）先出初稿。"
    body = draft_text(draft)
    notes = [check.summary]
    if check.counts.get("unsupported") or check.counts.get("misattributed"):
        notes.append("红色/橙色数字须核实，详见右侧「数字核对」。")
    for w in getattr(draft, "warnings", None) or []:
        notes.append(f"⚠ {w}")
    if start is not None and start.kind != "facts":
        notes.append(f"起点：{start.label}，每个数字的出处见右侧「数字核对」（鼠标悬停）。")
        notes += [f"提示：{services.for_the_page(n)}" for n in start.notes]
    tag = "【模型生成】" if draft.backend != "composer" else "【模板生成】"
    return f"{body}\n\n---\n{tag} · " + " ".join(notes)
