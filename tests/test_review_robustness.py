"""Verdicts follow the document, not its surface: each seed with a section deleted, headings renamed to
other real variants, sections reordered, and the whole text converted to traditional characters."""

from __future__ import annotations

import re
from pathlib import Path

import opencc
import pytest

from assistant.documents import parse_text
from assistant.review import review_report
from assistant.review.items import top_sections

pytestmark = pytest.mark.corpus

REPORT_SEEDS = ["000", "002", "003", "004"]


def _text(seed: Path) -> str:
    return seed.read_text(encoding="utf-8")


def _statuses(review) -> dict[str, tuple[str, int | None]]:
    return {v.id: (v.status, v.line) for v in review.mandated}


def _expected(labels: dict, seed: Path) -> dict[str, dict]:
    return labels[f"seeds/{seed.name}"]["mandated"]


def _sections(text: str) -> list:
    return top_sections(parse_text(text).outline)


def _lines_without(text: str, first: int, last: int) -> str:
    lines = text.split("\n")
    return "\n".join(lines[: first - 1] + lines[last:])


@pytest.mark.parametrize("seed_id", REPORT_SEEDS)
def test_deleting_a_section_removes_exactly_that_item(seeds: dict, seed_id: str) -> None:
    text = _text(seeds[seed_id])
    base = review_report(parse_text(text))
    base_by_id = {v.id: v for v in base.mandated}
    deleted_any = False
    for section in _sections(text):
        owners = [v.id for v in base.mandated if v.status != "missing" and v.heading and v.line == section.line]
        if not owners:
            continue
        deleted_any = True
        changed = review_report(parse_text(_lines_without(text, section.line, section.end_line)))
        assert changed.is_report, (seed_id, section.label)
        after = {v.id: v for v in changed.mandated}
        for item_id in owners:
            if item_id == "measures" and len(_sections(text)) > 1 and after[item_id].status == "present":
                # deleting the measures heading of a thematic run leaves thematic sections: still measures
                assert "按工作领域" in after[item_id].reason
                continue
            assert after[item_id].status != "present", (seed_id, section.label, item_id, after[item_id].reason)
        for item_id, before in base_by_id.items():
            if item_id in owners or item_id == "other":
                continue
            inside = [n for n in [before.line, *before.evidence] if n and section.line <= n <= section.end_line]
            if not inside:
                assert after[item_id].status == before.status, (seed_id, section.label, item_id, after[item_id].reason)
    assert deleted_any


def test_deleting_leaders_section_of_002_makes_it_missing(seeds: dict) -> None:
    text = _text(seeds["002"])
    changed = review_report(parse_text(_lines_without(text, 78, 83)))
    assert {v.id: v.status for v in changed.mandated}["leaders"] == "missing"


RENAMES = {
    "measures": ["主要工作情况", "主要措施及成效", "基本情况和主要成效", "工作开展情况"],
    "next_year": [
        "下一步工作计划",
        "下步打算",
        "{Y1}年度工作打算",
        "下一步推进依法行政的工作思路",
        "{Y1}年法治政府建设工作计划",
    ],
    "leaders": ["党政主要负责人履行推进法治建设第一责任人职责情况", "履行第一责任人职责情况"],
    "shortcomings": ["存在的问题", "困难和不足", "存在的不足和原因", "存在问题"],
    "combined": ["存在的不足及下一步工作安排", "存在问题和下步打算"],
}


def _rename(text: str, line: int, new_heading: str) -> str:
    lines = text.split("\n")
    match = re.match(r"^(\s*[一二三四五六七八九十]+[、.．])", lines[line - 1])
    assert match, lines[line - 1]
    lines[line - 1] = match.group(1) + new_heading
    return "\n".join(lines)


