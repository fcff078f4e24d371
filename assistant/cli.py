"""The `fazhi` command line: a thin shell over the package's functions.

Each command group lives in assistant/commands/<noun>.py and registers itself on `app`; this
module only turns FazhiError into a one-line message and exit code 1 (a traceback only with
FAZHI_DEBUG=1).
"""

from __future__ import annotations

import os
import sys
import traceback

import click
import typer

from assistant.errors import FazhiError

app = typer.Typer(
    name="fazhi",
    help="fazhi：法治政府建设年度报告的撰写、审查、汇总与评测助手。",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


@app.callback()
def _root() -> None:
    """fazhi：法治政府建设年度报告的撰写、审查、汇总与评测助手。"""


@app.command("version")
def version() -> None:
    """显示 fazhi 版本。"""
    from assistant import __version__

    typer.echo(f"fazhi {__version__}")


_registered = False


def _register_commands() -> None:
    global _registered
    if _registered:
        return
    from assistant.commands import COMMAND_MODULES

    for module in COMMAND_MODULES:
        module.register(app)
    _registered = True


def _debug() -> bool:
    return os.environ.get("FAZHI_DEBUG", "").lower() in {"1", "true", "yes"}


def main(argv: list[str] | None = None) -> int:
    """Console-script entry point; returns the process exit code."""
    _register_commands()
    try:
        result = app(args=argv, prog_name="fazhi", standalone_mode=False)
    except FazhiError as err:
        if _debug():
            traceback.print_exc()
        print(f"错误：{err}", file=sys.stderr)
        return 1
    except click.exceptions.Exit as exc:
        return exc.exit_code
    except click.exceptions.Abort:
        print("已中断。", file=sys.stderr)
        return 130
    except click.ClickException as exc:
        exc.show()
        return exc.exit_code
    except KeyboardInterrupt:
        print("已中断。", file=sys.stderr)
        return 130
    return result if isinstance(result, int) else 0


def run() -> None:
    sys.exit(main())


if __name__ == "__main__":
    run()
