"""Ship example eligibility rules, disabled and marked [U].

No medal eligibility rule was verified (DOMAIN.md §4.4, §9 row 4): the circulating
"15 years in dân vận work (10 for women)" is hearsay and must not be applied. These
rows only show administrators how rules are written; they are disabled until someone
checks them against the awarding body's current regulation and enables them.
"""

from django.db import migrations

NOTE = (
    "Ví dụ cấu hình kèm phần mềm, KHÔNG phải quy định. Chưa xác minh [U]: hãy đối chiếu quy "
    "chế xét tặng hiện hành của cơ quan khen thưởng, sửa tham số, ghi căn cứ rồi mới bật."
)

EXAMPLES = [
    {
        "award_form": "medal_dan_van",
        "name": "Ví dụ: đủ số năm làm công tác dân vận (nam 15, nữ 10) [chưa xác minh]",
        "predicate": "years_in_post_by_gender",
        "group": "alternative",
        "params": {
            "years_male": 15,
            "years_female": 10,
            "body_kinds": ["mass_mobilization"],
            "title_contains": ["dân vận"],
        },
        "legal_basis": "Chưa xác minh — quy tắc truyền miệng, xem DOMAIN.md §4.4",
    },
    {
        "award_form": "medal_dan_van",
        "name": "Ví dụ: đang giữ chức Trưởng Ban Dân vận (Tuyên giáo và Dân vận) [chưa xác minh]",
        "predicate": "holds_post_title",
        "group": "alternative",
        "params": {"title_starts_with": ["Trưởng Ban Dân vận", "Trưởng Ban Tuyên giáo và Dân vận"]},
        "legal_basis": "Chưa xác minh",
    },
    {
        "award_form": "medal_dan_van",
        "name": "Ví dụ: chưa được tặng Kỷ niệm chương “Vì sự nghiệp Dân vận” [chưa xác minh]",
        "predicate": "not_awarded_before",
        "group": "required",
        "params": {"forms": ["medal_dan_van"]},
        "legal_basis": "Chưa xác minh",
    },
    {
        "award_form": "medal_front",
        "name": "Ví dụ: đủ số năm công tác Mặt trận (10 năm) [chưa xác minh]",
        "predicate": "years_in_post",
        "group": "required",
        "params": {
            "years": 10,
            "body_kinds": ["fatherland_front"],
            "title_contains": ["MTTQ", "Mặt trận"],
        },
        "legal_basis": "Chưa xác minh",
    },
    {
        "award_form": "medal_front",
        "name": "Ví dụ: chưa được tặng Kỷ niệm chương “Vì sự nghiệp Đại đoàn kết dân tộc” [chưa xác minh]",
        "predicate": "not_awarded_before",
        "group": "required",
        "params": {"forms": ["medal_front"]},
        "legal_basis": "Chưa xác minh",
    },
]


def create_examples(apps, schema_editor):
    Rule = apps.get_model("emulation", "EligibilityRule")
    for row in EXAMPLES:
        if not Rule.objects.filter(is_example=True, name=row["name"]).exists():
            Rule.objects.create(**row, enabled=False, is_example=True, confidence="U", note=NOTE)


def remove_examples(apps, schema_editor):
    Rule = apps.get_model("emulation", "EligibilityRule")
    Rule.objects.filter(is_example=True, name__in=[r["name"] for r in EXAMPLES]).delete()


class Migration(migrations.Migration):
    dependencies = [("emulation", "0002_conference_links")]

    operations = [migrations.RunPython(create_examples, remove_examples)]
