"""End to end in a real browser: an editor of the legacy Cầu Ngang district pastes an
article, reviews the highlighted draft, confirms it and finds the conference.

Runs Debian's Chromium through Playwright against pytest-django's live server (fixtures
from danvan/core/tests/conftest.py). The units are built with the factories (the legacy
Tỉnh Trà Vinh and Huyện Cầu Ngang), not the national table, to stay fast. Screenshots go to
$DANVAN_SCREENSHOT_DIR (default <repo>/artifacts/screenshots)/ingest-*.png.

    DANVAN_DATA_DIR=$(mktemp -d) .venv/bin/python -m pytest danvan/ingest/tests/test_browser_ingest.py
"""

from __future__ import annotations

import re

import pytest

from danvan.accounts.tests.factories import PASSWORD

from .factories import cau_ngang, seed_text

DESKTOP = {"width": 1440, "height": 900}
TIMEOUT_MS = 15_000
DIRECTIVES = ["21-CT/TU", "120-KL/TW", "01-KH/BCĐ", "11-QĐi/TW", "391-QĐ/HU"]
OFFICIALS = ["Trần Minh Bảnh", "Nguyễn Văn Trãi"]


@pytest.mark.browser
def test_editor_pastes_confirms_and_finds_the_conference(
    live_server, transactional_db, launch_browser, screenshot_dir
):
    article = seed_text("seed_3.txt")
    if article is None:
        pytest.skip("../shared/ingest/articles/seed_3.txt is missing")
    # All database work happens before Playwright starts its event loop in this thread.
    cau_ngang()

    from playwright.sync_api import expect

    expect.set_options(timeout=TIMEOUT_MS)
    browser = launch_browser()
    context = browser.new_context(viewport=DESKTOP, locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh")
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))

    def shot(name: str) -> None:
        page.screenshot(path=str(screenshot_dir / f"ingest-{name}.png"), full_page=True)

    h1 = page.get_by_role("heading", level=1)

    # 1. Log in as the district's editor; go to the ingest page.
    page.goto(live_server.url + "/doc-tin/")
    page.get_by_label("Tên đăng nhập").fill("caungang")
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    expect(page).to_have_url(live_server.url + "/doc-tin/")
    expect(h1).to_have_text("Đọc tin bài")

    # 2. Paste the article and read it.
    page.get_by_label("Dán nội dung bài").fill(article)
    shot("01-dan-bai")
    page.get_by_role("button", name="Đọc bài").click()
    expect(h1).to_have_text("Soát bản nháp tin bài")
    expect(page).to_have_url(re.compile(r"/doc-tin/[0-9a-f-]{36}/$"))

    # 3. The article with every item highlighted at its source; the draft beside it.
    text = page.locator(".ingest-text")
    for name in OFFICIALS:
        expect(text.locator("mark.hl--person", has_text=name).first).to_be_visible()
    for code in DIRECTIVES:
        expect(text.locator("mark.hl--document", has_text=code).first).to_be_visible()
    expect(text.locator("mark.hl--figure", has_text="17.385 lượt người dự")).to_be_visible()
    expect(text.locator("mark.hl--title").first).to_be_visible()
    form = page.locator(".ingest-form")
    expect(form.get_by_label("Loại hội nghị")).to_have_value("so_ket")
    expect(form.locator("#id_unit")).to_have_value("848@2025-06-30")
    expect(form.locator(".picked-unit")).to_have_text("Huyện Cầu Ngang")
    expect(form.locator("#id_people-0-name")).to_have_value("Trần Minh Bảnh")
    expect(form.locator("#id_people-1-name")).to_have_value("Nguyễn Văn Trãi")
    expect(form.locator("#id_figures-1-value")).to_have_value("17385")
    expect(form.get_by_label("Kỳ số liệu từ ngày")).to_have_value("01/01/2021")
    shot("02-soat-ban-nhap")

    # The unit picker finds units without diacritics (htmx).
    form.get_by_label("Tìm đơn vị khác").fill("cau ngang")
    expect(form.locator("#unit-results .result").first).to_contain_text("Huyện Cầu Ngang")

    # 4. Confirm: records are written, the draft links to the conference.
    form.get_by_role("button", name="Xác nhận").click()
    expect(page.locator(".draft-status")).to_have_text("Đã xác nhận")
    done = page.locator(".ingest-done")
    expect(done).to_contain_text("Đã ghi thành hội nghị")
    expect(done).to_contain_text("Nguyễn Thị Lan xác nhận lúc")
    shot("03-da-xac-nhan")

    # 5. The conference page: its two officials, five directives and its figures.
    done.get_by_role("link").click()
    expect(h1).to_contain_text("Ban Dân vận Huyện ủy Cầu Ngang sơ kết 2,5 năm")
    participants = page.locator("#dai-bieu")
    expect(participants).to_contain_text("Trần Minh Bảnh")
    expect(participants).to_contain_text("Phó Bí thư Thường trực Huyện ủy")
    expect(participants).to_contain_text("Nguyễn Văn Trãi")
    expect(participants).to_contain_text("Trưởng Ban Dân vận Huyện ủy")
    directives = page.locator("#van-ban li")
    expect(directives).to_have_count(5)
    for code in DIRECTIVES:
        expect(page.locator("#van-ban")).to_contain_text(code)
    history = page.locator("section.card", has=page.get_by_role("heading", name="Lịch sử thay đổi"))
    expect(history).to_contain_text("Xác nhận tin bài, ghi hồ sơ")
    for figure in ["305 cuộc", "17.385 lượt người", "27 mô hình", "13 mô hình"]:
        expect(history).to_contain_text(figure)
    shot("04-hoi-nghi")

    # 6. Back on the list, the draft shows as confirmed.
    page.goto(live_server.url + "/doc-tin/")
    expect(page.locator("#draft-rows")).to_contain_text("Đã xác nhận")
    shot("05-danh-sach")
    assert not errors, errors
