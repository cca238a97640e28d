from django.urls import path

from . import views

app_name = "workcalendar"
urlpatterns = [
    path("", views.year_view, name="year"),
    path("<int:year>/", views.year_view, name="year"),
    path("ngay/moi/", views.day_new, name="day_new"),
    path("ngay/tao/", views.day_create, name="day_create"),
    path("ngay/<str:day>/sua/", views.day_edit, name="day_edit"),
    path("ngay/<str:day>/cap-nhat/", views.day_update, name="day_update"),
    path("ngay/<str:day>/bo/", views.day_remove, name="day_remove"),
]
