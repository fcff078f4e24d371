"""Totals and their parts, read from the words that mark them within a statement: 其中, brackets, 分别, and a
total followed by parts that partition it (complements, remainders, case stages)."""

from __future__ import annotations

import re

from assistant.figures.labels import label_core
from assistant.figures.model import Figure
from assistant.figures.structure.model import (
    CLAUSE,
    SCOPE,
    Breakdown,
    Para,
    Structure,
    clause_lead,
    coordinated,
    is_amount,
    is_delta,
    same_kind,
    shares_words,
    tail,
    unit_family,
)
from assistant.figures.structure.stages import DONE, OPEN, arrange, stage, stage_parent, whole

__all__ = ["brackets", "complementary", "qizhong", "respectively", "sequences"]


_OPENER = re.compile(r"^[\s,，:：]*(?:其中|内含|含|包括|主要(?:包括|有|是)?)")


_REMAINDER = re.compile(r"(?:其余|其他|剩余|余下|还有|另有|尚有|尚余|剩下)")


_NEGATION = re.compile(r"^(?:不予|未予|尚未|不|未|非|无)")


_DICHOTOMIES = [
    ("中央", "地方"),
    ("城镇", "农村"),
    ("城市", "农村"),
    ("男性", "女性"),
    ("男", "女"),
    ("出口", "进口"),
    ("进口", "出口"),
    ("公办", "民办"),
    ("境内", "境外"),
    ("国内", "国外"),
    ("线上", "线下"),
    ("一审", "二审"),
    ("地方", "中央"),
    ("农村", "城镇"),
    ("女性", "男性"),
    ("民办", "公办"),
    ("境外", "境内"),
    ("线下", "线上"),
]


_PREDICATE = re.compile(
    r"^(?:提供|实现|带动|吸引|解决|惠及|覆盖|带来|创造|节约|节省|吸纳|安置|涉及|投资|总投资|面积|"
    r"建筑面积|占地|金额|涉案金额|挽回|罚没|处罚|拉动|服务|接待|容纳|可提供|新增|增加|减少)"
)


def _bracket_groups(text: str) -> list[tuple[int, int]]:
    """Top-level (…) spans as (open, close) offsets; unbalanced brackets end at the text's end."""
    out, stack = [], []
    for m in re.finditer(r"[()]", text):
        if m.group(0) == "(":
            stack.append(m.start())
        elif stack:
            start = stack.pop()
            if not stack:
                out.append((start, m.start()))
    return out


def brackets(p: Para, figures: list[Figure], out: Structure) -> None:
    """“不受理12宗（转送10宗，不予受理1宗，告知处理1宗）”: the bracket spells out the figure before it."""
    for open_, close in _bracket_groups(p.text):
        lo, _ = p.stmt_range(p.statement(open_))
        before = [i for i in p.between(lo, open_) if figures[i].end - p.base <= open_]
        if not before:
            continue
        t = before[-1]
        total = figures[t]
        gap = p.text[total.end - p.base : open_]
        if len(gap) > 20 or CLAUSE.search(gap) or not is_amount(total) or is_delta(total):
            continue
        inner = p.text[open_ + 1 : close]
        depth = total.depth + 1
        parts = [
            i
            for i in p.between(open_ + 1, close)
            if figures[i].depth == depth
            and is_amount(figures[i])
            and not is_delta(figures[i])
            and same_kind(total, figures[i])
        ]
        opener = _OPENER.match(inner)
        if not parts or (not opener and len(parts) < 2):
            continue
        exhaustive = not opener and "等" not in inner and len(parts) >= 2
        out.breakdowns.append(Breakdown(t, parts, "括号", exhaustive))


