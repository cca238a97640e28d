"""Vietnamese formatting for templates: numbers '17.385', decimals '2,5', dates 'dd/mm/yyyy'."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django import template
from django.utils import timezone

from danvan.lib.vn import format_date, format_datetime, format_number

register = template.Library()


@register.filter
def vn_number(value: int | float | Decimal | None, decimals: int | None = None) -> str:
    return format_number(value, decimals)


@register.filter
def vn_date(value: dt.date | dt.datetime | None) -> str:
    if isinstance(value, dt.datetime):
        value = timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return format_date(value)


@register.filter
def vn_datetime(value: dt.datetime | None) -> str:
    if value is None:
        return ""
    return format_datetime(timezone.localtime(value) if timezone.is_aware(value) else value)
