"""Document metadata: title, issuer, level, year reported on, date, recipients, script, type.

Works on the normalised (simplified) kept lines. Real files are web pages, Word exports and bare
bodies (seed 004 starts with the body), so each field has a chain of clues, most reliable first.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from assistant.documents.outline import match_heading
from assistant.vocabulary import cn_to_int


@dataclass
class Meta:
    title: str | None = None
    issuer: str | None = None
    level: str | None = None
    is_department: bool | None = None
    year: int | None = None
    date: str | None = None
    recipients: list[str] = field(default_factory=list)
    script: str = "simplified"
    doc_type: str = "other"


class _LineLike(Protocol):
    no: int
    text: str


_TITLE_WORDS = re.compile(r"(报告|方案|要点|计划|规划|通知|意见|总结|情况|办法|规定|决定|纲要|汇报)$")
_NOTICE = re.compile(r"^(?P<issuer>.{2,40}?)关于(印发|转发|下发)?[《“]?(?P<inner>.+?)[》”]?的(通知|函)$")
_ORG_YEAR = re.compile(
    r"^(?P<issuer>.{2,30}?(?:人民政府办公室|人民政府|管委会|管理委员会|[\u4e00-\u9fff]{1,8}?"
    r"(?:局|委员会|办公室|厅)))(?:19|20)\d{2}\s*年"
)
_ABOUT = re.compile(r"^(?P<issuer>.{2,40}?)关于(?P<rest>.+)$")
_RULE_OF_LAW = re.compile(
    r"(法治政府建设|依法行政|法治建设|法治政府).{0,20}(报告|汇报|情况|工作总结)|"
    r"(报告|汇报).{0,6}(法治政府建设|依法行政)"
)
_PLAN = re.compile(r"(方案|要点|计划|规划|安排|实施意见)$")
_GOV_REPORT = re.compile(r"(政府工作报告|(管委会|管理委员会)\d{0,4}年?工作报告|政府工作的报告)")
_CN_YEAR_DIGITS = {
    "〇": "0",
    "零": "0",
    "○": "0",
    "O": "0",
    "一": "1",
    "二": "2",
    "三": "3",
    "四": "4",
    "五": "5",
    "六": "6",
    "七": "7",
    "八": "8",
    "九": "9",
}
_DATE = re.compile(
    r"^\(?((?:19|20)\d{2}|[〇零○O一二三四五六七八九]{4})\s*年\s*([\d十一二三四五六七八九]{1,3})\s*月"
    r"\s*([\d十一二三四五六七八九]{1,3})\s*日\)?(印发)?$"
)
_YEAR = re.compile(r"((?:19|20)\d{2})\s*年")
_YEAR_REPORTED = re.compile(
    r"(?:现将|关于|将)?(?:我[镇乡区县市省局委办厅])?((?:19|20)\d{2})\s*年(?:度)?"
    r"(?:全[镇乡区县市省])?(?:的)?(?:法治政府建设|依法行政|法治建设|推进依法行政)"
)
_ORG_END = re.compile(
    r"(人民政府|政府办公室|人民政府办公室|办公室|管委会|管理委员会|委员会|司法局|局|厅|委|办|街道办事处|镇|乡)$"
)
_PLACE_UNITS = "省|自治区|市|区|县|旗|镇|乡|街道"
_SELF = re.compile(r"我(镇|乡|县|区|市|省|街道)")
_SPEAKER = re.compile(r"我代表(国务院|[^，,。、；\s]{2,30}?(人民政府|政府|管委会|管理委员会)(筹备组)?)")
_GENERIC_SPEAKER = re.compile(r"^(本|全|新)?(省|市|区|县|镇|乡|新区)(?P<org>.*)$")
_SESSION_PLACE = re.compile(r"在((?:[\u4e00-\u9fff]{2,4}?(?:省|市|区|县))+)(?:第|[一二三四五六七八九十]+届)")
_RECIPIENT_SPLIT = re.compile(r"[、，,；;]")
_PROVINCE_CITIES = ("北京市", "上海市", "天津市", "重庆市")


_FIELD = re.compile(r"(名称|标题|发布机构|发文机关|成文日期|发文日期)\s*:\s*(\S[^:]*?)\s*(?=$|\s\S{2,6}\s*:)")


def page_fields(chrome_lines: list[str]) -> dict[str, str]:
    """Fields of a government site's disclosure table (名称/发布机构/成文日期), from removed chrome lines."""
    fields: dict[str, str] = {}
    for s in chrome_lines:
        for m in _FIELD.finditer(s):
            value = m.group(2).strip()
            if value and value not in ("本网", "本站") and m.group(1) not in fields:
                fields[m.group(1)] = value
    return fields


