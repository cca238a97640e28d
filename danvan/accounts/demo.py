"""Demo accounts for the four personas (and an administrator), for local trial only."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction

from danvan.units.models import Body, BodyKind, Unit

from . import actions
from .models import Role, User
from .permissions import SYSTEM

DEMO_PASSWORD = "danvan-demo-2025"


@dataclass(frozen=True)
class Persona:
    username: str
    full_name: str
    position: str
    unit_key: str
    body_kind: str
    role: str | None
    description: str


PERSONAS = [
    Persona(
        "trunguong",
        "Nguyễn Thị Thu Hà",
        "Chuyên viên Vụ Dân vận Mặt trận Tổ quốc",
        "VN",
        BodyKind.MASS_MOBILIZATION,
        Role.VIEWER,
        "Cán bộ Trung ương – xem toàn quốc",
    ),
    Persona(
        "quangninh",
        "Trần Văn Hùng",
        "Phó Trưởng Ban Tuyên giáo và Dân vận Tỉnh ủy",
        "22",
        BodyKind.MASS_MOBILIZATION,
        Role.APPROVER,
        "Tỉnh Quảng Ninh – phê duyệt",
    ),
    Persona(
        "halong",
        "Lê Thị Minh Ngọc",
        "Phó Chủ tịch Ủy ban MTTQ phường",
        "06688",
        BodyKind.FATHERLAND_FRONT,
        Role.EDITOR,
        "Phường Hạ Long (Quảng Ninh) – cập nhật",
    ),
    Persona(
        "khach", "Phạm Quốc Khánh", "", "", "", None, "Không có vai trò – không thấy dữ liệu nội bộ"
    ),
    Persona(
        "quantri",
        "Đỗ Minh Quân",
        "Quản trị hệ thống",
        "VN",
        BodyKind.MASS_MOBILIZATION,
        Role.ADMIN,
        "Quản trị toàn hệ thống (cả trang /quan-tri/)",
    ),
]


def _body(unit_key: str, kind: str) -> Body | None:
    if not unit_key:
        return None
    unit = Unit.objects.get(key=unit_key)
    return (
        Body.objects.filter(unit=unit, kind=kind, valid_to__isnull=True)
        .order_by("-valid_from")
        .first()
    )


@transaction.atomic
def load_demo_users() -> list[tuple[Persona, bool]]:
    """Create the persona accounts that are missing. Returns (persona, created) pairs."""
    done = []
    for p in PERSONAS:
        if User.objects.filter(username=p.username).exists():
            done.append((p, False))
            continue
        body = _body(p.unit_key, p.body_kind)
        if body is None:
            user = User(username=p.username, full_name=p.full_name, position=p.position)
            user.set_password(DEMO_PASSWORD)
            user.save()
        else:
            user = actions.create_user(
                by=SYSTEM,
                username=p.username,
                password=DEMO_PASSWORD,
                full_name=p.full_name,
                body=body,
                position=p.position,
                role=p.role,
                validate=False,
            )
        if p.username == "quantri":
            user.is_superuser = user.is_staff = True
            user.save(update_fields=["is_superuser", "is_staff"])
        done.append((p, True))
    return done
