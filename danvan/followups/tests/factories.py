"""Factories for key tasks; they only set up rows, the code under test runs for real."""

from __future__ import annotations

import factory

from danvan.followups.models import KeyTask, KeyTaskTransition
from danvan.followups.states import Status
from danvan.lib.text import fold


class KeyTaskFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = KeyTask
        skip_postgeneration_save = True

    unit = factory.LazyAttribute(lambda o: o.conference.unit)
    number = factory.Sequence(lambda n: n + 1)
    text = factory.Sequence(
        lambda n: f"Tiếp tục đổi mới nội dung, phương thức công tác dân vận (việc {n})"
    )
    status = Status.NOT_STARTED
    search_key = factory.LazyAttribute(lambda o: fold(o.text))

    @factory.post_generation
    def history(obj, create, extracted, **kwargs):  # type: ignore[no-untyped-def]
        if create:
            KeyTaskTransition.objects.create(
                task=obj, from_status="", to_status=obj.status, on_date=obj.created_at.date()
            )
