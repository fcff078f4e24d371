"""Document type from the body as well as the title: each genre's cues on real-looking text we wrote."""

from __future__ import annotations

from pathlib import Path

import opencc
import pytest

from assistant.documents import parse_text
from assistant.documents.doc_type import SIGNALS, classify

FIXTURES = Path(__file__).resolve().parent / "fixtures"

# A report published with no title line (the page showed the title only in its header).
UNTITLED_REPORT = (FIXTURES / "review_untitled_2023.txt").read_text(encoding="utf-8")

# A 工作方案 without a title line or issuing notice: only its sections and directives say what it is.
UNTITLED_PLAN = """为深入贯彻习近平法治思想，加快建设法治政府，根据《法治政府建设实施纲要（2021—2025年）》，结合我区实际，制定本方案。
一、指导思想
以习近平新时代中国特色社会主义思想为指导，全面推进法治政府建设。
二、工作目标
到2025年，全区法治政府建设取得明显成效，行政执法质量显著提升。
三、主要任务
（一）深化“放管服”改革。各部门要全面梳理权责清单，于2023年6月底前完成调整。牵头单位：区政务服务数据管理局。
（二）规范行政执法。各部门要严格落实行政执法三项制度，各镇街要加强综合执法队伍建设。责任单位：区司法局。
（三）加强行政复议。各单位要依法履行行政复议决定，切实提升行政复议公信力。
四、保障措施
各部门要高度重视，主要负责同志要亲自部署，确保各项任务落到实处。
"""

DISCLOSURE = """某某县人民政府2022年政府信息公开工作年度报告
本报告根据《中华人民共和国政府信息公开条例》和《国务院办公厅政府信息与政务公开办公室关于印发〈中华人民共和国政府信息公开工作年度报告格式〉的通知》要求编制。
一、总体情况
2022年，县政府坚持以习近平法治思想为指导，推进政务公开和法治政府建设，主动公开政府信息1520条。
二、主动公开政府信息情况
全年制发规范性文件6件，行政许可办理3421件，行政处罚286件。
三、收到和处理政府信息公开申请情况
本年新收政府信息公开申请32件，其中自然人29件，法人或其他组织3件；不予公开2件。
四、政府信息公开行政复议、行政诉讼情况
因政府信息公开被申请行政复议1件，提起行政诉讼0件。
五、存在的主要问题及改进情况
部分部门公开内容不够及时。下一步，将加强培训和考核。
六、其他需要报告的事项
无。
"""

SUMMARY = """某某县农业农村局2023年工作总结
2023年，在县委、县政府的坚强领导下，我局紧紧围绕乡村振兴战略，扎实推进各项工作。现将全年工作总结如下：
一、2023年主要工作完成情况
（一）粮食生产稳中有增。全县粮食播种面积38.6万亩，总产量15.2万吨。
（二）农民收入持续增长。农村居民人均可支配收入18650元，增长7.1%。
二、存在的问题
农业产业链条短，龙头企业带动能力不强。
三、2024年工作计划
继续抓好粮食生产，推进高标准农田建设2万亩。
"""

GOV_WORK_REPORT = """各位代表：
现在，我代表区人民政府向大会报告工作，请予审议，并请各位政协委员和其他列席人员提出意见。
一、2023年工作回顾
过去一年，全区地区生产总值增长5.8%，一般公共预算收入增长6.2%。我们坚持依法行政，自觉接受人大监督。
二、2024年主要工作任务
今年经济社会发展的主要预期目标是：地区生产总值增长5.5%左右。
各位代表！新征程上，我们将奋力谱写新篇章。
"""


def test_report_without_a_title_line_is_recognised_from_its_body() -> None:
    meta = parse_text(UNTITLED_REPORT).meta
    assert meta.title is None
    assert (meta.doc_type, meta.year, meta.level, meta.is_department) == ("rule_of_law_report", 2023, "county", False)
    assert meta.issuer == "滨江区人民政府"
    signals = {e.signal: e.line for e in meta.doc_type_evidence}
    assert signals["opening_formula"] == 1 and signals["item_measures"] == 2 and signals["item_leaders"] == 6
    assert signals["item_shortcomings"] == 8 and signals["item_next_year"] == 10
    assert "title_names_report" not in signals
    assert meta.doc_type_confidence >= 0.9


def test_traditional_script_report_without_title() -> None:
    traditional = opencc.OpenCC("s2t").convert(UNTITLED_REPORT.replace("滨江区", "濱江區"))
    meta = parse_text(traditional).meta
    assert meta.script == "traditional"
    assert (meta.doc_type, meta.year, meta.level) == ("rule_of_law_report", 2023, "county")
    assert meta.doc_type_evidence[0].line == 1  # the opening formula, quoted from the file


def test_work_plan_told_by_its_sections_and_directives() -> None:
    meta = parse_text(UNTITLED_PLAN).meta
    assert meta.doc_type == "work_plan"
    plan = {e.signal for e in meta.doc_type_evidence if e.genre == "work_plan"}
    assert {"plan_formula", "plan_sections", "plan_directives", "plan_assignments"} <= plan
    titled = parse_text("某区2023年法治政府建设工作方案\n" + UNTITLED_PLAN).meta
    assert titled.doc_type == "work_plan" and titled.doc_type_confidence >= 0.95


