"""Demo quizzes: a question bank of original Vietnamese questions per demo course, a final quiz
as the last step of each course, and demo attempts spread across the demo communes.

Call ``seed_quizzes()`` after the courses and their progress exist (``seed_courses``,
``seed_progress``, ``seed_demo_cadre``). It is idempotent: questions are matched by
their text within their bank, a course keeps the quiz it has (moved to the end if
steps were added after it), and cadres who already have attempts are left alone.
Attempts go through the real services (start, submit), back-dated with ``now=``.
"""

import datetime
import random
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.html import escape

from accounts.models import User
from courses.models import CoursePage, Enrollment, StepCompletion
from courses.services import live_steps
from quizzes import services as quiz_services
from quizzes.models import Choice, Question, QuestionBank, QuestionCategory, QuizPage, ReviewPolicy

QUIZ_SLUG = "bai-kiem-tra-cuoi-khoa"
SINGLE, MULTIPLE, TRUE_FALSE = Question.Kind.SINGLE, Question.Kind.MULTIPLE, Question.Kind.TRUE_FALSE


@dataclass
class Q:
    category: str
    kind: str
    stem: str
    choices: list[tuple[str, bool]]
    explanation: str
    partial: bool = False


def S(category, stem, correct, wrong, explanation):  # noqa: N802 - reads like a table
    """A single-choice question; the correct choice is placed among the others, not always first."""
    position = len(stem) % (len(wrong) + 1)
    choices = [(text, False) for text in wrong]
    choices.insert(position, (correct, True))
    return Q(category, SINGLE, stem, choices, explanation)


def M(category, stem, correct, wrong, explanation, partial=False):  # noqa: N802
    """A multiple-choice question: every correct choice must be ticked (or partial credit)."""
    choices = [(text, True) for text in correct]
    for index, text in enumerate(wrong):
        choices.insert((len(stem) + index * 2) % (len(choices) + 1), (text, False))
    return Q(category, MULTIPLE, stem, choices, explanation, partial)


def TF(category, stem, truth, explanation):  # noqa: N802
    return Q(category, TRUE_FALSE, stem, [("Đúng", truth), ("Sai", not truth)], explanation)


# --- Course 1: Kỹ năng số cơ bản cho cán bộ cơ sở -----------------------------------------------

PHONE = "Điện thoại thông minh an toàn"
VNEID = "Định danh điện tử và VNeID"
PUBLIC = "Dịch vụ công trực tuyến"
PAY = "Thanh toán không dùng tiền mặt"
INFO = "Tìm kiếm và đánh giá thông tin"

