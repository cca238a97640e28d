from django.urls import path

from . import views

app_name = "units"
urlpatterns = [
    path("", views.index, name="index"),
    path("tim-kiem/", views.search, name="search"),
    path("<str:key>/", views.detail, name="detail"),
]
