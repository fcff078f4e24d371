"""One row of the batch comparison table: what a reviewer needs to know about one submitted report.

`summarise_file` never raises for a bad input: an unreadable file or one that is not a report
becomes a row with the reason, so one bad file cannot end a batch of a hundred.

Extractive summary rule (≤ 300 characters, the report's own sentences, in document order):
  1. candidates are body sentences (split at 。！？) of 20–160 characters, not headings, not the
     formulas of the genre (现将…报告如下, 请予审议…);
  2. the first candidate of the document (its opening statement) is always taken;
  3. the rest are ranked by score = 3 × key indicators in the sentence + 1 × other figures (at most 2)
     + 2 if it states an outcome (成效/实现/完成/提升/全覆盖/100%/零) + 1 if it opens a top-level
     section; ties go to the earlier sentence;
  4. sentences are added best first while the total stays ≤ 300 characters, then printed in
     document order.
"""

from __future__ import annotations

import hashlib
import re
import time
import zlib
from pathlib import Path

from assistant.documents import Document, iter_nodes, load_document
from assistant.errors import FazhiError
from assistant.figures import Figure, FigureIssue, extract_figures
from assistant.review import Review, review_report
from assistant.summarize.indicators import Indicator, find_indicators
from assistant.summarize.llm import add_llm_summary
from assistant.summarize.model import SUMMARY_MAX, ItemStatus, Problem, ReportSummary
from assistant.vocabulary import ITEM_IDS, ITEM_NAMES, MISSING, NOT_APPLICABLE, PARTIAL

_SENTENCE_END = re.compile(r"(?<=[。！？!?])")
_FORMULA = re.compile(r"报告如下|汇报如下|请予审议|提出意见|特此报告|现将.{0,20}(报告|汇报)")
_OUTCOME = re.compile(r"成效|实现|完成|提升|全覆盖|100%|零")
_SKETCH_SIZE = 128
_NON_WORD = re.compile(r"[\W_]+")
_CLAUSE = re.compile(r"[，,。；;：:！？!?\n]")


