from __future__ import annotations

import subprocess
import sys

from assistant.cli import main


def test_help_lists_commands_in_chinese(capsys):
    rc = main(["--help"])
    out = capsys.readouterr().out
    assert rc == 0
    assert "法治政府建设年度报告" in out


def test_console_script_unknown_command_fails():
    proc = subprocess.run([sys.executable, "-m", "assistant.cli", "no-such-command"], capture_output=True, text=True)
    assert proc.returncode != 0


def test_search_on_an_empty_store_tells_the_user_to_ingest(capsys):
    rc = main(["search", "行政复议案件办理情况"])
    assert rc == 0
    assert "fazhi ingest" in capsys.readouterr().out
