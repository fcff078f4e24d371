"""Numerals inside words are never figures; real quantities written in Chinese numerals are.

tests/data/numeral_words.yaml was labelled by reading the corpus: `not_figures` are words in which a numeral is
no quantity (队伍, 一线, 三级医院, 十四五, “两个维护”…), `figures` are real quantities (两次, 七成, 连续三年, 翻两番…),
each with its file and line in ../shared/corpus. The snippets are verbatim, so the set runs without the corpus;
with it, the same assertions hold on the whole line the snippet was taken from.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from assistant.documents import parse_text
from assistant.figures import extract_figures_text

DATA = Path(__file__).resolve().parent / "data" / "numeral_words.yaml"
SET = yaml.safe_load(DATA.read_text(encoding="utf-8"))
# What may follow a word in a sentence: a measure word right after 队伍 made "伍人" a figure of 5 people.
MEASURES = ("人员", "人", "个", "件", "项", "次", "家", "年")


def _norm(text: str) -> str:
    return parse_text(text).text


def _figures_over(text: str, word: str, near: str) -> list[Any]:
    """The figures extracted from `text` that overlap `word` (found at or after the snippet `near`)."""
    at = text.find(word, max(text.find(near), 0))
    assert at >= 0, (word, text)
    return [f for f in extract_figures_text(text) if f.start < at + len(word) and f.end > at]


def _measure(lines: dict[int, str] | None = None) -> tuple[list[str], list[str]]:
    """(not_figures read as figures, figures not found), on the snippets or on the corpus lines given."""
    false_figures, missed = [], []
    for n, e in enumerate(SET["not_figures"]):
        text = _norm(lines[n]) if lines else _norm(e["snippet"])
        hits = _figures_over(text, _norm(e["word"]), _norm(e["snippet"]))
        false_figures += [f"{e['word']}: {f.text}（{e['file']}:{e['line']}）" for f in hits]
    for n, e in enumerate(SET["figures"], len(SET["not_figures"])):
        text = _norm(lines[n]) if lines else _norm(e["snippet"])
        if not _figures_over(text, _norm(e["figure"]), _norm(e["snippet"])):
            missed.append(f"{e['figure']}（{e['file']}:{e['line']}）")
    return false_figures, missed


def _report(false_figures: list[str], missed: list[str]) -> str:
    found = len(SET["figures"]) - len(missed)
    precision = found / (found + len(false_figures)) if found + len(false_figures) else 1.0
    return (
        f"not_figures {len(SET['not_figures'])}: {len(false_figures)} read as figures; "
        f"figures {len(SET['figures'])}: {found} found; precision {precision:.3f}, recall {found / len(SET['figures']):.3f}"
    )


def test_the_set_is_well_formed() -> None:
    assert len(SET["not_figures"]) >= 150 and len(SET["figures"]) >= 70
    for e in SET["not_figures"]:
        assert e["word"] in e["snippet"], e
        assert not any(ch.isdigit() or ch == "%" for ch in e["snippet"]), e
    for e in SET["figures"]:
        assert e["figure"] in e["snippet"], e


def test_no_figure_inside_a_word_and_every_quantity_found_on_the_snippets() -> None:
    false_figures, missed = _measure()
    print("\n" + _report(false_figures, missed))
    assert false_figures == []
    assert missed == []


@pytest.mark.parametrize("measure", MEASURES)
def test_a_measure_word_after_the_word_does_not_make_its_numeral_a_figure(measure: str) -> None:
    """执法队伍人员 is no "伍人": whatever follows the word, its numeral stays part of it."""
    wrong = []
    for e in SET["not_figures"]:
        snippet, word = _norm(e["snippet"]), _norm(e["word"])
        at = snippet.find(word) + len(word)
        text = snippet[:at] + measure + snippet[at:]
        wrong += [f"{word}{measure}: {f.text}" for f in _figures_over(text, word, "")]
    assert wrong == []


def test_the_chat_request_that_underlined_wu_ren() -> None:
    text = (
        "帮我写行政执法部分：执法队伍人员培训覆盖率100%，一线执法人员持证上岗，健全三级执法体系，陆续出台2件规范性文件"
    )
    assert [(f.text, f.value) for f in extract_figures_text(text)] == [("100%", 100.0), ("2件", 2.0)]


def test_quantities_keep_their_value() -> None:
    """七成 is a share like 70%; 连续三年 a span of three years; 翻两番 two doublings; 两届 a count."""
    cases = {
        "超七成重点企业产值增长": ("七成", 70.0, "%"),
        "建设考核连续三年获评优秀": ("三年", 3.0, "年"),
        "酒店数量翻两番": ("两番", 2.0, "番"),
        "教师连续两届荣获国家级教学成果奖": ("两届", 2.0, "届"),
        "检测累计破千万例": ("千万例", 10_000_000.0, "例"),
    }
    for text, (surface, value, unit) in cases.items():
        got = [(f.text, f.value, f.unit) for f in extract_figures_text(text)]
        assert (surface, value, unit) in got, (text, got)


def test_on_the_corpus_lines(shared_corpus: Path) -> None:
    entries = SET["not_figures"] + SET["figures"]
    files: dict[str, list[str]] = {}
    lines = {}
    for n, e in enumerate(entries):
        if e["file"] not in files:
            files[e["file"]] = (shared_corpus / e["file"]).read_text(encoding="utf-8").split("\n")
        lines[n] = files[e["file"]][e["line"] - 1]
        assert e["snippet"] in lines[n], e
    false_figures, missed = _measure(lines)
    print("\n" + _report(false_figures, missed))
    assert false_figures == []
    assert missed == []
