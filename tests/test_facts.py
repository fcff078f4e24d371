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
        parse_facts(MINIMAL.replace("level: county", "level: 县级"))
    assert "第2行" in str(err.value) and "county" in str(err.value)
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
    gbk.write_bytes(MINIMAL.encode("gb18030"))
    with pytest.raises(FactsError, match="UTF-8"):
        load_facts(gbk)


def test_parts_exceeding_total_are_warned():
    text = MINIMAL.replace("value: 6, unit: 件", "value: 9, unit: 件")
    warnings = check_facts(parse_facts(text))
    assert any("合计 24件" in w and "收到行政复议申请" in w for w in warnings)


def test_rate_mismatch_is_warned():
    text = MINIMAL.replace(
        "              - {name: 不予受理, value: 6, unit: 件, part_of: 收到行政复议申请}\n",
        "              - {name: 不予受理, value: 6, unit: 件, part_of: 收到行政复议申请}\n"
        "              - {name: 受理率, value: 75, unit: \"%\", part_of: 受理}\n")
    warnings = check_facts(parse_facts(text))
    assert any("受理率" in w and "71.43%" in w for w in warnings)
    ok = text.replace("value: 75,", "value: 71.4,")
    assert check_facts(parse_facts(ok)) == []


def test_dangling_part_of_and_missing_cause_are_warned():
    text = MINIMAL.replace("part_of: 收到行政复议申请}", "part_of: 行政复议申请}").replace("        cause: 编制有限\n", "")
    warnings = check_facts(parse_facts(text))
    assert any("part_of 指向“行政复议申请”" in w for w in warnings)
    assert any("没有写原因" in w for w in warnings)


def test_inconsistency_inside_point_text_is_found_by_the_figures_engine():
    text = MINIMAL.replace("发挥行政复议化解行政争议主渠道作用",
                           "排查矛盾纠纷18宗，已化解17宗，化解率为95%")
    warnings = check_facts(parse_facts(text))
    assert any("95" in w for w in warnings), warnings
