"""The draft as a .docx in 公文 format (GB/T 9704-2012), ready for staff to edit and send.

A4; margins top 37 mm, bottom 35 mm, left 28 mm, right 26 mm (版心 156 × 225 mm); title 方正小标宋简体
二号 centred; body 仿宋_GB2312 三号; level-1 headings 黑体, level-2 楷体_GB2312; a line grid of
LINES_PER_PAGE lines of 28 characters (line pitch 29 pt, characters tightened 0.25 pt); page numbers "— 1 —" in 4号 宋体, odd pages right and even
pages left. Figure flags and citations are added as red 【编辑提示】 paragraphs for staff to delete.
"""

from __future__ import annotations

from pathlib import Path

from docx import Document as new_document
from docx.enum.section import WD_SECTION
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor, Twips

from assistant.drafting.model import STATUS_NOTES, Draft
from assistant.errors import InputError

TITLE_FONT = "方正小标宋简体"
BODY_FONT = "仿宋_GB2312"
H1_FONT = "黑体"
H2_FONT = "楷体_GB2312"
PAGE_NUMBER_FONT = "宋体"
TITLE_SIZE = Pt(22)  # 二号
BODY_SIZE = Pt(16)  # 三号
PAGE_NUMBER_SIZE = Pt(14)  # 四号
MARGINS_MM = {"top": 37, "bottom": 35, "left": 28, "right": 26}
TEXT_HEIGHT_MM = 297 - 37 - 35  # 225
TEXT_WIDTH_MM = 210 - 28 - 26  # 156
CHARS_PER_LINE = 28
LINES_PER_PAGE = 22  # GB/T 9704-2012 §5.2.2: 一般每面排22行，每行排28个字
LINE_PITCH = Twips(round(TEXT_HEIGHT_MM / 25.4 * 72 * 20 / LINES_PER_PAGE))  # 580 twips = 29 pt (225 mm / 22)
# 28 characters of 16 pt need 448 pt but the line is 442 pt wide: tighten each character by 0.25 pt.
CHAR_SPACING_TWIPS = -5
INDENT = Pt(32)  # 首行缩进二字


def _rfonts(rpr):
    """The run properties' <w:rFonts>, created first: python-docx sets only the Latin font name."""
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    return fonts


def _set_font(run, name: str, size: Pt, *, bold: bool = False, color: RGBColor | None = None) -> None:
    run.font.name = name
    run.font.size = size
    run.font.bold = bold
    rpr = run._element.get_or_add_rPr()
    fonts = _rfonts(rpr)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), name)
    if color is not None:
        run.font.color.rgb = color
    if size == BODY_SIZE:
        spacing = rpr.find(qn("w:spacing"))
        if spacing is None:
            spacing = OxmlElement("w:spacing")
            rpr.append(spacing)
        spacing.set(qn("w:val"), str(CHAR_SPACING_TWIPS))


def _paragraph(
    doc,
    text: str,
    font: str,
    size: Pt = BODY_SIZE,
    *,
    align=WD_ALIGN_PARAGRAPH.JUSTIFY,
    indent: Pt | None = INDENT,
    color: RGBColor | None = None,
    right_indent: Pt | None = None,
):
    p = doc.add_paragraph()
    fmt = p.paragraph_format
    fmt.alignment = align
    fmt.first_line_indent = indent
    if right_indent is not None:
        fmt.right_indent = right_indent
    fmt.space_before = Pt(0)
    fmt.space_after = Pt(0)
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = LINE_PITCH
    fmt.widow_control = False
    _set_font(p.add_run(text), font, size, color=color)
    return p


def _page_geometry(section) -> None:
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
    grid.set(qn("w:linePitch"), str(LINE_PITCH.twips))


def _field(run, instr: str) -> None:
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


