"""Facts from submitted reports: measures by 纲要 area, figures with their labels and 其中 links, problems
with causes, plans and leaders' duties — each with its file and line, nothing invented — and a draft whose
every figure is found in the reports."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from docx import Document as DocxDocument

from assistant.cli import main
from assistant.documents import load_document
from assistant.drafting import draft_report, draft_to_markdown
from assistant.errors import FactsError, FileMissingError
from assistant.facts import (
    RECIPIENTS_PLACEHOLDER,
    Facts,
    facts_from_reports,
    load_facts,
    report_paths,
    split_sources,
)
from assistant.facts.report_text import prose, self_terms
from assistant.faithfulness import check_text, source_figures
from assistant.figures import find_numbers

SAMPLES = Path(__file__).resolve().parent.parent / "corpus" / "samples"
TOWN = SAMPLES / "baishi_town_2024.txt"
BUREAU = SAMPLES / "hechuan_market_bureau_2024.txt"
DISPUTES = "健全社会矛盾纠纷行政预防调处化解体系"
ENFORCEMENT = "健全行政执法工作体系"


def _compile(paths: list[Path], year: int = 2024, **kw: object) -> tuple[Facts, list[str]]:
    return facts_from_reports(paths, unit="青岚县人民政府", level="县", year=year, recipients=["临江市人民政府"], **kw)


def _points(facts: Facts) -> list:
    items = facts.items
    out = [p for a in items.measures.areas for p in a.points]
    for item in (items.leaders, items.next_year, items.other):
        out += item.points if item is not None else []
    return out


def _draft_figures_found_in(facts: Facts, reports: list[Path]) -> tuple[int, list]:
    """How many figures the composer's draft states, and those not found in the reports themselves."""
    draft = draft_report(facts, backend="composer")
    body = "\n".join(s.text for s in draft.sections)
    result = check_text(body, source_figures(reports))
    claims = [m for m in result.mentions if m.status != "ignored"]
    return len(claims), [m for m in claims if m.status not in ("supported", "derived_ok")]


def _nothing_invented(facts: Facts, reports: dict[str, Path]) -> None:
    """Every point's words stand in its source line (with the reporting unit's 我区/我局 named), and every
    figure's value is a number of that line."""
    docs = {name: load_document(path) for name, path in reports.items()}
    for point in _points(facts):
        for source in split_sources(point.source):
            name, _, line = source.rpartition(":")
            doc = docs[name]
            original = next(ln.text for ln in doc.lines if ln.no == int(line))
            words = prose(original)
            terms = self_terms(doc.meta.issuer)
            for term in terms[0] if terms else ():
                words = words.replace(term, terms[1])
            for piece in re.split(r"[。；]", point.text):
                assert piece in words, (piece, source)
            values = {round(t.number.value, 6) for t in find_numbers(original)}
            for fig in point.figures:
                scale = {"万": 1e4, "亿": 1e8}.get(fig.unit[:1], 1) if len(fig.unit) > 1 else 1
                assert round(fig.value * scale, 6) in values, (fig, source)


# ---------------------------------------------------------------- on our own sample reports


