"""Course 2: An toàn thông tin và bảo vệ dữ liệu cá nhân (free order, two self-check practices)."""

_PASSWORDS = [
    {
        "type": "paragraph",
        "value": (
            "<p>Tài khoản thư điện tử, Zalo, mạng xã hội hay phần mềm quản lý văn bản của cán bộ chứa nhiều "
            "thông tin công việc và thông tin của người dân. Mất một tài khoản, kẻ gian có thể mạo danh bạn để "
            "lừa người khác hoặc lấy dữ liệu.</p>"
            "<p>Hai lớp bảo vệ cơ bản nhất là một mật khẩu mạnh và xác thực hai lớp.</p>"
        ),
    },
    {"type": "heading", "value": {"text": "Thế nào là mật khẩu mạnh?", "level": "h2"}},
    {
        "type": "paragraph",
        "value": (
            "<ul>"
            "<li>Dài ít nhất mười hai ký tự; càng dài càng khó dò.</li>"
            "<li>Không dùng ngày sinh, số điện thoại, tên con, biển số xe hay dãy “123456”.</li>"
            "<li>Mỗi tài khoản quan trọng một mật khẩu riêng: lộ một mật khẩu không kéo theo các tài khoản "
            "khác.</li>"
            "<li>Không ghi mật khẩu vào giấy dán cạnh máy tính hay lưu trong ảnh chụp.</li>"
            "</ul>"
        ),
    },
    {
        "type": "callout",
        "value": {
            "kind": "tip",
            "title": "Cách tạo cụm mật khẩu dễ nhớ",
            "text": (
                "<p>Ghép bốn từ không liên quan đến nhau rồi thêm vài chữ số, ví dụ "
                "<em>buoi-xanh-trong-dinh-47</em>. Cụm này dài, dễ nhớ với bạn nhưng rất khó đoán với người "
                "khác. Đừng dùng đúng ví dụ này.</p>"
            ),
        },
    },
    {
        "type": "paragraph",
        "value": (
            "<p>Nếu có nhiều tài khoản, hãy dùng trình quản lý mật khẩu có sẵn trên điện thoại hoặc trình duyệt "
            "thay vì cố nhớ hết hay ghi ra sổ.</p>"
        ),
    },
    {"type": "heading", "value": {"text": "Xác thực hai lớp", "level": "h2"}},
    {
        "type": "glossary_term",
        "value": {
            "term": "Xác thực hai lớp",
            "definition": (
                "Cách đăng nhập cần hai thứ: điều bạn biết (mật khẩu) và điều bạn có (điện thoại nhận mã, ứng "
                "dụng xác thực) hoặc đặc điểm của bạn (vân tay, khuôn mặt)."
            ),
        },
    },
    {
        "type": "paragraph",
        "value": (
            "<p>Khi đã bật xác thực hai lớp, kẻ gian có biết mật khẩu vẫn không đăng nhập được nếu không có "
            "điện thoại của bạn. Đây là cách hiệu quả nhất để giữ tài khoản, và chỉ mất vài phút cài đặt.</p>"
        ),
    },
    {
        "type": "step_by_step",
        "value": {
            "title": "Bật xác thực hai lớp",
            "steps": [
                {
                    "text": (
                        "<p>Mở phần cài đặt của tài khoản, tìm mục <em>Bảo mật</em> hoặc <em>Mật khẩu và bảo "
                        "mật</em>.</p>"
                    ),
                    "screenshot": None,
                    "screenshot_alt": "",
                },
                {
                    "text": (
                        "<p>Chọn mục có tên “Xác minh 2 bước” hoặc “Xác thực hai yếu tố”; tên gọi khác nhau "
                        "tùy dịch vụ.</p>"
                    ),
                    "screenshot": None,
                    "screenshot_alt": "",
                },
                {
                    "text": (
                        "<p>Chọn cách nhận mã: ưu tiên ứng dụng xác thực hoặc lời nhắc trên điện thoại; tin nhắn "
                        "SMS là lựa chọn tối thiểu.</p>"
                    ),
                    "screenshot": None,
                    "screenshot_alt": "",
                },
                {
                    "text": "<p>Lưu các mã dự phòng ở nơi an toàn, phòng khi mất điện thoại.</p>",
                    "screenshot": None,
                    "screenshot_alt": "",
                },
                {
                    "text": "<p>Đăng xuất rồi đăng nhập thử để chắc chắn mọi thứ hoạt động.</p>",
                    "screenshot": None,
                    "screenshot_alt": "",
                },
            ],
        },
    },
    {
        "type": "callout",
        "value": {
            "kind": "warning",
            "title": "Mã xác thực là của riêng bạn",
            "text": (
                "<p>Không đọc mã xác thực cho bất kỳ ai, kể cả người xưng là nhân viên hỗ trợ, công an hay đồng "
                "nghiệp. Người cần mã của bạn chính là người đang cố chiếm tài khoản.</p>"
            ),
        },
    },
    {
        "type": "key_takeaways",
        "value": {
            "title": "Ghi nhớ",
            "points": [
                "Mật khẩu dài ít nhất mười hai ký tự, không dùng thông tin cá nhân dễ đoán.",
                "Mỗi tài khoản quan trọng một mật khẩu riêng.",
                "Bật xác thực hai lớp cho thư điện tử, ứng dụng nhắn tin và mạng xã hội dùng trong công việc.",
                "Lưu mã dự phòng ở nơi an toàn.",
                "Không bao giờ đọc mã xác thực cho người khác.",
            ],
        },
    },
]

