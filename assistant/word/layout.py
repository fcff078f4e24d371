"""The GB/T 9704-2012 page and type, written once for every Word file fazhi produces.

A4; margins top 37 mm, bottom 35 mm, left 28 mm, right 26 mm (版心 156 × 225 mm); title 方正小标宋简体
二号 centred; body 仿宋_GB2312 三号; level-1 headings 黑体, level-2 楷体_GB2312; a line grid of
LINES_PER_PAGE lines of CHARS_PER_LINE characters (line pitch 29 pt, characters tightened 0.25 pt);
page numbers "— 1 —" in 4号 宋体, odd pages right and even pages left. Tables (the 审查意见's summary)
are set in 仿宋 四号 at single spacing: a table on the 29 pt grid would not fit a page.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from assistant.errors import InputError

TITLE_FONT = "方正小标宋简体"
BODY_FONT = "仿宋_GB2312"
H1_FONT = "黑体"
H2_FONT = "楷体_GB2312"
PAGE_NUMBER_FONT = "宋体"
TITLE_PT = 22  # 二号
BODY_PT = 16  # 三号
PAGE_NUMBER_PT = 14  # 四号
TABLE_PT = 14  # 四号
MARGINS_MM = {"top": 37, "bottom": 35, "left": 28, "right": 26}
TEXT_HEIGHT_MM = 297 - 37 - 35  # 225
TEXT_WIDTH_MM = 210 - 28 - 26  # 156
CHARS_PER_LINE = 28
LINES_PER_PAGE = 22  # GB/T 9704-2012 §5.2.2: 一般每面排22行，每行排28个字
LINE_PITCH_TWIPS = round(TEXT_HEIGHT_MM / 25.4 * 72 * 20 / LINES_PER_PAGE)  # 580 twips = 29 pt (225 mm / 22)
# 28 characters of 16 pt need 448 pt but the line is 442 pt wide: tighten each character by 0.25 pt.
CHAR_SPACING_TWIPS = -5
INDENT_PT = 32  # 首行缩进二字
RED = "C00000"  # editing notes staff delete before sending


def _rfonts(rpr: Any) -> Any:
    """The run properties' <w:rFonts>, created first: python-docx sets only the Latin font name."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    return fonts


def set_font(run: Any, name: str, size_pt: float, *, bold: bool = False, color: str | None = None) -> None:
    """A run in one font for every script (Latin, East Asian, complex), at `size_pt`."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Pt, RGBColor

    run.font.name = name
    run.font.size = Pt(size_pt)
    run.font.bold = bold
    rpr = run._element.get_or_add_rPr()
    fonts = _rfonts(rpr)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), name)
    if color is not None:
        run.font.color.rgb = RGBColor.from_string(color)
    if size_pt == BODY_PT:
        spacing = rpr.find(qn("w:spacing"))
        if spacing is None:
            spacing = OxmlElement("w:spacing")
            rpr.append(spacing)
        spacing.set(qn("w:val"), str(CHAR_SPACING_TWIPS))


def add_paragraph(
    doc: Any,
    text: str,
    font: str = BODY_FONT,
    size_pt: float = BODY_PT,
    *,
    align: str = "justify",
    indent: bool = True,
    color: str | None = None,
    right_indent_pt: float | None = None,
    bold: bool = False,
) -> Any:
    """One paragraph on the line grid (exact 29 pt spacing, no space before or after)."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
    from docx.shared import Pt, Twips

    p = doc.add_paragraph()
    fmt = p.paragraph_format
    fmt.alignment = {
        "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
        "center": WD_ALIGN_PARAGRAPH.CENTER,
        "right": WD_ALIGN_PARAGRAPH.RIGHT,
        "left": WD_ALIGN_PARAGRAPH.LEFT,
    }[align]
    fmt.first_line_indent = Pt(INDENT_PT) if indent else None
    if right_indent_pt is not None:
        fmt.right_indent = Pt(right_indent_pt)
    fmt.space_before = Pt(0)
    fmt.space_after = Pt(0)
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = Twips(LINE_PITCH_TWIPS)
    fmt.widow_control = False
    set_font(p.add_run(text), font, size_pt, color=color, bold=bold)
    return p


def add_title(doc: Any, text: str) -> Any:
    """The document title: 方正小标宋简体 二号, centred, followed by one empty line."""
    p = add_paragraph(doc, text, TITLE_FONT, TITLE_PT, align="center", indent=False)
    add_paragraph(doc, "", BODY_FONT, indent=False)
    return p


def add_heading(doc: Any, text: str, level: int = 1) -> Any:
    """A level-1 heading (一、) in 黑体 or a level-2 heading ((一)) in 楷体_GB2312, body size, indented."""
    return add_paragraph(doc, text, H1_FONT if level == 1 else H2_FONT)


