"""`fazhi parse`: text and JSON output, and one-line errors with exit code 1 (no traceback)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from assistant.cli import main


def test_parse_json_seed(seeds: dict[str, Path], capsys) -> None:
    rc = main(["parse", str(seeds["002"]), "--json"])
    assert rc == 0
    data = json.loads(capsys.readouterr().out)
    assert set(data) >= {"file", "meta", "outline", "removed_lines"}
    assert set(data["meta"]) >= {
        "title",
        "issuer",
        "level",
        "is_department",
        "year",
        "date",
        "recipients",
        "script",
        "doc_type",
    }
    assert data["meta"]["date"] == "2019-12-16" and data["meta"]["recipients"] == ["汕头市人民政府"]
    first = data["outline"][0]
    assert (first["level"], first["number"], first["line"]) == (1, "一", 14)
    assert first["children"][0]["number"] == "(一)"
    assert {"line", "text", "reason"} <= set(data["removed_lines"][0])


def test_parse_text_output(seeds: dict[str, Path], capsys) -> None:
    rc = main(["parse", str(seeds["000"])])
    out = capsys.readouterr().out
    assert rc == 0
    assert "茂名市茂南区人民政府关于2016年茂南区法治政府建设情况的报告" in out
    assert "法治政府建设年度报告" in out and "繁体" in out
    assert "一、推进依法行政工作的主要措施及成效  （第 7 行）" in out
    assert "垃圾广告 1 行" in out


def test_parse_unknown_values_are_null(tmp_path: Path, capsys) -> None:
    p = tmp_path / "note.txt"
    p.write_text("会议记录\n今天讨论了若干事项。\n", encoding="utf-8")
    assert main(["parse", str(p), "--json"]) == 0
    meta = json.loads(capsys.readouterr().out)["meta"]
    assert meta["year"] is None and meta["issuer"] is None and meta["doc_type"] == "other"


def test_parse_errors_are_one_chinese_line(tmp_path: Path, capsys) -> None:
    binary = tmp_path / "data.txt"
    binary.write_bytes(bytes(range(256)) * 40)
    empty = tmp_path / "empty.md"
    empty.write_bytes(b"")
    doc = tmp_path / "old.doc"
    doc.write_bytes(b"\xd0\xcf\x11\xe0")
    for path, words in [(tmp_path / "missing.txt", "不存在"), (empty, "为空"), (doc, ".docx")]:
        assert main(["parse", str(path)]) == 1
        err = capsys.readouterr().err.strip().splitlines()
        assert len(err) == 1 and err[0].startswith("错误：") and words in err[0]
    proc = subprocess.run(
        [sys.executable, "-m", "assistant.cli", "parse", str(binary)], capture_output=True, text=True, timeout=60
    )
    assert proc.returncode == 1, proc.stderr
    assert "Traceback" not in proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("错误：") and "二进制" in lines[0]


def test_parse_json_gives_type_confidence_and_evidence_lines(capsys) -> None:
    fixture = Path(__file__).resolve().parent / "fixtures" / "review_untitled_2023.txt"
    assert main(["parse", str(fixture), "--json"]) == 0
    meta = json.loads(capsys.readouterr().out)["meta"]
    assert meta["doc_type"] == "rule_of_law_report" and 0.9 <= meta["doc_type_confidence"] <= 1
    assert meta["issuers"] == ["滨江区人民政府"] and meta["level"] == "county" and meta["year"] == 2023
    first = meta["doc_type_evidence"][0]
    assert set(first) >= {"line", "text", "signal"}
    assert (first["line"], first["signal"]) == (1, "opening_formula") and first["text"].startswith("2023年，滨江区")
    assert {e["signal"] for e in meta["doc_type_evidence"]} >= {
        "item_measures",
        "item_leaders",
        "item_shortcomings",
        "item_next_year",
        "item_other",
    }
    assert main(["parse", str(fixture)]) == 0
    out = capsys.readouterr().out
    assert "文档类型：法治政府建设年度报告（置信度" in out and "依据：开头有“现将……情况报告如下”（第 1 行" in out
