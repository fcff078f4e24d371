"""Label similarity for the faithfulness check: do two figure labels name the same indicator?

Labels come from the figures engine ("收到行政复议申请", "调解成功", "负责人出庭应诉率"). Two labels are
compatible when their content words overlap once domain synonyms are folded (受理 ≈ 收到, 审结 ≈ 办结);
they conflict when each names a different member of a set of mutually exclusive outcomes (维持 vs 撤销,
受理 vs 不予受理) or when one carries a scope word the other lacks (负责人出庭应诉率 vs 出庭应诉率 are
different indicators). A private jieba tokenizer keeps our domain words out of the global dictionary
that retrieval uses.
"""

from __future__ import annotations

import logging
from functools import lru_cache
from typing import Any

# Domain words jieba would otherwise split (or join wrongly).
# fmt: off
_WORDS = [
    "行政复议", "行政诉讼", "行政应诉", "出庭应诉", "负责人", "不予受理", "确认违法", "责令履行", "规范性文件",
    "合法性审查", "法律顾问", "公职律师", "重大行政决策", "行政执法", "行政处罚", "行政许可", "行政检查",
    "行政强制", "政务公开", "依申请公开", "主动公开", "案卷评查", "法制审核", "化解率", "办结率",
    "成功率", "纠错率", "败诉率", "出庭率", "持证率", "报备率", "罚没款", "执法证", "执法人员", "人民调解",
    "矛盾纠纷", "信访", "双随机", "一公开", "普法", "学法", "述法", "在办", "已办结", "未办结", "审结",
    "办结", "受理", "收到", "维持", "驳回", "撤销", "撤回", "终止", "变更", "和解", "败诉", "胜诉", "一审",
    "二审", "正职", "副职", "新受理", "立案", "结案", "备案", "清理", "废止", "保留", "修改", "制定", "印发",
    "听证", "风险评估", "专家论证", "答复率", "报备及时率", "工作日", "提速比", "压缩",
]

# Surface word → canonical word.
_SYNONYMS = {
    "受理": "收到", "新受理": "收到", "接收": "收到", "收": "收到", "接到": "收到", "共收到": "收到",
    "审结": "办结", "已办结": "办结", "结案": "办结", "办理": "办结", "审理": "办结", "作出": "办结",
    "案件": "案", "案": "案", "宗": "案", "件": "案",
    "出庭": "出庭应诉", "应诉": "出庭应诉", "出庭率": "出庭应诉率",
    "调处": "化解", "化解": "化解", "排查": "排查",
    "审核": "审查", "法制审核": "合法性审查", "合法性审查": "合法性审查",
    "举办": "组织", "开展": "组织", "召开": "组织", "组织": "组织",
    "人数": "人", "人员": "人", "名": "人",
    "印发": "制定", "出台": "制定", "发布": "制定",
    "咨询": "意见", "建议": "意见", "法律意见": "意见",
    "律师": "律师", "公职律师": "公职律师",
    "罚款": "罚没款", "罚没": "罚没款",
    "申请人": "申请", "复议申请": "申请",
}

# Members of a group name mutually exclusive categories: a label with one cannot be a label with another.
_EXCLUSIVE = [
    {"维持", "驳回", "撤销", "确认违法", "变更", "责令履行", "终止", "撤回", "和解", "不予受理", "收到", "办结",
     "在办", "转送", "告知", "纠错", "未办结"},
    {"败诉", "胜诉"},
    {"一审", "二审"},
    {"正职", "副职"},
    {"保留", "修改", "废止"},
    {"行政处罚", "行政许可", "行政检查", "行政强制"},
    {"主动公开", "依申请公开"},
    {"行政复议", "行政诉讼"},
    {"成功", "失败"},
    {"排查", "化解"},
    {"制定", "备案", "清理"},
    {"率", "数"},
    {"全国", "全省", "全市", "全区", "全县", "全镇"},
    {"新增", "累计", "总量"},
    {"增长", "下降", "减少", "降低"},
]
# A scope word present in one label and absent from the other makes them different indicators.
_SCOPE = {"负责人", "正职", "副职", "不予受理", "未办结", "败诉", "一审", "二审", "依申请公开", "专项"}

