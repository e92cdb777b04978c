"""Course 4 (optional): Tổ công nghệ số cộng đồng: vai trò và cách hỗ trợ người dân."""

_TEAM_DUTIES = [
    {
        "type": "paragraph",
        "value": (
            "<p>Tổ công nghệ số cộng đồng là lực lượng ở gần dân nhất trong chuyển đổi số. Tổ được lập ở thôn, "
            "tổ dân phố, gồm những người hiểu địa bàn và biết dùng công nghệ: trưởng thôn, cán bộ Mặt trận, chi "
            "hội trưởng các hội, đoàn viên thanh niên. Thành phần cụ thể do xã, phường quyết định.</p>"
            "<p>Mục tiêu của tổ là để mỗi người dân, mỗi hộ gia đình đều có thể trở thành công dân số, không ai "
            "bị bỏ lại phía sau.</p>"
        ),
    },
    {"type": "heading", "value": {"text": "Tổ làm những việc gì", "level": "h2"}},
    {
        "type": "paragraph",
        "value": (
            "<ul>"
            "<li><strong>Tuyên truyền</strong>: giúp người dân hiểu lợi ích của chuyển đổi số, chính quyền số, "
            "xã hội số.</li>"
            "<li><strong>Hướng dẫn</strong>: cài đặt và sử dụng ứng dụng thiết yếu như VNeID, dịch vụ công trực "
            "tuyến, thanh toán không dùng tiền mặt, ứng dụng y tế, giáo dục.</li>"
            "<li><strong>Giữ an toàn</strong>: nhắc người dân cảnh giác lừa đảo, bảo vệ thông tin cá nhân.</li>"
            "<li><strong>Kết nối</strong>: tiếp nhận khó khăn, phản ánh, kiến nghị về dịch vụ số và chuyển đến "
            "nơi giải quyết.</li>"
            "<li><strong>Ghi nhận, báo cáo</strong> kết quả hỗ trợ cho xã, phường.</li>"
            "</ul>"
        ),
    },
    {
        "type": "callout",
        "value": {
            "kind": "note",
            "title": "Nhiệm vụ cụ thể ở địa phương",
            "text": (
                "<p>Mỗi xã, phường có kế hoạch và chỉ tiêu riêng. Hãy đọc quyết định thành lập tổ và kế hoạch "
                "của xã, phường; hỏi tổ trưởng nếu chưa rõ phần việc của mình.</p>"
            ),
        },
    },
    {"type": "heading", "value": {"text": "Những việc tổ không làm", "level": "h2"}},
    {
        "type": "paragraph",
        "value": (
            "<p>Tổ hỗ trợ người dân tự làm, không làm thay. Thành viên tổ không giữ mật khẩu, mã OTP hay giấy tờ "
            "của người dân; không thu tiền khi hỗ trợ; không giới thiệu, bán sản phẩm hay dịch vụ thương "
            "mại.</p>"
        ),
    },
    {
        "type": "step_by_step",
        "value": {
            "title": "Một buổi hỗ trợ điển hình",
            "steps": [
                {
                    "text": "<p>Chào hỏi, giới thiệu mình là thành viên tổ, hỏi người dân đang cần làm gì.</p>",
                    "screenshot": None,
                    "screenshot_alt": "",
                },
                {
                    "text": ("<p>Kiểm tra điện thoại: pin, kết nối mạng, bộ nhớ còn trống, phiên bản ứng dụng.</p>"),
                    "screenshot": None,
                    "screenshot_alt": "",
                },
                {
                    "text": "<p>Hướng dẫn từng bước để người dân tự thao tác trên máy của mình.</p>",
                    "screenshot": None,
                    "screenshot_alt": "",
                },
                {
                    "text": (
                        "<p>Nhắc các lưu ý an toàn: không chia sẻ mã OTP, cảnh giác với cuộc gọi và đường link lạ.</p>"
                    ),
                    "screenshot": None,
                    "screenshot_alt": "",
                },
                {
                    "text": "<p>Ghi nhận kết quả và hẹn lần sau nếu còn việc dang dở.</p>",
                    "screenshot": None,
                    "screenshot_alt": "",
                },
            ],
        },
    },
    {
        "type": "key_takeaways",
        "value": {
            "title": "Ghi nhớ",
            "points": [
                "Tổ công nghệ số cộng đồng là cầu nối giữa chính quyền số và từng hộ dân.",
                "Năm việc chính: tuyên truyền, hướng dẫn, giữ an toàn, kết nối, ghi nhận báo cáo.",
                "Hỗ trợ người dân tự làm, không làm thay, không giữ mật khẩu hay mã OTP.",
                "Không thu tiền, không giới thiệu sản phẩm thương mại.",
                "Nắm kế hoạch và chỉ tiêu của xã, phường mình.",
            ],
        },
    },
]

