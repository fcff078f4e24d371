"""Batch summaries: indicators, the extractive summary rule, duplicates, the resumable parallel runner,
and the seeds' rows against labels.yaml."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from assistant.figures import Figure
from assistant.summarize import (
    SUMMARY_MAX,
    collect_paths,
    extractive_summary,
    find_indicators,
    load_work_file,
    run_batch,
    sketch_similarity,
    summarise_file,
    text_fingerprint,
    work_file_for,
)

REPO = Path(__file__).resolve().parent.parent

REPORT = """某某区人民政府关于2019年度法治政府建设情况的报告

市人民政府：
  2019年，我区深入学习贯彻习近平法治思想，全面推进依法行政，法治政府建设取得新成效。现将有关情况报告如下。
  一、推进法治政府建设的主要举措和成效
  （一）加强行政复议和应诉工作。全年共收到行政复议申请21件，不予受理6件，在办4件，审结11件，纠错率为18.2%。行政诉讼案件8宗，行政机关负责人出庭应诉2宗，区政府的出庭应诉率100%。
  （二）规范行政执法。全年开展执法检查356次，作出行政处罚决定129件，罚没款45.6万元。
  （三）化解矛盾纠纷。调解各类案件1085宗，调解成功1076宗，调解成功率99%。审查规范性文件12件，全部按时报送备案。区政府法律顾问出具法律意见书86份。
  二、存在的不足和原因
  一是部分执法人员法治意识有待提高，主要原因是培训不够系统。二是基层法治力量薄弱。
  三、2020年主要安排
  我区将继续加强法治政府建设，全面完成年度目标任务。
