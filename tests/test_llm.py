from __future__ import annotations

import pytest

from assistant.config import get_settings, reload_settings
from assistant.errors import ConfigError, LLMError
from assistant.llm import LLM, ThinkStripper, get_llm, strip_think

MESSAGES = [
    {"role": "system", "content": "你是法治政府建设年度报告的撰稿人。"},
    {"role": "user", "content": "请写行政复议部分：收到申请21件，审结19件。"},
]


def test_think_stripper_handles_tags_split_across_chunks():
    stripper = ThinkStripper()
    pieces = ["<thi", "nk>先想想数字", "</th", "ink>全年收到行政复议申请", "21件。<", "think>x</think>完"]
    out = "".join(stripper.feed(p) for p in pieces) + stripper.flush()
    assert out == "全年收到行政复议申请21件。完"


def test_strip_think_drops_unclosed_block():
    assert strip_think("<think>a</think>正文<think>没写完") == "正文"


def test_no_endpoint_means_composer():
    assert get_settings().llm_backend == "composer"
    assert get_llm() is None


def test_openai_backend_without_url_is_a_config_error():
    with pytest.raises(ConfigError, match="FAZHI_LLM_BASE_URL"):
        get_llm(backend="openai")


def test_streams_text_and_sends_the_messages(fake_llm):
    fake_llm.queue("全年共收到行政复议申请21件，依法审结19件。")
    llm = get_llm()
    assert llm is not None and llm.name == "openai" and llm.model == "fake-model"
    pieces = list(llm.complete(MESSAGES, stream=True))
    assert len(pieces) > 1
    assert "".join(pieces) == "全年共收到行政复议申请21件，依法审结19件。"
    assert fake_llm.last_messages()[1]["content"].startswith("请写行政复议部分")
    assert llm.last.finish_reason == "stop" and llm.last.first_token_seconds is not None


def test_non_streaming_and_think_blocks_removed(fake_llm):
    fake_llm.queue("<think>推理过程，不应出现</think>审结率为90.5%。")
    assert get_llm().complete_text(MESSAGES) == "审结率为90.5%。"


def test_truncation_is_continued_with_the_partial_answer(fake_llm):
    fake_llm.queue({"text": "一是健全行政复议", "finish_reason": "length"}, "体制。二是规范应诉。")
    llm = get_llm()
    assert "".join(llm.complete(MESSAGES)) == "一是健全行政复议体制。二是规范应诉。"
    assert llm.last.continuations == 1 and not llm.last.truncated
    follow_up = fake_llm.requests[-1]["messages"]
    assert follow_up[-2] == {"role": "assistant", "content": "一是健全行政复议"}
    assert "继续" in follow_up[-1]["content"]


def test_truncation_reported_when_it_never_finishes(fake_llm):
    fake_llm.queue(*[{"text": "很长", "finish_reason": "length"}] * 3)
    llm = get_llm()
    assert "".join(llm.complete(MESSAGES)) == "很长很长很长"
    assert llm.last.truncated


def test_empty_answer_is_a_clear_error(fake_llm):
    fake_llm.queue("<think>只有思考</think>")
    with pytest.raises(LLMError, match="空内容"):
        list(get_llm().complete(MESSAGES))


@pytest.mark.parametrize(
    ("status", "expected"),
    [(429, "限流"), (500, "内部错误"), (401, "密钥"), (404, "找不到模型"), (400, "拒绝了请求")],
)
def test_endpoint_errors_become_chinese_messages(fake_llm, status, expected):
    fake_llm.queue({"status": status, "text": "scripted"})
    with pytest.raises(LLMError, match=expected):
        list(get_llm().complete(MESSAGES))


def test_rate_limit_is_retried_then_succeeds(fake_llm, monkeypatch):
    monkeypatch.setenv("FAZHI_LLM_RETRIES", "2")
    reload_settings()
    fake_llm.queue({"status": 429}, {"status": 503}, "重试后成功。")
    assert get_llm().complete_text(MESSAGES) == "重试后成功。"
    assert len(fake_llm.requests) == 3


def test_timeout_is_a_clear_error(fake_llm, monkeypatch):
    monkeypatch.setenv("FAZHI_LLM_TIMEOUT", "0.5")
    reload_settings()
    fake_llm.queue({"delay": 2, "text": "太慢了"})
    with pytest.raises(LLMError, match="没有响应"):
        list(get_llm().complete(MESSAGES))


def test_dead_endpoint_is_a_clear_error():
    from assistant.llm import free_port

    llm = LLM(base_url=f"http://127.0.0.1:{free_port()}/v1", model="m", retries=0, timeout=3)
    with pytest.raises(LLMError, match="无法连接模型服务"):
        list(llm.complete(MESSAGES))


def test_dead_endpoint_without_model_name_says_it_cannot_connect(monkeypatch):
    from assistant.llm import free_port

    monkeypatch.setenv("FAZHI_LLM_BASE_URL", f"http://127.0.0.1:{free_port()}/v1")
    reload_settings()
    with pytest.raises(LLMError, match="无法连接模型服务"):
        get_llm()


def test_model_is_discovered_when_not_configured(fake_llm, monkeypatch):
    monkeypatch.delenv("FAZHI_LLM_MODEL")
    reload_settings()
    assert get_llm().model == "fake-model"


@pytest.mark.slow
def test_real_llama_server_streams_chat_completions(llama_backend):
    llm = get_llm()
    assert llm is not None
    pieces = list(llm.complete(MESSAGES, stream=True))
    assert "".join(pieces).strip()
    assert llm.last.first_token_seconds is not None and llm.last.finish_reason in {"stop", "length"}


@pytest.mark.slow
def test_local_backend_starts_and_stops_its_own_server(gemma_gguf, monkeypatch):
    from assistant.llm import local_server

    monkeypatch.setenv("FAZHI_LLM_GGUF", str(gemma_gguf))
    monkeypatch.setenv("FAZHI_LLM_MAX_TOKENS", "16")
    monkeypatch.setenv("FAZHI_LLM_CONTEXT", "1024")
    reload_settings()
    try:
        llm = get_llm()
        assert llm is not None and llm.name == "local" and llm.base_url.startswith("http://127.0.0.1:")
        assert llm.complete_text(MESSAGES).strip()
        server = local_server._shared
        assert server is not None and server.running
        assert get_llm().base_url == llm.base_url  # reused, not restarted
    finally:
        local_server.stop_shared_server()
    assert server.process is None


def test_local_backend_with_missing_file_is_a_clear_error(monkeypatch, tmp_path):
    monkeypatch.setenv("FAZHI_LLM_GGUF", str(tmp_path / "nope.gguf"))
    reload_settings()
    with pytest.raises(Exception, match="找不到本地模型文件"):
        get_llm()