_STOP = {
    "全年", "共", "共计", "累计", "合计", "总", "总计", "我区", "我县",
    "我市", "我镇", "我省", "本级", "本年度", "年度", "今年", "当年", "其中", "各类", "各", "有关", "相关", "等",
    "的", "了", "和", "及", "与", "对", "为", "达", "达到", "完成", "同比", "全", "一共", "个", "已", "均",
    "依法", "进行", "工作", "情况", "方面", "全部", "分别", "是", "在", "中", "有", "涉及", "以上", "余", "多",
    "约", "近", "超过", "不足", "不到", "左右", "次", "项", "人次", "年", "月", "先后", "期间", "以来", "一批",
    "新", "主要", "以", "上", "下", "区", "县", "市", "镇", "省", "政府", "部门", "单位", "领域", "方式",
    ",", "，", "、", "。", "；", ";", ":", "：", "(", ")", "（", "）", "“", "”", " ", "其", "并", "将", "把",
}


@lru_cache(maxsize=1)
# fmt: on


def _tokenizer() -> Any:
    import jieba  # the dictionary load is the slow part of the first check

    jieba.setLogLevel(logging.WARNING)
    tok = jieba.Tokenizer()
    for word in _WORDS:
        tok.add_word(word, freq=200000)
    return tok


def _split_rate(word: str) -> list[str]:
    """ "调解成功率" → ["调解成功", "率"]: a rate and its count share the indicator, differ in kind."""
    if len(word) > 1 and word.endswith("率"):
        return [word[:-1], "率"]
    return [word]


@lru_cache(maxsize=20000)
def label_tokens(label: str) -> frozenset[str]:
    """Canonical content words of a label (stop words dropped, synonyms folded)."""
    if not label:
        return frozenset()
    out: set[str] = set()
    for raw in _tokenizer().lcut(label, HMM=False):
        raw = raw.strip()
        if not raw or raw in _STOP or raw.isdigit():
            continue
        for word in _split_rate(raw):
            word = _SYNONYMS.get(word, word)
            if word and word not in _STOP:
                out.add(word)
    return frozenset(out)


def _weight(word: str) -> float:
    if word in {"率", "案", "占", "全区", "全县", "全市", "全镇", "全省"}:
        return 0.2
    return 0.4 if len(word) == 1 else 1.0


def _conflict(a: frozenset[str], b: frozenset[str]) -> bool:
    for group in _EXCLUSIVE:
        ga, gb = a & group, b & group
        if ga and gb and not (ga & gb):
            return True
    return bool((a ^ b) & _SCOPE) and bool(a & b)


def label_similarity(a: str, b: str) -> float:
    """0 (different indicators) … 1 (same indicator); None-like empty labels give 0.5 (unknown)."""
    ta, tb = label_tokens(a), label_tokens(b)
    if not ta or not tb:
        return 0.5
    if ta == tb:
        return 1.0
    if _conflict(ta, tb):
        return 0.0
    shared = sum(_weight(w) for w in ta & tb)
    if not shared:
        return 0.0
    smaller = min(sum(_weight(w) for w in ta), sum(_weight(w) for w in tb))
    larger = max(sum(_weight(w) for w in ta), sum(_weight(w) for w in tb))
    containment = shared / smaller
    dice = 2 * shared / (smaller + larger)
    return round(0.7 * containment + 0.3 * dice, 4)


def is_informative(label: str) -> bool:
    return bool(label_tokens(label))


# Words that say how a figure changed or what share it is, not which indicator it measures.
# fmt: off
_WEAK = {"增长", "下降", "提高", "降低", "减少", "增加", "占", "占比", "比重", "增幅", "降幅", "比", "上升",
         "较上年", "年均", "比上年", "提升", "增", "降", "达", "分别", "同比增长", "同比下降", "率", "增速",
         "全国", "全省", "全市", "全区", "全县", "全镇"}
# fmt: on


def is_weak(label: str) -> bool:
    """A label like 增长 / 占全市 names no indicator by itself: the one before it in the sentence does."""
    return not (label_tokens(label) - _WEAK)


def context_labels(figures: list[Any]) -> list[str]:
    """Labels with weak ones completed by the previous figure's label in the same sentence:
    "社会消费品零售总额692亿元，增长9%" → the 9% is 社会消费品零售总额增长."""
    out: list[str] = []
    for i, fig in enumerate(figures):
        label = fig.label or ""
        if i and is_weak(label) and figures[i - 1].sentence_start == fig.sentence_start:
            prev = out[i - 1]
            label = (prev + label) if prev else label
        out.append(label)
    return out
