"""figures.structure: relations read from the words that mark them, on report sentences of the kinds the
dev set holds (行政复议 statistics, work-report figures), each with a planted error and a trap."""

from __future__ import annotations

import pytest

from assistant.documents import parse_text
from assistant.figures import check_relations, extract_figures
from assistant.figures.structure import read_structure

HEAD = "某区人民政府关于2023年度法治政府建设情况的报告\n一、主要举措和成效\n（一）依法化解行政争议\n"


def _issues(text: str) -> list[tuple[str, float, float]]:
    return [(i.kind, i.stated, i.expected) for i in check_relations(parse_text(HEAD + text)).issues]


def _held(text: str) -> list[tuple[str, float]]:
    return [(c.kind, c.stated) for c in check_relations(parse_text(HEAD + text)).checked if c.holds]


@pytest.mark.parametrize(
    ("right", "wrong", "issue"),
    [
        # a complement: 不受理 + 受理 = 共收到
        (
            "共收到行政复议申请103宗，不受理12宗，受理91宗。",
            "共收到行政复议申请103宗，不受理12宗，受理94宗。",
            ("breakdown_exceeds_total", 103, 106),
        ),
        (
            "共收到行政复议申请103宗，不受理12宗，受理91宗。",
            "共收到行政复议申请103宗，不受理12宗，受理19宗。",
            ("breakdown_incomplete", 103, 31),
        ),
        # a bracket spelling out the figure before it
        (
            "不受理12宗（其中转送10宗，不予受理1宗，告知处理1宗）。",
            "不受理12宗（其中转送100宗，不予受理1宗，告知处理1宗）。",
            ("breakdown_exceeds_total", 12, 102),
        ),
        (
            "不受理12宗（转送10宗，不予受理1宗，告知处理1宗）。",
            "不受理12宗（转送10宗，不予受理1宗，告知处理4宗）。",
            ("breakdown_exceeds_total", 12, 15),
        ),
        # shares of one total
        (
            "收到申请6200件，其中网上申请4955件，占79.9%；现场申请1245件，占20.1%。",
            "收到申请6200件，其中网上申请4955件，占79.9%；现场申请1245件，占23.1%。",
            ("rate_mismatch", 23.1, 20.08),
        ),
        # a rate over the count in the sentence before, with an unusual name
        (
            "全年受理政务服务事项1494项。其中按期办结1374项，按期办结率92%。",
            "全年受理政务服务事项1494项。其中按期办结1374项，按期办结率95%。",
            ("rate_mismatch", 95, 91.97),
        ),
        (
            "收到意见建议260条，采纳218条，采纳率83.8%。",
            "收到意见建议260条，采纳218条，采纳率86.8%。",
            ("rate_mismatch", 86.8, 83.85),
        ),
        # a change with both values, and one with both years' values
        (
            "受理行政复议案件从2022年的36件增至2023年的45件，增长25%。",
            "受理行政复议案件从2022年的36件增至2023年的45件，增长35%。",
            ("difference_mismatch", 35, 25),
        ),
        (
            "2023年受理行政复议案件45件，2022年为36件，比上年增加9件。",
            "2023年受理行政复议案件45件，2022年为36件，比上年增加19件。",
            ("year_on_year_mismatch", 19, 9),
        ),
        (
            "全年行政诉讼败诉率为3.2%，上年为5.5%，同比下降2.3个百分点。",
            "全年行政诉讼败诉率为3.2%，上年为5.5%，同比下降3.3个百分点。",
            ("year_on_year_mismatch", 3.3, 2.3),
        ),
        # several levels at once: the total, its stages, the decisions under the closed cases
        (
            "共收到申请52件，受理46件，不予受理6件；审结40件，在办6件；审结案件中维持原行政行为30件，撤销10件。",
            "共收到申请52件，受理46件，不予受理6件；审结40件，在办9件；审结案件中维持原行政行为30件，撤销10件。",
            ("breakdown_exceeds_total", 46, 49),
        ),
        # money in 万 and 亿 in one sum
        (
            "全年罚没款1.2亿元，其中市场监管部门8000万元，生态环境部门4000万元。",
            "全年罚没款1.2亿元，其中市场监管部门8000万元，生态环境部门7000万元。",
            ("breakdown_exceeds_total", 120_000_000, 150_000_000),
        ),
        # running totals
        (
            "新增国家级高新技术企业84家，总数达到1080家。",
            "新增国家级高新技术企业840家，总数达到108家。",
            ("breakdown_exceeds_total", 108, 840),
        ),
        # a comparison between the additions and the running total is passed over
        (
            "新增市级创新平台126家，是上年新增数的2倍，累计达412家。",
            "新增市级创新平台1260家，是上年新增数的2倍，累计达412家。",
            ("breakdown_exceeds_total", 412, 1260),
        ),
        # 累计 right after a count: the year's count is within it, whatever verb the clause before had
        (
            "新增国家级专精特新企业6家；市级专精特新企业38家，累计达95家。",
            "新增国家级专精特新企业6家；市级专精特新企业380家，累计达95家。",
            ("breakdown_exceeds_total", 95, 380),
        ),
        # the thing itself grown to its new total; 组建 and 投入 are additions too
        (
            "新增公办幼儿园12所，公办幼儿园增加至86所。",
            "新增公办幼儿园12所，公办幼儿园增加至8所。",
            ("breakdown_exceeds_total", 8, 12),
        ),
        (
            "组建紧密型医联体4个，总量增至9个。",
            "组建紧密型医联体40个，总量增至9个。",
            ("breakdown_exceeds_total", 9, 40),
        ),
        (
            "2023年投入法治宣传经费210万元，累计1350万元。",
            "2023年投入法治宣传经费2100万元，累计1350万元。",
            ("breakdown_exceeds_total", 13_500_000, 21_000_000),
        ),
        # 其中 past a measure of another kind, to the count the parts name
        (
            "31件行政规范性文件纳入清理范围，涉及条款约260条，其中修改、废止等9件文件已完成。",
            "31件行政规范性文件纳入清理范围，涉及条款约260条，其中修改、废止等90件文件已完成。",
            ("breakdown_exceeds_total", 31, 90),
        ),
    ],
)
def test_relation_holds_as_written_and_the_planted_error_is_found(right, wrong, issue):
    assert _issues(right) == []
    assert _held(right)
    assert _issues(wrong) == [issue]


