"""Word's automatic list numbering, rendered as text.

Headings in .docx files are often numbered by Word ("一、" from numbering.xml), not typed; python-docx
returns the text without the number, and the outline would lose them. This renders the label the
reader sees for each numbered paragraph, for the common formats of Chinese documents.
"""

from __future__ import annotations

from typing import Any

from assistant.vocabulary import to_chinese

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def qn(tag: str) -> str:
    """ "w:numFmt" → Clark notation, as python-docx's qn gives for the w: namespace (without importing it)."""
    return _W + tag.split(":", 1)[1]


_CN_FORMATS = {
    "chineseCounting",
    "chineseCountingThousand",
    "ideographTraditional",
    "japaneseCounting",
    "chineseLegalSimplified",
    "taiwaneseCounting",
    "taiwaneseCountingThousand",
    "ideographLegalTraditional",
}


def _cn(n: int) -> str:
    return to_chinese(n) if n < 100 else str(n)


def format_number(n: int, fmt: str) -> str:
    if fmt in _CN_FORMATS:
        return _cn(n)
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese") and 1 <= n <= 20:
        return chr(0x2460 + n - 1)
    if fmt == "upperLetter":
        return chr(ord("A") + (n - 1) % 26)
    if fmt == "lowerLetter":
        return chr(ord("a") + (n - 1) % 26)
    if fmt == "upperRoman" or fmt == "lowerRoman":
        roman = ["", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"]
        r = roman[n] if n < len(roman) else str(n)
        return r if fmt == "upperRoman" else r.lower()
    if fmt == "decimalFullWidth":
        return "".join(chr(ord(c) + 0xFEE0) for c in str(n))
    return str(n)


class ListNumbering:
    """Counters per list, fed paragraph by paragraph in document order."""

    def __init__(self, document: Any) -> None:
        self._levels: dict[str, dict[int, tuple[str, str, int]]] = {}
        self._counters: dict[str, dict[int, int]] = {}
        try:
            root = document.part.numbering_part.element
        except (KeyError, AttributeError, NotImplementedError):
            return
        abstract: dict[str, dict[int, tuple[str, str, int]]] = {}
        for an in root.findall(qn("w:abstractNum")):
            levels = {}
            for lvl in an.findall(qn("w:lvl")):
                levels[int(lvl.get(qn("w:ilvl")))] = (
                    _val(lvl, "w:numFmt", "decimal"),
                    _val(lvl, "w:lvlText", ""),
                    int(_val(lvl, "w:start", "1") or 1),
                )
            abstract[an.get(qn("w:abstractNumId"))] = levels
        for num in root.findall(qn("w:num")):
            ref = num.find(qn("w:abstractNumId"))
            if ref is None:
                continue
            levels = dict(abstract.get(ref.get(qn("w:val")), {}))
            for override in num.findall(qn("w:lvlOverride")):
                ilvl = int(override.get(qn("w:ilvl")))
                start = override.find(qn("w:startOverride"))
                if start is not None and ilvl in levels:
                    fmt, text, _ = levels[ilvl]
                    levels[ilvl] = (fmt, text, int(start.get(qn("w:val"))))
            self._levels[num.get(qn("w:numId"))] = levels

    def label(self, paragraph: Any) -> str:
        """The rendered number ("一、", "（二）", "1.") of a numbered paragraph, "" otherwise."""
        if not self._levels:
            return ""
        num_id, ilvl = _num_pr(paragraph)
        if num_id is None or num_id not in self._levels:
            return ""
        levels = self._levels[num_id]
        if ilvl not in levels:
            return ""
        fmt, text, start = levels[ilvl]
        counters = self._counters.setdefault(num_id, {})
        counters[ilvl] = counters.get(ilvl, start - 1) + 1
        for deeper in [k for k in counters if k > ilvl]:
            del counters[deeper]
        if fmt in ("bullet", "none") or not text:
            return ""
        for k in range(ilvl, -1, -1):
            if k in levels:
                value = counters.get(k, levels[k][2])
                text = text.replace(f"%{k + 1}", format_number(value, levels[k][0]))
        return text


def _val(el: Any, tag: str, default: str) -> str:
    child = el.find(qn(tag))
    return child.get(qn("w:val"), default) if child is not None else default


def _num_pr(paragraph: Any) -> tuple[str | None, int]:
    sources = [paragraph._p.pPr]
    style = paragraph.style
    while style is not None and len(sources) < 5:
        sources.append(style.element.pPr)
        style = style.base_style
    num_id, ilvl = None, None
    for ppr in sources:
        if ppr is None or ppr.numPr is None:
            continue
        numpr = ppr.numPr
        if num_id is None and numpr.numId is not None:
            num_id = str(numpr.numId.val)
        if ilvl is None and numpr.ilvl is not None:
            ilvl = int(numpr.ilvl.val)
    if num_id == "0":
        return None, 0
    return num_id, ilvl or 0