def _page_number(footer, align) -> None:
    p = footer.paragraphs[0] if footer.paragraphs else footer.add_paragraph()
    p.paragraph_format.alignment = align
    if align == WD_ALIGN_PARAGRAPH.RIGHT:
        p.paragraph_format.right_indent = Pt(14)
    else:
        p.paragraph_format.left_indent = Pt(14)
    _set_font(p.add_run("— "), PAGE_NUMBER_FONT, PAGE_NUMBER_SIZE)
    number = p.add_run()
    _set_font(number, PAGE_NUMBER_FONT, PAGE_NUMBER_SIZE)
    _field(number, " PAGE ")
    _set_font(p.add_run(" —"), PAGE_NUMBER_FONT, PAGE_NUMBER_SIZE)


def _defaults(doc) -> None:
    style = doc.styles["Normal"]
    style.font.name = BODY_FONT
    style.font.size = BODY_SIZE
    _rfonts(style.element.get_or_add_rPr()).set(qn("w:eastAsia"), BODY_FONT)


def _width(text: str) -> float:
    """Width in body characters: an ASCII digit is half a character, plus the CJK–digit autospace (~¾ in all)."""
    return sum(0.75 if ord(ch) < 128 else 1.0 for ch in text)


def build_document(d: Draft):
    """The python-docx Document for a draft (tests read it back without touching disk)."""
    doc = new_document()
    _defaults(doc)
    section = doc.sections[0]
    section.start_type = WD_SECTION.NEW_PAGE
    _page_geometry(section)
    doc.settings.odd_and_even_pages_header_footer = True
    _page_number(section.footer, WD_ALIGN_PARAGRAPH.RIGHT)
    _page_number(section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT)

    _paragraph(doc, d.title, TITLE_FONT, TITLE_SIZE, align=WD_ALIGN_PARAGRAPH.CENTER, indent=None)
    _paragraph(doc, "", BODY_FONT, indent=None)
    opening = d.opening.splitlines()
    if opening:
        _paragraph(doc, opening[0], BODY_FONT, indent=None)  # 主送机关：顶格
        for line in opening[1:]:
            _paragraph(doc, line, BODY_FONT)
    red = RGBColor(0xC0, 0x00, 0x00)
    for s in d.sections:
        _paragraph(doc, s.heading, H1_FONT if s.level == 1 else H2_FONT)
        if s.status in ("failed", "skipped"):
            _paragraph(doc, f"【编辑提示】{STATUS_NOTES[s.status]}，请补写。", BODY_FONT, color=red)
            continue
        for line in s.text.splitlines():
            if line.strip():
                _paragraph(doc, line.strip(), BODY_FONT)
        if s.status in STATUS_NOTES:
            _paragraph(doc, f"【编辑提示】{STATUS_NOTES[s.status]}。", BODY_FONT, color=red)
        if s.flags:
            _paragraph(doc, "【编辑提示】数据核对：" + "；".join(s.flags), BODY_FONT, color=red)
        if s.citations:
            refs = "；".join(f"[{c.n}] {Path(c.source).name} {c.heading}" for c in s.citations)
            _paragraph(doc, "【编辑提示】参考材料：" + refs, BODY_FONT, color=red)
    closing = d.closing.splitlines()
    if closing:
        _paragraph(doc, closing[0], BODY_FONT)
        _paragraph(doc, "", BODY_FONT, indent=None)
        # 成文日期右空四字, 署名 centred over it (GB/T 9704-2012 7.3.5.1); Arabic digits are half-width.
        date = closing[-1]
        for line in closing[1:]:
            room = 64 if line == date else max(0.0, 64 + (_width(date) - _width(line)) * 8)
            _paragraph(doc, line, BODY_FONT, align=WD_ALIGN_PARAGRAPH.RIGHT, indent=None, right_indent=Pt(room))
    return doc


def write_report_docx(d: Draft, path: Path | str) -> Path:
    path = Path(path)
    if path.suffix.lower() != ".docx":
        raise InputError(f"Word 输出文件名应以 .docx 结尾：{path.name}")
    path.parent.mkdir(parents=True, exist_ok=True)
    build_document(d).save(str(path))
    return path
