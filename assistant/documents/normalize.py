"""Normalisation: simplified script, parse-friendly punctuation, and boilerplate removal.

Analysers read one normalised text; citations quote the original. Both must line up line by line,
so conversion happens on the whole text at once (one OpenCC call) and never adds or drops a line.
Boilerplate removal is conservative: a line is dropped only when it matches web chrome, navigation,
footer or spam patterns *and* does not read like report prose, and every drop is recorded with a reason.
"""

from __future__ import annotations

import re
from functools import lru_cache

import opencc

from assistant.documents.outline import match_heading

# Full-width forms unified to ASCII for parsing. "，；、。" stay as they are (Chinese prose punctuation).
_FULLWIDTH: dict[int, int | str | None] = {0xFF10 + i: ord("0") + i for i in range(10)}
_FULLWIDTH.update({0xFF21 + i: ord("A") + i for i in range(26)})
_FULLWIDTH.update({0xFF41 + i: ord("a") + i for i in range(26)})
_FULLWIDTH.update(
    {
        ord("（"): "(",
        ord("）"): ")",
        ord("％"): "%",
        ord("．"): ".",
        ord("："): ":",
        ord("\u3000"): " ",
        ord("\xa0"): " ",
        ord("\u2002"): " ",
        ord("\u2003"): " ",
        ord("\u200b"): None,
        ord("\ufeff"): None,
        ord("\t"): " ",
    }
)
_FULLWIDTH.update({c: None for c in range(0xE000, 0xF900)})  # private-use glyphs of web fonts
_FULLWIDTH.update({ord("\u200c"): None, ord("\u200d"): None, ord("\u2060"): None})
_TRANSLATE = str.maketrans(_FULLWIDTH)
_NEEDS_WIDTH = re.compile(
    "[" + "".join(re.escape(chr(c)) for c in sorted(_FULLWIDTH) if c < 0xE000 or c >= 0xF900) + "\ue000-\uf8ff]"
)

_MD_PREFIX = re.compile(r"^(?:#{1,6}\s+|>\s*)")
# Mirror sites insert tone-marked pinyin after characters ("關(guān)于"); a page that lost its
# full-width indentation shows it as "??". Neither is text a reader sees.
_PINYIN = re.compile(r"(?<=[\u4e00-\u9fff])\([a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ][a-zü]*\)")
_LOST_INDENT = re.compile(r"^\?+(?=[\u4e00-\u9fff(（\d])")
_MD_BOLD = re.compile(r"\*\*(.+?)\*\*")


@lru_cache(maxsize=1)
def _converter() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


def to_simplified(text: str) -> str:
    """OpenCC t2s on a whole text; keeps line count (and, for almost all text, line lengths)."""
    if not text:
        return text
    out = str(_converter().convert(text))
    if out.count("\n") != text.count("\n"):  # never let conversion shift line numbers
        return "\n".join(_converter().convert(line) for line in text.split("\n"))
    return out


def unify_width(text: str) -> str:
    """Digits, Latin letters, brackets, %, ., : to ASCII; odd spaces to plain spaces."""
    if _NEEDS_WIDTH.search(text) is None:  # most lines: nothing to do, skip the slow translate
        return text
    return text.translate(_TRANSLATE)


def clean_line(simplified_line: str) -> str:
    """One line as analysers read it: half-width for parsing, indentation and markdown marks stripped."""
    s = unify_width(simplified_line).strip()
    if s.startswith(("#", ">")):
        s = _MD_PREFIX.sub("", s).strip()
    if "**" in s:
        s = _MD_BOLD.sub(r"\1", s)
    if s.startswith("?"):
        s = _LOST_INDENT.sub("", s)
    if "(" in s:
        s = _PINYIN.sub("", s)
    return s


def count_converted(original: str, simplified: str, limit: int = 50_000) -> int:
    """How many characters OpenCC changed (in the first `limit` chars): the evidence for traditional script."""
    if original == simplified:
        return 0
    a, b = original[:limit], simplified[:limit]
    return sum(1 for x, y in zip(a, b) if x != y)


# ---- boilerplate -------------------------------------------------------------------------------

