"""The web app in a real headless Chromium (Debian /usr/bin/chromium + chromedriver, via selenium), as a new
user meets it after `make run` (the `demo` command: samples in the store): every tab before and after use, at
1400×1000 and at a laptop's 1280×720, with a screenshot of each kept under tests/artifacts/app.

The browser asks for English on purpose: fazhi shows Chinese whatever the browser's language, so no Gradio
English ("Drop File Here", "Settings"), no untranslated key ("common.complete") and no internal code
(rule_of_law_report, county, report) may be seen. Without ../shared the review uses our own sample report
instead of a seed, and every wait below is for text the page shows in both setups.
"""

from __future__ import annotations

import re
import shutil
import tempfile
import time
from pathlib import Path

import pytest

from assistant.app import AppProcess
from tests.helpers import CHROME_FLAGS, chromium_path

pytestmark = pytest.mark.slow

CHROMIUM = chromium_path()
CHROMEDRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"
REPO = Path(__file__).resolve().parent.parent
SAMPLES = REPO / "corpus" / "samples"
SAMPLE = SAMPLES / "qinglan_county_2024.txt"
MESSAGE = "帮我写行政复议部分：今年收到行政复议申请35件，审结33件，其中维持28件、撤销3件"
EXAMPLE_ASK = "请根据县级示例起草主要举措和成效一节"
WAIT = 180
TABS = ("撰写助手", "报告审查", "批量汇总", "语料库", "设置/状态")
SIZES = ((1400, 1000), (1280, 720))
# English a user may see in fazhi's own Chinese text: names of formats, tools and settings.
ALLOWED = {
    "fazhi", "composer", "openai", "local", "word", "docx", "pdf", "txt", "html", "htm", "yaml", "zip", "xlsx", "csv",
    "json", "tsv", "markdown", "nanoe", "multilingual", "small", "chroma", "llama", "cpp", "gemma", "api", "fazhi_home",
    "fazhi_", "gb", "kb", "mb",
}  # fmt: skip
I18N_KEY = re.compile(r"\b(?:common|chatbot|chat_interface|dataframe|upload_text|file|blocks|errors|status)\.[a-z_]+")
CODES = re.compile(r"\b(?:rule_of_law_report|work_plan|gov_work_report|disclosure_report|work_summary|county|city|town|"
                   r"province|report|policy)\b")  # fmt: skip

# Every visible text node and every aria-label / title / placeholder of the page.
SEEN_JS = """
const out = [];
const walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
while (walk.nextNode()) {
  const n = walk.currentNode, el = n.parentElement;
  if (!el || !n.nodeValue.trim() || el.closest('script,style') || !el.getClientRects().length) continue;
  out.push(n.nodeValue.trim());
}
for (const el of document.querySelectorAll('[aria-label],[title],[placeholder]')) {
  if (!el.getClientRects().length) continue;
  for (const a of ['aria-label', 'title', 'placeholder']) { const v = el.getAttribute(a); if (v) out.push(v); }
}
return out;
"""
# Scroll containers and cells of a table whose content does not fit: a column cut off.
CUT_JS = """
const root = document.querySelector(arguments[0]);
if (!root) return ['no ' + arguments[0]];
const cut = [];
for (const e of root.querySelectorAll('*')) {
  const s = getComputedStyle(e);
  if ((s.overflowX === 'auto' || s.overflowX === 'scroll') && e.scrollWidth > e.clientWidth + 2)
    cut.push('scrolls: ' + e.className);
  if ((e.tagName === 'TD' || e.tagName === 'TH') && e.innerText.trim() && e.getClientRects().length
      && e.scrollWidth > e.clientWidth + 2)
    cut.push('cell: ' + e.tagName + '.' + e.className + ' ' + e.scrollWidth + '>' + e.clientWidth + ' ' + e.innerText.slice(0, 30));
}
return cut;
"""


def _require_browser() -> None:
    if not (CHROMIUM and Path(CHROMEDRIVER).exists()):
        pytest.skip("未安装 chromium / chromium-driver（apt-get install chromium chromium-driver），跳过浏览器测试")


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> AppProcess:
    _require_browser()
    home = tmp_path_factory.mktemp("browser-home")
    with AppProcess({"FAZHI_HOME": str(home)}, log=home / "server.log", command="demo") as server:
        yield server


@pytest.fixture(scope="module")
def browser(app: AppProcess):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    profile = tempfile.mkdtemp(prefix="fazhi-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in (
        "--headless=new",
        *CHROME_FLAGS,
        "--disable-dev-shm-usage",
        f"--user-data-dir={profile}",
        "--lang=en-US",
    ):
        options.add_argument(flag)
    options.add_experimental_option("prefs", {"intl.accept_languages": "en-US,en"})
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.set_page_load_timeout(WAIT)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