BASICS = [
    S(
        PHONE,
        "Điện thoại báo có bản cập nhật hệ điều hành mới. Việc nên làm là gì?",
        "Cài đặt sớm qua mục Cài đặt của máy, khi pin đủ và đang dùng mạng tin cậy",
        [
            "Bỏ qua, vì bản cập nhật chỉ thay đổi giao diện",
            "Chờ vài năm cho bản cập nhật thật ổn định rồi mới cài",
            "Tải bản cập nhật từ một trang web được gửi qua tin nhắn cho nhanh",
        ],
        "Bản cập nhật vá những lỗ hổng bảo mật mà kẻ gian lợi dụng để chiếm điện thoại. Nên cài sớm, và chỉ "
        "cập nhật qua mục Cài đặt của máy hoặc kho ứng dụng chính thức, không qua đường link lạ.",
    ),
    S(
        PHONE,
        "Ứng dụng đèn pin vừa cài xin quyền đọc danh bạ và tin nhắn. Bạn xử lý thế nào?",
        "Từ chối, vì đèn pin không cần các quyền đó, và cân nhắc gỡ ứng dụng",
        [
            "Cho phép, vì ứng dụng nào cũng cần các quyền này mới chạy được",
            "Cho phép tạm thời rồi khởi động lại máy",
            "Cho phép, miễn là ứng dụng miễn phí",
        ],
        "Mỗi quyền phải phù hợp với chức năng của ứng dụng. Ứng dụng xin quyền vượt quá nhu cầu (đèn pin đọc "
        "tin nhắn) là dấu hiệu thu thập dữ liệu hoặc mã độc, có thể đọc trộm cả mã OTP.",
    ),
    TF(
        PHONE,
        "Nên tải ứng dụng từ kho chính thức (Google Play, App Store) thay vì từ đường link gửi qua tin nhắn.",
        True,
        "Kho chính thức có kiểm duyệt và gỡ ứng dụng độc hại. Tệp cài đặt gửi qua tin nhắn, mạng xã hội là con "
        "đường phổ biến để kẻ gian cài mã độc chiếm quyền điều khiển điện thoại.",
    ),
    M(
        PHONE,
        "Những việc nào giúp không mất dữ liệu khi điện thoại hỏng hoặc bị mất?",
        [
            "Bật sao lưu tự động danh bạ, ảnh lên tài khoản đám mây của chính mình",
            "Định kỳ chép tài liệu quan trọng sang máy tính hoặc thẻ nhớ cất riêng",
        ],
        [
            "Ghi mật khẩu các tài khoản lên ốp lưng điện thoại cho khỏi quên",
            "Chỉ lưu dữ liệu trong bộ nhớ máy để không ai xem được",
        ],
        "Sao lưu là có thêm một bản ở nơi khác: trên tài khoản đám mây của mình hoặc trên thiết bị cất riêng. "
        "Ghi mật khẩu lên ốp lưng thì ai nhặt được máy cũng vào được tài khoản.",
    ),
    S(
        PHONE,
        "Cách khóa màn hình nào an toàn nhất trong các cách sau?",
        "Mã PIN 6 số khó đoán, kết hợp vân tay hoặc khuôn mặt",
        [
            "Không đặt khóa để người thân tiện dùng",
            "Mã 123456 cho dễ nhớ",
            "Hình vẽ mở khóa là chữ L đơn giản",
        ],
        "Khóa màn hình là lớp bảo vệ đầu tiên khi mất máy. Mã dễ đoán như 123456 hay hình vẽ đơn giản có thể bị "
        "đoán ra hoặc nhìn trộm; vân tay, khuôn mặt giúp mở nhanh mà vẫn an toàn.",
    ),
    TF(
        PHONE,
        "Quyền trợ năng cho phép ứng dụng đọc và điều khiển màn hình, nên chỉ cấp cho ứng dụng thật sự cần và "
        "đáng tin.",
        True,
        "Quyền trợ năng rất mạnh: ứng dụng có quyền này có thể đọc mọi thứ trên màn hình và tự bấm thay bạn. "
        "Nhiều vụ lừa đảo chiếm tài khoản ngân hàng bắt đầu bằng việc dụ nạn nhân cấp quyền này.",
    ),
    S(
        PHONE,
        "Đang dùng Wi-Fi miễn phí ở quán cà phê, việc nào nên tránh?",
        "Đăng nhập tài khoản ngân hàng hoặc nhập mật khẩu tài khoản công việc",
        ["Đọc tin trên trang báo chính thống", "Xem bản đồ đường đi", "Xem dự báo thời tiết"],
        "Wi-Fi công cộng có thể bị kẻ gian giả mạo hoặc theo dõi. Việc cần mật khẩu, tiền bạc nên làm bằng mạng "
        "di động của mình hoặc mạng tin cậy.",
    ),
    S(
        VNEID,
        "Tài khoản định danh điện tử mức 2 khác mức 1 ở điểm nào?",
        "Mức 2 có ảnh chân dung và vân tay được cơ quan công an xác thực, dùng được nhiều tiện ích hơn",
        [
            "Mức 2 chỉ dành cho cán bộ, công chức",
            "Mức 2 đăng ký hoàn toàn qua tin nhắn, không cần xác thực",
            "Hai mức như nhau, chỉ khác tên gọi",
        ],
        "Mức 1 có thông tin cơ bản; mức 2 được xác thực thêm ảnh chân dung, vân tay nên dùng được các tiện ích như "
        "xuất trình giấy tờ tích hợp. Quy trình cụ thể có thể thay đổi: hãy xem hướng dẫn mới nhất của công an "
        "xã, phường.",
    ),
    S(
        VNEID,
        "Ứng dụng định danh điện tử chính thức của Bộ Công an là ứng dụng nào?",
        "VNeID",
        ["VssID", "VNPT SmartCA", "Zalo"],
        "VNeID là ứng dụng định danh điện tử của Bộ Công an. VssID là ứng dụng bảo hiểm xã hội; VNPT SmartCA là "
        "dịch vụ chữ ký số; Zalo là ứng dụng nhắn tin. Chỉ tải VNeID từ kho ứng dụng chính thức.",
    ),
    S(
        VNEID,
        "Một người gọi điện xưng là công an, đề nghị đọc mã kích hoạt VNeID vừa nhận qua tin nhắn để “hỗ trợ”. "
        "Người dân nên làm gì?",
        "Không đọc mã cho bất kỳ ai; mã kích hoạt chỉ tự mình nhập vào ứng dụng",
        [
            "Đọc mã, vì người gọi là công an",
            "Chỉ đọc một nửa mã cho an toàn",
            "Gửi mã qua Zalo thay vì đọc qua điện thoại",
        ],
        "Mã kích hoạt, mã OTP là chìa khóa tài khoản. Cơ quan công an không xin mã qua điện thoại; ai xin mã là "
        "dấu hiệu chiếm đoạt tài khoản. Khi nghi ngờ, hãy đến hoặc gọi cho công an xã, phường để hỏi lại.",
    ),
    TF(
        VNEID,
        "Để nhanh, cán bộ nên đăng nhập VNeID của người dân bằng mật khẩu của họ rồi tự thao tác hộ.",
        False,
        "Nguyên tắc là hướng dẫn, không làm hộ: người dân tự nhập mật khẩu, mã OTP trên điện thoại của mình. "
        "Như vậy tài khoản an toàn, người dân học được cách dùng, và cán bộ không phải giữ thông tin bí mật của ai.",
    ),
    M(
        VNEID,
        "Khi hướng dẫn người dân kích hoạt tài khoản định danh điện tử, cần chuẩn bị những gì?",
        [
            "Điện thoại thông minh của chính người dân, đã cài VNeID từ kho chính thức",
            "Số điện thoại chính chủ đang dùng để nhận mã kích hoạt",
            "Thẻ căn cước của người dân",
        ],
        ["Sổ hộ khẩu giấy bản gốc", "Mật khẩu thư điện tử của người dân"],
        "Cần điện thoại và số điện thoại chính chủ (để nhận mã) cùng thẻ căn cước. Sổ hộ khẩu giấy không còn dùng "
        "để làm việc này, và cán bộ không bao giờ cần biết mật khẩu của người dân.",
        partial=True,
    ),
    S(
        VNEID,
        "Giấy tờ tích hợp trên VNeID (như giấy phép lái xe, thẻ bảo hiểm y tế) giúp được gì?",
        "Xuất trình giấy tờ điện tử ở nơi chấp nhận, đỡ phải mang bản giấy",
        [
            "Thay thế mọi loại giấy tờ trong mọi trường hợp",
            "Dùng để đăng ký vay tiền trực tuyến",
            "Để chụp lại chia sẻ lên mạng xã hội khi cần",
        ],
        "Giấy tờ tích hợp được dùng ở những nơi, những thủ tục chấp nhận bản điện tử. Không nên chụp chia sẻ "
        "giấy tờ lên mạng: kẻ gian có thể dùng để mạo danh.",
    ),
    S(
        VNEID,
        "Người dân quên mật khẩu VNeID. Cách xử lý đúng là gì?",
        "Dùng chức năng “Quên mật khẩu” trong ứng dụng và nhận mã qua số điện thoại chính chủ",
        [
            "Nhờ một trang trên mạng “khôi phục tài khoản nhanh”",
            "Tạo tài khoản mới bằng số căn cước của người thân",
            "Nhờ cán bộ giữ hộ mật khẩu mới cho khỏi quên",
        ],
        "Ứng dụng có sẵn cách lấy lại mật khẩu qua số điện thoại chính chủ. Trang “khôi phục nhanh” trên mạng "
        "thường là lừa đảo; mật khẩu thì chỉ người dân giữ.",
    ),
    S(
        PUBLIC,
        "Nơi tra cứu và nộp hồ sơ thủ tục hành chính trực tuyến dùng chung trên cả nước là đâu?",
        "Cổng Dịch vụ công quốc gia",
        [
            "Trang mạng xã hội của xã",
            "Nhóm Zalo của khu dân cư",
            "Trang web của một công ty dịch vụ giấy tờ",
        ],
        "Cổng Dịch vụ công quốc gia cho tra cứu thủ tục, nộp hồ sơ và theo dõi kết quả; tỉnh cũng có hệ thống "
        "của mình kết nối với cổng. Nhóm Zalo hay dịch vụ trung gian không phải nơi nộp hồ sơ chính thức.",
    ),
    M(
        PUBLIC,
        "Trước khi nộp hồ sơ trực tuyến, người dân nên làm gì?",
        [
            "Đọc kỹ thành phần hồ sơ, lệ phí và thời hạn giải quyết của thủ tục",
            "Chuẩn bị bản chụp hoặc bản quét giấy tờ rõ nét",
            "Kiểm tra lại thông tin đã khai trước khi bấm nộp",
        ],
        ["Nộp cùng một hồ sơ nhiều lần cho chắc"],
        "Hồ sơ đủ, rõ, đúng ngay từ đầu thì ít bị trả lại. Nộp trùng nhiều lần làm rối việc xử lý và có thể "
        "khiến hồ sơ bị chậm hơn.",
        partial=True,
    ),
    S(
        PUBLIC,
        "Sau khi nộp hồ sơ trực tuyến, làm sao biết hồ sơ đang ở bước nào?",
        "Tra cứu bằng mã hồ sơ trên cổng dịch vụ công, hoặc xem thông báo gửi về",
        [
            "Gọi cho người quen làm ở cơ quan",
            "Nộp lại một hồ sơ mới để hỏi",
            "Chờ đến khi có người mang kết quả đến nhà",
        ],
        "Mỗi hồ sơ có mã riêng; nhập mã trên cổng dịch vụ công là biết hồ sơ đang ở đâu. Hãy hướng dẫn người "
        "dân lưu lại mã hồ sơ ngay sau khi nộp.",
    ),
    TF(
        PUBLIC,
        "Có thể đăng nhập Cổng Dịch vụ công quốc gia bằng tài khoản định danh điện tử VNeID.",
        True,
        "Tài khoản định danh điện tử dùng để đăng nhập cổng dịch vụ công, nên người dân không phải nhớ thêm tài "
        "khoản. Đây là lý do nên giúp người dân kích hoạt VNeID trước.",
    ),
    S(
        PUBLIC,
        "Hồ sơ trực tuyến bị trả lại, yêu cầu bổ sung. Bạn hướng dẫn người dân thế nào?",
        "Đọc kỹ nội dung yêu cầu, bổ sung đúng giấy tờ còn thiếu và gửi lại trong thời hạn",
        [
            "Bỏ hồ sơ đó, đến một cơ quan khác nộp lại từ đầu",
            "Khiếu nại ngay vì cơ quan làm khó",
            "Chờ cơ quan tự bổ sung giấy tờ",
        ],
        "Yêu cầu bổ sung ghi rõ còn thiếu gì. Bổ sung đúng và đúng hạn thì hồ sơ tiếp tục được xử lý, không "
        "phải làm lại từ đầu.",
    ),
    S(
        PUBLIC,
        "Lợi ích chính của nộp hồ sơ trực tuyến đối với người dân là gì?",
        "Không phải đi lại nhiều lần, theo dõi được tiến độ, nộp được cả ngoài giờ hành chính",
        [
            "Không cần giấy tờ nào",
            "Chắc chắn được giải quyết trong ngày",
            "Không phải nộp lệ phí trong mọi trường hợp",
        ],
        "Dịch vụ công trực tuyến tiết kiệm thời gian đi lại và minh bạch tiến độ. Thành phần hồ sơ, lệ phí và "
        "thời hạn vẫn theo quy định của từng thủ tục.",
    ),
    S(
        PAY,
        "Trước khi xác nhận chuyển tiền bằng quét mã QR, cần kiểm tra điều gì?",
        "Tên người nhận và số tiền hiện trên màn hình đúng với người bán",
        ["Màu sắc của mã QR", "Mã QR được in đẹp hay không", "Không cần kiểm tra vì mã QR luôn an toàn"],
        "Mã QR có thể bị dán đè hoặc bị tráo. Màn hình xác nhận luôn hiện tên người nhận: đối chiếu tên và số "
        "tiền trước khi bấm là cách đơn giản nhất để không chuyển nhầm.",
    ),
    TF(
        PAY,
        "Nhân viên ngân hàng có thể gọi điện đề nghị khách hàng đọc mã OTP để “hủy giao dịch lạ”.",
        False,
        "Ngân hàng không bao giờ xin mã OTP. Ai xin OTP, dù xưng là ngân hàng, công an hay nhà mạng, đều là kẻ "
        "gian. Nếu lo tài khoản có giao dịch lạ, hãy tự gọi tổng đài in trên thẻ hoặc trên trang chính thức.",
    ),
    M(
        PAY,
        "Dấu hiệu nào cho thấy một yêu cầu thanh toán có thể là lừa đảo?",
        [
            "Giục chuyển tiền gấp, dọa phạt hoặc dọa khóa tài khoản",
            "Yêu cầu chuyển vào tài khoản cá nhân lạ thay vì tài khoản của cơ quan, doanh nghiệp",
            "Gửi đường link lạ để “nhận tiền hoàn”",
        ],
        ["Hóa đơn tiền điện trong ứng dụng chính thức có số tiền khớp với chỉ số công tơ"],
        "Kẻ gian tạo áp lực thời gian, dùng tài khoản cá nhân để nhận tiền và dụ bấm link để lấy mật khẩu. Hóa "
        "đơn trong ứng dụng chính thức, số liệu khớp thực tế, là giao dịch bình thường.",
        partial=True,
    ),
    S(
        PAY,
        "Lỡ chuyển tiền nhầm sang một tài khoản lạ. Việc đầu tiên nên làm là gì?",
        "Liên hệ ngay ngân hàng của mình qua tổng đài chính thức để được tra soát",
        [
            "Đăng số tài khoản kia lên mạng xã hội để mọi người biết",
            "Chuyển thêm tiền để “mở khóa giao dịch” như có người hướng dẫn",
            "Chờ vài tháng xem người nhận có tự trả không",
        ],
        "Ngân hàng có quy trình tra soát, liên hệ bên nhận. Báo càng sớm càng dễ xử lý. Lời đề nghị “chuyển "
        "thêm tiền để lấy lại tiền” là chiêu lừa lần hai.",
    ),
    S(
        PAY,
        "Khi chọn dùng ví điện tử, điều nào đúng?",
        "Chỉ dùng ví của tổ chức được cấp phép, tải từ kho ứng dụng chính thức",
        [
            "Ví nào hứa hoàn tiền cao nhất thì dùng",
            "Ví điện tử không bao giờ bị lừa đảo nên không cần mật khẩu mạnh",
            "Nên chia sẻ mã đăng nhập ví cho người thân giữ hộ",
        ],
        "Ví điện tử hợp pháp do tổ chức được Ngân hàng Nhà nước cấp phép cung ứng. Ví vẫn cần mật khẩu mạnh, "
        "xác thực hai lớp, và không chia sẻ mã đăng nhập cho ai.",
    ),
    TF(
        PAY,
        "Mã QR dán ở quầy hàng có thể bị kẻ gian dán đè bằng mã khác, nên cần đối chiếu tên người nhận trước khi "
        "chuyển.",
        True,
        "Dán đè mã QR là cách lừa đơn giản mà hiệu quả. Tên người nhận hiện trên màn hình xác nhận phải khớp với "
        "tên cửa hàng hoặc người bán.",
    ),
    S(
        PAY,
        "Cài đặt nào giúp hạn chế thiệt hại nếu tài khoản ngân hàng trên điện thoại bị lộ?",
        "Đặt hạn mức chuyển tiền mỗi ngày vừa với nhu cầu",
        [
            "Lưu mật khẩu ngân hàng trong ghi chú của điện thoại",
            "Tắt thông báo biến động số dư cho đỡ phiền",
            "Dùng chung mật khẩu với tài khoản mạng xã hội",
        ],
        "Hạn mức thấp giới hạn số tiền kẻ gian có thể chuyển đi. Thông báo biến động số dư giúp phát hiện giao "
        "dịch lạ sớm, nên luôn bật.",
    ),
    S(
        INFO,
        "Đọc một tin “nóng” trên mạng xã hội, câu hỏi đầu tiên nên đặt ra là gì?",
        "Ai đưa tin, nguồn ở đâu, có cơ quan chính thống nào xác nhận không?",
        ["Tin này có nhiều lượt thích không?", "Ảnh minh họa có đẹp không?", "Người chia sẻ có phải người quen không?"],
        "Lượt thích và người quen không làm tin thành thật. Kiểm tra nguồn là bước đầu tiên: tin từ cơ quan, báo "
        "chí chính thống hay một tài khoản không rõ danh tính.",
    ),
    M(
        INFO,
        "Cách nào giúp kiểm tra một thông tin về chính sách mới?",
        [
            "Đối chiếu với cổng thông tin của cơ quan ban hành",
            "So sánh với tin của các báo chính thống",
            "Hỏi cán bộ chuyên môn phụ trách lĩnh vực",
        ],
        ["Tin ngay nếu tin nhắn đã được chuyển tiếp nhiều lần"],
        "Thông tin chính sách có văn bản và nơi công bố chính thức. Tin nhắn được chuyển tiếp nhiều lần chỉ cho "
        "thấy nó lan nhanh, không cho thấy nó đúng.",
        partial=True,
    ),
    TF(
        INFO,
        "Câu trả lời của công cụ trí tuệ nhân tạo (AI) luôn chính xác nên có thể dùng ngay làm thông tin chính thức.",
        False,
        "Công cụ AI có thể trả lời trôi chảy nhưng sai hoặc lỗi thời. Dùng AI để gợi ý, rồi kiểm tra lại với văn "
        "bản và nguồn chính thức trước khi nói với người dân.",
    ),
    S(
        INFO,
        "Một bức ảnh cũ được đăng lại kèm chú thích về sự việc mới. Cách kiểm tra nhanh là gì?",
        "Tìm kiếm bằng hình ảnh để xem ảnh đã xuất hiện từ trước chưa",
        ["Phóng to ảnh để xem kỹ", "Đếm số bình luận dưới ảnh", "Hỏi lại chính người đăng ảnh"],
        "Tìm kiếm bằng hình ảnh (như Google Ống kính) cho biết ảnh đã xuất hiện ở đâu, khi nào. Ảnh cũ gắn chú "
        "thích mới là một kiểu tin sai rất phổ biến.",
    ),
    S(
        INFO,
        "Khi tìm thông tin về một thủ tục hành chính trên mạng, kết quả nào đáng tin nhất?",
        "Trang có tên miền .gov.vn của cơ quan nhà nước",
        [
            "Trang quảng cáo “làm hồ sơ nhanh, không cần đi lại”",
            "Bài đăng trong một nhóm mua bán",
            "Trang có nhiều cửa sổ quảng cáo bật lên",
        ],
        "Tên miền .gov.vn dành cho cơ quan nhà nước. Trang dịch vụ “làm nhanh” thường thu phí trung gian hoặc lừa "
        "lấy giấy tờ của người dân.",
    ),
]