_NAV = re.compile(
    r"(您(当前)?所在(的)?位置|当前(所在)?位置|^位置\s*:|^(网站)?首页\s*(>|»|→)|"
    r"^(选择语言|简体\s*繁体|繁体\s*简体|无障碍(阅读|浏览)?|进入适老模式|长者模式|网站导航|返回顶部|"
    r"English|EN|登录|注册|搜索|站内搜索|高级搜索)(\s|$))"
)
_CHROME = re.compile(
    r"(扫一扫在手机(上)?打开(当前|本)页|扫一扫|手机扫描二维码|用手机扫描|字体(大小)?\s*:|"
    r"【\s*字体|字号\s*:|\[\s*大\s*中\s*小\s*\]|大\s*中\s*小\s*】|分享到\s*:?|^分享$|打印本页|关闭窗口|"
    r"【\s*打印\s*】|【\s*关闭\s*】|^【?(打印|关闭|收藏|纠错)】?$|阅读次数|浏览次数|访问次数|点击数|^阅读\s*:|"
    r"发布(时间|日期|单位|机构)\s*:|^来源\s*:|信息来源\s*:|^作者\s*:|责任编辑\s*:|【?我要纠错】?|您访问的链接即将离开|是否继续\?|"
    r"^(索引号|分类|名称|文号|主题词|发文字号|成文日期|发布日期|主题分类|体裁分类|组配分类|公文种类|效力状态|"
    r"有效性|发文机关|标题)\s*:|^(上一篇|下一篇)\s*:?|^(手机版|智能问答|微信|微博|小程序|机构专页|穗好办|添加|关注\s*·\s*微信|"
    r"相关(链接|阅读|文章)|附件下载|视频|图片)$|门户网站$|^(政府|区政府|市政府)?网站$|官方(微信|微博)$)"
)
_FOOTER = re.compile(
    r"(版权所有|主办单位\s*:|承办单位\s*:|ICP\s*备|网站标识码|公网安备|技术支持\s*:|联系我们|网站地图|"
    r"Copyright|©|建议使用.{0,12}浏览器|分辨率)"
)
_SPAM_WORDS = re.compile(
    r"(时时彩|彩票|开奖|竞彩|选5|选五|十一选五|棋牌|娱乐城|赌场|博彩|百家乐|老虎机|赚钱|六合彩|"
    r"一波中特|买球|真人娱乐|彩金|赔率|投注|下注|pk10|PK10|分分彩|快三|3d|赛果|捕鱼|电子游戏)"
)
_BREADCRUMB = re.compile(r"(您(当前)?所在(的)?位置|当前(所在)?位置|^位置\s*:)")
_ARROW_SEP = re.compile(r"(>>|>|»|→)")
_CRUMB_SEP = re.compile(r"(>>|>|»|→|/)")
_STRONG_CHROME = re.compile(r"(您访问的链接即将离开|扫一扫在手机(上)?打开(当前|本)页|是否继续\?$)")
_PAGE_NUMBER = re.compile(
    r"^([-—－–]\s*\d{1,3}\s*[-—－–]|第\s*\d{1,3}\s*页(\s*[,，/]?\s*共\s*\d{1,3}\s*页)?|"
    r"\d{1,3}\s*/\s*\d{1,3}|page\s*\d+(\s*of\s*\d+)?)$",
    re.I,
)
_PROSE_PUNCT = re.compile(r"[。，、；]")
_SENTENCE_END = re.compile(r"[。；;！？!?]")
_PUNCT_ONLY = re.compile(r"^[\s\-_=~*·•|/\\<>»«.。,，:：;；()（）\[\]【】]+$")
_BULLET_META = re.compile(r"^[•·▪●◆■]\s*")
_DATE_TIME = re.compile(r"^\d{4}[-/.]\d{1,2}[-/.]\d{1,2}(\s+\d{1,2}:\d{2}(:\d{2})?)?$")


def _prose(s: str) -> bool:
    """Report prose: long, or ends a sentence. Such lines are never chrome."""
    return len(s) >= 60 or bool(_SENTENCE_END.search(s[-2:] if s else ""))


