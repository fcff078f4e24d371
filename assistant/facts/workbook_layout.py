"""The 填报表 (Excel workbook) layout shared by the writer and the reader: sheets, columns, choices.

One definition, so a workbook written by `fazhi facts template` / `export` is read back by `import`
cell for cell, and every error can name the sheet and the cell staff must fix. A hidden sheet holds
the dropdown lists and the template marker (name and version): a workbook from an older layout is
refused with a message instead of being read into the wrong fields.
"""

from __future__ import annotations

from dataclasses import dataclass

from assistant.mandates import Area, load_mandates
from assistant.vocabulary import LEVEL_NAMES

__all__ = [
    "APPROX_CHOICES",
    "AREA_NOTES_SHEET",
    "BASIC",
    "BASIC_FIELDS",
    "DATA_SHEET",
    "INSTRUCTIONS",
    "INSTRUCTIONS_TEXT",
    "ITEM_SHEETS",
    "KIND_CHOICES",
    "LEVEL_CHOICES",
    "MEASURES_SHEET",
    "OPTIONS",
    "POINT_SHEETS",
    "PROBLEMS_SHEET",
    "SECTION_ITEMS",
    "TEMPLATE_MARK",
    "TEMPLATE_VERSION",
    "UNIT_CHOICES",
    "BasicField",
    "Column",
    "Sheet",
    "area_choices",
]

TEMPLATE_MARK = "fazhi 法治政府建设年度报告填报表"
TEMPLATE_VERSION = 1
INSTRUCTIONS = "说明"
BASIC = "基本信息"
MEASURES = "主要举措"
AREA_NOTES = "领域概述"
DATA = "数据"
PROBLEMS = "不足和原因"
LEADERS = "第一责任人"
NEXT_YEAR = "下一年度安排"
OTHER = "其他"
OPTIONS = "选项"  # hidden: dropdown lists and the template mark (A1 mark, B1 version)


@dataclass(frozen=True)
class Column:
    title: str  # the header staff see (row 1)
    width: int  # in Excel character units (a Chinese character is two)
    note: str = ""  # shown when the cell is selected
    wrap: bool = False


@dataclass(frozen=True)
class Sheet:
    name: str
    columns: tuple[Column, ...]
    rows: int  # rows prepared with numbers and dropdowns in the template

    def letter(self, title: str) -> str:
        return "ABCDEFGHIJ"[[c.title for c in self.columns].index(title)]


@dataclass(frozen=True)
class BasicField:
    key: str  # the facts field (or "summary.<item>" for an item's lead paragraph)
    label: str
    note: str
    required: bool = False


BASIC_FIELDS: tuple[BasicField, ...] = (
    BasicField("unit", "报告单位", "本报告的单位全称，如“云溪县人民政府”“临江市市场监督管理局”", True),
    BasicField("level", "层级", "从下拉列表选择：省级、地市级、县级、乡镇级", True),
    BasicField("kind", "单位类型", "政府，或政府部门（部门报告自称“我局”，第一责任人部分写“主要负责人”）", True),
    BasicField("year", "报告年度", "所报告的年度（上一年度），四位数字，如 2024", True),
    BasicField("recipients", "主送机关", "一个或多个，用顿号分隔，如“中共临江市委、临江市人民政府”", True),
    BasicField("date", "成文日期", "如 2025-02-26 或 2025年2月26日（须晚于报告年度）", True),
    BasicField("title", "标题（可不填）", "不填则为“××关于××年度法治政府建设情况的报告”"),
    BasicField("signer", "落款（可不填）", "不填则为报告单位"),
    BasicField("preamble", "开头语（可不填）", "不填则按规范自动生成"),
    BasicField("summary.measures", "主要举措概述（可不填）", "主要举措部分的开头一段"),
    BasicField("summary.shortcomings", "不足概述（可不填）", "存在的不足部分的开头一段"),
    BasicField("summary.leaders", "第一责任人概述（可不填）", "第一责任人部分的开头一段"),
    BasicField("summary.next_year", "下一年度安排概述（可不填）", "下一年度安排部分的开头一段"),
    BasicField("summary.other", "其他情况概述（可不填）", "其他需要报告的情况的开头一段"),
)

