"""Forms of the ingest pages: the upload, the list filters and the editable draft."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.forms import formset_factory

from danvan.conferences.models import Kind
from danvan.units.models import Unit

from .review import LEVEL_CHOICES, read_upload
from .states import DraftStatus

DATE_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]
MAX_UPLOAD = 5 * 1024 * 1024


class UploadForm(forms.Form):
    text = forms.CharField(
        label="Dán nội dung bài",
        required=False,
        widget=forms.Textarea(
            attrs={"rows": 12, "placeholder": "Dán toàn bộ bài viết, kể cả tiêu đề…"}
        ),
    )
    file = forms.FileField(
        label="hoặc chọn tệp (.txt, .html, .docx)",
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ".txt,.html,.htm,.docx"}),
    )
    url = forms.URLField(
        label="Địa chỉ bài gốc (nếu có)", required=False, max_length=500, assume_scheme="https"
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        upload = data.get("file")
        if upload:
            if upload.size > MAX_UPLOAD:
                raise forms.ValidationError("Tệp lớn quá 5 MB.")
            try:
                text, kind = read_upload(upload.name, upload.read())
            except ValueError as e:
                raise forms.ValidationError(str(e)) from e
            data.update(article=text, kind=kind, file_name=upload.name)
        else:
            data.update(article=data.get("text") or "", kind="txt", file_name="")
        if not (data["article"] or "").strip():
            raise forms.ValidationError("Hãy dán nội dung bài hoặc chọn tệp.")
        return data


class DraftFilterForm(forms.Form):
    q = forms.CharField(label="Tìm", required=False)
    status = forms.ChoiceField(
        label="Trạng thái", required=False, choices=[("", "Tất cả"), *DraftStatus.choices]
    )


class DraftForm(forms.Form):
    title = forms.CharField(
        label="Tiêu đề", max_length=500, widget=forms.Textarea(attrs={"rows": 3})
    )
    event_date = forms.DateField(
        label="Ngày tổ chức",
        required=False,
        input_formats=DATE_FORMATS,
        widget=forms.DateInput(format="%d/%m/%Y", attrs={"placeholder": "dd/mm/yyyy"}),
    )
    event_kind = forms.ChoiceField(label="Loại hội nghị", choices=Kind.choices)
    period = forms.CharField(label="Kỳ đánh giá (như ghi)", max_length=100, required=False)
    period_from = forms.DateField(
        label="Kỳ số liệu từ ngày",
        required=False,
        input_formats=DATE_FORMATS,
        widget=forms.DateInput(format="%d/%m/%Y", attrs={"placeholder": "dd/mm/yyyy"}),
    )
    period_to = forms.DateField(
        label="đến ngày",
        required=False,
        input_formats=DATE_FORMATS,
        widget=forms.DateInput(format="%d/%m/%Y", attrs={"placeholder": "dd/mm/yyyy"}),
    )
    organizer = forms.CharField(label="Đơn vị tổ chức (như ghi)", max_length=300, required=False)
    level = forms.ChoiceField(label="Cấp", choices=LEVEL_CHOICES, required=False)
    unit = forms.CharField(label="Đơn vị trong hệ thống", max_length=40)
    venue = forms.CharField(label="Địa điểm", max_length=300, required=False)

    def clean_unit(self) -> str:
        key = self.cleaned_data["unit"].strip()
        if not Unit.objects.filter(key=key).exists():
            raise forms.ValidationError(f"Không có đơn vị mã “{key}”.")
        return key

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        start, end = data.get("period_from"), data.get("period_to")
        if start and end and start > end:
            self.add_error("period_to", "Kỳ số liệu: ngày kết thúc trước ngày bắt đầu.")
        return data


class PersonRow(forms.Form):
    name = forms.CharField(label="Họ tên", max_length=200)
    positions = forms.CharField(label="Chức vụ (như ghi)", max_length=500, required=False)


class DocumentRow(forms.Form):
    code = forms.CharField(label="Số hiệu", max_length=60)
    date = forms.DateField(
        label="Ngày ban hành",
        required=False,
        input_formats=DATE_FORMATS,
        widget=forms.DateInput(format="%d/%m/%Y", attrs={"placeholder": "dd/mm/yyyy"}),
    )


class FigureRow(forms.Form):
    what = forms.CharField(label="Nhãn", max_length=80)
    value = forms.IntegerField(
        label="Giá trị", min_value=0, error_messages={"min_value": "Số liệu không được âm."}
    )
    unit = forms.CharField(label="Đơn vị tính", max_length=40, required=False)
    text = forms.CharField(label="Câu gốc", max_length=300, required=False)


PeopleFormSet = formset_factory(PersonRow, extra=1, can_delete=True)
DocumentFormSet = formset_factory(DocumentRow, extra=1, can_delete=True)
FigureFormSet = formset_factory(FigureRow, extra=1, can_delete=True)


def _iso(value: Any) -> Any:
    return value.isoformat() if isinstance(value, dt.date) else value


def _as_date(value: Any) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if value else None
    except (TypeError, ValueError):
        return None


class DraftEditor:
    """The draft form and its three row sets, bound together."""

    def __init__(self, edited: dict[str, Any], data: Any = None) -> None:
        initial = {k: edited.get(k) for k in DraftForm.base_fields}
        for k in ("event_date", "period_from", "period_to"):
            initial[k] = _as_date(initial.get(k))
        docs = [{**d, "date": _as_date(d.get("date"))} for d in edited.get("documents") or []]
        self.form = DraftForm(data, initial=initial)
        self.people = PeopleFormSet(data, initial=edited.get("people") or [], prefix="people")
        self.documents = DocumentFormSet(data, initial=docs, prefix="documents")
        self.figures = FigureFormSet(data, initial=edited.get("figures") or [], prefix="figures")

    def is_valid(self) -> bool:
        parts = [self.form, self.people, self.documents, self.figures]
        return all([p.is_valid() for p in parts])

    @staticmethod
    def _rows(formset: Any) -> list[dict[str, Any]]:
        out = []
        for f in formset.forms:
            data = getattr(f, "cleaned_data", None) or {}
            if not data or data.get("DELETE"):
                continue
            out.append({k: _iso(v) for k, v in data.items() if k != "DELETE"})
        return out

    def edited(self) -> dict[str, Any]:
        data = {k: _iso(v) for k, v in self.form.cleaned_data.items()}
        data["people"] = self._rows(self.people)
        data["documents"] = self._rows(self.documents)
        data["figures"] = self._rows(self.figures)
        return data

    @property
    def errors(self) -> bool:
        return not self.is_valid()
