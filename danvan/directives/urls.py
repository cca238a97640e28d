from django.urls import path

from . import views

app_name = "directives"
urlpatterns = [
    path("", views.directive_list, name="list"),
    path("moi/", views.new, name="new"),
    path("tao/", views.create, name="create"),
    path("tim-trich-dan/", views.citations, name="citations"),
    path("co-quan/", views.bodies, name="bodies"),
    path("<uuid:code>/", views.detail, name="detail"),
    path("<uuid:code>/sua/", views.edit, name="edit"),
    path("<uuid:code>/cap-nhat/", views.update, name="update"),
    path("<uuid:code>/lien-ket/<int:pk>/go/", views.unlink, name="unlink"),
]
