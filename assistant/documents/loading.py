"""Bytes to text: the file formats and encodings Chinese government documents arrive in.

A wrong encoding guess produces mojibake that every later step would treat as text, so decoding is
strict: BOMs first, then strict UTF-8, then UTF-16 without BOM, then the Chinese legacy encodings
(GB18030 ⊃ GBK ⊃ GB2312, Big5) scored by how many decoded characters are common Chinese characters,
with charset-normalizer only as a last resort. Anything that still looks binary is refused.
"""

from __future__ import annotations

import html as html_lib
import re
from pathlib import Path
from typing import Any

from assistant.documents.docx_body import docx_text, is_encrypted_office, protected_message
from assistant.documents.normalize import to_simplified
from assistant.documents.officeconvert import convert_to_docx
from assistant.documents.pdf import pdf_text
from assistant.errors import (
    DecodeError,
    EmptyDocumentError,
    FileMissingError,
    InputError,
    ProtectedFileError,
    UnsupportedFormatError,
)

MAX_BYTES = 20 * 1024 * 1024
TEXT_SUFFIXES = {".txt", ".md", ".markdown", ".text", ".csv", ""}
HTML_SUFFIXES = {".html", ".htm", ".xhtml", ".shtml"}
SUPPORTED = sorted(TEXT_SUFFIXES - {""} | HTML_SUFFIXES | {".docx", ".pdf", ".doc"})  # .doc via LibreOffice

# The most frequent Chinese characters (simplified); scoring a candidate decoding means counting
# how many of its CJK characters, after t2s, fall in this set.
_COMMON = set(
    "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子"
    "说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机"
    "当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心"
    "反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程"
    "展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期"
    "根论运农指几九区强放决西被干做必战先回则任取据处队南给色光门即保治北造百规热领七海口东导器压志"
    "世金增争济阶油思术极交受联什认六共权收证改清己美再采转更单风切打白教速花带安场身车例真务具万每"
    "目至达走积示议声报斗完类八离华名确才科张信马节话米整空元况今集温传土许步群广石记需段研界拉林律"
    "叫且究观越织装影算低持音众书布复容儿须际商非验连断深难近矿千周委素技备半办青省列习响约支般史感"
    "劳便团往酸历市克何除消构府称太准精值号率族维划选标写存候毛亲快效斯院查江型眼王按格养易置派层片"
    "始却专状育厂京识适属圆包火住调满县局照参红细引听该铁价严镇乡街依规范执审批服督考评训培落责监查"
    "宣普推深化健完善领导干部会议案件诉复议纠纷调解综合治理项目建设推进工作年度情况报告区县市镇人"
)
_CJK = re.compile(r"[\u4e00-\u9fff]")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def read_document_text(path: str | Path) -> tuple[str, str]:
    """(text, encoding label) for a supported file; FazhiError subclasses for everything else."""
    p = Path(path)
    if not p.exists():
        raise FileMissingError(f"文件不存在：{p}")
    if p.is_dir():
        raise InputError(f"这是一个目录，不是文件：{p}")
    suffix = p.suffix.lower()
    if suffix in {
        ".wps",
        ".rtf",
        ".xls",
        ".xlsx",
        ".ppt",
        ".pptx",
        ".zip",
        ".rar",
        ".7z",
        ".png",
        ".jpg",
        ".jpeg",
        ".gif",
        ".bmp",
        ".tif",
        ".tiff",
        ".ofd",
        ".exe",
    }:
        raise UnsupportedFormatError(f"不支持的文件类型 {suffix}：{p.name}（支持 {' '.join(SUPPORTED)}）")
    try:
        size = p.stat().st_size
        if size == 0:
            raise EmptyDocumentError(f"文件为空：{p.name}")
        if size > MAX_BYTES:
            raise InputError(f"文件过大（{size / 1048576:.1f} MB），上限为 {MAX_BYTES // 1048576} MB：{p.name}")
        data = p.read_bytes()
    except OSError as exc:
        raise InputError(f"无法读取文件 {p.name}：{exc.strerror or type(exc).__name__}") from None
    if is_encrypted_office(data):  # an open password: OLE2 around an encrypted .docx/.xlsx
        raise ProtectedFileError(protected_message(p.name))
    if data.startswith(b"\xd0\xcf\x11\xe0"):  # OLE2: a Word 97-2003 .doc whatever its name says
        return doc_text(p, "MS Word 97"), "doc"
    if data.startswith(b"{\\rtf"):  # many sites' ".doc" downloads are RTF
        return doc_text(p, None), "rtf"
    if suffix == ".docx" or (data.startswith(b"PK\x03\x04") and b"word/" in data[:4096]):
        return docx_text(data, p.name), "docx"
    if suffix == ".pdf" or data.startswith(b"%PDF-"):
        return pdf_text(data, p.name), "pdf"
    declared = _declared_charset(data) if suffix in HTML_SUFFIXES or suffix not in TEXT_SUFFIXES else None
    if declared:
        text, encoding = declared
    else:
        text, encoding = decode_bytes(data, p.name)
    if suffix in HTML_SUFFIXES or (suffix not in {".md", ".markdown"} and _looks_html(text)):
        return html_text(text), "html"
    return text, encoding


