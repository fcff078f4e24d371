"""Which 纲要 area a passage of a report serves: the one keyword matcher behind the coverage verdicts
and behind sorting submitted reports' measures by area (facts from reports).

A section headed with an area's name or one of its keywords is devoted to that area; a line names an
area by its keywords. Reports file measures under headings of their own wording ("强化监督，加大规范性
文件审查力度"), so a passage is weighed by its enclosing headings first and its own words second.
"""

from __future__ import annotations

from collections.abc import Sequence

from assistant.mandates import Area

__all__ = ["classify_area", "heading_names_area", "keywords_in"]

_INNER_HEADING = 3  # the passage's own (innermost) heading names the area
_OUTER_HEADING = 2  # an enclosing heading further out names it


def keywords_in(text: str, area: Area) -> list[str]:
    """The area's keywords the text contains, in the schema's order."""
    return [k for k in area.keywords if k in text]


def heading_names_area(heading: str, area: Area) -> bool:
    """A heading devoted to the area: it holds the area's name or one of its keywords."""
    return area.name in heading or any(k in heading for k in area.keywords)


def classify_area(text: str, headings: Sequence[str], areas: Sequence[Area]) -> Area | None:
    """The area a passage serves, from its enclosing headings (outermost first) and its own words.

    Each area scores 3 when the innermost heading names it, 2 when an outer one does, and one point
    per distinct keyword in the text; the best score wins, ties go to the earlier area of the 纲要.
    None when nothing names any area: the caller decides (the section's whole text, or no area)."""
    best: Area | None = None
    best_score = 0
    for area in areas:
        score = len(keywords_in(text, area))
        for depth, heading in enumerate(reversed(headings)):
            if heading_names_area(heading, area):
                score += _INNER_HEADING if depth == 0 else _OUTER_HEADING
                break
        if score > best_score:
            best, best_score = area, score
    return best