"""


def _extract(text: str) -> list:
    from assistant.figures import extract_figures_text

    return extract_figures_text(text)


def test_indicators_come_from_figure_labels_and_skip_traps():
    found = find_indicators(_extract(REPORT))
    values = {key: ind.value for key, ind in found.items()}
    assert values["review_received"] == 21
    assert values["review_closed"] == 11
    assert values["review_correction_rate"] == pytest.approx(18.2)
    assert values["litigation_cases"] == 8
    assert values["leader_appearance_count"] == 2
    # 出庭应诉率 (any representative) is not the 负责人出庭应诉率 — a known trap.
    assert "leader_appearance_rate" not in found
    assert values["enforcement_inspections"] == 356
    assert values["enforcement_penalties"] == 129  # not the 45.6万元 fine total
    assert values["mediation_count"] == 1085
    assert values["mediation_success_rate"] == 99
    assert values["normative_review"] == 12
    assert values["counsel_opinions"] == 86
    assert found["review_received"].line == 6
    assert "行政复议申请21件" in found["review_received"].sentence


def test_indicators_unit_matching_on_labelled_figures():
    """Unit test over the figure shape only: label beats clause, money is never a case count."""
    sentence = "共查处违法案件40起，其中行政处罚案件32件，罚款120万元。"

    def fig(
        value: float,
        unit: str,
        label: str,
        kind: str,
        text: str,
        parent: str | None = None,
        section: list[str] | None = None,
    ) -> Figure:
        start = sentence.index(text)
        return Figure(
            value=value,
            unit=unit,
            label=label,
            parent=parent,
            approx=None,
            kind=kind,
            text=text,
            sentence=sentence,
            line=3,
            start=start,
            end=start + len(text),
            section=section or [],
            precision=0.5,
        )

    figs = [
        fig(40, "起", "查处违法案件", "count", "40起", section=["二、严格规范公正文明执法"]),
        fig(32, "件", "行政处罚案件", "count", "32件", parent="查处违法案件"),
        fig(120, "万元", "罚款", "money", "120万元"),
    ]
    found = find_indicators(figs)
    assert found["enforcement_penalties"].value == 32
    assert found["enforcement_penalties"].candidates == 1


def test_extractive_summary_follows_the_rule():
    from assistant.documents import parse_text

    doc = parse_text(REPORT)
    figures = _extract(REPORT)
    summary = extractive_summary(doc, figures, find_indicators(figures))
    assert 0 < len(summary) <= SUMMARY_MAX
    # Rule 2: the opening statement is always first.
    assert summary.startswith("2019年，我区深入学习贯彻习近平法治思想")
    # Rule 3: sentences with key indicators rank high.
    assert "调解各类案件1085宗" in summary
    # Only the report's own sentences, in document order.
    body = doc.text
    positions = [body.find(s + "。") for s in summary.rstrip("。").split("。")]
    assert all(p >= 0 for p in positions) and positions == sorted(positions)
    # Headings are not sentences of the summary.
    assert "推进法治政府建设的主要举措和成效" not in summary


def test_traditional_copy_has_the_same_fingerprint():
    from assistant.documents import parse_text, to_simplified

    simplified = parse_text(REPORT)
    import opencc

    traditional = parse_text(opencc.OpenCC("s2t").convert(REPORT))
    assert traditional.text != REPORT
    a, sketch_a = text_fingerprint(simplified.text)
    b, sketch_b = text_fingerprint(traditional.text)
    assert a == b or sketch_similarity(sketch_a, sketch_b) >= 0.8
    other = parse_text(REPORT.replace("1085宗", "985宗").replace("356次", "120次").replace("我区", "本县"))
    assert sketch_similarity(sketch_a, text_fingerprint(other.text)[1]) < 1.0
    assert to_simplified("行政復議") == "行政复议"


def test_bad_files_become_rows_with_reasons(tmp_path: Path):
    binary = tmp_path / "扫描件.txt"
    binary.write_bytes(bytes(range(256)) * 40)
    empty = tmp_path / "空白.txt"
    empty.write_text("   \n\n", encoding="utf-8")
    missing = tmp_path / "不存在.txt"
    for path in (binary, empty, missing):
        row = summarise_file(path)
        assert not row.ok and row.error, path
        assert "Traceback" not in row.error


def _batch_dir(tmp_path: Path, seeds: dict[str, Path]) -> Path:
    import opencc

    folder = tmp_path / "reports"
    folder.mkdir()
    for path in seeds.values():
        (folder / path.name).write_bytes(path.read_bytes())
    (folder / "002_copy.txt").write_bytes(seeds["002"].read_bytes())
    (folder / "003_繁体.txt").write_text(
        opencc.OpenCC("s2t").convert(seeds["003"].read_text(encoding="utf-8")), encoding="utf-8"
    )
    reposted = seeds["004"].read_text(encoding="utf-8").replace("2019年", "2019 年", 3)
    (folder / "004_转载.txt").write_text(
        "首页 > 信息公开 > 法治政府建设\n" + reposted + "\n（来源：区司法局）\n", encoding="utf-8"
    )
    (folder / "损坏.docx").write_bytes(b"PK\x03\x04 this is not a real docx")
    (folder / ".hidden.txt").write_text("不应被读取", encoding="utf-8")
    return folder


def test_parallel_batch_resume_duplicates_and_failures(tmp_path: Path, seeds: dict[str, Path]):
    folder = _batch_dir(tmp_path, seeds)
    paths = collect_paths([folder])
    assert len(paths) == 9 and not any(p.name.startswith(".") for p in paths)
    work = work_file_for(tmp_path / "out" / "汇总.xlsx")
    result = run_batch(paths, work, workers=2)
    by_name = {Path(r.file).name: r for r in result.rows}
    assert [Path(r.file).name for r in result.rows] == [p.name for p in paths]  # input order kept
    assert not by_name["损坏.docx"].ok and by_name["损坏.docx"].error
    assert by_name["002_copy.txt"].duplicate_of.endswith("002_7e777067e0a0c45b.txt")
    assert by_name["003_繁体.txt"].duplicate_of.endswith("003_4d98d653225a55b9.txt")
    near = by_name["004_转载.txt"]
    assert near.duplicate_of.endswith("004_bbb8c3f816e380e8.txt") and 0.8 <= near.duplicate_similarity <= 1.0
    assert not by_name["002_7e777067e0a0c45b.txt"].duplicate_of
    assert not any(by_name[p.name].duplicate_of for p in seeds.values())
    assert sum(1 for r in result.rows if r.duplicate_of) == 3
    assert result.aggregate["totals"]["duplicates"] == 3
    lines = work.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 9
    # Resume: nothing left to do, the same rows come back.
    again = run_batch(paths, work, workers=2, resume=True)
    assert again.reused == 9 and again.processed == 0
    assert [r.summary for r in again.rows] == [r.summary for r in result.rows]
    # A run killed after three reports, with a torn last line: resume does only the rest.
    work.write_text("\n".join(lines[:3]) + "\n" + lines[3][:40], encoding="utf-8")
    assert len(load_work_file(work)) == 3
    kept = load_work_file(work)
    expected_reused = sum(1 for r in result.rows if r.sha256 in kept)
    partial = run_batch(paths, work, workers=1, resume=True)
    assert partial.reused == expected_reused >= 3 and partial.processed == 9 - expected_reused
    assert len(load_work_file(work)) == len({r.sha256 for r in result.rows})  # 002 and its copy share a key


def test_ctrl_c_loses_nothing_and_resume_finishes(tmp_path: Path, seeds: dict[str, Path]):
    folder = tmp_path / "many"
    folder.mkdir()
    base = [p.read_text(encoding="utf-8") for p in seeds.values()]
    for i in range(40):
        (folder / f"{i:02d}.txt").write_text(base[i % len(base)] + f"\n（第{i}份报送材料）\n", encoding="utf-8")
    out = tmp_path / "汇总.json"
    work = work_file_for(out)
    cmd = [sys.executable, "-m", "assistant.cli", "summarize", str(folder), "--out", str(out), "--workers", "2"]
    env = dict(os.environ, PYTHONPATH=str(REPO))
    proc = subprocess.Popen(cmd, cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.time() + 60
    while time.time() < deadline and (not work.exists() or len(work.read_text(encoding="utf-8").splitlines()) < 3):
        time.sleep(0.05)
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=60)
    done = len(load_work_file(work))
    if proc.returncode == 0:
        pytest.skip("批处理在中断前已完成，机器太快")
    assert proc.returncode == 130, err
    assert "--resume" in err and 3 <= done < 40
    assert not out.exists()
    resumed = subprocess.run(cmd + ["--resume"], cwd=REPO, env=env, capture_output=True, text=True, timeout=120)
    assert resumed.returncode == 0, resumed.stderr
    assert f"已有 {done} 份" in resumed.stderr
    data = json.loads(out.read_text(encoding="utf-8"))
    assert len(data["reports"]) == 40 and all(r["ok"] for r in data["reports"])


def test_seed_rows_match_labels(seeds: dict[str, Path], labels: dict, tmp_path: Path):
    result = run_batch(list(seeds.values()), tmp_path / "seeds.work.jsonl", workers=1)
    rows = {Path(r.file).name: r for r in result.rows}
    for key, label in labels.items():
        if not key.startswith("seeds/"):
            continue
        row = rows[Path(key).name]
        assert row.ok, row.error
        assert row.doc_type == label["doc_type"], key
        assert row.is_report == (label["doc_type"] == "rule_of_law_report"), key
        for field in ("title", "issuer", "level", "year", "script"):
            assert getattr(row, field) == label[field], (key, field)
        for item, verdict in (label.get("mandated") or {}).items():
            assert row.items[item].status == verdict["status"], (key, item)
            if verdict.get("line"):
                assert row.items[item].line == verdict["line"], (key, item)
        expected_issues = label.get("figure_issues")
        if expected_issues is not None:
            assert row.figure_problem_count == len(expected_issues), key
        assert row.summary and len(row.summary) <= SUMMARY_MAX
    seed0 = rows[seeds["000"].name]
    assert seed0.worst_problem and ("87" in seed0.worst_problem or "75" in seed0.worst_problem)
    assert not rows[seeds["001"].name].is_report and rows[seeds["001"].name].not_report_reason


def test_llm_summary_figures_are_checked_against_the_report(fake_llm, seeds: dict[str, Path]):
    fake_llm.queue("2016年茂南区共收到行政复议申请21件，调解各类案件1085宗，行政诉讼案件30宗。")
    row = summarise_file(seeds["000"], llm=True)
    assert row.ok and row.llm_summary.startswith("2016年茂南区")
    prompt = fake_llm.last_messages()[0]["content"]
    assert "茂名市茂南区人民政府" in prompt and "行政复议·收案：21件" in prompt
    # 30宗 is in no sentence of the report: flagged; 21件 and 1085宗 are supported.
    assert any("30宗" in flag for flag in row.llm_flags), row.llm_flags
    assert not any("21件" in flag or "1085宗" in flag for flag in row.llm_flags)


def test_llm_failure_is_recorded_on_the_row(fake_llm, seeds: dict[str, Path]):
    fake_llm.queue({"status": 500})
    row = summarise_file(seeds["004"], llm=True)
    assert row.ok and row.llm_summary is None and "500" in row.llm_error


@pytest.mark.slow
def test_llm_summary_with_a_real_llama_server(llama_backend, monkeypatch, seeds: dict[str, Path], tmp_path: Path):
    from assistant.config import reload_settings

    monkeypatch.setenv("FAZHI_LLM_CONTEXT", "1400")
    reload_settings()
    result = run_batch([seeds["004"]], tmp_path / "llm.work.jsonl", workers=1, llm=True)
    row = result.rows[0]
    assert row.ok and row.llm_error is None, row.llm_error
    assert row.llm_summary and isinstance(row.llm_flags, list)
    # The 270M base model invents figures; whatever it wrote is checked, never passed silently.
    from assistant.figures import extract_figures_text

    if any(f.kind != "other" for f in extract_figures_text(row.llm_summary)):
        assert row.llm_flags or row.llm_summary


def _crash_on_001(path, llm=False):
    if Path(path).name.startswith("001"):
        os._exit(1)
    return summarise_file(path, llm=llm)


def test_a_crashing_worker_is_one_failed_row_not_the_end(tmp_path: Path, seeds: dict[str, Path], monkeypatch):
    """Unit test of the runner: a worker process that dies (as a parser crash or an OOM kill would)."""
    import assistant.summarize.batch as batch

    monkeypatch.setattr(batch, "summarise_file", _crash_on_001)
    paths = list(seeds.values())
    result = run_batch(paths, tmp_path / "crash.work.jsonl", workers=2)
    assert len(result.rows) == 5
    crashed = [r for r in result.rows if not r.ok]
    # Reports that were in flight in the same pool are re-run alone: only the culprit fails.
    assert [Path(r.file).name[:3] for r in crashed] == ["001"]
    assert "异常退出" in crashed[0].error
    # Crashed rows are not stored, so --resume tries them again.
    assert all(row.get("ok") for row in load_work_file(tmp_path / "crash.work.jsonl").values())


def test_cli_llm_summaries_in_parallel_workers(fake_llm, seeds: dict[str, Path], tmp_path: Path):
    from assistant.cli import main

    out = tmp_path / "llm.json"
    rc = main(["summarize", str(seeds["002"]), str(seeds["004"]), "--out", str(out), "--workers", "2", "--llm"])
    assert rc == 0
    rows = json.loads(out.read_text(encoding="utf-8"))["reports"]
    assert [r["llm_summary"] for r in rows] == ["这是模拟模型的回答。"] * 2
    assert all(r["llm_flags"] == [] and r["llm_error"] is None for r in rows)
    assert len(fake_llm.requests) == 2
    # Without --llm the rows of the same files are separate work (keyed by hash + llm).
    assert main(["summarize", str(seeds["002"]), "--out", str(out), "--resume"]) == 0
    assert json.loads(out.read_text(encoding="utf-8"))["reports"][0]["llm_summary"] is None


def test_cli_llm_without_a_model_is_a_clear_error(seeds: dict[str, Path], tmp_path: Path, capsys):
    from assistant.cli import main

    assert main(["summarize", str(seeds["002"]), "--out", str(tmp_path / "x.csv"), "--llm"]) == 1
    assert "FAZHI_LLM_BASE_URL" in capsys.readouterr().err
