"""Input parsing and every 400 for the directive pages."""

from __future__ import annotations

import datetime as dt
from typing import Any
from urllib.parse import urlencode

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q

from danvan.accounts import permissions
from danvan.lib.text import nfc
from danvan.lib.vn import format_date
from danvan.units.models import Body, Level, Unit

from .citations import LEGAL_TYPES, PARTY_TYPES, STATE_TYPES, find_citations
from .models import Directive, DirectiveQuerySet, System

DATE_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]
DATE_ERRORS = {
    "required": "Hãy ghi ngày (dd/mm/yyyy).",
    "invalid": "Ngày không hợp lệ (dùng dạng dd/mm/yyyy).",
}
TEXT_LIMIT = 100_000  # characters of pasted text the citation finder reads
UNIT_CHOICE_LIMIT = 300
LEVEL_ORDER = [Level.NATION, Level.PROVINCE, Level.DISTRICT, Level.COMMUNE]
TYPE_NAMES = sorted(
    {*PARTY_TYPES.values(), *STATE_TYPES.values(), *LEGAL_TYPES.values(), "Luật", "Bộ luật"}
)


def _date_field(label: str, required: bool = False, **kwargs: Any) -> forms.DateField:
    return forms.DateField(
        label=label,
        required=required,
        input_formats=DATE_FORMATS,
        error_messages=DATE_ERRORS,
        widget=forms.DateInput(format="%d/%m/%Y", attrs={"placeholder": "dd/mm/yyyy"}),
        **kwargs,
    )


def _blank(choices: Any, label: str = "Tất cả") -> list[tuple[str, str]]:
    return [("", label), *choices]


def unit_by_key(key: str) -> Unit | None:
    """A unit key typed or picked by the user; ValidationError when there is none."""
    key = (key or "").strip()
    if not key:
        return None
    unit = Unit.objects.filter(key=key).first()
    if unit is None:
        raise ValidationError(f"Không có đơn vị mã “{key}”.")
    return unit


def unit_choices(user: Any, action: str) -> list[Unit]:
    """Units to suggest in pickers: the nation and provinces for everyone (documents are
    published), the user's own units and one level below."""
    roots = permissions.root_ids(user, action)
    units = Unit.objects.filter(
        Q(level__in=[Level.NATION, Level.PROVINCE], valid_to__isnull=True)
        | Q(pk__in=roots)
        | Q(parent_id__in=roots)
    ).order_by("code")[:UNIT_CHOICE_LIMIT]
    return sorted(units, key=lambda u: (LEVEL_ORDER.index(u.level), u.code))


def lookup_directives(text: str) -> list[Directive]:
    """Registry entries named in a field: "11-QĐi/TW; 21-CT/TU ngày 22/12/2021".

    Uses the citation parser, so any written form is accepted; a symbol shared by several
    entries needs its date.
    """
    text = (text or "").strip()
    if not text:
        return []
    citations = find_citations(text)
    if not citations:
        raise ValidationError(f"Không đọc được số, ký hiệu văn bản trong “{text[:80]}”.")
    found, errors = [], []
    for c in citations:
        rows = Directive.objects.filter(symbol=c.code)
        if c.date:
            rows = rows.filter(issued_on=c.date)
        rows = list(rows[:3])
        if not rows:
            when = f" ngày {format_date(c.date)}" if c.date else ""
            errors.append(f"Sổ chưa có văn bản {c.code}{when}: hãy thêm văn bản đó trước.")
        elif len(rows) > 1:
            errors.append(
                f"Có nhiều văn bản cùng số, ký hiệu {c.code}: ghi kèm ngày ban hành, "
                f"ví dụ “{c.code} ngày {format_date(rows[0].issued_on) or 'dd/mm/yyyy'}”."
            )
        else:
            found.append(rows[0])
    if errors:
        raise ValidationError(errors)
    return found


def cite(d: Directive) -> str:
    """How a form shows an entry so that `lookup_directives` reads it back."""
    return f"{d.symbol} ngày {format_date(d.issued_on)}" if d.issued_on else d.symbol


