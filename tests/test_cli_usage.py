"""Issue #16, also: every CLI usage error is one Chinese line and exit 2 (click's own code), and library
warnings (pypdf's English on a damaged PDF) never reach the user's terminal: they go to the log file,
with one Chinese note where the user should know."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from assistant.cli import main

REPO = Path(__file__).resolve().parent.parent
COUNTY = REPO / "corpus" / "examples" / "county.yaml"
PDF = Path(__file__).resolve().parent / "fixtures" / "docs_pdf_seed002_excerpt.pdf"
ENGLISH = re.compile(r"Usage|Error|Try |Traceback|Invalid|Missing|No such|Input should")


def _fazhi(*args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONPATH=str(REPO))
    return subprocess.run([sys.executable, "-m", "assistant.cli", *args], capture_output=True, text=True, env=env)


def test_unknown_option_from_the_console_is_one_chinese_line_and_exit_2():
    proc = _fazhi("draft", str(COUNTY), "--bogus")
    assert proc.returncode == 2 and proc.stdout == ""
    assert proc.stderr.splitlines() == ["用法错误：fazhi draft 没有选项 --bogus（运行 fazhi draft --help 查看用法）"]


@pytest.mark.parametrize(
    ("args", "line"),
    [
        (["draft"], "用法错误：缺少参数 FACTS_FILE（运行 fazhi draft --help 查看用法）"),
        (["draf", "x.yaml"], "用法错误：fazhi 没有命令 draf，是否想用 draft？（运行 fazhi --help 查看全部命令）"),
        (["summarize", "报告/", "--workers", "两个"], "用法错误：选项 --workers 的值「两个」不对，应为整数"),
        (["summarize", "报告/", "-o", "汇总.json", "-w", "0"], "用法错误：选项 --workers 的值「0」不对，不能小于 1"),
        (["summarize", "报告/"], "用法错误：缺少选项 --out"),
        (["draft", str(COUNTY), "--section"], "用法错误：选项 --section 后面缺少值"),
        (["draft", str(COUNTY), "--repair=是"], "用法错误：选项 --repair 不接受值"),
        (["parse", "甲.txt", "乙.txt"], "用法错误：多余的参数 乙.txt"),
        (["store", "清空"], "用法错误：fazhi store 没有命令 清空"),
    ],
)
def test_usage_errors_are_one_chinese_line_and_exit_2(capsys, args, line):
    assert main(args) == 2
    captured = capsys.readouterr()
    lines = captured.err.splitlines()
    assert len(lines) == 1 and lines[0].startswith(line), captured.err
    assert not ENGLISH.search(captured.err) and captured.out == ""


def test_a_damaged_pdf_gives_one_chinese_note_and_pypdf_english_goes_to_the_log(tmp_path):
    data = PDF.read_bytes()
    cut = data.rfind(b"startxref")
    broken = tmp_path / "损坏.pdf"
    broken.write_bytes(data[:cut] + b"startxref\n999999\n%%EOF\n")  # wrong xref offset: pypdf repairs it
    proc = _fazhi("parse", str(broken))
    assert proc.returncode == 0 and "标题" in proc.stdout
    assert proc.stderr.splitlines() == [
        "提示：PDF 文件 损坏.pdf 的内部结构有损坏，已自动修复后读取，请核对内容是否完整。"
    ]
    log = (Path(os.environ["FAZHI_HOME"]) / "logs" / "fazhi.log").read_text(encoding="utf-8")
    assert "pypdf" in log and "startxref" in log


def test_python_warnings_from_libraries_go_to_the_log_not_the_terminal(tmp_path):
    code = (
        "import warnings, sys; from assistant.cli import logs; logs.route_library_output();"
        "warnings.warn('some library is deprecated', DeprecationWarning, stacklevel=1);"
        "warnings.warn('English noise from a library')"
    )
    env = dict(os.environ, PYTHONPATH=str(REPO), PYTHONWARNINGS="always")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
    assert proc.returncode == 0 and proc.stderr == ""
    log = (Path(os.environ["FAZHI_HOME"]) / "logs" / "fazhi.log").read_text(encoding="utf-8")
    assert "English noise from a library" in log
