"""Documents: a file (txt/md/html/docx/pdf/doc, any common Chinese encoding) → one normalised Document.

Public face: `load_document`, `parse_text`, `to_json`, `meta_to_json` and the dataclasses they return; the
loaders, normalisation, outline and metadata detection (type, issuer, level, year) are private modules.
"""

from __future__ import annotations

from assistant.documents.doc_type import DocTypeEvidence
from assistant.documents.docx_body import DocxBlock, docx_blocks, line_paragraphs, open_docx
from assistant.documents.loading import MAX_BYTES, SUPPORTED, decode_bytes, read_document_text
from assistant.documents.meta import Meta, meta_to_json
from assistant.documents.model import Document, Line, RemovedLine, load_document, parse_text, to_json
from assistant.documents.normalize import clean_line, to_simplified
from assistant.documents.officeconvert import convert_to_docx
from assistant.documents.outline import OutlineNode, iter_nodes

__all__ = [
    "MAX_BYTES",
    "SUPPORTED",
    "DocTypeEvidence",
    "DocxBlock",
    "Document",
    "Line",
    "Meta",
    "OutlineNode",
    "RemovedLine",
    "clean_line",
    "convert_to_docx",
    "decode_bytes",
    "docx_blocks",
    "iter_nodes",
    "line_paragraphs",
    "load_document",
    "meta_to_json",
    "open_docx",
    "parse_text",
    "read_document_text",
    "to_json",
    "to_simplified",
]
