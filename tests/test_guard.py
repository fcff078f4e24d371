"""The login throttle's arithmetic (the HTTP behaviour is in tests/test_app_http.py)."""

from __future__ import annotations

from assistant.app.guard import LoginThrottle, locked_message, upload_message


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_three_free_tries_then_a_doubling_lock_capped_and_reset_by_success():
    clock = Clock()
    throttle = LoginThrottle(free=3, base=1.0, cap=900.0, clock=clock)
    key = ("staff", "10.1.2.3")
    locks = [throttle.failed(key) for _ in range(3)]
    assert locks == [0.0, 0.0, 0.0] and throttle.wait(key) == 0
    assert throttle.failed(key) == 1.0 and throttle.wait(key) == 1.0
    clock.now += 0.4
    assert abs(throttle.wait(key) - 0.6) < 1e-9
    assert [throttle.failed(key) for _ in range(5)] == [2.0, 4.0, 8.0, 16.0, 32.0]
    for _ in range(20):
        throttle.failed(key)
    assert abs(throttle.wait(key) - 900.0) < 1e-6  # 30 wrong passwords in a row: 15 minutes, not 2^26 seconds
    assert throttle.wait(("staff", "10.1.2.4")) == 0 and throttle.wait(("other", "10.1.2.3")) == 0
    throttle.succeeded(key)
    assert throttle.wait(key) == 0 and throttle.failed(key) == 0.0


def test_memory_is_bounded_by_forgetting_the_oldest_pairs():
    throttle = LoginThrottle(free=0, clock=Clock(), max_keys=100)
    for i in range(1000):
        throttle.failed((f"user{i}", "127.0.0.1"))
    assert len(throttle._state) == 100 and throttle.wait(("user999", "127.0.0.1")) > 0


def test_messages_are_chinese():
    assert locked_message(0.2) == "登录失败次数过多，请 1 秒后再试。"
    assert "单个文件不能超过 80 MB" in upload_message(80, 20)