def decode_bytes(data: bytes, name: str = "文件") -> tuple[str, str]:
    """Decode text bytes without mojibake, or raise DecodeError."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace"), "utf-8"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace"), "utf-16"
    try:
        text = data.decode("utf-8")
        return _check_not_binary(text, name), "utf-8"
    except UnicodeDecodeError:
        pass
    utf16 = _utf16_without_bom(data)
    if utf16 is not None:
        return _check_not_binary(utf16[0], name), utf16[1]
    if data.count(b"\x00") > max(2, len(data) // 1000):
        raise DecodeError(f"无法读取：{name} 看起来是二进制文件，不是文本")
    best: tuple[float, str, str] | None = None
    for enc in ("gb18030", "big5"):
        try:
            text = data.decode(enc)
            errors = 0
        except UnicodeDecodeError:
            text = data.decode(enc, errors="replace")
            errors = text.count("\ufffd")
            if errors > max(3, len(text) // 500):
                continue
        score = _common_ratio(text) - errors / max(1, len(text)) * 50
        if best is None or score > best[0]:
            best = (score, text, enc)
    if best is not None and best[0] >= 0.45:
        return _check_not_binary(best[1], name), best[2]
    lenient = data.decode("utf-8", errors="replace")
    if lenient.count("\ufffd") <= max(4, len(lenient) // 1000):  # UTF-8 with a few damaged bytes
        return _check_not_binary(lenient, name), "utf-8"
    fallback = _charset_normalizer(data)
    if fallback is not None:
        return _check_not_binary(fallback[0], name), fallback[1]
    if best is not None and best[0] >= 0.2:
        return _check_not_binary(best[1], name), best[2]
    raise DecodeError(f"无法识别 {name} 的文字编码（不是 UTF-8、GBK/GB18030、UTF-16 或 Big5），请转存为 UTF-8 后再试")


_META_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?\s*([A-Za-z0-9_\-]+)", re.I)


def _declared_charset(data: bytes) -> tuple[str, str] | None:
    """An HTML page's own <meta charset>, when the bytes really decode with it (pages often lie)."""
    m = _META_CHARSET.search(data[:4096])
    if not m:
        return None
    name = m.group(1).decode("ascii").lower()
    codec = {
        "gb2312": "gb18030",
        "gbk": "gb18030",
        "gb18030": "gb18030",
        "big5": "big5",
        "utf-8": "utf-8",
        "utf8": "utf-8",
    }.get(name)
    if codec is None:
        return None
    try:
        text = data.decode(codec)
    except UnicodeDecodeError:
        return None
    return (text, codec) if _common_ratio(text) >= 0.3 else None