def _viewport(driver, width: int, height: int) -> None:
    """The page gets exactly width × height, as on a screen of that size (no window chrome to subtract)."""
    driver.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False},
    )


def _wait_text(driver, css: str, text: str, timeout: float = WAIT) -> str:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    def found(d):
        content = " ".join(e.text for e in d.find_elements(By.CSS_SELECTOR, css))
        return content if text in content else False

    return WebDriverWait(driver, timeout, poll_frequency=0.3).until(found)


def _tab(driver, name: str) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import WebDriverWait

    xpath = f"//button[@role='tab' and contains(normalize-space(.), '{name}')]"
    WebDriverWait(driver, WAIT).until(ec.element_to_be_clickable((By.XPATH, xpath))).click()
    time.sleep(0.8)


def _not_chinese(driver) -> list[str]:
    """What the page shows that is English, an untranslated key or an internal code."""
    wrong = []
    for text in driver.execute_script(SEEN_JS):
        words = re.sub(r"\S*[/\\.]\S*|[\w-]*\d[\w-]*", " ", text)  # paths, file names and ids are the user's
        names = re.sub(r"\w*_\w*", " ", words)  # file stems such as policy_qinglan_major_decisions
        english = [w for w in re.findall(r"[A-Za-z][A-Za-z_]{2,}", names) if w.lower() not in ALLOWED]
        if english or I18N_KEY.search(text) or CODES.search(words):
            wrong.append(text)
    return sorted(set(wrong))


def _assert_chinese(driver, where: str = "") -> None:
    wrong = _not_chinese(driver)
    assert not wrong, f"{where}: {' | '.join(wrong)}"


def _shot(driver, shots: Path, name: str) -> None:
    driver.save_screenshot(str(shots / f"{name}.png"))
    assert (shots / f"{name}.png").stat().st_size > 10_000


def test_every_tab_before_and_after_use(
    app: AppProcess, browser, artifacts_dir: Path, request: pytest.FixtureRequest
) -> None:
    shots = artifacts_dir / "app"
    shots.mkdir(parents=True, exist_ok=True)
    try:
        _before_use(browser, app, shots)
        _use(browser, shots, request)
        _smaller_screen(browser, shots)
    except Exception:
        browser.save_screenshot(str(shots / "failure.png"))
        raise


def _before_use(driver, app: AppProcess, shots: Path) -> None:
    from selenium.webdriver.common.by import By

    width, height = SIZES[0]
    _viewport(driver, width, height)
    driver.get(app.url)
    _wait_text(driver, "body", "撰写助手")
    # 已收录文件 without pressing 刷新; the year filters empty ("不限"), not 0
    _tab(driver, "语料库")
    sources = _wait_text(driver, "#corpus-sources", "qinglan_county_2024.txt")
    assert "往年报告" in sources and "政策文件" in sources and "县级" in sources
    assert "检索库共 4 个文件" in driver.find_element(By.CSS_SELECTOR, "#corpus-counts").text
    for css in ("#corpus-year-from input", "#corpus-year-to input"):
        field = driver.find_element(By.CSS_SELECTOR, css)
        assert field.get_attribute("value") == "" and field.get_attribute("placeholder").startswith("不限")
    for n, tab in enumerate(TABS, 1):
        _tab(driver, tab)
        _assert_chinese(driver, tab)
        _shot(driver, shots, f"{width}x{height}_before_{n}_{tab.replace('/', '')}")
    # no footer leading to Gradio's English settings panel (screen recording, PWA, run history)
    assert not [e for e in driver.find_elements(By.CSS_SELECTOR, "footer") if e.is_displayed() and e.text.strip()]