def detect_meta(
    lines: Sequence[_LineLike], *, script: str, path: str = "<text>", fields: dict[str, str] | None = None
) -> Meta:
    """Metadata from the kept lines; `fields` are page fields (see page_fields) used as fallbacks."""
    fields = fields or {}
    meta = Meta(script=script)
    texts = [ln.text for ln in lines]
    body_start = _first_heading_index(lines)
    head = texts[: max(body_start, 0) if body_start >= 0 else min(len(texts), 12)][:15]
    title, title_index = _find_title(head)
    if title is None:
        title = _field_title(fields) or _filename_title(path)
    outer_issuer = None
    if title:
        m = _NOTICE.match(title)
        if m and _TITLE_WORDS.search(m.group("inner")):
            outer_issuer = m.group("issuer")
            inner = m.group("inner")
            title = inner if _find_line(texts, inner) or _PLAN.search(inner) or "报告" in inner else title
        meta.title = title
    meta.recipients = _recipients(texts[: (body_start if body_start > 0 else 12) + 3][:20])
    meta.date = _signature_date(texts) or _parse_date(fields.get("成文日期") or fields.get("发文日期") or "")
    meta.issuer = _issuer(meta.title, outer_issuer, texts, path)
    org = fields.get("发布机构") or fields.get("发文机关")
    if meta.issuer is None or (org and org.endswith(meta.issuer) and len(org) > len(meta.issuer)):
        meta.issuer = org or meta.issuer
    meta.level, meta.is_department = _level(meta.issuer)
    meta.doc_type = _doc_type(meta.title, texts, path)
    meta.year = _year(meta, texts, path)
    return meta


def _first_heading_index(lines: Sequence[_LineLike]) -> int:
    for i, ln in enumerate(lines[:60]):
        if match_heading(ln.text):
            return i
    return -1


def _find_title(head: list[str]) -> tuple[str | None, int]:
    for i, s in enumerate(head):
        if not s or "。" in s or len(s) > 90 or s.endswith((":", "：")):
            continue
        joined = s
        j = i + 1
        # a title broken across lines: short fragments right after a line that does not end a title
        while not _TITLE_WORDS.search(joined) and j < len(head) and j <= i + 3:
            nxt = head[j]
            if nxt and "。" not in nxt and (len(nxt) <= 12 or (nxt.startswith("关于") and _ORG_END.search(joined))):
                if nxt == "告" and joined.endswith("的"):
                    nxt = "报告"  # the page drops 报 when it breaks the title (seed 003)
                joined += nxt
            j += 1
        if _TITLE_WORDS.search(joined) and len(joined) >= 6 and not joined.startswith(("发布", "来源")):
            return joined, i
    return None, -1


def _field_title(fields: dict[str, str]) -> str | None:
    value = fields.get("名称") or fields.get("标题")
    return value if value and _TITLE_WORDS.search(value) else None


def _filename_title(path: str) -> str | None:
    """A descriptive file name ("2014年南山区政府工作报告_2014.txt") stands in for a missing title."""
    if not path or path == "<text>":
        return None
    stem = re.sub(r"_(?:19|20)\d{2}年?$", "", Path(path).stem).strip()
    stem = re.sub(r"[（(][^（()）]*[）)]$", "", stem).strip()
    if re.search(r"[\u4e00-\u9fff]{4}", stem) and _TITLE_WORDS.search(stem):
        return stem
    return None


def _parse_date(s: str) -> str | None:
    m = re.match(r"^((?:19|20)\d{2})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$", s.strip())
    if not m:
        return None
    y, mo, d = (int(g) for g in m.groups())
    return f"{y:04d}-{mo:02d}-{d:02d}" if 1 <= mo <= 12 and 1 <= d <= 31 else None


def _find_line(texts: list[str], s: str) -> bool:
    return any(t == s for t in texts[:80])


