from django.urls import path

from . import views

app_name = "reporting"
urlpatterns = [
    path("", views.dashboard, name="index"),
    path("so-lieu/", views.figures_page, name="figures"),
    path("so-lieu/ho-so/", views.records, name="records"),
    path("danh-sach/", views.report_list, name="list"),
    path("tao/", views.report_new, name="new"),
    path("tinh-hinh-nop/", views.submission_status, name="status"),
    path("<uuid:code>/", views.report_detail, name="detail"),
    path("<uuid:code>/noi-dung/", views.report_edit, name="edit"),
    path("<uuid:code>/gui/", views.report_submit, name="submit"),
    path("<uuid:code>/tra-lai/", views.report_return, name="return"),
    path("<uuid:code>/duyet/", views.report_approve, name="approve"),
    path("<uuid:code>/tai-docx/", views.report_docx, name="docx"),
    path("<uuid:code>/tai-xlsx/", views.report_xlsx, name="xlsx"),
]
