"""PDF text layer to paragraphs: pypdf gives visual lines with layout spaces, Chinese text has neither."""

from __future__ import annotations

import io
import logging
import re

from assistant.documents.normalize import classify_line, to_simplified, unify_width
from assistant.documents.outline import match_heading
from assistant.errors import DecodeError, EmptyDocumentError

_PYPDF_LOG = logging.getLogger("pypdf")
_NOTE = logging.getLogger("fazhi.note")  # shown to the user as 提示 (assistant/cli/logs.py)


class _Repairs(logging.Handler):
    """Counts what pypdf had to work around while reading one file (its messages go to the log)."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


def pdf_text(data: bytes, name: str = "文件") -> str:
    """Text layer of a PDF, page by page. Scanned PDFs have none: say so instead of returning nothing.
    A damaged PDF that pypdf repairs while reading gets one Chinese note, not its English warnings."""
    repairs = _Repairs()
    _PYPDF_LOG.addHandler(repairs)
    try:
        from pypdf import PdfReader

        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            try:
                reader.decrypt("")
            except Exception:
                raise DecodeError(f"PDF 文件已加密，无法读取：{name}") from None
        pages = [page.extract_text() or "" for page in reader.pages]
    except DecodeError:
        raise
    except Exception as exc:
        raise DecodeError(f"无法打开 PDF 文件 {name}：文件已损坏（{type(exc).__name__}）") from None
    finally:
        _PYPDF_LOG.removeHandler(repairs)
    if repairs.count:
        _NOTE.warning("PDF 文件 %s 的内部结构有损坏，已自动修复后读取，请核对内容是否完整。", name)
    text = fix_pdf_spacing(reflow_pdf_pages([p.strip("\n") for p in pages]))
    if not text.strip():
        raise EmptyDocumentError(f"PDF 文件 {name} 没有文字层（可能是扫描件），请先做文字识别（OCR）")
    return text


# pypdf puts a space wherever the PDF positions glyph runs apart, which for Chinese text means between
# a number and its unit ("454 项", "2019 年") and around quotes; Chinese uses no spaces there.
_CJK_CHAR = "\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef\u2018\u2019\u201c\u201d\u2026\u2014"
_PDF_SPACE = re.compile(
    rf"(?<=[{_CJK_CHAR}])[ \t\xa0\u3000]+(?=[{_CJK_CHAR}0-9%.,:;()\-])"
    rf"|(?<=[0-9%.,:;()])[ \t\xa0\u3000]+(?=[{_CJK_CHAR}])"
)
# Quote marks set in a Latin font come out detached from their text, as an empty pair "“ ”", or moved
# between a number and its unit ("45”“个工作日", "20“个工作日"), which is never where Chinese puts them.
_EMPTY_QUOTES = re.compile(r"“\s*”")
_QUOTE_IN_FIGURE = re.compile(
    r"(?<=[0-9])[“”‘’]+(?=[个件项人次元万亿千百家所名天日年月户场份条台宗批类种座期篇部起例套辆亩间笔处])"
)
_LEADING_SPACE = re.compile(r"^[ \t\xa0\u3000]*")


def fix_pdf_spacing(page: str) -> str:
    """Drop the spaces PDF extraction inserts next to Chinese text; spaces between Latin words stay."""
    out = []
    for line in page.split("\n"):
        indent = _LEADING_SPACE.match(line).group(0)  # type: ignore[union-attr]
        body = _EMPTY_QUOTES.sub("", _PDF_SPACE.sub("", line[len(indent) :]))
        out.append(indent + _QUOTE_IN_FIGURE.sub("", body))
    return "\n".join(out)


def _visual_width(s: str) -> float:
    """Printed width in em: Chinese characters are full width, ASCII half."""
    return sum(0.5 if c.isascii() else 1.0 for c in s)


_WRAP_END = re.compile(r"[。！？!?；;：:”」』）)]$")
_CRUMB = re.compile(r"[>»→]")
_INDENT = re.compile(r"^(?:[ \t\xa0]{2,}|\u3000)")


_PAGE_FOOTER = re.compile(r"^\s*(?:[-—–]\s*\d{1,3}\s*[-—–]|第\s*\d{1,3}\s*页.{0,8}|\d{1,3}(?:\s*/\s*\d{1,3})?)\s*$")


def reflow_pdf_page(page: str, indented: bool = False) -> str:
    """Join the visual lines of a PDF page back into paragraphs (see reflow_pdf_pages)."""
    return "\n".join(_reflow(page, indented)[0])


def reflow_pdf_pages(pages: list[str]) -> str:
    """Reflow each page, and continue a sentence cut by a page break on the next page.

    The continuation goes before the page's footer lines ("- 2 -"), which later steps remove.
    """
    out: list[str] = []
    open_at: int | None = None
    texts = [ln for page in pages for ln in page.split("\n") if ln.strip()]
    starts = sum(1 for ln in texts if _INDENT.match(ln))
    indented = starts >= 3 and starts >= 0.05 * len(texts)
    for page in pages:
        lines, page_open = _reflow(page, indented)
        if open_at is not None and lines and _continues(lines[0]):
            out[open_at] += lines.pop(0).strip()
            page_open = page_open if lines else 0
        base = len(out)
        out.extend(lines)
        open_at = None if page_open is None else base + page_open
        if open_at is not None and open_at >= len(out):
            open_at = None
    return "\n".join(out)


def _continues(line: str) -> bool:
    stripped = line.strip()
    return (
        bool(stripped)
        and not _INDENT.match(line)
        and not _PAGE_FOOTER.match(stripped)
        and match_heading(unify_width(fix_pdf_spacing(stripped))) is None
        and not _is_chrome(stripped)
    )


def _is_chrome(stripped: str) -> bool:
    """Web-page chrome (breadcrumbs, 来源/发布时间 lines) is a line of its own, however wide."""
    return classify_line(unify_width(to_simplified(fix_pdf_spacing(stripped)))) is not None


def _reflow(page: str, indented: bool) -> tuple[list[str], int | None]:
    """Reflowed lines, and the index of the last text line when it runs on past the page's end.

    A line as wide as the page's full lines that does not end a sentence was wrapped by the layout;
    joining it keeps run-in headings and sentences (and the figures inside them) whole. A next line
    that is a heading or starts indented (a first-line indent) begins a new paragraph instead; when
    the document marks paragraphs that way, a 3/4-full line not ending a sentence is enough.
    Widths are measured before spaces are removed: the spaces are real layout (CJK/Latin spacing).
    """
    lines = [ln.rstrip() for ln in page.split("\n")]
    widths = sorted(_visual_width(ln.strip()) for ln in lines if len(ln.strip()) >= 10)
    if len(widths) < 3:
        return lines, None
    # The median of the long lines, not the maximum: extraction pads some lines with spaces.
    long = [w for w in widths if w >= 0.6 * widths[-1]]
    full = long[len(long) // 2]
    slack = max(2.0, 0.1 * full)
    out: list[str] = []
    joining = chrome = False
    for ln in lines:
        stripped = ln.strip()
        if joining and _continues(ln) and (not chrome or _CRUMB.search(stripped)):
            out[-1] += stripped
        else:
            out.append(ln)
        if stripped and not _PAGE_FOOTER.match(stripped):
            need = 0.75 * full if indented else full - slack
            joining = _visual_width(stripped) >= need and not _WRAP_END.search(stripped)
            # A wrapped breadcrumb goes on with more ">>" parts; the page title after it is not one.
            chrome = joining and _is_chrome(stripped)
    last = max((i for i, ln in enumerate(out) if ln.strip() and not _PAGE_FOOTER.match(ln)), default=None)
    return out, (last if joining and last is not None else None)
