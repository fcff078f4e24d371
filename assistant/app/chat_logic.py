"""From a chat message to a facts object and a section to draft.

A staff member types "帮我写行政复议部分：今年收到申请35件，审结33件…". We find which section that
is (an item such as 存在的不足和原因, or a 纲要 area by its keywords in corpus/mandates.yaml), pull
the figures out with the figures engine, and build the same Facts the CLI drafts from — merged into
an uploaded facts file when there is one. The figures go to the user as an editable table; what
they correct there is what gets drafted.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError

from assistant.errors import InputError
from assistant.facts import Facts, number_problem
from assistant.figures import extract_figures_text
from assistant.mandates import Area, heading_names_item, load_mandates
from assistant.vocabulary import ITEM_NAMES, LEVEL_NAMES

FIGURE_HEADERS = ["名称", "数值", "单位", "其中（所属总数）", "原文"]
# Which mandated item an ask names, in this order of precedence; the cue words are the items'
# heading patterns in corpus/mandates.yaml. measures is chosen by 纲要 area instead.
CUE_ITEMS = ("shortcomings", "next_year", "leaders", "other")
# Short words a chat ask uses for an item ("帮我写不足部分", "主要负责人部分") that are no report heading;
# tried after the heading patterns, in the same precedence.
_SHORT_ASKS = (
    ("shortcomings", re.compile(r"不足|短板|差距|原因")),
    ("next_year", re.compile(r"下一?年度?|下一步|明年|计划|打算|安排")),
    ("leaders", re.compile(r"第一责任人|主要负责人|党政主要|一把手")),
)
_REQUEST = re.compile(
    r"^(请|请你|麻烦)?(根据\S{0,6}?示例)?(帮我|帮忙|给我)?(根据\S{0,6}?示例)?(起草|撰写|写|拟|生成|续写|改写|重写)(一下|一段)?"
)
# A clause that asks for writing rather than states a fact: a request verb with a polite lead, a section word
# or an example named ("请根据县级示例起草主要举措和成效一节"). Such clauses are never drafted as content.
_ASK_VERB = re.compile(r"起草|撰写|草拟|拟写|写|生成|续写|改写|重写")
_ASK_MARK = re.compile(
    r"^(?:请|麻烦|帮我|帮忙|给我|能否|可否|能不能|我想|我要|需要)|示例|(?:部分|一节|这一节|章节|一章|段落|全文)$"
)
_CLAUSE = re.compile(r"[，,；;。！!？?\n]+")
FULL_REPORT = re.compile(r"全文|整篇|全部|完整报告")
# The measures item asked for as a whole ("主要举措和成效一节"), not one 纲要 area of it.
_WHOLE_MEASURES = re.compile(r"主要举措|举措和成效|工作成效|主要成效|主要做法|工作举措")
LEVELS = {name: level for level, name in LEVEL_NAMES.items() if level != "central"}
# "根据县级示例…": the example facts files shipped in corpus/examples, by the kind of unit the ask names.
EXAMPLES = {"department": "department.yaml", "town": "town.yaml", "county": "county.yaml"}
_EXAMPLE_OF = (("department", re.compile(r"部门|局|委员会")), ("town", re.compile(r"乡镇|镇|乡|街道")))


@dataclass
class ChatRequest:
    item: str  # measures | shortcomings | leaders | next_year | other | all
    area: str | None  # 纲要 area name for measures
    area_id: str | None
    content: str  # the facts part of the message
    clauses: list[str] = field(default_factory=list)  # content clauses without figures
    topic: str = ""  # what the user asked for, for messages
    whole: bool = False  # the whole measures section (every area), not one area of it
    example: str | None = None  # "county" | "town" | "department": draft from that shipped example


def is_ask(clause: str) -> bool:
    """Whether a clause asks for writing ("请起草主要举措和成效一节") rather than states a fact."""
    clause = clause.strip()
    return bool(_ASK_VERB.search(clause) and _ASK_MARK.search(clause))


def split_request(message: str) -> tuple[str, str]:
    """("帮我写行政复议部分", "今年收到申请35件…") — the ask and the facts: split at the first colon, else the
    leading clauses that ask for writing are the ask and the rest is content."""
    text = message.strip()
    m = re.search(r"[:：]", text)
    if m and m.start() < 40:
        return text[: m.start()].strip(), text[m.end() :].strip()
    clauses = [c for c in _CLAUSE.split(text) if c.strip()]
    n = 0
    while n < len(clauses) and is_ask(clauses[n]):
        n += 1
    return "，".join(c.strip() for c in clauses[:n]), "，".join(c.strip() for c in clauses[n:])


def example_named(ask: str, level_label: str = "") -> str | None:
    """Which shipped example an ask drafts from ("根据县级示例…" → county), or None when it names none."""
    if "示例" not in ask:
        return None
    for kind, cue in _EXAMPLE_OF:
        if cue.search(ask.split("示例")[0]):
            return kind
    return "town" if LEVELS.get(level_label) == "town" else "county"


def _areas(year: int) -> list[Area]:
    """The 纲要 areas in force for `year` (id, name, keywords), from corpus/mandates.yaml."""
    area_set = load_mandates().area_set(year)
    return list(area_set.areas) if area_set else []


def _named_item(texts: tuple[str, ...], year: int) -> str | None:
    """The non-measures item the ask names by its heading wording ("存在的问题和不足", "下一步安排")."""
    mandates = load_mandates()
    for item_id in CUE_ITEMS:
        if any(heading_names_item(mandates.item(item_id), text, year) for text in texts if text):
            return item_id
    for item_id, cue in _SHORT_ASKS:
        if any(cue.search(t) for t in texts if t):
            return item_id
    return None


def classify(message: str, year: int, level_label: str = "") -> ChatRequest:
    ask, content = split_request(message)
    topic = re.sub(r"(部分|这一节|一节|章节)$", "", _REQUEST.sub("", ask)).strip() or ask
    head = ask or content[:30]
    example = example_named(ask, level_label)
    if FULL_REPORT.search(head):
        return ChatRequest("all", None, None, content, topic=topic or "全文", example=example)
    named = _named_item((head, topic), year)
    if named:
        return ChatRequest(named, None, None, content, topic=topic, example=example)
    areas = _areas(year)
    whole = bool(_WHOLE_MEASURES.search(head)) and not any(a.name in head for a in areas)
    if whole:
        ask = ""  # the ask names the section, not an area: the content alone says where its facts belong
    best, best_hits = None, 0
    probe = f"{ask} {content}"
    for area in areas:
        hits = sum(probe.count(k) * (3 if k in ask else 1) for k in area.keywords)
        if area.name in probe:
            hits += 10
        if hits > best_hits:
            best, best_hits = area, hits
    if best is None:
        if not content and not whole and not example:
            raise InputError("请说明要写哪一部分，例如「帮我写行政复议部分：今年收到申请35件，审结33件」。")
        best = next((a for a in areas if a.id == "leadership"), areas[0])
    if whole:
        return ChatRequest(
            "measures", best.name, best.id, content, topic=ITEM_NAMES["measures"], whole=True, example=example
        )
    return ChatRequest("measures", best.name, best.id, content, topic=topic or best.name, example=example)


def extract_table(content: str) -> list[list[Any]]:
    """The figures of the message as editable rows: name, value, unit, part_of, surface text."""
    if not content.strip():
        return []
    rows = []
    for f in extract_figures_text(content):
        if getattr(f, "kind", "") in ("year", "date", "ordinal"):
            continue
        label = re.sub(r"^(今年|全年|本年度|年内|去年|\d{4}年)", "", f.label or "").strip("，、 ") or f.text
        value = int(f.value) if float(f.value).is_integer() else f.value
        parent = f.parent if f.parent and f.parent != f.label and f.parent != label else ""
        rows.append([label, value, f.unit, parent, f.text])
    return rows


def table_rows(table: Any) -> list[list[Any]]:
    """Rows from a gr.Dataframe value (pandas DataFrame, dict or list), blank rows dropped."""
    if table is None:
        return []
    if hasattr(table, "values") and hasattr(table, "columns"):
        rows = table.values.tolist()
    elif isinstance(table, dict):
        rows = table.get("data") or []
    else:
        rows = list(table)
    return [list(r) for r in rows if any(str(c).strip() for c in r if c is not None)]


def table_figures(rows: list[list[Any]]) -> list[dict[str, Any]]:
    """NamedFigure dicts from edited rows; a bad number names its row in Chinese."""
    out = []
    for n, row in enumerate(rows, 1):
        row = (list(row) + ["", "", "", "", ""])[:5]
        name, value, unit, part_of = (
            str(row[0] or "").strip(),
            row[1],
            str(row[2] or "").strip(),
            str(row[3] or "").strip(),
        )
        if not name:
            raise InputError(f"数据表第{n}行缺少名称。")
        try:
            number = float(str(value).replace(",", "").strip())
        except ValueError:
            raise InputError(f"数据表第{n}行的数值「{value}」不是数字。") from None
        problem = number_problem(str(value))
        if problem:
            raise InputError(f"数据表第{n}行：{problem}。")
        fig: dict[str, Any] = {"name": name, "value": int(number) if number.is_integer() else number, "unit": unit}
        if part_of:
            fig["part_of"] = part_of
        out.append(fig)
    return out


def content_clauses(content: str, rows: list[list[Any]]) -> list[str]:
    """The clauses of the message that carry no figure: they become the point's own words."""
    surfaces = [str(r[4]) for r in rows if len(r) > 4 and r[4]]
    clauses = []
    for clause in _CLAUSE.split(content):
        clause = clause.strip().rstrip("…").strip()
        if len(clause) < 4 or any(s and s in clause for s in surfaces) or re.search(r"\d", clause) or is_ask(clause):
            continue
        clauses.append(clause)
    return clauses


