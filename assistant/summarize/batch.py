"""Run `summarise_file` over a folder of reports: in parallel, resumable, duplicates marked.

Every finished report is appended at once as one JSON line to a work file next to the output
(`<out stem>.work.jsonl`), keyed by the file's content hash, so Ctrl-C or a crash loses nothing that
was done; `resume=True` reuses those lines and only processes what is left. Workers die with the
run, even a `kill -9`ed one, and one run at a time writes a work file (workers.py).
"""

from __future__ import annotations

import json
import multiprocessing
import os
import statistics
import time
from collections import Counter
from collections.abc import Callable, Iterable
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from assistant.faithfulness import label_similarity
from assistant.summarize.indicators import SPECS
from assistant.summarize.model import AREA_COVERED, ReportSummary, summary_from_dict, summary_to_dict
from assistant.summarize.pairs import mark_reuse
from assistant.summarize.summary import file_hash, sketch_similarity, summarise_file
from assistant.summarize.workers import init_worker, lock_work_file
from assistant.vocabulary import ITEM_IDS

WORK_VERSION = 1
NEAR_DUPLICATE = 0.8
_SKIP_SUFFIXES = (".work.jsonl",)


@dataclass
class BatchResult:
    rows: list[ReportSummary]
    work_file: Path
    reused: int = 0  # rows taken from the work file (resume)
    processed: int = 0
    elapsed: float = 0.0
    interrupted: bool = False
    aggregate: dict[str, Any] = field(default_factory=dict)


def work_file_for(out: Path) -> Path:
    return out.with_name(f"{out.stem}.work.jsonl")


def collect_paths(paths: Iterable[str | Path], exclude: Iterable[Path] = ()) -> list[Path]:
    """Files given, plus every non-hidden file under given folders (sorted); work files and
    `exclude` (our own output) skipped. Missing paths are kept so they become rows with the reason."""
    skip = {p.resolve() for p in exclude}
    found: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                rel = child.relative_to(path)
                if (
                    child.is_file()
                    and not any(p.startswith(".") for p in rel.parts)
                    and not child.name.endswith(_SKIP_SUFFIXES)
                ):
                    found.append(child)
        else:
            found.append(path)
    seen: set[Path] = set()
    unique = []
    for p in found:
        key = p.resolve()
        if key not in seen and key not in skip:
            seen.add(key)
            unique.append(p)
    return unique


def _key(sha: str, llm: bool) -> str:
    return f"{sha}:llm" if llm else sha


def load_work_file(work_file: Path) -> dict[str, dict[str, Any]]:
    """key → stored row; a torn last line (killed mid-write) is ignored."""
    done: dict[str, dict[str, Any]] = {}
    if not work_file.exists():
        return done
    with work_file.open(encoding="utf-8") as fh:
        for line in fh:
            try:
                record = json.loads(line)
            except json.JSONDecodeError:
                continue
            if record.get("version") == WORK_VERSION and record.get("key"):
                done[record["key"]] = record["row"]
    return done


def _append(fh, key: str, row: ReportSummary) -> None:
    fh.write(json.dumps({"version": WORK_VERSION, "key": key, "row": summary_to_dict(row)}, ensure_ascii=False) + "\n")
    fh.flush()


def _preload(llm: bool = False) -> None:
    """Import the model client once in the parent so forked workers start warm (the analysers this module
    imports already are); jieba's dictionary, which the faithfulness check of an LLM summary needs, too."""
    if llm:
        import langchain_openai  # noqa: F401

        label_similarity("收到行政复议申请", "行政复议申请")


def _hash_or_none(path: Path) -> str | None:
    try:
        return file_hash(path)
    except OSError:
        return None


