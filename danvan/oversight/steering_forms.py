"""Input parsing for the steering committee pages."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet

from danvan.accounts.permissions import scope
from danvan.people.models import Person
from danvan.units.models import Body, BodyKind, Unit, UnitClosure

from .actions import CommitteeData
from .forms import REQUIRED, HyphenQueryMixin, _choices, body_of, date_field, find_unit, text_area
from .steering_models import MemberRole, SteeringCommittee, SteeringKind

# The usual name of each kind of committee, before the unit's name.
DEFAULT_NAMES = {
    SteeringKind.GRASSROOTS_DEMOCRACY: "Ban Chỉ đạo thực hiện Quy chế dân chủ ở cơ sở",
    SteeringKind.SKILFUL_MOBILISATION: "Ban Chỉ đạo phong trào thi đua “Dân vận khéo”",
    SteeringKind.FATHERLAND: "Ban Chỉ đạo phối hợp hoạt động vận động quần chúng xây dựng và bảo vệ Tổ quốc",
}


def default_standing_body(unit: Unit, day: dt.date) -> Body | None:
    """The Ban Dân vận (or Ban Tuyên giáo và Dân vận) of the unit, if it has one (DOMAIN §4.5)."""
    return body_of(unit, BodyKind.MASS_MOBILIZATION, day)


def default_name(kind: str, unit: Unit) -> str:
    base = DEFAULT_NAMES.get(kind, "Ban Chỉ đạo")
    return f"{base} {unit.kind_label.lower()} {unit.short_name}"


class SteeringFilterForm(HyphenQueryMixin, forms.Form):
    q = forms.CharField(label="Tìm kiếm", required=False)
    don_vi = forms.CharField(label="Đơn vị (kể cả trực thuộc)", required=False)
    loai = forms.ChoiceField(label="Loại", required=False, choices=_choices(SteeringKind.choices))
    hieu_luc = forms.ChoiceField(
        label="Hoạt động",
        required=False,
        choices=[("", "— Tất cả —"), ("con", "Đang hoạt động"), ("het", "Đã giải thể")],
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        self.unit: Unit | None = None

    def clean_don_vi(self) -> str:
        text = self.cleaned_data.get("don_vi", "")
        if text:
            self.unit = find_unit(text, scope(self.user, "steering.view"))
            if self.unit is None:
                raise ValidationError("Không tìm thấy đơn vị này trong phạm vi bạn được xem.")
        return text

    def apply(self, qs: QuerySet[SteeringCommittee]) -> QuerySet[SteeringCommittee]:
        self.is_valid()
        data = self.cleaned_data
        if self.unit is not None:
            qs = qs.filter(
                unit__in=UnitClosure.objects.filter(ancestor=self.unit).values("descendant_id")
            )
        if data.get("loai"):
            qs = qs.filter(kind=data["loai"])
        if data.get("hieu_luc") == "con":
            qs = qs.filter(valid_to__isnull=True)
        elif data.get("hieu_luc") == "het":
            qs = qs.filter(valid_to__isnull=False)
        if data.get("q"):
            qs = qs.search(data["q"])
        return qs


class CommitteeForm(forms.Form):
    unit = forms.CharField(label="Đơn vị (mã hoặc tên)", error_messages=REQUIRED)
    kind = forms.ChoiceField(
        label="Loại", choices=_choices(SteeringKind.choices, "— Chọn —"), error_messages=REQUIRED
    )
    name = forms.CharField(
        label="Tên Ban Chỉ đạo (để trống: tên thường dùng)", required=False, max_length=300
    )
    party_body_kind = forms.ChoiceField(
        label="Cấp ủy thành lập",
        required=False,
        initial=BodyKind.PARTY_COMMITTEE,
        choices=_choices(
            [
                (BodyKind.PARTY_COMMITTEE.value, BodyKind.PARTY_COMMITTEE.label),
                (BodyKind.PARTY_BLOC.value, BodyKind.PARTY_BLOC.label),
            ],
            "— Không ghi —",
        ),
    )
    standing_body_kind = forms.ChoiceField(
        label="Cơ quan thường trực",
        required=False,
        choices=_choices(BodyKind.choices, "— Ban Dân vận (nếu đơn vị có) —"),
    )
    established_by = forms.CharField(
        label="Quyết định thành lập",
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"placeholder": "Quyết định số 125-QĐ/TU"}),
    )
    valid_from = date_field("Thành lập ngày")
    duties = text_area("Chức năng, nhiệm vụ")
    note = text_area("Ghi chú", rows=2)
    external_id = forms.CharField(label="Mã ngoài", required=False, max_length=64)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        self.unit_obj = self.party_body = self.standing_body = None
        if not data.get("unit"):
            return data
        self.unit_obj = find_unit(data["unit"])
        if self.unit_obj is None:
            self.add_error("unit", "Không tìm thấy đơn vị này (nhập mã hoặc tên).")
            return data
        day = data.get("valid_from") or dt.date.today()  # noqa: DTZ011 - a lookup date only
        for field, attr in (
            ("party_body_kind", "party_body"),
            ("standing_body_kind", "standing_body"),
        ):
            if data.get(field):
                body = body_of(self.unit_obj, data[field], day)
                if body is None:
                    self.add_error(
                        field,
                        f"{self.unit_obj} không có {BodyKind(data[field]).label} "
                        f"vào ngày {day:%d/%m/%Y}.",
                    )
                setattr(self, attr, body)
        if not data.get("standing_body_kind"):
            self.standing_body = default_standing_body(self.unit_obj, day)
        if not data.get("name") and data.get("kind"):
            data["name"] = default_name(data["kind"], self.unit_obj)
        return data

    def to_data(self, committee: SteeringCommittee | None = None) -> CommitteeData:
        d = self.cleaned_data
        return CommitteeData(
            unit=self.unit_obj,
            kind=d["kind"],
            name=d["name"],
            valid_from=d["valid_from"],  # type: ignore[arg-type]
            party_body=self.party_body,
            standing_body=self.standing_body,
            established_by=d.get("established_by", ""),
            duties=d.get("duties", ""),
            note=d.get("note", ""),
            external_id=d.get("external_id", ""),
            predecessor=committee.predecessor if committee else None,
        )

    @classmethod
    def initial_for(cls, c: SteeringCommittee) -> dict[str, Any]:
        return {
            "unit": c.unit.key,
            "kind": c.kind,
            "name": c.name,
            "party_body_kind": c.party_body.kind if c.party_body else "",
            "standing_body_kind": c.standing_body.kind if c.standing_body else "",
            "established_by": c.established_by,
            "valid_from": c.valid_from,
            "duties": c.duties,
            "note": c.note,
            "external_id": c.external_id,
        }


class MemberForm(forms.Form):
    person = forms.UUIDField(
        label="Cán bộ đã có", required=False, error_messages={"invalid": "Cán bộ không hợp lệ."}
    )
    full_name = forms.CharField(label="hoặc họ tên người mới", required=False, max_length=150)
    role = forms.ChoiceField(label="Vai trò", choices=MemberRole.choices, error_messages=REQUIRED)
    position_label = forms.CharField(
        label="Chức vụ (như trong quyết định)",
        required=False,
        max_length=300,
        widget=forms.TextInput(attrs={"placeholder": "Phó Bí thư Thường trực Thành ủy"}),
    )
    valid_from = date_field("Từ ngày")
    decision = forms.CharField(label="Theo quyết định", required=False, max_length=200)
    note = forms.CharField(label="Ghi chú", required=False, max_length=500)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        self.person_obj: Person | None = None
        if data.get("person"):
            self.person_obj = Person.objects.filter(code=data["person"]).first()
            if self.person_obj is None:
                self.add_error("person", "Không tìm thấy cán bộ này.")
        elif not data.get("full_name") and "person" not in self.errors:
            self.add_error("person", "Hãy chọn một cán bộ hoặc ghi họ tên người mới.")
        return data


class EndMemberForm(forms.Form):
    on = date_field("Thôi từ ngày")
    note = forms.CharField(label="Lý do", required=False, max_length=500)


class DissolveForm(forms.Form):
    on = date_field("Giải thể ngày")
    ended_by = forms.CharField(
        label="Quyết định giải thể, kiện toàn", required=False, max_length=200
    )
    note = forms.CharField(label="Ghi chú", required=False, max_length=500)


class SteeringPlanForm(forms.Form):
    number = forms.CharField(
        label="Số, ký hiệu",
        max_length=100,
        error_messages=REQUIRED,
        widget=forms.TextInput(attrs={"placeholder": "01-KH/BCĐ"}),
    )
    issued_on = date_field("Ngày ban hành")
    title = forms.CharField(label="Trích yếu", max_length=500, error_messages=REQUIRED)
    period_from = date_field("Giai đoạn từ", required=False)
    period_to = date_field("đến", required=False)
    note = forms.CharField(label="Ghi chú", required=False, max_length=500)


class MeetingForm(forms.Form):
    held_on = date_field("Ngày họp")
    venue = forms.CharField(label="Địa điểm", required=False, max_length=300)
    chaired_by = forms.UUIDField(label="Người chủ trì", required=False)
    content = text_area("Nội dung", required=True)
    conclusions = text_area("Kết luận")

    def clean_chaired_by(self) -> Person | None:
        code = self.cleaned_data.get("chaired_by")
        if not code:
            return None
        person = Person.objects.filter(code=code).first()
        if person is None:
            raise ValidationError("Không tìm thấy cán bộ này.")
        return person
