"""Issue #16, fault 9: `kill -9` of `fazhi summarize --workers 2` — the workers die with their parent,
the work file is not held, and a resumed run loses and duplicates nothing (a real subprocess, SIGKILL)."""

from __future__ import annotations

import fcntl
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from assistant.errors import InputError
from assistant.summarize import load_work_file, run_batch, work_file_for

REPO = Path(__file__).resolve().parent.parent
SAMPLES = REPO / "corpus" / "samples"
REPORTS = 60


def _reports(folder: Path) -> list[Path]:
    folder.mkdir()
    bases = [p.read_text(encoding="utf-8") for p in sorted(SAMPLES.glob("*_2024.txt"))]
    for i in range(REPORTS):
        (folder / f"{i:02d}.txt").write_text(bases[i % len(bases)] + f"\n（第{i}份报送材料）\n", encoding="utf-8")
    return sorted(folder.iterdir())


def _children(pid: int) -> list[int]:
    found: list[int] = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        found += [int(c) for c in (task / "children").read_text().split()]
    return found


def _alive(pid: int) -> bool:
    """Running or sleeping; a zombie waiting for init to reap it has already died."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except FileNotFoundError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


def _holders(path: Path) -> list[int]:
    """Processes with `path` open (other than this test process)."""
    target = str(path.resolve())
    pids = []
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit() or int(proc.name) == os.getpid():
            continue
        try:
            if any(os.readlink(fd) == target for fd in (proc / "fd").iterdir()):
                pids.append(int(proc.name))
        except OSError:
            continue
    return pids


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_fault9_kill_9_takes_the_workers_along_and_resume_loses_and_duplicates_nothing(tmp_path):
    files = _reports(tmp_path / "reports")
    out = tmp_path / "汇总.json"
    work = work_file_for(out)
    cmd = [
        sys.executable,
        "-m",
        "assistant.cli",
        "summarize",
        str(files[0].parent),
        "--out",
        str(out),
        "--workers",
        "2",
    ]
    env = dict(os.environ, PYTHONPATH=str(REPO))
    proc = subprocess.Popen(cmd, cwd=REPO, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.time() + 90
        while time.time() < deadline and (not work.exists() or len(work.read_bytes().splitlines()) < 3):
            assert proc.poll() is None, proc.stderr.read().decode() if proc.stderr else ""
            time.sleep(0.02)
        workers = _children(proc.pid)
        assert len(workers) >= 2, "the pool's workers are running"
        assert set(_holders(work)) >= {proc.pid}
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=10)
    finally:
        if proc.poll() is None:
            proc.kill()
    deadline = time.time() + 10
    while time.time() < deadline and any(_alive(w) for w in workers):
        time.sleep(0.05)
    assert not [w for w in workers if _alive(w)], "workers outlived their killed parent"
    assert _holders(work) == []
    with work.open("a") as fh:  # nobody holds the run's lock any more
        fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        fcntl.flock(fh.fileno(), fcntl.LOCK_UN)
    done = len(load_work_file(work))
    assert 3 <= done < REPORTS, "killed in the middle of the batch"

    resumed = subprocess.run(cmd + ["--resume"], cwd=REPO, env=env, capture_output=True, text=True, timeout=180)
    assert resumed.returncode == 0, resumed.stderr
    assert f"已有 {done} 份" in resumed.stderr
    reports = json.loads(out.read_text(encoding="utf-8"))["reports"]
    names = [Path(r["file"]).name for r in reports]
    assert names == [p.name for p in files]  # every report once, in order: nothing lost, nothing twice
    assert all(r["ok"] for r in reports)
    keys = [json.loads(line)["key"] for line in work.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert len(keys) == len(set(keys)) == REPORTS


def test_a_second_run_on_the_same_work_file_is_refused_while_the_first_holds_it(tmp_path):
    files = _reports(tmp_path / "reports")[:2]
    work = tmp_path / "汇总.work.jsonl"
    work.write_text("", encoding="utf-8")
    with work.open("a") as fh:
        fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        with pytest.raises(InputError, match="正被另一个汇总进程使用"):
            run_batch(files, work, workers=1)
    assert len(run_batch(files, work, workers=1).rows) == 2
