"""Input parsing for the emulation pages: every 400 comes from here."""

from __future__ import annotations

import json
from decimal import Decimal, InvalidOperation
from typing import Any

from django import forms

from danvan.accounts import permissions
from danvan.lib.text import nfc
from danvan.people.models import Person
from danvan.units.models import Body, Unit

from .models import (
    AwardForm,
    Confidence,
    Measure,
    Predicate,
    RankingBasis,
    RecipientKind,
    RuleGroup,
)
from .states import CommendationStatus, PledgeStatus

DATE_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]


def date_field(label: str, required: bool = False) -> forms.DateField:
    return forms.DateField(
        label=label,
        required=required,
        input_formats=DATE_FORMATS,
        error_messages={
            "invalid": "Ngày không hợp lệ (dùng dạng dd/mm/yyyy).",
            "required": "Hãy nhập ngày.",
        },
        widget=forms.DateInput(attrs={"placeholder": "dd/mm/yyyy"}, format="%d/%m/%Y"),
    )


def parse_decimal(text: str) -> Decimal:
    """'2,5' → 2.5 and '17.385' → 17385 (Vietnamese number format); ValueError otherwise."""
    raw = (text or "").strip().replace(" ", "")
    if "," in raw:
        raw = raw.replace(".", "").replace(",", ".")
    elif raw.count(".") == 1 and len(raw.split(".")[1]) == 3:
        raw = raw.replace(".", "")  # a thousands separator: 17.385
    try:
        value = Decimal(raw)
    except InvalidOperation as e:
        raise ValueError(f"“{text}” không phải số.") from e
    if not value.is_finite():
        raise ValueError(f"“{text}” không phải số.")
    return value


class VNDecimalField(forms.CharField):
    """A number typed the Vietnamese way: '2,5', '17.385'."""

    def __init__(self, *args: Any, min_value: Decimal | None = None, **kwargs: Any) -> None:
        self.min_value = min_value
        super().__init__(*args, **kwargs)

    def clean(self, value: Any) -> Decimal | None:  # type: ignore[override]
        text = super().clean(value)
        if not text:
            return None
        try:
            number = parse_decimal(text)
        except ValueError as e:
            raise forms.ValidationError(str(e)) from e
        if self.min_value is not None and number < self.min_value:
            raise forms.ValidationError(f"Phải từ {self.min_value:g} trở lên.")
        if abs(number) >= Decimal("1e8"):
            raise forms.ValidationError("Số quá lớn.")
        return number.quantize(Decimal("0.01"))


def _unit(key: str) -> Unit | None:
    return Unit.objects.filter(key=key.strip()).first() if key and key.strip() else None


def _body(value: Any) -> Body | None:
    return Body.objects.select_related("unit").filter(pk=value).first() if value else None


def _conference(user: Any, code: Any) -> Any:
    from danvan.conferences.models import Conference

    if not code:
        return None
    qs = permissions.visible(user, Conference.objects, "conferences.view")
    return qs.filter(code=code).first()


class ConferenceFieldMixin(forms.Form):
    conference = forms.UUIDField(
        label="Mã hội nghị (không bắt buộc)",
        required=False,
        error_messages={"invalid": "Mã hội nghị không hợp lệ."},
    )

    def __init__(self, *args: Any, user: Any = None, **kwargs: Any) -> None:
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_conference(self) -> Any:
        code = self.cleaned_data.get("conference")
        if not code:
            return None
        conference = _conference(self.user, code)
        if conference is None:
            raise forms.ValidationError("Không tìm thấy hội nghị này.")
        return conference


# --- pledges -------------------------------------------------------------------------