_CAUSE = re.compile(r"^(其|主要|究其)?原因(是|在于|主要是|主要在于)?|^(主要是)?由于|^因为|^根源在于")


def problems_with_causes(clauses: list[str]) -> list[dict[str, Any]]:
    """ "执法力量不足，原因是编制有限" → one problem with its cause (the rule asks for both)."""
    problems: list[dict[str, Any]] = []
    for clause in clauses:
        m = _CAUSE.match(clause)
        if m and problems and "cause" not in problems[-1]:
            problems[-1]["cause"] = clause[m.end() :].strip("：:，, ") or clause
        else:
            problems.append({"problem": clause})
    return problems


def point_text(req: ChatRequest, clauses: list[str]) -> str:
    if clauses:
        return "，".join(clauses)
    if req.item == "measures" and req.topic and req.topic != req.area:
        return f"扎实做好{req.topic}工作"
    return f"扎实推进{req.area or req.topic or '法治政府建设'}各项工作"


def build_facts(
    req: ChatRequest, rows: list[list[Any]], *, unit: str, level: str, year: int, base: Facts | None = None
) -> Facts:
    """A Facts object holding what the message says, merged into `base` (an uploaded facts file)."""
    figures = table_figures(rows)
    point: dict[str, Any] = {"text": point_text(req, content_clauses(req.content, rows)), "figures": figures}
    has_content = bool(req.content.strip() or figures)
    data: dict[str, Any]
    if base is not None:
        data = dict(base.model_dump(mode="json", exclude_none=True))
    else:
        data = {
            "unit": unit.strip() or "本单位",
            "level": LEVELS.get(level, level or "county"),
            "year": int(year),
            "recipients": ["上级机关"],
            "date": f"{int(year) + 1}-02-28",
            "items": {
                "measures": {"areas": []},
                "shortcomings": {"problems": []},
                "leaders": {"points": []},
                "next_year": {"points": []},
            },
        }
    items = data["items"]
    if has_content:
        if req.item == "measures":
            areas = items["measures"].setdefault("areas", [])
            target = next((a for a in areas if a.get("area") in (req.area, req.area_id)), None)
            if target is None:
                areas.append({"area": req.area, "points": [point]})
            else:
                _drop_figures(target, {f["name"] for f in figures})
                target["points"] = target.get("points", []) + [point]
        elif req.item == "shortcomings":
            problems = items["shortcomings"].setdefault("problems", [])
            problems += problems_with_causes(content_clauses(req.content, rows) or [point["text"]])
        elif req.item in ("leaders", "next_year", "other"):
            target = items.get(req.item) or {"points": []}
            target["points"] = target.get("points", []) + [point]
            items[req.item] = target
    _fill_required(items, req)
    try:
        return Facts.model_validate(data)
    except ValidationError as exc:  # a value typed into the table that no report can state as written
        first = exc.errors()[0]
        field = ".".join(str(k) for k in first["loc"][-2:])
        raise InputError(f"表格中的数据无法使用（{field}）：{first['msg'].removeprefix('Value error, ')}") from None


