"""A .docx body as lines of text, and which Word paragraphs each line came from.

Reading (docx_text) and writing comments on a submitted report (the review's annotated copy) walk the
body the same way, so line N of a finding is the Word paragraph a comment must be anchored on: paragraphs
in body order (a line break inside one makes more lines), tables row by row with cells tab-separated.
A password-protected .docx is an OLE2 container holding an EncryptedPackage stream, not a zip: it is
named as such instead of being sent to a converter as an old .doc.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from typing import Any

from assistant.documents.docx_numbering import ListNumbering
from assistant.errors import DecodeError, ProtectedFileError

__all__ = ["DocxBlock", "docx_blocks", "docx_text", "is_encrypted_office", "line_paragraphs", "open_docx"]

OLE2_MAGIC = b"\xd0\xcf\x11\xe0"
_ENCRYPTED_STREAM = "EncryptedPackage".encode("utf-16-le")
_HAS_DIGIT = re.compile(r"\d")  # a merged-down cell with a number is read once; a name repeats in each row


@dataclass
class DocxBlock:
    """One body paragraph or table row: its text as the loader gives it and the Word paragraphs behind it."""

    text: str
    paragraphs: list[Any] = field(default_factory=list)  # python-docx Paragraph objects
    is_row: bool = False


def is_encrypted_office(data: bytes) -> bool:
    """An Office file saved with an open password (OLE2 with an EncryptedPackage stream)."""
    return data.startswith(OLE2_MAGIC) and _ENCRYPTED_STREAM in data


def protected_message(name: str) -> str:
    return f"{name} 设有打开密码，无法读取：请在 Word 中取消密码（文件 → 信息 → 保护文档）另存后再提交"


def open_docx(data: bytes, name: str = "文件") -> Any:
    """The python-docx Document of a .docx's bytes; one-line Chinese errors for protected or broken files."""
    if is_encrypted_office(data):
        raise ProtectedFileError(protected_message(name))
    try:
        import docx

        return docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises many types for broken packages
        raise DecodeError(f"无法打开 Word 文件 {name}：文件已损坏或不是 .docx（{type(exc).__name__}）") from None


def docx_blocks(document: Any) -> list[DocxBlock]:
    """Body paragraphs and table rows in order, each with the text the loader reads from it."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    numbering = ListNumbering(document)
    out: list[DocxBlock] = []
    for child in document.element.body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            paragraph = Paragraph(child, document)
            out.append(DocxBlock(numbering.label(paragraph) + paragraph.text, [paragraph]))
        elif tag == "tbl":
            above: list[Any] = []
            for row in Table(child, document).rows:
                cells = row.cells
                tcs = [cell._tc for cell in cells]
                paragraphs = [
                    p for i, cell in enumerate(cells) if not i or tcs[i] is not tcs[i - 1] for p in cell.paragraphs
                ]
                if all(tc is tcs[0] for tc in tcs):  # a title row merged across the table: one line of text
                    out.append(DocxBlock(cells[0].text.strip(), paragraphs, True))
                    continue
                # a merged cell repeats in row.cells: its continuations stay as empty cells, so every row
                # keeps the table's column count; two separate cells both "0" stay two cells. Merged down
                # (vMerge), a row header repeats so each row keeps its name; a number does not (as in html_text).
                text = "\t".join(
                    ""
                    if (i and tc is tcs[i - 1]) or (i < len(above) and tc is above[i] and _HAS_DIGIT.search(cell.text))
                    else cell.text.strip()
                    for i, (tc, cell) in enumerate(zip(tcs, cells))
                )
                out.append(DocxBlock(text, paragraphs, True))
                above = tcs
    return out


def docx_text(data: bytes, name: str = "文件") -> str:
    """Paragraphs and table rows of a .docx in body order (tables row by row, cells tab-separated)."""
    return "\n".join(b.text for b in docx_blocks(open_docx(data, name)))


def line_paragraphs(document: Any) -> dict[int, list[Any]]:
    """1-based line of docx_text → the Word paragraphs that line was read from (a table row: all its cells')."""
    out: dict[int, list[Any]] = {}
    line = 1
    for block in docx_blocks(document):
        for _ in range(block.text.count("\n") + 1):
            out[line] = block.paragraphs
            line += 1
    return out
