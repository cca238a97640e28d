"""Input parsing for the practice pages: every 400 of the HTML side comes from here."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils import timezone

from danvan.accounts.permissions import scope
from danvan.lib.text import fold
from danvan.units.models import Body, Unit
from danvan.units.search import search_units

from .actions import FIRST_YEAR
from .models import (
    AttachmentKind,
    EvaluationResult,
    Field,
    Practice,
    PracticeKind,
    RecognitionLevel,
    RegisteringLevel,
)
from .queries import units_under
from .states import Status

DATE_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]
DATE_ERRORS = {"invalid": "Ngày không hợp lệ (dùng dạng dd/mm/yyyy)."}
REQUIRED = {"required": "Bắt buộc nhập."}


def date_field(label: str, *, required: bool = True, help_text: str = "") -> forms.DateField:
    return forms.DateField(
        label=label,
        required=required,
        input_formats=DATE_FORMATS,
        help_text=help_text,
        error_messages={**DATE_ERRORS, **REQUIRED},
        widget=forms.DateInput(format="%d/%m/%Y", attrs={"placeholder": "dd/mm/yyyy"}),
    )


def apply_errors(form: forms.Form, error: ValidationError) -> None:
    """Put an action's ValidationError on the form's fields (or on the form)."""
    if hasattr(error, "error_dict"):
        for name, messages in error.message_dict.items():
            form.add_error(name if name in form.fields else None, messages)
    else:
        form.add_error(None, error.messages)


def find_unit(user: Any, action: str, text: str) -> Unit | None:
    """A unit in the user's scope by key, or by name when exactly one matches."""
    text = (text or "").strip()
    if not text:
        return None
    units = scope(user, action)
    found = units.filter(key=text).first()
    if found is not None:
        return found
    matches = list(search_units(text, units)[:20])
    wanted = fold(text)
    exact = [u for u in matches if wanted in (fold(u.name), fold(u.short_name))]
    if len(exact) == 1:
        return exact[0]
    return matches[0] if len(matches) == 1 else None


def _choices(choices: Any, blank: str = "— Tất cả —") -> list[tuple[str, str]]:
    return [("", blank), *choices]


