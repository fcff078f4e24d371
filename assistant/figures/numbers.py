"""The one number parser of fazhi: every figure in Chinese report text goes through here.

Reports mix Arabic and full-width digits, thousands separators, Chinese numerals (一百二十三, 两千),
scaled forms (1.2万, 3千多万, 30.67亿), percentages (99%, 百分之九十), ‰, 个百分点 and fractions
(三分之一, 1/5), and bare magnitudes a reporting word makes a quantity (近千, 上百, 逾万, 数千; alone,
千/百/万 are words: 千方百计, 百姓). Checks compare figures at the precision they were written with, so besides the
value every parse keeps `precision`: half the unit of the last written digit, in value units
("99%" → ±0.5, "1.2万" → ±500, "两千" → ±500).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.vocabulary import CN_DIGITS

__all__ = ["ParsedNumber", "NumberToken", "parse_number", "find_numbers", "not_a_quantity", "NUMBER_RE", "TENTHS"]


@dataclass(frozen=True)
class ParsedNumber:
    value: float
    precision: float
    approx: str | None = None  # "more": 余/多/上/逾/超 (十余, 上百); "less": 近 (近千); "several": 数/几 (数十)
    unit: str = ""  # "%" | "‰" | "个百分点" | "fraction" | ""
    scaled: bool = False  # written with 十/百/千/万/亿 or decimals: not an exact count

    @property
    def exact(self) -> bool:
        """An unscaled integer count ("17宗") is exact; "1.2万" or "95%" is not."""
        return not self.scaled and self.approx is None and float(self.value).is_integer()


@dataclass(frozen=True)
class NumberToken:
    start: int
    end: int
    text: str
    number: ParsedNumber


_FULLWIDTH = str.maketrans("０１２３４５６７８９．，％／", "0123456789.,%/")
_CN_DIGITS = CN_DIGITS
_CN_SMALL = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
_CN_BIG = {"万": 10_000, "萬": 10_000, "亿": 100_000_000, "億": 100_000_000}
_CN_CHARS = "".join(_CN_DIGITS) + "".join(_CN_SMALL) + "".join(_CN_BIG)
_CN_DIGIT_CHARS = "".join(_CN_DIGITS)

# "1，326": text typed with full-width digits (１，３２６) keeps a full-width thousands comma
_ARABIC = r"(?:\d{1,3}(?:,\d{3}(?!\d))+|\d{1,3}(?:，\d{3})+(?![\d，])|\d+)(?:\.\d+)?"
_ARABIC_SCALED = rf"{_ARABIC}(?:[多余]?[十百千])?(?:[多余]?[万亿]|\s(?=[万亿]))*"  # "75 亿元" from a PDF
# 近千, 上百, 逾万, 超过千: a bare magnitude only counts with the word that makes it a quantity (not 百姓, 线上百…)
_APPROX_LEAD = r"(?:将近|接近|超过|(?<![最附就亲邻靠贴])近|(?<![以之线网路台会马面向])上|逾|超)(?=[百千万亿])"
_CN = (
    rf"[万亿][多余](?![{_CN_CHARS}])"
    rf"|(?:{_APPROX_LEAD}|[数几](?=[十百千万亿]))?[{_CN_CHARS}]+(?:[多余][万亿]+)?"
)  # 万余, 数十, 几百, 近千

NUMBER_RE = re.compile(
    rf"(?P<pct_cn>百分之(?:{_ARABIC}|[{_CN_CHARS}点]+))"
    rf"|(?P<pml_cn>千分之(?:{_ARABIC}|[{_CN_CHARS}点]+))"
    rf"|(?P<frac_cn>[{_CN_CHARS}]+分之[{_CN_CHARS}]+)"
    rf"|(?P<frac>(?<![\d/])\d{{1,3}}/\d{{1,3}}(?![\d/]))"
    rf"|(?P<num>{_ARABIC_SCALED}|{_CN})(?P<suffix>\s?(?:%|‰|个百分点))?"
)
_ARABIC_FULL = re.compile(rf"^(?P<a>{_ARABIC})(?P<rest>[{''.join(_CN_SMALL)}{''.join(_CN_BIG)}多余]*)$")


def _decimals(digits: str) -> int:
    return len(digits.split(".", 1)[1]) if "." in digits else 0


def _parse_arabic(s: str) -> ParsedNumber | None:
    m = _ARABIC_FULL.match(s)
    if not m:
        return None
    digits = m.group("a").replace(",", "")
    rest = m.group("rest")
    approx = "more" if ("多" in rest or "余" in rest) else None
    mult = 1
    for ch in rest:
        if ch in _CN_SMALL:
            mult *= _CN_SMALL[ch]
        elif ch in _CN_BIG:
            mult *= _CN_BIG[ch]
    value = float(digits) * mult
    precision = 0.5 * 10 ** (-_decimals(digits)) * mult
    return ParsedNumber(value, precision, approx, "", scaled=mult > 1 or "." in digits)


def _cn_section(s: str) -> tuple[int, int] | None:
    """A section below 万: (value, place of the last written non-zero digit)."""
    if not s:
        return 0, 0
    value = 0
    digit: int | None = None
    place = 0
    prev_unit = 10_000
    zero_seen = False
    for ch in s:
        if ch in _CN_DIGITS:
            d = _CN_DIGITS[ch]
            if d == 0:
                zero_seen = True
                continue
            if digit is not None:
                return None  # two digits in a row: 十三五, 二三
            digit = d
        elif ch in _CN_SMALL:
            unit = _CN_SMALL[ch]
            if unit >= prev_unit:
                return None  # 百千, 十十
            value += (1 if digit is None else digit) * unit
            digit, place, prev_unit, zero_seen = None, unit, unit, False
        else:
            return None
    if digit is not None:
        # 一千二 (=1200) is spoken shorthand; 一千零二 is 1002
        if place >= 100 and not zero_seen:
            place //= 10
            value += digit * place
        else:
            value += digit
            place = 1
    return value, place


# "several" (数千 = some thousands, 2000–9999) is not "more" (千余 = a little over 1000)
_APPROX_LEADS = (
    ("将近", "less"),
    ("接近", "less"),
    ("超过", "more"),
    ("近", "less"),
    ("上", "more"),
    ("逾", "more"),
    ("超", "more"),
    ("数", "several"),
    ("几", "several"),
)
_MAGNITUDES = "百佰千仟万萬亿億"


def _parse_chinese(s: str) -> ParsedNumber | None:
    """一百二十三, 两千, 十余, 三千多万, 一千零五, 近千, 数十; digit strings (二〇一六) are codes, not quantities."""
    approx = "more" if ("多" in s or "余" in s) else None
    for word, kind in _APPROX_LEADS:
        if s.startswith(word) and (kind == "several" or s[len(word) :][:1] in tuple(_MAGNITUDES)):
            approx, s = kind, s[len(word) :]
            break
    s = s.replace("多", "").replace("余", "").replace("萬", "万").replace("億", "亿")
    if approx and s in ("万", "亿"):
        return ParsedNumber(float(_CN_BIG[s]), _CN_BIG[s] / 2, approx, "", scaled=True)  # 万余人
    if not s or not any(ch in _CN_DIGITS or ch in _CN_SMALL for ch in s):
        return None
    if all(ch in _CN_DIGITS for ch in s):
        if len(s) == 1:
            return ParsedNumber(float(_CN_DIGITS[s]), 0.5, approx, "")
        return None
    value = 0
    place = 0
    rest = s
    for big_ch, big in (("亿", 100_000_000), ("万", 10_000)):
        if big_ch in rest:
            head, _, rest = rest.partition(big_ch)
            if big_ch in rest:
                return None
            if head == "" and value == 0:
                head = "一"
            sec = _cn_section(head)
            if sec is None:
                return None
            if sec[0] == 0 and value == 0:
                return None
            if big == 100_000_000:
                value += sec[0] * big
                place = sec[1] * big if sec[0] else place
            else:
                value += sec[0] * big
                if sec[0]:
                    place = sec[1] * big
    sec = _cn_section(rest)
    if sec is None:
        return None
    if sec[0]:
        value += sec[0]
        place = sec[1]
    if value == 0 or place == 0:
        return None
    return ParsedNumber(float(value), 0.5 * place, approx, "", scaled=place > 1)


def _parse_plain(s: str) -> ParsedNumber | None:
    if not s:
        return None
    if s[0].isdigit():
        return _parse_arabic(s)
    return _parse_chinese(s)


def _percent_body(s: str) -> ParsedNumber | None:
    if "点" in s:  # 百分之九十九点五
        whole, _, frac = s.partition("点")
        w = _parse_plain(whole)
        if w is None or not frac or any(ch not in _CN_DIGITS for ch in frac):
            return None
        digits = "".join(str(_CN_DIGITS[ch]) for ch in frac)
        return ParsedNumber(float(f"{int(w.value)}.{digits}"), 0.5 * 10 ** -len(digits), None, "", True)
    return _parse_plain(s)


def parse_number(s: str) -> ParsedNumber | None:
    """Parse one written number; None when `s` is not a number as a whole.

    Percent-like forms keep the written value (99% → 99, unit "%"); fractions become ratios
    (三分之一 → 0.333…, unit "fraction").
    """
    s = s.translate(_FULLWIDTH).replace("％", "%").strip().replace(" ", "")
    if not s:
        return None
    for prefix, unit in (("百分之", "%"), ("千分之", "‰")):
        if s.startswith(prefix):
            body = _percent_body(s[len(prefix) :])
            if body is None:
                return None
            return ParsedNumber(body.value, body.precision, body.approx, unit, True)
    if "分之" in s:
        den_s, _, num_s = s.partition("分之")
        den, num = _parse_plain(den_s), _parse_plain(num_s)
        if den is None or num is None or den.value == 0:
            return None
        return ParsedNumber(num.value / den.value, 0.0, None, "fraction", True)
    if "/" in s:
        num_s, _, den_s = s.partition("/")
        if not (num_s.isdigit() and den_s.isdigit()) or int(den_s) == 0:
            return None
        return ParsedNumber(int(num_s) / int(den_s), 0.0, None, "fraction", True)
    unit = ""
    for suffix in ("个百分点", "%", "‰"):
        if s.endswith(suffix):
            unit, s = suffix, s[: -len(suffix)]
            break
    body = _parse_plain(s)
    if body is None:
        return None
    if unit:
        return ParsedNumber(body.value, body.precision, body.approx, unit, True)
    return body


def find_numbers(text: str) -> list[NumberToken]:
    """Every number-looking token in `text` that parses, with offsets; no filtering of years etc."""
    tokens: list[NumberToken] = []
    for m in NUMBER_RE.finditer(text):
        surface = m.group(0)
        parsed = parse_number(surface)
        if parsed is None:
            continue
        tokens.append(NumberToken(m.start(), m.end(), surface, parsed))
    return tokens


# --- numbers that are not quantities ---------------------------------------------------------

_NAME_TERMS = re.compile(
    r"^(?:项制度|项规定|个意识|个自信|个维护|个确立|个代表|个全面|个必须|个务必|大攻坚战|上企业|种形态|风|重一大"
    r"|项基本|个一批|大行动|大工程|大专项|星级|A级|级|线|路)"
)
# Formal (大写) numerals write amounts on cheques and contracts, several characters at a time (壹仟伍佰元); a lone
# one is a word or a name: 队伍, 陆续, 肆意, 壹方天地.
_FORMAL = "壹贰叁参肆伍陆柒捌玖拾佰仟"
# A span of years is a figure where the text measures time with it (连续三年, 近十年, 七年来, 五百年历史); otherwise
# a numeral before 年 names a plan or a period (三年行动计划, 九年一贯制, 过去五年).
_SPAN_BEFORE = re.compile(r"(?:连续|近|创|历时|用了?|经过|持续|长达)$")
_SPAN_AFTER = re.compile(r"年(?:多)?(?:来|以来|间|历史|连[降增涨])")
# 两届/七届 counted (连续两届, 举办七届) against 十八届 (an ordinal); ordinals never use 两.
_COUNTED_TERMS = re.compile(r"(?:连续|举办|累计|共|已|连办)$")
# 两大统筹片区, 三大更新项目 count places and projects; 三大攻坚战, 五大发展理念, 十九大 name a slogan or a congress.
_COUNTED_MAJOR = re.compile(
    r"大[\u4e00-\u9fff]{0,2}?(?:片区|项目|平台|园区|基地|中心|产业|集群|枢纽|口岸|商圈|板块|组团|新城)"
)
TENTHS = re.compile(r"成(?![立功为员本果绩效熟就交型品长都群批片套不])")  # 七成 = 70%; not 建成, 成立, 一成不变
_PHASE = re.compile(r"期(?:工程|项目|改造|扩建|建设|续建|、?[一二三四五六七八九十]+期)")
_ORDINAL_BEFORE = re.compile(r"第[\d一二三四五六七八九十百]+[、，,和及至]$")
_MEETING = re.compile(r"次(?:会议|全会|全体会议|代表大会|党代会)")
_MONTH_RANGE = re.compile(r"[-至到~]\d{1,2}月")
_WITHIN_DAYS = re.compile(r"日(?:内|以内|之内)")
_HOTLINE = re.compile(r"\s*(?:热线|服务热线|政务)")
_PHONE_BEFORE = re.compile(r"(?:电话|热线|传真|邮编|tel|Tel)[:：]?$")


def _in_short_quote(text: str, start: int, end: int, chinese: bool) -> bool:
    if chinese and (text[start - 1 : start] == "“" or re.match(r"[\u4e00-\u9fff]{0,6}”", text[end : end + 8])):
        return True  # “三个定位、两个率先”: a Chinese numeral opening or closing a quotation names a slogan
    left = text.rfind("“", max(0, start - 10), start)
    if left < 0 or "”" in text[left:start]:
        left = text.rfind('"', max(0, start - 10), start)
        if left < 0:
            return False
        right = text.find('"', end, end + 10)
    else:
        right = text.find("”", end, end + 10)
    return right >= 0 and not any(ch in "，,。；" for ch in text[left:right])


def not_a_quantity(text: str, tok: NumberToken) -> str | None:
    """Why a number in `text` is not a reported quantity ("year", "date", "numbering", "document_number",
    "ordinal", "name", "phone", "code"), or None when it may be one."""
    start, end, n = tok.start, tok.end, tok.number
    prev = text[start - 1] if start else ""
    nxt = text[end] if end < len(text) else ""
    after = text[end : end + 8]
    before = text[max(0, start - 8) : start]
    chinese = not tok.text[0].isdigit() and not tok.text.startswith(("百分之", "千分之"))
    if after.startswith("年") and n.value >= 1000 and len(tok.text) == 4:
        return "year"  # 2019年
    if (
        after.startswith("月")
        or _MONTH_RANGE.match(after)
        or (after.startswith("日") and not _WITHIN_DAYS.match(after))
    ):
        return "date"  # 3月份, 1-11月, 8月20日
    if (prev and prev.isascii() and prev.isalnum()) or (nxt and nxt.isascii() and nxt.isalpha()):
        return "code"  # G20, 5G, PM2.5, ISO9001
    if (prev and prev in "+·•-/_—~～#") or (nxt and nxt in "+·•-/_—~～#"):
        return "code"  # 1+N, 12·4, ranges
    if (prev == ":" and start >= 2 and text[start - 2].isdigit()) or (nxt == ":" and after[1:2].isdigit()):
        return "date"  # 17:15
    if (nxt == "." and not after[1:2].isdigit()) or (prev and nxt and prev in "(（" and nxt in ")）"):
        return "numbering"  # "1.统筹规划", (1)
    if before.endswith("第") or _ORDINAL_BEFORE.search(before):
        return "ordinal"  # 第25条, 第20、21批, 第一
    if (
        "〔" in before[-6:]
        and "〕" not in before[before.rfind("〔") :]
        or (nxt and nxt in "〕]")
        or after.startswith("号")
    ):
        return "document_number"  # 茂南府〔2016〕4号
    if (
        chinese
        and any(ch in _FORMAL for ch in tok.text)
        and (len(tok.text) < 2 or any(ch not in _FORMAL + "万亿零" for ch in tok.text))
    ):
        return "name"  # 队伍, 陆续, 壹方天地: a lone formal numeral is part of a word
    if after.startswith("番") or after.startswith("倍") and n.value == 1 or TENTHS.match(after) and n.value <= 10:
        # 翻两番, 一倍以上, 七成: multiples and tenths, whatever their value (三番五次 is an idiom)
        return None if after.startswith(("倍", "成")) or before.endswith(("翻", "翻了")) else "name"
    if after.startswith("届") and (tok.text in ("两", "兩") or _COUNTED_TERMS.search(before)):
        pass  # 连续两届, 举办七届: counted
    elif after.startswith("大") and n.value <= 10 and _COUNTED_MAJOR.match(after):
        pass  # 两大统筹片区
    elif after.startswith(("届", "中全会", "中、", "大", "周年")) and not after.startswith(("大类", "大关")):
        return "ordinal"  # 十九大, 四中全会
    if chinese and _MEETING.match(after):
        return "ordinal"  # 二届人大三次会议
    if chinese and (after.startswith(("是", "要", "则", "来")) or before.endswith(("其", "之", "第", "初", "周"))):
        return "numbering"  # 一是, 之一, 初一
    if chinese and after.startswith("年") and not (_SPAN_BEFORE.search(before) or _SPAN_AFTER.match(after)):
        return "name"  # 过去五年, 三年行动计划, 九年一贯制
    if chinese and (
        n.value == 0
        or not any(ch in _CN_DIGIT_CHARS or ch in "十拾" for ch in tok.text)
        and not (n.approx or nxt in ("多", "余") or before.endswith("破"))
    ):
        return "name"  # 零部件, 千人学位数, 百姓: no digit written
    if chinese and (_PHASE.match(after) or before.endswith("期")):
        return "name"  # 轨道交通三期四期, 二期工程
    if chinese and n.value == 1 and not n.approx and not after.startswith(("倍", "番", "成")):
        return "name"  # 一次, 一批, 统一: "one", rarely a reported count
    if tok.text == "二" and after.startswith("次"):
        return "name"  # 二次供水, 二次开发: "secondary"; twice is written 两次
    if tok.text.isdigit() and ((len(tok.text) >= 7 and not "\u4e00" <= nxt <= "\u9fff") or _HOTLINE.match(after)):
        return "phone"  # phone numbers, 12345热线
    if _PHONE_BEFORE.search(before):
        return "phone"
    if _NAME_TERMS.match(after) and (chinese or n.value < 10):
        return "name"  # 三项制度, 四个意识, 八项规定
    if _in_short_quote(text, start, end, chinese):
        return "name"  # “七五”普法, “1350”, “12.4”宪法日
    return None
