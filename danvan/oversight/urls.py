from django.urls import path

from . import steering_views, views

app_name = "oversight"
urlpatterns = [
    path("", views.plan_list, name="list"),
    path("ke-hoach/moi/", views.plan_new, name="new"),
    path("ke-hoach/tao/", views.plan_create, name="create"),
    path("ke-hoach/<uuid:code>/", views.plan_detail, name="detail"),
    path("ke-hoach/<uuid:code>/sua/", views.plan_edit, name="edit"),
    path("ke-hoach/<uuid:code>/cap-nhat/", views.plan_update, name="update"),
    path("ke-hoach/<uuid:code>/doi-lich/", views.plan_move, name="move"),
    path("ke-hoach/<uuid:code>/trang-thai/", views.plan_change_status, name="transition"),
    path(
        "ke-hoach/<uuid:code>/trung-lap/<int:pk>/xac-nhan/",
        views.conflict_acknowledge,
        name="acknowledge",
    ),
    path("lich/", views.calendar_index, name="calendar"),
    path("lich/don-vi/<str:key>/", views.calendar_unit, name="calendar_unit"),
    path("lich/co-quan/<int:pk>/", views.calendar_body, name="calendar_body"),
    path("goi-y-don-vi/", views.unit_options, name="unit_options"),
    # Steering committees (Ban Chỉ đạo)
    path("ban-chi-dao/", steering_views.steering_list, name="steering_list"),
    path("ban-chi-dao/moi/", steering_views.steering_new, name="steering_new"),
    path("ban-chi-dao/tao/", steering_views.steering_create, name="steering_create"),
    path("ban-chi-dao/<uuid:code>/", steering_views.steering_detail, name="steering_detail"),
    path("ban-chi-dao/<uuid:code>/sua/", steering_views.steering_edit, name="steering_edit"),
    path(
        "ban-chi-dao/<uuid:code>/cap-nhat/", steering_views.steering_update, name="steering_update"
    ),
    path(
        "ban-chi-dao/<uuid:code>/giai-the/",
        steering_views.steering_dissolve,
        name="steering_dissolve",
    ),
    path(
        "ban-chi-dao/<uuid:code>/thanh-vien/them/",
        steering_views.member_create,
        name="member_create",
    ),
    path(
        "ban-chi-dao/<uuid:code>/thanh-vien/<int:pk>/thoi/",
        steering_views.member_end,
        name="member_end",
    ),
    path(
        "ban-chi-dao/<uuid:code>/ke-hoach/them/",
        steering_views.steering_plan_create,
        name="steering_plan_create",
    ),
    path("ban-chi-dao/<uuid:code>/hop/them/", steering_views.meeting_create, name="meeting_create"),
    path("ban-chi-dao/<uuid:code>/tim-can-bo/", steering_views.people_search, name="people_search"),
]
