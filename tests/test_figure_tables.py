"""assistant.figures.tables: table cells labelled by their headers, 合计 rows/columns checked, no false alarms."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from assistant.cli import main
from assistant.documents import load_document, parse_text
from assistant.documents.loading import docx_text, html_text
from assistant.figures import check_relations, extract_figures

INTRO = [
    "某区司法局2023年法治政府建设年度报告",
    "一、主要举措和成效",
    "（一）加强行政复议和应诉工作。全年共收到行政复议申请45件，办结38件。",
]
OUTRO = [
    "二、存在的不足和原因",
    "一是行政执法人员专业化水平有待提高，二是基层法治力量仍然薄弱，三是法治宣传的针对性不强。",
]
HEADER = ["项目", "收案数（件）", "审结数（件）", "罚没款金额（万元）", "纠错率（%）"]


def _docx(path: Path, rows: list[list[str]], title: str = "表1  2023年行政复议、应诉和执法情况统计表") -> Path:
    import docx

    d = docx.Document()
    for p in INTRO:
        d.add_paragraph(p)
    table = d.add_table(rows=len(rows) + 1, cols=len(rows[0]))
    merged = table.cell(0, 0).merge(table.cell(0, len(rows[0]) - 1))
    merged.text = title
    for i, row in enumerate(rows, start=1):
        for j, value in enumerate(row):
            table.cell(i, j).text = value
    d.add_paragraph("二、存在的不足和原因")
    d.add_paragraph("行政执法人员专业化水平有待提高。")
    d.save(path)
    return path


GOOD = [
    HEADER,
    ["行政复议", "45", "38", "0", "12.5"],
    ["行政应诉", "31", "27", "0", "3.7"],
    ["行政处罚", "126", "120", "856.3", "—"],
    ["合  计", "202", "185", "856.3", "—"],
]


def _by_label(figures) -> dict:
    return {f.label: f for f in figures}


def test_docx_table_cells_get_row_and_column_labels_and_header_units(tmp_path: Path) -> None:
    doc = load_document(_docx(tmp_path / "report.docx", GOOD))
    figs = _by_label(extract_figures(doc))
    f = figs["行政复议收案数"]
    assert (f.value, f.unit, f.kind, f.exact, f.text) == (45, "件", "count", True, "45")
    assert doc.original_line(f.line) == "行政复议\t45\t38\t0\t12.5"
    assert f.section == ["一、主要举措和成效", "（一）加强行政复议和应诉工作"]
    money = figs["行政处罚罚没款金额"]
    assert (money.value, money.unit, money.kind, money.exact) == (8_563_000, "元", "money", False)
    rate = figs["行政应诉纠错率"]
    assert (rate.value, rate.unit, rate.kind) == (3.7, "%", "percent")
    assert figs["合计审结数"].value == 185
    assert figs["行政复议罚没款金额"].value == 0  # two adjacent "0" cells are two cells
    assert not [x for x in figs if "—" in x or x.endswith("项目")]
    assert figs["收到行政复议申请"].value == 45  # prose outside the table is read as before


def test_docx_right_total_is_checked_and_holds(tmp_path: Path) -> None:
    result = check_relations(load_document(_docx(tmp_path / "report.docx", GOOD)))
    assert result.issues == []
    held = sorted((c.stated, c.expected) for c in result.checked if c.kind == "table_total")
    assert held == [(185, 185), (202, 202), (8_563_000, 8_563_000)]
    assert all(c.holds for c in result.checked)


def test_docx_wrong_total_row_is_flagged_with_column_and_row_named(tmp_path: Path) -> None:
    bad = [row[:] for row in GOOD]
    bad[4][1] = "212"  # 45 + 31 + 126 = 202
    doc = load_document(_docx(tmp_path / "report.docx", bad))
    issues = check_relations(doc).issues
    assert [(i.kind, i.severity, i.stated, i.expected) for i in issues] == [("table_total_mismatch", "error", 212, 202)]
    issue = issues[0]
    assert doc.original_line(issue.line).startswith("合  计\t212")
    assert "“收案数”列" in issue.message and "“合计”为212件" in issue.message and "相加为202件" in issue.message
    assert "行政复议45" in issue.message and "行政处罚126" in issue.message


def test_fazhi_review_shows_the_table_figure_issue(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    bad = [row[:] for row in GOOD]
    bad[4][3] = "865.3"  # 0 + 0 + 856.3 = 856.3 (万元)
    path = _docx(tmp_path / "某区2023年法治政府建设年度报告.docx", bad)
    main(["review", str(path), "--json"])
    data = json.loads(capsys.readouterr().out)
    issues = [i for i in data["figure_issues"] if i["kind"] == "table_total_mismatch"]
    assert len(issues) == 1
    assert "“罚没款金额”列" in issues[0]["message"] and "865.3万元" in issues[0]["message"]
    assert "856.3万元" in issues[0]["message"]
    main(["review", str(path)])
    assert "罚没款金额" in capsys.readouterr().out


HTML = """<html><head><meta charset="utf-8"><title>2023年法治政府建设情况报告</title></head><body>
<p>某县2023年法治政府建设情况报告</p>
<p>一、行政执法情况</p>
<table border="1">
<tr><th></th><th>2022年</th><th>2023年</th><th>合计</th></tr>
<tr>
  <td><p>行政许可</p></td>
  <td>1,204</td>
  <td>1,350</td>
  <td>2,554</td>
