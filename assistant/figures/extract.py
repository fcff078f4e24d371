"""Every figure in a report as structured data: value, unit, label, parent, qualifier, place.

Reads the normalised Document text (simplified, half-width digits) and reports original line
numbers, so traditional-script input is analysed like simplified and cited as written. What is
not a quantity (years, dates, list numbers, document and article numbers, ordinals in names like
十九大/四中全会/“七五”普法, hotlines and phone numbers) is skipped. Parents link the parts of a
breakdown (“共…21件，不予受理6件…”, “其中…”) to their total; the checks (figures.checks) read them.
"""

from __future__ import annotations

import re
from typing import Any

from assistant.documents import Document, parse_text
from assistant.errors import EmptyDocumentError
from assistant.figures.model import UNIT_KIND, Figure, compatible_units
from assistant.figures.numbers import find_numbers, not_a_quantity
from assistant.figures.tables import table_figures

__all__ = ["extract_figures", "extract_figures_text", "is_disposal", "label_core", "CHANGE_BETWEEN"]


# fmt: off
_UNIT_RE = re.compile("(?P<q>[多余])?(?P<u>" + "|".join(sorted(UNIT_KIND, key=len, reverse=True)) + ")")

_STRONG = set("，,；;。：:!！?？()（）[]【】\n")
_SENT_END = re.compile(r"[。；;!！?？]")
_APPROX_BEFORE = [("不低于", "more"), ("不少于", "more"), ("至少", "more"), ("不超过", "less"), ("不高于", "less"),
                  ("最多", "less"), ("将近", "less"), ("接近", "less"), ("不到", "less"), ("不足", "less"),
                  ("少于", "less"), ("大约", "about"), ("约", "about"), ("近", "less"), ("逾", "more"),
                  ("超过", "more"), ("多于", "more"), ("超", "more")]
