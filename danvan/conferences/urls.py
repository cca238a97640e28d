from django.urls import path

from . import views

app_name = "conferences"
urlpatterns = [
    path("", views.conference_list, name="list"),
    path("moi/", views.new, name="new"),
    path("tao/", views.create, name="create"),
    path("<uuid:code>/", views.detail, name="detail"),
    path("<uuid:code>/sua/", views.edit, name="edit"),
    path("<uuid:code>/cap-nhat/", views.update, name="update"),
    path("<uuid:code>/dai-bieu/them/", views.add_participant, name="add_participant"),
    path("<uuid:code>/dai-bieu/<int:pk>/bo/", views.remove_participant, name="remove_participant"),
    path("<uuid:code>/dai-bieu/tim/", views.person_search, name="person_search"),
    path("<uuid:code>/van-ban/gan/", views.link_directives, name="link_directives"),
    path(
        "<uuid:code>/van-ban/<uuid:directive>/bo/", views.unlink_directive, name="unlink_directive"
    ),
    path("<uuid:code>/thong-bao-ket-luan.docx", views.notice_docx, name="notice_docx"),
    path("<uuid:code>/tin-bai.txt", views.article_txt, name="article_txt"),
]