def qizhong(paras: list[Para], k: int, figures: list[Figure], out: Structure) -> None:
    """“T，其中A a，B b”: the parts after 其中 break down the nearest earlier figure of their kind; each unit
    its own total ("土地出让55宗、301公顷，其中产业用地13宗、135公顷"); coordinated totals pair with coordinated
    parts ("175项举措和38项任务…，其中109项举措和26项任务")."""
    p = paras[k]
    for m in re.finditer(r"其中", p.text):
        at = m.start()
        stmt = p.statement(at)
        stmt_end = p.statements[stmt + 1] if stmt + 1 < len(p.statements) else len(p.text)
        if p.depth(at):
            continue  # "(其中…)" is read with its bracket
        nxt = p.text.find("其中", m.end(), stmt_end)
        end = nxt if nxt >= 0 else stmt_end
        amounts: list[int] = []
        window = p.between(at + 1, end)
        for x, i in enumerate(window):
            f = figures[i]
            if f.depth or not is_amount(f) or is_delta(f):
                continue
            if f.approx:
                after = window[x + 1] if x + 1 < len(window) else None
                gap = p.text[f.end - p.base : figures[after].start - p.base] if after is not None else "，"
                if (
                    after is not None
                    and is_amount(figures[after])
                    and len(gap) <= 8
                    and not re.search(r"[、，,；;。:：]", gap)
                ):
                    continue  # "其中超千亿元企业11家": a bracket of size, not a part
            if f.total_marker or amounts and _PREDICATE.match(clause_lead(p, f)):
                break  # a new total or a new predicate: the list has ended
            if amounts and not _continues(p, figures, amounts, f):
                break
            if f.approx:
                amounts = []
                break  # "其中公办学位超过5万个": an approximate part, nothing to check
            amounts.append(i)
        groups: dict[tuple[str, str], list[int]] = {}
        for i in amounts:
            groups.setdefault((figures[i].kind, unit_family(figures[i])), []).append(i)
        for parts in groups.values():
            totals = _totals_before(paras, k, at, figures[parts[0]], figures)
            if not totals:
                continue
            if len(totals) > 1:
                if len(parts) == len(totals) and coordinated(p, figures, parts):
                    for t, part in zip(totals, parts):
                        out.breakdowns.append(Breakdown(t, [part], "其中", False))
                continue  # several totals the 其中 may refer to: ambiguous
            t = totals[0]
            level = stage(figures[t])
            siblings = [i for i in parts if level is not None and (stage(figures[i]) or 9) <= level]
            if siblings:  # "已审结25件，其中维持20件，撤销3件，在办5件": 在办 is 审结's sibling
                parent = stage_parent(p, figures, t)
                if parent is not None:
                    out.breakdowns.append(Breakdown(parent, [t, *siblings], "顺列", whole(figures, [t, *siblings])))
                parts = [i for i in parts if i not in siblings]
                if not parts:
                    continue
            staged = arrange(figures, t, parts)
            if staged:
                for b in staged:
                    b.how = "其中"
                out.breakdowns.extend(staged)
                continue
            remainder = any(_REMAINDER.search(figures[i].lead) for i in parts[1:])
            out.breakdowns.append(Breakdown(t, parts, "其中", remainder or complementary(figures, parts)))


def _continues(p: Para, figures: list[Figure], amounts: list[int], f: Figure) -> bool:
    """Whether `f` is one more part of the list so far: of a listed kind, or a second measure of the part
    just before ("产业用地12宗、55.3公顷"); past a "；" only a part headed like the first ("教育支出…；医疗支出")."""
    last = figures[amounts[-1]]
    same_clause = p.clause(last.start - p.base) == p.clause(f.start - p.base)
    if not any(same_kind(figures[a], f) for a in amounts) and not same_clause:
        return False
    if re.search(r"[；;]", p.text[last.end - p.base : f.start - p.base]):
        head = label_core(figures[amounts[0]].label)[-2:]
        return bool(head) and label_core(f.label).endswith(head)
    return True


def _totals_before(paras: list[Para], k: int, at: int, first: Figure, figures: list[Figure]) -> list[int]:
    """What a 其中 refers to: the nearest earlier amount of the first part's kind in its statement, or in the
    statement before when 其中 opens a statement (also across a paragraph break). When that amount is
    coordinated with others of its kind ("20个产业集群和8个未来产业"), all of them, in text order."""
    p = paras[k]
    stmt = p.statement(at)
    start = p.statements[stmt]
    opens = not p.text[start:at].strip(" ,，:：、")
    lo = p.statements[stmt - 1] if opens and stmt > 0 else start
    para, cands = p, [i for i in p.between(lo, at) if not figures[i].depth]
    if opens and stmt == 0 and k > 0 and paras[k - 1].figs:
        q = paras[k - 1]
        last = (
            q.statements[-1] if q.statements[-1] < len(q.text.rstrip()) else q.statements[max(len(q.statements) - 2, 0)]
        )
        para, cands = q, [i for i in q.between(last, len(q.text)) if not figures[i].depth]
    amounts = [i for i in cands if is_amount(figures[i]) and not is_delta(figures[i])]
    j = len(amounts) - 1
    while j >= 0 and not same_kind(figures[amounts[j]], first):
        # 其中 refers to the last thing counted; past it only to the same thing's other measure ("55宗、301公顷")
        if j == 0 or para.clause(figures[amounts[j]].start - para.base) != para.clause(
            figures[amounts[j - 1]].start - para.base
        ):
            return _named_earlier(figures, amounts[: j + 1], first)
        j -= 1
    if j < 0:
        return []
    fit = [i for i in amounts[: j + 1] if same_kind(figures[i], first)]
    chain = [fit[-1]]
    while (
        len(fit) > len(chain)
        and coordinated(para, figures, [fit[-len(chain) - 1], chain[0]])
        and figures[fit[-len(chain) - 1]].unit == figures[chain[0]].unit
    ):
        chain.insert(0, fit[-len(chain) - 1])
    return chain


