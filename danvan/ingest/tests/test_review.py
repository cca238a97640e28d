"""Reading files, guessing dates and periods, highlighting items at their source."""

from __future__ import annotations

import datetime as dt
import io

import pytest

from danvan.ingest.review import (
    guess_period,
    highlight,
    initial_edit,
    read_upload,
    reference_date,
    spans,
)


def test_txt_keeps_paragraphs_and_normalises():
    text, kind = read_upload("bai.txt", "Tiêu đề\r\n\r\nĐoạn một.".encode())
    assert kind == "txt"
    assert text == "Tiêu đề\n\nĐoạn một."


def test_html_strips_tags_scripts_and_keeps_paragraphs():
    html = (
        "<html><head><title>x</title><style>p{}</style></head><body><script>var a=1</script>"
        "<h1>Hội nghị sơ kết</h1><p>Đồng chí <b>Trần Minh Bảnh</b> dự.</p><p>A &amp; B</p></body></html>"
    )
    text, kind = read_upload("bai.HTML", html.encode())
    assert kind == "html"
    assert text == "Hội nghị sơ kết\n\nĐồng chí Trần Minh Bảnh dự.\n\nA & B"


def test_docx_paragraphs():
    import docx

    document = docx.Document()
    document.add_paragraph("Tiêu đề bài")
    document.add_paragraph("")
    document.add_paragraph("Nội dung.")
    buf = io.BytesIO()
    document.save(buf)
    text, kind = read_upload("bai.docx", buf.getvalue())
    assert (text, kind) == ("Tiêu đề bài\n\nNội dung.", "docx")


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("bai.pdf", b"%PDF", "Chỉ nhận tệp .txt, .html hoặc .docx."),
        ("bai.docx", b"not a zip", "Không đọc được tệp Word này."),
    ],
)
def test_unreadable_files_are_refused_in_vietnamese(name, data, message):
    with pytest.raises(ValueError, match=message):
        read_upload(name, data)


def test_reference_date_prefers_event_date_then_title():
    assert reference_date({"event_date": "2022-12-01"}) == dt.date(2022, 12, 1)
    title = "… sơ kết 2,5 năm …, triển khai công tác dân vận 6 tháng cuối năm 2023"
    assert reference_date({"title": title}) == dt.date(2023, 7, 1)
    assert reference_date({"title": "Tổng kết năm 2022, triển khai năm 2023"}) == dt.date(
        2023, 1, 1
    )
    assert reference_date({"title": "Không có năm"}) is None


@pytest.mark.parametrize(
    ("label", "on", "expected"),
    [
        ("năm 2022", None, (dt.date(2022, 1, 1), dt.date(2022, 12, 31))),
        ("6 tháng đầu năm 2022", None, (dt.date(2022, 1, 1), dt.date(2022, 6, 30))),
        ("6 tháng cuối năm 2023", None, (dt.date(2023, 7, 1), dt.date(2023, 12, 31))),
        ("9 tháng năm 2022", None, (dt.date(2022, 1, 1), dt.date(2022, 9, 30))),
        ("2,5 năm", dt.date(2023, 7, 1), (dt.date(2021, 1, 1), dt.date(2023, 6, 30))),
        ("3 năm", dt.date(2024, 3, 1), (dt.date(2021, 1, 1), dt.date(2023, 12, 31))),
        ("2,5 năm", None, (None, None)),
        ("", None, (None, None)),
    ],
)
def test_guess_period(label, on, expected):
    assert guess_period(label, on) == expected


TEXT = (
    "Ban Dân vận sơ kết\n\nĐồng chí Trần Minh Bảnh, Phó Bí thư Huyện ủy dự. "
    "Thực hiện Chỉ thị số 21-CT/TU, ngày 27/5/2022; tổ chức được 305 cuộc <b>. "
    "Ngày 127/5/20220 không phải ngày."
)
DRAFT = {
    "title": "Ban Dân vận sơ kết",
    "people": [{"name": "Trần Minh Bảnh", "positions": "Phó Bí thư Huyện ủy"}],
    "documents": [{"code": "21-CT/TU", "date": "2022-05-27"}],
    "figures": [{"what": "meetings_held", "value": 305, "text": "tổ chức được 305 cuộc"}],
}


def test_every_item_is_marked_at_its_source():
    marked = spans(TEXT, DRAFT)
    assert len(marked) == 6  # "27/5/2022" inside "127/5/20220" is not the date
    found = {field: TEXT[s:e] for s, e, field in marked}
    assert found == {
        "title": "Ban Dân vận sơ kết",
        "person": "Trần Minh Bảnh",
        "position": "Phó Bí thư Huyện ủy",
        "document": "21-CT/TU",
        "date": "27/5/2022",
        "figure": "tổ chức được 305 cuộc",
    }


def test_highlight_escapes_the_article_and_keeps_paragraphs():
    html = highlight(TEXT, DRAFT)
    assert html.startswith(
        '<p><mark class="hl hl--title" title="Tiêu đề">Ban Dân vận sơ kết</mark></p><p>'
    )
    assert '<mark class="hl hl--person" title="Họ tên">Trần Minh Bảnh</mark>' in html
    assert "&lt;b&gt;" in html and "<b>" not in html


def test_initial_edit_maps_kind_and_period():
    edit = initial_edit(
        {"title": "Tổng kết năm 2022", "event_kind": "hoi_nghi_khac", "period": "năm 2022"}, None
    )
    assert edit["event_kind"] == "khac"
    assert (edit["period_from"], edit["period_to"]) == ("2022-01-01", "2022-12-31")
    assert edit["unit"] == ""
