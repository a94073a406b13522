"""deckgen watch in a real browser: the command runs in a process of its own on a free port,
headless Chromium (Debian's chromium and chromedriver, driven by selenium; nothing is
downloaded) opens the page, a content file is edited and the new slide text (and, with
LibreOffice, its thumbnail) appears; then an error appears with its file and line."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from .conftest import REPO, TESTS

CHROMIUM, CHROMEDRIVER = Path("/usr/bin/chromium"), Path("/usr/bin/chromedriver")
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)
NO_LIBREOFFICE = (
    "import deckgen.watch.thumbs as thumbs\nthumbs.missing_tools = lambda: thumbs.MISSING\n"
)
"""A sitecustomize.py that makes watch behave as on a machine without LibreOffice."""

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not (CHROMIUM.is_file() and CHROMEDRIVER.is_file()),
        reason="trenger Debians chromium og chromium-driver (/usr/bin/chromium, "
        "/usr/bin/chromedriver): apt-get install chromium chromium-driver",
    ),
]


@pytest.fixture
def browser(tmp_path: Path) -> Iterator[Any]:
    """Headless Chromium with a new, empty profile."""
    webdriver = pytest.importorskip("selenium.webdriver")
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in (*FLAGS, f"--user-data-dir={tmp_path / 'chromium-profil'}"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
    try:
        yield driver
    finally:
        driver.quit()


def start_watch(project: Path, site: Path | None) -> tuple[subprocess.Popen[str], str]:
    """Start `python -m deckgen watch demo --port 0` in the project; the process and its URL."""
    path = [str(site)] if site else []
    process = subprocess.Popen(
        [sys.executable, "-m", "deckgen", "watch", "demo", "--port", "0"],
        cwd=project,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": os.pathsep.join([*path, str(REPO)])},
    )
    assert process.stdout is not None
    first = process.stdout.readline()
    if "http://127.0.0.1:" not in first:
        process.kill()
        raise AssertionError(f"{first}{process.communicate()[1]}")
    return process, first.split("åpne ", 1)[1].split(" ", 1)[0]


def stop_watch(process: subprocess.Popen[str]) -> tuple[int, str]:
    """Ctrl+C; the exit code and what was printed on stderr."""
    process.send_signal(signal.SIGINT)
    _, errors = process.communicate(timeout=60)
    return process.returncode, errors


def wait_for(driver: Any, test: Any, seconds: float = 60) -> Any:
    """Wait until test(driver) is true; return its value."""
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(driver, seconds, poll_frequency=0.2).until(test)


def text_of(driver: Any, element_id: str) -> str:
    """The visible text of an element."""
    from selenium.webdriver.common.by import By

    return str(driver.find_element(By.ID, element_id).text)


@pytest.mark.parametrize(
    "thumbnails",
    [False, pytest.param(True, marks=pytest.mark.libreoffice)],
    ids=["tekst", "bilder"],
)
def test_the_page_shows_new_slide_text_and_then_the_error_with_file_and_line(
    tmp_path: Path, browser: Any, thumbnails: bool
) -> None:
    from selenium.webdriver.common.by import By

    if thumbnails and shutil.which("pdftoppm") is None:
        pytest.skip("trenger pdftoppm (poppler-utils) for miniatyrbildene")
    project = tmp_path / "prosjekt"
    shutil.copytree(TESTS / "feil" / "grunnlag", project)
    site = None
    if not thumbnails:
        site = tmp_path / "site"
        site.mkdir()
        (site / "sitecustomize.py").write_text(NO_LIBREOFFICE, encoding="utf-8")
    process, url = start_watch(project, site)
    try:
        browser.get(url)
        assert browser.find_element(By.TAG_NAME, "html").get_attribute("lang") == "nb"
        wait_for(browser, lambda d: "Bygg 1 er ferdig" in text_of(d, "status"))
        assert "Alle skal med" in text_of(browser, "lysbilder")
        if thumbnails:
            first = wait_for(browser, lambda d: d.find_elements(By.CSS_SELECTOR, "#lysbilder img"))
            alts = [img.get_attribute("alt") for img in first]
            assert alts == ["Feiltest", "Elevene", "Økonomi", "Skolen"]
        else:
            assert "Miniatyrbildene trenger LibreOffice" in text_of(browser, "miniatyrer")

        demo = project / "content" / "demo.md"
        text = demo.read_text(encoding="utf-8")
        demo.write_text(text.replace("- Alle skal med", "- Alle skal med i Lysvik"), "utf-8")
        wait_for(browser, lambda d: "Alle skal med i Lysvik" in text_of(d, "lysbilder"))
        assert "Bygg 2 er ferdig" in text_of(browser, "status")
        assert text_of(browser, "problemer") == ""
        if thumbnails:
            new = '#lysbilder img[src^="/bilder/2/"]'
            pictures = wait_for(browser, lambda d: d.find_elements(By.CSS_SELECTOR, new))
            assert len(pictures) == 4
            assert wait_for(browser, lambda d: d.execute_script(
                "return [...document.querySelectorAll('#lysbilder img')]"
                ".every((img) => img.complete && img.naturalWidth > 100)"
            ))  # fmt: skip

        demo.write_text(text.replace("## Økonomi", "## Økonomi {.kolonnr}"), "utf-8")
        wait_for(browser, lambda d: "kolonnr" in text_of(d, "problemer"))
        assert text_of(browser, "problemer").startswith(
            "feil: content/demo.md:6: ukjent lysbildetype «kolonnr» (mente du «kolonner»?)"
        )
        assert text_of(browser, "status") == (
            "Bygg 3 stoppet med feil. Lysbildene under er fra bygg 2 og er utdatert."
        )
        assert "Alle skal med i Lysvik" in text_of(browser, "lysbilder")  # the last good build
    finally:
        code, errors = stop_watch(process)
    assert code == 0, errors
    assert errors.splitlines()[-1] == "deckgen watch er stoppet"
    assert "feil: content/demo.md:6: ukjent lysbildetype «kolonnr»" in errors
