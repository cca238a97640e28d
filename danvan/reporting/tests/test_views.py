"""Reporting pages, persona by persona: dashboard, figures and drill-down, the report workflow."""

import datetime as dt

import pytest

from danvan.engagements.models import Engagement
from danvan.engagements.tests.factories import EngagementFactory
from danvan.lib.periods import build
from danvan.reporting import actions
from danvan.reporting.facts import invalidate
from danvan.reporting.models import Report, ReportStatus, ReportTemplate
from danvan.reporting.standard import load_standard
from danvan.units.tests.factories import UnitFactory

YEAR = "?ky=year&nam=2026"


@pytest.fixture
def standard(world):
    load_standard()
    yield world
    invalidate()


@pytest.fixture
def meetings(standard):
    w = standard
    EngagementFactory(unit=w.commune_a, date=dt.date(2026, 3, 5), meetings=3, attendance=17385)
    EngagementFactory(unit=w.commune_b, date=dt.date(2026, 4, 5), meetings=2, attendance=40)
    EngagementFactory(unit=w.province, date=dt.date(2026, 5, 5), meetings=1, attendance=10)
    EngagementFactory(unit=w.commune_c, date=dt.date(2026, 5, 5), meetings=7, attendance=70)
    return w


def get(client, user, url):
    client.force_login(user)
    return client.get(url)


def test_figures_page_province_sees_totals_split_and_lower_units(client, meetings):
    w = meetings
    r = get(client, w.province_approver, "/bao-cao/so-lieu/" + YEAR)
    assert r.status_code == 200
    html = r.content.decode()
    assert "17.435" in html  # 17385 + 40 + 10
    assert "Phường An" in html or "An" in html
    assert "Xã Cường" not in html  # other province
    # every figure links to its records
    assert "/bao-cao/so-lieu/ho-so/?chi-tieu=attendance&amp;don-vi=T1" in html


def test_figures_commune_editor_sees_own_subtree_sibling_unit_is_404(client, meetings):
    w = meetings
    r = get(client, w.commune_editor, "/bao-cao/so-lieu/" + YEAR)
    assert (
        r.status_code == 200
        and "17.385" in r.content.decode()
        and "17.435" not in r.content.decode()
    )
    assert (
        get(client, w.commune_editor, "/bao-cao/so-lieu/?don-vi=T1B&ky=year&nam=2026").status_code
        == 404
    )
    assert (
        get(client, w.commune_editor, "/bao-cao/so-lieu/?don-vi=T1&ky=year&nam=2026").status_code
        == 404
    )


def test_figures_outsider_403_and_bad_period_400(client, meetings):
    w = meetings
    assert get(client, w.outsider, "/bao-cao/so-lieu/").status_code == 403
    r = get(client, w.province_approver, "/bao-cao/so-lieu/?tu=31/02/2026&den=01/03/2026")
    assert r.status_code == 400 and "không đúng dạng ngày" in r.content.decode()
    assert (
        get(client, w.province_approver, "/bao-cao/so-lieu/?ky=quarter&nam=2026&phan=5").status_code
        == 400
    )
    assert get(client, w.province_approver, "/bao-cao/so-lieu/?ky=xyz").status_code == 400


def test_recast_view_adds_predecessors(client, standard):
    w = standard
    EngagementFactory(unit=w.old_commune_a, date=dt.date(2024, 3, 5), meetings=4, attendance=400)
    url = "/bao-cao/so-lieu/?don-vi=T1A&ky=year&nam=2024"
    as_reported = get(client, w.commune_editor, url).content.decode()
    recast = get(client, w.commune_editor, url + "&cach-xem=recast").content.decode()
    assert ">400<" not in as_reported and ">400<" in recast
    nation = get(
        client, w.central_viewer, "/bao-cao/so-lieu/?ky=year&nam=2024&cach-xem=recast"
    ).content.decode()
    assert "Tỉnh Thử A" in nation and ">400<" in nation


def test_records_drill_down_lists_only_permitted_records_with_links(client, meetings):
    w = meetings
    url = "/bao-cao/so-lieu/ho-so/?chi-tieu=meetings_held&don-vi=T1&tu=01/01/2026&den=31/12/2026"
    r = get(client, w.province_approver, url)
    assert r.status_code == 200
    html = r.content.decode()
    for e in Engagement.objects.filter(unit__in=[w.commune_a, w.commune_b, w.province]):
        assert e.get_absolute_url() in html
    assert Engagement.objects.get(unit=w.commune_c).get_absolute_url() not in html
    assert get(client, w.commune_editor, url).status_code == 404  # province is above the commune
    assert (
        get(client, w.province_approver, url.replace("meetings_held", "khong-co")).status_code
        == 404
    )


