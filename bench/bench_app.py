"""Web app benchmarks, over HTTP against a real `fazhi serve` (figures to bench/README.md, raw
numbers to bench/results/app.json).

1. Chat → first streamed draft text, composer backend: 10 warm messages (target < 300 ms);
   baseline in the same run: the app's status endpoint (a round trip that does no work).
2. The same with the local server (Gemma 3 270M GGUF on llama.cpp, started by fazhi on loopback):
   first draft token and total per message (skipped when llama-cpp-python is not installed).
3. Review of a 20-page .docx upload end to end (upload + load + review + Markdown/HTML downloads).
"""

from __future__ import annotations

import importlib.util
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
RESULTS = ROOT / "bench" / "results"
SAMPLE = ROOT / "corpus" / "samples" / "qinglan_county_2024.txt"
TABLE = {"headers": ["名称", "数值", "单位", "其中（所属总数）", "原文"], "data": []}
CHARS_PER_PAGE = 22 * 28  # GB/T 9704: 22 lines of 28 characters


def _ms(values: list[float]) -> dict:
    values = sorted(values)
    return {
        "median_ms": round(statistics.median(values) * 1000, 1),
        "p95_ms": round(values[min(len(values) - 1, int(0.95 * len(values)))] * 1000, 1),
        "max_ms": round(values[-1] * 1000, 1),
        "n": len(values),
    }


def chat_timings(client, backend: str, n: int) -> dict:
    """Submit → first update carrying draft text (not the '正在起草' status line), and → done."""
    first, total, status_line = [], [], []
    for i in range(n):
        message = f"帮我写行政复议部分：今年收到行政复议申请{30 + i}件，审结{28 + i}件，其中维持{20 + i}件"
        started = time.perf_counter()
        job = client.submit(message, None, TABLE, "云溪县人民政府", "县级", 2024, backend, api_name="/chat")
        got_status = got_text = None
        for update in job:
            now = time.perf_counter() - started
            text = update[0] if isinstance(update, (list, tuple)) else str(update)
            if got_status is None:
                got_status = now
            if got_text is None and text and not text.startswith("正在起草"):
                got_text = now
        job.result()
        total.append(time.perf_counter() - started)
        status_line.append(got_status or total[-1])
        first.append(got_text or total[-1])
    return {"first_draft_text": _ms(first), "first_update": _ms(status_line), "total": _ms(total)}


def bench_composer(client) -> dict:
    chat_timings(client, "composer（规则模板，离线）", 2)  # warm-up: jieba, templates, store
    base = []
    for _ in range(10):
        started = time.perf_counter()
        client.predict(api_name="/status")
        base.append(time.perf_counter() - started)
    out = chat_timings(client, "composer（规则模板，离线）", 10)
    out["baseline_status_roundtrip"] = _ms(base)
    return out


def bench_local(home: Path) -> dict | None:
    from gradio_client import Client

    from assistant.app import AppProcess

    if importlib.util.find_spec("llama_cpp") is None:
        return None
    env = {
        "FAZHI_HOME": str(home / "local"),
        "FAZHI_LLM_GGUF": "gemma3-270m",
        "FAZHI_BACKEND": "local",
        "FAZHI_LLM_MAX_TOKENS": "200",
    }
    with AppProcess(env, log=home / "local.log") as app:
        client = Client(app.url, verbose=False)
        started = time.perf_counter()
        cold = chat_timings(client, "本机模型（local）", 1)
        cold["wall_s"] = round(time.perf_counter() - started, 2)
        warm = chat_timings(client, "本机模型（local）", 5)
    return {"cold_first_message": cold, "warm": warm}


def make_docx(path: Path, pages: int = 20) -> int:
    """A 20-page report: our county sample's sections repeated as further measures, a page break
    every ~616 characters (one GB/T 9704 page)."""
    from docx import Document
    from docx.enum.text import WD_BREAK

    lines = [ln.strip() for ln in SAMPLE.read_text(encoding="utf-8").splitlines() if ln.strip()]
    title, body = lines[0], lines[1:]
    head, rest = body[:3], body[3:]
    doc = Document()
    doc.add_paragraph(title)
    chars, page_chars, page = 0, 0, 1
    measures = [ln for ln in rest if ln.startswith("（") or len(ln) > 60][:14]
    filler = []
    for r in range(1, 12):
        for ln in measures:
            filler.append(ln.replace("2024年", "2024年") if not ln.startswith("（") else f"{ln}（续{r}）")
    sequence = head + [rest[0]] + filler + rest[1:]
    for text in sequence:
        para = doc.add_paragraph(text)
        chars += len(text)
        page_chars += len(text)
        if page_chars >= CHARS_PER_PAGE and page < pages:
            para.add_run().add_break(WD_BREAK.PAGE)
            page_chars, page = 0, page + 1
        if page >= pages and text is sequence[-1]:
            break
    doc.save(path)
    return page


def bench_review(client, home: Path) -> dict:
    from gradio_client import handle_file

    path = home / "二十页报告.docx"
    pages = make_docx(path)
    times = []
    for _ in range(3):
        started = time.perf_counter()
        summary, items, figures, coverage, plans, downloads = client.predict(
            [handle_file(str(path))], None, api_name="/review"
        )
        times.append(time.perf_counter() - started)
    assert "审查结论" in summary, summary[:200]
    return {
        "pages": pages,
        "bytes": path.stat().st_size,
        "end_to_end": _ms(times),
        "items": len(items["data"] if isinstance(items, dict) else items),
    }


def main() -> int:
    from gradio_client import Client

    from assistant.app import AppProcess

    RESULTS.mkdir(parents=True, exist_ok=True)
    results: dict = {}
    with tempfile.TemporaryDirectory(prefix="fazhi-bench-app-") as tmp:
        home = Path(tmp)
        started = time.perf_counter()
        with AppProcess({"FAZHI_HOME": str(home / "composer")}, log=home / "composer.log") as app:
            results["server_ready_s"] = round(time.perf_counter() - started, 2)
            client = Client(app.url, verbose=False)
            results["composer"] = bench_composer(client)
            results["review_20_page_docx"] = bench_review(client, home)
        results["local"] = bench_local(home)
    c = results["composer"]["first_draft_text"]
    print(f"服务启动就绪：{results['server_ready_s']} 秒")
    print(
        f"composer 首段文字：中位 {c['median_ms']} ms，p95 {c['p95_ms']} ms（目标 < 300 ms）；"
        f"空请求往返基线 {results['composer']['baseline_status_roundtrip']['median_ms']} ms"
    )
    r = results["review_20_page_docx"]
    print(f"20 页 .docx 上传审查：中位 {r['end_to_end']['median_ms']} ms（{r['bytes']} 字节）")
    if results["local"]:
        w = results["local"]["warm"]
        print(
            f"本机 Gemma 270M 首个 token：中位 {w['first_draft_text']['median_ms']} ms，"
            f"整段 {w['total']['median_ms']} ms；冷启动 {results['local']['cold_first_message']['wall_s']} 秒"
        )
    else:
        print("本机模型：未安装 llama-cpp-python，跳过")
    (RESULTS / "app.json").write_text(json.dumps(results, ensure_ascii=False, indent=2), encoding="utf-8")
    ok = c["median_ms"] < 300
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
