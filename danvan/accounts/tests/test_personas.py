"""Every page and endpoint that shows non-public data, for every persona.

The only non-public data so far is who works where (the user lists). Each persona
must see exactly its subtree's users, in the UI and in the API, and nothing else.
"""

import pytest
from django.urls import reverse

VISIBLE_USERS = {
    # persona → usernames it may see in the user list
    "central_viewer": {"trunguong", "tinh", "xa_a", "xa_b", "khach", "xa_c"},
    "province_approver": {"tinh", "xa_a", "xa_b"},
    "commune_editor": {"xa_a"},
    "outsider": set(),
}


def listed(page: str, usernames: set[str]) -> set[str]:
    return {u for u in usernames if f">{u}<" in page}


ALL = {"trunguong", "tinh", "xa_a", "xa_b", "khach", "xa_c"}


@pytest.mark.parametrize("persona", sorted(VISIBLE_USERS))
def test_user_list_page_shows_exactly_the_subtree(client, world, persona):
    client.force_login(world.personas[persona])
    response = client.get(reverse("accounts:users"))
    if persona == "outsider":
        assert response.status_code == 403
        return
    assert response.status_code == 200
    assert listed(response.content.decode(), ALL) == VISIBLE_USERS[persona]


@pytest.mark.parametrize("persona", sorted(VISIBLE_USERS))
def test_user_list_api_shows_exactly_the_subtree(client, world, persona):
    client.force_login(world.personas[persona])
    body = client.get("/api/v1/users").json()
    assert {u["username"] for u in body["items"]} == VISIBLE_USERS[persona]
    assert body["count"] == len(VISIBLE_USERS[persona])


# (persona, unit attribute) → can it open that unit's user list?
UNIT_ACCESS = [
    ("commune_editor", "commune_a", True),
    ("commune_editor", "old_commune_a", True),
    ("commune_editor", "commune_b", False),
    ("commune_editor", "province", False),
    ("commune_editor", "commune_c", False),
    ("province_approver", "commune_b", True),
    ("province_approver", "old_district", True),
    ("province_approver", "commune_c", False),
    ("province_approver", "nation", False),
    ("central_viewer", "commune_c", True),
    ("central_viewer", "nation", True),
    ("outsider", "commune_c", False),
]


@pytest.mark.parametrize(("persona", "unit", "allowed"), UNIT_ACCESS)
def test_a_units_user_list_is_404_outside_the_subtree(client, world, persona, unit, allowed):
    client.force_login(world.personas[persona])
    key = getattr(world, unit).key
    page = client.get(reverse("accounts:unit_users", args=[key]))
    api = client.get("/api/v1/users", {"unit": key})
    if persona == "outsider":
        assert page.status_code == 403 and api.status_code == 404
        return
    assert page.status_code == (200 if allowed else 404)
    assert api.status_code == (200 if allowed else 404)


def test_the_sibling_commune_list_does_not_leak_even_through_the_api_filter(client, world):
    client.force_login(world.commune_editor)
    response = client.get("/api/v1/users", {"unit": world.commune_b.key})
    assert response.status_code == 404
    assert "xa_b" not in response.content.decode()


def test_anonymous_api_calls_get_401_with_a_reason(client, world):
    for url in ("/api/v1/me", "/api/v1/users"):
        response = client.get(url)
        assert response.status_code == 401
        assert response.json()["detail"]


def test_me_answers_for_each_persona(client, world):
    for name, user in world.personas.items():
        client.force_login(user)
        body = client.get("/api/v1/me").json()
        assert body["username"] == user.username
        assert len(body["roles"]) == (0 if name == "outsider" else 1)


@pytest.mark.parametrize("persona", sorted(VISIBLE_USERS))
def test_every_page_opens_for_every_persona(client, world, persona):
    client.force_login(world.personas[persona])
    for url in (
        "/",
        reverse("accounts:account"),
        reverse("units:index") + "?",
        world.commune_c.get_absolute_url(),
        reverse("units:search") + "?q=an",
    ):
        response = client.get(url, follow=True)
        assert response.status_code == 200, url


def test_the_django_admin_is_for_superusers_only(client, world):
    client.force_login(world.central_viewer)
    world.central_viewer.is_staff = True
    world.central_viewer.save()
    assert client.get("/quan-tri/").status_code == 302
    world.central_viewer.is_superuser = True
    world.central_viewer.save()
    assert client.get("/quan-tri/").status_code == 200
