from django.urls import path

from . import views

app_name = "petitions"
urlpatterns = [
    path("", views.petition_list, name="list"),
    path("moi/", views.new, name="new"),
    path("tao/", views.create, name="create"),
    path("trung-lap/", views.duplicate_suggestions, name="suggestions"),
    path("co-quan/", views.body_options, name="bodies"),
    path("den-han/", views.due_board, name="due"),
    path("thong-ke/", views.stats, name="stats"),
    path("thoi-han/", views.calculator, name="calculator"),
    path("quy-tac/", views.rules, name="rules"),
    path("quy-tac/moi/", views.rule_new, name="rule_new"),
    path("quy-tac/tao/", views.rule_create, name="rule_create"),
    path("quy-tac/<slug:code>/", views.rule_edit, name="rule_edit"),
    path("quy-tac/<slug:code>/cap-nhat/", views.rule_update, name="rule_update"),
    path("vu-viec/<uuid:code>/", views.case_detail, name="case"),
    path("<uuid:code>/", views.detail, name="detail"),
    path("<uuid:code>/sua/", views.edit, name="edit"),
    path("<uuid:code>/cap-nhat/", views.update, name="update"),
    path("<uuid:code>/chuyen-buoc/", views.transition, name="transition"),
    path("<uuid:code>/gia-han/", views.extend, name="extend"),
    path("<uuid:code>/tinh-lai-han/", views.recompute, name="recompute"),
    path("<uuid:code>/gop-vu-viec/", views.attach, name="attach"),
    path("<uuid:code>/tach-vu-viec/", views.detach, name="detach"),
    path("<uuid:code>/nguoi-gui/", views.identity, name="identity"),
]