_TEACHING_ELDERS = [
    {
        "type": "paragraph",
        "value": (
            "<p>Với nhiều ông bà, chiếc điện thoại thông minh vừa hữu ích vừa đáng ngại: sợ bấm nhầm, sợ mất "
            "tiền, sợ làm hỏng máy. Người hướng dẫn giỏi không phải là người bấm nhanh nhất, mà là người giúp "
            "người học tự tin.</p>"
        ),
    },
    {"type": "heading", "value": {"text": "Trước khi bắt đầu", "level": "h2"}},
    {
        "type": "paragraph",
        "value": (
            "<p>Chọn chỗ ngồi đủ sáng, yên tĩnh. Nếu người dân đồng ý, tăng cỡ chữ và độ sáng màn hình. Hỏi xem "
            "họ đã biết làm gì và muốn làm gì; bắt đầu từ nhu cầu thật, chẳng hạn gọi video cho con cháu hay xem "
            "thẻ bảo hiểm y tế trên VNeID.</p>"
        ),
    },
    {
        "type": "step_by_step",
        "value": {
            "title": "Hướng dẫn theo ba lượt",
            "steps": [
                {
                    "text": ("<p><strong>Làm mẫu chậm</strong>: vừa làm vừa nói từng bước, chỉ rõ vị trí nút bấm.</p>"),
                    "screenshot": None,
                    "screenshot_alt": "",
                },
                {
                    "text": ("<p><strong>Làm cùng</strong>: người dân cầm máy, tự bấm; bạn nhắc từng bước.</p>"),
                    "screenshot": None,
                    "screenshot_alt": "",
                },
                {
                    "text": ("<p><strong>Tự làm</strong>: người dân làm lại một mình; bạn chỉ quan sát và khen.</p>"),
                    "screenshot": None,
                    "screenshot_alt": "",
                },
            ],
        },
    },
    {
        "type": "callout",
        "value": {
            "kind": "tip",
            "title": "Ghi các bước ra giấy",
            "text": (
                "<p>Viết các bước bằng chữ to trên một tờ giấy, vẽ hình nút bấm, để người dân giữ và làm lại ở "
                "nhà. Ghi thêm số điện thoại của thành viên tổ để họ gọi khi cần.</p>"
            ),
        },
    },
    {"type": "heading", "value": {"text": "Lời nói và thái độ", "level": "h2"}},
    {
        "type": "paragraph",
        "value": (
            "<ul>"
            "<li>Dùng từ quen thuộc: “bấm vào chữ Đồng ý màu xanh” dễ hiểu hơn “nhấn nút xác nhận”.</li>"
            "<li>Mỗi lần một việc; đừng dạy ba ứng dụng trong một buổi.</li>"
            "<li>Kiên nhẫn khi người dân hỏi lại nhiều lần; hỏi lại là đang học.</li>"
            "<li>Khen khi làm đúng; khi sai, nói nhẹ nhàng “mình thử lại nhé”.</li>"
            "</ul>"
        ),
    },
    {
        "type": "paragraph",
        "value": (
            "<p>Với người mắt kém, nghe kém hoặc run tay, hướng dẫn các tính năng hỗ trợ có sẵn trong máy như "
            "phóng to chữ, đọc màn hình, nhập bằng giọng nói.</p>"
        ),
    },
    {
        "type": "callout",
        "value": {
            "kind": "warning",
            "title": "Tôn trọng sự riêng tư",
            "text": (
                "<p>Không tự ý mở tin nhắn, ảnh hay ứng dụng ngân hàng trên máy người dân. Khi họ nhập mật khẩu "
                "hoặc mã OTP, hãy quay mặt đi.</p>"
            ),
        },
    },
    {
        "type": "key_takeaways",
        "value": {
            "title": "Ghi nhớ",
            "points": [
                "Bắt đầu từ nhu cầu thật của người dân.",
                "Hướng dẫn theo ba lượt: làm mẫu, làm cùng, tự làm.",
                "Dùng từ quen thuộc, mỗi lần một việc, kiên nhẫn và khen ngợi.",
                "Để lại tờ hướng dẫn chữ to và số điện thoại của tổ.",
                "Tôn trọng sự riêng tư; quay mặt đi khi người dân nhập mật khẩu, mã OTP.",
            ],
        },
    },
]

