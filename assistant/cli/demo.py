"""`fazhi demo` (what `make run` calls): ingest corpus/samples into the store once, then serve."""

from __future__ import annotations

from pathlib import Path

import typer

from assistant.app import get_store, launch, reset_store, user_message, write_lock
from assistant.config import CORPUS_DIR, get_settings
from assistant.errors import EmbeddingMismatchError
from assistant.store import Store, load_manifest, rebuild_store

SAMPLES_DIR = CORPUS_DIR / "samples"


def sample_files() -> list[tuple[Path, str]]:
    """(path, kind) for each shipped sample; policy texts are named policy_*.txt."""
    out = []
    for path in sorted(SAMPLES_DIR.glob("*")):
        if path.suffix.lower() in {".txt", ".docx", ".md"}:
            out.append((path, "policy" if path.name.startswith("policy") else "report"))
    return out


def ingest_samples(progress: bool = True) -> str:
    """Ingest the samples not yet in the store; returns a one-line Chinese summary."""
    store = _open_or_rebuild_samples_store()
    present = {Path(str(s.get("source", ""))).name for s in store.sources()}
    todo = [(p, kind) for p, kind in sample_files() if p.name not in present]
    if not todo:
        return f"示例语料已在检索库中（{store.count()} 个段落），跳过导入。"
    done = 0
    for kind in ("report", "policy"):
        paths = [p for p, k in todo if k == kind]
        if paths:
            with write_lock():
                store.ingest(paths, kind=kind, progress=progress)
            done += len(paths)
    return f"已导入 {done} 个示例文件，检索库现有 {store.count()} 个段落。"


def _open_or_rebuild_samples_store() -> Store:
    """A store an older fazhi wrote with another passage recipe is rebuilt here only when it holds nothing
    but the shipped samples (seconds); a user's own corpus is left for `fazhi store rebuild` to decide."""
    try:
        return get_store()
    except EmbeddingMismatchError:
        s = get_settings()
        sources = {Path(src).resolve() for src in load_manifest(s.store_path)}
        samples = {p.resolve() for p, _ in sample_files()}
        if s.chroma_url or not sources or not sources <= samples:
            raise
        rebuild_store(s)
        reset_store()
        return get_store()


def demo(
    host: str = typer.Option("127.0.0.1", "--host", help="监听地址"),
    port: int = typer.Option(7860, "--port", help="端口"),
) -> None:
    """导入示例语料（若尚未导入）并启动网页版助手。"""
    try:
        typer.echo(ingest_samples())
    except Exception as exc:  # the app is still useful without the samples (review, batch)
        typer.echo(f"示例语料导入失败：{user_message(exc)}（网页仍可使用）", err=True)
    typer.echo(f"fazhi 网页版：http://{host}:{port}/ （Ctrl-C 退出）")
    launch(host, port, block=True, quiet=True)


def register(app: typer.Typer) -> None:
    app.command("demo")(demo)
