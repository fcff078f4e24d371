"""This year's report beside last year's: reuse, follow-through of last year's plans, continuity of figures."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from assistant.cli import main
from assistant.compare import AGREES, DIFFERS, FOLLOWED, compare_reports, reuse
from assistant.documents import load_document, parse_text
from assistant.figures import extract_figures, prior_year_values
from assistant.store import MemoryIndex
from assistant.summarize import run_batch
from bench.plan_eval import load_pairs, score

LAST = """云溪县人民政府关于2023年度法治政府建设情况的报告
一、主要举措和成效
（一）行政复议。全年共收到行政复议申请36件，审结34件。
（二）行政执法。开展执法检查45次，行政诉讼败诉率为5.5%。
二、存在的不足和原因
基层执法力量不足，原因是编制有限。
三、下一年度工作安排
（一）推进府院联动，建立行政争议实质性化解工作机制，联席会议每季度召开一次。
（二）建设全县统一的行政执法监督平台，实现执法案卷网上评查。
（三）开展民法典进社区宣讲活动，覆盖全部村居。
"""
THIS = """云溪县人民政府关于2024年度法治政府建设情况的报告
一、主要举措和成效
（一）行政复议。全年共收到行政复议申请45件，比上年的36件增长25%。
（二）行政执法。开展执法检查52次，比上年增加9次。行政诉讼败诉率3.2%，比上年下降2.3个百分点。
（三）府院联动。与县法院建立行政争议实质性化解工作机制，全年召开联席会议4次，化解行政争议12件。
（四）执法监督。全县统一的行政执法监督平台上线运行，网上评查执法案卷320卷。
二、存在的不足和原因
执法人员专业能力有待提高，原因是培训不足。
三、下一年度工作安排
继续深化行政复议体制改革。
"""


def test_prior_year_values_stated_and_implied() -> None:
    doc = parse_text(THIS)
    priors = {p.label: p for p in prior_year_values(extract_figures(doc), 2024)}
    assert priors["行政复议申请"].value == 36 and priors["行政复议申请"].how == "stated"
    assert priors["执法检查"].value == 43 and priors["执法检查"].how == "implied"  # 52 − 9
    rate = priors["行政诉讼败诉率"]
    assert rate.value == pytest.approx(5.5) and rate.unit == "%"


def test_continuity_against_what_last_year_said() -> None:
    c = compare_reports(parse_text(THIS), parse_text(LAST))
    by = {k.indicator: k for k in c.continuity}
    assert by["行政复议申请"].status == AGREES and by["行政复议申请"].last_value == 36
    assert by["行政诉讼败诉率"].status == AGREES  # 3.2 + 2.3 = 5.5, as last year said
    assert by["执法检查"].status == DIFFERS and by["执法检查"].last_value == 45  # 52 − 9 = 43, last year said 45
    assert "不一致" in by["执法检查"].message


def test_follow_through_on_hand_written_pair_names_evidence_lines() -> None:
    c = compare_reports(parse_text(THIS), parse_text(LAST))
    assert len(c.plans) == 3
    fuyuan, platform, mfd = (next(p for p in c.plans if k in p.plan) for k in ("府院联动", "执法监督平台", "民法典"))
    assert fuyuan.status == FOLLOWED and fuyuan.evidence_line == 5
    assert platform.status == FOLLOWED and platform.evidence_line == 6
    assert mfd.status != FOLLOWED and mfd.evidence_line is None


@pytest.mark.corpus
def test_near_copy_with_the_year_changed_is_reused(seeds, tmp_path: Path) -> None:
    text = seeds["002"].read_text(encoding="utf-8").replace("2020", "2021").replace("2019", "2020")
    copy = tmp_path / "澄海区2020年度.txt"
    copy.write_text(text, encoding="utf-8")
    share, total, found, passages = reuse(load_document(copy), load_document(seeds["002"]))
    assert share >= 0.8 and total > 50 and found == pytest.approx(share * total)
    assert passages and passages[0].chars >= passages[-1].chars and passages[0].last_line is not None


@pytest.mark.corpus
def test_two_units_reports_share_little(seeds, shared_corpus: Path) -> None:
    assert reuse(load_document(seeds["003"]), load_document(seeds["002"]))[0] <= 0.2
    assert reuse(load_document(seeds["004"]), load_document(seeds["003"]))[0] <= 0.2
    gov = shared_corpus / "gov-work-reports"
    futian, longgang = gov / "福田区政府工作报告（2020）_2020.txt", gov / "龙岗区2020年政府工作报告_2020.txt"
    assert reuse(load_document(futian), load_document(longgang))[0] <= 0.2


@pytest.mark.corpus
def test_follow_through_on_consecutive_work_reports(shared_corpus: Path) -> None:
    gov = shared_corpus / "gov-work-reports"
    last, this = (
        load_document(gov / "龙岗区2023年政府工作报告_2023.txt"),
        load_document(gov / "龙岗区2024年政府工作报告_2024.txt"),
    )
    c = compare_reports(this, last)
    for plan_line, words, evidence in ((44, "公交线路", 12), (57, "沙湾河", 12), (35, "跨境电商产业园", 6)):
        plan = next(p for p in c.plans if p.line == plan_line and words in p.plan)
        assert plan.status == FOLLOWED and plan.evidence_line == evidence and plan.evidence
    assert 0 < c.followed < len(c.plans)  # a 政府工作报告's review does not echo every plan


@pytest.mark.corpus
def test_matcher_precision_and_recall_on_hand_labels(shared_corpus: Path) -> None:
    s = score(load_pairs(shared_corpus))
    assert s.items >= 50
    assert s.precision >= 0.65 and s.recall >= 0.7, s


def test_memory_index_is_the_stores_hybrid_search() -> None:
    passages = ["全面推行行政执法公示制度、执法全过程记录制度", "开展民法典宣传月活动", "新建社区公园12个"]
    hits = MemoryIndex(passages).search("推行执法全过程记录", k=3)
    assert hits[0].index == 0 and hits[0].bm25 > 0 and hits[0].overlap > 0
    assert hits[0].fused >= hits[-1].fused and -1 <= hits[-1].cosine <= 1


def test_review_previous_json_markdown_and_usage(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    this, last = tmp_path / "2024.txt", tmp_path / "2023.txt"
    this.write_text(THIS, encoding="utf-8")
    last.write_text(LAST, encoding="utf-8")
    assert main(["review", str(this), "--previous", str(last), "--json"]) == 0
    previous = json.loads(capsys.readouterr().out)["previous"]
    assert set(previous) >= {"file", "reused_share", "reused_passages", "plans", "continuity"}
    assert previous["file"] == str(last)
    assert {"plan", "line", "status", "evidence_line"} <= set(previous["plans"][0])
    assert main(["review", str(this), "--previous", str(last)]) == 0
    md = capsys.readouterr().out
    assert "与上年报告对照" in md and "上年计划的落实情况" in md and "上年数字前后对照" in md
    assert main(["review", str(this), str(last), "--previous", str(last)]) == 2  # one report only


@pytest.mark.corpus
def test_summarize_marks_copying_of_the_year_before(seeds, tmp_path: Path) -> None:
    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "澄海2019.txt").write_bytes(seeds["002"].read_bytes())
    text = seeds["002"].read_text(encoding="utf-8").replace("2020", "2021").replace("2019", "2020")
    (folder / "澄海2020.txt").write_text(text, encoding="utf-8")
    result = run_batch(sorted(folder.iterdir()), tmp_path / "work.jsonl", workers=1)
    later = next(r for r in result.rows if r.file.endswith("澄海2020.txt"))
    assert later.previous_reused_share is not None and later.previous_reused_share >= 0.8
    assert later.previous_file and later.previous_file.endswith("澄海2019.txt")
    first = next(r for r in result.rows if r.file.endswith("澄海2019.txt"))
    assert first.previous_reused_share is None