def test_reports_compile_by_area_with_sources_and_relations() -> None:
    facts, notes = _compile([TOWN, BUREAU])
    assert notes == []
    assert facts.unit == "青岚县人民政府" and facts.level == "county" and facts.year == 2024
    areas = {a.area: a for a in facts.items.measures.areas}
    disputes = areas[DISPUTES].points
    # the town's mediation and the bureau's 复议 both serve the disputes area, each with its own line
    assert [p.source for p in disputes] == ["baishi_town_2024.txt:14", "hechuan_market_bureau_2024.txt:14"]
    mediation = {f.name: f for f in disputes[0].figures}
    assert mediation["调解成功"].value == 257 and mediation["调解成功"].part_of == "排查矛盾纠纷"
    assert mediation["为群众提供法律咨询"].approx == "more"
    appeals = {f.name: f for f in disputes[1].figures}
    assert [appeals[n].part_of for n in ("维持", "撤销", "终止")] == ["审结", "审结", "审结"]
    assert appeals["受理投诉举报"].value == 3.1 and appeals["受理投诉举报"].unit == "万件"  # as the report writes it
    assert appeals["维持"].source == "hechuan_market_bureau_2024.txt:14"
    assert {p.source for p in areas[ENFORCEMENT].points} == {
        "baishi_town_2024.txt:12",
        "hechuan_market_bureau_2024.txt:10",
    }
    # the areas follow the 纲要, not the order the files came in
    order = [a.area for a in facts.items.measures.areas]
    assert order.index("健全政府机构职能体系") < order.index(ENFORCEMENT) < order.index(DISPUTES)
    problems = {p.problem: p for p in facts.items.shortcomings.problems}
    first = problems["综合执法队伍专业力量薄弱。12名执法人员中具有法律专业背景的仅2名"]
    assert first.cause == "乡镇编制紧张，专业人才引进难、留住难" and first.source == "baishi_town_2024.txt:19"
    assert problems["部分村级组织依法办事意识不强，村规民约修订不够及时"].cause.startswith("对村干部的法治培训")
    assert problems["新兴业态监管手段不足，对直播带货、平台经济等领域的违法行为发现难、取证难"].cause == (
        "信息化监管工具和专业人才储备不足"
    )
    leaders = facts.items.leaders.points
    assert [p.source for p in leaders] == ["baishi_town_2024.txt:22", "hechuan_market_bureau_2024.txt:22"]
    plans = [p.text for p in facts.items.next_year.points]
    assert "力争新增“法律明白人”50名" in plans[2] and len(plans) == 8
    _nothing_invented(facts, {"baishi_town_2024.txt": TOWN, "hechuan_market_bureau_2024.txt": BUREAU})
    count, missing = _draft_figures_found_in(facts, [TOWN, BUREAU])
    assert count >= 40 and missing == []


def test_identical_points_merge_only_when_identical(tmp_path: Path) -> None:
    shutil.copy(TOWN, tmp_path / "白石镇.txt")
    shutil.copy(TOWN, tmp_path / "白石镇（重复报送）.txt")
    changed = TOWN.read_text(encoding="utf-8").replace("调解成功257件", "调解成功256件")
    (tmp_path / "白石镇（修改稿）.txt").write_text(changed, encoding="utf-8")
    facts, _ = _compile([tmp_path / "白石镇.txt", tmp_path / "白石镇（重复报送）.txt"])
    disputes = next(a for a in facts.items.measures.areas if a.area == DISPUTES).points
    assert len(disputes) == 1
    assert split_sources(disputes[0].source) == ["白石镇.txt:14", "白石镇（重复报送）.txt:14"]
    assert split_sources(disputes[0].figures[0].source) == ["白石镇.txt:14", "白石镇（重复报送）.txt:14"]
    facts, _ = _compile([tmp_path / "白石镇.txt", tmp_path / "白石镇（修改稿）.txt"])
    disputes = next(a for a in facts.items.measures.areas if a.area == DISPUTES).points
    assert [p.source for p in disputes] == ["白石镇.txt:14", "白石镇（修改稿）.txt:14"]  # one figure differs: both kept


def test_folders_docx_html_and_bad_files(tmp_path: Path) -> None:
    folder = tmp_path / "报送材料"
    (folder / "乡镇").mkdir(parents=True)
    shutil.copy(TOWN, folder / "乡镇" / "白石镇.txt")
    doc = DocxDocument()
    for line in BUREAU.read_text(encoding="utf-8").splitlines():
        doc.add_paragraph(line)
    doc.save(folder / "市场监管局.docx")
    html = "".join(f"<p>{line}</p>" for line in TOWN.read_text(encoding="utf-8").splitlines())
    html = html.replace("白石镇", "青石镇").replace("263件", "310件")
    (folder / "青石镇.html").write_text(f"<html><body>{html}</body></html>", encoding="utf-8")
    (folder / "坏文件.docx").write_bytes(b"not a docx")
    no_figures = "青岚县统计局关于2024年度法治政府建设情况的报告\n一、主要举措和成效\n认真落实行政执法公示制度，规范统计执法行为。\n"
    no_figures += (
        "二、存在的不足和原因\n统计执法力量不足，主要原因是编制有限。\n三、下一年度主要安排\n加强统计执法队伍建设。\n"
    )
    (folder / "统计局.txt").write_text(no_figures, encoding="utf-8")
    shutil.copy(SAMPLES / "policy_qinglan_major_decisions.txt", folder / "决策办法.txt")  # a policy, no report
    (folder / "工作方案.txt").write_text(
        "青岚县2025年法治政府建设工作方案\n一、工作目标\n各部门要按照任务分工抓好落实。\n二、保障措施\n加强组织领导。\n",
        encoding="utf-8",
    )
    found = report_paths([folder, folder / "统计局.txt"])  # a folder (with its sub-folders) and a file in it: once each
    assert sorted(p.name for p in found) == sorted(
        ["决策办法.txt", "坏文件.docx", "工作方案.txt", "市场监管局.docx", "统计局.txt", "青石镇.html", "白石镇.txt"]
    )
    facts, notes = _compile([folder])
    joined = "\n".join(notes)
    assert "坏文件.docx：无法读取，已跳过" in joined
    assert "工作方案.txt：是工作方案/要点/计划，不是法治政府建设年度报告，已跳过" in joined
    assert "统计局.txt：没有找到任何数据（数字），已照常提取举措和问题" in joined  # reported, not fatal
    assert "决策办法.txt：是制度文件（办法、规定、条例），不是法治政府建设年度报告，已跳过" in joined
    files = {s.rpartition(":")[0] for s in facts.sources()}
    assert files == {"市场监管局.docx", "统计局.txt", "青石镇.html", "白石镇.txt"}
    towns = [p for a in facts.items.measures.areas if a.area == DISPUTES for p in a.points if "镇" in p.source]
    assert sorted(p.source.rpartition(":")[0] for p in towns) == ["白石镇.txt", "青石镇.html"]
    with pytest.raises(FileMissingError):
        _compile([tmp_path / "不存在"])
    with pytest.raises(FactsError, match="没有可用的年度报告"):
        _compile([folder / "坏文件.docx", folder / "工作方案.txt"])


