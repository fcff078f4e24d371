"""Usage errors (an unknown option, a missing argument, a value of the wrong kind) as one Chinese line.

Typer's parser says these in English over three lines ("Usage: … Try '…' for help. Error: No such
option: --bogus (Possible options: --out)"). The exception already carries what went wrong — which
option, which parameter, the nearby names — so the line is rebuilt from it, in the users' language,
with the command's --help to turn to; the exit code stays click's 2.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence
from typing import Any

_PYDANTIC = (
    (re.compile(r"valid integer"), lambda m: "应为整数"),
    (re.compile(r"valid number|valid float"), lambda m: "应为数字"),
    (re.compile(r"valid boolean"), lambda m: "应为 true 或 false"),
    (re.compile(r"greater than or equal to (\S+)"), lambda m: f"不能小于 {m.group(1)}"),
    (re.compile(r"greater than (\S+)"), lambda m: f"应大于 {m.group(1)}"),
    (re.compile(r"less than or equal to (\S+)"), lambda m: f"不能大于 {m.group(1)}"),
    (re.compile(r"less than (\S+)"), lambda m: f"应小于 {m.group(1)}"),
    (re.compile(r"Input should be (.+)$"), lambda m: "可选：" + "、".join(re.findall(r"'([^']*)'", m.group(1)))),
    (re.compile(r"does not exist"), lambda m: "路径不存在"),
    (re.compile(r"is a directory"), lambda m: "这是一个文件夹"),
)


def usage_line(exc: Any, argv: Sequence[str]) -> str:
    """The one Chinese line for a click/Typer UsageError raised while parsing `argv`."""
    kind = type(exc).__name__
    ctx = getattr(exc, "ctx", None)
    command = getattr(ctx, "command_path", None) or _command_path(argv)
    help_hint = f"（运行 {command} --help 查看用法）"
    message = str(getattr(exc, "message", "") or exc)
    if kind == "NoSuchOption":
        option = exc.option_name
        near = difflib.get_close_matches(option, list(exc.possibilities or []), n=1, cutoff=0.7)
        maybe = f"，是否想用 {near[0]}？" if near else ""
        return f"用法错误：{command} 没有选项 {option}{maybe}{help_hint}"
    if kind == "MissingParameter":
        param = exc.param
        if getattr(param, "param_type_name", "") == "argument":
            name = str(getattr(param, "human_readable_name", None) or getattr(param, "name", "")).upper()
            return f"用法错误：缺少参数 {name}{help_hint}"
        return f"用法错误：缺少选项 {_opts(param)}{help_hint}"
    if kind == "BadParameter":
        param = exc.param
        value = _value_of(param, argv) if param is not None else None
        what = f"选项 {_opts(param)} " if getattr(param, "param_type_name", "") == "option" else "参数"
        given = f"「{value}」" if value is not None else ""
        return f"用法错误：{what}的值{given}不对，{_why(message)}{help_hint}"
    if kind == "BadOptionUsage":
        option = getattr(exc, "option_name", "")
        if "requires" in message:
            return f"用法错误：选项 {option} 后面缺少值{help_hint}"
        if "does not take a value" in message:
            return f"用法错误：选项 {option} 不接受值（直接写 {option} 即可）{help_hint}"
    if m := re.match(r"No such command '([^']+)'", message):
        names = list(getattr(getattr(ctx, "command", None), "commands", {}) or [])
        near = difflib.get_close_matches(m.group(1), names, n=1, cutoff=0.6)
        maybe = f"，是否想用 {near[0]}？" if near else ""
        return f"用法错误：{command} 没有命令 {m.group(1)}{maybe}（运行 {command} --help 查看全部命令）"
    if m := re.match(r"Got unexpected extra argument\S* \((.+)\)", message):
        return f"用法错误：多余的参数 {m.group(1)}{help_hint}"
    if message.startswith("Missing command"):
        return "用法错误：缺少命令（运行 fazhi --help 查看全部命令）"
    return f"用法错误：{message}{help_hint}"


def _why(message: str) -> str:
    for pattern, say in _PYDANTIC:
        m = pattern.search(message)
        if m:
            return say(m)
    return message


def _opts(param: Any) -> str:
    opts = [o for o in getattr(param, "opts", []) or [] if o.startswith("--")] or list(getattr(param, "opts", []))
    return opts[0] if opts else str(getattr(param, "name", ""))


def _value_of(param: Any, argv: Sequence[str]) -> str | None:
    """What the user typed for this option, from the command line itself."""
    opts = list(getattr(param, "opts", []) or [])
    for i, arg in enumerate(argv):
        for opt in opts:
            if arg == opt and i + 1 < len(argv):
                return argv[i + 1]
            if arg.startswith(opt + "="):
                return arg[len(opt) + 1 :]
    return None


def _command_path(argv: Sequence[str]) -> str:
    name = next((a for a in argv if not a.startswith("-")), None)
    return f"fazhi {name}" if name else "fazhi"
