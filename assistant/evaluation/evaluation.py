"""The eval harness: draft every case with a backend (or read drafts written elsewhere) and score it.

Scores are deterministic, with no LLM judge: figure precision, recall and misattribution from the
faithfulness check against the case's facts; mandated-section coverage from the review; length;
and what the case's expect.yaml says a good draft must contain. A case is eval/cases/<id>/ with
facts.yaml, expect.yaml and optionally reference.md (a hand-written good text, scored as a draft
with `--drafts` pointing at the case folders' references).
"""

from __future__ import annotations

import datetime as dt
import json
import re
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import yaml

from assistant.documents import load_document, parse_text
from assistant.drafting import Draft, draft_report
from assistant.errors import FazhiError, InputError
from assistant.facts import load_facts
from assistant.faithfulness import check_document, source_figures
from assistant.review import review_report
from assistant.vocabulary import FIGURE_STATUS_NAMES

# The eval cases live in the repository, not in the package: paths are relative to where fazhi runs.
DEFAULT_CASES = Path("eval") / "cases"
DEFAULT_RESULTS = Path("eval") / "results"
REQUIRED_ITEMS = ["measures", "shortcomings", "leaders", "next_year"]
DRAFT_SUFFIXES = (".md", ".txt", ".docx", ".html")


@dataclass
class Case:
    id: str
    path: Path
    facts_path: Path
    expect: dict[str, Any]
    reference: Path | None = None

    @property
    def section(self) -> str | None:
        return self.expect.get("section")


@dataclass
class CaseScore:
    case: str
    precision: float | None = None
    recall: float | None = None
    misattribution_rate: float | None = None
    coverage: float | None = None
    chars: int = 0
    counts: dict[str, int] = field(default_factory=dict)
    mandated: dict[str, str] = field(default_factory=dict)
    missing_figures: list[str] = field(default_factory=list)
    missing_phrases: list[str] = field(default_factory=list)
    flagged: list[str] = field(default_factory=list)  # "line 3: 22件 unsupported"
    length_ok: bool = True
    repetition: float = 0.0  # share of body lines repeating an earlier line
    defects: list[str] = field(default_factory=list)  # repeated lines, foreign script, echoed prompt
    passed: bool = False
    seconds: float = 0.0
    error: str | None = None
    warnings: list[str] = field(default_factory=list)


@dataclass
class EvalRun:
    backend: str
    model: str | None
    started: str
    cases: list[CaseScore]
    summary: dict[str, Any] = field(default_factory=dict)
    source: str = "draft"  # "draft" (drafted now) or "drafts:<dir>"
    texts: dict[str, str] = field(default_factory=dict, repr=False)  # case id → the scored draft


# ---------------------------------------------------------------- cases


def load_cases(root: Path | str = DEFAULT_CASES, only: list[str] | None = None) -> list[Case]:
    """Every case folder under `root` (sorted); `only` keeps cases whose id starts with one of its items."""
    root = Path(root)
    if not root.is_dir():
        raise InputError(f"找不到评测用例目录 {root}")
    cases = []
    for path in sorted(p for p in root.iterdir() if p.is_dir()):
        if only and not any(path.name.startswith(o) for o in only):
            continue
        facts = path / "facts.yaml"
        if not facts.is_file():
            continue
        expect_path = path / "expect.yaml"
        try:
            expect = yaml.safe_load(expect_path.read_text(encoding="utf-8")) if expect_path.is_file() else {}
        except yaml.YAMLError as exc:
            raise InputError(f"评测用例 {path.name} 的 expect.yaml 格式错误：{exc}") from exc
        if not isinstance(expect, dict):
            raise InputError(f"评测用例 {path.name} 的 expect.yaml 应是键值结构")
        ref = path / "reference.md"
        cases.append(Case(path.name, path, facts, expect, ref if ref.is_file() else None))
    if not cases:
        raise InputError(f"{root} 下没有评测用例（每个用例是一个含 facts.yaml 的目录）")
    return cases


# ---------------------------------------------------------------- scoring


def draft_text(draft: Draft) -> str:
    """The report text a reader gets: title, opening, headings and section texts, closing (no check notes)."""
    out = [f"# {draft.title}", "", draft.opening]
    for s in draft.sections:
        out += ["", ("## " if s.level == 1 else "### ") + s.heading, "", s.text or ""]
    out += ["", draft.closing]
    return "\n".join(out).strip() + "\n"


def _expected_figures(case: Case, sources: list[Any]) -> list[Any]:
    named = [s for s in sources if "#" in s.source]
    wanted = case.expect.get("figures", "all")
    if wanted in (None, "all"):
        return named
    if not isinstance(wanted, list):
        raise InputError(f"评测用例 {case.id}：expect.yaml 的 figures 应为 all 或名称列表")
    by_name = {s.label: s for s in named}
    unknown = [w for w in wanted if w not in by_name]
    if unknown:
        raise InputError(f"评测用例 {case.id}：expect.yaml 列出的数据不在事实文件中：{'、'.join(map(str, unknown))}")
    return [by_name[w] for w in wanted]


