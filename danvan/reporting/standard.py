"""The standard indicator set: the figures the seed articles report, as data.

Loaded (and updated by code) with `danvan load_indicators`; administrators may add
indicators or deactivate these in the admin. Labels are Vietnamese as printed in reports.
"""

from __future__ import annotations

from django.db import transaction

from .facts import invalidate
from .models import Indicator, ReportTemplate, TemplateIndicator

P = "practices.practice"
PT = "practices.transition"
E = "engagements.engagement"
PET = "petitions.petition"
LIVE = {"deleted_at__isnull": True}

# code, label, unit of measure, group, kind, source, date field, value field, filters, (inflow, outflow), time aggregation
STANDARD: list[dict] = [
    # "Dân vận khéo": new registrations are a flow; the statuses are stocks from the transition table.
    dict(code="models_registered_new", label="Mô hình, điển hình đăng ký mới", uom="mô hình", group="Dân vận khéo",
         kind="count", source=P, date_field="registered_on"),
    *[dict(code=f"models_registered_new_{f}", label=f"Đăng ký mới – lĩnh vực {label}", uom="mô hình",
           group="Dân vận khéo theo lĩnh vực", kind="count", source=P, date_field="registered_on", filters={"field": f})
      for f, label in [("economy", "kinh tế"), ("culture_society", "văn hóa – xã hội"),
                       ("defence_security", "quốc phòng – an ninh"), ("political_system", "xây dựng hệ thống chính trị"),
                       ("new_rural", "nông thôn mới, đô thị văn minh"), ("other", "khác")]],
    *[dict(code=f"_practices_{s}_in", label=f"(vào) {s}", uom="mô hình", group="", kind="count", source=PT,
           date_field="on_date", filters={"to_status": s}) for s in ("in_progress", "effective", "recognised", "replicated")],
    *[dict(code=f"_practices_{s}_out", label=f"(ra) {s}", uom="mô hình", group="", kind="count", source=PT,
           date_field="on_date", filters={"from_status": s}) for s in ("in_progress", "effective", "recognised", "replicated")],
    dict(code="models_in_progress", label="Mô hình đang thực hiện (cuối kỳ)", uom="mô hình", group="Dân vận khéo",
         kind="stock", flows=("_practices_in_progress_in", "_practices_in_progress_out"), time="closing"),
    dict(code="models_effective", label="Mô hình duy trì hiệu quả (cuối kỳ)", uom="mô hình", group="Dân vận khéo",
         kind="stock", flows=("_practices_effective_in", "_practices_effective_out"), time="closing"),
    dict(code="models_recognised", label="Mô hình được công nhận (cuối kỳ)", uom="mô hình", group="Dân vận khéo",
         kind="stock", flows=("_practices_recognised_in", "_practices_recognised_out"), time="closing"),
    dict(code="models_replicated", label="Mô hình đã nhân rộng (cuối kỳ)", uom="mô hình", group="Dân vận khéo",
         kind="stock", flows=("_practices_replicated_in", "_practices_replicated_out"), time="closing"),
    # Meetings, receptions, dialogues: attendance (lượt) adds up; distinct people never do.
    dict(code="meetings_held", label="Hội nghị tuyên truyền, vận động", uom="cuộc", group="Hội nghị, tiếp dân, đối thoại",
         kind="sum", source=E, date_field="date", value_field="meetings", filters={"kind": "mobilization", **LIVE}),
    dict(code="attendance", label="Lượt người dự hội nghị tuyên truyền, vận động", uom="lượt người",
         group="Hội nghị, tiếp dân, đối thoại", kind="sum", source=E, date_field="date", value_field="attendance",
         filters={"kind": "mobilization", **LIVE}),
    dict(code="receptions_held", label="Buổi tiếp công dân", uom="buổi", group="Hội nghị, tiếp dân, đối thoại",
         kind="count", source=E, date_field="date", filters={"kind": "reception", **LIVE}),
    dict(code="receptions_by_party_secretary", label="Buổi tiếp dân của Bí thư cấp ủy", uom="buổi",
         group="Hội nghị, tiếp dân, đối thoại", kind="count", source=E, date_field="date",
         filters={"kind": "reception", "host_role": "party_secretary", **LIVE}),
    dict(code="receptions_by_committee_chair", label="Buổi tiếp dân của Chủ tịch UBND", uom="buổi",
         group="Hội nghị, tiếp dân, đối thoại", kind="count", source=E, date_field="date",
         filters={"kind": "reception", "host_role": "committee_chair", **LIVE}),
    dict(code="dialogues_held", label="Hội nghị đối thoại với Nhân dân", uom="cuộc", group="Hội nghị, tiếp dân, đối thoại",
         kind="sum", source=E, date_field="date", value_field="meetings", filters={"kind": "dialogue", **LIVE}),
    dict(code="dialogue_attendance", label="Lượt người dự đối thoại", uom="lượt người",
         group="Hội nghị, tiếp dân, đối thoại", kind="sum", source=E, date_field="date", value_field="attendance",
         filters={"kind": "dialogue", **LIVE}),
    # Petitions: received and handled are flows; carried over is the opening stock.
    dict(code="petitions_received", label="Đơn tiếp nhận trong kỳ", uom="đơn", group="Đơn thư",
         kind="count", source=PET, date_field="received_on"),
    dict(code="petitions_resolved", label="Đơn đã xử lý", uom="đơn", group="Đơn thư",
         kind="count", source=PET, date_field="finished_on"),
    dict(code="petitions_resolved_on_time", label="Đơn xử lý đúng hạn", uom="đơn", group="Đơn thư",
         kind="count", source=PET, date_field="finished_on", filters={"finished_overdue": False}),
    dict(code="petitions_carried_over", label="Đơn kỳ trước chuyển sang", uom="đơn", group="Đơn thư",
         kind="stock", flows=("petitions_received", "petitions_resolved"), time="opening"),
    dict(code="petitions_pending", label="Đơn chưa xử lý xong (cuối kỳ)", uom="đơn", group="Đơn thư",
         kind="stock", flows=("petitions_received", "petitions_resolved"), time="closing"),
    *[dict(code=f"petitions_received_{k}", label=f"Đơn {label} tiếp nhận", uom="đơn", group="Đơn thư theo loại",
           kind="count", source=PET, date_field="received_on", filters={"kind": k})
      for k, label in [("complaint", "khiếu nại"), ("denunciation", "tố cáo"), ("recommendation", "kiến nghị"),
                       ("feedback", "phản ánh")]],
]

