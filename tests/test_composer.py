from __future__ import annotations

import re
from pathlib import Path

import pytest

from assistant.drafting import (
    cn_number,
    compose_closing,
    compose_opening,
    compose_section,
    draft_report,
    draft_to_json,
    draft_to_markdown,
    plan_sections,
    select_sections,
    we,
)
from assistant.errors import FactsError
from assistant.facts import NamedFigure, figures_clause, format_value, load_facts, phrase_figure, point_sentence
from assistant.faithfulness import check_text, source_figures

EXAMPLES = Path(__file__).resolve().parent.parent / "corpus" / "examples"


def F(name, value, unit="件", part_of=None, approx=None):
    return NamedFigure(name=name, value=value, unit=unit, part_of=part_of, approx=approx)


def test_numbers_in_standard_phrasing():
    assert cn_number(1) == "一" and cn_number(10) == "十" and cn_number(12) == "十二" and cn_number(23) == "二十三"
    assert format_value(21) == "21" and format_value(93.2) == "93.2" and format_value(2416.5) == "2416.5"
    assert format_value(126000) == "12.6万" and format_value(12563) == "12563"
    assert phrase_figure(F("调解矛盾纠纷", 1200, approx="more")) == "调解矛盾纠纷1200余件"
    assert phrase_figure(F("涉案金额", 3, "亿元", approx="about")) == "涉案金额约3亿元"


def test_breakdown_rate_and_nested_parts():
    text = figures_clause(
        [
            F("收到行政复议申请", 86),
            F("受理", 74, part_of="收到行政复议申请"),
            F("不予受理", 12, part_of="收到行政复议申请"),
            F("审结", 69, part_of="受理"),
            F("审结率", 93.2, "%", part_of="审结"),
        ]
    )
    assert text == "收到行政复议申请86件，其中受理74件、不予受理12件；受理的74件中，审结69件（审结率93.2%）"
    assert figures_clause([F("审核文件", 23), F("提出意见", 57, "条")]) == "审核文件23件，提出意见57条"


def test_cyclic_part_of_still_states_every_figure():
    text = figures_clause([F("甲", 3, part_of="乙"), F("乙", 4, part_of="甲")])
    assert "甲3件" in text and "乙4件" in text


@pytest.mark.parametrize("name", ["county", "town", "department"])
def test_full_report_is_figure_faithful(name):
    facts = load_facts(EXAMPLES / f"{name}.yaml")
    draft = draft_report(facts, backend="composer")
    assert draft.backend == "composer" and draft.complete and draft.warnings == []
    body = "\n".join(s.text for s in draft.sections)
    result = check_text(draft_to_markdown(draft), source_figures(facts))
    assert result.counts["unsupported"] == 0 and result.counts["misattributed"] == 0, [
        (m.text, m.status) for m in result.mentions if m.status in ("unsupported", "misattributed")
    ]
    assert result.counts["supported"] >= 15
    for fig in facts.all_figures():  # every named figure is stated, in its standard phrasing
        assert phrase_figure(fig) in body, fig.name
    for s in draft.sections:
        assert s.figures["unsupported"] == 0 and s.flags == []


def test_county_report_structure_and_register():
    facts = load_facts(EXAMPLES / "county.yaml")
    sections = plan_sections(facts)
    tops = [s.heading for s in sections if s.level == 1]
    assert tops == [
        "一、2024年推进法治政府建设的主要举措和成效",
        "二、2024年推进法治政府建设存在的不足和原因",
        "三、2024年党政主要负责人履行推进法治建设第一责任人职责，加强法治政府建设的有关情况",
        "四、2025年推进法治政府建设的主要安排",
    ]
    areas = [s for s in sections if s.level == 2]
    assert areas[0].heading == "（一）加强党的领导，完善法治政府建设推进机制" and areas[0].id == "measures.leadership"
    assert [a.id for a in areas][-1] == "measures.digital"
    disputes = compose_section(facts, next(s for s in areas if s.id == "measures.disputes"))
    assert disputes.startswith("我县坚持把非诉讼纠纷解决机制挺在前面")  # 总 …
    assert "一是县政府统一行使行政复议职责" in disputes and "二是" in disputes and "三是" in disputes  # … 分
    assert "收到行政复议申请86件，其中受理74件、不予受理8件" in disputes
    shortcomings = compose_section(facts, next(s for s in sections if s.id == "shortcomings"))
    assert shortcomings.count("究其原因") == 3 and len(shortcomings.splitlines()) == 4
    opening = compose_opening(facts)
    assert opening.startswith("临江市人民政府：\n2024年，我县") and "报告如下" in opening
    assert compose_closing(facts).splitlines() == ["特此报告。", "云溪县人民政府", "2025年2月26日"]