def _recipients(head: list[str]) -> list[str]:
    for s in head:
        if not s.endswith((":", "：")) or len(s) > 150 or "。" in s:
            continue
        body = s[:-1].strip()
        if not body or body.startswith(("各位", "尊敬的", "同志们", "附件", "来源", "发布")):
            continue
        if len(body) > 80 or _NOT_RECIPIENT.search(body):
            continue
        parts = [p.strip() for p in _RECIPIENT_SPLIT.split(body) if p.strip()]
        if parts and all(len(p) <= 30 and _ORG_END.search(p) for p in parts):
            return parts
    return []


# A 主送 line is a list of organisation names: each ends like one, and none reads as a sentence
# ("2022年，我县扎实推进法治政府建设，现报告如下：" is the report's opening, not its recipients).
_ORG_END = re.compile(
    r"(政府|委员会|管委会|办事处|单位|部门|机关|机构|局|办|厅|委|常委会|人大|党委|党组|"
    r"区委|县委|市委|省委|院|署|室|中心|公司|集团|处|科|所|站|队|部|会|镇|乡|街道|村|社区|"
    r"同志|领导)$"
)
_NOT_RECIPIENT = re.compile(r"(如下|报告|汇报|现将|特此|[。！？!?]|(19|20)\d{2}\s*年|\d+\s*[项件个条人])")


def _signature_date(texts: list[str]) -> str | None:
    found = None
    for s in texts:
        m = _DATE.match(s.replace(" ", ""))
        if m:
            found = m
    if not found:
        return None
    year = "".join(_CN_YEAR_DIGITS.get(c, c) for c in found.group(1))
    month, day = cn_to_int(found.group(2)), cn_to_int(found.group(3))
    if not (year.isdigit() and month and day and 1 <= month <= 12 and 1 <= day <= 31):
        return None
    return f"{int(year):04d}-{month:02d}-{day:02d}"


def _issuer(title: str | None, outer_issuer: str | None, texts: list[str], path: str) -> str | None:
    signature = _signature_issuer(texts)
    from_title = outer_issuer
    if from_title is None and title:
        m = _ABOUT.match(title) or _ORG_YEAR.match(title)
        if m and _ORG_END.search(m.group("issuer")):
            from_title = m.group("issuer")
    if from_title:
        if signature and signature.endswith(from_title) and len(signature) > len(from_title):
            return signature
        return from_title
    if signature:
        return signature
    generic_org = None
    for s in texts[:15]:
        m = _SPEAKER.search(s)
        if m:
            g = _GENERIC_SPEAKER.match(m.group(1))
            if not g:
                return m.group(1)
            generic_org = g.group("org") or None
            break
    place = _title_place(title, path)
    if place == "国务院":
        return place
    if place:
        if place.endswith(("镇", "乡", "街道")):
            return place
        return place + (generic_org or "人民政府")
    return _self_reference(texts)


def _title_place(title: str | None, path: str) -> str | None:
    name = Path(path).stem if path and path != "<text>" else ""
    m = _SESSION_PLACE.search(name) or (_SESSION_PLACE.search(title) if title else None)
    if m:
        return m.group(1)
    if not title:
        return None
    bare = re.sub(r"^(关于)?((?:19|20)\d{2}年度?)?", "", title)
    if bare.startswith("国务院"):
        return "国务院"
    m = re.match(rf"^((?:[\u4e00-\u9fff]{{2,8}}?(?:{_PLACE_UNITS}))+)", bare)
    if not m or m.group(1).startswith("关于"):
        return None
    return re.split(r"(?:人民)?政府", m.group(1))[0] or None


def _signature_issuer(texts: list[str]) -> str | None:
    """The organisation line directly above the closing date line."""
    for i in range(len(texts) - 1, 0, -1):
        if _DATE.match(texts[i].replace(" ", "")):
            prev = texts[i - 1].replace(" ", "")
            if 3 <= len(prev) <= 40 and _ORG_END.search(prev) and "。" not in prev:
                return prev
    return None


