"""Deterministic drafting: the facts file rendered in the formal register, no model involved.

Every figure in the output is one of the facts' own figures, written by `phrase_figure`, so the
draft is figure-faithful by construction. The prose lives in prompts/composer/*.j2 (总—分: a lead
sentence, then 一是/二是…); this module only plans the sections and phrases the numbers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from assistant.errors import ConfigError, FactsError
from assistant.facts import Area, Facts, clean, figures_clause, point_sentence, split_sources
from assistant.mandates import Mandates, load_mandates, match_area
from assistant.prompts import render
from assistant.vocabulary import ITEM_IDS, to_chinese


@dataclass
class PlannedSection:
    """One section of the report outline: a mandated item, or one 纲要 area of the measures item."""

    id: str  # "measures", "measures.functions", "shortcomings", …
    item: str  # mandated item id
    level: int  # 1 = 一、 heading; 2 = （一） heading
    number: str  # "一、" or "（一）"
    title: str  # heading without its number
    wording: str = ""  # the rule's wording of the item, for prompts
    area: Area | None = None
    area_name: str | None = None
    keywords: list[str] = field(default_factory=list)

    @property
    def heading(self) -> str:
        return f"{self.number}{self.title}"


def cn_number(n: int) -> str:
    """1 → 一, 12 → 十二, 20 → 二十 (outline and 一是/二是 ordinals)."""
    return to_chinese(n)


def we(facts: Facts) -> str:
    """How the unit names itself: 我县, 我镇, 我区, 我局…"""
    unit = facts.unit.removesuffix("人民政府").removesuffix("行政公署")
    if facts.kind == "department":
        for suffix, short in (("委员会", "委"), ("办公室", "办"), ("中心", "中心")):
            if unit.endswith(suffix):
                return "我" + short
        return "我" + unit[-1]
    for suffix in ("街道办事处", "街道", "自治县", "县", "区", "市", "镇", "乡", "旗", "省", "州", "盟"):
        if unit.endswith(suffix):
            return "我" + ("街道" if suffix.startswith("街道") else suffix[-1])
    return "我单位"


# ---------------------------------------------------------------- outline


def _item_title(item: Any, facts: Facts) -> str:
    wording = item.wording or item.title
    wording = wording.replace("上一年度", f"{facts.year}年").replace("下一年度", f"{facts.year + 1}年")
    if item.id == "leaders" and facts.kind == "department":
        wording = wording.replace("党政主要负责人", "主要负责人")
    return wording


def plan_sections(facts: Facts, mandates: Mandates | None = None) -> list[PlannedSection]:
    """The report outline: the mandated items in the rule's order, the measures item split by area."""
    mandates = mandates or load_mandates()
    area_set = mandates.area_set(facts.year)
    areas = area_set.areas if area_set else []
    sections: list[PlannedSection] = []
    n = 0
    for item in mandates.items:
        iid = item.id
        if iid not in ITEM_IDS:
            continue
        if iid == "other" and facts.items.other is None:
            continue
        n += 1
        top = PlannedSection(
            id=iid, item=iid, level=1, number=f"{cn_number(n)}、", title=_item_title(item, facts), wording=item.wording
        )
        sections.append(top)
        if iid != "measures":
            continue
        seen: set[str] = set()
        for i, area in enumerate(facts.items.measures.areas, start=1):
            spec = match_area(area.area, areas)
            sid = f"measures.{spec.id}" if spec else f"measures.{i}"
            if sid in seen:
                sid = f"{sid}.{i}"
            seen.add(sid)
            title = area.heading or (spec.name if spec else area.area)
            sections.append(
                PlannedSection(
                    id=sid,
                    item="measures",
                    level=2,
                    number=f"（{cn_number(i)}）",
                    title=title,
                    wording=top.wording,
                    area=area,
                    area_name=spec.name if spec else area.area,
                    keywords=list(spec.keywords) if spec else [],
                )
            )
    if not sections:
        raise ConfigError("法定内容要求文件中没有可用的内容项（items）")
    return sections


