"""assistant.figures: every figure with value, unit, label, parent, qualifier and place."""

from __future__ import annotations

import pytest

from assistant.cli.figures import figures_to_json
from assistant.documents import load_document, parse_text
from assistant.figures import extract_figures, extract_figures_text

from .conftest import FIXTURES


def _by_text(figures):
    return {f.text: f for f in figures}


def test_breakdown_labels_and_parent_from_the_governing_noun():
    figs = extract_figures_text("2016年，共收到行政复议申请21件，不予受理6件，在办4件，办结11件。")
    assert [(f.label, f.value, f.unit) for f in figs] == [
        ("收到行政复议申请", 21, "件"),
        ("不予受理", 6, "件"),
        ("在办", 4, "件"),
        ("办结", 11, "件"),
    ]
    assert {f.parent for f in figs} == {"行政复议申请"}


def test_qizhong_parts_link_to_the_figure_before_qizhong():
    figs = extract_figures_text("依时办结的11件案件中，其中维持的7件，撤销1件，撤回1件，驳回申请2件。")
    labels = [f.label for f in figs]
    assert labels == ["依时办结案件", "维持", "撤销", "撤回", "驳回申请"]
    assert all(f.part_of == 0 and f.link == "其中" for f in figs[1:])
    assert figs[1].parent == "案件"


def test_units_kinds_and_scaling():
    text = (
        "区党政领导接待来访群众148批324人次。办理时限压缩至6个工作日，罚没款金额126.4万元，"
        "发放贷款30.67亿元，调解成功率99.2%，报备率较上年下降1.5个百分点，持证率仅三分之一，"
        "聘请4名律师，出具法律意见250多份。"
    )
    f = _by_text(extract_figures_text(text))
    assert (f["148批"].unit, f["324人次"].unit) == ("批", "人次")
    assert f["148批"].label == f["324人次"].label == "区党政领导接待来访群众"
    assert (f["6个工作日"].kind, f["6个工作日"].value) == ("duration", 6)
    assert (f["126.4万元"].kind, f["126.4万元"].unit, f["126.4万元"].value) == ("money", "元", 1_264_000)
    assert f["126.4万元"].precision == pytest.approx(500)
    assert f["30.67亿元"].value == pytest.approx(3_067_000_000)
    assert (f["99.2%"].kind, f["99.2%"].label) == ("percent", "调解成功率")
    assert (f["1.5个百分点"].kind, f["1.5个百分点"].value) == ("points", 1.5)
    assert f["三分之一"].kind == "ratio"
    assert f["4名"].label == "聘请律师"
    assert (f["250多份"].value, f["250多份"].approx) == (250, "more")


@pytest.mark.parametrize(
    ("sentence", "text", "approx"),
    [
        ("组织公务员1900多人参加培训。", "1900多人", "more"),
        ("培训执法人员一千二百余人。", "一千二百余人", "more"),
        ("全年受理案件十余件。", "十余件", "more"),
        ("筹措资金约5亿元。", "5亿元", "about"),
        ("清理文件近300件。", "300件", "less"),
        ("参训人员500人以上。", "500人以上", "more"),
        ("处理时间不到3天。", "3天", "less"),
        ("办理时间20天左右。", "20天左右", "about"),
        ("审批时间压缩到45个工作日以内。", "45个工作日以内", "less"),
        ("为企业减负3千多万元。", "3千多万元", "more"),
    ],
)
def test_qualifiers_make_figures_approximate(sentence, text, approx):
    figs = extract_figures_text(sentence)
    assert [f.text for f in figs] == [text]
    assert figs[0].approx == approx
    assert not figs[0].exact


def test_years_dates_numbering_document_and_article_numbers_are_not_figures():
    text = (
        "1.统筹规划。一是2016年3月，根据《茂名市茂南区人民政府关于公布权责清单的决定》(茂南府〔2016〕4号)"
        "第25条和第十二条的规定，8月20日召开第一次会议，12月4日开展“12.4”宪法日和“七五”普法宣传，"
        "深入学习党的十九大和十八届四中、五中全会精神，落实“三项制度”，开通12345热线，"
        "投诉电话0668-2281234，1-11月共受理投诉69件。(1)完成第20、21批银企合作计划。"
    )
    figs = extract_figures_text(text)
    assert [(f.text, f.value) for f in figs] == [("69件", 69)]


