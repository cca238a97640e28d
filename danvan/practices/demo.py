"""Demo "Dân vận khéo" models for the demo units, recorded through the actions.

- Quảng Ninh: the old Hạ Long city and its wards (2021 – 30/06/2025), Phường Hạ Long and
  other communes of the province since 01/07/2025, one province-level model;
- Cầu Ngang district (Trà Vinh, before 2025): 40 models so that on 30/06/2023 there are
  27 in progress and 13 effective, as its mid-term review reported; later some are
  recognised, one is replicated by a commune of today's Vĩnh Long;
- Tam Điệp city (Ninh Bình, before 2025): 25 models registered new in 2023, as its
  year review reported, and a few in other years.

Idempotent: each model has an external id; models that exist are skipped. Dates that
would fall after today are not reached (the model stays at its last state), so some
models are overdue for evaluation.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils import timezone

from danvan.units.models import Body, Lineage, Unit

from . import actions
from .models import EvaluationResult, Practice, PracticeKind, RecognitionLevel


@dataclass(frozen=True)
class Theme:
    name: str
    field: str
    body_kind: str
    beneficiaries: str
    situation: str
    goals: str
    criteria: str
    content: str
    forces: str
    resources: str
    outputs: str
    replicability: str
    level: str = ""


T = Theme
THEMES: dict[str, Theme] = {
    "tuyen-pho": T(
        "Tuyến phố văn minh, sạch đẹp, an toàn",
        "new_rural",
        "fatherland_front",
        "hộ dân, hộ kinh doanh trên tuyến phố",
        "Một số tuyến phố còn tình trạng lấn chiếm vỉa hè, đổ rác không đúng giờ, thiếu cây xanh.",
        "100% hộ ký cam kết; không còn điểm lấn chiếm vỉa hè; trồng mới cây xanh trên toàn tuyến.",
        "Tỷ lệ hộ ký cam kết; số điểm vi phạm còn lại; ý kiến hài lòng của người dân.",
        "Ban công tác Mặt trận vận động từng hộ ký cam kết, tổ chức ra quân tổng vệ sinh sáng chủ nhật "
        "hằng tuần; biểu dương hộ gương mẫu trên bảng tin và nhóm Zalo khu phố.",
        "Ban công tác Mặt trận khu phố chủ trì; chi hội phụ nữ, chi đoàn thanh niên, hội cựu chiến binh phối hợp.",
        "Xã hội hóa 45 triệu đồng trồng cây xanh, lắp đèn; 320 ngày công của Nhân dân.",
        "Biên bản ra quân, danh sách hộ cam kết, ảnh trước và sau khi thực hiện.",
        "Cách làm đơn giản, ít tốn kém, có thể nhân rộng ra các tuyến phố khác.",
    ),
    "phan-loai-rac": T(
        "Phân loại rác thải sinh hoạt tại nguồn",
        "new_rural",
        "womens_union",
        "hộ gia đình trong khu dân cư",
        "Lượng rác thải sinh hoạt tăng, bãi tập kết quá tải, người dân chưa quen phân loại rác.",
        "70% hộ gia đình phân loại rác hữu cơ và tái chế sau một năm.",
        "Tỷ lệ hộ phân loại đúng; khối lượng rác giảm; số tiền gây quỹ từ phế liệu.",
        "Chi hội phụ nữ phát thùng phân loại, hướng dẫn ủ phân vi sinh từ rác hữu cơ; "
        "thu gom phế liệu gây quỹ giúp hội viên khó khăn.",
        "Hội Liên hiệp Phụ nữ chủ trì; tổ dân phố, đơn vị thu gom rác phối hợp.",
        "150 thùng phân loại do doanh nghiệp tài trợ; quỹ phế liệu tự quản.",
        "Sổ theo dõi khối lượng rác, sổ quỹ phế liệu, ảnh các điểm thu gom.",
        "Đã có tổ dân phố khác đến học tập; phù hợp địa bàn đô thị và nông thôn.",
    ),
    "camera": T(
        "Camera an ninh – “Mắt thần khu phố”",
        "defence_security",
        "fatherland_front",
        "khu dân cư, người dân trong khu phố",
        "Trộm cắp vặt tài sản và vi phạm trật tự giao thông xảy ra ở các ngõ hẻm, khó xác minh.",
        "Lắp camera tại các điểm giao cắt chính; giảm 50% vụ trộm cắp so với năm trước.",
        "Số camera lắp đặt và hoạt động; số vụ việc được xác minh nhờ camera.",
        "Vận động Nhân dân đóng góp lắp camera kết nối về nhà văn hóa và công an phường; "
        "tổ an ninh trật tự cơ sở theo dõi, kịp thời báo tin.",
        "Ban công tác Mặt trận, công an phường, tổ bảo vệ an ninh trật tự cơ sở.",
        "Nhân dân đóng góp 120 triệu đồng; doanh nghiệp hỗ trợ đường truyền.",
        "Danh sách điểm lắp đặt, sổ ghi nhận vụ việc, thư cảm ơn của người dân.",
        "Chi phí hợp lý, được nhiều khu dân cư đăng ký học tập.",
    ),
    "hien-dat": T(
        "Vận động Nhân dân hiến đất mở rộng đường giao thông nông thôn",
        "new_rural",
        "peoples_committee",
        "hộ dân có đất ven tuyến đường liên ấp",
        "Đường liên ấp hẹp, xuống cấp, chưa đạt tiêu chí giao thông nông thôn mới.",
        "Mở rộng 3,5 km đường lên 5 m, không phát sinh khiếu nại.",
        "Số mét vuông đất được hiến; số km đường hoàn thành; không có đơn khiếu nại.",
        "Cán bộ, đảng viên gương mẫu hiến đất trước; tổ chức họp dân công khai phương án, "
        "gặp gỡ từng hộ còn băn khoăn; ghi nhận công lao trên bia công trình.",
        "Ủy ban nhân dân chủ trì; Mặt trận, các đoàn thể, ban nhân dân ấp phối hợp.",
        "Ngân sách 1,2 tỷ đồng, Nhân dân hiến 4.200 m² đất và 600 ngày công.",
        "Biên bản hiến đất, hồ sơ công trình, biên bản nghiệm thu.",
        "Cách vận động “cán bộ đi trước, dân theo sau” áp dụng được cho các công trình khác.",
    ),
    "thap-sang": T(
        "Thắp sáng đường quê",
        "new_rural",
        "youth_union",
        "người dân các ấp, học sinh đi học buổi tối",
        "Nhiều tuyến đường ấp chưa có đèn chiếu sáng, tiềm ẩn mất an toàn giao thông và an ninh.",
        "Lắp đèn năng lượng mặt trời trên các tuyến đường chưa có điện chiếu sáng.",
        "Số km đường được chiếu sáng; số bóng đèn hoạt động sau 12 tháng.",
        "Đoàn thanh niên vận động nguồn lực, trực tiếp lắp đặt; hộ dân ven đường nhận bảo quản.",
        "Đoàn Thanh niên chủ trì; Hội Cựu chiến binh, ban nhân dân ấp phối hợp.",
        "Nhà hảo tâm và Nhân dân đóng góp 85 triệu đồng.",
        "Danh sách tuyến đường, hợp đồng mua đèn, ảnh công trình.",
        "Đã nhân rộng ra các ấp lân cận.",
    ),
    "phu-nu-kinh-te": T(
        "Hội viên phụ nữ giúp nhau phát triển kinh tế, giảm nghèo bền vững",
        "economy",
        "womens_union",
        "hội viên phụ nữ thuộc hộ nghèo, cận nghèo",
        "Một bộ phận hội viên thiếu vốn, thiếu kiến thức sản xuất, khó thoát nghèo.",
        "Giúp 30 hội viên có việc làm ổn định, 10 hộ thoát nghèo sau 2 năm.",
        "Số hội viên được hỗ trợ vốn, số hộ thoát nghèo, tỷ lệ hoàn trả vốn.",
        "Thành lập tổ tiết kiệm và vay vốn, góp vốn xoay vòng; tập huấn kỹ thuật chăn nuôi, "
        "kinh doanh nhỏ; hội viên khá giỏi kèm cặp hội viên khó khăn.",
        "Hội Liên hiệp Phụ nữ chủ trì; Ngân hàng Chính sách xã hội phối hợp.",
        "Vốn vay ủy thác 600 triệu đồng; quỹ tiết kiệm xoay vòng của hội viên.",
        "Sổ theo dõi vốn, danh sách hộ thoát nghèo được xác nhận.",
        "Phù hợp nhiều địa bàn, đặc biệt nơi đông hộ nghèo.",
    ),
    "thuy-san": T(
        "Tổ hợp tác nuôi trồng thủy sản an toàn, liên kết tiêu thụ",
        "economy",
        "farmers_union",
        "ngư dân, hộ nuôi trồng thủy sản",
        "Hộ nuôi nhỏ lẻ, giá bán bấp bênh, môi trường nuôi ô nhiễm.",
        "Thành lập tổ hợp tác 25 thành viên, ký hợp đồng bao tiêu với doanh nghiệp.",
        "Số thành viên; sản lượng tiêu thụ theo hợp đồng; thu nhập bình quân tăng.",
        "Hội Nông dân vận động hộ nuôi liên kết, thống nhất quy trình nuôi, cùng mua giống, "
        "thức ăn; kết nối doanh nghiệp bao tiêu.",
        "Hội Nông dân chủ trì; trạm khuyến nông, doanh nghiệp thu mua phối hợp.",
        "Quỹ hỗ trợ nông dân 300 triệu đồng; vốn đối ứng của hộ.",
        "Biên bản thành lập tổ hợp tác, hợp đồng bao tiêu, sổ sản lượng.",
        "Nhân rộng được ở các xã ven biển.",
    ),
    "dich-vu-cong": T(
        "Tổ công nghệ số cộng đồng hướng dẫn người dân dùng dịch vụ công trực tuyến",
        "political_system",
        "youth_union",
        "người dân, nhất là người cao tuổi",
        "Tỷ lệ hồ sơ dịch vụ công trực tuyến thấp; người cao tuổi lúng túng khi dùng điện thoại thông minh.",
        "Hướng dẫn 1.000 lượt người dân cài đặt định danh điện tử và nộp hồ sơ trực tuyến.",
        "Số lượt hướng dẫn; tỷ lệ hồ sơ trực tuyến của địa bàn.",
        "Đoàn viên trực tại bộ phận một cửa và đến từng khu dân cư hướng dẫn “cầm tay chỉ việc”.",
        "Đoàn Thanh niên chủ trì; công an, bộ phận một cửa phối hợp.",
        "Thiết bị của đoàn viên; wifi miễn phí tại nhà văn hóa.",
        "Sổ theo dõi lượt hướng dẫn, số liệu hồ sơ trực tuyến.",
        "Dễ nhân rộng; phù hợp chủ trương chuyển đổi số.",
    ),
    "gan-dan": T(
        "Cán bộ, đảng viên gần dân, sát dân, trọng dân",
        "political_system",
        "party_committee",
        "cán bộ, đảng viên và Nhân dân khu dân cư",
        "Một số ý kiến, kiến nghị của Nhân dân chậm được giải quyết, tạo bức xúc.",
        "Mỗi đảng viên phụ trách 10 – 15 hộ; 100% kiến nghị được tiếp nhận và trả lời.",
        "Số kiến nghị tiếp nhận, số được giải quyết đúng hạn; mức hài lòng của Nhân dân.",
        "Phân công đảng viên phụ trách hộ; tổ chức “cà phê sáng cùng dân” hằng tháng; "
        "sổ theo dõi kiến nghị được kiểm điểm trong sinh hoạt chi bộ.",
        "Chi bộ chủ trì; Ban công tác Mặt trận, các chi hội đoàn thể phối hợp.",
        "Không cần kinh phí lớn; thời gian của đảng viên.",
        "Sổ phân công, sổ theo dõi kiến nghị, biên bản sinh hoạt chi bộ.",
        "Áp dụng được ở mọi chi bộ khu dân cư.",
        level="agency",
    ),
    "nha-nhan-ai": T(
        "Mái ấm nghĩa tình – xây nhà cho hộ nghèo",
        "culture_society",
        "fatherland_front",
        "hộ nghèo, hộ cận nghèo có nhà ở xuống cấp",
        "Còn hộ nghèo ở nhà tạm, dột nát, không tự cải thiện được.",
        "Xây mới, sửa chữa 12 căn nhà cho hộ khó khăn.",
        "Số nhà hoàn thành; nguồn lực vận động được.",
        "Mặt trận vận động doanh nghiệp, con em xa quê, Nhân dân góp tiền, góp công; "
        "giám sát thi công, bàn giao công khai.",
        "Ủy ban Mặt trận chủ trì; các đoàn thể, ban nhân dân khu phố phối hợp.",
        "Quỹ Vì người nghèo 540 triệu đồng; 400 ngày công.",
        "Biên bản bàn giao nhà, danh sách nhà hảo tâm.",
        "Nhân rộng được, cần nguồn xã hội hóa ổn định.",
    ),
    "khuyen-hoc": T(
        "Quỹ khuyến học “Tiếp bước em đến trường”",
        "culture_society",
        "fatherland_front",
        "học sinh nghèo vượt khó",
        "Một số học sinh có nguy cơ bỏ học vì hoàn cảnh gia đình.",
        "Không để học sinh nào bỏ học vì khó khăn; trao 50 suất học bổng mỗi năm.",
        "Số học bổng; số học sinh được hỗ trợ tiếp tục đi học.",
        "Vận động dòng họ, doanh nghiệp lập quỹ; nhận đỡ đầu học sinh đến hết bậc học.",
        "Hội Khuyến học, Mặt trận, nhà trường.",
        "Quỹ khuyến học 120 triệu đồng/năm.",
        "Danh sách nhận học bổng, sổ quỹ.",
        "Bền vững nhờ quỹ duy trì hằng năm.",
    ),
    "bao-luc-gia-dinh": T(
        "Câu lạc bộ phòng, chống bạo lực gia đình",
        "culture_society",
        "womens_union",
        "phụ nữ, trẻ em, các cặp vợ chồng trẻ",
        "Còn xảy ra bạo lực gia đình; nạn nhân ngại tố giác.",
        "Không có vụ bạo lực gia đình nghiêm trọng; 100% vụ việc được can thiệp, hòa giải kịp thời.",
        "Số buổi sinh hoạt; số vụ việc được phát hiện và can thiệp.",
        "Sinh hoạt chuyên đề hằng quý; lập “địa chỉ tin cậy” tại cộng đồng; nhóm nòng cốt can thiệp.",
        "Hội Liên hiệp Phụ nữ chủ trì; công an, tổ hòa giải phối hợp.",
        "Kinh phí hội; tài liệu do ngành văn hóa hỗ trợ.",
        "Biên bản sinh hoạt, sổ ghi nhận vụ việc.",
        "Nhân rộng được ở các khu dân cư.",
    ),
    "khmer-ntm": T(
        "Đồng bào Khmer chung sức xây dựng nông thôn mới",
        "new_rural",
        "fatherland_front",
        "đồng bào dân tộc Khmer trong các ấp",
        "Ấp đông đồng bào Khmer còn nhiều tiêu chí nông thôn mới chưa đạt, thu nhập thấp.",
        "Ấp đạt chuẩn nông thôn mới; 90% hộ đồng bào tham gia các phong trào.",
        "Số tiêu chí đạt; tỷ lệ hộ Khmer tham gia; số hộ thoát nghèo.",
        "Phát huy vai trò người có uy tín, sư sãi trong chùa Khmer tuyên truyền; song ngữ Việt – Khmer "
        "trong họp dân; tổ chức ngày chủ nhật xanh.",
        "Mặt trận chủ trì; người có uy tín, Ban quản trị chùa, các đoàn thể phối hợp.",
        "Nguồn Chương trình mục tiêu quốc gia; đóng góp của đồng bào.",
        "Kết quả rà soát tiêu chí nông thôn mới của ấp.",
        "Phù hợp các địa bàn có đông đồng bào Khmer.",
    ),
    "chua-khmer": T(
        "Chùa Khmer tham gia tuyên truyền, phổ biến pháp luật",
        "culture_society",
        "fatherland_front",
        "sư sãi, phật tử và đồng bào Khmer",
        "Đồng bào còn hạn chế hiểu biết pháp luật, dễ bị lôi kéo.",
        "Mỗi chùa tổ chức ít nhất 4 buổi tuyên truyền mỗi năm.",
        "Số buổi tuyên truyền; số lượt người dự; vụ việc vi phạm giảm.",
        "Lồng ghép tuyên truyền vào các ngày lễ của đồng bào; tủ sách pháp luật tại chùa.",
        "Ban Dân vận, Mặt trận, hội Đoàn kết sư sãi yêu nước.",
        "Tài liệu song ngữ do huyện hỗ trợ.",
        "Biên bản tuyên truyền, ảnh hoạt động.",
        "Nhân rộng được ở các chùa Khmer khác.",
    ),
    "xam-nhap-man": T(
        "Chuyển đổi cây trồng, vật nuôi thích ứng xâm nhập mặn",
        "economy",
        "farmers_union",
        "nông dân vùng bị ảnh hưởng xâm nhập mặn",
        "Xâm nhập mặn làm lúa mất mùa, thu nhập người dân giảm.",
        "Chuyển đổi 50 ha lúa kém hiệu quả sang màu và nuôi tôm – lúa.",
        "Diện tích chuyển đổi; thu nhập trên 1 ha tăng ít nhất 30%.",
        "Hội Nông dân vận động xây dựng điểm trình diễn, tổ chức hội thảo đầu bờ, "
        "liên kết đầu ra với hợp tác xã.",
        "Hội Nông dân chủ trì; phòng nông nghiệp, hợp tác xã phối hợp.",
        "Vốn vay Quỹ hỗ trợ nông dân; giống hỗ trợ của huyện.",
        "Báo cáo năng suất, thu nhập điểm trình diễn.",
        "Có khả năng nhân rộng trong vùng ven biển.",
    ),
    "du-lich": T(
        "Thanh niên tình nguyện hỗ trợ du khách, giữ gìn hình ảnh thành phố du lịch",
        "economy",
        "youth_union",
        "du khách, hộ kinh doanh du lịch",
        "Mùa cao điểm còn tình trạng chèo kéo, nâng giá, ảnh hưởng hình ảnh du lịch.",
        "Đội tình nguyện trực tại bãi biển, cảng tàu các dịp cao điểm; không còn chèo kéo du khách.",
        "Số lượt du khách được hỗ trợ; số phản ánh tiêu cực giảm.",
        "Đoàn viên trực hướng dẫn, hỗ trợ du khách; tuyên truyền hộ kinh doanh ký cam kết "
        "niêm yết giá.",
        "Đoàn Thanh niên chủ trì; ban quản lý bãi biển, hội doanh nghiệp phối hợp.",
        "Kinh phí đoàn; đồng phục do doanh nghiệp tài trợ.",
        "Sổ trực, cam kết của hộ kinh doanh.",
        "Nhân rộng được ở các điểm du lịch.",
    ),
    "ccb-kinh-te": T(
        "Cựu chiến binh giúp nhau làm kinh tế",
        "economy",
        "veterans",
        "hội viên cựu chiến binh có hoàn cảnh khó khăn",
        "Một số hội viên cao tuổi, thu nhập thấp, thiếu vốn sản xuất.",
        "Không còn hội viên thuộc hộ nghèo sau 3 năm.",
        "Số hội viên được giúp vốn, con giống, ngày công; số hộ thoát nghèo.",
        "Hội viên khá giúp hội viên khó khăn bằng vốn không lãi, con giống, kinh nghiệm.",
        "Hội Cựu chiến binh chủ trì.",
        "Quỹ hội 150 triệu đồng.",
        "Sổ theo dõi giúp đỡ, danh sách hộ thoát nghèo.",
        "Phù hợp mọi chi hội cựu chiến binh.",
    ),
    "khong-ma-tuy": T(
        "Khu dân cư không có tội phạm và tệ nạn ma túy",
        "defence_security",
        "fatherland_front",
        "thanh thiếu niên, gia đình trong khu dân cư",
        "Địa bàn giáp ranh, có nguy cơ phát sinh tệ nạn ma túy trong thanh thiếu niên.",
        "Không phát sinh người nghiện mới; không có tội phạm hình sự nghiêm trọng.",
        "Số người nghiện mới; số vụ phạm pháp hình sự; số gia đình ký cam kết.",
        "Gia đình ký cam kết; đảng viên, đoàn viên kèm cặp thanh thiếu niên chậm tiến; "
        "sinh hoạt thể thao, văn nghệ thu hút thanh niên.",
        "Mặt trận, công an, Đoàn Thanh niên, tổ an ninh trật tự.",
        "Kinh phí hoạt động của khu dân cư.",
        "Cam kết của gia đình, báo cáo của công an.",
        "Nhân rộng được ở các khu dân cư có nguy cơ.",
        level="village",
    ),
    "dua-tam-diep": T(
        "Liên kết trồng dứa an toàn theo chuỗi giá trị",
        "economy",
        "farmers_union",
        "hộ nông dân trồng dứa",
        "Dứa trồng phân tán, giá bán phụ thuộc thương lái, chất lượng không đồng đều.",
        "Liên kết 60 hộ, 40 ha dứa theo quy trình an toàn, có hợp đồng tiêu thụ với nhà máy.",
        "Diện tích theo quy trình; tỷ lệ sản lượng bán qua hợp đồng; thu nhập tăng.",
        "Hội Nông dân vận động hộ liên kết, tập huấn quy trình, ghi nhật ký sản xuất; "
        "ký hợp đồng với nhà máy chế biến.",
        "Hội Nông dân chủ trì; nhà máy chế biến, khuyến nông phối hợp.",
        "Vốn hộ dân; hỗ trợ giống của thành phố.",
        "Hợp đồng tiêu thụ, nhật ký sản xuất, báo cáo thu nhập.",
        "Phù hợp vùng đồi của thành phố.",
    ),
    "hoa-giai": T(
        "Tổ hòa giải giỏi ở cơ sở",
        "defence_security",
        "fatherland_front",
        "hộ gia đình có mâu thuẫn, tranh chấp nhỏ",
        "Mâu thuẫn đất đai, hàng xóm phát sinh đơn thư vượt cấp.",
        "Hòa giải thành trên 90% vụ việc; không để phát sinh đơn thư vượt cấp.",
        "Số vụ hòa giải; tỷ lệ thành; số đơn thư vượt cấp.",
        "Kiện toàn tổ hòa giải có người uy tín, cựu chiến binh, người cao tuổi; "
        "nắm tình hình từ sớm, hòa giải tại nhà.",
        "Ban công tác Mặt trận chủ trì; công an khu vực, tư pháp phối hợp.",
        "Kinh phí hỗ trợ hòa giải viên theo quy định.",
        "Sổ theo dõi hòa giải.",
        "Áp dụng được ở mọi khu dân cư.",
        level="village",
    ),
    "chi-bo-4-tot": T(
        "Nâng cao chất lượng sinh hoạt chi bộ gắn với giải quyết kiến nghị của dân",
        "political_system",
        "party_committee",
        "đảng viên chi bộ, Nhân dân khu dân cư",
        "Sinh hoạt chi bộ còn hình thức, chưa bàn sâu những việc dân quan tâm.",
        "100% buổi sinh hoạt có nội dung về ý kiến của Nhân dân; chi bộ hoàn thành tốt nhiệm vụ.",
        "Số kiến nghị được chi bộ bàn và chỉ đạo giải quyết; kết quả đánh giá chi bộ.",
        "Trước mỗi kỳ sinh hoạt, đảng viên tổng hợp ý kiến các hộ phụ trách; chi bộ phân công giải quyết.",
        "Chi bộ chủ trì; ban nhân dân khu dân cư, các chi hội phối hợp.",
        "Không phát sinh kinh phí.",
        "Biên bản sinh hoạt chi bộ, sổ theo dõi kiến nghị.",
        "Phù hợp với mọi chi bộ.",
        level="agency",
    ),
    "cong-nhan": T(
        "Doanh nghiệp đồng hành cùng người lao động",
        "economy",
        "trade_union",
        "công nhân, người lao động trong doanh nghiệp",
        "Đời sống một bộ phận công nhân khó khăn, có nguy cơ tranh chấp lao động.",
        "Không để xảy ra ngừng việc tập thể; 100% công nhân được đối thoại định kỳ.",
        "Số cuộc đối thoại; số kiến nghị được giải quyết; tranh chấp lao động.",
        "Công đoàn tổ chức đối thoại hằng quý với chủ doanh nghiệp; hỗ trợ nhà trọ, "
        "chăm lo con công nhân.",
        "Công đoàn cơ sở chủ trì; chủ doanh nghiệp phối hợp.",
        "Quỹ phúc lợi doanh nghiệp.",
        "Biên bản đối thoại, thỏa ước lao động tập thể.",
        "Nhân rộng ở các doanh nghiệp có đông công nhân.",
    ),
}

PEOPLE = [
    ("Nguyễn Văn Thắng", "Bí thư Chi bộ kiêm Trưởng khu"),
    ("Trần Thị Hồng", "Chi hội trưởng Phụ nữ"),
    ("Lê Văn Tám", "Tổ trưởng tổ an ninh trật tự"),
    ("Phạm Thị Lan", "Trưởng ban công tác Mặt trận"),
    ("Thạch Sa Rây", "Người có uy tín trong đồng bào Khmer"),
    ("Kim Thị Sô Phia", "Chi hội trưởng Phụ nữ ấp"),
    ("Đinh Văn Hải", "Chi hội trưởng Cựu chiến binh"),
    ("Vũ Thị Thu", "Giáo viên, đoàn viên công đoàn"),
    ("Hoàng Văn Long", "Nông dân sản xuất, kinh doanh giỏi"),
]


@dataclass
class Spec:
    external_id: str
    unit_key: str
    theme: str
    registered_on: dt.date
    started_on: dt.date | None = None
    evaluated_on: dt.date | None = None
    result: str = EvaluationResult.GOOD
    recognised_on: dt.date | None = None
    recognition_level: str = ""
    decision: str = ""
    stopped_on: dt.date | None = None
    stopped_reason: str = ""
    exemplar: int | None = None  # index into PEOPLE
    replicates: str = ""  # external id of the source (same load)
    evaluation_due: dt.date | None = None
    extra: dict[str, Any] = field(default_factory=dict)


def _days(rng: random.Random, a: int, b: int) -> dt.timedelta:
    return dt.timedelta(days=rng.randint(a, b))


def _between(rng: random.Random, start: dt.date, end: dt.date) -> dt.date:
    return start + dt.timedelta(days=rng.randint(0, max(0, (end - start).days)))


def _children(key: str) -> list[str]:
    unit = Unit.objects.filter(key=key).first()
    return list(unit.children.order_by("code").values_list("key", flat=True)) if unit else []


def cau_ngang_specs() -> list[Spec]:
    """40 models of Cầu Ngang district: on 30/06/2023, 27 in progress and 13 effective."""
    rng = random.Random(848)
    district = "848@2025-06-30"
    communes = _children(district)
    if not communes:
        return []
    themes = ["khmer-ntm", "chua-khmer", "xam-nhap-man", "hien-dat", "thap-sang",
              "phu-nu-kinh-te", "ccb-kinh-te", "hoa-giai", "gan-dan", "khuyen-hoc",
              "khong-ma-tuy", "dich-vu-cong"]  # fmt: skip
    mid = dt.date(2023, 6, 30)
    specs = []
    for i in range(40):
        unit = district if i % 10 == 0 else communes[i % len(communes)]
        # The 13 effective by mid-2023 started early enough to have run six months.
        latest = dt.date(2022, 6, 30) if i < 13 else dt.date(2023, 5, 31)
        registered = _between(rng, dt.date(2021, 2, 1), latest)
        started = registered + _days(rng, 10, 25)
        spec = Spec(
            external_id=f"demo-cn-{i + 1:02d}",
            unit_key=unit,
            theme=themes[i % len(themes)],
            registered_on=registered,
            started_on=started,
            evaluation_due=started + dt.timedelta(days=540),
            exemplar=4 + i % 3 if i % 9 == 4 else None,
        )
        if i < 13:  # effective by the mid-term review
            spec.evaluated_on = _between(
                rng, started + dt.timedelta(days=180), mid - dt.timedelta(days=5)
            )
            spec.result = [
                EvaluationResult.GOOD,
                EvaluationResult.EXCELLENT,
                EvaluationResult.PASS,
            ][i % 3]
            if i < 5:  # recognised at the year review of 2023
                spec.recognised_on = dt.date(2023, 12, 15)
                spec.recognition_level = RecognitionLevel.DISTRICT
                spec.decision = f"{1180 + i}-QĐ/HU"
        elif i < 25:  # evaluated in 2024
            spec.evaluated_on = _between(rng, dt.date(2024, 3, 1), dt.date(2024, 11, 30))
        elif i < 28:  # stopped when the district was dissolved
            spec.stopped_on = dt.date(2025, 6, 20)
            spec.stopped_reason = (
                "Sắp xếp đơn vị hành chính, kết thúc hoạt động cấp huyện; nội dung chuyển giao "
                "cho xã mới tiếp tục theo dõi."
            )
        specs.append(spec)
    return specs


def tam_diep_specs() -> list[Spec]:
    """Tam Điệp city: 25 models registered new in 2023, a few in 2021, 2022 and 2024."""
    rng = random.Random(370)
    city = "370@2025-06-30"
    wards = _children(city)
    if not wards:
        return []
    themes = ["dua-tam-diep", "tuyen-pho", "phan-loai-rac", "gan-dan", "chi-bo-4-tot",
              "phu-nu-kinh-te", "ccb-kinh-te", "khong-ma-tuy", "dich-vu-cong", "nha-nhan-ai",
              "cong-nhan", "hoa-giai", "khuyen-hoc"]  # fmt: skip
    years = [2021] * 3 + [2022] * 4 + [2023] * 25 + [2024] * 5
    specs = []
    for i, year in enumerate(years):
        unit = city if i % 8 == 0 else wards[i % len(wards)]
        registered = _between(rng, dt.date(year, 1, 5), dt.date(year, 12, 10))
        spec = Spec(
            external_id=f"demo-td-{i + 1:02d}",
            unit_key=unit,
            theme=themes[i % len(themes)],
            registered_on=registered,
            started_on=registered + _days(rng, 7, 45),
            evaluation_due=dt.date(year, 12, 31) + dt.timedelta(days=365),
            exemplar=i % len(PEOPLE) if i % 7 == 3 else None,
        )
        roll = rng.random()
        if roll < 0.55:
            spec.evaluated_on = _between(rng, dt.date(year + 1, 10, 1), dt.date(year + 1, 12, 5))
            if roll < 0.2:
                spec.recognised_on = spec.evaluated_on + _days(rng, 7, 20)
                if spec.recognised_on < dt.date(2025, 7, 1):  # the city, while it existed
                    spec.recognition_level = RecognitionLevel.DISTRICT
                    spec.decision = f"{2150 + i}/QĐ-UBND"
                else:
                    spec.recognition_level = RecognitionLevel.PROVINCE
                    spec.decision = f"{415 + i}/QĐ-UBND"
        elif roll < 0.65:
            spec.stopped_on = registered + _days(rng, 200, 400)
            spec.stopped_reason = (
                "Chủ thể thực hiện chuyển công tác, khu dân cư sáp nhập; dừng thực hiện."
            )
        if year == 2023 and i % 12 == 5:
            spec.started_on = None  # registered, never started
        specs.append(spec)
    return specs


def ha_long_specs() -> list[Spec]:
    """Hạ Long city and its wards before 2025; Phường Hạ Long and other Quảng Ninh units after."""
    rng = random.Random(193)
    city = "193@2025-06-30"
    wards = _children(city)
    specs: list[Spec] = []
    if wards:
        themes = ["tuyen-pho", "phan-loai-rac", "camera", "du-lich", "gan-dan", "nha-nhan-ai",
                  "dich-vu-cong", "bao-luc-gia-dinh", "thuy-san", "chi-bo-4-tot", "cong-nhan"]  # fmt: skip
        # The wards that became Phường Hạ Long come first, so its history is rich.
        order = ["06688@2025-06-30", "06697@2025-06-30"] + [w for w in wards if w not in (
            "06688@2025-06-30", "06697@2025-06-30")]  # fmt: skip
        for i in range(30):
            year = 2021 + i % 4
            unit = city if i % 6 == 0 else order[i % len(order)]
            registered = _between(rng, dt.date(year, 2, 1), dt.date(year, 4, 30))
            spec = Spec(
                external_id=f"demo-hl-{i + 1:02d}",
                unit_key=unit,
                theme=themes[i % len(themes)],
                registered_on=registered,
                started_on=registered + _days(rng, 5, 30),
                evaluation_due=dt.date(year, 11, 30),
                exemplar=i % 4 if i % 5 == 2 else None,
            )
            roll = rng.random()
            if roll < 0.6:  # "evaluate the models of the year" at the year review
                spec.evaluated_on = _between(rng, dt.date(year, 11, 10), dt.date(year, 11, 28))
                spec.result = EvaluationResult.EXCELLENT if roll < 0.2 else EvaluationResult.GOOD
                if roll < 0.3:
                    spec.recognised_on = dt.date(year, 12, 1)
                    spec.recognition_level = RecognitionLevel.DISTRICT
                    spec.decision = f"{3400 + i}-QĐ/TU"
            elif roll < 0.7:
                spec.stopped_on = registered + _days(rng, 150, 300)
                spec.stopped_reason = "Nội dung trùng với cuộc vận động Mặt trận đang triển khai; gộp vào phong trào chung."
            specs.append(spec)
        # One model of Hồng Hải recognised by the province in 2024.
        specs.append(
            Spec(
                external_id="demo-hl-31",
                unit_key="06688@2025-06-30",
                theme="camera",
                registered_on=dt.date(2022, 3, 10),
                started_on=dt.date(2022, 3, 25),
                evaluated_on=dt.date(2023, 11, 20),
                result=EvaluationResult.EXCELLENT,
                recognised_on=dt.date(2024, 4, 2),
                recognition_level=RecognitionLevel.PROVINCE,
                decision="1024/QĐ-UBND",
            )
        )
    # Since 01/07/2025: Phường Hạ Long …
    if Unit.objects.filter(key="06688").exists():
        plan = [
            ("tuyen-pho", dt.date(2025, 8, 5), dt.date(2025, 8, 20), dt.date(2026, 6, 30), None),
            ("phan-loai-rac", dt.date(2025, 8, 12), dt.date(2025, 9, 1), dt.date(2026, 3, 31), None),
            ("dich-vu-cong", dt.date(2025, 9, 3), dt.date(2025, 9, 10), dt.date(2026, 9, 30), dt.date(2026, 10, 5)),
            ("gan-dan", dt.date(2025, 10, 1), dt.date(2025, 10, 15), dt.date(2026, 12, 31), None),
            ("du-lich", dt.date(2026, 3, 2), dt.date(2026, 4, 1), dt.date(2026, 10, 31), None),
            ("bao-luc-gia-dinh", dt.date(2026, 4, 15), None, dt.date(2027, 4, 15), None),
            ("nha-nhan-ai", dt.date(2026, 9, 8), None, dt.date(2027, 9, 30), None),
        ]  # fmt: skip
        for i, (theme, reg, start, due, evaluated) in enumerate(plan):
            specs.append(
                Spec(
                    external_id=f"demo-phl-{i + 1:02d}",
                    unit_key="06688",
                    theme=theme,
                    registered_on=reg,
                    started_on=start,
                    evaluated_on=evaluated,
                    evaluation_due=due,
                    exemplar=3 if i == 3 else None,
                )
            )
        # … replicating the recognised camera model of the old Hồng Hải ward.
        specs.append(
            Spec(
                external_id="demo-phl-08",
                unit_key="06688",
                theme="camera",
                registered_on=dt.date(2025, 11, 3),
                started_on=dt.date(2025, 11, 20),
                evaluation_due=dt.date(2026, 11, 15),
                replicates="demo-hl-31",
            )
        )
    # … and other communes of Quảng Ninh, and the province itself.
    others = [
        ("22", "gan-dan", dt.date(2025, 9, 15), True),
        ("06673", "du-lich", dt.date(2025, 8, 20), True),
        ("06652", "phan-loai-rac", dt.date(2025, 10, 2), False),
        ("06706", "du-lich", dt.date(2026, 2, 10), False),
        ("06994", "thuy-san", dt.date(2025, 8, 28), True),
        ("07192", "thuy-san", dt.date(2025, 9, 9), False),
        ("06712", "cong-nhan", dt.date(2025, 10, 20), False),
        ("06811", "khong-ma-tuy", dt.date(2025, 11, 5), True),
        ("06838", "phu-nu-kinh-te", dt.date(2026, 1, 12), False),
        ("06862", "ccb-kinh-te", dt.date(2026, 3, 3), False),
        ("06688", "chi-bo-4-tot", dt.date(2026, 5, 6), False),
    ]
    for i, (key, theme, reg, evaluated) in enumerate(others):
        if not Unit.objects.filter(key=key).exists():
            continue
        specs.append(
            Spec(
                external_id=f"demo-qn-{i + 1:02d}",
                unit_key=key,
                theme=theme,
                registered_on=reg,
                started_on=reg + dt.timedelta(days=14),
                evaluated_on=reg + dt.timedelta(days=330) if evaluated else None,
                evaluation_due=reg + dt.timedelta(days=365),
            )
        )
    return specs


def vinh_long_specs() -> list[Spec]:
    """Today's Vĩnh Long communes that took over Cầu Ngang: one replicates a recognised model."""
    link = Lineage.objects.filter(predecessor__key="29416@2025-06-30", is_default=True).first()
    if link is None:
        return []
    key = link.successor.key
    return [
        Spec(
            external_id="demo-vl-01",
            unit_key=key,
            theme="khmer-ntm",
            registered_on=dt.date(2025, 9, 22),
            started_on=dt.date(2025, 10, 1),
            evaluation_due=dt.date(2026, 9, 30),
            replicates="demo-cn-01",
        ),
        Spec(
            external_id="demo-vl-02",
            unit_key=key,
            theme="dich-vu-cong",
            registered_on=dt.date(2025, 8, 15),
            started_on=dt.date(2025, 8, 25),
            evaluated_on=dt.date(2026, 8, 20),
            evaluation_due=dt.date(2026, 8, 31),
        ),
        Spec(
            external_id="demo-vl-03",
            unit_key=key,
            theme="xam-nhap-man",
            registered_on=dt.date(2026, 2, 5),
            started_on=dt.date(2026, 3, 1),
            evaluation_due=dt.date(2026, 10, 31),
        ),
    ]


