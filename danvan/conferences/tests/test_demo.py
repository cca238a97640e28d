"""The demo loader on a small copy of the units it needs (the real load is in `danvan load_demo`)."""

import pytest

from danvan.accounts.permissions import SYSTEM
from danvan.conferences import demo, directive_links
from danvan.conferences.models import Conference
from danvan.followups.models import KeyTask
from danvan.followups.queries import previous_review
from danvan.followups.states import Status
from danvan.units.models import LAST_LEGACY_DATE, Kind, Level
from danvan.units.tests.factories import UnitFactory, nation


@pytest.fixture
def demo_units(db):
    vn = nation()

    def unit(code, name, kind, level, parent, legacy=True):
        return UnitFactory(
            code=code,
            short_name=name,
            kind=kind,
            level=level,
            parent=parent,
            valid_to=LAST_LEGACY_DATE if legacy else None,
        )

    qn_old = unit("22", "Quảng Ninh", Kind.PROVINCE, Level.PROVINCE, vn)
    unit("193", "Hạ Long", Kind.PROVINCIAL_CITY, Level.DISTRICT, qn_old)
    tv_old = unit("84", "Trà Vinh", Kind.PROVINCE, Level.PROVINCE, vn)
    unit("848", "Cầu Ngang", Kind.RURAL_DISTRICT, Level.DISTRICT, tv_old)
    qn = unit("22", "Quảng Ninh", Kind.PROVINCE, Level.PROVINCE, vn, legacy=False)
    unit("06688", "Hạ Long", Kind.WARD, Level.COMMUNE, qn, legacy=False)


def test_the_demo_has_the_seed_conferences_with_people_directives_and_tasks(demo_units):
    assert demo.load_demo(by=SYSTEM).endswith("hội nghị mới")
    assert demo.load_demo(by=SYSTEM) == "đã có"

    ha_long = Conference.objects.get(external_id="demo-hn-ha-long-2022")
    assert ha_long.unit.key == "193@2025-06-30" and ha_long.body.name == "Thành ủy Hạ Long"
    assert ha_long.held_on.isoformat() == "2022-12-01" and ha_long.awards_count == 14
    chair = ha_long.participants.get(role="chair")
    assert chair.person.full_name == "Vũ Thị Mai Anh"
    assert chair.positions.count() == 2
    assert ha_long.participants.count() == 5

    cau_ngang = Conference.objects.get(external_id="demo-hn-cau-ngang-2023-6t")
    assert (
        cau_ngang.unit.key == "848@2025-06-30"
        and cau_ngang.body.name == "Ban Dân vận Huyện ủy Cầu Ngang"
    )
    assert cau_ngang.held_on is None and cau_ngang.reviewed_label == "2,5 năm"
    tasks = KeyTask.objects.filter(conference=cau_ngang)
    assert tasks.count() == 8 and all(t.owner_body_id for t in tasks)
    symbols = {link.directive.symbol for link in directive_links.links_of(cau_ngang)}
    assert symbols == {"21-CT/TU", "120-KL/TW", "01-KH/BCĐ", "11-QĐi/TW", "391-QĐ/HU"}

    follow_up = Conference.objects.get(external_id="demo-hn-cau-ngang-2023")
    review = previous_review(follow_up)
    assert review.conference == cau_ngang and len(review.tasks) == 8
    assert {t.status for t in review.tasks} >= {
        Status.DONE,
        Status.CARRIED_OVER,
        Status.IN_PROGRESS,
    }
    assert KeyTask.objects.overdue().exists()
    assert Conference.objects.filter(unit__key="06688").count() == 2
