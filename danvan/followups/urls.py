from django.urls import path

from . import views

app_name = "followups"
urlpatterns = [
    path("", views.task_list, name="list"),
    path("qua-han/", views.overdue_list, name="overdue"),
    path("moi/", views.new, name="new"),
    path("tao/", views.create, name="create"),
    path("<uuid:code>/", views.detail, name="detail"),
    path("<uuid:code>/sua/", views.edit, name="edit"),
    path("<uuid:code>/cap-nhat/", views.update, name="update"),
    path("<uuid:code>/tien-do/", views.progress, name="progress"),
    path("<uuid:code>/trang-thai/", views.change_status, name="transition"),
    path("<uuid:code>/chuyen-ky-sau/", views.carry_over, name="carry_over"),
]
