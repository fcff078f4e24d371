"""The words fazhi shows users, defined once: item names, status words, levels, document types, numbers.

Every table, message, CLI line and web page names the five mandated items, their verdicts, a unit's
level and a document's type with these words, so a reviewer reads the same label in the printed
review, the batch spreadsheet and the web app. Numbers in messages are written by `fmt_number`, and
"does a stated figure agree with a computed one" is decided by `agrees`, at the precision the figure
was written with (99% accepts 98.5–99.49…).
"""

from __future__ import annotations

import unicodedata

# --- the five mandated items (ids are the facts file's field names and mandates.yaml's item ids) -------

ITEM_IDS: tuple[str, ...] = ("measures", "shortcomings", "leaders", "next_year", "other")
ITEM_NAMES: dict[str, str] = {
    "measures": "主要举措和成效",
    "shortcomings": "存在的不足和原因",
    "leaders": "第一责任人履职情况",
    "next_year": "下一年度主要安排",
    "other": "其他需要报告的情况",
}

# --- verdicts -----------------------------------------------------------------------------------------

PRESENT, PARTIAL, MISSING, NOT_APPLICABLE = "present", "partial", "missing", "n/a"
STATUS_NAMES: dict[str, str] = {PRESENT: "已写明", PARTIAL: "不完整", MISSING: "缺失", NOT_APPLICABLE: "不适用"}
STATUS_MARKS: dict[str, str] = {PRESENT: "✓", PARTIAL: "△", MISSING: "✗", NOT_APPLICABLE: "—"}
# How far a 纲要 area is covered.
COVERED, THIN, ABSENT = "covered", "thin", "absent"
COVERAGE_NAMES: dict[str, str] = {COVERED: "已涉及", THIN: "仅一处提及", ABSENT: "未涉及"}
SEVERITY_NAMES: dict[str, str] = {"error": "错误", "warning": "提示", "info": "说明"}
# What the faithfulness check says of one figure in a draft.
FIGURE_STATUS_NAMES: dict[str, str] = {
    "supported": "有据",
    "derived_ok": "推算有据",
    "misattributed": "张冠李戴",
    "unsupported": "无来源",
    "ignored": "不核对",
}

# --- units and documents ------------------------------------------------------------------------------

LEVELS: tuple[str, ...] = ("central", "province", "city", "county", "town")
LEVEL_NAMES: dict[str, str] = {
    "central": "中央",
    "province": "省级",
    "city": "地市级",
    "county": "县级",
    "town": "乡镇级",
}
# Document types (assistant.documents.doc_type decides which one a file is).
RULE_OF_LAW_REPORT, WORK_PLAN, GOV_WORK_REPORT = "rule_of_law_report", "work_plan", "gov_work_report"
DISCLOSURE_REPORT, WORK_SUMMARY, OTHER_DOCUMENT = "disclosure_report", "work_summary", "other"
NORMATIVE_DOCUMENT = "normative_document"
DOC_TYPES: tuple[str, ...] = (
    RULE_OF_LAW_REPORT,
    WORK_PLAN,
    GOV_WORK_REPORT,
    DISCLOSURE_REPORT,
    WORK_SUMMARY,
    NORMATIVE_DOCUMENT,
    OTHER_DOCUMENT,
)
DOC_TYPE_NAMES: dict[str, str] = {
    RULE_OF_LAW_REPORT: "法治政府建设年度报告",
    WORK_PLAN: "工作方案/要点/计划",
    GOV_WORK_REPORT: "政府工作报告",
    DISCLOSURE_REPORT: "政府信息公开工作年度报告",
    WORK_SUMMARY: "工作总结",
    NORMATIVE_DOCUMENT: "制度文件（办法、规定、条例）",
    OTHER_DOCUMENT: "其他",
}


# What a file in the retrieval store is: a past report (drafting exemplar) or a policy text (the basis cited).
CORPUS_KINDS: tuple[str, ...] = ("report", "policy")
KIND_NAMES: dict[str, str] = {"report": "往年报告", "policy": "政策文件"}