class PledgeFilterForm(forms.Form):
    q = forms.CharField(required=False)
    don_vi = forms.CharField(required=False)
    nam = forms.IntegerField(
        required=False,
        min_value=2000,
        max_value=2100,
        error_messages={
            "invalid": "Năm không hợp lệ.",
            "min_value": "Năm không hợp lệ.",
            "max_value": "Năm không hợp lệ.",
        },
    )
    trang_thai = forms.ChoiceField(
        required=False,
        choices=[("", "Tất cả"), *PledgeStatus.choices],
        error_messages={"invalid_choice": "Trạng thái không hợp lệ."},
    )

    @classmethod
    def from_query(cls, params: Any) -> PledgeFilterForm:
        return cls({k: params.get(k.replace("_", "-"), params.get(k, "")) for k in cls.base_fields})

    def clean_don_vi(self) -> Unit | None:
        key = self.cleaned_data.get("don_vi") or ""
        unit = _unit(key)
        if key and unit is None:
            raise forms.ValidationError(f"Không có đơn vị mã “{key}”.")
        return unit


class PledgeForm(ConferenceFieldMixin):
    unit = forms.CharField(label="Đơn vị", required=False)
    body = forms.IntegerField(
        label="Cơ quan chủ trì", required=False, error_messages={"invalid": "Cơ quan không hợp lệ."}
    )
    year = forms.IntegerField(
        label="Năm thi đua",
        min_value=2000,
        max_value=2100,
        error_messages={
            "required": "Hãy nhập năm.",
            "invalid": "Năm không hợp lệ.",
            "min_value": "Năm không hợp lệ.",
            "max_value": "Năm không hợp lệ.",
        },
    )
    title = forms.CharField(
        label="Tên giao ước",
        max_length=300,
        required=False,
        help_text="Để trống: “Giao ước thi đua năm …”.",
    )
    movement = forms.CharField(label="Phong trào, cuộc vận động", max_length=300, required=False)
    note = forms.CharField(
        label="Ghi chú", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args: Any, need_body: bool = True, **kwargs: Any) -> None:
        self.need_body = need_body
        super().__init__(*args, **kwargs)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if self.need_body:
            body = _body(data.get("body"))
            if body is None:
                self.add_error(
                    "body", "Hãy chọn đơn vị rồi chọn cơ quan chủ trì (ví dụ Ban Dân vận)."
                )
            data["body_obj"] = body
        return data