def _use(driver, shots: Path, request: pytest.FixtureRequest) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import WebDriverWait

    width, height = SIZES[0]
    # 撰写助手: 导出 Word before any draft says what to do
    _tab(driver, "撰写助手")
    driver.find_element(By.CSS_SELECTOR, "#chat-export").click()
    _wait_text(driver, "body", "还没有可导出的稿件")
    box = WebDriverWait(driver, WAIT).until(ec.element_to_be_clickable((By.CSS_SELECTOR, "#chat-input textarea")))
    box.send_keys(MESSAGE)
    box.send_keys(Keys.ENTER)
    reply = _wait_text(driver, "#chat-bot", "收到行政复议申请35件")
    assert "维持28件" in reply
    _wait_text(driver, "#chat-check", "有据")
    assert "35" in _wait_text(driver, "#chat-figures", "收到行政复议申请")
    assert "composer" in driver.find_element(By.CSS_SELECTOR, "#chat-backend").text
    # the whole 主要举措和成效 from the county example: every area, the request never in the draft,
    # and the form's 报告年度 says the year the draft says
    box.send_keys(EXAMPLE_ASK)
    box.send_keys(Keys.ENTER)
    keys_seen: set[str] = set()
    deadline = time.monotonic() + WAIT
    while "（九）" not in driver.find_element(By.CSS_SELECTOR, "#chat-bot").text:
        keys_seen |= set(I18N_KEY.findall(driver.find_element(By.CSS_SELECTOR, "body").text))
        assert time.monotonic() < deadline, "the whole section was not drafted"
        time.sleep(0.2)
    _wait_text(driver, "#chat-bot", "【模板生成】")
    chat = driver.find_element(By.CSS_SELECTOR, "#chat-bot").text
    assert keys_seen == set() and chat.count(EXAMPLE_ASK) == 1  # the user's own bubble only
    assert "（一）加强党的领导" in chat and "收到行政复议申请86件" in chat
    year = driver.find_element(By.CSS_SELECTOR, "#chat-year input").get_attribute("value")
    assert year == "2024" and "2024年" in chat
    assert (
        driver.find_element(By.CSS_SELECTOR, "#chat-unit textarea, #chat-unit input").get_attribute("value")
        == "云溪县人民政府"
    )
    _assert_chinese(driver)
    _shot(driver, shots, f"{width}x{height}_after_1_撰写助手")

    # 报告审查: a seed (or our own sample without ../shared); the verdict counts what is there
    try:
        seed, sample = request.getfixturevalue("seeds")["000"], False
    except pytest.skip.Exception:
        seed, sample = SAMPLE, True
    _tab(driver, "报告审查")
    driver.find_element(By.CSS_SELECTOR, "#review-files input[type=file]").send_keys(str(seed))
    _wait_text(driver, "#review-files", "KB")  # the size shows once the upload has finished
    driver.find_element(By.CSS_SELECTOR, "#review-run").click()
    summary = _wait_text(driver, "#review-summary", "审查结论")
    items = _wait_text(driver, "#review-items", "主要举措和成效")
    if sample:
        assert "五项法定内容均已写明" in summary and "四项" not in summary
        assert "未发现数字前后矛盾" in _wait_text(driver, "#review-figures-note", "数字问题")
        assert not any(e.is_displayed() for e in driver.find_elements(By.CSS_SELECTOR, "#review-figures"))
    else:
        assert "茂南区" in summary and "缺失" in items
        _wait_text(driver, "#review-figures", "87")
    assert driver.execute_script(CUT_JS, "#review-items") == []
    _assert_chinese(driver)
    _shot(driver, shots, f"{width}x{height}_after_2_报告审查")

    # 批量汇总: document types by name
    _tab(driver, "批量汇总")
    upload = driver.find_element(By.CSS_SELECTOR, "#batch-files input[type=file]")
    upload.send_keys("\n".join(str(p) for p in sorted(SAMPLES.glob("*.txt"))))
    WebDriverWait(driver, WAIT, poll_frequency=0.3).until(  # every file's size shows once uploaded
        lambda d: d.find_element(By.CSS_SELECTOR, "#batch-files").text.count("KB") == 4
    )
    driver.find_element(By.CSS_SELECTOR, "#batch-run").click()
    _wait_text(driver, "#batch-totals", "共 4 个文件")
    assert "法治政府建设年度报告" in _wait_text(driver, "#batch-matrix", "baishi_town_2024.txt")
    _assert_chinese(driver)
    _shot(driver, shots, f"{width}x{height}_after_3_批量汇总")

    # 语料库: hits ranked, levels by name, no fusion scores
    _tab(driver, "语料库")
    query = driver.find_element(By.CSS_SELECTOR, "#corpus-query textarea, #corpus-query input")
    query.send_keys("行政复议案件办理情况")
    driver.find_element(By.CSS_SELECTOR, "#corpus-search").click()
    hits = _wait_text(driver, "#corpus-hits", "qinglan_county_2024.txt")
    assert "排名" in hits and "得分" not in hits and not re.search(r"0\.0\d{2,}", hits)
    _assert_chinese(driver)
    _shot(driver, shots, f"{width}x{height}_after_4_语料库")

    _tab(driver, "设置/状态")
    assert "composer" in _wait_text(driver, "#status-table", "fazhi 版本")
    _assert_chinese(driver)
    _shot(driver, shots, f"{width}x{height}_after_5_设置状态")