def status_name(status: str) -> str:
    """The Chinese word for an item verdict or an area's coverage; unknown ids are shown as they are."""
    return STATUS_NAMES.get(status) or COVERAGE_NAMES.get(status) or status


def level_name(level: str | None, unknown: str = "") -> str:
    return LEVEL_NAMES.get(level or "", level or unknown)


def doc_type_name(doc_type: str | None, unknown: str = "") -> str:
    return DOC_TYPE_NAMES.get(doc_type or "", doc_type or unknown)


def kind_name(kind: str | None, unknown: str = "") -> str:
    return KIND_NAMES.get(kind or "", kind or unknown)


# --- numbers in messages --------------------------------------------------------------------------------

EPS = 1e-6


def fmt_number(value: float, max_decimals: int = 2) -> str:
    """21.0 → "21", 93.25 → "93.25", 1/3 → "0.33": a figure as a message quotes it back."""
    if abs(value - round(value)) < 1e-9:
        return str(int(round(value)))
    return f"{value:.{max_decimals}f}".rstrip("0").rstrip(".")


def display_width(text: str) -> int:
    """Columns a string takes in a spreadsheet or a terminal: CJK and full-width characters count double."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def agrees(stated: float, computed: float, precision: float) -> bool:
    """Whether `stated` (written to ±`precision`) agrees with `computed`: 99% (±0.5) accepts 98.5–99.5."""
    return abs(stated - computed) <= precision + max(EPS, 1e-9 * abs(computed))


# --- Chinese numerals -----------------------------------------------------------------------------------

CN_DIGITS: dict[str, int] = {
    "零": 0,
    "〇": 0,
    "○": 0,
    "一": 1,
    "壹": 1,
    "二": 2,
    "贰": 2,
    "貳": 2,
    "两": 2,
    "兩": 2,
    "三": 3,
    "叁": 3,
    "參": 3,
    "四": 4,
    "肆": 4,
    "五": 5,
    "伍": 5,
    "六": 6,
    "陆": 6,
    "陸": 6,
    "七": 7,
    "柒": 7,
    "八": 8,
    "捌": 8,
    "九": 9,
    "玖": 9,
}
_WRITE_DIGITS = "零一二三四五六七八九"
_NUMBERING_DIGITS = {ch: CN_DIGITS[ch] for ch in "零〇一二三四五六七八九"}


def cn_to_int(s: str) -> int | None:
    """Heading and date numbering: 一 → 1, 十二 → 12, 二十 → 20, 一百零五 → 105, ① → 1; arabic digits too."""
    s = s.strip("()第章部分篇编")
    if s.isascii() and s.isdigit():
        return int(s)
    if len(s) == 1 and "\u2460" <= s <= "\u2473":
        return ord(s) - 0x2460 + 1
    if len(s) == 1 and "\u3251" <= s <= "\u325f":
        return ord(s) - 0x3251 + 21
    total, current = 0, 0
    for ch in s:
        if ch in _NUMBERING_DIGITS:
            current = _NUMBERING_DIGITS[ch]
        elif ch == "十":
            total += (current or 1) * 10
            current = 0
        elif ch == "百":
            total += (current or 1) * 100
            current = 0
        else:
            return None
    return total + current


def to_chinese(n: int) -> str:
    """1 → 一, 12 → 十二, 1076 → 一千零七十六 (up to 99999999): numbering and counts in words."""
    if n == 0:
        return "零"
    if n >= 10000:
        high, low = divmod(n, 10000)
        return to_chinese(high) + "万" + (("零" if low < 1000 else "") + to_chinese(low) if low else "")
    out, zero = "", False
    for value, name in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        digit, n = divmod(n, value)
        if digit:
            if zero and out:
                out += "零"
            out += _WRITE_DIGITS[digit] + name
            zero = False
        elif out:
            zero = True
    return out[1:] if out.startswith("一十") else out
