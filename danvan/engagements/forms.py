"""Input parsing and every 400 for the engagement pages."""

from __future__ import annotations

import datetime as dt
from typing import Any
from urllib.parse import urlencode

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils import timezone

from danvan.accounts import permissions
from danvan.lib.text import nfc
from danvan.units.models import Body, BodyKind, Level, Unit

from .models import (
    Confidence,
    EngagementKind,
    EngagementQuerySet,
    HostRole,
    ReceptionRule,
    ReceptionType,
    RulePer,
)

DATE_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]
DATE_ERRORS = {
    "required": "Hãy ghi ngày (dd/mm/yyyy).",
    "invalid": "Ngày không hợp lệ (dùng dạng dd/mm/yyyy).",
}
INT_ERRORS = {
    "invalid": "Phải là số nguyên.",
    "min_value": "Không được là số âm.",
    "max_value": "Số quá lớn.",
}
UNIT_CHOICE_LIMIT = 300


def _date_field(label: str, required: bool = False, **kwargs: Any) -> forms.DateField:
    return forms.DateField(
        label=label,
        required=required,
        input_formats=DATE_FORMATS,
        error_messages=DATE_ERRORS,
        widget=forms.DateInput(format="%d/%m/%Y", attrs={"placeholder": "dd/mm/yyyy"}),
        **kwargs,
    )


def _count_field(label: str, **kwargs: Any) -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
        required=False,
        min_value=0,
        max_value=10_000_000,
        error_messages=INT_ERRORS,
        **kwargs,
    )


def _blank(choices: Any, label: str = "—") -> list[tuple[str, str]]:
    return [("", label), *choices]


def resolve_unit(user: Any, key: str, action: str) -> Unit:
    """A unit key typed or picked by the user, checked against their scope for `action`."""
    key = (key or "").strip()
    if not key:
        raise ValidationError("Hãy chọn đơn vị.")
    unit = Unit.objects.filter(key=key).first()
    if unit is None:
        raise ValidationError(f"Không có đơn vị mã “{key}”.")
    if not permissions.can(user, action, unit):
        raise ValidationError(f"Bạn không có quyền tại {unit.name}.")
    return unit


def body_of(unit: Unit, kind: str, on: dt.date) -> Body | None:
    """The unit's body of `kind` under the name it had on `on` (names change, e.g. 2025)."""
    return Body.objects.filter(unit=unit, kind=kind).valid_on(on).order_by("-valid_from").first()


def unit_choices(user: Any, action: str) -> list[Unit]:
    """Units to suggest in pickers: where the user's grants are, and one level below."""
    if getattr(user, "is_superuser", False):
        roots = Unit.objects.filter(level__in=[Level.NATION, Level.PROVINCE]).current()
    else:
        roots = Unit.objects.filter(pk__in=permissions.root_ids(user, action))
    ids = roots.values("pk")
    return list(
        Unit.objects.filter(Q(pk__in=ids) | Q(parent__in=ids)).order_by("level", "code")[
            :UNIT_CHOICE_LIMIT
        ]
    )