def run_batch(
    paths: list[Path],
    work_file: Path,
    *,
    workers: int | None = None,
    resume: bool = False,
    llm: bool = False,
    on_total: Callable[[int, int], None] | None = None,
    on_row: Callable[[ReportSummary], None] | None = None,
) -> BatchResult:
    """Summarise `paths`; rows come back in input order whatever order workers finish in."""
    started = time.perf_counter()
    workers = max(1, workers or os.cpu_count() or 1)
    done = load_work_file(work_file) if resume else {}
    hashes = [_hash_or_none(p) for p in paths]
    rows: list[ReportSummary | None] = [None] * len(paths)
    todo: list[int] = []
    for i, (path, sha) in enumerate(zip(paths, hashes)):
        stored = done.get(_key(sha, llm)) if sha else None
        if stored is not None:
            row = summary_from_dict(stored)
            row.file = str(path)
            rows[i] = row
        else:
            todo.append(i)
    result = BatchResult(rows=[], work_file=work_file, reused=len(paths) - len(todo))
    if on_total:
        on_total(len(paths), result.reused)
    work_file.parent.mkdir(parents=True, exist_ok=True)
    torn = resume and work_file.exists() and work_file.stat().st_size > 0 and not work_file.read_bytes().endswith(b"\n")
    with work_file.open("a", encoding="utf-8") as fh:  # "a", not "w": truncate only once the lock is ours
        lock_work_file(fh, work_file)
        if not resume:
            fh.truncate(0)
        if torn:
            fh.write("\n")  # a line cut off by a kill must not swallow the next record

        def finish(i: int, row: ReportSummary) -> None:
            rows[i] = row
            result.processed += 1
            if row.sha256:
                _append(fh, _key(row.sha256, llm), row)
            if on_row:
                on_row(row)

        try:
            if workers == 1 or len(todo) <= 1:
                for i in todo:
                    finish(i, summarise_file(paths[i], llm=llm))
            else:
                _run_pool(paths, todo, workers, llm, finish, (fh.fileno(),))
        except KeyboardInterrupt:
            result.interrupted = True
    result.rows = [r for r in rows if r is not None]
    if not result.interrupted:
        mark_duplicates(result.rows)
        mark_reuse(result.rows)
        result.aggregate = aggregate(result.rows)
    result.elapsed = time.perf_counter() - started
    return result


def _run_pool(
    paths: list[Path],
    todo: list[int],
    workers: int,
    llm: bool,
    finish: Callable[[int, ReportSummary], None],
    inherited_fds: tuple[int, ...] = (),
) -> None:
    """A dead worker (a parser crash, an OOM kill) breaks the whole pool and every report in flight;
    those are run again one at a time at the end, so only the file that really crashes fails.
    Workers die with this process (workers.init_worker) and close `inherited_fds` (the work file)."""
    _preload(llm)
    ctx = multiprocessing.get_context("fork")
    init = (os.getpid(), inherited_fds)
    suspects: list[int] = []
    _pool_pass(ctx, paths, list(todo), workers, llm, finish, suspects, init)
    for i in suspects:
        lone: list[int] = []
        _pool_pass(ctx, paths, [i], 1, llm, finish, lone, init)
        for j in lone:
            finish(
                j,
                ReportSummary(
                    file=str(paths[j]), ok=False, error="处理进程异常退出（文件可能使解析程序崩溃，或内存不足）"
                ),
            )


def _pool_pass(
    ctx,
    paths: list[Path],
    todo: list[int],
    workers: int,
    llm: bool,
    finish: Callable[[int, ReportSummary], None],
    broken: list[int],
    init: tuple[int, tuple[int, ...]],
) -> None:
    def new_pool() -> ProcessPoolExecutor:
        return ProcessPoolExecutor(max_workers=workers, mp_context=ctx, initializer=init_worker, initargs=init)

    pool = new_pool()
    pending: dict[Future[Any], int] = {}
    queue = list(reversed(todo))
    try:
        # Keep at most 2 tasks per worker in flight so Ctrl-C has little to cancel.
        while queue or pending:
            while queue and len(pending) < workers * 2:
                i = queue.pop()
                try:
                    pending[pool.submit(summarise_file, paths[i], llm=llm)] = i
                except BrokenProcessPool:
                    pool.shutdown(wait=False, cancel_futures=True)
                    pool = new_pool()
                    queue.append(i)
            finished, _ = wait(pending, return_when=FIRST_COMPLETED)
            for fut in finished:
                _collect(fut, pending.pop(fut), paths, finish, broken)
    except KeyboardInterrupt:
        # Workers ignore SIGINT: let the reports they are on finish and keep them too.
        pool.shutdown(wait=True, cancel_futures=True)
        for fut, i in pending.items():
            if fut.done() and not fut.cancelled():
                _collect(fut, i, paths, finish, broken)
        raise
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _collect(
    fut: Future[Any], i: int, paths: list[Path], finish: Callable[[int, ReportSummary], None], broken: list[int]
) -> None:
    try:
        row = fut.result()
    except BrokenProcessPool:
        broken.append(i)
        return
    except Exception as err:
        row = ReportSummary(file=str(paths[i]), ok=False, error=f"处理进程失败：{err}")
    finish(i, row)


