"""Small filters for the petition pages (load with {% load petitions_extras %})."""

from __future__ import annotations

import datetime as dt

from django import template

register = template.Library()


@register.filter
def days_left(petition, today: dt.date) -> int | None:  # type: ignore[no-untyped-def]
    """Days until the petition's due date (negative when past due)."""
    return petition.days_left(today)


@register.filter
def abs_int(value: int | None) -> int | None:
    return abs(value) if value is not None else None


@register.filter
def url_or_empty(obj) -> str:  # type: ignore[no-untyped-def]
    """obj.get_absolute_url(), or '' when the page does not exist (yet)."""
    from django.urls import NoReverseMatch

    try:
        return obj.get_absolute_url()
    except (NoReverseMatch, AttributeError):
        return ""


@register.filter
def get(mapping, key):  # type: ignore[no-untyped-def]
    """mapping[key] in a template."""
    return mapping.get(key) if mapping is not None else None
