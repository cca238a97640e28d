from django.urls import path

from . import views

app_name = "practices"
urlpatterns = [
    path("", views.practice_list, name="list"),
    path("dang-ky/", views.register, name="register"),
    path("tuong-tu/", views.similar, name="similar"),
    path("chon-don-vi/", views.unit_options, name="unit_options"),
    path("chon-co-quan/", views.body_options, name="body_options"),
    path("<uuid:code>/", views.detail, name="detail"),
    path("<uuid:code>/sua/", views.edit, name="edit"),
    path("<uuid:code>/bat-dau/", views.start, name="start"),
    path("<uuid:code>/danh-gia/", views.evaluate, name="evaluate"),
    path("<uuid:code>/cong-nhan/", views.recognise, name="recognise"),
    path("<uuid:code>/dung/", views.stop, name="stop"),
    path("<uuid:code>/tep/", views.attachment_upload, name="attachment_upload"),
    path("<uuid:code>/tep/<uuid:att>/", views.attachment, name="attachment"),
    path("<uuid:code>/tep/<uuid:att>/xoa/", views.attachment_delete, name="attachment_delete"),
]
