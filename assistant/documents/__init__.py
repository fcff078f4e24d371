"""Documents: a file (txt/md/html/docx/pdf/doc, any common Chinese encoding) → one normalised Document.

Public face: `load_document`, `parse_text`, `to_json` and the dataclasses they return; the loaders,
normalisation, outline and metadata detection are private modules of this package.
"""

from __future__ import annotations

from assistant.documents.loading import MAX_BYTES, SUPPORTED, decode_bytes, read_document_text
from assistant.documents.meta import Meta
from assistant.documents.model import Document, Line, RemovedLine, load_document, parse_text, to_json
from assistant.documents.normalize import clean_line, to_simplified
from assistant.documents.outline import OutlineNode, iter_nodes

__all__ = [
    "MAX_BYTES",
    "SUPPORTED",
    "Document",
    "Line",
    "Meta",
    "OutlineNode",
    "RemovedLine",
    "clean_line",
    "decode_bytes",
    "iter_nodes",
    "load_document",
    "parse_text",
    "read_document_text",
    "to_json",
    "to_simplified",
]
