"""The `fazhi` command line: a thin shell over the package's functions.

Each command lives in assistant/cli/<noun>.py and registers itself with `register(app)`. A run imports
only the module of the command it runs (COMMANDS says which), so `fazhi parse` never pays for Chroma,
Gradio or the model client, and `fazhi --help` lists the commands from COMMANDS without importing any
(tests/test_cli.py checks that each listed line is the command's own help). This module only turns
FazhiError into a one-line message and exit code 1, and a usage error (unknown option, missing
argument, a value of the wrong kind) into one Chinese line and exit code 2 (usage.py); a traceback
only with FAZHI_DEBUG=1.
"""

from __future__ import annotations

import importlib
import os
import sys
import traceback
from typing import NamedTuple

import typer

from assistant import __version__
from assistant.cli.logs import route_library_output
from assistant.cli.usage import usage_line
from assistant.errors import FazhiError

HELP = "fazhi：法治政府建设年度报告的撰写、审查、汇总与评测助手。"


class Command(NamedTuple):
    module: str  # assistant.cli.<module> registers it
    help: str  # the first line of its help, shown by `fazhi --help`


COMMANDS: dict[str, Command] = {
    "parse": Command("parse", "解析文档：显示元数据（标题、发文机关、年度、类型等）和标题层级。"),
    "figures": Command(
        "figures", "抽取报告中的全部数字（数值、单位、指标、上级指标、约数），并核对分项合计、比率和差值。"
    ),
    "ingest": Command("store", "导入报告或政策文件到检索库（可重复执行：未变化的文件会跳过）。"),
    "search": Command("store", "在检索库中查找相关段落（向量 + 关键词融合），附出处。"),
    "store": Command("store", "检索库管理：查看状态、重建。"),
    "review": Command("review", "审查法治政府建设年度报告：五项法定内容、纲要领域覆盖、数字前后一致、报送时间。"),
    "facts": Command("facts", "事实文件：生成 Excel 填报表、导出/导入填报表、从各单位报送的报告汇编事实文件。"),
    "draft": Command("draft", "根据事实文件撰写法治政府建设年度报告（逐部分生成，所有数据均经核对）。"),
    "check": Command("check", "逐个核对文本中的数字：是否有来源、是否张冠李戴、是否由来源数据推算而来。"),
    "eval": Command(
        "evaluate", "逐个用例撰写（或读取已有草稿）并打分：数据准确率、召回率、张冠李戴率、法定部分覆盖、篇幅。"
    ),
    "summarize": Command("summarize", "批量汇总：每份报告一行（法定内容、数字问题、关键指标、摘要），并给出汇总对照。"),
    "serve": Command("serve", "启动网页版助手（撰写、审查、汇总、语料库、状态）。"),
    "demo": Command("demo", "导入示例语料（若尚未导入）并启动网页版助手。"),
}


def _version() -> None:
    """显示 fazhi 版本。"""
    typer.echo(f"fazhi {__version__}")


def _root() -> None:
    """fazhi：法治政府建设年度报告的撰写、审查、汇总与评测助手。"""


def _listed_only() -> None:
    """Stands in for a command in the `fazhi --help` listing; a run of it loads the real one."""


def command_name(argv: list[str]) -> str | None:
    """The command a command line runs: the first word that is not an option (the root takes none)."""
    return next((a for a in argv if not a.startswith("-")), None)


def build_app(argv: list[str]) -> typer.Typer:
    """The Typer app for this command line: the real command it names, or every command listed for help."""
    # Plain help text: Typer's rich formatting alone takes longer to import than the rest of `fazhi --help`.
    app = typer.Typer(
        name="fazhi",
        help=HELP,
        no_args_is_help=True,
        add_completion=False,
        pretty_exceptions_enable=False,
        rich_markup_mode=None,
    )
    app.callback()(_root)
    app.command("version")(_version)
    name = command_name(argv)
    if name in COMMANDS:
        importlib.import_module(f"assistant.cli.{COMMANDS[name].module}").register(app)
    else:  # the listing (or an unknown command, which Typer then names with the nearest match)
        for listed, command in COMMANDS.items():
            app.command(listed, help=command.help, add_help_option=False)(_listed_only)
    return app


def _debug() -> bool:
    return os.environ.get("FAZHI_DEBUG", "").lower() in {"1", "true", "yes"}


def main(argv: list[str] | None = None) -> int:
    """Console-script entry point; returns the process exit code."""
    args = list(sys.argv[1:] if argv is None else argv)
    route_library_output(_debug())
    try:
        result = build_app(args)(args=args, prog_name="fazhi", standalone_mode=False)
    except FazhiError as err:
        if _debug():
            traceback.print_exc()
        print(f"错误：{err}", file=sys.stderr)
        return 1
    except typer.Exit as exc:
        return exc.exit_code
    except typer.Abort:
        print("已中断。", file=sys.stderr)
        return 130
    except typer.TyperException as exc:  # usage errors: one Chinese line, click's exit code (2)
        if type(exc).__name__ == "NoArgsIsHelpError" and hasattr(exc, "show"):
            exc.show()  # `fazhi` alone: the help listing
        else:
            if _debug():
                traceback.print_exc()
            print(usage_line(exc, args), file=sys.stderr)
        return int(getattr(exc, "exit_code", 2))
    except KeyboardInterrupt:
        print("已中断。", file=sys.stderr)
        return 130
    return result if isinstance(result, int) else 0


def run() -> None:
    sys.exit(main())
