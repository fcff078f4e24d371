"""撰写助手 tab: a chat that drafts a section from what the user types and/or a facts file.

The message's figures come back as an editable table (what is drafted is what the table says);
the draft streams; beside it the exemplars with their sources, the figure check with supported /
unsupported figures highlighted, the backend, and a Word download. Drafting is draft_report(),
the same as `fazhi draft`; failures become one Chinese line in the chat.
"""

from __future__ import annotations

import queue
import threading
import time
import uuid
from collections.abc import Iterator
from typing import Any

import gradio as gr

from assistant.app import chat_logic, chat_render, intake, services, uploads
from assistant.config import CORPUS_DIR, get_settings
from assistant.drafting import draft_report, write_docx
from assistant.errors import InputError
from assistant.facts import load_facts
from assistant.vocabulary import LEVEL_NAMES

BACKENDS = {
    "自动（按配置）": None,
    "composer（规则模板，离线）": "composer",
    "openai 兼容接口": "openai",
    "本机模型（local）": "local",
}
REWRITE = ("按表格重写", "按表格", "重写")
EXAMPLES = [
    "帮我写行政复议部分：今年收到行政复议申请35件，审结33件，其中维持28件、撤销3件、确认违法2件，全面推行行政复议决定书网上公开",
    "帮我写规范性文件部分：审核行政规范性文件23件，提出修改意见57条，清理文件146件",
    "帮我写存在的不足部分：基层执法人员法律素养有待提高，原因是执法队伍培训不够系统",
    "按表格重写",
]
_SENTINEL = object()
# Uploads that state their own unit, level and year (a report is compiled for the form's)
STATES_ITS_UNIT = (".yaml", ".yml", ".xlsx")


def example_point(example: str) -> intake.StartingPoint:
    """ "根据县级示例…": the shipped example facts file the ask names, as the starting point."""
    name = chat_logic.EXAMPLES[example]
    return intake.StartingPoint(load_facts(CORPUS_DIR / "examples" / name), "facts", [f"{name}（示例）"])


def facts_fields(facts: Any) -> tuple[str, str, int]:
    """The 报告单位 / 层级 / 报告年度 fields as the facts state them, so the form says what the draft says."""
    return facts.unit, LEVEL_NAMES.get(facts.level, "县级"), int(facts.year)


def fill_from_facts(files: Any, unit: str, level: str, year: float) -> tuple[Any, Any, Any]:
    """On upload of a facts file or workbook: show its unit, level and year in the form (the draft uses them)."""
    skip = gr.skip()
    names = [str(getattr(f, "name", f) or "") for f in (files if isinstance(files, list) else [files] if files else [])]
    if not names or not all(n.lower().endswith(STATES_ITS_UNIT) for n in names):
        return skip, skip, skip
    try:
        start = intake.starting_point(files, unit=unit, level=level, year=int(year or time.gmtime().tm_year - 1))
    except Exception as exc:
        services.warn(services.user_message(exc))
        return skip, skip, skip
    return facts_fields(start.facts) if start is not None else (skip, skip, skip)


def export_hint(path: Any) -> None:
    """导出 Word before any draft: say what to do instead of doing nothing."""
    if not path:
        services.warn("还没有可导出的稿件：请先在对话框中说明要写的部分（或上传起点材料），起草完成后再导出 Word。", 6)


