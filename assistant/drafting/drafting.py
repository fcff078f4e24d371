"""Drafting: facts file → report sections, by the composer or by a language model, every figure checked.

The outline comes from corpus/mandates.yaml (composer.plan_sections). With a model, each section is
drafted from its facts plus retrieved exemplars and policy clauses (context), streamed,
cleaned (think blocks, repeated headings, citations to nothing) and put through the faithfulness
check; `repair` regenerates a flagged section once with the problems named. An answer that began but
never finished (cut off, broken, malformed, even after the client's retries) keeps its text and marks
the section incomplete; a model that does not answer at all ends drafting but keeps the sections
already written. The Draft says which sections are incomplete or missing, and why.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable

from assistant.config import Settings, get_settings
from assistant.drafting import composer
from assistant.drafting.context import Reference, build_prompt, retrieve
from assistant.drafting.model import Citation, Draft, DraftSection
from assistant.errors import FazhiError, LLMError, LLMIncompleteError, StoreError
from assistant.facts import Facts, check_facts
from assistant.faithfulness import SourceFigure, check_text, source_figures
from assistant.llm import LLM, get_llm, strip_think
from assistant.prompts import render
from assistant.store import Store

OnText = Callable[[str, str], None]
_CITE = re.compile(r"\[(\d{1,2})\]")
_ECHO = re.compile(r"【本单位事实】|【参考范文】|【参考资料】|^(标题|法定内容要求|所属领域|写作要求)：|^[请請]撰写")
_DELIM = re.compile(r"<<<[^>]*(>>>|$)")


# ---------------------------------------------------------------- figure guard


def _sources(facts: Facts) -> list[SourceFigure]:
    return source_figures(facts)


def guard(text: str, sources: list[SourceFigure]) -> tuple[dict[str, int], list[str]]:
    """Faithfulness counts and one flag line per unsupported or misattributed figure."""
    result = check_text(text, sources)
    counts = {k: int(result.counts.get(k, 0)) for k in ("supported", "unsupported", "misattributed", "derived_ok")}
    flags = []
    for m in result.mentions:
        if m.status == "unsupported":
            flags.append(f"“{m.text}”在事实文件中找不到依据")
        elif m.status == "misattributed":
            flags.append(f"“{m.text}”与事实文件中的“{m.source_text}”指标不符")
    return counts, flags


def foreign_names(text: str, references: list[Reference], facts: Facts) -> list[str]:
    """Exemplars are style, never facts: another unit's name in the draft is flagged."""
    flags = []
    for name in dict.fromkeys(r.issuer for r in references if r.issuer):
        short = name.removesuffix("人民政府").removesuffix("办公室")
        for form in (name, short):
            if len(form) >= 3 and form in text and form not in facts.unit:
                flags.append(f"出现了参考范文中其他单位的名称“{form}”")
                break
    return flags


# ---------------------------------------------------------------- post-processing model output


def tidy(text: str, section: composer.PlannedSection, n_refs: int) -> tuple[str, list[int]]:
    """Strip think blocks, a repeated heading, Markdown marks and citations to references that don't exist."""
    text = strip_think(text).strip()
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    while lines and (section.title[:8] in lines[0] and len(lines[0]) <= len(section.heading) + 6):
        lines.pop(0)
    lines = [re.sub(r"^(#+\s*|[-*•]\s+|\*\*)", "", ln).replace("**", "") for ln in lines]
    lines = [_DELIM.sub("", ln) for ln in lines if not _ECHO.search(ln)]  # the prompt echoed back is not a draft
    lines = [ln for ln in lines if ln.strip()]
    text = "\n".join(lines)
    used: list[int] = []

    def keep(m: re.Match[str]) -> str:
        n = int(m.group(1))
        if 1 <= n <= n_refs:
            if n not in used:
                used.append(n)
            return m.group(0)
        return ""

    return _CITE.sub(keep, text), used


# ---------------------------------------------------------------- drafting


def _compose(
    facts: Facts, sections: list[composer.PlannedSection], sources: list[SourceFigure], on_text: OnText | None
) -> list[DraftSection]:
    out = []
    for s in sections:
        started = time.perf_counter()
        text = composer.compose_section(facts, s)
        counts, flags = guard(text, sources)
        if on_text:
            on_text(s.id, text)
        out.append(
            DraftSection(
                id=s.id,
                heading=s.heading,
                text=text,
                level=s.level,
                figures=counts,
                flags=flags,
                seconds=time.perf_counter() - started,
                sources=composer.section_sources(facts, s),
            )
        )
    return out


def _open_store(store: Store | None, warnings: list[str]) -> Store | None:
    if store is not None:
        return store
    try:
        opened = Store.open()
        if opened.count() == 0:
            warnings.append("检索库为空，未使用范文和政策条文；可先运行 fazhi ingest 导入范文。")
            return None
        return opened
    except FazhiError as exc:
        warnings.append(f"检索库不可用，未使用范文和政策条文：{exc}")
        return None