TEMPLATES = [
    dict(code="dan-van-6-thang", name="Báo cáo công tác dân vận 6 tháng", period_kind="half",
         sections=["Kết quả thực hiện công tác dân vận", "Phong trào thi đua “Dân vận khéo”",
                   "Thực hiện Quy chế dân chủ ở cơ sở", "Hạn chế, nguyên nhân", "Phương hướng, nhiệm vụ trọng tâm"]),
    dict(code="dan-van-9-thang", name="Báo cáo công tác dân vận 9 tháng", period_kind="nine_months",
         sections=["Kết quả thực hiện công tác dân vận", "Phong trào thi đua “Dân vận khéo”",
                   "Thực hiện Quy chế dân chủ ở cơ sở", "Hạn chế, nguyên nhân", "Phương hướng, nhiệm vụ trọng tâm"]),
    dict(code="dan-van-nam", name="Báo cáo tổng kết công tác dân vận năm", period_kind="year",
         sections=["Kết quả thực hiện công tác dân vận", "Phong trào thi đua “Dân vận khéo”",
                   "Thực hiện Quy chế dân chủ ở cơ sở", "Tiếp công dân, giải quyết đơn thư",
                   "Hạn chế, nguyên nhân", "Bài học kinh nghiệm", "Phương hướng, nhiệm vụ trọng tâm"]),
]
TEMPLATE_INDICATORS = [
    "models_registered_new", "models_in_progress", "models_effective", "models_recognised", "models_replicated",
    "meetings_held", "attendance", "receptions_held", "dialogues_held",
    "petitions_carried_over", "petitions_received", "petitions_resolved", "petitions_resolved_on_time", "petitions_pending",
]


@transaction.atomic
def load_standard() -> tuple[int, int]:
    """Upsert the standard indicators and templates by code. Returns (created, updated)."""
    created = updated = 0
    for order, spec in enumerate(STANDARD):
        flows = spec.get("flows")
        values = {
            "label": spec["label"], "unit_of_measure": spec["uom"], "group": spec["group"], "kind": spec["kind"],
            "source": spec.get("source", ""), "date_field": spec.get("date_field", ""),
            "value_field": spec.get("value_field", ""), "filters": spec.get("filters", {}),
            "time_aggregation": spec.get("time", "sum"), "sort_order": order,
            "is_active": True,
        }
        if flows:
            values["inflow"] = Indicator.objects.get(code=flows[0])
            values["outflow"] = Indicator.objects.get(code=flows[1])
        _, was_created = Indicator.objects.update_or_create(code=spec["code"], defaults=values)
        created += was_created
        updated += not was_created
    for spec in TEMPLATES:
        template, _ = ReportTemplate.objects.update_or_create(code=spec["code"], defaults={
            "name": spec["name"], "period_kind": spec["period_kind"], "sections": spec["sections"]})
        for order, code in enumerate(TEMPLATE_INDICATORS):
            TemplateIndicator.objects.update_or_create(template=template, indicator=Indicator.objects.get(code=code),
                                                       defaults={"order": order})
    invalidate()
    return created, updated
