"""Fixtures for the browser test: Debian's Chromium driven by Playwright's sync API.

The machine has no internet, so Playwright's own browser download is never used:
Chromium is launched from /usr/bin/chromium. When it (or the playwright package)
is missing, tests that use these fixtures are skipped with the reason.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-gpu",
    "--no-first-run",
    "--disable-sync",
]
REPO_DIR = Path(__file__).resolve().parents[3]


@pytest.fixture
def screenshot_dir() -> Path:
    """Where screenshots go: $DANVAN_SCREENSHOT_DIR or <repo>/artifacts/screenshots."""
    path = Path(os.environ.get("DANVAN_SCREENSHOT_DIR") or REPO_DIR / "artifacts" / "screenshots")
    path.mkdir(parents=True, exist_ok=True)
    return path


@pytest.fixture
def launch_browser(monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[[], object]]:
    """A function that starts Playwright and Chromium and returns the Browser.

    Starting is deferred so a test can do its database work first: while Playwright's
    sync API is active an event loop runs in this thread, and Django refuses ORM calls
    there. DJANGO_ALLOW_ASYNC_UNSAFE is set for this test only, so that pytest-django's
    own database teardown cannot trip over a loop left behind.
    """
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} not found (apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.skip("the playwright package is not installed (pip install -e '.[test]')")

    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    playwrights: list = []
    browsers: list = []

    def launch():  # type: ignore[no-untyped-def]
        pw = sync_playwright().start()
        playwrights.append(pw)
        browser = pw.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
        )
        browsers.append(browser)
        return browser

    yield launch

    try:
        for browser in browsers:
            browser.close()
    finally:
        for pw in playwrights:
            pw.stop()
