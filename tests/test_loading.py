"""Loading: encodings without mojibake, file formats, and bad input that must fail cleanly."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import pytest

from assistant.documents import decode_bytes, load_document, read_document_text
from assistant.documents.loading import html_text
from assistant.errors import DecodeError, EmptyDocumentError, FileMissingError, InputError, UnsupportedFormatError

REPORT = (
    "澄海区2019年度法治政府建设报告\n"
    "汕头市人民政府：\n"
    "　　一、推进法治政府建设的主要举措和成效\n"
    "　　（一）严格执行重大行政决策法定程序。全年办理行政复议案件２１件，审结率为９５％。\n"
    "　　二、推进法治政府建设存在的不足和原因\n"
    "　　部分领导干部依法行政意识有待提高，主要原因是学法用法制度落实不够。\n"
    "　　汕头市澄海区人民政府\n"
    "　　2019年12月16日\n"
)
TRADITIONAL = "茂名市茂南區人民政府關於2016年茂南區法治政府建設情況的報告\n一、推進依法行政工作的主要措施及成效\n(一)加強組織領導，落實責任分工。\n"


@pytest.mark.parametrize("encoding", ["gbk", "gb18030", "gb2312"])
def test_gbk_family_decodes_without_mojibake(encoding: str) -> None:
    text, enc = decode_bytes(REPORT.encode(encoding))
    assert text == REPORT
    assert enc == "gb18030"


def test_short_gbk_line_is_not_mistaken_for_big5() -> None:
    sample = "关于印发依法行政工作要点的通知"
    text, _ = decode_bytes(sample.encode("gbk"))
    assert text == sample


def test_big5_traditional_decodes() -> None:
    text, enc = decode_bytes(TRADITIONAL.encode("big5"))
    assert text == TRADITIONAL
    assert enc == "big5"


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-8-sig"])
def test_unicode_variants_with_and_without_bom(encoding: str) -> None:
    text, _ = decode_bytes(REPORT.encode(encoding))
    assert text == REPORT


def test_binary_bytes_are_refused() -> None:
    blob = bytes(range(256)) * 64
    with pytest.raises(DecodeError, match="二进制"):
        decode_bytes(blob)


def test_png_file_is_refused(tmp_path: Path) -> None:
    p = tmp_path / "scan.bin"
    p.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 20)
    with pytest.raises(DecodeError):
        load_document(p)


def test_missing_empty_doc_and_huge_files(tmp_path: Path) -> None:
    with pytest.raises(FileMissingError, match="不存在"):
        load_document(tmp_path / "nope.txt")
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    with pytest.raises(EmptyDocumentError, match="为空"):
        load_document(empty)
    blank = tmp_path / "blank.txt"
    blank.write_text("\n　　\n   \n", encoding="utf-8")
    with pytest.raises(EmptyDocumentError):
        load_document(blank)
    doc = tmp_path / "old.doc"
    doc.write_bytes(b"\xd0\xcf\x11\xe0" + b"\x00" * 100)
    with pytest.raises(UnsupportedFormatError, match=r"另存为 \.docx"):
        load_document(doc)
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as fh:
        fh.truncate(50 * 1024 * 1024)  # sparse: 50 MB on paper, instant to make
    started = time.perf_counter()
    with pytest.raises(InputError, match="过大"):
        load_document(huge)
    assert time.perf_counter() - started < 1


def test_html_page_with_scripts(tmp_path: Path) -> None:
    page = tmp_path / "report.html"
    page.write_text(
        "<html><head><title>门户网站</title><style>p{color:red}</style>"
        "<script>var spam='时时彩 开奖 赚钱';document.write('x')</script></head><body>"
        "<div class='nav'>您当前所在位置：首页 &gt; 政务公开 &gt; 法治政府建设</div>"
        "<h1>某县2020年度法治政府建设情况报告</h1>"
        "<p>一、主要举措和成效</p><p>（一）健全依法决策机制。全年审查合同<b>35</b>份。</p>"
        "<p>二、存在的不足和原因</p><p>执法人员业务能力不足，原因是培训不够。</p>"
        "<script>alert(1)</script><div>扫一扫在手机打开当前页</div></body></html>",
        encoding="utf-8",
    )
    doc = load_document(page)
    assert doc.encoding == "html"
    assert "alert" not in doc.text and "var spam" not in doc.text and "color" not in doc.text
    assert "全年审查合同35份" in doc.text
    assert [n.heading for n in doc.outline] == ["主要举措和成效", "存在的不足和原因"]
    assert doc.meta.title == "某县2020年度法治政府建设情况报告"
    assert {r.reason for r in doc.removed_lines} >= {"navigation", "web_chrome"}


def test_html_text_keeps_block_structure() -> None:
    out = html_text("<p>第一段</p><p>第二段<br>第三行</p><table><tr><td>项目</td><td>数量</td></tr></table>")
    assert out.split("\n") == ["第一段", "", "第二段", "第三行", "", "项目\t数量"]


def test_docx_paragraphs_and_tables(tmp_path: Path) -> None:
    import docx

    d = docx.Document()
    d.add_paragraph("某区2021年法治政府建设年度报告")
    d.add_paragraph("一、主要举措和成效")
    d.add_paragraph("（一）推进行政复议体制改革。收到行政复议申请21件。")
    table = d.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "指标", "数量"
    table.cell(1, 0).text, table.cell(1, 1).text = "行政复议", "21件"
    d.add_paragraph("二、存在的不足和原因")
    path = tmp_path / "report.docx"
    d.save(path)
    doc = load_document(path)
    assert doc.encoding == "docx"
    assert "行政复议\t21件" in doc.original
    assert [n.heading for n in doc.outline] == ["主要举措和成效", "存在的不足和原因"]
    assert doc.outline[0].children[0].number == "(一)"


def test_broken_docx_and_pdf_fail_cleanly(tmp_path: Path) -> None:
    bad = tmp_path / "bad.docx"
    bad.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(DecodeError, match="Word"):
        read_document_text(bad)
    badpdf = tmp_path / "bad.pdf"
    badpdf.write_bytes(b"%PDF-1.4\n garbage")
    with pytest.raises(InputError):
        read_document_text(badpdf)


def test_pdf_without_text_layer_says_ocr(tmp_path: Path) -> None:
    from pypdf import PdfWriter

    w = PdfWriter()
    w.add_blank_page(width=595, height=842)
    path = tmp_path / "scan.pdf"
    with path.open("wb") as fh:
        w.write(fh)
    with pytest.raises(EmptyDocumentError, match="OCR"):
        load_document(path)


def test_round_trip_encodings_give_same_outline(seeds: dict[str, Path], tmp_path: Path) -> None:
    import docx

    for key in ("000", "001", "002", "003", "004"):
        source = seeds[key].read_text(encoding="utf-8")
        reference = load_document(seeds[key])
        expected = [(n.number, n.heading, n.line) for n in reference.headings()]
        assert expected
        web_safe = source.replace("\xa0", " ").replace("\u2022", "·")  # chars GBK lacks
        variants = {
            "utf16.txt": source.encode("utf-16"),
            "utf16le.txt": source.encode("utf-16-le"),
            "gbk.txt": web_safe.encode("gbk"),
            "gb18030.txt": source.encode("gb18030"),
        }
        if key == "000":  # the traditional-script seed, as a Taiwan/HK site would serve it
            variants["big5.txt"] = web_safe.encode("big5", errors="replace")
        for name, data in variants.items():
            p = tmp_path / f"{key}_{name}"
            p.write_bytes(data)
            doc = load_document(p)
            assert [(n.number, n.heading, n.line) for n in doc.headings()] == expected, name
            assert doc.meta.title == reference.meta.title
        d = docx.Document()
        for line in source.split("\n"):
            d.add_paragraph(line)
        p = tmp_path / f"{key}.docx"
        d.save(p)
        doc = load_document(p)
        assert [(n.number, n.heading) for n in doc.headings()] == [(a, b) for a, b, _ in expected]
        assert doc.meta.year == reference.meta.year


def _chinese_numbered_docx(path: Path) -> None:
    """A .docx whose headings are numbered by Word (numbering.xml), as many government templates are."""
    import docx
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    d = docx.Document()
    d.add_paragraph("x", style="List Number")  # makes sure the numbering part exists
    numbering = d.part.numbering_part.element
    levels = [("chineseCounting", "%1、"), ("chineseCounting", "（%2）"), ("decimal", "%3.")]
    lvls = "".join(
        f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="{f}"/><w:lvlText w:val="{t}"/></w:lvl>'
        for i, (f, t) in enumerate(levels)
    )
    numbering.insert(0, parse_xml(f'<w:abstractNum {nsdecls("w")} w:abstractNumId="90">{lvls}</w:abstractNum>'))
    numbering.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))
    body = d.element.body
    body.remove(body[0])
    for text, ilvl in [
        ("某区2021年法治政府建设年度报告", None),
        ("主要举措和成效", 0),
        ("健全依法决策机制", 1),
        ("统筹规划，分解任务。全年审查合同35份。", 2),
        ("严格规范执法", 1),
        ("存在的不足和原因", 0),
        ("执法力量不足。", None),
        ("下一年度工作安排", 0),
    ]:
        p = d.add_paragraph(text)
        if ilvl is not None:
            num_pr = p._p.get_or_add_pPr().get_or_add_numPr()
            num_pr.get_or_add_numId().val = 90
            num_pr.get_or_add_ilvl().val = ilvl
    d.save(path)


def test_docx_word_auto_numbering_becomes_headings(tmp_path: Path) -> None:
    path = tmp_path / "numbered.docx"
    _chinese_numbered_docx(path)
    doc = load_document(path)
    assert "一、主要举措和成效" in doc.original and "（二）严格规范执法" in doc.original
    assert [(n.number, n.heading) for n in doc.outline] == [
        ("一", "主要举措和成效"),
        ("二", "存在的不足和原因"),
        ("三", "下一年度工作安排"),
    ]
    assert [c.number for c in doc.outline[0].children] == ["(一)", "(二)"]
    assert doc.outline[0].children[0].children[0].heading == "统筹规划，分解任务"


def test_pdf_reflow_joins_wrapped_lines() -> None:
    from assistant.documents.pdf import reflow_pdf_page

    page = (
        "某县2020年度法治政府建设情况报告\n一、主要举措和成效\n"
        "（一）健全依法决策机制。全年审查重大行政决策事项\n12件，审查合同35份，出具法律意见书48份，办理行政复议\n"
        "案件21件。\n（二）严格规范执法。\n- 2 -"
    )
    assert reflow_pdf_page(page).split("\n") == [
        "某县2020年度法治政府建设情况报告",
        "一、主要举措和成效",
        "（一）健全依法决策机制。全年审查重大行政决策事项12件，审查合同35份，出具法律意见书48份，办理行政复议案件21件。",
        "（二）严格规范执法。",
        "- 2 -",
    ]


def test_utf8_with_a_damaged_byte_stays_utf8() -> None:
    line = "澄海区2019年度法治政府建设报告，全年办理行政复议案件21件。\n"
    cut = len((line * 3).encode())
    data = (line * 40).encode()
    data = data[:cut] + b"\xff" + data[cut:]
    text, enc = decode_bytes(data)
    assert enc == "utf-8" and text.count("\ufffd") == 1 and "澄海区" in text


def test_mostly_ascii_gbk_file_is_not_read_as_damaged_utf8() -> None:
    data = ("Report 2021, case no. 12345, status ok\n" * 100 + "法治政府建设\n").encode("gbk")
    text, enc = decode_bytes(data)
    assert enc == "gb18030" and text.endswith("法治政府建设\n")


FIXTURES = Path(__file__).resolve().parent / "fixtures"


def test_gb2312_government_web_page_fixture() -> None:
    doc = load_document(FIXTURES / "docs_report_gb2312.html")
    m = doc.meta
    assert (m.title, m.issuer, m.level, m.year, m.date, m.recipients, m.doc_type) == (
        "某某县人民政府关于2022年度法治政府建设情况的报告",
        "某某县人民政府",
        "county",
        2022,
        "2023-03-08",
        ["市人民政府"],
        "rule_of_law_report",
    )
    assert [n.heading for n in doc.outline][:3] == [
        "推进法治政府建设的主要举措和成效",
        "党政主要负责人履行推进法治建设第一责任人职责情况",
        "存在的不足和原因",
    ]
    assert "罚没款86.5万元" in doc.text  # full-width digits unified for the figure parser
    assert "罚没款８６．５万元" in doc.original_line(doc.outline[0].children[1].line)
    assert not any(w in doc.text for w in ("时时彩", "_hmt", "版权所有", "扫一扫", "当前所在位置", "字体"))
    assert {r.reason for r in doc.removed_lines} == {"navigation", "web_chrome", "footer"}


def test_markdown_fixture() -> None:
    doc = load_document(FIXTURES / "docs_report.md")
    assert doc.meta.title == "某区2021年法治政府建设年度报告"
    assert doc.meta.recipients == ["区委", "区人大常委会", "市人民政府"]
    first = doc.outline[0]
    assert (first.heading, first.children[0].heading) == ("主要举措和成效", "加强党的领导")
    assert [c.heading for c in first.children[0].children] == ["完善制度", "强化监督"]


def _minimal_pdf(lines: list[str]) -> bytes:
    """A real one-page PDF with a text layer (Helvetica, ASCII), built by hand: no PDF writer needed."""
    stream = "BT /F1 12 Tf 72 760 Td 14 TL " + " ".join(f"({s}) Tj T*" for s in lines) + " ET"
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        "/Resources << /Font << /F1 5 0 R >> >> >>",
        f"<< /Length {len(stream)} >>\nstream\n{stream}\nendstream",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = b"%PDF-1.4\n"
    offsets = []
    for i, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{i} 0 obj\n{body}\nendobj\n".encode("latin-1")
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return out


def test_pdf_text_layer_is_read(tmp_path: Path) -> None:
    path = tmp_path / "report.pdf"
    path.write_bytes(_minimal_pdf(["Annual report 2021", "1. Measures and results", "2. Shortcomings", "- 1 -"]))
    doc = load_document(path)
    assert doc.encoding == "pdf"
    assert [(n.number, n.heading) for n in doc.outline] == [("1", "Measures and results"), ("2", "Shortcomings")]
    assert [r.reason for r in doc.removed_lines] == ["footer"]  # the page number


def test_mislabelled_files_are_sniffed(tmp_path: Path) -> None:
    ole = tmp_path / "report.docx"
    ole.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512)
    with pytest.raises(UnsupportedFormatError, match=r"另存为 \.docx"):
        load_document(ole)
    pdf = tmp_path / "report.txt"
    pdf.write_bytes(_minimal_pdf(["1. Measures", "2. Shortcomings"]))
    assert load_document(pdf).encoding == "pdf"
    page = tmp_path / "saved_page.txt"
    page.write_text(
        "<!DOCTYPE html><html><body><p>一、主要举措</p><script>x()</script><p>二、存在问题</p></body></html>",
        encoding="utf-8",
    )
    doc = load_document(page)
    assert doc.encoding == "html" and [n.heading for n in doc.outline] == ["主要举措", "存在问题"]


FIXTURES = Path(__file__).parent / "fixtures"


def test_pdf_spacing_is_removed_next_to_chinese_but_kept_between_latin_words() -> None:
    from assistant.documents.pdf import fix_pdf_spacing

    assert fix_pdf_spacing("澄海区2019 年度法治政府建设报告") == "澄海区2019年度法治政府建设报告"
    assert fix_pdf_spacing("行政许可事项454 项,公共服务事项 252 项") == "行政许可事项454项,公共服务事项252项"
    assert fix_pdf_spacing("于8 月20 日召开, “ ”三个 三分之一 达标") == "于8月20日召开,三个三分之一达标"
    assert fix_pdf_spacing("  一、主要举措") == "  一、主要举措"  # a first-line indent stays
    assert fix_pdf_spacing("Annual report 2021, page 3 of 9") == "Annual report 2021, page 3 of 9"
    assert fix_pdf_spacing("参与PPP 项目审核") == "参与PPP 项目审核"


def test_pdf_quote_marks_moved_between_a_number_and_its_unit_are_dropped() -> None:
    """tests/fixtures/docs_pdf_quoted_figures.pdf: soffice --convert-to pdf of a .txt whose figures are quoted
    ("由原来的“45个工作日”压缩至“5个工作日”"); pypdf places the Latin-font quote glyphs out of order."""
    from assistant.documents.pdf import fix_pdf_spacing
    from assistant.figures import extract_figures

    assert (
        fix_pdf_spacing("原来的 45 ” “个工作日 压缩至 5 ”个工作日 ，从20 “个工作日")
        == "原来的45个工作日压缩至5个工作日，从20个工作日"
    )
    assert fix_pdf_spacing("“一网通办”达到99.8%“好差评”") == "“一网通办”达到99.8%“好差评”"  # quotes around words stay
    doc = load_document(FIXTURES / "docs_pdf_quoted_figures.pdf")
    figures = {f.text: f for f in extract_figures(doc)}
    assert {"45个工作日", "5个工作日", "20个工作日", "1,236件", "99.8%"} <= set(figures)
    assert figures["45个工作日"].label == "原企业开办时间" and figures["5个工作日"].unit == "个工作日"


def test_seed002_pdf_from_libreoffice_keeps_numbers_title_and_sentences() -> None:
    """tests/fixtures/docs_pdf_seed002_excerpt.pdf: seed 002 lines, python-docx → soffice --convert-to pdf."""
    from assistant.figures import check_relations, extract_figures

    doc = load_document(FIXTURES / "docs_pdf_seed002_excerpt.pdf")
    assert doc.encoding == "pdf"
    assert doc.meta.title == "澄海区2019年度法治政府建设报告"
    assert doc.meta.year == 2019 and doc.meta.recipients == ["汕头市人民政府"]
    lines = doc.original.split("\n")
    wrapped = [ln for ln in lines if "706个事项" in ln]
    assert len(wrapped) == 1 and "公共服务事项252项)办理时限从8045个工作日" in wrapped[0]
    assert not any(" 项" in ln or " 年" in ln for ln in lines)
    assert [h.number for h in doc.outline] == ["一"]
    figures = extract_figures(doc)
    assert len(figures) >= 20
    checked = check_relations(doc, figures).checked
    assert any(c.stated == 706 and c.expected == 706 and c.holds for c in checked)


def test_pdf_reflow_continues_sentences_across_pages_before_the_footer() -> None:
    from assistant.documents.pdf import reflow_pdf_pages

    body = "区法院执行局着力解决执行难问题，全年共发布限制消费令一千余人次，共采取司法拘"
    page1 = "\n".join(["　　（一）严格执行法院生效裁判。" + body[:25], body, body, "- 3 -"])
    page2 = "\n".join(["移送公安机关追究拒执责任七人。", "　　（二）促进司法为民。", body])
    out = reflow_pdf_pages([page1, page2]).split("\n")
    joined = [ln for ln in out if "移送公安机关" in ln]
    assert len(joined) == 1 and joined[0].startswith("　　（一）")
    assert joined[0].endswith(body + body + "移送公安机关追究拒执责任七人。")
    assert out[out.index(joined[0]) + 1] == "- 3 -"
    assert "　　（二）促进司法为民。" in out


def test_pdf_reflow_keeps_headings_indented_paragraphs_and_short_lines() -> None:
    from assistant.documents.pdf import reflow_pdf_pages

    body = "区法院执行局着力解决执行难问题，全年共发布限制消费令一千余人次，共采取司法拘"
    page = "\n".join(
        [
            "某县2020年度法治政府建设情况报告",
            "　　一、主要举措和成效",
            body,
            "　　" + body,
            "2.严格规范执法，全年办结案件十二件",
            "汕头市某县人民政府",
        ]
    )
    out = reflow_pdf_pages([page]).split("\n")
    assert out[0] == "某县2020年度法治政府建设情况报告"
    assert out[2] == body and out[3] == "　　" + body  # the indented line starts a paragraph
    assert out[4].startswith("2.严格规范执法")  # a heading is never joined
    assert out[-1] == "汕头市某县人民政府"


@pytest.mark.skipif(
    shutil.which("soffice") is None and shutil.which("libreoffice") is None,
    reason="LibreOffice (soffice) not installed",
)
def test_doc_is_converted_with_libreoffice(tmp_path: Path) -> None:
    """tests/fixtures/docs_seed002_excerpt.doc: Word 97 file written by LibreOffice from seed 002 lines."""
    misnamed = tmp_path / "澄海区 报告(2019).txt"  # OLE2 content under a wrong, awkward name
    misnamed.write_bytes((FIXTURES / "docs_seed002_excerpt.doc").read_bytes())
    for path in (FIXTURES / "docs_seed002_excerpt.doc", misnamed):
        doc = load_document(path)
        assert doc.encoding == "doc"
        assert doc.meta.title == "澄海区2019年度法治政府建设报告"
        assert doc.meta.recipients == ["汕头市人民政府"]
        assert "全区31家单位706个事项(其中行政许可事项454项,公共服务事项252项)" in doc.text
        assert [h.number for h in doc.outline] == ["一"]


def test_doc_without_libreoffice_asks_for_docx(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(shutil, "which", lambda name: None)
    with pytest.raises(UnsupportedFormatError, match=r"未安装 LibreOffice.*另存为 \.docx"):
        load_document(FIXTURES / "docs_seed002_excerpt.doc")


def test_doc_conversion_that_hangs_is_stopped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from assistant.documents import officeconvert

    fake = tmp_path / "soffice"
    marker = tmp_path / "child.pid"
    fake.write_text(f"#!/bin/sh\nsleep 30 &\necho $! > {marker}\nwait\n", encoding="utf-8")
    fake.chmod(0o755)
    monkeypatch.setattr(officeconvert, "soffice_path", lambda: str(fake))
    started = time.perf_counter()
    with pytest.raises(UnsupportedFormatError, match="超时"):
        officeconvert.convert_to_docx(FIXTURES / "docs_seed002_excerpt.doc", timeout=1)
    assert time.perf_counter() - started < 10
    child = int(marker.read_text())
    time.sleep(0.2)
    stat = Path(f"/proc/{child}/stat")
    if stat.exists():  # the launcher's children are gone too (or a zombie awaiting its new parent)
        assert stat.read_text().split(") ", 1)[1].startswith(("Z", "X"))


@pytest.mark.skipif(
    shutil.which("soffice") is None and shutil.which("libreoffice") is None,
    reason="LibreOffice (soffice) not installed",
)
def test_doc_that_is_really_rtf_or_garbage(tmp_path: Path) -> None:
    def rtf(s: str) -> str:
        return "".join(c if c.isascii() else f"\\u{ord(c)}?" for c in s)

    lines = ["某县2020年度法治政府建设情况报告", "一、主要举措和成效", "全年办理行政复议案件21件。"]
    path = tmp_path / "report.doc"
    path.write_text("{\\rtf1\\ansi\n" + "".join(f"{{\\pard {rtf(s)}\\par}}\n" for s in lines) + "}", encoding="ascii")
    doc = load_document(path)
    assert doc.encoding == "rtf" and doc.meta.title == lines[0] and "案件21件" in doc.text
    garbage = tmp_path / "garbage.doc"
    garbage.write_bytes(b"\xd0\xcf\x11\xe0" + bytes(range(256)))  # OLE magic, then nothing Word can read
    with pytest.raises(UnsupportedFormatError, match=r"无法转换.*另存为 \.docx"):
        load_document(garbage)