# --- Course 2: An toàn thông tin và bảo vệ dữ liệu cá nhân --------------------------------------

PASSWORD = "Mật khẩu và xác thực hai lớp"
SCAM = "Nhận diện lừa đảo trực tuyến"
DATA = "Bảo vệ dữ liệu cá nhân"
INCIDENT = "Xử lý sự cố"
FAKE = "Tin giả và thông tin xấu độc"

SECURITY = [
    S(
        PASSWORD,
        "Mật khẩu nào dưới đây mạnh nhất?",
        "Cay-Lua-Xanh-Tren-Dong-Que-68!",
        ["12345678", "NguyenVanAn1990", "matkhau"],
        "Mật khẩu mạnh là một cụm dài, dễ nhớ với mình nhưng khó đoán, trộn chữ hoa, chữ thường, số và ký tự. Tên "
        "và năm sinh là thứ kẻ gian thử đầu tiên.",
    ),
    TF(
        PASSWORD,
        "Dùng một mật khẩu cho tất cả tài khoản là an toàn vì dễ nhớ, không phải ghi ra.",
        False,
        "Khi một trang bị lộ mật khẩu, kẻ gian đem đúng mật khẩu đó thử ở mọi nơi khác. Mỗi tài khoản quan trọng "
        "cần một mật khẩu riêng; trình quản lý mật khẩu giúp nhớ hộ.",
    ),
    S(
        PASSWORD,
        "Xác thực hai lớp là gì?",
        "Ngoài mật khẩu, cần thêm một yếu tố nữa, như mã từ ứng dụng xác thực, để đăng nhập",
        [
            "Đặt hai mật khẩu giống nhau cho một tài khoản",
            "Đăng nhập cùng lúc trên hai điện thoại",
            "Đổi mật khẩu hai lần mỗi ngày",
        ],
        "Với xác thực hai lớp, kẻ gian có mật khẩu vẫn chưa vào được vì thiếu yếu tố thứ hai nằm trên thiết bị "
        "của bạn. Đây là cách hiệu quả nhất để chống mất tài khoản.",
    ),
    S(
        PASSWORD,
        "Hình thức xác thực hai lớp nào thường an toàn hơn mã gửi qua tin nhắn SMS?",
        "Ứng dụng tạo mã xác thực trên điện thoại hoặc khóa bảo mật",
        [
            "Mã gửi qua thư điện tử dùng chung của cơ quan",
            "Câu hỏi bí mật như “tên trường tiểu học của bạn”",
            "Mã ghi sẵn trên giấy dán sau điện thoại",
        ],
        "Tin nhắn SMS có thể bị chặn hoặc bị lừa chuyển sim. Ứng dụng tạo mã và khóa bảo mật gắn với thiết bị "
        "của bạn nên khó bị đánh cắp hơn; câu hỏi bí mật thì dễ đoán.",
    ),
    M(
        PASSWORD,
        "Những việc nào giúp bảo vệ tài khoản công việc?",
        [
            "Bật xác thực hai lớp",
            "Dùng trình quản lý mật khẩu đáng tin cậy",
            "Đăng xuất khi dùng máy tính dùng chung",
        ],
        ["Cho đồng nghiệp mượn tài khoản khi mình vắng mặt"],
        "Tài khoản công việc gắn với trách nhiệm cá nhân: mọi thao tác trên đó được tính cho bạn. Khi vắng mặt, "
        "hãy nhờ cấp có thẩm quyền phân quyền cho người khác thay vì cho mượn tài khoản.",
        partial=True,
    ),
    TF(
        PASSWORD,
        "Mã dự phòng của xác thực hai lớp cần cất giữ nơi an toàn, không chụp gửi cho người khác.",
        True,
        "Mã dự phòng giúp vào lại tài khoản khi mất điện thoại, nên ai có mã này cũng vào được. Hãy in hoặc ghi ra "
        "và cất như giấy tờ quan trọng.",
    ),
    S(
        PASSWORD,
        "Bạn nhận được mã đăng nhập mà mình không hề yêu cầu. Điều đó có thể nghĩa là gì, và nên làm gì?",
        "Có người biết mật khẩu và đang thử đăng nhập: không đưa mã cho ai và đổi mật khẩu ngay",
        [
            "Hệ thống gửi nhầm, cứ bỏ qua",
            "Chuyển mã cho người vừa nhắn hỏi để họ kiểm tra giúp",
            "Gỡ ứng dụng là đủ",
        ],
        "Mã đến mà mình không yêu cầu là dấu hiệu mật khẩu đã lộ. Lớp xác thực thứ hai đang chặn kẻ gian; đổi mật "
        "khẩu ngay để chặn hẳn.",
    ),
    S(
        SCAM,
        "Tin nhắn: “Tài khoản định danh của bạn sắp bị khóa, bấm vào link để cập nhật”. Đây là gì?",
        "Dấu hiệu lừa đảo: dọa khóa, giục gấp, gửi đường link lạ",
        [
            "Thông báo chính thức, cần làm ngay",
            "Tin quảng cáo vô hại",
            "Tin nhắn tự động của ngân hàng",
        ],
        "Dọa khóa, tạo gấp gáp và đường link lạ là ba dấu hiệu kinh điển. Cơ quan nhà nước không yêu cầu cập nhật "
        "tài khoản qua đường link trong tin nhắn.",
    ),
    S(
        SCAM,
        "Người gọi xưng là công an, nói bạn liên quan một vụ án và yêu cầu chuyển tiền vào “tài khoản tạm giữ”. "
        "Bạn nên làm gì?",
        "Dừng cuộc gọi, không chuyển tiền, liên hệ trực tiếp công an xã, phường để xác minh",
        [
            "Chuyển tiền để chứng minh mình trong sạch",
            "Đọc số tài khoản ngân hàng để họ kiểm tra",
            "Cài ứng dụng họ gửi để “làm việc trực tuyến”",
        ],
        "Cơ quan công an không làm việc qua điện thoại để yêu cầu chuyển tiền, cũng không có “tài khoản tạm giữ”. "
        "Cài ứng dụng theo lời người lạ có thể mất quyền điều khiển điện thoại.",
    ),
    M(
        SCAM,
        "Dấu hiệu nào cho thấy một đường link có thể giả mạo?",
        [
            "Tên miền gần giống trang thật nhưng sai chính tả hoặc thêm ký tự lạ",
            "Được gửi kèm lời đe dọa hoặc phần thưởng quá hấp dẫn",
            "Vừa mở ra đã đòi nhập mật khẩu, mã OTP",
        ],
        ["Là địa chỉ của cơ quan mà bạn tự gõ vào trình duyệt"],
        "Trang giả thường mượn tên gần giống, như thêm một chữ cái hay đổi đuôi tên miền. Cách an toàn là tự gõ "
        "địa chỉ đã biết thay vì bấm link được gửi đến.",
        partial=True,
    ),
    TF(
        SCAM,
        "Cơ quan nhà nước có thể yêu cầu người dân cài ứng dụng qua đường link gửi trong tin nhắn để “cập nhật dữ "
        "liệu dân cư”.",
        False,
        "Ứng dụng của cơ quan nhà nước được phát hành trên kho ứng dụng chính thức. Ứng dụng cài từ link lạ thường "
        "là mã độc giả danh, đòi quyền trợ năng để điều khiển máy.",
    ),
    S(
        SCAM,
        "Người quen nhắn Zalo vay tiền gấp, giọng văn khác thường. Cách kiểm tra tốt nhất là gì?",
        "Gọi điện trực tiếp cho người quen bằng số điện thoại đã biết từ trước",
        [
            "Chuyển ngay vì là người quen",
            "Hỏi lại ngay trong cuộc trò chuyện đó",
            "Yêu cầu họ gửi ảnh thẻ căn cước để chắc chắn",
        ],
        "Tài khoản của người quen có thể đã bị chiếm, và kẻ gian trả lời thay trong chính cuộc trò chuyện đó, có "
        "khi bằng ảnh hay video giả. Gọi bằng số đã biết và hỏi điều chỉ hai người biết.",
    ),
    S(
        SCAM,
        "Lời mời “việc nhẹ lương cao, làm nhiệm vụ thả tim nhận hoa hồng” thường dẫn tới điều gì?",
        "Bị yêu cầu nạp tiền ngày càng lớn để “rút hoa hồng”, rồi mất trắng",
        [
            "Một công việc làm thêm ổn định tại nhà",
            "Một chương trình hỗ trợ việc làm của nhà nước",
            "Được trả lương đều đặn qua bưu điện",
        ],
        "Kẻ gian trả vài khoản nhỏ lúc đầu để tạo lòng tin, sau đó bắt nạp tiền lớn mới cho rút. Không có việc "
        "thật nào bắt người làm nạp tiền trước.",
    ),
    TF(
        SCAM,
        "Khi nghi bị lừa chuyển tiền, cần báo ngay ngân hàng để được hỗ trợ phong tỏa, tra soát và trình báo cơ "
        "quan công an.",
        True,
        "Thời gian rất quan trọng: tiền bị chuyển tiếp qua nhiều tài khoản rất nhanh. Báo ngân hàng qua tổng đài "
        "chính thức và trình báo công an nơi gần nhất, giữ lại tin nhắn, số điện thoại làm bằng chứng.",
    ),
    S(
        DATA,
        "Khi lập danh sách người dân cần hỗ trợ, cán bộ nên thu thập thông tin như thế nào?",
        "Chỉ thu những thông tin thật cần cho việc đó, nói rõ mục đích và được người dân đồng ý",
        [
            "Thu càng nhiều càng tốt để dùng cho việc khác sau này",
            "Chụp lại toàn bộ giấy tờ của mọi người trong hộ",
            "Lấy từ một danh sách ai đó chia sẻ trên mạng",
        ],
        "Thu thập tối thiểu, đúng mục đích, có sự đồng ý là nguyên tắc bảo vệ dữ liệu cá nhân. Thông tin thu thừa "
        "là thông tin có thể bị lộ mà không đem lại lợi ích gì.",
    ),
    TF(
        DATA,
        "Đăng danh sách hộ được hỗ trợ kèm số căn cước và số điện thoại lên nhóm Zalo chung của khu dân cư là hợp "
        "lý để công khai, minh bạch.",
        False,
        "Công khai, minh bạch không có nghĩa là công bố thông tin định danh. Chỉ đăng những gì quy định yêu cầu; số "
        "căn cước, số điện thoại đủ để kẻ gian mạo danh và lừa đảo chính những hộ đó.",
    ),
    M(
        DATA,
        "Cách nào giúp lưu giữ an toàn bảng tính có dữ liệu cá nhân của người dân?",
        [
            "Đặt mật khẩu hoặc giới hạn quyền truy cập tệp",
            "Chỉ chia sẻ cho người có nhiệm vụ",
            "Xóa khi không còn cần dùng, theo quy định",
        ],
        ["Gửi vào nhiều nhóm trò chuyện để ai cũng có một bản"],
        "Càng nhiều bản sao thì càng nhiều chỗ có thể lộ. Giữ một bản, phân quyền đúng người và xóa khi hết "
        "mục đích sử dụng.",
        partial=True,
    ),
    S(
        DATA,
        "Ảnh chụp màn hình làm minh chứng có thông tin cá nhân của người dân. Trước khi nộp cần làm gì?",
        "Che số căn cước, số điện thoại, địa chỉ và các thông tin không cần thiết",
        [
            "Giữ nguyên để minh chứng thật đầy đủ",
            "Đăng lên mạng xã hội trước để lưu lại",
            "Chỉ cần chỉnh cho ảnh sáng rõ hơn",
        ],
        "Minh chứng chỉ cần cho thấy việc đã làm, không cần thông tin riêng của người dân. Che thông tin bằng công "
        "cụ chỉnh ảnh trước khi gửi đi.",
    ),
    S(
        DATA,
        "Người dân hỏi vì sao cán bộ cần số điện thoại của họ. Trả lời thế nào là đúng?",
        "Nói rõ dùng để làm gì, ai được xem, và người dân có quyền từ chối nếu việc đó không bắt buộc",
        [
            "Không cần giải thích, cứ ghi vào",
            "Nói là bắt buộc theo quy định dù không phải vậy",
            "Nói để tiện cho các công ty gọi chào hàng",
        ],
        "Người dân có quyền biết dữ liệu của mình được dùng vào việc gì. Giải thích rõ ràng tạo lòng tin, và đó "
        "cũng là yêu cầu của pháp luật về bảo vệ dữ liệu cá nhân.",
    ),
    TF(
        DATA,
        "Dữ liệu cá nhân thu thập để làm một việc chỉ được dùng cho đúng mục đích đã thông báo với người dân.",
        True,
        "Dùng dữ liệu vào việc khác (như chia sẻ cho bên bán hàng) khi người dân chưa đồng ý là vi phạm. Cần mục "
        "đích mới thì phải hỏi lại người dân.",
    ),
    S(
        INCIDENT,
        "Điện thoại dùng cho công việc bị mất. Việc cần làm trước tiên là gì?",
        "Khóa hoặc xóa dữ liệu từ xa, đổi mật khẩu tài khoản quan trọng, báo ngân hàng và nhà mạng",
        [
            "Chờ vài ngày xem có ai trả lại không",
            "Mua điện thoại mới và đăng nhập lại như cũ",
            "Đăng lên mạng nhờ mọi người tìm giúp",
        ],
        "Trong những giờ đầu, kẻ nhặt được máy có thể đọc mã OTP và vào tài khoản. Khóa máy từ xa, đổi mật khẩu, "
        "khóa sim là ưu tiên; sau đó báo cơ quan để xử lý dữ liệu công việc.",
    ),
    M(
        INCIDENT,
        "Dấu hiệu nào cho thấy tài khoản có thể đã bị lộ?",
        [
            "Có thông báo đăng nhập từ thiết bị lạ",
            "Bạn bè nhận được tin nhắn lạ gửi từ tài khoản của bạn",
            "Mật khẩu bị đổi mà bạn không làm",
        ],
        ["Ứng dụng vừa được cập nhật từ kho chính thức"],
        "Đăng nhập lạ, tin nhắn mình không gửi và mật khẩu bị đổi là dấu hiệu tài khoản đã vào tay người khác. Cập "
        "nhật ứng dụng từ kho chính thức là việc bình thường, nên làm.",
        partial=True,
    ),
    S(
        INCIDENT,
        "Sau khi lấy lại được tài khoản bị chiếm, cần làm gì tiếp?",
        "Đặt mật khẩu mới mạnh, bật xác thực hai lớp, đăng xuất mọi thiết bị lạ và báo cho người quen biết",
        [
            "Đặt lại đúng mật khẩu cũ cho khỏi quên",
            "Tạo tài khoản mới dùng lại mật khẩu cũ",
            "Không cần làm gì thêm vì đã lấy lại được",
        ],
        "Kẻ gian có thể vẫn còn đăng nhập ở thiết bị của chúng hoặc đã gửi tin lừa người quen của bạn. Đóng mọi "
        "phiên lạ, thêm lớp bảo vệ và cảnh báo danh bạ.",
    ),
    TF(
        INCIDENT,
        "Khi nghi tài khoản công việc bị lộ, cán bộ nên báo ngay cho người phụ trách công nghệ thông tin của cơ quan.",
        True,
        "Tài khoản công việc có thể mở đường vào hệ thống chung. Báo sớm giúp cơ quan khóa quyền truy cập, kiểm "
        "tra và ngăn thiệt hại lan rộng.",
    ),
    S(
        INCIDENT,
        "Lỡ bấm vào đường link lạ và đã nhập mật khẩu. Việc cần làm ngay là gì?",
        "Đổi mật khẩu tài khoản đó và mọi tài khoản dùng chung mật khẩu, rồi kiểm tra đăng nhập lạ",
        [
            "Tắt điện thoại và chờ xem sao",
            "Bấm lại link đó để kiểm tra",
            "Không cần làm gì vì chưa mất tiền",
        ],
        "Mật khẩu đã nhập vào trang giả coi như đã lộ. Đổi ngay trước khi kẻ gian kịp dùng, và đổi cả ở những "
        "nơi dùng chung mật khẩu đó.",
    ),
    S(
        FAKE,
        "Gặp một tin chưa rõ nguồn gây hoang mang trong nhóm khu dân cư, cán bộ nên làm gì?",
        "Không chia sẻ tiếp, kiểm tra với nguồn chính thống và thông tin lại cho bà con khi đã rõ",
        [
            "Chia sẻ ngay để mọi người cùng cảnh giác",
            "Bình luận đồng tình cho khỏi mất lòng",
            "Rời khỏi nhóm",
        ],
        "Chia sẻ để cảnh giác vẫn là lan truyền tin chưa kiểm chứng. Cán bộ là người bà con tin, nên kiểm tra rồi "
        "nói lại bằng thông tin chính thức.",
    ),
    M(
        FAKE,
        "Đặc điểm thường gặp của tin giả là gì?",
        [
            "Tiêu đề giật gân, kích động cảm xúc",
            "Không ghi nguồn, hoặc nguồn không kiểm chứng được",
            "Kêu gọi “chia sẻ ngay trước khi bị xóa”",
        ],
        ["Dẫn văn bản có số hiệu, đăng trên cổng thông tin của cơ quan ban hành"],
        "Tin giả nhắm vào cảm xúc và tốc độ lan truyền. Thông tin có văn bản, có nơi công bố chính thức thì kiểm "
        "tra được, dù vẫn nên đọc bản gốc.",
        partial=True,
    ),
    TF(
        FAKE,
        "Chia sẻ tin giả, dù không phải người viết ra, vẫn có thể gây hại và có thể bị xử lý theo quy định.",
        True,
        "Mỗi lượt chia sẻ giúp tin giả đến với thêm nhiều người. Pháp luật có quy định xử lý việc cung cấp, chia "
        "sẻ thông tin sai sự thật trên mạng; hãy kiểm tra trước khi chia sẻ.",
    ),
    S(
        FAKE,
        "Phát hiện thông tin xấu độc đang lan trên mạng ở địa phương, cán bộ nên làm gì?",
        "Báo cáo theo kênh địa phương hướng dẫn và dùng chức năng báo cáo vi phạm của nền tảng",
        [
            "Tranh cãi gay gắt ngay dưới phần bình luận",
            "Chia sẻ lại để nhiều người cùng phản đối",
            "Bỏ qua vì không phải việc của mình",
        ],
        "Tranh cãi và chia sẻ lại chỉ làm bài viết lan rộng hơn. Báo cáo đúng kênh để cơ quan có thẩm quyền xử lý "
        "và nền tảng gỡ bỏ.",
    ),
    S(
        FAKE,
        "Một video cắt ghép (deepfake) cho thấy một lãnh đạo phát biểu gây sốc. Dấu hiệu nào giúp nghi ngờ?",
        "Khẩu hình không khớp tiếng, khuôn mặt có ánh sáng lạ, và không có trên kênh chính thức",
        ["Video có độ nét cao", "Video có rất nhiều lượt xem", "Video được đăng vào buổi tối"],
        "Công nghệ giả mạo còn để lại dấu vết như khẩu hình lệch tiếng, viền mặt nhòe. Quan trọng nhất: phát biểu "
        "thật của lãnh đạo luôn có trên kênh chính thức.",
    ),
    TF(
        FAKE,
        "Phản bác tin sai bằng lời lẽ xúc phạm người đăng là cách tốt để dập tin giả.",
        False,
        "Lời lẽ xúc phạm khiến câu chuyện thành cãi vã và làm bài viết lan xa hơn. Thông tin đúng, ngắn gọn, có "
        "nguồn mới giúp bà con hiểu đúng.",
    ),
]

