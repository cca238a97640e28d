"""Demo data: the documents cited by two of the seed articles, placed in the registry.

The parser finds the citations in the articles' own words (excerpts below, verbatim, typos
included) and `resolve_citation` places each under the right unit — Hạ Long city's own
Thành ủy or the Quảng Ninh Tỉnh ủy, Cầu Ngang's Huyện ủy or the Trà Vinh Tỉnh ủy — creating
stubs. Stubs whose title the articles give are then completed, as an official would; the
others stay stubs awaiting completion. The central documents are loaded first
(`central.load_central`), so "Quy định 11-QĐi/TW" resolves to the full entry.

Conferences and other records link to these entries with `linking.link_text` in their own
demo loaders.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from danvan.units.models import Unit

from . import actions
from .central import load_central
from .citations import unique_citations
from .linking import issuer_phrase, resolve_citation

SEED_1 = (  # Hạ Long city, working session, September 2022 (seed_1.txt)
    "Đảng ủy Cơ quan Khối MTTQ và các tổ chức chính trị - xã hội Thành phố đã bám sát "
    "Nghị quyết số 56-NQ/TU, ngày 15/12/2021 của BCH Đảng bộ Thành phố; Nghị quyết số "
    "03-NQ/ĐU ngày 25/12/2021 về phương hướng, nhiệm vụ năm 2022 các kết luận, thông báo, "
    "văn bản chỉ đạo của Tỉnh, Thành ủy, "
    "\n\n"
    "Tiếp tục tuyên truyền và thực hiện hiệu quả Nghị quyết của Ban Chấp hành Đảng bộ về "
    "phương hướng, nhiệm vụ năm 2022; Chương trình công tác; Chương trình kiểm tra, giám "
    "sát của Ban Chấp hành Đảng bộ năm 2022; Nghị quyết số 08-NQ/TU, ngày 08-NQ/TU ngày "
    "25/11/2021 của BCH Đảng bộ Tỉnh; Nghị quyết số 56-NQ/TU, ngày 15/12/2021 của Ban "
    "Chấp hành Đảng bộ Thành phố về phương hướng, nhiệm vụ năm 2022; Kết luận số "
    "01-KL/TW, ngày 18/5/2021 của Bộ Chính trị khóa XIII về thực hiện Chỉ thị 05-CT/TW "
    "của Bộ Chính trị về học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh; "
    "Nghị quyết số 36/NQ-HĐND, ngày 19/12/2021 của Hội đồng nhân dân thành phố; Chỉ thị\u00a0 "
    "21-CT/TU, ngày 22/12/2021 của Ban Thường vụ Tỉnh ủy về tăng cường sự lãnh đạo của "
    "Đảng, nâng cao chất lượng, hiệu quả hoạt động của MTTQ, các tổ chức chính trị - xã "
    "hội ở khu dân cư trên địa bàn tỉnh; Chỉ thị số 23-CT/TU ngày 10/02/2022 của Ban "
    "Thường vụ Tỉnh ủy về việc tăng cường sự lãnh đạo của Đảng trong thực hành tiết kiệm, "
    "chống lãng phí; Nghị quyết 337/2021/NQ-HĐND ngày 24/3/2021 của Hội đồng nhân dân "
    "tỉnh Quảng Ninh; Quyết định số 2152-QĐ/TU ngày 10/01/2022 của Thành ủy về việc ban "
    "hành Quy chế công tác dân vận của hệ thống chính trị Thành phố Hạ Long. Nâng cao "
    "chất lượng hoạt động của MTTQ và các tổ chức chính trị - xã hội từ thành phố đến cơ "
    "sở theo Chỉ thị số 21-CT/TU. Tiếp tục thực hiện Thông báo ý kiến chi đạo của Thường "
    "trực Thành ủy tại Thông báo số 393-TB/TU, ngày 23/12/2021; Thông báo số số "
    "414-TB/TU, ngày 14/01/2022; Thông báo số số 442-TB/TU, ngày 24/02/2022; Thông báo số "
    "số 462-TB/TU, ngày 22/3/2022."
)
SEED_3 = (  # Cầu Ngang district, 2.5-year review, mid-2023 (seed_3.txt)
    'Thực hiện Chỉ thị số 21-CT/TU, ngày 27/5/2022 của Ban Thường vụ Tỉnh ủy "Về đẩy mạnh '
    "công tác dân vận, nâng cao chất lượng hiệu quả công tác dân vận chính quyền, phát "
    "huy dân chủ ở cơ sở, tăng cường khối đại đoàn kết toàn dân tộc trên địa bàn tỉnh đến "
    'năm 2025", gắn với triển khai Kết luận số 120-KL/TW của Bộ Chính trị; Kế hoạch số '
    "01-KH/BCĐ, ngày 04/5 2021 của Ban Chỉ đạo Quy chế dân chủ ở cơ sở và phong trào thi "
    'đua “Dân vận khéo" tỉnh "Quy chế dân chủ ở cơ sở ở các loại hình giai đoạn 2021- '
    "2025”, 2,5 năm qua Ban Dân vận Huyện ủy Cầu Ngang "
    "\n\n"
    "quyền làm chủ của nhân dân được phát huy tốt hơn, giải quyết kịp thời những phản "
    "ảnh, kiến nghị của nhân dân theo Quy định 11-QĐi/TW…"
    "\n\n"
    "Phát biểu chỉ đạo tại hội nghị, đồng chí Trần Minh Bảnh, Phó Bí thư Thường trực "
    "Huyện ủy yêu cầu Ban Dân vận tiếp tục quán triệt, triển khai thực hiện các văn bản "
    "của Tỉnh ủy, Huyện ủy về công tác dân vận phù hợp với tình hình thực tế; Quyết định "
    "số 391-QĐ/HU, ngày 13/01/2022 của Ban Thường vụ Huyện ủy về ban hành Quy chế công "
    "tác dân vận của hệ thống chính trị huyện Cầu Ngang."
)

#: (excerpt, citing unit key, date of the citing text)
ARTICLES: list[tuple[str, str, dt.date]] = [
    (SEED_1, "193@2025-06-30", dt.date(2022, 9, 30)),
    (SEED_3, "848@2025-06-30", dt.date(2023, 7, 1)),
]

#: Titles the articles give, keyed by (issuing unit key, symbol, date of issue).
TITLES: dict[tuple[str, str, dt.date | None], str] = {
    ("193@2025-06-30", "56-NQ/TU", dt.date(2021, 12, 15)): "Về phương hướng, nhiệm vụ năm 2022",
    ("193@2025-06-30", "03-NQ/ĐU", dt.date(2021, 12, 25)): "Về phương hướng, nhiệm vụ năm 2022",
    ("VN", "01-KL/TW", dt.date(2021, 5, 18)): (
        "Về thực hiện Chỉ thị 05-CT/TW của Bộ Chính trị về học tập và làm theo tư tưởng, "
        "đạo đức, phong cách Hồ Chí Minh"
    ),
    ("22@2025-06-30", "21-CT/TU", dt.date(2021, 12, 22)): (
        "Về tăng cường sự lãnh đạo của Đảng, nâng cao chất lượng, hiệu quả hoạt động của "
        "MTTQ, các tổ chức chính trị - xã hội ở khu dân cư trên địa bàn tỉnh"
    ),
    ("22@2025-06-30", "23-CT/TU", dt.date(2022, 2, 10)): (
        "Về việc tăng cường sự lãnh đạo của Đảng trong thực hành tiết kiệm, chống lãng phí"
    ),
    ("193@2025-06-30", "2152-QĐ/TU", dt.date(2022, 1, 10)): (
        "Về việc ban hành Quy chế công tác dân vận của hệ thống chính trị Thành phố Hạ Long"
    ),
    ("193@2025-06-30", "393-TB/TU", dt.date(2021, 12, 23)): (
        "Ý kiến chỉ đạo của Thường trực Thành ủy"
    ),
    ("84@2025-06-30", "21-CT/TU", dt.date(2022, 5, 27)): (
        "Về đẩy mạnh công tác dân vận, nâng cao chất lượng hiệu quả công tác dân vận chính "
        "quyền, phát huy dân chủ ở cơ sở, tăng cường khối đại đoàn kết toàn dân tộc trên địa "
        "bàn tỉnh đến năm 2025"
    ),
    ("84@2025-06-30", "01-KH/BCĐ", dt.date(2021, 5, 4)): (
        "Quy chế dân chủ ở cơ sở ở các loại hình giai đoạn 2021 - 2025"
    ),
    ("848@2025-06-30", "391-QĐ/HU", dt.date(2022, 1, 13)): (
        "Về ban hành Quy chế công tác dân vận của hệ thống chính trị huyện Cầu Ngang"
    ),
}


def load_demo(*, by: Any) -> str:
    """Place the articles' citations in the registry; idempotent. Returns a summary."""
    if not Unit.objects.filter(key="VN").exists():
        return ""
    load_central(by=by)
    placed = completed = 0
    for text, key, on in ARTICLES:
        unit = Unit.objects.filter(key=key).first()
        if unit is None:
            continue
        for citation in unique_citations(text):
            d = resolve_citation(
                citation,
                context_unit=unit,
                context_date=on,
                by=by,
                issuer_hint=issuer_phrase(text, citation),
            )
            placed += 1
            where = d.issuing_unit.key if d.issuing_unit else ""
            title = TITLES.get((where, d.symbol, d.issued_on))
            if d.is_stub and title:
                actions.complete_stub(d, by=by, title=title)
                completed += 1
    return f"{placed} trích dẫn đã xếp vào sổ văn bản, {completed} văn bản được bổ sung"