def score_text(case: Case, text: str, sources: list[Any] | None = None) -> CaseScore:
    """Score one draft text against the case (facts figures, review, expectations)."""
    sources = sources if sources is not None else source_figures(case.facts_path)
    score = CaseScore(case=case.id)
    doc = parse_text(text, path=f"{case.id}.md")
    result = check_document(doc, sources)
    score.counts = dict(result.counts)
    score.precision = result.precision
    claims = sum(v for k, v in result.counts.items() if k != "ignored")
    score.misattribution_rate = round(result.counts["misattributed"] / claims, 4) if claims else None
    score.flagged = [
        f"第{m.line}行 {m.text}（{m.label}）：{FIGURE_STATUS_NAMES[m.status]}"
        for m in result.mentions
        if m.status in ("unsupported", "misattributed")
    ]
    found = {m.source for m in result.mentions if m.status == "supported" and m.source}
    expected = _expected_figures(case, sources)
    score.missing_figures = [s.text for s in expected if s.source not in found]
    score.recall = round(1 - len(score.missing_figures) / len(expected), 4) if expected else None
    required = case.expect.get("sections", REQUIRED_ITEMS if not case.section else [])
    if required:
        review = review_report(doc)
        score.mandated = {v.id: v.status for v in review.mandated if v.id in required}
        got = sum({"present": 1.0, "partial": 0.5}.get(score.mandated.get(i, "missing"), 0.0) for i in required)
        score.coverage = round(got / len(required), 4)
    score.chars = len(re.sub(r"\s", "", text))
    lo, hi = case.expect.get("min_chars", 0), case.expect.get("max_chars", 10**9)
    score.length_ok = lo <= score.chars <= hi
    score.missing_phrases = [p for p in case.expect.get("phrases", []) if str(p) not in text]
    score.repetition, score.defects = text_defects(text)
    score.passed = not score.defects and (
        (score.precision is None or score.precision >= case.expect.get("min_precision", 1.0))
        and (score.recall is None or score.recall >= case.expect.get("min_recall", 0.95))
        and (score.coverage is None or score.coverage >= 1.0)
        and score.length_ok
        and not score.missing_phrases
    )
    return score


_KANA = re.compile(r"[\u3040-\u30ff]")
_LATIN_WORD = re.compile(r"[A-Za-z]{4,}")
_PROMPT_ECHO = re.compile(r"请撰写|以下部分|事实材料|参考材料|不得编造|^(?:标题|要求)[:：]")


def text_defects(text: str) -> tuple[float, list[str]]:
    """What a reader would reject before reading any figure: the same paragraph again and again,
    Japanese or English fragments, the prompt echoed back. Deterministic, line-based."""
    body = [ln.strip() for ln in text.splitlines() if ln.strip() and not ln.lstrip().startswith("#")]
    seen: set[str] = set()
    repeated = 0
    for ln in body:
        if ln in seen and len(ln) >= 8:
            repeated += 1
        seen.add(ln)
    defects = []
    if repeated:
        defects.append(f"重复段落 {repeated} 处")
    foreign = sum(bool(_KANA.search(ln) or _LATIN_WORD.search(ln)) for ln in body)
    if foreign:
        defects.append(f"夹杂日文或英文 {foreign} 处")
    echo = sum(bool(_PROMPT_ECHO.search(ln)) for ln in body)
    if echo:
        defects.append(f"复述提示词 {echo} 处")
    return (round(repeated / len(body), 4) if body else 0.0), defects


def _find_draft(drafts: Path, case: Case) -> Path | None:
    for suffix in DRAFT_SUFFIXES:
        for candidate in (
            drafts / f"{case.id}{suffix}",
            drafts / case.id / f"draft{suffix}",
            drafts / case.id / f"reference{suffix}",
        ):
            if candidate.is_file():
                return candidate
    return None


def evaluate(
    cases: list[Case],
    *,
    backend: str | None = None,
    drafts: Path | None = None,
    on_case: Callable[[CaseScore], None] | None = None,
    **draft_kwargs: Any,
) -> EvalRun:
    """Draft (or read) and score every case; one failing case is recorded and the others still run."""
    started = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    run = EvalRun(
        backend=backend or "auto",
        model=None,
        started=started,
        cases=[],
        source=f"drafts:{drafts}" if drafts else "draft",
    )
    if drafts is not None:
        drafts = Path(drafts)
        if not drafts.is_dir():
            raise InputError(f"找不到草稿目录 {drafts}")
        run.backend = "drafts"
    for case in cases:
        t0 = time.perf_counter()
        try:
            sources = source_figures(case.facts_path)
            if drafts is not None:
                text, warnings = _read_draft(drafts, case)
            else:
                text, warnings, name, model = _draft_case(case, backend, draft_kwargs)
                run.backend, run.model = name, model
            run.texts[case.id] = text
            score = score_text(case, text, sources)
            score.warnings = warnings
        except FazhiError as exc:
            score = CaseScore(case=case.id, error=str(exc))
        score.seconds = round(time.perf_counter() - t0, 2)
        run.cases.append(score)
        if on_case:
            on_case(score)
    run.summary = summarize(run.cases)
    return run


