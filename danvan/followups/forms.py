"""Input parsing and every 400 for the key-task pages."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.db.models import QuerySet

from danvan.conferences.filters import ListFilterForm, date_field, subtree_with_predecessors
from danvan.conferences.models import Conference
from danvan.units.models import Body, Unit

from .models import KeyTask, today
from .states import LABELS, MANUAL, Status

OVERDUE = "qua_han"


class TaskFilterForm(ListFilterForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["trang-thai"] = forms.ChoiceField(
            label="Trạng thái",
            required=False,
            choices=[("", "Tất cả"), *Status.choices, (OVERDUE, "Quá hạn")],
        )
        self.fields["hoi-nghi"] = forms.UUIDField(required=False, widget=forms.HiddenInput)
        self.fields["tu-ngay"].label = "Thời hạn từ ngày"
        self.fields["den-ngay"].label = "Thời hạn đến ngày"

    def apply(self, qs: QuerySet[KeyTask]) -> QuerySet[KeyTask]:
        if not self.is_valid():
            return qs
        data = self.cleaned_data
        if data["unit"] is not None:
            qs = qs.filter(unit__in=subtree_with_predecessors(data["unit"]))
        status = data.get("trang-thai")
        if status == OVERDUE:
            qs = qs.overdue()
        elif status:
            qs = qs.filter(status=status)
        if data.get("hoi-nghi"):
            qs = qs.filter(conference__code=data["hoi-nghi"])
        if data.get("tu-ngay"):
            qs = qs.filter(deadline__gte=data["tu-ngay"])
        if data.get("den-ngay"):
            qs = qs.filter(deadline__lte=data["den-ngay"])
        if data.get("q"):
            qs = qs.search(data["q"])
        return qs


def owner_bodies(unit: Unit, on: dt.date | None) -> QuerySet[Body]:
    qs = Body.objects.filter(unit=unit)
    if on:
        qs = qs.valid_on(on)
    return qs.order_by("kind", "name")


class TaskForm(forms.Form):
    """A key task of a conference: number, text, owners ("rõ người, rõ việc"), deadline."""

    conference = forms.UUIDField(required=False, widget=forms.HiddenInput)
    number = forms.IntegerField(
        label="Số thứ tự",
        required=False,
        min_value=1,
        help_text="Để trống: số tiếp theo.",
        error_messages={"min_value": "Số thứ tự phải từ 1 trở lên.", "invalid": "Hãy nhập số."},
    )
    text = forms.CharField(
        label="Nội dung nhiệm vụ",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Hãy nhập nội dung nhiệm vụ."},
    )
    owner_body = forms.ModelChoiceField(
        label="Cơ quan chủ trì",
        queryset=Body.objects.none(),
        required=False,
        empty_label="— chưa giao —",
    )
    owner_person_name = forms.CharField(
        label="Người chịu trách nhiệm",
        required=False,
        max_length=150,
        help_text="Họ tên; người đã dự hội nghị được nhận ra theo tên.",
    )
    co_owners = forms.ModelMultipleChoiceField(
        label="Cơ quan phối hợp",
        queryset=Body.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    co_owners_text = forms.CharField(label="Phối hợp (ghi thêm)", required=False, max_length=300)
    deadline = date_field("Thời hạn")
    period_label = forms.CharField(
        label="Kỳ thực hiện",
        required=False,
        max_length=100,
        help_text="Để trống: kỳ triển khai của hội nghị.",
    )
    period_from = date_field("Kỳ thực hiện từ ngày")
    period_to = date_field("Kỳ thực hiện đến ngày")

    def __init__(self, *args: Any, unit: Unit, on: dt.date | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        bodies = owner_bodies(unit, on)
        self.fields["owner_body"].queryset = bodies
        self.fields["co_owners"].queryset = bodies

    @classmethod
    def initial_for(cls, t: KeyTask) -> dict[str, Any]:
        return {
            "number": t.number,
            "text": t.text,
            "owner_body": t.owner_body_id,
            "owner_person_name": t.owner_person.full_name if t.owner_person_id else "",
            "co_owners": list(t.co_owners.values_list("pk", flat=True)),
            "co_owners_text": t.co_owners_text,
            "deadline": t.deadline,
            "period_label": t.period_label,
            "period_from": t.period_from,
            "period_to": t.period_to,
        }

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        start, end = data.get("period_from"), data.get("period_to")
        if start and end and start > end:
            self.add_error("period_to", "Kỳ thực hiện: ngày kết thúc trước ngày bắt đầu.")
        return data


class ProgressForm(forms.Form):
    on = date_field("Ngày", required=True, initial=today)
    note = forms.CharField(
        label="Tiến độ, kết quả",
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": "Hãy ghi nội dung tiến độ."},
    )
    percent = forms.IntegerField(
        label="Hoàn thành (%)",
        required=False,
        min_value=0,
        max_value=100,
        error_messages={
            "min_value": "Tiến độ phải từ 0 đến 100%%.",
            "max_value": "Tiến độ phải từ 0 đến 100%%.",
            "invalid": "Hãy nhập số.",
        },
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["on"].error_messages["required"] = "Hãy nhập ngày."


class TransitionForm(forms.Form):
    to = forms.ChoiceField(
        label="Chuyển sang",
        choices=[(s, LABELS[s]) for s in (Status.NOT_STARTED, Status.IN_PROGRESS, Status.DONE)],
        error_messages={"invalid_choice": "Trạng thái không hợp lệ."},
    )
    on = date_field("Ngày", required=True, initial=today)
    note = forms.CharField(
        label="Ghi chú", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args: Any, task: KeyTask | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["on"].error_messages["required"] = "Hãy nhập ngày."
        if task is not None:
            from .states import ALLOWED

            allowed = ALLOWED.get(task.status, frozenset()) & MANUAL
            self.fields["to"].choices = [(s, LABELS[s]) for s in Status.values if s in allowed]


class CarryOverForm(forms.Form):
    conference = forms.ModelChoiceField(
        label="Hội nghị kỳ sau",
        queryset=Conference.objects.none(),
        required=False,
        empty_label="— hội nghị kế tiếp của cơ quan —",
        to_field_name="code",
    )
    deadline = date_field("Thời hạn mới")
    period_label = forms.CharField(label="Kỳ thực hiện mới", required=False, max_length=100)
    note = forms.CharField(
        label="Lý do chuyển kỳ", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args: Any, task: KeyTask, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from danvan.accounts.permissions import visible

        qs = Conference.objects.none()
        if task.conference_id:
            c = task.conference
            qs = (
                Conference.objects.of_body(c.body_ids())
                .filter(sort_on__gte=c.sort_on)
                .exclude(pk=c.pk)
            )
        self.fields["conference"].queryset = visible(user, qs, "followups.edit").order_by("sort_on")
