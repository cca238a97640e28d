"""One renderer per output format: `render(ctx) -> bytes`, no ORM inside."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from . import article, docx, report_docx, report_xlsx

RENDERERS: dict[str, Callable[[Any], bytes]] = {
    "docx": docx.render,
    "article": article.render,
    "report_docx": report_docx.render,
    "report_xlsx": report_xlsx.render,
}
