"""The 撰写助手's starting point: a facts file, filled 填报表, or the reports departments and towns sent.

Staff drop what they have — one facts YAML, one or more filled workbooks, or a set of submitted
reports — and draft from it exactly as `fazhi facts import` / `from-reports` + `fazhi draft` would.
Compiling thirty reports takes a second or two, and a chat has many turns: the facts built from one
set of uploads are kept (by the files' contents and the tab's unit/level/year) for the next turn.
"""

from __future__ import annotations

import hashlib
import threading
import time
import uuid
from collections import OrderedDict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from assistant.app import uploads
from assistant.errors import InputError
from assistant.facts import Facts, facts_from_reports, import_workbooks, load_facts, write_facts

WORKBOOK_SUFFIXES = {".xlsx"}
ACCEPTED = uploads.FACTS_SUFFIXES | WORKBOOK_SUFFIXES | uploads.REPORT_SUFFIXES
KINDS = {"facts": "事实文件", "workbooks": "填报表", "reports": "报告"}
_CACHE_SIZE = 8


@dataclass
class StartingPoint:
    """The facts a chat drafts from, what they were built from, and what the user should know."""

    facts: Facts
    kind: str  # facts | workbooks | reports
    names: list[str]
    notes: list[str] = field(default_factory=list)
    yaml_path: str | None = None  # the compiled facts file, for download (workbooks and reports)

    @property
    def label(self) -> str:
        return f"{len(self.names)} 个{KINDS[self.kind]}（{'、'.join(self.names[:5])}{'等' if len(self.names) > 5 else ''}）"


_cache: OrderedDict[tuple[Any, ...], StartingPoint] = OrderedDict()
_lock = threading.Lock()


def _kind(paths: list[Path]) -> str:
    kinds = {
        "facts"
        if p.suffix.lower() in uploads.FACTS_SUFFIXES
        else "workbooks"
        if p.suffix.lower() in WORKBOOK_SUFFIXES
        else "reports"
        for p in paths
    }
    if len(kinds) > 1:
        raise InputError("请只上传一种起点材料：一个事实文件（.yaml），或填好的填报表（.xlsx），或各单位的报告。")
    kind = kinds.pop()
    if kind == "facts" and len(paths) > 1:
        raise InputError("事实文件（.yaml）一次只能上传一个；多个单位的材料请用填报表或报告。")
    return kind


def _key(paths: list[Path], unit: str, level: str, year: int) -> tuple[Any, ...]:
    digests = tuple(sorted((p.name, hashlib.sha1(p.read_bytes()).hexdigest()) for p in paths))
    return (digests, unit, level, year)


def _compiled_copy(facts: Facts, kind: str, names: list[str]) -> str:
    out = uploads.exports_dir() / f"facts_{time.strftime('%Y%m%d_%H%M%S')}_{uuid.uuid4().hex[:6]}.yaml"
    what = "填报表" if kind == "workbooks" else "报告"
    write_facts(facts, out, header=[f"由 fazhi 网页版从{what} {'、'.join(names)} 汇编"])
    return str(out)


def starting_point(files: Any, *, unit: str, level: str, year: int) -> StartingPoint | None:
    """The facts to draft from for these uploads (None when there are none). Workbooks say their own
    unit and year; the tab's fields fill only what they leave blank. Reports are compiled for the
    tab's unit, level and year."""
    if not files:
        return None
    paths = uploads.accept_uploads(files, suffixes=ACCEPTED)
    kind = _kind(paths)
    names = [p.name for p in paths]
    if kind == "facts":
        return StartingPoint(load_facts(paths[0]), kind, names)
    key = (kind, *_key(paths, unit, level, year))
    with _lock:
        if key in _cache:
            _cache.move_to_end(key)
            return _cache[key]
    if kind == "workbooks":
        facts, notes = import_workbooks(paths, defaults={"unit": unit, "level": level, "year": year})
    else:
        facts, notes = facts_from_reports(paths, unit=unit, level=level, year=year)
    point = StartingPoint(facts, kind, names, notes, _compiled_copy(facts, kind, names))
    with _lock:
        _cache[key] = point
        while len(_cache) > _CACHE_SIZE:
            _cache.popitem(last=False)
    return point
