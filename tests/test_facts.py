from __future__ import annotations

from pathlib import Path

import pytest

from assistant.errors import FactsError, FileMissingError
from assistant.facts import check_facts, load_facts, parse_facts

EXAMPLES = Path(__file__).resolve().parent.parent / "corpus" / "examples"

MINIMAL = """\
unit: 清河县人民政府
level: county
year: 2024
recipients: 某市人民政府
date: 2025-02-20
items:
  measures:
    areas:
      - area: disputes
        points:
          - text: 发挥行政复议化解行政争议主渠道作用
            figures:
              - {name: 收到行政复议申请, value: 21, unit: 件}
              - {name: 受理, value: 15, unit: 件, part_of: 收到行政复议申请}
              - {name: 不予受理, value: 6, unit: 件, part_of: 收到行政复议申请}
  shortcomings:
    problems:
      - problem: 基层执法力量不足
        cause: 编制有限
  leaders:
    points: [县长带头出庭应诉]
  next_year:
    points: [深化行政执法规范化建设]
"""


@pytest.mark.parametrize("name", ["county", "town", "department"])
def test_examples_load_and_are_rich(name):
    facts = load_facts(EXAMPLES / f"{name}.yaml")
    assert facts.year == 2024
    assert len(facts.items.measures.areas) >= 6
    assert len(facts.all_figures()) >= 15
    assert all(p.cause for p in facts.items.shortcomings.problems)


@pytest.mark.parametrize("name", ["county", "town", "department"])
def test_examples_pass_their_own_figure_checks(name):
    assert check_facts(load_facts(EXAMPLES / f"{name}.yaml")) == []


def test_department_and_single_recipient():
    dep = load_facts(EXAMPLES / "department.yaml")
    assert dep.kind == "department" and len(dep.recipients) == 3
    facts = parse_facts(MINIMAL)
    assert facts.recipients == ["某市人民政府"]
    assert facts.report_title == "清河县人民政府关于2024年度法治政府建设情况的报告"


def test_wrong_value_names_field_and_line():
    text = MINIMAL.replace("value: 15,", "value: 十五件,")
    with pytest.raises(FactsError) as err:
        parse_facts(text, "清河.yaml")
    msg = str(err.value)
    assert "清河.yaml" in msg and "第14行" in msg
    assert "value（数值）" in msg and "阿拉伯数字" in msg


def test_missing_field_and_unknown_field():
    with pytest.raises(FactsError) as err:
        parse_facts(MINIMAL.replace("year: 2024\n", ""))
    assert "year（年度）" in str(err.value) and "缺少必填项" in str(err.value)
    with pytest.raises(FactsError) as err:
        parse_facts(MINIMAL.replace("level: county", "level: county\nyaer: 2024"))
    assert "第3行" in str(err.value) and "不认识的字段" in str(err.value)


def test_bad_level_lists_choices_and_bad_date():
    with pytest.raises(FactsError) as err:
        parse_facts(MINIMAL.replace("level: county", "level: 村级"))
    assert "第2行" in str(err.value) and "county（县级）" in str(err.value) and " or " not in str(err.value)
    with pytest.raises(FactsError) as err:
        parse_facts(MINIMAL.replace("date: 2025-02-20", "date: 2023-02-20"))
    assert "早于报告年度" in str(err.value)


