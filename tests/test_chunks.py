"""Chunking follows the outline, splits only at sentence ends, and keeps what a citation needs."""

from __future__ import annotations

import re

import pytest

from assistant.documents import load_document, parse_text
from assistant.store import EMBED_LEAD_CHARS, TARGET_CHARS, chunk_document, chunk_index_text, embed_text
from assistant.store.chunks import lead

SENTENCE_END = re.compile(r"[。！？!?][”’」』)）]*$")

LONG_SECTION = "\n".join(
    [
        "某某县人民政府关于2021年度法治政府建设情况的报告",
        "一、主要举措和成效",
        "（一）推进严格规范公正文明执法",
        *[
            f"全县第{i}片区执法工作扎实推进。全县开展行政执法检查{100 + i}次，办理行政处罚案件{20 + i}件，"
            f"罚没款{i}.5万元，案卷评查合格率达到9{i % 10}.5%，执法全过程记录覆盖全部执法岗位。"
            for i in range(1, 16)
        ],
        "（二）加强行政复议工作",
        "全年共收到行政复议申请21件，受理18件，审结16件，纠错率为12.5%。",
        "二、存在的不足和原因",
        "执法人员专业素质有待提高，主要原因是培训不够系统。",
    ]
)


def test_seed_chunks_follow_outline(seeds: dict) -> None:
    doc = load_document(seeds["002"])
    chunks = chunk_document(doc)
    paths = [c.heading_path for c in chunks]
    assert ["二、推进法治政府建设存在的不足和原因", "（一）依法行政理念有待深化"] in paths
    assert any(p[:1] == ["四、下一年度推进法治政府建设的主要安排"] for p in paths)
    for c in chunks:
        # no chunk is a bare heading, and no chunk is far over the target unless it is one sentence
        assert len(c.text) > 30, c.text
        assert len(c.text) <= TARGET_CHARS * 1.3 or len(SENTENCE_END.findall(c.text)) <= 1 or "\n" not in c.text
        assert c.meta["year"] == 2019 and c.meta["level"] == "county"
        assert c.meta["doc_type"] == "rule_of_law_report" and c.meta["kind"] == "report"
        assert c.meta["issuer"] == "汕头市澄海区人民政府"
        assert doc.original[c.span[0] : c.span[1]].startswith(c.meta["quote"][:10])
        assert all(line in doc.original for line in c.meta["quote"].split("\n"))
        assert re.sub(r"\s", "", c.meta["quote"])[:20] == re.sub(r"\s", "", c.text)[:20]
    assert len({c.id for c in chunks}) == len(chunks)
    assert [c.id for c in chunk_document(load_document(seeds["002"]))] == [c.id for c in chunks]


def test_long_section_split_at_sentence_ends_and_figures_kept() -> None:
    doc = parse_text(LONG_SECTION, path="县报告.txt")
    chunks = chunk_document(doc)
    execution = [c for c in chunks if c.heading_path[-1:] == ["（一）推进严格规范公正文明执法"]]
    assert len(execution) >= 2, [len(c.text) for c in chunks]
    for c in execution:
        assert SENTENCE_END.search(c.text), c.text[-20:]
        assert len(c.text) <= TARGET_CHARS * 1.3
    joined = "".join(c.text.replace("\n", "") for c in execution)
    section = "".join(
        ln.text for ln in doc.lines if 2 <= ln.no <= 18
    )  # the bare parent heading joins its first subsection
    assert joined == section  # nothing lost, nothing duplicated, order kept
    review = next(c for c in chunks if c.heading_path[-1:] == ["（二）加强行政复议工作"])
    values = {f["value"] for f in review.figures}
    assert {21, 18, 16} <= values
    assert all(f["text"] in review.text for f in review.figures)
    assert review.meta["line_start"] == 19 and "纠错率为12.5%" in review.meta["quote"]


def test_run_on_sentence_cut_at_clauses_not_inside_figures() -> None:
    parts = [f"第{i}批次办理事项{i * 37}件，办结率{90 + i % 10}.{i % 10}%" for i in range(1, 60)]
    doc = parse_text("一、政务服务\n" + "，".join(parts) + "。", path="run-on.txt")
    chunks = chunk_document(doc)
    assert len(chunks) >= 2
    for c in chunks:
        assert len(c.text) <= 1000
        assert not re.match(r"^[\d.%件]", c.text.split("\n")[-1]), c.text[:20]  # no chunk starts mid-figure
    body = "".join(c.text.replace("一、政务服务\n", "") for c in chunks)
    for p in parts:
        assert p in body


def test_traditional_document_chunks_are_simplified_but_quote_original(seeds: dict) -> None:
    doc = load_document(seeds["000"])
    chunks = chunk_document(doc, kind="policy")
    c = next(c for c in chunks if "问责25人次" in c.text)
    assert "問責25人次" in c.meta["quote"]
    assert c.meta["kind"] == "policy" and c.meta["script"] == "traditional"
    assert {"9宗", "25人次"} <= {f["text"] for f in c.figures}
    assert all("導航" not in ch.text and "首页" not in ch.text for ch in chunks)
    index = chunk_index_text(c)
    assert index.startswith(doc.meta.title) and " > ".join(c.heading_path) in index


def test_dense_vector_sees_heading_and_lead_bm25_sees_everything() -> None:
    body = (
        "全面推行行政执法公示制度、执法全过程记录制度和重大执法决定法制审核制度。"
        "全年公示行政执法信息1,236条，配备执法记录仪85台，法制审核重大执法决定47件。"
        "开展行政执法案卷评查，抽查案卷120宗，评查优秀率达到92.5%，发现问题18个并全部整改。"
        "组织执法人员培训6期，参训人员460人次，考试合格率98.3%。"
    )
    doc = parse_text(
        f"甲县2023年法治政府建设年度报告\n一、主要举措和成效\n（二）严格规范公正文明执法\n{body}\n",
        "甲县2023年法治政府建设年度报告.txt",
    )
    c = next(c for c in chunk_document(doc) if "执法人员培训" in c.text)
    dense, full = embed_text(c), chunk_index_text(c)
    assert "（二）严格规范公正文明执法" in dense and "全面推行行政执法公示制度" in dense
    assert "考试合格率98.3%" in full and "考试合格率98.3%" not in dense
    assert full.startswith("甲县2023年法治政府建设年度报告") and "甲县" not in dense  # the title is BM25's
    lead_part = dense.split("\n", 1)[1]
    assert len(lead_part) <= EMBED_LEAD_CHARS and lead_part.endswith("。")  # ends at a sentence end
    assert lead("短句。") == "短句。"
    no_stop = "综合执法" * 60
    assert lead(no_stop) == no_stop[:EMBED_LEAD_CHARS]


@pytest.mark.parametrize("text", ["只有一句话，没有标题。", "一、标题\n正文一句。\n二、另一个标题\n第二句正文。"])
def test_small_documents(text: str) -> None:
    chunks = chunk_document(parse_text(text))
    assert chunks and all(c.text for c in chunks)
    assert "".join(c.text for c in chunks).replace("\n", "") == parse_text(text).text.replace("\n", "")