# --- Course 3: Ứng dụng nền tảng số trong công tác nắm tình hình nhân dân ------------------------

PRINCIPLE = "Nguyên tắc nắm tình hình"
CHANNEL = "Kênh tiếp nhận ý kiến"
REPORT = "Phân loại, tổng hợp, báo cáo"
WATCH = "Theo dõi dư luận trên mạng"
ANSWER = "Phản hồi người dân"
SECRET = "Giữ bí mật thông tin"

CIVIC = [
    S(
        PRINCIPLE,
        "Ba yêu cầu cốt lõi khi nắm tình hình nhân dân trong môi trường số là gì?",
        "Chính xác, khách quan, bảo mật",
        ["Nhanh, nhiều, rộng", "Ngắn, gọn, đẹp", "Kịp thời, cảm tính, đầy đủ"],
        "Chính xác: ghi đúng điều người dân nói. Khách quan: nghe mọi phía. Bảo mật: giữ kín nội dung và người "
        "cung cấp. Nhanh mà sai hay lộ thì còn hại hơn chậm.",
    ),
    TF(
        PRINCIPLE,
        "Chỉ cần theo dõi mạng xã hội là đủ để nắm tình hình nhân dân, không cần gặp gỡ trực tiếp.",
        False,
        "Nhiều người, nhất là người cao tuổi, ít khi lên mạng. Kênh số giúp phát hiện sớm; gặp trực tiếp, dự họp "
        "thôn, tổ dân phố giúp hiểu sâu.",
    ),
    S(
        PRINCIPLE,
        "Một phản ánh trên mạng chưa rõ thực hư. Cán bộ nên làm gì?",
        "Ghi nhận, xác minh tại chỗ hoặc với người có trách nhiệm trước khi báo cáo như sự việc đã xảy ra",
        [
            "Báo cáo ngay như một sự việc có thật",
            "Bỏ qua vì tin trên mạng thường sai",
            "Đăng lại vào nhóm để hỏi ý kiến mọi người",
        ],
        "Xác minh là bước không được bỏ qua. Báo cáo một tin chưa kiểm chứng như sự thật có thể dẫn đến đánh giá "
        "sai tình hình; bỏ qua thì có thể lỡ một vấn đề thật.",
    ),
    M(
        PRINCIPLE,
        "Để báo cáo phản ánh đúng và khách quan, cần làm gì?",
        [
            "Ghi rõ nguồn và mức độ đã xác minh của thông tin",
            "Tách sự việc với ý kiến, nhận định",
            "Phản ánh cả những ý kiến trái chiều",
        ],
        ["Chỉ giữ lại ý kiến đồng tình để báo cáo gọn"],
        "Người đọc báo cáo cần biết đâu là sự việc đã xác minh, đâu là ý kiến. Lược bỏ ý kiến trái chiều làm báo "
        "cáo đẹp nhưng sai lệch tình hình.",
        partial=True,
    ),
    S(
        PRINCIPLE,
        "Thứ tự đúng của một vòng nắm tình hình là gì?",
        "Tiếp nhận → xác minh → tổng hợp, báo cáo → phản hồi",
        [
            "Báo cáo → tiếp nhận → phản hồi → xác minh",
            "Phản hồi → tiếp nhận → báo cáo → lưu trữ",
            "Xác minh → phản hồi → tiếp nhận → báo cáo",
        ],
        "Ghi nhận từ mọi kênh, kiểm tra cho chắc, tổng hợp báo cáo đúng cấp, rồi thông tin lại cho người dân. "
        "Thiếu bước phản hồi, người dân sẽ thôi góp ý.",
    ),
    TF(
        PRINCIPLE,
        "Khách quan nghĩa là nghe cả những nhóm ít lên tiếng, không chỉ những người nói nhiều trên mạng.",
        True,
        "Người nói nhiều trên mạng chưa chắc đại diện cho số đông. Chủ động hỏi người cao tuổi, người lao động xa "
        "nhà, người ngại nói giúp bức tranh đầy đủ hơn.",
    ),
    S(
        CHANNEL,
        "Hạn chế của nhóm trao đổi (như nhóm Zalo) của khu dân cư khi tiếp nhận phản ánh là gì?",
        "Tin trôi nhanh, dễ lẫn tin đồn, người dân ngại nêu chuyện riêng trước đông người",
        [
            "Không gửi được ảnh và đoạn ghi âm",
            "Chỉ dùng được trên máy tính",
            "Người dân không được phép tham gia",
        ],
        "Nhóm trao đổi nhanh và đông người, nhưng cần có người theo dõi, ghi lại vào sổ và mời trao đổi riêng "
        "những chuyện nhạy cảm.",
    ),
    M(
        CHANNEL,
        "Khi lập biểu mẫu trực tuyến lấy ý kiến người dân, nên làm gì?",
        [
            "Câu hỏi ngắn, rõ, mỗi câu một ý",
            "Chỉ hỏi thông tin cá nhân thật cần thiết",
            "Nêu rõ mục đích và thời hạn lấy ý kiến",
        ],
        ["Bắt buộc nhập số căn cước ở mọi câu trả lời"],
        "Biểu mẫu ngắn, rõ thì nhiều người trả lời. Đòi thông tin cá nhân không cần thiết làm người dân ngại góp "
        "ý và tạo thêm dữ liệu phải bảo vệ.",
        partial=True,
    ),
    S(
        CHANNEL,
        "Người dân gọi đường dây nóng phản ánh việc đổ rác trái phép. Việc đầu tiên cán bộ làm là gì?",
        "Ghi lại đủ thời gian, địa điểm, nội dung và cách liên hệ lại nếu người dân đồng ý",
        [
            "Hứa chắc sẽ giải quyết xong trong ngày",
            "Bảo người dân tự chụp ảnh đăng lên mạng",
            "Chuyển máy cho người khác mà không ghi lại gì",
        ],
        "Ghi đủ thông tin ngay từ cuộc gọi giúp xác minh và xử lý được. Hứa điều chưa chắc làm được sẽ làm mất "
        "lòng tin khi không thực hiện.",
    ),
    TF(
        CHANNEL,
        "Nên gom ý kiến từ mọi kênh (gặp trực tiếp, nhóm trao đổi, biểu mẫu, đường dây nóng) về một sổ theo dõi chung.",
        True,
        "Một đầu mối, một sổ theo dõi giúp không bỏ sót, không trùng lặp và thấy được vấn đề nào nhiều người cùng nêu.",
    ),
    S(
        CHANNEL,
        "Với người cao tuổi không dùng điện thoại thông minh, cách tốt để tiếp nhận ý kiến là gì?",
        "Gặp trực tiếp, qua trưởng thôn, tổ trưởng tổ dân phố hoặc họp dân, rồi ghi vào sổ theo dõi",
        [
            "Yêu cầu họ học dùng biểu mẫu trực tuyến trước",
            "Bỏ qua vì họ không ở trên mạng",
            "Nhờ con cháu đăng ý kiến lên mạng xã hội",
        ],
        "Kênh số là thêm cách, không thay cách cũ. Ý kiến nhận trực tiếp được ghi vào cùng sổ theo dõi để tổng "
        "hợp như mọi ý kiến khác.",
    ),
    S(
        CHANNEL,
        "Trong nhóm trao đổi, một người dân kể chuyện riêng tư của gia đình mình. Cán bộ nên làm gì?",
        "Nhắn riêng, hẹn trao đổi trực tiếp và nhắc nhóm không bàn tán chuyện riêng",
        [
            "Trả lời công khai thật chi tiết",
            "Chụp màn hình gửi sang nhóm khác",
            "Xóa người đó khỏi nhóm",
        ],
        "Chuyện riêng cần được trao đổi riêng để bảo vệ người dân. Cán bộ vẫn tiếp nhận đầy đủ, chỉ chuyển sang "
        "kênh phù hợp.",
    ),
    S(
        REPORT,
        "Trong bảng tính tổng hợp ý kiến, mỗi dòng nên ứng với gì?",
        "Một ý kiến, phản ánh (một lần tiếp nhận)",
        ["Một ngày làm việc", "Một thôn, tổ dân phố", "Một cán bộ tiếp nhận"],
        "Mỗi dòng một ý kiến thì lọc, đếm, sắp xếp theo bất kỳ cột nào cũng được: theo ngày, theo thôn, theo lĩnh "
        "vực hay theo tình trạng xử lý.",
    ),
    M(
        REPORT,
        "Bảng theo dõi phản ánh, kiến nghị nên có những cột nào?",
        ["Ngày tiếp nhận", "Kênh tiếp nhận", "Lĩnh vực", "Tình trạng xử lý"],
        ["Nhận xét về tính cách người phản ánh"],
        "Các cột mô tả sự việc và tiến độ giúp tổng hợp, theo dõi. Nhận xét cá nhân về người phản ánh là chủ quan, "
        "không cần cho công việc và có thể gây hại nếu bị lộ.",
        partial=True,
    ),
    S(
        REPORT,
        "Muốn đếm số ý kiến theo từng lĩnh vực trong bảng tính, cách nhanh và đúng là gì?",
        "Dùng bộ lọc, hàm COUNTIF hoặc bảng tổng hợp (PivotTable) theo cột lĩnh vực",
        ["Đếm tay trên bản in", "Xóa bớt dòng cho dễ đếm", "Tô màu từng lĩnh vực rồi ước lượng"],
        "Công cụ của bảng tính đếm chính xác và cập nhật khi thêm dòng mới. Xóa dòng làm mất dữ liệu gốc.",
    ),
    TF(
        REPORT,
        "Danh sách thả xuống cho cột “Lĩnh vực” giúp mọi người phân loại thống nhất, tránh mỗi người gõ một kiểu.",
        True,
        "Khi một người gõ “môi trường”, người khác gõ “MT”, bảng tính đếm thành hai nhóm. Danh sách chọn sẵn giữ "
        "cách gọi thống nhất.",
    ),
    S(
        REPORT,
        "Một báo cáo ngắn về tình hình dư luận nên có những gì?",
        "Tình hình chung, các vấn đề nổi lên kèm số liệu, đánh giá mức độ và đề xuất",
        [
            "Chép lại toàn bộ tin nhắn gốc",
            "Chỉ nhận định riêng của người viết",
            "Họ tên, số điện thoại của mọi người phản ánh",
        ],
        "Báo cáo giúp lãnh đạo nắm nhanh và quyết định, nên cần cô đọng, có số liệu và đề xuất. Thông tin nhận "
        "diện người phản ánh không đưa vào báo cáo chung.",
    ),
    S(
        REPORT,
        "Phát hiện một vấn đề có nguy cơ gây bức xúc lan rộng, cán bộ nên báo cáo thế nào?",
        "Kịp thời, đúng cấp theo quy định, không chờ đến kỳ báo cáo định kỳ",
        [
            "Chờ cuối tháng để có đủ số liệu",
            "Đăng lên mạng để lấy thêm ý kiến",
            "Không báo cáo để tránh phiền phức",
        ],
        "Vấn đề nóng cần được xử lý sớm trước khi lan rộng. Báo cáo định kỳ dành cho tình hình chung; việc đột "
        "xuất báo cáo ngay.",
    ),
    S(
        WATCH,
        "Dấu hiệu sớm của một vấn đề đang nảy sinh ở cơ sở trên mạng là gì?",
        "Nhiều bài đăng, bình luận cùng một chủ đề tăng nhanh trong thời gian ngắn",
        [
            "Một bài quảng cáo bán hàng",
            "Ảnh chúc mừng sinh nhật trong nhóm",
            "Tin dự báo thời tiết",
        ],
        "Số bài, số bình luận về cùng một chuyện tăng đột ngột cho thấy vấn đề đang được nhiều người quan tâm, cần "
        "xác minh và báo cáo sớm.",
    ),
    TF(
        WATCH,
        "Khi theo dõi dư luận trên mạng, cán bộ dùng tài khoản giả để tranh luận với người dân là cách làm phù hợp.",
        False,
        "Tài khoản giả làm mất lòng tin khi bị phát hiện và không giải quyết được vấn đề. Cán bộ lắng nghe, ghi "
        "nhận và đề xuất cung cấp thông tin chính thức.",
    ),
    M(
        WATCH,
        "Khi theo dõi dư luận trên mạng, cán bộ nên ghi nhận những gì?",
        [
            "Nội dung chính và đường dẫn bài đăng",
            "Thời điểm và mức độ lan truyền",
            "Thông tin đã được xác minh đúng, sai hay chưa",
        ],
        ["Họ tên, địa chỉ của mọi người bình luận"],
        "Ghi đủ để xác minh và đánh giá mức độ là đủ. Thu thập thông tin cá nhân của người bình luận vượt quá "
        "mục đích theo dõi dư luận.",
        partial=True,
    ),
    S(
        WATCH,
        "Một bài đăng phản ánh sai sự thật về một công trình của xã đang lan rộng. Cán bộ nên làm gì?",
        "Báo cáo lãnh đạo, đề xuất cơ quan có trách nhiệm cung cấp thông tin chính thức kịp thời",
        [
            "Tự đăng bài phản bác gay gắt bằng tài khoản cá nhân",
            "Im lặng chờ tin tự lắng xuống",
            "Kêu gọi mọi người báo cáo khóa tài khoản người đăng",
        ],
        "Thông tin chính thức, đúng lúc là cách hiệu quả nhất để bà con hiểu đúng. Tranh luận cá nhân dễ thành "
        "cãi vã; im lặng để tin sai chiếm chỗ.",
    ),
    S(
        WATCH,
        "Cách đơn giản giúp cán bộ theo dõi các chủ đề liên quan đến địa phương là gì?",
        "Theo dõi trang, nhóm chính thức của địa phương và tìm theo từ khóa tên xã, phường",
        [
            "Đọc ngẫu nhiên bình luận trên các trang lớn",
            "Chỉ đọc báo giấy hằng tuần",
            "Hỏi người lạ trên mạng xem có gì mới",
        ],
        "Tìm theo từ khóa tên địa phương và theo dõi các nhóm dân cư giúp thấy sớm những gì người dân đang bàn.",
    ),
    S(
        ANSWER,
        "Sau khi phản ánh của người dân đã được giải quyết, cần làm gì?",
        "Thông tin lại cho người phản ánh, và cho cộng đồng nếu phù hợp, về kết quả và lý do",
        [
            "Không cần báo lại vì việc đã xong",
            "Chỉ báo lại nếu người dân hỏi",
            "Đăng tên người phản ánh lên nhóm để cảm ơn",
        ],
        "Phản hồi cho thấy ý kiến được lắng nghe, khuyến khích người dân tiếp tục góp ý. Công khai tên người phản "
        "ánh khi chưa được đồng ý là vi phạm bảo mật.",
    ),
    TF(
        ANSWER,
        "Khi chưa giải quyết được ngay, vẫn nên báo cho người dân biết ý kiến đã được tiếp nhận và khi nào dự kiến "
        "có kết quả.",
        True,
        "Người dân cần biết ý kiến của mình không bị bỏ qua. Một lời báo “đã tiếp nhận, dự kiến có kết quả vào "
        "ngày...” giảm bức xúc và tin đồn.",
    ),
    S(
        ANSWER,
        "Trả lời người dân trên nhóm trao đổi nên như thế nào?",
        "Ngắn gọn, lịch sự, đúng thông tin chính thức, nói rõ đầu mối liên hệ",
        [
            "Dài, dùng nhiều thuật ngữ cho trang trọng",
            "Theo cảm xúc cá nhân cho gần gũi",
            "Chỉ nói “đang xem xét” cho an toàn",
        ],
        "Câu trả lời rõ ràng, có nguồn và có người để hỏi tiếp giúp người dân hiểu và làm theo. Trả lời chung "
        "chung kéo dài làm mất lòng tin.",
    ),
    S(
        ANSWER,
        "Người dân bức xúc bình luận gay gắt dưới bài thông báo. Cán bộ nên làm gì?",
        "Giữ bình tĩnh, ghi nhận, mời trao đổi riêng hoặc gặp trực tiếp để làm rõ",
        [
            "Xóa bình luận và chặn người đó ngay",
            "Đáp trả gay gắt để giữ uy tín",
            "Kêu gọi người khác vào phản đối",
        ],
        "Sau lời lẽ gay gắt thường là một vấn đề thật. Lắng nghe và làm rõ giúp giải quyết gốc rễ; xóa, chặn hay "
        "đáp trả làm bức xúc tăng lên.",
    ),
    S(
        SECRET,
        "Người cung cấp thông tin đề nghị giữ kín danh tính. Cán bộ cần làm gì?",
        "Không ghi tên trong báo cáo chung; chỉ lưu ở nơi được bảo vệ, cho người có thẩm quyền",
        [
            "Ghi rõ tên để báo cáo đáng tin hơn",
            "Kể lại với đồng nghiệp cho cùng biết",
            "Cảm ơn công khai trong nhóm khu dân cư",
        ],
        "Bảo vệ người cung cấp thông tin là điều kiện để người dân tiếp tục tin tưởng. Lộ danh tính có thể khiến "
        "họ bị trù dập hoặc gặp nguy hiểm.",
    ),
    TF(
        SECRET,
        "Gửi báo cáo có thông tin nhạy cảm vào nhóm Zalo đông thành viên là đúng quy trình nếu trong nhóm có lãnh đạo.",
        False,
        "Nhóm đông người thì nhiều người đọc, nhiều người có thể chụp lại. Thông tin nhạy cảm chỉ gửi đúng người "
        "có trách nhiệm, qua kênh cơ quan quy định.",
    ),
    M(
        SECRET,
        "Những biện pháp nào giúp giữ bí mật thông tin nắm được?",
        [
            "Chỉ chia sẻ cho người có trách nhiệm",
            "Lưu tệp ở nơi có mật khẩu và phân quyền",
            "Không bàn luận ở nơi đông người",
        ],
        ["Chụp màn hình gửi bạn bè để tham khảo ý kiến"],
        "Bí mật được giữ bằng cả công cụ (mật khẩu, phân quyền) và thói quen (không kể, không chụp gửi). Một tấm "
        "ảnh chụp màn hình có thể lan đi rất xa.",
        partial=True,
    ),
    S(
        SECRET,
        "Dùng máy tính chung ở bộ phận một cửa để xem báo cáo, khi xong cần làm gì?",
        "Đăng xuất tài khoản, đóng tệp và không lưu mật khẩu trên trình duyệt",
        [
            "Để nguyên cho người sau dùng tiếp",
            "Lưu mật khẩu để lần sau mở nhanh hơn",
            "Chỉ cần tắt màn hình",
        ],
        "Máy dùng chung thì người sau thấy được mọi thứ còn mở. Đăng xuất, đóng tệp và không lưu mật khẩu là thói "
        "quen bắt buộc.",
    ),
]