def _utf16_without_bom(data: bytes) -> tuple[str, str] | None:
    sample = data[:4000]
    if len(sample) < 4:
        return None
    even_zero = sample[0::2].count(0) / (len(sample) / 2)
    odd_zero = sample[1::2].count(0) / (len(sample) / 2)
    candidates = []
    if odd_zero > 0.2 and even_zero < 0.05:
        candidates.append("utf-16-le")
    if even_zero > 0.2 and odd_zero < 0.05:
        candidates.append("utf-16-be")
    candidates += ["utf-16-le", "utf-16-be"]
    for enc in dict.fromkeys(candidates):
        try:
            text = data[: len(data) // 2 * 2].decode(enc)
        except UnicodeDecodeError:
            continue
        cjk = len(_CJK.findall(text[:2000]))
        ascii_ok = sum(1 for c in text[:2000] if c.isascii() and (c.isprintable() or c in "\r\n\t"))
        if (cjk >= 5 and _common_ratio(text) >= 0.45) or ascii_ok > 0.9 * min(len(text), 2000):
            return text, "utf-16"
    return None


def _common_ratio(text: str) -> float:
    cjk = _CJK.findall(text[:6000])
    if not cjk:
        return 0.5 if text.isascii() else 0.0
    simplified = to_simplified("".join(cjk))
    return sum(1 for c in simplified if c in _COMMON) / len(cjk)


def _charset_normalizer(data: bytes) -> tuple[str, str] | None:
    from charset_normalizer import from_bytes

    match = from_bytes(data[:200_000]).best()
    if match is None or match.encoding is None:
        return None
    try:
        text = data.decode(match.encoding)
    except (UnicodeDecodeError, LookupError):
        return None
    if _CJK.search(text[:6000]) and _common_ratio(text) < 0.35:
        return None
    return text, match.encoding.replace("_", "-")


def _check_not_binary(text: str, name: str) -> str:
    sample = text[:20000]
    if not sample:
        return text
    bad = len(_CONTROL.findall(sample)) + sample.count("\ufffd")
    if "\x00" in sample or bad > max(5, len(sample) // 100):
        raise DecodeError(f"无法读取：{name} 看起来是二进制文件，不是文本")
    return text


def _looks_html(text: str) -> bool:
    head = text[:2000].lower()
    return "<html" in head or "<!doctype html" in head or ("<body" in head and "</" in head)


_DROP_OPEN = re.compile(r"<!--|<(script|style|noscript|template|iframe|svg|head|select|button|textarea|object)\b", re.I)
_BREAK = re.compile(
    r"<br\s*/?>|</?(?:p|div|li|tr|h[1-6]|section|article|table|tbody|thead|ul|ol|dl|dd|dt|"
    r"blockquote|pre|title|header|footer|nav|aside|main|form|center|hr)\b[^>]*>",
    re.I,
)
_CELL = re.compile(r"<t[dh]\b[^>]*>", re.I)  # cell start: works when </td> is omitted, as HTML allows
_ROW = re.compile(r"(<tr\b[^>]*>)((?:(?!</?tr\b|</?table\b).){0,50000})", re.I | re.S)
_CELL_SEP = "\x1f"  # marks a cell start until whitespace is collapsed, then cells are tab-joined as in .docx
_SPAN_MARK = "\x1e"  # one per extra column of a colspan cell: becomes an empty cell, as merged .docx cells do
_COLSPAN = re.compile(r"colspan\s*=\s*[\"']?\s*(\d{1,2})", re.I)
_ROWSPAN = re.compile(r"rowspan\s*=\s*[\"']?\s*(\d{1,2})", re.I)
_ROWSPAN_MARK = re.compile("\x1d(\\d+)\x1c")  # a rowspan cell: its rows below get a cell in its column
_HAS_DIGIT = re.compile(r"\d")  # a merged-down cell with a number is read once; a name repeats in each row
_TAG = re.compile(r"<[^>]*>")
_SPACES = re.compile(r"[ \t\r\f\v\xa0]+")


def html_text(html: str) -> str:
    """Visible text of an HTML page, one block per line; scripts, styles and form controls dropped.

    Regex-based on purpose: linear time on multi-megabyte pages where a DOM parser takes minutes.
    """
    text = _drop_blocks(html)
    if "<t" in text or "<T" in text:  # source newlines, <p> or <br> inside a row must not split it
        text = _ROW.sub(lambda m: m.group(1) + _BREAK.sub(" ", m.group(2)).replace("\n", " ") + "\n", text)
    text = _BREAK.sub("\n", text)
    text = _CELL.sub(_cell_start, text)
    text = _TAG.sub("", text)
    text = html_lib.unescape(text).replace("\t", " ")
    out: list[str] = []
    carry: dict[int, list[Any]] = {}  # column → [rows left, text] of rowspan cells from rows above
    for line in text.split("\n"):
        line = _SPACES.sub(" ", line)
        if _CELL_SEP in line:  # table row: cells tab-separated, as docx_text writes them
            head, *parts = line.split(_CELL_SEP)
            line = (
                "\t".join(cells) if any(cells := _row_cells(([head] if head.strip(" ") else []) + parts, carry)) else ""
            )
        else:
            line = line.strip()
            carry = carry if not line else {}
        if line or (out and out[-1]):
            out.append(line)
    return "\n".join(out).strip("\n")


def _cell_start(m: re.Match[str]) -> str:
    span, rows = _COLSPAN.search(m.group(0)), _ROWSPAN.search(m.group(0))
    mark = f"\x1d{min(int(rows.group(1)), 50)}\x1c" if rows and int(rows.group(1)) > 1 else ""
    return _CELL_SEP + mark + _SPAN_MARK * (min(int(span.group(1)), 50) - 1 if span and int(span.group(1)) > 1 else 0)


def _row_cells(raw: list[str], carry: dict[int, list[Any]]) -> list[str]:
    """One row's cells, with the columns that rowspan cells above still cover filled in: a row header
    (行政复议 over 收案/结案) repeats so each row keeps its name; a number does not, so no sum counts it twice."""
    cells: list[str] = []

    def fill() -> None:
        while len(cells) in carry:
            left = carry[len(cells)]
            cells.append(left[1])
            left[0] -= 1
            if not left[0]:
                del carry[len(cells) - 1]

    for c in raw:
        fill()
        rows = _ROWSPAN_MARK.search(c)
        extra = c.count(_SPAN_MARK)
        value = _ROWSPAN_MARK.sub("", c.replace(_SPAN_MARK, "")).strip(" ")
        col = len(cells)
        cells += [value] + [""] * extra
        if rows:
            for k in range(extra + 1):
                carry[col + k] = [int(rows.group(1)) - 1, value if not k and not _HAS_DIGIT.search(value) else ""]
    fill()
    return cells


def _drop_blocks(html: str) -> str:
    """Cut comments and script-like elements in one pass; an unclosed one runs to the end, as in browsers."""
    lower = html.lower()
    out: list[str] = []
    pos = 0
    while True:
        m = _DROP_OPEN.search(html, pos)
        if m is None:
            out.append(html[pos:])
            break
        out.append(html[pos : m.start()])
        close = "-->" if m.group(1) is None else f"</{m.group(1).lower()}"
        end = lower.find(close, m.end())
        if end < 0:
            break
        gt = lower.find(">", end)
        pos = len(html) if gt < 0 else gt + 1
        out.append(" ")
    return "".join(out)


def doc_text(path: Path, import_filter: str | None = "MS Word 97") -> str:
    """Text of an old Word file converted to .docx; UnsupportedFormatError when that cannot be done."""
    return docx_text(convert_to_docx(path, import_filter=import_filter), path.name)