</tr>
<tr><td>行政处罚<br/>（件）</td><td>318</td><td>297</td><td>615</td></tr>
<tr><td>行政检查</td><td>860</td><td>912</td><td>1,762</td></tr>
</table>
<p>二、下一步工作安排</p>
</body></html>"""


def test_html_table_rows_are_tab_separated_and_a_wrong_total_column_is_flagged(tmp_path: Path) -> None:
    assert "\t2022年\t2023年\t合计" in html_text(HTML).split("\n")
    assert "行政许可\t1,204\t1,350\t2,554" in html_text(HTML).split("\n")
    path = tmp_path / "report.html"
    path.write_text(HTML, encoding="utf-8")
    doc = load_document(path)
    figs = _by_label(extract_figures(doc))
    assert figs["2023年行政许可"].value == 1350 and figs["行政许可合计"].value == 2554
    issues = check_relations(doc).issues
    assert [(i.kind, i.stated, i.expected) for i in issues] == [("table_total_mismatch", 1762, 1772)]
    assert "“行政检查”行" in issues[0].message and "“合计”为1762" in issues[0].message
    assert "2022年860、2023年912" in issues[0].message


MD = """# 某市2023年法治政府建设年度报告

## 一、化解行政争议情况

全市行政复议案件审理情况见下表。

| 复议机关 | 新收案件 | 审结案件 |
| --- | ---: | ---: |
| 市政府 | 86 | 80 |
| 区政府 | 142 | 131 |
| 市直部门 | 17 | 15 |
| **合计** | 245 | 226 |

行政诉讼案件情况见下表。