_SCAMS = [
    {
        "type": "paragraph",
        "value": (
            "<p>Lừa đảo trực tuyến thay kịch bản liên tục nhưng luôn cùng một mục đích: lấy tiền hoặc lấy thông "
            "tin để chiếm tài khoản. Người cao tuổi, người ít dùng mạng thường là mục tiêu, và cán bộ cơ sở là "
            "người họ hỏi đầu tiên.</p>"
        ),
    },
    {"type": "heading", "value": {"text": "Các kịch bản thường gặp", "level": "h2"}},
    {
        "type": "paragraph",
        "value": (
            "<ul>"
            "<li>Giả danh công an, viện kiểm sát, tòa án: báo người dân “liên quan đến vụ án”, đòi chuyển tiền "
            "để “xác minh”.</li>"
            "<li>Giả danh nhân viên điện lực, thuế, bảo hiểm xã hội: báo cắt điện, hoàn thuế, nhận trợ cấp rồi "
            "yêu cầu cài ứng dụng qua đường link.</li>"
            "<li>Gọi điện đề nghị “cập nhật định danh điện tử”, “tích hợp giấy tờ” hộ người dân.</li>"
            "<li>Tin nhắn báo trúng thưởng hoặc tài khoản ngân hàng bị khóa, kèm đường link.</li>"
            "<li>Tài khoản mạng xã hội của người quen bị chiếm, nhắn mượn tiền, thậm chí gọi video bằng khuôn "
            "mặt giả.</li>"
            "</ul>"
        ),
    },
    {
        "type": "callout",
        "value": {
            "kind": "warning",
            "title": "Những việc cơ quan nhà nước không làm",
            "text": (
                "<p>Cơ quan nhà nước không yêu cầu chuyển tiền vào tài khoản cá nhân để “xác minh” hay “bảo "
                "đảm”, không hỏi mã OTP, mật khẩu qua điện thoại, không làm việc qua cuộc gọi video và không gửi "
                "đường link bắt cài ứng dụng qua tin nhắn.</p>"
            ),
        },
    },
    {"type": "heading", "value": {"text": "Dấu hiệu của đường link lạ", "level": "h2"}},
    {
        "type": "paragraph",
        "value": (
            "<p>Tên miền gần giống trang thật nhưng sai một vài chữ, thêm dấu gạch ngang hoặc đuôi lạ; trang của "
            "cơ quan nhà nước thường có đuôi <em>.gov.vn</em>. Đường link rút gọn không rõ dẫn tới đâu. Tệp cài "
            "đặt có đuôi <em>.apk</em> gửi qua tin nhắn hay mạng xã hội.</p>"
        ),
    },
    {
        "type": "step_by_step",
        "value": {
            "title": "Khi nhận cuộc gọi hoặc tin nhắn đáng ngờ",
            "steps": [
                {
                    "text": "<p>Dừng lại, không làm theo ngay dù bị hối thúc hay đe dọa.</p>",
                    "screenshot": None,
                    "screenshot_alt": "",
                },
                {
                    "text": "<p>Không bấm đường link, không cài ứng dụng, không đọc mã cho ai.</p>",
                    "screenshot": None,
                    "screenshot_alt": "",
                },
                {
                    "text": (
                        "<p>Gác máy và tự gọi lại số chính thức của cơ quan, hoặc gọi cho người thân bằng số đã "
                        "lưu sẵn để xác minh.</p>"
                    ),
                    "screenshot": None,
                    "screenshot_alt": "",
                },
                {
                    "text": (
                        "<p>Nếu đã lỡ cung cấp thông tin hoặc chuyển tiền, gọi ngay tổng đài ngân hàng để khóa "
                        "tài khoản và báo công an xã, phường.</p>"
                    ),
                    "screenshot": None,
                    "screenshot_alt": "",
                },
                {
                    "text": (
                        "<p>Chia sẻ cảnh báo trong nhóm của thôn, tổ dân phố, không nêu thông tin cá nhân của "
                        "người bị lừa.</p>"
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
            "title": "Một câu dặn dễ nhớ cho người cao tuổi",
            "text": (
                "<p>Thay vì giảng giải dài, hãy dặn: “Ai gọi đòi tiền, đòi mã thì gác máy, gọi cho con cháu hoặc "
                "công an xã.”</p>"
            ),
        },
    },
    {
        "type": "key_takeaways",
        "value": {
            "title": "Ghi nhớ",
            "points": [
                "Cơ quan nhà nước không đòi chuyển tiền, không hỏi mã OTP qua điện thoại.",
                "Không bấm link lạ, không cài ứng dụng từ đường link gửi qua tin nhắn.",
                "Nghi ngờ thì gác máy và tự gọi lại số chính thức để xác minh.",
                "Lỡ chuyển tiền: gọi ngay ngân hàng và báo công an xã, phường.",
                "Chia sẻ cảnh báo cho người dân mà không nêu thông tin của người bị lừa.",
            ],
        },
    },
]

_PERSONAL_DATA = [
    {
        "type": "paragraph",
        "value": (
            "<p>Trong công việc hằng ngày, cán bộ cơ sở thường thu thập thông tin của người dân: danh sách người "
            "cao tuổi, đối tượng chính sách, số điện thoại để lập nhóm trao đổi, ảnh giấy tờ để hỗ trợ làm thủ "
            "tục. Đó đều là dữ liệu cá nhân, và người dân có quyền được bảo vệ.</p>"
        ),
    },
    {
        "type": "glossary_term",
        "value": {
            "term": "Dữ liệu cá nhân",
            "definition": (
                "Thông tin gắn với một người cụ thể hoặc giúp nhận ra người đó: họ tên, ngày sinh, số định danh "
                "cá nhân, số điện thoại, địa chỉ, ảnh chân dung. Những thông tin như tình trạng sức khỏe, tôn "
                "giáo, tài chính là dữ liệu nhạy cảm, cần bảo vệ chặt hơn."
            ),
        },
    },
    {"type": "heading", "value": {"text": "Bốn nguyên tắc khi thu thập", "level": "h2"}},
    {
        "type": "step_by_step",
        "value": {
            "title": "Bốn nguyên tắc",
            "steps": [
                {
                    "text": (
                        "<p><strong>Chỉ thu thập điều cần.</strong> Trước khi lập danh sách hay biểu mẫu, hỏi: "
                        "mục đích là gì, cần những thông tin nào? Bỏ những cột “để sau này có khi dùng”.</p>"
                    ),
                    "screenshot": None,
                    "screenshot_alt": "",
                },
                {
                    "text": (
                        "<p><strong>Nói rõ và được đồng ý.</strong> Cho người dân biết thông tin dùng để làm gì, "
                        "ai được xem, lưu trong bao lâu; chỉ thu thập khi họ đồng ý.</p>"
                    ),
                    "screenshot": None,
                    "screenshot_alt": "",
                },
                {
                    "text": (
                        "<p><strong>Lưu giữ an toàn.</strong> Lưu ở nơi cơ quan cho phép, có mật khẩu, giới hạn "
                        "người được xem. Không để danh sách giấy trên bàn hay trong nhóm chat.</p>"
                    ),
                    "screenshot": None,
                    "screenshot_alt": "",
                },
                {
                    "text": (
                        "<p><strong>Chia sẻ đúng quy định.</strong> Chỉ chuyển cho người, cơ quan có nhiệm vụ; "
                        "khi hết mục đích thì xóa hoặc hủy theo hướng dẫn.</p>"
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
            "kind": "warning",
            "title": "Những việc không được làm",
            "text": (
                "<p>Không đăng ảnh thẻ căn cước, danh sách có số điện thoại, địa chỉ của người dân lên nhóm chat "
                "chung hay mạng xã hội. Không dùng thông tin thu thập cho việc này để làm việc khác.</p>"
            ),
        },
    },
    {"type": "heading", "value": {"text": "Tình huống thường gặp", "level": "h2"}},
    {
        "type": "paragraph",
        "value": (
            "<p><strong>Hỗ trợ nộp hồ sơ trực tuyến.</strong> Để người dân tự chụp giấy tờ bằng máy của họ. "
            "Nếu buộc phải dùng máy của bạn, xóa ảnh ngay khi nộp xong, kể cả trong mục ảnh đã xóa gần đây.</p>"
            "<p><strong>Công khai danh sách.</strong> Khi niêm yết danh sách, chẳng hạn danh sách nhận hỗ trợ, "
            "chỉ đưa những thông tin cần để người dân giám sát, không đưa số định danh hay số điện thoại.</p>"
            "<p><strong>Lập biểu mẫu khảo sát.</strong> Cho phép không ghi tên nếu không cần liên hệ lại, và ghi "
            "rõ mục đích ngay ở đầu biểu mẫu.</p>"
        ),
    },
    {
        "type": "callout",
        "value": {
            "kind": "note",
            "title": "Kiểm tra quy định mới nhất",
            "text": (
                "<p>Quy định về bảo vệ dữ liệu cá nhân đang được hoàn thiện và có thể thay đổi. Khi cần xử lý dữ "
                "liệu nhạy cảm hoặc số lượng lớn, hãy hỏi cán bộ phụ trách của xã, phường hoặc công an xã về "
                "hướng dẫn đang áp dụng.</p>"
            ),
        },
    },
    {
        "type": "key_takeaways",
        "value": {
            "title": "Ghi nhớ",
            "points": [
                "Chỉ thu thập thông tin thật sự cần cho mục đích đã nêu.",
                "Nói rõ mục đích và được người dân đồng ý trước khi thu thập.",
                "Lưu ở nơi cơ quan cho phép, giới hạn người được xem.",
                "Không đăng giấy tờ, danh sách có thông tin cá nhân lên nhóm chat hay mạng xã hội.",
                "Hết mục đích thì xóa hoặc hủy theo hướng dẫn.",
            ],
        },
    },
]

_INCIDENTS = [
    {
        "type": "paragraph",
        "value": (
            "<p>Sự cố có thể xảy ra với bất kỳ ai. Điều quan trọng là bình tĩnh và làm đúng thứ tự để hạn chế "
            "thiệt hại, nhất là khi điện thoại có ứng dụng ngân hàng và dữ liệu của người dân.</p>"
        ),
    },
    {"type": "heading", "value": {"text": "Khi mất điện thoại", "level": "h2"}},
    {
        "type": "step_by_step",
        "value": {
            "title": "Việc cần làm ngay",
            "steps": [
                {
                    "text": ("<p>Mượn máy khác, gọi tổng đài nhà mạng để khóa SIM, tránh bị dùng để nhận mã OTP.</p>"),
                    "screenshot": None,
                    "screenshot_alt": "",
                },
                {
                    "text": "<p>Gọi tổng đài ngân hàng, ví điện tử để tạm khóa dịch vụ ngân hàng số.</p>",
                    "screenshot": None,
                    "screenshot_alt": "",
                },
                {
                    "text": (
                        "<p>Dùng tính năng tìm thiết bị của Google hoặc Apple trên máy khác để định vị, khóa máy "
                        "hoặc xóa dữ liệu từ xa.</p>"
                    ),
                    "screenshot": None,
                    "screenshot_alt": "",
                },
                {
                    "text": (
                        "<p>Đăng nhập thư điện tử, ứng dụng nhắn tin, mạng xã hội trên máy khác, đổi mật khẩu và "
                        "đăng xuất khỏi máy bị mất.</p>"
                    ),
                    "screenshot": None,
                    "screenshot_alt": "",
                },
                {
                    "text": (
                        "<p>Báo công an xã, phường; nếu máy có dữ liệu công việc, báo ngay lãnh đạo cơ quan "
                        "hoặc tổ trưởng.</p>"
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
            "title": "Chuẩn bị từ hôm nay",
            "text": (
                "<p>Ghi số tổng đài ngân hàng và nhà mạng vào sổ tay, bật tính năng tìm thiết bị, đặt khóa màn "
                "hình. Những việc này mất năm phút nhưng giúp bạn rất nhiều khi có sự cố.</p>"
            ),
        },
    },
    {"type": "heading", "value": {"text": "Khi tài khoản bị lộ hoặc bị chiếm", "level": "h2"}},
    {
        "type": "paragraph",
        "value": (
            "<p>Dấu hiệu: có thông báo đăng nhập từ nơi lạ, bạn bè nhận tin nhắn lạ từ tài khoản của bạn, mật "
            "khẩu bỗng không dùng được, thư điện tử bị tự động chuyển đi nơi khác.</p>"
            "<ol>"
            "<li>Nếu còn đăng nhập được, đổi mật khẩu ngay và bật xác thực hai lớp.</li>"
            "<li>Đăng xuất khỏi mọi thiết bị, xóa thiết bị lạ trong danh sách.</li>"
            "<li>Nếu không vào được, dùng chức năng khôi phục tài khoản chính thức của dịch vụ.</li>"
            "<li>Báo bạn bè, đồng nghiệp, các nhóm chat: không chuyển tiền, không bấm link gửi từ tài khoản của "
            "bạn.</li>"
            "<li>Kiểm tra các thiết lập bị thay đổi: số điện thoại khôi phục, thư khôi phục, quy tắc chuyển tiếp "
            "thư.</li>"
            "</ol>"
        ),
    },
    {
        "type": "callout",
        "value": {
            "kind": "warning",
            "title": "Cẩn thận với “dịch vụ lấy lại tài khoản”",
            "text": (
                "<p>Nhiều lời chào mời “lấy lại tài khoản nhanh” trên mạng thực chất là lừa đảo lần hai. Chỉ dùng "
                "kênh hỗ trợ chính thức của nền tảng.</p>"
            ),
        },
    },
    {
        "type": "paragraph",
        "value": (
            "<p>Sau sự cố, ghi lại chuyện gì đã xảy ra, đã làm gì, và chia sẻ bài học với đồng nghiệp để mọi "
            "người cùng phòng tránh.</p>"
        ),
    },
    {
        "type": "key_takeaways",
        "value": {
            "title": "Ghi nhớ",
            "points": [
                "Mất máy: khóa SIM, khóa ngân hàng số, khóa hoặc xóa máy từ xa, đổi mật khẩu.",
                "Máy có dữ liệu công việc: báo ngay lãnh đạo cơ quan hoặc tổ trưởng.",
                "Tài khoản bị lộ: đổi mật khẩu, đăng xuất mọi thiết bị, bật xác thực hai lớp.",
                "Báo bạn bè không chuyển tiền theo tin nhắn từ tài khoản bị chiếm.",
                "Chỉ dùng kênh khôi phục chính thức của nền tảng.",
            ],
        },
    },
]

_FAKE_NEWS = [
    {
        "type": "paragraph",
        "value": (
            "<p>Tin giả lan rất nhanh trong các nhóm cộng đồng, nhất là khi có thiên tai, dịch bệnh, thay đổi "
            "chính sách hay một vụ việc ở địa phương. Một tin sai về giải phóng mặt bằng hay “sắp thu khoản phí "
            "mới” có thể làm cả thôn hoang mang chỉ trong một buổi tối.</p>"
        ),
    },
    {
        "type": "glossary_term",
        "value": {
            "term": "Thông tin xấu độc",
            "definition": (
                "Thông tin sai sự thật, xuyên tạc hoặc kích động, nhằm gây hoang mang, chia rẽ và làm giảm niềm "
                "tin của người dân."
            ),
        },
    },
    {"type": "heading", "value": {"text": "Nhận diện", "level": "h2"}},
    {
        "type": "paragraph",
        "value": (
            "<ul>"
            "<li>Tiêu đề giật gân, nhiều dấu chấm than, kêu gọi “chia sẻ ngay”.</li>"
            "<li>Không có nguồn, hoặc nguồn chỉ là “người nhà làm trong ngành cho biết”.</li>"
            "<li>Ảnh, video bị cắt ghép hoặc đặt sai bối cảnh; giọng nói, khuôn mặt bị làm giả bằng công "
            "nghệ.</li>"
            "<li>Trộn một phần thật với phần bịa đặt để dễ tin.</li>"
            "<li>Trang giả giao diện báo chí hoặc trang của cơ quan nhà nước.</li>"
            "</ul>"
        ),
    },
    {"type": "heading", "value": {"text": "Không chia sẻ, kiểm tra, báo cáo", "level": "h2"}},
    {
        "type": "step_by_step",
        "value": {
            "title": "Khi gặp tin nghi là tin giả",
            "steps": [
                {
                    "text": (
                        "<p><strong>Không chia sẻ, không bình luận</strong>, kể cả để phản bác: mỗi lượt tương "
                        "tác làm tin lan rộng hơn.</p>"
                    ),
                    "screenshot": None,
                    "screenshot_alt": "",
                },
                {
                    "text": (
                        "<p><strong>Kiểm tra</strong> với nguồn chính thống: trang của cơ quan có thẩm quyền, báo "
                        "chí chính thống, hoặc hỏi trực tiếp cơ quan chuyên môn.</p>"
                    ),
                    "screenshot": None,
                    "screenshot_alt": "",
                },
                {
                    "text": (
                        "<p><strong>Báo cáo</strong>: dùng chức năng báo cáo của nền tảng; lưu lại đường link, "
                        "ảnh chụp màn hình, thời điểm; báo cáo cấp trên theo quy định của cơ quan.</p>"
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
            "kind": "note",
            "title": "Kênh tiếp nhận phản ánh",
            "text": (
                "<p>Có các kênh chính thức tiếp nhận phản ánh tin giả trên mạng. Hỏi cán bộ phụ trách của xã, "
                "phường để biết kênh và mẫu báo cáo đang áp dụng ở địa phương.</p>"
            ),
        },
    },
    {"type": "heading", "value": {"text": "Vai trò của cán bộ tuyên giáo, dân vận", "level": "h2"}},
    {
        "type": "paragraph",
        "value": (
            "<p>Khi tin sai đã lan trong nhóm của thôn, tổ dân phố, cán bộ cần kịp thời đưa thông tin chính xác "
            "bằng lời lẽ ngắn gọn, dễ hiểu, dẫn nguồn rõ ràng. Không tranh cãi gay gắt; tôn trọng người đã lỡ "
            "chia sẻ, vì họ thường cũng là người bị lừa.</p>"
        ),
    },
    {
        "type": "callout",
        "value": {
            "kind": "warning",
            "title": "Không tự ý xử lý",
            "text": (
                "<p>Không đăng lại tin giả để phê phán, không công khai danh tính người đăng. Việc xác minh và xử "
                "lý vi phạm thuộc thẩm quyền của cơ quan chức năng.</p>"
            ),
        },
    },
    {
        "type": "key_takeaways",
        "value": {
            "title": "Ghi nhớ",
            "points": [
                "Tin giật gân, không nguồn, kêu gọi chia sẻ gấp là dấu hiệu cần nghi ngờ.",
                "Không chia sẻ, không bình luận tin nghi là giả, kể cả để phản bác.",
                "Kiểm tra với nguồn chính thống trước khi trả lời người dân.",
                "Lưu bằng chứng và báo cáo qua kênh chính thức.",
                "Đưa thông tin đúng một cách bình tĩnh, tôn trọng người đã lỡ chia sẻ.",
            ],
        },
    },
]

COURSE = {
    "slug": "an-toan-thong-tin",
    "title": "An toàn thông tin và bảo vệ dữ liệu cá nhân",
    "intro": (
        "<p>Tài khoản của cán bộ và thông tin của người dân là mục tiêu của kẻ gian trên mạng. Khóa học giúp bạn "
        "tự bảo vệ mình và bảo vệ <strong>dữ liệu cá nhân của người dân</strong> mà bạn thu thập, lưu giữ hằng "
        "ngày.</p>"
        "<p>Các bài học độc lập với nhau, bạn có thể học theo thứ tự bất kỳ. Hai bài thực hành tự kiểm tra "
        "giúp bạn làm ngay trên điện thoại của mình.</p>"
    ),
    "outcomes": (
        "<ul>"
        "<li>Đặt mật khẩu mạnh và bật xác thực hai lớp cho các tài khoản dùng trong công việc.</li>"
        "<li>Nhận diện tin nhắn, cuộc gọi giả danh cơ quan nhà nước và đường link lạ.</li>"
        "<li>Thu thập, lưu giữ và chia sẻ thông tin của người dân đúng nguyên tắc bảo vệ dữ liệu cá nhân.</li>"
        "<li>Xử lý đúng thứ tự khi mất điện thoại hoặc lộ tài khoản.</li>"
        "<li>Nhận diện tin giả, không chia sẻ và báo cáo qua kênh chính thức.</li>"
        "</ul>"
    ),
    "topic": "security",
    "level": "basic",
    "audience": "all",
    "estimated_minutes": 80,
    "hours": "3",
    "sequential": False,
    "steps": [
        {
            "kind": "lesson",
            "slug": "mat-khau-manh-va-xac-thuc-hai-lop",
            "title": "Mật khẩu mạnh và xác thực hai lớp",
            "summary": "Đặt mật khẩu khó đoán, không dùng lại, và thêm lớp bảo vệ thứ hai cho tài khoản quan trọng.",
            "estimated_minutes": 10,
            "body": _PASSWORDS,
        },
        {
            "kind": "practice",
            "slug": "bat-xac-thuc-hai-lop",
            "title": "Bật xác thực hai lớp cho tài khoản công việc",
            "estimated_minutes": 15,
            "is_required": True,
            "instructions": (
                "<p>Làm ngay trên điện thoại của bạn, theo các bước trong bài học về mật khẩu và xác thực hai "
                "lớp.</p>"
                "<ol>"
                "<li>Liệt kê các tài khoản bạn dùng cho công việc: thư điện tử, ứng dụng nhắn tin, mạng xã hội, "
                "phần mềm của cơ quan.</li>"
                "<li>Với từng tài khoản, vào phần bảo mật và bật xác thực hai lớp. Nếu ứng dụng nhắn tin chưa có "
                "chức năng này, hãy bật mã khóa ứng dụng.</li>"
                "<li>Lưu mã dự phòng ở nơi an toàn, không lưu trong ảnh chụp trên chính điện thoại đó.</li>"
                "<li>Xem danh sách thiết bị đang đăng nhập và đăng xuất khỏi thiết bị lạ hoặc không còn "
                "dùng.</li>"
                "<li>Đánh dấu từng mục trong danh sách khi đã làm xong.</li>"
                "</ol>"
            ),
            "checklist": [
                "Đã bật xác thực hai lớp cho thư điện tử dùng trong công việc",
                "Đã bật xác thực hai lớp hoặc mã khóa cho ứng dụng nhắn tin dùng trong công việc",
                "Đã bật xác thực hai lớp cho tài khoản mạng xã hội",
                "Đã lưu mã dự phòng ở nơi an toàn",
                "Đã đăng xuất khỏi các thiết bị lạ hoặc không còn dùng",
            ],
            "completion": "self_check",
            "evidence_hint": "",
        },
        {
            "kind": "lesson",
            "slug": "nhan-dien-lua-dao-truc-tuyen",
            "title": "Nhận diện lừa đảo trực tuyến",
            "summary": (
                "Nhận ra tin nhắn, cuộc gọi giả danh cơ quan nhà nước và đường link lạ, và biết phải làm gì khi gặp."
            ),
            "estimated_minutes": 10,
            "body": _SCAMS,
        },
        {
            "kind": "lesson",
            "slug": "bao-ve-du-lieu-ca-nhan-cua-nguoi-dan",
            "title": "Bảo vệ dữ liệu cá nhân khi thu thập thông tin của người dân",
            "summary": "Chỉ thu thập điều cần, được người dân đồng ý, lưu giữ và chia sẻ đúng quy định.",
            "estimated_minutes": 10,
            "body": _PERSONAL_DATA,
        },
        {
            "kind": "lesson",
            "slug": "xu-ly-su-co-mat-dien-thoai-lo-tai-khoan",
            "title": "Xử lý sự cố: mất điện thoại, lộ tài khoản",
            "summary": "Làm gì, theo thứ tự nào, khi mất điện thoại hoặc phát hiện tài khoản bị người khác dùng.",
            "estimated_minutes": 10,
            "body": _INCIDENTS,
        },
        {
            "kind": "practice",
            "slug": "ra-soat-quyen-ung-dung",
            "title": "Rà soát quyền của các ứng dụng trên điện thoại",
            "estimated_minutes": 15,
            "is_required": True,
            "instructions": (
                "<p>Dành mười lăm phút xem lại những gì các ứng dụng được phép làm trên điện thoại của bạn.</p>"
                "<ol>"
                "<li>Mở <strong>Cài đặt</strong>, vào mục Quyền riêng tư (iPhone) hoặc Ứng dụng, Trình quản lý "
                "quyền (Android).</li>"
                "<li>Xem lần lượt các quyền nhạy cảm: vị trí, máy ảnh, micro, danh bạ, tin nhắn, ảnh và tệp.</li>"
                "<li>Với mỗi ứng dụng, tự hỏi có cần quyền đó không; chuyển sang “Chỉ khi dùng ứng dụng” hoặc "
                "“Không cho phép”.</li>"
                "<li>Kiểm tra quyền trợ năng và quyền quản trị thiết bị; tắt ngay với ứng dụng lạ.</li>"
                "<li>Gỡ những ứng dụng bạn không dùng từ lâu.</li>"
                "</ol>"
            ),
            "checklist": [
                "Đã xem quyền vị trí, máy ảnh, micro của tất cả ứng dụng",
                "Đã thu hồi quyền đọc danh bạ và tin nhắn của ứng dụng không cần đến",
                "Không còn ứng dụng lạ có quyền trợ năng hoặc quyền quản trị thiết bị",
                "Đã gỡ các ứng dụng không dùng",
                "Điện thoại đã cập nhật hệ điều hành mới nhất",
            ],
            "completion": "self_check",
            "evidence_hint": "",
        },
        {
            "kind": "lesson",
            "slug": "tin-gia-va-thong-tin-xau-doc",
            "title": "Tin giả và thông tin xấu độc: nhận diện, không chia sẻ, báo cáo",
            "summary": "Nhận ra tin giả, không để mình thành người phát tán, và báo cáo qua kênh chính thức.",
            "estimated_minutes": 10,
            "body": _FAKE_NEWS,
        },
    ],
}