@pytest.mark.parametrize("seed_id", REPORT_SEEDS)
def test_renamed_headings_keep_their_verdicts(seeds: dict, labels: dict, seed_id: str) -> None:
    text = _text(seeds[seed_id])
    expected = _expected(labels, seeds[seed_id])
    year = labels[f"seeds/{seeds[seed_id].name}"]["year"]
    combined = expected["shortcomings"].get("line") == expected["next_year"].get("line")
    for item_id, spec in expected.items():
        if spec["status"] == "missing" or "line" not in spec:
            continue
        if combined and item_id in ("shortcomings", "next_year"):
            variants = RENAMES["combined"]
        else:
            variants = RENAMES[item_id]
        for variant in variants:
            variant = variant.replace("{Y1}", str(year + 1))
            review = review_report(parse_text(_rename(text, spec["line"], variant)))
            got = _statuses(review)
            status = spec["status"]
            if item_id == "shortcomings" and seed_id == "002" and "原因" not in variant:
                # 002 gives causes for only 2 of 7 problems, in passing; without "原因" in the heading that is partial
                status = "partial"
            assert got[item_id] == (status, spec["line"]), (seed_id, item_id, variant)
            for other_id, other in expected.items():
                if (
                    other_id != item_id
                    and "line" in other
                    and not (combined and other_id in ("shortcomings", "next_year"))
                ):
                    assert got[other_id][0] == other["status"], (seed_id, item_id, variant, other_id)


_CN = "一二三四五六七八九十"
_TOP = re.compile(rf"^(\s*)([{_CN}]+)([、.．])")


def _move_to_front(text: str, first: int, last: int, before: int) -> str:
    """Move lines first..last before line `before`, then renumber the top-level 一、二、… in order."""
    lines = text.split("\n")
    tops = {ln for s in _sections(text) for ln in [s.line]}
    marked = [(i + 1 in tops, line) for i, line in enumerate(lines)]
    block = marked[first - 1 : last]
    rest = marked[: first - 1] + marked[last:]
    moved = rest[: before - 1] + block + rest[before - 1 :]
    out, n = [], 0
    for is_top, line in moved:
        if is_top:
            n += 1
            line = _TOP.sub(lambda m, n=n: f"{m.group(1)}{_CN[n - 1]}{m.group(3)}", line, count=1)
        out.append(line)
    return "\n".join(out)


@pytest.mark.parametrize("seed_id", REPORT_SEEDS)
def test_reordered_sections_keep_their_verdicts(seeds: dict, labels: dict, seed_id: str) -> None:
    text = _text(seeds[seed_id])
    expected = {k: v["status"] for k, v in _expected(labels, seeds[seed_id]).items()}
    sections = _sections(text)
    assert len(sections) >= 2
    # the last section (next-year plans) moved before the first one, and, where there are four, the third
    # (leaders in 002) moved to the very front as many reports do
    last = sections[-1]
    moved = _move_to_front(text, last.line, last.end_line, sections[0].line)
    if len(sections) == 4:
        third = _sections(moved)[3]
        moved = _move_to_front(moved, third.line, third.end_line, _sections(moved)[0].line)
    review = review_report(parse_text(moved))
    got = {v.id: v for v in review.mandated}
    for item_id, status in expected.items():
        assert got[item_id].status == status, (seed_id, item_id, got[item_id].reason)
        if got[item_id].heading:
            heading_line = opencc.OpenCC("t2s").convert(moved.split("\n")[got[item_id].line - 1])
            assert got[item_id].heading.split("、", 1)[-1][:6] in heading_line


@pytest.mark.parametrize("seed_id", REPORT_SEEDS)
def test_traditional_characters_give_the_same_verdicts(seeds: dict, labels: dict, seed_id: str) -> None:
    converted = opencc.OpenCC("s2t").convert(_text(seeds[seed_id]))
    review = review_report(parse_text(converted))
    assert review.is_report and review.meta.script == "traditional"
    got = _statuses(review)
    for item_id, spec in _expected(labels, seeds[seed_id]).items():
        assert got[item_id][0] == spec["status"], (seed_id, item_id)
        if "line" in spec:
            assert got[item_id][1] == spec["line"], (seed_id, item_id)


def test_traditional_work_plan_is_still_not_a_report(seeds: dict) -> None:
    converted = opencc.OpenCC("s2t").convert(_text(seeds["001"]))
    review = review_report(parse_text(converted))
    assert not review.is_report and "工作方案" in review.not_report_reason
