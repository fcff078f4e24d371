"""The mandated-content schema: the shipped file is complete, a province's broken copy fails clearly."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from assistant.config import CORPUS_DIR, reload_settings
from assistant.errors import ConfigError
from assistant.mandates import expand_years, load_mandates
from assistant.vocabulary import ITEM_IDS


def _shipped() -> dict:
    return yaml.safe_load((CORPUS_DIR / "mandates.yaml").read_text(encoding="utf-8"))


def _write(tmp_path: Path, data: dict | str, name: str = "mandates.yaml") -> Path:
    path = tmp_path / name
    path.write_text(data if isinstance(data, str) else yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def test_shipped_schema_has_the_five_items_with_their_wording() -> None:
    m = load_mandates()
    assert [i.id for i in m.items] == list(ITEM_IDS)
    assert m.item("shortcomings").wording == "上一年度推进法治政府建设存在的不足和原因"
    assert m.item("leaders").wording.startswith("上一年度党政主要负责人履行推进法治建设第一责任人职责")
    assert m.item("other").required is False and m.item("other").weight == 0
    assert all(m.item(i).partial_means for i in ITEM_IDS)
    assert sum(i.weight for i in m.items) + m.score.coverage_points == 100
    assert "MANDATES.md" in m.source and "厅字〔2019〕28号" in m.source


def test_heading_variants_from_the_policy_notes_match_their_item() -> None:
    m = load_mandates()
    variants = {
        "measures": ["主要举措和成效", "主要工作情况", "主要措施及成效", "基本情况和主要成效", "工作开展情况"],
        "shortcomings": ["存在的问题", "存在问题", "存在的不足和原因", "困难和不足", "存在问题及下步打算"],
        "leaders": ["党政主要负责人履行推进法治建设第一责任人职责情况", "履行第一责任人职责"],
        "next_year": [
            "下一年度推进法治政府建设的主要安排",
            "下一步工作计划",
            "下步打算",
            "2020年度工作打算",
            "下一步推进依法行政的工作思路",
            "2020年法治政府建设工作计划",
        ],
        "other": ["其他需要报告的情况"],
    }
    for item_id, headings in variants.items():
        patterns = [re.compile(expand_years(p, 2019)) for p in m.item(item_id).heading_patterns]
        for heading in headings:
            assert any(p.search(heading) for p in patterns), (item_id, heading)


def test_area_sets_follow_the_report_year() -> None:
    m = load_mandates()
    assert len(m.area_set(2019).areas) == 7 and "2015—2020" in m.area_set(2019).name
    assert len(m.area_set(2023).areas) == 9 and "2021—2025" in m.area_set(2023).name
    assert m.area_set(2027).id == "gangyao_2021_2025"  # newer than any 纲要: the newest applies
    assert m.area_set(None).id == "gangyao_2021_2025"
    names = [a.name for a in m.area_set(2022).areas]
    assert names[0] == "健全政府机构职能体系" and names[-1].startswith("加强党的领导")


def test_year_placeholders() -> None:
    assert expand_years("{Y1}年工作打算|{Y}年", 2019) == "2020年工作打算|2019年"
    assert expand_years("{Y1}年", None) == r"\d{4}年"


def test_fazhi_mandates_points_at_a_provincial_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data = _shipped()
    data["name"] = "某省法治政府建设年度报告内容要求"
    data["items"][0]["heading_patterns"].append("亮点工作")
    path = _write(tmp_path, data)
    monkeypatch.setenv("FAZHI_MANDATES", str(path))
    reload_settings()
    m = load_mandates()
    assert m.name == "某省法治政府建设年度报告内容要求"
    assert "亮点工作" in m.item("measures").heading_patterns


@pytest.mark.parametrize(
    ("mutate", "fragment"),
    [
        (lambda d: d["items"].pop(2), "items"),
        (lambda d: d["items"][0]["heading_patterns"].append("(未闭合"), "正则表达式无效"),
        (lambda d: d["items"][1].update(weight=-5), "weight"),
        (lambda d: d["items"][3].pop("wording"), "wording"),
        (lambda d: d.update(subheading_items=["leaders", "unknown_item"]), "unknown_item"),
        (lambda d: d["items"][0].update(heading_pattern=["typo"]), "heading_pattern"),
    ],
)
def test_a_broken_schema_is_a_config_error_naming_the_field(tmp_path: Path, mutate, fragment: str) -> None:
    data = _shipped()
    mutate(data)
    with pytest.raises(ConfigError) as err:
        load_mandates(_write(tmp_path, data))
    assert fragment in str(err.value) and "mandates.yaml" in str(err.value)


def test_unreadable_schema_files(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="找不到"):
        load_mandates(tmp_path / "nope.yaml")
    with pytest.raises(ConfigError, match=r"第 \d+ 行 YAML 格式错误"):
        load_mandates(_write(tmp_path, "items:\n  - id: [unclosed\n", "broken.yaml"))
    with pytest.raises(ConfigError, match="映射"):
        load_mandates(_write(tmp_path, "- just\n- a list\n", "list.yaml"))


@pytest.mark.parametrize(
    ("heading", "items"),
    [
        ("党政主要负责人履行推进法治建设第一责任人职责,加强法治政府建设的有关情况", {"leaders"}),
        ("存在问题及下步打算", {"shortcomings", "next_year"}),
        ("2019年工作回顾和2020年工作打算", {"measures", "next_year"}),
        ("2018年工作计划完成情况", {"measures"}),  # looks back: not next_year in a 2019 report
        ("完善决策目录安排工作", set()),  # a measure, not a plan
        ("打破传统思维,创新矛盾化解新模式", set()),  # thematic: assigned to measures by position
        ("2020年度工作打算。", {"next_year"}),
        ("其他需要报告的情况", {"other"}),
        ("主要成效和存在的问题", {"measures", "shortcomings"}),
    ],
)
def test_heading_classification(heading: str, items: set[str]) -> None:
    from assistant.review.items import ItemMatcher

    assert ItemMatcher(load_mandates(), 2019).heading_items(heading) == items