_HOUSEHOLD_PLAN = [
    {
        "type": "paragraph",
        "value": (
            "<p>Đi từng hộ là cách tốt nhất để không bỏ sót ai, nhất là người cao tuổi, người khuyết tật, hộ khó "
            "khăn. Nhưng đi mà không có kế hoạch thì dễ tốn công, trùng lặp và khó báo cáo.</p>"
        ),
    },
    {"type": "heading", "value": {"text": "Năm bước lập kế hoạch", "level": "h2"}},
    {
        "type": "step_by_step",
        "value": {
            "title": "Lập kế hoạch đi từng hộ",
            "steps": [
                {
                    "text": (
                        "<p><strong>Lập danh sách hộ</strong> trong địa bàn được phân công, dựa trên danh sách "
                        "của thôn, tổ dân phố. Chỉ ghi thông tin cần cho việc hỗ trợ.</p>"
                    ),
                    "screenshot": None,
                    "screenshot_alt": "",
                },
                {
                    "text": (
                        "<p><strong>Xác định nhu cầu</strong>: hộ nào chưa có tài khoản định danh điện tử, chưa "
                        "dùng dịch vụ công trực tuyến, chưa có tài khoản thanh toán, có người cần hỗ trợ đặc "
                        "biệt.</p>"
                    ),
                    "screenshot": None,
                    "screenshot_alt": "",
                },
                {
                    "text": (
                        "<p><strong>Xếp thứ tự ưu tiên</strong>: việc cấp thiết trước, như người sắp phải làm "
                        "thủ tục; các hộ ở gần nhau đi trong cùng một buổi.</p>"
                    ),
                    "screenshot": None,
                    "screenshot_alt": "",
                },
                {
                    "text": (
                        "<p><strong>Phân công và lên lịch</strong>: mỗi thành viên phụ trách một nhóm hộ; chọn "
                        "giờ người dân ở nhà, thường là buổi tối hoặc cuối tuần; hẹn trước qua trưởng thôn hoặc "
                        "điện thoại.</p>"
                    ),
                    "screenshot": None,
                    "screenshot_alt": "",
                },
                {
                    "text": (
                        "<p><strong>Chuẩn bị</strong>: sạc dự phòng, điện thoại có mạng, tờ hướng dẫn in sẵn, "
                        "sổ hoặc bảng ghi nhận.</p>"
                    ),
                    "screenshot": None,
                    "screenshot_alt": "",
                },
            ],
        },
    },
    {
        "type": "callout",
        "value": {
            "kind": "tip",
            "title": "Kết hợp với sinh hoạt cộng đồng",
            "text": (
                "<p>Có thể mở một điểm hỗ trợ ở nhà văn hóa vào buổi họp thôn, tổ dân phố, rồi chỉ đến tận nhà "
                "những hộ không đến được.</p>"
            ),
        },
    },
    {"type": "heading", "value": {"text": "Ví dụ kế hoạch một tuần", "level": "h2"}},
    {
        "type": "paragraph",
        "value": (
            "<ul>"
            "<li>Đầu tuần: họp tổ, thống nhất danh sách hai mươi hộ ưu tiên.</li>"
            "<li>Hai buổi tối giữa tuần: mỗi thành viên đến bốn, năm hộ.</li>"
            "<li>Cuối tuần: mở điểm hỗ trợ ở nhà văn hóa cho các hộ hẹn lại.</li>"
            "<li>Cuối tuần: cập nhật kết quả và báo cáo tổ trưởng.</li>"
            "</ul>"
        ),
    },
    {
        "type": "callout",
        "value": {
            "kind": "note",
            "title": "Linh hoạt theo thực tế",
            "text": (
                "<p>Kế hoạch để dẫn đường, không phải để bám cứng. Điều chỉnh theo mùa vụ, thời tiết và công "
                "việc của người dân; tránh giờ cơm và giờ nghỉ trưa.</p>"
            ),
        },
    },
    {
        "type": "key_takeaways",
        "value": {
            "title": "Ghi nhớ",
            "points": [
                "Lập danh sách hộ và xác định nhu cầu trước khi đi.",
                "Ưu tiên việc cấp thiết và người cần hỗ trợ đặc biệt.",
                "Mỗi thành viên phụ trách một nhóm hộ, hẹn trước giờ người dân ở nhà.",
                "Chuẩn bị sạc dự phòng, tờ hướng dẫn và sổ ghi nhận.",
                "Kế hoạch linh hoạt theo mùa vụ và thời gian của người dân.",
            ],
        },
    },
]

