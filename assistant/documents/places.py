"""Levels of government from an organisation's name: place units, provinces, departments, joint issuers.

Level follows the name's last place unit: 省/自治区/直辖市 → province, 市/州/盟/地区 → city, 区/县/旗 and
a 市 under another 市 (县级市) → county, 镇/乡/街道 → town; ministries and 国务院 → central. A department
has its own government's level (市市场监管局 → city, 县教育局 → county): words that hold a unit
character but name no place (市场, 城乡) are set aside first.
"""

from __future__ import annotations

import re

# Provincial-level divisions by short name: a closed list, so "2021年，广东坚持……" and "我省…河南省委"
# resolve without a gazetteer. The four municipalities are provinces for level purposes.
PROVINCES = (
    "北京",
    "天津",
    "上海",
    "重庆",
    "河北",
    "山西",
    "辽宁",
    "吉林",
    "黑龙江",
    "江苏",
    "浙江",
    "安徽",
    "福建",
    "江西",
    "山东",
    "河南",
    "湖北",
    "湖南",
    "广东",
    "海南",
    "四川",
    "贵州",
    "云南",
    "陕西",
    "甘肃",
    "青海",
    "台湾",
    "内蒙古",
    "广西",
    "西藏",
    "宁夏",
    "新疆",
    "香港",
    "澳门",
)
MUNICIPALITIES = ("北京", "天津", "上海", "重庆")
_PROVINCE_FULL = {
    "内蒙古": "内蒙古自治区",
    "广西": "广西壮族自治区",
    "西藏": "西藏自治区",
    "宁夏": "宁夏回族自治区",
    "新疆": "新疆维吾尔自治区",
    "香港": "香港特别行政区",
    "澳门": "澳门特别行政区",
}

CENTRAL, PROVINCE, CITY, COUNTY, TOWN = "central", "province", "city", "county", "town"
_UNIT = re.compile(r"特别行政区|自治区|自治州|自治县|自治旗|新区|地区|街道|省|市|州|盟|区|县|旗|镇|乡")
UNIT_LEVEL = {
    "特别行政区": PROVINCE,
    "自治区": PROVINCE,
    "省": PROVINCE,
    "自治州": CITY,
    "州": CITY,
    "盟": CITY,
    "地区": CITY,
    "市": CITY,
    "新区": COUNTY,
    "区": COUNTY,
    "县": COUNTY,
    "自治县": COUNTY,
    "旗": COUNTY,
    "自治旗": COUNTY,
    "街道": TOWN,
    "镇": TOWN,
    "乡": TOWN,
}
# Words that contain a unit character but name no place (市场监管局 is not a 市).
_NOT_PLACE = re.compile(r"市场|城市|市政|都市|城乡|社区|园区|小区|景区|辖区|区域|县域|片区|地区生产")
GOVERNMENT = re.compile(r"(人民政府|政府|管委会|管理委员会|办事处|筹备组)$")
_PARTY = re.compile(r"^中共|(省|市|区|县|州|旗|镇|乡|自治区)委(员会)?$|(党委|党工委|党组)$")
DEPARTMENT = re.compile(r"(局|厅|委员会|委|办公室|办公厅|办|部|署|中心|管理处|司法所)$")
_CENTRAL = re.compile(r"^(国务院|中共中央|中央|全国|国家|中华人民共和国)")
_MINISTRY = re.compile(r"^(原)?[\u4e00-\u9fff]{1,10}部$")

_JOINT_SPLIT = re.compile(r"\s+|、|和|与")


def level_of(name: str | None) -> tuple[str | None, bool | None]:
    """(level, is_department) of an issuer's name; (None, None) when the name gives neither."""
    if not name:
        return None, None
    name = name.split("、")[-1].removeprefix("原")  # 市委、市政府 → its government
    party = bool(_PARTY.search(name))
    is_department = not party and not GOVERNMENT.search(name) and bool(DEPARTMENT.search(name))
    if _CENTRAL.match(name):
        return CENTRAL, is_department or name != "国务院"
    places = _NOT_PLACE.sub("", re.sub(r"(人民政府|政府).*$", "", name) if is_department else name)
    places = re.sub(r"^中共", "", places)
    units = [m.group(0) for m in _UNIT.finditer(places)]
    short = next((p for p in PROVINCES if places.startswith(p)), None)
    if (
        short
        and set(units) <= {"省", "自治区", "特别行政区"} | ({"市"} if short in MUNICIPALITIES else set())
        and units.count("市") <= 1
    ):
        return PROVINCE, is_department  # 广东, 新疆维吾尔自治区, 北京市, 云南省委
    if not units:
        return (CENTRAL, True) if _MINISTRY.match(name) else (None, is_department)
    if units[-1] == "市" and len(units) >= 2 and units[-2] == "市":
        return COUNTY, is_department  # 县级市: a 市 under a 市 (清远市英德市)
    return UNIT_LEVEL[units[-1]], is_department


def split_joint(name: str) -> list[str]:
    """Both issuers of a joint report ("中共XX区委 XX区人民政府", "云南省委、省政府"); one issuer → [name]."""
    parts = [p for p in _JOINT_SPLIT.split(name) if p]
    if len(parts) < 2 or not any(_PARTY.search(p) for p in parts):
        return [name]
    place = re.sub(r"^中共", "", parts[0])
    place = re.sub(r"(委|委员会)$", "", place)
    out = []
    for p in parts:
        if re.fullmatch(r"[省市区县镇乡]政府|[省市区县镇乡]人民政府", p):
            p = place + p[1:] if place.endswith(p[0]) else p  # 云南省委、省政府 → 云南省人民政府
        out.append(canonical(p))
    return out


def canonical(name: str) -> str:
    """The fullest form a text supports: XX省政府 → XX省人民政府, 管委会 → 管理委员会."""
    name = re.sub(r"管委会$", "管理委员会", name)
    m = re.fullmatch(r"(.{2,}?(?:省|自治区|市|区|县|州|旗|盟))政府", name)
    if m and not m.group(1).endswith("人民"):
        return m.group(1) + "人民政府"
    return name


def province_name(short: str) -> str:
    """A province's name as its government signs: 广东 → 广东省, 新疆 → 新疆维吾尔自治区, 北京 → 北京市."""
    if short in MUNICIPALITIES:
        return short + "市"
    return _PROVINCE_FULL.get(short, short + "省")