| 类别 | 一审（件） | 二审（件） |
|------|-----------|-----------|
| 合计 | 63 | 20 |
| 市政府 | 12 | 3 |
| 区政府 | 51 | 16 |
"""


def test_markdown_tables_right_total_holds_wrong_total_first_row_is_flagged(tmp_path: Path) -> None:
    path = tmp_path / "report.md"
    path.write_text(MD, encoding="utf-8")
    doc = load_document(path)
    figs = _by_label(extract_figures(doc))
    assert (figs["区政府新收案件"].value, figs["区政府新收案件"].unit) == (142, "")
    assert (figs["区政府二审"].value, figs["区政府二审"].unit) == (16, "件")
    result = check_relations(doc)
    held = sorted(c.stated for c in result.checked if c.kind == "table_total" and c.holds)
    assert held == [63, 226, 245]
    assert [(i.kind, i.stated, i.expected) for i in result.issues] == [("table_total_mismatch", 20, 19)]
    assert "“二审”列" in result.issues[0].message and "市政府3、区政府16" in result.issues[0].message


@pytest.mark.parametrize(
    "rows",
    [
        # 小计 and 其中 rows nest: the rows do not add up on one level
        [["项目", "件数"], ["行政复议", "45"], ["其中：维持", "30"], ["行政应诉", "31"], ["合计", "76"]],
        [["单位", "件数"], ["甲镇", "10"], ["乙镇", "12"], ["小计", "22"], ["市直", "5"], ["合计", "27"]],
        # a part that is not a plain number
        [["项目", "件数"], ["行政复议", "45"], ["行政应诉", "—"], ["合计", "50"]],
        [["项目", "件数"], ["行政复议", "40余"], ["行政应诉", "30"], ["合计", "75"]],
        # rates and averages do not add up
        [
            ["项目", "纠错率（%）", "人均办案数"],
            ["行政复议", "12.5", "15"],
            ["行政应诉", "3.7", "10"],
            ["合计", "9.1", "12"],
        ],
        # mixed units in one column (a 单位 column)
        [["指标", "单位", "2023年"], ["行政处罚", "件", "120"], ["罚没款", "万元", "85"], ["合计", "件", "200"]],
        # no header row: the first row holds numbers
        [["行政复议", "45", "38"], ["行政应诉", "31", "27"], ["合计", "70", "60"]],
    ],
)
def test_tables_not_fully_understood_are_never_flagged(rows: list[list[str]]) -> None:
    text = "\n".join(INTRO + ["\t".join(r) for r in rows] + OUTRO)
    doc = parse_text(text)
    assert len(doc.lines) == len(INTRO) + len(rows) + len(OUTRO)  # the table is read, not dropped
    result = check_relations(doc)
    assert result.issues == [] and not [c for c in result.checked if c.kind == "table_total"]


def test_unit_column_gives_each_row_its_unit() -> None:
    rows = [["指标", "单位", "2023年"], ["行政处罚", "件", "120"], ["罚没款", "万元", "85.6"]]
    figs = _by_label(extract_figures(parse_text("\n".join(INTRO + ["\t".join(r) for r in rows] + OUTRO))))
    assert (figs["2023年行政处罚"].unit, figs["2023年行政处罚"].kind) == ("件", "count")
    money = figs["2023年罚没款"]
    assert (money.value, money.unit, money.kind) == (856_000, "元", "money")


def test_prose_with_a_tab_is_still_read_as_prose() -> None:
    text = "\n".join(
        INTRO[:2]
        + ["全年共办理行政复议案件45件。\t其中维持30件，撤销20件。", "全年审查合同35份。\t出具法律意见书12份。"]
    )
    result = check_relations(parse_text(text))
    assert [(i.kind, i.stated, i.expected) for i in result.issues] == [("breakdown_exceeds_total", 45, 50)]


def test_docx_cells_and_merged_cells(tmp_path: Path) -> None:
    import io

    import docx

    d = docx.Document()
    t = d.add_table(rows=3, cols=3)
    t.cell(0, 0).merge(t.cell(0, 2)).text = "统计表"
    for j, v in enumerate(["行政复议", "0", "0"]):
        t.cell(1, j).text = v
    t.cell(2, 1).merge(t.cell(2, 2)).text = "5"
    t.cell(2, 0).text = "行政应诉"
    buf = io.BytesIO()
    d.save(buf)
    assert docx_text(buf.getvalue()).split("\n") == ["统计表", "行政复议\t0\t0", "行政应诉\t5\t"]


def test_docx_total_row_merged_over_number_and_name_columns_is_checked(tmp_path: Path) -> None:
    import docx

    rows = [
        ["序号", "执法单位", "行政检查（次）", "行政处罚（件）"],
        ["1", "区市场监管局", "1,120", "86"],
        ["2", "区城管执法局", "2,310", "154"],
        ["3", "区生态环境分局", "245", "31"],
        ["合计", "", "3,675", "261"],
    ]
    d = docx.Document()
    for p in INTRO:
        d.add_paragraph(p)
    table = d.add_table(rows=len(rows), cols=4)
    for i, row in enumerate(rows):
        for j, value in enumerate(row):
            if value:
                table.cell(i, j).text = value
    table.cell(4, 0).merge(table.cell(4, 1))
    for p in OUTRO:
        d.add_paragraph(p)
    path = tmp_path / "report.docx"
    d.save(path)
    doc = load_document(path)
    assert "合计\t\t3,675\t261" in doc.original.split("\n")
    figs = _by_label(extract_figures(doc))
    assert figs["区城管执法局行政检查"].value == 2310 and figs["区城管执法局行政检查"].unit == "次"
    assert not [f for f in extract_figures(doc) if f.label.startswith("序号") or f.value in (1, 2, 3)]
    result = check_relations(doc)
    assert [(i.stated, i.expected) for i in result.issues] == [(261, 271)]
    assert "“行政处罚”列的“合计”为261件" in result.issues[0].message
    assert [(c.stated, c.holds) for c in result.checked if c.kind == "table_total"] == [(3675, True), (261, False)]


def test_year_rows_label_their_figures_and_contact_rows_are_not_figures() -> None:
    rows = [["年份", "收案数（件）", "审结数（件）"], ["2022年", "40", "36"], ["2023年", "45", "38"]]
    contact = [["填报单位", "某区司法局"], ["联系电话", "12345678"], ["邮编", "515000"], ["法律顾问人数", "23"]]
    text = "\n".join(INTRO + ["\t".join(r) for r in rows] + ["填报说明如下"] + ["\t".join(r) for r in contact] + OUTRO)
    figs = extract_figures(parse_text(text))
    table = {(f.label, f.value) for f in figs if f.line > len(INTRO)}
    assert ("2023年收案数", 45) in table and ("2022年审结数", 36) in table
    assert ("法律顾问人数某区司法局", 23) in table
    assert not [f for f in figs if f.value in (12345678, 515000)]


def test_two_level_docx_header_names_each_column_by_group_and_sub_header(tmp_path: Path) -> None:
    import docx

    d = docx.Document()
    for p in INTRO:
        d.add_paragraph(p)
    t = d.add_table(rows=5, cols=5)
    t.cell(0, 0).merge(t.cell(1, 0)).text = "年度"
    t.cell(0, 1).merge(t.cell(0, 2)).text = "行政复议（件）"
    t.cell(0, 3).merge(t.cell(0, 4)).text = "行政诉讼（件）"
    for j, v in enumerate(["收案", "结案", "收案", "结案"], 1):
        t.cell(1, j).text = v
    for i, row in enumerate(
        [["2022年", "40", "38", "20", "18"], ["2023年", "45", "40", "31", "27"], ["合计", "85", "78", "51", "46"]], 2
    ):
        for j, v in enumerate(row):
            t.cell(i, j).text = v
    for p in OUTRO:
        d.add_paragraph(p)
    d.save(tmp_path / "report.docx")
    doc = load_document(tmp_path / "report.docx")
    figs = _by_label(extract_figures(doc))
    assert (figs["2023年行政复议结案"].value, figs["2023年行政复议结案"].unit) == (40, "件")
    assert figs["2022年行政诉讼收案"].value == 20
    result = check_relations(doc)
    assert [(i.stated, i.expected) for i in result.issues] == [(46, 45)]
    assert "“行政诉讼结案”列" in result.issues[0].message


def test_html_colspan_keeps_the_column_count_and_labels_by_group(tmp_path: Path) -> None:
    html = (
        "<html><body><p>某县2023年法治政府建设情况报告</p><p>一、行政复议和应诉</p><table>"
        '<tr><th>年度</th><th colspan="2">行政复议（件）</th><th colspan=2>行政应诉（件）</th></tr>'
        "<tr><th></th><th>收案</th><th>结案</th><th>收案</th><th>结案</th></tr>"
        "<tr><td>2023年</td><td>45</td><td>40</td><td>31</td><td>27</td></tr></table>"
        f"<p>{OUTRO[0]}</p><p>{OUTRO[1]}</p></body></html>"
    )
    assert "年度\t行政复议（件）\t\t行政应诉（件）\t" in html_text(html).split("\n")
    path = tmp_path / "report.html"
    path.write_text(html, encoding="utf-8")
    figs = _by_label(extract_figures(load_document(path)))
    assert (figs["2023年行政应诉结案"].value, figs["2023年行政应诉结案"].unit) == (27, "件")


def test_appendix_table_after_the_last_paragraph_is_content_not_a_menu() -> None:
    """A 附表 closing the report is a run of short lines after the last prose, like a site menu; its
    单位 column names the towns (an organisation), not a unit of measure."""
    rows = [
        ["单位", "收案（件）", "结案（件）"],
        ["甲镇", "12", "10"],
        ["乙镇", "8", "8"],
        ["丙镇", "15", "13"],
        ["丁街道", "9", "9"],
        ["戊街道", "6", "5"],
        ["合计", "50", "45"],
    ]  # 12+8+15+9+6 = 50; 10+8+13+9+5 = 45
    rows[-1][2] = "47"
    text = "\n".join(INTRO + OUTRO + ["附表：2023年各镇街行政复议收结案情况"] + ["\t".join(r) for r in rows])
    doc = parse_text(text)
    assert not [r for r in doc.removed_lines if "镇" in r.text or "合计" in r.text]
    issues = check_relations(doc).issues
    assert [(i.kind, i.stated, i.expected) for i in issues] == [("table_total_mismatch", 47, 45)]
    menu = parse_text("\n".join(["首页", "机构概况", "政务公开", "政策文件", "办事服务", "互动交流"] + INTRO + OUTRO))
    assert len([r for r in menu.removed_lines if r.reason == "navigation"]) == 6  # a site menu still goes


def test_html_rowspan_groups_keep_every_row_and_the_innermost_name_labels_it(tmp_path: Path) -> None:
    group_cell = '<td rowspan="2">{}</td>'
    rows = "".join(
        "<tr>" + (group_cell.format(group) if group else "") + f"<td>{town}</td><td>{a}</td><td>{b}</td></tr>"
        for group, town, a, b in [
            ("东片", "甲镇", 12, 10),
            ("", "乙镇", 8, 8),
            ("西片", "丙镇", 15, 13),
            ("", "丁街道", 9, 9),
        ]
    )
    page = (
        "<html><body>"
        + "".join(f"<p>{p}</p>" for p in INTRO)
        + "<table><tr><th>片区</th><th>镇街</th><th>收案（件）</th><th>结案（件）</th></tr>"
        + rows
        + "<tr><td colspan=2>合计</td><td>46</td><td>40</td></tr></table>"
        + "".join(f"<p>{p}</p>" for p in OUTRO)
        + "</body></html>"
    )
    path = tmp_path / "report.html"
    path.write_text(page, encoding="utf-8")
    assert "丙镇\t15\t13" in html_text(page) and "东片\t乙镇\t8\t8" in html_text(page)
    doc = load_document(path)
    figs = _by_label(extract_figures(doc))
    assert figs["乙镇收案"].value == 8 and figs["丁街道结案"].value == 9
    issues = check_relations(doc).issues
    assert [(i.kind, i.stated, i.expected) for i in issues] == [("table_total_mismatch", 46, 44)]
    assert "乙镇8" in issues[0].message and "丁街道9" in issues[0].message  # 结案 40 holds


def _docx_merged(path: Path, total: str, merge_number: bool) -> Path:
    import docx

    d = docx.Document()
    for p in INTRO:
        d.add_paragraph(p)
    data = [
        ["片区", "镇街", "收案（件）"],
        ["东片", "甲镇", "12"],
        ["", "乙镇", "8"],
        ["西片", "丙镇", "15"],
        ["合计", "", total],
    ]
    table = d.add_table(rows=len(data), cols=3)
    for i, row in enumerate(data):
        for j, value in enumerate(row):
            table.cell(i, j).text = value
    table.cell(1, 0).merge(table.cell(2, 0)).text = "东片"
    if merge_number:
        table.cell(1, 2).merge(table.cell(2, 2)).text = "20"  # one figure for both towns
    for p in OUTRO:
        d.add_paragraph(p)
    d.save(path)
    return path


def test_docx_cells_merged_down_repeat_names_not_numbers(tmp_path: Path) -> None:
    doc = load_document(_docx_merged(tmp_path / "a.docx", "37", merge_number=False))
    assert "东片\t乙镇\t8" in doc.original
    assert _by_label(extract_figures(doc))["乙镇收案"].value == 8
    assert [(i.kind, i.stated, i.expected) for i in check_relations(doc).issues] == [("table_total_mismatch", 37, 35)]
    assert not check_relations(load_document(_docx_merged(tmp_path / "b.docx", "35", merge_number=False))).issues
    merged = load_document(_docx_merged(tmp_path / "c.docx", "35", merge_number=True))
    assert "东片\t乙镇\t\n" in merged.original + "\n"  # the merged 20 is not read twice
    assert not check_relations(merged).issues


def test_a_long_table_is_summed_in_the_message_not_recited() -> None:
    rows = [["镇街", "收案（件）"]] + [[f"第{i}镇", str(i % 5)] for i in range(30)] + [["合计", "61"]]
    doc = parse_text("\n".join(INTRO + ["\t".join(r) for r in rows] + OUTRO))
    issue = check_relations(doc).issues[0]
    assert (issue.stated, issue.expected) == (61, 60)
    assert "第0镇0、" in issue.message and "……第29镇4共30项" in issue.message and "第15镇" not in issue.message


SHARE_TABLE = """某区人民政府关于2023年度法治政府建设情况的报告
表1 行政复议案件审结情况
| 类别 | 件数 | 占比（%） |
|---|---|---|
| 维持 | 30 | 62.5 |
| 撤销 | 10 | 20.8 |
| 驳回 | 8 | 16.7 |
| 合计 | 48 | 100 |
"""

RATE_TABLE = """某区人民政府关于2023年度法治政府建设情况的报告
表2 政务服务事项办理情况
| 部门 | 受理（件） | 办结（件） | 办结率（%） |
|---|---|---|---|
| 区市场监管局 | 1200 | 1180 | 98.3 |
| 区人力资源局 | 800 | 760 | 95 |
| 合计 | 2000 | 1940 | 97 |
"""


def test_share_and_rate_columns_hold_and_their_slips_are_found():
    for table in (SHARE_TABLE, RATE_TABLE):
        ok = check_relations(parse_text(table))
        assert ok.issues == [] and len([c for c in ok.checked if c.kind == "table_rate"]) == 3
    bad = check_relations(parse_text(SHARE_TABLE.replace("| 撤销 | 10 | 20.8 |", "| 撤销 | 10 | 28.0 |")))
    assert [(i.kind, i.line, i.stated, i.expected) for i in bad.issues] == [("rate_mismatch", 6, 28, 20.83)]
    assert "撤销" in bad.issues[0].message and "合计48" in bad.issues[0].message
    bad = check_relations(parse_text(RATE_TABLE.replace("| 760 | 95 |", "| 760 | 97.5 |")))
    assert [(i.kind, i.stated, i.expected) for i in bad.issues] == [("rate_mismatch", 97.5, 95.0)]
    assert "办结760÷受理800" in bad.issues[0].message


@pytest.mark.parametrize(
    "table",
    [
        SHARE_TABLE.replace("| 合计 | 48 | 100 |\n", ""),  # no 合计 row: the share's base is not in the table
        RATE_TABLE.replace(
            "| 部门 | 受理（件） | 办结（件） | 办结率（%） |", "| 部门 | 受理（件） | 收到（件） | 办结率（%） |"
        ),
        SHARE_TABLE.replace("| 维持 | 30 | 62.5 |", "| 其中：维持 | 30 | 62.5 |"),  # nested rows
    ],
)
def test_share_and_rate_columns_without_a_clear_base_are_not_checked(table):
    result = check_relations(parse_text(table))
    assert not [c for c in result.checked if c.kind == "table_rate"] and result.issues == []