def prepare(
    message: str, table: Any, last: str | None, facts_file: Any, unit: str, level: str, year: float | int
) -> tuple[Any, Any, list[list[Any]], str, intake.StartingPoint | None]:
    """(facts, request, table rows, the message the request came from, the uploaded starting point)."""
    text = (message or "").strip()
    rows_in = chat_logic.table_rows(table)
    if text in REWRITE or text.startswith("按表格"):
        if not last:
            raise InputError("还没有可重写的内容：请先描述要写的部分和数据。")
        source, rows = last, rows_in
    elif text:
        source = text
        rows = None
    else:
        raise InputError("请输入要写的内容。")
    year = int(year or time.gmtime().tm_year - 1)
    req = chat_logic.classify(source, year, level)
    if rows is None:
        rows = chat_logic.extract_table(req.content)
    start = intake.starting_point(facts_file, unit=unit, level=level, year=year)
    if start is None and req.example:
        start = example_point(req.example)
    base = start.facts if start is not None else None
    if req.item == "all" and base is None:
        raise InputError(
            "起草全文需要先在右侧上传起点材料：事实文件（.yaml）、填好的填报表（.xlsx）或各单位报送的报告；"
            "也可以说“根据县级示例起草全文”先看示例。"
        )
    if base is None and not req.content.strip() and not rows:
        raise InputError(
            f"请给出「{chat_render.request_heading(req)}」今年的工作和数据，例如「帮我写行政复议部分：今年收到申请35件，"
            "审结33件」；也可以上传起点材料，或说“根据县级示例起草”。"
        )
    facts = chat_logic.build_facts(req, rows, unit=unit, level=level, year=year, base=base)
    return facts, req, rows, source, start


def _stream_draft(facts: Any, req: Any, backend: str | None) -> Iterator[Any]:
    """Yields text chunks while draft_report runs in a worker thread, then the Draft (or the error)."""
    chunks: queue.Queue[Any] = queue.Queue()
    result: dict[str, Any] = {}
    try:
        store = services.get_store()
    except Exception:  # drafting without exemplars is still useful
        store = None

    def on_text(section_id: str, text: str) -> None:
        chunks.put((section_id, text))

    def work() -> None:
        try:
            result["draft"] = draft_report(
                facts, backend=backend, section=chat_logic.section_id(req), store=store, on_text=on_text
            )
        except BaseException as exc:
            result["error"] = exc
        finally:
            chunks.put(_SENTINEL)

    threading.Thread(target=work, daemon=True, name="fazhi-draft").start()
    while True:
        item = chunks.get()
        if item is _SENTINEL:
            break
        yield item
    if "error" in result:
        raise result["error"]
    yield result["draft"]


def respond(
    message: str,
    history: list[Any],
    facts_file: Any,
    table: Any,
    unit: str,
    level: str,
    year: float,
    backend_label: str,
    last: str | None,
) -> Iterator[tuple[Any, ...]]:
    skip = gr.skip()
    keep = (skip, skip, skip)  # 报告单位, 层级, 报告年度 as they are
    backend = BACKENDS.get(backend_label)
    backend_md = f"**撰写后端**：{services.backend_label(get_settings(), backend)}"
    try:
        facts, req, rows, source, start = prepare(message, table, last, facts_file, unit, level, year)
    except Exception as exc:
        yield f"⚠ {services.user_message(exc)}", skip, skip, skip, backend_md, skip, skip, skip, *keep
        return
    heading = chat_render.request_heading(req)
    rows_out = rows or []
    compiled = start.yaml_path if start and start.yaml_path else skip
    fields = facts_fields(facts)  # a facts file or an example sets them: the form then says what the draft says
    yield (f"正在起草「{heading}」…", rows_out, skip, skip, backend_md, skip, source, compiled, *fields)
    texts: dict[str, str] = {}
    draft = None
    try:
        for item in _stream_draft(facts, req, backend):
            if isinstance(item, tuple):
                sid, chunk = item
                texts[sid] = texts.get(sid, "") + chunk
                yield chat_render.streaming_text(texts), skip, skip, skip, skip, skip, skip, skip, *keep
            else:
                draft = item
    except Exception as exc:
        partial = chat_render.streaming_text(texts)
        note = f"⚠ {services.user_message(exc)}"
        yield (f"{partial}\n\n{note}" if partial else note), skip, skip, skip, backend_md, skip, skip, skip, *keep
        return
    assert draft is not None
    if not facts_file and not req.example and req.item != "all":  # placeholders of items not asked for
        draft.warnings = [w for w in draft.warnings if "（items." not in w or f"items.{req.item}" in w]
    check = chat_render.figure_check(draft, facts)
    exemplars = chat_render.exemplars(draft, req, facts)
    docx = _export(draft)
    backend_md = chat_render.backend_line(draft)
    text = chat_render.final_text(draft, check, start)
    yield text, skip, exemplars, check.html, backend_md, docx, skip, compiled, *fields


