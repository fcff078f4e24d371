"""Server mode: a real `chroma run` on loopback shared by two fazhi homes (two team members)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from assistant.cli import main
from assistant.config import reload_settings
from assistant.errors import StoreError
from assistant.store import HNSW, Store
from tests.test_store import free_port, write_small_reports


def _chroma_bin() -> str:
    exe = Path(sys.executable).parent / "chroma"
    if exe.exists():
        return str(exe)
    found = shutil.which("chroma")
    if not found:
        pytest.skip("没有 chroma 命令（chromadb 未完整安装）")
    return found


@pytest.fixture
def chroma_server(tmp_path: Path):
    port = free_port()
    log = open(tmp_path / "chroma.log", "w")  # noqa: SIM115 - the server writes it while it runs
    proc = subprocess.Popen(
        [_chroma_bin(), "run", "--path", str(tmp_path / "server-data"), "--host", "127.0.0.1", "--port", str(port)],
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        import httpx

        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(f"{url}/api/v2/heartbeat", timeout=1.0).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                pytest.fail("chroma run 未能启动：" + (tmp_path / "chroma.log").read_text()[-500:])
            time.sleep(0.3)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


@pytest.mark.slow
def test_shared_server_store(chroma_server: str, tmp_path: Path, monkeypatch, capsys) -> None:
    files = write_small_reports(tmp_path / "docs")
    monkeypatch.setenv("FAZHI_CHROMA_URL", chroma_server)
    reload_settings()
    writer = Store.open()
    assert writer.chroma_dir is None and writer.location == chroma_server
    assert writer.collection.configuration["hnsw"]["ef_search"] == HNSW["ef_search"]  # the server keeps it too
    summary = writer.ingest(files)
    assert summary.added == 3 and not summary.failed
    hits = writer.search("行政复议申请 纠错率", k=2)
    assert hits[0].meta["file"] == "甲县2021年法治政府建设年度报告.txt"
    assert writer.ingest(files).skipped == 3

    # a colleague with another FAZHI_HOME: no local cache yet, the keyword index is built from the server
    monkeypatch.setenv("FAZHI_HOME", str(tmp_path / "colleague-home"))
    reload_settings()
    reader = Store.open()
    assert reader.count() == writer.count()
    kw = reader.search("调解成功率", k=1, mode="keyword")
    assert kw and kw[0].meta["file"] == "乙镇2020年依法行政工作报告.txt"
    assert (tmp_path / "colleague-home" / "store").exists()
    assert main(["search", "政府信息公开申请", "--json", "-k", "1"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["hits"][0]["source"].endswith("丙市2019年政务公开报告.txt")

    # the first writer changes a file; the colleague's keyword cache notices the new revision
    files[1].write_text(
        files[1].read_text(encoding="utf-8") + "（三）法律援助\n全年办理法律援助案件57件。\n", encoding="utf-8"
    )
    assert writer.ingest([files[1]]).updated == 1
    reader._checked_at = 0.0
    hits = reader.search("法律援助案件", k=1, mode="keyword")
    assert hits and "法律援助案件57件" in hits[0].text


def test_unreachable_server_is_a_clear_error(monkeypatch) -> None:
    monkeypatch.setenv("FAZHI_CHROMA_URL", f"http://127.0.0.1:{free_port()}")
    reload_settings()
    with pytest.raises(StoreError) as err:
        Store.open()
    assert "无法连接 Chroma 服务" in str(err.value)
