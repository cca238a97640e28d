"""What a document says, as plain frozen data: built by an app's exports.py, read by renderers.

No Django here: renderers are tested without a database.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


def vn_document_date(day: dt.date | None, place: str = "") -> str:
    """'Hạ Long, ngày 01 tháng 12 năm 2022': leading zero for days 1–9 and months 1–2.

    Without a date the clerk fills the gaps: 'Hạ Long, ngày     tháng     năm 20   '.
    """
    if day is None:
        text = "ngày      tháng      năm 20    "
    else:
        month = f"{day.month:02d}" if day.month < 3 else str(day.month)
        text = f"ngày {day.day:02d} tháng {month} năm {day.year}"
    return f"{place}, {text}" if place else text[:1].upper() + text[1:]


@dataclass(frozen=True, slots=True, kw_only=True)
class Signature:
    authority: str  # "T/M BAN THƯỜNG VỤ", "K/T TRƯỞNG BAN", or "" when the signer signs as themself
    title: str  # "PHÓ BÍ THƯ THƯỜNG TRỰC"
    name: str  # "Vũ Thị Mai Anh"


@dataclass(frozen=True, slots=True, kw_only=True)
class TaskItem:
    number: int
    text: str
    owner: str = ""  # "Ban Dân vận Thành ủy chủ trì, phối hợp …"
    deadline: str = ""  # "30/6/2023"


@dataclass(frozen=True, slots=True, kw_only=True)
class ConclusionNoticeContext:
    """A Thông báo kết luận (notice of conclusions) in the Party layout."""

    profile: str = "party_hd36"
    superior_body: str  # "ĐẢNG BỘ TỈNH QUẢNG NINH" (capitals, not bold); may be ""
    issuing_body: str  # "THÀNH ỦY HẠ LONG" (capitals, bold)
    number: str  # "414", or "" for the clerk to fill
    type_code: str = "TB"
    issuer_code: str  # "TU"
    place: str  # "Hạ Long"
    date: dt.date | None
    type_name: str = "THÔNG BÁO"
    summary: str  # "Kết luận của đồng chí … tại Hội nghị …"
    opening: tuple[str, ...]
    conclusions: tuple[str, ...]
    tasks_heading: str
    tasks: tuple[TaskItem, ...]
    closing: str
    signature: Signature
    recipients: tuple[str, ...]

    @property
    def number_symbol(self) -> str:
        """'414-TB/TU', or '    -TB/TU' with a gap for the clerk."""
        number = self.number or "\u00a0" * 6
        return f"{number}-{self.type_code}/{self.issuer_code}"

    @property
    def place_date(self) -> str:
        return vn_document_date(self.date, self.place)


@dataclass(frozen=True, slots=True, kw_only=True)
class ArticleContext:
    """A conference as a news report would tell it (the reverse of reading the articles)."""

    headline: str
    kind: str = ""  # the conference kind code ("lam_viec" words the lead as a working session)
    date: dt.date | None
    time_note: str  # "tháng 9/2022" when the day is unknown
    organiser: str  # "Thành ủy Hạ Long"
    conference_title: str  # "Hội nghị tổng kết công tác dân vận … năm 2022, triển khai …"
    venue: str
    is_online: bool
    bridge_points_count: int | None
    bridge_points: tuple[str, ...]
    chairs: tuple[str, ...]  # "Vũ Thị Mai Anh, Phó Bí thư TT Thành uỷ"
    attendees: tuple[str, ...]
    reporters: tuple[str, ...]
    speakers: tuple[str, ...]
    reports: tuple[str, ...]
    contributions: tuple[str, ...]
    directives: tuple[str, ...]  # "Chỉ thị số 21-CT/TU, ngày 27/5/2022"
    programmes: tuple[str, ...]
    reviewed_label: str
    planned_label: str
    conclusions: tuple[str, ...]
    awards_count: int | None
    awards_text: str
    pledges_count: int | None
    pledges_text: str
    tasks: tuple[str, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class IndicatorTable:
    """A table of figures: the first row of `rows` under `columns`; None means "not reported"."""

    title: str  # "Biểu 1. Số liệu chủ yếu"
    sheet_name: str  # the XLSX sheet (≤ 31 characters)
    columns: tuple[str, ...]
    rows: tuple[tuple[str | int | None, ...], ...]
    total_row: tuple[str | int | None, ...] | None = None  # printed bold at the bottom


@dataclass(frozen=True, slots=True, kw_only=True)
class ReportSection:
    title: str  # "I. KẾT QUẢ THỰC HIỆN CÔNG TÁC DÂN VẬN"
    paragraphs: tuple[str, ...]  # generated sentences first, then the narrative
    tables: tuple[IndicatorTable, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class ReportContext:
    """A Báo cáo (periodic report) in the Party (HD 36) or State (NĐ 30) layout."""

    profile: str = "party_hd36"  # or "state_nd30"
    superior_body: str  # Party: "TỈNH ỦY QUẢNG NINH"; State: usually ""
    issuing_body: str  # "BAN DÂN VẬN", "ỦY BAN NHÂN DÂN PHƯỜNG HẠ LONG"
    number: str  # "12", or "" for the clerk to fill
    type_code: str = "BC"
    issuer_code: str  # "BDVTU", "UBND"
    place: str  # "Hạ Long"
    date: dt.date | None
    type_name: str = "BÁO CÁO"
    summary: str  # "Kết quả công tác dân vận 6 tháng đầu năm 2026, phương hướng …"
    sections: tuple[ReportSection, ...]
    signature: Signature
    recipients: tuple[str, ...]
    unit_name: str = ""  # "Tỉnh Quảng Ninh", for the spreadsheet header
    period_label: str = ""  # "6 tháng đầu năm 2026"
    data_as_of: dt.date | None = None  # "Số liệu tính đến ngày 30/6/2026"

    @property
    def is_state(self) -> bool:
        return self.profile.startswith("state")

    @property
    def number_symbol(self) -> str:
        """Party '12-BC/BDVTU'; State '12/BC-UBND' (leading zero below 10, NĐ 30 Điều 15)."""
        if self.is_state:
            number = (
                f"{int(self.number):02d}" if self.number.isdigit() else self.number
            ) or "\u00a0" * 6
            return f"{number}/{self.type_code}-{self.issuer_code}"
        number = self.number or "\u00a0" * 6
        return f"{number}-{self.type_code}/{self.issuer_code}"

    @property
    def place_date(self) -> str:
        return vn_document_date(self.date, self.place)