def _export(draft: Any) -> str | None:
    out = uploads.exports_dir() / f"draft_{time.strftime('%Y%m%d_%H%M%S')}_{uuid.uuid4().hex[:6]}.docx"
    try:
        write_docx(draft, out)
    except Exception as exc:
        services.warn(f"导出 Word 失败：{services.user_message(exc)}")
        return None
    return str(out)


def build() -> None:
    # The side panel is created first (its inputs must exist before the ChatInterface) and shown on
    # the right by the row's reversed direction (CSS class fazhi-reverse).
    with gr.Row(elem_classes="fazhi-reverse", equal_height=False):
        with gr.Column(scale=2, min_width=360):
            backend_md = gr.Markdown(f"**撰写后端**：{services.backend_label()}", elem_id="chat-backend")
            # the download first: a whole section's check and exemplars would push it far below the fold
            export = gr.DownloadButton("导出 Word", value=None, elem_id="chat-export")
            gr.Markdown("起草完成后可导出 Word（按 GB/T 9704 公文格式排版）。", elem_classes="fazhi-note")
            figures = gr.Dataframe(
                headers=chat_logic.FIGURE_HEADERS,
                label="识别出的数据（可直接修改，改后发送「按表格重写」）",
                interactive=True,
                wrap=True,
                elem_id="chat-figures",
                type="array",
                datatype=["str", "number", "str", "str", "str"],
                max_height=260,
            )
            check = gr.HTML(elem_id="chat-check")
            exemplars = gr.Markdown(elem_id="chat-exemplars")
            facts_file = gr.File(
                label="起点材料（起草全文时必需）：事实文件 .yaml，或填好的填报表 .xlsx，或各单位报送的报告（均可多选）",
                file_count="multiple",
                file_types=sorted(intake.ACCEPTED),
                height=130,
                elem_id="chat-facts",
            )
            compiled = gr.DownloadButton("下载汇编的事实文件（.yaml）", value=None, elem_id="chat-facts-yaml")
        with gr.Column(scale=3, min_width=480):
            with gr.Row():
                unit = gr.Textbox(label="报告单位", value="云溪县人民政府", scale=2, elem_id="chat-unit")
                level = gr.Dropdown(list(chat_logic.LEVELS), value="县级", label="层级", scale=1)
                year = gr.Number(
                    label="报告年度", value=time.gmtime().tm_year - 1, precision=0, scale=1, elem_id="chat-year"
                )
                backend = gr.Dropdown(list(BACKENDS), value="自动（按配置）", label="撰写后端", scale=2)
            last = gr.State(None)
            chatbot = gr.Chatbot(
                label="撰写助手",
                height=520,
                elem_id="chat-bot",
                buttons=["copy"],
                placeholder="说明要写哪一部分，并给出今年的数据。所有数字只取自您的输入。",
            )
            gr.ChatInterface(
                respond,
                chatbot=chatbot,
                textbox=gr.Textbox(
                    placeholder="例：帮我写行政复议部分：今年收到申请35件，审结33件…",
                    elem_id="chat-input",
                    submit_btn="发送",
                    stop_btn="停止",
                ),
                additional_inputs=[facts_file, figures, unit, level, year, backend, last],
                additional_outputs=[figures, exemplars, check, backend_md, export, last, compiled, unit, level, year],
                examples=[[e] for e in EXAMPLES],
                examples_label="示例",
                run_examples_on_click=False,
                api_name="chat",
                concurrency_limit=4,
                autofocus=False,
                fill_height=False,
            )
    export.click(export_hint, inputs=export, api_visibility="private")
    facts_file.change(
        fill_from_facts, inputs=[facts_file, unit, level, year], outputs=[unit, level, year], api_visibility="private"
    )
