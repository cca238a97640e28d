import pytest
from django.urls import reverse

from danvan.accounts.models import LoginFailure
from danvan.accounts.tests.factories import PASSWORD
from danvan.audit.models import AuditEvent


def login(client, username, password):
    return client.post(reverse("accounts:login"), {"username": username, "password": password})


def test_it_logs_in_and_goes_home(client, world):
    response = login(client, "xa_a", PASSWORD)
    assert response.status_code == 302 and response["Location"] == "/"
    home = client.get("/")
    assert "Lê Thị Ngọc" in home.content.decode()
    assert AuditEvent.objects.filter(verb="accounts.login", actor=world.commune_editor).exists()


def test_a_wrong_password_says_so_in_vietnamese(client, world):
    response = login(client, "xa_a", "sai-mat-khau")
    assert response.status_code == 400
    assert "Tên đăng nhập hoặc mật khẩu không đúng." in response.content.decode()


def test_it_locks_after_repeated_failures_even_with_the_right_password(client, world, settings):
    settings.LOGIN_FAILURE_LIMIT = 3
    for _ in range(3):
        login(client, "xa_a", "sai")
    response = login(client, "xa_a", PASSWORD)
    assert response.status_code == 400
    assert "tạm khóa" in response.content.decode()
    assert LoginFailure.objects.filter(username="xa_a").count() == 3


def test_a_successful_login_clears_earlier_failures(client, world):
    login(client, "xa_a", "sai")
    login(client, "xa_a", PASSWORD)
    assert not LoginFailure.objects.filter(username="xa_a").exists()


def test_logout_is_post_only(client, world):
    client.force_login(world.commune_editor)
    assert client.get(reverse("accounts:logout")).status_code == 405
    response = client.post(reverse("accounts:logout"))
    assert response.status_code == 302
    assert client.get("/").status_code == 302  # back to the login page


def test_pages_need_login_except_the_public_ones(client, world):
    assert client.get("/")["Location"].startswith("/dang-nhap/")
    assert client.get(reverse("accounts:users"))["Location"].startswith("/dang-nhap/")
    assert client.get(reverse("units:detail", args=[world.commune_a.key])).status_code == 200
    assert client.get(reverse("accounts:login")).status_code == 200


def test_open_redirects_are_refused(client, world):
    response = client.post(
        reverse("accounts:login") + "?next=//evil.example/",
        {"username": "xa_a", "password": PASSWORD},
    )
    assert response["Location"] == "/"


@pytest.mark.parametrize(
    "session_setting", ["SESSION_SAVE_EVERY_REQUEST", "SESSION_EXPIRE_AT_BROWSER_CLOSE"]
)
def test_sessions_expire(settings, session_setting):
    assert getattr(settings, session_setting) is True
    assert settings.SESSION_COOKIE_AGE <= 8 * 3600


def test_passwords_are_hashed_with_argon2(world):
    assert world.commune_editor.password.startswith("argon2$")
