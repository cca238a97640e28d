"""Input parsing and every 400 for the petition pages: forms turn raw input into typed
values; the actions judge the domain rules."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils import timezone

from danvan.accounts.permissions import can, scope, visible
from danvan.core.search import matching_words
from danvan.units.models import Body, Level, Unit

from .models import (
    Case,
    Category,
    Channel,
    DeadlineRule,
    Kind,
    Outcome,
    Petition,
    Procedure,
    Signatories,
    StartEvent,
    Step,
    TimeUnit,
    Variant,
)
from .states import Status
from .stats import stat_unit_ids

DATE_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]
DATE_ERRORS = {"invalid": "Ngày không hợp lệ (dùng dạng dd/mm/yyyy).", "required": "Hãy nhập ngày."}
UNIT_PICKER_LIMIT = 500


def date_field(label: str, *, required: bool = True, help_text: str = "") -> forms.DateField:
    return forms.DateField(
        label=label,
        required=required,
        input_formats=DATE_FORMATS,
        error_messages=DATE_ERRORS,
        help_text=help_text,
        widget=forms.TextInput(
            attrs={"placeholder": "dd/mm/yyyy", "inputmode": "numeric", "autocomplete": "off"}
        ),
    )


def unit_choices(user: Any, action: str) -> QuerySet[Unit]:
    """Units for the picker (a datalist): where the user may do `action`, higher levels first."""
    return (
        scope(user, action)
        .exclude(level=Level.NATION)
        .select_related("parent")
        .order_by("valid_to", "level", "name")[:UNIT_PICKER_LIMIT]
    )


def resolve_unit(key: str, user: Any, action: str) -> Unit:
    unit = Unit.objects.filter(key=key.strip()).first()
    if unit is None or not can(user, action, unit):
        raise ValidationError("Không tìm thấy đơn vị này trong phạm vi bạn được giao.")
    return unit


def _yes(label: str) -> forms.BooleanField:
    return forms.BooleanField(label=label, required=False)


class PetitionForm(forms.Form):
    """Receive (create) or correct (edit) a petition. `unit` only on create."""

    unit = forms.CharField(
        label="Đơn vị tiếp nhận",
        max_length=32,
        error_messages={"required": "Hãy chọn đơn vị tiếp nhận."},
        help_text="Mã đơn vị, ví dụ 06688; gõ tên để chọn trong danh sách.",
        widget=forms.TextInput(attrs={"list": "unit-options", "autocomplete": "off"}),
    )
    received_on = date_field("Ngày tiếp nhận")
    body = forms.TypedChoiceField(
        label="Cơ quan tiếp nhận", required=False, coerce=int, empty_value=None
    )
    channel = forms.ChoiceField(
        label="Hình thức tiếp nhận", choices=Channel.choices, initial=Channel.DIRECT
    )
    engagement = forms.TypedChoiceField(
        label="Buổi tiếp công dân",
        required=False,
        coerce=int,
        empty_value=None,
        help_text="Khi đơn nhận tại buổi tiếp công dân.",
    )
    forwarded_by = forms.CharField(
        label="Cơ quan chuyển đến",
        max_length=200,
        required=False,
        help_text="Khi đơn do cơ quan khác chuyển đến.",
    )
    kind = forms.ChoiceField(
        label="Loại đơn", choices=Kind.choices, error_messages={"required": "Hãy chọn loại đơn."}
    )
    complaint_round = forms.TypedChoiceField(
        label="Khiếu nại lần", choices=[(1, "Lần đầu"), (2, "Lần hai")], coerce=int, initial=1
    )
    category = forms.ChoiceField(label="Lĩnh vực", choices=Category.choices, initial=Category.OTHER)
    signatories = forms.ChoiceField(
        label="Người đứng tên", choices=Signatories.choices, initial=Signatories.ONE
    )
    signatory_count = forms.IntegerField(
        label="Số người đứng tên",
        min_value=0,
        max_value=100000,
        initial=1,
        error_messages={"invalid": "Hãy nhập số nguyên.", "min_value": "Không được âm."},
    )
    remote_area = _yes("Vùng sâu, vùng xa, đi lại khó khăn")
    is_complex = _yes("Vụ việc phức tạp")
    is_especially_complex = _yes("Vụ việc đặc biệt phức tạp")
    petitioner_name = forms.CharField(label="Họ tên người gửi", max_length=200, required=False)
    petitioner_address = forms.CharField(label="Địa chỉ người gửi", max_length=300, required=False)
    petitioner_contact = forms.CharField(
        label="Điện thoại, thư điện tử", max_length=200, required=False
    )
    summary = forms.CharField(
        label="Tóm tắt nội dung",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Hãy tóm tắt nội dung đơn."},
    )
    external_id = forms.CharField(
        label="Mã ngoài (nếu có)",
        max_length=64,
        required=False,
        help_text="Số vào sổ hoặc mã trong tệp nhập; dùng để nhập lại không trùng.",
    )
    case = forms.UUIDField(
        required=False,
        widget=forms.HiddenInput,
        error_messages={"invalid": "Vụ việc không hợp lệ."},
    )

    def __init__(
        self, *args: Any, user: Any, petition: Petition | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.user, self.petition = user, petition
        if petition is not None:
            del self.fields["unit"], self.fields["case"]
            if petition.is_denunciation and not can(user, "petitions.view_identity", petition.unit):
                for name in ("petitioner_name", "petitioner_address", "petitioner_contact"):
                    del self.fields[name]
            if petition.status not in {Status.RECEIVED, Status.CLASSIFIED}:
                self.fields["kind"].disabled = True
        unit = petition.unit if petition else self._unit_from_data()
        self.fields["body"].choices = (
            [("", "—")]
            + [
                (b.pk, b.name)
                for b in Body.objects.filter(unit=unit).order_by("kind", "valid_from")
            ]
            if unit
            else [("", "— chọn đơn vị trước —")]
        )
        self.fields["engagement"].choices = [("", "—")] + [
            (e.pk, f"{e.date:%d/%m/%Y} · {e.topic[:80]}") for e in self._engagements(unit)
        ]

    def _unit_from_data(self) -> Unit | None:
        key = (self.data.get("unit") or self.initial.get("unit") or "").strip()
        unit = Unit.objects.filter(key=key).first() if key else None
        return unit if unit and can(self.user, "petitions.edit", unit) else None

    def _engagements(self, unit: Unit | None) -> list[Any]:
        if unit is None:
            return []
        from danvan.engagements.models import Engagement, EngagementKind

        _own, ids = stat_unit_ids(unit)
        qs = visible(
            self.user,
            Engagement.objects.filter(kind=EngagementKind.RECEPTION, unit_id__in=ids),
            "engagements.view",
        )
        return list(qs.order_by("-date")[:200])

    def clean_unit(self) -> Unit:
        return resolve_unit(self.cleaned_data["unit"], self.user, "petitions.edit")

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("body"):
            data["body"] = Body.objects.filter(pk=data["body"]).first()
        if data.get("engagement"):
            from danvan.engagements.models import Engagement

            data["engagement"] = Engagement.objects.filter(pk=data["engagement"]).first()
        if data.get("case"):
            case = (
                visible(self.user, Case.objects, "petitions.edit").filter(code=data["case"]).first()
            )
            if case is None:
                self.add_error("case", "Không tìm thấy vụ việc này.")
            data["case"] = case
        return data

    def facts(self) -> dict[str, Any]:
        """The petition fields, for receive_petition/update_petition."""
        skip = {"unit", "case"}
        return {
            k: v
            for k, v in self.cleaned_data.items()
            if k not in skip and k in self.fields and not self.fields[k].disabled
        }


class TransitionForm(forms.Form):
    """One lifecycle step; the target state comes in the unprefixed `to` field, the
    form's fields are prefixed with it (several such forms share a page)."""

    on_date = date_field("Ngày thực hiện")
    note = forms.CharField(
        label="Ghi chú", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    forwarded_to = forms.CharField(label="Chuyển đến cơ quan", max_length=200, required=False)
    reason = forms.CharField(label="Lý do không thụ lý", max_length=300, required=False)
    outcome = forms.ChoiceField(
        label="Kết quả", choices=[("", "—"), *Outcome.choices], required=False
    )
    kind = forms.ChoiceField(label="Loại đơn", choices=Kind.choices, required=False)
    complaint_round = forms.TypedChoiceField(
        label="Khiếu nại lần",
        choices=[(1, "Lần đầu"), (2, "Lần hai")],
        coerce=int,
        required=False,
        empty_value=None,
    )
    category = forms.ChoiceField(label="Lĩnh vực", choices=Category.choices, required=False)
    remote_area = _yes("Vùng sâu, vùng xa")
    is_complex = _yes("Vụ việc phức tạp")
    is_especially_complex = _yes("Vụ việc đặc biệt phức tạp")

    # Which extra fields each target state shows.
    EXTRA: dict[str, tuple[str, ...]] = {
        Status.CLASSIFIED: (
            "kind",
            "complaint_round",
            "category",
            "remote_area",
            "is_complex",
            "is_especially_complex",
        ),
        Status.FORWARDED: ("forwarded_to",),
        Status.REJECTED: ("reason",),
        Status.RESOLVED: ("outcome",),
    }

    @classmethod
    def for_target(cls, petition: Petition, to: str) -> TransitionForm:
        initial = {"on_date": timezone.localdate().strftime("%d/%m/%Y")}
        if to == Status.CLASSIFIED:
            initial.update({k: getattr(petition, k) for k in cls.EXTRA[to]})
        form = cls(initial=initial, prefix=to)
        form.keep(to)
        return form

    def keep(self, to: str) -> None:
        extra = set(self.EXTRA.get(to, ()))
        for name in list(self.fields):
            if name not in {"on_date", "note"} and name not in extra:
                del self.fields[name]


class ExtendForm(forms.Form):
    on_date = date_field("Ngày quyết định gia hạn")
    note = forms.CharField(
        label="Số, ngày quyết định gia hạn",
        max_length=300,
        error_messages={"required": "Hãy ghi số, ngày quyết định gia hạn."},
    )


class NoteForm(forms.Form):
    note = forms.CharField(label="Ghi chú", max_length=500, required=False)


class AttachForm(forms.Form):
    case = forms.UUIDField(
        error_messages={"required": "Hãy chọn vụ việc.", "invalid": "Vụ việc không hợp lệ."}
    )


class FilterForm(forms.Form):
    """List filters, with the URL parameters officials share: ?don-vi=06688&tu-ngay=01/01/2023."""

    def __init__(self, data: Any, *, user: Any) -> None:
        super().__init__(data)
        self.user = user
        self.fields["don-vi"] = forms.CharField(
            label="Đơn vị",
            required=False,
            widget=forms.TextInput(
                attrs={"list": "unit-options", "placeholder": "mã đơn vị", "autocomplete": "off"}
            ),
        )
        self.fields["tu-ngay"] = date_field("Từ ngày", required=False)
        self.fields["den-ngay"] = date_field("Đến ngày", required=False)
        self.fields["loai"] = forms.ChoiceField(
            label="Loại đơn", required=False, choices=[("", "Tất cả"), *Kind.choices]
        )
        self.fields["linh-vuc"] = forms.ChoiceField(
            label="Lĩnh vực", required=False, choices=[("", "Tất cả"), *Category.choices]
        )
        self.fields["trang-thai"] = forms.ChoiceField(
            label="Trạng thái",
            required=False,
            choices=[
                ("", "Tất cả"),
                ("dang-xu-ly", "Đang xử lý"),
                ("da-xu-ly", "Đã xử lý"),
                *Status.choices,
            ],
        )
        self.fields["han"] = forms.ChoiceField(
            label="Thời hạn",
            required=False,
            choices=[
                ("", "Tất cả"),
                ("qua-han", "Quá hạn"),
                ("sap-den-han", "Đến hạn trong 7 ngày"),
            ],
        )
        self.fields["q"] = forms.CharField(
            label="Tìm",
            required=False,
            widget=forms.TextInput(
                attrs={
                    "type": "search",
                    "placeholder": "nội dung, người gửi, mã (không dấu cũng được)",
                }
            ),
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        key = (data.get("don-vi") or "").strip()
        data["unit"] = None
        if key:
            try:
                data["unit"] = resolve_unit(key, self.user, "petitions.view")
            except ValidationError as e:
                self.add_error("don-vi", e)
        return data

    def apply(self, qs: QuerySet[Petition], *, today: dt.date) -> QuerySet[Petition]:
        data = self.cleaned_data if self.is_valid() else {}
        unit = data.get("unit")
        if unit is not None:
            _own, ids = stat_unit_ids(unit)
            qs = qs.filter(unit_id__in=ids)
        if data.get("tu-ngay"):
            qs = qs.filter(received_on__gte=data["tu-ngay"])
        if data.get("den-ngay"):
            qs = qs.filter(received_on__lte=data["den-ngay"])
        if data.get("loai"):
            qs = qs.filter(kind=data["loai"])
        if data.get("linh-vuc"):
            qs = qs.filter(category=data["linh-vuc"])
        status = data.get("trang-thai")
        if status == "dang-xu-ly":
            qs = qs.open()
        elif status == "da-xu-ly":
            qs = qs.finished()
        elif status:
            qs = qs.filter(status=status)
        if data.get("han") == "qua-han":
            qs = qs.overdue(today)
        elif data.get("han") == "sap-den-han":
            qs = qs.due_within(today, today + dt.timedelta(days=7))
        qs = matching_words(qs, data.get("q") or "")
        return qs


class CalculatorForm(forms.Form):
    procedure = forms.ChoiceField(
        label="Thủ tục", choices=Procedure.choices, initial=Procedure.COMPLAINT_FIRST
    )
    step = forms.ChoiceField(
        label="Bước", choices=[("", "Bước chính của thủ tục"), *Step.choices], required=False
    )
    start = date_field("Ngày bắt đầu tính", help_text="Ngày nhận đơn, ngày thụ lý… tùy bước.")
    remote = _yes("Vùng sâu, vùng xa")
    complex = _yes("Vụ việc phức tạp")
    especially_complex = _yes("Vụ việc đặc biệt phức tạp")
    extensions = forms.IntegerField(
        label="Số lần gia hạn",
        min_value=0,
        max_value=5,
        required=False,
        initial=0,
        error_messages={
            "invalid": "Hãy nhập số nguyên.",
            "min_value": "Không được âm.",
            "max_value": "Nhiều nhất 5 lần.",
        },
    )


class RuleForm(forms.Form):
    code = forms.SlugField(
        label="Mã quy tắc",
        max_length=64,
        help_text="Chữ thường không dấu, số, gạch ngang; ví dụ kn1-thu-ly-2026.",
        error_messages={
            "required": "Hãy nhập mã quy tắc.",
            "invalid": "Mã chỉ gồm chữ không dấu, số và gạch ngang.",
        },
    )
    procedure = forms.ChoiceField(label="Thủ tục", choices=Procedure.choices)
    step = forms.ChoiceField(label="Bước", choices=Step.choices)
    variant = forms.ChoiceField(label="Trường hợp", choices=Variant.choices, initial=Variant.NORMAL)
    quantity = forms.IntegerField(
        label="Thời hạn",
        min_value=1,
        max_value=3650,
        error_messages={"required": "Hãy nhập thời hạn.", "min_value": "Thời hạn phải lớn hơn 0."},
    )
    unit = forms.ChoiceField(label="Đơn vị tính", choices=TimeUnit.choices)
    start_event = forms.ChoiceField(label="Tính từ", choices=StartEvent.choices)
    max_extensions = forms.IntegerField(
        label="Số lần gia hạn tối đa", min_value=0, max_value=5, initial=0
    )
    extension_quantity = forms.IntegerField(
        label="Thời hạn mỗi lần gia hạn", min_value=0, max_value=3650, initial=0
    )
    include_start = _yes("Tính cả ngày bắt đầu")
    roll_forward = forms.BooleanField(
        label="Hạn rơi vào ngày nghỉ thì lùi sang ngày làm việc kế tiếp",
        required=False,
        initial=True,
    )
    legal_basis = forms.CharField(
        label="Căn cứ pháp lý",
        max_length=300,
        error_messages={"required": "Hãy ghi căn cứ pháp lý."},
    )
    source_url = forms.URLField(
        label="Nguồn (đường dẫn)",
        max_length=500,
        required=False,
        assume_scheme="https",
        error_messages={"invalid": "Đường dẫn không hợp lệ."},
    )
    confidence = forms.ChoiceField(
        label="Độ tin cậy", choices=DeadlineRule._meta.get_field("confidence").choices
    )
    valid_from = date_field("Hiệu lực từ", required=False)
    valid_to = date_field("Hiệu lực đến", required=False)
    note = forms.CharField(
        label="Ghi chú", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args: Any, rule: DeadlineRule | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if rule is not None:
            del self.fields["code"]

    def values(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data.pop("code", None)
        data["source_url"] = data.get("source_url") or ""
        return data


class StatsForm(forms.Form):
    def __init__(self, data: Any, *, user: Any) -> None:
        super().__init__(data)
        self.user = user
        year = timezone.localdate().year
        self.fields["don-vi"] = forms.CharField(
            label="Đơn vị",
            error_messages={"required": "Hãy chọn đơn vị."},
            widget=forms.TextInput(attrs={"list": "unit-options", "autocomplete": "off"}),
        )
        self.fields["tu-ngay"] = date_field("Từ ngày")
        self.fields["den-ngay"] = date_field("Đến ngày")
        self.fields["tu-ngay"].initial = f"01/01/{year}"
        self.fields["den-ngay"].initial = f"31/12/{year}"

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("don-vi"):
            try:
                data["unit"] = resolve_unit(data["don-vi"], self.user, "petitions.view")
            except ValidationError as e:
                self.add_error("don-vi", e)
        if data.get("tu-ngay") and data.get("den-ngay") and data["tu-ngay"] > data["den-ngay"]:
            self.add_error("den-ngay", "Ngày cuối kỳ phải sau ngày đầu kỳ.")
        return data


def home_unit_key(user: Any) -> str:
    """The unit a user most likely means: their body's unit, else their first grant."""
    if getattr(user, "body_id", None):
        return user.body.unit.key
    grant = user.grants.filter(revoked_at__isnull=True).select_related("unit").first()
    return grant.unit.key if grant else ""
