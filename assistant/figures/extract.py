"""Every figure in a report as structured data: value, unit, label, parent, qualifier, place.

Reads the normalised Document text (simplified, half-width digits) and reports original line
numbers, so traditional-script input is analysed like simplified and cited as written. What is
not a quantity (years, dates, list numbers, document and article numbers, ordinals in names like
十九大/四中全会/“七五”普法, hotlines and phone numbers) is skipped. Each figure keeps the words right before it
in its clause and how many brackets enclose it, which is what figures.structure reads relations from; that
reading links the parts of a breakdown to their total. Work is linear in the length of the text: run-on
lines (PDF extractions, scraped pages) are cut into sentences of bounded length.
"""

from __future__ import annotations

import re
from typing import Any

from assistant.documents import Document, parse_text
from assistant.errors import EmptyDocumentError
from assistant.figures.labels import CHANGE_BETWEEN
from assistant.figures.model import UNIT_KIND, Figure, FigureList
from assistant.figures.numbers import TENTHS, ParsedNumber, find_numbers, not_a_quantity
from assistant.figures.structure import bracket_depths, link_parts
from assistant.figures.tables import table_figures

__all__ = ["extract_figures", "extract_figures_text"]


# fmt: off
_UNIT_RE = re.compile("(?P<q>[多余])?[ \u3000]?(?P<u>" + "|".join(sorted(UNIT_KIND, key=len, reverse=True)) + ")")

_STRONG = set("，,；;。：:!！?？()（）[]【】\n")
_SENT_END = re.compile(r"[。；;!！?？]")
_APPROX_BEFORE = [("不低于", "more"), ("不少于", "more"), ("至少", "more"), ("突破", "more"), ("跨越", "more"),
                  ("迈上", "more"), ("站上", "more"), ("迈过", "more"), ("越过", "more"),
                  ("不超过", "less"), ("不高于", "less"),
                  ("最多", "less"), ("将近", "less"), ("接近", "less"), ("不到", "less"), ("不足", "less"),
                  ("少于", "less"), ("大约", "about"), ("约", "about"), ("近", "less"), ("逾", "more"),
                  ("超过", "more"), ("多于", "more"), ("超", "more"), ("破", "more")]
_APPROX_AFTER = [("大关", "more"), ("台阶", "more"), ("关口", "more"), ("以上", "more"), ("多", "more"),
                 ("余", "more"), ("左右", "about"), ("上下", "about"),
                 ("以内", "less"), ("以下", "less"), ("之内", "less")]
_TOTAL_MARK = re.compile(r"(?:(?<![公一])共(?![同享建治产青识性商])|合计|总计|累计|总共|一共)")
_LEAD_STRIP = re.compile(
    r"^(?:[、，,和与并且又还另]|及(?!时)|[一二三四五六七八九十]是|\d{1,2}[.、](?!\d)|\(\d{1,2}\)|\([一二三四五六七八九十]{1,3}\)"
    r"|[一二三四五六七八九十]{1,3}、|其中|其余|同时|此外|另外|目前|截至目前|截止目前|全年|年内|今年以?来|今年|去年以?来|去年|"
    r"一年来|\d{4}年(?:度|底|初|末|以来|上半年|下半年)?(?:以来)?|\d{1,2}[-至到~]\d{1,2}月(?:份)?|\d{1,2}月(?:份)?(?:以来|底|初)?|"
    r"共计|共有|共|合计|总计|累计|先后|已经|已|均|分别)+")
_TRAIL_STRIP = re.compile(r"(?:了|的|为|达|达到|共计|共|合计|累计|总计|计|是|有|分别为|分别|均为|均|总数|数|由原来|从|由|至|到"
                          r"|约|近|超过|逾|将近|接近|不到|不足|大约|超|同比|较上年|比上年)+$")
_POST_NOUN = re.compile(r"^[\u4e00-\u9fff“”]{1,14}")
_POST_STOP = re.compile(r"的|和|与|及|或|进行|参加|参与|被|在|向|对|中|已|全部|均|获|通过|得到|实现|达|占|同比|增长|下降|"
                        r"提高|以上|左右|共|为|是|将|等|次|到|至|从|由|后|前|内|时|里|以|并|上|下|之")
_PER_UNIT = re.compile(r"每|人均|生均|户均|平均|单价|均价")
_PER_UNIT_MONEY = re.compile(r"标准|最低|最高")                 # 补助标准提高到1200元: a rate per head
_FROM_BEFORE = re.compile(r"(?:从|由)(?:原来的?|原)?$")
_BOOK = re.compile(r"《[^》]*》|<[^>]*>")
# fmt: on
# --- extraction ------------------------------------------------------------------------------


def _approx(before: str, parsed_approx: str | None, after_unit: str) -> str | None:
    if parsed_approx:
        return parsed_approx
    for word, kind in _APPROX_AFTER:
        if after_unit.startswith(word):
            return kind
    tail = before.rstrip()
    for word, kind in _APPROX_BEFORE:
        if tail.endswith(word):
            return kind
    return None


