"""The browser fixtures of danvan/core/tests (Playwright with Debian's Chromium)."""

from danvan.core.tests.conftest import launch_browser, screenshot_dir  # noqa: F401
