from django.urls import path

from . import views

app_name = "ingest"
urlpatterns = [
    path("", views.index, name="index"),
    path("doc/", views.upload, name="upload"),
    path("don-vi/", views.pick_unit, name="pick_unit"),
    path("<uuid:code>/", views.draft_detail, name="draft"),
    path("<uuid:code>/luu/", views.draft_save, name="save"),
    path("<uuid:code>/bo/", views.draft_discard, name="discard"),
]
