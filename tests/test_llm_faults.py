"""Issue #16, faults 1–3: a model answer that does not finish properly is never taken for a finished one.

A real HTTP server on 127.0.0.1 (tests/fake_openai.py) misbehaves on purpose: the stream ends with no
finish_reason and no [DONE] after half a sentence; a `data:` line is not JSON; the chunked transfer
breaks midway. The client continues (or asks again), then gives up with the partial text; drafting
keeps every finished section and the partial one, the CLI writes them and names the incomplete ones.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from assistant.cli import main
from assistant.errors import LLMError, LLMIncompleteError
from assistant.llm import get_llm

EXAMPLES = Path(__file__).resolve().parent.parent / "corpus" / "examples"
MESSAGES = [{"role": "user", "content": "请写行政复议部分：收到申请21件，审结19件。"}]
HALF = "全年共收到行政复议申请21件，依法审结"  # half a sentence, ending mid-clause
REST = "19件，审结率90.5%。"
GOOD = "我县坚持依法化解矛盾纠纷，收到行政复议申请86件，其中受理74件。"

CUT = {"text": HALF, "cut": True}
GARBAGE = {"text": HALF + REST, "garbage": '{"choices": [{"delta": {"content": "半', "after": 2}
BROKEN = {"text": HALF + REST, "break_after": 2}


def _draft_cli(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, dict, str]:
    out = tmp_path / "草稿.json"
    args = ["draft", str(EXAMPLES / "county.yaml"), "--backend", "openai", "--section", "measures"]
    rc = main([*args, "--out", str(out), "--quiet"])
    err = capsys.readouterr().err
    assert "Traceback" not in err
    return rc, json.loads(out.read_text(encoding="utf-8")), err


# ---------------------------------------------------------------- 1. cut off: no finish_reason, no [DONE]


def test_fault1_cut_stream_is_continued_from_the_partial_text(fake_llm):
    fake_llm.queue(CUT, REST)
    llm = get_llm()
    assert "".join(llm.complete(MESSAGES)) == HALF + REST
    follow_up = fake_llm.requests[-1]["messages"]
    assert follow_up[-2] == {"role": "assistant", "content": HALF}  # continued, not started over
    assert "中断" in follow_up[-1]["content"] and len(llm.last.faults) == 1


def test_fault1_cut_stream_that_never_finishes_is_incomplete_not_done(fake_llm):
    fake_llm.queue(CUT, CUT, CUT)
    llm = get_llm()
    got: list[str] = []
    with pytest.raises(LLMIncompleteError, match="没有结束标志.*已重试 2 次") as caught:
        for piece in llm.complete(MESSAGES):
            got.append(piece)
    assert caught.value.partial == "".join(got) == HALF * 3
    assert len(fake_llm.requests) == 3


def test_fault1_cut_section_is_saved_marked_incomplete_and_exit_1(fake_llm, tmp_path, capsys):
    fake_llm.queue(GOOD, CUT, CUT, CUT)  # section 2 fine; section 3 cut off three times; the rest fine
    rc, data, err = _draft_cli(tmp_path, capsys)
    sections = data["sections"]
    assert rc == 1
    assert sections[1]["status"] == "ok" and "受理74件" in sections[1]["text"]
    assert sections[2]["status"] == "incomplete" and sections[2]["text"].startswith(HALF)
    assert all(s["status"] == "ok" for s in sections[3:])  # the service answers: the rest are drafted
    heading = sections[2]["heading"]
    assert f"错误：1 个部分不完整：{heading}（回答中断）" in err
    assert "不完整" in " ".join(data["warnings"])


def test_fault1_markdown_and_docx_say_the_section_is_unfinished(fake_llm, tmp_path, capsys):
    fake_llm.queue(CUT, CUT, CUT)
    md = tmp_path / "草稿.md"
    rc = main(["draft", str(EXAMPLES / "county.yaml"), "--backend", "openai", "--section", "leaders", "--out", str(md)])
    assert rc == 1
    text = md.read_text(encoding="utf-8")
    assert HALF in text and "此部分不完整：模型的回答中途中断" in text
    fake_llm.queue(CUT, CUT, CUT)
    docx = tmp_path / "草稿.docx"
    assert (
        main(
            ["draft", str(EXAMPLES / "county.yaml"), "--backend", "openai", "--section", "leaders", "--out", str(docx)]
        )
        == 1
    )
    from docx import Document

    paragraphs = [p.text for p in Document(str(docx)).paragraphs]
    assert any(HALF in p for p in paragraphs) and any("此部分不完整" in p for p in paragraphs)


# ---------------------------------------------------------------- 2. a line that is not JSON


def test_fault2_non_json_line_is_retried_and_the_partial_text_kept(fake_llm):
    fake_llm.queue(GARBAGE, "19件。")
    llm = get_llm()
    text = "".join(llm.complete(MESSAGES))
    assert text.endswith("19件。") and text.startswith(HALF[:12])
    assert "不是 JSON" in llm.last.faults[0]


def test_fault2_non_json_every_time_is_one_chinese_error_and_drafted_sections_are_kept(fake_llm, tmp_path, capsys):
    fake_llm.queue(GOOD, GARBAGE, GARBAGE, GARBAGE)
    rc, data, err = _draft_cli(tmp_path, capsys)
    sections = data["sections"]
    assert rc == 1
    assert sections[1]["status"] == "ok" and "受理74件" in sections[1]["text"]
    assert sections[2]["status"] == "incomplete" and sections[2]["text"].startswith(HALF[:12])
    warning = next(w for w in data["warnings"] if sections[2]["heading"] in w and "不完整" in w)
    assert "返回了无法解析的数据（不是 JSON" in warning and "已重试 2 次" in warning
    assert "错误：1 个部分不完整" in err


def test_fault2_non_json_body_without_streaming_is_a_clear_error(fake_llm):
    fake_llm.queue(*[{"raw": "<html>502 Bad Gateway</html>"}] * 3)
    with pytest.raises(LLMError, match="不是 JSON：「<html>502 Bad Gateway</html>」") as caught:
        get_llm().complete_text(MESSAGES)
    assert not isinstance(caught.value, LLMIncompleteError)  # nothing was received to keep


# ---------------------------------------------------------------- 3. a chunked stream broken midway


def test_fault3_broken_stream_is_retried_and_keeps_what_was_streamed(fake_llm):
    fake_llm.queue(BROKEN, REST)
    llm = get_llm()
    text = "".join(llm.complete(MESSAGES))
    assert text == HALF[:12] + REST  # two 6-character pieces arrived before the break
    assert len(fake_llm.requests) == 2
    assert fake_llm.requests[1]["messages"][-2]["content"] == HALF[:12]
    assert "传输在中途断开" in llm.last.faults[0] and "无法连接" not in llm.last.faults[0]


def test_fault3_broken_every_time_never_says_the_service_cannot_be_reached(fake_llm, tmp_path, capsys):
    fake_llm.queue(GOOD, BROKEN, BROKEN, BROKEN)
    rc, data, err = _draft_cli(tmp_path, capsys)
    sections = data["sections"]
    assert rc == 1 and len(fake_llm.requests) >= 4
    assert sections[2]["status"] == "incomplete" and sections[2]["text"] == HALF[:12] * 3
    assert "无法连接" not in err and "无法连接" not in " ".join(data["warnings"])
    assert any("已开始回答，但传输在中途断开（连接被对方关闭" in w for w in data["warnings"])


def test_dead_endpoint_is_still_cannot_connect(tmp_path):
    from assistant.llm import LLM, free_port

    llm = LLM(base_url=f"http://127.0.0.1:{free_port()}/v1", model="m", retries=0, timeout=3)
    with pytest.raises(LLMError, match="无法连接模型服务") as caught:
        list(llm.complete(MESSAGES))
    assert not isinstance(caught.value, LLMIncompleteError)


def test_a_server_that_closes_without_any_response_did_not_answer():
    """Not "已开始回答": a connection accepted and closed with no HTTP response at all."""
    import socket
    import threading

    from assistant.llm import LLM

    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(16)

    def hang_up() -> None:
        while True:
            try:
                conn, _ = listener.accept()
            except OSError:
                return
            conn.recv(65536)
            conn.close()

    threading.Thread(target=hang_up, daemon=True).start()
    try:
        llm = LLM(base_url=f"http://127.0.0.1:{listener.getsockname()[1]}/v1", model="m", retries=0, timeout=3)
        with pytest.raises(LLMError, match="接受了连接但没有回应") as caught:
            list(llm.complete(MESSAGES))
        assert "已开始回答" not in str(caught.value)
    finally:
        listener.close()
