"""review_report on the real seeds (against labels.yaml), the 120 work reports, and our own fixtures."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from assistant.documents import Meta, load_document, parse_text
from assistant.errors import LLMError
from assistant.mandates import load_mandates
from assistant.review import (
    add_second_opinions,
    review_report,
    review_to_html,
    review_to_json,
    review_to_markdown,
    timing_notes,
    verdict_line,
)

FIXTURES = Path(__file__).resolve().parent / "fixtures"
REPORT_SEEDS = ["000", "002", "003", "004"]


def _label(labels: dict, seed: Path) -> dict:
    return labels[f"seeds/{seed.name}"]


def _by_id(review) -> dict:
    return {v.id: v for v in review.mandated}


@pytest.mark.corpus
@pytest.mark.parametrize("seed_id", REPORT_SEEDS)
def test_seed_verdicts_match_the_hand_labels(seeds: dict, labels: dict, seed_id: str) -> None:
    review = review_report(load_document(seeds[seed_id]))
    assert review.is_report and review.not_report_reason is None
    verdicts = _by_id(review)
    for item_id, expected in _label(labels, seeds[seed_id])["mandated"].items():
        got = verdicts[item_id]
        assert got.status == expected["status"], (seed_id, item_id, got.reason)
        if "line" in expected:
            assert got.line == expected["line"], (seed_id, item_id, got.reason)
        assert got.reason.endswith("。") and len(got.reason) > 10


@pytest.mark.corpus
def test_seed_reasons_say_why(seeds: dict) -> None:
    r000 = _by_id(review_report(load_document(seeds["000"])))
    assert "没有分析原因" in r000["shortcomings"].reason
    assert r000["leaders"].line is None and "没有找到" in r000["leaders"].reason
    r003 = _by_id(review_report(load_document(seeds["003"])))
    assert "县委书记作为本县法治政府建设的第一责任人" in r003["leaders"].reason
    assert "主要原因" in r003["shortcomings"].reason and r003["shortcomings"].heading == "七、存在问题及下步打算"
    r004 = _by_id(review_report(load_document(seeds["004"])))
    assert "顺带" in r004["shortcomings"].reason and r004["shortcomings"].evidence == [35]
    assert r004["leaders"].line == 32 and "第一责任人" in r004["leaders"].reason


@pytest.mark.corpus
def test_seed_001_is_a_work_plan_not_a_report_missing_four_items(seeds: dict) -> None:
    review = review_report(load_document(seeds["001"]))
    assert not review.is_report and review.mandated == [] and review.coverage == []
    assert (
        "工作方案" in review.not_report_reason and "番禺区创建珠三角法治政府示范区工作方案" in review.not_report_reason
    )
    assert review.score == 0
    line = verdict_line(review)
    assert line.startswith("不是法治政府建设年度报告") and "缺少" not in line


@pytest.mark.corpus
def test_no_work_report_is_judged_a_rule_of_law_report(work_reports: list[Path]) -> None:
    assert len(work_reports) == 120
    judged = []
    for path in work_reports:
        review = review_report(load_document(path))
        if review.is_report or review.mandated:
            judged.append(path.name)
        else:
            assert "政府工作报告" in review.not_report_reason, path.name
    assert judged == []


@pytest.mark.corpus
def test_seed_figure_issues_are_reported(seeds: dict, labels: dict) -> None:
    for seed_id in REPORT_SEEDS:
        review = review_report(load_document(seeds[seed_id]))
        expected = {(i["kind"], i["line"]) for i in _label(labels, seeds[seed_id]).get("figure_issues") or []}
        got = {(i.kind, i.line) for i in review.figure_issues if i.severity == "error"}
        assert expected <= got, seed_id


@pytest.mark.corpus
def test_scores_rank_complete_reports_higher(seeds: dict) -> None:
    scores = {k: review_report(load_document(seeds[k])).score for k in REPORT_SEEDS}
    assert scores["002"] > scores["003"] > scores["000"]
    assert all(0 <= s <= 100 for s in scores.values())


def test_thematic_report_with_leaders_first_and_other_section() -> None:
    review = review_report(load_document(FIXTURES / "review_thematic_2022.txt"))
    v = _by_id(review)
    assert {k: x.status for k, x in v.items()} == {k: "present" for k in v}
    assert v["leaders"].line == 6 and v["measures"].line == 9 and "按工作领域分4节" in v["measures"].reason
    assert v["shortcomings"].line == 23 and "主要原因" in v["shortcomings"].reason
    assert v["next_year"].heading == "七、2023年工作安排" and v["other"].line == 31
    assert "2021—2025" in review.framework and len(review.coverage) == 9
    coverage = {c.id: c for c in review.coverage}
    assert coverage["decisions"].status == "covered" and coverage["decisions"].lines == [13, 14, 15]
    assert coverage["emergencies"].status == "absent" and coverage["emergencies"].lines == []
    assert [t.kind for t in review.timing] == ["on_time"]


def test_report_without_headings_gets_partial_items_and_a_late_warning() -> None:
    review = review_report(load_document(FIXTURES / "review_plain_2021.txt"))
    v = _by_id(review)
    assert (v["measures"].status, v["shortcomings"].status, v["next_year"].status) == ("partial",) * 3
    assert v["shortcomings"].line == 7 and v["next_year"].line == 9
    assert v["leaders"].status == "missing"
    late = [t for t in review.timing if t.kind == "late"]
    assert late and late[0].severity == "warning" and "2022年4月1日" in late[0].message


def test_next_year_heading_for_an_older_year_is_not_a_plan() -> None:
    text = (
        "某县人民政府关于2019年度法治政府建设情况的报告\n一、2019年主要举措和成效\n全年审查规范性文件12件。\n"
        "二、2018年工作计划完成情况\n各项计划均已完成。\n三、存在的问题\n执法力量不足，原因是编制紧张。\n"
    )
    v = _by_id(review_report(parse_text(text)))
    assert v["next_year"].status == "missing"


@pytest.mark.parametrize(
    ("year", "date", "kinds"),
    [
        (2019, "2020-02-10", ["on_time"]),
        (2019, "2020-04-01", ["late"]),
        (2019, "2019-12-16", ["date_in_year"]),
        (2019, "2018-12-01", ["date_before_year"]),
        (None, None, ["year_unknown", "date_unknown"]),
        (2019, None, ["date_unknown"]),
    ],
)
def test_timing_rules(year: int | None, date: str | None, kinds: list[str]) -> None:
    notes = timing_notes(Meta(year=year, date=date, doc_type="rule_of_law_report"), load_mandates())
    assert [n.kind for n in notes] == kinds
    severity = {"late": "warning", "date_before_year": "warning", "year_unknown": "warning"}
    assert all(n.severity == severity.get(n.kind, "info") for n in notes)


@pytest.mark.corpus
def test_renderings_carry_the_verdict_items_and_figures(seeds: dict) -> None:
    review = review_report(load_document(seeds["000"]))
    data = review_to_json(review)
    assert set(data) >= {"file", "meta", "is_report", "mandated", "coverage", "figure_issues", "timing", "score"}
    assert {"id", "status", "heading", "line", "reason"} <= set(data["mandated"][0])
    assert {"area", "status", "lines"} <= set(data["coverage"][0])
    assert data["meta"]["script"] == "traditional" and data["meta"]["year"] == 2016
    json.dumps(data, ensure_ascii=False)
    md = review_to_markdown(review)
    assert md.splitlines()[0] == "# 审查意见：茂名市茂南区人民政府关于2016年茂南区法治政府建设情况的报告"
    assert f"**结论：{verdict_line(review)}**" in md
    assert "| 存在的不足和原因 | △ 不完整 | 第91行“二、我区推进依法行政工作存在的问题” |" in md
    assert "| 党政主要负责人履行推进法治建设第一责任人职责情况 | ✗ 缺失 | — |" in md
    html_text = review_to_html(review)
    assert html_text.startswith("<!DOCTYPE html>") and "<table>" in html_text and 'class="missing nowrap"' in html_text
    assert "缺少1项（党政主要负责人履行推进法治建设第一责任人职责情况）" in html_text
    for issue in review.figure_issues:
        assert f"第{issue.line}行" in md and issue.text in md


def test_html_escapes_report_text() -> None:
    text = (
        "某区2020年度法治政府建设情况报告\n一、主要举措和成效\n<script>alert(1)</script>开展了学法活动。\n"
        "二、存在的问题<b>\n执法不规范。\n三、2021年工作打算\n继续推进。\n"
    )
    review = review_report(parse_text(text))
    page = review_to_html(review)
    assert "<script>alert" not in page and "<b>" not in page and "&lt;b&gt;" in page


class _FakeLLM:
    name = "fake"
    model = "reviewer-test"

    def __init__(self, fail: bool = False) -> None:
        self.fail = fail
        self.prompts: list[str] = []

    def complete_text(self, messages: list[dict]) -> str:
        self.prompts.append(messages[-1]["content"])
        if self.fail:
            raise LLMError("无法连接模型服务 http://127.0.0.1:9，请检查 FAZHI_LLM_BASE_URL 或服务是否已启动。")
        return "同意：第18行只在一是至三是中提到第一责任人，没有单列。"


@pytest.mark.corpus
def test_second_opinion_only_on_partial_and_never_changes_the_verdict(seeds: dict) -> None:
    doc = load_document(seeds["003"])
    review = review_report(doc)
    before = [(v.id, v.status, v.line) for v in review.mandated]
    llm = _FakeLLM()
    add_second_opinions(doc, review, llm)  # type: ignore[arg-type]
    assert [(v.id, v.status, v.line) for v in review.mandated] == before
    assert len(llm.prompts) == 1 and "第一责任人" in llm.prompts[0] and "18: " in llm.prompts[0]
    leaders = _by_id(review)["leaders"]
    assert leaders.second_opinion.startswith("同意") and review.second_opinion_model == "fake:reviewer-test"
    assert all(v.second_opinion is None for v in review.mandated if v.id != "leaders")
    md = review_to_markdown(review)
    assert "模型复核意见（仅供参考，以规则审查结论为准）" in md and "△ 不完整" in md


@pytest.mark.corpus
def test_second_opinion_failure_is_a_note_not_a_crash(seeds: dict) -> None:
    doc = load_document(seeds["004"])
    review = review_report(doc)
    add_second_opinions(doc, review, _FakeLLM(fail=True))  # type: ignore[arg-type]
    assert any("模型复核未完成" in n for n in review.notes)
    assert all(v.second_opinion is None for v in review.mandated)


def test_no_model_configured_means_no_second_opinion() -> None:
    doc = load_document(FIXTURES / "review_plain_2021.txt")
    review = add_second_opinions(doc, review_report(doc))
    assert review.second_opinion_model is None and all(v.second_opinion is None for v in review.mandated)


def test_leaders_as_a_subheading_inside_measures_is_a_delimited_block() -> None:
    text = (
        "某县司法局2022年度法治政府建设情况报告\n一、主要举措和成效\n（一）完善制度。全年审查规范性文件12件。\n"
        "（二）党政主要负责人履行推进法治建设第一责任人职责情况。局长带头学法，主持研究法治工作4次。\n"
        "二、存在的问题和原因\n执法力量不足，主要原因是编制紧张。\n三、2023年工作安排\n继续推进。\n"
    )
    v = _by_id(review_report(parse_text(text)))
    assert (v["leaders"].status, v["leaders"].line) == ("present", 4)
    assert "在“一、主要举措和成效”下以小标题" in v["leaders"].reason
    assert (v["measures"].status, v["shortcomings"].status, v["next_year"].status) == ("present",) * 3


def test_unrelated_mentions_are_not_partial_items() -> None:
    text = (
        "某县2021年度法治政府建设情况报告\n一、主要举措和成效\n"
        "开展安全生产大检查，压实企业安全生产第一责任人责任，督促存在问题的企业整改到位。\n"
        "全年审查规范性文件12件。\n二、2022年工作安排\n继续推进。\n"
    )
    v = _by_id(review_report(parse_text(text)))
    assert v["leaders"].status == "missing" and v["shortcomings"].status == "missing"


def test_short_county_report_figure_errors_and_enforcement_heading() -> None:
    review = review_report(parse_text(_SHORT_REPORT))
    assert {v.id: v.status for v in review.mandated if v.id != "other"} == {
        "measures": "present",
        "shortcomings": "present",
        "leaders": "present",
        "next_year": "present",
    }
    assert [(i.kind, i.line) for i in review.figure_issues] == [
        ("breakdown_exceeds_total", 6),
        ("rate_mismatch", 6),
        ("breakdown_exceeds_total", 8),
        ("rate_mismatch", 9),
    ]
    coverage = {c.id: c for c in review.coverage}
    assert coverage["enforcement"].status == "covered" and 8 in coverage["enforcement"].lines  # （三）严格规范执法


_SHORT_REPORT = """XX县人民政府关于2023年度法治政府建设情况的报告

