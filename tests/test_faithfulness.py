"""The faithfulness check on real-looking Chinese text: statuses, precision, units, labels, derivations,
sources from facts files and documents, bad input, and a small run of the checker benchmark."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from assistant.cli import main
from assistant.errors import FactsError, FazhiError
from assistant.faithfulness import SourceFigure, check_text, label_similarity, result_to_json, source_figures

CASES = Path(__file__).resolve().parent.parent / "eval" / "cases"


def src(value: float, unit: str, label: str, precision: float = 0.5, approx: str | None = None) -> SourceFigure:
    return SourceFigure(
        value=value,
        unit=unit,
        label=label,
        text=f"{label}{value:g}{unit}",
        source=f"facts.yaml#{label}",
        precision=precision,
        approx=approx,
    )


REVIEW = [
    src(21, "件", "收到行政复议申请"),
    src(6, "件", "不予受理"),
    src(4, "件", "在办"),
    src(11, "件", "审结"),
    src(7, "件", "维持"),
    src(2, "件", "撤销"),
    src(1085, "宗", "调解各类案件"),
    src(1076, "宗", "调解成功"),
    src(12000, "元", "罚没款"),
    src(99.2, "%", "调解成功率", 0.05),
    src(100, "%", "负责人出庭应诉率"),
    src(23, "件", "审查规范性文件"),
]


def statuses(text: str, sources: list[SourceFigure] = REVIEW) -> list[tuple[str, str]]:
    return [(m.text, m.status) for m in check_text(text, sources).mentions if m.status != "ignored"]


def test_same_value_at_the_written_precision_is_supported() -> None:
    got = statuses("全年共收到行政复议申请二十一件，罚没款1.2万元，调解成功率99%。")
    assert got == [("二十一件", "supported"), ("1.2万元", "supported"), ("99%", "supported")]


def test_more_digits_than_the_source_is_not_supported() -> None:
    # 99.24% claims a precision the source (99.2%) does not have; 98% is simply another value.
    assert statuses("调解成功率99.24%。") == [("99.24%", "unsupported")]
    assert statuses("调解成功率98%。") == [("98%", "unsupported")]


def test_value_under_another_label_is_misattributed() -> None:
    result = check_text("经复议，撤销7件，维持2件。", REVIEW)
    bad = [m for m in result.mentions if m.status == "misattributed"]
    assert [(m.text, m.label) for m in bad] == [("7件", "撤销"), ("2件", "维持")]
    assert "维持" in bad[0].reason and bad[0].source == "facts.yaml#维持"


def test_domain_synonyms_keep_the_label_compatible() -> None:
    assert statuses("共受理行政复议申请21件，已办结11件。") == [("21件", "supported"), ("11件", "supported")]
    assert label_similarity("审结", "办结") == 1.0
    assert label_similarity("不予受理", "受理") == 0.0


def test_different_indicator_sharing_a_unit_is_not_supported() -> None:
    # 负责人出庭应诉率 and 出庭应诉率 are different indicators (MANDATES.md traps).
    assert statuses("行政机关出庭应诉率100%。") == [("100%", "misattributed")]
    assert statuses("行政机关负责人出庭应诉率100%。") == [("100%", "supported")]


def test_unit_change_is_unsupported() -> None:
    assert statuses("收到行政复议申请21人。") == [("21人", "unsupported")]
    assert statuses("调解各类案件1085件。") == [("1085件", "supported")]  # 宗 ≈ 件


def test_sums_and_rates_the_text_states_are_derived_ok() -> None:
    sources = [src(9, "件", "维持"), src(4, "件", "驳回"), src(18, "宗", "排查矛盾纠纷"), src(17, "宗", "化解")]
    got = statuses("审结案件共13件，其中维持9件，驳回4件。", sources)
    assert got == [("13件", "derived_ok"), ("9件", "supported"), ("4件", "supported")]
    got = statuses("排查矛盾纠纷18宗，化解17宗，化解率94.4%。", sources)
    assert got[-1] == ("94.4%", "derived_ok")
    # The seed-000 error: 17/18 = 94.4%, not 95% — no derivation rescues it.
    assert statuses("排查矛盾纠纷18宗，化解17宗，化解率95%。", sources)[-1] == ("95%", "unsupported")


def test_approximate_figures() -> None:
    sources = [src(23, "期", "举办法治培训班"), src(6000, "份", "发放宣传资料", approx="more")]
    assert statuses("举办法治培训班20余期。", sources) == [("20余期", "supported")]
    assert statuses("举办法治培训班30余期。", sources) == [("30余期", "unsupported")]
    assert statuses("发放宣传资料6000余份。", sources) == [("6000余份", "supported")]


def test_approximate_magnitudes_without_digits() -> None:
    # 近千 is a little under 1000, 逾万 a little over 10000, 数十 some tens: a rounding the writer may make
    def check(text: str, value: float, unit: str, label: str) -> str:
        return statuses(text, [src(value, unit, label)])[0][1]

    assert check("全年办理信访事项近千件。", 986, "件", "办理信访事项") == "supported"
    assert check("全年办理信访事项近千件。", 1350, "件", "办理信访事项") == "unsupported"
    assert check("全年办理信访事项近千件。", 600, "件", "办理信访事项") == "unsupported"
    assert check("全年受理案件逾万件。", 10240, "件", "受理案件") == "supported"
    assert check("全年受理案件逾万件。", 9800, "件", "受理案件") == "unsupported"
    assert check("走访辖区企业数十家。", 35, "家", "走访辖区企业") == "supported"
    assert check("走访辖区企业数十家。", 12, "家", "走访辖区企业") == "unsupported"
    assert check("发放宣传资料数千份。", 4600, "份", "发放宣传资料") == "supported"
    assert check("普法直播观看近两万人次。", 19500, "人次", "普法直播观看") == "supported"
    assert check("普法直播观看近两万人次。", 21000, "人次", "普法直播观看") == "unsupported"
    assert check("投入法治建设资金上千万元。", 1250, "万元", "投入法治建设资金") == "supported"


def test_years_dates_and_list_numbers_are_ignored_not_claims() -> None:
    result = check_text("一、2023年3月15日，召开会议。\n（二）第3条规定，一是加强学习。", REVIEW)
    assert result.mentions and all(m.status == "ignored" for m in result.mentions)
    assert result.counts["ignored"] >= 3 and result.precision is None


def test_text_without_figures_and_json_shape() -> None:
    result = check_text("我县坚持依法行政，法治政府建设取得新成效。", REVIEW)
    assert result.mentions == [] and result.precision is None
    out = result_to_json(check_text("收到行政复议申请21件，撤销7件。", REVIEW))
    assert set(out) == {"mentions", "counts", "precision"}
    assert set(out["counts"]) == {"supported", "misattributed", "unsupported", "derived_ok", "ignored"}
    assert {"text", "line", "value", "unit", "label", "status", "source", "source_text"} <= set(out["mentions"][0])
    assert out["precision"] == 0.5


def test_sources_from_a_facts_file_include_point_texts() -> None:
    sources = source_figures(CASES / "02_town_numerals" / "facts.yaml")
    named = [s for s in sources if "#" in s.source]
    assert {s.label for s in named} >= {"调处矛盾纠纷", "调解成功率"}
    from_points = {(s.value, s.unit) for s in sources if "要点" in s.source}
    assert (12, "期") in from_points and (4, "次") in from_points
    result = check_text("开展镇村干部法治培训十二期，镇党委会议专题研究法治政府建设工作四次。", sources)
    assert [m.status for m in result.mentions if m.status != "ignored"] == ["supported", "supported"]


def test_sources_from_a_document_check_its_own_sentences(seeds: dict[str, Path]) -> None:
    sources = source_figures(seeds["002"])
    assert len(sources) > 50
    text = "全年受理行政复议案件19宗、行政诉讼案件7宗。"
    sentence = next(s.text for s in sources if "压缩至3205个工作日" in s.text)
    result = check_text(sentence, sources)
    claims = [m for m in result.mentions if m.status != "ignored"]
    assert claims and all(m.status in ("supported", "derived_ok") for m in claims)
    assert check_text(text.replace("19宗", "91宗"), sources).counts["unsupported"] >= 1


def test_traditional_seed_sentence_is_supported_after_normalisation(seeds: dict[str, Path]) -> None:
    sources = source_figures(seeds["000"])
    result = check_text("調解各類案件1085宗,調解成功1076宗,調解成功率99%。", sources)
    assert [m.status for m in result.mentions if m.status != "ignored"] == ["supported"] * 3


def test_facts_file_with_a_type_error_names_field_and_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    good = (CASES / "16_town_mediation" / "facts.yaml").read_text(encoding="utf-8")
    bad.write_text(good.replace("value: 1085", "value: 一千零八十五"), encoding="utf-8")
    with pytest.raises(FactsError) as err:
        source_figures(bad)
    assert "第" in str(err.value) and "行" in str(err.value) and "数值" in str(err.value)


def test_cli_check_reports_and_exits_cleanly(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    facts = CASES / "16_town_mediation" / "facts.yaml"
    draft = tmp_path / "draft.md"
    draft.write_text(
        "全镇调解各类矛盾纠纷一千零八十五宗，调解成功1076宗，调解成功率99%。\n"
        "受理信访事项72件，按期办结73件。新建调解室5个。\n",
        encoding="utf-8",
    )
    assert main(["check", str(draft), "--source", str(facts), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["counts"]["supported"] == 3 and out["counts"]["misattributed"] == 2
    assert out["counts"]["unsupported"] == 1 and out["precision"] == 0.5
    assert main(["check", str(draft), "--source", str(facts)]) == 0
    assert "张冠李戴" in capsys.readouterr().out
    empty = tmp_path / "empty.md"
    empty.write_text("2023年，我镇坚持依法行政。\n", encoding="utf-8")
    assert main(["check", str(empty), "--source", str(facts)]) == 0
    assert "没有需要核对的数据" in capsys.readouterr().out
    binary = tmp_path / "bin.txt"
    binary.write_bytes(b"\x00\x01\x02\xff\xfe\x00binary")
    assert main(["check", str(draft), "--source", str(binary)]) == 1
    assert main(["check", str(draft), "--source", str(tmp_path / "missing.yaml")]) == 1
    assert main(["check", str(draft)]) == 1
    err = capsys.readouterr().err
    assert "bin.txt" in err and "missing.yaml" in err and "--source" in err and "Traceback" not in err


def test_checker_catches_generated_false_claims_on_seeds(seeds: dict[str, Path]) -> None:
    """A small run of bench/bench_checker.py: real sentences, their true, false and swapped versions."""
    from assistant.documents import load_document
    from assistant.figures import compatible_units, extract_figures
    from bench.claims import falsifications, rephrasings, replace_in_sentence, swap_numbers

    rng = random.Random(3)
    true_n = true_flags = false_n = caught = 0
    for key in ("000", "002", "004"):
        doc = load_document(seeds[key])
        sources = source_figures(doc)
        groups: dict[int, list] = {}
        for f in extract_figures(doc):
            groups.setdefault(f.sentence_start, []).append(f)
        for group in list(groups.values())[:40]:
            sentence = group[0].sentence.strip()
            flagged = lambda t, sources=sources: any(
                m.status in ("unsupported", "misattributed") for m in check_text(t, sources).mentions
            )
            true_n += 1
            if flagged(sentence):
                true_flags += 1
                continue
            f = group[0]
            for _how, new in rephrasings(f)[:1]:
                text = replace_in_sentence(sentence, f, new_number=new)
                if text:
                    true_n += 1
                    true_flags += flagged(text)
            for how, new in falsifications(f, rng):
                text = replace_in_sentence(sentence, f, **({"new_unit": new} if how == "unit" else {"new_number": new}))
                if text:
                    false_n += 1
                    caught += flagged(text)
            pair = [
                (a, b)
                for a in group
                for b in group
                if a is not b
                and a.value != b.value
                and compatible_units(a.unit, b.unit)
                and a.label
                and b.label
                and label_similarity(a.label, b.label) < 0.999
            ]
            if pair and (text := swap_numbers(sentence, *pair[0])):
                false_n += 1
                caught += flagged(text)
    assert true_n > 60 and false_n > 100
    assert caught / false_n >= 0.95, (caught, false_n)
    assert true_flags / true_n <= 0.02, (true_flags, true_n)


def test_source_that_is_not_a_path_or_facts_is_a_clear_error() -> None:
    with pytest.raises(FazhiError, match="无法作为数据来源"):
        source_figures([42])
