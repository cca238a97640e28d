"""Seed the default collision rule (DOMAIN.md §9 row 21) and the Ban TTND notice period (§7.5)."""

from django.db import migrations


def seed(apps, schema_editor):
    OverlapRule = apps.get_model("oversight", "OverlapRule")
    NoticeRule = apps.get_model("oversight", "NoticeRule")
    if not OverlapRule.objects.exists():
        OverlapRule.objects.create(
            name="Mặc định: cùng đơn vị, cùng quý, cùng nội dung",
            window_mode="quarter",
            margin_days=0,
            subject_scope="unit",
            match_topics=True,
            word_threshold=0.5,
            legal_basis="Kết luận của Bí thư Thành ủy Hạ Long (2022): kế hoạch kiểm tra, giám sát, "
            "tập huấn không để trùng nội dung, 1 đối tượng phải nghe nhiều lần",
            confidence="U",
            note="Mặc định đến khi có hướng dẫn (DOMAIN.md §9 dòng 21): cảnh báo khi cùng đơn vị "
            "chịu kiểm tra có hai kế hoạch cùng nội dung trong cùng một quý.",
        )
    if not NoticeRule.objects.filter(kind="ttnd_inspection").exists():
        NoticeRule.objects.create(
            kind="ttnd_inspection",
            days=5,
            working_days=True,
            legal_basis="Luật Thực hiện dân chủ ở cơ sở số 10/2022/QH15, Điều 39",
            source="https://vbpl.vn",
            confidence="V",
        )


class Migration(migrations.Migration):
    dependencies = [("oversight", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
