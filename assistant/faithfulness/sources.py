"""Where a figure may come from: the named figures and point texts of a facts file, and the figures of documents."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from decimal import Decimal
from pathlib import Path
from typing import Any

from assistant.documents import Document, load_document
from assistant.errors import InputError
from assistant.facts import Facts, load_facts
from assistant.faithfulness.labels import context_labels
from assistant.figures import Figure, compatible_units, extract_figures, extract_figures_text, split_scale

__all__ = ["FACTS_SUFFIXES", "SourceFigure", "fmt_value", "source_figures", "unit_family", "units_compatible"]

FACTS_SUFFIXES = {".yaml", ".yml"}


@dataclass
class SourceFigure:
    value: float
    unit: str
    label: str
    text: str
    source: str
    precision: float
    approx: str | None = None
    parent: str | None = None
    context: str = ""  # label completed from its sentence (增长 → 社会消费品零售总额增长); matching uses it
    origin: str | None = None  # where a facts file's figure was reported: 公安局.docx:23, 公安局.xlsx 数据!D7


_RATE = {"%": "%", "％": "%", "‰": "‰", "个百分点": "pp", "百分点": "pp"}


def unit_family(unit: str) -> tuple[str, float]:
    """ "万元" → ("元", 10000), "万人次" → ("人次", 10000); rates keep a short family name."""
    unit, factor = split_scale(unit)
    return _RATE.get(unit, unit), factor


def units_compatible(a: str, b: str) -> bool:
    return not a or not b or compatible_units(a, b)


def _value_precision(value: float) -> float:
    """Half the unit of the last digit of a facts value as written in YAML (21 → 0.5, 99.2 → 0.05)."""
    written = Decimal(repr(float(value))).normalize().as_tuple().exponent
    exp = min(written, 0) if isinstance(written, int) else 0
    return 0.5 * 10.0**exp


def _from_facts(facts: Facts, name: str) -> list[SourceFigure]:
    out: list[SourceFigure] = []
    seen: dict[str, int] = {}
    for f in facts.all_figures():
        seen[f.name] = seen.get(f.name, 0) + 1
        key = f"{name}#{f.name}" + (f"（{seen[f.name]}）" if seen[f.name] > 1 else "")
        out.append(
            SourceFigure(
                value=float(f.value),
                unit=f.unit or "",
                label=f.name,
                text=f"{f.name}{fmt_value(f.value)}{f.unit or ''}",
                source=key,
                precision=_value_precision(f.value),
                approx=f.approx,
                parent=f.part_of,
                origin=f.source,
            )
        )
    for text, origin in facts.sourced_texts():
        found = _from_figures(extract_figures_text(text), lambda fig: f"{name}（要点）")
        out += [replace(sf, origin=origin) for sf in found]
    return out


def _from_figures(figs: list[Figure], where: Callable[[Figure], str]) -> list[SourceFigure]:
    return [
        SourceFigure(
            value=float(fig.value),
            unit=fig.unit or "",
            label=fig.label or "",
            text=fig.sentence or fig.text,
            source=where(fig),
            precision=float(fig.precision),
            approx=fig.approx,
            parent=fig.parent,
            context=ctx,
        )
        for fig, ctx in zip(figs, context_labels(figs))
    ]


def _from_document(doc: Document) -> list[SourceFigure]:
    name = Path(doc.path).name if doc.path and doc.path != "<text>" else "<文本>"
    return _from_figures(extract_figures(doc), lambda fig: f"{name}:{fig.line}")


def fmt_value(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else repr(float(value))


def source_figures(paths_or_facts: Any) -> list[SourceFigure]:
    """Figures of facts files (named figures and their point texts) and of documents.

    Accepts a path, a Facts object, a Document, or a list of them. Unreadable inputs raise the
    FazhiError of their loader (FactsError names the field and line)."""
    items: Iterable[Any] = paths_or_facts if isinstance(paths_or_facts, (list, tuple)) else [paths_or_facts]
    out: list[SourceFigure] = []
    for item in items:
        if isinstance(item, (str, Path)):
            path = Path(item)
            if path.suffix.lower() in FACTS_SUFFIXES:
                out += _from_facts(load_facts(path), path.name)
            else:
                out += _from_document(load_document(path))
        elif isinstance(item, Facts):
            out += _from_facts(item, "事实文件")
        elif isinstance(item, Document):
            out += _from_document(item)
        elif isinstance(item, SourceFigure):
            out.append(item)
        else:
            raise InputError(f"无法作为数据来源：{type(item).__name__}")
    return out
