from __future__ import annotations

import factory

from danvan.accounts.models import RoleGrant, User
from danvan.units.models import Body, Unit

PASSWORD = "mat-khau-thu-nghiem-2025"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"canbo{n}")
    full_name = factory.Sequence(lambda n: f"Cán Bộ {n}")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def saved(obj, create, extracted, **kwargs):  # type: ignore[no-untyped-def]
        if create:
            obj.save()


def official(username: str, unit: Unit, role: str | None, full_name: str = "") -> User:
    """A user working in the unit's first body, with `role` on that unit."""
    body = Body.objects.filter(unit=unit).order_by("kind", "-valid_from").first()
    user = UserFactory(username=username, full_name=full_name or username.title(), body=body)
    if role:
        RoleGrant.objects.create(user=user, unit=unit, role=role)
    return user
