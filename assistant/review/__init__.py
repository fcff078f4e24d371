"""Review: a submitted report against the five mandated items, the 纲要 areas, its figures and its dates.

Public face: `review_report` / `review_file` and the `Review` they return, the renderers
(`review_to_json`, `review_to_markdown`, `review_to_html`, `reviews_to_html`, `verdict_line`) and the
optional model second opinion (`add_second_opinions`, `llm_configured`), the Word outputs: the
submitted document with a comment per finding (`annotate`, `review_notes`) and the formal 审查意见
(`write_opinion_docx`, `build_opinion`, closing with `fix_list`); higher layers attach findings of their
own to a review as an `Appendix`. And what facts-from-reports reads a report with: `judge_items` (the
verdicts and the line ranges, `Zones`, each item occupies) and the 纲要 area matcher (`classify_area`,
`heading_names_area`, `keywords_in`).
"""

from __future__ import annotations

from assistant.review.annotate import annotate, review_notes
from assistant.review.areas import classify_area, heading_names_area, keywords_in
from assistant.review.items import ItemVerdict, Zones, judge_items
from assistant.review.letter import build_opinion, write_opinion_docx
from assistant.review.opinion import add_second_opinions, llm_configured, second_opinion_messages
from assistant.review.render import (
    fix_list,
    review_to_html,
    review_to_json,
    review_to_markdown,
    reviews_to_html,
    verdict_line,
)
from assistant.review.review import (
    Appendix,
    AreaCoverage,
    Review,
    TimingNote,
    review_file,
    review_report,
    section_ranges,
    timing_notes,
)

__all__ = [
    "Appendix",
    "AreaCoverage",
    "ItemVerdict",
    "Review",
    "TimingNote",
    "Zones",
    "add_second_opinions",
    "annotate",
    "build_opinion",
    "classify_area",
    "fix_list",
    "heading_names_area",
    "judge_items",
    "keywords_in",
    "llm_configured",
    "review_file",
    "review_notes",
    "review_report",
    "review_to_html",
    "review_to_json",
    "review_to_markdown",
    "reviews_to_html",
    "second_opinion_messages",
    "section_ranges",
    "timing_notes",
    "verdict_line",
    "write_opinion_docx",
]
