"""The Word files fazhi writes: the 公文 layout (GB/T 9704-2012) of the drafted report and the 审查意见, and
comments (批注) anchored on the words of a submitted document.

Public face: `new_document` (A4 page, margins, 22 × 28 grid, fonts, page numbers), the paragraph
writers (`add_title`, `add_heading`, `add_body`, `add_paragraph`, `add_table`), `text_width`,
`save_docx`, the layout constants, and `add_anchored_comment` / `find_span` / `text_runs`. python-docx
is imported by the functions that use it, so a command that never writes Word does not pay for it.
"""

from __future__ import annotations

from assistant.word.comments import add_anchored_comment, find_span, text_runs
from assistant.word.layout import (
    BODY_FONT,
    BODY_PT,
    CHAR_SPACING_TWIPS,
    CHARS_PER_LINE,
    H1_FONT,
    H2_FONT,
    INDENT_PT,
    LINE_PITCH_TWIPS,
    LINES_PER_PAGE,
    MARGINS_MM,
    PAGE_NUMBER_FONT,
    PAGE_NUMBER_PT,
    RED,
    TABLE_PT,
    TITLE_FONT,
    TITLE_PT,
    add_body,
    add_heading,
    add_paragraph,
    add_table,
    add_title,
    new_document,
    save_docx,
    set_font,
    text_width,
)

__all__ = [
    "BODY_FONT",
    "BODY_PT",
    "CHARS_PER_LINE",
    "CHAR_SPACING_TWIPS",
    "H1_FONT",
    "H2_FONT",
    "INDENT_PT",
    "LINES_PER_PAGE",
    "LINE_PITCH_TWIPS",
    "MARGINS_MM",
    "PAGE_NUMBER_FONT",
    "PAGE_NUMBER_PT",
    "RED",
    "TABLE_PT",
    "TITLE_FONT",
    "TITLE_PT",
    "add_anchored_comment",
    "add_body",
    "add_heading",
    "add_paragraph",
    "add_table",
    "add_title",
    "find_span",
    "new_document",
    "save_docx",
    "set_font",
    "text_runs",
    "text_width",
]