def test_reports_without_problems_cannot_be_drafted_and_recipients_are_asked_for(tmp_path: Path) -> None:
    text = "\n".join(
        ln for ln in TOWN.read_text(encoding="utf-8").splitlines() if "不足" not in ln and "一是综合" not in ln
    )
    (tmp_path / "镇.txt").write_text(text, encoding="utf-8")
    with pytest.raises(FactsError, match="没有填写“存在的不足和原因”"):
        _compile([tmp_path / "镇.txt"])
    facts, notes = facts_from_reports([TOWN], unit="青岚县人民政府", level="县", year=2024)
    assert facts.recipients == [RECIPIENTS_PLACEHOLDER] and any("--recipients" in n for n in notes)


def test_cli_from_reports_writes_a_facts_file_the_draft_traces(tmp_path: Path, capsys) -> None:
    out = tmp_path / "青岚县.yaml"
    rc = main(
        ["facts", "from-reports", str(TOWN), str(BUREAU), "--unit", "青岚县人民政府", "--level", "县", "--year", "2024"]
        + ["--recipients", "临江市人民政府、中共青岚县委", "--date", "2025年2月26日", "--out", str(out)]
    )
    assert rc == 0
    said = capsys.readouterr().out
    assert "2 份报告" in said and "fazhi draft 青岚县.yaml" in said
    facts = load_facts(out)
    assert facts.recipients == ["临江市人民政府", "中共青岚县委"] and facts.date.isoformat() == "2025-02-26"
    assert out.read_text(encoding="utf-8").startswith("# 由 fazhi facts from-reports 从 2 份报告汇编")
    md = draft_to_markdown(draft_report(facts, backend="composer"))
    assert (
        "调解成功257件" in md and "> 材料来源：baishi_town_2024.txt 第14行；hechuan_market_bureau_2024.txt 第14行" in md
    )
    assert main(["check", str(tmp_path / "x.md"), "--source", str(out)]) == 1  # no such draft: a clear error
    (tmp_path / "draft.md").write_text(md, encoding="utf-8")
    assert main(["check", str(tmp_path / "draft.md"), "--source", str(out), "--json"]) == 0
    checked = capsys.readouterr().out
    assert '"origin": "baishi_town_2024.txt:14"' in checked
    assert (
        main(["facts", "from-reports", str(TOWN), "--unit", "青岚县人民政府", "--level", "县"] + ["--out", str(out)])
        == 2
    )


# ---------------------------------------------------------------- on real reports (the seeds)


