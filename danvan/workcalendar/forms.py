from __future__ import annotations

from django import forms

from .models import Confidence, DayKind

DATE_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]


class DayForm(forms.Form):
    date = forms.DateField(
        label="Ngày",
        input_formats=DATE_FORMATS,
        error_messages={
            "required": "Hãy nhập ngày.",
            "invalid": "Ngày không hợp lệ (dùng dạng dd/mm/yyyy).",
        },
        widget=forms.TextInput(attrs={"placeholder": "dd/mm/yyyy", "inputmode": "numeric"}),
    )
    kind = forms.ChoiceField(label="Loại ngày", choices=DayKind.choices)
    name = forms.CharField(
        label="Tên",
        max_length=200,
        error_messages={"required": "Hãy nhập tên ngày."},
        help_text="Ví dụ: Tết Nguyên đán; Nghỉ bù Quốc khánh; Làm bù cho ngày nghỉ hoán đổi 02/05.",
    )
    legal_ref = forms.CharField(
        label="Căn cứ",
        max_length=300,
        required=False,
        help_text="Văn bản công bố lịch nghỉ, hoặc điều luật.",
    )
    source_url = forms.URLField(
        label="Nguồn (đường dẫn)",
        max_length=500,
        required=False,
        assume_scheme="https",
        error_messages={"invalid": "Đường dẫn không hợp lệ."},
    )
    confidence = forms.ChoiceField(
        label="Độ tin cậy", choices=Confidence.choices, initial=Confidence.SECONDARY
    )
    note = forms.CharField(label="Ghi chú", max_length=300, required=False)


class EditDayForm(DayForm):
    """The date of a row is its identity: to move a day, remove it and add another."""

    def __init__(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        del self.fields["date"]


class RemoveDayForm(forms.Form):
    note = forms.CharField(label="Lý do", max_length=300, required=False)
