"""`fazhi serve`: the web app on loopback (or a given host) until Ctrl-C."""

from __future__ import annotations

import typer

from assistant.app import launch
from assistant.config import get_settings


def serve(
    host: str = typer.Option("127.0.0.1", "--host", help="监听地址；默认仅本机访问"),
    port: int = typer.Option(7860, "--port", help="端口"),
) -> None:
    """启动网页版助手（撰写、审查、汇总、语料库、状态）。"""
    settings = get_settings()
    if host not in ("127.0.0.1", "localhost", "::1") and not settings.ui_users:
        typer.echo("提示：正在监听非本机地址且未启用登录，建议设置 FAZHI_UI_USERS=用户名:密码。", err=True)
    typer.echo(f"fazhi 网页版启动中：http://{_display_host(host)}:{port}/ （Ctrl-C 退出）")
    launch(host, port, settings=settings, block=True, quiet=True)


def _display_host(host: str) -> str:
    return "127.0.0.1" if host in ("0.0.0.0", "") else host


def register(app: typer.Typer) -> None:
    app.command("serve")(serve)
