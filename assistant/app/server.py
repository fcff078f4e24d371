"""The web app's Blocks and server: five tabs over the same functions as the CLI.

`build_app()` makes the Blocks; `launch()` configures the queue (each user's chat streams on its
own worker), the optional login from FAZHI_UI_USERS (slowed down after failures, guard.py), the
upload limits (refused in Chinese), and keeps Gradio's upload cache and our exports inside FAZHI_HOME.
"""

from __future__ import annotations

import os
import threading

os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")

from typing import Any

import gradio as gr
from starlette.middleware import Middleware

from assistant.app import batch_tab, chat, chat_logic, corpus_tab, locale, review_tab, services, status_tab, uploads
from assistant.app.guard import Guard, LoginThrottle
from assistant.config import Settings, get_settings
from assistant.errors import ConfigError

# System fonts only: the default theme would fetch Google Fonts, which an intranet cannot reach.
LOCAL_FONTS = ["Noto Sans CJK SC", "Microsoft YaHei", "PingFang SC", "sans-serif"]
TITLE = "fazhi 法治政府建设年度报告助手"
CSS = """
.fig-supported { background: #e6f4ea; border-bottom: 2px solid #34a853; }
.fig-unsupported { background: #fde7e9; border-bottom: 2px solid #d93025; font-weight: bold; }
.fig-misattributed { background: #fff4e5; border-bottom: 2px solid #f29900; }
.fazhi-reverse { flex-direction: row-reverse; }
.fazhi-note { color: #5f6368; font-size: 0.9em; }
#figure-check { max-height: 460px; overflow-y: auto; }
"""


def parse_users(spec: str | None) -> list[tuple[str, str]] | None:
    """FAZHI_UI_USERS="user:password,user2:password2" → Gradio auth pairs."""
    if not spec or not spec.strip():
        return None
    pairs = []
    for item in spec.split(","):
        item = item.strip()
        if not item:
            continue
        user, sep, password = item.partition(":")
        if not sep or not user.strip() or not password:
            raise ConfigError("FAZHI_UI_USERS 格式应为 用户名:密码,用户名2:密码2")
        pairs.append((user.strip(), password))
    return pairs or None


def build_app(settings: Settings | None = None) -> gr.Blocks:
    settings = settings or get_settings()
    uploads.point_gradio_at_home(settings)
    uploads.exports_dir(settings)
    # delete_cache: Gradio drops its cached uploads/outputs older than a day, checked hourly.
    with gr.Blocks(title=TITLE, fill_width=True, delete_cache=(3600, uploads.KEEP_SECONDS)) as demo:
        gr.Markdown(
            f"## {TITLE}\n撰写、审查、汇总法治政府建设年度报告。由模型生成的文字均有标注，数字请以核对结果为准。"
        )
        with gr.Tabs():
            with gr.Tab("撰写助手", id="chat"):
                chat.build()
            with gr.Tab("报告审查", id="review"):
                review_tab.build()
            with gr.Tab("批量汇总", id="batch"):
                batch_tab.build()
            with gr.Tab("语料库", id="corpus") as corpus:
                counts, sources = corpus_tab.build()
            with gr.Tab("设置/状态", id="status"):
                table = status_tab.build()
        demo.load(status_tab.refresh, outputs=table, api_visibility="private")
        # 已收录文件 without pressing 刷新: on page load, and again whenever the tab is opened
        demo.load(corpus_tab.sources_table, outputs=[counts, sources], api_visibility="private")
        corpus.select(corpus_tab.sources_table, outputs=[counts, sources], api_visibility="private")
    demo.queue(default_concurrency_limit=2, max_size=64)
    return demo


def warm_up(settings: Settings | None = None) -> None:
    """Load the figures engine, jieba and the store in the background so the first chat is fast."""

    def work() -> None:
        try:
            chat_logic.extract_table("收到行政复议申请35件，审结33件")  # the figures engine and jieba
            services.get_store(settings).count()
        except Exception as exc:  # warming is best effort; the tabs report real failures
            services.log.warning("warm-up incomplete: %s", exc)

    threading.Thread(target=work, daemon=True, name="fazhi-warmup").start()


def launch(
    host: str = "127.0.0.1",
    port: int = 7860,
    *,
    settings: Settings | None = None,
    block: bool = True,
    quiet: bool = False,
) -> tuple[gr.Blocks, str]:
    """Start the server; returns (app, local URL). With block=False the caller must `app.close()`."""
    settings = settings or get_settings()
    demo = build_app(settings)
    auth = parse_users(settings.ui_users)
    kwargs: dict[str, Any] = {}
    if auth:
        kwargs["auth"] = auth
        kwargs["auth_message"] = "请输入 fazhi 账号和密码（由管理员通过 FAZHI_UI_USERS 配置）。"
    # Hard cap above the configured limit: files between the two get accept_uploads' message naming the
    # file; above it Gradio refuses the upload, in Chinese through the guard.
    cap_mb = 4 * settings.ui_max_upload_mb
    guard = Middleware(Guard, throttle=LoginThrottle(), upload_cap_mb=cap_mb, upload_limit_mb=settings.ui_max_upload_mb)
    _, url, _ = demo.launch(
        server_name=host,
        server_port=port,
        prevent_thread_lock=True,
        show_error=True,
        quiet=quiet,
        app_kwargs={"middleware": [guard]},
        allowed_paths=[str(uploads.exports_dir(settings))],
        blocked_paths=[str(settings.store_path)],
        ssr_mode=False,
        # No footer: Gradio's settings panel (screen recording, PWA, run history, theme) is English and offers
        # nothing a report writer needs; and no run history kept in the browser of a shared office machine.
        footer_links=[],
        run_history=False,
        theme=gr.themes.Soft(font=LOCAL_FONTS, font_mono=["monospace"]),
        css=CSS,
        i18n=locale.gradio_i18n(),  # Gradio's own words in Chinese, whatever the browser's language
        js=locale.UNKEYED_JS,
        **kwargs,
    )
    # Set after launch on purpose: the upload route reads it per request, while the page's config was
    # rendered at launch without it, so the browser never pre-checks sizes with its English message.
    demo.max_file_size = cap_mb * 1024 * 1024
    warm_up(settings)
    if block:
        try:
            demo.block_thread()
        finally:
            demo.close()
    return demo, url
