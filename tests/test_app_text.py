"""What the web app writes, without a server: the chat's reading of a request, the review's summary lines, the
corpus tab's labels and filters, and Gradio's own words in Chinese."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from assistant.app import chat, chat_logic, corpus_tab, locale
from assistant.app.review_tab import review_paths
from assistant.drafting import draft_report
from assistant.errors import InputError
from assistant.vocabulary import KIND_NAMES, LEVEL_NAMES

SAMPLES = Path(__file__).resolve().parent.parent / "corpus" / "samples"
ASKS = [
    "请根据县级示例起草主要举措和成效一节",
    "起草存在的不足一节",
    "根据镇级示例写下一年度安排部分",
    "请帮我写一下行政复议这一节，今年收到申请35件，审结33件",
    "帮我写规范性文件部分，审核行政规范性文件23件，提出修改意见57条",
]


@pytest.mark.parametrize("message", ASKS)
def test_the_ask_is_never_content(message: str) -> None:
    ask, content = chat_logic.split_request(message)
    assert ask and chat_logic.is_ask(ask.split("，")[0])
    assert not any(chat_logic.is_ask(c) for c in re.split("[，,]", content) if c)
    assert "起草" not in content and "帮我写" not in content and "示例" not in content


def test_an_example_named_in_the_ask() -> None:
    assert chat_logic.example_named("请根据县级示例起草主要举措和成效一节") == "county"
    assert chat_logic.example_named("根据镇级示例写下一年度安排部分") == "town"
    assert chat_logic.example_named("按部门示例起草全文") == "department"
    assert chat_logic.example_named("根据示例起草全文", "乡镇级") == "town"
    assert chat_logic.example_named("帮我写行政复议部分") is None


def test_a_section_asked_for_is_drafted_whole_from_the_example() -> None:
    facts, req, rows, _, _start = chat.prepare(ASKS[0], None, None, None, "某某县人民政府", "县级", 2025)
    assert req.item == "measures" and req.whole and chat_logic.section_id(req) == "measures"
    assert rows == [] and (facts.unit, facts.year) == ("云溪县人民政府", 2024)
    assert chat.facts_fields(facts) == ("云溪县人民政府", "县级", 2024)
    draft = draft_report(facts, backend="composer", section=chat_logic.section_id(req))
    text = "\n".join(f"{s.heading}\n{s.text}" for s in draft.sections)
    assert len(draft.sections) == 10 and all(f"（{n}）" in text for n in "一二三四五六七八九")
    assert ASKS[0] not in text and "起草" not in text and "示例" not in text


def test_one_area_asked_for_stays_one_area_and_its_facts_are_drafted() -> None:
    facts, req, rows, _, _start = chat.prepare(ASKS[3], None, None, None, "云溪县人民政府", "县级", 2025)
    assert not req.whole and chat_logic.section_id(req) == "measures.disputes"
    draft = draft_report(facts, backend="composer", section=chat_logic.section_id(req))
    text = draft.sections[0].text
    assert "收到申请35件" in text and "审结33件" in text and "这一节" not in text and "帮我写" not in text
    assert facts.year == 2025  # typed facts: the year of the form


def test_an_ask_without_facts_says_what_to_give() -> None:
    with pytest.raises(InputError, match="今年的工作和数据.*根据县级示例"):
        chat.prepare(ASKS[1], None, None, None, "云溪县人民政府", "县级", 2025)


def test_review_summary_counts_what_is_there_and_an_empty_figure_table_is_one_line(tmp_path: Path) -> None:
    result = review_paths([SAMPLES / "qinglan_county_2024.txt"])
    assert "五项法定内容均已写明" in result.summary and "四项" not in result.summary
    assert result.figures == [] and result.figures_note == "数字问题：未发现数字前后矛盾。"
    town = review_paths([SAMPLES / "baishi_town_2024.txt"])  # no 其他需要报告的情况: the four required ones
    assert "四项必备内容均已写明（其他需要报告的情况未单列，非必备）" in town.summary
    wrong = tmp_path / "甲县2024年法治政府建设情况报告.txt"
    text = (SAMPLES / "qinglan_county_2024.txt").read_text(encoding="utf-8")
    wrong.write_text(text + "\n全年收到行政复议申请35件，其中维持28件、撤销9件、终止2件。\n", encoding="utf-8")
    bad = review_paths([wrong])
    assert bad.figures and bad.figures_note == f"数字问题：共 {len(bad.figures)} 处，见下表（原句与行号）。"


def test_corpus_labels_are_chinese_and_year_filters_read_as_typed() -> None:
    assert set(corpus_tab.KINDS.values()) == {None, *KIND_NAMES}
    assert "得分" not in corpus_tab.HIT_HEADERS and corpus_tab.HIT_HEADERS[0] == "排名"
    assert corpus_tab.year_of("", "起始年度") is None and corpus_tab.year_of("不限", "起始年度") is None
    assert corpus_tab.year_of(" 2020年", "起始年度") == 2020 and corpus_tab.year_of(2021.0, "截止年度") == 2021
    with pytest.raises(InputError, match="起始年度应写四位数字"):
        corpus_tab.year_of("去年", "起始年度")
    with pytest.raises(InputError, match="晚于截止年度"):
        corpus_tab.make_filters("2024", "2020", "全部", "全部", "全部")
    filters = corpus_tab.make_filters("2020", None, "县级", "全部", "政策文件")
    assert (filters.year_from, filters.level, filters.kind) == (2020, ["county"], ["policy"])
    assert set(LEVEL_NAMES.values()) <= set(corpus_tab.LEVELS)


def test_gradio_speaks_chinese_for_every_browser_language() -> None:
    tables = locale.gradio_i18n().translations_dict
    assert set(tables) == {"en", "zh-CN", "zh-TW"}
    for key in ("upload_text.drop_file", "upload_text.click_to_upload", "common.settings", "common.complete",
                "dataframe.drop_to_upload", "chatbot.copy_message", "file.uploading"):  # fmt: skip
        assert all(re.search(r"[\u4e00-\u9fff]", tables[lang][key]) for lang in tables), key
    for key, text in locale.GRADIO_ZH.items():
        words = re.sub(r"\.[a-z]+|\{\w+\}", "", text)  # file extensions such as .glb, {placeholders}
        english = [
            w for w in re.findall(r"[A-Za-z]{2,}", words) if w not in {"CSV", "TSV", "Gradio", "MCP", "Cookie", "https"}
        ]
        assert not english, (key, text)
    assert all(re.search(r"[\u4e00-\u9fff]", v) for v in locale.UNKEYED.values())


def test_batch_progress_counts_reports_not_steps() -> None:
    """Gradio writes "2 / 4 steps" beside a progress description unless it is given the unit."""
    from assistant.app import batch_tab

    calls: list[tuple[tuple, dict]] = []
    batch_tab.summarize_paths(sorted(SAMPLES.glob("*.txt"))[:2], lambda *a, **k: calls.append((a, k)))
    assert calls and all(k.get("unit") == "份" for _, k in calls)
    assert all(re.search(r"[\u4e00-\u9fff]", k["desc"]) and "steps" not in k["desc"] for _, k in calls)
