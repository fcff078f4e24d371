"""Drafting: facts file → report, by the deterministic composer or a language model, every figure checked.

Public face: `draft_report` and the `Draft` / `DraftSection` / `Citation` it returns, the outputs
(`draft_to_markdown`, `draft_to_json`, `write_docx` in 公文 format), the outline (`plan_sections`,
`PlannedSection`) and, for tests and the web app, `tidy`, `build_prompt`, `retrieve`, `count_tokens`.
"""

from __future__ import annotations

from assistant.drafting.composer import (
    PlannedSection,
    bare_cause,
    cn_number,
    compose_closing,
    compose_opening,
    compose_section,
    plan_sections,
    section_sources,
    select_sections,
    we,
)
from assistant.drafting.context import Reference, SectionPrompt, build_prompt, count_tokens, retrieve
from assistant.drafting.docx import write_report_docx as write_docx
from assistant.drafting.drafting import draft_report, tidy
from assistant.drafting.model import Citation, Draft, DraftSection, draft_to_json, draft_to_markdown, sources_line

__all__ = [
    "Citation",
    "Draft",
    "DraftSection",
    "PlannedSection",
    "Reference",
    "SectionPrompt",
    "bare_cause",
    "build_prompt",
    "cn_number",
    "compose_closing",
    "compose_opening",
    "compose_section",
    "count_tokens",
    "draft_report",
    "draft_to_json",
    "draft_to_markdown",
    "plan_sections",
    "retrieve",
    "section_sources",
    "select_sections",
    "sources_line",
    "tidy",
    "we",
    "write_docx",
]
