"""The cues document-type scoring weighs (assistant.documents.doc_type): one `Signal` per cue.

Each cue is a regular expression over normalised (simplified, half-width) text, looked for in one scope:
the title (or a descriptive file name), the opening (lines before the first numbered heading), the
headings, or any line. Its weight says how much it speaks for its genre; its label is what a reader is
told when it decides a type ("开头有“现将……情况报告如下”"). Weights: a title naming its genre 10 (11 for
the disclosure report, whose title also says 报告); the report's own formula and items 3; weaker or shared
cues 1.5–2.5. `needs_topic` cues (存在的问题, 下一步安排) close many genres' documents and count for a
report only when the document is about rule of law.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.vocabulary import (
    DISCLOSURE_REPORT,
    GOV_WORK_REPORT,
    NORMATIVE_DOCUMENT,
    RULE_OF_LAW_REPORT,
    WORK_PLAN,
    WORK_SUMMARY,
)

TITLE_WEIGHT = 10.0  # a title naming its genre: more than a report's item headings and vocabulary together
RULE_OF_LAW = r"(法治政府建设|依法行政|法治建设|法治政府)"
TOPIC = re.compile(r"法治政府|依法行政|法治建设|法治思想")


@dataclass(frozen=True)
class Signal:
    name: str  # stable id shown in `doc_type_evidence`
    label: str  # what a reader is told: the cue in Chinese
    genre: str  # the doc_type this cue speaks for
    weight: float
    scope: str  # title | opening | headings | lines
    pattern: re.Pattern[str]
    min_hits: int = 1  # lines (or distinct matches, for headings) needed before it counts
    needs_topic: bool = False
    distinct: bool = False  # count distinct matched words, not lines (plan headings: 任务分工 + 保障措施)


def _re(pattern: str) -> re.Pattern[str]:
    """Patterns run over a pool's lines joined by newlines (one search per cue, not per line): ^ and $ are
    line anchors and no pattern may match a newline."""
    return re.compile(pattern, re.M)


SIGNALS: tuple[Signal, ...] = (
    # --- the annual rule-of-law report ----------------------------------------------------------------
    # The title names it: "…2022年度法治政府建设情况的报告", "推进依法行政工作情况报告", "法治政府建设工作总结".
    Signal(
        "title_names_report",
        "标题写明是法治政府建设（依法行政）情况报告",
        RULE_OF_LAW_REPORT,
        TITLE_WEIGHT,
        "title",
        _re(rf"(?:{RULE_OF_LAW}.{{0,20}}(报告|汇报|情况|工作总结)|(报告|汇报).{{0,6}}(法治政府建设|依法行政))$"),
    ),
    # A title that calls itself a report (not a 政府工作报告) of a document about rule of law.
    Signal(
        "title_names_a_report",
        "标题称“报告”，且通篇讲法治政府建设",
        RULE_OF_LAW_REPORT,
        2,
        "title",
        _re(r"(?<!政府工作)(报告|汇报)$"),
        needs_topic=True,
    ),
    # The fixed formula closing the opening paragraph: 现将有关情况报告如下 / 现就……汇报如下.
    Signal(
        "opening_formula",
        "开头有“现将……情况报告如下”",
        RULE_OF_LAW_REPORT,
        3,
        "opening",
        _re(r"(现将|现就|现对|特将|下面将|现把).{0,40}(报告|汇报)如下|(情况|工作)(报告|汇报)如下"),
    ),
    # …and the formula names the subject: 现将我镇2022年度法治政府建设情况报告如下.
    Signal(
        "formula_names_rule_of_law",
        "开头写明报告的是法治政府建设情况",
        RULE_OF_LAW_REPORT,
        3,
        "opening",
        _re(rf"{RULE_OF_LAW}[^。\n]{{0,24}}(报告|汇报)如下"),
    ),
    # The opening paragraph is about building rule-of-law government (扎实推进法治政府建设…).
    Signal("opening_on_rule_of_law", "开头段落讲推进法治政府建设", RULE_OF_LAW_REPORT, 2.5, "opening", TOPIC),
    # The mandated items, in the words of the rule (item 1 and item 3 are specific to this report).
    Signal(
        "item_measures",
        "有“主要举措和成效”一项",
        RULE_OF_LAW_REPORT,
        3,
        "lines",
        _re(r"(举措|措施|做法|工作)(和|及|与|、)(主要|突出)?(成效|成果)|基本情况和主要成效|主要工作情况(和|及)成效"),
    ),
    Signal(
        "item_leaders",
        "写到履行推进法治建设第一责任人职责",
        RULE_OF_LAW_REPORT,
        3,
        "lines",
        _re(r"法治(政府)?建设第一责任(人)?|第一责任人[^。；\n]{0,12}(法治|依法行政)|党政主要负责人履行推进法治"),
    ),
    Signal(
        "item_shortcomings",
        "有“存在的不足（问题）”一项",
        RULE_OF_LAW_REPORT,
        1.5,
        "headings",
        _re(r"存在(的)?(主要)?(问题|不足|困难|短板)|(问题|不足|困难)(和|及|与)(原因|不足|挑战)"),
        needs_topic=True,
    ),
    Signal(
        "item_next_year",
        "有“下一年度（下一步）安排”一项",
        RULE_OF_LAW_REPORT,
        1.5,
        "headings",
        _re(r"下一?(步|年度?)|下步|明年|来年|(19|20)\d{2}年.{0,16}(打算|安排|计划|思路)$"),
        needs_topic=True,
    ),
    Signal("item_other", "有“其他需要报告的情况”一项", RULE_OF_LAW_REPORT, 2, "headings", _re(r"其他需要报告的情况")),
    # Sections named after the 纲要's tasks (依法全面履行政府职能, 完善依法行政制度体系…): two or more.
    Signal(
        "rule_of_law_sections",
        "按法治政府建设任务分节",
        RULE_OF_LAW_REPORT,
        3,
        "headings",
        _re(
            r"依法全面履行政府职能|依法行政制度体系|行政决策(科学化|制度体系)|严格规范公正文明执法|行政执法工作体系|"
            r"行政权力(的)?制约和监督|化解社会矛盾纠纷|法治思维和依法行政能力|法治政府建设|依法行政"
        ),
        min_hits=2,
    ),
    # --- 办法 / 规定 / 条例: a normative document, cut into articles ------------------------------------------
    Signal(
        "title_names_rules",
        "标题是办法、规定、条例或细则",
        NORMATIVE_DOCUMENT,
        TITLE_WEIGHT,
        "title",
        _re(r"(办法|规定|条例|细则|规则|准则|实施办法|管理办法)$"),
    ),
    # 第一条 … 第二条 …: the body is articles, which no report is written in.
    Signal(
        "articles",
        "正文按“第一条、第二条……”分条",
        NORMATIVE_DOCUMENT,
        6,
        "lines",
        _re(r"^第[一二三四五六七八九十百零]{1,4}条[\s　]"),
        min_hits=3,
    ),
    # --- 工作方案 / 实施方案 / 工作要点 -------------------------------------------------------------------------
    Signal(
        "title_names_plan",
        "标题是方案、要点或计划",
        WORK_PLAN,
        TITLE_WEIGHT,
        "title",
        _re(r"(方案|要点|计划|规划|实施意见|任务清单|责任清单|任务分工)$"),
    ),
    # The plan's own formula closing its preamble: 结合我区实际，制定本方案.
    Signal(
        "plan_formula",
        "开头有“……制定本方案”",
        WORK_PLAN,
        3,
        "opening",
        _re(r"(制定|制订|研究制定)(本|如下)?(工作|实施)?(方案|要点|计划|规划)"),
    ),
    Signal(
        "issuing_notice",
        "是印发方案、要点的通知",
        WORK_PLAN,
        4,
        "opening",
        _re(r"关于印发.{2,60}(方案|要点|计划|规划|意见|办法)[》”]?的通知|(现|特)(将|把).{0,30}印发给你们|现印发给你们"),
    ),
    Signal(
        "plan_sections",
        "有工作目标、任务分工、保障措施等方案章节",
        WORK_PLAN,
        4,
        "headings",
        _re(
            r"指导思想|总体要求|工作目标|主要目标|总体目标|任务分工|职责分工|实施步骤|进度安排|保障措施|工作要求|时间安排|实施范围"
        ),
        min_hits=2,
        distinct=True,
    ),
    Signal(
        "plan_directives",
        "多处“各部门要……”等部署性要求",
        WORK_PLAN,
        3,
        "lines",
        _re(
            r"各(有关)?(部门|单位|镇|街道|乡镇|区|县)(、[^，。\n]{1,12})?(要|应|须|务必)|请(认真|结合实际)?(遵照|贯彻)执行|要切实|务必"
        ),
        min_hits=3,
    ),
    Signal(
        "plan_assignments",
        "列有牵头单位、责任单位或完成时限",
        WORK_PLAN,
        3,
        "lines",
        _re(r"(牵头|责任|配合)单位[:：]|完成时限[:：]|(19|20)\d{2}年\d{1,2}月(底|前)(前)?完成"),
        min_hits=2,
    ),
    # --- 政府工作报告 to a 人民代表大会 ----------------------------------------------------------------------------
    Signal(
        "title_names_gov_work_report",
        "标题是政府工作报告",
        GOV_WORK_REPORT,
        TITLE_WEIGHT,
        "title",
        _re(r"政府工作报告|(管委会|管理委员会)\d{0,4}年?工作报告|政府工作的报告"),
    ),
    Signal("addresses_delegates", "开头称呼“各位代表”", GOV_WORK_REPORT, 5, "opening", _re(r"^各位代表")),
    Signal(
        "delegates_addressed_again",
        "正文多次称呼“各位代表”",
        GOV_WORK_REPORT,
        3,
        "lines",
        _re(r"^各位代表"),
        min_hits=2,
    ),
    Signal(
        "reports_to_congress",
        "向人民代表大会报告、请予审议",
        GOV_WORK_REPORT,
        3,
        "opening",
        _re(r"向(大会|会议)(作|报告)|请予审议|本次大会|提请大会|各位政协委员|人民代表大会第.{1,3}次会议"),
    ),
    Signal(
        "work_review_sections",
        "有“××年工作回顾”等政府工作报告章节",
        GOV_WORK_REPORT,
        2,
        "headings",
        _re(
            r"(19|20)\d{2}年(以来)?(的)?工作回顾|过去(五|一)年(的)?工作回顾|(19|20)\d{2}年(的)?(主要)?工作任务$|关于(19|20)\d{2}年工作"
        ),
    ),
    # A government's whole remit: the economy's figures and targets (a rule-of-law report has none).
    Signal(
        "economic_targets",
        "讲地区生产总值、经济社会发展预期目标",
        GOV_WORK_REPORT,
        2,
        "lines",
        _re(r"(经济社会发展|政府工作)的?(总体要求和)?(主要)?预期目标|地区生产总值"),
    ),
    # --- 政府信息公开工作年度报告 -------------------------------------------------------------------------
    Signal(
        "title_names_disclosure_report",
        "标题是政府信息公开工作年度报告",
        DISCLOSURE_REPORT,
        TITLE_WEIGHT + 1,
        "title",
        _re(r"(政府信息公开|政务公开).{0,10}(年度报告|工作报告|情况报告|报告)"),
    ),
    Signal(
        "disclosure_regulation",
        "开头依据《政府信息公开条例》",
        DISCLOSURE_REPORT,
        3,
        "opening",
        _re(r"政府信息公开条例"),
    ),
    Signal(
        "disclosure_sections",
        "有主动公开、依申请公开等信息公开年报章节",
        DISCLOSURE_REPORT,
        5,
        "headings",
        _re(
            r"主动公开政府信息|收到和处理政府信息公开申请|政府信息公开行政复议|政府信息公开工作存在的主要问题|"
            r"存在的主要问题及改进情况|其他需要报告的事项"
        ),
        min_hits=2,
        distinct=True,
    ),
    Signal(
        "disclosure_tables",
        "有政府信息公开申请统计",
        DISCLOSURE_REPORT,
        3,
        "lines",
        _re(r"本年新收政府信息公开申请|依申请公开|不予公开|法人或其他组织|商业企业|科研机构"),
        min_hits=2,
        distinct=True,
    ),
    # --- 工作总结 (year-end summary of a unit's work in general) ------------------------------------------
    Signal("title_names_summary", "标题是工作总结", WORK_SUMMARY, TITLE_WEIGHT, "title", _re(r"总结$")),
    Signal(
        "summary_formula",
        "开头有“……总结如下”",
        WORK_SUMMARY,
        2.5,
        "opening",
        _re(r"(现将|现对|特将|现把).{0,40}总结如下|总结如下"),
    ),
    Signal(
        "summary_sections",
        "有“工作完成情况”“明年工作计划”等总结章节",
        WORK_SUMMARY,
        2,
        "headings",
        _re(
            r"工作(完成|总结|开展)情况|(19|20)\d{2}年(主要)?工作(完成情况|总结|成效)|(19|20)\d{2}年工作(计划|思路|打算)|"
            r"明年工作(计划|思路|打算)"
        ),
        min_hits=2,
        distinct=True,
    ),
)


VOCABULARY_SIGNAL = "rule_of_law_vocabulary"
SIGNAL_LABELS = {sig.name: sig.label for sig in SIGNALS} | {VOCABULARY_SIGNAL: "法治词汇密集"}
