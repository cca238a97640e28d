"""Input parsing for the people pages: every 400 comes from here."""

from __future__ import annotations

from typing import Any

from django import forms

from danvan.lib.text import nfc
from danvan.units.models import Body, Unit

from .actions import PositionSpec

DATE_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]
DATE_ERRORS = {"invalid": "Ngày không hợp lệ (dùng dạng dd/mm/yyyy)."}


def date_field(label: str, required: bool = False) -> forms.DateField:
    return forms.DateField(
        label=label,
        required=required,
        input_formats=DATE_FORMATS,
        error_messages={**DATE_ERRORS, "required": "Hãy nhập ngày."},
        widget=forms.DateInput(attrs={"placeholder": "dd/mm/yyyy"}, format="%d/%m/%Y"),
    )


class PersonFilterForm(forms.Form):
    """?q=&don-vi=&ngay=: name without diacritics, unit subtree, holding a post on a date."""

    q = forms.CharField(required=False, label="Tìm theo tên")
    don_vi = forms.CharField(required=False, label="Mã đơn vị")
    ngay = date_field("Giữ chức vụ vào ngày")

    @classmethod
    def from_query(cls, params: Any) -> PersonFilterForm:
        return cls(
            {
                "q": params.get("q", ""),
                "don_vi": params.get("don-vi", params.get("don_vi", "")),
                "ngay": params.get("ngay", ""),
            }
        )

    def clean_don_vi(self) -> Unit | None:
        key = (self.cleaned_data.get("don_vi") or "").strip()
        if not key:
            return None
        unit = Unit.objects.filter(key=key).first()
        if unit is None:
            raise forms.ValidationError(f"Không có đơn vị mã “{key}”.")
        return unit


class PersonForm(forms.Form):
    full_name = forms.CharField(
        label="Họ và tên", max_length=150, error_messages={"required": "Hãy nhập họ và tên."}
    )
    gender = forms.ChoiceField(
        label="Giới tính", required=False, choices=[("", "—"), ("male", "Nam"), ("female", "Nữ")]
    )
    birth_year = forms.IntegerField(
        label="Năm sinh",
        required=False,
        min_value=1900,
        max_value=2100,
        error_messages={
            "invalid": "Năm sinh phải là số.",
            "min_value": "Năm sinh không hợp lệ.",
            "max_value": "Năm sinh không hợp lệ.",
        },
    )
    note = forms.CharField(
        label="Ghi chú", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def clean_full_name(self) -> str:
        return nfc(self.cleaned_data["full_name"])


class PositionForm(forms.Form):
    """A position: title as written, unit (key) and/or body (id), dates, source."""

    title = forms.CharField(
        label="Chức danh (ghi như trong văn bản)",
        max_length=300,
        error_messages={"required": "Hãy nhập chức danh."},
    )
    unit = forms.CharField(label="Đơn vị", required=False)
    body = forms.IntegerField(
        label="Cơ quan, tổ chức",
        required=False,
        error_messages={"invalid": "Cơ quan, tổ chức không hợp lệ."},
    )
    valid_from = date_field("Từ ngày")
    valid_to = date_field("Đến ngày")
    source = forms.CharField(label="Nguồn", max_length=300, required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        key = (data.get("unit") or "").strip()
        unit = Unit.objects.filter(key=key).first() if key else None
        if key and unit is None:
            self.add_error("unit", f"Không có đơn vị mã “{key}”.")
        body = None
        if data.get("body"):
            body = Body.objects.select_related("unit").filter(pk=data["body"]).first()
            if body is None:
                self.add_error("body", "Không có cơ quan, tổ chức này.")
            elif unit is not None and body.unit_id != unit.pk:
                self.add_error("body", "Cơ quan, tổ chức không thuộc đơn vị đã chọn.")
        if unit is None and body is None and not self.errors:
            self.add_error("unit", "Hãy chọn đơn vị hoặc cơ quan, tổ chức của chức vụ.")
        if (
            data.get("valid_from")
            and data.get("valid_to")
            and data["valid_to"] < data["valid_from"]
        ):
            self.add_error("valid_to", "Ngày kết thúc phải sau ngày bắt đầu.")
        data["unit_obj"], data["body_obj"] = unit, body
        return data

    def spec(self) -> PositionSpec:
        d = self.cleaned_data
        return PositionSpec(
            title=d["title"],
            unit=d["unit_obj"],
            body=d["body_obj"],
            valid_from=d.get("valid_from"),
            valid_to=d.get("valid_to"),
            source=d.get("source", ""),
        )


class NewPersonForm(PersonForm):
    """A person with an optional first position (title empty: no position)."""

    title = forms.CharField(
        label="Chức danh đầu tiên (không bắt buộc)", max_length=300, required=False
    )
    unit = forms.CharField(label="Đơn vị", required=False)
    body = forms.IntegerField(label="Cơ quan, tổ chức", required=False)
    valid_from = date_field("Từ ngày")
    source = forms.CharField(label="Nguồn", max_length=300, required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        data["position"] = None
        if (data.get("title") or "").strip():
            sub = PositionForm(
                {
                    "title": data.get("title"),
                    "unit": data.get("unit") or "",
                    "body": data.get("body") or "",
                    "valid_from": data["valid_from"].strftime("%d/%m/%Y")
                    if data.get("valid_from")
                    else "",
                    "source": data.get("source") or "",
                }
            )
            if sub.is_valid():
                data["position"] = sub.spec()
            else:
                for name, errors in sub.errors.items():
                    for error in errors:
                        self.add_error(name if name in self.fields else None, error)
        return data


class EndPositionForm(forms.Form):
    valid_to = date_field("Ngày thôi giữ chức vụ", required=True)
    note = forms.CharField(label="Ghi chú", required=False, max_length=300)


class MergeForm(forms.Form):
    duplicate = forms.UUIDField(
        label="Hồ sơ trùng (sẽ gộp vào hồ sơ này)",
        error_messages={"required": "Hãy chọn hồ sơ trùng.", "invalid": "Mã hồ sơ không hợp lệ."},
    )
    note = forms.CharField(label="Ghi chú", required=False, max_length=500)
