"""The Thunderbird add-on: its Node tests (a fake messenger API against a real `heartlint serve`),
its packed .xpi and manifest, and its popup rendered in headless Chromium."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ADDON = Path(__file__).resolve().parent.parent / "integrations" / "thunderbird"
sys.path.insert(0, str(ADDON))

import build  # noqa: E402  (the add-on's own build script)

from tests.waiting import wait_for  # noqa: E402

NODE = shutil.which("node")
KNOWN_PERMISSIONS = {"compose", "storage", "notifications", "http://127.0.0.1/*", "http://localhost/*"}


@pytest.mark.skipif(NODE is None, reason="node is not installed")
def test_the_add_ons_node_tests_pass():
    done = subprocess.run(
        [NODE, "--test", str(ADDON / "test")],
        capture_output=True,
        text=True,
        env={**os.environ, "HEARTLINT_PYTHON": sys.executable},
        timeout=600,
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-2000:]
    assert "# fail 0" in done.stdout and "# pass 8" in done.stdout


def test_the_xpi_holds_the_manifest_and_every_file_it_names(tmp_path):
    xpi = build.build(tmp_path)
    manifest = json.loads((ADDON / "manifest.json").read_text())
    with zipfile.ZipFile(xpi) as archive:
        names = set(archive.namelist())
        assert json.loads(archive.read("manifest.json")) == manifest
    named = {*manifest["background"]["scripts"], manifest["options_ui"]["page"], *manifest["icons"].values()}
    assert named <= names
    for page in ("popup.html", "options.html"):
        html = (ADDON / page).read_text()
        for reference in ("popup.js", "popup.css", "options.js", "core.js"):
            if f'"{reference}"' in html:
                assert reference in names, (page, reference)


def test_the_manifest_is_a_thunderbird_mailextension():
    manifest = json.loads((ADDON / "manifest.json").read_text())
    assert manifest["manifest_version"] == 2
    gecko = manifest["browser_specific_settings"]["gecko"]
    assert "@" in gecko["id"] and float(gecko["strict_min_version"]) >= 115  # Thunderbird ESR 115 and later
    assert set(manifest["permissions"]) <= KNOWN_PERMISSIONS
    assert "compose" in manifest["permissions"]  # Thunderbird-only: compose.onBeforeSend
    assert "onBeforeSend" in (ADDON / "background.js").read_text()


@pytest.mark.skipif(not (shutil.which("chromium") and shutil.which("chromedriver")), reason="no headless Chromium")
def test_the_popup_renders_the_findings_from_its_own_html(tmp_path):
    import screenshot

    out = tmp_path / "popup.png"
    codes = screenshot.render(out)
    assert {"HL101", "HL201"} <= set(codes)
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and out.stat().st_size > 10_000


PREFS = """user_pref("xpinstall.signatures.required", false);
user_pref("extensions.autoDisableScopes", 0);
user_pref("devtools.console.stdout.content", true);
user_pref("mail.shell.checkDefaultClient", false);
"""


@pytest.mark.skipif(shutil.which("thunderbird") is None, reason="Thunderbird is not installed")
def test_thunderbird_loads_the_add_on_headless(tmp_path):
    profile = tmp_path / "profile"
    (profile / "extensions").mkdir(parents=True)
    xpi = build.build(tmp_path)
    shutil.copy(xpi, profile / "extensions" / "heartlint@heartlint.invalid.xpi")
    (profile / "user.js").write_text(PREFS)
    log = tmp_path / "thunderbird.log"
    with log.open("w") as out:
        process = subprocess.Popen(
            ["thunderbird", "--headless", "--profile", str(profile)], stdout=out, stderr=subprocess.STDOUT
        )
        try:
            ready = wait_for(lambda: "heartlint: checking drafts" in log.read_text(errors="replace"), 90, every=0.5)
        finally:
            process.terminate()
            process.wait(timeout=30)
    assert ready, log.read_text(errors="replace")[-3000:]
    addons = json.loads((profile / "extensions.json").read_text())["addons"]
    ours = next(a for a in addons if a["id"] == "heartlint@heartlint.invalid")
    assert ours["active"] and not ours["appDisabled"]
