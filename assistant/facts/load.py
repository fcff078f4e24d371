"""Reading a facts file: YAML in any encoding a Windows editor saves, validation errors that name field and line.

Staff fill one YAML file per report (see corpus/examples/*.yaml); a clerk must be able to fix it from the
message alone, without reading Python.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError
from pydantic_core import ErrorDetails

from assistant.documents import decode_bytes
from assistant.errors import DecodeError, FactsError, FileMissingError
from assistant.facts.scalars import FactsLoader
from assistant.facts.schema import Facts
from assistant.vocabulary import ITEM_NAMES, LEVEL_NAMES

_FIELD_NAMES = {
    "unit": "报告单位",
    "level": "层级",
    "kind": "单位类型",
    "year": "年度",
    "recipients": "主送机关",
    "date": "成文日期",
    "items": "报告内容",
    **ITEM_NAMES,
    "areas": "纲要领域",
    "area": "领域",
    "points": "要点",
    "figures": "数据",
    "name": "名称",
    "value": "数值",
    "unit_": "单位",
    "problems": "问题",
    "problem": "问题",
    "cause": "原因",
    "text": "内容",
}

_MESSAGES = {
    "missing": "缺少必填项",
    "extra_forbidden": "不认识的字段（拼写错误？）",
    "literal_error": "取值不在允许范围内",
    "int_parsing": "必须是整数",
    "float_parsing": "必须是数字",
    "string_too_short": "内容为空或太短",
    "too_short": "至少需要一项",
    "date_from_datetime_parsing": "日期格式应为 YYYY-MM-DD",
    "date_parsing": "日期格式应为 YYYY-MM-DD",
    "date_type": "日期格式应为 YYYY-MM-DD",
    "string_type": "必须是文字",
    "list_type": "必须是列表（每项以 - 开头）",
    "model_type": "必须是键值结构",
    "greater_than_equal": "数值太小",
    "less_than_equal": "数值太大",
    "int_from_float": "必须是整数",
    "int_parsing_size": "数字位数过多",
    "finite_number": "必须是有限的数字（不能是 .inf 或 .nan）",
    "float_type": "必须是数字",
    "int_type": "必须是整数",
}

_YAML_HINTS = (
    ("mapping values are not allowed", "此处不应出现“名称: 值”，多半是缩进不对，或值里含有英文冒号（请给值加引号）"),
    ("could not find expected ':'", "缺少“: ”（冒号后要有空格）"),
    ("cannot start any token", "含有不能出现的字符（如 Tab 缩进或行首的 @、`），请改用空格缩进或给值加引号"),
    ("expected ',' or ']'", "方括号 [ ] 没有闭合"),
    ("expected ',' or '}'", "花括号 { } 没有闭合"),
    ("found unexpected end of stream", "引号没有闭合"),
    ("did not find expected key", "缩进不一致"),
    ("did not find expected '-' indicator", "列表项（- 开头）缩进不一致"),
    ("found duplicate anchor", "锚点重复"),
)


def _node_line(root: yaml.Node | None, loc: tuple[Any, ...]) -> int | None:
    """Follow a pydantic error location through the composed YAML tree to a 1-based line."""
    node = root
    line = node.start_mark.line + 1 if node is not None else None
    for key in loc:
        if isinstance(node, yaml.MappingNode):
            nxt = next((v for k, v in node.value if getattr(k, "value", None) == key), None)
        elif isinstance(node, yaml.SequenceNode) and isinstance(key, int) and key < len(node.value):
            nxt = node.value[key]
        else:
            nxt = None
        if nxt is None:
            break
        node = nxt
        line = node.start_mark.line + 1
    return line


def _field_path(loc: tuple[Any, ...]) -> str:
    parts = []
    for key in loc:
        if isinstance(key, int):
            parts.append(f"第{key + 1}项")
        elif key in ("function-after", "function-before"):
            continue
        else:
            parts.append(f"{key}（{_FIELD_NAMES.get(key, key)}）" if key in _FIELD_NAMES else str(key))
    return ".".join(parts) if parts else "文件"


def describe_error(err: ErrorDetails) -> str:
    """A validation error as "field path + what is wrong", in Chinese, without the place."""
    loc = tuple(k for k in err["loc"] if k not in ("function-after", "function-before"))
    typ = err["type"]
    msg = _MESSAGES.get(typ)
    if typ == "value_error":
        msg = str(err.get("ctx", {}).get("error", err["msg"]))
    elif typ == "literal_error":
        expected = str(err.get("ctx", {}).get("expected", "")).replace("' or '", "、").replace("', '", "、").strip("'")
        if loc and loc[-1] == "level":
            expected = (
                "、".join(f"{k}（{v}）" for k, v in LEVEL_NAMES.items() if k != "central")
                + "，也可写 省、市、县、区、镇、乡、街道"
            )
        msg = f"取值不在允许范围内，可选：{expected}"
    return f"{_field_path(loc)} {msg or err['msg']}"


def _error_message(err: ErrorDetails, root: yaml.Node | None, path: Path) -> str:
    loc = tuple(k for k in err["loc"] if k not in ("function-after", "function-before"))
    line = _node_line(root, loc)
    where = f"第{line}行" if line else "（行号未知）"
    return f"事实文件 {path.name} {where}：{describe_error(err)}"


def parse_facts(text: str, path: Path | str = "<facts>") -> Facts:
    """Validate facts YAML text; a FactsError names the field and the line."""
    path = Path(path)
    try:
        root = yaml.compose(text, Loader=FactsLoader)
        data = yaml.load(text, Loader=FactsLoader)  # FactsLoader is a SafeLoader
    except RecursionError:
        raise FactsError(f"事实文件 {path.name} 嵌套层数过多，无法读取") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"第{mark.line + 1}行：" if mark else "："
        problem = str(getattr(exc, "problem", None) or exc).splitlines()[0]
        hint = next((cn for en, cn in _YAML_HINTS if en in problem), "请检查缩进、冒号和括号")
        raise FactsError(f"事实文件 {path.name} {where}YAML 格式错误，{hint}（{problem}）") from exc
    if not isinstance(data, dict):
        raise FactsError(f"事实文件 {path.name} 应是键值结构（unit: …、year: …），实际为空或格式不对")
    try:
        return Facts.model_validate(data)
    except ValidationError as exc:
        errors = exc.errors()
        first = _error_message(errors[0], root, path)
        more = f"（另有 {len(errors) - 1} 处错误）" if len(errors) > 1 else ""
        err = FactsError(first + more)
        err.details = [_error_message(e, root, path) for e in errors]
        raise err from None


def load_facts(path: Path | str) -> Facts:
    path = Path(path)
    if not path.is_file():
        raise FileMissingError(f"找不到事实文件 {path}")
    # Windows editors save 记事本/WPS text as GBK ("ANSI") or UTF-16: read those too rather than refuse.
    try:
        text, _encoding = decode_bytes(path.read_bytes(), path.name)
    except DecodeError:
        raise FactsError(f"事实文件 {path.name} 不是文本文件（或编码无法识别），请另存为 UTF-8 编码的 .yaml") from None
    return parse_facts(text, path)
