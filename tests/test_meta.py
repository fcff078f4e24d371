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


def test_seed_001_is_still_a_work_plan(seeds: dict[str, Path]) -> None:
    meta = load_document(seeds["001"]).meta
    assert meta.doc_type == "work_plan" and meta.doc_type_confidence >= 0.9
    assert meta.doc_type_evidence[0].signal == "title_names_plan"


_BODY = "深入学习贯彻习近平法治思想，扎实推进法治政府建设，取得积极成效。现将有关情况报告如下：\n一、主要举措和成效\n全年审查规范性文件12件。\n"


@pytest.mark.parametrize(
    "opening,issuer,level,dept",
    [
        ("2022年，司法部坚持以习近平新时代中国特色社会主义思想为指导，", "司法部", "central", True),
        ("2017年，原环境保护部认真落实党中央、国务院决策部署，", "原环境保护部", "central", True),
        ("2023年，市市场监管局在市委市政府的坚强领导下，", "市市场监管局", "city", True),
        ("2022年，县教育局在县委、县政府的正确领导下，", "县教育局", "county", True),
        ("2021年，广东坚持以习近平新时代中国特色社会主义思想为指导，", "广东省人民政府", "province", False),
        (
            "2017年，新疆维吾尔自治区认真落实《法治政府建设实施纲要（2015—2020年）》，",
            "新疆维吾尔自治区人民政府",
            "province",
            False,
        ),
        ("2016年，山东省政府以党的十八大精神为指导，", "山东省人民政府", "province", False),
        ("2024年，渝中区坚持以习近平新时代中国特色社会主义思想为指导，", "渝中区人民政府", "county", False),
        ("2022年，坡子街街道在区委、区政府的坚强领导下，", "坡子街街道", "town", False),
        ("2025年，在区委、区政府的正确领导下，三都镇深入学习贯彻习近平法治思想，", "三都镇", "town", False),
    ],
)
def test_issuer_and_level_from_the_opening_sentence(opening: str, issuer: str, level: str, dept: bool) -> None:
    meta = parse_text(opening + _BODY).meta
    assert (meta.issuer, meta.level, meta.is_department) == (issuer, level, dept)
    assert meta.doc_type == "rule_of_law_report" and meta.title is None


def test_a_department_that_calls_itself_we_takes_its_governments_level() -> None:
    text = (
        "根据《法治政府建设与责任落实督察工作规定》和县委依法治县办公室有关工作安排，我局认真总结2024年法治政府建设工作，"
        "现将相关情况报告如下：\n一、年度法治政府建设的主要举措和成效\n局党组高度重视法治建设。\n"
    )
    meta = parse_text(text).meta
    assert (meta.issuer, meta.level, meta.is_department, meta.year) == (None, "county", True, 2024)


def test_a_province_that_calls_itself_we_is_named_from_the_text() -> None:
    text = (
        "国务院：\n2015年，在党中央、国务院和河南省委的领导下，我省各级行政机关认真贯彻落实党中央决策部署，"
        "在推进依法行政、建设法治政府方面取得了新的成效。现将有关情况报告如下：\n一、高度重视，加强领导\n"
    )
    meta = parse_text(text).meta
    assert (meta.issuer, meta.level, meta.recipients) == ("河南省人民政府", "province", ["国务院"])


@pytest.mark.parametrize(
    "head,issuers,level",
    [
        (
            "中共遂宁市安居区委 遂宁市安居区人民政府关于2024年度法治政府建设工作的报告",
            ["中共遂宁市安居区委", "遂宁市安居区人民政府"],
            "county",
        ),
        (
            "中共云南省委、云南省人民政府关于2020年度法治政府建设情况的报告",
            ["中共云南省委", "云南省人民政府"],
            "province",
        ),
    ],
)
def test_joint_party_and_government_report_keeps_both_issuers(head: str, issuers: list[str], level: str) -> None:
    meta = parse_text(f"{head}\n市委、市政府：\n2024年，全区扎实推进法治政府建设。\n一、主要举措和成效\n").meta
    assert meta.issuers == issuers and meta.issuer == issuers[-1]
    assert (meta.level, meta.is_department) == (level, False)


def test_joint_issuers_from_the_opening_sentence() -> None:
    meta = parse_text("2020年，云南省委、省政府坚持以习近平法治思想为指导，" + _BODY).meta
    assert (meta.issuers, meta.issuer, meta.level) == (["云南省委", "云南省人民政府"], "云南省人民政府", "province")


