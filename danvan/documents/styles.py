"""Style profiles: page, fonts and sizes per document standard (DOMAIN.md §6.5–6.7).

Party documents follow Hướng dẫn 36-HD/VPTW; State documents (HĐND, UBND) follow Nghị
định 30/2020/NĐ-CP, Phụ lục I [V]. The sizes of HD 36 are from secondary summaries
[S]: keep them here, in one place, so they can be corrected without touching a renderer.
"""

from __future__ import annotations

from typing import Any

PARTY_HD36: dict[str, Any] = {
    "name": "Văn bản của Đảng (Hướng dẫn 36-HD/VPTW)",
    "page": {"width_mm": 210, "height_mm": 297},
    "margins_mm": {"top": 20, "bottom": 20, "left": 30, "right": 15},
    "font": "Times New Roman",
    "sizes_pt": {
        "body": 14,
        "superior_body": 14,
        "issuing_body": 14,
        "party_heading": 15,
        "number": 14,
        "place_date": 14,
        "type_name": 16,
        "summary": 14,
        "recipients_label": 12,
        "recipients": 11,
        "signature": 14,
    },
    # Two-column header and signature block, as borderless tables (widths in mm).
    "header_columns_mm": (75, 90),
    "footer_columns_mm": (75, 90),
    # Short rules drawn as paragraph borders: width of the rule under each element.
    "party_heading_rule_mm": 70,
    "summary_rule_mm": 30,
    "first_line_indent_cm": 1.27,
    "space_after_pt": 6,
    "line_spacing": 1.1,
    # "Số 56-NQ/TU": no colon in HD 36's own examples [S]; NĐ 30 writes "Số:".
    "number_prefix": "Số",
    "party_heading": "ĐẢNG CỘNG SẢN VIỆT NAM",
    # Used by the report renderer (documents/renderers/report_docx.py). Its header is one
    # column pair wider than the notice's so "BAN TUYÊN GIÁO VÀ DÂN VẬN" and the place-date
    # line fit on one line at 14 pt (it reaches ~1.5 mm into each margin).
    "report_header_columns_mm": (82, 86),
    "table_size_pt": 12,
    "section_title_size_pt": 14,
    "page_numbers": False,
    "recipients_label_bold_italic": False,  # HD 36: "Nơi nhận:" underlined, bold
    "recipient_separator": ",",
}

STATE_ND30: dict[str, Any] = {
    "name": "Văn bản hành chính (Nghị định 30/2020/NĐ-CP, Phụ lục I)",
    "page": {"width_mm": 210, "height_mm": 297},
    # NĐ 30: top and bottom 20–25, left 30–35, right 15–20 mm.
    "margins_mm": {"top": 20, "bottom": 20, "left": 30, "right": 15},
    "font": "Times New Roman",
    "sizes_pt": {
        "body": 14,
        "superior_body": 13,
        "issuing_body": 13,
        "national_title": 13,
        "motto": 14,
        "number": 13,
        "place_date": 14,
        "type_name": 14,
        "summary": 14,
        "recipients_label": 12,
        "recipients": 11,
        "signature": 14,
        "page_number": 13,
    },
    # The national title at 13 pt needs ~96 mm; the table reaches ~1.5 mm into each margin.
    "header_columns_mm": (65, 103),
    "footer_columns_mm": (75, 90),
    "national_title": "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "motto": "Độc lập - Tự do - Hạnh phúc",
    "motto_rule_mm": 64,  # as long as the motto at 14 pt bold
    "issuer_rule_mm": 25,  # 1/3–1/2 of the issuer's text width
    "summary_rule_mm": 30,
    "first_line_indent_cm": 1.27,
    "space_after_pt": 6,
    "line_spacing": 1.1,
    "number_prefix": "Số:",
    "table_size_pt": 12,
    "section_title_size_pt": 14,
    "page_numbers": True,  # centred in the top margin, not on page 1
    "recipients_label_bold_italic": True,  # "Nơi nhận:" 12 pt bold italic, list 11 pt
    "recipient_separator": ";",
}

PROFILES: dict[str, dict[str, Any]] = {"party_hd36": PARTY_HD36, "state_nd30": STATE_ND30}


def profile(name: str) -> dict[str, Any]:
    try:
        return PROFILES[name]
    except KeyError as e:
        raise ValueError(f"Unknown style profile {name!r}; known: {sorted(PROFILES)}") from e