def classify_line(s: str) -> str | None:
    """Reason this normalised line is boilerplate, or None. `s` is stripped, simplified, half-width."""
    if not s:
        return None
    if _SPAM_WORDS.search(s) and not _PROSE_PUNCT.search(s):
        hits = _SPAM_WORDS.findall(s)
        if len(set(hits)) >= 3 and len(hits) >= len(s) // 40:
            return "spam"
    if (_BREADCRUMB.search(s[:12]) and len(_CRUMB_SEP.findall(s)) >= 2) or (
        s.startswith(("首页", "网站首页")) and len(_ARROW_SEP.findall(s)) >= 2
    ):
        return "navigation"
    if _STRONG_CHROME.search(s) and len(s) <= 60:
        return "web_chrome"
    if len(s) > 120:
        return None
    if _NAV.search(s) and not _SENTENCE_END.search(s):
        return "navigation"
    if _PUNCT_ONLY.match(s):
        return "web_chrome"
    if _prose(s):
        return None
    if _PAGE_NUMBER.match(s):
        return "footer"
    if _FOOTER.search(s):
        return "footer"
    if _CHROME.search(s):
        return "web_chrome"
    if _BULLET_META.match(s):
        rest = _BULLET_META.sub("", s)
        if len(rest) <= 30 and ("。" not in rest):
            if _DATE_TIME.match(rest) or _CHROME.search(rest) or len(rest) <= 12:
                return "web_chrome"
    if _DATE_TIME.match(s):
        return "web_chrome"
    return None


def find_boilerplate(texts: list[str]) -> dict[int, str]:
    """Indices (into `texts`, the normalised lines) of boilerplate lines, with reasons.

    Besides line-by-line patterns: a line repeated inside a breadcrumb is the page's own menu entry
    (seed 003), and a trailing block of short chrome lines after the report ends goes too.
    """
    reasons: dict[int, str] = {}
    for i, s in enumerate(texts):
        reason = classify_line(s)
        if reason:
            reasons[i] = reason
    nav_lines = [texts[i] for i, r in reasons.items() if r == "navigation" and len(texts[i]) > 20]
    if nav_lines:
        for i, s in enumerate(texts[:40]):
            if i not in reasons and len(s) >= 8 and any(s in nav and s != nav for nav in nav_lines):
                reasons[i] = "navigation"
    _menu_runs(texts, reasons)
    _trailing_chrome(texts, reasons)
    return reasons


_MENU_ITEM_MAX = 16
_MENU_RUN_MIN = 6
_TABLE_ROW = re.compile(r"\S\s+[\d.,%]*\d[\d.,%]*(?:\s|$)")  # a cell that is a bare number after another cell


def _menu_runs(texts: list[str], reasons: dict[int, str]) -> None:
    """Runs of ≥6 short non-prose lines before the first or after the last prose line are site menus."""
    prose = [i for i, s in enumerate(texts) if s and i not in reasons and _prose(s) and len(s) >= 30]
    if not prose:
        return
    for lo, hi in ((0, prose[0]), (prose[-1] + 1, len(texts))):
        run: list[int] = []
        for i in range(lo, hi + 1):
            s = texts[i] if i < hi else None
            short = s is not None and (
                not s
                or i in reasons
                or (
                    len(s) <= _MENU_ITEM_MAX
                    and not _prose(s)
                    and not _DATE_LINE.match(s)
                    and not _TABLE_ROW.search(s)  # a 附表 closing the report is content
                    and not s.endswith((":", "："))
                    and not _looks_heading(s)
                )
            )
            if short:
                run.append(i)
                continue
            items = [j for j in run if texts[j]]
            if len(items) >= _MENU_RUN_MIN:
                for j in items:
                    reasons.setdefault(j, "navigation")
            run = []


def _looks_heading(s: str) -> bool:
    return match_heading(s) is not None


def _trailing_chrome(texts: list[str], reasons: dict[int, str]) -> None:
    """After the last line of prose, a short line between two chrome lines is chrome too (share bars)."""
    nonblank = [i for i, s in enumerate(texts) if s and i not in reasons or i in reasons]
    last_prose = max((i for i in nonblank if i not in reasons and _prose(texts[i])), default=-1)
    tail = [i for i in nonblank if i > last_prose]
    changed = True
    while changed:
        changed = False
        for k in range(1, len(tail) - 1):
            i = tail[k]
            if i in reasons or len(texts[i]) > 12 or _DATE_LINE.match(texts[i]):
                continue
            if tail[k - 1] in reasons and tail[k + 1] in reasons:
                reasons[i] = "web_chrome"
                changed = True


_DATE_LINE = re.compile(r"^[\d〇零一二三四五六七八九十○O]{2,4}\s*年.{1,3}月.{1,3}日$")
