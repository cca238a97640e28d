"""Shared list filters for conferences and key tasks: unit subtree, dates, lines."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet

from danvan.lib.text import nfc
from danvan.units.models import Lineage, Unit, UnitClosure

DATE_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]


def date_field(label: str, **kwargs: Any) -> forms.DateField:
    return forms.DateField(
        label=label,
        required=kwargs.pop("required", False),
        input_formats=DATE_FORMATS,
        widget=forms.DateInput(format="%d/%m/%Y", attrs={"placeholder": "dd/mm/yyyy"}),
        error_messages={"invalid": "Ngày không hợp lệ (dùng dạng dd/mm/yyyy)."},
        **kwargs,
    )


class LinesField(forms.CharField):
    """A textarea whose non-empty lines become a list of strings."""

    widget = forms.Textarea(attrs={"rows": 3})

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, list | tuple):
            return "\n".join(value)
        return value

    def to_python(self, value: Any) -> list[str]:  # type: ignore[override]
        text = super().to_python(value) or ""
        return [nfc(line) for line in text.splitlines() if nfc(line)]


def unit_by_key(key: str) -> Unit | None:
    key = (key or "").strip()
    return Unit.objects.filter(key=key).first() if key else None


def subtree_with_predecessors(unit: Unit) -> QuerySet[Unit]:
    """The unit's subtree and its 2025 predecessors' subtrees (as permissions see it)."""
    roots = [
        unit.pk,
        *Lineage.objects.filter(successor=unit).values_list("predecessor_id", flat=True),
    ]
    return Unit.objects.filter(
        pk__in=UnitClosure.objects.filter(ancestor_id__in=roots).values("descendant_id")
    )


class ListFilterForm(forms.Form):
    """?don-vi=<key>&tu-ngay=dd/mm/yyyy&den-ngay=…&q=… — hyphenated names, as in the URLs."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["don-vi"] = forms.CharField(label="Đơn vị (mã)", required=False)
        self.fields["tu-ngay"] = date_field("Từ ngày")
        self.fields["den-ngay"] = date_field("Đến ngày")
        self.fields["q"] = forms.CharField(label="Tìm", required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        key = data.get("don-vi") or ""
        data["unit"] = None
        if key:
            unit = unit_by_key(key)
            if unit is None:
                self.add_error("don-vi", f"Không có đơn vị mã “{key}”.")
            data["unit"] = unit
        start, end = data.get("tu-ngay"), data.get("den-ngay")
        if start and end and start > end:
            self.add_error("den-ngay", "“Đến ngày” phải sau “Từ ngày”.")
        return data

    def value(self, name: str) -> Any:
        return (
            self.cleaned_data.get(name) if self.is_bound and hasattr(self, "cleaned_data") else None
        )
