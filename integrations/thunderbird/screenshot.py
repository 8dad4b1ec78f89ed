"""Render the add-on's popup, from its own HTML, CSS and JavaScript, in headless Chromium with
real findings for the bundled example draft, and save it as popup.png (shown in the README).

    python3 integrations/thunderbird/screenshot.py [--out PATH]
"""

from __future__ import annotations

import argparse
import json
import shutil
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
EXAMPLE = HERE.parent.parent / "examples" / "late-delivery.txt"


def popup_findings() -> list[dict[str, str]]:
    """The findings the popup would list for the example draft, as the background builds them."""
    import heartlint

    result = heartlint.lint_text(EXAMPLE.read_text(encoding="utf-8"))
    return [
        {
            "code": f.code,
            "rule": f.rule,
            "severity": f.severity,
            "message": f.message,
            "help": f.help,
            "excerpt": result.text[f.start : f.end],
        }
        for f in result.findings
        if f.severity in ("error", "warning")
    ]


def render(out: Path) -> list[str]:
    """Save the screenshot; return the finding codes the rendered popup lists."""
    from selenium import webdriver
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By

    with tempfile.TemporaryDirectory() as folder:
        page = Path(folder)
        for name in ("popup.html", "popup.css", "popup.js"):
            shutil.copy(HERE / name, page / name)
        fake = (
            "window.messenger = {windows: {getCurrent: async () => ({id: 1})}, "
            f"runtime: {{sendMessage: async () => {json.dumps(popup_findings())}}}}};"
        )
        (page / "fake-messenger.js").write_text(fake, encoding="utf-8")
        html = (page / "popup.html").read_text(encoding="utf-8")
        html = html.replace(
            '<script src="popup.js">', '<script src="fake-messenger.js"></script><script src="popup.js">'
        )
        (page / "popup.html").write_text(html, encoding="utf-8")
        options = Options()
        for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=560,640"):
            options.add_argument(argument)
        options.binary_location = shutil.which("chromium") or ""
        driver = webdriver.Chrome(service=Service(shutil.which("chromedriver")), options=options)
        try:
            driver.get((page / "popup.html").as_uri())
            codes = [e.text for e in driver.find_elements(By.CSS_SELECTOR, "#findings .code")]
            driver.save_screenshot(str(out))
        finally:
            driver.quit()
    return codes


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=HERE / "popup.png")
    args = parser.parse_args()
    print(args.out, render(args.out))


if __name__ == "__main__":
    main()