def select_sections(sections: list[PlannedSection], section: str | None) -> list[PlannedSection]:
    """`--section ID`: an item id (with its areas), an area section id, or an area id/name."""
    if not section:
        return sections
    chosen = [
        s
        for s in sections
        if s.id == section
        or s.id.startswith(section + ".")
        or (s.level == 2 and section in (s.id.split(".", 1)[1], s.area_name, s.title))
    ]
    if not chosen:
        ids = "、".join(s.id for s in sections)
        raise FactsError(f"没有编号为 {section} 的部分，可选：{ids}")
    return chosen


def section_sources(facts: Facts, section: PlannedSection) -> list[str]:
    """The workbooks and report lines a section's points, problems and figures were compiled from, in
    order: a compiler checks the draft against them (empty for a facts file written by hand)."""
    holders: list[Any] = []
    if section.level == 2 and section.area is not None:
        holders = [section.area]
    elif section.item == "shortcomings":
        holders = list(facts.items.shortcomings.problems)
    elif section.item in ("leaders", "next_year", "other"):
        item = getattr(facts.items, section.item)
        holders = [item] if item is not None else []
    found: dict[str, None] = {}
    for holder in holders:
        for thing in [holder, *getattr(holder, "points", []), *getattr(holder, "figures", [])]:
            found.update(dict.fromkeys(split_sources(getattr(thing, "source", None))))
            for fig in getattr(thing, "figures", []) if thing is not holder else []:
                found.update(dict.fromkeys(split_sources(fig.source)))
    return list(found)


# ---------------------------------------------------------------- rendering

_CAUSE_LEAD = re.compile(
    r"^(究其原因[，,]?|主要原因是|原因主要是|原因在于|原因是|主要是由于|主要是因为|主要是|由于|因为)"
)


def bare_cause(text: str) -> str:
    """A cause without its own lead-in, for "究其原因，主要是…" (else "主要是主要是由于…")."""
    text = clean(text)
    while (bare := _CAUSE_LEAD.sub("", text)) != text:
        text = clean(bare)
    return text


_ADVERBS = re.compile(r"^(持续|着力|全面|不断|切实|认真|大力|深入|进一步|积极|扎实|加快|坚持)+")


def unsaid(lead: str, said: str) -> str:
    """A lead sentence without the clauses its points go on to say (the 总 must not pre-echo the 分)."""
    lead = str(lead).strip()
    said = re.sub(r"[“”\"]", "", said)
    end = "。" if lead.endswith("。") else ""
    clauses = lead.rstrip("。").split("，")
    kept = clauses[:1] + [
        c for c in clauses[1:] if len(_ADVERBS.sub("", c)) < 4 or re.sub(r"[“”\"]", "", _ADVERBS.sub("", c)) not in said
    ]
    return "，".join(kept) + end


def _context(facts: Facts) -> dict[str, Any]:
    return {
        "facts": facts,
        "we": we(facts),
        "year": facts.year,
        "next_year": facts.year + 1,
        "cn": cn_number,
        "sentence": point_sentence,
        "figures": figures_clause,
        "clean": clean,
        "unsaid": unsaid,
        "bare_cause": bare_cause,
    }


def _paragraphs(text: str) -> str:
    return "\n".join(line.strip() for line in text.splitlines() if line.strip())


def compose_opening(facts: Facts) -> str:
    return _paragraphs(render("composer/opening", **_context(facts)))


def compose_closing(facts: Facts) -> str:
    return _paragraphs(render("composer/closing", **_context(facts)))


def compose_section(facts: Facts, section: PlannedSection) -> str:
    """The body text of one planned section (its heading is not repeated)."""
    ctx = _context(facts) | {"section": section}
    if section.level == 2:
        return _paragraphs(render("composer/area", **ctx, area=section.area, area_name=section.area_name or ""))
    name = {
        "measures": "measures",
        "shortcomings": "shortcomings",
        "leaders": "leaders",
        "next_year": "next_year",
        "other": "other",
    }[section.item]
    return _paragraphs(render(f"composer/{name}", **ctx))