_RECORDING = [
    {
        "type": "paragraph",
        "value": (
            "<p>Ghi nhận đều đặn giúp tổ biết mình đã làm được gì, hộ nào cần quay lại, vướng mắc nào lặp lại "
            "nhiều. Số liệu tốt giúp xã, phường điều chỉnh kế hoạch và ghi nhận công sức của tổ.</p>"
        ),
    },
    {"type": "heading", "value": {"text": "Ghi những gì", "level": "h2"}},
    {
        "type": "paragraph",
        "value": (
            "<p>Sau mỗi lần hỗ trợ, ghi ngắn gọn:</p>"
            "<ul>"
            "<li>Ngày, thành viên hỗ trợ, tên chủ hộ hoặc mã hộ.</li>"
            "<li>Việc đã hỗ trợ: kích hoạt định danh điện tử, nộp hồ sơ dịch vụ công trực tuyến, cài ứng dụng "
            "thanh toán, hướng dẫn an toàn.</li>"
            "<li>Kết quả: xong, chưa xong, hẹn lại.</li>"
            "<li>Vướng mắc: máy cũ không cài được, số điện thoại đăng ký không đúng, người dân chưa muốn "
            "dùng.</li>"
            "</ul>"
        ),
    },
    {
        "type": "callout",
        "value": {
            "kind": "warning",
            "title": "Ghi vừa đủ",
            "text": (
                "<p>Không ghi số định danh cá nhân, mật khẩu, số tài khoản ngân hàng của người dân vào sổ theo "
                "dõi. Tên chủ hộ hoặc mã hộ là đủ.</p>"
            ),
        },
    },
    {"type": "heading", "value": {"text": "Công cụ ghi nhận", "level": "h2"}},
    {
        "type": "paragraph",
        "value": (
            "<p>Tổ có thể dùng sổ giấy, bảng tính chung hoặc chức năng ghi nhận trên nền tảng này. Điều quan "
            "trọng là cả tổ dùng cùng một mẫu và ghi ngay trong ngày, khi còn nhớ rõ.</p>"
        ),
    },
    {
        "type": "step_by_step",
        "value": {
            "title": "Báo cáo định kỳ",
            "steps": [
                {
                    "text": (
                        "<p>Cuối tuần, mỗi thành viên rà lại các dòng ghi nhận của mình và bổ sung chỗ thiếu.</p>"
                    ),
                    "screenshot": None,
                    "screenshot_alt": "",
                },
                {
                    "text": (
                        "<p>Tổ trưởng tổng hợp: số hộ đã đến, số lượt hỗ trợ theo từng loại việc, số việc còn "
                        "dang dở.</p>"
                    ),
                    "screenshot": None,
                    "screenshot_alt": "",
                },
                {
                    "text": ("<p>Nêu ba vướng mắc gặp nhiều nhất và cách tổ đã xử lý hoặc đề xuất hướng xử lý.</p>"),
                    "screenshot": None,
                    "screenshot_alt": "",
                },
                {
                    "text": "<p>Gửi báo cáo theo mẫu và thời hạn của xã, phường.</p>",
                    "screenshot": None,
                    "screenshot_alt": "",
                },
                {
                    "text": "<p>Họp tổ ngắn để rút kinh nghiệm và điều chỉnh kế hoạch tuần sau.</p>",
                    "screenshot": None,
                    "screenshot_alt": "",
                },
            ],
        },
    },
    {
        "type": "callout",
        "value": {
            "kind": "tip",
            "title": "Thêm một câu chuyện",
            "text": (
                "<p>Bên cạnh số liệu, một câu chuyện ngắn, chẳng hạn một cụ bà lần đầu tự xem thẻ bảo hiểm y tế "
                "trên điện thoại, giúp báo cáo sinh động hơn. Chỉ kể khi người dân đồng ý và không nêu thông tin "
                "cá nhân.</p>"
            ),
        },
    },
    {
        "type": "key_takeaways",
        "value": {
            "title": "Ghi nhớ",
            "points": [
                "Ghi ngay sau mỗi lần hỗ trợ: ai, việc gì, kết quả, vướng mắc.",
                "Không ghi số định danh, mật khẩu, số tài khoản của người dân.",
                "Cả tổ dùng chung một mẫu ghi nhận.",
                "Báo cáo định kỳ có số liệu, vướng mắc chính và đề xuất.",
                "Họp tổ ngắn để rút kinh nghiệm sau mỗi đợt.",
            ],
        },
    },
]

