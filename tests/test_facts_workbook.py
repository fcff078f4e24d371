"""The Excel 填报表: template → filled by openpyxl → import → draft; lossless export/import; merging
department workbooks; every bad cell named by sheet and cell; nothing written on failure."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest

from assistant.cli import main
from assistant.drafting import draft_report, draft_to_json, draft_to_markdown
from assistant.errors import FactsError, FileMissingError, UnsupportedFormatError
from assistant.facts import (
    export_workbook,
    import_workbooks,
    load_facts,
    parse_facts,
    split_sources,
    write_facts,
    write_template,
)
from assistant.facts.workbook_layout import OPTIONS, TEMPLATE_MARK, TEMPLATE_VERSION
from assistant.faithfulness import check_text, source_figures
from assistant.vocabulary import display_width

EXAMPLES = Path(__file__).resolve().parent.parent / "corpus" / "examples"
DISPUTES = "健全社会矛盾纠纷行政预防调处化解体系"
ENFORCEMENT = "健全行政执法工作体系"
FUNCTIONS = "健全政府机构职能体系"
LEADERSHIP = "加强党的领导，完善法治政府建设推进机制"


def _fill_basics(wb: openpyxl.Workbook, **over: object) -> None:
    values = {
        "B2": "云溪县人民政府",
        "B3": "县级",
        "B4": "政府",
        "B5": 2024,
        "B6": "临江市人民政府",
        "B7": dt.date(2025, 2, 20),
    }
    values.update(over)
    for cell, value in values.items():
        wb["基本信息"][cell] = value


def _template(tmp_path: Path, name: str = "填报表.xlsx") -> tuple[Path, openpyxl.Workbook]:
    path = tmp_path / name
    write_template(path, 2024)
    return path, openpyxl.load_workbook(path)


def _department(tmp_path: Path, name: str, rows: list[tuple], data: list[tuple], problems: list[tuple], **basics):
    """A department's workbook: 主要举措 rows (area, text), 数据 rows (area, point, name, value, unit, part_of,
    approx), 不足和原因 rows (problem, cause)."""
    path, wb = _template(tmp_path, name)
    if not basics.pop("blank_basics", False):
        _fill_basics(wb, **basics)
    for i, (area, text) in enumerate(rows, 2):
        wb["主要举措"][f"B{i}"], wb["主要举措"][f"C{i}"] = area, text
    for i, row in enumerate(data, 2):
        for col, value in zip("ABCDEFG", row):
            wb["数据"][f"{col}{i}"] = value
    for i, (problem, cause) in enumerate(problems, 2):
        wb["不足和原因"][f"B{i}"], wb["不足和原因"][f"C{i}"] = problem, cause
    wb.save(path)
    return path


# ---------------------------------------------------------------- the template


def test_template_guides_staff_with_dropdowns_frozen_headers_and_widths(tmp_path: Path) -> None:
    path, wb = _template(tmp_path)
    assert wb.sheetnames == [
        "说明",
        "基本信息",
        "主要举措",
        "领域概述",
        "数据",
        "不足和原因",
        "第一责任人",
        "下一年度安排",
        "其他",
        OPTIONS,
    ]
    assert wb[OPTIONS].sheet_state == "hidden"
    assert wb[OPTIONS]["A1"].value == TEMPLATE_MARK and wb[OPTIONS]["B1"].value == TEMPLATE_VERSION
    assert "模板版本" in "".join(str(c.value) for c in wb["说明"]["A"] if c.value)
    assert any("数值”只填阿拉伯数字" in str(c.value) for c in wb["说明"]["A"])
    for name in ("基本信息", "主要举措", "数据", "不足和原因", "第一责任人"):
        assert wb[name].freeze_panes == "A2", name
    # every header fits its column (a Chinese character is two columns wide)
    for name in ("主要举措", "数据", "不足和原因", "下一年度安排"):
        ws = wb[name]
        for cell in ws[1]:
            assert ws.column_dimensions[cell.column_letter].width >= display_width(str(cell.value)), (name, cell.value)
    assert wb["主要举措"].column_dimensions["C"].width >= 80  # the point text column is wide and wraps
    # dropdowns: the 纲要 areas of the year, Chinese level names, units, 约数; numbers only in 数值
    areas = [c.value for c in wb[OPTIONS]["A"][2:] if c.value]
    assert DISPUTES in areas and LEADERSHIP in areas and len(areas) == 9
    levels = [c.value for c in wb[OPTIONS]["C"][2:] if c.value]
    assert levels == ["省级", "地市级", "县级", "乡镇级"]
    units = [c.value for c in wb[OPTIONS]["E"][2:] if c.value]
    assert {"件", "项", "人次", "万元", "%"} <= set(units)
    by_cells = {str(dv.sqref): dv for dv in wb["数据"].data_validations.dataValidation}
    value_rule = next(dv for ref, dv in by_cells.items() if ref.startswith("D2:"))
    assert value_rule.type == "decimal" and "阿拉伯数字" in value_rule.error
    unit_rule = next(dv for ref, dv in by_cells.items() if ref.startswith("E2:"))
    assert unit_rule.type == "list" and OPTIONS in unit_rule.formula1 and unit_rule.errorStyle == "warning"
    area_rule = next(dv for dv in wb["主要举措"].data_validations.dataValidation if str(dv.sqref).startswith("B2:"))
    assert area_rule.type == "list" and "$A$3" in area_rule.formula1
    level_rule = next(dv for dv in wb["基本信息"].data_validations.dataValidation if str(dv.sqref) == "B3")
    assert level_rule.type == "list" and "$C$3" in level_rule.formula1
    # the template of an earlier 纲要 lists its tasks instead
    write_template(tmp_path / "2018.xlsx", 2018)
    old = openpyxl.load_workbook(tmp_path / "2018.xlsx")
    assert "坚持严格规范公正文明执法" in [c.value for c in old[OPTIONS]["A"]]


def test_template_filled_by_openpyxl_imports_and_drafts(tmp_path: Path) -> None:
    path, wb = _template(tmp_path)
    _fill_basics(wb, B7="2025年2月20日", B11="一年来，我县坚持依法行政，法治政府建设取得新成效")
    m = wb["主要举措"]
    m["B2"], m["C2"] = DISPUTES, "发挥行政复议化解行政争议主渠道作用，推行行政复议决定书网上公开"
    m["B3"], m["C3"] = ENFORCEMENT, "全面落实行政执法三项制度，开展行政执法案卷评查"
    m["B4"], m["C4"] = DISPUTES, "坚持和发展新时代“枫桥经验”，常态化排查化解矛盾纠纷"
    d = wb["数据"]
    rows = [
        (DISPUTES, 1, "收到行政复议申请", 86, "件", None, None),
        (DISPUTES, 1, "受理", 74, "件", "收到行政复议申请", None),
        (DISPUTES, 1, "不予受理", "12", "件", "收到行政复议申请", None),
        (ENFORCEMENT, 2, "抽查行政执法案卷", 420, "卷", None, None),
        (ENFORCEMENT, None, "罚没款", 2416.5, "万元", None, None),
        (DISPUTES, 3, "排查调处矛盾纠纷", 5200, "件", None, "余（多于）"),
        ("第一责任人", 1, "县长带头出庭应诉", 2, "次", None, None),
    ]
    for i, row in enumerate(rows, 2):
        for col, value in zip("ABCDEFG", row):
            d[f"{col}{i}"] = value
    wb["领域概述"]["A2"], wb["领域概述"]["B2"] = DISPUTES, "依法化解矛盾纠纷，维护社会和谐稳定"
    wb["不足和原因"]["B2"], wb["不足和原因"]["C2"] = "基层执法力量不足", "乡镇编制紧张，专业人才引进难"
    wb["第一责任人"]["B2"] = "县长带头尊法学法守法用法，带头出庭应诉"
    wb["下一年度安排"]["B2"] = "深化行政执法规范化建设，常态化开展案卷评查"
    wb.save(path)

    facts, notes = import_workbooks([path])
    assert notes == []
    assert facts.unit == "云溪县人民政府" and facts.level == "county" and facts.kind == "government"
    assert facts.year == 2024 and facts.date == dt.date(2025, 2, 20) and facts.recipients == ["临江市人民政府"]
    assert facts.items.measures.summary.startswith("一年来")
    areas = facts.items.measures.areas
    assert [a.area for a in areas] == [DISPUTES, ENFORCEMENT]  # the order staff wrote them in
    assert areas[0].heading == "依法化解矛盾纠纷，维护社会和谐稳定"
    first = areas[0].points[0]
    assert [(f.name, f.value, f.part_of) for f in first.figures] == [
        ("收到行政复议申请", 86, None),
        ("受理", 74, "收到行政复议申请"),
        ("不予受理", 12, "收到行政复议申请"),
    ]
    assert areas[0].points[1].figures[0].approx == "more"
    assert [f.name for f in areas[1].figures] == ["罚没款"]  # no 要点序号: the whole area's figure
    assert facts.items.leaders.points[0].figures[0].name == "县长带头出庭应诉"
    assert facts.items.shortcomings.problems[0].cause.startswith("乡镇编制紧张")
    assert all(p.source is None for a in areas for p in a.points)  # one workbook: nothing to tell apart

    draft = draft_report(facts, backend="composer")
    text = draft_to_markdown(draft)
    for said in (
        "收到行政复议申请86件",
        "受理74件",
        "不予受理12件",
        "罚没款2416.5万元",
        "5200余件",
        "县长带头出庭应诉2次",
    ):
        assert said in text, said
    assert "（一）依法化解矛盾纠纷，维护社会和谐稳定" in text
    body = "\n".join(s.text for s in draft.sections)
    result = check_text(body, source_figures(facts))
    assert result.counts["supported"] >= 7 and result.counts["unsupported"] == result.counts["misattributed"] == 0


# ---------------------------------------------------------------- round trip


@pytest.mark.parametrize("name", ["county", "town", "department"])
def test_export_import_round_trip_is_lossless_and_leaves_the_draft_unchanged(tmp_path: Path, name: str) -> None:
    facts = load_facts(EXAMPLES / f"{name}.yaml")
    export_workbook(facts, tmp_path / f"{name}.xlsx")
    back, notes = import_workbooks([tmp_path / f"{name}.xlsx"])
    assert back == facts and notes == []
    before, after = draft_report(facts, backend="composer"), draft_report(back, backend="composer")
    assert draft_to_markdown(after) == draft_to_markdown(before)
    assert draft_to_json(after) == draft_to_json(before)
    # and through the YAML the import writes
    write_facts(back, tmp_path / "back.yaml", header=["test"])
    assert load_facts(tmp_path / "back.yaml") == facts


def test_round_trip_keeps_sources_summaries_and_the_other_item(tmp_path: Path) -> None:
    text = (EXAMPLES / "department.yaml").read_text(encoding="utf-8")
    facts = parse_facts(text)
    area = facts.items.measures.areas[0]
    point = area.points[0].model_copy(update={"source": "公安局.docx:12；交通局.docx:7"})
    area = area.model_copy(update={"points": [point, *area.points[1:]], "summary": "领域概述一句"})
    facts = facts.model_copy(
        update={
            "items": facts.items.model_copy(
                update={
                    "measures": facts.items.measures.model_copy(
                        update={"areas": [area, *facts.items.measures.areas[1:]]}
                    )
                }
            )
        }
    )
    assert facts.items.other is not None
    export_workbook(facts, tmp_path / "x.xlsx")
    back, _ = import_workbooks([tmp_path / "x.xlsx"])
    assert back == facts
    assert split_sources(back.items.measures.areas[0].points[0].source) == ["公安局.docx:12", "交通局.docx:7"]


# ---------------------------------------------------------------- several workbooks


def _three_departments(tmp_path: Path) -> list[Path]:
    shared = "落实行政执法公示、执法全过程记录、重大执法决定法制审核制度"
    police = _department(
        tmp_path,
        "公安局.xlsx",
        [
            (ENFORCEMENT, shared),
            (DISPUTES, "深化“枫桥式公安派出所”创建，化解矛盾纠纷"),
            (ENFORCEMENT, "开展执法规范化建设"),
        ],
        [
            (DISPUTES, 2, "化解矛盾纠纷", 1320, "件", None, None),
            (ENFORCEMENT, 3, "办理行政处罚案件", 2150, "件", None, None),
        ],
        [("执法规范化水平不均衡", "基层所队警力不足")],
    )
    justice = _department(
        tmp_path,
        "司法局.xlsx",
        [(DISPUTES, "发挥行政复议主渠道作用"), (ENFORCEMENT, shared)],
        [
            (DISPUTES, 1, "收到行政复议申请", 86, "件", None, None),
            (DISPUTES, 1, "受理", 74, "件", "收到行政复议申请", None),
        ],
        [("行政复议规范化建设有待加强", "复议人员力量不足")],
        blank_basics=True,  # a department that left the basic information to the 司法局
    )
    market = _department(
        tmp_path,
        "市场监管局.xlsx",
        [(FUNCTIONS, "深化商事制度改革，推行经营主体登记全程网办"), (ENFORCEMENT, "严格食品药品领域执法")],
        [
            (FUNCTIONS, 1, "新登记经营主体", 2.86, "万户", None, None),
            (ENFORCEMENT, 2, "查办各类案件", 1268, "件", None, None),
        ],
        [("执法规范化水平不均衡", "基层所队警力不足")],
    )
    return [police, justice, market]


def test_merge_of_three_department_workbooks(tmp_path: Path) -> None:
    paths = _three_departments(tmp_path)
    facts, _notes = import_workbooks(paths)
    assert facts.unit == "云溪县人民政府" and facts.year == 2024  # from the two that filled it; the third left it blank
    areas = facts.items.measures.areas
    assert [a.area for a in areas] == [FUNCTIONS, ENFORCEMENT, DISPUTES]  # the 纲要's order, not the files'
    enforcement = {p.text: p for p in areas[1].points}
    shared = enforcement["落实行政执法公示、执法全过程记录、重大执法决定法制审核制度"]
    # an identical point from two workbooks is one point that names both, with the cell it came from
    assert split_sources(shared.source) == ["公安局.xlsx 主要举措!C2", "司法局.xlsx 主要举措!C3"]
    assert len(areas[1].points) == 3
    # the police point kept its figure; the figure names its cell
    police_case = enforcement["开展执法规范化建设"].figures[0]
    assert (police_case.name, police_case.value) == ("办理行政处罚案件", 2150)
    assert police_case.source == "公安局.xlsx 数据!D3"
    disputes = {p.source: p for p in areas[2].points}
    assert disputes["司法局.xlsx 主要举措!C2"].figures[1].part_of == "收到行政复议申请"
    # identical problems merge; each keeps its workbooks
    problems = facts.items.shortcomings.problems
    assert [split_sources(p.source) for p in problems] == [
        ["公安局.xlsx 不足和原因!B2", "市场监管局.xlsx 不足和原因!B2"],
        ["司法局.xlsx 不足和原因!B2"],
    ]
    assert {"公安局.xlsx 数据!D3", "司法局.xlsx 数据!D3", "市场监管局.xlsx 不足和原因!B2"} <= set(facts.sources())
    # the draft carries the sources: per section in Markdown and JSON, per figure in the check
    draft = draft_report(facts, backend="composer")
    text = draft_to_markdown(draft)
    assert "> 材料来源：公安局.xlsx 主要举措!C2；司法局.xlsx 主要举措!C3" in text
    section = next(s for s in draft_to_json(draft)["sections"] if s["id"] == "measures.disputes")
    assert "司法局.xlsx 数据!D2" in section["sources"]
    body = "\n".join(s.text for s in draft.sections)
    result = check_text(body, source_figures(facts))
    by_text = {m.text: m for m in result.mentions}
    assert by_text["86件"].status == "supported" and by_text["86件"].origin == "司法局.xlsx 数据!D2"
    assert by_text["2.86万户"].origin == "市场监管局.xlsx 数据!D2"


def test_conflicting_basic_information_is_reported_not_guessed(tmp_path: Path) -> None:
    paths = _three_departments(tmp_path)
    wb = openpyxl.load_workbook(paths[2])
    wb["基本信息"]["B5"] = 2023
    wb.save(paths[2])
    with pytest.raises(FactsError) as err:
        import_workbooks(paths)
    message = str(err.value)
    assert "报告年度不一致" in message
    assert "公安局.xlsx 基本信息!B5 为“2024”" in message and "市场监管局.xlsx 基本信息!B5 为“2023”" in message
    facts, _ = import_workbooks(paths, {"year": 2024})  # the compiler decides (fazhi facts import --year 2024)
    assert facts.year == 2024


def test_one_area_figure_named_twice_across_workbooks_is_an_error(tmp_path: Path) -> None:
    a = _department(
        tmp_path,
        "a.xlsx",
        [(ENFORCEMENT, "严格规范执法")],
        [(ENFORCEMENT, None, "罚没款", 100, "万元", None, None)],
        [("问题一二", "原因")],
    )
    b = _department(
        tmp_path,
        "b.xlsx",
        [(ENFORCEMENT, "严格规范执法行为")],
        [(ENFORCEMENT, None, "罚没款", 200, "万元", None, None)],
        [("问题三四", "原因")],
    )
    with pytest.raises(FactsError, match="罚没款.*a.xlsx 数据!C2、b.xlsx 数据!C2.*无法区分"):
        import_workbooks([a, b])


# ---------------------------------------------------------------- bad input


def test_errors_name_the_sheet_and_the_cell(tmp_path: Path) -> None:
    path, wb = _template(tmp_path)
    _fill_basics(wb, B5="二〇二四", B7="去年")
    wb["主要举措"]["B2"], wb["主要举措"]["C2"] = DISPUTES, "发挥行政复议主渠道作用"
    wb["主要举措"]["C3"] = "没有选择领域的一条要点"
    d = wb["数据"]
    rows = [
        (DISPUTES, 1, "收到行政复议申请", "六十四件", "件"),
        (DISPUTES, 1, "受理", "64件", "件"),
        (DISPUTES, 9, "审结", 60, "件"),
        (DISPUTES, 1, None, 5, "件"),
        (DISPUTES, 1, "维持", None, "件"),
        (DISPUTES, 1, "撤销", -3, "件"),
        (DISPUTES, 1, "罚没款", "12345678901234567890", "元"),
    ]
    for i, row in enumerate(rows, 2):
        for col, value in zip("ABCDE", row):
            d[f"{col}{i}"] = value
    wb.save(path)
    with pytest.raises(FactsError) as err:
        import_workbooks([path])
    details = err.value.details
    assert str(err.value).endswith("（另有 9 处错误）") and len(details) == 10
    expected = [
        "基本信息!B5：报告年度必须是四位数字的年份，如 2024，实际为“二〇二四”",
        "基本信息!B7：成文日期“去年”不是日期，格式应为 YYYY-MM-DD（如 2025-02-26）",
        "主要举措!B3：请选择这条要点所属的纲要领域",
        "数据!D2：数值必须是阿拉伯数字，实际为“六十四件”",
        "数据!D3：数值必须是阿拉伯数字，实际为“64件”（数值和单位请分开填写）",
        "数据!B4：主要举措中没有序号为 9 的要点",
        "数据!C5：指标名称未填写（数值为“5”）",
        "数据!D6：数值未填写（指标“维持”）",
        "数据!D7：数值不能是负数",
        "数据!D8：数值 12345678901234567890 有 20 位有效数字，超出能准确写入报告的范围",
    ]
    for want in expected:
        assert any(want in line for line in details), (want, details)
    assert all(line.startswith("填报表 填报表.xlsx ") for line in details)


def test_empty_and_half_filled_workbooks(tmp_path: Path) -> None:
    path, wb = _template(tmp_path)
    with pytest.raises(FactsError, match="填报表 填报表.xlsx 还没有填写"):
        import_workbooks([path])
    _fill_basics(wb, B2=None)
    wb.save(path)
    with pytest.raises(FactsError) as err:
        import_workbooks([path])
    assert "报告单位未填写：请在 填报表.xlsx 基本信息!B2 填写，或用 --unit 指定。" in err.value.details
    _fill_basics(wb)
    wb["主要举措"]["B2"], wb["主要举措"]["C2"] = DISPUTES, "发挥行政复议主渠道作用"
    wb.save(path)
    with pytest.raises(FactsError, match="没有填写“存在的不足和原因”"):
        import_workbooks([path])
    wb["主要举措"]["B3"] = ENFORCEMENT  # an area chosen, its text forgotten
    wb.save(path)
    with pytest.raises(FactsError, match=r"主要举措!C3：要点内容未填写（已选领域“健全行政执法工作体系”）"):
        import_workbooks([path])


def test_wrong_template_version_foreign_and_broken_workbooks(tmp_path: Path) -> None:
    path, wb = _template(tmp_path)
    wb[OPTIONS]["B1"] = 0
    wb.save(path)
    with pytest.raises(FactsError, match="模板版本为 0，本程序读取的是版本 1"):
        import_workbooks([path])
    plain = openpyxl.Workbook()
    plain.save(tmp_path / "随便.xlsx")
    with pytest.raises(FactsError, match="随便.xlsx 不是 fazhi 填报表"):
        import_workbooks([tmp_path / "随便.xlsx"])
    (tmp_path / "坏.xlsx").write_bytes(b"not a zip at all")
    with pytest.raises(FactsError, match="坏.xlsx 不是 Excel 工作簿"):
        import_workbooks([tmp_path / "坏.xlsx"])
    (tmp_path / "旧.xls").write_bytes(b"\xd0\xcf\x11\xe0")
    with pytest.raises(UnsupportedFormatError, match="另存为 .xlsx"):
        import_workbooks([tmp_path / "旧.xls"])
    with pytest.raises(FileMissingError):
        import_workbooks([tmp_path / "没有.xlsx"])
    _, wb = _template(tmp_path, "改表头.xlsx")
    wb["数据"]["D1"] = "数量"
    wb.save(tmp_path / "改表头.xlsx")
    with pytest.raises(FactsError, match="数据!D1：表头应为“数值”，实际为“数量”"):
        import_workbooks([tmp_path / "改表头.xlsx"])


def test_percent_cells_and_numbers_typed_as_text(tmp_path: Path) -> None:
    path, wb = _template(tmp_path)
    _fill_basics(wb)
    wb["主要举措"]["B2"], wb["主要举措"]["C2"] = DISPUTES, "发挥行政复议主渠道作用"
    wb["不足和原因"]["B2"] = "基层执法力量不足"
    d = wb["数据"]
    d["A2"], d["B2"], d["C2"], d["D2"] = DISPUTES, 1, "审结率", 0.932
    d["D2"].number_format = "0.0%"  # staff typed 93.2% into a percentage cell
    d["A3"], d["B3"], d["C3"], d["D3"], d["E3"] = DISPUTES, "1", "收到行政复议申请", "１,２８６", "件"
    wb.save(path)
    facts, notes = import_workbooks([path])
    figures = facts.items.measures.areas[0].points[0].figures
    assert [(f.name, f.value, f.unit) for f in figures] == [("审结率", 93.2, "%"), ("收到行政复议申请", 1286, "件")]


def test_cli_writes_nothing_when_a_workbook_is_bad(tmp_path: Path, capsys) -> None:
    out = tmp_path / "facts.yaml"
    out.write_text("旧内容\n", encoding="utf-8")
    path, wb = _template(tmp_path)
    _fill_basics(wb)
    wb["主要举措"]["B2"], wb["主要举措"]["C2"] = DISPUTES, "发挥行政复议主渠道作用"
    wb["数据"]["A2"], wb["数据"]["B2"], wb["数据"]["C2"], wb["数据"]["D2"] = DISPUTES, 1, "收到申请", "六十四件"
    wb["数据"]["A3"], wb["数据"]["B3"], wb["数据"]["C3"], wb["数据"]["D3"] = DISPUTES, 1, "受理", "多件"
    wb.save(path)
    assert main(["facts", "import", str(path), "--out", str(out)]) == 1
    err = capsys.readouterr().err
    assert "共 2 处需要修改" in err and "数据!D2：数值必须是阿拉伯数字，实际为“六十四件”" in err
    assert err.strip().splitlines()[-1].startswith("错误：填报表 填报表.xlsx 数据!D2")
    assert out.read_text(encoding="utf-8") == "旧内容\n"  # untouched
    assert sorted(p.name for p in tmp_path.iterdir()) == ["facts.yaml", "填报表.xlsx"]  # no temp file left


def test_cli_template_export_import_and_draft(tmp_path: Path, capsys) -> None:
    assert main(["facts", "template", "--out", str(tmp_path / "填报表.xlsx"), "--year", "2024"]) == 0
    assert "已生成填报表" in capsys.readouterr().out
    assert main(["facts", "export", str(EXAMPLES / "town.yaml"), "--out", str(tmp_path / "town.xlsx")]) == 0
    paths = _three_departments(tmp_path)
    out = tmp_path / "县.yaml"
    assert main(["facts", "import", *map(str, paths), "--out", str(out), "--date", "2025-03-01"]) == 0
    said = capsys.readouterr().out
    assert "已写入" in said and "3 个填报表" in said and "fazhi draft 县.yaml" in said
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# 由 fazhi facts import 从填报表 公安局.xlsx、司法局.xlsx、市场监管局.xlsx 汇总")
    facts = load_facts(out)
    assert facts.date == dt.date(2025, 3, 1)
    assert main(["draft", str(out), "--out", str(tmp_path / "县.md")]) == 0
    assert "材料来源" in (tmp_path / "县.md").read_text(encoding="utf-8")
    assert main(["facts", "export", str(out), "--out", str(tmp_path / "back.txt")]) == 1
    assert "请使用 .xlsx" in capsys.readouterr().err
