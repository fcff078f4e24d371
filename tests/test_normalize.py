"""Normalisation: script, widths, and boilerplate removal that never eats report content."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from assistant.documents import clean_line, load_document, parse_text, to_simplified
from assistant.documents.normalize import classify_line, find_boilerplate
from assistant.errors import EmptyDocumentError


def test_traditional_to_simplified_keeps_lines() -> None:
    src = "茂南區人民政府關於2016年\n推進依法行政工作的主要措施\n問責25人次"
    out = to_simplified(src)
    assert out == "茂南区人民政府关于2016年\n推进依法行政工作的主要措施\n问责25人次"
    assert [len(x) for x in out.split("\n")] == [len(x) for x in src.split("\n")]


def test_width_unification_per_contract() -> None:
    line = "　　（一）全年受理１２件，办结率９５．５％；其中：撤销２件。"
    assert clean_line(line) == "(一)全年受理12件，办结率95.5%；其中:撤销2件。"


def test_mirror_pinyin_and_lost_indentation_are_stripped() -> None:
    assert (
        clean_line("南京市人民政府關(guān)于法治政府建設(shè)工作的報告") == "南京市人民政府關于法治政府建設工作的報告"
    )
    assert (
        clean_line("??一、2017年上海市法治政府建设的主要工作和成效") == "一、2017年上海市法治政府建设的主要工作和成效"
    )
    assert clean_line("(a)项目 ?问题 办结率(%)") == "(a)项目 ?问题 办结率(%)"  # plain brackets and a lone ? stay


def test_markdown_marks_are_stripped() -> None:
    assert clean_line("## 一、主要举措和成效") == "一、主要举措和成效"
    assert clean_line("**（一）加强组织领导**") == "(一)加强组织领导"


@pytest.mark.parametrize(
    "line,reason",
    [
        ("您当前所在位置: 首页 > 政务公开 > 五公开", "navigation"),
        ("当前位置:首页 > >> 法治政府建设示范创建 >> 网络检索指标", "navigation"),
        ("扫一扫在手机打开当前页", "web_chrome"),
        ("字体大小:", "web_chrome"),
        ("【打印】【字体:大 中 小】", "web_chrome"),
        ("分享到:", "web_chrome"),
        ("-_-", "web_chrome"),
        ("• 2019-12-30 17:15", "web_chrome"),
        ("发布时间:2016-08-19 08:08:00 阅读次数:-", "web_chrome"),
        ("版权所有:某某市人民政府 粤ICP备05087355号", "footer"),
        ("内蒙古时时彩开奖视频 竞彩赛果胜平负统计软件 银河国际棋牌娱乐下载 分分彩挂机软件", "spam"),
    ],
)
def test_boilerplate_lines(line: str, reason: str) -> None:
    assert classify_line(clean_line(line)) == reason


@pytest.mark.parametrize(
    "line",
    [
        "汕头市人民政府:",
        "一、推进法治政府建设的主要举措和成效",
        "2019年12月16日",
        "汕头市澄海区人民政府",
        "(一)严厉打击非法集资、网络赌博等违法犯罪活动，全年查处赌博案件12宗。",
        "各位代表:",
        "附件:",
        "当前，我区法治政府建设仍存在薄弱环节，主要表现在首页信息更新不及时。",
        "(三)严厉打击网络赌博、六合彩、私彩、百家乐、棋牌类赌博违法犯罪",
        "全年查处赌博案件12宗 网络赌博3宗 赌场2个",
        "门户网站首页/政务公开/信息公开年报栏目全年更新信息1200条",
    ],
)
def test_report_content_is_kept(line: str) -> None:
    assert classify_line(clean_line(line)) is None


def test_signature_after_report_survives_trailing_chrome() -> None:
    texts = [
        clean_line(s)
        for s in [
            "四、下一年度主要安排",
            "(一)深化放管服改革，优化营商环境。",
            "汕头市澄海区人民政府",
            "2019年12月16日",
            "扫一扫在手机打开当前页",
            "澄海区人民政府门户网站",
            "您访问的链接即将离开“澄海区人民政府门户网站”,是否继续?",
            "_-_-",
        ]
    ]
    reasons = find_boilerplate(texts)
    assert sorted(reasons) == [4, 5, 6, 7]


def test_only_boilerplate_is_a_clear_error() -> None:
    page = "选择语言\n您当前所在位置: 首页 > 政务公开\n字体大小:\n扫一扫在手机打开当前页\n手机版\n"
    with pytest.raises(EmptyDocumentError, match="只有网页导航"):
        parse_text(page)


def test_seed_boilerplate_matches_labels(seeds: dict[str, Path]) -> None:
    doc = load_document(seeds["000"])
    removed = {r.line: r.reason for r in doc.removed_lines}
    last = len(doc.original.rstrip("\n").split("\n"))
    assert removed.get(last) == "spam"
    assert removed.get(1) == "navigation" and removed.get(5) == "web_chrome"
    assert "时时彩" not in doc.text
    assert doc.lines[0].no == 3  # the title is the first kept line
    d3 = load_document(seeds["003"])
    assert {r.line for r in d3.removed_lines} == {1, 2, 4, 5}
    d2 = load_document(seeds["002"])
    assert d2.lines[-1].text == "2019年12月16日"
    assert "门户网站" not in d2.text


PROSE = re.compile(r"[。；]")


def _assert_no_prose_removed(doc) -> None:
    crumbs = [r.text for r in doc.removed_lines if r.reason == "navigation"]
    for r in doc.removed_lines:
        if r.reason == "spam" or "位置" in r.text[:8] or any(r.text in c and r.text != c for c in crumbs):
            continue  # spam, or a menu entry the breadcrumb repeats (seed 003 line 4)
        text = clean_line(to_simplified(r.text))
        assert not (len(text) >= 30 and PROSE.search(text)), (doc.path, r.line, r.text)


def test_no_report_content_removed_from_seeds_and_work_reports(
    seeds: dict[str, Path], work_reports: list[Path]
) -> None:
    removed = kept = 0
    for path in [*seeds.values(), *work_reports]:
        doc = load_document(path)
        _assert_no_prose_removed(doc)
        removed += len(doc.removed_lines)
        kept += len(doc.lines)
        body = [n.line for n in doc.headings()]
        assert not set(body) & {r.line for r in doc.removed_lines}
    assert removed < 0.2 * kept
