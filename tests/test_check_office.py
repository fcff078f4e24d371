"""`make check-office` installs LibreOffice with apt-get only after saying what and why, and asking."""

from __future__ import annotations

import subprocess
from typing import Any

import pytest

from bench import check_office


@pytest.fixture
def apt(monkeypatch: pytest.MonkeyPatch) -> list[list[str]]:
    """LibreOffice missing, running as root with apt-get: record what would be run instead of running it."""
    calls: list[list[str]] = []

    def run(cmd: list[str], **_: Any) -> subprocess.CompletedProcess[str]:
        calls.append(cmd)
        return subprocess.CompletedProcess(cmd, 0)

    monkeypatch.setattr(check_office.shutil, "which", lambda tool: "/usr/bin/apt-get" if tool == "apt-get" else None)
    monkeypatch.setattr(check_office.os, "geteuid", lambda: 0)
    monkeypatch.setattr(check_office.subprocess, "run", run)
    return calls


def test_without_a_terminal_it_explains_and_installs_nothing(apt, monkeypatch, capsys) -> None:
    monkeypatch.setattr(check_office.sys.stdin, "isatty", lambda: False)
    assert check_office._install("soffice", assume_yes=False) is False
    out = capsys.readouterr().out
    assert "LibreOffice" in out and "apt-get install -y --no-install-recommends libreoffice-writer" in out
    assert "YES=1" in out and apt == []


def test_it_asks_and_a_no_installs_nothing(apt, monkeypatch, capsys) -> None:
    monkeypatch.setattr(check_office.sys.stdin, "isatty", lambda: True)
    asked: list[str] = []
    monkeypatch.setattr("builtins.input", lambda prompt: asked.append(prompt) or "n")
    assert check_office._install("soffice", assume_yes=False) is False
    assert asked == ["现在安装吗？[y/N] "] and apt == [] and "未安装" in capsys.readouterr().out


def test_yes_installs_with_apt_get_and_says_so(apt, capsys) -> None:
    assert check_office._install("pdftoppm", assume_yes=True) is True
    assert apt[0] == ["apt-get", "update"] and apt[1][:3] == ["apt-get", "install", "-y"] and "poppler-utils" in apt[1]
    assert "== apt-get install" in capsys.readouterr().out


def test_not_root_says_who_can_install(apt, monkeypatch, capsys) -> None:
    monkeypatch.setattr(check_office.os, "geteuid", lambda: 1000)
    assert check_office._install("soffice", assume_yes=True) is False
    assert "管理员" in capsys.readouterr().out and apt == []
