"""Word files for the annotation tests, built with python-docx and raw WordprocessingML where python-docx has
no API (tracked insertions and deletions): a report converted line by line, and one with everything a real
submitted .docx carries — tables, an image, numbering, tracked changes, an earlier reviewer's comment."""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

from docx import Document
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from docx.shared import Mm


def png_bytes(width: int = 8, height: int = 8) -> bytes:
    """A tiny valid PNG (red square), made without an imaging library."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    raw = b"".join(b"\x00" + b"\xff\x00\x00" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b"")


def lines_to_docx(lines: list[str], path: Path) -> Path:
    """One paragraph per line: how a report pasted into Word looks."""
    doc = Document()
    for line in lines:
        doc.add_paragraph(line)
    doc.save(str(path))
    return path


RICH_TITLE = "云溪县人民政府关于2024年度法治政府建设情况的报告"
RICH_FIGURE = "全年共收到行政复议申请50件，其中维持30件、撤销15件、确认违法10件。"


def rich_docx(path: Path, image: Path) -> Path:
    """A report with a table, an image, numbered headings, tracked changes and an earlier comment."""
    doc = Document()
    doc.add_paragraph(RICH_TITLE)
    doc.add_paragraph("市人民政府：")
    doc.add_paragraph("现将我县2024年度法治政府建设情况报告如下。")
    doc.add_paragraph("一、主要举措和成效")
    p = doc.add_paragraph()
    p.add_run("（一）行政复议。").bold = True
    p.add_run("全年共收到行政复议申请")
    p.add_run("50件").italic = True
    p.add_run("，其中维持30件、撤销15件、确认违法10件。")
    tracked = doc.add_paragraph("我县深入推进严格规范公正文明执法")
    tracked._p.append(
        parse_xml(
            f'<w:ins {nsdecls("w")} w:id="901" w:author="李四" w:date="2025-02-01T10:00:00Z">'
            "<w:r><w:t>，开展执法检查</w:t></w:r></w:ins>"
        )
    )
    tracked._p.append(
        parse_xml(
            f'<w:del {nsdecls("w")} w:id="902" w:author="李四" w:date="2025-02-01T10:00:00Z">'
            "<w:r><w:delText>（旧表述）</w:delText></w:r></w:del>"
        )
    )
    tracked.add_run("，执法质量持续提升。")
    table = doc.add_table(rows=3, cols=3)
    for r, row in enumerate([["项目", "2023年", "2024年"], ["行政复议", "40", "50"], ["行政诉讼", "12", "15"]]):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    doc.add_picture(str(image), width=Mm(20))
    doc.add_paragraph("落实第一责任人职责", style="List Number")
    noted = doc.add_paragraph("二、存在的不足和原因")
    doc.add_comment(noted.runs, text="请补充原因分析。", author="张三", initials="ZS")
    doc.add_paragraph("基层执法力量不足，原因是编制有限。")
    doc.add_paragraph("三、下一年度工作安排")
    doc.add_paragraph("2025年，我县将继续深化行政复议体制改革。")
    doc.add_paragraph("云溪县人民政府")
    doc.add_paragraph("2025年2月26日")
    doc.save(str(path))
    return path