def add_body(doc: Any, text: str, *, color: str | None = None) -> Any:
    return add_paragraph(doc, text, BODY_FONT, color=color)


def add_table(doc: Any, header: list[str], rows: list[list[str]], widths_mm: list[float] | None = None) -> Any:
    """A bordered table in 仿宋 四号 (header row in 黑体), single-spaced, as wide as the text block."""
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.shared import Mm, Pt

    table = doc.add_table(rows=1, cols=len(header))
    table.style = _grid_style(doc)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    widths = widths_mm or [TEXT_WIDTH_MM / len(header)] * len(header)
    for row_cells, values, font in [(table.rows[0].cells, header, H1_FONT)] + [
        (table.add_row().cells, r, BODY_FONT) for r in rows
    ]:
        for cell, value, width in zip(row_cells, values, widths):
            cell.width = Mm(width)
            p = cell.paragraphs[0]
            p.paragraph_format.space_before = Pt(0)
            p.paragraph_format.space_after = Pt(0)
            set_font(p.add_run(str(value)), font, TABLE_PT)
    return table


def _grid_style(doc: Any) -> Any:
    """ "Table Grid" when the template has it (python-docx's default does); otherwise borders by hand."""
    try:
        return doc.styles["Table Grid"]
    except KeyError:
        return None


def _page_geometry(section: Any) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Mm

    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(MARGINS_MM["top"]), Mm(MARGINS_MM["bottom"])
    section.left_margin, section.right_margin = Mm(MARGINS_MM["left"]), Mm(MARGINS_MM["right"])
    section.header_distance, section.footer_distance = Mm(15), Mm(20)
    sect_pr = section._sectPr
    grid = sect_pr.find(qn("w:docGrid"))
    if grid is None:
        grid = OxmlElement("w:docGrid")
        sect_pr.append(grid)
    grid.set(qn("w:type"), "lines")
    grid.set(qn("w:linePitch"), str(LINE_PITCH_TWIPS))


def _field(run: Any, instr: str) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    for kind, text in (("begin", None), ("instr", instr), ("separate", None), ("text", "1"), ("end", None)):
        if kind == "instr":
            el = OxmlElement("w:instrText")
            el.set(qn("xml:space"), "preserve")
            el.text = text
        elif kind == "text":
            el = OxmlElement("w:t")
            el.text = text
        else:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
        run._element.append(el)


def _page_number(footer: Any, right: bool) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    p = footer.paragraphs[0] if footer.paragraphs else footer.add_paragraph()
    p.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.RIGHT if right else WD_ALIGN_PARAGRAPH.LEFT
    if right:
        p.paragraph_format.right_indent = Pt(14)
    else:
        p.paragraph_format.left_indent = Pt(14)
    set_font(p.add_run("— "), PAGE_NUMBER_FONT, PAGE_NUMBER_PT)
    number = p.add_run()
    set_font(number, PAGE_NUMBER_FONT, PAGE_NUMBER_PT)
    _field(number, " PAGE ")
    set_font(p.add_run(" —"), PAGE_NUMBER_FONT, PAGE_NUMBER_PT)


def new_document() -> Any:
    """An empty python-docx Document on the 公文 page: geometry, grid, Normal style, page numbers."""
    from docx import Document as new_docx
    from docx.enum.section import WD_SECTION
    from docx.oxml.ns import qn
    from docx.shared import Pt

    doc = new_docx()
    style = doc.styles["Normal"]
    style.font.name = BODY_FONT
    style.font.size = Pt(BODY_PT)
    _rfonts(style.element.get_or_add_rPr()).set(qn("w:eastAsia"), BODY_FONT)
    section = doc.sections[0]
    section.start_type = WD_SECTION.NEW_PAGE
    _page_geometry(section)
    doc.settings.odd_and_even_pages_header_footer = True
    _page_number(section.footer, right=True)
    _page_number(section.even_page_footer, right=False)
    return doc


def text_width(text: str) -> float:
    """Width in body characters: an ASCII digit is half a character, plus the CJK–digit autospace (~¾ in all)."""
    return sum(0.75 if ord(ch) < 128 else 1.0 for ch in text)


def save_docx(doc: Any, path: Path | str) -> Path:
    """Write `doc` to a .docx path (parent folders made); a wrong suffix or an unwritable place is the user's to fix."""
    path = Path(path)
    if path.suffix.lower() != ".docx":
        raise InputError(f"Word 输出文件名应以 .docx 结尾：{path.name}")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        doc.save(str(path))
    except OSError as exc:
        raise InputError(f"无法写入 {path}：{exc.strerror or exc}") from None
    return path
