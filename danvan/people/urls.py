from django.urls import path

from . import views

app_name = "people"
urlpatterns = [
    path("", views.person_list, name="list"),
    path("them/", views.person_new, name="new"),
    path("tao/", views.person_create, name="create"),
    path("chon-don-vi/", views.pick_unit, name="pick_unit"),
    path("chon-co-quan/", views.pick_body, name="pick_body"),
    path("chuc-vu/<uuid:code>/sua/", views.position_edit, name="position_edit"),
    path("chuc-vu/<uuid:code>/cap-nhat/", views.position_update, name="position_update"),
    path("chuc-vu/<uuid:code>/ket-thuc/", views.position_end, name="position_end"),
    path("<uuid:code>/", views.person_detail, name="detail"),
    path("<uuid:code>/sua/", views.person_edit, name="edit"),
    path("<uuid:code>/cap-nhat/", views.person_update, name="update"),
    path("<uuid:code>/chuc-vu/them/", views.position_new, name="position_new"),
    path("<uuid:code>/chuc-vu/tao/", views.position_create, name="position_create"),
    path("<uuid:code>/gop/", views.merge, name="merge"),
    path("<uuid:code>/gop/xac-nhan/", views.merge_confirm, name="merge_confirm"),
]