# --- Course 4: Tổ công nghệ số cộng đồng ----------------------------------------------------------

TASKS = "Nhiệm vụ của tổ"
ELDERLY = "Hướng dẫn người cao tuổi"
PLAN = "Lập kế hoạch đi từng hộ"
RECORD = "Ghi nhận và báo cáo"

TEAM = [
    S(
        TASKS,
        "Nhiệm vụ chính của Tổ công nghệ số cộng đồng là gì?",
        "Đến với người dân, hướng dẫn dùng nền tảng số, dịch vụ công trực tuyến và kỹ năng số cơ bản",
        [
            "Bán điện thoại và sim cho người dân",
            "Làm thay người dân mọi thủ tục",
            "Chỉ tuyên truyền qua loa phát thanh",
        ],
        "Tổ là cánh tay nối dài đưa chuyển đổi số đến từng hộ: hướng dẫn tận nơi để người dân tự làm được, không "
        "làm thay và không kinh doanh.",
    ),
    TF(
        TASKS,
        "Thành viên tổ nên tự làm hộ thủ tục bằng tài khoản của người dân cho nhanh.",
        False,
        "Làm hộ thì người dân không học được và thành viên tổ phải biết mật khẩu, mã OTP của họ. Hướng dẫn để "
        "người dân tự thao tác là cách an toàn và bền vững.",
    ),
    M(
        TASKS,
        "Tổ công nghệ số cộng đồng có thể hỗ trợ người dân những việc nào?",
        [
            "Cài đặt và kích hoạt tài khoản định danh điện tử",
            "Nộp hồ sơ dịch vụ công trực tuyến",
            "Thanh toán không dùng tiền mặt an toàn",
        ],
        ["Giữ hộ mật khẩu ngân hàng cho người dân"],
        "Tổ giúp người dân dùng được các dịch vụ số thiết yếu. Mật khẩu, mã OTP là của riêng người dân; thành "
        "viên tổ không bao giờ giữ hộ.",
        partial=True,
    ),
    S(
        TASKS,
        "Thành viên Tổ công nghệ số cộng đồng thường là ai?",
        "Người ở thôn, tổ dân phố có hiểu biết về công nghệ, như đoàn viên thanh niên, cán bộ thôn, hội viên đoàn thể",
        [
            "Chỉ nhân viên ngân hàng",
            "Người từ tỉnh khác đến theo đợt",
            "Chỉ công chức cấp tỉnh",
        ],
        "Tổ được lập ở thôn, tổ dân phố để gần dân, hiểu dân. Người ở ngay địa bàn dễ hẹn gặp, dễ hỗ trợ lại khi "
        "người dân quên cách làm.",
    ),
    S(
        TASKS,
        "Khi chưa trả lời được câu hỏi của người dân, thành viên tổ nên làm gì?",
        "Ghi lại, hẹn trả lời sau và hỏi tổ trưởng hoặc cán bộ chuyên môn",
        [
            "Trả lời đại cho xong",
            "Bảo người dân tự tìm trên mạng",
            "Từ chối hỗ trợ tiếp",
        ],
        "Trả lời sai còn hại hơn trả lời chậm. Ghi lại câu hỏi, hỏi người biết rồi quay lại giúp người dân tin "
        "tưởng tổ.",
    ),
    TF(
        TASKS,
        "Thành viên tổ phải giữ bí mật thông tin cá nhân của các hộ mình hỗ trợ.",
        True,
        "Khi hỗ trợ, thành viên tổ thấy giấy tờ, tài khoản của người dân. Giữ kín những gì đã thấy là trách nhiệm "
        "và là điều kiện để người dân tin tổ.",
    ),
    S(
        TASKS,
        "Vì sao nên giới thiệu rõ mình là thành viên tổ (hoặc đeo thẻ) khi đến nhà dân?",
        "Để người dân yên tâm và phân biệt được với kẻ gian giả danh",
        [
            "Để được ưu tiên khi mua hàng ở địa phương",
            "Để không cần xin phép khi vào nhà",
            "Để được làm hộ mọi thủ tục",
        ],
        "Kẻ gian từng giả danh cán bộ đến nhà “cài ứng dụng” để chiếm tài khoản. Giới thiệu rõ ràng, có người của "
        "thôn đi cùng giúp người dân yên tâm.",
    ),
    S(
        ELDERLY,
        "Khi hướng dẫn người cao tuổi, cách làm nào hiệu quả?",
        "Nói chậm, từng bước một, để họ tự bấm trên điện thoại của họ",
        [
            "Cầm máy làm thật nhanh cho họ xem",
            "Giải thích bằng thuật ngữ cho chính xác",
            "Đưa tài liệu dài để họ tự đọc sau",
        ],
        "Người cao tuổi nhớ lâu khi chính tay mình làm. Mỗi lần một bước, nói bằng lời quen thuộc, chờ họ làm "
        "xong mới sang bước sau.",
    ),
    M(
        ELDERLY,
        "Để người cao tuổi nhớ cách làm, thành viên tổ có thể làm gì?",
        [
            "Viết các bước chính ra giấy bằng chữ to",
            "Cho họ tự làm lại một lần trước khi về",
            "Tăng cỡ chữ trên điện thoại",
        ],
        ["Làm xong thì gỡ ứng dụng cho khỏi bấm nhầm"],
        "Giấy ghi bước, tự làm lại và chữ to giúp người cao tuổi tự tin dùng tiếp. Gỡ ứng dụng thì lần sau lại "
        "phải nhờ người khác.",
        partial=True,
    ),
    TF(
        ELDERLY,
        "Nên kiên nhẫn để người cao tuổi làm lại nhiều lần, kể cả khi họ thao tác chậm.",
        True,
        "Mỗi lần tự làm lại là một lần nhớ thêm. Sự kiên nhẫn của thành viên tổ giúp người cao tuổi bớt sợ công nghệ.",
    ),
    S(
        ELDERLY,
        "Người cao tuổi lo “bấm nhầm là mất tiền”. Cách nào giúp họ yên tâm?",
        "Chỉ rõ bước nào an toàn, bước nào phải dừng lại kiểm tra (như xác nhận chuyển tiền, nhập OTP)",
        [
            "Nói rằng không bao giờ có rủi ro",
            "Khuyên họ đừng dùng nữa",
            "Cài đặt để chuyển tiền không cần xác nhận",
        ],
        "Nỗi lo có cơ sở nên cần được trả lời đúng: phần lớn thao tác là an toàn, chỉ một vài bước cần thật cẩn "
        "thận. Biết rõ những bước đó, người cao tuổi tự tin hơn.",
    ),
    S(
        ELDERLY,
        "Trước khi giúp người dân thao tác trên điện thoại của họ, cần làm gì?",
        "Xin phép, và để họ tự nhập mật khẩu, mã OTP",
        [
            "Tự mở khóa máy bằng cách đoán mật khẩu",
            "Xem qua ảnh và tin nhắn để hiểu máy",
            "Cài thêm ứng dụng mình quen dùng",
        ],
        "Điện thoại là đồ riêng tư. Xin phép và để người dân tự nhập thông tin bí mật là tôn trọng họ và bảo vệ "
        "chính thành viên tổ khỏi bị nghi ngờ.",
    ),
    TF(
        ELDERLY,
        "Nên hướng dẫn người cao tuổi cách nhận biết cuộc gọi lừa đảo giả danh công an, ngân hàng.",
        True,
        "Người cao tuổi là đối tượng kẻ gian nhắm tới nhiều. Một lời dặn “ai xin mã OTP, bảo chuyển tiền là lừa "
        "đảo” có thể giữ được tiền tiết kiệm của cả gia đình.",
    ),
    S(
        ELDERLY,
        "Cách giải thích “mã OTP” dễ hiểu với người cao tuổi là gì?",
        "Như chìa khóa dùng một lần của tài khoản: không đưa cho ai, kể cả người xưng là cán bộ",
        ["Là mã khuyến mãi của nhà mạng", "Là mật khẩu Wi-Fi trong nhà", "Là số tổng đài để gọi khi cần"],
        "So sánh với chìa khóa giúp người cao tuổi nhớ rằng ai có mã là vào được tài khoản. Nhấn mạnh: không ai "
        "có lý do chính đáng để xin mã này.",
    ),
    S(
        ELDERLY,
        "Người mắt kém có thể được hỗ trợ dùng điện thoại bằng cách nào?",
        "Bật tính năng phóng to, đọc màn hình hoặc ra lệnh bằng giọng nói",
        [
            "Giảm độ sáng màn hình cho đỡ chói",
            "Đổi sang điện thoại không có màn hình",
            "Chỉ dùng tin nhắn thoại, không dùng gì khác",
        ],
        "Điện thoại thông minh có sẵn các tính năng hỗ trợ: chữ to, phóng to màn hình, đọc nội dung thành tiếng, "
        "ra lệnh bằng giọng nói.",
    ),
    S(
        PLAN,
        "Bước đầu tiên khi lập kế hoạch hỗ trợ từng hộ là gì?",
        "Lập danh sách hộ và ghi nhu cầu của từng hộ (định danh, dịch vụ công, thanh toán...)",
        ["Đi ngẫu nhiên trong thôn", "Chỉ đến nhà người quen", "Chờ người dân tự đến hỏi"],
        "Biết hộ nào cần gì giúp chia việc, chuẩn bị đúng tài liệu và không bỏ sót những hộ khó khăn nhất.",
    ),
    M(
        PLAN,
        "Khi xếp lịch đến các hộ, nên làm gì?",
        [
            "Hẹn trước vào giờ hợp với người dân",
            "Ưu tiên hộ khó khăn, người cao tuổi sống một mình",
            "Chia địa bàn cho từng thành viên để không trùng",
        ],
        ["Đến lúc khuya vì chắc chắn có người ở nhà"],
        "Hẹn trước, đúng giờ thuận tiện thì người dân đón tiếp và tập trung học. Chia địa bàn rõ ràng tránh hai "
        "người cùng đến một hộ, bỏ sót hộ khác.",
        partial=True,
    ),
    TF(
        PLAN,
        "Mang theo danh sách việc cần làm và tài liệu hướng dẫn ngắn giúp buổi hỗ trợ hiệu quả hơn.",
        True,
        "Danh sách việc giúp không quên bước nào; tài liệu ngắn để lại giúp người dân xem lại khi thành viên tổ đã về.",
    ),
    S(
        PLAN,
        "Một hộ từ chối được hỗ trợ. Thành viên tổ nên làm gì?",
        "Tôn trọng, hỏi lý do, để lại cách liên hệ và ghi nhận vào báo cáo",
        [
            "Thuyết phục bằng được, nói là bắt buộc",
            "Ghi là đã hỗ trợ cho đủ chỉ tiêu",
            "Báo cáo hộ đó không hợp tác kèm lời phê phán",
        ],
        "Lý do từ chối (bận, chưa có điện thoại, lo lừa đảo) giúp tổ điều chỉnh cách làm. Ghi sai kết quả làm báo "
        "cáo mất giá trị.",
    ),
    S(
        PLAN,
        "Mục tiêu nào phù hợp cho kế hoạch hỗ trợ một tuần?",
        "Cụ thể, đo được, ví dụ: hướng dẫn 10 hộ kích hoạt định danh điện tử trong tuần",
        ["Hỗ trợ càng nhiều càng tốt", "Hỗ trợ toàn bộ người dân trong một ngày", "Không cần đặt mục tiêu"],
        "Mục tiêu cụ thể giúp biết đã làm được bao nhiêu, còn bao nhiêu và cần thêm người hay thời gian ở đâu.",
    ),
    S(
        PLAN,
        "Trước khi đến hộ, thành viên tổ nên chuẩn bị gì?",
        "Pin điện thoại, kết nối mạng, tài liệu hướng dẫn và danh sách hộ cần đến",
        [
            "Nhiều sim mới để bán cho người dân",
            "Giấy tờ của người khác để làm mẫu",
            "Không cần chuẩn bị gì",
        ],
        "Nhiều thao tác cần mạng và cần làm mẫu trên điện thoại. Chuẩn bị trước để không mất thời gian của người dân.",
    ),
    TF(
        PLAN,
        "Nên nhắc người dân chuẩn bị sẵn giấy tờ và điện thoại chính chủ khi hẹn hỗ trợ làm thủ tục.",
        True,
        "Nhiều bước cần nhận mã qua số điện thoại chính chủ và thông tin trên giấy tờ. Dặn trước giúp buổi hỗ trợ "
        "làm xong trong một lần.",
    ),
    S(
        RECORD,
        "Sau mỗi lần hỗ trợ, thành viên tổ nên ghi lại gì?",
        "Ngày, hộ được hỗ trợ, việc đã làm, kết quả và việc còn vướng",
        [
            "Mật khẩu mới của người dân để nhắc khi họ quên",
            "Số căn cước đầy đủ của mọi người trong hộ",
            "Không cần ghi, chỉ cần nhớ",
        ],
        "Ghi đủ việc đã làm và việc còn vướng giúp tổ quay lại đúng chỗ và báo cáo chính xác. Mật khẩu và thông "
        "tin định danh không bao giờ ghi vào sổ.",
    ),
    M(
        RECORD,
        "Báo cáo kết quả hỗ trợ của tổ nên thể hiện những gì?",
        [
            "Số hộ, số người được hỗ trợ theo từng việc",
            "Khó khăn, vướng mắc và đề xuất",
            "So sánh với kế hoạch đã đặt ra",
        ],
        ["Số điện thoại riêng của từng người dân"],
        "Báo cáo giúp xã nắm tiến độ và tháo gỡ vướng mắc. Thông tin liên hệ riêng của người dân không cần trong "
        "báo cáo tổng hợp.",
        partial=True,
    ),
    TF(
        RECORD,
        "Ghi “đã hỗ trợ” cho hộ chưa đến để báo cáo đẹp hơn là chấp nhận được nếu sau đó sẽ đến.",
        False,
        "Báo cáo sai khiến xã tưởng việc đã xong và không bố trí thêm người. Ghi trung thực, kể cả việc chưa làm "
        "được, mới giúp giải quyết đúng chỗ.",
    ),
    S(
        RECORD,
        "Ảnh minh chứng buổi hỗ trợ cần đáp ứng điều gì?",
        "Được người dân đồng ý và không lộ thông tin cá nhân trên màn hình",
        [
            "Chụp rõ mã OTP để chứng minh đã làm",
            "Chụp cận thẻ căn cước của người dân",
            "Đăng ngay lên mạng xã hội",
        ],
        "Minh chứng cần cho thấy việc đã làm, không cần thông tin riêng. Hỏi ý kiến người dân trước khi chụp và "
        "che thông tin trên màn hình.",
    ),
    S(
        RECORD,
        "Dùng một bảng tính chung để ghi kết quả hỗ trợ giúp được gì?",
        "Tổng hợp nhanh theo thôn, theo việc và thấy hộ nào còn cần hỗ trợ",
        [
            "Thay hoàn toàn việc đến từng hộ",
            "Công khai thông tin của người dân cho mọi người xem",
            "Không cần báo cáo nữa",
        ],
        "Bảng tính chung (có phân quyền) cho cả tổ cùng cập nhật, lọc theo thôn, theo việc, và giúp tổ trưởng "
        "báo cáo nhanh.",
    ),
    S(
        RECORD,
        "Vướng mắc lặp lại ở nhiều hộ (ví dụ không nhận được mã kích hoạt) nên được xử lý thế nào?",
        "Tổng hợp lại và báo tổ trưởng để phản ánh lên cơ quan chuyên môn",
        [
            "Bỏ qua vì không phải lỗi của tổ",
            "Dùng số điện thoại của mình để nhận mã thay",
            "Khuyên người dân thôi không làm nữa",
        ],
        "Vướng mắc chung thường có nguyên nhân chung (hệ thống, sóng, thông tin chưa khớp) mà cơ quan chuyên môn "
        "mới giải quyết được. Dùng số của người khác để nhận mã là sai nguyên tắc.",
    ),
    TF(
        RECORD,
        "Thành viên tổ nên báo cáo trung thực cả những việc chưa làm được.",
        True,
        "Việc chưa làm được cho thấy chỗ cần thêm người, thêm thời gian hay cần cơ quan chuyên môn vào cuộc.",
    ),
    S(
        RECORD,
        "Tổ trưởng xem báo cáo thấy một thôn có rất ít hộ được hỗ trợ. Nên làm gì?",
        "Tìm hiểu nguyên nhân, điều chỉnh kế hoạch và bổ sung người hỗ trợ cho thôn đó",
        [
            "Phê bình công khai thành viên phụ trách",
            "Bỏ thôn đó ra khỏi báo cáo",
            "Chờ đến cuối năm rồi xem lại",
        ],
        "Số liệu thấp là tín hiệu cần tìm hiểu: thiếu người, người dân đi làm xa, hay vướng kỹ thuật. Điều chỉnh "
        "sớm giúp cả xã đạt mục tiêu.",
    ),
]