def _drop_figures(area: dict[str, Any], names: set[str]) -> None:
    """What the user types now replaces the facts file's figure of the same name."""
    area["figures"] = [f for f in area.get("figures", []) if f.get("name") not in names]
    for p in area.get("points", []):
        if isinstance(p, dict):
            p["figures"] = [f for f in p.get("figures", []) if f.get("name") not in names]
            kept = {f.get("name") for f in p["figures"]}
            for f in p["figures"]:
                if f.get("part_of") and f["part_of"] in names and f["part_of"] not in kept:
                    f.pop("part_of")


def _fill_required(items: dict[str, Any], req: ChatRequest) -> None:
    """Facts demands every item; sections the user did not ask for get a neutral placeholder."""
    if not items["measures"].get("areas"):
        items["measures"]["areas"] = [
            {"area": req.area or "加强党的领导，完善法治政府建设推进机制", "points": ["（待补充）"]}
        ]
    if not items["shortcomings"].get("problems"):
        items["shortcomings"]["problems"] = [{"problem": "（待补充）", "cause": "（待补充）"}]


def section_id(req: ChatRequest) -> str | None:
    if req.item == "all":
        return None
    if req.item == "measures":
        return f"measures.{req.area_id}" if req.area_id and not req.whole else "measures"
    return req.item
