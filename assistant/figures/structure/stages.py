"""Case-handling stages: how a case or application moves, so a list of counts in these words nests by stage.

Received → accepted or not → closed or pending → the decision. "受理25件，不予受理5件，审结22件，在办3件" is
25 + 5 of the total and 22 + 3 of the 25 accepted; "审结40件，维持28件，撤销5件…" puts the decisions under the
40 closed; "受理212件，审结205件" is a funnel, not a breakdown, since closing counts last year's cases too.
"""

from __future__ import annotations

import re

from assistant.figures.model import Figure
from assistant.figures.structure.model import Breakdown, Para, is_amount

__all__ = ["DONE", "OPEN", "arrange", "stage", "stage_parent", "whole"]


DONE = re.compile(r"(?:办结|审结|结案|完成|化解|解决|答复|办理完毕|已结)")


OPEN = re.compile(r"(?:在办|未结|未办结|办理中|审理中|正在[^，,；;]{0,6}(?:办理|审理|处理)|未审结|待办|在建|推进中)")


_STAGE_PREFIX = re.compile(
    r"^(?:全[区市县镇省]|[区市县镇]|其中|共|已经|已|依法|依时|及时|按期|按时|当年|全年|尚|仍|全部|均|"
    r"经|予以|作出|依法作出)+"
)


_STAGES = (
    (2, re.compile(r"^(?:受理|立案|不予受理|不受理|不予立案|未受理|转送|告知|移送|退回|补正|转交|转办)")),
    (
        3,
        re.compile(
            r"^(?:审结|办结|结案|办理完毕|在办|未结|未办结|办理中|审理中|正在[^，,]{0,6}(?:办理|审理)|中止|待办|"
            r"正在办理|正在审理)"
        ),
    ),
    (
        4,
        re.compile(r"^(?:维持|撤销|变更|确认违法|确认无效|责令履行|驳回|终止|调解|和解|撤回|撤诉|败诉|胜诉|裁定|判决)"),
    ),
)


_POSITIVE = re.compile(r"^(?:受理|立案|审结|办结|结案|办理完毕)")


_NEGATIVE = re.compile(r"^(?:不予受理|不受理|不予立案|未受理|转送|告知|移送|退回|转交|转办)")


_AMONG = re.compile(r"^.{0,8}?中(?=维持|撤销|变更|确认|责令|驳回|终止|调解|和解|撤回|撤诉|败诉|胜诉)")


_STATUS = re.compile(r"^.{2,4}?(?:成功|失败)")  # 调解成功: how a mediation ended, a funnel's last step


def stage(f: Figure) -> int | None:
    """The stage a case count stands at; None when its label is not a stage word, or names another object
    ("受理群众来信来访41件" after "排查矛盾纠纷263件" counts letters and visits, not the disputes)."""
    label = _stage_label(f)
    if _STATUS.match(label):
        return None
    for level, rx in _STAGES:
        m = rx.match(label)
        if m:
            rest = re.sub(
                r"^(?:的)?(?:案件|申请|事项|复议|诉讼|行政复议|行政诉讼|原|具体|行政行为|决定|审理)*",
                "",
                label[m.end() :],
            )
            return level if len(rest) < 4 else None
    return None


def _stage_label(f: Figure) -> str:
    """The stage word a label starts with, past its scope: 审结案件中维持 → 维持."""
    return _AMONG.sub("", _STAGE_PREFIX.sub("", f.label))


def whole(figures: list[Figure], group: list[int]) -> bool:
    """A stage list that accounts for every case: accepted and not, or closed and pending."""
    labels = [_stage_label(figures[i]) for i in group]
    positive = any(_POSITIVE.match(x) for x in labels)
    negative = any(_NEGATIVE.match(x) for x in labels)
    open_ = any(OPEN.match(x) for x in labels)
    closed = any(re.match(r"^(?:审结|办结|结案|办理完毕)", x) for x in labels)
    return (positive and negative) or (closed and open_) or (negative and (closed or open_))


def arrange(figures: list[Figure], t: int, parts: list[int]) -> list[Breakdown] | None:
    """Nest a list of case counts by stage; None when the parts are not all stage words. A lone later stage
    under an earlier one (受理212件，审结205件) is a funnel, not a breakdown: closing counts last year's cases too."""
    found = [stage(figures[i]) for i in parts]
    levels = [level for level in found if level is not None]
    if len(levels) < len(found):
        return None
    top = min(levels)
    direct: list[int] = []
    placed: list[int] = []
    children: dict[int, list[int]] = {}
    for i, level in zip(parts, levels):
        parent = next(
            (
                d
                for d in reversed(placed)
                if stage(figures[d]) == level - 1 and _POSITIVE.match(_stage_label(figures[d]))
            ),
            None,
        )
        if level == top or parent is None:
            direct.append(i)
        else:
            children.setdefault(parent, []).append(i)
        placed.append(i)
    out: list[Breakdown] = []
    if len(direct) >= 2 or direct and len(parts) == len(direct):
        out.append(Breakdown(t, direct, "顺列", whole(figures, direct)))
    for parent, kids in children.items():
        if stage(figures[kids[0]]) == 4:
            out.append(Breakdown(parent, kids, "顺列", False))
        elif len(kids) >= 2 or whole(figures, kids):
            out.append(Breakdown(parent, kids, "顺列", whole(figures, kids)))
    return out


def stage_parent(p: Para, figures: list[Figure], t: int) -> int | None:
    """The count a stage figure is part of: the nearest earlier one in its statement at an earlier stage."""
    level = stage(figures[t]) or 0
    stmt = p.statement(figures[t].start - p.base)
    lo, _ = p.stmt_range(stmt)
    for i in reversed(p.between(lo, figures[t].start - p.base)):
        f = figures[i]
        if is_amount(f) and f.unit == figures[t].unit and ((stage(f) or 0) < level):
            return i
    return None