def _draft_with_llm(
    llm: LLM,
    facts: Facts,
    sec: composer.PlannedSection,
    store: Store | None,
    settings: Settings,
    sources: list[SourceFigure],
    repair: bool,
    on_text: OnText | None,
    warnings: list[str],
) -> DraftSection:
    refs = []
    if store is not None:
        try:
            refs = retrieve(store, facts, sec)
        except (StoreError, FazhiError) as exc:
            warnings.append(f"{sec.heading}：检索失败，未使用参考材料（{exc}）")
    prompt = build_prompt(facts, sec, refs, context=settings.llm_context, max_tokens=settings.llm_max_tokens)
    if prompt.prompt_tokens > prompt.budget:
        warnings.append(
            f"{sec.heading}：仅事实部分就需要 {prompt.prompt_tokens} tokens，超过上下文预算 {prompt.budget}，"
            "请调大 FAZHI_LLM_CONTEXT 或减少此部分的要点。"
        )
    started = time.perf_counter()
    pieces = []
    cut: LLMIncompleteError | None = None
    try:
        for chunk in llm.complete(prompt.messages, stream=True):
            pieces.append(chunk)
            if on_text:
                on_text(sec.id, chunk)
    except LLMIncompleteError as exc:  # the answer began but never finished: keep what came
        cut = exc
    info = getattr(llm, "last", None)
    text, used = tidy("".join(pieces), sec, len(prompt.references))
    counts, flags = guard(text, sources)
    flags += foreign_names(text, prompt.references, facts)
    result = DraftSection(
        id=sec.id,
        heading=sec.heading,
        text=text,
        level=sec.level,
        figures=counts,
        flags=flags,
        prompt_tokens=prompt.prompt_tokens,
        budget=prompt.budget,
        first_token_seconds=getattr(info, "first_token_seconds", None),
        sources=composer.section_sources(facts, sec),
    )
    if not text.strip():
        result.status = "failed"
        why = f"（{cut}）" if cut else "（只复述了提示词）"
        warnings.append(f"{sec.heading}：模型没有写出正文{why}，此部分需人工撰写或改用 composer。")
    elif cut is not None:
        result.status = "incomplete"
        warnings.append(f"{sec.heading}：回答不完整，已保留已生成的 {len(text)} 字，请补写结尾。{cut}")
    elif getattr(info, "truncated", False):
        result.status = "truncated"
        warnings.append(f"{sec.heading}：模型输出达到长度上限被截断，请补写结尾或调大 FAZHI_LLM_MAX_TOKENS。")
    if repair and flags and result.status == "ok":
        messages = prompt.messages + [
            {"role": "assistant", "content": text},
            {"role": "user", "content": render("repair_section", heading=sec.title, problems=flags)},
        ]
        if on_text:
            on_text(sec.id, "\n")
        try:
            second = "".join(llm.complete(messages, stream=False))
        except LLMError as exc:  # the first version stands
            warnings.append(f"{sec.heading}：重写失败，保留第一稿。{exc}")
            second = ""
        text2, used2 = tidy(second, sec, len(prompt.references))
        counts2, flags2 = guard(text2, sources)
        flags2 += foreign_names(text2, prompt.references, facts)
        if text2.strip() and len(flags2) <= len(flags):
            result.text, used, result.figures, result.flags = text2, used2, counts2, flags2
            result.repaired = True
    by_n = {r.n: r for r in prompt.references}
    result.citations = [Citation(n=n, source=by_n[n].source, heading=by_n[n].heading) for n in sorted(used)]
    result.seconds = time.perf_counter() - started
    return result


def draft_report(
    facts: Facts,
    *,
    backend: str | None = None,
    section: str | None = None,
    store: Store | None = None,
    repair: bool = False,
    on_text: OnText | None = None,
    settings: Settings | None = None,
    llm: LLM | None = None,
) -> Draft:
    """Draft the report (or one section). Model failures end drafting but keep what was written."""
    settings = settings or get_settings()
    warnings = check_facts(facts)
    planned = composer.plan_sections(facts)
    chosen = composer.select_sections(planned, section)
    sources = _sources(facts)
    if llm is None and (backend or settings.llm_backend) != "composer":  # the openai client costs ~2 s to import
        llm = get_llm(settings, backend)
    whole = not section  # one section is pasted into a report: no 主送/开头/特此报告/落款 around it
    draft = Draft(
        sections=[],
        backend="composer" if llm is None else llm.name,
        model=None if llm is None else llm.model,
        warnings=warnings,
        title=facts.report_title,
        opening=composer.compose_opening(facts) if whole else "",
        closing=composer.compose_closing(facts) if whole else "",
    )
    if llm is None:
        draft.sections = _compose(facts, chosen, sources, on_text)
        return draft
    store = _open_store(store, warnings)
    failed: LLMError | None = None
    for sec in chosen:
        if failed is not None:
            draft.sections.append(
                DraftSection(id=sec.id, heading=sec.heading, text="", level=sec.level, status="skipped")
            )
            continue
        if sec.item == "measures" and sec.level == 1:
            draft.sections += _compose(facts, [sec], sources, on_text)
            continue
        try:
            draft.sections.append(_draft_with_llm(llm, facts, sec, store, settings, sources, repair, on_text, warnings))
        except LLMError as exc:
            failed = exc
            draft.sections.append(
                DraftSection(id=sec.id, heading=sec.heading, text="", level=sec.level, status="failed")
            )
            warnings.append(f"{sec.heading}：撰写失败，已保留此前完成的部分。{exc}")
    for s in draft.sections:
        if s.flags:
            warnings.append(f"{s.heading}：{len(s.flags)} 处数据需核对（" + "；".join(s.flags[:3]) + "）")
    return draft