def _named_earlier(figures: list[Figure], earlier: list[int], first: Figure) -> list[int]:
    """“22个项目列入更新计划，可释放约302.5万平方米的建设用地，其中…等5个项目”: past a measure of another kind,
    the 其中 refers to the last amount of the part's kind only when the part names that amount's thing and not
    the measure in between ("执法检查120次，出动执法人员600人次，其中联合执法80次" stays unread)."""
    named = label_core(first.label)
    if len(named) < 2:
        return []
    passed: list[str] = []
    for i in reversed(earlier):
        f = figures[i]
        if not same_kind(f, first):
            passed.append(label_core(f.label))
            continue
        if f.approx or not shares_words(label_core(f.label), named) or any(shares_words(w, named) for w in passed):
            return []
        return [i]
    return []


def complementary(figures: list[Figure], parts: list[int], p: Para | None = None) -> bool:
    """受理/不予受理, 办结/在办, 中央/地方: two labels that split one set in two, so the pair is the whole. A part
    written number first ("9项因客观条件制约尚在推进中") is told by the words after it."""
    if len(parts) != 2:
        return False
    a, b = (SCOPE.sub("", label_core(figures[i].label)) + (tail(p, figures[i]) if p else "") for i in parts)
    if a == b or not a or not b:
        return False
    if _NEGATION.sub("", b) == a or _NEGATION.sub("", a) == b:
        return True
    if any(a.startswith(x) and b.startswith(y) and a[len(x) :] == b[len(y) :] for x, y in _DICHOTOMIES):
        return True  # 中央财政赤字/地方财政赤字, 进口/出口
    return bool(DONE.search(a) and OPEN.search(b) or DONE.search(b) and OPEN.search(a))


def respectively(p: Para, figures: list[Figure], out: Structure) -> None:
    """“1197个停车位，分别为A（车位282个）、B（车位126个）…”: the listed values are the whole."""
    for m in re.finditer(r"分别(?:为|是)", p.text):
        at = m.start()
        stmt = p.statement(at)
        start = p.statements[stmt]
        if "其中" in p.text[start:at]:
            continue  # read as the 其中 list
        clause_start = p.clauses[p.clause(at)]
        if p.text[clause_start:at].strip(" ,，:："):
            continue  # "A、B分别为x、y" names the parts, not a total
        before = p.between(start, clause_start)
        if not before:
            continue
        t = before[-1]
        total = figures[t]
        if not is_amount(total) or is_delta(total):
            continue
        stmt_end = p.statements[stmt + 1] if stmt + 1 < len(p.statements) else len(p.text)
        parts = [
            i
            for i in p.between(at + 1, stmt_end)
            if is_amount(figures[i]) and not is_delta(figures[i]) and same_kind(total, figures[i])
        ]
        if len(parts) >= 2:
            out.breakdowns.append(Breakdown(t, parts, "分别", "等" not in p.text[at:stmt_end]))


def sequences(p: Para, figures: list[Figure], out: Structure, taken: set[int]) -> None:
    """“收到103宗，不受理12宗，受理91宗”; "111项民生实事完成109项，还有2项": parts that follow their total."""
    by_stmt: dict[int, list[int]] = {}
    for i in p.figs:
        f = figures[i]
        if is_amount(f) and not is_delta(f) and f.depth == 0:
            by_stmt.setdefault(p.statement(f.start - p.base), []).append(i)
    for run in by_stmt.values():
        for a in range(len(run) - 1):
            t = run[a]
            total = figures[t]
            parts: list[int] = []
            for i in run[a + 1 :]:
                if i in taken or not (total.kind == figures[i].kind and total.unit == figures[i].unit):
                    break
                if figures[i].total_marker or p.text[figures[i].end - p.base : figures[i].end - p.base + 1] == "中":
                    break  # "…，共收到21件" or "审结的14件中，…": the next total opens another list
                parts.append(i)
            if len(parts) == 1 and stage(figures[parts[0]]) == 2 and stage(total) is None and total.total_marker:
                out.breakdowns.append(Breakdown(t, parts, "顺列", False))  # 共收到21件，不予受理6件
                continue
            for n in range(len(parts), 1, -1):
                group = parts[:n]
                staged = arrange(figures, t, group) if (stage(total) or 0) < 4 else None
                if staged is not None and n == len(parts):
                    out.breakdowns.extend(b for b in staged if len(b.parts) >= 2 or b.total != t)
                    taken.update(group)
                    break
                remainder = bool(_REMAINDER.search(figures[group[-1]].lead))
                if remainder or complementary(figures, group, p):
                    out.breakdowns.append(Breakdown(t, group, "其余" if remainder else "顺列", True))
                    taken.update(group)
                    break
