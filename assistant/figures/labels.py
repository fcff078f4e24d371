"""What a figure's label says: the indicator it names, and whether it names how cases were disposed of.

Shared by extraction (which writes the labels) and the structural reading (which compares them), so
both read labels one way.
"""

from __future__ import annotations

import re

__all__ = ["CHANGE_BETWEEN", "CHANGE_VERB", "is_disposal", "label_core"]

# fmt: off
_CORE_VERBS = re.compile(r"^(?:(?:全|我)?[区市县镇](?:人民)?政府|各级(?:各部门)?)?(?:共|新|依法|依时|及时)?"
                         r"(?:收到|受理|接收|接到|办理|处理|排查|调处|调解|接待|查处|查办|审查|收|有|"
                         r"开展|组织|完成|提供|出具|办结|审结)")
_DISPOSAL = re.compile(
    r"^(?:已|依法|依时|及时|正在|尚)?(?:按程序)?(?:受理|不予受理|不予立案|立案|在办|办理|办结|审结|结案|未结|未办结|办理中|"
    r"审理中|撤回|撤诉|驳回|驳回申请|维持|撤销|变更|确认违法|责令履行|终止|中止|调解|和解|转送|告知|移送|答复|退回|补正|"
    r"败诉|胜诉|裁定|判决|化解|未化解|(?:调解)?成功|不成功|满意|不满意)(?:的)?(?:案件|事项|申请|纠纷|问题)?$")
CHANGE_VERB = r"(?:压缩|压减|精简|优化精简|削减|缩减|减少|降低|缩短|下降|减|降|增加|提高|提升|增长|上升|扩大|增|提速)"
# 从A【压缩至】B, 从2022年的36件【增至2023年的】45件
CHANGE_BETWEEN = re.compile(
    rf"^[^，,。；;:：]{{0,16}}?(?P<verb>{CHANGE_VERB})了?(?:到|至|为)(?:(?:19|20)\d\d年(?:底|末)?的?)?$")
# fmt: on


def is_disposal(label: str) -> bool:
    """A label naming how cases were disposed of (不予受理, 在办, 办结, 维持…): the parts of a case total."""
    return bool(_DISPOSAL.match(re.sub(r"^(?:全区|全市|全县|全镇|区|市|县|镇|其中|共|累计)+", "", label)))


def label_core(label: str) -> str:
    """The indicator noun of a label: 收到行政复议申请 → 行政复议申请."""
    core = _CORE_VERBS.sub("", label)
    core = re.sub(r"^(?:了|各类|各种|各级|的)+", "", core)
    return core if len(core) >= 2 else label