def _body(unit: Unit, kind: str, on: dt.date) -> Body | None:
    bodies = Body.objects.filter(unit=unit).valid_on(on)
    return bodies.filter(kind=kind).first() or bodies.filter(kind="fatherland_front").first()


def _fields(spec: Spec, unit: Unit) -> dict[str, Any]:
    theme = THEMES[spec.theme]
    kind = PracticeKind.EXEMPLAR if spec.exemplar is not None else PracticeKind.MODEL
    person = PEOPLE[spec.exemplar] if spec.exemplar is not None else ("", "")
    name = theme.name
    if kind == PracticeKind.EXEMPLAR:
        name = f"{person[0]} – điển hình “{theme.name}”"
    values: dict[str, Any] = {
        "kind": kind,
        "name": name,
        "field": theme.field,
        "body": _body(unit, theme.body_kind, spec.registered_on),
        "registered_on": spec.registered_on,
        "registration_year": spec.registered_on.year,
        "person_name": person[0],
        "person_position": f"{person[1]}, {unit.name}" if person[0] else "",
        "situation": theme.situation,
        "goals": theme.goals,
        "criteria": theme.criteria,
        "content_method": theme.content,
        "area": unit.name,
        "beneficiaries": theme.beneficiaries,
        "forces": theme.forces,
        "resources": theme.resources,
        "start_on": spec.started_on,
        "evaluation_due": spec.evaluation_due,
        "outputs": theme.outputs,
        "replicability": theme.replicability,
        "external_id": spec.external_id,
    }
    if theme.level:
        values["level"] = theme.level
    return values