class PracticeFilterForm(forms.Form):
    """The list's filters; query parameters in Vietnamese slugs (?don-vi=06688&nam=2023)."""

    q = forms.CharField(label="Tìm kiếm", required=False)
    don_vi = forms.CharField(label="Đơn vị (kể cả đơn vị trực thuộc)", required=False)
    nam = forms.IntegerField(
        label="Năm đăng ký",
        required=False,
        min_value=FIRST_YEAR,
        max_value=2100,
        error_messages={
            "invalid": "Năm không hợp lệ.",
            "min_value": f"Năm từ {FIRST_YEAR}.",
            "max_value": "Năm không hợp lệ.",
        },
    )
    tu = date_field("Đăng ký từ ngày", required=False)
    den = date_field("đến ngày", required=False)
    linh_vuc = forms.ChoiceField(label="Lĩnh vực", required=False, choices=_choices(Field.choices))
    loai = forms.ChoiceField(label="Loại", required=False, choices=_choices(PracticeKind.choices))
    trang_thai = forms.ChoiceField(
        label="Trạng thái", required=False, choices=_choices(Status.choices)
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        self.unit: Unit | None = None

    def add_prefix(self, field_name: str) -> str:
        """Query parameters use Vietnamese slugs with hyphens: ?don-vi=06688&linh-vuc=economy."""
        return field_name.replace("_", "-")

    def clean_don_vi(self) -> str:
        text = self.cleaned_data.get("don_vi", "")
        if text:
            self.unit = find_unit(self.user, "practices.view", text)
            if self.unit is None:
                raise ValidationError("Không tìm thấy đơn vị này trong phạm vi bạn được xem.")
        return text

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("tu") and data.get("den") and data["den"] < data["tu"]:
            self.add_error("den", "Ngày cuối phải sau ngày đầu.")
        return data

    def apply(self, qs: QuerySet[Practice]) -> QuerySet[Practice]:
        self.is_valid()  # filters that parsed still apply when another one did not
        data = getattr(self, "cleaned_data", {})
        if self.unit is not None:
            qs = qs.filter(unit__in=units_under(self.unit))
        if data.get("q"):
            qs = qs.search(data["q"])
        if data.get("nam"):
            qs = qs.filter(registration_year=data["nam"])
        if data.get("tu"):
            qs = qs.filter(registered_on__gte=data["tu"])
        if data.get("den"):
            qs = qs.filter(registered_on__lte=data["den"])
        if data.get("linh_vuc"):
            qs = qs.filter(field=data["linh_vuc"])
        if data.get("loai"):
            qs = qs.filter(kind=data["loai"])
        if data.get("trang_thai"):
            qs = qs.filter(status=data["trang_thai"])
        return qs


def _textarea(rows: int = 3) -> forms.Textarea:
    return forms.Textarea(attrs={"rows": rows})


class PracticeForm(forms.Form):
    """Register (with the unit picker) or edit a model's registration fields."""

    unit = forms.CharField(
        label="Đơn vị đăng ký",
        help_text="Gõ tên hoặc mã đơn vị (không dấu cũng được).",
        error_messages=REQUIRED,
    )
    body = forms.ModelChoiceField(
        label="Cơ quan, tổ chức đăng ký",
        queryset=Body.objects.none(),
        required=False,
        empty_label="— Chọn cơ quan, tổ chức —",
        error_messages={"invalid_choice": "Cơ quan, tổ chức này không thuộc đơn vị đăng ký."},
    )
    kind = forms.ChoiceField(label="Loại", choices=PracticeKind.choices, initial=PracticeKind.MODEL)
    level = forms.ChoiceField(
        label="Cấp đăng ký",
        choices=_choices(RegisteringLevel.choices, "— Theo cấp của đơn vị —"),
        required=False,
    )
    name = forms.CharField(label="Tên mô hình", max_length=300, error_messages=REQUIRED)
    field = forms.ChoiceField(
        label="Lĩnh vực",
        choices=_choices(Field.choices, "— Chọn lĩnh vực —"),
        error_messages={**REQUIRED, "invalid_choice": "Lĩnh vực không hợp lệ."},
    )
    person_name = forms.CharField(label="Họ và tên điển hình", max_length=150, required=False)
    person_position = forms.CharField(
        label="Chức vụ, nơi công tác của điển hình", max_length=200, required=False
    )
    registered_on = date_field("Ngày đăng ký")
    registration_year = forms.IntegerField(
        label="Năm đăng ký",
        required=False,
        help_text="Để trống: lấy năm của ngày đăng ký.",
        error_messages={"invalid": "Năm không hợp lệ."},
    )
    situation = forms.CharField(
        label="1. Thực trạng, lý do xây dựng", required=False, widget=_textarea()
    )
    goals = forms.CharField(label="2. Mục tiêu", required=False, widget=_textarea(2))
    criteria = forms.CharField(label="Tiêu chí đánh giá", required=False, widget=_textarea(2))
    content_method = forms.CharField(
        label="3. Nội dung, cách thức thực hiện", required=False, widget=_textarea(4)
    )
    area = forms.CharField(label="4. Địa bàn thực hiện", max_length=300, required=False)
    beneficiaries = forms.CharField(
        label="Đối tượng tác động, thụ hưởng", max_length=300, required=False
    )
    covered_units = forms.ModelMultipleChoiceField(
        label="Đơn vị trên địa bàn",
        queryset=Unit.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    forces = forms.CharField(label="5. Lực lượng thực hiện", required=False, widget=_textarea(2))
    resources = forms.CharField(label="6. Nguồn lực", required=False, widget=_textarea(2))
    start_on = date_field("Ngày bắt đầu thực hiện", required=False)
    evaluation_due = date_field("Thời điểm đánh giá dự kiến", required=False)
    outputs = forms.CharField(
        label="7. Sản phẩm, kết quả kiểm chứng được", required=False, widget=_textarea(2)
    )
    replicability = forms.CharField(
        label="8. Tính bền vững, khả năng nhân rộng", required=False, widget=_textarea(2)
    )
    external_id = forms.CharField(
        label="Mã ngoài",
        max_length=64,
        required=False,
        help_text="Không bắt buộc: mã trong sổ theo dõi của đơn vị, để nhập tệp lại không bị trùng.",
    )
    replicates = forms.UUIDField(required=False, widget=forms.HiddenInput)
    acknowledge_similar = forms.BooleanField(
        label="Tôi đã xem các mô hình tương tự và xác nhận mô hình này không trùng lặp.",
        required=False,
    )
    note = forms.CharField(label="Ghi chú", required=False, widget=_textarea(2))

    def __init__(self, *args: Any, user: Any, practice: Practice | None = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.user = user
        self.practice = practice
        if practice is not None:  # editing: the unit is fixed
            del self.fields["unit"], self.fields["replicates"], self.fields["acknowledge_similar"]
            self.chosen_unit: Unit | None = practice.unit
        else:
            self.chosen_unit = find_unit(
                user, "practices.edit", self.data.get("unit") or self.initial.get("unit", "")
            )
        if self.chosen_unit is not None:
            self.fields["body"].queryset = Body.objects.filter(unit=self.chosen_unit)
            children = self.chosen_unit.children.order_by("code")
            self.fields["covered_units"].queryset = children
        self.has_children = self.chosen_unit is not None and self.chosen_unit.children.exists()
        if not self.has_children:
            del self.fields["covered_units"]

    def clean_unit(self) -> Unit:
        if self.chosen_unit is None:
            raise ValidationError(
                "Không tìm thấy đơn vị này, hoặc bạn không có quyền đăng ký mô hình tại đơn vị này."
            )
        return self.chosen_unit

    def clean_replicates(self) -> Practice | None:
        from danvan.accounts.permissions import visible

        code = self.cleaned_data.get("replicates")
        if not code:
            return None
        source = (
            visible(self.user, Practice.objects.all(), "practices.view").filter(code=code).first()
        )
        if source is None:
            raise ValidationError("Không tìm thấy mô hình gốc.")
        return source

    def action_fields(self) -> dict[str, Any]:
        """cleaned_data as the actions take it (`fields` / `changes`)."""
        data = dict(self.cleaned_data)
        for key in ("unit", "replicates", "acknowledge_similar", "note"):
            data.pop(key, None)
        if not data.get("level"):
            data.pop("level", None)
        if data.get("registration_year") is None and self.practice is None:
            data.pop("registration_year", None)
        elif data.get("registration_year") is None:
            data["registration_year"] = (
                data.get("registered_on") or self.practice.registered_on
            ).year
        if "covered_units" in data:
            data["covered_units"] = list(data["covered_units"])
        return data


class TransitionForm(forms.Form):
    on = date_field("Ngày")
    note = forms.CharField(label="Ghi chú", required=False, widget=_textarea(2))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {"on": timezone.localdate()})
        super().__init__(*args, **kwargs)

    def clean_on(self) -> dt.date:
        on = self.cleaned_data["on"]
        if on > timezone.localdate():
            raise ValidationError("Ngày không được sau ngày hôm nay.")
        return on


class StartForm(TransitionForm):
    pass


class EvaluateForm(TransitionForm):
    on = date_field("Ngày đánh giá")
    result = forms.ChoiceField(
        label="Kết quả đánh giá",
        choices=_choices(EvaluationResult.choices, "— Chọn kết quả —"),
        error_messages=REQUIRED,
    )
    note = forms.CharField(
        label="Nhận xét của người đánh giá",
        widget=_textarea(3),
        error_messages={"required": "Hãy ghi nhận xét đánh giá."},
    )


class RecogniseForm(TransitionForm):
    on = date_field("Ngày quyết định")
    level = forms.ChoiceField(
        label="Cấp công nhận",
        choices=_choices(RecognitionLevel.choices, "— Chọn cấp —"),
        error_messages=REQUIRED,
    )
    decision = forms.CharField(
        label="Số quyết định",
        max_length=100,
        error_messages={"required": "Hãy nhập số quyết định công nhận."},
    )


class StopForm(TransitionForm):
    on = date_field("Ngày dừng")
    reason = forms.CharField(
        label="Lý do dừng", widget=_textarea(2), error_messages={"required": "Hãy ghi lý do dừng."}
    )


TRANSITION_FORMS: dict[str, type[TransitionForm]] = {
    Status.IN_PROGRESS: StartForm,
    Status.EFFECTIVE: EvaluateForm,
    Status.RECOGNISED: RecogniseForm,
    Status.STOPPED: StopForm,
}


class AttachmentForm(forms.Form):
    kind = forms.ChoiceField(
        label="Loại tệp", choices=AttachmentKind.choices, initial=AttachmentKind.PHOTO
    )
    file = forms.FileField(
        label="Tệp",
        help_text="Ảnh .jpg, .png, .webp; tài liệu .pdf, .docx, .xlsx, .odt; tối đa 10 MB.",
        error_messages={"required": "Hãy chọn tệp.", "empty": "Tệp rỗng."},
    )
