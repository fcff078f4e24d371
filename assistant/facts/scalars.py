"""Reading a facts file's values as they are written, so each is drafted exactly so or refused.

PyYAML alone turns `date: 2025-13-45` into a crash inside its date constructor, a 5,000-digit integer
into a crash inside int(), `.inf`/`.nan` into floats no report can print, and a 38-digit integer into
a float that prints as another number. Here dates stay text for the schema to read (an impossible
date becomes a field error with its line), and a number no float holds exactly becomes an
`UnexactNumber` the schema refuses by name, instead of a value silently rounded.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from typing import Any

import yaml

MAX_DIGITS = 15  # significant digits a float64 round-trips exactly (DBL_DIG)
MAX_VALUE = 1e15  # 1000 万亿: above any figure a report states, and still an exact integer in a float
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_DATE = re.compile(r"^\s*(\d{4})\s*(?:[-/.]|年)\s*(\d{1,2})\s*(?:[-/.]|月)\s*(\d{1,2})\s*日?\s*$")


class UnexactNumber(str):
    """A number written with more digits than a float holds exactly: kept as text, never rounded."""

    @property
    def digits(self) -> int:
        return significant_digits(self)


def significant_digits(text: str) -> int:
    """Significant digits of a decimal as written: '0099.50' → 4 ('99.50'), '1.2e20' → 2."""
    mantissa = re.split(r"[eE]", text.replace("_", "").strip().lstrip("+-"), maxsplit=1)[0]
    digits = mantissa.replace(".", "").lstrip("0")
    return len(digits) if digits else 1


class FactsLoader(yaml.SafeLoader):
    """SafeLoader without implicit timestamps, with numbers checked for exactness as written."""


FactsLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != _TIMESTAMP]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _construct_int(loader: FactsLoader, node: yaml.ScalarNode) -> Any:
    text = str(node.value)
    plain = text.replace("_", "").lstrip("+-")
    if plain.isdigit() and significant_digits(plain) > MAX_DIGITS:  # base 10; 0x/0o/0b and 1:30 stay PyYAML's
        return UnexactNumber(text)
    return loader.construct_yaml_int(node)


def _construct_float(loader: FactsLoader, node: yaml.ScalarNode) -> Any:
    text = str(node.value)
    if any(c.isdigit() for c in text) and significant_digits(text) > MAX_DIGITS:
        return UnexactNumber(text)
    return loader.construct_yaml_float(node)


FactsLoader.add_constructor("tag:yaml.org,2002:int", _construct_int)
FactsLoader.add_constructor("tag:yaml.org,2002:float", _construct_float)


def number_problem(value: Any) -> str | None:
    """Why a figure's value cannot be drafted exactly as written; None when it can. Text is read as
    a written decimal (a table cell): more digits than a float holds is a problem, not a rounding."""
    if isinstance(value, str) and not isinstance(value, UnexactNumber):
        text = value.replace(",", "").strip()
        try:
            number = float(text)
        except ValueError:
            return None  # not a number at all: the caller says so in its own words
        return number_problem(UnexactNumber(text) if significant_digits(text) > MAX_DIGITS else number)
    if isinstance(value, UnexactNumber):
        shown = value if len(value) <= 24 else f"{value[:12]}…{value[-4:]}"
        return (
            f"数值 {shown} 有 {value.digits} 位有效数字，超出能准确写入报告的范围（最多 {MAX_DIGITS} 位），"
            "请核对是否多写了数字，或改用“万”“亿”等单位"
        )
    if isinstance(value, float) and math.isnan(value):
        return "不是一个数（.nan），请填写实际数值"
    if isinstance(value, float) and math.isinf(value):
        return "不能是无穷大（.inf），请填写实际数值"
    if isinstance(value, (int, float)) and abs(value) >= MAX_VALUE:
        return "数值过大（超过 1000 万亿），请核对是否多写了数字，或改用“万元”“亿元”等单位"
    return None


def parse_date(value: Any) -> Any:
    """2025-02-26, 2025/2/26, 2025.2.26 or 2025年2月26日 → date; an impossible one is a ValueError
    saying what is wrong. Anything else goes on to pydantic (a date object, or its own error)."""
    if isinstance(value, (int, float)):
        raise ValueError("日期格式应为 YYYY-MM-DD（如 2025-02-26）")
    if not isinstance(value, str):
        return value
    m = _DATE.match(value)
    if not m:
        raise ValueError(f"“{value.strip()[:30]}”不是日期，格式应为 YYYY-MM-DD（如 2025-02-26）")
    year, month, day = (int(g) for g in m.groups())
    if year < 1:
        raise ValueError(f"{value.strip()} 不是有效日期：年份不对")
    if not 1 <= month <= 12:
        raise ValueError(f"{value.strip()} 不是有效日期：没有 {month} 月")
    try:
        return dt.date(year, month, day)
    except ValueError:
        last = (dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)).day
        raise ValueError(f"{value.strip()} 不是有效日期：{year} 年 {month} 月只有 {last} 天") from None
