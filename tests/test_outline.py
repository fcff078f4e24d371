"""The heading parser on real-looking report structures and on the real seeds."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.documents import load_document, parse_text
from assistant.documents.outline import heading_text, match_heading
from assistant.vocabulary import cn_to_int

REPORT = """某县2020年度法治政府建设情况报告
第一部分 总体情况
一、主要举措和成效
（一）加强组织领导
1.统筹规划，分解任务。一是制定工作要点；二是召开会议。
2、组织学习，提高意识。
（1）集中学法12次。
（2）举办培训班3期。
①领导干部带头学法。
②全员考试。
二是要加强督察。
12.4宪法日组织宣传活动。
（二）
完善决策程序
二、存在问题及下步打算
部分干部法治意识不强。
第二部分 下一年度安排
一、深化放管服改革
"""


def _tree(doc) -> list[tuple[int, str, str, str, int, int]]:
    return [(n.level, n.kind, n.number, n.heading, n.line, n.end_line) for n in doc.headings()]


def test_all_numbering_kinds_nest_in_order_of_appearance() -> None:
    doc = parse_text(REPORT)
    assert _tree(doc) == [
        (1, "chapter", "第一部分", "总体情况", 2, 16),
        (2, "cn", "一", "主要举措和成效", 3, 14),
        (3, "paren_cn", "(一)", "加强组织领导", 4, 12),
        (4, "arabic", "1", "统筹规划，分解任务", 5, 5),
        (4, "arabic", "2", "组织学习，提高意识", 6, 12),
        (5, "paren_arabic", "(1)", "集中学法12次", 7, 7),
        (5, "paren_arabic", "(2)", "举办培训班3期", 8, 12),
        (6, "circled", "①", "领导干部带头学法", 9, 9),
        (6, "circled", "②", "全员考试", 10, 12),
        (3, "paren_cn", "(二)", "完善决策程序", 13, 14),
        (2, "cn", "二", "存在问题及下步打算", 15, 16),
        (1, "chapter", "第二部分", "下一年度安排", 17, 18),
        (2, "cn", "一", "深化放管服改革", 18, 18),
    ]


def test_section_path_and_text() -> None:
    doc = parse_text(REPORT)
    assert doc.section_path(7) == [
        "第一部分 总体情况",
        "一、主要举措和成效",
        "（一）加强组织领导",
        "2.组织学习，提高意识",
        "（1）集中学法12次",
    ]
    assert doc.section_path(1) == []
    node = doc.outline[0].children[1]
    assert doc.section_text(node) == "二、存在问题及下步打算\n部分干部法治意识不强。"
    offset = doc.text.index("部分干部")
    assert doc.line_at(offset) == 16
    assert doc.original_line(16) == "部分干部法治意识不强。"


@pytest.mark.parametrize(
    "line,expected",
    [
        ("一是根据省、市的工作重点，及时制定了工作要点。", None),
        ("二要强化督察。", None),
        ("12.4宪法日组织宣传活动。", None),
        ("2019年，我镇法治政府建设工作稳步推进。", None),
        ("1.2万人次参加学法考试。", None),
        ("3 个百分点", None),
        ("十一、其他需要报告的情况", ("cn", "十一", "其他需要报告的情况")),
        ("(三)完善行政决策程序,规范行政决策行为。", ("paren_cn", "(三)", "完善行政决策程序,规范行政决策行为。")),
        ("1.统筹规划,分解任务。一是…", ("arabic", "1", "统筹规划,分解任务。一是…")),
        ("1、厘清政府权力边界。", ("arabic", "1", "厘清政府权力边界。")),
        ("(12)加强执法监督", ("paren_arabic", "(12)", "加强执法监督")),
        ("第三章 保障措施", ("chapter", "第三章", "保障措施")),
        ("⑤推行说理式执法", ("circled", "⑤", "推行说理式执法")),
    ],
)
def test_match_heading(line: str, expected) -> None:
    found = match_heading(line)
    if expected is None and found is not None:
        assert found[0] == "arabic" and found[2][:1] in "个月日年万", found  # filtered later as a figure
        doc = parse_text("标题\n" + line)
        assert doc.outline == []
    else:
        assert found == expected


def test_run_in_heading_is_first_sentence() -> None:
    assert heading_text("统筹规划,分解任务。一是根据省、市的工作重点") == "统筹规划,分解任务"
    assert heading_text("加强组织领导") == "加强组织领导"
    assert heading_text("存在的问题:") == "存在的问题"
    assert heading_text("统筹规划:一是制定要点。") == "统筹规划"
    long = (
        "在涉及群众切身利益的重大行政决策事项时，广泛听取意见，与利害关系人进行充分沟通，"
        "如今年在多条街道沿途彩钢棚拆除和大棚房整治工作中通过宣传政策法律和多次沟通得到群众理解"
    )
    assert len(heading_text(long)) <= 80


def test_cn_numbers() -> None:
    assert [cn_to_int(x) for x in ["一", "十", "十一", "二十", "二十三", "一百零五", "12", "①", "⑳"]] == [
        1,
        10,
        11,
        20,
        23,
        105,
        12,
        1,
        20,
    ]


def test_restarted_numbering_nests_and_closing_section_returns_to_top() -> None:
    text = (
        "一、工作开展情况\n近年来，县政府深入推进法治政府建设，现将有关情况报告如下:\n"
        "一、坚持党的领导，推进法治政府建设。\n一是强化党的领导。\n二、坚持权责法定\n三、强化制度建设\n"
        "四、存在问题及下步打算\n主要问题是执法力量不足。\n"
    )
    doc = parse_text(text)
    assert [(n.number, n.heading) for n in doc.outline] == [("一", "工作开展情况"), ("四", "存在问题及下步打算")]
    assert [c.number for c in doc.outline[0].children] == ["一", "二", "三"]


def test_plain_sequences_stay_flat() -> None:
    doc = parse_text(
        "一、工作回顾\n过去一年成绩显著。\n二、今年工作安排\n(一)稳增长\n(二)促改革\n三、加强政府自身建设\n"
    )
    assert [n.heading for n in doc.outline] == ["工作回顾", "今年工作安排", "加强政府自身建设"]
    assert [c.number for c in doc.outline[1].children] == ["(一)", "(二)"]


SEED_TOP = {
    "000": [
        (7, "推进依法行政工作的主要措施及成效"),
        (91, "我区推进依法行政工作存在的问题"),
        (105, "下一步推进依法行政的工作思路"),
    ],
    "001": [(24, "指导思想和总体目标"), (28, "主要创建任务"), (124, "工作要求")],
    "002": [
        (14, "推进法治政府建设的主要举措和成效"),
        (62, "推进法治政府建设存在的不足和原因"),
        (78, "党政主要负责人履行推进法治建设第一责任人职责,加强法治政府建设的有关情况"),
        (84, "下一年度推进法治政府建设的主要安排"),
    ],
    "003": [(12, "工作开展情况"), (40, "存在问题及下步打算")],
    "004": [
        (2, "2019年法治政府建设工作的举措及成效"),
        (34, "法治政府建设工作中存在的困难和不足"),
        (40, "2020年度工作打算"),
    ],
}


@pytest.mark.parametrize("key", sorted(SEED_TOP))
def test_seed_top_level_headings(seeds: dict[str, Path], labels: dict, key: str) -> None:
    doc = load_document(seeds[key])
    assert [(n.line, n.heading) for n in doc.outline] == SEED_TOP[key]
    label = labels[f"seeds/{seeds[key].name}"]
    top_lines = {n.line for n in doc.outline}
    for item in (label.get("mandated") or {}).values():
        if item.get("status") == "present":
            assert item["line"] in top_lines, item


def test_seed_000_traditional_subheadings(seeds: dict[str, Path]) -> None:
    doc = load_document(seeds["000"])
    first = doc.outline[0]
    assert [c.number for c in first.children] == [f"({n})" for n in "一二三四五六七八"]
    assert first.children[0].children[0].heading == "统筹规划,分解任务"
    assert doc.section_path(75)[:2] == [
        "一、推进依法行政工作的主要措施及成效",
        "（七）防范和化解社会矛盾,促进社会和谐稳定",
    ]
    assert doc.outline[2].end_line == 123  # the spam line is not part of the last section


def test_work_reports_have_outlines(work_reports: list[Path]) -> None:
    with_outline = sum(1 for p in work_reports if load_document(p).outline)
    assert with_outline >= 118  # one file in the corpus is only a web menu, no body


def test_unnumbered_part_titles_of_work_reports() -> None:
    doc = parse_text(
        "各位代表:\n2014年工作回顾\n一、经济发展\n全年增长8%。\n二、民生改善\n2015年工作安排\n一、稳增长\n二、促改革\n"
    )
    assert [(n.kind, n.heading, [c.heading for c in n.children]) for n in doc.outline] == [
        ("title", "2014年工作回顾", ["经济发展", "民生改善"]),
        ("title", "2015年工作安排", ["稳增长", "促改革"]),
    ]
    assert doc.section_path(4) == ["2014年工作回顾", "一、经济发展"]


def test_space_after_chinese_number_on_short_lines() -> None:
    doc = parse_text("一 主要举措和成效\n全年受理案件21件。\n二 存在的不足和原因\n一 是本句不是标题，只是正文。\n")
    assert [(n.number, n.heading) for n in doc.outline] == [("一", "主要举措和成效"), ("二", "存在的不足和原因")]
