"""Checks on uploaded attachments: the extension and the file's own first bytes must agree.

A name ending in .pdf proves nothing; the content must start like a PDF. Office files
are zip archives, so for them the archive's member names are checked as well (a .docx
has word/document.xml, an .xlsx xl/workbook.xml, an .odt a `mimetype` member that says so).
"""

from __future__ import annotations

import math
import zipfile
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import IO

from django.core.exceptions import ValidationError

from danvan.lib.vn import format_number

MAX_BYTES = 10 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class FileType:
    extensions: tuple[str, ...]
    content_type: str
    label: str
    is_image: bool = False


TYPES: tuple[FileType, ...] = (
    FileType((".jpg", ".jpeg"), "image/jpeg", "ảnh JPEG", is_image=True),
    FileType((".png",), "image/png", "ảnh PNG", is_image=True),
    FileType((".webp",), "image/webp", "ảnh WebP", is_image=True),
    FileType((".pdf",), "application/pdf", "PDF"),
    FileType(
        (".docx",),
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "Word (.docx)",
    ),
    FileType(
        (".xlsx",),
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "Excel (.xlsx)",
    ),
    FileType((".odt",), "application/vnd.oasis.opendocument.text", "OpenDocument (.odt)"),
)
ALLOWED_EXTENSIONS = ", ".join(e for t in TYPES for e in t.extensions)


def _type_for(name: str) -> FileType | None:
    suffix = PurePosixPath(name).suffix.lower()
    return next((t for t in TYPES if suffix in t.extensions), None)


def _zip_members(stream: IO[bytes]) -> tuple[list[str], bytes]:
    """Member names of a zip and the content of its `mimetype` member (b"" if none)."""
    try:
        with zipfile.ZipFile(stream) as archive:
            names = archive.namelist()
            mimetype = archive.read("mimetype")[:100] if "mimetype" in names else b""
            return names, mimetype
    except (zipfile.BadZipFile, OSError, KeyError, ValueError):
        return [], b""


def _content_matches(ft: FileType, head: bytes, stream: IO[bytes]) -> bool:
    ext = ft.extensions[0]
    if ext == ".jpg":
        return head.startswith(b"\xff\xd8\xff")
    if ext == ".png":
        return head.startswith(b"\x89PNG\r\n\x1a\n")
    if ext == ".webp":
        return head[:4] == b"RIFF" and head[8:12] == b"WEBP"
    if ext == ".pdf":
        return head.startswith(b"%PDF-")
    if not head.startswith(b"PK\x03\x04"):
        return False
    stream.seek(0)
    names, mimetype = _zip_members(stream)
    if ext == ".docx":
        return "[Content_Types].xml" in names and "word/document.xml" in names
    if ext == ".xlsx":
        return "[Content_Types].xml" in names and "xl/workbook.xml" in names
    return mimetype.strip() == ft.content_type.encode()  # .odt


def check_upload(upload, *, image_only: bool = False) -> FileType:  # type: ignore[no-untyped-def]
    """The file's type, or ValidationError with a Vietnamese message.

    `upload` is a Django UploadedFile (or any object with name, size and a binary file API).
    """
    name = upload.name or ""
    size = upload.size or 0
    if size <= 0:
        raise ValidationError("Tệp “%(name)s” rỗng.", params={"name": name}, code="empty")
    if size > MAX_BYTES:
        raise ValidationError(
            "Tệp “%(name)s” dung lượng %(size)s MB, vượt giới hạn %(max)s MB.",
            params={
                "name": name,
                "size": format_number(math.ceil(size * 10 / 1024 / 1024) / 10, 1),  # rounded up
                "max": format_number(MAX_BYTES // 1024 // 1024),
            },
            code="too_big",
        )
    ft = _type_for(name)
    if ft is None:
        raise ValidationError(
            "Không nhận loại tệp “%(name)s”. Chỉ nhận: %(allowed)s.",
            params={"name": name, "allowed": ALLOWED_EXTENSIONS},
            code="type",
        )
    if image_only and not ft.is_image:
        raise ValidationError(
            "Ảnh phải là tệp .jpg, .png hoặc .webp; “%(name)s” không phải ảnh.",
            params={"name": name},
            code="not_image",
        )
    upload.seek(0)
    head = upload.read(16)
    matches = _content_matches(ft, head, upload)
    upload.seek(0)
    if not matches:
        raise ValidationError(
            "Nội dung tệp “%(name)s” không đúng là %(label)s (đuôi tệp không khớp nội dung).",
            params={"name": name, "label": ft.label},
            code="content",
        )
    return ft
