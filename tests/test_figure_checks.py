"""assistant.figures checks: breakdowns, rates and differences; real errors found, traps never flagged."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from assistant.cli import main
from assistant.documents import load_document, parse_text
from assistant.figures import check_figures, check_relations

from .conftest import FIXTURES

DATA = Path(__file__).resolve().parent / "data" / "work_report_figure_issues.yaml"


def _check(text: str):
    return check_relations(parse_text(text))


def test_seed_000_both_labelled_errors_found_and_traps_not(seeds, labels):
    doc = load_document(seeds["000"])
    issues = check_figures(doc)
    expected = labels["seeds/000_db964fd7207fbad6.txt"]["figure_issues"]
    assert sorted((i.kind, i.line) for i in issues) == sorted((e["kind"], e["line"]) for e in expected)
    by_kind = {i.kind: i for i in issues}
    exceeds = by_kind["breakdown_exceeds_total"]
    assert (exceeds.stated, exceeds.expected, exceeds.severity) == (25, 27, "error")
    assert "問責" in exceeds.text  # quoted as written (traditional)
    rate = by_kind["rate_mismatch"]
    assert rate.stated == 95 and rate.expected == pytest.approx(94.4, abs=0.05)
    assert "95%" in rate.message and "化解" in rate.message
    # the traps: 负责人出庭应诉2宗 of 8 cases vs 出庭应诉率100% (line 79); 99.2% written as 99% (line 75)
    assert not [i for i in issues if i.line == 79]
    checked = check_relations(doc).checked
    assert any(c.kind == "rate" and c.line == 75 and c.holds and c.stated == 99 for c in checked)


def test_seed_002_no_error_and_its_relations_are_checked(seeds):
    result = check_relations(load_document(seeds["002"]))
    assert result.issues == []
    held = {(c.kind, c.stated) for c in result.checked if c.holds}
    assert {
        ("breakdown", 706),
        ("breakdown", 610),
        ("difference", 4840),
        ("difference_rate", 60.16),
        ("breakdown", 26),
    } <= held
    assert all(c.holds for c in result.checked)


@pytest.mark.parametrize("seed", ["001", "003", "004"])
def test_other_seeds_have_no_issue(seeds, seed):
    assert check_figures(load_document(seeds[seed])) == []


def test_seed_004_rate_is_recognised(seeds):
    checked = check_relations(load_document(seeds["004"])).checked
    assert [(c.kind, c.stated, c.expected, c.holds) for c in checked] == [("rate", 97.7, 97.7, True)]


def test_fixture_report_errors_and_traps():
    doc = load_document(FIXTURES / "figures_report.txt")
    result = check_relations(doc)
    assert [(i.kind, i.line, i.stated, i.expected) for i in result.issues] == [
        ("rate_mismatch", 13, 90, 95.0),
        ("breakdown_exceeds_total", 23, 18, 20),
    ]
    assert not [i for i in result.issues if i.line == 11]  # different indicators / scopes
    # 36 = 5 + 7 + 24; 24 ≥ its outcomes; 46 ≥ 9; 调解成功率; 512 = 320 + 192; 压缩2850; 提速比
    assert sum(c.holds for c in result.checked) == 7


def test_written_precision_of_a_rate():
    ok = _check("全年调解案件200宗，调解成功197宗，调解成功率99%。")  # 98.5% rounds to 99
    assert ok.issues == [] and ok.checked[0].holds
    bad = _check("全年调解案件200宗，调解成功196宗，调解成功率99%。")  # 98.0%
    assert [(i.kind, i.expected) for i in bad.issues] == [("rate_mismatch", 98.0)]
    fine = _check("共受理申请1085件，办结1076件，办结率99.17%。")
    assert fine.issues == [] and fine.checked[0].holds


def test_exhaustive_list_short_of_the_total_is_an_error():
    # 分别为 after the total, and the stages (not accepted, pending, closed) account for every case
    r = _check("共收到行政复议申请21件，分别为不予受理6件、在办4件、办结8件。")
    assert [(i.kind, i.severity, i.stated, i.expected) for i in r.issues] == [("breakdown_incomplete", "error", 21, 18)]


def test_partial_qizhong_list_and_other_scopes_are_not_flagged():
    assert _check("共受理行政处罚案件100件，其中简易程序案件40件。").issues == []
    assert _check("行政机关负责人出庭应诉46宗，以区政府为被告的行政诉讼案件38宗。").issues == []
    assert _check("行政诉讼案件8宗，行政机关负责人出庭应诉2宗，出庭应诉率100%。").issues == []
    assert _check("共办理人大议案7件、建议2193件、政协提案2677件。").issues == []


def test_qizhong_refers_to_the_total_not_to_its_change():
    # 其中 breaks down the 36 cases, not the increase of 5: 20 + 30 cases cannot be 36
    r = _check("受理案件36件，比去年增加5件，其中行政许可案件20件，行政处罚案件30件。")
    assert [(i.kind, i.stated, i.expected) for i in r.issues] == [("breakdown_exceeds_total", 36, 50)]
    assert _check("受理案件56件，比去年增加5件，其中行政许可案件20件，行政处罚案件30件。").issues == []


def test_difference_mismatch_and_money_at_written_precision():
    r = _check("审批时限从100个工作日压缩至40个工作日，共压缩50个工作日。")
    assert [(i.kind, i.stated, i.expected) for i in r.issues] == [("difference_mismatch", 50, 60)]
    ok = _check("财政收入2830亿元，其中中央收入2029亿元，地方收入800.4亿元。")
    assert ok.issues == [] and ok.checked[0].holds  # 2829.4 equals 2830 at the written precision
    over = _check("共投入资金1200万元，其中市级资金800万元，区级资金500万元。")
    assert [i.kind for i in over.issues] == ["breakdown_exceeds_total"]


def test_precision_on_the_120_work_reports(work_reports):
    data = yaml.safe_load(DATA.read_text(encoding="utf-8"))
    raised, warned, held = [], [], set()
    for path in work_reports:
        result = check_relations(load_document(path))
        raised += [(path.name, i.line, i.kind) for i in result.issues if i.severity == "error"]
        warned += [(path.name, i.line, i.kind) for i in result.issues if i.severity == "warning"]
        held |= {(path.name, c.line, c.kind) for c in result.checked if c.holds}
    assert sorted(raised) == sorted((e["file"], e["line"], e["kind"]) for e in data["issues"])
    assert sorted(warned) == sorted((e["file"], e["line"], e["kind"]) for e in data["warnings"])
    assert not [e for e in data["issues"] + data["warnings"] if e["verdict"] == "false_alarm"]
    assert not {(e["file"], e["line"], e["kind"]) for e in data["fixed_false_alarms"]} & set(raised)
    assert {(e["file"], e["line"], e["kind"]) for e in data["checked_held"]} <= held


def test_cli_json_and_table(seeds, capsys):
    assert main(["figures", "--json", str(seeds["000"])]) == 0
    out = json.loads(capsys.readouterr().out)
    assert set(out) == {"file", "figures", "issues", "checked"}
    assert {"value", "unit", "label", "parent", "approx", "line", "text"} <= set(out["figures"][0])
    assert [(i["kind"], i["line"]) for i in out["issues"]] == [("rate_mismatch", 75), ("breakdown_exceeds_total", 87)]
    assert main(["figures", str(seeds["000"])]) == 0
    table = capsys.readouterr().out
    assert "需要核对的数字" in table and "问责" in table


def test_cli_missing_file_is_a_one_line_error(capsys, tmp_path):
    assert main(["figures", str(tmp_path / "无此文件.txt")]) == 1
    assert "错误" in capsys.readouterr().err


def test_share_of_total_rates_and_percentage_points():
    ok = _check("全区共有执法单位40个，其中已完成公示的36个，占90%。")
    assert ok.issues == []
    assert [(c.kind, c.expected, c.holds) for c in ok.checked] == [("breakdown", 36.0, True), ("rate", 90.0, True)]
    bad = _check("全区共有执法单位40个，其中已完成公示的36个，占80%。")
    assert [(i.kind, i.expected) for i in bad.issues] == [("rate_mismatch", 90.0)]
    pts = _check("群众满意度从82.5%上升到85.5%，提高3.5个百分点。")
    assert [(i.kind, i.stated, i.expected) for i in pts.issues] == [("difference_mismatch", 3.5, 3.0)]


@pytest.mark.parametrize(
    ("sentence", "stated", "expected", "holds"),
    [
        ("受理行政复议案件50件，审结48件，审结率96%。", 96, 96.0, True),
        ("全年审结行政诉讼案件40件，败诉3件，败诉率7.5%。", 7.5, 7.5, True),
        ("行政机关负责人应出庭案件50件，负责人出庭应诉48件，出庭应诉率90%。", 90, 96.0, False),
        ("受理信访事项300件，办结288件，办结率98%。", 98, 96.0, False),
    ],
)
def test_rates_named_after_their_numerator(sentence, stated, expected, holds):
    checked = [c for c in _check(sentence).checked if c.kind == "rate"]
    assert [(c.stated, c.expected, c.holds) for c in checked] == [(stated, expected, holds)]


@pytest.mark.parametrize(
    "sentence",
    [
        "全年共办理行政复议案件45件，其中审结40件，维持28件，撤销5件，确认违法3件，驳回2件，终止2件。",  # nested list
        "共受理行政复议申请30件，受理25件，不予受理5件，审结22件，在办3件。",  # two partitions
        "共收到行政复议申请30件，已审结25件，其中维持20件，撤销3件，在办5件。",  # 在办 belongs to 30
        "共收到行政复议申请30件，已审结25件，其中维持20件，撤销3件，纠错率12%，在办5件。",
        "共排查矛盾纠纷500宗，调处480宗，调处成功470宗。",  # a funnel
        "共组织执法检查120次，出动执法人员600人次，其中联合执法80次，专项执法60次。",
        "全区共有执法人员800名，新增持证人员120名，注销执法证件30名，参加培训760名。",
        "新录用公务员50人，其中女性28人，研究生学历25人。",  # two dimensions
        "共办理案件100件，其中行政处罚案件60件，涉企案件50件。",
    ],
)
def test_structures_that_look_like_breakdowns_are_not_flagged(sentence):
    assert _check(sentence).issues == []


def test_sequential_disposals_that_exceed_the_total_are_flagged():
    r = _check("共收到行政复议申请21件，不予受理6件，在办4件，办结13件。")
    assert [(i.kind, i.stated, i.expected) for i in r.issues] == [("breakdown_exceeds_total", 21, 23)]
    held = _check("共收到行政复议申请30件，已审结25件，其中维持20件，撤销3件，在办5件。")
    # 25 closed + 5 pending = 30; the decisions 20 + 3 are within the 25
    assert sorted((c.kind, c.stated, c.holds) for c in held.checked) == [
        ("breakdown", 25, True),
        ("breakdown", 30, True),
    ]


def test_a_rate_may_be_over_either_base_before_it():
    r = _check("收到申请300件，受理280件，办结252件，办结率84%。")  # 252/300
    assert r.issues == [] and [(c.expected, c.holds) for c in r.checked] == [(84.0, True)]
    bad = _check("收到申请300件，受理280件，办结252件，办结率80%。")
    assert [(i.kind, i.expected) for i in bad.issues] == [("rate_mismatch", 90.0)]


# --- found in QA as a 司法局 reviewer (hand-written excerpts) -----------------------------------


def test_accepted_and_not_accepted_are_complements_so_their_over_sum_is_flagged():
    r = _check("2023年，区政府共收到行政复议申请86件，受理79件，不予受理9件。")
    assert [(i.kind, i.stated, i.expected) for i in r.issues] == [("breakdown_exceeds_total", 86, 88)]
    assert "行政复议申请共86件" in r.issues[0].message and "共共" not in r.issues[0].message
    ok = _check("2023年，区政府共收到行政复议申请86件，受理79件，不予受理7件。")
    assert ok.issues == [] and [(c.stated, c.holds) for c in ok.checked] == [(86, True)]


@pytest.mark.parametrize(
    "sentence",
    [
        "2021年，市政府共收到行政复议申请236件，依法受理212件，审结205件，审结率96.7%。",  # 受理 ⊃ 审结
        "共收到行政复议申请50件，受理45件，审结40件。",
        "全年共收到行政复议申请120件，受理110件，办结98件，其中维持70件，撤销12件，驳回16件。",
    ],
)
def test_intake_funnel_is_not_a_breakdown(sentence):
    assert _check(sentence).issues == []


@pytest.mark.parametrize(
    ("sentence", "stated", "expected", "holds"),
    [
        # (撤销10+确认违法6)/审结72 = 22.2%
        ("已审结72件，其中维持48件，撤销10件，确认违法6件，驳回申请5件，终止3件。纠错率为22.2%。", 22.2, 22.22, True),
        ("已审结72件，其中维持48件，撤销10件，确认违法6件，驳回申请5件，终止3件。纠错率为25%。", 25, 22.22, False),
        (
            "审结205件，其中维持141件，驳回23件，撤销18件，确认违法9件，责令履行4件，终止6件，直接纠错率15.1%。",
            15.1,
            15.12,
            True,
        ),
        # 综合纠错率 counts 调解和解: (10+5+10)/120
        (
            "全年审结行政复议案件120件，其中维持80件，驳回15件，撤销10件，确认违法5件，调解和解10件，综合纠错率20.8%。",
            20.8,
            20.83,
            True,
        ),
        (
            "全年审结行政复议案件120件，其中维持80件，驳回15件，撤销10件，确认违法5件，调解和解10件，直接纠错率20.8%。",
            20.8,
            12.5,
            False,
        ),
        # 在办 cases are not decided: 5/(30-5) = 20%
        (
            "全年共办理行政复议案件30件，其中维持20件，撤销3件，确认违法2件，在办5件，行政复议纠错率20%。",
            20,
            20.0,
            True,
        ),
    ],
)
def test_review_correction_rate_against_its_outcome_list(sentence, stated, expected, holds):
    r = _check(sentence)
    rates = [(c.stated, c.expected, c.holds) for c in r.checked if c.kind == "rate"]
    assert rates == [(stated, expected, holds)]
    assert [i.kind for i in r.issues] == ([] if holds else ["rate_mismatch"])
    if not holds:
        assert "纠错" in r.issues[0].message and "请核对" in r.issues[0].message


def test_correction_rate_of_another_indicator_is_not_checked():
    r = _check("全年共办理行政复议案件30件，其中维持20件，撤销3件，确认违法2件，在办5件，行政诉讼纠错率3.2%。")
    assert r.issues == [] and not [c for c in r.checked if c.kind == "rate"]


def test_money_messages_quote_amounts_in_the_written_scale():
    r = _check(
        "全年共办理行政处罚案件1,582宗，罚没款合计756.3万元，其中市场监管部门罚没款412.5万元，"
        "生态环境部门罚没款198万元，城管执法部门罚没款245.8万元。"
    )
    assert [(i.kind, i.stated, i.expected) for i in r.issues] == [("breakdown_exceeds_total", 7_563_000, 8_563_000)]
    assert "756.3万元" in r.issues[0].message and "412.5+198+245.8=856.3万元" in r.issues[0].message
    d = _check("财政法治专项资金从1.2亿元压减至8000万元，压减5000万元。")
    assert [i.kind for i in d.issues] == ["difference_mismatch"]
    assert "相差4000万元" in d.issues[0].message and "5000万元" in d.issues[0].message


def test_full_width_report_with_windows_line_endings(tmp_path):
    path = tmp_path / "全角.txt"
    path.write_bytes(
        "（四）矛盾纠纷化解\r\n全年共排查矛盾纠纷１，３２６宗，调解成功１，２９０宗，调解成功率９９．３％。\r\n".encode()
    )
    r = check_relations(load_document(path))
    assert [(i.kind, i.line, i.stated, i.expected) for i in r.issues] == [("rate_mismatch", 2, 99.3, 97.29)]


def test_rate_numerator_may_name_the_agency():
    r = _check("全区行政诉讼案件一审审结92件，其中行政机关败诉8件，败诉率6.7%。")
    assert [(i.kind, i.stated, i.expected) for i in r.issues] == [("rate_mismatch", 6.7, 8.7)]
    assert _check("全区行政诉讼案件一审审结92件，其中行政机关败诉8件，败诉率8.7%。").issues == []
    assert _check("行政诉讼案件8宗，行政机关负责人出庭应诉2宗，出庭应诉率100%。").checked == []


def test_head_of_agency_court_appearance_rate():
    r = _check("全区行政诉讼案件45件，行政机关负责人出庭应诉38件，负责人出庭应诉率90%。")
    assert [(i.kind, i.stated, i.expected) for i in r.issues] == [("rate_mismatch", 90, 84.44)]
    ok = _check("全区行政诉讼案件45件，行政机关负责人出庭应诉38件，行政机关负责人出庭应诉率84.4%。")
    assert ok.issues == [] and [c.holds for c in ok.checked] == [True]


def test_filing_rate_of_normative_documents():
    bad = _check("全年制定规范性文件12件，报送备案11件，备案率100%。")
    assert [(i.kind, i.stated, i.expected) for i in bad.issues] == [("rate_mismatch", 100, 91.67)]
    assert [c.holds for c in _check("全年制定规范性文件12件，全部报送备案12件，报备率100%。").checked] == [True]
    assert _check("全年制定规范性文件12件，按时报送备案11件，报备率100%。").checked == []  # 按时 is a subset


def test_closing_rate_synonyms():
    ok = _check("全年受理行政复议案件138件（含上年结转12件），审结126件，结案率91.3%。")
    assert ok.issues == [] and [(c.expected, c.holds) for c in ok.checked if c.kind == "rate"] == [(91.3, True)]
    bad = _check("全年受理行政复议案件138件，审结126件，结案率95%。")
    assert [(i.kind, i.expected) for i in bad.issues] == [("rate_mismatch", 91.3)]


REPORT_HEAD = "某县人民政府关于2023年度法治政府建设情况的报告\n一、主要举措和成效\n（三）依法化解行政争议\n"


@pytest.mark.parametrize(
    "body, flagged",
    [
        ("全年共收到行政复议申请45件。\n其中，维持30件，撤销10件，确认违法8件。", True),  # 48 > 45 across the break
        ("全年共收到行政复议申请45件。\n其中，维持30件，撤销10件，确认违法5件。", False),  # 45: holds
        ("全年共收到行政复议申请45件。\n开展行政执法检查12次。\n其中，维持30件，撤销10件，确认违法8件。", False),
        ("全年共收到行政复议申请45件。\n（四）加强行政应诉工作\n其中，维持30件，撤销10件，确认违法8件。", False),
    ],
)
def test_qizhong_paragraph_breaks_down_the_total_of_the_paragraph_before(body, flagged):
    doc = parse_text(REPORT_HEAD + body)
    result = check_relations(doc)
    assert bool(result.issues) is flagged
    if flagged:
        issue = result.issues[0]
        assert issue.kind == "breakdown_exceeds_total" and (issue.stated, issue.expected) == (45, 48)
        assert doc.original_line(issue.line).startswith("全年共收到行政复议申请45件")
        assert "30+10+8=48件" in issue.message
    elif "确认违法5件" in body:
        assert [(c.kind, c.holds) for c in result.checked] == [("breakdown", True)]


@pytest.mark.parametrize(
    "sentence, stated, expected, holds",
    [
        ("全年共收到行政复议申请45件，比上年的36件增长25%。", 25, 25, True),
        ("全年共收到行政复议申请45件，比上年的36件增长30%。", 30, 25, False),  # 9/36 = 25%
        ("全年共收到行政复议申请45件，较2022年的36件增加9件。", 9, 9, True),
        ("全年共收到行政复议申请45件，较上年36件下降25%。", 25, 25, False),  # it rose: wrong direction
        ("行政机关负责人出庭应诉率98.5%，比上年的92.5%提高6个百分点。", 6, 6, True),
        ("行政机关负责人出庭应诉率98.5%，比上年的92.5%提高5个百分点。", 5, 6, False),
    ],
)
def test_year_on_year_change_against_both_years_figures(sentence, stated, expected, holds):
    result = check_relations(parse_text(REPORT_HEAD + sentence))
    assert [(c.kind, c.stated, c.expected, c.holds) for c in result.checked] == [
        ("year_on_year", stated, expected, holds)
    ]
    assert [i.kind for i in result.issues] == ([] if holds else ["year_on_year_mismatch"])
    if not holds:
        assert "上年" in result.issues[0].message and "不符" in result.issues[0].message


@pytest.mark.parametrize(
    "sentence",
    [
        "全年共收到行政复议申请45件，同比增长25%。",  # no last-year figure: nothing to check
        "行政机关负责人出庭应诉率98.5%，比上年的92.5%提高6.5%。",  # relative or absolute? not stated
        "全年共收到行政复议申请45件，比上年的36件增长约25%。",
    ],
)
def test_year_on_year_not_checkable_is_left_alone(sentence):
    result = check_relations(parse_text(REPORT_HEAD + sentence))
    assert not result.issues and not [c for c in result.checked if c.kind == "year_on_year"]
