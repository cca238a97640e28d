"""Style profiles: page, fonts and sizes per document standard (DOMAIN.md §6.5–6.7).

Party documents follow Hướng dẫn 36-HD/VPTW; State documents (Nghị định 30/2020/NĐ-CP,
Phụ lục I) will get their own profile. The sizes of HD 36 are from secondary summaries
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
}

PROFILES: dict[str, dict[str, Any]] = {"party_hd36": PARTY_HD36}


def profile(name: str) -> dict[str, Any]:
    try:
        return PROFILES[name]
    except KeyError as e:
        raise ValueError(f"Unknown style profile {name!r}; known: {sorted(PROFILES)}") from e