def test_traditional_input_is_read_normalised_and_reported_on_original_lines():
    doc = load_document(FIXTURES / "figures_traditional.txt")
    figs = extract_figures(doc)
    f = _by_text(figs)
    assert f["1076宗"].line == 7 and f["1076宗"].label == "调解成功"
    assert "調解成功1076宗" in doc.original_line(f["1076宗"].line)
    assert f["25人次"].line == 11 and f["25人次"].label == "问责"
    assert {g.parent for g in figs if g.unit == "人"} == {"问责"}


def test_offsets_sentences_and_sections_point_into_the_document():
    doc = load_document(FIXTURES / "figures_report.txt")
    figs = extract_figures(doc)
    assert len(figs) >= 40
    for f in figs:
        assert doc.text[f.start : f.end] == f.text
        assert f.text in f.sentence
        assert doc.line_at(f.start) == f.line
    f = _by_text(figs)
    assert f["36件"].section[:2] == ["一、主要举措和成效", "（一）化解行政争议"]
    assert f["36件"].line == 9


def test_seed_000_figures(seeds):
    figs = extract_figures(load_document(seeds["000"]))
    on = lambda line: [(g.label, g.value) for g in figs if g.line == line]
    assert on(77)[:4] == [("收到行政复议申请", 21), ("不予受理", 6), ("在办", 4), ("依时办结案件", 11)]
    assert ("区党政领导接待来访群众", 148) in on(81) and ("区党政领导接待来访群众", 324) in on(81)
    assert on(79) == [("以区政府为被告的行政诉讼案件", 8), ("行政机关负责人出庭应诉", 2), ("区政府的出庭应诉率", 100)]
    # nothing from the web chrome, dates or the 〔2016〕4号 line
    assert not [g for g in figs if g.line in (1, 5)]
    assert [g.value for g in figs if g.line == 45] == [9, 152]


def test_figures_to_json_shape():
    doc = parse_text("共收到行政复议申请21件，不予受理6件。")
    figs = extract_figures(doc)
    out = figures_to_json(doc, figs, [], [])
    assert out["file"] == "<text>"
    assert out["figures"][0] == {
        "value": 21.0,
        "unit": "件",
        "label": "收到行政复议申请",
        "parent": "行政复议申请",
        "approx": None,
        "kind": "count",
        "line": 1,
        "text": "21件",
        "section": [],
    }
    assert out["issues"] == [] and out["checked"] == []


def test_empty_text_has_no_figures():
    assert extract_figures_text("  \n ") == []


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("扩大关键零部件进口。", []),
        ("千人总体学位数达30个。", [30]),
        ("加快轨道交通三期四期建设，推进区二院二期改造工程。", []),
        ("举办三期行政执法人员培训班。", [3]),
        ("推动“十三五”规划和“放管服”改革，开展“双随机、一公开”抽查120次。", [120]),
        ("推进5G基站建设和PM2.5治理，新建基站9700个。", [9700]),
    ],
)
def test_numbers_inside_names_and_words_are_not_figures(sentence, expected):
    assert [f.value for f in extract_figures_text(sentence)] == expected


def test_zero_written_as_a_word_is_a_figure():
    figs = extract_figures_text(
        "2022年行政诉讼实现零败诉，规范性文件备案审查零差错，扩大关键零部件进口，零售额增长5%。"
    )
    assert [(f.text, f.value, f.label, f.kind) for f in figs] == [
        ("零败诉", 0, "行政诉讼败诉", "count"),
        ("零差错", 0, "规范性文件备案审查差错", "count"),
        ("5%", 5, "零售额增长", "percent"),
    ]


def test_timely_filing_rate_keeps_its_name():
    figs = extract_figures_text("全年制定规范性文件12件，全部报送备案，报备率100%，及时报备率100%。")
    assert [f.label for f in figs] == ["制定规范性文件", "报备率", "及时报备率"]


def test_project_phases_are_not_counts_but_issues_of_a_series_are():
    figs = extract_figures_text(
        "编发法治简报12期，举办企业主题沙龙15期，推进地铁2号线三期、华强二期建设，东江水源二期工程完工。"
    )
    assert [(f.text, f.value) for f in figs] == [("12期", 12), ("15期", 15)]


def test_round_approximate_figures_without_a_digit():
    figs = extract_figures_text("开展普法活动百余场，培训执法人员千余人次，惠及群众万余人，受理咨询数十次，服务百姓。")
    assert [(f.text, f.value, f.approx) for f in figs] == [
        ("百余场", 100, "more"),
        ("千余人次", 1000, "more"),
        ("万余人", 10_000, "more"),
        ("数十次", 10, "several"),
    ]