@dataclass
class QuizSpec:
    course_slug: str
    bank: str
    title: str
    questions: list[Q]
    intro: str = (
        "<p>Bài kiểm tra gồm 10 câu rút ngẫu nhiên từ ngân hàng câu hỏi của khóa học. Bạn cần đạt từ 80% số điểm. "
        "Bài làm được lưu tự động; nếu mất mạng, hãy làm tiếp khi có mạng lại.</p>"
    )
    extra: dict = field(default_factory=dict)


SPECS = [
    QuizSpec("ky-nang-so-co-ban", "Kỹ năng số cơ bản cho cán bộ cơ sở", "Bài kiểm tra cuối khóa", BASICS),
    QuizSpec("an-toan-thong-tin", "An toàn thông tin và bảo vệ dữ liệu cá nhân", "Bài kiểm tra cuối khóa", SECURITY),
    QuizSpec(
        "nen-tang-so-nam-tinh-hinh",
        "Ứng dụng nền tảng số trong nắm tình hình nhân dân",
        "Bài kiểm tra cuối khóa",
        CIVIC,
    ),
    QuizSpec("to-cong-nghe-so-cong-dong", "Tổ công nghệ số cộng đồng", "Bài kiểm tra cuối khóa", TEAM),
]

QUIZ_SETTINGS = {
    "question_count": 10,
    "pass_mark": 80,
    "time_limit_seconds": 15 * 60,
    "attempt_limit": 3,
    "min_wait_seconds": 60,
    "review_policy": ReviewPolicy.AFTER_SUBMIT,
    "estimated_minutes": 20,
}