def test_figures_page_query_count_constant(client, standard, django_assert_max_num_queries):
    w = standard
    client.force_login(w.province_approver)
    client.get("/bao-cao/so-lieu/" + YEAR)  # warm the session and caches
    with django_assert_max_num_queries(30) as small:
        assert client.get("/bao-cao/so-lieu/" + YEAR).status_code == 200
    for i in range(18):
        u = UnitFactory(
            code=f"T1X{i}",
            short_name=f"Thêm {i}",
            parent=w.province,
            level="commune",
            valid_from=w.commune_a.valid_from,
        )
        EngagementFactory(unit=u, date=dt.date(2026, 2, 1))
    with django_assert_max_num_queries(len(small.captured_queries)):
        assert client.get("/bao-cao/so-lieu/" + YEAR).status_code == 200


def test_dashboard_charts_drilldown_and_overdue_links(client, meetings):
    w = meetings
    r = get(client, w.province_approver, "/bao-cao/" + YEAR)
    assert r.status_code == 200
    html = r.content.decode()
    assert html.count("<svg") >= 3 and "<details>" in html
    assert "?don-vi=T1A" in html  # drill-down to a commune
    assert "/nhiem-vu" in html or "qua-han" in html or "Nhiệm vụ trọng tâm quá hạn" in html
    nation = get(client, w.central_viewer, "/bao-cao/" + YEAR).content.decode()
    assert "?don-vi=T1&amp;" in nation
    assert get(client, w.central_viewer, "/bao-cao/?don-vi=T1A&ky=year&nam=2026").status_code == 200
    assert get(client, w.commune_editor, "/bao-cao/?don-vi=T1").status_code == 404
    assert get(client, w.outsider, "/bao-cao/").status_code == 403
    r = get(client, w.province_approver, "/bao-cao/?ky=quarter&nam=2026&phan=3&cach-xem=recast")
    assert r.status_code == 200 and "6 tháng đầu năm 2026" in r.content.decode()


def _write_all(report, by):
    return actions.edit_narratives(
        by=by, report=report, narratives={s: "Nội dung" for s in report.template.sections}
    )


def test_workflow_pages_commune_creates_writes_submits_province_returns_and_approves(
    client, meetings
):
    w = meetings
    client.force_login(w.commune_editor)
    r = client.post(
        "/bao-cao/tao/", {"mau": "dan-van-6-thang", "don-vi": "T1A", "nam": "2026", "phan": "1"}
    )
    assert r.status_code == 302
    report = Report.objects.get(unit=w.commune_a)
    page = client.get(f"/bao-cao/{report.code}/")
    assert page.status_code == 200 and "17.385" in page.content.decode()
    r = client.post(f"/bao-cao/{report.code}/gui/")
    assert r.status_code == 400 and "Chưa viết các phần" in r.content.decode()
    sections = report.template.sections
    data = {f"muc-{i}": f"Phần {i}" for i in range(len(sections))}
    assert client.post(f"/bao-cao/{report.code}/noi-dung/", data).status_code == 302
    assert client.post(f"/bao-cao/{report.code}/gui/").status_code == 302
    assert (
        client.post(f"/bao-cao/{report.code}/duyet/").status_code == 403
    )  # not on the parent unit
    # the sibling cannot see it
    client.force_login(w.sibling_editor)
    assert client.get(f"/bao-cao/{report.code}/").status_code == 404
    assert client.post(f"/bao-cao/{report.code}/gui/").status_code == 404
    # the province sees it in the submission status page, returns it, then approves the resubmission
    client.force_login(w.province_approver)
    status = client.get(
        "/bao-cao/tinh-hinh-nop/?mau=dan-van-6-thang&don-vi=T1&nam=2026&phan=1"
    ).content.decode()
    assert (
        "Đã gửi" in status
        and "Chưa có báo cáo" in status
        and f"/bao-cao/{report.code}/tra-lai/" in status
    )
    r = client.post(f"/bao-cao/{report.code}/tra-lai/", {"ly-do": ""})
    assert r.status_code == 400 and "lý do" in r.content.decode()
    assert (
        client.post(f"/bao-cao/{report.code}/tra-lai/", {"ly-do": "Bổ sung số liệu"}).status_code
        == 302
    )
    client.force_login(w.commune_editor)
    assert "Bổ sung số liệu" in client.get(f"/bao-cao/{report.code}/").content.decode()
    assert client.post(f"/bao-cao/{report.code}/gui/").status_code == 302
    client.force_login(w.province_approver)
    assert client.post(f"/bao-cao/{report.code}/duyet/").status_code == 302
    report.refresh_from_db()
    assert report.status == ReportStatus.APPROVED
    html = client.get(f"/bao-cao/{report.code}/").content.decode()
    assert "đã duyệt (phiên bản 1" in html
    # a later correction marks it stale and shows the differences
    EngagementFactory(unit=w.commune_a, date=dt.date(2026, 2, 2), meetings=1, attendance=5)
    report.refresh_from_db()
    assert report.stale
    html = client.get(f"/bao-cao/{report.code}/").content.decode()
    assert "Số liệu đã thay đổi sau khi duyệt" in html and "17.390" in html
    assert (
        client.get("/bao-cao/danh-sach/?cu=1").content.decode().count(f"/bao-cao/{report.code}/")
        == 1
    )