def _clean_label(pre: str) -> str:
    pre = _BOOK.sub("", re.sub(r"^[^《]*》", "", pre)).strip(' 、，,“”"')
    for _ in range(3):
        pre = _LEAD_STRIP.sub("", pre).strip(" 、，,")
        pre = _TRAIL_STRIP.sub("", pre).strip(" 、，,")
    return pre[-20:]


def _post_noun(after: str) -> str:
    m = _POST_NOUN.match(after)
    if not m:
        return ""
    noun = m.group(0)
    stop = _POST_STOP.search(noun)
    if stop:
        noun = noun[: stop.start()]
    noun = noun.strip("“”")
    return noun if len(noun) >= 2 else ""


_GLUED_ITEM = re.compile(r"^\d{1,2}\.\d+$")
_LONG = 400  # a "sentence" longer than this is cut at its clauses
_CLAUSE_END = re.compile(r"[，,；;：:]")


def _sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans; run-on text is cut at clause ends so no span is longer than _LONG and every later step
    stays linear in the length of the text."""
    spans: list[tuple[int, int]] = []
    start = 0
    ends = [m.end() for m in _SENT_END.finditer(text)]
    if not ends or ends[-1] < len(text):
        ends.append(len(text))
    for end in ends:
        while end - start > _LONG:
            cut = None
            for m in _CLAUSE_END.finditer(text, start + _LONG // 2, start + _LONG):
                cut = m.end()
            cut = cut or start + _LONG
            spans.append((start, cut))
            start = cut
        if end > start:
            spans.append((start, end))
        start = end
    return spans


_ISSUES = re.compile(r"培训|班|讲座|沙龙|论坛|课|活动|研讨|讲堂|简报|刊|节目|栏目|会|专题|夜校|学习|宣讲|直播|考试")


def _clause_around(text: str, start: int, end: int) -> str:
    before, after = text[max(0, start - 40) : start], text[end : end + 40]
    return re.split(r"[，,；;。：:、]", before)[-1] + re.split(r"[，,；;。：:、]", after)[0]


def _line_figures(text: str, base: int, line_no: int, section: list[str]) -> list[Figure]:
    figures: list[Figure] = []
    sentences = _sentences(text)
    depths = bracket_depths(text)
    d_idx = 0
    s_idx = 0
    prev_end = 0
    for tok in find_numbers(text):
        if not_a_quantity(text, tok):
            continue
        n = tok.number
        pos = tok.end
        rest = text[pos : pos + 12]
        unit, kind = n.unit, ""
        if n.unit in ("%", "‰", "个百分点"):
            kind = {"%": "percent", "‰": "permille", "个百分点": "points"}[n.unit]
        elif n.unit == "fraction":
            unit, kind = "", "ratio"
        elif TENTHS.match(rest) and n.value <= 10:  # 七成: seven tenths, a share like 70%
            n = ParsedNumber(n.value * 10, n.precision * 10, n.approx, "%", True)
            unit, kind, pos = "%", "percent", pos + 1
        elif tok.text[-1] in "万亿" and rest.startswith(("大关", "关口")):
            unit, kind = "", "other"  # 突破三千亿大关: a magnitude passed, its unit left to the reader
        else:
            um = _UNIT_RE.match(rest)
            if not um or um.group("u") == "万":
                continue  # no unit: not a reportable figure
            unit, kind = um.group("u"), UNIT_KIND[um.group("u")]
            if (
                kind == "count"
                and not float(n.value).is_integer()
                and _GLUED_ITEM.match(tok.text)
                and not text[: tok.start].strip()
            ):
                cut = tok.text.index(".") + 1  # "40.151件民生实事": list item 40, then 151件
                tok = type(tok)(tok.start + cut, tok.end, tok.text[cut:], find_numbers(tok.text[cut:])[0].number)
                n = tok.number
            if um.group("u") == "个" and text[pos + um.end() : pos + um.end() + 1] == "“" and not tok.text[0].isdigit():
                continue  # 三个“三分之一”: a name, not a count
            if um.group("u") == "期" and not _ISSUES.search(_clause_around(text, tok.start, pos + um.end())):
                continue  # 地铁2号线三期, 华强二期: a project phase
            if um.group("q"):
                n = type(n)(n.value, n.precision, "more", n.unit, n.scaled)
            pos += um.end()
            per = re.match(r"/[\u4e00-\u9fff]{1,2}", text[pos : pos + 3])
            if per:  # 元/亩, 批次/千人: a rate, not a quantity
                unit, kind = unit + per.group(0), "other"
                pos += per.end()
        while s_idx < len(sentences) - 1 and sentences[s_idx][1] <= tok.start:
            s_idx += 1
        while d_idx < len(depths) - 1 and depths[d_idx + 1][0] <= tok.start:
            d_idx += 1
        s_start, s_end = sentences[s_idx]
        clause_start = max(s_start, prev_end)
        segment = text[clause_start : tok.start]
        cut = max(segment.rfind(ch) for ch in _STRONG) if segment else -1
        clause_start += cut + 1
        raw_pre = text[clause_start : tok.start]
        after_unit = text[pos : pos + 16]
        approx = _approx(raw_pre, n.approx, after_unit)
        for word, _ in _APPROX_AFTER:
            if after_unit.startswith(word) and word not in ("多", "余"):
                pos += len(word)
                after_unit = text[pos : pos + 16]
                break
        label = _clean_label(raw_pre)
        post = _post_noun(after_unit)
        if post and not (figures and figures[-1].end - base == tok.start):
            label = (label + post)[-20:] if label else post
        if not label and figures and figures[-1].end - base == tok.start:
            label = figures[-1].label  # 148批324人次: one label, two units
        figures.append(
            Figure(
                value=n.value,
                unit=unit,
                label=label,
                parent=None,
                approx=approx,
                kind=kind,
                text=text[tok.start : pos],
                sentence=text[s_start:s_end],
                line=line_no,
                start=base + tok.start,
                end=base + pos,
                section=section,
                precision=n.precision,
                exact=n.exact and approx is None,
                sentence_start=base + s_start,
                total_marker=bool(_TOTAL_MARK.search(raw_pre)),
                per_unit=bool(_PER_UNIT.search(raw_pre) or kind == "money" and _PER_UNIT_MONEY.search(raw_pre)),
                lead=raw_pre[-40:],
                depth=depths[d_idx][1],
            )
        )
        prev_end = pos
    return figures


_ZERO = re.compile(
    r"(?<![\d一二三四五六七八九十百千万])零(?P<noun>败诉|差错|失误|事故|投诉|超时|逾期|积案|延误|错案|伤亡|死亡|发案"
    r"|违法|违规|纠错|被纠错|被撤销|复议纠错|上访|越级上访|信访|通报|问责)"
)


def _zero_figures(text: str, base: int, line_no: int, section: list[str]) -> list[Figure]:
    """零败诉, 零差错: a count of zero written as a word, which reviewers and drafts quote like any figure."""
    out: list[Figure] = []
    sentences = _sentences(text)
    for m in _ZERO.finditer(text):
        s_start, s_end = next((a, b) for a, b in sentences if a <= m.start() < b)
        pre = re.split(r"[，,；;：:、()（）]", text[s_start : m.start()])[-1]
        pre = re.sub(r"(?:实现|保持|做到|确保|达到|继续|连续\d*年|全年|了)+$", "", pre)
        out.append(
            Figure(
                value=0.0,
                unit="",
                label=_clean_label(pre + m.group("noun")),
                parent=None,
                approx=None,
                kind="count",
                text=m.group(0),
                sentence=text[s_start:s_end],
                line=line_no,
                start=base + m.start(),
                end=base + m.end(),
                section=section,
                precision=0.5,
                exact=True,
                sentence_start=base + s_start,
            )
        )
    return out


def _label_changes(figures: list[Figure], text: str, base: int) -> None:
    """从8045个工作日压缩至3205个工作日: 原办理时限 / 办理时限压缩至, not one label for both ends."""
    for i, (a, b) in enumerate(zip(figures, figures[1:])):
        if a.sentence_start != b.sentence_start or a.kind != b.kind:
            continue
        m = CHANGE_BETWEEN.match(text[a.end - base : b.start - base])
        floor = max(a.sentence_start, a.start - 30, figures[i - 1].end if i else 0)
        before = text[floor - base : a.start - base]
        if not m or not _FROM_BEFORE.search(before):
            continue
        subject = _clean_label(_FROM_BEFORE.sub("", re.split(r"[，,；;：:()（）]", before)[-1]))
        if subject:
            a.label, b.label = f"原{subject}", f"{subject}{m.group('verb')}至"


def _extract(lines: list[tuple[int, str, int]], section_of: Any, tables: dict[int, list[Figure]]) -> list[Figure]:
    figures: list[Figure] = []
    for no, text, start in lines:
        line_figs = tables[no] if no in tables else _line_figures(text, start, no, [])  # table rows: figure_tables
        if "零" in text:
            line_figs = sorted(line_figs + _zero_figures(text, start, no, []), key=lambda f: f.start)
        if line_figs:
            section = section_of(no)
            for f in line_figs:
                f.section = section
            _label_changes(line_figs, text, start)
            figures.extend(line_figs)
    return figures


def extract_figures(doc: Document) -> list[Figure]:
    """Every figure in the document, in reading order, with labels, parents and original lines."""
    figures = FigureList(
        _extract([(ln.no, ln.text, ln.start) for ln in doc.lines], doc.section_path, table_figures(doc, _line_figures))
    )
    figures.structure = link_parts(doc, figures)
    return figures


def extract_figures_text(text: str) -> list[Figure]:
    """The same for a string (chat message, draft); lines are lines of `text`."""
    try:
        return extract_figures(parse_text(text))
    except EmptyDocumentError:
        return []