def test_department_voice_and_other_item():
    facts = load_facts(EXAMPLES / "department.yaml")
    assert we(facts) == "我局"
    heads = [s.heading for s in plan_sections(facts) if s.level == 1]
    assert heads[2].startswith("三、2024年主要负责人履行") and heads[-1] == "五、其他需要报告的情况"
    draft = draft_report(facts, backend="composer")
    assert draft.sections[0].text.startswith("一年来，我局在市委、市政府的坚强领导")
    town = load_facts(EXAMPLES / "town.yaml")
    assert we(town) == "我镇"
    assert compose_opening(town).startswith("中共柳溪镇委员会、云溪县人民政府：")


def test_single_point_has_no_ordinal():
    facts = load_facts(EXAMPLES / "county.yaml")
    emergencies = next(s for s in plan_sections(facts) if s.id == "measures.emergencies")
    text = compose_section(facts, emergencies)
    assert "一是" not in text and "修订应急预案27件" in text


def test_select_sections():
    facts = load_facts(EXAMPLES / "county.yaml")
    sections = plan_sections(facts)
    assert [s.id for s in select_sections(sections, "measures")][:2] == ["measures", "measures.leadership"]
    assert [s.id for s in select_sections(sections, "disputes")] == ["measures.disputes"]
    assert [s.id for s in select_sections(sections, "leaders")] == ["leaders"]
    with pytest.raises(FactsError, match="可选"):
        select_sections(sections, "nonsense")


def test_json_shape():
    facts = load_facts(EXAMPLES / "town.yaml")
    data = draft_to_json(draft_report(facts, backend="composer", section="measures.disputes"))
    assert set(data) >= {"sections", "backend", "model", "warnings", "opening", "closing"}
    full = draft_to_json(draft_report(facts, backend="composer"))
    assert full["opening"].startswith("中共柳溪镇委员会、云溪县人民政府：") and full["closing"].endswith(
        "2025年1月20日"
    )
    sec = data["sections"][0]
    assert set(sec) >= {"id", "heading", "text", "citations", "figures"}
    assert set(sec["figures"]) == {"supported", "unsupported", "misattributed"}
    assert sec["figures"]["supported"] >= 4 and data["model"] is None
    assert re.search(r"化解336件（化解率98\.2%）", sec["text"])


def test_department_voice_follows_the_unit_name():
    facts = load_facts(EXAMPLES / "department.yaml")
    for unit, voice in (
        ("江州市卫生健康委员会", "我委"),
        ("江州市人民政府办公室", "我办"),
        ("江州市政务服务中心", "我中心"),
        ("江州市司法局", "我局"),
    ):
        assert we(facts.model_copy(update={"unit": unit})) == voice
    gov = facts.model_copy(update={"kind": "government"})
    for unit, voice in (
        ("黔东南苗族侗族自治州人民政府", "我州"),
        ("锡林郭勒盟行政公署", "我盟"),
        ("广西壮族自治区人民政府", "我区"),
    ):
        assert we(gov.model_copy(update={"unit": unit})) == voice


def test_rate_follows_what_it_measures_even_when_that_has_parts():
    text = figures_clause(
        [
            F("受理", 268),
            F("审结", 251, part_of="受理"),
            F("审结率", 93.7, "%", part_of="审结"),
            F("维持", 150, part_of="审结"),
            F("撤销", 12, part_of="审结"),
        ]
    )
    assert text == "受理268件，其中审结251件（审结率93.7%）；审结的251件中，维持150件、撤销12件"


