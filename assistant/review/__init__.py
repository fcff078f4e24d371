"""Review: a submitted report against the five mandated items, the 纲要 areas, its figures and its dates.

Public face: `review_report` / `review_file` and the `Review` they return, the renderers
(`review_to_json`, `review_to_markdown`, `review_to_html`, `reviews_to_html`, `verdict_line`) and the
optional model second opinion (`add_second_opinions`, `llm_configured`), and what facts-from-reports
reads a report with: `judge_items` (the verdicts and the line ranges, `Zones`, each item occupies) and
the 纲要 area matcher (`classify_area`, `heading_names_area`, `keywords_in`).
"""

from __future__ import annotations

from assistant.review.areas import classify_area, heading_names_area, keywords_in
from assistant.review.items import ItemVerdict, Zones, judge_items
from assistant.review.opinion import add_second_opinions, llm_configured, second_opinion_messages
from assistant.review.render import review_to_html, review_to_json, review_to_markdown, reviews_to_html, verdict_line
from assistant.review.review import AreaCoverage, Review, TimingNote, review_file, review_report, timing_notes

__all__ = [
    "AreaCoverage",
    "ItemVerdict",
    "Review",
    "TimingNote",
    "Zones",
    "add_second_opinions",
    "classify_area",
    "heading_names_area",
    "judge_items",
    "keywords_in",
    "llm_configured",
    "review_file",
    "review_report",
    "review_to_html",
    "review_to_json",
    "review_to_markdown",
    "reviews_to_html",
    "second_opinion_messages",
    "timing_notes",
    "verdict_line",
]
