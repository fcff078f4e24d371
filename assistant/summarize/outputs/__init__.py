"""The batch table written as .xlsx (openpyxl), .csv (UTF-8 BOM), .json or a one-page .html."""

from __future__ import annotations

from assistant.summarize.outputs.out import FORMATS, to_json, write_outputs
from assistant.vocabulary import display_width

__all__ = ["FORMATS", "display_width", "to_json", "write_outputs"]