def test_point_text_that_is_the_figure_name_is_said_once():
    from assistant.facts import Point

    assert point_sentence(Point(text="县长出庭应诉", figures=[F("县长出庭应诉", 3, "次")])) == "县长出庭应诉3次"


def test_no_lead_pre_echoes_its_points_and_no_repeated_year_openers():
    facts = load_facts(EXAMPLES / "county.yaml")
    md = draft_to_markdown(draft_report(facts, backend="composer"))
    assert md.count("深化“放管服”改革") == 1 and md.count("优化法治化营商环境") == 1
    assert md.count("履行推进法治建设第一责任人职责，") == 2  # the heading and the 一是 point; not the lead too
    assert md.count("2024年，我县") == 1 and "主要做了" not in md


def test_nearly_empty_facts_leave_no_dangling_lead(tmp_path):
    path = tmp_path / "empty.yaml"
    path.write_text(
        "unit: 北山县人民政府\nlevel: county\nyear: 2025\nrecipients: [江州市人民政府]\n"
        "date: 2026-03-01\nitems:\n  measures:\n    areas:\n      - area: functions\n"
        "        points: [深化放管服改革]\n  shortcomings:\n    problems: [{problem: 工作不平衡, cause: 力量不足}]\n"
        "  leaders: {}\n  next_year: {}\n",
        encoding="utf-8",
    )
    draft = draft_report(load_facts(path), backend="composer")
    plan = next(s for s in draft.sections if s.id == "next_year")
    assert plan.text and "以下" not in plan.text and plan.text.endswith("。")
    assert all(s.text.strip() for s in draft.sections)


def test_one_section_has_no_letter_frame():
    facts = load_facts(EXAMPLES / "county.yaml")
    md = draft_to_markdown(draft_report(facts, backend="composer", section="leaders"))
    assert "特此报告" not in md and "临江市人民政府：" not in md and md.count("## ") == 1


def test_pasted_ordinals_and_cause_lead_ins_are_not_doubled():
    from assistant.drafting import bare_cause
    from assistant.facts import clean

    assert clean("一是加强执法队伍建设。") == "加强执法队伍建设" and clean("（二）开展普法") == "开展普法"
    assert clean("1.2万名群众参与普法活动") == "1.2万名群众参与普法活动"  # a decimal is not an ordinal
    assert bare_cause("究其原因，主要是由于编制有限。") == "编制有限"
    facts = load_facts(EXAMPLES / "town.yaml")
    problems = facts.items.shortcomings.problems
    problems[0] = problems[0].model_copy(
        update={"problem": "一是" + problems[0].problem, "cause": "主要是" + problems[0].cause}
    )
    text = compose_section(facts, next(s for s in plan_sections(facts) if s.id == "shortcomings"))
    assert "一是一是" not in text and "主要是主要是" not in text and text.count("究其原因，主要是") == len(problems)


def test_own_preamble_that_already_announces_the_report_is_not_doubled():
    facts = load_facts(EXAMPLES / "town.yaml")
    own = facts.model_copy(update={"preamble": "2024年，我镇扎实推进法治政府建设。现将有关情况报告如下："})
    opening = compose_opening(own)
    assert opening.count("报告如下") == 1 and opening.endswith("现将有关情况报告如下。")
    plain = facts.model_copy(update={"preamble": "2024年，我镇扎实推进法治政府建设"})
    assert compose_opening(plain).endswith("现将我镇2024年度法治政府建设情况报告如下。")


def test_recipients_typed_with_their_own_colon():
    facts = load_facts(EXAMPLES / "town.yaml")
    typed = facts.model_copy(update={"recipients": ["中共柳溪镇委员会，", "云溪县人民政府："]})
    assert compose_opening(typed).splitlines()[0] == "中共柳溪镇委员会、云溪县人民政府："