def _paragraph(text: str) -> str:
    return f"<p>{escape(text)}</p>"


def seed_bank(spec: QuizSpec) -> QuestionBank:
    """The course's bank with every demo question; questions already there (by text) are left as trainers made them."""
    bank, _created = QuestionBank.objects.get_or_create(
        name=spec.bank, defaults={"description": "Ngân hàng câu hỏi mẫu của khóa học (dữ liệu trình diễn)."}
    )
    existing = set(bank.questions.values_list("stem_text", flat=True))
    categories = {}
    for item in spec.questions:
        if item.stem in existing:
            continue
        if item.category not in categories:
            categories[item.category] = QuestionCategory.objects.get_or_create(name=item.category)[0]
        question = Question(
            bank=bank,
            category=categories[item.category],
            kind=item.kind,
            scoring=Question.Scoring.PARTIAL if item.partial else Question.Scoring.ALL_OR_NOTHING,
            stem=_paragraph(item.stem),
            explanation=_paragraph(item.explanation),
        )
        question.save()
        Choice.objects.bulk_create(
            [
                Choice(question=question, text=text, is_correct=correct, sort_order=order)
                for order, (text, correct) in enumerate(item.choices)
            ]
        )
    return bank


def seed_quiz_page(course: CoursePage, bank: QuestionBank, spec: QuizSpec) -> QuizPage:
    """The course's final quiz, created once and kept as the course's last step."""
    quiz = QuizPage.objects.child_of(course).first()
    if quiz is None:
        quiz = QuizPage(title=spec.title, slug=QUIZ_SLUG, intro=spec.intro, **QUIZ_SETTINGS)
        quiz.banks = [bank]
        course.add_child(instance=quiz)
        quiz.save_revision().publish()
        quiz.refresh_from_db()
    last = course.get_last_child()
    if last is not None and last.pk != quiz.pk:
        quiz.move(course, pos="last-child")
        quiz.refresh_from_db()
    return quiz