def mark_duplicates(rows: list[ReportSummary]) -> None:
    """Later copies point at the first: same bytes, same text after normalisation (e.g. a
    traditional-character copy), or near-identical text (MinHash estimate ≥ NEAR_DUPLICATE)."""
    first_by: dict[str, ReportSummary] = {}
    kept: list[ReportSummary] = []
    for row in rows:
        row.duplicate_of, row.duplicate_similarity = None, None
        if not row.ok:
            continue
        original = first_by.get("b:" + row.sha256) or (first_by.get("t:" + row.text_hash) if row.text_hash else None)
        if original is not None:
            row.duplicate_of, row.duplicate_similarity = original.file, 1.0
            continue
        best, best_sim = None, 0.0
        for other in kept:
            sim = sketch_similarity(row.sketch, other.sketch)
            if sim > best_sim:
                best, best_sim = other, sim
        if best is not None and best_sim >= NEAR_DUPLICATE:
            row.duplicate_of, row.duplicate_similarity = best.file, round(best_sim, 3)
            continue
        first_by["b:" + row.sha256] = row
        if row.text_hash:
            first_by["t:" + row.text_hash] = row
        kept.append(row)


def _outliers(values: list[tuple[str, float]], percent: bool) -> list[dict[str, Any]]:
    found = []
    for file, value in values:
        if percent and value > 100:
            found.append({"file": file, "value": value, "reason": "比率超过100%"})
    nums = [v for _, v in values]
    if len(nums) >= 5:
        med = statistics.median(nums)
        mad = statistics.median(abs(v - med) for v in nums)
        if mad > 0:
            for file, value in values:
                z = 0.6745 * (value - med) / mad
                if abs(z) > 3.5 and not any(o["file"] == file for o in found):
                    side = "偏高" if z > 0 else "偏低"
                    found.append({"file": file, "value": value, "reason": f"明显{side}（中位数 {med:g}）"})
    return found


def aggregate(rows: list[ReportSummary]) -> dict[str, Any]:
    """Counts per item status, 纲要 area coverage, indicators side by side with outliers."""
    live = [r for r in rows if r.ok and not r.duplicate_of]
    reports = [r for r in live if r.is_report]
    status_counts = {item: dict(Counter(r.items[item].status for r in reports if item in r.items)) for item in ITEM_IDS}
    area_counts: Counter[str] = Counter()
    for r in reports:
        area_counts.update(a for a, s in r.areas.items() if s in AREA_COVERED)
    indicators = {}
    for spec in SPECS:
        values = [(r.file, r.indicators[spec.key].value) for r in live if spec.key in r.indicators]
        if not values:
            continue
        nums = [v for _, v in values]
        indicators[spec.key] = {
            "title": spec.title,
            "count": len(values),
            "median": statistics.median(nums),
            "min": min(nums),
            "max": max(nums),
            "outliers": _outliers(values, "percent" in spec.kinds and spec.kinds == ("percent",)),
        }
    return {
        "totals": {
            "files": len(rows),
            "ok": sum(r.ok for r in rows),
            "failed": sum(not r.ok for r in rows),
            "reports": len(reports),
            "not_reports": sum(r.ok and not r.is_report for r in rows),
            "duplicates": sum(bool(r.duplicate_of) for r in rows),
            "figure_problems": sum(r.figure_problem_count for r in live),
        },
        "status_counts": status_counts,
        "area_counts": dict(area_counts.most_common()),
        "indicators": indicators,
    }
