"""The draft as a .docx in 公文 format (GB/T 9704-2012), ready for staff to edit and send.

The page, type and grid are assistant.word's (shared with the 审查意见); this module only lays out
a draft: title, 主送机关, sections, the closing and its signature block. Figure flags and citations are
added as red 【编辑提示】 paragraphs for staff to delete.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from assistant.drafting.model import STATUS_NOTES, Draft
from assistant.word import (
    BODY_FONT,
    RED,
    add_body,
    add_heading,
    add_paragraph,
    add_title,
    new_document,
    save_docx,
    text_width,
)


def build_document(d: Draft) -> Any:
    """The python-docx Document for a draft (tests read it back without touching disk)."""
    doc = new_document()
    add_title(doc, d.title)
    opening = d.opening.splitlines()
    if opening:
        add_paragraph(doc, opening[0], BODY_FONT, indent=False)  # 主送机关：顶格
        for line in opening[1:]:
            add_body(doc, line)
    for s in d.sections:
        add_heading(doc, s.heading, 1 if s.level == 1 else 2)
        if s.status in ("failed", "skipped"):
            add_body(doc, f"【编辑提示】{STATUS_NOTES[s.status]}，请补写。", color=RED)
            continue
        for line in s.text.splitlines():
            if line.strip():
                add_body(doc, line.strip())
        if s.status in STATUS_NOTES:
            add_body(doc, f"【编辑提示】{STATUS_NOTES[s.status]}。", color=RED)
        if s.flags:
            add_body(doc, "【编辑提示】数据核对：" + "；".join(s.flags), color=RED)
        if s.citations:
            refs = "；".join(f"[{c.n}] {Path(c.source).name} {c.heading}" for c in s.citations)
            add_body(doc, "【编辑提示】参考材料：" + refs, color=RED)
    closing = d.closing.splitlines()
    if closing:
        add_body(doc, closing[0])
        add_paragraph(doc, "", BODY_FONT, indent=False)
        # 成文日期右空四字, 署名 centred over it (GB/T 9704-2012 7.3.5.1); Arabic digits are half-width.
        date = closing[-1]
        for line in closing[1:]:
            room = 64 if line == date else max(0.0, 64 + (text_width(date) - text_width(line)) * 8)
            add_paragraph(doc, line, BODY_FONT, align="right", indent=False, right_indent_pt=room)
    return doc


def write_report_docx(d: Draft, path: Path | str) -> Path:
    return save_docx(build_document(d), path)