XX市人民政府：
2023年，我县深入学习贯彻习近平法治思想，现将我县2023年度法治政府建设情况报告如下。
一、推进法治政府建设的主要举措和成效
（一）依法化解行政争议。全年共收到行政复议申请86件，受理79件，不予受理9件。已审结72件，其中维持48件，撤销10件，确认违法6件，驳回申请5件，终止3件。纠错率为25%。全县行政诉讼实现零败诉。
（二）规范性文件管理。全年制定规范性文件12件，全部按规定报送备案，报备率100%，及时报备率100%。
（三）严格规范执法。全年共办理行政处罚案件1,582宗，罚没款合计756.3万元，其中市场监管部门罚没款412.5万元，生态环境部门罚没款198万元，城管执法部门罚没款245.8万元。
（四）矛盾纠纷化解。各级人民调解组织共调解各类纠纷2450件，调解成功2401件，调解成功率99%。
二、存在的不足和原因
一是行政执法规范化水平有待提高，原因是执法人员培训不足；二是基层法治力量薄弱，主要原因是编制紧张。
三、党政主要负责人履行推进法治建设第一责任人职责情况
县委书记、县长认真履行推进法治建设第一责任人职责，全年主持召开县政府常务会议专题研究法治政府建设4次。
四、2024年度推进法治政府建设的主要安排
2024年，我县将继续深入推进法治政府建设。

