"""Who issued a document, from every clue it gives; its level follows from the name (documents.places).

Clues, most reliable first: the title ("XX县人民政府关于…", a notice's issuer, "中共XX区委 XX区人民政府关于…"
for a joint party + government report), the signature above the closing date, the speaker of a
政府工作报告 (我代表XX人民政府), a place named in the title; then, for the many reports published with
no title line, the opening's subject ("2022年，司法部坚持……", "2024年，渝中区坚持……"), a place in an
opening heading ("一、2017年上海市法治政府建设的主要工作和成效"), and the unit the text calls 我省/我局.
A unit that names itself only as 我局 takes the level of the 党委/政府 it says leads it (在县委、县政府的
领导下 → county).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from assistant.documents.places import (
    DEPARTMENT,
    GOVERNMENT,
    PROVINCES,
    UNIT_LEVEL,
    canonical,
    level_of,
    province_name,
    split_joint,
)

# The subject of the opening sentence: "2022年，司法部坚持……", "2025年，在区委、区政府的正确领导下，三都镇深入……".
_OPENING_SUBJECT = re.compile(
    r"(?:^|[，,。；;])(?:(?:19|20)\d{2}年?(?:度|以来)?|今年以来|一年来|过去一年)[,，]\s*"
    r"(?:在[^。]{2,80}?下[,，]?\s*|(?:按照|根据|围绕|随着)[^。，,]{2,60}[,，]\s*)*"
    r"(?P<subject>[^，,。；;:：\s“”《》()]{2,24}?)"
    r"(?:坚持|始终|以|在|深入|认真|全面|紧紧|紧扣|聚焦|围绕|按照|严格|持续|扎实|积极|立足|着力|牢牢|切实|不断|"
    r"法治政府建设|依法行政|各级|上下|高度重视|把|将|继续)"
)
_NOT_SUBJECT = ("按照", "根据", "围绕", "通过", "为了", "对", "经过", "随着", "在")
_SUBJECT_END = re.compile(
    r"(部|局|厅|委|办|署|中心|政府|管委会|管理委员会|办事处|街道|镇|乡|县|区|市|省|自治区|州|盟|旗)$"
)
_HEADING_PLACE = re.compile(
    r"(?:19|20)\d{2}年度?(?P<place>[\u4e00-\u9fff]{2,10}?(?:省|自治区|市|区|县|旗|镇|乡|街道))"
    r"的?(?:法治政府建设|依法行政|法治建设)"
)
_SELF = re.compile(r"(?:我|本)(街道|镇|乡|县|区|市|省|局|委|办|厅)|(局)(?:党组|党委|机关)")
_LED_BY = re.compile(
    r"(?:在|坚持)(?P<unit>[省市县区])委[、,，]?(?P=unit)?政府|(?P<unit2>[省市县区])委依法治(?P=unit2)|"
    r"全面依法治(?P<unit3>[省市县区])"
)


@dataclass
class IssuerFinding:
    issuer: str | None
    issuers: list[str] = field(default_factory=list)
    level: str | None = None
    is_department: bool | None = None


def opening_subject(texts: list[str]) -> str | None:
    """The organisation the first sentence of the body is about, as written."""
    for s in texts[:12]:
        for m in _OPENING_SUBJECT.finditer(s):
            subject = re.sub(r"(?<=[镇乡街道区县市省])(党委|党工委|党组)$", "", m.group("subject"))
            if subject.startswith(_NOT_SUBJECT):
                continue
            if subject.startswith(("我", "全", "本")) or _SUBJECT_END.search(subject) or subject in PROVINCES:
                return subject
    return None


def subject_issuer(subject: str) -> str | None:
    """An issuer's name from an opening subject: 渝中区 → 渝中区人民政府, 广东 → 广东省人民政府; 我X and a bare
    省政府 → None (the name is elsewhere); a department named without its place (市市场监管局) as written."""
    if subject.startswith(("我", "全", "本")) or re.fullmatch(r"[省市区县镇乡](人民)?政府", subject):
        return None
    if "、" in subject:  # 云南省委、省政府; a bare 市委、市政府 names no one
        parts = split_joint(subject)
        return subject if len(parts) > 1 and len(parts[0]) > 3 else None
    if subject in PROVINCES:
        return province_name(subject) + "人民政府"
    if subject.endswith(("镇", "乡", "街道")) or DEPARTMENT.search(subject) or GOVERNMENT.search(subject):
        return canonical(subject)
    return subject + "人民政府"


def heading_place(texts: list[str]) -> str | None:
    """A place named with the report year in an opening heading or sentence (2017年上海市法治政府建设…)."""
    for s in texts[:12]:
        m = _HEADING_PLACE.search(s)
        if m and not m.group("place").startswith(("我", "全", "本", "自治区")):
            return m.group("place")
    return None


def self_unit(texts: list[str]) -> str | None:
    """The unit the text most often calls 我X / 本X in its opening (镇, 县, 局, 省…); 局党组 counts as 局."""
    units = Counter(a or b for a, b in _SELF.findall("\n".join(texts[:40])))
    return units.most_common(1)[0][0] if units else None


def province_in_text(texts: list[str]) -> str | None:
    """The province a text that says 我省 names (河南省委, 河南省人民政府)."""
    body = "\n".join(texts[:60])
    counts = Counter(p for p in PROVINCES for _ in re.finditer(rf"{p}(?:省|自治区|壮族|回族|维吾尔)", body))
    return province_name(counts.most_common(1)[0][0]) if counts else None


def led_by_level(texts: list[str]) -> str | None:
    """The level of the 党委/政府 that the opening says leads the writer (a department's own level)."""
    for s in texts[:12]:
        m = _LED_BY.search(s)
        if m:
            unit = m.group("unit") or m.group("unit2") or m.group("unit3")
            return UNIT_LEVEL[unit]
    return None


def qualify(issuer: str, body: str) -> str:
    """Prefix a bare district or county with its city where the text names the organisation in full
    ("深圳市罗湖区第六届人民代表大会", "深圳市南山区人民政府"); "办理市、县…" names no city, so only a
    full organisation name counts."""
    m = re.match(r"^([\u4e00-\u9fff]{2,4}?(?:区|县))(?=人民政府|政府|筹备组|$)", issuer)
    if not m or "市" in m.group(1) or m.group(1).endswith("新区"):
        return issuer
    body = body[:200_000]
    votes: Counter[str] = Counter()
    for mm in re.finditer(re.escape("市" + m.group(1)) + _FULL_ORG, body):
        i = mm.start()
        # the city's name is the 2 or 3 characters before 市; "在深圳市…" → 深圳, not 在深圳
        names = [body[i - n : i] for n in (2, 3) if i >= n and re.fullmatch(r"[\u4e00-\u9fff]+", body[i - n : i])]
        if names:
            votes[max(names, key=lambda x: (body.count(x), len(x)))] += 1
    if not votes:
        return issuer
    city = votes.most_common(1)[0][0]
    return issuer if city[0] in "在由向和与及的于" else f"{city}市{issuer}"


_FULL_ORG = r"(?=人民政府|政府|第[一二三四五六七八九十]+届|人民代表大会|人大常委会|区委|县委|委员会)"


# ---- the chain of clues -------------------------------------------------------------------------------

# An organisation's name ends like one (also used to tell a 主送 line from a sentence).
ORG_END = re.compile(
    r"(政府|委员会|管委会|办事处|单位|部门|机关|机构|局|办|厅|委|常委会|人大|党委|党组|"
    r"区委|县委|市委|省委|院|署|室|中心|公司|集团|处|科|所|站|队|部|会|镇|乡|街道|村|社区|"
    r"同志|领导)$"
)
_ABOUT = re.compile(r"^(?P<issuer>.{2,40}?)关于(?P<rest>.+)$")
_ORG_YEAR = re.compile(
    r"^(?P<issuer>.{2,30}?(?:人民政府办公室|人民政府|管委会|管理委员会|街道办事处|办事处|"
    r"[\u4e00-\u9fff]{1,8}?(?:局|委员会|办公室|厅|部)))\s*(?:19|20)\d{2}\s*年"
)
_SPEAKER = re.compile(r"我代表(国务院|[^，,。、；\s]{2,30}?(人民政府|政府|管委会|管理委员会)(筹备组)?)")
_GENERIC_SPEAKER = re.compile(r"^(本|全|新)?(省|市|区|县|镇|乡|新区)(?P<org>.*)$")
_SESSION_PLACE = re.compile(r"在((?:[\u4e00-\u9fff]{2,4}?(?:省|市|区|县))+)(?:第|[一二三四五六七八九十]+届)")
_TITLE_PLACE = re.compile(r"^((?:[\u4e00-\u9fff]{2,8}?(?:省|自治区|市|区|县|旗|镇|乡|街道))+)")


def find_issuer(
    title: str | None,
    outer_issuer: str | None,
    texts: list[str],
    *,
    file_stem: str = "",
    signature: str | None = None,
    org_field: str | None = None,
) -> IssuerFinding:
    """Issuer(s), level and is_department from every clue a document gives (see the module docstring)."""
    issuers = _chain(title, outer_issuer, texts, file_stem, signature)
    issuer = issuers[-1] if issuers else None  # a joint report's government is the last named
    if org_field and (issuer is None or (org_field.endswith(issuer) and len(org_field) > len(issuer))):
        issuer = org_field
        issuers = [org_field]
    if issuer and len(issuers) == 1:
        issuer = qualify(canonical(issuer), "\n".join([title or "", file_stem, *texts]))
        issuers = [issuer]
    level, is_department = level_of(issuer)
    if level is None:
        subject = opening_subject(texts)
        level, dept = level_of(subject) if subject else (None, None)
        is_department = dept if is_department is None else is_department
    unit = self_unit(texts)
    if unit in ("局", "委", "办", "厅") and issuer is None:
        is_department = True
        level = level or led_by_level(texts)
    elif level is None and unit:
        level = UNIT_LEVEL.get(unit)
    if level is not None and is_department is None:
        is_department = False
    return IssuerFinding(issuer, issuers, level, is_department)


def _chain(
    title: str | None, outer_issuer: str | None, texts: list[str], file_stem: str, signature: str | None
) -> list[str]:
    from_title = outer_issuer
    if from_title is None and title:
        m = _ABOUT.match(title) or _ORG_YEAR.match(title)
        if m and ORG_END.search(m.group("issuer").strip()):
            from_title = m.group("issuer").strip()
    if from_title:
        joint = split_joint(from_title)
        if len(joint) > 1:
            return joint
        if signature and signature.endswith(from_title) and len(signature) > len(from_title):
            return [signature]
        return [from_title]
    if signature:
        return [signature]
    generic_org = None
    for s in texts[:15]:
        m = _SPEAKER.search(s)
        if m:
            g = _GENERIC_SPEAKER.match(m.group(1))
            if not g:
                return [m.group(1)]
            generic_org = g.group("org") or None
            break
    if generic_org is None and title and re.search(r"管委会|管理委员会", title):
        generic_org = "管理委员会"
    place = _title_place(title, file_stem)
    if place == "国务院":
        return [place]
    if place:
        return [place if place.endswith(("镇", "乡", "街道")) else place + (generic_org or "人民政府")]
    subject = opening_subject(texts)
    named = subject_issuer(subject) if subject else None
    if named:
        return split_joint(named)
    place = heading_place(texts)
    if place:
        return [place if place.endswith(("镇", "乡", "街道")) else place + "人民政府"]
    named = _self_reference(texts)
    return [named] if named else []


def _title_place(title: str | None, file_stem: str) -> str | None:
    m = _SESSION_PLACE.search(file_stem) or (_SESSION_PLACE.search(title) if title else None)
    if m:
        return m.group(1)
    if not title:
        return None
    bare = re.sub(r"^(关于)?((?:19|20)\d{2}年度?)?", "", title)
    if bare.startswith("国务院"):
        return "国务院"
    m = _TITLE_PLACE.match(bare)
    if not m or m.group(1).startswith("关于"):
        short = next((p for p in PROVINCES if bare.startswith(p)), None)
        return province_name(short) if short else None
    return re.split(r"(?:人民)?政府", m.group(1))[0] or None


def _self_reference(texts: list[str]) -> str | None:
    """'我镇…《柳荫镇工程项目管理办法》': the unit the text calls 我X, named by its most frequent X-name;
    我省 is named by the province the text mentions (河南省委)."""
    unit = self_unit(texts)
    if unit is None or unit in ("局", "委", "办", "厅"):
        return None
    if unit == "省":
        province = province_in_text(texts)
        return province + "人民政府" if province else None
    body = "\n".join(texts)
    names = Counter(
        m
        for m in re.findall(rf"([\u4e00-\u9fff]{{2,3}}?){unit}", body)
        if not any(c in m for c in "各本我全乡城该辖个与和及等的到在治")
    )
    if not names:
        return None
    name, count = names.most_common(1)[0]
    return f"{name}{unit}" if count >= 2 else None
