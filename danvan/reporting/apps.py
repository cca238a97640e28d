from django.apps import AppConfig, apps


class ReportingConfig(AppConfig):
    name = "danvan.reporting"
    label = "reporting"
    verbose_name = "Báo cáo, chỉ tiêu"

    # The record types indicators may count: (source key, app label, model name, label).
    SOURCES = [
        ("practices.practice", "practices", "Practice", "Mô hình, điển hình Dân vận khéo"),
        ("practices.transition", "practices", "PracticeTransition", "Bước chuyển trạng thái mô hình"),
        ("petitions.petition", "petitions", "Petition", "Đơn thư"),
        ("petitions.case", "petitions", "Case", "Vụ việc"),
        ("petitions.transition", "petitions", "PetitionTransition", "Bước xử lý đơn"),
        ("engagements.engagement", "engagements", "Engagement", "Tiếp công dân, đối thoại, hội nghị"),
        ("conferences.conference", "conferences", "Conference", "Hội nghị"),
        ("followups.keytask", "followups", "KeyTask", "Nhiệm vụ trọng tâm"),
        ("emulation.commendation", "emulation", "Commendation", "Khen thưởng"),
        ("emulation.pledge", "emulation", "Pledge", "Giao ước thi đua"),
    ]

    # Sources whose unit is reached through a relation.
    UNIT_FIELDS = {"practices.transition": "practice__unit", "petitions.transition": "petition__unit"}

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save

        from . import compile, tally
        from .facts import invalidate
        from .models import Indicator
        from .sources import Source, register

        post_save.connect(invalidate, sender=Indicator, dispatch_uid="reporting-indicator-saved")
        post_delete.connect(invalidate, sender=Indicator, dispatch_uid="reporting-indicator-deleted")
        if compile.mark_stale not in tally.ON_CHANGE:
            tally.ON_CHANGE.append(compile.mark_stale)

        for key, app_label, model_name, label in self.SOURCES:
            try:
                model = apps.get_model(app_label, model_name)
            except LookupError:
                continue  # that record type is not installed (yet)
            unit_field = self.UNIT_FIELDS.get(key, "unit")
            register(Source(key=key, model=model, label=label, unit_field=unit_field))