@pytest.mark.parametrize(
    "issuer,level",
    [
        ("清远市英德市人民政府", "county"),  # a 县级市 under a 地级市
        ("英德市下太镇人民政府", "town"),
        ("鄂尔多斯市达拉特旗人民政府", "county"),
        ("甘南藏族自治州人民政府", "city"),
        ("北京市西城区人民政府", "county"),
        ("天津市人民政府", "province"),
        ("国家市场监督管理总局", "central"),
        ("深圳市城市管理和综合执法局", "city"),
        ("某县市场监督管理局", "county"),
    ],
)
def test_levels_of_less_common_units(issuer: str, level: str) -> None:
    meta = parse_text(f"{issuer}关于2020年度法治政府建设情况的报告\n一、主要举措和成效\n").meta
    assert (meta.issuer, meta.level) == (issuer, level)


def test_year_reported_on_comes_from_the_body_not_the_publication_date() -> None:
    text = (
        "发布时间：2023-03-30 来源：本网\n"
        "2022年，司法部坚持以习近平新时代中国特色社会主义思想为指导，扎实推进法治政府建设。\n"
        "一、深入学习贯彻党的二十大精神\n2023年1月，部党组召开会议，审议《司法部2021年度法治政府建设情况报告》整改情况。\n"
        "二、2023年1月至3月，完成行政复议案件办理120件。\n"
    )
    meta = parse_text(text).meta
    assert meta.year == 2022 and meta.doc_type == "rule_of_law_report"


def test_last_years_report_named_in_the_body_does_not_set_the_year() -> None:
    text = (
        "2023年，静海区坚持以习近平法治思想为指导，全面建设法治政府。\n一、区政府主要负责同志履行推进法治建设第一责任人职责情况\n"
        "主持召开区政府常务会议审议《静海区2022年度法治政府建设情况报告》。\n"
    )
    assert parse_text(text).meta.year == 2023


def test_pinyin_mirror_and_lost_indentation_do_not_hide_the_title() -> None:
    text = (
        "寧政發(fā)〔2019〕35號《南京市人民政府關(guān)于2018年度法治政府建設(shè)工作的報告》\n江蘇省人民政府:\n"
        "??2018年，南京市深入推進依法行政。\n??一、主要舉措和成效\n"
    )
    meta = parse_text(text).meta
    assert meta.title == "南京市人民政府关于2018年度法治政府建设工作的报告"
    assert (meta.issuer, meta.level, meta.year, meta.doc_type) == ("南京市人民政府", "city", 2018, "rule_of_law_report")
    assert parse_text(text).outline[0].heading == "主要举措和成效"


def test_title_run_into_the_body_on_one_line() -> None:
    text = (
        "湖北省人民政府关于2023年度法治政府建设情况的报告2023年，省政府坚持以习近平新时代中国特色社会主义思想为指导，"
        "推动依法行政制度体系更加完善。一、坚持党的领导，坚决扛牢法治政府建设政治责任。\n"
    )
    meta = parse_text(text).meta
    assert meta.title == "湖北省人民政府关于2023年度法治政府建设情况的报告"
    assert (meta.issuer, meta.level, meta.doc_type) == ("湖北省人民政府", "province", "rule_of_law_report")


def test_district_named_in_full_in_the_text_gets_its_city() -> None:
    text = (
        "各位代表：\n现在，我代表南山区人民政府向大会报告工作，请予审议。\n"
        "深圳市南山区第七届人民代表大会第三次会议确定的各项任务全面完成。\n一、2019年工作回顾\n"
    )
    assert parse_text(text).meta.issuer == "深圳市南山区人民政府"
    plain = "各位代表：\n现在，我代表南山区人民政府向大会报告工作。\n办理市、区两级重点项目。\n"
    assert parse_text(plain).meta.issuer == "南山区人民政府"


def test_work_report_without_a_file_name_takes_the_year_it_is_delivered() -> None:
    text = (
        "各位代表：\n现在，我代表区人民政府向大会报告工作，请予审议。\n一、过去一年工作回顾\n2022年，全区地区生产总值增长5%。\n"
        "二、2023年工作安排\n今年经济社会发展的主要预期目标是：地区生产总值增长6%。\n"
    )
    assert parse_text(text).meta.year == 2023
    reviewed_only = "各位代表：\n现在，我代表区人民政府向大会报告工作。\n2022年工作回顾\n全区地区生产总值增长5%。\n"
    assert parse_text(reviewed_only).meta.year == 2023
