from django.urls import path

from . import views

app_name = "imports"
urlpatterns = [
    path("", views.index, name="index"),
    path("luot/<uuid:code>/", views.job, name="job"),
    path("luot/<uuid:code>/ghi/", views.commit, name="commit"),
    path("<str:kind>/mau.xlsx", views.template, name="template"),
    path("<str:kind>/tai-len/", views.upload, name="upload"),
    path("<str:kind>/xuat.xlsx", views.export, {"fmt": "xlsx"}, name="export_xlsx"),
    path("<str:kind>/xuat.csv", views.export, {"fmt": "csv"}, name="export_csv"),
]