def _smaller_screen(driver, shots: Path) -> None:
    """A laptop's 1280×720: the same tabs, after use, still Chinese and with no review column cut off."""
    width, height = SIZES[1]
    _viewport(driver, width, height)
    for n, tab in enumerate(TABS, 1):
        _tab(driver, tab)
        _assert_chinese(driver, tab)
        if tab == "报告审查":
            assert driver.execute_script(CUT_JS, "#review-items") == []
        _shot(driver, shots, f"{width}x{height}_after_{n}_{tab.replace('/', '')}")


def test_drafting_tab_starts_from_a_workbook_or_from_reports(
    app: AppProcess, browser, artifacts_dir: Path, tmp_path: Path
) -> None:
    """A filled 填报表, then the reports two units sent, each uploaded beside the chat and drafted whole."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import WebDriverWait

    from assistant.facts import export_workbook, load_facts

    shots = artifacts_dir / "app"
    shots.mkdir(parents=True, exist_ok=True)
    export_workbook(load_facts(REPO / "corpus" / "examples" / "county.yaml"), tmp_path / "县政府.xlsx")
    samples = REPO / "corpus" / "samples"
    starts = [
        ([tmp_path / "县政府.xlsx"], "起点：1 个填报表", "收到行政复议申请86件", "6_撰写助手_填报表.png"),
        (
            [samples / "baishi_town_2024.txt", samples / "hechuan_market_bureau_2024.txt"],
            "起点：2 个报告",
            "调解成功257件",
            "7_撰写助手_报告汇编.png",
        ),
    ]
    try:
        for files, started_from, figure, shot in starts:
            browser.get(app.url)  # a fresh session: no earlier upload or chat
            _wait_text(browser, "body", "撰写助手")
            upload = browser.find_element(By.CSS_SELECTOR, "#chat-facts input[type=file]")
            upload.send_keys("\n".join(str(f) for f in files))
            _wait_text(browser, "#chat-facts", files[-1].stem)  # the name shows as stem + extension
            count = len(files)
            WebDriverWait(browser, WAIT).until(  # every file's size shows once the uploads have finished
                lambda d, count=count: d.find_element(By.CSS_SELECTOR, "#chat-facts").text.count("KB") >= count
            )
            box = WebDriverWait(browser, WAIT).until(
                ec.element_to_be_clickable((By.CSS_SELECTOR, "#chat-input textarea"))
            )
            box.send_keys("起草全文")
            box.send_keys(Keys.ENTER)
            reply = _wait_text(browser, "#chat-bot", started_from)
            assert figure in reply and "无来源 0 处" in reply
            _wait_text(browser, "#chat-check", "有据")
            _assert_chinese(browser, shot)
            browser.save_screenshot(str(shots / shot))
    except Exception:
        browser.save_screenshot(str(shots / "failure_starting_point.png"))
        raise


def test_review_with_last_years_report_offers_word_downloads(
    app: AppProcess, browser, artifacts_dir: Path, tmp_path: Path
) -> None:
    """The review tab with the optional 上年报告: the comparison shows, and the 审查意见 and the annotated
    copy are offered as .docx downloads."""
    from selenium.webdriver.common.by import By

    from tests.test_compare import LAST, THIS

    this, last = tmp_path / "云溪县2024.txt", tmp_path / "云溪县2023.txt"
    this.write_text(THIS, encoding="utf-8")
    last.write_text(LAST, encoding="utf-8")
    shots = artifacts_dir / "app"
    shots.mkdir(parents=True, exist_ok=True)
    try:
        browser.get(app.url)
        _wait_text(browser, "body", "撰写助手")
        _tab(browser, "报告审查")
        browser.find_element(By.CSS_SELECTOR, "#review-files input[type=file]").send_keys(str(this))
        _wait_text(browser, "#review-files", "云溪县2024")
        browser.find_element(By.CSS_SELECTOR, "#review-previous input[type=file]").send_keys(str(last))
        _wait_text(browser, "#review-previous", "云溪县2023")
        browser.find_element(By.CSS_SELECTOR, "#review-run").click()
        summary = _wait_text(browser, "#review-summary", "与上年报告对照")
        assert "照搬比例" in summary and "已落实" in summary
        for css in ("#review-plans", "#review-downloads"):  # below the fold: Gradio renders tables when in view
            browser.execute_script("arguments[0].scrollIntoView();", browser.find_element(By.CSS_SELECTOR, css))
        plans = _wait_text(browser, "#review-plans", "府院联动")
        assert "已落实" in plans and "未提及" in plans
        downloads = _wait_text(browser, "#review-downloads", "审查意见")  # Gradio splits the name from its suffix
        assert "云溪县2024_批注" in downloads and downloads.count("docx") >= 2, downloads
        _assert_chinese(browser, "上年对照")
        browser.save_screenshot(str(shots / "8_报告审查_上年对照.png"))
    except Exception:
        browser.save_screenshot(str(shots / "failure_previous.png"))
        raise
