from django.urls import path

from . import views

app_name = "emulation"
urlpatterns = [
    path("", views.index, name="index"),
    # pledges
    path("giao-uoc/", views.pledge_list, name="pledge_list"),
    path("giao-uoc/them/", views.pledge_new, name="pledge_new"),
    path("giao-uoc/tao/", views.pledge_create, name="pledge_create"),
    path("giao-uoc/<uuid:code>/", views.pledge_detail, name="pledge_detail"),
    path("giao-uoc/<uuid:code>/xep-hang/", views.pledge_ranking, name="pledge_ranking"),
    path("giao-uoc/<uuid:code>/sua/", views.pledge_edit, name="pledge_edit"),
    path("giao-uoc/<uuid:code>/cap-nhat/", views.pledge_update, name="pledge_update"),
    path("giao-uoc/<uuid:code>/don-vi/them/", views.participant_add, name="participant_add"),
    path(
        "giao-uoc/<uuid:code>/don-vi/<int:pk>/cap-nhat/",
        views.participant_update,
        name="participant_update",
    ),
    path(
        "giao-uoc/<uuid:code>/don-vi/<int:pk>/bo/",
        views.participant_remove,
        name="participant_remove",
    ),
    path("giao-uoc/<uuid:code>/tieu-chi/", views.criterion_save, name="criterion_save"),
    path(
        "giao-uoc/<uuid:code>/tieu-chi/<int:pk>/bo/",
        views.criterion_remove,
        name="criterion_remove",
    ),
    path("giao-uoc/<uuid:code>/ky-ket/", views.pledge_sign, name="pledge_sign"),
    path("giao-uoc/<uuid:code>/cham-diem/", views.scores, name="scores"),
    path("giao-uoc/<uuid:code>/cham-diem/luu/", views.scores_save, name="scores_save"),
    path("giao-uoc/<uuid:code>/tong-ket/", views.pledge_close, name="pledge_close"),
    path("giao-uoc/<uuid:code>/mo-lai/", views.pledge_reopen, name="pledge_reopen"),
    path("giao-uoc/<uuid:code>/huy/", views.pledge_cancel, name="pledge_cancel"),
    # commendations
    path("khen-thuong/", views.commendation_list, name="commendation_list"),
    path("khen-thuong/them/", views.commendation_new, name="commendation_new"),
    path("khen-thuong/tao/", views.commendation_create, name="commendation_create"),
    path("khen-thuong/<uuid:code>/", views.commendation_detail, name="commendation_detail"),
    path("khen-thuong/<uuid:code>/sua/", views.commendation_edit, name="commendation_edit"),
    path(
        "khen-thuong/<uuid:code>/cap-nhat/", views.commendation_update, name="commendation_update"
    ),
    path("khen-thuong/<uuid:code>/xet/", views.commendation_review, name="commendation_review"),
    path("khen-thuong/<uuid:code>/tra-lai/", views.commendation_return, name="commendation_return"),
    path(
        "khen-thuong/<uuid:code>/quyet-dinh/", views.commendation_decide, name="commendation_decide"
    ),
    path(
        "khen-thuong/<uuid:code>/khong-khen/", views.commendation_reject, name="commendation_reject"
    ),
    # eligibility rules and candidates
    path("dieu-kien/", views.rule_list, name="rule_list"),
    path("dieu-kien/them/", views.rule_new, name="rule_new"),
    path("dieu-kien/tao/", views.rule_create, name="rule_create"),
    path("dieu-kien/<uuid:code>/", views.rule_edit, name="rule_edit"),
    path("dieu-kien/<uuid:code>/cap-nhat/", views.rule_update, name="rule_update"),
    path("dieu-kien/<uuid:code>/ap-dung/", views.rule_enable, name="rule_enable"),
    path("ung-vien/", views.candidates, name="candidates"),
    # pickers (htmx)
    path("chon-can-bo/", views.pick_person, name="pick_person"),
    path("chon-tap-the/", views.pick_collective, name="pick_collective"),
]
