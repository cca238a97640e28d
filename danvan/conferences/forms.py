"""Input parsing and every 400 for the conference pages."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet

from danvan.accounts.permissions import can
from danvan.people.models import Person
from danvan.units.models import Body, BodyKind, Unit

from .filters import LinesField, ListFilterForm, date_field, subtree_with_predecessors, unit_by_key
from .models import Conference, Kind, ParticipantRole


class ConferenceFilterForm(ListFilterForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["loai"] = forms.ChoiceField(
            label="Loại hội nghị", required=False, choices=[("", "Tất cả"), *Kind.choices]
        )

    def apply(self, qs: QuerySet[Conference]) -> QuerySet[Conference]:
        if not self.is_valid():
            return qs
        data = self.cleaned_data
        if data["unit"] is not None:
            qs = qs.filter(unit__in=subtree_with_predecessors(data["unit"]))
        if data.get("loai"):
            qs = qs.filter(kind=data["loai"])
        if data.get("tu-ngay"):
            qs = qs.filter(sort_on__gte=data["tu-ngay"])
        if data.get("den-ngay"):
            qs = qs.filter(sort_on__lte=data["den-ngay"])
        if data.get("q"):
            qs = qs.search(data["q"])
        return qs


def body_for(unit: Unit, kind: str, on: Any) -> Body | None:
    qs = Body.objects.filter(unit=unit, kind=kind)
    if on:
        qs = qs.valid_on(on)
    return qs.order_by("-valid_from").first()


class ConferenceForm(forms.Form):
    """Create (with the unit) and edit (the unit is fixed) a conference."""

    unit_key = forms.CharField(
        label="Đơn vị tổ chức (mã)",
        help_text="Mã đơn vị, ví dụ 193@2025-06-30 (Thành phố Hạ Long trước 2025) hoặc 06688.",
        error_messages={"required": "Hãy nhập mã đơn vị tổ chức."},
    )
    body_kind = forms.ChoiceField(
        label="Cơ quan tổ chức",
        choices=BodyKind.choices,
        initial=BodyKind.PARTY_COMMITTEE,
        error_messages={"required": "Hãy chọn cơ quan tổ chức."},
    )
    title = forms.CharField(
        label="Tên hội nghị",
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": "Hãy nhập tên hội nghị."},
    )
    kind = forms.ChoiceField(label="Loại hội nghị", choices=Kind.choices)
    programmes = LinesField(
        label="Chương trình, lĩnh vực được đánh giá", help_text="Mỗi dòng một chương trình."
    )
    held_on = date_field("Ngày tổ chức", help_text="Để trống nếu nguồn không ghi ngày.")
    held_note = forms.CharField(label="Thời gian (như ghi)", required=False, max_length=100)
    venue = forms.CharField(label="Địa điểm", required=False, max_length=300)
    reviewed_label = forms.CharField(label="Kỳ đánh giá (như ghi)", required=False, max_length=100)
    reviewed_from = date_field("Kỳ đánh giá từ ngày")
    reviewed_to = date_field("Kỳ đánh giá đến ngày")
    planned_label = forms.CharField(label="Kỳ triển khai (như ghi)", required=False, max_length=100)
    planned_from = date_field("Kỳ triển khai từ ngày")
    planned_to = date_field("Kỳ triển khai đến ngày")
    is_online = forms.BooleanField(label="Hội nghị trực tuyến", required=False)
    bridge_points_count = forms.IntegerField(
        label="Số điểm cầu",
        required=False,
        min_value=0,
        error_messages={"min_value": "Số điểm cầu không được âm.", "invalid": "Hãy nhập số."},
    )
    bridge_points = LinesField(label="Các điểm cầu", help_text="Mỗi dòng một điểm cầu.")
    reports = LinesField(label="Báo cáo trình bày", help_text="Mỗi dòng một báo cáo.")
    contributions = LinesField(label="Tham luận, phát biểu", help_text="Mỗi dòng một tham luận.")
    conclusions = forms.CharField(
        label="Kết luận hội nghị", required=False, widget=forms.Textarea(attrs={"rows": 6})
    )
    awards_count = forms.IntegerField(
        label="Số tập thể, cá nhân được khen",
        required=False,
        min_value=0,
        error_messages={"min_value": "Không được âm.", "invalid": "Hãy nhập số."},
    )
    awards_text = forms.CharField(
        label="Khen thưởng, trao tặng", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    pledges_count = forms.IntegerField(
        label="Số giao ước thi đua ký kết",
        required=False,
        min_value=0,
        error_messages={"min_value": "Không được âm.", "invalid": "Hãy nhập số."},
    )
    pledges_text = forms.CharField(
        label="Giao ước thi đua", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    directives_text = forms.CharField(
        label="Văn bản thực hiện",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Dán trích dẫn như trong báo cáo: “Chỉ thị số 21-CT/TU, ngày 27/5/2022; "
        "Kết luận số 120-KL/TW”. Văn bản chưa có trong danh mục được tạo tạm.",
    )
    notice_number = forms.CharField(
        label="Số thông báo kết luận",
        required=False,
        max_length=20,
        help_text="Chỉ phần số (ví dụ 414); để trống cho văn thư điền.",
    )
    notice_date = date_field("Ngày thông báo", help_text="Để trống: lấy ngày hội nghị.")
    notice_place = forms.CharField(label="Địa danh", required=False, max_length=100)
    notice_signing = forms.CharField(
        label="Thẩm quyền ký",
        required=False,
        max_length=100,
        help_text="Ví dụ: T/M BAN THƯỜNG VỤ; để trống: tự suy ra.",
    )
    notice_signer_title = forms.CharField(
        label="Chức danh người ký", required=False, max_length=150
    )
    notice_signer_name = forms.CharField(label="Họ tên người ký", required=False, max_length=150)
    notice_recipients = LinesField(label="Nơi nhận", help_text="Mỗi dòng một nơi nhận.")
    external_id = forms.CharField(label="Mã ngoài", required=False, max_length=64)

    def __init__(self, *args: Any, user: Any, conference: Conference | None = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.user = user
        self.conference = conference
        if conference is not None:
            self.fields["unit_key"].required = False
            self.fields["unit_key"].disabled = True
            self.fields[
                "directives_text"
            ].help_text = "Thêm văn bản: dán trích dẫn; các văn bản đã gắn vẫn giữ nguyên."

    @classmethod
    def initial_for(cls, c: Conference) -> dict[str, Any]:
        data = {name: getattr(c, name) for name in cls.base_fields if hasattr(c, name)}
        data["unit_key"] = c.unit.key
        data["body_kind"] = c.body.kind
        return data

    def clean_title(self) -> str:
        return " ".join(self.cleaned_data["title"].split())

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        unit = self.conference.unit if self.conference else unit_by_key(data.get("unit_key", ""))
        if unit is None:
            if data.get("unit_key"):
                self.add_error("unit_key", f"Không có đơn vị mã “{data['unit_key']}”.")
            return data
        if self.conference is None and not can(self.user, "conferences.edit", unit):
            self.add_error("unit_key", "Bạn không có quyền ghi hội nghị của đơn vị này.")
            return data
        data["unit"] = unit
        kind = data.get("body_kind")
        on = data.get("held_on") or data.get("reviewed_to") or data.get("planned_from")
        if data.get("held_on") and not unit.is_valid_on(data["held_on"]):
            self.add_error(
                "held_on",
                f"{unit.name} không tồn tại vào ngày {data['held_on']:%d/%m/%Y} "
                f"({unit.validity_label}); hãy chọn đơn vị đúng thời điểm.",
            )
        elif kind:
            body = body_for(unit, kind, on)
            if body is None:
                label = BodyKind(kind).label
                self.add_error(
                    "body_kind", f"{unit.name} không có {label.lower()} vào thời điểm này."
                )
            data["body"] = body
        if data.get("bridge_points") and not data.get("is_online"):
            self.add_error("bridge_points", "Chỉ hội nghị trực tuyến mới có điểm cầu.")
        return data

    def action_fields(self) -> dict[str, Any]:
        """The cleaned values the actions take (unit, body and citations apart)."""
        skip = {"unit_key", "body_kind", "directives_text", "unit", "body", "title", "kind"}
        return {k: v for k, v in self.cleaned_data.items() if k not in skip}


class ParticipantForm(forms.Form):
    role = forms.ChoiceField(
        label="Vai trò", choices=ParticipantRole.choices, initial=ParticipantRole.ATTENDEE
    )
    person = forms.UUIDField(required=False, widget=forms.HiddenInput)
    full_name = forms.CharField(
        label="Họ và tên",
        required=False,
        max_length=150,
        help_text="Gõ để tìm cán bộ đã có; chọn người trong danh sách hoặc để nguyên để thêm người mới.",
    )
    position_label = forms.CharField(
        label="Chức vụ (như ghi ngày hội nghị)",
        required=False,
        max_length=300,
        help_text="Ví dụ: Phó Bí thư TT Thành uỷ, Trưởng BCĐ thực hiện quy chế dân chủ ở cơ sở Thành phố.",
    )
    position_unit = forms.CharField(
        label="Đơn vị của chức vụ (mã)",
        required=False,
        help_text="Để trống: đơn vị tổ chức hội nghị. Ví dụ 22@2025-06-30 cho cán bộ tỉnh.",
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        code = data.get("person")
        data["person_obj"] = None
        if code:
            person = Person.objects.filter(code=code, merged_into__isnull=True).first()
            if person is None:
                self.add_error("full_name", "Không tìm thấy cán bộ đã chọn.")
            data["person_obj"] = person
        elif not data.get("full_name"):
            self.add_error("full_name", "Hãy chọn cán bộ hoặc nhập họ tên người mới.")
        key = data.get("position_unit")
        data["position_unit_obj"] = None
        if key:
            unit = unit_by_key(key)
            if unit is None:
                self.add_error("position_unit", f"Không có đơn vị mã “{key}”.")
            data["position_unit_obj"] = unit
        return data


class DirectivesForm(forms.Form):
    text = forms.CharField(
        label="Trích dẫn văn bản",
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": "Hãy dán trích dẫn văn bản."},
    )
