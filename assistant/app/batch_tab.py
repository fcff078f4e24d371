"""批量汇总 tab: many reports (or a .zip) → the comparison matrix a 司法局 acts on, with the same
run_batch() and writers as `fazhi summarize`. Runs in-process with one worker: forking a threaded
web server is not safe, and the upload limit keeps a batch small enough."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import gradio as gr

from assistant.app import services, uploads
from assistant.summarize import run_batch, write_outputs
from assistant.vocabulary import ITEM_IDS, ITEM_NAMES, STATUS_MARKS, STATUS_NAMES, doc_type_name

ITEMS = [(item, ITEM_NAMES[item]) for item in ITEM_IDS]
MATRIX_HEADERS = (
    ["文件", "标题", "发文单位", "年度", "文种"]
    + [name for _, name in ITEMS]
    + ["数字问题", "最严重问题", "得分", "备注"]
)
FORMATS = (".xlsx", ".csv", ".html", ".json")
# Item columns narrow enough for their marks, wide enough that their names wrap in two lines, not one per row.
MATRIX_WIDTHS: list[str | int] = [*("10%", "15%", "8%", "5%", "9%"), *("6%",) * len(ITEMS), *("5%", "10%", "4%", "4%")]


def matrix_rows(rows: list[Any]) -> list[list[Any]]:
    out = []
    for r in rows:
        name = Path(r.file).name
        if not r.ok:
            out.append([name, "", "", "", ""] + ["" for _ in ITEMS] + ["", "", "", f"无法读取：{r.error}"])
            continue
        note = ""
        if r.duplicate_of:
            note = f"与 {Path(r.duplicate_of).name} 重复"
        elif not r.is_report:
            note = f"非年度报告：{r.not_report_reason or ''}"
        marks = [STATUS_MARKS.get(r.items[i].status, r.items[i].status) if i in r.items else "" for i, _ in ITEMS]
        out.append(
            [name, r.title or "", r.issuer or "", r.year or "", doc_type_name(r.doc_type)]
            + marks
            + [r.figure_problem_count, r.worst_problem or "", r.score if r.score is not None else "", note]
        )
    return out


def totals_markdown(result: Any) -> str:
    agg = result.aggregate or {}
    t = agg.get("totals", {})
    lines = [
        f"**共 {t.get('files', len(result.rows))} 个文件**：年度报告 {t.get('reports', 0)} 份，"
        f"非报告 {t.get('not_reports', 0)} 份，重复 {t.get('duplicates', 0)} 份，"
        f"读取失败 {t.get('failed', 0)} 份；数字问题合计 {t.get('figure_problems', 0)} 处。"
        f"用时 {result.elapsed:.1f} 秒。"
    ]
    counts = agg.get("status_counts", {})
    for item, name in ITEMS:
        c = counts.get(item)
        if c:
            lines.append(
                f"- {name}：" + "，".join(f"{STATUS_NAMES[s]} {c.get(s, 0)}" for s in ("present", "partial", "missing"))
            )
    for spec in (agg.get("indicators") or {}).values():
        for o in spec.get("outliers", []):
            lines.append(f"- {spec['title']}：{Path(o['file']).name} 为 {o['value']:g}，{o['reason']}")
    return "\n".join(lines)


def _write_outputs(result: Any, out_dir: Path) -> list[str]:
    files = []
    for suffix in FORMATS:
        path = out_dir / f"汇总{suffix}"
        write_outputs(result, path)
        files.append(str(path))
    return files


def summarize_paths(paths: list[Path], progress: Any = None) -> tuple[str, list[list[Any]], list[str]]:
    out_dir = uploads.exports_dir() / f"batch_{paths[0].parent.name}"
    out_dir.mkdir(parents=True, exist_ok=True)
    done = [0]
    total = [len(paths)]
    started = time.perf_counter()

    def on_total(n: int, reused: int) -> None:
        total[0] = n
        if progress is not None:
            progress((0, n), desc="开始汇总…", unit="份")  # Gradio adds "0 / n steps" unless told the unit

    def on_row(row: Any) -> None:
        done[0] += 1
        if progress is not None:
            rate = done[0] / max(time.perf_counter() - started, 1e-6)
            progress((done[0], total[0]), desc=f"正在汇总（每秒 {rate:.1f} 份）", unit="份")

    result = run_batch(paths, out_dir / "汇总.work.jsonl", workers=1, on_total=on_total, on_row=on_row)
    files = _write_outputs(result, out_dir)
    return totals_markdown(result), matrix_rows(result.rows), files


def run(files: Any, progress: gr.Progress = gr.Progress()) -> tuple[str, list[list[Any]], list[str]]:
    try:
        paths = uploads.accept_uploads(files, suffixes=uploads.REPORT_SUFFIXES, allow_zip=True)
        return summarize_paths(paths, progress)
    except Exception as exc:
        raise services.failure(exc) from None


def build() -> None:
    gr.Markdown(
        "上传下级单位报送的多份报告，或一个 .zip 压缩包，生成对照汇总表（五项法定内容 × 各单位、数字问题、关键指标）。"
    )
    with gr.Row():
        files = gr.File(
            label="上传报告或 .zip（.docx / .pdf / .txt / .html）",
            file_count="multiple",
            elem_id="batch-files",
            scale=3,
        )
        go = gr.Button("开始汇总", variant="primary", elem_id="batch-run", scale=1)
    totals = gr.Markdown(elem_id="batch-totals")
    legend = " ".join(f"{STATUS_MARKS[s]}{STATUS_NAMES[s]}" for s in ("present", "partial", "missing"))
    matrix = services.result_table(MATRIX_HEADERS, f"汇总矩阵（{legend}）", MATRIX_WIDTHS, "batch-matrix")
    downloads = gr.File(
        label="下载（xlsx / csv / html / json）", file_count="multiple", interactive=False, elem_id="batch-downloads"
    )
    go.click(run, inputs=files, outputs=[totals, matrix, downloads], api_name="summarize")
