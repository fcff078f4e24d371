"""`fazhi demo` (what `make run` calls): the shipped samples go into the store once, and a samples-only
store written by an older fazhi is rebuilt instead of failing the first screen a new user sees."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.app import services
from assistant.cli.demo import ingest_samples, sample_files
from assistant.errors import EmbeddingMismatchError
from assistant.store import Store, load_manifest


def test_samples_ingested_once_then_skipped() -> None:
    services.reset_store()
    first = ingest_samples(progress=False)
    assert first.startswith(f"已导入 {len(sample_files())} 个示例文件")
    store = services.get_store()
    kinds = {Path(s["source"]).name: s.get("kind") for s in store.sources()}
    assert kinds["policy_qinglan_major_decisions.txt"] == "policy" and kinds["qinglan_county_2024.txt"] == "report"
    assert ingest_samples(progress=False).startswith("示例语料已在检索库中")
    assert store.search("重大行政决策合法性审查", k=3)


def test_samples_store_from_an_older_recipe_is_rebuilt_a_user_store_is_not(tmp_path: Path) -> None:
    services.reset_store()
    ingest_samples(progress=False)
    store = services.get_store()
    count = store.count()
    store.collection.modify(metadata={"embed_model": store.embedder.name})  # as written before the recipe
    services.reset_store()
    assert ingest_samples(progress=False).startswith("示例语料已在检索库中")
    rebuilt = services.get_store()
    assert rebuilt.count() == count and rebuilt.collection.metadata["passage_recipe"].startswith("heading+lead")

    own = tmp_path / "甲县2023年法治政府建设年度报告.txt"
    own.write_text(
        "甲县2023年法治政府建设年度报告\n一、主要举措和成效\n全年办理行政复议案件45件，纠错率12.5%。\n",
        encoding="utf-8",
    )
    rebuilt.ingest([own])
    rebuilt.collection.modify(metadata={"embed_model": rebuilt.embedder.name})
    services.reset_store()
    with pytest.raises(EmbeddingMismatchError):  # a user's own corpus: their call, not ours
        ingest_samples(progress=False)
    assert str(own.resolve()) in load_manifest(rebuilt.local_dir)
    with pytest.raises(EmbeddingMismatchError):  # and the store is left as it was, for the user to rebuild
        Store.open()