def test_disclosure_annual_report_is_not_a_rule_of_law_report() -> None:
    meta = parse_text(DISCLOSURE).meta
    assert meta.doc_type == "disclosure_report"
    assert {"title_names_disclosure_report", "disclosure_regulation", "disclosure_sections", "disclosure_tables"} <= {
        e.signal for e in meta.doc_type_evidence
    }
    untitled = parse_text(DISCLOSURE.split("\n", 1)[1]).meta  # its sections alone are enough
    assert untitled.doc_type == "disclosure_report"


def test_work_summary_is_its_own_genre_with_or_without_title() -> None:
    assert parse_text(SUMMARY).meta.doc_type == "work_summary"
    untitled = parse_text(SUMMARY.split("\n", 1)[1]).meta
    assert untitled.doc_type == "work_summary"
    assert {"summary_formula", "summary_sections"} <= {e.signal for e in untitled.doc_type_evidence}


def test_rule_of_law_work_summary_is_a_report_under_another_name() -> None:
    body = UNTITLED_REPORT.replace("现将有关情况报告如下", "现将全年工作总结如下")
    assert parse_text("滨江区2023年法治政府建设工作总结\n" + body).meta.doc_type == "rule_of_law_report"
    assert parse_text(body).meta.doc_type == "rule_of_law_report"  # items and vocabulary outweigh 总结如下


def test_gov_work_report_without_title_or_file_name() -> None:
    meta = parse_text(GOV_WORK_REPORT).meta
    assert meta.doc_type == "gov_work_report"
    assert {
        "addresses_delegates",
        "reports_to_congress",
        "work_review_sections",
        "economic_targets",
        "delegates_addressed_again",
    } <= {e.signal for e in meta.doc_type_evidence}


def test_item_headings_do_not_make_a_report_of_a_document_on_another_topic() -> None:
    text = (
        "2023年，我局紧紧围绕中心工作，各项工作稳步推进。\n一、主要工作\n完成投资12亿元。\n二、存在的问题\n"
        "项目储备不足。\n三、下一步工作打算\n加快项目建设。\n"
    )
    meta = parse_text(text).meta
    assert meta.doc_type == "other"
    assert not any(e.signal in ("item_shortcomings", "item_next_year") for e in meta.doc_type_evidence)


def test_nothing_to_go_on_is_other_with_no_evidence() -> None:
    meta = parse_text("会议记录\n今天讨论了若干事项。\n").meta
    assert (meta.doc_type, meta.doc_type_evidence) == ("other", [])
    assert meta.doc_type_confidence == 0.63  # 1 − exp(−MIN_SCORE/4): nothing points anywhere


def test_every_signal_is_documented_and_named_once() -> None:
    names = [s.name for s in SIGNALS]
    assert len(names) == len(set(names))
    assert all(s.label and s.weight > 0 and s.scope in ("title", "opening", "headings", "lines") for s in SIGNALS)


@pytest.mark.parametrize(
    "cue,line,signal",
    [
        (
            "现就我镇2022年度法治政府建设情况汇报如下：",
            "现就我镇2022年度法治政府建设情况汇报如下：",
            "formula_names_rule_of_law",
        ),
        (
            "一、上一年度推进法治政府建设的主要措施及成效",
            "一、上一年度推进法治政府建设的主要措施及成效",
            "item_measures",
        ),
        ("五、其他需要报告的情况", "五、其他需要报告的情况", "item_other"),
    ],
)
def test_single_cue_is_reported_with_its_line(cue: str, line: str, signal: str) -> None:
    text = f"2022年，我镇扎实推进法治政府建设。\n{cue}\n全年开展普法活动12场。\n"
    decision = classify(parse_text(text).lines, None)
    hit = next(e for e in decision.evidence if e.signal == signal)
    assert (hit.line, hit.text) == (2, line.replace("：", ":"))


RULES = """青岚县重大行政决策程序实施办法（节选）
第一条　为规范重大行政决策程序，提高决策质量和效率，根据《重大行政决策程序暂行条例》，制定本办法。
第二条　本办法所称重大行政决策事项，包括制定有关公共服务、市场监管等方面的重大公共政策和措施。
第三条　作出重大行政决策应当遵循公众参与、专家论证、风险评估、合法性审查和集体讨论决定的法定程序。
第四条　重大行政决策应当纳入法治政府建设年度报告。
"""


def test_rules_cut_into_articles_are_a_normative_document_not_a_report() -> None:
    """An 实施办法 is full of rule-of-law words and even names the annual report, but it is written in articles."""
    for text in (RULES, "\n".join(RULES.splitlines()[1:])):  # with and without its title line
        meta = parse_text(text).meta
        assert meta.doc_type == "normative_document", text[:20]
        assert any(e.signal == "articles" for e in meta.doc_type_evidence)


def test_a_report_citing_an_article_stays_a_report() -> None:
    text = UNTITLED_REPORT.replace("现将", "按照《法治政府建设与责任落实督察工作规定》第二十五条的规定，现将", 1)
    assert parse_text(text).meta.doc_type == "rule_of_law_report"
