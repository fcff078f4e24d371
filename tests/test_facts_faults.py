"""Issue #16, faults 4–8: impossible dates and absurd values in a facts file are refused with the field
and the line, in one Chinese line and exit 1 — never a traceback; a value is drafted exactly as written
or refused, never drafted as a different number."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.cli import main
from assistant.drafting import draft_report, draft_to_markdown
from assistant.errors import FactsError
from assistant.facts import parse_facts

COUNTY = Path(__file__).resolve().parent.parent / "corpus" / "examples" / "county.yaml"
FIGURE = "value: 4, unit: 次"  # 全年召开县政府常务会议专题研究法治政府建设4次, line 20 of county.yaml
FIELD = "figures（数据）.第1项.value（数值）"


def _facts_file(tmp_path: Path, old: str, new: str) -> Path:
    text = COUNTY.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "事实.yaml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def _refused(tmp_path: Path, capsys: pytest.CaptureFixture[str], old: str, new: str) -> str:
    """Run `fazhi draft` on the edited facts: exit 1, one Chinese line on stderr, nothing written."""
    out = tmp_path / "草稿.md"
    rc = main(["draft", str(_facts_file(tmp_path, old, new)), "--out", str(out)])
    captured = capsys.readouterr()
    lines = [ln for ln in captured.err.splitlines() if ln.strip()]
    assert rc == 1 and not out.exists()
    assert len(lines) == 1 and lines[0].startswith("错误：事实文件 事实.yaml 第"), captured.err
    assert "Traceback" not in captured.err + captured.out
    return lines[0]


@pytest.mark.parametrize(
    ("written", "why"),
    [("2025-13-45", "不是有效日期：没有 13 月"), ("2025-02-30", "不是有效日期：2025 年 2 月只有 28 天")],
)
def test_fault4_impossible_date_names_field_and_line(tmp_path, capsys, written, why):
    line = _refused(tmp_path, capsys, "date: 2025-02-26", f"date: {written}")
    assert f"第12行：date（成文日期） {written} {why}" in line


def test_fault4_dates_in_other_spellings_are_read_and_a_number_is_not_a_date():
    text = COUNTY.read_text(encoding="utf-8")
    assert str(parse_facts(text.replace("date: 2025-02-26", "date: 2025年2月26日")).date) == "2025-02-26"
    assert str(parse_facts(text.replace("date: 2025-02-26", "date: 2025/2/26")).date) == "2025-02-26"
    with pytest.raises(FactsError, match="第12行：date（成文日期） 日期格式应为 YYYY-MM-DD"):
        parse_facts(text.replace("date: 2025-02-26", "date: 20250226"))  # not 1970-08-23 (a Unix time)


def test_fault5_infinite_value_is_refused_with_field_and_line(tmp_path, capsys):
    line = _refused(tmp_path, capsys, FIGURE, "value: .inf, unit: 次")
    assert "第20行" in line and FIELD in line and "不能是无穷大（.inf）" in line


def test_fault6_nan_value_is_refused_with_field_and_line(tmp_path, capsys):
    line = _refused(tmp_path, capsys, FIGURE, "value: .nan, unit: 次")
    assert "第20行" in line and FIELD in line and "不是一个数（.nan）" in line


def test_fault7_five_thousand_digit_integer_is_refused_with_field_and_line(tmp_path, capsys):
    line = _refused(tmp_path, capsys, FIGURE, "value: " + "7" * 5000 + ", unit: 次")
    assert "第20行" in line and FIELD in line and "有 5000 位有效数字" in line and len(line) < 300


def test_fault8_38_digit_integer_is_refused_not_drafted_as_another_number(tmp_path, capsys):
    line = _refused(tmp_path, capsys, FIGURE, "value: 99999999999999999999999999999999999999, unit: 次")
    assert "第20行" in line and FIELD in line and "有 38 位有效数字" in line and "最多 15 位" in line


def test_fault8_a_year_of_5000_digits_or_inf_is_a_field_error_too():
    text = COUNTY.read_text(encoding="utf-8")
    with pytest.raises(FactsError, match="第10行：year（年度） 数字位数过多"):
        parse_facts(text.replace("year: 2024", "year: " + "9" * 5000))
    with pytest.raises(FactsError, match="第10行：year（年度） 必须是有限的数字"):
        parse_facts(text.replace("year: 2024", "year: .inf"))


@pytest.mark.parametrize("written", ["123456789012345", "0.1234567", "98765.4321", "2416.5"])
def test_values_up_to_15_digits_are_drafted_exactly_as_written(tmp_path, written):
    facts = parse_facts(_facts_file(tmp_path, FIGURE, f"value: {written}, unit: 次").read_text(encoding="utf-8"))
    draft = draft_report(facts, backend="composer")
    text = draft_to_markdown(draft)
    assert f"全年召开县政府常务会议专题研究法治政府建设{written}次" in text
    assert not any(s.flags for s in draft.sections)  # and the check finds it in the facts


def test_sixteen_significant_digits_are_refused_not_rounded():
    text = COUNTY.read_text(encoding="utf-8")
    with pytest.raises(FactsError, match="有 16 位有效数字"):
        parse_facts(text.replace(FIGURE, "value: 1234567890123456, unit: 次"))
    with pytest.raises(FactsError, match="有 17 位有效数字"):
        parse_facts(text.replace("value: 99.6,", "value: 99.600000000000001,"))


@pytest.mark.parametrize(
    ("typed", "why"),
    [("inf", "无穷大"), ("nan", "不是一个数"), ("9" * 40, "有 40 位有效数字"), ("1e16", "数值过大")],
)
def test_web_table_values_are_refused_not_rounded(typed, why):
    from assistant.app.chat_logic import table_figures
    from assistant.errors import InputError

    with pytest.raises(InputError, match=f"数据表第1行：.*{why}"):
        table_figures([["收到行政复议申请", typed, "件", ""]])
    assert table_figures([["收到行政复议申请", "21", "件", ""]])[0]["value"] == 21