def test_yaml_syntax_error_has_line(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text(MINIMAL.replace("  leaders:\n", "  leaders: [\n"), encoding="utf-8")
    with pytest.raises(FactsError) as err:
        load_facts(bad)
    assert "YAML 格式错误" in str(err.value) and "行" in str(err.value)


def test_missing_and_non_utf8_files(tmp_path):
    with pytest.raises(FileMissingError):
        load_facts(tmp_path / "none.yaml")
    gbk = tmp_path / "gbk.yaml"
    gbk.write_bytes(MINIMAL.encode("gb18030"))  # 记事本 "ANSI" on a Chinese Windows
    assert load_facts(gbk).unit == "清河县人民政府"
    utf16 = tmp_path / "utf16.yaml"
    utf16.write_bytes(MINIMAL.encode("utf-16"))
    assert load_facts(utf16).unit == "清河县人民政府"
    binary = tmp_path / "report.yaml"
    binary.write_bytes(b"PK\x03\x04\x00\x00\xff\xfe\x80")
    with pytest.raises(FactsError, match="UTF-8"):
        load_facts(binary)


def test_parts_exceeding_total_are_warned():
    text = MINIMAL.replace("value: 6, unit: 件", "value: 9, unit: 件")
    warnings = check_facts(parse_facts(text))
    assert any("合计 24件" in w and "收到行政复议申请" in w for w in warnings)


def test_rate_mismatch_is_warned():
    text = MINIMAL.replace(
        "              - {name: 不予受理, value: 6, unit: 件, part_of: 收到行政复议申请}\n",
        "              - {name: 不予受理, value: 6, unit: 件, part_of: 收到行政复议申请}\n"
        '              - {name: 受理率, value: 75, unit: "%", part_of: 受理}\n',
    )
    warnings = check_facts(parse_facts(text))
    assert any("受理率" in w and "71.43%" in w for w in warnings)
    ok = text.replace("value: 75,", "value: 71.4,")
    assert check_facts(parse_facts(ok)) == []


def test_dangling_part_of_and_missing_cause_are_warned():
    text = MINIMAL.replace("part_of: 收到行政复议申请}", "part_of: 行政复议申请}").replace(
        "        cause: 编制有限\n", ""
    )
    warnings = check_facts(parse_facts(text))
    assert any("part_of 指向“行政复议申请”" in w for w in warnings)
    assert any("没有写原因" in w for w in warnings)


def test_inconsistency_inside_point_text_is_found_by_the_figures_engine():
    text = MINIMAL.replace("发挥行政复议化解行政争议主渠道作用", "排查矛盾纠纷18宗，已化解17宗，化解率为95%")
    warnings = check_facts(parse_facts(text))
    assert any("95" in w for w in warnings), warnings


def test_chinese_level_names_are_accepted():
    assert parse_facts(MINIMAL.replace("level: county", "level: 县")).level == "county"
    assert parse_facts(MINIMAL.replace("level: county", "level: 街道")).level == "town"


def test_negative_value_and_early_date_name_their_own_line():
    with pytest.raises(FactsError) as err:
        parse_facts(MINIMAL.replace("value: 21,", "value: -21,"))
    assert "第13行" in str(err.value) and "不能是负数" in str(err.value)
    with pytest.raises(FactsError) as err:
        parse_facts(MINIMAL.replace("date: 2025-02-20", "date: 2023-02-20"))
    assert "第5行" in str(err.value) and "date（成文日期）" in str(err.value)


def test_yaml_syntax_error_is_explained_in_chinese():
    with pytest.raises(FactsError) as err:
        parse_facts(MINIMAL.replace("level: county", "level: county\n  year: 2024"))
    msg = str(err.value)
    assert msg.startswith("事实文件 <facts> 第3行：YAML 格式错误，此处不应出现") and "\n" not in msg


HEAVY_DISPUTES = MINIMAL.replace(
    """              - {name: 不予受理, value: 6, unit: 件, part_of: 收到行政复议申请}
""",
    """              - {name: 不予受理, value: 6, unit: 件, part_of: 收到行政复议申请}
              - {name: 审结, value: 14, unit: 件, part_of: 受理}
              - {name: 维持, value: 10, unit: 件, part_of: 审结}
              - {name: 撤销, value: 4, unit: 件, part_of: 审结}
          - text: 做好行政应诉工作
            figures:
              - {name: 行政诉讼案件, value: 40, unit: 件}
              - {name: 审结, value: 30, unit: 件, part_of: 行政诉讼案件}
              - {name: 败诉, value: 3, unit: 件, part_of: 审结}
              - {name: 败诉率, value: 10, unit: "%", part_of: 败诉}
""",
)


def test_same_name_in_two_points_is_two_indicators():
    """复议的“审结” and 诉讼的“审结” are different figures: no mixed-up sums or rates."""
    assert check_facts(parse_facts(HEAVY_DISPUTES)) == []
    bad = parse_facts(HEAVY_DISPUTES.replace('value: 10, unit: "%"', 'value: 12, unit: "%"'))
    warnings = check_facts(bad)
    assert len(warnings) == 1 and "败诉率" in warnings[0] and "10.00%" in warnings[0]


def test_empty_leaders_and_next_year_are_warned():
    facts = parse_facts(
        MINIMAL.replace("    points: [县长带头出庭应诉]", "    {}").replace(
            "  next_year:\n    points: [深化行政执法规范化建设]", "  next_year: {}"
        )
    )
    warnings = check_facts(facts)
    assert any("items.leaders" in w for w in warnings) and any("items.next_year" in w for w in warnings)


def test_a_figure_the_point_already_states_is_not_said_twice():
    from assistant.facts import NamedFigure, Point, point_sentence, states_figure

    point = Point(
        text="全年办理行政处罚案件1846件，罚没款1372.6万元，涉案金额3千多万元",
        figures=[
            NamedFigure(name="办理行政处罚案件", value=1846, unit="件"),
            NamedFigure(name="罚没款", value=13726000, unit="元"),
            NamedFigure(name="涉案金额", value=3000, unit="万元", approx="more"),
            NamedFigure(name="撤销", value=3, unit="件"),  # not in the text: said after it
        ],
    )
    assert point_sentence(point) == "全年办理行政处罚案件1846件，罚没款1372.6万元，涉案金额3千多万元，撤销3件"
    # the same value for another indicator is not "stated": 审结3件 does not say 撤销3件
    assert not states_figure("审结3件，维持2件", NamedFigure(name="撤销", value=3, unit="件"))
    assert states_figure("审结率达到93.2%", NamedFigure(name="审结率", value=93.2, unit="%"))
    assert not states_figure("审结率达到93.2%", NamedFigure(name="审结率", value=93.2, unit="‰"))


def test_self_check_warnings_name_where_a_compiled_point_came_from():
    text = MINIMAL.replace(
        "          - text: 发挥行政复议化解行政争议主渠道作用\n",
        "          - text: 全年受理行政复议案件40件，审结20件，审结率80%\n            source: 司法局.docx:12\n",
    )
    warnings = check_facts(parse_facts(text))
    assert any("审结率" in w and w.endswith("，出处：司法局.docx:12）") for w in warnings), warnings
    facts = parse_facts(MINIMAL.replace("        cause: 编制有限\n", "      - problem: 普法形式单一\n"))
    assert check_facts(facts) == ["存在的不足第1、2项没有写原因（规定要求写明“不足和原因”）。"]