class DirectiveForm(forms.Form):
    """Create and edit. Number, type abbreviation and issuer code follow from the symbol."""

    symbol = forms.CharField(
        label="Số, ký hiệu",
        max_length=64,
        help_text="Ví dụ: 56-NQ/TU, 11-QĐi/TW, 36/NQ-HĐND, 337/2021/NQ-HĐND, 10/2022/QH15.",
        error_messages={
            "required": "Hãy ghi số, ký hiệu văn bản.",
            "max_length": "Tối đa 64 ký tự.",
        },
    )
    type_name = forms.CharField(
        label="Loại văn bản",
        max_length=64,
        required=False,
        help_text="Để trống: theo ký hiệu (NQ → Nghị quyết). Với luật, ghi “Luật”.",
        widget=forms.TextInput(attrs={"list": "type-names"}),
    )
    issuing_unit = forms.CharField(
        label="Đơn vị ban hành",
        max_length=32,
        required=False,
        help_text="Mã đơn vị tại thời điểm ban hành: VN (Trung ương), 22@2025-06-30 "
        "(Quảng Ninh trước 01/07/2025), 193@2025-06-30 (thành phố Hạ Long).",
        widget=forms.TextInput(attrs={"list": "unit-keys", "autocomplete": "off"}),
    )
    issuing_body = forms.ModelChoiceField(
        label="Cơ quan ban hành",
        queryset=Body.objects.none(),
        required=False,
        empty_label="— tự xác định theo ký hiệu —",
        error_messages={"invalid_choice": "Cơ quan không thuộc đơn vị ban hành."},
    )
    issued_on = _date_field("Ngày ban hành")
    title = forms.CharField(
        label="Trích yếu",
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"max_length": "Tối đa 500 ký tự."},
    )
    valid_from = _date_field("Hiệu lực từ")
    valid_to = _date_field("Hết hiệu lực")
    amends = forms.CharField(
        label="Sửa đổi, bổ sung các văn bản",
        required=False,
        max_length=1000,
        help_text="Số, ký hiệu, cách nhau bởi dấu “;”; kèm ngày nếu trùng số: "
        "“11-QĐi/TW; 21-CT/TU ngày 22/12/2021”.",
    )
    replaced_by = forms.CharField(
        label="Được thay thế bởi", required=False, max_length=200, help_text="Số, ký hiệu."
    )
    note = forms.CharField(
        label="Ghi chú", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    complete = forms.BooleanField(label="Đã đủ thông tin (bỏ dấu “chờ bổ sung”)", required=False)

    def __init__(self, *args: Any, user: Any, instance: Directive | None = None, **kwargs: Any):
        if instance is not None and "initial" not in kwargs:
            kwargs["initial"] = self.initial_for(instance)
        super().__init__(*args, **kwargs)
        self.user, self.instance = user, instance
        if instance is None or not instance.is_stub:
            del self.fields["complete"]
        key = self.data.get("issuing_unit") if self.is_bound else self.initial.get("issuing_unit")
        unit = Unit.objects.filter(key=(key or "").strip()).first() if key else None
        self.fields["issuing_body"].queryset = (
            Body.objects.filter(unit=unit) if unit else Body.objects.none()
        )
        self.unit_options = unit_choices(user, "directives.edit")
        self.type_names = TYPE_NAMES

    @staticmethod
    def initial_for(d: Directive) -> dict[str, Any]:
        return {
            "symbol": d.symbol,
            "type_name": d.type_name,
            "issuing_unit": d.issuing_unit.key if d.issuing_unit else "",
            "issuing_body": d.issuing_body_id,
            "issued_on": d.issued_on,
            "title": d.title,
            "valid_from": d.valid_from,
            "valid_to": d.valid_to,
            "amends": "; ".join(cite(a) for a in d.amends.all()),
            "replaced_by": cite(d.replaced_by) if d.replaced_by else "",
            "note": d.note,
        }

    def clean_symbol(self) -> str:
        return nfc(self.cleaned_data["symbol"])

    def clean_issuing_unit(self) -> Unit | None:
        unit = unit_by_key(self.cleaned_data.get("issuing_unit", ""))
        if unit is not None and not permissions.can(self.user, "directives.edit", unit):
            raise ValidationError(f"Bạn không có quyền cập nhật văn bản của {unit.name}.")
        return unit

    def clean_amends(self) -> list[Directive]:
        return lookup_directives(self.cleaned_data.get("amends", ""))

    def clean_replaced_by(self) -> Directive | None:
        found = lookup_directives(self.cleaned_data.get("replaced_by", ""))
        if len(found) > 1:
            raise ValidationError("Chỉ ghi một văn bản thay thế.")
        return found[0] if found else None

    def values(self) -> dict[str, Any]:
        """Keyword arguments for actions.create_directive / update_directive."""
        data = dict(self.cleaned_data)
        data.pop("complete", None)
        return data


class FilterForm(forms.Form):
    """GET filters of the registry list; field names are the query parameters."""

    def __init__(self, data: Any) -> None:
        super().__init__(data)
        self.fields["q"] = forms.CharField(label="Tìm", required=False, max_length=200)
        self.fields["he-thong"] = forms.ChoiceField(
            label="Hệ thống", choices=_blank(System.choices), required=False
        )
        self.fields["loai"] = forms.ChoiceField(
            label="Loại văn bản", choices=_blank((n, n) for n in TYPE_NAMES), required=False
        )
        self.fields["co-quan"] = forms.CharField(
            label="Mã cơ quan", required=False, max_length=32, help_text="TW, TU, HU, HĐND…"
        )
        self.fields["don-vi"] = forms.CharField(
            label="Đơn vị ban hành (gồm trực thuộc)", required=False, max_length=32
        )
        self.fields["nam"] = forms.IntegerField(
            label="Năm ban hành",
            required=False,
            min_value=1945,
            max_value=2100,
            error_messages={
                "invalid": "Năm phải là số, ví dụ 2022.",
                "min_value": "Năm không hợp lệ.",
                "max_value": "Năm không hợp lệ.",
            },
        )
        self.fields["chua-du"] = forms.BooleanField(label="Chỉ văn bản chờ bổ sung", required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        try:
            data["unit"] = unit_by_key(data.get("don-vi") or "")
        except ValidationError as e:
            self.add_error("don-vi", e)
        return data

    def apply(self, qs: DirectiveQuerySet) -> DirectiveQuerySet:
        data = self.cleaned_data
        if data.get("q"):
            qs = qs.matching(data["q"])
        if data.get("he-thong"):
            qs = qs.filter(system=data["he-thong"])
        if data.get("loai"):
            qs = qs.filter(type_name=data["loai"])
        if data.get("co-quan"):
            qs = qs.issued_by_code(nfc(data["co-quan"]))
        if data.get("unit"):
            qs = qs.filter(issuing_unit__in=Unit.objects.subtree_of(data["unit"]))
        if data.get("nam"):
            qs = qs.issued_in(data["nam"])
        if data.get("chua-du"):
            qs = qs.stubs()
        return qs

    def querystring(self) -> str:
        """The filters without the page number, for pager links."""
        return urlencode([(k, v) for k, v in self.data.items() if k != "page" and v])


class CitationFinderForm(forms.Form):
    """The "paste text → find citations" helper: text, and optionally the citing unit and date."""

    text = forms.CharField(
        label="Văn bản cần đọc",
        max_length=TEXT_LIMIT,
        widget=forms.Textarea(attrs={"rows": 10}),
        error_messages={
            "required": "Hãy dán đoạn văn cần tìm trích dẫn.",
            "max_length": "Đoạn văn quá dài (tối đa 100.000 ký tự).",
        },
    )
    unit = forms.CharField(
        label="Đơn vị của văn bản đang đọc",
        required=False,
        max_length=32,
        help_text="Để biết “TU”, “HU”, “HĐND” là của đơn vị nào. Ví dụ 193@2025-06-30 "
        "(thành phố Hạ Long trước 2025).",
        widget=forms.TextInput(attrs={"list": "unit-keys", "autocomplete": "off"}),
    )
    on = _date_field("Ngày của văn bản đang đọc")

    def clean_unit(self) -> Unit | None:
        return unit_by_key(self.cleaned_data.get("unit", ""))

    def context_date(self) -> dt.date | None:
        return self.cleaned_data.get("on")
