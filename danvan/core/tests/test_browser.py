"""End to end in a real browser: a commune official logs in and uses the unit browser.

Runs Debian's Chromium through Playwright against pytest-django's live server, with
the real national unit table (both structures) and the demo accounts. Screenshots of
every step go to $DANVAN_SCREENSHOT_DIR (default <repo>/artifacts/screenshots) so a
person can judge how the pages look at desktop and phone widths.

    DANVAN_DATA_DIR=$(mktemp -d) .venv/bin/python -m pytest danvan/core/tests/test_browser.py
"""

from __future__ import annotations

import re

import pytest

from danvan.accounts.demo import DEMO_PASSWORD, load_demo_users
from danvan.units.actions import load_units
from danvan.units.models import Unit

DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}
TIMEOUT_MS = 15_000


@pytest.mark.browser
def test_commune_official_browses_units_and_searches(
    live_server, transactional_db, launch_browser, screenshot_dir
):
    # All database work happens before Playwright starts its event loop in this thread.
    load_units()
    load_demo_users()
    nation = Unit.objects.get(key="VN")
    assert nation.children.current().count() == 34
    assert nation.children.legacy().count() == 63
    quang_ninh = Unit.objects.get(key="22")
    qn_communes = quang_ninh.children.count()
    assert qn_communes > 12  # so its page shows the htmx filter box

    from playwright.sync_api import expect

    expect.set_options(timeout=TIMEOUT_MS)
    browser = launch_browser()
    context = browser.new_context(viewport=DESKTOP, locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh")
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    console_errors: list[str] = []
    page.on("console", lambda m: console_errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: console_errors.append(str(e)))

    def shot(name: str, p=page) -> None:  # type: ignore[no-untyped-def]
        p.screenshot(path=str(screenshot_dir / f"{name}.png"), full_page=True)

    h1 = page.get_by_role("heading", level=1)
    breadcrumb = page.get_by_role("navigation", name="Đường dẫn")
    children_count = page.locator(".card__head .count")
    tiles = page.locator("#children .tiles > li")

    # 1. Login through the form (the home page needs a login).
    page.goto(live_server.url + "/")
    expect(page).to_have_url(re.compile(r"/dang-nhap/\?next=/$"))
    expect(h1).to_have_text("Đăng nhập")
    page.get_by_label("Tên đăng nhập").fill("halong")
    page.get_by_label("Mật khẩu").fill(DEMO_PASSWORD)
    shot("01-dang-nhap")
    page.get_by_role("button", name="Đăng nhập").click()

    # 2. Home: the official's name, unit and role.
    expect(page).to_have_url(live_server.url + "/")
    expect(h1).to_have_text("Lê Thị Minh Ngọc")
    expect(page.locator(".hero")).to_contain_text("Phó Chủ tịch Ủy ban MTTQ phường")
    my_unit = page.locator("section.card", has=page.get_by_role("heading", name="Đơn vị của tôi"))
    expect(my_unit.get_by_role("link", name="Phường Hạ Long")).to_be_visible()
    expect(my_unit).to_contain_text("Tỉnh Quảng Ninh")
    expect(my_unit).to_contain_text("06688")
    expect(page.locator("section.card", has_text="Vai trò được giao")).to_contain_text(
        "Phường Hạ Long"
    )
    expect(page.get_by_role("navigation", name="Trình đơn chính")).to_contain_text(
        "Lê Thị Minh Ngọc"
    )
    shot("02-trang-chu")

    # 3. Nation page, current structure: 34 provinces.
    page.get_by_role("navigation", name="Trình đơn chính").get_by_role(
        "link", name="Đơn vị hành chính"
    ).click()
    expect(page).to_have_url(live_server.url + "/don-vi/VN/")
    expect(h1).to_have_text("Việt Nam")
    expect(breadcrumb).to_have_count(0)  # the top of the tree
    expect(page.get_by_role("link", name="Từ 01/07/2025")).to_have_attribute("aria-current", "true")
    expect(children_count).to_have_text("34")
    expect(tiles).to_have_count(34)
    expect(tiles.filter(has_text="Thành phố Hà Nội")).to_have_text(
        "Thành phố Hà Nội Trực thuộc trung ương · mã 01"
    )
    expect(tiles.filter(has_text="Tỉnh Trà Vinh")).to_have_count(0)  # merged into Vĩnh Long
    shot("03-toan-quoc")

    # 4. Tỉnh Quảng Ninh: its communes, with the htmx filter box.
    page.locator("#children").get_by_role("link", name=re.compile("^Tỉnh Quảng Ninh ")).click()
    expect(page).to_have_url(live_server.url + "/don-vi/22/")
    expect(h1).to_have_text("Tỉnh Quảng Ninh")
    expect(breadcrumb.get_by_role("link")).to_have_text(["Việt Nam"])
    expect(breadcrumb.locator("[aria-current=page]")).to_have_text("Tỉnh Quảng Ninh")
    expect(page.locator(".page-head .meta")).to_contain_text("mã 22")
    expect(page.locator(".page-head .badge")).to_have_text("Hiện hành")
    expect(children_count).to_have_text(str(qn_communes))
    expect(tiles).to_have_count(qn_communes)
    shot("04-quang-ninh")
    page.get_by_label("Lọc đơn vị trực thuộc").press_sequentially("ha long", delay=40)
    expect(tiles).to_have_count(1)
    expect(tiles).to_have_text("Phường Hạ Long mã 06688")

    # 5. Phường Hạ Long: breadcrumb, lineage from the 2025 reorganisation, bodies.
    tiles.get_by_role("link", name=re.compile("^Phường Hạ Long")).click()
    expect(page).to_have_url(live_server.url + "/don-vi/06688/")
    expect(h1).to_have_text("Phường Hạ Long")
    expect(breadcrumb.get_by_role("link")).to_have_text(["Việt Nam", "Tỉnh Quảng Ninh"])
    expect(breadcrumb.locator("[aria-current=page]")).to_have_text("Phường Hạ Long")
    lineage = page.locator("section.lineage")
    expect(lineage.get_by_role("heading")).to_have_text("Sắp xếp đơn vị hành chính 2025")
    expect(lineage.get_by_role("link", name="Phường Hồng Hải")).to_be_visible()
    expect(lineage.get_by_role("link", name="Phường Hồng Hà")).to_be_visible()
    expect(lineage).to_contain_text("Sáp nhập")
    expect(lineage).to_contain_text("Thành phố Hạ Long")
    expect(page.get_by_role("heading", name="Đơn vị trực thuộc")).to_have_count(0)  # lowest level
    bodies = page.locator(".card").filter(has=page.get_by_role("heading", name="Cơ quan, tổ chức"))
    expect(bodies.locator(".count")).to_have_text("8")
    expect(bodies).to_contain_text("Ủy ban Mặt trận Tổ quốc Việt Nam phường Hạ Long")
    expect(bodies).to_contain_text("Đảng ủy phường Hạ Long")
    shot("05-phuong-ha-long")

    # 6. Back to the nation page by the breadcrumb, then the structure before 01/07/2025.
    breadcrumb.get_by_role("link", name="Việt Nam").click()
    expect(page).to_have_url(live_server.url + "/don-vi/VN/")
    page.get_by_role("link", name="Đến 30/06/2025").click()
    expect(page).to_have_url(live_server.url + "/don-vi/VN/?cau-truc=truoc-2025")
    expect(page.get_by_role("link", name="Đến 30/06/2025")).to_have_attribute(
        "aria-current", "true"
    )
    expect(children_count).to_have_text("63")
    expect(tiles).to_have_count(63)
    tra_vinh = tiles.filter(has_text="Tỉnh Trà Vinh")
    expect(tra_vinh).to_have_count(1)
    expect(tra_vinh).to_have_text("Tỉnh Trà Vinh mã 84")
    expect(page.locator(".msg--legacy")).to_contain_text("đến 30/06/2025")
    shot("06-toan-quoc-truoc-2025")

    # 7. Search as you type: the old district and the commune that now carries its name.
    page.get_by_role("link", name="Tìm đơn vị theo tên").click()
    expect(page).to_have_url(live_server.url + "/don-vi/tim-kiem/")
    expect(h1).to_have_text("Tìm đơn vị hành chính")
    page.locator("#unit-q").press_sequentially("cau ngang", delay=40)
    results = page.locator("#search-results")
    expect(results).to_contain_text("Huyện Cầu Ngang")
    expect(page).to_have_url(live_server.url + "/don-vi/tim-kiem/")  # htmx swap, no reload
    district = results.locator(".result").filter(
        has=page.locator("a.result__name", has_text=re.compile("^Huyện Cầu Ngang$"))
    )
    expect(district).to_have_count(1)
    expect(district.locator(".badge")).to_have_text("Trước 01/07/2025")
    expect(district).to_contain_text("Tỉnh Trà Vinh")
    expect(district.locator(".succ")).to_contain_text("Xã Cầu Ngang (Vĩnh Long)")
    commune = results.locator(".result").filter(
        has=page.locator("a.result__name", has_text=re.compile("^Xã Cầu Ngang$"))
    )
    expect(commune).to_have_count(1)
    expect(commune.locator(".badge")).to_have_text("Hiện hành")
    expect(commune).to_contain_text("Tỉnh Vĩnh Long")
    expect(results.locator(".results__count")).to_have_text("3 kết quả cho “cau ngang”")
    shot("07-tim-kiem")

    # 8. The old district: its place in the old tree and where its territory went.
    district.get_by_role("link", name="Huyện Cầu Ngang", exact=True).click()
    expect(page).to_have_url(live_server.url + "/don-vi/848@2025-06-30/")
    expect(h1).to_have_text("Huyện Cầu Ngang")
    expect(breadcrumb.get_by_role("link")).to_have_text(["Việt Nam", "Tỉnh Trà Vinh"])
    expect(breadcrumb.get_by_role("link", name="Việt Nam")).to_have_attribute(
        "href", "/don-vi/VN/?cau-truc=truoc-2025"
    )
    expect(page.locator(".page-head .badge")).to_have_text("Trước 01/07/2025")
    expect(page.locator(".page-head .meta")).to_contain_text("đến 30/06/2025")
    lineage = page.locator("section.lineage")
    expect(lineage).to_contain_text("Từ 01/07/2025 địa bàn thuộc về:")
    expect(lineage.get_by_role("link", name="Xã Cầu Ngang")).to_be_visible()
    expect(lineage).to_contain_text("Tỉnh Vĩnh Long")
    expect(tiles.filter(has_text="Thị trấn Cầu Ngang")).to_have_count(1)
    shot("08-huyen-cau-ngang")

    # 9. Phone width (390 px), same session: a unit page and the search page.
    phone = browser.new_context(
        viewport=PHONE,
        is_mobile=True,
        has_touch=True,
        device_scale_factor=2,
        locale="vi-VN",
        timezone_id="Asia/Ho_Chi_Minh",
        storage_state=context.storage_state(),
    )
    phone.set_default_timeout(TIMEOUT_MS)
    mobile = phone.new_page()
    mobile.on("console", lambda m: console_errors.append(m.text) if m.type == "error" else None)
    mobile.on("pageerror", lambda e: console_errors.append(str(e)))
    mobile.goto(live_server.url + "/don-vi/06688/")
    expect(mobile.get_by_role("heading", level=1)).to_have_text("Phường Hạ Long")
    expect(mobile.get_by_role("button", name="Trình đơn")).to_be_visible()
    assert _page_width(mobile) <= PHONE["width"], "the unit page scrolls sideways on a phone"
    shot("09-dien-thoai-phuong-ha-long", mobile)
    mobile.goto(live_server.url + "/don-vi/tim-kiem/")
    mobile.locator("#unit-q").press_sequentially("cau ngang", delay=40)
    expect(mobile.locator("#search-results")).to_contain_text("Xã Cầu Ngang")
    assert _page_width(mobile) <= PHONE["width"], "the search page scrolls sideways on a phone"
    shot("10-dien-thoai-tim-kiem", mobile)

    assert console_errors == []


def _page_width(page) -> int:  # type: ignore[no-untyped-def]
    return page.evaluate("document.documentElement.scrollWidth")