def test_seeds_as_submitted_reports_give_a_traceable_draft(seeds: dict[str, Path]) -> None:
    reports = [seeds[k] for k in ("000", "001", "002", "003", "004")]
    facts, notes = facts_from_reports(
        reports, unit="示例市人民政府", level="市", year=2019, recipients=["某省人民政府"]
    )
    assert any(n.startswith("001_") and "工作方案" in n for n in notes)  # the work plan is no report: skipped
    assert any(n.startswith("000_") and "2016年度，与汇编的2019年度不一致" in n for n in notes)
    files = {s.rpartition(":")[0] for s in facts.sources()}
    assert files == {seeds[k].name for k in ("000", "002", "003", "004")}
    assert len(facts.items.measures.areas) >= 6 and len(facts.items.shortcomings.problems) >= 10
    # 茂南区 (000) writes in traditional characters: the facts are simplified, its "我区" named
    texts = " ".join(p.text for p in _points(facts))
    assert "茂南区共清理108个不符合执法资格的人员" in texts and "我区" not in texts
    assert "澄海区" in texts and "清丰县" in texts
    leaders = [p.source for p in facts.items.leaders.points]
    assert any(s.startswith(seeds["004"].name) for s in leaders)  # a paragraph inside the measures, as review reads it
    plans = facts.items.next_year.points
    assert any(p.source.startswith(seeds["003"].name) and p.text.startswith("将组织相关部门") for p in plans)
    causes = [p for p in facts.items.shortcomings.problems if p.cause]
    assert any(p.source == f"{seeds['003'].name}:42" and p.cause.startswith("该督察规定于今年出台") for p in causes)
    _nothing_invented(facts, {seeds[k].name: seeds[k] for k in ("000", "002", "003", "004")})
    count, missing = _draft_figures_found_in(facts, reports)
    assert count >= 15 and missing == [], [(m.text, m.label, m.reason) for m in missing]


# ---------------------------------------------------------------- the pieces, on real-looking sentences


def test_paragraphs_split_into_enumerated_measures_problems_and_causes() -> None:
    from assistant.facts.report_text import Span, cause_start, cause_words, is_signature, sentences, split_enumerated
    from assistant.mandates import load_mandates

    line = (
        "2.组织学习,提高意识。一是制定了学法计划,组织集中学法12次。二是举办出庭应诉培训班。三是组织1900多人参加培训。"
    )
    spans = split_enumerated(line, line.index("一是"))
    assert [line[s.start : s.end][:4] for s in spans] == ["", "一是制定", "二是举办", "三是组织"]
    assert line[spans[2].start : spans[2].end] == "二是举办出庭应诉培训班。"
    lone = "主要表现在以下四个方面:一是没有建立系统的督察体系。"
    assert [lone[s.start : s.end] for s in split_enumerated(lone)][1] == "一是没有建立系统的督察体系。"
    assert len(split_enumerated("唯一是例外的情况，不拆分。")) == 1
    strong = [re.compile(p) for p in load_mandates().item("shortcomings").cause_markers.strong]
    problem = "综合执法队伍专业力量薄弱。12名执法人员中具有法律专业背景的仅2名，主要原因是乡镇编制紧张。"
    cut = next(
        c for s in sentences(problem, Span(0, len(problem))) if (c := cause_start(problem, s, strong)) is not None
    )
    assert problem[:cut] == "综合执法队伍专业力量薄弱。12名执法人员中具有法律专业背景的仅2名，"
    assert cause_words(problem[cut:]) == "乡镇编制紧张。"
    assert cause_words("究其原因，是对村干部的法治培训频次不够") == "对村干部的法治培训频次不够"
    assert cause_words("造成该问题的主要原因是，该督察规定于今年出台") == "该督察规定于今年出台"
    led = "由于广大农村地区人口受教育程度比较低，法治意识依然比较淡漠。"
    assert cause_start(led, Span(0, len(led)), strong) == 0
    assert cause_start("部分单位程序意识不强，导致败诉。", Span(0, 16), strong) is None  # 导致 alone is no cause clause
    assert is_signature("汕头市澄海区人民政府") and is_signature("2019年12月16日")
    assert not is_signature("区政府法律顾问室，出具法律意见250多份")


def test_self_terms_and_punctuation() -> None:
    from assistant.facts.report_text import self_terms

    assert self_terms("汕头市澄海区人民政府") == (("我区",), "澄海区")
    assert self_terms("云溪县公安局") == (("我局", "本局"), "云溪县公安局")
    assert self_terms("柳荫镇") == (("我镇", "本镇"), "柳荫镇")
    assert self_terms(None) is None
    assert (
        prose("(一)加强组织领导,落实责任分工;共1,234件,10:30召开")
        == "（一）加强组织领导，落实责任分工；共1,234件，10:30召开"
    )
