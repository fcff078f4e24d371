"""Metadata: the seeds against the hand labels, the 120 work reports, and synthetic edge cases."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.documents import load_document, parse_text

FIELDS = ("doc_type", "title", "issuer", "level", "year", "script", "date")


@pytest.mark.parametrize("key", ["000", "001", "002", "003", "004"])
def test_seed_metadata_matches_labels(seeds: dict[str, Path], labels: dict, key: str) -> None:
    label = labels[f"seeds/{seeds[key].name}"]
    meta = load_document(seeds[key]).meta
    for name in FIELDS:
        if name in label:
            expected = str(label[name]) if name == "date" else label[name]  # YAML reads dates as date
            assert getattr(meta, name) == expected, name
    if "recipient" in label:
        assert meta.recipients == [label["recipient"]]


def test_work_reports_are_gov_work_reports_with_a_year(work_reports: list[Path]) -> None:
    assert len(work_reports) == 120
    wrong = []
    for path in work_reports:
        meta = load_document(path).meta
        if meta.doc_type != "gov_work_report" or meta.year is None or meta.issuer is None:
            wrong.append((path.name, meta.doc_type, meta.year, meta.issuer))
        name_year = int(path.stem.rstrip("年")[-4:])
        assert meta.year == name_year, path.name
    assert wrong == []


def test_notice_title_issuer_recipients_and_chinese_date() -> None:
    text = (
        "某市司法局关于印发《某市2021年法治政府建设工作要点》的通知\n"
        "各区司法局、市直各单位:\n现将《某市2021年法治政府建设工作要点》印发给你们，请认真贯彻执行。\n"
        "某市司法局\n二〇二一年三月五日\n某市2021年法治政府建设工作要点\n一、总体要求\n"
    )
    meta = parse_text(text).meta
    assert meta.title == "某市2021年法治政府建设工作要点"
    assert meta.issuer == "某市司法局"
    assert meta.is_department is True and meta.level == "city"
    assert meta.recipients == ["各区司法局", "市直各单位"]
    assert meta.date == "2021-03-05"
    assert meta.doc_type == "work_plan" and meta.year == 2021


@pytest.mark.parametrize(
    "issuer,level,dept",
    [
        ("国务院", "central", False),
        ("广东省人民政府", "province", False),
        ("重庆市人民政府", "province", False),
        ("汕头市人民政府", "city", False),
        ("茂名市茂南区人民政府", "county", False),
        ("清丰县人民政府", "county", False),
        ("重庆市北碚区柳荫镇人民政府", "town", False),
        ("深圳市南山区司法局", "county", True),
        ("广东省司法厅", "province", True),
    ],
)
def test_levels(issuer: str, level: str, dept: bool) -> None:
    text = f"{issuer}关于2020年度法治政府建设情况的报告\n一、主要举措和成效\n"
    meta = parse_text(text).meta
    assert (meta.issuer, meta.level, meta.is_department) == (issuer, level, dept)
    assert meta.doc_type == "rule_of_law_report" and meta.year == 2020


def test_report_year_is_year_reported_on_not_publication() -> None:
    text = (
        "某区人民政府关于法治政府建设情况的报告\n市人民政府:\n现将我区2022年法治政府建设情况报告如下:\n"
        "一、主要举措和成效\n某区人民政府\n2023年2月20日\n"
    )
    meta = parse_text(text).meta
    assert meta.year == 2022 and meta.date == "2023-02-20"
    assert meta.recipients == ["市人民政府"]


def test_body_only_report_gets_year_and_issuer_from_text() -> None:
    text = (
        "2021年，我镇法治政府建设工作稳步推进。现将我镇2021年法治政府建设情况汇报如下:\n"
        "一、主要举措\n制定《青山镇行政执法公示办法》《青山镇重大决策程序规定》。\n"
    )
    meta = parse_text(text).meta
    assert meta.title is None
    assert (meta.issuer, meta.level, meta.year, meta.doc_type) == ("青山镇", "town", 2021, "rule_of_law_report")


@pytest.mark.parametrize(
    "title,doc_type",
    [
        ("某县2019年度依法行政工作情况报告", "rule_of_law_report"),
        ("某市人民政府关于2020年法治政府建设年度报告", "rule_of_law_report"),
        ("某区2021年法治政府建设工作要点", "work_plan"),
        ("某区创建法治政府示范区实施方案", "work_plan"),
        ("2014年某区政府工作报告", "gov_work_report"),
        ("关于开展安全生产大检查的通知", "other"),
    ],
)
def test_doc_types(title: str, doc_type: str) -> None:
    assert parse_text(f"{title}\n一、总体情况\n正文内容。\n").meta.doc_type == doc_type


def test_script_detection() -> None:
    assert (
        parse_text(
            "茂南區人民政府關於2016年法治政府建設情況的報告\n一、推進依法行政工作的主要措施及成效\n"
            "(一)加強組織領導，落實責任分工。區政府繼續按照依法行政考評的工作要求開展考評。"
        ).meta.script
        == "traditional"
    )
    assert (
        parse_text("澄海区2019年度法治政府建设报告\n一、推进法治政府建设的主要举措和成效").meta.script == "simplified"
    )


@pytest.mark.parametrize(
    "head,title,issuer",
    [
        (
            "深圳市南山区司法局2020年法治政府建设年度报告",
            "深圳市南山区司法局2020年法治政府建设年度报告",
            "深圳市南山区司法局",
        ),
        ("关于清丰县2020年度法治政府建设情况的报告", "关于清丰县2020年度法治政府建设情况的报告", "清丰县人民政府"),
        (
            "汕头市澄海区人民政府\n关于2020年度法治政府建设情况的报告",
            "汕头市澄海区人民政府关于2020年度法治政府建设情况的报告",
            "汕头市澄海区人民政府",
        ),
        (
            "某县人民政府关于2020年度法治政府\n建设情况的报告",
            "某县人民政府关于2020年度法治政府建设情况的报告",
            "某县人民政府",
        ),
    ],
)
def test_title_forms(head: str, title: str, issuer: str) -> None:
    meta = parse_text(f"{head}\n一、主要举措和成效\n全年办理行政复议案件21件。\n（2021年3月5日）\n").meta
    assert (meta.title, meta.issuer, meta.year, meta.doc_type) == (title, issuer, 2020, "rule_of_law_report")
    assert meta.date == "2021-03-05"


def test_opening_sentence_ending_in_rubao_ru_xia_is_not_recipients() -> None:
    text = "XX县2022年度法治政府建设情况报告\n\n2022年，我县扎实推进法治政府建设，现报告如下：\n一、主要举措和成效\n"
    assert parse_text(text).meta.recipients == []
    text2 = (
        "XX县2022年度法治政府建设情况报告\n\n今年以来，我局共办理行政复议案件12件，具体情况是：\n一、主要举措和成效\n"
    )
    assert parse_text(text2).meta.recipients == []


@pytest.mark.parametrize(
    "line,expected",
    [
        ("汕头市人民政府：", ["汕头市人民政府"]),
        ("各镇政府、街道办事处、区府直属各单位：", ["各镇政府", "街道办事处", "区府直属各单位"]),
        ("县委、县政府:", ["县委", "县政府"]),
        ("省司法厅：", ["省司法厅"]),
    ],
)
def test_recipient_lines_are_organisation_lists(line: str, expected: list[str]) -> None:
    text = f"XX县2022年度法治政府建设情况报告\n\n{line}\n2022年，我县扎实推进法治政府建设。\n一、主要举措和成效\n"
    assert parse_text(text).meta.recipients == expected