def _self_reference(texts: list[str]) -> str | None:
    """'我镇…《柳荫镇工程项目管理办法》': the unit the text calls 我X, named by its most frequent X-name."""
    body = "\n".join(texts)
    units = Counter(_SELF.findall(body))
    if not units:
        return None
    unit = units.most_common(1)[0][0]
    names = Counter(
        m
        for m in re.findall(rf"([\u4e00-\u9fff]{{2,3}}?){unit}", body)
        if not any(c in m for c in "各本我全乡城该辖个与和及等的到在")
    )
    if not names:
        return None
    name, count = names.most_common(1)[0]
    return f"{name}{unit}" if count >= 2 else None


def _level(issuer: str | None) -> tuple[str | None, bool | None]:
    if not issuer:
        return None, None
    name = issuer
    is_department = bool(re.search(r"(局|厅|委员会|委|办公室|办|部|署|中心|管理处|司法所)$", name)) and not re.search(
        r"(人民政府|管委会|管理委员会)$", name
    )
    if name.startswith(("国务院", "中共中央", "中央")) or re.match(
        r"^(国家|中华人民共和国).{0,10}(部|局|委员会|署)", name
    ):
        return "central", is_department
    core = re.sub(r"(人民政府|政府|管委会|管理委员会)?(办公室|办公厅)?$", "", name)
    core = re.sub(r"(人民政府|政府).*$", "", core) if is_department else core
    units = re.findall(rf"({_PLACE_UNITS})", core)
    if not units:
        return None, is_department
    last = units[-1]
    if last in ("镇", "乡", "街道"):
        return "town", is_department
    if last in ("区", "县", "旗") or "新区" in core:
        return "county", is_department
    if last == "市":
        if core.startswith(_PROVINCE_CITIES) and core.count("市") == 1 and "区" not in core:
            return "province", is_department
        return "city", is_department
    return "province", is_department


def _doc_type(title: str | None, texts: list[str], path: str) -> str:
    name = Path(path).stem if path and path != "<text>" else ""
    head = "\n".join(texts[:8])
    addressed = any(s.startswith("各位代表") for s in texts[:40])
    if (
        (title and _GOV_REPORT.search(title))
        or _GOV_REPORT.search(name)
        or (addressed and (re.search(r"向(大会|会议)(作|报告)", head) or "工作报告" in (title or name)))
    ):
        return "gov_work_report"
    if title:
        if _RULE_OF_LAW.search(title) and re.search(r"(报告|汇报|情况|工作总结)$", title):
            return "rule_of_law_report"
        if _PLAN.search(title):
            return "work_plan"
        if re.search(r"(报告|汇报)$", title) and _RULE_OF_LAW.search("\n".join(texts[:40])):
            return "rule_of_law_report"
    intro = "\n".join(texts[:10])
    if re.search(r"(法治政府建设|依法行政|法治建设)[^。]{0,20}(情况|工作)[^。]{0,10}(汇报|报告)如下", intro):
        return "rule_of_law_report"
    if title is None and re.search(r"(年度|年)(法治政府建设|依法行政)(工作)?(情况|报告)", intro):
        return "rule_of_law_report"
    return "other"


def _year(meta: Meta, texts: list[str], path: str) -> int | None:
    if meta.title:
        m = _YEAR.search(meta.title)
        if m and not re.search(r"\d{4}\s*[-—–~至]\s*\d{4}", meta.title):
            return int(m.group(1))
    name = Path(path).stem if path and path != "<text>" else ""
    if meta.doc_type == "gov_work_report":
        m = re.search(r"(?:^|_)((?:19|20)\d{2})年?$", name) or _YEAR.search(name)
        if m:
            return int(m.group(1))
        for s in texts[:40]:
            m = re.match(r"^(?:[一二三四五六七八九十]+、)?((?:19|20)\d{2})年(?:工作)?回顾", s)
            if m:
                return int(m.group(1)) + 1
    intro = "\n".join(texts[:12])
    years = Counter(int(y) for y in _YEAR_REPORTED.findall(intro))
    if years:
        return years.most_common(1)[0][0]
    if meta.date:
        year = int(meta.date[:4])
        if meta.doc_type == "rule_of_law_report" and int(meta.date[5:7]) <= 6:
            return year - 1
        return year
    m = re.search(r"[〔\[(]((?:19|20)\d{2})[〕\])]\s*\d+\s*号", intro)
    if m:
        return int(m.group(1))
    years = Counter(int(y) for y in _YEAR.findall(intro))
    return years.most_common(1)[0][0] if years else None
