"""Demo conferences and their key tasks, created through the actions (idempotent on external_id).

From the seed articles, with their people (positions as written), directives and tasks:

- seed_4: the national online review of H1 2022 (Ban Dân vận Trung ương, 63 bridge points,
  6 key tasks);
- seed_1: Hạ Long city's standing committee working session with the Front bloc, Sept 2022;
- seed_0: the Hạ Long 2022 year-end conference (01/12/2022) — its tasks are the
  conclusions of the article, owned by the bodies it names;
- seed_3: the Cầu Ngang 2.5-year review of grassroots democracy, mid-2023 (8 key tasks);
- seed_2: the Tam Điệp 2023 year-end conference (07/12/2023), where pledges were signed.

Illustrative follow-ups (marked as such in their conclusions) show how the previous
conference's tasks stand: Hạ Long's 2023 year-end, Cầu Ngang's 2023 year-end, and two
conferences of today's Phường Hạ Long (2025 and mid-2026) with tasks overdue now.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from danvan.followups import actions as task_actions
from danvan.followups.models import KeyTask
from danvan.followups.states import Status
from danvan.people.models import Person
from danvan.people.queries import match_person
from danvan.units.models import Body, BodyKind, Unit

from . import actions
from .forms import body_for
from .models import Conference, Kind, ParticipantRole

D = dt.date
PARTY, BDV, FRONT = BodyKind.PARTY_COMMITTEE, BodyKind.MASS_MOBILIZATION, BodyKind.FATHERLAND_FRONT
UBND, FARMERS, WOMEN = BodyKind.PEOPLES_COMMITTEE, BodyKind.FARMERS_UNION, BodyKind.WOMENS_UNION
CHAIR, REPORTER, SPEAKER, ATTENDEE = (
    ParticipantRole.CHAIR,
    ParticipantRole.REPORTER,
    ParticipantRole.SPEAKER,
    ParticipantRole.ATTENDEE,
)
ILLUSTRATIVE = "hội nghị minh họa – dữ liệu mẫu, không lấy từ bài báo"

NATION, QUANG_NINH_OLD, HA_LONG_OLD = "VN", "22@2025-06-30", "193@2025-06-30"
TRA_VINH_OLD, CAU_NGANG, TAM_DIEP, PHUONG_HA_LONG = (
    "84@2025-06-30",
    "848@2025-06-30",
    "370@2025-06-30",
    "06688",
)


@dataclass(frozen=True)
class Who:
    name: str
    role: str
    position: str
    unit: str = ""  # unit key of the position; "" = the conference's unit
    key: str = ""  # the people demo's key ("demo-people-<key>"), when it has this person


@dataclass(frozen=True)
class Task:
    text: str
    owner: str | None = None  # body kind at the conference's unit
    person: str = ""
    co: tuple[str, ...] = ()  # body kinds of co-owners
    co_text: str = ""
    deadline: D | None = None
    notes: tuple[tuple[D, str, int | None], ...] = ()
    done_on: D | None = None
    carried_from: tuple[str, int] | None = None  # (conference external_id, task number)


@dataclass(frozen=True)
class Conf:
    key: str
    unit: str
    body: str
    title: str
    kind: str
    held_on: D | None
    reviewed: tuple[str, D | None, D | None]
    planned: tuple[str, D | None, D | None]
    people: tuple[Who, ...]
    tasks: tuple[Task, ...] = ()
    held_note: str = ""
    venue: str = ""
    programmes: tuple[str, ...] = ()
    reports: tuple[str, ...] = ()
    contributions: tuple[str, ...] = ()
    conclusions: str = ""
    directives: str = ""
    awards: tuple[int | None, str] = (None, "")
    pledges: tuple[int | None, str] = (None, "")
    online: tuple[int, tuple[str, ...]] | None = None
    notice: dict[str, Any] = field(default_factory=dict)


SEED_4 = Conf(
    key="demo-hn-tw-2022-6t",
    unit=NATION,
    body=BDV,
    title="Hội nghị trực tuyến toàn quốc sơ kết công tác dân vận 6 tháng đầu năm, triển khai nhiệm vụ "
    "6 tháng cuối năm 2022",
    kind=Kind.ONLINE,
    held_on=D(2022, 7, 15),
    venue="Hà Nội",
    online=(63, ("Điểm cầu Trung ương (Hà Nội)", "Điểm cầu tỉnh Lào Cai")),
    reviewed=("6 tháng đầu năm 2022", D(2022, 1, 1), D(2022, 6, 30)),
    planned=("6 tháng cuối năm 2022", D(2022, 7, 1), D(2022, 12, 31)),
    programmes=("công tác dân vận",),
    people=(
        Who("Bùi Thị Minh Hoài", CHAIR, "Bí thư Trung ương Đảng, Trưởng ban Dân vận Trung ương"),
        Who(
            "Phạm Tất Thắng",
            CHAIR,
            "Ủy viên Trung ương Đảng, Phó Trưởng ban Thường trực Ban Dân vận Trung ương",
        ),
        Who("Nguyễn Lam", CHAIR, "Phó Trưởng ban Dân vận Trung ương"),
        Who("Đỗ Văn Phớn", CHAIR, "Phó Trưởng ban Dân vận Trung ương"),
        Who("Triệu Tài Vinh", CHAIR, "Phó Trưởng ban Dân vận Trung ương"),
        Who(
            "Lý Thị Vinh",
            ATTENDEE,
            "Ủy viên Ban Thường vụ Tỉnh ủy, Trưởng ban Dân vận Tỉnh ủy",
            "10@2025-06-30",
        ),
    ),
    reports=(
        "Báo cáo sơ kết công tác dân vận 6 tháng đầu năm, phương hướng nhiệm vụ 6 tháng cuối năm 2022",
    ),
    conclusions=(
        "Ghi nhận, biểu dương những nỗ lực của hệ thống dân vận các cấp đã góp phần quan trọng thực hiện "
        "các nhiệm vụ chính trị, phát triển kinh tế - xã hội và công tác phòng, chống dịch Covid-19.\n"
        "Trong 6 tháng cuối năm, hệ thống dân vận các cấp tiếp tục tham mưu triển khai thực hiện, hoàn thành "
        "đúng tiến độ, bảo đảm chất lượng các đề án; tiếp tục thực hiện có hiệu quả phong trào thi đua "
        "“Dân vận khéo”; phát hiện, tôn vinh và nhân rộng các mô hình, điển hình tiêu biểu."
    ),
    tasks=(
        Task(
            "Triển khai thực hiện, hoàn thành đúng tiến độ, bảo đảm chất lượng các đề án; sơ kết, tổng kết các "
            "nghị quyết, chỉ thị, kết luận của Trung ương về công tác dân vận",
            BDV,
            deadline=D(2022, 12, 31),
            notes=((D(2022, 10, 15), "Hoàn thành 3/5 đề án theo kế hoạch", 60),),
            done_on=D(2022, 12, 28),
        ),
        Task(
            "Thực hiện tốt nhiệm vụ cơ quan thường trực các Ban Chỉ đạo về công tác dân vận",
            BDV,
            deadline=D(2022, 12, 31),
            done_on=D(2022, 12, 28),
        ),
        Task(
            "Lãnh đạo, chỉ đạo tổ chức thực hiện các nhiệm vụ công tác theo kế hoạch năm 2022",
            BDV,
            deadline=D(2022, 12, 31),
            done_on=D(2022, 12, 28),
        ),
        Task(
            "Tăng cường phối hợp, chủ động nắm tình hình dân tộc, tôn giáo, tâm tư nguyện vọng của Nhân dân "
            "để kịp thời báo cáo, đề xuất với cấp ủy",
            BDV,
            deadline=D(2022, 12, 31),
            done_on=D(2022, 12, 28),
        ),
        Task(
            "Củng cố, kiện toàn cán bộ dân vận các cấp, đủ số lượng, bảo đảm chất lượng",
            BDV,
            deadline=D(2022, 12, 31),
            notes=((D(2022, 12, 20), "Còn 4 tỉnh chưa kiện toàn đủ biên chế", 80),),
        ),
        Task(
            "Tập trung triển khai phong trào thi đua “Dân vận khéo”, nhất là trong xây dựng nông thôn mới",
            BDV,
            deadline=D(2022, 12, 31),
            done_on=D(2022, 12, 28),
        ),
    ),
)

SEED_1 = Conf(
    key="demo-hn-ha-long-2022-9",
    unit=HA_LONG_OLD,
    body=PARTY,
    title="BTV Thành ủy làm việc với Đảng bộ Khối MTTQ và các tổ chức chính trị - xã hội thành phố, "
    "UBMTTQ, các tổ chức chính trị xã hội TP",
    kind=Kind.WORKING_SESSION,
    held_on=None,
    held_note="tháng 9/2022 (theo chương trình công tác tháng 9)",
    reviewed=("9 tháng năm 2022", D(2022, 1, 1), D(2022, 9, 30)),
    planned=("3 tháng cuối năm 2022", D(2022, 10, 1), D(2022, 12, 31)),
    programmes=("hoạt động của Đảng bộ Khối MTTQ và các tổ chức chính trị - xã hội thành phố",),
    people=(
        Who("Vũ Văn Diện", CHAIR, "Bí thư Thành ủy, Chủ tịch HĐND TP", key="vu-van-dien"),
        Who("Vũ Thị Mai Anh", ATTENDEE, "Phó Bí thư TT Thành ủy", key="vu-thi-mai-anh"),
        Who(
            "Bùi Đức Đoàn",
            REPORTER,
            "UV BTV Thành uỷ, Trưởng ban Dân vận, Chủ tịch Uỷ ban MTTQ thành phố, "
            "Trưởng khối MTTQ và các tổ chức Chính trị-xã hội thành phố",
            key="bui-duc-doan",
        ),
    ),
    reports=(
        "Báo cáo kết quả hoạt động 9 tháng năm 2022 của Đảng bộ Khối MTTQ và các tổ chức chính trị - xã hội "
        "thành phố",
    ),
    directives=(
        "Nghị quyết số 56-NQ/TU, ngày 15/12/2021 của BCH Đảng bộ Thành phố; Chỉ thị 21-CT/TU, ngày "
        "22/12/2021 của Ban Thường vụ Tỉnh ủy; Quyết định số 2152-QĐ/TU ngày 10/01/2022 của Thành ủy về việc "
        "ban hành Quy chế công tác dân vận của hệ thống chính trị Thành phố Hạ Long"
    ),
    conclusions=(
        "Ghi nhận những kết quả đã đạt được, đặc biệt trong công tác tuyên truyền, vận động Nhân dân đồng thuận "
        "thực hiện các chủ trương lớn: phòng, chống dịch, hiến đất làm đường, giải phóng mặt bằng.\n"
        "Đối với chương trình, kế hoạch kiểm tra, giám sát và tập huấn của các tổ chức, không để trùng nội dung, "
        "một đối tượng phải nghe nhiều lần."
    ),
    tasks=(
        Task(
            "Rà soát quy chế làm việc và phân công trong cấp ủy; từng đơn vị bám sát nghị quyết của Đảng bộ "
            "tỉnh, thành phố, cụ thể hóa nội dung công việc",
            FRONT,
            "Bùi Đức Đoàn",
            deadline=D(2022, 11, 30),
            done_on=D(2022, 11, 25),
        ),
        Task(
            "Rà soát chương trình, kế hoạch kiểm tra, giám sát và tập huấn của các tổ chức, không để trùng nội "
            "dung, một đối tượng phải nghe nhiều lần",
            BDV,
            "Bùi Đức Đoàn",
            co=(FRONT,),
            deadline=D(2022, 11, 30),
            notes=(
                (
                    D(2022, 11, 20),
                    "Đã tổng hợp kế hoạch của 6 tổ chức; còn trùng 3 đợt ở 2 phường",
                    50,
                ),
            ),
        ),
        Task(
            "Đánh giá mô hình triển khai trong năm 2022 và đặt ra mô hình trong năm 2023",
            BDV,
            deadline=D(2022, 12, 31),
            done_on=D(2022, 12, 1),
        ),
        Task(
            "Định kỳ hàng quý đánh giá việc giải quyết việc làm, thu nhập của người lao động được giải quyết "
            "việc làm",
            FRONT,
            deadline=D(2022, 12, 31),
            notes=((D(2022, 10, 10), "Đã đánh giá quý III", 25),),
        ),
    ),
)

SEED_0 = Conf(
    key="demo-hn-ha-long-2022",
    unit=HA_LONG_OLD,
    body=PARTY,
    title="Hội nghị tổng kết công tác dân vận, Quy chế dân chủ ở cơ sở, chương trình phối hợp thống nhất hành "
    "động của UB MTTQ năm 2022, triển khai nhiệm vụ năm 2023",
    kind=Kind.REVIEW_FINAL,
    held_on=D(2022, 12, 1),
    reviewed=("năm 2022", D(2022, 1, 1), D(2022, 12, 31)),
    planned=("năm 2023", D(2023, 1, 1), D(2023, 12, 31)),
    programmes=(
        "công tác dân vận",
        "Quy chế dân chủ ở cơ sở",
        "chương trình phối hợp thống nhất hành động của UB MTTQ",
    ),
    people=(
        Who(
            "Vũ Thị Mai Anh",
            CHAIR,
            "Phó Bí thư TT Thành uỷ, Trưởng BCĐ thực hiện quy chế dân chủ ở cơ sở Thành phố",
            key="vu-thi-mai-anh",
        ),
        Who(
            "Lê Thị Kim Cúc",
            ATTENDEE,
            "Phó Trưởng Ban Dân vận Tỉnh uỷ",
            QUANG_NINH_OLD,
            key="le-thi-kim-cuc",
        ),
        Who("Bùi Thu Nguyên", REPORTER, "Phó Trưởng Ban Dân vận Thành phố", key="bui-thu-nguyen"),
        Who(
            "Bùi Đức Đoàn",
            SPEAKER,
            "Uỷ viên BTV, Trưởng Ban Dân vận, Chủ tịch UB MTTQ Thành phố",
            key="bui-duc-doan",
        ),
        Who(
            "Nguyễn Tuấn Minh",
            SPEAKER,
            "Uỷ viên BTV, Phó Chủ tịch TT UBND Thành phố",
            key="nguyen-tuan-minh",
        ),
    ),
    reports=(
        "Báo cáo tổng kết công tác dân vận, Quy chế dân chủ ở cơ sở năm 2022",
        "Báo cáo kết quả thực hiện chương trình phối hợp và thống nhất hành động của Ủy ban MTTQ Thành phố "
        "năm 2022, chủ đề “Đoàn kết, dân chủ; năng động, sáng tạo; tận tụy, trách nhiệm; chất lượng, hiệu quả”",
    ),
    contributions=(
        "Kinh nghiệm, cách làm hay trong công tác dân vận và thực hiện Quy chế dân chủ ở cơ sở",
        "Đề xuất giải pháp thực hiện tốt phong trào thi đua tại địa phương, đơn vị",
    ),
    conclusions=(
        "Ghi nhận, biểu dương những đóng góp quan trọng của công tác dân vận, Quy chế dân chủ ở cơ sở và chương "
        "trình phối hợp thống nhất hành động của MTTQ Thành phố năm 2022 đã huy động sự vào cuộc của cả hệ "
        "thống chính trị, sự đồng lòng ủng hộ của người dân, tạo nên sức mạnh tổng hợp thực hiện thắng lợi các "
        "nhiệm vụ chính trị của Thành phố.\n"
        "Công tác dân vận của Thành phố cần tập trung khắc phục những khó khăn, tồn tại, tiếp tục đổi mới theo "
        "hướng thiết thực, cụ thể, sáng tạo."
    ),
    awards=(
        14,
        "14 cá nhân đã vinh dự được nhận Kỷ niệm chương của Ban Dân vận Trung ương và UB Trung ương MTTQ "
        "Việt Nam; UBND Thành phố biểu dương, khen thưởng các tập thể, cá nhân có thành tích xuất sắc trong "
        "công tác Dân vận, thực hiện quy chế dân chủ ở cơ sở, phong trào Dân vận khéo",
    ),
    notice={
        "notice_signing": "T/M BAN THƯỜNG VỤ",
        "notice_signer_title": "PHÓ BÍ THƯ THƯỜNG TRỰC",
        "notice_signer_name": "Vũ Thị Mai Anh",
    },
    tasks=(
        Task(
            "Tập trung khắc phục những khó khăn, tồn tại; tiếp tục đổi mới công tác dân vận theo hướng thiết "
            "thực, cụ thể, sáng tạo",
            BDV,
            "Bùi Đức Đoàn",
            deadline=D(2023, 12, 31),
            notes=(
                (D(2023, 6, 30), "Sơ kết 6 tháng: đã ban hành kế hoạch đổi mới phương thức", 50),
            ),
            done_on=D(2023, 12, 10),
        ),
        Task(
            "Nâng cao hiệu quả công tác dân vận của các cơ quan hành chính nhà nước và chính quyền các cấp theo "
            "hướng trọng dân, gần dân, hiểu dân và có trách nhiệm với dân",
            UBND,
            "Nguyễn Tuấn Minh",
            deadline=D(2023, 12, 31),
            done_on=D(2023, 12, 10),
        ),
        Task(
            "Các địa phương, đơn vị xây dựng quy chế làm việc phải rõ người, rõ việc",
            BDV,
            "Bùi Thu Nguyên",
            co_text="Đảng ủy các xã, phường",
            deadline=D(2023, 6, 30),
            notes=((D(2023, 6, 30), "28/33 xã, phường đã ban hành quy chế làm việc", 85),),
        ),
        Task(
            "Phát huy vai trò nòng cốt của Mặt trận Tổ quốc, các tổ chức chính trị - xã hội trong xây dựng "
            "khối đại đoàn kết toàn dân tộc; tập hợp, vận động Nhân dân đẩy mạnh các phong trào thi đua yêu "
            "nước, các cuộc vận động",
            FRONT,
            "Bùi Đức Đoàn",
            deadline=D(2023, 12, 31),
            done_on=D(2023, 12, 10),
        ),
        Task(
            "Rà soát chương trình, kế hoạch kiểm tra, giám sát và tập huấn của các tổ chức, không để trùng nội "
            "dung, một đối tượng phải nghe nhiều lần",
            BDV,
            "Bùi Đức Đoàn",
            co=(FRONT,),
            deadline=D(2023, 3, 31),
            carried_from=("demo-hn-ha-long-2022-9", 2),
            notes=((D(2023, 3, 31), "Đã lập lịch kiểm tra chung của các tổ chức năm 2023", 100),),
            done_on=D(2023, 4, 5),
        ),
    ),
)

HA_LONG_2023 = Conf(
    key="demo-hn-ha-long-2023",
    unit=HA_LONG_OLD,
    body=PARTY,
    title="Hội nghị tổng kết công tác dân vận, Quy chế dân chủ ở cơ sở năm 2023, triển khai nhiệm vụ năm 2024",
    kind=Kind.REVIEW_FINAL,
    held_on=D(2023, 12, 14),
    reviewed=("năm 2023", D(2023, 1, 1), D(2023, 12, 31)),
    planned=("năm 2024", D(2024, 1, 1), D(2024, 12, 31)),
    programmes=("công tác dân vận", "Quy chế dân chủ ở cơ sở"),
    people=(
        Who("Vũ Thị Mai Anh", CHAIR, "Phó Bí thư TT Thành uỷ", key="vu-thi-mai-anh"),
        Who(
            "Bùi Đức Đoàn",
            REPORTER,
            "Uỷ viên BTV, Trưởng Ban Dân vận, Chủ tịch UB MTTQ Thành phố",
            key="bui-duc-doan",
        ),
    ),
    held_note=ILLUSTRATIVE,
    conclusions="Đánh giá việc thực hiện các nhiệm vụ trọng tâm năm 2023 do Hội nghị ngày "
    "01/12/2022 đề ra; nhiệm vụ chưa hoàn thành được chuyển sang năm 2024.",
    tasks=(
        Task(
            "Các địa phương, đơn vị xây dựng quy chế làm việc phải rõ người, rõ việc",
            BDV,
            "Bùi Thu Nguyên",
            co_text="Đảng ủy các xã, phường",
            deadline=D(2024, 3, 31),
            carried_from=("demo-hn-ha-long-2022", 3),
            done_on=D(2024, 3, 20),
        ),
        Task(
            "Rà soát việc giải quyết việc làm, thu nhập của người lao động; báo cáo định kỳ hàng quý",
            FRONT,
            deadline=D(2024, 12, 31),
            carried_from=("demo-hn-ha-long-2022-9", 4),
            notes=((D(2024, 6, 30), "Đã báo cáo quý I, II", 50),),
        ),
        Task(
            "Tổ chức đối thoại giữa người đứng đầu cấp ủy, chính quyền với Nhân dân ở 33 xã, phường",
            UBND,
            "Nguyễn Tuấn Minh",
            deadline=D(2024, 9, 30),
            notes=((D(2024, 6, 30), "Đã tổ chức đối thoại ở 21/33 xã, phường", 64),),
        ),
        Task(
            "Triển khai sắp xếp, kiện toàn Ban công tác Mặt trận ở thôn, khu sau sáp nhập",
            FRONT,
            "Bùi Đức Đoàn",
            deadline=D(2024, 6, 30),
        ),
    ),
)

SEED_3 = Conf(
    key="demo-hn-cau-ngang-2023-6t",
    unit=CAU_NGANG,
    body=BDV,
    title="Hội nghị sơ kết 2,5 năm “Đẩy mạnh thực hiện quy chế dân chủ ở cơ sở”, triển khai công tác dân vận "
    "6 tháng cuối năm 2023",
    kind=Kind.REVIEW_INTERIM,
    held_on=None,
    held_note="năm 2023 (bài báo chỉ ghi “vừa tổ chức”)",
    reviewed=("2,5 năm", D(2021, 1, 1), D(2023, 6, 30)),
    planned=("6 tháng cuối năm 2023", D(2023, 7, 1), D(2023, 12, 31)),
    programmes=("Đẩy mạnh thực hiện quy chế dân chủ ở cơ sở", "công tác dân vận"),
    people=(
        Who("Trần Minh Bảnh", CHAIR, "Phó Bí thư Thường trực Huyện ủy", key="tran-minh-banh"),
        Who(
            "Nguyễn Văn Trãi",
            CHAIR,
            "Ủy viên Ban Thường vụ Huyện ủy, Trưởng Ban Dân vận Huyện ủy, Chủ tịch UBMTTQVN huyện",
            key="nguyen-van-trai",
        ),
    ),
    reports=(
        "Báo cáo sơ kết 2,5 năm thực hiện Quy chế dân chủ ở cơ sở: tổ chức được 305 cuộc, có 17.385 lượt người "
        "dự; 27 mô hình đang thực hiện, duy trì 13 mô hình hiệu quả",
        "Triển khai công tác dân vận 6 tháng cuối năm 2023",
    ),
    directives=(
        'Thực hiện Chỉ thị số 21-CT/TU, ngày 27/5/2022 của Ban Thường vụ Tỉnh ủy "Về đẩy mạnh công tác dân '
        "vận, nâng cao chất lượng hiệu quả công tác dân vận chính quyền, phát huy dân chủ ở cơ sở, tăng cường "
        'khối đại đoàn kết toàn dân tộc trên địa bàn tỉnh đến năm 2025", gắn với triển khai Kết luận số '
        "120-KL/TW của Bộ Chính trị; Kế hoạch số 01-KH/BCĐ, ngày 04/5 2021 của Ban Chỉ đạo Quy chế dân chủ ở "
        'cơ sở và phong trào thi đua “Dân vận khéo" tỉnh; giải quyết kịp thời những phản ảnh, kiến nghị của '
        "nhân dân theo Quy định 11-QĐi/TW. Quyết định số 391-QĐ/HU, ngày 13/01/2022 của Ban Thường vụ Huyện "
        "ủy về ban hành Quy chế công tác dân vận của hệ thống chính trị huyện Cầu Ngang."
    ),
    conclusions=(
        "Ban Dân vận tiếp tục quán triệt, triển khai thực hiện các văn bản của Tỉnh ủy, Huyện ủy về công tác "
        "dân vận phù hợp với tình hình thực tế; Quyết định số 391-QĐ/HU, ngày 13/01/2022 của Ban Thường vụ "
        "Huyện ủy về ban hành Quy chế công tác dân vận của hệ thống chính trị huyện Cầu Ngang.\n"
        "Mặt trận Tổ quốc, các đoàn thể chính trị xã - thị trấn tăng cường giám sát, phản biện xã hội; thực "
        "hiện dân chủ ở cơ sở; tham gia hòa giải ở cơ sở.\n"
        "Ban Dân vận Huyện ủy thực hiện công tác dân vận, quy chế dân chủ ở cơ sở và phong trào thi đua “Dân vận "
        "khéo” năm 2023; kịp thời biểu dương, khen thưởng những tập thể, cá nhân thực hiện mô hình quy chế dân "
        "chủ và phong trào thi đua “Dân vận khéo” hiệu quả và có tính nhân rộng."
    ),
    notice={"notice_signer_title": "TRƯỞNG BAN", "notice_signer_name": "Nguyễn Văn Trãi"},
    tasks=(
        Task(
            "Tiếp tục quán triệt, triển khai Chỉ thị số 21-CT/TU của Ban Thường vụ Tỉnh ủy, Kết luận số "
            "120-KL/TW của Bộ Chính trị và Quy chế công tác dân vận của hệ thống chính trị huyện (Quyết định "
            "số 391-QĐ/HU) đến chi bộ, đoàn thể cơ sở",
            BDV,
            "Nguyễn Văn Trãi",
            deadline=D(2023, 9, 30),
            done_on=D(2023, 9, 28),
        ),
        Task(
            "Tham mưu Ban Chỉ đạo thực hiện Quy chế dân chủ ở cơ sở huyện kiểm tra, giám sát việc thực hiện "
            "Quy chế dân chủ ở các loại hình theo Kế hoạch số 01-KH/BCĐ của Ban Chỉ đạo tỉnh",
            BDV,
            co=(UBND,),
            deadline=D(2023, 11, 30),
            done_on=D(2023, 11, 24),
        ),
        Task(
            "Duy trì 27 mô hình “Dân vận khéo” đang thực hiện; đánh giá, nhân rộng 13 mô hình hiệu quả; kịp "
            "thời biểu dương, khen thưởng tập thể, cá nhân tiêu biểu",
            BDV,
            co=(FRONT,),
            deadline=D(2023, 12, 15),
            notes=((D(2023, 10, 31), "Đã đánh giá 20/27 mô hình", 70),),
            done_on=D(2023, 12, 14),
        ),
        Task(
            "Nâng cao chất lượng công tác dân vận chính quyền; tăng cường tiếp xúc, đối thoại với Nhân dân, "
            "giải quyết kịp thời phản ánh, kiến nghị theo Quy định 11-QĐi/TW",
            UBND,
            deadline=D(2023, 12, 31),
            notes=((D(2023, 11, 30), "Đã đối thoại ở 9/15 xã, thị trấn", 60),),
        ),
        Task(
            "Mặt trận Tổ quốc, các đoàn thể chính trị - xã hội huyện, xã - thị trấn tăng cường giám sát, phản "
            "biện xã hội; tham gia hòa giải ở cơ sở",
            FRONT,
            "Nguyễn Văn Trãi",
            deadline=D(2023, 12, 31),
            done_on=D(2023, 12, 20),
        ),
        Task(
            "Nắm chắc tình hình tư tưởng của đoàn viên, hội viên và Nhân dân, nhất là đồng bào Khmer, đồng bào "
            "có đạo; kịp thời báo cáo, đề xuất với cấp ủy",
            BDV,
            deadline=D(2023, 12, 31),
            notes=(
                (
                    D(2023, 12, 20),
                    "Báo cáo tình hình Nhân dân hằng tháng; còn thiếu chuyên đề tôn giáo",
                    80,
                ),
            ),
        ),
        Task(
            "Tuyên truyền, vận động Nhân dân tham gia xây dựng nông thôn mới nâng cao, nông thôn mới kiểu mẫu "
            "gắn với thực hiện Quy chế dân chủ ở cơ sở",
            FRONT,
            co=(FARMERS, WOMEN),
            deadline=D(2023, 12, 31),
        ),
        Task(
            "Chuẩn bị tổng kết công tác dân vận, Quy chế dân chủ ở cơ sở và phong trào thi đua “Dân vận khéo” năm "
            "2023; xây dựng chương trình công tác dân vận năm 2024",
            BDV,
            "Nguyễn Văn Trãi",
            deadline=D(2023, 12, 31),
            done_on=D(2023, 12, 22),
        ),
    ),
)

CAU_NGANG_2023 = Conf(
    key="demo-hn-cau-ngang-2023",
    unit=CAU_NGANG,
    body=BDV,
    title="Hội nghị tổng kết công tác dân vận năm 2023, triển khai nhiệm vụ năm 2024",
    kind=Kind.REVIEW_FINAL,
    held_on=D(2023, 12, 27),
    reviewed=("năm 2023", D(2023, 1, 1), D(2023, 12, 31)),
    planned=("năm 2024", D(2024, 1, 1), D(2024, 12, 31)),
    programmes=("công tác dân vận", "Quy chế dân chủ ở cơ sở", "phong trào thi đua “Dân vận khéo”"),
    people=(
        Who("Trần Minh Bảnh", CHAIR, "Phó Bí thư Thường trực Huyện ủy", key="tran-minh-banh"),
        Who(
            "Nguyễn Văn Trãi",
            REPORTER,
            "Ủy viên Ban Thường vụ Huyện ủy, Trưởng Ban Dân vận Huyện ủy",
            key="nguyen-van-trai",
        ),
    ),
    held_note=ILLUSTRATIVE,
    conclusions="Rà soát 8 nhiệm vụ trọng tâm 6 tháng cuối năm 2023: nhiệm vụ chưa hoàn thành "
    "được chuyển sang năm 2024.",
    tasks=(
        Task(
            "Nâng cao chất lượng công tác dân vận chính quyền; tăng cường tiếp xúc, đối thoại với Nhân dân",
            UBND,
            deadline=D(2024, 6, 30),
            carried_from=("demo-hn-cau-ngang-2023-6t", 4),
            notes=((D(2024, 6, 30), "Đã đối thoại ở 15/15 xã, thị trấn", 100),),
            done_on=D(2024, 7, 2),
        ),
        Task(
            "Tuyên truyền, vận động Nhân dân tham gia xây dựng nông thôn mới nâng cao, nông thôn mới kiểu mẫu",
            FRONT,
            co=(FARMERS, WOMEN),
            deadline=D(2024, 12, 31),
            carried_from=("demo-hn-cau-ngang-2023-6t", 7),
            notes=((D(2024, 9, 30), "3 xã đạt nông thôn mới nâng cao", 60),),
        ),
        Task(
            "Sơ kết 3 năm thực hiện Chỉ thị số 21-CT/TU của Ban Thường vụ Tỉnh ủy",
            BDV,
            "Nguyễn Văn Trãi",
            deadline=D(2024, 6, 30),
            done_on=D(2024, 6, 25),
        ),
        Task(
            "Chuẩn bị bàn giao hồ sơ công tác dân vận khi sắp xếp đơn vị hành chính",
            BDV,
            deadline=D(2025, 5, 31),
            notes=((D(2025, 4, 30), "Đã lập danh mục hồ sơ", 40),),
        ),
    ),
)

SEED_2 = Conf(
    key="demo-hn-tam-diep-2023",
    unit=TAM_DIEP,
    body=PARTY,
    title="Hội nghị tổng kết công tác dân vận và hoạt động các Ban Chỉ đạo của thành ủy năm 2023, triển khai "
    "nhiệm vụ năm 2024",
    kind=Kind.REVIEW_FINAL,
    held_on=D(2023, 12, 7),
    venue="phòng hội thảo tầng 2, Nhà Văn hóa thành phố",
    reviewed=("năm 2023", D(2023, 1, 1), D(2023, 12, 31)),
    planned=("năm 2024", D(2024, 1, 1), D(2024, 12, 31)),
    programmes=(
        "công tác Dân vận",
        "Ban Chỉ đạo thực hiện QCDC ở cơ sở",
        "Ban Chỉ đạo phong trào thi đua “Dân vận khéo”",
        "Ban Chỉ đạo phối hợp hoạt động VĐQC xây dựng và BVTQ",
    ),
    people=(Who("Vũ Thành Tôn", CHAIR, "Phó Bí thư Thường trực Thành ủy", key="vu-thanh-ton"),),
    contributions=(
        "Tập hợp đoàn kết lương giáo tham gia các hoạt động an sinh xã hội",
        "Công tác dân vận của lực lượng công an trong bảo đảm an ninh chính trị, trật tự an toàn xã hội",
        "Công tác phối hợp của Hội Nông dân trong các hoạt động dân vận",
        "Vận động nguồn lực trong Nhân dân xây dựng nông thôn mới nâng cao ở xã Yên Sơn",
    ),
    conclusions=(
        "Ghi nhận và đánh giá cao những kết quả trong công tác dân vận và hoạt động của các Ban Chỉ đạo đã góp "
        "phần quan trọng trong phát triển kinh tế - xã hội, bảo đảm quốc phòng, an ninh."
    ),
    pledges=(
        None,
        "Ban Dân vận Thành ủy ký kết giao ước thi đua năm 2024 với Ban Dân vận các xã, phường",
    ),
    tasks=(
        Task(
            "Tham mưu cho cấp ủy triển khai thực hiện hiệu quả các chỉ thị, nghị quyết của Trung ương, của tỉnh, "
            "của thành phố về công tác dân vận",
            BDV,
            deadline=D(2024, 12, 31),
            done_on=D(2024, 12, 12),
        ),
        Task(
            "Quan tâm tới đồi Ba Mào; bảo đảm giao thông, xây dựng ở xã Đông Sơn; giải quyết những việc tồn tại "
            "từ nhiều năm",
            UBND,
            deadline=D(2024, 6, 30),
            notes=((D(2024, 6, 28), "Đã giải quyết 2/5 vụ việc tồn đọng", 40),),
        ),
        Task(
            "Vận động Nhân dân thực hiện tốt các hoạt động tôn giáo, nhất là việc thành lập Ban quản lý các khu "
            "di tích",
            FRONT,
            deadline=D(2024, 9, 30),
            done_on=D(2024, 9, 20),
        ),
        Task(
            "Đổi mới mạnh mẽ nội dung, phương thức hoạt động của các hội, đoàn thể, gần hơn, sát hơn với hội "
            "viên, đoàn viên",
            FRONT,
            deadline=D(2024, 12, 31),
        ),
    ),
)

HA_LONG_WARD_2025 = Conf(
    key="demo-hn-phuong-ha-long-2025",
    unit=PHUONG_HA_LONG,
    body=PARTY,
    title="Hội nghị tổng kết công tác dân vận năm 2025, triển khai nhiệm vụ năm 2026",
    kind=Kind.REVIEW_FINAL,
    held_on=D(2025, 12, 18),
    venue="Hội trường Đảng ủy phường Hạ Long",
    reviewed=("năm 2025 (từ 01/07/2025)", D(2025, 7, 1), D(2025, 12, 31)),
    planned=("năm 2026", D(2026, 1, 1), D(2026, 12, 31)),
    programmes=("công tác dân vận", "thực hiện dân chủ ở cơ sở"),
    people=(
        Who("Đỗ Văn Hùng", CHAIR, "Phó Bí thư Đảng ủy phường Hạ Long", key="do-van-hung"),
        Who(
            "Nguyễn Quang Vinh",
            REPORTER,
            "Chủ tịch Ủy ban MTTQ Việt Nam phường Hạ Long",
            key="nguyen-quang-vinh",
        ),
        Who(
            "Hoàng Thị Lan",
            SPEAKER,
            "Chủ tịch Hội Liên hiệp Phụ nữ phường Hạ Long",
            key="hoang-thi-lan",
        ),
    ),
    held_note=ILLUSTRATIVE,
    conclusions="Năm đầu tiên hoạt động theo mô hình chính quyền địa phương hai cấp; Ủy ban MTTQ "
    "phường tham mưu, theo dõi, tổng hợp công tác dân vận trên địa bàn.",
    tasks=(
        Task(
            "Kiện toàn Ban công tác Mặt trận ở 100% khu dân cư sau sắp xếp",
            FRONT,
            "Nguyễn Quang Vinh",
            deadline=D(2026, 3, 31),
            done_on=D(2026, 3, 25),
        ),
        Task(
            "Đăng ký, triển khai mô hình “Dân vận khéo” năm 2026 ở mỗi khu phố",
            FRONT,
            "Phạm Thị Thu Hằng",
            deadline=D(2026, 6, 30),
            notes=((D(2026, 6, 30), "18/24 khu đã đăng ký mô hình", 75),),
        ),
        Task(
            "Tổ chức đối thoại của Bí thư Đảng ủy, Chủ tịch UBND phường với Nhân dân ít nhất 2 lần/năm",
            UBND,
            deadline=D(2026, 12, 31),
            notes=((D(2026, 6, 15), "Đã tổ chức 1 cuộc đối thoại", 50),),
        ),
    ),
)

HA_LONG_WARD_2026 = Conf(
    key="demo-hn-phuong-ha-long-2026-6t",
    unit=PHUONG_HA_LONG,
    body=PARTY,
    title="Hội nghị sơ kết công tác dân vận 6 tháng đầu năm, triển khai nhiệm vụ 6 tháng cuối năm 2026",
    kind=Kind.REVIEW_INTERIM,
    held_on=D(2026, 7, 10),
    venue="Hội trường Đảng ủy phường Hạ Long",
    reviewed=("6 tháng đầu năm 2026", D(2026, 1, 1), D(2026, 6, 30)),
    planned=("6 tháng cuối năm 2026", D(2026, 7, 1), D(2026, 12, 31)),
    programmes=("công tác dân vận",),
    people=(
        Who("Đỗ Văn Hùng", CHAIR, "Phó Bí thư Đảng ủy phường Hạ Long", key="do-van-hung"),
        Who(
            "Nguyễn Quang Vinh",
            REPORTER,
            "Chủ tịch Ủy ban MTTQ Việt Nam phường Hạ Long",
            key="nguyen-quang-vinh",
        ),
    ),
    held_note=ILLUSTRATIVE,
    conclusions="Rà soát nhiệm vụ năm 2026 do Hội nghị ngày 18/12/2025 đề ra.",
    tasks=(
        Task(
            "Đăng ký, triển khai mô hình “Dân vận khéo” ở các khu phố còn lại",
            FRONT,
            "Phạm Thị Thu Hằng",
            deadline=D(2026, 9, 30),
            carried_from=("demo-hn-phuong-ha-long-2025", 2),
        ),
        Task(
            "Lấy ý kiến Nhân dân về quy hoạch chỉnh trang khu dân cư ven vịnh, công khai kết quả",
            UBND,
            deadline=D(2026, 10, 31),
            notes=((D(2026, 8, 31), "Đã lấy ý kiến 6/10 khu", 60),),
        ),
        Task(
            "Chuẩn bị tổng kết công tác dân vận năm 2026",
            FRONT,
            "Nguyễn Quang Vinh",
            deadline=D(2026, 12, 15),
        ),
    ),
)

CONFERENCES = (
    SEED_4,
    SEED_1,
    SEED_0,
    HA_LONG_2023,
    SEED_3,
    CAU_NGANG_2023,
    SEED_2,
    HA_LONG_WARD_2025,
    HA_LONG_WARD_2026,
)


def _person(who: Who, unit: Unit) -> Person | None:
    if who.key:
        found = Person.objects.filter(external_id=f"demo-people-{who.key}").first()
        if found is not None:
            return found.final()
    return match_person(who.name, unit=unit)


def _body(unit: Unit, kind: str | None, on: D | None) -> Body | None:
    return body_for(unit, kind, on) if kind else None


def _apply_progress(task: KeyTask, spec: Task, *, by: Any) -> None:
    for on, note, percent in spec.notes:
        task_actions.add_progress(task, by=by, on=on, note=note, percent=percent)
    if spec.done_on:
        task.refresh_from_db()
        task_actions.transition(task, to=Status.DONE, by=by, on=spec.done_on, note="Đã hoàn thành")


def _tasks(c: Conference, spec: Conf, *, by: Any) -> None:
    on = c.held_on or c.sort_on
    for t in spec.tasks:
        owner_body = _body(c.unit, t.owner, on)
        if t.carried_from:
            source_key, number = t.carried_from
            old = KeyTask.objects.get(conference__external_id=source_key, number=number)
            task = task_actions.carry_over(
                old,
                by=by,
                conference=c,
                deadline=t.deadline,
                on=on,
                note=f"Chưa hoàn thành; chuyển sang {spec.planned[0]}",
            )
        else:
            task = task_actions.create_task(
                by=by,
                conference=c,
                text=t.text,
                owner_body=owner_body,
                owner_person_name=t.person,
                co_owners=[b for b in (_body(c.unit, k, on) for k in t.co) if b],
                co_owners_text=t.co_text,
                deadline=t.deadline,
            )
        _apply_progress(task, t, by=by)


def _create(spec: Conf, unit: Unit, *, by: Any) -> Conference:
    on = spec.held_on or spec.reviewed[2] or spec.planned[1]
    body = body_for(unit, spec.body, on)
    online = {}
    if spec.online:
        online = {
            "is_online": True,
            "bridge_points_count": spec.online[0],
            "bridge_points": list(spec.online[1]),
        }
    c = actions.create_conference(
        by=by,
        unit=unit,
        body=body,
        title=spec.title,
        kind=spec.kind,
        external_id=spec.key,
        held_on=spec.held_on,
        held_note=spec.held_note,
        venue=spec.venue,
        reviewed_label=spec.reviewed[0],
        reviewed_from=spec.reviewed[1],
        reviewed_to=spec.reviewed[2],
        planned_label=spec.planned[0],
        planned_from=spec.planned[1],
        planned_to=spec.planned[2],
        programmes=list(spec.programmes),
        reports=list(spec.reports),
        contributions=list(spec.contributions),
        conclusions=spec.conclusions,
        awards_count=spec.awards[0],
        awards_text=spec.awards[1],
        pledges_count=spec.pledges[0],
        pledges_text=spec.pledges[1],
        directives_text=spec.directives,
        **online,
        **spec.notice,
    )
    for who in spec.people:
        position_unit = Unit.objects.filter(key=who.unit).first() if who.unit else None
        actions.add_participant(
            c,
            by=by,
            role=who.role,
            person=_person(who, position_unit or unit),
            full_name=who.name,
            position_label=who.position,
            position_unit=position_unit,
        )
    _tasks(c, spec, by=by)
    return c


def load_demo(*, by: Any) -> str:
    made = 0
    for spec in CONFERENCES:
        unit = Unit.objects.filter(key=spec.unit).first()
        if unit is None or Conference.objects.filter(unit=unit, external_id=spec.key).exists():
            continue
        if any(
            not Conference.objects.filter(external_id=src).exists()
            for src, _ in (t.carried_from for t in spec.tasks if t.carried_from)
        ):
            continue  # its previous conference could not be loaded (unit missing)
        _create(spec, unit, by=by)
        made += 1
    return f"{made} hội nghị mới" if made else "đã có"