def test_report_list_scoped_and_filtered(client, standard):
    w = standard
    template = ReportTemplate.objects.get(code="dan-van-6-thang")
    period = build("half", 2026)
    mine = actions.create_report(
        by=w.commune_editor, template=template, unit=w.commune_a, period=period
    )
    theirs = actions.create_report(
        by=w.other_editor, template=template, unit=w.commune_c, period=period
    )
    html = get(client, w.commune_editor, "/bao-cao/danh-sach/").content.decode()
    assert str(mine.code) in html and str(theirs.code) not in html
    html = get(
        client,
        w.central_viewer,
        "/bao-cao/danh-sach/?trang-thai=draft&mau=dan-van-6-thang&nam=2026",
    ).content.decode()
    assert str(mine.code) in html and str(theirs.code) in html
    assert (
        str(mine.code)
        not in get(
            client, w.central_viewer, "/bao-cao/danh-sach/?trang-thai=approved"
        ).content.decode()
    )
    r = client.get("/bao-cao/danh-sach/", HTTP_HX_REQUEST="true")
    assert r.status_code == 200 and "<html" not in r.content.decode()
    assert get(client, w.outsider, "/bao-cao/danh-sach/").status_code == 403
    assert get(client, w.outsider, f"/bao-cao/{mine.code}/").status_code == 404
    # creating for another unit is refused with a message
    client.force_login(w.commune_editor)
    r = client.post(
        "/bao-cao/tao/", {"mau": "dan-van-6-thang", "don-vi": "T1B", "nam": "2026", "phan": "1"}
    )
    assert r.status_code == 400 and "quyền soạn" in r.content.decode()
    assert client.get("/bao-cao/tao/").status_code == 200


def test_downloads_answer_404_in_vietnamese_until_exports_exist(client, standard):
    w = standard
    template = ReportTemplate.objects.get(code="dan-van-nam")
    report = actions.create_report(
        by=w.commune_editor, template=template, unit=w.commune_a, period=build("year", 2026)
    )
    client.force_login(w.commune_editor)
    for kind in ("docx", "xlsx"):
        r = client.get(f"/bao-cao/{report.code}/tai-{kind}/")
        try:
            import danvan.reporting.exports  # noqa: F401
        except ImportError:
            assert r.status_code == 404
        else:
            assert r.status_code == 200 and r["Content-Disposition"].endswith(f'.{kind}"')
    client.force_login(w.sibling_editor)
    assert client.get(f"/bao-cao/{report.code}/tai-docx/").status_code == 404


def test_recast_drill_down_includes_predecessors_records(client, standard):
    w = standard
    old = EngagementFactory(
        unit=w.old_commune_a, date=dt.date(2024, 3, 5), meetings=4, attendance=400
    )
    url = "/bao-cao/so-lieu/ho-so/?chi-tieu=attendance&don-vi=T1A&tu=01/01/2024&den=31/12/2024"
    client.force_login(w.commune_editor)
    assert old.get_absolute_url() not in client.get(url).content.decode()
    assert old.get_absolute_url() in client.get(url + "&cach-xem=recast").content.decode()


def test_dashboard_query_count_constant(client, standard, django_assert_max_num_queries):
    w = standard
    client.force_login(w.province_approver)
    client.get("/bao-cao/" + YEAR)
    with django_assert_max_num_queries(200) as small:
        assert client.get("/bao-cao/" + YEAR).status_code == 200
    for i in range(18):
        u = UnitFactory(
            code=f"T1Y{i}",
            short_name=f"Thêm {i}",
            parent=w.province,
            level="commune",
            valid_from=w.commune_a.valid_from,
        )
        EngagementFactory(unit=u, date=dt.date(2026, 2, 1))
    with django_assert_max_num_queries(len(small.captured_queries)):
        assert client.get("/bao-cao/" + YEAR).status_code == 200
