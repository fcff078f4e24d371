"""Writing a facts file: the YAML staff would have written by hand, and never half a file on disk.

Facts compiled from workbooks or reports are edited by people afterwards, so the YAML reads like
corpus/examples: a figure on one line ({name: …, value: 86, unit: 件}), a point without figures as
plain text, nothing that only repeats a default. Loading what is written gives back the same Facts.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from assistant.errors import InputError
from assistant.facts.schema import Facts, Item, NamedFigure, Point

__all__ = ["atomic_write", "dump_facts", "facts_to_data", "write_facts"]


def _number(value: float) -> int | float:
    return int(value) if float(value).is_integer() else float(value)


def _figure(fig: NamedFigure) -> dict[str, Any]:
    out: dict[str, Any] = {"name": fig.name, "value": _number(fig.value), "unit": fig.unit}
    for key in ("part_of", "approx", "source"):
        if getattr(fig, key) is not None:
            out[key] = getattr(fig, key)
    return out


def _point(point: Point) -> str | dict[str, Any]:
    if not point.figures and point.source is None:
        return point.text
    out: dict[str, Any] = {"text": point.text}
    if point.figures:
        out["figures"] = [_figure(f) for f in point.figures]
    if point.source is not None:
        out["source"] = point.source
    return out


def _item(item: Item) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if item.summary is not None:
        out["summary"] = item.summary
    out["points"] = [_point(p) for p in item.points]
    if item.figures:
        out["figures"] = [_figure(f) for f in item.figures]
    return out


def facts_to_data(facts: Facts) -> dict[str, Any]:
    """The facts as plain data in the file's own field order, without what merely repeats a default."""
    data: dict[str, Any] = {"unit": facts.unit, "level": facts.level}
    if facts.kind != "government":
        data["kind"] = facts.kind
    data |= {"year": facts.year, "recipients": list(facts.recipients), "date": facts.date}
    for key in ("title", "signer", "preamble"):
        if getattr(facts, key) is not None:
            data[key] = getattr(facts, key)
    measures: dict[str, Any] = {}
    if facts.items.measures.summary is not None:
        measures["summary"] = facts.items.measures.summary
    areas = []
    for area in facts.items.measures.areas:
        entry: dict[str, Any] = {"area": area.area}
        for key in ("heading", "summary"):
            if getattr(area, key) is not None:
                entry[key] = getattr(area, key)
        entry["points"] = [_point(p) for p in area.points]
        if area.figures:
            entry["figures"] = [_figure(f) for f in area.figures]
        areas.append(entry)
    measures["areas"] = areas
    shortcomings: dict[str, Any] = {}
    if facts.items.shortcomings.summary is not None:
        shortcomings["summary"] = facts.items.shortcomings.summary
    shortcomings["problems"] = [
        {k: v for k, v in (("problem", p.problem), ("cause", p.cause), ("source", p.source)) if v is not None}
        for p in facts.items.shortcomings.problems
    ]
    items: dict[str, Any] = {
        "measures": measures,
        "shortcomings": shortcomings,
        "leaders": _item(facts.items.leaders),
        "next_year": _item(facts.items.next_year),
    }
    if facts.items.other is not None:
        items["other"] = _item(facts.items.other)
    data["items"] = items
    return data


class _Dumper(yaml.SafeDumper):
    """Block style for the structure, one-line mappings for figures (as staff write them), list items
    indented under their key."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)


def _represent_dict(dumper: yaml.SafeDumper, data: dict[str, Any]) -> yaml.MappingNode:
    flow = "name" in data and "value" in data
    return dumper.represent_mapping("tag:yaml.org,2002:map", data.items(), flow_style=flow)


def _represent_list(dumper: yaml.SafeDumper, data: list[Any]) -> yaml.SequenceNode:
    flow = bool(data) and all(isinstance(x, str) and len(x) <= 20 for x in data) and len(data) <= 5
    return dumper.represent_sequence("tag:yaml.org,2002:seq", data, flow_style=flow)


_Dumper.add_representer(dict, _represent_dict)
_Dumper.add_representer(list, _represent_list)


def dump_facts(facts: Facts, header: list[str] | None = None) -> str:
    """The facts file's text; `header` lines become comments at the top (where it was compiled from)."""
    body = yaml.dump(facts_to_data(facts), Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=10_000)
    comments = "".join(f"# {line}\n" for line in header or [])
    return comments + body


def atomic_write(path: Path, write: Callable[[Path], object]) -> None:
    """Write through a temporary file beside `path` and rename it into place: a failure (or Ctrl-C)
    leaves the old file, or none, never a half-written one."""
    path = Path(path)
    if path.is_dir():
        raise InputError(f"无法写入 {path}：这是一个文件夹")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.stem}.", suffix=path.suffix + ".tmp", dir=path.parent)
    except OSError as exc:
        raise InputError(f"无法写入 {path}：{exc.strerror or type(exc).__name__}") from exc
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        write(tmp)
        os.replace(tmp, path)
    except OSError as exc:
        raise InputError(f"无法写入 {path}：{exc.strerror or type(exc).__name__}") from exc
    finally:
        if tmp.exists():
            tmp.unlink()


def write_facts(facts: Facts, path: Path, header: list[str] | None = None) -> None:
    """Write the facts file (UTF-8) in one piece."""
    text = dump_facts(facts, header)
    atomic_write(Path(path), lambda tmp: tmp.write_text(text, encoding="utf-8"))
