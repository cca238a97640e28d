from django.urls import path

from . import views

app_name = "engagements"
urlpatterns = [
    path("", views.engagement_list, name="list"),
    path("moi/", views.new, name="new"),
    path("tao/", views.create, name="create"),
    path("tuan-thu/", views.compliance, name="compliance"),
    path("quy-dinh/", views.rules, name="rules"),
    path("quy-dinh/moi/", views.rule_new, name="rule_new"),
    path("quy-dinh/tao/", views.rule_create, name="rule_create"),
    path("quy-dinh/<int:pk>/sua/", views.rule_edit, name="rule_edit"),
    path("quy-dinh/<int:pk>/cap-nhat/", views.rule_update, name="rule_update"),
    path("<uuid:code>/", views.detail, name="detail"),
    path("<uuid:code>/sua/", views.edit, name="edit"),
    path("<uuid:code>/cap-nhat/", views.update, name="update"),
    path("<uuid:code>/ket-qua/", views.record_outcome, name="record_outcome"),
    path("<uuid:code>/xoa/", views.delete, name="delete"),
    path("<uuid:code>/khoi-phuc/", views.restore, name="restore"),
]
