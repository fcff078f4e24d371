"""The formal 审查意见 (.docx): 公文 page and type, a summary table first, one section per report, what to fix."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from docx import Document as open_docx
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from assistant.compare import attach_comparison, compare_reports
from assistant.documents import load_document, parse_text
from assistant.errors import InputError
from assistant.review import build_opinion, review_report, write_opinion_docx
from tests.test_compare import LAST, THIS

SAMPLE = Path(__file__).resolve().parent.parent / "corpus" / "samples" / "qinglan_county_2024.txt"


def _east_asia(paragraph) -> str:
    return paragraph.runs[0]._element.rPr.find(qn("w:rFonts")).get(qn("w:eastAsia"))


def test_one_report_in_gongwen_layout_with_comparison(tmp_path: Path) -> None:
    this = parse_text(THIS)
    review = review_report(this)
    attach_comparison(review, compare_reports(this, parse_text(LAST)))
    doc = build_opinion([review], date=dt.date(2025, 3, 10))
    s = doc.sections[0]
    assert abs(s.page_width - Mm(210)) <= Mm(0.1) and abs(s.top_margin - Mm(37)) <= Mm(0.1)
    assert s._sectPr.find(qn("w:docGrid")).get(qn("w:linePitch")) == "580"
    paras = [p for p in doc.paragraphs if p.text.strip()]
    assert paras[0].text == "法治政府建设年度报告审查意见" and _east_asia(paras[0]) == "方正小标宋简体"
    assert paras[0].runs[0].font.size == Pt(22)
    table = doc.tables[0]  # the summary table comes before the report sections
    assert [c.text for c in table.rows[0].cells] == ["序号", "报告", "年度", "结论", "得分"]
    assert table.rows[1].cells[1].text == "云溪县人民政府关于2024年度法治政府建设情况的报告"
    texts = [p.text for p in paras]
    h1 = next(p for p in paras if p.text.startswith("一、云溪县"))
    assert _east_asia(h1) == "黑体"
    for heading in (
        "（一）审查结论",
        "（二）法定内容",
        "（三）数字核对",
        "（六）与上年报告对照",
        "（七）需要修改的内容",
    ):
        assert heading in texts, heading
    assert _east_asia(next(p for p in paras if p.text == "（二）法定内容")) == "楷体_GB2312"
    assert any("照搬比例" in t for t in texts) and any("上年计划" in t for t in texts)
    fixes = texts[texts.index("（七）需要修改的内容") + 1 :]
    assert any("核对第4行的上年数字" in t for t in fixes)  # 执法检查: 52 − 9 ≠ last year's 45
    assert texts[-1] == "2025年3月10日" and paras[-1].alignment is not None
    path = write_opinion_docx([review], tmp_path / "审查意见.docx")
    assert open_docx(str(path)).paragraphs[0].text == paras[0].text
    assert len(doc.tables) == 1 + len(review.appendices[0].tables)


@pytest.mark.corpus
def test_batch_opinion_has_a_section_per_report_and_lists_unreadable_files(seeds) -> None:
    reviews = [review_report(load_document(seeds[k])) for k in ("000", "001", "002")]
    doc = build_opinion(reviews, [("坏文件.docx", "文件已损坏")])
    texts = [p.text for p in doc.paragraphs]
    assert texts[0] == "关于3份法治政府建设年度报告的审查意见"
    assert len(doc.tables[0].rows) == 4
    sections = [t for t in texts if t[:2] in ("一、", "二、", "三、", "四、")]
    assert len(sections) == 4 and sections[-1] == "四、未能审查的文件"
    assert "坏文件.docx：文件已损坏" in texts
    start = texts.index(sections[0])
    first = texts[start : texts.index(sections[1])]
    assert any(t.startswith("1. 第75行【错误】") for t in first)  # figure problems quoted with their line
    assert any(t.startswith("补写") or "补写“" in t for t in first)  # the closing list of what to fix
    second = texts[texts.index(sections[1]) : texts.index(sections[2])]
    assert any("工作方案" in t for t in second)  # 001 is not a report: said so, not scored as one


def test_opinion_rejects_a_wrong_suffix(tmp_path: Path) -> None:
    review = review_report(load_document(SAMPLE))
    with pytest.raises(InputError, match=".docx"):
        write_opinion_docx([review], tmp_path / "意见.doc")