_APPROX_AFTER = [("以上", "more"), ("多", "more"), ("余", "more"), ("左右", "about"), ("上下", "about"),
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
_CORE_VERBS = re.compile(r"^(?:(?:全|我)?[区市县镇](?:人民)?政府|各级(?:各部门)?)?(?:共|新|依法|依时|及时)?"
                         r"(?:收到|受理|接收|接到|办理|处理|排查|调处|调解|接待|查处|查办|审查|收|有|"
                         r"开展|组织|完成|提供|出具|办结|审结)")
_PER_UNIT = re.compile(r"每|人均|生均|户均|平均|标准|单价|均价|最低|最高")
_COMPARISON = re.compile(r"比|较|同比|环比|增加|增长|减少|下降|提高|降低|增至|降至")
_PENDING = re.compile(r"^(?:正在|尚|仍)?(?:按程序)?(?:在办|未结|未办结|办理中|审理中|正在办理|正在审理|未审结|待办)$")
_DISPOSAL = re.compile(
    r"^(?:已|依法|依时|及时|正在|尚)?(?:按程序)?(?:受理|不予受理|不予立案|立案|在办|办理|办结|审结|结案|未结|未办结|办理中|"
    r"审理中|撤回|撤诉|驳回|驳回申请|维持|撤销|变更|确认违法|责令履行|终止|中止|调解|和解|转送|告知|移送|答复|退回|补正|"
    r"败诉|胜诉|裁定|判决|化解|未化解|(?:调解)?成功|不成功|满意|不满意)(?:的)?(?:案件|事项|申请|纠纷|问题)?$")
_CHANGE = r"(?:压缩|压减|精简|优化精简|减少|降低|缩短|下降|减|降|增加|提高|提升|增长|上升|扩大|增|提速)"
CHANGE_BETWEEN = re.compile(rf"^[^，,。；;]{{0,12}}?(?P<verb>{_CHANGE})了?(?:到|至|为)$")   # 从A【压缩至】B
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


def is_disposal(label: str) -> bool:
    """A label naming how cases were disposed of (不予受理, 在办, 办结, 维持…): the parts of a case total."""
    return bool(_DISPOSAL.match(re.sub(r"^(?:全区|全市|全县|全镇|区|市|县|镇|其中|共|累计)+", "", label)))


def label_core(label: str) -> str:
    """The indicator noun of a label: 收到行政复议申请 → 行政复议申请."""
    core = _CORE_VERBS.sub("", label)
    core = re.sub(r"^(?:了|各类|各种|各级|的)+", "", core)
    return core if len(core) >= 2 else label


def _sentences(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for m in _SENT_END.finditer(text):
        spans.append((start, m.end()))
        start = m.end()
    if start < len(text):
        spans.append((start, len(text)))
    return spans


_ISSUES = re.compile(r"培训|班|讲座|沙龙|论坛|课|活动|研讨|讲堂|简报|刊|节目|栏目|会|专题|夜校|学习|宣讲|直播|考试")


def _clause_around(text: str, start: int, end: int) -> str:
    return re.split(r"[，,；;。：:、]", text[:start])[-1] + re.split(r"[，,；;。：:、]", text[end:])[0]


def _line_figures(text: str, base: int, line_no: int, section: list[str]) -> list[Figure]:
    figures: list[Figure] = []
    sentences = _sentences(text)
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
        else:
            um = _UNIT_RE.match(rest)
            if not um or um.group("u") == "万":
                continue  # no unit: not a reportable figure
            unit, kind = um.group("u"), UNIT_KIND[um.group("u")]
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
                per_unit=bool(_PER_UNIT.search(raw_pre)),
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


def _link_parts(figures: list[Figure], text: str, base: int, offset: int = 0) -> None:
    """Set part_of/link/parent: 其中 lists, sequential parts after a 共 total, 分别为 lists."""
    active: int | None = None  # the total that following figures belong to
    active_link: str | None = None
    sentence = -1
    for i, f in enumerate(figures):
        if f.kind not in ("count", "money", "other"):
            if active_link == "其中" and f.kind in ("percent", "permille"):
                active = None  # 其中…，纠错率12%，在办5件: the list has ended
            continue
        starts_qizhong = f.sentence.lstrip(" ,，、").startswith("其中")
        if f.sentence_start != sentence:
            if not starts_qizhong:
                active, active_link = None, None
            sentence = f.sentence_start
        if f.per_unit:
            active = None
            continue
        prev_i = next((j for j in range(i - 1, -1, -1) if figures[j].kind in ("count", "money", "other")), None)
        if prev_i is not None and (
            figures[prev_i].kind != f.kind
            or figures[prev_i].per_unit
            or not compatible_units(figures[prev_i].unit, f.unit, loose=True)
        ):
            prev_i = None  # 其中 refers to the figure right before it
        between = ""
        if prev_i is not None:
            p = figures[prev_i]
            if p.sentence_start == f.sentence_start or (
                starts_qizhong
                and p.end <= f.sentence_start
                and not text[p.end - base : f.sentence_start - base].strip("。；; \n")
            ):
                between = text[p.end - base : f.start - base]
        if prev_i is not None and "其中" in between:
            anchor = figures[prev_i]
            ok = not anchor.per_unit and not anchor.approx and not _COMPARISON.search(anchor.label)
            active, active_link = (prev_i, "其中") if ok else (None, None)
        elif (
            prev_i is not None
            and between
            and re.match(r"[^，,。；]{0,8}[，,:：]?(?:共)?分别(?:为|是)", between)
            and compatible_units(figures[prev_i].unit, f.unit)
        ):
            active, active_link = prev_i, "分别"
        elif f.total_marker:
            nxt = text[f.end - base : f.end - base + 1]
            active, active_link = (i, "seq") if nxt != "、" else (None, None)
            continue
        if active is None or active == i or f.total_marker:
            continue
        total = figures[active]
        if active_link == "其中" and total.part_of is not None and _PENDING.match(_clean_label(f.label)):
            active, active_link = total.part_of - offset, "seq"  # 已审结25件，其中…，在办5件: back to the total
            total = figures[active]
        if active_link == "seq":
            if f.unit != total.unit or f.kind != total.kind:
                active = None
                continue
            if any(
                figures[k].part_of is None and figures[k].kind not in ("percent", "permille", "points")
                for k in range(active + 1, i)
            ):
                active = None  # another indicator came between: not a breakdown
                continue
        elif not (compatible_units(total.unit, f.unit, loose=True) and f.kind == total.kind):
            continue
        f.part_of, f.link = active + offset, active_link
    for f in figures:
        if f.link == "seq" and not is_disposal(f.label):
            f.part_of, f.link = None, None  # 累计办理案件640件，督察交办案件188件: not a part
    for f in figures:
        if f.part_of is not None:
            total = figures[f.part_of - offset]
            f.total_start = total.start
            core = label_core(total.label) if total.label else None
            f.parent = core
            if total.parent is None:
                total.parent = core


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
    prev: tuple[str, int, int] | None = None  # the last line's text, start, and where its figures begin
    for no, text, start in lines:
        line_figs = tables[no] if no in tables else _line_figures(text, start, no, [])  # table rows: figure_tables
        if "零" in text:
            line_figs = sorted(line_figs + _zero_figures(text, start, no, []), key=lambda f: f.start)
        if line_figs:
            section = section_of(no)
            for f in line_figs:
                f.section = section
            _label_changes(line_figs, text, start)
            if prev and no not in tables and text.startswith("其中") and prev[1] + len(prev[0]) + 1 == start:
                # 共受理45件。⏎其中，维持30件…: the 其中 paragraph breaks down the last line's total
                ptext, pstart, first = prev
                for f in figures[first:]:
                    f.part_of = f.link = f.total_start = None
                figures.extend(line_figs)
                _link_parts(figures[first:], f"{ptext}\n{text}", pstart, offset=first)
            else:
                _link_parts(line_figs, text, start, offset=len(figures))
                figures.extend(line_figs)
        prev = (text, start, len(figures) - len(line_figs)) if line_figs and no not in tables else None
    return figures


def extract_figures(doc: Document) -> list[Figure]:
    """Every figure in the document, in reading order, with labels, parents and original lines."""
    return _extract(
        [(ln.no, ln.text, ln.start) for ln in doc.lines], doc.section_path, table_figures(doc, _line_figures)
    )


def extract_figures_text(text: str) -> list[Figure]:
    """The same for a string (chat message, draft); lines are lines of `text`."""
    try:
        return extract_figures(parse_text(text))
    except EmptyDocumentError:
        return []
