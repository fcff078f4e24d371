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
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from assistant.errors import FazhiError
from assistant.summarize_indicators import Indicator, find_indicators

SUMMARY_MAX = 300
ITEM_IDS = ("measures", "shortcomings", "leaders", "next_year", "other")
ITEM_NAMES = {"measures": "举措和成效", "shortcomings": "不足和原因", "leaders": "第一责任人",
              "next_year": "下年安排", "other": "其他情况"}
STATUS_NAMES = {"present": "具备", "partial": "部分", "missing": "缺失", "n/a": "不适用",
                "covered": "涉及", "thin": "较少", "absent": "未涉及"}
AREA_COVERED = ("covered", "thin", "present", "partial")
DOC_TYPE_NAMES = {"rule_of_law_report": "法治政府建设年度报告", "work_plan": "工作方案",
                  "gov_work_report": "政府工作报告", "other": "其他"}
LEVEL_NAMES = {"central": "中央", "province": "省级", "city": "市级", "county": "县级", "town": "乡镇"}
_SENTENCE_END = re.compile(r"(?<=[。！？!?])")
_FORMULA = re.compile(r"报告如下|汇报如下|请予审议|提出意见|特此报告|现将.{0,20}(报告|汇报)")
_OUTCOME = re.compile(r"成效|实现|完成|提升|全覆盖|100%|零")
_SKETCH_SIZE = 128
_NON_WORD = re.compile(r"[\W_]+")
_CLAUSE = re.compile(r"[，,。；;：:！？!?\n]")


@dataclass
class ItemStatus:
    id: str
    status: str          # present | partial | missing | n/a
    heading: str | None
    line: int | None
    reason: str


@dataclass
class Problem:
    category: str        # "数字" | "法定内容" | "时间"
    kind: str
    severity: str        # "error" | "warning"
    line: int | None
    quote: str           # the report's own words
    message: str         # one Chinese sentence


@dataclass
class ReportSummary:
    file: str
    sha256: str = ""
    ok: bool = True
    error: str | None = None
    title: str | None = None
    issuer: str | None = None
    level: str | None = None
    year: int | None = None
    doc_type: str | None = None
    script: str | None = None
    is_report: bool = False
    not_report_reason: str | None = None
    score: int | None = None
    items: dict[str, ItemStatus] = field(default_factory=dict)
    areas: dict[str, str] = field(default_factory=dict)          # 纲要 area → status
    problems: list[Problem] = field(default_factory=list)
    figure_problem_count: int = 0
    worst_problem: str | None = None
    indicators: dict[str, Indicator] = field(default_factory=dict)
    summary: str = ""
    llm_summary: str | None = None
    llm_flags: list[str] = field(default_factory=list)
    llm_error: str | None = None
    text_hash: str = ""
    sketch: list[int] = field(default_factory=list)
    duplicate_of: str | None = None
    duplicate_similarity: float | None = None
    chars: int = 0
    seconds: float = 0.0


def _attr(obj: Any, name: str, default: Any = None) -> Any:
    return obj.get(name, default) if isinstance(obj, dict) else getattr(obj, name, default)


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


def _sentences(doc: Any, heading_lines: set[int]) -> list[tuple[int, str, bool]]:
    """(line, sentence, opens_top_section) for body sentences that fit the candidate rule."""
    top_lines = {_attr(n, "line") for n in (_attr(doc, "outline") or [])}
    out: list[tuple[int, str, bool]] = []
    after_top = False
    for line in _attr(doc, "lines") or []:
        text = (_attr(line, "text") or "").strip()
        no = _attr(line, "no")
        after_top = after_top or no in top_lines
        parts = [p.strip() for p in _SENTENCE_END.split(text) if p.strip()]
        if no in heading_lines and parts:
            parts = parts[1:]        # drop the (run-in) heading itself
        for sentence in parts:
            if 20 <= len(sentence) <= 160 and sentence[-1] in "。！？!?" and not _FORMULA.search(sentence):
                out.append((no, sentence, after_top))
                after_top = False
    return out


def _walk(nodes: list[Any]) -> list[Any]:
    result = []
    for node in nodes or []:
        result.append(node)
        result.extend(_walk(_attr(node, "children") or []))
    return result


def extractive_summary(doc: Any, figures: list[Any], indicators: dict[str, Indicator],
                       limit: int = SUMMARY_MAX) -> str:
    """The report's own key sentences by the rule in the module docstring."""
    heading_lines = {_attr(n, "line") for n in _walk(_attr(doc, "outline") or [])}
    candidates = _sentences(doc, heading_lines)
    if not candidates:
        return ""
    key_lines: dict[int, list[str]] = {}
    for ind in indicators.values():
        key_lines.setdefault(ind.line, []).append(ind.text)
    fig_lines: dict[int, list[str]] = {}
    for fig in figures:
        fig_lines.setdefault(_attr(fig, "line"), []).append(_attr(fig, "text") or "")

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