XX县人民政府
2024年2月20日
"""


def test_report_without_a_title_line_is_reviewed_and_says_why() -> None:
    review = review_report(load_document(FIXTURES / "review_untitled_2023.txt"))
    assert review.is_report and review.not_report_reason is None and review.notes == []
    assert {v.id: (v.status, v.line) for v in review.mandated} == {
        "measures": ("present", 2),
        "leaders": ("present", 6),
        "shortcomings": ("present", 8),
        "next_year": ("present", 10),
        "other": ("present", 12),
    }
    basis = review.report_basis
    assert basis is not None and "\n" not in basis
    assert basis.startswith("标题未写明是法治政府建设年度报告") and "现将……情况报告如下" in basis and "第1行" in basis
    assert review_to_json(review)["report_basis"] == basis
    assert f"文种判断：{basis}" in review_to_markdown(review) and "文种判断" in review_to_html(review)


def test_titled_report_needs_no_basis_line(seeds: dict) -> None:
    assert review_report(load_document(seeds["002"])).report_basis is None


@pytest.mark.corpus
def test_every_report_opening_is_reviewed(shared_corpus: Path) -> None:
    for path in sorted((shared_corpus / "openings").glob("*.txt")):
        review = review_report(load_document(path))
        assert review.is_report, (path.name, review.not_report_reason)
        # openings hold the first section or two: at least one item is found
        assert any(v.status in ("present", "partial") for v in review.mandated), path.name


@pytest.mark.parametrize(
    "text,genre,words",
    [
        (
            "某某县人民政府2022年政府信息公开工作年度报告\n本报告根据《中华人民共和国政府信息公开条例》编制。\n一、总体情况\n"
            "二、主动公开政府信息情况\n三、收到和处理政府信息公开申请情况\n",
            "disclosure_report",
            "政府信息公开工作年度报告",
        ),
        (
            "某某县农业农村局2023年工作总结\n2023年，我局扎实推进乡村振兴。现将全年工作总结如下：\n一、主要工作完成情况\n",
            "work_summary",
            "--as-report",
        ),
    ],
)
def test_another_genre_is_refused_with_its_reason(text: str, genre: str, words: str) -> None:
    review = review_report(parse_text(text))
    assert review.meta.doc_type == genre and not review.is_report and review.mandated == []
    assert words in review.not_report_reason and "（依据：第1行" in review.not_report_reason


def test_classify_area_weighs_headings_before_words():
    from assistant.mandates import load_mandates
    from assistant.review import classify_area

    areas = load_mandates().area_set(2024).areas

    def by(text: str, headings: list[str]) -> str | None:
        area = classify_area(text, headings, areas)
        return area.id if area else None

    assert by("全年办理行政复议案件35件", ["一、主要举措和成效"]) == "disputes"
    # the paragraph's own heading decides over a stray word in it
    assert (
        by("组织执法人员学习行政复议法", ["一、主要举措和成效", "（二）推进严格规范公正文明执法，开展案卷评查"])
        == "enforcement"
    )
    assert by("围绕中心工作扎实推进各项任务", ["一、主要举措和成效"]) is None
