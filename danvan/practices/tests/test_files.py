"""Attachment checks: extension and content must agree; size and kind limits."""

import pytest
from django.core.exceptions import ValidationError

from danvan.practices import files

from .factories import JPEG, PDF, PNG, office, upload


@pytest.mark.parametrize(
    ("name", "content", "content_type"),
    [
        ("anh.jpg", JPEG, "image/jpeg"),
        ("ANH.JPEG", JPEG, "image/jpeg"),
        ("anh.png", PNG, "image/png"),
        ("anh.webp", b"RIFF\x10\x00\x00\x00WEBPVP8 " + b"\x00" * 20, "image/webp"),
        ("qd.pdf", PDF, "application/pdf"),
        ("bao-cao.docx", office("docx"), files.TYPES[4].content_type),
        ("so-lieu.xlsx", office("xlsx"), files.TYPES[5].content_type),
        ("van-ban.odt", office("odt"), "application/vnd.oasis.opendocument.text"),
    ],
)
def test_real_files_pass(name, content, content_type):
    assert files.check_upload(upload(name, content)).content_type == content_type


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("anh.png", JPEG, "Nội dung tệp “anh.png” không đúng là ảnh PNG"),
        ("qd.pdf", b"MZ\x90\x00 not a pdf", "không đúng là PDF"),
        ("bao-cao.docx", office("xlsx"), "không đúng là Word (.docx)"),
        ("bao-cao.docx", b"PK\x03\x04 broken zip", "không đúng là Word (.docx)"),
        ("van-ban.odt", office("docx"), "không đúng là OpenDocument (.odt)"),
        ("virus.exe", b"MZ\x90\x00", "Không nhận loại tệp “virus.exe”. Chỉ nhận: .jpg"),
        ("trang.svg", b"<svg/>", "Không nhận loại tệp"),
        ("rong.pdf", b"", "Tệp “rong.pdf” rỗng."),
    ],
)
def test_bad_files_are_refused_in_vietnamese(name, content, message):
    with pytest.raises(ValidationError) as e:
        files.check_upload(upload(name, content))
    assert message in e.value.messages[0]


def test_size_limit(monkeypatch):
    monkeypatch.setattr(files, "MAX_BYTES", 100)
    with pytest.raises(ValidationError) as e:
        files.check_upload(upload("qd.pdf", PDF + b"x" * 200))
    assert "vượt giới hạn" in e.value.messages[0]


def test_ten_megabytes_is_the_limit():
    assert files.MAX_BYTES == 10 * 1024 * 1024
    big = upload("qd.pdf", PDF + b"0" * (10 * 1024 * 1024))
    with pytest.raises(ValidationError) as e:
        files.check_upload(big)
    assert e.value.messages[0] == "Tệp “qd.pdf” dung lượng 10,1 MB, vượt giới hạn 10 MB."


def test_a_photo_must_be_an_image():
    with pytest.raises(ValidationError) as e:
        files.check_upload(upload("qd.pdf", PDF), image_only=True)
    assert "không phải ảnh" in e.value.messages[0]
