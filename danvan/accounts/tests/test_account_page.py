from django.urls import reverse

from danvan.accounts.models import ApiToken
from danvan.accounts.tests.factories import PASSWORD


def test_it_shows_roles_and_tokens(client, world):
    client.force_login(world.commune_editor)
    page = client.get(reverse("accounts:account")).content.decode()
    assert "Cập nhật" in page and world.commune_a.name in page


def test_it_changes_the_password(client, world):
    client.force_login(world.commune_editor)
    response = client.post(
        reverse("accounts:password_change"),
        {
            "old_password": PASSWORD,
            "new_password": "mat-khau-moi-2026-dai",
            "new_password2": "mat-khau-moi-2026-dai",
        },
    )
    assert response.status_code == 302
    world.commune_editor.refresh_from_db()
    assert world.commune_editor.check_password("mat-khau-moi-2026-dai")
    assert client.get(reverse("accounts:account")).status_code == 200  # still logged in


def test_mismatched_passwords_change_nothing(client, world):
    client.force_login(world.commune_editor)
    response = client.post(
        reverse("accounts:password_change"),
        {
            "old_password": PASSWORD,
            "new_password": "mat-khau-moi-2026-dai",
            "new_password2": "khac",
        },
    )
    assert response.status_code == 400
    assert "không khớp" in response.content.decode()
    world.commune_editor.refresh_from_db()
    assert world.commune_editor.check_password(PASSWORD)


def test_it_issues_a_token_that_works_on_the_api_and_can_be_revoked(client, world):
    client.force_login(world.commune_editor)
    page = client.post(
        reverse("accounts:token_create"), {"name": "Tập lệnh báo cáo"}
    ).content.decode()
    token = ApiToken.objects.get(user=world.commune_editor)
    secret = page.split('id="secret">')[1].split("<")[0]
    api = client.__class__()
    assert api.get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {secret}").json()["username"] == "xa_a"
    client.post(reverse("accounts:token_revoke", args=[token.pk]))
    assert api.get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {secret}").status_code == 401


def test_nobody_revokes_someone_elses_token(client, world):
    token = ApiToken.objects.create(
        user=world.sibling_editor, name="x", prefix="dv_x", digest="0" * 64
    )
    client.force_login(world.commune_editor)
    assert client.post(reverse("accounts:token_revoke", args=[token.pk])).status_code == 404
