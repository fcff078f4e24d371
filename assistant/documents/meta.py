"""Document metadata: title, issuer, level, year reported on, date, recipients, script, type.

Works on the normalised (simplified) kept lines. Real files are web pages, Word exports and bare
bodies (seed 004 starts with the body), so each field has a chain of clues, most reliable first.
The document type is weighed in documents.doc_type, the issuer in documents.issuer, its level in documents.places.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from assistant.documents.doc_type import DocTypeEvidence, classify
from assistant.documents.issuer import ORG_END, find_issuer
from assistant.documents.outline import match_heading
from assistant.vocabulary import GOV_WORK_REPORT, RULE_OF_LAW_REPORT, cn_to_int


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
    doc_type_confidence: float = 0.0
    doc_type_evidence: list[DocTypeEvidence] = field(default_factory=list)
    issuers: list[str] = field(default_factory=list)


def meta_to_json(meta: Meta) -> dict[str, Any]:
    """The metadata object of `fazhi parse --json` and `fazhi review --json`."""
    return {
        "title": meta.title,
        "issuer": meta.issuer,
        "issuers": list(meta.issuers),
        "level": meta.level,
        "is_department": meta.is_department,
        "year": meta.year,
        "date": meta.date,
        "recipients": list(meta.recipients),
        "script": meta.script,
        "doc_type": meta.doc_type,
        "doc_type_confidence": meta.doc_type_confidence,
        "doc_type_evidence": [
            {"line": e.line, "text": e.text, "signal": e.signal, "supports": e.genre, "label": e.label}
            for e in meta.doc_type_evidence
        ],
    }


class _LineLike(Protocol):
    no: int
    text: str


_TITLE_WORDS = re.compile(
    r"(报告|方案|要点|计划|规划|通知|意见|总结|情况|办法|规定|决定|纲要|汇报|条例|细则)(?:[(（][^()（）]{1,8}[)）])?$"
)
_NOTICE = re.compile(r"^(?P<issuer>.{2,40}?)关于(印发|转发|下发)?[《“]?(?P<inner>.+?)[》”]?的(通知|函)$")
_PLAN = re.compile(r"(方案|要点|计划|规划|安排|实施意见)$")
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
    r"(?:全[镇乡区县市省]|[\u4e00-\u9fff]{2,8}?(?:省|自治区|市|区|县|镇|乡|街道))?(?:的)?"
    r"(?:法治政府建设|依法行政|法治建设|推进依法行政)"
)
# The body's first sentence dates the year it reports on: "2022年，司法部坚持……", "2016年以来，…", "2018年是…".
_OPENING_YEAR = re.compile(r"(?:^|[，,。；;])((?:19|20)\d{2})\s*年(?:度)?(?:以来)?(?:[,，]|是)")
_GOV_PLAN_HEADING = re.compile(
    r"^(?:[一二三四五六七八九十]+、)?((?:19|20)\d{2})年(?:的)?(?:政府)?(?:主要|重点)?"
    r"(?:工作)?(?:安排|任务|部署|目标)"
)
_GOV_REVIEW_HEADING = re.compile(r"((?:19|20)\d{2})年(?:的)?(?:工作回顾|回顾|经济社会发展基本情况|工作)$")
_PUBLISHED = re.compile(r"(发布|发表|更新|成文|印发)(时间|日期)|来源[:：]")
_RECIPIENT_SPLIT = re.compile(r"[、，,；;]")


# A title run into the body on one line by a page export: "…情况的报告2023年，省政府坚持……".
_RUN_IN_TITLE = re.compile(r"^([^，,。；;:：]{6,60}?(?:报告|汇报))(?=(?:19|20)\d{2}年|各位)")
_DOC_NUMBER_PREFIX = re.compile(r"^[\u4e00-\u9fff]{1,8}〔(?:19|20)\d{2}〕\d+号\s*(?=《)")
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
    found = find_issuer(
        meta.title,
        outer_issuer,
        texts,
        file_stem=Path(path).stem if path != "<text>" else "",
        signature=_signature_issuer(texts),
        org_field=fields.get("发布机构") or fields.get("发文机关"),
    )
    meta.issuer, meta.issuers, meta.level, meta.is_department = (
        found.issuer,
        found.issuers,
        found.level,
        found.is_department,
    )
    decision = classify(lines, meta.title, lines[title_index].no if title_index >= 0 else None, path)
    meta.doc_type, meta.doc_type_confidence, meta.doc_type_evidence = (
        decision.doc_type,
        decision.confidence,
        decision.evidence,
    )
    meta.year = _year(meta, texts, path)
    return meta


def _first_heading_index(lines: Sequence[_LineLike]) -> int:
    for i, ln in enumerate(lines[:60]):
        if match_heading(ln.text):
            return i
    return -1


def _find_title(head: list[str]) -> tuple[str | None, int]:
    for i, s in enumerate(head):
        s = _title_form(s)
        if i == 0 and "。" in s:
            m = _RUN_IN_TITLE.match(s)
            if m:
                return m.group(1), i
        if not s or "。" in s or len(s) > 90 or s.endswith((":", "：")):
            continue
        joined = s
        j = i + 1
        # a title broken across lines: short fragments right after a line that does not end a title
        while not _TITLE_WORDS.search(joined) and j < len(head) and j <= i + 3:
            nxt = head[j]
            if nxt and "。" not in nxt and (len(nxt) <= 12 or (nxt.startswith("关于") and ORG_END.search(joined))):
                if nxt == "告" and joined.endswith("的"):
                    nxt = "报告"  # the page drops 报 when it breaks the title (seed 003)
                joined += nxt
            j += 1
        if _TITLE_WORDS.search(joined) and len(joined) >= 6 and not joined.startswith(("发布", "来源")):
            return joined, i
    return None, -1


def _title_form(s: str) -> str:
    """A title as some pages print it: "宁政发〔2019〕35号《…的报告》" → "…的报告"."""
    s = _DOC_NUMBER_PREFIX.sub("", s)
    return s[1:-1] if s.startswith("《") and s.endswith("》") and s.count("《") == 1 else s


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
        if parts and all(len(p) <= 30 and ORG_END.search(p) for p in parts):
            return parts
    return []


# A 主送 line is a list of organisation names: each ends like one (issuer.ORG_END), and none reads as a
# sentence ("2022年，我县扎实推进法治政府建设，现报告如下：" is the report's opening, not its recipients).
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


def _signature_issuer(texts: list[str]) -> str | None:
    """The organisation line directly above the closing date line."""
    for i in range(len(texts) - 1, 0, -1):
        if _DATE.match(texts[i].replace(" ", "")):
            prev = texts[i - 1].replace(" ", "")
            if 3 <= len(prev) <= 40 and ORG_END.search(prev) and "。" not in prev:
                return prev
    return None


def _year(meta: Meta, texts: list[str], path: str) -> int | None:
    if meta.title:
        m = _YEAR.search(meta.title)
        if m and not re.search(r"\d{4}\s*[-—–~至]\s*\d{4}", meta.title):
            return int(m.group(1))
    name = Path(path).stem if path and path != "<text>" else ""
    if meta.doc_type == GOV_WORK_REPORT:
        m = re.search(r"(?:^|_)((?:19|20)\d{2})年?$", name) or _YEAR.search(name)
        if m:
            return int(m.group(1))
        # no year in the file name: the year of the work it plans, or the year after the one it reviews
        headings = [s for s in texts if len(s) <= 40]
        planned = Counter(int(m.group(1)) for s in headings if (m := _GOV_PLAN_HEADING.search(s)))
        if planned:
            return planned.most_common(1)[0][0]
        for s in headings[:40]:
            m = _GOV_REVIEW_HEADING.search(s)
            if m:
                return int(m.group(1)) + 1
    intro = "\n".join(texts[:12])
    # "审议《静海区2022年度法治政府建设情况报告》" names last year's report, not this one's year
    years = Counter(int(y) for y in _YEAR_REPORTED.findall(re.sub(r"《[^》]*》", "", intro)))
    if years:
        return years.most_common(1)[0][0]
    for s in texts[:12]:
        m = _OPENING_YEAR.search(s)
        if m and not _PUBLISHED.search(s):
            return int(m.group(1))
    if meta.date:
        year = int(meta.date[:4])
        if meta.doc_type == RULE_OF_LAW_REPORT and int(meta.date[5:7]) <= 6:
            return year - 1
        return year
    m = re.search(r"[〔\[(]((?:19|20)\d{2})[〕\])]\s*\d+\s*号", intro)
    if m:
        return int(m.group(1))
    years = Counter(int(y) for y in _YEAR.findall(intro))
    return years.most_common(1)[0][0] if years else None