class ParticipantForm(forms.Form):
    unit = forms.CharField(label="Đơn vị", required=False)
    body = forms.IntegerField(
        label="Cơ quan, tổ chức ký kết",
        required=False,
        error_messages={"invalid": "Cơ quan không hợp lệ."},
    )
    population = forms.IntegerField(
        label="Số dân",
        required=False,
        min_value=0,
        error_messages={
            "invalid": "Số dân phải là số nguyên.",
            "min_value": "Số dân không được âm.",
        },
    )
    villages = forms.IntegerField(
        label="Số thôn, tổ dân phố",
        required=False,
        min_value=0,
        max_value=10000,
        error_messages={
            "invalid": "Phải là số nguyên.",
            "min_value": "Không được âm.",
            "max_value": "Quá lớn.",
        },
    )
    signer_name = forms.CharField(label="Người ký", max_length=200, required=False)
    note = forms.CharField(label="Ghi chú", max_length=300, required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        data["body_obj"] = _body(data.get("body"))
        return data


class ParticipantAddForm(ParticipantForm):
    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("body_obj") is None and "body" not in self.errors:
            self.add_error("body", "Hãy chọn đơn vị cấp dưới rồi chọn cơ quan, tổ chức ký kết.")
        return data


class CriterionForm(forms.Form):
    number = forms.IntegerField(
        label="Số thứ tự",
        min_value=1,
        max_value=999,
        error_messages={
            "required": "Hãy nhập số thứ tự.",
            "invalid": "Phải là số.",
            "min_value": "Từ 1 trở lên.",
            "max_value": "Quá lớn.",
        },
    )
    text = forms.CharField(
        label="Nội dung tiêu chí",
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": "Hãy nhập nội dung tiêu chí."},
    )
    measure = forms.ChoiceField(label="Cách tính", choices=Measure.choices, initial=Measure.POINTS)
    max_score = VNDecimalField(
        label="Điểm tối đa",
        min_value=Decimal("0.01"),
        error_messages={"required": "Hãy nhập điểm tối đa."},
    )
    weight = VNDecimalField(label="Hệ số", required=False, min_value=Decimal("0.01"))


class SignForm(ConferenceFieldMixin):
    signed_on = date_field("Ngày ký kết", required=True)
    note = forms.CharField(label="Ghi chú", max_length=500, required=False)


class NoteForm(forms.Form):
    note = forms.CharField(
        label="Lý do", max_length=1000, error_messages={"required": "Hãy ghi lý do."}
    )


class CloseForm(forms.Form):
    on = date_field("Ngày tổng kết")
    note = forms.CharField(label="Ghi chú", max_length=1000, required=False)


class RankingForm(forms.Form):
    cach_tinh = forms.ChoiceField(
        required=False,
        choices=RankingBasis.choices,
        error_messages={"invalid_choice": "Cách so sánh không hợp lệ."},
    )


# --- commendations -------------------------------------------------------------------


class CommendationFilterForm(forms.Form):
    q = forms.CharField(required=False)
    don_vi = forms.CharField(required=False)
    nam = forms.IntegerField(
        required=False,
        min_value=2000,
        max_value=2100,
        error_messages={
            "invalid": "Năm không hợp lệ.",
            "min_value": "Năm không hợp lệ.",
            "max_value": "Năm không hợp lệ.",
        },
    )
    hinh_thuc = forms.ChoiceField(
        required=False,
        choices=[("", "Tất cả"), *AwardForm.choices],
        error_messages={"invalid_choice": "Hình thức không hợp lệ."},
    )
    trang_thai = forms.ChoiceField(
        required=False,
        choices=[("", "Tất cả"), *CommendationStatus.choices],
        error_messages={"invalid_choice": "Trạng thái không hợp lệ."},
    )
    doi_tuong = forms.ChoiceField(
        required=False,
        choices=[("", "Tất cả"), *RecipientKind.choices],
        error_messages={"invalid_choice": "Đối tượng không hợp lệ."},
    )
    tu = date_field("Đề nghị từ ngày")
    den = date_field("đến ngày")

    @classmethod
    def from_query(cls, params: Any) -> CommendationFilterForm:
        return cls({k: params.get(k.replace("_", "-"), params.get(k, "")) for k in cls.base_fields})

    def clean_don_vi(self) -> Unit | None:
        key = self.cleaned_data.get("don_vi") or ""
        unit = _unit(key)
        if key and unit is None:
            raise forms.ValidationError(f"Không có đơn vị mã “{key}”.")
        return unit


class CommendationForm(ConferenceFieldMixin):
    """Propose (or correct) a commendation. The unit/body picker gives the proposing unit
    and body; the recipient is a person (picked or typed) or a collective."""

    unit = forms.CharField(label="Đơn vị đề nghị", required=False)
    body = forms.IntegerField(
        label="Cơ quan đề nghị", required=False, error_messages={"invalid": "Cơ quan không hợp lệ."}
    )
    form = forms.ChoiceField(
        label="Hình thức khen thưởng",
        choices=AwardForm.choices,
        error_messages={
            "required": "Hãy chọn hình thức.",
            "invalid_choice": "Hình thức không hợp lệ.",
        },
    )
    form_detail = forms.CharField(
        label="Ghi rõ hình thức",
        max_length=200,
        required=False,
        help_text="Ví dụ: Bằng khen của Chủ tịch UBND tỉnh.",
    )
    recipient_kind = forms.ChoiceField(
        label="Đối tượng",
        choices=RecipientKind.choices,
        initial=RecipientKind.INDIVIDUAL,
        error_messages={"invalid_choice": "Đối tượng không hợp lệ."},
    )
    person = forms.UUIDField(
        label="Cá nhân", required=False, error_messages={"invalid": "Mã cán bộ không hợp lệ."}
    )
    new_person_name = forms.CharField(label="hoặc họ tên người mới", max_length=150, required=False)
    recipient_body = forms.IntegerField(
        label="Tập thể", required=False, error_messages={"invalid": "Tập thể không hợp lệ."}
    )
    recipient_name = forms.CharField(
        label="Tên người, tập thể (như văn bản)", max_length=300, required=False
    )
    recipient_position = forms.CharField(
        label="Chức vụ, nơi công tác", max_length=300, required=False
    )
    proposed_on = date_field("Ngày đề nghị", required=True)
    year = forms.IntegerField(
        label="Năm",
        required=False,
        min_value=2000,
        max_value=2100,
        error_messages={
            "invalid": "Năm không hợp lệ.",
            "min_value": "Năm không hợp lệ.",
            "max_value": "Năm không hợp lệ.",
        },
    )
    reason = forms.CharField(
        label="Thành tích", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    movement = forms.CharField(label="Phong trào, cuộc vận động", max_length=300, required=False)

    def __init__(self, *args: Any, editing: bool = False, **kwargs: Any) -> None:
        self.editing = editing
        super().__init__(*args, **kwargs)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        body = _body(data.get("body"))
        unit = _unit(data.get("unit") or "") or (body.unit if body else None)
        if data.get("unit") and _unit(data["unit"]) is None:
            self.add_error("unit", f"Không có đơn vị mã “{data['unit']}”.")
        elif unit is None and not self.editing:
            self.add_error("unit", "Hãy chọn đơn vị đề nghị.")
        data["unit_obj"], data["body_obj"] = unit, body
        person = None
        if data.get("person"):
            person = (
                Person.objects.filter(code=data["person"]).first()
                if permissions.can_anywhere(self.user, "people.view")
                else None
            )
            if person is None:
                self.add_error("person", "Không tìm thấy cán bộ này.")
        data["person_obj"] = person
        data["recipient_body_obj"] = _body(data.get("recipient_body"))
        if data.get("recipient_body") and data["recipient_body_obj"] is None:
            self.add_error("recipient_body", "Không có tập thể này.")
        kind = data.get("recipient_kind")
        if (
            not self.editing
            and kind == RecipientKind.INDIVIDUAL
            and person is None
            and not nfc(data.get("new_person_name") or "")
            and "person" not in self.errors
        ):
            self.add_error("person", "Hãy chọn cá nhân hoặc nhập họ tên người mới.")
        if (
            not self.editing
            and kind == RecipientKind.COLLECTIVE
            and data["recipient_body_obj"] is None
            and not nfc(data.get("recipient_name") or "")
        ):
            self.add_error("recipient_name", "Hãy chọn tập thể hoặc ghi tên tập thể.")
        return data


class ReviewForm(forms.Form):
    on = date_field("Ngày")
    note = forms.CharField(label="Ghi chú", max_length=1000, required=False)


class ReturnForm(forms.Form):
    on = date_field("Ngày")
    note = forms.CharField(
        label="Lý do trả lại",
        max_length=1000,
        error_messages={"required": "Hãy ghi lý do trả lại đề nghị."},
    )


class DecideForm(forms.Form):
    decided_on = date_field("Ngày quyết định", required=True)
    decision_number = forms.CharField(
        label="Số quyết định",
        max_length=100,
        required=False,
        help_text="Ví dụ: 1234-QĐ/BDVTW. Để trống nếu chưa rõ.",
    )
    awarding_body = forms.IntegerField(
        label="Cơ quan khen thưởng",
        required=False,
        error_messages={"invalid": "Cơ quan không hợp lệ."},
    )
    awarding_body_name = forms.CharField(
        label="hoặc ghi tên cơ quan khen thưởng", max_length=300, required=False
    )
    note = forms.CharField(label="Ghi chú", max_length=1000, required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        data["awarding_body_obj"] = _body(data.get("awarding_body"))
        if data.get("awarding_body") and data["awarding_body_obj"] is None:
            self.add_error("awarding_body", "Không có cơ quan này.")
        if (
            data["awarding_body_obj"] is None
            and not nfc(data.get("awarding_body_name") or "")
            and not self.errors
        ):
            self.add_error("awarding_body_name", "Hãy chọn hoặc ghi cơ quan khen thưởng.")
        return data


class RejectForm(forms.Form):
    on = date_field("Ngày")
    reason = forms.CharField(
        label="Lý do không khen thưởng",
        max_length=1000,
        error_messages={"required": "Hãy ghi lý do không khen thưởng."},
    )


# --- eligibility rules ---------------------------------------------------------------


class RuleForm(forms.Form):
    award_form = forms.ChoiceField(label="Hình thức khen thưởng", choices=AwardForm.choices)
    name = forms.CharField(
        label="Tên điều kiện", max_length=300, error_messages={"required": "Hãy đặt tên điều kiện."}
    )
    predicate = forms.ChoiceField(label="Loại điều kiện", choices=Predicate.choices)
    group = forms.ChoiceField(label="Nhóm", choices=RuleGroup.choices)
    params = forms.CharField(
        label="Tham số (JSON)",
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        help_text='Ví dụ: {"years_male": 15, "years_female": 10, "body_kinds": ["mass_mobilization"]}',
    )
    unit = forms.CharField(label="Phạm vi (mã đơn vị; để trống: toàn quốc)", required=False)
    valid_from = date_field("Hiệu lực từ")
    valid_to = date_field("Hiệu lực đến")
    legal_basis = forms.CharField(label="Căn cứ", max_length=300, required=False)
    source_url = forms.URLField(
        label="Nguồn (đường dẫn)",
        max_length=500,
        required=False,
        assume_scheme="https",
        error_messages={"invalid": "Đường dẫn không hợp lệ."},
    )
    confidence = forms.ChoiceField(
        label="Độ tin cậy", choices=Confidence.choices, initial=Confidence.UNVERIFIED
    )
    note = forms.CharField(
        label="Ghi chú", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def clean_params(self) -> dict[str, Any]:
        text = (self.cleaned_data.get("params") or "").strip() or "{}"
        try:
            value = json.loads(text)
        except json.JSONDecodeError as e:
            raise forms.ValidationError('Tham số phải là JSON hợp lệ, ví dụ {"years": 15}.') from e
        if not isinstance(value, dict):
            raise forms.ValidationError('Tham số phải là một đối tượng JSON, ví dụ {"years": 15}.')
        return value

    def clean_unit(self) -> Unit | None:
        key = self.cleaned_data.get("unit") or ""
        unit = _unit(key)
        if key and unit is None:
            raise forms.ValidationError(f"Không có đơn vị mã “{key}”.")
        return unit

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if (
            data.get("valid_from")
            and data.get("valid_to")
            and data["valid_to"] < data["valid_from"]
        ):
            self.add_error("valid_to", "Ngày hết hiệu lực phải sau ngày bắt đầu.")
        return data


class EnableForm(forms.Form):
    enabled = forms.BooleanField(required=False)
    note = forms.CharField(label="Căn cứ, lý do", max_length=1000, required=False)


class CandidateForm(forms.Form):
    hinh_thuc = forms.ChoiceField(
        label="Hình thức",
        choices=AwardForm.choices,
        initial=AwardForm.MEDAL_DAN_VAN,
        error_messages={"invalid_choice": "Hình thức không hợp lệ."},
    )
    don_vi = forms.CharField(label="Mã đơn vị", error_messages={"required": "Hãy nhập mã đơn vị."})
    ngay = date_field("Tính đến ngày")

    @classmethod
    def from_query(cls, params: Any) -> CandidateForm:
        return cls({k: params.get(k.replace("_", "-"), params.get(k, "")) for k in cls.base_fields})

    def clean_don_vi(self) -> Unit:
        key = self.cleaned_data.get("don_vi") or ""
        unit = _unit(key)
        if unit is None:
            raise forms.ValidationError(f"Không có đơn vị mã “{key}”.")
        return unit
