"""Input parsing for the plan pages: every 400 of the HTML side comes from here."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet

from danvan.accounts.permissions import scope
from danvan.units.models import Body, BodyKind, Unit, UnitClosure
from danvan.units.search import search_units

from .actions import PlanData
from .models import Kind, OversightPlan, Topic
from .states import ALLOWED, LABELS, Status

DATE_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]
DATE_ERRORS = {"invalid": "Ngày không hợp lệ (dùng dạng dd/mm/yyyy).", "required": "Bắt buộc nhập."}
REQUIRED = {"required": "Bắt buộc nhập."}
# Body kinds that inspect, supervise or train (the inspecting body's kind on the form).
INSPECTING_KINDS = [
    BodyKind.PARTY_COMMITTEE,
    BodyKind.MASS_MOBILIZATION,
    BodyKind.FATHERLAND_FRONT,
    BodyKind.PEOPLES_COUNCIL,
    BodyKind.PEOPLES_COMMITTEE,
    BodyKind.PARTY_BLOC,
    BodyKind.TRADE_UNION,
    BodyKind.FARMERS_UNION,
    BodyKind.WOMENS_UNION,
    BodyKind.YOUTH_UNION,
    BodyKind.VETERANS,
    BodyKind.STEERING_COMMITTEE,
    BodyKind.OTHER,
]


def date_field(label: str, *, required: bool = True, help_text: str = "") -> forms.DateField:
    return forms.DateField(
        label=label,
        required=required,
        input_formats=DATE_FORMATS,
        help_text=help_text,
        error_messages=DATE_ERRORS,
        widget=forms.DateInput(format="%d/%m/%Y", attrs={"placeholder": "dd/mm/yyyy"}),
    )


def text_area(label: str, rows: int = 3, required: bool = False) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=required,
        widget=forms.Textarea(attrs={"rows": rows}),
        error_messages=REQUIRED,
    )


def apply_errors(form: forms.Form, error: ValidationError) -> None:
    """Put an action's ValidationError on the form's fields (or on the form)."""
    if hasattr(error, "error_dict"):
        for name, messages in error.message_dict.items():
            form.add_error(name if name in form.fields else None, messages)
    else:
        form.add_error(None, error.messages)


def find_unit(text: str, units: QuerySet[Unit] | None = None) -> Unit | None:
    """A unit by key, or by name when exactly one matches (within `units` if given)."""
    text = (text or "").strip()
    if not text:
        return None
    qs = units if units is not None else Unit.objects.all()
    found = qs.filter(key=text).first()
    if found is not None:
        return found
    matches = list(search_units(text, qs)[:2])
    return matches[0] if len(matches) == 1 else None


def body_of(unit: Unit, kind: str, day: dt.date) -> Body | None:
    return (
        Body.objects.filter(unit=unit, kind=kind)
        .valid_on(day)
        .order_by("-valid_from", "pk")
        .first()
    )


def _choices(choices: Any, blank: str = "— Tất cả —") -> list[tuple[str, str]]:
    return [("", blank), *choices]


class HyphenQueryMixin:
    def add_prefix(self, field_name: str) -> str:
        """Query parameters use Vietnamese slugs with hyphens: ?don-vi=06688&trang-thai=planned."""
        return field_name.replace("_", "-")


class PlanFilterForm(HyphenQueryMixin, forms.Form):
    q = forms.CharField(label="Tìm kiếm", required=False)
    don_vi = forms.CharField(
        label="Đơn vị (chủ trì hoặc chịu kiểm tra, kể cả trực thuộc)", required=False
    )
    tu = date_field("Từ ngày", required=False)
    den = date_field("đến ngày", required=False)
    loai = forms.ChoiceField(label="Loại", required=False, choices=_choices(Kind.choices))
    chu_de = forms.ChoiceField(label="Chủ đề", required=False, choices=_choices(Topic.choices))
    trang_thai = forms.ChoiceField(
        label="Trạng thái", required=False, choices=_choices(Status.choices)
    )
    trung_lap = forms.ChoiceField(
        label="Trùng lặp",
        required=False,
        choices=[
            ("", "— Tất cả —"),
            ("chua-xac-nhan", "Còn trùng lặp chưa xác nhận"),
            ("co", "Có trùng lặp"),
        ],
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        self.unit: Unit | None = None

    def clean_don_vi(self) -> str:
        text = self.cleaned_data.get("don_vi", "")
        if text:
            self.unit = find_unit(text, scope(self.user, "oversight.view"))
            if self.unit is None:
                raise ValidationError("Không tìm thấy đơn vị này trong phạm vi bạn được xem.")
        return text

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("tu") and data.get("den") and data["den"] < data["tu"]:
            self.add_error("den", "Ngày cuối phải sau ngày đầu.")
        return data

    def apply(self, qs: QuerySet[OversightPlan]) -> QuerySet[OversightPlan]:
        self.is_valid()  # filters that parsed still apply when another one did not
        data = self.cleaned_data
        if self.unit is not None:
            below = UnitClosure.objects.filter(ancestor=self.unit).values("descendant_id")
            qs = qs.filter(Q(unit__in=below) | Q(match_unit__in=below))
        if data.get("tu"):
            qs = qs.filter(window_end__gte=data["tu"])
        if data.get("den"):
            qs = qs.filter(window_start__lte=data["den"])
        if data.get("loai"):
            qs = qs.filter(kind=data["loai"])
        if data.get("chu_de"):
            qs = qs.with_topic(data["chu_de"])
        if data.get("trang_thai"):
            qs = qs.filter(status=data["trang_thai"])
        if data.get("trung_lap") == "co":
            qs = qs.filter(has_open_conflict=True)
        elif data.get("trung_lap") == "chua-xac-nhan":
            qs = qs.filter(has_unacknowledged=True)
        if data.get("q"):
            qs = qs.search(data["q"])
        return qs


class PlanForm(forms.Form):
    kind = forms.ChoiceField(
        label="Loại", choices=_choices(Kind.choices, "— Chọn —"), error_messages=REQUIRED
    )
    title = forms.CharField(
        label="Tên cuộc kiểm tra, giám sát, khảo sát, tập huấn",
        max_length=300,
        error_messages=REQUIRED,
    )
    document_number = forms.CharField(
        label="Số kế hoạch, quyết định",
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"placeholder": "12-KH/BTGDVTU"}),
    )
    unit = forms.CharField(label="Đơn vị chủ trì (mã hoặc tên)", error_messages=REQUIRED)
    body_kind = forms.ChoiceField(
        label="Cơ quan chủ trì",
        choices=_choices([(k.value, k.label) for k in INSPECTING_KINDS], "— Chọn —"),
        error_messages=REQUIRED,
    )
    subject_unit = forms.CharField(
        label="Đơn vị chịu kiểm tra, giám sát (mã hoặc tên)", error_messages=REQUIRED
    )
    subject_body_kind = forms.ChoiceField(
        label="Cơ quan, tổ chức chịu kiểm tra (nếu có)",
        required=False,
        choices=_choices(BodyKind.choices, "— Cả đơn vị —"),
    )
    topics = forms.MultipleChoiceField(
        label="Chủ đề", required=False, choices=Topic.choices, widget=forms.CheckboxSelectMultiple
    )
    topic_text = text_area("Nội dung")
    window_start = date_field("Từ ngày")
    window_end = date_field("Đến ngày")
    notice_sent_on = date_field("Ngày gửi thông báo", required=False)
    team = text_area("Thành phần đoàn")
    findings = text_area("Kết quả, nhận xét")
    recommendations = text_area("Kiến nghị")
    external_id = forms.CharField(label="Mã ngoài (nếu nhập từ tệp)", required=False, max_length=64)
    note = forms.CharField(label="Ghi chú cho lịch sử", required=False, max_length=500)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        start, end = data.get("window_start"), data.get("window_end")
        if start and end and end < start:
            self.add_error("window_end", "Ngày kết thúc phải trùng hoặc sau ngày bắt đầu.")
        day = start or dt.date.today()  # noqa: DTZ011 - a calendar date for a lookup only
        self.unit_obj = self.body_obj = self.subject_unit_obj = self.subject_body_obj = None
        if data.get("unit"):
            self.unit_obj = find_unit(data["unit"])
            if self.unit_obj is None:
                self.add_error(
                    "unit", "Không tìm thấy đơn vị này (nhập mã, ví dụ 06688, hoặc tên)."
                )
            elif data.get("body_kind"):
                self.body_obj = body_of(self.unit_obj, data["body_kind"], day)
                if self.body_obj is None:
                    self.add_error(
                        "body_kind",
                        f"{self.unit_obj} không có {BodyKind(data['body_kind']).label} "
                        f"vào ngày {day:%d/%m/%Y}.",
                    )
        if data.get("subject_unit"):
            self.subject_unit_obj = find_unit(data["subject_unit"])
            if self.subject_unit_obj is None:
                self.add_error(
                    "subject_unit", "Không tìm thấy đơn vị này (nhập mã, ví dụ 06688, hoặc tên)."
                )
            elif data.get("subject_body_kind"):
                self.subject_body_obj = body_of(
                    self.subject_unit_obj, data["subject_body_kind"], day
                )
                if self.subject_body_obj is None:
                    self.add_error(
                        "subject_body_kind",
                        f"{self.subject_unit_obj} không có "
                        f"{BodyKind(data['subject_body_kind']).label} vào ngày {day:%d/%m/%Y}.",
                    )
        return data

    def to_data(self) -> PlanData:
        d = self.cleaned_data
        return PlanData(
            kind=d["kind"],
            title=d["title"],
            window_start=d["window_start"],
            window_end=d["window_end"],
            unit=self.unit_obj,
            body=self.body_obj,
            subject_unit=self.subject_unit_obj,
            subject_body=self.subject_body_obj,
            topics=d.get("topics") or [],
            topic_text=d.get("topic_text", ""),
            document_number=d.get("document_number", ""),
            team=d.get("team", ""),
            findings=d.get("findings", ""),
            recommendations=d.get("recommendations", ""),
            notice_sent_on=d.get("notice_sent_on"),
            external_id=d.get("external_id", ""),
        )

    @classmethod
    def initial_for(cls, plan: OversightPlan) -> dict[str, Any]:
        return {
            "kind": plan.kind,
            "title": plan.title,
            "document_number": plan.document_number,
            "unit": plan.unit.key,
            "body_kind": plan.body.kind if plan.body else "",
            "subject_unit": (plan.subject_unit or plan.match_unit).key,
            "subject_body_kind": plan.subject_body.kind if plan.subject_body else "",
            "topics": plan.topic_list,
            "topic_text": plan.topic_text,
            "window_start": plan.window_start,
            "window_end": plan.window_end,
            "notice_sent_on": plan.notice_sent_on,
            "team": plan.team,
            "findings": plan.findings,
            "recommendations": plan.recommendations,
            "external_id": plan.external_id,
        }


class MoveForm(forms.Form):
    window_start = date_field("Từ ngày")
    window_end = date_field("Đến ngày")
    note = forms.CharField(label="Lý do", required=False, max_length=500)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if (
            data.get("window_start")
            and data.get("window_end")
            and data["window_end"] < data["window_start"]
        ):
            self.add_error("window_end", "Ngày kết thúc phải trùng hoặc sau ngày bắt đầu.")
        return data


class TransitionForm(forms.Form):
    to = forms.ChoiceField(
        label="Chuyển sang",
        choices=Status.choices,
        error_messages={**REQUIRED, "invalid_choice": "Trạng thái không hợp lệ."},
    )
    on_date = date_field("Ngày", required=False)
    notice_sent_on = date_field("Ngày gửi thông báo", required=False)
    note = forms.CharField(label="Ghi chú", required=False, max_length=1000)

    @staticmethod
    def targets(status: str) -> list[tuple[str, str]]:
        order = {s: i for i, s in enumerate(Status.values)}
        return [(s, LABELS[s]) for s in sorted(ALLOWED.get(status, ()), key=order.__getitem__)]


class AcknowledgeForm(forms.Form):
    note = forms.CharField(
        label="Ý kiến",
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={
            "required": "Hãy ghi ý kiến: đã phối hợp thế nào, vì sao vẫn giữ kế hoạch."
        },
    )


class CalendarForm(HyphenQueryMixin, forms.Form):
    """?thang=2026-05 (a month) or ?quy=2026-2 (a quarter); default: this month."""

    thang = forms.RegexField(
        regex=r"^\d{4}-\d{1,2}$", required=False, error_messages={"invalid": "Tháng dạng yyyy-mm."}
    )
    quy = forms.RegexField(
        regex=r"^\d{4}-[1-4]$",
        required=False,
        error_messages={"invalid": "Quý dạng yyyy-q (ví dụ 2026-2)."},
    )

    def months(self, today: dt.date) -> list[dt.date]:
        """First days of the months to show."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        if data.get("quy"):
            year, q = (int(x) for x in data["quy"].split("-"))
            return [dt.date(year, 3 * (q - 1) + m, 1) for m in (1, 2, 3)]
        if data.get("thang"):
            year, month = (int(x) for x in data["thang"].split("-"))
            if 1 <= month <= 12 and 1900 < year < 2200:
                return [dt.date(year, month, 1)]
        return [today.replace(day=1)]