def _read_draft(drafts: Path, case: Case) -> tuple[str, list[str]]:
    path = _find_draft(drafts, case)
    if path is None:
        raise InputError(f"草稿目录中没有用例 {case.id} 的草稿（应为 {case.id}.md 等）")
    return load_document(path).original, []


def _draft_case(case: Case, backend: str | None, kwargs: dict[str, Any]) -> tuple[str, list[str], str, str | None]:
    draft = draft_report(load_facts(case.facts_path), backend=backend, section=case.section, **kwargs)
    return draft_text(draft), list(draft.warnings), draft.backend, draft.model


def summarize(scores: list[CaseScore]) -> dict[str, Any]:
    ok = [s for s in scores if s.error is None]

    def mean(key: str) -> float | None:
        vals = [getattr(s, key) for s in ok if getattr(s, key) is not None]
        return round(sum(vals) / len(vals), 4) if vals else None

    return {
        "cases": len(scores),
        "errors": len(scores) - len(ok),
        "passed": sum(s.passed for s in ok),
        "precision": mean("precision"),
        "recall": mean("recall"),
        "misattribution_rate": mean("misattribution_rate"),
        "coverage": mean("coverage"),
        "chars": mean("chars"),
        "repetition": mean("repetition"),
        "with_defects": sum(bool(s.defects) for s in ok),
        "min_precision": min((s.precision for s in ok if s.precision is not None), default=None),
        "min_recall": min((s.recall for s in ok if s.recall is not None), default=None),
        "unsupported": sum(s.counts.get("unsupported", 0) for s in ok),
        "misattributed": sum(s.counts.get("misattributed", 0) for s in ok),
    }


def run_to_json(run: EvalRun) -> dict[str, Any]:
    return {
        "backend": run.backend,
        "model": run.model,
        "started": run.started,
        "source": run.source,
        "summary": run.summary,
        "cases": [asdict(s) for s in run.cases],
    }


def write_results(run: EvalRun, results_dir: Path | None = None) -> Path:
    """eval/results/<backend>-<timestamp>.json, and the drafts it scored beside it in <backend>-<timestamp>/
    (so any run can be audited, or re-scored with --drafts)."""
    results_dir = Path(results_dir or DEFAULT_RESULTS)
    results_dir.mkdir(parents=True, exist_ok=True)
    path = results_dir / f"{re.sub(r'[^A-Za-z0-9._-]+', '_', run.backend)}-{run.started}.json"
    path.write_text(json.dumps(run_to_json(run), ensure_ascii=False, indent=1), encoding="utf-8")
    if run.texts and not run.source.startswith("drafts:"):
        folder = path.with_suffix("")
        folder.mkdir(exist_ok=True)
        for case_id, text in run.texts.items():
            (folder / f"{case_id}.md").write_text(text, encoding="utf-8")
    return path


def _pct(v: float | None) -> str:
    return "—" if v is None else f"{v * 100:.1f}%"


def render_table(run: EvalRun) -> str:
    """The plain-text table `fazhi eval` prints (ids are ASCII, so columns stay aligned)."""
    head = (
        f"{'case':<36}{'precision':>10}{'recall':>9}{'misattr':>9}{'coverage':>10}{'chars':>7}{'repeat':>8}{'pass':>6}"
    )
    lines = [f"评测：backend={run.backend}" + (f"  model={run.model}" if run.model else ""), head, "-" * len(head)]
    for s in run.cases:
        if s.error:
            lines.append(f"{s.case:<36}  错误：{s.error}")
            continue
        lines.append(
            f"{s.case:<36}{_pct(s.precision):>10}{_pct(s.recall):>9}{_pct(s.misattribution_rate):>9}"
            f"{_pct(s.coverage):>10}{s.chars:>7}{_pct(s.repetition):>8}{('是' if s.passed else '否'):>5}"
            + (f"  {'；'.join(s.defects)}" if s.defects else "")
        )
    m = run.summary
    lines += [
        "-" * len(head),
        f"{'mean':<36}{_pct(m.get('precision')):>10}{_pct(m.get('recall')):>9}"
        f"{_pct(m.get('misattribution_rate')):>9}{_pct(m.get('coverage')):>10}"
        f"{int(m.get('chars') or 0):>7}{_pct(m.get('repetition')):>8}{m.get('passed', 0):>4}/{m.get('cases', 0)}",
        f"无来源数字 {m.get('unsupported', 0)} 个，张冠李戴 {m.get('misattributed', 0)} 个，出错用例 {m.get('errors', 0)} 个。",
    ]
    return "\n".join(lines)