EVALUATION_NOTES = {
    EvaluationResult.EXCELLENT: "Vượt các tiêu chí đã đăng ký; Nhân dân đồng tình, hưởng ứng cao; đề nghị công nhận và nhân rộng.",
    EvaluationResult.GOOD: "Đạt các tiêu chí đã đăng ký; có sản phẩm cụ thể, được Nhân dân ghi nhận.",
    EvaluationResult.PASS: "Đạt phần lớn tiêu chí; cần duy trì thường xuyên và bổ sung nguồn lực.",
}


def _run(spec: Spec, *, by: Any, done: dict[str, Practice], today: dt.date) -> Practice | None:
    unit = Unit.objects.filter(key=spec.unit_key).first()
    if unit is None or spec.registered_on > today:
        return None
    existing = Practice.objects.filter(unit=unit, external_id=spec.external_id).first()
    if existing is not None:
        return existing
    source = done.get(spec.replicates) if spec.replicates else None
    p = actions.register_practice(
        by=by,
        unit=unit,
        fields=_fields(spec, unit),
        replicates=source,
        acknowledge_similar=True,
        note="Dữ liệu minh họa.",
    )
    if spec.started_on and spec.started_on <= today:
        p = actions.start_practice(p, by=by, on=spec.started_on)
    else:
        return p
    if spec.stopped_on and spec.stopped_on <= today and not spec.evaluated_on:
        return actions.stop_practice(p, by=by, on=spec.stopped_on, reason=spec.stopped_reason)
    if spec.evaluated_on and spec.evaluated_on <= today:
        p = actions.evaluate_practice(
            p, by=by, on=spec.evaluated_on, result=spec.result, note=EVALUATION_NOTES[spec.result]
        )
    if spec.recognised_on and spec.recognised_on <= today:
        p = actions.recognise_practice(
            p,
            by=by,
            on=spec.recognised_on,
            level=spec.recognition_level,
            decision=spec.decision,
            note="Công nhận tại hội nghị tổng kết năm.",
        )
    return p


def all_specs() -> list[Spec]:
    return [*cau_ngang_specs(), *tam_diep_specs(), *ha_long_specs(), *vinh_long_specs()]


@transaction.atomic
def load_demo(*, by: Any) -> dict[str, int]:
    """Create the demo models (skipping those that exist); {"created": n, "existing": m}."""
    today = timezone.localdate()
    done: dict[str, Practice] = {}
    before = Practice.objects.filter(external_id__startswith="demo-").count()
    for spec in all_specs():  # sources come before their replications
        p = _run(spec, by=by, done=done, today=today)
        if p is not None:
            done[spec.external_id] = p
    after = Practice.objects.filter(external_id__startswith="demo-").count()
    return {"created": after - before, "existing": before}
