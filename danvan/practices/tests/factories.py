"""Set-up helpers: practices in a given state, moved there through the actions as SYSTEM.

They only set up; the tests then run the code under test as a persona.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile

from danvan.accounts.permissions import SYSTEM
from danvan.practices import actions
from danvan.practices.models import Practice
from danvan.practices.states import Status
from danvan.units.models import Unit

_counter = iter(range(1, 1_000_000))


def default_date(unit: Unit) -> dt.date:
    """A registration date inside the unit's validity (current units start 01/07/2025)."""
    if unit.valid_to is not None:
        return dt.date(2024, 3, 1)
    return dt.date(2025, 8, 1)


def fields(unit: Unit, **overrides: Any) -> dict[str, Any]:
    n = next(_counter)
    values: dict[str, Any] = {
        "name": f"Mô hình thử nghiệm số {n} về chăn nuôi bò sinh sản",
        "field": "economy",
        "registered_on": default_date(unit),
        "beneficiaries": "hội viên nông dân",
        "situation": "Thu nhập hội viên thấp.",
        "criteria": "Số hộ tham gia; thu nhập tăng.",
    }
    values.update(overrides)
    return values


def practice(
    unit: Unit,
    *,
    status: str = Status.REGISTERED,
    by: Any = SYSTEM,
    started: dt.date | None = None,
    evaluated: dt.date | None = None,
    recognised: dt.date | None = None,
    stopped: dt.date | None = None,
    replicates: Practice | None = None,
    **overrides: Any,
) -> Practice:
    """A practice moved along the path up to `status` (dates default to a month per step)."""
    values = fields(unit, **overrides)
    p = actions.register_practice(
        by=by, unit=unit, fields=values, replicates=replicates, acknowledge_similar=True
    )
    day = p.registered_on
    if status == Status.REGISTERED:
        return p
    if status == Status.STOPPED:
        return actions.stop_practice(
            p, by=by, on=stopped or day + dt.timedelta(days=30), reason="Thử"
        )
    started = started or day + dt.timedelta(days=30)
    p = actions.start_practice(p, by=by, on=started)
    if status == Status.IN_PROGRESS:
        return p
    evaluated = evaluated or started + dt.timedelta(days=30)
    p = actions.evaluate_practice(p, by=by, on=evaluated, result="good", note="Đạt tiêu chí.")
    if status == Status.EFFECTIVE:
        return p
    recognised = recognised or evaluated + dt.timedelta(days=30)
    return actions.recognise_practice(
        p, by=by, on=recognised, level="commune", decision="12/QĐ-UBND"
    )


# ---- files with real signatures ----------------------------------------------------------

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + b"\x00" * 40
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 60
PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def office(kind: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        if kind == "odt":
            z.writestr("mimetype", "application/vnd.oasis.opendocument.text")
            z.writestr("content.xml", "<x/>")
        else:
            z.writestr("[Content_Types].xml", "<Types/>")
            z.writestr("word/document.xml" if kind == "docx" else "xl/workbook.xml", "<x/>")
    return buffer.getvalue()


def upload(name: str, content: bytes, content_type: str = "application/octet-stream"):  # type: ignore[no-untyped-def]
    return SimpleUploadedFile(name, content, content_type=content_type)
