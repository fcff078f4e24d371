from __future__ import annotations

from pathlib import Path

import pytest
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from assistant.drafting import DraftSection, draft_report, write_docx
from assistant.errors import InputError
from assistant.facts import load_facts

EXAMPLES = Path(__file__).resolve().parent.parent / "corpus" / "examples"


def _east_asia(paragraph) -> str:
    run = paragraph.runs[0]
    return run._element.rPr.find(qn("w:rFonts")).get(qn("w:eastAsia"))


@pytest.fixture(scope="module")
def county_docx(tmp_path_factory):
    facts = load_facts(EXAMPLES / "county.yaml")
    draft = draft_report(facts, backend="composer")
    draft.sections[3].flags = ["“1件”在事实文件中找不到依据"]
    path = write_docx(draft, tmp_path_factory.mktemp("docx") / "云溪县.docx")
    return draft, Document(str(path))


def _close(length, mm: float) -> bool:
    return abs(length - Mm(mm)) <= Mm(0.1)


def test_page_is_a4_with_gbt9704_margins(county_docx):
    _, doc = county_docx
    s = doc.sections[0]
    assert _close(s.page_width, 210) and _close(s.page_height, 297)
    assert _close(s.top_margin, 37) and _close(s.bottom_margin, 35)
    assert _close(s.left_margin, 28) and _close(s.right_margin, 26)
    grid = s._sectPr.find(qn("w:docGrid"))
    assert grid.get(qn("w:type")) == "lines"
    body = next(p for p in doc.paragraphs if p.text.startswith("我县坚持"))
    assert body.runs[0]._element.rPr.find(qn("w:spacing")).get(qn("w:val")) == "-5"  # 28 chars a line
    assert int(grid.get(qn("w:linePitch"))) == 580  # 225 mm / 22 lines = 29 pt


def test_title_heading_and_body_fonts(county_docx):
    draft, doc = county_docx
    paras = [p for p in doc.paragraphs if p.text.strip()]
    title = paras[0]
    assert title.text == "云溪县人民政府关于2024年度法治政府建设情况的报告"
    assert _east_asia(title) == "方正小标宋简体" and title.runs[0].font.size == Pt(22)
    assert title.alignment == WD_ALIGN_PARAGRAPH.CENTER
    recipients = paras[1]
    assert recipients.text == "临江市人民政府：" and recipients.paragraph_format.first_line_indent is None
    by_text = {p.text: p for p in paras}
    h1 = by_text["一、2024年推进法治政府建设的主要举措和成效"]
    h2 = by_text["（七）健全社会矛盾纠纷行政预防调处化解体系"]
    assert _east_asia(h1) == "黑体" and h1.runs[0].font.size == Pt(16)
    assert _east_asia(h2) == "楷体_GB2312" and h2.runs[0].font.size == Pt(16)
    body = next(p for p in paras if p.text.startswith("我县坚持把非诉讼纠纷解决机制挺在前面"))
    assert _east_asia(body) == "仿宋_GB2312" and body.runs[0].font.size == Pt(16)
    assert body.paragraph_format.first_line_indent == Pt(32)
    assert abs(body.paragraph_format.line_spacing.pt - 29.0) < 0.01
    assert paras[-1].text == "2025年2月26日" and paras[-1].alignment == WD_ALIGN_PARAGRAPH.RIGHT
    assert doc.styles["Normal"].font.size == Pt(16)


def test_page_numbers_odd_right_even_left(county_docx):
    _, doc = county_docx
    s = doc.sections[0]
    assert doc.settings.odd_and_even_pages_header_footer
    odd, even = s.footer.paragraphs[0], s.even_page_footer.paragraphs[0]
    for p in (odd, even):
        assert "PAGE" in "".join(t.text for t in p._element.iter(qn("w:instrText")))
        assert p.text.startswith("— ") and p.text.endswith(" —")
    assert odd.alignment == WD_ALIGN_PARAGRAPH.RIGHT and even.alignment == WD_ALIGN_PARAGRAPH.LEFT


def test_flags_are_red_editing_notes(county_docx):
    _, doc = county_docx
    note = next(p for p in doc.paragraphs if p.text.startswith("【编辑提示】数据核对"))
    assert "1件" in note.text and str(note.runs[0].font.color.rgb) == "C00000"


def test_failed_section_is_marked_and_bad_suffix_rejected(tmp_path):
    facts = load_facts(EXAMPLES / "town.yaml")
    draft = draft_report(facts, backend="composer", section="leaders")
    draft.sections.append(DraftSection(id="next_year", heading="四、下一年度", text="", status="failed"))
    doc = Document(str(write_docx(draft, tmp_path / "t.docx")))
    assert any("此部分未能生成" in p.text for p in doc.paragraphs)
    with pytest.raises(InputError):
        write_docx(draft, tmp_path / "t.doc")


def test_signer_is_centred_over_the_date(county_docx):
    _, doc = county_docx
    signer, date = doc.paragraphs[-2], doc.paragraphs[-1]
    assert (signer.text, date.text) == ("云溪县人民政府", "2025年2月26日")
    assert date.paragraph_format.right_indent == Pt(64)  # 成文日期右空四字
    assert signer.paragraph_format.right_indent == Pt(64 + (8.25 - 7) * 8)  # 署名居中于日期之上（数字约占¾字）
