"""The time limits of DOMAIN.md §3.3 as seed rows for `danvan load_rules`.

Current rules end on 30/06/2026; from 01/07/2026 (Luật 136/2025/QH15) each has a twin
marked [U] — with the reported new figure where there is one (complaint acceptance:
7 working days), else the old figure, unverified (DOMAIN.md §9 question 5).
Administrators correct the rows in the rule pages; the loader never overwrites an
edited row.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from danvan.workcalendar.models import Confidence

from .models import Procedure, StartEvent, Step, TimeUnit, Variant

V, S, U = Confidence.VERIFIED, Confidence.SECONDARY, Confidence.UNVERIFIED
CAL, WORK = TimeUnit.CALENDAR_DAY, TimeUnit.WORKING_DAY
AMENDMENT_DAY = date(2026, 7, 1)
LAST_OLD_DAY = date(2026, 6, 30)

PHAPDIEN = "https://phapdien.moj.gov.vn"
AMENDMENT_URL = (
    "https://thuviennhadat.vn/vbpl/luat-sua-doi-luat-tiep-cong-dan-luat-khieu-nai-luat-to-cao-"
    "2025-so-136-2025-qh15-686937.html"
)
QD11_URL = (
    "https://thuvienphapluat.vn/chinh-sach-phap-luat-moi/vn/thoi-su-phap-luat/chinh-sach-moi/"
    "22971/nguoi-dung-dau-cap-uy-cap-tinh-tiep-cong-dan-it-nhat-01-ngay-thang"
)
AMENDMENT = "sửa đổi bởi Luật 136/2025/QH15 (hiệu lực 01/07/2026)"


@dataclass(frozen=True)
class Seed:
    stem: str
    procedure: str
    step: str
    variant: str
    quantity: int
    unit: str
    start_event: str
    legal_basis: str
    confidence: str
    valid_from: date | None
    valid_to: date | None = None
    max_extensions: int = 0
    extension_quantity: int = 0
    source_url: str = PHAPDIEN
    note: str = ""

    @property
    def code(self) -> str:
        slug = {
            Variant.NORMAL: "",
            Variant.REMOTE: "-vung-xa",
            Variant.COMPLEX: "-phuc-tap",
            Variant.REMOTE_COMPLEX: "-vung-xa-phuc-tap",
            Variant.ESPECIALLY_COMPLEX: "-dac-biet-phuc-tap",
        }[self.variant]
        year = self.valid_from.year if self.valid_from else "goc"
        return f"{self.stem}{slug}-{year}"


def _pair(seed: Seed, *, new_quantity: int | None = None, new_note: str = "") -> list[Seed]:
    """The rule until 30/06/2026 and its [U] twin from 01/07/2026."""
    old = replace(seed, valid_to=LAST_OLD_DAY)
    new = replace(
        seed,
        valid_from=AMENDMENT_DAY,
        valid_to=None,
        quantity=new_quantity if new_quantity is not None else seed.quantity,
        confidence=U,
        legal_basis=f"{seed.legal_basis}, {AMENDMENT}",
        source_url=AMENDMENT_URL,
        note=new_note
        or "Chưa kiểm chứng thời hạn sau sửa đổi; tạm giữ thời hạn cũ. Đối chiếu văn bản chính thức.",
    )
    return [old, new]


TCD = "Luật Tiếp công dân 2013"
KN = "Luật Khiếu nại 2011"
TC = "Luật Tố cáo 2018"
TCD_FROM, KN_FROM, TC_FROM = date(2014, 7, 1), date(2012, 7, 1), date(2019, 1, 1)


def _complaint_resolution(stem: str, article: str, figures: dict[str, int]) -> list[Seed]:
    seeds = []
    for variant, quantity in figures.items():
        seeds += _pair(
            Seed(
                stem,
                Procedure.COMPLAINT_FIRST if stem.startswith("kn1") else Procedure.COMPLAINT_SECOND,
                Step.RESOLVE,
                variant,
                quantity,
                CAL,
                StartEvent.ACCEPTANCE,
                f"{KN}, {article}",
                V,
                KN_FROM,
            )
        )
    return seeds


SEEDS: list[Seed] = [
    # Citizen reception (Luật Tiếp công dân Đ28).
    *_pair(
        Seed(
            "tcd-tra-loi",
            Procedure.CITIZEN_RECEPTION,
            Step.ANSWER,
            Variant.NORMAL,
            10,
            WORK,
            StartEvent.RECEIPT,
            f"{TCD}, Điều 28",
            V,
            TCD_FROM,
            note="Trả lời: thụ lý, cần thêm thời gian xác minh, từ chối hoặc chuyển đơn.",
        )
    ),
    *_pair(
        Seed(
            "tcd-bao-ket-qua",
            Procedure.CITIZEN_RECEPTION,
            Step.INFORM_RESULT,
            Variant.NORMAL,
            5,
            WORK,
            StartEvent.RESULT_RECEIVED,
            f"{TCD}, Điều 28",
            V,
            TCD_FROM,
            note="Khi công dân yêu cầu được biết kết quả sau khi chuyển đơn.",
        )
    ),
    # Party committee heads (Quy định 11-QĐi/TW, amended by Kết luận 215-KL/TW).
    Seed(
        "qd11-thong-bao",
        Procedure.PARTY_RECEPTION,
        Step.NOTIFY,
        Variant.NORMAL,
        10,
        WORK,
        StartEvent.RECEIPT,
        "Quy định 11-QĐi/TW ngày 18/02/2019 (sửa đổi theo Kết luận 215-KL/TW)",
        S,
        date(2019, 2, 18),
        source_url=QD11_URL,
        note="Thông báo bằng văn bản cho người gửi: đã thụ lý, hoặc đã chuyển, giao cơ quan có thẩm quyền.",
    ),
    # Complaints, first and second round (Luật Khiếu nại).
    *_pair(
        Seed(
            "kn1-thoi-hieu",
            Procedure.COMPLAINT_FIRST,
            Step.FILE,
            Variant.NORMAL,
            90,
            CAL,
            StartEvent.DECISION_KNOWN,
            f"{KN}, Điều 9",
            V,
            KN_FROM,
            note="Không tính thời gian ốm đau, thiên tai, địch họa, đi công tác, học tập xa.",
        )
    ),
    *_pair(
        Seed(
            "kn1-thu-ly",
            Procedure.COMPLAINT_FIRST,
            Step.ACCEPT,
            Variant.NORMAL,
            10,
            WORK,
            StartEvent.RECEIPT,
            f"{KN}, Điều 27; ngày làm việc theo Thông tư 07/2013/TT-TTCP",
            V,
            KN_FROM,
        ),
        new_quantity=7,
        new_note="Bản chưa chính thức của Nghị định 155/2026/NĐ-CP: 7 ngày làm việc. Đối chiếu văn bản.",
    ),
    *_complaint_resolution(
        "kn1-giai-quyet",
        "Điều 28",
        {
            Variant.NORMAL: 30,
            Variant.COMPLEX: 45,
            Variant.REMOTE: 45,
            Variant.REMOTE_COMPLEX: 60,
        },
    ),
    *_pair(
        Seed(
            "kn2-thoi-hieu",
            Procedure.COMPLAINT_SECOND,
            Step.FILE,
            Variant.NORMAL,
            30,
            CAL,
            StartEvent.FIRST_DEADLINE,
            f"{KN}, Điều 33",
            V,
            KN_FROM,
        )
    ),
    *_pair(
        Seed(
            "kn2-thoi-hieu",
            Procedure.COMPLAINT_SECOND,
            Step.FILE,
            Variant.REMOTE,
            45,
            CAL,
            StartEvent.FIRST_DEADLINE,
            f"{KN}, Điều 33",
            V,
            KN_FROM,
        )
    ),
    *_pair(
        Seed(
            "kn2-thu-ly",
            Procedure.COMPLAINT_SECOND,
            Step.ACCEPT,
            Variant.NORMAL,
            10,
            WORK,
            StartEvent.RECEIPT,
            f"{KN}, Điều 36; ngày làm việc theo Thông tư 07/2013/TT-TTCP",
            V,
            KN_FROM,
        ),
        new_quantity=7,
        new_note="Bản chưa chính thức của Nghị định 155/2026/NĐ-CP: 7 ngày làm việc. Đối chiếu văn bản.",
    ),
    *_complaint_resolution(
        "kn2-giai-quyet",
        "Điều 37",
        {
            Variant.NORMAL: 45,
            Variant.COMPLEX: 60,
            Variant.REMOTE: 60,
            Variant.REMOTE_COMPLEX: 70,
        },
    ),
    # Denunciations (Luật Tố cáo).
    *_pair(
        Seed(
            "tc-vao-so",
            Procedure.DENUNCIATION,
            Step.REGISTER,
            Variant.NORMAL,
            7,
            WORK,
            StartEvent.RECEIPT,
            f"{TC}, Điều 24 khoản 1",
            V,
            TC_FROM,
        )
    ),
    *_pair(
        Seed(
            "tc-vao-so",
            Procedure.DENUNCIATION,
            Step.REGISTER,
            Variant.COMPLEX,
            10,
            WORK,
            StartEvent.RECEIPT,
            f"{TC}, Điều 24 khoản 1",
            V,
            TC_FROM,
            note="Khi phải kiểm tra, xác minh ở nhiều địa điểm.",
        )
    ),
    *_pair(
        Seed(
            "tc-chuyen-don",
            Procedure.DENUNCIATION,
            Step.FORWARD,
            Variant.NORMAL,
            5,
            WORK,
            StartEvent.RECEIPT,
            f"{TC}, Điều 24 khoản 2",
            V,
            TC_FROM,
        )
    ),
    *_pair(
        Seed(
            "tc-giai-quyet",
            Procedure.DENUNCIATION,
            Step.RESOLVE,
            Variant.NORMAL,
            30,
            CAL,
            StartEvent.ACCEPTANCE,
            f"{TC}, Điều 30",
            V,
            TC_FROM,
        )
    ),
    *_pair(
        Seed(
            "tc-giai-quyet",
            Procedure.DENUNCIATION,
            Step.RESOLVE,
            Variant.COMPLEX,
            30,
            CAL,
            StartEvent.ACCEPTANCE,
            f"{TC}, Điều 30",
            V,
            TC_FROM,
            max_extensions=1,
            extension_quantity=30,
            note="Mỗi lần gia hạn phải có quyết định bằng văn bản.",
        )
    ),
    *_pair(
        Seed(
            "tc-giai-quyet",
            Procedure.DENUNCIATION,
            Step.RESOLVE,
            Variant.ESPECIALLY_COMPLEX,
            30,
            CAL,
            StartEvent.ACCEPTANCE,
            f"{TC}, Điều 30; Nghị định 31/2019/NĐ-CP, Điều 3",
            V,
            TC_FROM,
            max_extensions=2,
            extension_quantity=30,
            note="Tối đa 90 ngày. Mỗi lần gia hạn phải có quyết định bằng văn bản.",
        )
    ),
    *_pair(
        Seed(
            "tc-cong-khai",
            Procedure.DENUNCIATION,
            Step.PUBLISH,
            Variant.NORMAL,
            7,
            WORK,
            StartEvent.CONCLUSION,
            f"{TC}, Điều 40",
            V,
            TC_FROM,
        )
    ),
    # Grassroots democracy: UBND answers the People's Inspection / Investment Supervision Board.
    Seed(
        "dccs-tra-loi-kien-nghi",
        Procedure.GRASSROOTS,
        Step.ANSWER,
        Variant.NORMAL,
        15,
        CAL,
        StartEvent.RECEIPT,
        "Luật Thực hiện dân chủ ở cơ sở 2022, Điều 40.1.c, Điều 45.2.c",
        V,
        date(2023, 7, 1),
    ),
]