def file_hash(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def text_fingerprint(text: str) -> tuple[str, list[int]]:
    """Hash of the letters and digits only (so spacing, punctuation and script don't matter — the
    text is already simplified) and a bottom-k MinHash sketch over its clauses (split at Chinese
    punctuation) for near-duplicate detection. CRC32 keeps both stable across processes and runs."""
    compact = _NON_WORD.sub("", text)
    digest = hashlib.sha1(compact.encode("utf-8")).hexdigest()
    clauses = {_NON_WORD.sub("", c) for c in _CLAUSE.split(text)}
    hashes = {zlib.crc32(c.encode("utf-8")) for c in clauses if len(c) >= 4}
    return digest, sorted(hashes)[:_SKETCH_SIZE]


def sketch_similarity(a: list[int], b: list[int]) -> float:
    """Estimated Jaccard similarity of two bottom-k sketches."""
    if not a or not b:
        return 0.0
    union = sorted(set(a) | set(b))[:_SKETCH_SIZE]
    sa, sb = set(a), set(b)
    return sum(1 for h in union if h in sa and h in sb) / len(union)


def _sentences(doc: Document, heading_lines: set[int]) -> list[tuple[int, str, bool]]:
    """(line, sentence, opens_top_section) for body sentences that fit the candidate rule."""
    top_lines = {n.line for n in doc.outline}
    out: list[tuple[int, str, bool]] = []
    after_top = False
    for line in doc.lines:
        text = line.text.strip()
        no = line.no
        after_top = after_top or no in top_lines
        parts = [p.strip() for p in _SENTENCE_END.split(text) if p.strip()]
        if no in heading_lines and parts:
            parts = parts[1:]  # drop the (run-in) heading itself
        for sentence in parts:
            if 20 <= len(sentence) <= 160 and sentence[-1] in "。！？!?" and not _FORMULA.search(sentence):
                out.append((no, sentence, after_top))
                after_top = False
    return out


def extractive_summary(
    doc: Document, figures: list[Figure], indicators: dict[str, Indicator], limit: int = SUMMARY_MAX
) -> str:
    """The report's own key sentences by the rule in the module docstring."""
    heading_lines = {n.line for n in iter_nodes(doc.outline)}
    candidates = _sentences(doc, heading_lines)
    if not candidates:
        return ""
    key_lines: dict[int, list[str]] = {}
    for ind in indicators.values():
        key_lines.setdefault(ind.line, []).append(ind.text)
    fig_lines: dict[int, list[str]] = {}
    for fig in figures:
        fig_lines.setdefault(fig.line, []).append(fig.text)

    def score(item: tuple[int, str, bool]) -> int:
        no, sentence, opens = item
        keys = sum(1 for t in key_lines.get(no, []) if t and t in sentence)
        others = sum(1 for t in fig_lines.get(no, []) if t and t in sentence) - keys
        return 3 * keys + min(max(others, 0), 2) + (2 if _OUTCOME.search(sentence) else 0) + (1 if opens else 0)

    chosen = {0}
    total = len(candidates[0][1])
    if total > limit:
        return candidates[0][1][: limit - 1] + "…"
    ranked = sorted(range(1, len(candidates)), key=lambda i: (-score(candidates[i]), i))
    for i in ranked:
        size = len(candidates[i][1])
        if total + size <= limit:
            chosen.add(i)
            total += size
    return "".join(candidates[i][1] for i in sorted(chosen))


def _severity_rank(issue: FigureIssue) -> tuple[int, float]:
    gap = abs(issue.stated - issue.expected) / max(abs(issue.expected), 1.0)
    return (0 if issue.severity == "error" else 1, -gap)


def _problems(review: Review, items: dict[str, ItemStatus]) -> tuple[list[Problem], str | None]:
    issues = sorted(review.figure_issues, key=_severity_rank)
    problems = [Problem("数字", i.kind, i.severity, i.line, i.text, i.message) for i in issues]
    worst = None
    if issues:
        w = issues[0]
        worst = f"第{w.line}行：{w.message or w.text}"
    for item in items.values():
        if item.status in (MISSING, PARTIAL) and item.id != "other":
            severity = "error" if item.status == MISSING else "warning"
            problems.append(
                Problem(
                    "法定内容",
                    f"item_{item.status}",
                    severity,
                    item.line,
                    item.heading or "",
                    f"{ITEM_NAMES[item.id]}：{item.reason}",
                )
            )
    for note in review.timing:
        if note.severity == "info":
            continue
        problems.append(Problem("时间", note.kind, note.severity, None, "", note.message))
    return problems, worst


def summarise_document(doc: Document, review: Review, figures: list[Figure]) -> ReportSummary:
    """Build the row from already computed pieces (kept pure so tests can feed real-looking data)."""
    meta = doc.meta
    items = {v.id: ItemStatus(v.id, v.status, v.heading, v.line, v.reason) for v in review.mandated}
    if not review.is_report:
        items = {i: ItemStatus(i, NOT_APPLICABLE, None, None, review.not_report_reason or "") for i in ITEM_IDS}
    areas = {c.area: c.status for c in review.coverage}
    problems, worst = _problems(review, items if review.is_report else {})
    indicators = find_indicators(figures)
    text_hash, sketch = text_fingerprint(doc.text)
    return ReportSummary(
        file=str(doc.path),
        title=meta.title,
        issuer=meta.issuer,
        level=meta.level,
        year=meta.year,
        doc_type=meta.doc_type,
        script=meta.script,
        is_report=review.is_report,
        not_report_reason=review.not_report_reason,
        score=review.score,
        items=items,
        areas=areas,
        problems=problems,
        figure_problem_count=len(review.figure_issues),
        worst_problem=worst,
        indicators=indicators,
        summary=extractive_summary(doc, figures, indicators),
        text_hash=text_hash,
        sketch=sketch,
        chars=len(doc.text),
    )


def summarise_file(path: str | Path, *, llm: bool = False) -> ReportSummary:
    """Load, review and summarise one file; failures come back as a row with the reason."""
    started = time.perf_counter()
    path = Path(path)
    row = ReportSummary(file=str(path))
    try:
        sha = row.sha256 = file_hash(path)
        doc = load_document(path)
        figures = extract_figures(doc)
        row = summarise_document(doc, review_report(doc, figures=figures), figures)
        row.file, row.sha256 = str(path), sha
        if llm:
            add_llm_summary(row, doc)
    except FazhiError as err:
        row.ok, row.error = False, str(err)
    except OSError as err:
        row.ok, row.error = False, f"无法读取文件：{err.strerror or err}"
    except Exception as err:
        row.ok, row.error = False, f"处理失败（{type(err).__name__}：{err}）"
    row.seconds = round(time.perf_counter() - started, 4)
    return row