def _severity_rank(issue: Any) -> tuple[int, float]:
    stated = float(_attr(issue, "stated") or 0)
    expected = float(_attr(issue, "expected") or 0)
    gap = abs(stated - expected) / max(abs(expected), 1.0)
    return (0 if _attr(issue, "severity") == "error" else 1, -gap)


def _problems(review: Any, items: dict[str, ItemStatus]) -> tuple[list[Problem], str | None]:
    issues = sorted(_attr(review, "figure_issues") or [], key=_severity_rank)
    problems = [Problem("数字", _attr(i, "kind") or "", _attr(i, "severity") or "warning", _attr(i, "line"),
                        _attr(i, "text") or "", _attr(i, "message") or "") for i in issues]
    worst = None
    if issues:
        w = issues[0]
        worst = f"第{_attr(w, 'line')}行：{_attr(w, 'message') or _attr(w, 'text')}"
    for item in items.values():
        if item.status in ("missing", "partial") and item.id != "other":
            severity = "error" if item.status == "missing" else "warning"
            problems.append(Problem("法定内容", f"item_{item.status}", severity, item.line,
                                    item.heading or "", f"{ITEM_NAMES[item.id]}：{item.reason}"))
    for note in _attr(review, "timing") or []:
        if _attr(note, "severity") == "info":
            continue
        problems.append(Problem("时间", _attr(note, "kind") or "timing", _attr(note, "severity") or "warning",
                                _attr(note, "line"), _attr(note, "text") or "", _attr(note, "message") or str(note)))
    return problems, worst


def summarise_document(doc: Any, review: Any, figures: list[Any]) -> ReportSummary:
    """Build the row from already computed pieces (kept pure so tests can feed real-looking data)."""
    meta = _attr(doc, "meta")
    is_report = bool(_attr(review, "is_report"))
    items: dict[str, ItemStatus] = {}
    for verdict in _attr(review, "mandated") or []:
        vid = _attr(verdict, "id")
        items[vid] = ItemStatus(vid, _attr(verdict, "status") if is_report else "n/a", _attr(verdict, "heading"),
                                _attr(verdict, "line"), _attr(verdict, "reason") or "")
    if not is_report:
        items = {i: ItemStatus(i, "n/a", None, None, _attr(review, "not_report_reason") or "") for i in ITEM_IDS}
    areas = {}
    for cov in _attr(review, "coverage") or []:
        name = _attr(cov, "area") or _attr(cov, "name") or _attr(cov, "id")
        status = _attr(cov, "status")
        if status is None:
            status = "present" if _attr(cov, "covered") else "missing"
        areas[str(name)] = str(status)
    problems, worst = _problems(review, items if is_report else {})
    indicators = find_indicators(figures)
    text_hash, sketch = text_fingerprint(_attr(doc, "text") or "")
    return ReportSummary(
        file=str(_attr(doc, "path")), title=_attr(meta, "title"), issuer=_attr(meta, "issuer"),
        level=_attr(meta, "level"), year=_attr(meta, "year"), doc_type=_attr(meta, "doc_type"),
        script=_attr(meta, "script"), is_report=is_report, not_report_reason=_attr(review, "not_report_reason"),
        score=_attr(review, "score"), items=items, areas=areas, problems=problems,
        figure_problem_count=len(_attr(review, "figure_issues") or []), worst_problem=worst,
        indicators=indicators, summary=extractive_summary(doc, figures, indicators),
        text_hash=text_hash, sketch=sketch, chars=len(_attr(doc, "text") or ""))


def summarise_file(path: str | Path, *, llm: bool = False) -> ReportSummary:
    """Load, review and summarise one file; failures come back as a row with the reason."""
    started = time.perf_counter()
    path = Path(path)
    row = ReportSummary(file=str(path))
    try:
        sha = row.sha256 = file_hash(path)
        from assistant.documents import load_document
        from assistant.figures import extract_figures
        from assistant.review import review_report

        doc = load_document(path)
        figures = extract_figures(doc)
        row = summarise_document(doc, review_report(doc, figures=figures), figures)
        row.file, row.sha256 = str(path), sha
        if llm:
            from assistant.summarize_llm import add_llm_summary

            add_llm_summary(row, doc)
    except FazhiError as err:
        row.ok, row.error = False, str(err)
    except OSError as err:
        row.ok, row.error = False, f"无法读取文件：{err.strerror or err}"
    except Exception as err:  # noqa: BLE001 — one bad file must not end a batch
        row.ok, row.error = False, f"处理失败（{type(err).__name__}：{err}）"
    row.seconds = round(time.perf_counter() - started, 4)
    return row


def summary_to_dict(row: ReportSummary) -> dict:
    return asdict(row)


def summary_from_dict(data: dict) -> ReportSummary:
    data = dict(data)
    data["items"] = {k: ItemStatus(**v) for k, v in (data.get("items") or {}).items()}
    data["problems"] = [Problem(**p) for p in data.get("problems") or []]
    data["indicators"] = {k: Indicator(**v) for k, v in (data.get("indicators") or {}).items()}
    known = set(ReportSummary.__dataclass_fields__)
    return ReportSummary(**{k: v for k, v in data.items() if k in known})