# --- Demo attempts ---------------------------------------------------------------------------------


def _form(attempt, right: int, rng: random.Random) -> dict[str, list[str]]:
    """A cadre's answers: ``right`` questions answered correctly, the others with one wrong choice."""
    question_ids = [item["q"] for item in attempt.snapshot]
    correct: dict[int, set[int]] = {}
    for choice_id, question_id in Choice.objects.filter(question_id__in=question_ids, is_correct=True).values_list(
        "pk", "question_id"
    ):
        correct.setdefault(question_id, set()).add(choice_id)
    good_positions = set(rng.sample(range(len(attempt.snapshot)), min(right, len(attempt.snapshot))))
    form = {}
    for index, item in enumerate(attempt.snapshot):
        good = correct.get(item["q"], set())
        if index in good_positions:
            form[f"q-{item['t']}"] = [token for choice_id, token in item["c"] if choice_id in good]
        else:
            form[f"q-{item['t']}"] = [rng.choice([token for choice_id, token in item["c"] if choice_id not in good])]
    return form


def _take(user: User, quiz: QuizPage, *, right: int, when: datetime.datetime, rng: random.Random) -> bool:
    """One attempt through the real services, back-dated. False when the rules refuse it (locked, limit...)."""
    try:
        with transaction.atomic():
            attempt = quiz_services.attempt_start(user=user, quiz=quiz, rng=rng, now=when)
            spent = datetime.timedelta(minutes=rng.randint(6, 14), seconds=rng.randint(0, 59))
            form = _form(attempt, right, rng)
            quiz_services.attempt_submit(user=user, attempt=attempt, data=form, now=when + spent)
    except (PermissionDenied, ValidationError):
        return False
    return True


def _plan(*, finished: bool, ready: bool, early: bool, rng: random.Random) -> list[bool]:
    """Pass (True) or fail (False) for each attempt a cadre made, oldest first.

    Cadres who finished the course passed; those who did every other required step
    mostly pass, some after a failed try; in a course open in any order, some who did a
    third of it tried the quiz early, and most of them failed.
    """
    if finished:
        return [False, True] if rng.random() < 0.3 else [True]
    if not ready:
        if early and rng.random() < 0.7:
            return [False] if rng.random() < 0.65 else [True]
        return []
    roll = rng.random()
    if roll < 0.35:
        return [True]
    if roll < 0.6:
        return [False, True]
    if roll < 0.85:
        return [False]
    return [False, False]


def seed_attempts(quizzes: list[QuizPage], *, demo_cadre: User | None = None) -> int:
    """Demo attempts for the synthetic cadres ("canbo_…") who reached each quiz, and one failed try for
    the demo cadre (who has not passed, so the demo journey can still pass the quiz). Returns how many."""
    now = timezone.now()
    made = 0
    cadres = list(User.objects.filter(username__startswith="canbo_").order_by("username"))
    for quiz in quizzes:
        course = CoursePage.objects.get(pk=quiz.get_parent().pk)
        required = set(live_steps(course).filter(is_required=True).exclude(pk=quiz.pk).values_list("pk", flat=True))
        enrolments = {
            e.user_id: e for e in Enrollment.objects.filter(course=course, withdrawn_at__isnull=True, user__in=cadres)
        }
        done: dict[int, set[int]] = {}
        for user_id, step_id in StepCompletion.objects.filter(course=course).values_list("user_id", "step_id"):
            done.setdefault(user_id, set()).add(step_id)
        tried = set(quiz.attempts.values_list("user_id", flat=True))
        for cadre in cadres:
            enrolment = enrolments.get(cadre.pk)
            if enrolment is None or cadre.pk in tried:
                continue
            steps_done = done.get(cadre.pk, set())
            # One generator per cadre and quiz: a second run decides exactly as the first did.
            rng = random.Random(f"{cadre.username}/{quiz.slug}")  # noqa: S311 - demo data, not security
            plan = _plan(
                finished=bool(enrolment.completed_at) or quiz.pk in steps_done,
                ready=required <= steps_done,
                early=not course.sequential and 3 * len(required & steps_done) >= len(required),
                rng=rng,
            )
            day = now - datetime.timedelta(days=rng.randint(4, 30), hours=rng.randint(0, 10))
            for passed in plan:
                right = rng.randint(8, 10) if passed else rng.randint(3, 7)
                made += _take(cadre, quiz, right=right, when=day, rng=rng)
                day += datetime.timedelta(days=rng.randint(1, 3), hours=rng.randint(0, 6))
    if demo_cadre is not None:
        for quiz in quizzes:
            course = CoursePage.objects.get(pk=quiz.get_parent().pk)
            enrolled = Enrollment.objects.filter(user=demo_cadre, course=course, withdrawn_at__isnull=True).exists()
            if not enrolled or course.sequential or quiz.attempts.filter(user=demo_cadre).exists():
                continue
            rng = random.Random(f"demo_cadre/{quiz.slug}")  # noqa: S311 - demo data, not security
            made += _take(demo_cadre, quiz, right=4, when=now - datetime.timedelta(days=2), rng=rng)
            break
    return made


@transaction.atomic
def seed_quizzes() -> list[QuizPage]:
    """Question banks, one final quiz per demo course (its last step) and demo attempts. Idempotent.

    Finds the demo courses by slug; a course that does not exist (the optional fourth) is skipped.
    Run it after the courses and their progress are seeded.
    """
    quizzes = []
    for spec in SPECS:
        course = CoursePage.objects.filter(slug=spec.course_slug).first()
        if course is None:
            continue
        bank = seed_bank(spec)
        quizzes.append(seed_quiz_page(course, bank, spec))
    seed_attempts(quizzes, demo_cadre=User.objects.filter(username="demo_cadre").first())
    return quizzes