class EngagementForm(forms.Form):
    """Create and edit. Bodies are picked by kind and resolved to the unit's body of that
    kind under the name it had on the date (so the 2025 renames need no thought)."""

    unit = forms.CharField(
        label="Đơn vị",
        max_length=32,
        widget=forms.TextInput(attrs={"list": "unit-options"}),
        help_text="Mã đơn vị, ví dụ 06688 (Phường Hạ Long); đơn vị trước 2025: 193@2025-06-30.",
        error_messages={"required": "Hãy chọn đơn vị."},
    )
    kind = forms.ChoiceField(
        label="Loại hoạt động",
        choices=_blank(EngagementKind.choices, "— chọn —"),
        error_messages={
            "required": "Hãy chọn loại hoạt động.",
            "invalid_choice": "Loại hoạt động không hợp lệ.",
        },
    )
    reception_type = forms.ChoiceField(
        label="Hình thức tiếp",
        choices=_blank(ReceptionType.choices),
        required=False,
        help_text="Chỉ với tiếp công dân.",
    )
    host_role = forms.ChoiceField(
        label="Vai trò người chủ trì",
        choices=_blank(HostRole.choices),
        required=False,
        help_text="Bắt buộc với tiếp công dân: chỉ buổi do Bí thư, Chủ tịch trực tiếp chủ trì "
        "mới được tính vào số ngày tiếp dân định kỳ.",
    )
    date = _date_field("Ngày tổ chức", required=True)
    meetings = forms.IntegerField(
        label="Số cuộc",
        initial=1,
        min_value=0,
        max_value=100_000,
        error_messages={**INT_ERRORS, "required": "Hãy ghi số cuộc."},
        help_text="Thường là 1. Có thể ghi gộp nhiều cuộc nhỏ cùng loại (ví dụ 12 cuộc họp "
        "tổ dân phố trong tháng) thành một dòng; tiếp công dân luôn là 1.",
    )
    topic = forms.CharField(
        label="Chủ đề, nội dung",
        max_length=300,
        error_messages={"required": "Hãy ghi chủ đề, nội dung.", "max_length": "Tối đa 300 ký tự."},
    )
    body_kind = forms.ChoiceField(
        label="Cơ quan chủ trì", choices=_blank(BodyKind.choices), required=False
    )
    co_organiser_kinds = forms.MultipleChoiceField(
        label="Cơ quan phối hợp",
        choices=BodyKind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    host_name = forms.CharField(label="Người chủ trì", max_length=150, required=False)
    host_position = forms.CharField(label="Chức vụ người chủ trì", max_length=200, required=False)
    place = forms.CharField(label="Địa điểm", max_length=200, required=False)
    is_online = forms.BooleanField(label="Tổ chức trực tuyến", required=False)
    connection_points = _count_field("Số điểm cầu")
    attendance = _count_field("Số lượt người dự")
    distinct_people = _count_field(
        "Số người (không trùng)", help_text="Chỉ ghi khi biết chính xác; không cộng dồn lượt."
    )
    women = _count_field("Trong đó nữ (lượt)")
    ethnic_minorities = _count_field("Trong đó người dân tộc thiểu số (lượt)")
    issues_raised = forms.CharField(
        label="Ý kiến, kiến nghị của Nhân dân",
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
    )
    outcome = forms.CharField(
        label="Kết quả, trả lời", widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    outcome_on = _date_field("Ngày ghi nhận kết quả")
    external_id = forms.CharField(
        label="Mã định danh ngoài",
        max_length=64,
        required=False,
        help_text="Không bắt buộc; dùng khi đối chiếu với bảng tính.",
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        self.unit_options = unit_choices(user, "engagements.edit")

    def clean_unit(self) -> Unit:
        return resolve_unit(self.user, self.cleaned_data["unit"], "engagements.edit")

    def clean_topic(self) -> str:
        return nfc(self.cleaned_data["topic"])

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        unit, day = data.get("unit"), data.get("date")
        if isinstance(unit, Unit) and isinstance(day, dt.date) and not unit.is_valid_on(day):
            self.add_error(
                "date",
                f"{unit.name} không tồn tại vào ngày {day:%d/%m/%Y} (hiệu lực: "
                f"{unit.validity_label}); hãy ghi cho đơn vị đúng với thời điểm đó.",
            )
        elif isinstance(unit, Unit) and isinstance(day, dt.date):
            data["body"] = self._body(unit, data.get("body_kind"), day, "body_kind")
            data["co_organisers"] = [
                b
                for kind in data.get("co_organiser_kinds") or []
                if (b := self._body(unit, kind, day, "co_organiser_kinds")) is not None
            ]
        return data

    def _body(self, unit: Unit, kind: str | None, day: dt.date, field: str) -> Body | None:
        if not kind:
            return None
        body = body_of(unit, kind, day)
        if body is None:
            self.add_error(
                field,
                f"{unit.name} không có {BodyKind(kind).label} vào ngày {day:%d/%m/%Y}.",
            )
        return body

    def action_values(self) -> dict[str, Any]:
        """Keyword arguments for actions.create_engagement / update_engagement."""
        data = self.cleaned_data
        values = {
            name: data.get(name)
            for name in (
                "kind",
                "reception_type",
                "host_role",
                "date",
                "meetings",
                "topic",
                "host_name",
                "host_position",
                "place",
                "is_online",
                "connection_points",
                "attendance",
                "distinct_people",
                "women",
                "ethnic_minorities",
                "issues_raised",
                "outcome",
                "outcome_on",
                "external_id",
            )
        }
        values["body"] = data.get("body")
        values["unit"] = data["unit"]
        values["co_organisers"] = data.get("co_organisers", [])
        return values

    @staticmethod
    def initial_for(engagement: Any) -> dict[str, Any]:
        return {
            "unit": engagement.unit.key,
            "kind": engagement.kind,
            "reception_type": engagement.reception_type,
            "host_role": engagement.host_role,
            "date": engagement.date,
            "meetings": engagement.meetings,
            "topic": engagement.topic,
            "body_kind": engagement.body.kind if engagement.body else "",
            "co_organiser_kinds": [b.kind for b in engagement.co_organisers.all()],
            "host_name": engagement.host_name,
            "host_position": engagement.host_position,
            "place": engagement.place,
            "is_online": engagement.is_online,
            "connection_points": engagement.connection_points,
            "attendance": engagement.attendance,
            "distinct_people": engagement.distinct_people,
            "women": engagement.women,
            "ethnic_minorities": engagement.ethnic_minorities,
            "issues_raised": engagement.issues_raised,
            "outcome": engagement.outcome,
            "outcome_on": engagement.outcome_on,
            "external_id": engagement.external_id,
        }


class OutcomeForm(forms.Form):
    outcome = forms.CharField(
        label="Kết quả, trả lời",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Hãy ghi kết quả, nội dung trả lời."},
    )
    outcome_on = _date_field("Ngày ghi nhận kết quả")


class DeleteForm(forms.Form):
    reason = forms.CharField(
        label="Lý do xóa",
        max_length=300,
        error_messages={"required": "Hãy ghi lý do xóa."},
    )


class FilterForm(forms.Form):
    """GET filters of the list. Field names are the query parameters (?don-vi=06688)."""

    def __init__(self, data: Any, *, user: Any) -> None:
        super().__init__(data)
        self.user = user
        self.fields["don-vi"] = forms.CharField(
            label="Đơn vị (gồm trực thuộc)",
            required=False,
            widget=forms.TextInput(
                attrs={"list": "unit-options", "placeholder": "mã, ví dụ 06688"}
            ),
        )
        self.fields["tu-ngay"] = _date_field("Từ ngày")
        self.fields["den-ngay"] = _date_field("Đến ngày")
        self.fields["loai"] = forms.ChoiceField(
            label="Loại", choices=_blank(EngagementKind.choices, "Tất cả"), required=False
        )
        self.fields["hinh-thuc"] = forms.ChoiceField(
            label="Hình thức tiếp", choices=_blank(ReceptionType.choices, "Tất cả"), required=False
        )
        self.fields["vai-tro"] = forms.ChoiceField(
            label="Người chủ trì", choices=_blank(HostRole.choices, "Tất cả"), required=False
        )
        self.fields["q"] = forms.CharField(
            label="Tìm",
            required=False,
            max_length=200,
            widget=forms.TextInput(
                attrs={"type": "search", "placeholder": "chủ đề, người chủ trì…"}
            ),
        )
        self.unit_options = unit_choices(user, "engagements.view")

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        key = (data.get("don-vi") or "").strip()
        data["unit"] = None
        if key:
            try:
                data["unit"] = resolve_unit(self.user, key, "engagements.view")
            except ValidationError as e:
                self.add_error("don-vi", e)
        start, end = data.get("tu-ngay"), data.get("den-ngay")
        if start and end and end < start:
            self.add_error("den-ngay", "“Đến ngày” phải sau “Từ ngày”.")
        return data

    def apply(self, qs: EngagementQuerySet) -> EngagementQuerySet:
        data = self.cleaned_data
        if data.get("unit"):
            qs = qs.in_subtree(data["unit"])
        qs = qs.in_period(data.get("tu-ngay"), data.get("den-ngay"))
        if data.get("loai"):
            qs = qs.filter(kind=data["loai"])
        if data.get("hinh-thuc"):
            qs = qs.filter(reception_type=data["hinh-thuc"])
        if data.get("vai-tro"):
            qs = qs.filter(host_role=data["vai-tro"])
        if data.get("q"):
            qs = qs.matching(data["q"])
        return qs

    def querystring(self) -> str:
        """The filters without the page number, for pager links and exports."""
        pairs = [(k, v) for k, v in self.data.items() if k != "page" and v]
        return urlencode(pairs)


class ComplianceForm(forms.Form):
    def __init__(self, data: Any, *, user: Any) -> None:
        super().__init__(data)
        self.user = user
        self.fields["don-vi"] = forms.CharField(
            label="Đơn vị",
            required=False,
            widget=forms.TextInput(attrs={"list": "unit-options", "placeholder": "mã, ví dụ 22"}),
        )
        self.fields["thang"] = forms.CharField(
            label="Tháng",
            required=False,
            widget=forms.TextInput(attrs={"placeholder": "mm/yyyy"}),
        )
        self.fields["chua-dat"] = forms.BooleanField(label="Chỉ hiện chưa đạt", required=False)
        self.unit_options = unit_choices(user, "engagements.view")

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        key = (data.get("don-vi") or "").strip()
        try:
            data["unit"] = (
                resolve_unit(self.user, key, "engagements.view") if key else self.default_unit()
            )
        except ValidationError as e:
            self.add_error("don-vi", e)
        text = (data.get("thang") or "").strip()
        if text:
            try:
                month, year = (int(part) for part in text.replace("-", "/").split("/"))
                dt.date(year, month, 1)
                if not 2000 <= year <= 2100:
                    raise ValueError(year)
            except (ValueError, TypeError):
                self.add_error("thang", "Tháng không hợp lệ (dùng dạng mm/yyyy, ví dụ 10/2026).")
            else:
                data["year"], data["month"] = year, month
        else:
            last = timezone.localdate().replace(day=1) - dt.timedelta(days=1)
            data["year"], data["month"] = last.year, last.month
        return data

    def default_unit(self) -> Unit:
        """The first unit where the user's view grants are (the nation for superusers)."""
        if getattr(self.user, "is_superuser", False):
            unit = Unit.objects.filter(level=Level.NATION).first()
        else:
            unit = (
                Unit.objects.filter(pk__in=permissions.root_ids(self.user, "engagements.view"))
                .current()
                .order_by("level", "code")
                .first()
            )
        if unit is None:
            raise ValidationError("Bạn chưa được giao vai trò tại đơn vị nào.")
        return unit


class RuleForm(forms.Form):
    code = forms.CharField(label="Mã quy định", max_length=40)
    host_role = forms.ChoiceField(label="Người đứng đầu", choices=HostRole.choices[:2])
    level = forms.ChoiceField(
        label="Cấp", choices=[(v, lbl) for v, lbl in Level.choices if v != Level.NATION]
    )
    min_days = forms.IntegerField(
        label="Số ngày tối thiểu", min_value=1, max_value=31, error_messages=INT_ERRORS
    )
    per = forms.ChoiceField(label="Mỗi", choices=RulePer.choices)
    legal_basis = forms.CharField(label="Căn cứ", max_length=300)
    source_url = forms.URLField(
        label="Nguồn (địa chỉ web)",
        required=False,
        assume_scheme="https",
        max_length=500,
        error_messages={"invalid": "Địa chỉ web không hợp lệ."},
    )
    confidence = forms.ChoiceField(label="Độ tin cậy", choices=Confidence.choices)
    valid_from = _date_field("Hiệu lực từ ngày", required=True)
    valid_to = _date_field("Hiệu lực đến ngày")
    note = forms.CharField(
        label="Ghi chú", widget=forms.Textarea(attrs={"rows": 3}), required=False
    )

    @staticmethod
    def initial_for(rule: ReceptionRule) -> dict[str, Any]:
        return {name: getattr(rule, name) for name in RuleForm.base_fields}
