from django.urls import reverse


def test_home_shows_the_users_unit_and_roles(client, world):
    client.force_login(world.province_approver)
    page = client.get(reverse("core:home")).content.decode()
    assert "Trần Văn Hùng" in page
    assert world.province.name in page and "Phê duyệt" in page
    assert "Cấp xã trực thuộc" in page  # 2 communes below the province


def test_home_for_a_user_without_a_role_explains_what_to_do(client, world):
    client.force_login(world.outsider)
    page = client.get(reverse("core:home")).content.decode()
    assert "chưa được giao vai trò" in page


def test_health_check_is_public(client, db):
    assert client.get(reverse("core:healthz")).json() == {"status": "ok"}


def test_pages_are_vietnamese(client, world):
    page = client.get(reverse("accounts:login")).content.decode()
    assert '<html lang="vi">' in page and "Đăng nhập" in page and "Mật khẩu" in page
