"""The HTML report, checked in a real headless Chromium (installed by .ci/run)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
CORPUS = Path(__file__).resolve().parent.parent / "corpus"
CHROMIUM, CHROMEDRIVER = shutil.which("chromium"), shutil.which("chromedriver")


@pytest.fixture()
def report(cli, tmp_path) -> Path:
    code, out, _ = cli("--format", "html", str(EXAMPLES), str(CORPUS / "wild-j"))
    assert code == 1
    page = tmp_path / "report.html"
    page.write_text(out, encoding="utf-8")
    return page


def test_report_is_self_contained_and_coloured(report):
    page = report.read_text(encoding="utf-8")
    assert not re.search(r'(?:src|href)="(?:https?:)?//', page) and "@import" not in page
    assert 'data-move="apology"' in page and 'data-move="fix"' in page and 'class="timeline"' in page
    assert page.count("<tr data-path=") == 37


@pytest.mark.skipif(not (CHROMIUM and CHROMEDRIVER), reason="chromium and chromedriver are not installed")
def test_report_in_headless_chromium(report, tmp_path):
    from selenium import webdriver
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By

    options = Options()
    options.binary_location = CHROMIUM
    for flag in (
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        f"--user-data-dir={tmp_path / 'profile'}",
        "--window-size=1300,1200",
    ):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    try:
        driver.get(report.as_uri())
        assert [entry for entry in driver.get_log("browser") if entry["level"] == "SEVERE"] == []

        def scores() -> list[int]:
            return [
                int(row.get_attribute("data-score"))
                for row in driver.find_elements(By.CSS_SELECTOR, "#drafts tbody tr")
            ]

        header = driver.find_element(By.CSS_SELECTOR, 'th[data-key="score"]')
        header.click()
        assert scores() == sorted(scores()) and scores()[0] < scores()[-1]
        header.click()
        assert scores() == sorted(scores(), reverse=True)
        driver.find_element(By.CSS_SELECTOR, 'th[data-key="path"]').click()
        paths = [row.get_attribute("data-path") for row in driver.find_elements(By.CSS_SELECTOR, "#drafts tbody tr")]
        assert paths == sorted(paths)
        screenshot = tmp_path / "report.png"
        assert driver.save_screenshot(str(screenshot)) and screenshot.stat().st_size > 10_000
    finally:
        driver.quit()