COURSE = {
    "slug": "to-cong-nghe-so-cong-dong",
    "title": "Tổ công nghệ số cộng đồng: vai trò và cách hỗ trợ người dân",
    "intro": (
        "<p>Khóa học tự chọn dành cho thành viên Tổ công nghệ số cộng đồng ở thôn, tổ dân phố. Bạn sẽ nắm rõ "
        "nhiệm vụ của tổ và cách giúp từng hộ gia đình, từng bước một.</p>"
        "<p>Trọng tâm là <strong>giúp người dân tự làm được</strong>, đặc biệt là người cao tuổi và người chưa "
        "quen công nghệ.</p>"
    ),
    "outcomes": (
        "<ul>"
        "<li>Nêu được nhiệm vụ của Tổ công nghệ số cộng đồng và những việc tổ không làm.</li>"
        "<li>Hướng dẫn người cao tuổi, người chưa quen công nghệ một cách kiên nhẫn, dễ hiểu.</li>"
        "<li>Lập kế hoạch đi từng hộ: danh sách, nhu cầu, ưu tiên, phân công.</li>"
        "<li>Ghi nhận và báo cáo kết quả hỗ trợ mà không thu thập thông tin cá nhân thừa.</li>"
        "</ul>"
    ),
    "topic": "community_team",
    "level": "basic",
    "audience": "community_team",
    "estimated_minutes": 70,
    "hours": "2",
    "sequential": False,
    "steps": [
        {
            "kind": "lesson",
            "slug": "nhiem-vu-cua-to",
            "title": "Nhiệm vụ của Tổ công nghệ số cộng đồng",
            "summary": "Tổ làm những việc gì, không làm những việc gì, và một buổi hỗ trợ diễn ra thế nào.",
            "estimated_minutes": 10,
            "body": _TEAM_DUTIES,
        },
        {
            "kind": "lesson",
            "slug": "huong-dan-nguoi-cao-tuoi",
            "title": "Kỹ năng hướng dẫn người cao tuổi và người chưa quen công nghệ",
            "summary": "Làm mẫu, làm cùng, tự làm: cách giúp người học tự tin với chiếc điện thoại.",
            "estimated_minutes": 10,
            "body": _TEACHING_ELDERS,
        },
        {
            "kind": "lesson",
            "slug": "lap-ke-hoach-di-tung-ho",
            "title": "Lập kế hoạch đi từng hộ",
            "summary": "Năm bước để đi từng hộ không bỏ sót, không trùng lặp và dễ báo cáo.",
            "estimated_minutes": 10,
            "body": _HOUSEHOLD_PLAN,
        },
        {
            "kind": "practice",
            "slug": "lap-ke-hoach-ho-tro-mot-tuan",
            "title": "Lập kế hoạch hỗ trợ người dân trong một tuần",
            "estimated_minutes": 30,
            "is_required": True,
            "instructions": (
                "<p>Áp dụng năm bước trong bài học để lập kế hoạch cho một tuần làm việc của bạn trong tổ.</p>"
                "<ol>"
                "<li>Lấy danh sách các hộ được phân công; chọn ít nhất năm hộ cần hỗ trợ.</li>"
                "<li>Ghi nhu cầu của từng hộ bằng vài chữ, ví dụ “kích hoạt VNeID”, “nộp hồ sơ trực tuyến”, "
                "“cài ứng dụng ngân hàng”.</li>"
                "<li>Xếp thứ tự ưu tiên và chọn buổi đến từng hộ; hẹn trước với người dân.</li>"
                "<li>Chuẩn bị đồ dùng: sạc dự phòng, tờ hướng dẫn, sổ hoặc bảng ghi nhận.</li>"
                "<li>Gửi kế hoạch cho tổ trưởng và đánh dấu từng mục trong danh sách.</li>"
                "</ol>"
                "<p>Kế hoạch chỉ ghi tên chủ hộ hoặc mã hộ, không ghi số định danh hay số điện thoại.</p>"
            ),
            "checklist": [
                "Có danh sách ít nhất năm hộ cần hỗ trợ",
                "Đã ghi nhu cầu của từng hộ",
                "Đã xếp thứ tự ưu tiên và lịch đến từng hộ",
                "Đã hẹn trước với người dân",
                "Đã chuẩn bị sạc dự phòng, tờ hướng dẫn và sổ ghi nhận",
                "Đã gửi kế hoạch cho tổ trưởng",
            ],
            "completion": "self_check",
            "evidence_hint": "",
        },
        {
            "kind": "lesson",
            "slug": "ghi-nhan-va-bao-cao-ket-qua",
            "title": "Ghi nhận và báo cáo kết quả hỗ trợ",
            "summary": "Ghi gì sau mỗi lần hỗ trợ, ghi vừa đủ, và tổng hợp báo cáo định kỳ cho xã, phường.",
            "estimated_minutes": 10,
            "body": _RECORDING,
        },
    ],
}
