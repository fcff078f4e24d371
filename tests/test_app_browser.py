"""The web app in a real headless Chromium (Debian /usr/bin/chromium + chromedriver, via selenium):
draft a section in the chat, review a seed report, and keep a screenshot of every tab."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import pytest

from assistant.app import AppProcess
from tests.helpers import CHROME_FLAGS, chromium_path

pytestmark = pytest.mark.slow

CHROMIUM = chromium_path()
CHROMEDRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"
REPO = Path(__file__).resolve().parent.parent
SAMPLE = REPO / "corpus" / "samples" / "qinglan_county_2024.txt"
MESSAGE = "帮我写行政复议部分：今年收到行政复议申请35件，审结33件，其中维持28件、撤销3件"
WAIT = 120


def _require_browser() -> None:
    if not (CHROMIUM and Path(CHROMEDRIVER).exists()):
        pytest.skip("未安装 chromium / chromium-driver（apt-get install chromium chromium-driver），跳过浏览器测试")


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> AppProcess:
    _require_browser()
    home = tmp_path_factory.mktemp("browser-home")
    with AppProcess({"FAZHI_HOME": str(home)}, log=home / "server.log") as server:
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
        "--window-size=1440,1100",
        "--lang=zh-CN",
    ):
        options.add_argument(flag)
    options.add_experimental_option("prefs", {"intl.accept_languages": "zh-CN,zh"})
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.set_page_load_timeout(WAIT)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


def _wait_text(driver, css: str, text: str, timeout: float = WAIT) -> str:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    def found(d):
        elements = d.find_elements(By.CSS_SELECTOR, css)
        content = " ".join(e.text for e in elements)
        return content if text in content else False

    return WebDriverWait(driver, timeout, poll_frequency=0.3).until(found)


def _tab(driver, name: str) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import WebDriverWait

    button = WebDriverWait(driver, WAIT).until(
        ec.element_to_be_clickable((By.XPATH, f"//button[@role='tab' and contains(normalize-space(.), '{name}')]"))
    )
    button.click()


def test_draft_review_and_screenshots(
    app: AppProcess, browser, artifacts_dir: Path, request: pytest.FixtureRequest
) -> None:
    try:
        _draft_review_and_screenshots(app, browser, artifacts_dir, request)
    except Exception:
        browser.save_screenshot(str(artifacts_dir / "app" / "failure.png"))
        raise


def _draft_review_and_screenshots(
    app: AppProcess, browser, artifacts_dir: Path, request: pytest.FixtureRequest
) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import WebDriverWait

    shots = artifacts_dir / "app"
    shots.mkdir(parents=True, exist_ok=True)
    browser.get(app.url)
    _wait_text(browser, "body", "撰写助手")

    # 撰写助手: type a request, the draft streams into the chat, figures are checked beside it.
    box = WebDriverWait(browser, WAIT).until(ec.element_to_be_clickable((By.CSS_SELECTOR, "#chat-input textarea")))
    box.send_keys(MESSAGE)
    box.send_keys(Keys.ENTER)
    reply = _wait_text(browser, "#chat-bot", "收到行政复议申请35件")
    assert "维持28件" in reply
    _wait_text(browser, "#chat-check", "有据")
    table = _wait_text(browser, "#chat-figures", "收到行政复议申请")
    assert "35" in table
    assert "composer" in browser.find_element(By.CSS_SELECTOR, "#chat-backend").text
    browser.save_screenshot(str(shots / "1_撰写助手.png"))

    # 报告审查: upload a seed (or our own sample without ../shared) and read the verdict.
    try:
        seed = request.getfixturevalue("seeds")["000"]
        expect = "第一责任人"
    except pytest.skip.Exception:
        seed, expect = SAMPLE, "审查结论"
    _tab(browser, "报告审查")
    upload = browser.find_element(By.CSS_SELECTOR, "#review-files input[type=file]")
    upload.send_keys(str(seed))
    _wait_text(browser, "#review-files", "KB")  # the size shows once the upload has finished
    browser.find_element(By.CSS_SELECTOR, "#review-run").click()
    summary = _wait_text(browser, "#review-summary", "审查结论")
    items = _wait_text(browser, "#review-items", expect)
    if seed != SAMPLE:
        assert "茂南区" in summary and "缺失" in items
        _wait_text(browser, "#review-figures", "87")
    browser.save_screenshot(str(shots / "2_报告审查.png"))

    _tab(browser, "批量汇总")
    _wait_text(browser, "body", "开始汇总")
    browser.save_screenshot(str(shots / "3_批量汇总.png"))

    _tab(browser, "语料库")
    _wait_text(browser, "body", "导入检索库")
    browser.save_screenshot(str(shots / "4_语料库.png"))

    _tab(browser, "设置/状态")
    status = _wait_text(browser, "#status-table", "fazhi 版本")
    assert "composer" in status
    browser.save_screenshot(str(shots / "5_设置状态.png"))
    for name in ("1_撰写助手", "2_报告审查", "3_批量汇总", "4_语料库", "5_设置状态"):
        assert (shots / f"{name}.png").stat().st_size > 10_000


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
        browser.save_screenshot(str(shots / "8_报告审查_上年对照.png"))
    except Exception:
        browser.save_screenshot(str(shots / "failure_previous.png"))
        raise