@pytest.mark.parametrize(
    "sentence",
    [
        "共收到行政复议申请236件，依法受理212件，审结205件。",  # a funnel: closing counts last year's cases
        "共组织执法检查120次，出动执法人员600人次，其中联合执法80次，专项执法60次。",  # 其中 after another indicator
        "新推出制度创新成果111项，其中42项全国领先，36项全省复制推广。",  # traits that may overlap
        "续建保障房7484套，累计建成5485套。",  # 累计 counts another thing
        # the additions include kindergartens that are not 普惠性: only the 普惠性 ones are within the total
        "新开办幼儿园30所，新创建普惠性幼儿园16所，普惠性幼儿园增加至40所。",
        "养老床位从3000张增加到5000张，新增2000张。",  # the value it grew from is not an addition
        # past a measure of another kind, a 其中 whose parts name something else refers to nothing stated
        "培训执法人员500人次，覆盖执法单位60个，其中持证上岗率提升的单位有800人次。",
        "工业增加值958亿元，增长14.5%，高新技术产品产值占工业总产值的比重47%。",  # the 占 clause has its own subject
        "注册企业3553家、其中金融类企业占60%。",  # the part is not counted
        "全区共有专利2.3万件，占全市的29.3%。",  # the city's total is not stated here
        "将207项行政审批减至96项，时限压缩40%。",  # another subject's change
        "出口总额391亿美元，增长4.5%，比GDP增速高出1个百分点。",
        "行政诉讼案件8宗，行政机关负责人出庭应诉2宗，出庭应诉率100%。",  # 负责人 is another indicator
        "全市310条河流中仍有80条为黑臭水体。",
        # a stage verb over another object: the letters and visits are not among the disputes
        "全年排查矛盾纠纷263件，调解成功257件，调解成功率97.7%；受理群众来信来访41件，按期办结率100%。",
        # the rate is over the set the numerator names (major decisions), not over all penalty cases
        "全年办理行政处罚案件1846件，罚没款1372.6万元，其中重大执法决定法制审核137件，审核率100%。",
    ],
)
def test_traps_are_left_alone(sentence):
    assert _issues(sentence) == []


def test_qizhong_with_coordinated_totals_pairs_them_in_order():
    ok = "将175项重要举措和38项年度重点任务分解到各部门，其中109项举措和26项任务已完成。"
    assert _issues(ok) == [] and sorted(_held(ok)) == [("breakdown", 38), ("breakdown", 175)]
    assert _issues(ok.replace("26项任务", "62项任务")) == [("breakdown_exceeds_total", 38, 62)]


def test_a_share_of_a_total_stated_in_another_paragraph_is_a_warning():
    text = "全区地区生产总值910.6亿元，增长7%。\n金融业增加值390.3亿元，增长6.9%，占地区生产总值比重达45.9%。"
    result = check_relations(parse_text(HEAD + text))
    assert [(i.kind, i.severity) for i in result.issues] == [("rate_mismatch", "warning")]
    assert "请核对年份和口径" in result.issues[0].message
    assert check_relations(parse_text(HEAD + text.replace("45.9%", "42.9%"))).issues == []


def test_a_target_is_compared_with_last_years_figure_stated_earlier():
    text = (
        "（一）2023年工作回顾\n社会消费品零售总额629.1亿元，增长16%。\n（二）2024年工作安排\n"
        "2024年主要预期目标是：\n——社会消费品零售总额692亿元，增长10%；\n——地区生产总值增长6%。"
    )
    assert check_relations(parse_text(HEAD + text)).issues == []
    bad = check_relations(parse_text(HEAD + text.replace("692亿元", "712亿元"))).issues
    assert [(i.kind, i.severity) for i in bad] == [("year_on_year_mismatch", "warning")]


def test_parts_are_linked_to_their_total_for_every_reader():
    doc = parse_text(HEAD + "共收到行政复议申请30件，已审结25件，其中维持20件，撤销3件，在办5件。")
    figures = extract_figures(doc)
    by_text = {f.text: f for f in figures}
    assert figures[by_text["20件"].part_of].text == "25件"
    assert figures[by_text["5件"].part_of].text == "30件"
    assert by_text["20件"].parent == "审结"


def test_checked_relations_carry_their_figures():
    result = check_relations(parse_text(HEAD + "收到意见建议260条，采纳218条，采纳率83.8%。"))
    (rate,) = result.checked
    assert {(f["role"], f["text"]) for f in rate.figures} == {
        ("numerator", "218条"),
        ("denominator", "260条"),
        ("rate", "83.8%"),
    }


def test_run_on_text_is_read_in_bounded_windows():
    clause = "共收到行政复议申请21件，受理20件，不予受理1件，"
    doc = parse_text(clause * 2000)
    structure = read_structure(doc, extract_figures(doc))
    assert len(structure.breakdowns) >= 1900  # every clause group read, none across the whole line
    assert all(len(b.parts) <= 3 for b in structure.breakdowns)
