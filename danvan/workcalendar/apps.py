from django.apps import AppConfig


class WorkcalendarConfig(AppConfig):
    name = "danvan.workcalendar"
    label = "workcalendar"
    verbose_name = "Lịch làm việc"
