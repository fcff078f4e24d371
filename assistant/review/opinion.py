"""An optional second opinion from a language model on the `partial` verdicts.

`partial` is where a rule and a reader most often disagree (is one paragraph inside the measures a
report of the leaders' duty?), so a configured model may comment on those verdicts. Its answer is
stored beside the verdict and labelled; the deterministic status stays the record.
"""

from __future__ import annotations

from dataclasses import is_dataclass, replace
from typing import Any

from assistant.config import get_settings
from assistant.documents import Document
from assistant.errors import FazhiError
from assistant.llm import LLM, get_llm
from assistant.mandates import Mandates, load_mandates
from assistant.prompts import fence_safe, render
from assistant.review.review import Review

_CONTEXT_BEFORE = 2
_CONTEXT_LINES = 14
_EXCERPT_CHARS = 1800
_ANSWER_CHARS = 200


def llm_configured() -> bool:
    """True when a model endpoint (or local GGUF) is configured; the review never asks otherwise."""
    return get_settings().llm_backend != "composer"


def _excerpt(doc: Document, line: int | None) -> tuple[int, str]:
    if not doc.lines:
        return 1, ""
    index = 0
    if line is not None:
        index = next((i for i, ln in enumerate(doc.lines) if ln.no >= line), 0)
    start = max(0, index - _CONTEXT_BEFORE)
    chosen = doc.lines[start : start + _CONTEXT_LINES]
    text = "\n".join(f"{ln.no}: {fence_safe(ln.text)}" for ln in chosen)
    return chosen[0].no, text[:_EXCERPT_CHARS]


def second_opinion_messages(
    doc: Document, review: Review, item_id: str, mandates: Mandates | None = None
) -> list[dict[str, Any]]:
    mandates = mandates or load_mandates()
    verdict = next(v for v in review.mandated if v.id == item_id)
    item = mandates.item(item_id)
    first_line, excerpt = _excerpt(doc, verdict.line)
    prompt = render(
        "review_second_opinion",
        wording=item.wording,
        partial_means=item.partial_means,
        reason=verdict.reason,
        first_line=first_line,
        excerpt=excerpt,
    )
    return [{"role": "user", "content": prompt}]


def add_second_opinions(
    doc: Document, review: Review, llm: LLM | None = None, mandates: Mandates | None = None
) -> Review:
    """Ask the model about each `partial` verdict; a failing endpoint is noted, never fatal."""
    partial = [v for v in review.mandated if v.status == "partial"]
    if not review.is_report or not partial:
        return review
    if llm is None:
        if not llm_configured():
            return review
        llm = get_llm()
    if llm is None:
        return review
    if is_dataclass(llm) and hasattr(llm, "max_continuations"):
        llm = replace(llm, max_continuations=0)  # a one-line answer needs no continuation
    review.second_opinion_model = f"{llm.name}:{llm.model}"
    for verdict in partial:
        try:
            answer = llm.complete_text(second_opinion_messages(doc, review, verdict.id, mandates))
        except FazhiError as err:
            review.notes.append(f"模型复核未完成：{err}")
            break
        answer = " ".join(answer.split())
        verdict.second_opinion = answer[:_ANSWER_CHARS] + ("…" if len(answer) > _ANSWER_CHARS else "")
    return review
