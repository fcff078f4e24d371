"""Approximate magnitudes (近千件, 上百人次, 逾万件, 数千份): one figure each, never an exact count,
never a false alarm in the figure checks, and no figures from words that only contain 千/百/万."""

from __future__ import annotations

import pytest

from assistant.documents import parse_text
from assistant.figures import check_relations, extract_figures_text


def test_bare_magnitudes_with_an_approximation_word_are_figures():
    figs = extract_figures_text(
        "全年办理信访事项近千件，上百人次参加培训，走访数十家企业，受理案件逾万件，发放资料两千余份。"
    )
    assert [(f.text, f.value, f.unit, f.approx, f.exact) for f in figs] == [
        ("近千件", 1000, "件", "less", False),
        ("上百人次", 100, "人次", "more", False),
        ("数十家", 10, "家", "several", False),
        ("逾万件", 10_000, "件", "more", False),
        ("两千余份", 2000, "份", "more", False),
    ]
    assert [f.label for f in figs if f.text in ("近千件", "逾万件")] == ["办理信访事项", "受理案件"]


@pytest.mark.parametrize(
    ("sentence", "text", "value", "unit", "approx", "label"),
    [
        ("全镇开展法治宣传活动数百场。", "数百场", 100, "场", "several", "全镇开展法治宣传活动"),
        ("组织上千人次旁听庭审。", "上千人次", 1000, "人次", "more", "组织旁听庭审"),
        ("发放普法宣传资料数千份。", "数千份", 1000, "份", "several", "发放普法宣传资料"),
        ("走访辖区几十家企业。", "几十家", 10, "家", "several", "走访辖区企业"),
        ("法律援助惠及群众近万人。", "近万人", 10_000, "人", "less", "法律援助惠及群众"),
        ("普法直播观看近两万人。", "两万人", 20_000, "人", "less", "普法直播观看"),
        ("为企业减负上亿元。", "上亿元", 100_000_000, "元", "more", "为企业减负"),
        ("组建近百名律师参与的法律顾问团。", "近百名", 100, "名", "less", "组建律师"),
        ("年内化解矛盾纠纷超过千宗。", "超过千宗", 1000, "宗", "more", "化解矛盾纠纷"),
        ("投入法治建设资金上千万元。", "上千万元", 10_000_000, "元", "more", "投入法治建设资金"),
    ],
)
def test_each_approximate_form_is_one_figure(sentence, text, value, unit, approx, label):
    figs = extract_figures_text(sentence)
    assert [(f.text, f.value, f.unit, f.approx, f.exact, f.label) for f in figs] == [
        (text, value, unit, approx, False, label)
    ]


def test_words_containing_magnitudes_are_not_figures():
    text = (
        "千万不要把百姓的小事当小事，千方百计解决群众急难愁盼，万众一心推进数字政府建设，"
        "几何级增长的线上百姓诉求最近千头万绪，百分之九十五的事项网上可办，60岁以上百岁老人得到关爱。"
    )
    assert [(f.text, f.value) for f in extract_figures_text(text)] == [("百分之九十五", 95), ("60岁以上", 60)]


def test_an_approximate_total_never_raises_parts_exceed_total():
    # the same breakdown with an exact total is an error; 近千/上千 only says "about a thousand"
    exact = check_relations(parse_text("全年共受理行政复议申请1000件，不予受理986件，在办120件。"))
    assert [i.kind for i in exact.issues] == ["breakdown_exceeds_total"]
    for total in ("近千件", "上千件", "逾千件", "数百件"):
        result = check_relations(parse_text(f"全年共受理行政复议申请{total}，不予受理986件，在办120件。"))
        assert result.issues == [] and not [c for c in result.checked if c.kind == "breakdown"], total
    result = check_relations(parse_text("全年共收到行政复议申请近千件，其中不予受理986件，在办120件，纠错率12%。"))
    assert result.issues == []