_SOURCE = Column("来源（可不填）", 24, "汇总多个填报表时自动记下来自哪个文件；也可自己填写材料出处")
MEASURES_SHEET = Sheet(
    MEASURES,
    (
        Column("序号", 6, "每条要点一个序号；“数据”表用它把数字挂到要点上"),
        Column("纲要领域", 40, "从下拉列表选择本条举措所属的《纲要》领域", wrap=True),
        Column("要点内容", 90, "一条举措或做法，一句话写清做了什么；数字可写在这里，也可填在“数据”表", wrap=True),
        _SOURCE,
    ),
    300,
)
AREA_NOTES_SHEET = Sheet(
    AREA_NOTES,
    (
        Column("纲要领域", 40, "需要自定小标题或开头语的领域", wrap=True),
        Column("小标题（可不填）", 40, "替代该领域的默认小标题", wrap=True),
        Column("概述（可不填）", 80, "该领域的开头一句", wrap=True),
    ),
    20,
)
DATA_SHEET = Sheet(
    DATA,
    (
        Column("所属部分", 40, "纲要领域，或“第一责任人”“下一年度安排”“其他”", wrap=True),
        Column("要点序号", 9, "该部分工作表中要点的序号；不填则作为整个部分的数据"),
        Column("指标名称", 36, "读起来能直接接数字，如“收到行政复议申请”（后接 86件）", wrap=True),
        Column("数值", 12, "只填阿拉伯数字，如 86 或 99.2，不带单位、不写汉字"),
        Column("单位", 10, "从下拉列表选择，也可直接输入其他单位"),
        Column(
            "其中（所属总数）",
            30,
            "本项是哪个总数的“其中”：填同一要点中那项数据的指标名称；比率填它所衡量的数据",
            wrap=True,
        ),
        Column("约数", 12, "“余”（多于）、“近”（少于）、“约”；确数不填"),
        _SOURCE,
    ),
    600,
)
PROBLEMS_SHEET = Sheet(
    PROBLEMS,
    (
        Column("序号", 6),
        Column("存在的不足", 70, "一条问题或不足", wrap=True),
        Column("原因", 70, "这条不足的原因（规定要求写明“不足和原因”）", wrap=True),
        _SOURCE,
    ),
    50,
)


def _points_sheet(name: str, title: str, note: str) -> Sheet:
    return Sheet(name, (Column("序号", 6), Column(title, 100, note, wrap=True), _SOURCE), 50)


LEADERS_SHEET = _points_sheet(LEADERS, "履职情况要点", "党政主要负责人履行推进法治建设第一责任人职责的一项具体做法")
NEXT_YEAR_SHEET = _points_sheet(NEXT_YEAR, "工作安排要点", "下一年度推进法治政府建设的一项安排")
OTHER_SHEET = _points_sheet(OTHER, "其他情况要点", "其他需要报告的情况（没有可不填）")

# The facts item each points sheet fills, and the sheets in the workbook's order (说明, 基本信息 first).
ITEM_SHEETS: dict[str, Sheet] = {"leaders": LEADERS_SHEET, "next_year": NEXT_YEAR_SHEET, "other": OTHER_SHEET}
POINT_SHEETS: tuple[Sheet, ...] = (
    MEASURES_SHEET,
    AREA_NOTES_SHEET,
    DATA_SHEET,
    PROBLEMS_SHEET,
    LEADERS_SHEET,
    NEXT_YEAR_SHEET,
    OTHER_SHEET,
)
SECTION_ITEMS: dict[str, str] = {sheet.name: item for item, sheet in ITEM_SHEETS.items()}

LEVEL_CHOICES: dict[str, str] = {name: level for level, name in LEVEL_NAMES.items() if level != "central"}
KIND_CHOICES: dict[str, str] = {"政府": "government", "政府部门": "department"}
APPROX_CHOICES: dict[str, str] = {"余（多于）": "more", "近（少于）": "less", "约": "about"}
UNIT_CHOICES: tuple[str, ...] = (
    "件", "项", "次", "个", "人", "人次", "名", "家", "户", "份", "条", "场", "期", "批", "卷", "宗",
    "起", "万元", "元", "亿元", "%", "‰", "个百分点", "天", "个工作日", "小时", "万人次", "万户",
)  # fmt: skip

INSTRUCTIONS_TEXT: tuple[str, ...] = (
    "本表用于填报本单位上一年度法治政府建设情况，汇总后由 fazhi 生成年度报告初稿（fazhi facts import）。",
    "填写顺序：先填“基本信息”，再按《法治政府建设实施纲要》领域在“主要举措”逐条填写要点，数字填在“数据”表。",
    "“主要举措”：每行一条要点，选择所属纲要领域，写清做了什么；每行左侧的序号不要改动。",
    "“数据”：每行一个数字。“所属部分”选纲要领域（或第一责任人、下一年度安排、其他），“要点序号”填这个数字所属要点的序号。",
    "“数值”只填阿拉伯数字（如 86、99.2），单位单独选择；“其中（所属总数）”填这个数所属总数的指标名称，用于“其中……”的写法。",
    "“不足和原因”：每行一条不足，并写明原因；“第一责任人”“下一年度安排”“其他”每行一条要点。",
    "标“（可不填）”的栏目可以留空；不要改动表头、工作表名称，也不要删除工作表。",
    "多个单位分别填报时，请用本单位名称命名文件（如“公安局.xlsx”）：汇总时每条要点和数据都会注明来自哪个文件。",
    "出错时 fazhi 会指出工作表和单元格，如“数据!D7：数值必须是阿拉伯数字”，按提示修改后重新导入即可。",
)


def area_choices(year: int | None) -> list[Area]:
    """The 纲要 areas in force for `year` (the newest 纲要 when None): the 主要举措 dropdown."""
    area_set = load_mandates().area_set(year)
    return list(area_set.areas) if area_set else []
