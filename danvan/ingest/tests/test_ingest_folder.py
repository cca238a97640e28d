"""`danvan ingest_folder`: a folder of articles into drafts, progress and summary."""

from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command

from danvan.ingest.models import Draft

from .factories import SAMPLE


@pytest.fixture
def folder(tmp_path):  # type: ignore[no-untyped-def]
    import docx

    (tmp_path / "a.txt").write_text(SAMPLE, encoding="utf-8")
    html = (
        "<html><body>"
        + "".join(f"<p>{p}</p>" for p in SAMPLE.replace("Cũ", "Mới").split("\n\n"))
        + "</body></html>"
    )
    (tmp_path / "b.html").write_text(html, encoding="utf-8")
    document = docx.Document()
    for para in SAMPLE.replace("Cũ", "Xa").split("\n\n"):
        document.add_paragraph(para)
    document.save(tmp_path / "c.docx")
    (tmp_path / "d.pdf").write_bytes(b"%PDF")
    return tmp_path


def run(*args):  # type: ignore[no-untyped-def]
    out, err = io.StringIO(), io.StringIO()
    call_command("ingest_folder", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_dry_run_writes_nothing(world, folder):
    out, err = run(str(folder), "--dry-run", "--unit", "T1A")
    assert Draft.objects.count() == 0
    assert "3/3 c.docx" in err and "█" in err
    lines = out.splitlines()
    assert lines[0].split() == [
        "Tệp",
        "Tiêu",
        "đề",
        "Loại",
        "Người",
        "Văn",
        "bản",
        "Số",
        "liệu",
        "Trạng",
        "thái",
    ]
    assert lines[2].startswith("a.txt") and lines[2].endswith("mới")
    assert "3 tệp: 3 mới, 0 cập nhật, 0 không đổi (chạy thử, không ghi gì)." in out


def test_real_run_then_again(world, folder):
    out, _ = run(str(folder), "--unit", "T1A")
    assert Draft.objects.count() == 3
    assert set(Draft.objects.values_list("source__kind", flat=True)) == {"txt", "html", "docx"}
    row = next(line for line in out.splitlines() if line.startswith("a.txt"))
    assert "so_ket" in row and row.endswith("mới")
    # The legacy district "Huyện Cũ" is the organiser of a.txt: the system may use it.
    assert Draft.objects.get(source__file_name="a.txt").unit == world.old_district
    (folder / "a.txt").write_text(SAMPLE + "\nẢnh: PV", encoding="utf-8")
    out, _ = run(str(folder), "--unit", "T1A")
    assert Draft.objects.count() == 3
    assert "3 tệp: 0 mới, 1 cập nhật, 2 không đổi." in out


def test_bad_arguments(world, tmp_path):
    with pytest.raises(CommandError, match="Không có thư mục"):
        run(str(tmp_path / "none"))
    with pytest.raises(CommandError, match="không có tệp"):
        run(str(tmp_path))
    (tmp_path / "a.txt").write_text(SAMPLE, encoding="utf-8")
    with pytest.raises(CommandError, match="Không có đơn vị mã KHONG"):
        run(str(tmp_path), "--unit", "KHONG")
