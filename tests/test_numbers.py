"""assistant.figures.numbers: the one number parser, on the forms Chinese reports actually use."""

from __future__ import annotations

import pytest

from assistant.figures import find_numbers, parse_number


@pytest.mark.parametrize(
    ("written", "value", "precision", "unit", "approx"),
    [
        ("21", 21, 0.5, "", None),
        ("２１", 21, 0.5, "", None),  # full-width digits
        ("1,085", 1085, 0.5, "", None),  # thousands separator
        ("106,422", 106422, 0.5, "", None),
        ("126.4", 126.4, 0.05, "", None),
        ("一百二十三", 123, 0.5, "", None),
        ("两千", 2000, 500, "", None),
        ("二十", 20, 5, "", None),
        ("十五", 15, 0.5, "", None),
        ("一千零五", 1005, 0.5, "", None),
        ("一千二", 1200, 50, "", None),  # spoken shorthand for 一千二百
        ("两万三千", 23000, 500, "", None),
        ("一亿二千万", 120_000_000, 5_000_000, "", None),
        ("十余", 10, 5, "", "more"),
        ("三十多", 30, 5, "", "more"),
        ("1.2万", 12000, 500, "", None),
        ("3千多万", 30_000_000, 5_000_000, "", "more"),
        ("30.67亿", 3_067_000_000, 500_000, "", None),
        ("100多万", 1_000_000, 5000, "", "more"),
        ("99%", 99, 0.5, "%", None),
        ("99.2％", 99.2, 0.05, "%", None),
        ("60.16%", 60.16, 0.005, "%", None),
        ("百分之九十", 90, 5, "%", None),
        ("百分之九十九点五", 99.5, 0.05, "%", None),
        ("3‰", 3, 0.5, "‰", None),
        ("千分之五", 5, 0.5, "‰", None),
        ("1.5个百分点", 1.5, 0.05, "个百分点", None),
    ],
)
def test_parse_number_values_and_written_precision(written, value, precision, unit, approx):
    n = parse_number(written)
    assert n is not None, written
    assert n.value == pytest.approx(value)
    assert n.precision == pytest.approx(precision)
    assert n.unit == unit
    assert n.approx == approx


def test_fractions_become_ratios():
    third = parse_number("三分之一")
    assert third is not None and third.unit == "fraction"
    assert third.value == pytest.approx(1 / 3)
    fifth = parse_number("1/5")
    assert fifth is not None and fifth.value == pytest.approx(0.2)


@pytest.mark.parametrize("text", ["", "万", "十三五", "二〇一六", "三二", "abc", "4+2", "1/0"])
def test_non_numbers_are_rejected(text):
    assert parse_number(text) is None


def test_exact_counts_versus_rounded_figures():
    assert parse_number("17").exact
    assert not parse_number("1.2万").exact
    assert not parse_number("95%").exact
    assert not parse_number("十余").exact


def test_find_numbers_gives_offsets_into_the_text():
    text = "共收到行政复议申请21件，化解率为95%，贷款30.67亿元，持证率仅三分之一"
    tokens = find_numbers(text)
    assert [t.text for t in tokens] == ["21", "95%", "30.67亿", "三分之一"]
    for t in tokens:
        assert text[t.start : t.end] == t.text


@pytest.mark.parametrize(
    ("text", "number", "reason"),
    [
        ("2019年，全区", "2019", "year"),
        ("于8月20日召开", "20", "date"),
        ("1-11月，共排查", "11", "date"),
        ("1.统筹规划，分解任务", "1", "numbering"),
        ("一是完善机制", "一", "numbering"),
        ("茂南府〔2016〕4号文件", "4", "document_number"),
        ("依据第25条规定", "25", "ordinal"),
        ("学习党的十九大精神", "十九", "ordinal"),
        ("十八届四中全会", "四", "ordinal"),
        ("推进“七五”普法", "七五", None),  # 七五 is no number at all (digit string)
        ("开展“12.4”宪法日活动", "12.4", "name"),
        ("依托12345热线", "12345", "phone"),
        ("咨询电话2281234。", "2281234", "phone"),
        ("落实三项制度", "三", "name"),
        ("建设5G基站", "5", "code"),
        ("共受理投诉69件", "69", None),
    ],
)
def test_not_a_quantity_says_why(text, number, reason):
    from assistant.figures import not_a_quantity

    toks = [t for t in find_numbers(text) if t.text == number]
    if number == "七五":
        assert toks == []
        return
    assert toks, text
    assert not_a_quantity(text, toks[0]) == reason


def test_full_width_thousands_comma_after_full_width_digits():
    # "１，３２６宗" normalises to "1，326宗": the comma groups thousands; "1，2件" stays a list
    assert [(t.text, t.number.value) for t in find_numbers("调解成功1，290宗，成功率97.3%")] == [
        ("1，290", 1290),
        ("97.3%", 97.3),
    ]
    assert [t.number.value for t in find_numbers("分别为12，34件")] == [12, 34]
    assert [t.number.value for t in find_numbers("受理21件，326件在办")] == [21, 326]


@pytest.mark.parametrize(
    ("written", "value", "precision", "approx"),
    [
        ("万余", 10_000, 5_000, "more"),
        ("数十", 10, 5, "several"),
        ("几百", 100, 50, "several"),
        ("数十万", 100_000, 50_000, "several"),
        ("数亿", 100_000_000, 50_000_000, "several"),
    ],
)
def test_vague_round_numbers_are_approximate(written, value, precision, approx):
    n = parse_number(written)
    assert (n.value, n.precision, n.approx, n.exact) == (value, precision, approx, False)
    assert parse_number("万") is None


@pytest.mark.parametrize(
    ("written", "value", "approx"),
    [
        ("近千", 1000, "less"),
        ("将近千", 1000, "less"),
        ("接近万", 10_000, "less"),
        ("近百", 100, "less"),
        ("上百", 100, "more"),
        ("上千", 1000, "more"),
        ("上亿", 100_000_000, "more"),
        ("逾万", 10_000, "more"),
        ("超过千", 1000, "more"),
        ("超百", 100, "more"),
        ("上千万", 10_000_000, "more"),
        ("数千", 1000, "several"),
    ],
)
def test_bare_magnitude_with_an_approximation_word(written, value, approx):
    n = parse_number(written)
    assert (n.value, n.approx, n.exact) == (value, approx, False)


def test_approximation_word_belongs_to_the_token_only_before_a_bare_magnitude():
    tokens = lambda text: [(t.text, t.number.value, t.number.approx) for t in find_numbers(text)]
    assert tokens("全年办理信访事项近千件，受理案件逾万件") == [("近千", 1000, "less"), ("逾万", 10_000, "more")]
    assert tokens("惠及近两万人，超过20家") == [("两万", 20_000, None), ("20", 20, None)]  # 近/超过 read by figures
    assert tokens("60岁以上百岁老人，线上百姓诉求，最近千头万绪，大会上千人") == [
        ("60", 60, None),
        ("百", 100, None),
        ("百", 100, None),
        ("千", 1000, None),
        ("千", 1000, None),
    ]
    assert tokens("推进数字政府建设，几何级增长") == []


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("千万不要松懈", "千万"),
        ("千方百计解决", "千"),
        ("千方百计解决", "百"),
        ("服务百姓", "百"),
        ("线上百姓诉求", "百"),
        ("最近千头万绪", "千"),
    ],
)
def test_magnitude_words_are_not_quantities(text, number):
    from assistant.figures import not_a_quantity

    tok = next(t for t in find_numbers(text) if t.text == number)
    assert not_a_quantity(text, tok) == "name"
